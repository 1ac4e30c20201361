package no.deling.posts;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/** Rules for publishing, editing and deleting one post. */
public final class PostDecider implements Decider<PostDecider.PostCommand, PostDecider.PostState, PostEvent> {

  public sealed interface PostCommand {}

  /**
   * @param replyTo the state of the parent post when replying (read by the caller), else null
   * @param group the group asked for in the request, or null
   * @param audience the group the post would go to — the one asked for, or the parent's — read by
   *     the caller; null for a public post
   */
  public record PublishPost(String postId, String author, String text, String inReplyTo, PostState replyTo, String group,
      GroupFacts audience, String kind, PostEvent.Poll poll, List<String> attachments, java.util.Map<String, String> uploaders, Instant at)
      implements PostCommand {
    /**
     * Anything, without attachments.
     */
    public PublishPost(String postId, String author, String text, String inReplyTo, PostState replyTo, String group,
        GroupFacts audience, String kind, PostEvent.Poll poll, Instant at) {
      this(postId, author, text, inReplyTo, replyTo, group, audience, kind, poll, null, java.util.Map.of(), at);
    }

    /** Anything but a poll. */
    public PublishPost(String postId, String author, String text, String inReplyTo, PostState replyTo, String group,
        GroupFacts audience, String kind, Instant at) {
      this(postId, author, text, inReplyTo, replyTo, group, audience, kind, null, at);
    }

    /** A plain post or a reply. */
    public PublishPost(String postId, String author, String text, String inReplyTo, PostState replyTo, String group,
        GroupFacts audience, Instant at) {
      this(postId, author, text, inReplyTo, replyTo, group, audience, null, at);
    }

    /** A public top-level post or a reply in a public thread. */
    public PublishPost(String postId, String author, String text, String inReplyTo, PostState replyTo, Instant at) {
      this(postId, author, text, inReplyTo, replyTo, null, null, at);
    }
  }

  /**
   * @param attachments the files it is to show from now on (empty: none), or null to leave them
   * @param uploaders who uploaded each file asked for (read by the caller)
   * @param shown the files it shows now, in order (read by the caller)
   */
  public record EditPost(String postId, String actor, String text, List<String> attachments, java.util.Map<String, String> uploaders,
      List<String> shown, Instant at) implements PostCommand {
    /** The text only. */
    public EditPost(String postId, String actor, String text, Instant at) {
      this(postId, actor, text, null, java.util.Map.of(), List.of(), at);
    }
  }

  public record DeletePost(String postId, String actor, Instant at) implements PostCommand {}

  /**
   * A moderator removes someone's post, with a reason its author is told.
   *
   * @param maySee whether the moderator may see the post (read by the caller: the one visibility rule)
   * @param moderates whether they moderate where it was posted (see {@code no.deling.moderation.Moderators})
   */
  public record RemovePost(String postId, String moderator, boolean maySee, boolean moderates, String reason, Instant at)
      implements PostCommand {}

  /** The most files one post shows. */
  public static final int MAX_ATTACHMENTS = 4;

  /** The longest reason a moderator may give, as for an idea's status note. */
  public static final int MAX_REASON = 500;

  public enum Status { NONE, LIVE, DELETED }

  /** What a post is: a plain post (or reply), a question, or an idea. Stored as null, "question", "idea". */
  public static final String QUESTION = "question";
  public static final String IDEA = "idea";
  public static final String POLL = "poll";

