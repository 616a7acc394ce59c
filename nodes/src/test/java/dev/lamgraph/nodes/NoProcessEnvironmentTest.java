package dev.lamgraph.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.nodes.model.ModelsSection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: the engine and the node types never read the process environment; the CLI does, and
 * hands the environment down through the compile and run contexts. Checked on the compiled
 * classes (comments and javadoc do not count, a call does): a class that calls
 * {@code System.getenv} names it in its constant pool.
 */
class NoProcessEnvironmentTest {
  @Test
  void noEngineOrNodesClassCallsSystemGetenv() throws Exception {
    Map<String, List<String>> offenders = new TreeMap<>();
    for (Class<?> anchor : List.of(Compiler.class, ModelsSection.class)) {
      Path where = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<String> found = callers(where, "getenv");
      if (!found.isEmpty()) offenders.put(where.toString(), found);
      assertThat(count(where)).as("classes found in %s", where).isGreaterThan(20);
    }
    assertThat(offenders).as("classes that read the process environment; take it from CompileContext.env() or "
        + "RunOptions.env() instead").isEmpty();
  }

  @Test
  void theCheckSeesACallToSystemGetenv() throws Exception {
    Path self = Path.of(NoProcessEnvironmentTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(callers(self, "getenv")).contains("dev/lamgraph/nodes/NoProcessEnvironmentTest$Reader.class");
  }

  /** A class that does read the environment, so the check above is known to find one. */
  static final class Reader {
    static String home() {
      return System.getenv("HOME");
    }
  }

  /** The class files under {@code classes} (a directory or a jar) whose bytes name {@code member}. */
  private static List<String> callers(Path classes, String member) throws IOException {
    byte[] needle = member.getBytes(StandardCharsets.US_ASCII);
    List<String> out = new ArrayList<>();
    if (Files.isDirectory(classes)) {
      try (Stream<Path> s = Files.walk(classes)) {
        for (Path p : s.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
          if (contains(Files.readAllBytes(p), needle)) out.add(classes.relativize(p).toString().replace('\\', '/'));
        }
      }
      return out;
    }
    try (JarFile jar = new JarFile(classes.toFile())) {
      for (JarEntry e : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
        try (InputStream in = jar.getInputStream(e)) {
          if (contains(in.readAllBytes(), needle)) out.add(e.getName());
        }
      }
    }
    return out;
  }

  private static long count(Path classes) throws IOException {
    if (!Files.isDirectory(classes)) {
      try (JarFile jar = new JarFile(classes.toFile())) {
        return jar.stream().filter(e -> e.getName().endsWith(".class")).count();
      }
    }
    try (Stream<Path> s = Files.walk(classes)) {
      return s.filter(p -> p.toString().endsWith(".class")).count();
    }
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) continue outer;
      }
      return true;
    }
    return false;
  }
}
