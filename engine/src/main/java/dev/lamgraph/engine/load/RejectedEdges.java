package dev.lamgraph.engine.load;

import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.EdgeSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rejected: NODE} on an edge out of a {@code human} node: where the run goes when the person
 * does not approve. It is a conditional branch tried first, written for the node's output
 * channel: for a boolean answer {@code state.OUT != true}, for an object answer (whose schema
 * has a boolean {@code approved}) {@code !(has(state.OUT.approved) && state.OUT.approved == true)};
 * only an explicit approval takes the edge's other targets ({@code to}, or {@code when}/{@code else}).
 *
 * <pre>{@code
 * - { from: approve, to: publish, rejected: revise }
 * }</pre>
 */
public final class RejectedEdges {
  private RejectedEdges() {}

  /** {@code edge} with its {@code rejected:} as a first branch; reports REJECTED_EDGE and returns it unchanged when it cannot be. */
  static EdgeSpec apply(EdgeSpec edge, YNode.YMap m, Map<String, NodeSpec> nodes, Map<String, ChannelSpec> state,
      Problems problems) {
    Optional<String> rejected = m.string("rejected");
    if (rejected.isEmpty()) return edge;
    var pos = m.valuePos("rejected");
    String condition = condition(edge.from(), nodes, state, problems, pos);
    if (condition == null) return edge;
    if (!edge.conditional() && edge.to().size() != 1) {
      problems.error(Codes.REJECTED_EDGE, pos, "edge from '" + edge.from() + "' has 'rejected' and " + edge.to().size()
          + " targets in 'to'; give one 'to' (or 'when'/'else') for an approval");
      return edge;
    }
    List<EdgeSpec.Branch> when = new ArrayList<>();
    when.add(new EdgeSpec.Branch(condition, pos, new EdgeSpec.Target(rejected.get(), pos)));
    when.addAll(edge.when());
    EdgeSpec.Target elseTo = edge.conditional() ? edge.elseTo() : edge.to().get(0);
    return new EdgeSpec(edge.from(), edge.fromPos(), List.of(), List.copyOf(when), elseTo, edge.pos());
  }

  /** The CEL condition that the answer of human node {@code from} rejects, or null (reported) when it has no such answer. */
  private static String condition(String from, Map<String, NodeSpec> nodes, Map<String, ChannelSpec> state, Problems problems,
      dev.lamgraph.engine.spec.Pos pos) {
    NodeSpec n = nodes.get(from);
    if (n == null) return null; // UNKNOWN_NODE is reported by the graph checks
    if (!"human".equals(n.type())) {
      List<String> humans = nodes.values().stream().filter(x -> "human".equals(x.type())).map(NodeSpec::name).toList();
      problems.error(Codes.REJECTED_EDGE, pos, "'rejected' routes a human node's answer, but node '" + from + "' is of type "
          + n.type() + "; human nodes: " + (humans.isEmpty() ? "(none)" : String.join(", ", humans))
          + "; use when: [{ if: ..., to: ... }] for other conditions");
      return null;
    }
    String out = n.config().string("output").orElse("");
    ChannelSpec ch = state.get(out);
    if (ch == null) return null; // UNKNOWN_CHANNEL is reported by the human node
    if (ch.type() == ValueType.BOOLEAN) return booleanRejection(out);
    boolean approvedIsBoolean = n.config().get("schema").orElse(null) instanceof YNode.YMap s
        && s.get("properties").orElse(null) instanceof YNode.YMap props
        && props.get("approved").orElse(null) instanceof YNode.YMap a && "boolean".equals(a.string("type").orElse(null));
    if (ch.type() == ValueType.OBJECT && approvedIsBoolean) {
      return objectRejection(out);
    }
    problems.error(Codes.REJECTED_EDGE, pos, "'rejected' needs node '" + from + "' to ask for an approval: an output channel of"
        + " type boolean, or an object channel with schema: { type: object, required: [approved], properties: { approved:"
        + " { type: boolean } } }; channel '" + out + "' is " + ch.type().yamlName()
        + (ch.type() == ValueType.OBJECT ? " and the schema has no boolean 'approved'" : ""));
    return null;
  }

  private static String booleanRejection(String out) {
    return "state." + out + " != true";
  }

  private static String objectRejection(String out) {
    return "!(has(state." + out + ".approved) && state." + out + ".approved == true)";
  }

  /** Whether {@code condition} is the branch a {@code rejected:} edge compiles to for a human node writing {@code out}. */
  public static boolean isRejection(String out, String condition) {
    return out != null && (booleanRejection(out).equals(condition) || objectRejection(out).equals(condition));
  }
}
