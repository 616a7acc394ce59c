package dev.lamgraph.engine.spec;

import dev.lamgraph.engine.load.YNode;
import java.time.Duration;

/**
 * One node of a workflow, as written. {@code config} holds the whole YAML mapping of the node
 * (including type-specific keys), so each node type reads its own settings with positions.
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
