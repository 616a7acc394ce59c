package dev.lamgraph.nodes.planner;

import dev.lamgraph.nodes.tool.Tool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleDirectedGraph;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * Symbolic planning without a model: tools declare the state keys they {@code need} and
 * {@code give}; the planner finds a shortest chain of tools that leads from the keys the state
 * already has to the goal keys. Tools are applied in rounds (a tool is usable once all its needs
 * are known), which gives each key the fewest tools needed to produce it; the plan is the goal's
 * support, ordered topologically with jgrapht.
 *
 * <pre>{@code
 * Optional<List<String>> plan = GoalPlanner.plan(tools, Set.of("mail_dir"), Set.of("reply_draft"));
 * }</pre>
 */
public final class GoalPlanner {
  private GoalPlanner() {}

  /** Tool names in execution order, or empty when the goal cannot be reached. */
  public static Optional<List<String>> plan(Collection<Tool> tools, Set<String> known, Set<String> goal) {
    Map<String, Tool> producer = new HashMap<>();
    Map<String, Integer> depth = new HashMap<>();
    known.forEach(k -> depth.put(k, 0));
    boolean changed = true;
    int round = 0;
    while (changed && !depth.keySet().containsAll(goal)) {
      changed = false;
      round++;
      Map<String, Tool> fresh = new HashMap<>();
      for (Tool t : tools) {
        if (!depth.keySet().containsAll(t.needs())) continue;
        for (String g : t.gives()) {
          if (!depth.containsKey(g) && !fresh.containsKey(g)) fresh.put(g, t);
        }
      }
      for (var e : fresh.entrySet()) {
        depth.put(e.getKey(), round);
        producer.put(e.getKey(), e.getValue());
        changed = true;
      }
    }
    if (!depth.keySet().containsAll(goal)) return Optional.empty();
    Graph<String, DefaultEdge> g = new SimpleDirectedGraph<>(DefaultEdge.class);
    Set<String> used = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(goal);
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String key = todo.remove(todo.size() - 1);
      if (!seen.add(key) || !producer.containsKey(key)) continue;
      Tool t = producer.get(key);
      if (used.add(t.name())) g.addVertex(t.name());
      for (String need : t.needs()) {
        Tool before = producer.get(need);
        if (before != null) {
          g.addVertex(before.name());
          if (!before.name().equals(t.name())) g.addEdge(before.name(), t.name());
        }
        todo.add(need);
      }
    }
    List<String> order = new ArrayList<>();
    new TopologicalOrderIterator<>(g, Comparator.naturalOrder()).forEachRemaining(order::add);
    return Optional.of(order);
  }
}
