/*
** test_mip.c -- optimal Nash equilibria by mixed-integer programming
** (solver/mip.c), against hand-derived values and against the set of
** extreme equilibria that enum lists.
**
** Why enum is an oracle for the optimum: the equilibria of a bimatrix game
** are a finite union of maximal Nash subsets, each a product X x Y of
** polytopes whose vertices are extreme equilibria.  On such a product
** every action in the support of some x in X is a best response to every
** y in Y, so player 1's payoff is (A y)_i for a fixed i -- linear in y
** alone -- and player 2's is linear in x alone.  Each objective (welfare
** u1 + u2, one player's payoff, one probability) is therefore a sum of a
** linear function of x and one of y on the product, optimised at a pair of
** vertices: the optimum over all equilibria is the best extreme one.
** Likewise a game with exactly one extreme equilibrium has exactly one
** equilibrium (any continuum has at least two vertices).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <gmp.h>

#include "support.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

typedef struct objspec {
    eq_objective obj;
    int maximize, player, action;
} objspec;

static eq_result *run(const eq_game *g, objspec os, int unique, int exact,
                      eq_status expect)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_status s;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_MIP;
    o.objective = os.obj;
    o.maximize = os.maximize;
    o.obj_player = os.player;
    o.obj_action = os.action;
    o.unique = unique;
    o.exact = exact;
    s = eq_solve(g, &o, &r);
    cr_assert_not_null(r);
    cr_assert_eq(s, expect, "status %d (%s), expected %d", (int)s,
                 eq_result_errmsg(r), (int)expect);
    if (expect == EQ_OK) {
        cr_assert_eq(eq_result_method(r), EQ_METHOD_MIP);
        cr_assert_geq(eq_result_count(r), 1);
        cr_assert_leq(eq_result_count(r), unique ? 2 : 1);
        cr_assert_eq(eq_result_is_exact(r), exact);
        if (unique)
            cr_assert(eq_result_unique(r) == 0 || eq_result_unique(r) == 1);
        else
            cr_assert_eq(eq_result_unique(r), -1);
    }
    return r;
}

static eq_result *enum_all(const eq_game *g)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_ENUM;
    o.exact = 1;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_OK, "enum: %s", eq_result_errmsg(r));
    cr_assert_geq(eq_result_count(r), 1);
    return r;
}

/* The objective at equilibrium k of r. */
static double value_of(const eq_result *r, int k, objspec os)
{
    switch (os.obj) {
    case EQ_OBJ_WELFARE:
        return eq_result_payoff(r, k, 0) + eq_result_payoff(r, k, 1);
    case EQ_OBJ_PLAYER:
        return eq_result_payoff(r, k, os.player);
    case EQ_OBJ_ACTION:
        return eq_result_strategy(r, k, os.player)[os.action];
    }
    return NAN;
}

/* The best objective over the extreme equilibria enum listed. */
static double best_of(const eq_result *e, objspec os)
{
    double best = value_of(e, 0, os);
    for (int k = 1; k < eq_result_count(e); k++) {
        double v = value_of(e, k, os);
        if (os.maximize ? v > best : v < best)
            best = v;
    }
    return best;
}

static int close_rel(double a, double b, double rel)
{
    double s = fabs(b) > 1.0 ? fabs(b) : 1.0;
    return fabs(a - b) <= rel * s;
}

/* Equilibrium k is a Nash equilibrium to tol (its certificate). */
static void expect_equilibrium(const eq_result *r, int k, double tol)
{
    double reg = eq_result_regret(r, k);
    cr_assert(reg >= 0.0 && reg < tol, "equilibrium %d: regret %g", k, reg);
}

static double maxdiff(const eq_result *r, int k1, int k2)
{
    double d = 0.0;
    for (int p = 0; p < 2; p++) {
        const double *a = eq_result_strategy(r, k1, p), *b = eq_result_strategy(r, k2, p);
        for (int i = 0; i < eq_result_actions(r, p); i++)
            if (fabs(a[i] - b[i]) > d)
                d = fabs(a[i] - b[i]);
    }
    return d;
}

/* An exact text value of r as a rational. */
static void q_of(mpq_t q, const char *text)
{
    cr_assert_not_null(text);
    cr_assert_eq(mpq_set_str(q, text, 10), 0, "bad rational '%s'", text);
    mpq_canonicalize(q);
}

static void expect_str(const char *got, const char *want, const char *what)
{
    cr_assert_not_null(got, "%s: NULL", what);
    cr_assert_str_eq(got, want, "%s: %s, expected %s", what, got, want);
}

/* ------------------------------------------------------------------ */
/* Hand-derived games                                                   */
/* ------------------------------------------------------------------ */

/* Battle of the sexes, A = [[2,0],[0,1]], B = [[1,0],[0,2]]: pure
** equilibria (1,1) with payoffs (2,1) and (2,2) with (1,2), welfare 3 each;
** the mixed one makes each player indifferent: player 2's y = (1/3, 2/3)
** gives player 1 2/3 from either row, player 1's x = (2/3, 1/3) gives
** player 2 2/3 from either column; welfare 4/3. */
static eq_game *bos(void)
{
    const double A[] = { 2, 0, 0, 1 }, B[] = { 1, 0, 0, 2 };
    return t_bimatrix(2, 2, A, B);
}

