#!/usr/bin/env bash
# Cold start of the `lam` command (bench/README.md, "CLI start"): wall and CPU (user + system)
# milliseconds of whole processes, median of R runs, for `--version`, `validate` of a small
# workflow, and `run` of a small workflow to END (the counting loop, 10 steps, memory and a fresh
# SQLite store). With several launchers (e.g. a build before a change and after it), the runs
# alternate between them so a change of the machine's load hits each alike.
# Usage: bench/cli-start.sh [R] [LAUNCHER...]     (defaults 7 and ./lam)
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-7}; shift || true
lams=("$@"); [[ ${#lams[@]} -gt 0 ]] || lams=(./lam)
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
for l in "${lams[@]}"; do "$l" --version >/dev/null; done   # builds, start-up archive
flow="$PWD/bench/counting-loop.yaml"
labels=("lam --version" "lam validate graphs/counter.yaml" "lam run counting-loop n=10 memory" "lam run counting-loop n=10 sqlite")
cmd() {   # cmd LAUNCHER INDEX
  case $2 in
    0) "$1" --version ;;
    1) "$1" validate graphs/counter.yaml ;;
    2) "$1" run "$flow" --input n=10 --store memory: --quiet ;;
    3) rm -f "$d"/s.db*; "$1" run "$flow" --input n=10 --store "sqlite:$d/s.db" --quiet ;;
  esac
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
printf '{"bench":"machine","date":"%s","nproc":%s,"loadavg_1_5_15":"%s"}\n' "$(date -u +%FT%TZ)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
for c in 0 1 2 3; do
  declare -A walls=() cpus=()
  for ((i = 0; i < reps; i++)); do
    for l in "${lams[@]}"; do
      TIMEFORMAT='%R %U %S'
      read -r w u s < <({ time cmd "$l" "$c" >/dev/null 2>&1; } 2>&1)
      walls[$l]+="$(awk "BEGIN {print int($w * 1000)}") "; cpus[$l]+="$(awk "BEGIN {print int(($u + $s) * 1000)}") "
    done
  done
  for l in "${lams[@]}"; do
    printf '{"bench":"cli_start","command":"%s","lam":"%s","runs":%d,"wall_ms_median":%s,"cpu_ms_median":%s,"loadavg_1":%s}\n' \
      "${labels[$c]}" "$l" "$reps" "$(tr ' ' '\n' <<<"${walls[$l]}" | grep . | median)" \
      "$(tr ' ' '\n' <<<"${cpus[$l]}" | grep . | median)" "$(cut -d' ' -f1 /proc/loadavg)"
  done
  unset walls cpus
done
