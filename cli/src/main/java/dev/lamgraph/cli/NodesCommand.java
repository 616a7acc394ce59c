package dev.lamgraph.cli;

import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.node.SectionTypes;
import dev.lamgraph.engine.spec.OutputShape;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.model.ModelProvider;
import dev.lamgraph.nodes.model.ModelsSection;
import dev.lamgraph.nodes.tool.ToolConnector;
import dev.lamgraph.nodes.tool.ToolsSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lam nodes}: the node types, tool connectors, model providers and workflow sections on the
 * class path, each described by its own code.
 */
@Command(name = "nodes", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "List the node types, tool connectors, model providers and workflow sections, with their config schema and"
        + " an example.",
    description = "Lists the node types (the `type:` of a node), the tool connectors (the `type:` of a tool), the model"
        + " providers (the `provider:` of a model, with their capabilities) and the workflow sections, each with a summary,"
        + " the JSON Schema of its config and an example.")
final class NodesCommand implements Callable<Integer> {
  private final Terminal t;

  @Option(names = "--json", description = "print a JSON array: category (node, tool, provider, section), name, kind (nodes),"
      + " capabilities (providers), summary, config_schema, example")
  boolean json;

  NodesCommand(Terminal t) {
    this.t = t;
  }

  /**
   * One describable plugin: a node type, a tool connector, a model provider or a workflow section.
   *
   * @param kind a node type's kind, else null
   * @param capabilities a model provider's capabilities (lower case), else null
   */
  private record Entry(String category, String name, String kind, List<String> capabilities, String summary, String schema,
      String example, List<OutputShape> shapes) {}

  private static List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    ClassLoader loader = NodesCommand.class.getClassLoader();
    for (NodeType n : NodeTypes.discover(loader).all().values()) {
      out.add(new Entry("node", n.name(), n.kind(), null, n.summary(), n.configSchema(), n.example(), n.outputShapes()));
    }
    for (ToolConnector c : ToolsSection.connectors(loader).values()) {
      out.add(new Entry("tool", c.name(), null, null, c.summary(), c.configSchema(), c.example(), List.of()));
    }
    for (ModelProvider p : ModelsSection.providers(loader).values()) {
      List<String> caps = p.capabilities().stream().sorted().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
      out.add(new Entry("provider", p.name(), null, caps, p.summary(), p.configSchema(), p.example(), List.of()));
    }
    for (var sec : SectionTypes.discover(loader).all().values()) {
      out.add(new Entry("section", sec.name(), null, null, sec.summary(), sec.schema(), sec.example(), List.of()));
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
        if (n.capabilities() != null) m.put("capabilities", n.capabilities());
        m.put("summary", n.summary());
        m.put("config_schema", Json.read(n.schema()));
        m.put("example", n.example());
        if (!n.shapes().isEmpty()) {
          m.put("output_shapes", n.shapes().stream().map(o -> Map.of("key", o.key(), "name", o.name(), "schema", o.schema())).toList());
        }
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
          case "provider" -> "== model providers (models: NAME: { provider: ... })";
          default -> "== workflow sections (top-level keys)";
        });
      }
      t.out().println();
      t.out().println(n.name() + ": " + n.summary());
      if (n.capabilities() != null) {
        t.out().println("  capabilities: " + (n.capabilities().isEmpty() ? "(none)" : String.join(", ", n.capabilities())));
      }
      t.out().println("  config schema:");
      t.out().println(indent(Json.pretty(Json.read(n.schema())), "    "));
      t.out().println("  example:");
      t.out().println(indent(n.example().strip(), "    "));
      for (OutputShape o : n.shapes()) {
        t.out().println("  writes to " + o.key() + ": " + o.name() + " (CEL reads of other fields are OUTPUT_FIELD errors)");
        t.out().println(indent(Json.pretty(o.schema()), "    "));
      }
    }
    return ExitCodes.OK;
  }

  private static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }
}