Test(mip, bos_max_welfare)
{
    eq_game *g = bos();
    objspec os = { EQ_OBJ_WELFARE, 1, 0, 0 };
    eq_result *r = run(g, os, 0, 0, EQ_OK);
    cr_assert_eq(eq_result_count(r), 1);
    cr_assert(close_rel(eq_result_value(r), 3.0, 1e-12), "value %.17g", eq_result_value(r));
    cr_assert(close_rel(value_of(r, 0, os), 3.0, 1e-12));
    expect_equilibrium(r, 0, 1e-12);
    /* Pure: one of the two coordination outcomes. */
    cr_assert(eq_result_strategy(r, 0, 0)[0] == 1.0 || eq_result_strategy(r, 0, 0)[1] == 1.0);
    eq_result_free(r);
    eq_game_free(g);
}

Test(mip, bos_min_welfare_is_mixed)
{
    eq_game *g = bos();
    objspec os = { EQ_OBJ_WELFARE, 0, 0, 0 };
    eq_result *r = run(g, os, 0, 0, EQ_OK);
    cr_assert(close_rel(eq_result_value(r), 4.0 / 3.0, 1e-12), "value %.17g", eq_result_value(r));
    cr_assert(close_rel(eq_result_strategy(r, 0, 0)[0], 2.0 / 3.0, 1e-12));
    cr_assert(close_rel(eq_result_strategy(r, 0, 1)[0], 1.0 / 3.0, 1e-12));
    cr_assert(close_rel(eq_result_payoff(r, 0, 0), 2.0 / 3.0, 1e-12));
    cr_assert(close_rel(eq_result_payoff(r, 0, 1), 2.0 / 3.0, 1e-12));
    eq_result_free(r);
    /* The same exactly. */
    r = run(g, os, 0, 1, EQ_OK);
    expect_str(eq_result_strategy_exact(r, 0, 0, 0), "2/3", "x1");
    expect_str(eq_result_strategy_exact(r, 0, 0, 1), "1/3", "x2");
    expect_str(eq_result_strategy_exact(r, 0, 1, 0), "1/3", "y1");
    expect_str(eq_result_strategy_exact(r, 0, 1, 1), "2/3", "y2");
    expect_str(eq_result_payoff_exact(r, 0, 0), "2/3", "u1");
    expect_str(eq_result_payoff_exact(r, 0, 1), "2/3", "u2");
    expect_str(eq_result_regret_exact(r, 0), "0", "regret");
    cr_assert(close_rel(eq_result_value(r), 4.0 / 3.0, 1e-15));
    eq_result_free(r);
    eq_game_free(g);
}

Test(mip, bos_player_and_action)
{
    eq_game *g = bos();
    /* Player 1's best equilibrium payoff: 2, at (1,1). */
    objspec p1 = { EQ_OBJ_PLAYER, 1, 0, 0 };
    /* The lowest probability of player 1's first action: 0, at (2,2). */
    objspec a0 = { EQ_OBJ_ACTION, 0, 0, 0 };
    /* Player 2's worst equilibrium payoff: 2/3, the mixed one. */
    objspec p2min = { EQ_OBJ_PLAYER, 0, 1, 0 };
    eq_result *r = run(g, p1, 0, 0, EQ_OK);
    cr_assert(close_rel(eq_result_value(r), 2.0, 1e-12), "value %.17g", eq_result_value(r));
    cr_assert_eq(eq_result_strategy(r, 0, 0)[0], 1.0);
    eq_result_free(r);
    r = run(g, a0, 0, 0, EQ_OK);
    cr_assert_eq(eq_result_value(r), 0.0, "value %.17g", eq_result_value(r));
    cr_assert_eq(eq_result_strategy(r, 0, 0)[1], 1.0);
    cr_assert_eq(eq_result_strategy(r, 0, 1)[1], 1.0);
    eq_result_free(r);
    r = run(g, p2min, 0, 1, EQ_OK);
    expect_str(eq_result_payoff_exact(r, 0, 1), "2/3", "u2");
    eq_result_free(r);
    eq_game_free(g);
}

/* Chicken, A = [[0,-1],[1,-10]], B = A^T.  Pure equilibria (1,2) and
** (2,1), payoffs (-1,1) and (1,-1): welfare 0.  Mixed: player 1 is
** indifferent when -y2 = y1 - 10 y2, i.e. y = (9/10, 1/10), payoff -1/10;
** by symmetry x = y and welfare -1/5. */
Test(mip, chicken_welfare)
{
    const double A[] = { 0, -1, 1, -10 }, B[] = { 0, 1, -1, -10 };
    eq_game *g = t_bimatrix(2, 2, A, B);
    objspec mx = { EQ_OBJ_WELFARE, 1, 0, 0 }, mn = { EQ_OBJ_WELFARE, 0, 0, 0 };
    eq_result *r = run(g, mx, 0, 0, EQ_OK);
    cr_assert(fabs(eq_result_value(r)) <= 1e-12, "value %.17g", eq_result_value(r));
    cr_assert(eq_result_strategy(r, 0, 0)[0] == 1.0 || eq_result_strategy(r, 0, 0)[1] == 1.0);
    eq_result_free(r);
    r = run(g, mn, 0, 0, EQ_OK);
    cr_assert(close_rel(eq_result_value(r), -0.2, 1e-12), "value %.17g", eq_result_value(r));
    cr_assert(close_rel(eq_result_strategy(r, 0, 0)[0], 0.9, 1e-12));
    cr_assert(close_rel(eq_result_strategy(r, 0, 1)[0], 0.9, 1e-12));
    eq_result_free(r);
    r = run(g, mn, 1, 1, EQ_OK);
    expect_str(eq_result_payoff_exact(r, 0, 0), "-1/10", "u1");
    expect_str(eq_result_strategy_exact(r, 0, 1, 1), "1/10", "y2");
    cr_assert_eq(eq_result_unique(r), 0);
    cr_assert_eq(eq_result_count(r), 2);
    expect_str(eq_result_regret_exact(r, 1), "0", "second regret");
    eq_result_free(r);
    eq_game_free(g);
}

