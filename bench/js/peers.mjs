// LangGraph.js ports of lamgraph's bench loops (bench/counting-loop.yaml, bench/messages-loop.yaml),
// (node "step": LangGraph.js forbids a node named like a channel) run with LangGraph's MemorySaver and SqliteSaver. Prints one JSON object per line, with the same
// field names as lamgraph's StepBenchmark and PgBenchmark (see bench/README.md).
//
//   node bench/js/peers.mjs             # counting loop at 100 / 2,000 / 6,000 items, messages loop
//   node bench/js/peers.mjs --quick     # small sizes
//   node bench/js/peers.mjs --once N memory|sqlite   # one counting run of N steps, for start times
//   node bench/js/peers.mjs --floor     # the physical floor: one SQLite WAL commit (NORMAL, FULL)
import { Annotation, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const append = { reducer: (a, b) => a.concat(b), default: () => [] };

/** bench/counting-loop.yaml: one node appends one item per step until count reaches n. */
function countingLoop(n) {
  const State = Annotation.Root({ count: Annotation({ reducer: (_, b) => b, default: () => 0 }), items: Annotation(append) });
  return new StateGraph(State)
    .addNode("step", (s) => ({ count: s.count + 1, items: ["item-" + (s.count + 1)] }))
    .addEdge(START, "step")
    .addConditionalEdges("step", (s) => (s.count < n ? "step" : END));
}

/** bench/messages-loop.yaml: one ~250-byte message per step until n messages. */
function messagesLoop(n, text) {
  const State = Annotation.Root({ count: Annotation({ reducer: (_, b) => b, default: () => 0 }), messages: Annotation(append) });
  return new StateGraph(State)
    .addNode("chat", (s) => ({
      count: s.count + 1,
      messages: [{ role: s.count % 2 === 0 ? "user" : "assistant", content: "message " + (s.count + 1) + ": " + text }],
    }))
    .addEdge(START, "chat")
    .addConditionalEdges("chat", (s) => (s.count < n ? "chat" : END));
}

/** A fresh saver: MemorySaver, or SqliteSaver on a new file in a temporary directory (WAL). */
function saver(kind, dir, tag) {
  if (kind === "memory") return { saver: new MemorySaver(), bytes: memoryBytes };
  const path = join(dir, tag + ".db");
  return { saver: SqliteSaver.fromConnString(path), bytes: () => sqliteBytes(path) };
}

function memoryBytes(s) {
  let total = 0;
  for (const ns of Object.values(s.storage)) {
    for (const byId of Object.values(ns)) {
      for (const [cp, meta] of Object.values(byId)) total += cp.length + meta.length;
    }
  }
  for (const w of Object.values(s.writes)) for (const [, , value] of Object.values(w)) total += value.length;
  return total;
}

function sqliteBytes(path) {
  const db = new Database(path, { readonly: true });
  const cp = db.prepare("SELECT coalesce(sum(length(checkpoint) + length(metadata)), 0) AS b FROM checkpoints").get().b;
  const wr = db.prepare("SELECT coalesce(sum(length(value)), 0) AS b FROM writes").get().b;
  db.close();
  return cp + wr;
}

/** One run of graph on a fresh saver; returns microseconds per step and checkpoint bytes per step. */
async function once(builder, n, kind, dir, tag, input = {}) {
  const { saver: s, bytes } = saver(kind, dir, tag);
  const app = builder.compile({ checkpointer: s });
  const t0 = process.hrtime.bigint();
  const out = await app.invoke(input, { configurable: { thread_id: tag }, recursionLimit: n + 10 });
  const us = Number(process.hrtime.bigint() - t0) / 1000;
  if (out.count !== n) throw new Error(`run ended at count ${out.count}, expected ${n}`);
  const b = bytes(s);
  if (kind === "sqlite") s.db.close();
  return { us_per_step: us / n, checkpoint_bytes_per_step: b / n };
}

/** Microseconds per one-row transaction (a ~100-byte blob) in WAL mode: the floor of a durable step. */
function walCommit(dir, sync) {
  const db = new Database(join(dir, "floor-" + sync + ".db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = " + sync);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)");
  const ins = db.prepare("INSERT INTO t (v) VALUES (?)");
  const v = Buffer.alloc(100, 1);
  const n = 5000;
  for (let i = 0; i < 500; i++) ins.run(v); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) ins.run(v); // autocommit: one transaction, one WAL commit each
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  db.close();
  return { bench: "sqlite_wal_commit", synchronous: sync, commits: n, us_per_commit: Math.round(us * 100) / 100 };
}

const r2 = (x) => Math.round(x * 100) / 100;
const args = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "lam-peers-"));
try {
  if (args[0] === "--floor") {
    for (const sync of ["NORMAL", "FULL"]) console.log(JSON.stringify(walCommit(dir, sync)));
  } else if (args[0] === "--once") {
    const n = Number(args[1]);
    await once(countingLoop(n), n, args[2] ?? "memory", dir, "once");
  } else {
    const quick = args.includes("--quick");
    const sizes = quick ? [10, 50, 100] : [100, 2000, 6000];
    let k = 0;
    for (const kind of ["memory", "sqlite"]) {
      const warm = quick ? 50 : 2000; // as StepBenchmark warms langgraph4j
      await once(countingLoop(warm), warm, kind, dir, "warm" + k++);
      for (const n of sizes) {
        let best = null;
        for (let r = 0; r < (n >= 2000 ? 1 : quick ? 1 : 5); r++) {
          const res = await once(countingLoop(n), n, kind, dir, "t" + k++);
          if (!best || res.us_per_step < best.us_per_step) best = res;
        }
        console.log(JSON.stringify({
          bench: "step", executor: "langgraph.js", store: kind === "memory" ? "MemorySaver" : "SqliteSaver",
          iterations: n, threads: 1, us_per_step: r2(best.us_per_step),
          checkpoint_bytes_per_step: r2(best.checkpoint_bytes_per_step), quick,
        }));
      }
    }
    const m = quick ? 50 : 500;
    const text = "x".repeat(200); // as PgBenchmark's checkpoint_bytes bench
    for (const kind of ["memory", "sqlite"]) {
      const res = await once(messagesLoop(m, text), m, kind, dir, "m" + k++, {});
      console.log(JSON.stringify({
        bench: "checkpoint_bytes", executor: "langgraph.js", store: kind === "memory" ? "MemorySaver" : "SqliteSaver",
        steps: m, us_per_step: r2(res.us_per_step), checkpoint_bytes_per_step: r2(res.checkpoint_bytes_per_step), quick,
      }));
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
