package no.deling.notifications;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import no.deling.core.events.DomainEvent;
import no.deling.notifications.NotificationEvent.NotificationsRead;

/**
 * Everyone's notifications, newest last, the newest {@link #PER_PERSON} per person, and how far
 * each has read. Several endorsements or shares of one post, or several new followers, while
 * unread, become one notification naming everyone (as Mastodon groups them). Written by its own
 * subscriber thread ({@link no.deling.core.projection.BackgroundSubscriber}); query through it.
 */
public final class Notifications {
  public static final int PER_PERSON = 500;

  /** One (possibly grouped) notification. {@code from} holds the actors, newest last. */
  public record Entry(long id, String kind, List<String> from, String post, String group, long atMillis) {}

  /** A page, newest first, with the person's unread count. */
  public record Page(List<Entry> items, String next, int unread, long readUpTo) {}

  /** Work for the subscriber: what an event notified, or a person's read mark. */
  public record Work(List<Notification> notified, DomainEvent event) {}

  private final Map<String, ArrayDeque<Entry>> byRecipient = new HashMap<>();
  private final Map<String, Long> readUpTo = new HashMap<>();

  /** Subscriber thread. */
  public void handle(Work work, long position) {
    for (Notification n : work.notified()) add(n);
    if (work.event() instanceof NotificationsRead r) readUpTo.merge(r.userId(), r.upTo(), Math::max);
  }

  private void add(Notification n) {
    ArrayDeque<Entry> list = byRecipient.computeIfAbsent(n.recipient(), k -> new ArrayDeque<>());
    long read = readUpTo.getOrDefault(n.recipient(), 0L);
    List<String> from = List.of(n.from());
    if (groups(n.kind())) {
      // fold into the unread notification of the same kind about the same post (or, for follows, any)
      for (Iterator<Entry> it = list.descendingIterator(); it.hasNext(); ) {
        Entry e = it.next();
        if (e.id() <= read) break;
        if (e.kind().equals(n.kind()) && Objects.equals(e.post(), n.post())) {
          it.remove();
          LinkedHashSet<String> actors = new LinkedHashSet<>(e.from());
          actors.remove(n.from());
          actors.add(n.from());
          from = List.copyOf(actors);
          break;
        }
      }
    }
    list.addLast(new Entry(n.id(), n.kind(), from, n.post(), n.group(), n.atMillis()));
    while (list.size() > PER_PERSON) list.removeFirst();
  }

  private static boolean groups(String kind) {
    return kind.equals("endorsement") || kind.equals("share") || kind.equals("follow");
  }

  /**
   * A person's notifications newest first with ids below {@code before}, keeping only those
   * {@code visible} accepts (the caller asks {@link no.deling.visibility.Visibility}, under the read
   * model's lock, so a notification about a post its reader may no longer see is never shown).
   * Call under the subscriber's read lock; {@code visible} is asked later, see {@link #snapshot}.
   */
  public List<Entry> snapshot(String user) {
    ArrayDeque<Entry> list = byRecipient.get(user);
    return list == null ? List.of() : new ArrayList<>(list);
  }

  public long readUpTo(String user) {
    return readUpTo.getOrDefault(user, 0L);
  }

  /** Pages a snapshot (oldest first, as {@link #snapshot} returns it). */
  public static Page page(List<Entry> all, long readUpTo, Predicate<Entry> visible, long before, int limit) {
    List<Entry> items = new ArrayList<>(limit);
    int unread = 0;
    boolean more = false;
    for (int i = all.size() - 1; i >= 0; i--) {
      Entry e = all.get(i);
      if (!visible.test(e)) continue;
      if (e.id() > readUpTo) unread++;
      if (e.id() >= before) continue;
      if (items.size() < limit) items.add(e);
      else more = true;
    }
    String next = more ? Long.toString(items.get(items.size() - 1).id()) : null;
    return new Page(items, next, unread, readUpTo);
  }
}
