package no.deling.readmodel.snapshot;

import io.vertx.core.json.JsonObject;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A snapshot on disk: a readable header, then the body in chunks, each sealed with AES-256-GCM
 * under a key of its own kept in the key store (never in the file). Destroying that key makes
 * every copy of the file unreadable, so a snapshot holding someone's words is shredded with the
 * next one. Each chunk is bound to the header, to its section, to its place and to whether it is
 * the last, so a damaged, reordered, truncated or re-headed file does not open.
 *
 * <p>Layout: {@code DELING-SNAPSHOT\n}, the header's length (int) and its JSON, then the chunks
 * (each its length as an int, then its sealed bytes) of every section, in runs of about a megabyte
 * in the order the sections' writers filled them (the sections are written in parallel, straight
 * into this one file), then the index (for each section, how many chunks and where each starts),
 * where the index starts (long), how many sections (int) and {@code DELING-SNAPEND\n}. The index is not sealed: a wrong
 * one points a reader at a chunk that does not open. A file is written beside its final name,
 * synced and renamed over it, so a crash leaves the previous snapshot or the new one, never half
 * of one.
 */
final class SnapshotFile {
  private static final byte[] MAGIC = "DELING-SNAPSHOT\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "DELING-SNAPEND\n\n".getBytes(StandardCharsets.US_ASCII);
  /**
   * Small enough that the AES-GCM code is called often enough to be compiled early, with its
   * intrinsics: with 1 MiB chunks it stayed interpreted and opening cost more than reading.
   */
  private static final int CHUNK = 1 << 15;
  private static final int SEALED_CHUNK = 4 + CHUNK + 16;
  /** A writer claims room in the file for this many bytes of sealed chunks at a time, and a reader reads as much at once. */
  private static final int RUN = 32 * SEALED_CHUNK;
  private static final int TAG_BITS = 128;
  private static final int MAX_HEADER = 1 << 16;
  private static final int MAX_SECTIONS = 64;

  private SnapshotFile() {}

  /** What a snapshot is and where it stands; readable without its key. */
  record Header(JsonObject json) {
    long position() {
      return json.getLong("position", -1L);
    }

    String build() {
      return json.getString("build", "");
    }

    String keyId() {
      return json.getString("key", "");
    }

