/**
 * LangGraph threads over lamgraph threads. A LangGraph thread {@code T} is a chain of lamgraph
 * threads {@code T}, {@code T:2}, {@code T:3}...: lamgraph steps are linear, so a run from a past
 * checkpoint (a fork), a state update, or new input on a finished thread continues in the next
 * link (a fork keeps the history up to its checkpoint). The last link is the thread's head.
 */
package dev.lamgraph.server.threads;
