/*
** test_sensitivity.c -- breakpoints and sweeps (eq_model_breakpoints,
** eq_model_sweep, eq_point) on the shipped security models and on small
** models, against thresholds derived by hand from the payoff formulas.
**
** Each derivation is in the comment of its test.  Notation of the models
** (the .game files in models/): h = honour (x legal credibility under legal borders),
** backing = h x nato_cost (membership) or assure_honour x nato_cost
** (hybrid), hurt = fear x capability, r_war = r0 - war_cost - backing.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/logging.h>

#include "equilib.h"

#define NEAR 1e-9       /* breakpoints against closed forms, relative */

static eq_model *load(const char *file)
{
    eq_model *m = NULL;
    eq_diag d;
    char path[512];
    snprintf(path, sizeof path, "%s/game/%s", EQ_FIXTURES, file);
    cr_assert_eq(eq_model_read(&m, path, &d), EQ_OK, "%s", d.message);
    return m;
}

static eq_model *parse(const char *text)
{
    eq_model *m = NULL;
    eq_diag d;
    cr_assert_eq(eq_model_parse(&m, text, strlen(text), "t.game", &d), EQ_OK, "%s",
                 d.message);
    return m;
}

/* The breakpoints of param in file with the settings given ("NAME=V",
** NULL-terminated). */
static eq_breaks *breaks(eq_model *m, const char *param, const char *const *set)
{
    eq_analysis *a = NULL;
    eq_breaks *b = NULL;
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    for (int i = 0; set && set[i]; i++)
        cr_assert_eq(eq_analysis_set(a, set[i]), EQ_OK, "%s", eq_analysis_errmsg(a));
    cr_assert_eq(eq_model_breakpoints(a, param, &b), EQ_OK, "%s", eq_breaks_errmsg(b));
    for (int i = 0; i < eq_breaks_count(b); i++)
        cr_log_info("%s = %s (%s) [flags %u]: %s", param, eq_breaks_text(b, i),
                    eq_breaks_fraction(b, i) ? eq_breaks_fraction(b, i) : "-",
                    eq_breaks_flags(b, i), eq_breaks_what(b, i));
    eq_analysis_free(a);
    return b;
}

/* The breakpoint nearest want, checked against it to NEAR; returns its
** index. */
static int near(const eq_breaks *b, double want)
{
    int best = -1;
    for (int i = 0; i < eq_breaks_count(b); i++)
        if (best < 0 || fabs(eq_breaks_value(b, i) - want) < fabs(eq_breaks_value(b, best) - want))
            best = i;
    cr_assert(best >= 0, "no breakpoint at all (wanted %.17g)", want);
    cr_assert(fabs(eq_breaks_value(b, best) - want) <= NEAR * fabs(want),
              "breakpoint %.17g, wanted %.17g", eq_breaks_value(b, best), want);
    return best;
}

/* A rational breakpoint: the value, printed without noise. */
static void expect_text(const eq_breaks *b, double want, const char *text)
{
    int i = near(b, want);
    cr_expect_str_eq(eq_breaks_text(b, i), text);
    cr_expect_eq(eq_breaks_value(b, i), want, "%.17g is not the double of %s",
                 eq_breaks_value(b, i), text);
}

/* ---- the security models --------------------------------------------- */

