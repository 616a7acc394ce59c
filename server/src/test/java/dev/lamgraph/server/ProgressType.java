package dev.lamgraph.server;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.spec.NodeSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A test node type (registered for the server's tests only) that emits {@code custom} progress
 * while it runs: {@code {done: i, of: n, note}} for i = 1..n, 30 ms apart, then writes {@code n}
 * to {@code into}. {@code note} is the state's {@code note} (to show secrets are masked).
 */
public final class ProgressType implements NodeType {
  @Override
  public String name() {
    return "progress";
  }

  @Override
  public String summary() {
    return "test: emits custom progress events";
  }

  @Override
  public String configSchema() {
    return "{\"type\":\"object\",\"properties\":{\"steps\":{\"type\":\"integer\"},\"into\":{\"type\":\"string\"}},"
        + "\"additionalProperties\":false}";
  }

  @Override
  public String example() {
    return "p: { type: progress, steps: 3, into: done }";
  }

  @Override
  public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
    int n = spec.config().get("steps").map(v -> ((Number) v.plain()).intValue()).orElse(3);
    String into = spec.config().string("into").orElse("done");
    return Optional.of(new Node() {
      @Override
      public NodeResult run(NodeContext c) throws InterruptedException {
        for (int i = 1; i <= n; i++) {
          if (c.listening("custom")) c.emit("custom", Map.of("done", i, "of", n, "note", String.valueOf(c.state().get("note"))));
          Thread.sleep(30);
        }
        return NodeResult.of(Map.of(into, (long) n));
      }

      @Override
      public Set<String> writes() {
        return Set.of(into);
      }
    });
  }
}
