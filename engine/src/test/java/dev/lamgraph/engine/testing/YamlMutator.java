package dev.lamgraph.engine.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Hostile variants of valid workflow files for fuzz tests: byte flips, truncations, anchors and
 * aliases, deep nesting, huge scalars, invalid UTF-8, tabs and control characters, each chosen
 * from a seed so a failing case can be replayed.
 *
 * <pre>{@code
 * byte[] mutant = YamlMutator.mutate(YamlMutator.examples(repoRoot).get(0), 42L);
 * }</pre>
 */
public final class YamlMutator {
  private YamlMutator() {}

  /** The kinds of damage, one or more of which each mutant gets. */
  public enum Kind { FLIP, TRUNCATE, ANCHOR, ALIAS, NESTING, HUGE_SCALAR, BAD_UTF8, TAB, CONTROL, DUPLICATE_LINE, DELETE_LINE }

  /** The example workflows (graphs/*.yaml) and the engine's valid fixtures, as bytes. */
  public static List<byte[]> examples(Path repoRoot) {
    List<byte[]> out = new ArrayList<>();
    for (Path dir : List.of(repoRoot.resolve("graphs"), repoRoot.resolve("engine/src/test/resources/workflows/valid"))) {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.filter(x -> x.toString().endsWith(".yaml") && !x.toString().endsWith(".test.yaml")).sorted().toList()) out.add(Files.readAllBytes(p));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** One to three mutations of {@code base}, chosen by {@code seed}. */
  public static byte[] mutate(byte[] base, long seed) {
    Random r = new Random(seed);
    byte[] b = base;
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) b = apply(b, Kind.values()[r.nextInt(Kind.values().length)], r);
    return b;
  }

  static byte[] apply(byte[] b, Kind kind, Random r) {
    String text = new String(b, StandardCharsets.ISO_8859_1); // byte-preserving
    int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
    int line = lineStart(text, at);
    return switch (kind) {
      case FLIP -> {
        byte[] c = b.clone();
        if (c.length > 0) c[Math.min(at, c.length - 1)] ^= (byte) (1 << r.nextInt(8));
        yield c;
      }
      case TRUNCATE -> java.util.Arrays.copyOf(b, at);
      case ANCHOR -> insert(b, line, "anchored: &a" + r.nextInt(9) + " [lol, lol, lol]\n");
      case ALIAS -> insert(b, line, "aliased: [*a0, *a1, *a0]\n");
      case NESTING -> {
        int depth = 10 + r.nextInt(r.nextBoolean() ? 100 : 20_000);
        yield insert(b, line, "deep: " + "[".repeat(depth) + "]".repeat(depth) + "\n");
      }
      case HUGE_SCALAR -> {
        int size = r.nextBoolean() ? 1000 + r.nextInt(200_000) : 1_100_000 + r.nextInt(4_000_000);
        yield insert(b, line, "huge: \"" + "x".repeat(size) + "\"\n");
      }
      case BAD_UTF8 -> insert(b, at, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
      case TAB -> insert(b, line, "\t");
      case CONTROL -> insert(b, at, new String(new char[] {"\u0000\u0007\u001b\u0085\u2028\ufeff\r".charAt(r.nextInt(7))})
          .getBytes(StandardCharsets.UTF_8));
      case DUPLICATE_LINE -> {
        int end = text.indexOf('\n', line);
        yield insert(b, line, text.substring(line, end < 0 ? text.length() : end + 1));
      }
      case DELETE_LINE -> {
        int end = text.indexOf('\n', line);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(b, 0, line);
        int from = end < 0 ? b.length : end + 1;
        o.write(b, from, b.length - from);
        yield o.toByteArray();
      }
    };
  }

  private static int lineStart(String text, int at) {
    int i = Math.min(at, text.length());
    while (i > 0 && text.charAt(i - 1) != '\n') i--;
    return i;
  }

  private static byte[] insert(byte[] b, int at, String s) {
    return insert(b, at, s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] insert(byte[] b, int at, byte[] s) {
    byte[] out = new byte[b.length + s.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(s, 0, out, at, s.length);
    System.arraycopy(b, at, out, at + s.length, b.length - at);
    return out;
  }
}
