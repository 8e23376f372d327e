#!/usr/bin/env bash
# The main job: install what is missing, build (Release), and solve the
# games shipped in models/, printing their equilibria.
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

solve prisoners_dilemma.nfg pure
solve matching_pennies.nfg zerosum --exact
solve rock_paper_scissors.nfg zerosum --exact
solve battle_of_sexes.nfg enum --exact
solve chicken.nfg enum --exact
solve shapley.nfg lemke
solve three_player.nfg pure
