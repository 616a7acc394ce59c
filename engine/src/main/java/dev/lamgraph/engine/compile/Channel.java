package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import java.util.ArrayList;
import java.util.Collections;
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
    return spec.hasDefault() || spec.reducer() == ReducerKind.APPEND || spec.reducer() == ReducerKind.MERGE
        || spec.type() == ValueType.MESSAGES;
  }

  public Object initial() {
    if (spec.hasDefault() && spec.defaultValue() != null && spec.type() == ValueType.MESSAGES) {
      try {
        return Messages.of(spec.defaultValue());
      } catch (Messages.BadMessage e) {
        return new ArrayList<>(); // ChannelChecks refused the default
      }
    }
    if (spec.hasDefault() && spec.defaultValue() != null) return deepCopy(normalizeItems(normalize(spec.defaultValue())));
    if (spec.type() == ValueType.MESSAGES || spec.reducer() == ReducerKind.APPEND) return new ArrayList<>();
    if (spec.type() == ValueType.OBJECT || spec.reducer() == ReducerKind.MERGE) return new LinkedHashMap<>();
    return null;
  }

  /**
   * Null when {@code v} has this channel's type; else the actual type name, or for a number that
   * is not an integer the number and why ("number 2.5 (not a whole number)").
   */
  public String typeError(Object v) {
    return fits(spec.type(), v) ? null : describe(spec.type(), v);
  }

  /** {@code v}'s type as a user reads it; a number refused by an integer channel shows itself ({@link Integers}). */
  private static String describe(ValueType t, Object v) {
    return t == ValueType.INTEGER && v instanceof Number n ? Integers.why(n) : ValueType.describe(v);
  }

  /** Whether {@code v} is a value of type {@code t} (integers count as numbers). */
  public static boolean fits(ValueType t, Object v) {
    if (v == null) return true;
    return switch (t) {
      case STRING -> v instanceof String;
      case INTEGER -> v instanceof Long || v instanceof Integer;
      case NUMBER -> v instanceof Number;
      case BOOLEAN -> v instanceof Boolean;
      case LIST, MESSAGES -> v instanceof List<?>;
      case OBJECT -> v instanceof Map<?, ?>;
      case ANY -> true;
    };
  }

  /**
   * An input value as this channel holds it: normalised, and for a messages channel read into
   * typed messages with ids (a value {@code InputCheck} refused is returned as it is).
   */
  public Object input(Object value) {
    Object v = normalize(value);
    if (spec.type() != ValueType.MESSAGES) return v;
    try {
      return Messages.of(v);
    } catch (Messages.BadMessage e) {
      return v;
    }
  }

  /** Numbers channels hold doubles, integer channels longs. */
  public Object normalize(Object v) {
    return normalize(spec.type(), v);
  }

  /**
   * {@code v} as a value of type {@code t} holds it: ints become longs, longs doubles for numbers;
   * for integers a whole number within the long range becomes that long ({@link Integers#exact}),
   * and any other number stays as it is, for {@link #typeError} to refuse (never clamped).
   */
  public static Object normalize(ValueType t, Object v) {
    if (t == ValueType.INTEGER) return Integers.exact(v);
    if (v instanceof Integer i) v = i.longValue();
    if (t == ValueType.NUMBER && v instanceof Long l) return l.doubleValue();
    return v;
  }

  /**
   * Applies one update to {@code state} in place. A failed update leaves the state unchanged.
   *
   * @throws StateTypeException when the update does not fit the channel
   */
  @SuppressWarnings("unchecked")
  public void apply(Map<String, Object> state, Object update, String node) throws StateTypeException {
    String name = spec.name();
    switch (spec.reducer()) {
      case REPLACE -> replace(state, update, node);
      case APPEND -> {
        finite(node, update);
        List<Object> add = checkItems(node, update instanceof List<?> l ? l : Collections.singletonList(update));
        Object cur = state.get(name);
        if (cur instanceof List<?> l) {
          ((List<Object>) l).addAll(add);
        } else {
          state.put(name, add);
        }
      }
      case MERGE -> {
        if (!(update instanceof Map<?, ?> m)) {
          throw new StateTypeException(node, name, "object (merge)", ValueType.describe(update));
        }
        finite(node, update);
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
          else target.put(String.valueOf(e.getKey()), normalize(ValueType.ANY, e.getValue()));
        }
      }
      case ADD_MESSAGES -> {
        finite(node, update);
        Object cur = state.get(name);
        List<Object> target = cur instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
        try {
          Messages.add(target, update); // reads every item before changing the list: all or nothing
        } catch (Messages.BadMessage e) {
          throw new StateTypeException(node, name, "chat messages", e.getMessage());
        }
        state.put(name, target);
      }
      case ADD -> {
        Object n = normalize(update);
        String bad = n instanceof Number ? typeError(n) : ValueType.describe(n);
        if (bad != null) throw new StateTypeException(node, name, spec.type().yamlName() + " (add)", bad);
        finite(node, n);
        Object cur = state.get(name);
        Number base = cur instanceof Number c ? c : 0L;
        Object sum;
        try {
          sum = spec.type() == ValueType.INTEGER
              ? (Object) Math.addExact(base.longValue(), ((Number) n).longValue())
              : (Object) (base.doubleValue() + ((Number) n).doubleValue());
        } catch (ArithmeticException e) { // a long sum would wrap around
          throw new StateTypeException(node, name, "integer (add)", "a sum beyond the integer range (" + base + " + " + n + ")");
        }
        if (sum instanceof Double d && !Double.isFinite(d)) {
          throw new StateTypeException(node, name, FINITE, "a sum that overflows to " + d);
        }
        state.put(name, sum);
      }
    }
  }

  /**
   * Sets the value whatever the reducer (after the same type checks): how input seeds a channel
   * and how a fork's edits apply. A failed update leaves the state unchanged.
   */
  public void replace(Map<String, Object> state, Object value, String node) throws StateTypeException {
    Object v = normalize(value);
    String bad = typeError(v);
    if (bad != null) throw new StateTypeException(node, spec.name(), spec.type().yamlName(), bad);
    finite(node, v);
    if (v instanceof List<?> l && spec.items() != null) v = checkItems(node, l);
    if (spec.type() == ValueType.MESSAGES) {
      try {
        v = Messages.of(v);
      } catch (Messages.BadMessage e) {
        throw new StateTypeException(node, spec.name(), "chat messages", e.getMessage());
      }
    }
    state.put(spec.name(), v);
  }

  /** What a non-finite number is refused for: checkpoints are JSON, which has no NaN or Infinity. */
  static final String FINITE = "finite numbers only (a checkpoint is JSON, which has no NaN or Infinity)";

  /** Throws when {@code v} is or contains NaN or an infinity, naming where ("NaN at [2].score"). */
  private void finite(String node, Object v) throws StateTypeException {
    String where = nonFinite(v);
    if (where != null) throw new StateTypeException(node, spec.name(), FINITE, where);
  }

  /**
   * Null when {@code v} holds only finite numbers, else the first non-finite one and where it is
   * inside {@code v} ("Infinity at .a[0]"). Walks the whole value (a step pays for the size of
   * what it writes, as encoding it does) and builds the path only when it finds one.
   */
  public static String nonFinite(Object v) {
    StringBuilder path = new StringBuilder();
    Object bad = find(v, path);
    if (bad == null) return null;
    return bad + (path.length() == 0 ? "" : " at " + path);
  }

  /** The first non-finite number in {@code v}, its path prepended to {@code path}; or null. */
  private static Object find(Object v, StringBuilder path) {
    if (v instanceof Double d) return Double.isFinite(d) ? null : d;
    if (v instanceof Float f) return Float.isFinite(f) ? null : f;
    if (v instanceof List<?> l) {
      int i = 0;
      for (Object o : l) {
        Object bad = find(o, path);
        if (bad != null) {
          path.insert(0, "[" + i + "]");
          return bad;
        }
        i++;
      }
    } else if (v instanceof Map<?, ?> m) {
      for (var e : m.entrySet()) {
        Object bad = find(e.getValue(), path);
        if (bad != null) {
          path.insert(0, "." + e.getKey());
          return bad;
        }
      }
    }
    return null;
  }

  /** The items normalised to the declared item type; throws on the first that does not fit. */
  private List<Object> checkItems(String node, List<?> items) throws StateTypeException {
    List<Object> out = new ArrayList<>(items.size());
    ValueType t = spec.items() == null ? ValueType.ANY : spec.items();
    for (Object i : items) {
      Object v = normalize(t, i);
      if (!fits(t, v)) {
        String what = t == ValueType.INTEGER && v instanceof Number n ? "an item " + Integers.why(n) : ValueType.describe(v) + " item";
        throw new StateTypeException(node, spec.name(), t.yamlName() + " items", what);
      }
      out.add(v);
    }
    return out;
  }

  private Object normalizeItems(Object v) {
    if (!(v instanceof List<?> l) || spec.items() == null) return v;
    return l.stream().map(i -> normalize(spec.items(), i)).toList();
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
