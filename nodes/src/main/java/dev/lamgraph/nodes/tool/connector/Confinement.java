package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.nodes.tool.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps paths given by callers (models, plans) inside a declared root: {@code ..} components are
 * refused outright, absolute paths must lie under the root, and the real path (symbolic links
 * resolved) must stay under the root's real path.
 *
 * <pre>{@code
 * Confinement c = Confinement.of(Path.of("/srv/notes"));
 * c.existing("a/b.txt");     // /srv/notes/a/b.txt (real path)
 * c.existing("../etc/passwd"); // ToolException kind "refused"
 * }</pre>
 */
record Confinement(Path root, Path realRoot) {
  /** A confinement to {@code root}, which must be an existing directory. */
  static Confinement of(Path root) throws IOException {
    Path abs = root.toAbsolutePath().normalize();
    return new Confinement(abs, abs.toRealPath());
  }

  /** An existing file or directory under the root, as a real path. */
  Path existing(String path) throws ToolException {
    Path p = lexical(path);
    if (!Files.exists(p)) throw ToolException.of("not_found", "'" + path + "' does not exist under the tool's root");
    Path real;
    try {
      real = p.toRealPath();
    } catch (IOException e) {
      throw ToolException.of("not_found", "'" + path + "' cannot be resolved: " + e.getMessage());
    }
    if (!real.startsWith(realRoot)) throw ToolException.refused("'" + path + "' escapes the tool's root through a symbolic link");
    return real;
  }

  /**
   * A file to write under the root: its nearest existing ancestor must really be under the root,
   * and it must not be a symbolic link (callers also open it with {@code NOFOLLOW_LINKS}).
   */
  Path writable(String path) throws ToolException {
    Path p = lexical(path);
    if (p.equals(root)) throw ToolException.refused("cannot write to the tool's root directory itself");
    if (Files.isSymbolicLink(p)) throw ToolException.refused("'" + path + "' is a symbolic link; writing through links is refused");
    Path a = p.getParent();
    while (a != null && !Files.exists(a, LinkOption.NOFOLLOW_LINKS)) a = a.getParent();
    try {
      if (a == null || !a.toRealPath().startsWith(realRoot)) {
        throw ToolException.refused("'" + path + "' escapes the tool's root through a symbolic link");
      }
    } catch (IOException e) {
      throw ToolException.refused("'" + path + "' cannot be resolved under the tool's root: " + e.getMessage());
    }
    if (Files.isDirectory(p)) throw ToolException.of("invalid_arguments", "'" + path + "' is a directory");
    return p;
  }

  /**
   * The components of a caller's path relative to the root, checked lexically only ({@code ..},
   * NUL, absolute paths outside the root are refused; {@code "."} and the root give an empty
   * list): for {@link ConfinedPath}, which resolves links itself, one component at a time.
   */
  List<String> components(String path) throws ToolException {
    List<String> parts = new ArrayList<>();
    for (Path part : root.relativize(lexical(path))) {
      if (!part.toString().isEmpty() && !part.toString().equals(".")) parts.add(part.toString());
    }
    return parts;
  }

  private Path lexical(String path) throws ToolException {
    if (path == null || path.isEmpty()) path = ".";
    if (path.indexOf('\0') >= 0) throw ToolException.refused("path contains a NUL character");
    Path p;
    try {
      p = Path.of(path);
    } catch (InvalidPathException e) {
      throw ToolException.of("invalid_arguments", "'" + path + "' is not a valid path: " + e.getReason());
    }
    for (Path part : p) {
      if (part.toString().equals("..")) throw ToolException.refused("'" + path + "': '..' is not allowed in paths");
    }
    if (p.isAbsolute()) {
      Path n = p.normalize();
      if (!n.startsWith(root) && !n.startsWith(realRoot)) {
        throw ToolException.refused("'" + path + "' is outside the tool's root");
      }
      return n.startsWith(root) ? n : root.resolve(realRoot.relativize(n));
    }
    return root.resolve(p).normalize();
  }
}
