package no.deling.previews;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreviewPageTest {
  private static final URI AT = URI.create("https://www.example.org/news/1");

  @Test
  void openGraph_isWhatAPageWritesForExactlyThis_soItWins() {
    LinkPreview p = PreviewPage.of("https://example.org/n", AT, """
        <html><head><title>Example - News - 1</title>
        <meta property="og:title" content="Quarterly results are in">
        <meta property="og:description" content="Revenue up   4 %,
           costs down.">
        <meta name="description" content="Not this one">
        <meta property="og:site_name" content="Example News">
        </head><body>…</body></html>""");
    assertThat(p).isEqualTo(new LinkPreview("https://example.org/n", "Quarterly results are in", "Revenue up 4 %, costs down.", "Example News"));
  }

  @Test
  void withoutOpenGraph_theTitleTheDescriptionAndTheHost() {
    LinkPreview p = PreviewPage.of("u", AT, "<title> Plain &amp; simple </title><meta name=\"description\" content=\"What it is.\">");
    assertThat(p).isEqualTo(new LinkPreview("u", "Plain & simple", "What it is.", "example.org"));
    assertThat(PreviewPage.of("u", AT, "<title>T</title><meta name=twitter:description content=D>").description()).isEqualTo("D");
    assertThat(PreviewPage.of("u", AT, "<title>Only a title</title>").description()).isNull();
  }

  @Test
  void aPageWithoutATitle_hasNoPreview() {
    assertThat(PreviewPage.of("u", AT, "<p>Just text</p><meta name=description content=\"x\">")).isNull();
    assertThat(PreviewPage.of("u", AT, "<title>   </title>")).isNull();
    assertThat(PreviewPage.of("u", AT, "")).isNull();
  }

  @Test
  void whatIsShown_isOneLineOfPrintableText_cutToLength() {
    LinkPreview p = PreviewPage.of("u", AT, "<title>a\u202Eb\u0007c\nd</title><meta name=description content=\"" + "word ".repeat(100) + "\">"
        + "<meta property=og:site_name content=\"" + "S".repeat(100) + "\">");
    assertThat(p.title()).isEqualTo("a b c d");
    assertThat(p.description()).hasSizeLessThanOrEqualTo(PreviewPage.MAX_DESCRIPTION).endsWith("…");
    assertThat(p.site()).hasSize(PreviewPage.MAX_SITE).endsWith("…");
    String emoji = "😀".repeat(250);
    String cut = PreviewPage.of("u", AT, "<title>" + emoji + "</title>").title();
    assertThat(cut.codePointCount(0, cut.length())).as("emoji are not cut in half").isEqualTo(PreviewPage.MAX_TITLE);
  }

  @Test
  void bytes_areReadInTheCharsetTheServerNamed_elseThePagesOwn() throws Exception {
    byte[] latin = "<meta charset=\"iso-8859-1\"><title>Blåbærsyltetøy</title>".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(PreviewPage.of("u", AT, latin, null).title()).isEqualTo("Blåbærsyltetøy");
    assertThat(PreviewPage.of("u", AT, "<title>Blåbær</title>".getBytes(StandardCharsets.ISO_8859_1), "iso-8859-1").title()).isEqualTo("Blåbær");
    assertThat(PreviewPage.of("u", AT, "<title>Blåbær</title>".getBytes(StandardCharsets.UTF_8), null).title()).isEqualTo("Blåbær");
    assertThat(PreviewPage.of("u", AT, "<title>Blåbær</title>".getBytes(StandardCharsets.UTF_8), "no such charset!").title()).isEqualTo("Blåbær");
  }

  @Test
  void onlyHttpAndHttps_onTheWebsPorts_withoutUserNames_unlessTheHostIsListedAsInternal() {
    List<String> internal = List.of("wiki.corp.example", "*.intranet.example");
    assertThat(PreviewFetcher.refusal(URI.create("https://example.org/a"), internal)).isNull();
    assertThat(PreviewFetcher.refusal(URI.create("http://example.org:80/a"), internal)).isNull();
    assertThat(PreviewFetcher.refusal(URI.create("https://example.org:443/a"), internal)).isNull();
    assertThat(PreviewFetcher.refusal(URI.create("https://example.org:8443/a"), internal)).contains("port 8443");
    assertThat(PreviewFetcher.refusal(URI.create("http://example.org:6379/"), internal)).contains("port");
    assertThat(PreviewFetcher.refusal(URI.create("ftp://example.org/"), internal)).isNotNull();
    assertThat(PreviewFetcher.refusal(URI.create("file:///etc/passwd"), internal)).isNotNull();
    assertThat(PreviewFetcher.refusal(URI.create("http://admin:secret@example.org/"), internal)).isNotNull();
    assertThat(PreviewFetcher.refusal(URI.create("http://wiki.corp.example:8080/page"), internal)).isNull();
    assertThat(PreviewFetcher.refusal(URI.create("http://docs.intranet.example:8080/"), internal)).isNull();
    assertThat(PreviewFetcher.refusal(URI.create("http://intranet.example:8080/"), internal)).as("the domain itself is not listed").isNotNull();
  }

  @Test
  void aLinkInLettersBeyondAscii_isFetchedAsABrowserSendsIt() {
    assertThat(PreviewFetcher.parse("https://blåbær.no/wiki/Blåbær?q=ø#x")).hasToString("https://xn--blbr-roah.no/wiki/Bl%C3%A5b%C3%A6r?q=%C3%B8#x");
    assertThat(PreviewFetcher.parse("https://example.org/a/../b")).hasToString("https://example.org/b");
    assertThat(PreviewFetcher.parse("http://[::1]:8080/x").getHost()).isEqualTo("[::1]");
    assertThat(PreviewFetcher.parse("https://exa mple.org/")).isNull();
    assertThat(PreviewFetcher.parse("https://user@example.org/").getRawUserInfo()).as("kept, so refused").isEqualTo("user");
  }
}
