package dev.lamgraph.server;

import static dev.lamgraph.server.StudioFixtures.copy;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio in a real headless Chromium (Debian's chromium + chromium-driver, driven by Selenium)
 * against a {@link LamServer} on a free port: start a run from the form, watch the live diagram
 * (the running node) reach the human node, answer it, see the run finish, fork from a checkpoint
 * with an edit, see a run continued elsewhere redrawn over SSE; approve an interrupt with a state
 * update and reject at the human node; cancel a running run and resume it; sign in on a server with
 * a token (the form, then a run started and answered with the session cookie); no console errors in
 * any of them. Screenshots (one per stage, and the page each test left) go to
 * {@code target/studio-screenshots}. Skipped (with the reason) only outside CI when Chromium or
 * its driver is not installed.
 */
class StudioBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target/studio-screenshots");

  @TempDir Path dir;
  TestServer server;
  ChromeDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void start() throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!installed && System.getenv("CI") == null) {
      Assumptions.abort("needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver; .ci/run does)");
    }
    assertThat(installed).as("CI must have chromium and chromium-driver (see .ci/run)").isTrue();
    Files.createDirectories(SHOTS);
    copy("approval.yaml", dir);
    copy("review.yaml", dir);
    server = TestServer.start(dir);
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, o);
    wait = new WebDriverWait(browser, Duration.ofSeconds(60)); // generous: a loaded machine is slow
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // a page redrawn while it is read
  }

  @AfterEach
  void stop(org.junit.jupiter.api.TestInfo info) throws IOException {
    GateType.open("review-rest"); // never left closed for the next test, even when this one failed
    if (browser != null) {
      shot("last-" + info.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test")); // the page as the test left it
      browser.quit();
    }
    if (server != null) server.close();
  }

  @Test
  void startAnswerFinishAndForkARunFromTheBrowser() throws IOException {
    String url = server.server.url();
    browser.get(url + "/");
    WebElement card = wait.until(d -> d.findElement(By.cssSelector("#workflows .workflow[data-name='review'] a")));
    card.click();
    wait.until(d -> d.findElements(By.cssSelector("#diagram svg")).size() == 1);
    assertThat(browser.findElement(By.id("diagnostics")).getText()).isEqualTo("No diagnostics.");
    assertThat(browser.findElement(By.id("schema")).getText()).contains("\"topic\"");
    shot("1-workflow");

    browser.findElement(By.id("input-target")).sendKeys("12");
    browser.findElement(By.id("input-topic")).sendKeys("the <b>studio</b>");
    GateType.close("review-rest"); // the run waits at its first rest until the page has shown it running
    browser.findElement(By.id("start-run")).click();
    wait.until(d -> d.getCurrentUrl().contains("#/thread/"));
    String thread = browser.getCurrentUrl().replaceAll(".*#/thread/", "");

    // the live diagram: the run goes on while the page watches (the node running now drawn as such),
    // then reaches the human node: paused there, the loop drawn with its visit counts
    wait.until(d -> "running".equals(diagram().getAttribute("data-status")) && !d.findElements(By.cssSelector("#diagram svg g.node.current")).isEmpty());
    long seenAt = Long.parseLong(diagram().getAttribute("data-step"));
    shot("2-running");
    GateType.open("review-rest");
    wait.until(d -> "approve".equals(diagram().getAttribute("data-paused")));
    assertThat(Long.parseLong(diagram().getAttribute("data-step"))).isGreaterThan(seenAt);
    wait.until(d -> !d.findElements(By.cssSelector("#diagram svg g.node.paused")).isEmpty());
    assertThat(browser.findElement(By.cssSelector("#status [data-status]")).getText()).isEqualTo("paused");
    assertThat(diagram().getText()).contains("count ×12").contains("rest ×12");
    assertThat(browser.findElement(By.id("prompt")).getText()).isEqualTo("Carry out [\"check the <b>studio</b>\",\"ship the <b>studio</b>\"]?");
    assertThat(browser.findElements(By.cssSelector("#prompt b"))).isEmpty(); // text, not markup
    shot("2-paused-at-human-node");
    diagramShot("2-diagram-paused");

    // answer it from the form generated from the node's schema
    // (the form is final once the run that paused has handed the thread back: its buttons are enabled)
    WebElement approve = wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
    browser.findElement(By.id("answer-comment")).sendKeys("ship it");
    approve.click();
    wait.until(d -> "done".equals(diagram().getAttribute("data-status")) && "".equals(diagram().getAttribute("data-active")));
    wait.until(d -> d.findElements(By.id("pending")).isEmpty());
    assertThat(browser.findElements(By.cssSelector("#timeline tr.event[data-kind='run_finished']"))).hasSize(1);
    assertThat(browser.findElements(By.cssSelector("#timeline tr.event[data-kind='node_succeeded'][data-node='act']"))).hasSize(1);
    WebElement last = browser.findElements(By.cssSelector("#checkpoints details.checkpoint")).get(0);
    last.findElement(By.tagName("summary")).click();
    assertThat(last.findElement(By.cssSelector(".state")).getText()).contains("acted on 2 steps").contains("ship it");
    shot("3-done");
    diagramShot("3-diagram-done");

    // fork from the checkpoint after 'draft' (step 25: 12 rounds of count and rest, then draft) with an edited plan
    WebElement draft = wait.until(d -> d.findElement(By.cssSelector("#checkpoints details.checkpoint[data-step='25']")));
    draft.findElement(By.tagName("summary")).click();
    assertThat(draft.findElement(By.cssSelector("table.diff")).getText()).contains("plan").contains("added");
    draft.findElement(By.cssSelector(".fork-edits")).sendKeys("{\"plan\": [\"only one\"]}");
    draft.findElement(By.cssSelector("button.fork")).click();
    wait.until(d -> d.getCurrentUrl().contains("#/thread/") && !d.getCurrentUrl().endsWith(thread));
    String fork = java.net.URLDecoder.decode(browser.getCurrentUrl().replaceAll(".*#/thread/", ""), java.nio.charset.StandardCharsets.UTF_8);
    wait.until(d -> "approve".equals(diagram().getAttribute("data-paused")) && "".equals(diagram().getAttribute("data-active")));
    assertThat(browser.findElement(By.id("prompt")).getText()).isEqualTo("Carry out [\"only one\"]?");
    WebElement edit = browser.findElement(By.cssSelector("#checkpoints details.checkpoint[data-step='26']"));
    assertThat(edit.findElement(By.tagName("summary")).getText()).contains("__fork__");
    shot("4-fork-paused");

    // a run continued elsewhere (here: over HTTP) is redrawn live over SSE, no reload
    Object before = ((JavascriptExecutor) browser).executeScript("return window.performance.getEntriesByType('navigation').length");
    assertThat(fork).isEqualTo(thread + ":2"); // the LangGraph thread's next link
    TestServer.Reply r = server.post("/threads/" + thread + "/runs", Map.of("command", Map.of("resume", Map.of("approved", false))));
    assertThat(r.status()).isEqualTo(200);
    wait.until(d -> "done".equals(diagram().getAttribute("data-status")));
    assertThat(browser.findElement(By.id("live")).getText()).isEqualTo("live");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.performance.getEntriesByType('navigation').length"))
        .isEqualTo(before);
    shot("5-fork-done-live");

    // the threads page, filtered
    browser.get(url + "/#/threads?status=done");
    wait.until(d -> d.findElements(By.cssSelector("#threads tr.thread")).size() == 2);
    new Select(browser.findElement(By.id("filter-status"))).selectByValue("paused");
    wait.until(d -> d.findElements(By.cssSelector("#threads tr.thread")).isEmpty());
    shot("6-threads");

    assertThat(consoleErrors()).isEmpty();
  }

  @Test
  void approveAnInterruptThenRejectAtTheHumanNode() throws IOException {
    browser.get(server.server.url() + "/#/workflow/approval");
    wait.until(d -> d.findElements(By.cssSelector("#diagram svg")).size() == 1);
    browser.findElement(By.cssSelector("#interrupt-before input[data-node='draft']")).click();
    browser.findElement(By.id("start-run")).click();
    wait.until(d -> "draft".equals(diagram().getAttribute("data-paused")));
    assertThat(browser.findElement(By.cssSelector("#pending h3")).getText()).isEqualTo("Interrupted before node draft");
    shot("7-interrupt-before-draft");
    WebElement go = wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
    browser.findElement(By.id("interrupt-update")).sendKeys("{\"topic\": \"edited\"}");
    go.click();
    wait.until(d -> "approve".equals(diagram().getAttribute("data-paused")));
    assertThat(browser.findElement(By.id("prompt")).getText()).isEqualTo("Carry out [\"check edited\",\"ship edited\"]?");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("reject"))).click();
    wait.until(d -> "done".equals(diagram().getAttribute("data-status")));
    WebElement last = browser.findElements(By.cssSelector("#checkpoints details.checkpoint")).get(0);
    last.findElement(By.tagName("summary")).click();
    assertThat(last.findElement(By.cssSelector(".state")).getText()).contains("\"stopped\"").contains("\"approved\": false");
    shot("8-rejected-done");
    assertThat(consoleErrors()).isEmpty();
  }

  @Test
  void cancelARunningRunThenResumeIt() throws IOException {
    browser.get(server.server.url() + "/#/workflow/review");
    wait.until(d -> d.findElements(By.cssSelector("#diagram svg")).size() == 1);
    browser.findElement(By.id("input-target")).sendKeys("1000");
    browser.findElement(By.id("start-run")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("cancel"))).click();
    wait.until(d -> "cancelled".equals(diagram().getAttribute("data-status")) && "".equals(diagram().getAttribute("data-active")));
    assertThat(browser.findElements(By.id("cancel"))).isEmpty();
    long stoppedAt = Long.parseLong(diagram().getAttribute("data-step"));
    shot("9-cancelled");
    // resume: a cancelled LangGraph thread goes on from its last step in its next link
    wait.until(ExpectedConditions.elementToBeClickable(By.id("resume"))).click();
    wait.until(d -> d.getCurrentUrl().endsWith("%3A2") || d.getCurrentUrl().endsWith(":2"));
    wait.until(d -> "running".equals(diagram().getAttribute("data-status"))
        && Long.parseLong(diagram().getAttribute("data-step")) > stoppedAt);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("cancel"))).click();
    wait.until(d -> "cancelled".equals(diagram().getAttribute("data-status")));
    shot("10-resumed-then-cancelled");
    assertThat(consoleErrors()).isEmpty();
  }

  @Test
  void signInWithTheTokenThenRunAWorkflow() throws IOException {
    server.close();
    server = new TestServer(dir, ServerOptions.defaults().withToken("s3cret-browser-token"), "memory:", Map.of());
    browser.get(server.server.url() + "/#/workflow/approval");
    WebElement token = wait.until(d -> d.findElement(By.cssSelector("#signin #signin-token")));
    assertThat(browser.findElements(By.cssSelector("#diagram"))).isEmpty();
    assertThat(browser.findElement(By.id("signout")).isDisplayed()).isFalse();
    shot("11-sign-in");
    token.sendKeys("s3cret-browser-token");
    browser.findElement(By.id("signin-submit")).click();
    wait.until(d -> d.findElements(By.cssSelector("#diagram svg")).size() == 1);
    assertThat(browser.findElement(By.id("signout")).isDisplayed()).isTrue();
    assertThat(((JavascriptExecutor) browser).executeScript("return document.cookie")).isEqualTo(""); // HttpOnly
    browser.findElement(By.id("start-run")).click();
    wait.until(d -> "approve".equals(diagram().getAttribute("data-paused")));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click(); // a cookie-signed POST from the page
    wait.until(d -> "done".equals(diagram().getAttribute("data-status")));
    shot("12-signed-in-run-done");
    browser.get(server.server.url() + "/#/");
    wait.until(d -> d.findElements(By.cssSelector("#workflows .workflow[data-name='review']")).size() == 1);
    browser.findElement(By.id("signout")).click();
    wait.until(d -> d.findElements(By.id("signin-token")).size() == 1);
    assertThat(consoleErrors()).isEmpty();
  }

  private WebElement diagram() {
    return browser.findElement(By.id("diagram"));
  }

  private List<String> consoleErrors() {
    List<String> out = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) out.add(e.getLevel() + " " + e.getMessage());
    }
    return out;
  }

  private void diagramShot(String name) throws IOException {
    Path png = diagram().getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private void shot(String name) throws IOException {
    Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
