package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.store.RunStatus;
import java.util.Map;

/**
 * How a run (or a resume) ended.
 *
 * @param state the state at the last committed step
 * @param detail for FAILED: {node, kind, message}; for PAUSED: {node, prompt, schema, when}; else empty
 */
public record RunResult(String threadId, RunStatus status, long steps, Map<String, Object> state, Map<String, Object> detail) {
  /** The CLI exit code: 0 done, 1 failed, 3 paused (2 is for usage/validation errors). */
  public int exitCode() {
    return switch (status) {
      case DONE -> 0;
      case PAUSED -> 3;
      default -> 1;
    };
  }

  /** The run stopped between steps on request ({@link RunOptions#withStop}); it is still running, unowned. */
  public boolean stopped() {
    return status == RunStatus.RUNNING && "stopped".equals(detail.get("kind"));
  }

  public String message() {
    Object m = detail.get("message");
    Object p = detail.get("prompt");
    return m != null ? String.valueOf(m) : p != null ? String.valueOf(p) : "";
  }
}
