package dev.lamgraph.visualizer;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.spec.NodeSpec;
import java.util.Optional;

/**
 * Test-only node types that exist to give the torture diagram one node of every kind (the real
 * agent node types live in the nodes module, which the visualizer does not depend on). Each does
 * nothing when run.
 */
public abstract class KindFixtureTypes implements NodeType {
  private final String kind;

  KindFixtureTypes(String kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return "fixture_" + kind;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public String summary() {
    return "diagram fixture of kind " + kind;
  }

  @Override
  public String configSchema() {
    return "{\"type\":\"object\",\"additionalProperties\":false}";
  }

  @Override
  public String example() {
    return "x: { type: fixture_" + kind + " }";
  }

  @Override
  public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
    return Optional.of(c -> NodeResult.empty());
  }

  public static final class Planner extends KindFixtureTypes { public Planner() { super("planner"); } }

  public static final class Tool extends KindFixtureTypes { public Tool() { super("tool"); } }

  public static final class Reviewer extends KindFixtureTypes { public Reviewer() { super("reviewer"); } }

  public static final class Memory extends KindFixtureTypes { public Memory() { super("memory"); } }

  public static final class Llm extends KindFixtureTypes { public Llm() { super("llm"); } }

  public static final class Human extends KindFixtureTypes { public Human() { super("human"); } }

  public static final class Subgraph extends KindFixtureTypes { public Subgraph() { super("subgraph"); } }

  public static final class Map extends KindFixtureTypes { public Map() { super("map"); } }
}
