package dev.lamgraph.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.types.SimpleType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputRefsTest {
  @Test
  void keysReadByNameAreRecordedInEveryCopyOfTheEnvironment() throws Exception {
    CelEnv env = CelEnv.of(List.of());
    env.compile("int(input.max_retries) > 2 && has(input.again)");
    env.withVars(Map.of("item", SimpleType.DYN)).compile("input['topic'] + string(item)");
    assertThat(env.inputRefs().keys()).containsExactly("again", "max_retries", "topic");
    assertThat(env.inputRefs().open()).isFalse();
  }

  @Test
  void inputUsedAsAWholeOrByAComputedKeyOpensTheSet() throws Exception {
    for (String src : List.of("input", "size(input) > 0", "input['a' + 'b']", "'k' in input", "[1].map(x, input.a)")) {
      CelEnv env = CelEnv.of(List.of());
      env.compile(src);
      assertThat(env.inputRefs().open()).as(src).isEqualTo(!src.startsWith("[1]"));
    }
  }
}
