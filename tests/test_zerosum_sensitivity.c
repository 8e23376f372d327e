/*
** test_zerosum_sensitivity.c -- the LP sensitivity of the zerosum method:
** the duals (the minimiser's equilibrium strategy and the value) and the
** objective ranges, each derived by hand in the comment above its test or
** checked by re-solving the perturbed game.  (Moved out of
** test_correlated.c, which holds the correlated LP's own sensitivity.)
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"

static int near(double a, double b, double tol)
{
    return fabs(a - b) <= tol;
}

static double unif(t_rng *r, double lo, double hi)
{
    return lo + (hi - lo) * (double)(t_rng_next(r) >> 11) * 0x1.0p-53;
}

static eq_game *zero_sum(int m, int n, const double *A, double c)
{
    double *B = malloc((size_t)(m * n) * sizeof *B);
    eq_game *g;
    cr_assert_not_null(B);
    for (int t = 0; t < m * n; t++)
        B[t] = c - A[t];
    g = t_bimatrix(m, n, A, B);
    free(B);
    return g;
}

static eq_result *solve_zs(const eq_game *g, int exact)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_status s;
    eq_solve_opts_init(&o);
    o.sensitivity = 1;   /* the tests read the duals and ranges */
    o.method = EQ_METHOD_ZEROSUM;
    o.exact = exact;
    s = eq_solve(g, &o, &r);
    cr_assert_eq(s, EQ_OK, "%s", eq_result_errmsg(r));
    return r;
}

/*
** Matching pennies: the column player's optimal strategy is (1/2, 1/2)
** and the value 0.  The dual of column j's row "v - payoff of x against j
** <= 0" is d(value)/d(rhs): by LP duality, y_j = 1/2; that of sum x = 1 is
** the value (the LP is homogeneous in its right-hand side).
*/
Test(zerosum_sensitivity, matching_pennies_duals)
{
    static const double A[4] = { 1, -1, -1, 1 };
    eq_game *g = zero_sum(2, 2, A, 0);
    eq_result *r;
    eq_game_set_action_name(g, 1, 0, "Heads");
    eq_game_set_action_name(g, 1, 1, "Tails");
    r = solve_zs(g, 0);
    cr_assert_eq(eq_result_lp_rows(r), 3);
    cr_assert_str_eq(eq_result_lp_row_name(r, 0),
                     "column Heads: v - payoff of x against Heads <= 0");
    cr_assert_str_eq(eq_result_lp_row_name(r, 2), "probabilities of x sum to 1");
    cr_assert(near(eq_result_lp_dual(r, 0), 0.5, 1e-12));
    cr_assert(near(eq_result_lp_dual(r, 1), 0.5, 1e-12));
    cr_assert(near(eq_result_lp_dual(r, 0), eq_result_strategy(r, 0, 1)[0], 1e-12));
    cr_assert(near(eq_result_lp_dual(r, 2), 0.0, 1e-12));
    cr_assert(near(eq_result_lp_dual(r, 2), eq_result_value(r), 1e-12));
    eq_result_free(r);
    eq_game_free(g);
}

/*
** A 2 x 2 game with value 1/7, constant-sum (A + B = 10):
**     A = [ 3  -1 ]
**         [-2   1 ]
** No saddle point (row minima -1, -2; column maxima 3, 1).  x = (3/7,
** 4/7), y = (2/7, 5/7), value 1/7, all by the 2 x 2 formulas x1 = (a22 -
** a21)/D, y1 = (a22 - a12)/D, v = (a11 a22 - a12 a21)/D, D = a11 + a22 -
** a12 - a21 = 7.  So the duals are 2/7, 5/7 and 1/7.
** Ranges of each payoff, the others fixed: the mixed basis (both actions
** of both players) stays optimal while the formulas give probabilities in
** [0, 1] (D > 0):
**   a11 = 3 + e: D = 7 + e, x1 = 3/(7 + e) <= 1 iff e >= -4, y1 =
**     2/(7 + e) <= 1 iff e >= -5: a11 in [-1, inf);
**   a12 = -1 + e: D = 7 - e, x1 = 3/(7 - e) <= 1 iff e <= 4, y1 = (2 -
**     e)/(7 - e) >= 0 iff e <= 2: a12 in (-inf, 1];
**   a21 = -2 + e: D = 7 - e, x1 = (3 - e)/(7 - e) >= 0 iff e <= 3, y1 =
**     2/(7 - e) <= 1 iff e <= 5: a21 in (-inf, 1];
**   a22 = 1 + e: D = 7 + e, x1 = (3 + e)/(7 + e) >= 0 iff e >= -3, y1 =
**     (2 + e)/(7 + e) >= 0 iff e >= -2: a22 in [-1, inf).
** At a11 = -1.5 (outside) (T, L) is a saddle point (row T's minimum -1.5
** is column L's maximum), so the equilibrium turns pure.
*/
Test(zerosum_sensitivity, two_by_two_by_hand)
{
    static const double A[4] = { 3, -1, -2, 1 };
    static const double lo[4] = { -1, -HUGE_VAL, -HUGE_VAL, -1 };
    static const double hi[4] = { HUGE_VAL, 1, 1, HUGE_VAL };
    eq_game *g = zero_sum(2, 2, A, 10);
    eq_result *r = solve_zs(g, 0);
    cr_assert(near(eq_result_lp_dual(r, 0), 2.0 / 7.0, 1e-12));
    cr_assert(near(eq_result_lp_dual(r, 1), 5.0 / 7.0, 1e-12));
    cr_assert(near(eq_result_lp_dual(r, 2), 1.0 / 7.0, 1e-12));
    cr_assert_eq(eq_result_lp_ranges(r), 4);
    cr_assert_str_eq(eq_result_lp_range_name(r, 1), "player 1's payoff at (1, 2)");
    for (int t = 0; t < 4; t++) {
        cr_assert_eq(eq_result_lp_range_value(r, t), A[t]);
        cr_assert(isinf(lo[t]) ? isinf(eq_result_lp_range_lo(r, t))
                               : near(eq_result_lp_range_lo(r, t), lo[t], 1e-9),
                  "entry %d lo %.17g", t, eq_result_lp_range_lo(r, t));
        cr_assert(isinf(hi[t]) ? isinf(eq_result_lp_range_hi(r, t))
                               : near(eq_result_lp_range_hi(r, t), hi[t], 1e-9),
                  "entry %d hi %.17g", t, eq_result_lp_range_hi(r, t));
    }
    eq_result_free(r);
    /* Exact mode keeps the sensitivity of the same basis. */
    r = solve_zs(g, 1);
    cr_assert_eq(eq_result_lp_ranges(r), 4);
    cr_assert(near(eq_result_lp_range_lo(r, 0), -1, 1e-9));
    cr_assert(near(eq_result_lp_dual(r, 2), 1.0 / 7.0, 1e-12));
    eq_result_free(r);
    eq_game_free(g);
}

