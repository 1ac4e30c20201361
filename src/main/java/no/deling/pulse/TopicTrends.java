package no.deling.pulse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.groups.Groups;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostIndex;

/**
 * The counts trending topics are computed from (see {@link Trending} for the maths): per topic and
 * hour, the distinct authors who used it in posts everyone may read (private groups' posts never
 * count: a topic's rise must not reveal what a private group discusses), the newest hours' posts
 * as candidates to show, and per topic and hour of the week the baseline those hours are measured
 * against. Counted at publication, like {@link ActivityLog}. Hours older than {@link #KEEP_HOURS}
 * are folded into the baselines as events move time on, so memory holds two days, not history.
 */
public final class TopicTrends {
  static final long HOUR = ActivityLog.HOUR;
  /** Peak-hold with a 4-hour half-life makes an older hour's score negligible (2⁻¹²). */
  public static final int KEEP_HOURS = 48;
  static final int HOURS_PER_WEEK = 168;
  private static final int CANDIDATES_PER_HOUR = 16;

  private static final class TopicHour {
    final Set<String> authors = new it.unimi.dsi.fastutil.objects.ObjectOpenHashSet<>(4); // no node per author, as in ActivityLog
    final long[] posts = new long[CANDIDATES_PER_HOUR];
    int postCount;
  }

  /** The baseline for one topic at one hour of the week: {@code value} is what week {@code week} expects. */
  private static final class Baseline {
    double value;
    long week;
  }

  /** One topic's standing now. */
  public record Trend(String topic, double score, long peakHourMillis, int authorsInPeakHour, double expected, long[] candidatePosts) {}

  private final TreeMap<Long, Map<String, TopicHour>> hours = new TreeMap<>();
  private final Map<String, Baseline> baselines = new HashMap<>();
  private final PostIndex posts;
  private final Groups groups;
  private final Interner interner;

  public TopicTrends(PostIndex posts, Groups groups, Interner interner) {
    this.posts = posts;
    this.groups = groups;
    this.interner = interner;
  }

  public void on(DomainEvent event) {
    if (!(event instanceof PostPublished p) || p.hashtags().isEmpty()) return;
    if (no.deling.integrations.Integrations.isApp(p.author())) return; // a build server's #release is not a topic people trend
    long id = PostIds.parse(p.postId());
    if (posts.get(id) != null) return; // seen before a restart
    long hour = Math.floorDiv(p.publishedAt().toEpochMilli(), HOUR);
    fold(hour - KEEP_HOURS);
    if (p.group() != null && groups.isPrivate(p.group())) return;
    Map<String, TopicHour> topics = hours.computeIfAbsent(hour, h -> new HashMap<>());
    String author = interner.intern(p.author());
    for (String tag : p.hashtags()) {
      TopicHour th = topics.computeIfAbsent(interner.intern(tag), t -> new TopicHour());
      th.authors.add(author);
      if (th.postCount < CANDIDATES_PER_HOUR) th.posts[th.postCount++] = id;
    }
  }

  /** Folds every kept hour before {@code beforeHour} into its topics' baselines. */
  private void fold(long beforeHour) {
    while (!hours.isEmpty() && hours.firstKey() < beforeHour) {
      Map.Entry<Long, Map<String, TopicHour>> oldest = hours.pollFirstEntry();
      long hour = oldest.getKey();
      for (Map.Entry<String, TopicHour> t : oldest.getValue().entrySet()) {
        String key = key(t.getKey(), hour);
        Baseline b = baselines.get(key);
        double expected = b == null ? Trending.PRIOR : decayed(b, week(hour));
        if (b == null) baselines.put(key, b = new Baseline());
        b.value = Trending.nextBaseline(expected, t.getValue().authors.size());
        b.week = week(hour) + 1;
      }
    }
  }

  /** The baseline for {@code topic} in {@code hour}: from earlier weeks' same hour, or the prior. */
  double expected(String topic, long hour) {
    Baseline b = baselines.get(key(topic, hour));
    return b == null ? Trending.PRIOR : decayed(b, week(hour));
  }

  /** A week in which the topic was silent in that hour observed 0: the baseline shrinks by (1 − α) per week missed. */
  private static double decayed(Baseline b, long week) {
    return b.value * Math.pow(1 - Trending.ALPHA, Math.max(0, week - b.week));
  }

  private static long week(long hour) {
    return Math.floorDiv(hour, HOURS_PER_WEEK);
  }

  private static String key(String topic, long hour) {
    return topic + '\n' + Math.floorMod(hour, HOURS_PER_WEEK);
  }

  /**
   * Topics trending at {@code nowMillis}, highest first: each topic's best hour of the kept ones up
   * to now, scored against its baseline and held with a {@value Trending#HALF_LIFE_HOURS}-hour
   * half-life. An hour counts only with at least k distinct authors. Under the read lock.
   */
  public List<Trend> at(long nowMillis, int k, int limit) {
    long nowHour = Math.floorDiv(nowMillis, HOUR);
    Map<String, Trend> best = new HashMap<>();
    for (Map.Entry<Long, Map<String, TopicHour>> h : hours.headMap(nowHour, true).tailMap(nowHour - KEEP_HOURS, true).entrySet()) {
      long hour = h.getKey();
      double ageHours = Math.max(0, nowMillis - (hour + 1) * HOUR) / (double) HOUR;
      for (Map.Entry<String, TopicHour> t : h.getValue().entrySet()) {
        int observed = t.getValue().authors.size();
        if (!Suppression.mayShow(observed, k)) continue;
        double expected = expected(t.getKey(), hour);
        double score = Trending.held(Trending.score(observed, expected, Suppression.k(k)), ageHours, 0);
        Trend current = best.get(t.getKey());
        if (score > 0 && (current == null || score > current.score())) {
          best.put(t.getKey(), new Trend(t.getKey(), score, hour * HOUR, observed, expected,
              java.util.Arrays.copyOf(t.getValue().posts, t.getValue().postCount)));
        }
      }
    }
    List<Trend> out = new ArrayList<>(best.values());
    out.sort((a, b) -> Double.compare(b.score(), a.score()));
    return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
  }
}
