package no.deling.core.eventstore;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where appends spend their time, summed over every append since start (for {@code /metrics}):
 * a mean per stage is the rate of its seconds over the rate of appends. Why: under 64 writers a
 * post waited about 3 ms for its append, and neither fsync nor the writer alone explained it; the
 * split below did (a third of it was the answer waiting for its event loop).
 */
public final class AppendLatency {
  /** The stages an append goes through, in order. */
  public enum Stage {
    /** From the call until the writer takes it into a group (it waits while the groups before it are synced). */
    QUEUED("queued"),
    /** Its group's inserts and commit (each append of a group waits for all of it). */
    COMMIT("commit"),
    /** From the commit until an fsync covering it has finished. */
    SYNC("sync"),
    /** From durable until the read side had applied it (when the log answers through the read side: see {@code AnswerGate}). */
    APPLIED("applied"),
    /** From the answer's release (durable, or applied when the read side holds it) until the caller's event loop runs it (a loop busy with other work keeps it waiting). */
    HANDOFF("handoff");

    private final String label;

    Stage(String label) {
      this.label = label;
    }

    /** The metric's {@code stage} label. */
    public String label() {
      return label;
    }
  }

  private final LongAdder appends = new LongAdder();
  private final LongAdder[] nanos = new LongAdder[Stage.values().length];

  public AppendLatency() {
    for (int i = 0; i < nanos.length; i++) nanos[i] = new LongAdder();
  }

  /** {@code appends} appends each spent {@code nanosEach} in {@code stage}. */
  public void add(Stage stage, long nanosEach, int appends) {
    nanos[stage.ordinal()].add(Math.max(0, nanosEach) * appends);
  }

  /** An append's answer was handed over: it has been through every stage. */
  public void answered(long handoffNanos) {
    nanos[Stage.HANDOFF.ordinal()].add(Math.max(0, handoffNanos));
    appends.increment();
  }

  /** Appends answered since start. */
  public long appends() {
    return appends.sum();
  }

  /** Seconds all appends spent in {@code stage} since start. */
  public double seconds(Stage stage) {
    return nanos[stage.ordinal()].sum() / 1e9;
  }
}
