#!/usr/bin/env bash
# equilib-mpi under mpirun (chunks of 32 indices at least, so the grid
# and the samples are large enough for several chunks): with 2 ranks and with 3 (--oversubscribe, on
# fewer cores) the output of a 2-D sweep and of robust runs equals the
# single-process output of equilib byte for byte, in text and JSON (3 ranks: text);
# `mpirun -np 2 equilib ...` runs as equilib-mpi, and refuses without it;
# a rank that fails (here rank 1 of an MPMD launch, given a model file
# that does not exist) ends the run with a non-zero status, its message
# "rank 1: ...", and nothing on standard output.
# Usage: mpi.sh EQUILIB EQUILIB_MPI SOURCE_DIR
set -u
eq=$1
eqm=$2
src=$3
models=$src/models
fixtures=$src/tests/fixtures/game
command -v mpirun > /dev/null || { echo "mpi: no mpirun (Debian openmpi-bin)"; exit 1; }
# Open MPI refuses root unless told; CI machines run the suite as root.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi=(mpirun)
[ "$(id -u)" -eq 0 ] && mpi+=(--allow-run-as-root)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Compare "$@" under mpirun -np 2 and -np 3 with the serial run.
check() {
  local name=$1; shift
  local f np
  for f in text json; do
    "$eq" "$@" -f "$f" > "$name.serial.$f" || fail "$name: serial -f $f exit $?"
    for np in 2 3; do
      [ "$np" = 3 ] && [ "$f" != text ] && continue
      "${mpi[@]}" -np "$np" --oversubscribe "$eqm" "$@" -f "$f" > "$name.np$np.$f" ||
        fail "$name: mpirun -np $np -f $f exit $?"
      cmp -s "$name.serial.$f" "$name.np$np.$f" ||
        fail "$name: mpirun -np $np -f $f differs from the single run"
    done
  done
}

nato=$fixtures/old_nato.game
check sweep sweep "$nato" --vary timing --vary honour=0:1:201 -p delay=3
check robust robust "$models/security.game" -n 300 --seed 5 --context option=israel \
  --claim 'later: P(war_resumes | option=membership, timing=after) > P(war_resumes | option=membership, timing=before)'
check left robust "$nato" -n 30 --prior 'honour=uniform(0,1)' --claim 'bad: 1/(honour-honour) > 0'

# The ordinary program under mpirun runs as equilib-mpi (found beside it):
# one output, the serial one, not one per rank.
"${mpi[@]}" -np 2 "$eq" sweep "$nato" --vary timing --vary honour=0:1:201 -p delay=3 \
  -f text > plain.np2.text || fail "mpirun -np 2 equilib: exit $?"
cmp -s sweep.serial.text plain.np2.text ||
  fail "mpirun -np 2 equilib (not equilib-mpi) differs from the single run"
# Without equilib-mpi beside it, it refuses rather than run once per rank.
mkdir lone && cp "$eq" lone/equilib
"${mpi[@]}" -np 2 lone/equilib sweep "$nato" --vary honour=0:1:5 > lone.out 2> lone.err &&
  fail "mpirun -np 2 equilib without equilib-mpi: exit 0"
grep -q "equilib-mpi .* is not beside" lone.err || fail "lone equilib: no message (got: $(cat lone.err))"
[ -s lone.out ] && fail "lone equilib: printed output"

# A failing rank: its message, a non-zero status, no output.
"${mpi[@]}" -np 1 "$eqm" sweep "$nato" --vary honour=0:1:50 : \
  -np 1 "$eqm" sweep "$models/no_such_model.game" --vary honour=0:1:50 > out.txt 2> err.txt
rc=$?
[ "$rc" -ne 0 ] || fail "failing rank: exit 0"
grep -q "equilib: rank 1: .*no_such_model.game" err.txt || fail "failing rank: no message (got: $(cat err.txt))"
[ -s out.txt ] && fail "failing rank: printed output"

[ "$fails" -eq 0 ] && echo "mpi: all passed"
exit $(( fails > 0 ))
