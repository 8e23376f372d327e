/*
** pure.c -- every pure-strategy Nash equilibrium of an n-player game.
**
** A profile is an equilibrium when no player has a strictly better reply.
** For each player p we first tabulate, for every profile of the others,
** p's best payoff (a best-response table), then keep the profiles where
** every player's payoff reaches its table entry.  Cost: O(n * profiles).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"

/* Index of the profile of the others: the flat index with p's digit
** removed. */
static size_t others_index(const eq_game *g, int p, size_t i)
{
    size_t hi = i / (g->stride[p] * (size_t)g->nact[p]);
    size_t lo = i % g->stride[p];
    return hi * g->stride[p] + lo;
}

eq_status eqi_solve_pure(const eq_game *g, const eq_solve_opts *o,
                         eq_result *r)
{
    double **best = calloc((size_t)g->n, sizeof *best);
    double *probs = malloc((size_t)r->tot * sizeof *probs);
    eq_status s = EQ_OK;

    if (best == NULL || probs == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int p = 0; p < g->n; p++) {
        size_t others = g->nprof / (size_t)g->nact[p];
        double *b = best[p] = malloc(others * sizeof *b);
        if (b == NULL) {
            s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t k = 0; k < others; k++)
            b[k] = -HUGE_VAL;
        for (size_t i = 0; i < g->nprof; i++) {
            size_t k = others_index(g, p, i);
            if (g->pay[p][i] > b[k])
                b[k] = g->pay[p][i];
        }
    }
    for (size_t i = 0; i < g->nprof; i++) {
        int eq = 1;
        for (int p = 0; p < g->n && eq; p++)
            eq = g->pay[p][i] >= best[p][others_index(g, p, i)];
        if (!eq)
            continue;
        if (o->max_equilibria > 0 && r->count >= o->max_equilibria) {
            r->sol = EQ_SOL_PARTIAL;
            break;
        }
        memset(probs, 0, (size_t)r->tot * sizeof *probs);
        for (int p = 0, off = 0; p < g->n; off += g->nact[p], p++)
            probs[off + (int)((i / g->stride[p]) % (size_t)g->nact[p])] = 1.0;
        if (o->exact && g->n == 2) {
            int m = g->nact[0], n = g->nact[1], rc;
            mpq_t *x = eqi_mpq_alloc((size_t)(m + n));
            if (x == NULL) {
                s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
                goto done;
            }
            for (int a = 0; a < m + n; a++)
                mpq_set_d(x[a], probs[a]);
            rc = eqi_result_add_exact(r, g, x, x + m);
            eqi_mpq_free(x, (size_t)(m + n));
            if (rc < 0) {
                s = EQ_ERR_NOMEM;
                goto done;
            }
        } else if (eqi_result_add(r, g, probs) < 0) {
            s = EQ_ERR_NOMEM;
            goto done;
        }
    }
done:
    if (best != NULL)
        for (int p = 0; p < g->n; p++)
            free(best[p]);
    free(best);
    free(probs);
    return s;
}
