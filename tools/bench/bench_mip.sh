#!/usr/bin/env bash
# Benchmark of -m mip: a welfare-optimal Nash equilibrium by branch and cut
# (one MILP on GLPK, then two small polishing LPs), against the other way
# to get it, listing every extreme equilibrium with -m enum and picking the
# one of largest welfare (the optimum is always an extreme equilibrium).
# Both are measured in the same run.
#
#   tools/bench/bench_mip.sh            (BUILD_DIR=... to build elsewhere)
#
# Games: eqgen uniform (integer payoffs 0..99), 10x10 and 15x15, seeds 1-3.
# Times: eq_solve alone, in process (build/eqtime), median of REPS runs
# (default 5); mip with its default objective (welfare, maximised), enum
# without --exact (it still certifies every equilibrium in rationals).
# Picking the best of enum's list takes no measurable time and is left out.
# "same" checks with the command-line tool that mip's exact welfare equals
# the best exact welfare in enum's list (to 1e-9, compared as doubles).
# ratio = mip time / enum time: below 1, mip is faster.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/common.sh
. "$root/tools/bench/common.sh"
reps=${REPS:-5}
build=${BUILD_DIR:-$root/build}
"$root/tools/deps.sh"
"$root/tools/build.sh" "$build" Release >/dev/null
eq=$build/equilib
gen=$build/eqgen
eqtime=$build/eqtime
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT


# welfare METHOD FILE: the largest exact welfare among the equilibria the
# method lists (the CSV's exact payoff, column 8, as a double).
welfare() {
  "$eq" solve "$2" -m "$1" --exact --format csv | awk -F, '
    function val(s,  p) { p = index(s, "/"); return p ? substr(s, 1, p - 1) / substr(s, p + 1) : s + 0 }
    NR == 1 { next }
    $3 == 1 { w[$1] += val($8) }
    END { first = 1; for (k in w) if (first || w[k] > best) { best = w[k]; first = 0 }
          printf "%.17g\n", best }'
}
same() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; s = b < 0 ? -b : b; if (s < 1) s = 1
                                          print (d <= 1e-9 * s) ? "yes" : "NO" }'; }

echo "== mip (welfare-optimal) vs enum + pick the best; uniform integer payoffs 0..99"
echo "   eq_solve in process, median of $reps runs (build/eqtime); ratio = mip / enum"
printf '%-6s %-5s %-8s %-10s %-5s %-10s %-10s %s\n' size seed eq:enum welfare same mip_ms enum_ms ratio
for size in 10 15; do
  tm=() te=() rs=()
  for seed in 1 2 3; do
    g=$work/u${size}_$seed.nfg
    "$gen" uniform "$size" "$size" "$seed" "$g"
    wm=$(welfare mip "$g")
    we=$(welfare enum "$g")
    read -r b count < <("$eqtime" "$g" enum "$reps")
    a=$("$eqtime" "$g" mip "$reps" | cut -d' ' -f1)
    tm+=("$a"); te+=("$b"); rs+=("$(ratio "$a" "$b")")
    printf '%-6s %-5s %-8s %-10.6g %-5s %-10s %-10s %s\n' "${size}x$size" "$seed" "$count" \
      "$wm" "$(same "$wm" "$we")" "$a" "$b" "$(ratio "$a" "$b")"
  done
  a=$(printf '%s\n' "${tm[@]}" | median); b=$(printf '%s\n' "${te[@]}" | median)
  c=$(printf '%s\n' "${rs[@]}" | median)
  printf '%-6s median over seeds: mip %s ms, enum %s ms, ratio of medians %s, median ratio %s\n' \
    "${size}x$size" "$a" "$b" "$(ratio "$a" "$b")" "$c"
done
