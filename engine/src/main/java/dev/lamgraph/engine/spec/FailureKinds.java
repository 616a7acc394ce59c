package dev.lamgraph.engine.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every failure kind a node can fail with (what {@code retry.on} and the {@code error} channel's
 * {@code kind} name), each with what it means: the one list the JSON Schema's {@code retry.on}
 * enum is made from. In {@code retry.on}, {@link #ERROR} means every kind except {@link #TIMEOUT}
 * and the {@link #FINAL} kinds, which no policy retries.
 *
 * <pre>{@code
 * retry: { max_attempts: 3, on: [error] }          # exit_status, http_status, refused... all retried
 * retry: { max_attempts: 3, on: [exit_status] }    # only a program's non-zero exit
 * }</pre>
 */
public final class FailureKinds {
  /** Any failure but a timeout (in {@code retry.on}); also an exception a node did not describe. */
  public static final String ERROR = "error";
  /** A node's (or a tool's, or a model's) own timeout. */
  public static final String TIMEOUT = "timeout";

  /** Kinds never retried: the retry would fail the same way, or the run must stop. */
  public static final Set<String> FINAL = Set.of("type_error", "run_timeout", "limit", "interrupt_in_map", "unsupported", "missing_env");

  /** Every kind, with its meaning (in the order the schema lists them). */
  public static final Map<String, String> ALL = all();

  private FailureKinds() {}

  private static Map<String, String> all() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ERROR, "any failure but a timeout; alone, an unexpected exception");
    m.put(TIMEOUT, "the node's, tool's or model's timeout");
    // tool calls (with fail_on_error: true)
    m.put("exit_status", "a shell tool's program exited non-zero");
    m.put("http_status", "an http tool got a non-2xx status (or too many redirects)");
    m.put("connect", "an http or sql tool could not connect");
    m.put("sql_error", "a sql tool's query failed");
    m.put("refused", "a security rule refused the call (allow-lists, path confinement, read-only SQL), or an attachment");
    m.put("unavailable", "a java or mcp tool could not be reached or loaded");
    m.put("too_large", "a tool's result, or a node's attachments, exceeded a size limit");
    m.put("not_found", "a file tool's path does not exist");
    m.put("invalid_arguments", "a tool's arguments do not fit its parameters");
    m.put("bad_output", "a shell tool's output is not the JSON it promised");
    m.put("sandbox", "the OS sandbox (bwrap) could not start a shell tool");
    m.put("crash", "a tool threw an unexpected exception");
    m.put("unknown_tool", "a plan step or a model named a tool that does not exist");
    m.put("tool_unavailable", "a planner or llm node cannot describe a tool it offers");
    m.put("plan_done", "a tool node's plan has no step left at its cursor");
    m.put("invalid_step", "a plan step is not a {tool, args} object");
    m.put("no_plan", "a planner found no chain of tools to its goal");
    // model calls
    m.put("rate_limited", "the model provider answered 429");
    m.put("server_error", "the model provider answered 5xx");
    m.put("auth_error", "the model provider refused the key (401/403)");
    m.put("invalid_request", "the model provider refused the request (other 4xx)");
    m.put("bad_response", "the model's answer could not be read, or the connection failed");
    m.put("not_recorded", "a replay file, or a replayed thread's journal, has no answer for the request");
    m.put("missing_env", "a model compiled for inspection lacks its environment variables (never retried)");
    m.put("attachment", "an attachment could not be read: missing file, failed download, bad base64, not an image or PDF");
    m.put("attachment_unsupported", "the model does not read an attachment's type (an image or a PDF)");
    m.put("invalid_output", "the model gave no answer matching the output schema");
    m.put("tool_rounds", "the model still called tools after max_tool_rounds");
    m.put("invalid_graph", "a memory node's graph value is not {entities, relations} as documented, or a relation names an unknown entity");
    // expressions and the engine
    m.put("expression_error", "a CEL expression failed at run time");
    m.put("type_error", "a value does not fit its channel (never retried)");
    m.put("run_timeout", "the run's limits.timeout passed (never retried)");
    m.put("limit", "a state size limit was exceeded (never retried)");
    m.put("interrupt_in_map", "an item of a map node asked for input (never retried)");
    m.put("unsupported", "the executor cannot run this node (never retried)");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Whether {@code retry.on} = {@code on} retries a failure of {@code kind} (empty: every kind that is not final). */
  public static boolean retried(Set<String> on, String kind) {
    if (FINAL.contains(kind)) return false;
    if (on.isEmpty() || on.contains(kind)) return true;
    return on.contains(ERROR) && !TIMEOUT.equals(kind);
  }
}
