package no.deling.links;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkUrlTest {
  @ParameterizedTest
  @CsvSource({
      "HTTPS://Wiki.Example.org/Page/, https://wiki.example.org/Page",
      "https://wiki.example.org:443/Page#section, https://wiki.example.org/Page",
      "http://example.org:80, http://example.org/",
      "http://example.org:8080/x, http://example.org:8080/x",
      "https://example.org/a?b=2&a=1&utm_source=mail&fbclid=xyz, https://example.org/a?a=1&b=2",
      "https://example.org/a?utm_campaign=x, https://example.org/a"})
  void normalises_whatDoesNotChangeThePage(String raw, String expected) {
    assertThat(LinkUrl.normalise(raw)).isEqualTo(expected);
    assertThat(LinkUrl.normalise(expected)).as("a normalised address stays as it is").isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"https://wiki.example/kt, true", "http://example.org/, true", "https://example.org/a/b-c_d.e~f, true",
      "https://Example.org/a, false", "https://example.org/a/, false", "https://example.org:8080/a, false", "https://example.org/a?b=1, false",
      "https://example.org/a#x, false", "https://example.org, false", "https://example.org/%41, false"})
  void theFastPath_takesOnlyWhatIsAlreadyNormal(String raw, boolean fast) {
    assertThat(LinkUrl.alreadyNormal(raw)).isEqualTo(fast);
    if (fast) assertThat(LinkUrl.normalise(raw)).isEqualTo(raw);
  }

  @ParameterizedTest
  @CsvSource({"ftp://example.org/x", "mailto:a@example.org", "not a url", "https://"})
  void refuses_whatIsNoWebAddress(String raw) {
    assertThat(LinkUrl.normalise(raw)).isNull();
  }
}