/* Chicken with a huge crash (issue 14), actions Swerve and Straight,
** A = [[0, 0], [e, -C]], B = A^T, e = 10^-12, C = 10^12: going straight
** against a swerver wins e, swerving gets 0 whatever, a crash costs C.
** By hand: (Swerve, Swerve) is no equilibrium (straight gains e), nor is
** (Straight, Straight) (swerving gains C); (Straight, Swerve) and
** (Swerve, Straight) are, welfare e each.  Mixed: against Straight with
** probability q, swerving pays 0 and going straight e (1 - q) - C q, equal
** at q = e / (e + C) = 1 / (10^24 + 1), payoffs 0 each, welfare 0.  So the
** best welfare is exactly 1/1000000000000 and the worst 0.  In units
** normalised into [0, 1] the gap is 10^-24, below every double
** tolerance: the MILP once returned the mixed equilibrium (welfare 0) as
** the optimum in exact mode. */
static const char huge_crash_nfg[] =
    "NFG 1 R \"Chicken with a huge crash\" { \"1\" \"2\" }\n"
    "{ { \"Swerve\" \"Straight\" } { \"Swerve\" \"Straight\" } }\n"
    "0 0   1e-12 0   0 1e-12   -1e12 -1e12\n";

/* The exact welfare of equilibrium 0, into w. */
static void exact_welfare(const eq_result *r, mpq_t w)
{
    mpq_t p2;
    mpq_init(p2);
    q_of(w, eq_result_payoff_exact(r, 0, 0));
    q_of(p2, eq_result_payoff_exact(r, 0, 1));
    mpq_add(w, w, p2);
    mpq_clear(p2);
}

Test(mip, huge_crash_chicken_exact)
{
    eq_game *g = NULL;
    eq_diag d;
    objspec mx = { EQ_OBJ_WELFARE, 1, 0, 0 }, mn = { EQ_OBJ_WELFARE, 0, 0, 0 };
    objspec p2 = { EQ_OBJ_PLAYER, 1, 1, 0 };
    eq_result *r;
    mpq_t w;

    cr_assert_eq(eq_game_parse_nfg(&g, huge_crash_nfg, strlen(huge_crash_nfg),
                                   "huge_crash", &d), EQ_OK);
    mpq_init(w);
    /* The best welfare: a pure equilibrium, e exactly. */
    r = run(g, mx, 0, 1, EQ_OK);
    exact_welfare(r, w);
    {
        mpq_t want;
        mpq_init(want);
        q_of(want, "1/1000000000000");
        cr_expect(mpq_equal(w, want), "best welfare %.17g, by hand 1/10^12",
                  mpq_get_d(w));
        mpq_clear(want);
    }
    cr_expect(eq_result_value(r) == 1e-12, "value %.17g", eq_result_value(r));
    expect_str(eq_result_regret_exact(r, 0), "0", "regret");
    cr_expect(eq_result_strategy(r, 0, 0)[0] + eq_result_strategy(r, 0, 1)[0] == 1.0,
              "one swerves, the other goes straight");
    eq_result_free(r);

    /* With uniqueness: the other pure equilibrium is the second one. */
    r = run(g, mx, 1, 1, EQ_OK);
    cr_expect_eq(eq_result_unique(r), 0);
    eq_result_free(r);

    /* The worst welfare: the mixed equilibrium, 0. */
    r = run(g, mn, 0, 1, EQ_OK);
    exact_welfare(r, w);
    cr_expect_eq(mpq_sgn(w), 0, "worst welfare not 0");
    expect_str(eq_result_strategy_exact(r, 0, 1, 1), "1/1000000000000000000000001", "q");
    eq_result_free(r);

    /* Double mode too: GLPK alone returned (Swerve, Swerve), welfare 0 and
    ** regret e, an equilibrium only to tolerance; the exact check (run
    ** where the doubles cannot resolve the payoffs) gives the pure one. */
    r = run(g, mx, 0, 0, EQ_OK);
    cr_expect(eq_result_value(r) == 1e-12, "double: value %.17g", eq_result_value(r));
    cr_expect(eq_result_regret(r, 0) == 0.0, "double: regret %g", eq_result_regret(r, 0));
    eq_result_free(r);

    /* Player 2's best payoff: (Swerve, Straight), e. */
    r = run(g, p2, 0, 1, EQ_OK);
    expect_str(eq_result_payoff_exact(r, 0, 1), "1/1000000000000", "u2");
    eq_result_free(r);

    mpq_clear(w);
    eq_game_free(g);
}

