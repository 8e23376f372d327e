#!/usr/bin/env bash
# The main job: install what is missing, build (Release), print the report
# on the security-option models in models/*.game, then solve the classic
# games shipped in models/.
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

solve prisoners_dilemma.nfg pure
solve matching_pennies.nfg zerosum --exact
solve rock_paper_scissors.nfg zerosum --exact
solve battle_of_sexes.nfg enum --exact
solve chicken.nfg enum --exact
solve shapley.nfg lemke
solve three_player.nfg pure
solve entry_deterrence.efg spe
solve poker.efg zerosum
