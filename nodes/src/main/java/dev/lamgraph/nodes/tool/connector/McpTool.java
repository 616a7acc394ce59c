package dev.lamgraph.nodes.tool.connector;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.tool.ConfiguredTool;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolException;
import java.util.List;
import java.util.Map;

/**
 * One tool of an MCP server. Its schema is the server's input schema; its value is the
 * structured result when the server gives one, else the result text. A result flagged as an
 * error is an {@code error} failure with the server's text.
 */
final class McpTool extends ConfiguredTool implements AutoCloseable {
  private final String remoteName;
  private final McpServer server;

  McpTool(ToolDeclaration d, String name, ToolSpecification spec, McpServer server) {
    super(name, spec.description() == null ? d.description() : spec.description(), schema(spec), d.timeout(), d.needs(), d.gives());
    this.remoteName = spec.name();
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

  @Override
  public Object call(Map<String, Object> args, ToolCall call) throws Exception {
    if (server.closed()) throw ToolException.of("error", "the MCP server of tool '" + name() + "' is closed");
    ToolExecutionResult r;
    try {
      r = server.client().executeTool(ToolExecutionRequest.builder().id(call.idempotencyKey()).name(remoteName)
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
