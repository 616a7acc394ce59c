/**
 * The served workflows as A2A agents (protocol v0.3, JSON-RPC binding): agent cards, {@code
 * message/send}, {@code message/stream} (SSE), {@code tasks/get}, {@code tasks/cancel}. A task is a
 * run of the server's {@code RunManager} on the LangGraph thread its {@code contextId} names.
 */
package dev.lamgraph.server.a2a;
