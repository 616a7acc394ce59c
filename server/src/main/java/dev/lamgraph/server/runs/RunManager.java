package dev.lamgraph.server.runs;

import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.langgraph.Ids;
import dev.lamgraph.server.threads.GraphCache;
import dev.lamgraph.server.threads.ThreadBook;
import dev.lamgraph.server.webhooks.WebhookPolicy;
import dev.lamgraph.server.webhooks.WebhookSender;
import dev.lamgraph.server.workflows.ServedWorkflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The runs of a server: creates them (refusing what cannot run with a 4xx), executes them
 * {@code workers} at a time, one at a time per thread (the others wait by their multitask
 * strategy: reject = 409, enqueue, interrupt, rollback), cancels them, finds them again, also after
 * a restart ({@link RunRecovery}). A run's id is derived from where it starts (its lamgraph thread
 * and step), so a restarted server knows it.
 */
public final class RunManager implements AutoCloseable {
  final ThreadBook book;
  final GraphCache graphs;
  final RunOptions options;
  private final Planner planner;
  private final ExecutorService pool;
  private final Map<String, ServerRun> runs = new ConcurrentHashMap<>();
  private final Map<String, ServerRun> active = new HashMap<>();
  private final Map<String, Deque<ServerRun>> waiting = new HashMap<>();
  private final Map<ServerRun, ServedWorkflow> assistants = new ConcurrentHashMap<>();
  private final FinishedRuns finished = new FinishedRuns();
  private volatile boolean shuttingDown;
  private final boolean queue;
  final RunWebhooks hooks;
  /** What runs keep in the store while they run (their request's run fields), for a server that recovers them. */
  final RunRecords records;

  /**
   * @param workers runs executed at once here; 0 = new threads are queued for {@code lam worker}s
   *     (the store must be a {@link dev.lamgraph.engine.store.RunQueue}) and followed in the store,
   *     while resumes and forks still run here
   */
  public RunManager(ThreadBook book, GraphCache graphs, RunOptions options, int workers) {
    this(book, graphs, options, workers, WebhookSender.standard(WebhookPolicy.off()));
  }

  /** As above, with the webhooks runs may name ({@code webhook}) checked and sent by {@code webhooks}. */
  public RunManager(ThreadBook book, GraphCache graphs, RunOptions options, int workers, WebhookSender webhooks) {
    this.hooks = new RunWebhooks(webhooks, options.redactor(), options.clock());
    this.queue = workers == 0 && book.store() instanceof dev.lamgraph.engine.store.RunQueue;
    this.book = book;
    this.records = new RunRecords(book.store());
    this.graphs = graphs;
    this.options = options;
    this.planner = new Planner(book, graphs, options);
    this.pool = Executors.newFixedThreadPool(queue ? 64 : Math.max(1, workers), r -> {
      Thread t = new Thread(r, "lam-serve-run");
      t.setDaemon(true);
      return t;
    });
  }

  public ThreadBook threads() {
    return book;
  }

  /** Creates a run on {@code threadId} for workflow {@code w} (null: the thread's own) and starts or queues it. */
  public synchronized ServerRun create(String threadId, ServedWorkflow w, RunRequest r) {
    if (shuttingDown) throw new ApiException(503, "the server is stopping");
    hooks.check(r);
    if (!book.exists(threadId)) {
      if (!"create".equals(r.ifNotExists())) throw ApiException.notFound("thread '" + threadId + "' not found");
      book.create(threadId, Map.of());
    }
    String graph = w != null ? w.name() : book.head(threadId).map(ThreadInfo::workflow)
        .orElseThrow(() -> ApiException.invalid("assistant_id is required for the first run of thread '" + threadId + "'"));
    ServerRun current = active.get(threadId);
    if (current != null) {
      switch (r.multitaskStrategy()) {
        case "reject" -> throw ApiException.conflict("thread '" + threadId + "' is busy with run " + current.runId
            + "; wait for it, or choose multitask_strategy enqueue, interrupt or rollback");
        case "interrupt", "rollback" -> {
          current.cancelAction = r.multitaskStrategy();
          current.stop = true;
          waiting.values().forEach(q -> q.removeIf(x -> x.threadId.equals(threadId) && cancelQueued(x)));
        }
        default -> { }
      }
      ServerRun run = newRun(UUID.randomUUID().toString(), threadId, graph, r);
      if (!"enqueue".equals(r.multitaskStrategy())) run.replacing = current;
      assistants.put(run, w == null ? placeholder() : w);
      waiting.computeIfAbsent(threadId, k -> new ArrayDeque<>()).add(run);
      return run;
    }
    Plan plan = planner.plan(threadId, w, r, null);
    ServerRun run = newRun(runIdFor(plan), threadId, graph, r);
    start(run, plan);
    return run;
  }

