package dev.lamgraph.nodes.tool;

import com.networknt.schema.Schema;
import dev.lamgraph.engine.exec.NodeTask;
import dev.lamgraph.engine.node.CallStubs;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.util.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * The tools of a workflow (the resource of its {@code tools:} section). {@link #call} is the only
 * way nodes run a tool: arguments are validated against the tool's schema first, the tool's
 * timeout is enforced, and a {@code tool_call} trace event records arguments (secrets redacted),
 * result size, duration and error. Building a registry starts nothing: tools that need a process,
 * a connection or user code (MCP servers, {@code java} classes) start on their first call, and
 * closing the registry closes what they started.
 *
 * <pre>{@code
 * ToolResult r = registry.call("read_mail", Map.of("path", "inbox/1.eml"), nodeContext);
 * if (!r.ok()) ... // an observation, e.g. errorKind "timeout"
 * }</pre>
 */
public final class ToolRegistry implements AutoCloseable {
  private final Map<String, Tool> tools;
  private final Redactor secrets;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "lam-tool");
    t.setDaemon(true);
    return t;
  });

  /** Tools that hold no secret (nothing to mask in their arguments). */
  public ToolRegistry(List<Tool> tools) {
    this(tools, new Redactor());
  }

  /** {@code secrets}: the compile's redactor, which masks the arguments recorded in {@code tool_call} events. */
  public ToolRegistry(List<Tool> tools, Redactor secrets) {
    this.secrets = secrets;
    Map<String, Tool> m = new LinkedHashMap<>();
    for (Tool t : tools) {
      m.put(t.name(), t);
      t.staticSchema().ifPresent(s -> schemas.put(t.name(), SchemaCheck.compile(s))); // others: at their first call
    }
    this.tools = Collections.unmodifiableMap(m);
  }

  public Map<String, Tool> all() {
    return tools;
  }

  public Optional<Tool> get(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  /**
   * Problems with {@code args} for {@code tool}'s schema (empty when valid or the tool is unknown).
   * For a tool whose schema comes from its server or class this starts the tool (a run-time call):
   * it throws {@link IllegalStateException} when the tool cannot start.
   */
  public List<String> validate(String tool, Map<String, Object> args) {
    Tool t = tools.get(tool);
    if (t == null) return List.of();
    Schema s = schemas.get(tool);
    if (s == null) { // not under computeIfAbsent: starting an MCP server may take seconds
      s = SchemaCheck.compile(t.parametersSchema());
      schemas.putIfAbsent(tool, s);
    }
    List<String> out = new ArrayList<>();
    for (var e : s.validate(Json.MAPPER.valueToTree(args))) out.add(e.getMessage());
    return out;
  }

  /**
   * Calls a tool; never throws for a tool's failure: the result says what happened. In a run the
   * call goes through the thread's journal ({@link NodeContext#once}): a step run again after a
   * crash gets the result its first run journalled, without calling the tool again (the
   * {@code tool_call} event then says {@code journalled: true}). A call cut short by the node's
   * timeout or the run's end is not journalled. The result is the journalled
   * JSON read back either way, so a first call and a reused one give equal values.
   */
  public ToolResult call(String name, Map<String, Object> args, NodeContext ctx) {
    if (ctx == null) return direct(name, args, null);
    boolean[] called = {false};
    ToolResult r;
    try {
      String json = ctx.once("tool", () -> {
        called[0] = true;
        ToolResult done = direct(name, args, ctx);
        if (ctx.cancelled()) throw new CutShort(done); // the attempt is being abandoned: nothing to reuse
        return Json.write(done);
      });
      r = Json.MAPPER.convertValue(Json.readMap(json), ToolResult.class);
    } catch (CutShort c) {
      r = c.result;
    }
    record(ctx, r, args, !called[0]);
    return r;
  }

  /** The result of a call cut short by the node's timeout or the run's end: returned, not journalled. */
  private static final class CutShort extends RuntimeException {
    final transient ToolResult result;

    CutShort(ToolResult result) {
      super(null, null, false, false);
      this.result = result;
    }
  }

  private ToolResult direct(String name, Map<String, Object> args, NodeContext ctx) {
    long t0 = System.nanoTime();
    Tool tool = tools.get(name);
    Optional<CallStubs.Answer> stub = ctx == null ? Optional.empty() : ctx.stubs().answer("tool", name, args);
    if (tool == null) {
      return ToolResult.failed(name, "unknown_tool", "no tool '" + name + "'; known: " + String.join(", ", tools.keySet()), 0);
    }
    if (stub.isPresent()) return stubbed(tool, args, stub.get(), t0);
    return checkedRun(tool, args, ctx, t0);
  }

  /**
   * A stand-in's answer: the real tool never runs (nothing is started). Arguments are still
   * checked when the tool's schema is known without starting it.
   */
  private ToolResult stubbed(Tool tool, Map<String, Object> args, CallStubs.Answer a, long t0) {
    Schema s = schemas.get(tool.name());
    if (s != null) {
      List<String> problems = new ArrayList<>();
      for (var e : s.validate(Json.MAPPER.valueToTree(args))) problems.add(e.getMessage());
      if (!problems.isEmpty()) return ToolResult.failed(tool.name(), "invalid_arguments", "invalid arguments for tool '"
          + tool.name() + "': " + String.join("; ", problems), ms(t0));
    }
    return a.ok() ? ToolResult.ok(tool.name(), a.value(), ms(t0)) : ToolResult.failed(tool.name(), a.failureKind(), a.message(), ms(t0));
  }

  private ToolResult checkedRun(Tool tool, Map<String, Object> args, NodeContext ctx, long t0) {
    List<String> problems;
    try {
      problems = validate(tool.name(), args);
    } catch (RuntimeException e) { // the tool could not start (an MCP server, a java class): an observation
      return ToolResult.failed(tool.name(), "unavailable", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), ms(t0));
    }
    if (problems.isEmpty()) return run(tool, args, ctx, t0);
    return ToolResult.failed(tool.name(), "invalid_arguments", "invalid arguments for tool '" + tool.name() + "': "
        + String.join("; ", problems), ms(t0));
  }

  private ToolResult run(Tool tool, Map<String, Object> args, NodeContext ctx, long t0) {
    Duration timeout = tool.timeout();
    long deadline = System.nanoTime() + timeout.toNanos();
    Tool.ToolCall call = new Tool.ToolCall() {
      @Override
      public String idempotencyKey() {
        return ctx == null ? "local" : ctx.idempotencyKey();
      }

      @Override
      public boolean cancelled() {
        return System.nanoTime() > deadline || (ctx != null && ctx.cancelled()) || Thread.currentThread().isInterrupted();
      }
    };
    // stopping waits (NodeTask.GRACE at most) for the tool to clean up, e.g. a shell tool killing its process tree
    NodeTask<Object> f = NodeTask.submit(pool, () -> tool.call(Collections.unmodifiableMap(args), call));
    try {
      return ToolResult.ok(tool.name(), f.get(timeout.toNanos()), ms(t0));
    } catch (TimeoutException e) {
      f.stop(NodeTask.GRACE);
      return ToolResult.failed(tool.name(), "timeout", "tool '" + tool.name() + "' timed out after " + timeout.toMillis() + " ms", ms(t0));
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      String kind = c instanceof ToolException te ? te.kind() : "crash";
      String msg = c instanceof ToolException ? c.getMessage()
          : c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
      return ToolResult.failed(tool.name(), kind, msg, ms(t0));
    } catch (InterruptedException e) {
      f.stop(NodeTask.GRACE);
      Thread.currentThread().interrupt();
      return ToolResult.failed(tool.name(), "timeout", "tool '" + tool.name() + "' was interrupted", ms(t0));
    }
  }

  private void record(NodeContext ctx, ToolResult r, Map<String, Object> args, boolean journalled) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("tool", r.tool());
    d.put("arguments", secrets.redactValue(args));
    d.put("duration_ms", r.durationMs());
    if (journalled) d.put("journalled", true);
    if (r.ok()) {
      d.put("result_bytes", r.value() == null ? 0 : Json.write(r.value()).length());
    } else {
      d.put("error_kind", r.errorKind());
      d.put("error", r.error());
    }
    ctx.event("tool_call", d);
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    for (Tool t : tools.values()) {
      if (t instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // best effort: a tool that cannot close is released at process exit
        }
      }
    }
  }
}
