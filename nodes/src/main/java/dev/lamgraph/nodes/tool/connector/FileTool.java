package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.nodes.tool.ConfiguredTool;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One {@code file} tool. Values: read {@code {path, content, bytes}}; write {@code {path, bytes}};
 * list {@code {path, entries: [{name, type, size}], truncated}}. Paths in values are relative to
 * the root, so the host's layout is not revealed.
 *
 * <p>Every path is walked through open directories ({@link ConfinedPath}), so a directory swapped
 * for a link mid-call cannot lead outside the root; a link inside the root is followed only while
 * its target stays inside. Regular files with more than one hard link are refused for reading and
 * writing (the other name may be outside the root, and the file tool cannot tell). Writes replace
 * the file (new file, then rename), never writing through an existing inode.
 */
final class FileTool extends ConfiguredTool {
  private final Confinement root;
  private final List<String> ops;
  private final long maxBytes;
  private final int maxEntries;

  FileTool(ToolDeclaration d, String schema, Confinement root, List<String> ops, long maxBytes, int maxEntries) {
    super(d, schema);
    this.root = root;
    this.ops = List.copyOf(ops);
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
  }

  @Override
  public Object call(Map<String, Object> args, ToolCall call) throws Exception {
    String op = args.get("operation") instanceof String s ? s : ops.size() == 1 ? ops.get(0) : null;
    if (op == null || !ops.contains(op)) {
      throw ToolException.refused("operation '" + op + "' is not offered by tool '" + name() + "'; offered: " + String.join(", ", ops));
    }
    String path = args.get("path") instanceof String p ? p : ".";
    return switch (op) {
      case "read" -> read(path);
      case "write" -> write(path, args.get("content") instanceof String c ? c : "");
      default -> list(path);
    };
  }

  private Object read(String path) throws IOException, ToolException {
    SafeSources.Read r;
    try {
      r = SafeSources.read(root, path, maxBytes);
    } catch (ToolException e) {
      if (e.kind().equals(ToolException.TOO_LARGE)) {
        throw ToolException.of(ToolException.TOO_LARGE, e.getMessage() + " (max_bytes of tool '" + name() + "')");
      }
      throw e;
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("path", r.relative());
    v.put("content", new String(r.bytes(), StandardCharsets.UTF_8));
    v.put("bytes", (long) r.bytes().length);
    return v;
  }

  /**
   * Writes by replacing: the content goes to a new file (CREATE_NEW, no links followed) in the open
   * parent directory, which is then renamed over the name. An existing file must be writable by
   * us (checked by opening it, as before) and keeps its permission bits; nothing is ever written
   * through an existing inode, so no link swapped in at the last moment can receive the content.
   */
  private Object write(String path, String content) throws IOException, ToolException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxBytes) throw tooLarge(path, bytes.length);
    try (ConfinedPath p = ConfinedPath.resolve(root, path, false, true)) {
      if (p.name == null) throw ToolException.refused("cannot write to the tool's root directory itself");
      ConfinedDir dir = p.parent();
      Set<PosixFilePermission> perms = null;
      if (p.attrs != null) {
        if (p.attrs.isSymbolicLink()) throw ToolException.refused("'" + path + "' is a symbolic link; writing through links is refused");
        if (p.attrs.isDirectory()) throw ToolException.of("invalid_arguments", "'" + path + "' is a directory");
        if (!p.attrs.isRegularFile()) throw ToolException.of("invalid_arguments", "'" + path + "' is not a regular file");
        p.requireSingleLink();
        try {
          dir.open(p.name, Set.of(StandardOpenOption.WRITE)).close(); // may we write it? (no truncation, no change)
        } catch (IOException e) {
          throw p.openFailed(e);
        }
        perms = dir.permissions(p.name);
      }
      String tmp = ".lam-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp";
      boolean done = false;
      try {
        try (SeekableByteChannel ch = dir.open(tmp, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW))) {
          ByteBuffer b = ByteBuffer.wrap(bytes);
          while (b.hasRemaining()) ch.write(b);
        }
        if (perms != null) dir.permissions(tmp, perms);
        dir.rename(tmp, dir, p.name);
        done = true;
      } finally {
        if (!done) deleteQuietly(dir, tmp);
      }
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("path", p.relative());
      v.put("bytes", (long) bytes.length);
      return v;
    }
  }

  /** Lists without following links out: entries are looked at with lstat relative to the open directory. */
  private Object list(String path) throws IOException, ToolException {
    try (ConfinedPath p = ConfinedPath.resolve(root, path, true, false)) {
      if (p.attrs == null) throw notFound(path);
      if (!p.attrs.isDirectory()) throw ToolException.of("invalid_arguments", "'" + path + "' is not a directory");
      String rel = p.relative();
      ConfinedDir dir = p.openDir();
      List<String> names = dir.names();
      Collections.sort(names);
      List<Map<String, Object>> entries = new ArrayList<>();
      boolean cut = false;
      for (String n : names) {
        if (entries.size() >= maxEntries) {
          cut = true;
          break;
        }
        BasicFileAttributes a;
        try {
          a = dir.stat(n);
        } catch (NoSuchFileException gone) {
          continue;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n);
        m.put("type", a.isSymbolicLink() ? "link" : a.isDirectory() ? "dir" : "file");
        if (a.isRegularFile()) m.put("size", a.size());
        entries.add(m);
      }
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("path", rel);
      v.put("entries", entries);
      v.put("truncated", cut);
      return v;
    }
  }

  private static void deleteQuietly(ConfinedDir dir, String name) {
    try {
      dir.delete(name);
    } catch (IOException e) {
      // the temporary file stays; nothing else to do
    }
  }

  private static ToolException notFound(String path) {
    return ToolException.of("not_found", "'" + path + "' does not exist under the tool's root");
  }

  private ToolException tooLarge(String path, long size) {
    return ToolException.of(ToolException.TOO_LARGE, "'" + path + "' is " + size + " bytes; max_bytes of tool '" + name() + "' is " + maxBytes);
  }
}
