package dev.lamgraph.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CEL 0.14 returns {@code dev.cel.common.values.NullValue} for null, which used to become the string "NULL_VALUE". */
class CelNullValueTest {
  @Test
  void celNullIsJavaNullInTheState() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compileText("t.yaml", """
        name: t
        state: { s: { type: string, default: "x" }, bag: { type: object } }
        nodes:
          clear: { type: set, set: { s: "null", bag: "{'k': null, 'l': [null, 1]}" } }
        edges: [ { from: START, to: clear }, { from: clear, to: END } ]
        """, Path.of("."));
    RunResult r;
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      r = runs.start(g, "t", Map.of());
    }
    Map<String, Object> bag = new LinkedHashMap<>();
    bag.put("k", null);
    bag.put("l", Arrays.asList(null, 1L));
    assertThat(r.state()).containsEntry("s", null).containsEntry("bag", bag);
  }
}