/* The same game in doubles (e and C the doubles nearest 10^-12 and
** 10^12, exact payoffs their exact values): the best welfare is the
** double e exactly. */
Test(mip, huge_crash_chicken_doubles_exact)
{
    const double e = 1e-12, C = 1e12;
    const double A[] = { 0, 0, e, -C }, B[] = { 0, e, 0, -C };
    eq_game *g = t_bimatrix(2, 2, A, B);
    objspec mx = { EQ_OBJ_WELFARE, 1, 0, 0 };
    eq_result *r = run(g, mx, 0, 1, EQ_OK);
    mpq_t w, we;
    mpq_inits(w, we, NULL);
    exact_welfare(r, w);
    mpq_set_d(we, e);
    cr_expect(mpq_equal(w, we), "best welfare %.17g, by hand e", mpq_get_d(w));
    cr_expect(eq_result_value(r) == e, "value %.17g", eq_result_value(r));
    mpq_clears(w, we, NULL);
    eq_result_free(r);
    eq_game_free(g);
}

/* Prisoner's dilemma: defection strictly dominates, so (D, D) is the only
** equilibrium whatever is optimised. */
Test(mip, prisoners_dilemma_unique)
{
    const double A[] = { 3, 0, 5, 1 }, B[] = { 3, 5, 0, 1 };
    eq_game *g = t_bimatrix(2, 2, A, B);
    objspec os = { EQ_OBJ_WELFARE, 1, 0, 0 };
    eq_result *r = run(g, os, 1, 0, EQ_OK);
    cr_assert_eq(eq_result_unique(r), 1);
    cr_assert_eq(eq_result_count(r), 1);
    cr_assert(close_rel(eq_result_value(r), 2.0, 1e-12));
    cr_assert_eq(eq_result_strategy(r, 0, 0)[1], 1.0);
    eq_result_free(r);
    r = run(g, os, 1, 1, EQ_OK);
    cr_assert_eq(eq_result_unique(r), 1);
    expect_str(eq_result_strategy_exact(r, 0, 1, 1), "1", "y2");
    eq_result_free(r);
    eq_game_free(g);
}

/* Matching pennies: one equilibrium, both mixing half and half; it is
** unique although its support is everything. */
Test(mip, matching_pennies_unique)
{
    const double A[] = { 1, -1, -1, 1 }, B[] = { -1, 1, 1, -1 };
    eq_game *g = t_bimatrix(2, 2, A, B);
    objspec os = { EQ_OBJ_PLAYER, 1, 1, 0 };
    eq_result *r = run(g, os, 1, 1, EQ_OK);
    cr_assert_eq(eq_result_unique(r), 1);
    expect_str(eq_result_strategy_exact(r, 0, 0, 0), "1/2", "x1");
    expect_str(eq_result_payoff_exact(r, 0, 1), "0", "u2");
    cr_assert_eq(eq_result_value(r), 0.0);
    eq_result_free(r);
    eq_game_free(g);
}

/* A degenerate game with a continuum: A = [[3,3,0],[2,5,6]],
** B = [[3,2,3],[2,6,1]].  Against x = (1,0) player 2 gets (3,2,3), so
** columns 1 and 3 are best; against y = (1-t, 0, t) player 1 gets 3 - 3t
** from row 1 and 2 + 4t from row 2, so row 1 is best for t <= 1/7:
** every (x, y) = ((1,0), (1-t,0,t)), t in [0, 1/7], is an equilibrium. */
static eq_game *continuum(void)
{
    const double A[] = { 3, 3, 0, 2, 5, 6 }, B[] = { 3, 2, 3, 2, 6, 1 };
    return t_bimatrix(2, 3, A, B);
}

Test(mip, continuum_not_unique)
{
    eq_game *g = continuum();
    eq_result *e = enum_all(g);
    objspec objs[] = {
        { EQ_OBJ_WELFARE, 1, 0, 0 }, { EQ_OBJ_WELFARE, 0, 0, 0 },
        { EQ_OBJ_PLAYER, 1, 0, 0 }, { EQ_OBJ_PLAYER, 0, 0, 0 },
        { EQ_OBJ_ACTION, 1, 1, 2 }, { EQ_OBJ_ACTION, 0, 1, 2 },
        { EQ_OBJ_ACTION, 1, 1, 0 },
    };
    cr_assert_gt(eq_result_count(e), 1);
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) {
        for (int exact = 0; exact < 2; exact++) {
            eq_result *r = run(g, objs[i], 1, exact, EQ_OK);
            double best = best_of(e, objs[i]);
            cr_assert(close_rel(eq_result_value(r), best, 1e-9),
                      "objective %zu: %.17g, enum's best %.17g", i,
                      eq_result_value(r), best);
            cr_assert_eq(eq_result_unique(r), 0);
            cr_assert_eq(eq_result_count(r), 2);
            expect_equilibrium(r, 0, 1e-12);
            expect_equilibrium(r, 1, 1e-12);
            cr_assert_gt(maxdiff(r, 0, 1), 1e-9);
            if (exact)
                expect_str(eq_result_regret_exact(r, 1), "0", "second regret");
            eq_result_free(r);
        }
    }
    eq_result_free(e);
    eq_game_free(g);
}

