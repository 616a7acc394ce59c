package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Side effects once, under SIGKILL: 50 trials, each a real {@code lam run} process killed at a
 * random moment, then resumed. The workflow makes several calls per step (a map of HTTP POSTs to a
 * loopback sink, then a shell tool appending a line to a file); the sink and the file count every
 * call. Every call must have happened, none twice, except the one call that was in flight at the
 * kill (made, but killed before its result was journalled), which may happen once more; the final
 * state must equal an uninterrupted run's.
 *
 * <p>Every trial is killed mid-run, whatever the speed of the engine or the machine: its sink holds
 * one randomly chosen POST unanswered until the process is dead, so the run cannot end first; the
 * kill comes a random delay after the run's first call, or with that POST in flight if the run gets
 * there sooner. Before the resume the test waits until every call the dead process had made has
 * landed: the shell calls it had started have ended (snapshot by {@link Kill}) and the sink has read
 * every request it had sent (its connections are closed).
 */
class SideEffectsOnceIT {
  static final int TRIALS = Integer.getInteger("effects.trials", 50);
  static final int ROUNDS = 6;

  @TempDir Path dir;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void everyCallHappensOnceAcrossKillsAndTheFinalStateIsTheUninterruptedOne() throws Exception {
    long seed = Long.getLong("effects.seed", System.nanoTime());
    System.out.println("SideEffectsOnceIT seed " + seed + " (rerun with -Deffects.seed=" + seed + ")");
    long t0 = System.nanoTime();
    Files.writeString(dir.resolve("calls.log"), "");
    Files.createDirectories(dir.resolve("stores"));

    // the uninterrupted reference, also recording the class archive the trials start from
    List<String> expected = new ArrayList<>(); // in the order the run makes them
    for (int r = 0; r < ROUNDS; r++) expected.addAll(List.of("r" + r + "-p1", "r" + r + "-p2", "r" + r + "-p3", "r" + r + "-a"));
    Object refState;
    try (CallSink sink = new CallSink(null)) {
      Process ref = start("-XX:ArchiveClassesAtExit=" + dir.resolve("lam.jsa"), "run", workflow("ref", sink), "--thread", "ref",
          "--input", "trial=ref", "--store", store("ref"), "-q");
      assertThat(ref.waitFor(3, TimeUnit.MINUTES)).isTrue();
      assertThat(ref.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isEqualTo(0);
      List<String> made = new ArrayList<>(sink.posted());
      made.addAll(logged("ref"));
      assertThat(made).as("the uninterrupted run makes each call once").containsExactlyInAnyOrderElementsOf(expected);
      refState = state("ref");
    }

    Random rnd = new Random(seed);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<Trial>> futures = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      String id = "t" + i;
      int delay = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(400);
      String held = "r" + rnd.nextInt(ROUNDS) + "-p" + (1 + rnd.nextInt(3));
      futures.add(pool.submit(() -> trial(id, delay, held)));
    }
    int atHeld = 0, repeated = 0;
    for (Future<Trial> f : futures) {
      Trial tr = f.get(5, TimeUnit.MINUTES);
      if (tr.atHeld) atHeld++;
      List<String> all = new ArrayList<>(tr.posts);
      all.addAll(tr.lines);
      assertThat(all).as(tr.id + ": every call happened").containsAll(expected);
      List<String> twice = all.stream().filter(c -> Collections.frequency(all, c) > 1).distinct().toList();
      if (!twice.isEmpty()) {
        repeated++;
        // only the call in flight at the kill, made by the killed process, may have happened again
        List<String> before = new ArrayList<>(tr.posts.subList(0, tr.postsBefore));
        before.addAll(tr.lines.subList(0, tr.linesBefore));
        String inFlight = before.stream().max((a, b) -> expected.indexOf(a) - expected.indexOf(b)).orElseThrow();
        assertThat(twice).as(tr.id + ": repeated calls").containsExactly(inFlight);
        assertThat(Collections.frequency(all, inFlight)).isEqualTo(2);
      }
      if (tr.atHeld) assertThat(twice).as(tr.id + ": the held call was in flight at the kill, so made again: " + tr).containsExactly(tr.held);
      assertThat(all).as(tr.id + ": no call but the expected ones").hasSize(expected.size() + twice.size());
      assertThat(state(tr.id)).as(tr.id + ": final state").isEqualTo(refState);
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("{\"bench\":\"side_effects_once\",\"trials\":%d,\"killed_mid_run\":%d,\"killed_at_held_call\":%d,"
        + "\"in_flight_call_repeated\":%d,\"calls_per_trial\":%d,\"seconds\":%.1f}%n", TRIALS, TRIALS, atHeld, repeated,
        expected.size(), seconds);
  }

  /** One trial's calls, and how many of each the killed process made; whether it was killed with the held call in flight. */
  private record Trial(String id, String held, boolean atHeld, List<String> posts, int postsBefore, List<String> lines,
      int linesBefore) {}

  private Trial trial(String id, int delayMillis, String held) throws Exception {
    try (CallSink sink = new CallSink(held)) {
      Process p = start(null, "run", workflow(id, sink), "--thread", id, "--input", "trial=" + id, "--store", store(id));
      try {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (sink.posted().isEmpty()) { // the run has started its steps
          assertThat(p.isAlive()).as(id + " running").isTrue();
          assertThat(System.nanoTime()).as(id + " made its first call").isLessThan(deadline);
          Thread.sleep(1);
        }
        // a random moment, or sooner with the held call in flight; the run cannot end before it
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        while (System.nanoTime() < until && !sink.holding()) Thread.sleep(1);
        List<ProcessHandle> shellCalls = Kill.withChildren(p); // asserts it was still running
        boolean atHeld = sink.holding();
        sink.release();
        // every call the dead process made has landed: the shell calls it started have written their
        // lines, the sink has read every request it had sent
        Kill.awaitEnd(shellCalls);
        sink.awaitIdle();
        int postsBefore = sink.posted().size();
        int linesBefore = logged(id).size();
        Lam.Result resumed = Lam.run(dir, "resume", id, "--store", store(id), "-q");
        assertThat(resumed.code()).as(id + " resumed: " + resumed).isEqualTo(0);
        return new Trial(id, held, atHeld, sink.posted(), postsBefore, logged(id), linesBefore);
      } finally {
        p.destroyForcibly();
      }
    }
  }

  private String store(String id) {
    return "sqlite:" + dir.resolve("stores/" + id + ".db");
  }

  private List<String> logged(String trial) throws Exception {
    return Files.readAllLines(dir.resolve("calls.log")).stream().filter(l -> l.startsWith(trial + " "))
        .map(l -> l.substring(trial.length() + 1)).toList();
  }

  private Object state(String id) {
    Lam.Result st = Lam.run(dir, "state", id, "--json", "--store", store(id));
    assertThat(st.code()).as(st.toString()).isEqualTo(0);
    assertThat(st.json().get("status")).as(id).isEqualTo("done");
    return st.json().get("state");
  }

  /** The workflow of one trial, posting to its own sink. */
  private String workflow(String id, CallSink sink) throws Exception {
    Path file = dir.resolve("effects-" + id + ".yaml");
    Files.writeString(file, workflow(sink.port()));
    return file.getFileName().toString();
  }

  private static String workflow(int port) {
    return """
        name: effects
        version: 1
        tools:
          post:
            type: http
            method: POST
            url: "http://127.0.0.1:%d/call?id={id}"
            allow_hosts: [127.0.0.1]
            allow_private: true
            timeout: 10m # a held call waits for the kill, however slow the machine
          append:
            type: shell
            command: [awk, "BEGIN { print ARGV[1], ARGV[2] >> \\"calls.log\\"; exit }", "{trial}", "{id}"]
            allow: [awk]
            root: .
            writable: true
            sandbox: none
        state:
          round:    { type: integer, default: 0 }
          items:    { type: list, default: [1, 2, 3] }
          item:     { type: any }
          body:     { type: any }
          posted:   { type: list, reducer: append }
          appended: { type: list, reducer: append }
        nodes:
          post_all:
            type: map
            over: items
            item: item
            collect: body
            output: posted
            max_concurrency: 1
            node: { type: tool, tool: post, args: { id: "'r' + string(state.round) + '-p' + string(state.item)" }, save: { body: "result.body" } }
          append: { type: tool, tool: append, args: { trial: "input.trial", id: "'r' + string(state.round) + '-a'" }, output: appended }
          next:   { type: set, set: { round: "state.round + 1" } }
        edges:
          - { from: START, to: post_all }
          - { from: post_all, to: append }
          - { from: append, to: next }
          - from: next
            when: [ { if: "state.round < %d", to: post_all } ]
            else: END
        """.formatted(port, ROUNDS);
  }

  private Process start(String jvmOption, Object... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
    cmd.add(jvmOption != null ? jvmOption : "-XX:SharedArchiveFile=" + dir.resolve("lam.jsa"));
    cmd.addAll(List.of("-cp", classpath(), "dev.lamgraph.cli.Main"));
    for (Object a : args) cmd.add(String.valueOf(a));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("stderr.txt").toFile()));
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().remove("LAM_STORE");
    pb.environment().remove("LAM_STORE_KEY");
    return pb.start();
  }

  private static String classpath() {
    String jar = System.getProperty("lam.jar");
    String lib = System.getProperty("lam.lib");
    if (jar != null && lib != null && Files.isRegularFile(Path.of(jar))) return jar + File.pathSeparator + lib + "/*";
    return System.getProperty("java.class.path");
  }
}
