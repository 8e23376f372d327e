/*
** regret.c -- certificates: the largest gain any player gets by deviating
** unilaterally from a mixed profile (max regret), in double precision on
** OpenBLAS and, for two players, exactly in rational arithmetic.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "blas.h"
#include "exact.h"

/* out[l, r] = sum_k v[k] * t[l, k, r]: contract the middle axis of a
** row-major L x K x R tensor with v.  With R == 1 this is one dgemv on the
** L x K matrix; otherwise one transposed dgemv per slice (eqi_dgemv: on
** the calling thread, see blas.h). */
static void contract(const double *t, size_t L, size_t K, size_t R,
                     const double *v, double *out)
{
    if (R == 1) {
        eqi_dgemv(0, L, K, t, K, v, out);
        return;
    }
    for (size_t l = 0; l < L; l++)
        eqi_dgemv(1, K, R, t + l * K * R, R, v, out + l * R);
}

/* u[a]: player p's expected payoff from each pure action a against the
** others' mixed strategies.  For two players: A y (p = 0) and B^T x
** (p = 1), each a single dgemv.  For more, the payoff tensor is contracted
** axis by axis from the last, skipping p's own axis.  work holds two
** buffers of g->nprof doubles (unused when n == 2). */
static void action_values(const eq_game *g, int p,
                          const double *const *profile, double *u,
                          double *work)
{
    const double *cur = g->pay[p];
    double *bufs[2] = { work, work ? work + g->nprof : NULL };
    int which = 0;
    int lowest = (p == 0) ? 1 : 0; /* the last axis to contract */

    if (g->n == 1) {
        memcpy(u, cur, (size_t)g->nact[0] * sizeof *u);
        return;
    }
    /* Before axis j is contracted the tensor's shape is
    ** (k_0, ..., k_j) followed by k_p when p > j. */
    for (int j = g->n - 1; j >= 0; j--) {
        size_t L = 1, K = (size_t)g->nact[j];
        size_t R = p > j ? (size_t)g->nact[p] : 1;
        double *dst;
        if (j == p)
            continue;
        for (int i = 0; i < j; i++)
            L *= (size_t)g->nact[i];
        dst = (j == lowest) ? u : bufs[which];
        contract(cur, L, K, R, profile[j], dst);
        cur = dst;
        which ^= 1;
    }
}

eq_status eq_game_regret(const eq_game *g, const double *const *profile,
                         double *regret, double *payoffs)
{
    double worst = 0.0, *u, *work = NULL;
    int maxa = 0;

    if (g == NULL || profile == NULL || regret == NULL)
        return EQ_ERR_ARG;
    for (int p = 0; p < g->n; p++) {
        double s = 0.0;
        if (profile[p] == NULL)
            return EQ_ERR_ARG;
        for (int a = 0; a < g->nact[p]; a++) {
            if (!(profile[p][a] >= -1e-9))
                return EQ_ERR_ARG;
            s += profile[p][a];
        }
        if (!(fabs(s - 1.0) <= 1e-9))
            return EQ_ERR_ARG;
        if (g->nact[p] > maxa)
            maxa = g->nact[p];
    }
    u = malloc((size_t)maxa * sizeof *u);
    if (g->n > 2)
        work = malloc(2 * g->nprof * sizeof *work);
    if (u == NULL || (g->n > 2 && work == NULL)) {
        free(u);
        free(work);
        return EQ_ERR_NOMEM;
    }
    for (int p = 0; p < g->n; p++) {
        double best, ev;
        action_values(g, p, profile, u, work);
        best = u[0];
        ev = 0.0;
        for (int a = 0; a < g->nact[p]; a++) {
            if (u[a] > best)
                best = u[a];
            ev += profile[p][a] * u[a];
        }
        if (payoffs != NULL)
            payoffs[p] = ev;
        if (best - ev > worst)
            worst = best - ev;
    }
    free(u);
    free(work);
    *regret = worst;
    return EQ_OK;
}

int eqi_exact_regret2(const eq_game *g, mpq_t *x, mpq_t *y, mpq_t reg,
                      mpq_t pay1, mpq_t pay2)
{
    int m = g->nact[0], n = g->nact[1];
    mpq_t a, t, best, ev;
    mpq_inits(a, t, best, ev, NULL);
    mpq_set_ui(reg, 0, 1);
    /* Player 1: (A y)_i against x^T A y. */
    mpq_set_ui(ev, 0, 1);
    for (int i = 0; i < m; i++) {
        mpq_set_ui(t, 0, 1);
        for (int j = 0; j < n; j++) {
            eqi_game_exact_payoff(g, 0, (size_t)i * (size_t)n + (size_t)j, a);
            mpq_mul(a, a, y[j]);
            mpq_add(t, t, a);
        }
        if (i == 0 || mpq_cmp(t, best) > 0)
            mpq_set(best, t);
        mpq_mul(a, t, x[i]);
        mpq_add(ev, ev, a);
    }
    mpq_set(pay1, ev);
    mpq_sub(t, best, ev);
    if (mpq_cmp(t, reg) > 0)
        mpq_set(reg, t);
    /* Player 2: (B^T x)_j against x^T B y. */
    mpq_set_ui(ev, 0, 1);
    for (int j = 0; j < n; j++) {
        mpq_set_ui(t, 0, 1);
        for (int i = 0; i < m; i++) {
            eqi_game_exact_payoff(g, 1, (size_t)i * (size_t)n + (size_t)j, a);
            mpq_mul(a, a, x[i]);
            mpq_add(t, t, a);
        }
        if (j == 0 || mpq_cmp(t, best) > 0)
            mpq_set(best, t);
        mpq_mul(a, t, y[j]);
        mpq_add(ev, ev, a);
    }
    mpq_set(pay2, ev);
    mpq_sub(t, best, ev);
    if (mpq_cmp(t, reg) > 0)
        mpq_set(reg, t);
    mpq_clears(a, t, best, ev, NULL);
    return 0;
}
