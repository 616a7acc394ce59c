package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.OutputShape;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test node type with side effects: {@code effect} makes {@code calls} calls through {@link
 * dev.lamgraph.engine.node.NodeContext#once}, each of which (when really made) counts in {@link
 * #made} and answers {@code {node, call, made}} (the thread's count so far). The first time a task
 * of a thread (once per thread) runs in this JVM it throws {@link TestTypes.SimulatedCrash} after {@code crash_after} calls (0 =
 * never). It appends the answers to channel {@code into} (default {@code results}) and emits {@code
 * custom} {@code {node, call, thread}} after each call when someone listens.
 */
public final class EffectType implements NodeType {
  private static final Map<String, AtomicInteger> MADE = new ConcurrentHashMap<>();
  private static final Set<String> CRASHED = ConcurrentHashMap.newKeySet();

  /** The calls really made in {@code thread} (not answered from a journal). */
  public static int made(String thread) {
    AtomicInteger n = MADE.get(thread);
    return n == null ? 0 : n.get();
  }

  /** What one call appends to {@code into}: {node, call, made} (declared, so CEL reads are checked). */
  @Override
  public List<OutputShape> outputShapes() {
    return List.of(new OutputShape("into", "EffectAnswer", Map.of("type", "object", "properties", Map.of(
        "node", Map.of("type", "string"), "call", Map.of("type", "integer"), "made", Map.of("type", "integer")))));
  }

  @Override
  public String name() {
    return "effect";
  }

  @Override
  public String summary() {
    return "test: calls with side effects";
  }

  @Override
  public String configSchema() {
    return "{\"type\":\"object\",\"properties\":{\"calls\":{\"type\":\"integer\"},\"crash_after\":{\"type\":\"integer\"},"
        + "\"into\":{\"type\":\"string\"}},\"additionalProperties\":false}";
  }

  @Override
  public String example() {
    return "e: { type: effect, calls: 3 }";
  }

  @Override
  public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
    int calls = spec.config().get("calls").map(n -> ((Number) n.plain()).intValue()).orElse(1);
    int crashAfter = spec.config().get("crash_after").map(n -> ((Number) n.plain()).intValue()).orElse(0);
    String into = spec.config().string("into").orElse("results");
    return Optional.of(new Node() {
      @Override
      public NodeResult run(dev.lamgraph.engine.node.NodeContext c) {
        List<Object> answers = new ArrayList<>();
        for (int i = 1; i <= calls; i++) {
          int call = i;
          answers.add(Json.read(c.once("tool", () -> {
            int n = MADE.computeIfAbsent(c.threadId(), k -> new AtomicInteger()).incrementAndGet();
            return Json.write(Map.of("node", c.nodeName(), "call", call, "made", n));
          })));
          if (c.listening("custom")) c.emit("custom", Map.of("node", c.nodeName(), "call", call, "thread", c.threadId()));
          if (call == crashAfter && CRASHED.add(c.threadId())) {
            throw new TestTypes.SimulatedCrash(c.nodeName() + " after call " + call);
          }
        }
        return NodeResult.of(Map.of(into, answers));
      }

      @Override
      public Set<String> writes() {
        return Set.of(into);
      }
    });
  }
}