  /**
   * What the rules need to know about a post.
   *
   * @param group the group the post is addressed to, or null for everyone
   * @param inReplyTo the parent, or null for a top-level post
   * @param kind {@link #QUESTION}, {@link #IDEA}, {@link #POLL}, or null for a plain post or reply
   * @param poll a poll's choices and closing time, or null
   */
  public record PostState(Status status, String postId, String author, String text, String threadRoot, String group, String inReplyTo,
      String kind, PostEvent.Poll poll) {
    static final PostState NONE = new PostState(Status.NONE, null, null, null, null, null, null, null, null);

    /** Anything but a poll. */
    public PostState(Status status, String postId, String author, String text, String threadRoot, String group, String inReplyTo,
        String kind) {
      this(status, postId, author, text, threadRoot, group, inReplyTo, kind, null);
    }

    /** A plain top-level post. */
    public PostState(Status status, String postId, String author, String text, String threadRoot, String group) {
      this(status, postId, author, text, threadRoot, group, null, null);
    }

    public boolean live() {
      return status == Status.LIVE;
    }

    public boolean isQuestion() {
      return QUESTION.equals(kind);
    }

    public boolean isIdea() {
      return IDEA.equals(kind);
    }
  }

  @Override
  public PostState initialState() {
    return PostState.NONE;
  }

  @Override
  public PostState evolve(PostState s, PostEvent event) {
    if (event instanceof PostPublished p) {
      return new PostState(Status.LIVE, p.postId(), p.author(), p.text(), p.threadRoot(), p.group(), p.inReplyTo(), p.kind(), p.poll());
    }
    if (event instanceof PostEdited e) {
      return new PostState(s.status(), s.postId(), s.author(), e.text(), s.threadRoot(), s.group(), s.inReplyTo(), s.kind(), s.poll());
    }
    if (event instanceof PostDeleted) {
      return new PostState(Status.DELETED, s.postId(), s.author(), null, s.threadRoot(), s.group(), s.inReplyTo(), s.kind(), null);
    }
    return s;
  }

  @Override
  public List<PostEvent> decide(PostCommand command, PostState state) {
    if (command instanceof PublishPost c) return publish(c, state);
    if (command instanceof EditPost c) return edit(c, state);
    if (command instanceof DeletePost c) return delete(c, state);
    if (command instanceof RemovePost c) return remove(c, state);
    throw new IllegalArgumentException("unknown command " + command);
  }

  private static List<PostEvent> publish(PublishPost c, PostState state) {
    if (state.status() != Status.NONE) throw new Rejection.Conflict("post " + c.postId() + " already exists");
    String text = PostText.validate(c.text());
    String kind = kind(c.kind(), c.poll() != null);
    // a poll's choices are checked with its text, so one bad request names every field it must fix in turn
    PostEvent.Poll poll = c.poll() == null ? null : PollRules.validate(c.poll(), c.at());
    String threadRoot = c.postId();
    String group = c.group();
    if (c.inReplyTo() != null) {
      // a reply the author may not see the parent of is a reply to nothing: no hint that it exists
      if (!Visibility.maySee(c.author(), c.replyTo(), c.audience())) {
        throw new Rejection.Invalid("inReplyTo", "existing-post", "post " + c.inReplyTo() + " does not exist");
      }
      if (group != null && !group.equals(c.replyTo().group())) {
        throw new Rejection.Invalid("group", "thread-group", "a reply goes to its thread's group; leave 'group' out");
      }
      if (kind != null) throw new Rejection.Invalid("kind", "top-level", "a reply is an answer or a comment; only a top-level post is a " + kind);
      threadRoot = c.replyTo().threadRoot();
      group = c.replyTo().group();
    }
    if (group != null) requireMayPostIn(group, c.author(), c.audience());
    return List.of(new PostPublished(c.postId(), c.author(), text, c.inReplyTo(), threadRoot,
        PostText.hashtags(text), PostText.mentions(text), PostText.links(text), c.at(), group, kind, poll,
        attachments(c.author(), c.attachments(), c.uploaders())));
  }

