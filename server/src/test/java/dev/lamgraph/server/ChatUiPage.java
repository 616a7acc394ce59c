package dev.lamgraph.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The useStream chat page of {@code src/test/js/chat-ui} (React 19 and the SDK's {@code useStream},
 * bundled by esbuild into {@code target/chat-ui}), served from its own loopback origin as
 * agent-chat-ui is served beside a LangGraph server: the page calls the API across origins (CORS).
 */
final class ChatUiPage implements AutoCloseable {
  static final Path SRC = Path.of("src/test/js/chat-ui").toAbsolutePath();
  static final Path OUT = Path.of("target/chat-ui").toAbsolutePath();

  private static boolean built;
  private final HttpServer server;

  ChatUiPage() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", x -> {
      String name = x.getRequestURI().getPath().equals("/") ? "index.html" : x.getRequestURI().getPath().substring(1);
      Path f = OUT.resolve(name).normalize();
      if (!f.startsWith(OUT) || !Files.isRegularFile(f)) {
        x.sendResponseHeaders(404, -1);
        x.close();
        return;
      }
      byte[] body = Files.readAllBytes(f);
      x.getResponseHeaders().add("Content-Type", name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8");
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    server.start();
  }

  /** The page's origin, to give {@code lam serve} as its {@code --cors}. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The page's address for a server and an assistant, optionally on a thread. */
  String url(String apiUrl, String assistantId, String threadId) {
    return origin() + "/?apiUrl=" + apiUrl + "&assistantId=" + assistantId + (threadId == null ? "" : "&threadId=" + threadId);
  }

  /** {@code npm ci} (when its packages are not installed yet), then the esbuild bundle into {@link #OUT} (once per JVM). */
  static synchronized void build() throws IOException, InterruptedException {
    if (!Files.isDirectory(SRC.resolve("node_modules/@langchain/langgraph-sdk")) || !Files.isDirectory(SRC.resolve("node_modules/react-dom"))) {
      run("npm", "ci", "--no-audit", "--no-fund");
    }
    if (!built) run("node", "build.mjs", OUT.toString()); // once per test JVM: the sources may have changed
    built = true;
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(SRC.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed in " + SRC + " (node and npm are needed):\n" + out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** A headless Chromium (Debian's, through its chromedriver) that keeps the browser console's entries. */
  static ChromeDriver chromium() {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(StudioBrowserTest.CHROMIUM.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900",
        "--disable-background-networking", "--disable-component-update", "--no-first-run");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(StudioBrowserTest.DRIVER.toFile())
        .usingAnyFreePort().build();
    return new ChromeDriver(service, o);
  }

  /** Errors the page shows (its {@code #errors} list), uncaught page errors, and SEVERE console entries. */
  static List<String> errors(ChromeDriver browser) {
    List<String> out = new ArrayList<>();
    for (WebElement e : browser.findElements(By.cssSelector("#errors li"))) out.add("shown: " + e.getText());
    Object uncaught = browser.executeScript("return window.__pageErrors || []");
    for (Object o : (List<?>) uncaught) out.add("uncaught: " + o);
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) out.add("console: " + e.getMessage());
    }
    return out;
  }

  static void requireNode() {
    try {
      if (new ProcessBuilder("node", "--version").start().waitFor() != 0) throw new IllegalStateException("node --version failed");
    } catch (IOException e) {
      throw new UncheckedIOException("node is needed (apt-get install nodejs npm; .ci/run does)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
