package dev.lamgraph.nodes.toolnode;

import static dev.lamgraph.nodes.tool.ToolFixtures.codes;
import static dev.lamgraph.nodes.tool.ToolFixtures.diagnostics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.tool.ToolFixtures;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compile-time checks of type: tool nodes: tools, arguments against schemas, channels, modes. */
class ToolNodeCheckTest {
  static final String JAVA = "dev.lamgraph.nodes.tool.connector.JavaToolTest$";

  static String workflow(String node) {
    return """
        name: t
        tools:
          add:
            type: java
            class: "%1$sAdd"
            parameters:
              type: object
              required: [a, b]
              additionalProperties: false
              properties: { a: { type: number }, b: { type: number } }
          plus: { type: java, class: "%1$sAdd" }
          slow: { type: java, class: "%1$sSlow", timeout: 300ms }
        state:
          n: { type: integer, default: 1 }
          name: { type: string }
          obs: { type: list, reducer: append }
          log: { type: string }
          plan: { type: list }
          steps: { type: list, reducer: append }
          idx: { type: integer, default: 0 }
        nodes:
          call: %2$s
        edges: [ { from: START, to: call }, { from: call, to: END } ]
        """.formatted(JAVA, node);
  }

  static List<String> check(String node) {
    return codes(diagnostics(workflow(node), Path.of("."), Map.of()));
  }

  @Test
  void validNodesCompile() {
    assertThat(check("{ type: tool, tool: add, args: { a: \"state.n\", b: 2.5 }, output: obs }")).isEmpty();
    assertThat(check("{ type: tool, plan: plan, cursor: idx, allow: [add], output: obs }")).isEmpty();
    assertThat(check("{ type: tool, plan: plan, output: obs, save: { name: \"string(result)\" } }")).isEmpty();
  }

  @Test
  void aRetryWithoutFailOnErrorWarnsUnlessTheNodesOwnTimeoutCanTriggerIt() {
    assertThat(warnings("{ type: tool, tool: add, args: { a: 1, b: 2 }, output: obs, retry: { max_attempts: 3, on: [error] } }"))
        .singleElement().asString().startsWith("RETRY_NEVER_FIRES node 'call' has a retry");
    // a node timeout fails the node whatever fail_on_error says, so a retry on timeout can fire
    assertThat(warnings("{ type: tool, tool: add, args: { a: 1, b: 2 }, output: obs, timeout: 5s,"
        + " retry: { max_attempts: 3, on: [timeout] } }")).isEmpty();
    assertThat(warnings("{ type: tool, tool: add, args: { a: 1, b: 2 }, output: obs, timeout: 5s,"
        + " retry: { max_attempts: 3, on: [error] } }")).singleElement().asString().startsWith("RETRY_NEVER_FIRES");
  }

  /** Every diagnostic, warnings too (check() sees only errors). */
  private static List<String> warnings(String node) {
    return codes(ToolFixtures.compiler(Map.of()).checkText("t.yaml", workflow(node)));
  }

  @Test
  void unknownToolsListTheKnownOnes() {
    assertThat(check("{ type: tool, tool: ad }"))
        .containsExactly("UNKNOWN_TOOL node 'call' calls unknown tool 'ad'; known: add, plus, slow; did you mean 'add'?");
    assertThat(check("{ type: tool, plan: plan, cursor: idx, allow: [add, sloww] }"))
        .containsExactly("UNKNOWN_TOOL node 'call' allows unknown tool 'sloww'; known: add, plus, slow; did you mean 'slow'?");
  }

  @Test
  void argumentsAreCheckedAgainstTheToolsSchema() {
    assertThat(check("{ type: tool, tool: add, args: { a: 1, c: 2 } }")).containsExactlyInAnyOrder(
        "TOOL_ARG_UNKNOWN node 'call': tool 'add' has no parameter 'c'; parameters: a, b",
        "TOOL_ARG_MISSING node 'call': tool 'add' needs argument 'b'; given: a, c");
    assertThat(check("{ type: tool, tool: add, args: { a: \"state.name\", b: true } }")).containsExactlyInAnyOrder(
        "TOOL_ARG_TYPE node 'call': tool 'add' parameter 'a' expects number, got `state.name` (string)",
        "TOOL_ARG_TYPE node 'call': tool 'add' parameter 'b' expects number, got true (boolean)");
    assertThat(check("{ type: tool, tool: add, args: { a: \"state.nme\", b: 1 } }"))
        .singleElement().asString().startsWith("EXPR_COMPILE node 'call' args.a: `state.nme` does not compile");
  }

  @Test
  void argumentsOfAToolWhoseSchemaComesFromItsClassAreCheckedAtTheFirstCallAndValidationSaysSo() {
    // `plus` has no parameters: in YAML: its schema is the class's, which compiling does not create (no user code runs)
    List<String> d = codes(ToolFixtures.compiler(Map.of()).checkText("t.yaml", workflow("{ type: tool, tool: plus, args: { a: 1, c: 2 } }")));
    assertThat(d).containsExactly("TOOL_ARGS_UNCHECKED node 'call': the arguments of tool 'plus' are checked at its first call in a run:"
        + " its schema comes from its MCP server or Java class, which compiling does not start (a java tool with parameters: is"
        + " checked now)");
  }

  @Test
  void channelsAreChecked() {
    assertThat(check("{ type: tool, tool: add, args: { a: 1, b: 2 }, output: nope }"))
        .containsExactly("UNKNOWN_CHANNEL node 'call' output: unknown channel 'nope'; declared: n, name, obs, log, plan, steps, idx");
    assertThat(check("{ type: tool, tool: add, args: { a: 1, b: 2 }, output: log }")).singleElement().asString()
        .startsWith("OUTPUT_CHANNEL node 'call' output: channel 'log' (string, reducer replace) cannot hold an object");
    assertThat(check("{ type: tool, plan: name }")).singleElement().asString()
        .isEqualTo("OUTPUT_CHANNEL node 'call': plan channel 'name' is string; it must be a list");
    assertThat(check("{ type: tool, plan: steps }")).singleElement().asString()
        .startsWith("OUTPUT_CHANNEL node 'call' pops steps from 'steps', so its reducer must be replace");
    assertThat(check("{ type: tool, plan: plan, cursor: name }")).singleElement().asString()
        .startsWith("OUTPUT_CHANNEL");
    assertThat(check("{ type: tool, tool: add, args: { a: 1, b: 2 }, save: { nope: \"result\", n: \"result +\" } }"))
        .hasSize(2).anySatisfy(d -> assertThat(d).startsWith("UNKNOWN_CHANNEL node 'call' save: unknown channel 'nope'"))
        .anySatisfy(d -> assertThat(d).startsWith("EXPR_COMPILE node 'call' save.n"));
  }

  @Test
  void exactlyOneModeAndNoToolsSection() {
    assertThat(check("{ type: tool, tool: add, plan: plan, args: { a: 1, b: 2 } }"))
        .contains("TOOL_NODE_MODE node 'call' needs exactly one of tool: (a fixed call) or plan: (the next step of a plan)");
    assertThat(check("{ type: tool, tool: add, cursor: idx, args: { a: 1, b: 2 } }"))
        .containsExactly("TOOL_NODE_MODE node 'call': cursor: applies to plan: nodes only");
    String noTools = workflow("{ type: tool, tool: add }").replaceAll("(?s)tools:.*?state:", "state:");
    assertThat(codes(diagnostics(noTools, Path.of("."), Map.of())))
        .containsExactly("NO_TOOLS node 'call' (type tool) needs a tools: section; the workflow has none");
  }
}
