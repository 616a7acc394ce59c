package dev.lamgraph.server.runs;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.server.webhooks.WebhookSender;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhooks of runs: a run's {@code webhook} is checked when the run is created (a 422 when the
 * server's policy refuses it) and, when the run ends (success, error, pause, cancel), the run is
 * POSTed there as LangGraph does: the run object ({@code GET /threads/{t}/runs/{r}}) with {@code
 * run_started_at}, {@code run_ended_at}, {@code webhook_sent_at}, {@code values} (the state) and
 * {@code error} (the message, on failure), every secret masked.
 */
final class RunWebhooks {
  private final WebhookSender sender;
  private final Redactor redactor;
  private final Clock clock;

  RunWebhooks(WebhookSender sender, Redactor redactor, Clock clock) {
    this.sender = sender;
    this.redactor = redactor;
    this.clock = clock;
  }

  /** Reports that run {@code runId}'s webhook is not sent, and why. */
  void notSent(String runId, String reason) {
    sender.warn("webhook for run " + runId + " not sent: " + reason);
  }

  void check(RunRequest r) {
    if (r.webhook() != null) sender.check(r.webhook());
  }

  void ended(ServerRun run) {
    String url = run.request.webhook();
    if (url == null) return;
    sender.send(url, () -> Json.write(redactor.redactValue(payload(run))), "run " + run.runId);
  }

  Map<String, Object> payload(ServerRun run) {
    Map<String, Object> m = new LinkedHashMap<>(run.json());
    m.put("run_started_at", (run.started == null ? run.created : run.started).toString());
    m.put("run_ended_at", run.updated.toString());
    m.put("webhook_sent_at", clock.instant().toString());
    Map<String, Object> values = new LinkedHashMap<>(run.result == null ? Map.of() : run.result);
    Object err = values.remove("__error__");
    values.remove("__interrupt__");
    m.put("values", values);
    if (err instanceof Map<?, ?> e) m.put("error", String.valueOf(e.get("message")));
    return m;
  }

  void close() {
    sender.close();
  }
}
