/*
** test_stage_breaks.c -- eq_model_breakpoints on correlated stages that
** are proper subgames (issue 10): a stage below a decision node, a stage
** above a nested subgame whose value moves with the parameter, and a
** decision above such a stage that switches when the stage's value
** crosses its outside option.  Every switch point is derived by hand
** below; each must be located exactly (its fraction verified in
** rationals), not bisected.
**
** The stage in all three is chicken between A and B, played by the
** welfare-best correlated equilibrium of the stage (the model's rule).
** Write C for swerve, D for dare; pi = (a, b, c, d) on (C,C), (C,D),
** (D,C), (D,D), where (C,D) pays (2, T), (D,C) pays (T, 2), (D,D) pays
** (0, 0) and (C,C) pays (s, s).  A told C must not gain by daring:
** a (s - T) + 2b >= 0; B likewise a (s - T) + 2c >= 0; A told D must not
** gain by swerving: c (T - s) - 2d >= 0, and B likewise, which hold with
** d = 0 whenever s <= T.  d only lowers the welfare, so d = 0; the welfare is
**   2s a + (2 + T)(b + c) = (2 + T) + (2s - 2 - T) a.
**   - s >= T: (C,C) is a Nash equilibrium and a = 1 is best;
**   - s < T and 2s > 2 + T: maximise a subject to b, c >= a (T - s)/2,
**     a + b + c = 1: a = 1/(1 + T - s), b = c;
**   - 2s < 2 + T: a = 0, welfare 2 + T on (C,D) and (D,C).
** So the stage's optimum moves at s = T (b = c reach 0: a basic
** probability crosses) and at 2s = 2 + T (the objective's slope in a
** changes sign: a reduced cost crosses).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/logging.h>

#include "equilib.h"

#define NEAR 1e-9       /* breakpoints against closed forms, relative */

static eq_model *parse(const char *text)
{
    eq_model *m = NULL;
    eq_diag d;
    cr_assert_eq(eq_model_parse(&m, text, strlen(text), "t.game", &d), EQ_OK, "%s",
                 d.message);
    return m;
}

/* The breakpoints of q over its range on threads threads, logged. */
static eq_breaks *breaks_on(const char *text, int threads, eq_model **mp)
{
    eq_analysis *a = NULL;
    eq_breaks *b = NULL;
    *mp = parse(text);
    cr_assert_eq(eq_analysis_new(&a, *mp), EQ_OK);
    cr_assert_eq(eq_analysis_set_threads(a, threads), EQ_OK);
    cr_assert_eq(eq_model_breakpoints(a, "q", &b), EQ_OK, "%s", eq_breaks_errmsg(b));
    for (int i = 0; i < eq_breaks_count(b); i++)
        cr_log_info("q = %s (%s) [flags %u]: %s", eq_breaks_text(b, i),
                    eq_breaks_fraction(b, i) ? eq_breaks_fraction(b, i) : "-",
                    eq_breaks_flags(b, i), eq_breaks_what(b, i));
    eq_analysis_free(a);
    return b;
}

static eq_breaks *breaks(const char *text, eq_model **mp)
{
    return breaks_on(text, 1, mp);
}

/* Breakpoint i at want to NEAR, exact: its fraction, no bisection. */
static void expect_exact(const eq_breaks *b, int i, double want, const char *frac)
{
    unsigned f = eq_breaks_flags(b, i);
    cr_expect(fabs(eq_breaks_value(b, i) - want) <= NEAR * fabs(want),
              "breakpoint %d at %.17g, want %.17g", i, eq_breaks_value(b, i), want);
    cr_expect(eq_breaks_fraction(b, i) != NULL && strcmp(eq_breaks_fraction(b, i), frac) == 0,
              "breakpoint %d: fraction %s, want %s", i, eq_breaks_fraction(b, i), frac);
    cr_expect(f & EQ_BREAK_EXACT, "breakpoint %d: flags %u lack EQ_BREAK_EXACT", i, f);
    cr_expect(!(f & EQ_BREAK_BISECTION), "breakpoint %d: flags %u have EQ_BREAK_BISECTION",
              i, f);
    cr_expect_eq(eq_breaks_value(b, i), want, "breakpoint %d: %.17g is not the double of %s",
                 i, eq_breaks_value(b, i), frac);
}

/*
** (a) The stage below a decision node.  A first chooses out, (1, 1), or
** in, the chicken stage with T = q + 1/7 and s = 6.  In the stage A gets
** at least 2 in every correlated equilibrium above (a payoff of 2, T, 6
** or a mixture of them with T > 5), so A always enters and the decision
** never changes.  The stage's own switches, from the header: s = T gives
** q = 6 - 1/7 = 41/7; 2s = 2 + T gives T = 10, q = 69/7.
*/
static const char below_decision[] =
    "game \"chicken after an outside option\"\n"
    "players A B\n"
    "param q = 8 in [5, 11] \"the temptation's parameter\"\n"
    "let t = q + 1/7\n"
    "equilibrium spe subgames correlated\n"
    "node root: A chooses\n"
    "  out -> (1, 1)\n"
    "  in  -> chicken\n"
    "stage chicken: A x B\n"
    "          dare     swerve\n"
    "  dare    -> dd    -> ds\n"
    "  swerve  -> sd    -> ss\n"
    "node dd: (0, 0)\n"
    "node ds: (t, 2)\n"
    "node sd: (2, t)\n"
    "node ss: (6, 6)\n";

