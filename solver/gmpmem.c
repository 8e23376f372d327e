/*
** gmpmem.c -- GMP's allocation failures contained (issue 14), on the
** host's request only (eq_gmp_contain, equilib.h).
**
** GMP's allocation functions must never fail: GMP has no way back from a
** NULL, and its manual says a longjmp out of them leaves undefined results.
** So the functions installed here never fail either: they allocate through
** the library's allocator (eq_set_allocator's function), and when that
** returns NULL they serve the block from an emergency reserve mapped when
** containment is turned on, and count the failure.  GMP always gets valid
** memory (defined behaviour); the computation runs on to a check -- a guard
** poll in the long loops of the methods (guard.c), or the end of the public
** call (eq_solve, eq_tree_solve, the readers, the model calls) -- which
** sees the count move since the call began and returns EQ_ERR_NOMEM
** ("out of memory") after freeing what it made.
**
** The count is process-wide (an atomic): a failure in a worker thread of a
** parallel enumeration or sweep reaches the call that started it.  The
** price: a call running in another thread at the time of a failure also
** returns EQ_ERR_NOMEM, which under real memory pressure is what it would
** likely meet anyway.
**
** The reserve is shared by the threads under a mutex; a first-fit list of
** blocks, each with a 16-byte header, adjacent free blocks merged.  Blocks
** are recognised by address on free and realloc and go back to it.  When
** the reserve itself is exhausted there is nothing to do but what GMP does:
** abort.  So one GMP operation's memory after the failure, up to the next
** check, must fit in the reserve.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _DEFAULT_SOURCE   /* MAP_ANONYMOUS */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <gmp.h>

#include "internal.h"

#define HDR 16u             /* block header, keeps GMP's limbs aligned */
#define MIN_RESERVE (64u * 1024u)

typedef struct blk {
    size_t size;            /* bytes of the block, header included */
    size_t used;            /* 1: handed to GMP */
} blk;

static atomic_ulong failures;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char *res;  /* the reserve, NULL: containment off */
static size_t res_cap;
static void *(*prev_alloc)(size_t);
static void *(*prev_realloc)(void *, size_t, size_t);
static void (*prev_free)(void *, size_t);

static int in_reserve(const void *p)
{
    const unsigned char *c = p;
    return res != NULL && c >= res && c < res + res_cap;
}

static blk *next_of(blk *b)
{
    unsigned char *n = (unsigned char *)b + b->size;
    return n < res + res_cap ? (blk *)n : NULL;
}

/* A block of the reserve, or abort: GMP cannot take a NULL. */
static void *reserve_alloc(size_t n)
{
    size_t need;
    blk *b;
    if (n > res_cap)
        abort();
    need = HDR + ((n + HDR - 1) / HDR) * HDR;
    pthread_mutex_lock(&lock);
    for (b = (blk *)res; b != NULL; b = next_of(b)) {
        blk *n2;
        if (b->used)
            continue;
        while ((n2 = next_of(b)) != NULL && !n2->used)
            b->size += n2->size;            /* merge the free run */
        if (b->size < need)
            continue;
        if (b->size - need >= 2 * HDR) {    /* split off the rest */
            blk *rest = (blk *)((unsigned char *)b + need);
            rest->size = b->size - need;
            rest->used = 0;
            b->size = need;
        }
        b->used = 1;
        pthread_mutex_unlock(&lock);
        return (unsigned char *)b + HDR;
    }
    pthread_mutex_unlock(&lock);
    abort();    /* the reserve is exhausted: what GMP itself would do */
}

static void reserve_free(void *p)
{
    blk *b = (blk *)((unsigned char *)p - HDR);
    pthread_mutex_lock(&lock);
    b->used = 0;
    pthread_mutex_unlock(&lock);
}

static size_t reserve_size(const void *p)
{
    const blk *b = (const blk *)((const unsigned char *)p - HDR);
    return b->size - HDR;
}

static void *gmp_alloc(size_t n)
{
    void *p = malloc(n);
    if (p != NULL)
        return p;
    atomic_fetch_add(&failures, 1);
    return reserve_alloc(n);
}

static void *gmp_realloc(void *p, size_t old, size_t n)
{
    void *q;
    size_t keep;
    if (p == NULL)
        return gmp_alloc(n);
    if (!in_reserve(p)) {
        if ((q = realloc(p, n)) != NULL)
            return q;
        atomic_fetch_add(&failures, 1);
        q = reserve_alloc(n);
        memcpy(q, p, old < n ? old : n);
        free(p);
        return q;
    }
    /* A reserve block: out of the reserve if the allocator allows. */
    q = gmp_alloc(n);
    keep = reserve_size(p);
    keep = old < keep ? old : keep;
    memcpy(q, p, keep < n ? keep : n);
    reserve_free(p);
    return q;
}

static void gmp_free(void *p, size_t n)
{
    (void)n;
    if (p == NULL)
        return;
    if (in_reserve(p))
        reserve_free(p);
    else
        free(p);
}

eq_status eq_gmp_contain(size_t reserve)
{
    if (reserve == 0) {
        if (res == NULL)
            return EQ_OK;
        mp_set_memory_functions(prev_alloc, prev_realloc, prev_free);
        munmap(res, res_cap);
        res = NULL;
        res_cap = 0;
        return EQ_OK;
    }
    if (reserve < MIN_RESERVE)
        return EQ_ERR_ARG;
    if (res != NULL)
        return EQ_ERR_ARG;      /* already on: turn it off first */
    reserve = (reserve + 4095) & ~(size_t)4095;
    /* Mapped, not touched (MAP_POPULATE cost the command line about 1 ms
    ** at each start, 7 ms cold): the address space is what ulimit -v
    ** counts.  On a system that overcommits, touching the reserve's pages
    ** later may meet the kernel's OOM killer, as any memory may there. */
    res = mmap(NULL, reserve, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (res == MAP_FAILED) {
        res = NULL;
        return EQ_ERR_NOMEM;
    }
    res_cap = reserve;
    ((blk *)res)->size = reserve;
    ((blk *)res)->used = 0;
    mp_get_memory_functions(&prev_alloc, &prev_realloc, &prev_free);
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
    return EQ_OK;
}

int eq_gmp_contained(void)
{
    return res != NULL;
}

unsigned long eqi_gmp_mark(void)
{
    return atomic_load(&failures);
}

int eqi_gmp_failed(unsigned long mark)
{
    return atomic_load(&failures) != mark;
}
