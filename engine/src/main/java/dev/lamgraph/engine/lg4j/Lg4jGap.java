package dev.lamgraph.engine.lg4j;

/**
 * A construct of a workflow that langgraph4j cannot express the way our executor runs it.
 * {@link Lg4jGraphs#gaps} lists them; {@link Lg4jGraphs#toStateGraph} refuses a workflow that has
 * any, rather than build a graph that behaves differently.
 *
 * <pre>{@code
 * for (Lg4jGap g : Lg4jGraphs.gaps(graph)) System.err.println(g);
 * // on_error at node 'call': langgraph4j has no failure edges: a failing node fails the run
 * }</pre>
 *
 * @param where the node (or START) the construct belongs to
 * @param detail what exactly was found there
 */
public record Lg4jGap(Kind kind, String where, String detail) {
  /** The constructs langgraph4j (1.8.17) cannot express, each with the reason. */
  public enum Kind {
    /**
     * A node with a conditional edge plus other edges (static or conditional): our executor runs
     * the union of their targets; langgraph4j keeps one edge value per source node.
     */
    MIXED_ROUTES("langgraph4j allows either static edges or a single conditional edge per node; "
        + "ours runs the union of all of a node's edges"),
    /**
     * A fan-out whose branches do not each lead, by one static edge, to the same single node:
     * langgraph4j runs a fan-out as one ParallelNode that must be followed by exactly one node.
     */
    PARALLEL_BRANCHES("langgraph4j requires every branch of a fan-out to have a single static edge to one "
        + "common join node (no conditional edges, no further fan-out, no branches of different lengths)"),
    /**
     * A join ({@code from: [a, b]}) that is not exactly the branches of one fan-out joining into
     * one node: langgraph4j has no waiting edge, only the implicit join after a parallel node.
     */
    JOIN("langgraph4j has no waiting edge: a join maps only when its sources are exactly the branches of one "
        + "fan-out, each with no other edge, joining into a single node"),
    /** {@code on_error}: routing to a handler when a node fails. */
    ON_ERROR("langgraph4j has no failure edges: a failing node fails the whole run"),
    /** {@code interrupt_before} / {@code interrupt_after}: pausing a run for a person. */
    INTERRUPT("langgraph4j interrupts stop at its own node ids (not inside a parallel step) and resume "
        + "differently; a graph that silently never pauses for approval would be unsafe"),
    /**
     * {@code type: human}: the run pauses until a person's answer (checked against a JSON Schema)
     * is given on resume.
     */
    HUMAN("the langgraph4j backend has no way to pause inside a node and resume it with a person's answer; "
        + "a human node would fail the run there"),
    /**
     * {@code type: map}: a node run once per item of a list (LangGraph's Send). langgraph4j 1.8
     * has no Send; its parallel nodes are fixed at compile time.
     */
    MAP("langgraph4j 1.8 has no Send: its parallel branches are fixed when the graph is compiled, so a node "
        + "cannot run once per item of a list in the state"),
    /**
     * {@code type: subgraph}: another workflow run as a checkpointed child thread. langgraph4j can
     * nest a compiled graph as a node, but it shares the parent's state schema and checkpoints,
     * with none of our input/output mappings or child threads.
     */
    SUBGRAPH("langgraph4j nests a subgraph inside the parent's state and checkpoints; our subgraphs are child "
        + "threads with their own state, mapped in and out, resumable on their own");

    private final String reason;

    Kind(String reason) {
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }

    /** Lower-case id, e.g. {@code on_error}. */
    public String id() {
      return name().toLowerCase();
    }
  }

  @Override
  public String toString() {
    return kind.id() + " at " + (where.equals("START") ? "START" : "node '" + where + "'") + ": " + detail
        + " (" + kind.reason() + ")";
  }
}
