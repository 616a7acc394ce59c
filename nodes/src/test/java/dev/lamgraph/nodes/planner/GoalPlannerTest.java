package dev.lamgraph.nodes.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.tool.Tool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GoalPlannerTest {
  record T(String name, Set<String> needs, Set<String> gives) implements Tool {
    @Override public String description() { return name; }
    @Override public String parametersSchema() { return "{\"type\":\"object\"}"; }
    @Override public Object call(Map<String, Object> args, ToolCall call) { return null; }
  }

  static final List<Tool> TOOLS = List.of(
      new T("list_mail", Set.of("mail_dir"), Set.of("emails")),
      new T("extract", Set.of("emails"), Set.of("invoice")),
      new T("check_totals", Set.of("invoice"), Set.of("totals_ok")),
      new T("draft_reply", Set.of("invoice", "totals_ok"), Set.of("reply")),
      new T("slow_reply", Set.of("emails"), Set.of("reply_slow")),
      new T("ocr", Set.of("scan"), Set.of("invoice")));

  @Test
  void findsTheShortestChainInDependencyOrder() {
    Optional<List<String>> plan = GoalPlanner.plan(TOOLS, Set.of("mail_dir"), Set.of("reply"));
    assertThat(plan).contains(List.of("list_mail", "extract", "check_totals", "draft_reply"));
  }

  @Test
  void knownKeysShortenThePlanAndUnreachableGoalsGiveNone() {
    assertThat(GoalPlanner.plan(TOOLS, Set.of("invoice"), Set.of("reply"))).contains(List.of("check_totals", "draft_reply"));
    assertThat(GoalPlanner.plan(TOOLS, Set.of("reply"), Set.of("reply"))).contains(List.of());
    assertThat(GoalPlanner.plan(TOOLS, Set.of("nothing"), Set.of("reply"))).isEmpty();
    // an alternative producer (ocr) is not used when its input is absent
    assertThat(GoalPlanner.plan(TOOLS, Set.of("mail_dir"), Set.of("invoice"))).contains(List.of("list_mail", "extract"));
    assertThat(GoalPlanner.plan(TOOLS, Set.of("scan", "mail_dir"), Set.of("invoice"))).contains(List.of("ocr"));
  }
}
