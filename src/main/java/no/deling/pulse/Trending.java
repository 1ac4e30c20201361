package no.deling.pulse;

/**
 * Trending topics, the shape Mastodon's trends have: per topic and hour, the distinct authors O
 * against an exponentially weighted baseline E for that hour of the week; the hour's score is
 * {@code (O−E)²/E} when {@code O ≥ max(E, MIN_AUTHORS)}, else 0; what is shown is the highest
 * score so far decayed with a {@value #HALF_LIFE_HOURS}-hour half-life (peak-hold), so a topic
 * that spiked fades rather than vanishing when its hour ends. Pure functions.
 */
public final class Trending {
  public static final int MIN_AUTHORS = 5;
  public static final double HALF_LIFE_HOURS = 4;
  /** Weight of the newest week in the baseline. */
  public static final double ALPHA = 0.3;
  /** The baseline before a topic has history: one author an hour. */
  public static final double PRIOR = 1;

  private Trending() {}

  /** The hour's score: how surprising O distinct authors are against baseline E. */
  public static double score(int observed, double expected) {
    return score(observed, expected, MIN_AUTHORS);
  }

  /** The same, with an organisation's k (never below {@link #MIN_AUTHORS}) as the least number of authors. */
  public static double score(int observed, double expected, int minAuthors) {
    double e = Math.max(expected, 1e-9);
    if (observed < Math.max(expected, Math.max(MIN_AUTHORS, minAuthors))) return 0;
    return (observed - e) * (observed - e) / e;
  }

  /** The baseline after an hour with {@code observed} authors (the same hour of next week expects this). */
  public static double nextBaseline(double baseline, int observed) {
    return ALPHA * observed + (1 - ALPHA) * baseline;
  }

  /** Peak-hold: the held score {@code hours} later, against a fresh score. */
  public static double held(double peak, double hours, double fresh) {
    return Math.max(fresh, peak * Math.pow(0.5, hours / HALF_LIFE_HOURS));
  }
}
