package no.deling.readmodel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The snapshot file's layout, whatever its sections' sizes: the sections' writers fill one file
 * side by side in runs, and each section reads back byte for byte, in order. Sizes around the
 * chunk (32 KiB) and the run (about a megabyte) are where a layout like this breaks.
 */
class SnapshotFilePropertyTest {
  private static final int CHUNK = 1 << 15;
  private static final int[] EDGES = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 32 * CHUNK, 33 * CHUNK + 7, 70 * CHUNK};

  @Property(tries = 25)
  void everySection_readsBackAsWritten(@ForAll @Size(min = 1, max = 5) List<@IntRange(min = 0, max = EDGES_AND_RANDOM) Integer> kinds,
      @ForAll long seed) throws Exception {
    Random random = new Random(seed);
    List<byte[]> sections = new ArrayList<>();
    for (int kind : kinds) {
      int size = kind < EDGES.length ? EDGES[kind] : random.nextInt(3 * 32 * CHUNK);
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      sections.add(bytes);
    }
    Path dir = Files.createTempDirectory("deling-snapshot-file");
    try {
      Path file = dir.resolve("s.snapshot");
      SecretKey key = newKey();
      List<SnapshotFile.Body> bodies = new ArrayList<>();
      // written in pieces of varying size, as the sections' writers write
      for (byte[] s : sections) {
        bodies.add(out -> {
          Random pieces = new Random(s.length);
          for (int at = 0; at < s.length; ) {
            int n = Math.min(s.length - at, 1 + pieces.nextInt(3 * CHUNK));
            if (n == 1) out.write(s[at]);
            else out.write(s, at, n);
            at += n;
          }
        });
      }
      SnapshotFile.writeBeside(file, new SnapshotFile.Header(new JsonObject().put("position", 1)), key, bodies).putInPlace();
      try (SnapshotFile.Opened opened = SnapshotFile.open(file)) {
        for (int i = sections.size() - 1; i >= 0; i--) { // in any order
          assertThat(readAll(opened.section(key, i))).as("section %d of %d bytes", i, sections.get(i).length).isEqualTo(sections.get(i));
        }
      }
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The index at the end is not sealed; the chunks are, each saying whether it is its section's
   * last. So an index that drops a section's last chunk, or names one more, makes the section fail
   * to read, never read as fewer or other bytes.
   */
  @net.jqwik.api.Example
  void anIndexNamingFewerOrMoreChunks_failsTheSection() throws Exception {
    Path dir = Files.createTempDirectory("deling-snapshot-index");
    try {
      Path file = dir.resolve("s.snapshot");
      SecretKey key = newKey();
      byte[] section = new byte[3 * CHUNK - 5]; // three chunks
      new Random(7).nextBytes(section);
      SnapshotFile.writeBeside(file, new SnapshotFile.Header(new JsonObject().put("position", 1)), key,
          List.of(out -> out.write(section))).putInPlace();
      byte[] whole = Files.readAllBytes(file);
      int tail = 8 + 4 + 16; // where the index is, how many sections, and the end's mark
      java.nio.ByteBuffer end = java.nio.ByteBuffer.wrap(whole, whole.length - tail, tail);
      int indexAt = (int) end.getLong();
      java.nio.ByteBuffer index = java.nio.ByteBuffer.wrap(whole, indexAt, whole.length - tail - indexAt);
      assertThat(index.getInt()).isEqualTo(3);
      long[] starts = {index.getLong(), index.getLong(), index.getLong()};
      try (SnapshotFile.Opened opened = SnapshotFile.open(file)) {
        assertThat(readAll(opened.section(key, 0))).isEqualTo(section);
      }

      for (long[] named : List.of(new long[] {starts[0], starts[1]}, new long[] {starts[0], starts[1], starts[2], starts[2]},
          new long[] {starts[0], starts[2]})) {
        java.nio.ByteBuffer rewritten = java.nio.ByteBuffer.allocate(indexAt + 4 + 8 * named.length + tail);
        rewritten.put(whole, 0, indexAt).putInt(named.length);
        for (long at : named) rewritten.putLong(at);
        rewritten.putLong(indexAt).putInt(1).put(whole, whole.length - 16, 16);
        Files.write(file, rewritten.array());
        try (SnapshotFile.Opened opened = SnapshotFile.open(file)) {
          org.assertj.core.api.Assertions.assertThatThrownBy(() -> readAll(opened.section(key, 0)))
              .as("an index naming %d chunks", named.length).isInstanceOf(IOException.class);
        }
      }
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * A late section (a snapshot's posts) lets writeBeside return once released, and goes on writing:
   * putting the file in place waits for it, and it reads back whole; abandoning the file instead
   * stops it on the closed file and leaves nothing.
   */
  @net.jqwik.api.Example
  void aLateSection_isWrittenAfterWriteBesideReturned_andWaitedForByPutInPlace() throws Exception {
    Path dir = Files.createTempDirectory("deling-snapshot-late");
    try {
      SecretKey key = newKey();
      byte[] early = new byte[2 * CHUNK + 3];
      byte[] late = new byte[40 * CHUNK + 11]; // more than a run
      new Random(3).nextBytes(early);
      new Random(4).nextBytes(late);
      for (boolean kept : new boolean[] {true, false}) {
        Path file = dir.resolve(kept + ".snapshot");
        java.util.concurrent.CountDownLatch returned = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Void> released = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> lateFailure = new java.util.concurrent.atomic.AtomicReference<>();
        SnapshotFile.LateBody lateBody = new SnapshotFile.LateBody() {
          @Override
          public java.util.concurrent.CompletableFuture<Void> released() {
            return released;
          }

          @Override
          public void writeTo(java.io.OutputStream out) throws IOException {
            released.complete(null);
            try {
              returned.await();
              for (int at = 0; at < late.length; at += CHUNK) out.write(late, at, Math.min(CHUNK, late.length - at));
            } catch (InterruptedException e) {
              throw new IOException(e);
            } catch (IOException | RuntimeException e) {
              lateFailure.set(e);
              throw e;
            }
          }
        };
        SnapshotFile.Beside beside = SnapshotFile.writeBeside(file, new SnapshotFile.Header(new JsonObject().put("position", 1)), key,
            List.of(out -> out.write(early), lateBody, out -> out.write(early, 0, 5)));
        returned.countDown(); // the late section could not have written a byte before this
        if (kept) {
          beside.putInPlace();
          try (SnapshotFile.Opened opened = SnapshotFile.open(file)) {
            assertThat(readAll(opened.section(key, 1))).isEqualTo(late);
            assertThat(readAll(opened.section(key, 0))).isEqualTo(early);
            assertThat(readAll(opened.section(key, 2))).isEqualTo(java.util.Arrays.copyOf(early, 5));
          }
        } else {
          beside.abandon();
          assertThat(file).doesNotExist();
          assertThat(file.resolveSibling(file.getFileName() + ".tmp")).doesNotExist();
        }
      }
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static SecretKey newKey() throws java.security.GeneralSecurityException {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    return generator.generateKey();
  }

  /** One more than the edges: a random size. */
  private static final int EDGES_AND_RANDOM = 8;

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
