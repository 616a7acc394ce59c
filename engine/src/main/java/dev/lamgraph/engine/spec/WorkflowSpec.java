package dev.lamgraph.engine.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow exactly as written in YAML: immutable records with source positions. It only runs
 * once compiled ({@code dev.lamgraph.engine.compile.Compiler}). {@code sections} holds plugin
 * sections ({@code models:}, {@code tools:}...) as written, by name. {@code version} is the
 * optional top-level {@code version:} (a readable label; null when absent); a thread records it
 * with the text's hash ({@link WorkflowVersion}).
 */
public record WorkflowSpec(
    String name,
    String description,
    LinkedHashMap<String, ChannelSpec> state,
    LinkedHashMap<String, NodeSpec> nodes,
    List<EdgeSpec> edges,
    LimitsSpec limits,
    String file,
    String source,
    Map<String, YNode> sections,
    String version) {
  public static final String START = "START";
  public static final String END = "END";
}
