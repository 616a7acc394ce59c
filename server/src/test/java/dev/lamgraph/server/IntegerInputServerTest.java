package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (security review): {@code lam serve} run input {@code {"attempts": 1.5e300}} for an
 * {@code integer} channel ran with {@link Long#MAX_VALUE}. A number that is not whole, or is
 * outside the long range, is now a 422 naming the channel and the number, for run input and for
 * {@code POST /threads/{id}/state}; nothing is run or written. A whole number in range (98.0) is
 * the long it equals.
 */
class IntegerInputServerTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void aNumberThatIsNotAnIntegerIsA422AndNothingChanges() {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      TestServer.Reply big = s.post("/threads/" + t + "/runs/wait", Map.of("assistant_id", "counter", "input", Map.of("attempts", 1.5e300)));
      assertThat(big.status()).as(big.body()).isEqualTo(422);
      assertThat((String) big.map().get("detail")).contains("input 'attempts' is number 1.5E300 (outside the integer range"
          + " -2^63 to 2^63-1), but channel 'attempts' expects integer");
      TestServer.Reply digits = s.send("POST", "/threads/" + t + "/runs/wait",
          "{\"assistant_id\": \"counter\", \"input\": {\"attempts\": 99999999999999999999}}");
      assertThat(digits.status()).as(digits.body()).isEqualTo(422);
      assertThat((String) digits.map().get("detail")).contains("99999999999999999999", "out of range"); // refused as the body is read
      TestServer.Reply half = s.post("/threads/" + t + "/runs/wait", Map.of("assistant_id", "counter", "input", Map.of("attempts", 2.5)));
      assertThat(half.status()).as(half.body()).isEqualTo(422);
      assertThat((String) half.map().get("detail")).contains("input 'attempts' is number 2.5 (not a whole number)");
      assertThat(s.get("/threads/" + t + "/runs").list()).isEmpty();

      assertThat(s.post("/threads/" + t + "/runs/wait", Map.of("assistant_id", "counter", "input", Map.of("attempts", 98.0))).map())
          .containsEntry("attempts", 100L);
      TestServer.Reply edit = s.post("/threads/" + t + "/state", Map.of("values", Map.of("attempts", 1.5e300)));
      assertThat(edit.status()).as(edit.body()).isEqualTo(422);
      assertThat((String) edit.map().get("detail")).contains("'attempts'", "1.5E300", "outside the integer range");
      assertThat(edit.body()).doesNotContain("9223372036854775807", "Exception");
      assertThat(s.post("/threads/" + t + "/state", Map.of("values", Map.of("attempts", 0.5))).status()).isEqualTo(422);
      assertThat((Map<String, Object>) s.get("/threads/" + t + "/state").map().get("values")).containsEntry("attempts", 100L);
      assertThat(s.post("/threads/" + t + "/state", Map.of("values", Map.of("attempts", 7.0))).status()).isEqualTo(200);
      assertThat((Map<String, Object>) s.get("/threads/" + t + "/state").map().get("values")).containsEntry("attempts", 7L);
    }
  }
}
