package no.deling.pulse;

import java.util.ArrayList;
import java.util.List;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostView;
import no.deling.readmodel.ReadModel;
import no.deling.shares.Shares;

/**
 * Who turned to whom, worked out when the pulse refreshes from what the read side already holds:
 * every reply or answer (to the parent's author), mention, endorsement and share of a live post,
 * with when, and whether it happened inside a private group (such interactions count in
 * organisation-wide figures only, never in a breakdown). Nothing is kept per event for the
 * leaders' figures: a read model of its own cost a rebuild more than a daily scan costs the pulse.
 * A person's own figures, looked at with their profile, keep pointers instead ({@link OwnTies}).
 */
public final class Interactions {
  private Interactions() {}

  /** One interaction; {@code inPrivateGroup} when its post is addressed to a private group. */
  public record Interaction(String from, String to, long atMillis, boolean inPrivateGroup) {}

  /** Interactions at or after {@code fromMillis}, in no order. Under the read lock. */
  public static List<Interaction> since(ReadModel m, long fromMillis) {
    List<Interaction> out = new ArrayList<>();
    m.posts.forEach(publishedAt -> publishedAt >= fromMillis, v -> {
      if (!v.deleted) repliedAndMentioned(m, v, fromMillis, isPrivate(m, v), out);
    });
    m.endorsements.forEach((postId, endorser, at) -> {
      if (at < fromMillis) return;
      PostView v = m.posts.get(postId);
      if (v != null && !v.deleted) add(out, endorser, v.author, at, isPrivate(m, v));
    });
    m.shares.forEach(s -> {
      long at = PostIds.millis(s.id()); // a share's id carries its time
      PostView v = m.posts.get(s.postId());
      if (at >= fromMillis && v != null && !v.deleted) add(out, s.sharer(), v.author, at, false); // private posts are never shared
    });
    return out;
  }

  /**
   * The interactions at or after {@code fromMillis} that this one post gives, as {@link #since}
   * finds them: its reply and mentions, and its endorsements and shares. Under the read lock.
   */
  public static void ofPost(ReadModel m, long postId, long fromMillis, List<Interaction> out) {
    PostView v = m.posts.get(postId);
    if (v == null || v.deleted) return;
    boolean priv = isPrivate(m, v);
    repliedAndMentioned(m, v, fromMillis, priv, out);
    String[] endorsers = m.endorsements.endorsers(postId);
    long[] times = m.endorsements.times(postId);
    for (int i = 0; i < endorsers.length; i++) if (times[i] >= fromMillis) add(out, endorsers[i], v.author, times[i], priv);
    for (Shares.Share s : m.shares.ofPost(postId)) {
      long at = PostIds.millis(s.id());
      if (at >= fromMillis) add(out, s.sharer(), v.author, at, false); // private posts are never shared
    }
  }

  /** A live post's reply (to its parent's author) and mentions (a mention of the parent's author is the reply), when published from {@code fromMillis} on. */
  private static void repliedAndMentioned(ReadModel m, PostView v, long fromMillis, boolean priv, List<Interaction> out) {
    if (v.publishedAt < fromMillis || (v.inReplyTo == 0 && v.mentions.length == 0)) return;
    PostView parent = v.inReplyTo == 0 ? null : m.posts.get(v.inReplyTo);
    if (parent != null) add(out, v.author, parent.author, v.publishedAt, priv);
    for (String mentioned : v.mentions) if (parent == null || !mentioned.equals(parent.author)) add(out, v.author, mentioned, v.publishedAt, priv);
  }

  private static boolean isPrivate(ReadModel m, PostView v) {
    return v.group != null && m.groups.isPrivate(v.group);
  }

  private static void add(List<Interaction> out, String from, String to, long at, boolean priv) {
    if (!from.equals(to)) out.add(new Interaction(from, to, at, priv));
  }
}
