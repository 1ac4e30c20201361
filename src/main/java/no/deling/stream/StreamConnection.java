package no.deling.stream;

import no.deling.core.limits.TokenBucket;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostText;
import no.deling.posts.PostView;
import no.deling.readmodel.ReadModel;

/**
 * One client's socket: its subscriptions, a bounded outbound queue, and heartbeats.
 *
 * <p>Messages are queued from the projection thread and written on the socket's own event loop,
 * only while the socket can take them. A client that stops reading fills its queue; at
 * {@code maxQueue} messages it is closed with reason {@code consumer_too_slow} instead of being
 * buffered without limit. Everything else about a socket happens on its event loop.
 */
public final class StreamConnection implements StreamHub.Sink {
  public static final short CLOSE_TOO_SLOW = 4008;
  public static final short CLOSE_HEARTBEAT = 4009;
  /** The person was deactivated in the directory while connected. */
  public static final short CLOSE_ACCESS_REVOKED = 4003;
  /** The server is shutting down: resume with {@code since} on another instance, or on this one when it is back. */
  public static final short CLOSE_GOING_AWAY = 1001;
  /** The largest frame a client may send; the server's decoder takes up to 1 MiB so that a larger one is answered, not dropped. */
  public static final int MAX_FRAME = 64 * 1024;
  /** A frame over 64 KiB or a message over 256 KiB (RFC 6455's "message too big"). */
  public static final short CLOSE_TOO_BIG = 1009;

  private final Vertx vertx;
  private final Context context;
  private final ServerWebSocket ws;
  private final String user;
  private final StreamHub hub;
  private final ReadModel model;
  private final int maxQueue;
  private final long idleTimeoutMs;
  private final int maxSubscriptions;
  /** What this client may send; only touched on the socket's event loop. Null when unlimited. */
  private final TokenBucket messages;
  private final Map<String, StreamHub.Subscription> subscriptions = new HashMap<>();
  private final Queue<String> outbound = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private long lastHeard = System.currentTimeMillis();
  /** Null when the pulse is off on this server. */
  private final no.deling.pulse.PulseFeed pulse;
  private final boolean leader;
  private final AtomicBoolean watchingPulse = new AtomicBoolean();
  private long heartbeatTimer = -1;

  public StreamConnection(Vertx vertx, ServerWebSocket ws, String user, StreamHub hub, ReadModel model, int maxQueue,
      long pingMs, long idleTimeoutMs, int maxSubscriptions, double messagesPerSecond) {
    this(vertx, ws, user, false, hub, null, model, maxQueue, pingMs, idleTimeoutMs, maxSubscriptions, messagesPerSecond);
  }

