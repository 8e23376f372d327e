/*
** zerosum.c -- two-player constant-sum games by linear programming: the
** row player's maximin LP on GLPK (through lp.c), the column player's
** optimal strategy from the LP's duals, and on request an exact rational
** equilibrium rebuilt from the optimal basis and certified in GMP.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "lp.h"

/* Probabilities below this are roundoff of a zero (GLPK's feasibility
** tolerance is 1e-7 on data of order 1, its values far more accurate). */
#define ZS_CLEAN 1e-13

/*
** The row player's maximin LP, on rows j = 0..n-1 (one per column of the
** game) plus the convexity row n, and columns x_0..x_{m-1} plus v:
**
**     max v   s.t.   sum_i P[i][j] x_i - v >= 0     (j = 0..n-1)
**                    sum_i x_i = 1,   x >= 0,   v free
**
** P is player 1's payoff matrix, or with transform set the map
** P = 1 + (A - lo) / (hi - lo) of it, lo and hi being A's smallest and
** largest entries.  A positive affine map of the payoffs leaves the optimal
** strategies unchanged; this one puts every entry in [1, 2], so the LP is
** equally well scaled whatever the payoffs' magnitude (1e-6 or 1e6).  On
** the set sum x = 1 it is a change of variable of v, so the two LPs have
** the same bases.
**
** By LP duality the prices of the rows j < n are, up to sign, the column
** player's optimal strategy y: v's column (coefficient -1 in each of
** those rows, objective 1) makes them sum to 1, and they are the weights
** of the column player's minimax problem.  For the same reason v is basic
** in every optimal basis: were it not, the basic columns would all be x's
** with cost 0, every price 0, and v's reduced cost 1, not optimal.
*/
static eq_status build_lp(const eq_game *g, const double *A, int transform,
                          eqi_lp **out, char *err)
{
    int m = g->nact[0], n = g->nact[1];
    size_t mn = (size_t)m * (size_t)n;
    double *T = NULL;
    static const double minus_one = -1.0, one = 1.0;
    eqi_lp *lp = NULL;
    eq_status s;

    if (transform) {
        double lo = A[0], hi = A[0], half;
        for (size_t k = 1; k < mn; k++) {
            if (A[k] < lo) lo = A[k];
            if (A[k] > hi) hi = A[k];
        }
        /* Halves: hi - lo may overflow, hi/2 - lo/2 cannot. */
        half = 0.5 * hi - 0.5 * lo;
        if (!(half > 0.0))
            half = 1.0;                 /* a constant game: any map works */
        if ((T = malloc(mn * sizeof *T)) == NULL)
            return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
        for (size_t k = 0; k < mn; k++)
            T[k] = 1.0 + (0.5 * A[k] - 0.5 * lo) / half;
        A = T;
    }

    s = eqi_lp_new(&lp, n + 1, m + 1, EQI_LP_MAX);
    if (s != EQ_OK) {
        free(T);
        return eqi_error(err, s, "zerosum: cannot create the LP: %s",
                         eq_status_string(s));
    }
    for (int j = 0; j < n && s == EQ_OK; j++)
        s = eqi_lp_set_row_bounds(lp, j, 0.0, HUGE_VAL);
    if (s == EQ_OK)
        s = eqi_lp_set_row_bounds(lp, n, 1.0, 1.0);
    if (s == EQ_OK)
        s = eqi_lp_set_col_bounds(lp, m, -HUGE_VAL, HUGE_VAL);
    if (s == EQ_OK)
        s = eqi_lp_set_obj(lp, m, 1.0);
    /* LP entry (row j, column i) is P[i][j] = P[j * 1 + i * n]: the
    ** transpose, read in place.  Stride 0 repeats one value. */
    if (s == EQ_OK)
        s = eqi_lp_add_block(lp, 0, 0, n, m, A, 1, (size_t)n);
    if (s == EQ_OK)
        s = eqi_lp_add_block(lp, 0, m, n, 1, &minus_one, 0, 0);
    if (s == EQ_OK)
        s = eqi_lp_add_block(lp, n, 0, 1, m, &one, 0, 0);
    free(T);
    if (s != EQ_OK) {
        eqi_error(err, s, "zerosum: %s", eqi_lp_errmsg(lp));
        eqi_lp_free(lp);
        return s;
    }
    *out = lp;
    return EQ_OK;
}

