#!/usr/bin/env bash
# Shards (--shard I/N) and `equilib merge`: the merged output of shards
# 1/3, 2/3 and 3/3 (given in any order) equals the single run's, byte for
# byte, in every format, for a 2-D sweep and for robust runs (with a claim
# and a context, and with every sample left out); a robust share merged
# from shards keeps the hand-derived value of its claim (x + y < 1 on the
# unit square holds on half of it); and merge refuses, with status 2 and a
# message naming the culprit, a missing shard, a shard given twice, a
# shard of another model, and a model file changed since.
# Usage: shards.sh EQUILIB SOURCE_DIR
set -u
eq=$1
src=$2
models=$src/models
fixtures=$src/tests/fixtures/game
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Run "$@" shards 1..3 into NAME1.json.. and check merge == serial.
check_merge() {
  local name=$1; shift
  local f i
  for i in 1 2 3; do
    "$eq" "$@" --shard "$i/3" -o "$name$i.json" || fail "$name: shard $i/3 exit $?"
  done
  for f in text json csv md tex; do
    "$eq" "$@" -f "$f" > "$name.serial.$f" || fail "$name: serial -f $f exit $?"
    "$eq" merge "${name}3.json" "${name}1.json" "${name}2.json" -f "$f" > "$name.merged.$f" ||
      fail "$name: merge -f $f exit $?"
    cmp -s "$name.serial.$f" "$name.merged.$f" || fail "$name: merged -f $f differs from the single run"
  done
}

# Expect status 2 and a message matching $2 from "${@:3}".
refuse() {
  local what=$1 pattern=$2; shift 2
  "$@" > out.txt 2> err.txt
  local rc=$?
  [ "$rc" -eq 2 ] || fail "$what: exit $rc, not 2"
  grep -q -- "$pattern" err.txt || fail "$what: no message '$pattern' (got: $(cat err.txt))"
  [ -s out.txt ] && fail "$what: printed output"
}

nato=$fixtures/old_nato.game
check_merge sweep sweep "$nato" --vary timing --vary honour=0:1:7 -p delay=3
check_merge robust robust "$models/security.game" -n 60 --seed 3 --context option=israel \
  --claim 'later: P(war_resumes | option=membership, timing=after) > P(war_resumes | option=membership, timing=before)'
check_merge left robust "$nato" -n 30 --prior 'honour=uniform(0,1)' --claim 'bad: 1/(honour-honour) > 0'
check_merge half robust "$nato" -n 400 --prior 'honour=uniform(0,1)' \
  --prior 'revanchism=uniform(0,1)' --claim 'half: honour + revanchism < 1'
# the 95% interval of the merged share holds the exact 1/2
grep -A1 '^  half$' half.merged.text | tail -1 |
  awk '{ lo = substr($2, 2) + 0; hi = $3 + 0; exit !(lo <= 0.5 && 0.5 <= hi && $1 > 0.4 && $1 < 0.6) }' ||
  fail "half: the merged share's interval misses 1/2: $(grep -A1 '^  half$' half.merged.text)"
# shards of 1000 samples by default, and a shard count larger than the grid
"$eq" sweep "$nato" --vary timing --shard 1/3 -o tiny1.json || fail "tiny shard 1/3"
"$eq" sweep "$nato" --vary timing --shard 2/3 -o tiny2.json || fail "tiny shard 2/3"
"$eq" sweep "$nato" --vary timing --shard 3/3 -o tiny3.json || fail "tiny shard 3/3"
"$eq" merge tiny1.json tiny2.json tiny3.json > tiny.merged || fail "tiny merge"
"$eq" sweep "$nato" --vary timing | cmp -s - tiny.merged || fail "tiny: merged differs"

refuse "missing shard" "shard 2/3 is missing" "$eq" merge sweep1.json sweep3.json
refuse "duplicate shard" "shard 3/3 given twice" "$eq" merge sweep1.json sweep3.json sweep2.json sweep3.json
"$eq" sweep "$fixtures/old_israel.game" --vary revanchism=0:1:7 --shard 2/3 -o other2.json ||
  fail "other model shard"
refuse "another model" "other2.json: a shard of another model" "$eq" merge sweep1.json other2.json sweep3.json
refuse "another run" "robust1.json: a shard of another" "$eq" merge sweep1.json robust1.json sweep3.json
cp sweep2.json keep.json
refuse "output over a shard" "would overwrite a shard" "$eq" merge sweep1.json sweep2.json sweep3.json -o sweep2.json
cmp -s sweep2.json keep.json || fail "merge -o over a shard changed it"
sed 's/"complete": true/"complete": false/' sweep2.json > part2.json
refuse "incomplete shard" "part2.json: an incomplete shard" "$eq" merge sweep1.json part2.json sweep3.json
refuse "not a shard" "not a shard file" "$eq" merge sweep.serial.json
cp "$nato" copy.game
for i in 1 2; do "$eq" sweep copy.game --vary honour=0:1:5 --shard "$i/2" -o "copy$i.json"; done
echo "# changed" >> copy.game
refuse "changed model" "copy.game: changed since the shards were made" "$eq" merge copy1.json copy2.json
refuse "bad --shard" "--shard needs I/N" "$eq" sweep "$nato" --vary honour --shard 4/3
refuse "bad --shard" "--shard needs I/N" "$eq" robust "$nato" --shard 0/2
refuse "shard of stdin" "not standard input" "$eq" sweep - --input-format game --vary honour=0:1:3 --shard 1/2 < "$nato"

[ "$fails" -eq 0 ] && echo "shards: all passed"
exit $(( fails > 0 ))
