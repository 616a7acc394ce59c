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
    header = "List the node types with their config schema and an example.",
    description = "Lists the node types (the `type:` of a node) with a summary, the JSON Schema of their config"
        + " and an example.")
final class NodesCommand implements Callable<Integer> {
  private final Terminal t;

  @Option(names = "--json", description = "print a JSON array: name, kind, summary, config_schema, example")
  boolean json;

  NodesCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    Map<String, NodeType> types = NodeTypes.defaults().all();
    if (json) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (NodeType n : types.values()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n.name());
        m.put("kind", n.kind());
        m.put("summary", n.summary());
        m.put("config_schema", Json.read(n.configSchema()));
        m.put("example", n.example());
        out.add(m);
      }
      t.out().println(Json.pretty(out));
      return ExitCodes.OK;
    }
    boolean first = true;
    for (NodeType n : types.values()) {
      if (!first) t.out().println();
      first = false;
      t.out().println(n.name() + ": " + n.summary());
      t.out().println("  config schema:");
      t.out().println(indent(Json.pretty(Json.read(n.configSchema())), "    "));
      t.out().println("  example:");
      t.out().println(indent(n.example().strip(), "    "));
    }
    return ExitCodes.OK;
  }

  private static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }
}
