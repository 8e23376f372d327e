#!/usr/bin/env bash
# Benchmark of equilib-mpi: grid points (sweep) and samples (robust) per
# second under mpirun with 1 and 2 ranks, against the single-process
# equilib measured in the same run, and the parallel efficiency
# (points per second with N ranks / (N x the serial rate)).  Each MPI
# output is checked byte for byte against the serial one.
#
#   tools/bench/bench_mpi.sh [POINTS] [SAMPLES] [REPS]
#
# POINTS: sweep of tests/fixtures/game/old_nato.game over timing x block_value
# (default 40000 points); SAMPLES: robust on models/security.game with a
# reported context (default 1500 samples); REPS repetitions (default 3):
# medians are printed.  Open MPI starts in about a second here, which the
# figures include (the -np 1 row shows it).  The load average is printed
# before and after: on a shared machine the figures are only indicative,
# and final figures need a quiet one.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/common.sh
. "$root/tools/bench/common.sh"
points=${1:-40000}
samples=${2:-1500}
reps=${3:-3}
build=${BUILD_DIR:-$root/build}
"$root/tools/deps.sh"
"$root/tools/build.sh" "$build" Release -DEQ_MPI=ON >/dev/null
eq=$build/equilib
eqm=$build/equilib-mpi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi=(mpirun --oversubscribe)
[ "$(id -u)" -eq 0 ] && mpi+=(--allow-run-as-root)

echo "load before: $(load)"
run() {   # run NAME UNITS ARGS...: serial, then -np 1 and 2
  local name=$1 n=$2; shift 2
  local t0 t np rate0
  "$eq" "$@" -f csv > "$work/serial.csv"
  for np in 1 2; do
    "${mpi[@]}" -np "$np" "$eqm" "$@" -f csv > "$work/np$np.csv"
    cmp -s "$work/serial.csv" "$work/np$np.csv" ||
      { echo "bench_mpi: $name: -np $np output differs from serial" >&2; exit 1; }
  done
  t0=$(timed "$reps" "$eq" "$@" -f csv)
  rate0=$(awk -v n="$n" -v t="$t0" 'BEGIN { printf "%.0f", n / (t / 1000) }')
  printf '%-7s %-22s %10s ms  %9s /s\n' "$name" "serial equilib" "$t0" "$rate0"
  for np in 1 2; do
    t=$(timed "$reps" "${mpi[@]}" -np "$np" "$eqm" "$@" -f csv)
    awk -v name="$name" -v np="$np" -v n="$n" -v t="$t" -v r0="$rate0" 'BEGIN {
      r = n / (t / 1000)
      printf "%-7s mpirun -np %-11d %10s ms  %9.0f /s  speed-up %.3f  efficiency %.3f\n",
             name, np, t, r, r / r0, r / r0 / np }'
  done
}
echo "== sweep: $points grid points of tests/fixtures/game/old_nato.game (median of $reps)"
run sweep "$points" sweep "$root/tests/fixtures/game/old_nato.game" --vary timing \
  --vary "block_value=0:30:$(( points / 2 ))"
echo "== robust: $samples samples of models/security.game (median of $reps)"
run robust "$samples" robust "$root/models/security.game" -n "$samples" --context option=israel
echo "load after: $(load)"
