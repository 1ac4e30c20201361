package no.deling.ideas;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.function.LongConsumer;
import no.deling.core.collections.ChangeLog;
import no.deling.core.collections.LongList;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.ideas.IdeaEvent.IdeaStatusSet;
import no.deling.posts.PostDecider;
import no.deling.posts.PostEvent.PostPublished;

/** Every idea, oldest first, and where each stands. */
public final class Ideas {
  /** The latest status decision about an idea; absent while it is new. */
  public record Decision(String status, String note, String by, long atMillis) {}

  private final LongList order = new LongList();
  /**
   * The ideas whose rising order changed, the last ones: a new idea, an endorsement of one given or
   * taken back. Time alone never changes the order, as every score halves alike (see {@link RisingOrder}).
   * Not in a snapshot (its reader leaves transient fields out, and made by the projection when next
   * needed): the first read after one orders every idea.
   */
  private transient ChangeLog<Long> ranks = new ChangeLog<>();
  /** Every decision per idea, oldest first: erasing a person takes theirs away and the one before stands again. */
  private final Long2ObjectOpenHashMap<java.util.List<Decision>> decisions = new Long2ObjectOpenHashMap<>();
  /**
   * How many endorsements make an idea rise to its department's leaders ("improvement proposals that
   * never got through now reach the top"): they are told once, when it first has this many.
   */
  public static final int RISING_AT = 5;
  /** The ideas that have had {@link #RISING_AT} endorsements, each with the log position of the endorsement that first made it so. */
  private final Long2ObjectOpenHashMap<Long> roseAt = new Long2ObjectOpenHashMap<>();

  /** @param endorsements how many endorsements a post has, the event's own counted (that model applies it first) */
  public void on(DomainEvent event, long position, java.util.function.LongToIntFunction endorsements) {
    if (event instanceof PostPublished p && PostDecider.IDEA.equals(p.kind())) {
      long id = PostIds.parse(p.postId());
      order.insertSorted(id);
      rankChanged(id);
    } else if (event instanceof no.deling.endorsements.EndorsementEvent e) { // given or taken back
      long id = PostIds.parse(e.postId());
      if (!order.contains(id)) return;
      rankChanged(id);
      if (endorsements.applyAsInt(id) >= RISING_AT && !roseAt.containsKey(id)) roseAt.put(id, Long.valueOf(position));
    } else if (event instanceof IdeaStatusSet s) {
      decisions.computeIfAbsent(PostIds.parse(s.ideaId()), k -> new java.util.ArrayList<>(2))
          .add(new Decision(s.status(), s.note(), s.by(), s.at().toEpochMilli()));
    } else if (event instanceof no.deling.users.UserEvent.PersonErased e) {
      // as a rebuild sees it: their decisions are sealed for them, so they never opened
      decisions.values().forEach(list -> list.removeIf(d -> d.by().equals(e.userId())));
      decisions.values().removeIf(java.util.List::isEmpty);
    } else if (event instanceof no.deling.privacy.RetentionEvent.RetentionApplied r) {
      long keptFrom = r.keptFromMillis();
      decisions.values().forEach(list -> list.removeIf(d -> d.atMillis() < keptFrom));
      decisions.values().removeIf(java.util.List::isEmpty);
    }
  }

  private void rankChanged(long id) {
    if (ranks == null) ranks = new ChangeLog<>();
    ranks.changed(id);
  }

  /** The ideas whose rank changed after {@code version}, or null when that is not known (see {@link ChangeLog#since}). */
  java.util.List<Long> changedSince(long version) {
    return ranks == null ? null : ranks.since(version);
  }

  /** Whether the event at {@code position} is the endorsement that first gave idea {@code id} {@link #RISING_AT} endorsements. */
  public boolean roseAt(long id, long position) {
    Long at = roseAt.get(id);
    return at != null && at == position;
  }

  /** The latest decision, or null while the idea is new. */
  public Decision decision(long id) {
    java.util.List<Decision> all = decisions.get(id);
    return all == null ? null : all.get(all.size() - 1);
  }

  public String status(long id) {
    Decision d = decision(id);
    return d == null ? "new" : d.status();
  }

  /** Every idea id, newest first. */
  public void newestFirst(LongConsumer each) {
    newestFirstWhile(id -> {
      each.accept(id);
      return true;
    });
  }

  /** Idea ids, newest first, for as long as {@code each} says go on. */
  public void newestFirstWhile(java.util.function.LongPredicate each) {
    for (int i = order.size() - 1; i >= 0; i--) if (!each.test(order.get(i))) return;
  }

  public int size() {
    return order.size();
  }

  /** See the field: what a cached rising order is valid for. */
  public long rankVersion() {
    return ranks == null ? 0 : ranks.version();
  }

  /** How fast an idea is gathering support now: each endorsement counts 1, halving every {@value #RISING_HALF_LIFE_HOURS} hours. */
  public static double rising(long[] endorsedAt, long nowMillis) {
    double score = 0;
    for (long at : endorsedAt) score += Math.pow(0.5, Math.max(0, nowMillis - at) / (RISING_HALF_LIFE_HOURS * 3_600_000d));
    return score;
  }

  /** Three days: a proposal from this week outranks one that was popular last month. */
  public static final int RISING_HALF_LIFE_HOURS = 72;
}
