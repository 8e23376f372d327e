/*
** test_zerosum.c -- the GLPK module (lp.c) and the zero-sum solver.
**
** Every expected value below is derived by hand in the comment above its
** test, or taken from a published example (and re-derived).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"
#include "lp.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static int near(double a, double b, double tol)
{
    return fabs(a - b) <= tol;
}

/* The zero-sum game (A, -A) plus c for player 2: A + B = c. */
static eq_game *constant_sum(int m, int n, const double *A, double c)
{
    double *B = malloc((size_t)(m * n) * sizeof *B);
    eq_game *g;
    cr_assert_not_null(B);
    for (int k = 0; k < m * n; k++)
        B[k] = c - A[k];
    g = t_bimatrix(m, n, A, B);
    free(B);
    return g;
}

static eq_result *solve(const eq_game *g, int exact, eq_status expect)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_status s;
    eq_solve_opts_init(&o);
    o.sensitivity = 1;   /* the tests read the duals and ranges */
    o.method = EQ_METHOD_ZEROSUM;
    o.exact = exact;
    s = eq_solve(g, &o, &r);
    cr_assert_not_null(r);
    cr_assert_eq(s, expect, "status %d (%s), expected %d", (int)s,
                 eq_result_errmsg(r), (int)expect);
    if (expect == EQ_OK) {
        cr_assert_eq(eq_result_count(r), 1);
        cr_assert_eq(eq_result_solution(r), EQ_SOL_FOUND);
        cr_assert_eq(eq_result_method(r), EQ_METHOD_ZEROSUM);
        /* The value is equilibrium 0's payoff to player 1 (equilib.h). */
        cr_assert_eq(eq_result_value(r), eq_result_payoff(r, 0, 0));
    }
    return r;
}

static void expect_strategy(const eq_result *r, int p, const double *want,
                            int k, double tol)
{
    const double *s = eq_result_strategy(r, 0, p);
    cr_assert_not_null(s);
    cr_assert_eq(eq_result_actions(r, p), k);
    for (int a = 0; a < k; a++)
        cr_assert(near(s[a], want[a], tol),
                  "player %d action %d: %.17g, expected %.17g", p + 1, a,
                  s[a], want[a]);
}

static void expect_exact(const eq_result *r, int p, int a, const char *want)
{
    const char *got = eq_result_strategy_exact(r, 0, p, a);
    cr_assert_not_null(got);
    cr_assert_str_eq(got, want, "player %d action %d: %s, expected %s", p + 1,
                     a, got, want);
}

/* A tiny LCG so the "random" games are the same everywhere. */
static unsigned long long lcg_state;
static double lcg_uniform(void)     /* in [0, 1) */
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(lcg_state >> 11) / 9007199254740992.0;
}

/* ------------------------------------------------------------------ */
/* lp.c                                                                 */
/* ------------------------------------------------------------------ */

/* Adds the textbook "Wyndor Glass" LP (Hillier & Lieberman, Introduction
** to Operations Research, ch. 3 and 6):
**     max 3 x1 + 5 x2   s.t.   x1 <= 4,  2 x2 <= 12,  3 x1 + 2 x2 <= 18.
** At x = (2, 6) the last two rows are tight: 2*6 = 12 and 3*2 + 2*6 = 18.
** Row 1 is slack (2 < 4), so its price y1 = 0; the prices of the tight
** rows solve c = A^T y on the basic columns: x1: 3 y3 = 3 -> y3 = 1;
** x2: 2 y2 + 2 y3 = 5 -> y2 = 3/2.  Objective 3*2 + 5*6 = 36, equal to
** the dual's 12 * 3/2 + 18 * 1. */
static void fill_wyndor(eqi_lp *lp)
{
    const int row[] = { 0, 1, 2, 2 }, col[] = { 0, 1, 0, 1 };
    const double val[] = { 1, 2, 3, 2 };
    cr_assert_eq(eqi_lp_set_obj(lp, 0, 3), EQ_OK);
    cr_assert_eq(eqi_lp_set_obj(lp, 1, 5), EQ_OK);
    cr_assert_eq(eqi_lp_add_entries(lp, 4, row, col, val), EQ_OK);
    cr_assert_eq(eqi_lp_set_row_bounds(lp, 0, -HUGE_VAL, 4), EQ_OK);
    cr_assert_eq(eqi_lp_set_row_bounds(lp, 1, -HUGE_VAL, 12), EQ_OK);
    cr_assert_eq(eqi_lp_set_row_bounds(lp, 2, -HUGE_VAL, 18), EQ_OK);
}

static eqi_lp *wyndor(void)
{
    eqi_lp *lp = NULL;
    cr_assert_eq(eqi_lp_new(&lp, 3, 2, EQI_LP_MAX), EQ_OK);
    fill_wyndor(lp);
    return lp;
}

Test(lp, tiny_optimum_duals_basis)
{
    eqi_lp *lp = wyndor();
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_UNSOLVED);
    cr_assert_eq(eqi_lp_solve(lp, NULL), EQ_OK, "%s", eqi_lp_errmsg(lp));
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_OPTIMAL);
    cr_assert(near(eqi_lp_obj_value(lp), 36, 1e-9));
    cr_assert(near(eqi_lp_col_value(lp, 0), 2, 1e-9));
    cr_assert(near(eqi_lp_col_values(lp)[1], 6, 1e-9));
    cr_assert(near(eqi_lp_row_value(lp, 2), 18, 1e-9));
    cr_assert(near(eqi_lp_row_dual(lp, 0), 0, 1e-9));
    cr_assert(near(eqi_lp_row_dual(lp, 1), 1.5, 1e-9));
    cr_assert(near(eqi_lp_row_duals(lp)[2], 1, 1e-9));
    /* Both columns basic, so their reduced costs are 0. */
    cr_assert(near(eqi_lp_col_dual(lp, 0), 0, 1e-9));
    cr_assert_eq(eqi_lp_col_bstat(lp, 0), EQI_LP_BS_BASIC);
    cr_assert_eq(eqi_lp_col_bstat(lp, 1), EQI_LP_BS_BASIC);
    cr_assert_eq(eqi_lp_row_bstat(lp, 0), EQI_LP_BS_BASIC);
    cr_assert_eq(eqi_lp_row_bstat(lp, 1), EQI_LP_BS_UPPER);
    cr_assert_eq(eqi_lp_row_bstat(lp, 2), EQI_LP_BS_UPPER);
    cr_assert_eq(eqi_lp_row_bstat(lp, 3), EQI_LP_BS_NONE);
    /* Out-of-range reads are harmless. */
    cr_assert_eq(eqi_lp_col_value(lp, 2), 0.0);
    cr_assert_eq(eqi_lp_row_dual(lp, -1), 0.0);
    /* No ranges were asked for. */
    {
        double lo, hi;
        cr_assert_eq(eqi_lp_cost_range(lp, 0, &lo, &hi), EQ_ERR_ARG);
    }
    eqi_lp_free(lp);
}

