package no.deling.stream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostView;
import no.deling.visibility.Visibility;
import no.deling.readmodel.ReadModel;

/**
 * Routes stream entries to subscribed sockets, and keeps the newest entries so a reconnecting
 * client can resume from the last position it saw.
 *
 * <p>Gapless, duplicate-free resume comes from one rule: {@link #publish} (projection thread,
 * inside the read model's write lock) and {@link #subscribe} (socket threads, inside the read
 * lock) both run under this object's monitor. A subscribe therefore sees either all of an
 * entry's delivery or none of it: entries published before it are replayed from the buffer,
 * entries after it arrive live, and each goes into the socket's queue in position order.
 *
 * <p>After a start from a snapshot, the window's entries from before the snapshot are made while
 * the server already serves (see {@link #awaitEarlier}): making them before cost a start on ten
 * million events about 2 s of its 10. Until they are in, no socket is accepted ({@link #filled}),
 * so no resume can miss them.
 */
public final class StreamHub {
  /** Where a socket's messages go; false when the socket is gone or was dropped as too slow. */
  public interface Sink {
    boolean offer(String message);

    /** The subscription's reader may no longer read its stream (they left a private group); it is gone from the hub. */
    default void revoked(StreamKey key) {}
  }

  /** A live subscription of one socket to one stream. */
  public record Subscription(String user, StreamKey key, Sink sink) {}

  /** What a subscribe call did. */
  public enum Outcome { LIVE, REPLAYED, OUTDATED_CURSOR, FUTURE_CURSOR }

  private final ReadModel model;
  private final int retention;
  private final int maxReplay;
  private final ArrayDeque<StreamEntry> buffer = new ArrayDeque<>();
  /** The buffer holds every entry with a position above this one. */
  private long retainedAfter;
  /** While the entries from before a start are made: those made so far, oldest first; null otherwise. */
  private List<StreamEntry> earlier;
  /** The newest position {@link #earlier} gathers (the snapshot's). */
  private long earlierUpTo;
  private final Promise<Void> filled = Promise.promise();
  private volatile boolean closing;
  private final Map<String, Set<Subscription>> homeByUser = new HashMap<>();
  private final Map<String, Set<Subscription>> byWire = new HashMap<>();

  /**
   * @param retention entries kept for resume
   * @param maxReplay a resume that would replay more than this gets {@code outdated_cursor}
   * @param retainedAfter positions at or below this were never buffered (skipped at start-up)
   */
  public StreamHub(ReadModel model, int retention, int maxReplay, long retainedAfter) {
    this.model = model;
    this.retention = retention;
    this.maxReplay = maxReplay;
    this.retainedAfter = retainedAfter;
  }

  public long retainedAfter() {
    return retainedAfter;
  }

  /**
   * Entries at or before {@code upTo} (the position of the snapshot a start read back) will come
   * through {@link #addEarlier} and then {@link #earlierDone}, while live ones are published.
   * Before anything is published.
   */
  public synchronized void awaitEarlier(long upTo) {
    earlier = new ArrayList<>();
    earlierUpTo = upTo;
  }

  /** Entries from before the start, oldest first; gathered, never delivered: nobody subscribed to them when they happened. */
  public synchronized void addEarlier(List<StreamEntry> entries) {
    for (StreamEntry e : entries) if (e.position() > retainedAfter && e.position() <= earlierUpTo) earlier.add(e);
  }

  /**
   * Every entry from before the start was added: they go before the live ones, as many as the
   * window holds, and sockets are accepted. When {@code failure} is given, they could not be made:
   * a resume from before the start is told its cursor is outdated, and the client refetches.
   */
  public void earlierDone(Throwable failure) {
    synchronized (this) {
      if (earlier == null) return;
      if (failure != null) {
        retainedAfter = Math.max(retainedAfter, earlierUpTo);
      } else {
        for (int i = earlier.size() - 1; i >= 0; i--) {
          StreamEntry e = earlier.get(i);
          if (e.position() <= retainedAfter) break;
          if (buffer.size() >= retention) {
            retainedAfter = e.position();
            break;
          }
          buffer.addFirst(e);
        }
      }
      earlier = null;
    }
    filled.tryComplete();
  }

  /** Completes once the resume window holds what it should: at once, or after a start from a snapshot once {@link #earlierDone}. */
  public synchronized Future<Void> filled() {
    return earlier == null ? Future.succeededFuture() : filled.future();
  }

  /** The server is shutting down: work on the window may stop. */
  public boolean closing() {
    return closing;
  }

