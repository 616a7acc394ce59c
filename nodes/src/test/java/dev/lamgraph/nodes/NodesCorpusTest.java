package dev.lamgraph.nodes;

import static dev.lamgraph.engine.testing.CodeFixtures.assertReportsExactly;
import static dev.lamgraph.engine.testing.CodeFixtures.codeOf;
import static dev.lamgraph.engine.testing.CodeFixtures.expects;
import static dev.lamgraph.engine.testing.CodeFixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.node.SectionTypes;
import dev.lamgraph.engine.testing.CodeFixtures;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.nodes.memory.MemorySection;
import dev.lamgraph.nodes.model.ModelsSection;
import dev.lamgraph.nodes.tool.ToolsSection;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule "every code has an invalid fixture" for the nodes module: each {@link NodesCodes} code
 * has {@code resources/workflows/invalid/<code>.yaml}, which reports exactly the diagnostics its
 * {@code # expect: CODE LINE[:COL]} lines name, or is listed in {@link #NO_FIXTURE} with the reason
 * and the test that covers it. A fixture's {@code # env: NAME=value} lines set the environment the
 * sections see (beside a fixed one: {@code FIXTURE_KEY} set, bubblewrap at a path that does not exist).
 */
class NodesCorpusTest {
  /** Codes no workflow file can produce, with where they are tested instead. */
  static final Map<String, String> NO_FIXTURE = Map.of(
      "PROVIDER_ERROR", "a model provider plugin failing (a bug in Java code): ModelProvidersTest.aProviderThatFailsIsOneLineNotAStackTrace",
      "TOOL_ERROR", "a tool connector plugin throwing (a bug in Java code): ToolsSectionTest.aConnectorThatThrowsIsOneLineAtItsEntryNotAStackTrace");
  static final Map<String, String> ENV = Map.of("FIXTURE_KEY", "sk-fixture-0123456789", "LAM_BWRAP", "/nonexistent/bwrap",
      "PATH", "/usr/local/bin:/usr/bin:/bin");

  static Stream<Path> invalidFiles() throws IOException, URISyntaxException {
    Path dir = Path.of(NodesCorpusTest.class.getResource("/workflows/invalid").toURI());
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  /** The diagnostics of a fixture, compiled with the shipped node types and sections in its environment. */
  static List<Diagnostic> check(Path file) throws IOException {
    Map<String, String> env = new HashMap<>(ENV);
    for (String l : lines(file)) {
      if (!l.startsWith("#")) break;
      if (l.startsWith("# env: ")) env.put(l.substring(7, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
    }
    Compiler compiler = new Compiler(NodeTypes.discover(NodeTypes.class.getClassLoader()),
        SectionTypes.of(List.of(new ModelsSection(), new ToolsSection(), new MemorySection())), env, new Redactor());
    return compiler.check(file);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void invalidFileReportsExactlyItsExpectedDiagnostics(Path file) throws IOException {
    List<Diagnostic> diagnostics = check(file);
    assertReportsExactly(file, diagnostics);
    assertThat(expects(file)).as(file.getFileName() + " expects its own code").anyMatch(e -> e.code().equals(codeOf(file)));
  }

  @Test
  void everyCodeOfNodesComesFromTheRegistryAndHasAFixtureOrAReason() throws Exception {
    Path src = Path.of("src/main/java");
    assertThat(CodeFixtures.literalCodes(src)).as("codes written as literals instead of NodesCodes.X / Codes.X").isEmpty();
    Set<String> codes = CodeFixtures.registry(NodesCodes.class);
    assertThat(CodeFixtures.used(src, "NodesCodes")).as("every code of the registry is emitted somewhere").isEqualTo(codes);
    Set<String> fixtures = new TreeSet<>();
    invalidFiles().forEach(p -> fixtures.add(codeOf(p)));
    assertThat(fixtures).as("fixtures for codes listed as impossible").doesNotContainAnyElementsOf(NO_FIXTURE.keySet());
    Set<String> missing = new TreeSet<>(codes);
    missing.removeAll(fixtures);
    assertThat(missing).as("codes without a fixture").containsExactlyInAnyOrderElementsOf(NO_FIXTURE.keySet());
  }
}
