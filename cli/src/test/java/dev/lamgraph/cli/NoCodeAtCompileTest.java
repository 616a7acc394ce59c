package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for "lam validate and lam diagram execute code" (issue 9 item 3): a {@code tools:}
 * entry {@code {type: mcp, command: [touch, FILE]}} ran at validate and diagram time. No command
 * that only reads a workflow (validate, diagram, nodes, schema, runs, state, history, trace) may
 * start it; a run starts it at the first call of one of its tools, and every command ends the
 * server it started before returning.
 */
class NoCodeAtCompileTest {
  @TempDir Path dir;

  /** The attack: the MCP "server" is {@code touch PWNED}; the tool node pauses before its first call. */
  private Path attack(Path pwned) throws IOException {
    return Files.writeString(dir.resolve("pwn.yaml"), """
        name: pwn
        tools:
          pwn: { type: mcp, command: [touch, "%s"], include: [x], startup_timeout: 2s, sandbox: none }
        state:
          obs: { type: list, reducer: append }
        nodes:
          call: { type: tool, tool: pwn_x, args: {}, output: obs, interrupt_before: true }
        edges: [ { from: START, to: call }, { from: call, to: END } ]
        """.formatted(pwned));
  }

  @Test
  void noInspectionCommandRunsTheMcpCommandOnlyARunsFirstCallDoes() throws IOException {
    Path pwned = dir.resolve("PWNED");
    Path flow = attack(pwned);
    Lam.Result validate = Lam.run(dir, "validate", flow);
    assertThat(pwned).as("lam validate ran the MCP command").doesNotExist();
    assertThat(validate.code()).as(validate.toString()).isEqualTo(0);
    assertThat(validate.out()).contains("warning[TOOL_ARGS_UNCHECKED]");
    assertThat(Lam.run(dir, "validate", "--json", flow).code()).isEqualTo(0);
    assertThat(Lam.run(dir, "diagram", flow).code()).isEqualTo(0);
    assertThat(Lam.run(dir, "diagram", flow, "-o", dir.resolve("d.html")).code()).isEqualTo(0);
    assertThat(Lam.run(dir, "nodes").code()).isEqualTo(0);
    assertThat(Lam.run(dir, "schema").code()).isEqualTo(0);
    assertThat(pwned).doesNotExist();

    Lam.Result run = Lam.run(dir, "run", flow, "--thread", "p1", "-q"); // pauses before the tool's first call
    assertThat(run.code()).as(run.toString()).isEqualTo(3);
    for (List<Object> cmd : List.<List<Object>>of(List.of("runs"), List.of("state", "p1"), List.of("state", "p1", "--json"),
        List.of("history", "p1"), List.of("trace", "p1"), List.of("trace", "p1", "--html", dir.resolve("t.html")),
        List.of("diagram", flow, "--run", "p1"))) {
      Lam.Result r = Lam.run(dir, cmd.toArray());
      assertThat(r.code()).as(cmd + ": " + r).isEqualTo(0);
    }
    assertThat(pwned).as("no command that compiles without calling the tool may start its server").doesNotExist();

    Lam.Result resume = Lam.run(dir, "resume", "p1", "-q", "--json"); // the run calls the tool: now the command runs
    assertThat(resume.code()).as(resume.toString()).isEqualTo(0);
    assertThat(resume.out()).contains("unavailable"); // touch is no MCP server: an observation, not a crash
    assertThat(pwned).exists();
  }

