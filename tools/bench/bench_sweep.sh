#!/usr/bin/env bash
# Benchmark of sweeps: SPE solves per second through eq_model_sweep on
# tests/fixtures/game/old_nato.game, on 1 and 2 threads, against a user's own C
# loop (instantiate in place, solve, free the result) measured in the same
# run.
#
#   tools/bench/bench_sweep.sh [POINTS] [REPS]
#
# POINTS grid points (default 100000: timing x block_value), REPS
# repetitions (default 5); medians are printed with the ratios, and the
# load average before and after: on a shared machine the figures are
# only indicative, and a final timing needs a quiet one.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
points=${1:-100000}
reps=${2:-5}
build=${BUILD_DIR:-$root/build}
"$root/tools/deps.sh"
"$root/tools/build.sh" "$build" Release >/dev/null
echo "== sweep: SPE solves per second on tests/fixtures/game/old_nato.game"
"$build/eqsweep" "$root/tests/fixtures/game/old_nato.game" "$points" "$reps" 1 2
