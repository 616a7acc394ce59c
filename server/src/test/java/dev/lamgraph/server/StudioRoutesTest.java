package dev.lamgraph.server;

import static dev.lamgraph.server.StudioFixtures.copy;
import static dev.lamgraph.server.StudioFixtures.poll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's own endpoints over HTTP: its files and the JSON its pages read, as runs started,
 * answered, forked and cancelled through the LangGraph API routes (what the page calls) change it.
 */
@SuppressWarnings("unchecked")
class StudioRoutesTest {
  @TempDir Path dir;

  /** Starts a run of {@code workflow} on a new thread {@code id}, as the page does; returns the reply. */
  static TestServer.Reply start(TestServer s, String workflow, String id, Map<String, Object> input) {
    return s.post("/threads/" + id + "/runs", Map.of("assistant_id", workflow, "input", input, "if_not_exists", "create"));
  }

  @Test
  void pageAndFilesWithContentTypesAndCsp() {
    copy("approval.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Reply page = s.get("/");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.headers().get("content-type").get(0)).startsWith("text/html");
      String csp = page.headers().get("content-security-policy").get(0);
      assertThat(csp).contains("default-src 'self'").contains("script-src 'self';").doesNotContain("unsafe-eval");
      assertThat(page.headers().get("x-content-type-options")).containsExactly("nosniff");
      assertThat(page.body()).contains("<script src=\"/studio/mermaid.min.js\"></script>")
          .doesNotContainPattern("(?i)\\son[a-z]+\\s*=").doesNotContainPattern("<script>");
      for (String f : List.of("app.js", "dom.js", "forms.js", "workflows.js", "threads.js", "thread.js", "signin.js")) {
        TestServer.Reply js = s.get("/studio/" + f);
        assertThat(js.status()).as(f).isEqualTo(200);
        assertThat(js.headers().get("content-type").get(0)).startsWith("text/javascript");
        assertThat(js.body()).as(f).doesNotContain("innerHTML").doesNotContain("eval(");
      }
      assertThat(s.get("/studio/studio.css").headers().get("content-type").get(0)).startsWith("text/css");
      TestServer.Reply mermaid = s.get("/studio/mermaid.min.js");
      assertThat(mermaid.status()).isEqualTo(200);
      assertThat(mermaid.body().length()).isGreaterThan(1_000_000);
      assertThat(s.get("/studio/mermaid.LICENSE").status()).isEqualTo(404);
      assertThat(s.get("/studio/..%2Fpom.xml").status()).isEqualTo(404);
    }
  }

