package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the `lam trace --html` page opens in real headless Chromium (Debian's, installed by
 * .ci/run) without console errors, Mermaid renders the diagram (an SVG with the node labels is in
 * the DOM), and a screenshot is taken.
 */
class HtmlPageChromiumIT {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LAM_CHROMIUM", "/usr/bin/chromium"));

  record Browser(int exit, String dom, String log) {}

  static Browser chromium(Path dir, Path page, String... extra) throws IOException, InterruptedException {
    return chromiumAt(dir, page.toUri().toString(), extra);
  }

  static Browser chromiumAt(Path dir, String url, String... extra) throws IOException, InterruptedException {
    assertThat(Files.isExecutable(CHROMIUM)).as("Chromium is needed for this test (apt-get install -y chromium; .ci/run"
        + " installs it)").isTrue();
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
        "--virtual-time-budget=15000", "--window-size=1280,1600"));
    cmd.addAll(List.of(extra));
    cmd.add(url);
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s");
    }
    return new Browser(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void traceHtmlRendersItsDiagramWithoutConsoleErrors(@TempDir Path dir) throws Exception {
    String store = "sqlite:" + dir.resolve("lam.db");
    Lam.Result run = Lam.run(dir, "run", Lam.COUNTER, "--store", store, "--json");
    assertThat(run.code()).as(run.toString()).isEqualTo(0);
    String thread = (String) run.json().get("thread");
    assertThat(Lam.run(dir, "trace", thread, "--store", store, "--html", "trace.html").code()).isEqualTo(0);
    Path page = dir.resolve("trace.html");

    Browser dom = chromium(dir, page, "--dump-dom");
    assertThat(dom.exit()).as(dom.log()).isEqualTo(0);
    assertThat(dom.dom()).as("Mermaid replaced the diagram text with an SVG").contains("<svg")
        .contains("aria-roledescription=\"flowchart-v2\"").contains("tool ×100").contains("review");
    assertThat(dom.dom()).contains("<h2>Timeline</h2>").contains("totals: 201 steps").contains("<h2>Legend</h2>")
        .contains("<tr class=\"st-ok\" id=\"tl-1\">").contains("<span class=\"bar\" style=\"left:");
    Browser linked = chromiumAt(dir, page.toUri() + "#step-2", "--dump-dom");
    assertThat(linked.dom()).as("a node's link opens its first step").contains("<details id=\"step-2\" open=\"\">");
    List<String> consoleErrors = dom.log().lines()
        .filter(l -> l.contains("CONSOLE") && (l.contains("Uncaught") || l.contains("rror"))).toList();
    assertThat(consoleErrors).as("console errors").isEmpty();

    Path png = dir.resolve("trace.png");
    Browser shot = chromium(dir, page, "--screenshot=" + png);
    assertThat(shot.exit()).as(shot.log()).isEqualTo(0);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).as("a real screenshot, not an empty page").isGreaterThan(20_000);
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    Path keep = Path.of("target/screenshots");
    Files.createDirectories(keep);
    Files.copy(png, keep.resolve("trace.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
