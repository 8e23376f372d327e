/*
** test_lemke.c -- the Lemke-Howson method against equilibria derived by
** hand, on degenerate games, under rescaled payoffs, in exact mode and on
** seeded random games.
**
** Labels: 0..m-1 are player 1's actions, m..m+n-1 player 2's.
*/
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"

#define EPS 1e-9

/* Solve g by Lemke-Howson from label (-1: every label). */
static eq_status lh(const eq_game *g, int label, int exact, int maxeq,
                    eq_result **r)
{
    eq_solve_opts o;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_LEMKE;
    o.lemke_label = label;
    o.exact = exact;
    o.max_equilibria = maxeq;
    return eq_solve(g, &o, r);
}

/* Whether equilibrium k of r is (x, y) to within EPS. */
static int is_eq(const eq_result *r, int k, const double *x, const double *y)
{
    const double *rx = eq_result_strategy(r, k, 0);
    const double *ry = eq_result_strategy(r, k, 1);
    for (int i = 0; i < eq_result_actions(r, 0); i++)
        if (fabs(rx[i] - x[i]) > EPS)
            return 0;
    for (int j = 0; j < eq_result_actions(r, 1); j++)
        if (fabs(ry[j] - y[j]) > EPS)
            return 0;
    return 1;
}

/* Every equilibrium of r is one of the nk listed (xs[c], ys[c]) and has a
** certificate below EPS. */
static void all_among(const eq_result *r, int nk, const double *xs,
                      const double *ys)
{
    int m = eq_result_actions(r, 0), n = eq_result_actions(r, 1);
    cr_assert_geq(eq_result_count(r), 1);
    for (int k = 0; k < eq_result_count(r); k++) {
        int found = 0;
        cr_expect_leq(eq_result_regret(r, k), EPS, "regret %g",
                      eq_result_regret(r, k));
        for (int c = 0; c < nk && !found; c++)
            found = is_eq(r, k, xs + c * m, ys + c * n);
        cr_expect(found, "equilibrium %d is not a known one", k);
    }
}

/*
** Battle of the sexes, A = [[2,0],[0,1]], B = [[1,0],[0,2]].
** Pure equilibria (T,L) and (B,R).  Mixed: y makes player 1 indifferent,
** 2 y1 = y2, so y = (1/3, 2/3); x makes player 2 indifferent, x1 = 2 x2,
** so x = (2/3, 1/3).
**
** Path from label 0 (drop x1 = 0): in P, x1 grows along the edge x2 = 0
** until a column becomes a best reply: column L pays 1 > 0, so (B^T x)_L
** reaches the bound first; label 2 (L) is picked up and is duplicate (it
** is also y_L = 0 in Q).  In Q, y_L grows with y_R = 0 until a row becomes
** a best reply: row T pays 2 > 0, so label 0 is picked up -- the missing
** label.  End: x = (1, 0), y = (1, 0).
*/
static const double bos_a[] = { 2, 0, 0, 1 };
static const double bos_b[] = { 1, 0, 0, 2 };
static const double bos_x[] = { 1, 0, 0, 1, 2.0 / 3, 1.0 / 3 };
static const double bos_y[] = { 1, 0, 0, 1, 1.0 / 3, 2.0 / 3 };

Test(lemke, bos_from_label_0)
{
    eq_game *g = t_bimatrix(2, 2, bos_a, bos_b);
    eq_result *r = NULL;
    cr_assert_eq(lh(g, 0, 0, 0, &r), EQ_OK, "%s", eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), 1);
    cr_expect(is_eq(r, 0, bos_x, bos_y));
    cr_expect_leq(eq_result_regret(r, 0), EPS);
    cr_expect_eq(eq_result_method(r), EQ_METHOD_LEMKE);
    cr_expect_eq(eq_result_solution(r), EQ_SOL_FOUND);
    eq_result_free(r);
    eq_game_free(g);
}

