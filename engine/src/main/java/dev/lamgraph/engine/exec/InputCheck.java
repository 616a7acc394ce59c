package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Messages;
import dev.lamgraph.engine.expr.InputRefs;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.util.Spelling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a run's input maps to a workflow: a key that names a channel seeds it (its value must fit
 * the channel's type, the check both executors make when they start a thread); any key is also
 * {@code input.KEY} in expressions. {@link #problems} is that check made before a thread exists,
 * plus one more: a key that is neither a channel nor read by any expression as {@code input.KEY}
 * is unknown (a typo, with "did you mean" the closest known key), unless an expression uses
 * {@code input} in a way that may read any key ({@link InputRefs#open()}).
 *
 * <pre>{@code
 * InputCheck.problems(graph, Map.of("minbytes", 5));
 * // ["input 'minbytes' is not a channel of workflow 'w', nor read as input.minbytes; known inputs: min_bytes; did you mean 'min_bytes'?"]
 * }</pre>
 */
public final class InputCheck {
  private InputCheck() {}

  /** Every key that is unknown or does not fit its channel, in the input's order; empty when the input fits. */
  public static List<String> problems(CompiledGraph graph, Map<String, Object> input) {
    List<String> out = new ArrayList<>();
    InputRefs refs = graph.inputRefs();
    Set<String> known = new TreeSet<>(graph.channels().keySet());
    known.addAll(refs.keys());
    for (var e : input.entrySet()) {
      Channel c = graph.channels().get(e.getKey());
      if (c != null) {
        String bad = typeError(c, e.getKey(), e.getValue());
        if (bad != null) out.add(bad);
      } else if (!refs.open() && !refs.keys().contains(e.getKey())) {
        out.add("input '" + e.getKey() + "' is not a channel of workflow '" + graph.name() + "', nor read as input."
            + e.getKey() + "; known inputs: " + (known.isEmpty() ? "(none)" : String.join(", ", known))
            + Spelling.didYouMean(e.getKey(), known));
      }
    }
    return out;
  }

  /**
   * Why {@code value}, given as input {@code key}, does not fit channel {@code c} (the same words
   * as the run's {@code input_error}), or null when it fits.
   */
  public static String typeError(Channel c, String key, Object value) {
    String bad = c.typeError(c.normalize(value));
    if (bad == null && c.type() == ValueType.MESSAGES) {
      try {
        Messages.of(value);
      } catch (Messages.BadMessage e) {
        return "input '" + key + "' has " + e.getMessage() + ", but channel '" + key + "' expects chat messages";
      }
    }
    return bad == null ? null : "input '" + key + "' is " + bad + ", but channel '" + key + "' expects " + c.type().yamlName();
  }
}
