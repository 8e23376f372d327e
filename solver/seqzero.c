/*
** seqzero.c -- a two-player constant-sum tree solved on its sequence form
** by the LP of Koller, Megiddo and von Stengel (1996) on GLPK: optimal
** (maximin) behaviour strategies of both players.
**
** Reference: D. Koller, N. Megiddo and B. von Stengel, "Efficient
** computation of equilibria for extensive two-person games", Games and
** Economic Behavior 14 (1996) 247-259.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "tree.h"
#include "seqform.h"
#include "lp.h"

/* ------------------------------------------------------------------ */
/* Zero-sum: the LP of Koller, Megiddo and von Stengel                  */
/* ------------------------------------------------------------------ */

int eqi_tree_is_constant_sum(const eq_tree *t)
{
    double lo = 0.0, hi = 0.0, scale = 0.0;
    int any = 0;
    for (int v = 0; v < t->nnode; v++) {
        const double *u;
        double s;
        if (t->node[v].kind != EQ_NODE_TERMINAL)
            continue;
        u = t->pays + t->node[v].pay0;
        s = u[0] + u[1];
        scale = fmax(scale, fabs(u[0]) + fabs(u[1]));
        if (!any || s < lo) lo = s;
        if (!any || s > hi) hi = s;
        any = 1;
    }
    return hi - lo <= 1e-12 * fmax(scale, 1.0);
}

/*
** Player 1's maximin LP over realization plans.  Player 2, facing x,
** minimises x^T A y over y >= 0 with F y = f, whose LP dual is
** max f^T q s.t. F^T q <= A^T x, q free.  So player 1 solves
**
**     max  f^T q  (= q_0)
**     s.t. F^T q - A^T x <= 0     rows 0 .. n2-1, one per sequence of 2
**          E x = e                rows n2 .. n2+k1-1
**          x >= 0, q free         columns x_0 .. x_{n1-1}, q_0 .. q_{k2-1}
**
** with A the scaled payoffs (scaled_payoffs).  Its optimum is the value of
** the game and x an optimal plan of player 1; its dual, min e^T p s.t.
** E^T p - A y >= 0, F y = f, y >= 0, is player 2's minimax problem, so the
** prices of rows 0 .. n2-1 (non-negative for "<=" rows of a maximisation)
** are an optimal plan y of player 2.
*/
static eq_status build_zerosum_lp(const eqi_seqform *sf, const double *A,
                                  eqi_lp **out, char *err)
{
    int n1 = sf->n[0], n2 = sf->n[1], k1 = sf->k[0], k2 = sf->k[1];
    size_t nz = 0, cap;
    int *ri = NULL, *ci = NULL;
    double *va = NULL;
    eqi_lp *lp = NULL;
    eq_status s;

    cap = (size_t)n1 * (size_t)n2 + 2 * (size_t)n1 + 2 * (size_t)n2;
    ri = malloc(cap * sizeof *ri);
    ci = malloc(cap * sizeof *ci);
    va = malloc(cap * sizeof *va);
    if (ri == NULL || ci == NULL || va == NULL) {
        s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int j = 0; j < n2; j++)
        for (int i = 0; i < n1; i++) {
            double a = A[(size_t)i * (size_t)n2 + (size_t)j];
            if (a != 0.0) {
                ri[nz] = j; ci[nz] = i; va[nz++] = -a;   /* -A^T x */
            }
        }
    for (int g = 0; g < k2; g++)
        for (int j = 0; j < n2; j++) {
            double f = sf->F[(size_t)g * (size_t)n2 + (size_t)j];
            if (f != 0.0) {
                ri[nz] = j; ci[nz] = n1 + g; va[nz++] = f;  /* F^T q */
            }
        }
    for (int h = 0; h < k1; h++)
        for (int i = 0; i < n1; i++) {
            double e = sf->E[(size_t)h * (size_t)n1 + (size_t)i];
            if (e != 0.0) {
                ri[nz] = n2 + h; ci[nz] = i; va[nz++] = e;  /* E x */
            }
        }
    if ((s = eqi_lp_new(&lp, n2 + k1, n1 + k2, EQI_LP_MAX)) != EQ_OK) {
        s = eqi_error(err, s, "zerosum: cannot create the LP: %s",
                      eq_status_string(s));
        goto done;
    }
    for (int j = 0; j < n2 && s == EQ_OK; j++)
        s = eqi_lp_set_row_bounds(lp, j, -HUGE_VAL, 0.0);
    for (int h = 0; h < k1 && s == EQ_OK; h++)
        s = eqi_lp_set_row_bounds(lp, n2 + h, h == 0 ? 1.0 : 0.0,
                                  h == 0 ? 1.0 : 0.0);
    for (int g = 0; g < k2 && s == EQ_OK; g++)
        s = eqi_lp_set_col_bounds(lp, n1 + g, -HUGE_VAL, HUGE_VAL);
    if (s == EQ_OK)
        s = eqi_lp_set_obj(lp, n1, 1.0);              /* f^T q = q_0 */
    if (s == EQ_OK)
        s = eqi_lp_add_entries(lp, (int)nz, ri, ci, va);
    if (s != EQ_OK) {
        eqi_error(err, s, "zerosum: %s", eqi_lp_errmsg(lp));
        eqi_lp_free(lp);
        lp = NULL;
    }
done:
    free(ri);
    free(ci);
    free(va);
    *out = lp;
    return s;
}

