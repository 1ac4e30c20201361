package no.deling.search;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import no.deling.load.org.Args;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;

/**
 * What indexing a post for search costs: the CPU of the whole process (the indexing thread, Lucene's
 * merges, the collector) per post, for posts of Norwegian and English words, made searchable every
 * {@code --batch} posts (what a second brings under a flood of posts) and committed every five
 * batches, as {@link SearchIndexer} does, merges waited for at the end.
 *
 * <p>Two shapes, in alternating rounds on fresh directories: the index as Deling writes it
 * ({@link SearchIndex}, {@link SearchDocuments#post}), and as baseline the shape it had until
 * 2026-12-05 — the text in two fields, each with its language's own analyser, and a stored,
 * indexed id beside the key. Prints each round and the medians: µs of CPU per post, and the index's
 * size on disk.
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexec.mainClass=no.deling.search.SearchIndexingBenchmark -Dexec.classpathScope=test -Dexec.args="--posts 300000 --rounds 3"}
 */
public final class SearchIndexingBenchmark {
  private static final String[] NORWEGIAN = ("bærekraftig bærekraft tjenesten tjenester kunden kundene leveransen økonomi budsjettet "
      + "prosjektet prosjekter møtet møter avdelingen teamet løsningen løsninger planlegger planla ferdig viktig neste uke måned "
      + "samarbeid innovasjon regnskap kvartalet rapporten rapporter ansatte ledelsen strategi mål arbeidet arbeider sikkerhet "
      + "og i det som er på for med til av ikke en å vi har").split(" ");
  private static final String[] ENGLISH = ("deploying deployed deployment pipeline pipelines kubernetes cluster clusters release "
      + "releases shipping shipped customer customers budget quarterly report reports meeting meetings design designs review "
      + "reviewed testing tests migration migrating database databases latency throughput incident incidents team teams "
      + "the a and of to in is for on with that it was are this").split(" ");
  private static final String[] TAGS = {"kotlin", "java", "kubernetes", "bærekraft", "økonomi", "release", "security", "design", "ops",
      "hr"};

  private record Post(long id, String text, String[] tags, String author, long at) {}

  /** A way to write the index: opens one in a directory. */
  private record Shape(String name, Opener opener) {}

  private interface Opener {
    IndexOps open(Path dir) throws IOException;
  }

  private record Round(double cpuMicrosPerPost, double seconds, long bytes) {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int count = args.intValue("--posts", 300_000);
    int rounds = args.intValue("--rounds", 3);
    int batch = args.intValue("--batch", 12_000);
    List<Post> posts = posts(count, new Random(11));
    List<Shape> shapes = List.of(new Shape("as written now (one bilingual field)", SearchIndexingBenchmark::asWrittenNow),
        new Shape("baseline (two language fields, id field)", SearchIndexingBenchmark::twoFields));
    Map<String, List<Round>> results = new java.util.LinkedHashMap<>();
    System.out.printf("indexing %,d posts, searchable every %,d, %d rounds per shape%n", count, batch, rounds);
    // an unmeasured round each: the JIT compiles Lucene's analysis, flush and merge code
    for (Shape s : shapes) {
      Path dir = Files.createTempDirectory("deling-index-warm");
      measure(posts, batch, dir, s.opener().open(dir));
      delete(dir);
    }
    for (int r = 0; r < rounds; r++) {
      List<Shape> order = r % 2 == 0 ? shapes : List.of(shapes.get(1), shapes.get(0));
      for (Shape s : order) {
        Path dir = Files.createTempDirectory("deling-index-bench");
        Round round = measure(posts, batch, dir, s.opener().open(dir));
        delete(dir);
        results.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(round);
        System.out.printf("round %d %-40s %6.1f µs CPU per post, %5.1f s, %,6.1f MB%n", r + 1, s.name(), round.cpuMicrosPerPost(),
            round.seconds(), round.bytes() / 1e6);
      }
    }
    for (var e : results.entrySet()) {
      double[] cpu = e.getValue().stream().mapToDouble(Round::cpuMicrosPerPost).sorted().toArray();
      double[] mb = e.getValue().stream().mapToDouble(x -> x.bytes() / 1e6).sorted().toArray();
      System.out.printf("median %-39s %6.1f µs CPU per post (%.1f–%.1f), %,.1f MB%n", e.getKey(), cpu[cpu.length / 2], cpu[0],
          cpu[cpu.length - 1], mb[mb.length / 2]);
    }
  }