  /**
   * @param leader whether the person has the leader role (only leaders may watch the pulse)
   * @param pulse the live pulse, null when it is off
   */
  public StreamConnection(Vertx vertx, ServerWebSocket ws, String user, boolean leader, StreamHub hub, no.deling.pulse.PulseFeed pulse,
      ReadModel model, int maxQueue, long pingMs, long idleTimeoutMs, int maxSubscriptions, double messagesPerSecond) {
    this.leader = leader;
    this.pulse = pulse;
    this.maxSubscriptions = maxSubscriptions;
    this.messages = messagesPerSecond > 0 ? new TokenBucket(messagesPerSecond, Math.max(10, 5 * messagesPerSecond), System.nanoTime()) : null;
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.ws = ws;
    this.user = user;
    this.hub = hub;
    this.model = model;
    this.maxQueue = maxQueue;
    this.idleTimeoutMs = idleTimeoutMs;
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> error("bad_message", "send JSON text messages", null));
    ws.frameHandler(f -> {
      lastHeard = System.currentTimeMillis();
      if (f.binaryData().length() > MAX_FRAME) close(CLOSE_TOO_BIG, "message_too_big");
    });
    ws.pongHandler(p -> lastHeard = System.currentTimeMillis());
    ws.closeHandler(v -> cleanup());
    ws.exceptionHandler(this::failed);
    heartbeatTimer = vertx.setPeriodic(pingMs, t -> heartbeat());
    hub.connected(user, this);
  }

  /**
   * A frame or message over the limits (64 KiB a frame, 256 KiB a message, also after inflating a
   * compressed one) used to leave the socket open but dead: subscriptions gone, no pings, no close.
   * Now it is closed with 1009; anything else that breaks the socket just lets it go.
   */
  private void failed(Throwable e) {
    boolean tooBig = (e instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException c
        && c.closeStatus() != null && c.closeStatus().code() == CLOSE_TOO_BIG)
        || (e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().contains("max message size"));
    if (tooBig) close(CLOSE_TOO_BIG, "message_too_big");
    else cleanup();
  }

  /** Closes the socket with this code; any thread. */
  void closeWith(short code, String reason) {
    close(code, reason);
  }

  /** Closes the socket because its person may no longer log in; any thread. */
  void revoke() {
    close(CLOSE_ACCESS_REVOKED, "access_revoked");
  }

  // ------------------------------------------------------------------ inbound

  private void onText(String text) {
    lastHeard = System.currentTimeMillis();
    if (messages != null && messages.take(System.nanoTime()) > 0) {
      error("rate_limited", "too many messages; this one was dropped, slow down", null);
      return;
    }
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      error("bad_json", "message is not a JSON object", null);
      return;
    }
    String type = msg.getValue("type") instanceof String s ? s : null;
    if (type == null) {
      error("bad_request", "field 'type' is required: subscribe, unsubscribe or ping", null);
      return;
    }
    switch (type) {
      case "ping" -> offer(new JsonObject().put("type", "pong").put("position", model.position()).encode());
      case "subscribe" -> subscribe(msg);
      case "unsubscribe" -> unsubscribe(msg);
      default -> error("bad_request", "unknown message type '" + type + "'", null);
    }
  }

  /** Turns a subscribe/unsubscribe message into a stream key, or sends the error and returns null. */
  private StreamKey key(JsonObject msg) {
    Object stream = msg.getValue("stream");
    if (!(stream instanceof String name)) {
      error("bad_request", "field 'stream' is required: home, notifications, user, topic, thread or group", null);
      return null;
    }
    switch (name) {
      case "home", "notifications" -> {
        Object of = msg.getValue("user");
        if (of != null && !user.equals(of)) {
          error("forbidden", "you can only read your own " + name, name);
          return null;
        }
        return new StreamKey(name.equals("home") ? StreamKey.Kind.HOME : StreamKey.Kind.NOTIFICATIONS, user);
      }
      case "topic" -> {
        String tag = msg.getValue("tag") instanceof String t ? PostText.normaliseTag(t) : null;
        if (tag == null) {
          error("bad_request", "field 'tag' must be a topic: letters, digits and '_', at most 64", null);
          return null;
        }
        return new StreamKey(StreamKey.Kind.TOPIC, tag);
      }
      case "user" -> {
        String id = msg.getValue("user") instanceof String u ? u : null;
        if (id == null || !model.read(() -> model.people.exists(id))) {
          error("not_found", "field 'user' must name a known user", null);
          return null;
        }
        return new StreamKey(StreamKey.Kind.USER, id);
      }
      case "group" -> {
        String id = msg.getValue("group") instanceof String g ? g : null;
        // 0: unknown to this reader; 1: known but private to them (an invitee); 2: readable
        int access = id == null ? 0 : model.read(() -> {
          var g = model.groups.get(id);
          if (!model.groups.mayKnow(user, g)) return 0;
          return no.deling.visibility.Visibility.maySeeAudience(user, id, model.memberships()) ? 2 : 1;
        });
        if (access == 0) {
          error("not_found", "field 'group' must name an existing group", null);
          return null;
        }
        if (access == 1) {
          error("forbidden", "group " + id + " is private: only its members read it", "group:" + id);
          return null;
        }
        return new StreamKey(StreamKey.Kind.GROUP, id);
      }
      case "thread" -> {
        long id = msg.getValue("post") instanceof String p ? PostIds.parse(p) : -1;
        // one read: the post as it is now, and whether this user may see it
        long root = id < 0 ? 0 : model.read(() -> {
          PostView v = model.posts.get(id);
          return v != null && model.maySee(user, v) ? v.threadRoot : 0L;
        });
        if (root == 0) {
          error("not_found", "field 'post' must name an existing post", null);
          return null;
        }
        return new StreamKey(StreamKey.Kind.THREAD, PostIds.format(root));
      }
      default -> {
        error("unknown_stream", "unknown stream '" + name + "'", null);
        return null;
      }
    }
  }

  private void subscribe(JsonObject msg) {
    if (no.deling.pulse.PulseFeed.STREAM.equals(msg.getValue("stream"))) {
      subscribePulse();
      return;
    }
    Object rawSince = msg.getValue("since");
    Long since = null;
    if (rawSince != null) {
      if (!(rawSince instanceof Number n) || n.longValue() < 0 || n.doubleValue() != n.longValue()) {
        error("bad_request", "field 'since' must be a log position (a whole number >= 0)", null);
        return;
      }
      since = n.longValue();
    }
    StreamKey key = key(msg);
    if (key == null) return;
    if (subscriptions.containsKey(key.wire())) {
      error("already_subscribed", "already subscribed to " + key.wire(), key.wire());
      return;
    }
    if (subscriptions.size() >= maxSubscriptions) {
      error("too_many_subscriptions", "a socket holds at most " + maxSubscriptions + " subscriptions; unsubscribe from one first", key.wire());
      return;
    }
    StreamHub.Subscription sub = new StreamHub.Subscription(user, key, this);
    Long from = since;
    // Under the read lock the log position cannot move, so the ack names exactly where live begins.
    long[] position = new long[1];
    StreamHub.Outcome outcome = model.read(() -> {
      position[0] = model.position();
      // the ack must precede replayed entries in the queue
      if (from == null || from <= model.position()) {
        offer(new JsonObject().put("type", "subscribed").put("stream", key.wire()).put("position", position[0]).encode());
      }
      return hub.subscribe(sub, from);
    });
    switch (outcome) {
      case FUTURE_CURSOR -> error("future_cursor", "since " + from + " is ahead of the log (at " + position[0] + ")", key.wire());
      case OUTDATED_CURSOR -> {
        subscriptions.put(key.wire(), sub);
        offer(new JsonObject().put("type", "outdated_cursor").put("stream", key.wire()).put("position", position[0])
            .put("message", "entries after " + from + " are no longer kept; refetch over HTTP, live entries follow").encode());
      }
      default -> subscriptions.put(key.wire(), sub);
    }
  }

  /** The leaders' pulse: not a stream of entries with positions to resume from, but figures that replace the last ones. */
  private void subscribePulse() {
    String stream = no.deling.pulse.PulseFeed.STREAM;
    if (pulse == null) {
      error("unknown_stream", "the pulse is turned off on this server", null);
    } else if (!leader) {
      error("forbidden", "the pulse is for leaders", stream);
    } else if (!watchingPulse.compareAndSet(false, true)) {
      error("already_subscribed", "already subscribed to " + stream, stream);
    } else {
      pulse.audit(user, leader).onComplete(r -> {
        if (r.failed()) {
          watchingPulse.set(false);
          error("unavailable", "the pulse could not be opened: the audit entry was not written; try again", stream);
          return;
        }
        offer(new JsonObject().put("type", "subscribed").put("stream", stream).put("position", model.position()).encode());
        if (!closed.get()) pulse.watch(this);
      });
    }
  }

  private void unsubscribe(JsonObject msg) {
    if (no.deling.pulse.PulseFeed.STREAM.equals(msg.getValue("stream"))) {
      if (watchingPulse.compareAndSet(true, false)) {
        pulse.unwatch(this);
        offer(new JsonObject().put("type", "unsubscribed").put("stream", no.deling.pulse.PulseFeed.STREAM).encode());
      } else {
        error("not_subscribed", "not subscribed to " + no.deling.pulse.PulseFeed.STREAM, no.deling.pulse.PulseFeed.STREAM);
      }
      return;
    }
    StreamKey key = key(msg);
    if (key == null) return;
    StreamHub.Subscription sub = subscriptions.remove(key.wire());
    if (sub == null) {
      error("not_subscribed", "not subscribed to " + key.wire(), key.wire());
      return;
    }
    hub.unsubscribe(sub);
    offer(new JsonObject().put("type", "unsubscribed").put("stream", key.wire()).encode());
  }

  private void error(String code, String message, String stream) {
    JsonObject e = new JsonObject().put("type", "error").put("code", code).put("message", message);
    if (stream != null) e.put("stream", stream);
    offer(e.encode());
  }

  // ------------------------------------------------------------------ outbound

  /** The hub dropped this subscription: its reader may no longer read the stream. Any thread. */
  @Override
  public void revoked(StreamKey key) {
    context.runOnContext(v -> {
      if (subscriptions.remove(key.wire()) != null) error("forbidden", "you may no longer read " + key.wire(), key.wire());
    });
  }

  /** Any thread. Never blocks; drops the socket when its queue is full. */
  @Override
  public boolean offer(String message) {
    if (closed.get()) return false;
    if (queued.incrementAndGet() > maxQueue) {
      queued.decrementAndGet();
      close(CLOSE_TOO_SLOW, "consumer_too_slow");
      return false;
    }
    outbound.add(message);
    if (drainScheduled.compareAndSet(false, true)) context.runOnContext(v -> drain());
    return true;
  }

  /** Socket event loop only. */
  private void drain() {
    drainScheduled.set(false);
    // a close frame sent or received closes the socket for writes before its close handler runs
    if (closed.get() || ws.isClosed()) return;
    String next;
    while (!ws.writeQueueFull() && (next = outbound.poll()) != null) {
      queued.decrementAndGet();
      ws.writeTextMessage(next);
    }
    if (!outbound.isEmpty()) {
      // the client is not keeping up: continue when the socket has room again
      ws.drainHandler(v -> {
        ws.drainHandler(null);
        if (drainScheduled.compareAndSet(false, true)) drain();
      });
    }
  }

  private void heartbeat() {
    if (System.currentTimeMillis() - lastHeard > idleTimeoutMs) {
      close(CLOSE_HEARTBEAT, "heartbeat_timeout");
      return;
    }
    if (!ws.isClosed()) ws.writePing(Buffer.buffer("deling"));
  }

  private void close(short code, String reason) {
    if (!closed.compareAndSet(false, true)) return;
    hub.closedByServer(reason);
    context.runOnContext(v -> {
      cleanup();
      outbound.clear();
      ws.close(code, reason);
    });
  }

  private void cleanup() {
    closed.set(true);
    hub.disconnected(user, this);
    if (heartbeatTimer >= 0) vertx.cancelTimer(heartbeatTimer);
    heartbeatTimer = -1;
    for (StreamHub.Subscription s : subscriptions.values()) hub.unsubscribe(s);
    subscriptions.clear();
    if (pulse != null) pulse.unwatch(this);
  }
}
