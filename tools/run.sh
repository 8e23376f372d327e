#!/usr/bin/env bash
# The main job: install what is missing, build (Release), print the report
# on the security-option models in models/*.game, the second version's
# option x timing table and its breakpoints over the delay of admission
# (also written as CSV and JSON into out/), then solve the classic games
# shipped in models/.
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
  echo "== equilib report"
  "$eq" report
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
