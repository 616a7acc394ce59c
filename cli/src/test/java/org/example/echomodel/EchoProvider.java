package org.example.echomodel;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.model.ChatClient;
import dev.lamgraph.nodes.model.ModelConfig;
import dev.lamgraph.nodes.model.ModelMessage;
import dev.lamgraph.nodes.model.ModelProvider;
import dev.lamgraph.nodes.model.ModelResponse;
import dev.lamgraph.nodes.model.ModelSchemas;
import dev.lamgraph.nodes.model.ModelSetup;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model provider from outside lamgraph's modules, to show that adding one is this class plus one
 * line in {@code META-INF/services/dev.lamgraph.nodes.model.ModelProvider}: {@code provider: echo}
 * answers with {@code prefix} and the last user message (as {@code {"echo": ...}} when a node asks
 * for structured output). Offline, no key.
 *
 * <pre>{@code
 * models:
 *   default: { provider: echo, prefix: "echo: " }
 * }</pre>
 */
public final class EchoProvider implements ModelProvider {
  @Override
  public String name() {
    return "echo";
  }

  @Override
  public String summary() {
    return "Answers with its prefix and the last user message (a test plugin).";
  }

  @Override
  public String configSchema() {
    return ModelSchemas.provider("\"prefix\": {\"type\": \"string\", \"description\": \"put before every answer\"}",
        List.of("prefix"));
  }

  @Override
  public String example() {
    return "models:\n  default: { provider: echo, prefix: \"echo: \" }";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.STRUCTURED_OUTPUT);
  }

  @Override
  public Optional<ChatClient> create(ModelConfig config, Map<String, String> env, ModelSetup setup) {
    String prefix = config.source().string("prefix").orElse("");
    return Optional.of(request -> {
      List<ModelMessage> users = request.messages().stream().filter(m -> m.role().equals("user")).toList();
      String text = prefix + (users.isEmpty() ? "" : users.get(users.size() - 1).text());
      String answer = request.responseSchema() == null ? text : Json.write(Map.of("echo", text));
      return new ModelResponse(answer, List.of(), text.length(), text.length(), "stop");
    });
  }
}
