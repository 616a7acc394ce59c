package dev.lamgraph.engine.work;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Compiled workflows by their stored source, so a worker compiles each version of a workflow once. */
final class GraphCache {
  private static final int MAX = 64;

  private final Compiler compiler;
  private final Map<String, CompiledGraph> graphs = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CompiledGraph> e) {
      return size() > MAX;
    }
  };

  GraphCache(Compiler compiler) {
    this.compiler = compiler;
  }

  /** The run's workflow, compiled from the source stored with it (relative paths resolve beside its file when present). */
  synchronized CompiledGraph get(ThreadInfo t) throws WorkflowException {
    String file = t.file() == null ? t.workflow() + ".yaml" : t.file();
    String key = file + "\u0000" + t.source();
    CompiledGraph g = graphs.get(key);
    if (g == null) {
      Path dir = Path.of(file).toAbsolutePath().getParent();
      Path base = dir != null && Files.isDirectory(dir) ? dir : Path.of("").toAbsolutePath();
      g = compiler.compileText(file, t.source() == null ? "" : t.source(), base);
      graphs.put(key, g);
    }
    return g;
  }
}
