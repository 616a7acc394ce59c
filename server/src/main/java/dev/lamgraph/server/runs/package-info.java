/**
 * Runs started over HTTP: each executes on the same executor and store as {@code lam run}
 * ({@code engine.exec.Runs}), and publishes its events, built from the store step by step, to a
 * per-run {@link dev.lamgraph.server.runs.EventLog} that streams join and rejoin.
 */
package dev.lamgraph.server.runs;
