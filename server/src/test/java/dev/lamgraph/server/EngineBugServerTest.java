package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.ForwardingStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine bug (an unchecked exception from the engine, here a store commit that throws) while
 * {@code lam serve} resumes a thread: the run ends {@code error} with an {@code event: error}
 * ({@code engine_error}) on its stream, and the thread is failed and has no owner, not left running.
 */
class EngineBugServerTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void anEngineBugOnResumeFailsTheRunAndTheThread() {
    TestServer.copyFixtures(dir);
    BuggyCommit store = new BuggyCommit();
    try (TestServer s = new TestServer(dir, store)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      Map<String, Object> paused = s.post("/threads/" + t + "/runs/wait", Map.of("assistant_id", "human-approval")).map();
      assertThat(paused).containsKey("__interrupt__");

      store.armed.set(true);
      List<TestServer.Sse> events = s.sse("POST", "/threads/" + t + "/runs/stream",
          Map.of("command", Map.of("resume", Map.of("approved", true)), "stream_mode", List.of("values")), Map.of(), 1000);
      assertThat(events.get(events.size() - 1).event()).isEqualTo("end");
      TestServer.Sse error = events.stream().filter(e -> e.event().equals("error")).findFirst().orElseThrow();
      assertThat((Map<String, Object>) error.json()).containsEntry("error", "engine_error")
          .hasEntrySatisfying("message", m -> assertThat((String) m).startsWith("thread '").contains("failed (engine_error)")
              .endsWith("java.lang.IllegalStateException: engine bug on the commit of step 2"));

      List<Map<String, Object>> runs = s.get("/threads/" + t + "/runs").list();
      assertThat(runs).extracting(r -> r.get("status")).containsExactlyInAnyOrder("success", "error");
      Map<String, Object> thread = s.get("/threads/" + t).map();
      assertThat(thread).containsEntry("status", "error").containsEntry("lam_status", "failed");
      ThreadInfo head = s.store.thread(t).orElseThrow();
      assertThat(head.status()).as("status (%s)", head.detailJson()).isEqualTo(RunStatus.FAILED);
      assertThat(head.detailJson()).contains("\"kind\":\"engine_error\"");
      assertThat(head.owner()).as("released after it was failed").isNull();
      assertThat(s.store.events(t)).extracting(TraceEvent::kind).last().isEqualTo(TraceEvent.Kind.RUN_FAILED.id());
    }
  }

  /** A memory store whose next commit, once armed, throws an unchecked exception, as an engine bug would. */
  private static final class BuggyCommit extends ForwardingStore {
    final AtomicBoolean armed = new AtomicBoolean();

    BuggyCommit() {
      super(new MemoryStore());
    }

    @Override
    public void commit(String threadId, String owner, Checkpoint checkpoint, List<TraceEvent> events) {
      if (armed.get()) throw new IllegalStateException("engine bug on the commit of step " + checkpoint.step());
      super.commit(threadId, owner, checkpoint, events);
    }
  }
}
