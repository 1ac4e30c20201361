package no.deling.posts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.deling.core.command.Rejection;

/** The rules for post text, and what we extract from it. Pure. */
public final class PostText {
  /** Longest post, in Unicode code points (what a user counts as characters). */
  public static final int MAX_LENGTH = 2_000;

  private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&/])#([\\p{L}\\p{N}_]{1,64})");
  private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.@/])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})");
  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_]{1,64}");
  private static final Pattern MENTION_TRAILER = Pattern.compile("[._-]+$");
  private static final Pattern LINK_TRAILER = Pattern.compile("[.,;:!?)\\]]+$");

  private PostText() {}

  /** @throws Rejection.Invalid when the text is blank, too long or holds control characters */
  public static String validate(String text) {
    if (text == null || text.isBlank()) throw new Rejection.Invalid("text", "not-blank", "text must not be empty or blank");
    int length = text.codePointCount(0, text.length());
    if (length > MAX_LENGTH) {
      throw new Rejection.Invalid("text", "max-length", "text is " + length + " characters; the limit is " + MAX_LENGTH);
    }
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (Character.isISOControl(ch) && ch != '\n' && ch != '\t' && ch != '\r') {
        throw new Rejection.Invalid("text", "no-control-characters", "text contains control character U+" + String.format("%04X", (int) ch));
      }
      if (Character.isSurrogate(ch)) {
        boolean paired = Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (!paired) throw new Rejection.Invalid("text", "valid-unicode", "text contains an unpaired surrogate");
        i++;
      }
    }
    return text;
  }

  /** Lower-cased, distinct, in order of first appearance. */
  public static List<String> hashtags(String text) {
    return distinct(text, '#', HASHTAG, true);
  }

  public static List<String> mentions(String text) {
    List<String> raw = distinct(text, '@', MENTION, false);
    List<String> out = new ArrayList<>(raw.size());
    for (String m : raw) {
      String trimmed = MENTION_TRAILER.matcher(m).replaceAll(""); // "@bob." at the end of a sentence means bob
      if (!trimmed.isEmpty() && !out.contains(trimmed)) out.add(trimmed);
    }
    return out;
  }

  public static List<String> links(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = LINK.matcher(text);
    while (m.find()) out.add(LINK_TRAILER.matcher(m.group()).replaceAll(""));
    return List.copyOf(out);
  }

  /** A topic name as users type it (with or without '#'), normalised; null when not a valid tag. */
  /**
   * A topic given by a client in {@code field} (a query parameter, a body field), normalised;
   * null when none was given.
   *
   * @throws no.deling.core.command.Rejection.Invalid when it is no topic
   */
  public static String topicParameter(String field, String raw) {
    if (raw == null) return null;
    String topic = normaliseTag(raw);
    if (topic == null) throw new no.deling.core.command.Rejection.Invalid(field, "hashtag", "a topic is letters, digits and '_', at most 64");
    return topic;
  }

  public static String normaliseTag(String raw) {
    if (raw == null) return null;
    String t = raw.startsWith("#") ? raw.substring(1) : raw;
    return TAG.matcher(t).matches() ? t.toLowerCase(Locale.ROOT) : null;
  }

  /**
   * The matches of {@code pattern}, which starts with a look-behind and then {@code sigil}, tried
   * only where the text has that sigil: scanning with {@code find()} evaluated the look-behind at
   * every character, about a tenth of a post's time on the event loop. Transparent bounds let the
   * look-behind see the text before each try, so the matches are exactly {@code find()}'s.
   */
  private static List<String> distinct(String text, char sigil, Pattern pattern, boolean lower) {
    int at = text.indexOf(sigil);
    if (at < 0) return List.of();
    Set<String> out = new LinkedHashSet<>();
    Matcher m = pattern.matcher(text).useTransparentBounds(true);
    while (at >= 0) {
      m.region(at, text.length());
      int next = at + 1;
      if (m.lookingAt()) {
        out.add(lower ? m.group(1).toLowerCase(Locale.ROOT) : m.group(1));
        next = m.end();
      }
      at = text.indexOf(sigil, next);
    }
    return List.copyOf(out);
  }
}
