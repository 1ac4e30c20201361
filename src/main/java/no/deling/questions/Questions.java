package no.deling.questions;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import no.deling.core.collections.LongList;
import no.deling.core.events.DomainEvent;
import no.deling.core.state.CompactState;
import no.deling.core.state.StateReader;
import no.deling.core.state.StateWriter;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.questions.QuestionEvent.AcceptanceWithdrawn;
import no.deling.questions.QuestionEvent.AnswerAccepted;

/**
 * Every question, its answers (direct replies by others than the asker), the accepted answer, and
 * the times to a first and to an accepted answer (facts the pulse reads). Registered after the
 * posts, so the post an event is about is already in {@link PostIndex}.
 */
public final class Questions implements CompactState {
  public enum Status {
    UNANSWERED, ANSWERED, ACCEPTED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One question as the read side keeps it; written by the projection thread only. */
  public static final class Question {
    public final long id;
    public final String asker;
    public final long askedAt;
    /** Live answers (deleted ones are taken off). */
    public int answers;
    /** When the first answer came, 0 while none did; kept when that answer is deleted (it happened). */
    public long firstAnswerAt;
    /** The accepted answer, 0 for none. */
    public long accepted;
    public long acceptedAt;
    /** When an answer was first accepted, 0 while never. */
    public long firstAcceptedAt;
    /** When it was brought, unanswered, to its topics' owners, 0 while not. */
    public long escalatedAt;

    Question(long id, String asker, long askedAt) {
      this.id = id;
      this.asker = asker;
      this.askedAt = askedAt;
    }
  }

  // not final: a snapshot reads them back itself (see readState)
  private Long2ObjectOpenHashMap<Question> byId = new Long2ObjectOpenHashMap<>();
  /** Question ids in the order asked (ids grow with time). */
  private LongList order = new LongList();
  /**
   * Ids of the questions with no answer, in the order asked: what a topic's waiting count and the
   * unanswered list walk instead of every question ever asked (most get answered). Derived from
   * {@link Question#answers}, so a snapshot does not keep it. A deleted question stays in it; every
   * reader asks the visibility rule, which hides it.
   */
  private LongList unanswered = new LongList();
  private final PostIndex posts;

  public Questions(PostIndex posts) {
    this.posts = posts;
  }

  @Override
  public void writeState(StateWriter out) {
    order.writeTo(out);
    out.number(byId.size());
    for (Question q : byId.values()) {
      out.number(q.id);
      out.string(q.asker);
      out.number(q.askedAt);
      out.signed(q.answers);
      out.number(q.firstAnswerAt);
      out.number(q.accepted);
      out.number(q.acceptedAt);
      out.number(q.firstAcceptedAt);
      out.number(q.escalatedAt);
    }
  }

  @Override
  public void readState(StateReader in) throws IOException {
    order = LongList.readFrom(in);
    int n = in.count();
    byId = new Long2ObjectOpenHashMap<>(n);
    for (int i = 0; i < n; i++) {
      Question q = new Question(in.number(), in.string(), in.number());
      q.answers = (int) in.signed();
      q.firstAnswerAt = in.number();
      q.accepted = in.number();
      q.acceptedAt = in.number();
      q.firstAcceptedAt = in.number();
      q.escalatedAt = in.number();
      byId.put(q.id, q);
    }
    unanswered = new LongList();
    for (int i = 0; i < order.size(); i++) if (byId.get(order.get(i)).answers <= 0) unanswered.insertSorted(order.get(i));
  }

