package dev.lamgraph.engine.node;

/**
 * The diagnostic codes the engine emits, one constant each with what it means: every
 * {@link Problems#error} / {@link Problems#warning} in the engine takes its code from here, and
 * every code here has an invalid fixture named after it under
 * {@code engine/src/test/resources/workflows/invalid/} (WorkflowCorpusTest). A plugin reuses these
 * for the same rule ({@link #SCHEMA}, {@link #MISSING_FIELD}, {@link #UNKNOWN_CHANNEL},
 * {@link #OUTPUT_CHANNEL}, {@link #EXPR_COMPILE}) and keeps its own codes in its own registry.
 */
public final class Codes {
  /** A human node's answer schema is not a valid JSON Schema. */
  public static final String ANSWER_SCHEMA = "ANSWER_SCHEMA";
  /** A channel's name is not an identifier expressions can read. */
  public static final String CHANNEL_NAME = "CHANNEL_NAME";
  /** A channel's schema is not a valid JSON Schema. */
  public static final String CHANNEL_SCHEMA = "CHANNEL_SCHEMA";
  /** An edge condition is not a boolean expression. */
  public static final String CONDITION_TYPE = "CONDITION_TYPE";
  /** A cycle of nodes has no edge leading out of it. */
  public static final String CYCLE_NO_EXIT = "CYCLE_NO_EXIT";
  /** A channel's default value does not have the channel's type. */
  public static final String DEFAULT_TYPE = "DEFAULT_TYPE";
  /** The same edge is written twice. */
  public static final String DUPLICATE_EDGE = "DUPLICATE_EDGE";
  /** An edge leaves END. */
  public static final String EDGE_FROM_END = "EDGE_FROM_END";
  /** An edge is not one of the accepted shapes (from/to, condition, branches). */
  public static final String EDGE_SHAPE = "EDGE_SHAPE";
  /** An edge leads to START. */
  public static final String EDGE_TO_START = "EDGE_TO_START";
  /** The file is not UTF-8 text. */
  public static final String ENCODING = "ENCODING";
  /** A CEL expression does not compile against the channels' types. */
  public static final String EXPR_COMPILE = "EXPR_COMPILE";
  /** The workflow file (or a subgraph's) does not exist. */
  public static final String FILE_NOT_FOUND = "FILE_NOT_FOUND";
  /** The workflow file is larger than the read limit. */
  public static final String FILE_TOO_LARGE = "FILE_TOO_LARGE";
  /** The workflow file cannot be read. */
  public static final String FILE_UNREADABLE = "FILE_UNREADABLE";
  /** Something inside a map node can pause (interrupts, a human node), which the items of a map cannot. */
  public static final String INTERRUPT_IN_MAP = "INTERRUPT_IN_MAP";
  /** A channel declares items but is not a list. */
  public static final String ITEMS_NOT_LIST = "ITEMS_NOT_LIST";
  /** A join waits for a node that does not exist. */
  public static final String JOIN_UNKNOWN_NODE = "JOIN_UNKNOWN_NODE";
  /** A loop can run forever and no max_steps is declared (warning). */
  public static final String LOOP_WITHOUT_LIMIT = "LOOP_WITHOUT_LIMIT";
  /** A map node's items expression is not a list. */
  public static final String MAP_NOT_LIST = "MAP_NOT_LIST";
  /** A retry, timeout or on_error key is written where it does not apply to one item of a map. */
  public static final String MAP_POLICY = "MAP_POLICY";
  /** A required key is missing. */
  public static final String MISSING_FIELD = "MISSING_FIELD";
  /** No edge leaves START. */
  public static final String NO_ENTRY = "NO_ENTRY";
  /** A node has no path to END. */
  public static final String NO_PATH_TO_END = "NO_PATH_TO_END";
  /** A channel a node writes (output, plan, cursor, messages) cannot hold what the node writes there. */
  public static final String OUTPUT_CHANNEL = "OUTPUT_CHANNEL";
  /**
   * A CEL expression reads a field that the declared output shape of the node writing the channel
   * (a reviewer's verdict, a planner's plan, a tool's observation) does not have.
   */
  public static final String OUTPUT_FIELD = "OUTPUT_FIELD";
  /** Two nodes of one step may write the same replace channel. */
  public static final String PARALLEL_WRITE = "PARALLEL_WRITE";
  /** A reducer does not fit the channel's type. */
  public static final String REDUCER_TYPE = "REDUCER_TYPE";
  /** An edge's rejected: does not follow a human node whose answer is an approval (boolean, or object with a boolean approved). */
  public static final String REJECTED_EDGE = "REJECTED_EDGE";
  /** A node is named START or END. */
  public static final String RESERVED_NODE_NAME = "RESERVED_NODE_NAME";
  /** A value does not match the JSON Schema of its place (workflow, node type, section). */
  public static final String SCHEMA = "SCHEMA";
  /** A plugin section failed while compiling (a plugin's bug, reported in one line). */
  public static final String SECTION_ERROR = "SECTION_ERROR";
  /** A set expression's type does not fit its channel. */
  public static final String SET_TYPE = "SET_TYPE";
  /** Subgraphs include each other. */
  public static final String SUBGRAPH_CYCLE = "SUBGRAPH_CYCLE";
  /** A subgraph's workflow has errors. */
  public static final String SUBGRAPH_INVALID = "SUBGRAPH_INVALID";
  /** A subgraph node's input or output mapping sets a channel that is not declared. */
  public static final String SUBGRAPH_MAPPING = "SUBGRAPH_MAPPING";
  /** A subgraph's workflow file does not exist. */
  public static final String SUBGRAPH_NOT_FOUND = "SUBGRAPH_NOT_FOUND";
  /** A channel is named that is not declared. */
  public static final String UNKNOWN_CHANNEL = "UNKNOWN_CHANNEL";
  /** A key is not one the schema of its place knows. */
  public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
  /** An edge names a node that does not exist. */
  public static final String UNKNOWN_NODE = "UNKNOWN_NODE";
  /** A node's type is not installed. */
  public static final String UNKNOWN_NODE_TYPE = "UNKNOWN_NODE_TYPE";
  /** A node cannot be reached from START. */
  public static final String UNREACHABLE = "UNREACHABLE";
  /** A mapping has the same key twice. */
  public static final String YAML_DUPLICATE_KEY = "YAML_DUPLICATE_KEY";
  /** The file has no content. */
  public static final String YAML_EMPTY = "YAML_EMPTY";
  /** The file has more than one YAML document. */
  public static final String YAML_MULTI_DOC = "YAML_MULTI_DOC";
  /** The file is not valid YAML. */
  public static final String YAML_SYNTAX = "YAML_SYNTAX";
  /** A tab is used for indentation. */
  public static final String YAML_TAB = "YAML_TAB";
  /** The YAML nesting is deeper than the limit. */
  public static final String YAML_TOO_DEEP = "YAML_TOO_DEEP";
  /** A YAML construct lamgraph refuses (anchors and aliases, tags, complex keys). */
  public static final String YAML_UNSUPPORTED = "YAML_UNSUPPORTED";

  private Codes() {
  }
}
