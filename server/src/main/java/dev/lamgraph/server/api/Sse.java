package dev.lamgraph.server.api;

import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.runs.EventLog;
import dev.lamgraph.server.runs.ServerRun;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Writes a run's events as Server-Sent Events on the raw response (LangGraph's format: {@code
 * event:}, {@code data:} JSON, {@code id:} for every event but {@code metadata}), from {@code
 * Last-Event-ID} on, until the run ends ({@code end}) or the client goes away; a comment every 5 s
 * while nothing happens keeps proxies and the SDK's idle check content. Live events (tokens,
 * {@code custom}) carry no id: a rejoin gets the committed events after its id, never past tokens.
 */
final class Sse {
  private Sse() {}

  /** A stream from {@code lastEventId}, without the live events already emitted (a join or a rejoin). */
  static void stream(Context c, ServerContext ctx, ServerRun run, String lastEventId, Set<String> modes) throws InterruptedException {
    stream(c, ctx, run, lastEventId, modes, false);
  }

  /**
   * @param pastLive whether live events emitted before the stream started are written too (the
   *     request that created the run: the run may have begun before its stream did)
   * @return true when the stream reached the run's end, false when the client went away first
   */
  static boolean stream(Context c, ServerContext ctx, ServerRun run, String lastEventId, Set<String> modes, boolean pastLive)
      throws InterruptedException {
    c.status(200);
    c.header("Content-Type", "text/event-stream; charset=utf-8");
    c.header("Cache-Control", "no-cache");
    c.header("X-Accel-Buffering", "no");
    c.header("Content-Location", "/threads/" + run.threadId() + "/runs/" + run.runId());
    try {
      OutputStream out = c.res().getOutputStream();
      EventLog log = run.log();
      int i = log.indexAfter(lastEventId);
      int liveFrom = pastLive ? 0 : log.size();
      if (lastEventId != null && i > 0) write(out, ctx, new EventLog.Event(null, "metadata", log.from(0, 0).get(0).data()));
      while (true) {
        List<EventLog.Event> events = log.from(i, 5000);
        if (events.isEmpty()) {
          if (log.isClosed()) return true;
          out.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          continue;
        }
        for (EventLog.Event e : events) {
          int at = i++;
          if (e.live() && (at < liveFrom || e == EventLog.DROPPED)) continue;
          if ((e.id() != null || e.live()) && !wanted(e.event(), modes)) continue;
          write(out, ctx, e);
        }
        out.flush();
      }
    } catch (IOException gone) {
      return false; // the client went away; the run goes on (rejoin with Last-Event-ID) unless it said on_disconnect: cancel
    }
  }

  private static boolean wanted(String event, Set<String> modes) {
    if (event.equals("error")) return true;
    String mode = event.contains("|") ? event.substring(0, event.indexOf('|')) : event;
    if (mode.equals("messages")) return modes.contains("messages-tuple"); // LangGraph names the tuple mode's events "messages"
    if (mode.startsWith("messages/")) return modes.contains("messages");
    return modes.contains(mode);
  }

  private static void write(OutputStream out, ServerContext ctx, EventLog.Event e) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("event: ").append(e.event()).append('\n');
    b.append("data: ").append(ctx.maskedJson(e.data())).append('\n');
    if (e.id() != null) b.append("id: ").append(e.id()).append('\n');
    b.append('\n');
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
  }
}
