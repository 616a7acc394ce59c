package dev.lamgraph.engine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflow files built to exhaust memory or time: each is refused with one diagnostic, quickly,
 * with the normal test heap. Before the fix the anchor bomb grew to 6 GB (OutOfMemoryError), the
 * 60 MB scalar took minutes and {@code /dev/zero} ran out of heap while being read.
 */
class ResourceBombsTest {
  private static final Compiler COMPILER = Compiler.withDefaults();
  /** Generous for a loaded machine: the refusals take milliseconds, the attacks took minutes. */
  private static final Duration FAST = Duration.ofSeconds(10);

  @TempDir Path dir;

  /** The classic "billion laughs": ten levels of ten aliases each, 10^9 strings when expanded. */
  static String billionLaughs() {
    List<String> lines = new ArrayList<>(List.of("name: lol", "nodes: { a: { type: set, set: {} } }",
        "edges: [ { from: START, to: a }, { from: a, to: END } ]",
        "lol0: &lol0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"));
    for (int i = 1; i <= 9; i++) {
      lines.add("lol" + i + ": &lol" + i + " [" + String.join(", ", java.util.Collections.nCopies(10, "*lol" + (i - 1))) + "]");
    }
    return String.join("\n", lines) + "\n";
  }

  @Test
  void anAnchorBombIsOneDiagnosticAndNothingIsExpanded() throws IOException {
    Path bomb = Files.writeString(dir.resolve("lol.yaml"), billionLaughs());
    List<Diagnostic> ds = assertTimeoutPreemptively(FAST, () -> COMPILER.check(bomb));
    assertThat(ds).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("YAML_UNSUPPORTED");
      assertThat(d.pos().line()).isEqualTo(4);
      assertThat(d.message()).contains("&lol0");
    });
    // aliases without their anchors (a bomb whose first anchor is cut off) stop at the first alias
    String aliasesOnly = billionLaughs().replace("&lol0 ", "");
    List<Diagnostic> ds2 = assertTimeoutPreemptively(FAST, () -> COMPILER.checkText("lol.yaml", aliasesOnly));
    assertThat(ds2).singleElement().satisfies(d -> assertThat(d.message()).contains("&lol1"));
  }

  @Test
  void aSixtyMegabyteScalarIsRefusedBeforeParsing() throws IOException {
    String huge = "name: big\ndescription: \"" + "x".repeat(60_000_000) + "\"\n";
    Path file = Files.writeString(dir.resolve("big.yaml"), huge, StandardCharsets.UTF_8);
    List<Diagnostic> fromFile = assertTimeoutPreemptively(FAST, () -> COMPILER.check(file));
    assertThat(fromFile).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("FILE_TOO_LARGE");
      assertThat(d.format()).contains("larger than 1 MiB");
    });
    List<Diagnostic> fromText = assertTimeoutPreemptively(FAST, () -> COMPILER.checkText("big.yaml", huge));
    assertThat(fromText).singleElement().satisfies(d -> assertThat(d.code()).isEqualTo("FILE_TOO_LARGE"));
    // just under the limit still parses (a long description is fine)
    String fits = "name: big\ndescription: \"" + "x".repeat(YamlReader.MAX_CHARS - 100) + "\"\n";
    List<Diagnostic> ok = COMPILER.checkText("big.yaml", fits);
    assertThat(ok).extracting(Diagnostic::code).doesNotContain("FILE_TOO_LARGE", "YAML_SYNTAX").contains("MISSING_FIELD");
  }

  @Test
  void devZeroAsAWorkflowIsRefusedWithoutReadingItAll() {
    Path zero = Path.of("/dev/zero");
    List<Diagnostic> ds = assertTimeoutPreemptively(FAST, () -> COMPILER.check(zero));
    assertThat(ds).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("FILE_TOO_LARGE");
      assertThat(d.format()).isEqualTo("/dev/zero:0:0: error[FILE_TOO_LARGE]: cannot read /dev/zero: it is larger than 1 MiB,"
          + " the limit for workflow files");
    });
  }

  @Test
  void deepNestingStopsReadingWithOneDiagnostic() {
    String deep = "name: deep\ndescription: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
    List<Diagnostic> ds = assertTimeoutPreemptively(FAST, () -> COMPILER.checkText("deep.yaml", deep));
    assertThat(ds).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("YAML_TOO_DEEP");
      assertThat(d.pos().line()).isEqualTo(2);
      assertThat(d.pos().col()).isEqualTo(14 + YamlReader.MAX_DEPTH - 1); // the bracket at depth MAX_DEPTH
    });
    String blockDeep = "name: deep\n" + buildBlockNesting(200);
    List<Diagnostic> ds2 = assertTimeoutPreemptively(FAST, () -> COMPILER.checkText("deep.yaml", blockDeep));
    assertThat(ds2).extracting(Diagnostic::code).containsExactly("YAML_TOO_DEEP");
  }

  private static String buildBlockNesting(int levels) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < levels; i++) b.append(" ".repeat(i)).append("k").append(i).append(":\n");
    return b.toString();
  }
}
