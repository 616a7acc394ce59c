package dev.lamgraph.nodes.tool.connector;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which IP addresses an {@code http} tool (and a {@code lam serve} webhook) reaches only with {@code allow_private: true}: loopback,
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10), cloud
 * metadata (169.254.169.254, fd00:ec2::254, 100.100.100.200), carrier-grade NAT (100.64/10),
 * unspecified (0/8, ::), multicast, broadcast and reserved ranges. IPv6 forms that embed an IPv4
 * address (mapped, compatible, NAT64, 6to4) are judged by that address.
 *
 * <pre>{@code
 * AddressPolicy.restricted(InetAddress.getByName("169.254.169.254")); // Optional[a cloud metadata address]
 * }</pre>
 */
public final class AddressPolicy {
  /** fd00:ec2::254, the IPv6 instance metadata endpoint of AWS. */
  private static final byte[] EC2_V6_METADATA = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};

  private AddressPolicy() {}

  /** Why the address needs {@code allow_private: true} ("a loopback address"...), or empty for a public one. */
  public static Optional<String> restricted(InetAddress a) {
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) return v4(b);
    if (a instanceof Inet6Address) return v6(b);
    return Optional.of("an unknown kind of address");
  }

  private static Optional<String> v4(byte[] b) {
    int x = b[0] & 0xff;
    int y = b[1] & 0xff;
    if (x == 169 && y == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254) return Optional.of("a cloud metadata address");
    if (x == 100 && y == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200) return Optional.of("a cloud metadata address");
    if (x == 0) return Optional.of("an unspecified address");
    if (x == 127) return Optional.of("a loopback address");
    if (x == 10 || (x == 172 && (y & 0xf0) == 16) || (x == 192 && y == 168)) return Optional.of("a private address");
    if (x == 169 && y == 254) return Optional.of("a link-local address");
    if (x == 100 && (y & 0xc0) == 64) return Optional.of("a carrier-grade NAT address");
    if (x == 192 && y == 0 && (b[2] & 0xff) == 0) return Optional.of("a reserved address");
    if (x == 198 && (y & 0xfe) == 18) return Optional.of("a reserved address"); // benchmarking 198.18/15
    if (x >= 224 && x < 240) return Optional.of("a multicast address");
    if (x >= 240) return Optional.of("a reserved address"); // 240/4 and 255.255.255.255
    return Optional.empty();
  }

  private static Optional<String> v6(byte[] b) {
    if (allZero(b, 0, 16)) return Optional.of("an unspecified address");
    if (allZero(b, 0, 15) && b[15] == 1) return Optional.of("a loopback address");
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    if (Arrays.equals(b, EC2_V6_METADATA)) return Optional.of("a cloud metadata address");
    if ((b0 & 0xfe) == 0xfc) return Optional.of("a private (unique local) address");
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) return Optional.of("a link-local address");
    if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) return Optional.of("a site-local address");
    if (b0 == 0xff) return Optional.of("a multicast address");
    // IPv4 inside IPv6: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:AABB:CCDD::
    if (allZero(b, 0, 10) && ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff || b[10] == 0 && b[11] == 0)) return v4(tail(b, 12));
    if (b0 == 0 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) return v4(tail(b, 12));
    if (b0 == 0x20 && b1 == 0x02) return v4(new byte[] {b[2], b[3], b[4], b[5]});
    return Optional.empty();
  }

  private static byte[] tail(byte[] b, int from) {
    return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] != 0) return false;
    return true;
  }
}
