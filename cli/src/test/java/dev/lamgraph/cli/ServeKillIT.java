package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code lam serve} process streaming a long run is killed with SIGKILL mid-run; a new
 * {@code lam serve} on the same SQLite store finds the run by its id, resumes it, and a rejoin with
 * the last {@code Last-Event-ID} the client saw gets every later step once, to the end; the run's
 * {@code webhook} (kept in the store) is posted once, by the new server, when the run ends.
 *
 * <p>The counting loop passes a {@link Gate} after {@link #GATE_AT} counts (a tool call reading a
 * FIFO the test holds), so the run is certainly still going when the server is killed or stopped,
 * however fast the engine or slow the machine; the test opens the gate once it no longer matters.
 */
class ServeKillIT {
  static final int ITERATIONS = 1500;
  static final int GATE_AT = 500;
  static final Pattern URL = Pattern.compile("on (http://127\\.0\\.0\\.1:[0-9]+)");

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Event(String id, String event, String data) {}

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @SuppressWarnings("unchecked")
  void aKilledServerIsRejoinedOnANewOneAndTheRunEnds() throws Exception {
    Path graphs = countWorkflow();
    String store = "sqlite:" + dir.resolve("lam.db");
    java.util.concurrent.BlockingQueue<String> hooks = new java.util.concurrent.LinkedBlockingQueue<>();
    com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", x -> {
      hooks.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      x.sendResponseHeaders(200, -1);
      x.close();
    });
    receiver.start();
    String allow = "127.0.0.1:" + receiver.getAddress().getPort();
    String hook = "http://" + allow + "/hook";

    Gate gate = Gate.closed(graphs.resolve("gate"));
    Process first = serve(store, "--webhook-allow", allow, "--webhook-allow-private");
    String url = url(first);
    String thread = (String) Json.readMap(post(url + "/threads", "{}")).get("thread_id");
    HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(url + "/threads/" + thread
        + "/runs/stream")).POST(HttpRequest.BodyPublishers.ofString("{\"assistant_id\":\"count\",\"stream_mode\":[\"updates\"],"
        + "\"webhook\":\"" + hook + "\"}")).header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofLines());
    Iterator<String> lines = stream.body().iterator();
    List<Event> seen = read(lines, 300);
    Map<String, Object> meta = (Map<String, Object>) Json.read(seen.get(0).data());
    String runId = (String) meta.get("run_id");
    assertThat(seen).as("the run is before its gate").hasSize(300);
    Kill.end(Kill.withChildren(first)); // SIGKILL (and the gate's reader)
    gate.open();
    List<Event> updates = new ArrayList<>(seen.stream().filter(e -> e.event().equals("updates")).toList());
    String last = updates.get(updates.size() - 1).id();
    assertThat(last).isNotNull();

    Process second = serve(store, "--webhook-allow", allow, "--webhook-allow-private");
    try {
      String url2 = url(second);
      HttpResponse<java.util.stream.Stream<String>> rejoin = http.send(HttpRequest.newBuilder(URI.create(url2 + "/threads/" + thread
          + "/runs/" + runId + "/stream?stream_mode=updates")).header("Last-Event-ID", last).GET().build(),
          HttpResponse.BodyHandlers.ofLines());
      assertThat(rejoin.statusCode()).isEqualTo(200);
      List<Event> rest = read(rejoin.body().iterator(), Integer.MAX_VALUE);
      assertThat(rest.get(0).event()).isEqualTo("metadata");
      assertThat(rest.get(rest.size() - 1).event()).isEqualTo("end");
      updates.addAll(rest.stream().filter(e -> e.event().equals("updates")).toList());
      // every step once, in order: plan, then tool/review ITERATIONS times, the gate after review GATE_AT
      assertThat(updates).hasSize(1 + 2 * ITERATIONS + 1);
      assertThat(updates).extracting(Event::id).doesNotHaveDuplicates();
      List<String> expected = new ArrayList<>(List.of("plan"));
      for (int i = 1; i <= ITERATIONS; i++) {
        expected.addAll(List.of("tool", "review"));
        if (i == GATE_AT) expected.add("gate");
      }
      for (int i = 0; i < updates.size(); i++) {
        String node = ((Map<String, Object>) Json.read(updates.get(i).data())).keySet().iterator().next();
        assertThat(node).as("event " + i).isEqualTo(expected.get(i));
      }
      Map<String, Object> t = Json.readMap(get(url2 + "/threads/" + thread));
      assertThat(t).containsEntry("lam_status", "done");
      assertThat(((Map<String, Object>) t.get("values")).get("attempts")).isEqualTo((long) ITERATIONS);
      Map<String, Object> run = Json.readMap(get(url2 + "/threads/" + thread + "/runs/" + runId));
      assertThat(run).containsEntry("status", "success");
      Map<String, Object> posted = Json.readMap(hooks.poll(30, TimeUnit.SECONDS));
      assertThat(posted).containsEntry("run_id", runId).containsEntry("status", "success");
      assertThat(((Map<String, Object>) posted.get("values")).get("attempts")).isEqualTo((long) ITERATIONS);
      assertThat(hooks.poll(2, TimeUnit.SECONDS)).as("posted once").isNull();
    } finally {
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
      receiver.stop(0);
    }
    Lam.Result runs = Lam.run(dir, "runs", "--store", store, "--json");
    assertThat(runs.out()).contains(thread).contains("\"done\"");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void sigtermStopsRunsAtAStepBoundaryAndTheyStayResumable() throws Exception {
    Path graphs = countWorkflow();
    String store = "sqlite:" + dir.resolve("lam.db");
    Gate gate = Gate.closed(graphs.resolve("gate"));
    Process p = serve(store);
    String url = url(p);
    String thread = (String) Json.readMap(post(url + "/threads", "{}")).get("thread_id");
    post(url + "/threads/" + thread + "/runs", "{\"assistant_id\":\"count\"}");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    for (;;) { // the run is going (and cannot end: its gate is closed)
      Map<String, Object> st = Json.readMap(get(url + "/threads/" + thread + "/state"));
      if (st.get("metadata") instanceof Map<?, ?> m && ((Number) m.get("step")).longValue() > 20) break;
      assertThat(System.nanoTime()).as("the run got past step 20").isLessThan(deadline);
      Thread.sleep(20);
    }
    // SIGTERM without Process.destroy(), which would also close our end of its output
    assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor()).isZero();
    gate.open(); // the run may be waiting at its gate: let that step end, as any other, at its boundary
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("lam serve stopped").isTrue();
    assertThat(p.exitValue()).as("exit status of a SIGTERM-initiated JVM shutdown").isEqualTo(143);
    drain.join(TimeUnit.MINUTES.toMillis(1)); // everything it printed has been read
    assertThat(drain.isAlive()).isFalse();
    assertThat(String.join("\n", out)).contains("lam serve stopping: runs stop at a step boundary").contains("lam serve stopped")
        .contains("studio: " + url + "/");
    Lam.Result runs = Lam.run(dir, "runs", "--store", store, "--json");
    assertThat(runs.out()).contains(thread).contains("\"interrupted\"");
    Lam.Result resume = Lam.run(dir, "resume", thread, "--store", store, "--output", "attempts");
    assertThat(resume.code()).as(resume.toString()).isZero();
    assertThat(resume.out().strip()).isEqualTo(String.valueOf(ITERATIONS));
  }

  private List<Event> read(Iterator<String> lines, int max) {
    List<Event> out = new ArrayList<>();
    String[] cur = new String[3];
    while (out.size() < max && lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        if (cur[1] != null) out.add(new Event(cur[0], cur[1], cur[2]));
        cur = new String[3];
      } else if (line.startsWith("id: ")) cur[0] = line.substring(4);
      else if (line.startsWith("event: ")) cur[1] = line.substring(7);
      else if (line.startsWith("data: ")) cur[2] = line.substring(6);
    }
    return out;
  }

  private String post(String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private String get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** What the last server started printed after its URL, read by {@link #drain} until it exits. */
  final List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
  Thread drain;

  /** The counting workflow in graphs/, with a gate (a tool call reading graphs/gate) after count GATE_AT. */
  private Path countWorkflow() throws IOException {
    Path graphs = Files.createDirectories(dir.resolve("graphs"));
    String text = Files.readString(Lam.COUNTER)
        .replace("name: counter", "name: count")
        .replace("state:\n", "tools:\n  wait: { type: shell, command: [cat, gate], allow: [cat], root: \".\" }\nstate:\n")
        .replace("  review: {", "  gate:   { type: tool, tool: wait }\n  review: {")
        .replace("      - { if: \"state.attempts < 100\", to: tool }\n", "      - { if: \"state.attempts == " + GATE_AT
            + "\", to: gate }\n      - { if: \"state.attempts < " + ITERATIONS + "\", to: tool }\n")
        .replace("    else: END\n", "    else: END\n  - { from: gate, to: tool }\n")
        .replace("max_steps: 1000", "max_steps: " + (3 * ITERATIONS + 10));
    assertThat(text).contains("tool: wait", "== " + GATE_AT, "< " + ITERATIONS, "from: gate");
    Files.writeString(graphs.resolve("count.yaml"), text);
    return graphs;
  }

  private String url(Process p) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      Matcher m = URL.matcher(line);
      if (m.find()) {
        out.clear();
        drain = new Thread(() -> {
          try {
            for (String l = r.readLine(); l != null; l = r.readLine()) out.add(l);
          } catch (IOException ignored) {
            // the process ended
          }
        });
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new AssertionError("lam serve printed no URL");
  }

  private Process serve(String store, String... more) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath(), "dev.lamgraph.cli.Main",
        "serve", "graphs", "--port", "0", "--store", store));
    cmd.addAll(List.of(more));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("stderr.txt").toFile()));
    pb.environment().remove("LAM_STORE");
    return pb.start();
  }

  /** The packaged CLI (target/lam.jar + target/lib) when failsafe tells where it is, else this JVM's class path. */
  private static String classpath() {
    String jar = System.getProperty("lam.jar");
    String lib = System.getProperty("lam.lib");
    if (jar != null && lib != null && Files.isRegularFile(Path.of(jar))) return jar + File.pathSeparator + lib + "/*";
    return System.getProperty("java.class.path");
  }
}
