package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lam mcp` refuses what it cannot serve before serving anything: exit 2, one line on stderr, nothing on stdout (the protocol's). */
class McpCommandTest {
  @TempDir Path dir;

  @Test
  void aMissingPathIsAUsageError() {
    Lam.Result r = Lam.run(dir, "mcp", "nope.yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("lam: error: ").contains("nope.yaml: no such file or directory").doesNotContain("\tat ");
  }

  @Test
  void anInvalidWorkflowPrintsItsDiagnosticsOnStderr() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "name: bad\nnodes: {}\nedges: []\n");
    Lam.Result r = Lam.run(dir, "mcp", "bad.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("error[").contains("; nothing is served");
  }

  @Test
  void anEmptyDirectoryServesNothing() {
    Lam.Result r = Lam.run(dir, "mcp");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no workflow files (*.yaml, *.yml) in");
  }
}
