#!/usr/bin/env bash
# Benchmarks of enum: threads against one thread, the whole command
# against lrsnash (lrslib), and the command's start-up, each with its
# reference measured in the same run.
#
#   tools/bench/bench_enum.sh [threads|lrsnash|startup|all]   (default all;
#                             REPS=3, BUILD_DIR=build)
#
# threads  eq_solve alone (build/eqtime), 1 thread against 2, on random
#          14x14 and 16x16 games (three seeds) and 18x18 (one): median
#          wall-clock ms and the speed-up t1 / t2 (the goal: >= 1.7 on
#          2 cores).  Only wall-clock time shows a speed-up.  Then the
#          machine's ceiling on the first seed: two one-thread processes
#          side by side against one alone (2 t1 / t_pair: what two cores
#          give work that shares nothing; memory-bound work scales less
#          than 2x on some machines).
# lrsnash  the whole command `equilib solve -m enum --exact` against
#          `lrsnash`, on 10x10, 12x12 (three seeds) and 18x18 (one):
#          pinned to one core (taskset -c 0: equilib then uses one
#          thread), and equilib on both cores; checks that the sets of
#          equilibria are the same; median wall-clock and CPU ms, ratios.
# startup  `equilib --version` (process start, dynamic loading, nothing
#          else) and a 10x10 enum command, wall and CPU medians, against
#          lrsnash on the same 10x10 game.
# Games: eqgen uniform (integer payoffs 0..99).  The machine's load
# averages are printed at the start and the end: wall-clock figures on a
# shared machine are noisy, and final figures need a quiet one.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/common.sh
. "$root/tools/bench/common.sh"
what=${1:-all}
reps=${REPS:-3}
build=${BUILD_DIR:-$root/build}
"$root/tools/deps.sh"
"$root/tools/build.sh" "$build" Release >/dev/null
eq=$build/equilib
gen=$build/eqgen
eqtime=$build/eqtime
eqrun=$build/eqrun
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Canonical sets "x1 x2 ... | y1 y2 ..." from each program's output.
eq_set() {
  "$eq" solve "$1" -m enum --exact --format csv | awk -F, '
    NR == 1 { next }
    { if ($1 != cur) { if (cur != "") print line; cur = $1; line = ""; pl = $2 }
      if ($2 != pl) { line = line " |"; pl = $2 }
      line = line " " $7 }
    END { if (cur != "") print line }' | sed 's/^ //' | sort
}
lrs_set() {
  lrsnash "$1" 2>/dev/null | awk -v m="$2" -v n="$3" '
    function flush() { for (a = 1; a <= nx; a++) for (b = 1; b <= ny; b++) print X[a] " | " Y[b]; nx = ny = 0 }
    $1 == "2" { s = $2; for (i = 3; i <= n + 1; i++) s = s " " $i; Y[++ny] = s; next }
    $1 == "1" { s = $2; for (i = 3; i <= m + 1; i++) s = s " " $i; X[++nx] = s; next }
    { flush() }
    END { flush() }' | sort
}
game() { [ -f "$work/u$1_$2.nfg" ] || "$gen" uniform "$1" "$1" "$2" "$work/u$1_$2.nfg" "$work/u$1_$2.lrs"; }

