package dev.lamgraph.visualizer;

/** Mermaid flowchart direction: top-down or left-right. */
public enum Direction { TD, LR }
