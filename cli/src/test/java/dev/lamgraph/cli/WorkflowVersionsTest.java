package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.spec.WorkflowVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread runs the workflow it started with: `lam runs` / `lam state` show its version and hash;
 * `lam resume` continues on it even when the file changed; `lam migrate` moves threads explicitly,
 * refusing (and saying why) those a change would break.
 */
class WorkflowVersionsTest {
  @TempDir Path dir;

  private Path flow() {
    return dir.resolve("review.yaml");
  }

  private void use(String fixture) throws Exception {
    Files.copy(Lam.workflow("versions/" + fixture), flow(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private Lam.Result lam(Object... args) {
    return Lam.run(dir, args);
  }

  private Map<String, Object> thread(String id) {
    return lam("runs", "--json").jsonList().stream().map(o -> {
      @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) o;
      return m;
    }).filter(m -> id.equals(m.get("thread"))).findFirst().orElseThrow();
  }

  private void pausedThread(String id) throws Exception {
    Lam.Result run = lam("run", flow(), "--thread", id, "-q");
    assertThat(run.code()).as(run.toString()).isEqualTo(3);
  }

  @Test
  void aThreadRecordsItsWorkflowAndResumesOnItAfterTheFileChanged() throws Exception {
    use("review-v1.yaml");
    String v1 = Files.readString(flow());
    pausedThread("p1");
    use("review-v2.yaml"); // edited between the run and the resume

    assertThat(thread("p1")).containsEntry("workflow_version", "1").containsEntry("workflow_hash", WorkflowVersion.of(v1).hash());
    Lam.Result table = lam("runs");
    assertThat(table.out()).containsPattern("p1 +review +1@" + WorkflowVersion.of(v1).hash().substring(0, 8) + " +paused");
    assertThat(lam("state", "p1").out()).contains("workflow version: 1 (sha256:" + WorkflowVersion.of(v1).shortHash() + ")");

    Lam.Result resumed = lam("resume", "p1", "--input", "ok=true", "--json");
    assertThat(resumed.code()).as(resumed.toString()).isEqualTo(0);
    assertThat(lam("state", "p1", "--json").json().get("state")).asString().contains("published v1: first draft");
  }

  @Test
  void migrateMovesACompatibleThreadWhichThenRunsTheNewText() throws Exception {
    use("review-v1.yaml");
    pausedThread("p2");
    Path v2 = Lam.workflow("versions/review-v2.yaml");
    String v2Hash = WorkflowVersion.of(Files.readString(v2)).shortHash();

    Lam.Result dry = lam("migrate", "--workflow", v2, "p2", "--dry-run");
    assertThat(dry.code()).as(dry.toString()).isEqualTo(0);
    assertThat(dry.out()).startsWith("can move p2 (paused): 1 (sha256:").endsWith(" -> 2 (sha256:" + v2Hash + ")\n");
    assertThat(thread("p2")).containsEntry("workflow_version", "1"); // a dry run moves nothing

    Lam.Result moved = lam("migrate", "--workflow", v2, "p2");
    assertThat(moved.code()).as(moved.toString()).isEqualTo(0);
    assertThat(moved.out()).startsWith("moved p2 (paused): 1 (sha256:");
    assertThat(thread("p2")).containsEntry("workflow_version", "2").containsEntry("file", v2.toString());
    assertThat(lam("resume", "p2", "--input", "ok=true").code()).isEqualTo(0);
    assertThat(lam("state", "p2", "--json").json().get("state")).asString().contains("published v2: first draft");
  }

  @Test
  void migrateSaysExactlyWhatBreaksAndMovesNothingThen() throws Exception {
    use("review-v1.yaml");
    pausedThread("p3");
    Lam.Result broken = lam("migrate", "--workflow", Lam.workflow("versions/review-broken.yaml"), "p3");
    assertThat(broken.code()).as(broken.toString()).isEqualTo(2);
    assertThat(broken.out().lines().toList()).containsExactly(
        "cannot move p3 (paused):",
        "  channel 'draft' was retyped from string to integer",
        "  channel 'log' changed its reducer from append to replace",
        "  pending node 'approve' no longer exists",
        "  its state does not fit: checkpoint 1 of thread 'p3' does not fit the current workflow: node 'write' wrote"
            + " string to channel 'draft', which expects integer");
    assertThat(broken.err()).isEqualTo("lam: error: no thread moved to " + Lam.workflow("versions/review-broken.yaml")
        + "; each one's reasons are listed above\n");

    Lam.Result schema = lam("migrate", "--workflow", Lam.workflow("versions/review-schema.yaml"), "p3", "--json");
    assertThat(schema.code()).isEqualTo(2);
    assertThat(schema.json().get("refused")).isEqualTo(Map.of("p3", List.of("the answer schema of human node 'approve'"
        + " changed under its paused question: {\"type\":\"object\",\"required\":[\"ok\"],\"properties\":{\"ok\":{\"type\":"
        + "\"boolean\"}}} -> {\"type\":\"object\",\"required\":[\"ok\",\"why\"],\"properties\":{\"ok\":{\"type\":\"boolean\"},"
        + "\"why\":{\"type\":\"string\"}}}")));
    assertThat(thread("p3")).containsEntry("workflow_version", "1");
  }

  @Test
  void aPendingNodeThatNoLongerExistsIsNamed() throws Exception {
    use("review-v1.yaml");
    pausedThread("p4");
    Path renamed = dir.resolve("renamed.yaml");
    Files.writeString(renamed, Files.readString(flow()).replace("approve", "confirm"));
    Lam.Result r = lam("migrate", "--workflow", renamed, "p4");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo("cannot move p4 (paused):\n  pending node 'approve' no longer exists\n");

    Path added = dir.resolve("added.yaml");
    Files.writeString(added, Files.readString(flow()).replace("state:\n", "state:\n  tries:    { type: integer, default: 3 }\n  notes:    { type: list, reducer: append }\n"));
    Lam.Result a = lam("migrate", "--workflow", added, "p4");
    assertThat(a.out()).isEqualTo("cannot move p4 (paused):\n  channel 'tries' is new with a default (3), which the thread's state does not have\n");
  }

  @Test
  void allPausedMovesThoseItCanAndExitsOneWhenSomeCannot() throws Exception {
    use("review-v1.yaml");
    pausedThread("a1");
    pausedThread("a2");
    assertThat(lam("resume", "a2", "--input", "ok=true").code()).isEqualTo(0); // done: not paused any more
    pausedThread("a3");
    Path partly = dir.resolve("partly.yaml");
    Files.writeString(partly, Files.readString(Lam.workflow("versions/review-v2.yaml")));
    Lam.Result r = lam("migrate", "--workflow", partly, "--all-paused", "a2");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("moved a1 (paused)", "moved a3 (paused)", "cannot move a2 (done):\n  it is done; only unfinished threads move");
    assertThat(lam("migrate", "--workflow", partly).err()).contains("name the threads to move, or pass --all-paused or --all-failed");
  }

  @Test
  void aWorkerRunsTheWorkflowAThreadWasSubmittedWithAfterTheFileChanged() throws Exception {
    dev.lamgraph.engine.testing.PgServer pg = dev.lamgraph.engine.testing.PgServer.shared();
    String store = pg.url(pg.newSchema());
    use("review-v1.yaml");
    assertThat(lam("submit", flow(), "--thread", "w1", "--store", store).code()).isZero();
    Files.writeString(flow(), Files.readString(flow()).replace("first draft", "edited draft").replace("version: 1", "version: 9"));
    Lam.Result w = lam("worker", "--until-idle", "--poll", "50ms", "--store", store);
    assertThat(w.code()).as(w.toString()).isZero();
    Lam.Result paused = lam("state", "w1", "--json", "--store", store);
    assertThat(paused.json()).containsEntry("status", "paused").containsEntry("workflow_version", "1");
    assertThat(paused.json().get("state")).asString().contains("first draft").doesNotContain("edited");
    assertThat(lam("resume", "w1", "--input", "ok=true", "--store", store).code()).isZero();
    assertThat(lam("state", "w1", "--json", "--store", store).json().get("state")).asString()
        .contains("published v1: first draft");
  }

  @Test
  void resumeWithAnotherFileMovesTheThreadOrRefusesSayingWhy() throws Exception {
    use("review-v1.yaml");
    pausedThread("r1");
    Lam.Result refused = lam("resume", "r1", "--input", "ok=true", "--workflow", Lam.workflow("versions/review-schema.yaml"));
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).startsWith("lam: error: thread r1 cannot continue on ").contains("the answer schema of human node"
        + " 'approve' changed under its paused question").endsWith("; the thread is unchanged\n");
    Lam.Result ok = lam("resume", "r1", "--input", "ok=true", "--workflow", Lam.workflow("versions/review-v2.yaml"));
    assertThat(ok.code()).as(ok.toString()).isEqualTo(0);
    assertThat(thread("r1")).containsEntry("workflow_version", "2");
    assertThat(lam("state", "r1", "--json").json().get("state")).asString().contains("published v2: first draft");
  }
}
