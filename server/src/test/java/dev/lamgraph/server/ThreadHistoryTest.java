package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread's history across the links of its chain as one tree (what {@code useStream} reads for
 * branches with {@code fetchStateHistory}): a run from a past checkpoint is a second child of that
 * checkpoint and the old branch stays; a later turn's first checkpoint points at the turn before;
 * new input at a checkpoint where the run had ended (an edited message) starts a new turn there;
 * the tree survives a restart. And {@code on_disconnect: cancel}.
 */
@SuppressWarnings("unchecked")
class ThreadHistoryTest {
  static final Map<String, Object> HI = Map.of("messages", List.of(Map.of("type", "human", "content", "hi")));

  @TempDir Path dir;

  private TestServer server(StreamingLlm llm, String store) throws Exception {
    Files.writeString(dir.resolve("talk.yaml"), StreamingLlm.chatWorkflow("talk"));
    return new TestServer(dir, ServerOptions.defaults(), store, Map.of("LLM_URL", llm.url(), "LLM_KEY", "sk-history-0123456789"));
  }

  private static void run(TestServer s, String thread, Map<String, Object> body) {
    Map<String, Object> b = new java.util.LinkedHashMap<>(body);
    b.put("assistant_id", "talk");
    TestServer.Reply r = s.post("/threads/" + thread + "/runs/wait", b);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static List<Map<String, Object>> history(TestServer s, String thread, Map<String, Object> body) {
    return s.post("/threads/" + thread + "/history", body).list();
  }

  private static String id(Map<String, Object> state) {
    return (String) ((Map<String, Object>) state.get("checkpoint")).get("checkpoint_id");
  }

  private static String parent(Map<String, Object> state) {
    Map<String, Object> p = (Map<String, Object>) state.get("parent_checkpoint");
    return p == null ? null : (String) p.get("checkpoint_id");
  }

  private static List<String> texts(Map<String, Object> state) {
    List<Map<String, Object>> ms = (List<Map<String, Object>>) ((Map<String, Object>) state.get("values")).get("messages");
    return ms.stream().map(m -> m.get("type") + ": " + m.get("content")).toList();
  }

  @Test
  void aRunFromAPastCheckpointIsABranchAndTheOldBranchStays() throws Exception {
    try (StreamingLlm llm = new StreamingLlm(List.of("first"), 0); TestServer s = server(llm, "memory:")) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      run(s, t, Map.of("input", HI));
      List<Map<String, Object>> before = history(s, t, Map.of("limit", 10));
      assertThat(before).hasSize(3); // the answer, the input, the thread's root (LangGraph's step -1)
      String root = id(before.get(1));
      String start = id(before.get(2));
      assertThat(parent(before.get(1))).isEqualTo(start);
      assertThat(before.get(2)).containsEntry("values", Map.of()).containsEntry("parent_checkpoint", null);
      String oldAnswer = id(before.get(0));
      llm.answer(List.of("second"));
      run(s, t, Map.of("checkpoint", before.get(0).get("parent_checkpoint"))); // regenerate, as useStream sends it

      List<Map<String, Object>> h = history(s, t, Map.of("limit", 10));
      assertThat(h).extracting(ThreadHistoryTest::id).doesNotHaveDuplicates().contains(root, oldAnswer, start).hasSize(5);
      assertThat(texts(h.get(0))).containsExactly("human: hi", "ai: second");
      Map<String, Object> fork = h.stream().filter(x -> id(x).equals(parent(h.get(0)))).findFirst().orElseThrow(); // the fork's edit
      assertThat(parent(fork)).isEqualTo(root); // both branches hang off the root
      Map<String, Object> old = h.stream().filter(x -> id(x).equals(oldAnswer)).findFirst().orElseThrow();
      assertThat(parent(old)).isEqualTo(root);
      assertThat(texts(old)).containsExactly("human: hi", "ai: first");
      assertThat(parent(h.get(h.size() - 1))).isNull();
      Map<String, Object> head = s.get("/threads/" + t + "/state").map();
      assertThat(id(head)).isEqualTo(id(h.get(0)));
      assertThat(parent(head)).isEqualTo(id(fork));
      // paging with before, and a checkpoint read by its id
      assertThat(history(s, t, Map.of("limit", 10, "before", id(fork)))).extracting(ThreadHistoryTest::id)
          .containsExactly(oldAnswer, root, start);
      assertThat(texts(s.get("/threads/" + t + "/state/" + oldAnswer).map())).containsExactly("human: hi", "ai: first");
    }
  }

