package dev.lamgraph.engine.load;

import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.Pos;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A workflow file's bytes as text: UTF-8 (a UTF-8 byte order mark is dropped), or an
 * {@code ENCODING} error at the first byte that is not, naming it and the encoding the file seems
 * to be in: a UTF-16 or UTF-32 byte order mark, a NUL byte (UTF-16/32 without one), or a byte
 * that no UTF-8 sequence allows (Latin-1 or Windows-1252 text).
 *
 * <pre>{@code
 * Optional<String> text = SourceText.decode("flow.yaml", Files.readAllBytes(path), problems);
 * // flow.yaml:3:14: error[ENCODING]: invalid UTF-8: byte 0xE9 ...
 * }</pre>
 */
public final class SourceText {
  private SourceText() {}

  /** The text of {@code bytes}, or empty after reporting where and why they are not UTF-8. */
  public static Optional<String> decode(String file, byte[] bytes, Problems problems) {
    String bom = bom(bytes);
    if (bom != null) {
      problems.error(Codes.ENCODING, new Pos(file, 1, 1), "the file is " + bom + " (it starts with a " + bom + " byte order"
          + " mark); workflows are UTF-8: save it as UTF-8 (e.g. iconv -f " + bom.substring(0, 6) + " -t UTF-8)");
      return Optional.empty();
    }
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    int line = 1, col = 1;
    for (int i = start; i < bytes.length; ) {
      int b = bytes[i] & 0xff;
      int n = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
      if (b == 0) {
        problems.error(Codes.ENCODING, new Pos(file, line, col), "NUL byte: the file looks UTF-16 or UTF-32 encoded;"
            + " workflows are UTF-8: save it as UTF-8");
        return Optional.empty();
      }
      if (n == 0 || !continues(bytes, i, n)) {
        problems.error(Codes.ENCODING, new Pos(file, line, col), String.format("invalid UTF-8: byte 0x%02X%s; workflows are"
            + " UTF-8: save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8 if it is Latin-1 or Windows-1252)", b,
            i + 1 < bytes.length ? String.format(" (before 0x%02X)", bytes[i + 1] & 0xff) : " (at the end of the file)"));
        return Optional.empty();
      }
      if (b == '\n') {
        line++;
        col = 1;
      } else {
        col += n == 4 ? 2 : 1; // columns count UTF-16 chars, as the YAML reader's do
      }
      i += n;
    }
    return Optional.of(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
  }

  /** Whether the {@code n - 1} bytes after {@code i} continue a valid (shortest-form, non-surrogate) sequence. */
  private static boolean continues(byte[] bytes, int i, int n) {
    if (i + n > bytes.length) return false;
    for (int k = 1; k < n; k++) if ((bytes[i + k] & 0xC0) != 0x80) return false;
    if (n < 3) return true;
    int b0 = bytes[i] & 0xff, b1 = bytes[i + 1] & 0xff;
    if (b0 == 0xE0 && b1 < 0xA0) return false; // overlong
    if (b0 == 0xED && b1 >= 0xA0) return false; // a UTF-16 surrogate
    if (b0 == 0xF0 && b1 < 0x90) return false; // overlong
    return !(b0 == 0xF4 && b1 >= 0x90); // beyond U+10FFFF
  }

  /** The encoding a UTF-16/32 byte order mark at the start names, or null. */
  private static String bom(byte[] b) {
    int n = b.length;
    int b0 = n > 0 ? b[0] & 0xff : -1, b1 = n > 1 ? b[1] & 0xff : -1, b2 = n > 2 ? b[2] & 0xff : -1, b3 = n > 3 ? b[3] & 0xff : -1;
    if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) return "UTF-32 BE";
    if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) return "UTF-32 LE";
    if (b0 == 0xFE && b1 == 0xFF) return "UTF-16 BE";
    if (b0 == 0xFF && b1 == 0xFE) return "UTF-16 LE";
    return null;
  }
}
