package no.deling.push;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which push services a device's endpoint may be at ({@code DELING_PUSH_SERVICES}). The server
 * posts to whatever endpoint a browser hands it, so without this list anyone could make it post
 * to an address inside the network. By default the services browsers use: Google's (Chrome,
 * Android, Edge on Android), Mozilla's (Firefox), Apple's (Safari, iPhone home-screen apps) and
 * Microsoft's (Edge on Windows).
 *
 * @param origins {@code scheme://host[:port]}, a host may start with {@code *.} for any of its subdomains
 */
public record PushServices(List<String> origins) {
  public static final String DEFAULT = "https://fcm.googleapis.com,https://updates.push.services.mozilla.com,https://web.push.apple.com,"
      + "https://*.push.apple.com,https://*.notify.windows.com";

  /** From a comma-separated list; an entry that is not an origin is a configuration error. */
  public static PushServices parse(String list) {
    List<String> origins = new java.util.ArrayList<>();
    for (String part : list.split(",")) {
      String o = part.trim().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
      if (o.isEmpty()) continue;
      if (!o.matches("https?://(\\*\\.)?[a-z0-9.-]+(:[0-9]{1,5})?")) {
        throw new IllegalArgumentException("DELING_PUSH_SERVICES must list origins such as https://fcm.googleapis.com or https://*.push.apple.com, had '"
            + part.trim() + "'");
      }
      origins.add(o);
    }
    return new PushServices(List.copyOf(origins));
  }

  /** Is {@code endpoint} an address at one of the services (no user info, no fragment)? */
  public boolean allows(String endpoint) {
    if (endpoint == null || endpoint.length() > 2048) return false;
    URI u;
    try {
      u = new URI(endpoint);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
    if (u.getScheme() == null || u.getHost() == null || u.getRawUserInfo() != null || u.getRawFragment() != null || !u.isAbsolute()) return false;
    String scheme = u.getScheme().toLowerCase(Locale.ROOT), host = u.getHost().toLowerCase(Locale.ROOT);
    String port = u.getPort() < 0 ? "" : ":" + u.getPort();
    for (String o : origins) {
      int hostAt = o.indexOf("://") + 3;
      if (!o.startsWith(scheme + "://")) continue;
      String allowed = o.substring(hostAt);
      String allowedPort = allowed.contains(":") ? allowed.substring(allowed.indexOf(':')) : "";
      String allowedHost = allowedPort.isEmpty() ? allowed : allowed.substring(0, allowed.indexOf(':'));
      if (!allowedPort.equals(port)) continue;
      if (no.deling.core.http.HostPatterns.matches(allowedHost, host)) return true;
    }
    return false;
  }
}
