/**
 * {@code lam serve}: an HTTP server (Javalin on Jetty) that serves workflows as LangGraph
 * assistants and their threads and runs in the LangGraph Server API's shapes. {@link
 * dev.lamgraph.server.LamServer} starts it; route groups ({@link dev.lamgraph.server.ServerRoutes})
 * register themselves on it and share a {@link dev.lamgraph.server.ServerContext}.
 */
package dev.lamgraph.server;
