package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.OutputShape;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which channels take a node type's declared output shape ({@link NodeType#outputShapes()}) for
 * CEL type checking: a channel named by a node's shaped key (e.g. a reviewer's {@code output:})
 * that declares no {@code schema:} of its own and can hold the value as a whole: an {@code object}
 * or {@code any} channel for an object shape, a {@code list} channel of {@code object}/{@code any}
 * items for a list shape (a plan) or, with reducer {@code append}, for an object shape (one item
 * per write). A channel written under two different shapes keeps its plain type.
 */
final class ShapedChannels {
  private ShapedChannels() {}

  static Map<String, OutputShape> of(dev.lamgraph.engine.spec.WorkflowSpec spec, NodeTypes types) {
    Map<String, OutputShape> out = new LinkedHashMap<>();
    Set<String> conflicting = new HashSet<>();
    for (NodeSpec n : spec.nodes().values()) {
      if (n.type() == null) continue;
      NodeType t = types.get(n.type()).orElse(null);
      if (t == null) continue;
      for (OutputShape s : t.outputShapes()) {
        String name = n.config().string(s.key()).orElse(null);
        ChannelSpec ch = name == null ? null : spec.state().get(name);
        if (ch == null || !fits(ch, s)) continue;
        OutputShape before = out.putIfAbsent(name, s);
        if (before != null && !before.equals(s)) conflicting.add(name);
      }
    }
    conflicting.forEach(out::remove);
    return out;
  }

  private static boolean fits(ChannelSpec ch, OutputShape s) {
    if (ch.schema() != null) return false;
    boolean objectItems = ch.items() == null || ch.items() == ValueType.OBJECT || ch.items() == ValueType.ANY;
    if (s.isList()) return ch.type() == ValueType.LIST && objectItems && ch.reducer() != ReducerKind.APPEND;
    return ch.type() == ValueType.OBJECT || ch.type() == ValueType.ANY
        || ch.type() == ValueType.LIST && ch.reducer() == ReducerKind.APPEND && objectItems;
  }
}
