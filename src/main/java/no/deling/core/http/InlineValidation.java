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
    Operation withoutQuery = new WithoutQuery(operation);
    return rc -> extractor.extractValidatableRequest(rc, withoutQuery)
        .map(request -> withQueryAsSent(request, operation, rc))
        .compose(request -> validator.validate(request, operation.getOperationId()))
        .onSuccess(validated -> {
          rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
          rc.next();
        })
        .onFailure(e -> rc.fail(e instanceof ValidatorException ? new HttpException(400, e.getMessage(), e) : e));
  }

  /**
   * The query parameters as Vert.x decoded them, once. The library decodes the decoded values a
   * second time, so a search for "50% off" or a file named "50% draft.txt" was refused as a value
   * that "can't be decoded".
   */
  private static ValidatableRequest withQueryAsSent(ValidatableRequest request, Operation operation, RoutingContext rc) {
    Map<String, RequestParameter> query = null;
    for (Parameter param : operation.getParameters()) {
      if (!WithoutQuery.asSent(param)) continue;
      if (query == null) query = new HashMap<>(request.getQuery());
      java.util.List<String> values = rc.queryParams().getAll(param.getName());
      // a text given twice is its first value, as the library took it
      query.put(param.getName(), new io.vertx.openapi.validation.impl.RequestParameterImpl(values.isEmpty() ? null : values.get(0)));
    }
    if (query == null) return request;
    return new io.vertx.openapi.validation.impl.ValidatableRequestImpl(request.getCookies(), request.getHeaders(), request.getPathParameters(),
        query, request.getBody(), request.getContentType());
  }

  /**
   * The operation without its text query parameters, which {@link #withQueryAsSent} extracts
   * instead (lists, numbers and the like stay the library's: their values never hold a '%').
   */
  private record WithoutQuery(Operation operation, java.util.List<Parameter> parameters) implements Operation {
    WithoutQuery(Operation operation) {
      this(operation, operation.getParameters().stream().filter(p -> !asSent(p)).toList());
    }

    static boolean asSent(Parameter p) {
      return p.getIn() == io.vertx.openapi.contract.Location.QUERY && p.getSchemaType() == io.vertx.json.schema.common.dsl.SchemaType.STRING;
    }

    @Override public String getOperationId() { return operation.getOperationId(); }
    @Override public io.vertx.core.http.HttpMethod getHttpMethod() { return operation.getHttpMethod(); }
    @Override public String getOpenAPIPath() { return operation.getOpenAPIPath(); }
    @Override public String getAbsoluteOpenAPIPath() { return operation.getAbsoluteOpenAPIPath(); }
    @Override public java.util.List<String> getTags() { return operation.getTags(); }
    @Override public java.util.List<Parameter> getParameters() { return parameters; }
    @Override public RequestBody getRequestBody() { return operation.getRequestBody(); }
    @Override public io.vertx.openapi.contract.Response getDefaultResponse() { return operation.getDefaultResponse(); }
    @Override public io.vertx.openapi.contract.Response getResponse(int status) { return operation.getResponse(status); }
    @Override public java.util.List<io.vertx.openapi.contract.SecurityRequirement> getSecurityRequirements() { return operation.getSecurityRequirements(); }
    @Override public JsonObject getOpenAPIModel() { return operation.getOpenAPIModel(); }
    @Override public Map<String, Object> getExtensions() { return operation.getExtensions(); }
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

    /**
     * A text parameter is the text as sent. The library reads every parameter as JSON first, so
     * {@code q="exact phrase"} lost its quotes, {@code q=2027} became a number (and was refused as
     * no string), and a backslash or a quote in a file name could not be decoded at all.
     */
    @Override
    public RequestParameter validateParameter(Parameter parameter, RequestParameter value) throws ValidatorException {
      if (value == null || value.isNull() || parameter.getSchemaType() != io.vertx.json.schema.common.dsl.SchemaType.STRING
          || !(value.get() instanceof String raw)) {
        return super.validateParameter(parameter, value);
      }
      io.vertx.json.schema.OutputUnit result = contract.getSchemaRepository().validator(parameter.getSchema()).validate(raw);
      try {
        result.checkValidity();
      } catch (io.vertx.json.schema.JsonSchemaValidationException e) {
        throw io.vertx.openapi.validation.SchemaValidationException.createErrorFromOutputUnitType(parameter, result, e);
      }
      return new io.vertx.openapi.validation.impl.RequestParameterImpl(raw);
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
