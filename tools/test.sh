#!/usr/bin/env bash
# Every test: install what is missing, build, run the suite through ctest,
# then build and run it again under AddressSanitizer and
# UndefinedBehaviorSanitizer.  Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/deps.sh"
jobs=$(nproc)

echo "== build (Release) and test"
"$root/tools/build.sh" "$root/build" Release
(cd "$root/build" && ctest --output-on-failure -j"$jobs")

echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer and test"
"$root/tools/build.sh" "$root/build-asan" Debug -DEQ_SANITIZE=ON
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$root/build-asan" && ctest --output-on-failure -j"$jobs")
