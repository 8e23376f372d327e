#!/usr/bin/env bash
# Benchmark of -m zerosum against glpsol, GLPK's own command-line solver
# (Debian glpk-utils), on the same random zero-sum games, measured in the
# same run.
#
#   tools/bench/bench_zerosum.sh        (REPS=5 SIZES="100 200 500"
#                                        SEEDS="1 2 3" BUILD_DIR=build)
#
# Games: eqgen zerosum N N SEED (A uniform in -99..99, B = -A).  glpsol
# reads the row player's maximin LP in its natural form (max v s.t.
# A'x >= v 1, 1'x = 1, v free; eqgen writes it in CPLEX LP format), the
# formulation equilib itself handed GLPK before its dense simplex, and
# solves it with its default options.  Both are whole commands: start,
# read the file, solve, write the answer.  Per game:
#   same       equilib's value equals glpsol's optimum (to 1e-6 relative;
#              glpsol prints 10 digits)
#   pivots     equilib's dense-simplex pivots (build/eqtime's log)
#   glp_it     glpsol's simplex iterations (the last count it prints)
#   solve_ms   eq_solve alone, in process (build/eqtime), median of REPS
#   eq_ms, glp_ms   median wall-clock ms of the whole command over REPS
#   eq_cpu, glp_cpu median CPU ms (user + system) over REPS (build/eqrun)
#   ratio      eq / glp, wall clock and CPU: the goal is at most 0.5
# The machine's load averages are printed at the start and the end: on a
# shared machine the wall-clock figures are noisy (the CPU ones less so),
# and final figures need a quiet machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/common.sh
. "$root/tools/bench/common.sh"
reps=${REPS:-5}
sizes=${SIZES:-"100 200 500"}
seeds=${SEEDS:-"1 2 3"}
build=${BUILD_DIR:-$root/build}
"$root/tools/deps.sh"
"$root/tools/build.sh" "$build" Release >/dev/null
eq=$build/equilib
gen=$build/eqgen
eqtime=$build/eqtime
eqrun=$build/eqrun
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

same() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; s = b < 0 ? -b : b
                                          if (s < 1) s = 1; print (d <= 1e-6 * s) ? "yes" : "NO" }'; }

echo "== zerosum vs glpsol on random N x N zero-sum games (payoffs -99..99)"
echo "   load at start: $(load)"
printf '%-8s %-4s %-4s %-6s %-6s %-9s %-8s %-8s %-8s %-8s %-7s %s\n' size seed same pivots glp_it \
  solve_ms eq_ms glp_ms eq_cpu glp_cpu ratio ratio_cpu
for size in $sizes; do
  ew=() ec=() gw=() gc=() es=() pv=() gi=()
  for seed in $seeds; do
    g=$work/z${size}_$seed
    "$gen" zerosum "$size" "$size" "$seed" "$g.nfg" "$g.lp"
    v=$("$eq" solve "$g.nfg" -m zerosum | awk '/^value to / && v == "" { v = $4 } END { print v }')
    glpsol --lp "$g.lp" -o "$g.sol" >"$g.log"
    gv=$(awk '/^Objective:/ { print $4 }' "$g.sol")
    its=$(awk 'match($0, /[0-9]+: obj/) { s = substr($0, RSTART, RLENGTH); sub(/:.*/, "", s); n = s }
               END { print n }' "$g.log")
    piv=$(EQTIME_LOG=1 "$eqtime" "$g.nfg" zerosum 1 2>&1 >/dev/null |
          sed -n 's/.* \([0-9][0-9]*\) pivots.*/\1/p')
    s=$("$eqtime" "$g.nfg" zerosum "$reps" | cut -d' ' -f1)
    read -r a ac < <("$eqrun" "$reps" "$eq" solve "$g.nfg" -m zerosum)
    # Never "-o /dev/null": glpsol removes its output file before writing
    # it, and run as root that deletes the device.
    read -r b bc < <("$eqrun" "$reps" glpsol --lp "$g.lp" -o "$g.out")
    ew+=("$a"); ec+=("$ac"); gw+=("$b"); gc+=("$bc"); es+=("$s"); pv+=("$piv"); gi+=("$its")
    printf '%-8s %-4s %-4s %-6s %-6s %-9s %-8s %-8s %-8s %-8s %-7s %s\n' "${size}x$size" "$seed" \
      "$(same "$v" "$gv")" "$piv" "$its" "$s" "$a" "$b" "$ac" "$bc" "$(ratio "$a" "$b")" "$(ratio "$ac" "$bc")"
  done
  a=$(printf '%s\n' "${ew[@]}" | median); b=$(printf '%s\n' "${gw[@]}" | median)
  ac=$(printf '%s\n' "${ec[@]}" | median); bc=$(printf '%s\n' "${gc[@]}" | median)
  printf '%s median over seeds: equilib %s ms (solve %s ms, %s pivots), glpsol %s ms (%s iterations);' \
    "${size}x$size" "$a" "$(printf '%s\n' "${es[@]}" | median)" "$(printf '%s\n' "${pv[@]}" | median)" \
    "$b" "$(printf '%s\n' "${gi[@]}" | median)"
  printf ' ratio %s; CPU %s ms against %s ms, ratio %s\n' "$(ratio "$a" "$b")" "$ac" "$bc" "$(ratio "$ac" "$bc")"
done
echo "   load at end: $(load)"
