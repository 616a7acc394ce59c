package dev.lamgraph.engine.lg4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Random workflows of {@code set} nodes that langgraph4j can express: chains of blocks (a node,
 * a fan-out to 2-3 branches joined by one node, a conditional diamond with an occasional early
 * END, a loop with a counter and a conditional exit, loops nested in loops), entered from START
 * directly, by a conditional edge on the input, or by a fan-out. Nodes append to a log, add to
 * integer and number totals, merge into an object and replace values (never two parallel siblings
 * the same one: that is PARALLEL_WRITE); a few divide by zero, and
 * some runs get a small {@code max_steps}, so failures are compared too.
 */
final class RandomWorkflows {
  /** A workflow and the input to run it with. */
  record Case(String yaml, Map<String, Object> input) {}

  /** Where a block starts and ends; {@code loop} is set when the exit is a loop tail. */
  private record Block(String entry, String exit, Loop loop) {}

  private record Loop(String counter, int bound, String bodyEntry) {}

  private final Random r;
  private final StringBuilder nodes = new StringBuilder();
  private final StringBuilder edges = new StringBuilder();
  private final TreeSet<String> counters = new TreeSet<>();
  private int next;
  /** Set while generating nodes that run in parallel: they must not both write a replace channel. */
  private boolean parallel;

  private RandomWorkflows(Random r) {
    this.r = r;
  }

  static Case generate(long seed) {
    return new RandomWorkflows(new Random(seed)).build(seed);
  }

  private Case build(long seed) {
    Block main = chain(0, 1 + r.nextInt(4));
    switch (r.nextInt(3)) {
      case 0 -> edges.append("  - { from: START, to: ").append(main.entry()).append(" }\n");
      case 1 -> {
        String pre = node("pre");
        edges.append("  - { from: START, when: [ { if: \"input.flag\", to: ").append(main.entry())
            .append(" } ], else: ").append(pre).append(" }\n");
        connect(new Block(pre, pre, null), main.entry());
      }
      default -> {
        parallel = true;
        String p1 = node("p");
        String p2 = node("p");
        parallel = false;
        edges.append("  - { from: START, to: [").append(p2).append(", ").append(p1).append("] }\n");
        connect(new Block(p1, p1, null), main.entry());
        connect(new Block(p2, p2, null), main.entry());
      }
    }
    connect(main, "END");
    StringBuilder y = new StringBuilder("name: random-" + Long.toHexString(seed).replace('-', 'm') + "\nstate:\n");
    y.append("  log:   { type: list, reducer: append }\n");
    y.append("  total: { type: integer, reducer: add, default: 0 }\n");
    y.append("  fsum:  { type: number, reducer: add }\n");
    y.append("  notes: { type: object, reducer: merge }\n");
    y.append("  last:  { type: string }\n");
    y.append("  score: { type: integer, default: 0 }\n");
    for (String c : counters) y.append("  ").append(c).append(": { type: integer, default: 0 }\n");
    y.append("limits: { max_steps: ").append(r.nextInt(7) == 0 ? 3 + r.nextInt(10) : 500).append(" }\n");
    y.append("nodes:\n").append(nodes).append("edges:\n").append(edges);
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("flag", r.nextBoolean());
    if (r.nextInt(4) == 0) input.put("total", (long) r.nextInt(5));
    if (r.nextInt(4) == 0) input.put("log", new ArrayList<>(List.of("in")));
    return new Case(y.toString(), input);
  }

  private Block chain(int depth, int n) {
    Block first = block(depth);
    Block last = first;
    for (int i = 1; i < n; i++) {
      Block b = block(depth);
      connect(last, b.entry());
      last = b;
    }
    return new Block(first.entry(), last.exit(), last.loop());
  }

