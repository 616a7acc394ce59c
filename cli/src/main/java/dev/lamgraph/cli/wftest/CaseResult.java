package dev.lamgraph.cli.wftest;

import java.util.List;

/**
 * The outcome of one test case: passed, failed (the failed expectations, first one first, and the
 * state diff) or error (the case could not run to a verdict, e.g. its timeout).
 */
public record CaseResult(String file, String name, Outcome outcome, List<String> failures, List<String> diff, long millis) {
  public CaseResult {
    failures = List.copyOf(failures);
    diff = List.copyOf(diff);
  }

  /** How a case ended. */
  public enum Outcome { PASSED, FAILED, ERROR }

  public boolean passed() {
    return outcome == Outcome.PASSED;
  }
}
