#!/usr/bin/env bash
# Benchmarks of equilib, with references measured in the same run.
#
#   tools/bench/bench.sh [enum|lemke|zerosum|all]   (default: all)
#
# enum     equilib solve -m enum --exact against lrsnash (lrslib) on random
#          10x10, 12x12 and 15x15 games, three seeds each: checks that both
#          give the same set of extreme equilibria and prints the median
#          wall-clock times and their ratio (equilib / lrsnash).
# lemke    one equilibrium (--max 1, and the single path --label 0) on
#          random 100x100 and 200x200 games, five seeds each: median time of
#          the solve alone and of the whole command, and how many games got
#          an answer.  Reference: the same command with -m pure (process
#          start, reading the file, a trivial method).
# zerosum  -m zerosum on random 200x200 zero-sum games, five seeds: median
#          time of the solve and of the command, against the same reference.
# Whole-command times are wall-clock medians over REPS runs (default 3).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/common.sh
. "$root/tools/bench/common.sh"
what=${1:-all}
reps=${REPS:-3}
"$root/tools/deps.sh"
"$root/tools/build.sh" "$root/build" Release >/dev/null
eq=$root/build/equilib
gen=$root/build/eqgen
eqtime=$root/build/eqtime
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

if [ "$what" = enum ] || [ "$what" = all ]; then
  echo "== enum --exact vs lrsnash (uniform integer payoffs 0..99; median of $reps runs)"
  printf '%-6s %-5s %-9s %-9s %-6s %-12s %-12s %s\n' size seed eq:equilib eq:lrs same equilib_ms lrsnash_ms ratio
  for size in 10 12 15; do
    te=() tl=()
    for seed in 1 2 3; do
      g=$work/u${size}_$seed
      "$gen" uniform "$size" "$size" "$seed" "$g.nfg" "$g.lrs"
      eq_set "$g.nfg" >"$g.eqset"
      lrs_set "$g.lrs" "$size" "$size" >"$g.lrsset"
      same=no; cmp -s "$g.eqset" "$g.lrsset" && same=yes
      a=$(timed "$reps" "$eq" solve "$g.nfg" -m enum --exact)
      b=$(timed "$reps" lrsnash "$g.lrs")
      te+=("$a"); tl+=("$b")
      printf '%-6s %-5s %-9s %-9s %-6s %-12s %-12s %s\n' "${size}x$size" "$seed" \
        "$(wc -l <"$g.eqset")" "$(wc -l <"$g.lrsset")" "$same" "$a" "$b" "$(ratio "$a" "$b")"
    done
    a=$(printf '%s\n' "${te[@]}" | median); b=$(printf '%s\n' "${tl[@]}" | median)
    printf '%-6s median over seeds: equilib %s ms, lrsnash %s ms, ratio %s\n' "${size}x$size" "$a" "$b" "$(ratio "$a" "$b")"
  done
  echo
fi

if [ "$what" = lemke ] || [ "$what" = all ]; then
  echo "== lemke, one equilibrium, uniform integer payoffs 0..99, five seeds"
  echo "   --max 1: labels tried in rounds with a growing pivot budget (the default way to ask for one)"
  echo "   --label 0: the single path from label 0"
  echo "   solve = eq_solve alone, median of 5 runs in process (build/eqtime);"
  echo "   process = the whole command, median of $reps runs; reference = the command with -m pure"
  for size in 100 200; do
    for how in "--max 1" "--label 0"; do
      t=() p=() r=() answered=0
      for seed in 1 2 3 4 5; do
        g=$work/l${size}_$seed.nfg
        [ -f "$g" ] || "$gen" uniform "$size" "$size" "$seed" "$g"
        # shellcheck disable=SC2086
        if "$eq" solve "$g" -m lemke $how >/dev/null 2>&1; then answered=$((answered + 1)); fi
        if [ "$how" = "--max 1" ]; then
          t+=("$("$eqtime" "$g" lemke 5 1 -1 2>/dev/null | cut -d' ' -f1)")
        else
          t+=("$("$eqtime" "$g" lemke 5 0 0 2>/dev/null | cut -d' ' -f1)")
        fi
        # shellcheck disable=SC2086
        p+=("$(timed "$reps" "$eq" solve "$g" -m lemke $how)")
        r+=("$(timed "$reps" "$eq" solve "$g" -m pure)")
      done
      a=$(printf '%s\n' "${t[@]}" | median); b=$(printf '%s\n' "${p[@]}" | median)
      c=$(printf '%s\n' "${r[@]}" | median)
      printf '%sx%s %-9s solve median %s ms (per seed: %s); process %s ms; reference %s ms; ratio %s; answered %d/5\n' \
        "$size" "$size" "$how" "$a" "${t[*]}" "$b" "$c" "$(ratio "$b" "$c")" "$answered"
    done
  done
  echo
fi

if [ "$what" = zerosum ] || [ "$what" = all ]; then
  echo "== zerosum on 200x200 zero-sum games (payoffs -99..99), five seeds"
  echo "   solve = eq_solve alone (median of 5 in process); process = whole command (median of $reps)"
  t=() p=() r=()
  for seed in 1 2 3 4 5; do
    g=$work/z_$seed.nfg
    "$gen" zerosum 200 200 "$seed" "$g"
    t+=("$("$eqtime" "$g" zerosum 5 | cut -d' ' -f1)")
    p+=("$(timed "$reps" "$eq" solve "$g" -m zerosum)")
    r+=("$(timed "$reps" "$eq" solve "$g" -m pure)")
  done
  a=$(printf '%s\n' "${t[@]}" | median); b=$(printf '%s\n' "${p[@]}" | median)
  c=$(printf '%s\n' "${r[@]}" | median)
  printf '200x200: zerosum solve median %s ms (per seed: %s); process %s ms; reference -m pure %s ms; ratio %s\n' \
    "$a" "${t[*]}" "$b" "$c" "$(ratio "$b" "$c")"
fi
