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
# reported context (default 1500 samples); REPS rounds (default 5):
# medians are printed, the speed-ups and efficiencies as medians of the
# ratios within a round, against serial -j 1.  Open MPI starts in about a second here, which the
# figures include (the -np 1 row shows it).  The load average is printed
# before and after: on a shared machine the figures are only indicative,
# and final figures need a quiet one.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/common.sh
. "$root/tools/bench/common.sh"
points=${1:-40000}
samples=${2:-1500}
reps=${3:-5}
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
# run NAME UNITS ARGS...: the outputs checked, then REPS rounds, each
# timing in turn serial -j 1, mpirun -np 1 and -np 2 (one thread per rank,
# as one rank per core is meant), and serial -j 2 (the same cores used by
# threads instead).  The runs of a round are adjacent in time, so the
# per-round ratios are robust to a drift of the machine's speed (seen here
# from one minute to the next); their medians are printed.
run() {
  local name=$1 n=$2; shift 2
  local np r
  "$eq" "$@" -f csv > "$work/serial.csv"
  for np in 1 2; do
    "${mpi[@]}" -np "$np" "$eqm" "$@" -j 1 -f csv > "$work/np$np.csv"
    cmp -s "$work/serial.csv" "$work/np$np.csv" ||
      { echo "bench_mpi: $name: -np $np output differs from serial" >&2; exit 1; }
  done
  for r in $(seq "$reps"); do
    echo "$(ms "$eq" "$@" -j 1 -f csv) $(ms "${mpi[@]}" -np 1 "$eqm" "$@" -j 1 -f csv)" \
         "$(ms "${mpi[@]}" -np 2 "$eqm" "$@" -j 1 -f csv) $(ms "$eq" "$@" -j 2 -f csv)"
  done > "$work/$name.ms"
  awk -v name="$name" -v n="$n" '
    function med(v, k,   i, j, t) {
      for (i = 2; i <= k; i++) for (j = i; j > 1 && v[j-1] > v[j]; j--) { t = v[j]; v[j] = v[j-1]; v[j-1] = t }
      return k % 2 ? v[(k+1)/2] : (v[k/2] + v[k/2+1]) / 2 }
    { k++; for (c = 1; c <= 4; c++) t[c, k] = $c
      r1[k] = $1 / $2; r2[k] = $1 / $3; r3[k] = $1 / $4 }
    END {
      split("serial equilib -j 1|mpirun -np 1, -j 1|mpirun -np 2, -j 1|serial equilib -j 2", lab, "|")
      for (c = 1; c <= 4; c++) { for (i = 1; i <= k; i++) v[i] = t[c, i]; m[c] = med(v, k) }
      printf "%-7s %-22s %10.1f ms  %9.0f /s  (reference)\n", name, lab[1], m[1], n / (m[1] / 1000)
      printf "%-7s %-22s %10.1f ms  %9.0f /s  speed-up %.3f  efficiency %.3f\n", name, lab[2], m[2], n / (m[2] / 1000), med(r1, k), med(r1, k)
      printf "%-7s %-22s %10.1f ms  %9.0f /s  speed-up %.3f  efficiency %.3f\n", name, lab[3], m[3], n / (m[3] / 1000), med(r2, k), med(r2, k) / 2
      printf "%-7s %-22s %10.1f ms  %9.0f /s  speed-up %.3f  (threads, for comparison)\n", name, lab[4], m[4], n / (m[4] / 1000), med(r3, k)
    }' "$work/$name.ms"
}
echo "== sweep: $points grid points of tests/fixtures/game/old_nato.game (median of $reps)"
run sweep "$points" sweep "$root/tests/fixtures/game/old_nato.game" --vary timing \
  --vary "block_value=0:30:$(( points / 2 ))"
echo "== robust: $samples samples of models/security.game (median of $reps)"
run robust "$samples" robust "$root/models/security.game" -n "$samples" --context option=israel
echo "load after: $(load)"
