#!/usr/bin/env bash
# Command-line behaviour: exit codes (0 found, 1 none found, 2 bad usage or
# input), usage lines, file:line:col diagnostics, and the output formats.
# Usage: cli.sh PATH/TO/equilib SOURCE_ROOT
set -u
eq=$1
root=$2
models=$root/models
fail=0 pass=0
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# check NAME WANT_RC STDOUT_PATTERN STDERR_PATTERN -- ARGS...
check() {
  local name=$1 want=$2 opat=$3 epat=$4; shift 5
  "$eq" "$@" >"$out" 2>"$err"
  local rc=$?
  local ok=1
  [ "$rc" -eq "$want" ] || { echo "FAIL $name: exit $rc, want $want"; ok=0; }
  if [ -n "$opat" ] && ! grep -qE -- "$opat" "$out"; then
    echo "FAIL $name: stdout lacks /$opat/"; ok=0
  fi
  if [ -n "$epat" ] && ! grep -qE -- "$epat" "$err"; then
    echo "FAIL $name: stderr lacks /$epat/"; ok=0
  fi
  if [ $ok -eq 1 ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); sed 's/^/  out: /' "$out" | head -5; sed 's/^/  err: /' "$err" | head -5
  fi
}

check no-args 2 "" "^usage: " --
check help 0 "^usage: " "" -- --help
check version 0 "^equilib [0-9]+\.[0-9]+\.[0-9]+" "" -- --version
check unknown-command 2 "" "unknown command 'frobnicate'" -- frobnicate
check unknown-option 2 "" "^usage: " -- solve "$models/chicken.nfg" --bogus
check unknown-method 2 "" "unknown method 'simplex'" -- solve "$models/chicken.nfg" -m simplex
check missing-method 2 "" "needs a method" -- solve "$models/chicken.nfg" -m
check bad-format 2 "" "unknown format 'xml'" -- solve "$models/chicken.nfg" --format xml
check no-file 2 "" "needs a FILE" -- solve
check two-files 2 "" "unexpected argument" -- solve "$models/chicken.nfg" "$models/chicken.nfg"
check bad-max 2 "" "positive count" -- solve "$models/chicken.nfg" --max 0
check bad-label 2 "" "labels run from 0 to 3" -- solve "$models/chicken.nfg" -m lemke --label 4
check missing-file 2 "" "nope\.nfg.*cannot open" -- solve "$root/tests/fixtures/cli/nope.nfg"
check not-nfg 2 "" "only Gambit \.nfg" -- solve "$root/README.md"
check parse-error 2 "" "bad_number\.nfg:3:7: .*not a number" -- solve "$root/tests/fixtures/cli/bad_number.nfg"
check parse-caret 2 "" "^  +\^$" -- solve "$root/tests/fixtures/cli/bad_number.nfg"

# Chicken: three equilibria, the mixed one at 9/10 (derived by hand in
# tests/test_classic.c).
check chicken-enum 0 "9/10" "" -- solve "$models/chicken.nfg" -m enum --exact
check chicken-count 0 "3 equilibria" "" -- solve "$models/chicken.nfg"
check pennies-pure-none 1 "0 equilibria" "found no equilibrium" -- solve "$models/matching_pennies.nfg" -m pure
check pennies-zerosum 0 "value to .*: 0" "" -- solve "$models/matching_pennies.nfg" -m zerosum --exact
check pd-not-zerosum 2 "" "not constant-sum" -- solve "$models/prisoners_dilemma.nfg" -m zerosum
check three-player-enum 2 "" "two-player" -- solve "$models/three_player.nfg" -m enum
check three-player-pure 0 "2 equilibria" "" -- solve "$models/three_player.nfg" -m pure
check json 0 '"equilibria": \[' "" -- solve "$models/battle_of_sexes.nfg" --format json --exact
check json-exact 0 '"strategies_exact": \[\["2/3", "1/3"\]' "" -- solve "$models/battle_of_sexes.nfg" --format json --exact
check csv 0 "^equilibrium,player,action,probability,payoff,max_regret$" "" -- solve "$models/battle_of_sexes.nfg" --format csv
check lemke-one-label 0 "1 equilibrium" "" -- solve "$models/shapley.nfg" -m lemke --label 0
check max 0 "stopped at --max" "" -- solve "$models/chicken.nfg" --max 1

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
