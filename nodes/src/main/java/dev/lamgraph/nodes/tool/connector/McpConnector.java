package dev.lamgraph.nodes.tool.connector;

import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolConnector;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolSchemas;
import dev.lamgraph.engine.util.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code type: mcp}: the tools of a Model Context Protocol server, over stdio ({@code command}: an
 * argv array, never a shell string) or streamable HTTP ({@code url}). Compiling starts nothing
 * (validation, diagrams and inspection never run the command or open the URL): {@code include:}
 * names the server's tools the workflow uses, each a lamgraph tool named {@code prefix + server
 * tool name} (prefix default {@code NAME_}). The server starts at the first use in a run (a call,
 * or a model being offered the tool); its descriptions and input schemas are read then, so
 * argument checks against them happen at the first call, and a name the server lacks is an
 * {@code unavailable} observation. The registry closes the client and ends the server's process
 * tree with the graph. A stdio server runs in the OS {@link Sandbox} (bubblewrap, {@code sandbox:}
 * as for shell tools): it sees the system directories, the current and the workflow's directory
 * read-only, {@code read_only_paths} and {@code writable_paths}, no network unless
 * {@code network: true}, and of lamgraph's environment only PATH, HOME, LANG and the declared
 * {@code env}.
 *
 * <pre>{@code
 * tools:
 *   fs:
 *     type: mcp
 *     command: [npx, -y, "@modelcontextprotocol/server-filesystem", ./workspace]
 *     include: [read_text_file, list_directory]
 * }</pre>
 */
public final class McpConnector implements ToolConnector {
  @Override
  public String name() {
    return "mcp";
  }

  @Override
  public String summary() {
    return "The tools named in include: of an MCP server (stdio argv or streamable HTTP url), started at first use in a run.";
  }

  @Override
  public String configSchema() {
    return ToolSchemas.connector("""
        "command": {"type": "array", "minItems": 1, "items": {"type": "string"}, "description": "argv of a stdio server"},
        "env": {"type": "object", "additionalProperties": {"type": "string"}, "description": "environment of a stdio server; values may use ${env:NAME}"},
        "url": {"type": "string", "pattern": "^https?://", "description": "streamable HTTP endpoint, e.g. http://127.0.0.1:3001/mcp"},
        "headers": {"type": "object", "additionalProperties": {"type": "string"}, "description": "HTTP headers; values may use ${env:NAME}"},
        "include": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1},
          "description": "the server's tools this workflow uses (required: the server is not started to list them while compiling)"},
        "prefix": {"type": "string", "pattern": "^[A-Za-z0-9_-]*$", "description": "prepended to each server tool name (default: the entry name and _)"},
        "startup_timeout": %s,
        %s""".formatted(ToolSchemas.DURATION, SandboxConfig.MCP_SCHEMA), List.of("include"));
  }

  @Override
  public String example() {
    return """
        tools:
          fs:
            type: mcp
            description: Files of the workspace, through the MCP filesystem server.
            command: [npx, -y, "@modelcontextprotocol/server-filesystem", ./workspace]
            include: [read_text_file, list_directory]
            prefix: fs_
            timeout: 20s""";
  }

  private final Consumer<String> warnings;

  /** Warnings (a missing sandbox, once per run) go to standard error. */
  public McpConnector() {
    this(System.err::println);
  }

  /** Warnings go to {@code warnings}. */
  public McpConnector(Consumer<String> warnings) {
    this.warnings = warnings;
  }

  @Override
  public List<Tool> create(ToolDeclaration d) {
    boolean stdio = d.get("command").isPresent();
    if (stdio == d.get("url").isPresent()) {
      d.error(NodesCodes.MCP_TRANSPORT, (String) null, "give exactly one of command: (stdio server) or url: (HTTP server)");
      return List.of();
    }
    Map<String, String> env = resolved(d, "env");
    Map<String, String> headers = resolved(d, "headers");
    Optional<String> url = stdio ? Optional.of("") : d.secret("url");
    if (env == null || headers == null || url.isEmpty()) return List.of();
    List<String> command = stdio ? SandboxConfig.mcpCommand(d, env, warnings) : List.of();
    if (command == null) return List.of();
    Duration startup = d.string("startup_timeout").flatMap(Durations::parse).orElse(Duration.ofSeconds(30));
    Duration timeout = d.timeout();
    Supplier<McpTransport> transport = stdio
        ? () -> new StdioMcpTransport.Builder().command(command).environment(env).logEvents(false).build()
        : () -> new StreamableHttpMcpTransport.Builder().url(url.get()).customHeaders(headers).timeout(timeout).build();
    McpServer server = new McpServer(d.name(), transport, startup, timeout);
    String prefix = d.string("prefix").orElse(d.name() + "_");
    List<Tool> out = new ArrayList<>();
    for (String remote : new LinkedHashSet<>(d.strings("include"))) out.add(new McpTool(d, prefix + remote, remote, server));
    return out;
  }

  /** A string map with ${env:} resolved as secrets; null when a variable is missing (reported). */
  private static Map<String, String> resolved(ToolDeclaration d, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    for (var e : d.stringMap(key).entrySet()) {
      Optional<String> v = d.resolveSecret(e.getValue(), key);
      if (v.isEmpty()) return null;
      out.put(e.getKey(), v.get());
    }
    return out;
  }

  static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
