package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.nodes.tool.ToolException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A caller's path resolved under a {@link Confinement} one component at a time through open
 * directories ({@link ConfinedDir}), never letting the kernel follow a link: each component is
 * looked at with {@code lstat} relative to its open parent and opened with {@code O_NOFOLLOW}. A
 * link is followed only by reading its target and walking that, again from an open directory,
 * under the same rules ({@code ..} may not climb above the root, absolute targets must name the
 * root), so a link or a directory swapped in mid-walk can make a call fail but never leave the
 * root. Holds the directories open until closed; the entry itself ({@link #name}) is not opened.
 *
 * <pre>{@code
 * try (ConfinedPath p = ConfinedPath.resolve(confinement, "notes/a.txt", true, false)) {
 *   SeekableByteChannel ch = p.parent().open(p.name, Set.of(READ));
 * }
 * }</pre>
 */
final class ConfinedPath implements Closeable {
  private static final int MAX_LINKS = 40;
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final Object MKDIR = new Object();

  private final String given;
  private final List<ConfinedDir> dirs;
  private final List<String> names;
  /** The last component (not opened), or null when the path is the directory {@link #parent()} itself. */
  String name;
  /** The entry's attributes (links not followed); null when it does not exist. */
  BasicFileAttributes attrs;

  private ConfinedPath(String given, List<ConfinedDir> dirs, List<String> names, String name, BasicFileAttributes attrs) {
    this.given = given;
    this.dirs = dirs;
    this.names = names;
    this.name = name;
    this.attrs = attrs;
  }

  /**
   * Resolves {@code path}: links in directories are followed when they stay inside the root; the
   * last component's link only when {@code followLast}; missing directories are created when
   * {@code createParents}. A missing last component gives {@code attrs == null}.
   */
  static ConfinedPath resolve(Confinement c, String path, boolean followLast, boolean createParents)
      throws ToolException, IOException {
    Deque<String> todo = new ArrayDeque<>(c.components(path));
    List<ConfinedDir> dirs = new ArrayList<>(List.of(ConfinedDir.open(c.realRoot())));
    List<String> names = new ArrayList<>();
    ConfinedPath p = new ConfinedPath(path, dirs, names, null, null);
    try {
      int links = 0, created = 0;
      while (!todo.isEmpty()) {
        String n = todo.removeFirst();
        if (n.equals("..")) { // only from a link's target: the user's own '..' was refused lexically
          if (names.isEmpty()) throw p.escapes();
          dirs.remove(dirs.size() - 1).close();
          names.remove(names.size() - 1);
          continue;
        }
        boolean last = todo.isEmpty();
        BasicFileAttributes a;
        try {
          a = p.parent().stat(n);
        } catch (NoSuchFileException e) {
          if (last) {
            p.name = n;
            return p;
          }
          if (!createParents || ++created > 3) throw ToolException.of("not_found", "'" + path + "' does not exist under the tool's root");
          mkdir(dirs.get(0), p.parent(), n);
          todo.addFirst(n);
          continue;
        }
        if (a.isSymbolicLink() && (!last || followLast)) {
          if (++links > MAX_LINKS) throw ToolException.refused("'" + path + "' passes through more than " + MAX_LINKS + " symbolic links");
          Path target = p.readLink(n);
          if (target.isAbsolute()) {
            Path base = target.startsWith(c.realRoot()) ? c.realRoot() : target.startsWith(c.root()) ? c.root() : null;
            if (base == null) throw p.escapes();
            target = base.relativize(target);
            while (dirs.size() > 1) dirs.remove(dirs.size() - 1).close();
            names.clear();
          }
          List<String> parts = new ArrayList<>();
          for (Path part : target) if (!part.toString().isEmpty() && !part.toString().equals(".")) parts.add(part.toString());
          for (int i = parts.size() - 1; i >= 0; i--) todo.addFirst(parts.get(i));
          continue;
        }
        if (last) {
          p.name = n;
          p.attrs = a;
          return p;
        }
        if (!a.isDirectory()) {
          throw ToolException.of("not_found", "'" + path + "': '" + String.join("/", names) + (names.isEmpty() ? "" : "/") + n
              + "' is not a directory");
        }
        p.descend(n);
      }
      p.attrs = p.parent().self();
      return p;
    } catch (ToolException | IOException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /** The open directory that holds {@link #name} (or is the path itself when name is null). */
  ConfinedDir parent() {
    return dirs.get(dirs.size() - 1);
  }

  /** The resolved path relative to the root ({@code .} for the root). */
  String relative() {
    List<String> all = new ArrayList<>(names);
    if (name != null) all.add(name);
    return all.isEmpty() ? "." : String.join("/", all);
  }

  /** Opens the entry as a directory (kept open by this object) and makes it the {@link #parent()}. */
  ConfinedDir openDir() throws ToolException, IOException {
    if (name != null) {
      descend(name);
      name = null;
    }
    return parent();
  }

  /**
   * Refuses a regular file with more than one hard link: its other name may be outside the root.
   * The count is read by path, so the file key read with it must match the one read through the
   * open directory (else the path was redirected meanwhile and the call is refused).
   */
  void requireSingleLink() throws ToolException, IOException {
    Map<String, Object> u;
    try {
      u = Files.readAttributes(parent().path.resolve(name), "unix:nlink,fileKey", NOFOLLOW);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return; // no unix attributes (Windows): nothing to compare
    } catch (NoSuchFileException e) {
      throw changed();
    }
    if (!Objects.equals(u.get("fileKey"), attrs.fileKey())) throw changed();
    int links = ((Number) u.get("nlink")).intValue();
    if (links > 1) throw ToolException.refused("'" + given + "' has " + links + " hard links; files linked from elsewhere are refused");
  }

  /** After opening the entry: it is still the regular file that was checked. */
  void requireUnchanged() throws ToolException, IOException {
    BasicFileAttributes now;
    try {
      now = parent().stat(name);
    } catch (NoSuchFileException e) {
      throw changed();
    }
    if (!now.isRegularFile() || !Objects.equals(now.fileKey(), attrs.fileKey())) throw changed();
  }

  /**
   * A failed open of the entry (or of a directory on the way) that was just seen as a file or
   * directory: with {@code O_NOFOLLOW}, this is a link or another entry swapped in meanwhile
   * (ELOOP, ENOTDIR, ENOENT...), so the call is refused; only a denied permission is reported as is.
   */
  IOException openFailed(IOException e) throws ToolException {
    if (e instanceof AccessDeniedException) return e;
    throw changed();
  }

  ToolException changed() {
    return ToolException.refused("'" + given + "' changed while it was being opened (a concurrent rename or link swap)");
  }

  private ToolException escapes() {
    return ToolException.refused("'" + given + "' escapes the tool's root through a symbolic link");
  }

  private void descend(String n) throws ToolException, IOException {
    ConfinedDir child;
    try {
      child = parent().child(n);
    } catch (IOException e) {
      throw openFailed(e);
    }
    dirs.add(child);
    names.add(n);
  }

  /** A link's target (read by path, so it may be a swapped-in link's: only ever walked under the same rules). */
  private Path readLink(String n) throws ToolException {
    try {
      return Files.readSymbolicLink(parent().path.resolve(n));
    } catch (IOException e) {
      throw changed();
    }
  }

  /**
   * Creates directory {@code name} in {@code parent} without a path walk that a swap could
   * redirect: made under the root (trusted) with a random name, then renamed into the open parent.
   */
  private static void mkdir(ConfinedDir root, ConfinedDir parent, String name) throws IOException {
    synchronized (MKDIR) { // two calls creating the same directory: the second must not replace the first's
      try {
        parent.stat(name);
        return;
      } catch (NoSuchFileException e) {
        // create it
      }
      String stage = ".lam-mkdir-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
      Files.createDirectory(root.path.resolve(stage));
      try {
        root.rename(stage, parent, name);
      } catch (IOException e) {
        Files.deleteIfExists(root.path.resolve(stage));
        throw e;
      }
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (ConfinedDir d : dirs) {
      try {
        d.close();
      } catch (IOException e) {
        if (first == null) first = e;
      }
    }
    dirs.clear();
    if (first != null) throw first;
  }
}
