package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The SDK's React hook {@code useStream} (what agent-chat-ui is built on) in a real headless
 * Chromium against a {@link LamServer}: the page of {@code src/test/js/chat-ui} (React 19, the
 * SDK 1.15.0, bundled by esbuild) served from its own origin, the server allowing it with CORS as
 * {@code lam serve --cors} does. Models answer from {@link StreamingLlm} (a local OpenAI-compatible
 * server that streams), so the answer is rendered token by token over {@code messages-tuple}; a
 * human node is the interrupt the page shows and answers with {@code command.resume}. Screenshots
 * go to {@code target/chat-ui-screenshots}. Skipped (with the reason) only outside CI when Chromium,
 * its driver or node is not installed.
 */
class UseStreamBrowserTest {
  static final Path SHOTS = Path.of("target/chat-ui-screenshots");
  static final List<String> PIECES = List.of("Hello", ", I am ", "lamgraph, ", "answering ", "token ", "by ", "token.");
  static final String ANSWER = String.join("", PIECES);

  @TempDir Path dir;
  StreamingLlm llm;
  StreamingLlm slowLlm;
  ChatUiPage page;
  TestServer server;
  ChromeDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void start() throws Exception {
    boolean installed = Files.isExecutable(StudioBrowserTest.CHROMIUM) && Files.isExecutable(StudioBrowserTest.DRIVER)
        && Files.isExecutable(Path.of("/usr/bin/node"));
    if (!installed && System.getenv("CI") == null) {
      Assumptions.abort("needs chromium, chromium-driver and node (apt-get install chromium chromium-driver nodejs npm; .ci/run does)");
    }
    ChatUiPage.requireNode();
    ChatUiPage.build();
    Files.createDirectories(SHOTS);
    llm = new StreamingLlm(PIECES, 120);
    slowLlm = new StreamingLlm(PIECES, 700);
    page = new ChatUiPage();
    Files.writeString(dir.resolve("talk.yaml"), StreamingLlm.chatWorkflow("talk"));
    Files.writeString(dir.resolve("slow-talk.yaml"), StreamingLlm.chatWorkflow("slow-talk").replace("LLM_URL", "SLOW_LLM_URL")
        .replace("  - { from: answer, to: END }", "  - { from: answer, to: after }\n  - { from: after, to: END }")
        .replace("nodes:\n", "nodes:\n  after: { type: set, set: { messages: \"[{'type': 'ai', 'content': 'and one more thing'}]\" } }\n"));
    Files.copy(Path.of("src/test/resources/chat-ui/confirm.yaml"), dir.resolve("confirm.yaml"));
    server = new TestServer(dir, ServerOptions.defaults().withCors(List.of(page.origin())), "memory:",
        Map.of("LLM_URL", llm.url(), "SLOW_LLM_URL", slowLlm.url(), "LLM_KEY", "sk-chat-ui-0123456789"));
    browser = ChatUiPage.chromium();
    wait = new WebDriverWait(browser, Duration.ofSeconds(60)); // generous: a loaded machine is slow
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  @AfterEach
  void stop(TestInfo info) throws IOException {
    if (slowLlm != null) slowLlm.release(); // never leave a stream held, even when the test failed
    if (browser != null) {
      shot("last-" + info.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
      browser.quit();
    }
    if (server != null) server.close();
    if (page != null) page.close();
    if (llm != null) llm.close();
    if (slowLlm != null) slowLlm.close();
  }

  @Test
  void chatTokenByTokenThenANewThreadThenReloadKeepsTheFirst() throws IOException {
    String api = server.server.url();
    browser.get(page.url(api, "talk", null));
    say("hi there");
    // the answer grows on the page while the model writes it, then stays as the committed message
    wait.until(d -> texts().equals(List.of("human: hi there", "ai: " + ANSWER)) && !loading());
    List<String> seen = aiTextsSeen();
    assertThat(seen).as("the AI message as rendered, in order").last().isEqualTo(ANSWER);
    assertThat(seen.stream().filter(t -> !t.equals(ANSWER) && ANSWER.startsWith(t)).count()).as("partial answers rendered: " + seen)
        .isGreaterThanOrEqualTo(3);
    assertThat(llm.prompts.get(0)).as("the model got the typed text, not the content blocks' JSON")
        .isEqualTo(List.of(Map.of("role", "system", "content", "You are terse."), Map.of("role", "user", "content", "hi there")));
    String first = app().getAttribute("data-thread");
    assertThat(first).isNotEmpty();
    assertThat(browser.getCurrentUrl()).contains("threadId=" + first);
    shot("1-first-answer");

    // a second turn on the same thread
    say("and again");
    wait.until(d -> texts().size() == 4 && !loading());
    assertThat(texts()).containsExactly("human: hi there", "ai: " + ANSWER, "human: and again", "ai: " + ANSWER);

    // a new thread: empty, then its own conversation; both listed
    browser.findElement(By.id("new-thread")).click();
    wait.until(d -> texts().isEmpty() && app().getAttribute("data-thread").isEmpty());
    say("second thread");
    wait.until(d -> texts().equals(List.of("human: second thread", "ai: " + ANSWER)) && !loading());
    String second = app().getAttribute("data-thread");
    assertThat(second).isNotEqualTo(first);
    wait.until(d -> d.findElements(By.cssSelector("#threads button.thread")).size() == 2);
    wait.until(d -> threadLabels().equals(List.of("second thread (idle)", "hi there (idle)"))); // newest first, by first message
    shot("2-second-thread");

    // switch back from the list, then reload: the first thread's messages come from the server
    browser.findElement(By.cssSelector("#threads button.thread[data-id='" + first + "']")).click();
    wait.until(d -> texts().size() == 4);
    browser.navigate().refresh();
    wait.until(d -> texts().size() == 4 && !loading());
    assertThat(texts()).containsExactly("human: hi there", "ai: " + ANSWER, "human: and again", "ai: " + ANSWER);
    assertThat(app().getAttribute("data-thread")).isEqualTo(first);
    shot("3-reloaded");
    assertThat(pageErrors()).isEmpty();
  }

  @Test
  void aServerWithATokenTakesTheApiKeyAcrossOrigins() throws IOException {
    server.close();
    server = new TestServer(dir, ServerOptions.defaults().withCors(List.of(page.origin())).withToken("chat-ui-token-0123456789"),
        "memory:", Map.of("LLM_URL", llm.url(), "SLOW_LLM_URL", slowLlm.url(), "LLM_KEY", "sk-chat-ui-0123456789"));
    browser.get(page.url(server.server.url(), "talk", null) + "&apiKey=chat-ui-token-0123456789");
    say("hello");
    wait.until(d -> texts().equals(List.of("human: hello", "ai: " + ANSWER)) && !loading());
    wait.until(d -> threadLabels().equals(List.of("hello (idle)")));
    browser.navigate().refresh();
    wait.until(d -> texts().size() == 2 && !loading());
    assertThat(pageErrors()).isEmpty();
  }

  @Test
  void anInterruptIsShownAndResumed() throws IOException {
    browser.get(page.url(server.server.url(), "confirm", null));
    say("draft a reply");
    WebElement prompt = wait.until(d -> d.findElement(By.id("interrupt-prompt")));
    assertThat(prompt.getText()).isEqualTo("Send this answer?");
    wait.until(d -> !loading());
    assertThat(texts()).containsExactly("human: draft a reply", "ai: " + ANSWER);
    shot("4-interrupt");
    // back on the thread later: the question comes from the thread's state (its task's interrupts), and is answered from there
    browser.navigate().refresh();
    wait.until(d -> texts().size() == 2 && !loading() && !d.findElements(By.id("interrupt-prompt")).isEmpty());
    assertThat(browser.findElement(By.id("interrupt-prompt")).getText()).isEqualTo("Send this answer?");
    assertThat(threadLabels()).containsExactly("draft a reply (interrupted)");
    browser.findElement(By.id("interrupt-answer")).sendKeys("looks good");
    browser.findElement(By.id("approve")).click();
    wait.until(d -> d.findElements(By.id("interrupt")).isEmpty() && texts().size() == 3 && !loading());
    assertThat(texts()).containsExactly("human: draft a reply", "ai: " + ANSWER, "ai: Sent: looks good");
    browser.navigate().refresh();
    wait.until(d -> texts().size() == 3 && !loading());
    assertThat(browser.findElements(By.id("interrupt"))).isEmpty();
    shot("5-resumed");
    assertThat(pageErrors()).isEmpty();
  }

  @Test
  void regenerateForksABranchTheUserCanSwitch() throws IOException {
    browser.get(page.url(server.server.url(), "talk", null));
    say("hi");
    wait.until(d -> texts().equals(List.of("human: hi", "ai: " + ANSWER)) && !loading());
    llm.answer(List.of("Another ", "answer."));
    wait.until(d -> d.findElement(By.cssSelector("#messages li.ai button.regenerate"))).click();
    // the new answer replaces the old one on the page; both are branches after the same human message
    wait.until(d -> !loading() && texts().equals(List.of("human: hi", "ai: Another answer.")));
    WebElement branches = wait.until(d -> d.findElement(By.cssSelector("#messages li.ai .branches")));
    assertThat(branches.getAttribute("data-count")).isEqualTo("2");
    assertThat(branches.getAttribute("data-at")).isEqualTo("1");
    shot("6-regenerated");
    branches.findElement(By.className("prev-branch")).click();
    wait.until(d -> texts().equals(List.of("human: hi", "ai: " + ANSWER)));
    wait.until(d -> d.findElement(By.cssSelector("#messages li.ai .branches")).getAttribute("data-at").equals("0"));
    browser.findElement(By.cssSelector("#messages li.ai .next-branch")).click();
    wait.until(d -> texts().equals(List.of("human: hi", "ai: Another answer.")));
    // a turn after the regenerated answer continues that branch, also after a reload
    say("next");
    wait.until(d -> texts().size() == 4 && !loading());
    browser.navigate().refresh();
    wait.until(d -> texts().equals(List.of("human: hi", "ai: Another answer.", "human: next", "ai: Another answer.")) && !loading());
    shot("7-after-branch");
    assertThat(pageErrors()).isEmpty();
  }

  @Test
  void editingAMessageForksABranch() throws IOException {
    browser.get(page.url(server.server.url(), "talk", null));
    say("first");
    wait.until(d -> texts().size() == 2 && !loading());
    say("second");
    wait.until(d -> texts().size() == 4 && !loading());
    List<WebElement> humans = browser.findElements(By.cssSelector("#messages li.human"));
    humans.get(1).findElement(By.className("edit")).click();
    WebElement text = wait.until(d -> d.findElement(By.cssSelector("#messages li.human .edit-text")));
    text.clear();
    text.sendKeys("second, edited");
    browser.findElement(By.cssSelector("#messages li.human .save-edit")).click();
    wait.until(d -> !loading() && texts().equals(List.of("human: first", "ai: " + ANSWER, "human: second, edited", "ai: " + ANSWER)));
    WebElement branches = wait.until(d -> d.findElement(By.cssSelector("#messages li.human .branches")));
    assertThat(branches.getAttribute("data-count")).isEqualTo("2");
    shot("8-edited");
    branches.findElement(By.className("prev-branch")).click();
    wait.until(d -> texts().equals(List.of("human: first", "ai: " + ANSWER, "human: second", "ai: " + ANSWER)));
    assertThat(llm.prompts).hasSize(3);
    assertThat(llm.prompts.get(2).toString()).contains("second, edited").doesNotContain("content=second}");
    // the first message too: a branch from the thread's root
    browser.findElements(By.cssSelector("#messages li.human")).get(0).findElement(By.className("edit")).click();
    text = wait.until(d -> d.findElement(By.cssSelector("#messages li.human .edit-text")));
    text.clear();
    text.sendKeys("first, edited");
    browser.findElement(By.cssSelector("#messages li.human .save-edit")).click();
    wait.until(d -> !loading() && texts().equals(List.of("human: first, edited", "ai: " + ANSWER)));
    assertThat(browser.findElement(By.cssSelector("#messages li.human .branches")).getAttribute("data-count")).isEqualTo("2");
    browser.navigate().refresh();
    wait.until(d -> !loading() && texts().equals(List.of("human: first, edited", "ai: " + ANSWER)));
    assertThat(pageErrors()).isEmpty();
  }

  @Test
  void stopCancelsTheRunWhenTheStreamIsNotResumable() throws Exception {
    browser.get(page.url(server.server.url(), "slow-talk", null) + "&resumable=0");
    slowLlm.hold(); // the model waits after its first piece: the run is certainly mid-answer when stopped
    say("take your time");
    wait.until(d -> aiTextsSeen().size() >= 1 && loading());
    browser.findElement(By.id("stop")).click();
    wait.until(d -> !loading());
    slowLlm.release(); // the server sees the stream gone at its next write, long before the answer ends
    String thread = app().getAttribute("data-thread");
    TestServer.Reply runs = waitForRun(thread);
    assertThat(runs.list().get(0)).containsEntry("status", "interrupted"); // cancelled at the step boundary: 'after' never ran
    browser.navigate().refresh();
    wait.until(d -> texts().size() == 2 && !loading());
    assertThat(texts()).containsExactly("human: take your time", "ai: " + ANSWER);
    shot("9-stopped");
    assertThat(pageErrors()).isEmpty();
  }

  @Test
  void stopOnAResumableStreamLeavesTheRunGoingAsAgentChatUiDoes() throws Exception {
    browser.get(page.url(server.server.url(), "slow-talk", null)); // streamResumable: true, as agent-chat-ui submits
    slowLlm.hold(); // the model waits after its first piece: the run is certainly mid-answer when stopped
    say("keep going");
    wait.until(d -> aiTextsSeen().size() >= 1 && loading());
    browser.findElement(By.id("stop")).click();
    wait.until(d -> !loading());
    slowLlm.release();
    String thread = app().getAttribute("data-thread");
    assertThat(waitForRun(thread).list().get(0)).containsEntry("status", "success");
    browser.navigate().refresh();
    wait.until(d -> texts().size() == 3 && !loading());
    assertThat(texts()).containsExactly("human: keep going", "ai: " + ANSWER, "ai: and one more thing");
    assertThat(pageErrors()).isEmpty();
  }

  private TestServer.Reply waitForRun(String thread) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      TestServer.Reply r = server.get("/threads/" + thread + "/runs");
      Object status = r.list().isEmpty() ? null : r.list().get(0).get("status");
      if (!"running".equals(status) && !"pending".equals(status) || System.nanoTime() > end) return r;
      Thread.sleep(100);
    }
  }

  private void say(String text) {
    WebElement input = wait.until(d -> d.findElement(By.id("input")));
    input.sendKeys(text);
    wait.until(d -> d.findElement(By.id("send"))).click();
  }

  private WebElement app() {
    return browser.findElement(By.id("app"));
  }

  private boolean loading() {
    return "true".equals(app().getAttribute("data-loading"));
  }

  private List<String> threadLabels() {
    return browser.findElements(By.cssSelector("#threads button.thread")).stream().map(WebElement::getText).toList();
  }

  private List<String> texts() {
    List<String> out = new ArrayList<>();
    for (WebElement m : browser.findElements(By.cssSelector("#messages li.message"))) {
      out.add(m.getAttribute("data-type") + ": " + m.findElement(By.className("text")).getText());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private List<String> aiTextsSeen() {
    Object v = ((JavascriptExecutor) browser).executeScript("return window.__aiTexts || []");
    return (List<String>) v;
  }

  private List<String> pageErrors() {
    return ChatUiPage.errors(browser);
  }

  private void shot(String name) throws IOException {
    Path f = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(f, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
