package dev.lamgraph.engine.store;

import dev.lamgraph.engine.trace.TracedRun;
import java.time.Instant;

/**
 * A thread (one run of a workflow) as stored.
 *
 * @param source the workflow's YAML text at the time the run started (resume uses this copy)
 * @param inputJson the run's input as a JSON object
 * @param step the last committed step (0 = the initial checkpoint)
 * @param detailJson status detail: the error of a failed run, the interrupt of a paused one (JSON), or null
 * @param owner who runs it now ("pid@host"), or null
 * @param updated the time of its latest change: the time of its latest checkpoint, or of its
 *     creation or last status change when that came after (as given; times are not compared)
 */
public record ThreadInfo(
    String id,
    String workflow,
    String file,
    String source,
    String inputJson,
    RunStatus status,
    long step,
    String detailJson,
    String owner,
    Instant created,
    Instant updated) {
  /** This thread as a trace export sees it. */
  public TracedRun traced() {
    return new TracedRun(id, workflow, status.id(), step, created, updated);
  }

  public ThreadInfo withStatus(RunStatus s, String detail, Instant now) {
    return new ThreadInfo(id, workflow, file, source, inputJson, s, step, detail, owner, created, now);
  }
}
