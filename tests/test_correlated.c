/*
** test_correlated.c -- correlated and coarse correlated equilibria (the
** correlated method), and the LP sensitivity of the correlated method
** (the zerosum method's: test_zerosum.c).
**
** Every expected value below is derived by hand in the comment above its
** test.  Properties (every Nash equilibrium is a correlated equilibrium,
** CE inside CCE) are checked on seeded random games with a certificate
** computed here, independently of the library.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"
/* lp.h brings the library's allocation macros (alloc.h); this file's own
** memory, and the counting allocator below, use the C library's. */
#undef malloc
#undef calloc
#undef realloc
#undef free

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static int near(double a, double b, double tol)
{
    return fabs(a - b) <= tol;
}

/* A game with n players and k[p] actions, every payoff 0. */
static eq_game *new_game(int n, const int *k)
{
    eq_game *g = NULL;
    cr_assert_eq(eq_game_new(&g, n, k), EQ_OK);
    return g;
}

/* Flat index of a profile (row-major, last player fastest). */
static size_t index_of(const eq_game *g, const int *prof)
{
    size_t s = 0;
    for (int p = 0; p < eq_game_players(g); p++)
        s = s * (size_t)eq_game_actions(g, p) + (size_t)prof[p];
    return s;
}

/* The profile of flat index s. */
static void profile_of(const eq_game *g, size_t s, int *prof)
{
    for (int p = eq_game_players(g) - 1; p >= 0; p--) {
        prof[p] = (int)(s % (size_t)eq_game_actions(g, p));
        s /= (size_t)eq_game_actions(g, p);
    }
}

static void set_pay(eq_game *g, const int *prof, const double *u)
{
    for (int p = 0; p < eq_game_players(g); p++)
        cr_assert_eq(eq_game_set_payoff(g, p, prof, u[p]), EQ_OK);
}

static void name_actions(eq_game *g, int p, const char *a, const char *b)
{
    cr_assert_eq(eq_game_set_action_name(g, p, 0, a), EQ_OK);
    cr_assert_eq(eq_game_set_action_name(g, p, 1, b), EQ_OK);
}

/*
** The largest gain of a deviation under pi, computed here from
** eq_game_payoff alone: CE, max over p, a != b of
** sum_{s: s_p = a} pi(s) (u_p(b, s_-p) - u_p(s)); CCE, max over p, b of
** sum_s pi(s) (u_p(b, s_-p) - u_p(s)).  Floored at 0.  With activity not
** NULL, also counts in *tight the incentive rows whose activity (minus
** the gain) is not above 1e-12 (CE only), and in *rows all of them.
*/
static double violation(const eq_game *g, const double *pi, int coarse,
                        int *tight, int *rows)
{
    int n = eq_game_players(g), prof[EQ_MAX_PLAYERS], dev[EQ_MAX_PLAYERS];
    double worst = 0.0;
    size_t N = eq_game_profiles(g);
    if (tight) {
        *tight = 0;
        *rows = 0;
    }
    for (int p = 0; p < n; p++) {
        int k = eq_game_actions(g, p);
        double *gain = calloc((size_t)(k * k), sizeof *gain);
        cr_assert_not_null(gain);
        for (size_t s = 0; s < N; s++) {
            profile_of(g, s, prof);
            memcpy(dev, prof, sizeof dev);
            for (int b = 0; b < k; b++) {
                dev[p] = b;
                gain[(coarse ? 0 : prof[p]) * k + b] +=
                    pi[s] * (eq_game_payoff(g, p, dev) - eq_game_payoff(g, p, prof));
            }
        }
        for (int a = 0; a < (coarse ? 1 : k); a++)
            for (int b = 0; b < k; b++) {
                if (!coarse && a == b)
                    continue;
                if (gain[a * k + b] > worst)
                    worst = gain[a * k + b];
                if (tight) {
                    (*rows)++;
                    *tight += !(-gain[a * k + b] > 1e-12);
                }
            }
        free(gain);
    }
    return worst;
}

/* Solve with the correlated method; expects EQ_OK and one equilibrium. */
static eq_result *solve_ce(const eq_game *g, eq_objective obj, int maximize,
                           int player, int action, int coarse)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_status s;
    eq_solve_opts_init(&o);
    o.sensitivity = 1;   /* the tests read the duals and ranges */
    o.method = EQ_METHOD_CORRELATED;
    o.objective = obj;
    o.maximize = maximize;
    o.obj_player = player;
    o.obj_action = action;
    o.coarse = coarse;
    s = eq_solve(g, &o, &r);
    cr_assert_not_null(r);
    cr_assert_eq(s, EQ_OK, "status %d: %s", (int)s, eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), 1);
    cr_assert_eq(eq_result_solution(r), EQ_SOL_FOUND);
    cr_assert_eq(eq_result_method(r), EQ_METHOD_CORRELATED);
    cr_assert_not_null(eq_result_distribution(r, 0));
    return r;
}

/* The objective of pi: welfare, or player q's payoff. */
static double objective_of(const eq_game *g, const double *pi, int q)
{
    int prof[EQ_MAX_PLAYERS];
    double v = 0.0;
    for (size_t s = 0; s < eq_game_profiles(g); s++) {
        profile_of(g, s, prof);
        for (int p = 0; p < eq_game_players(g); p++)
            if (q < 0 || p == q)
                v += pi[s] * eq_game_payoff(g, p, prof);
    }
    return v;
}

/*
** What every correlated result must satisfy: its distribution is a
** probability vector; its strategies are the marginals; its payoffs are
** the expected payoffs under pi; its certificate (eq_result_regret) is the
** largest violation computed here, and is below 1e-9.
*/
static void check_result(const eq_game *g, const eq_result *r, int coarse)
{
    const double *pi = eq_result_distribution(r, 0);
    int n = eq_game_players(g), prof[EQ_MAX_PLAYERS];
    double sum = 0.0, cert;
    for (size_t s = 0; s < eq_game_profiles(g); s++) {
        cr_assert(pi[s] >= 0.0);
        sum += pi[s];
    }
    cr_assert(near(sum, 1.0, 1e-12));
    for (int p = 0; p < n; p++) {
        const double *x = eq_result_strategy(r, 0, p);
        double *marg = calloc((size_t)eq_game_actions(g, p), sizeof *marg);
        cr_assert_not_null(marg);
        for (size_t s = 0; s < eq_game_profiles(g); s++) {
            profile_of(g, s, prof);
            marg[prof[p]] += pi[s];
        }
        for (int a = 0; a < eq_game_actions(g, p); a++)
            cr_assert(near(x[a], marg[a], 1e-12), "marginal of player %d", p);
        free(marg);
        cr_assert(near(eq_result_payoff(r, 0, p), objective_of(g, pi, p), 1e-9));
    }
    cert = violation(g, pi, coarse, NULL, NULL);
    cr_assert(cert < 1e-9, "certificate %g", cert);
    cr_assert(near(eq_result_regret(r, 0), cert, 1e-12),
              "eq_result_regret %g, computed %g", eq_result_regret(r, 0), cert);
}

static void expect_dist(const eq_result *r, const double *want, size_t N,
                        double tol)
{
    const double *pi = eq_result_distribution(r, 0);
    for (size_t s = 0; s < N; s++)
        cr_assert(near(pi[s], want[s], tol), "pi[%zu] = %.17g, expected %.17g",
                  s, pi[s], want[s]);
}

/* ------------------------------------------------------------------ */
/* Chicken                                                              */
/* ------------------------------------------------------------------ */

/*
** Chicken in Aumann's form, actions C (chicken) and D (dare):
**             C        D
**     C     6, 6     2, 7
**     D     7, 2     0, 0
** With a third player, the "bystander", who has one action and payoff
** w[s] at profile s when w is given (NULL: 0): a player with one action
** has no incentive constraints, so w enters the LP's objective alone.
*/
static eq_game *chicken(const double *w)
{
    static const double A[4] = { 6, 2, 7, 0 };
    int k[3] = { 2, 2, 1 };
    eq_game *g = new_game(w ? 3 : 2, k);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            int prof[3] = { i, j, 0 };
            double u[3] = { A[i * 2 + j], A[j * 2 + i], w ? w[i * 2 + j] : 0.0 };
            set_pay(g, prof, u);
        }
    name_actions(g, 0, "C", "D");
    name_actions(g, 1, "C", "D");
    return g;
}