/* The largest weight on player 2's third action is t = 1/7, the end of
** the continuum (player 1 then indifferent: 3 - 3/7 = 2 + 4/7 = 18/7). */
Test(mip, continuum_endpoint_exact)
{
    eq_game *g = continuum();
    objspec os = { EQ_OBJ_ACTION, 1, 1, 2 };
    eq_result *r = run(g, os, 0, 1, EQ_OK);
    eq_result *e = enum_all(g);
    cr_assert(close_rel(eq_result_value(r), best_of(e, os), 1e-15));
    if (eq_result_strategy(r, 0, 0)[0] == 1.0) {
        expect_str(eq_result_strategy_exact(r, 0, 1, 2), "1/7", "y3");
        expect_str(eq_result_payoff_exact(r, 0, 0), "18/7", "u1");
    }
    eq_result_free(e);
    eq_result_free(r);
    eq_game_free(g);
}

/* max_equilibria = 1: the second equilibrium is found but not kept. */
Test(mip, unique_with_max_one)
{
    eq_game *g = continuum();
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_MIP;
    o.unique = 1;
    o.max_equilibria = 1;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_OK, "%s", eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), 1);
    cr_assert_eq(eq_result_unique(r), 0);
    cr_assert_eq(eq_result_solution(r), EQ_SOL_PARTIAL);
    eq_result_free(r);
    eq_game_free(g);
}

/* Payoffs given as fractions that no double holds: battle of the sexes
** with player 1's payoffs times 1/3 and player 2's times 1/7.  The
** equilibria are BoS's; the mixed one pays 2/3 * 1/3 = 2/9 and
** 2/3 * 1/7 = 2/21, exactly. */
Test(mip, rational_payoffs_exact)
{
    const char *A[] = { "2/3", "0", "0", "1/3" }, *B[] = { "1/7", "0", "0", "2/7" };
    int k[2] = { 2, 2 };
    eq_game *g = NULL;
    objspec os = { EQ_OBJ_WELFARE, 0, 0, 0 };
    eq_result *r;
    cr_assert_eq(eq_game_new(&g, 2, k), EQ_OK);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            int prof[2] = { i, j };
            cr_assert_eq(eq_game_set_payoff_text(g, 0, prof, A[i * 2 + j]), EQ_OK);
            cr_assert_eq(eq_game_set_payoff_text(g, 1, prof, B[i * 2 + j]), EQ_OK);
        }
    r = run(g, os, 1, 1, EQ_OK);
    expect_str(eq_result_payoff_exact(r, 0, 0), "2/9", "u1");
    expect_str(eq_result_payoff_exact(r, 0, 1), "2/21", "u2");
    expect_str(eq_result_strategy_exact(r, 0, 0, 0), "2/3", "x1");
    expect_str(eq_result_regret_exact(r, 0), "0", "regret");
    cr_assert(close_rel(eq_result_value(r), 20.0 / 63.0, 1e-15));
    cr_assert_eq(eq_result_unique(r), 0);
    expect_str(eq_result_regret_exact(r, 1), "0", "second regret");
    eq_result_free(r);
    eq_game_free(g);
}

/* Scaling either player's payoffs by 1e6 or 1e-6 (and shifting them)
** changes no equilibrium: the same strategies, the value scaled. */
Test(mip, scale_free)
{
    const double A[] = { 2, 0, 0, 1 }, B[] = { 1, 0, 0, 2 };
    const double scale[] = { 1e-6, 1e6 };
    for (int s = 0; s < 2; s++) {
        double As[4], Bs[4];
        eq_game *g;
        eq_result *r;
        objspec os = { EQ_OBJ_WELFARE, 0, 0, 0 };
        for (int i = 0; i < 4; i++) {
            As[i] = A[i] * scale[s] + 7.0 * scale[s];
            Bs[i] = B[i] * scale[s] - 3.0 * scale[s];
        }
        g = t_bimatrix(2, 2, As, Bs);
        r = run(g, os, 1, 0, EQ_OK);
        cr_assert(close_rel(eq_result_value(r) / scale[s], 4.0 / 3.0 + 4.0, 1e-9),
                  "scale %g: value %.17g", scale[s], eq_result_value(r));
        cr_assert(close_rel(eq_result_strategy(r, 0, 0)[0], 2.0 / 3.0, 1e-9));
        cr_assert_eq(eq_result_unique(r), 0);
        eq_result_free(r);
        eq_game_free(g);
    }
}

