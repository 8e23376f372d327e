/*
** result.c -- the equilibrium set a solve returns, each member with its
** certificate computed afresh from the game.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"

eq_result *eqi_result_new(const eq_game *g, eq_method m)
{
    eq_result *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->method = m;
    r->sol = EQ_SOL_NONE;
    r->unique = -1;
    if (g != NULL) {
        r->nprof = g->nprof;
        r->n = g->n;
        for (int p = 0; p < g->n; p++) {
            r->nact[p] = g->nact[p];
            r->tot += g->nact[p];
        }
    }
    return r;
}

static void free_strings(char **v, size_t k)
{
    if (v == NULL)
        return;
    for (size_t i = 0; i < k; i++)
        free(v[i]);
    free(v);
}

void eq_result_free(eq_result *r)
{
    if (r == NULL)
        return;
    free(r->prob);
    free(r->pay);
    free(r->regret);
    free_strings(r->prob_x, (size_t)r->count * (size_t)r->tot);
    free_strings(r->pay_x, (size_t)r->count * (size_t)r->n);
    free_strings(r->regret_x, (size_t)r->count);
    free(r->dist);
    free_strings(r->dist_x, r->dist_x != NULL ? r->nprof : 0);
    free(r->value_x);
    free_strings(r->lprow_name, (size_t)r->nlprow);
    free(r->lprow_dual);
    free_strings(r->lprange_name, (size_t)r->nlprange);
    free(r->lprange_val);
    free(r->lprange_lo);
    free(r->lprange_hi);
    free(r);
}

/* Make room for one more equilibrium.  Returns 0 or -1. */
static int grow(eq_result *r)
{
    size_t cap, tot = (size_t)r->tot, n = (size_t)r->n, old = r->cap;
    if ((size_t)r->count < r->cap)
        return 0;
    if ((cap = eqi_grow_cap(r->cap, r->cap + 1)) == 0 || cap > (size_t)1 << 28 ||
        eqi_resize(&r->prob, cap * tot, sizeof *r->prob) ||
        eqi_resize(&r->pay, cap * n, sizeof *r->pay) ||
        eqi_resize(&r->regret, cap, sizeof *r->regret))
        return -1;
    if (r->exact) {
        /* New slots are zeroed so a partial failure frees cleanly. */
        if (eqi_resize(&r->prob_x, cap * tot, sizeof *r->prob_x))
            return -1;
        memset(r->prob_x + old * tot, 0, (cap - old) * tot * sizeof *r->prob_x);
        if (eqi_resize(&r->pay_x, cap * n, sizeof *r->pay_x))
            return -1;
        memset(r->pay_x + old * n, 0, (cap - old) * n * sizeof *r->pay_x);
        if (eqi_resize(&r->regret_x, cap, sizeof *r->regret_x))
            return -1;
        memset(r->regret_x + old, 0, (cap - old) * sizeof *r->regret_x);
    }
    r->cap = cap;
    return 0;
}

int eqi_result_add(eq_result *r, const eq_game *g, const double *probs)
{
    const double *prof[EQ_MAX_PLAYERS];
    size_t k;
    eq_status s;
    if (grow(r) != 0) {
        eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        return -1;
    }
    k = (size_t)r->count;
    memcpy(r->prob + k * (size_t)r->tot, probs, (size_t)r->tot * sizeof(double));
    for (int p = 0, off = 0; p < r->n; off += r->nact[p], p++)
        prof[p] = r->prob + k * (size_t)r->tot + off;
    s = eq_game_regret(g, prof, &r->regret[k], r->pay + k * (size_t)r->n);
    if (s != EQ_OK) {
        eqi_error(r->errmsg, s, "certificate failed: %s", eq_status_string(s));
        return -1;
    }
    r->count++;
    r->sol = EQ_SOL_FOUND;
    return (int)k;
}

