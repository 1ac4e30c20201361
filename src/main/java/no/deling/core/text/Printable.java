package no.deling.core.text;

/** The rule for short human text from outside (names, titles, departments): nothing that hides, moves or rings. */
public final class Printable {
  private Printable() {}

  /** No control characters (NUL, BEL, ESC, newlines …) and no bidirectional overrides or isolates (U+202A–E, U+2066–9). */
  public static boolean isPrintable(String s) {
    for (int i = 0; i < s.length(); i++) if (hides(s.charAt(i))) return false;
    return true;
  }

  /** {@code s} with what {@link #isPrintable} refuses made a space: for text we show from elsewhere rather than refuse. */
  public static String strip(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) out.append(hides(s.charAt(i)) ? ' ' : s.charAt(i));
    return out.toString();
  }

  private static boolean hides(char c) {
    return Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }
}
