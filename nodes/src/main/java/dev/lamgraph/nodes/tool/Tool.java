package dev.lamgraph.nodes.tool;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A callable tool: what a model may call and a plan step names. Built by a {@link ToolConnector}
 * from the workflow's {@code tools:} section; called through {@link ToolRegistry#call}, which
 * validates arguments against {@link #parametersSchema()}, enforces {@link #timeout()} and records
 * the call in the trace.
 *
 * <pre>{@code
 * Tool t = registry.get("weather").orElseThrow();
 * t.name(); t.description(); t.parametersSchema(); // what a model is offered
 * }</pre>
 */
public interface Tool {
  String name();

  /**
   * What the tool does, for models and people. May start the tool (an MCP server's description
   * comes from the server): call it while running, never while compiling.
   */
  String description();

  /**
   * JSON Schema (draft 2020-12) of the arguments object. May start the tool (an MCP server, a
   * {@code java} class) on first use and throw {@link IllegalStateException} when it cannot start:
   * call it while running; compile-time checks read {@link #staticSchema()}.
   */
  String parametersSchema();

  /**
   * The arguments schema when it is known without starting anything (no process, connection or
   * user code): what compile-time argument checks use. Empty for tools whose schema comes from
   * their server or class on first use (MCP tools, {@code java} tools without {@code
   * parameters:}); their arguments are checked at the first call.
   */
  default Optional<String> staticSchema() {
    return Optional.of(parametersSchema());
  }

  /** State keys this tool needs (for the goal planner), possibly empty. */
  default Set<String> needs() {
    return Set.of();
  }

  /** State keys this tool produces (for the goal planner), possibly empty. */
  default Set<String> gives() {
    return Set.of();
  }

  default Duration timeout() {
    return Duration.ofSeconds(30);
  }

  /**
   * Runs the tool once. Return a JSON-shaped value (Map, List, String, Long, Double, Boolean);
   * throw {@link ToolException} for a failure the graph should see as an observation.
   *
   * @param call the idempotency key and cancellation signal of this invocation
   */
  Object call(Map<String, Object> args, ToolCall call) throws Exception;

  /** One invocation's context. */
  interface ToolCall {
    /** {@code thread:step:node:attempt}; connectors pass it on where the target supports it. */
    String idempotencyKey();

    /** True once the call's timeout has passed. */
    boolean cancelled();
  }
}
