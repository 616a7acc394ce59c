package dev.lamgraph.engine.trace;

import java.time.Instant;

/**
 * What a trace export needs to know of a run besides its events: the root span's name,
 * attributes and times when the run has no events. A stored thread gives one with {@code
 * ThreadInfo.traced()} (the store depends on trace events, never the other way round).
 *
 * @param status the run status' id ({@code done}, {@code failed}, {@code paused}...)
 * @param steps the last committed step
 */
public record TracedRun(String threadId, String workflow, String status, long steps, Instant created, Instant updated) {}
