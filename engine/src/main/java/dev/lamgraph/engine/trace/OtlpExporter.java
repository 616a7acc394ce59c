package dev.lamgraph.engine.trace;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Optional export of a run's spans to an OpenTelemetry collector over OTLP/HTTP with JSON
 * encoding. Enabled by the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} (spans go to
 * {@code <endpoint>/v1/traces}) or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (used as is); extra
 * headers from {@code OTEL_EXPORTER_OTLP_HEADERS} ({@code k=v,k2=v2}).
 *
 * <pre>{@code
 * OtlpExporter.fromEnv(env, secrets).ifPresent(x -> x.export(store.thread(id).orElseThrow().traced(), store.events(id)));
 * }</pre>
 */
public final class OtlpExporter {
  private final URI endpoint;
  private final Map<String, String> headers;
  private final Redactor redactor;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** @param redactor masks the secrets it knows in everything sent (the spans are output) */
  public OtlpExporter(URI endpoint, Map<String, String> headers, Redactor redactor) {
    this.endpoint = endpoint;
    this.headers = headers;
    this.redactor = redactor;
  }

  /** The exporter the standard variables of {@code env} ask for, masking what {@code redactor} knows; empty when none is set. */
  public static Optional<OtlpExporter> fromEnv(Map<String, String> env, Redactor redactor) {
    String traces = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    String base = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
    String url = traces != null && !traces.isBlank() ? traces
        : base != null && !base.isBlank() ? base.replaceAll("/+$", "") + "/v1/traces" : null;
    if (url == null) return Optional.empty();
    Map<String, String> h = new LinkedHashMap<>();
    String raw = env.getOrDefault("OTEL_EXPORTER_OTLP_HEADERS", "");
    for (String part : raw.split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) h.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
    }
    return Optional.of(new OtlpExporter(URI.create(url), h, redactor));
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Sends the run's spans; returns the number of spans sent. Throws IOException with the collector's answer on failure. */
  @SuppressWarnings("unchecked")
  public int export(TracedRun thread, List<TraceEvent> events) throws IOException, InterruptedException {
    Map<String, Object> body = OtlpSpans.request(thread, events);
    HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(redactor.redact(Json.write(body))));
    headers.forEach(req::header);
    HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IOException("OTLP collector at " + endpoint + " answered HTTP " + r.statusCode() + ": "
          + redactor.redact(r.body()));
    }
    var rs = (List<Map<String, Object>>) body.get("resourceSpans");
    var ss = (List<Map<String, Object>>) rs.get(0).get("scopeSpans");
    return ((List<?>) ss.get(0).get("spans")).size();
  }
}