/*
** The welfare-optimal CE of chicken, derived by hand.  Let pi = (a, b, c,
** d) on (C,C), (C,D), (D,C), (D,D).  The CE rows:
**   1 told C, not D:  a (6 - 7) + b (2 - 0) >= 0,  i.e. a <= 2b
**   1 told D, not C:  c (7 - 6) + d (0 - 2) >= 0,  i.e. c >= 2d
**   2 told C, not D:  a (6 - 7) + c (2 - 0) >= 0,  i.e. a <= 2c
**   2 told D, not C:  b (7 - 6) + d (0 - 2) >= 0,  i.e. b >= 2d
** Welfare 12a + 9b + 9c + 0d.  d only lowers the welfare and tightens two
** rows, so d = 0, and on a + b + c = 1 the welfare is 9 + 3a.  From a <=
** 2b, a <= 2c: 2a <= 2(b + c) = 2(1 - a), so a <= 1/2, reached only with
** b = c = 1/4.  The optimum is pi = (1/2, 1/4, 1/4, 0), welfare 10.5,
** unique; each player gets 6/2 + 2/4 + 7/4 = 5.25.  (The often quoted
** (1/3, 1/3, 1/3, 0) is a CE too, with welfare 10, not optimal; a
** welfare of 10 2/3 is not attainable: it would need a = 5/9 > 1/2.)
**
** Duals.  Basic at the optimum: a, b, c and the slacks of the two "told
** D" rows (1/4 each); the "told C" rows are tight, d = 0: nondegenerate.
** With prices y1, y3 of the tight rows and y0 of sum pi = 1, the basic
** columns price out: a: -y1 - y3 + y0 = 12; b: 2 y1 + y0 = 9; c: 2 y3 +
** y0 = 9, so y0 = 10.5 and y1 = y3 = -3/4.  The library reports a row as
** "gain <= t", the negative of the LP's ">= -t": +3/4 for the tight
** rows, 0 for the slack ones, 10.5 for the convexity row (= the optimum,
** as the LP is homogeneous in its right-hand side).
**
** Ranges of the welfare coefficients (12, 9, 9, 0), each alone:
**   (D,D): d is non-basic with reduced cost 0 - y0 = -10.5: optimal while
**     c_DD <= 10.5;
**   (C,C): with 12 + e, y0 = (21 + e)/2, y1 = y3 = -(3 + e)/4 <= 0 needs
**     e >= -3, and d's reduced cost -y0 <= 0 needs e >= -21: [9, inf);
**   (C,D): with 9 + e, y0 = 10.5 + e/4, y1 = -3/4 + 3e/8 <= 0 (e <= 2),
**     y3 = -3/4 - e/8 <= 0 (e >= -6), y0 >= 0 (e >= -42): [3, 11];
**     (D,C) likewise by symmetry.
** Checks by hand at the ends: c_CD = 11 ties (1/2,1/4,1/4,0) (welfare 11)
** with (0,1,0,0) (11); c_CC = 9 makes the welfare 9 + 0a, flat in a.
*/
Test(correlated, chicken_welfare)
{
    static const double want[4] = { 0.5, 0.25, 0.25, 0.0 };
    static const char *const rows[5] = {
        "CE: player 1 keeps C rather than D", "CE: player 1 keeps D rather than C",
        "CE: player 2 keeps C rather than D", "CE: player 2 keeps D rather than C",
        "probabilities sum to 1" };
    static const double duals[5] = { 0.75, 0, 0.75, 0, 10.5 };
    static const char *const names[4] = {
        "welfare coefficient of (C, C)", "welfare coefficient of (C, D)",
        "welfare coefficient of (D, C)", "welfare coefficient of (D, D)" };
    static const double lo[4] = { 9, 3, 3, -HUGE_VAL }, hi[4] = { HUGE_VAL, 11, 11, 10.5 },
                        val[4] = { 12, 9, 9, 0 };
    eq_game *g = chicken(NULL);
    eq_result *r = solve_ce(g, EQ_OBJ_WELFARE, 1, 0, 0, 0);
    check_result(g, r, 0);
    expect_dist(r, want, 4, 1e-12);
    cr_assert(near(eq_result_value(r), 10.5, 1e-12));
    cr_assert(near(eq_result_payoff(r, 0, 0), 5.25, 1e-12));
    cr_assert(near(eq_result_payoff(r, 0, 1), 5.25, 1e-12));
    cr_assert(near(eq_result_strategy(r, 0, 0)[0], 0.75, 1e-12));
    cr_assert(near(eq_result_strategy(r, 0, 1)[1], 0.25, 1e-12));
    cr_assert_eq(eq_result_regret(r, 0), 0.0);
    cr_assert_eq(eq_result_lp_rows(r), 5);
    for (int i = 0; i < 5; i++) {
        cr_assert_str_eq(eq_result_lp_row_name(r, i), rows[i]);
        cr_assert(near(eq_result_lp_dual(r, i), duals[i], 1e-9), "row %d: %.17g",
                  i, eq_result_lp_dual(r, i));
    }
    cr_assert_eq(eq_result_lp_ranges(r), 4);
    for (int i = 0; i < 4; i++) {
        cr_assert_str_eq(eq_result_lp_range_name(r, i), names[i]);
        cr_assert_eq(eq_result_lp_range_value(r, i), val[i]);
        if (isinf(lo[i]))
            cr_assert(isinf(eq_result_lp_range_lo(r, i)) && eq_result_lp_range_lo(r, i) < 0);
        else
            cr_assert(near(eq_result_lp_range_lo(r, i), lo[i], 1e-9), "range %d lo %.17g",
                      i, eq_result_lp_range_lo(r, i));
        if (isinf(hi[i]))
            cr_assert(isinf(eq_result_lp_range_hi(r, i)) && eq_result_lp_range_hi(r, i) > 0);
        else
            cr_assert(near(eq_result_lp_range_hi(r, i), hi[i], 1e-9), "range %d hi %.17g",
                      i, eq_result_lp_range_hi(r, i));
    }
    /* Out-of-range reads are harmless. */
    cr_assert_null(eq_result_lp_row_name(r, 5));
    cr_assert_null(eq_result_lp_range_name(r, -1));
    cr_assert_null(eq_result_distribution(r, 1));
    eq_result_free(r);
    eq_game_free(g);
}

/*
** The certificate is that of the correlated equilibrium, not the max
** regret of the product of its marginals.  Marginals (3/4, 1/4) each:
** against y = (3/4, 1/4) player 1's C earns 6(3/4) + 2(1/4) = 5 and D
** 7(3/4) = 5.25, the product pays 3/4 (5) + 1/4 (5.25) = 5.0625, so the
** product's max regret is 0.1875, while the CE's certificate is 0.
*/
Test(correlated, certificate_is_not_product_regret)
{
    eq_game *g = chicken(NULL);
    eq_result *r = solve_ce(g, EQ_OBJ_WELFARE, 1, 0, 0, 0);
    const double *prof[2] = { eq_result_strategy(r, 0, 0), eq_result_strategy(r, 0, 1) };
    double reg, pay[2];
    cr_assert_eq(eq_game_regret(g, prof, &reg, pay), EQ_OK);
    cr_assert(near(reg, 0.1875, 1e-12), "product regret %.17g", reg);
    cr_assert_eq(eq_result_regret(r, 0), 0.0);
    /* Payoffs are those of pi (5.25), not of the product (5.0625). */
    cr_assert(near(pay[0], 5.0625, 1e-12));
    cr_assert(near(eq_result_payoff(r, 0, 0), 5.25, 1e-12));
    eq_result_free(r);
    eq_game_free(g);
}

