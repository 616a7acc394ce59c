package dev.lamgraph.cli.wftest;

/**
 * The diagnostic codes of test files ({@code *.test.yaml}), one constant each with what it means;
 * every code has an invalid fixture under {@code cli/src/test/resources/wftest/invalid/}
 * (TestFileCorpusTest). Rules the engine already names reuse {@code engine.node.Codes}
 * ({@code SCHEMA}, {@code EXPR_COMPILE}, {@code UNKNOWN_CHANNEL}, the {@code YAML_*} codes).
 */
public final class TestCodes {
  /** Two cases of one file have the same name. */
  public static final String TEST_DUPLICATE_CASE = "TEST_DUPLICATE_CASE";
  /** A case names a model the workflow's models section does not declare. */
  public static final String TEST_UNKNOWN_MODEL = "TEST_UNKNOWN_MODEL";
  /** A case names a node (path, answers, paused_at, events) the workflow does not have. */
  public static final String TEST_UNKNOWN_NODE = "TEST_UNKNOWN_NODE";
  /** A case stubs or expects a tool the workflow's tools section does not declare. */
  public static final String TEST_UNKNOWN_TOOL = "TEST_UNKNOWN_TOOL";
  /** The replay file a case names does not exist. */
  public static final String TEST_REPLAY_FILE = "TEST_REPLAY_FILE";
  /** The workflow under test is missing or does not compile (its own diagnostics follow). */
  public static final String TEST_WORKFLOW = "TEST_WORKFLOW";
  /** Expectations that cannot hold together (paused_at with status done, a count whose min exceeds its max). */
  public static final String TEST_CONTRADICTION = "TEST_CONTRADICTION";

  private TestCodes() {}
}
