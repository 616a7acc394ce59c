package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.load.WorkflowLoader;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.YNode;
import java.util.Optional;

/**
 * {@code type: map}: LangGraph's Send as a node. Runs its {@code node:} (any node type, including
 * a subgraph) once per item of the list in channel {@code over}, concurrently (at most
 * {@code max_concurrency} at a time; all at once when absent). Each run sees the state with the
 * item in channel {@code item}; what it writes is not applied to the state: the values it wrote to
 * {@code collect} are gathered in item order into a list written to {@code output} (through that
 * channel's reducer). The inner node's {@code retry}/{@code timeout} apply to each item on its own;
 * when an item still fails, the others are cancelled and the map fails with that item's error, so
 * the map's {@code on_error} routes (or the run fails). A map cannot pause: no human node or
 * interrupt inside it. Items are traced as {@code m[0]}, {@code m[1]}...
 *
 * <pre>{@code
 * summarize_all:
 *   type: map
 *   over: docs                 # list channel
 *   item: doc                  # each run sees its item in state.doc
 *   max_concurrency: 4
 *   node: { type: set, set: { summary: "'summary of ' + state.doc" } }
 *   collect: summary           # what each run wrote here...
 *   output: summaries          # ...in item order, into this list channel
 * }</pre>
 */
public final class MapNodeType implements ControlNodeType {
  @Override
  public String name() {
    return "map";
  }

  @Override
  public String summary() {
    return "Runs a node (or subgraph) once per item of a list, concurrently, collecting results in order.";
  }

  @Override
  public String configSchema() {
    return """
        {"type":"object","additionalProperties":false,"required":["over","item","node","collect","output"],
         "properties":{
           "over":{"type":"string","description":"list channel to map over"},
           "item":{"type":"string","description":"channel holding the current item in each run's state"},
           "node":{"type":"object","required":["type"],"description":"the node run per item (a node of any type)"},
           "collect":{"type":"string","description":"channel each run writes its result to"},
           "output":{"type":"string","description":"list channel receiving the results, in item order"},
           "max_concurrency":{"type":"integer","minimum":1,"description":"items run at once (default: all)"}}}""";
  }

  @Override
  public String example() {
    return "summarize_all: { type: map, over: docs, item: doc, node: { type: set, set: { summary: \"state.doc\" } }, "
        + "collect: summary, output: summaries }";
  }

  @Override
  public Optional<NodeBody> body(NodeSpec spec, NodeBuilder b) {
    CompileContext ctx = b;
    YNode.YMap c = spec.config();
    Problems p = ctx.problems();
    boolean ok = true;
    for (String k : new String[] {"retry", "timeout"}) {
      if (c.get(k).isPresent()) {
        p.error(Codes.MAP_POLICY, c.keyPos(k), k + " of map node '" + spec.name() + "' would apply to every item at once; "
            + "write it on its node: block, where it applies to each item");
        ok = false;
      }
    }
    ChannelSpec over = ctx.outputChannel(spec, "over").orElse(null);
    if (over != null && over.type() != ValueType.LIST && over.type() != ValueType.ANY) {
      p.error(Codes.MAP_NOT_LIST, c.valuePos("over"), "map node '" + spec.name() + "' goes over channel '" + over.name()
          + "' of type " + over.type().yamlName() + "; it needs a list channel");
      ok = false;
    }
    ChannelSpec output = ctx.outputChannel(spec, "output", ValueType.LIST).orElse(null); // the results are a list
    ChannelSpec item = ctx.outputChannel(spec, "item").orElse(null);
    ChannelSpec collect = ctx.outputChannel(spec, "collect").orElse(null);
    YNode innerYaml = c.get("node").orElse(null);
    if (!(innerYaml instanceof YNode.YMap im)) return Optional.empty();
    NodeSpec inner = WorkflowLoader.nodeSpec(spec.name(), innerYaml.pos(), im);
    if (inner.onError() != null) {
      p.error(Codes.MAP_POLICY, im.keyPos("on_error"), "on_error inside map node '" + spec.name() + "' cannot route a "
          + "single item; put on_error on the map node, where it routes when an item fails");
      ok = false;
    }
    for (String k : new String[] {"interrupt_before", "interrupt_after"}) {
      if (im.get(k).isPresent()) {
        p.error(Codes.INTERRUPT_IN_MAP, im.keyPos(k), k + " inside map node '" + spec.name() + "': the items of a map run "
            + "concurrently within one step and cannot pause; put " + k + " on the map node");
        ok = false;
      }
    }
    Optional<CompiledNode> built = b.build(inner);
    if (built.isEmpty() || !ok || over == null || output == null || item == null || collect == null) return Optional.empty();
    CompiledNode n = built.get();
    if (n.mayPause()) {
      p.error(Codes.INTERRUPT_IN_MAP, im.valuePos("type"), "map node '" + spec.name() + "' runs a " + n.kind() + " node that "
          + "can pause for a person, but the items of a map cannot pause; ask before or after the map instead");
      return Optional.empty();
    }
    int max = c.get("max_concurrency").map(YNode::plain).filter(Long.class::isInstance).map(v -> ((Long) v).intValue())
        .orElse(0);
    return Optional.of(new MapBody(over.name(), new Channel(item), collect.name(), output.name(), max, n));
  }
}
