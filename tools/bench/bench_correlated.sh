#!/usr/bin/env bash
# Benchmark of the correlated method, with a reference measured in the
# same run.
#
#   tools/bench/bench_correlated.sh [exact]
#
# With "exact", instead: the exact certificate (--exact) against the
# double solve, on bases of 441 to 2025 basic profiles (below).
#
# Games: three players with K actions each (K = 10 and 20: 1000 and 8000
# profiles; CE LPs of 271 and 1141 rows), integer payoffs drawn uniformly
# from [0, 99] (eqgen uniform3 K K K SEED), seeds 1, 2, 3.
# Method: -m correlated with its defaults: the welfare-optimal correlated
# equilibrium (the LP's duals and ranges are computed only when asked,
# as --format json does, and are not timed here).
# Figures, per game, then the median over the three seeds:
#   solve    eq_solve alone, median of REPS runs in process (build/eqtime);
#   process  the whole command (start, read the file, solve, print),
#            wall-clock median of REPS runs;
#   ref      the reference: the same command with -m pure (start, read the
#            file, search every profile for a pure equilibrium);
#   ratio    process / ref.
# Mode exact: the cyclic games of eqgen (N = 21, 25, 31, 37, 45 actions
# each, zero-sum, no randomness), whose optimal bases hold all N^2 = 441
# to 2025 profiles; eq_solve in process (build/eqtime), median of REPS
# runs, of the welfare-optimal CE in doubles (double_ms) and with the
# exact certificate (exact_ms, EQTIME_EXACT); ratio = exact / double.  The
# basis size is the one the exact solve's log reports.
# REPS defaults to 3.  BUILD_DIR (default build/) is where tools/build.sh
# builds the Release binaries.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/common.sh
. "$root/tools/bench/common.sh"
bench_init 3
eqtime=$build/eqtime

if [ "${1:-}" = exact ]; then
  echo "== correlated --exact against the double solve, cyclic N x N games (load: $(load))"
  echo "   eq_solve in process, median of $reps; ratio = exact / double"
  printf '%-7s %-7s %-10s %-10s %s\n' game basis double_ms exact_ms ratio
  for n in 21 25 31 37 45; do
    g=$work/cyc_$n.nfg
    "$gen" cyclic "$n" "$n" 0 "$g"
    k=$(EQTIME_LOG=1 EQTIME_EXACT=1 "$eqtime" "$g" correlated 1 2>&1 >/dev/null |
        sed -n 's/.*a basis of \([0-9]*\) profiles.*/\1/p')
    a=$("$eqtime" "$g" correlated "$reps")
    b=$(EQTIME_EXACT=1 "$eqtime" "$g" correlated "$reps")
    if [ "${a#* }" != 1 ] || [ "${b#* }" != 1 ] || [ -z "$k" ]; then
      echo "bench_correlated: $g: the solve failed" >&2
      exit 1
    fi
    printf '%-7s %-7s %-10s %-10s %s\n' "${n}x$n" "$k" "${a%% *}" "${b%% *}" \
      "$(ratio "${b%% *}" "${a%% *}")"
  done
  echo "load after: $(load)"
  exit 0
fi

echo "== correlated (welfare-optimal CE) on 3-player games, payoffs 0..99"
echo "   solve: eq_solve in process, median of $reps; process/ref: whole command, median of $reps;"
echo "   ref = the same command with -m pure"
printf '%-9s %-5s %-10s %-11s %-10s %-10s %-9s %s\n' game seed solve_ms process_ms ref_ms pure_ms ratio welfare
for k in 10 20; do
  s=() p=() r=() q=()
  for seed in 1 2 3; do
    g=$work/u3_${k}_$seed.nfg
    "$gen" uniform3 "$k" "$k" "$k" "$seed" "$g"
    out=$("$eqtime" "$g" correlated "$reps")
    if [ "${out#* }" != 1 ]; then
      echo "bench_correlated: $g: the solve failed" >&2
      exit 1
    fi
    a=${out%% *}
    b=$(timed "$reps" "$eq" solve "$g" -m correlated)
    c=$(timed "$reps" "$eq" solve "$g" -m pure)
    d=$("$eqtime" "$g" pure "$reps" | cut -d' ' -f1)
    w=$("$eq" solve "$g" -m correlated 2>/dev/null | awk -F'= ' '/^objective:/ { print $2 }')
    s+=("$a"); p+=("$b"); r+=("$c"); q+=("$d")
    printf '%-9s %-5s %-10s %-11s %-10s %-10s %-9s %s\n' "${k}x${k}x$k" "$seed" "$a" "$b" "$c" "$d" \
      "$(ratio "$b" "$c")" "${w:-?}"
  done
  a=$(printf '%s\n' "${s[@]}" | median); b=$(printf '%s\n' "${p[@]}" | median)
  c=$(printf '%s\n' "${r[@]}" | median); d=$(printf '%s\n' "${q[@]}" | median)
  printf '%-9s median over seeds: solve %s ms, process %s ms, reference (-m pure) %s ms (pure solve %s ms), ratio %s\n' \
    "${k}x${k}x$k" "$a" "$b" "$c" "$d" "$(ratio "$b" "$c")"
done
