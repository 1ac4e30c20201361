package no.deling.timelines;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.before;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.path;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import no.deling.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.function.Function;
import no.deling.Wiring;
import no.deling.core.command.Rejection;
import no.deling.posts.PostJson;
import no.deling.posts.PostText;
import no.deling.posts.PostView;

/** Home, person and topic timelines: newest first, cursor-paginated with {@code limit} and {@code before}. */
public final class TimelineRoutes {
  private final Wiring w;

  public TimelineRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("getHomeTimeline").addHandler(rc -> page(rc, t -> t.home(actor(rc).id(), before(rc), limit(rc))));
    rb.getRoute("getUserPosts").addHandler(this::person);
    rb.getRoute("getTopicPosts").addHandler(rc -> {
      String tag = PostText.normaliseTag(path(rc, "tag"));
      if (tag == null) throw new Rejection.Invalid("tag", "hashtag", "a topic is letters, digits and '_', at most 64");
      page(rc, t -> t.byTopic(tag, before(rc), limit(rc)));
    });
  }

  private void person(RoutingContext rc) {
    String user = path(rc, "id");
    if (!w.model().read(() -> w.model().profiles.exists(user))) throw new Rejection.NotFound("user " + user + " does not exist");
    page(rc, t -> t.byAuthor(user, before(rc), limit(rc)));
  }

  private void page(RoutingContext rc, Function<Timelines, Timelines.Page> query) {
    String viewer = actor(rc).id();
    byte[] body = w.model().read(() -> {
      Timelines.Page page = query.apply(w.model().timelines);
      ByteArrayOutputStream out = new ByteArrayOutputStream(512 + 512 * page.items().size());
      try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
        g.writeStartObject();
        g.writeArrayFieldStart("items");
        for (PostView p : page.items()) PostJson.write(g, p, viewer, w.model());
        g.writeEndArray();
        if (page.next() == null) g.writeNullField("next");
        else g.writeStringField("next", page.next());
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    });
    rc.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
  }
}
