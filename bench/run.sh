#!/usr/bin/env bash
# Runs the step benchmark and appends its JSON lines to bench/results/step-<date>.jsonl.
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
