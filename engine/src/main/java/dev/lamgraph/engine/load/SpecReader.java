package dev.lamgraph.engine.load;

import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.EdgeSpec;
import dev.lamgraph.engine.spec.LimitsSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.RetrySpec;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.WorkflowSpec;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.spec.YNode.YList;
import dev.lamgraph.engine.spec.YNode.YMap;
import dev.lamgraph.engine.util.Durations;
import dev.lamgraph.engine.util.Sizes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds {@link WorkflowSpec} records from a schema-checked {@link YNode} tree. Lenient about
 * pieces the schema already reported, so later checks can still find every other problem.
 */
final class SpecReader {
  private SpecReader() {}

  static WorkflowSpec read(YMap root, String file, String source, Map<String, YNode> sections,
      Problems problems) {
    String name = root.string("name").orElse("");
    String description = root.string("description").orElse("");
    LinkedHashMap<String, ChannelSpec> state = new LinkedHashMap<>();
    root.get("state").filter(YMap.class::isInstance).map(YMap.class::cast).ifPresent(m ->
        m.entries().forEach((k, e) -> state.put(k, channel(k, e.keyPos(), e.value(), problems))));
    LinkedHashMap<String, NodeSpec> nodes = new LinkedHashMap<>();
    root.get("nodes").filter(YMap.class::isInstance).map(YMap.class::cast).ifPresent(m ->
        m.entries().forEach((k, e) -> nodes.put(k, node(k, e.keyPos(), e.value()))));
    List<EdgeSpec> edges = new ArrayList<>();
    root.get("edges").filter(YList.class::isInstance).map(YList.class::cast).ifPresent(l ->
        l.items().forEach(i -> edge(i, problems).map(e -> i instanceof YMap m && !e.isJoin()
            ? RejectedEdges.apply(e, m, nodes, state, problems) : e).ifPresent(edges::add)));
    LimitsSpec limits = LimitsSpec.DEFAULT;
    if (root.get("limits").orElse(null) instanceof YMap lm) {
      // any integral number (the schema accepts 1e3 as the integer 1000), so a declared limit is never dropped
      Optional<Long> maxSteps = lm.get("max_steps").map(YNode::plain).filter(Number.class::isInstance)
          .map(Number.class::cast).filter(n -> n.doubleValue() == Math.rint(n.doubleValue())).map(Number::longValue);
      Duration timeout = lm.string("timeout").flatMap(Durations::parse).orElse(null);
      long iterations = lm.get("max_cel_iterations").map(YNode::plain).filter(Long.class::isInstance).map(Long.class::cast)
          .filter(n -> n >= 1).orElse((long) LimitsSpec.DEFAULT_MAX_CEL_ITERATIONS); // the schema reports a bad one
      limits = new LimitsSpec(maxSteps.orElse(LimitsSpec.DEFAULT.maxSteps()), timeout, maxSteps.isPresent(), (int) Math.min(Integer.MAX_VALUE, iterations),
          size(lm, "max_channel_bytes", LimitsSpec.DEFAULT_MAX_CHANNEL_BYTES),
          size(lm, "max_state_bytes", LimitsSpec.DEFAULT_MAX_STATE_BYTES));
    }
    return new WorkflowSpec(name, description, state, nodes, List.copyOf(edges), limits, file, source, sections,
        root.get("version").map(v -> String.valueOf(v.plain())).orElse(null));
  }

  /** A size written as a number of bytes or as {@code 16MiB}; the schema reported anything else. */
  private static long size(YMap m, String key, long orElse) {
    Object v = m.get(key).map(YNode::plain).orElse(null);
    if (v instanceof Long n && n > 0) return n;
    if (v instanceof String s) return Sizes.parse(s).filter(n -> n > 0).orElse(orElse);
    return orElse;
  }

  /** A channel whose shape the schema rejected is kept as an untyped one, so its uses raise no further errors. */
  private static ChannelSpec channel(String name, Pos pos, YNode n, Problems problems) {
    YMap m = n instanceof YMap map ? map : new YMap(Map.of(), n.pos());
    Optional<ValueType> type = m.string("type").flatMap(ValueType::parse);
    ReducerKind reducer = type.isEmpty() ? ReducerKind.REPLACE
        : m.string("reducer").flatMap(ReducerKind::parse).orElse(ReducerKind.defaultFor(type.get()));
    ValueType items = m.string("items").flatMap(ValueType::parse).orElse(null);
    String schema = null;
    if (m.get("schema").orElse(null) instanceof YMap s) {
      SchemaCheck.checkSchemaDocument(s, "schema of channel '" + name + "'", Codes.CHANNEL_SCHEMA, problems);
      schema = s.json().toString();
    }
    boolean hasDefault = m.get("default").isPresent();
    Object def = m.get("default").map(YNode::plain).orElse(null);
    return new ChannelSpec(name, type.orElse(ValueType.ANY), reducer, def, hasDefault, items, schema,
        m.string("description").orElse(""), pos);
  }