Test(lemke, bos_from_all_labels)
{
    eq_game *g = t_bimatrix(2, 2, bos_a, bos_b);
    eq_result *r = NULL;
    cr_assert_eq(lh(g, -1, 0, 0, &r), EQ_OK, "%s", eq_result_errmsg(r));
    cr_expect_leq(eq_result_count(r), 3);
    all_among(r, 3, bos_x, bos_y);
    eq_result_free(r);
    eq_game_free(g);
}

/* Matching pennies: no pure equilibrium; each player must make the other
** indifferent, so both mix (1/2, 1/2).  Unique. */
Test(lemke, matching_pennies)
{
    static const double a[] = { 1, -1, -1, 1 }, b[] = { -1, 1, 1, -1 };
    static const double h[] = { 0.5, 0.5 };
    eq_game *g = t_bimatrix(2, 2, a, b);
    eq_result *r = NULL;
    cr_assert_eq(lh(g, -1, 0, 0, &r), EQ_OK, "%s", eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), 1);
    all_among(r, 1, h, h);
    eq_result_free(r);
    eq_game_free(g);
}

/* Rock-paper-scissors: the unique equilibrium is uniform, by symmetry and
** since every pure strategy is beaten by another. */
Test(lemke, rock_paper_scissors)
{
    static const double a[] = { 0, -1, 1, 1, 0, -1, -1, 1, 0 };
    static const double b[] = { 0, 1, -1, -1, 0, 1, 1, -1, 0 };
    static const double u[] = { 1.0 / 3, 1.0 / 3, 1.0 / 3 };
    eq_game *g = t_bimatrix(3, 3, a, b);
    eq_result *r = NULL;
    cr_assert_eq(lh(g, -1, 0, 0, &r), EQ_OK, "%s", eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), 1);
    all_among(r, 1, u, u);
    eq_result_free(r);
    eq_game_free(g);
}

/*
** Chicken, actions (Swerve, Straight): A = [[0,-1],[1,-10]], B = A^T.
** Pure: (Straight, Swerve) and (Swerve, Straight) -- the best reply to
** Swerve is Straight (1 > 0), to Straight it is Swerve (-1 > -10).
** Mixed: player 1 is indifferent when -y2 = y1 - 10 y2, so y1 = 9 y2,
** y = (9/10, 1/10); by symmetry x = (9/10, 1/10).
*/
static const double ch_a[] = { 0, -1, 1, -10 };
static const double ch_b[] = { 0, 1, -1, -10 };
static const double ch_x[] = { 0, 1, 1, 0, 0.9, 0.1 };
static const double ch_y[] = { 1, 0, 0, 1, 0.9, 0.1 };

Test(lemke, chicken)
{
    eq_game *g = t_bimatrix(2, 2, ch_a, ch_b);
    eq_result *r = NULL;
    cr_assert_eq(lh(g, -1, 0, 0, &r), EQ_OK, "%s", eq_result_errmsg(r));
    cr_expect_leq(eq_result_count(r), 3);
    all_among(r, 3, ch_x, ch_y);
    eq_result_free(r);
    eq_game_free(g);
}

/*
** von Stengel's 3 x 2 example, A = [[3,3],[2,5],[0,6]], B = [[3,2],[2,6],
** [3,1]].  Player 1's values against y: 3, 2 + 3 y2, 6 y2, with ties at
** y2 = 1/3 (rows 1,2) and y2 = 2/3 (rows 2,3).  Player 2's: 3x1+2x2+3x3
** against 2x1+6x2+x3.  Equilibria: ((1,0,0),(1,0)); rows 1,2 mixed with
** 3x1+2x2 = 2x1+6x2: x = (4/5,1/5,0), y = (2/3,1/3); rows 2,3 mixed with
** 2x2+3x3 = 6x2+x3: x = (0,1/3,2/3), y = (1/3,2/3).  No pure strategy
** has two best replies, so this one is nondegenerate.
*/
Test(lemke, von_stengel_3x2)
{
    static const double a[] = { 3, 3, 2, 5, 0, 6 };
    static const double b[] = { 3, 2, 2, 6, 3, 1 };
    static const double xs[] = { 1, 0, 0, 0.8, 0.2, 0, 0, 1.0 / 3, 2.0 / 3 };
    static const double ys[] = { 1, 0, 2.0 / 3, 1.0 / 3, 1.0 / 3, 2.0 / 3 };
    eq_game *g = t_bimatrix(3, 2, a, b);
    for (int k = -1; k < 5; k++) {
        eq_result *r = NULL;
        cr_assert_eq(lh(g, k, 0, 0, &r), EQ_OK, "label %d: %s", k,
                     eq_result_errmsg(r));
        all_among(r, 3, xs, ys);
        eq_result_free(r);
    }
    eq_game_free(g);
}

