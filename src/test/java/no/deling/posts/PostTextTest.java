package no.deling.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PostTextTest {
  @Test
  void hashtags_areLowercasedDistinct_andIgnoreUrlFragmentsAndEntities() {
    assertThat(PostText.hashtags("#Java and #java, #Æøå_1 https://x.no/#anchor &#39;")).containsExactly("java", "æøå_1");
  }

  @Test
  void mentions_dropTrailingPunctuation_andIgnoreEmails() {
    assertThat(PostText.mentions("ask @bob. or @carol_k, not me@example.com")).containsExactly("bob", "carol_k");
  }

  @Test
  void links_dropTrailingPunctuation() {
    assertThat(PostText.links("see (https://deling.no/a?b=1), http://x.io.")).containsExactly("https://deling.no/a?b=1", "http://x.io");
  }

  @Test
  void normaliseTag_acceptsHashAndCase_rejectsJunk() {
    assertThat(PostText.normaliseTag("#Kotlin")).isEqualTo("kotlin");
    assertThat(PostText.normaliseTag("no spaces")).isNull();
    assertThat(PostText.normaliseTag("")).isNull();
  }

  /**
   * Extraction only tries the patterns where the text has a '#' or '@'; it must find exactly what
   * scanning the whole text with {@code find()} finds (the way it was written first, kept here as
   * the oracle), over random texts built from the characters that decide a match.
   */
  @Test
  void hashtagsAndMentions_equalAFullScan_overRandomTexts() {
    Pattern hashtag = Pattern.compile("(?<![\\p{L}\\p{N}_&/])#([\\p{L}\\p{N}_]{1,64})");
    Pattern mention = Pattern.compile("(?<![\\p{L}\\p{N}_.@/])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})");
    String[] pieces = {"#", "@", "##", "@@", "a", "Z", "7", "_", "&", "/", ".", "-", " ", "\n", "æ", "日本", "😀", "x".repeat(70),
        "https://x.no/#frag", "me@example.com", "#Java", "@bob.", "&#39;", "é"};
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int j = random.nextInt(12); j >= 0; j--) text.append(pieces[random.nextInt(pieces.length)]);
      String t = text.toString();
      assertThat(PostText.hashtags(t)).as(t).isEqualTo(fullScan(hashtag.matcher(t), true));
      List<String> mentions = fullScan(mention.matcher(t), false).stream().map(m -> m.replaceAll("[._-]+$", "")).filter(m -> !m.isEmpty())
          .distinct().toList();
      assertThat(PostText.mentions(t)).as(t).isEqualTo(mentions);
    }
  }

  private static List<String> fullScan(Matcher m, boolean lower) {
    Set<String> out = new LinkedHashSet<>();
    while (m.find()) out.add(lower ? m.group(1).toLowerCase(Locale.ROOT) : m.group(1));
    return List.copyOf(out);
  }
}
