/** Diagnostics and semantic checks of a workflow's graph (jgrapht). */
package dev.lamgraph.engine.check;
