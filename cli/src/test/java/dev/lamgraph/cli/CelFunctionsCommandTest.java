package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: a workflow sorts, splits and joins with the CEL extensions (no jq), and a misuse is a compile error. */
class CelFunctionsCommandTest {
  @TempDir Path dir;

  @Test
  void stringAndListFunctionsRunAndAreTypeChecked() throws Exception {
    Path w = Files.writeString(dir.resolve("tags.yaml"), """
        name: tags
        state:
          raw:  { type: string, default: "pear, Apple ,fig,apple" }
          tags: { type: string }
        nodes:
          tidy: { type: set, set: { tags: "state.raw.split(',').map(t, t.trim().lowerAscii()).distinct().sort().join(' ')" } }
        edges:
          - { from: START, to: tidy }
          - { from: tidy, to: END }
        """);
    Lam.Result r = Lam.run(dir, "run", w, "--output", "tags");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("apple fig pear\n");

    Files.writeString(w, Files.readString(w).replace(".join(' ')", ".join(1)"));
    r = Lam.run(dir, "validate", w);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains("error[EXPR_COMPILE]").contains("found no matching overload for 'join'");
  }
}
