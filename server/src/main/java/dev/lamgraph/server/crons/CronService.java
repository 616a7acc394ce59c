package dev.lamgraph.server.crons;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.CronStore;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.StoredCron;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.langgraph.Assistants;
import dev.lamgraph.server.langgraph.Ids;
import dev.lamgraph.server.runs.RunManager;
import dev.lamgraph.server.runs.RunRequest;
import dev.lamgraph.server.runs.ServerRun;
import dev.lamgraph.server.workflows.ServedWorkflow;
import dev.lamgraph.server.workflows.WorkflowRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The crons of a server: kept in the store ({@link CronStore}, so they survive a restart and are
 * shared by servers on one store), fired by {@link #tick}, which a background thread calls every
 * {@code interval} once {@link #start}ed. A tick fires every due cron once: it claims the slot in
 * the store (moving {@code next_run_date} to the first slot after now, so slots missed while no
 * server ran fire once, not once each), then starts the run as {@code POST .../runs} does (on the
 * cron's thread, where the multitask strategy decides about a busy thread; or on a new thread).
 * A firing that cannot start (a busy thread with {@code reject}, a workflow that stopped compiling)
 * is reported to the warning sink; a cron whose thread was deleted is deleted.
 */
public final class CronService implements AutoCloseable {
  private final CheckpointStore store;
  private final WorkflowRegistry registry;
  private final RunManager runs;
  private final Clock clock;
  private final Consumer<String> warnings;
  private ScheduledExecutorService ticker;

  public CronService(CheckpointStore store, WorkflowRegistry registry, RunManager runs, Clock clock, Consumer<String> warnings) {
    this.store = store;
    this.registry = registry;
    this.runs = runs;
    this.clock = clock;
    this.warnings = warnings;
  }

  /** The store's crons; 501 for a store that keeps none (a plugin's). */
  private CronStore crons() {
    try {
      return store.crons();
    } catch (StoreException e) {
      throw new ApiException(501, e.getMessage());
    }
  }

  /** Creates a cron on {@code threadId} (null: stateless) from a create body; its LangGraph object. */
  public Map<String, Object> create(String threadId, Map<String, Object> body) {
    Object a = body.get("assistant_id");
    if (!(a instanceof String assistant)) throw ApiException.invalid("assistant_id is required");
    ServedWorkflow w = Assistants.runnable(registry, assistant);
    if (threadId != null && !runs.threads().exists(threadId)) throw ApiException.notFound("thread '" + threadId + "' not found");
    Instant now = clock.instant();
    Cron c = CronRequests.create(UUID.randomUUID().toString(), w.name(), Ids.assistantId(w.name()), threadId, body, now);
    runs.checkWebhook(RunRequest.parse(c.payload(), c.stateless()));
    Instant next = c.following(now);
    crons().put(new StoredCron(c.id(), c.document(), next));
    return c.json(next);
  }

  /** Changes a cron (schedule, zone, end, payload fields, metadata, enabled); 404 when there is none. */
  public Map<String, Object> update(String id, Map<String, Object> body) {
    StoredCron old = find(id);
    Instant now = clock.instant();
    Cron c = CronRequests.patch(Cron.read(old.json()), body, now);
    runs.checkWebhook(RunRequest.parse(c.payload(), c.stateless()));
    Instant next = c.following(now);
    crons().put(new StoredCron(id, c.document(), next));
    return c.json(next);
  }

  /** Deletes a cron; 404 when there is none. */
  public void delete(String id) {
    if (!crons().delete(id)) throw ApiException.notFound("cron '" + id + "' not found");
  }

  /** Deletes the crons of a deleted thread (nothing for a store without crons). */
  public void deleteForThread(String threadId) {
    CronStore store;
    try {
      store = this.store.crons();
    } catch (StoreException e) {
      return;
    }
    for (StoredCron s : store.all()) {
      if (threadId.equals(Cron.read(s.json()).threadId())) store.delete(s.id());
    }
  }

  /** The crons passing a search body's filters, sorted ({@code sort_by}, {@code sort_order}) and paged ({@code limit}, {@code offset}). */
  public List<Map<String, Object>> search(Map<String, Object> body, int limit, int offset) {
    String sortBy = body.get("sort_by") instanceof String s ? s : "created_at";
    if (!List.of("cron_id", "assistant_id", "thread_id", "created_at", "updated_at", "next_run_date").contains(sortBy)) {
      throw ApiException.invalid("sort_by must be one of cron_id, assistant_id, thread_id, created_at, updated_at, next_run_date");
    }
    boolean desc = "desc".equals(body.get("sort_order")) || body.get("sort_order") == null && !sortBy.equals("cron_id");
    List<Map<String, Object>> out = new ArrayList<>();
    for (StoredCron s : crons().all()) {
      Cron c = Cron.read(s.json());
      if (CronRequests.matches(c, body)) out.add(c.json(s.nextRunAt()));
    }
    Comparator<Map<String, Object>> by = Comparator.comparing(m -> m.get(sortBy) == null ? "" : m.get(sortBy).toString());
    out.sort(desc ? by.reversed() : by);
    List<Map<String, Object>> page = out.stream().skip(offset).limit(limit).toList();
    if (!(body.get("select") instanceof List<?> select) || select.isEmpty()) return page;
    return page.stream().map(m -> {
      Map<String, Object> picked = new LinkedHashMap<>();
      for (Object f : select) if (m.containsKey(f)) picked.put((String) f, m.get(f));
      return picked;
    }).toList();
  }

  /** How many crons pass a search body's filters. */
  public int count(Map<String, Object> body) {
    return (int) crons().all().stream().filter(s -> CronRequests.matches(Cron.read(s.json()), body)).count();
  }

  private StoredCron find(String id) {
    return crons().get(id).orElseThrow(() -> ApiException.notFound("cron '" + id + "' not found"));
  }

  /** {@link #tick(Instant)} at the clock's now. */
  public List<ServerRun> tick() {
    return tick(clock.instant());
  }

  /**
   * Fires the crons due at {@code now} whose slot this call claims (another server on the store may
   * claim it first); the runs it started.
   */
  public synchronized List<ServerRun> tick(Instant now) {
    List<ServerRun> started = new ArrayList<>();
    CronStore store = crons();
    for (StoredCron due : store.due(now)) {
      Cron c;
      Instant next;
      try {
        c = Cron.read(due.json());
        next = c.following(now);
      } catch (RuntimeException e) {
        warnings.accept("cron " + due.id() + " is unreadable and fires no more: " + e.getMessage());
        store.claim(due.id(), due.nextRunAt(), null);
        continue;
      }
      if (!store.claim(due.id(), due.nextRunAt(), next)) continue;
      try {
        started.add(fire(c));
      } catch (ApiException e) {
        if (!c.stateless() && !runs.threads().exists(c.threadId())) {
          store.delete(c.id());
          warnings.accept("cron " + c.id() + " deleted: its thread " + c.threadId() + " is gone");
        } else {
          warnings.accept("cron " + c.id() + " did not start a run at " + due.nextRunAt() + ": " + e.getMessage());
        }
      }
    }
    return started;
  }

  /** Starts the run of one firing, as {@code POST /threads/{id}/runs} or {@code POST /runs} would. */
  private ServerRun fire(Cron c) {
    ServedWorkflow w = Assistants.runnable(registry, c.assistantId());
    Map<String, Object> body = new LinkedHashMap<>(c.payload());
    body.put("assistant_id", w.name());
    Map<String, Object> metadata = new LinkedHashMap<>(c.metadata());
    if (body.get("metadata") instanceof Map<?, ?> m) m.forEach((k, v) -> metadata.put((String) k, v));
    metadata.put("cron_id", c.id());
    body.put("metadata", metadata);
    String threadId = c.threadId();
    if (c.stateless()) {
      threadId = UUID.randomUUID().toString();
      body.put("if_not_exists", "create");
      body.put("on_completion", c.onRunCompleted() == null ? "delete" : c.onRunCompleted());
    }
    RunRequest r = RunRequest.parse(body, c.stateless());
    if (c.stateless()) runs.threads().create(threadId, Map.of("cron_id", c.id()));
    return runs.create(threadId, w, r);
  }

  /** Ticks every {@code interval} on a daemon thread (nothing for a store without crons). */
  public synchronized void start(Duration interval) {
    if (ticker != null) return;
    try {
      store.crons();
    } catch (StoreException e) {
      return;
    }
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lam-serve-crons");
      t.setDaemon(true);
      return t;
    });
    String[] lastError = {null};
    ticker.scheduleWithFixedDelay(() -> {
      try {
        tick();
        lastError[0] = null;
      } catch (RuntimeException e) {
        String m = "crons: " + e.getMessage();
        if (!m.equals(lastError[0])) warnings.accept(m + " (said once until it changes)");
        lastError[0] = m;
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops ticking (a tick under way finishes first). */
  @Override
  public void close() {
    ScheduledExecutorService t;
    synchronized (this) {
      t = ticker;
      ticker = null;
    }
    if (t == null) return;
    t.shutdown();
    try {
      t.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
