package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolConnector;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: file}: reads, writes and lists files under a declared {@code root}. Only the listed
 * {@code operations} are offered (default read and list: writing is opt-in); {@code ..}, absolute
 * paths outside the root and symbolic-link escapes are refused, also against a directory swapped
 * for a link while a call runs (paths are walked through open directories, see
 * {@link ConfinedPath}); files with several hard links are refused; sizes are limited.
 *
 * <pre>{@code
 * tools:
 *   workspace:
 *     type: file
 *     root: ./workspace
 *     operations: [read, write, list]
 *     max_bytes: 256KiB
 * }</pre>
 *
 * Arguments: {@code {operation: read|write|list, path, content}} ({@code operation} may be left out
 * when only one is offered; {@code path} defaults to the root for list).
 */
public final class FileConnector implements ToolConnector {
  static final List<String> OPERATIONS = List.of("read", "write", "list");

  @Override
  public String name() {
    return "file";
  }

  @Override
  public String summary() {
    return "Reads, writes (opt-in) and lists files confined to a root directory.";
  }

  @Override
  public String configSchema() {
    return ToolSchemas.connector("""
        "root": {"type": "string", "description": "directory the tool is confined to (relative to the workflow file)"},
        "operations": {"type": "array", "minItems": 1, "uniqueItems": true, "items": {"enum": ["read", "write", "list"]},
          "description": "operations offered (default [read, list])"},
        "max_bytes": %s,
        "max_entries": {"type": "integer", "minimum": 1, "description": "most entries a list returns (default 1000)"}"""
        .formatted(ToolSchemas.SIZE), List.of("root"));
  }

  @Override
  public String example() {
    return """
        tools:
          notes:
            type: file
            description: Reads and lists the notes folder.
            root: ./notes
            operations: [read, list]
            max_bytes: 1MiB""";
  }

  @Override
  public List<Tool> create(ToolDeclaration d) {
    Optional<Path> root = d.path("root");
    Confinement c = null;
    try {
      if (root.isPresent() && Files.isDirectory(root.get())) c = Confinement.of(root.get());
    } catch (IOException e) {
      c = null;
    }
    if (c == null) {
      d.error(NodesCodes.TOOL_ROOT, "root", "root '" + root.map(Path::toString).orElse("") + "' is not an existing directory");
      return List.of();
    }
    List<String> ops = d.strings("operations");
    if (ops.isEmpty()) ops = List.of("read", "list");
    String schema = d.get("parameters").isPresent() ? d.parameters().orElse(null) : schema(ops);
    if (schema == null) return List.of();
    return List.of(new FileTool(d, schema, c, ops, d.size("max_bytes", 1L << 20), (int) d.integer("max_entries", 1000)));
  }

  static String schema(List<String> ops) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("operation", Map.of("enum", ops, "description", "one of " + String.join(", ", ops)));
    props.put("path", Map.of("type", "string", "description", "path relative to the tool's root"));
    if (ops.contains("write")) props.put("content", Map.of("type", "string", "description", "text to write (write only)"));
    List<String> required = new ArrayList<>();
    if (ops.size() > 1) required.add("operation");
    if (!ops.equals(List.of("list"))) required.add("path");
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("properties", props);
    s.put("required", required);
    s.put("additionalProperties", false);
    return Json.write(s);
  }
}
