package dev.lamgraph.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The add_messages reducer of {@code type: messages} channels, and such channels in a workflow. */
class MessagesTest {
  private static final Channel CHAT = new Channel(new ChannelSpec("messages", ValueType.MESSAGES, ReducerKind.ADD_MESSAGES,
      null, false, null, null, "", Pos.UNKNOWN));

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> msgs(Map<String, Object> s) {
    return (List<Map<String, Object>>) s.get("messages");
  }

  @Test
  void stringsAndRoleDictsBecomeTypedMessagesWithIds() throws Exception {
    Map<String, Object> s = new HashMap<>();
    CHAT.apply(s, "hi", "n");
    CHAT.apply(s, List.of(Map.of("role", "assistant", "content", "hello"), Map.of("role", "user", "content", "bye")), "n");
    assertThat(msgs(s)).extracting(m -> m.get("type")).containsExactly("human", "ai", "human");
    assertThat(msgs(s)).extracting(m -> m.get("content")).containsExactly("hi", "hello", "bye");
    assertThat(msgs(s)).allSatisfy(m -> assertThat(m).containsKey("id").doesNotContainKey("role"));
    assertThat(msgs(s).stream().map(m -> m.get("id")).distinct()).hasSize(3);
  }

  @Test
  void assignedIdsAreTheSameWhenTheSameHistoryIsReplayed() throws Exception {
    Map<String, Object> a = new HashMap<>();
    Map<String, Object> b = new HashMap<>();
    for (Map<String, Object> s : List.of(a, b)) {
      CHAT.apply(s, "ok", "n");
      CHAT.apply(s, "ok", "n"); // the same text twice: two messages, two ids
    }
    assertThat(msgs(a)).isEqualTo(msgs(b)).hasSize(2);
    assertThat(msgs(a).get(0).get("id")).isNotEqualTo(msgs(a).get(1).get("id"));
  }

  @Test
  void aKnownIdReplacesInPlaceAndRemoveMarkersRemove() throws Exception {
    Map<String, Object> s = new HashMap<>();
    CHAT.apply(s, List.of(Map.of("type", "human", "content", "q", "id", "1"), Map.of("type", "ai", "content", "draft", "id", "2"),
        Map.of("type", "human", "content", "q2", "id", "3")), "n");
    CHAT.apply(s, Map.of("type", "ai", "content", "final", "id", "2"), "n");
    assertThat(msgs(s)).extracting(m -> m.get("content")).containsExactly("q", "final", "q2");
    CHAT.apply(s, List.of(Map.of("type", "remove", "id", "1"), Map.of("type", "remove", "id", "unknown")), "n");
    assertThat(msgs(s)).extracting(m -> m.get("id")).containsExactly("2", "3");
    CHAT.apply(s, List.of(Map.of("type", "remove", "id", Messages.REMOVE_ALL), "fresh"), "n");
    assertThat(msgs(s)).extracting(m -> m.get("content")).containsExactly("fresh");
  }

  @Test
  void toolCallsAndToolMessagesKeepTheirFields() throws Exception {
    Map<String, Object> s = new HashMap<>();
    CHAT.apply(s, List.of(Map.of("type", "ai", "tool_calls", List.of(Map.of("id", "c1", "name", "lookup", "args", Map.of("q", 1L)))),
        Map.of("role", "tool", "content", "42", "tool_call_id", "c1", "name", "lookup", "status", "success")), "n");
    assertThat(msgs(s).get(0)).containsEntry("content", "").containsEntry("tool_calls", List.of(Map.of("id", "c1", "name", "lookup", "args", Map.of("q", 1L))));
    assertThat(msgs(s).get(1)).containsEntry("tool_call_id", "c1").containsEntry("name", "lookup").containsEntry("status", "success");
  }

  @Test
  void aBadMessageIsRefusedAndLeavesTheListUnchanged() throws Exception {
    Map<String, Object> s = new HashMap<>();
    CHAT.apply(s, "first", "n");
    List<Object> before = new ArrayList<>(msgs(s));
    assertThatThrownBy(() -> CHAT.apply(s, List.of("ok", Map.of("role", "wizard", "content", "x")), "n"))
        .isInstanceOf(StateTypeException.class)
        .hasMessage("node 'n' wrote a message [1] of type 'wizard' (known: human, ai, system, tool, remove; or role user, assistant)"
            + " to channel 'messages', which expects chat messages");
    assertThat(msgs(s)).isEqualTo(before);
    assertThatThrownBy(() -> CHAT.apply(s, Map.of("role", "tool", "content", "x"), "n")).hasMessageContaining("without a string tool_call_id");
    assertThatThrownBy(() -> CHAT.apply(s, 5L, "n")).hasMessageContaining("wrote a integer (a message is an object or a string)");
    assertThatThrownBy(() -> CHAT.apply(s, Map.of("type", "human"), "n")).hasMessageContaining("content is missing");
  }

  @Test
  void aWorkflowAppendsThroughSetAndCelReadsTheMessages() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compileText("w.yaml", """
        name: chat
        state:
          messages: { type: messages, default: ["hello"] }
          last: { type: string }
        nodes:
          reply: { type: set, set: { messages: "{'role': 'assistant', 'content': 'hi ' + string(size(state.messages))}" } }
          read:  { type: set, set: { last: "state.messages[size(state.messages) - 1].content" } }
        edges:
          - { from: START, to: reply }
          - { from: reply, to: read }
          - { from: read, to: END }
        """, null);
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      RunResult r = runs.start(g, "t1", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(r.state()).containsEntry("last", "hi 1");
      assertThat((List<?>) r.state().get("messages")).hasSize(2);
    }
  }

  @Test
  void aMessagesChannelRefusesOtherReducersAndBadDefaults() {
    assertThatThrownBy(() -> Compiler.withDefaults().compileText("w.yaml", """
        name: chat
        state:
          a: { type: messages, reducer: append }
          b: { type: list, reducer: add_messages }
          c: { type: messages, default: [{ role: robot, content: x }] }
        nodes:
          n: { type: set, set: {} }
        edges:
          - { from: START, to: n }
          - { from: n, to: END }
        """, null)).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("error[REDUCER_TYPE]: reducer 'append' does not fit channel 'a' of type messages")
        .hasMessageContaining("error[REDUCER_TYPE]: reducer 'add_messages' does not fit channel 'b' of type list")
        .hasMessageContaining("error[DEFAULT_TYPE]: default of channel 'c' has a message [0] of type 'robot'");
  }
}
