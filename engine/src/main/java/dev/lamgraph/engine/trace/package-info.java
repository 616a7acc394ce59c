/** Structured trace events of a run, stored with it, and secret redaction. */
package dev.lamgraph.engine.trace;
