package no.deling.core.http;

import java.util.Locale;

/** Host names as settings list them: a name, or {@code *.example.org} for any of its subdomains (not the domain itself). */
public final class HostPatterns {
  private HostPatterns() {}

  public static boolean matches(String pattern, String host) {
    String p = pattern.toLowerCase(Locale.ROOT), h = host.toLowerCase(Locale.ROOT);
    return p.startsWith("*.") ? h.endsWith(p.substring(1)) && h.length() > p.length() - 1 : h.equals(p);
  }
}
