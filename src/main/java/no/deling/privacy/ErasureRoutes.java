package no.deling.privacy;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.auth.Actor;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.privacy.sealing.KeyStore;
import no.deling.users.PersonDecider;
import no.deling.users.UserEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DELETE /api/users/{id}}: an admin erases a person. {@code PersonErased} is recorded
 * first, so the read side forgets them and they cannot log in; once it has, their keys are
 * destroyed, and from then on nothing sealed for them opens anywhere. A crash between the two is
 * finished at the next start-up (see {@code DelingServer}); retrying is safe too (erasing
 * twice records nothing more). The answer comes once the keys are gone.
 */
public final class ErasureRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ErasureRoutes.class);
  private static final PersonDecider PEOPLE = new PersonDecider();
  private final Wiring w;
  private final KeyStore keys;

  public ErasureRoutes(Wiring wiring, KeyStore keys) {
    this.w = wiring;
    this.keys = keys;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("erasePerson").addHandler(this::erase);
  }

  private void erase(RoutingContext rc) {
    Actor admin = actor(rc);
    String id = path(rc, "id");
    if (!admin.is(Actor.ADMIN)) throw new Rejection.Forbidden("only an admin can erase a person");
    if (!w.queries().people().exists(id)) throw new Rejection.NotFound("user " + id + " does not exist");
    respond(rc, 200, w.commands().execute(UserEvent.stream(id), PEOPLE, new PersonDecider.Erase(id, admin.id(), true, w.clock().instant()),
            CommandMeta.of(admin.id()))
        // applied first: from then on they are inactive, so nothing new is sealed for them after the keys go
        .compose(r -> w.caughtUp(r.position()).map(r.position()))
        .compose(position -> destroyKeys(id).map(position))
        .compose(position -> w.ownerSuccession().afterDirectoryChange(id).map(position))
        // the read-model snapshot on disk still holds their words: replaced by one that does not (or its key destroyed)
        .compose(position -> w.snapshots().shredOld(position).map(position))
        .map(position -> {
          // the search index drops their posts as the read side deletes them, and rewrites its files
          // without them before its checkpoint passes the erasure (SearchIndexer)
          LOG.info("erased a person at position {} (by {})", position, admin.id());
          return new JsonObject().put("erased", id).put("position", position);
        }));
  }

  private Future<Void> destroyKeys(String id) {
    return w.vertx().executeBlocking(() -> {
      keys.destroy(id);
      return null;
    }, false);
  }
}
