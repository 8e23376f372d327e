#!/usr/bin/env bash
# Command-line behaviour: exit codes (0 found, 1 none found, 2 bad usage or
# input), usage lines, file:line:col diagnostics, and the output formats.
# Usage: cli.sh PATH/TO/equilib SOURCE_ROOT
set -u
eq=$1
root=$2
models=$root/models
fail=0 pass=0
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# check NAME WANT_RC STDOUT_PATTERN STDERR_PATTERN -- ARGS...
check() {
  local name=$1 want=$2 opat=$3 epat=$4; shift 5
  "$eq" "$@" >"$out" 2>"$err"
  local rc=$?
  local ok=1
  [ "$rc" -eq "$want" ] || { echo "FAIL $name: exit $rc, want $want"; ok=0; }
  if [ -n "$opat" ] && ! grep -qE -- "$opat" "$out"; then
    echo "FAIL $name: stdout lacks /$opat/"; ok=0
  fi
  if [ -n "$epat" ] && ! grep -qE -- "$epat" "$err"; then
    echo "FAIL $name: stderr lacks /$epat/"; ok=0
  fi
  if [ $ok -eq 1 ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); sed 's/^/  out: /' "$out" | head -5; sed 's/^/  err: /' "$err" | head -5
  fi
}

check no-args 2 "" "^usage: " --
check help 0 "^usage: " "" -- --help
check version 0 "^equilib [0-9]+\.[0-9]+\.[0-9]+" "" -- --version
check unknown-command 2 "" "unknown command 'frobnicate'" -- frobnicate
check unknown-option 2 "" "^usage: " -- solve "$models/chicken.nfg" --bogus
check unknown-method 2 "" "unknown method 'simplex'" -- solve "$models/chicken.nfg" -m simplex
check missing-method 2 "" "needs a method" -- solve "$models/chicken.nfg" -m
check bad-format 2 "" "unknown format 'xml'" -- solve "$models/chicken.nfg" --format xml
check no-file 2 "" "needs a FILE" -- solve
check two-files 2 "" "unexpected argument" -- solve "$models/chicken.nfg" "$models/chicken.nfg"
check bad-max 2 "" "positive count" -- solve "$models/chicken.nfg" --max 0
check bad-label 2 "" "labels run from 0 to 3" -- solve "$models/chicken.nfg" -m lemke --label 4
check missing-file 2 "" "nope\.nfg.*cannot open" -- solve "$root/tests/fixtures/cli/nope.nfg"
check unknown-kind 2 "" "unknown kind of file" -- solve "$root/README.md"
check parse-error 2 "" "bad_number\.nfg:3:7: .*not a number" -- solve "$root/tests/fixtures/cli/bad_number.nfg"
check parse-caret 2 "" "^  +\^$" -- solve "$root/tests/fixtures/cli/bad_number.nfg"

# Chicken: three equilibria, the mixed one at 9/10 (derived by hand in
# tests/test_classic.c).
check chicken-enum 0 "9/10" "" -- solve "$models/chicken.nfg" -m enum --exact
check chicken-count 0 "3 equilibria" "" -- solve "$models/chicken.nfg"
check pennies-pure-none 1 "0 equilibria" "found no equilibrium" -- solve "$models/matching_pennies.nfg" -m pure
check pennies-zerosum 0 "value to .*: 0" "" -- solve "$models/matching_pennies.nfg" -m zerosum --exact
check pd-not-zerosum 2 "" "not constant-sum" -- solve "$models/prisoners_dilemma.nfg" -m zerosum
check three-player-enum 2 "" "two-player" -- solve "$models/three_player.nfg" -m enum
check three-player-pure 0 "2 equilibria" "" -- solve "$models/three_player.nfg" -m pure
check json 0 '"equilibria": \[' "" -- solve "$models/battle_of_sexes.nfg" --format json --exact
check json-exact 0 '"probabilities_exact": \["2/3", "1/3"\]' "" -- solve "$models/battle_of_sexes.nfg" --format json --exact
check csv 0 "^equilibrium,player,action,probability,payoff,certificate$" "" -- solve "$models/battle_of_sexes.nfg" --format csv
check lemke-one-label 0 "1 equilibrium" "" -- solve "$models/shapley.nfg" -m lemke --label 0
check max 0 "stopped at --max" "" -- solve "$models/chicken.nfg" --max 1

