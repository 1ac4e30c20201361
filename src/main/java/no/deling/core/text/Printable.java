package no.deling.core.text;

/** The rule for short human text from outside (names, titles, departments): nothing that hides, moves or rings. */
public final class Printable {
  private Printable() {}

  /** No control characters (NUL, BEL, ESC, newlines …) and no bidirectional overrides or isolates (U+202A–E, U+2066–9). */
  public static boolean isPrintable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) return false;
    }
    return true;
  }
}
