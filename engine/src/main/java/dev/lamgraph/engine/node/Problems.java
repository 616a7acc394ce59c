package dev.lamgraph.engine.node;

import dev.lamgraph.engine.spec.Pos;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every diagnostic of a load/check/compile pass, so all problems are reported at once,
 * in source order; a follow-on problem ({@link #errorAfter}) is listed right after its cause.
 */
public final class Problems {
  private final List<Diagnostic> all = new ArrayList<>();
  private final Map<Diagnostic, Pos> causes = new HashMap<>();

  public void error(String code, Pos pos, String message) {
    all.add(Diagnostic.error(code, pos, message));
  }

  /**
   * An error that follows from another problem at {@code cause} (a node unreachable because an
   * edge misnames it): listed right after the diagnostics at {@code cause}, not at its own place.
   */
  public void errorAfter(String code, Pos pos, String message, Pos cause) {
    Diagnostic d = Diagnostic.error(code, pos, message);
    all.add(d);
    causes.put(d, cause);
  }

  public void warning(String code, Pos pos, String message) {
    all.add(Diagnostic.warning(code, pos, message));
  }

  public void add(Diagnostic d) {
    all.add(d);
  }

  public boolean hasErrors() {
    return all.stream().anyMatch(Diagnostic::isError);
  }

  /** Sorted by position (follow-on problems after their cause), duplicates removed. */
  public List<Diagnostic> list() {
    List<Diagnostic> out = new ArrayList<>(all.stream().distinct().toList());
    Comparator<Diagnostic> at = Comparator.comparingInt((Diagnostic d) -> where(d).line()).thenComparingInt(d -> where(d).col())
        .thenComparing(causes::containsKey).thenComparing(Comparator.naturalOrder());
    out.sort(at);
    return List.copyOf(out);
  }

  private Pos where(Diagnostic d) {
    return causes.getOrDefault(d, d.pos());
  }
}
