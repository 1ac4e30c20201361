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
      }
    } else if (event instanceof PostDeleted d) {
      byPost.remove(PostIds.parse(d.postId()));
    } else if (event instanceof PollVoted v) {
      Poll poll = byPost.get(PostIds.parse(v.postId()));
      if (poll == null || v.option() < 0 || v.option() >= poll.options.length || after(poll, v.at())) return;
      Integer before = poll.choices.put(interner.intern(v.voter()), v.option());
      if (before != null) poll.counts[before]--;
      poll.counts[v.option()]++;
    } else if (event instanceof PollEvent.PollClosed c) {
      Poll poll = byPost.get(PostIds.parse(c.postId()));
      long at = c.at().toEpochMilli();
      if (poll != null && (poll.closesAt == 0 || at < poll.closesAt)) poll.closesAt = at;
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
