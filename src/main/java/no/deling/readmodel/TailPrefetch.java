package no.deling.readmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.eventstore.LogPages;
import no.deling.core.projection.ProjectionEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log after a snapshot's position, read, opened and decoded on a thread of its own while the
 * snapshot itself is still being read back, for the projection to apply first: after a crash the
 * tail was read only once the snapshot was in, by code the JIT had not compiled yet, at a fifth of
 * a full replay's rate. Bounded ({@link #MAX_EVENTS}): the projection reads whatever is beyond
 * it itself, as it reads everything without one.
 */
public final class TailPrefetch {
  private static final Logger LOG = LoggerFactory.getLogger(TailPrefetch.class);
  /** About a quarter of a gigabyte of events and decoded events held at most. */
  static final int MAX_EVENTS = 200_000;

  /** A page of the log and its events decoded. */
  public record Batch(List<LogEvent> events, ProjectionEngine.Decoded decoded) {}

  private final CompletableFuture<List<Batch>> read = new CompletableFuture<>();
  private final int maxEvents;
  private volatile boolean stopped;

  private TailPrefetch(int maxEvents) {
    this.maxEvents = maxEvents;
  }

  /** Starts reading the log after {@code after}, up to its head now. */
  public static TailPrefetch start(EventStore store, long after) {
    return start(store, after, MAX_EVENTS);
  }

  /** Starts reading the log after {@code after}, up to its head now, stopping after the page that reaches {@code maxEvents}. */
  public static TailPrefetch start(EventStore store, long after, int maxEvents) {
    TailPrefetch prefetch = new TailPrefetch(maxEvents);
    long upTo = store.headPosition();
    Thread t = new Thread(() -> prefetch.read(store, after, upTo), "deling-tail-prefetch");
    t.setDaemon(true);
    t.start();
    return prefetch;
  }

  private void read(EventStore store, long after, long upTo) {
    List<Batch> batches = new ArrayList<>();
    try {
      ProjectionEngine.Decoder decoder = ReadModel.separateDecoder(); // the read model's own does not exist yet
      int[] held = new int[1];
      LogPages.read(store, after, upTo, () -> stopped || held[0] >= maxEvents, page -> {
        batches.add(new Batch(page, decoder.decode(page)));
        held[0] += page.size();
      });
    } catch (Exception e) {
      // what was read before is still the log's next stretch; the projection reads on from there
      LOG.warn("reading the log after the snapshot ahead of the projection failed after {} pages ({}); the projection reads it", batches.size(),
          e.toString());
    }
    read.complete(batches);
  }

  /** The pages read, in the log's order, from right after the snapshot (waits until the reading ends). */
  public List<Batch> take() {
    try {
      return read.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } catch (ExecutionException e) {
      return List.of();
    }
  }

  /** Not needed (the snapshot was not used): the reading stops after its page. */
  public void stop() {
    stopped = true;
  }
}
