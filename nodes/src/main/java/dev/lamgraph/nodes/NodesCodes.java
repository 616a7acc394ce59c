package dev.lamgraph.nodes;

/**
 * The diagnostic codes the nodes module emits (its node types, sections, tool connectors and model
 * providers), one constant each with what it means. Codes of rules the engine already names
 * ({@code SCHEMA}, {@code MISSING_FIELD}, {@code UNKNOWN_CHANNEL}, {@code OUTPUT_CHANNEL},
 * {@code EXPR_COMPILE}) come from {@link dev.lamgraph.engine.node.Codes}. Every code has an invalid
 * fixture named after it under {@code nodes/src/test/resources/workflows/invalid/}
 * (NodesCorpusTest), or is listed there with the reason it cannot have one.
 */
public final class NodesCodes {
  /** A node's attachment_policy.root is not an existing directory. */
  public static final String ATTACHMENT_ROOT = "ATTACHMENT_ROOT";
  /** A node sends attachments (or attachments of a declared kind) to a model that does not read them. */
  public static final String ATTACHMENT_UNSUPPORTED = "ATTACHMENT_UNSUPPORTED";
  /** A model's timeout or retry_backoff is not a positive duration. */
  public static final String BAD_DURATION = "BAD_DURATION";
  /** Two tools of the tools: section have the same name. */
  public static final String DUPLICATE_TOOL = "DUPLICATE_TOOL";
  /** An http tool's URL names a host outside its allowed_hosts. */
  public static final String HTTP_HOST_NOT_ALLOWED = "HTTP_HOST_NOT_ALLOWED";
  /** An http tool's url is not a valid URL. */
  public static final String HTTP_URL = "HTTP_URL";
  /** A java tool's class has no public no-argument constructor. */
  public static final String JAVA_CLASS_CONSTRUCTOR = "JAVA_CLASS_CONSTRUCTOR";
  /** A java tool's class is not on the class path. */
  public static final String JAVA_CLASS_NOT_FOUND = "JAVA_CLASS_NOT_FOUND";
  /** A java tool's class does not implement the tool interface. */
  public static final String JAVA_CLASS_TYPE = "JAVA_CLASS_TYPE";
  /** A model's api_key is written literally instead of as an environment reference. */
  public static final String LITERAL_SECRET = "LITERAL_SECRET";
  /** An mcp tool gives neither or both of command: and url:. */
  public static final String MCP_TRANSPORT = "MCP_TRANSPORT";
  /** A memory recall gives min_score with search keyword or hybrid, whose scores (BM25, reciprocal rank) are not cosines. */
  public static final String MEMORY_MIN_SCORE = "MEMORY_MIN_SCORE";
  /** A memory ingest's root is not an existing directory, or its split settings do not fit. */
  public static final String MEMORY_ROOT = "MEMORY_ROOT";
  /** The messages: of an llm node names a channel that does not hold chat messages. */
  public static final String MESSAGES_CHANNEL = "MESSAGES_CHANNEL";
  /** An environment variable a model or a tool needs is not set. */
  public static final String MISSING_ENV = "MISSING_ENV";
  /** A node needs a chat model and the workflow declares none. */
  public static final String NO_MODEL = "NO_MODEL";
  /** A node calls tools and the workflow has no tools: section. */
  public static final String NO_TOOLS = "NO_TOOLS";
  /** An llm node's output_schema is not a valid JSON Schema. */
  public static final String OUTPUT_SCHEMA = "OUTPUT_SCHEMA";
  /** A model provider failed to prepare its client (a plugin's bug, reported in one line). */
  public static final String PROVIDER_ERROR = "PROVIDER_ERROR";
  /** A replay model's recorded file cannot be read. */
  public static final String REPLAY_FILE = "REPLAY_FILE";
  /** A reviewer with strategy llm gives rules:, schemas: or citations:, which only the rules strategy checks. */
  public static final String REVIEWER_STRATEGY_FIELD = "REVIEWER_STRATEGY_FIELD";
  /** A tool node has a retry but not fail_on_error: its failures are observations, so the retry never fires (warning). */
  public static final String RETRY_NEVER_FIRES = "RETRY_NEVER_FIRES";
  /** LAM_SANDBOX names no sandbox mode. */
  public static final String SANDBOX_MODE = "SANDBOX_MODE";
  /** A shell tool's read_only_paths or writable_paths entry does not exist. */
  public static final String SANDBOX_PATH = "SANDBOX_PATH";
  /** A shell tool requires the sandbox and bubblewrap is not installed. */
  public static final String SANDBOX_REQUIRED = "SANDBOX_REQUIRED";
  /** A shell tool's program is not in its allowed list. */
  public static final String SHELL_NOT_ALLOWED = "SHELL_NOT_ALLOWED";
  /** A shell tool's paths: names something that is not a placeholder of its arguments. */
  public static final String SHELL_PATHS_UNKNOWN = "SHELL_PATHS_UNKNOWN";
  /** A shell tool runs a shell string (sh -c) instead of a program and its arguments. */
  public static final String SHELL_STRING = "SHELL_STRING";
  /** No JDBC driver accepts a sql tool's url. */
  public static final String SQL_DRIVER = "SQL_DRIVER";
  /** A read-only sql tool's query writes. */
  public static final String SQL_NOT_READ_ONLY = "SQL_NOT_READ_ONLY";
  /** A prompt template has an unclosed or empty {{ }} placeholder. */
  public static final String TEMPLATE = "TEMPLATE";
  /** A tool node's fixed arguments do not match the tool's parameters. */
  public static final String TOOL_ARGS_INVALID = "TOOL_ARGS_INVALID";
  /** A tool node's arguments can only be checked at the first call (MCP or Java tool; warning). */
  public static final String TOOL_ARGS_UNCHECKED = "TOOL_ARGS_UNCHECKED";
  /** A tool node's arguments lack a required parameter. */
  public static final String TOOL_ARG_MISSING = "TOOL_ARG_MISSING";
  /** A tool node's argument has the wrong type for its parameter. */
  public static final String TOOL_ARG_TYPE = "TOOL_ARG_TYPE";
  /** A tool node's arguments name a parameter the tool does not have. */
  public static final String TOOL_ARG_UNKNOWN = "TOOL_ARG_UNKNOWN";
  /** A tool connector failed to prepare a tool (a plugin's bug, reported in one line). */
  public static final String TOOL_ERROR = "TOOL_ERROR";
  /** A tool node gives neither or both of tool: and plan:, or a key of the other mode. */
  public static final String TOOL_NODE_MODE = "TOOL_NODE_MODE";
  /** A tool's parameters are not a valid JSON Schema. */
  public static final String TOOL_PARAMETERS = "TOOL_PARAMETERS";
  /** A tool's template names a placeholder that is not one of its parameters. */
  public static final String TOOL_PLACEHOLDER_UNKNOWN = "TOOL_PLACEHOLDER_UNKNOWN";
  /** A file or shell tool's root is not an existing directory. */
  public static final String TOOL_ROOT = "TOOL_ROOT";
  /** A node names a model the workflow does not declare. */
  public static final String UNKNOWN_MODEL = "UNKNOWN_MODEL";
  /** A model names a provider that is not installed. */
  public static final String UNKNOWN_PROVIDER = "UNKNOWN_PROVIDER";
  /** A node names a tool the tools: section does not declare. */
  public static final String UNKNOWN_TOOL = "UNKNOWN_TOOL";
  /** A tool's type names no installed connector. */
  public static final String UNKNOWN_TOOL_TYPE = "UNKNOWN_TOOL_TYPE";

  private NodesCodes() {
  }
}