int eqi_result_add_exact(eq_result *r, const eq_game *g, mpq_t *x, mpq_t *y)
{
    int m = g->nact[0], n = g->nact[1], k;
    double *probs;
    mpq_t reg, p1, p2;
    size_t base;

    r->exact = 1;
    probs = malloc((size_t)(m + n) * sizeof *probs);
    if (probs == NULL) {
        eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        return -1;
    }
    for (int i = 0; i < m; i++)
        probs[i] = mpq_get_d(x[i]);
    for (int j = 0; j < n; j++)
        probs[m + j] = mpq_get_d(y[j]);
    if (grow(r) != 0) {
        free(probs);
        eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        return -1;
    }
    k = eqi_result_add(r, g, probs);
    free(probs);
    if (k < 0)
        return -1;
    mpq_inits(reg, p1, p2, NULL);
    eqi_exact_regret2(g, x, y, reg, p1, p2);
    base = (size_t)k * (size_t)r->tot;
    for (int i = 0; i < m; i++)
        r->prob_x[base + (size_t)i] = eqi_rational_str(x[i]);
    for (int j = 0; j < n; j++)
        r->prob_x[base + (size_t)(m + j)] = eqi_rational_str(y[j]);
    r->pay_x[(size_t)k * 2] = eqi_rational_str(p1);
    r->pay_x[(size_t)k * 2 + 1] = eqi_rational_str(p2);
    r->regret_x[k] = eqi_rational_str(reg);
    /* Exact payoffs replace the double-precision ones. */
    r->pay[(size_t)k * 2] = mpq_get_d(p1);
    r->pay[(size_t)k * 2 + 1] = mpq_get_d(p2);
    mpq_clears(reg, p1, p2, NULL);
    for (int i = 0; i < m + n; i++)
        if (r->prob_x[base + (size_t)i] == NULL) goto nomem;
    if (!r->pay_x[(size_t)k * 2] || !r->pay_x[(size_t)k * 2 + 1] || !r->regret_x[k])
        goto nomem;
    return k;
nomem:
    eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    return -1;
}

int eqi_rows_have(const double *rows, int count, int width, const double *v,
                  double tol)
{
    for (int k = 0; k < count; k++) {
        const double *q = rows + (size_t)k * (size_t)width;
        int same = 1;
        for (int i = 0; i < width && same; i++)
            same = fabs(q[i] - v[i]) <= tol;
        if (same)
            return 1;
    }
    return 0;
}

int eqi_result_has(const eq_result *r, const double *probs, double tol)
{
    return eqi_rows_have(r->prob, r->count, r->tot, probs, tol);
}

const char *eq_result_errmsg(const eq_result *r) { return r ? r->errmsg : ""; }
eq_method eq_result_method(const eq_result *r) { return r ? r->method : EQ_METHOD_PURE; }
eq_solution eq_result_solution(const eq_result *r) { return r ? r->sol : EQ_SOL_NONE; }
int eq_result_count(const eq_result *r) { return r ? r->count : 0; }
int eq_result_players(const eq_result *r) { return r ? r->n : 0; }
int eq_result_is_exact(const eq_result *r) { return r ? r->exact : 0; }
double eq_result_value(const eq_result *r) { return r ? r->value : 0.0; }
const char *eq_result_value_exact(const eq_result *r) { return r ? r->value_x : NULL; }

const char *eq_result_distribution_exact(const eq_result *r, int k, size_t s)
{
    if (r == NULL || r->dist_x == NULL || k != 0 || k >= r->count || s >= r->nprof)
        return NULL;
    return r->dist_x[s];
}

int eq_result_actions(const eq_result *r, int p)
{
    return (r && p >= 0 && p < r->n) ? r->nact[p] : 0;
}

static int offset(const eq_result *r, int p)
{
    int off = 0;
    for (int q = 0; q < p; q++)
        off += r->nact[q];
    return off;
}

const double *eq_result_strategy(const eq_result *r, int k, int p)
{
    if (r == NULL || k < 0 || k >= r->count || p < 0 || p >= r->n)
        return NULL;
    return r->prob + (size_t)k * (size_t)r->tot + offset(r, p);
}

double eq_result_payoff(const eq_result *r, int k, int p)
{
    if (r == NULL || k < 0 || k >= r->count || p < 0 || p >= r->n)
        return 0.0;
    return r->pay[(size_t)k * (size_t)r->n + (size_t)p];
}

double eq_result_regret(const eq_result *r, int k)
{
    if (r == NULL || k < 0 || k >= r->count)
        return -1.0;
    return r->regret[k];
}

const char *eq_result_strategy_exact(const eq_result *r, int k, int p, int a)
{
    if (r == NULL || !r->exact || k < 0 || k >= r->count || p < 0 ||
        p >= r->n || a < 0 || a >= r->nact[p])
        return NULL;
    return r->prob_x[(size_t)k * (size_t)r->tot + (size_t)(offset(r, p) + a)];
}

