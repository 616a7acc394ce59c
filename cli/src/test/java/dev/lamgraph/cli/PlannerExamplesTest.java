package dev.lamgraph.cli;

import static dev.lamgraph.cli.ExampleDir.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner examples of graphs/ end to end through `lam run`, on a copy of graphs/:
 * agent-loop (static planner, tool, rules reviewer in a loop), note-publish (a static plan whose
 * failed step stops it) and note-stats (a goal planner chaining tools by needs/gives).
 */
class PlannerExamplesTest {
  @TempDir Path tmp;
  ExampleDir ex;

  @BeforeEach
  void copyGraphs() throws Exception {
    ex = new ExampleDir(tmp);
  }

  @Test
  @SuppressWarnings("unchecked")
  void agentLoopPlansCallsTheToolAndIsSentBackByTheReviewerUntilTen() {
    Lam.Result r = ex.run("agent-loop.yaml", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.json()).containsEntry("status", "done").containsEntry("steps", 30L);
    Map<String, Object> state = state(r);
    assertThat(state).containsEntry("attempts", 10L).containsEntry("cost", 5.0).containsEntry("plan", List.of());
    // every count came from the tool: expr printed n + 1, the tool node saved it
    List<Map<String, Object>> log = (List<Map<String, Object>>) state.get("log");
    assertThat(log).extracting(o -> o.get("tool") + ":" + o.get("ok")).containsOnly("add_one:true").hasSize(10);
    assertThat(log).extracting(o -> ((Map<String, Object>) o.get("value")).get("stdout"))
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 10).mapToObj(i -> i + "\n").toList());
    // nine rejections, then the approval that ends the loop
    assertThat((Map<String, Object>) state.get("verdict")).containsEntry("approve", true).containsEntry("revisions", 9L)
        .containsEntry("exhausted", false).containsEntry("feedback", List.of());
  }

  @Test
  @SuppressWarnings("unchecked")
  void notePublishRunsItsFixedPlanAndWritesTheCheckedDraft() throws Exception {
    Lam.Result r = ex.run("note-publish.yaml", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    Map<String, Object> state = state(r);
    assertThat(state).containsEntry("outcome", "published release-2.3.md").containsEntry("plan", List.of());
    assertThat((Map<String, Object>) state.get("last")).containsEntry("tool", "published").containsEntry("ok", true);
    List<Map<String, Object>> calls = toolCalls(r);
    assertThat(calls).extracting(c -> c.get("tool") + ":" + !c.containsKey("error_kind"))
        .containsExactly("drafts:true", "check:true", "published:true");
    // the check got the text the first step read (its `needs`), not a file name
    assertThat(calls.get(1).get("arguments")).isEqualTo(Map.of("content", state.get("content")));
    assertThat((String) state.get("content")).startsWith("# Release 2.3\n");
    assertThat(ex.resolve("data/notes/published/release-2.3.md"))
        .hasSameTextualContentAs(ex.resolve("data/notes/drafts/release-2.3.md"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void notePublishStopsAtTheFailedCheckAndWritesNothing() throws Exception {
    Lam.Result todo = ex.run("note-publish.yaml", "--json", "--input", "note=roadmap.md");
    assertThat(todo.code()).as(todo.toString()).isEqualTo(0);
    Map<String, Object> state = state(todo);
    assertThat(state).containsEntry("outcome", "not published: 'awk' exited with 1: the note still holds 2 TODO marker(s)");
    assertThat(toolCalls(todo)).extracting(c -> c.get("tool") + ":" + !c.containsKey("error_kind"))
        .containsExactly("drafts:true", "check:false");
    assertThat((List<Map<String, Object>>) state.get("plan")).extracting(s -> s.get("tool")).containsExactly("published");

    Lam.Result untitled = ex.run("note-publish.yaml", "--json", "--input", "note=untitled.md");
    assertThat(state(untitled)).containsEntry("outcome",
        "not published: 'awk' exited with 1: the note has no title: its first line must start with '# '");
    Lam.Result outside = ex.run("note-publish.yaml", "--json", "--input", "note=../../invoice-reply/mail/inbox/001-acme.eml");
    assertThat((String) state(outside).get("outcome")).startsWith("not published: ").contains("'..' is not allowed in paths");
    try (var published = Files.list(ex.resolve("data/notes/published"))) {
      assertThat(published.map(p -> p.getFileName().toString()).toList()).containsExactly(".gitkeep");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void noteStatsPlansFromWhatIsKnownToTheGoal() throws Exception {
    Lam.Result r = ex.run("note-stats.yaml", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    Map<String, Object> state = state(r);
    assertThat(state).containsEntry("summary", "Release 2.3: 53 words, TODO markers: 0");
    // path is known: read, then count; list_drafts leads nowhere near the goal and never runs
    assertThat((List<Map<String, Object>>) state.get("observations")).extracting(o -> o.get("tool"))
        .containsExactly("drafts", "count");
    assertThat((Map<String, Object>) ((Map<String, Object>) state.get("stats")).get("json"))
        .isEqualTo(Map.of("title", "Release 2.3", "lines", 7L, "words", 53L, "todos", 0L));

    Lam.Result roadmap = ex.run("note-stats.yaml", "--json", "--input", "path=roadmap.md");
    assertThat(state(roadmap)).containsEntry("summary", "Roadmap: 31 words, TODO markers: 2");

    // the text is given: nothing to read, the plan is the count alone
    Lam.Result given = ex.run("note-stats.yaml", "--json", "--input", "content=# Ideas\nTODO: write them down");
    assertThat(given.code()).as(given.toString()).isEqualTo(0);
    assertThat(state(given)).containsEntry("summary", "Ideas: 6 words, TODO markers: 1");
    assertThat((List<Map<String, Object>>) state(given).get("observations")).extracting(o -> o.get("tool"))
        .containsExactly("count");
  }

  @Test
  void noteStatsFailsWithTheToolsWhenNoChainReachesTheGoal() throws Exception {
    Path copy = ex.resolve("note-stats-no-path.yaml");
    String text = Files.readString(ex.resolve("note-stats.yaml"));
    Files.writeString(copy, text.replace("default: release-2.3.md, ", ""));
    assertThat(Files.readString(copy)).isNotEqualTo(text);
    Lam.Result r = ex.run("note-stats-no-path.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("lam: run failed at step 1 in node 'plan' (no_plan): no chain of tools leads from the"
        + " known keys [] to the goal [stats]; tools: drafts (needs [path], gives [content]); list_drafts (needs [],"
        + " gives [listing]); count (needs [content], gives [stats])\n");
  }

  /** The data of the run's {@code tool_call} trace events, in order. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> toolCalls(Lam.Result run) {
    Lam.Result trace = Lam.run(tmp, "trace", run.json().get("thread"), "--store", "sqlite:" + tmp.resolve("lam.db"), "--json");
    assertThat(trace.code()).as(trace.toString()).isEqualTo(0);
    return trace.out().lines().map(dev.lamgraph.engine.util.Json::readMap).filter(e -> "tool_call".equals(e.get("kind")))
        .map(e -> (Map<String, Object>) e.get("data")).toList();
  }
}