/*
** With two actions per player the CCE rows equal the CE rows: player 1's
** "always D" row is sum_s pi(s)(u1(s) - u1(D, s2)) = a(6 - 7) + b(2 - 0)
** + c(7 - 7) + d(0 - 0), the "told C, not D" row; likewise for the rest.
** So the CCE optimum is the CE optimum, 10.5 at (1/2, 1/4, 1/4, 0), and
** the rows are named for commitments.
*/
Test(correlated, chicken_coarse)
{
    static const double want[4] = { 0.5, 0.25, 0.25, 0.0 };
    eq_game *g = chicken(NULL);
    eq_result *r = solve_ce(g, EQ_OBJ_WELFARE, 1, 0, 0, 1);
    check_result(g, r, 1);
    expect_dist(r, want, 4, 1e-12);
    cr_assert(near(eq_result_value(r), 10.5, 1e-12));
    cr_assert_eq(eq_result_lp_rows(r), 5);
    cr_assert_str_eq(eq_result_lp_row_name(r, 0),
                     "CCE: player 1 does not gain by always playing C");
    cr_assert_str_eq(eq_result_lp_row_name(r, 3),
                     "CCE: player 2 does not gain by always playing D");
    /* Player 1's "always D" row is the tight "told C" row: dual 3/4. */
    cr_assert(near(eq_result_lp_dual(r, 1), 0.75, 1e-9));
    cr_assert(near(eq_result_lp_dual(r, 0), 0.0, 1e-9));
    cr_assert(near(eq_result_lp_dual(r, 4), 10.5, 1e-9));
    eq_result_free(r);
    eq_game_free(g);
}

/*
** Player 1's best and worst CE in chicken.  Max 6a + 2b + 7c over the CE
** rows above: c = 1 satisfies them all (a <= 2b: 0 <= 0; c >= 2d; a <=
** 2c; b >= 2d), and 7 is the largest payoff, so the optimum is the pure
** equilibrium (D, C), payoff 7 (to player 2: 2).  Min: 6a + 2b + 7c >=
** 2(a + b + c) = 2(1 - d), equal only if a = c = 0; then c >= 2d forces d
** = 0 and b = 1: the pure equilibrium (C, D), payoff 2, unique.
*/
Test(correlated, chicken_player_objective)
{
    static const double best[4] = { 0, 0, 1, 0 }, worst[4] = { 0, 1, 0, 0 };
    eq_game *g = chicken(NULL);
    eq_result *r = solve_ce(g, EQ_OBJ_PLAYER, 1, 0, 0, 0);
    check_result(g, r, 0);
    expect_dist(r, best, 4, 1e-12);
    cr_assert(near(eq_result_value(r), 7, 1e-12));
    cr_assert(near(eq_result_payoff(r, 0, 1), 2, 1e-12));
    cr_assert_eq(eq_result_lp_ranges(r), 4);
    cr_assert_str_eq(eq_result_lp_range_name(r, 2), "payoff coefficient of player 1 at (D, C)");
    cr_assert_eq(eq_result_lp_range_value(r, 2), 7.0);
    eq_result_free(r);
    r = solve_ce(g, EQ_OBJ_PLAYER, 0, 0, 0, 0);
    check_result(g, r, 0);
    expect_dist(r, worst, 4, 1e-12);
    cr_assert(near(eq_result_value(r), 2, 1e-12));
    eq_result_free(r);
    eq_game_free(g);
}

/*
** The probability objective: the largest probability that player 1 plays
** C is 1, at the pure equilibrium (C, D) (a = c = d = 0, b = 1 meets every
** row); the smallest is 0, at (D, C).  No ranges for this objective.
*/
Test(correlated, chicken_action_objective)
{
    static const double cd[4] = { 0, 1, 0, 0 }, dc[4] = { 0, 0, 1, 0 };
    eq_game *g = chicken(NULL);
    eq_result *r = solve_ce(g, EQ_OBJ_ACTION, 1, 0, 0, 0);
    check_result(g, r, 0);
    expect_dist(r, cd, 4, 1e-12);
    cr_assert(near(eq_result_value(r), 1, 1e-12));
    cr_assert_eq(eq_result_lp_ranges(r), 0);
    cr_assert_eq(eq_result_lp_rows(r), 5);
    eq_result_free(r);
    r = solve_ce(g, EQ_OBJ_ACTION, 0, 0, 0, 0);
    check_result(g, r, 0);
    expect_dist(r, dc, 4, 1e-12);
    cr_assert(near(eq_result_value(r), 0, 1e-12));
    eq_result_free(r);
    eq_game_free(g);
}

/* ------------------------------------------------------------------ */
/* CCE against CE                                                       */
/* ------------------------------------------------------------------ */

/*
** A CCE may play a strictly dominated action; a CE never does.  Player 1
** (T, B) has payoff 0 everywhere; player 2 has L, R and D:
**             L      R      D
**     T       1      0     1/2
**     B       0      1    -1/2
** D is strictly dominated by L (1/2 < 1, -1/2 < 0), so in a CE told D
** player 2 would gain by L: P(D) = 0 in every CE.
** CCE, maximising P(D): with alpha = pi(T,L), beta = pi(B,R), gT =
** pi(T,D), gB = pi(B,D) (other cells only cost probability), player 2's
** payoff is alpha + beta + gT/2 - gB/2; "always L" pays P(T) = alpha + gT,
** "always R" pays P(B) = beta + gB, "always D" (gT - gB)/2 + ... is never
** better.  The rows: beta >= (gT + gB)/2 and alpha >= (3 gB - gT)/2.
** So 1 = alpha + beta + G >= G/2 + G with G = gT + gB: P(D) <= 2/3,
** reached by beta = 1/3, gT = 2/3 (alpha = 0, gB = 0).  (The optimum is
** not unique: gB in [0, 1/6] works.)
*/
Test(correlated, cce_plays_dominated_action)
{
    int k[2] = { 2, 3 };
    static const double u2[6] = { 1, 0, 0.5, 0, 1, -0.5 };
    eq_game *g = new_game(2, k);
    eq_result *r;
    const double *pi;
    for (int i = 0; i < 6; i++)
        eq_game_payoffs_mut(g, 1)[i] = u2[i];
    r = solve_ce(g, EQ_OBJ_ACTION, 1, 1, 2, 1);
    check_result(g, r, 1);
    cr_assert(near(eq_result_value(r), 2.0 / 3.0, 1e-12));
    pi = eq_result_distribution(r, 0);
    cr_assert(near(pi[2] + pi[5], 2.0 / 3.0, 1e-12));
    /* This CCE is not a CE: told D, player 2 gains by L. */
    cr_assert(violation(g, pi, 0, NULL, NULL) > 0.1);
    /* The CCE rows of player 2 come after player 1's two. */
    cr_assert_eq(eq_result_lp_rows(r), 6);
    eq_result_free(r);
    r = solve_ce(g, EQ_OBJ_ACTION, 1, 1, 2, 0);
    check_result(g, r, 0);
    cr_assert(near(eq_result_value(r), 0.0, 1e-12));
    cr_assert_eq(eq_result_lp_rows(r), 2 + 6 + 1);
    eq_result_free(r);
    eq_game_free(g);
}

/* ------------------------------------------------------------------ */
/* More players, and one                                                */
/* ------------------------------------------------------------------ */

/*
** A three-player game after Aumann (1974, example 2.3): player 1 picks the
** row (T, B), player 2 the column (L, R), player 3 the matrix (A, M, C):
**       A                 M                 C
**     (0,0,3) (0,0,0)   (2,2,2) (0,0,0)   (0,0,0) (0,0,0)
**     (1,0,0) (0,0,0)   (0,0,0) (2,2,2)   (0,1,0) (0,0,3)
** Welfare is at most 6, only at (T,L,M) and (B,R,M).  With pi = q on
** (T,L,M) and 1 - q on (B,R,M):
**   player 1 told T knows (L, M): 2 against 0 for B; told B, (R, M): 2
**     against 0; player 2 likewise;
**   player 3 told M: M pays 2; A pays 3q (only at (T,L)); C pays 3(1 - q)
**     (only at (B,R)); so 2 >= 3q and 2 >= 3(1 - q): q in [1/3, 2/3].
** So the welfare-optimal CE has welfare 6, puts all its weight on those
** two profiles, with q in [1/3, 2/3]; neither profile alone is a CE
** (player 3 would switch to A or C): the mediator's coin makes it work.
*/
/* Aumann's (1974) three-player game (the payoffs below); see the test. */
static eq_game *aumann3(void)
{
    int k[3] = { 2, 2, 3 };
    /* u[i][j][m] for players 1, 2, 3. */
    static const double u[2][2][3][3] = {
        { { { 0, 0, 3 }, { 2, 2, 2 }, { 0, 0, 0 } },     /* T, L */
          { { 0, 0, 0 }, { 0, 0, 0 }, { 0, 0, 0 } } },   /* T, R */
        { { { 1, 0, 0 }, { 0, 0, 0 }, { 0, 0, 0 } },     /* B, L */
          { { 0, 0, 0 }, { 2, 2, 2 }, { 0, 0, 3 } } } }; /* B, R */
    eq_game *g = new_game(3, k);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            for (int m = 0; m < 3; m++) {
                int prof[3] = { i, j, m };
                set_pay(g, prof, u[i][j][m]);
            }
    /* Player 2's payoff at (B, L, C) is 1. */
    {
        int prof[3] = { 1, 0, 2 };
        double v[3] = { 0, 1, 0 };
        set_pay(g, prof, v);
    }
    return g;
}

