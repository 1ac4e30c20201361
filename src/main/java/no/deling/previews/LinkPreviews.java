package no.deling.previews;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The previews of a post's links, each page fetched once and kept a while. Kept in memory only:
 * what a page says of itself belongs to that page, not to the log, and goes with a restart. The
 * addresses asked about are those of posts the asker may read, so nobody learns from here what a
 * private post links to.
 */
public final class LinkPreviews {
  /** The first links of a post get previews; a post that is a list of links is not a row of cards. */
  public static final int MAX_PER_POST = 3;
  static final int CACHED = 10_000;
  static final long KEPT_MS = 6 * 3_600_000L, NONE_KEPT_MS = 30 * 60_000L;
  /** Pages being fetched at once by the whole server, at most; a link asked about beyond that is tried again on the next asking. */
  static final int MAX_FETCHING = 16;

  private final PreviewFetcher fetcher;
  private final LongSupplier clock;
  private final Kept kept;

  /**
   * The previews kept and being fetched, shared by every event loop's {@link LinkPreviews}: each loop
   * had its own, so a page was fetched once per event loop (sixteen times on a 32-core server).
   */
  public static final class Kept {
    private final AtomicInteger fetching = new AtomicInteger();
    private final Map<String, Preview> byLink = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Preview> eldest) {
        return size() > CACHED;
      }
    };
  }

  private record Preview(Future<LinkPreview> preview, long at) {}

  /** With its own cache (tests). */
  public LinkPreviews(PreviewFetcher fetcher, LongSupplier clock) {
    this(fetcher, clock, new Kept());
  }

  /** {@code fetcher} is this event loop's; {@code kept} is the server's. */
  public LinkPreviews(PreviewFetcher fetcher, LongSupplier clock, Kept kept) {
    this.fetcher = fetcher;
    this.clock = clock;
    this.kept = kept;
  }

  /** Previews of the first {@link #MAX_PER_POST} distinct {@code links}, in their order; links without one are left out. */
  public Future<List<LinkPreview>> of(List<String> links) {
    List<Future<LinkPreview>> each = new ArrayList<>();
    for (String link : new LinkedHashSet<>(links)) {
      if (each.size() == MAX_PER_POST) break;
      each.add(one(link));
    }
    return Future.join(each).map(v -> {
      List<LinkPreview> out = new ArrayList<>();
      for (Future<LinkPreview> f : each) if (f.succeeded() && f.result() != null) out.add(f.result());
      return out;
    });
  }

  private Future<LinkPreview> one(String link) {
    return onThisContext(shared(link));
  }

  private Future<LinkPreview> shared(String link) {
    long now = clock.getAsLong();
    io.vertx.core.Promise<LinkPreview> fetched = io.vertx.core.Promise.promise();
    synchronized (kept) { // every event loop's lock: only the map's bookkeeping under it, the fetch is started after
      Preview k = kept.byLink.get(link);
      if (k != null) {
        boolean fresh = !k.preview().isComplete()
            || now - k.at() < (k.preview().succeeded() && k.preview().result() != null ? KEPT_MS : NONE_KEPT_MS);
        if (fresh) return k.preview();
        kept.byLink.remove(link);
      }
      if (kept.fetching.get() >= MAX_FETCHING) return Future.succeededFuture();
      kept.fetching.incrementAndGet();
      kept.byLink.put(link, new Preview(fetched.future(), now));
    }
    fetcher.fetch(link).andThen(done -> kept.fetching.decrementAndGet()).onComplete(fetched);
    return fetched.future();
  }

  /** A fetch another event loop made answers there: the asker's request carries on on its own loop. */
  private static <T> Future<T> onThisContext(Future<T> f) {
    io.vertx.core.Context here = io.vertx.core.Vertx.currentContext();
    if (here == null || f.isComplete()) return f;
    io.vertx.core.Promise<T> p = io.vertx.core.Promise.promise();
    f.onComplete(ar -> here.runOnContext(v -> p.handle(ar)));
    return p.future();
  }

  public void close() {
    fetcher.close();
  }
}
