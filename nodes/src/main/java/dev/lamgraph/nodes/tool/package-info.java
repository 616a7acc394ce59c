/**
 * Tools: the {@link dev.lamgraph.nodes.tool.Tool} SPI, the {@link dev.lamgraph.nodes.tool.ToolRegistry}
 * through which every call goes (argument validation, timeout, {@code tool_call} trace events), the
 * {@code tools:} section ({@link dev.lamgraph.nodes.tool.ToolsSection}) and the connector SPI
 * ({@link dev.lamgraph.nodes.tool.ToolConnector}, implementations in {@code connector}).
 */
package dev.lamgraph.nodes.tool;
