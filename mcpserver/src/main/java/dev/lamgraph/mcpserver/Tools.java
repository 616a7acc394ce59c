package dev.lamgraph.mcpserver;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The MCP tools: one per workflow (its name, description and {@link dev.lamgraph.engine.exec.InputSchema}),
 * then {@link ThreadTools}. A call's result is the run's outcome as structured content with the
 * same JSON as text (for clients that read only text); a refused call or a failed run is an error
 * result ({@code isError}) with a one-line message, never a stack trace.
 */
final class Tools {
  private Tools() {}

  /** A call's body; a {@link ToolError} or any other exception becomes an error result. */
  interface Body {
    Map<String, Object> call(McpSyncServerExchange exchange, CallToolRequest request) throws InterruptedException;
  }

  static List<SyncToolSpecification> all(WorkflowSet set, ThreadRuns runs) {
    List<SyncToolSpecification> out = new ArrayList<>();
    for (WorkflowSet.Entry e : set.entries()) out.add(workflow(e, runs));
    out.addAll(ThreadTools.all(runs));
    return out;
  }

  /** The tool that runs workflow {@code e} (the version {@code e} describes). */
  static SyncToolSpecification workflow(WorkflowSet.Entry e, ThreadRuns runs) {
    String description = (e.description().isEmpty() ? "Runs workflow " + e.name() + "." : e.description())
        + " Runs as a durable lamgraph thread; a pause for a person returns status paused with the question, "
        + "answered with lam_resume.";
    McpSchema.Tool tool = McpSchema.Tool.builder().name(e.tool()).title(e.name()).description(description)
        .inputSchema(e.inputSchema()).build();
    return spec(tool, runs, (x, req) -> runs.start(e, args(req), Progress.of(x, req.meta(), e.name())));
  }

  /** A tool whose calls count as in flight on {@code runs} while they run ({@link ThreadRuns#calls()}). */
  static SyncToolSpecification spec(McpSchema.Tool tool, ThreadRuns runs, Body body) {
    return SyncToolSpecification.builder().tool(tool).callHandler((x, req) -> {
      runs.calls().begin();
      try {
        return call(body, runs.settings().shown(), x, req);
      } finally {
        runs.calls().end();
      }
    }).build();
  }

  static CallToolResult call(Body body, java.util.function.UnaryOperator<Object> shown, McpSyncServerExchange x, CallToolRequest req) {
    CallToolResult r = call(body, x, req);
    if (shown == java.util.function.UnaryOperator.identity()) return r;
    @SuppressWarnings("unchecked")
    Map<String, Object> structured = r.structuredContent() instanceof Map<?, ?> sm ? (Map<String, Object>) shown.apply(sm) : null;
    CallToolResult.Builder b = CallToolResult.builder().isError(r.isError());
    if (structured != null) b.structuredContent(structured);
    for (McpSchema.Content c : r.content()) {
      if (c instanceof McpSchema.TextContent t) b.addTextContent(String.valueOf(shown.apply(t.text())));
      else b.addContent(c);
    }
    return b.build();
  }

  static CallToolResult call(Body body, McpSyncServerExchange x, CallToolRequest req) {
    try {
      Map<String, Object> m = body.call(x, req);
      boolean failed = "failed".equals(m.get("status"));
      return CallToolResult.builder().structuredContent(m).addTextContent(Json.write(m)).isError(failed).build();
    } catch (ToolError e) {
      return error(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error("interrupted: the server is stopping; the thread keeps every committed step");
    } catch (RuntimeException e) {
      String m = e.getMessage();
      return error(m == null || m.isBlank() ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(ToolError.oneLine(message)).isError(true).build();
  }

  static Map<String, Object> args(CallToolRequest req) {
    return req.arguments() == null ? Map.of() : req.arguments();
  }
}