/* Solves Wyndor with ranging; checks the optimum and the cost ranges
** derived below. */
static void solve_wyndor(eqi_lp *lp)
{
    eqi_lp_parm p;
    double lo, hi;
    eqi_lp_parm_init(&p);
    p.ranging = 1;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_OK, "%s", eqi_lp_errmsg(lp));
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_OPTIMAL);
    cr_assert(near(eqi_lp_obj_value(lp), 36, 1e-9));
    cr_assert(near(eqi_lp_col_value(lp, 0), 2, 1e-9));
    cr_assert(near(eqi_lp_col_value(lp, 1), 6, 1e-9));
    cr_assert_eq(eqi_lp_cost_range(lp, 0, &lo, &hi), EQ_OK);
    cr_assert(near(lo, 0, 1e-9) && near(hi, 7.5, 1e-9), "c1 in [%g, %g]", lo, hi);
    cr_assert_eq(eqi_lp_cost_range(lp, 1, &lo, &hi), EQ_OK);
    cr_assert(near(lo, 2, 1e-9) && hi == HUGE_VAL, "c2 in [%g, %g]", lo, hi);
}

/* Wyndor's sensitivity analysis (Hillier & Lieberman, sec. 6.7), derived:
** c1 may range while the slope -c1/c2 of the objective stays between the
** tight rows' slopes, 0 (2 x2 = 12) and -3/2 (3 x1 + 2 x2 = 18): with
** c2 = 5, 0 <= c1 <= 7.5; with c1 = 3, c2 >= 2.  b2: the vertex
** x = ((18 - b2)/3, b2/2) stays feasible while 0 <= x1 <= 4, so
** 6 <= b2 <= 18.  b3: x = ((b3 - 12)/3, 6) with 0 <= x1 <= 4, so
** 12 <= b3 <= 24.  Row 1 (x1 <= 4) is basic: no active bound to range. */
Test(lp, ranging)
{
    eqi_lp *lp = wyndor();
    double lo, hi;
    solve_wyndor(lp);
    cr_assert_eq(eqi_lp_bound_range(lp, 1, 1, &lo, &hi), EQ_OK);
    cr_assert(near(lo, 6, 1e-9) && near(hi, 18, 1e-9),
              "b2 in [%g, %g]", lo, hi);
    cr_assert_eq(eqi_lp_bound_range(lp, 1, 2, &lo, &hi), EQ_OK);
    cr_assert(near(lo, 12, 1e-9) && near(hi, 24, 1e-9),
              "b3 in [%g, %g]", lo, hi);
    cr_assert_eq(eqi_lp_bound_range(lp, 1, 0, &lo, &hi), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_bound_range(lp, 0, 0, &lo, &hi), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_bound_range(lp, 1, 3, &lo, &hi), EQ_ERR_ARG);
    /* Changing the data drops the solution and its ranges. */
    cr_assert_eq(eqi_lp_set_obj(lp, 0, 4), EQ_OK);
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_UNSOLVED);
    cr_assert_eq(eqi_lp_cost_range(lp, 0, &lo, &hi), EQ_ERR_ARG);
    eqi_lp_free(lp);
}

/* min x1 + x2 with x1 + x2 <= 1 and x1 + x2 >= 2: no point satisfies
** both.  "Infeasible" is an answer: the call succeeds. */
static eqi_lp *infeasible_lp(void)
{
    eqi_lp *lp = NULL;
    const double a[] = { 1, 1, 1, 1 };
    cr_assert_eq(eqi_lp_new(&lp, 2, 2, EQI_LP_MIN), EQ_OK);
    cr_assert_eq(eqi_lp_add_block(lp, 0, 0, 2, 2, a, 2, 1), EQ_OK);
    cr_assert_eq(eqi_lp_set_row_bounds(lp, 0, -HUGE_VAL, 1), EQ_OK);
    cr_assert_eq(eqi_lp_set_row_bounds(lp, 1, 2, HUGE_VAL), EQ_OK);
    cr_assert_eq(eqi_lp_set_obj(lp, 0, 1), EQ_OK);
    cr_assert_eq(eqi_lp_set_obj(lp, 1, 1), EQ_OK);
    return lp;
}

/* max x1 + x2 with x1 - x2 <= 1, x >= 0: x = (t, t) is feasible for every
** t >= 0 with objective 2t. */
static eqi_lp *unbounded_lp(void)
{
    eqi_lp *lp = NULL;
    const int row[] = { 0, 0 }, col[] = { 0, 1 };
    const double val[] = { 1, -1 };
    cr_assert_eq(eqi_lp_new(&lp, 1, 2, EQI_LP_MAX), EQ_OK);
    cr_assert_eq(eqi_lp_add_entries(lp, 2, row, col, val), EQ_OK);
    cr_assert_eq(eqi_lp_set_row_bounds(lp, 0, -HUGE_VAL, 1), EQ_OK);
    cr_assert_eq(eqi_lp_set_obj(lp, 0, 1), EQ_OK);
    cr_assert_eq(eqi_lp_set_obj(lp, 1, 1), EQ_OK);
    return lp;
}

Test(lp, infeasible_and_unbounded)
{
    eqi_lp_parm p;
    eqi_lp_parm_init(&p);
    /* Each method, with and without GLPK's presolver (which reports
    ** unboundedness only as "no dual feasible solution"). */
    for (int v = 0; v < 4; v++) {
        eqi_lp *lp = infeasible_lp();
        p.method = v & 1 ? EQI_LP_DUAL : EQI_LP_PRIMAL;
        p.presolve = v >> 1;
        cr_assert_eq(eqi_lp_solve(lp, &p), EQ_OK, "%s", eqi_lp_errmsg(lp));
        cr_assert_eq(eqi_lp_status(lp), EQI_LP_INFEASIBLE, "variant %d: %s", v,
                     eqi_lp_sol_name(eqi_lp_status(lp)));
        eqi_lp_free(lp);
        lp = unbounded_lp();
        cr_assert_eq(eqi_lp_solve(lp, &p), EQ_OK, "%s", eqi_lp_errmsg(lp));
        cr_assert_eq(eqi_lp_status(lp), EQI_LP_UNBOUNDED, "variant %d: %s", v,
                     eqi_lp_sol_name(eqi_lp_status(lp)));
        eqi_lp_free(lp);
    }
}

/* Exact refinement (glp_exact) agrees with Wyndor's optimum. */
Test(lp, exact_simplex)
{
    eqi_lp *lp = wyndor();
    eqi_lp_parm p;
    eqi_lp_parm_init(&p);
    p.exact = 1;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_OK, "%s", eqi_lp_errmsg(lp));
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_OPTIMAL);
    cr_assert_eq(eqi_lp_obj_value(lp), 36.0);
    eqi_lp_free(lp);
}

