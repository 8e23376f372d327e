#!/usr/bin/env bash
# The main job: install what is missing, build (Release), print the report
# on the security-option models in models/*.game, the second version's
# option x timing table and its breakpoints over the delay of admission
# (also written as CSV and JSON into out/), two figures (PNG and PDF into
# out/), then solve the classic games shipped in models/; last, install
# the Python and R packages into build/venv and build/rlib and run the
# README's two examples.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/deps.sh"
"$root/tools/build.sh" "$root/build" Release >/dev/null
eq="$root/build/equilib"
cd "$root"

solve() { # FILE METHOD [args...]
  local f=$1 m=$2; shift 2
  echo "== equilib solve models/$f -m $m $*"
  "$eq" solve "models/$f" -m "$m" "$@"
  echo
}

if compgen -G "models/*.game" >/dev/null; then
  echo "== equilib report --vary delay"
  # Thresholds over the delay of admission only: scanning every interval
  # parameter of every model (`equilib report` alone) takes more than ten
  # minutes on security.game's 49 parameters x 8 combinations; name the
  # parameters wanted with --vary, or run it alone when there is time.
  "$eq" report --vary delay -j 2
  echo
  # The prior that the West is resolute, on the signalling game alone (its
  # regimes over the prior: 1/3).  Scanning it on security.game too would
  # repeat the scan on all 8 option x timing combinations (minutes); its
  # thresholds there (anchor 14) are in models/ANCHORS.md and the tests.
  # Its paper table shows, under each case, the beliefs that hold the
  # equilibrium up (Russia's after each signal, the West's after a test).
  echo "== equilib report models/security_resolve.game --vary p_resolute"
  "$eq" report models/security_resolve.game --vary p_resolute -j 2
  echo
fi

if [ -f models/security.game ]; then
  mkdir -p out
  echo "== equilib sweep models/security.game --vary option --vary timing"
  "$eq" sweep models/security.game --vary option --vary timing -f md
  "$eq" sweep models/security.game --vary option --vary timing -f csv -o out/security_options.csv
  "$eq" sweep models/security.game --vary delay=0:10:101 --vary option --vary timing -j 2 \
    -f csv -o out/security_delay.csv
  echo
  for option in membership israel hybrid; do
    echo "== equilib breakpoints models/security.game --vary delay -p option=$option -p timing=after"
    "$eq" breakpoints models/security.game --vary delay -p option=$option -p timing=after
    "$eq" breakpoints models/security.game --vary delay -p option=$option -p timing=after \
      -f json -o "out/breakpoints_delay_$option.json"
    echo
  done
  echo "(tables also in out/: security_options.csv, security_delay.csv, breakpoints_delay_*.json)"
  echo
  # Figures (PLplot): the regimes of membership over the delay of admission
  # and Russia's yearly share while it fights, and the three options'
  # P(war_resumes) over the delay, before and after the cease-fire.
  echo "== figures: equilib sweep --plot, into out/"
  for ext in png pdf; do
    "$eq" sweep models/security.game --vary delay=0:10:41 --vary russia_share=0.15:0.5:29 \
      -p option=membership -p timing=after -j 2 -f csv -o out/regimes_membership.csv \
      --plot "out/regimes_membership.$ext"
    "$eq" sweep models/security.game --vary delay=0:10:101 --vary option=membership,israel,hybrid \
      --vary timing -j 2 --plot-class war_resumes -f csv -o out/war_resumes_delay.csv \
      --plot "out/war_resumes_delay.$ext"
  done
  echo "(figures in out/: regimes_membership.png/.pdf, war_resumes_delay.png/.pdf)"
  echo
fi

solve prisoners_dilemma.nfg pure
solve matching_pennies.nfg zerosum --exact
solve rock_paper_scissors.nfg zerosum --exact
solve battle_of_sexes.nfg enum --exact
solve chicken.nfg enum --exact
solve shapley.nfg lemke
solve three_player.nfg pure
solve entry_deterrence.efg spe
solve poker.efg zerosum

# The Python and R packages, so that the README's examples run as written
# after this script: the library (and command line) and the Python package
# go into the venv build/venv (pip offline, from Debian's setuptools; pip
# builds from a copy, so tools/python stays clean), the R package into
# build/rlib (never the system library).  Then the two examples, short.
echo "== the Python package into build/venv, the R package into build/rlib"
venv="$root/build/venv" rlib="$root/build/rlib"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$venv/bin/python" ] || /usr/bin/python3 -m venv --system-site-packages "$venv"
cmake --install "$root/build" --prefix "$venv" >"$tmp/install.log"
cp -r "$root/tools/python" "$tmp/py" && rm -rf "$tmp/py/tests"
PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install -q --no-build-isolation \
  --no-deps --no-index --force-reinstall "$tmp/py" >"$tmp/pip.log" 2>&1 \
  || { cat "$tmp/pip.log"; exit 1; }
mkdir -p "$rlib"
(cd "$tmp" && EQUILIB_INCLUDE="$root/include" EQUILIB_LIBDIR="$venv/lib" \
   R CMD build --no-build-vignettes "$root/tools/r" >r-build.log 2>&1 \
   && EQUILIB_INCLUDE="$root/include" EQUILIB_LIBDIR="$venv/lib" \
   R CMD INSTALL -l "$rlib" equilib_*.tar.gz >r-install.log 2>&1) \
  || { cat "$tmp"/r-*.log; exit 1; }
echo "(Python: build/venv/bin/python; R: R_LIBS=build/rlib R)"
echo
example() { # LANG: the README's example in that language, as written
  sed -n "/<!-- $1-example -->/,/^\`\`\`\$/p" "$root/README.md" | sed '1,2d;$d'
}
echo "== the README's Python example (build/venv/bin/python)"
OPENBLAS_NUM_THREADS=1 "$venv/bin/python" -c "$(example python)" >"$tmp/py.out"
head -n 3 "$tmp/py.out"
echo "... ($(wc -l <"$tmp/py.out") lines in all; the last:)"
tail -n 5 "$tmp/py.out"
echo
echo "== the README's R example (R_LIBS=build/rlib Rscript)"
OPENBLAS_NUM_THREADS=1 R_LIBS="$rlib" Rscript -e "$(example r)" >"$tmp/r.out"
head -n 3 "$tmp/r.out"
echo "... ($(wc -l <"$tmp/r.out") lines in all; the last:)"
tail -n 5 "$tmp/r.out"
