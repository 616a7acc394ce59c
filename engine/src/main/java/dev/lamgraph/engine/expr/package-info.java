/** CEL expressions over the workflow state, type-checked against the declared channels. */
package dev.lamgraph.engine.expr;
