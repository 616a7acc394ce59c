package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.registry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the file tool that the path checks alone did not stop (issue 9, item 6): a directory
 * under the root swapped for a symbolic link to an outside directory while the tool reads and
 * writes through it, and a hard link inside the root to an outside file.
 *
 * <p>Measured before the fix, on the shared 2-core machine (load ~20), with the path-checking
 * FileTool and the renameat2 attacker below: 3,000 write/read/list rounds wrote 4 files outside
 * the root, read the outside file 9 times and listed the outside directory 8 times (the probe
 * that filed the issue saw 322 writes and 811 reads out of 3,000 on a quieter machine). After:
 * 0, 0 and 0, with ~20% of the calls still succeeding (the others are refused while the link is
 * in place). The control in the race test runs that same check-then-use algorithm
 * ({@link Confinement#writable}/{@link Confinement#existing}, then open by path) so the test
 * proves the attack still lands on the machine running it. The attacker is {@link SwapAttacker}.
 */
class FileToolAttackTest {
  static final int PAIRS = 3000;
  static final long MAX_NANOS = 5_000_000_000L;
  static final String SECRET = "OUTSIDE SECRET";
  static final String OUTSIDE_ONLY = "only-outside.txt";

  @TempDir Path dir;
  Path root;
  Path outside;

  @BeforeEach
  void layout() throws Exception {
    root = Files.createDirectories(dir.resolve("root"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("sub/r.txt"), "inside");
    Files.writeString(outside.resolve("r.txt"), SECRET);
    Files.writeString(outside.resolve(OUTSIDE_ONLY), SECRET);
    Files.createSymbolicLink(root.resolve("swap"), outside);
  }

  @Test
  void aDirectorySwappedForALinkMidCallNeverLetsTheToolOut() throws Exception {
    Outcome control = race((i, op) -> switch (op) {
      case WRITE -> oldWrite("sub/w" + i + ".txt");
      case READ -> oldRead("sub/r.txt");
      case LIST -> oldList("sub");
    }, 5, 2 * MAX_NANOS);
    assertThat(control.escapes()).as("control (check-then-use by path) escaped: %s", control).isPositive();
    clearOutside();

    // max_entries: the listing sorts first, and "only-outside.txt" sorts before r.txt and the w*.txt files
    try (ToolRegistry r = registry("  fs: { type: file, root: ./root, operations: [read, write, list], max_entries: 3 }", dir)) {
      Outcome tool = race((i, op) -> {
        ToolResult res = r.call("fs", switch (op) {
          case WRITE -> Map.of("operation", "write", "path", "sub/w" + i + ".txt", "content", "w");
          case READ -> Map.of("operation", "read", "path", "sub/r.txt");
          case LIST -> Map.of("operation", "list", "path", "sub");
        }, null);
        if (!res.ok()) return Result.FAILED;
        Map<?, ?> v = (Map<?, ?>) res.value();
        return switch (op) {
          case WRITE -> Result.OK;
          case READ -> SECRET.equals(v.get("content")) ? Result.LEAKED : Result.OK;
          case LIST -> String.valueOf(v.get("entries")).contains(OUTSIDE_ONLY) ? Result.LEAKED : Result.OK;
        };
      }, Integer.MAX_VALUE, MAX_NANOS);
      assertThat(tool.leakedReads()).as("outside content read: %s", tool).isZero();
      assertThat(tool.leakedLists()).as("outside directory listed: %s", tool).isZero();
      assertThat(outsideWrites()).as("files written outside: %s", tool).isZero();
      assertThat(tool.okReads()).as("some reads still work under the race: %s", tool).isPositive();
      assertThat(tool.okWrites()).as("some writes still work under the race: %s", tool).isPositive();
    }
    assertThat(outside.resolve("r.txt")).hasContent(SECRET);
  }

  @Test
  void aHardLinkToAnOutsideFileIsNeitherReadNorWritten() throws Exception {
    Files.createLink(root.resolve("hl.txt"), outside.resolve("r.txt")); // before the fix: read "OUTSIDE SECRET", write overwrote it
    try (ToolRegistry r = registry("  fs: { type: file, root: ./root, operations: [read, write, list] }", dir)) {
      ToolResult read = r.call("fs", Map.of("operation", "read", "path", "hl.txt"), null);
      assertThat(read.errorKind()).isEqualTo("refused");
      assertThat(read.error()).isEqualTo("'hl.txt' has 2 hard links; files linked from elsewhere are refused");
      ToolResult write = r.call("fs", Map.of("operation", "write", "path", "hl.txt", "content", "pwned"), null);
      assertThat(write.errorKind()).isEqualTo("refused");
      assertThat(write.error()).isEqualTo("'hl.txt' has 2 hard links; files linked from elsewhere are refused");
      assertThat(String.valueOf(read.value()) + write.value()).doesNotContain(SECRET);
      assertThat(r.call("fs", Map.of("operation", "read", "path", "sub/r.txt"), null).ok()).isTrue();
    }
    assertThat(outside.resolve("r.txt")).hasContent(SECRET);
    assertThat(root.resolve("hl.txt")).hasContent(SECRET); // the link is left alone, not replaced
  }

  @Test
  void aHardLinkSwappedInAtTheLastMomentIsNeverWrittenThrough() throws Exception {
    Files.writeString(root.resolve("f.txt"), "inside");
    Files.createLink(root.resolve("hl.txt"), outside.resolve("r.txt"));
    try (ToolRegistry r = registry("  fs: { type: file, root: ./root, operations: [write] }", dir)) {
      SwapAttacker a = SwapAttacker.start(dir, root.resolve("f.txt"), root.resolve("hl.txt")); // the names trade places as fast as they can
      int ok = 0;
      try {
        long t0 = System.nanoTime();
        for (int i = 0; i < PAIRS && System.nanoTime() - t0 < MAX_NANOS; i++) {
          if (r.call("fs", Map.of("path", "f.txt", "content", "written " + i), null).ok()) ok++;
        }
      } finally {
        a.halt();
      }
      assertThat(ok).isPositive();
    }
    // a write replaces the name it checked; the outside inode is at most unlinked from the root, never written
    assertThat(outside.resolve("r.txt")).hasContent(SECRET);
  }

  // ---- the attack harness

  enum Op { WRITE, READ, LIST }

  enum Result { OK, FAILED, LEAKED }

  interface Call {
    Result run(int i, Op op) throws Exception;
  }

  record Outcome(int pairs, int okReads, int okWrites, int leakedReads, int leakedLists, int outsideWrites, long swaps) {
    int escapes() {
      return leakedReads + leakedLists + outsideWrites;
    }
  }

  /**
   * Runs up to {@link #PAIRS} write/read/list rounds (for at most {@code maxNanos}, or until {@code stopAfter} escapes)
   * while the attacker swaps {@code sub} and {@code swap} as fast as it can.
   */
  private Outcome race(Call call, int stopAfter, long maxNanos) throws Exception {
    SwapAttacker a = SwapAttacker.start(dir, root.resolve("sub"), root.resolve("swap"));
    int pairs = 0, okReads = 0, okWrites = 0, leaked = 0, listed = 0;
    long t0 = System.nanoTime();
    try {
      for (; pairs < PAIRS && System.nanoTime() - t0 < maxNanos && leaked + listed + outsideWrites() < stopAfter; pairs++) {
        if (call.run(pairs, Op.WRITE) == Result.OK) okWrites++;
        Result rd = call.run(pairs, Op.READ);
        if (rd == Result.OK) okReads++;
        if (rd == Result.LEAKED) leaked++;
        if (call.run(pairs, Op.LIST) == Result.LEAKED) listed++;
      }
    } finally {
      a.halt();
    }
    assertThat(root.resolve("sub")).as("the attacker put the directory back").isDirectory();
    assertThat(Files.isSymbolicLink(root.resolve("swap"))).isTrue();
    return new Outcome(pairs, okReads, okWrites, leaked, listed, outsideWrites(), a.swaps());
  }

  private int outsideWrites() throws IOException {
    try (Stream<Path> s = Files.list(outside)) {
      return (int) s.filter(p -> !p.getFileName().toString().equals("r.txt") && !p.getFileName().toString().equals(OUTSIDE_ONLY)).count();
    }
  }

  private void clearOutside() throws IOException {
    try (Stream<Path> s = Files.list(outside)) {
      for (Path p : (Iterable<Path>) s::iterator) if (p.getFileName().toString().startsWith("w")) Files.delete(p);
    }
  }

  /** The pre-fix write: check the path, then open it by name. */
  private Result oldWrite(String path) {
    try {
      Path p = Confinement.of(root).writable(path);
      Files.write(p, "w".getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      return Result.OK;
    } catch (Exception e) {
      return Result.FAILED;
    }
  }

  /** The pre-fix list: resolve and check the real path, then list it by name. */
  private Result oldList(String path) {
    try (Stream<Path> s = Files.list(Confinement.of(root).existing(path))) {
      return s.anyMatch(p -> p.getFileName().toString().equals(OUTSIDE_ONLY)) ? Result.LEAKED : Result.OK;
    } catch (Exception e) {
      return Result.FAILED;
    }
  }

  /** The pre-fix read: resolve and check the real path, then open it by name. */
  private Result oldRead(String path) {
    try {
      String s = Files.readString(Confinement.of(root).existing(path));
      return s.equals(SECRET) ? Result.LEAKED : Result.OK;
    } catch (Exception e) {
      return Result.FAILED;
    }
  }
}
