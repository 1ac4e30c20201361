package no.deling.posts;

import static org.assertj.core.api.Assertions.assertThat;

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
}
