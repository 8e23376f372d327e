#!/usr/bin/env bash
# Benchmark: correlated solves on the main thread against a worker thread,
# the library as a guest in a host program (issue 15: with fixed 1 MiB
# buffers per solve, correlated was 9-14 times slower on the main thread).
#
#   tools/bench/bench_guest.sh
#
# Games: chicken (models/chicken.nfg, 2x2) and three-player games with 5
# and 10 actions each, payoffs uniform in [0, 99] (eqgen uniform3, seed 1):
# CE LPs of 4x4, 61x125 (1125 entries) and 271x1000 (28000 entries).
# The untrimmed columns (see below) are of eq_solve, without the handle.
# Figures, per game:
#   main, worker   solves per second on the main thread and on a worker
#                  thread, medians of REPS rounds (build/eqguest, which
#                  alternates the two), each solve by eq_solve with memory
#                  of its own;
#   ratio          worker / main: 1 means no main-thread penalty;
#   main_h, worker_h, ratio_h  the same solves by eq_solve_with on one
#                  eq_options handle per run, whose correlated workspace
#                  (the LP and buffers, not GLPK's per-call environment)
#                  is reused from the second solve on;
#   gain_m, gain_w with the handle / without, on the main thread and on
#                  a worker (the two measured alternately in each round);
#   heap calls     brk (main thread's heap) and madvise + mprotect (a
#                  worker's heap) per solve, counted by strace: glibc
#                  trimming a heap and growing it back, each time paying
#                  page faults again; without the handle, then with it;
#   untrimmed      the same with glibc's trimming and mmap thresholds
#                  raised (MALLOC_TRIM_THRESHOLD_, MALLOC_MMAP_THRESHOLD_
#                  = 64 MiB), the reference: what the solves cost when the
#                  freed memory stays in the heap.  The library cannot set
#                  these itself (they are process-wide); a host can.
# Then the whole command `equilib report --sub correlated` against
# `equilib report` (Nash stages) on tests/fixtures/game/old_nato.game, and
# the correlated report again with glibc's trimming off, medians of REPS
# runs.  (One model: the report of every shipped model now takes minutes,
# most of it breakpoint scans that have nothing to do with the heap.)
# REPS defaults to 5.  BUILD_DIR (default build/) is where tools/build.sh
# builds the Release binaries.  The machine's load is printed before and
# after: figures from a busy machine are noisy.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/common.sh
. "$root/tools/bench/common.sh"
bench_init
guest=$build/eqguest

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
cp "$root/models/chicken.nfg" "$work/chicken.nfg"
"$gen" uniform3 5 5 5 1 "$work/u5.nfg"
"$gen" uniform3 10 10 10 1 "$work/u10.nfg"

# heap_calls FILE SOLVES MODE: "brk_main madvise+mprotect_worker" per solve.
heap_calls() {
  if ! command -v strace >/dev/null; then echo "- -"; return; fi
  strace -f -o "$work/st" -e trace=brk,madvise,mprotect "$guest" "$1" "$2" 1 correlated "$3" \
    >/dev/null 2>&1 || true
  awk -v n="$2" 'NR == 1 { main = $1 }
       $1 == main && $2 ~ /^brk/ { b++ }
       $1 != main && $2 ~ /^(madvise|mprotect)/ { w++ }
       END { printf "%.1f %.1f\n", b / n, w / n }' "$work/st"
}

echo "== correlated (welfare-optimal CE): solves per second, main thread against a worker,"
echo "   eq_solve (fresh memory each solve) against eq_solve_with on one handle (_h)"
fmt='%-8s %6s %8s %8s %5s %8s %8s %5s %6s %6s %9s %9s %14s %9s %9s %5s\n'
printf "$fmt" game solves main/s worker/s ratio main_h/s worker_h/s ratio_h gain_m gain_w brk/solve brk_h/solve madv+mprot/wkr untrim_m untrim_w ratio
for spec in chicken:20000 u5:500 u10:50; do
  g=${spec%%:*} n=${spec#*:}
  read -r m w r mh wh rh gm gw < <("$guest" "$work/$g.nfg" "$n" "$reps" correlated both)
  k=$(( n / 10 > 0 ? n / 10 : 1 ))
  read -r hb hw < <(heap_calls "$work/$g.nfg" "$k" fresh)
  read -r hbh hwh < <(heap_calls "$work/$g.nfg" "$k" handle)
  read -r um uw ur < <(MALLOC_TRIM_THRESHOLD_=67108864 MALLOC_MMAP_THRESHOLD_=67108864 \
                       "$guest" "$work/$g.nfg" "$n" "$reps" correlated fresh)
  printf "$fmt" "$g" "$n" "$m" "$w" "$r" "$mh" "$wh" "$rh" "$gm" "$gw" "$hb" "$hbh" "$hw/$hwh" "$um" "$uw" "$ur"
done

echo "== equilib report on tests/fixtures/game/old_nato.game, whole command, median of $reps (ms)"
m=$root/tests/fixtures/game/old_nato.game
a=$(timed "$reps" "$eq" report "$m" --sub correlated)
b=$(timed "$reps" "$eq" report "$m")
c=$(MALLOC_TRIM_THRESHOLD_=67108864 MALLOC_MMAP_THRESHOLD_=67108864 timed "$reps" "$eq" report "$m" --sub correlated)
echo "report --sub correlated $a ms; report (Nash stages) $b ms; ratio $(ratio "$a" "$b")"
echo "report --sub correlated, trimming off: $c ms; ratio to trimming on $(ratio "$a" "$c")"
