package dev.lamgraph.nodes.tool.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The address ranges an http tool reaches only with allow_private: true (literals only: no DNS here). */
class AddressPolicyTest {
  static String why(String ip) throws Exception {
    return AddressPolicy.restricted(InetAddress.getByName(ip)).orElse("public");
  }

  @Test
  void restrictedRangesAreNamed() throws Exception {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("127.0.0.1", "a loopback address"), Map.entry("127.255.0.9", "a loopback address"),
        Map.entry("::1", "a loopback address"), Map.entry("0.0.0.0", "an unspecified address"), Map.entry("::", "an unspecified address"),
        Map.entry("10.0.0.1", "a private address"), Map.entry("172.16.0.1", "a private address"),
        Map.entry("172.31.255.255", "a private address"), Map.entry("192.168.1.1", "a private address"),
        Map.entry("169.254.1.1", "a link-local address"), Map.entry("fe80::1", "a link-local address"),
        Map.entry("169.254.169.254", "a cloud metadata address"), Map.entry("fd00:ec2::254", "a cloud metadata address"),
        Map.entry("100.100.100.200", "a cloud metadata address"), Map.entry("100.64.0.1", "a carrier-grade NAT address"),
        Map.entry("100.127.255.254", "a carrier-grade NAT address"), Map.entry("fc00::1", "a private (unique local) address"),
        Map.entry("fd12:3456::1", "a private (unique local) address"), Map.entry("224.0.0.1", "a multicast address"),
        Map.entry("ff02::1", "a multicast address"), Map.entry("255.255.255.255", "a reserved address"),
        Map.entry("::ffff:127.0.0.1", "a loopback address"), Map.entry("::ffff:169.254.169.254", "a cloud metadata address"),
        Map.entry("64:ff9b::a00:1", "a private address"), Map.entry("2002:c0a8:101::1", "a private address"),
        Map.entry("::127.0.0.1", "a loopback address"));
    cases.forEach((ip, kind) -> {
      try {
        assertThat(why(ip)).as(ip).isEqualTo(kind);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void publicAddressesPass() throws Exception {
    for (String ip : new String[] {"93.184.215.14", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "100.63.255.255",
        "169.255.0.1", "2606:4700::1111", "2001:db8::1", "192.0.2.1"}) {
      assertThat(why(ip)).as(ip).isEqualTo("public");
    }
  }
}
