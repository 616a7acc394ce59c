package dev.lamgraph.server.runs;

import dev.lamgraph.engine.compile.CompiledGraph;
import java.util.Map;

/**
 * What a run does on lamgraph's executor, decided from the thread's head and the request.
 *
 * @param kind START a new lamgraph thread; RESUME the head; CONTINUE from a state (new input on
 *     a finished thread: a new link starts from START with that state plus the input); FORK at a
 *     past checkpoint (a new link, then resumed)
 * @param link the lamgraph thread the run executes on
 * @param from for CONTINUE and FORK: the lamgraph thread and step the state comes from
 * @param values START: input; RESUME and FORK: the answer / update; CONTINUE: the input
 * @param edits FORK: the edits committed as the fork's checkpoint
 * @param startStep the step the run starts after (its first event is about the next one)
 * @param next FORK: the nodes the fork goes to ({@code command.goto}), or null for the checkpoint's next
 */
record Plan(Kind kind, CompiledGraph graph, String link, String from, long fromStep, Map<String, Object> values,
    Map<String, Object> edits, long startStep, java.util.List<String> next) {
  Plan(Kind kind, CompiledGraph graph, String link, String from, long fromStep, Map<String, Object> values,
      Map<String, Object> edits, long startStep) {
    this(kind, graph, link, from, fromStep, values, edits, startStep, null);
  }

  enum Kind { START, RESUME, CONTINUE, FORK }
}