  /** A node without a usable type is kept (type null) so edges to it raise no further errors. */
  static NodeSpec node(String name, Pos pos, YNode n) {
    YMap m = n instanceof YMap map ? map : new YMap(Map.of(), n.pos());
    String type = m.string("type").orElse(null);
    Duration timeout = m.string("timeout").flatMap(Durations::parse).orElse(null);
    RetrySpec retry = RetrySpec.NONE;
    if (m.get("retry").orElse(null) instanceof YMap r) {
      int max = r.get("max_attempts").map(YNode::plain).filter(Long.class::isInstance).map(v -> ((Long) v).intValue()).orElse(3);
      YMap b = r.get("backoff").filter(YMap.class::isInstance).map(YMap.class::cast).orElse(new YMap(Map.of(), r.pos()));
      Duration initial = b.string("initial").flatMap(Durations::parse).orElse(Duration.ofMillis(200));
      Duration maxD = b.string("max").flatMap(Durations::parse).orElse(Duration.ofSeconds(10));
      double mult = b.get("multiplier").map(YNode::plain).filter(Number.class::isInstance).map(v -> ((Number) v).doubleValue()).orElse(2.0);
      Set<String> on = new LinkedHashSet<>();
      r.get("on").filter(YList.class::isInstance).map(YList.class::cast)
          .ifPresent(l -> l.items().forEach(i -> on.add(String.valueOf(i.plain()))));
      retry = new RetrySpec(max, initial, maxD, mult, Set.copyOf(on));
    }
    boolean ib = Boolean.TRUE.equals(m.get("interrupt_before").map(YNode::plain).orElse(false));
    boolean ia = Boolean.TRUE.equals(m.get("interrupt_after").map(YNode::plain).orElse(false));
    return new NodeSpec(name, type, m.string("description").orElse(""), retry, timeout,
        m.string("on_error").orElse(null), ib, ia, m, pos);
  }

  private static Optional<EdgeSpec> edge(YNode n, Problems problems) {
    if (!(n instanceof YMap m)) return Optional.empty();
    if (m.get("from").orElse(null) instanceof YList sources) return join(m, sources, problems);
    Optional<String> from = m.string("from");
    if (from.isEmpty()) return Optional.empty();
    YNode toNode = m.get("to").orElse(null);
    List<EdgeSpec.Target> to = targets(toNode);
    List<EdgeSpec.Branch> when = new ArrayList<>();
    if (m.get("when").orElse(null) instanceof YList wl) {
      for (YNode w : wl.items()) {
        if (w instanceof YMap wm && wm.string("if").isPresent() && wm.string("to").isPresent()) {
          when.add(new EdgeSpec.Branch(wm.string("if").get(), wm.valuePos("if"),
              new EdgeSpec.Target(wm.string("to").get(), wm.valuePos("to"))));
        }
      }
    }
    EdgeSpec.Target elseTo = m.string("else").map(e -> new EdgeSpec.Target(e, m.valuePos("else"))).orElse(null);
    boolean conditional = m.get("when").isPresent() || elseTo != null;
    if (conditional && toNode != null) {
      problems.error(Codes.EDGE_SHAPE, m.keyPos("to"), "an edge has either 'to' (static) or 'when'/'else' (conditional), not both");
    } else if (!conditional && toNode == null) {
      problems.error(Codes.EDGE_SHAPE, m.valuePos("from"), "edge from '" + from.get() + "' has no target: add 'to', or 'when'/'else'");
    } else if (conditional && m.get("when").orElse(null) instanceof YList wl && wl.items().isEmpty() && elseTo == null) {
      problems.error(Codes.EDGE_SHAPE, m.keyPos("when"), "edge from '" + from.get() + "' has an empty 'when' and no 'else': "
          + "add a branch `{ if: ..., to: ... }` or an 'else'");
    }
    return Optional.of(new EdgeSpec(from.get(), m.valuePos("from"), List.copyOf(to), List.copyOf(when), elseTo, m.pos()));
  }

  /** {@code { from: [a, b], to: c }}: a join (waiting edge); only a static {@code to} fits it. */
  private static Optional<EdgeSpec> join(YMap m, YList sources, Problems problems) {
    List<EdgeSpec.Target> from = targets(sources);
    if (from.isEmpty()) return Optional.empty(); // the schema reported the empty or malformed list
    YNode toNode = m.get("to").orElse(null);
    String shown = "[" + String.join(", ", from.stream().map(EdgeSpec.Target::node).toList()) + "]";
    if (m.get("when").isPresent() || m.get("else").isPresent()) {
      problems.error(Codes.EDGE_SHAPE, m.keyPos(m.get("when").isPresent() ? "when" : "else"), "a join (edge from a list, "
          + shown + ") takes a static 'to', not 'when'/'else'; put the condition on an edge out of its target");
      return Optional.empty();
    }
    if (toNode == null) {
      problems.error(Codes.EDGE_SHAPE, m.valuePos("from"), "join from " + shown + " has no target: add 'to'");
      return Optional.empty();
    }
    return Optional.of(new EdgeSpec(shown, m.valuePos("from"), targets(toNode), List.of(), null, m.pos(), from));
  }

  /** A target name, or a list of them; items that are not strings were reported by the schema. */
  private static List<EdgeSpec.Target> targets(YNode n) {
    List<EdgeSpec.Target> out = new ArrayList<>();
    if (n instanceof YNode.YScalar s && s.value() instanceof String t) {
      out.add(new EdgeSpec.Target(t, s.pos()));
    } else if (n instanceof YList l) {
      for (YNode i : l.items()) if (i.plain() instanceof String t) out.add(new EdgeSpec.Target(t, i.pos()));
    }
    return List.copyOf(out);
  }
}
