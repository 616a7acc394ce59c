package dev.lamgraph.nodes.memory;

import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.tool.ToolSchemas;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code type: memory}: {@code op: store | recall | forget} over long-term memory (namespaced,
 * similarity search with local embeddings), and {@code op: trim} of a short-term message list.
 *
 * <pre>{@code
 * remember: { type: memory, op: store, namespace: vendors, text: "state.invoice.vendor", id: "state.invoice.vendor" }
 * recall:   { type: memory, op: recall, namespace: incidents, query: "state.failure", top_k: 3, output: similar }
 * forget:   { type: memory, op: forget, namespace: scratch }
 * ingest:   { type: memory, op: ingest, namespace: handbook, root: docs, split: { by: paragraph, max_tokens: 200 } }
 * ask:      { type: memory, op: recall, namespace: handbook, query: "input.question", search: hybrid, citations: sources }
 * trim:     { type: memory, op: trim, messages: history, keep_last: 20, summary: older }
 * link:     { type: memory, op: link, namespace: ops, graph: "state.extracted" }   # {entities: [...], relations: [...]}
 * around:   { type: memory, op: neighbours, namespace: ops, entity: "'orders-service'", depth: 2, output: context }
 * expand:   { type: memory, op: expand, namespace: ops, hits: "state.similar", depth: 1, output: related }
 * }</pre>
 */
public final class MemoryNodeType implements NodeType {
  @Override
  public String name() {
    return "memory";
  }

  @Override
  public String summary() {
    return "Long-term memory (store / recall top-k by vector, keyword or hybrid search with filters and citations / forget, by "
        + "namespace), document ingestion (txt, md, html, pdf under a root), a graph memory (link entities and typed relations with provenance; "
        + "neighbours, shortest path, expand recall hits to linked entities) and short-term trimming of a message list.";
  }

  @Override
  public String configSchema() {
    return """
        {"type":"object","additionalProperties":false,"required":["op"],"properties":{
          "op":{"enum":["store","recall","forget","trim","ingest","link","neighbours","path","expand"]},
          "namespace":{"type":"string","pattern":"^[A-Za-z0-9_.-]+$"},
          "graph":{"type":"string","description":"link: CEL expression giving {entities: [{id, type, name, properties, source}], relations: [{from, type, to, properties, source}]} to upsert into the graph memory"},
          "source":{"type":"string","description":"link: provenance source recorded with each fact (default the node's name; an item's own source wins)"},
          "entity":{"type":"string","description":"neighbours: CEL expression giving an entity id or a list of ids"},
          "from":{"type":"string","description":"path: CEL expression giving the first entity id"},
          "to":{"type":"string","description":"path: CEL expression giving the last entity id"},
          "max_length":{"type":"integer","minimum":1,"maximum":8,"description":"path: most relations in the path (default 4)"},
          "hits":{"type":"string","description":"expand: CEL expression giving recall hits; each hit's id and its metadata's link_key name entities"},
          "link_key":{"type":"string","description":"expand: metadata key of a hit naming entities (a string or a list; default entities)"},
          "depth":{"type":"integer","minimum":0,"maximum":5,"description":"neighbours/expand: relations followed from the entities (default 1)"},
          "relations":{"type":"array","items":{"type":"string","minLength":1},"description":"neighbours/path/expand: relation types followed (default all)"},
          "text":{"type":"string","description":"store: CEL expression giving the text to remember"},
          "id":{"type":"string","description":"store/forget: CEL expression giving the record id (store default: hash of the text)"},
          "metadata":{"type":"string","description":"store: CEL expression giving an object stored with the text"},
          "query":{"type":"string","description":"recall: CEL expression giving the query text"},
          "top_k":{"type":"integer","minimum":1,"maximum":100},
          "min_score":{"type":"number","minimum":-1,"maximum":1,"description":"recall: lowest cosine kept (search vector or exact only; keyword and hybrid scores are not cosines)"},
          "output":{"type":"string","description":"recall: list channel receiving the hits [{id,text,metadata,score}]; ingest: object channel receiving the report {files,ingested,unchanged,removed,chunks,skipped}; link: object channel receiving {entities,relations} counts written; neighbours/expand: object channel receiving {entities,relations,facts} (expand also linked: the hit entities found); path: object channel receiving {found,length,entities,relations,facts}"},
          "search":{"enum":["vector","keyword","hybrid","exact"],"description":"recall: vector = HNSW nearest neighbours (default, score cosine), keyword = BM25, hybrid = both by reciprocal rank fusion, exact = scan every vector"},
          "filter":{"type":"string","description":"recall: CEL expression giving an object of metadata key -> value or list of values (any); all keys must match"},
          "citations":{"type":"string","description":"recall: list channel receiving citations [{n,id,source,page,heading,start,end,text,score}], n = the [n] an answer cites"},
          "root":{"type":"string","description":"ingest: directory of documents (.txt .md .html .pdf), relative to the workflow file; read with the file tool's confinement"},
          "include":{"type":"array","items":{"type":"string","minLength":1},"description":"ingest: glob patterns of paths under the root (a pattern without / also matches file names); default every supported file"},
          "split":{"type":"object","additionalProperties":false,"description":"ingest: how documents are chunked (langchain4j splitters, sizes in tokens of the embedding model)","properties":{
            "by":{"enum":["paragraph","sentence"]},
            "max_tokens":{"type":"integer","minimum":16,"maximum":2000,"description":"largest chunk (default 200)"},
            "overlap_tokens":{"type":"integer","minimum":0,"maximum":500,"description":"tokens repeated from the previous chunk (default 20)"}}},
          "max_file_bytes":%s,
          "max_files":{"type":"integer","minimum":1,"description":"ingest: most files read under the root (default 10000)"},
          "messages":{"type":"string","description":"trim: list channel (reducer replace) to trim"},
          "keep_last":{"type":"integer","minimum":0},
          "summary":{"type":"string","description":"trim: string channel receiving a short summary of what was dropped"}}}"""
        .formatted(ToolSchemas.SIZE);
  }

