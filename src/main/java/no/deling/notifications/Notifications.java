package no.deling.notifications;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
  public record Entry(long id, String kind, List<String> from, int count, long postKey, String group, long atMillis, String note) {
    /** The post it is about, or null. */
    public String post() {
      return postKey == 0 ? null : no.deling.core.ids.PostIds.format(postKey);
    }
  }

  /** A page, newest first, with the person's unread count (grouped items count once). */
  public record Page(List<Entry> items, String next, int unread, long readUpTo) {}


  /** One person's notifications, oldest first, and how far they have read. */
  private static final class Box {
    final ArrayDeque<Notification> list;
    long readUpTo;

    Box() {
      this(8);
    }

    Box(int capacity) {
      list = new ArrayDeque<>(capacity);
    }
  }

  private final Map<String, Box> byRecipient = new HashMap<>();

  /** For a snapshot: each person's notifications, oldest first, and how far they have read. */
  public void forEachPerson(PersonVisitor visitor) {
    for (Map.Entry<String, Box> e : byRecipient.entrySet()) visitor.visit(e.getKey(), e.getValue().readUpTo, e.getValue().list);
  }

  public interface PersonVisitor {
    void visit(String recipient, long readUpTo, Collection<Notification> oldestFirst);
  }

  /** A snapshot read back: one person's notifications, oldest first. Before they are used. */
  public void restore(String recipient, long readUpTo, Notification[] oldestFirst) {
    Box box = new Box(oldestFirst.length);
    box.readUpTo = readUpTo;
    for (Notification n : oldestFirst) box.list.addLast(n);
    byRecipient.put(recipient, box);
  }

  /** How many people have notifications. */
  public int recipients() {
    return byRecipient.size();
  }

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
    List<Grouped> items = new ArrayList<>(limit);
    Map<String, Grouped> unreadByKey = new HashMap<>(); // kind + post → the unread item it joins
    Set<String> unreadGroups = new HashSet<>();
    int unread = 0;
    long lastConsumed = 0;
    boolean more = false;
    for (int i = all.size() - 1; i >= 0; i--) {
      Notification n = all.get(i);
      if (!visible.test(n)) continue;
      boolean isUnread = n.id() > readUpTo;
      String key = groupable(n.kind()) ? n.kind() + '\n' + n.post() : null;
      if (isUnread && (key == null || unreadGroups.add(key))) unread++;
      if (n.id() >= before || more) continue;
      Grouped joins = key != null && isUnread ? unreadByKey.get(key) : null;
      if (joins == null && items.size() == limit) {
        more = true;
        continue;
      }
      if (joins == null) {
        joins = new Grouped(n);
        items.add(joins);
        if (key != null && isUnread) unreadByKey.put(key, joins);
      }
      joins.actors.add(n.from());
      lastConsumed = n.id();
    }
    List<Entry> entries = new ArrayList<>(items.size());
    for (Grouped g : items) entries.add(g.entry());
    return new Page(entries, more ? Long.toString(lastConsumed) : null, unread, readUpTo);
  }

  /** An item being built: its newest notification, and everyone it stands for, newest first. */
  private static final class Grouped {
    final Notification newest;
    final LinkedHashSet<String> actors = new LinkedHashSet<>();

    Grouped(Notification newest) {
      this.newest = newest;
    }

    Entry entry() {
      List<String> shown = actors.stream().limit(SHOWN_ACTORS).toList();
      return new Entry(newest.id(), newest.kind(), shown, actors.size(), newest.post(), newest.group(), newest.atMillis(), newest.note());
    }
  }
}
