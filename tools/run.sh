#!/usr/bin/env bash
# The main job: install what is missing, build (Release), print the report
# on the security-option models in models/*.game, the second version's
# option x timing table and its breakpoints over the delay of admission
# (also written as CSV and JSON into out/), two figures (PNG and PDF into
# out/), then solve the classic games shipped in models/.
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
  echo "== equilib report --vary delay --vary p_resolute"
  # Thresholds over the delay of admission (and the prior that the West is
  # resolute, security_resolve.game) only: scanning every interval
  # parameter of every model (`equilib report` alone) takes more than ten
  # minutes on security.game's 37 parameters x 8 combinations; name the
  # parameters wanted with --vary, or run it alone when there is time.
  "$eq" report --vary delay --vary p_resolute
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
