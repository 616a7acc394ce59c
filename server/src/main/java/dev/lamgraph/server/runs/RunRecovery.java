package dev.lamgraph.server.runs;

import dev.lamgraph.engine.exec.Owner;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.StateLog;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.server.langgraph.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a run this server does not know (it was started by a server that stopped or died) from
 * its id, which is derived from the lamgraph thread and step it started at. A run whose thread was
 * left running by a dead process is resumed as that run; one that ended is replayed from the store.
 * Either way a rejoin with {@code Last-Event-ID} gets the events after that id: the steps committed
 * since, then the live ones. A run that had not ended finds its request's fields kept in the
 * store ({@link RunRecords}: its stream modes, interrupts, {@code stream_subgraphs}, metadata,
 * webhook; else it streams values and updates); its webhook is checked against this server's
 * policy (refused: a warning, and dropped from the run) and sent when the run ends, or at once
 * for one that ended while no server ran.
 */
final class RunRecovery {
  private static final int ATTEMPTS = 5;

  private RunRecovery() {}

  static Optional<ServerRun> recover(RunManager m, String threadId, String runId, String lastEventId) {
    for (ThreadInfo link : m.book.chain(threadId)) {
      for (long s = 0; s <= link.step(); s++) {
        for (int a = 1; a <= ATTEMPTS; a++) {
          if (RunManager.runId(link.id(), s, a).equals(runId)) return Optional.of(revive(m, threadId, runId, link, s, lastEventId));
        }
      }
    }
    return Optional.empty();
  }

  private static ServerRun revive(RunManager m, String threadId, String runId, ThreadInfo link, long start, String lastEventId) {
    long lastStep = EventLog.stepOf(lastEventId);
    long from = lastStep >= 0 ? lastStep : start == 0 ? -1 : start;
    Optional<RunRecords.Kept> kept = m.records.find(threadId, runId);
    RunRequest req = RunRequest.parse(kept.map(RunRecords.Kept::request)
        .orElse(Map.of("stream_mode", List.of("values", "updates"))), false);
    boolean refused = false;
    if (req.webhook() != null) {
      try {
        m.checkWebhook(req); // the policy of this server, which may not allow it any more
      } catch (ApiException e) {
        m.hooks.notSent(runId, e.getMessage());
        req = req.withWebhook(null);
        refused = true;
      }
    }
    EventLog log = new EventLog(Math.max(1, EventLog.seqOf(lastEventId) + 1));
    ServerRun run = new ServerRun(runId, threadId, link.workflow(), req, kept.map(RunRecords.Kept::created).orElse(link.created()), log);
    if (refused) m.records.keep(run); // without the webhook: a later server does not try it again
    log.addUnnumbered("metadata", EventLog.metadata(runId, threadId, 2));
    m.remember(run);
    Plan plan = new Plan(Plan.Kind.RESUME, m.graphs.of(link), link.id(), null, 0, Map.of(), Map.of(), from);
    if (link.status() == RunStatus.RUNNING) {
      if (link.owner() != null && !link.owner().equals(m.options.owner()) && Owner.alive(link.owner())) {
        throw ApiException.conflict("run '" + runId + "' is running in " + link.owner());
      }
      m.start(run, plan);
      return run;
    }
    Map<String, Object> state = StateLog.at(plan.graph(), m.book.store(), link.id(), link.step()).state();
    Map<String, Object> detail = link.detailJson() == null ? Map.of() : Json.readMap(link.detailJson());
    new Execution(run, plan, m.book.store(), m.options).replay(new RunResult(link.id(), link.status(), link.step(), state, detail));
    m.deliver(run); // ended while no server ran: its webhook (kept in the store) was never sent
    return run;
  }
}
