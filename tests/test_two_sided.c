/*
** test_two_sided.c -- a two-sided incomplete-information deterrence game
** (tests/fixtures/game/two_sided.game): its pure weak perfect Bayesian
** equilibria, and the regime boundaries in the two priors, derived by hand
** below and found by eq_model_breakpoints with the pbe concept.
**
** Derivation.  The challenger is resolute with probability r, the defender
** committed with probability q.  Payoffs (challenger, defender): stay
** (0, 0); concede (1, -1); defend: resolute vs committed (-1/2, -1/2),
** opportunist vs committed (-2, 1/2), resolute vs weak (-1/2, -3),
** opportunist vs weak (-2, -1/2).
**   Defender.  Let m be its belief that a challenger is resolute.  The
**   committed type gets -m/2 + (1 - m)/2 = 1/2 - m > -1 from defending:
**   it always defends.  The weak type gets -3m - (1 - m)/2 from defending
**   against -1 from conceding: it defends iff m < 1/5.
**   Challenger, if the weak defender concedes: challenging gives
**   q w + (1 - q) with w = -1/2 (resolute) or -2 (opportunist): the
**   resolute type challenges iff q < 2/3, the opportunist iff q < 1/3.
**   If the weak defender defends too, challenging gives w < 0: both stay.
** Pure weak PBE (profile: resolute, opportunist; committed, weak):
**   (a) both challenge: m = r, so the weak type concedes iff r > 1/5;
**       then both challenge iff q < 1/3.  Holds for r > 1/5, q < 1/3.
**   (b) only the resolute challenges: m = 1, the weak type concedes; the
**       resolute challenges and the opportunist stays iff
**       1/3 < q < 2/3 (any r).
**   (c) only the opportunist challenges: m = 0, the weak type defends,
**       and challenging then gives -2: never.
**   (d) both stay, the weak type defends (off the path, m < 1/5): always.
**   (e) both stay, the weak type concedes (m >= 1/5): iff q > 2/3.
** So the count is 1 for (r < 1/5, q < 1/3), 2 elsewhere inside the
** square; the boundaries are r = 1/5 (for q < 1/3) and q = 1/3 and 2/3.
*/
#include <math.h>
#include <string.h>
#include <criterion/criterion.h>
#include "support.h"

#define GAME EQ_FIXTURES "/game/two_sided.game"

static eq_model *load(void)
{
    eq_model *m = NULL;
    eq_diag d;
    cr_assert_eq(eq_model_read(&m, GAME, &d), EQ_OK, "%s", d.message);
    return m;
}

/* The pbe solve at (r, q): the number of equilibria, and each one's
** challenger actions as a string "cc", "cs", "ss" and the weak defender's
** action 'd' or 'c', in the order found, into sig (3 chars each). */
static int solve_at(const eq_model *m, double r, double q, char *sig)
{
    double v[2];
    eq_tree *t = NULL;
    eq_tree_opts o;
    eq_tree_result *res = NULL;
    eq_diag d;
    int n;
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    v[eq_model_param_index(m, "r")] = r;
    v[eq_model_param_index(m, "q")] = q;
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    eq_tree_opts_init(&o);
    o.method = EQ_METHOD_PBE;
    cr_assert_eq(eq_tree_solve(t, &o, &res), EQ_OK);
    n = eq_tree_result_count(res);
    sig[0] = '\0';
    for (int k = 0; k < n; k++) {
        char s[4] = "???";
        for (int h = 0; h < eq_tree_infosets(t); h++) {
            const char *lab = eq_tree_infoset_label(t, h);
            double p0 = eq_tree_result_behaviour(res, k, h)[0];
            if (strcmp(lab, "resolute challenger") == 0)
                s[0] = p0 > 0.5 ? 'c' : 's';
            else if (strcmp(lab, "opportunist challenger") == 0)
                s[1] = p0 > 0.5 ? 'c' : 's';
            else if (strcmp(lab, "weak defender") == 0)
                s[2] = p0 > 0.5 ? 'd' : 'c';
        }
        strcat(sig, s);
        if (k + 1 < n)
            strcat(sig, " ");
    }
    eq_tree_result_free(res);
    eq_tree_free(t);
    return n;
}

static int has(const char *sig, const char *eq) { return strstr(sig, eq) != NULL; }

