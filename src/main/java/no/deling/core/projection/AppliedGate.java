package no.deling.core.projection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Holds the answers to appends until the read side has applied them, so that an answer and the
 * write's read-your-writes reach the caller's event loop in one hand-off instead of two (first the
 * answer after the sync, then the read side's after it applied the write). Under 64 writers each
 * hand-off waited 0.6–0.8 ms for a busy loop, most of a post's time.
 *
 * <p>An answer is never held long: it goes when its position is applied, when applying stands
 * still for a while (a long snapshot: see {@link #open}), or once it has waited {@code maxHoldNanos}
 * (a read side that is behind or stuck), whichever comes first; a held answer is still for a
 * durable write. Positions must be offered in increasing order (the log's commit order).
 */
public final class AppliedGate implements no.deling.core.eventstore.AnswerGate {
  private record Held(long position, long since, Runnable answer) {}

  private final LongSupplier applied;
  private final long maxHoldNanos;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  /** Answers go at once: applying stands still. */
  private volatile boolean open;
  /** Answers go at once from now on: the log is closing. */
  private volatile boolean stopped;
  /** The last answer let go had waited its bound without being applied: the read side is behind. */
  private volatile boolean lagging;

  /** @param applied the position the read side has applied */
  public AppliedGate(LongSupplier applied, long maxHoldMillis) {
    this.applied = applied;
    this.maxHoldNanos = maxHoldMillis * 1_000_000L;
  }

  /** Runs {@code answer} once {@code position} has been applied (at once if it has); on whichever thread releases it. */
  @Override
  public void whenApplied(long position, Runnable answer) {
    if (open || stopped || applied.getAsLong() >= position) {
      if (!open && !stopped) lagging = false; // applied already: the read side keeps up
      answer.run();
      return;
    }
    synchronized (held) {
      held.add(new Held(position, System.nanoTime(), answer));
    }
    // applied (or opened) between the check and the add, with no batch to follow soon
    if (open || stopped || applied.getAsLong() >= position) release();
  }

  /** Runs every held answer whose position has been applied or that has waited long enough; any thread. */
  public void release() {
    List<Runnable> due = null;
    long position = applied.getAsLong();
    long now = System.nanoTime();
    synchronized (held) {
      Held h;
      while ((h = held.peek()) != null && (open || stopped || h.position <= position || now - h.since >= maxHoldNanos)) {
        held.poll();
        lagging = h.position > position && !open && !stopped;
        if (due == null) due = new ArrayList<>();
        due.add(h.answer);
      }
    }
    if (due != null) for (Runnable r : due) r.run();
  }

  /** Applying stands still for a while: every held answer goes now, and new ones at once, until {@link #close}. */
  public void open() {
    open = true;
    release();
  }

  /** Applying goes on: answers wait for it again. */
  public void close() {
    open = false;
  }

  /**
   * Whether the last answer let go had waited its whole bound for the read side: a write answered
   * so need not wait for it again (read-your-writes then answers at once, as after its timeout).
   */
  public boolean lagging() {
    return lagging;
  }

  @Override
  public void stop() {
    stopped = true;
    release();
  }

  /** How many answers are held now. */
  public int holding() {
    synchronized (held) {
      return held.size();
    }
  }
}
