package dev.lamgraph.mcpserver;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * The server's own tools on threads: {@code lam_resume} (answer a paused run and continue it),
 * {@code lam_status} and {@code lam_result} (read a thread from the store: a run longer than the
 * client waited is not lost).
 */
final class ThreadTools {
  static final String RESUME = "lam_resume";
  static final String STATUS = "lam_status";
  static final String RESULT = "lam_result";

  private static final Map<String, Object> THREAD_ID = Map.of("type", "string", "minLength", 1,
      "description", "the thread id a workflow tool returned (thread_id)");

  private ThreadTools() {}

  static List<SyncToolSpecification> all(ThreadRuns runs) {
    McpSchema.Tool resume = McpSchema.Tool.builder().name(RESUME).title("Resume a paused lamgraph thread")
        .description("Continues a paused (or failed, or interrupted) lamgraph thread from its last committed step. For a "
            + "thread paused in a node that asks a person, answer is the answer, checked against the answer_schema the "
            + "paused result gave; a refused answer changes nothing. Returns the run's outcome like a workflow tool.")
        .inputSchema(Map.of("type", "object", "properties", Map.of("thread_id", THREAD_ID,
            "answer", Map.of("type", "object", "description", "the answer (or, at an interrupt, a state update); default {}")),
            "required", List.of("thread_id"), "additionalProperties", false))
        .build();
    McpSchema.Tool status = readTool(STATUS, "Status of a lamgraph thread", "A thread's status (running, paused, done, "
        + "failed...), last committed step, and the pending question of a paused one or the error of a failed one.");
    McpSchema.Tool result = readTool(RESULT, "Result of a lamgraph thread", "A thread's status and its state at the "
        + "latest committed step (the final state of a done thread).");
    return List.of(
        Tools.spec(resume, runs, (x, req) -> {
          Map<String, Object> a = Tools.args(req);
          return runs.resume(threadId(a), answer(a), Progress.of(x, req.meta(), RESUME));
        }),
        Tools.spec(status, runs, (x, req) -> runs.status(threadId(Tools.args(req)))),
        Tools.spec(result, runs, (x, req) -> runs.result(threadId(Tools.args(req)))));
  }

  private static McpSchema.Tool readTool(String name, String title, String description) {
    return McpSchema.Tool.builder().name(name).title(title).description(description)
        .inputSchema(Map.of("type", "object", "properties", Map.of("thread_id", THREAD_ID),
            "required", List.of("thread_id"), "additionalProperties", false))
        .annotations(new McpSchema.ToolAnnotations(title, true, false, true, false, null))
        .build();
  }

  private static String threadId(Map<String, Object> a) {
    if (!(a.get("thread_id") instanceof String id) || id.isBlank()) {
      throw new ToolError("missing argument thread_id (a string: the thread id a workflow tool returned)");
    }
    return id;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> answer(Map<String, Object> a) {
    Object v = a.get("answer");
    if (v == null) return Map.of();
    if (!(v instanceof Map<?, ?> m)) throw new ToolError("answer must be an object, e.g. {\"approved\": true}");
    return (Map<String, Object>) m;
  }
}
