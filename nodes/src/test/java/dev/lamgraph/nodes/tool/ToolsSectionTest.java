package dev.lamgraph.nodes.tool;

import static dev.lamgraph.nodes.tool.ToolFixtures.codes;
import static dev.lamgraph.nodes.tool.ToolFixtures.toolDiagnostics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.load.YamlReader;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.node.SectionTypes;
import dev.lamgraph.engine.spec.YNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tools: section: connector lookup, per-connector schemas with positions, self-description. */
class ToolsSectionTest {
  static final Path HERE = Path.of(".");

  @Test
  void isFoundByServiceLoaderWithAllConnectors() {
    assertThat(SectionTypes.discover(SectionTypes.class.getClassLoader()).get("tools")).get().isInstanceOf(ToolsSection.class);
    assertThat(new ToolsSection().connectors().keySet()).containsExactly("file", "http", "java", "mcp", "shell", "sql");
  }

  @Test
  void aConnectorThatThrowsIsOneLineAtItsEntryNotAStackTrace() throws Exception {
    ToolConnector broken = new ToolConnector() {
      public String name() { return "broken"; }
      public String summary() { return "fails"; }
      public String configSchema() { return ToolSchemas.connector("", List.of()); }
      public String example() { return "tools:\n  b: { type: broken }"; }
      public List<Tool> create(ToolDeclaration d) { throw new IllegalStateException("no socket today"); }
    };
    Compiler compiler = new Compiler(NodeTypes.discover(NodeTypes.class.getClassLoader()),
        SectionTypes.of(List.of(new ToolsSection(Map.of("broken", broken)))));
    var ds = compiler.checkText("w.yaml", "name: w\ntools:\n  b: { type: broken }\nstate: { out: { type: any } }\n"
        + "nodes: { n: { type: set, set: { out: \"1\" } } }\nedges: [ { from: START, to: n }, { from: n, to: END } ]\n");
    assertThat(codes(ds)).containsExactly("TOOL_ERROR tool 'b' (type broken) could not be prepared: no socket today");
    assertThat(ds.get(0).pos().line()).isEqualTo(3);
  }

  @Test
  void anUnknownTypeListsTheKnownOnesAtItsPosition() {
    var ds = toolDiagnostics("  t: { type: htp, url: x }", HERE, Map.of());
    assertThat(ds).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("UNKNOWN_TOOL_TYPE");
      assertThat(d.message()).isEqualTo("tool 't' has unknown type 'htp'; known: file, http, java, mcp, shell, sql");
      assertThat(d.pos().line()).isEqualTo(3);
      assertThat(d.pos().col()).isEqualTo(14);
    });
  }

  @Test
  void eachEntryIsCheckedAgainstItsConnectorsSchemaWithPositions() {
    var ds = toolDiagnostics("""
        notes:
          type: file
          root: .
          operation: [read]
          timeout: soon""", HERE, Map.of());
    assertThat(codes(ds)).containsExactlyInAnyOrder(
        "UNKNOWN_FIELD unknown field 'operation' in tool 'notes' (type file); known: type, description, timeout, needs, gives, "
            + "parameters, root, operations, max_bytes, max_entries; did you mean 'operations'?",
        "SCHEMA tool 'notes' (type file): timeout = 'soon': does not match the regex pattern ^[0-9]+(ms|s|m|h|d)$");
    assertThat(ds).extracting(d -> d.pos().line()).containsExactlyInAnyOrder(6, 7);
  }

  @Test
  void badToolNamesAndParametersAreReported() {
    assertThat(codes(toolDiagnostics("  \"bad name\": { type: java, class: x.Y }", HERE, Map.of())))
        .anySatisfy(d -> assertThat(d).startsWith("SCHEMA").contains("bad name"));
    assertThat(codes(toolDiagnostics("  t: { type: shell, command: [echo, \"{msg}\"], allow: [echo], root: ., "
        + "parameters: { type: object, properties: { text: { type: string } } } }", HERE, Map.of())))
        .containsExactly("TOOL_PLACEHOLDER_UNKNOWN tool 't' (type shell): placeholder {msg} is not a property of parameters; properties: text");
    assertThat(codes(toolDiagnostics("  t: { type: java, class: \"dev.lamgraph.nodes.tool.connector.JavaToolTest$Add\", parameters: { type: objekt } }", HERE, Map.of())))
        .anySatisfy(d -> assertThat(d).startsWith("TOOL_PARAMETERS"));
  }

  @Test
  void everyConnectorsExampleMatchesItsOwnSchema() {
    for (ToolConnector c : new ToolsSection().connectors().values()) {
      Problems p = new Problems();
      YNode.YMap section = (YNode.YMap) ((YNode.YMap) YamlReader.read("example", c.example(), p).orElseThrow()).get("tools").orElseThrow();
      assertThat(section.entries()).as(c.name()).hasSize(1);
      YNode entry = section.entries().values().iterator().next().value();
      SchemaCheck.check(SchemaCheck.compile(c.configSchema()), entry, c.name(), p);
      assertThat(p.list()).as(c.name() + " example").isEmpty();
      assertThat(((YNode.YMap) entry).string("type")).contains(c.name());
      assertThat(c.summary()).isNotBlank();
    }
  }
}
