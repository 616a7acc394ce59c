package dev.lamgraph.engine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.testing.YamlMutator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Property: whatever a workflow file is mangled into (see {@link YamlMutator}), loading,
 * checking and compiling it answers with well-formed diagnostics (or a graph) within a few
 * seconds: never an exception, never an Error (OutOfMemoryError, StackOverflowError).
 */
class WorkflowFuzzTest {
  private static final Pattern FORMAT = Pattern.compile("^.+:\\d+:\\d+: (error|warning)\\[[A-Z_]+\\]: \\S.*$");
  private static final List<byte[]> EXAMPLES = YamlMutator.examples(Path.of("..").toAbsolutePath().normalize());
  private static final Compiler COMPILER = Compiler.withDefaults();

  @Property(tries = 200, seed = "20261202")
  void aMangledWorkflowIsDiagnosedNeverThrown(@ForAll @IntRange(min = 0, max = 1000) int example, @ForAll long seed) {
    byte[] base = EXAMPLES.get(example % EXAMPLES.size());
    byte[] mutant = YamlMutator.mutate(base, seed);
    String text = new String(mutant, StandardCharsets.UTF_8); // invalid bytes become U+FFFD, as a lenient reader would
    List<Diagnostic> ds = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> COMPILER.checkText("mutant.yaml", text),
        () -> "example " + example + ", seed " + seed);
    for (Diagnostic d : ds) assertThat(d.format()).as("example %d seed %d", example, seed).matches(FORMAT);
  }
}
