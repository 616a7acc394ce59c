/**
 * The Pregel-style executor: plan the step's nodes, run them (concurrently when several), apply
 * their writes through reducers in place, commit a checkpoint of just those writes, follow edges.
 * {@link dev.lamgraph.engine.exec.Runs} is the entry point.
 */
package dev.lamgraph.engine.exec;
