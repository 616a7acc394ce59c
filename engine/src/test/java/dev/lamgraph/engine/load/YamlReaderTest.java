package dev.lamgraph.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.spec.YNode.YList;
import dev.lamgraph.engine.spec.YNode.YMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
  private final Problems problems = new Problems();

  private YNode read(String text) {
    Optional<YNode> n = YamlReader.read("f.yaml", text, problems);
    assertThat(problems.list()).isEmpty();
    return n.orElseThrow();
  }

  private List<String> diagnostics(String text) {
    YamlReader.read("f.yaml", text, problems);
    return problems.list().stream().map(d -> d.code() + " " + d.pos().line() + ":" + d.pos().col()).toList();
  }

  private static Pos at(int line, int col) {
    return new Pos("f.yaml", line, col);
  }

  @Test
  void keysAndValuesHaveExactOneBasedPositions() {
    YMap root = (YMap) read("""
        name: demo
        nodes:
          plan:   { type: set, set: { log: "['plan']" } }
        edges:
          - { from: START, to: plan }
          -   from: plan
              to: [a,  b]
        """);
    assertThat(root.pos()).isEqualTo(at(1, 1));
    assertThat(root.keyPos("name")).isEqualTo(at(1, 1));
    assertThat(root.valuePos("name")).isEqualTo(at(1, 7));
    YMap nodes = (YMap) root.get("nodes").orElseThrow();
    assertThat(nodes.keyPos("plan")).isEqualTo(at(3, 3));
    YMap plan = (YMap) nodes.get("plan").orElseThrow();
    assertThat(plan.pos()).isEqualTo(at(3, 11));
    assertThat(plan.keyPos("type")).isEqualTo(at(3, 13));
    assertThat(plan.valuePos("type")).isEqualTo(at(3, 19));
    YMap set = (YMap) plan.get("set").orElseThrow();
    assertThat(set.keyPos("log")).isEqualTo(at(3, 31));
    assertThat(set.valuePos("log")).isEqualTo(at(3, 36)); // the opening quote
    YList edges = (YList) root.get("edges").orElseThrow();
    assertThat(edges.items().get(0).pos()).isEqualTo(at(5, 5));
    YMap second = (YMap) edges.items().get(1);
    assertThat(second.keyPos("from")).isEqualTo(at(6, 7));
    assertThat(second.valuePos("from")).isEqualTo(at(6, 13));
    YList to = (YList) second.get("to").orElseThrow();
    assertThat(to.items().get(0).pos()).isEqualTo(at(7, 12));
    assertThat(to.items().get(1).pos()).isEqualTo(at(7, 16));
  }

  @Test
  void scalarsBecomeJsonShapedValues() {
    YNode n = read("s: text\ni: 42\nd: 2.5\nb: true\nz: null\nq: '7'\nl: [1, x]\n");
    Map<String, Object> expected = new java.util.LinkedHashMap<>(
        Map.of("s", "text", "i", 42L, "d", 2.5, "b", true, "q", "7", "l", List.of(1L, "x")));
    expected.put("z", null);
    assertThat(n.plain()).isEqualTo(expected);
  }

  @Test
  void onlyTrueAndFalseAreBooleansAndEmptyStringsStayStrings() {
    YNode n = read("a: yes\nb: no\nc: on\nd: off\ne: y\nf: false\ng: ''\nh: \"\"\n");
    assertThat(n.plain()).isEqualTo(Map.of("a", "yes", "b", "no", "c", "on", "d", "off", "e", "y", "f", false, "g", "", "h", ""));
  }

  @Test
  void aDuplicateKeyIsReportedAtTheSecondKeyNamingTheFirstLine() {
    YamlReader.read("f.yaml", "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", problems);
    List<Diagnostic> d = problems.list();
    assertThat(d).extracting(Diagnostic::code).containsExactly("YAML_DUPLICATE_KEY", "YAML_DUPLICATE_KEY");
    assertThat(d.get(0).pos()).isEqualTo(at(4, 3));
    assertThat(d.get(0).message()).contains("'c'").contains("line 3");
    assertThat(d.get(1).pos()).isEqualTo(at(5, 1));
    assertThat(d.get(1).message()).contains("'a'").contains("line 1");
  }

  @Test
  void everyTabInIndentationIsReported() {
    assertThat(diagnostics("a:\n\tb: 1\nc:\n  \td: 2\ne: \"x\ty\"\n")).containsExactly("YAML_TAB 2:1", "YAML_TAB 4:3");
  }

  @Test
  void aSyntaxErrorPointsAtTheProblemAndSaysWhatWasExpected() {
    YamlReader.read("f.yaml", "a: { b: 1\nc: 2\n", problems);
    Diagnostic d = problems.list().get(0);
    assertThat(d.code()).isEqualTo("YAML_SYNTAX");
    assertThat(d.pos()).isEqualTo(at(2, 2)); // the flow value `1 c` runs on to the ':' of line 2
    assertThat(d.message()).contains("expected ',' or '}', but got :").contains("starts at line 1, column 4");
  }

  @Test
  void emptyAndNullDocumentsAreEmpty() {
    assertThat(diagnostics("# nothing\n")).containsExactly("YAML_EMPTY 1:1");
    problems.list();
    Problems p = new Problems();
    YamlReader.read("f.yaml", "---\n", p);
    assertThat(p.list()).extracting(Diagnostic::code).containsExactly("YAML_EMPTY");
  }

  @Test
  void anchorsAndAliasesAreRejectedAndTheFirstStopsReading() {
    assertThat(diagnostics("a: &x { k: 1 }\nb: *x\n")).containsExactly("YAML_UNSUPPORTED 1:4");
    assertThat(problems.list().get(0).message()).contains("&x");
    Problems p = new Problems();
    assertThat(YamlReader.read("f.yaml", "a: 1\nb: *x\nc: *y\n", p)).isEmpty();
    assertThat(p.list()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("YAML_UNSUPPORTED");
      assertThat(d.message()).contains("*x");
    });
  }

  @Test
  void aSecondDocumentIsReported() {
    assertThat(diagnostics("a: 1\n---\nb: 2\n")).containsExactly("YAML_MULTI_DOC 3:1");
  }
}
