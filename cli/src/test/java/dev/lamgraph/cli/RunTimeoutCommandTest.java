package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 7, through {@code lam}: a shell tool running {@code sleep 1000} with {@code timeout:
 * 1h} under {@code limits: {timeout: 2s}} ran for 100 s and more, and a 10^8-iteration CEL
 * comprehension ran unbounded. Now the run stops at its limit with a one-line error (exit 1), the
 * sleep is killed before {@code lam} returns, and the thread resumes from its last committed step.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunTimeoutCommandTest {
  @TempDir Path dir;

  /** Unique to this JVM, so the process check finds only this test's sleep. */
  private final String marker = "1000.123" + ProcessHandle.current().pid();

  private Path workflow(String name, String sleepArg, String limits) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, """
        name: stuck
        tools:
          hang: { type: shell, description: "Sleeps.", command: [sleep, "%s"], allow: [sleep], root: ".", timeout: 1h }
        state:
          n: { type: integer, reducer: add, default: 0 }
        nodes:
          count: { type: set, set: { n: "1" } }
          stuck: { type: tool, tool: hang, timeout: 1h, save: { n: "10" } }
        edges:
          - { from: START, to: count }
          - { from: count, to: stuck }
          - { from: stuck, to: END }
        limits: %s
        """.formatted(sleepArg, limits));
    return f;
  }

  /**
   * The test's sleep processes still alive. The tree is killed before {@code lam} returns, but the
   * kernel may list a killed process (inside bubblewrap's PID namespace) for a moment longer: wait
   * (30 s at most, a loaded machine is slow) for it to go.
   */
  private long sleepers() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (;;) {
      long n = ProcessHandle.allProcesses().filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains(marker)).count();
      if (n == 0 || System.nanoTime() > deadline) return n;
      Thread.sleep(50);
    }
  }

  private static final String STOPPED = "(timeout): run exceeded limits.timeout (2s) while node 'stuck' was running; it was stopped\n";

  @Test
  void aToolSleepingPastTheRunsTimeoutIsKilledAndTheThreadResumes() throws Exception {
    Path stuck = workflow("stuck.yaml", marker, "{ timeout: 2s }");
    long t0 = System.nanoTime();
    Lam.Result run = Lam.run(dir, "run", stuck, "--thread", "t1");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(sleepers()).as("the sleep is gone when lam returns").isZero();
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(ms).as("ended at its limit, not after the sleep's 1000 s").isBetween(1_500L, 30_000L);
    assertThat(run.err()).isEqualTo("lam: run failed at step 2 in node 'stuck' " + STOPPED);
    assertThat(run.out()).contains("checkpoints up to step 1 are kept in").contains("lam resume t1");
    Map<String, Object> state = Lam.run(dir, "state", "t1", "--json").json();
    assertThat(state).containsEntry("status", "failed").containsEntry("step", 1L);

    // the thread continues from step 1 (count is not run again) once the tool is fixed
    Path fixed = workflow("fixed.yaml", "0", "{ timeout: 2s }");
    Lam.Result resumed = Lam.run(dir, "resume", "t1", "--workflow", fixed);
    assertThat(resumed.code()).as(resumed.toString()).isEqualTo(0);
    assertThat(resumed.out()).contains("\"n\" : 11").contains("done: stuck reached END after 2 steps");
  }

  @Test
  void theLanggraph4jExecutorStopsItTheSameWay() throws Exception {
    Path stuck = workflow("stuck.yaml", marker, "{ timeout: 2s }");
    long t0 = System.nanoTime();
    Lam.Result run = Lam.run(dir, "run", stuck, "--executor", "langgraph4j");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(sleepers()).isZero();
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(ms).isBetween(1_500L, 30_000L);
    assertThat(run.err()).isEqualTo("lam: run failed at step 2 in node 'stuck' " + STOPPED);
  }

  @Test
  void aHundredMillionIterationComprehensionFailsAtOnceNamingTheLimitAndWhereItIsWritten() throws Exception {
    String l = "[" + String.join(",", Collections.nCopies(100, "1")) + "]";
    String bomb = l + ".map(a, " + l + ".map(b, " + l + ".map(c, " + l + ".map(d, a + b + c + d))))";
    Path f = dir.resolve("bomb.yaml");
    String yaml = """
        name: bomb
        state: { big: { type: any } }
        nodes:
          grow: { type: set, set: { big: "%s" } }
        edges: [ { from: START, to: grow }, { from: grow, to: END } ]
        """.formatted(bomb);
    Files.writeString(f, yaml);
    int col = yaml.lines().skip(3).findFirst().orElseThrow().indexOf('"') + 1;
    long t0 = System.nanoTime();
    Lam.Result run = Lam.run(dir, "run", f, "--thread", "b1");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(30_000);
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).startsWith("lam: run failed at step 1 in node 'grow' (expression_error): set.big `")
        .endsWith("` failed: expression exceeded 100000 iterations (limits.max_cel_iterations) at " + f + ":4:" + col + "\n")
        .hasLineCount(1);
  }
}
