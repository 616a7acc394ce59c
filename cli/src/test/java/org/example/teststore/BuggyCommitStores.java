package org.example.teststore;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.StoreProvider;
import dev.lamgraph.engine.trace.TraceEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code test-buggy:NAME@STEP}: the threads of {@code test-mem:NAME} ({@link NamedMemoryStores}),
 * whose commit of step STEP throws an unchecked exception, as an engine bug would; for tests of
 * what {@code lam run}/{@code lam resume} do with such a bug.
 */
public final class BuggyCommitStores implements StoreProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("test-buggy");
  }

  @Override
  public String usage() {
    return "test-buggy:NAME@STEP";
  }

  @Override
  public CheckpointStore open(String url, Map<String, String> env) {
    String rest = url.substring(url.indexOf(':') + 1);
    int at = rest.lastIndexOf('@');
    if (at <= 0) throw new StoreException(StoreException.Reason.UNAVAILABLE, "store URL '" + url + "' is not test-buggy:NAME@STEP");
    String name = rest.substring(0, at);
    long badStep = Long.parseLong(rest.substring(at + 1));
    return new NamedMemoryStores.Named("test-buggy:" + rest, NamedMemoryStores.data(name)) {
      @Override
      public void commit(String threadId, String owner, Checkpoint checkpoint, List<TraceEvent> events) {
        if (checkpoint.step() == badStep) throw new IllegalStateException("engine bug on commit of step " + badStep);
        super.commit(threadId, owner, checkpoint, events);
      }
    };
  }
}
