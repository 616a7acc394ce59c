#!/usr/bin/env bash
# Runs the graph-memory benchmark (GraphBenchmark, bench/README.md "Graph memory benchmark") and keeps its JSON lines
# in bench/results/graph-DATE.jsonl, the first line describing the machine.
# Usage: bench/rag.sh [--quick] [--pg]    (--pg also runs on a PostgreSQL server it starts)
set -euo pipefail
cd "$(dirname "$0")/.."
for a in "$@"; do
  case "$a" in --quick|--pg) ;; *) echo "usage: bench/rag.sh [--quick] [--pg]" >&2; exit 2 ;; esac
done
mvn -B -q -DskipTests -pl nodes -am test-compile
mvn -B -q -pl nodes dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/graph-cp.txt"
# a private copy of the classes, so a build during the run cannot pull them away
rm -rf target/graph-bench && mkdir -p target/graph-bench
cp -r engine/target/classes target/graph-bench/engine
cp -r engine/target/test-classes target/graph-bench/engine-test
cp -r nodes/target/classes target/graph-bench/nodes
cp -r nodes/target/test-classes target/graph-bench/nodes-test
cp="target/graph-bench/nodes:target/graph-bench/nodes-test:target/graph-bench/engine:target/graph-bench/engine-test:$(cat target/graph-cp.txt)"
mkdir -p bench/results
out="bench/results/graph-$(date -u +%Y%m%d-%H%M%S).jsonl"
{
  printf '{"bench":"machine","date":"%s","nproc":%s,"mem_total_mb":%s,"loadavg_1_5_15":"%s","java":"%s"}\n' \
    "$(date -u +%FT%TZ)" "$(nproc)" "$(awk '/MemTotal/ {printf "%d", $2 / 1024}' /proc/meminfo)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')"
  java -Xmx1g -cp "$cp" dev.lamgraph.nodes.memory.graph.GraphBenchmark "$@"
  printf '{"bench":"machine","phase":"end","date":"%s","loadavg_1_5_15":"%s"}\n' "$(date -u +%FT%TZ)" "$(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
echo "bench: results in $out" >&2