/*
** The degenerate variant of the same game: B's first row becomes (3,3),
** so the pure strategy x = (1,0,0) has two best replies.  Player 2's
** values are 3x1+2x2+3x3 and 3x1+6x2+x3.  Equilibria: x = (1,0,0) with
** any y whose y2 <= 1/3 (row 1 stays a best reply), a segment with ends
** (1,0) and (2/3,1/3); and rows 2,3 mixed with 2x2+3x3 = 6x2+x3, so
** x = (0,1/3,2/3), y = (1/3,2/3).  (Rows 1,2 mixed would need x2 = 0.)
** The degenerate vertex makes the ratio test tie; every label must still
** reach an equilibrium.
*/
Test(lemke, degenerate_3x2)
{
    static const double a[] = { 3, 3, 2, 5, 0, 6 };
    static const double b[] = { 3, 3, 2, 6, 3, 1 };
    eq_game *g = t_bimatrix(3, 2, a, b);
    for (int k = -1; k < 5; k++) {
        eq_result *r = NULL;
        cr_assert_eq(lh(g, k, 0, 0, &r), EQ_OK, "label %d: %s", k,
                     eq_result_errmsg(r));
        cr_assert_geq(eq_result_count(r), 1);
        for (int e = 0; e < eq_result_count(r); e++) {
            const double *x = eq_result_strategy(r, e, 0);
            const double *y = eq_result_strategy(r, e, 1);
            int seg = fabs(x[0] - 1) <= EPS && y[1] <= 1.0 / 3 + EPS;
            int mix = fabs(x[1] - 1.0 / 3) <= EPS &&
                      fabs(x[2] - 2.0 / 3) <= EPS &&
                      fabs(y[0] - 1.0 / 3) <= EPS;
            cr_expect(seg || mix, "label %d: unknown equilibrium", k);
            cr_expect_leq(eq_result_regret(r, e), EPS);
        }
        eq_result_free(r);
    }
    eq_game_free(g);
}

/* Heavily degenerate games: many ties in every ratio test.  The
** certificate (max regret) is the check. */
Test(lemke, degenerate_many_ties)
{
    static const double a1[] = { 1, 3, 3, 3, 1, 3, 1, 3, 3 };
    static const double b1[] = { 3, 3, 1, 1, 1, 3, 3, 1, 3 };
    static const double a2[] = { 0, -1, 1, -1, 0, 1, -1, 1, 0 };
    static const double b2[] = { 0, 1, -1, 1, 0, -1, 1, -1, 0 };
    static const double zero[12] = { 0 };
    struct { int m, n; const double *a, *b; } games[] = {
        { 3, 3, a1, b1 }, { 3, 3, a2, b2 }, { 3, 4, zero, zero },
        { 3, 3, a1, a1 },
    };
    for (size_t c = 0; c < sizeof games / sizeof games[0]; c++) {
        eq_game *g = t_bimatrix(games[c].m, games[c].n, games[c].a, games[c].b);
        for (int k = -1; k < games[c].m + games[c].n; k++) {
            eq_result *r = NULL;
            cr_assert_eq(lh(g, k, 0, 0, &r), EQ_OK, "game %zu label %d: %s",
                         c, k, eq_result_errmsg(r));
            cr_assert_geq(eq_result_count(r), 1);
            for (int e = 0; e < eq_result_count(r); e++)
                cr_expect_leq(eq_result_regret(r, e), EPS, "game %zu", c);
            eq_result_free(r);
        }
        eq_game_free(g);
    }
}

