package no.deling.previews;

import java.net.URI;
import no.deling.core.text.Printable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a page's own account of itself from its HTML (parsed by jsoup as browsers parse it): the
 * Open Graph title, description and site name that sites write for exactly this, else the
 * {@code <title>}, the description meta tag and the host. Pure.
 */
public final class PreviewPage {
  private PreviewPage() {}

  static final int MAX_TITLE = 200, MAX_DESCRIPTION = 300, MAX_SITE = 80;

  /** The preview of {@code html}, fetched for {@code url}; null when the page names no title. */
  public static LinkPreview of(String url, URI fetched, String html) {
    return of(Jsoup.parse(html, fetched.toString()), url, fetched);
  }

  /**
   * The same from a page's bytes: in {@code charset} if its server named one, else as the page
   * itself says (a byte-order mark or a {@code <meta charset>}), else UTF-8.
   */
  public static LinkPreview of(String url, URI fetched, byte[] html, String charset) throws java.io.IOException {
    String known = null;
    try {
      if (charset != null && java.nio.charset.Charset.isSupported(charset)) known = charset;
    } catch (java.nio.charset.IllegalCharsetNameException e) {
      // a name no charset has: the page's own word, or UTF-8
    }
    return of(Jsoup.parse(new java.io.ByteArrayInputStream(html), known, fetched.toString()), url, fetched);
  }

  private static LinkPreview of(Document d, String url, URI fetched) {
    String title = first(meta(d, "og:title"), meta(d, "twitter:title"), d.title());
    if (title == null) return null;
    String description = first(meta(d, "og:description"), meta(d, "twitter:description"), meta(d, "description"));
    String site = first(meta(d, "og:site_name"), host(fetched));
    return new LinkPreview(url, cut(title, MAX_TITLE), description == null ? null : cut(description, MAX_DESCRIPTION),
        site == null ? "" : cut(site, MAX_SITE));
  }

  /** A meta tag's content, by {@code property} (Open Graph) or {@code name}. */
  private static String meta(Document d, String key) {
    for (Element e : d.select("meta[property=" + key + "], meta[name=" + key + "]")) {
      String content = tidy(e.attr("content"));
      if (content != null) return content;
    }
    return null;
  }

  private static String first(String... candidates) {
    for (String c : candidates) {
      String t = tidy(c);
      if (t != null) return t;
    }
    return null;
  }

  /** One line of printable text: control and bidirectional characters out, white space runs as one space. */
  private static String tidy(String s) {
    if (s == null) return null;
    String t = Printable.strip(s).replaceAll("\\s+", " ").trim();
    return t.isEmpty() ? null : t;
  }

  private static String cut(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) return s;
    return s.substring(0, s.offsetByCodePoints(0, max - 1)).trim() + "…";
  }

  private static String host(URI u) {
    String h = u.getHost();
    return h == null ? null : h.startsWith("www.") ? h.substring(4) : h;
  }
}
