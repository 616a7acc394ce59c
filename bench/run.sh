#!/usr/bin/env bash
# Runs lamgraph's benchmarks and its peers' in one go and prints one table (bench/README.md):
#   1. StepBenchmark: the counting loop on lamgraph (memory, SQLite) and langgraph4j (none, MemorySaver)
#   2. bench/js/peers.mjs: the same loop and the messages loop on LangGraph.js (MemorySaver, SqliteSaver),
#      plus the floor: one SQLite WAL commit
#   3. CLI start: `lam` vs `node` running the peer, 100 steps, median of 5
#   4. PgFloor (commit floor, statements per worker step) and PgBenchmark (workers, takeover,
#      checkpoint bytes); each starts its own PostgreSQL on loopback
#      unless --no-pg
# All JSON lines, with a first line describing the machine, go to bench/results/run-DATE.jsonl.
# Usage: bench/run.sh [--quick] [--no-pg]
set -euo pipefail
cd "$(dirname "$0")/.."
quick=(); pg=1
for a in "$@"; do
  case "$a" in --quick) quick=(--quick) ;; --no-pg) pg=0 ;; *) echo "usage: bench/run.sh [--quick] [--no-pg]" >&2; exit 2 ;; esac
done
command -v node >/dev/null || { echo "bench: error: node (20+) is needed for the LangGraph.js peer" >&2; exit 2; }
[[ -d bench/js/node_modules ]] || (cd bench/js && npm ci --no-audit --no-fund >&2)   # better-sqlite3 compiles (~80 s)
mvn -B -q -DskipTests -pl engine -am test-compile
mvn -B -q -pl engine dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench-cp.txt"
./lam --version >/dev/null   # builds the CLI (and its start-up archive) before anything is timed
mkdir -p bench/results
out="bench/results/run-$(date -u +%Y%m%d-%H%M%S).jsonl"
bench_java() { (cd engine && java -Xmx2g -cp "target/classes:target/test-classes:$(cat ../target/bench-cp.txt)" "$@"); }

machine() {
  local mem load java nodev
  mem=$(awk '/MemTotal/ {printf "%d", $2 / 1024}' /proc/meminfo)
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  java=$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')
  nodev=$(node --version)
  printf '{"bench":"machine","phase":"%s","date":"%s","nproc":%s,"mem_total_mb":%s,"loadavg_1_5_15":"%s","java":"%s","node":"%s","cpu":"%s"}\n' \
    "$1" "$(date -u +%FT%TZ)" "$(nproc)" "$mem" "$load" "$java" "$nodev" \
    "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
}

# Median wall and CPU (user + system) milliseconds of 5 runs of a command.
start_time() {
  local label=$1; shift
  local TIMEFORMAT='%R %U %S' walls=() cpus=() w u s i
  for i in 1 2 3 4 5; do
    read -r w u s < <({ time "$@" >/dev/null 2>&1; } 2>&1)
    walls+=("$(awk "BEGIN {print int($w * 1000)}")"); cpus+=("$(awk "BEGIN {print int(($u + $s) * 1000)}")")
  done
  printf '{"bench":"cli_start","command":"%s","runs":5,"wall_ms_median":%s,"cpu_ms_median":%s,"loadavg_1":%s}\n' \
    "$label" "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 3p)" "$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 3p)" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}

cli() {
  local d; d=$(mktemp -d)
  start_time "lam --version" ./lam --version
  start_time "lam validate graphs/counter.yaml" ./lam validate graphs/counter.yaml
  start_time "lam run counting-loop n=100 memory" ./lam run bench/counting-loop.yaml --input n=100 --store memory: --quiet
  start_time "lam run counting-loop n=100 sqlite" ./lam run bench/counting-loop.yaml --input n=100 --store "sqlite:$d/lam.db" --quiet
  start_time "node -e 0" node -e 0
  start_time "node peers.mjs n=100 MemorySaver" node bench/js/peers.mjs --once 100 memory
  start_time "node peers.mjs n=100 SqliteSaver" node bench/js/peers.mjs --once 100 sqlite
  rm -rf "$d"
}

{
  machine start
  bench_java dev.lamgraph.engine.bench.StepBenchmark "${quick[@]}"
  node bench/js/peers.mjs "${quick[@]}"
  node bench/js/peers.mjs --floor
  cli
  if [[ $pg == 1 ]]; then
    bench_java dev.lamgraph.engine.bench.PgFloor "${quick[@]}"
    bench_java dev.lamgraph.engine.bench.PgBenchmark "${quick[@]}"
  fi
  machine end
} | tee "$out"
echo "wrote $out" >&2
node bench/js/table.mjs "$out"
