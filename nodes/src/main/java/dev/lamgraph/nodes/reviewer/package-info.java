/**
 * The {@code type: reviewer} node: judges the state with CEL rules and JSON Schemas ({@code rules})
 * or a model and a rubric ({@code llm}) and writes a verdict {@code {approve, score, feedback,
 * revisions, exhausted}} that edges route on.
 */
package dev.lamgraph.nodes.reviewer;
