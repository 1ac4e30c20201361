package no.deling.load.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's durable ceiling answers each body on its own event loop, only once its row is in the log. */
class PlainDurableLogTest {
  @TempDir Path dir;

  @Test
  void everyAnswerComesOnItsContext_withItsOwnPosition_afterItsRowIsStored() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      PlainDurableLog log = new PlainDurableLog(dir.resolve("log.db"));
      Path file = dir.resolve("log.db");
      Map<Long, String> answered = new ConcurrentHashMap<>();
      List<String> wrongThread = new ArrayList<>();
      int n = 500;
      CountDownLatch done = new CountDownLatch(n);
      Context[] contexts = {vertx.getOrCreateContext(), vertx.getOrCreateContext()};
      for (int i = 0; i < n; i++) {
        String body = "body " + i;
        Context context = contexts[i % 2];
        context.runOnContext(v -> log.append(Buffer.buffer(body), context, position -> {
          if (Vertx.currentContext() != context) synchronized (wrongThread) { wrongThread.add(body); }
          // the row is readable from a second connection when its answer comes
          answered.put(position, stored(file, position) + " | " + body);
          done.countDown();
        }));
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(wrongThread).isEmpty();
      assertThat(answered).hasSize(n);
      answered.values().forEach(storedAndSent -> {
        String[] both = storedAndSent.split(" \\| ");
        assertThat(both[0]).as("the row stored when its answer came").isEqualTo(both[1]);
      });
      assertThat(answered.keySet()).containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, n).boxed().toList());
    } finally {
      vertx.close().await();
    }
  }

  private static String stored(Path file, long position) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT body FROM log WHERE position = " + position)) {
      return rs.next() ? new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8) : "missing";
    } catch (java.sql.SQLException e) {
      return e.toString();
    }
  }
}
