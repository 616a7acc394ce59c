package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A state channel's rules: its type and reducer. {@link #apply} updates the live state in place
 * (appending to a list or merging into a map costs the size of the update, not of the state).
 */
public final class Channel {
  private final ChannelSpec spec;

  Channel(ChannelSpec spec) {
    this.spec = spec;
  }

  public String name() {
    return spec.name();
  }

  public ValueType type() {
    return spec.type();
  }

  public ReducerKind reducer() {
    return spec.reducer();
  }

  public ChannelSpec spec() {
    return spec;
  }

  /** The initial value: the declared default, or [] / {} for append / merge channels, or absent. */
  public boolean hasInitial() {
    return spec.hasDefault() || spec.reducer() == ReducerKind.APPEND || spec.reducer() == ReducerKind.MERGE;
  }

  public Object initial() {
    if (spec.hasDefault() && spec.defaultValue() != null) return deepCopy(normalize(spec.defaultValue()));
    if (spec.type() == ValueType.LIST || spec.reducer() == ReducerKind.APPEND) return new ArrayList<>();
    if (spec.type() == ValueType.OBJECT || spec.reducer() == ReducerKind.MERGE) return new LinkedHashMap<>();
    return null;
  }

  /** Null when {@code v} has this channel's type; else the actual type name. */
  public String typeError(Object v) {
    return fits(spec.type(), v) ? null : ValueType.describe(v);
  }

  /** Whether {@code v} is a value of type {@code t} (integers count as numbers). */
  public static boolean fits(ValueType t, Object v) {
    if (v == null) return true;
    return switch (t) {
      case STRING -> v instanceof String;
      case INTEGER -> v instanceof Long || v instanceof Integer;
      case NUMBER -> v instanceof Number;
      case BOOLEAN -> v instanceof Boolean;
      case LIST -> v instanceof List<?>;
      case OBJECT -> v instanceof Map<?, ?>;
      case ANY -> true;
    };
  }

  /** Numbers channels hold doubles, integer channels longs. */
  public Object normalize(Object v) {
    if (v instanceof Integer i) v = i.longValue();
    if (spec.type() == ValueType.NUMBER && v instanceof Long l) return l.doubleValue();
    if (spec.type() == ValueType.INTEGER && v instanceof Double d && d == Math.rint(d)) return d.longValue();
    return v;
  }

  /**
   * Applies one update to {@code state} in place.
   *
   * @throws StateTypeException when the update does not fit the channel
   */
  @SuppressWarnings("unchecked")
  public void apply(Map<String, Object> state, Object update, String node) throws StateTypeException {
    String name = spec.name();
    switch (spec.reducer()) {
      case REPLACE -> {
        Object v = normalize(update);
        String bad = typeError(v);
        if (bad != null) throw new StateTypeException(node, name, spec.type().yamlName(), bad);
        state.put(name, v);
      }
      case APPEND -> {
        Object cur = state.get(name);
        List<Object> list;
        if (cur instanceof List<?> l) {
          list = (List<Object>) l;
        } else {
          list = new ArrayList<>();
          state.put(name, list);
        }
        if (update instanceof List<?> items) {
          for (Object i : items) list.add(checkItem(node, i));
        } else {
          list.add(checkItem(node, update));
        }
      }
      case MERGE -> {
        if (!(update instanceof Map<?, ?> m)) {
          throw new StateTypeException(node, name, "object (merge)", ValueType.describe(update));
        }
        Object cur = state.get(name);
        Map<String, Object> target;
        if (cur instanceof Map<?, ?> c) {
          target = (Map<String, Object>) c;
        } else {
          target = new LinkedHashMap<>();
          state.put(name, target);
        }
        for (var e : m.entrySet()) {
          if (e.getValue() == null) target.remove(String.valueOf(e.getKey()));
          else target.put(String.valueOf(e.getKey()), e.getValue());
        }
      }
      case ADD -> {
        if (!(update instanceof Number n)) {
          throw new StateTypeException(node, name, spec.type().yamlName() + " (add)", ValueType.describe(update));
        }
        Object cur = state.get(name);
        Number base = cur instanceof Number c ? c : 0L;
        Object sum = spec.type() == ValueType.INTEGER && !(n instanceof Double)
            ? (Object) (base.longValue() + n.longValue())
            : (Object) (base.doubleValue() + n.doubleValue());
        String bad = typeError(sum);
        if (bad != null) throw new StateTypeException(node, name, spec.type().yamlName(), bad);
        state.put(name, normalize(sum));
      }
    }
  }

  private Object checkItem(String node, Object item) throws StateTypeException {
    if (spec.items() != null) {
      Object v = item instanceof Integer i ? (Object) i.longValue() : item;
      if (spec.items() == ValueType.NUMBER && v instanceof Long l) v = l.doubleValue();
      if (!fits(spec.items(), v)) {
        throw new StateTypeException(node, spec.name() + "[]", spec.items().yamlName(), ValueType.describe(v));
      }
      return v;
    }
    return item instanceof Integer i ? i.longValue() : item;
  }

  /** A deep copy of a JSON-shaped value. */
  @SuppressWarnings("unchecked")
  public static Object deepCopy(Object v) {
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) out.add(deepCopy(o));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, o) -> out.put(k, deepCopy(o)));
      return out;
    }
    return v;
  }
}
