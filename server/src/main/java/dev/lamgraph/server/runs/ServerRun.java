package dev.lamgraph.server.runs;

import dev.lamgraph.server.langgraph.Ids;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One run of this server: LangGraph's run object ({@code run_id, thread_id, assistant_id,
 * created_at, updated_at, status, metadata, multitask_strategy, kwargs}), its event log and its
 * outcome (the final values, for {@code wait} and {@code join}).
 */
public final class ServerRun {
  final String runId;
  final String threadId;
  final String graph;
  final RunRequest request;
  final Instant created;
  final EventLog log;
  final Set<String> modes;
  final CompletableFuture<Map<String, Object>> outcome = new CompletableFuture<>();
  volatile Instant updated;
  /** When the run began executing (null while it waits). */
  volatile Instant started;
  volatile String status = "pending";
  volatile boolean stop;
  volatile String cancelAction;
  volatile String link;
  volatile long startStep = -1;
  /** The final values, set when the execution ends; published by {@link #complete}. */
  volatile Map<String, Object> result;
  /** A run that replaces an interrupted or rolled-back one continues from that run's thread. */
  volatile ServerRun replacing;

  ServerRun(String runId, String threadId, String graph, RunRequest request, Instant created, EventLog log) {
    this.runId = runId;
    this.threadId = threadId;
    this.graph = graph;
    this.request = request;
    this.created = created;
    this.updated = created;
    this.log = log;
    this.modes = Set.copyOf(request.streamModes());
  }

  public String runId() {
    return runId;
  }

  public String threadId() {
    return threadId;
  }

  public String status() {
    return status;
  }

  public EventLog log() {
    return log;
  }

  /** The lamgraph thread this run executes on (null until it starts). */
  public String link() {
    return link;
  }

  /** Completes with the final values (with {@code __interrupt__} or {@code __error__} when it paused or failed). */
  public CompletableFuture<Map<String, Object>> outcome() {
    return outcome;
  }

  /** Ends the stream ({@code end}) and completes the outcome with the final values; once. */
  synchronized void complete(Map<String, Object> values) {
    if (outcome.isDone()) return;
    log.addUnnumbered("end", null);
    log.close();
    outcome.complete(values == null ? Map.of() : values);
  }

  public boolean finished() {
    return outcome.isDone();
  }

  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", runId);
    m.put("thread_id", threadId);
    m.put("assistant_id", Ids.assistantId(graph));
    m.put("created_at", created.toString());
    m.put("updated_at", updated.toString());
    m.put("status", status);
    Map<String, Object> meta = new LinkedHashMap<>(request.metadata());
    meta.put("graph_id", graph);
    if (link != null) meta.put("lam_thread", link);
    m.put("metadata", meta);
    m.put("multitask_strategy", request.multitaskStrategy());
    m.put("kwargs", request.kwargs());
    m.put("cancel_reason", "interrupted".equals(status) ? cancelAction : null);
    return m;
  }

  /** The metadata of this run's task starts ({@code tasks}, {@code debug}). */
  Map<String, Object> taskMetadata() {
    return dev.lamgraph.server.langgraph.TaskJson.metadata(request.metadata(), runId, graph);
  }

  /** Whether the request asked {@code on_disconnect: cancel}: cancel this run when its stream's client goes away. */
  public boolean cancelsOnDisconnect() {
    return request.cancelOnDisconnect();
  }

  /** Stream modes asked for by a join ({@code stream_mode} query), else the run's. */
  public Set<String> modes(List<String> asked) {
    return asked == null || asked.isEmpty() ? modes : Set.copyOf(asked);
  }
}
