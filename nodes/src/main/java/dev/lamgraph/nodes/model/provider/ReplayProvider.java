package dev.lamgraph.nodes.model.provider;

import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.model.ChatClient;
import dev.lamgraph.nodes.model.ModelConfig;
import dev.lamgraph.nodes.model.ModelProvider;
import dev.lamgraph.nodes.model.ModelSchemas;
import dev.lamgraph.nodes.model.ModelSetup;
import dev.lamgraph.nodes.model.ReplayClient;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code provider: replay}: answers from a replay file recorded with {@code lam run --record FILE}
 * (or {@code LAM_RECORD=FILE}), never from a model: no key, no network. Keep the recorded model's
 * settings (model, temperature, max_tokens), so the request keys match the recording.
 *
 * <pre>{@code
 * models:
 *   default: { provider: replay, file: replays/triage.json, model: gpt-4o-mini, temperature: 0 }
 * }</pre>
 */
public final class ReplayProvider implements ModelProvider {
  @Override
  public String name() {
    return "replay";
  }

  @Override
  public String summary() {
    return "Answers from a recorded replay file (lam run --record FILE); offline, no key.";
  }

  @Override
  public String configSchema() {
    return ModelSchemas.provider("\"file\":{\"type\":\"string\",\"description\":\"the replay file, relative to the workflow\"}",
        List.of());
  }

  @Override
  public String example() {
    return "models:\n  default: { provider: replay, file: replays/triage.json, model: gpt-4o-mini, temperature: 0 }";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.TOOLS, Capability.STRUCTURED_OUTPUT, Capability.IMAGE_INPUT, Capability.PDF_INPUT); // whatever was recorded
  }

  @Override
  public void check(ModelConfig c, Problems problems) {
    if (c.file() == null) {
      problems.error(Codes.MISSING_FIELD, c.pos(), "model '" + c.name() + "' (provider replay) needs `file: PATH` of a recorded"
          + " replay file");
    }
  }

  @Override
  public Optional<ChatClient> create(ModelConfig c, Map<String, String> env, ModelSetup setup) {
    try {
      return Optional.of(ReplayClient.open(c, setup.baseDir().resolve(c.file()), setup));
    } catch (RuntimeException e) {
      setup.error(NodesCodes.REPLAY_FILE, c.filePos(), c, ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
