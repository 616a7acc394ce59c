/**
 * Strict YAML parsing with positions into {@link dev.lamgraph.engine.spec} records, and the
 * workflow language's JSON Schema ({@link dev.lamgraph.engine.load.WorkflowSchema}).
 */
package dev.lamgraph.engine.load;
