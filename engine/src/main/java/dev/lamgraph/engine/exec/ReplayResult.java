package dev.lamgraph.engine.exec;

import java.util.List;

/**
 * The outcome of {@link Runs#replay}: a finished thread run again from its start with the same
 * input and its recorded calls, into a new thread.
 *
 * <pre>{@code
 * ReplayResult r = runs.replay(graph, "t-1");
 * if (!r.matches()) System.err.println("replay differs: " + r.differences());
 * }</pre>
 *
 * @param differences what differs, e.g. {@code status: done vs failed (...)}, {@code path: step 3 ran [a] vs [b]},
 *     {@code steps: 4 vs 3} or {@code channel 'log': ...}; empty when it matches
 */
public record ReplayResult(String original, String replay, RunResult result, boolean matches, List<String> differences) {
  public ReplayResult {
    differences = List.copyOf(differences);
  }
}
