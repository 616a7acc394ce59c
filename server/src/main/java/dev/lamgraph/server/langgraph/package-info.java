/**
 * The LangGraph Server API's JSON shapes, mapped from lamgraph's: assistants (one per workflow),
 * threads, checkpoints (one per committed step), runs and stream events. No HTTP here.
 */
package dev.lamgraph.server.langgraph;
