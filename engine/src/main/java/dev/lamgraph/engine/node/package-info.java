/**
 * The node SPI, the one package a plugin author reads: {@link dev.lamgraph.engine.node.NodeType}
 * (found with ServiceLoader) builds a {@link dev.lamgraph.engine.node.Node} from its YAML through
 * a {@link dev.lamgraph.engine.node.CompileContext}; a node reads state through its {@link
 * dev.lamgraph.engine.node.NodeContext} and returns a {@link dev.lamgraph.engine.node.NodeResult}
 * (updates, or an interrupt for a person, from a type that {@link
 * dev.lamgraph.engine.node.NodeType#pauses pauses}), or
 * throws a {@link dev.lamgraph.engine.node.NodeFailure}. A {@link
 * dev.lamgraph.engine.node.SectionType} adds a top-level section ({@code tools:}, {@code models:}).
 * Problems are reported to {@link dev.lamgraph.engine.node.Problems} as {@link
 * dev.lamgraph.engine.node.Diagnostic}s with a stable code; {@link
 * dev.lamgraph.engine.node.SchemaCheck} checks YAML against a JSON Schema at its positions.
 *
 * <p>The contract also takes, and only takes, the workflow records a node is given ({@code
 * engine.spec}: {@code NodeSpec}, {@code ChannelSpec}, {@code ValueType}, {@code Pos}, the YAML
 * view {@code YNode}), compiled CEL ({@code engine.expr}: {@code Expr}, {@code EvalException}) and
 * the JSON / duration helpers of {@code engine.util}; this package uses no other engine package
 * (ArchitectureTest). Retries, timeouts, parallelism and checkpoints are the executor's job.
 */
package dev.lamgraph.engine.node;
