package dev.lamgraph.server.a2a;

import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.runs.EventLog;
import dev.lamgraph.server.runs.ServerRun;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SSE answer of {@code message/stream} and {@code tasks/resubscribe}: each event a JSON-RPC response whose result is first
 * the task, then a {@code status-update} (working) per committed step (its step in {@code
 * metadata.lamgraph}), and at the end the result {@code artifact-update} (when completed) and the
 * {@code final} status update (completed, input-required with the question, failed or canceled).
 */
final class TaskStream {
  private final ServerContext ctx;
  private final A2aTask task;
  private final Object id;
  private final Integer history;
  private final boolean v1;

  TaskStream(ServerContext ctx, A2aTask task, Object id, Integer history, boolean v1) {
    this.v1 = v1;
    this.ctx = ctx;
    this.task = task;
    this.id = id;
    this.history = history;
  }

  void write(Context c) throws InterruptedException {
    c.status(200);
    c.header("Content-Type", "text/event-stream; charset=utf-8");
    c.header("Cache-Control", "no-cache");
    c.header("X-Accel-Buffering", "no");
    ServerRun run = task.run();
    try {
      OutputStream out = c.res().getOutputStream();
      send(out, task.json(ctx, history));
      send(out, update(Map.of("state", "working", "timestamp", ctx.clock().instant().toString()), false, null));
      EventLog log = run.log();
      int i = 0;
      while (true) {
        List<EventLog.Event> events = log.from(i, 5000);
        if (events.isEmpty()) {
          if (log.isClosed()) break;
          out.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          continue;
        }
        for (EventLog.Event e : events) {
          i++;
          if (e.id() != null && e.event().equals("values") && !(e.data() instanceof Map<?, ?> m && m.containsKey("__interrupt__"))) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("state", "working");
            status.put("timestamp", ctx.clock().instant().toString());
            send(out, update(status, false, Map.of("lamgraph", Map.of("step", EventLog.stepOf(e.id()), "run_id", run.runId()))));
          }
        }
      }
      run.outcome().join();
      Map<String, Object> status = task.status(ctx);
      if ("completed".equals(status.get("state"))) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("kind", "artifact-update");
        a.put("taskId", task.id);
        a.put("contextId", task.contextId);
        a.put("artifact", task.artifact());
        a.put("append", false);
        a.put("lastChunk", true);
        send(out, a);
      }
      send(out, update(status, true, null));
    } catch (IOException gone) {
      // the client went away; the run goes on (tasks/get follows it)
    }
  }

  private Map<String, Object> update(Map<String, Object> status, boolean last, Map<String, Object> metadata) {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("kind", "status-update");
    u.put("taskId", task.id);
    u.put("contextId", task.contextId);
    u.put("status", status);
    u.put("final", last);
    if (metadata != null) u.put("metadata", metadata);
    return u;
  }

  private void send(OutputStream out, Map<String, Object> result) throws IOException {
    Map<String, Object> r = new LinkedHashMap<>();
    if (v1) result = V1Json.event(result);
    r.put("jsonrpc", "2.0");
    r.put("id", id);
    r.put("result", result);
    out.write(("data: " + ctx.maskedJson(r) + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
