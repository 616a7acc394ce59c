#!/usr/bin/env bash
# The PostgreSQL part of the benchmarks alone (bench/README.md, "PostgreSQL benchmark"), each
# program on a durable PostgreSQL server of its own on loopback:
#   1. PgStepProbe --interleave: the commit floor, the store's commit alone (synchronous_commit on
#      and off) and one in-process worker, in short alternating slices (ROUNDS, default 8), with
#      per-call p50/p90; then one slice of each with the server's WAL counters (pg_stat_wal,
#      pg_waldump) and statement times (pg_stat_statements)
#   2. PgBenchmark: 1 / 2 / 4 workers, synchronous_commit on / off / on with commit_delay, each
#      right after the commit floor on as many connections; takeover; checkpoint bytes
#   3. PgWorkerProcess: `lam worker --until-idle` processes (./lam, C1 only and tiered), 2 rounds
# JSON lines, between two lines describing the machine, go to bench/results/pg-DATE.jsonl.
# Usage: bench/pg.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-8}
mvn -B -q -o -DskipTests -pl engine -am test-compile
mvn -B -q -o -pl engine dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench-cp.txt"
mkdir -p bench/results
out="bench/results/pg-$(date -u +%Y%m%d-%H%M%S).jsonl"
bench_java() { (cd engine && java -Xmx1g -cp "target/classes:target/test-classes:$(cat ../target/bench-cp.txt)" "$@"); }
machine() {
  printf '{"bench":"machine","phase":"%s","date":"%s","nproc":%s,"mem_total_mb":%s,"loadavg_1_5_15":"%s","cpu":"%s","disk":"%s"}\n' \
    "$1" "$(date -u +%FT%TZ)" "$(nproc)" "$(awk '/MemTotal/ {printf "%d", $2 / 1024}' /proc/meminfo)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" \
    "$(df -T /tmp | awk 'NR == 2 {print $1 " " $2}')"
}
{
  machine start
  bench_java dev.lamgraph.engine.bench.PgStepProbe --interleave --commits 400 --rounds "$rounds" \
    --only floor,select_1,store_commit,store_commit_sync_off,engine_worker
  bench_java dev.lamgraph.engine.bench.PgStepProbe --waldump \
    --only floor,floor_step_sized_row,store_commit,store_commit_sync_off,engine_worker
  machine middle
  bench_java dev.lamgraph.engine.bench.PgBenchmark
  machine middle
  ./lam --version >/dev/null   # builds the CLI first when needed
  bench_java dev.lamgraph.engine.bench.PgWorkerProcess 2
  machine end
} | tee "$out"
echo "wrote $out" >&2
