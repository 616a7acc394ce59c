package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class ThreadRoutesTest {
  @TempDir Path dir;

  @Test
  void updateStateAtAnInterruptThenContinueCopyAndPatch() {
    try (TestServer s = TestServer.fixtures(dir)) {
      String t = (String) s.post("/threads", Map.of("metadata", Map.of("team", "a"))).map().get("thread_id");
      s.post("/threads/" + t + "/runs/wait", Map.of("assistant_id", "human-approval"));
      Map<String, Object> cp = s.post("/threads/" + t + "/state", Map.of("values", Map.of("plan", List.of("only-search")))).map();
      String checkpointId = (String) ((Map<String, Object>) cp.get("checkpoint")).get("checkpoint_id");
      Map<String, Object> state = s.get("/threads/" + t + "/state").map();
      assertThat(((Map<String, Object>) state.get("checkpoint")).get("checkpoint_id")).isEqualTo(checkpointId);
      assertThat(((Map<String, Object>) state.get("values")).get("plan")).isEqualTo(List.of("only-search"));
      assertThat(((Map<String, Object>) state.get("metadata")).get("source")).isEqualTo("update");
      // the update is a paused fork: the next run asks the human node again, with the edited plan
      Map<String, Object> again = s.post("/threads/" + t + "/runs/wait", Map.of()).map();
      assertThat((String) ((Map<String, Object>) ((List<Map<String, Object>>) again.get("__interrupt__")).get(0).get("value"))
          .get("prompt")).contains("only-search");
      Map<String, Object> done = s.post("/threads/" + t + "/runs/wait", Map.of("command", Map.of("resume", Map.of("approved", true)))).map();
      assertThat((List<Object>) done.get("log")).contains("acted on 1 steps");

      Map<String, Object> copy = s.post("/threads/" + t + "/copy", null).map();
      String c = (String) copy.get("thread_id");
      assertThat(c).isNotEqualTo(t);
      assertThat(copy.get("values")).isEqualTo(s.get("/threads/" + t).map().get("values"));
      assertThat((Map<String, Object>) copy.get("metadata")).containsEntry("team", "a");
      Map<String, Object> patched = s.send("PATCH", "/threads/" + t, "{\"metadata\": {\"reviewed\": true}}").map();
      assertThat((Map<String, Object>) patched.get("metadata")).containsEntry("team", "a").containsEntry("reviewed", true);
      assertThat(s.post("/threads/search", Map.of("metadata", Map.of("reviewed", true))).list()).extracting(x -> x.get("thread_id"))
          .containsExactly(t);
      assertThat(s.post("/threads/count", Map.of("metadata", Map.of("team", "a"))).json()).isEqualTo(2L);
    }
  }

  @Test
  void gotoSendsAPausedThreadToANamedNodeWithAnUpdate() {
    try (TestServer s = TestServer.fixtures(dir)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      s.post("/threads/" + t + "/runs/wait", Map.of("assistant_id", "human-approval"));
      assertThat((List<String>) s.get("/threads/" + t + "/state").map().get("next")).containsExactly("approve");
      // refused: an unknown node, goto with resume, a Send object
      TestServer.Reply unknown = s.post("/threads/" + t + "/runs/wait", Map.of("command", Map.of("goto", "publish")));
      assertThat(unknown.status()).isEqualTo(422);
      assertThat((String) unknown.map().get("detail")).contains("has no node 'publish'").contains("draft, approve, act, reject");
      assertThat(s.post("/threads/" + t + "/runs/wait", Map.of("command", Map.of("goto", "act", "resume", Map.of("approved", true))))
          .status()).isEqualTo(422);
      assertThat(s.post("/threads/" + t + "/runs/wait", Map.of("command", Map.of("goto", Map.of("node", "act", "arg", 1))))
          .status()).isEqualTo(422);

      // skip the human node: go to act with an edited plan
      Map<String, Object> done = s.post("/threads/" + t + "/runs/wait", Map.of("command",
          Map.of("goto", List.of("act"), "update", Map.of("plan", List.of("only-search"))))).map();
      assertThat((List<Object>) done.get("log")).containsExactly("drafted", "acted on 1 steps");
      assertThat(done).doesNotContainKey("approval");
      Map<String, Object> state = s.get("/threads/" + t + "/state").map();
      assertThat((List<String>) state.get("next")).isEmpty();

      // from a past checkpoint (the pause at approve): go to reject instead
      List<Map<String, Object>> history = s.post("/threads/" + t + "/history", Map.of("limit", 20)).list();
      Map<String, Object> paused = history.stream().filter(h -> ((List<String>) h.get("next")).equals(List.of("approve")))
          .findFirst().orElseThrow();
      String cp = (String) ((Map<String, Object>) paused.get("checkpoint")).get("checkpoint_id");
      Map<String, Object> rejected = s.post("/threads/" + t + "/runs/wait", Map.of("checkpoint_id", cp,
          "command", Map.of("goto", "reject"))).map();
      assertThat((List<Object>) rejected.get("log")).containsExactly("drafted", "rejected");
      assertThat(rejected.get("plan")).isEqualTo(List.of("search", "summarize"));
    }
  }

  @Test
  void metadataGivenOverHttpSurvivesARestartOnTheSameStore() {
    TestServer.copyFixtures(dir);
    String url = "sqlite:" + dir.resolve("lam.db");
    String waiting, ran;
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), url, Map.of())) {
      waiting = (String) s.post("/threads", Map.of("metadata", Map.of("team", "a"))).map().get("thread_id");
      ran = (String) s.post("/threads", Map.of("metadata", Map.of("team", "b"))).map().get("thread_id");
      s.post("/threads/" + ran + "/runs/wait", Map.of("assistant_id", "counter"));
      assertThat(s.send("PATCH", "/threads/" + ran, "{\"metadata\": {\"reviewed\": true}}").status()).isEqualTo(200);
      String gone = (String) s.post("/threads", Map.of("metadata", Map.of("team", "a"))).map().get("thread_id");
      assertThat(s.send("DELETE", "/threads/" + gone, null).status()).isLessThan(300);
    }
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), url, Map.of())) {
      assertThat(s.post("/threads/search", Map.of("metadata", Map.of("team", "a"))).list()).extracting(x -> x.get("thread_id"))
          .containsExactly(waiting); // a thread with no run yet is still there; the deleted one is not
      assertThat(s.post("/threads/search", Map.of("metadata", Map.of("reviewed", true))).list()).extracting(x -> x.get("thread_id"))
          .containsExactly(ran);
      assertThat((Map<String, Object>) s.get("/threads/" + ran).map().get("metadata")).containsEntry("team", "b")
          .containsEntry("reviewed", true);
    }
  }

  @Test
  void statelessRunsIfNotExistsAndTheDebugAndEventsModes() {
    try (TestServer s = TestServer.fixtures(dir)) {
      int before = s.store.threads().size();
      Map<String, Object> out = s.post("/runs/wait", Map.of("assistant_id", "counter")).map();
      assertThat(out).containsEntry("attempts", 100L);
      assertThat(s.store.threads()).hasSize(before); // on_completion: delete (LangGraph's default for stateless runs)
      s.post("/runs/wait", Map.of("assistant_id", "counter", "on_completion", "keep"));
      assertThat(s.store.threads()).hasSize(before + 1);

      assertThat(s.post("/threads/nope-1/runs/wait", Map.of("assistant_id", "counter")).status()).isEqualTo(404);
      Map<String, Object> created = s.post("/threads/new-1/runs/wait", Map.of("assistant_id", "counter", "if_not_exists", "create")).map();
      assertThat(created).containsEntry("attempts", 100L);
      assertThat(s.store.thread("new-1")).isPresent();

      List<TestServer.Sse> events = s.sse("POST", "/runs/stream", Map.of("assistant_id", "human-approval",
          "stream_mode", List.of("debug", "events")), Map.of(), 10_000);
      List<Map<String, Object>> debug = events.stream().filter(e -> e.event().equals("debug")).map(e -> (Map<String, Object>) e.json()).toList();
      assertThat(debug).extracting(d -> d.get("type")).contains("checkpoint", "task_result");
      Map<String, Object> cpPayload = (Map<String, Object>) debug.stream().filter(d -> d.get("type").equals("checkpoint")).findFirst()
          .orElseThrow().get("payload");
      assertThat(cpPayload).containsKeys("config", "values", "metadata", "next", "tasks");
      assertThat(events.stream().filter(e -> e.event().equals("events")).map(e -> ((Map<String, Object>) e.json()).get("event")))
          .containsOnly("on_chain_stream");
    }
  }

  @Test
  void unknownThreadsAndCheckpointsAre404AndGotoWithoutStateIs422() {
    try (TestServer s = TestServer.fixtures(dir)) {
      assertThat(s.get("/threads/nope").status()).isEqualTo(404);
      assertThat(s.get("/threads/nope/state").map()).containsEntry("detail", "thread 'nope' not found");
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      assertThat(s.post("/threads", Map.of("thread_id", t)).status()).isEqualTo(409);
      assertThat(s.post("/threads", Map.of("thread_id", "bad id")).status()).isEqualTo(422);
      assertThat(s.get("/threads/" + t + "/state/0000").status()).isEqualTo(404);
      TestServer.Reply go = s.post("/threads/" + t + "/runs", Map.of("assistant_id", "counter", "command", Map.of("goto", "tool")));
      assertThat(go.status()).isEqualTo(422);
      assertThat((String) go.map().get("detail")).contains("command.goto needs a thread with state");
      TestServer.Reply badInput = s.post("/threads/" + t + "/runs", Map.of("assistant_id", "counter", "input", Map.of("attempts", "many")));
      assertThat(badInput.status()).isEqualTo(422);
      assertThat((List<String>) badInput.map().get("problems")).singleElement().asString().contains("expects integer");
    }
  }
}
