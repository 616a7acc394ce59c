/** The LangGraph Server API's routes, one class per resource; the JSON shapes live in {@code server.langgraph}. */
package dev.lamgraph.server.api;
