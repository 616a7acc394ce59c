package dev.lamgraph.engine.lg4j;

import java.util.List;
import java.util.stream.Collectors;

/** A workflow uses constructs langgraph4j cannot express; {@link #gaps()} lists every one. */
public final class Lg4jUnsupportedException extends Exception {
  private final transient List<Lg4jGap> gaps;

  public Lg4jUnsupportedException(String workflow, List<Lg4jGap> gaps) {
    super("workflow '" + workflow + "' cannot be expressed as a langgraph4j StateGraph:\n  "
        + gaps.stream().map(Lg4jGap::toString).collect(Collectors.joining("\n  ")));
    this.gaps = List.copyOf(gaps);
  }

  public List<Lg4jGap> gaps() {
    return gaps;
  }
}