Test(correlated, three_player_aumann)
{
    eq_game *g = aumann3();
    eq_result *r;
    const double *pi;
    int tl[3] = { 0, 0, 1 }, br[3] = { 1, 1, 1 };
    double q;
    r = solve_ce(g, EQ_OBJ_WELFARE, 1, 0, 0, 0);
    check_result(g, r, 0);
    cr_assert(near(eq_result_value(r), 6.0, 1e-12));
    pi = eq_result_distribution(r, 0);
    q = pi[index_of(g, tl)];
    cr_assert(near(q + pi[index_of(g, br)], 1.0, 1e-12));
    cr_assert(q >= 1.0 / 3.0 - 1e-12 && q <= 2.0 / 3.0 + 1e-12, "q = %.17g", q);
    for (int p = 0; p < 3; p++)
        cr_assert(near(eq_result_payoff(r, 0, p), 2.0, 1e-12));
    /* 2*1 + 2*1 + 3*2 rows, plus the convexity row. */
    cr_assert_eq(eq_result_lp_rows(r), 11);
    cr_assert_eq(eq_result_lp_ranges(r), 12);
    eq_result_free(r);
    eq_game_free(g);
}

/*
** A one-player game: every CE plays a best action (told a, the player
** does not gain by b: pi(a)(u(a) - u(b)) >= 0), so both the best and the
** worst welfare are the best payoff, 3.
*/
Test(correlated, one_player)
{
    int k[1] = { 3 };
    eq_game *g = new_game(1, k);
    eq_result *r;
    eq_game_payoffs_mut(g, 0)[0] = 1;
    eq_game_payoffs_mut(g, 0)[1] = 3;
    eq_game_payoffs_mut(g, 0)[2] = 2;
    for (int max = 0; max <= 1; max++) {
        r = solve_ce(g, EQ_OBJ_WELFARE, max, 0, 0, 0);
        check_result(g, r, 0);
        cr_assert(near(eq_result_value(r), 3.0, 1e-12));
        cr_assert(near(eq_result_distribution(r, 0)[1], 1.0, 1e-12));
        eq_result_free(r);
    }
    eq_game_free(g);
}

/* ------------------------------------------------------------------ */
/* Arguments                                                            */
/* ------------------------------------------------------------------ */

static void expect_fail(const eq_game *g, eq_solve_opts *o, eq_status want,
                        const char *part)
{
    eq_result *r = NULL;
    eq_status s;
    o->method = EQ_METHOD_CORRELATED;
    s = eq_solve(g, o, &r);
    cr_assert_eq(s, want, "status %d (%s)", (int)s, eq_result_errmsg(r));
    cr_assert_not_null(r);
    cr_assert(strstr(eq_result_errmsg(r), part) != NULL, "message: %s",
              eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), 0);
    eq_result_free(r);
}

Test(correlated, bad_arguments)
{
    eq_game *g = chicken(NULL);
    eq_solve_opts o;
    eq_solve_opts_init(&o);
    eq_solve_opts_init(&o);
    o.sensitivity = 1;   /* the tests read the duals and ranges */
    o.objective = (eq_objective)7;
    expect_fail(g, &o, EQ_ERR_ARG, "objective");
    eq_solve_opts_init(&o);
    o.sensitivity = 1;   /* the tests read the duals and ranges */
    o.objective = EQ_OBJ_PLAYER;
    o.obj_player = 2;
    expect_fail(g, &o, EQ_ERR_ARG, "player 2 out of range");
    o.obj_player = -1;
    expect_fail(g, &o, EQ_ERR_ARG, "player -1");
    eq_solve_opts_init(&o);
    o.sensitivity = 1;   /* the tests read the duals and ranges */
    o.objective = EQ_OBJ_ACTION;
    o.obj_player = 1;
    o.obj_action = 2;
    expect_fail(g, &o, EQ_ERR_ARG, "action 2 out of range");
    /* The welfare objective ignores obj_player. */
    eq_solve_opts_init(&o);
    o.sensitivity = 1;   /* the tests read the duals and ranges */
    o.obj_player = 99;
    o.method = EQ_METHOD_CORRELATED;
    {
        eq_result *r = NULL;
        cr_assert_eq(eq_solve(g, &o, &r), EQ_OK);
        eq_result_free(r);
    }
    eq_game_free(g);
}

/* ------------------------------------------------------------------ */
/* Properties on random games                                           */
/* ------------------------------------------------------------------ */

/* The product distribution of a mixed profile (one strategy per player). */
static double *product(const eq_game *g, const double *const *x)
{
    size_t N = eq_game_profiles(g);
    double *pi = malloc(N * sizeof *pi);
    int prof[EQ_MAX_PLAYERS];
    cr_assert_not_null(pi);
    for (size_t s = 0; s < N; s++) {
        profile_of(g, s, prof);
        pi[s] = 1.0;
        for (int p = 0; p < eq_game_players(g); p++)
            pi[s] *= x[p][prof[p]];
    }
    return pi;
}

/*
** Checks on one game whose Nash equilibria r_nash lists: each one's
** product distribution satisfies the CE rows (a Nash equilibrium is a CE
** with a product distribution); the welfare-optimal CE is at least as good
** as the best of them; the CCE optimum is at least the CE optimum (the
** CCE rows are sums of CE rows, so every CE is a CCE), and the CE found
** is a CCE.  Returns the number of Nash equilibria checked.
*/
static int nash_ce_cce(const eq_game *g, const eq_result *nash)
{
    int n = eq_game_players(g);
    double best = -HUGE_VAL, scale = 0.0;
    eq_result *ce, *cce;
    for (int p = 0; p < n; p++)
        for (size_t s = 0; s < eq_game_profiles(g); s++)
            scale = fmax(scale, fabs(eq_game_payoffs(g, p)[s]));
    for (int e = 0; e < eq_result_count(nash); e++) {
        const double *x[EQ_MAX_PLAYERS];
        double *pi, w;
        for (int p = 0; p < n; p++)
            x[p] = eq_result_strategy(nash, e, p);
        pi = product(g, x);
        cr_assert(violation(g, pi, 0, NULL, NULL) <= 1e-9 * scale,
                  "Nash equilibrium %d violates a CE row by %g", e,
                  violation(g, pi, 0, NULL, NULL));
        w = objective_of(g, pi, -1);
        best = fmax(best, w);
        free(pi);
    }
    ce = solve_ce(g, EQ_OBJ_WELFARE, 1, 0, 0, 0);
    check_result(g, ce, 0);
    cr_assert(eq_result_value(ce) >= best - 1e-9 * scale,
              "best CE %.17g below a Nash equilibrium's %.17g", eq_result_value(ce), best);
    cr_assert(near(eq_result_value(ce), objective_of(g, eq_result_distribution(ce, 0), -1),
                   1e-9 * scale));
    cr_assert(violation(g, eq_result_distribution(ce, 0), 1, NULL, NULL) <= 1e-9 * scale);
    cce = solve_ce(g, EQ_OBJ_WELFARE, 1, 0, 0, 1);
    check_result(g, cce, 1);
    cr_assert(eq_result_value(cce) >= eq_result_value(ce) - 1e-9 * scale);
    eq_result_free(ce);
    eq_result_free(cce);
    /* The same for player 1's payoff, maximised and minimised. */
    for (int max = 0; max <= 1; max++) {
        ce = solve_ce(g, EQ_OBJ_PLAYER, max, 0, 0, 0);
        cce = solve_ce(g, EQ_OBJ_PLAYER, max, 0, 0, 1);
        check_result(g, ce, 0);
        check_result(g, cce, 1);
        if (max)
            cr_assert(eq_result_value(cce) >= eq_result_value(ce) - 1e-9 * scale);
        else
            cr_assert(eq_result_value(cce) <= eq_result_value(ce) + 1e-9 * scale);
        eq_result_free(ce);
        eq_result_free(cce);
    }
    return eq_result_count(nash);
}

