package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.nodes.tool.ToolException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Read-only access to the files under a root with the file tool's confinement ({@link Confinement},
 * {@link ConfinedPath}): walking never follows a symbolic link (links are reported, not entered),
 * reading walks the path through open directories, refuses files with several hard links and
 * files that change while being opened, and stops at a size limit. Used by the memory node's
 * document ingestion.
 *
 * <pre>{@code
 * ConfinedFiles docs = ConfinedFiles.of(Path.of("docs"));
 * List<String> skipped = new ArrayList<>();
 * for (ConfinedFiles.Entry e : docs.walk(10_000, skipped)) byte[] b = docs.read(e.path(), 1 << 20);
 * }</pre>
 */
public final class ConfinedFiles {
  /** A regular file under the root: its path relative to the root ({@code /}-separated) and size. */
  public record Entry(String path, long size) {}

  private final Confinement root;

  private ConfinedFiles(Confinement root) {
    this.root = root;
  }

  /** Files confined to {@code root}, which must be an existing directory. */
  public static ConfinedFiles of(Path root) throws IOException {
    return new ConfinedFiles(Confinement.of(root));
  }

  /** The root's real path. */
  public Path root() {
    return root.realRoot();
  }

  /**
   * The regular files under the root, sorted by path, skipping hidden entries (names starting
   * with a dot); symbolic links and other special files are skipped with a line in {@code skipped};
   * at most {@code maxFiles} (a further line says so).
   */
  public List<Entry> walk(int maxFiles, List<String> skipped) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (ConfinedDir dir = ConfinedDir.open(root.realRoot())) {
      walk(dir, "", out, maxFiles, skipped, 0);
    }
    Collections.sort(out, (a, b) -> a.path().compareTo(b.path()));
    return out;
  }

  private void walk(ConfinedDir dir, String prefix, List<Entry> out, int max, List<String> skipped, int depth) throws IOException {
    List<String> names = dir.names();
    Collections.sort(names);
    for (String n : names) {
      if (n.startsWith(".")) continue;
      String rel = prefix + n;
      BasicFileAttributes a;
      try {
        a = dir.stat(n);
      } catch (NoSuchFileException gone) {
        continue;
      }
      if (a.isSymbolicLink()) {
        skipped.add(rel + ": a symbolic link; links are not followed");
      } else if (a.isDirectory()) {
        if (depth >= 32) {
          skipped.add(rel + ": nested more than 32 directories deep");
          continue;
        }
        try (ConfinedDir child = dir.child(n)) {
          walk(child, rel + "/", out, max, skipped, depth + 1);
        }
      } else if (a.isRegularFile()) {
        if (out.size() >= max) {
          skipped.add(rel + ": more than " + max + " files under the root; the rest are left out");
          return;
        }
        out.add(new Entry(rel, a.size()));
      } else {
        skipped.add(rel + ": not a regular file");
      }
      if (out.size() > max) return;
    }
  }

  /**
   * The bytes of a regular file under the root (a relative or absolute path; {@code ..} and paths
   * leading outside are refused), at most {@code maxBytes} (larger files: {@code too_large}).
   */
  public byte[] read(String path, long maxBytes) throws ToolException, IOException {
    try (ConfinedPath p = ConfinedPath.resolve(root, path, false, false)) {
      if (p.attrs == null) throw ToolException.of("not_found", "'" + path + "' does not exist under the root");
      if (p.attrs.isSymbolicLink()) throw ToolException.refused("'" + path + "' is a symbolic link; links are not followed");
      if (p.name == null || !p.attrs.isRegularFile()) throw ToolException.of("invalid_arguments", "'" + path + "' is not a file");
      if (p.attrs.size() > maxBytes) throw tooLarge(path, p.attrs.size(), maxBytes);
      p.requireSingleLink();
      SeekableByteChannel ch;
      try {
        ch = p.parent().open(p.name, Set.of(StandardOpenOption.READ));
      } catch (IOException e) {
        throw p.openFailed(e);
      }
      try (ch) {
        p.requireUnchanged();
        byte[] bytes = Channels.newInputStream(ch).readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) throw tooLarge(path, Math.max(ch.size(), bytes.length), maxBytes);
        return bytes;
      }
    }
  }

  private static ToolException tooLarge(String path, long size, long max) {
    return ToolException.of(ToolException.TOO_LARGE, "'" + path + "' is " + size + " bytes; the limit is " + max);
  }
}