Test(stage_breaks, stage_below_a_decision)
{
    eq_model *m;
    eq_breaks *b = breaks(below_decision, &m);
    cr_assert_eq(eq_breaks_count(b), 2);
    expect_exact(b, 0, 41.0 / 7.0, "41/7");
    expect_exact(b, 1, 69.0 / 7.0, "69/7");
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** (b) The stage above a nested subgame.  T = 7 is fixed; both swerving
** leads to a nested subgame where B chooses share, (v, v) with
** v = q + 1/7, or walk, (0, 0).  For q > 0 B shares, so the nested
** subgame's equilibrium never changes on the range, and the stage sees
** s = v at (C,C): a continuation value that moves with q.  The stage's
** switches, from the header with T = 7: 2s = 2 + 7 gives v = 9/2,
** q = 9/2 - 1/7 = 61/14; s = T gives v = 7, q = 48/7.
*/
static const char nested_fmt[] =
    "game \"chicken with a bargain after both swerve\"\n"
    "players A B\n"
    "param q = %s \"the bargain's parameter\"\n"
    "let v = %s\n"
    "equilibrium spe subgames correlated\n"
    "%s"
    "stage chicken: A x B\n"
    "          dare     swerve\n"
    "  dare    -> dd    -> ds\n"
    "  swerve  -> sd    -> ss\n"
    "node dd: (0, 0)\n"
    "node ds: (7, 2)\n"
    "node sd: (2, 7)\n"
    "node ss: B chooses\n"
    "  share -> (v, v)\n"
    "  walk  -> (0, 0)\n";

Test(stage_breaks, stage_above_a_nested_subgame)
{
    char text[2048];
    eq_model *m;
    eq_breaks *b;
    snprintf(text, sizeof text, nested_fmt, "6 in [4, 8]", "q + 1/7", "");
    b = breaks(text, &m);
    cr_assert_eq(eq_breaks_count(b), 2);
    expect_exact(b, 0, 61.0 / 14.0, "61/14");
    expect_exact(b, 1, 48.0 / 7.0, "48/7");
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** (c) A decision above the stage of (b), switching because the stage's
** value crosses the outside option.  A chooses out, (11/2, 0), or in.
** On 9/2 < v < 7 the stage plays a = 1/(8 - v), b = c = a (7 - v)/2, and
** A's value is v a + 2b + 7c = a (v + 9 (7 - v)/2) = (63 - 7v)/(2 (8 - v)),
** which rises from 9/2 to 7 there.  It equals 11/2 where
** 63 - 7v = 88 - 11v, v = 25/4, q = 25/4 - 1/7 = 171/28: A enters above.
** For v >= 7 A gets v > 11/2.  On q in [5, 8] (v from 36/7 to 57/7) the
** breakpoints are A's decision at 171/28 and the stage's switch at 48/7.
** The decision's condition holds the stage's value as solved at each
** point (it moves with q).
*/
Test(stage_breaks, decision_above_a_moving_stage)
{
    char text[2048];
    eq_model *m;
    eq_breaks *b;
    snprintf(text, sizeof text, nested_fmt, "6 in [5, 8]", "q + 1/7",
             "node root: A chooses\n"
             "  out -> (11/2, 0)\n"
             "  in  -> chicken\n");
    b = breaks(text, &m);
    cr_assert_eq(eq_breaks_count(b), 2);
    expect_exact(b, 0, 171.0 / 28.0, "171/28");
    expect_exact(b, 1, 48.0 / 7.0, "48/7");
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** (b) with v = exp(q) on q in [1, 2.5]: the same switches at v = 9/2 and
** v = 7, so q = ln(9/2) and ln 7, which no fraction verifies.  They are
** still roots of the stage's basis condition (Brent on the margin, the
** nested value exp(q) recomputed at each point), not bisected.
*/
Test(stage_breaks, stage_above_a_nested_subgame_irrational)
{
    char text[2048];
    eq_model *m;
    eq_breaks *b;
    double want[2] = { log(4.5), log(7.0) };
    snprintf(text, sizeof text, nested_fmt, "2 in [1, 2.5]", "exp(q)", "");
    b = breaks(text, &m);
    cr_assert_eq(eq_breaks_count(b), 2);
    for (int i = 0; i < 2; i++) {
        unsigned f = eq_breaks_flags(b, i);
        cr_expect(fabs(eq_breaks_value(b, i) - want[i]) <= 1e-12 * want[i],
                  "breakpoint %d at %.17g, want %.17g", i, eq_breaks_value(b, i), want[i]);
        cr_expect_null(eq_breaks_fraction(b, i), "fraction %s", eq_breaks_fraction(b, i));
        cr_expect(!(f & EQ_BREAK_EXACT), "breakpoint %d: flags %u", i, f);
        cr_expect(!(f & EQ_BREAK_BISECTION), "breakpoint %d: flags %u", i, f);
    }
    eq_breaks_free(b);
    eq_model_free(m);
}

/*
** The stage above a nested correlated stage.  Both swerving in the outer
** chicken (T = q + 1/7) leads to a second chicken, `again`, with the
** fixed payoffs (0,0), (7,2), (2,7), (6,6): from the header with T = 7,
** s = 6, its welfare-best correlated equilibrium is a = 1/2, b = c = 1/4,
** worth 6/2 + (2 + 7)/4 = 21/4 to each, whatever q.  The outer stage sees
** s = 21/4 at (C,C): it switches at s = T, q = 21/4 - 1/7 = 143/28, and
** at 2s = 2 + T, T = 17/2, q = 117/14.  The nested stage's distribution
** (three recommendations) is held, its numbers not moving with q.
**
** With `bonus` added to every payoff of both players in `again` (which
** moves neither its correlated equilibria nor their welfare order), its
** value is 21/4 + bonus.  With outer T = 7 and bonus = q: s = 21/4 + q,
** switches at s = 9/2, q = -3/4, and s = 7, q = 7/4.  There the nested
** stage's numbers move with q, so its value is taken from the play solved
** at each point (holding one side's would be right here only because the
** bonus leaves the distribution alone); at the fraction the solved
** distribution (1/2, 1/4, 1/4) read exactly gives the margin exactly 0.
*/
static const char twice_fmt[] =
    "game \"chicken, then chicken again if both swerve\"\n"
    "players A B\n"
    "param q = %s \"the parameter\"\n"
    "let t = %s\n"
    "let bonus = %s\n"
    "equilibrium spe subgames correlated\n"
    "stage chicken: A x B\n"
    "          dare     swerve\n"
    "  dare    -> dd    -> ds\n"
    "  swerve  -> sd    -> again\n"
    "node dd: (0, 0)\n"
    "node ds: (t, 2)\n"
    "node sd: (2, t)\n"
    "stage again: A x B\n"
    "          dare     swerve\n"
    "  dare    -> dd2   -> ds2\n"
    "  swerve  -> sd2   -> ss2\n"
    "node dd2: (bonus, bonus)\n"
    "node ds2: (7 + bonus, 2 + bonus)\n"
    "node sd2: (2 + bonus, 7 + bonus)\n"
    "node ss2: (6 + bonus, 6 + bonus)\n";

Test(stage_breaks, stage_above_a_nested_stage)
{
    char text[2048];
    eq_model *m;
    eq_breaks *b;
    snprintf(text, sizeof text, twice_fmt, "6 in [4, 10]", "q + 1/7", "0");
    b = breaks(text, &m);
    cr_assert_eq(eq_breaks_count(b), 2);
    expect_exact(b, 0, 143.0 / 28.0, "143/28");
    expect_exact(b, 1, 117.0 / 14.0, "117/14");
    eq_breaks_free(b);
    eq_model_free(m);
}

Test(stage_breaks, stage_above_a_moving_nested_stage)
{
    char text[2048];
    eq_model *m;
    eq_breaks *b;
    snprintf(text, sizeof text, twice_fmt, "0 in [-2, 3]", "7", "q");
    b = breaks(text, &m);
    cr_assert_eq(eq_breaks_count(b), 2);
    expect_exact(b, 0, -0.75, "-3/4");
    expect_exact(b, 1, 1.75, "7/4");
    eq_breaks_free(b);
    eq_model_free(m);
}

/* The scan on threads finds the same breakpoints, texts, fractions and
** flags as on one (each thread follows its own stages and nested play). */
Test(stage_breaks, same_on_threads)
{
    char text[2048];
    eq_model *m1, *m2;
    eq_breaks *b1, *b2;
    snprintf(text, sizeof text, twice_fmt, "0 in [-2, 3]", "7", "q");
    b1 = breaks_on(text, 1, &m1);
    b2 = breaks_on(text, 2, &m2);
    cr_assert_eq(eq_breaks_count(b1), 2);
    cr_assert_eq(eq_breaks_count(b2), eq_breaks_count(b1));
    for (int i = 0; i < eq_breaks_count(b1); i++) {
        cr_expect_str_eq(eq_breaks_text(b2, i), eq_breaks_text(b1, i));
        cr_expect_eq(eq_breaks_flags(b2, i), eq_breaks_flags(b1, i));
        cr_expect(eq_breaks_fraction(b1, i) != NULL && eq_breaks_fraction(b2, i) != NULL &&
                  strcmp(eq_breaks_fraction(b1, i), eq_breaks_fraction(b2, i)) == 0);
    }
    eq_breaks_free(b1);
    eq_breaks_free(b2);
    eq_model_free(m1);
    eq_model_free(m2);
}
