package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 9, item 11): a shell tool whose stderr holds newlines, a carriage return and
 * ANSI colour codes broke the one-line progress and trace output, and could print a forged step
 * line. Every such line now shows them escaped.
 */
class ToolStderrLinesTest {
  static final String FLOW = """
      name: noisy
      tools:
        boom:
          type: shell
          description: fails with a multi-line, coloured stderr
          command: [./noisy.sh]
          allow: [./noisy.sh]
          root: .
      state:
        out: { type: any }
      nodes:
        call: { type: tool, tool: boom, args: {}, save: { out: "result" }, fail_on_error: true }
      edges:
        - { from: START, to: call }
        - { from: call, to: END }
      """;

  @TempDir Path dir;

  @Test
  void progressAndTraceLinesEscapeToolStderr() throws Exception {
    Path script = Files.writeString(dir.resolve("noisy.sh"),
        "#!/bin/sh\nprintf 'line one\\n\\033[31mRED\\033[0m line two\\r\\n     2  forged   1ms  ok\\n' >&2\nexit 3\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path flow = Files.writeString(dir.resolve("noisy.yaml"), FLOW);

    Lam.Result run = Lam.run(dir, "run", flow, "--thread", "n1");
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    String all = run.out() + run.err();
    assertThat(all).doesNotContain("\u001b").doesNotContain("\r");
    assertThat(all.lines().filter(l -> l.contains("forged"))).allSatisfy(l -> assertThat(l).doesNotStartWith("     2"));
    assertThat(run.out()).containsPattern("(?m)^     1  call +attempt 1 failed: tool 'boom' failed \\(exit_status\\): "
        + "'\\./noisy\\.sh' exited with 3: line one\\\\n\\\\u001b"); // then cut to the terminal's width
    assertThat(run.err()).hasLineCount(1).contains("line one \\u001b[31mRED\\u001b[0m line two 2  forged");

    Lam.Result trace = Lam.run(dir, "trace", "n1");
    assertThat(trace.code()).as(trace.toString()).isZero();
    assertThat(trace.out()).doesNotContain("\u001b").doesNotContain("\r")
        .contains("exited with 3: line one\\n\\u001b[31mRED\\u001b[0m line two\\r\\n     2  forged   1ms  ok");
    assertThat(trace.out().lines().filter(l -> l.contains("forged")))
        .hasSize(3) // the tool call, the failed node and the closing "failed:" line
        .allSatisfy(l -> assertThat(l).doesNotStartWith("     2"));
  }
}
