package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.Stores;
import dev.lamgraph.engine.testing.PgServer;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.work.Worker;
import dev.lamgraph.engine.work.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --workers 0} on PostgreSQL: runs are queued for workers; the stream follows the worker's steps in the store. */
class QueueModeTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void aRunQueuedForAWorkerIsStreamedFromTheStore() throws Exception {
    PgServer pg = PgServer.shared();
    String url = pg.url(pg.newSchema());
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withWorkers(0), url, Map.of())) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      Map<String, Object> run = s.post("/threads/" + t + "/runs", Map.of("assistant_id", "counter", "stream_mode",
          List.of("updates", "values"))).map();
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
      while (s.store.thread(t).isEmpty()) { // queued by the run's thread
        assertThat(System.nanoTime()).as("the run was queued").isLessThan(deadline);
        Thread.sleep(20);
      }
      Thread.sleep(200); // and nobody takes it meanwhile (an absence: only a while can show it)
      assertThat(s.store.thread(t).orElseThrow().owner()).as("nobody runs it before a worker comes").isNull();
      assertThat(s.get("/threads/" + t + "/runs/" + run.get("run_id")).map()).containsEntry("status", "pending");
      try (CheckpointStore ws = Stores.open(url, Map.of(), new Redactor());
          Worker w = Worker.start(ws, WorkerOptions.defaults().withCompiler(Compiler.withDefaults())
              .withRun(RunOptions.defaults()).withPoll(Duration.ofMillis(50)))) {
        List<TestServer.Sse> events = s.sse("GET", "/threads/" + t + "/runs/" + run.get("run_id") + "/stream", null, Map.of(), 10_000);
        assertThat(events.get(events.size() - 1).event()).isEqualTo("end");
        assertThat(events.stream().filter(e -> e.event().equals("updates"))).hasSize(201);
        List<TestServer.Sse> values = events.stream().filter(e -> e.event().equals("values")).toList();
        assertThat((Map<String, Object>) values.get(values.size() - 1).json()).containsEntry("attempts", 100L);
      }
      assertThat(s.store.thread(t).orElseThrow().status()).isEqualTo(RunStatus.DONE);
      assertThat(s.get("/threads/" + t + "/runs/" + run.get("run_id")).map()).containsEntry("status", "success");
    }
  }
}
