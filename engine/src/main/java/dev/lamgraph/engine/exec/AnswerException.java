package dev.lamgraph.engine.exec;

import java.util.List;

/**
 * A resume was refused because its input does not fit what the paused thread waits for (an answer
 * that breaks the node's JSON Schema, a state edit naming an unknown channel or of the wrong
 * type). Nothing was changed: the thread is still paused and can be resumed with a valid answer.
 *
 * <pre>{@code
 * try {
 *   runs.resume(graph, "t-1", Map.of("approved", "maybe"));
 * } catch (AnswerException e) {
 *   e.problems(); // ["$.approved: string found, boolean expected"]
 * }
 * }</pre>
 */
public final class AnswerException extends RuntimeException {
  private final transient List<String> problems;

  public AnswerException(String message, List<String> problems) {
    super(message + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)));
    this.problems = List.copyOf(problems);
  }

  /** Each violation, e.g. {@code $.approved: string found, boolean expected}. */
  public List<String> problems() {
    return problems;
  }
}
