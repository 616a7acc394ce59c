package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine bug (an unchecked exception from the engine, here a store commit that throws:
 * org.example.teststore.BuggyCommitStores) while {@code lam resume} or {@code lam run} runs a
 * thread: one {@code lam: error:} line, exit 1, and the thread is failed ({@code engine_error})
 * and has no owner, not left running forever.
 */
class EngineBugCommandTest {
  private static final String FLOW = """
      name: bug
      state: { log: { type: list, reducer: append } }
      nodes:
        a: { type: set, set: { log: "['a']" } }
        b: { type: set, interrupt_before: true, set: { log: "['b']" } }
        c: { type: set, set: { log: "['c']" } }
      edges: [ { from: START, to: a }, { from: a, to: b }, { from: b, to: c }, { from: c, to: END } ]
      """;
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void lamResumeFailsTheThreadOnAnEngineBugWithOneLine() throws Exception {
    Path flow = Files.writeString(dir.resolve("bug.yaml"), FLOW);
    String name = "bug-resume-" + dir.getFileName();
    Lam.Result run = Lam.run(dir, "run", flow, "--thread", "b1", "--store", "test-mem:" + name, "-q");
    assertThat(run.code()).as(run.toString()).isEqualTo(3);

    Lam.Result resume = Lam.run(dir, "resume", "b1", "--store", "test-buggy:" + name + "@2");
    assertThat(resume.code()).as(resume.toString()).isEqualTo(1);
    assertThat(resume.err()).isEqualTo("lam: error: thread 'b1' failed (engine_error): the engine failed running it:"
        + " java.lang.IllegalStateException: engine bug on commit of step 2 (LAM_DEBUG=1 shows the stack trace)\n");

    Map<String, Object> state = Lam.run(dir, "state", "b1", "--store", "test-mem:" + name, "--json").json();
    assertThat(state).containsEntry("status", "failed").containsEntry("step", 1L);
    assertThat((Map<String, Object>) state.get("detail")).containsEntry("kind", "engine_error");
    List<Object> runs = Lam.run(dir, "runs", "--store", "test-mem:" + name, "--json").jsonList();
    assertThat(runs).singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("status", "failed");
  }

  @Test
  @SuppressWarnings("unchecked")
  void lamRunFailsTheThreadOnAnEngineBugAndLamDebugShowsTheStackTrace() throws Exception {
    Path flow = Files.writeString(dir.resolve("bug.yaml"), FLOW.replace("interrupt_before: true, ", ""));
    String name = "bug-run-" + dir.getFileName();
    Lam.Result run = Lam.runWithEnv(dir, Map.of("LAM_DEBUG", "1"), "run", flow, "--thread", "b2",
        "--store", "test-buggy:" + name + "@3", "-q");
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).startsWith("lam: error: thread 'b2' failed (engine_error): the engine failed running it:"
        + " java.lang.IllegalStateException: engine bug on commit of step 3\n").contains("\tat ");
    Map<String, Object> state = Lam.run(dir, "state", "b2", "--store", "test-mem:" + name, "--json").json();
    assertThat(state).containsEntry("status", "failed").containsEntry("step", 2L);
    assertThat((Map<String, Object>) state.get("detail")).containsEntry("kind", "engine_error");
  }
}
