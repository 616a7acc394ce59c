package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chat workflow over a {@code type: messages} channel through {@code lam run} and {@code lam resume}. */
class MessagesCommandTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void aConversationIsSeededAnsweredRepliedToAndAnsweredAgain() {
    Lam.Result r = Lam.run(dir, "run", Lam.workflow("chat.yaml"), "--input", "messages=[{\"role\":\"user\",\"content\":\"hi\"}]",
        "--thread", "c1");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.out()).contains("echo: hi");

    r = Lam.run(dir, "resume", "c1", "--input", "reply=\"and again\"", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    List<Map<String, Object>> msgs = (List<Map<String, Object>>) ExampleDir.state(r).get("messages");
    assertThat(msgs).extracting(m -> m.get("type")).containsExactly("human", "ai", "human", "ai");
    assertThat(msgs).extracting(m -> m.get("content")).containsExactly("hi", "echo: hi", "and again", "echo: and again");
    assertThat(msgs).allSatisfy(m -> assertThat((String) m.get("id")).isNotBlank());
  }

  @Test
  void aMessageOfAnUnknownTypeIsRefusedBeforeAnyThreadExists() {
    Lam.Result r = Lam.run(dir, "run", Lam.workflow("chat.yaml"), "--input", "messages=[{\"role\":\"wizard\",\"content\":\"hi\"}]");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("lam: error: input 'messages' has a message [0] of type 'wizard'");
    assertThat(Lam.run(dir, "runs").out()).doesNotContain("chat");
  }
}
