package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.codes;
import static dev.lamgraph.nodes.tool.ToolFixtures.registry;
import static dev.lamgraph.nodes.tool.ToolFixtures.toolDiagnostics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.tool.JavaTool;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolException;
import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The java connector: a JavaTool class made with its no-arg constructor at the first call, clear diagnostics otherwise. */
class JavaToolTest {
  /** Adds two numbers. */
  public static final class Add implements JavaTool {
    @Override
    public String parametersSchema() {
      return "{\"type\":\"object\",\"required\":[\"a\",\"b\"],\"additionalProperties\":false,"
          + "\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}}}";
    }

    @Override
    public Object call(Map<String, Object> args, Tool.ToolCall call) throws ToolException {
      double sum = ((Number) args.get("a")).doubleValue() + ((Number) args.get("b")).doubleValue();
      if (Double.isInfinite(sum)) throw ToolException.of("overflow", "the sum is too large");
      return sum;
    }
  }

  /** Sleeps longer than any sensible timeout. */
  public static final class Slow implements JavaTool {
    @Override
    public Object call(Map<String, Object> args, Tool.ToolCall call) throws InterruptedException {
      Thread.sleep(10_000);
      return "late";
    }
  }

  /** No no-arg constructor. */
  public static final class NeedsArg implements JavaTool {
    public NeedsArg(String x) {}

    @Override
    public Object call(Map<String, Object> args, Tool.ToolCall call) {
      return null;
    }
  }

  /** Declares a broken schema. */
  public static final class BadSchema implements JavaTool {
    @Override
    public String parametersSchema() {
      return "{not json";
    }

    @Override
    public Object call(Map<String, Object> args, Tool.ToolCall call) {
      return null;
    }
  }

  /** Its constructor fails (as one opening a database would). */
  public static final class FailingConstructor implements JavaTool {
    public FailingConstructor() {
      throw new IllegalStateException("no database");
    }

    @Override
    public Object call(Map<String, Object> args, Tool.ToolCall call) {
      return null;
    }
  }

  /** The attack: a static initialiser that writes a file (code execution when the class initialises). */
  public static final class Pwned implements JavaTool {
    static final String PROPERTY = "lamgraph.test.pwned";

    static {
      try {
        Files.writeString(Path.of(System.getProperty(PROPERTY)), "static initialiser ran");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public Object call(Map<String, Object> args, Tool.ToolCall call) {
      return "ran";
    }
  }

  static final String PKG = JavaToolTest.class.getName();

  @TempDir Path dir;

  @Test
  void callsTheClassAndValidatesItsSchema() throws Exception {
    try (ToolRegistry r = registry("  add: { type: java, class: \"" + PKG + "$Add\", description: Adds. }", Path.of("."))) {
      assertThat(r.call("add", Map.of("a", 2L, "b", 0.5), null).value()).isEqualTo(2.5);
      assertThat(r.all().get("add").description()).isEqualTo("Adds.");
      ToolResult bad = r.call("add", Map.of("a", "two", "b", 1L), null);
      assertThat(bad.errorKind()).isEqualTo("invalid_arguments");
      assertThat(r.call("add", Map.of("a", Double.MAX_VALUE, "b", Double.MAX_VALUE), null).errorKind()).isEqualTo("overflow");
    }
  }

  @Test
  void theToolTimeoutGivesATimeoutObservation() throws Exception {
    try (ToolRegistry r = registry("  slow: { type: java, class: \"" + PKG + "$Slow\", timeout: 200ms }", Path.of("."))) {
      ToolResult res = r.call("slow", Map.of(), null);
      assertThat(res.errorKind()).isEqualTo("timeout");
      assertThat(res.error()).isEqualTo("tool 'slow' timed out after 200 ms");
    }
  }

  @Test
  void missingWrongTypeAndUnconstructibleClassesAreReported() {
    assertThat(codes(toolDiagnostics("  t: { type: java, class: com.acme.Nope }", Path.of("."), Map.of())))
        .containsExactly("JAVA_CLASS_NOT_FOUND tool 't' (type java): class 'com.acme.Nope' is not on the class path");
    assertThat(codes(toolDiagnostics("  t: { type: java, class: java.lang.String }", Path.of("."), Map.of())))
        .singleElement().asString().startsWith("JAVA_CLASS_TYPE tool 't' (type java): class 'java.lang.String' implements neither");
    assertThat(codes(toolDiagnostics("  t: { type: java, class: \"" + PKG + "$NeedsArg\" }", Path.of("."), Map.of())))
        .singleElement().asString().startsWith("JAVA_CLASS_CONSTRUCTOR");
  }

  @Test
  void aBrokenClassSchemaOrConstructorIsAnUnavailableObservationAtTheFirstCall() throws Exception {
    // compiling makes no instance, so the class's own schema is read at the first call
    assertThat(toolDiagnostics("  t: { type: java, class: \"" + PKG + "$BadSchema\" }", Path.of("."), Map.of())).isEmpty();
    try (ToolRegistry r = registry("  t: { type: java, class: \"" + PKG + "$BadSchema\" }", Path.of("."));
        ToolRegistry f = registry("  t: { type: java, class: \"" + PKG + "$FailingConstructor\" }", Path.of("."))) {
      ToolResult bad = r.call("t", Map.of(), null);
      assertThat(bad.errorKind()).isEqualTo("unavailable");
      assertThat(bad.error()).startsWith("parametersSchema() of '" + PKG + "$BadSchema' is not a JSON Schema object");
      ToolResult broken = f.call("t", Map.of(), null);
      assertThat(broken.errorKind()).isEqualTo("unavailable");
      assertThat(broken.error()).isEqualTo("constructor of '" + PKG + "$FailingConstructor' failed: IllegalStateException: no database");
    }
  }

  @Test
  void compilingNeverRunsTheClassesStaticInitialiserOrConstructorTheFirstCallDoes() throws Exception {
    Path witness = dir.resolve("PWNED");
    System.setProperty(Pwned.PROPERTY, witness.toString());
    String entry = "  pwn: { type: java, class: \"" + PKG + "$Pwned\" }";
    assertThat(toolDiagnostics(entry, dir, Map.of())).isEmpty(); // what lam validate / diagram / state compile
    try (ToolRegistry r = registry(entry, dir)) {
      assertThat(r.all().get("pwn").staticSchema()).isEmpty(); // compile-time checks do not ask the class
      assertThat(witness).doesNotExist();
      assertThat(r.call("pwn", Map.of(), null).value()).isEqualTo("ran"); // a run's first call creates it
    }
    assertThat(Files.readString(witness)).isEqualTo("static initialiser ran");
  }
}