/* Clamp roundoff below zero (and tiny values) to 0 and rescale v to sum
** to 1.  Returns -1 if nothing positive is left. */
static int normalise(double *v, int k)
{
    double sum = 0.0;
    for (int i = 0; i < k; i++) {
        if (!(v[i] > ZS_CLEAN))
            v[i] = 0.0;
        sum += v[i];
    }
    if (!(sum > 0.0))
        return -1;
    for (int i = 0; i < k; i++)
        v[i] /= sum;
    return 0;
}

/* The LP's optimal strategies in double precision: x from the primal,
** y from the duals of the rows j < n (non-positive in a maximisation with
** ">=" rows, hence the sign). */
static int strategies(const eqi_lp *lp, int m, int n, double *probs)
{
    for (int i = 0; i < m; i++)
        probs[i] = eqi_lp_col_value(lp, i);
    for (int j = 0; j < n; j++)
        probs[m + j] = -eqi_lp_row_dual(lp, j);
    return (normalise(probs, m) == 0 && normalise(probs + m, n) == 0) ? 0 : -1;
}

/*
** An exact equilibrium from the LP's optimal basis.  Let S be the basic
** x_i and T the non-basic rows j < n (tight constraints).  The basis
** counts n + 1 variables: |S| + 1 (v) + (n - |T|) basic rows, so
** |T| = |S| =: k, and the convexity row is non-basic (a basic one would
** force sum x = 0).  Then, with w the value and A the exact payoffs,
**
**   x:  sum_{i in S} A[i][t] x_i - w = 0  (t in T),   sum_{i in S} x_i = 1
**   y:  sum_{t in T} A[i][t] y_t - w = 0  (i in S),   sum_{t in T} y_t = 1
**
** are two (k+1)-square systems with transposed matrices, non-singular
** because the basis matrix is.  Solved in rationals, the result is
** certified by the exact regret (eqi_exact_regret2), never trusted.
** Returns 0 with x, y filled and certified, 1 if the basis does not yield
** an exact equilibrium, -1 for lack of memory.
*/
static int exact_from_basis(const eq_game *g, const eqi_lp *lp, mpq_t *x,
                            mpq_t *y)
{
    int m = g->nact[0], n = g->nact[1], k = 0, kt = 0, ret = 1;
    int *S = malloc((size_t)m * sizeof *S), *T = malloc((size_t)n * sizeof *T);
    mpq_t *M = NULL, *rhs = NULL, *z = NULL, reg, p1, p2;
    size_t K;

    if (S == NULL || T == NULL) {
        free(S);
        free(T);
        return -1;
    }
    for (int i = 0; i < m; i++)
        if (eqi_lp_col_bstat(lp, i) == EQI_LP_BS_BASIC)
            S[k++] = i;
    for (int j = 0; j < n; j++)
        if (eqi_lp_row_bstat(lp, j) != EQI_LP_BS_BASIC &&
            eqi_lp_row_bstat(lp, j) != EQI_LP_BS_NONE)
            T[kt++] = j;
    if (k == 0 || kt != k || eqi_lp_col_bstat(lp, m) != EQI_LP_BS_BASIC ||
        eqi_lp_row_bstat(lp, n) == EQI_LP_BS_BASIC) {
        free(S);
        free(T);
        return 1;
    }
    K = (size_t)k + 1;
    M = eqi_mpq_alloc(K * K);
    rhs = eqi_mpq_alloc(K);
    z = eqi_mpq_alloc(K);
    if (M == NULL || rhs == NULL || z == NULL) {
        ret = -1;
        goto done;
    }
    for (int pass = 0; pass < 2; pass++) {
        /* pass 0: x's system; pass 1: y's, the transpose. */
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                int i = pass == 0 ? S[c] : S[r], t = pass == 0 ? T[r] : T[c];
                eqi_game_exact_payoff(g, 0, (size_t)i * (size_t)n + (size_t)t,
                                      M[(size_t)r * K + (size_t)c]);
            }
            mpq_set_si(M[(size_t)r * K + (size_t)k], -1, 1);
            mpq_set_ui(rhs[r], 0, 1);
        }
        for (int c = 0; c < k; c++)
            mpq_set_ui(M[(size_t)k * K + (size_t)c], 1, 1);
        mpq_set_ui(M[(size_t)k * K + (size_t)k], 0, 1);
        mpq_set_ui(rhs[k], 1, 1);
        if (eqi_exact_solve(k + 1, M, rhs, z) != 0)
            goto done;                  /* singular: not a basis after all */
        for (int c = 0; c < k; c++) {
            if (mpq_sgn(z[c]) < 0)
                goto done;              /* the basis is not primal feasible */
            mpq_set(pass == 0 ? x[S[c]] : y[T[c]], z[c]);
        }
    }
    mpq_inits(reg, p1, p2, NULL);
    if (eqi_exact_regret2(g, x, y, reg, p1, p2) != 0)
        ret = -1;
    else
        ret = mpq_sgn(reg) == 0 ? 0 : 1;
    mpq_clears(reg, p1, p2, NULL);
