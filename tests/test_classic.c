/*
** test_classic.c -- classic games whose equilibria are derived by hand in
** the comments, solved by every method that applies.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"

static eq_result *solve(const eq_game *g, eq_method m, int exact)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_solve_opts_init(&o);
    o.method = m;
    o.exact = exact;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_OK, "%s: %s", eq_method_name(m),
                 eq_result_errmsg(r));
    return r;
}

/* Whether r holds the exact equilibrium x (m strings), y (n strings). */
static int has_exact(const eq_result *r, const char *const *x, const char *const *y)
{
    int m = eq_result_actions(r, 0), n = eq_result_actions(r, 1);
    for (int k = 0; k < eq_result_count(r); k++) {
        int ok = 1;
        for (int i = 0; i < m && ok; i++)
            ok = strcmp(eq_result_strategy_exact(r, k, 0, i), x[i]) == 0;
        for (int j = 0; j < n && ok; j++)
            ok = strcmp(eq_result_strategy_exact(r, k, 1, j), y[j]) == 0;
        if (ok)
            return 1;
    }
    return 0;
}

/* Whether r holds, within 1e-9, the equilibrium x, y. */
static int has_approx(const eq_result *r, const double *x, const double *y)
{
    int m = eq_result_actions(r, 0), n = eq_result_actions(r, 1);
    for (int k = 0; k < eq_result_count(r); k++) {
        int ok = 1;
        for (int i = 0; i < m && ok; i++)
            ok = fabs(eq_result_strategy(r, k, 0)[i] - x[i]) < 1e-9;
        for (int j = 0; j < n && ok; j++)
            ok = fabs(eq_result_strategy(r, k, 1)[j] - y[j]) < 1e-9;
        if (ok)
            return 1;
    }
    return 0;
}

/* Matching pennies: no pure equilibrium (the matcher always wants to
** switch after a mismatch, the other after a match); indifference gives the
** unique equilibrium (1/2, 1/2) for both, value 0. */
Test(classic, matching_pennies)
{
    double A[] = { 1, -1, -1, 1 }, B[] = { -1, 1, 1, -1 };
    eq_game *g = t_bimatrix(2, 2, A, B);
    const char *h[] = { "1/2", "1/2" };
    eq_result *r = solve(g, EQ_METHOD_PURE, 0);
    cr_expect_eq(eq_result_count(r), 0);
    cr_expect_eq(eq_result_solution(r), EQ_SOL_NONE);
    eq_result_free(r);
    r = solve(g, EQ_METHOD_ENUM, 1);
    cr_expect_eq(eq_result_count(r), 1);
    cr_expect(has_exact(r, h, h));
    cr_expect_str_eq(eq_result_payoff_exact(r, 0, 0), "0");
    eq_result_free(r);
    r = solve(g, EQ_METHOD_ZEROSUM, 0);
    cr_expect(fabs(eq_result_value(r)) < 1e-12);
    cr_expect(has_approx(r, (double[]){ .5, .5 }, (double[]){ .5, .5 }));
    eq_result_free(r);
    r = solve(g, EQ_METHOD_LEMKE, 0);
    cr_expect_eq(eq_result_count(r), 1);
    cr_expect(has_approx(r, (double[]){ .5, .5 }, (double[]){ .5, .5 }));
    eq_result_free(r);
    eq_game_free(g);
}

/* Prisoner's dilemma (C, D) with T=5, R=3, P=1, S=0: D strictly dominates
** C for both, so (D, D) is the unique equilibrium, payoffs (1, 1). */
Test(classic, prisoners_dilemma)
{
    double A[] = { 3, 0, 5, 1 }, B[] = { 3, 5, 0, 1 };
    eq_game *g = t_bimatrix(2, 2, A, B);
    const char *d[] = { "0", "1" };
    eq_result *r = solve(g, EQ_METHOD_PURE, 0);
    cr_expect_eq(eq_result_count(r), 1);
    cr_expect(has_approx(r, (double[]){ 0, 1 }, (double[]){ 0, 1 }));
    cr_expect(fabs(eq_result_payoff(r, 0, 0) - 1.0) < 1e-12);
    eq_result_free(r);
    r = solve(g, EQ_METHOD_ENUM, 1);
    cr_expect_eq(eq_result_count(r), 1);
    cr_expect(has_exact(r, d, d));
    eq_result_free(r);
    r = solve(g, EQ_METHOD_LEMKE, 0);
    cr_expect_eq(eq_result_count(r), 1);
    eq_result_free(r);
    eq_game_free(g);
}