Test(correlated, nash_equilibria_are_correlated_two_players)
{
    t_rng rng = { 20260101 };
    int total = 0;
    for (int t = 0; t < 10; t++) {
        int m = t_rng_int(&rng, 2, 5), n = t_rng_int(&rng, 2, 5);
        eq_game *g = t_random_bimatrix(&rng, m, n, -9, 9);
        eq_solve_opts o;
        eq_result *r = NULL;
        eq_solve_opts_init(&o);
        o.sensitivity = 1;   /* the tests read the duals and ranges */
        o.method = EQ_METHOD_ENUM;
        cr_assert_eq(eq_solve(g, &o, &r), EQ_OK, "%s", eq_result_errmsg(r));
        cr_assert(eq_result_count(r) >= 1);
        total += nash_ce_cce(g, r);
        eq_result_free(r);
        eq_game_free(g);
    }
    cr_assert(total >= 10);
}

/* Random three-player games with integer payoffs in [0, 9], each with a
** planted pure equilibrium (a random profile where every player's payoff
** is 10, above any deviation's), solved by the pure method. */
Test(correlated, nash_equilibria_are_correlated_three_players)
{
    t_rng rng = { 777 };
    int total = 0;
    for (int t = 0; t < 3; t++) {
        int k[3], prof[3];
        eq_game *g;
        eq_solve_opts o;
        eq_result *r = NULL;
        for (int p = 0; p < 3; p++)
            k[p] = t_rng_int(&rng, 2, 4);
        g = new_game(3, k);
        for (int p = 0; p < 3; p++)
            for (size_t s = 0; s < eq_game_profiles(g); s++)
                eq_game_payoffs_mut(g, p)[s] = t_rng_int(&rng, 0, 9);
        for (int p = 0; p < 3; p++)
            prof[p] = t_rng_int(&rng, 0, k[p] - 1);
        for (int p = 0; p < 3; p++)
            cr_assert_eq(eq_game_set_payoff(g, p, prof, 10), EQ_OK);
        eq_solve_opts_init(&o);
        o.sensitivity = 1;   /* the tests read the duals and ranges */
        o.method = EQ_METHOD_PURE;
        cr_assert_eq(eq_solve(g, &o, &r), EQ_OK, "%s", eq_result_errmsg(r));
        cr_assert(eq_result_count(r) >= 1);
        total += nash_ce_cce(g, r);
        eq_result_free(r);
        eq_game_free(g);
    }
    cr_assert(total >= 3);
}

/* ------------------------------------------------------------------ */
/* Sensitivity of the correlated LP: ranges tested by re-solving        */
/* ------------------------------------------------------------------ */

/*
** Moving the welfare coefficient of profile (i, j) of chicken by e, alone,
** is moving the bystander's payoff there by e.  Inside the range the same
** distribution stays optimal; outside (the optimum is nondegenerate) it
** changes and the optimum strictly improves.  Ranges from the test
** chicken_welfare: (C,C) [9, inf), (C,D) and (D,C) [3, 11], (D,D)
** (-inf, 10.5].  Points: 0.1 inside and 0.1 outside each finite end, and
** 100 beyond the current value toward an infinite end.
*/
Test(correlated, welfare_range_inside_outside)
{
    static const double want[4] = { 0.5, 0.25, 0.25, 0.0 };
    static const double c[4] = { 12, 9, 9, 0 };
    static const double lo[4] = { 9, 3, 3, -HUGE_VAL }, hi[4] = { HUGE_VAL, 11, 11, 10.5 };
    double w[4] = { 0, 0, 0, 0 };
    eq_game *g = chicken(w);
    eq_result *r = solve_ce(g, EQ_OBJ_WELFARE, 1, 0, 0, 0);
    /* The bystander changes nothing: same ranges, same optimum. */
    expect_dist(r, want, 4, 1e-12);
    cr_assert_str_eq(eq_result_lp_range_name(r, 1), "welfare coefficient of (C, D, 1)");
    for (int s = 0; s < 4; s++) {
        cr_assert(isinf(lo[s]) ? isinf(eq_result_lp_range_lo(r, s))
                               : near(eq_result_lp_range_lo(r, s), lo[s], 1e-9));
        cr_assert(isinf(hi[s]) ? isinf(eq_result_lp_range_hi(r, s))
                               : near(eq_result_lp_range_hi(r, s), hi[s], 1e-9));
    }
    eq_result_free(r);
    eq_game_free(g);
    for (int s = 0; s < 4; s++)
        for (int side = 0; side < 2; side++) {
            double end = side ? hi[s] : lo[s], dir = side ? 1.0 : -1.0;
            double pts[2];
            int np = 0;
            if (isinf(end)) {
                pts[np++] = c[s] + dir * 100.0;
            } else {
                pts[np++] = end - dir * 0.1;
                pts[np++] = end + dir * 0.1;
            }
            for (int t = 0; t < np; t++) {
                int inside = t == 0;
                double old;
                memset(w, 0, sizeof w);
                w[s] = pts[t] - c[s];
                g = chicken(w);
                r = solve_ce(g, EQ_OBJ_WELFARE, 1, 0, 0, 0);
                check_result(g, r, 0);
                old = objective_of(g, want, -1);
                if (inside) {
                    expect_dist(r, want, 4, 1e-9);
                    cr_assert(near(eq_result_value(r), old, 1e-9));
                } else {
                    const double *pi = eq_result_distribution(r, 0);
                    double diff = 0.0;
                    for (int q = 0; q < 4; q++)
                        diff = fmax(diff, fabs(pi[q] - want[q]));
                    cr_assert(diff > 1e-3, "profile %d at %g: distribution unchanged", s,
                              pts[t]);
                    cr_assert(eq_result_value(r) > old + 1e-6);
                }
                eq_result_free(r);
                eq_game_free(g);
            }
        }
}

/*
** The bystander's payoff as the objective (EQ_OBJ_PLAYER, player 3): with
** w = 100 * welfare - 7 the LP is the welfare LP with its objective
** mapped by an increasing affine map, so the ranges are those of
** chicken_welfare mapped the same way: (C,C) [893, inf), (C,D) [293,
** 1093], (D,D) (-inf, 1043].  Minimising w = 7 - 100 * welfare gives the
** same optimum, and the ranges mapped by the decreasing map: (C,C) (-inf,
** -893], (C,D) [-1093, -293], (D,D) [-1043, inf).
*/
Test(correlated, player_range_units)
{
    static const double welfare[4] = { 12, 9, 9, 0 };
    static const double want[4] = { 0.5, 0.25, 0.25, 0.0 };
    for (int max = 0; max <= 1; max++) {
        double w[4], f = max ? 100 : -100, b = max ? -7 : 7;
        double lo[4], hi[4];
        eq_game *g;
        eq_result *r;
        const double wlo[4] = { 9, 3, 3, -HUGE_VAL }, whi[4] = { HUGE_VAL, 11, 11, 10.5 };
        for (int s = 0; s < 4; s++) {
            w[s] = f * welfare[s] + b;
            lo[s] = max ? f * wlo[s] + b : f * whi[s] + b;
            hi[s] = max ? f * whi[s] + b : f * wlo[s] + b;
        }
        g = chicken(w);
        r = solve_ce(g, EQ_OBJ_PLAYER, max, 2, 0, 0);
        check_result(g, r, 0);
        expect_dist(r, want, 4, 1e-12);
        cr_assert(near(eq_result_value(r), f * 10.5 + b, 1e-9));
        cr_assert(near(eq_result_lp_dual(r, 4), f * 10.5 + b, 1e-9));
        cr_assert(near(eq_result_lp_dual(r, 0), f * 0.75, 1e-9));
        cr_assert_str_eq(eq_result_lp_range_name(r, 0),
                         "payoff coefficient of player 3 at (C, C, 1)");
        for (int s = 0; s < 4; s++) {
            cr_assert_eq(eq_result_lp_range_value(r, s), w[s]);
            cr_assert(isinf(lo[s]) ? isinf(eq_result_lp_range_lo(r, s))
                                   : near(eq_result_lp_range_lo(r, s), lo[s], 1e-9),
                      "max %d profile %d lo %.17g", max, s, eq_result_lp_range_lo(r, s));
            cr_assert(isinf(hi[s]) ? isinf(eq_result_lp_range_hi(r, s))
                                   : near(eq_result_lp_range_hi(r, s), hi[s], 1e-9),
                      "max %d profile %d hi %.17g", max, s, eq_result_lp_range_hi(r, s));
        }
        eq_result_free(r);
        eq_game_free(g);
    }
}

