package no.deling.load.suite;

/**
 * {@code load-tests/RESULTS.md}: the suite's latest run on top, then the sections written by hand
 * about earlier investigations (restarts, soak, profiles), which a new run must keep. The suite's
 * part ends with {@link #END}; a file written before that line existed ends it before its first
 * {@code ## } heading other than the suite's own "Replays".
 */
final class ResultsFile {
  static final String END = "<!-- the suite's run ends here: what follows is written by hand and kept by every run -->";

  private ResultsFile() {}

  /** The file with {@code suite}'s run in place of the one in {@code existing} (null or empty: none yet). */
  static String merge(String suite, String existing) {
    String run = suite.endsWith("\n") ? suite : suite + "\n";
    String kept = existing == null ? "" : keptPart(existing);
    return run + "\n" + END + "\n" + (kept.isEmpty() ? "" : "\n" + kept);
  }

  private static String keptPart(String existing) {
    int marker = existing.indexOf(END);
    if (marker >= 0) return existing.substring(marker + END.length()).stripLeading();
    // "## Replays" is the suite's last heading: the hand-written part starts at the next one
    int replays = existing.indexOf("\n## Replays");
    int heading = existing.indexOf("\n## ", replays + 1);
    return heading < 0 ? "" : existing.substring(heading + 1);
  }
}
