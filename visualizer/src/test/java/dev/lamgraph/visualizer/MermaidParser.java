package dev.lamgraph.visualizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real Mermaid parser (npm {@code mermaid} under node + jsdom, see
 * {@code src/test/js/mermaid-check.mjs}) over diagram files. Installs the pinned npm packages on
 * first use ({@code npm ci}). Never skips: without node or npm the tests fail, saying why.
 */
final class MermaidParser {
  static final Path JS = Path.of("src/test/js").toAbsolutePath();

  private MermaidParser() {}

  /** Parses every file; returns file -> error for the ones Mermaid rejects (empty = all parse). */
  static synchronized Map<Path, String> parse(List<Path> files) throws IOException, InterruptedException {
    ensureInstalled();
    List<String> cmd = new ArrayList<>(List.of("node", JS.resolve("mermaid-check.mjs").toString()));
    files.forEach(f -> cmd.add(f.toAbsolutePath().toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("mermaid parser timed out");
    }
    Map<Path, String> failures = new LinkedHashMap<>();
    int ok = 0;
    for (String line : out.lines().toList()) {
      if (line.startsWith("ok ")) ok++;
      if (line.startsWith("FAIL ")) {
        int colon = line.indexOf(": ", 5);
        failures.put(Path.of(line.substring(5, colon < 0 ? line.length() : colon)), colon < 0 ? line : line.substring(colon + 2));
      }
    }
    if (ok + failures.size() != files.size()) {
      throw new IllegalStateException("mermaid parser did not report on every file (exit " + p.exitValue() + "):\n" + out);
    }
    return failures;
  }

  private static void ensureInstalled() throws IOException, InterruptedException {
    if (Files.isDirectory(JS.resolve("node_modules/mermaid")) && Files.isDirectory(JS.resolve("node_modules/jsdom"))) return;
    Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(JS.toFile())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException("npm ci failed in " + JS + ":\n" + out);
  }
}
