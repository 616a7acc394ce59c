package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: a real {@code lam} process running a long loop on a SQLite store is killed with
 * SIGKILL at random moments, then resumed until done. The result must equal an uninterrupted
 * run's exactly, and the history must hold every step once.
 *
 * <p>Each kill comes after at most {@link #MAX_LINES} progress lines read, and a process can be at
 * most {@link #AHEAD} steps ahead of the reader however fast it runs or however slow the reader is:
 * it blocks once the pipe (64 KiB), the JVM's output buffers and the reader's buffer are full, and
 * every progress line is longer than 60 bytes. So the three kills land before step 3 x (1,550 +
 * 1,775) = 9,975 of the 12,001: every process is still running when killed.
 */
class CrashResumeIT {
  static final int ITERATIONS = 6000;
  static final long STEPS = 1 + 2L * ITERATIONS;
  static final int KILLS = 3;
  static final int MAX_LINES = 1550;
  static final long AHEAD = (64 + 32 + 8) * 1024 / 60 + 1; // pipe + JVM output buffers + reader buffer, over the shortest line
  static final Pattern PROGRESS = Pattern.compile("^ *(\\d+)  \\S");

  @TempDir Path dir;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  @SuppressWarnings("unchecked")
  void killedRunResumesToTheSameStateWithoutGapsOrDuplicates() throws Exception {
    long seed = Long.getLong("crash.seed", System.nanoTime());
    System.out.println("CrashResumeIT seed " + seed + " (rerun with -Dcrash.seed=" + seed + ")");
    Random rnd = new Random(seed);
    Path flow = dir.resolve("count.yaml");
    String text = Files.readString(Lam.COUNTER)
        .replace("state.attempts < 100", "state.attempts < " + ITERATIONS)
        .replace("max_steps: 1000", "max_steps: " + (STEPS + 10));
    assertThat(text).contains("< " + ITERATIONS).contains("max_steps: " + (STEPS + 10));
    Files.writeString(flow, text);
    assertThat(KILLS * (MAX_LINES + AHEAD)).as("every kill lands before the last step").isLessThan(STEPS);
    String store = "sqlite:" + dir.resolve("lam.db");

    // the uninterrupted reference, in this JVM on a memory store
    Lam.Result ref = Lam.run(dir, "run", flow, "--thread", "ref", "--store", "memory:", "--json");
    assertThat(ref.code()).as(ref.toString()).isEqualTo(0);
    Map<String, Object> whole = ref.json();
    assertThat(whole.get("steps")).isEqualTo(STEPS);

    List<String> command = new ArrayList<>(List.of("run", flow.toString(), "--thread", "crash", "--store", store));
    long committed = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      int after = 50 + rnd.nextInt(MAX_LINES - 50);
      long first = killAfter(start(command.toArray()), after, rnd.nextInt(25));
      assertThat(first).as("the first step a process runs follows the last committed one").isEqualTo(committed + 1);
      Map<String, Object> st = Lam.run(dir, "state", "crash", "--json", "--store", store).json();
      assertThat(st.get("status")).as("a killed run shows as interrupted").isEqualTo("interrupted");
      long now = (Long) st.get("step");
      assertThat(now).as("kill " + kill + " after " + after + " lines").isGreaterThanOrEqualTo(committed + after);
      assertThat(now).isLessThan(STEPS);
      committed = now;
      command = new ArrayList<>(List.of("resume", "crash", "--store", store));
    }
    Process last = start(command.toArray());
    List<Long> steps = new ArrayList<>();
    try (BufferedReader r = reader(last)) {
      for (String line; (line = r.readLine()) != null; ) {
        Matcher m = PROGRESS.matcher(line);
        if (m.find()) steps.add(Long.parseLong(m.group(1)));
      }
    }
    assertThat(await(last)).isEqualTo(0);
    assertThat(steps).containsExactlyElementsOf(LongStream.rangeClosed(committed + 1, STEPS).boxed().toList());

    Map<String, Object> crash = Lam.run(dir, "state", "crash", "--json", "--store", store).json();
    assertThat(crash.get("status")).isEqualTo("done");
    assertThat(crash.get("step")).isEqualTo(STEPS);
    assertThat(crash.get("state")).isEqualTo(whole.get("state"));
    Map<String, Object> state = (Map<String, Object>) crash.get("state");
    assertThat(state).containsEntry("attempts", (long) ITERATIONS).containsEntry("cost", ITERATIONS * 0.5)
        .containsEntry("notes", Map.of("goal", "count to 100", "last_review", (long) ITERATIONS));
    List<Object> log = (List<Object>) state.get("log");
    assertThat(log).hasSize(ITERATIONS + 1);
    assertThat(log.get(0)).isEqualTo("plan");
    for (int i = 1; i <= ITERATIONS; i++) assertThat(log.get(i)).isEqualTo((long) i);

    List<Object> history = Lam.run(dir, "history", "crash", "--json", "--store", store).jsonList();
    List<Long> cps = history.stream().map(c -> (Long) ((Map<String, Object>) c).get("step")).toList();
    assertThat(cps).containsExactlyElementsOf(LongStream.rangeClosed(0, STEPS).boxed().toList());
  }

  /** Reads progress lines; after {@code lines} of them (and a short pause) sends SIGKILL. Returns the first step seen. */
  private static long killAfter(Process p, int lines, int pauseMillis) throws Exception {
    long first = -1;
    int seen = 0;
    try (BufferedReader r = reader(p)) {
      for (String line; (line = r.readLine()) != null; ) {
        Matcher m = PROGRESS.matcher(line);
        if (!m.find()) continue;
        if (first < 0) first = Long.parseLong(m.group(1));
        if (++seen == lines) break;
      }
      assertThat(seen).as("the process printed enough progress before the kill").isEqualTo(lines);
      Thread.sleep(pauseMillis);
      assertThat(p.isAlive()).as("still running when killed").isTrue();
      p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(p.exitValue()).isEqualTo(137);
    return first;
  }

  private static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  private static int await(Process p) throws Exception {
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("lam finished in time").isTrue();
    return p.exitValue();
  }

  private Process start(Object... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath(), "dev.lamgraph.cli.Main"));
    for (Object a : args) cmd.add(String.valueOf(a));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("stderr.txt").toFile()));
    pb.environment().remove("LAM_STORE");
    return pb.start();
  }

  /** The packaged CLI (target/lam.jar + target/lib) when failsafe tells where it is, else this JVM's class path. */
  private static String classpath() {
    String jar = System.getProperty("lam.jar");
    String lib = System.getProperty("lam.lib");
    if (jar != null && lib != null && Files.isRegularFile(Path.of(jar))) return jar + File.pathSeparator + lib + "/*";
    return System.getProperty("java.class.path");
  }
}
