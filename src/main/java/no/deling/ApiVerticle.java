package no.deling;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import no.deling.core.http.CachingContract;
import no.deling.core.http.InlineValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import no.deling.announcements.AnnouncementRoutes;
import no.deling.auth.RateLimits;
import no.deling.privacy.ExportRoutes;
import no.deling.auth.AuthenticationHandler;
import no.deling.auth.DevLoginRoutes;
import no.deling.auth.TokenVerifier;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.StoreStatus;
import no.deling.metrics.ServerMetrics;
import no.deling.core.http.Problems;
import no.deling.core.http.RequestIds;
import no.deling.core.http.Utf8BodyCheck;
import no.deling.core.http.RequestGuard;
import no.deling.endorsements.EndorsementRoutes;
import no.deling.follows.FollowRoutes;
import no.deling.posts.PostRoutes;
import no.deling.stream.StreamRoutes;
import no.deling.timelines.TimelineRoutes;
import no.deling.users.UserRoutes;
import no.deling.scim.ScimRoutes;

/**
 * The HTTP API. Routes come from {@code schema/api/openapi.yaml}, which also validates every
 * request before a handler sees it; handlers live with their features.
 */
public final class ApiVerticle extends VerticleBase {
  static final String CONTRACT = "schema/api/openapi.yaml";
  private static final int MAX_BODY = 64 * 1024;
  private static final int IDLE_TIMEOUT_SECONDS = 30;

  private final Wiring wiring;
  private final TokenVerifier verifier;
  private final EventStore store;
  private final StreamRoutes streams;
  private HttpServer server;
  /** This event loop's link previews (its own HTTP client, as Vert.x would have it; the server's cache); null with previews off. */
  private no.deling.previews.LinkPreviews previews;

  private final ServerMetrics metrics;
  /** The contract, resolved by {@link #prepareContract} while the read side was read back. */
  private final Future<OpenAPIContract> contract;

  public ApiVerticle(Wiring wiring, TokenVerifier verifier, EventStore store, StreamRoutes streams, ServerMetrics metrics,
      Future<OpenAPIContract> contract) {
    this.contract = contract;
    this.metrics = metrics;
    this.wiring = wiring;
    this.verifier = verifier;
    this.store = store;
    this.streams = streams;
  }