done:
    eqi_mpq_free(M, M ? K * K : 0);
    eqi_mpq_free(rhs, rhs ? K : 0);
    eqi_mpq_free(z, z ? K : 0);
    free(S);
    free(T);
    return ret;
}

/* Whether A + B is exactly constant in rationals (eq_game_is_constant_sum
** allows rounding). */
static int exactly_constant_sum(const eq_game *g)
{
    mpq_t c, a, b;
    int same = 1;
    mpq_inits(c, a, b, NULL);
    for (size_t i = 0; i < g->nprof && same; i++) {
        eqi_game_exact_payoff(g, 0, i, a);
        eqi_game_exact_payoff(g, 1, i, b);
        mpq_add(a, a, b);
        if (i == 0)
            mpq_set(c, a);
        else
            same = mpq_equal(a, c);
    }
    mpq_clears(c, a, b, NULL);
    return same;
}

/*
** Player 1's exact payoffs as doubles that hold them exactly, for GLPK's
** rational simplex (which reads doubles): the payoffs themselves when they
** are doubles, else the payoffs times the least common multiple of their
** denominators, when those integers fit in 53 bits.  Otherwise the nearest
** doubles, and *faithful is 0.  NULL for lack of memory.
*/
static double *exact_matrix(const eq_game *g, int *faithful)
{
    size_t mn = (size_t)g->nact[0] * (size_t)g->nact[1];
    double *P = malloc(mn * sizeof *P);
    int doubles = 1;
    mpq_t q, d;
    mpz_t L, z;

    if (P == NULL)
        return NULL;
    memcpy(P, g->pay[0], mn * sizeof *P);
    *faithful = 1;
    mpq_inits(q, d, NULL);
    for (size_t k = 0; k < mn && doubles; k++) {
        eqi_game_exact_payoff(g, 0, k, q);
        mpq_set_d(d, P[k]);
        doubles = mpq_equal(q, d);
    }
    mpq_clear(d);
    if (doubles) {
        mpq_clear(q);
        return P;
    }
    mpz_init_set_ui(L, 1);
    mpz_init(z);
    for (size_t k = 0; k < mn && *faithful; k++) {
        eqi_game_exact_payoff(g, 0, k, q);
        mpz_lcm(L, L, mpq_denref(q));
        *faithful = mpz_sizeinbase(L, 2) <= 53;
    }
    for (size_t k = 0; k < mn && *faithful; k++) {
        eqi_game_exact_payoff(g, 0, k, q);
        mpz_divexact(z, L, mpq_denref(q));
        mpz_mul(z, z, mpq_numref(q));
        *faithful = mpz_sizeinbase(z, 2) <= 53;
        P[k] = mpz_get_d(z);            /* exact: at most 53 bits */
    }
    if (!*faithful)
        memcpy(P, g->pay[0], mn * sizeof *P);
    mpz_clear(z);
    mpz_clear(L);
    mpq_clear(q);
    return P;
}