/* A 0-1 knapsack: max 8a + 11b + 6c + 4d s.t. 5a + 7b + 4c + 3d <= 14.
** By enumeration the best feasible sets are {b,c,d} (weight 14, value 21);
** {a,b} gives 19, {a,c,d} 18.  The LP relaxation is worth more (22:
** a = b = 1, c = 1/2), so branching is needed. */
Test(lp, mip_knapsack)
{
    eqi_lp *lp = NULL;
    const double w[] = { 5, 7, 4, 3 }, v[] = { 8, 11, 6, 4 };
    cr_assert_eq(eqi_lp_new(&lp, 1, 4, EQI_LP_MAX), EQ_OK);
    cr_assert_eq(eqi_lp_add_block(lp, 0, 0, 1, 4, w, 4, 1), EQ_OK);
    cr_assert_eq(eqi_lp_set_row_bounds(lp, 0, -HUGE_VAL, 14), EQ_OK);
    for (int j = 0; j < 4; j++) {
        cr_assert_eq(eqi_lp_set_obj(lp, j, v[j]), EQ_OK);
        cr_assert_eq(eqi_lp_set_col_bounds(lp, j, 0, 1), EQ_OK);
    }
    /* Relaxation first. */
    cr_assert_eq(eqi_lp_solve(lp, NULL), EQ_OK, "%s", eqi_lp_errmsg(lp));
    cr_assert(near(eqi_lp_obj_value(lp), 22, 1e-9));
    for (int j = 0; j < 4; j++)
        cr_assert_eq(eqi_lp_set_col_integer(lp, j, 1), EQ_OK);
    cr_assert_eq(eqi_lp_solve(lp, NULL), EQ_OK, "%s", eqi_lp_errmsg(lp));
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_OPTIMAL);
    cr_assert(near(eqi_lp_obj_value(lp), 21, 1e-9));
    cr_assert(near(eqi_lp_col_value(lp, 0), 0, 1e-9));
    for (int j = 1; j < 4; j++)
        cr_assert(near(eqi_lp_col_value(lp, j), 1, 1e-9));
    cr_assert(isnan(eqi_lp_row_dual(lp, 0)));  /* a MIP has no duals */
    cr_assert_eq(eqi_lp_col_bstat(lp, 0), EQI_LP_BS_NONE);
    /* Integer columns need integer bounds: refused before GLPK sees them. */
    cr_assert_eq(eqi_lp_set_col_bounds(lp, 0, 0, 0.5), EQ_OK);
    cr_assert_eq(eqi_lp_solve(lp, NULL), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_FAILED);
    eqi_lp_free(lp);
}

