package dev.lamgraph.engine.spec;

/**
 * A typed state channel.
 *
 * @param defaultValue JSON-shaped default (null when none was declared)
 * @param items element type for lists (may be null)
 * @param schema optional JSON-Schema text for objects/lists (may be null)
 */
public record ChannelSpec(
    String name,
    ValueType type,
    ReducerKind reducer,
    Object defaultValue,
    boolean hasDefault,
    ValueType items,
    String schema,
    String description,
    Pos pos) {}
