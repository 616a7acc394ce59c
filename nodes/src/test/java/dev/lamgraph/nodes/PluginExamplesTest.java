package dev.lamgraph.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.load.YamlReader;
import dev.lamgraph.engine.node.CommonKeys;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.node.SectionType;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.spec.YNode.YMap;
import dev.lamgraph.nodes.model.ModelProvider;
import dev.lamgraph.nodes.model.ModelsSection;
import dev.lamgraph.nodes.tool.ToolConnector;
import dev.lamgraph.nodes.tool.ToolsSection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every plugin on the class path (node types of engine and nodes, sections, tool connectors, model
 * providers, found through {@link ServiceLoader} as {@code lam} finds them) describes itself: a
 * summary, and an {@code example()} that matches its own schema, so {@code lam nodes} never shows
 * an example the compiler would refuse.
 */
class PluginExamplesTest {
  /** The one entry under {@code key} of an example (a {@code key: { name: {...} }} document). */
  static Map.Entry<String, YNode> single(String example, String key, String who, Problems problems) {
    YMap doc = (YMap) YamlReader.read(who + " example", example, problems).orElseThrow();
    YMap under = (YMap) (key == null ? doc : doc.get(key).orElseThrow());
    assertThat(under.entries()).as(who + " example: one entry" + (key == null ? "" : " under " + key)).hasSize(1);
    var e = under.entries().entrySet().iterator().next();
    return Map.entry(e.getKey(), e.getValue().value());
  }

  static <T> List<T> loaded(Class<T> spi, Function<T, String> name) {
    List<T> all = ServiceLoader.load(spi).stream().map(ServiceLoader.Provider::get).toList();
    assertThat(all).as(spi.getSimpleName() + " services").isNotEmpty();
    assertThat(all.stream().map(name).toList()).as(spi.getSimpleName() + " names").doesNotHaveDuplicates();
    return all;
  }

  @Test
  void everyNodeTypesExampleMatchesItsOwnSchema() {
    List<NodeType> types = loaded(NodeType.class, NodeType::name);
    assertThat(types.stream().map(NodeType::name)).contains("set", "human", "map", "subgraph", "llm", "tool", "planner",
        "reviewer", "memory");
    for (NodeType t : types) {
      Problems problems = new Problems();
      YMap node = (YMap) single(t.example(), null, "node type " + t.name(), problems).getValue();
      assertThat(node.string("type")).as(t.name() + " example's type").contains(t.name());
      Map<String, YNode.Entry> own = new LinkedHashMap<>();
      node.entries().forEach((k, e) -> {
        if (!CommonKeys.ALL.contains(k)) own.put(k, e);
      });
      SchemaCheck.check(SchemaCheck.compile(t.configSchema()), new YMap(own, node.pos()), t.name(), CommonKeys.ALL, problems);
      assertThat(problems.list()).as(t.name() + " example").isEmpty();
      assertThat(t.summary()).as(t.name()).isNotBlank();
    }
  }

  @Test
  void everySectionsExampleMatchesItsOwnSchema() {
    List<SectionType> sections = loaded(SectionType.class, SectionType::name);
    assertThat(sections.stream().map(SectionType::name)).contains("models", "tools", "memory");
    for (SectionType s : sections) {
      Problems problems = new Problems();
      YMap doc = (YMap) YamlReader.read(s.name() + " example", s.example(), problems).orElseThrow();
      assertThat(doc.entries().keySet()).as(s.name() + " example's key").containsExactly(s.name());
      SchemaCheck.check(SchemaCheck.compile(s.schema()), doc.get(s.name()).orElseThrow(), "section '" + s.name() + "'", problems);
      assertThat(problems.list()).as(s.name() + " example").isEmpty();
      assertThat(s.summary()).as(s.name()).isNotBlank();
    }
  }

  @Test
  void everyToolConnectorsExampleMatchesItsOwnSchemaAndTheToolsSchema() {
    var toolsSchema = SchemaCheck.compile(new ToolsSection(Map.of()).schema());
    List<ToolConnector> connectors = loaded(ToolConnector.class, ToolConnector::name);
    assertThat(connectors.stream().map(ToolConnector::name)).contains("file", "http", "java", "mcp", "shell", "sql");
    for (ToolConnector c : connectors) {
      Problems problems = new Problems();
      YNode entry = single(c.example(), "tools", "connector " + c.name(), problems).getValue();
      assertThat(((YMap) entry).string("type")).as(c.name() + " example's type").contains(c.name());
      SchemaCheck.check(SchemaCheck.compile(c.configSchema()), entry, c.name(), problems);
      YNode section = ((YMap) YamlReader.read("example", c.example(), problems).orElseThrow()).get("tools").orElseThrow();
      SchemaCheck.check(toolsSchema, section, "section 'tools'", problems);
      assertThat(problems.list()).as(c.name() + " example").isEmpty();
      assertThat(c.summary()).as(c.name()).isNotBlank();
    }
  }

  @Test
  void everyModelProvidersExampleMatchesItsOwnSchemaAndTheModelsSchema() {
    var modelsSchema = SchemaCheck.compile(new ModelsSection(Map.of()).schema());
    List<ModelProvider> providers = loaded(ModelProvider.class, ModelProvider::name);
    assertThat(providers.stream().map(ModelProvider::name)).contains("anthropic", "gemini", "ollama", "openai", "replay");
    for (ModelProvider p : providers) {
      Problems problems = new Problems();
      YNode entry = single(p.example(), "models", "provider " + p.name(), problems).getValue();
      assertThat(((YMap) entry).string("provider")).as(p.name() + " example's provider").contains(p.name());
      SchemaCheck.check(SchemaCheck.compile(p.configSchema()), entry, p.name(), problems);
      YNode section = ((YMap) YamlReader.read("example", p.example(), problems).orElseThrow()).get("models").orElseThrow();
      SchemaCheck.check(modelsSchema, section, "section 'models'", problems);
      assertThat(problems.list()).as(p.name() + " example").isEmpty();
      assertThat(p.summary()).as(p.name()).isNotBlank();
    }
  }
}
