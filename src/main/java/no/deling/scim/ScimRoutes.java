package no.deling.scim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.core.eventstore.StoreUnavailableException;
import no.deling.users.Person;
import no.deling.users.PersonDecider;
import no.deling.users.PersonDecider.ChangeEntry;
import no.deling.users.PersonDecider.Deprovision;
import no.deling.users.PersonDecider.Entry;
import no.deling.users.PersonDecider.Provision;
import no.deling.users.UserEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SCIM 2.0 provisioning (RFC 7643/7644) at {@code /scim/v2}, the way Entra ID, Okta and other
 * identity providers keep an application's people in step with the directory. Authenticated by its
 * own bearer token ({@code DELING_SCIM_TOKEN}), separate from users' tokens; every change goes
 * through {@link PersonDecider} and is an event in the person's stream; errors are SCIM errors.
 */
public final class ScimRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ScimRoutes.class);
  static final String MEDIA = "application/scim+json";
  private static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
  private static final PersonDecider PEOPLE = new PersonDecider();
  private static final int MAX_PAGE = 200;
  private static final Pattern USER_NAME_EQ = Pattern.compile("(?i)\\s*userName\\s+eq\\s+\"([A-Za-z0-9._-]{1,64})\"\\s*");
  /** Commands from the directory carry this actor in their metadata. */
  private static final String ACTOR = no.deling.core.command.ServerActor.DIRECTORY;

  private final Wiring w;
  private final byte[] token;
  private final ScimDiscovery discovery = new ScimDiscovery();

  public ScimRoutes(Wiring wiring) {
    this.w = wiring;
    this.token = wiring.config().scimToken().getBytes(StandardCharsets.UTF_8);
  }

  /** The router to mount at {@code /scim/v2}. */
  public Router router(Vertx vertx) {
    Router r = Router.router(vertx);
    r.route().handler(this::authenticate);
    r.route().handler(BodyHandler.create(false).setBodyLimit(64 * 1024)); // JSON only: no file uploads to disk
    r.get("/ServiceProviderConfig").handler(rc -> send(rc, 200, discovery.serviceProviderConfig(base(rc))));
    r.get("/ResourceTypes").handler(rc -> send(rc, 200, discovery.list(discovery.resourceTypes(base(rc)))));
    r.get("/ResourceTypes/:id").handler(rc -> one(rc, discovery.resourceTypes(base(rc)), rc.pathParam("id")));
    r.get("/Schemas").handler(rc -> send(rc, 200, discovery.list(discovery.schemas(base(rc)))));
    r.get("/Schemas/:id").handler(rc -> one(rc, discovery.schemas(base(rc)), rc.pathParam("id")));
    r.post("/Users").handler(this::create);
    r.get("/Users").handler(this::list);
    r.get("/Users/:id").handler(this::get);
    r.put("/Users/:id").handler(this::replace);
    r.patch("/Users/:id").handler(this::patch);
    r.delete("/Users/:id").handler(this::delete);
    r.route().last().handler(rc -> error(rc, new ScimError(404, null, "no such SCIM endpoint: " + rc.request().method() + " " + rc.normalizedPath())));
    r.route().failureHandler(rc -> error(rc, rc.failure() != null ? rc.failure()
        : new ScimError(rc.statusCode() == 413 ? 413 : 400, null, rc.statusCode() == 413 ? "the body is over 64 KiB" : "bad request")));
    return r;
  }

  private void authenticate(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    byte[] offered = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (!MessageDigest.isEqual(offered, token)) { // constant time: the token is the directory's whole key
      rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"scim\"");
      error(rc, new ScimError(401, null, "a valid SCIM bearer token is required"));
      return;
    }
    rc.next();
  }

  private void create(RoutingContext rc) {
    JsonObject body = body(rc);
    String id = ScimUser.userName(body);
    Entry entry = ScimUser.parse(body);
    run(rc, 201, id, new Provision(id, entry.entry(), entry.active(), w.clock().instant()));
  }

  private void replace(RoutingContext rc) {
    String id = rc.pathParam("id");
    JsonObject body = body(rc);
    if (!id.equals(ScimUser.userName(body))) throw new ScimError(400, "mutability", "userName is the Deling user id and cannot change");
    Entry entry = ScimUser.parse(body);
    run(rc, 200, id, new ChangeEntry(id, current -> entry, w.clock().instant()));
  }

  private void patch(RoutingContext rc) {
    String id = rc.pathParam("id");
    run(rc, 200, id, new ChangeEntry(id, ScimPatch.parse(body(rc), id), w.clock().instant()));
  }

  private void delete(RoutingContext rc) {
    String id = rc.pathParam("id");
    execute(id, new Deprovision(id, w.clock().instant())).onComplete(r -> {
      if (r.failed()) error(rc, r.cause());
      else rc.response().setStatusCode(204).end();
    });
  }

  /** Runs a directory command and answers with the person as the read side then shows them. */
  private void run(RoutingContext rc, int status, String id, PersonDecider.PersonCommand command) {
    execute(id, command).onComplete(r -> {
      if (r.failed()) {
        error(rc, r.cause());
        return;
      }
      JsonObject resource = render(rc, id);
      if (resource == null) {
        error(rc, new ScimError(404, null, "user " + id + " not found"));
        return;
      }
      if (status == 201) rc.response().putHeader("Location", resource.getJsonObject("meta").getString("location"));
      rc.response().putHeader("ETag", resource.getJsonObject("meta").getString("version"));
      send(rc, status, resource);
    });
  }

  private Future<Void> execute(String id, PersonDecider.PersonCommand command) {
    if (!ScimUser.USER_ID.matcher(id).matches()) return Future.failedFuture(new ScimError(404, null, "user " + id + " not found"));
    return w.commands().execute(UserEvent.stream(id), PEOPLE, command, CommandMeta.of(ACTOR)).compose(r -> w.caughtUp(r.position()))
        // a deactivation or deletion may have taken a group's last active owner away
        .compose(v -> w.ownerSuccession().afterDirectoryChange(id));
  }

  private void get(RoutingContext rc) {
    JsonObject resource = render(rc, rc.pathParam("id"));
    if (resource == null) throw new ScimError(404, null, "user " + rc.pathParam("id") + " not found");
    rc.response().putHeader("ETag", resource.getJsonObject("meta").getString("version"));
    send(rc, 200, resource);
  }

  private JsonObject render(RoutingContext rc, String id) {
    String base = base(rc);
    Person p = w.queries().people().person(id);
    return p == null || !p.provisioned() ? null : ScimUser.render(p, base);
  }

  /** {@code GET /Users?filter=…&startIndex=…&count=…}: provisioned people, sorted by userName, 1-based paging. */
  private void list(RoutingContext rc) {
    String filter = rc.request().getParam("filter");
    Predicate<JsonObject> matches = filter == null || filter.isBlank() ? r -> true : ScimFilter.parse(filter);
    int startIndex = Math.max(1, intParam(rc, "startIndex", 1));
    int count = Math.min(MAX_PAGE, Math.max(0, intParam(rc, "count", 100)));
    String base = base(rc);
    Matcher byUserName = filter == null ? null : USER_NAME_EQ.matcher(filter);
    // what every identity provider asks before creating someone: answered by one lookup (people are immutable values)
    Person exact = byUserName != null && byUserName.matches() ? w.queries().people().person(byUserName.group(1)) : null;
    List<JsonObject> all = new ArrayList<>();
    for (Person p : exact != null ? List.of(exact) : w.queries().people().everyone()) {
      if (p.provisioned()) all.add(ScimUser.render(p, base));
    }
    List<JsonObject> hits = new ArrayList<>();
    for (JsonObject r : all) if (matches.test(r)) hits.add(r);
    hits.sort(Comparator.comparing(r -> r.getString("userName")));
    List<JsonObject> page = hits.subList(Math.min(hits.size(), startIndex - 1), Math.min(hits.size(), startIndex - 1 + count));
    send(rc, 200, new JsonObject().put("schemas", new JsonArray().add(LIST)).put("totalResults", hits.size())
        .put("startIndex", startIndex).put("itemsPerPage", page.size()).put("Resources", new JsonArray(new ArrayList<>(page))));
  }

  private static int intParam(RoutingContext rc, String name, int fallback) {
    String v = rc.request().getParam(name);
    if (v == null || v.isBlank()) return fallback;
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw ScimError.invalidValue(name + " must be a whole number");
    }
  }

  private void one(RoutingContext rc, JsonArray resources, String id) {
    for (Object o : resources) {
      if (id.equals(((JsonObject) o).getString("id"))) {
        send(rc, 200, (JsonObject) o);
        return;
      }
    }
    throw new ScimError(404, null, id + " not found");
  }

  private static JsonObject body(RoutingContext rc) {
    String type = rc.request().getHeader("Content-Type");
    if (type != null && !type.startsWith(MEDIA) && !type.startsWith("application/json")) {
      throw new ScimError(415, null, "send " + MEDIA + " or application/json");
    }
    try {
      JsonObject parsed = rc.body().buffer() == null || rc.body().length() == 0 ? null : rc.body().asJsonObject();
      if (parsed != null) return parsed;
    } catch (DecodeException | ClassCastException e) {
      throw new ScimError(400, "invalidSyntax", "the body is not valid JSON");
    }
    throw new ScimError(400, "invalidSyntax", "the body must be a JSON object");
  }

  /** The absolute base URL clients used, for meta.location and $ref. */
  private static String base(RoutingContext rc) {
    var authority = rc.request().authority();
    return rc.request().scheme() + "://" + (authority == null ? "localhost" : authority) + "/scim/v2";
  }

  private static void send(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", MEDIA).end(body.encode());
  }

  private static void error(RoutingContext rc, Throwable failure) {
    if (rc.response().ended() || rc.response().headWritten()) return;
    ScimError e;
    if (failure instanceof ScimError s) e = s;
    else if (failure instanceof Rejection.NotFound n) e = new ScimError(404, null, n.getMessage());
    else if (failure instanceof Rejection.Invalid i) e = ScimError.invalidValue(i.getMessage());
    else if (failure instanceof Rejection.Duplicate d) e = new ScimError(409, "uniqueness", d.getMessage());
    else if (failure instanceof Rejection.Conflict c) e = new ScimError(409, null, c.getMessage());
    else if (failure instanceof StoreUnavailableException) e = new ScimError(503, null, "the event log is unavailable; nothing was changed, retry later");
    else {
      LOG.error("unhandled failure on SCIM {} {}", rc.request().method(), rc.request().path(), failure);
      no.deling.core.log.UnhandledFailures.answered500(rc.vertx());
      e = new ScimError(500, null, "the server failed; nothing was acknowledged");
    }
    JsonObject body = new JsonObject().put("schemas", new JsonArray().add(ERROR)).put("status", Integer.toString(e.status));
    if (e.scimType != null) body.put("scimType", e.scimType);
    body.put("detail", e.getMessage());
    send(rc, e.status, body);
  }
}
