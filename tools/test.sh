#!/usr/bin/env bash
# Every test: install what is missing, build, run the suite through ctest,
# then build and run it again under AddressSanitizer and
# UndefinedBehaviorSanitizer, then build the threaded tests under
# ThreadSanitizer and run them.  Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/deps.sh"
jobs=$(nproc)

# The Release build also makes equilib-mpi (tests/mpi.sh) when Open MPI is
# there (deps.sh installs it); not the sanitizer builds, since Open MPI's
# own allocations would count as leaks.
mpi=()
command -v mpicc > /dev/null && command -v mpirun > /dev/null && mpi=(-DEQ_MPI=ON)
echo "== build (Release${mpi:+, with equilib-mpi}) and test"
"$root/tools/build.sh" "$root/build" Release "${mpi[@]}"
(cd "$root/build" && ctest --output-on-failure -j"$jobs")

echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer and test"
"$root/tools/build.sh" "$root/build-asan" Debug -DEQ_SANITIZE=ON
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$root/build-asan" && ctest --output-on-failure -j"$jobs")

# ThreadSanitizer: tests/threads.c, several threads solving zerosum,
# correlated, mip and qre and instantiating a model and solving it by spe
# at once, some of them hosts with GLPK state of their own.  Only that
# program: Criterion's runner cannot start under TSan.  EQ_TSAN also
# builds lemke without target_clones, whose ifunc resolver would crash
# TSan before main.  No suppressions: the library makes its BLAS calls on
# the calling thread, so OpenBLAS's own threads never touch its data.
# setarch -R: GCC 12's TSan refuses some kernels' randomised layouts.
echo "== build with ThreadSanitizer and run the threaded tests"
cmake -S "$root" -B "$root/build-tsan" -DCMAKE_BUILD_TYPE=Debug -DEQ_TSAN=ON >/dev/null
cmake --build "$root/build-tsan" -j"$jobs" --target threads
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
(cd "$root/build-tsan" &&
 setarch "$(uname -m)" -R ctest --output-on-failure -R '^threads$')
