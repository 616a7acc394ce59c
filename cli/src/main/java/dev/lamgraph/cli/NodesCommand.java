package dev.lamgraph.cli;

import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lam nodes}: the node types on the class path, each described by its own code. */
@Command(name = "nodes", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "List the node types, tool connectors and workflow sections, with their config schema and an example.",
    description = "Lists the node types (the `type:` of a node) with a summary, the JSON Schema of their config"
        + " and an example.")
final class NodesCommand implements Callable<Integer> {
  private final Terminal t;

  @Option(names = "--json", description = "print a JSON array: category (node, tool, section), name, kind, summary, config_schema, example")
  boolean json;

  NodesCommand(Terminal t) {
    this.t = t;
  }

  /** One describable plugin: a node type, a tool connector or a workflow section. */
  private record Entry(String category, String name, String kind, String summary, String schema, String example) {}

  private static List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (NodeType n : NodeTypes.discover(NodesCommand.class.getClassLoader()).all().values()) {
      out.add(new Entry("node", n.name(), n.kind(), n.summary(), n.configSchema(), n.example()));
    }
    List<dev.lamgraph.nodes.tool.ToolConnector> connectors = new ArrayList<>();
    java.util.ServiceLoader.load(dev.lamgraph.nodes.tool.ToolConnector.class).forEach(connectors::add);
    connectors.sort(java.util.Comparator.comparing(dev.lamgraph.nodes.tool.ToolConnector::name));
    for (var c : connectors) out.add(new Entry("tool", c.name(), null, c.summary(), c.configSchema(), c.example()));
    for (var sec : dev.lamgraph.engine.node.SectionTypes.discover(NodesCommand.class.getClassLoader()).all().values()) {
      out.add(new Entry("section", sec.name(), null, sec.summary(), sec.schema(), sec.example()));
    }
    return out;
  }

  @Override
  public Integer call() {
    List<Entry> all = entries();
    if (json) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Entry n : all) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("category", n.category());
        m.put("name", n.name());
        if (n.kind() != null) m.put("kind", n.kind());
        m.put("summary", n.summary());
        m.put("config_schema", Json.read(n.schema()));
        m.put("example", n.example());
        out.add(m);
      }
      t.out().println(Json.pretty(out));
      return ExitCodes.OK;
    }
    String category = null;
    for (Entry n : all) {
      if (!n.category().equals(category)) {
        if (category != null) t.out().println();
        category = n.category();
        t.out().println(switch (category) {
          case "node" -> "== node types (nodes: NAME: { type: ... })";
          case "tool" -> "== tool connectors (tools: NAME: { type: ... })";
          default -> "== workflow sections (top-level keys)";
        });
      }
      t.out().println();
      t.out().println(n.name() + ": " + n.summary());
      t.out().println("  config schema:");
      t.out().println(indent(Json.pretty(Json.read(n.schema())), "    "));
      t.out().println("  example:");
      t.out().println(indent(n.example().strip(), "    "));
    }
    return ExitCodes.OK;
  }

  private static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }
}