/* Every argument is checked before GLPK sees it: GLPK itself would
** abort().  None of these may crash. */
Test(lp, bad_arguments)
{
    eqi_lp *lp = NULL;
    eqi_lp_parm p;
    double lo, hi;
    const int r2[] = { 0, 0 }, c2[] = { 1, 1 }, rbad[] = { 5 }, cbad[] = { -1 };
    const double v2[] = { 1, 2 }, vinf[] = { HUGE_VAL }, vnan[] = { NAN };

    cr_assert_eq(eqi_lp_new(NULL, 1, 1, EQI_LP_MIN), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_new(&lp, -1, 1, EQI_LP_MIN), EQ_ERR_ARG);
    cr_assert_null(lp);
    cr_assert_eq(eqi_lp_new(&lp, 1, 0, EQI_LP_MIN), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_new(&lp, 200000000, 1, EQI_LP_MIN), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_new(&lp, 1, 1, (eqi_lp_dir)7), EQ_ERR_ARG);
    cr_assert_null(lp);
    eqi_lp_free(NULL);

    /* NULL handles. */
    cr_assert_eq(eqi_lp_set_obj(NULL, 0, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_col_bounds(NULL, 0, 0, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_row_bounds(NULL, 0, 0, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_col_integer(NULL, 0, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_add_entries(NULL, 0, NULL, NULL, NULL), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_add_block(NULL, 0, 0, 1, 1, v2, 1, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_solve(NULL, NULL), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_status(NULL), EQI_LP_UNSOLVED);
    cr_assert_str_eq(eqi_lp_errmsg(NULL), "");
    eqi_lp_clear_matrix(NULL);

    cr_assert_eq(eqi_lp_new(&lp, 2, 2, EQI_LP_MIN), EQ_OK);
    cr_assert_eq(eqi_lp_rows(lp), 2);
    cr_assert_eq(eqi_lp_cols(lp), 2);
    cr_assert_eq(eqi_lp_set_obj(lp, 2, 1), EQ_ERR_ARG);
    cr_assert(strstr(eqi_lp_errmsg(lp), "out of range") != NULL);
    cr_assert_eq(eqi_lp_set_obj(lp, -1, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_obj(lp, 0, NAN), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_obj(lp, 0, HUGE_VAL), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_col_bounds(lp, 0, 2, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_col_bounds(lp, 0, NAN, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_col_bounds(lp, 0, HUGE_VAL, HUGE_VAL), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_col_bounds(lp, 5, 0, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_row_bounds(lp, 0, 1, -HUGE_VAL), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_row_bounds(lp, 2, 0, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_col_integer(lp, 2, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_add_entries(lp, -1, r2, c2, v2), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_add_entries(lp, 1, NULL, c2, v2), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_add_entries(lp, 1, rbad, c2, v2), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_add_entries(lp, 1, r2, cbad, v2), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_add_entries(lp, 1, r2, c2, vinf), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_add_entries(lp, 1, r2, c2, vnan), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_add_block(lp, 1, 1, 2, 2, v2, 2, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_add_block(lp, 0, 0, 1, 1, NULL, 1, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_add_block(lp, 0, 0, 1, 1, vinf, 1, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_add_block(lp, 0, 0, 0, 0, NULL, 1, 1), EQ_OK);
    /* Nothing bad was appended: the LP still solves (min 0 -> 0). */
    cr_assert_eq(eqi_lp_solve(lp, NULL), EQ_OK, "%s", eqi_lp_errmsg(lp));
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_OPTIMAL);

    /* Bad options. */
    eqi_lp_parm_init(NULL);
    eqi_lp_parm_init(&p);
    p.method = (eqi_lp_method)9;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_ERR_ARG);
    eqi_lp_parm_init(&p);
    p.it_limit = -1;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_ERR_ARG);
    eqi_lp_parm_init(&p);
    p.mip_gap = NAN;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_ERR_ARG);
    eqi_lp_parm_init(&p);
    p.mem_limit = -5;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_ERR_ARG);
    eqi_lp_parm_init(&p);
    p.tol = 0.5;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_ERR_ARG);
    p.tol = NAN;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_ERR_ARG);

    /* A position given twice: GLPK's glp_load_matrix would abort. */
    cr_assert_eq(eqi_lp_add_entries(lp, 2, r2, c2, v2), EQ_OK);
    cr_assert_eq(eqi_lp_solve(lp, NULL), EQ_ERR_ARG);
    cr_assert(strstr(eqi_lp_errmsg(lp), "given twice") != NULL, "%s",
              eqi_lp_errmsg(lp));
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_FAILED);
    eqi_lp_clear_matrix(lp);
    cr_assert_eq(eqi_lp_solve(lp, NULL), EQ_OK);

    cr_assert_eq(eqi_lp_cost_range(lp, 0, NULL, &hi), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_bound_range(NULL, 0, 0, &lo, &hi), EQ_ERR_ARG);
    eqi_lp_free(lp);
}

/* An error inside GLPK (here its own memory cap, glp_mem_limit) must come
** back as EQ_ERR_LP with GLPK's message, never as abort(); GLPK must work
** normally afterwards.  Under ASan this also shows that the longjmp out of
** GLPK and glp_free_env() leak nothing. */
Test(lp, glpk_error_is_contained)
{
    eqi_lp *lp = NULL;
    eqi_lp_parm p;
    const double one = 1.0;
    cr_assert_eq(eqi_lp_new(&lp, 300, 300, EQI_LP_MAX), EQ_OK);
    /* max sum x s.t. sum x <= 1 in each of 300 identical rows. */
    cr_assert_eq(eqi_lp_add_block(lp, 0, 0, 300, 300, &one, 0, 0), EQ_OK);
    for (int k = 0; k < 300; k++) {
        cr_assert_eq(eqi_lp_set_row_bounds(lp, k, -HUGE_VAL, 1), EQ_OK);
        cr_assert_eq(eqi_lp_set_obj(lp, k, 1), EQ_OK);
    }
    eqi_lp_parm_init(&p);
    p.mem_limit = 1;            /* megabytes: 90000 entries need more */
    for (int rep = 0; rep < 2; rep++) {
        cr_assert_eq(eqi_lp_solve(lp, &p), EQ_ERR_LP);
        cr_assert_eq(eqi_lp_status(lp), EQI_LP_FAILED);
        cr_assert(strstr(eqi_lp_errmsg(lp), "GLPK error") != NULL, "%s",
                  eqi_lp_errmsg(lp));
        cr_assert(strstr(eqi_lp_errmsg(lp), "memory") != NULL, "%s",
                  eqi_lp_errmsg(lp));
    }
    p.mem_limit = 0;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_OK, "%s", eqi_lp_errmsg(lp));
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_OPTIMAL);
    cr_assert(near(eqi_lp_obj_value(lp), 1, 1e-9));
    eqi_lp_free(lp);
}

/* An iteration limit is EQ_ERR_LIMIT, with status "failed". */
Test(lp, iteration_limit)
{
    eqi_lp *lp = wyndor();
    eqi_lp_parm p;
    eqi_lp_parm_init(&p);
    p.it_limit = 1;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_ERR_LIMIT, "%s", eqi_lp_errmsg(lp));
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_FAILED);
    eqi_lp_free(lp);
}

/* Warm start: Wyndor's optimal basis (x1, x2 and row 1 basic) given up
** front needs no simplex iteration; an invalid basis (too many basic
** variables) falls back to the standard one and still solves. */
Test(lp, warm_start)
{
    eqi_lp *lp = wyndor();
    cr_assert_eq(eqi_lp_solve(lp, NULL), EQ_OK);
    cr_assert_gt(eqi_lp_iterations(lp), 0);
    cr_assert_eq(eqi_lp_set_col_bstat(lp, 0, EQI_LP_BS_BASIC), EQ_OK);
    cr_assert_eq(eqi_lp_set_col_bstat(lp, 1, EQI_LP_BS_BASIC), EQ_OK);
    cr_assert_eq(eqi_lp_set_row_bstat(lp, 0, EQI_LP_BS_BASIC), EQ_OK);
    cr_assert_eq(eqi_lp_set_row_bstat(lp, 1, EQI_LP_BS_LOWER), EQ_OK);
    cr_assert_eq(eqi_lp_set_row_bstat(lp, 2, EQI_LP_BS_UPPER), EQ_OK);
    cr_assert_eq(eqi_lp_solve(lp, NULL), EQ_OK);
    cr_assert_eq(eqi_lp_iterations(lp), 0);
    cr_assert(near(eqi_lp_obj_value(lp), 36, 1e-9));
    cr_assert_eq(eqi_lp_set_row_bstat(lp, 1, EQI_LP_BS_BASIC), EQ_OK);
    cr_assert_eq(eqi_lp_solve(lp, NULL), EQ_OK, "%s", eqi_lp_errmsg(lp));
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_OPTIMAL);
    cr_assert(near(eqi_lp_obj_value(lp), 36, 1e-9));
    cr_assert_eq(eqi_lp_set_row_bstat(lp, 3, EQI_LP_BS_BASIC), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_col_bstat(lp, 0, EQI_LP_BS_NONE), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_col_bstat(lp, 0, (eqi_lp_bstat)6), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_set_col_bstat(NULL, 0, EQI_LP_BS_BASIC), EQ_ERR_ARG);
    eqi_lp_free(lp);
}

/*
** eqi_lp_reset, as a correlated workspace refills its LP: Wyndor (above),
** 36 at (2, 6); c1 may range over [0, 7.5], c2 over [2, inf).  Between
** its fills, the LP is reset to a smaller unbounded one and to a larger one, max x1 + x2 + x3
** + x4 with x_i <= i and the sum <= 6: optimum 6 (the caps sum to 10), so
** its arrays shrink in use and grow; the third Wyndor solve gives the same
** bytes as a fresh LP's.
*/
Test(lp, reset_refill)
{
    eqi_lp *lp = NULL, *fresh = NULL;
    eqi_lp_parm p;
    const int r1[] = { 0, 0 }, c1[] = { 0, 1 };
    const double v1[] = { 1, -1 };
    eqi_lp_parm_init(&p);
    p.ranging = 1;

    cr_assert_eq(eqi_lp_new(&lp, 3, 2, EQI_LP_MAX), EQ_OK);
    fill_wyndor(lp);
    cr_assert_eq(eqi_lp_set_col_bstat(lp, 0, EQI_LP_BS_BASIC), EQ_OK);
    solve_wyndor(lp);

    /* Smaller: max x1 + x2 with x1 - x2 <= 1, unbounded. */
    cr_assert_eq(eqi_lp_reset(lp, 1, 2, EQI_LP_MAX), EQ_OK);
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_UNSOLVED);
    cr_assert_eq(eqi_lp_rows(lp), 1);
    cr_assert_eq(eqi_lp_add_entries(lp, 2, r1, c1, v1), EQ_OK);
    cr_assert_eq(eqi_lp_set_row_bounds(lp, 0, -HUGE_VAL, 1), EQ_OK);
    cr_assert_eq(eqi_lp_set_obj(lp, 0, 1), EQ_OK);
    cr_assert_eq(eqi_lp_set_obj(lp, 1, 1), EQ_OK);
    cr_assert_eq(eqi_lp_solve(lp, NULL), EQ_OK, "%s", eqi_lp_errmsg(lp));
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_UNBOUNDED);

    /* Larger, with ranging (the range arrays made again, larger). */
    cr_assert_eq(eqi_lp_reset(lp, 5, 4, EQI_LP_MAX), EQ_OK);
    for (int j = 0; j < 4; j++) {
        int r[2] = { j, 4 }, c[2] = { j, j };
        double v[2] = { 1, 1 };
        cr_assert_eq(eqi_lp_add_entries(lp, 2, r, c, v), EQ_OK);
        cr_assert_eq(eqi_lp_set_row_bounds(lp, j, -HUGE_VAL, j + 1), EQ_OK);
        cr_assert_eq(eqi_lp_set_obj(lp, j, 1), EQ_OK);
        cr_assert_eq(eqi_lp_set_col_bounds(lp, j, 0, 3), EQ_OK);
    }
    cr_assert_eq(eqi_lp_set_row_bounds(lp, 4, -HUGE_VAL, 6), EQ_OK);
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_OK, "%s", eqi_lp_errmsg(lp));
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_OPTIMAL);
    cr_assert(near(eqi_lp_obj_value(lp), 6, 1e-9));

    /* Wyndor again: the column bounds, objective and warm start of before
    ** are gone, and the answer is a fresh LP's, bit for bit. */
    cr_assert_eq(eqi_lp_reset(lp, 3, 2, EQI_LP_MAX), EQ_OK);
    fill_wyndor(lp);
    solve_wyndor(lp);
    cr_assert_eq(eqi_lp_new(&fresh, 3, 2, EQI_LP_MAX), EQ_OK);
    fill_wyndor(fresh);
    solve_wyndor(fresh);
    cr_assert(memcmp(eqi_lp_col_values(lp), eqi_lp_col_values(fresh), 2 * sizeof(double)) == 0);
    cr_assert(memcmp(eqi_lp_row_duals(lp), eqi_lp_row_duals(fresh), 3 * sizeof(double)) == 0);
    cr_assert_eq(eqi_lp_iterations(lp), eqi_lp_iterations(fresh));

    /* Bad arguments leave the LP as it was. */
    cr_assert_eq(eqi_lp_reset(NULL, 1, 1, EQI_LP_MAX), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_reset(lp, -1, 1, EQI_LP_MAX), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_reset(lp, 1, 0, EQI_LP_MAX), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_reset(lp, 1, 1, (eqi_lp_dir)7), EQ_ERR_ARG);
    cr_assert_eq(eqi_lp_status(lp), EQI_LP_OPTIMAL);
    cr_assert(near(eqi_lp_obj_value(lp), 36, 1e-9));
    eqi_lp_free(lp);
    eqi_lp_free(fresh);
}

