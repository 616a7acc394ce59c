/** Structured trace events of a run, stored with it, and their OTLP export (masked with the run's {@code util.Redactor}). */
package dev.lamgraph.engine.trace;
