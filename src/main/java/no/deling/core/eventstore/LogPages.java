package no.deling.core.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Reads a stretch of the log page by page, waiting for each: call it on a thread of its own or a
 * worker, never on an event loop, and never on the Vert.x context that would hand it the answer.
 */
public final class LogPages {
  private static final int PAGE = 4_096;
  private static final long PAGE_TIMEOUT_S = 60;

  /** Handed each page. */
  public interface Handler {
    void page(List<LogEvent> events) throws Exception;
  }

  private LogPages() {}

  /** The events after {@code after} up to and including {@code upTo}, until {@code stop} says so; how many were handed on. */
  public static long read(EventStore store, long after, long upTo, BooleanSupplier stop, Handler handler) throws Exception {
    long from = after;
    long read = 0;
    while (from < upTo && !stop.getAsBoolean()) {
      List<RecordedEvent> page = store.readAll(from, PAGE).toCompletionStage().toCompletableFuture().get(PAGE_TIMEOUT_S, TimeUnit.SECONDS);
      if (page.isEmpty()) break;
      List<LogEvent> events = new ArrayList<>(page.size());
      for (RecordedEvent e : page) if (e.position() <= upTo) events.add(LogEvent.of(e));
      if (!events.isEmpty()) handler.page(events);
      read += events.size();
      from = page.get(page.size() - 1).position();
    }
    return read;
  }
}
