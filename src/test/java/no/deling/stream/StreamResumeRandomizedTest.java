package no.deling.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.support.Await;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients drop and resume at random points while posts are appended concurrently; each must end
 * up with exactly the ordered sequence of entries its home stream should carry.
 */
class StreamResumeRandomizedTest {
  @TempDir Path dir;

  @Test
  void reconnectingClients_seeEveryEntryOnce_inOrder() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    try (TestServer s = TestServer.start(dir)) {
      List<String> writers = List.of("w0", "w1", "w2", "w3");
      List<String> tags = List.of("alpha", "beta", "gamma");
      Map<String, String> tokens = new HashMap<>();
      for (String w : writers) {
        tokens.put(w, s.token(w));
        s.get("/api/me", tokens.get(w));
      }
      int readers = 5;
      Map<String, Set<String>> follows = new HashMap<>();
      Map<String, Set<String>> topics = new HashMap<>();
      for (int r = 0; r < readers; r++) {
        String reader = "r" + r;
        tokens.put(reader, s.token(reader));
        follows.put(reader, new HashSet<>());
        topics.put(reader, new HashSet<>());
        for (String w : writers) if (random.nextBoolean()) {
          s.put("/api/me/following/users/" + w, tokens.get(reader), null);
          follows.get(reader).add(w);
        }
        for (String t : tags) if (random.nextInt(3) == 0) {
          s.put("/api/me/following/topics/" + t, tokens.get(reader), null);
          topics.get(reader).add(t);
        }
      }

      ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
      AtomicBoolean writing = new AtomicBoolean(true);
      Map<String, Long> startPositions = new java.util.concurrent.ConcurrentHashMap<>();
      Map<String, List<Long>> received = new java.util.concurrent.ConcurrentHashMap<>();
      Map<String, Integer> connections = new java.util.concurrent.ConcurrentHashMap<>();
      List<Future<?>> clients = new ArrayList<>();
      for (int r = 0; r < readers; r++) {
        String reader = "r" + r;
        long clientSeed = random.nextLong();
        List<Long> got = Collections.synchronizedList(new ArrayList<>());
        received.put(reader, got);
        clients.add(pool.submit(() -> {
          Random rnd = new Random(clientSeed);
          Long last = null;
          int idleRounds = 0;
          while (writing.get() || idleRounds < 3) {
            connections.merge(reader, 1, Integer::sum);
            try (StreamClient c = StreamClient.connect(s.vertx, s.server.port(), tokens.get(reader))) {
              JsonObject subscribe = new JsonObject().put("type", "subscribe").put("stream", "home");
              if (last != null) subscribe.put("since", last);
              c.send(subscribe);
              JsonObject ack = c.next("subscribed");
              if (last == null) {
                last = ack.getLong("position");
                startPositions.put(reader, last);
              }
              // stay connected for a random while, then drop without warning
              List<JsonObject> batch = c.drain(rnd.nextInt(60));
              boolean any = false;
              for (JsonObject m : batch) {
                assertThat(m.getString("type")).as("reader %s got %s", reader, m).isIn("update", "subscribed", "outdated_cursor");
                assertThat(m.getString("type")).isNotEqualTo("outdated_cursor");
                if (m.getString("type").equals("update")) {
                  got.add(m.getLong("position"));
                  last = m.getLong("position");
                  any = true;
                }
              }
              idleRounds = writing.get() || any ? 0 : idleRounds + 1;
            }
          }
          return null;
        }));
      }

      // the writer: posts from random people with random tags, concurrently with the readers
      Future<?> writer = pool.submit(() -> {
        for (int i = 0; i < 150; i++) {
          String w = writers.get(random.nextInt(writers.size()));
          String tag = random.nextInt(2) == 0 ? " #" + tags.get(random.nextInt(tags.size())) : "";
          s.publish(tokens.get(w), "post " + i + tag);
          if (random.nextInt(10) == 0) Thread.sleep(random.nextInt(20));
        }
        return null;
      });
      writer.get(120, TimeUnit.SECONDS);
      writing.set(false);
      for (Future<?> c : clients) c.get(120, TimeUnit.SECONDS);
      pool.shutdown();

      // what each reader's home stream should have carried, straight from the log
      List<RecordedEvent> log = s.events();
      int delivered = 0;
      for (int r = 0; r < readers; r++) {
        String reader = "r" + r;
        long start = startPositions.get(reader);
        List<Long> expected = new ArrayList<>();
        for (RecordedEvent e : log) {
          if (!e.type().equals("PostPublished.v1") || e.position() <= start) continue;
          JsonObject p = new JsonObject(new String(e.data(), StandardCharsets.UTF_8));
          boolean followed = follows.get(reader).contains(p.getString("author"));
          boolean tagged = p.getJsonArray("hashtags").stream().anyMatch(t -> topics.get(reader).contains((String) t));
          if (followed || tagged) expected.add(e.position());
        }
        assertThat(received.get(reader)).as("reader %s (seed %d)", reader, seed).containsExactlyElementsOf(expected);
        assertThat(connections.get(reader)).as("reader %s reconnected", reader).isGreaterThan(5);
        delivered += expected.size();
      }
      assertThat(delivered).as("the test exercised delivery at all").isGreaterThan(100);
    }
  }
}
