package dev.lamgraph.visualizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 9, item 11): a tool's stderr with newlines, a carriage return and ANSI
 * sequences broke `lam trace` lines (and could forge a timeline row); every row is now one line.
 */
class TraceTextEscapingTest {
  static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
  static final String STDERR = "line one\n\u001b[31mRED\u001b[0m line two\r\n     2  fake   1ms  ok\u2028end";

  @Test
  void toolStderrAndErrorsStayOnTheirLineWithControlCharactersEscaped() {
    ThreadInfo thread = new ThreadInfo("t1", "noisy", null, null, "{}", RunStatus.FAILED, 0,
        "{\"node\":\"call\",\"kind\":\"exit_status\",\"message\":\"" + STDERR.replace("\n", "\\n").replace("\r", "\\r")
            .replace("\u001b", "\\u001b") + "\"}", null, T, T);
    List<TraceEvent> events = List.of(
        TraceEvent.of("t1", 0, TraceEvent.Kind.RUN_STARTED, null, T, Map.of("input", Map.of())),
        new TraceEvent(2, "t1", 1, "tool_call", "call", T.plusMillis(5), Map.of("tool", "boom", "duration_ms", 3,
            "error", "'./noisy.sh' exited with 3: " + STDERR)),
        TraceEvent.of("t1", 1, TraceEvent.Kind.NODE_FAILED, "call", T.plusMillis(6), Map.of("kind", "exit_status",
            "error", STDERR, "duration_us", 4000)));
    String text = new TraceText(0).render(thread, events);

    String escaped = "line one\\n\\u001b[31mRED\\u001b[0m line two\\r\\n     2  fake   1ms  ok\\u2028end";
    assertThat(text.lines()).hasSize(7); // header, column titles, 3 rows, totals, failed
    assertThat(text).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u2028")
        .contains("error   './noisy.sh' exited with 3: " + escaped + "\n")
        .contains("FAILED  exit_status: " + escaped + "\n")
        .endsWith("failed: node 'call': " + escaped + "\n");
    assertThat(text.lines().filter(l -> l.contains("fake"))).hasSize(3); // inside the three rows, never a row of its own
  }
}
