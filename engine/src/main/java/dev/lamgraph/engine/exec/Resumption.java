package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.compile.NodeBody;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Spelling;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a thread continues, given the input of a resume, decided (and validated) before anything
 * is changed, so a refused input leaves the thread exactly as it was.
 *
 * <ul>
 *   <li>Paused inside a node ({@code when: node}): the input is the node's answer. When the node
 *       gave a JSON Schema, the answer is checked against it: for an object schema the whole
 *       input map is the answer; for any other type the input holds one key (e.g. {@code
 *       approved=true}) whose value is the answer.
 *   <li>Paused after a fork made just before a node that asks a person (a {@code human} node to
 *       run next): the input answers it (checked as above), so one resume applies the fork and
 *       answers; the fork's own edits were given with it ({@code lam fork --set}).
 *   <li>Paused at {@code interrupt_before}, {@code interrupt_after} or after a fork: the input is a
 *       state update, applied through the reducers and committed as its own checkpoint by
 *       {@code __human__} before the run continues ("approve or edit the plan, then run the tools").
 *   <li>Failed or interrupted by a crash: the input is ignored.
 * </ul>
 */
final class Resumption {
  /** The author of state edits given on resume. */
  static final String HUMAN = "__human__";

  /**
   * @param resumeValues answers by node name
   * @param pending updates of nodes that succeeded in the paused step, by node name
   * @param edits a state update to commit first (empty for none)
   */
  record Plan(Map<String, Object> resumeValues, Map<String, Map<String, Object>> pending, boolean skipInterruptBefore,
      Map<String, Object> edits) {
    static final Plan NONE = new Plan(Map.of(), Map.of(), false, Map.of());
  }

  private Resumption() {}

  /** @throws AnswerException when {@code answer} does not fit what the thread waits for */
  static Plan plan(CompiledGraph g, CheckpointStore store, ThreadInfo t, Map<String, Object> answer) {
    if (t.status() != RunStatus.PAUSED || t.detailJson() == null) return Plan.NONE;
    Map<String, Object> detail = Json.readMap(t.detailJson());
    Object when = detail.get("when");
    if ("node".equals(when)) {
      String node = String.valueOf(detail.get("node"));
      Map<String, Object> values = new HashMap<>();
      values.put(node, answerFor(g, store, detail, node, answer));
      return new Plan(values, pending(detail), false, Map.of());
    }
    if ("fork".equals(when) && !answer.isEmpty()) {
      CompiledNode asks = asksNext(g, store, t);
      if (asks != null) {
        Map<String, Object> d = new HashMap<>();
        d.put("schema", ((NodeBody.Task) asks.body()).node().answerSchema());
        return new Plan(Map.of(asks.name(), answerFor(g, store, d, asks.name(), answer)), Map.of(), false, Map.of());
      }
    }
    return new Plan(Map.of(), Map.of(), "before".equals(when), checkEdits(g, answer));
  }

  /** The one node to run next that asks a person and says what it accepts (a human node), or null. */
  private static CompiledNode asksNext(CompiledGraph g, CheckpointStore store, ThreadInfo t) {
    CompiledNode found = null;
    for (String name : StateLog.at(g, store, t.id(), t.step()).checkpoint().next()) {
      CompiledNode n = g.nodes().get(name);
      if (n == null || n.spec().interruptBefore() || !(n.body() instanceof NodeBody.Task task)
          || !n.type().pauses() || task.node().answerSchema() == null) {
        continue;
      }
      if (found != null) return null; // two ask at once: which one the input answers is unclear
      found = n;
    }
    return found;
  }

  /** The value handed to the paused node; checks it against the node's schema (and output channel). */
  static Object answerFor(CompiledGraph g, CheckpointStore store, Map<String, Object> detail, String node,
      Map<String, Object> answer) {
    if (detail.get("child_thread") instanceof String child && g.nodes().get(node) != null) {
      SubgraphRunner.checkAnswer(g.nodes().get(node), store, child, answer); // the child's resume takes it as is
      return answer;
    }
    if (!(detail.get("schema") instanceof String schema)) return answer;
    Object value = shape(node, schema, answer);
    List<String> problems = SchemaCheck.validate(schema, value);
    if (!problems.isEmpty()) {
      throw new AnswerException("the answer to node '" + node + "' does not match its schema " + schema, problems);
    }
    Channel out = answerChannel(g, node);
    if (out != null) {
      try {
        out.apply(new HashMap<>(), value, node); // dry run: the channel's type checks
      } catch (StateTypeException e) {
        throw new AnswerException("the answer to node '" + node + "' does not fit its output channel: " + e.getMessage(),
            List.of());
      }
    }
    return value;
  }

  /** The channel a node that pauses writes its answer to (its single written channel), or null. */
  private static Channel answerChannel(CompiledGraph g, String node) {
    CompiledNode n = g.nodes().get(node);
    if (n == null || !n.type().pauses() || n.writes().size() != 1) return null;
    return g.channels().get(n.writes().iterator().next());
  }

  /** For an object schema, the whole input; otherwise the value of its single key. */
  private static Object shape(String node, String schema, Map<String, Object> answer) {
    Object type = Json.readMap(schema).get("type");
    if ("object".equals(type)) return answer;
    if (answer.size() == 1) return answer.values().iterator().next();
    if (type == null && !answer.isEmpty()) return answer;
    throw new AnswerException("node '" + node + "' waits for one " + (type == null ? "value" : type + " value")
        + " (schema " + schema + "); give it as a single input such as `--input answer=VALUE`, got "
        + (answer.isEmpty() ? "no input" : answer.size() + " keys: " + String.join(", ", answer.keySet())), List.of());
  }

  /** A state update given on resume: every key a declared channel, every value of its type. */
  static Map<String, Object> checkEdits(CompiledGraph g, Map<String, Object> edits) {
    for (String k : edits.keySet()) {
      if (!g.channels().containsKey(k)) {
        throw new AnswerException("cannot update unknown channel '" + k + "'; declared: "
            + String.join(", ", g.channels().keySet()) + Spelling.didYouMean(k, g.channels().keySet()), List.of());
      }
    }
    try {
      StateLog.apply(g, new HashMap<>(), List.of(new StateLog.Write(HUMAN, edits)));
    } catch (StateTypeException e) {
      throw new AnswerException("the state update does not fit: " + e.getMessage(), List.of());
    }
    return new LinkedHashMap<>(edits);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> pending(Map<String, Object> detail) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    if (detail.get("pending") instanceof List<?> l) {
      for (Object o : l) {
        Map<String, Object> m = (Map<String, Object>) o;
        out.put(String.valueOf(m.get("node")), (Map<String, Object>) m.get("updates"));
      }
    }
    return out;
  }
}