  /** Projection thread, under the read model's write lock, in position order. */
  public synchronized void publish(List<StreamEntry> entries) {
    for (StreamEntry e : entries) {
      if (e.position() <= retainedAfter) continue;
      buffer.addLast(e);
      deliver(e);
    }
    while (buffer.size() > retention) retainedAfter = buffer.removeFirst().position();
  }

  private void deliver(StreamEntry e) {
    if (e.isNotification()) {
      if (e.audience() == null || e.audience().test(e.recipient())) offerAll(byWire.get("notifications:" + e.recipient()), e, null);
      return;
    }
    if (e.audience() != null) {
      for (Map.Entry<String, Set<Subscription>> home : homeByUser.entrySet()) {
        if (e.audience().test(home.getKey())) offerAll(home.getValue(), e, null);
      }
      return;
    }
    if (e.aboutTopicOnly()) {
      for (String tag : e.tags()) offerAll(byWire.get("topic:" + tag), e, null);
      return;
    }
    PostView post = model.posts.get(e.postId());
    if (post == null) return;
    for (Map.Entry<String, Set<Subscription>> home : homeByUser.entrySet()) {
      String user = home.getKey();
      if (visible(e, post, user) && Visibility.reachesHome(user, post, model.follows(), model.memberships())) offerAll(home.getValue(), e, null);
    }
    offerAll(byWire.get("user:" + e.author()), e, post);
    for (String tag : e.tags()) offerAll(byWire.get("topic:" + tag), e, post);
    offerAll(byWire.get("thread:" + PostIds.format(e.threadRoot())), e, post);
    if (post.group != null) offerAll(byWire.get("group:" + post.group), e, post);
  }

  /** @param post when given, each subscriber gets the entry only if they may see the post */
  private void offerAll(Set<Subscription> subs, StreamEntry e, PostView post) {
    if (subs == null) return;
    // No copy needed: offer never unsubscribes synchronously, and unsubscribe needs this monitor.
    for (Subscription s : subs) if (post == null || visible(e, post, s.user())) s.sink().offer(e.message(s.key()));
  }

  /**
   * The one visibility rule, applied to a stream entry: a delete notice reaches whoever could see
   * the post; everything else about a post only whoever may see it now (so nothing about a deleted
   * post, and nothing from a private group after its reader left it).
   */
  private boolean visible(StreamEntry e, PostView post, String user) {
    return "delete".equals(e.type())
        ? Visibility.mayHearOfDelete(user, post, model.memberships())
        : Visibility.maySee(user, post, model.memberships());
  }

  private boolean matches(StreamEntry e, Subscription s) {
    StreamKey k = s.key();
    if (k.kind() == StreamKey.Kind.NOTIFICATIONS) {
      return e.isNotification() && e.recipient().equals(s.user()) && (e.audience() == null || e.audience().test(s.user()));
    }
    if (e.isNotification()) return false;
    if (e.audience() != null) return k.kind() == StreamKey.Kind.HOME && e.audience().test(s.user());
    if (e.aboutTopicOnly()) return k.kind() == StreamKey.Kind.TOPIC && List.of(e.tags()).contains(k.value());
    PostView post = model.posts.get(e.postId());
    if (post == null || !visible(e, post, s.user())) return false;
    // an edit replaced this entry's version: the newest status.update (or the delete) carries what is current
    if ("status.update".equals(e.type()) && post.revisedAt > e.position()) return false;
    return switch (k.kind()) {
      case HOME -> Visibility.reachesHome(s.user(), post, model.follows(), model.memberships());
      case USER -> e.author().equals(k.value());
      case TOPIC -> List.of(e.tags()).contains(k.value());
      case THREAD -> e.threadRoot() == PostIds.parse(k.value());
      case GROUP -> k.value().equals(post.group);
      case NOTIFICATIONS -> false;
    };
  }

  /** A replayed entry: a post edited since this entry was made is shown as it is now, never as it was. */
  private String replayMessage(StreamEntry e, Subscription s) {
    if (e.postId() != 0 && "update".equals(e.type())) {
      PostView post = model.posts.get(e.postId());
      if (post != null && post.revisedAt > e.position()) return e.freshMessage(s.key());
    }
    return e.message(s.key());
  }

  /**
   * Drops {@code user}'s subscriptions to a group's stream (they left or were removed from a
   * private group) and tells each socket. Projection thread, under the write lock.
   */
  public synchronized void revokeGroup(String user, String group) {
    Set<Subscription> subs = byWire.get("group:" + group);
    if (subs == null) return;
    for (Subscription s : List.copyOf(subs)) {
      if (!s.user().equals(user)) continue;
      subs.remove(s);
      s.sink().revoked(s.key());
    }
    if (subs.isEmpty()) byWire.remove("group:" + group);
  }