/* A tiny deterministic generator (Numerical Recipes' LCG), so the random
** games are the same on every platform. */
static unsigned lcg(unsigned *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

/* An m x n game with payoffs in 0..mod-1, scaled and shifted.  A small
** mod makes many ties: degenerate games. */
static eq_game *random_game_mod(int m, int n, unsigned seed, unsigned mod,
                                double scale, double shift)
{
    double a[144], b[144];
    cr_assert_leq(m * n, 144);
    for (int i = 0; i < m * n; i++) {
        a[i] = (double)(lcg(&seed) % mod) * scale + shift;
        b[i] = (double)(lcg(&seed) % mod) * scale + shift;
    }
    return t_bimatrix(m, n, a, b);
}

static eq_game *random_game(int m, int n, unsigned seed, double scale,
                            double shift)
{
    return random_game_mod(m, n, seed, 100, scale, shift);
}

/* Degenerate random games (payoffs 0, 1, 2 on 12 x 12): every label ends
** at an equilibrium, which is exact in exact mode. */
Test(lemke, random_degenerate_12x12)
{
    for (unsigned seed = 1; seed <= 10; seed++) {
        eq_game *g = random_game_mod(12, 12, seed, 3, 1.0, 0.0);
        for (int exact = 0; exact <= 1; exact++) {
            eq_result *r = NULL;
            cr_assert_eq(lh(g, -1, exact, 0, &r), EQ_OK, "seed %u: %s", seed,
                         eq_result_errmsg(r));
            cr_assert_geq(eq_result_count(r), 1);
            for (int k = 0; k < eq_result_count(r); k++) {
                cr_expect_leq(eq_result_regret(r, k), EPS, "seed %u", seed);
                if (exact)
                    cr_expect_str_eq(eq_result_regret_exact(r, k), "0");
            }
            eq_result_free(r);
        }
        eq_game_free(g);
    }
}

Test(lemke, random_8x8_certificates)
{
    for (unsigned seed = 1; seed <= 20; seed++) {
        eq_game *g = random_game(8, 8, seed, 1.0, 0.0);
        eq_result *r = NULL;
        cr_assert_eq(lh(g, -1, 0, 0, &r), EQ_OK, "seed %u: %s", seed,
                     eq_result_errmsg(r));
        cr_assert_geq(eq_result_count(r), 1);
        for (int k = 0; k < eq_result_count(r); k++)
            cr_expect_leq(eq_result_regret(r, k), EPS, "seed %u: regret %g",
                          seed, eq_result_regret(r, k));
        eq_result_free(r);
        eq_game_free(g);
    }
}

/* Equilibria do not depend on the unit or origin of payoffs. */
static void same_results(const eq_result *r0, const eq_result *r1)
{
    int tot = eq_result_actions(r0, 0) + eq_result_actions(r0, 1);
    cr_assert_eq(eq_result_count(r0), eq_result_count(r1));
    for (int k = 0; k < eq_result_count(r0); k++) {
        const double *p = eq_result_strategy(r0, k, 0);
        const double *q = eq_result_strategy(r1, k, 0);
        for (int i = 0; i < tot; i++)   /* x and y are contiguous */
            cr_expect(fabs(p[i] - q[i]) <= EPS, "eq %d entry %d: %.17g vs %.17g",
                      k, i, p[i], q[i]);
    }
}

Test(lemke, scale_invariance)
{
    static const double mult[] = { 1e6, 1e-6, 1.0 };
    static const double add[] = { 0.0, 0.0, 1000.0 };
    for (unsigned seed = 1; seed <= 5; seed++) {
        eq_game *g0 = random_game(6, 7, seed, 1.0, 0.0);
        eq_result *r0 = NULL;
        cr_assert_eq(lh(g0, -1, 0, 0, &r0), EQ_OK);
        for (int t = 0; t < 3; t++) {
            eq_game *g1 = random_game(6, 7, seed, mult[t], add[t]);
            eq_result *r1 = NULL;
            cr_assert_eq(lh(g1, -1, 0, 0, &r1), EQ_OK);
            same_results(r0, r1);
            eq_result_free(r1);
            eq_game_free(g1);
        }
        eq_result_free(r0);
        eq_game_free(g0);
    }
}

/* Chicken scaled the same ways: still the hand-derived equilibria. */
Test(lemke, scale_invariance_chicken)
{
    static const double mult[] = { 1.0, 1e6, 1e-6, 1.0 };
    static const double add[] = { 0.0, 0.0, 0.0, 1000.0 };
    eq_result *r0 = NULL;
    for (int t = 0; t < 4; t++) {
        double a[4], b[4];
        eq_game *g;
        eq_result *r = NULL;
        for (int i = 0; i < 4; i++) {
            a[i] = ch_a[i] * mult[t] + add[t];
            b[i] = ch_b[i] * mult[t] + add[t];
        }
        g = t_bimatrix(2, 2, a, b);
        cr_assert_eq(lh(g, -1, 0, 0, &r), EQ_OK);
        all_among(r, 3, ch_x, ch_y);
        if (r0 == NULL)
            r0 = r;
        else {
            same_results(r0, r);
            eq_result_free(r);
        }
        eq_game_free(g);
    }
    eq_result_free(r0);
}

/* Exact mode: the path of label 0 in battle of the sexes ends at (T, L)
** (see above), exactly; payoffs 2 and 1. */
Test(lemke, exact_bos_label_0)
{
    eq_game *g = t_bimatrix(2, 2, bos_a, bos_b);
    eq_result *r = NULL;
    cr_assert_eq(lh(g, 0, 1, 0, &r), EQ_OK, "%s", eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), 1);
    cr_assert(eq_result_is_exact(r));
    cr_expect_str_eq(eq_result_strategy_exact(r, 0, 0, 0), "1");
    cr_expect_str_eq(eq_result_strategy_exact(r, 0, 0, 1), "0");
    cr_expect_str_eq(eq_result_strategy_exact(r, 0, 1, 0), "1");
    cr_expect_str_eq(eq_result_strategy_exact(r, 0, 1, 1), "0");
    cr_expect_str_eq(eq_result_payoff_exact(r, 0, 0), "2");
    cr_expect_str_eq(eq_result_payoff_exact(r, 0, 1), "1");
    cr_expect_str_eq(eq_result_regret_exact(r, 0), "0");
    eq_result_free(r);
    eq_game_free(g);
}

