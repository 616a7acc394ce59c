package dev.lamgraph.engine.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a node's update is applied to a channel. */
public enum ReducerKind {
  /** The update replaces the value. */
  REPLACE,
  /** The update (an item, or a list of items) is appended to a list. */
  APPEND,
  /** The update (an object) is shallow-merged into an object; a null value removes the key. */
  MERGE,
  /** The update (a number) is added to the value. */
  ADD,
  /**
   * LangGraph's {@code add_messages}: chat messages whose id is already present replace it, others
   * are appended (ids assigned when missing); {@code {type: remove, id}} removes one.
   */
  ADD_MESSAGES;

  public String yamlName() {
    return name().toLowerCase();
  }

  public static Optional<ReducerKind> parse(String s) {
    return Arrays.stream(values()).filter(t -> t.yamlName().equals(s)).findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(ReducerKind::yamlName).toList();
  }

  /** The reducer a channel of type {@code t} gets when it names none. */
  public static ReducerKind defaultFor(ValueType t) {
    return t == ValueType.MESSAGES ? ADD_MESSAGES : REPLACE;
  }

  /** Whether this reducer applies to a channel of the given type. */
  public boolean fits(ValueType t) {
    return switch (this) {
      case REPLACE -> true;
      case APPEND -> t == ValueType.LIST || t == ValueType.ANY;
      case MERGE -> t == ValueType.OBJECT || t == ValueType.ANY;
      case ADD -> t == ValueType.INTEGER || t == ValueType.NUMBER;
      case ADD_MESSAGES -> t == ValueType.MESSAGES;
    };
  }
}
