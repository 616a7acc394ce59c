/**
 * Semantic checks of a workflow's graph (jgrapht) and {@link
 * dev.lamgraph.engine.check.WorkflowException}, which carries every diagnostic of a workflow that
 * does not load or compile. The diagnostics themselves ({@code Diagnostic}, {@code Problems}) are
 * part of the node SPI.
 */
package dev.lamgraph.engine.check;
