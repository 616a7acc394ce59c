package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.nodes.tool.ConfiguredTool;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One {@code file} tool. Values: read {@code {path, content, bytes}}; write {@code {path, bytes}};
 * list {@code {path, entries: [{name, type, size}], truncated}}. Paths in values are relative to
 * the root, so the host's layout is not revealed.
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
    Path p = root.existing(path);
    if (!Files.isRegularFile(p)) throw ToolException.of("invalid_arguments", "'" + path + "' is not a file");
    byte[] bytes;
    try (InputStream in = Files.newInputStream(p)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    }
    if (bytes.length > maxBytes) throw tooLarge(path, Files.size(p));
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("path", relative(p));
    v.put("content", new String(bytes, StandardCharsets.UTF_8));
    v.put("bytes", (long) bytes.length);
    return v;
  }

  private Object write(String path, String content) throws IOException, ToolException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxBytes) throw tooLarge(path, bytes.length);
    Path p = root.writable(path);
    Files.createDirectories(p.getParent());
    root.writable(path); // again, now that the parents exist
    try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      out.write(bytes);
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("path", root.root().relativize(p).toString());
    v.put("bytes", (long) bytes.length);
    return v;
  }

  private Object list(String path) throws IOException, ToolException {
    Path dir = root.existing(path);
    if (!Files.isDirectory(dir)) throw ToolException.of("invalid_arguments", "'" + path + "' is not a directory");
    List<Map<String, Object>> entries = new ArrayList<>();
    boolean cut = false;
    try (Stream<Path> s = Files.list(dir).sorted()) {
      for (Path e : (Iterable<Path>) s::iterator) {
        if (entries.size() >= maxEntries) {
          cut = true;
          break;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.getFileName().toString());
        boolean link = Files.isSymbolicLink(e);
        m.put("type", link ? "link" : Files.isDirectory(e) ? "dir" : "file");
        if (!link && Files.isRegularFile(e)) m.put("size", Files.size(e));
        entries.add(m);
      }
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("path", relative(dir));
    v.put("entries", entries);
    v.put("truncated", cut);
    return v;
  }

  private String relative(Path real) {
    String r = root.realRoot().relativize(real).toString();
    return r.isEmpty() ? "." : r;
  }

  private ToolException tooLarge(String path, long size) {
    return ToolException.of(ToolException.TOO_LARGE, "'" + path + "' is " + size + " bytes; max_bytes of tool '" + name() + "' is " + maxBytes);
  }
}