/* Battle of the sexes, A = [[2,0],[0,1]], B = [[1,0],[0,2]]: the two pure
** coordinations, and the mixed one where the row player makes the column
** player indifferent (x1 = 2 x2, x = (2/3, 1/3)) and vice versa
** (2 y1 = y2, y = (1/3, 2/3)); payoffs there are (2/3, 2/3). */
Test(classic, battle_of_the_sexes)
{
    double A[] = { 2, 0, 0, 1 }, B[] = { 1, 0, 0, 2 };
    eq_game *g = t_bimatrix(2, 2, A, B);
    const char *o[] = { "1", "0" }, *f[] = { "0", "1" };
    const char *x[] = { "2/3", "1/3" }, *y[] = { "1/3", "2/3" };
    eq_result *r = solve(g, EQ_METHOD_ENUM, 1);
    cr_expect_eq(eq_result_count(r), 3);
    cr_expect(has_exact(r, o, o));
    cr_expect(has_exact(r, f, f));
    cr_expect(has_exact(r, x, y));
    for (int k = 0; k < 3; k++)
        if (strcmp(eq_result_strategy_exact(r, k, 0, 0), "2/3") == 0) {
            cr_expect_str_eq(eq_result_payoff_exact(r, k, 0), "2/3");
            cr_expect_str_eq(eq_result_payoff_exact(r, k, 1), "2/3");
        }
    eq_result_free(r);
    r = solve(g, EQ_METHOD_PURE, 0);
    cr_expect_eq(eq_result_count(r), 2);
    eq_result_free(r);
    r = solve(g, EQ_METHOD_LEMKE, 0);
    for (int k = 0; k < eq_result_count(r); k++)
        cr_expect(eq_result_regret(r, k) < 1e-12);
    eq_result_free(r);
    eq_game_free(g);
}

/* Chicken (Swerve, Straight), A = [[0,-1],[1,-10]], B = A^T: two pure
** equilibria where exactly one swerves, and a mixed one: with q the
** other's probability of swerving, -(1-q) = q - 10(1-q) gives q = 9/10;
** the payoff there is -1/10 each. */
Test(classic, chicken_three_equilibria)
{
    double A[] = { 0, -1, 1, -10 }, B[] = { 0, 1, -1, -10 };
    eq_game *g = t_bimatrix(2, 2, A, B);
    const char *sw[] = { "1", "0" }, *st[] = { "0", "1" }, *mx[] = { "9/10", "1/10" };
    eq_result *r = solve(g, EQ_METHOD_ENUM, 1);
    cr_expect_eq(eq_result_count(r), 3);
    cr_expect(has_exact(r, sw, st));
    cr_expect(has_exact(r, st, sw));
    cr_expect(has_exact(r, mx, mx));
    for (int k = 0; k < 3; k++)
        if (strcmp(eq_result_strategy_exact(r, k, 0, 0), "9/10") == 0)
            cr_expect_str_eq(eq_result_payoff_exact(r, k, 1), "-1/10");
    eq_result_free(r);
    r = solve(g, EQ_METHOD_LEMKE, 0);   /* from every label */
    cr_expect_geq(eq_result_count(r), 1);
    for (int k = 0; k < eq_result_count(r); k++) {
        const double *x = eq_result_strategy(r, k, 0);
        cr_expect(fabs(x[0] - 1) < 1e-9 || fabs(x[0]) < 1e-9 || fabs(x[0] - .9) < 1e-9);
    }
    eq_result_free(r);
    eq_game_free(g);
}