  @Test
  void aRunStartsTheRealServerAtItsFirstCallAndNoServerProcessOutlivesTheCommand() throws Exception {
    String js = serverEverything();
    Path flow = Files.writeString(dir.resolve("echo.yaml"), """
        name: echo
        tools:
          ev: { type: mcp, command: [node, "%s", stdio], include: [echo], timeout: 20s, sandbox: none }
        state:
          obs: { type: list, reducer: append }
        nodes:
          call: { type: tool, tool: ev_echo, args: { message: "'hello from lazy'" }, output: obs }
        edges: [ { from: START, to: call }, { from: call, to: END } ]
        """.formatted(js));
    assertThat(Lam.run(dir, "validate", flow).code()).isEqualTo(0);
    assertThat(servers(js)).isEmpty();
    Lam.Result run = Lam.run(dir, "run", flow, "--thread", "e1", "--json");
    assertThat(run.code()).as(run.toString()).isEqualTo(0);
    assertThat(run.out()).contains("hello from lazy"); // the server ran and answered
    assertThat(servers(js)).as("server processes left after lam run").isEmpty();
    Lam.Result fork = Lam.run(dir, "fork", "e1", "--from", "0", "--thread", "e2", "--json");
    assertThat(fork.code()).as(fork.toString()).isEqualTo(0);
    Lam.Result resume = Lam.run(dir, "resume", "e2", "--json");
    assertThat(resume.code()).as(resume.toString()).isEqualTo(0);
    assertThat(resume.out()).contains("hello from lazy");
    assertThat(servers(js)).as("server processes left after lam resume").isEmpty();
    Lam.Result replay = Lam.run(dir, "replay", "e1", "--json");
    assertThat(replay.code()).as(replay.toString()).isEqualTo(0);
    assertThat(servers(js)).as("server processes left after lam replay").isEmpty();
  }

  /** Live descendants of this JVM running {@code script}. */
  private static List<ProcessHandle> servers(String script) {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(script)).toList();
  }

  /** The npm server-everything the nodes module's MCP tests use, installed with npm ci on first use. */
  private static synchronized String serverEverything() throws IOException, InterruptedException {
    Path js = Lam.ROOT.resolve("nodes/src/test/js");
    Path script = js.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    if (!Files.exists(script)) {
      Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(js.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("npm ci failed in " + js + ":\n" + out);
    }
    return script.toString();
  }

  @Test
  void validateNeverContactsAnHttpMcpServer() {
    // an HTTP MCP server is not contacted while validating (before: MCP_START on a closed port); a run reaches it at its first call
    String flow = """
        name: web
        tools:
          web: { type: mcp, url: "http://127.0.0.1:9/mcp", include: [shout] }
        state: { x: { type: string } }
        nodes: { n: { type: set, set: { x: "'a'" } } }
        edges: [ { from: START, to: n }, { from: n, to: END } ]
        """;
    Path f = dir.resolve("web.yaml");
    try {
      Files.writeString(f, flow);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Lam.Result r = Lam.run(dir, "validate", f);
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).isEqualTo(f + ": ok\nchecked 1 file: 0 errors, 0 warnings\n");
  }

  @Test
  void validateAndDiagramOpenNoModelConnectionAndNoMemoryStore() throws Exception {
    try (java.net.ServerSocket model = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      model.setSoTimeout(300);
      Path flow = Files.writeString(dir.resolve("llm.yaml"), """
          name: llm
          models:
            local: { provider: ollama, model: llama3.2, base_url: "http://127.0.0.1:%d" }
          memory: { store: mem/memory.db }
          state:
            answer: { type: string, default: "" }
          nodes:
            ask: { type: llm, model: local, prompt: "Say hi", output: answer }
            keep: { type: memory, op: store, namespace: notes, id: "'a'", text: "state.answer" }
          edges: [ { from: START, to: ask }, { from: ask, to: keep }, { from: keep, to: END } ]
          """.formatted(model.getLocalPort()));
      Lam.Result v = Lam.run(dir, "validate", flow);
      assertThat(v.code()).as(v.toString()).isEqualTo(0);
      assertThat(Lam.run(dir, "diagram", flow).code()).isEqualTo(0);
      assertThatThrownBy(model::accept).as("a connection to the model server").isInstanceOf(java.net.SocketTimeoutException.class);
      assertThat(dir.resolve("mem")).doesNotExist();
    }
  }
}