  @Override
  public String example() {
    return "recall: { type: memory, op: recall, namespace: incidents, query: \"state.error_line\", top_k: 3, output: similar }";
  }

  @Override
  public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
    YNode.YMap c = spec.config();
    String op = c.string("op").orElse("");
    if (op.equals("trim")) return trim(spec, ctx);
    String ns = c.string("namespace").orElse(null);
    if (ns == null) {
      ctx.problems().error(Codes.MISSING_FIELD, c.pos(), "memory node '" + spec.name() + "' (op " + op + ") needs 'namespace'");
      return Optional.empty();
    }
    MemorySection.MemoryResource res = ctx.section("memory", MemorySection.MemoryResource.class)
        .orElseGet(() -> new MemorySection.MemoryResource(ctx.baseDir().resolve(".lam").resolve("memory.db"), Embedder.miniLm()));
    return switch (op) {
      case "store" -> {
        Optional<Expr> text = required(spec, ctx, "text");
        Optional<Expr> id = optional(spec, ctx, "id");
        Optional<Expr> meta = optional(spec, ctx, "metadata");
        if (text.isEmpty() || (c.get("id").isPresent() && id.isEmpty()) || (c.get("metadata").isPresent() && meta.isEmpty())) {
          yield Optional.empty();
        }
        yield Optional.of(new MemoryOps.Store(res, ns, text.get(), id.orElse(null), meta.orElse(null)));
      }
      case "recall" -> {
        Optional<Expr> query = required(spec, ctx, "query");
        boolean cites = c.get("citations").isPresent();
        String out = c.get("output").isPresent() || !cites ? outputChannel(spec, ctx, "output", ValueType.LIST) : null;
        String citations = cites ? outputChannel(spec, ctx, "citations", ValueType.LIST) : null;
        Optional<Expr> filter = optional(spec, ctx, "filter");
        if (query.isEmpty() || (out == null && (c.get("output").isPresent() || !cites)) || (cites && citations == null)
            || (c.get("filter").isPresent() && filter.isEmpty())) {
          yield Optional.empty();
        }
        int k = c.get("top_k").map(YNode::plain).filter(Number.class::isInstance).map(v -> ((Number) v).intValue()).orElse(3);
        double min = c.get("min_score").map(YNode::plain).filter(Number.class::isInstance).map(v -> ((Number) v).doubleValue()).orElse(-1.0);
        Memory.Search search = Memory.Search.valueOf(c.string("search").orElse("vector").toUpperCase(Locale.ROOT));
        if (c.get("min_score").isPresent() && (search == Memory.Search.KEYWORD || search == Memory.Search.HYBRID)) {
          ctx.problems().error(NodesCodes.MEMORY_MIN_SCORE, c.keyPos("min_score"), "memory node '" + spec.name() + "': min_score is a "
              + "cosine (-1..1) and applies to search vector or exact; search " + c.string("search").orElse("")
              + " ranks by " + (search == Memory.Search.KEYWORD ? "BM25 (unbounded)" : "reciprocal rank fusion") + ", so drop min_score or use top_k");
          yield Optional.empty();
        }
        yield Optional.of(new MemoryOps.Recall(res, ns, query.get(), k, min, out, search, filter.orElse(null), citations));
      }
      case "ingest" -> DocumentConfig.ingest(spec, ctx, res, ns);
      case "forget" -> {
        Optional<Expr> id = optional(spec, ctx, "id");
        if (c.get("id").isPresent() && id.isEmpty()) yield Optional.empty();
        yield Optional.of(new MemoryOps.Forget(res, ns, id.orElse(null)));
      }
      case "link", "neighbours", "path", "expand" -> GraphConfig.create(op, spec, ctx, res, ns);
      default -> Optional.empty();
    };
  }

  private Optional<Node> trim(NodeSpec spec, CompileContext ctx) {
    YNode.YMap c = spec.config();
    String messages = c.string("messages").orElse(null);
    if (messages == null) {
      ctx.problems().error(Codes.MISSING_FIELD, c.pos(), "memory node '" + spec.name() + "' (op trim) needs 'messages'");
      return Optional.empty();
    }
    ChannelSpec ch = ctx.channels().get(messages);
    if (ch == null || ch.type() != ValueType.LIST || ch.reducer() != ReducerKind.REPLACE) {
      ctx.problems().error(Codes.OUTPUT_CHANNEL, c.valuePos("messages"), "memory node '" + spec.name() + "': 'messages' must name a list "
          + "channel with reducer replace (trimming rewrites the list); '" + messages + "' is "
          + (ch == null ? "not declared" : ch.type().yamlName() + " with reducer " + ch.reducer().yamlName()));
      return Optional.empty();
    }
    String summary = c.get("summary").isPresent() ? outputChannel(spec, ctx, "summary", ValueType.STRING) : null;
    if (c.get("summary").isPresent() && summary == null) return Optional.empty();
    int keep = c.get("keep_last").map(YNode::plain).filter(Number.class::isInstance).map(v -> ((Number) v).intValue()).orElse(20);
    return Optional.of(new MemoryOps.Trim(messages, keep, summary));
  }

  static Optional<Expr> required(NodeSpec spec, CompileContext ctx, String key) {
    if (spec.config().string(key).isEmpty()) {
      ctx.problems().error(Codes.MISSING_FIELD, spec.config().pos(), "memory node '" + spec.name() + "' needs '" + key + "'");
      return Optional.empty();
    }
    return optional(spec, ctx, key);
  }

  private static Optional<Expr> optional(NodeSpec spec, CompileContext ctx, String key) {
    return spec.config().string(key).flatMap(src -> ctx.expression(src, spec.config().valuePos(key),
        "memory node '" + spec.name() + "' " + key));
  }

  static String outputChannel(NodeSpec spec, CompileContext ctx, String key, ValueType type) {
    return ctx.outputChannel(spec, key, type).map(ChannelSpec::name).orElse(null);
  }
}
