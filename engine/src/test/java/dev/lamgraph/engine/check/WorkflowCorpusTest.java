package dev.lamgraph.engine.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.lamgraph.engine.testing.CodeFixtures.assertReportsExactly;
import static dev.lamgraph.engine.testing.CodeFixtures.codeOf;
import static dev.lamgraph.engine.testing.CodeFixtures.expects;
import static dev.lamgraph.engine.testing.CodeFixtures.lines;
import static dev.lamgraph.engine.testing.CodeFixtures.literalCodes;
import static dev.lamgraph.engine.testing.CodeFixtures.registry;
import static dev.lamgraph.engine.testing.CodeFixtures.used;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Diagnostic;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every fixture of {@code resources/workflows}: each {@code invalid/<code>.yaml} reports
 * exactly the diagnostics its {@code # expect: CODE LINE[:COL]} lines name, each
 * {@code valid/*.yaml} compiles with no diagnostic at all.
 */
class WorkflowCorpusTest {
  private static final Pattern FORMAT = Pattern.compile("^.+:\\d+:\\d+: (error|warning)\\[[A-Z_]+\\]: \\S.*$");
  /** Codes whose position is not on a name or value the message could quote. */
  private static final Set<String> POSITION_NOT_ON_OFFENDER =
      Set.of("MISSING_FIELD", "YAML_SYNTAX", "YAML_EMPTY", "YAML_MULTI_DOC", "YAML_TAB", "YAML_TOO_DEEP", "NO_ENTRY", "ENCODING");
  /** What each "not one of these" message must list. */
  private static final Map<String, String> CHOICES = Map.of(
      "UNKNOWN_NODE", "known: ", "UNKNOWN_NODE_TYPE", "known: ", "UNKNOWN_FIELD", "known: ",
      "UNKNOWN_CHANNEL", "declared: ", "REDUCER_TYPE", "valid for ", "JOIN_UNKNOWN_NODE", "known: ");
  private static final Compiler COMPILER = Compiler.withDefaults();

  static Path corpus(String dir) {
    try {
      return Path.of(WorkflowCorpusTest.class.getResource("/workflows/" + dir).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Path> files(String dir) throws IOException {
    try (Stream<Path> s = Files.list(corpus(dir))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  static Stream<Path> invalidFiles() throws IOException {
    return files("invalid");
  }

  static Stream<Path> validFiles() throws IOException {
    return files("valid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void invalidFileReportsExactlyItsExpectedDiagnostics(Path file) throws IOException {
    List<Diagnostic> diagnostics = COMPILER.check(file);
    assertReportsExactly(file, diagnostics);
    assertThat(diagnostics).isSorted().doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void everyMessageNamesTheOffenderAndTheValidChoices(Path file) throws IOException {
    List<String> lines = lines(file);
    for (Diagnostic d : COMPILER.check(file)) {
      assertThat(d.format()).matches(FORMAT);
      assertThat(d.pos().file()).isEqualTo(file.toString());
      if (CHOICES.containsKey(d.code())) assertThat(d.message()).as(d.format()).contains(CHOICES.get(d.code()));
      if (d.code().equals("UNKNOWN_NODE_TYPE")) assertThat(d.message()).as(d.format()).containsPattern("known: .*\\bset\\b");
      if (POSITION_NOT_ON_OFFENDER.contains(d.code())) continue;
      String offender = wordAt(lines.get(d.pos().line() - 1), d.pos().col());
      if (offender.isEmpty() && d.code().equals("EXPR_COMPILE")) { // e.g. at the end of `state.x +`
        assertThat(d.message()).as(d.format()).containsPattern("`[^`]+` does not compile");
        continue;
      }
      assertThat(offender).as("a name or value at " + d.pos()).isNotEmpty();
      assertThat(d.message()).as(d.format()).contains(offender);
    }
  }

  /** The name, number, quoted text or empty list/map at {@code col} (1-based), after an anchor/alias sign. */
  private static String wordAt(String line, int col) {
    String rest = line.substring(Math.min(line.length(), col - 1)).replaceFirst("^[&*]", "");
    if (rest.startsWith("\"")) return rest.substring(1, Math.max(1, rest.indexOf('"', 1)));
    if (rest.startsWith("[]") || rest.startsWith("{}")) return rest.substring(0, 2);
    Matcher m = Pattern.compile("^[A-Za-z0-9_.-]+").matcher(rest);
    return m.find() ? m.group() : "";
  }

  @Test
  void aDeclaredMaxStepsBoundsTheLoopWhateverItsValueOrNumberForm() throws Exception {
    // regression: max_steps equal to the default still warned LOOP_WITHOUT_LIMIT, and 2e0 was dropped
    CompiledGraph asDefault = COMPILER.compile(corpus("valid").resolve("loop-with-default-max-steps.yaml"));
    assertThat(asDefault.limits().maxSteps()).isEqualTo(10_000);
    assertThat(asDefault.limits().maxStepsDeclared()).isTrue();
    CompiledGraph asFloat = COMPILER.compile(corpus("valid").resolve("loop-with-max-steps-as-float.yaml"));
    assertThat(asFloat.limits().maxSteps()).isEqualTo(2);
    assertThat(COMPILER.check(corpus("invalid").resolve("loop-without-limit.yaml"))).singleElement()
        .satisfies(d -> assertThat(d.code()).isEqualTo("LOOP_WITHOUT_LIMIT"));
  }

  @Test
  void anUnknownNodeIsNamedWithTheKnownOnes() {
    Diagnostic d = COMPILER.check(corpus("invalid").resolve("unknown-node.yaml")).stream()
        .filter(x -> x.message().contains("'revew'")).findFirst().orElseThrow();
    assertThat(d.message()).isEqualTo("edge from unknown node 'revew'; known: START, plan, act, review; did you mean 'review'?");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void validFileCompilesWithoutAnyDiagnostic(Path file) throws Exception {
    assertThat(COMPILER.check(file)).isEmpty();
    CompiledGraph g = COMPILER.compile(file);
    assertThat(g.nodes().keySet()).containsExactlyElementsOf(g.spec().nodes().keySet());
    assertThat(g.routes()).containsKey("START");
  }

  @Test
  void aFileWithErrorsDoesNotCompileAndTheExceptionCarriesEveryDiagnostic() {
    Path file = corpus("invalid").resolve("many-mistakes.yaml");
    assertThatThrownBy(() -> COMPILER.compile(file)).isInstanceOfSatisfying(WorkflowException.class, e -> {
      assertThat(e.diagnostics()).hasSize(10);
      assertThat(e.getMessage().lines()).hasSize(10).allMatch(l -> FORMAT.matcher(l).matches());
    });
  }

  @Test
  void aWarningAloneDoesNotStopCompilation() throws Exception {
    assertThat(COMPILER.compile(corpus("invalid").resolve("loop-without-limit.yaml")).name())
        .isEqualTo("loop-without-limit");
  }

  @Test
  void everyCodeTheEngineEmitsComesFromCodesAndHasAFixtureNamedAfterIt() throws IOException {
    assertThat(literalCodes(Path.of("src/main/java"))).as("codes written as literals instead of Codes.X").isEmpty();
    Set<String> emitted = registry(Codes.class);
    assertThat(emitted).as("every code of the registry is emitted somewhere").isEqualTo(used(Path.of("src/main/java"), "Codes"));
    // not a file's content (SECTION_ERROR: a plugin failing, see SectionsTest; FILE_TOO_LARGE: a 2 MiB fixture, see ResourceBombsTest)
    emitted.removeAll(Set.of("FILE_NOT_FOUND", "FILE_UNREADABLE", "FILE_TOO_LARGE", "SECTION_ERROR"));
    assertThat(emitted).containsAll(List.of("YAML_TAB", "YAML_DUPLICATE_KEY", "YAML_SYNTAX", "YAML_EMPTY", "EDGE_SHAPE",
        "UNKNOWN_NODE", "UNKNOWN_NODE_TYPE", "RESERVED_NODE_NAME", "NO_ENTRY", "UNREACHABLE", "NO_PATH_TO_END",
        "CYCLE_NO_EXIT", "EDGE_TO_START", "EDGE_FROM_END", "EXPR_COMPILE", "CONDITION_TYPE", "SET_TYPE",
        "UNKNOWN_CHANNEL", "REDUCER_TYPE", "ITEMS_NOT_LIST", "DEFAULT_TYPE", "CHANNEL_NAME", "LOOP_WITHOUT_LIMIT"));
    Set<String> fixtures = new TreeSet<>();
    for (Path p : invalidFiles().toList()) {
      String code = codeOf(p);
      fixtures.add(code);
      if (!code.equals("MANY_MISTAKES")) {
        assertThat(expects(p)).as(p.getFileName() + " expects its own code").anyMatch(e -> e.code().equals(code));
      }
    }
    assertThat(fixtures).containsAll(emitted);
  }

  @Test
  void aMissingFileIsADiagnosticNotAnException() {
    Path missing = corpus("valid").resolve("no-such-workflow.yaml");
    assertThat(COMPILER.check(missing)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("FILE_NOT_FOUND");
      assertThat(d.message()).contains("no-such-workflow.yaml");
    });
  }

  /**
   * A user's mistake never becomes a Java exception: every corpus file, and every valid file with
   * any one line deleted or cut in half, goes through {@code check} and yields well-formed
   * diagnostics inside the file.
   */
  @TestFactory
  Stream<DynamicTest> mistakesNeverThrow() throws IOException {
    List<Path> all = Stream.concat(validFiles(), invalidFiles()).toList();
    return all.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      List<String> lines = lines(file);
      List<String> variants = new ArrayList<>(List.of(String.join("\n", lines)));
      if (file.getParent().getFileName().toString().equals("valid")) {
        for (int i = 0; i < lines.size(); i++) {
          List<String> cut = new ArrayList<>(lines);
          cut.remove(i);
          variants.add(String.join("\n", cut));
          cut = new ArrayList<>(lines);
          cut.set(i, lines.get(i).substring(0, lines.get(i).length() / 2));
          variants.add(String.join("\n", cut));
        }
      }
      for (String text : variants) {
        List<Diagnostic> ds;
        try {
          ds = COMPILER.checkText("mutant.yaml", text);
        } catch (RuntimeException e) {
          throw new AssertionError("check threw on:\n" + text, e);
        }
        for (Diagnostic d : ds) {
          assertThat(d.format()).as(text).matches(FORMAT);
          assertThat(d.pos().line()).as(d.format()).isBetween(1, lines.size() + 1);
        }
      }
    }));
  }
}
