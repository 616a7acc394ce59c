package dev.lamgraph.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CEL benchmark is kept runnable: a quick run prints a fast and a cel line per expression (no timing asserted). */
class ExprBenchmarkTest {
  @Test
  void quickRunPrintsBothPathsForEachExpression() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ExprBenchmark.run(new PrintStream(buf, true, StandardCharsets.UTF_8), true);
    List<Map<String, Object>> lines = buf.toString(StandardCharsets.UTF_8).lines().map(Json::readMap).toList();
    assertThat(lines).hasSize(6);
    assertThat(lines).extracting(l -> l.get("expr") + "/" + l.get("path")).containsExactlyInAnyOrder(
        ExprBenchmark.EXPRS.get(0) + "/fast", ExprBenchmark.EXPRS.get(0) + "/cel",
        ExprBenchmark.EXPRS.get(1) + "/fast", ExprBenchmark.EXPRS.get(1) + "/cel",
        ExprBenchmark.EXPRS.get(2) + "/fast", ExprBenchmark.EXPRS.get(2) + "/cel");
    assertThat(lines).allSatisfy(l -> assertThat(((Number) l.get("us_per_eval")).doubleValue()).isPositive());
  }
}
