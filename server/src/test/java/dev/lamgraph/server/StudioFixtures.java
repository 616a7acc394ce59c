package dev.lamgraph.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** The studio tests' workflows (test resources under studio/) and a poll for a thread's page. */
final class StudioFixtures {
  private StudioFixtures() {}

  static void copy(String name, Path dir) {
    try (InputStream in = StudioFixtures.class.getResourceAsStream("/studio/" + name)) {
      if (in == null) throw new IllegalStateException("no test resource studio/" + name);
      Files.copy(in, dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code /studio/api/threads/ID} until {@code until} holds (2 minutes at most: a loaded machine is slow). */
  static Map<String, Object> poll(TestServer s, String thread, Predicate<Map<String, Object>> until) {
    long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Map<String, Object> last = null;
    while (System.nanoTime() < end) {
      TestServer.Reply r = s.get("/studio/api/threads/" + thread);
      if (r.status() == 200) {
        last = r.map();
        if (until.test(last)) return last;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("thread " + thread + " never got there; last seen: " + (last == null ? null : last.get("status")
        + " step " + last.get("step")));
  }
}