    byte[] bytes() {
      return json.encode().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Something to write into the body. */
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * A section whose writer lets the models move on before it is done: {@link #released} completes
   * once it no longer reads them (exceptionally when it failed before), and its writing goes on.
   */
  interface LateBody extends Body {
    CompletableFuture<Void> released();
  }

  /**
   * A snapshot written beside its name ({@code .tmp}), not yet synced nor in place, and perhaps not
   * yet whole (a {@link LateBody} may still be writing): syncing a gigabyte and renaming it over the
   * old one (whose blocks the file system then frees) took 0.9 s of a 7 s snapshot on ten million
   * events, and need not keep the read side standing still.
   */
  static final class Beside {
    private final Path temp;
    private final Path file;
    private final FileChannel channel;
    private final List<CompletableFuture<Void>> writing;
    private final List<LongArrayList> starts;
    private final AtomicLong next;

    private Beside(Path temp, Path file, FileChannel channel, List<CompletableFuture<Void>> writing, List<LongArrayList> starts,
        AtomicLong next) {
      this.temp = temp;
      this.file = file;
      this.channel = channel;
      this.writing = writing;
      this.starts = starts;
      this.next = next;
    }

    /** Waits until every section is written, then writes the index: the file is whole. */
    void finish() throws IOException {
      awaitAll(writing);
      writeIndex(channel, starts, next.get());
    }

    /** Finishes it, syncs it to disk, then renames it over the snapshot in place (atomically); returns its size. */
    long putInPlace() throws IOException {
      if (channel.isOpen()) {
        try (channel) {
          finish();
          channel.force(true);
        }
      } else {
        try (FileChannel whole = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          whole.force(true);
        }
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(file.toAbsolutePath().getParent());
      return Files.size(file);
    }

    /** Removes it: the snapshot in place stays. A section still writing fails on the closed file. */
    void abandon() throws IOException {
      channel.close();
      for (CompletableFuture<Void> w : writing) {
        try {
          w.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (ExecutionException expected) {
          // it failed (the file closed under it, or earlier): nothing of it is kept
        }
      }
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Writes the file beside {@code file} and leaves it there, unsynced ({@link Beside#putInPlace}
   * puts it in place), or leaves nothing. Returns once every section is written but the {@link
   * LateBody}s, which have only been {@linkplain LateBody#released released} (they finish and the
   * index is written when it is put in place). The first section is written on the calling thread,
   * every other on a thread of its own, all into the one file: a writer claims the next megabyte of
   * it for its next run of chunks (no section is copied after it was written).
   */
  static Beside writeBeside(Path file, Header header, SecretKey key, List<Body> sections) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    byte[] headerBytes = header.bytes();
    byte[] headerDigest = digest(headerBytes);
    FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    List<CompletableFuture<Void>> written = new ArrayList<>();
    try {
      ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 4 + headerBytes.length);
      head.put(MAGIC).putInt(headerBytes.length).put(headerBytes).flip();
      while (head.hasRemaining()) channel.write(head);
      AtomicLong next = new AtomicLong(channel.position());
      List<LongArrayList> starts = new ArrayList<>();
      for (int i = 0; i < sections.size(); i++) starts.add(new LongArrayList());
      List<CompletableFuture<Void>> standingStill = new ArrayList<>();
      for (int i = 1; i < sections.size(); i++) {
        CompletableFuture<Void> section = writeOnThreadOfItsOwn(new SealingStream(channel, next, starts.get(i), key, headerDigest, i),
            sections.get(i));
        written.add(section);
        standingStill.add(sections.get(i) instanceof LateBody late ? late.released() : section);
      }
      try (SealingStream out = new SealingStream(channel, next, starts.get(0), key, headerDigest, 0)) {
        sections.get(0).writeTo(out);
      }
      awaitAll(standingStill);
      Beside beside = new Beside(temp, file, channel, written, starts, next);
      if (standingStill.equals(written)) { // whole already: nothing keeps the file open
        beside.finish();
        channel.close();
      }
      return beside;
    } catch (IOException | RuntimeException e) {
      channel.close();
      for (CompletableFuture<Void> w : written) w.exceptionally(failed -> null).join(); // none still writing into the file
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  private static void awaitAll(List<CompletableFuture<Void>> sections) throws IOException {
    for (CompletableFuture<Void> section : sections) {
      try {
        section.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      }
    }
  }

  /** After the chunks: for each section, how many and where each starts; then where the index starts, the count, the end mark. */
  private static void writeIndex(FileChannel channel, List<LongArrayList> starts, long indexAt) throws IOException {
    int longs = 0;
    for (LongArrayList s : starts) longs += s.size();
    ByteBuffer index = ByteBuffer.allocate(4 * starts.size() + 8 * longs + 8 + 4 + END.length);
    for (LongArrayList s : starts) {
      index.putInt(s.size());
      for (int c = 0; c < s.size(); c++) index.putLong(s.getLong(c));
    }
    index.putLong(indexAt).putInt(starts.size()).put(END).flip();
    while (index.hasRemaining()) indexAt += channel.write(index, indexAt);
  }

  private static CompletableFuture<Void> writeOnThreadOfItsOwn(SealingStream out, Body body) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    Thread writer = new Thread(() -> {
      // done only once closed: closing seals and writes the last chunk
      try (out) {
        body.writeTo(out);
        out.close();
        written.complete(null);
      } catch (Throwable e) {
        written.completeExceptionally(e);
      }
    }, "deling-snapshot-writer-" + out.section);
    writer.setDaemon(true);
    writer.start();
    return written;
  }

  /** A snapshot file opened: its header, and its body once the key is known. */
  static final class Opened implements AutoCloseable {
    private final FileChannel channel;
    private final Header header;
    private final byte[] headerBytes;
    private final List<InputStream> opened = new ArrayList<>();
    private List<long[]> starts;

    private Opened(FileChannel channel, Header header, byte[] headerBytes) {
      this.channel = channel;
      this.header = header;
      this.headerBytes = headerBytes;
    }

    Header header() {
      return header;
    }

    /**
     * A section's body, opened chunk by chunk on a thread of its own while the caller reads what
     * was opened before; a damaged chunk fails the read with an {@link IOException}.
     */
    InputStream section(SecretKey key, int section) throws IOException {
      List<long[]> index = index();
      if (section >= index.size()) throw new IOException("it has no section " + section);
      InputStream body = new Prefetching(new OpeningStream(channel, index.get(section), key, digest(headerBytes), section));
      opened.add(body);
      return body;
    }

    /** Where each section's chunks start, from the index at the file's end. */
    private synchronized List<long[]> index() throws IOException {
      if (starts == null) {
        long size = channel.size();
        ByteBuffer tail = ByteBuffer.allocate(8 + 4 + END.length);
        if (size < tail.capacity()) throw new IOException("truncated: no end");
        readFully(channel, tail, size - tail.capacity());
        tail.flip();
        long indexAt = tail.getLong();
        int count = tail.getInt();
        byte[] magic = new byte[END.length];
        tail.get(magic);
        if (!Arrays.equals(magic, END) || count < 1 || count > MAX_SECTIONS) throw new IOException("truncated or damaged end");
        long length = size - tail.capacity() - indexAt;
        if (indexAt <= 0 || length < 4L * count || length > Integer.MAX_VALUE) throw new IOException("damaged end");
        ByteBuffer at = ByteBuffer.allocate((int) length);
        readFully(channel, at, indexAt);
        at.flip();
        List<long[]> found = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
          int chunks = at.remaining() >= 4 ? at.getInt() : -1;
          if (chunks < 1 || chunks > at.remaining() / 8) throw new IOException("damaged index");
          long[] offsets = new long[chunks];
          for (int c = 0; c < chunks; c++) {
            offsets[c] = at.getLong();
            if (offsets[c] <= 0 || offsets[c] > indexAt - 4) throw new IOException("damaged index");
          }
          found.add(offsets);
        }
        if (at.hasRemaining()) throw new IOException("damaged index");
        starts = found;
      }
      return starts;
    }

    @Override
    public void close() throws IOException {
      for (InputStream s : opened) s.close();
      channel.close();
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long at) throws IOException {
    while (into.hasRemaining()) {
      int n = channel.read(into, at);
      if (n < 0) throw new IOException("truncated");
      at += n;
    }
  }

  /** Opens a snapshot and reads its header; fails with a reason if it is not one. */
  static Opened open(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      ByteBuffer start = ByteBuffer.allocate(MAGIC.length + 4);
      if (channel.size() < start.capacity()) throw new IOException("not a Deling snapshot");
      readFully(channel, start, 0);
      byte[] magic = new byte[MAGIC.length];
      start.flip().get(magic);
      if (!Arrays.equals(magic, MAGIC)) throw new IOException("not a Deling snapshot");
      int length = start.getInt();
      if (length <= 0 || length > MAX_HEADER) throw new IOException("damaged header");
      if (channel.size() < start.capacity() + length) throw new IOException("truncated header");
      ByteBuffer header = ByteBuffer.allocate(length);
      readFully(channel, header, start.capacity());
      byte[] headerBytes = header.array();
      JsonObject json;
      try {
        json = new JsonObject(new String(headerBytes, StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        throw new IOException("damaged header");
      }
      return new Opened(channel, new Header(json), headerBytes);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Has AES-GCM compiled, with its intrinsics, before a large snapshot is opened: the JIT compiles
   * the code that calls them only after thousands of calls, and a cold server opening a gigabyte
   * with GHASH still interpreted spent more time on it than on reading the snapshot (40 ms here).
   * Thousands of small calls get the compilations asked for, and the read waits for those; then,
   * beside the read, chunks of the real size until one opens at the compiled speed or up to a bound
   * (at start-up the compiler's queue is long, and a server whose reading got there first spent a
   * second of CPU in GHASH's Java code). Started early, on a thread of its own
   * ({@link #warmUpInBackground}).
   */
  static void warmUp() {
    warmUpInBackground();
    WARM.join();
  }

  private static final CompletableFuture<Void> WARM = new CompletableFuture<>();
  private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();
  /** A chunk opens in about 15 µs here with the intrinsics and in hundreds without. */
  private static final long COMPILED_CHUNK_NANOS = 60_000;
  private static final long WARM_UP_BOUND_NANOS = 1_000_000_000L;

  /** Starts {@link #warmUp}'s work on a thread of its own, once; {@link #warmUp} then waits for it. */
  static void warmUpInBackground() {
    if (!WARMING.compareAndSet(false, true)) return;
    Thread t = new Thread(() -> {
      try {
        warmingUp();
      } catch (Throwable e) {
        WARM.completeExceptionally(e);
      }
    }, "deling-snapshot-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static void warmingUp() throws GeneralSecurityException {
    long started = System.nanoTime();
    javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance("AES");
    generator.init(256);
    SecretKey key = generator.generateKey();
    Cipher cipher = gcm();
    byte[] aad = new byte[45];
    byte[] small = new byte[250]; // not whole blocks, as a section's last chunk seldom is
    byte[] sealedSmall = new byte[small.length + TAG_BITS / 8];
    byte[] chunk = new byte[CHUNK];
    byte[] sealedChunk = new byte[CHUNK + TAG_BITS / 8];
    // Every 64th a whole chunk: its 2,048 blocks carry the counter into its next byte, which small
    // ones never do. Code compiled without ever seeing that, or a part block, was thrown away at the
    // first real chunk, or at the first section's short last one (a restart then opened most of a
    // gigabyte in slower code, the C2 compiler's queue being long at start-up).
    for (int i = 0; i < 12_000; i++) {
      if (i % 64 == 0) seal(cipher, key, aad, i, chunk, sealedChunk);
      else seal(cipher, key, aad, i, small, sealedSmall);
    }
    WARM.complete(null);
    int fast = 0;
    for (int i = 12_000; fast < 3 && System.nanoTime() - started < WARM_UP_BOUND_NANOS; i++) {
      long t0 = System.nanoTime();
      seal(cipher, key, aad, i, chunk, sealedChunk);
      fast = System.nanoTime() - t0 < 2 * COMPILED_CHUNK_NANOS ? fast + 1 : 0;
    }
  }

  /** Seals {@code plain} and opens it again. */
  private static void seal(Cipher cipher, SecretKey key, byte[] aad, int i, byte[] plain, byte[] sealed) throws GeneralSecurityException {
    cipher.init(Cipher.ENCRYPT_MODE, key, nonce(7, i));
    cipher.updateAAD(aad);
    cipher.doFinal(plain, 0, plain.length, sealed, 0);
    cipher.init(Cipher.DECRYPT_MODE, key, nonce(7, i));
    cipher.updateAAD(aad);
    cipher.doFinal(sealed, 0, sealed.length, plain, 0);
  }

  private static Cipher gcm() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no AES/GCM", e);
    }
  }

  private static byte[] digest(byte[] header) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(header);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Nonce: the section and the chunk's number (each file has a key of its own, so a pair is never used twice under one key). */
  private static GCMParameterSpec nonce(int section, long chunk) {
    byte[] iv = new byte[12];
    ByteBuffer.wrap(iv).putInt(0, section).putLong(4, chunk);
    return new GCMParameterSpec(TAG_BITS, iv);
  }

  private static byte[] aad(byte[] headerDigest, int section, long chunk, boolean last) {
    return ByteBuffer.allocate(headerDigest.length + 13).put(headerDigest).putInt(section).putLong(chunk).put((byte) (last ? 1 : 0)).array();
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException ignored) {
      // not every file system lets a directory be synced; the rename is still atomic
    }
  }

  /**
   * Buffers a chunk and seals it into a run of sealed chunks; a full run is written at the next
   * free place in the file, which it claims. The chunk written on close is marked last.
   */
  private static final class SealingStream extends OutputStream {
    private final FileChannel channel;
    private final AtomicLong next;
    /** where each of this section's chunks starts in the file */
    private final LongArrayList starts;
    private final SecretKey key;
    private final byte[] headerDigest;
    private final byte[] buffer = new byte[CHUNK];
    /** sealed chunks (each its length, its sealed bytes and tag) not yet in the file */
    private final ByteBuffer run = ByteBuffer.allocate(RUN);
    /** where each chunk in {@link #run} starts in it */
    private final int[] inRun = new int[RUN / SEALED_CHUNK];
    private int chunksInRun;
    private final Cipher cipher;
    private final int section;
    private int filled;
    private long chunk;
    private boolean closed;

    SealingStream(FileChannel channel, AtomicLong next, LongArrayList starts, SecretKey key, byte[] headerDigest, int section) {
      this.channel = channel;
      this.next = next;
      this.starts = starts;
      this.section = section;
      this.key = key;
      this.headerDigest = headerDigest;
      cipher = gcm();
    }

    @Override
    public void write(int b) throws IOException {
      if (filled == CHUNK) seal(false);
      buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (filled == CHUNK) seal(false);
        int n = Math.min(len, CHUNK - filled);
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
      }
    }

    private void seal(boolean last) throws IOException {
      if (run.remaining() < SEALED_CHUNK) writeRun();
      try {
        cipher.init(Cipher.ENCRYPT_MODE, key, nonce(section, chunk));
        cipher.updateAAD(aad(headerDigest, section, chunk, last));
        int at = run.position();
        int length = cipher.doFinal(buffer, 0, filled, run.array(), at + 4);
        run.putInt(at, length).position(at + 4 + length);
        inRun[chunksInRun++] = at;
      } catch (GeneralSecurityException e) {
        throw new IOException("could not seal the snapshot", e);
      }
      chunk++;
      filled = 0;
    }

    private void writeRun() throws IOException {
      run.flip();
      long at = next.getAndAdd(run.remaining());
      for (int i = 0; i < chunksInRun; i++) starts.add(at + inRun[i]);
      while (run.hasRemaining()) at += channel.write(run, at);
      run.clear();
      chunksInRun = 0;
    }

    @Override
    public void close() throws IOException {
      if (closed) return;
      closed = true;
      seal(true);
      writeRun();
    }
  }

  /** An opened chunk: its bytes are {@code data[0, length)}. */
  private record Chunk(byte[] data, int length) {}

  /**
   * Opens chunks ahead of the reader, on its own thread (two cores: opening overlaps decoding).
   * Chunk buffers go round between the two threads instead of a new one per chunk: a gigabyte of
   * snapshot was two gigabytes of garbage while the read models were being made.
   */
  private static final class Prefetching extends InputStream {
    /**
     * Chunks go to the reader this many at a time. One at a time, the reader woke the opener (or
     * the opener the reader) for every 32 KiB: thousands of wake-ups a second, each a system call
     * and often a switch between the two on two cores, a fifth of a section reader's time in a restart.
     */
    private static final int BATCH = 8;
    private static final Chunk[] END = new Chunk[0];
    private final java.util.concurrent.BlockingQueue<Object> batches = new java.util.concurrent.ArrayBlockingQueue<>(3);
    private final java.util.concurrent.BlockingQueue<byte[]> free = new java.util.concurrent.ArrayBlockingQueue<>(5 * BATCH);
    private final Thread thread;
    private Chunk[] batch = new Chunk[0];
    private int inBatch;
    private Chunk current = new Chunk(new byte[0], 0);
    private int read;
    private boolean ended;

    Prefetching(OpeningStream from) {
      thread = new Thread(() -> {
        try {
          Chunk[] next = new Chunk[BATCH];
          int n = 0;
          Chunk chunk;
          while ((chunk = from.nextChunk(free)) != null) {
            next[n++] = chunk;
            if (n == BATCH) {
              batches.put(next);
              next = new Chunk[BATCH];
              n = 0;
            }
          }
          if (n > 0) batches.put(java.util.Arrays.copyOf(next, n));
          batches.put(END);
        } catch (IOException | RuntimeException e) {
          try {
            batches.put(e);
          } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "deling-snapshot-opener");
      thread.setDaemon(true);
      thread.start();
    }

    private boolean fill() throws IOException {
      while (read == current.length()) {
        if (ended) return false;
        if (current.length() > 0) free.offer(current.data());
        if (inBatch == batch.length) {
          Object next;
          try {
            next = batches.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
          }
          if (next instanceof IOException e) throw new IOException(e.getMessage(), e);
          if (next instanceof RuntimeException e) throw e;
          if (next == END) {
            ended = true;
            return false;
          }
          batch = (Chunk[]) next;
          inBatch = 0;
        }
        current = batch[inBatch];
        batch[inBatch++] = null;
        read = 0;
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      if (!fill()) return -1;
      return current.data()[read++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) return 0;
      if (!fill()) return -1;
      int n = Math.min(len, current.length() - read);
      System.arraycopy(current.data(), read, b, off, n);
      read += n;
      return n;
    }

    @Override
    public void close() {
      thread.interrupt();
    }
  }

  /**
   * Reads and opens one section's chunks, in order, from where the index says each starts (read
   * a run at a time); fails on a damaged chunk, and on an end before the last.
   */
  private static final class OpeningStream {
    private final FileChannel channel;
    private final long[] starts;
    private final SecretKey key;
    private final byte[] headerDigest;
    private final Cipher cipher;
    private final int section;
    /** what was last read of the file, from {@code windowAt}: reused (opener thread only) */
    private final ByteBuffer window = ByteBuffer.allocate(RUN);
    private long windowAt = -1;
    private int chunk;
    private boolean last;

    OpeningStream(FileChannel channel, long[] starts, SecretKey key, byte[] headerDigest, int section) {
      this.channel = channel;
      this.starts = starts;
      this.section = section;
      this.key = key;
      this.headerDigest = headerDigest;
      cipher = gcm();
    }

    /** The next chunk opened (into a buffer from {@code free}, or a new one), or null after the last. */
    Chunk nextChunk(java.util.concurrent.BlockingQueue<byte[]> free) throws IOException {
      if (last) return null;
      if (chunk == starts.length) throw new IOException("truncated: ends before its last chunk");
      long at = starts[chunk];
      int offset = within(at, 4);
      int length = window.getInt(offset);
      if (length < TAG_BITS / 8 || length > CHUNK + TAG_BITS / 8) throw new IOException("damaged chunk " + chunk);
      offset = within(at, 4 + length) + 4;
      byte[] out = free.poll();
      if (out == null) out = new byte[CHUNK];
      return new Chunk(out, open(window.array(), offset, length, out));
    }

    /** Where {@code [at, at + n)} of the file is in the window, reading from {@code at} when it is not all there. */
    private int within(long at, int n) throws IOException {
      if (windowAt < 0 || at < windowAt || at + n > windowAt + window.limit()) {
        window.clear();
        while (window.position() < n) {
          int read = channel.read(window, at + window.position());
          if (read < 0) throw new IOException("truncated in chunk " + chunk);
        }
        window.flip();
        windowAt = at;
      }
      return (int) (at - windowAt);
    }

    /**
     * Opens {@code sealed[from, from + length)} into {@code out}; how many bytes it holds. The index
     * says which chunk is the last, and each chunk was sealed saying whether it is: an index cut
     * short or lengthened names a chunk that does not open. One try, no guessing: a guess that
     * failed threw, and the JIT dropped its compiled AES-GCM on the first exception (two seconds
     * into a restart), leaving the rest of a gigabyte to slower code.
     */
    private int open(byte[] sealed, int from, int length, byte[] out) throws IOException {
      boolean asLast = chunk == starts.length - 1;
      try {
        cipher.init(Cipher.DECRYPT_MODE, key, nonce(section, chunk));
        cipher.updateAAD(aad(headerDigest, section, chunk, asLast));
        int opened = cipher.doFinal(sealed, from, length, out, 0);
        chunk++;
        last = asLast;
        return opened;
      } catch (GeneralSecurityException e) {
        throw new IOException("damaged: chunk " + chunk + " does not open");
      }
    }
  }
}
