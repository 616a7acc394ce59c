/** Strict YAML parsing with positions, and the workflow language's JSON Schema. */
package dev.lamgraph.engine.load;
