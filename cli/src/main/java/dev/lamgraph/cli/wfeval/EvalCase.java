package dev.lamgraph.cli.wfeval;

import java.util.List;
import java.util.Map;

/**
 * One row of an evaluation dataset: the run's input and what it is scored against (each optional):
 * a reference output, the expected tool calls ({@code trajectory}) and the expected node path.
 *
 * @param line where the case is in its file (1-based line of a JSONL file, or index in an ADK EvalSet)
 */
public record EvalCase(String id, int line, Map<String, Object> input, Object reference, boolean hasReference,
    List<String> trajectory, List<String> path) {}
