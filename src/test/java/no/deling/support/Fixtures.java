package no.deling.support;

import java.time.Instant;

/** Named people, places and times shared by the tests. */
public final class Fixtures {
  private Fixtures() {}

  public static final String ALICE = "alice";
  public static final String BOB = "bob";
  public static final String CAROL = "carol";
  public static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  public static final Instant T1 = Instant.parse("2026-11-25T09:05:00Z");
  /** A private group and an open one. */
  public static final String SALES = "0384036914845459000";
  public static final String KOTLIN = "0384036914845459001";
  public static final String POST_1 = "0384036914845450240";
  public static final String POST_2 = "0384036914845450241";
  public static final String POST_3 = "0384036914845450242";
}
