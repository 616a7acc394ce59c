/**
 * The {@code type: planner} node: writes a plan ({@code [{tool, args}]}) for {@code type: tool}
 * nodes to run, from steps written in YAML ({@code static}), by chaining tools on their
 * needs/gives ({@code goal}, {@link dev.lamgraph.nodes.planner.GoalPlanner}) or from a model
 * ({@code llm}).
 */
package dev.lamgraph.nodes.planner;
