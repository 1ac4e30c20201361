package no.deling.previews;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class PublicAddressesTest {
  private static boolean isPublic(String literal) throws Exception {
    return PublicAddresses.isPublic(InetAddress.getByName(literal));
  }

  @Test
  void theInternet_isPublic() throws Exception {
    for (String a : new String[] {"93.184.215.14", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4010:c0e::71", "100.63.255.255",
        "100.128.0.1", "172.15.0.1", "172.32.0.1", "192.169.0.1", "223.255.255.255"}) {
      assertThat(isPublic(a)).as(a).isTrue();
    }
  }

  @Test
  void theNetworkInside_theMachineItself_andTheCloudsMetadata_areNot() throws Exception {
    for (String a : new String[] {"127.0.0.1", "127.8.9.1", "0.0.0.0", "10.0.0.5", "172.16.0.1", "172.31.255.254", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "100.127.255.254", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.0.8",
        "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1",
        "2001:db8::1", "ff02::1", "100::1"}) {
      assertThat(isPublic(a)).as(a).isFalse();
    }
  }

  @Test
  void anInsideAddress_wrappedInIpv6_isStillInside() throws Exception {
    for (String a : new String[] {"::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::10.0.0.1",
        "2002:a00:1::", "2002:7f00:1::"}) {
      assertThat(isPublic(a)).as(a).isFalse();
    }
    assertThat(isPublic("::ffff:8.8.8.8")).isTrue();
    assertThat(isPublic("2002:808:808::")).isTrue();
  }
}
