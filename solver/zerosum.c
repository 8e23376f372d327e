/*
** zerosum.c -- two-player constant-sum games by linear programming.
**
** The payoffs are mapped onto [1, 2], and the game's LP is solved in its
** positive-shift ("packing") form, max 1'q s.t. M q <= 1, q >= 0, on a
** dense tableau (packing.c): no free variable, no phase 1, and M oriented
** so that it has the fewer rows (the smaller of primal and dual).  The
** packing LP's solution and its row prices are the two optimal strategies.
** Should that fail its checks, the row player's maximin LP is solved with
** GLPK (through lp.c) instead.  On request an exact rational equilibrium
** is rebuilt from the optimal basis and certified in GMP, with GLPK's
** rational simplex as the fallback; and the LP's sensitivity: the duals
** of its rows and the ranges of player 1's payoffs over which its optimal
** basis stays optimal.
**
** Both LPs have the same optimal bases, described here by the game's rows
** and columns they involve (eqi_zs_basis, zerosum.h).  That is also what a
** warm start needs: eqi_solve_zerosum_warm hands the optimal basis of one
** solve to the next (a sweep's next point), whose dense simplex pivots it
** in and goes on from there.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"
#include "lp.h"
#include "packing.h"
#include "zerosum.h"

/* Probabilities below this are roundoff of a zero (GLPK's feasibility
** tolerance is 1e-7 on data of order 1, its values far more accurate). */
#define ZS_CLEAN 1e-13
/* Payoff ranges are computed for games of at most this many entries: one
** named range per entry. */
#define ZS_MAX_RANGES 250000
/* A slope below this (on payoffs mapped to [1, 2]) is roundoff of 0. */
#define ZS_FLAT 1e-12

/* An optimal basis (eqi_zs_basis, zerosum.h) of an m x n game, empty. */
static int basis_init(eqi_zs_basis *B, int m, int n)
{
    B->m = m;
    B->n = n;
    B->k = -1;
    B->S = malloc((size_t)m * sizeof *B->S);
    B->T = malloc((size_t)n * sizeof *B->T);
    return B->S && B->T ? 0 : -1;
}

void eqi_zs_basis_free(eqi_zs_basis *B)
{
    if (B == NULL)
        return;
    free(B->S);
    free(B->T);
    B->S = B->T = NULL;
    B->k = -1;
}

/* The basis of the maximin LP lp solved for a game of m x n; B->k = -1 if
** it is not of the expected shape. */
static void basis_from_lp(const eqi_lp *lp, int m, int n, eqi_zs_basis *B)
{
    int k = 0, kt = 0;
    for (int i = 0; i < m; i++)
        if (eqi_lp_col_bstat(lp, i) == EQI_LP_BS_BASIC)
            B->S[k++] = i;
    for (int j = 0; j < n; j++)
        if (eqi_lp_row_bstat(lp, j) != EQI_LP_BS_BASIC &&
            eqi_lp_row_bstat(lp, j) != EQI_LP_BS_NONE)
            B->T[kt++] = j;
    B->k = (k > 0 && kt == k && eqi_lp_col_bstat(lp, m) == EQI_LP_BS_BASIC &&
            eqi_lp_row_bstat(lp, n) != EQI_LP_BS_BASIC) ? k : -1;
}

/* Start lp (the maximin LP of an m x n game) from basis B. */
static eq_status basis_to_lp(eqi_lp *lp, int m, int n, const eqi_zs_basis *B)
{
    eq_status s = EQ_OK;
    for (int i = 0; i <= m && s == EQ_OK; i++)
        s = eqi_lp_set_col_bstat(lp, i, i == m ? EQI_LP_BS_BASIC : EQI_LP_BS_LOWER);
    for (int j = 0; j <= n && s == EQ_OK; j++)
        s = eqi_lp_set_row_bstat(lp, j, j == n ? EQI_LP_BS_FIXED : EQI_LP_BS_BASIC);
    for (int t = 0; t < B->k && s == EQ_OK; t++) {
        s = eqi_lp_set_col_bstat(lp, B->S[t], EQI_LP_BS_BASIC);
        if (s == EQ_OK)
            s = eqi_lp_set_row_bstat(lp, B->T[t], EQI_LP_BS_LOWER);
    }
    return s;
}

