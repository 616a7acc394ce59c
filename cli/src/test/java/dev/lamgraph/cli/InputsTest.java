package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class InputsTest {
  @Test
  void valuesAreJsonWhenTheyParse() {
    assertThat(Inputs.value("3")).isEqualTo(3L);
    assertThat(Inputs.value("-2.5")).isEqualTo(-2.5);
    assertThat(Inputs.value("true")).isEqualTo(true);
    assertThat(Inputs.value("[1, \"a\"]")).isEqualTo(List.of(1L, "a"));
    assertThat(Inputs.value("{\"a\": {\"b\": null}}")).isEqualTo(Map.of("a", java.util.Collections.singletonMap("b", null)));
    assertThat(Inputs.value("\"3\"")).isEqualTo("3");
  }

  @Test
  void otherValuesArePlainStrings() {
    assertThat(Inputs.value("cats")).isEqualTo("cats");
    assertThat(Inputs.value("3 cats")).isEqualTo("3 cats");
    assertThat(Inputs.value("[1, 2")).isEqualTo("[1, 2");
    assertThat(Inputs.value("true story")).isEqualTo("true story");
    assertThat(Inputs.value("")).isEqualTo("");
    assertThat(Inputs.value("a=b")).isEqualTo("a=b");
  }

  @Test
  void pairsSplitAtTheFirstEquals() {
    assertThat(Inputs.parsePair("q=a=b")).isEqualTo(new Inputs.Pair("q", "a=b"));
    assertThat(Inputs.parsePair("n=")).isEqualTo(new Inputs.Pair("n", ""));
    assertThatThrownBy(() -> Inputs.parsePair("n")).isInstanceOf(TypeConversionException.class).hasMessageContaining("KEY=VALUE");
    assertThatThrownBy(() -> Inputs.parsePair("=1")).isInstanceOf(TypeConversionException.class).hasMessageContaining("empty key");
  }
}
