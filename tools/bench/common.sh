# common.sh -- timing helpers shared by the benchmark scripts (sourced).

# ms CMD...: wall-clock milliseconds of one run (output discarded).
ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.1f\n", ns / 1e6 }'
}
# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# largest of the numbers on stdin
maximum() { sort -g | tail -n 1; }
# timed REPS CMD...: median milliseconds over REPS runs
timed() { local r=$1; shift; for _ in $(seq "$r"); do ms "$@"; done | median; }
# ratio A B: A / B with three decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# bench_init [DEFAULT_REPS]: install what is missing, build Release into
# BUILD_DIR (default build/), and set build, eq, gen (the binaries), reps
# (REPS, else DEFAULT_REPS, else 5) and work (a temporary folder, removed
# on exit).  The caller sets root first.
bench_init() {
  reps=${REPS:-${1:-5}}
  build=${BUILD_DIR:-$root/build}
  "$root/tools/deps.sh"
  "$root/tools/build.sh" "$build" Release >/dev/null
  eq=$build/equilib
  gen=$build/eqgen
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
}
# load: the machine's load averages (1, 5, 15 minutes), from uptime
load() { uptime | sed 's/.*load average[s]*: *//'; }
