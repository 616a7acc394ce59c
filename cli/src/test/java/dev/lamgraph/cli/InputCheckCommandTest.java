package dev.lamgraph.cli;

import static dev.lamgraph.cli.ExampleDir.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 13, "inputs are checked late or not at all"): {@code --input minbytes=5} (a
 * misspelt key) was ignored silently and {@code --input min_bytes=abc} made a thread that failed
 * with exit 1. Both are now refused with exit 2 before any thread exists, the first with "did you
 * mean". A key is known when it names a channel or an expression reads it as {@code input.KEY}.
 */
class InputCheckCommandTest {
  static final String FLOW = """
      name: sizes
      state:
        min_bytes: { type: integer, default: 0 }
        big:       { type: boolean, default: false }
      nodes:
        judge: { type: set, set: { big: "state.min_bytes > int(input.threshold)" } }
      edges:
        - { from: START, to: judge }
        - { from: judge, to: END }
      """;

  @TempDir Path dir;

  Path flow(String text) throws Exception {
    return Files.writeString(dir.resolve("flow.yaml"), text);
  }

  void noThreads() {
    assertThat(Lam.run(dir, "runs").out()).startsWith("no threads in ");
  }

  @Test
  void aMisspeltKeyIsRefusedWithTheClosestKnownOne() throws Exception {
    Path f = flow(FLOW);
    Lam.Result r = Lam.run(dir, "run", f, "--input", "minbytes=5", "--input", "threshold=3");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("lam: error: input 'minbytes' is not a channel of workflow 'sizes', nor read as"
        + " input.minbytes; known inputs: big, min_bytes, threshold; did you mean 'min_bytes'?; nothing was run\n");
    assertThat(r.out()).isEmpty();
    noThreads();
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedBeforeAThreadExists() throws Exception {
    Path f = flow(FLOW);
    for (String executor : new String[] {"lamgraph", "langgraph4j"}) {
      Lam.Result r = Lam.run(dir, "run", f, "--input", "min_bytes=abc", "--input", "threshold=3", "--executor", executor);
      assertThat(r.code()).as(executor + ": " + r).isEqualTo(2);
      assertThat(r.err()).isEqualTo("lam: error: input 'min_bytes' is string, but channel 'min_bytes' expects integer;"
          + " nothing was run\n");
    }
    noThreads();
  }

  @Test
  void everyProblemIsNamedInOneLineAndAnInputFileIsCheckedToo() throws Exception {
    Path f = flow(FLOW);
    Files.writeString(dir.resolve("in.json"), "{\"min_bytes\": \"abc\", \"treshold\": 3}");
    Lam.Result r = Lam.run(dir, "run", f, "--input-file", "in.json");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().lines()).singleElement().asString()
        .contains("input 'min_bytes' is string, but channel 'min_bytes' expects integer; input 'treshold' is not a channel")
        .contains("did you mean 'threshold'?");
    noThreads();
  }

  @Test
  void channelsAndKeysReadAsInputAreAccepted() throws Exception {
    Path f = flow(FLOW);
    Lam.Result r = Lam.run(dir, "run", f, "--input", "min_bytes=5", "--input", "threshold=3", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(state(r)).containsEntry("big", true);
  }

  @Test
  void aWorkflowThatReadsInputAsAWholeTakesAnyKey() throws Exception {
    Path f = flow("""
        name: whole
        state:
          seen: { type: object }
        nodes:
          keep: { type: set, set: { seen: "input" } }
        edges:
          - { from: START, to: keep }
          - { from: keep, to: END }
        """);
    Lam.Result r = Lam.run(dir, "run", f, "--input", "anything=1", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(state(r)).containsEntry("seen", Map.of("anything", 1L));
  }

  @Test
  void submitChecksTheInputFirst() throws Exception {
    Path f = flow(FLOW);
    Lam.Result r = Lam.run(dir, "submit", f, "--input", "minbytes=5");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith("lam: error: input 'minbytes' is not a channel").contains("did you mean 'min_bytes'?");
  }

  @Test
  void aMisspeltChannelInAStateUpdateOnResumeIsNamedToo() {
    Lam.Result paused = Lam.run(dir, "run", Lam.workflow("approval.yaml"), "--input", "who=ann", "--thread", "a1", "-q");
    assertThat(paused.code()).as(paused.toString()).isEqualTo(3); // interrupt_before publish
    Lam.Result r = Lam.run(dir, "resume", "a1", "--input", "publihsed=true");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("cannot update unknown channel 'publihsed'; declared: draft, published; did you mean"
        + " 'published'?").contains("still paused");
  }
}
