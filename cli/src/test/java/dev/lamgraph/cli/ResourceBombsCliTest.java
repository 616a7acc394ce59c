package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource bombs through {@code lam}, with the normal heap: each is one {@code lam: ...} line and
 * the documented exit code, quickly. Before: the anchor bomb grew to 6 GB (OutOfMemoryError stack
 * trace), {@code /dev/zero} as a workflow or {@code --input-file} ran out of heap while read, and
 * a string doubled every step grew until memory ran out.
 */
class ResourceBombsCliTest {
  /** Generous for a loaded machine: the refusals take milliseconds. */
  private static final Duration FAST = Duration.ofSeconds(20);

  @TempDir Path dir;

  private Lam.Result lam(Object... args) {
    return assertTimeoutPreemptively(FAST, () -> Lam.run(dir, args));
  }

  /** The diagnostic lines ({@code lam validate} prints them on stdout, {@code lam run} on stderr). */
  private static List<String> errorLines(Lam.Result r) {
    return (r.out() + r.err()).lines().filter(l -> l.contains("error[")).toList();
  }

  private static void oneErrorLine(Lam.Result r, int code, String expected) {
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.err()).as(r.toString()).isEqualTo(expected + "\n").doesNotContain("\tat ");
  }

  @Test
  void billionLaughsIsOneLineExit2() throws Exception {
    List<String> lines = new ArrayList<>(List.of("name: lol", "nodes: { a: { type: set, set: {} } }",
        "edges: [ { from: START, to: a }, { from: a, to: END } ]",
        "lol0: &lol0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"));
    for (int i = 1; i <= 9; i++) {
      lines.add("lol" + i + ": &lol" + i + " [" + String.join(", ", Collections.nCopies(10, "*lol" + (i - 1))) + "]");
    }
    Files.write(dir.resolve("lol.yaml"), lines);
    for (String command : List.of("validate", "run", "diagram")) {
      Lam.Result r = lam(command, "lol.yaml");
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(errorLines(r)).as(r.toString()).singleElement().asString()
          .contains("lol.yaml:4:7: error[YAML_UNSUPPORTED]").contains("&lol0");
      assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("OutOfMemoryError");
    }
  }

  @Test
  void devZeroAsAWorkflowIsRefusedExit2() {
    for (String command : List.of("validate", "run")) {
      Lam.Result r = lam(command, "/dev/zero");
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(errorLines(r)).as(r.toString()).singleElement().asString()
          .isEqualTo("/dev/zero:0:0: error[FILE_TOO_LARGE]: cannot read /dev/zero: it is larger than 1 MiB, the limit for"
              + " workflow files");
    }
  }

  @Test
  void devZeroAsAnInputFileIsRefusedExit2() {
    oneErrorLine(lam("run", Lam.AGENT_LOOP, "--input-file", "/dev/zero"), 2,
        "lam: error: --input-file /dev/zero is larger than 64 MiB, the limit for input files");
  }

  @Test
  void aFifoThatNeverEndsIsRefusedExit2() throws Exception {
    Path fifo = dir.resolve("in.json");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isEqualTo(0);
    Thread writer = new Thread(() -> {
      try (var out = Files.newOutputStream(fifo)) {
        byte[] chunk = " ".repeat(1 << 16).getBytes();
        while (true) out.write(chunk);
      } catch (Exception e) {
        // the reader closed the pipe: done
      }
    });
    writer.setDaemon(true);
    writer.start();
    oneErrorLine(lam("run", Lam.AGENT_LOOP, "--input-file", "in.json"), 2,
        "lam: error: --input-file in.json is larger than 64 MiB, the limit for input files");
    writer.join(5000);
  }

  @Test
  void aStringDoubledEveryStepFailsExit1AtTheLimitAndStaysInspectable() throws Exception {
    Files.writeString(dir.resolve("grow.yaml"), """
        name: grow
        state: { s: { type: string, default: "x" } }
        limits: { max_steps: 100, max_channel_bytes: 1MiB }
        nodes:
          grow: { type: set, set: { s: "state.s + state.s" } }
        edges:
          - { from: START, to: grow }
          - { from: grow, when: [ { if: "size(state.s) < 1000000000", to: grow } ], else: END }
        """);
    Lam.Result r = lam("run", "grow.yaml", "--thread", "g", "--quiet");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).as(r.toString()).isEqualTo("lam: run failed at step 20 in node 'grow' (limit): channel 's' would"
        + " hold 1048578 bytes of JSON, over limits.max_channel_bytes (1 MiB)\n");
    Lam.Result state = lam("state", "g", "--json");
    assertThat(state.code()).as(state.toString()).isEqualTo(0);
    assertThat(state.json()).containsEntry("step", 19L).containsEntry("status", "failed");
    assertThat((String) ((java.util.Map<?, ?>) state.json().get("state")).get("s")).hasSize(1 << 19);
    Lam.Result lg4j = lam("run", "grow.yaml", "--executor", "langgraph4j", "--quiet");
    assertThat(lg4j.code()).as(lg4j.err()).isEqualTo(1);
    assertThat(lg4j.err()).as(lg4j.err()).isEqualTo("lam: run failed at step 20 in node 'grow' (limit): channel 's' would"
        + " hold 1048578 bytes of JSON, over limits.max_channel_bytes (1 MiB)\n");
  }
}
