package no.deling.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that stops reading is cut off with a clear reason; the others carry on. */
class SlowConsumerTest {
  @TempDir Path dir;

  @Test
  void clientThatStopsReading_isDisconnected_withConsumerTooSlow_andOthersGetEverything() throws Exception {
    // one author floods on purpose here: the per-person write limit is off
    try (TestServer s = TestServer.start(dir, Map.of("DELING_STREAM_QUEUE", "20", "DELING_WRITE_RATE", "0"))) {
      String author = s.token("author");
      StreamClient fast = StreamClient.connect(s.vertx, s.server.port(), s.token("fast"));
      StreamClient slow = StreamClient.connect(s.vertx, s.server.port(), s.token("slow"));
      JsonObject flood = new JsonObject().put("stream", "topic").put("tag", "flood");
      fast.subscribe(flood);
      slow.subscribe(flood);
      assertThat(s.server.streams().subscriptions()).isEqualTo(2);
      slow.ws.pause(); // stops reading: the kernel buffers fill, then the server's queue

      String big = "x".repeat(1_900) + " #flood";
      int posted = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (s.server.streams().subscriptions() > 1 && System.nanoTime() < deadline) {
        List<CompletableFuture<Void>> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) batch.add(CompletableFuture.runAsync(() -> s.publish(author, big)));
        for (var f : batch) f.get();
        posted += 50;
      }
      assertThat(s.server.streams().subscriptions()).as("slow consumer dropped after %d posts", posted).isEqualTo(1);

      // the fast client got every single post, in order
      int total = posted;
      List<Long> positions = new ArrayList<>();
      for (int i = 0; i < total; i++) positions.add(fast.next("update").getLong("position"));
      assertThat(positions).isSorted().doesNotHaveDuplicates().hasSize(total);

      // the slow one, once it reads again, finds the documented close reason
      slow.ws.resume();
      assertThat(slow.closed.get(30, TimeUnit.SECONDS)).isEqualTo("4008 consumer_too_slow");
      // counted where operators can see it, since a client that does not read may never get the reason
      assertThat(s.server.streams().closedCount("consumer_too_slow")).isEqualTo(1);
      fast.close();
      slow.close();
    }
  }
}