/* Rock-paper-scissors (win 1, lose -1): symmetric zero-sum with a unique
** equilibrium, uniform play, value 0. */
Test(classic, rock_paper_scissors)
{
    double A[] = { 0, -1, 1, 1, 0, -1, -1, 1, 0 };
    double B[9];
    for (int i = 0; i < 9; i++) B[i] = -A[i];
    eq_game *g = t_bimatrix(3, 3, A, B);
    const char *u[] = { "1/3", "1/3", "1/3" };
    eq_result *r = solve(g, EQ_METHOD_ENUM, 1);
    cr_expect_eq(eq_result_count(r), 1);
    cr_expect(has_exact(r, u, u));
    eq_result_free(r);
    r = solve(g, EQ_METHOD_ZEROSUM, 1);
    cr_expect_str_eq(eq_result_payoff_exact(r, 0, 0), "0");
    cr_expect(has_exact(r, u, u));
    eq_result_free(r);
    eq_game_free(g);
}

/* A degenerate game with a continuum of equilibria: A = [[3,3,0],[2,5,6]],
** B = [[3,2,3],[2,6,1]].  Against x = (1,0) columns 1 and 3 tie (payoff 3),
** and row 1 stays a best reply while 3 y1 >= 2 y1 + 6 y3, i.e. y3 <= 1/7:
** the segment x = (1,0), y = (1-t, 0, t), t in [0, 1/7], is a continuum of
** equilibria with extreme points t = 0 and t = 1/7.  Besides: x = (4/5,1/5)
** makes columns 1 and 2 tie at 14/5 (column 3 gives 13/5), and
** y = (2/3,1/3,0) makes both rows give 3; and (row 2, column 2). */
Test(classic, degenerate_continuum)
{
    double A[] = { 3, 3, 0, 2, 5, 6 }, B[] = { 3, 2, 3, 2, 6, 1 };
    eq_game *g = t_bimatrix(2, 3, A, B);
    const char *x0[] = { "1", "0" }, *y0[] = { "1", "0", "0" }, *y1[] = { "6/7", "0", "1/7" };
    const char *x2[] = { "4/5", "1/5" }, *y2[] = { "2/3", "1/3", "0" };
    const char *x3[] = { "0", "1" }, *y3[] = { "0", "1", "0" };
    eq_result *r = solve(g, EQ_METHOD_ENUM, 1);
    cr_expect_eq(eq_result_count(r), 4);
    cr_expect(has_exact(r, x0, y0));
    cr_expect(has_exact(r, x0, y1));
    cr_expect(has_exact(r, x2, y2));
    cr_expect(has_exact(r, x3, y3));
    eq_result_free(r);
    /* Points inside the segment are equilibria too; past t = 1/7 the row
    ** player gains 2y1 + 6y3 - 3y1 = 7t - 1 by switching (0.4 at t = 0.2). */
    double x[] = { 1, 0 };
    double ts[] = { 0.0, 1.0 / 14, 1.0 / 7 };
    for (int i = 0; i < 3; i++) {
        double y[] = { 1 - ts[i], 0, ts[i] }, reg;
        const double *prof[] = { x, y };
        cr_assert_eq(eq_game_regret(g, prof, &reg, NULL), EQ_OK);
        cr_expect(reg < 1e-12, "t=%g regret %g", ts[i], reg);
    }
    {
        double y[] = { 0.8, 0, 0.2 }, reg;
        const double *prof[] = { x, y };
        eq_game_regret(g, prof, &reg, NULL);
        cr_expect(fabs(reg - 0.4) < 1e-12);
    }
    eq_game_free(g);
}