/*
** Membership, admission during the war (timing=before).  After admission
** Russia weighs fighting on -- a war with NATO with probability h = 0.7:
** expected -war_cost - h nato_cost = -4 - 4.2 = -8.2 -- against a
** cease-fire with Ukraine a member, worth r0 = -block_value to it (in
** force every crisis is defused and every test deterred, so Russia gets
** r0 at every outcome).  It fights on when block_value > war_cost + h
** nato_cost = 8.2 = 41/5, and below that the West admits (its 1.5 in force
** against -6).
*/
Test(breakpoints, membership_block_value)
{
    eq_model *m = load("old_nato.game");
    const char *set[] = { "timing=before", NULL };
    eq_breaks *b = breaks(m, "block_value", set);
    cr_expect_eq(eq_breaks_count(b), 1);
    expect_text(b, 8.2, "8.2");
    cr_expect(eq_breaks_flags(b, 0) & EQ_BREAK_PROFILE);
    cr_expect_str_eq(eq_point_path(eq_breaks_segment(b, 1)),
                     "admission_now: West stay_out; outcome war_goes_on");
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** The same indifference solved for the other terms: Russia stops fighting
** once admitted when nato_cost > (block_value - war_cost) / h = 6 / 0.7 =
** 60/7, and when war_cost > block_value - h nato_cost = 5.8 = 29/5.  Off
** the path, in the restraint stage, Russia retaliates against strikes
** when war_cost + h nato_cost < face, that is war_cost < 6 - 4.2 = 9/5.
*/
Test(breakpoints, membership_nato_cost_and_war_cost)
{
    eq_model *m = load("old_nato.game");
    const char *set[] = { "timing=before", NULL };
    eq_breaks *b = breaks(m, "nato_cost", set);
    near(b, 60.0 / 7.0);
    eq_breaks_free(b);
    b = breaks(m, "war_cost", set);
    cr_expect_eq(eq_breaks_count(b), 2);
    expect_text(b, 1.8, "1.8");
    expect_text(b, 5.8, "5.8");
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** timing=before: if admitted, Russia fights on (10 > 8.2), so admitting
** means a war with NATO with probability h.  The West's value of admitting
** is admit_value - west_stake - h west_war_cost = 10 rt - 6 - 7 against
** -west_stake = -6 for staying out: it admits when risk_tolerance rt >
** 7/10.
*/
Test(breakpoints, membership_risk_tolerance)
{
    eq_model *m = load("old_nato.game");
    const char *set[] = { "timing=before", NULL };
    eq_breaks *b = breaks(m, "risk_tolerance", set);
    cr_expect_eq(eq_breaks_count(b), 1);
    expect_text(b, 0.7, "0.7");
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** timing=after: Russia's loss from membership is discounted over the
** wait, block_value e^(-rate delay); it keeps fighting while that exceeds
** war_cost.  So block_value = 4 e^0.1 = 4.42068..., and rate = ln(10/4) / 2
** = 0.458145... -- irrational, located to NEAR.
*/
Test(breakpoints, membership_after_irrational)
{
    eq_model *m = load("old_nato.game");
    eq_breaks *b = breaks(m, "block_value", NULL);
    cr_expect_eq(eq_breaks_count(b), 1);
    near(b, 4.0 * exp(0.1));
    cr_expect_null(eq_breaks_fraction(b, 0));
    eq_breaks_free(b);
    b = breaks(m, "rate", NULL);
    cr_expect_eq(eq_breaks_count(b), 1);
    near(b, log(2.5) / 2.0);
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** The hybrid, escalation stage (Russia x Ukraine) at the baseline: deep
** strikes pay Ukraine gain = (3 + 2) 0.6 - 1 = 2 > 0 whatever Russia does,
** so Ukraine strikes.  Russia then compares striking first, war_spiral:
** r_war - hurt/2 = -war_cost - backing - hurt/2, with waiting and
** absorbing the strikes (the restraint stage, where Russia absorbs as long
** as war_cost + backing > face): -hurt - face.  With hurt = 8 x 0.6 = 4.8
** and backing = 0.4 x 6 = 2.4, Russia strikes first when
**   war_cost < face + hurt/2 - backing = 6 + 2.4 - 2.4 = 6, and
**   face > war_cost + backing - hurt/2 = 4 + 2.4 - 2.4 = 4;
** and in the restraint stage it retaliates when war_cost < face - backing
** = 3.6 = 18/5, or face > war_cost + backing = 6.4 = 32/5.
*/
Test(breakpoints, hybrid_war_cost_and_face)
{
    eq_model *m = load("old_hybrid.game");
    eq_breaks *b = breaks(m, "war_cost", NULL);
    expect_text(b, 6.0, "6");
    expect_text(b, 3.6, "3.6");
    eq_breaks_free(b);
    b = breaks(m, "face", NULL);
    expect_text(b, 4.0, "4");
    expect_text(b, 6.4, "6.4");
    eq_breaks_free(b);
    eq_model_free(m);
}

/* An enumerated parameter: one segment per choice, no values. */
Test(breakpoints, enumerated)
{
    eq_model *m = load("old_nato.game");
    eq_breaks *b = breaks(m, "timing", NULL);
    cr_expect_eq(eq_breaks_count(b), 0);
    cr_assert_eq(eq_breaks_segments(b), 2);
    cr_expect_str_eq(eq_point_path(eq_breaks_segment(b, 0)),
                     "admission_now: West stay_out; outcome war_goes_on");
    cr_expect_str_eq(eq_point_path(eq_breaks_segment(b, 1)),
                     "ceasefire_first: Russia keep_fighting; outcome war_goes_on");
    eq_breaks_free(b);
    eq_model_free(m);
}

/* ---- small models ------------------------------------------------------ */

/*
** Two changes in one grid interval, and a part of the domain.  A moves
** first: out pays 0; in leads to B, who picks left (x - 1, 1) or right
** (2 - x, 2 - 2x)... B prefers left when 1 > 2 - 2x, x > 1/2; A then gets
** x - 1 or 2 - x.  A enters when its value exceeds 0: on the left branch
** x > 1, on the right x < 2.  So over [0, 3]: B switches at 1/2; A enters
** while x < 1/2 (2 - x > 0), stays out for 1/2 < x < 1 (x - 1 < 0), and
** enters again for x > 1.  With a grid of 2 intervals ([0, 1.5], [1.5,
** 3]) the changes at 1/2 and 1 share the first interval.
*/
static const char *two_changes =
    "players A B\n"
    "param x = 0.25 in [0, 3]\n"
    "node start: A chooses\n"
    "  out -> (0, 0)\n"
    "  in  -> b\n"
    "node b: B chooses\n"
    "  left  -> (x - 1, 1)\n"
    "  right -> (2 - x, 2 - 2 * x)\n";

Test(breakpoints, two_changes_in_one_interval)
{
    eq_model *m = parse(two_changes);
    eq_analysis *a = NULL;
    eq_breaks *b = NULL;
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    cr_assert_eq(eq_analysis_set_grid(a, 2), EQ_OK);
    cr_assert_eq(eq_model_breakpoints(a, "x", &b), EQ_OK, "%s", eq_breaks_errmsg(b));
    cr_assert_eq(eq_breaks_count(b), 2);
    cr_expect_str_eq(eq_breaks_text(b, 0), "0.5");
    cr_expect_str_eq(eq_breaks_text(b, 1), "1");
    cr_expect_eq(eq_breaks_segments(b), 3);
    cr_expect_str_eq(eq_point_path(eq_breaks_segment(b, 1)), "start: A out; outcome node 1");
    eq_breaks_free(b);
    /* x = 0.75 to 3 holds only the change at 1. */
    cr_assert_eq(eq_model_breakpoints(a, "x=0.75:3", &b), EQ_OK, "%s", eq_breaks_errmsg(b));
    cr_expect_eq(eq_breaks_count(b), 1);
    cr_expect_str_eq(eq_breaks_text(b, 0), "1");
    cr_expect_eq(eq_breaks_lo(b), 0.75);
    eq_breaks_free(b);
    eq_analysis_free(a);
    eq_model_free(m);
}

/*
** Chicken after an entry choice (tests/fixtures/game/chicken_*.game; the
** stage's equilibria are derived in tests/test_correlated_stages.c).  A
** stays out for `out` or plays chicken (dd 0,0; ds 7,2; sd 2,7; ss 6,6).
**   - Nash stages (the welfare-best Nash equilibrium of the stage is the
**     mixed one, each daring with probability 1/3: A gets 7 (2/3) = 14/3):
**     A enters while out < 14/3.  The stage mixes, so the breakpoint is
**     verified with the stage's indifference conditions as fractions.
**   - Correlated stages (the welfare-best correlated equilibrium puts 1/2
**     on ss and 1/4 on each of ds, sd: 5.25 each): A enters while
**     out < 21/4.
**   - With `bonus` added to each of A's stage payoffs (a constant added
**     to all of a player's cells moves neither the correlated equilibria
**     nor their welfare order): A's stage value is 5.25 + bonus.  bonus =
**     out/4 gives out = 7, exactly; bonus = out^2/100 gives
**     out = 50 - 5 sqrt(79), irrational, located on the stages' solutions
**     and flagged EQ_BREAK_BISECTION.
*/
static const char chicken_fmt[] =
    "game \"Chicken after entry\"\n"
    "players A B\n"
    "param out = 5 in [0, 10] \"A's payoff from staying out\"\n"
    "let bonus = %s\n"
    "node root: A chooses\n"
    "  out -> (out, 0)\n"
    "  in  -> chicken\n"
    "stage chicken: A x B\n"
    "          dare     swerve\n"
    "  dare    -> dd    -> ds\n"
    "  swerve  -> sd    -> ss\n"
    "node dd: (0 + bonus, 0)\n"
    "node ds: (7 + bonus, 2)\n"
    "node sd: (2 + bonus, 7)\n"
    "node ss: (6 + bonus, 6)\n";

/* The breakpoints of out in the chicken model with bonus, its stages
** solved by method sub (-1: the model's), on threads threads. */
static eq_breaks *chicken_breaks(const char *bonus, int sub, int threads, eq_model **mp)
{
    char text[1024];
    eq_analysis *a = NULL;
    eq_breaks *b = NULL;
    snprintf(text, sizeof text, chicken_fmt, bonus);
    *mp = parse(text);
    cr_assert_eq(eq_analysis_new(&a, *mp), EQ_OK);
    if (sub >= 0) {
        eq_tree_opts o;
        eq_tree_opts_init(&o);
        eq_model_equilibrium(*mp, &o);
        o.subgame_method = (eq_method)sub;
        cr_assert_eq(eq_analysis_set_tree_opts(a, &o), EQ_OK);
    }
    cr_assert_eq(eq_analysis_set_threads(a, threads), EQ_OK);
    cr_assert_eq(eq_model_breakpoints(a, "out", &b), EQ_OK, "%s", eq_breaks_errmsg(b));
    for (int i = 0; i < eq_breaks_count(b); i++)
        cr_log_info("out = %s (%s) [flags %u]: %s", eq_breaks_text(b, i),
                    eq_breaks_fraction(b, i) ? eq_breaks_fraction(b, i) : "-",
                    eq_breaks_flags(b, i), eq_breaks_what(b, i));
    eq_analysis_free(a);
    return b;
}

/* The breakpoint at want, exact: its text, its fraction, no bisection. */
static void expect_exact(const eq_breaks *b, double want, const char *text, const char *frac)
{
    int i = near(b, want);
    unsigned f = eq_breaks_flags(b, i);
    cr_expect_str_eq(eq_breaks_text(b, i), text);
    cr_expect(eq_breaks_fraction(b, i) != NULL && strcmp(eq_breaks_fraction(b, i), frac) == 0,
              "fraction %s, want %s", eq_breaks_fraction(b, i), frac);
    cr_expect(f & EQ_BREAK_EXACT, "flags %u lack EQ_BREAK_EXACT", f);
    cr_expect(!(f & EQ_BREAK_BISECTION), "flags %u have EQ_BREAK_BISECTION", f);
    cr_expect_eq(eq_breaks_error(b, i), 0.0);
}

Test(breakpoints, mixed_stage_fraction)
{
    eq_model *m;
    eq_breaks *b = chicken_breaks("0", -1, 1, &m);
    expect_exact(b, 14.0 / 3.0, "4.666666666666667", "14/3");
    eq_breaks_free(b);
    eq_model_free(m);
}

Test(breakpoints, correlated_stage_exact)
{
    eq_model *m;
    eq_breaks *b = chicken_breaks("0", EQ_METHOD_CORRELATED, 1, &m);
    cr_assert_eq(eq_breaks_count(b), 1);
    expect_exact(b, 5.25, "5.25", "21/4");
    eq_breaks_free(b);
    eq_model_free(m);
    /* The parameter inside the stage, linearly: 5.25 + out/4 = out. */
    b = chicken_breaks("out / 4", EQ_METHOD_CORRELATED, 2, &m);
    cr_assert_eq(eq_breaks_count(b), 1);
    expect_exact(b, 7.0, "7", "7");
    eq_breaks_free(b);
    eq_model_free(m);
}

Test(breakpoints, correlated_stage_nonlinear)
{
    eq_model *m;
    eq_breaks *b = chicken_breaks("out * out / 100", EQ_METHOD_CORRELATED, 1, &m);
    double want = 50.0 - 5.0 * sqrt(79.0);
    int i;
    cr_assert_eq(eq_breaks_count(b), 1);
    i = near(b, want);
    cr_expect(fabs(eq_breaks_value(b, i) - want) <= 1e-12 * want, "%.17g, want %.17g",
              eq_breaks_value(b, i), want);
    cr_expect(eq_breaks_flags(b, i) & EQ_BREAK_BISECTION);
    cr_expect(!(eq_breaks_flags(b, i) & EQ_BREAK_EXACT));
    cr_expect_null(eq_breaks_fraction(b, i));
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** A correlated stage's own switch: the stage is the whole game, chicken
** with temptation t = %s at (D,C) for A and (C,D) for B, (C,C) = (6, 6),
** (D,D) = (0, 0), sucker 2.  pi = (a, b, c, d) on (C,C), (C,D), (D,C),
** (D,D).  CE rows "told C, not D": a (6 - t) + 2b >= 0 and a (6 - t) + 2c
** >= 0; d only lowers the welfare, so d = 0 and the welfare is 12a +
** (2 + t)(b + c) = (2 + t) + (10 - t) a.
**   t <= 6: (C,C) is a Nash equilibrium, and a = 1 is best: pi = (1,0,0,0);
**   6 < t < 10: maximise a subject to b, c >= a (t - 6)/2 and a + b + c =
**     1: a = 1/(t - 5), support {CC, CD, DC};
**   t > 10: a = 0, welfare 2 + t at (C,D) or (D,C) (or between).
** So the stage's welfare-optimal CE moves at t = 6 (a basic probability,
** b = c, reaches 0: a primal crossing) and at t = 10 (the welfare of a
** tilts: a dual crossing).  With t = q + 1/7 these are q = 41/7 and
** 69/7; with t = exp(q), q = ln 6 and ln 10, which no fraction verifies.
** Before, both were located by bisection of the solver's outcome, and
** flagged so (4e-9 off on a similar model: GLPK's tolerance).
*/
static const char switch_fmt[] =
    "game \"chicken, temptation\"\n"
    "players A B\n"
    "param q = %s \"the temptation's parameter\"\n"
    "let t = %s\n"
    "equilibrium spe subgames correlated\n"
    "stage chicken: A x B\n"
    "          dare     swerve\n"
    "  dare    -> dd    -> ds\n"
    "  swerve  -> sd    -> ss\n"
    "node dd: (0, 0)\n"
    "node ds: (t, 2)\n"
    "node sd: (2, t)\n"
    "node ss: (6, 6)\n";

static eq_breaks *switch_breaks(const char *range, const char *t, eq_model **mp)
{
    char text[1024];
    snprintf(text, sizeof text, switch_fmt, range, t);
    *mp = parse(text);
    return breaks(*mp, "q", NULL);
}

Test(breakpoints, correlated_stage_own_switch)
{
    eq_model *m;
    eq_breaks *b = switch_breaks("8 in [5, 11]", "q + 1/7", &m);
    cr_assert_eq(eq_breaks_count(b), 2);
    expect_exact(b, 41.0 / 7.0, "5.857142857142857", "41/7");
    expect_exact(b, 69.0 / 7.0, "9.857142857142858", "69/7");
    eq_breaks_free(b);
    eq_model_free(m);
}

Test(breakpoints, correlated_stage_own_switch_irrational)
{
    eq_model *m;
    eq_breaks *b = switch_breaks("2 in [1.5, 2.5]", "exp(q)", &m);
    double want[2] = { log(6.0), log(10.0) };
    cr_assert_eq(eq_breaks_count(b), 2);
    for (int k = 0; k < 2; k++) {
        int i = near(b, want[k]);
        unsigned f = eq_breaks_flags(b, i);
        cr_expect(fabs(eq_breaks_value(b, i) - want[k]) <= 1e-12 * want[k], "%.17g, want %.17g",
                  eq_breaks_value(b, i), want[k]);
        cr_expect_null(eq_breaks_fraction(b, i), "fraction %s", eq_breaks_fraction(b, i));
        cr_expect(!(f & EQ_BREAK_EXACT), "flags %u", f);
        /* Located as the root of the basis condition, not bisected. */
        cr_expect(!(f & EQ_BREAK_BISECTION), "flags %u", f);
    }
    eq_breaks_free(b);
    eq_model_free(m);
}

/* ---- what "exact" may claim (issue 10) -------------------------------- */

/* The breakpoints of mu in the model text, the SPE count measured (as
** equilib breakpoints does). */
static eq_breaks *count_breaks(const char *text, eq_model **mp)
{
    eq_analysis *a = NULL;
    eq_breaks *b = NULL;
    *mp = parse(text);
    cr_assert_eq(eq_analysis_new(&a, *mp), EQ_OK);
    cr_assert_eq(eq_analysis_set_measures(a, EQ_MEASURE_COUNT), EQ_OK);
    cr_assert_eq(eq_model_breakpoints(a, "mu", &b), EQ_OK, "%s", eq_breaks_errmsg(b));
    for (int i = 0; i < eq_breaks_count(b); i++)
        cr_log_info("mu = %s (%s) [flags %u]: %s", eq_breaks_text(b, i),
                    eq_breaks_fraction(b, i) ? eq_breaks_fraction(b, i) : "-",
                    eq_breaks_flags(b, i), eq_breaks_what(b, i));
    eq_analysis_free(a);
    return b;
}

/* A one-decision model: U picks left or right, payoffs (L, 0) and (R, 0),
** mu = 0.5 in range; its breakpoints in mu, with the SPE count. */
static eq_breaks *pick_breaks(const char *left, const char *right, const char *range,
                              eq_model **mp)
{
    char text[1024];
    snprintf(text, sizeof text,
             "game \"pick\"\nplayers U R\nparam mu = 0.5 in %s\n"
             "node pick: U chooses\n  left -> (%s, 0)\n  right -> (%s, 0)\n",
             range, left, right);
    return count_breaks(text, mp);
}

/* The breakpoint near want: printed as text, which is want to the digits
** printed (checked to 1e-12), with no fraction and not flagged exact. */
static void expect_inexact(const eq_breaks *b, double want, const char *text)
{
    int i = near(b, want);
    unsigned f = eq_breaks_flags(b, i);
    cr_expect_str_eq(eq_breaks_text(b, i), text);
    cr_expect(fabs(eq_breaks_value(b, i) - want) <= 1e-12 * fmax(fabs(want), 1.0),
              "%.17g, want %.17g", eq_breaks_value(b, i), want);
    cr_expect_null(eq_breaks_fraction(b, i), "fraction %s for %.17g",
                   eq_breaks_fraction(b, i), want);
    cr_expect(!(f & EQ_BREAK_EXACT), "flags %u have EQ_BREAK_EXACT", f);
}

/*
** Constant arithmetic was folded in doubles, and the verifier reads a
** constant as its shortest decimal: 2 ^ 0.5 became 1.4142135623730951,
** so mu * 2 ^ 0.5 against 1.4142135623730951 verified as exactly 1,
** though the root is 1.4142135623730951 / sqrt 2 = 1 + 3.4e-17, not 1
** (it prints as 1).  Likewise (1 / 3, 0), folded by the expansion pass,
** against mu * 0.3333333333333333: the root is 1 / (3 x 0.333...3), not
** 1.  Unfolded, the power is declined and the division read as 1/3, so
** 1/3 = mu/3 (mu = 1) and 0.1 + 0.2 = mu (mu = 3/10) verify.
*/
Test(breakpoints, folded_constants_not_exact)
{
    eq_model *m;
    eq_breaks *b = pick_breaks("mu * 2 ^ 0.5", "1.4142135623730951", "[0, 2]", &m);
    cr_assert_eq(eq_breaks_count(b), 1);
    expect_inexact(b, 1.4142135623730951 / sqrt(2.0), "1");
    eq_breaks_free(b);
    eq_model_free(m);
    b = pick_breaks("1 / 3", "mu * 0.3333333333333333", "[0, 2]", &m);
    cr_assert_eq(eq_breaks_count(b), 1);
    expect_inexact(b, 1.0, "1");
    eq_breaks_free(b);
    eq_model_free(m);
    b = pick_breaks("1 / 3", "mu / 3", "[0, 2]", &m);
    cr_assert_eq(eq_breaks_count(b), 1);
    expect_exact(b, 1.0, "1", "1");
    eq_breaks_free(b);
    eq_model_free(m);
    b = pick_breaks("mu", "0.1 + 0.2", "[0, 2]", &m);
    cr_assert_eq(eq_breaks_count(b), 1);
    expect_exact(b, 0.3, "0.3", "3/10");
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** A uniform grid on 3 points: its masses 1/3 and points 1/6, 1/2, 5/6 were
** emitted as the doubles 0.3333333333333333, 0.16666666666666666, ...,
** which the verifier read as those decimals, so U's indifference between
** mu and the point t[k] (mu = 1/6, 1/2, 5/6) and between mu and the
** lottery 0, 1, 2 (mu = (0 + 1 + 2)/3 = 1) verified only where the
** decimal happened to be exact (1/2).  Emitted as divisions, all verify.
*/
Test(breakpoints, uniform_grid_exact)
{
    static const char points[] =
        "game \"g\"\nplayers U R\nparam mu = 0.05 in [0, 2]\n"
        "types t ~ uniform(0, 1) on 3 points\n"
        "node draw: chance t -> pick[t]\n"
        "node pick[k in 0..2]: U chooses\n  left -> (mu, 0)\n  right -> (t[k], 0)\n";
    static const char lottery[] =
        "game \"u\"\nplayers U R\nparam mu = 0.5 in [0, 2]\n"
        "types t ~ uniform(0, 1) on 3 points\n"
        "node pick: U chooses\n  left -> (mu, 0)\n  right -> draw\n"
        "node draw: chance t -> end[t]\n"
        "node end[k in 0..2]: (k, 0)\n";
    eq_model *m;
    eq_breaks *b = count_breaks(points, &m);
    cr_assert_eq(eq_breaks_count(b), 3);
    expect_exact(b, 1.0 / 6.0, "0.16666666666666666", "1/6");
    expect_exact(b, 0.5, "0.5", "1/2");
    expect_exact(b, 5.0 / 6.0, "0.8333333333333334", "5/6");
    eq_breaks_free(b);
    eq_model_free(m);
    b = count_breaks(lottery, &m);
    cr_assert_eq(eq_breaks_count(b), 1);
    expect_exact(b, 1.0, "1", "1");
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** Beta grids of integer shapes: each cell's mass was computed in doubles
** and read by the verifier as its decimal, so a lottery over the cells
** verified only where the decimals happened to be exact.  The cdf is a
** polynomial then (test_family.c, types_beta_integer_exact), the masses
** fractions, emitted as such.  By hand: U takes mu or the lottery paying
** v(k) on cell k, so the breakpoint is mu = sum_k w_k v(k).
**   beta(1, 2) on 3 points, masses 5/9, 3/9, 1/9, v = k:
**       3/9 + 2/9 = 5/9;
**   beta(2, 2) on 3 points, masses 7/27, 13/27, 7/27, v = k^2:
**       13/27 + 4 x 7/27 = 41/27;
**   beta(2, 5) on 10 points, v = k: sum_k k w_k = sum_{k=1}^{9} (1 -
**       I(k/10)), 1 - I(x) = (1-x)^6 + 6x(1-x)^5, = 2357475/10^6 =
**       94299/40000 (a short decimal: it verified before too).
*/
Test(breakpoints, beta_grid_exact)
{
    static const struct {
        const char *pq, *v;
        int n;
        double want;
        const char *text, *frac;
    } cases[] = {
        { "1, 2", "k", 3, 5.0 / 9.0, "0.5555555555555556", "5/9" },
        { "2, 2", "k * k", 3, 41.0 / 27.0, "1.5185185185185186", "41/27" },
        { "2, 5", "k", 10, 2.357475, "2.357475", "94299/40000" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char text[512];
        eq_model *m;
        eq_breaks *b;
        snprintf(text, sizeof text,
                 "game \"b\"\nplayers U R\nparam mu = 0.5 in [0, 10]\n"
                 "types t ~ beta(%s, 0, 1) on %d points\n"
                 "node pick: U chooses\n  left -> (mu, 0)\n  right -> draw\n"
                 "node draw: chance t -> end[t]\n"
                 "node end[k in 0..%d]: (%s, 0)\n", cases[c].pq, cases[c].n,
                 cases[c].n - 1, cases[c].v);
        b = count_breaks(text, &m);
        cr_assert_eq(eq_breaks_count(b), 1, "beta(%s)", cases[c].pq);
        expect_exact(b, cases[c].want, cases[c].text, cases[c].frac);
        eq_breaks_free(b);
        eq_model_free(m);
    }
}

/*
** Beta grids of other shapes: the masses are irrational in general, and
** the verifier must decline any condition that reads one.  The arcsine
** law beta(1/2, 1/2) has cdf (2/pi) asin(sqrt x); on 3 points cell 0
** weighs w0 = (2/pi) asin(1/sqrt 3) = 0.39182655203060723..., computed in
** doubles as 0.39182655203060712, whose decimal is 0.3918265520306071.
** U takes the lottery paying 1 on cell 0 (worth w0) or mu times that
** decimal: the breakpoint is w0 / 0.3918265520306071 = 1 + 3e-16, not 1;
** read as its decimal, the mass made it verify as exactly 1.  The
** lottery paying 1 on cell 1 is worth w1 = 1 - 2 w0 = 1 - (4/pi)
** asin(1/sqrt 3) = 0.216346895938785...: irrational, printed to its digits.
*/
Test(breakpoints, beta_grid_inexact)
{
    static const char trap[] =
        "game \"b\"\nplayers U R\nparam mu = 0.5 in [0, 2]\n"
        "types t ~ beta(0.5, 0.5, 0, 1) on 3 points\n"
        "node pick: U chooses\n  left -> draw\n  right -> (mu * 0.3918265520306071, 0)\n"
        "node draw: chance t -> end[t]\n"
        "node end[k in 0..2]: (if k == 0 then 1 else 0, 0)\n";
    static const char middle[] =
        "game \"b\"\nplayers U R\nparam mu = 0.5 in [0, 2]\n"
        "types t ~ beta(0.5, 0.5, 0, 1) on 3 points\n"
        "node pick: U chooses\n  left -> draw\n  right -> (mu, 0)\n"
        "node draw: chance t -> end[t]\n"
        "node end[k in 0..2]: (if k == 1 then 1 else 0, 0)\n";
    eq_model *m;
    eq_breaks *b = count_breaks(trap, &m);
    cr_assert_eq(eq_breaks_count(b), 1);
    expect_inexact(b, 1.0, "1");
    eq_breaks_free(b);
    eq_model_free(m);
    b = count_breaks(middle, &m);
    cr_assert_eq(eq_breaks_count(b), 1);
    expect_inexact(b, 1.0 - asin(1.0 / sqrt(3.0)) / atan(1.0), "0.2163468959388");
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** An SPE count that changes at the edge of a plateau: with left
** max(mu^2, 2) and right min(mu^2, 3), both actions pay mu^2 for mu in
** [sqrt 2, sqrt 3], so U has two equilibria there and one outside.  The
** deviation's gain is 0 on the whole stretch and never changes sign; it
** was handed to Brent with a zero end, landed inside the stretch 1e-8
** from sqrt 2 (the solver's tie tolerance), and the exact zero there
** "verified" 187075/132282.  The edges are sqrt 2 and sqrt 3, and ln 2
** and ln 3 with exp(mu) for mu^2.
*/
Test(breakpoints, plateau_edge_not_exact)
{
    eq_model *m;
    eq_breaks *b = pick_breaks("max(mu * mu, 2)", "min(mu * mu, 3)", "[0, 2]", &m);
    cr_assert_eq(eq_breaks_count(b), 2);
    expect_inexact(b, sqrt(2.0), "1.414213562373");
    expect_inexact(b, sqrt(3.0), "1.732050807569");
    eq_breaks_free(b);
    eq_model_free(m);
    b = pick_breaks("max(exp(mu), 2)", "min(exp(mu), 3)", "[0, 2]", &m);
    cr_assert_eq(eq_breaks_count(b), 2);
    expect_inexact(b, log(2.0), "0.69314718056");
    expect_inexact(b, log(3.0), "1.098612288668");
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** Attempts that did not break the verifier, kept as regressions: mu
** through exp in payoffs behind a type grid whose masses move with mu
** (normal, through normcdf), through a chance node of a grid whose points
** move with mu (uniform(0, mu): the lottery pays (mu/4 + 3 mu/4)/2 e^mu/2
** = mu e^mu / 4 against 1, so mu = W(4), Lambert's W), through a
** conditional under a `given` node, in a fractional power, and against
** beta masses computed in doubles (beta(1/2, 1/2) on 3 points: cell 2
** weighs (2/pi) asin(1/sqrt 3), the lottery k^2 pays 1 + (4/pi)
** asin(1/sqrt 3)).  (3 mu / 4)^mu = 1 at mu = 4/3, but with a fractional
** power on its way the verifier cannot know; 2^mu = 4 at mu = 2 is an
** integer power there and verifies.
*/
Test(breakpoints, irrational_never_exact)
{
    static const char *const models[] = {
        "game \"a\"\nplayers U R\nparam mu = 0.5 in [0, 2]\n"
        "types t ~ normal(mu, 1, -1, 3) on 3 points\n"
        "node draw: chance t -> pick[t]\n"
        "node pick[k in 0..2]: U chooses\n"
        "  left -> (exp(mu) + t[k], 0)\n  right -> (2 + t[k], 0)\n",
        "game \"b\"\nplayers U R\nparam mu = 0.5 in [0, 2]\n"
        "types t ~ uniform(0, mu) on 2 points\n"
        "node pick: U chooses\n  safe -> (1, 0)\n  risky -> draw\n"
        "node draw: chance t -> end[t]\n"
        "node end[k in 0..1]: (t[k] * exp(mu) / 2, 1)\n",
        "game \"c\"\nplayers U R\nparam mu = 0.5 in [0, 2]\n"
        "node first: R chooses\n  go -> pick\n  stop -> (0, 0)\n"
        "node pick: U chooses\n"
        "  left -> (if mu < 1 then exp(mu) else mu + 2, 1)\n  right -> (2, 1)\n"
        "given after_go = pick\n",
        "game \"h\"\nplayers U R\nparam mu = 0.5 in [0, 2]\n"
        "types t ~ beta(0.5, 0.5, 0, 1) on 3 points\n"
        "node pick: U chooses\n  left -> (mu, 0)\n  right -> draw\n"
        "node draw: chance t -> end[t]\n"
        "node end[k in 0..2]: (k * k, 0)\n",
        "game \"i\"\nplayers U R\nparam mu = 1 in [0.5, 2]\n"
        "types t ~ uniform(0, mu) on 2 points\n"
        "node pick: U chooses\n  left -> (t[1] ^ mu, 0)\n  right -> (1, 0)\n",
    };
    const double want[] = {
        log(2.0), 1.2021678731970429, log(2.0),
        1.0 + asin(1.0 / sqrt(3.0)) / atan(1.0), 4.0 / 3.0
    };
    static const char *const text[] = {
        "0.69314718056", "1.202167873197", "0.69314718056", "1.7836531040612",
        "1.3333333333333"
    };
    eq_model *m;
    eq_breaks *b;
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++) {
        b = count_breaks(models[i], &m);
        cr_expect_eq(eq_breaks_count(b), 1, "model %zu", i);
        expect_inexact(b, want[i], text[i]);
        eq_breaks_free(b);
        eq_model_free(m);
    }
    b = pick_breaks("2 ^ mu", "4", "[0, 3]", &m);
    cr_assert_eq(eq_breaks_count(b), 1);
    expect_exact(b, 2.0, "2", "2");
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** A tie at the baseline: at x = 1 A is indifferent between its two moves
** (x against 1), which the selection rule decides; the point says so.
*/
Test(points, tie_flag)
{
    eq_model *m = parse("players A B\nparam x = 1 in [0, 2]\n"
                        "node s: A chooses\n  a -> (x, 0)\n  b -> (1, 0)\n");
    eq_analysis *a = NULL;
    eq_point *pt = NULL;
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    cr_assert_eq(eq_point_new(&pt, m), EQ_OK);
    cr_assert_eq(eq_point_solve(pt, a, NULL), EQ_OK, "%s", eq_point_errmsg(pt));
    cr_expect(eq_point_flags(pt) & EQ_FLAG_TIE);
    cr_assert_eq(eq_point_notes(pt), 1);
    cr_expect(strstr(eq_point_note(pt, 0), "A at s is indifferent") != NULL, "%s",
              eq_point_note(pt, 0));
    cr_assert_eq(eq_analysis_set(a, "x=1.5"), EQ_OK);
    cr_assert_eq(eq_point_solve(pt, a, NULL), EQ_OK);
    cr_expect_eq(eq_point_flags(pt), 0u);
    cr_expect_str_eq(eq_point_path(pt), "s: A a; outcome node 1");
    cr_expect_eq(eq_point_payoff(pt, 0), 1.5);
    cr_expect_eq(eq_point_spe_count(pt), -1);
    eq_point_free(pt);
    eq_analysis_free(a);
    eq_model_free(m);
}

/* ---- sweeps ------------------------------------------------------------ */

typedef struct rows {
    char *text;
    size_t len, cap;
    long long n, last;
    int in_order;
} rows;

/* Every accessor of a row, printed to the last bit. */
static int take_row(void *ud, const eq_point *pt)
{
    rows *R = ud;
    char buf[4096];
    size_t k = 0;
    const eq_model *m = NULL;
    (void)m;
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%lld|%d|%s|%s|", eq_point_index(pt),
                          (int)eq_point_status(pt), eq_point_errmsg(pt), eq_point_path(pt));
    for (int i = 0; i < 64 && !isnan(eq_point_value(pt, i)); i++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%a,", eq_point_value(pt, i));
    for (int p = 0; p < 3; p++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%a,", eq_point_payoff(pt, p));
    for (int v = 0; v < eq_point_nodes(pt); v++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%a,", eq_point_reach(pt, v));
    k += (size_t)snprintf(buf + k, sizeof buf - k, "|%d|%a|%u|", eq_point_spe_count(pt),
                          eq_point_regret(pt), eq_point_flags(pt));
    for (int i = 0; i < eq_point_notes(pt); i++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s;", eq_point_note(pt, i));
    buf[k < sizeof buf - 1 ? k : sizeof buf - 2] = '\n';
    k = k < sizeof buf - 1 ? k + 1 : sizeof buf - 1;
    if (R->len + k + 1 > R->cap) {
        R->cap = 2 * (R->len + k + 1);
        R->text = realloc(R->text, R->cap);
        cr_assert_not_null(R->text);
    }
    memcpy(R->text + R->len, buf, k);
    R->len += k;
    R->text[R->len] = '\0';
    if (R->n > 0 && eq_point_index(pt) != R->last + 1)
        R->in_order = 0;
    R->last = eq_point_index(pt);
    R->n++;
    return 0;
}

static rows sweep(eq_analysis *a, int threads)
{
    rows R;
    memset(&R, 0, sizeof R);
    R.in_order = 1;
    cr_assert_eq(eq_analysis_set_threads(a, threads), EQ_OK);
    cr_assert_eq(eq_model_sweep(a, take_row, &R), EQ_OK, "%s", eq_analysis_errmsg(a));
    return R;
}

/* Byte-identical rows for 1, 2 and 3 threads, in grid order: a 3-D grid
** over two numbers and a named choice, with SPE counts. */
Test(sweep, same_rows_whatever_the_threads)
{
    eq_model *m = load("old_nato.game");
    eq_analysis *a = NULL;
    rows r1, r2, r3;
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    cr_assert_eq(eq_analysis_vary(a, "timing"), EQ_OK);
    cr_assert_eq(eq_analysis_vary(a, "block_value=0:30:41"), EQ_OK);
    cr_assert_eq(eq_analysis_vary(a, "honour=0,0.35,0.7,1"), EQ_OK);
    cr_assert_eq(eq_analysis_set_measures(a, EQ_MEASURE_COUNT), EQ_OK);
    cr_assert_eq(eq_analysis_points(a), 2 * 41 * 4);
    r1 = sweep(a, 1);
    r2 = sweep(a, 2);
    r3 = sweep(a, 3);
    cr_expect_eq(r1.n, 328);
    cr_expect(r1.in_order && r2.in_order && r3.in_order);
    cr_expect(r1.len == r2.len && memcmp(r1.text, r2.text, r1.len) == 0,
              "rows differ between 1 and 2 threads");
    cr_expect(r1.len == r3.len && memcmp(r1.text, r3.text, r1.len) == 0,
              "rows differ between 1 and 3 threads");
    /* A shard of the grid gives the same rows as that part of the whole. */
    {
        rows rs;
        char *at;
        cr_assert_eq(eq_analysis_set_range(a, 100, 150), EQ_OK);
        rs = sweep(a, 2);
        cr_expect_eq(rs.n, 50);
        at = strstr(r1.text, "\n100|");
        cr_assert_not_null(at);
        cr_expect(memcmp(at + 1, rs.text, rs.len) == 0, "the shard's rows differ");
        free(rs.text);
    }
    free(r1.text);
    free(r2.text);
    free(r3.text);
    eq_analysis_free(a);
    eq_model_free(m);
}

/* The grid: the first axis slowest, values LO + (HI - LO) i / (N - 1). */
typedef struct grid_check {
    int ok, n;
} grid_check;

static int check_grid(void *ud, const eq_point *pt)
{
    grid_check *g = ud;
    long long i = eq_point_index(pt);
    double tim = eq_point_value(pt, 0), bv = eq_point_value(pt, 3);
    double want_t = (double)(i / 5), want_b = 7.5 * (double)(i % 5);
    if (tim != want_t || bv != want_b)
        g->ok = 0;
    g->n++;
    return g->n == 7;   /* stop after 7 rows */
}

Test(sweep, grid_order_and_stop)
{
    eq_model *m = load("old_nato.game");
    eq_analysis *a = NULL;
    grid_check g = { 1, 0 };
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    cr_assert_eq(eq_model_param_index(m, "timing"), 0);
    cr_assert_eq(eq_model_param_index(m, "block_value"), 3);
    cr_assert_eq(eq_analysis_vary(a, "timing=before,after"), EQ_OK);
    cr_assert_eq(eq_analysis_vary(a, "block_value=0:30:5"), EQ_OK);
    cr_assert_eq(eq_analysis_set_threads(a, 2), EQ_OK);
    cr_expect_eq(eq_model_sweep(a, check_grid, &g), EQ_ERR_STOPPED);
    cr_expect(g.ok);
    cr_expect_eq(g.n, 7);
    eq_analysis_free(a);
    eq_model_free(m);
}

/*
** A 2-D sweep's regime boundaries agree with breakpoints along each axis:
** membership before a cease-fire over block_value x war_cost, where the
** regime changes on the line block_value = war_cost + 4.2 (see
** membership_block_value).  Along every row and column of the grid, the
** path changes between two neighbours exactly when a breakpoint of the
** varying parameter (the other fixed at the row's value) lies between
** them.
*/
typedef struct grid2 {
    char path[60][40][128];
} grid2;

static int keep_path(void *ud, const eq_point *pt)
{
    grid2 *G = ud;
    long long i = eq_point_index(pt);
    snprintf(G->path[i / 40][i % 40], sizeof G->path[0][0], "%s", eq_point_path(pt));
    return 0;
}

Test(sweep, regimes_agree_with_breakpoints)
{
    eq_model *m = load("old_nato.game");
    eq_analysis *a = NULL;
    grid2 *G = calloc(1, sizeof *G);
    double bv[60], wc[40];
    cr_assert_not_null(G);
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    cr_assert_eq(eq_analysis_set(a, "timing=before"), EQ_OK);
    cr_assert_eq(eq_analysis_vary(a, "block_value=0.05:29.55:60"), EQ_OK);
    cr_assert_eq(eq_analysis_vary(a, "war_cost=0.03:19.53:40"), EQ_OK);
    for (int i = 0; i < 60; i++)
        bv[i] = eq_analysis_axis_value(a, 0, i);
    for (int j = 0; j < 40; j++)
        wc[j] = eq_analysis_axis_value(a, 1, j);
    cr_assert_eq(eq_analysis_set_threads(a, 2), EQ_OK);
    cr_assert_eq(eq_model_sweep(a, keep_path, G), EQ_OK, "%s", eq_analysis_errmsg(a));
    /* Along block_value, for a few war_cost columns; along war_cost for a
    ** few block_value rows. */
    for (int axis = 0; axis < 2; axis++)
        for (int fixed = 3; fixed < (axis ? 60 : 40); fixed += 9) {
            eq_analysis *b1 = NULL;
            eq_breaks *b = NULL;
            char set[64];
            int n = axis ? 40 : 60;
            cr_assert_eq(eq_analysis_new(&b1, m), EQ_OK);
            cr_assert_eq(eq_analysis_set(b1, "timing=before"), EQ_OK);
            snprintf(set, sizeof set, "%s=%.17g", axis ? "block_value" : "war_cost",
                     axis ? bv[fixed] : wc[fixed]);
            cr_assert_eq(eq_analysis_set(b1, set), EQ_OK);
            cr_assert_eq(eq_model_breakpoints(b1, axis ? "war_cost" : "block_value", &b),
                         EQ_OK, "%s", eq_breaks_errmsg(b));
            for (int i = 0; i + 1 < n; i++) {
                double lo = axis ? wc[i] : bv[i], hi = axis ? wc[i + 1] : bv[i + 1];
                const char *p = axis ? G->path[fixed][i] : G->path[i][fixed];
                const char *q = axis ? G->path[fixed][i + 1] : G->path[i + 1][fixed];
                int between = 0, changes = strcmp(p, q) != 0;
                for (int k = 0; k < eq_breaks_count(b); k++) {
                    double x = eq_breaks_value(b, k);
                    const eq_point *s0 = eq_breaks_segment(b, k), *s1 = eq_breaks_segment(b, k + 1);
                    /* Only the breakpoints where the path changes. */
                    if (x > lo && x < hi && strcmp(eq_point_path(s0), eq_point_path(s1)) != 0)
                        between = 1;
                }
                cr_expect_eq(changes, between, "%s = %s, between %g and %g: path %s, "
                             "breakpoint %s", axis ? "war_cost" : "block_value", set, lo, hi,
                             changes ? "changes" : "stays", between ? "found" : "none");
            }
            eq_breaks_free(b);
            eq_analysis_free(b1);
        }
    free(G);
    eq_analysis_free(a);
    eq_model_free(m);
}

/* ---- errors ------------------------------------------------------------ */

Test(errors, settings)
{
    eq_model *m = load("old_nato.game");
    eq_analysis *a = NULL;
    eq_breaks *b = NULL;
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    cr_expect_eq(eq_analysis_set(a, "honor=0.5"), EQ_ERR_ARG);
    cr_expect(strstr(eq_analysis_errmsg(a), "unknown parameter 'honor'") != NULL, "%s",
              eq_analysis_errmsg(a));
    cr_expect_eq(eq_analysis_set(a, "honour=1.5"), EQ_ERR_ARG);
    cr_expect(strstr(eq_analysis_errmsg(a), "outside the domain [0, 1]") != NULL, "%s",
              eq_analysis_errmsg(a));
    cr_expect_eq(eq_analysis_vary(a, "honour=0:1:1"), EQ_ERR_ARG);
    cr_expect(strstr(eq_analysis_errmsg(a), "2 to 100000000 values, not 1") != NULL, "%s",
              eq_analysis_errmsg(a));
    cr_expect_eq(eq_analysis_vary(a, "honour=0:2:5"), EQ_ERR_ARG);
    cr_expect(strstr(eq_analysis_errmsg(a), "outside the domain") != NULL, "%s",
              eq_analysis_errmsg(a));
    cr_expect_eq(eq_analysis_vary(a, "honour=1:0:5"), EQ_ERR_ARG);
    cr_expect_eq(eq_analysis_vary(a, "honour=0:1"), EQ_ERR_ARG);
    cr_expect(strstr(eq_analysis_errmsg(a), "LO:HI:N") != NULL, "%s", eq_analysis_errmsg(a));
    cr_expect_eq(eq_analysis_vary(a, "honour"), EQ_ERR_ARG);
    cr_expect_eq(eq_analysis_vary(a, "timing=during"), EQ_ERR_ARG);
    cr_expect(strstr(eq_analysis_errmsg(a), "not a choice") != NULL, "%s",
              eq_analysis_errmsg(a));
    cr_expect_eq(eq_analysis_vary(a, "timing=0:1:2"), EQ_ERR_ARG);
    cr_expect_eq(eq_analysis_vary(a, "honour=0:1:3"), EQ_OK);
    cr_expect_eq(eq_analysis_vary(a, "honour=0.5"), EQ_ERR_ARG);
    cr_expect(strstr(eq_analysis_errmsg(a), "varied twice") != NULL, "%s",
              eq_analysis_errmsg(a));
    cr_expect_eq(eq_analysis_set_range(a, 2, 9), EQ_ERR_ARG);
    cr_expect_eq(eq_analysis_set_threads(a, -1), EQ_ERR_ARG);
    cr_expect_eq(eq_analysis_set_grid(a, 1), EQ_ERR_ARG);
    cr_expect_eq(eq_analysis_set_measures(a, 64), EQ_ERR_ARG);
    cr_expect_eq(eq_model_sweep(a, NULL, NULL), EQ_ERR_ARG);

    cr_expect_eq(eq_model_breakpoints(a, "nope", &b), EQ_ERR_ARG);
    cr_expect(strstr(eq_breaks_errmsg(b), "unknown parameter 'nope'") != NULL);
    eq_breaks_free(b);
    cr_expect_eq(eq_model_breakpoints(a, "honour=0.5:1.5", &b), EQ_ERR_ARG);
    cr_expect(strstr(eq_breaks_errmsg(b), "outside the domain") != NULL, "%s",
              eq_breaks_errmsg(b));
    eq_breaks_free(b);
    cr_expect_eq(eq_model_breakpoints(a, "honour=0.5:0.5", &b), EQ_ERR_ARG);
    eq_breaks_free(b);
    cr_expect_eq(eq_model_breakpoints(a, "timing=0:1", &b), EQ_ERR_ARG);
    eq_breaks_free(b);
    eq_analysis_free(a);
    eq_model_free(m);
}

/* A point that cannot be instantiated fails with the model's message, and
** a sweep passes it on and goes on. */
static int count_failed(void *ud, const eq_point *pt)
{
    int *n = ud;
    if (eq_point_status(pt) != EQ_OK) {
        cr_expect(strstr(eq_point_errmsg(pt), "outside [0, 1]") != NULL, "%s",
                  eq_point_errmsg(pt));
        (*n)++;
    }
    return 0;
}

Test(errors, failing_points)
{
    eq_model *m = parse("players A B\nparam x = 0.5 in [0, 2]\n"
                        "node s: chance\n  l (x) -> (1, 0)\n  r (1 - x) -> (0, 1)\n");
    eq_analysis *a = NULL;
    eq_breaks *b = NULL;
    int failed = 0;
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    cr_assert_eq(eq_analysis_vary(a, "x=0:2:9"), EQ_OK);
    cr_assert_eq(eq_model_sweep(a, count_failed, &failed), EQ_OK);
    cr_expect_eq(failed, 4);     /* 1.25, 1.5, 1.75, 2 */
    /* Breakpoints: at 0 the move l has probability 0 (at the bound); at 1
    ** the move r has probability 0, and beyond it instantiation fails. */
    cr_assert_eq(eq_model_breakpoints(a, "x", &b), EQ_OK, "%s", eq_breaks_errmsg(b));
    cr_assert_eq(eq_breaks_count(b), 2);
    cr_expect_eq(eq_breaks_value(b, 0), 0.0);
    cr_expect_eq(eq_breaks_flags(b, 0) & (EQ_BREAK_BOUND | EQ_BREAK_CHANCE),
                 EQ_BREAK_BOUND | EQ_BREAK_CHANCE);
    cr_expect_eq(eq_breaks_value(b, 1), 1.0);
    cr_expect(eq_breaks_flags(b, 1) & EQ_BREAK_POINT);
    cr_expect_str_eq(eq_point_path(eq_breaks_at(b, 1)), "outcome node 1");
    cr_expect_eq(eq_point_status(eq_breaks_segment(b, 2)), EQ_ERR_ARG);
    eq_breaks_free(b);
    eq_analysis_free(a);
    eq_model_free(m);
}

/*
** A point solves spe through a prepared fast path (spefast.c) that must
** give eq_tree_solve's results to the last bit: compared on random points
** of the three security models (each parameter at its default, a bound,
** a grid value or a uniform value; named choices at random).
*/
Test(points, fast_path_matches_eq_tree_solve)
{
    const char *files[] = { "old_nato.game", "old_israel.game",
                            "old_hybrid.game" };
    unsigned long long s = 88172645463325252ull;
    int compared = 0;
    for (int f = 0; f < 3; f++) {
        eq_model *m = load(files[f]);
        eq_analysis *a = NULL;
        eq_point *pt = NULL;
        eq_tree *t = NULL;
        eq_tree_opts o;
        eq_diag d;
        int np = eq_model_params(m);
        double *v = calloc((size_t)np, sizeof *v);
        cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
        cr_assert_eq(eq_point_new(&pt, m), EQ_OK);
        eq_tree_opts_init(&o);
        eq_model_equilibrium(m, &o);
        for (int it = 0; it < 400; it++) {
            eq_tree_result *r = NULL;
            const eq_tree_result *q;
            eq_status s1, s2;
            eq_model_defaults(m, v);
            for (int k = 0; k < np; k++) {
                double u, lo = eq_model_param_lo(m, k), hi = eq_model_param_hi(m, k);
                s ^= s << 13; s ^= s >> 7; s ^= s << 17;
                u = (double)(s >> 11) * 0x1.0p-53;
                if (u < 0.5)
                    continue;
                if (eq_model_param_is_enum(m, k))
                    v[k] = u < 0.75 ? 0 : eq_model_param_choices(m, k) - 1;
                else if (u < 0.6)
                    v[k] = lo;
                else if (u < 0.7)
                    v[k] = hi;
                else if (u < 0.85)
                    v[k] = lo + (hi - lo) * (double)(int)((u - 0.7) * 133) / 20.0;
                else
                    v[k] = lo + (hi - lo) * (u - 0.85) / 0.15;
            }
            s1 = eq_point_solve(pt, a, v);
            s2 = eq_model_instantiate(m, v, &t, &d);
            cr_assert_eq(s1, s2);
            if (s1 != EQ_OK)
                continue;
            cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK);
            q = eq_point_result(pt);
            cr_assert_eq(eq_tree_result_count(q), eq_tree_result_count(r));
            cr_assert_str_eq(eq_tree_result_selection(q), eq_tree_result_selection(r));
            if (eq_tree_result_count(r) > 0) {
                for (int h = 0; h < eq_tree_infosets(t); h++)
                    cr_assert(memcmp(eq_tree_result_behaviour(q, 0, h),
                                     eq_tree_result_behaviour(r, 0, h),
                                     (size_t)eq_tree_infoset_actions(t, h) * sizeof(double)) == 0);
                for (int x = 0; x < eq_tree_nodes(t); x++)
                    cr_assert(eq_tree_result_reach(q, 0, x) == eq_tree_result_reach(r, 0, x));
                for (int p = 0; p < 3; p++)
                    cr_assert(eq_tree_result_payoff(q, 0, p) == eq_tree_result_payoff(r, 0, p));
                cr_assert(eq_tree_result_regret(q, 0) == eq_tree_result_regret(r, 0));
            }
            compared++;
            eq_tree_result_free(r);
        }
        free(v);
        eq_tree_free(t);
        eq_point_free(pt);
        eq_analysis_free(a);
        eq_model_free(m);
    }
    cr_expect(compared > 1000);
}