# Trees and models.  Entry deterrence: backward induction gives In then
# Accommodate with payoffs (1, 1); Out/Fight is Nash but not perfect.
fx=$root/tests/fixtures
check efg-spe 0 "Incumbent at .*: Accommodate 1" "" -- solve "$models/entry_deterrence.efg"
check efg-path 0 "payoffs: Entrant 1 Incumbent 1" "" -- solve "$models/entry_deterrence.efg"
# Its reduced form A = [[0,0],[-1,1]], B = [[2,2],[-1,1]]: (In, Accommodate),
# and Out against any y with P(Fight) >= 1/2, whose extreme points are
# Fight and (1/2, 1/2): three extreme equilibria.
check efg-enum-reduced 0 "3 equilibria" "" -- solve "$models/entry_deterrence.efg" -m enum
check efg-json 0 '"behaviour": \[' "" -- solve "$models/entry_deterrence.efg" --format json
check efg-csv 0 "^equilibrium,player,infoset,action,probability,reached$" "" -- solve "$models/entry_deterrence.efg" --format csv
check poker-zerosum 0 "payoffs: .* 0\.3333333333" "" -- solve "$models/poker.efg" -m zerosum
check game-spe 0 "accommodate 1" "" -- solve "$fx/game/entry.game"
check game-param 0 "payoffs: Entrant 1 Incumbent 1" "" -- solve "$fx/game/entry.game" -p fight_cost=2
check game-unknown-param 2 "" "no_such" -- solve "$fx/game/entry.game" -p no_such=1
check game-param-domain 2 "" "fight_cost" -- solve "$fx/game/entry.game" -p fight_cost=99
check game-param-syntax 2 "" "^usage: " -- solve "$fx/game/entry.game" -p fight_cost
check game-parse-error 2 "" "unknown_node\.game:6:[0-9]+: " -- solve "$fx/cli/unknown_node.game"
check game-on-nfg-param 2 "" "-p applies to \.game" -- solve "$models/chicken.nfg" -p x=1
check check-game 0 "^subgames: 2" "" -- check "$fx/game/entry.game"
check check-params 0 "fight_cost = 1 in \[0, 10\]" "" -- check "$fx/game/entry.game"
check check-efg 0 "^nodes: 5 \(2 decision, 0 chance, 3 terminal\)" "" -- check "$models/entry_deterrence.efg"
check convert-nfg 0 "^NFG 1 R" "" -- convert "$models/entry_deterrence.efg" --to nfg
check convert-efg 0 "^EFG 2 R" "" -- convert "$fx/game/entry.game" --to efg
check convert-game 0 "^players " "" -- convert "$models/entry_deterrence.efg" --to game
check convert-needs-to 2 "" "needs --to" -- convert "$models/entry_deterrence.efg"
# The concept a .game declares survives convert --to game (beer-quiche:
# pbe, two pooling equilibria, derived in tests/test_pbe.c); a tree read
# from .efg declares none, so none is written.
o=$(mktemp -d)
check convert-game-concept 0 "^equilibrium pbe$" "" -- convert "$fx/bayes/beer_quiche.game" --to game
cp "$out" "$o/bq.game"
check convert-game-concept-solve 0 "2 equilibria" "" -- solve "$o/bq.game"
if "$eq" convert "$models/entry_deterrence.efg" --to game | grep -q "^equilibrium"; then
  echo "FAIL convert-efg-no-concept: an equilibrium line"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
rm -rf "$o"
check convert-nfg-to-tree 2 "" "cannot be converted to a tree" -- convert "$models/chicken.nfg" --to efg
check spe-on-nfg 2 "" "needs a game tree" -- solve "$models/chicken.nfg" -m spe
check select-bad 2 "" "unknown rule" -- solve "$models/entry_deterrence.efg" --select best
check select-player 0 "selection: .*" "" -- solve "$models/entry_deterrence.efg" --select player:Entrant

