package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunListener;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.lg4j.Lg4jGraphs;
import dev.lamgraph.engine.lg4j.Lg4jResult;
import dev.lamgraph.engine.lg4j.Lg4jRunner;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential check for examples built on agent node types (the engine's DifferentialTest
 * cannot compile them): the same workflow on lamgraph's executor and on langgraph4j ends in the
 * same state after the same node order.
 */
class ExamplesOnLanggraph4jTest {
  @Test
  void invoiceReplyAgreesOnBothExecutors(@TempDir Path dir) throws Exception {
    Path graphs = new ExampleDir(dir).graphs;
    bothAgree(graphs.resolve("invoice-reply.yaml"), Map.of());
    assertThat(Files.list(graphs.resolve("data/invoice-reply/mail/outbox")).count()).isEqualTo(3); // .gitkeep + 2 drafts
  }

  @Test
  void logDebuggerAgreesOnBothExecutorsOnAFixAndOnAnEscalation(@TempDir Path dir) throws Exception {
    Path graphs = new ExampleDir(dir).graphs;
    assertThat(bothAgree(graphs.resolve("log-debugger.yaml"), Map.of()).get("proposal").toString()).contains("INC-2041");
    assertThat(bothAgree(graphs.resolve("log-debugger.yaml"), Map.of("log", "payments-service.log")).get("report").toString())
        .contains("escalate");
  }

  /** Runs the workflow on both executors; they must end DONE after the same nodes in the same state, which is returned. */
  static Map<String, Object> bothAgree(Path workflow, Map<String, Object> input) throws Exception {
    try (CompiledGraph g = Compiler.withDefaults().compile(workflow)) {
      assertThat(Lg4jGraphs.gaps(g)).isEmpty();
      List<String> ours = Collections.synchronizedList(new ArrayList<>());
      RunResult r;
      try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults().withListener(new RunListener() {
        @Override
        public void nodeDone(long step, String node, long nanos, Map<String, Object> updates) {
          ours.add(node);
        }
      }))) {
        r = runs.start(g, "ours", input);
      }
      Lg4jResult theirs = new Lg4jRunner(g).run("theirs", input);
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(theirs.status()).isEqualTo(RunStatus.DONE);
      assertThat(theirs.nodeOrder()).isEqualTo(ours);
      // graph-memory facts read back into state carry the thread that wrote them ("ours" / "theirs"), by design
      assertThat(withoutThreads(theirs.state())).isEqualTo(withoutThreads(withoutNulls(r.state())));
      return r.state();
    }
  }

  /** A copy without the {@code thread} of graph-memory provenance maps. */
  @SuppressWarnings("unchecked")
  private static Object withoutThreads(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> out.put((String) k, "provenance".equals(k) && x instanceof Map<?, ?> p
          ? withoutKey((Map<String, Object>) p, "thread") : withoutThreads(x)));
      return out;
    }
    if (v instanceof List<?> l) return l.stream().map(ExamplesOnLanggraph4jTest::withoutThreads).toList();
    return v;
  }

  private static Map<String, Object> withoutKey(Map<String, Object> m, String key) {
    Map<String, Object> out = new java.util.LinkedHashMap<>(m);
    out.remove(key);
    return out;
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> m) {
    Map<String, Object> out = new java.util.LinkedHashMap<>(m);
    out.values().removeIf(java.util.Objects::isNull);
    return out;
  }
}
