package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.testing.PgServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code lam worker} processes on a PostgreSQL store: `lam runs` names the worker holding a
 * run; a worker killed with SIGKILL has its runs taken over by another once its lease expires; a
 * SIGTERM stops a worker gracefully, releasing its runs at once; a third drains the queue. Every
 * run ends with each step applied exactly once.
 *
 * <p>The first {@link #HELD} runs (the ones A takes, the queue being oldest first) pass a
 * {@link Gate} at count {@link #GATE_AT} (a tool call reading a FIFO the test holds): A still holds
 * them when it is killed, and B, which takes them over, still holds them when it is stopped, however
 * fast the steps are; the test opens the gate right after the SIGTERM, so B ends that step and
 * releases them. (Long runs instead only made it likely: a faster engine could finish them first.)
 */
class WorkerProcessIT {
  static final int RUNS = 16;
  static final int HELD = 3;
  static final long STEPS = 600;
  static final long GATE_AT = 100;

  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @SuppressWarnings("unchecked")
  void killedAndStoppedWorkersHandTheirRunsOnAndEveryStepIsAppliedOnce() throws Exception {
    PgServer pg = PgServer.shared();
    String store = pg.url(pg.newSchema());
    Path gated = gatedCount();
    Gate gate = Gate.closed(dir.resolve("gate"));
    for (int i = 0; i < RUNS; i++) {
      Path flow = i < HELD ? gated : Lam.workflow("count.yaml");
      Lam.Result r = Lam.run(dir, "submit", flow, "--thread", "r" + i, "--input", "n=" + STEPS, "--store", store);
      assertThat(r.code()).as(r.toString()).isZero();
    }
    Process a = worker(store, "A"); // alone at first, so it takes the gated runs r0..r2
    await(() -> log("A").split("\ntook r", -1).length > HELD, "worker A took its " + HELD + " runs");
    assertThat(log("A")).contains("\ntook r0\n", "\ntook r1\n", "\ntook r2\n");
    List<Object> held = Lam.run(dir, "runs", "--json", "--store", store).jsonList();
    assertThat(held).anySatisfy(o -> assertThat(((Map<String, Object>) o).get("worker")).isEqualTo("A"));
    assertThat(Lam.run(dir, "runs", "--store", store).out()).containsPattern("(?m)^r\\d+ +count +[0-9a-f]{8} +running +\\d+ +\\S.* A$");
    Process b = worker(store, "B");

    Kill.end(Kill.withChildren(a)); // SIGKILL (and A's calls at the gate): its runs keep its name until the lease (2 s) expires
    await(() -> log("B").contains("from A (its lease expired)"), "worker B took over A's runs");

    b.destroy(); // SIGTERM: B finishes its current steps and releases its runs
    gate.open(); // its current steps include the gate's: let them end
    assertThat(b.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String bLog = log("B");
    assertThat(bLog).contains("worker B stopping").contains("worker B stopped\n").doesNotContain("left to their lease");
    List<Object> after = Lam.run(dir, "runs", "--json", "--store", store).jsonList();
    // B's runs are free at once (A's may still wait for their expired lease to be taken)
    assertThat(after).noneSatisfy(o -> assertThat(((Map<String, Object>) o).get("worker")).isEqualTo("B"));
    assertThat(bLog).containsPattern("released after step \\d+ for another worker");

    Process c = worker(store, "C", "--until-idle");
    assertThat(c.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(c.exitValue()).as(log("C")).isZero();

    for (int i = 0; i < RUNS; i++) {
      Map<String, Object> st = Lam.run(dir, "state", "r" + i, "--json", "--store", store).json();
      assertThat(st.get("status")).isEqualTo("done");
      assertThat(((Map<String, Object>) st.get("state")).get("seen")).as("counts of r" + i)
          .isEqualTo(LongStream.rangeClosed(1, STEPS).boxed().toList());
      List<Object> history = Lam.run(dir, "history", "r" + i, "--json", "--store", store).jsonList();
      long steps = i < HELD ? STEPS + 1 : STEPS; // the gate is a step of its own
      assertThat(history.stream().map(h -> (Long) ((Map<String, Object>) h).get("step")).toList())
          .containsExactlyElementsOf(LongStream.rangeClosed(0, steps).boxed().toList());
    }
  }

  /** count.yaml with a gate (a tool call reading the test's FIFO {@code gate}) after count GATE_AT. */
  private Path gatedCount() throws IOException {
    String text = Files.readString(Lam.workflow("count.yaml"))
        .replace("state:\n", "tools:\n  wait: { type: shell, command: [cat, gate], allow: [cat], root: \".\" }\nstate:\n")
        .replace("nodes:\n", "nodes:\n  gate: { type: tool, tool: wait }\n")
        .replace("      - { if: \"state.count < input.n\", to: tick }\n",
            "      - { if: \"state.count == " + GATE_AT + "\", to: gate }\n      - { if: \"state.count < input.n\", to: tick }\n")
        .replace("    else: END\n", "    else: END\n  - { from: gate, to: tick }\n");
    assertThat(text).contains("tool: wait", "== " + GATE_AT, "from: gate");
    Path file = dir.resolve("count.yaml");
    Files.writeString(file, text);
    return file;
  }

  private Process worker(String store, String name, String... more) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "dev.lamgraph.cli.Main", "worker", "--store", store, "--name", name, "--concurrency", "3", "--lease", "2s",
        "--poll", "100ms"));
    cmd.addAll(List.of(more));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.redirectOutput(logFile(name));
    pb.environment().remove("LAM_STORE");
    return pb.start();
  }

  private File logFile(String name) {
    return dir.resolve("worker-" + name + ".log").toFile();
  }

  private String log(String name) throws IOException {
    return "\n" + Files.readString(logFile(name).toPath());
  }

  private void await(Check c, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!c.ok()) {
      assertThat(System.nanoTime()).as("timed out waiting: " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private interface Check {
    boolean ok() throws Exception;
  }

}
