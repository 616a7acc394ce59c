package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.node.Node;
import java.util.List;
import java.util.Set;

/**
 * What a compiled node runs: a {@link Task} (a plugin {@link Node}, called by the executors'
 * node policy) or a control body the executor runs itself ({@link MapBody}, {@link
 * SubgraphBody}). The type is sealed and every executor dispatches through {@link #match}, so a
 * new kind of body is a compile error in each place that runs, checks or converts bodies, not a
 * {@code run()} that throws at run time.
 *
 * <pre>{@code
 * NodeOutcome o = node.body().match(new NodeBody.Cases<CallContext, NodeOutcome, Exception>() {
 *   public NodeOutcome task(NodeBody.Task t, CallContext ctx) throws Exception { return ...t.node().run(ctx)...; }
 *   public NodeOutcome map(MapBody m, CallContext ctx) throws Exception { return maps.run(m, ctx); }
 *   public NodeOutcome subgraph(SubgraphBody s, CallContext ctx) throws Exception { return subgraphs.run(s, ctx); }
 * }, ctx);
 * }</pre>
 */
public sealed interface NodeBody extends AutoCloseable permits NodeBody.Task, MapBody, SubgraphBody {
  /** Channels this body may write, for static checks; empty when unknown. */
  Set<String> writes();

  /** Calls the case of {@code cases} for this body, with {@code arg}. */
  <A, R, X extends Exception> R match(Cases<A, R, X> cases, A arg) throws X;

  /** Releases what the body holds (a subgraph's child graph, a closeable plugin node). */
  @Override
  default void close() {}

  /** One handler per kind of body (Java 17 has no pattern matching in {@code switch}). */
  interface Cases<A, R, X extends Exception> {
    R task(Task t, A arg) throws X;

    R map(MapBody m, A arg) throws X;

    R subgraph(SubgraphBody s, A arg) throws X;
  }

  /** A plugin node: {@link Node#run} is called under the node's retry / timeout policy. */
  record Task(Node node) implements NodeBody {
    @Override
    public Set<String> writes() {
      return node.writes();
    }

    @Override
    public <A, R, X extends Exception> R match(Cases<A, R, X> cases, A arg) throws X {
      return cases.task(this, arg);
    }

    @Override
    public void close() {
      CompiledGraph.closeAll(List.of(node));
    }
  }
}
