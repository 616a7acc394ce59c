#!/usr/bin/env bash
# The first steps of a fresh process, in CPU time of the thread that runs them (bench/README.md,
# "Warm-up"): WarmUpBenchmark in R fresh JVMs started as the `lam` launcher starts them (C1 only,
# serial GC, the start-up archive, SQLite's extracted native library), for each build ROOT given
# (default: this checkout), alternating between them; prints every run's JSON line and, per ROOT,
# a line of medians. The benchmark class comes from this checkout's engine test classes.
# Usage: bench/warmup.sh [R] [N] [ROOT...]     (defaults 7, 6000, .)
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-7}; n=${2:-6000}; shift 2 || shift $#
roots=("$@"); [[ ${#roots[@]} -gt 0 ]] || roots=(.)
mvn -B -q -o -DskipTests -pl engine -am test-compile
here=$PWD
for r in "${roots[@]}"; do "$r/lam" --version >/dev/null; done   # builds each CLI and its start-up archive
printf '{"bench":"machine","date":"%s","nproc":%s,"loadavg_1_5_15":"%s"}\n' "$(date -u +%FT%TZ)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for ((i = 0; i < reps; i++)); do
  for r in "${roots[@]}"; do
    t="$(cd "$r" && pwd)/cli/target"
    (cd "$here/engine" && java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -XX:SharedArchiveFile="$t/lam.jsa" \
      -Dorg.sqlite.lib.path="$t/native" -Dorg.sqlite.lib.name=libsqlitejdbc.so \
      -cp "$t/lam.jar:$t/lib/*:$here/engine/target/test-classes" dev.lamgraph.engine.bench.WarmUpBenchmark "$n") \
      | sed "s|^{|{\"root\":\"$r\",|" | tee -a "$tmp/runs.jsonl"
  done
done
python3 - "$tmp/runs.jsonl" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
for root in dict.fromkeys(r["root"] for r in rows):
    rs = [r for r in rows if r["root"] == root]
    med = {k: round(statistics.median(r[k] for r in rs), 1) for k in rs[0] if k.startswith("cpu_")}
    print(json.dumps({"bench": "warmup_median", "root": root, "runs": len(rs), "items": rs[0]["items"], **med,
                      "loadavg_1": float(sys.argv[2])}))
PY