  /**
   * Registers a subscription, first replaying what it missed after {@code since} (exclusive) when
   * given. Call under the read model's read lock (see {@link ReadModel#read}).
   */
  public synchronized Outcome subscribe(Subscription s, Long since) {
    Outcome outcome = Outcome.LIVE;
    if (since != null) {
      if (since > model.position()) return Outcome.FUTURE_CURSOR;
      // (sockets wait for the window to be filled, so the second test is only a guard)
      if (since < retainedAfter || (earlier != null && since < earlierUpTo)) {
        outcome = Outcome.OUTDATED_CURSOR;
      } else {
        List<StreamEntry> missed = new ArrayList<>();
        Iterator<StreamEntry> it = buffer.descendingIterator();
        while (it.hasNext()) {
          StreamEntry e = it.next();
          if (e.position() <= since) break;
          if (matches(e, s)) missed.add(e);
        }
        if (missed.size() > maxReplay) {
          outcome = Outcome.OUTDATED_CURSOR;
        } else {
          for (int i = missed.size() - 1; i >= 0; i--) s.sink().offer(replayMessage(missed.get(i), s));
          outcome = Outcome.REPLAYED;
        }
      }
    }
    if (s.key().kind() == StreamKey.Kind.HOME) homeByUser.computeIfAbsent(s.user(), u -> new LinkedHashSet<>()).add(s);
    else byWire.computeIfAbsent(wire(s), w -> new LinkedHashSet<>()).add(s);
    return outcome;
  }

  public synchronized void unsubscribe(Subscription s) {
    Map<String, Set<Subscription>> index = s.key().kind() == StreamKey.Kind.HOME ? homeByUser : byWire;
    String k = s.key().kind() == StreamKey.Kind.HOME ? s.user() : wire(s);
    Set<Subscription> subs = index.get(k);
    if (subs != null && subs.remove(s) && subs.isEmpty()) index.remove(k);
  }

  private static String wire(Subscription s) {
    return s.key().kind() == StreamKey.Kind.NOTIFICATIONS ? "notifications:" + s.user() : s.key().wire();
  }

  /** Open sockets per person, so a person deactivated in the directory loses them at once. */
  private final Map<String, Set<StreamConnection>> connections = new java.util.concurrent.ConcurrentHashMap<>();

  void connected(String user, StreamConnection c) {
    connections.computeIfAbsent(user, u -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(c);
  }

  void disconnected(String user, StreamConnection c) {
    connections.computeIfPresent(user, (u, set) -> {
      set.remove(c);
      return set.isEmpty() ? null : set;
    });
  }

  /** How many sockets this person holds open now. */
  public int openSockets(String user) {
    Set<StreamConnection> open = connections.get(user);
    return open == null ? 0 : open.size();
  }

  /** Sockets the server closed, by reason (too slow, heartbeat, too big, revoked, going away): a slow client never sees its reason. */
  private final Map<String, java.util.concurrent.atomic.AtomicLong> closedByServer = new java.util.concurrent.ConcurrentHashMap<>();

  void closedByServer(String reason) {
    closedByServer.computeIfAbsent(reason, r -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
  }

  /** How many sockets the server closed for {@code reason} since it started. */
  public long closedCount(String reason) {
    java.util.concurrent.atomic.AtomicLong n = closedByServer.get(reason);
    return n == null ? 0 : n.get();
  }

  /** Closes every open socket with {@code code} (shutdown: 1001 going away). */
  public void closeAll(short code, String reason) {
    closing = true;
    for (Set<StreamConnection> open : List.copyOf(connections.values())) {
      for (StreamConnection c : List.copyOf(open)) c.closeWith(code, reason);
    }
  }

  /** Closes every socket of this person (code 4003, {@code access_revoked}). */
  public void revoke(String user) {
    Set<StreamConnection> open = connections.get(user);
    if (open != null) for (StreamConnection c : List.copyOf(open)) c.revoke();
  }

  /** How many home subscriptions this person holds now (one per socket that subscribed). */
  public synchronized int homeSubscriptions(String user) {
    Set<Subscription> s = homeByUser.get(user);
    return s == null ? 0 : s.size();
  }

  public synchronized int subscriptions() {
    int n = 0;
    for (Set<Subscription> s : homeByUser.values()) n += s.size();
    for (Set<Subscription> s : byWire.values()) n += s.size();
    return n;
  }
}
