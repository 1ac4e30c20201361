package no.deling.core.http;

import no.deling.core.collections.IdentityKey;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI contract with one change: a request validator asks the schema repository for a
 * validator per parameter and body on every request, and the repository builds a new one each
 * time by copying its whole lookup table (every schema of the contract and the OpenAPI meta
 * schemas). Profiling showed that copy as the biggest cost of a request. Validators are immutable
 * once built, so we keep one per schema instance.
 */
public final class CachingContract implements OpenAPIContract {
  private final OpenAPIContract delegate;
  private final SchemaRepository repository;

  public CachingContract(OpenAPIContract delegate) {
    this.delegate = delegate;
    this.repository = new CachingRepository(delegate.getSchemaRepository());
  }

  @Override
  public Operation operation(String operationId) {
    return delegate.operation(operationId);
  }

  @Override
  public List<Operation> operations() {
    return delegate.operations();
  }

  @Override
  public List<Path> getPaths() {
    return delegate.getPaths();
  }

  @Override
  public JsonObject getRawContract() {
    return delegate.getRawContract();
  }

  @Override
  public OpenAPIVersion getVersion() {
    return delegate.getVersion();
  }

  @Override
  public SchemaRepository getSchemaRepository() {
    return repository;
  }

  @Override
  public List<Server> getServers() {
    return delegate.getServers();
  }

  @Override
  public Path findPath(String urlPath) {
    return delegate.findPath(urlPath);
  }

  @Override
  public Operation findOperation(String urlPath, HttpMethod method) {
    return delegate.findOperation(urlPath, method);
  }

  @Override
  public List<SecurityRequirement> getSecurityRequirements() {
    return delegate.getSecurityRequirements();
  }

  @Override
  public SecurityScheme securityScheme(String name) {
    return delegate.securityScheme(name);
  }

  private static final class CachingRepository implements SchemaRepository {
    private final SchemaRepository delegate;
    /** Keyed by identity: the contract hands out the same schema objects for every request. */
    private final Map<IdentityKey<JsonSchema>, Validator> validators = new ConcurrentHashMap<>();

    CachingRepository(SchemaRepository delegate) {
      this.delegate = delegate;
    }

    @Override
    public Validator validator(JsonSchema schema) {
      return validators.computeIfAbsent(new IdentityKey<>(schema), k -> delegate.validator(k.value()));
    }

    @Override
    public SchemaRepository dereference(JsonSchema schema) {
      delegate.dereference(schema);
      return this;
    }

    @Override
    public SchemaRepository dereference(String uri, JsonSchema schema) {
      delegate.dereference(uri, schema);
      return this;
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs) {
      delegate.preloadMetaSchema(fs);
      return this;
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
      delegate.preloadMetaSchema(fs, draft);
      return this;
    }

    @Override
    public Validator validator(String ref) {
      return delegate.validator(ref);
    }

    @Override
    public Validator validator(String ref, JsonSchemaOptions options) {
      return delegate.validator(ref, options);
    }

    @Override
    public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
      return delegate.validator(schema, options, dereference);
    }

    @Override
    public JsonObject resolve(JsonObject schema) {
      return delegate.resolve(schema);
    }

    @Override
    public JsonSchema find(String pointer) {
      return delegate.find(pointer);
    }
  }
}