/*
** Exact mode on a game whose only equilibrium is mixed, so the path must
** end there: A = [[2,0],[0,1]] (player 1 wants to match), B = [[0,2],
** [1,0]] (player 2 wants to mismatch).  No pure equilibrium (each cell
** has a profitable deviation).  Player 1 indifferent: 2 y1 = y2, y =
** (1/3, 2/3); player 2 indifferent: x2 = 2 x1, x = (1/3, 2/3).  Payoffs:
** 2/3 each.
*/
Test(lemke, exact_mixed_thirds)
{
    static const double a[] = { 2, 0, 0, 1 }, b[] = { 0, 2, 1, 0 };
    eq_game *g = t_bimatrix(2, 2, a, b);
    for (int k = -1; k < 4; k++) {
        eq_result *r = NULL;
        cr_assert_eq(lh(g, k, 1, 0, &r), EQ_OK, "%s", eq_result_errmsg(r));
        cr_assert_eq(eq_result_count(r), 1);
        cr_expect_str_eq(eq_result_strategy_exact(r, 0, 0, 0), "1/3");
        cr_expect_str_eq(eq_result_strategy_exact(r, 0, 0, 1), "2/3");
        cr_expect_str_eq(eq_result_strategy_exact(r, 0, 1, 0), "1/3");
        cr_expect_str_eq(eq_result_strategy_exact(r, 0, 1, 1), "2/3");
        cr_expect_str_eq(eq_result_payoff_exact(r, 0, 0), "2/3");
        cr_expect_str_eq(eq_result_payoff_exact(r, 0, 1), "2/3");
        cr_expect_str_eq(eq_result_regret_exact(r, 0), "0");
        cr_expect(fabs(eq_result_strategy(r, 0, 0)[0] - 1.0 / 3) <= EPS);
        eq_result_free(r);
    }
    eq_game_free(g);
}

