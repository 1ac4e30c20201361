package no.deling.posts;

/** The start of a post's text where a list shows what it is about (the pulse, notifications). */
public final class Excerpt {
  private Excerpt() {}

  /**
   * {@code text} itself when it has at most {@code max} characters, else its start, cut at the last
   * space in its second half (else at {@code max}, never inside a surrogate pair), with "…".
   */
  public static String of(String text, int max) {
    if (text == null || text.length() <= max) return text;
    int cut = max;
    if (Character.isLowSurrogate(text.charAt(cut)) && Character.isHighSurrogate(text.charAt(cut - 1))) cut--;
    int space = text.lastIndexOf(' ', cut);
    if (space > max / 2) cut = space;
    return text.substring(0, cut).stripTrailing() + "…";
  }
}
