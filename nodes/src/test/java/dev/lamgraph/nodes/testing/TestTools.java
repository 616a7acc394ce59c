package dev.lamgraph.nodes.testing;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.SectionType;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolException;
import dev.lamgraph.nodes.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in {@code tools:} section (the real one is on another branch): each entry {@code name:
 * { description: ... }} is a Java tool; {@code lookup_order} answers {id, status: shipped} and
 * {@code fail} always fails.
 */
public final class TestTools implements SectionType {
  @Override public String name() { return "tools"; }
  @Override public String summary() { return "test tools"; }
  @Override public String schema() { return "{\"type\":\"object\"}"; }
  @Override public String example() { return "tools: { lookup_order: {} }"; }

  @Override
  public Optional<Object> compile(YNode section, CompileContext ctx) {
    if (!(section instanceof YNode.YMap m)) return Optional.empty();
    List<Tool> tools = new ArrayList<>();
    for (String name : m.entries().keySet()) tools.add(tool(name));
    return Optional.of(new ToolRegistry(tools));
  }

  static Tool tool(String name) {
    return new Tool() {
      @Override public String name() { return name; }
      @Override public String description() { return "Looks up an order by id"; }
      @Override public String parametersSchema() {
        return "{\"type\":\"object\",\"required\":[\"id\"],\"properties\":{\"id\":{\"type\":\"string\"}}}";
      }
      @Override public Object call(Map<String, Object> args, ToolCall call) throws Exception {
        if (name.equals("fail")) throw new ToolException("the order service is down");
        return Map.of("id", args.get("id"), "status", "shipped");
      }
    };
  }
}