echo "load at start: $(load)"
if [ "$what" = threads ] || [ "$what" = all ]; then
  echo "== enum, eq_solve alone: 1 thread against 2 (wall-clock medians of $reps)"
  printf '%-6s %-5s %-9s %-10s %-10s %s\n' size seed eq t1_ms t2_ms speedup
  for spec in "14 1 2 3" "16 1 2 3" "18 1"; do
    set -- $spec; size=$1; shift
    s1=() s2=()
    for seed in "$@"; do
      game "$size" "$seed"
      read -r a count < <("$eqtime" "$work/u${size}_$seed.nfg" enum "$reps" -1 -1 1)
      read -r b _ < <("$eqtime" "$work/u${size}_$seed.nfg" enum "$reps" -1 -1 2)
      s1+=("$a"); s2+=("$b")
      printf '%-6s %-5s %-9s %-10s %-10s %s\n' "${size}x$size" "$seed" "$count" "$a" "$b" "$(ratio "$a" "$b")"
    done
    a=$(printf '%s\n' "${s1[@]}" | median); b=$(printf '%s\n' "${s2[@]}" | median)
    printf '%-6s median over seeds: 1 thread %s ms, 2 threads %s ms, speed-up %s\n' "${size}x$size" "$a" "$b" "$(ratio "$a" "$b")"
    # The machine's ceiling on this game: two one-thread runs side by side
    # (independent processes: no shared work, no serial part), wall time
    # of the pair against one alone, so 2 t1 / t_pair.
    g1=$work/u${size}_$1.nfg
    c=$(for _ in $(seq "$reps"); do
          t0=$(date +%s%N)
          "$eqtime" "$g1" enum 1 -1 -1 1 > /dev/null & "$eqtime" "$g1" enum 1 -1 -1 1 > /dev/null; wait
          echo $(( ($(date +%s%N) - t0) / 1000000 ))
        done | median)
    t1=$(for _ in $(seq "$reps"); do
           t0=$(date +%s%N); "$eqtime" "$g1" enum 1 -1 -1 1 > /dev/null
           echo $(( ($(date +%s%N) - t0) / 1000000 ))
         done | median)
    printf '%-6s the machine'"'"'s ceiling (seed %s, whole process): two 1-thread runs side by side %s ms, one alone %s ms: %s\n' \
      "${size}x$size" "$1" "$c" "$t1" "$(awk -v a="$t1" -v b="$c" 'BEGIN { printf "%.3f", 2 * a / b }')"
  done
  echo
fi

if [ "$what" = lrsnash ] || [ "$what" = all ]; then
  echo "== enum --exact, whole command, against lrsnash (medians of $reps; CPU = user + system)"
  printf '%-6s %-5s %-5s %-10s %-10s %-10s %-10s %-10s %-8s %s\n' size seed same eq1_ms eq1_cpu eq2_ms lrs_ms lrs_cpu ratio1 ratio2
  for spec in "10 1 2 3" "12 1 2 3" "18 1"; do
    set -- $spec; size=$1; shift
    r1=() r2=()
    for seed in "$@"; do
      g=$work/u${size}_$seed
      game "$size" "$seed"
      same=no
      cmp -s <(eq_set "$g.nfg") <(lrs_set "$g.lrs" "$size" "$size") && same=yes
      read -r a ac < <("$eqrun" "$reps" taskset -c 0 "$eq" solve "$g.nfg" -m enum --exact)
      read -r b _ < <("$eqrun" "$reps" "$eq" solve "$g.nfg" -m enum --exact)
      read -r l lc < <("$eqrun" "$reps" taskset -c 0 lrsnash "$g.lrs")
      r1+=("$(ratio "$a" "$l")"); r2+=("$(ratio "$b" "$l")")
      printf '%-6s %-5s %-5s %-10s %-10s %-10s %-10s %-10s %-8s %s\n' "${size}x$size" "$seed" "$same" \
        "$a" "$ac" "$b" "$l" "$lc" "$(ratio "$a" "$l")" "$(ratio "$b" "$l")"
    done
    printf '%-6s median ratio to lrsnash: one core %s, two cores %s\n' "${size}x$size" \
      "$(printf '%s\n' "${r1[@]}" | median)" "$(printf '%s\n' "${r2[@]}" | median)"
  done
  echo
fi

if [ "$what" = startup ] || [ "$what" = all ]; then
  reps_s=$((reps * 10))
  game 10 1
  echo "== start-up (medians of $reps_s runs, wall and CPU ms)"
  printf '%-42s %s\n' "equilib --version" "$("$eqrun" "$reps_s" "$eq" --version)"
  printf '%-42s %s\n' "equilib solve 10x10 -m enum --exact" "$("$eqrun" "$reps_s" "$eq" solve "$work/u10_1.nfg" -m enum --exact)"
  printf '%-42s %s\n' "lrsnash 10x10" "$("$eqrun" "$reps_s" lrsnash "$work/u10_1.lrs")"
  echo
fi
echo "load at end: $(load)"
