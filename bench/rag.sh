#!/usr/bin/env bash
# Runs the RAG benchmark (RagBenchmark, bench/README.md "RAG benchmark") and keeps its JSON lines
# in bench/results/rag-DATE.jsonl, the first line describing the machine.
# Usage: bench/rag.sh [--quick] [--1m]    (--1m adds the 1,000,000-vector run: ~1.5 GB heap, long on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
for a in "$@"; do
  case "$a" in --quick|--1m) ;; *) echo "usage: bench/rag.sh [--quick] [--1m]" >&2; exit 2 ;; esac
done
mvn -B -q -DskipTests -pl nodes -am test-compile
mvn -B -q -pl nodes dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/rag-cp.txt"
# a private copy of the classes, so a build during the run cannot pull them away
rm -rf target/rag-bench && mkdir -p target/rag-bench
cp -r engine/target/classes target/rag-bench/engine
cp -r nodes/target/classes target/rag-bench/nodes
cp -r nodes/target/test-classes target/rag-bench/nodes-test
cp="target/rag-bench/nodes:target/rag-bench/nodes-test:target/rag-bench/engine:$(cat target/rag-cp.txt)"
mkdir -p bench/results
out="bench/results/rag-$(date -u +%Y%m%d-%H%M%S).jsonl"
{
  printf '{"bench":"machine","date":"%s","nproc":%s,"mem_total_mb":%s,"loadavg_1_5_15":"%s","java":"%s"}\n' \
    "$(date -u +%FT%TZ)" "$(nproc)" "$(awk '/MemTotal/ {printf "%d", $2 / 1024}' /proc/meminfo)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')"
  java -Xmx3g -cp "$cp" dev.lamgraph.nodes.memory.RagBenchmark "$@"
  printf '{"bench":"machine","phase":"end","date":"%s","loadavg_1_5_15":"%s"}\n' "$(date -u +%FT%TZ)" "$(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
echo "bench: results in $out" >&2
