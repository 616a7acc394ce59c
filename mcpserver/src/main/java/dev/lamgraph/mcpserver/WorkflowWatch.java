package dev.lamgraph.mcpserver;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Polls the paths {@code lam mcp} serves (files, and the workflow files of folders, as {@link
 * WorkflowSet#load}) and hands the new {@link WorkflowSet} to {@code onChange} when a file was
 * added, removed or edited: a file whose modification time or size changed is compiled again (for
 * inspection, as {@link WorkflowSet#of}); one that no longer compiles keeps its last good version
 * (its tool stays and runs that version) and is reported once to {@code log}; a new file that does
 * not compile is not served until it does. ({@code lam serve} polls with its own registry.)
 *
 * <pre>{@code
 * WorkflowWatch w = new WorkflowWatch(paths, compiler, set, Duration.ofSeconds(1), server::update, stderr::println);
 * w.start(); ... w.close();
 * }</pre>
 */
public final class WorkflowWatch implements AutoCloseable {
  private record Seen(long mtime, long size, WorkflowSet.Entry entry) {}

  private final List<Path> paths;
  private final Compiler inspect;
  private final Duration period;
  private final Consumer<WorkflowSet> onChange;
  private final Consumer<String> log;
  private final Map<Path, Seen> byFile = new LinkedHashMap<>();
  private Thread thread;

  /** Watches {@code paths}, whose workflows are {@code initial} now; {@code period} between scans. */
  public WorkflowWatch(List<Path> paths, Compiler compiler, WorkflowSet initial, Duration period, Consumer<WorkflowSet> onChange,
      Consumer<String> log) {
    this.paths = List.copyOf(paths.isEmpty() ? List.of(Path.of("")) : paths);
    this.inspect = compiler.envOptional();
    this.period = period;
    this.onChange = onChange;
    this.log = log;
    for (WorkflowSet.Entry e : initial.entries()) byFile.put(e.file(), new Seen(mtime(e.file()), size(e.file()), e));
  }

  /** Looks at the files once; calls {@code onChange} and returns true when the served set changed. */
  public synchronized boolean scan() {
    List<Path> files;
    try {
      files = WorkflowSet.files(paths);
    } catch (WorkflowSet.LoadException e) {
      files = paths.stream().filter(Files::isRegularFile).toList(); // a folder gone serves nothing; a file gone, nothing
    }
    List<Path> all = new ArrayList<>(files.stream().map(f -> f.toAbsolutePath().normalize()).toList());
    // a served file caught half written (no nodes:/edges: yet) is still that workflow: it keeps its tool
    for (Map.Entry<Path, Seen> e : byFile.entrySet()) {
      if (e.getValue().entry != null && !all.contains(e.getKey()) && Files.isRegularFile(e.getKey())) all.add(e.getKey());
    }
    boolean changed = false;
    Set<Path> seen = new HashSet<>();
    for (Path f : all) {
      Path abs = f.toAbsolutePath().normalize();
      seen.add(abs);
      long mtime = mtime(abs);
      long size = size(abs);
      Seen old = byFile.get(abs);
      if (old != null && old.mtime == mtime && old.size == size) continue;
      WorkflowSet.Entry entry = load(abs, old == null ? null : old.entry);
      byFile.put(abs, new Seen(mtime, size, entry));
      changed |= old == null ? entry != null : !java.util.Objects.equals(old.entry, entry);
    }
    changed |= byFile.keySet().removeIf(f -> !seen.contains(f) && byFile.get(f).entry != null);
    byFile.keySet().removeIf(f -> !seen.contains(f));
    if (changed) onChange.accept(current());
    return changed;
  }

  /** The workflows served now. */
  public synchronized WorkflowSet current() {
    List<WorkflowSet.Entry> entries = new ArrayList<>();
    for (Seen s : byFile.values()) if (s.entry != null) entries.add(s.entry);
    return WorkflowSet.tolerant(entries, log);
  }

  private WorkflowSet.Entry load(Path f, WorkflowSet.Entry old) {
    try (CompiledGraph g = inspect.compile(f)) {
      return WorkflowSet.entry(f, g);
    } catch (WorkflowException x) {
      log.accept(f + " has " + WorkflowSet.summary(x) + (old == null ? "; not served until it compiles"
          : "; tool " + old.tool() + " keeps its last good version"));
      return old;
    } catch (RuntimeException x) {
      return old; // a file that vanished mid-read: the next scan sees the folder as it is
    }
  }

  private static long mtime(Path f) {
    try {
      return Files.getLastModifiedTime(f).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Scans every period on a daemon thread until {@link #close}. */
  public synchronized void start() {
    if (thread != null) return;
    thread = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(period.toMillis());
          scan();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          log.accept("lam mcp: watching the workflow files: " + e.getMessage());
        }
      }
    }, "lam-mcp-watch");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void close() {
    if (thread != null) thread.interrupt();
  }
}