/* Shapley's 3x3 game (Shapley 1964): A = [[0,1,0],[0,0,1],[1,0,0]],
** B = [[0,0,1],[1,0,0],[0,1,0]].  No pure equilibrium, and the unique
** equilibrium is uniform play with payoff 1/3 each; it is the classic game
** on which fictitious play cycles. */
Test(classic, shapley)
{
    double A[] = { 0, 1, 0, 0, 0, 1, 1, 0, 0 }, B[] = { 0, 0, 1, 1, 0, 0, 0, 1, 0 };
    eq_game *g = t_bimatrix(3, 3, A, B);
    const char *u[] = { "1/3", "1/3", "1/3" };
    eq_result *r = solve(g, EQ_METHOD_ENUM, 1);
    cr_expect_eq(eq_result_count(r), 1);
    cr_expect(has_exact(r, u, u));
    cr_expect_str_eq(eq_result_payoff_exact(r, 0, 1), "1/3");
    eq_result_free(r);
    r = solve(g, EQ_METHOD_PURE, 0);
    cr_expect_eq(eq_result_count(r), 0);
    eq_result_free(r);
    r = solve(g, EQ_METHOD_LEMKE, 0);
    cr_expect_eq(eq_result_count(r), 1);
    cr_expect(has_approx(r, (double[]){ 1. / 3, 1. / 3, 1. / 3 },
                         (double[]){ 1. / 3, 1. / 3, 1. / 3 }));
    eq_result_free(r);
    eq_game_free(g);
}

/* A three-player 2x2x2 game.  Players 1 and 2 want to match player 3's
** action; player 3 gets 2 if all three match, 1 if only players 1 and 2
** match each other but not player 3, else 0.  By hand: at (a,a,a) and
** (b,b,b) everybody has their best payoff, so both are equilibria; in any
** other profile player 1 or 2 mismatches player 3 and gains by switching.
** So exactly two pure equilibria. */
static eq_game *three_player(void)
{
    int k[3] = { 2, 2, 2 };
    eq_game *g = NULL;
    cr_assert_eq(eq_game_new(&g, 3, k), EQ_OK);
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++)
            for (int c = 0; c < 2; c++) {
                int prof[3] = { a, b, c };
                eq_game_set_payoff(g, 0, prof, a == c ? 1.0 : 0.0);
                eq_game_set_payoff(g, 1, prof, b == c ? 1.0 : 0.0);
                eq_game_set_payoff(g, 2, prof, (a == b) ? (a == c ? 2.0 : 1.0) : 0.0);
            }
    return g;
}

Test(classic, three_player_pure)
{
    eq_game *g = three_player();
    eq_result *r = solve(g, EQ_METHOD_PURE, 0);
    cr_expect_eq(eq_result_count(r), 2);
    for (int k = 0; k < eq_result_count(r); k++) {
        int a0 = eq_result_strategy(r, k, 0)[0] > .5;
        for (int p = 1; p < 3; p++)
            cr_expect_eq(eq_result_strategy(r, k, p)[0] > .5, a0);
        cr_expect(fabs(eq_result_payoff(r, k, 2) - 2.0) < 1e-12);
        cr_expect(eq_result_regret(r, k) == 0.0);
    }
    eq_result_free(r);
    eq_game_free(g);
}

/* The certificate of a three-player profile, by hand: players 1 and 3 play
** a, player 2 mixes (1/2, 1/2).  Player 1: a gives 1 (matches player 3),
** b gives 0; expected 1, regret 0.  Player 2: a gives 1, b gives 0,
** expected 1/2, regret 1/2.  Player 3: a gives 2 * 1/2 (all match when 2
** plays a) = 1, b gives 1 * 1/2 (1 and 2 match, 3 does not) = 1/2;
** expected 1, regret 0.  Max regret 1/2. */
Test(classic, three_player_certificate)
{
    eq_game *g = three_player();
    double x[] = { 1, 0 }, y[] = { .5, .5 }, z[] = { 1, 0 }, reg, pay[3];
    const double *prof[] = { x, y, z };
    cr_assert_eq(eq_game_regret(g, prof, &reg, pay), EQ_OK);
    cr_expect(fabs(reg - 0.5) < 1e-15);
    cr_expect(fabs(pay[0] - 1.0) < 1e-15);
    cr_expect(fabs(pay[1] - 0.5) < 1e-15);
    cr_expect(fabs(pay[2] - 1.0) < 1e-15);
    eq_game_free(g);
}