# spe with correlated stages: chicken after an entry choice, derived by
# hand in tests/test_correlated_stages.c (A enters, 1/2 on swerve-swerve).
ce=$fx/game/chicken_entry.game
check ce-stage 0 "^    0\.5  A swerve, B swerve$" "" -- solve "$ce" --sub correlated
check ce-marginal 0 "dare 0\.25, swerve 0\.75  \(marginal of a correlated stage\)" "" -- solve "$ce" --sub correlated
check ce-certificate 0 "largest gain from disobeying in any subgame 0 " "" -- solve "$ce" --sub correlated
check ce-nash-out 0 "root -- A: out$" "" -- solve "$ce"
check ce-json 0 '"correlated_stages": \[' "" -- solve "$ce" --sub correlated --format json
check ce-csv 0 "^1,A,chicken,swerve,0\.5,true,chicken#3$" "" -- solve "$ce" --sub correlated --format csv
check ce-coarse-alone 2 "" "coarse applies to the subgame method correlated" -- solve "$ce" --coarse
check ce-objective-tree 2 "" "--select chooses" -- solve "$ce" --objective welfare
# A enters while out < 14/3 (the best Nash equilibrium of the stage), or
# 5.25 with the mediator.
check ce-report-nash 0 "^      4\.666666666666667 = 14/3 \(-6\.667% from the baseline\) \[.*exact.*\]$" "" -- report "$ce"
check ce-report-mediator 0 "^      5\.25 = 21/4 \(\+5% from the baseline\) \[exact\]$" "" -- report "$ce" --sub correlated
# The Nash stage mixes (B dares 1/3): its threshold 14/3 is verified with
# the mixed equilibrium's indifference conditions, and printed so.
check ce-breaks-mixed 0 "^  4\.666666666666667 = 14/3  \(profile, SPE count, exact, tie at the point\)" "" -- breakpoints "$ce" --vary out
# A's stage payoffs plus out/4 (the parameter inside the stage,
# linearly): 5.25 + out/4 = out at 7, exact; plus out^2/100: at
# 50 - 5 sqrt(79) = 5.559027913422..., located on the stages' solutions
# and flagged (chicken_linear.game, chicken_square.game).
check ce-report-linear 0 "^      7 \(\+40% from the baseline\) \[exact\]$" "" -- report "$fx/game/chicken_linear.game" --sub correlated
check ce-report-square 0 "^      5\.55902791342[0-9]* \(\+11\.18% from the baseline\) \[bisection\]$" "" -- report "$fx/game/chicken_square.game" --sub correlated
check ce-report-uncounted 0 "not counted" "" -- report "$ce" --sub correlated
check ce-report-bad-sub 2 "" "unknown subgame method 'bogus'" -- report "$ce" --sub bogus
check ce-report-sub-missing 2 "" "--sub needs a method" -- report "$ce" --sub
# spe over pbe stages (tests/test_pbe_stage.c derives these by hand):
# the guarantee's empty threat dropped, the thresholds -2 and -4/3.
gt=$root/tests/fixtures/bayes/guarantee_threat.efg
gs=$root/tests/fixtures/game/guarantee_stage.game
check pbe-stage 0 "^    West at offer: none 1$" "" -- solve "$gt" -m spe --sub pbe --all
check pbe-stage-belief 0 "^      strong, test 0\.25$" "" -- solve "$gt" -m spe --sub pbe
check pbe-stage-json 0 '"beliefs"' "" -- solve "$gt" --sub pbe --format json
check pbe-stage-not-spe 2 "" "--sub pbe: a subgame method applies to -m spe, not to -m enum" -- solve "$gt" -m enum --sub pbe
check pbe-stage-breaks 0 "= -4/3  \(SPE count, exact\)" "" -- breakpoints "$gs" --vary honour_weak
# At honour_weak = -2 the only supporting belief (P(strong) = 0) makes the
# West indifferent: a tie judged by that belief (gain 0), not by equal
# weights (gain 1).
check pbe-stage-tie 0 "indifferent between honour \(played\) and abandon \(gain 0\)" "" -- sweep "$gs" --vary honour_weak=-2:-1.5:2
check pbe-stage-break2 0 "^  -2\.0000000[0-9]*  \(profile" "" -- breakpoints "$gs" --vary honour_weak

