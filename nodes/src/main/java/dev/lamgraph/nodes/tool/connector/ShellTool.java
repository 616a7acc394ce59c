package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.tool.ConfiguredTool;
import dev.lamgraph.nodes.tool.Placeholders;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One {@code shell} tool. The argv comes from {@link ShellArgv} (no option injection, paths
 * confined to the root) and runs under the tool's {@link Sandbox} (bubblewrap when available) with
 * a cleared environment; output beyond {@code max_output} is cut and flagged. The value is {@code
 * {exit_code, stdout, stderr}} (+ {@code truncated}); an exit code not in {@code ok_exit_codes} is
 * an {@code exit_status} failure.
 */
final class ShellTool extends ConfiguredTool {
  record Settings(ShellArgv argv, String cwd, Map<String, String> env, String path, long maxOutput, Set<Long> okExitCodes,
      boolean jsonStdout, Sandbox sandbox, List<Path> readOnlyPaths, boolean network) {}

  private final Settings s;

  ShellTool(ToolDeclaration d, String schema, Settings s) {
    super(d, schema);
    this.s = s;
  }

  @Override
  public Object call(Map<String, Object> args, ToolCall call) throws Exception {
    Confinement root = s.argv().root();
    Path dir = s.cwd() == null ? root.realRoot() : root.existing(Placeholders.fill(s.cwd(), args, UnaryOperator.identity()));
    if (!Files.isDirectory(dir)) throw ToolException.of("invalid_arguments", "cwd '" + dir.getFileName() + "' is not a directory");
    List<String> argv = s.argv().build(args, dir, name());
    List<Path> readOnly = new ArrayList<>(s.readOnlyPaths());
    readOnly.add(0, root.realRoot());
    List<Path> writable = s.argv().writable() ? List.of(root.realRoot()) : List.of();
    ProcessBuilder pb = new ProcessBuilder(s.sandbox().wrap(argv, new Sandbox.Binds(readOnly, writable, dir, s.network(), List.of())))
        .directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.clear(); // the caller's environment (API keys...) is not handed to tools; in bwrap, values stay off its command line
    env.put("PATH", s.path());
    env.put("HOME", dir.toString());
    env.put("LANG", "C.UTF-8");
    env.putAll(s.env());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw ToolException.of("error", "cannot start '" + argv.get(0) + "': " + e.getMessage());
    }
    p.getOutputStream().close(); // no stdin
    CompletableFuture<Capture> out = capture(p.getInputStream());
    CompletableFuture<Capture> err = capture(p.getErrorStream());
    long deadline = System.nanoTime() + timeout().toNanos();
    try {
      while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
        boolean late = System.nanoTime() > deadline;
        if (late || call.cancelled()) {
          killTree(p);
          throw ToolException.of(ToolException.TIMEOUT, "'" + argv.get(0) + "' was killed "
              + (late ? "after " + timeout().toMillis() + " ms" : "(the call was cancelled)"));
        }
      }
    } catch (InterruptedException e) {
      killTree(p);
      throw e;
    }
    Capture o = out.get(5, TimeUnit.SECONDS);
    Capture e = err.get(5, TimeUnit.SECONDS);
    long code = p.exitValue();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("exit_code", code);
    v.put("stdout", o.text());
    v.put("stderr", e.text());
    if (o.truncated() || e.truncated()) v.put("truncated", true);
    if (s.sandbox().bwrap() != null && code == 1 && e.text().startsWith("bwrap: ")) {
      throw ToolException.of("sandbox", "the OS sandbox (bwrap) could not start '" + argv.get(0) + "': "
          + e.text().strip().lines().findFirst().orElse("") + "; fix bubblewrap or set sandbox: none");
    }
    if (!s.okExitCodes().contains(code)) {
      String tail = e.text().strip();
      if (tail.isEmpty()) tail = o.text().strip();
      if (tail.length() > 500) tail = "…" + tail.substring(tail.length() - 500);
      throw ToolException.of("exit_status", "'" + argv.get(0) + "' exited with " + code + (tail.isEmpty() ? "" : ": " + tail));
    }
    if (s.jsonStdout()) {
      try {
        v.put("json", Json.read(o.text()));
      } catch (IllegalArgumentException bad) {
        throw ToolException.of("bad_output", "'" + argv.get(0) + "' did not print JSON: " + bad.getMessage());
      }
    }
    return v;
  }

  /**
   * Kills {@code p} and every process under it (on timeout, or when the node is stopped by the
   * run's deadline). The root goes first so it starts no more children; each descendant's own
   * children are listed before it dies (once dead, they would be re-parented out of the tree).
   */
  static void killTree(Process p) {
    List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
    p.destroyForcibly();
    for (int i = 0; i < tree.size(); i++) {
      ProcessHandle h = tree.get(i);
      h.descendants().filter(d -> !tree.contains(d)).forEach(tree::add);
      h.destroyForcibly();
    }
    try {
      p.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Capture(String text, boolean truncated) {}

  private CompletableFuture<Capture> capture(InputStream in) {
    CompletableFuture<Capture> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      boolean cut = false;
      byte[] chunk = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(chunk)) > 0) {
          long room = s.maxOutput() - buf.size();
          if (room > 0) buf.write(chunk, 0, (int) Math.min(room, n));
          if (n > room) cut = true; // keep draining so the process never blocks on a full pipe
        }
      } catch (IOException e) {
        // the stream closes when the process is killed
      }
      f.complete(new Capture(buf.toString(StandardCharsets.UTF_8), cut));
    }, "lam-shell-output");
    t.setDaemon(true);
    t.start();
    return f;
  }
}
