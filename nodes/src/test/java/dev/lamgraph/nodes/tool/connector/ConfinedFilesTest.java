package dev.lamgraph.nodes.tool.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.nodes.tool.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only walk and read that document ingestion uses: the file tool's confinement. */
class ConfinedFilesTest {
  @Test
  void walksRegularFilesSkippingLinksAndHiddenEntriesAndReadsOnlyInsideTheRoot(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("root/sub"));
    root = root.getParent();
    Files.writeString(root.resolve("a.md"), "a");
    Files.writeString(root.resolve("sub/b.txt"), "bb");
    Files.writeString(root.resolve(".hidden.md"), "h");
    Path outside = Files.writeString(dir.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("link.txt"), outside);
    Files.createSymbolicLink(root.resolve("dirlink"), dir);
    Files.createLink(root.resolve("hard.txt"), outside);
    ConfinedFiles files = ConfinedFiles.of(root);
    List<String> skipped = new ArrayList<>();
    assertThat(files.walk(100, skipped)).extracting(ConfinedFiles.Entry::path).containsExactly("a.md", "hard.txt", "sub/b.txt");
    assertThat(skipped).containsExactly("dirlink: a symbolic link; links are not followed", "link.txt: a symbolic link; links are not followed");
    assertThat(new String(files.read("sub/b.txt", 10))).isEqualTo("bb");
    assertThatThrownBy(() -> files.read("../secret.txt", 100)).isInstanceOf(ToolException.class).hasMessageContaining("'..' is not allowed");
    assertThatThrownBy(() -> files.read(outside.toString(), 100)).isInstanceOf(ToolException.class).hasMessageContaining("outside");
    assertThatThrownBy(() -> files.read("link.txt", 100)).isInstanceOf(ToolException.class).hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> files.read("hard.txt", 100)).isInstanceOf(ToolException.class).hasMessageContaining("hard links");
    assertThatThrownBy(() -> files.read("sub/b.txt", 1)).isInstanceOf(ToolException.class).hasMessage("'sub/b.txt' is 2 bytes; the limit is 1");
    List<String> cut = new ArrayList<>();
    assertThat(files.walk(1, cut)).hasSize(1);
    assertThat(cut).anyMatch(l -> l.endsWith("more than 1 files under the root; the rest are left out"));
  }
}
