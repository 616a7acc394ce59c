package dev.lamgraph.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lamgraph.engine.trace.TraceEvent.Kind;
import dev.lamgraph.engine.trace.TraceEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Threads, checkpoints and events for store tests, with fixed times (nanosecond precision on purpose). */
public final class StoreFixtures {
  public static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456789Z");
  public static final String OWNER = "100@host-a";
  public static final String OTHER = "200@host-b";

  private StoreFixtures() {}

  public static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  public static ThreadInfo info(String id, Instant updated) {
    return new ThreadInfo(id, "review-loop", "flows/review.yaml", "name: review-loop\nnodes: {}\n# ünïcødé ✓\n",
        "{\"task\":\"write\",\"n\":3}", RunStatus.RUNNING, 0, null, null, T0, updated);
  }

  public static Checkpoint initial(Instant time) {
    return new Checkpoint(0, List.of(), "[]", List.of("plan"), time, "{\"task\":\"write\",\"n\":3}");
  }

  public static Checkpoint step(long n, boolean snapshot) {
    return new Checkpoint(n, List.of("plan", "act"), "[{\"node\":\"act\",\"updates\":{\"n\":" + n + "}}]",
        List.of("review"), at(n), snapshot ? "{\"n\":" + n + "}" : null);
  }

  public static TraceEvent event(String thread, long step, Kind kind, String node, Instant time) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("count", step);
    data.put("ratio", 0.5);
    data.put("ok", true);
    data.put("none", null);
    data.put("text", "line1\nline2 \"quoted\" ✓");
    data.put("list", List.of("a", 2L, List.of()));
    data.put("map", Map.of("k", Map.of("deep", 1L)));
    return TraceEvent.of(thread, step, kind, node, time, data);
  }

  public static List<TraceEvent> stepEvents(String thread, long step) {
    return List.of(event(thread, step, Kind.NODE_STARTED, "act", at(step)),
        event(thread, step, Kind.NODE_SUCCEEDED, "act", at(step)),
        event(thread, step, Kind.CHECKPOINT_SAVED, null, at(step)));
  }

  public static StoreException.Reason failure(ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected a StoreException").isInstanceOf(StoreException.class);
    return ((StoreException) t).reason();
  }

  public static List<Long> seqs(List<TraceEvent> events) {
    return events.stream().map(TraceEvent::seq).toList();
  }

  public static List<Long> steps(List<Checkpoint> cps) {
    return cps.stream().map(Checkpoint::step).toList();
  }
}
