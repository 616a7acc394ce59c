package dev.lamgraph.server.workflows;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The workflows a server serves: every workflow file under its paths ({@link WorkflowFiles}),
 * compiled with a fresh {@link Compiler} from {@code compilers}. {@link #scan} reloads the files
 * whose modification time or size changed; a file that stops compiling keeps its last good
 * version, with the new diagnostics beside it. {@link #watch} scans every {@code period} on a
 * daemon thread. Two files with one workflow name: the first (by path) is served, the other is
 * reported by {@link #problems}. {@code lam serve} compiles for inspection ({@code
 * Compiler.envOptional()}): a workflow whose models lack their environment variables is served
 * (graph, schemas) with MISSING_ENV warnings, and refuses to start runs.
 *
 * <pre>{@code
 * WorkflowRegistry r = new WorkflowRegistry(List.of(Path.of("graphs")), () -> Compiler.withDefaults(env, secrets), Clock.systemUTC());
 * r.scan();
 * CompiledGraph g = r.get("counter").orElseThrow().graph();
 * }</pre>
 */
public final class WorkflowRegistry implements AutoCloseable {
  private final List<Path> roots;
  private final Supplier<Compiler> compilers;
  private final Clock clock;
  private final Map<Path, Entry> byFile = new LinkedHashMap<>();
  private volatile Map<String, ServedWorkflow> byName = Map.of();
  private volatile List<String> problems = List.of();
  private final List<Consumer<ServedWorkflow>> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> scanListeners = new CopyOnWriteArrayList<>();
  private final List<CompiledGraph> retired = new ArrayList<>();
  private Thread watcher;

  private record Entry(long mtime, long size, ServedWorkflow served) {}

  public WorkflowRegistry(List<Path> roots, Supplier<Compiler> compilers, Clock clock) {
    this.roots = List.copyOf(roots);
    this.compilers = compilers;
    this.clock = clock;
  }

  public List<Path> roots() {
    return roots;
  }

  /** Calls {@code l} with each workflow (re)loaded or newly broken by a later {@link #scan}. */
  public void onChange(Consumer<ServedWorkflow> l) {
    listeners.add(l);
  }

  /**
   * Calls {@code l} after each later {@link #scan} that changed the workflows: a file reloaded,
   * newly broken, added or removed (then {@link #all} is the new list), e.g. to refresh {@code /mcp}'s tools.
   */
  public void onScan(Runnable l) {
    scanListeners.add(l);
  }

  /** Looks at the files again; returns the workflows that changed (reloaded or newly broken). */
  public synchronized List<ServedWorkflow> scan() {
    List<ServedWorkflow> changed = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    Set<Path> files = new java.util.LinkedHashSet<>(WorkflowFiles.find(roots));
    // A file served before that no longer looks like a workflow (caught half-written by an editor
    // that truncates then writes, or edited into something else) is a broken workflow that keeps
    // its last good version, not a file that went away; only a deleted file is dropped.
    for (Path f : byFile.keySet()) if (Files.isRegularFile(f)) files.add(f);
    for (Path f : files) {
      seen.add(f);
      long mtime;
      long size;
      try {
        mtime = Files.getLastModifiedTime(f).toMillis();
        size = Files.size(f);
      } catch (IOException e) {
        continue;
      }
      Entry old = byFile.get(f);
      if (old != null && old.mtime == mtime && old.size == size) continue;
      ServedWorkflow w = load(f, old == null ? null : old.served);
      byFile.put(f, new Entry(mtime, size, w));
      changed.add(w);
    }
    boolean removed = byFile.keySet().removeIf(f -> !seen.contains(f));
    index();
    for (ServedWorkflow w : changed) listeners.forEach(l -> l.accept(w));
    if (removed || !changed.isEmpty()) scanListeners.forEach(Runnable::run);
    return changed;
  }

  private ServedWorkflow load(Path f, ServedWorkflow old) {
    Compiler c = compilers.get();
    try {
      CompiledGraph g = c.compile(f);
      List<Diagnostic> warnings = c.check(f).stream().filter(d -> !d.isError()).toList();
      if (old != null && old.graph() != null) retired.add(old.graph());
      return new ServedWorkflow(g.name(), f, g, warnings, true, clock.instant(), old == null ? 1 : old.version() + 1);
    } catch (WorkflowException e) {
      if (old != null && old.graph() != null) {
        return new ServedWorkflow(old.name(), f, old.graph(), e.diagnostics(), false, old.loaded(), old.version());
      }
      return new ServedWorkflow(baseName(f), f, null, e.diagnostics(), false, clock.instant(), 0);
    }
  }

  private void index() {
    Map<String, ServedWorkflow> names = new LinkedHashMap<>();
    List<String> dup = new ArrayList<>();
    for (Entry e : byFile.values()) {
      ServedWorkflow w = e.served;
      ServedWorkflow first = names.putIfAbsent(w.name(), w);
      if (first != null) dup.add(w.file() + ": workflow name '" + w.name() + "' is already served from " + first.file() + "; not served");
    }
    byName = Map.copyOf(names);
    problems = List.copyOf(dup);
  }

  private static String baseName(Path f) {
    String n = f.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  /** Every served workflow, by name. */
  public List<ServedWorkflow> all() {
    return byName.values().stream().sorted(java.util.Comparator.comparing(ServedWorkflow::name)).toList();
  }

  public Optional<ServedWorkflow> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Files that are not served, with the reason (a workflow name used twice). */
  public List<String> problems() {
    return problems;
  }

  /** Scans every {@code period} on a daemon thread until {@link #close}. */
  public synchronized void watch(Duration period) {
    if (watcher != null) return;
    watcher = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(period.toMillis());
          scan();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // a file that vanished mid-scan: the next scan sees the folder as it is
        }
      }
    }, "lam-serve-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  @Override
  public synchronized void close() {
    if (watcher != null) watcher.interrupt();
    for (Entry e : byFile.values()) {
      if (e.served.graph() != null) e.served.graph().close();
    }
    retired.forEach(CompiledGraph::close);
    byFile.clear();
    byName = Map.of();
  }
}
