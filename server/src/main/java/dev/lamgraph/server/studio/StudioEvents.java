package dev.lamgraph.server.studio;

import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.server.ServerContext;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /studio/api/threads/{id}/events}: a Server-Sent Events stream telling a thread's page
 * when the thread changed (a step committed, the status changed), so it redraws. Fed from the
 * store, the same place every run writes to (a studio run, an API run, {@code lam run} or a
 * worker on a shared store): the store is read every {@link #PERIOD_MS} ms and an event {@code
 * thread} with {@code {thread_id, status, step, owner, active_run, updated}} is sent when any of them changed
 * (the first at once; the event id is the step). The stream stays open while the page is (a paused
 * or failed thread can go on); it ends with an event {@code gone} when the thread is deleted.
 */
final class StudioEvents {
  static final long PERIOD_MS = 100;
  private static final long HEARTBEAT_MS = 15_000;
  /** How long a stream waits for a thread whose run was accepted but has not stored it yet. */
  private static final long STARTING_MS = 30_000;
  private final ServerContext ctx;
  private final StudioViews views;

  StudioEvents(ServerContext ctx, StudioViews views) {
    this.ctx = ctx;
    this.views = views;
  }

  /** Streams until the client goes; {@code starting} tells whether a missing thread is about to be created. */
  void stream(SseClient client, String threadId, java.util.function.BooleanSupplier starting) {
    client.keepAlive();
    String last = null;
    long quietSince = System.currentTimeMillis();
    while (!client.terminated()) {
      Optional<ThreadInfo> t = ctx.store().thread(threadId);
      if (t.isEmpty()) {
        if (last == null && starting.getAsBoolean() && System.currentTimeMillis() - quietSince < STARTING_MS) {
          pause();
          continue;
        }
        client.sendEvent("gone", ctx.maskedJson(Map.of("thread_id", threadId)));
        break;
      }
      ThreadInfo info = t.get();
      String active = views.activeRun(info);
      String now = info.status().id() + "/" + info.step() + "/" + info.updated() + "/" + info.owner() + "/" + active;
      if (!now.equals(last)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("thread_id", info.id());
        m.put("status", info.status().id());
        m.put("step", info.step());
        m.put("owner", info.owner());
        m.put("active_run", active);
        m.put("updated", info.updated() == null ? null : info.updated().toString());
        client.sendEvent("thread", ctx.maskedJson(m), String.valueOf(info.step()));
        last = now;
        quietSince = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - quietSince > HEARTBEAT_MS) {
        client.sendComment("heartbeat");
        quietSince = System.currentTimeMillis();
      }
      if (!pause()) break;
    }
    client.close();
  }

  private static boolean pause() {
    try {
      Thread.sleep(PERIOD_MS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
