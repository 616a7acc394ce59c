package dev.lamgraph.engine.spec;

/**
 * A source position in a workflow file (1-based line and column).
 *
 * <pre>{@code new Pos("graphs/a.yaml", 3, 5).toString() // "graphs/a.yaml:3:5"}</pre>
 */
public record Pos(String file, int line, int col) {
  public static final Pos UNKNOWN = new Pos("<unknown>", 0, 0);

  @Override
  public String toString() {
    return file + ":" + line + ":" + col;
  }
}