/* The map P = 1 + (A - lo) / (2 half) of the payoffs onto [1, 2]; see
** build_lp.  Halves: hi - lo may overflow, hi/2 - lo/2 cannot. */
static void payoff_map(const double *A, size_t mn, double *lo, double *half)
{
    double l = A[0], h = A[0];
    for (size_t k = 1; k < mn; k++) {
        if (A[k] < l) l = A[k];
        if (A[k] > h) h = A[k];
    }
    *lo = l;
    *half = 0.5 * h - 0.5 * l;
    if (!(*half > 0.0))
        *half = 1.0;                    /* a constant game: any map works */
}

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
        double lo, half;
        payoff_map(A, mn, &lo, &half);
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

/*
** An exact equilibrium from an optimal basis B (see eqi_zs_basis): with A the
** exact payoffs and w the value,
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
static int exact_from_basis(const eq_game *g, const eqi_zs_basis *B, mpq_t *x,
                            mpq_t *y)
{
    int n = g->nact[1], k = B->k, ret = 1;
    mpq_t *M = NULL, *rhs = NULL, *z = NULL, reg, p1, p2;
    size_t K;

    if (k <= 0)
        return 1;
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
                int i = pass == 0 ? B->S[c] : B->S[r], t = pass == 0 ? B->T[r] : B->T[c];
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
            mpq_set(pass == 0 ? x[B->S[c]] : y[B->T[c]], z[c]);
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
** Exact mode.  Rebuild from the floating-point optimal basis B; if that
** basis is not exactly optimal (near ties), solve the untransformed LP on
** exactly represented payoffs with GLPK's rational simplex, warm-started
** from B, and rebuild from its basis, optimal in exact arithmetic.  Either
** way the result is certified before it is kept.
** *rebased: OUT, whether B was not exactly optimal.
*/
static eq_status solve_exact(const eq_game *g, const eqi_zs_basis *B, eq_result *r,
                             int *rebased)
{
    int m = g->nact[0], n = g->nact[1], rc, faithful = 1;
    mpq_t *x = eqi_mpq_alloc((size_t)m), *y = eqi_mpq_alloc((size_t)n);
    eqi_lp *lp = NULL;
    double *P = NULL;
    eqi_zs_basis E = { 0, 0, -1, NULL, NULL };
    eq_status s = EQ_OK;

    if (x == NULL || y == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    rc = exact_from_basis(g, B, x, y);
    *rebased = rc == 1;
    if (rc == 1) {
        eqi_lp_parm parm;
        if ((P = exact_matrix(g, &faithful)) == NULL || basis_init(&E, m, n) != 0) {
            s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
            goto done;
        }
        if ((s = build_lp(g, P, 0, &lp, r->errmsg)) != EQ_OK)
            goto done;
        if (B->k > 0)
            s = basis_to_lp(lp, m, n, B);
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
        basis_from_lp(lp, m, n, &E);
        rc = exact_from_basis(g, &E, x, y);
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
    eqi_zs_basis_free(&E);
    free(P);
    eqi_lp_free(lp);
    eqi_mpq_free(x, x ? (size_t)m : 0);
    eqi_mpq_free(y, y ? (size_t)n : 0);
    return s;
}

/* ------------------------------------------------------------------ */
/* Sensitivity                                                          */
/* ------------------------------------------------------------------ */

/*
** Invert the K x K row-major matrix M into inv by Gauss-Jordan elimination
** with partial pivoting; M is destroyed.  Returns 0, or -1 if M is
** singular to working precision.
*/
static int invert(double *M, double *inv, size_t K)
{
    double big = 0.0;
    for (size_t t = 0; t < K * K; t++)
        big = fmax(big, fabs(M[t]));
    for (size_t r = 0; r < K; r++)
        for (size_t c = 0; c < K; c++)
            inv[r * K + c] = r == c ? 1.0 : 0.0;
    for (size_t c = 0; c < K; c++) {
        size_t piv = c;
        double d;
        for (size_t r = c + 1; r < K; r++)
            if (fabs(M[r * K + c]) > fabs(M[piv * K + c]))
                piv = r;
        if (!(fabs(M[piv * K + c]) > 1e-12 * big))
            return -1;
        if (piv != c)
            for (size_t t = 0; t < K; t++) {
                double u = M[c * K + t], w = inv[c * K + t];
                M[c * K + t] = M[piv * K + t];
                M[piv * K + t] = u;
                inv[c * K + t] = inv[piv * K + t];
                inv[piv * K + t] = w;
            }
        d = M[c * K + c];
        for (size_t t = 0; t < K; t++) {
            M[c * K + t] /= d;
            inv[c * K + t] /= d;
        }
        for (size_t r = 0; r < K; r++) {
            double f = M[r * K + c];
            if (r == c || f == 0.0)
                continue;
            for (size_t t = 0; t < K; t++) {
                M[r * K + t] -= f * M[c * K + t];
                inv[r * K + t] -= f * inv[c * K + t];
            }
        }
    }
    return 0;
}

/* Narrow [*lo, *hi] to the deltas with alpha + beta delta >= 0, where
** alpha >= 0 up to roundoff (the condition holds at delta = 0). */
static void narrow(double alpha, double beta, double *lo, double *hi)
{
    if (alpha < 0.0)
        alpha = 0.0;
    if (beta > ZS_FLAT)
        *lo = fmax(*lo, -alpha / beta);
    else if (beta < -ZS_FLAT)
        *hi = fmin(*hi, alpha / -beta);
}

/* Tighten *up to alpha / h when h > 0 and *dn to alpha / -h when h < 0:
** after all conditions, u h <= alpha holds for every one exactly when
** -*dn <= u <= *up.  alpha >= 0 up to roundoff. */
static void bound(double alpha, double h, double *up, double *dn)
{
    if (alpha < 0.0)
        alpha = 0.0;
    if (h > ZS_FLAT) {
        if (alpha < *up * h)
            *up = alpha / h;
    } else if (h < -ZS_FLAT) {
        if (alpha < *dn * -h)
            *dn = alpha / -h;
    }
}

/*
** Narrow [*lo, *hi] to the deltas with 1 + g delta > 0 whose
** u = delta / (1 + g delta) lies in [ulo, uhi].  On the interval around 0
** where 1 + g delta > 0, u increases with delta (du/ddelta = (1 + g
** delta)^-2) from -inf to 1/g when g > 0, from 1/g to +inf when g < 0, and
** delta = u / (1 - g u).  An end where 1 + g delta reaches 0 is a limit
** (the basis turns singular there), reported as the end.  A g below
** ZS_FLAT counts as 0 (a singular end beyond 1e12).
*/
static void to_delta(double ulo, double uhi, double g, double *lo, double *hi)
{
    double dlo, dhi;
    if (fabs(g) <= ZS_FLAT) {           /* roundoff of 0: no singular end */
        dlo = ulo;
        dhi = uhi;
    } else if (g > 0.0) {
        dhi = uhi < 1.0 / g ? uhi / (1.0 - g * uhi) : HUGE_VAL;
        dlo = isinf(ulo) ? -1.0 / g : ulo / (1.0 - g * ulo);
    } else {
        dlo = ulo > 1.0 / g ? ulo / (1.0 - g * ulo) : -HUGE_VAL;
        dhi = isinf(uhi) ? -1.0 / g : uhi / (1.0 - g * uhi);
    }
    *lo = fmax(*lo, dlo);
    *hi = fmin(*hi, dhi);
}

/* The basis's two systems on P (payoffs mapped to [1, 2]; row length n),
** (k+1)-square: Mx (x_S, v) = e and My (y_T, w) = e. */
static void basis_systems(const double *P, int n, const eqi_zs_basis *B,
                          double *Mx, double *My)
{
    size_t k = (size_t)B->k, K = k + 1;
    for (size_t a = 0; a < k; a++) {
        for (size_t b = 0; b < k; b++) {
            Mx[a * K + b] = P[(size_t)B->S[b] * (size_t)n + (size_t)B->T[a]];
            My[a * K + b] = P[(size_t)B->S[a] * (size_t)n + (size_t)B->T[b]];
        }
        Mx[a * K + k] = My[a * K + k] = -1.0;
        Mx[k * K + a] = My[k * K + a] = 1.0;
    }
    Mx[K * K - 1] = My[K * K - 1] = 0.0;
}

/* xs[j]: column j's payoff against x minus v (>= 0), for j outside T,
** and HX[r][j] the same with X[r] in place of (x_S, v).  ys[i]: row i's
** payoff against y minus w (<= 0), for i outside S, and HY[c][i] with
** Y[c] in place of (y_T, w).  X, Y: the transposed inverses. */
static void slack_rates(const double *P, int m, int n, const eqi_zs_basis *B,
                        const int *posS, const int *posT, const double *X,
                        const double *Y, double *HX, double *HY, double *xs,
                        double *ys)
{
    int k = B->k;
    size_t K = (size_t)k + 1;
    for (int rr = 0; rr <= k; rr++) {
        double *h = rr < k ? HX + (size_t)rr * (size_t)n : xs;
        const double *xr = X + (size_t)rr * K;
        for (int j = 0; j < n; j++) {
            if (posT[j] >= 0)
                continue;
            h[j] = -xr[k];
            for (int c = 0; c < k; c++)
                h[j] += xr[c] * P[(size_t)B->S[c] * (size_t)n + (size_t)j];
        }
    }
    for (int c = 0; c <= k; c++) {
        double *h = c < k ? HY + (size_t)c * (size_t)m : ys;
        const double *yc = Y + (size_t)c * K;
        for (int i = 0; i < m; i++) {
            const double *row = P + (size_t)i * (size_t)n;
            if (posS[i] >= 0)
                continue;
            h[i] = -yc[k];
            for (int l = 0; l < k; l++)
                h[i] += yc[l] * row[B->T[l]];
        }
    }
}

/* bx[2r], bx[2r+1]: the bounds up, dn of u x_c over the x side's
** conditions for column T[r] (h = X[r]); by[2c], by[2c+1] those of u y_r
** over the y side's for row S[c] (h = Y[c]; a row's condition "payoff <=
** w" is "-(payoff - w) >= 0", hence the signs). */
static void side_bounds(int m, int n, const eqi_zs_basis *B, const int *posS,
                        const int *posT, const double *X, const double *Y,
                        const double *HX, const double *HY, const double *xs,
                        const double *ys, double *bx, double *by)
{
    int k = B->k;
    size_t K = (size_t)k + 1;
    for (int q = 0; q < k; q++) {
        double *ux = bx + 2 * q, *uy = by + 2 * q;
        const double *HXr = HX + (size_t)q * (size_t)n, *HYc = HY + (size_t)q * (size_t)m;
        ux[0] = ux[1] = uy[0] = uy[1] = HUGE_VAL;
        for (int l = 0; l < k; l++) {
            bound(X[(size_t)k * K + (size_t)l], X[(size_t)q * K + (size_t)l], &ux[0], &ux[1]);
            bound(Y[(size_t)k * K + (size_t)l], Y[(size_t)q * K + (size_t)l], &uy[0], &uy[1]);
        }
        for (int j = 0; j < n; j++)
            if (posT[j] < 0)
                bound(xs[j], HXr[j], &ux[0], &ux[1]);
        for (int i = 0; i < m; i++)
            if (posS[i] < 0)
                bound(-ys[i], -HYc[i], &uy[0], &uy[1]);
    }
}

/*
** The ranges of player 1's payoffs A[i][j] over which the LP's optimal
** basis stays optimal, one range per entry in row-major order, named
** "player 1's payoff at (T, L)" (player 2's payoff c - A[i][j] moving with
** it, so the game stays constant-sum).  GLPK ranges objective
** coefficients and bounds only, and these payoffs are constraint
** coefficients, so the ranges are derived here from the basis.
**
** The basis.  Let S be the basic x_i and T the non-basic (tight) rows
** j < n; v is basic and the convexity row non-basic, and |S| = |T| = k
** (see exact_from_basis).  The basic solution solves two (k+1)-square
** systems, on P (the payoffs mapped to [1, 2]; the same bases as A):
**     Mx (x_S, v) = e:  sum_{i in S} P[i][t] x_i - v = 0 (t in T), sum x_S = 1
**     My (y_T, w) = e:  sum_{t in T} P[s][t] y_t - w = 0 (s in S), sum y_T = 1
** where y_T are the prices of the tight rows (the column player's
** strategy, see strategies()) and w = v.  The basis is optimal exactly
** when it is primal feasible (x_S >= 0; every basic slack, that is the
** payoff of x against each column j not in T, >= v) and dual feasible
** (y_T >= 0; every non-basic x_i, that is the payoff of each row i not in
** S against y, <= w).
**
** Moving P[i][j] by delta:
**   i not in S, j not in T: neither system changes, and x_i = 0, y_j = 0:
**     the range is unlimited;
**   i not in S, j in T: only row i's payoff against y changes, by
**     delta y_j: it must stay <= w;
**   i in S, j not in T: only column j's payoff against x changes, by
**     delta x_i: it must stay >= v;
**   i in S, j in T: both systems change by a rank-one term, Mx by delta
**     e_r e_c^T (r, c the places of j in T and i in S) and My by its
**     mirror.  By Sherman and Morrison, with h = Mx^-1 e_r, g = h_c and
**     z = (x_S, v),
**         z(delta) = (z + delta (g z - z_c h)) / (1 + g delta),
**     and likewise for My.  1 + g delta = det Mx(delta) / det Mx, so the
**     basis stays non-singular while it is > 0; there, each feasibility
**     condition of the x side, alpha_q >= 0 at delta = 0 (an x_l, or the
**     payoff against x, minus v, of a column outside T), becomes
**         alpha_q + delta (g alpha_q - x_c h_q) >= 0,
**     h_q being the same quantity computed from h in place of z; divided
**     by 1 + g delta, with u = delta / (1 + g delta):  u x_c h_q <= alpha_q.
**     The bound min_q alpha_q / h_q depends on the column j alone, not on
**     the row i, so it is computed once per column, and the y side once
**     per row; a pair then costs O(1) (to_delta maps u back to delta).
** Each case intersects half-lines, so the range is one closed interval
** around the payoff, ends included (at an end the basis is optimal but
** degenerate), reported in A's units (delta times 2 half).  A
** coefficient below ZS_FLAT counts as 0 (no limit).  When the optimum is
** degenerate, the equilibrium may stay optimal past a range's end under
** another basis.  The computation costs O(k^3 + k^2 (m + n) + m n).
**
** Returns EQ_OK (also when the basis is not of the expected shape or is
** singular to working precision: then no range is recorded and *why says
** so), or EQ_ERR_NOMEM.
*/
static eq_status payoff_ranges(const eq_game *g, const eqi_zs_basis *B,
                               eq_result *r, const char **why)
{
    int m = g->nact[0], n = g->nact[1], k = B->k;
    const double *A = g->pay[0];
    double lo, half, R;
    size_t K = (size_t)k + 1, mn = (size_t)m * (size_t)n;
    /* One block: P (mn), Mx, My, Ix, Iy (K x K each), HX (k x n), HY
    ** (k x m), xs (n), ys (m), bx, by (2k each); then posS (m), posT (n). */
    size_t nd = mn + 4 * K * K + (size_t)k * (size_t)(m + n) + (size_t)(m + n) + 4 * (size_t)k;
    double *P = calloc(nd + (size_t)(m + n), sizeof *P), *Mx, *My, *Ix, *Iy,
           *HX, *HY, *xs, *ys, *bx, *by;
    int *posS, *posT;
    char name[512];

    *why = NULL;
    if (P == NULL)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    Mx = P + mn; My = Mx + K * K; Ix = My + K * K; Iy = Ix + K * K;
    HX = Iy + K * K; HY = HX + (size_t)k * (size_t)n; xs = HY + (size_t)k * (size_t)m;
    ys = xs + n; bx = ys + m; by = bx + 2 * k;
    posS = (int *)(P + nd);
    posT = posS + m;
    payoff_map(A, mn, &lo, &half);
    R = 2.0 * half;
    for (size_t t = 0; t < mn; t++)
        P[t] = 1.0 + (0.5 * A[t] - 0.5 * lo) / half;
    for (int i = 0; i < m; i++)
        posS[i] = -1;
    for (int j = 0; j < n; j++)
        posT[j] = -1;
    for (int c = 0; c < k; c++) {
        posS[B->S[c]] = c;
        posT[B->T[c]] = c;
    }
    basis_systems(P, n, B, Mx, My);
    if (invert(Mx, Ix, K) != 0 || invert(My, Iy, K) != 0) {
        *why = "the optimal basis is singular to working precision";
        free(P);
        return EQ_OK;
    }
    /* Work on the transposes, whose rows are the inverses' columns:
    ** X[r] = Mx^-1 e_r, X[k] = (x_S, v); Y[c] = My^-1 e_c, Y[k] = (y_T, w). */
    for (size_t a = 0; a < K; a++)
        for (size_t b = 0; b < K; b++) {
            Mx[a * K + b] = Ix[b * K + a];
            My[a * K + b] = Iy[b * K + a];
        }
    slack_rates(P, m, n, B, posS, posT, Mx, My, HX, HY, xs, ys);
    side_bounds(m, n, B, posS, posT, Mx, My, HX, HY, xs, ys, bx, by);
#define X(a, b) Mx[(size_t)(a) * K + (size_t)(b)]
#define Y(a, b) My[(size_t)(a) * K + (size_t)(b)]
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            int c = posS[i], rr = posT[j];
            double dlo = -HUGE_VAL, dhi = HUGE_VAL, a = A[(size_t)i * (size_t)n + (size_t)j];
            if (c < 0 && rr >= 0) {
                narrow(-ys[i], -Y(k, rr), &dlo, &dhi);
            } else if (c >= 0 && rr < 0) {
                narrow(xs[j], X(k, c), &dlo, &dhi);
            } else if (c >= 0 && rr >= 0) {
                /* u x_c h_q <= alpha_q for all q: -dn / x_c <= u <= up / x_c
                ** (no limit when x_c is 0); the same for the y side. */
                double xc = X(k, c), yr = Y(k, rr);
                const double *ux = bx + 2 * rr, *uy = by + 2 * c;
                to_delta(xc > 0.0 ? -ux[1] / xc : -HUGE_VAL,
                         xc > 0.0 ? ux[0] / xc : HUGE_VAL, X(rr, c), &dlo, &dhi);
                to_delta(yr > 0.0 ? -uy[1] / yr : -HUGE_VAL,
                         yr > 0.0 ? uy[0] / yr : HUGE_VAL, Y(c, rr), &dlo, &dhi);
            }
            snprintf(name, sizeof name, "player %s's payoff at (%s, %s)",
                     g->pname[0], g->aname[0][i], g->aname[1][j]);
            dlo = isfinite(dlo) ? a + R * dlo : -HUGE_VAL;
            dhi = isfinite(dhi) ? a + R * dhi : HUGE_VAL;
            if (eqi_result_add_lprange(r, name, a, fmin(dlo, a), fmax(dhi, a)) != 0) {
                free(P);
                return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
            }
        }
#undef X
#undef Y
    free(P);
    return EQ_OK;
}

/*
** Record the LP's rows with their duals, then the payoff ranges.  Rows,
** in the LP's order: "column L: v - payoff of x against L <= 0" for each
** column L of the game, and "probabilities of x sum to 1".  A row's dual
** is d(value) / d(right-hand side) in payoff units: for a column's row it
** is the column player's optimal probability of that column, y (by LP
** duality, and unchanged by the map onto [1, 2]); for the convexity row
** it is the value of the game (the LP is homogeneous of degree one in the
** right-hand side 1).  Then the ranges of payoff_ranges for basis B, for
** games of at most ZS_MAX_RANGES payoffs (o->log gets a note when they
** are left out).  Returns EQ_OK or EQ_ERR_NOMEM.
*/
static eq_status sensitivity(const eq_game *g, const eqi_zs_basis *B, const double *y,
                             double value, const eq_solve_opts *o, eq_result *r)
{
    int m = g->nact[0], n = g->nact[1];
    char name[512];
    const char *why = NULL;
    eq_status s = EQ_OK;

    for (int j = 0; j < n; j++) {
        snprintf(name, sizeof name, "column %s: v - payoff of x against %s <= 0",
                 g->aname[1][j], g->aname[1][j]);
        if (eqi_result_add_lprow(r, name, y[j] + 0.0) != 0)
            return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    if (eqi_result_add_lprow(r, "probabilities of x sum to 1", value) != 0)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    if ((size_t)m * (size_t)n > ZS_MAX_RANGES)
        why = "the game has more than 250000 payoffs";
    else if (B->k <= 0)
        why = "the optimal basis is not of the expected shape";
    else
        s = payoff_ranges(g, B, r, &why);
    if (s == EQ_OK && why != NULL && o->log != NULL) {
        char msg[160];
        snprintf(msg, sizeof msg, "zerosum: no payoff ranges: %s", why);
        o->log(o->log_ud, 1, msg);
    }
    return s;
}

/* ------------------------------------------------------------------ */
/* The two solvers                                                      */
/* ------------------------------------------------------------------ */

/*
** The packing LP on the dense tableau.  With P = 1 + (A - lo) / (2 half)
** in [1, 2]: when m <= n, M = P (rows: player 1's actions); q / 1'q is y,
** the row prices give x, and 1 / 1'q is the value in P's units.
** Otherwise M = 3 - P^T (the column player's game, also in [1, 2]; rows:
** player 2's actions): q gives x, the prices y, and the value is
** 3 - 1 / 1'q.  The tight rows and basic columns are B's T and S or S and
** T.  start, when not NULL, is a basis to start from (k > 0), such as
** the last one of a sweep.  Fills probs (x then y) and *value (in A's
** units); returns EQ_OK, EQ_ERR_NOMEM, or another status when the method
** failed (the caller then tries GLPK).
*/
static eq_status solve_dense(const eq_game *g, const eq_solve_opts *o,
                             const eqi_zs_basis *start, double *probs,
                             eqi_zs_basis *B, double *value)
{
    int m = g->nact[0], n = g->nact[1], rows_are_x = m <= n;
    int r = rows_are_x ? m : n, c = rows_are_x ? n : m, k = 0;
    size_t mn = (size_t)m * (size_t)n;
    double lo, half, *Pm = malloc(mn * sizeof *Pm), v;
    const double *A = g->pay[0];
    eqi_pack *pk = NULL;
    eq_status s;

    if (Pm == NULL)
        return EQ_ERR_NOMEM;
    payoff_map(A, mn, &lo, &half);
    for (size_t t = 0; t < mn; t++) {
        double p = 1.0 + (0.5 * A[t] - 0.5 * lo) / half;
        Pm[t] = rows_are_x ? p : 3.0 - p;
    }
    s = eqi_pack_new(&pk, r, c, Pm, rows_are_x ? (size_t)n : 1, rows_are_x ? 1 : (size_t)n);
    free(Pm);
    if (s == EQ_OK && start != NULL && start->k > 0 &&
        eqi_pack_set_basis(pk, start->k, rows_are_x ? start->T : start->S,
                           rows_are_x ? start->S : start->T) == EQ_ERR_NOMEM)
        s = EQ_ERR_NOMEM;               /* a malformed basis is just not used */
    if (s == EQ_OK)
        s = eqi_pack_solve(pk, o->tol, 0);
    if (s == EQ_OK) {
        const double *q = eqi_pack_primal(pk), *p = eqi_pack_dual(pk);
        double *x = probs, *y = probs + m;
        memcpy(rows_are_x ? y : x, q, (size_t)c * sizeof *q);
        memcpy(rows_are_x ? x : y, p, (size_t)r * sizeof *p);
        v = 1.0 / eqi_pack_objective(pk);
        *value = lo + 2.0 * half * ((rows_are_x ? v : 3.0 - v) - 1.0);
        for (int t = 0; t < r; t++)
            if (eqi_pack_row_tight(pk, t))
                (rows_are_x ? B->S : B->T)[k++] = t;
        k = 0;
        for (int t = 0; t < c; t++)
            if (eqi_pack_col_basic(pk, t))
                (rows_are_x ? B->T : B->S)[k++] = t;
        B->k = k;
        if (normalise(x, m) != 0 || normalise(y, n) != 0)
            s = EQ_ERR_NUMERIC;
        if (o->log != NULL) {
            char msg[160];
            snprintf(msg, sizeof msg, "zerosum: dense simplex on the %d x %d packing "
                     "LP: %d pivots (steepest edge), %d to install a warm start", r, c,
                     eqi_pack_iterations(pk), eqi_pack_install_pivots(pk));
            o->log(o->log_ud, 0, msg);
        }
    }
    eqi_pack_free(pk);
    return s;
}

/*
** The row player's maximin LP on GLPK, with payoffs mapped to [1, 2]
** (build_lp), from the slack basis.  The same outputs as solve_dense;
** the message of a failure is left on r.
*/
static eq_status solve_glpk(const eq_game *g, const eq_solve_opts *o,
                            double *probs, eqi_zs_basis *B, double *value, eq_result *r)
{
    int m = g->nact[0], n = g->nact[1];
    eqi_lp *lp = NULL;
    eqi_lp_parm parm;
    double lo, half;
    eq_status s;

    if ((s = build_lp(g, g->pay[0], 1, &lp, r->errmsg)) != EQ_OK)
        return s;
    /* The primal simplex from the slack basis.  A' is already well scaled;
    ** GLPK's scaling would only cost time, and neither the dual simplex
    ** nor the presolver is faster here.  A' spans a range of 1, so o->tol
    ** (relative to the payoffs' range) is GLPK's tolerance as it is. */
    eqi_lp_parm_init(&parm);
    parm.scale = 0;
    parm.tol = o->tol;
    parm.guard = r->guard;
    s = eqi_lp_solve(lp, &parm);
    if (s != EQ_OK) {
        eqi_error(r->errmsg, s, "zerosum: %s", eqi_lp_errmsg(lp));
    } else if (eqi_lp_status(lp) != EQI_LP_OPTIMAL) {
        /* Feasible (any x) and bounded (v <= max A'): only numerical
        ** trouble ends anywhere else. */
        s = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                      "zerosum: the LP ended %s instead of optimal",
                      eqi_lp_sol_name(eqi_lp_status(lp)));
    } else {
        /* x from the primal, y from the duals of the rows j < n
        ** (non-positive in a maximisation with ">=" rows, hence the sign). */
        for (int i = 0; i < m; i++)
            probs[i] = eqi_lp_col_value(lp, i);
        for (int j = 0; j < n; j++)
            probs[m + j] = -eqi_lp_row_dual(lp, j);
        if (normalise(probs, m) != 0 || normalise(probs + m, n) != 0)
            s = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                          "zerosum: the LP's solution is not a pair of strategies");
        payoff_map(g->pay[0], (size_t)m * (size_t)n, &lo, &half);
        *value = lo + 2.0 * half * (eqi_lp_obj_value(lp) - 1.0);
        basis_from_lp(lp, m, n, B);
        if (o->log != NULL) {
            char msg[160];
            snprintf(msg, sizeof msg, "zerosum: GLPK's simplex on the maximin LP: "
                     "%d iterations", eqi_lp_iterations(lp));
            o->log(o->log_ud, 0, msg);
        }
    }
    eqi_lp_free(lp);
    return s;
}

