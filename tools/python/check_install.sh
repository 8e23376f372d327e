#!/bin/sh
# check_install.sh -- the Python package installs with pip, offline, and
# works from outside the source tree.
#
# usage: check_install.sh SOURCE_DIR BUILD_DIR
#
# Makes a venv (with the system's site-packages, for Debian's numpy and
# setuptools) in a temporary folder, installs tools/python into it with
# `pip install --no-build-isolation --no-deps --no-index` (no PyPI), and
# from another folder: (1) with EQUILIB_LIB pointing at the build's
# library, solves matching pennies (each player's only indifference point
# is 1/2); (2) after `cmake --install` of the build into the venv and
# without EQUILIB_LIB, loads the library from the venv's own lib/.  It
# also checks that the package's version is the header's.
set -eu
src=$(cd "${1:?usage: check_install.sh SOURCE_DIR BUILD_DIR}" && pwd)
build=$(cd "${2:?usage: check_install.sh SOURCE_DIR BUILD_DIR}" && pwd)
py=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" -m venv --system-site-packages "$tmp/venv"
# pip builds in a copy under $tmp, so the source tree gets no build/ or
# egg-info of its own.
cp -r "$src/tools/python" "$tmp/pkg"
rm -rf "$tmp/pkg/tests"
PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
  "$tmp/venv/bin/python" -m pip install -q --no-build-isolation --no-deps --no-index \
  "$tmp/pkg" > "$tmp/pip.log" 2>&1 || { cat "$tmp/pip.log"; exit 1; }
want=$(sed -n 's/^#define EQ_VERSION_STRING "\(.*\)"$/\1/p' "$src/include/equilib.h")
mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere"
EQUILIB_LIB="$build/libequilib.so" PYTHONDONTWRITEBYTECODE=1 OPENBLAS_NUM_THREADS=1 \
  "$tmp/venv/bin/python" - "$want" "$tmp/venv" <<'PY'
import sys, importlib.metadata as md
import equilib
want, venv = sys.argv[1], sys.argv[2]
assert equilib.__file__.startswith(venv), equilib.__file__
assert md.version("equilib") == want, (md.version("equilib"), want)
assert equilib.version() == want, (equilib.version(), want)
g = equilib.Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
eqs = g.solve(method="lemke", exact=True)
assert eqs[0]["exact_strategies"] == [["1/2", "1/2"], ["1/2", "1/2"]], eqs
print("ok: pip-installed equilib", want, "with EQUILIB_LIB")
PY
cmake --install "$build" --prefix "$tmp/venv" > "$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; exit 1; }
env -u EQUILIB_LIB PYTHONDONTWRITEBYTECODE=1 OPENBLAS_NUM_THREADS=1 \
  "$tmp/venv/bin/python" - "$tmp/venv" <<'PY'
import sys, equilib
from equilib import _lib
venv = sys.argv[1]
assert _lib.lib._name.startswith(venv), _lib.lib._name
g = equilib.Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
eqs = g.solve(method="pure")
# Prisoner's dilemma: Defect (action 1) dominates for both.
assert len(eqs) == 1 and list(eqs[0]["strategies"][0]) == [0, 1], eqs
print("ok: the library found in the venv's prefix:", _lib.lib._name)
PY