  @Test
  void workflowsWithDiagramSchemaAndTheDiagnosticsOfOneThatDoesNotCompile() {
    copy("approval.yaml", dir);
    copy("broken.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      List<Map<String, Object>> all = s.get("/studio/api/workflows").list();
      assertThat(all).extracting(w -> w.get("name")).containsExactly("approval", "broken");
      Map<String, Object> ok = all.get(0);
      assertThat(ok).containsEntry("runnable", true);
      assertThat((String) ok.get("mermaid")).startsWith("---\ntitle: approval").contains("flowchart TD");
      Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) ok.get("input_schema")).get("properties");
      assertThat(props).containsKeys("rounds", "target", "topic", "plan", "approval", "log");
      assertThat((Map<String, Object>) props.get("target")).containsEntry("type", "integer").containsEntry("default", 5L);
      Map<String, Object> broken = all.get(1);
      assertThat(broken).containsEntry("runnable", false).doesNotContainKey("mermaid");
      assertThat((List<Map<String, Object>>) broken.get("diagnostics")).isNotEmpty()
          .allSatisfy(d -> assertThat(d).containsKeys("code", "line", "message"));
      assertThat(start(s, "broken", "b-1", Map.of()).status()).isEqualTo(422);
      assertThat(s.get("/studio/api/workflows/nope").status()).isEqualTo(404);
    }
  }

  @Test
  void runPausesAtTheHumanNodeIsAnsweredFinishesAndForks() {
    copy("approval.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      s.server.context().redactor().addSecret("hunter2-secret");
      TestServer.Reply started = start(s, "approval", "approval-1", Map.of("target", 3, "topic", "hunter2-secret"));
      assertThat(started.status()).isEqualTo(200);
      String id = "approval-1";
      Map<String, Object> t = poll(s, id, m -> "paused".equals(m.get("status")) && m.get("active_run") == null);
      assertThat(Json.write(t)).doesNotContain("hunter2-secret").contains("***");
      Map<String, Object> pending = (Map<String, Object>) t.get("pending");
      assertThat(pending).containsEntry("node", "approve");
      assertThat((Map<String, Object>) pending.get("schema")).containsEntry("required", List.of("approved"));
      assertThat((String) t.get("mermaid")).contains("class n3 paused").contains("×3");
      List<Map<String, Object>> cps = (List<Map<String, Object>>) t.get("checkpoints");
      assertThat(cps).extracting(c -> ((Number) c.get("step")).intValue()).containsExactly(0, 1, 2, 3, 4);
      Map<String, Object> draft = cps.get(4);
      assertThat((List<Object>) draft.get("ran")).containsExactly("draft");
      assertThat((List<Map<String, Object>>) draft.get("diff")).extracting(d -> d.get("channel")).containsExactlyInAnyOrder("plan", "log");
      List<Map<String, Object>> events = (List<Map<String, Object>>) t.get("events");
      assertThat(events).extracting(e -> e.get("kind")).contains("run_started", "node_succeeded", "run_paused");

      assertThat(t).containsEntry("langgraph_thread", id).containsEntry("head", id).containsEntry("active_run", null);
      assertThat((List<Map<String, Object>>) t.get("runs")).singleElement()
          .satisfies(r -> assertThat(r).containsEntry("run_id", started.map().get("run_id")));
      TestServer.Reply refused = s.post("/threads/" + id + "/runs", Map.of("command", Map.of("resume", Map.of("approved", "yes"))));
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.map().get("detail").toString()).contains("approve");
      assertThat(s.get("/studio/api/threads/" + id).map()).containsEntry("status", "paused");

      assertThat(s.post("/threads/" + id + "/runs", Map.of("command", Map.of("resume", Map.of("approved", true)))).status()).isEqualTo(200);
      Map<String, Object> done = poll(s, id, m -> "done".equals(m.get("status")) && m.get("active_run") == null);
      Map<String, Object> last = ((List<Map<String, Object>>) done.get("checkpoints")).get(((List<?>) done.get("checkpoints")).size() - 1);
      assertThat(Json.write(last.get("state"))).contains("acted on 2 steps");
      assertThat((String) done.get("mermaid")).contains("class lam_start,n1,n2,n3,n4,lam_end visited");

      // the page forks with a run from the checkpoint's id (LangGraph), the edits as its input
      TestServer.Reply fork = s.post("/threads/" + id + "/runs", Map.of("checkpoint_id", cps.get(4).get("checkpoint_id"),
          "input", Map.of("plan", List.of("only one"))));
      assertThat(fork.status()).isEqualTo(200);
      String forked = (String) ((Map<String, Object>) fork.map().get("metadata")).get("lam_thread");
      assertThat(forked).isEqualTo(id + ":2");
      Map<String, Object> f = poll(s, forked, m -> "paused".equals(m.get("status")));
      List<Map<String, Object>> fcps = (List<Map<String, Object>>) f.get("checkpoints");
      Map<String, Object> edit = fcps.get(5);
      assertThat((List<Object>) edit.get("ran")).containsExactly("__fork__");
      assertThat((List<Map<String, Object>>) edit.get("diff")).singleElement()
          .satisfies(d -> assertThat(d).containsEntry("channel", "plan").containsEntry("after", List.of("only one")));
      assertThat(s.get("/studio/api/threads/" + id).map()).containsEntry("head", forked);
      assertThat(f).containsEntry("langgraph_thread", id);

      List<Map<String, Object>> paused = s.get("/studio/api/threads?status=paused").list();
      assertThat(paused).extracting(m -> m.get("thread_id")).containsExactly(forked);
      assertThat(s.get("/studio/api/threads?workflow=approval").list()).hasSize(2);
      assertThat(s.get("/studio/api/threads?q=" + forked.substring(forked.length() - 8)).list()).hasSize(1);
      assertThat(s.get("/studio/api/threads?status=sleeping").status()).isEqualTo(422);
    }
  }

  @Test
  void aLiveRunShowsItsCurrentNodeAndActiveRunUntilCancelled() {
    copy("spin.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      // 10^8 steps: still running when cancelled, however fast the engine (minutes at any speed)
      String run = (String) start(s, "spin", "spin-1", Map.of("stop", 100_000_000)).map().get("run_id");
      Map<String, Object> running = poll(s, "spin-1", m -> ((Number) m.get("step")).longValue() > 3);
      assertThat(running).containsEntry("status", "running").containsEntry("active_run", run);
      assertThat((List<Object>) running.get("current")).containsExactly("inc");
      assertThat((String) running.get("mermaid")).contains("class n1 current");
      assertThat(s.post("/threads/spin-1/runs/" + run + "/cancel?wait=true", Map.of()).status()).isEqualTo(200);
      Map<String, Object> cancelled = poll(s, "spin-1", m -> "cancelled".equals(m.get("status")));
      assertThat(cancelled).containsEntry("active_run", null).containsEntry("current", List.of());
      assertThat(((Number) cancelled.get("step")).longValue()).isLessThan(100_000_000);
      assertThat(s.get("/studio/api/threads?status=cancelled").list()).extracting(m -> m.get("thread_id")).containsExactly("spin-1");
    }
  }

  @Test
  void eventsStreamTellsWhenTheThreadChanges() throws Exception {
    copy("approval.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      String id = "approval-sse";
      start(s, "approval", id, Map.of());
      poll(s, id, m -> "paused".equals(m.get("status")) && m.get("active_run") == null);
      HttpRequest req = HttpRequest.newBuilder(URI.create(s.server.url() + "/studio/api/threads/" + id + "/events"))
          .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).build();
      HttpResponse<java.io.InputStream> r = s.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        // the first event at once: the thread as it is (the event id is its step)
        assertThat(in.readLine()).matches("id: \\d+");
        assertThat(in.readLine()).isEqualTo("event: thread");
        assertThat(in.readLine()).startsWith("data: ").contains("\"status\":\"paused\"");
        s.post("/threads/" + id + "/runs", Map.of("command", Map.of("resume", Map.of("approved", false))));
        String line;
        boolean done = false;
        while (!done && (line = in.readLine()) != null) done = line.startsWith("data: ") && line.contains("\"status\":\"done\"");
        assertThat(done).isTrue();
      }
    }
  }

  @Test
  void aFailedRunShowsItsFailedNodeResumesAndIsFixedByAForkWithAnEdit() {
    copy("fragile.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      start(s, "fragile", "fragile-1", Map.of());
      // the page offers Resume once the run is over (no active run): a run still finishing is busy (409)
      Map<String, Object> failed = poll(s, "fragile-1", m -> "failed".equals(m.get("status")) && m.get("active_run") == null);
      assertThat((Map<String, Object>) failed.get("detail")).containsEntry("node", "calc");
      assertThat((String) failed.get("mermaid")).contains("class n1 failed");
      assertThat((List<Map<String, Object>>) failed.get("events")).extracting(e -> e.get("kind")).contains("node_failed", "run_failed");
      // resume (what the page's Resume button sends): the node runs again, and fails again
      assertThat(s.post("/threads/fragile-1/runs", Map.of()).status()).isEqualTo(200);
      Map<String, Object> again = poll(s, "fragile-1", m -> "failed".equals(m.get("status")) && m.get("active_run") == null
          && ((List<Map<String, Object>>) m.get("events")).stream().anyMatch(e -> "run_resumed".equals(e.get("kind"))));
      String start = (String) ((List<Map<String, Object>>) again.get("checkpoints")).get(0).get("checkpoint_id");
      TestServer.Reply fix = s.post("/threads/fragile-1/runs", Map.of("checkpoint_id", start, "input", Map.of("d", 2)));
      assertThat(fix.status()).isEqualTo(200);
      Map<String, Object> done = poll(s, "fragile-1:2", m -> "done".equals(m.get("status")));
      List<Map<String, Object>> cps = (List<Map<String, Object>>) done.get("checkpoints");
      assertThat((Map<String, Object>) cps.get(cps.size() - 1).get("state")).containsEntry("x", 5L).containsEntry("d", 2L);
    }
  }

  @Test
  void aWorkflowThatStopsCompilingKeepsItsLastGoodDiagramBesideItsErrors() throws Exception {
    copy("approval.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      java.nio.file.Path f = dir.resolve("approval.yaml");
      java.nio.file.Files.writeString(f, java.nio.file.Files.readString(f).replace("state.rounds + 1", "state.nope + 1"));
      java.nio.file.Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
      s.registry.scan();
      Map<String, Object> w = s.get("/studio/api/workflows/approval").map();
      assertThat(w).containsEntry("runnable", true).containsEntry("current", false);
      assertThat((String) w.get("mermaid")).contains("flowchart TD");
      assertThat((List<Map<String, Object>>) w.get("diagnostics")).anySatisfy(d -> assertThat(d).containsEntry("severity", "error")
          .satisfies(x -> assertThat((String) x.get("message")).contains("nope")));
    }
  }

  @Test
  void aWorkflowListsItsNodesForInterruptBefore() {
    copy("approval.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      Map<String, Object> w = s.get("/studio/api/workflows/approval").map();
      assertThat((List<Map<String, Object>>) w.get("nodes")).extracting(n -> n.get("name")).containsExactly("count", "draft", "approve", "act");
      s.post("/threads/i-1/runs", Map.of("assistant_id", "approval", "if_not_exists", "create", "interrupt_before", List.of("draft")));
      Map<String, Object> t = poll(s, "i-1", m -> "paused".equals(m.get("status")));
      assertThat((Map<String, Object>) t.get("pending")).containsEntry("node", "draft").containsEntry("when", "before");
    }
  }

  @Test
  void unknownThreadIs404Json() {
    copy("approval.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Reply none = s.get("/studio/api/threads/nope");
      assertThat(none.status()).isEqualTo(404);
      assertThat(none.map()).containsEntry("detail", "thread 'nope' not found");
      assertThat(s.get("/studio/api/threads").list()).isEmpty();
      assertThat(s.get("/studio/api/threads?limit=-1").status()).isEqualTo(422);
    }
  }
}
