package dev.lamgraph.visualizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.nodes.model.ModelRecording;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden diagrams for every example graph and the torture graph, all checked by the real Mermaid parser. */
class DiagramTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path TORTURE = Path.of("src/test/resources/diagrams/torture.yaml");

  static List<Path> exampleGraphs() throws IOException {
    try (Stream<Path> s = Files.list(ROOT.resolve("graphs"))) {
      return s.filter(p -> p.toString().endsWith(".yaml") && !p.toString().endsWith(".test.yaml")).sorted().toList();
    }
  }

  /**
   * The diagram of a workflow. The LLM examples compile in replay mode from their recording in
   * graphs/replays/ (what LAM_REPLAY does), so drawing them needs no API key.
   */
  static String diagram(Path yaml, Direction d) throws Exception {
    Path replay = yaml.resolveSibling("replays/" + yaml.getFileName().toString().replace(".yaml", ".json"));
    Map<String, String> env = Files.exists(replay) ? ModelRecording.replayFrom(Map.of(), replay) : Map.of();
    try (CompiledGraph g = Compiler.withDefaults(env, new Redactor()).compile(yaml)) {
      return new MermaidWriter().direction(d).write(GraphView.of(g));
    }
  }

  @Test
  void everyExampleAndTheTortureGraphMatchItsGoldenFileAndParses(@TempDir Path tmp) throws Exception {
    List<Path> written = new ArrayList<>();
    List<Path> sources = new ArrayList<>(exampleGraphs());
    sources.add(TORTURE);
    assertThat(sources).hasSizeGreaterThan(1);
    for (Path yaml : sources) {
      String text = diagram(yaml, Direction.TD);
      Path golden = yaml.resolveSibling(yaml.getFileName().toString().replace(".yaml", ".mmd"));
      Golden.assertMatches(golden, text);
      assertThat(diagram(yaml, Direction.TD)).as("deterministic").isEqualTo(text);
      written.add(golden);
      Path lr = tmp.resolve(yaml.getFileName() + ".lr.mmd");
      Files.writeString(lr, diagram(yaml, Direction.LR), StandardCharsets.UTF_8);
      written.add(lr);
    }
    assertThat(MermaidParser.parse(written)).isEmpty();
  }

  @Test
  void tortureNamesAreEscapedAndIdsAreGenerated() throws Exception {
    String text = diagram(TORTURE, Direction.TD);
    assertThat(text).contains("say #quot;hi#quot;").contains("#lt;b#gt;html#lt;/b#gt; #amp; co")
        .contains("x --#gt; y #124; z").contains("größe ✓ 日本").contains("class #35;1; style");
    assertThat(text).doesNotContain("\n  end").doesNotContain("\n  graph");
    // the long condition is shortened, the else branch marked
    assertThat(text).contains("…\"|").contains("-.->|\"else\"|");
    // one shape per kind
    assertThat(text).contains("{{\"a[b]{c}(d)\"}}").contains("[[\"x --#gt; y #124; z\"]]").contains("[(\"graph\")]")
        .contains("([\"say #quot;hi#quot;\"])").contains("[/\"subgraph\"/]");
  }

  @Test
  void aJoinIsDrawnFromEachOfItsSources() throws Exception {
    String text = diagram(ROOT.resolve("engine/src/test/resources/workflows/valid/join.yaml"), Direction.TD);
    // nodes: plan n1, search n2, read n3, fetch n4, merge n5
    assertThat(text).contains("  n3 -->|\"join\"| n5\n").contains("  n4 -->|\"join\"| n5\n");
    assertThat(text).doesNotContain("n3 --> n5").doesNotContain("n4 --> n5");
  }

  @Test
  void mermaidRejectsABrokenDiagramSoTheCheckCanFail(@TempDir Path tmp) throws Exception {
    Path bad = tmp.resolve("bad.mmd");
    Files.writeString(bad, "flowchart TD\n  end --> x[\n");
    assertThat(MermaidParser.parse(List.of(bad))).containsKey(bad.toAbsolutePath());
  }

  @Test
  void aRejectedEdgeIsLabelledRejectedNotWithItsGeneratedCondition(@TempDir Path tmp) throws Exception {
    Path yaml = tmp.resolve("review.yaml");
    Files.writeString(yaml, """
        name: review
        state:
          ok: { type: boolean }
          approval: { type: object }
          log: { type: list, reducer: append }
        nodes:
          approve: { type: human, prompt: "Publish?", output: ok }
          check:
            type: human
            prompt: Sure?
            schema: { type: object, required: [approved], properties: { approved: { type: boolean } } }
            output: approval
          publish: { type: set, set: { log: "'published'" } }
          revise:  { type: set, set: { log: "'revised'" } }
        edges:
          - { from: START, to: approve }
          - { from: approve, to: check, rejected: revise }
          - { from: check, to: publish, rejected: revise }
          - { from: publish, to: END }
          - { from: revise, to: END }
        """, StandardCharsets.UTF_8);
    String text = diagram(yaml, Direction.TD);
    assertThat(text).contains("|\"rejected\"|").doesNotContain("!= true").doesNotContain("approved == true");
    assertThat(text.split("\\|\"rejected\"\\|", -1)).hasSize(3);
    Path mmd = tmp.resolve("review.mmd");
    Files.writeString(mmd, text, StandardCharsets.UTF_8);
    assertThat(MermaidParser.parse(List.of(mmd))).isEmpty();
  }
}