/*
** Exact mode.  Rebuild from the floating-point LP's basis; if that basis
** is not exactly optimal (near ties), solve the untransformed LP on
** exactly represented payoffs with GLPK's rational simplex, warm-started
** from the same basis, and rebuild from its basis, optimal in exact
** arithmetic.  Either way the result is certified before it is kept.
*/
static eq_status solve_exact(const eq_game *g, const eqi_lp *flp, eq_result *r)
{
    int m = g->nact[0], n = g->nact[1], rc, faithful = 1;
    mpq_t *x = eqi_mpq_alloc((size_t)m), *y = eqi_mpq_alloc((size_t)n);
    eqi_lp *lp = NULL;
    double *P = NULL;
    eq_status s = EQ_OK;

    if (x == NULL || y == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    rc = exact_from_basis(g, flp, x, y);
    if (rc == 1) {
        eqi_lp_parm parm;
        if ((P = exact_matrix(g, &faithful)) == NULL) {
            s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
            goto done;
        }
        if ((s = build_lp(g, P, 0, &lp, r->errmsg)) != EQ_OK)
            goto done;
        for (int i = 0; i <= m && s == EQ_OK; i++)
            s = eqi_lp_set_col_bstat(lp, i, eqi_lp_col_bstat(flp, i));
        for (int j = 0; j <= n && s == EQ_OK; j++)
            s = eqi_lp_set_row_bstat(lp, j, eqi_lp_row_bstat(flp, j));
        eqi_lp_parm_init(&parm);
        parm.scale = 0;
        parm.exact = 1;
        if (s == EQ_OK)
            s = eqi_lp_solve(lp, &parm);
        if (s != EQ_OK || eqi_lp_status(lp) != EQI_LP_OPTIMAL) {
            s = eqi_error(r->errmsg, s != EQ_OK ? s : EQ_ERR_LP,
                          "zerosum: exact re-solve failed: %s",
                          s != EQ_OK ? eqi_lp_errmsg(lp)
                                     : eqi_lp_sol_name(eqi_lp_status(lp)));
            goto done;
        }
        for (int i = 0; i < m; i++)
            mpq_set_ui(x[i], 0, 1);
        for (int j = 0; j < n; j++)
            mpq_set_ui(y[j], 0, 1);
        rc = exact_from_basis(g, lp, x, y);
    }
    if (rc < 0) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    } else if (rc > 0) {
        const char *why =
            !exactly_constant_sum(g) ? "A + B is constant only to rounding, not exactly"
            : !faithful ? "the payoffs' common denominator is too large for "
                          "GLPK's rational simplex, which reads doubles"
            : "the LP's optimal basis does not give an exact equilibrium";
        s = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                      "zerosum: exact verification failed: %s", why);
    } else if (eqi_result_add_exact(r, g, x, y) < 0) {
        s = EQ_ERR_NOMEM;
    }
done:
    free(P);
    eqi_lp_free(lp);
    eqi_mpq_free(x, x ? (size_t)m : 0);
    eqi_mpq_free(y, y ? (size_t)n : 0);
    return s;
}

eq_status eqi_solve_zerosum(const eq_game *g, const eq_solve_opts *o,
                            eq_result *r)
{
    int m = g->nact[0], n = g->nact[1];
    eqi_lp *lp = NULL;
    eqi_lp_parm parm;
    double *probs = NULL;
    eq_status s;

    if (!eq_game_is_constant_sum(g))
        return eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED,
                         "zerosum: the game is not constant-sum (A + B varies); "
                         "use -m enum or -m lemke");
    if ((s = build_lp(g, g->pay[0], 1, &lp, r->errmsg)) != EQ_OK)
        return s;
    /* The primal simplex from the slack basis.  A' is already well scaled;
    ** GLPK's scaling would only cost time (a third more at 200 x 200), and
    ** neither the dual simplex nor the presolver is faster here.  A' spans
    ** a range of 1, so o->tol (relative to the payoffs' range) is GLPK's
    ** tolerance as it is: its default 1e-7 would let a basis stand that
    ** is suboptimal by up to 1e-7 of the range. */
    eqi_lp_parm_init(&parm);
    parm.scale = 0;
    parm.tol = o->tol;
    s = eqi_lp_solve(lp, &parm);
    if (s != EQ_OK) {
        eqi_error(r->errmsg, s, "zerosum: %s", eqi_lp_errmsg(lp));
        goto done;
    }
    if (eqi_lp_status(lp) != EQI_LP_OPTIMAL) {
        /* The LP is feasible (any x) and bounded (v <= max A'): only
        ** numerical trouble ends anywhere else. */
        s = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                      "zerosum: the LP ended %s instead of optimal",
                      eqi_lp_sol_name(eqi_lp_status(lp)));
        goto done;
    }
    if (o->exact) {
        s = solve_exact(g, lp, r);
    } else {
        if ((probs = malloc((size_t)(m + n) * sizeof *probs)) == NULL) {
            s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
            goto done;
        }
        if (strategies(lp, m, n, probs) != 0) {
            s = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                          "zerosum: the LP's solution is not a pair of strategies");
            goto done;
        }
        if (eqi_result_add(r, g, probs) < 0)
            s = EQ_ERR_NOMEM;
    }
    /* The value to player 1 is equilibrium 0's payoff of player 1 (exact,
    ** rounded to double, in exact mode), as equilib.h documents. */
    if (s == EQ_OK)
        r->value = r->pay[0];
    if (s == EQ_OK && o->log != NULL)
        o->log(o->log_ud, 0, "zerosum: solved the maximin LP");
done:
    free(probs);
    eqi_lp_free(lp);
    return s;
}
