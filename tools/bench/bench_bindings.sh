#!/usr/bin/env bash
# Benchmark of the Python and R packages: solves per second on
# tests/fixtures/game/old_nato.game from Python and from R, sweeps and single
# solves, against `equilib sweep` measured in the same run.
#
#   tools/bench/bench_bindings.sh [POINTS] [LOOP] [REPS]
#
# POINTS grid points (default 20000), LOOP single solves (default 2000),
# REPS repetitions (default 5).  The R package is built and installed
# into a temporary library first.  Figures are medians, with the load
# average before and after: a final timing needs a quiet machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/tools/deps.sh"
"$root/tools/build.sh" "$build" Release >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export EQUILIB_INCLUDE="$root/include" EQUILIB_LIBDIR="$build" OPENBLAS_NUM_THREADS=1
(cd "$tmp" && R CMD build "$root/tools/r" >/dev/null && mkdir lib &&
 R CMD INSTALL -l lib equilib_*.tar.gz >/dev/null 2>&1)
echo "== bindings: solves per second from Python and R against the command line"
PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 "$root/tools/bench/bindings.py" "$build" \
  "$tmp/lib" "${1:-20000}" "${2:-2000}" "${3:-5}"