/* A player whose payoffs are all equal is indifferent everywhere: every
** strategy of theirs is a best response.  Here B = 0 and player 1 gets
** A = [[1,0],[0,2]]; maximising player 2's probability of column 1
** gives y = (1, 0), to which row 1 is the only best response. */
Test(mip, constant_player)
{
    const double A[] = { 1, 0, 0, 2 }, B[] = { 0, 0, 0, 0 };
    eq_game *g = t_bimatrix(2, 2, A, B);
    eq_result *e = enum_all(g);
    objspec objs[] = { { EQ_OBJ_ACTION, 1, 1, 0 }, { EQ_OBJ_WELFARE, 0, 0, 0 },
                       { EQ_OBJ_PLAYER, 1, 0, 0 } };
    for (size_t i = 0; i < 3; i++) {
        eq_result *r = run(g, objs[i], 1, 1, EQ_OK);
        cr_assert(close_rel(eq_result_value(r), best_of(e, objs[i]), 1e-12));
        cr_assert_eq(eq_result_unique(r), 0);
        eq_result_free(r);
    }
    eq_result_free(e);
    eq_game_free(g);
}

/* One row: player 1 has no choice, player 2 best-responds. */
Test(mip, one_row)
{
    const double A[] = { 1, 2, 3 }, B[] = { 4, 9, 1 };
    eq_game *g = t_bimatrix(1, 3, A, B);
    objspec os = { EQ_OBJ_WELFARE, 1, 0, 0 };
    eq_result *r = run(g, os, 1, 1, EQ_OK);
    cr_assert(close_rel(eq_result_value(r), 11.0, 1e-15));
    cr_assert_eq(eq_result_unique(r), 1);
    expect_str(eq_result_strategy_exact(r, 0, 1, 1), "1", "y2");
    eq_result_free(r);
    eq_game_free(g);
}

/* ------------------------------------------------------------------ */
/* Random games against enum                                            */
/* ------------------------------------------------------------------ */

#define NRANDOM 20

/* Game t: sizes 2..10 (square and not), integer payoffs in [0, 99] for
** even t and in [0, 3] for odd t (many ties: degenerate games). */
static eq_game *random_game(int t)
{
    t_rng rng = { 0x5eed0000u + (uint64_t)t };
    int m = 2 + (t * 7) % 9, n = 2 + (t * 4 + t / 3) % 9;
    if (t >= NRANDOM - 3)
        m = n = 10;
    return t_random_bimatrix(&rng, m, n, 0, t % 2 ? 3 : 99);
}

Test(mip, random_objectives_match_enum, .timeout = 600)
{
    for (int t = 0; t < NRANDOM; t++) {
        eq_game *g = random_game(t);
        int m = eq_game_actions(g, 0), n = eq_game_actions(g, 1);
        eq_result *e = enum_all(g);
        objspec objs[] = {
            { EQ_OBJ_WELFARE, 1, 0, 0 }, { EQ_OBJ_WELFARE, 0, 0, 0 },
            { EQ_OBJ_PLAYER, 1, 0, 0 }, { EQ_OBJ_PLAYER, 0, 0, 0 },
            { EQ_OBJ_PLAYER, 1, 1, 0 },
            { EQ_OBJ_ACTION, 1, 0, 0 }, { EQ_OBJ_ACTION, 0, 0, 0 },
            { EQ_OBJ_ACTION, 1, 1, n - 1 }, { EQ_OBJ_ACTION, 0, 1, n - 1 },
            { EQ_OBJ_ACTION, 1, 0, m / 2 },
        };
        for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) {
            eq_result *r = run(g, objs[i], 0, 0, EQ_OK);
            double best = best_of(e, objs[i]);
            cr_assert_eq(eq_result_count(r), 1);
            cr_assert(close_rel(eq_result_value(r), best, 1e-9),
                      "game %d (%dx%d), objective %zu: mip %.17g, enum's best %.17g",
                      t, m, n, i, eq_result_value(r), best);
            cr_assert(close_rel(value_of(r, 0, objs[i]), eq_result_value(r), 1e-12));
            expect_equilibrium(r, 0, 1e-9);
            eq_result_free(r);
        }
        eq_result_free(e);
        eq_game_free(g);
    }
}

/* Exact mode: the optimal welfare is exactly the best exact welfare among
** enum's equilibria, and the equilibrium's exact regret is 0. */
Test(mip, random_exact_welfare, .timeout = 600)
{
    mpq_t a, b, w, best;
    mpq_inits(a, b, w, best, NULL);
    for (int t = 0; t < NRANDOM; t += 2) {
        eq_game *g = random_game(t);
        eq_result *e = enum_all(g);
        for (int maximize = 0; maximize < 2; maximize++) {
            objspec os = { EQ_OBJ_WELFARE, maximize, 0, 0 };
            eq_result *r = run(g, os, 0, 1, EQ_OK);
            for (int k = 0; k < eq_result_count(e); k++) {
                q_of(a, eq_result_payoff_exact(e, k, 0));
                q_of(b, eq_result_payoff_exact(e, k, 1));
                mpq_add(w, a, b);
                if (k == 0 || (maximize ? mpq_cmp(w, best) > 0 : mpq_cmp(w, best) < 0))
                    mpq_set(best, w);
            }
            q_of(a, eq_result_payoff_exact(r, 0, 0));
            q_of(b, eq_result_payoff_exact(r, 0, 1));
            mpq_add(w, a, b);
            cr_assert(mpq_equal(w, best), "game %d: exact welfare differs from enum's best", t);
            expect_str(eq_result_regret_exact(r, 0), "0", "regret");
            cr_assert_eq(eq_result_value(r), mpq_get_d(best));
            eq_result_free(r);
        }
        eq_result_free(e);
        eq_game_free(g);
    }
    mpq_clears(a, b, w, best, NULL);
}

