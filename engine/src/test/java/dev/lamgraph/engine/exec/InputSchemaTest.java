package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.util.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The input schema describes exactly the input InputCheck accepts. */
class InputSchemaTest {
  private static CompiledGraph compile(String yaml) throws Exception {
    return Compiler.withDefaults().compileText("t.yaml", yaml, Path.of("."));
  }

  @Test
  void channelsAndInputKeysAreProperties() throws Exception {
    try (CompiledGraph g = compile("""
        name: t
        state:
          topic: { type: string, description: "what to write about" }
          max:   { type: integer, default: 3 }
          tags:  { type: list, items: string }
          meta:  { type: object, schema: { type: object, required: [k], properties: { k: { type: string } } } }
          any:   { type: any }
        nodes:
          a: { type: set, set: { topic: "input.style + state.topic" } }
        edges:
          - { from: START, to: a }
          - { from: a, to: END }
        """)) {
      assertThat(Json.write(InputSchema.of(g))).isEqualTo("{\"type\":\"object\",\"properties\":{"
          + "\"topic\":{\"type\":\"string\",\"description\":\"what to write about\"},"
          + "\"max\":{\"type\":\"integer\",\"default\":3},"
          + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
          + "\"meta\":{\"type\":\"object\",\"required\":[\"k\"],\"properties\":{\"k\":{\"type\":\"string\"}}},"
          + "\"any\":{},"
          + "\"style\":{\"description\":\"read by the workflow's expressions as input.style\"}},"
          + "\"additionalProperties\":false}");
      // what the schema allows, InputCheck accepts; what it refuses (another key), InputCheck refuses
      assertThat(InputCheck.problems(g, Map.of("topic", "x", "max", 2, "tags", java.util.List.of("a"), "style", "terse"))).isEmpty();
      assertThat(InputCheck.problems(g, Map.of("other", 1))).hasSize(1);
    }
  }

  @Test
  void aWorkflowReadingAnyInputKeyAllowsOtherProperties() throws Exception {
    try (CompiledGraph g = compile("""
        name: t
        state:
          out: { type: any }
        nodes:
          a: { type: set, set: { out: "input" } }
        edges:
          - { from: START, to: a }
          - { from: a, to: END }
        """)) {
      assertThat(InputSchema.of(g)).doesNotContainKey("additionalProperties");
      assertThat(InputCheck.problems(g, Map.of("whatever", 1))).isEmpty();
    }
  }
}
