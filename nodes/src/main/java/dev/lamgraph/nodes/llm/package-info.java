/**
 * The {@code llm} node type: prompt templates with {@code {{ CEL }}} placeholders, text or
 * schema-checked JSON answers with repair re-asks, and tool calling through the workflow's
 * {@code tools:} registry.
 */
package dev.lamgraph.nodes.llm;
