package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.Compatibility;
import dev.lamgraph.engine.exec.Owner;
import dev.lamgraph.engine.spec.WorkflowVersion;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moving a thread to another workflow file ({@code lam migrate}, {@code lam resume --workflow}):
 * what breaks ({@link Compatibility}), then, when nothing does, the thread records the new text.
 */
final class Migration {
  private Migration() {}

  /** What breaks when {@code info} moves to {@code to}; empty when it can move. */
  static List<String> breaks(Terminal t, CheckpointStore s, ThreadInfo info, CompiledGraph to) {
    List<String> out = new ArrayList<>();
    if (info.status() == RunStatus.DONE) {
      out.add("it is done; only unfinished threads move");
      return out;
    }
    if (info.owner() != null && !info.owner().equals(t.runOptions().owner()) && Owner.alive(info.owner())) {
      out.add("it is being run by " + info.owner() + "; stop it first");
      return out;
    }
    Optional<CompiledGraph> from = Workflows.tryInspectStored(t, info);
    try {
      // a stored copy that no longer compiles: the new file is checked against the thread's data alone
      out.addAll(Compatibility.check(from.orElse(to), to, s, info));
    } finally {
      from.ifPresent(CompiledGraph::close);
    }
    return out;
  }

  /** Records {@code to} as the thread's workflow; false (and nothing changed) when another process holds it. */
  static boolean move(Terminal t, CheckpointStore s, ThreadInfo info, CompiledGraph to) {
    String owner = t.runOptions().owner();
    try {
      s.claim(info.id(), owner, Owner::alive);
    } catch (StoreException e) {
      if (e.reason() == StoreException.Reason.LOCKED) return false;
      throw e;
    }
    try {
      s.setWorkflow(info.id(), to.name(), Workflows.fileOf(to), to.spec().source());
      return true;
    } finally {
      s.release(info.id(), owner);
    }
  }

  /** {@code 1 (sha256:…) -> 2 (sha256:…)}. */
  static String change(ThreadInfo info, CompiledGraph to) {
    return WorkflowVersion.of(info.source()).label() + " -> " + WorkflowVersion.of(to.spec().source()).label();
  }
}
