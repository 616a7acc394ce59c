package dev.lamgraph.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Keeps {@link ServeBenchmark} working: its quick variant prints its lines; no timing is asserted. */
class ServeBenchmarkTest {
  @Test
  void quickRunPrintsBothFigures() throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      ServeBenchmark.main(new String[] {"--quick"});
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("\"bench\":\"serve_commit_to_sse_one_stream\"").contains("\"steps\":201")
        .contains("\"bench\":\"serve_tasks_mode_cost\"").contains("\"us_per_step_updates_tasks\"")
        .contains("\"bench\":\"serve_commit_to_sse_concurrent\"").contains("\"streams\":5").contains("\"steps\":1005");
  }
}
