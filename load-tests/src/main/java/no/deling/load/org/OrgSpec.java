package no.deling.load.org;

import java.time.Instant;

/**
 * What kind of organisation to invent. Everything derives from {@link #seed}: the same spec
 * always yields the same people, graph and activity.
 *
 * @param people employees
 * @param departments departments (sizes vary: a few big ones, many small)
 * @param locations offices
 * @param topics distinct hashtags, used with Zipf-like popularity
 * @param days simulated working days of activity
 * @param postsPerPersonPerDay average top-level posts and replies per person per day
 * @param endorsementsPerPost average endorsements a post receives
 * @param start midnight (UTC) of the first simulated day
 */
public record OrgSpec(
    long seed,
    int people,
    int departments,
    int locations,
    int topics,
    int days,
    double postsPerPersonPerDay,
    double endorsementsPerPost,
    Instant start) {

  public OrgSpec {
    if (people < 2) throw new IllegalArgumentException("people must be at least 2");
    if (departments < 1 || departments > people) throw new IllegalArgumentException("departments must be 1..people");
    if (locations < 1 || topics < 1 || days < 1) throw new IllegalArgumentException("locations, topics and days must be positive");
  }

  /** A mid-sized company: 2,000 people, 12 departments, 5 offices, one day. */
  public static OrgSpec standard(long seed) {
    return new OrgSpec(seed, 2_000, 12, 5, 150, 1, 3.0, 2.0, Instant.parse("2026-11-02T00:00:00Z"));
  }

  public OrgSpec withPeople(int n) {
    return new OrgSpec(seed, n, Math.min(departments, n), locations, topics, days, postsPerPersonPerDay, endorsementsPerPost, start);
  }

  public OrgSpec withDays(int d) {
    return new OrgSpec(seed, people, departments, locations, topics, d, postsPerPersonPerDay, endorsementsPerPost, start);
  }

  /** The same days, ending at {@code end} (a log of the past: what a server appends later comes after it, as in a real log). */
  public OrgSpec endingAt(Instant end) {
    return new OrgSpec(seed, people, departments, locations, topics, days, postsPerPersonPerDay, endorsementsPerPost,
        end.minus(java.time.Duration.ofDays(days)));
  }

  public OrgSpec withPostsPerPersonPerDay(double rate) {
    return new OrgSpec(seed, people, departments, locations, topics, days, rate, endorsementsPerPost, start);
  }
}