/*
** Every range of random games re-solved at its ends.  Each game is two
** players plus a bystander (one action) whose payoff w moves one
** objective coefficient alone; the objective is the welfare or the
** bystander's payoff (then w alone), maximised or minimised.  For each
** profile s and each end of its range:
**   inside (halfway to a finite end, 100 toward an infinite one): the
**   old distribution stays optimal: the new optimum equals its value;
**   outside (past a finite end by max(1e-3, 1% of the range's side)),
**   when the old optimum is a nondegenerate vertex (its positive
**   probabilities and slack rows number the LP's rows, so its basis is
**   unique): the old distribution is no longer optimal.
** A degenerate optimum can stay optimal past its basis's range, so the
** outside check needs nondegeneracy; games near chicken (perturbed) give
** nondegenerate optima, random ones mostly degenerate ones.
*/
static void check_ranges(eq_game *g, eq_objective obj, int max, int *outside)
{
    size_t N = eq_game_profiles(g);
    eq_result *r = solve_ce(g, obj, max, 2, 0, 0);
    double *pi0 = malloc(N * sizeof *pi0), *w = eq_game_payoffs_mut(g, 2);
    int tight, rows, pos = 0, nondeg;
    double sgn = max ? 1.0 : -1.0;
    cr_assert_not_null(pi0);
    memcpy(pi0, eq_result_distribution(r, 0), N * sizeof *pi0);
    check_result(g, r, 0);
    violation(g, pi0, 0, &tight, &rows);
    for (size_t s = 0; s < N; s++)
        pos += pi0[s] > 1e-12;
    nondeg = pos + (rows - tight) == rows + 1;
    cr_assert_eq(eq_result_lp_ranges(r), (int)N);
    for (size_t s = 0; s < N; s++) {
        double c = eq_result_lp_range_value(r, (int)s), w0 = w[s];
        for (int side = 0; side < 2; side++) {
            double end = side ? eq_result_lp_range_hi(r, (int)s)
                              : eq_result_lp_range_lo(r, (int)s);
            double dir = side ? 1.0 : -1.0;
            cr_assert(side ? end >= c : end <= c);
            for (int t = 0; t < 2; t++) {
                double at, old;
                eq_result *r2;
                if (t == 0)
                    at = isinf(end) ? c + dir * 100.0 : c + 0.5 * (end - c);
                else if (!isinf(end) && nondeg)
                    at = end + dir * fmax(1e-3, 0.01 * fabs(end - c));
                else
                    continue;
                w[s] = w0 + (at - c);
                old = objective_of(g, pi0, obj == EQ_OBJ_WELFARE ? -1 : 2);
                r2 = solve_ce(g, obj, max, 2, 0, 0);
                if (t == 0) {
                    cr_assert(near(eq_result_value(r2), old, 1e-9 * (1 + fabs(old))),
                              "profile %zu, coefficient %g inside [%g, %g]: optimum %.17g, "
                              "old distribution %.17g", s, at,
                              eq_result_lp_range_lo(r, (int)s),
                              eq_result_lp_range_hi(r, (int)s), eq_result_value(r2), old);
                } else {
                    cr_assert(sgn * (eq_result_value(r2) - old) > 1e-9,
                              "profile %zu, coefficient %g outside [%g, %g]: the old "
                              "distribution is still optimal", s, at,
                              eq_result_lp_range_lo(r, (int)s),
                              eq_result_lp_range_hi(r, (int)s));
                    (*outside)++;
                }
                eq_result_free(r2);
                w[s] = w0;
            }
        }
    }
    free(pi0);
    eq_result_free(r);
}

/* A 2 x 2 (or m x n) game plus a bystander with payoffs w. */
static eq_game *with_bystander(int m, int n, const double *A, const double *B,
                               const double *w)
{
    int k[3] = { m, n, 1 };
    eq_game *g = new_game(3, k);
    for (int t = 0; t < m * n; t++) {
        eq_game_payoffs_mut(g, 0)[t] = A[t];
        eq_game_payoffs_mut(g, 1)[t] = B[t];
        eq_game_payoffs_mut(g, 2)[t] = w[t];
    }
    return g;
}

static double unif(t_rng *r, double lo, double hi)
{
    return lo + (hi - lo) * (double)(t_rng_next(r) >> 11) * 0x1.0p-53;
}

Test(correlated, ranges_resolved_random)
{
    t_rng rng = { 4242 };
    int outside = 0;
    /* Perturbed chicken: nondegenerate optima. */
    for (int t = 0; t < 12; t++) {
        double A[4] = { 6, 2, 7, 0 }, B[4], w[4];
        for (int q = 0; q < 4; q++)
            A[q] += unif(&rng, -0.5, 0.5);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                B[i * 2 + j] = A[j * 2 + i] + unif(&rng, -0.5, 0.5);
        for (int q = 0; q < 4; q++)
            w[q] = unif(&rng, -1, 1);
        eq_game *g = with_bystander(2, 2, A, B, w);
        check_ranges(g, t % 3 == 2 ? EQ_OBJ_PLAYER : EQ_OBJ_WELFARE, t % 2 == 0, &outside);
        eq_game_free(g);
    }
    /* Random 3 x 3 games. */
    for (int t = 0; t < 8; t++) {
        double A[9], B[9], w[9];
        for (int q = 0; q < 9; q++) {
            A[q] = unif(&rng, -5, 5);
            B[q] = unif(&rng, -5, 5);
            w[q] = unif(&rng, -1, 1);
        }
        eq_game *g = with_bystander(3, 3, A, B, w);
        check_ranges(g, t % 2 ? EQ_OBJ_PLAYER : EQ_OBJ_WELFARE, t % 4 < 2, &outside);
        eq_game_free(g);
    }
    cr_assert(outside >= 30, "only %d outside checks ran", outside);
}

/* ------------------------------------------------------------------ */
/* One eq_options handle: its workspace reused across solves            */
/* ------------------------------------------------------------------ */

/* A seeded 3-player game with k actions each and integer payoffs in
** [0, 9]. */
static eq_game *random3(t_rng *rng, int k)
{
    int ks[3] = { k, k, k };
    eq_game *g = new_game(3, ks);
    for (size_t s = 0; s < eq_game_profiles(g); s++) {
        int prof[3];
        double u[3];
        profile_of(g, s, prof);
        for (int p = 0; p < 3; p++)
            u[p] = (double)t_rng_int(rng, 0, 9);
        set_pay(g, prof, u);
    }
    return g;
}