  /** Posts of 6 to 40 words, each either language or both, a few with a hashtag. */
  private static List<Post> posts(int count, Random random) {
    List<Post> out = new ArrayList<>(count);
    long at = 1_764_000_000_000L;
    for (int i = 0; i < count; i++) {
      int words = 6 + random.nextInt(35);
      int language = random.nextInt(3); // 0 Norwegian, 1 English, 2 both
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < words; w++) {
        String[] from = language == 0 || (language == 2 && random.nextBoolean()) ? NORWEGIAN : ENGLISH;
        if (w > 0) text.append(' ');
        text.append(from[random.nextInt(from.length)]);
      }
      String[] tags = random.nextInt(3) == 0 ? new String[] {TAGS[random.nextInt(TAGS.length)]} : new String[0];
      for (String t : tags) text.append(" #").append(t);
      out.add(new Post(1_000_000L + i, text.toString(), tags, "user" + random.nextInt(2_000), at + i * 50L));
    }
    return out;
  }

  private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Indexes the posts through {@code add}, refreshing every batch and committing every five; the CPU the process spent. */
  private static Round measure(List<Post> posts, int batch, Path dir, IndexOps ops) throws IOException {
    System.gc();
    long cpu0 = OS.getProcessCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < posts.size(); i++) {
      ops.add().run(posts.get(i));
      if ((i + 1) % batch == 0) {
        ops.refresh().run(null);
        if ((i + 1) % (5 * batch) == 0) ops.commit().run((long) i + 1);
      }
    }
    ops.refresh().run(null);
    ops.commit().run((long) posts.size());
    ops.close().run(null); // waits for the merges
    long cpu = OS.getProcessCpuTime() - cpu0;
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Round(cpu / 1e3 / posts.size(), seconds, size(dir));
  }

  private interface IoAction<T> {
    void run(T value) throws IOException;
  }

  /** How one shape adds a post, makes what was added searchable, commits with a position, and closes. */
  private record IndexOps(IoAction<Post> add, IoAction<Void> refresh, IoAction<Long> commit, IoAction<Void> close) {}

  /** The index as Deling writes it, through its own classes. */
  private static IndexOps asWrittenNow(Path dir) {
    SearchIndex index = SearchIndex.open(dir, 0);
    return new IndexOps(
        p -> index.add(SearchDocuments.post(p.id(), "post", p.text(), p.tags(), p.author(), null, SearchDocuments.PUBLIC, p.at(), null)),
        v -> index.refresh(), index::commit, v -> index.close());
  }

  /** The baseline: the shape of the index until 2026-12-05, rebuilt here with the same writer settings. */
  private static IndexOps twoFields(Path dir) throws IOException {
    FSDirectory directory = FSDirectory.open(dir);
    IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new PerFieldAnalyzerWrapper(new StandardAnalyzer(),
        Map.of("text_no", new NorwegianAnalyzer(), "text_en", new EnglishAnalyzer()))).setRAMBufferSizeMB(32));
    SearcherManager searchers = new SearcherManager(writer, new SearcherFactory());
    IoAction<Post> add = p -> {
      Document d = new Document();
      d.add(new StringField("key", "post:" + p.id(), Field.Store.NO));
      d.add(new StringField("type", "post", Field.Store.YES));
      d.add(new StringField("id", Long.toString(p.id()), Field.Store.YES));
      d.add(new StringField("kind", "post", Field.Store.NO));
      d.add(new TextField("text_no", p.text(), Field.Store.NO));
      d.add(new TextField("text_en", p.text(), Field.Store.NO));
      for (String t : p.tags()) d.add(new StringField("tag", t, Field.Store.NO));
      d.add(new StringField("author", p.author(), Field.Store.NO));
      d.add(new StringField("audience", "public", Field.Store.NO));
      d.add(new NumericDocValuesField("at", p.at()));
      writer.addDocument(d);
    };
    IoAction<Long> commit = position -> {
      writer.setLiveCommitData(Map.of("deling.position", Long.toString(position)).entrySet());
      writer.commit();
    };
    return new IndexOps(add, v -> searchers.maybeRefreshBlocking(), commit, v -> {
      searchers.close();
      writer.close();
      directory.close();
    });
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }

  private SearchIndexingBenchmark() {}
}
