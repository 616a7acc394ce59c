/**
 * Workflows as MCP tools: an MCP server built on the official MCP Java SDK. Each workflow of a
 * {@link dev.lamgraph.mcpserver.WorkflowSet} is a tool whose input schema is
 * {@link dev.lamgraph.engine.exec.InputSchema}; {@code lam_resume}, {@code lam_status} and
 * {@code lam_result} work on threads of the store; workflows and threads are resources.
 * {@link dev.lamgraph.mcpserver.LamMcpServer} serves them over stdio ({@code lam mcp}),
 * {@link dev.lamgraph.mcpserver.McpHttp} over Streamable HTTP (a servlet to mount at {@code /mcp}).
 */
package dev.lamgraph.mcpserver;
