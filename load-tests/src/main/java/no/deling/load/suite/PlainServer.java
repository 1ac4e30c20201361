package no.deling.load.suite;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.Future;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ceilings, as a separate process: a plain Vert.x JSON endpoint ({@code GET /json}) on one
 * server verticle per event loop (as Deling deploys its HTTP verticle), and a plain broadcast:
 * {@code POST /broadcast} writes its body to every WebSocket connected to {@code /ws}; and the
 * plainest durable write, {@code POST /durable} (see {@link PlainDurableLog}), answering
 * {@code 201} with the body's position once it is on disk. Usage: {@code PlainServer <port>}.
 */
public final class PlainServer extends VerticleBase {
  static final List<ServerWebSocket> SOCKETS = new CopyOnWriteArrayList<>();
  private static PlainDurableLog durable;
  private final int port;

  PlainServer(int port) {
    this.port = port;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path dir = Files.createTempDirectory("plain-durable");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> TempDirs.delete(dir)));
    durable = new PlainDurableLog(dir.resolve("log.db"));
    // the transport Deling runs on (io_uring or epoll on Linux), so the ceiling is measured on the same footing
    Vertx vertx = no.deling.NetworkTransport.vertx("auto");
    vertx.deployVerticle(() -> new PlainServer(port), new DeploymentOptions().setInstances(2 * Runtime.getRuntime().availableProcessors()))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    JsonObject body = new JsonObject().put("id", "0384729104729104729").put("author", "alice").put("text", "Hello, plain Vert.x")
        .put("hashtags", List.of("kotlin")).put("endorsements", 3);
    return vertx.createHttpServer()
        .webSocketHandler(ws -> {
          if (!ws.path().equals("/ws")) {
            ws.close((short) 1008, "unknown path");
            return;
          }
          SOCKETS.add(ws);
          ws.closeHandler(v -> SOCKETS.remove(ws));
        })
        .requestHandler(req -> {
          if (req.path().equals("/broadcast")) {
            req.body().onSuccess(b -> {
              String text = b.toString();
              for (ServerWebSocket ws : SOCKETS) ws.writeTextMessage(text);
              req.response().setStatusCode(204).end();
            });
          } else if (req.path().equals("/durable")) {
            Context context = vertx.getOrCreateContext();
            req.body().onSuccess(b -> durable.append(b, context, position ->
                req.response().setStatusCode(201).putHeader("Content-Type", "application/json").end("{\"position\":" + position + "}")));
          } else if (req.path().equals("/sockets")) {
            req.response().end(Integer.toString(SOCKETS.size()));
          } else {
            req.response().putHeader("Content-Type", "application/json").end(body.toBuffer());
          }
        })
        .listen(port, "127.0.0.1");
  }
}
