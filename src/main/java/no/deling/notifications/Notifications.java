package no.deling.notifications;

import java.util.ArrayList;
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


  /**
   * One person's notifications as {@link Notifications} keeps them, oldest first: field by field in
   * arrays (a ring of at most {@link #PER_PERSON}), not one object each. A restart on ten million
   * events read back 2.5 million notifications, which as objects were a tenth of the objects every
   * young collection of the restart copied.
   */
  public interface Column {
    int size();

    long id(int i);

    String kind(int i);

    String from(int i);

    long post(int i);

    String group(int i);

    long atMillis(int i);

    String note(int i);
  }

  /** One person's notifications, oldest first, and how far they have read. */
  private static final class Box implements Column {
    final String recipient;
    long readUpTo;
    private long[] ids;
    private long[] posts;
    private long[] at;
    private String[] kinds;
    private String[] froms;
    private String[] groups;
    private String[] notes;
    /** Where the oldest is in the arrays. */
    private int first;
    private int size;

    Box(String recipient, int capacity) {
      this.recipient = recipient;
      allocate(capacity);
    }

    private void allocate(int capacity) {
      ids = new long[capacity];
      posts = new long[capacity];
      at = new long[capacity];
      kinds = new String[capacity];
      froms = new String[capacity];
      groups = new String[capacity];
      notes = new String[capacity];
    }

    /** The newest; the oldest goes once there are {@link #PER_PERSON}. */
    void add(long id, String kind, String from, long post, String group, long atMillis, String note) {
      if (size == ids.length) {
        if (size < PER_PERSON) grow(Math.min(PER_PERSON, Math.max(8, size * 2)));
        else {
          first = slot(1);
          size--;
        }
      }
      int i = slot(size);
      ids[i] = id;
      kinds[i] = kind;
      froms[i] = from;
      posts[i] = post;
      groups[i] = group;
      at[i] = atMillis;
      notes[i] = note;
      size++;
    }

    private void grow(int capacity) {
      int head = Math.min(size, ids.length - first); // the oldest, up to the arrays' end; the rest wrapped to their start
      ids = (long[]) inOrder(ids, new long[capacity], head);
      posts = (long[]) inOrder(posts, new long[capacity], head);
      at = (long[]) inOrder(at, new long[capacity], head);
      kinds = (String[]) inOrder(kinds, new String[capacity], head);
      froms = (String[]) inOrder(froms, new String[capacity], head);
      groups = (String[]) inOrder(groups, new String[capacity], head);
      notes = (String[]) inOrder(notes, new String[capacity], head);
      first = 0;
    }

    /** Copies the ring in {@code from} into {@code to}, oldest first from its start. */
    private Object inOrder(Object from, Object to, int head) {
      System.arraycopy(from, first, to, 0, head);
      System.arraycopy(from, 0, to, head, size - head);
      return to;
    }

    private int slot(int i) {
      int s = first + i;
      return s >= ids.length ? s - ids.length : s;
    }

    List<Notification> toList() {
      List<Notification> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) out.add(new Notification(id(i), recipient, kind(i), from(i), post(i), group(i), atMillis(i), note(i)));
      return out;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public long id(int i) {
      return ids[slot(i)];
    }

    @Override
    public String kind(int i) {
      return kinds[slot(i)];
    }

    @Override
    public String from(int i) {
      return froms[slot(i)];
    }

    @Override
    public long post(int i) {
      return posts[slot(i)];
    }

    @Override
    public String group(int i) {
      return groups[slot(i)];
    }

    @Override
    public long atMillis(int i) {
      return at[slot(i)];
    }

    @Override
    public String note(int i) {
      return notes[slot(i)];
    }
  }

  private final Map<String, Box> byRecipient = new HashMap<>();

  /** For a snapshot: each person's notifications, oldest first, and how far they have read. */
  public void forEachPerson(PersonVisitor visitor) {
    for (Box box : byRecipient.values()) visitor.visit(box.recipient, box.readUpTo, box);
  }

  public interface PersonVisitor {
    void visit(String recipient, long readUpTo, Column oldestFirst);
  }

  /** One person's notifications being read back from a snapshot, oldest first. */
  public interface Restoring {
    void add(long id, String kind, String from, long post, String group, long atMillis, String note);
  }

  /** A snapshot read back: one person, who has {@code count} notifications to {@link Restoring#add}. Before they are used. */
  public Restoring restore(String recipient, long readUpTo, int count) {
    Box box = new Box(recipient, Math.min(count, PER_PERSON));
    box.readUpTo = readUpTo;
    byRecipient.put(recipient, box);
    return box::add;
  }

  /** How many people have notifications. */
  public int recipients() {
    return byRecipient.size();
  }

  /** One applied batch's work, in log order: {@link Notification}s and {@link NotificationsRead} marks. */
  public void handle(List<Object> batch, long position) {
    for (Object work : batch) {
      if (work instanceof Notification n) {
        byRecipient.computeIfAbsent(n.recipient(), k -> new Box(k, 8)).add(n.id(), n.kind(), n.from(), n.post(), n.group(), n.atMillis(), n.note());
      } else if (work instanceof NotificationsRead r) {
        Box box = byRecipient.computeIfAbsent(r.userId(), k -> new Box(k, 0));
        box.readUpTo = Math.max(box.readUpTo, r.upTo());
      }
    }
  }

  /** A copy of a person's notifications, oldest first; call under the subscriber's read lock. */
  public List<Notification> snapshot(String user) {
    Box box = byRecipient.get(user);
    return box == null ? List.of() : box.toList();
  }

  /** The id and time of a person's newest notification ({@code [0, 0]} for none); call under the subscriber's read lock. */
  public long[] newest(String user) {
    Box box = byRecipient.get(user);
    if (box == null || box.size() == 0) return new long[] {0, 0};
    return new long[] {box.id(box.size() - 1), box.atMillis(box.size() - 1)};
  }

  public long readUpTo(String user) {
    Box box = byRecipient.get(user);
    return box == null ? 0 : box.readUpTo;
  }

  private static boolean groupable(String kind) {
    return kind.equals("endorsement") || kind.equals("share") || kind.equals("follow") || kind.equals("thread.reply");
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
