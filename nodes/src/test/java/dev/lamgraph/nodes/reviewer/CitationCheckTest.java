package dev.lamgraph.nodes.reviewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reviewer's citation rule: each claim must carry an [n] marker naming a recalled chunk. */
class CitationCheckTest {
  static final List<Object> SOURCES = List.of(Map.of("n", 1L, "source", "a.md"), Map.of("n", 2L, "source", "b.pdf"));

  @Test
  void everyClaimCitingARecalledChunkPasses() {
    CitationCheck.Result r = CitationCheck.check("""
        ## Answer
        Trains go second class [1]. Hotels are capped at 140 EUR per night. [2]
        - Meals abroad: 45 EUR a day [1, 2]
        """, SOURCES);
    assertThat(r.problems()).isEmpty();
    assertThat(r.claims()).isEqualTo(3);
    assertThat(r.cited()).isEqualTo(3);
  }

  @Test
  void uncitedClaimsAndMarkersBeyondTheRecalledChunksFail() {
    CitationCheck.Result r = CitationCheck.check("Trains go second class [1]. Flights need approval. Taxis are free [3].", SOURCES);
    assertThat(r.cited()).isEqualTo(1);
    assertThat(r.problems()).containsExactly("uncited claim: \"Flights need approval.\"",
        "claim cites [3], which is not among the 2 recalled chunks: \"Taxis are free [3].\"");
    assertThat(CitationCheck.check("", SOURCES).problems()).containsExactly("the answer has no claim to check");
    assertThat(CitationCheck.check("Trains go second class [1].", List.of()).problems())
        .containsExactly("claim cites [1], which is not among the 0 recalled chunks: \"Trains go second class [1].\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theReviewerRejectsAnAnswerWithAnUncitedClaim() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compileText("r.yaml", """
        name: cites
        state:
          answer: { type: string }
          sources: { type: list }
          verdict: { type: object }
        nodes:
          review: { type: reviewer, strategy: rules, output: verdict, max_revisions: 0,
                    citations: { answer: "input.answer", sources: "input.sources", message: "cite a recalled chunk for every claim" } }
        edges:
          - { from: START, to: review }
          - { from: review, to: END }
        """, java.nio.file.Path.of("."));
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      RunResult ok = runs.start(g, null, Map.of("answer", "Trains go second class [2].", "sources", SOURCES));
      assertThat((Map<String, Object>) ok.state().get("verdict")).containsEntry("approve", true).containsEntry("score", 1.0);
      RunResult bad = runs.start(g, null, Map.of("answer", "Trains go second class [2]. Taxis are free.", "sources", SOURCES));
      assertThat((Map<String, Object>) bad.state().get("verdict")).containsEntry("approve", false).containsEntry("score", 0.5)
          .containsEntry("feedback", List.of("cite a recalled chunk for every claim", "uncited claim: \"Taxis are free.\""));
    }
  }
}
