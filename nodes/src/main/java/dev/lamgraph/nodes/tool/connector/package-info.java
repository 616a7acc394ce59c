/**
 * The built-in tool connectors ({@code type:} under {@code tools:}): {@code http}, {@code shell},
 * {@code file}, {@code sql}, {@code java} and {@code mcp}. Each is secure by default: allow-lists
 * for hosts and programs, paths confined to a root, read-only SQL with bound parameters, argv
 * arrays instead of shell strings, size limits and timeouts, secrets from {@code ${env:NAME}}
 * redacted.
 */
package dev.lamgraph.nodes.tool.connector;
