package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lam test graphs/} as part of {@code mvn verify}: every example workflow has a
 * {@code *.test.yaml} and every case passes (on a copy of graphs/, so the tree is untouched).
 */
class ExampleTestFilesTest {
  @TempDir Path tmp;

  @Test
  void everyExampleHasATestFile() throws Exception {
    try (Stream<Path> s = Files.list(Lam.ROOT.resolve("graphs"))) {
      List<Path> workflows = s.filter(p -> p.toString().endsWith(".yaml") && !p.toString().endsWith(".test.yaml")).toList();
      assertThat(workflows).isNotEmpty();
      for (Path w : workflows) {
        assertThat(w.resolveSibling(w.getFileName().toString().replace(".yaml", ".test.yaml"))).as("test file of " + w).isRegularFile();
      }
    }
  }

  @Test
  void theExampleEvaluationScoresFull() throws Exception {
    new ExampleDir(tmp);
    Lam.Result r = Lam.run(tmp, "eval", "graphs/evals/note-stats.jsonl", "--workflow", "graphs/note-stats.yaml", "--output", "summary",
        "--scorer", "exact", "--scorer", "trajectory", "--min-score", "1", "--report", "out/eval");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("exact: mean 1.00, 3/3 passed").contains("trajectory:exact: mean 1.00, 3/3 passed");
    assertThat(tmp.resolve("out/eval.html")).isRegularFile();
  }

  @Test
  void everyCaseOfTheExamplesPasses() throws Exception {
    ExampleDir ex = new ExampleDir(tmp);
    Lam.Result r = Lam.run(tmp, "test", "graphs", "--junit", "report.xml");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).doesNotContain("FAIL ").doesNotContain("ERROR ").containsPattern("\\d+ cases: \\d+ passed, 0 failed");
    String xml = Files.readString(tmp.resolve("report.xml"));
    assertThat(xml).contains("<testsuite name=\"graphs/counter.test.yaml\"").doesNotContain("<failure");
    for (String out : List.of("data/invoice-reply/mail/outbox", "data/log-debugger/reports", "data/notes/published")) {
      try (Stream<Path> files = Files.list(ex.resolve(out))) { // the tools that write were stubbed
        assertThat(files.map(p -> p.getFileName().toString())).as(out).allMatch(".gitkeep"::equals);
      }
    }
  }
}
