#!/usr/bin/env bash
# The counting loop through the `lam` command (bench/README.md, "Step cost through lam run"):
# `lam run bench/counting-loop.yaml` on a fresh SQLite store at 100 and N items, standard output to
# a file, with progress lines and with --quiet, with the launcher's C1-only JIT and with full tiered
# compilation (C2). Prints one JSON line per configuration (medians over R runs) plus machine lines.
# The runs at 2,000 items give the steady per-step cost (between 2,000 and N).
# Usage: bench/cli-step.sh [N] [R]     (defaults 6000 and 3; LAM=path/to/lam to time another build,
#        JITS=c1 to skip the tiered runs)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-6000}; reps=${2:-3}
mid=$(( n > 4000 ? 2000 : n / 2 ))   # steady = (run at n - run at mid) / (n - mid): the warm-up cancelled out
lam=${LAM:-./lam}
flow="$PWD/bench/counting-loop.yaml"
"$lam" --version >/dev/null   # builds the CLI and its start-up archive before anything is timed
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# One run: prints "run_seconds cpu_seconds" (the run's own duration as `lam run` reports it; user + system of the process)
one() {
  local items=$1 mode=$2 jit=$3 TIMEFORMAT='%U %S' u s opts=() q=()
  [[ $jit == tiered ]] && opts=(-XX:TieredStopAtLevel=4)
  [[ $mode == quiet ]] && q=(--quiet)
  rm -f "$d"/lam.db*
  read -r u s < <({ time LAM_JAVA_OPTS="${opts[*]:-}" "$lam" run "$flow" --input "n=$items" --store "sqlite:$d/lam.db" \
    "${q[@]}" >"$d/out.txt" 2>&1; } 2>&1)
  local took; took=$(grep -o 'after [0-9]* steps ([0-9.]*\(ms\|s\))' "$d/out.txt" | grep -o '([0-9.]*\(ms\|s\))' | tr -d '()')
  case "$took" in *ms) took=$(awk "BEGIN {print ${took%ms} / 1000}") ;; *s) took=${took%s} ;; esac
  echo "$took $(awk "BEGIN {print $u + $s}")"
}

printf '{"bench":"machine","date":"%s","nproc":%s,"loadavg_1_5_15":"%s","lam":"%s"}\n' "$(date -u +%FT%TZ)" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$lam"
for jit in ${JITS:-c1 tiered}; do
  for mode in progress quiet; do
    small_run=(); small_cpu=(); mid_run=(); big_run=(); big_cpu=()
    for ((i = 0; i < reps; i++)); do   # alternating sizes, so a load change hits each alike
      read -r r c < <(one 100 "$mode" "$jit"); small_run+=("$r"); small_cpu+=("$c")
      read -r r c < <(one "$mid" "$mode" "$jit"); mid_run+=("$r")
      read -r r c < <(one "$n" "$mode" "$jit"); big_run+=("$r"); big_cpu+=("$c")
    done
    sr=$(printf '%s\n' "${small_run[@]}" | median); sc=$(printf '%s\n' "${small_cpu[@]}" | median)
    mr=$(printf '%s\n' "${mid_run[@]}" | median)
    br=$(printf '%s\n' "${big_run[@]}" | median); bc=$(printf '%s\n' "${big_cpu[@]}" | median)
    awk -v jit="$jit" -v mode="$mode" -v n="$n" -v mid="$mid" -v reps="$reps" -v sr="$sr" -v sc="$sc" -v mr="$mr" -v br="$br" -v bc="$bc" \
        -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
      printf "{\"bench\":\"cli_step\",\"jit\":\"%s\",\"output\":\"%s\",\"items\":%d,\"runs\":%d,", jit, mode, n, reps
      printf "\"run_us_per_step_first_100\":%.0f,\"run_us_per_step\":%.0f,", sr * 1e6 / 100, br * 1e6 / n
      printf "\"run_us_per_step_steady\":%.1f,\"steady_from\":%d,", (br - mr) * 1e6 / (n - mid), mid
      printf "\"cpu_us_per_step_marginal\":%.0f,\"process_cpu_ms_100\":%.0f,\"process_cpu_ms\":%.0f,\"loadavg_1\":%s}\n",
        (bc - sc) * 1e6 / (n - 100), sc * 1000, bc * 1000, load }'
  done
done
