// Prints bench/run.sh's JSON lines as one table. Usage: node bench/js/table.mjs bench/results/run-*.jsonl
import { readFileSync } from "node:fs";

const rows = readFileSync(process.argv[2], "utf8").split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
const steps = rows.filter((r) => r.bench === "step" && r.threads === 1);
const sizes = [...new Set(steps.map((r) => r.iterations))].sort((a, b) => a - b);
const key = (r) => `${r.executor} / ${r.store}`;
const series = new Map();
for (const r of steps) {
  if (!series.has(key(r))) series.set(key(r), { executor: r.executor, store: r.store, at: {} });
  series.get(key(r)).at[r.iterations] = r;
}
// The lamgraph series a peer is compared with: SQLite for a durable saver, memory otherwise.
const base = (s) => series.get(`lamgraph / ${/sqlite/i.test(s.store) ? "sqlite" : "memory"}`);
const pad = (x, n) => String(x).padStart(n);
const num = (x) => (x === undefined ? "-" : x >= 100 ? Math.round(x) : x.toFixed(1));

const machine = rows.find((r) => r.bench === "machine");
if (machine) {
  console.log(`machine: ${machine.nproc} cores (${machine.cpu}), ${machine.mem_total_mb} MB, load ${machine.loadavg_1_5_15} at start; ${machine.java}; node ${machine.node}`);
}
console.log("\ncounting loop, one thread: µs per step (wall, best of runs) | ratio to lamgraph on the same kind of store | checkpoint bytes per step");
let head = pad("executor / saver", 28);
for (const n of sizes) head += pad(`µs@${n}`, 10);
for (const n of sizes) head += pad(`x@${n}`, 8);
for (const n of sizes) head += pad(`B@${n}`, 9);
console.log(head);
for (const s of series.values()) {
  let line = pad(key(s), 28);
  for (const n of sizes) line += pad(num(s.at[n]?.us_per_step), 10);
  const b = base(s);
  for (const n of sizes) {
    const mine = s.at[n]?.us_per_step, theirs = b?.at[n]?.us_per_step;
    line += pad(mine && theirs ? (mine / theirs).toFixed(1) : "-", 8);
  }
  for (const n of sizes) line += pad(num(s.at[n]?.checkpoint_bytes_per_step), 9);
  console.log(line);
}
const lam = steps.filter((r) => r.executor === "lamgraph" && r.us_per_step_steady !== undefined);
if (lam.length) {
  console.log("\nlamgraph steady state (between first and last step commit), µs per step:");
  for (const r of lam) console.log(`  ${r.store.padEnd(8)} @${pad(r.iterations, 5)}: ${num(r.us_per_step_steady)} (last 100 steps ${num(r.us_per_step_last_100)})`);
}
const bytes = rows.filter((r) => r.bench === "checkpoint_bytes");
if (bytes.length) {
  console.log("\nmessages loop (one ~250-byte message per step): checkpoint bytes per step, µs per step");
  for (const r of bytes) console.log(`  ${pad(`${r.executor ?? "lamgraph"} / ${r.store}`, 28)} ${pad(num(r.checkpoint_bytes_per_step), 8)} B ${pad(num(r.us_per_step), 8)} µs  (${r.steps} steps)`);
}
const floor = rows.filter((r) => r.bench === "sqlite_wal_commit");
if (floor.length) {
  console.log("\nfloor: one SQLite WAL commit (one-row transaction)");
  for (const r of floor) console.log(`  synchronous=${r.synchronous.padEnd(6)} ${num(r.us_per_commit)} µs`);
}
const cli = rows.filter((r) => r.bench === "cli_start");
if (cli.length) {
  console.log("\nCLI start, median of runs: wall ms / CPU ms (user + system)");
  for (const r of cli) console.log(`  ${r.command.padEnd(36)} ${pad(r.wall_ms_median, 6)} / ${pad(r.cpu_ms_median, 5)}   (load ${r.loadavg_1})`);
}
const pg = rows.filter((r) => r.bench === "pg_workers");
if (pg.length) {
  console.log("\nPostgreSQL workers: steps/s");
  for (const r of pg) console.log(`  ${JSON.stringify(r)}`);
}
