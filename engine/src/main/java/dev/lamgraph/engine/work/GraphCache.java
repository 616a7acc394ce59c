package dev.lamgraph.engine.work;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiled workflows by their stored source, so a worker compiles each version of a workflow once.
 * The cache owns its graphs: a graph it evicts is closed once no run uses it any more ({@link
 * #acquire} / {@link #release}), and {@link #close} closes the rest.
 */
final class GraphCache implements AutoCloseable {
  private static final int MAX = 64;

  private final Compiler compiler;
  private final Map<String, Entry> graphs = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> e) {
      if (size() <= MAX) return false;
      e.getValue().evicted = true;
      if (e.getValue().users == 0) closeEntry(e.getValue());
      return true;
    }
  };
  private final Map<CompiledGraph, Entry> live = new IdentityHashMap<>();

  private static final class Entry {
    final CompiledGraph graph;
    int users;
    boolean evicted;

    Entry(CompiledGraph graph) {
      this.graph = graph;
    }
  }

  GraphCache(Compiler compiler) {
    this.compiler = compiler;
  }

  /**
   * The run's workflow, compiled from the source stored with it (relative paths resolve beside its
   * file when present); the caller gives it back with {@link #release} when the run ends.
   */
  synchronized CompiledGraph acquire(ThreadInfo t) throws WorkflowException {
    String file = t.file() == null ? t.workflow() + ".yaml" : t.file();
    String key = file + "\u0000" + t.source();
    Entry e = graphs.get(key);
    if (e == null) {
      Path dir = Path.of(file).toAbsolutePath().getParent();
      Path base = dir != null && Files.isDirectory(dir) ? dir : Path.of("").toAbsolutePath();
      e = new Entry(compiler.compileText(file, t.source() == null ? "" : t.source(), base));
      live.put(e.graph, e);
      e.users++; // before put: putting may evict the eldest, never this one
      graphs.put(key, e);
      return e.graph;
    }
    e.users++;
    return e.graph;
  }

  /** A run of {@code graph} ended; an evicted graph that no run uses is closed. */
  synchronized void release(CompiledGraph graph) {
    Entry e = live.get(graph);
    if (e == null) return;
    e.users--;
    if (e.evicted && e.users <= 0) closeEntry(e);
  }

  /** Closes every cached graph (the worker has stopped: no run uses them). */
  @Override
  public synchronized void close() {
    List<Entry> all = new ArrayList<>(live.values());
    graphs.clear();
    all.forEach(this::closeEntry);
  }

  /** How many graphs are open (cached, or evicted and still in use); for tests. */
  synchronized int open() {
    return live.size();
  }

  private void closeEntry(Entry e) {
    live.remove(e.graph);
    e.graph.close();
  }
}
