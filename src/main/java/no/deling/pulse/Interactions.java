package no.deling.pulse;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
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
 *
 * <p>Kept as a ring of primitive columns (people as small numbers): most events of a log are
 * interactions, and an object per interaction was a noticeable part of a rebuild and its heap.
 */
public final class Interactions {
  static final int KEEP_DAYS = 35;
  private static final long KEEP_MS = KEEP_DAYS * 86_400_000L;

  /** One interaction; {@code inPrivateGroup} when its post is addressed to a private group. */
  public record Interaction(String from, String to, long atMillis, boolean inPrivateGroup) {}

  private final Object2IntOpenHashMap<String> numbers = new Object2IntOpenHashMap<>();
  private final List<String> people = new ArrayList<>();
  // a ring: [head, head + size) modulo capacity, oldest first
  private int[] from = new int[1024];
  private int[] to = new int[1024];
  private long[] at = new long[1024];
  private boolean[] inPrivate = new boolean[1024];
  private int head;
  private int size;
  private long newest;
  private final PostIndex posts;
  private final Visibility.Memberships groups;

  public Interactions(PostIndex posts, Visibility.Memberships groups) {
    this.posts = posts;
    this.groups = groups;
    numbers.defaultReturnValue(-1);
  }

  public void on(DomainEvent event) {
    if (event instanceof PostPublished p) {
      if (p.inReplyTo() == null && p.mentions().isEmpty()) return;
      PostView v = posts.get(PostIds.parse(p.postId()));
      if (v == null) return;
      boolean priv = isPrivate(v);
      long when = p.publishedAt().toEpochMilli();
      PostView parent = v.inReplyTo == 0 ? null : posts.get(v.inReplyTo);
      if (parent != null) add(v.author, parent.author, when, priv);
      for (String m : v.mentions) if (parent == null || !m.equals(parent.author)) add(v.author, m, when, priv);
    } else if (event instanceof PostEndorsed e) {
      PostView v = posts.get(PostIds.parse(e.postId()));
      add(e.endorser(), e.postAuthor(), e.at().toEpochMilli(), v != null && isPrivate(v));
    } else if (event instanceof PostShared s) {
      add(s.sharer(), s.postAuthor(), s.at().toEpochMilli(), false); // a private group's post cannot be shared
    }
  }

  private boolean isPrivate(PostView v) {
    return v.group != null && groups.isPrivate(v.group);
  }

  private int number(String person) {
    int n = numbers.getInt(person);
    if (n < 0) {
      n = people.size();
      people.add(person);
      numbers.put(person, n);
    }
    return n;
  }

  private void add(String a, String b, long when, boolean priv) {
    if (a.equals(b)) return;
    newest = Math.max(newest, when);
    while (size > 0 && at[head] < newest - KEEP_MS) {
      head = (head + 1) % at.length;
      size--;
    }
    if (size == at.length) grow();
    int slot = (head + size) % at.length;
    from[slot] = number(a);
    to[slot] = number(b);
    at[slot] = when;
    inPrivate[slot] = priv;
    size++;
  }

  private void grow() {
    int capacity = at.length * 2;
    int[] f = new int[capacity];
    int[] t = new int[capacity];
    long[] w = new long[capacity];
    boolean[] p = new boolean[capacity];
    for (int i = 0; i < size; i++) {
      int s = (head + i) % at.length;
      f[i] = from[s];
      t[i] = to[s];
      w[i] = at[s];
      p[i] = inPrivate[s];
    }
    from = f;
    to = t;
    at = w;
    inPrivate = p;
    head = 0;
  }

  /** Interactions at or after {@code fromMillis}, oldest first. Under the read lock. */
  public List<Interaction> since(long fromMillis) {
    List<Interaction> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int s = (head + i) % at.length;
      if (at[s] >= fromMillis) out.add(new Interaction(people.get(from[s]), people.get(to[s]), at[s], inPrivate[s]));
    }
    return out;
  }

  int size() {
    return size;
  }
}
