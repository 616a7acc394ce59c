package dev.lamgraph.nodes.memory;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.nodes.NodesCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles {@code op: ingest}: the root must be an existing directory (relative to the workflow
 * file), the overlap smaller than the chunk size.
 *
 * <pre>{@code
 * ingest: { type: memory, op: ingest, namespace: handbook, root: docs, include: ["*.md", "*.pdf"],
 *           split: { by: paragraph, max_tokens: 200, overlap_tokens: 20 }, max_file_bytes: 5MiB, output: report }
 * }</pre>
 */
final class DocumentConfig {
  private static final Pattern SIZE = Pattern.compile("^([0-9]+)(B|KB|KiB|MB|MiB|GB|GiB)$");

  private DocumentConfig() {}

  static Optional<Node> ingest(NodeSpec spec, CompileContext ctx, MemorySection.MemoryResource res, String ns) {
    YNode.YMap c = spec.config();
    String rootText = c.string("root").orElse(null);
    if (rootText == null) {
      ctx.problems().error(dev.lamgraph.engine.node.Codes.MISSING_FIELD, c.pos(), "memory node '" + spec.name() + "' (op ingest) needs 'root'");
      return Optional.empty();
    }
    Path root = ctx.baseDir().resolve(rootText).normalize();
    boolean ok = true;
    if (!Files.isDirectory(root)) {
      ctx.problems().error(NodesCodes.MEMORY_ROOT, c.valuePos("root"), "memory node '" + spec.name() + "': root '" + rootText
          + "' is not an existing directory (relative to the workflow file)");
      ok = false;
    }
    YNode.YMap split = c.get("split").orElse(null) instanceof YNode.YMap m ? m : null;
    String by = split == null ? "paragraph" : split.string("by").orElse("paragraph");
    int max = split == null ? 200 : integer(split, "max_tokens", 200);
    int overlap = split == null ? 20 : integer(split, "overlap_tokens", Math.min(20, max / 4));
    if (overlap >= max) {
      ctx.problems().error(NodesCodes.MEMORY_ROOT, split.valuePos("overlap_tokens"), "memory node '" + spec.name()
          + "': overlap_tokens (" + overlap + ") must be smaller than max_tokens (" + max + ")");
      ok = false;
    }
    String out = null;
    if (c.get("output").isPresent()) {
      out = MemoryNodeType.outputChannel(spec, ctx, "output", ValueType.OBJECT);
      if (out == null) ok = false;
    }
    List<String> include = new ArrayList<>();
    if (c.get("include").orElse(null) instanceof YNode.YList l) for (YNode i : l.items()) include.add(String.valueOf(i.plain()));
    long maxBytes = size(c.get("max_file_bytes").map(YNode::plain).orElse(null), 10L << 20);
    int maxFiles = integer(c, "max_files", 10_000);
    if (!ok) return Optional.empty();
    return Optional.of(new DocumentOps.Ingest(res, ns, root, include, new DocumentOps.Split(by, max, overlap), maxBytes, maxFiles, out));
  }

  private static int integer(YNode.YMap m, String key, int dflt) {
    return m.get(key).map(YNode::plain).filter(Number.class::isInstance).map(v -> ((Number) v).intValue()).orElse(dflt);
  }

  /** A size ({@code 65536}, {@code 64KiB}, {@code 5MiB}) in bytes. */
  static long size(Object v, long dflt) {
    if (v instanceof Number n) return n.longValue();
    Matcher m = v instanceof String s ? SIZE.matcher(s) : null;
    if (m == null || !m.matches()) return dflt;
    long unit = switch (m.group(2)) {
      case "KB" -> 1000L;
      case "KiB" -> 1024L;
      case "MB" -> 1000_000L;
      case "MiB" -> 1L << 20;
      case "GB" -> 1000_000_000L;
      case "GiB" -> 1L << 30;
      default -> 1L;
    };
    return Long.parseLong(m.group(1)) * unit;
  }
}