/* ------------------------------------------------------------------ */
/* Zero-sum games: catalogue                                            */
/* ------------------------------------------------------------------ */

/* Matching pennies, A = [[1,-1],[-1,1]].  Player 2 must make player 1
** indifferent: q - (1-q) = -q + (1-q) -> q = 1/2, and symmetrically
** p = 1/2; the value is 1/2 - 1/2 = 0. */
Test(zerosum, matching_pennies)
{
    const double A[] = { 1, -1, -1, 1 }, half[] = { 0.5, 0.5 };
    eq_game *g = constant_sum(2, 2, A, 0);
    eq_result *r = solve(g, 0, EQ_OK);
    cr_assert(near(eq_result_value(r), 0, 1e-12));
    expect_strategy(r, 0, half, 2, 1e-12);
    expect_strategy(r, 1, half, 2, 1e-12);
    cr_assert_leq(eq_result_regret(r, 0), 1e-12);
    eq_result_free(r);
    r = solve(g, 1, EQ_OK);
    cr_assert(eq_result_is_exact(r));
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 0), "0");
    expect_exact(r, 0, 0, "1/2");
    expect_exact(r, 1, 1, "1/2");
    cr_assert_str_eq(eq_result_regret_exact(r, 0), "0");
    eq_result_free(r);
    eq_game_free(g);
}

/* Rock-paper-scissors, A = [[0,-1,1],[1,0,-1],[-1,1,0]].  A is
** skew-symmetric, so the value is 0 (v = -v).  Against uniform y every row
** earns (0 - 1 + 1)/3 = 0.  Uniform is the only optimal x: x must earn
** >= 0 in every column: x1 - x2 >= 0 (column 0), x2 - x0 >= 0 (column 1),
** x0 - x1 >= 0 (column 2), so x1 >= x2 >= x0 >= x1: all equal.  The same
** argument applies to y. */
Test(zerosum, rock_paper_scissors)
{
    const double A[] = { 0, -1, 1, 1, 0, -1, -1, 1, 0 };
    const double third[] = { 1.0 / 3, 1.0 / 3, 1.0 / 3 };
    eq_game *g = constant_sum(3, 3, A, 0);
    eq_result *r = solve(g, 0, EQ_OK);
    cr_assert(near(eq_result_value(r), 0, 1e-12));
    expect_strategy(r, 0, third, 3, 1e-12);
    expect_strategy(r, 1, third, 3, 1e-12);
    eq_result_free(r);
    r = solve(g, 1, EQ_OK);
    for (int a = 0; a < 3; a++) {
        expect_exact(r, 0, a, "1/3");
        expect_exact(r, 1, a, "1/3");
    }
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 1), "0");
    eq_result_free(r);
    eq_game_free(g);
}

/* A = [[3,-1],[-2,1]] has no saddle point: the row minima are -1, -2
** (maximin -1), the column maxima 3, 1 (minimax 1).  So both players mix
** fully and equalise.  Player 1 with p on row 1:
**   column 1: 3p - 2(1-p) = 5p - 2;  column 2: -p + (1-p) = 1 - 2p;
**   5p - 2 = 1 - 2p  ->  p = 3/7,  value = 5(3/7) - 2 = 1/7.
** Player 2 with q on column 1:
**   row 1: 3q - (1-q) = 4q - 1;  row 2: -2q + (1-q) = 1 - 3q;
**   4q - 1 = 1 - 3q  ->  q = 2/7,  value = 8/7 - 1 = 1/7.
** (The formula (ad - bc)/(a + d - b - c) = (3 - 2)/(3 + 1 + 1 + 2) = 1/7
** agrees.)  x = (3/7, 4/7), y = (2/7, 5/7). */
static const double A2[] = { 3, -1, -2, 1 };

Test(zerosum, two_by_two_mixed)
{
    const double x[] = { 3.0 / 7, 4.0 / 7 }, y[] = { 2.0 / 7, 5.0 / 7 };
    eq_game *g = constant_sum(2, 2, A2, 0);
    eq_result *r = solve(g, 0, EQ_OK);
    cr_assert(near(eq_result_value(r), 1.0 / 7, 1e-12));
    cr_assert(near(eq_result_payoff(r, 0, 1), -1.0 / 7, 1e-12));
    expect_strategy(r, 0, x, 2, 1e-12);
    expect_strategy(r, 1, y, 2, 1e-12);
    cr_assert_leq(eq_result_regret(r, 0), 1e-12);
    eq_result_free(r);
    eq_game_free(g);
}