/* Exact mode on degenerate and random games: the final basis always
** yields an exact equilibrium. */
Test(lemke, exact_degenerate_and_random)
{
    static const double a[] = { 3, 3, 2, 5, 0, 6 };
    static const double b[] = { 3, 3, 2, 6, 3, 1 };
    eq_game *g = t_bimatrix(3, 2, a, b);
    eq_result *r = NULL;
    cr_assert_eq(lh(g, -1, 1, 0, &r), EQ_OK, "%s", eq_result_errmsg(r));
    for (int k = 0; k < eq_result_count(r); k++)
        cr_expect_str_eq(eq_result_regret_exact(r, k), "0");
    eq_result_free(r);
    eq_game_free(g);
    for (unsigned seed = 1; seed <= 5; seed++) {
        g = random_game(8, 8, seed, 1.0, 0.0);
        r = NULL;
        cr_assert_eq(lh(g, -1, 1, 0, &r), EQ_OK, "seed %u: %s", seed,
                     eq_result_errmsg(r));
        for (int k = 0; k < eq_result_count(r); k++)
            cr_expect_str_eq(eq_result_regret_exact(r, k), "0");
        eq_result_free(r);
        eq_game_free(g);
    }
}

/* max_equilibria: stop at the first, and say more may exist. */
Test(lemke, max_equilibria_partial)
{
    eq_game *g = t_bimatrix(2, 2, ch_a, ch_b);
    eq_result *r = NULL, *all = NULL;
    cr_assert_eq(lh(g, -1, 0, 0, &all), EQ_OK);
    cr_assert_eq(lh(g, -1, 0, 1, &r), EQ_OK);
    cr_expect_eq(eq_result_count(r), 1);
    cr_expect_eq(eq_result_solution(r), EQ_SOL_PARTIAL);
    /* A limit that is not reached changes nothing. */
    eq_result_free(r);
    r = NULL;
    cr_assert_eq(lh(g, -1, 0, 10, &r), EQ_OK);
    cr_expect_eq(eq_result_count(r), eq_result_count(all));
    cr_expect_eq(eq_result_solution(r), EQ_SOL_FOUND);
    eq_result_free(r);
    eq_result_free(all);
    eq_game_free(g);
}

Test(lemke, bad_label)
{
    eq_game *g = t_bimatrix(2, 2, bos_a, bos_b);
    int bad[] = { 4, 5, -2 };
    for (size_t c = 0; c < sizeof bad / sizeof bad[0]; c++) {
        eq_result *r = NULL;
        cr_expect_eq(lh(g, bad[c], 0, 0, &r), EQ_ERR_ARG);
        cr_assert_not_null(r);
        cr_expect_neq(strlen(eq_result_errmsg(r)), 0);
        cr_expect_eq(eq_result_count(r), 0);
        eq_result_free(r);
    }
    eq_game_free(g);
}

/* Lemke-Howson needs two players. */
Test(lemke, three_players_unsupported)
{
    int k[3] = { 2, 2, 2 };
    eq_game *g = NULL;
    eq_result *r = NULL;
    cr_assert_eq(eq_game_new(&g, 3, k), EQ_OK);
    cr_expect_eq(lh(g, -1, 0, 0, &r), EQ_ERR_UNSUPPORTED);
    eq_result_free(r);
    eq_game_free(g);
}

/* Progress goes through the log callback: one note per path. */
static void count_log(void *ud, int level, const char *msg)
{
    cr_expect_eq(level, 0);
    cr_expect_not_null(strstr(msg, "pivots"));
    ++*(int *)ud;
}

Test(lemke, log_callback)
{
    eq_game *g = t_bimatrix(2, 2, ch_a, ch_b);
    eq_result *r = NULL;
    eq_solve_opts o;
    int calls = 0;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_LEMKE;
    o.log = count_log;
    o.log_ud = &calls;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_OK);
    cr_expect_eq(calls, 4);
    eq_result_free(r);
    eq_game_free(g);
}
