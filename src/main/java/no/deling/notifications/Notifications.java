package no.deling.notifications;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import no.deling.notifications.NotificationEvent.NotificationsRead;

/**
 * Everyone's notifications, the newest {@link #PER_PERSON} per person, and how far each has read.
 * Kept one per event and grouped when read (as Mastodon groups them): unread endorsements or
 * shares of one post, or unread follows, become one item naming the newest few and counting
 * everyone. Grouping when written cost a rebuild a search through each person's newest entries
 * for every endorsement and follow. Written by one thread at a time (see {@link Inbox}).
 */
public final class Notifications {
  public static final int PER_PERSON = 500;
  /** A grouped item names this many of its newest actors and counts the rest. */
  public static final int SHOWN_ACTORS = 8;


  /** An item as shown: possibly grouped; {@code from} newest first, {@code count} people in all. */
  public record Entry(long id, String kind, List<String> from, int count, long postKey, String group, long atMillis) {
    /** The post it is about, or null. */
    public String post() {
      return postKey == 0 ? null : no.deling.core.ids.PostIds.format(postKey);
    }
  }

  /** A page, newest first, with the person's unread count (grouped items count once). */
  public record Page(List<Entry> items, String next, int unread, long readUpTo) {}


  /** One person's notifications, oldest first, and how far they have read. */
  private static final class Box {
    final ArrayDeque<Notification> list = new ArrayDeque<>(8);
    long readUpTo;
  }

  private final Map<String, Box> byRecipient = new HashMap<>();

  /** One applied batch's work, in log order: {@link Notification}s and {@link NotificationsRead} marks. */
  public void handle(List<Object> batch, long position) {
    for (Object work : batch) {
      if (work instanceof Notification n) {
        Box box = byRecipient.computeIfAbsent(n.recipient(), k -> new Box());
        box.list.addLast(n);
        if (box.list.size() > PER_PERSON) box.list.removeFirst();
      } else if (work instanceof NotificationsRead r) {
        Box box = byRecipient.computeIfAbsent(r.userId(), k -> new Box());
        box.readUpTo = Math.max(box.readUpTo, r.upTo());
      }
    }
  }

  /** A copy of a person's notifications, oldest first; call under the subscriber's read lock. */
  List<Notification> snapshot(String user) {
    Box box = byRecipient.get(user);
    return box == null ? List.of() : new ArrayList<>(box.list);
  }

  public long readUpTo(String user) {
    Box box = byRecipient.get(user);
    return box == null ? 0 : box.readUpTo;
  }

  private static boolean groupable(String kind) {
    return kind.equals("endorsement") || kind.equals("share") || kind.equals("follow");
  }

  /**
   * Pages a snapshot (oldest first, from {@link #snapshot}) newest first below {@code before},
   * grouping unread groupable notifications within the page and keeping only those {@code visible}
   * accepts — the caller asks {@link no.deling.visibility.Visibility} under the read model's lock,
   * so a notification about a post its reader may no longer see is never shown.
   */
  static Page page(List<Notification> all, long readUpTo, Predicate<Notification> visible, long before, int limit) {
    List<Entry> items = new ArrayList<>(limit);
    Map<String, int[]> groupedAt = new HashMap<>(); // kind+post → index in items
    Map<Integer, LinkedHashMap<String, Boolean>> actors = new HashMap<>();
    int[] counts = new int[limit];
    Set<String> unreadGroups = new HashSet<>();
    int unread = 0;
    long lastConsumed = 0;
    boolean more = false;
    for (int i = all.size() - 1; i >= 0; i--) {
      Notification r = all.get(i);
      if (!visible.test(r)) continue;
      boolean isUnread = r.id() > readUpTo;
      String key = groupable(r.kind()) ? r.kind() + '\n' + r.post() : null;
      if (isUnread && (key == null || unreadGroups.add(key))) unread++;
      if (r.id() >= before || more) continue;
      int[] at = key != null && isUnread ? groupedAt.get(key) : null;
      if (at != null) {
        LinkedHashMap<String, Boolean> names = actors.get(at[0]);
        if (names.putIfAbsent(r.from(), true) == null) counts[at[0]]++;
        lastConsumed = r.id();
        continue;
      }
      if (items.size() == limit) {
        more = true;
        continue;
      }
      int index = items.size();
      items.add(new Entry(r.id(), r.kind(), List.of(r.from()), 1, r.post(), r.group(), r.atMillis()));
      counts[index] = 1;
      LinkedHashMap<String, Boolean> names = new LinkedHashMap<>();
      names.put(r.from(), true);
      actors.put(index, names);
      if (key != null && isUnread) groupedAt.put(key, new int[] {index});
      lastConsumed = r.id();
    }
    for (int k = 0; k < items.size(); k++) {
      Entry e = items.get(k);
      List<String> names = new ArrayList<>(actors.get(k).keySet());
      if (names.size() > 1 || counts[k] > 1) {
        items.set(k, new Entry(e.id(), e.kind(), List.copyOf(names.subList(0, Math.min(SHOWN_ACTORS, names.size()))), counts[k], e.postKey(),
            e.group(), e.atMillis()));
      }
    }
    return new Page(items, more ? Long.toString(lastConsumed) : null, unread, readUpTo);
  }
}
