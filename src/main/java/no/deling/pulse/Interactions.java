package no.deling.pulse;

import java.util.ArrayList;
import java.util.List;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostView;
import no.deling.readmodel.ReadModel;

/**
 * Who turned to whom, worked out when the pulse refreshes from what the read side already holds:
 * every reply or answer (to the parent's author), mention, endorsement and share of a live post,
 * with when, and whether it happened inside a private group (such interactions count in
 * organisation-wide figures only, never in a breakdown). Nothing is kept per event: a read model
 * of its own cost a rebuild more than a daily scan costs the pulse.
 */
public final class Interactions {
  private Interactions() {}

  /** One interaction; {@code inPrivateGroup} when its post is addressed to a private group. */
  public record Interaction(String from, String to, long atMillis, boolean inPrivateGroup) {}

  /** Interactions at or after {@code fromMillis}, in no order. Under the read lock. */
  public static List<Interaction> since(ReadModel m, long fromMillis) {
    List<Interaction> out = new ArrayList<>();
    m.posts.forEach(publishedAt -> publishedAt >= fromMillis, v -> {
      if (v.deleted || v.publishedAt < fromMillis || (v.inReplyTo == 0 && v.mentions.length == 0)) return;
      boolean priv = isPrivate(m, v);
      PostView parent = v.inReplyTo == 0 ? null : m.posts.get(v.inReplyTo);
      if (parent != null) add(out, v.author, parent.author, v.publishedAt, priv);
      for (String mentioned : v.mentions) if (parent == null || !mentioned.equals(parent.author)) add(out, v.author, mentioned, v.publishedAt, priv);
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

  private static boolean isPrivate(ReadModel m, PostView v) {
    return v.group != null && m.groups.isPrivate(v.group);
  }

  private static void add(List<Interaction> out, String from, String to, long at, boolean priv) {
    if (!from.equals(to)) out.add(new Interaction(from, to, at, priv));
  }
}
