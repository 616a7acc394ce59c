/**
 * The served workflows as A2A agents (JSON-RPC binding, protocol v0.3 and, translated by {@code
 * V1Json}, v1.0): agent cards, {@code message/send}, {@code message/stream} (SSE), {@code
 * tasks/get}, {@code tasks/cancel}, {@code tasks/resubscribe}. A task is a
 * run of the server's {@code RunManager} on the LangGraph thread its {@code contextId} names.
 */
package dev.lamgraph.server.a2a;
