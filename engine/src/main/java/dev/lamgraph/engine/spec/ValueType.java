package dev.lamgraph.engine.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON-shaped types a state channel can declare. {@code messages} is a list of chat messages
 * (see {@code compile.Messages}) whose default reducer is {@code add_messages}.
 */
public enum ValueType {
  STRING, INTEGER, NUMBER, BOOLEAN, LIST, OBJECT, ANY, MESSAGES;

  public String yamlName() {
    return name().toLowerCase();
  }

  public static Optional<ValueType> parse(String s) {
    return Arrays.stream(values()).filter(t -> t.yamlName().equals(s)).findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(ValueType::yamlName).toList();
  }

  /** The type name of a runtime value, as a user would read it. */
  public static String describe(Object v) {
    if (v == null) return "null";
    if (v instanceof String) return "string";
    if (v instanceof Long || v instanceof Integer) return "integer";
    if (v instanceof Double || v instanceof Float) return "number";
    if (v instanceof Boolean) return "boolean";
    if (v instanceof List<?>) return "list";
    if (v instanceof Map<?, ?>) return "object";
    return v.getClass().getSimpleName();
  }
}
