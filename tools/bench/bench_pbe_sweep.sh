#!/usr/bin/env bash
# Benchmark of the sensitivity engine's fast path (solver/spefast.c) on
# spe with pbe stages, against eq_tree_solve measured in the same run
# (tools/bench/pbe_sweep.c): tests/fixtures/game/guarantee_stage.game over
# honour_weak, and models/security_resolve.game over p_resolute, one-sided
# (russia_resolve known: five subgames, the root a stage) and two-sided
# (private: the whole tree one stage).
#
#   tools/bench/bench_pbe_sweep.sh [POINTS] [REPS]
#
# POINTS grid points (default 2000; the two-sided model a tenth of them),
# REPS repetitions (default 5); medians of microseconds per solve are
# printed with the speed-up over eq_tree_solve, and the load average
# before and after: on a shared machine the figures are only indicative.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
points=${1:-2000}
reps=${2:-5}
build=${BUILD_DIR:-$root/build}
"$root/tools/deps.sh"
"$root/tools/build.sh" "$build" Release >/dev/null
few=$(( points / 10 > 2 ? points / 10 : 2 ))
resolve=$root/models/security_resolve.game
echo "== guarantee_stage.game (spe subgames pbe)"
"$build/eqpbesweep" "$root/tests/fixtures/game/guarantee_stage.game" honour_weak \
    "$points" "$reps"
echo "== security_resolve.game, russia_resolve known"
"$build/eqpbesweep" "$resolve" p_resolute "$points" "$reps" russia_resolve=0
echo "== security_resolve.game, russia_resolve private"
"$build/eqpbesweep" "$resolve" p_resolute "$few" "$reps" russia_resolve=1