/* The uniqueness proof agrees with enum's count; a second equilibrium is
** a Nash equilibrium different from the first. */
Test(mip, random_uniqueness_matches_enum, .timeout = 600)
{
    int nunique = 0, nmany = 0;
    for (int t = 0; t < NRANDOM; t++) {
        eq_game *g = random_game(t);
        eq_result *e = enum_all(g);
        for (int exact = 0; exact < 2; exact++) {
            objspec os = { EQ_OBJ_WELFARE, 1, 0, 0 };
            eq_result *r = run(g, os, 1, exact, EQ_OK);
            if (eq_result_count(e) == 1) {
                cr_assert_eq(eq_result_unique(r), 1, "game %d: enum finds one equilibrium", t);
                cr_assert_eq(eq_result_count(r), 1);
                nunique += !exact;
            } else {
                cr_assert_eq(eq_result_unique(r), 0, "game %d: enum finds %d equilibria",
                             t, eq_result_count(e));
                cr_assert_eq(eq_result_count(r), 2);
                expect_equilibrium(r, 1, 1e-9);
                cr_assert_gt(maxdiff(r, 0, 1), 1e-9, "game %d: the same equilibrium twice", t);
                if (exact)
                    expect_str(eq_result_regret_exact(r, 1), "0", "second regret");
                nmany += !exact;
            }
            expect_equilibrium(r, 0, 1e-9);
            eq_result_free(r);
        }
        eq_result_free(e);
        eq_game_free(g);
    }
    /* The sample exercises both answers. */
    cr_assert_gt(nunique, 0);
    cr_assert_gt(nmany, 0);
}

/* Small games with payoffs in [0, 3]: ties everywhere, so equilibria with
** best responses outside their support, continua, and unique equilibria
** of degenerate games.  Uniqueness and optimum both agree with enum. */
Test(mip, random_degenerate_uniqueness, .timeout = 600)
{
    int nunique = 0, nmany = 0;
    for (int t = 0; t < 40; t++) {
        t_rng rng = { 0xde9e0000u + (uint64_t)t };
        int m = t_rng_int(&rng, 2, 4), n = t_rng_int(&rng, 2, 4);
        eq_game *g = t_random_bimatrix(&rng, m, n, 0, 3);
        eq_result *e = enum_all(g);
        objspec objs[] = { { EQ_OBJ_WELFARE, 0, 0, 0 }, { EQ_OBJ_ACTION, 0, 1, 0 } };
        for (int i = 0; i < 2; i++) {
            for (int exact = 0; exact < 2; exact++) {
                eq_result *r = run(g, objs[i], 1, exact, EQ_OK);
                double best = best_of(e, objs[i]);
                cr_assert(close_rel(eq_result_value(r), best, 1e-9),
                          "game %d: mip %.17g, enum's best %.17g", t,
                          eq_result_value(r), best);
                cr_assert_eq(eq_result_unique(r), eq_result_count(e) == 1,
                             "game %d: unique %d, enum finds %d", t,
                             eq_result_unique(r), eq_result_count(e));
                expect_equilibrium(r, 0, 1e-9);
                if (eq_result_count(r) == 2) {
                    expect_equilibrium(r, 1, 1e-9);
                    cr_assert_gt(maxdiff(r, 0, 1), 1e-9);
                }
                eq_result_free(r);
            }
        }
        nunique += eq_result_count(e) == 1;
        nmany += eq_result_count(e) > 1;
        eq_result_free(e);
        eq_game_free(g);
    }
    cr_assert_gt(nunique, 2);
    cr_assert_gt(nmany, 2);
}

/* ------------------------------------------------------------------ */
/* Errors                                                               */
/* ------------------------------------------------------------------ */

Test(mip, bad_arguments)
{
    eq_game *g = bos();
    objspec bad[] = {
        { (eq_objective)7, 1, 0, 0 },
        { (eq_objective)-1, 1, 0, 0 },
        { EQ_OBJ_PLAYER, 1, 2, 0 },
        { EQ_OBJ_PLAYER, 1, -1, 0 },
        { EQ_OBJ_ACTION, 1, 2, 0 },
        { EQ_OBJ_ACTION, 1, 0, 2 },
        { EQ_OBJ_ACTION, 0, 1, -1 },
    };
    objspec fine = { EQ_OBJ_WELFARE, 1, 9, -4 };   /* player, action unused */
    eq_result *r;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = run(g, bad[i], 0, 0, EQ_ERR_ARG);
        cr_assert_eq(eq_result_count(r), 0);
        cr_assert_neq(eq_result_errmsg(r)[0], '\0');
        cr_assert_not_null(strstr(eq_result_errmsg(r), "mip"), "%s", eq_result_errmsg(r));
        eq_result_free(r);
    }
    r = run(g, fine, 0, 0, EQ_OK);
    eq_result_free(r);
    /* A NULL game. */
    {
        eq_solve_opts o;
        eq_solve_opts_init(&o);
        o.method = EQ_METHOD_MIP;
        r = NULL;
        cr_assert_eq(eq_solve(NULL, &o, &r), EQ_ERR_ARG);
        eq_result_free(r);
    }
    eq_game_free(g);
}