/* One point inside each region of the derivation. */
Test(two_sided, equilibria_in_each_region)
{
    eq_model *m = load();
    char sig[64];
    /* r < 1/5, q < 1/3: (d) only. */
    cr_expect_eq(solve_at(m, 0.1, 0.2, sig), 1, "%s", sig);
    cr_expect(has(sig, "ssd"), "%s", sig);
    /* r > 1/5, q < 1/3: (a) and (d). */
    cr_expect_eq(solve_at(m, 0.5, 0.2, sig), 2, "%s", sig);
    cr_expect(has(sig, "ccc") && has(sig, "ssd"), "%s", sig);
    /* 1/3 < q < 2/3, either r: (b) and (d). */
    cr_expect_eq(solve_at(m, 0.1, 0.5, sig), 2, "%s", sig);
    cr_expect(has(sig, "csc") && has(sig, "ssd"), "%s", sig);
    cr_expect_eq(solve_at(m, 0.9, 0.5, sig), 2, "%s", sig);
    cr_expect(has(sig, "csc") && has(sig, "ssd"), "%s", sig);
    /* q > 2/3: (d) and (e). */
    cr_expect_eq(solve_at(m, 0.5, 0.8, sig), 2, "%s", sig);
    cr_expect(has(sig, "ssd") && has(sig, "ssc"), "%s", sig);
    eq_model_free(m);
}

/* The breakpoints of one prior, the other fixed, with the pbe concept and
** the equilibrium count measured; the values found, in order, must be
** want[0..nwant-1] to 1e-9. */
static void expect_breaks(const char *fixed, const char *param,
                          const double *want, const char *const *frac, int nwant)
{
    eq_model *m = load();
    eq_analysis *a = NULL;
    eq_breaks *b = NULL;
    eq_tree_opts o;
    eq_status s;
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    eq_tree_opts_init(&o);
    o.method = EQ_METHOD_PBE;
    cr_assert_eq(eq_analysis_set_tree_opts(a, &o), EQ_OK);
    cr_assert_eq(eq_analysis_set_measures(a, EQ_MEASURE_COUNT), EQ_OK);
    cr_assert_eq(eq_analysis_set(a, fixed), EQ_OK, "%s", eq_analysis_errmsg(a));
    s = eq_model_breakpoints(a, param, &b);
    cr_assert_eq(s, EQ_OK, "%s", b ? eq_breaks_errmsg(b) : "no memory");
    for (int i = 0; i < eq_breaks_count(b); i++)
        cr_log_info("%s with %s: %s (%s) flags %u", param, fixed, eq_breaks_text(b, i),
                    eq_breaks_fraction(b, i) ? eq_breaks_fraction(b, i) : "-",
                    eq_breaks_flags(b, i));
    cr_assert_eq(eq_breaks_count(b), nwant, "%s with %s: %d breakpoints, first %g",
                 param, fixed, eq_breaks_count(b),
                 eq_breaks_count(b) > 0 ? eq_breaks_value(b, 0) : NAN);
    for (int i = 0; i < nwant; i++)
        cr_expect(fabs(eq_breaks_value(b, i) - want[i]) <= 1e-9,
                  "%s with %s: breakpoint %d at %.17g (%s), want %.17g", param,
                  fixed, i, eq_breaks_value(b, i), eq_breaks_text(b, i), want[i]);
    for (int i = 0; i < nwant; i++) {   /* verified exactly, as fractions */
        cr_expect(eq_breaks_flags(b, i) & EQ_BREAK_EXACT, "breakpoint %d", i);
        cr_expect_str_eq(eq_breaks_fraction(b, i) ? eq_breaks_fraction(b, i) : "",
                         frac[i], "breakpoint %d", i);
    }
    eq_breaks_free(b);
    eq_analysis_free(a);
    eq_model_free(m);
}

Test(two_sided, breakpoints_in_the_challengers_prior)
{
    static const double at_low_q[] = { 1.0 / 5.0 };
    static const char *const f[] = { "1/5" };
    /* Inside the square: at r = 0 or 1 a chance move's probability
    ** reaches 0, a breakpoint of its own (EQ_BREAK_CHANCE). */
    expect_breaks("q=0.2", "r=0.01:0.99", at_low_q, f, 1);
    /* For 1/3 < q < 2/3 the regime does not depend on r. */
    expect_breaks("q=0.5", "r=0.01:0.99", NULL, NULL, 0);
}

Test(two_sided, breakpoints_in_the_defenders_prior)
{
    static const double both[] = { 1.0 / 3.0, 2.0 / 3.0 };
    static const char *const f[] = { "1/3", "2/3" };
    expect_breaks("r=0.1", "q=0.01:0.99", both, f, 2);
    expect_breaks("r=0.5", "q=0.01:0.99", both, f, 2);
}
