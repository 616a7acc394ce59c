package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Progress lines are cut to $COLUMNS when it is a usable width, else to 120 columns. */
class TerminalWidthTest {
  private static int width(Map<String, String> env) {
    return Terminal.of(new StringWriter(), new StringWriter(), Path.of(""), env).width();
  }

  @Test
  void columnsIsUsedWhenItIsAWidthOfAtLeastForty() {
    assertThat(width(Map.of("COLUMNS", "80"))).isEqualTo(80);
    assertThat(width(Map.of("COLUMNS", " 200 "))).isEqualTo(200);
    assertThat(width(Map.of("COLUMNS", "40"))).isEqualTo(40);
  }

  @Test
  void aMissingNarrowOrMalformedColumnsFallsBackTo120() {
    assertThat(width(Map.of())).isEqualTo(Terminal.DEFAULT_WIDTH);
    assertThat(width(Map.of("COLUMNS", ""))).isEqualTo(120);
    assertThat(width(Map.of("COLUMNS", "39"))).isEqualTo(120);
    assertThat(width(Map.of("COLUMNS", "-80"))).isEqualTo(120);
    assertThat(width(Map.of("COLUMNS", "8O"))).isEqualTo(120);
    assertThat(width(Map.of("COLUMNS", "99999999999"))).isEqualTo(120);
  }
}
