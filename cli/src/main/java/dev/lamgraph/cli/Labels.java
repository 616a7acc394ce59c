package dev.lamgraph.cli;

import dev.lamgraph.engine.exec.Owner;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import java.time.Duration;
import java.time.Instant;

/** Short words for listings: a thread's status as a person sees it, and ages like "3m ago". */
final class Labels {
  private Labels() {}

  /**
   * The stored status, except that a RUNNING thread whose process is gone (killed, crashed) shows as
   * "interrupted": {@code lam resume} continues it.
   */
  static String status(ThreadInfo t) {
    if (t.status() == RunStatus.RUNNING && (t.owner() == null || !Owner.alive(t.owner()))) return "interrupted";
    return t.status().id();
  }

  /** "just now", "42s ago", "3m ago", "5h ago", "2d ago". */
  static String ago(Instant then, Instant now) {
    long s = Math.max(0, Duration.between(then, now).getSeconds());
    if (s < 2) return "just now";
    if (s < 60) return s + "s ago";
    if (s < 3600) return (s / 60) + "m ago";
    if (s < 86400) return (s / 3600) + "h ago";
    return (s / 86400) + "d ago";
  }
}