Test(zerosum, exact_fractions)
{
    eq_game *g = constant_sum(2, 2, A2, 0);
    eq_result *r = solve(g, 1, EQ_OK);
    cr_assert(eq_result_is_exact(r));
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 0), "1/7");
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 1), "-1/7");
    expect_exact(r, 0, 0, "3/7");
    expect_exact(r, 0, 1, "4/7");
    expect_exact(r, 1, 0, "2/7");
    expect_exact(r, 1, 1, "5/7");
    cr_assert_str_eq(eq_result_regret_exact(r, 0), "0");
    cr_assert(near(eq_result_value(r), 1.0 / 7, 1e-15));
    eq_result_free(r);
    eq_game_free(g);
}

/* Exact payoffs that no double holds: A = diag(1/3, 2/3), B = -A.
** For diag(a, b) with a, b > 0 the equalising strategies are
** x = y = (b, a)/(a + b) and the value ab/(a + b): here x = y = (2/3, 1/3)
** and value (2/9)/1 = 2/9.  Getting "2/9" proves the rationals, not their
** doubles, were used. */
Test(zerosum, exact_rational_payoffs)
{
    const char *a[2][2] = { { "1/3", "0" }, { "0", "2/3" } };
    const char *b[2][2] = { { "-1/3", "0" }, { "0", "-2/3" } };
    int k[2] = { 2, 2 };
    eq_game *g = NULL;
    eq_result *r;
    cr_assert_eq(eq_game_new(&g, 2, k), EQ_OK);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            int prof[2] = { i, j };
            cr_assert_eq(eq_game_set_payoff_text(g, 0, prof, a[i][j]), EQ_OK);
            cr_assert_eq(eq_game_set_payoff_text(g, 1, prof, b[i][j]), EQ_OK);
        }
    r = solve(g, 1, EQ_OK);
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 0), "2/9");
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 1), "-2/9");
    expect_exact(r, 0, 0, "2/3");
    expect_exact(r, 0, 1, "1/3");
    expect_exact(r, 1, 0, "2/3");
    expect_exact(r, 1, 1, "1/3");
    cr_assert_str_eq(eq_result_regret_exact(r, 0), "0");
    eq_result_free(r);
    eq_game_free(g);
}

/* A saddle point: A = [[4,2,3],[1,0,-1],[5,1,6]].  Row minima 2, -1, 1:
** maximin 2 at row 1.  Column maxima 5, 2, 6: minimax 2 at column 2.
** Equal, so (row 1, column 2) is a saddle point with value 2.  It is the
** only solution: x must earn >= 2 in column 2, whose entries are 2, 0, 1,
** so x = e1; y must hold row 1 to <= 2: 4y1 + 2y2 + 3y3 = 2 + 2y1 + y3
** <= 2 forces y1 = y3 = 0. */
Test(zerosum, saddle_point)
{
    const double A[] = { 4, 2, 3, 1, 0, -1, 5, 1, 6 };
    const double x[] = { 1, 0, 0 }, y[] = { 0, 1, 0 };
    eq_game *g = constant_sum(3, 3, A, 0);
    eq_result *r = solve(g, 0, EQ_OK);
    cr_assert(near(eq_result_value(r), 2, 1e-12));
    expect_strategy(r, 0, x, 3, 1e-12);
    expect_strategy(r, 1, y, 3, 1e-12);
    eq_result_free(r);
    r = solve(g, 1, EQ_OK);
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 0), "2");
    expect_exact(r, 0, 0, "1");
    expect_exact(r, 0, 2, "0");
    expect_exact(r, 1, 1, "1");
    eq_result_free(r);
    eq_game_free(g);
}

/* Constant-sum, not zero-sum: A = A2 + 5 = [[8,4],[3,6]], B = 10 - A.
** Player 2 maximising 10 - A is player 2 minimising A, so the strategies
** are those of A2, (3/7, 4/7) and (2/7, 5/7); the value to player 1 is
** 1/7 + 5 = 36/7 and player 2 gets 10 - 36/7 = 34/7. */
Test(zerosum, constant_sum_ten)
{
    const double A[] = { 8, 4, 3, 6 };
    const double x[] = { 3.0 / 7, 4.0 / 7 }, y[] = { 2.0 / 7, 5.0 / 7 };
    eq_game *g = constant_sum(2, 2, A, 10);
    eq_result *r = solve(g, 0, EQ_OK);
    cr_assert(near(eq_result_value(r), 36.0 / 7, 1e-12));
    cr_assert(near(eq_result_payoff(r, 0, 1), 34.0 / 7, 1e-12));
    expect_strategy(r, 0, x, 2, 1e-12);
    expect_strategy(r, 1, y, 2, 1e-12);
    eq_result_free(r);
    r = solve(g, 1, EQ_OK);
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 0), "36/7");
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 1), "34/7");
    eq_result_free(r);
    eq_game_free(g);
}

/* Two-finger Morra, as in T. S. Ferguson, "Game Theory" (UCLA lecture
** notes), Part II: each player shows 1 or 2 fingers and guesses the
** other's; a player who alone guesses right wins the total shown.
** Strategies (show, guess): (1,1), (1,2), (2,1), (2,2), and
**   A = [[ 0,  2, -3,  0],
**        [-2,  0,  0,  3],
**        [ 3,  0,  0, -4],
**        [ 0, -3,  4,  0]].
** A is skew-symmetric, so the value is 0.  Ferguson gives the optimal
** strategies (0, p, 1-p, 0) with 4/7 <= p <= 3/5; re-derived: against
** x = (0, p, 1-p, 0) the columns earn -2p + 3(1-p) = 3 - 5p, 0, 0 and
** 3p - 4(1-p) = 7p - 4, all >= 0 exactly when 4/7 <= p <= 3/5.  By
** symmetry the column player's optimal set is the same.  A basic solution
** is a vertex of that segment: p = 4/7 or p = 3/5. */
Test(zerosum, two_finger_morra)
{
    const double A[] = { 0, 2, -3, 0, -2, 0, 0, 3, 3, 0, 0, -4, 0, -3, 4, 0 };
    eq_game *g = constant_sum(4, 4, A, 0);
    eq_result *r = solve(g, 0, EQ_OK);
    cr_assert(near(eq_result_value(r), 0, 1e-12));
    for (int p = 0; p < 2; p++) {
        const double *s = eq_result_strategy(r, 0, p);
        cr_assert(near(s[0], 0, 1e-12));
        cr_assert(near(s[3], 0, 1e-12));
        cr_assert(s[1] >= 4.0 / 7 - 1e-12 && s[1] <= 3.0 / 5 + 1e-12,
                  "player %d: p = %.17g", p + 1, s[1]);
    }
    cr_assert_leq(eq_result_regret(r, 0), 1e-12);
    eq_result_free(r);
    r = solve(g, 1, EQ_OK);
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 0), "0");
    cr_assert_str_eq(eq_result_regret_exact(r, 0), "0");
    for (int p = 0; p < 2; p++) {
        const char *s = eq_result_strategy_exact(r, 0, p, 1);
        cr_assert(strcmp(s, "4/7") == 0 || strcmp(s, "3/5") == 0,
                  "player %d: p = %s", p + 1, s);
        expect_exact(r, p, 0, "0");
        expect_exact(r, p, 3, "0");
    }
    eq_result_free(r);
    eq_game_free(g);
}

