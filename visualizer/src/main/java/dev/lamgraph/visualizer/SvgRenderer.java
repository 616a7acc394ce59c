package dev.lamgraph.visualizer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders Mermaid to SVG with the Mermaid CLI ({@code mmdc}) driving Debian's Chromium, offline.
 * {@code mmdc} is looked up in {@code LAM_MMDC}, then on the PATH; Chromium in {@code
 * LAM_CHROMIUM}, then {@code /usr/bin/chromium}. When either is missing, {@link #render} fails with
 * a message saying what to install.
 */
public final class SvgRenderer {
  private final Map<String, String> env;

  public SvgRenderer(Map<String, String> env) {
    this.env = env;
  }

  /** Why SVG cannot be rendered here, or empty when it can. */
  public Optional<String> unavailable() {
    if (mmdc().isEmpty()) {
      return Optional.of("SVG export needs the Mermaid CLI: `PUPPETEER_SKIP_DOWNLOAD=1 npm install -g @mermaid-js/mermaid-cli`"
          + " (or set LAM_MMDC to its mmdc); .mmd, .md and .html need nothing");
    }
    if (chromium().isEmpty()) {
      return Optional.of("SVG export needs Chromium: `apt-get install -y chromium` (or set LAM_CHROMIUM)");
    }
    return Optional.empty();
  }

  /** Renders {@code mermaid} into {@code out}; throws IOException with mmdc's output on failure. */
  public void render(String mermaid, Path out) throws IOException, InterruptedException {
    Optional<String> why = unavailable();
    if (why.isPresent()) throw new IOException(why.get());
    Path dir = Files.createTempDirectory("lam-svg");
    try {
      Path in = dir.resolve("diagram.mmd");
      Path config = dir.resolve("puppeteer.json");
      Files.writeString(in, mermaid, StandardCharsets.UTF_8);
      Files.writeString(config, "{\"executablePath\":\"" + chromium().get().toString().replace("\\", "\\\\")
          + "\",\"args\":[\"--no-sandbox\",\"--headless=new\",\"--disable-gpu\",\"--disable-background-networking\"]}");
      Process p = new ProcessBuilder(List.of(mmdc().get().toString(), "-q", "-i", in.toString(), "-o",
          out.toAbsolutePath().toString(), "-p", config.toString()))
          .redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("mmdc did not finish within 120 s");
      }
      if (p.exitValue() != 0 || !Files.exists(out)) throw new IOException("mmdc failed (exit " + p.exitValue() + "): " + log.strip());
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  Optional<Path> mmdc() {
    String explicit = env.get("LAM_MMDC");
    if (explicit != null) return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
    return onPath("mmdc");
  }

  Optional<Path> chromium() {
    String explicit = env.get("LAM_CHROMIUM");
    if (explicit != null) return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
    return Optional.of(Path.of("/usr/bin/chromium")).filter(Files::isExecutable).or(() -> onPath("chromium"));
  }

  private Optional<Path> onPath(String name) {
    String path = env.getOrDefault("PATH", "");
    for (String d : path.split(File.pathSeparator)) {
      if (d.isEmpty()) continue;
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }
}
