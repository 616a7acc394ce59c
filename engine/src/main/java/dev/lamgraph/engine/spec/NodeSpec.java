package dev.lamgraph.engine.spec;

import java.time.Duration;

/**
 * One node of a workflow, as written. {@code config} holds the whole YAML mapping of the node
 * (including type-specific keys), so each node type reads its own settings with positions.
 * {@code type} is null only in a spec that already has a schema error (the node is kept so edges
 * to it still resolve).
 */
public record NodeSpec(
    String name,
    String type,
    String description,
    RetrySpec retry,
    Duration timeout,
    String onError,
    boolean interruptBefore,
    boolean interruptAfter,
    YNode.YMap config,
    Pos pos) {}
