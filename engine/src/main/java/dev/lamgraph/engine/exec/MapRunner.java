package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.MapBody;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.trace.TraceEvent;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs a map node within its step: one task per item ({@code m[0]}, {@code m[1]}...), at most
 * {@code max_concurrency} at a time, each with the inner node's retry and timeout, each seeing
 * the state with its item in the item channel. Results are collected in item order, whatever
 * order the items finish in. The first item that fails for good cancels the others and fails the
 * map with its error.
 */
final class MapRunner {
  private final StepRunner runner;

  MapRunner(StepRunner runner) {
    this.runner = runner;
  }

  NodeOutcome run(MapBody m, CallContext ctx) throws InterruptedException {
    CallScope scope = ctx.scope();
    String name = ctx.nodeName();
    Object over = ctx.state().get(m.over());
    if (over != null && !(over instanceof List<?>)) {
      return new NodeOutcome.Failed(name, "type_error", "map node '" + name + "' goes over channel '" + m.over()
          + "', which holds " + ValueType.describe(over) + ", not a list", 1);
    }
    List<?> items = over == null ? List.of() : new ArrayList<>((List<?>) over);
    Object[] results = new Object[items.size()];
    BlockingQueue<Object[]> done = new LinkedBlockingQueue<>();
    List<NodeTask<Void>> running = new ArrayList<>();
    int limit = m.maxConcurrency() > 0 ? m.maxConcurrency() : Math.max(1, items.size());
    int next = 0;
    try {
      for (; next < Math.min(limit, items.size()); next++) running.add(submit(done, m, ctx, items, next));
      for (int finished = 0; finished < items.size(); finished++) {
        Object[] r = take(done);
        int i = (Integer) r[0];
        NodeOutcome o = (NodeOutcome) r[1];
        if (!(o instanceof NodeOutcome.Ok ok)) return failed(name, i, items.size(), o);
        results[i] = ok.result().updates().get(m.collect());
        Map<String, Object> d = new HashMap<>(Map.of("item", i, "duration_us", ok.nanos() / 1000));
        scope.trace(TraceEvent.Kind.NODE_SUCCEEDED, ok.node(), d);
        if (next < items.size()) running.add(submit(done, m, ctx, items, next++));
      }
    } finally {
      // the finished ones end at once; the others (an item failed, or the run's time is up) are
      // stopped and given their grace, so their tool processes are gone when the map returns
      NodeTask.stopAll(running, NodeTask.GRACE);
    }
    Map<String, Object> out = new HashMap<>();
    out.put(m.output(), new ArrayList<>(Arrays.asList(results)));
    return new NodeOutcome.Ok(name, NodeResult.of(out), 0);
  }

  /** Runs item {@code i}; its {@code {i, outcome}} (or {@code {i, throwable}}) is put in {@code done}. */
  private NodeTask<Void> submit(BlockingQueue<Object[]> done, MapBody m, CallContext ctx, List<?> items, int i) {
    String name = ctx.nodeName() + "[" + i + "]";
    return NodeTask.submit(runner.context().pool(), () -> {
      try {
        Object item = items.get(i);
        try {
          m.item().replace(new HashMap<>(), item, name); // the item's type check
        } catch (StateTypeException e) {
          done.add(new Object[] {i, new NodeOutcome.Failed(name, "type_error", e.getMessage(), 1)});
          return null;
        }
        Map<String, Object> view = new ItemView(ctx.state(), m.item().name(), m.item().normalize(item));
        done.add(new Object[] {i, runner.call(ctx.scope(), m.inner(), name, view)});
      } catch (Throwable e) {
        done.add(new Object[] {i, e});
      }
      return null;
    });
  }

  private static Object[] take(BlockingQueue<Object[]> done) throws InterruptedException {
    Object[] r = done.take();
    if (r[1] instanceof Error err) throw err;
    if (r[1] instanceof InterruptedException e) throw e;
    if (r[1] instanceof Throwable e) throw new IllegalStateException("map item task failed: " + e, e);
    return r;
  }

  private static NodeOutcome failed(String name, int i, int n, NodeOutcome o) {
    if (o instanceof NodeOutcome.Failed f) {
      return new NodeOutcome.Failed(name, f.kind(), "item " + i + " of " + n + ": " + f.message(), f.attempts());
    }
    return new NodeOutcome.Failed(name, "interrupt_in_map", "item " + i + " of " + n + " asked for input, but the items "
        + "of a map cannot pause", 1);
  }

  /** The state with one channel showing the current item (read-only, no copy). */
  static final class ItemView extends AbstractMap<String, Object> {
    private final Map<String, Object> base;
    private final String key;
    private final Object value;

    ItemView(Map<String, Object> base, String key, Object value) {
      this.base = base;
      this.key = key;
      this.value = value;
    }

    @Override
    public Object get(Object k) {
      return key.equals(k) ? value : base.get(k);
    }

    @Override
    public boolean containsKey(Object k) {
      return key.equals(k) || base.containsKey(k);
    }

    @Override
    public int size() {
      return base.size() + (base.containsKey(key) ? 0 : 1);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          List<Entry<String, Object>> l = new ArrayList<>();
          for (var e : base.entrySet()) if (!e.getKey().equals(key)) l.add(e);
          l.add(new SimpleImmutableEntry<>(key, value));
          return l.iterator();
        }

        @Override
        public int size() {
          return ItemView.this.size();
        }
      };
    }
  }
}
