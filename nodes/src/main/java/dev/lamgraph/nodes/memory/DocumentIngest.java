package dev.lamgraph.nodes.memory;

import dev.lamgraph.nodes.tool.ToolException;
import dev.lamgraph.nodes.tool.connector.ConfinedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ingests the documents under a root into a memory namespace: walks the root with the file tool's
 * confinement, reads the supported types ({@code .txt .md .html .pdf}), skips files whose content
 * hash (with the split settings) is unchanged since the last ingest, re-chunks and re-embeds the
 * changed ones, and removes the chunks of files that are gone. A file that cannot be read (too
 * large, a link, a corrupt PDF, not UTF-8) or that has no text (an empty file, a scanned PDF without a
 * text layer) is skipped with one line in the report, and keeps no
 * chunks. Chunk ids are {@code SOURCE#N}; their metadata: {@code source, type, chunk, start, end}
 * and, where known, {@code page} and {@code heading}.
 *
 * <pre>{@code
 * var report = new DocumentIngest(memory, "handbook", List.of("*.md"), new Chunker("paragraph", 200, 20), "paragraph/200/20",
 *     1 << 20, 10_000).run(ConfinedFiles.of(Path.of("docs")));
 * }</pre>
 */
final class DocumentIngest {
  private final Memory memory;
  private final String ns;
  private final List<PathMatcher> include;
  private final Chunker chunker;
  private final String splitKey;
  private final long maxBytes;
  private final int maxFiles;

  DocumentIngest(Memory memory, String ns, List<String> include, Chunker chunker, String splitKey, long maxBytes, int maxFiles) {
    this.memory = memory;
    this.ns = ns;
    this.include = include.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    this.chunker = chunker;
    this.splitKey = splitKey;
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
  }

  /** What an ingest did: counts, and one line per skipped file. */
  record Report(int files, int ingested, int unchanged, int removed, int chunks, List<String> skipped) {
    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("files", (long) files);
      m.put("ingested", (long) ingested);
      m.put("unchanged", (long) unchanged);
      m.put("removed", (long) removed);
      m.put("chunks", (long) chunks);
      m.put("skipped", skipped);
      return m;
    }
  }

  Report run(ConfinedFiles root) throws IOException {
    try {
      return ingest(root);
    } finally {
      memory.flush();
    }
  }

  private Report ingest(ConfinedFiles root) throws IOException {
    List<String> skipped = new ArrayList<>();
    Map<String, String> known = memory.documents(ns);
    Set<String> seen = new LinkedHashSet<>();
    int files = 0, ingested = 0, unchanged = 0, chunks = 0;
    for (ConfinedFiles.Entry e : root.walk(maxFiles, skipped)) {
      if (DocumentParser.type(e.path()) == null || !included(e.path())) continue;
      files++;
      byte[] bytes;
      try {
        bytes = root.read(e.path(), maxBytes);
      } catch (ToolException ex) {
        skipped.add(e.path() + ": " + ex.getMessage());
        continue;
      }
      String hash = hash(bytes);
      seen.add(e.path());
      if (hash.equals(known.get(e.path()))) {
        unchanged++;
        continue;
      }
      List<Memory.Item> items;
      try {
        items = items(e.path(), DocumentParser.parse(e.path(), bytes));
      } catch (DocumentParser.UnreadableException ex) {
        skipped.add(e.path() + ": " + ex.getMessage());
        seen.remove(e.path());
        continue;
      }
      if (items.isEmpty()) { // nothing to recall: say so rather than ingest a file that can never be found
        skipped.add(e.path() + ("pdf".equals(DocumentParser.type(e.path())) ? ": no extractable text (an image-only or scanned PDF needs OCR first)"
            : ": no text"));
        seen.remove(e.path());
        continue;
      }
      memory.putDocument(ns, e.path(), hash, items);
      ingested++;
      chunks += items.size();
    }
    int removed = 0;
    for (String source : known.keySet()) {
      if (!seen.contains(source)) {
        memory.putDocument(ns, source, null, null);
        removed++;
      }
    }
    return new Report(files, ingested, unchanged, removed, chunks, skipped);
  }

  private List<Memory.Item> items(String source, List<DocumentParser.Section> sections) {
    List<Memory.Item> items = new ArrayList<>();
    String type = DocumentParser.type(source);
    for (Chunker.Chunk c : chunker.split(sections)) {
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("source", source);
      meta.put("type", type);
      meta.put("chunk", (long) items.size());
      if (c.page() != null) meta.put("page", (long) c.page());
      if (c.heading() != null) meta.put("heading", c.heading());
      meta.put("start", (long) c.start());
      meta.put("end", (long) c.end());
      items.add(new Memory.Item(source + "#" + items.size(), c.text(), meta));
    }
    return items;
  }

  /** A pattern matches the path relative to the root; one without a {@code /} also matches the file name. */
  private boolean included(String path) {
    if (include.isEmpty()) return true;
    Path p = Path.of(path);
    for (PathMatcher m : include) if (m.matches(p) || m.matches(p.getFileName())) return true;
    return false;
  }

  private String hash(byte[] bytes) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(bytes);
      d.update(splitKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
