package no.deling.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index on disk (under the data directory's {@code search/}), with its checkpoint —
 * the log position it has indexed up to — kept in each commit, so the index and its checkpoint are
 * durable together: after a crash it resumes from the last commit, never from a position it has
 * not written.
 *
 * <p>Text is analysed as Norwegian and as English at once ({@link BilingualStems}): an organisation
 * writes in both, often in one post, and neither language's analysis alone finds "bærekraft" from
 * "bærekraftig" and "deploy" from "deploying".
 */
public final class SearchIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
  /** Changes when documents change shape: an index of another version is rebuilt from the log (4: described topics). */
  static final String FORMAT = "4";
  private static final String CHECKPOINT = "deling.position";
  private static final String FORMAT_KEY = "deling.format";

  private final FSDirectory directory;
  /** Replaced by {@link #reopen} after a failed write closed it (a full disk); read once per use. */
  private volatile IndexWriter writer;
  private volatile SearcherManager searchers;
  private final Analyzer analyzer;
  private final long checkpoint;

  private SearchIndex(FSDirectory directory, IndexWriter writer, Analyzer analyzer, long checkpoint) throws IOException {
    this.directory = directory;
    this.writer = writer;
    this.analyzer = analyzer;
    this.checkpoint = checkpoint;
    this.searchers = new SearcherManager(writer, new SearcherFactory());
  }

  /** The analysers by field: text in both languages, names as plain words. */
  static Analyzer analyzer() {
    return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), Map.of(SearchDocuments.TEXT, BilingualStems.analyzer()));
  }

  /**
   * Opens (or creates) the index under {@code dir}. An index written by another format, or one
   * ahead of the log ({@code logHead}: the log was replaced under it), is emptied and rebuilt.
   */
  public static SearchIndex open(Path dir, long logHead) {
    try {
      Files.createDirectories(dir);
      FSDirectory directory = FSDirectory.open(dir);
      Analyzer analyzer = analyzer();
      long checkpoint = 0;
      boolean keep = false;
      try {
        if (DirectoryReader.indexExists(directory)) {
          Map<String, String> data = org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).getUserData();
          checkpoint = Long.parseLong(data.getOrDefault(CHECKPOINT, "0"));
          keep = FORMAT.equals(data.get(FORMAT_KEY)) && checkpoint <= logHead;
        }
        return new SearchIndex(directory, new IndexWriter(directory, config(analyzer, keep)), analyzer, keep ? checkpoint : 0);
      } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | java.io.EOFException
          | java.nio.file.NoSuchFileException | java.io.FileNotFoundException | NumberFormatException damaged) {
        // derived from the log, so it is rebuilt from it rather than keeping the server from starting
        LOG.warn("the search index in {} is damaged ({}); it is rebuilt from the log", dir, damaged.toString());
        for (String file : directory.listAll()) directory.deleteFile(file); // Lucene would read the damaged commit again to clear it
        return new SearchIndex(directory, new IndexWriter(directory, config(analyzer, false)), analyzer, 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static IndexWriterConfig config(Analyzer analyzer, boolean keep) {
    return new IndexWriterConfig(analyzer)
        .setOpenMode(keep ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE)
        .setRAMBufferSizeMB(32)
        // an expunge (erasure, retention) rewrites every segment holding a deleted document: Lucene's
        // default passes over those under 10% deleted, and an erased person's few posts in a large
        // segment would stay in its files
        .setMergePolicy(new TieredMergePolicy().setForceMergeDeletesPctAllowed(0));
  }

  /**
   * Whether a failed write closed the writer: Lucene closes it for good when flushing fails (a full
   * disk), and everything since its last commit is lost with it.
   */
  boolean broken() {
    IndexWriter w = writer;
    return !w.isOpen() || w.getTragicException() != null;
  }

  /**
   * Opens the index again from its last commit, after {@link #broken}: searches see that commit
   * until what was lost is indexed again. Indexer thread only. Blocking IO.
   *
   * @throws IOException when it cannot be opened yet (the disk is still full): tried again later
   */
  void reopen() throws IOException {
    try {
      writer.rollback(); // lets go of the index's lock; what it had not committed is lost already
    } catch (IOException | RuntimeException ignored) {
      // closed by its failure already
    }
    IndexWriter fresh = new IndexWriter(directory, config(analyzer, true));
    SearcherManager freshSearchers;
    try {
      freshSearchers = new SearcherManager(fresh, new SearcherFactory());
    } catch (IOException | RuntimeException e) {
      fresh.rollback();
      throw e;
    }
    SearcherManager old = searchers;
    writer = fresh;
    searchers = freshSearchers;
    closeQuietly(old); // a search holding one of its searchers keeps it until it releases it
  }

  private static void closeQuietly(SearcherManager m) {
    try {
      m.close();
    } catch (IOException | RuntimeException ignored) {
      // its reader came from a writer that failed: nothing to keep
    }
  }

  /** The log position the index held at its last commit when opened. */
  public long checkpoint() {
    return checkpoint;
  }

  /** Replaces (or adds) the document with this key; a null document deletes it. Indexer thread only. */
  void put(String key, Document doc) throws IOException {
    Term term = new Term(SearchDocuments.KEY, key);
    if (doc == null) writer.deleteDocuments(term);
    else writer.updateDocument(term, doc);
  }

  /** Adds a document known not to be in the index (a post first seen after the checkpoint). */
  void add(Document doc) throws IOException {
    writer.addDocument(doc);
  }

  /**
   * Rewrites the segments that still hold deleted documents, and lets go of the searchers' readers
   * of the old ones, so that the next commit deletes their files: an erased person's words leave
   * the index's files, not only its results. Indexer thread only. Blocking IO.
   */
  void expungeDeletes() throws IOException {
    writer.forceMergeDeletes(true);
    searchers.maybeRefreshBlocking();
  }

  /** Makes changes so far visible to searches (not yet durable). */
  void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  /** Makes changes so far durable, with the position they reach. */
  void commit(long position) throws IOException {
    writer.setLiveCommitData(Map.of(CHECKPOINT, Long.toString(position), FORMAT_KEY, FORMAT).entrySet());
    writer.commit();
  }

  Analyzer analyzerForQueries() {
    return analyzer;
  }

  /** Runs a search on a current searcher, released afterwards. */
  <T> T withSearcher(SearchFunction<T> search) {
    IndexSearcher s = null;
    SearcherManager m = searchers; // released to the one it came from, should the index be reopened meanwhile
    try {
      s = m.acquire();
      return search.apply(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (s != null) {
        try {
          m.release(s);
        } catch (IOException ignored) {
          // released or closed already
        }
      }
    }
  }

  interface SearchFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  int documents() {
    return writer.getDocStats().numDocs;
  }

  @Override
  public void close() {
    try {
      searchers.close();
      if (broken()) writer.rollback(); // nothing of it can be saved
      else writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
