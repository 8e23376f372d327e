#!/usr/bin/env bash
# Benchmark of reading a model and building its tree at scale, with a
# reference measured in the same run.
#
#   tools/bench/bench_build.sh [LEAVES]
#
# Model: a three-level tree written with families and for blocks: the root
# (A, 100 actions) -> mid[x] (B, 100 actions each) -> low[x, y] (A, LEAVES
# actions each, default 98) -> terminal (x + z, y - z).  With 98 leaves
# that is 1 + 100 + 10,000 + 980,000 = 990,101 nodes; with 100 leaves,
# 1,010,101 (the language's limit, MODEL_MAX_TREE, is 2^24 nodes).
# Reference: the same tree written flat, without templates (10,101 node
# declarations; generated here by awk), read by the same binary.
# Command: equilib check FILE (read, expand, parse, check, instantiate the
# tree at the defaults, find its subgames, print a summary).
# Figures, for each file: the median over REPS runs (default 3) of the
# wall-clock time and of the CPU time (user + system), nodes per second of
# CPU time, peak resident memory (/usr/bin/time -v, largest over the runs)
# and bytes per node; then the ratios families / flat.
# The issue's goal: a million-node tree in under 2 s and 500 bytes a node.
# Wall-clock figures need a quiet machine; CPU time is steadier under load.
# BUILD_DIR (default build/) is where tools/build.sh builds the Release
# binaries.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/common.sh
. "$root/tools/bench/common.sh"
leaves=${1:-98}
bench_init 3
command -v /usr/bin/time >/dev/null || { echo "bench_build.sh: /usr/bin/time is missing (Debian package time)" >&2; exit 1; }

fam=$work/families.game
flat=$work/flat.game
cat > "$fam" <<GAME
players A B
node root: A chooses
for x in 0..99 {
  "a{x}" -> mid[x]
}
node mid[x in 0..99] "mid {x}": B chooses
for y in 0..99 {
  "b{y}" -> low[x, y]
}
node low[x in 0..99, y in 0..99]: A chooses
for z in 0..$((leaves - 1)) {
  "c{z}" -> (x + z, y - z)
}
GAME
awk -v L="$leaves" 'BEGIN {
  print "players A B"
  print "node root: A chooses"
  for (x = 0; x < 100; x++) printf "  \"a%d\" -> \"mid[%d]\"\n", x, x
  for (x = 0; x < 100; x++) {
    printf "node \"mid[%d]\" \"mid %d\": B chooses\n", x, x
    for (y = 0; y < 100; y++) printf "  \"b%d\" -> \"low[%d,%d]\"\n", y, x, y
  }
  for (x = 0; x < 100; x++) for (y = 0; y < 100; y++) {
    printf "node \"low[%d,%d]\": A chooses\n", x, y
    for (z = 0; z < L; z++) printf "  \"c%d\" -> (%d + %d, %d - %d)\n", z, x, z, y, z
  }
}' > "$flat"

# run FILE: prints "nodes wall_ms cpu_s rss_kb" for each of REPS runs
run() {
  local f=$1 out
  for _ in $(seq "$reps"); do
    out=$( { /usr/bin/time -f "TIME %e %U %S %M" "$eq" check "$f" | grep '^nodes:'; } 2>&1 )
    awk '/^nodes:/ { n = $2 } /^TIME/ { w = $2; c = $3 + $4; r = $5 }
         END { printf "%s %.0f %.2f %s\n", n, w * 1000, c, r }' <<<"$out"
  done
}
echo "load before: $(load)"
printf '%-10s %9s %9s %9s %12s %10s %10s\n' file nodes wall_ms cpu_s nodes/cpu_s peak_MB bytes/node
declare -A W C R
for which in families flat; do
  f=$work/$which.game
  res=$(run "$f")
  n=$(awk 'NR == 1 { print $1 }' <<<"$res")
  W[$which]=$(awk '{ print $2 }' <<<"$res" | median)
  C[$which]=$(awk '{ print $3 }' <<<"$res" | median)
  R[$which]=$(awk '{ print $4 }' <<<"$res" | maximum)
  awk -v f="$which" -v n="$n" -v w="${W[$which]}" -v c="${C[$which]}" -v r="${R[$which]}" 'BEGIN {
    printf "%-10s %9d %9.0f %9.2f %12.0f %10.1f %10.0f\n", f, n, w, c, n / c, r / 1024, r * 1024 / n }'
done
echo "ratio families/flat: wall $(ratio "${W[families]}" "${W[flat]}")  cpu $(ratio "${C[families]}" "${C[flat]}")  memory $(ratio "${R[families]}" "${R[flat]}")"
echo "load after: $(load)"
