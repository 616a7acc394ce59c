package dev.lamgraph.server.bench;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.Stores;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.server.LamServer;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.ServerOptions;
import dev.lamgraph.server.api.Routes;
import dev.lamgraph.server.workflows.WorkflowRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code lam serve} under load, one JSON line per figure: the latency from a step's commit (its
 * checkpoint time in the store) to its SSE event at the client, p50/p99, for one streamed run and
 * for {@code runs} concurrent streamed runs of graphs/counter.yaml (201 steps each) on a SQLite
 * store; heap per open stream; and the same run's step cost over HTTP against {@code Runs.start}
 * in-process (what {@code lam run} does, without the process start).
 *
 * <pre>{@code java -cp ... dev.lamgraph.server.bench.ServeBenchmark [--quick]}</pre>
 */
public final class ServeBenchmark {
  private ServeBenchmark() {}

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    int concurrent = quick ? 5 : 100;
    Path dir = Files.createTempDirectory("lam-serve-bench");
    Path counter = locate("graphs/counter.yaml");
    Files.copy(counter, dir.resolve("counter.yaml"));
    String store = "sqlite:" + dir.resolve("lam.db");
    Redactor secrets = new Redactor();
    try (WorkflowRegistry registry = new WorkflowRegistry(List.of(dir), () -> Compiler.withDefaults(Map.of(), secrets), Clock.systemUTC());
        CheckpointStore s = Stores.open(store, Map.of(), secrets)) {
      registry.scan();
      ServerContext ctx = new ServerContext(ServerOptions.defaults().withPort(0).withWorkers(concurrent), registry, s, Map.of(),
          secrets, Clock.systemUTC());
      try (LamServer server = LamServer.start(ctx, Routes.standard("bench"))) {
        for (int i = 0; i < 3; i++) stream(server.url(), s); // warm-up
        List<Double> one = new ArrayList<>();
        long t0 = System.nanoTime();
        int steps = stream(server.url(), s).apply(one);
        double httpUs = (System.nanoTime() - t0) / 1000.0 / steps;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("steps", steps);
        o.put("p50_ms", pct(one, 50));
        o.put("p99_ms", pct(one, 99));
        o.put("us_per_step_http", round(httpUs));
        o.put("us_per_step_in_process", round(inProcess(registry, s, secrets)));
        emit("serve_commit_to_sse_one_stream", o);
        emit("serve_tasks_mode_cost", tasksCost(server.url(), s, quick ? 2 : 7));

        System.gc();
        long heap0 = used();
        ExecutorService clients = Executors.newFixedThreadPool(concurrent);
        List<Future<Result>> futures = new ArrayList<>();
        long c0 = System.nanoTime();
        for (int i = 0; i < concurrent; i++) futures.add(clients.submit(() -> stream(server.url(), s)));
        Thread.sleep(quick ? 200 : 1500);
        long heapOpen = used();
        List<Double> all = Collections.synchronizedList(new ArrayList<>());
        int total = 0;
        for (Future<Result> f : futures) total += f.get().apply(all);
        double wall = (System.nanoTime() - c0) / 1e9;
        clients.shutdown();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("streams", concurrent);
        m.put("steps", total);
        m.put("wall_s", round(wall));
        m.put("steps_per_s", round(total / wall));
        m.put("p50_ms", pct(all, 50));
        m.put("p99_ms", pct(all, 99));
        m.put("heap_kb_per_open_stream", Math.max(0, (heapOpen - heap0) / 1024 / concurrent));
        emit("serve_commit_to_sse_concurrent", m);
      }
    }
  }

  /** What a finished stream saw: the step of each event and when it arrived. */
  private record Result(String thread, Map<Long, Instant> arrived, CheckpointStore store) {
    int apply(List<Double> latencies) {
      List<Checkpoint> cps = store.checkpoints(thread, 1, Long.MAX_VALUE);
      for (Checkpoint c : cps) {
        Instant at = arrived.get(c.step());
        if (at != null) latencies.add((at.toEpochMilli() * 1000 + at.getNano() / 1000 % 1000 - c.time().toEpochMilli() * 1000
            - c.time().getNano() / 1000 % 1000) / 1000.0);
      }
      return cps.size();
    }
  }

  /**
   * What {@code tasks} adds to a streamed run: the median wall time per step of {@code rounds}
   * runs streaming {@code updates} against as many streaming {@code updates} and {@code tasks}
   * (a task start per step reads the state it runs on from the store), taken in alternation.
   */
  private static Map<String, Object> tasksCost(String url, CheckpointStore s, int rounds) throws Exception {
    List<Double> plain = new ArrayList<>();
    List<Double> tasks = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      for (List<Double> into : List.of(plain, tasks)) {
        long t0 = System.nanoTime();
        int steps = stream(url, s, into == tasks ? "[\"updates\",\"tasks\"]" : "[\"updates\"]").apply(new ArrayList<>());
        into.add((System.nanoTime() - t0) / 1000.0 / steps);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rounds", rounds);
    m.put("us_per_step_updates", pct(plain, 50));
    m.put("us_per_step_updates_tasks", pct(tasks, 50));
    return m;
  }

  private static Result stream(String url, CheckpointStore s) throws Exception {
    return stream(url, s, "[\"updates\"]");
  }

  private static Result stream(String url, CheckpointStore s, String modes) throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create(url + "/runs/stream").toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    c.getOutputStream().write(("{\"assistant_id\":\"counter\",\"stream_mode\":" + modes + ",\"on_completion\":\"keep\"}")
        .getBytes(StandardCharsets.UTF_8));
    Map<Long, Instant> arrived = new LinkedHashMap<>();
    String thread = null;
    String event = null;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("id: ")) arrived.putIfAbsent(Long.parseLong(line.substring(4, line.indexOf('.'))), Instant.now());
        if (line.startsWith("event: ")) event = line.substring(7);
        if ("metadata".equals(event) && line.startsWith("data: ")) thread = (String) Json.readMap(line.substring(6)).get("thread_id");
      }
    }
    return new Result(thread, arrived, s);
  }

  private static double inProcess(WorkflowRegistry registry, CheckpointStore s, Redactor secrets) throws InterruptedException {
    CompiledGraph g = registry.get("counter").orElseThrow().graph();
    try (Runs runs = new Runs(s, RunOptions.defaults().withRedactor(secrets))) {
      runs.start(g, null, Map.of());
      long t0 = System.nanoTime();
      var r = runs.start(g, null, Map.of());
      return (System.nanoTime() - t0) / 1000.0 / r.steps();
    }
  }

  private static double pct(List<Double> xs, int p) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.isEmpty() ? -1 : round(s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1)));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static void emit(String name, Map<String, Object> fields) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bench", name);
    m.putAll(fields);
    System.out.println(Json.write(m));
  }

  private static Path locate(String rel) {
    Path p = Path.of(rel);
    return Files.exists(p) ? p : Path.of("..").resolve(rel);
  }
}
