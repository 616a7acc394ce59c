package dev.lamgraph.engine.node;

import dev.lamgraph.engine.spec.Pos;

/**
 * One problem found in a workflow, printed as {@code file:line:col: error[CODE]: message}.
 * Tests assert the {@link #code()} and position, not the prose.
 */
public record Diagnostic(Severity severity, String code, Pos pos, String message) implements Comparable<Diagnostic> {
  public enum Severity { ERROR, WARNING }

  public static Diagnostic error(String code, Pos pos, String message) {
    return new Diagnostic(Severity.ERROR, code, pos, message);
  }

  public static Diagnostic warning(String code, Pos pos, String message) {
    return new Diagnostic(Severity.WARNING, code, pos, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** One line, always: a message quoting a multi-line expression or value has its line breaks folded. */
  public String format() {
    return pos + ": " + severity.name().toLowerCase() + "[" + code + "]: " + message.replaceAll("\\s*\\R\\s*", " ");
  }

  @Override
  public int compareTo(Diagnostic o) {
    int c = Integer.compare(pos.line(), o.pos.line());
    if (c == 0) c = Integer.compare(pos.col(), o.pos.col());
    return c != 0 ? c : code.compareTo(o.code);
  }

  @Override
  public String toString() {
    return format();
  }
}
