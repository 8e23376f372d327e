/*
** ordered.c -- a parallel map over an index range whose results reach the
** caller in index order, whatever the number of threads: the engine of
** sweeps (rows in grid order) and robustness runs (samples in index
** order).
**
** The calling thread and N - 1 workers take indices in increasing order
** from a shared counter, a chunk of consecutive ones at a time (so that
** the lock is taken once per chunk, not per index), each doing the work
** of its indices into slots of a ring, the slot of index i being
** ring[i % cap].  The calling thread
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

/* Chunks a thread may run ahead, and the largest chunk. */
#define AHEAD 4
#define CHUNK_MAX 32

typedef struct oslot {
    void *data;
    long long idx;
    int done;
} oslot;

typedef struct run {
    const eqi_ordered *o;
    long long next, emit, end;
    int cap, chunk, stop;
    oslot *ring;
    pthread_mutex_t mu;
    pthread_cond_t ready;   /* an index is done (the calling thread waits) */
    pthread_cond_t room;    /* a slot is free (workers wait) */
} run;

/* Whether a chunk may be taken now: the range has more, and the ring has
** room for a whole chunk. */
static int can_take(const run *R)
{
    return !R->stop && R->next < R->end && R->next + R->chunk <= R->emit + R->cap;
}

/* Take the next chunk: its first index and length (lock held). */
static long long take(run *R, int *len)
{
    long long i0 = R->next;
    *len = R->end - i0 < R->chunk ? (int)(R->end - i0) : R->chunk;
    R->next += *len;
    return i0;
}

/* Do the work of indices [i0, i0 + len) into their slots, which are the
** caller's until marked done; called without the lock, returns with it
** held. */
static void do_chunk(run *R, void *w, long long i0, int len)
{
    for (int k = 0; k < len; k++)
        R->o->work(R->o->ctx, w, R->ring[(i0 + k) % R->cap].data, i0 + k);
    pthread_mutex_lock(&R->mu);
    for (int k = 0; k < len; k++) {
        oslot *sl = &R->ring[(i0 + k) % R->cap];
        sl->idx = i0 + k;
        sl->done = 1;
    }
    if (i0 == R->emit)
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
            int len;
            long long i0 = take(R, &len);
            pthread_mutex_unlock(&R->mu);
            do_chunk(R, w, i0, len);
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
    /* Chunks small enough that every thread gets several. */
    R.chunk = (int)((R.end - R.next) / (4LL * nth));
    R.chunk = R.chunk < 1 ? 1 : R.chunk > CHUNK_MAX ? CHUNK_MAX : R.chunk;
    R.cap = AHEAD * nth * R.chunk;
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
        long long e = R.emit;
        /* The run of done slots from the next to emit: emitted as one
        ** batch, the lock taken once for it (not once per index, which on
        ** a loaded machine costs a context switch whenever the holder is
        ** preempted with the lock held). */
        while (e < R.end && e - R.emit < R.cap && R.ring[e % R.cap].done &&
               R.ring[e % R.cap].idx == e)
            e++;
        if (e > R.emit) {
            long long i = R.emit;
            int rc = 0;
            pthread_mutex_unlock(&R.mu);
            for (; i < e && rc == 0; i++)
                rc = o->emit(o->ctx, R.ring[i % R.cap].data, i);
            pthread_mutex_lock(&R.mu);
            for (long long j = R.emit; j < i; j++)
                R.ring[j % R.cap].done = 0;
            R.emit = i;
            pthread_cond_broadcast(&R.room);
            if (rc != 0) {
                s = eqi_error(err, EQ_ERR_STOPPED, "stopped at index %lld", R.emit - 1);
                break;
            }
        } else if (can_take(&R)) {
            int len;
            long long i0 = take(&R, &len);
            pthread_mutex_unlock(&R.mu);
            do_chunk(&R, me, i0, len);
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
