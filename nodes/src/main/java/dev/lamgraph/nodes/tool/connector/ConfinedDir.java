package dev.lamgraph.nodes.tool.connector;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An open directory whose entries are named relative to it, never through a symbolic link: where
 * the JDK offers a {@link SecureDirectoryStream} (Linux) every operation is the {@code *at} system
 * call on the directory's descriptor with {@code O_NOFOLLOW}, so renaming a directory or swapping
 * one for a link while the tool works cannot redirect it. Elsewhere the same operations go by path
 * with {@code NOFOLLOW_LINKS} (links are still refused, but a concurrent swap of a parent directory
 * is not excluded).
 *
 * <pre>{@code
 * try (ConfinedDir root = ConfinedDir.open(realRoot); ConfinedDir sub = root.child("sub")) {
 *   BasicFileAttributes a = sub.stat("notes.txt"); // lstat relative to sub
 * }
 * }</pre>
 *
 * Names are single path components (no separator, no {@code ..}); callers check that.
 */
abstract sealed class ConfinedDir implements Closeable {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  /** The path this directory was opened as (for messages, {@code readlink} and fallbacks). */
  final Path path;

  private ConfinedDir(Path path) {
    this.path = path;
  }

  /** Opens a trusted directory (the tool's root), following links in its own path. */
  static ConfinedDir open(Path dir) throws IOException {
    DirectoryStream<Path> ds = Files.newDirectoryStream(dir);
    if (ds instanceof SecureDirectoryStream<Path> s) return new Secure(dir, s);
    ds.close();
    return new ByPath(dir);
  }

  /** Whether operations are relative to an open descriptor (race-free) rather than by path. */
  abstract boolean secure();

  /** The attributes of an entry, not following a link ({@code NoSuchFileException} when missing). */
  abstract BasicFileAttributes stat(String name) throws IOException;

  /** The attributes of this directory itself. */
  abstract BasicFileAttributes self() throws IOException;

  /** Opens a child directory; fails if it is a link or not a directory. */
  abstract ConfinedDir child(String name) throws IOException;

  /** Opens a file with these options plus {@code NOFOLLOW_LINKS}. */
  abstract SeekableByteChannel open(String name, Set<? extends OpenOption> options) throws IOException;

  /** Renames an entry of this directory to an entry of {@code to} (same kind), replacing it. */
  abstract void rename(String from, ConfinedDir to, String toName) throws IOException;

  abstract void delete(String name) throws IOException;

  /** Gives an entry these permission bits, exactly (no umask); ignored where POSIX permissions do not exist. */
  abstract void permissions(String name, Set<PosixFilePermission> perms) throws IOException;

  /** The names of the entries, in directory order. */
  abstract List<String> names() throws IOException;

  /** The POSIX permissions of an entry, or null where they do not exist. */
  Set<PosixFilePermission> permissions(String name) throws IOException {
    BasicFileAttributes a = stat(name);
    return a instanceof PosixFileAttributes p ? new HashSet<>(p.permissions()) : null;
  }

  private static Set<OpenOption> nofollow(Set<? extends OpenOption> options) {
    Set<OpenOption> o = new HashSet<>(options);
    o.add(LinkOption.NOFOLLOW_LINKS);
    return o;
  }

  /** openat-style, on the directory's descriptor. */
  static final class Secure extends ConfinedDir {
    private final SecureDirectoryStream<Path> ds;

    Secure(Path path, SecureDirectoryStream<Path> ds) {
      super(path);
      this.ds = ds;
    }

    @Override
    boolean secure() {
      return true;
    }

    @Override
    BasicFileAttributes stat(String name) throws IOException {
      return ds.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, NOFOLLOW).readAttributes();
    }

    @Override
    BasicFileAttributes self() throws IOException {
      return ds.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
    }

    @Override
    ConfinedDir child(String name) throws IOException {
      return new Secure(path.resolve(name), ds.newDirectoryStream(Path.of(name), NOFOLLOW));
    }

    @Override
    SeekableByteChannel open(String name, Set<? extends OpenOption> options) throws IOException {
      return ds.newByteChannel(Path.of(name), nofollow(options));
    }

    @Override
    void rename(String from, ConfinedDir to, String toName) throws IOException {
      ds.move(Path.of(from), ((Secure) to).ds, Path.of(toName));
    }

    @Override
    void delete(String name) throws IOException {
      ds.deleteFile(Path.of(name));
    }

    @Override
    void permissions(String name, Set<PosixFilePermission> perms) throws IOException {
      ds.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, NOFOLLOW).setPermissions(perms);
    }

    @Override
    List<String> names() {
      List<String> names = new ArrayList<>();
      for (Path p : ds) names.add(p.getFileName().toString());
      return names;
    }

    @Override
    public void close() throws IOException {
      ds.close();
    }
  }

  /** By path with NOFOLLOW_LINKS, where the JDK has no SecureDirectoryStream. */
  static final class ByPath extends ConfinedDir {
    ByPath(Path path) {
      super(path);
    }

    @Override
    boolean secure() {
      return false;
    }

    @Override
    BasicFileAttributes stat(String name) throws IOException {
      return Files.readAttributes(path.resolve(name), BasicFileAttributes.class, NOFOLLOW);
    }

    @Override
    BasicFileAttributes self() throws IOException {
      return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
    }

    @Override
    ConfinedDir child(String name) throws IOException {
      if (!stat(name).isDirectory()) throw new NotDirectoryException(path.resolve(name).toString());
      return new ByPath(path.resolve(name));
    }

    @Override
    SeekableByteChannel open(String name, Set<? extends OpenOption> options) throws IOException {
      return Files.newByteChannel(path.resolve(name), nofollow(options));
    }

    @Override
    void rename(String from, ConfinedDir to, String toName) throws IOException {
      Files.move(path.resolve(from), to.path.resolve(toName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    void delete(String name) throws IOException {
      Files.delete(path.resolve(name));
    }

    @Override
    void permissions(String name, Set<PosixFilePermission> perms) throws IOException {
      try {
        Files.setPosixFilePermissions(path.resolve(name), perms);
      } catch (UnsupportedOperationException e) {
        // no POSIX permissions here (Windows)
      }
    }

    @Override
    Set<PosixFilePermission> permissions(String name) throws IOException {
      try {
        return new HashSet<>(Files.getPosixFilePermissions(path.resolve(name), NOFOLLOW));
      } catch (UnsupportedOperationException e) {
        return null;
      }
    }

    @Override
    List<String> names() throws IOException {
      List<String> names = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
        for (Path p : ds) names.add(p.getFileName().toString());
      }
      return names;
    }

    @Override
    public void close() {
      // nothing open
    }
  }
}
