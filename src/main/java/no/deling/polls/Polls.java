package no.deling.polls;

import com.fasterxml.jackson.core.JsonGenerator;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.polls.PollEvent.PollVoteWithdrawn;
import no.deling.polls.PollEvent.PollVoted;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.users.UserEvent.PersonErased;

/**
 * Every live poll's choices and tallies, and each voter's choice (kept to move a changed vote, and
 * to tell a voter what they chose; never shown to anyone else). A deleted post's poll goes with it
 * (its choices are its author's words), an erased voter's votes with them, as a rebuild would.
 */
public final class Polls {
  static final class Poll {
    final String[] options;
    /** 0: open while the post is there (or until its author ends it). */
    long closesAt;
    final int[] counts;
    final Map<String, Integer> choices = new HashMap<>(8);

    Poll(String[] options, long closesAt) {
      this.options = options;
      this.closesAt = closesAt;
      this.counts = new int[options.length];
    }
  }

  private final Long2ObjectOpenHashMap<Poll> byPost = new Long2ObjectOpenHashMap<>();
  /** Polls with a closing time and no {@code PollClosed} yet, by that time: what the sweep closes (see {@link PollClosing}). */
  private final java.util.TreeMap<Long, java.util.Set<Long>> pending = new java.util.TreeMap<>();
  private final Interner interner;

  public Polls(Interner interner) {
    this.interner = interner;
  }

  public void on(DomainEvent event) {
    if (event instanceof PostPublished p && p.poll() != null) {
      long id = PostIds.parse(p.postId());
      // seen again after a restart: the tallies it has are the ones to keep
      if (!byPost.containsKey(id)) {
        byPost.put(id, new Poll(p.poll().options().toArray(String[]::new), p.poll().closesAt() == null ? 0 : p.poll().closesAt().toEpochMilli()));
        if (p.poll().closesAt() != null) pending.computeIfAbsent(p.poll().closesAt().toEpochMilli(), k -> new java.util.HashSet<>(2)).add(id);
      }
    } else if (event instanceof PostDeleted d) {
      Poll gone = byPost.remove(PostIds.parse(d.postId()));
      if (gone != null) settled(gone, PostIds.parse(d.postId()));
    } else if (event instanceof PollVoted v) {
      Poll poll = byPost.get(PostIds.parse(v.postId()));
      if (poll == null || v.option() < 0 || v.option() >= poll.options.length || after(poll, v.at())) return;
      Integer before = poll.choices.put(interner.intern(v.voter()), v.option());
      if (before != null) poll.counts[before]--;
      poll.counts[v.option()]++;
    } else if (event instanceof PollEvent.PollClosed c) {
      Poll poll = byPost.get(PostIds.parse(c.postId()));
      long at = c.at().toEpochMilli();
      if (poll == null) return;
      settled(poll, PostIds.parse(c.postId()));
      if (poll.closesAt == 0 || at < poll.closesAt) poll.closesAt = at;
    } else if (event instanceof PollVoteWithdrawn w) {
      Poll poll = byPost.get(PostIds.parse(w.postId()));
      Integer before = poll == null || after(poll, w.at()) ? null : poll.choices.remove(w.voter());
      if (before != null) poll.counts[before]--;
    } else if (event instanceof PersonErased e) {
      for (Poll poll : byPost.values()) {
        Integer before = poll.choices.remove(e.userId());
        if (before != null) poll.counts[before]--;
      }
    }
  }

  /** The poll needs no closing any more: it was ended, or its post is gone. */
  private void settled(Poll poll, long postId) {
    if (poll.closesAt == 0) return;
    java.util.Set<Long> at = pending.get(poll.closesAt);
    if (at != null && at.remove(postId) && at.isEmpty()) pending.remove(poll.closesAt);
  }

  /** Polls whose closing time has come by {@code nowMillis} and that no {@code PollClosed} ended yet, oldest first. Under the read lock. */
  public java.util.List<Long> due(long nowMillis) {
    java.util.List<Long> out = new java.util.ArrayList<>();
    for (java.util.Set<Long> ids : pending.headMap(nowMillis, true).values()) out.addAll(ids);
    return out;
  }

  /** Who voted in the poll (never shown to anyone: for telling them it ended). Under the read lock. */
  public java.util.Set<String> voters(long postId) {
    Poll poll = byPost.get(postId);
    return poll == null ? java.util.Set.of() : java.util.Set.copyOf(poll.choices.keySet());
  }

  /**
   * Did this come once the poll had ended? A vote decided just before its author ended the poll may
   * be stored just after (they are two streams): it does not count, here or in a rebuild.
   */
  private static boolean after(Poll poll, Instant at) {
    return poll.closesAt != 0 && at.toEpochMilli() >= poll.closesAt;
  }

  /** The poll's choices, in order, or null for a post that is no poll (or is gone). Under the read lock. */
  public String[] options(long postId) {
    Poll poll = byPost.get(postId);
    return poll == null ? null : poll.options;
  }

  /**
   * Writes the post's poll as clients see it ({@code {"options":[{"text","votes"}],"votes","closesAt","closed"}}
   * and, for a {@code viewer}, {@code "myVote"}), or nothing for a post without one. Under the read lock.
   *
   * @param viewer null for the live stream's one rendering for every reader
   * @param now the time "closed" is judged at
   */
  public boolean write(JsonGenerator g, long postId, String viewer, Instant now) throws IOException {
    Poll poll = byPost.get(postId);
    if (poll == null) return false;
    g.writeStartObject();
    g.writeArrayFieldStart("options");
    for (int i = 0; i < poll.options.length; i++) {
      g.writeStartObject();
      g.writeStringField("text", poll.options[i]);
      g.writeNumberField("votes", poll.counts[i]);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("votes", poll.choices.size());
    if (viewer != null) {
      Integer mine = poll.choices.get(viewer);
      if (mine == null) g.writeNullField("myVote");
      else g.writeNumberField("myVote", mine);
    }
    if (poll.closesAt == 0) g.writeNullField("closesAt");
    else g.writeStringField("closesAt", Instant.ofEpochMilli(poll.closesAt).toString());
    g.writeBooleanField("closed", poll.closesAt != 0 && now.toEpochMilli() >= poll.closesAt);
    g.writeEndObject();
    return true;
  }
}