# The report on a toy model whose thresholds follow from its payoffs by
# hand (see the comment in the file): cost = 5 and value = 3.
toy=$fx/report/toy.game
check report-text 0 "^      5 \(\+66\.67% from the baseline\) \[tie at the point, exact\]$" "" -- report "$toy"
check report-value 0 "^      3 \(-40% from the baseline\) \[tie at the point, exact\]$" "" -- report "$toy"
check report-path 0 "path: talks: Russia keep_fighting; outcome war_continued -> talks: Russia cease_fire; outcome peace$" "" -- report "$toy"
check report-md 0 "^\| Toy deterrence \| timing=after \| talks: Russia keep_fighting; outcome war_continued \| overall: Russia 2, West -1 \| 1 \|" "" -- report "$toy" --format md
check report-tex 0 "^\\\\toprule$" "" -- report "$toy" --format tex
check report-csv 0 ',Toy deterrence,timing=after,talks: Russia keep_fighting; outcome war_continued,"Russia 2, West -1",,,1,,' "" -- report "$toy" --format csv
check report-json 0 '"fraction": "5",$' "" -- report "$toy" --format json
# Once in force over a set of nodes (tests/fixtures/report/in_force.game,
# values by hand in its comment): reached with 1/4 before, never after.
inf=$fx/report/in_force.game
check report-in-force-md 0 "^\| Toy in force \| timing=before \| .* \| reached 0\.25: P\(peace\) 1; Russia 0, West 2 \| 1 \|$" "" -- report "$inf" --format md
check report-not-reached-md 0 "^\| Toy in force \| timing=after \| .* \| not reached \(overall: Russia 1, West -1\) \| 1 \|$" "" -- report "$inf" --format md
check report-in-force-csv 0 ',timing=before,.*,"Russia 0\.75, West -0\.25","Russia 0, West 2",0\.25,1,' "" -- report "$inf" --format csv
check report-not-reached-csv 0 ',timing=after,.*,"Russia 1, West -1",not reached,0,1,' "" -- report "$inf" --format csv
check report-not-reached-text 0 "^    once in force \(in_force\): not reached \(probability 0\), so undefined$" "" -- report "$inf"
check report-not-reached-json 0 '^ *"war": null,$' "" -- report "$inf" --format json
# The beliefs that hold the report's equilibrium up (issue 12), on
# models/security_resolve.game at its defaults; the equilibria are those of
# models/TYPES.md, "Resolve as a private type" (its table of pure weak
# PBE and its two-sided part), whose derivations these follow.
# known (one-sided): P1, pooling without troops, is the equilibrium shown
# (P(peace) 1; pbe lists S1 too, so "the first of the 2").  Both types
# send no troops, so Bayes' rule after no tripwire gives Russia's prior,
# mu = p_resolute = 0.745 (and 0.5 at p_resolute = 0.5, where P1 still
# exists: 0.5 >= mu* = 1/3).  Troops are off the path; after them both
# types honour a test (case i: 0.3 + 0.2 and 0.05 + 0.2 exceed h* = 5/28),
# so a test means direct war, r_H = -3/70 < held - blk = 0.1, and accepting
# is Russia's best reply for every mu: the supporting interval is [0, 1]
# (the single belief shown is the LP's pick inside it, so not checked).
sr=$models/security_resolve.game
check report-beliefs-head 0 "^    beliefs at each information set of more than one node .*, of the equilibrium shown: the first of the 2 listed:$" "" -- report "$sr" -p russia_resolve=known --vary p_resolute
check report-beliefs-bayes 0 "^      Russia at Russia, no tripwire \(on the path: Bayes' rule\): P\(resolute West, no tripwire\) = 0\.745, P\(irresolute West, no tripwire\) = 0\.255$" "" -- report "$sr" --vary p_resolute
check report-beliefs-prior 0 "^      Russia at Russia, no tripwire \(on the path: Bayes' rule\): P\(resolute West, no tripwire\) = 0\.5, P\(irresolute West, no tripwire\) = 0\.5$" "" -- report "$sr" -p p_resolute=0.5 --vary tripwire_cost
check report-beliefs-off 0 "^      Russia at Russia, tripwire \(off the path\): P\(resolute West, tripwire\) = [01]?\.?[0-9]*, P\(irresolute West, tripwire\) = [01]?\.?[0-9]*; supported by any P\(resolute West, tripwire\) from 0 to 1$" "" -- report "$sr" --vary p_resolute
# private (two-sided): S1 alone.  The resolute West stations troops, the
# irresolute one does not, so after a tripwire each Russian type believes
# the West resolute (1), without one irresolute (0).  The West signals and
# is tested before it sees Russia's type, and both Russian types test a
# West without troops, so at its signal and at "irresolute West tested,
# no tripwire" Bayes' rule gives the prior p_revanchist = 0.5 (the two
# nodes of a signal set share a label: the chance moves tell them apart).
# The other tested sets are off the path; the West's payoffs do not depend
# on Russia's type, so any belief supports its move there: [0, 1].
check report-beliefs-trip 0 "^      Russia at ordinary Russia, tripwire \(on the path: Bayes' rule\): P\(ordinary Russia, resolute West, tripwire\) = 1, P\(ordinary Russia, irresolute West, tripwire\) = 0$" "" -- report "$sr" --vary p_resolute
check report-beliefs-none 0 "^      Russia at revanchist Russia, no tripwire \(on the path: Bayes' rule\): P\(revanchist Russia, resolute West, no tripwire\) = 0, P\(revanchist Russia, irresolute West, no tripwire\) = 1$" "" -- report "$sr" --vary p_resolute
check report-beliefs-tested 0 "^      West at irresolute West tested, no tripwire, Russia unseen \(on the path: Bayes' rule\): P\(irresolute West tested, no tripwire, ordinary Russia\) = 0\.5, P\(irresolute West tested, no tripwire, revanchist Russia\) = 0\.5$" "" -- report "$sr" --vary p_resolute
check report-beliefs-signal 0 "^      West at resolute West signals, Russia unseen \(on the path: Bayes' rule\): P\(resolute West signals \[ordinary, resolute\]\) = 0\.5, P\(resolute West signals \[revanchist, resolute\]\) = 0\.5$" "" -- report "$sr" --vary p_resolute
check report-beliefs-west-off 0 "^      West at resolute West tested, tripwire, Russia unseen \(off the path\): .*; supported by any P\(resolute West tested, tripwire, ordinary Russia\) from 0 to 1$" "" -- report "$sr" --vary p_resolute
check report-beliefs-md 0 "^\| Security options .* \| russia_resolve=known \| Russia at Russia, tripwire \| off the path \| .* \| any P\(resolute West, tripwire\) from 0 to 1 \|$" "" -- report "$sr" --vary p_resolute --format md
check report-beliefs-csv 0 'Russia at Russia, no tripwire \(on the path: Bayes.? rule\): P\(resolute West, no tripwire\) = 0\.745, P\(irresolute West, no tripwire\) = 0\.255 \| Russia at Russia, tripwire' "" -- report "$sr" --vary p_resolute --format csv
check report-beliefs-json 0 '^ *"belief": 0\.745,$' "" -- report "$sr" --vary p_resolute --format json
# spe over pbe stages (tests/fixtures/game/guarantee_stage.game, derived in
# tests/test_pbe_stage.c): the West offers none, so the test stage is off
# the path, but both types test in it, so Bayes' rule given the stage's
# root gives P(strong) = 1/4 at the West's set after a test.
check report-beliefs-stage 0 "^      West at after test \(off the path: Bayes' rule given the root of its subgame\): P\(strong_test\) = 0\.25, P\(weak_test\) = 0\.75$" "" -- report "$fx/game/guarantee_stage.game" --vary honour_weak
# Beer-quiche (Cho and Kreps 1987; tests/fixtures/bayes/beer_quiche.game,
# p_weak = 1/10): the first PBE listed pools on beer, so after beer the
# receiver's belief is the prior, P(weak) = 0.1; quiche is off the path,
# and dueling there (1 if weak, 0 if strong, against 0 and 1 for leaving)
# is a best reply iff P(weak | quiche) >= 1/2: the interval [1/2, 1].
bq=$root/tests/fixtures/bayes/beer_quiche.game
check report-beliefs-beer 0 "^      Receiver at after_beer \(on the path: Bayes' rule\): P\(weak_beer\) = 0\.1, P\(strong_beer\) = 0\.9$" "" -- report "$bq" --vary p_weak=0.05:0.2
check report-beliefs-quiche 0 "^      Receiver at after_quiche \(off the path\): P\(weak_quiche\) = [0-9.]+, P\(strong_quiche\) = [0-9.]+; supported by any P\(weak_quiche\) from 0\.5 to 1$" "" -- report "$bq" --vary p_weak=0.05:0.2
# A model without beliefs to show (toy.game: spe, singleton sets) prints
# none, in text and in the Markdown table.
if "$eq" report "$toy" >"$out" 2>&1 && ! grep -q "beliefs at each information set" "$out" &&
   "$eq" report "$toy" --format md >"$out" 2>&1 && ! grep -q "The beliefs that hold" "$out"; then
  pass=$((pass + 1)); else echo "FAIL report-beliefs-absent: toy.game's report shows beliefs"
  fail=$((fail + 1)); fi