/* a and b, results of the same game, hold the same numbers, bit for bit:
** distribution, strategies, payoffs, certificate, value, LP rows with
** their duals and ranges. */
static void same_result(const eq_game *g, const eq_result *a, const eq_result *b)
{
    size_t N = eq_game_profiles(g);
    int n = eq_game_players(g);
    cr_assert_eq(eq_result_count(a), 1);
    cr_assert_eq(eq_result_count(b), 1);
    cr_assert(memcmp(eq_result_distribution(a, 0), eq_result_distribution(b, 0),
                     N * sizeof(double)) == 0, "distributions differ");
    for (int p = 0; p < n; p++) {
        cr_assert(memcmp(eq_result_strategy(a, 0, p), eq_result_strategy(b, 0, p),
                         (size_t)eq_game_actions(g, p) * sizeof(double)) == 0);
        cr_assert(eq_result_payoff(a, 0, p) == eq_result_payoff(b, 0, p));
    }
    cr_assert(eq_result_regret(a, 0) == eq_result_regret(b, 0));
    cr_assert(eq_result_value(a) == eq_result_value(b));
    cr_assert_eq(eq_result_lp_rows(a), eq_result_lp_rows(b));
    for (int i = 0; i < eq_result_lp_rows(a); i++) {
        cr_assert_str_eq(eq_result_lp_row_name(a, i), eq_result_lp_row_name(b, i));
        cr_assert(eq_result_lp_dual(a, i) == eq_result_lp_dual(b, i), "dual %d", i);
    }
    cr_assert_eq(eq_result_lp_ranges(a), eq_result_lp_ranges(b));
    for (int i = 0; i < eq_result_lp_ranges(a); i++) {
        cr_assert(eq_result_lp_range_lo(a, i) == eq_result_lp_range_lo(b, i));
        cr_assert(eq_result_lp_range_hi(a, i) == eq_result_lp_range_hi(b, i));
    }
}

/* A handle for the welfare-optimal CE, with the LP's sensitivity. */
static eq_options *ce_handle(void)
{
    eq_options *o = NULL;
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set(o, "method", "correlated"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "sensitivity", "true"), EQ_OK);
    return o;
}

/* g solved on the handle o, checked against eq_solve with the same
** options (a fresh workspace of its own): the same bytes.  The caller
** frees the result. */
static eq_result *on_handle(eq_options *o, const eq_game *g)
{
    eq_solve_opts so;
    eq_result *r = NULL, *ref = NULL;
    eq_status s = eq_solve_with(g, o, &r);
    cr_assert_eq(s, EQ_OK, "status %d: %s", (int)s, eq_options_errmsg(o));
    cr_assert_eq(eq_options_solve_opts(o, g, &so), EQ_OK);
    cr_assert_eq(eq_solve(g, &so, &ref), EQ_OK, "%s", eq_result_errmsg(ref));
    same_result(g, r, ref);
    eq_result_free(ref);
    return r;
}

/* Chicken's welfare-optimal CE (derived above chicken_welfare): (1/2,
** 1/4, 1/4, 0) on (C,C), (C,D), (D,C), (D,D), welfare 10.5. */
static void expect_chicken(const eq_game *g, const eq_result *r)
{
    static const double want[4] = { 0.5, 0.25, 0.25, 0.0 };
    check_result(g, r, 0);
    cr_assert(near(eq_result_value(r), 10.5, 1e-12), "%.17g", eq_result_value(r));
    expect_dist(r, want, 4, 1e-12);
}

/* Aumann's three-player game (derived above three_player_aumann):
** welfare 6, each player 2, all of pi on (T,L,B) and (B,R,B). */
static void expect_aumann(const eq_game *g, const eq_result *r)
{
    int tl[3] = { 0, 0, 1 }, br[3] = { 1, 1, 1 };
    const double *pi = eq_result_distribution(r, 0);
    check_result(g, r, 0);
    cr_assert(near(eq_result_value(r), 6.0, 1e-12));
    cr_assert(near(pi[index_of(g, tl)] + pi[index_of(g, br)], 1.0, 1e-12));
    for (int p = 0; p < 3; p++)
        cr_assert(near(eq_result_payoff(r, 0, p), 2.0, 1e-12));
}

/* A random game: a correlated equilibrium by the certificate computed
** here (to GLPK's tolerance, 1e-7 of the payoff range 9), reported as
** eq_result_regret. */
static void expect_random(const eq_game *g, const eq_result *r)
{
    double cert = violation(g, eq_result_distribution(r, 0), 0, NULL, NULL);
    cr_assert(cert < 1e-6, "certificate %g", cert);
    cr_assert(near(eq_result_regret(r, 0), cert, 1e-12));
    cr_assert(near(eq_result_value(r), objective_of(g, eq_result_distribution(r, 0), -1),
                   1e-9));
}

/*
** Small, larger, small again on one handle, whose workspace then grows
** (2 x 2 -> 2 x 2 x 3 -> 5 x 5 x 5) and is reused smaller: every answer is
** the one derived by hand (chicken, Aumann's game) or a certified CE, and
** the same bytes as eq_solve's.
*/
Test(correlated_handle, sizes_up_and_down)
{
    t_rng rng = { 2026 };
    eq_game *ch = chicken(NULL), *au = aumann3(), *big = random3(&rng, 5);
    eq_options *o = ce_handle();
    for (int round = 0; round < 2; round++) {
        eq_result *r;
        r = on_handle(o, ch);
        expect_chicken(ch, r);
        eq_result_free(r);
        r = on_handle(o, au);
        expect_aumann(au, r);
        eq_result_free(r);
        r = on_handle(o, big);
        expect_random(big, r);
        eq_result_free(r);
        r = on_handle(o, ch);
        expect_chicken(ch, r);
        eq_result_free(r);
    }
    /* Another concept and objective on the same handle: chicken's CCE
    ** optimum is its CE optimum (derived above chicken_coarse). */
    cr_assert_eq(eq_options_set(o, "coarse", "true"), EQ_OK);
    {
        eq_result *r = on_handle(o, ch);
        cr_assert(near(eq_result_value(r), 10.5, 1e-12));
        eq_result_free(r);
    }
    eq_options_free(o);
    eq_game_free(ch);
    eq_game_free(au);
    eq_game_free(big);
}

static int always_stop(void *ud)
{
    (void)ud;
    return 1;
}

/*
** After failures the handle still gives the right answers: options that do
** not apply (an unknown player, refused before any solve), exact
** arithmetic (its own path), and a solve stopped by the cancel callback in
** the LP, after the workspace was filled with the game's LP.
*/
Test(correlated_handle, works_after_failure)
{
    t_rng rng = { 7 };
    eq_game *ch = chicken(NULL), *big = random3(&rng, 4);
    eq_options *o = ce_handle();
    eq_result *r = NULL;

    r = on_handle(o, big);                      /* the workspace in use */
    expect_random(big, r);
    eq_result_free(r);

    cr_assert_eq(eq_options_set(o, "objective", "player:Nobody"), EQ_OK);
    r = NULL;
    cr_assert_eq(eq_solve_with(ch, o, &r), EQ_ERR_ARG);
    cr_assert_null(r);
    cr_assert_eq(eq_options_set(o, "objective", NULL), EQ_OK);

    /* Exact: certified (tests/test_correlated_exact.c), then back. */
    cr_assert_eq(eq_options_set(o, "exact", "true"), EQ_OK);
    cr_assert_eq(eq_solve_with(ch, o, &r), EQ_OK);
    cr_assert(eq_result_is_exact(r));
    cr_assert_str_eq(eq_result_value_exact(r), "21/2");
    eq_result_free(r);
    cr_assert_eq(eq_options_set(o, "exact", NULL), EQ_OK);

    cr_assert_eq(eq_options_set_cancel(o, always_stop, NULL), EQ_OK);
    cr_assert_eq(eq_solve_with(big, o, &r), EQ_ERR_STOPPED, "%s", eq_options_errmsg(o));
    eq_result_free(r);
    cr_assert_eq(eq_options_set_cancel(o, NULL, NULL), EQ_OK);

    r = on_handle(o, ch);                       /* smaller than the LP left */
    expect_chicken(ch, r);
    eq_result_free(r);
    r = on_handle(o, big);
    expect_random(big, r);
    eq_result_free(r);
    eq_options_free(o);
    eq_game_free(ch);
    eq_game_free(big);
}

/* The library's allocations, counted through eq_set_allocator (GLPK's
** own are not routed through it). */
static long n_alloc;

static void *counting_alloc(void *ud, void *p, size_t old, size_t size)
{
    (void)ud;
    (void)old;
    if (size == 0) {
        free(p);
        return NULL;
    }
    n_alloc++;
    return realloc(p, size);
}