/* Methods that need two players refuse a three-player game plainly. */
Test(classic, two_player_methods_refuse_three)
{
    eq_game *g = three_player();
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_solve_opts_init(&o);
    cr_expect_eq(eq_solve(g, &o, &r), EQ_ERR_UNSUPPORTED);
    cr_expect(strstr(eq_result_errmsg(r), "two-player") != NULL);
    eq_result_free(r);
    eq_game_free(g);
}

/* The shipped models hold the same games: spot-check each file against
** the hand derivations above. */
static eq_game *model(const char *name)
{
    char path[1024];
    eq_game *g = NULL;
    eq_diag d;
    snprintf(path, sizeof path, "%s/%s", EQ_MODELS, name);
    cr_assert_eq(eq_game_read_nfg(&g, path, &d), EQ_OK, "%s", d.message);
    return g;
}

Test(classic, shipped_models)
{
    const char *mx[] = { "9/10", "1/10" }, *h[] = { "1/2", "1/2" };
    const char *u[] = { "1/3", "1/3", "1/3" }, *x[] = { "2/3", "1/3" }, *y[] = { "1/3", "2/3" };
    eq_game *g = model("chicken.nfg");
    eq_result *r = solve(g, EQ_METHOD_ENUM, 1);
    cr_expect_eq(eq_result_count(r), 3);
    cr_expect(has_exact(r, mx, mx));
    eq_result_free(r);
    eq_game_free(g);

    g = model("matching_pennies.nfg");
    r = solve(g, EQ_METHOD_ENUM, 1);
    cr_expect_eq(eq_result_count(r), 1);
    cr_expect(has_exact(r, h, h));
    eq_result_free(r);
    eq_game_free(g);

    g = model("battle_of_sexes.nfg");
    r = solve(g, EQ_METHOD_ENUM, 1);
    cr_expect_eq(eq_result_count(r), 3);
    cr_expect(has_exact(r, x, y));
    eq_result_free(r);
    eq_game_free(g);

    g = model("rock_paper_scissors.nfg");
    r = solve(g, EQ_METHOD_ENUM, 1);
    cr_expect_eq(eq_result_count(r), 1);
    cr_expect(has_exact(r, u, u));
    eq_result_free(r);
    eq_game_free(g);

    g = model("shapley.nfg");
    r = solve(g, EQ_METHOD_ENUM, 1);
    cr_expect_eq(eq_result_count(r), 1);
    cr_expect(has_exact(r, u, u));
    eq_result_free(r);
    eq_game_free(g);

    g = model("prisoners_dilemma.nfg");
    r = solve(g, EQ_METHOD_PURE, 0);
    cr_expect_eq(eq_result_count(r), 1);
    cr_expect(fabs(eq_result_payoff(r, 0, 0) - 1.0) < 1e-12);
    eq_result_free(r);
    eq_game_free(g);

    /* Three-player coordination: 1 each when all three choose the same
    ** action, else 0.  At an all-same profile nobody can gain (a switch
    ** breaks the match); elsewhere some player can join the other two...
    ** unless all differ, impossible with two actions: one action is held by
    ** exactly one player, who gains 1 by switching.  So the two
    ** all-same profiles are the only pure equilibria. */
    g = model("three_player.nfg");
    r = solve(g, EQ_METHOD_PURE, 0);
    cr_expect_eq(eq_result_count(r), 2);
    for (int k = 0; k < eq_result_count(r); k++) {
        int a0 = eq_result_strategy(r, k, 0)[0] > .5;
        for (int p = 1; p < 3; p++)
            cr_expect_eq(eq_result_strategy(r, k, p)[0] > .5, a0);
    }
    eq_result_free(r);
    eq_game_free(g);
}