const char *eq_result_payoff_exact(const eq_result *r, int k, int p)
{
    if (r == NULL || !r->exact || k < 0 || k >= r->count || p < 0 || p >= r->n)
        return NULL;
    return r->pay_x[(size_t)k * (size_t)r->n + (size_t)p];
}

const char *eq_result_regret_exact(const eq_result *r, int k)
{
    if (r == NULL || !r->exact || k < 0 || k >= r->count)
        return NULL;
    return r->regret_x[k];
}

int eqi_result_set_distribution(eq_result *r, int k, const double *dist)
{
    if (k < 0 || k >= r->count || r->nprof == 0)
        return -1;
    if (k >= r->ndist) {
        /* Room for every equilibrium so far; unset ones stay zero. */
        size_t need;
        if (!eqi_mul_size((size_t)r->count, r->nprof, &need) ||
            eqi_resize(&r->dist, need, sizeof *r->dist) != 0)
            return -1;
        memset(r->dist + (size_t)r->ndist * r->nprof, 0,
               (size_t)(r->count - r->ndist) * r->nprof * sizeof *r->dist);
        r->ndist = r->count;
    }
    memcpy(r->dist + (size_t)k * r->nprof, dist, r->nprof * sizeof *dist);
    return 0;
}

const double *eq_result_distribution(const eq_result *r, int k)
{
    if (r == NULL || r->dist == NULL || k < 0 || k >= r->ndist)
        return NULL;
    return r->dist + (size_t)k * r->nprof;
}

int eq_result_unique(const eq_result *r) { return r ? r->unique : -1; }

int eqi_result_add_lprow(eq_result *r, const char *name, double dual)
{
    if ((size_t)r->nlprow == r->caplprow) {   /* names and duals in step */
        size_t cap = eqi_grow_cap(r->caplprow, r->caplprow + 1);
        if (cap == 0 || eqi_resize(&r->lprow_name, cap, sizeof *r->lprow_name) ||
            eqi_resize(&r->lprow_dual, cap, sizeof *r->lprow_dual))
            return -1;
        r->caplprow = cap;
    }
    if ((r->lprow_name[r->nlprow] = eqi_strdup(name)) == NULL)
        return -1;
    r->lprow_dual[r->nlprow++] = dual;
    return 0;
}

int eqi_result_add_lprange(eq_result *r, const char *name, double value,
                           double lo, double hi)
{
    int k = r->nlprange;
    if ((size_t)k == r->caplprange) {
        size_t cap = eqi_grow_cap(r->caplprange, r->caplprange + 1);
        if (cap == 0 || eqi_resize(&r->lprange_name, cap, sizeof *r->lprange_name) ||
            eqi_resize(&r->lprange_val, cap, sizeof *r->lprange_val) ||
            eqi_resize(&r->lprange_lo, cap, sizeof *r->lprange_lo) ||
            eqi_resize(&r->lprange_hi, cap, sizeof *r->lprange_hi))
            return -1;
        r->caplprange = cap;
    }
    if ((r->lprange_name[k] = eqi_strdup(name)) == NULL)
        return -1;
    r->lprange_val[k] = value;
    r->lprange_lo[k] = lo;
    r->lprange_hi[k] = hi;
    r->nlprange++;
    return 0;
}

int eq_result_lp_rows(const eq_result *r) { return r ? r->nlprow : 0; }
int eq_result_lp_ranges(const eq_result *r) { return r ? r->nlprange : 0; }

const char *eq_result_lp_row_name(const eq_result *r, int i)
{
    return (r && i >= 0 && i < r->nlprow) ? r->lprow_name[i] : NULL;
}

double eq_result_lp_dual(const eq_result *r, int i)
{
    return (r && i >= 0 && i < r->nlprow) ? r->lprow_dual[i] : 0.0;
}

const char *eq_result_lp_range_name(const eq_result *r, int i)
{
    return (r && i >= 0 && i < r->nlprange) ? r->lprange_name[i] : NULL;
}

double eq_result_lp_range_value(const eq_result *r, int i)
{
    return (r && i >= 0 && i < r->nlprange) ? r->lprange_val[i] : 0.0;
}

double eq_result_lp_range_lo(const eq_result *r, int i)
{
    return (r && i >= 0 && i < r->nlprange) ? r->lprange_lo[i] : 0.0;
}

double eq_result_lp_range_hi(const eq_result *r, int i)
{
    return (r && i >= 0 && i < r->nlprange) ? r->lprange_hi[i] : 0.0;
}
