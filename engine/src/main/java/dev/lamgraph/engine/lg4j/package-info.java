/**
 * The same compiled workflow on langgraph4j: {@link dev.lamgraph.engine.lg4j.Lg4jGraphs} converts a
 * {@code CompiledGraph} to a {@code StateGraph<LamState>} (our channels and reducers, our nodes,
 * our CEL conditions), {@link dev.lamgraph.engine.lg4j.Lg4jRunner} runs it and reports the result
 * in our terms, and {@link dev.lamgraph.engine.lg4j.Lg4jGap} names what langgraph4j cannot express.
 * State is serialized as JSON ({@link dev.lamgraph.engine.lg4j.LamStateSerializer}).
 *
 * <p>There is deliberately no langgraph4j saver ({@code BaseCheckpointSaver}) over our
 * {@code CheckpointStore}: it could not be faithful. A langgraph4j checkpoint has an id and holds
 * the reduced state, and {@code put} with a checkpoint id replaces that checkpoint in place
 * ({@code updateState}); our store is append-only and step-numbered (step n commits once, after
 * n-1, by the thread's owner), has no checkpoint ids, and stores each step's updates before
 * reducers, which a saver never sees. Threads also need their workflow source and input at
 * creation, which the saver SPI does not carry. Use langgraph4j's own savers with this backend.
 */
package dev.lamgraph.engine.lg4j;