# With no FILE the report reads the shipped models ($EQUILIB_MODELS) and
# leaves out a model that includes another *.game model, but not one that
# includes a file of shared declarations (tests/fixtures/report/shared).
shared_report=$(EQUILIB_MODELS=$fx/report/shared "$eq" report --samples 10 2>&1)
if grep -q "^Toy shared main " <<<"$shared_report" && ! grep -q "Toy shared fixed" <<<"$shared_report"; then
  pass=$((pass + 1))
else
  echo "FAIL report-shared-include: want toy_main.game reported and toy_fixed.game left out"
  fail=$((fail + 1)); head -5 <<<"$shared_report" | sed 's/^/  out: /'
fi
# The contrast, ranking and claims of a toy whose values follow by hand
# (tests/fixtures/report/claims.game: Russia resumes when delay > 3.5
# under guard, > 7.5 under arms; x + y < 1 holds on half the square).
cl=$fx/report/claims.game
check report-contrast 0 "^    breakpoints in delay, timing=after: 7\.5 \(peace 1 -> war 1\)$" "" -- report "$cl"
check report-ranking 0 "^      1\. arms: P\(war\) 0\.25 \[[0-9.]*, [0-9.]*\]; first in 0\.4 " "" -- report "$cl" --samples 400
check report-claim 0 "^    half: 0\.5 \[0\.45[0-9]*, 0\.54[0-9]*\]" "" -- report "$cl" --samples 400
check report-claims-md 0 "^\| Toy claims \| arms_safer \| 0\.4 \|" "" -- report "$cl" --samples 400 --format md
check report-samples-bad 2 "" "--samples needs a count of at least 2" -- report "$cl" --samples 1
check report-bad-format 2 "" "unknown format 'pdf'" -- report "$toy" --format pdf
check report-bad-file 2 "" "cannot open" -- report "$fx/report/none.game"

