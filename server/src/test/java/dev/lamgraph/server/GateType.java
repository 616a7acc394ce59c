package dev.lamgraph.server;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.spec.NodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test node type (registered for the server's tests only) that waits until the test opens its
 * gate: {@code g: { type: gate, name: first }} blocks while gate {@code first} is closed
 * ({@link #close}) until {@link #open}{@code ("first")}, so a run is certainly still active while
 * the test acts on it, however fast or slow the machine. A gate never closed is open. {@code ms}
 * (default 0) is a pause before the gate, as the engine's test-only {@code sleep} node makes.
 */
public final class GateType implements NodeType {
  private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

  static void close(String name) {
    GATES.put(name, new CountDownLatch(1));
  }

  /**
   * Writes {@code gated.yaml} into {@code dir}: a workflow (assistant {@code gated}) that waits at
   * gate {@code name}, then counts {@code n} up to {@code limit} (default 3); closes that gate.
   */
  static void workflow(Path dir, String name) throws IOException {
    Files.writeString(dir.resolve("gated.yaml"), """
        name: gated
        description: Counts to state.limit once the test opens its gate.
        state:
          n:     { type: integer, default: 0 }
          limit: { type: integer, default: 3 }
        nodes:
          gate: { type: gate, name: %s }
          tick: { type: set, set: { n: "state.n + 1" } }
        edges:
          - { from: START, to: gate }
          - { from: gate, to: tick }
          - from: tick
            when: [ { if: "state.n < state.limit", to: tick } ]
            else: END
        """.formatted(name));
    close(name);
  }

  static void open(String name) {
    CountDownLatch gate = GATES.get(name);
    if (gate != null) gate.countDown();
  }

  @Override
  public String name() {
    return "gate";
  }

  @Override
  public String summary() {
    return "test: waits until the test opens the named gate";
  }

  @Override
  public String configSchema() {
    return "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"ms\":{\"type\":\"integer\"}},"
        + "\"required\":[\"name\"],\"additionalProperties\":false}";
  }

  @Override
  public String example() {
    return "g: { type: gate, name: first }";
  }

  @Override
  public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
    String name = spec.config().string("name").orElseThrow();
    long ms = spec.config().get("ms").map(v -> ((Number) v.plain()).longValue()).orElse(0L);
    return Optional.of(new Node() {
      @Override
      public NodeResult run(NodeContext c) throws InterruptedException {
        if (ms > 0) Thread.sleep(ms);
        CountDownLatch gate = GATES.get(name);
        if (gate != null && !gate.await(5, TimeUnit.MINUTES)) throw new IllegalStateException("gate '" + name + "' never opened");
        return NodeResult.of(Map.of());
      }

      @Override
      public Set<String> writes() {
        return Set.of();
      }
    });
  }
}
