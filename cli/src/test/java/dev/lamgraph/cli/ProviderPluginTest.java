package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.load.YamlReader;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.nodes.model.ModelProvider;
import dev.lamgraph.nodes.model.ModelsSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model provider added from outside lamgraph's modules (org.example.echomodel.EchoProvider: one
 * class plus one service registration in this test source set) is listed by {@code lam nodes},
 * takes part in the {@code models:} schema and runs a workflow offline.
 */
class ProviderPluginTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void aPluginProviderRunsAWorkflowOffline() {
    Lam.Result r = Lam.run(dir, "run", Lam.workflow("echo-model.yaml"), "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    Map<String, Object> state = ExampleDir.state(r);
    assertThat(state).containsEntry("answer", "echo: is it on?")
        .containsEntry("structured", Map.of("echo", "echo: again: is it on?"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void lamNodesListsModelProvidersWithCapabilitiesSchemaAndExample() {
    Lam.Result text = Lam.run(dir, "nodes");
    assertThat(text.code()).isEqualTo(0);
    assertThat(text.out()).contains("== model providers (models: NAME: { provider: ... })")
        .contains("\necho: Answers with its prefix and the last user message (a test plugin).\n  capabilities: structured_output\n")
        .contains("\nopenai: OpenAI chat models").contains("  capabilities: tools, structured_output, network, image_input, pdf_input\n")
        .contains("    default: { provider: replay, file: replays/triage.json");
    List<Object> json = Lam.run(dir, "nodes", "--json").jsonList();
    List<Map<String, Object>> providers = json.stream().map(o -> (Map<String, Object>) o)
        .filter(o -> "provider".equals(o.get("category"))).toList();
    assertThat(providers).extracting(p -> p.get("name")).containsExactly("anthropic", "echo", "gemini", "ollama", "openai", "replay");
    Map<String, Object> echo = providers.get(1);
    assertThat(echo).containsEntry("capabilities", List.of("structured_output"))
        .containsEntry("example", "models:\n  default: { provider: echo, prefix: \"echo: \" }");
    Map<String, Object> schema = (Map<String, Object>) echo.get("config_schema");
    assertThat(schema).containsEntry("required", List.of("provider", "prefix"));
    assertThat((Map<String, Object>) schema.get("properties")).containsKeys("prefix", "model", "temperature")
        .doesNotContainKeys("api_key", "file");
    assertThat(providers.get(4)).containsEntry("capabilities", List.of("tools", "structured_output", "network", "image_input",
        "pdf_input"));
    assertThat(providers.get(3)).containsEntry("capabilities", List.of("tools", "structured_output", "network", "image_input"));
    Map<String, Object> section = json.stream().map(o -> (Map<String, Object>) o)
        .filter(o -> "section".equals(o.get("category")) && "models".equals(o.get("name"))).findFirst().orElseThrow();
    assertThat((String) section.get("summary")).contains("anthropic, echo, gemini, ollama, openai, replay");
  }

  @Test
  void thePluginsSchemaAndNameAreChecked() throws Exception {
    String yaml = Files.readString(Lam.workflow("echo-model.yaml"));
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, yaml.replace("provider: echo,", "provider: ecko,"));
    Lam.Result r = Lam.run(dir, "validate", typo);
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains(typo + ":6:24: error[UNKNOWN_PROVIDER]: model 'default' has unknown provider 'ecko'; known:"
        + " anthropic, echo, gemini, ollama, openai, replay; did you mean 'echo'?");

    Path noPrefix = dir.resolve("no-prefix.yaml");
    Files.writeString(noPrefix, yaml.replace("prefix: \"echo: \", ", ""));
    r = Lam.run(dir, "validate", noPrefix);
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains("error[MISSING_FIELD]: missing required field 'prefix' in section 'models' at default");

    Path foreignKey = dir.resolve("foreign-key.yaml");
    Files.writeString(foreignKey, yaml.replace("temperature: 0", "api_key: \"${env:K}\""));
    r = Lam.run(dir, "validate", foreignKey);
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains("error[UNKNOWN_FIELD]: unknown field 'api_key' in section 'models' at default; known: provider,"
        + " model, prefix, temperature");
  }

  @Test
  void everyProvidersExampleOnTheClassPathMatchesItsOwnSchema() {
    for (ModelProvider p : ModelsSection.providers(getClass().getClassLoader()).values()) {
      Problems problems = new Problems();
      YNode.YMap models = (YNode.YMap) ((YNode.YMap) YamlReader.read("example", p.example(), problems).orElseThrow())
          .get("models").orElseThrow();
      YNode entry = models.entries().values().iterator().next().value();
      SchemaCheck.check(SchemaCheck.compile(p.configSchema()), entry, p.name(), problems);
      assertThat(problems.list()).as(p.name()).isEmpty();
      assertThat(((YNode.YMap) entry).string("provider")).contains(p.name());
    }
  }

  @Test
  void lamSchemaComposesTheModelsSectionFromEveryProvider() {
    Lam.Result r = Lam.run(dir, "schema");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("\"const\" : \"echo\"").contains("\"const\" : \"openai\"").contains("\"prefix\"");
  }
}
