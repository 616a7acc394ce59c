package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.spec.ReducerKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.bsc.langgraph4j.state.Reducer;

/**
 * One of our channels as a langgraph4j channel: the default is {@link Channel#initial()} and every
 * update goes through {@link Channel#apply} (replace / append / merge / add with our type checks)
 * on a copy of the old value, so values held by earlier states are never mutated.
 *
 * <pre>{@code
 * var ch = new LamChannel(graph.channels().get("log"));
 * Object next = ch.update("log", List.of("a"), "b");   // [a, b]
 * }</pre>
 */
public final class LamChannel implements org.bsc.langgraph4j.state.Channel<Object> {
  /**
   * A value to store as is, bypassing the reducer: input seeding (our executor replaces channels
   * with input values whatever their reducer) and the already-reduced result of a parallel step.
   */
  record Assign(Object value) {}

  private final Channel channel;

  public LamChannel(Channel channel) {
    this.channel = channel;
  }

  public Channel channel() {
    return channel;
  }

  @Override
  public Optional<Supplier<Object>> getDefault() {
    // langgraph4j collects defaults with Collectors.toMap, which rejects null values.
    if (!channel.hasInitial() || channel.initial() == null) return Optional.empty();
    return Optional.of(channel::initial);
  }

  @Override
  public Optional<Reducer<Object>> getReducer() {
    return Optional.of((old, update) -> reduce(old, update, "?"));
  }

  /** Replaces langgraph4j's default (which turns a null update into a reset to the default). */
  @Override
  public Object update(String key, Object oldValue, Object newValue) {
    if (newValue instanceof Assign a) return a.value();
    return reduce(oldValue, newValue, "?");
  }

  /** The channel's value after applying {@code update} to {@code old} (neither is modified). */
  Object reduce(Object old, Object update, String node) {
    Map<String, Object> scratch = new HashMap<>();
    if (old != null) scratch.put(channel.name(), shallowCopy(old));
    try {
      channel.apply(scratch, update, node);
    } catch (StateTypeException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return scratch.get(channel.name());
  }

  /**
   * Throws when {@code update} does not fit the channel. The checks do not depend on the old value,
   * except that an add channel's sum must stay finite.
   */
  void check(Object old, Object update, String node) throws StateTypeException {
    Map<String, Object> scratch = new HashMap<>();
    if (channel.reducer() == ReducerKind.ADD && old != null) scratch.put(channel.name(), old);
    channel.apply(scratch, update, node);
  }

  @SuppressWarnings("unchecked")
  private static Object shallowCopy(Object v) {
    if (v instanceof List<?> l) return new ArrayList<>(l);
    if (v instanceof Map<?, ?> m) return new LinkedHashMap<>((Map<String, Object>) m);
    return v;
  }
}
