#!/usr/bin/env bash
# HNSW recall/latency sweep (AnnSweep, bench/README.md "HNSW sweep"): random 384-dim unit vectors,
# Lucene 9.12 HNSW at a few build (M:beamWidth) and search (ef = KnnFloatVectorQuery's k) settings.
# Writes bench/results/hnsw-DATE.jsonl, the first and last lines describing the machine.
# Usage: bench/hnsw.sh [N] [QUERIES] [M:BEAM,...] [EF,...]   (default 100000 100 16:100 10,50,100,200,400)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}" queries="${2:-100}" builds="${3:-16:100}" efs="${4:-10,50,100,200,400}"
mvn -B -q -o -DskipTests -pl nodes -am test-compile
mvn -B -q -o -pl nodes dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/hnsw-cp.txt"
rm -rf target/hnsw-bench && mkdir -p target/hnsw-bench
cp -r engine/target/classes target/hnsw-bench/engine
cp -r nodes/target/classes target/hnsw-bench/nodes
cp -r nodes/target/test-classes target/hnsw-bench/nodes-test
cp="target/hnsw-bench/nodes:target/hnsw-bench/nodes-test:target/hnsw-bench/engine:$(cat target/hnsw-cp.txt)"
mkdir -p bench/results
out="bench/results/hnsw-$(date -u +%Y%m%d-%H%M%S).jsonl"
{
  printf '{"bench":"machine","date":"%s","nproc":%s,"loadavg_1_5_15":"%s","java":"%s"}\n' \
    "$(date -u +%FT%TZ)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')"
  java -Xmx2g -cp "$cp" dev.lamgraph.nodes.memory.AnnSweep "$n" "$queries" "$builds" "$efs"
  printf '{"bench":"machine","phase":"end","date":"%s","loadavg_1_5_15":"%s"}\n' "$(date -u +%FT%TZ)" "$(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
echo "bench: results in $out" >&2
