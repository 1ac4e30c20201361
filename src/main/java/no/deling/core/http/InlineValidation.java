package no.deling.core.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.RequestBody;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request validation against the OpenAPI contract, by the library's own validator, run on the
 * event loop. The router's built-in step hands every request to a worker thread and back
 * ({@code executeBlocking}); with validators cached ({@link CachingContract}) checking our small
 * bodies and parameters takes microseconds, so the two thread hops cost more than the check.
 * Errors are the library's, and reach {@link Problems} exactly as before.
 */
public final class InlineValidation {
  private final Validator validator;
  private final RequestExtractor extractor = RequestExtractor.withBodyHandler();

  public InlineValidation(Vertx vertx, OpenAPIContract contract) {
    this.validator = new Validator(vertx, contract);
  }

  public Handler<RoutingContext> handler(Operation operation) {
    return rc -> extractor.extractValidatableRequest(rc, operation)
        .compose(request -> validator.validate(request, operation.getOperationId()))
        .onSuccess(validated -> {
          rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
          rc.next();
        })
        .onFailure(e -> rc.fail(e instanceof ValidatorException ? new HttpException(400, e.getMessage(), e) : e));
  }

  private static final class Validator extends RequestValidatorImpl {
    private final Map<RequestBody, RequestBody> bodies = new ConcurrentHashMap<>();

    Validator(Vertx vertx, OpenAPIContract contract) {
      super(vertx, contract);
    }

    /** The operation's body, answering which media type a Content-Type header means from memory (null: none). */
    private RequestBody remembering(RequestBody body) {
      return body == null ? null : bodies.computeIfAbsent(body, KnownContentTypes::new);
    }

    /** The same steps as the library's, without the hop to a worker thread. */
    @Override
    public Future<ValidatedRequest> validate(ValidatableRequest request, String operationId) {
      Operation operation = contract.operation(operationId);
      if (operation == null) return super.validate(request, operationId);
      try {
        Map<String, RequestParameter> cookies = new HashMap<>();
        Map<String, RequestParameter> headers = new HashMap<>();
        Map<String, RequestParameter> path = new HashMap<>();
        Map<String, RequestParameter> query = new HashMap<>();
        for (Parameter param : operation.getParameters()) {
          switch (param.getIn()) {
            case COOKIE -> cookies.put(param.getName(), validateParameter(param, request.getCookies().get(param.getName())));
            case HEADER -> headers.put(param.getName(), validateParameter(param, request.getHeaders().get(param.getName())));
            case PATH -> path.put(param.getName(), validateParameter(param, request.getPathParameters().get(param.getName())));
            case QUERY -> query.put(param.getName(), validateParameter(param, request.getQuery().get(param.getName())));
            default -> { }
          }
        }
        RequestParameter body = validateBody(remembering(operation.getRequestBody()), request);
        return Future.succeededFuture(new ValidatedRequestImpl(cookies, headers, path, query, body));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
  }

  /**
   * A request body that remembers which media type each Content-Type header it was asked about
   * means. The library strips the header's spaces with a regular expression it compiles anew for
   * every request, a percent of the event loop under a flood of posts. Headers come from clients:
   * only the first few distinct ones are remembered, the rest asked afresh.
   */
  private static final class KnownContentTypes implements RequestBody {
    private static final int REMEMBERED = 32;
    private final RequestBody delegate;
    private final Map<String, MediaType> known = new ConcurrentHashMap<>();

    KnownContentTypes(RequestBody delegate) {
      this.delegate = delegate;
    }

    @Override
    public MediaType determineContentType(String contentType) {
      if (contentType == null) return delegate.determineContentType(null);
      MediaType type = known.get(contentType);
      if (type != null) return type;
      type = delegate.determineContentType(contentType);
      if (type != null && known.size() < REMEMBERED) known.put(contentType, type);
      return type;
    }

    @Override
    public boolean isRequired() {
      return delegate.isRequired();
    }

    @Override
    public Map<String, MediaType> getContent() {
      return delegate.getContent();
    }

    @Override
    public JsonObject getOpenAPIModel() {
      return delegate.getOpenAPIModel();
    }

    @Override
    public Map<String, Object> getExtensions() {
      return delegate.getExtensions();
    }
  }
}
