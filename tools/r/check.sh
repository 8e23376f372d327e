#!/usr/bin/env bash
# Build and check the R package against a build of the library:
#   tools/r/check.sh BUILD_DIR [SOURCE_DIR] [CLI]
# R CMD build, then R CMD check (which runs the tinytest suite, here also
# against the command line's sweep and breakpoints and the README's R
# example), in a temporary folder; the source tree is left as it was.
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "${2:-$(dirname "$0")/../..}" && pwd)
cli=${3:-$build/equilib}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export EQUILIB_INCLUDE="$src/include" EQUILIB_LIBDIR="$build"
export EQUILIB_SOURCE="$src" EQUILIB_CLI="$cli" OPENBLAS_NUM_THREADS=1
export _R_CHECK_FORCE_SUGGESTS_=true
cd "$tmp"
R CMD build --no-build-vignettes "$src/tools/r" >build.log 2>&1 || { cat build.log; exit 1; }
tarball=$(ls equilib_*.tar.gz)
if ! R CMD check --no-manual "$tarball" >check.log 2>&1; then
  cat check.log
  for f in equilib.Rcheck/00install.out equilib.Rcheck/tests/*.Rout.fail; do
    [ -f "$f" ] && { echo "== $f"; cat "$f"; }
  done
  exit 1
fi
cat check.log
# Warnings and notes fail too: the check must be clean.
if grep -qE '^Status: .*(WARNING|NOTE)' check.log; then
  echo "check.sh: R CMD check is not clean" >&2
  exit 1
fi