  /** The request's {@code webhook} checked against the server's policy: a 422 with the reason when refused. */
  public void checkWebhook(RunRequest r) {
    hooks.check(r);
  }

  private static ServedWorkflow placeholder() {
    return new ServedWorkflow("", java.nio.file.Path.of(""), null, List.of(), false, java.time.Instant.EPOCH, 0);
  }

  private boolean cancelQueued(ServerRun x) {
    records.forget(x);
    x.status = "interrupted";
    x.complete(Map.of());
    return true;
  }

  private ServerRun newRun(String runId, String threadId, String graph, RunRequest r) {
    ServerRun run = new ServerRun(runId, threadId, graph, r, options.clock().instant(), new EventLog(1));
    run.log.addUnnumbered("metadata", EventLog.metadata(runId, threadId, 1));
    runs.put(runId, run);
    records.keep(run);
    return run;
  }

  /** uuid5 of "LINK/run/STEP/ATTEMPT": stable, so a restarted server finds the run again ({@link RunRecovery}). */
  private String runIdFor(Plan plan) {
    long s = Math.max(0, plan.startStep());
    for (int attempt = 1; ; attempt++) {
      String id = runId(plan.link(), s, attempt);
      if (!runs.containsKey(id)) return id;
    }
  }

  static String runId(String link, long step, int attempt) {
    return Ids.uuid5(Ids.CHECKPOINT_NAMESPACE, link + "/run/" + step + "/" + attempt).toString();
  }

  synchronized void start(ServerRun run, Plan plan) {
    active.put(run.threadId, run);
    run.link = plan.link();
    run.startStep = plan.startStep();
    run.started = options.clock().instant();
    pool.execute(() -> {
      try {
        Execution e = new Execution(run, plan, book.store(), options);
        if (queue && (plan.kind() == Plan.Kind.START || plan.kind() == Plan.Kind.CONTINUE)) e.submitAndFollow(() -> shuttingDown);
        else e.execute(() -> shuttingDown);
      } finally {
        ended(run);
        deliver(run); // before the waiters hear of the end: the store no longer holds the run then
        run.complete(run.result);
      }
    });
  }

  /**
   * Sends the run's webhook now that it ended, unless the server stopped it mid-way (its thread
   * is still running: the next server recovers it and sends it then, from what the store kept).
   */
  void deliver(ServerRun run) {
    if (shuttingDown && run.link != null
        && book.store().thread(run.link).map(t -> t.status() == RunStatus.RUNNING).orElse(false)) {
      return;
    }
    hooks.ended(run);
    records.forget(run);
  }

  private synchronized void ended(ServerRun run) {
    active.remove(run.threadId, run);
    if (!shuttingDown && "delete".equals(run.request.onCompletion()) && waiting.getOrDefault(run.threadId, new ArrayDeque<>()).isEmpty()) {
      book.delete(run.threadId);
      runs.values().removeIf(r -> r.threadId.equals(run.threadId)); // unreachable now: their events would stay in memory for good
    }
    if ("rollback".equals(run.cancelAction)) runs.remove(run.runId);
    forget(finished.add(run.runId));
    Deque<ServerRun> q = waiting.get(run.threadId);
    while (q != null && !q.isEmpty() && !shuttingDown) {
      ServerRun next = q.poll();
      ServedWorkflow w = assistants.remove(next);
      try {
        Plan plan = planner.plan(next.threadId, w == null || w.name().isEmpty() ? null : w, next.request, next.replacing);
        start(next, plan);
        return;
      } catch (ApiException e) {
        next.status = "error";
        next.log.add(0, "error", Map.of("error", "invalid", "message", e.getMessage()));
        cancelQueued(next);
        next.status = "error";
      }
    }
  }

