package dev.lamgraph.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.model.ModelRecording;
import dev.lamgraph.nodes.testing.MockLlm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 (injected environment): two workflows compiled and run at the same time in one JVM, as
 * {@code lam serve} will, each with its own environment map and redactor. Neither reads the process
 * environment nor a process-wide switch, so neither leaks into the other: each resolves its own
 * {@code ${env:X}}, masks only its own secrets, records only when its own environment says so, and
 * sandboxes its shell tools as its own {@code LAM_SANDBOX} says.
 */
class TwoWorkflowsOneProcessTest {
  static final String KEY_A = "sk-alpha-4d1f9a7c0e22";
  static final String KEY_B = "sk-bravo-8e3c2b6d9f11";
  static final String TOKEN_A = "tok-alpha-51c8e0";
  static final String TOKEN_B = "tok-bravo-97a2d4";
  static final String WORKFLOW = """
      name: iso
      models:
        default: { provider: openai, model: m, base_url: "${env:URL}", api_key: "${env:KEY}", retry_backoff: 1ms }
      tools:
        host: { type: shell, command: [cat, /etc/hostname], allow: [cat], root: root }
        token: { type: shell, command: [printenv, TOKEN], allow: [printenv], root: root, env: { TOKEN: "${env:TOKEN}" } }
      state:
        said: { type: string }
        host: { type: any }
        token: { type: any }
      nodes:
        ask: { type: llm, prompt: "repeat what you know", output: said }
        look: { type: tool, tool: host, output: host }
        show: { type: tool, tool: token, output: token }
      edges:
        - { from: START, to: ask }
        - { from: ask, to: look }
        - { from: look, to: show }
        - { from: show, to: END }
      """;
  @TempDir Path dir;

  /** One workflow's session: its environment, its redactor, its store, and what its run left. */
  record Session(Map<String, String> env, Redactor secrets, MemoryStore store, RunResult result) {
    String events() {
      return Json.write(store.events(result.threadId()));
    }

    Map<?, ?> observation(String channel) {
      return (Map<?, ?>) result.state().get(channel);
    }
  }

  @Test
  void concurrentWorkflowsKeepTheirOwnEnvironmentSecretsRecordingAndSandbox() throws Exception {
    assumeTrue(bwrapOnPath(), "bubblewrap (bwrap) is not installed");
    Files.createDirectories(dir.resolve("root"));
    Path recording = dir.resolve("a.recording.json");
    try (MockLlm serverA = new MockLlm(); MockLlm serverB = new MockLlm()) {
      serverA.json(MockLlm.openAiText("A knows " + KEY_A + " and heard of " + KEY_B, 5, 5));
      serverB.json(MockLlm.openAiText("B knows " + KEY_B + " and heard of " + KEY_A, 5, 5));
      // what `lam run --record` does, for A only
      Map<String, String> envA = ModelRecording.recordTo(env(serverA, KEY_A, TOKEN_A, "none"), recording);
      Map<String, String> envB = env(serverB, KEY_B, TOKEN_B, "required");

      CyclicBarrier together = new CyclicBarrier(2); // both compile, then both run, at the same time
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Session a;
      Session b;
      try {
        Future<Session> fa = pool.submit(() -> session(envA, together));
        Future<Session> fb = pool.submit(() -> session(envB, together));
        a = fa.get(60, TimeUnit.SECONDS);
        b = fb.get(60, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
      }

      // each resolved its own ${env:...}: its own server, its own key, its own tool token
      assertThat(serverA.take().header("Authorization")).isEqualTo("Bearer " + KEY_A);
      assertThat(serverB.take().header("Authorization")).isEqualTo("Bearer " + KEY_B);
      assertThat(serverA.requests()).isEqualTo(1);
      assertThat(serverB.requests()).isEqualTo(1);
      assertThat(value(a.observation("token")).get("stdout")).isEqualTo(TOKEN_A + "\n");
      assertThat(value(b.observation("token")).get("stdout")).isEqualTo(TOKEN_B + "\n");

      // each masks its own secrets in its output, and only its own: the other's key is plain text to it
      assertThat(a.events()).contains("A knows *** and heard of " + KEY_B).doesNotContain(KEY_A).doesNotContain(TOKEN_A);
      assertThat(b.events()).contains("B knows *** and heard of " + KEY_A).doesNotContain(KEY_B).doesNotContain(TOKEN_B);
      assertThat(a.secrets().secretsIn(KEY_A + " " + TOKEN_A)).containsExactlyInAnyOrder(KEY_A, TOKEN_A);
      assertThat(a.secrets().secretsIn(KEY_B + " " + TOKEN_B)).isEmpty();
      assertThat(b.secrets().secretsIn(KEY_B + " " + TOKEN_B)).containsExactlyInAnyOrder(KEY_B, TOKEN_B);
      assertThat(b.secrets().secretsIn(KEY_A + " " + TOKEN_A)).isEmpty();
      // yet each run kept its exact values
      assertThat(a.result().state().get("said")).isEqualTo("A knows " + KEY_A + " and heard of " + KEY_B);

      // record mode was A's alone: B's call is not in A's file, and B wrote no file of its own
      String recorded = Files.readString(recording);
      assertThat(recorded).contains("A knows *** and heard of").doesNotContain("B knows").doesNotContain(KEY_A);
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("a.recording.json", "root");
      }

      // LAM_SANDBOX=none in A's environment leaves B sandboxed: only A's `cat /etc/hostname` sees the host's file
      assertThat(value(a.observation("host")).get("stdout")).isEqualTo(Files.readString(Path.of("/etc/hostname")));
      assertThat(a.observation("host").get("ok")).isEqualTo(true);
      assertThat(b.observation("host").get("ok")).isEqualTo(false);
      assertThat((String) b.observation("host").get("error")).contains("No such file");
    }
  }

  private Map<String, String> env(MockLlm server, String key, String token, String sandbox) {
    Map<String, String> env = new HashMap<>();
    env.put("URL", server.url("/v1"));
    env.put("KEY", key);
    env.put("TOKEN", token);
    env.put("LAM_SANDBOX", sandbox);
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    return env;
  }

  /** Compiles and runs the workflow in a session of its own, meeting the other thread before each phase. */
  private Session session(Map<String, String> env, CyclicBarrier together) throws Exception {
    Redactor secrets = new Redactor();
    MemoryStore store = new MemoryStore();
    together.await(30, TimeUnit.SECONDS);
    try (CompiledGraph g = Compiler.withDefaults(env, secrets).compileText("iso.yaml", WORKFLOW, dir);
        Runs runs = new Runs(store, RunOptions.defaults().withEnv(env).withRedactor(secrets))) {
      together.await(30, TimeUnit.SECONDS);
      RunResult r = runs.start(g, "t", Map.of());
      assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.DONE);
      return new Session(env, secrets, store, r);
    }
  }

  private static Map<?, ?> value(Map<?, ?> observation) {
    assertThat(observation.get("ok")).as(String.valueOf(observation.get("error"))).isEqualTo(true);
    return (Map<?, ?>) observation.get("value");
  }

  private static boolean bwrapOnPath() {
    for (String d : List.of("/usr/local/bin", "/usr/bin", "/bin")) {
      if (new File(d, "bwrap").canExecute()) return true;
    }
    return false;
  }
}
