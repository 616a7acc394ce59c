package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of parallel steps and subgraphs: a real {@code lam} process is killed with SIGKILL
 * in the middle of a parallel step (two tool calls running at once) and in the middle of a
 * subgraph's child thread, then resumed. The result must equal an uninterrupted run's, every
 * checkpoint must exist exactly once, and a killed child must continue where its last committed
 * step left it, not start over.
 *
 * <p>The tool calls read gate files the test owns (see the workflows): where the test kills, the
 * gate is closed ({@link Gate}), so the calls are running and cannot finish, however fast or slow
 * the machine; once the process is dead the test opens it for the resumed run.
 */
@SuppressWarnings("unchecked")
class FlowCrashIT {
  @TempDir Path dir;

  private Path copy(String... names) throws Exception {
    for (String n : names) Files.copy(Lam.workflow(n), dir.resolve(n));
    return dir.resolve(names[0]);
  }

  private Path gate(String name) {
    return dir.resolve("gates").resolve(name);
  }

  /** Waits until {@code count} tool calls of {@code p} are reading {@code gate}. */
  private static void awaitCalls(LamProcess p, String gate, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    for (;;) {
      long reading = p.process.descendants().filter(h -> reads(h, gate)).count();
      if (reading >= count) return;
      assertThat(p.process.isAlive()).as("lam still running").isTrue();
      assertThat(System.nanoTime()).as(count + " tool calls reading " + gate + " (" + reading + " so far)").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static boolean reads(ProcessHandle h, String gate) {
    try {
      List<String> argv = List.of(Files.readString(Path.of("/proc", String.valueOf(h.pid()), "cmdline")).split("\0"));
      return argv.size() >= 2 && argv.get(0).endsWith("cat") && argv.get(argv.size() - 1).endsWith(gate);
    } catch (java.io.IOException gone) {
      return false;
    }
  }

  private Map<String, Object> state(String thread, String store) {
    return Lam.run(dir, "state", thread, "--json", "--store", store).json();
  }

  private List<Long> checkpoints(String thread, String store) {
    return Lam.run(dir, "history", thread, "--json", "--store", store).jsonList().stream()
        .map(c -> (Long) ((Map<String, Object>) c).get("step")).toList();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aRunKilledInTheMiddleOfAParallelStepResumesToTheSameState() throws Exception {
    Path flow = copy("naps-parallel.yaml");
    for (int n = 1; n <= 12; n++) Gate.open(gate(String.valueOf(n)));
    Map<String, Object> ref = Lam.run(dir, "run", flow, "--thread", "ref", "--store", "memory:", "--json").json();
    assertThat(ref).containsEntry("status", "done");
    String store = "sqlite:" + dir.resolve("lam.db");

    Object[] command = {"run", flow, "--thread", "crash", "--store", store};
    long committed = 0;
    Map<Integer, Gate> gates = Map.of(2, Gate.closed(gate("2")), 5, Gate.closed(gate("5")));
    for (int round : new int[] {2, 5}) { // kill during the parallel step of round 2, then of round 5
      try (LamProcess p = LamProcess.start(dir, command)) {
        String[] s;
        do {
          s = p.nextStep();
          assertThat(s).as("the run reached round " + round).isNotNull();
        } while (!(s[1].equals("tick") && Long.parseLong(s[0]) >= 3L * (round - 1) + 1));
        assertThat(Long.parseLong(s[0])).as("the first step of each process follows the last committed one")
            .isGreaterThan(committed);
        awaitCalls(p, "gates/" + round, 2); // both tool calls of the next step are running, held by the gate
        Kill.end(Kill.withChildren(p.process));
      }
      gates.get(round).open();
      Map<String, Object> st = state("crash", store);
      assertThat(st.get("status")).isEqualTo("interrupted");
      assertThat(st.get("next")).as("the parallel step in flight was not committed").isEqualTo(List.of("a", "b"));
      committed = (Long) st.get("step");
      command = new Object[] {"resume", "crash", "--store", store};
    }
    try (LamProcess last = LamProcess.start(dir, command)) {
      List<Long> steps = last.remainingSteps();
      assertThat(last.await()).isEqualTo(0);
      long total = (Long) ref.get("steps");
      assertThat(steps).as("the resumed process runs each remaining step once")
          .containsExactlyElementsOf(LongStream.rangeClosed(committed + 1, total).boxed().toList());
    }
    Map<String, Object> end = state("crash", store);
    assertThat(end.get("status")).isEqualTo("done");
    assertThat(end.get("state")).isEqualTo(ref.get("state"));
    assertThat(checkpoints("crash", store)).containsExactlyElementsOf(LongStream.rangeClosed(0, (Long) ref.get("steps"))
        .boxed().toList());
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aRunKilledInsideASubgraphResumesInsideTheChild() throws Exception {
    Path flow = copy("naps-subgraph.yaml", "naps-child.yaml");
    for (String n : List.of("one", "two", "three", "four")) Gate.open(gate(n));
    Map<String, Object> ref = Lam.run(dir, "run", flow, "--thread", "ref", "--store", "memory:", "--json").json();
    assertThat(ref).containsEntry("status", "done");
    String store = "sqlite:" + dir.resolve("lam.db");
    String child = "crash/research@2";

    List<Object> before;
    Gate three = Gate.closed(gate("three")); // the child's third step holds until the process is killed
    try (LamProcess p = LamProcess.start(dir, "run", flow, "--thread", "crash", "--store", store)) {
      assertThat(p.nextStep()).containsExactly("1", "before");
      awaitCalls(p, "gates/three", 1); // the child has committed two of its four steps: its third step's tool call is running
      Lam.Result r = Lam.run(dir, "state", child, "--json", "--store", store);
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.json().get("step")).as("the child got going").isEqualTo(2L);
      Kill.end(Kill.withChildren(p.process));
    }
    three.open();
    assertThat(state("crash", store)).containsEntry("status", "interrupted").containsEntry("step", 1L);
    Map<String, Object> killed = state(child, store);
    assertThat(killed).containsEntry("status", "interrupted").containsEntry("step", 2L);
    before = Lam.run(dir, "history", child, "--json", "--store", store).jsonList();

    try (LamProcess p = LamProcess.start(dir, "resume", "crash", "--store", store)) {
      assertThat(p.remainingSteps()).containsExactly(2L, 3L);
      assertThat(p.await()).isEqualTo(0);
    }
    Map<String, Object> end = state("crash", store);
    assertThat(end.get("state")).isEqualTo(ref.get("state"));
    List<Object> after = Lam.run(dir, "history", child, "--json", "--store", store).jsonList();
    assertThat(after.subList(0, 3)).as("the child's committed checkpoints were kept, not redone").isEqualTo(before);
    assertThat(checkpoints(child, store)).containsExactly(0L, 1L, 2L, 3L, 4L);
    // the parent's trace holds each child node's success exactly once, nested under the subgraph
    List<String> nested = Lam.run(dir, "trace", "crash", "--json", "--store", store).out().lines()
        .map(Json::readMap)
        .filter(e -> "node_succeeded".equals(e.get("kind")) && String.valueOf(e.get("node")).startsWith("research/"))
        .map(e -> (String) e.get("node")).toList();
    assertThat(nested).containsExactly("research/one", "research/two", "research/three", "research/four");
  }
}