  /** See {@link Planner#updateState}; 409 while a run is active on the thread. */
  public synchronized String updateState(String threadId, Map<String, Object> values, String checkpointId) {
    if (active.containsKey(threadId)) throw ApiException.conflict("thread '" + threadId + "' is busy");
    return planner.updateState(threadId, values, checkpointId);
  }

  /** Copies a thread (its head) to a new thread id, returned. */
  public String copy(String threadId) {
    String id = UUID.randomUUID().toString();
    planner.copy(threadId, id);
    book.patch(id, book.metadata(threadId));
    return id;
  }

  /** Deletes a thread and its chain; 409 while a run is active on it. */
  public synchronized void delete(String threadId) {
    if (active.containsKey(threadId)) throw ApiException.conflict("thread '" + threadId + "' is busy");
    book.delete(threadId);
    runs.values().removeIf(r -> r.threadId.equals(threadId));
  }

  /** How many runs this server keeps in memory, with their events (those of threads that still exist). */
  public int held() {
    return runs.size();
  }

  public Optional<ServerRun> get(String threadId, String runId) {
    ServerRun r = runs.get(runId);
    return r != null && r.threadId.equals(threadId) ? Optional.of(r) : Optional.empty();
  }

  /** A run started by an earlier server on this store, found by its id ({@link RunRecovery}). */
  public synchronized Optional<ServerRun> recover(String threadId, String runId, String lastEventId) {
    ServerRun known = runs.get(runId);
    if (known != null) return Optional.of(known);
    return RunRecovery.recover(this, threadId, runId, lastEventId);
  }

  public Optional<ServerRun> get(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  /** The runs of a thread this server knows, newest first. */
  public List<ServerRun> list(String threadId) {
    List<ServerRun> out = new ArrayList<>(runs.values().stream().filter(r -> r.threadId.equals(threadId)).toList());
    out.sort(Comparator.comparing((ServerRun r) -> r.created).reversed());
    return out;
  }

  public synchronized boolean busy(String threadId) {
    return active.containsKey(threadId);
  }

  synchronized void remember(ServerRun run) {
    runs.putIfAbsent(run.runId, run);
    forget(finished.add(run.runId));
  }

  /** Drops the runs {@link FinishedRuns} let go of (those that finished: a revived one may be running). */
  private void forget(List<String> ids) {
    for (String id : ids) runs.computeIfPresent(id, (k, r) -> r.finished() ? null : r);
  }

  /** How many finished runs stay in memory (default 1,000); older ones are found again from the store by id. */
  public void keepFinished(int n) {
    finished.keep(n);
  }

  /** How many finished runs stay in memory: also the bound on finished A2A tasks. */
  public int keptFinished() {
    return finished.keep();
  }

  /**
   * Cancels a run: a running one stops at its next step boundary and its thread ends as cancelled;
   * a queued one is dropped; a finished one whose thread is paused ends that thread as cancelled.
   */
  public ServerRun cancel(String threadId, String runId, boolean wait) throws InterruptedException {
    ServerRun run = get(threadId, runId).orElseThrow(() -> ApiException.notFound("run '" + runId + "' not found"));
    synchronized (this) {
      Deque<ServerRun> q = waiting.get(threadId);
      if (q != null && q.remove(run)) {
        cancelQueued(run);
        return run;
      }
      if (!run.finished()) {
        run.cancelAction = "cancel";
        run.stop = true;
      }
    }
    if (run.finished()) {
      ThreadInfo t = run.link == null ? null : book.store().thread(run.link).orElse(null);
      if (t == null || t.status() != RunStatus.PAUSED) throw ApiException.conflict("run '" + runId + "' has ended (" + run.status + ")");
      try (Runs r = new Runs(book.store(), options)) {
        r.cancel(t.id(), "cancelled over lam serve (run " + runId + ")");
      }
      run.status = "interrupted";
      run.cancelAction = "cancel";
      return run;
    }
    if (wait) {
      try {
        run.outcome.get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // answered with the run as it is
      }
    }
    return run;
  }

  /** Stops accepting runs; running ones stop at their next step boundary (resumable); waits up to {@code grace}. */
  public void shutdown(Duration grace) {
    synchronized (this) {
      shuttingDown = true;
    }
    pool.shutdown();
    try {
      pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    shutdown(Duration.ofSeconds(20));
    pool.shutdownNow();
    hooks.close();
  }
}
