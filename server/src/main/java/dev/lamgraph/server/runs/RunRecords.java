package dev.lamgraph.server.runs;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.util.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a run keeps in the store while it runs, so a server that recovers it ({@link RunRecovery})
 * after a restart runs and streams it as asked and still delivers its webhook: the request's run
 * fields a recovered run needs ({@code webhook}, {@code stream_mode}, {@code
 * stream_subgraphs}, {@code interrupt_before/after}, {@code metadata}, {@code multitask_strategy},
 * {@code on_completion}) and its creation time, as a JSON label of the store ({@link
 * CheckpointStore#setLabels}) under {@code run/RUN_ID} (never a thread's id: a new thread's has no
 * {@code /}, a child thread's ends in {@code @STEP}). The label goes once the run ended here and its
 * webhook (if any) is handed over, or the run is dropped; one a server stopped stays until a server
 * recovers that run. The input and config are not kept (the thread holds the input, sealed).
 */
final class RunRecords {
  private final CheckpointStore store;

  /** A kept run: its LangGraph thread, workflow name, creation time and request fields (a run body). */
  record Kept(String threadId, String graph, Instant created, Map<String, Object> request) {}

  RunRecords(CheckpointStore store) {
    this.store = store;
  }

  static String key(String runId) {
    return "run/" + runId;
  }

  /** Keeps {@code run}'s fields. */
  void keep(ServerRun run) {
    RunRequest r = run.request;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("webhook", r.webhook());
    body.put("stream_mode", r.streamModes());
    body.put("stream_subgraphs", r.streamSubgraphs());
    body.put("interrupt_before", r.interruptBefore());
    body.put("interrupt_after", r.interruptAfter());
    body.put("metadata", r.metadata());
    body.put("multitask_strategy", r.multitaskStrategy());
    body.put("on_completion", r.onCompletion());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("thread_id", run.threadId);
    doc.put("graph", run.graph);
    doc.put("created_at", run.created.toString());
    doc.put("request", body);
    store.setLabels(key(run.runId), Json.write(Map.of("lam_run", doc)));
  }

  /** The kept fields of run {@code runId} of thread {@code threadId}, if any. */
  @SuppressWarnings("unchecked")
  Optional<Kept> find(String threadId, String runId) {
    String json = store.label(key(runId)).orElse(null);
    if (json == null) return Optional.empty();
    try {
      Map<String, Object> doc = (Map<String, Object>) Json.readMap(json).get("lam_run");
      if (doc == null || !threadId.equals(doc.get("thread_id"))) return Optional.empty();
      Map<String, Object> request = (Map<String, Object>) doc.get("request");
      RunRequest.parse(request, false); // one that does not parse (edited by hand) is not ours
      return Optional.of(new Kept(threadId, (String) doc.get("graph"), Instant.parse((String) doc.get("created_at")), request));
    } catch (RuntimeException notOurs) {
      return Optional.empty();
    }
  }

  /** Drops what {@link #keep} kept of {@code run}. */
  void forget(ServerRun run) {
    forget(run.runId);
  }

  void forget(String runId) {
    store.setLabels(key(runId), null);
  }
}
