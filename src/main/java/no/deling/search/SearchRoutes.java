package no.deling.search;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.offset;
import static no.deling.core.http.Requests.query;
import static no.deling.core.http.Requests.validated;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import no.deling.Wiring;
import no.deling.core.command.Rejection;
import no.deling.core.http.Problems;
import no.deling.posts.PostText;
import no.deling.questions.Questions;

/**
 * {@code GET /api/search} and {@code GET /api/search/similar-questions}. Lucene runs on a worker
 * thread (its files are memory-mapped: a page fault is IO), never on the event loop.
 */
public final class SearchRoutes {
  private final Wiring w;

  public SearchRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("search").addHandler(this::search);
    rb.getRoute("similarQuestions").addHandler(this::similar);
  }

  private void search(RoutingContext rc) {
    String viewer = actor(rc).id();
    Search.Request request = new Search.Request(query(rc, "q"), types(rc), PostText.topicParameter("tag", query(rc, "tag")), query(rc, "author"), query(rc, "group"),
        date(rc, "from", false), date(rc, "to", true), query(rc, "status"), offset(rc), limit(rc), false);
    // the first page of an unfiltered search also names the topics its words start, each with what it is for and who looks after it
    boolean withTopics = request.offset() == 0 && request.types().isEmpty() && request.text() != null && !request.text().isBlank();
    run(rc, viewer, request, withTopics ? page -> page.put("topics", topics(request.text(), viewer)) : page -> page);
  }

  /**
   * Topics for the words of {@code q}, at most {@link #MAX_TOPICS}: first those a word names exactly,
   * then those whose owners' description holds the words ("kubernetes clusters" finds #k8s), then
   * those a word starts; a topic in use only where {@code viewer} cannot see is named only once it is
   * described, as its page then is for everyone. On a worker thread (Lucene).
   */
  private JsonArray topics(String q, String viewer) {
    java.util.LinkedHashSet<String> exact = new java.util.LinkedHashSet<>();
    java.util.LinkedHashSet<String> starting = new java.util.LinkedHashSet<>();
    for (String word : q.trim().split("\\s+")) {
      String tag = PostText.normaliseTag(word);
      if (tag == null) continue;
      for (no.deling.timelines.Timelines.Topic t : w.queries().timelines().topicsStartingWith(tag, viewer, MAX_TOPICS)) {
        (t.name().equals(tag) ? exact : starting).add(t.name());
      }
    }
    java.util.LinkedHashSet<String> found = new java.util.LinkedHashSet<>(exact);
    found.addAll(w.search().search().topicsDescribedBy(q, MAX_TOPICS));
    found.addAll(starting);
    JsonArray out = new JsonArray();
    for (String tag : found.stream().limit(MAX_TOPICS).toList()) {
      out.add(w.queries().topics().summary(tag));
    }
    return out;
  }

  static final int MAX_TOPICS = 5;

  /** Questions with an accepted answer that share words with what the asker is typing. */
  private void similar(RoutingContext rc) {
    String viewer = actor(rc).id();
    var p = validated(rc).getQuery().get("limit");
    int limit = p == null || p.isNull() ? 5 : p.getInteger();
    run(rc, viewer, new Search.Request(query(rc, "text"), List.of("question"), null, null, null, null, null,
        Questions.Status.ACCEPTED.wire(), 0, limit, true), page -> page);
  }

  /**
   * Waits (briefly) for the index to reach what the read side had applied when the request came,
   * so a post someone just wrote is found by their next search; an index further behind than
   * {@link #CATCH_UP_MS} answers with what it has.
   */
  private void run(RoutingContext rc, String viewer, Search.Request request, java.util.function.UnaryOperator<JsonObject> also) {
    w.search().indexer().awaitPosition(w.vertx(), w.search().indexer().readSidePosition(), CATCH_UP_MS).otherwiseEmpty()
        .compose(caughtUp -> w.vertx().<JsonObject>executeBlocking(() -> also.apply(w.search().search().page(request, viewer)), false))
        .onSuccess(rc::json).onFailure(e -> Problems.fail(rc, e));
  }

  static final long CATCH_UP_MS = 1_500;

  private static List<String> types(RoutingContext rc) {
    var p = validated(rc).getQuery().get("type");
    List<String> out = new ArrayList<>();
    if (p == null || p.isNull()) return out;
    for (Object o : p.getJsonArray()) if (!out.contains(o.toString())) out.add(o.toString());
    return out;
  }


  /** A date ({@code 2026-12-01}, the whole day) or an instant; {@code to} is inclusive. */
  private static Long date(RoutingContext rc, String name, boolean end) {
    String v = query(rc, name);
    if (v == null) return null;
    try {
      if (v.length() == 10) {
        LocalDate d = LocalDate.parse(v);
        return (end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - (end ? 1 : 0);
      }
      return Instant.parse(v).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new Rejection.Invalid(name, "date", name + " is a date (2026-12-01) or an instant (2026-12-01T09:00:00Z)");
    }
  }

}
