package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.expr.Expr;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A compiled {@code type: subgraph} node (see {@link SubgraphNodeType}): runs {@code child} as a
 * thread of its own, started with the values of {@code input} (CEL over the parent's state, by
 * child channel), and writes {@code output} (CEL over the child's final state, by parent channel).
 * The executor runs it (a control node: it has no {@code run()}).
 */
public record SubgraphBody(Path file, CompiledGraph child, Map<String, Expr> input, Map<String, Expr> output)
    implements NodeBody {
  public SubgraphBody {
    input = Collections.unmodifiableMap(new LinkedHashMap<>(input));
    output = Collections.unmodifiableMap(new LinkedHashMap<>(output));
  }

  @Override
  public Set<String> writes() {
    return output.keySet();
  }

  @Override
  public <A, R, X extends Exception> R match(Cases<A, R, X> cases, A arg) throws X {
    return cases.subgraph(this, arg);
  }

  @Override
  public void close() {
    child.close();
  }
}
