package dev.lamgraph.engine.util;


/**
 * The length of a value's JSON (as {@link Json#write} writes it), counted without building the
 * string (plain JSON values by hand; anything else through Jackson).
 *
 * <pre>{@code
 * long n = JsonSize.of(Map.of("a", List.of(1, 2))); // 11: {"a":[1,2]}
 * }</pre>
 */
public final class JsonSize {
  private JsonSize() {}

  /** The length in chars of {@code v}'s JSON text ({@link JsonText#length}). */
  public static long of(Object v) {
    return JsonText.length(v);
  }
}
