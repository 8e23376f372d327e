/*
** sweep.c -- eq_model_sweep: a model solved over a grid on N threads, rows
** passed to a callback in grid order whatever N.
**
** The calling thread and N - 1 workers take grid indices in increasing
** order from a shared counter, solve each point into a point of their own
** (its trees updated in place, its scratch reused), and copy the measures
** into a slot of a ring of rows, the slot of index i being ring[i % cap].
** The calling thread passes the slot of the next index in order to the
** callback as soon as it is done, and frees it; while it is not done, the
** calling thread solves a point itself, or waits.  No index may run more
** than cap ahead of the next row to pass (a reorder buffer with
** back-pressure), so memory stays bounded and rows stream.  The rows are copies made the same way whatever the number
** of threads, so the callback sees the same bytes for -j 1 and -j N.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sens.h"

/* Rows a worker may run ahead, per thread. */
#define AHEAD 8

typedef struct slot {
    eq_point *row;
    long long idx;
    int done;
} slot;

typedef struct sweep {
    eq_analysis *a;
    long long next, emit, end;
    int cap;
    slot *ring;
    int stop;
    pthread_mutex_t mu;
    pthread_cond_t ready;   /* a row is done (the calling thread waits) */
    pthread_cond_t room;    /* a slot is free (workers wait) */
} sweep;

/* What one thread solves with: a point and a value array. */
typedef struct solver {
    eq_point *pt;
    double *vals;
    int ok;
} solver;

static void solver_init(solver *w, const eq_analysis *a)
{
    w->pt = NULL;
    w->vals = malloc(((size_t)a->np + 1) * sizeof *w->vals);
    w->ok = w->vals != NULL && eq_point_new(&w->pt, a->m) == EQ_OK;
}

static void solver_free(solver *w)
{
    eq_point_free(w->pt);
    free(w->vals);
}

/* Solve grid point idx into its slot, which is the caller's until it is
** marked done; called without the lock, which it takes to mark it. */
static void solve_one(sweep *S, solver *w, long long idx)
{
    slot *sl = &S->ring[idx % S->cap];
    if (!w->ok) {
        eqi_point_fail(sl->row, EQ_ERR_NOMEM, "out of memory");
    } else {
        eqi_analysis_point(S->a, idx, w->vals);
        eq_point_solve(w->pt, S->a, w->vals);
        if (eqi_point_copy(sl->row, w->pt) != 0)
            eqi_point_fail(sl->row, EQ_ERR_NOMEM, "out of memory");
    }
    sl->row->index = idx;
    pthread_mutex_lock(&S->mu);
    sl->idx = idx;
    sl->done = 1;
    if (idx == S->emit)
        pthread_cond_signal(&S->ready);
}

/* Whether an index may be taken now: the grid has more, and the ring has
** room for it. */
static int can_take(const sweep *S)
{
    return !S->stop && S->next < S->end && S->next < S->emit + S->cap;
}

/* One worker: solve points until the grid or the run ends. */
static void *worker(void *arg)
{
    sweep *S = arg;
    solver w;
    solver_init(&w, S->a);
    pthread_mutex_lock(&S->mu);
    for (;;) {
        while (!S->stop && S->next < S->end && !can_take(S))
            pthread_cond_wait(&S->room, &S->mu);
        if (!can_take(S))
            break;
        {
            long long idx = S->next++;
            pthread_mutex_unlock(&S->mu);
            solve_one(S, &w, idx);      /* returns with the lock held */
        }
    }
    pthread_mutex_unlock(&S->mu);
    solver_free(&w);
    return NULL;
}

eq_status eq_model_sweep(eq_analysis *a, eq_point_fn fn, void *ud)
{
    sweep S;
    pthread_t *th = NULL;
    int nth, started = 0;
    solver me;
    eq_status s = EQ_OK;

    if (a == NULL || fn == NULL)
        return a ? eqi_error(a->errmsg, EQ_ERR_ARG, "eq_model_sweep: no callback")
                 : EQ_ERR_ARG;
    memset(&S, 0, sizeof S);
    S.a = a;
    S.next = S.emit = a->i0;
    S.end = a->i1 < 0 ? eq_analysis_points(a) : a->i1;
    if (S.end <= S.next)
        return EQ_OK;
    memset(&me, 0, sizeof me);
    nth = eqi_analysis_threads(a);
    if ((long long)nth > S.end - S.next)
        nth = (int)(S.end - S.next);
    S.cap = AHEAD * nth;
    S.ring = calloc((size_t)S.cap, sizeof *S.ring);
    th = calloc((size_t)nth, sizeof *th);
    solver_init(&me, a);
    if (S.ring == NULL || th == NULL || !me.ok) {
        s = eqi_error(a->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int i = 0; i < S.cap; i++)
        if (eq_point_new(&S.ring[i].row, a->m) != EQ_OK) {
            s = eqi_error(a->errmsg, EQ_ERR_NOMEM, "out of memory");
            goto done;
        }
    pthread_mutex_init(&S.mu, NULL);
    pthread_cond_init(&S.ready, NULL);
    pthread_cond_init(&S.room, NULL);
    /* The calling thread is one of the nth. */
    for (int i = 0; i + 1 < nth; i++) {
        if (pthread_create(&th[i], NULL, worker, &S) != 0)
            break;
        started++;
    }
    pthread_mutex_lock(&S.mu);
    while (S.emit < S.end) {
        slot *sl = &S.ring[S.emit % S.cap];
        int rc;
        if (sl->done && sl->idx == S.emit) {
            pthread_mutex_unlock(&S.mu);
            rc = fn(ud, sl->row);
            pthread_mutex_lock(&S.mu);
            sl->done = 0;
            S.emit++;
            pthread_cond_broadcast(&S.room);
            if (rc != 0) {
                s = eqi_error(a->errmsg, EQ_ERR_STOPPED, "the callback stopped the sweep "
                              "at row %lld", S.emit - 1);
                break;
            }
        } else if (can_take(&S)) {
            long long idx = S.next++;
            pthread_mutex_unlock(&S.mu);
            solve_one(&S, &me, idx);    /* returns with the lock held */
        } else {
            pthread_cond_wait(&S.ready, &S.mu);
        }
    }
    S.stop = 1;
    pthread_cond_broadcast(&S.room);
    pthread_mutex_unlock(&S.mu);

    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    pthread_mutex_destroy(&S.mu);
    pthread_cond_destroy(&S.ready);
    pthread_cond_destroy(&S.room);
done:
    if (S.ring != NULL)
        for (int i = 0; i < S.cap; i++)
            eq_point_free(S.ring[i].row);
    free(S.ring);
    free(th);
    solver_free(&me);
    return s;
}
