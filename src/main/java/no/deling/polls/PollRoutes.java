package no.deling.polls;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.ids.PostIds;

/** Vote in a poll, change one's vote, withdraw it (each idempotent); the answer is the poll as it now stands. */
public final class PollRoutes {
  private static final VoteDecider DECIDER = new VoteDecider();
  private static final PollCloseDecider CLOSE = new PollCloseDecider();
  private final Wiring w;

  public PollRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("votePoll").addHandler(rc -> change(rc, true));
    rb.getRoute("withdrawVote").addHandler(rc -> change(rc, false));
    rb.getRoute("endPoll").addHandler(this::end);
  }

  /** Its author ends the poll now; the answer is the poll as it now stands. */
  private void end(RoutingContext rc) {
    String actor = actor(rc).id();
    String postId = path(rc, "id");
    respond(rc, 200, w.inputs().postInAudience(postId)
        .compose(in -> w.commands().execute(PollEvent.closingStream(postId), CLOSE,
            new PollCloseDecider.EndPoll(actor, postId, in.post(), in.audience(), w.clock().instant()), CommandMeta.of(actor)))
        .compose(r -> w.caughtUp(r.position()).map(v -> answer(new JsonObject().put("post", postId), actor, postId, r.position()))));
  }

  private void change(RoutingContext rc, boolean vote) {
    String voter = actor(rc).id();
    String postId = path(rc, "id");
    int option = vote ? body(rc).getInteger("option") : VoteDecider.NONE;
    // the post says what the poll is; its own stream whether its author has ended it
    var ended = w.commands().load(PollEvent.closingStream(postId), CLOSE);
    respond(rc, 200, w.inputs().postInAudience(postId).compose(in -> ended.compose(endedAt -> {
      VoteDecider.VoteCommand command = vote
          ? new VoteDecider.Vote(voter, postId, in.post(), in.audience(), endedAt, option, w.clock().instant())
          : new VoteDecider.Withdraw(voter, postId, in.post(), in.audience(), endedAt, w.clock().instant());
      return w.commands().execute(PollEvent.stream(postId, voter), DECIDER, command, CommandMeta.of(voter));
    })).compose(r -> w.caughtUp(r.position()).map(v -> answer(
        new JsonObject().put("post", postId).put("myVote", r.state() == VoteDecider.NONE ? null : r.state()), voter, postId, r.position()))));
  }

  /** {@code answer} with the poll as {@code viewer} now sees it, and the position to read one's writes at. */
  private JsonObject answer(JsonObject answer, String viewer, String postId, long position) {
    JsonObject poll = w.queries().polls().poll(viewer, PostIds.parse(postId));
    if (poll != null) answer.put("poll", poll);
    return answer.put("position", position);
  }
}
