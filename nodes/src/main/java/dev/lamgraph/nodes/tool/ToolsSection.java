package dev.lamgraph.nodes.tool;

import com.networknt.schema.Schema;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.node.SectionType;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.nodes.NodesCodes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code tools:} section: each entry names a tool and its connector type; the section compiles
 * to a {@link ToolRegistry} that {@code type: tool} and {@code type: llm} nodes fetch with {@code
 * ctx.section("tools", ToolRegistry.class)}. Each entry is checked against its connector's schema
 * (positions kept), then built by the connector.
 *
 * <pre>{@code
 * tools:
 *   weather:
 *     type: http
 *     description: Current weather of a city.
 *     url: "https://api.weather.test/v1/current?city={city}"
 *     allow_hosts: [api.weather.test]
 *     timeout: 10s
 * }</pre>
 *
 * The environment that {@code ${env:NAME}} references and settings ({@code LAM_SANDBOX}) read is
 * the compile's ({@code CompileContext.env()}), and resolved secrets go to its redactor.
 */
public final class ToolsSection implements SectionType {
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
  private final Map<String, ToolConnector> connectors;

  /** The connectors on the class path (what {@link ServiceLoader} uses). */
  public ToolsSection() {
    this(connectors(ToolsSection.class.getClassLoader()));
  }

  /** Exactly these connectors (tests, embedding). */
  public ToolsSection(Map<String, ToolConnector> connectors) {
    this.connectors = Collections.unmodifiableMap(new TreeMap<>(connectors));
  }

  /** The connectors visible to {@code loader}, by name. */
  public static Map<String, ToolConnector> connectors(ClassLoader loader) {
    Map<String, ToolConnector> m = new TreeMap<>();
    for (ToolConnector c : ServiceLoader.load(ToolConnector.class, loader)) m.putIfAbsent(c.name(), c);
    return Collections.unmodifiableMap(m);
  }

  public Map<String, ToolConnector> connectors() {
    return connectors;
  }

  @Override
  public String name() {
    return "tools";
  }

  @Override
  public String summary() {
    return "Tools that nodes and models may call (http, shell, file, sql, java, mcp), by name.";
  }

  @Override
  public String schema() {
    return """
        {"type":"object",
         "propertyNames":{"pattern":"^[A-Za-z0-9_-]{1,64}$"},
         "additionalProperties":{"type":"object","required":["type"],
           "properties":{"type":{"type":"string","description":"Connector: %s."}}}}"""
        .formatted(String.join(", ", connectors.keySet()));
  }

  @Override
  public String example() {
    return """
        tools:
          notes:
            type: file
            description: Reads and lists the notes folder.
            root: ./notes
            operations: [read, list]""";
  }

  @Override
  public Optional<Object> compile(YNode section, CompileContext ctx) {
    if (!(section instanceof YNode.YMap map)) return Optional.empty();
    int errorsBefore = errors(ctx.problems());
    List<Tool> tools = new ArrayList<>();
    Map<String, YNode.Entry> origin = new LinkedHashMap<>();
    for (YNode.Entry e : map.entries().values()) {
      if (!(e.value() instanceof YNode.YMap config)) continue;
      String type = config.string("type").orElse("");
      ToolConnector c = connectors.get(type);
      if (c == null) {
        ctx.problems().error(NodesCodes.UNKNOWN_TOOL_TYPE, config.valuePos("type"), "tool '" + e.key() + "' has unknown type '" + type
            + "'; known: " + String.join(", ", connectors.keySet()));
        continue;
      }
      Schema schema = SCHEMAS.computeIfAbsent(c.name() + "\n" + c.configSchema(), k -> SchemaCheck.compile(c.configSchema()));
      Problems local = new Problems();
      SchemaCheck.check(schema, config, "tool '" + e.key() + "' (type " + type + ")", local);
      local.list().forEach(ctx.problems()::add);
      if (local.hasErrors()) continue;
      List<Tool> made;
      try {
        made = c.create(new ToolDeclaration(e.key(), type, config, ctx));
      } catch (RuntimeException ex) {
        ctx.problems().error(NodesCodes.TOOL_ERROR, config.pos(), "tool '" + e.key() + "' (type " + type + ") could not be prepared: "
            + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
        continue;
      }
      for (Tool t : made) {
        YNode.Entry first = origin.putIfAbsent(t.name(), e);
        if (first != null) {
          ctx.problems().error(NodesCodes.DUPLICATE_TOOL, e.keyPos(), "tool name '" + t.name() + "' from '" + e.key()
              + "' is already used by '" + first.key() + "' (line " + first.keyPos().line() + "); rename one or set a prefix");
        }
        tools.add(t);
      }
    }
    ToolRegistry registry = new ToolRegistry(tools, ctx.redactor());
    if (errors(ctx.problems()) > errorsBefore) {
      registry.close(); // nothing runs (and nothing was started: tools start at their first call)
      return Optional.empty();
    }
    return Optional.of(registry);
  }

  private static int errors(Problems p) {
    return (int) p.list().stream().filter(d -> d.isError()).count();
  }
}
