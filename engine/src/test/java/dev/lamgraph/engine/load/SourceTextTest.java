package dev.lamgraph.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.node.Problems;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for workflow files in other encodings (issue 9, item 11): Latin-1 and UTF-16 files
 * used to fail as "cannot read FILE: Input length = 3" at 0:0. Now the first bad byte is reported
 * as {@code ENCODING} at its line and column, naming the encoding the file seems to be in.
 */
class SourceTextTest {
  static final String FLOW = "name: cafe\ndescription: café\nnodes:\n  a: { type: set, set: {} }\nedges:\n  - { from: START, to: a }\n"
      + "  - { from: a, to: END }\n";

  @TempDir Path dir;

  private List<Diagnostic> check(byte[] bytes) throws Exception {
    Path file = Files.write(dir.resolve("flow.yaml"), bytes);
    return Compiler.withDefaults().check(file);
  }

  @Test
  void latin1IsReportedAtTheFirstBadByte() throws Exception {
    List<Diagnostic> ds = check(FLOW.replace("name: cafe", "# a comment ✓\nname: cafe").getBytes(StandardCharsets.ISO_8859_1));
    // ✓ is not Latin-1 (it becomes '?'), é is the single byte 0xE9
    assertThat(ds).singleElement().satisfies(d -> {
      assertThat(d.format()).isEqualTo(dir.resolve("flow.yaml") + ":3:17: error[ENCODING]: invalid UTF-8: byte 0xE9"
          + " (before 0x0A); workflows are UTF-8: save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8 if it is"
          + " Latin-1 or Windows-1252)");
    });
  }

  @Test
  void columnsCountCharactersBeforeTheBadByte() {
    Problems p = new Problems();
    byte[] bytes = "a: ✓é\u0001".getBytes(StandardCharsets.UTF_8);
    byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length + 2);
    bad[bad.length - 2] = (byte) 0xC3; // a lead byte
    bad[bad.length - 1] = (byte) 0x28; // not a continuation
    assertThat(SourceText.decode("f.yaml", bad, p)).isEmpty();
    assertThat(p.list()).singleElement().satisfies(d -> {
      assertThat(d.pos().line()).isEqualTo(1);
      assertThat(d.pos().col()).isEqualTo(7); // a : space ✓ é \u0001, then the bad byte
      assertThat(d.message()).startsWith("invalid UTF-8: byte 0xC3 (before 0x28)");
    });
  }

  @Test
  void utf16AndUtf32AreNamedFromTheirByteOrderMarkOrTheirNulBytes() throws Exception {
    for (String cs : List.of("UTF-16", "UTF-32")) { // Java writes these big-endian, with a BOM for UTF-16
      byte[] bytes = FLOW.getBytes(Charset.forName(cs));
      if (cs.equals("UTF-32")) bytes = concat(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, bytes);
      assertThat(check(bytes)).singleElement().satisfies(d -> {
        assertThat(d.code()).isEqualTo("ENCODING");
        assertThat(d.pos().line()).isEqualTo(1);
        assertThat(d.pos().col()).isEqualTo(1);
        assertThat(d.message()).startsWith("the file is " + cs + " BE (it starts with a " + cs + " BE byte order mark)");
      });
    }
    assertThat(check(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, FLOW.getBytes(StandardCharsets.UTF_16LE))))
        .singleElement().satisfies(d -> assertThat(d.message()).startsWith("the file is UTF-16 LE"));
    assertThat(check(FLOW.getBytes(StandardCharsets.UTF_16LE))).singleElement().satisfies(d -> {
      assertThat(d.pos().col()).isEqualTo(2); // 'n', then NUL
      assertThat(d.message()).startsWith("NUL byte: the file looks UTF-16 or UTF-32 encoded");
    });
  }

  @Test
  void utf8WithOrWithoutItsByteOrderMarkLoads() throws Exception {
    assertThat(check(FLOW.getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(check(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, FLOW.getBytes(StandardCharsets.UTF_8))))
        .isEmpty();
    Problems p = new Problems();
    assertThat(SourceText.decode("f.yaml", "x: \uD83D\uDE00 ok".getBytes(StandardCharsets.UTF_8), p)).contains("x: \uD83D\uDE00 ok");
    // overlong forms and encoded surrogates are not UTF-8
    for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})) {
      assertThat(SourceText.decode("f.yaml", bad, p)).isEmpty();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
