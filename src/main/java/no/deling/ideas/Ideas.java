package no.deling.ideas;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.function.LongConsumer;
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
  private final Long2ObjectOpenHashMap<Decision> decisions = new Long2ObjectOpenHashMap<>();

  public void on(DomainEvent event) {
    if (event instanceof PostPublished p && PostDecider.IDEA.equals(p.kind())) {
      order.insertSorted(PostIds.parse(p.postId()));
    } else if (event instanceof IdeaStatusSet s) {
      decisions.put(PostIds.parse(s.ideaId()), new Decision(s.status(), s.note(), s.by(), s.at().toEpochMilli()));
    }
  }

  public Decision decision(long id) {
    return decisions.get(id);
  }

  public String status(long id) {
    Decision d = decisions.get(id);
    return d == null ? "new" : d.status();
  }

  /** Every idea id, newest first. */
  public void newestFirst(LongConsumer each) {
    for (int i = order.size() - 1; i >= 0; i--) each.accept(order.get(i));
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