  private Block block(int depth) {
    int kind = r.nextInt(depth >= 2 ? 3 : 4);
    switch (kind) {
      case 0 -> {
        String x = node("n");
        return new Block(x, x, null);
      }
      case 1 -> {
        String s = node("s");
        String j = node("j");
        List<String> branches = new ArrayList<>();
        parallel = true;
        for (int i = 2 + r.nextInt(2); i > 0; i--) branches.add(node("b"));
        parallel = false;
        List<String> written = new ArrayList<>(branches);
        java.util.Collections.shuffle(written, r);
        edges.append("  - { from: ").append(s).append(", to: [").append(String.join(", ", written)).append("] }\n");
        for (String b : branches) edges.append("  - { from: ").append(b).append(", to: ").append(j).append(" }\n");
        return new Block(s, j, null);
      }
      case 2 -> {
        String d = node("d");
        String a = node("a");
        String m = node("m");
        String other = r.nextInt(5) == 0 ? "END" : node("e");
        edges.append("  - { from: ").append(d).append(", when: [ { if: \"").append(condition())
            .append("\", to: ").append(a).append(" } ], else: ").append(other).append(" }\n");
        edges.append("  - { from: ").append(a).append(", to: ").append(m).append(" }\n");
        if (!other.equals("END")) edges.append("  - { from: ").append(other).append(", to: ").append(m).append(" }\n");
        return new Block(d, m, null);
      }
      default -> {
        Block body = chain(depth + 1, 1 + r.nextInt(2));
        String counter = "c" + counters.size();
        counters.add(counter);
        String tail = node("t", counter + ": \"state." + counter + " + 1\"");
        connect(body, tail);
        return new Block(body.entry(), tail, new Loop(counter, 1 + r.nextInt(3), body.entry()));
      }
    }
  }

  private void connect(Block from, String to) {
    if (from.loop() == null) {
      edges.append("  - { from: ").append(from.exit()).append(", to: ").append(to).append(" }\n");
      return;
    }
    Loop l = from.loop();
    edges.append("  - { from: ").append(from.exit()).append(", when: [ { if: \"state.").append(l.counter())
        .append(" < ").append(l.bound()).append("\", to: ").append(l.bodyEntry()).append(" } ], else: ").append(to)
        .append(" }\n");
  }

  private String condition() {
    return switch (r.nextInt(5)) {
      case 0 -> "state.total % 2 == 0";
      case 1 -> "size(state.log) > 3";
      case 2 -> "input.flag";
      case 3 -> "state.score > 4";
      default -> "size(state.notes) >= 2";
    };
  }

  private String node(String prefix, String... extra) {
    String name = prefix + next++;
    List<String> sets = new ArrayList<>(List.of(extra));
    if (r.nextInt(5) > 0) sets.add("log: \"['" + name + "']\"");
    if (r.nextBoolean()) sets.add("total: \"" + (1 + r.nextInt(3)) + "\"");
    if (r.nextInt(3) == 0) sets.add("fsum: \"0.5\"");
    if (r.nextInt(3) == 0) sets.add("notes: \"{'" + name + "': state.total}\"");
    if (r.nextInt(3) == 0) sets.add("last: \"'" + name + "'\"");
    if (r.nextInt(4) == 0) sets.add("score: \"state.score + state.total\"");
    if (r.nextInt(40) == 0) sets.add("score: \"10 / (state.total - state.total)\"");
    if (sets.isEmpty()) sets.add("log: \"['" + name + "']\"");
    // a key may appear twice (score): keep the last, as YAML would refuse duplicates
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String s : sets) byKey.put(s.substring(0, s.indexOf(':')), s);
    if (parallel) { // replace channels: a parallel sibling may write them in the same step (PARALLEL_WRITE)
      byKey.remove("last");
      byKey.remove("score");
      if (byKey.isEmpty()) byKey.put("log", "log: \"['" + name + "']\"");
    }
    nodes.append("  ").append(name).append(": { type: set, set: { ").append(String.join(", ", byKey.values()))
        .append(" } }\n");
    return name;
  }
}
