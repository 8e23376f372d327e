#!/usr/bin/env bash
# Benchmark of the n-player logit QRE solver (-m qre), with a reference
# measured in the same run.
#
#   tools/bench/bench_qre.sh
#
# Games: uniform random integer payoffs 0..99 (build/eqgen_n), 3-player
# 5x5x5 and 4-player 4x4x4x4, five seeds each.  For every game:
#   solve    eq_solve alone, median of 5 runs in process (build/eqtime);
#   process  the whole command `equilib solve -m qre`, median of REPS runs;
#   regret   the certificate of the equilibrium reached (max regret, from
#            the command's JSON output);
#   pure     the reference: the same game with -m pure, solve (eqtime) and
#            process times (process start, reading the file, a trivial
#            method that visits every profile).
# Summary per size: medians over the seeds, the largest regret, and the
# ratio of the QRE and pure process times.
# Then badly scaled 3-player games, payoffs mixing 1 and 1e6 (the fuzz
# corpus's qre_slow_3p and qre_timeout_3p), each as given and scaled by
# 1e6 and 1e-6: path steps (from eq_solve's log), solve and process times,
# the regret, and the process time against the unscaled copy's.
# Last, 400 random 3-player games mixing 1 and 1e6 of each of two families
# (build/eqqremix: tests/test_numerics.c's 2x3x2 generator, and games of
# fuzz_solve's shape): answered and refused, the path's steps in all, and
# the median eq_solve time per game against -m pure's on the same games.
# REPS (default 3) sets the repetitions of whole commands; BUILD_DIR
# (default build/) the Release build to use.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/common.sh
. "$root/tools/bench/common.sh"
reps=${REPS:-3}
build=${BUILD_DIR:-$root/build}
"$root/tools/deps.sh"
"$root/tools/build.sh" "$build" Release >/dev/null
eq=$build/equilib
gen=$build/eqgen_n
eqtime=$build/eqtime
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# regret FILE: max regret of the QRE equilibrium, or "fail"
regret() {
  "$eq" solve "$1" -m qre --format json 2>/dev/null |
    awk -F': ' '/"max_regret"/ { sub(/[,}].*/, "", $2); printf "%.3g\n", $2; found = 1 }
                END { if (!found) print "fail" }'
}

echo "== qre (logit QRE path + Newton refinement) on uniform random n-player games, payoffs 0..99"
echo "   solve = eq_solve alone (median of 5 in process); process = whole command (median of $reps)"
echo "   reference = the same game with -m pure"
printf '%-10s %-5s %-10s %-11s %-10s %-10s %-11s\n' game seed solve_ms process_ms regret pure_ms pure_proc
for shape in "5 5 5" "4 4 4 4"; do
  name=$(echo "$shape" | tr ' ' 'x')
  ts=() tp=() rg=() rs=() rp=() answered=0
  for seed in 1 2 3 4 5; do
    g=$work/n${name}_$seed.nfg
    # shellcheck disable=SC2086
    "$gen" "$seed" "$g" $shape
    a=$("$eqtime" "$g" qre 5 2>/dev/null | cut -d' ' -f1)
    b=$(timed "$reps" "$eq" solve "$g" -m qre)
    c=$(regret "$g")
    d=$("$eqtime" "$g" pure 5 2>/dev/null | cut -d' ' -f1)
    e=$(timed "$reps" "$eq" solve "$g" -m pure)
    [ "$c" != fail ] && answered=$((answered + 1))
    ts+=("$a"); tp+=("$b"); rg+=("$c"); rs+=("$d"); rp+=("$e")
    printf '%-10s %-5s %-10s %-11s %-10s %-10s %-11s\n' "$name" "$seed" "$a" "$b" "$c" "$d" "$e"
  done
  a=$(printf '%s\n' "${ts[@]}" | median); b=$(printf '%s\n' "${tp[@]}" | median)
  c=$(printf '%s\n' "${rg[@]}" | grep -v fail | maximum || true)
  d=$(printf '%s\n' "${rs[@]}" | median); e=$(printf '%s\n' "${rp[@]}" | median)
  printf '%s: qre solve median %s ms, process %s ms; max regret %s; answered %d/5; reference -m pure solve %s ms, process %s ms; process ratio %s\n' \
    "$name" "$a" "$b" "${c:-none}" "$answered" "$d" "$e" "$(ratio "$b" "$e")"
done

# steps FILE: the path's steps in all (qre's last log line), from eqtime
steps() {
  EQTIME_LOG=1 "$eqtime" "$1" qre 1 2>&1 >/dev/null |
    awk '/qre: [0-9]+ steps/ { for (i = 1; i <= NF; i++) if ($(i+1) ~ /^steps/) s = $i } END { print s ? s : "fail" }'
}
# scaled IN OUT MUL: the NFG file IN with every payoff times MUL
scaled() {
  awk -v m="$3" 'NR <= 2 || !NF { print; next } { for (i = 1; i <= NF; i++) $i = $i * m; print }' "$1" > "$2"
}
cat > "$work/slow3p.nfg" <<'NFG'
NFG 1 R "payoffs 1 and 1e6 (fuzz corpus qre_slow_3p)" { "P1" "P2" "P3" } { 1 3 2 }

10 0 1 0 1 0 1 -1 0 9.1e7 1e6 0 1e6 -3.2e7 0 -9e6 -1e6 0
NFG
cat > "$work/timeout3p.nfg" <<'NFG'
NFG 1 R "payoffs 1 and 1e6 (fuzz corpus qre_timeout_3p)" { "P1" "P2" "P3" } { 1 3 2 }

1 1 0 1 0 0 0 0 1 5.2e7 -3.2e7 0 -9e6 0 0 1e6 0 0
NFG
echo
echo "== qre on badly scaled 3-player games (payoffs 1 and 1e6), as given and scaled"
echo "   load: $(uptime | sed 's/.*load average[s]*: *//')"
printf '%-10s %-6s %-7s %-10s %-11s %-10s %-8s\n' game scale steps solve_ms process_ms regret vs_x1
for name in slow3p timeout3p; do
  base=""
  for mul in 1 1e6 1e-6; do
    g=$work/${name}_$mul.nfg
    scaled "$work/$name.nfg" "$g" "$mul"
    a=$("$eqtime" "$g" qre 5 2>/dev/null | cut -d' ' -f1)
    b=$(timed "$reps" "$eq" solve "$g" -m qre)
    [ -z "$base" ] && base=$b
    printf '%-10s %-6s %-7s %-10s %-11s %-10s %-8s\n' "$name" "$mul" "$(steps "$g")" \
      "$a" "$b" "$(regret "$g")" "$(ratio "$b" "$base")"
  done
done

echo
echo "== qre on 400 random 3-player games mixing payoffs 1 and 1e6 (eq_solve, median of $reps per game)"
echo "   load: $(uptime | sed 's/.*load average[s]*: *//')"
"$build/eqqremix" numerics 1 400 "$reps"
"$build/eqqremix" fuzz 1 400 "$reps"
