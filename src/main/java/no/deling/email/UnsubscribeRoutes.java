package no.deling.email;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.http.Problems;
import no.deling.privacy.sealing.KeyStore;

/**
 * {@link UnsubscribeLink}'s route, outside the bearer-token API: the link's token is its
 * authentication. Only a POST (what a mail program sends for one click) turns email off; a GET
 * (a person opening the link, or a mail scanner following every link) changes nothing and leads to
 * the person's profile, where the choice is.
 */
public final class UnsubscribeRoutes {
  private static final EmailDecider DECIDER = new EmailDecider();
  private final Wiring w;
  private final KeyStore keys;

  public UnsubscribeRoutes(Wiring wiring, KeyStore keys) {
    this.w = wiring;
    this.keys = keys;
  }

  public void mount(Router router) {
    // the form's one field says nothing the route needs: read (1 KiB at most) and dropped, no file ever written
    router.post(UnsubscribeLink.PATH).handler(BodyHandler.create(false).setBodyLimit(1024).setMergeFormAttributes(false)).handler(this::unsubscribe);
    router.get(UnsubscribeLink.PATH).handler(this::open);
  }

  private void unsubscribe(RoutingContext rc) {
    String user = rc.queryParams().get("u");
    if (!UnsubscribeLink.valid(keys, user, rc.queryParams().get("t"))) {
      String why = "this link is not one this server made, or its person's data was erased";
      Problems.send(rc, 403, "forbidden", "Forbidden", why, java.util.List.of(new Problems.FieldError("t", "token", why)));
      return;
    }
    w.commands().execute(EmailEvent.stream(user), DECIDER, new EmailDecider.Choose(user, false, w.clock().instant()), CommandMeta.of(user))
        .onComplete(done -> {
          if (done.failed()) {
            Problems.fail(rc, done.cause());
            return;
          }
          rc.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("unreadNotifications", false).encode());
        });
  }

  private void open(RoutingContext rc) {
    String user = rc.queryParams().get("u");
    String to = user == null || user.isBlank() ? "/" : "/#/user/" + URLEncoder.encode(user, StandardCharsets.UTF_8);
    rc.response().setStatusCode(303).putHeader("Location", to).putHeader("Cache-Control", "no-store").end();
  }
}
