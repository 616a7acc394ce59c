package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.codes;
import static dev.lamgraph.nodes.tool.ToolFixtures.registry;
import static dev.lamgraph.nodes.tool.ToolFixtures.toolDiagnostics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file connector: confined to its root ('..', absolute paths, symlink escapes), opt-in writes, size limits. */
class FileToolTest {
  @TempDir Path dir;
  Path root;
  Path outside;

  @BeforeEach
  void layout() throws Exception {
    root = Files.createDirectories(dir.resolve("root"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(root.resolve("a.txt"), "alpha");
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("sub/b.txt"), "beta");
    Files.writeString(outside.resolve("secret.txt"), "top secret");
    Files.createSymbolicLink(root.resolve("leak.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("out"), outside);
    Files.createSymbolicLink(root.resolve("inner.txt"), root.resolve("sub/b.txt"));
  }

  private ToolRegistry tools(String ops) throws Exception {
    return registry("  fs: { type: file, root: ./root" + ops + ", max_bytes: 64 }", dir);
  }

  @Test
  void readsAndListsUnderTheRoot() throws Exception {
    try (ToolRegistry r = tools("")) {
      assertThat(r.call("fs", Map.of("operation", "read", "path", "sub/b.txt"), null).value())
          .isEqualTo(Map.of("path", "sub/b.txt", "content", "beta", "bytes", 4L));
      assertThat(r.call("fs", Map.of("operation", "read", "path", "inner.txt"), null).ok()).isTrue(); // a link that stays inside
      assertThat(r.call("fs", Map.of("operation", "read", "path", root.resolve("a.txt").toString()), null).ok()).isTrue();
      Map<?, ?> list = (Map<?, ?>) r.call("fs", Map.of("operation", "list", "path", "."), null).value();
      assertThat(((List<?>) list.get("entries")).stream().map(e -> (Object) ((Map<?, ?>) e).get("name")).toList())
          .containsExactly("a.txt", "inner.txt", "leak.txt", "out", "sub");
      assertThat((List<?>) list.get("entries")).first().isEqualTo(Map.of("name", "a.txt", "type", "file", "size", 5L));
    }
  }

  @Test
  void refusesTraversalAbsolutePathsOutsideAndSymlinkEscapes() throws Exception {
    try (ToolRegistry r = tools("")) {
      for (String p : List.of("../outside/secret.txt", "sub/../../outside/secret.txt", outside.resolve("secret.txt").toString(),
          "/etc/passwd", "leak.txt", "out/secret.txt")) {
        ToolResult res = r.call("fs", Map.of("operation", "read", "path", p), null);
        assertThat(res.errorKind()).as(p).isEqualTo("refused");
        assertThat(String.valueOf(res.value())).doesNotContain("top secret");
      }
      assertThat(r.call("fs", Map.of("operation", "list", "path", "out"), null).errorKind()).isEqualTo("refused");
    }
  }

  @Test
  void writingIsOptInAndCannotEscapeThroughLinks() throws Exception {
    try (ToolRegistry r = tools("")) {
      assertThat(r.call("fs", Map.of("operation", "write", "path", "n.txt", "content", "x"), null).errorKind())
          .isEqualTo("invalid_arguments"); // not in the derived schema's enum
    }
    try (ToolRegistry r = tools(", operations: [read, write]")) {
      assertThat(r.call("fs", Map.of("operation", "write", "path", "new/n.txt", "content", "hi"), null).value())
          .isEqualTo(Map.of("path", "new/n.txt", "bytes", 2L));
      assertThat(root.resolve("new/n.txt")).hasContent("hi");
      assertThat(r.call("fs", Map.of("operation", "write", "path", "out/evil.txt", "content", "x"), null).errorKind()).isEqualTo("refused");
      assertThat(r.call("fs", Map.of("operation", "write", "path", "out/deeper/evil.txt", "content", "x"), null).errorKind()).isEqualTo("refused");
      assertThat(r.call("fs", Map.of("operation", "write", "path", "leak.txt", "content", "x"), null).errorKind()).isEqualTo("refused");
      assertThat(r.call("fs", Map.of("operation", "write", "path", "../evil.txt", "content", "x"), null).errorKind()).isEqualTo("refused");
      assertThat(r.call("fs", Map.of("operation", "list", "path", "."), null).errorKind()).isEqualTo("invalid_arguments");
    }
    assertThat(outside.resolve("evil.txt")).doesNotExist();
    assertThat(outside.resolve("deeper")).doesNotExist();
    assertThat(dir.resolve("evil.txt")).doesNotExist();
    assertThat(outside.resolve("secret.txt")).hasContent("top secret");
  }

  @Test
  void linksInsideTheRootAreFollowedByTheSameRules() throws Exception {
    Files.createSymbolicLink(root.resolve("subdir"), Path.of("sub")); // relative, stays inside
    Files.createSymbolicLink(root.resolve("sub/up.txt"), Path.of("../a.txt")); // '..' that stays inside
    Files.createSymbolicLink(root.resolve("sub/climb"), Path.of("../../outside")); // '..' above the root
    Files.createSymbolicLink(root.resolve("loop1"), Path.of("loop2"));
    Files.createSymbolicLink(root.resolve("loop2"), Path.of("loop1"));
    try (ToolRegistry r = tools(", operations: [read, write, list]")) {
      assertThat(r.call("fs", Map.of("operation", "read", "path", "subdir/b.txt"), null).value())
          .isEqualTo(Map.of("path", "sub/b.txt", "content", "beta", "bytes", 4L));
      assertThat(r.call("fs", Map.of("operation", "read", "path", "sub/up.txt"), null).value())
          .isEqualTo(Map.of("path", "a.txt", "content", "alpha", "bytes", 5L));
      assertThat(r.call("fs", Map.of("operation", "list", "path", "subdir"), null).value())
          .extracting(v -> ((Map<?, ?>) v).get("path")).isEqualTo("sub");
      assertThat(r.call("fs", Map.of("operation", "write", "path", "subdir/c.txt", "content", "gamma"), null).value())
          .isEqualTo(Map.of("path", "sub/c.txt", "bytes", 5L));
      assertThat(root.resolve("sub/c.txt")).hasContent("gamma");
      ToolResult climb = r.call("fs", Map.of("operation", "read", "path", "sub/climb/secret.txt"), null);
      assertThat(climb.errorKind()).isEqualTo("refused");
      assertThat(climb.error()).isEqualTo("'sub/climb/secret.txt' escapes the tool's root through a symbolic link");
      assertThat(r.call("fs", Map.of("operation", "write", "path", "sub/climb/x.txt", "content", "x"), null).errorKind()).isEqualTo("refused");
      ToolResult loop = r.call("fs", Map.of("operation", "read", "path", "loop1"), null);
      assertThat(loop.errorKind()).isEqualTo("refused");
      assertThat(loop.error()).isEqualTo("'loop1' passes through more than 40 symbolic links");
      assertThat(r.call("fs", Map.of("operation", "write", "path", "a.txt/x", "content", "x"), null).error())
          .isEqualTo("'a.txt/x': 'a.txt' is not a directory");
    }
    assertThat(outside.resolve("x.txt")).doesNotExist();
  }

  @Test
  void aWriteReplacesTheFileKeepingItsPermissionsAndRefusesReadOnlyFiles() throws Exception {
    Path a = root.resolve("a.txt");
    Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rw-r-----"));
    Object before = Files.readAttributes(a, BasicFileAttributes.class).fileKey();
    try (ToolRegistry r = tools(", operations: [read, write]")) {
      assertThat(r.call("fs", Map.of("operation", "write", "path", "a.txt", "content", "new"), null).ok()).isTrue();
      assertThat(a).hasContent("new");
      assertThat(Files.readAttributes(a, BasicFileAttributes.class).fileKey()).isNotEqualTo(before); // a new file, renamed over
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a))).isEqualTo("rw-r-----");
      if (!"root".equals(System.getProperty("user.name"))) { // root may write anything
        Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("r--r--r--"));
        assertThat(r.call("fs", Map.of("operation", "write", "path", "a.txt", "content", "no"), null).ok()).isFalse();
        assertThat(a).hasContent("new");
      }
      assertThat(r.call("fs", Map.of("operation", "write", "path", "sub", "content", "x"), null).error()).isEqualTo("'sub' is a directory");
      assertThat(r.call("fs", Map.of("operation", "write", "path", ".", "content", "x"), null).error())
          .isEqualTo("cannot write to the tool's root directory itself");
    }
    try (Stream<Path> s = Files.walk(dir)) { // no temporary file left behind
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".lam-"));
    }
  }

  @Test
  void sizesAreLimited() throws Exception {
    Files.writeString(root.resolve("big.txt"), "x".repeat(65));
    try (ToolRegistry r = tools(", operations: [read, write]")) {
      ToolResult read = r.call("fs", Map.of("operation", "read", "path", "big.txt"), null);
      assertThat(read.errorKind()).isEqualTo("too_large");
      assertThat(read.error()).contains("65 bytes").contains("max_bytes");
      assertThat(r.call("fs", Map.of("operation", "write", "path", "w.txt", "content", "y".repeat(65)), null).errorKind())
          .isEqualTo("too_large");
    }
  }

  @Test
  void aSingleOperationNeedsNoOperationArgument() throws Exception {
    try (ToolRegistry r = registry("  cat: { type: file, root: ./root, operations: [read] }", dir)) {
      assertThat(r.call("cat", Map.of("path", "a.txt"), null).value()).isEqualTo(Map.of("path", "a.txt", "content", "alpha", "bytes", 5L));
    }
  }

  @Test
  void aMissingRootIsReportedAtItsPosition() {
    assertThat(toolDiagnostics("  fs: { type: file, root: ./nowhere }", dir, Map.of()))
        .anySatisfy(d -> {
          assertThat(d.code()).isEqualTo("TOOL_ROOT");
          assertThat(d.pos().line()).isEqualTo(3);
        });
    assertThat(codes(toolDiagnostics("  fs: { type: file, root: ., operations: [delete] }", dir, Map.of())))
        .anySatisfy(d -> assertThat(d).startsWith("SCHEMA").contains("delete"));
  }
}
