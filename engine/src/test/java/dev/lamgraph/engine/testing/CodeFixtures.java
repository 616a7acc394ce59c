package dev.lamgraph.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lamgraph.engine.node.Diagnostic;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rule "every diagnostic code has an invalid fixture", for any module: a module's codes come
 * from its registry class (public static final String constants named as their value), no code is
 * written as a literal in its sources, and each {@code invalid/<code>.yaml} fixture names the
 * diagnostics it must report in leading {@code # expect: CODE LINE[:COL]} lines.
 *
 * <pre>{@code
 * assertThat(CodeFixtures.literalCodes(Path.of("src/main/java"))).isEmpty();
 * Set<String> codes = CodeFixtures.registry(NodesCodes.class);
 * CodeFixtures.assertReportsExactly(file, compiler.check(file));
 * }</pre>
 */
public final class CodeFixtures {
  private static final Pattern EXPECT = Pattern.compile("^# expect: ([A-Z_]+) (\\d+)(?::(\\d+))?\\s*$");
  private static final Pattern LITERAL = Pattern.compile(
      "(?:error|warning|warn|checkSchemaDocument|report)\\((?:[^;]*?,\\s*)?\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\"");

  private CodeFixtures() {
  }

  /** One expected diagnostic: its code, line and (optionally) column. */
  public record Expect(String code, int line, Integer col) {
    public boolean matches(Diagnostic d) {
      return d.code().equals(code) && d.pos().line() == line && (col == null || d.pos().col() == col);
    }

    @Override
    public String toString() {
      return code + " " + line + (col == null ? "" : ":" + col);
    }
  }

  /** The file's lines; bytes that are not UTF-8 (the ENCODING fixture) read as U+FFFD. */
  public static List<String> lines(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
  }

  /** The leading {@code # expect: CODE LINE[:COL]} lines of a fixture. */
  public static List<Expect> expects(Path file) throws IOException {
    List<Expect> out = new ArrayList<>();
    for (String l : lines(file)) {
      if (!l.startsWith("#")) break;
      Matcher m = EXPECT.matcher(l);
      if (m.matches()) out.add(new Expect(m.group(1), Integer.parseInt(m.group(2)), m.group(3) == null ? null : Integer.valueOf(m.group(3))));
    }
    return out;
  }

  /** The code a fixture is named after: {@code output-channel.yaml} is OUTPUT_CHANNEL. */
  public static String codeOf(Path fixture) {
    return fixture.getFileName().toString().replace(".yaml", "").replace('-', '_').toUpperCase();
  }

  /** {@code diagnostics} are exactly the fixture's expected ones (each expected one at least once, none other). */
  public static void assertReportsExactly(Path file, List<Diagnostic> diagnostics) throws IOException {
    List<Expect> expects = expects(file);
    assertThat(expects).as("leading '# expect: CODE LINE[:COL]' lines of " + file.getFileName()).isNotEmpty();
    String report = String.join("\n", diagnostics.stream().map(Diagnostic::format).toList());
    for (Expect e : expects) {
      if (diagnostics.stream().noneMatch(e::matches)) fail("expected " + e + " in " + file.getFileName() + ", got:\n" + report);
    }
    for (Diagnostic d : diagnostics) {
      if (expects.stream().noneMatch(e -> e.matches(d))) fail("unexpected diagnostic in " + file.getFileName() + ":\n" + d);
    }
  }

  /** The codes of a registry class: its public static final String constants, each equal to its name. */
  public static Set<String> registry(Class<?> codes) {
    Set<String> out = new TreeSet<>();
    for (Field f : codes.getDeclaredFields()) {
      int m = f.getModifiers();
      if (f.getType() != String.class || !Modifier.isPublic(m) || !Modifier.isStatic(m) || !Modifier.isFinal(m)) continue;
      try {
        assertThat(f.get(null)).as(f.getName()).isEqualTo(f.getName());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      out.add(f.getName());
    }
    return out;
  }

  /** The names {@code registryName.X} used in the Java files under {@code src} (the registry's own file aside). */
  public static Set<String> used(Path src, String registryName) throws IOException {
    Pattern used = Pattern.compile("\\b" + registryName + "\\.([A-Z][A-Z0-9_]*)\\b");
    Set<String> out = new TreeSet<>();
    try (Stream<Path> files = Files.walk(src)) {
      for (Path p : files.filter(x -> x.toString().endsWith(".java") && !x.endsWith(registryName + ".java")).toList()) {
        used.matcher(Files.readString(p)).results().forEach(m -> out.add(m.group(1)));
      }
    }
    return out;
  }

  /**
   * Each place under {@code src} that passes a code as a string literal to {@code error(} /
   * {@code warning(} (or to a method taking a code, such as {@code checkSchemaDocument}): codes
   * come from the module's registry, so a literal is a code that escaped it.
   */
  public static List<String> literalCodes(Path src) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(src)) {
      for (Path p : files.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
        LITERAL.matcher(Files.readString(p)).results().forEach(m -> out.add(p.getFileName() + ": " + m.group(1)));
      }
    }
    return out;
  }
}
