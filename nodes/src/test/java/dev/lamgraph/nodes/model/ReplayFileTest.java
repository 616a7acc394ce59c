package dev.lamgraph.nodes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.util.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request keys are stable across what must not matter, and change with what must; replay order. */
class ReplayFileTest {
  static ModelConfig config(String model, Double temperature) {
    return new ModelConfig("default", "openai", model, null, null, temperature, 100, Duration.ofSeconds(5), 0,
        Duration.ofMillis(1), null, null, null, null);
  }

  static ModelRequest request(String callId, String args, String toolResult) {
    ModelMessage.ToolCall call = new ModelMessage.ToolCall(callId, "lookup", args);
    return new ModelRequest(List.of(ModelMessage.system("Be brief.\r\n"), ModelMessage.user("Where is A-7?"),
        ModelMessage.assistant(null, List.of(call)), ModelMessage.toolResult(call, toolResult)),
        List.of(new ToolSpec("lookup", "Finds orders", Map.of("type", "object"))), null);
  }

  static String key(ModelConfig c, ModelRequest r) {
    return RequestKey.hash(RequestKey.normalize(c, r));
  }

  @Test
  void theKeyIgnoresCallIdsJsonKeyOrderAndLineEndings() {
    String a = key(config("m", 0.0), request("call_1", "{\"id\":\"A-7\",\"full\":true}", "{\"ok\":true,\"value\":1}"));
    String b = key(config("m", 0.0), request("toolu_99", "{ \"full\": true, \"id\": \"A-7\" }", "{\"value\":1,\"ok\":true}"));
    assertThat(a).isEqualTo(b);
    // a change of this value means every committed replay file must be recorded again
    assertThat(a).isEqualTo("sha256:a127533a47e98601d583beb78ff1e29e7474356d22ccd27a92ce8fa5ca001c96");
  }

  @Test
  void theKeyChangesWithModelSettingsAndContent() {
    ModelRequest r = request("c", "{}", "{}");
    String base = key(config("m", 0.0), r);
    assertThat(key(config("other", 0.0), r)).isNotEqualTo(base);
    assertThat(key(config("m", 0.7), r)).isNotEqualTo(base);
    assertThat(key(config("m", 0.0), request("c", "{\"id\":1}", "{}"))).isNotEqualTo(base);
    assertThat(key(config("m", 0.0), new ModelRequest(r.messages(), r.tools(), Map.of("type", "object")))).isNotEqualTo(base);
  }

  @Test
  void sameRequestAnswersInRecordedOrderThenRepeatsTheLast(@TempDir Path tmp) {
    Path p = tmp.resolve("r.json");
    ReplayFile rec = ReplayFile.load(p, true);
    Map<String, Object> n = RequestKey.normalize(config("m", 0.0), request("c", "{}", "{}"));
    rec.record("k", n, new ModelResponse("first", List.of(), 1, 1, "stop"), new Redactor());
    rec.record("k", n, new ModelResponse("second", List.of(), 1, 2, "stop"), new Redactor());
    rec.record("k", n, new ModelResponse("second", List.of(), 1, 2, "stop"), new Redactor()); // the same pair again: not duplicated

    ReplayFile play = ReplayFile.load(p, false);
    assertThat(play.size()).isEqualTo(2);
    assertThat(play.answer("k").map(ModelResponse::text)).contains("first");
    assertThat(play.answer("k").map(ModelResponse::text)).contains("second");
    assertThat(play.answer("k").map(ModelResponse::text)).contains("second");
    assertThat(play.answer("other")).isEmpty();
  }

  @Test
  void aFileOfAnotherFormatIsRefusedWithItsName(@TempDir Path tmp) throws Exception {
    Path p = tmp.resolve("x.json");
    Files.writeString(p, "{\"pairs\": []}");
    assertThatThrownBy(() -> ReplayFile.load(p, false)).hasMessage("replay file " + p
        + " is not a lamgraph-replay/1 file (needs \"format\" and \"entries\")");
  }
}
