/**
 * Workers: processes that take submitted runs from a shared store's {@link
 * dev.lamgraph.engine.store.RunQueue} and run them, holding each with a renewed lease, so that any
 * worker may die and another continues its runs from their last checkpoint.
 */
package dev.lamgraph.engine.work;
