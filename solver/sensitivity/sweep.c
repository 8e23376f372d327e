/*
** sweep.c -- eq_model_sweep: a model solved over a grid on N threads, rows
** passed to a callback in grid order whatever N (ordered.c).
**
** Each thread solves into a point of its own (its trees updated in place,
** its scratch reused) and copies the measures into the row's slot; the
** rows are copies made the same way whatever the number of threads, so
** the callback sees the same bytes for -j 1 and -j N.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdlib.h>

#include "sens.h"

typedef struct sweep {
    eq_analysis *a;
    eq_point_fn fn;
    void *ud;
    eqi_guard *G;       /* a->limits, polled before each row is passed on */
    long long rows;     /* rows passed on */
} sweep;

/* What one thread solves with: a point and a value array. */
typedef struct solver {
    eq_point *pt;
    double *vals;
} solver;

static void *solver_new(void *ctx)
{
    const eq_analysis *a = ((sweep *)ctx)->a;
    solver *w = calloc(1, sizeof *w);
    if (w == NULL)
        return NULL;
    w->vals = malloc(((size_t)a->np + 1) * sizeof *w->vals);
    if (w->vals == NULL || eq_point_new(&w->pt, a->m) != EQ_OK) {
        free(w->vals);
        free(w);
        return NULL;
    }
    return w;
}

static void solver_free(void *ctx, void *w_)
{
    solver *w = w_;
    (void)ctx;
    if (w == NULL)
        return;
    eq_point_free(w->pt);
    free(w->vals);
    free(w);
}

static void *row_new(void *ctx)
{
    eq_point *pt = NULL;
    return eq_point_new(&pt, ((sweep *)ctx)->a->m) == EQ_OK ? pt : NULL;
}

static void row_free(void *ctx, void *row)
{
    (void)ctx;
    eq_point_free(row);
}

static void solve_row(void *ctx, void *w_, void *row, long long idx)
{
    sweep *S = ctx;
    solver *w = w_;
    eq_point *pt = row;
    if (w == NULL) {
        eqi_point_fail(pt, EQ_ERR_NOMEM, "out of memory");
    } else {
        eqi_analysis_point(S->a, idx, w->vals);
        eq_point_solve(w->pt, S->a, w->vals);
        if (eqi_point_copy(pt, w->pt) != 0)
            eqi_point_fail(pt, EQ_ERR_NOMEM, "out of memory");
    }
    pt->index = idx;
}

static int emit_row(void *ctx, void *row, long long idx)
{
    sweep *S = ctx;
    (void)idx;
    if (eqi_guard_poll(S->G))
        return 1;
    S->rows++;
    return S->fn(S->ud, row);
}

eq_status eq_analysis_set_limits(eq_analysis *a, const eq_limits *l)
{
    if (a == NULL)
        return EQ_ERR_ARG;
    if (eqi_limits_check(l, a->errmsg) != EQ_OK)
        return EQ_ERR_ARG;
    if (l != NULL)
        a->limits = *l;
    else
        eq_limits_init(&a->limits);
    a->limits.internal = NULL;
    return EQ_OK;
}

eq_status eq_model_sweep(eq_analysis *a, eq_point_fn fn, void *ud)
{
    sweep S;
    eqi_ordered o;
    eqi_guard guard;
    eq_status s;
    if (a == NULL || fn == NULL)
        return a ? eqi_error(a->errmsg, EQ_ERR_ARG, "eq_model_sweep: no callback")
                 : EQ_ERR_ARG;
    S.a = a;
    S.fn = fn;
    S.ud = ud;
    S.G = eqi_guard_start(&guard, &a->limits);
    S.rows = 0;
    o.threads = eqi_analysis_threads(a);
    o.i0 = a->i0;
    o.i1 = a->i1 < 0 ? eq_analysis_points(a) : a->i1;
    o.ctx = &S;
    o.worker_new = solver_new;
    o.worker_free = solver_free;
    o.slot_new = row_new;
    o.slot_free = row_free;
    o.work = solve_row;
    o.emit = emit_row;
    a->errmsg[0] = '\0';
    s = eqi_ordered_run(&o, a->errmsg);
    if (s == EQ_ERR_STOPPED && S.G->stopped)
        eqi_error(a->errmsg, s, "sweep: %s after %lld rows", S.G->why, S.rows);
    return s;
}
