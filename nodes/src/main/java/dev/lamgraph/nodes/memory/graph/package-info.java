/**
 * Graph memory: entities and typed relations with properties and provenance, kept in the memory
 * store's SQLite file or a PostgreSQL database ({@link dev.lamgraph.nodes.memory.graph.GraphStore}),
 * the JSON shape written from state ({@link dev.lamgraph.nodes.memory.graph.GraphBatch}) and the
 * queries over it (neighbourhoods, shortest paths, subgraphs: {@link dev.lamgraph.nodes.memory.graph.GraphQueries}).
 */
package dev.lamgraph.nodes.memory.graph;
