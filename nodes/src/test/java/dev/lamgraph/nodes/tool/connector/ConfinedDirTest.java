package dev.lamgraph.nodes.tool.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both kinds of {@link ConfinedDir} keep the same contract: nothing is reached through a link. */
class ConfinedDirTest {
  @TempDir Path dir;

  private ConfinedDir open(boolean secure) throws IOException {
    Files.createDirectories(dir.resolve("d/sub"));
    Files.createDirectories(dir.resolve("outside"));
    Files.writeString(dir.resolve("outside/s.txt"), "secret");
    Files.writeString(dir.resolve("d/f.txt"), "file");
    if (!Files.exists(dir.resolve("d/link"))) Files.createSymbolicLink(dir.resolve("d/link"), dir.resolve("outside"));
    if (!Files.exists(dir.resolve("d/flink"))) Files.createSymbolicLink(dir.resolve("d/flink"), dir.resolve("outside/s.txt"));
    ConfinedDir d = secure ? ConfinedDir.open(dir.resolve("d")) : new ConfinedDir.ByPath(dir.resolve("d"));
    assertThat(d.secure()).isEqualTo(secure); // Linux has SecureDirectoryStream
    return d;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void linksAreSeenButNeverFollowed(boolean secure) throws IOException {
    try (ConfinedDir d = open(secure)) {
      assertThat(d.stat("link").isSymbolicLink()).isTrue();
      assertThat(d.stat("f.txt").isRegularFile()).isTrue();
      assertThat(d.self().isDirectory()).isTrue();
      assertThatThrownBy(() -> d.child("link")).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> d.open("flink", Set.of(StandardOpenOption.READ))).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> d.stat("missing")).isInstanceOf(NoSuchFileException.class);
      assertThat(d.names()).containsExactlyInAnyOrder("sub", "f.txt", "link", "flink");
      try (ConfinedDir sub = d.child("sub")) {
        assertThat(sub.names()).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void createsRenamesAndDeletesRelativeToTheDirectory(boolean secure) throws IOException {
    try (ConfinedDir d = open(secure); ConfinedDir sub = d.child("sub")) {
      try (SeekableByteChannel ch = d.open("new.txt", Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW))) {
        ch.write(ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)));
      }
      assertThatThrownBy(() -> d.open("new.txt", Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)))
          .isInstanceOf(IOException.class);
      d.permissions("new.txt", PosixFilePermissions.fromString("rw-------"));
      assertThat(d.permissions("new.txt")).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      d.rename("new.txt", d, "f.txt"); // replaces
      assertThat(dir.resolve("d/f.txt")).hasContent("x");
      d.rename("f.txt", sub, "moved.txt");
      assertThat(dir.resolve("d/sub/moved.txt")).hasContent("x");
      sub.delete("moved.txt");
      assertThat(dir.resolve("d/sub/moved.txt")).doesNotExist();
    }
    assertThat(dir.resolve("outside/s.txt")).hasContent("secret");
  }
}
