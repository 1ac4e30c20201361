package no.deling.pulse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.shares.ShareEvent.PostShared;
import no.deling.visibility.Visibility;

/**
 * Who turned to whom: every reply, answer, mention, endorsement and share from one person to
 * another, with when, and whether it happened inside a private group (such interactions count in
 * organisation-wide figures only, never in a breakdown). Only the newest {@link #KEEP_DAYS} days
 * are kept: ties look back 28 days. Registered after the posts.
 */
public final class Interactions {
  static final int KEEP_DAYS = 35;
  private static final long KEEP_MS = KEEP_DAYS * 86_400_000L;

  /** One interaction; {@code inPrivateGroup} when its post is addressed to a private group. */
  public record Interaction(String from, String to, long atMillis, boolean inPrivateGroup) {}

  private final Deque<Interaction> recent = new ArrayDeque<>();
  private final PostIndex posts;
  private final Visibility.Memberships groups;
  private long newest;

  public Interactions(PostIndex posts, Visibility.Memberships groups) {
    this.posts = posts;
    this.groups = groups;
  }

  public void on(DomainEvent event) {
    if (event instanceof PostPublished p) {
      if (p.inReplyTo() == null && p.mentions().isEmpty()) return;
      PostView v = posts.get(PostIds.parse(p.postId()));
      if (v == null) return;
      boolean inPrivate = isPrivate(v);
      long at = p.publishedAt().toEpochMilli();
      PostView parent = v.inReplyTo == 0 ? null : posts.get(v.inReplyTo);
      if (parent != null) add(new Interaction(v.author, parent.author, at, inPrivate));
      for (String m : v.mentions) if (parent == null || !m.equals(parent.author)) add(new Interaction(v.author, m, at, inPrivate));
    } else if (event instanceof PostEndorsed e) {
      PostView v = posts.get(PostIds.parse(e.postId()));
      add(new Interaction(e.endorser(), e.postAuthor(), e.at().toEpochMilli(), v != null && isPrivate(v)));
    } else if (event instanceof PostShared s) {
      add(new Interaction(s.sharer(), s.postAuthor(), s.at().toEpochMilli(), false)); // a private group's post cannot be shared
    }
  }

  private boolean isPrivate(PostView v) {
    return v.group != null && groups.isPrivate(v.group);
  }

  private void add(Interaction i) {
    if (i.from().equals(i.to())) return;
    recent.addLast(i);
    newest = Math.max(newest, i.atMillis());
    while (!recent.isEmpty() && recent.peekFirst().atMillis() < newest - KEEP_MS) recent.removeFirst();
  }

  /** Interactions at or after {@code fromMillis}, oldest first. Under the read lock. */
  public List<Interaction> since(long fromMillis) {
    List<Interaction> out = new ArrayList<>();
    for (Interaction i : recent) if (i.atMillis() >= fromMillis) out.add(i);
    return out;
  }
}