/* Degenerate shapes.  One row: player 1 has no choice, player 2 picks the
** smallest entry: A = [[4, -2, 7]] has value -2 with y = e2.  One column:
** player 1 picks the largest entry of [[1], [6], [3]]: value 6, x = e2. */
Test(zerosum, single_row_and_column)
{
    const double row[] = { 4, -2, 7 }, col[] = { 1, 6, 3 };
    const double one[] = { 1 }, y[] = { 0, 1, 0 };
    eq_game *g = constant_sum(1, 3, row, 0);
    eq_result *r = solve(g, 0, EQ_OK);
    cr_assert(near(eq_result_value(r), -2, 1e-12));
    expect_strategy(r, 0, one, 1, 0);
    expect_strategy(r, 1, y, 3, 1e-12);
    eq_result_free(r);
    r = solve(g, 1, EQ_OK);
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 0), "-2");
    eq_result_free(r);
    eq_game_free(g);

    g = constant_sum(3, 1, col, 0);
    r = solve(g, 0, EQ_OK);
    cr_assert(near(eq_result_value(r), 6, 1e-12));
    expect_strategy(r, 0, y, 3, 1e-12);
    eq_result_free(r);
    r = solve(g, 1, EQ_OK);
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 0), "6");
    eq_result_free(r);
    eq_game_free(g);
}

/* A constant game: every profile is an equilibrium with value 2.5 (and
** A' is constant in the LP, the most degenerate case). */
Test(zerosum, constant_game)
{
    const double A[] = { 2.5, 2.5, 2.5, 2.5, 2.5, 2.5 };
    eq_game *g = constant_sum(2, 3, A, 0);
    eq_result *r = solve(g, 0, EQ_OK);
    cr_assert(near(eq_result_value(r), 2.5, 1e-12));
    cr_assert_eq(eq_result_regret(r, 0), 0.0);
    eq_result_free(r);
    r = solve(g, 1, EQ_OK);
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 0), "5/2");
    cr_assert_str_eq(eq_result_regret_exact(r, 0), "0");
    eq_result_free(r);
    eq_game_free(g);
}

/* The prisoner's dilemma, A = [[3,0],[5,1]], B = A^T: A + B is 6, 5, 5, 2,
** not constant, so the method does not apply. */
Test(zerosum, not_constant_sum)
{
    const double A[] = { 3, 0, 5, 1 }, B[] = { 3, 5, 0, 1 };
    eq_game *g = t_bimatrix(2, 2, A, B);
    eq_result *r = solve(g, 0, EQ_ERR_UNSUPPORTED);
    cr_assert_str_eq(eq_result_errmsg(r),
                     "zerosum: the game is not constant-sum (A + B varies); "
                     "use -m enum or -m lemke");
    cr_assert_eq(eq_result_count(r), 0);
    eq_result_free(r);
    r = solve(g, 1, EQ_ERR_UNSUPPORTED);
    eq_result_free(r);
    eq_game_free(g);
}

/* Near ties: A = [[c, 1, 0], [c, 0, 1]] with small c > 0.  Column 1 pays
** player 1 c whatever he does, columns 2 and 3 pay x1 and x2, so
** v = max_x min(c, x1, x2) = c (any x with x1, x2 >= c).  Player 2 must
** play column 1 only: y has to hold both rows to <= c, and adding
** c y1 + y2 <= c and c y1 + y3 <= c gives (1 - y1)(1 - 2c) <= 0, so
** y1 = 1.
** c = 1e-8 is below GLPK's default tolerance (1e-7 of the range): with
** it, GLPK stops at x = (1, 0), whose regret is c.  The solver passes
** opts.tol (1e-9) on, so the certificate must be within that.
** c = 1e-10 is below even that: the floating-point answer is only good to
** the tolerance, and in exact mode the floating-point basis is not exactly
** optimal, so GLPK's rational simplex must take over. */
Test(zerosum, near_ties)
{
    const double cs[] = { 1e-8, 1e-10 };
    for (int t = 0; t < 2; t++) {
        const double c = cs[t], A[] = { c, 1, 0, c, 0, 1 };
        eq_game *g = constant_sum(2, 3, A, 0);
        eq_result *r = solve(g, 0, EQ_OK);
        cr_assert(near(eq_result_value(r), c, 1e-9));
        cr_assert_leq(eq_result_regret(r, 0), 1e-9, "c = %g: regret %g", c,
                      eq_result_regret(r, 0));
        if (t == 0)
            cr_assert(near(eq_result_strategy(r, 0, 1)[0], 1, 1e-12));
        eq_result_free(r);
        r = solve(g, 1, EQ_OK);
        cr_assert_str_eq(eq_result_regret_exact(r, 0), "0");
        expect_exact(r, 1, 0, "1");
        cr_assert_eq(eq_result_value(r), c);  /* the double c, exactly */
        eq_result_free(r);
        eq_game_free(g);
    }
}

/* The same near tie with c = 1/(3 * 10^10) given as exact text, which no
** double holds: the rational simplex then runs on the payoffs times their
** common denominator 3 * 10^10 (integers, exact in doubles), and the value
** must be c itself. */
Test(zerosum, near_tie_rational)
{
    const char *A[2][3] = { { "1/30000000000", "1", "0" },
                            { "1/30000000000", "0", "1" } };
    const char *B[2][3] = { { "-1/30000000000", "-1", "0" },
                            { "-1/30000000000", "0", "-1" } };
    int k[2] = { 2, 3 };
    eq_game *g = NULL;
    eq_result *r;
    cr_assert_eq(eq_game_new(&g, 2, k), EQ_OK);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) {
            int prof[2] = { i, j };
            cr_assert_eq(eq_game_set_payoff_text(g, 0, prof, A[i][j]), EQ_OK);
            cr_assert_eq(eq_game_set_payoff_text(g, 1, prof, B[i][j]), EQ_OK);
        }
    r = solve(g, 1, EQ_OK);
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 0), "1/30000000000");
    cr_assert_str_eq(eq_result_regret_exact(r, 0), "0");
    expect_exact(r, 1, 0, "1");
    eq_result_free(r);
    eq_game_free(g);
}

