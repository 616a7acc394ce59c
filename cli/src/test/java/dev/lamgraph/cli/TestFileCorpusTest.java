package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.cli.wftest.TestChecks;
import dev.lamgraph.cli.wftest.TestCodes;
import dev.lamgraph.cli.wftest.TestFileReader;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.testing.CodeFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every invalid test file under {@code src/test/resources/wftest/invalid/} reports exactly its
 * {@code # expect: CODE LINE:COL} diagnostics, every {@link TestCodes} code has such a fixture,
 * and no code is written as a literal.
 */
class TestFileCorpusTest {
  static final Path INVALID = Path.of("src/test/resources/wftest/invalid");

  static List<Path> fixtures() throws Exception {
    try (Stream<Path> s = Files.list(INVALID)) {
      return s.filter(p -> p.toString().endsWith(TestFileReader.SUFFIX)).sorted().toList();
    }
  }

  @Test
  void eachInvalidFileReportsExactlyItsExpectedDiagnostics() throws Exception {
    TestChecks checks = new TestChecks(Compiler.withDefaults().envOptional());
    for (Path f : fixtures()) {
      Problems p = new Problems();
      assertThat(TestFileReader.read(f, f.getFileName().toString(), checks, p)).as(f.toString()).isEmpty();
      CodeFixtures.assertReportsExactly(f, p.list());
    }
  }

  @Test
  void everyCodeHasAFixtureNamedAfterIt() throws Exception {
    Set<String> named = new TreeSet<>();
    for (Path f : fixtures()) named.add(f.getFileName().toString().replace(TestFileReader.SUFFIX, "").replace('-', '_').toUpperCase());
    assertThat(named).containsAll(CodeFixtures.registry(TestCodes.class));
    assertThat(CodeFixtures.literalCodes(Path.of("src/main/java/dev/lamgraph/cli/wftest"))).isEmpty();
  }
}
