package dev.lamgraph.nodes.tool.connector;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.tool.ConfiguredTool;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tool of an MCP server, named in the entry's {@code include:}. Compiling knows only its name:
 * its description and schema are the server's, read when the tool is first offered to a model or
 * called (which starts the server), so {@link #staticSchema()} is empty and compile-time argument
 * checks are deferred to the first call. Its value is the structured result when the server gives
 * one, else the result text; a result flagged as an error is an {@code error} failure with the
 * server's text.
 */
final class McpTool extends ConfiguredTool implements AutoCloseable {
  private final String remoteName;
  private final String declaredDescription;
  private final McpServer server;

  McpTool(ToolDeclaration d, String name, String remoteName, McpServer server) {
    super(name, d.description(), "{\"type\":\"object\"}", d.timeout(), d.needs(), d.gives());
    this.remoteName = remoteName;
    this.declaredDescription = d.description();
    this.server = server;
  }

  static String schema(ToolSpecification spec) {
    if (spec.parameters() == null) return "{\"type\":\"object\"}";
    return Json.write(JsonSchemaElementUtils.toMap(spec.parameters()));
  }

  /** The tool's name on the server (without the prefix). */
  String remoteName() {
    return remoteName;
  }

  /** The server's description (starts the server), else the entry's. */
  @Override
  public String description() {
    String s = server.spec(remoteName).description();
    return s == null ? declaredDescription : s;
  }

  /** The server's input schema; starts the server ({@link IllegalStateException} when it cannot). */
  @Override
  public String parametersSchema() {
    return schema(server.spec(remoteName));
  }

  @Override
  public Optional<String> staticSchema() {
    return Optional.empty();
  }

  @Override
  public Object call(Map<String, Object> args, ToolCall call) throws Exception {
    McpClient client;
    try {
      client = server.client();
    } catch (IllegalStateException e) {
      throw ToolException.of("unavailable", e.getMessage());
    }
    ToolExecutionResult r;
    try {
      r = client.executeTool(ToolExecutionRequest.builder().id(call.idempotencyKey()).name(remoteName)
          .arguments(Json.write(args)).build());
    } catch (RuntimeException e) {
      throw ToolException.of("error", "MCP call '" + remoteName + "' failed: " + McpConnector.message(e));
    }
    if (r.isError()) throw ToolException.of("error", r.resultText() == null ? "the MCP server reported an error" : r.resultText());
    Object v = r.result();
    return v instanceof Map<?, ?> || v instanceof List<?> ? Json.read(Json.write(v)) : r.resultText();
  }

  @Override
  public void close() {
    server.close();
  }
}
