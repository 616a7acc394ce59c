package dev.lamgraph.nodes.tool.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The attacker of {@link FileToolAttackTest}: makes two names under the tool's root trade places
 * as fast as it can until halted, then leaves them where they started. Uses
 * {@code renameat2(RENAME_EXCHANGE)} from python3 (exchange-swap.py: both names always exist);
 * where that cannot run, a directory and a link are swapped by a loop of four renames in a thread
 * (the names are briefly missing in between), and other pairs skip the test.
 */
interface SwapAttacker {
  void halt() throws Exception;

  /** How many times the two names traded places. */
  long swaps();

  /** Starts swapping {@code x} and {@code y}; {@code work} holds the script and the stop file. */
  static SwapAttacker start(Path work, Path x, Path y) throws Exception {
    Path script = work.resolve("exchange-swap.py");
    try (var in = SwapAttacker.class.getResourceAsStream("exchange-swap.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    Path stop = work.resolve("stop");
    Files.deleteIfExists(stop);
    Process p;
    BufferedReader out = null;
    try {
      p = new ProcessBuilder("python3", script.toString(), x.toString(), y.toString(), stop.toString())
          .redirectErrorStream(true).start();
      // it says "ready" once it has swapped (the race is on, however slow the machine), else why it cannot
      out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      if (!"ready".equals(out.readLine())) {
        p.waitFor(30, TimeUnit.SECONDS);
        p = null;
      }
    } catch (IOException noPython) {
      p = null;
    }
    if (p == null) { // no python3, or no renameat2 (old kernel or libc)
      assumeTrue(Files.isDirectory(x, LinkOption.NOFOLLOW_LINKS) && Files.isSymbolicLink(y),
          "python3 with renameat2 is needed for this attack");
      RenameLoop loop = new RenameLoop(x, y);
      loop.start();
      assertThat(loop.swapping.await(1, TimeUnit.MINUTES)).as("the rename loop swaps").isTrue();
      return loop;
    }
    Process proc = p;
    BufferedReader lines = out;
    return new SwapAttacker() {
      long swaps;

      @Override
      public void halt() throws Exception {
        Files.createFile(stop);
        if (!proc.waitFor(30, TimeUnit.SECONDS)) proc.destroyForcibly();
        String rest = lines.lines().collect(java.util.stream.Collectors.joining("\n")).strip();
        assertThat(rest).as("exchange attacker output").matches("[0-9]+");
        swaps = Long.parseLong(rest);
      }

      @Override
      public long swaps() {
        return swaps;
      }
    };
  }

  /** The fallback: directory {@code dir} and link {@code link} trade places by four renames. */
  final class RenameLoop extends Thread implements SwapAttacker {
    private final Path dir;
    private final Path link;
    private volatile boolean stop;
    private volatile long swaps;
    final CountDownLatch swapping = new CountDownLatch(1);

    RenameLoop(Path dir, Path link) {
      this.dir = dir;
      this.link = link;
      setDaemon(true);
    }

    @Override
    public void run() {
      Path real = dir.resolveSibling(".real");
      while (!stop) {
        move(dir, real);
        move(link, dir);
        move(dir, link);
        move(real, dir);
        swaps += 2;
        swapping.countDown();
      }
    }

    @Override
    public void halt() throws InterruptedException {
      stop = true;
      join(10_000);
    }

    @Override
    public long swaps() {
      return swaps;
    }

    /** A rename; when the tool recreated the target in the gap, that directory is moved aside first. */
    private void move(Path from, Path to) {
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
          return;
        } catch (IOException e) {
          try {
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(to)) {
              Files.move(to, to.resolveSibling("junk-" + System.nanoTime()), StandardCopyOption.ATOMIC_MOVE);
            }
          } catch (IOException ignored) {
            // retried
          }
        }
      }
      throw new IllegalStateException("swapper could not move " + from + " to " + to);
    }
  }
}