  public void on(DomainEvent event) {
    if (event instanceof PostPublished p) {
      if (p.inReplyTo() == null) {
        if (!no.deling.posts.PostDecider.QUESTION.equals(p.kind())) return; // most posts: nothing to do
        long id = PostIds.parse(p.postId());
        if (!byId.containsKey(id)) {
          byId.put(id, new Question(id, p.author(), p.publishedAt().toEpochMilli()));
          order.insertSorted(id);
          unanswered.insertSorted(id);
        }
        return;
      }
      if (byId.isEmpty()) return;
      Question q = byId.get(PostIds.parse(p.inReplyTo()));
      if (q == null || q.asker.equals(p.author())) return;
      if (++q.answers == 1) unanswered.remove(q.id);
      if (q.firstAnswerAt == 0) q.firstAnswerAt = p.publishedAt().toEpochMilli();
    } else if (event instanceof PostDeleted d) {
      PostView v = posts.get(PostIds.parse(d.postId()));
      Question q = v == null || v.inReplyTo == 0 ? null : byId.get(v.inReplyTo);
      if (q != null && !q.asker.equals(v.author) && --q.answers == 0) unanswered.insertSorted(q.id);
    } else if (event instanceof AnswerAccepted a) {
      Question q = byId.get(PostIds.parse(a.questionId()));
      if (q == null) return;
      q.accepted = PostIds.parse(a.answerId());
      q.acceptedAt = a.at().toEpochMilli();
      if (q.firstAcceptedAt == 0) q.firstAcceptedAt = q.acceptedAt;
    } else if (event instanceof AcceptanceWithdrawn w) {
      Question q = byId.get(PostIds.parse(w.questionId()));
      if (q != null) q.accepted = 0;
    } else if (event instanceof no.deling.questions.QuestionEvent.QuestionEscalated e) {
      Question q = byId.get(PostIds.parse(e.questionId()));
      if (q != null && q.escalatedAt == 0) q.escalatedAt = e.at().toEpochMilli();
    }
  }

  public Question get(long id) {
    return byId.get(id);
  }

  /** Accepted while its accepted answer is live; answered while some answer is. */
  public Status status(Question q) {
    if (q.accepted != 0) {
      PostView a = posts.get(q.accepted);
      if (a != null && !a.deleted) return Status.ACCEPTED;
    }
    return q.answers > 0 ? Status.ANSWERED : Status.UNANSWERED;
  }

  /** The accepted answer if it is still live, else 0. */
  public long acceptedAnswer(Question q) {
    return status(q) == Status.ACCEPTED ? q.accepted : 0;
  }

  /**
   * Newest first, from before {@code before} (an id), those {@code filter} keeps, among {@code among}
   * (post ids, ascending; null for all) and only the unanswered if asked; one more than {@code limit}
   * tells the caller there is a next page. Walks whichever list is shorter, those ids or the
   * questions themselves (the unanswered alone when asked), so a rare topic's questions do not read
   * every question ever asked, nor a busy topic's every post.
   */
  public List<Question> newestFirst(LongList among, boolean unansweredOnly, long before, int limit, Predicate<Question> filter) {
    LongList own = unansweredOnly ? unanswered : order;
    LongList ids = among != null && among.size() < own.size() ? among : own;
    List<Question> out = new ArrayList<>(Math.min(limit + 1, 64));
    for (int i = ids.lowerBound(before) - 1; i >= 0 && out.size() <= limit; i--) {
      Question q = byId.get(ids.get(i));
      if (q != null && (!unansweredOnly || q.answers <= 0) && filter.test(q)) out.add(q);
    }
    return out;
  }

  /** The unanswered questions, oldest first, for as long as {@code action} says go on. */
  public void unansweredOldestFirst(Predicate<Question> action) {
    for (int i = 0; i < unanswered.size(); i++) if (!action.test(byId.get(unanswered.get(i)))) return;
  }

  /** Questions asked in {@code [fromMillis, toMillis]}, newest first, for as long as {@code action} says go on. */
  public void askedBetween(long fromMillis, long toMillis, Predicate<Question> action) {
    for (int i = order.size() - 1; i >= 0; i--) {
      Question q = byId.get(order.get(i));
      if (q.askedAt > toMillis) continue;
      if (q.askedAt < fromMillis || !action.test(q)) return;
    }
  }

  /** Every question, oldest first (for aggregates such as the pulse's answer rates). */
  public void forEach(java.util.function.Consumer<Question> action) {
    for (int i = 0; i < order.size(); i++) action.accept(byId.get(order.get(i)));
  }

  public int size() {
    return byId.size();
  }
}
