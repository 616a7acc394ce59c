/** The MCP endpoint of {@code lam serve}: {@link dev.lamgraph.server.mcp.McpRoutes} mounts the mcpserver module's servlet at /mcp. */
package dev.lamgraph.server.mcp;
