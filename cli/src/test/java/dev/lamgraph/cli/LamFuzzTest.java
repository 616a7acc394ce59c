package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lamgraph.engine.testing.YamlMutator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Properties of {@code lam} itself, in-process: a mangled workflow file (see {@link YamlMutator})
 * is validated with exit 0 or 2, and any {@code --input} values or {@code --input-file} content
 * give exit 0, 1 or 2; always within a few seconds, with one-line errors and never a stack trace,
 * an "unexpected" internal error or an Error thrown out of {@code lam}.
 */
class LamFuzzTest {
  private static final List<byte[]> EXAMPLES = YamlMutator.examples(Lam.ROOT);
  private static final Duration PER_TRY = Duration.ofSeconds(10);
  private static Path dir;

  private static synchronized Path dir() throws IOException {
    if (dir == null) dir = Files.createTempDirectory("lam-fuzz");
    return dir;
  }

  @AfterContainer
  static synchronized void removeDir() throws IOException {
    if (dir == null) return;
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
    dir = null;
  }

  private static Lam.Result lam(String what, Object... args) throws IOException {
    Path cwd = dir();
    return assertTimeoutPreemptively(PER_TRY, () -> Lam.run(cwd, args), () -> what);
  }

  private static void noTrace(Lam.Result r, String what) {
    assertThat(r.out() + r.err()).as(what).doesNotContain("\tat ").doesNotContain("Exception:")
        .doesNotContain("lam: error: unexpected").doesNotContain("LAM_DEBUG");
  }

  @Property(tries = 100, seed = "20261202")
  void aMangledWorkflowValidatesWithExitZeroOrTwo(@ForAll @IntRange(min = 0, max = 1000) int example, @ForAll long seed)
      throws IOException {
    String what = "example " + example + ", seed " + seed;
    Path f = Files.write(dir().resolve("mutant.yaml"), YamlMutator.mutate(EXAMPLES.get(example % EXAMPLES.size()), seed));
    Lam.Result r = lam(what, "validate", f);
    assertThat(r.code()).as(what).isIn(0, 2);
    noTrace(r, what);
    // every line is one diagnostic (or "ok", or the summary): no message spills onto a second line
    assertThat(r.out().lines()).as(what).allMatch(l -> l.startsWith(f + ":") || l.startsWith("checked 1 file: "));
    if (r.code() == 2) assertThat(r.out() + r.err()).as(what).containsPattern("error\\[[A-Z_]+\\]: \\S");
  }

  @Property(tries = 60, seed = "20261202")
  void anyInputValuesRunWithExitZeroOneOrTwo(@ForAll("pairLists") List<String> pairs) throws IOException {
    List<Object> args = new ArrayList<>(List.of("run", Lam.workflow("inputs.yaml"), "--quiet"));
    for (String p : pairs) {
      args.add("--input");
      args.add(p);
    }
    String what = "inputs " + pairs;
    Lam.Result r = lam(what, args.toArray());
    assertThat(r.code()).as(what).isIn(0, 1, 2);
    noTrace(r, what);
    if (r.code() != 0) assertThat(r.err().lines().filter(l -> l.startsWith("lam: "))).as(what).hasSize(1);
  }

  @Property(tries = 25, seed = "20261202")
  void anyInputFileRunsWithExitZeroOneOrTwo(@ForAll("inputFiles") byte[] content) throws IOException {
    Path f = Files.write(dir().resolve("in.json"), content);
    String what = "input file " + new String(content, 0, Math.min(200, content.length), StandardCharsets.UTF_8);
    Lam.Result r = lam(what, "run", Lam.workflow("inputs.yaml"), "--quiet", "--input-file", f);
    assertThat(r.code()).as(what).isIn(0, 1, 2);
    noTrace(r, what);
  }

  @Provide
  Arbitrary<List<String>> pairLists() {
    return pairs().list().ofMaxSize(4);
  }

  /** {@code KEY=VALUE} with keys of the workflow (typed channels) or others, and any text, JSON or not, as values. */
  private Arbitrary<String> pairs() {
    Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("n", "topic", "tags", "twice", ""),
        Arbitraries.strings().ofMaxLength(20));
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.of("3", "-1", "1e400", "9223372036854775808", "0.5", "null", "true", "[1,2]", "{\"a\":1}", "[[[[",
            "\"\\ud800\"", "NaN", "Infinity"),
        Arbitraries.integers().between(1, 200_000).map(n -> "[".repeat(n) + "]".repeat(n)),
        Arbitraries.integers().between(1, 1_000_000).map(n -> "\"" + "x".repeat(n) + "\""));
    return net.jqwik.api.Combinators.combine(key, value).as((k, v) -> k + "=" + v);
  }

  /** JSON objects, JSON that is not an object, broken JSON, deep nesting, huge strings, invalid UTF-8. */
  @Provide
  Arbitrary<byte[]> inputFiles() {
    return Arbitraries.oneOf(
        Arbitraries.of("{\"n\": 3, \"topic\": \"cats\"}", "{\"n\": \"three\"}", "[]", "null", "", "{", "{\"n\": 1e999}",
            "{\"n\": 3} trailing", "\ufeff{\"n\": 3}", "{\"tags\": [1, \"a\", null]}").map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.integers().between(1, 100_000).map(n -> ("{\"x\": " + "[".repeat(n) + "]".repeat(n) + "}")
            .getBytes(StandardCharsets.UTF_8)),
        Arbitraries.integers().between(1, 1_000_000).map(n -> ("{\"topic\": \"" + "y".repeat(n) + "\"}")
            .getBytes(StandardCharsets.UTF_8)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
  }
}
