package dev.lamgraph.engine.compile;

import java.util.Set;

/**
 * A compiled {@code type: map} node (see {@link MapNodeType}): runs {@code inner} once per item
 * of the list in channel {@code over}, each run seeing the item in channel {@code item}, at most
 * {@code maxConcurrency} at a time (0: all at once), and writes the values each run wrote to
 * {@code collect}, in item order, to {@code output}. The executor runs it (a control node: it
 * has no {@code run()}).
 *
 * @param item the channel that holds the current item in each run's view of the state
 */
public record MapBody(String over, Channel item, String collect, String output, int maxConcurrency, CompiledNode inner)
    implements NodeBody {
  @Override
  public Set<String> writes() {
    return Set.of(output);
  }

  @Override
  public <A, R, X extends Exception> R match(Cases<A, R, X> cases, A arg) throws X {
    return cases.map(this, arg);
  }

  /** Closes the inner node (a map over a subgraph holds the child graph). */
  @Override
  public void close() {
    inner.body().close();
  }
}
