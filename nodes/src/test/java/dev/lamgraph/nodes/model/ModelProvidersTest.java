package dev.lamgraph.nodes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.load.YamlReader;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.node.SectionTypes;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Spelling;
import dev.lamgraph.nodes.testing.Harness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The model provider SPI: every provider describes itself (its example matches its own schema and
 * the composed {@code models:} schema), the section's schema follows the providers (a key of one
 * provider is refused for another), and an unknown provider is named with the known ones.
 */
class ModelProvidersTest {
  static final Harness H = new Harness(Map.of());

  /** The diagnostics of a workflow with {@code models} and one set node (so only the section speaks). */
  static List<String> codes(String models) {
    String yaml = Harness.oneNode(models, "string", "{ type: set, set: { out: \"'x'\" } }");
    try {
      H.compile(yaml);
      return List.of();
    } catch (WorkflowException e) {
      return e.diagnostics().stream().map(d -> d.code() + " " + d.message()).toList();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theShippedProvidersAreFoundByServiceLoader() {
    assertThat(new ModelsSection().providers()).containsOnlyKeys("anthropic", "gemini", "ollama", "openai", "replay");
  }

  @Test
  void everyProvidersExampleMatchesItsOwnSchemaAndTheSectionSchema() {
    ModelsSection section = new ModelsSection();
    var sectionSchema = SchemaCheck.compile(section.schema());
    for (ModelProvider p : section.providers().values()) {
      Problems problems = new Problems();
      YNode models = ((YNode.YMap) YamlReader.read("example", p.example(), problems).orElseThrow()).get("models").orElseThrow();
      assertThat(((YNode.YMap) models).entries()).as(p.name()).hasSize(1);
      YNode.YMap entry = (YNode.YMap) ((YNode.YMap) models).entries().values().iterator().next().value();
      assertThat(entry.string("provider")).as(p.name()).contains(p.name());
      SchemaCheck.check(SchemaCheck.compile(p.configSchema()), entry, p.name(), problems);
      SchemaCheck.check(sectionSchema, models, "section 'models'", problems);
      assertThat(ModelConfig.read("default", entry, section.providers(), problems)).as(p.name()).isPresent();
      assertThat(problems.list()).as(p.name() + " example").isEmpty();
      assertThat(p.summary()).as(p.name()).isNotBlank();
      assertThat(p.capabilities()).as(p.name()).isNotNull();
    }
    Problems problems = new Problems();
    YNode example = ((YNode.YMap) YamlReader.read("example", section.example(), problems).orElseThrow()).get("models").orElseThrow();
    SchemaCheck.check(sectionSchema, example, "section 'models'", problems);
    assertThat(problems.list()).as("the section's example").isEmpty();
  }

  @Test
  void aKeyOfOneProviderIsRefusedForAnother() {
    assertThat(codes("models:\n  default: { provider: openai, model: m, file: x.json }\n")).containsExactly(
        "UNKNOWN_FIELD unknown field 'file' in section 'models' at default; known: provider, model, base_url, api_key,"
            + " temperature, max_tokens, timeout, max_retries, retry_backoff, inputs, prices, trace_content, description");
    assertThat(codes("models:\n  default: { provider: ollama, model: m, api_key: \"${env:K}\" }\n")).singleElement()
        .asString().startsWith("UNKNOWN_FIELD unknown field 'api_key' in section 'models' at default; known: provider, model,"
            + " base_url, temperature");
    assertThat(codes("models:\n  default: { provider: replay, file: x.json, base_url: \"http://x\" }\n")).singleElement()
        .asString().startsWith("UNKNOWN_FIELD unknown field 'base_url'").contains("known: provider, model, file, temperature");
  }

  @Test
  void commonKeysAreCheckedForEveryProvider() {
    assertThat(codes("models:\n  default: { provider: gemini, model: m, temperature: 5 }\n")).singleElement().asString()
        .startsWith("SCHEMA section 'models': default.temperature = 5: must have a maximum value of 2");
    assertThat(codes("models:\n  default: { provider: replay, file: x.json, max_retries: -1 }\n")).singleElement().asString()
        .startsWith("SCHEMA section 'models': default.max_retries = -1");
    assertThat(codes("models:\n  default: { model: m }\n")).singleElement().asString()
        .isEqualTo("MISSING_FIELD missing required field 'provider' in section 'models' at default");
  }

  @Test
  void anUnknownProviderIsNamedWithTheKnownOnesAndTheClosest() {
    assertThat(codes("models:\n  default: { provider: opnai, model: x }\n")).containsExactly("UNKNOWN_PROVIDER model 'default'"
        + " has unknown provider 'opnai'; known: anthropic, gemini, ollama, openai, replay; did you mean 'openai'?");
    assertThat(codes("models:\n  default: { provider: Gemeni, model: x }\n")).singleElement().asString()
        .endsWith("did you mean 'gemini'?");
    assertThat(codes("models:\n  default: { provider: bedrock, model: x }\n")).containsExactly("UNKNOWN_PROVIDER model"
        + " 'default' has unknown provider 'bedrock'; known: anthropic, gemini, ollama, openai, replay");
  }

  @Test
  void aReplayModelWithoutItsFileIsReported() {
    assertThatThrownBy(() -> H.compile(Harness.oneNode("models:\n  default: { provider: replay, model: m }\n", "string",
        "{ type: llm, prompt: hi, output: out }"))).isInstanceOfSatisfying(WorkflowException.class, e -> {
          Diagnostic d = e.diagnostics().get(0);
          assertThat(e.diagnostics()).hasSize(1);
          assertThat(d.code()).isEqualTo("MISSING_FIELD");
          assertThat(d.pos().line()).isEqualTo(3);
          assertThat(d.message()).isEqualTo("model 'default' (provider replay) needs `file: PATH` of a recorded replay file");
        });
  }

  @Test
  void theSectionOffersOnlyTheProvidersItIsGiven() {
    ModelsSection onlyReplay = new ModelsSection(Map.of("replay", new ModelsSection().providers().get("replay")));
    assertThat(onlyReplay.summary()).contains("(replay)");
    assertThat(SchemaCheck.validate(onlyReplay.schema(), Map.of("m", Map.of("provider", "replay", "file", "f.json")))).isEmpty();
    assertThat(SchemaCheck.validate(onlyReplay.schema(), Map.of("m", Map.of("provider", "replay", "api_key", "k")))).isNotEmpty();
    assertThat(SchemaCheck.validate(new ModelsSection(Map.of()).schema(), Map.of("m", Map.of("provider", "x"))))
        .isEmpty(); // no provider: the section reports UNKNOWN_PROVIDER itself
  }

  @Test
  void didYouMeanStaysWithinTwoEdits() {
    assertThat(Spelling.distance("opnai", "openai")).isEqualTo(1);
    assertThat(Spelling.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Spelling.didYouMean("olama", List.of("ollama", "openai"))).isEqualTo("; did you mean 'ollama'?");
    assertThat(Spelling.didYouMean("mistral", List.of("ollama", "openai"))).isEmpty();
    assertThat(Spelling.didYouMean("", List.of("a"))).isEmpty();
  }

  /** A provider whose create() fails (a plugin's bug), or returns nothing without saying why. */
  static ModelProvider broken(boolean throwing) {
    return new ModelProvider() {
      public String name() { return "broken"; }
      public String summary() { return "fails"; }
      public String configSchema() { return ModelSchemas.provider("", List.of()); }
      public String example() { return "models:\n  default: { provider: broken }"; }
      public Set<Capability> capabilities() { return Set.of(); }
      public Optional<ChatClient> create(ModelConfig config, Map<String, String> env, ModelSetup setup) {
        if (throwing) throw new IllegalStateException("no socket today");
        return Optional.empty();
      }
    };
  }

  @Test
  void aProviderThatFailsIsOneLineNotAStackTrace() {
    for (boolean throwing : List.of(true, false)) {
      Compiler compiler = new Compiler(NodeTypes.discover(NodeTypes.class.getClassLoader()), SectionTypes.of(List.of(new ModelsSection(
          Map.of("broken", broken(throwing))))));
      String yaml = Harness.oneNode("models:\n  default: { provider: broken }\n", "string", "{ type: llm, prompt: hi, output: out }");
      assertThatThrownBy(() -> compiler.compileText("w.yaml", yaml, Path.of(".")))
          .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("PROVIDER_ERROR");
            assertThat(d.pos().line()).isEqualTo(3);
            assertThat(d.message()).isEqualTo("model 'default' (broken), used by node 'ask': provider 'broken' "
                + (throwing ? "could not prepare it: no socket today" : "gave no client and reported no problem"));
          }));
    }
  }
}
