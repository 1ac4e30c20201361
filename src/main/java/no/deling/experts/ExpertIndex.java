package no.deling.experts;

import it.unimi.dsi.fastutil.longs.LongIterator;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.core.state.CompactState;
import no.deling.core.state.StateReader;
import no.deling.core.state.StateWriter;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.questions.Questions;

/**
 * Per topic, the posts that can be evidence of knowing it: answers (under their own tags and their
 * question's) and endorsed posts. Only those — a plain post nobody endorsed says little — which
 * keeps the index a small part of the read side. A candidate set: the ranking checks each post's
 * current state (deleted, still tagged, visible to the viewer) when it asks.
 */
public final class ExpertIndex implements CompactState {
  private static final LongOpenHashSet NONE = new LongOpenHashSet();
  /** Not final: a snapshot reads it back itself (see {@link #readState}). */
  private Map<String, LongOpenHashSet> byTopic = new HashMap<>();
  private final PostIndex posts;
  private final Questions questions;
  private final no.deling.endorsements.Endorsements endorsements;

  /** Registered after the endorsements: a post is indexed at its first endorsement. */
  public ExpertIndex(PostIndex posts, Questions questions, no.deling.endorsements.Endorsements endorsements) {
    this.posts = posts;
    this.questions = questions;
    this.endorsements = endorsements;
  }

  @Override
  public void writeState(StateWriter out) {
    out.number(byTopic.size());
    byTopic.forEach((topic, ids) -> {
      out.string(topic);
      out.number(ids.size());
      for (LongIterator i = ids.iterator(); i.hasNext(); ) out.number(i.nextLong());
    });
  }

  @Override
  public void readState(StateReader in) throws IOException {
    int topics = in.count();
    byTopic = new HashMap<>(topics * 2);
    for (int t = 0; t < topics; t++) {
      String topic = in.string();
      int n = in.count();
      LongOpenHashSet ids = new LongOpenHashSet(n);
      for (int i = 0; i < n; i++) ids.add(in.number());
      byTopic.put(topic, ids);
    }
  }

  public void on(DomainEvent event) {
    if (event instanceof PostPublished p && p.inReplyTo() != null) {
      PostView v = posts.get(PostIds.parse(p.postId()));
      if (v != null && isAnswer(v)) index(v);
    } else if (event instanceof PostEndorsed e) {
      long id = PostIds.parse(e.postId());
      if (endorsements.count(id) != 1) return; // indexed at the first
      PostView v = posts.get(id);
      if (v != null) index(v);
    } else if (event instanceof PostEdited e) {
      PostView v = posts.get(PostIds.parse(e.postId()));
      if (v != null && (endorsements.count(v.id) > 0 || isAnswer(v))) index(v); // new tags count too
    }
  }

  /** Idempotent: the sets ignore a post already there. */
  private void index(PostView v) {
    if (no.deling.integrations.Integrations.isApp(v.author)) return; // an integration is nobody to ask
    for (String t : v.hashtags) byTopic.computeIfAbsent(t, k -> new LongOpenHashSet()).add(v.id);
    PostView question = isAnswer(v) ? posts.get(v.inReplyTo) : null;
    if (question != null) for (String t : question.hashtags) byTopic.computeIfAbsent(t, k -> new LongOpenHashSet()).add(v.id);
  }

  /** A direct reply to a question by someone other than its asker. */
  boolean isAnswer(PostView v) {
    if (v.inReplyTo == 0) return false;
    Questions.Question q = questions.get(v.inReplyTo);
    return q != null && !q.asker.equals(v.author);
  }

  /** Posts that may be evidence for the topic (check each). Do not modify. */
  LongOpenHashSet candidates(String topic) {
    return byTopic.getOrDefault(topic, NONE);
  }
}
