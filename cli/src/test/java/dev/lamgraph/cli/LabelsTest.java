package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void agesAreShort() {
    Instant now = Instant.parse("2025-01-02T03:04:05Z");
    assertThat(Labels.ago(now, now)).isEqualTo("just now");
    assertThat(Labels.ago(now.minusSeconds(42), now)).isEqualTo("42s ago");
    assertThat(Labels.ago(now.minusSeconds(3 * 60 + 59), now)).isEqualTo("3m ago");
    assertThat(Labels.ago(now.minusSeconds(5 * 3600), now)).isEqualTo("5h ago");
    assertThat(Labels.ago(now.minusSeconds(2 * 86400 + 5), now)).isEqualTo("2d ago");
    assertThat(Labels.ago(now.plusSeconds(10), now)).isEqualTo("just now");
  }
}
