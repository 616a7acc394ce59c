/**
 * {@code memory:}: {@link dev.lamgraph.engine.store.memory.MemoryStore}, a store that lives as long
 * as its object (tests, embedding), opened by {@link
 * dev.lamgraph.engine.store.memory.MemoryStoreProvider}.
 */
package dev.lamgraph.engine.store.memory;
