package dev.lamgraph.nodes.memory;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.SectionType;
import dev.lamgraph.engine.spec.YNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code memory:} configures long-term memory: {@code store:} a SQLite file, relative to the workflow file (default:
 * {@code LAM_MEMORY} of the compile's environment, else {@code .lam/memory.db} next to the workflow). The store opens on the first
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
    return Optional.of(new MemoryResource(file, Embedder.miniLm()));
  }

  /** The section's resource: the memory store, opened on first use. */
  public static final class MemoryResource implements AutoCloseable {
    private final Path file;
    private final Embedder embedder;
    private Memory memory;

    public MemoryResource(Path file, Embedder embedder) {
      this.file = file;
      this.embedder = embedder;
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
    }
  }
}
