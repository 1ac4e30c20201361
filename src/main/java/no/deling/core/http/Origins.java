package no.deling.core.http;

/** The origin of an address (RFC 6454): {@code scheme://host[:port]}, as browsers and push services compare them. */
public final class Origins {
  private Origins() {}

  /** {@code scheme://host[:port]} of {@code url}, or null when it has no scheme or host, or is not an address. */
  public static String of(String url) {
    if (url == null) return null;
    try {
      java.net.URI u = java.net.URI.create(url);
      return u.getScheme() == null || u.getHost() == null ? null : u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
