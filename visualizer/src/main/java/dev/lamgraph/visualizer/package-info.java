/**
 * Diagrams of workflows: a neutral {@link dev.lamgraph.visualizer.GraphView} of a compiled graph,
 * exported as Mermaid by {@link dev.lamgraph.visualizer.MermaidWriter}, with a run's path
 * ({@link dev.lamgraph.visualizer.RunOverlay}) drawn on it.
 */
package dev.lamgraph.visualizer;
