package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 9, item 11): {@code lam validate} and {@code lam run} on a Latin-1 or UTF-16
 * workflow said "cannot read FILE: Input length = 3" at 0:0; now they point at the first bad byte.
 */
class EncodingTest {
  @TempDir Path dir;

  @Test
  void aLatin1OrUtf16WorkflowIsAnEncodingErrorAtTheBadByte() throws Exception {
    String text = Files.readString(Lam.workflow("count.yaml")).replace("Counts to input.n,", "Compte jusqu'à input.n,");
    Path latin1 = Files.write(dir.resolve("latin1.yaml"), text.getBytes(StandardCharsets.ISO_8859_1));
    int line = (int) text.lines().takeWhile(l -> !l.contains("jusqu'à")).count() + 1;
    int col = text.lines().filter(l -> l.contains("jusqu'à")).findFirst().orElseThrow().indexOf('à') + 1;

    Lam.Result validate = Lam.run(dir, "validate", latin1);
    assertThat(validate.code()).as(validate.toString()).isEqualTo(2);
    assertThat(validate.out()).startsWith(latin1 + ":" + line + ":" + col + ": error[ENCODING]: invalid UTF-8: byte 0xE0")
        .doesNotContain("Input length");
    Lam.Result run = Lam.run(dir, "run", latin1);
    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.out() + run.err()).contains(":" + line + ":" + col + ": error[ENCODING]");

    Path utf16 = Files.write(dir.resolve("utf16.yaml"), text.getBytes(StandardCharsets.UTF_16));
    Lam.Result v16 = Lam.run(dir, "validate", utf16);
    assertThat(v16.code()).isEqualTo(2);
    assertThat(v16.out()).startsWith(utf16 + ":1:1: error[ENCODING]: the file is UTF-16 BE (it starts with a UTF-16 BE"
        + " byte order mark); workflows are UTF-8: save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)");
  }
}
