package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.server.langgraph.LiveJson;
import dev.lamgraph.server.langgraph.StreamJson;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** LangGraph's shapes of a model's streamed chunks: the tuple mode's AIMessageChunk with tool calls, and what each mode wants. */
class LiveJsonTest {
  @Test
  @SuppressWarnings("unchecked")
  void aLastChunkCarriesFinishReasonUsageAndToolCallsInBothForms() {
    LiveJson j = new LiveJson("run-1", "t-1", "talk", Set.of("messages-tuple"));
    Map<String, Object> last = Map.of("id", "run-x", "content", "", "provider", "openai", "model", "gpt-test", "final", true,
        "finish_reason", "tool_execution", "input_tokens", 20L, "output_tokens", 7L, "tool_calls",
        List.of(Map.of("id", "call_1", "name", "lookup_order", "arguments", "{\"id\":\"A-7\"}")));
    List<StreamJson.Event> out = j.events(3, "agent", "messages", last);
    assertThat(out).singleElement().extracting(StreamJson.Event::event).isEqualTo("messages");
    Map<String, Object> chunk = (Map<String, Object>) ((List<Object>) out.get(0).data()).get(0);
    assertThat(chunk).containsEntry("type", "AIMessageChunk").containsEntry("id", "run-x").containsEntry("chunk_position", "last");
    assertThat(chunk.get("tool_calls")).isEqualTo(List.of(Map.of("name", "lookup_order", "args", Map.of("id", "A-7"), "id", "call_1",
        "type", "tool_call")));
    assertThat(chunk.get("tool_call_chunks")).isEqualTo(List.of(Map.of("name", "lookup_order", "args", "{\"id\":\"A-7\"}", "id",
        "call_1", "index", 0, "type", "tool_call_chunk")));
    assertThat(chunk.get("usage_metadata")).isEqualTo(Map.of("input_tokens", 20L, "output_tokens", 7L, "total_tokens", 27L));
    assertThat((Map<String, Object>) chunk.get("response_metadata")).containsEntry("finish_reason", "tool_execution");
    Map<String, Object> meta = (Map<String, Object>) ((List<Object>) out.get(0).data()).get(1);
    assertThat(meta).containsEntry("langgraph_step", 3L).containsEntry("langgraph_node", "agent").containsEntry("tags", List.of());
  }

  @Test
  void eachModeWantsItsKindOnly() {
    assertThat(new LiveJson("r", "t", "g", Set.of("custom")).wants("messages")).isFalse();
    assertThat(new LiveJson("r", "t", "g", Set.of("custom")).wants("custom")).isTrue();
    assertThat(new LiveJson("r", "t", "g", Set.of("messages")).wants("messages")).isTrue();
    assertThat(new LiveJson("r", "t", "g", Set.of("messages-tuple", "values")).wants("custom")).isFalse();
    assertThat(new LiveJson("r", "t", "g", Set.of("custom")).events(1, "n", "messages", Map.of("id", "x", "content", "a"))).isEmpty();
    assertThat(LiveJson.wanted(Set.of("values", "updates"))).isFalse();
  }
}
