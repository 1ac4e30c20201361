package no.deling.posts;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;

/** Rules for publishing, editing and deleting one post. */
public final class PostDecider implements Decider<PostDecider.PostCommand, PostDecider.PostState, PostEvent> {

  public sealed interface PostCommand {}

  /**
   * @param replyTo the state of the parent post when replying (read by the caller), else null
   */
  public record PublishPost(String postId, String author, String text, String inReplyTo, PostState replyTo, Instant at)
      implements PostCommand {}

  public record EditPost(String postId, String actor, String text, Instant at) implements PostCommand {}

  public record DeletePost(String postId, String actor, Instant at) implements PostCommand {}

  public enum Status { NONE, LIVE, DELETED }

  /** What the rules need to know about a post. */
  public record PostState(Status status, String postId, String author, String text, String threadRoot) {
    static final PostState NONE = new PostState(Status.NONE, null, null, null, null);

    public boolean live() {
      return status == Status.LIVE;
    }
  }

  @Override
  public PostState initialState() {
    return PostState.NONE;
  }

  @Override
  public PostState evolve(PostState s, PostEvent event) {
    if (event instanceof PostPublished p) return new PostState(Status.LIVE, p.postId(), p.author(), p.text(), p.threadRoot());
    if (event instanceof PostEdited e) return new PostState(s.status(), s.postId(), s.author(), e.text(), s.threadRoot());
    if (event instanceof PostDeleted) return new PostState(Status.DELETED, s.postId(), s.author(), null, s.threadRoot());
    return s;
  }

  @Override
  public List<PostEvent> decide(PostCommand command, PostState state) {
    if (command instanceof PublishPost c) return publish(c, state);
    if (command instanceof EditPost c) return edit(c, state);
    if (command instanceof DeletePost c) return delete(c, state);
    throw new IllegalArgumentException("unknown command " + command);
  }

  private static List<PostEvent> publish(PublishPost c, PostState state) {
    if (state.status() != Status.NONE) throw new Rejection.Conflict("post " + c.postId() + " already exists");
    String text = PostText.validate(c.text());
    String threadRoot = c.postId();
    if (c.inReplyTo() != null) {
      if (c.replyTo() == null || !c.replyTo().live()) {
        throw new Rejection.Invalid("inReplyTo", "existing-post", "post " + c.inReplyTo() + " does not exist");
      }
      threadRoot = c.replyTo().threadRoot();
    }
    return List.of(new PostPublished(c.postId(), c.author(), text, c.inReplyTo(), threadRoot,
        PostText.hashtags(text), PostText.mentions(text), PostText.links(text), c.at()));
  }

  private static List<PostEvent> edit(EditPost c, PostState state) {
    requireOwnLivePost(state, c.postId(), c.actor());
    String text = PostText.validate(c.text());
    if (text.equals(state.text())) return List.of();
    return List.of(new PostEdited(c.postId(), state.author(), text,
        PostText.hashtags(text), PostText.mentions(text), PostText.links(text), c.at()));
  }

  private static List<PostEvent> delete(DeletePost c, PostState state) {
    if (state.status() == Status.DELETED && c.actor().equals(state.author())) return List.of();
    requireOwnLivePost(state, c.postId(), c.actor());
    return List.of(new PostDeleted(c.postId(), state.author(), c.at()));
  }

  private static void requireOwnLivePost(PostState state, String postId, String actor) {
    if (!state.live()) throw new Rejection.NotFound("post " + postId + " does not exist");
    if (!state.author().equals(actor)) throw new Rejection.Forbidden("only the author may change post " + postId);
  }
}