/* Solve with the dense simplex, falling back on GLPK, or (glpk set) with
** GLPK alone; then the result, exact on request, and the sensitivity.
** warm, when not NULL: IN, a basis of a game of the same shape to start
** from (ignored if empty or of another shape); OUT, the optimal basis. */
static eq_status solve(const eq_game *g, const eq_solve_opts *o, eq_result *r,
                       int glpk, eqi_zs_basis *warm)
{
    int m = g->nact[0], n = g->nact[1], rebased = 0;
    double *probs = NULL, value = 0.0;
    eqi_zs_basis B = { 0, 0, -1, NULL, NULL };
    const eqi_zs_basis *start = warm != NULL && warm->m == m && warm->n == n &&
                                warm->k > 0 ? warm : NULL;
    eq_status s = EQ_ERR_LP;

    if (!eq_game_is_constant_sum(g))
        return eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED,
                         "zerosum: the game is not constant-sum (A + B varies); "
                         "use -m enum or -m lemke");
    if ((probs = malloc((size_t)(m + n) * sizeof *probs)) == NULL ||
        basis_init(&B, m, n) != 0) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (!glpk) {
        s = solve_dense(g, o, start, probs, &B, &value);
        if (s == EQ_ERR_NOMEM) {
            eqi_error(r->errmsg, s, "out of memory");
            goto done;
        }
        if (s != EQ_OK && o->log != NULL)
            o->log(o->log_ud, 1, "zerosum: the dense simplex failed its check; "
                   "solving with GLPK");
    }
    if (s != EQ_OK && (s = solve_glpk(g, o, probs, &B, &value, r)) != EQ_OK)
        goto done;
    if (o->exact)
        s = solve_exact(g, &B, r, &rebased);
    else if (eqi_result_add(r, g, probs) < 0)
        s = EQ_ERR_NOMEM;
    /* The value to player 1 is equilibrium 0's payoff of player 1 (exact,
    ** rounded to double, in exact mode), as equilib.h documents. */
    if (s == EQ_OK)
        r->value = r->pay[0];
    /* Sensitivity describes the floating-point optimal basis; when exact
    ** mode found that basis not exactly optimal, it describes no basis of
    ** the equilibrium returned, and is left out. */
    if (s == EQ_OK && !rebased && o->sensitivity)
        s = sensitivity(g, &B, probs + m, value, o, r);
    else if (s == EQ_OK && o->sensitivity && o->log != NULL)
        o->log(o->log_ud, 1, "zerosum: no sensitivity: the rational simplex "
               "changed the floating-point basis");
    if (s == EQ_OK && warm != NULL) {
        eqi_zs_basis t = *warm;     /* hand B's arrays over, keep the old */
        *warm = B;
        B = t;
    }
done:
    eqi_zs_basis_free(&B);
    free(probs);
    return s;
}

eq_status eqi_solve_zerosum(const eq_game *g, const eq_solve_opts *o,
                            eq_result *r)
{
    return solve(g, o, r, 0, NULL);
}

eq_status eqi_solve_zerosum_glpk(const eq_game *g, const eq_solve_opts *o,
                                 eq_result *r)
{
    return solve(g, o, r, 1, NULL);
}

eq_status eqi_solve_zerosum_warm(const eq_game *g, const eq_solve_opts *o,
                                 eq_result *r, eqi_zs_basis *basis)
{
    return solve(g, o, r, 0, basis);
}
