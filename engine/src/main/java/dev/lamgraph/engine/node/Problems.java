package dev.lamgraph.engine.node;

import dev.lamgraph.engine.spec.Pos;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects every diagnostic of a load/check/compile pass, so all problems are reported at once. */
public final class Problems {
  private final List<Diagnostic> all = new ArrayList<>();

  public void error(String code, Pos pos, String message) {
    all.add(Diagnostic.error(code, pos, message));
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

  /** Sorted by position, duplicates removed. */
  public List<Diagnostic> list() {
    List<Diagnostic> out = new ArrayList<>(all.stream().distinct().toList());
    Collections.sort(out);
    return List.copyOf(out);
  }
}