  @Test
  void aLaterTurnHangsOffTheLastAndAnEditedMessageStartsANewTurnThere() throws Exception {
    try (StreamingLlm llm = new StreamingLlm(List.of("ok"), 0); TestServer s = server(llm, "memory:")) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      run(s, t, Map.of("input", HI));
      String endOfTurn1 = id(s.get("/threads/" + t + "/state").map());
      run(s, t, Map.of("input", Map.of("messages", List.of(Map.of("type", "human", "content", "again")))));
      List<Map<String, Object>> h = history(s, t, Map.of("limit", 10));
      assertThat(h).hasSize(5);
      Map<String, Object> turn2 = h.get(1);
      assertThat(texts(turn2)).containsExactly("human: hi", "ai: ok", "human: again");
      assertThat(parent(turn2)).isEqualTo(endOfTurn1);

      // agent-chat-ui's edit: the new text at the edited message's parent checkpoint (the end of turn 1, where nothing runs next)
      run(s, t, Map.of("input", Map.of("messages", List.of(Map.of("type", "human", "content", "edited"))), "checkpoint",
          turn2.get("parent_checkpoint")));
      assertThat(llm.prompts).hasSize(3);
      assertThat(texts(s.get("/threads/" + t + "/state").map())).containsExactly("human: hi", "ai: ok", "human: edited", "ai: ok");
      h = history(s, t, Map.of("limit", 10));
      assertThat(h).hasSize(7);
      assertThat(h.stream().filter(x -> endOfTurn1.equals(parent(x))).map(ThreadHistoryTest::texts))
          .containsExactlyInAnyOrder(List.of("human: hi", "ai: ok", "human: again"), List.of("human: hi", "ai: ok", "human: edited"));
    }
  }

  @Test
  void theFirstMessageEditedIsANewTurnFromTheRoot() throws Exception {
    try (StreamingLlm llm = new StreamingLlm(List.of("ok"), 0); TestServer s = server(llm, "memory:")) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      run(s, t, Map.of("input", HI));
      List<Map<String, Object>> h = history(s, t, Map.of());
      Map<String, Object> input = h.get(1);
      String root = parent(input);
      assertThat(s.get("/threads/" + t + "/state/" + root).map()).containsEntry("values", Map.of());
      assertThat(s.post("/threads/" + t + "/runs", Map.of("assistant_id", "talk", "checkpoint_id", root,
          "command", Map.of("resume", true))).status()).isEqualTo(422);
      run(s, t, Map.of("input", Map.of("messages", List.of(Map.of("type", "human", "content", "hello instead"))), "checkpoint",
          input.get("parent_checkpoint")));
      assertThat(texts(s.get("/threads/" + t + "/state").map())).containsExactly("human: hello instead", "ai: ok");
      h = history(s, t, Map.of());
      assertThat(h.stream().filter(x -> root.equals(parent(x))).map(ThreadHistoryTest::texts))
          .containsExactlyInAnyOrder(List.of("human: hi"), List.of("human: hello instead"));
    }
  }

  @Test
  void theTreeSurvivesARestart() throws Exception {
    String store = "sqlite:" + dir.resolve("lam.db");
    String t;
    List<String> ids;
    List<String> parents;
    try (StreamingLlm llm = new StreamingLlm(List.of("ok"), 0)) {
      try (TestServer s = server(llm, store)) {
        t = (String) s.post("/threads", Map.of()).map().get("thread_id");
        run(s, t, Map.of("input", HI));
        run(s, t, Map.of("checkpoint", history(s, t, Map.of()).get(0).get("parent_checkpoint")));
        List<Map<String, Object>> h = history(s, t, Map.of("limit", 10));
        ids = h.stream().map(ThreadHistoryTest::id).toList();
        parents = h.stream().map(ThreadHistoryTest::parent).toList();
      }
      try (TestServer s = server(llm, store)) {
        List<Map<String, Object>> h = history(s, t, Map.of("limit", 10));
        assertThat(h).extracting(ThreadHistoryTest::id).containsExactlyElementsOf(ids);
        assertThat(h).extracting(ThreadHistoryTest::parent).containsExactlyElementsOf(parents);
        assertThat(ids).hasSize(5);
      }
    }
  }

  @Test
  void aChainFromBeforeOriginsWereKeptShowsItsHeadsHistory() throws Exception {
    String store = "sqlite:" + dir.resolve("old.db");
    String t;
    try (StreamingLlm llm = new StreamingLlm(List.of("ok"), 0)) {
      try (TestServer s = server(llm, store)) {
        t = (String) s.post("/threads", Map.of()).map().get("thread_id");
        run(s, t, Map.of("input", HI));
        run(s, t, Map.of("input", Map.of("messages", List.of(Map.of("type", "human", "content", "again")))));
        assertThat(history(s, t, Map.of())).hasSize(5);
        s.store.setLabels(t, null); // as an older server left it: no link origins
      }
      try (TestServer s = server(llm, store)) {
        List<Map<String, Object>> h = history(s, t, Map.of());
        assertThat(h).hasSize(2); // the head link's own steps, as before
        assertThat(texts(h.get(0))).containsExactly("human: hi", "ai: ok", "human: again", "ai: ok");
        assertThat(parent(h.get(1))).isNull();
      }
    }
  }

  @Test
  void onDisconnectCancelStopsTheRunWhenItsClientGoesAway() throws Exception {
    TestServer.copyFixtures(dir);
    try (TestServer s = TestServer.start(dir)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      HttpRequest req = HttpRequest.newBuilder(URI.create(s.server.url() + "/threads/" + t + "/runs/stream"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(dev.lamgraph.engine.util.Json.write(
              Map.of("assistant_id", "slow", "input", Map.of("limit", 1000), "stream_mode", List.of("values"), "on_disconnect", "cancel"))))
          .build();
      HttpResponse<InputStream> r = s.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        byte[] some = in.readNBytes(200); // the stream has begun
        assertThat(new String(some, java.nio.charset.StandardCharsets.UTF_8)).contains("event: metadata");
      }
      Map<String, Object> run = waitEnded(s, t);
      assertThat(run).containsEntry("status", "interrupted");
      long n = ((Number) ((Map<String, Object>) s.get("/threads/" + t + "/state").map().get("values")).get("n")).longValue();
      assertThat(n).isLessThan(1000); // 1,000 counts of 150 ms: cancelled long before its end, however slow the machine

      // without it (LangGraph's default, continue) the run goes on to its end
      String t2 = (String) s.post("/threads", Map.of()).map().get("thread_id");
      List<TestServer.Sse> first = s.sse("POST", "/threads/" + t2 + "/runs/stream", Map.of("assistant_id", "slow", "input",
          Map.of("limit", 4)), Map.of(), 2);
      assertThat(first).isNotEmpty();
      assertThat(waitEnded(s, t2)).containsEntry("status", "success");
      assertThat(s.post("/threads/" + t2 + "/runs", Map.of("assistant_id", "slow", "on_disconnect", "later")).status()).isEqualTo(422);
    }
  }

  private static Map<String, Object> waitEnded(TestServer s, String thread) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      Map<String, Object> run = s.get("/threads/" + thread + "/runs").list().get(0);
      if (!List.of("running", "pending").contains(run.get("status")) || System.nanoTime() > end) return run;
      Thread.sleep(50);
    }
  }
}
