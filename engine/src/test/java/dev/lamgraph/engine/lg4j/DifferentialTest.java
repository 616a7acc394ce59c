package dev.lamgraph.engine.lg4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example workflow ({@code graphs/*.yaml}), every valid fixture
 * ({@code workflows/valid/}) and the differential fixtures ({@code workflows/differential/}) run
 * on our executor and on langgraph4j ({@link Lg4jRunner}); both must end with the same status,
 * step count, node order (per step, branches in declaration order), state and failure.
 *
 * <p>What langgraph4j cannot express is never skipped silently: a workflow with a construct from
 * {@link #CANNOT_EXPRESS} must be refused by the converter with exactly the gaps found, and its
 * test is named after them. Differences that remain at run time are listed in
 * {@link KnownDifferencesTest.KnownDifference}, each asserted there. Fixtures may come with a
 * {@code NAME.input.json}: one input object, or a list of inputs (one run each).
 */
class DifferentialTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path FIXTURES = Path.of("src/test/resources/workflows").toAbsolutePath();

  /**
   * Constructs langgraph4j 1.8.17 cannot express (reasons in {@link Lg4jGap.Kind#reason()}). The
   * converter refuses them; a new kind must be added here deliberately.
   */
  static final Set<Lg4jGap.Kind> CANNOT_EXPRESS = EnumSet.of(Lg4jGap.Kind.MIXED_ROUTES,
      Lg4jGap.Kind.PARALLEL_BRANCHES, Lg4jGap.Kind.ON_ERROR, Lg4jGap.Kind.INTERRUPT, Lg4jGap.Kind.HUMAN, Lg4jGap.Kind.JOIN,
      Lg4jGap.Kind.MAP, Lg4jGap.Kind.SUBGRAPH);

  @TestFactory
  Stream<DynamicTest> examples() throws IOException {
    List<Path> files = yamlFiles(ROOT.resolve("graphs"));
    assertThat(files).as("graphs/*.yaml").isNotEmpty();
    // examples may use what only other modules provide (tools:, node types of nodes/): those are
    // skipped here with the reason; the engine's own constructs must leave some to compare
    assertThat(files.stream().filter(DifferentialTest::compiles)).as("graphs/*.yaml the engine alone compiles").isNotEmpty();
    return files.stream().map(f -> test("graphs/", f, false));
  }

  @TestFactory
  Stream<DynamicTest> validFixtures() throws IOException {
    // Another suite owns these; the directory may be empty or absent (then nothing runs here).
    return yamlFiles(FIXTURES.resolve("valid")).stream().map(f -> test("valid/", f, false));
  }

  @TestFactory
  Stream<DynamicTest> differentialFixtures() throws IOException {
    List<Path> files = yamlFiles(FIXTURES.resolve("differential"));
    assertThat(files).as("workflows/differential/*.yaml").hasSizeGreaterThanOrEqualTo(10);
    return files.stream().map(f -> test("differential/", f, true));
  }

  @Test
  void everyConstructLangGraph4jCannotExpressHasAFixtureAndIsDocumented() throws Exception {
    Set<Lg4jGap.Kind> seen = EnumSet.noneOf(Lg4jGap.Kind.class);
    for (Path f : yamlFiles(FIXTURES.resolve("differential"))) {
      Lg4jGraphs.gaps(Compiler.withDefaults().compile(f)).forEach(g -> seen.add(g.kind()));
    }
    assertThat(seen).isEqualTo(EnumSet.allOf(Lg4jGap.Kind.class)).isEqualTo(CANNOT_EXPRESS);
    for (Lg4jGap.Kind k : Lg4jGap.Kind.values()) assertThat(k.reason()).hasSizeGreaterThan(30);
  }

  private static DynamicTest test(String dir, Path file, boolean mustCompile) {
    CompiledGraph g;
    try {
      g = Compiler.withDefaults().compile(file);
    } catch (WorkflowException e) {
      return DynamicTest.dynamicTest(dir + file.getFileName() + " [does not compile here]", () -> {
        Assumptions.assumeFalse(!mustCompile, "needs what the engine module lacks (e.g. node types of nodes/): "
            + e.getMessage());
        throw e;
      });
    }
    List<Lg4jGap> gaps = Lg4jGraphs.gaps(g);
    String kinds = gaps.stream().map(x -> x.kind().id()).distinct().collect(Collectors.joining(", "));
    String name = dir + file.getFileName() + (gaps.isEmpty() ? "" : " [langgraph4j cannot express: " + kinds + "]");
    return DynamicTest.dynamicTest(name, file.toUri(), () -> {
      if (!gaps.isEmpty()) {
        assertThat(CANNOT_EXPRESS).containsAll(gaps.stream().map(Lg4jGap::kind).toList());
        assertThatThrownBy(() -> Lg4jGraphs.toStateGraph(g)).isInstanceOfSatisfying(Lg4jUnsupportedException.class,
            e -> assertThat(e.gaps()).isEqualTo(gaps));
        return;
      }
      for (Map<String, Object> input : inputs(file)) {
        Differential.Outcome ours = Differential.ours(g, input);
        Differential.Outcome theirs = Differential.theirs(g, input);
        assertThat(theirs).as("%s with input %s", file.getFileName(), input).isEqualTo(ours);
      }
    });
  }

  private static boolean compiles(Path f) {
    try {
      Compiler.withDefaults().compile(f);
      return true;
    } catch (WorkflowException e) {
      return false;
    }
  }

  /** The runs of a fixture: {@code NAME.input.json} (an object, or a list of objects), else one run with {}. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> inputs(Path yaml) throws IOException {
    Path side = yaml.resolveSibling(yaml.getFileName().toString().replaceFirst("\\.ya?ml$", ".input.json"));
    if (!Files.exists(side)) return List.of(Map.of());
    Object v = Json.read(Files.readString(side));
    List<Map<String, Object>> out = new ArrayList<>();
    if (v instanceof List<?> l) l.forEach(o -> out.add((Map<String, Object>) o));
    else out.add((Map<String, Object>) v);
    return out;
  }

  static List<Path> yamlFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")) && !p.toString().endsWith(".test.yaml")).sorted().toList();
    }
  }
}