/* The supports of a solved two-player game: bit i of *sx for x_i > tol,
** bit j of *sy for y_j > tol. */
static void supports(const eq_result *r, int m, int n, unsigned *sx, unsigned *sy)
{
    *sx = *sy = 0;
    for (int i = 0; i < m; i++)
        if (eq_result_strategy(r, 0, 0)[i] > 1e-9)
            *sx |= 1u << i;
    for (int j = 0; j < n; j++)
        if (eq_result_strategy(r, 0, 1)[j] > 1e-9)
            *sy |= 1u << j;
}

/*
** Every payoff range of random zero-sum games (continuous payoffs, so the
** equilibrium is unique and nondegenerate: the optimal basis is fixed by
** the supports) re-solved at its ends: inside (halfway to a finite end,
** 100 toward an infinite one) the supports are the same; outside (1% of
** the side past a finite end) they change.  The first games are small
** enough for hand checks, the last have many inactive rows and columns.
*/
Test(zerosum_sensitivity, ranges_resolved_random)
{
    static const int sizes[][2] = { { 2, 3 }, { 3, 3 }, { 4, 4 }, { 5, 3 }, { 3, 6 },
                                    { 6, 6 }, { 7, 5 }, { 8, 8 } };
    t_rng rng = { 99 };
    int finite = 0;
    for (size_t t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
        int m = sizes[t][0], n = sizes[t][1];
        double A[64];
        unsigned sx0, sy0;
        eq_game *g;
        eq_result *r;
        for (int q = 0; q < m * n; q++)
            A[q] = unif(&rng, -1, 1);
        g = zero_sum(m, n, A, 0);
        r = solve_zs(g, 0);
        supports(r, m, n, &sx0, &sy0);
        cr_assert_eq(eq_result_lp_ranges(r), m * n);
        cr_assert_eq(eq_result_lp_rows(r), n + 1);
        for (int j = 0; j < n; j++)
            cr_assert(near(eq_result_lp_dual(r, j), eq_result_strategy(r, 0, 1)[j], 1e-9));
        cr_assert(near(eq_result_lp_dual(r, n), eq_result_value(r), 1e-9));
        for (int q = 0; q < m * n; q++) {
            double a = eq_result_lp_range_value(r, q);
            cr_assert_eq(a, A[q]);
            for (int side = 0; side < 2; side++) {
                double end = side ? eq_result_lp_range_hi(r, q) : eq_result_lp_range_lo(r, q);
                double dir = side ? 1.0 : -1.0;
                cr_assert(side ? end >= a : end <= a);
                for (int in = 1; in >= 0; in--) {
                    double at;
                    unsigned sx, sy;
                    eq_game *h;
                    eq_result *r2;
                    /* An end beyond 1000 (payoffs in [-1, 1]) is tested
                    ** as an infinite one: past it, the other payoffs
                    ** are lost in rounding. */
                    int far = fabs(end - a) > 1e3;
                    if (in)
                        at = far ? a + dir * 100.0 : a + 0.5 * (end - a);
                    else if (!far)
                        at = end + dir * fmax(1e-4, 0.01 * fabs(end - a));
                    else
                        continue;
                    A[q] = at;
                    h = zero_sum(m, n, A, 0);
                    r2 = solve_zs(h, 0);
                    supports(r2, m, n, &sx, &sy);
                    if (in)
                        cr_assert(sx == sx0 && sy == sy0,
                                  "game %zu entry %d at %g inside [%g, %g]: supports "
                                  "%x/%x became %x/%x", t, q, at,
                                  eq_result_lp_range_lo(r, q), eq_result_lp_range_hi(r, q),
                                  sx0, sy0, sx, sy);
                    else
                        cr_assert(sx != sx0 || sy != sy0,
                                  "game %zu entry %d at %g outside [%g, %g]: supports "
                                  "unchanged", t, q, at, eq_result_lp_range_lo(r, q),
                                  eq_result_lp_range_hi(r, q));
                    finite += !in;
                    eq_result_free(r2);
                    eq_game_free(h);
                    A[q] = a;
                }
            }
        }
        eq_result_free(r);
        eq_game_free(g);
    }
    cr_assert(finite >= 100, "only %d finite ends", finite);
}