/* Allocations made by one eq_solve (o NULL) or eq_solve_with on o. */
static long count_solve(const eq_game *g, eq_options *o, const eq_solve_opts *so)
{
    eq_result *r = NULL;
    long before = n_alloc;
    if (o != NULL)
        cr_assert_eq(eq_solve_with(g, o, &r), EQ_OK, "%s", eq_options_errmsg(o));
    else
        cr_assert_eq(eq_solve(g, so, &r), EQ_OK, "%s", eq_result_errmsg(r));
    before = n_alloc - before;
    expect_random(g, r);
    eq_result_free(r);
    return before;
}

/*
** "Reused", checked: on one handle, the second solve of a game of the same
** size makes fewer library allocations than the first, and than eq_solve
** without a handle, and the third as few as the second.  The workspace
** keeps 24 blocks a solve without it allocates and frees: the 7 buffers of
** correlated.c (objective, distribution, marginals, certificate scratch,
** the row, column and value chunks) and the LP's 17 (the struct, 12
** column and row arrays, the 3 triplet arrays, the duplicate check's
** scratch).  Without sensitivity, so no ranging arrays.
*/
Test(correlated_handle, reuse_allocates_less)
{
    t_rng rng = { 99 };
    eq_game *a, *b;
    eq_options *o = NULL;
    eq_solve_opts so;
    long fresh, first, second, third;

    eq_set_allocator(counting_alloc, NULL);
    a = random3(&rng, 5);
    b = random3(&rng, 5);
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set(o, "method", "correlated"), EQ_OK);
    cr_assert_eq(eq_options_solve_opts(o, a, &so), EQ_OK);
    fresh = count_solve(a, NULL, &so);
    first = count_solve(a, o, NULL);
    second = count_solve(b, o, NULL);
    third = count_solve(a, o, NULL);
    cr_assert(second < first, "first %ld, second %ld", first, second);
    cr_assert(fresh - second >= 24, "eq_solve %ld, the handle's second solve %ld",
              fresh, second);
    cr_assert_eq(third, second, "second %ld, third %ld", second, third);
    eq_options_free(o);
    eq_game_free(a);
    eq_game_free(b);
    eq_set_allocator(NULL, NULL);
}

/*
** A tree on one handle: poker (models/poker.efg) played as one correlated
** stage (method correlated) and by spe with correlated parts, each solved
** three times on the handle, the same bytes as eq_tree_solve's.
*/
Test(correlated_handle, tree_solves_reuse)
{
    static const char *const method[2] = { "correlated", "spe" };
    eq_tree *t = NULL;
    eq_diag d;
    cr_assert_eq(eq_tree_read_efg(&t, EQ_MODELS "/poker.efg", &d), EQ_OK, "%s", d.message);
    for (int m = 0; m < 2; m++) {
        eq_options *o = NULL;
        eq_tree_opts to;
        eq_tree_result *ref = NULL;
        cr_assert_eq(eq_options_new(&o), EQ_OK);
        cr_assert_eq(eq_options_set(o, "method", method[m]), EQ_OK);
        if (m == 1)
            cr_assert_eq(eq_options_set(o, "sub", "correlated"), EQ_OK);
        cr_assert_eq(eq_options_tree_opts(o, NULL, t, &to), EQ_OK, "%s", eq_options_errmsg(o));
        cr_assert_eq(eq_tree_solve(t, &to, &ref), EQ_OK, "%s", eq_tree_result_errmsg(ref));
        cr_assert_eq(eq_tree_result_count(ref), 1);
        for (int round = 0; round < 3; round++) {
            eq_tree_result *r = NULL;
            cr_assert_eq(eq_tree_solve_with(t, o, &r), EQ_OK, "%s", eq_options_errmsg(o));
            cr_assert_eq(eq_tree_result_count(r), 1);
            for (int h = 0; h < eq_tree_infosets(t); h++)
                cr_assert(memcmp(eq_tree_result_behaviour(r, 0, h),
                                 eq_tree_result_behaviour(ref, 0, h),
                                 (size_t)eq_tree_infoset_actions(t, h) * sizeof(double)) == 0,
                          "%s: set %d", method[m], h);
            for (int p = 0; p < eq_tree_players(t); p++)
                cr_assert(eq_tree_result_payoff(r, 0, p) == eq_tree_result_payoff(ref, 0, p));
            cr_assert(eq_tree_result_regret(r, 0) == eq_tree_result_regret(ref, 0));
            eq_tree_result_free(r);
        }
        eq_tree_result_free(ref);
        eq_options_free(o);
    }
    eq_tree_free(t);
}

/*
** A sweep whose every point solves a correlated stage, on 1 and 2 threads
** (each thread's point keeps a workspace): chicken after an entry choice
** (the model of test_sensitivity.c).  A stays out for `out` or enters the
** chicken stage, whose welfare-best CE (derived above chicken_welfare)
** pays 5.25 each; so A enters while out < 5.25: A gets max(out, 5.25), B
** 5.25 if A enters, else 0.  Rows are the same bytes on 1 and 2 threads.
*/
static const char entry_chicken[] =
    "game \"Chicken after entry\"\n"
    "players A B\n"
    "param out = 5 in [0, 10] \"A's payoff from staying out\"\n"
    "node root: A chooses\n"
    "  out -> (out, 0)\n"
    "  in  -> chicken\n"
    "stage chicken: A x B\n"
    "          dare     swerve\n"
    "  dare    -> dd    -> ds\n"
    "  swerve  -> sd    -> ss\n"
    "node dd: (0, 0)\n"
    "node ds: (7, 2)\n"
    "node sd: (2, 7)\n"
    "node ss: (6, 6)\n";

#define SWEEP_N 41
typedef struct rows_seen {
    double pay[SWEEP_N][2];
    int n;
} rows_seen;

static int take_row(void *ud, const eq_point *pt)
{
    rows_seen *rs = ud;
    long long i = eq_point_index(pt);
    cr_assert_eq(eq_point_status(pt), EQ_OK, "%s", eq_point_errmsg(pt));
    cr_assert(i >= 0 && i < SWEEP_N);
    rs->pay[i][0] = eq_point_payoff(pt, 0);
    rs->pay[i][1] = eq_point_payoff(pt, 1);
    rs->n++;
    return 0;
}

Test(correlated_handle, sweep_threads_reuse)
{
    eq_model *m = NULL;
    eq_diag d;
    rows_seen seen[2];
    cr_assert_eq(eq_model_parse(&m, entry_chicken, strlen(entry_chicken), "t.game", &d),
                 EQ_OK, "%s", d.message);
    for (int j = 0; j < 2; j++) {
        eq_analysis *a = NULL;
        eq_tree_opts o;
        memset(&seen[j], 0, sizeof seen[j]);
        cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
        eq_tree_opts_init(&o);
        eq_model_equilibrium(m, &o);
        o.subgame_method = EQ_METHOD_CORRELATED;
        cr_assert_eq(eq_analysis_set_tree_opts(a, &o), EQ_OK);
        cr_assert_eq(eq_analysis_set_threads(a, j + 1), EQ_OK);
        cr_assert_eq(eq_analysis_vary(a, "out=0:10:41"), EQ_OK);
        cr_assert_eq(eq_model_sweep(a, take_row, &seen[j]), EQ_OK);
        cr_assert_eq(seen[j].n, SWEEP_N);
        for (int i = 0; i < SWEEP_N; i++) {
            double out = 10.0 * i / (SWEEP_N - 1);
            if (out == 5.25)
                continue;               /* a tie: either choice */
            cr_assert(near(seen[j].pay[i][0], out < 5.25 ? 5.25 : out, 1e-9),
                      "out %g: A gets %.17g", out, seen[j].pay[i][0]);
            cr_assert(near(seen[j].pay[i][1], out < 5.25 ? 5.25 : 0.0, 1e-9),
                      "out %g: B gets %.17g", out, seen[j].pay[i][1]);
        }
        eq_analysis_free(a);
    }
    cr_assert(memcmp(seen[0].pay, seen[1].pay, sizeof seen[0].pay) == 0);
    eq_model_free(m);
}
