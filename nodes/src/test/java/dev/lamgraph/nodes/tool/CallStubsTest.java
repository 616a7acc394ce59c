package dev.lamgraph.nodes.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.node.CallStubs;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.nodes.model.Model;
import dev.lamgraph.nodes.model.ModelConfig;
import dev.lamgraph.nodes.model.ModelException;
import dev.lamgraph.nodes.model.ModelMessage;
import dev.lamgraph.nodes.model.ModelRequest;
import dev.lamgraph.nodes.model.ModelResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The stubs a run is given ({@code NodeContext.stubs()}, what {@code lam test} uses) replace the
 * tool's and the model's call: the real one is never reached, and the call is traced as usual.
 */
class CallStubsTest {
  final AtomicInteger realCalls = new AtomicInteger();
  final List<Map<String, Object>> events = new ArrayList<>();

  Tool tool = new Tool() {
    public String name() { return "send"; }
    public String description() { return "sends"; }
    public String parametersSchema() { return "{\"type\":\"object\",\"required\":[\"to\"],\"properties\":{\"to\":{\"type\":\"string\"}}}"; }
    public Object call(Map<String, Object> args, ToolCall call) {
      realCalls.incrementAndGet();
      return "really sent";
    }
  };

  NodeContext ctx(CallStubs stubs) {
    return new NodeContext() {
      public String threadId() { return "t"; }
      public String nodeName() { return "n"; }
      public long step() { return 1; }
      public int attempt() { return 1; }
      public Map<String, Object> state() { return Map.of(); }
      public Map<String, Object> input() { return Map.of(); }
      public Optional<Object> resumeValue() { return Optional.empty(); }
      public void event(String kind, Map<String, Object> attributes) { events.add(Map.of("kind", kind, "data", attributes)); }
      public boolean cancelled() { return false; }
      public CallStubs stubs() { return stubs; }
    };
  }

  @Test
  void aStubbedToolIsNeverCalledAndItsArgumentsAreStillChecked() {
    CallStubs stubs = (kind, name, req) -> kind.equals("tool") && name.equals("send")
        ? Optional.of("fail".equals(req.get("to")) ? CallStubs.Answer.failed("http_status", "503") : CallStubs.Answer.ok("stubbed"))
        : Optional.empty();
    try (ToolRegistry r = new ToolRegistry(List.of(tool))) {
      assertThat(r.call("send", Map.of("to", "a"), ctx(stubs)).value()).isEqualTo("stubbed");
      ToolResult failed = r.call("send", Map.of("to", "fail"), ctx(stubs));
      assertThat(failed.errorKind()).isEqualTo("http_status");
      assertThat(failed.error()).isEqualTo("503");
      assertThat(r.call("send", Map.of("too", "a"), ctx(stubs)).errorKind()).isEqualTo("invalid_arguments");
      assertThat(realCalls).hasValue(0);
      assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e.get("kind")).isEqualTo("tool_call"));
      // without stubs the same registry makes the real call: the counter above can move
      assertThat(r.call("send", Map.of("to", "a"), ctx(CallStubs.NONE)).value()).isEqualTo("really sent");
      assertThat(realCalls).hasValue(1);
    }
  }

  @Test
  void aStubbedModelIsNeverCalled() throws Exception {
    AtomicInteger chats = new AtomicInteger();
    ModelConfig c = new ModelConfig("default", "openai", "m", null, null, 0.0, null, Duration.ofSeconds(5), 0, Duration.ofMillis(1),
        null, Pos.UNKNOWN, Pos.UNKNOWN, Pos.UNKNOWN);
    Model m = new Model(c, req -> {
      chats.incrementAndGet();
      return new ModelResponse("real", List.of(), 1, 1, "stop");
    });
    ModelRequest req = new ModelRequest(List.of(ModelMessage.user("hi")), List.of(), null);
    CallStubs stubs = (kind, name, r) -> !kind.equals("model") ? Optional.empty()
        : r.toString().contains("fail") ? Optional.of(CallStubs.Answer.failed("rate_limited", "429"))
        : Optional.of(CallStubs.Answer.ok(Map.of("text", "stub", "tool_calls", List.of(Map.of("name", "send", "arguments", Map.of("to", "x"))))));
    ModelResponse r = m.call(req, ctx(stubs));
    assertThat(r.text()).isEqualTo("stub");
    assertThat(r.toolCalls()).singleElement().satisfies(tc -> {
      assertThat(tc.name()).isEqualTo("send");
      assertThat(tc.arguments()).isEqualTo("{\"to\":\"x\"}");
    });
    assertThatThrownBy(() -> m.call(new ModelRequest(List.of(ModelMessage.user("fail")), List.of(), null), ctx(stubs)))
        .isInstanceOf(ModelException.class).hasMessageContaining("429")
        .satisfies(e -> assertThat(((ModelException) e).kind()).isEqualTo("rate_limited"));
    assertThat(chats).hasValue(0);
    assertThat(m.call(req, ctx(CallStubs.NONE)).text()).isEqualTo("real");
    assertThat(chats).hasValue(1);
    assertThat(events).extracting(e -> e.get("kind")).containsExactly("model_call", "model_call", "model_call");
  }
}
