package dev.lamgraph.nodes.memory;

import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.nodes.tool.connector.ConfinedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The document operations of the memory node: {@code ingest}, and the citations a recall writes. */
final class DocumentOps {
  private DocumentOps() {}

  /** The split settings of an ingest: by paragraph or sentence, sizes in tokens. */
  record Split(String by, int maxTokens, int overlapTokens) {
    String key() {
      return by + "/" + maxTokens + "/" + overlapTokens;
    }
  }

  /** {@code op: ingest}: the documents under {@code root} into the namespace; the report goes to {@code output}. */
  record Ingest(MemorySection.MemoryResource res, String ns, Path root, List<String> include, Split split, long maxBytes,
      int maxFiles, String output) implements Node {
    @Override
    public NodeResult run(NodeContext ctx) throws Exception {
      long t0 = System.nanoTime();
      if (!Files.isDirectory(root)) throw new NodeFailure("not_found", "ingest root " + root + " is not an existing directory");
      ConfinedFiles files;
      try {
        files = ConfinedFiles.of(root);
      } catch (IOException e) {
        throw new NodeFailure("not_found", "ingest root " + root + " cannot be opened: " + e.getMessage());
      }
      Chunker chunker = new Chunker(split.by(), split.maxTokens(), split.overlapTokens());
      DocumentIngest.Report r = new DocumentIngest(res.memory(), ns, include, chunker, split.key(), maxBytes, maxFiles).run(files);
      Map<String, Object> d = new LinkedHashMap<>(r.asMap());
      d.remove("skipped");
      d.put("skipped", (long) r.skipped().size());
      if (!r.skipped().isEmpty()) d.put("warnings", r.skipped());
      MemoryOps.trace(ctx, "ingest", ns, t0, d);
      return output == null ? NodeResult.empty() : NodeResult.of(Map.of(output, r.asMap()));
    }

    @Override
    public Set<String> writes() {
      return output == null ? Set.of() : Set.of(output);
    }
  }

  /**
   * Citations for recalled hits, numbered from 1 in rank order (the {@code [n]} an answer cites):
   * {@code {n, id, source, page, heading, start, end, text, score}}; a record stored without a
   * source cites its id.
   */
  static List<Object> citations(List<Memory.Hit> hits) {
    List<Object> out = new ArrayList<>();
    for (Memory.Hit h : hits) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("n", (long) out.size() + 1);
      c.put("id", h.id());
      Map<String, Object> m = h.metadata();
      c.put("source", m.get("source") instanceof String s ? s : h.id());
      for (String k : List.of("page", "heading", "start", "end")) if (m.get(k) != null) c.put(k, m.get(k));
      c.put("text", h.text());
      c.put("score", Math.round(h.score() * 10000) / 10000.0);
      out.add(c);
    }
    return out;
  }
}
