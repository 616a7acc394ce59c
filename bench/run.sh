#!/usr/bin/env bash
# Runs the step benchmark and the PostgreSQL benchmark (workers, takeover, checkpoint bytes; it
# starts its own PostgreSQL server on loopback) and keeps their JSON lines in bench/results/.
# Usage: bench/run.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl engine -am test-compile
mvn -B -q -pl engine dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench-cp.txt"
mkdir -p bench/results
out="bench/results/step-$(date -u +%Y%m%d-%H%M%S).jsonl"
(cd engine && java -Xmx2g -cp "target/classes:target/test-classes:$(cat ../target/bench-cp.txt)" \
  dev.lamgraph.engine.bench.StepBenchmark "$@") | tee "$out"
echo "wrote $out" >&2
pgout="bench/results/pg-$(date -u +%Y%m%d-%H%M%S).jsonl"
(cd engine && java -Xmx2g -cp "target/classes:target/test-classes:$(cat ../target/bench-cp.txt)" \
  dev.lamgraph.engine.bench.PgBenchmark "$@") | tee "$pgout"
echo "wrote $pgout" >&2