Test(mip, three_players_unsupported)
{
    int k[3] = { 2, 2, 2 };
    eq_game *g = NULL;
    eq_solve_opts o;
    eq_result *r = NULL;
    cr_assert_eq(eq_game_new(&g, 3, k), EQ_OK);
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_MIP;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_ERR_UNSUPPORTED);
    cr_assert_not_null(r);
    cr_assert_neq(eq_result_errmsg(r)[0], '\0');
    eq_result_free(r);
    eq_game_free(g);
}

/* Beyond the exact enumeration's reach (8 x 8: C(16, 8) = 12870 systems),
** exact mode refuses a game whose payoffs the doubles cannot resolve
** (1e12 and 1e-12 in one player's payoffs: 1e-24 of the range apart from
** 0) rather than return an optimum it cannot certify; double mode still
** answers.  The game: the identity scaled by 1e12 for both players, plus
** 1e-12 at (0, 1) for player 1 and at (1, 0) for player 2. */
Test(mip, exact_refuses_unresolvable_large)
{
    double A[64] = { 0 }, B[64] = { 0 };
    objspec mx = { EQ_OBJ_WELFARE, 1, 0, 0 };
    eq_game *g;
    eq_result *r;
    for (int i = 0; i < 8; i++)
        A[i * 8 + i] = B[i * 8 + i] = 1e12;
    A[1] = 1e-12;
    B[8] = 1e-12;
    g = t_bimatrix(8, 8, A, B);
    r = run(g, mx, 0, 1, EQ_ERR_NUMERIC);
    cr_expect(strstr(eq_result_errmsg(r), "exact optimum not certified") != NULL,
              "message: %s", eq_result_errmsg(r));
    eq_result_free(r);
    r = run(g, mx, 0, 0, EQ_OK);
    cr_expect(eq_result_value(r) == 2e12, "value %.17g", eq_result_value(r));
    eq_result_free(r);
    eq_game_free(g);
}

/* Exact mode on small degenerate games (payoffs 0..2, 2 x 2 to 5 x 5, where
** ties make continua and extra best responses): every objective's exact
** optimum equals the best over enum's exact extreme equilibria, and
** --unique says unique exactly when enum lists one extreme equilibrium
** (see the top of this file for why both hold). */
Test(mip, degenerate_exact_match_enum, .timeout = 600)
{
    mpq_t a, b, w, best;
    mpq_inits(a, b, w, best, NULL);
    for (int t = 0; t < 24; t++) {
        t_rng rng = { 0xde9e0000u + (uint64_t)t };
        int m = 2 + t % 4, n = 2 + (t / 4) % 4;
        eq_game *g = t_random_bimatrix(&rng, m, n, 0, 2);
        eq_result *e = enum_all(g);
        objspec objs[] = {
            { EQ_OBJ_WELFARE, 1, 0, 0 }, { EQ_OBJ_WELFARE, 0, 0, 0 },
            { EQ_OBJ_PLAYER, 1, 1, 0 }, { EQ_OBJ_ACTION, 0, 0, m - 1 },
        };
        for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) {
            objspec os = objs[i];
            eq_result *r = run(g, os, 1, 1, EQ_OK);
            for (int k = 0; k < eq_result_count(e); k++) {
                switch (os.obj) {
                case EQ_OBJ_WELFARE:
                    q_of(a, eq_result_payoff_exact(e, k, 0));
                    q_of(b, eq_result_payoff_exact(e, k, 1));
                    mpq_add(w, a, b);
                    break;
                case EQ_OBJ_PLAYER:
                    q_of(w, eq_result_payoff_exact(e, k, os.player));
                    break;
                case EQ_OBJ_ACTION:
                    q_of(w, eq_result_strategy_exact(e, k, os.player, os.action));
                    break;
                }
                if (k == 0 || (os.maximize ? mpq_cmp(w, best) > 0 : mpq_cmp(w, best) < 0))
                    mpq_set(best, w);
            }
            switch (os.obj) {
            case EQ_OBJ_WELFARE:
                q_of(a, eq_result_payoff_exact(r, 0, 0));
                q_of(b, eq_result_payoff_exact(r, 0, 1));
                mpq_add(w, a, b);
                break;
            case EQ_OBJ_PLAYER:
                q_of(w, eq_result_payoff_exact(r, 0, os.player));
                break;
            case EQ_OBJ_ACTION:
                q_of(w, eq_result_strategy_exact(r, 0, os.player, os.action));
                break;
            }
            cr_expect(mpq_equal(w, best), "game %d (%d x %d), objective %zu: "
                      "%.17g, enum's best %.17g", t, m, n, i, mpq_get_d(w),
                      mpq_get_d(best));
            expect_str(eq_result_regret_exact(r, 0), "0", "regret");
            cr_expect_eq(eq_result_unique(r), eq_result_count(e) == 1,
                         "game %d: unique %d, enum lists %d", t,
                         eq_result_unique(r), eq_result_count(e));
            if (eq_result_count(r) == 2)
                expect_str(eq_result_regret_exact(r, 1), "0", "second regret");
            eq_result_free(r);
        }
        eq_result_free(e);
        eq_game_free(g);
    }
    mpq_clears(a, b, w, best, NULL);
}