  @Override
  public Future<?> start() {
    // On this verticle's own event loop: the contract was made on another context, and a callback on
    // its future runs there, so every instance's server listened on that one event loop and all
    // connections were served by it (one core's ceiling, while the other event loops idled).
    return Future.fromCompletionStage(contract.toCompletionStage(), context).compose(resolved -> {
      OpenAPIContract cached = new CachingContract(resolved);
      RouterBuilder rb = RouterBuilder.create(vertx, cached, RequestExtractor.withBodyHandler());
      InlineValidation validation = new InlineValidation(vertx, cached);
      // no multipart uploads anywhere (they would be written to disk by the handler); a file is one raw body, larger
      BodyHandler json = BodyHandler.create(false).setBodyLimit(MAX_BODY);
      BodyHandler file = BodyHandler.create(false).setBodyLimit(wiring.config().fileMaxBytes());
      rb.rootHandler(rc -> {
        if (!isUpload(rc)) {
          json.handle(rc);
          return;
        }
        // each upload is held in memory until it is stored: only so many at once, the rest asked to come back
        no.deling.files.FileQueries files = wiring.queries().files();
        if (!files.startUploading()) {
          files.traffic().busy();
          rc.response().putHeader("Retry-After", "1").putHeader("Connection", "close");
          Problems.send(rc, 503, "busy", "Too many uploads at once", "the server is storing " + no.deling.files.FileQueries.MAX_UPLOADING + " files; try again in a moment",
              List.of());
          return;
        }
        java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean(true);
        rc.addEndHandler(v -> {
          if (held.compareAndSet(true, false)) files.doneUploading();
        });
        file.handle(rc);
      });
      rb.rootHandler(new AuthenticationHandler(verifier, wiring));
      rb.rootHandler(new Utf8BodyCheck());
      rb.rootHandler(new RateLimits(wiring.limits().writes(), wiring.limits().logins()));
      rb.getRoutes().forEach(r -> r.setDoSecurity(false)); // AuthenticationHandler runs first, for every /api route
      // validation still by the library against the contract, but on the event loop (see InlineValidation)
      rb.getRoutes().forEach(r -> r.setDoValidation(false).addHandler(validation.handler(r.getOperation())));
      if (wiring.config().devLogin()) new DevLoginRoutes(verifier, wiring).mount(rb);
      else rb.getRoute("devLogin").addHandler(this::notFound);
      PostRoutes posts = new PostRoutes(wiring, p -> no.deling.questions.QuestionRouting.afterPublished(wiring, p));
      posts.mount(rb);
      new no.deling.integrations.IntegrationRoutes(wiring, posts).mount(rb);
      new FollowRoutes(wiring).mount(rb);
      new EndorsementRoutes(wiring).mount(rb);
      new UserRoutes(wiring).mount(rb);
      new no.deling.users.PhotoRoutes(wiring).mount(rb);
      new no.deling.email.EmailRoutes(wiring).mount(rb);
      new no.deling.push.PushRoutes(wiring).mount(rb);
      Config.Previews previewing = wiring.config().previews();
      previews = previewing.enabled() ? new no.deling.previews.LinkPreviews(new no.deling.previews.PreviewFetcher(vertx, previewing.internalHosts(),
          "Deling link preview (" + wiring.config().mail().publicUrl() + ")", metrics.previews()), wiring.clock()::millis, wiring.previews()) : null;
      new no.deling.previews.PreviewRoutes(wiring, previews).mount(rb);
      new TimelineRoutes(wiring).mount(rb);
      new AnnouncementRoutes(wiring).mount(rb);
      new no.deling.groups.GroupRoutes(wiring).mount(rb);
      new no.deling.shares.ShareRoutes(wiring).mount(rb);
      new no.deling.notifications.NotificationRoutes(wiring).mount(rb);
      new no.deling.questions.QuestionRoutes(wiring).mount(rb);
      new no.deling.skills.SkillRoutes(wiring).mount(rb);
      new no.deling.experts.ExpertRoutes(wiring).mount(rb);
      new no.deling.search.SearchRoutes(wiring).mount(rb);
      new no.deling.ideas.IdeaRoutes(wiring).mount(rb);
      new no.deling.moderation.ModerationRoutes(wiring).mount(rb);
      new no.deling.saved.SavedRoutes(wiring).mount(rb);
      new no.deling.polls.PollRoutes(wiring).mount(rb);
      new no.deling.links.LinkRoutes(wiring).mount(rb);
      new no.deling.pulse.PulseRoutes(wiring).mount(rb);
      new ExportRoutes(wiring, store).mount(rb);
      if (store instanceof no.deling.privacy.sealing.SealedEventStore sealed) new no.deling.privacy.ErasureRoutes(wiring, sealed.keys()).mount(rb);
      no.deling.webclient.WebClientRoutes webClient = new no.deling.webclient.WebClientRoutes(wiring.config(), wiring.pushKeys());
      webClient.mount(rb);
      new no.deling.topics.TopicRoutes(wiring).mount(rb);
      new no.deling.files.FileRoutes(wiring, ((no.deling.privacy.sealing.SealedEventStore) store).keys()).mount(rb);
      for (var route : rb.getRoutes()) {
        String template = route.getOperation().getOpenAPIPath();
        operations.add(new Operation(Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+")), route.getOperation().getHttpMethod().name()));
      }
      Router api = rb.createRouter();
      api.route().last().handler(this::notFound);
      api.route().failureHandler(this::failed);
      // The stream and health routes live outside the OpenAPI router: its body and auth root
      // handlers must not touch a WebSocket upgrade.
      Router router = Router.router(vertx);
      router.get("/health").handler(this::health);
      router.get("/health/ready").handler(this::health);
      router.get("/health/live").handler(rc -> rc.json(new JsonObject().put("status", "UP")));
      router.get("/metrics").handler(metrics::handle);
      router.get("/api/stream").handler(streams::handle);
      if (wiring.config().scimToken() != null) router.route("/scim/v2/*").subRouter(new ScimRoutes(wiring).router(vertx));
      new no.deling.email.UnsubscribeRoutes(wiring, ((no.deling.privacy.sealing.SealedEventStore) store).keys()).mount(router);
      webClient.mountStatic(router, vertx);
      router.route("/*").subRouter(api);
      server = vertx.createHttpServer(new HttpServerOptions().setHost(wiring.config().host()).setPort(wiring.config().httpPort())
          // browsers offer ["deling", <token>]: answer "deling", never echo the token back
          .setWebSocketSubProtocols(List.of("deling"))
          // frames are checked against 64 KiB by StreamConnection (closing with 1009); the decoder's own
          // limit is higher because it drops the connection without a close frame; messages ≤ 256 KiB
          .setMaxWebSocketFrameSize(1024 * 1024).setMaxWebSocketMessageSize(256 * 1024)
          // a connection that sends nothing (unfinished headers included) is closed; sockets ping every 20 s
          .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
          // gzip for clients that ask (a page of posts shrinks to a tenth or less; the web client's files
          // come packed already, see ClientFiles). Level 1: a gzipped page of posts is served at half the rate
          // of the plain page, against a third at the default level 6, for a few percent more bytes
          // (FilesBenchmark). No size threshold: Netty's skips every file sent from disk (text files
          // attached to posts). Tokens never travel in a cookie, so a compressed answer gives a cross-site
          // page nothing to guess at (BREACH).
          .setCompressionSupported(true).setCompressionLevel(1)
          // no HTTP/2 over plain TCP ("h2c", which only clients that offer an upgrade use; browsers
          // never do): Vert.x 5.0's HTTP/2 compressor, once it has sent one answer as it is, labels
          // every later one on the connection gzip without compressing it (eclipse-vertx/vert.x#5896)
          .setHttp2ClearTextEnabled(false));
      // a request Netty could not decode (a bad request line, headers too large): a problem, then close
      server.invalidRequestHandler(RequestGuard::invalid);
      // Most requests are the API's: they go to its router directly. Mounted under this router, its
      // router put the mount point in front of every route's path as it compared them, two new
      // strings for each of the twenty routes before POST /api/posts (see ApiPaths).
      RequestGuard guard = new RequestGuard(req -> (ApiPaths.straightToApi(req.path()) ? api : router).handle(req));
      Counter served = metrics.requestsOn(Thread.currentThread().getName());
      return server.requestHandler(req -> {
        served.increment();
        req.response().putHeader(RequestIds.HEADER, RequestIds.of(req.getHeader(RequestIds.HEADER)));
        guard.handle(req);
      }).listen();
    });
  }

  /**
   * The contract read, parsed and resolved once per server, started with it so that it is ready
   * when the HTTP verticles start after the read side: the library checks a contract against the
   * OpenAPI schema as it resolves it, about half a second of CPU that had been on a restart's
   * critical path (once per instance). Every instance shares the result: once resolved, the library
   * only reads it (its schema repository hands out validators over an unmodifiable view), and each
   * instance keeps its own validators and routes ({@link CachingContract}, its own router). The
   * contract documents errors truthfully as {@code application/problem+json}; the validating
   * library only knows a fixed list of media types, so it is handed a copy that calls them
   * {@code application/json}. Responses are not validated, so nothing else changes.
   */
  static Future<OpenAPIContract> prepareContract(io.vertx.core.Vertx vertx) {
    return vertx.fileSystem().readFile(CONTRACT).compose(buffer -> vertx.executeBlocking(() -> {
      String yaml = buffer.toString(java.nio.charset.StandardCharsets.UTF_8).replace("application/problem+json", "application/json");
      java.util.Map<String, Object> tree = new org.yaml.snakeyaml.Yaml().load(yaml);
      return new JsonObject(tree);
    }, false)).compose(tree -> OpenAPIContract.from(vertx, tree));
  }

  /**
   * Stops accepting connections and lets requests in flight finish (up to the grace period) before
   * the verticle goes: a command that was accepted gets its answer.
   */
  @Override
  public Future<?> stop() {
    Future<?> stopped = server == null ? Future.succeededFuture() : server.shutdown(wiring.config().shutdownGraceMs(), java.util.concurrent.TimeUnit.MILLISECONDS);
    return stopped.andThen(done -> {
      if (previews != null) previews.close();
    });
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return server.actualPort();
  }

  private void health(RoutingContext rc) {
    long head = store.headPosition();
    long projected = wiring.model().position();
    long searchable = wiring.search().indexer().position();
    StoreStatus log = store.status();
    // Positions are the log's own (sparse in KurrentDB), so lag is in position units, not events.
    rc.response().setStatusCode(log.available() ? 200 : 503);
    JsonObject logJson = new JsonObject().put("kind", log.kind()).put("available", log.available());
    // where the log lives (a path, a URL) is for operators: only with the metrics token
    if (metrics.authorised(rc)) logJson.put("detail", log.detail());
    rc.json(new JsonObject().put("status", log.available() ? "UP" : "DOWN")
        .put("log", logJson.put("head", head))
        .put("readModel", new JsonObject().put("position", projected).put("lag", Math.max(0, head - projected))
            // where this start-up began (0: the whole log was replayed) and the newest snapshot on disk
            .put("startedFrom", wiring.snapshots().startedFrom()).put("snapshot", wiring.snapshots().lastWritten()))
        .put("search", new JsonObject().put("position", searchable).put("lag", Math.max(0, head - searchable)))
        // right after a start from a snapshot, sockets wait while the resume window gets its entries from before it
        .put("stream", new JsonObject().put("resumableAfter", streams.hub().retainedAfter()).put("filling", !streams.hub().filled().isComplete())));
  }

  /** One route of the contract: its path as a pattern, and its method. */
  private record Operation(Pattern path, String method) {}

  private final List<Operation> operations = new ArrayList<>();

  /** 405 with {@code Allow} when the path exists with other methods; otherwise 404. */
  private void notFound(RoutingContext rc) {
    String path = rc.request().path();
    TreeSet<String> allowed = new TreeSet<>();
    for (Operation o : operations) if (o.path().matcher(path).matches()) allowed.add(o.method());
    if (!allowed.isEmpty() && !allowed.contains(rc.request().method().name())) {
      rc.response().putHeader("Allow", String.join(", ", allowed));
      Problems.send(rc, 405, "method-not-allowed", "Method not allowed", rc.request().method() + " is not allowed here; use " + String.join(", ", allowed),
          List.of());
      return;
    }
    Problems.send(rc, 404, "not-found", "Not found", "no such resource: " + path, List.of());
  }

  /** A file upload: the one body that is not JSON, and may be larger (DELING_FILE_MAX_MB). */
  private static boolean isUpload(RoutingContext rc) {
    return no.deling.core.http.Uploads.is(rc.request().method(), rc.request().path());
  }

  private void failed(RoutingContext rc) {
    if (rc.failure() != null) {
      Problems.fail(rc, rc.failure());
      return;
    }
    int status = rc.statusCode();
    switch (status) {
      case 401 -> Problems.unauthorized(rc);
      case 404 -> notFound(rc);
      case 405 -> Problems.send(rc, 405, "method-not-allowed", "Method not allowed", rc.request().method() + " is not allowed here", List.of());
      case 413 -> {
        rc.response().putHeader("Connection", "close"); // the rest of an oversized body is not read
        if (isUpload(rc)) wiring.queries().files().traffic().tooLarge();
        Problems.send(rc, 413, "too-large", "Request too large",
            "the body is over " + (isUpload(rc) ? wiring.config().fileMaxBytes() : MAX_BODY) + " bytes", List.of());
      }
      default -> Problems.send(rc, status >= 400 ? status : 500, "error", "Error", null, List.of());
    }
  }
}
