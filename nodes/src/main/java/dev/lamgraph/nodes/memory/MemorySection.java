package dev.lamgraph.nodes.memory;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.SectionType;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.nodes.memory.graph.GraphStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code memory:} configures long-term memory: {@code store:} a SQLite file, relative to the workflow file (default:
 * {@code LAM_MEMORY} of the compile's environment, else {@code .lam/memory.db} next to the workflow); {@code graph:} where the graph memory lives (default the same file). The store opens on the first
 * memory operation, and the embedding model loads on the first embed.
 */
public final class MemorySection implements SectionType {
  @Override
  public String name() {
    return "memory";
  }

  @Override
  public String summary() {
    return "Long-term memory store used by memory nodes (SQLite file with local all-MiniLM-L6-v2 embeddings).";
  }

  @Override
  public String schema() {
    return """
        {"type":"object","additionalProperties":false,"properties":{
          "store":{"type":"string","description":"SQLite file of the memory store, relative to the workflow (default .lam/memory.db next to it)"},
          "graph":{"type":"string","description":"where the graph memory (entities, relations) lives: a SQLite file relative to the workflow, or a postgresql:// URL (password as ${ENV}); default the store's file"},
          "embedding":{"enum":["all-minilm-l6-v2"],"description":"embedding model (local, offline)"}}}""";
  }

  @Override
  public String example() {
    return "memory: { store: .lam/memory.db, embedding: all-minilm-l6-v2 }";
  }

  @Override
  public int order() {
    return 50;
  }

  @Override
  public Optional<Object> compile(YNode section, CompileContext ctx) {
    String configured = section instanceof YNode.YMap m ? m.string("store").orElse(null) : null;
    String env = ctx.env().get("LAM_MEMORY");
    Path file = configured != null ? ctx.baseDir().resolve(configured)
        : env != null && !env.isBlank() ? Path.of(env) : ctx.baseDir().resolve(".lam").resolve("memory.db");
    String graph = section instanceof YNode.YMap m ? m.string("graph").orElse(null) : null;
    String graphAt = graph == null ? file.toString() : graph.startsWith("postgres") ? graph : ctx.baseDir().resolve(graph).toString();
    return Optional.of(new MemoryResource(file, Embedder.miniLm(), graphAt, ctx.env()));
  }

  /** The section's resource: the memory store, opened on first use. */
  public static final class MemoryResource implements AutoCloseable {
    private final Path file;
    private final Embedder embedder;
    private final String graphAt;
    private final java.util.Map<String, String> env;
    private Memory memory;
    private GraphStore graph;

    public MemoryResource(Path file, Embedder embedder) {
      this(file, embedder, file.toString(), java.util.Map.of());
    }

    /** A store whose graph memory lives at {@code graphAt} (SQLite file or {@code postgresql://} URL resolved with {@code env}). */
    public MemoryResource(Path file, Embedder embedder, String graphAt, java.util.Map<String, String> env) {
      this.file = file;
      this.embedder = embedder;
      this.graphAt = graphAt;
      this.env = env;
    }

    /** The graph memory, opened on first use. */
    public synchronized GraphStore graph() {
      if (graph == null) graph = GraphStore.open(graphAt, env);
      return graph;
    }

    public Path file() {
      return file;
    }

    public synchronized Memory memory() {
      if (memory == null) memory = new SqliteMemory(file, embedder);
      return memory;
    }

    @Override
    public synchronized void close() {
      if (memory != null) memory.close();
      if (graph != null) graph.close();
    }
  }
}
