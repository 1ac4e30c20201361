package no.deling.pulse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import no.deling.core.events.DomainEvent;
import no.deling.pulse.PulseEvent.PulseViewed;

/** The newest pulse queries, for admins (the log keeps them all). */
public final class PulseAudit {
  static final int KEEP = 10_000;

  public record Entry(long position, String by, String query, long atMillis) {}

  private final Deque<Entry> entries = new ArrayDeque<>();

  public void on(DomainEvent event, long position) {
    if (!(event instanceof PulseViewed v)) return;
    entries.addLast(new Entry(position, v.by(), v.query(), v.at().toEpochMilli()));
    if (entries.size() > KEEP) entries.removeFirst();
  }

  /** Newest first. */
  public List<Entry> newest(int limit) {
    List<Entry> out = new ArrayList<>(Math.min(limit, entries.size()));
    for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext() && out.size() < limit; ) out.add(it.next());
    return out;
  }
}