# Habits of issue 9: help per command, --opt=value, options that a command
# does not take, standard input, -o.
check help-command 0 "^usage: equilib solve FILE" "" -- help solve
check command-help 0 "^exit status: 0 success" "" -- report --help
check help-unknown 2 "" "unknown command 'bogus'" -- help bogus
check opt-equals 0 "^equilibrium,player,action,probability,payoff,certificate$" "" -- solve "$models/chicken.nfg" --method=enum --format=csv
check opt-short-attached 0 "^method: pure" "" -- solve "$models/chicken.nfg" -mpure
check opt-wrong-command 2 "" "option '--exact' does not apply to check" -- check "$models/chicken.nfg" --exact
check flag-with-value 2 "" "option '--exact=1' takes no value" -- solve "$models/chicken.nfg" --exact=1
check input-format 2 "" "chicken\.nfg:1:1: .*expected 'EFG'" -- solve "$models/chicken.nfg" --input-format=efg
check unreached 0 "Incumbent at Incumbent: Fight 0\.5, Accommodate 0\.5  \(unreached\)" "" -- solve "$models/entry_deterrence.efg" -m enum
# A method that does not apply is refused with the library's sentence.
check tree-lemke-3 2 "" "method 'lemke' works on the sequence form, which needs exactly two players; this tree has 3" -- solve "$fx/game/nato.game" -m lemke
# include and set (models/LANGUAGE.md, "Including a model"): a fixed parameter
# is refused by -p and --vary, naming the set line; errors name the file.
check set-fixed-p 2 "" "'option' is fixed by the set line at .*nato_membership.game:20:1" -- solve "$models/nato_membership.game" -p option=israel
check set-fixed-vary 2 "" "fixed by the set line at .*nato_membership.game:20:1" -- sweep "$models/nato_membership.game" --vary option
check include-missing 2 "" "missing.game:2:9: include: cannot open" -- check "$fx/game/include/missing.game"
check include-inner 2 "" "bad_inner.game:4:12: unknown name .*included from .*bad_outer.game:2" -- check "$fx/game/include/bad_outer.game"
check report-concept 0 "subgames solved by enum;" "" -- report "$fx/game/entry.game"
check qre-needs-file 2 "" "--qre needs a value, FILE" -- solve "$models/chicken.nfg" -m qre --qre
run_stdin() { # NAME WANT_RC STDOUT_PATTERN FILE -- ARGS...
  local name=$1 want=$2 opat=$3 file=$4; shift 5
  "$eq" "$@" <"$file" >"$out" 2>"$err"
  local rc=$?
  if [ "$rc" -eq "$want" ] && grep -qE -- "$opat" "$out"; then pass=$((pass + 1)); else
    echo "FAIL $name: exit $rc"; fail=$((fail + 1)); head -3 "$err"; fi
}
run_stdin stdin-nfg 0 "3 equilibria" "$models/chicken.nfg" -- solve -
run_stdin stdin-efg 0 "Accommodate 1" "$models/entry_deterrence.efg" -- solve -
run_stdin stdin-game 0 "payoffs: Entrant 1 Incumbent 1" "$fx/game/entry.game" -- solve - -p fight_cost=2
run_stdin stdin-forced 0 "3 equilibria" "$models/chicken.nfg" -- solve - --input-format nfg
o=$(mktemp -d)
cp "$models/chicken.nfg" "$o/in.nfg"
check output-is-input 2 "" "that is an input file" -- solve "$o/in.nfg" -o "$o/in.nfg"
check output-file 0 "" "" -- solve "$o/in.nfg" -o "$o/out.txt"
if grep -q "3 equilibria" "$o/out.txt" && [ -z "$(ls "$o" | grep '\.tmp\.')" ]; then
  pass=$((pass + 1)); else echo "FAIL output-file: not written whole"; fail=$((fail + 1)); fi
