package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runs, state, history, schema, nodes, --help and --version. */
class InspectCommandsTest {
  @TempDir Path dir;

  @BeforeEach
  void runCounter() {
    assertThat(Lam.run(dir, "run", Lam.COUNTER, "--thread", "a1", "-q").code()).isEqualTo(0);
  }

  @Test
  void runsListsThreadsWithWorkflowStatusStepsAndAge() {
    assertThat(Lam.run(dir, "run", Lam.workflow("approval.yaml"), "--thread", "p1", "-q", "--input", "who=x").code())
        .isEqualTo(3);
    Lam.Result r = Lam.run(dir, "runs");
    assertThat(r.code()).isEqualTo(0);
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).matches("THREAD +WORKFLOW +VERSION +STATUS +STEPS +UPDATED");
    assertThat(lines.get(1)).matches("p1 +approval +[0-9a-f]{8} +paused +1 +(just now|\\d+s ago)");
    assertThat(lines.get(2)).matches("a1 +counter +[0-9a-f]{8} +done +201 +(just now|\\d+s ago)");

    List<Object> json = Lam.run(dir, "runs", "--json").jsonList();
    assertThat(json).hasSize(2);
    @SuppressWarnings("unchecked")
    Map<String, Object> a1 = (Map<String, Object>) json.get(1);
    assertThat(a1).containsEntry("thread", "a1").containsEntry("workflow", "counter").containsEntry("status", "done")
        .containsEntry("steps", 201L).containsEntry("file", Lam.COUNTER.toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void stateAtTheLatestAndAtAnEarlierCheckpoint() {
    Lam.Result latest = Lam.run(dir, "state", "a1");
    assertThat(latest.out()).startsWith("thread a1 (counter): done at step 201\nworkflow version: sha256:")
        .contains(" from " + Lam.COUNTER + "\nstate after step 201 (latest); next: END\n")
        .contains("\"attempts\" : 100");
    Map<String, Object> at5 = Lam.run(dir, "state", "a1", "--checkpoint", "5", "--json").json();
    assertThat(at5).containsEntry("step", 5L).containsEntry("last_step", 201L).containsEntry("next", List.of("tool"));
    assertThat((Map<String, Object>) at5.get("state")).containsEntry("attempts", 2L).containsEntry("cost", 1.0)
        .containsEntry("log", List.of("plan", 1L, 2L))
        .containsEntry("notes", Map.of("goal", "count to 100", "last_review", 2L));
    Map<String, Object> at0 = Lam.run(dir, "state", "a1", "--checkpoint", "0", "--json").json();
    assertThat((Map<String, Object>) at0.get("state")).containsEntry("attempts", 0L).containsEntry("log", List.of());

    Lam.Result beyond = Lam.run(dir, "state", "a1", "--checkpoint", "202");
    assertThat(beyond.code()).isEqualTo(2);
    assertThat(beyond.err()).isEqualTo("lam: error: thread 'a1' has checkpoints 0..201; no checkpoint 202\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void historyListsEveryCheckpoint() {
    Lam.Result r = Lam.run(dir, "history", "a1");
    assertThat(r.code()).isEqualTo(0);
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("thread a1 (counter): done, 202 checkpoints");
    assertThat(lines.get(1)).matches(" +STEP +RAN +NEXT +TIME +BYTES");
    assertThat(lines.get(2)).matches(" +0 +START +plan +\\d{4}-\\d\\d-\\d\\dT.*Z +\\d+\\*");
    assertThat(lines.get(3)).matches(" +1 +plan +tool .*");
    assertThat(lines.get(203)).matches(" +201 +review +END .*");
    assertThat(lines).hasSize(204);

    List<Object> json = Lam.run(dir, "history", "a1", "--json").jsonList();
    assertThat(json).hasSize(202);
    Map<String, Object> two = (Map<String, Object>) json.get(2);
    assertThat(two).containsEntry("step", 2L).containsEntry("ran", List.of("tool")).containsEntry("next", List.of("review"))
        .containsKey("time");
    assertThat((Long) two.get("bytes")).isPositive();
  }

  @Test
  void schemaPrintsTheLanguageSchema() {
    Lam.Result r = Lam.run(dir, "schema");
    assertThat(r.code()).isEqualTo(0);
    Map<String, Object> schema = Json.readMap(r.out());
    assertThat(schema).containsKey("$schema").containsKey("properties");
    assertThat((Map<String, Object>) schema.get("properties")).containsKeys("name", "state", "nodes", "edges", "limits");
  }

  @Test
  @SuppressWarnings("unchecked")
  void nodesDescribesEachNodeType() {
    Lam.Result r = Lam.run(dir, "nodes");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("\nset: Writes CEL expressions over state and input into channels")
        .contains("  config schema:\n    {").contains("\"required\" : [ \"set\" ]")
        .contains("  example:\n    count: { type: set, set: { attempts: \"state.attempts + 1\"");
    List<Object> json = Lam.run(dir, "nodes", "--json").jsonList();
    Map<String, Object> set = (Map<String, Object>) json.stream()
        .filter(o -> "set".equals(((Map<String, Object>) o).get("name"))).findFirst().orElseThrow();
    assertThat(set).containsEntry("kind", "set").containsKeys("summary", "example").doesNotContainKey("output_shapes");
    Map<String, Object> reviewer = (Map<String, Object>) json.stream()
        .filter(o -> "reviewer".equals(((Map<String, Object>) o).get("name"))).findFirst().orElseThrow();
    Map<String, Object> verdict = (Map<String, Object>) ((List<Object>) reviewer.get("output_shapes")).get(0);
    assertThat(verdict).containsEntry("key", "output").containsEntry("name", "Verdict");
    assertThat((Map<String, Object>) ((Map<String, Object>) verdict.get("schema")).get("properties"))
        .containsKeys("approve", "score", "feedback", "revisions", "exhausted");
    assertThat(r.out()).contains("  writes to output: Verdict (CEL reads of other fields are OUTPUT_FIELD errors)")
        .contains("  writes to output: Observation").contains("  writes to output: PlanStep");
    assertThat((Map<String, Object>) set.get("config_schema")).containsEntry("required", List.of("set"));
    Map<String, Object> shell = (Map<String, Object>) json.stream()
        .filter(o -> "shell".equals(((Map<String, Object>) o).get("name"))).findFirst().orElseThrow();
    Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) shell.get("config_schema")).get("properties");
    assertThat(props).containsKeys("paths", "end_of_options", "writable", "sandbox", "network", "read_only_paths");
    assertThat(String.valueOf(props.get("sandbox"))).contains("required").contains("LAM_SANDBOX");
    for (String type : List.of("llm", "planner", "reviewer")) { // images and documents next to the prompt
      Map<String, Object> node = (Map<String, Object>) json.stream()
          .filter(o -> type.equals(((Map<String, Object>) o).get("name"))).findFirst().orElseThrow();
      Map<String, Object> p = (Map<String, Object>) ((Map<String, Object>) node.get("config_schema")).get("properties");
      assertThat(String.valueOf(p.get("attachments"))).as(type).contains("attachment_policy.root").contains("PNG, JPEG, GIF, WebP, PDF");
      assertThat(String.valueOf(p.get("attachment_policy"))).as(type).contains("max_bytes").contains("allow_hosts");
    }
  }

  @Test
  void helpAndVersion() {
    Lam.Result help = Lam.run(dir, "--help");
    assertThat(help.code()).isEqualTo(0);
    assertThat(help.out()).contains("Usage: lam").contains("validate").contains("resume").contains("Exit codes: 0 done");
    for (String cmd : List.of("validate", "run", "resume", "runs", "state", "history", "schema", "nodes")) {
      Lam.Result r = Lam.run(dir, cmd, "--help");
      assertThat(r.code()).as(cmd).isEqualTo(0);
      assertThat(r.out()).as(cmd).contains("Usage: lam " + cmd + " [-h");
    }
    assertThat(Lam.run(dir, "run", "--help").out()).contains("--input=KEY=VALUE").contains("--store=URL");
    Lam.Result v = Lam.run(dir, "--version");
    assertThat(v.code()).isEqualTo(0);
    assertThat(v.out()).startsWith("lam (lamgraph) 0.1.0-SNAPSHOT");
  }

  @Test
  void noCommandOrAnUnknownOneIsAUsageError() {
    Lam.Result none = Lam.run(dir);
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("Usage: lam");
    Lam.Result unknown = Lam.run(dir, "frobnicate");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("lam: error: Unmatched argument at index 0: 'frobnicate'");
  }
}
