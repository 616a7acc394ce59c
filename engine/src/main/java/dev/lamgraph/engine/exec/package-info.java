/**
 * The Pregel-style executor: plan the step's nodes, run them (concurrently when several), apply
 * their writes through reducers in place, commit a checkpoint of just those writes and of the
 * {@link dev.lamgraph.engine.exec.Frontier} (next nodes, join arrivals), follow edges.
 * {@link dev.lamgraph.engine.exec.Runs} is the entry point: start, resume (answers and state
 * edits, validated first), history, fork and replay. Map nodes run their items within one step
 * ({@code MapRunner}); subgraph nodes run child threads {@code PARENT/NODE@STEP}
 * ({@code SubgraphRunner}) that a re-run of the parent step resumes.
 *
 * <p>How one node is called (retry, backoff, timeout, the run's deadline, failure kinds, traced
 * attempts) is {@link dev.lamgraph.engine.exec.NodePolicy}, also used by the langgraph4j backend,
 * with one {@code NodeContext}: {@link dev.lamgraph.engine.exec.CallContext}.
 */
package dev.lamgraph.engine.exec;
