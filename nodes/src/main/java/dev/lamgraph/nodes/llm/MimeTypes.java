package dev.lamgraph.nodes.llm;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The MIME type of an attachment, told from its first bytes (magic numbers), never from a file
 * name or a server's Content-Type: PNG, JPEG, GIF, WebP and PDF; anything else is not sent.
 *
 * <pre>{@code
 * MimeTypes.detect(Files.readAllBytes(Path.of("scan.png")));   // Optional[image/png]
 * }</pre>
 */
final class MimeTypes {
  /** What {@link #detect} recognises, for messages. */
  static final String KNOWN = "PNG, JPEG, GIF or WebP images and PDF documents";

  private MimeTypes() {}

  static Optional<String> detect(byte[] b) {
    if (starts(b, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a})) return Optional.of("image/png");
    if (starts(b, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) return Optional.of("image/jpeg");
    if (starts(b, 0, ascii("GIF87a")) || starts(b, 0, ascii("GIF89a"))) return Optional.of("image/gif");
    if (starts(b, 0, ascii("RIFF")) && starts(b, 8, ascii("WEBP"))) return Optional.of("image/webp");
    if (starts(b, 0, ascii("%PDF-"))) return Optional.of("application/pdf");
    return Optional.empty();
  }

  /** The first bytes in hex, for the message about an unknown type. */
  static String head(byte[] b) {
    int n = Math.min(8, b.length);
    byte[] h = new byte[n];
    System.arraycopy(b, 0, h, 0, n);
    return n == 0 ? "(empty)" : HexFormat.ofDelimiter(" ").formatHex(h);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean starts(byte[] b, int at, byte[] magic) {
    if (b.length < at + magic.length) return false;
    for (int i = 0; i < magic.length; i++) if (b[at + i] != magic[i]) return false;
    return true;
  }
}
