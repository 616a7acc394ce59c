package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void counterCountsToOneHundred() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(ROOT.resolve("graphs/counter.yaml"));
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      RunResult r = runs.start(g, "t1", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(r.state().get("attempts")).isEqualTo(100L);
      List<?> log = (List<?>) r.state().get("log");
      assertThat(log).hasSize(101);
      assertThat(log.get(0)).isEqualTo("plan");
      assertThat(log.get(100)).isEqualTo(100L);
      assertThat(r.state().get("cost")).isEqualTo(50.0);
      assertThat(r.state().get("notes")).isEqualTo(Map.of("goal", "count to 100", "last_review", 100L));
      assertThat(r.steps()).isEqualTo(1 + 2 * 100);
    }
  }
}