/* A tie no double can see: the 1 x 2 game [[1/3, 1/3 + 10^-51]] (exact
** text payoffs).  Player 2 must take column 1: value 1/3, y = (1, 0).
** Both payoffs round to the same double, so the LP cannot tell them
** apart, and their common denominator 3 * 10^51 is too large for GLPK's
** rational simplex.  The solver may find the answer, or must say it
** cannot certify one; it must never return a wrong "exact" equilibrium.
** Both column orders are tried. */
Test(zerosum, exact_tie_below_double_precision)
{
    const char *tiny = "333333333333333333333333333333333333333333333333334/"
                       "1000000000000000000000000000000000000000000000000000";
    const char *tiny_neg = "-333333333333333333333333333333333333333333333333334/"
                           "1000000000000000000000000000000000000000000000000000";
    for (int order = 0; order < 2; order++) {
        int k[2] = { 1, 2 }, p1[2] = { 0, order }, p2[2] = { 0, 1 - order };
        eq_game *g = NULL;
        eq_solve_opts o;
        eq_result *r = NULL;
        eq_status s;
        cr_assert_eq(eq_game_new(&g, 2, k), EQ_OK);
        cr_assert_eq(eq_game_set_payoff_text(g, 0, p1, "1/3"), EQ_OK);
        cr_assert_eq(eq_game_set_payoff_text(g, 1, p1, "-1/3"), EQ_OK);
        cr_assert_eq(eq_game_set_payoff_text(g, 0, p2, tiny), EQ_OK);
        cr_assert_eq(eq_game_set_payoff_text(g, 1, p2, tiny_neg), EQ_OK);
        eq_solve_opts_init(&o);
        o.sensitivity = 1;   /* the tests read the duals and ranges */
        o.method = EQ_METHOD_ZEROSUM;
        o.exact = 1;
        s = eq_solve(g, &o, &r);
        if (s == EQ_OK) {
            cr_assert_str_eq(eq_result_payoff_exact(r, 0, 0), "1/3");
            expect_exact(r, 1, order, "1");
            cr_assert_str_eq(eq_result_regret_exact(r, 0), "0");
        } else {
            cr_assert_eq(s, EQ_ERR_NUMERIC, "%s", eq_result_errmsg(r));
            cr_assert(strstr(eq_result_errmsg(r), "exact verification failed")
                      != NULL, "%s", eq_result_errmsg(r));
            cr_assert_eq(eq_result_count(r), 0);
        }
        eq_result_free(r);
        eq_game_free(g);
    }
}

/* ------------------------------------------------------------------ */
/* Invariances and certificates                                         */
/* ------------------------------------------------------------------ */

/* Solve a*A + c for a generic random 6 x 5 game (its optimal strategies
** are unique with probability 1): a positive affine map of the payoffs
** leaves the strategies unchanged and maps the value v to a*v + c. */
Test(zerosum, scale_invariance)
{
    enum { M = 6, N = 5 };
    const double scales[][2] = { { 1e6, 0 }, { 1e-6, 0 }, { 1, 1000 },
                                 { 1e6, -12345 }, { 1e-6, 3.5 } };
    double A[M * N], S[M * N], x0[M], y0[N], v0;
    eq_game *g;
    eq_result *r;

    lcg_state = 20260101;
    for (int k = 0; k < M * N; k++)
        A[k] = 2 * lcg_uniform() - 1;
    g = constant_sum(M, N, A, 0);
    r = solve(g, 0, EQ_OK);
    memcpy(x0, eq_result_strategy(r, 0, 0), sizeof x0);
    memcpy(y0, eq_result_strategy(r, 0, 1), sizeof y0);
    v0 = eq_result_value(r);
    eq_result_free(r);
    eq_game_free(g);

    for (size_t t = 0; t < sizeof scales / sizeof scales[0]; t++) {
        double a = scales[t][0], c = scales[t][1], want = a * v0 + c;
        for (int k = 0; k < M * N; k++)
            S[k] = a * A[k] + c;
        g = constant_sum(M, N, S, 0);
        r = solve(g, 0, EQ_OK);
        expect_strategy(r, 0, x0, M, 1e-9);
        expect_strategy(r, 1, y0, N, 1e-9);
        cr_assert(fabs(eq_result_value(r) - want) <= 1e-9 * (fabs(a) + fabs(c)),
                  "scale %g shift %g: value %.17g, expected %.17g", a, c,
                  eq_result_value(r), want);
        eq_result_free(r);
        eq_game_free(g);
    }
}

/* Ten seeded random games of assorted shapes and magnitudes: the
** certificate (max regret, computed afresh from the game by
** eq_game_regret) must be tiny relative to the payoffs' range. */
Test(zerosum, random_certificates)
{
    lcg_state = 42;
    for (int t = 0; t < 10; t++) {
        int m = 1 + (int)(lcg_uniform() * 40), n = 1 + (int)(lcg_uniform() * 40);
        double mag = pow(10.0, (double)(t % 5) * 2 - 4);   /* 1e-4 .. 1e4 */
        double *A = malloc((size_t)(m * n) * sizeof *A), lo, hi;
        eq_game *g;
        eq_result *r;
        cr_assert_not_null(A);
        for (int k = 0; k < m * n; k++)
            A[k] = mag * (2 * lcg_uniform() - 1);
        lo = hi = A[0];
        for (int k = 1; k < m * n; k++) {
            lo = fmin(lo, A[k]);
            hi = fmax(hi, A[k]);
        }
        g = constant_sum(m, n, A, t % 2 ? 0 : 3 * mag);
        r = solve(g, 0, EQ_OK);
        cr_assert_leq(eq_result_regret(r, 0), 1e-8 * (hi - lo),
                      "game %d (%dx%d): regret %g, range %g", t, m, n,
                      eq_result_regret(r, 0), hi - lo);
        eq_result_free(r);
        eq_game_free(g);
        free(A);
    }
}

/* Exact mode on random integer games (many degenerate ties: entries in
** -3..3): every result must carry an exact certificate of 0. */
Test(zerosum, random_exact)
{
    lcg_state = 7;
    for (int t = 0; t < 10; t++) {
        int m = 2 + (int)(lcg_uniform() * 9), n = 2 + (int)(lcg_uniform() * 9);
        double A[10 * 10];
        eq_game *g;
        eq_result *r;
        for (int k = 0; k < m * n; k++)
            A[k] = floor(7 * lcg_uniform()) - 3;
        g = constant_sum(m, n, A, 0);
        r = solve(g, 1, EQ_OK);
        cr_assert_str_eq(eq_result_regret_exact(r, 0), "0", "game %d", t);
        cr_assert_leq(eq_result_regret(r, 0), 1e-12);
        eq_result_free(r);
        eq_game_free(g);
    }
}

/* ------------------------------------------------------------------ */
/* Sensitivity of the zerosum LP: duals and objective ranges            */
/* ------------------------------------------------------------------ */

static double unif(t_rng *r, double lo, double hi)
{
    return lo + (hi - lo) * (double)(t_rng_next(r) >> 11) * 0x1.0p-53;
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
    eq_game *g = constant_sum(2, 2, A, 0);
    eq_result *r;
    eq_game_set_action_name(g, 1, 0, "Heads");
    eq_game_set_action_name(g, 1, 1, "Tails");
    r = solve(g, 0, EQ_OK);
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
    eq_game *g = constant_sum(2, 2, A, 10);
    eq_result *r = solve(g, 0, EQ_OK);
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
    r = solve(g, 1, EQ_OK);
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
        g = constant_sum(m, n, A, 0);
        r = solve(g, 0, EQ_OK);
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
                    h = constant_sum(m, n, A, 0);
                    r2 = solve(h, 0, EQ_OK);
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
