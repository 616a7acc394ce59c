package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.spec.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Node types for executor tests, registered only in the test resources' service file (so the
 * fixtures under {@code workflows/} can use them; the shipped engine does not have them). Each
 * writes its {@code out:} mapping (constant JSON values) and records its call in {@link #calls}.
 *
 * {@code copy: {to: from}} also writes state values ({@code from} may be the item channel of a map).
 *
 * <ul>
 *   <li>{@code sleep} sleeps {@code ms} milliseconds first (or as many as the state holds in {@code ms_from}).
 *   <li>{@code stubborn} sleeps {@code ms} milliseconds, ignoring interrupts.
 *   <li>{@code flaky} fails its first attempt of each task (node, or map item) in this JVM with kind
 *       {@code error}; with {@code times: N}, it fails attempts 1 to N of every run instead.
 *   <li>{@code track} sleeps {@code ms} while counting the nodes of its thread in flight; {@link
 *       #maxInFlight} is the most seen at once.
 *   <li>{@code meet} waits until {@code parties} nodes of the same thread and step have arrived:
 *       it fails after 10 s when they do not run concurrently.
 *   <li>{@code crash} throws {@link SimulatedCrash} (an Error: the run stops with the step
 *       uncommitted, as if the process died) the first time it runs in a thread of this JVM.
 * </ul>
 */
public final class TestTypes {
  private static final Map<String, List<String>> CALLS = new ConcurrentHashMap<>();
  private static final Map<String, CyclicBarrier> BARRIERS = new ConcurrentHashMap<>();
  private static final Set<String> CRASHED = ConcurrentHashMap.newKeySet();
  private static final Set<String> FLAKED = ConcurrentHashMap.newKeySet();
  private static final Map<String, java.util.concurrent.atomic.AtomicInteger> IN_FLIGHT = new ConcurrentHashMap<>();
  private static final Map<String, Integer> MAX_IN_FLIGHT = new ConcurrentHashMap<>();

  /** The most {@code track} nodes of {@code thread} that ran at once. */
  public static int maxInFlight(String thread) {
    return MAX_IN_FLIGHT.getOrDefault(thread, 0);
  }

  private TestTypes() {}

  /** The calls made in thread {@code thread}: {@code "node@step#attempt key=idempotencyKey"}, in call order. */
  public static List<String> calls(String thread) {
    synchronized (CALLS) {
      return List.copyOf(CALLS.getOrDefault(thread, List.of()));
    }
  }

  static void record(NodeContext c) {
    synchronized (CALLS) {
      CALLS.computeIfAbsent(c.threadId(), k -> new ArrayList<>())
          .add(c.nodeName() + "@" + c.step() + "#" + c.attempt() + " key=" + c.idempotencyKey());
    }
  }

  /** What a simulated process death throws. */
  public static final class SimulatedCrash extends Error {
    SimulatedCrash(String where) {
      super("simulated crash in " + where);
    }
  }

  private abstract static class Base implements NodeType {
    @Override
    public String summary() {
      return "test: " + name();
    }

    @Override
    public String configSchema() {
      return "{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\"},\"parties\":{\"type\":\"integer\"},"
          + "\"ms_from\":{\"type\":\"string\"},\"times\":{\"type\":\"integer\"},\"out\":{\"type\":\"object\"},\"copy\":{\"type\":\"object\"}},"
          + "\"additionalProperties\":false}";
    }

    @Override
    public String example() {
      return "n: { type: " + name() + ", out: { log: [n] } }";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> out(NodeSpec spec) {
      return spec.config().get("out").map(n -> (Map<String, Object>) n.plain()).orElse(Map.of());
    }

    static long number(NodeSpec spec, String key, long dflt) {
      return spec.config().get(key).map(n -> ((Number) n.plain()).longValue()).orElse(dflt);
    }

    @SuppressWarnings("unchecked")
    @Override
    public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
      Map<String, Object> out = out(spec);
      Map<String, Object> copy = spec.config().get("copy").map(n -> (Map<String, Object>) n.plain()).orElse(Map.of());
      Set<String> writes = new java.util.HashSet<>(out.keySet());
      writes.addAll(copy.keySet());
      return Optional.of(new Node() {
        @Override
        public NodeResult run(NodeContext c) throws Exception {
          record(c);
          act(spec, c);
          Map<String, Object> result = new java.util.HashMap<>(out);
          copy.forEach((to, from) -> result.put(to, c.state().get(String.valueOf(from))));
          return NodeResult.of(result);
        }

        @Override
        public Set<String> writes() {
          return writes;
        }
      });
    }

    abstract void act(NodeSpec spec, NodeContext c) throws Exception;
  }

  public static final class Sleep extends Base {
    @Override
    public String name() {
      return "sleep";
    }

    @Override
    void act(NodeSpec spec, NodeContext c) throws InterruptedException {
      String from = spec.config().string("ms_from").orElse(null);
      Thread.sleep(from != null ? ((Number) c.state().get(from)).longValue() : number(spec, "ms", 100));
    }
  }

  /** Sleeps {@code ms} milliseconds swallowing interrupts: a node that never checks for them. */
  public static final class Stubborn extends Base {
    @Override
    public String name() {
      return "stubborn";
    }

    @Override
    void act(NodeSpec spec, NodeContext c) {
      long until = System.nanoTime() + number(spec, "ms", 100) * 1_000_000;
      while (System.nanoTime() < until) {
        try {
          Thread.sleep(Math.max(1, (until - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException ignored) {
          // carries on, as code that catches and drops interrupts does
        }
      }
    }
  }

  public static final class Flaky extends Base {
    @Override
    public String name() {
      return "flaky";
    }

    @Override
    void act(NodeSpec spec, NodeContext c) throws NodeFailure {
      long times = number(spec, "times", 0);
      if (times > 0 ? c.attempt() <= times : FLAKED.add(c.threadId() + "/" + c.nodeName() + "@" + c.step())) {
        throw new NodeFailure("error", "flaky: first attempt of " + c.nodeName() + " fails");
      }
    }
  }

  public static final class Track extends Base {
    @Override
    public String name() {
      return "track";
    }

    @Override
    void act(NodeSpec spec, NodeContext c) throws InterruptedException {
      var n = IN_FLIGHT.computeIfAbsent(c.threadId(), k -> new java.util.concurrent.atomic.AtomicInteger());
      int now = n.incrementAndGet();
      MAX_IN_FLIGHT.merge(c.threadId(), now, Math::max);
      try {
        Thread.sleep(number(spec, "ms", 100));
      } finally {
        n.decrementAndGet();
      }
    }
  }

  public static final class Meet extends Base {
    @Override
    public String name() {
      return "meet";
    }

    @Override
    void act(NodeSpec spec, NodeContext c) throws Exception {
      int parties = (int) number(spec, "parties", 2);
      CyclicBarrier b = BARRIERS.computeIfAbsent(c.threadId() + "@" + c.step(), k -> new CyclicBarrier(parties));
      try {
        b.await(60, TimeUnit.SECONDS); // generous: a loaded machine may start the other node late
      } catch (TimeoutException e) {
        throw new NodeFailure("error", "only " + b.getNumberWaiting() + " of " + parties + " nodes met: not concurrent");
      }
    }
  }

  public static final class Crash extends Base {
    @Override
    public String name() {
      return "crash";
    }

    @Override
    void act(NodeSpec spec, NodeContext c) {
      if (CRASHED.add(c.threadId() + "/" + c.nodeName())) throw new SimulatedCrash(c.nodeName() + " at step " + c.step());
    }
  }
}
