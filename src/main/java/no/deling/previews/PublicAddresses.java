package no.deling.previews;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Whether an address is on the public internet. A link in a post is fetched by the server, inside
 * the organisation's network: without this, a post linking to {@code http://10.0.0.5/admin} or the
 * cloud's metadata address ({@code 169.254.169.254}) would have the server read it and show its
 * title to everyone. Pure.
 */
public final class PublicAddresses {
  private PublicAddresses() {}

  public static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) return isPublicV4(b);
    if (a instanceof Inet6Address) {
      // IPv4 inside IPv6 (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:ab.cd::) as the IPv4 it carries
      if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) return isPublicV4(slice(b, 12));
      if (allZero(b, 0, 12)) return isPublicV4(slice(b, 12));
      if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) return isPublicV4(slice(b, 12));
      if (b[0] == 0x20 && b[1] == 0x02) return isPublicV4(slice(b, 2));
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) return false; // fc00::/7, unique local
      if (first == 0xfe && (b[1] & 0xc0) == 0xc0) return false; // fec0::/10, the old site-local
      if (first == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) return false; // 2001:db8::/32, documentation
      if (first == 0x01 && allZero(b, 1, 8)) return false; // 100::/64, discard
      return true;
    }
    return false;
  }

  private static boolean isPublicV4(byte[] b) {
    int x = b[0] & 0xff, y = b[1] & 0xff, z = b[2] & 0xff;
    if (x == 0 || x == 10 || x == 127 || x >= 224) return false; // this network, private, loopback, multicast and reserved
    if (x == 100 && (y & 0xc0) == 64) return false; // 100.64/10, carrier-grade NAT
    if (x == 169 && y == 254) return false; // link-local, the cloud's metadata service
    if (x == 172 && (y & 0xf0) == 16) return false;
    if (x == 192 && y == 168) return false;
    if (x == 192 && y == 0 && (z == 0 || z == 2)) return false; // protocol assignments, documentation
    if (x == 198 && (y & 0xfe) == 18) return false; // benchmarking
    if (x == 198 && y == 51 && z == 100) return false;
    if (x == 203 && y == 0 && z == 113) return false;
    return true;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] != 0) return false;
    return true;
  }

  private static byte[] slice(byte[] b, int from) {
    return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
  }
}