eq_status eqi_tree_solve_seq_zerosum(const eq_tree *t, const eq_tree_opts *o,
                                     eq_tree_result *r)
{
    static const char who[] = "zerosum";
    eqi_seqform *sf = NULL;
    eqi_lp *lp = NULL;
    eqi_lp_parm parm;
    double *A = NULL, *x = NULL, *y = NULL;
    eq_status s;

    if (t == NULL || r == NULL)
        return EQ_ERR_ARG;
    if ((s = eqi_seqform_check(t, o, r, who)) != EQ_OK)
        return s;
    if (!eqi_tree_is_constant_sum(t))
        return eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED,
                         "zerosum: the tree is not constant-sum (the sum of "
                         "the payoffs differs between leaves); use -m lemke");
    if ((s = eqi_seqform_new(t, &sf, r->errmsg)) != EQ_OK)
        return s;
    if ((A = eqi_seqform_scaled(sf, t, 0)) == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((s = build_zerosum_lp(sf, A, &lp, r->errmsg)) != EQ_OK)
        goto done;
    /* The payoffs span [1, 2] times the chance weights and E, F hold
    ** +-1, so GLPK's tolerance may be ours as it is. */
    eqi_lp_parm_init(&parm);
    parm.tol = eqi_seqform_tol(o);
    parm.guard = eqi_guard_of(o->limits);
    if ((s = eqi_lp_solve(lp, &parm)) != EQ_OK) {
        eqi_error(r->errmsg, s, "zerosum: %s", eqi_lp_errmsg(lp));
        goto done;
    }
    if (eqi_lp_status(lp) != EQI_LP_OPTIMAL) {
        /* Feasible (any plan x with q small) and bounded (q_0 is at most
        ** the largest payoff): only numerical trouble ends elsewhere. */
        s = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                      "zerosum: the sequence-form LP ended %s instead of optimal",
                      eqi_lp_sol_name(eqi_lp_status(lp)));
        goto done;
    }
    x = malloc((size_t)sf->n[0] * sizeof *x);
    y = malloc((size_t)sf->n[1] * sizeof *y);
    if (x == NULL || y == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int i = 0; i < sf->n[0]; i++)
        x[i] = eqi_lp_col_value(lp, i);
    for (int j = 0; j < sf->n[1]; j++)
        y[j] = eqi_lp_row_dual(lp, j);
    s = eqi_seqform_add_plans(sf, t, x, y, r, who);
    if (s == EQ_OK) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "zerosum: sequence-form LP with %d + %d sequences, %d "
                 "simplex iterations", sf->n[0], sf->n[1],
                 eqi_lp_iterations(lp));
        eqi_seqform_say(o, msg);
        snprintf(r->selection, sizeof r->selection,
                 "optimal (maximin) strategies from the sequence-form LP");
    }
done:
    free(A);
    free(x);
    free(y);
    eqi_lp_free(lp);
    eqi_seqform_free(sf);
    return s;
}

