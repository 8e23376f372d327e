#!/usr/bin/env bash
# Install the Debian packages equilib needs, when any is missing.
# Safe to run again: it is silent when everything is already present.
set -euo pipefail

# libltdl-dev: a fully static link of GLPK needs libltdl.a (tests/install.sh).
# libcjson-dev: the command line's JSON.  python3: the output checker
# (tests/check_outputs.py, standard library only).  texlive-latex-base
# (tabularx, pdflatex) and texlive-latex-recommended (booktabs): the test
# that compiles the LaTeX output.  time: /usr/bin/time for the peak memory
# of tools/bench/bench_build.sh.  python3-numpy, python3-pandas,
# python3-pytest: the Python package's tests (tools/python); r-base-dev,
# r-cran-tinytest: the R package's build, check and tests (tools/r).
# python3-venv, python3-pip, python3-setuptools, python3-wheel: installing
# the Python package offline into a venv (tools/python/check_install.sh,
# tools/run.sh).
# libopenmpi-dev, openmpi-bin: the MPI build (-DEQ_MPI=ON) and its tests
# (tests/mpi.sh).  libplplot-dev and plplot-driver-cairo (its svgcairo,
# pdfcairo and pngcairo devices): the figures of `sweep --plot`.
packages=(build-essential libglpk-dev libopenblas-dev libcriterion-dev libgmp-dev
          cmake pkg-config lrslib libltdl-dev libcjson-dev python3
          texlive-latex-base texlive-latex-recommended glpk-utils
          time python3-numpy python3-pandas python3-pytest r-base-dev r-cran-tinytest
          python3-venv python3-pip python3-setuptools python3-wheel
          libopenmpi-dev openmpi-bin libplplot-dev plplot-driver-cairo)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps.sh: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps.sh: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
