package no.deling.links;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One library entry per address: links are compared after normalising what does not change the
 * page — scheme and host case, the default port, a fragment, a trailing slash, the order of query
 * parameters, and tracking parameters (utm_*, fbclid, gclid, mc_eid).
 */
public final class LinkUrl {
  private LinkUrl() {}

  /** @return the normalised address, or null when it is no http(s) URL */
  public static String normalise(String raw) {
    if (raw == null || raw.length() > 2_000) return null;
    if (alreadyNormal(raw)) return raw;
    URI uri;
    try {
      uri = new URI(raw.strip());
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) return null;
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
    StringBuilder out = new StringBuilder(scheme).append("://").append(host);
    if (!defaultPort) out.append(':').append(port);
    out.append(path);
    String query = query(uri.getRawQuery());
    if (!query.isEmpty()) out.append('?').append(query);
    return out.toString();
  }

  /**
   * The common case, without parsing: http(s), a lower-case host without a port, a path with no
   * trailing slash (or just "/"), no query and no fragment. Every post's links pass here.
   */
  static boolean alreadyNormal(String raw) {
    int start = raw.startsWith("https://") ? 8 : raw.startsWith("http://") ? 7 : -1;
    if (start < 0) return false;
    int slash = raw.indexOf('/', start);
    if (slash <= start) return false;
    for (int i = start; i < slash; i++) {
      char c = raw.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
    }
    for (int i = slash; i < raw.length(); i++) {
      char c = raw.charAt(i);
      // only characters a URI path allows unescaped, and no query, fragment or escape to re-check
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-' || c == '_' || c == '.'
          || c == '~')) {
        return false;
      }
    }
    return raw.length() == slash + 1 || raw.charAt(raw.length() - 1) != '/';
  }

  private static String query(String raw) {
    if (raw == null || raw.isEmpty()) return "";
    List<String> kept = new ArrayList<>();
    for (String p : raw.split("&")) {
      if (p.isEmpty()) continue;
      String name = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("utm_") || lower.equals("fbclid") || lower.equals("gclid") || lower.equals("mc_eid")) continue;
      kept.add(p);
    }
    kept.sort(null);
    return String.join("&", kept);
  }

  /** A short stable id for a normalised address: the first 16 hex digits of its SHA-256. */
  public static String id(String normalised) {
    MessageDigest sha = SHA256.get();
    sha.reset();
    byte[] hash = sha.digest(normalised.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(hash, 0, 8);
  }

  /** One digest per thread: looking the algorithm up was most of the cost, and every post with a link asks. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });
}