  /**
   * The files shown with the post: each one the author uploaded (one cannot show another's file,
   * which they may never have meant for this audience), at most {@link #MAX_ATTACHMENTS}, each once.
   * Null when none, so a post without files is stored as before.
   *
   * @param uploaders who uploaded each file asked for (read by the caller; absent: no such file)
   */
  private static List<String> attachments(String author, List<String> ids, java.util.Map<String, String> uploaders) {
    if (ids == null || ids.isEmpty()) return null;
    if (ids.size() > MAX_ATTACHMENTS) throw new Rejection.Invalid("attachments", "maxItems", "a post shows at most " + MAX_ATTACHMENTS + " files");
    if (new java.util.HashSet<>(ids).size() != ids.size()) throw new Rejection.Invalid("attachments", "uniqueItems", "each file once");
    for (String id : ids) {
      // someone else's file reads as no file at all: its id tells nothing about what it is
      if (!author.equals(uploaders.get(id))) {
        throw new Rejection.Invalid("attachments", "own-upload", "file " + id + " does not exist: attach files you uploaded (POST /api/files)");
      }
    }
    return List.copyOf(ids);
  }

  /** "post" (or nothing) is a plain post, stored without a kind; a post with a poll is a poll. */
  private static String kind(String requested, boolean hasPoll) {
    if (hasPoll) {
      if (requested != null && !requested.equals(POLL)) throw new Rejection.Invalid("poll", "kind", "a " + requested + " has no poll; leave 'poll' out");
      return POLL;
    }
    if (requested == null || requested.equals("post")) return null;
    if (requested.equals(QUESTION) || requested.equals(IDEA)) return requested;
    if (requested.equals(POLL)) throw new Rejection.Invalid("poll", "required", "a poll needs 'poll' with its options");
    throw new Rejection.Invalid("kind", "enum", "kind is post, question, idea or poll");
  }

  /** Members post in their groups; a private group is not even named to anyone else. */
  private static void requireMayPostIn(String group, String author, GroupFacts facts) {
    if (facts == null || !facts.exists() || !Visibility.maySeeAudience(author, group, facts)) {
      throw new Rejection.Invalid("group", "existing-group", "group " + group + " does not exist");
    }
    if (!facts.isMember(author)) throw new Rejection.Forbidden("join group " + group + " to post in it");
    if (facts.archived()) throw new Rejection.Forbidden("group " + group + " is archived: it is read-only");
  }

  private static List<PostEvent> edit(EditPost c, PostState state) {
    requireOwnLivePost(state, c.postId(), c.actor());
    String text = PostText.validate(c.text());
    List<String> files = null;
    if (c.attachments() != null) {
      List<String> asked = attachments(c.actor(), c.attachments(), c.uploaders());
      files = asked == null ? List.of() : asked;
      if (files.equals(c.shown())) files = null; // the same files: left as they are
    }
    if (text.equals(state.text()) && files == null) return List.of();
    return List.of(new PostEdited(c.postId(), state.author(), text,
        PostText.hashtags(text), PostText.mentions(text), PostText.links(text), c.at(), files));
  }

  private static List<PostEvent> delete(DeletePost c, PostState state) {
    if (state.status() == Status.DELETED && c.actor().equals(state.author())) return List.of();
    requireOwnLivePost(state, c.postId(), c.actor());
    return List.of(new PostDeleted(c.postId(), state.author(), c.at()));
  }

  private static List<PostEvent> remove(RemovePost c, PostState state) {
    if (!state.live() || !c.maySee()) throw new Rejection.NotFound("post " + c.postId() + " does not exist");
    if (!c.moderates()) throw new Rejection.Forbidden("only admins, and owners of the group a post is in, remove others' posts");
    String reason = c.reason() == null ? "" : c.reason().strip();
    if (reason.isEmpty()) throw new Rejection.Invalid("reason", "required", "say why the post is removed: its author is told");
    if (reason.length() > MAX_REASON) throw new Rejection.Invalid("reason", "maxLength", "a reason is at most " + MAX_REASON + " characters");
    return List.of(new PostDeleted(c.postId(), state.author(), c.at(), c.moderator(), reason));
  }

  private static void requireOwnLivePost(PostState state, String postId, String actor) {
    if (!state.live()) throw new Rejection.NotFound("post " + postId + " does not exist");
    if (!state.author().equals(actor)) throw new Rejection.Forbidden("only the author may change post " + postId);
  }
}
