/** Structured trace events of a run, stored with it, and the secret redaction every output goes through. */
package dev.lamgraph.engine.trace;