rm -rf "$o"

# report and breakpoints on threads: the same bytes for every -j (the
# breakpoint scan's grid and its intervals are shared out, the changes
# kept in interval order).
o=$(mktemp -d)
same_j() { # NAME ARGS...
  local name=$1; shift
  "$eq" "$@" -j 1 >"$o/j1" 2>&1; local r1=$?
  "$eq" "$@" -j 2 >"$o/j2" 2>&1; local r2=$?
  "$eq" "$@" -j 3 >"$o/j3" 2>&1; local r3=$?
  if [ "$r1" -eq 0 ] && [ "$r2" -eq 0 ] && [ "$r3" -eq 0 ] && [ -s "$o/j1" ] &&
     cmp -s "$o/j1" "$o/j2" && cmp -s "$o/j1" "$o/j3"; then pass=$((pass + 1)); else
    echo "FAIL $name: -j 1, 2, 3 differ or fail ($r1 $r2 $r3)"; fail=$((fail + 1))
    diff "$o/j1" "$o/j2" | head -5; fi
}
same_j report-jobs-toy report "$toy"
same_j report-jobs-correlated report "$ce" --sub correlated
same_j report-jobs-json report "$fx/game/chicken_square.game" --sub correlated --format json
same_j breakpoints-jobs breakpoints "$ce" --vary out
rm -rf "$o"
check report-jobs-bad 2 "" "-j needs a positive thread count" -- report "$toy" -j 0

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
