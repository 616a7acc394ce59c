package dev.lamgraph.cli;

import static dev.lamgraph.cli.ExampleDir.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (security review): {@code lam run --input n=1.5e300} for an {@code integer} channel
 * ran with n = 9223372036854775807 (a double that large is a whole number, and its long value is
 * clamped). A whole number within the long range is that long ({@code n=3.0} is 3); any other
 * number is refused naming the channel and the number: exit 2 before a thread exists for run
 * input, on resume, and for a fork's edit; exit 1 when a node writes one (the state keeps its value).
 */
class IntegerInputCommandTest {
  static final String FLOW = """
      name: ints
      state:
        n:    { type: integer, default: 0 }
        done: { type: boolean, default: false }
      nodes:
        calc:   { type: set, set: { n: "state.n * 2" } }
        finish: { type: set, set: { done: "true" }, interrupt_before: true }
      edges:
        - { from: START, to: calc }
        - { from: calc, to: finish }
        - { from: finish, to: END }
      """;
  static final String RANGE = " (outside the integer range -2^63 to 2^63-1), but channel 'n' expects integer";

  @TempDir Path dir;

  void noThreads() {
    assertThat(Lam.run(dir, "runs").out()).startsWith("no threads in ");
  }

  @Test
  void runInputBeyondTheRangeOrWithAFractionIsRefusedForBothExecutors() throws Exception {
    Path f = Files.writeString(dir.resolve("ints.yaml"), FLOW);
    for (String executor : new String[] {"lamgraph", "langgraph4j"}) {
      Lam.Result r = Lam.run(dir, "run", f, "--input", "n=1.5e300", "--executor", executor);
      assertThat(r.code()).as(executor + ": " + r).isEqualTo(2);
      assertThat(r.err()).isEqualTo("lam: error: input 'n' is number 1.5E300" + RANGE + "; nothing was run\n");
      r = Lam.run(dir, "run", f, "--input", "n=2.5", "--executor", executor);
      assertThat(r.code()).as(executor + ": " + r).isEqualTo(2);
      assertThat(r.err()).isEqualTo("lam: error: input 'n' is number 2.5 (not a whole number), but channel 'n' expects"
          + " integer; nothing was run\n");
      r = Lam.run(dir, "run", f, "--input", "n=-9223372036854775809", "--executor", executor);
      assertThat(r.code()).as(executor + ": " + r).isEqualTo(2);
      // digits beyond a long are not a JSON number Jackson reads: the text, refused as such (never clamped)
      assertThat(r.err()).isEqualTo("lam: error: input 'n' is string, but channel 'n' expects integer; nothing was run\n");
    }
    Files.writeString(dir.resolve("in.json"), "{\"n\": 1e19}");
    Lam.Result r = Lam.run(dir, "run", f, "--input-file", "in.json");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("lam: error: input 'n' is number 1.0E19" + RANGE + "; nothing was run\n");
    noThreads();
  }

  @Test
  void aWholeNumberInRangeIsItsLongAndTheOthersAreRefusedOnResumeAndFork() throws Exception {
    Path f = Files.writeString(dir.resolve("ints.yaml"), FLOW);
    Lam.Result paused = Lam.run(dir, "run", f, "--input", "n=3.0", "--thread", "t", "--json");
    assertThat(paused.code()).as(paused.toString()).isEqualTo(3);
    assertThat(state(paused)).containsEntry("n", 6L);
    Lam.Result r = Lam.run(dir, "resume", "t", "--input", "n=1.5e300");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("'n'", "1.5E300", "outside the integer range").contains("still paused")
        .doesNotContain("9223372036854775807");
    r = Lam.run(dir, "fork", "t", "--from", "1", "--set", "n=0.5", "--thread", "t2");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().lines()).singleElement().asString().contains("'n'", "number 0.5 (not a whole number)");
    Lam.Result done = Lam.run(dir, "resume", "t", "--input", "n=1e18", "--json");
    assertThat(done.code()).as(done.toString()).isZero();
    assertThat(state(done)).containsEntry("n", 1_000_000_000_000_000_000L).containsEntry("done", true);
  }

  @Test
  void aNodeWritingANumberThatIsNotAnIntegerFailsTheRun() throws Exception {
    // a literal double is refused when the workflow is checked (SET_TYPE); a value known only at run time is not
    Path f = Files.writeString(dir.resolve("ints.yaml"), FLOW.replace("state.n * 2", "input.x")
        .replace(", interrupt_before: true", "")); // langgraph4j runs no interrupts
    for (String executor : new String[] {"lamgraph", "langgraph4j"}) {
      Lam.Result r = Lam.run(dir, "run", f, "--input", "x=1.5e300", "--executor", executor);
      assertThat(r.code()).as(executor + ": " + r).isEqualTo(1);
      assertThat(r.out() + r.err()).contains("node 'calc' wrote number 1.5E300 (outside the integer range -2^63 to 2^63-1)"
          + " to channel 'n', which expects integer").doesNotContain("9223372036854775807", "\tat ");
    }
  }
}
