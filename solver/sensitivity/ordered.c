/*
** ordered.c -- a parallel map over an index range whose results reach the
** caller in index order, whatever the number of threads: the engine of
** sweeps (rows in grid order) and robustness runs (samples in index
** order).
**
** The calling thread and N - 1 workers take indices in increasing order
** from a shared counter, each doing the work of its index into a slot of
** a ring, the slot of index i being ring[i % cap].  The calling thread
** passes the slot of the next index in order to emit as soon as it is
** done, and frees it; while it is not done, the calling thread does the
** work of a new index itself, or waits.  No index may run more than cap
** ahead of the next one to emit (a reorder buffer with back-pressure), so
** memory stays bounded and results stream.  emit always runs on the
** calling thread.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "sens.h"

/* Indices a thread may run ahead. */
#define AHEAD 8

typedef struct oslot {
    void *data;
    long long idx;
    int done;
} oslot;

typedef struct run {
    const eqi_ordered *o;
    long long next, emit, end;
    int cap, stop;
    oslot *ring;
    pthread_mutex_t mu;
    pthread_cond_t ready;   /* an index is done (the calling thread waits) */
    pthread_cond_t room;    /* a slot is free (workers wait) */
} run;

/* Whether an index may be taken now. */
static int can_take(const run *R)
{
    return !R->stop && R->next < R->end && R->next < R->emit + R->cap;
}

/* Do index idx's work into its slot, which is the caller's until marked
** done; called without the lock, returns with it held. */
static void do_one(run *R, void *w, long long idx)
{
    oslot *sl = &R->ring[idx % R->cap];
    R->o->work(R->o->ctx, w, sl->data, idx);
    pthread_mutex_lock(&R->mu);
    sl->idx = idx;
    sl->done = 1;
    if (idx == R->emit)
        pthread_cond_signal(&R->ready);
}

static void *worker(void *arg)
{
    run *R = arg;
    void *w = R->o->worker_new(R->o->ctx);
    pthread_mutex_lock(&R->mu);
    for (;;) {
        while (!R->stop && R->next < R->end && !can_take(R))
            pthread_cond_wait(&R->room, &R->mu);
        if (!can_take(R))
            break;
        {
            long long idx = R->next++;
            pthread_mutex_unlock(&R->mu);
            do_one(R, w, idx);
        }
    }
    pthread_mutex_unlock(&R->mu);
    R->o->worker_free(R->o->ctx, w);
    return NULL;
}

eq_status eqi_ordered_run(const eqi_ordered *o, char *err)
{
    run R;
    pthread_t *th = NULL;
    void *me = NULL;
    int nth = o->threads < 1 ? 1 : o->threads, started = 0;
    eq_status s = EQ_OK;

    memset(&R, 0, sizeof R);
    R.o = o;
    R.next = R.emit = o->i0;
    R.end = o->i1;
    if (R.end <= R.next)
        return EQ_OK;
    if ((long long)nth > R.end - R.next)
        nth = (int)(R.end - R.next);
    R.cap = AHEAD * nth;
    R.ring = calloc((size_t)R.cap, sizeof *R.ring);
    th = calloc((size_t)nth, sizeof *th);
    if (R.ring == NULL || th == NULL) {
        s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int i = 0; i < R.cap; i++)
        if ((R.ring[i].data = o->slot_new(o->ctx)) == NULL) {
            s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
            goto done;
        }
    me = o->worker_new(o->ctx);
    pthread_mutex_init(&R.mu, NULL);
    pthread_cond_init(&R.ready, NULL);
    pthread_cond_init(&R.room, NULL);
    /* The calling thread is one of the nth. */
    for (int i = 0; i + 1 < nth; i++) {
        if (pthread_create(&th[i], NULL, worker, &R) != 0)
            break;
        started++;
    }
    pthread_mutex_lock(&R.mu);
    while (R.emit < R.end) {
        oslot *sl = &R.ring[R.emit % R.cap];
        if (sl->done && sl->idx == R.emit) {
            int rc;
            pthread_mutex_unlock(&R.mu);
            rc = o->emit(o->ctx, sl->data, R.emit);
            pthread_mutex_lock(&R.mu);
            sl->done = 0;
            R.emit++;
            pthread_cond_broadcast(&R.room);
            if (rc != 0) {
                s = eqi_error(err, EQ_ERR_STOPPED, "stopped at index %lld", R.emit - 1);
                break;
            }
        } else if (can_take(&R)) {
            long long idx = R.next++;
            pthread_mutex_unlock(&R.mu);
            do_one(&R, me, idx);
        } else {
            pthread_cond_wait(&R.ready, &R.mu);
        }
    }
    R.stop = 1;
    pthread_cond_broadcast(&R.room);
    pthread_mutex_unlock(&R.mu);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    pthread_mutex_destroy(&R.mu);
    pthread_cond_destroy(&R.ready);
    pthread_cond_destroy(&R.room);
    o->worker_free(o->ctx, me);
done:
    if (R.ring != NULL)
        for (int i = 0; i < R.cap; i++)
            if (R.ring[i].data != NULL)
                o->slot_free(o->ctx, R.ring[i].data);
    free(R.ring);
    free(th);
    return s;
}
