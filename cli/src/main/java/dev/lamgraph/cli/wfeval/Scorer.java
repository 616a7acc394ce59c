package dev.lamgraph.cli.wfeval;

import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.trace.TraceEvent;
import java.util.List;

/**
 * Scores one run of an evaluation: a value from 0 to 1 and whether it passes, or {@link
 * Score#skipped} when the case lacks what the scorer needs (e.g. a reference).
 */
public interface Scorer {
  /** As written on the command line: {@code exact}, {@code cel:EXPR}, {@code trajectory:MODE}, {@code path:MODE}, {@code judge:MODEL}. */
  String name();

  Score score(EvalCase c, Run run);

  /** What a run left: its result, its trace events and the value of the output channel. */
  record Run(RunResult result, List<TraceEvent> events, Object output) {}

  /** A score: null value when skipped; {@code detail} says why it is what it is. */
  record Score(Double value, boolean passed, String detail) {
    public static Score of(boolean ok, String detail) {
      return new Score(ok ? 1.0 : 0.0, ok, detail);
    }

    public static Score skipped(String why) {
      return new Score(null, true, why);
    }
  }
}
