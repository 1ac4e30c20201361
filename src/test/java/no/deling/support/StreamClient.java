package no.deling.support;

import static no.deling.support.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (Vert.x) that records every message the server sends. */
public final class StreamClient implements AutoCloseable {
  public final WebSocket ws;
  private final WebSocketClient client;
  private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  public final CompletableFuture<String> closed = new CompletableFuture<>();
  /** Every received message is checked against schema/api/stream.asyncapi.yaml; close() fails on any mismatch. */
  private final List<String> schemaProblems = new java.util.concurrent.CopyOnWriteArrayList<>();

  private StreamClient(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(t -> {
      JsonObject m = new JsonObject(t);
      String problem = StreamSchemas.problem(m);
      if (problem != null) schemaProblems.add(problem);
      inbox.add(m);
    });
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode() + " " + ws.closeReason()));
  }

  public static StreamClient connect(Vertx vertx, int port, String token) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI("/api/stream");
    if (token != null) options.addHeader("Authorization", "Bearer " + token);
    return connect(vertx, options);
  }

  public static StreamClient connect(Vertx vertx, WebSocketConnectOptions options) {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket ws = await(client.connect(options));
    return new StreamClient(client, ws);
  }

  public void send(JsonObject message) {
    await(ws.writeTextMessage(message.encode()));
  }

  /** Sends a subscribe and waits for its acknowledgement (or error). */
  public JsonObject subscribe(JsonObject subscribe) {
    send(subscribe.copy().put("type", "subscribe"));
    return next(m -> m.getString("type").equals("subscribed") || m.getString("type").equals("error"));
  }

  /** The next message matching {@code p}, skipping others; fails after 10 s. */
  public JsonObject next(Predicate<JsonObject> p) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try {
      while (true) {
        JsonObject m = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (m == null) throw new AssertionError("no matching message within 10 s");
        if (p.test(m)) return m;
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The very next message, whatever it is; fails after 10 s. */
  public JsonObject next() {
    return next(m -> true);
  }

  public JsonObject next(String type) {
    return next(m -> type.equals(m.getString("type")));
  }

  /**
   * Everything the server sent until it had applied the log up to {@code head}: the replays of the
   * subscriptions sent before (queued before any later answer) and what came live up to there. Pings
   * until a pong says so, instead of waiting a guessed while; fails after 10 s.
   */
  public List<JsonObject> upTo(long head) {
    List<JsonObject> out = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      send(new JsonObject().put("type", "ping"));
      JsonObject m;
      while (!"pong".equals((m = next()).getString("type"))) out.add(m);
      if (m.getLong("position") >= head) return out;
      if (System.nanoTime() > deadline) throw new AssertionError("the server had not applied the log up to " + head + " within 10 s");
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Waits {@code ms} and returns whatever arrived. */
  public List<JsonObject> drain(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    List<JsonObject> out = new ArrayList<>();
    inbox.drainTo(out);
    return out;
  }

  @Override
  public void close() {
    if (!ws.isClosed()) ws.close();
    client.close();
    if (!schemaProblems.isEmpty()) throw new AssertionError("messages that do not match the AsyncAPI schemas: " + schemaProblems);
  }
}
