package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeAndCancelCommandTest {
  @TempDir Path dir;

  @Test
  void serveRefusesBadOptionsWithAOneLineUsageError() {
    String store = "sqlite:" + dir.resolve("lam.db");
    Lam.Result open = Lam.run(dir, "serve", Lam.COUNTER, "--host", "0.0.0.0", "--store", store);
    assertThat(open.code()).isEqualTo(2);
    assertThat(open.err()).contains("lam: error: binding 0.0.0.0 (not loopback) needs a bearer token: --token-env NAME");
    Lam.Result noToken = Lam.run(dir, "serve", Lam.COUNTER, "--token-env", "NOPE", "--store", store);
    assertThat(noToken.code()).isEqualTo(2);
    assertThat(noToken.err()).contains("--token-env NOPE: the variable is not set");
    Lam.Result workers = Lam.run(dir, "serve", Lam.COUNTER, "--workers", "0", "--store", store);
    assertThat(workers.code()).isEqualTo(2);
    assertThat(workers.err()).contains("needs a PostgreSQL store");
    Lam.Result missing = Lam.run(dir, "serve", "no-such-folder", "--store", store);
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file or folder: no-such-folder").doesNotContain("Exception");
    Lam.Result wildcard = Lam.run(dir, "serve", Lam.COUNTER, "--webhook-allow", "*.example.com", "--store", store);
    assertThat(wildcard.code()).isEqualTo(2);
    assertThat(wildcard.err()).contains("lam: error: --webhook-allow *.example.com: expected HOST or HOST:PORT (an exact name, no wildcard)");
    Lam.Result privateOnly = Lam.run(dir, "serve", Lam.COUNTER, "--webhook-allow-private", "--store", store);
    assertThat(privateOnly.code()).isEqualTo(2);
    assertThat(privateOnly.err()).contains("--webhook-allow-private needs --webhook-allow HOST[:PORT]");
    Lam.Result help = Lam.run(dir, "serve", "--help");
    assertThat(help.out()).contains("--webhook-allow=HOST[:PORT]").contains("--webhook-allow-private");
  }

  @Test
  void cancelEndsAPausedThreadAsCancelledVisibleInLamRuns() {
    String store = "sqlite:" + dir.resolve("lam.db");
    Lam.Result paused = Lam.run(dir, "run", Lam.workflow("human.yaml"), "--thread", "t-1", "--store", store);
    assertThat(paused.code()).as(paused.toString()).isEqualTo(3);
    Lam.Result cancel = Lam.run(dir, "cancel", "t-1", "--store", store);
    assertThat(cancel.code()).as(cancel.toString()).isEqualTo(0);
    assertThat(cancel.out()).contains("cancelled thread t-1").contains("was paused");
    Lam.Result runs = Lam.run(dir, "runs", "--store", store, "--json");
    assertThat(runs.out()).contains("\"cancelled\"");
    Lam.Result again = Lam.run(dir, "cancel", "t-1", "--store", store);
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("thread 't-1' is cancelled; only a paused or running thread can be cancelled");
    Lam.Result resume = Lam.run(dir, "resume", "t-1", "--store", store);
    assertThat(resume.out() + resume.err()).contains("cancelled");
    Lam.Result trace = Lam.run(dir, "trace", "t-1", "--store", store, "--json");
    assertThat(trace.out()).contains("run_cancelled");
    Lam.Result none = Lam.runWithEnv(dir, Map.of(), "cancel", "nope", "--store", store);
    assertThat(none.code()).isEqualTo(2);
  }
}
