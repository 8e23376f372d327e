/*
** enumerate.c -- every extreme Nash equilibrium of a bimatrix game, by
** vertex enumeration of the two best-response polytopes.
**
** After a positive affine change of each player's payoffs (which changes
** no equilibrium) every payoff lies in [1, 2].  Player 1's best-response
** polytope is P = { x in R^m : x >= 0, B^T x <= 1 } and player 2's is
** Q = { y in R^n : A y <= 1, y >= 0 }.  Label i (0 <= i < m) marks x_i = 0
** in P and (A y)_i = 1 in Q; label m + j marks (B^T x)_j = 1 in P and
** y_j = 0 in Q.  A pair of vertices (x, y) other than (0, 0) whose labels
** together cover all m + n labels is, once normalised, an extreme Nash
** equilibrium, and every extreme equilibrium arises so (von Stengel,
** "Computing equilibria for two-person games", Handbook of Game Theory 3,
** 2002, Thm 2.14; Avis, Rosenberg, Savani and von Stengel, Economic Theory
** 42, 2010).  This is the set that lrsnash prints.
**
** Each polytope { z >= 0, M z <= 1 } is explored by a breadth-first search
** over its feasible bases, which form a connected graph even when the
** polytope is degenerate.  A basis is evaluated afresh from the small
** system of its tight rows, so no rounding accumulates along the search.
** Ties in the ratio test (degeneracy) are followed to every leaving row,
** and vertices are told apart by their label sets.  The search runs in
** double precision; every equilibrium it finds is then recomputed from
** its basis and checked in exact rational arithmetic (GMP): coordinates,
** feasibility, complementarity and a zero exact regret.
**
** Threads.  The search goes level by level.  In a level the threads share
** out the bases of the frontier and evaluate them (the costly part), each
** into buffers of its own, one per thread that will file them; then each
** thread files the neighbours and vertices that fall in its shards of the
** hash tables, and keeps the bases new to them as its part of the next
** frontier, which the next level reads where it lies.  Nothing is locked
** but the barriers between the two halves.  At the end each thread sorts
** its shards' vertices and the sorted runs are merged; the pairs are found
** and verified on the threads too, in chunks of P's vertices added in
** chunk order.  The bases visited are those reachable from the origin,
** whatever the order of the search, so the vertex set does not depend on
** the thread count; each vertex keeps its least basis (the one the exact
** check starts from) and the vertices are sorted by label set.  The
** equilibria therefore come out the same, in the same order, on any
** number of threads.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _GNU_SOURCE             /* sched_getaffinity, CPU_COUNT */
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exact.h"

/* Feasible bases met in one polytope's search: beyond this the search's
** tables would take gigabytes, so it gives up with EQ_ERR_LIMIT, naming
** the bound (eq_limits.max_vertices or time_limit stop sooner, keeping
** what was found). */
#define EQ_ENUM_MAX_BASES 20000000u
#define MAX_THREADS 64
/* A level with fewer bases than this is searched by one thread: waking
** the others would cost more than it saves. */
#define PAR_MIN_LEVEL 256
#define CHUNK 8                  /* bases a thread takes at a time */

typedef uint64_t word;

#define BIT_SET(k, i) ((k)[(i) >> 6] |= (word)1 << ((i) & 63))
#define BIT_CLR(k, i) ((k)[(i) >> 6] &= ~((word)1 << ((i) & 63)))
#define BIT_GET(k, i) (((k)[(i) >> 6] >> ((i) & 63)) & 1u)

static uint64_t hash_key(const word *k, int nw)
{
    uint64_t h = 0x9e3779b97f4a7c15u;
    for (int i = 0; i < nw; i++) {
        h ^= k[i] + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
        h *= 0xbf58476d1ce4e5b9u;
        h ^= h >> 31;
    }
    return h;
}

/* The shard of the tables that a key of hash h falls in. */
static int shard_of(uint64_t h, int nshard)
{
    return (int)((h >> 40) % (uint64_t)nshard);
}

/* Keys compare as big unsigned integers, the last word most significant. */
static int key_cmp(const word *a, const word *b, int nw)
{
    for (int i = nw - 1; i >= 0; i--)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

static int key_zero(const word *a, int nw)
{
    for (int i = 0; i < nw; i++)
        if (a[i] != 0)
            return 0;
    return 1;
}

/* ---- growable buffers of words, and a hash table of keys ------------ */

typedef struct buf {
    word *w;
    size_t n, cap;      /* words used, words allocated */
} buf;

/* Room for k more words at the end of b (counted as used); NULL for lack
** of memory. */
static word *buf_push(buf *b, size_t k)
{
    if (b->n + k > b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 1024;
        word *w;
        while (cap < b->n + k)
            cap *= 2;
        if ((w = realloc(b->w, cap * sizeof *w)) == NULL)
            return NULL;
        b->w = w;
        b->cap = cap;
    }
    b->n += k;
    return b->w + b->n - k;
}

/*
** An open-addressing hash table whose entries live inline: nw words of
** key, then pay words of payload.  An all-zero key marks an empty slot (no
** basis and no label set is empty).  A lookup touches one cache line in
** the usual case, which is what the search spends its memory traffic on.
*/
typedef struct table {
    int nw, width;      /* key words; words per entry */
    size_t count, nslot; /* entries; slots, a power of two */
    word *slot;
    char pad[64];       /* shards side by side: no cache line shared */
} table;

static int table_init(table *t, int nw, int pay)
{
    t->nw = nw;
    t->width = nw + pay;
    t->count = 0;
    t->nslot = 64;
    t->slot = calloc(t->nslot * (size_t)t->width, sizeof *t->slot);
    return t->slot ? 0 : -1;
}

static void table_free(table *t)
{
    free(t->slot);
}

/* The entry with key k (hash h), or NULL with *empty at the free slot
** where it belongs. */
static word *table_find(const table *t, const word *k, uint64_t h, word **empty)
{
    size_t mask = t->nslot - 1, i = (size_t)h & mask, wd = (size_t)t->width;
    for (;;) {
        word *e = t->slot + i * wd;
        if (key_zero(e, t->nw)) {
            *empty = e;
            return NULL;
        }
        if (key_cmp(e, k, t->nw) == 0)
            return e;
        i = (i + 1) & mask;
    }
}

static int table_grow(table *t)
{
    size_t wd = (size_t)t->width, n = 2 * t->nslot;
    word *old = t->slot, *e = NULL;
    if ((t->slot = calloc(n * wd, sizeof *t->slot)) == NULL) {
        t->slot = old;
        return -1;
    }
    t->nslot = n;
    for (size_t i = 0; i < n / 2; i++)
        if (!key_zero(old + i * wd, t->nw)) {
            table_find(t, old + i * wd, hash_key(old + i * wd, t->nw), &e);
            memcpy(e, old + i * wd, wd * sizeof *e);
        }
    free(old);
    return 0;
}

/* The entry for key k (hash h), added with a zero payload when absent
** (*isnew then 1).  NULL for lack of memory. */
static word *table_add(table *t, const word *k, uint64_t h, int *isnew)
{
    word *e, *empty = NULL;
    *isnew = 0;
    if ((e = table_find(t, k, h, &empty)) != NULL)
        return e;
    if (2 * (t->count + 1) > t->nslot) {
        if (table_grow(t) != 0)
            return NULL;
        table_find(t, k, h, &empty);
    }
    memcpy(empty, k, (size_t)t->nw * sizeof *k);
    t->count++;
    *isnew = 1;
    return empty;
}

/* ---- a small pool of threads, run level by level --------------------- */

/* A reusable barrier for n threads (n may be lowered before anyone
** waits, when fewer threads could be started).  A thread that arrives
** early spins a little (a level's stragglers finish within microseconds,
** far sooner than a sleeping thread is woken), then sleeps. */
typedef struct gate {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    atomic_int n, waiting;
    atomic_uint gen;
} gate;

#define GATE_SPIN 4096  /* polls before sleeping: 10-200 us, by the pause */

static void gate_wait(gate *g)
{
    unsigned gen = atomic_load(&g->gen);   /* before arriving: see above */
    if (atomic_fetch_add(&g->waiting, 1) + 1 >= atomic_load(&g->n)) {
        atomic_store(&g->waiting, 0);
        pthread_mutex_lock(&g->mu);
        atomic_fetch_add(&g->gen, 1);
        pthread_cond_broadcast(&g->cv);
        pthread_mutex_unlock(&g->mu);
        return;
    }
    for (int i = 0; i < GATE_SPIN; i++) {
        if (atomic_load_explicit(&g->gen, memory_order_acquire) != gen)
            return;
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }
    pthread_mutex_lock(&g->mu);
    while (atomic_load(&g->gen) == gen)
        pthread_cond_wait(&g->cv, &g->mu);
    pthread_mutex_unlock(&g->mu);
}

typedef struct pool pool;
typedef struct member { pool *pl; int id; } member;

/* The caller is thread 0; threads 1..n-1 wait at `start` for a job, run
** it, and meet at `done`.  The job may use `mid` to split itself. */
struct pool {
    int n;
    pthread_t th[MAX_THREADS];
    member mb[MAX_THREADS];
    gate start, mid, done;
    void (*job)(void *arg, int id, int n);
    void *arg;
    int quit;
};

static void *pool_main(void *p)
{
    member *mb = p;
    pool *pl = mb->pl;
    for (;;) {
        gate_wait(&pl->start);
        if (pl->quit)
            return NULL;
        pl->job(pl->arg, mb->id, pl->n);
        gate_wait(&pl->done);
    }
}

static int gate_init(gate *g, int n)
{
    memset(g, 0, sizeof *g);   /* waiting and gen 0 */
    atomic_init(&g->n, n);
    if (pthread_mutex_init(&g->mu, NULL) != 0)
        return -1;
    if (pthread_cond_init(&g->cv, NULL) != 0) {
        pthread_mutex_destroy(&g->mu);
        return -1;
    }
    return 0;
}

static void gate_destroy(gate *g)
{
    pthread_cond_destroy(&g->cv);
    pthread_mutex_destroy(&g->mu);
}

/* Start up to want - 1 threads.  Returns the pool (n >= 2), or NULL when
** not even one thread could be started: the caller then works alone. */
static pool *pool_new(int want)
{
    pool *pl = calloc(1, sizeof *pl);
    int made = 0, gates = 0;
    if (pl == NULL)
        return NULL;
    if (gate_init(&pl->start, want) == 0 && ++gates &&
        gate_init(&pl->mid, want) == 0 && ++gates &&
        gate_init(&pl->done, want) == 0)
        ++gates;
    if (gates < 3) {
        if (gates > 0)
            gate_destroy(&pl->start);
        if (gates > 1)
            gate_destroy(&pl->mid);
        free(pl);
        return NULL;
    }
    for (int i = 1; i < want; i++) {
        pl->mb[i].pl = pl;
        pl->mb[i].id = i;
        if (pthread_create(&pl->th[i], NULL, pool_main, &pl->mb[i]) != 0)
            break;
        made++;
    }
    /* Nobody has reached a gate while n is lowered: the threads started
    ** wait at `start`, which counts them but cannot open before us. */
    pl->n = made + 1;
    atomic_store(&pl->start.n, pl->n);
    atomic_store(&pl->mid.n, pl->n);
    atomic_store(&pl->done.n, pl->n);
    if (made == 0) {
        gate_destroy(&pl->start);
        gate_destroy(&pl->mid);
        gate_destroy(&pl->done);
        free(pl);
        return NULL;
    }
    return pl;
}

/* Out of line: a profile (callgrind --separate-threads=yes) then tells
** the caller's parallel work, under pool_run, from its serial rest. */
__attribute__((noinline))
static void pool_run(pool *pl, void (*job)(void *, int, int), void *arg)
{
    pl->job = job;
    pl->arg = arg;
    gate_wait(&pl->start);
    job(arg, 0, pl->n);
    gate_wait(&pl->done);
}

static void pool_free(pool *pl)
{
    if (pl == NULL)
        return;
    pl->quit = 1;
    gate_wait(&pl->start);
    for (int i = 1; i < pl->n; i++)
        pthread_join(pl->th[i], NULL);
    gate_destroy(&pl->start);
    gate_destroy(&pl->mid);
    gate_destroy(&pl->done);
    free(pl);
}

/* ---- one polytope { z >= 0, M z <= 1 } ------------------------------ */

/* Variables are numbered 0..d-1 for z and d..d+k-1 for the slacks s of
** M z + s = 1.  Variable v carries game label lab[v].  A basis is the set
** of its basic variables, nw words of bits. */
typedef struct poly {
    int d, k, nw;
    const double *M;    /* k x d, row-major, entries in [1, 2] */
    int *lab;           /* d + k labels */
    double tol;
    /* The vertices found, sorted by label set: nverts label sets and the
    ** least basis of each (nw words apiece); and the search's nshard hash
    ** tables, label set -> least basis, kept for lookups by label set. */
    size_t nverts;
    word *vkey, *vbasis;
    table *verts;
    int nshard;
    int degenerate;     /* some vertex has more labels than d */
} poly;

/* A thread's working memory, and what it found in the current level. */
typedef struct worker {
    int *bz, *nz, *bs, *ns;     /* see evaluate() */
    double *lu, *H, *C, *val, *tab, *theta;
    word *lab;
    /* What a level found, by the thread (of nown) whose shards it falls in:
    ** neighbours (nw words of basis, then its hash) and vertices (nw of
    ** label set, nw of basis, hash). */
    buf nb[MAX_THREADS], vx[MAX_THREADS];
    int nshard, nown;
    buf next;           /* bases new to this thread's shards: its part of
                        ** the next level's frontier, read there in place */
    int degenerate;
    int failed;         /* out of memory */
    char pad[64];       /* no cache line shared with the next worker's */
} worker;

/*
** Invert the t x t matrix a (row-major, destroyed) into inv by
** Gauss-Jordan elimination with partial pivoting.  Returns -1 when a pivot
** falls below 1e-13 (entries are in [1, 2]): numerically singular.
*/
static int invert(double *restrict a, double *restrict inv, int t)
{
    for (int r = 0; r < t; r++)
        for (int c = 0; c < t; c++)
            inv[r * t + c] = r == c;
    for (int c = 0; c < t; c++) {
        int p = c;
        double best = fabs(a[c * t + c]), f;
        for (int r = c + 1; r < t; r++)
            if (fabs(a[r * t + c]) > best) {
                best = fabs(a[r * t + c]);
                p = r;
            }
        if (best < 1e-13)
            return -1;
        if (p != c)
            for (int j = 0; j < t; j++) {
                double x = a[c * t + j], y = inv[c * t + j];
                a[c * t + j] = a[p * t + j];
                inv[c * t + j] = inv[p * t + j];
                a[p * t + j] = x;
                inv[p * t + j] = y;
            }
        f = 1.0 / a[c * t + c];
        for (int j = c; j < t; j++)     /* columns left of c are 0 in row c */
            a[c * t + j] *= f;
        for (int j = 0; j < t; j++)
            inv[c * t + j] *= f;
        for (int r = 0; r < t; r++) {
            double g = a[r * t + c];
            if (r == c || g == 0.0)
                continue;
            for (int j = c; j < t; j++)
                a[r * t + j] -= g * a[c * t + j];
            for (int j = 0; j < t; j++)
                inv[r * t + j] -= g * inv[c * t + j];
        }
    }
    return 0;
}

/*
** Evaluate basis b: its basic values and its tableau.  With Bz its basic
** z, Ns its tight rows (non-basic slacks, as many as Bz), Bs its basic
** slacks, Nz its non-basic z, and Mt = M[Ns, Bz]:
**   val (k): z_Bz = Mt^-1 1, then s_Bs = 1 - M[Bs, Bz] z_Bz;
**   tab (k x d): the basic variables' rates of change (rows in the order
**     of val) as each non-basic variable rises (columns: Nz, then the
**     slacks of Ns).  For z_v, with c = M[Ns, v]: -Mt^-1 c and
**     -M[Bs, v] + G c, where G = M[Bs, Bz] Mt^-1; for the slack of Ns[a]:
**     -Mt^-1 e_a and G e_a.  So with H = [Mt^-1; G] (k x t), the tableau
**     is H [M[Ns, Nz] | I], its top t rows negated and M[Bs, Nz] taken off
**     the bottom left: a few small matrix products.
** Returns t = |Bz|, or -1 when the basis has the wrong shape or Mt is
** numerically singular (the basis is then skipped).
*/
static int evaluate(const poly *P, worker *w, const word *b)
{
    int d = P->d, k = P->k, t = 0, nbs = 0, nn = 0, nz = 0;
    const double *M = P->M;
    int *restrict bz = w->bz, *restrict nzv = w->nz, *restrict bs = w->bs,
        *restrict ns = w->ns;
    double *restrict lu = w->lu, *restrict H = w->H, *restrict C = w->C,
           *restrict val = w->val, *restrict tab = w->tab;

    for (int i = 0; i < d; i++) {
        if (BIT_GET(b, i))
            bz[t++] = i;
        else
            nzv[nz++] = i;
    }
    for (int r = 0; r < k; r++) {
        if (BIT_GET(b, d + r))
            bs[nbs++] = r;
        else
            ns[nn++] = r;
    }
    if (nn != t)
        return -1;
    for (int a = 0; a < t; a++)
        for (int c = 0; c < t; c++)
            lu[a * t + c] = M[ns[a] * d + bz[c]];
    if (t > 0 && invert(lu, H, t) != 0)
        return -1;
    /* G = M[Bs, Bz] Mt^-1 below Mt^-1 in H. */
    for (int q = 0; q < nbs; q++) {
        const double *row = M + bs[q] * d;
        double *g = H + (t + q) * t;
        for (int a = 0; a < t; a++)
            g[a] = 0.0;
        for (int c = 0; c < t; c++) {
            double f = row[bz[c]];
            const double *ic = H + c * t;
            for (int a = 0; a < t; a++)
                g[a] += f * ic[a];
        }
    }
    for (int a = 0; a < k; a++) {
        double s = 0.0;
        for (int c = 0; c < t; c++)
            s += H[a * t + c];
        val[a] = a < t ? s : 1.0 - s;
    }
    /* C = M[Ns, Nz], then tab = H [C | I] with the signs above. */
    for (int c = 0; c < t; c++)
        for (int j = 0; j < nz; j++)
            C[c * nz + j] = M[ns[c] * d + nzv[j]];
    for (int a = 0; a < k; a++) {
        double *row = tab + a * d;
        const double *h = H + a * t;
        for (int j = 0; j < nz; j++)
            row[j] = 0.0;
        for (int c = 0; c < t; c++) {
            double f = h[c];
            const double *cc = C + c * nz;
            for (int j = 0; j < nz; j++)
                row[j] += f * cc[j];
        }
        for (int c = 0; c < t; c++)
            row[nz + c] = h[c];
        if (a < t) {
            for (int j = 0; j < d; j++)
                row[j] = -row[j];
        } else {
            const double *mb = M + bs[a - t] * d;
            for (int j = 0; j < nz; j++)
                row[j] -= mb[nzv[j]];
        }
    }
    return t;
}

/*
** Visit basis b: append its vertex (label set, basis) and its feasible
** neighbour bases to w's buffers.  A neighbour enters one non-basic
** variable and lets leave a basic one that reaches zero first, every such
** one when several tie.  Returns 0 (also for a basis skipped as
** numerically unusable), or -1 for lack of memory.
*/
static int visit(const poly *P, worker *w, const word *b)
{
    int d = P->d, k = P->k, nw = P->nw, t = evaluate(P, w, b), nz = d - t;
    const int *bz = w->bz, *bs = w->bs, *ns = w->ns, *nzv = w->nz;
    const double *restrict val = w->val, *restrict tab = w->tab;
    double tol = P->tol, *restrict theta = w->theta;
    word *lab = w->lab, *o;
    uint64_t h;

    if (t < 0)
        return 0;
    /* Label set: non-basic variables and basic ones at zero. */
    memset(lab, 0, (size_t)nw * sizeof *lab);
    for (int v = 0; v < d + k; v++)
        if (!BIT_GET(b, v))
            BIT_SET(lab, P->lab[v]);
    for (int a = 0; a < k; a++) {
        if (val[a] < -tol)
            return 0;           /* not feasible: should not be reached */
        if (val[a] <= tol) {
            BIT_SET(lab, P->lab[a < t ? bz[a] : d + bs[a - t]]);
            w->degenerate = 1;
        }
    }
    h = hash_key(lab, nw);
    if ((o = buf_push(&w->vx[shard_of(h, w->nshard) % w->nown], 2 * (size_t)nw + 1)) == NULL)
        return -1;
    memcpy(o, lab, (size_t)nw * sizeof *o);
    memcpy(o + nw, b, (size_t)nw * sizeof *o);
    o[2 * nw] = h;
    /* Ratio test of every column at once: theta[j], the step at which
    ** column j's entering variable drives the first basic one to 0. */
    for (int j = 0; j < d; j++)
        theta[j] = HUGE_VAL;
    for (int a = 0; a < k; a++) {
        const double *row = tab + a * d;
        double v = val[a] > 0.0 ? val[a] : 0.0;
        for (int j = 0; j < d; j++) {
            double r = row[j] < -tol ? v / -row[j] : HUGE_VAL;
            theta[j] = r < theta[j] ? r : theta[j];
        }
    }
    /* Every basic variable within tolerance of the least ratio leaves. */
    for (int a = 0; a < k; a++) {
        const double *row = tab + a * d;
        double v = val[a] > 0.0 ? val[a] : 0.0;
        int out = a < t ? bz[a] : d + bs[a - t];
        for (int j = 0; j < d; j++) {
            double r;
            word *nb;
            if (!(row[j] < -tol) || theta[j] == HUGE_VAL)
                continue;
            r = v / -row[j];
            if (r > theta[j] + tol * (1.0 + theta[j]))
                continue;
            if (r > theta[j])
                w->degenerate = 1;
            memcpy(lab, b, (size_t)nw * sizeof *lab);   /* the vertex is filed */
            BIT_SET(lab, j < nz ? nzv[j] : d + ns[j - nz]);
            BIT_CLR(lab, out);
            h = hash_key(lab, nw);
            if ((nb = buf_push(&w->nb[shard_of(h, w->nshard) % w->nown], (size_t)nw + 1)) == NULL)
                return -1;
            memcpy(nb, lab, (size_t)nw * sizeof *nb);
            nb[nw] = h;
        }
    }
    return 0;
}

/* The scratch arrays are carved from two blocks, bz's and lu's. */
static void worker_free(worker *w)
{
    free(w->bz);
    free(w->lu);
    free(w->lab);
    for (int u = 0; u < MAX_THREADS; u++) {
        free(w->nb[u].w);
        free(w->vx[u].w);
    }
    free(w->next.w);
}

static int worker_init(worker *w, int d, int k, int nw)
{
    size_t dk = (size_t)(d + k), sq = dk * dk;
    memset(w, 0, sizeof *w);
    w->bz = malloc(4 * dk * sizeof(int));
    w->lu = malloc((4 * sq + 2 * dk) * sizeof(double));
    w->lab = malloc((size_t)nw * sizeof(word));
    if (!w->bz || !w->lu || !w->lab)
        return -1;
    w->nz = w->bz + dk;
    w->bs = w->nz + dk;
    w->ns = w->bs + dk;
    w->H = w->lu + sq;
    w->C = w->H + sq;
    w->tab = w->C + sq;
    w->val = w->tab + sq;
    w->theta = w->val + dk;
    return 0;
}

/* ---- the search ------------------------------------------------------ */

/* One polytope's search, shared by the threads.  Table shard s belongs,
** in a level run by n threads, to thread s % n. */
typedef struct search {
    const poly *P;
    int nshard;
    worker *w;          /* nshard workers */
    table *bases;       /* nshard shards: every basis met */
    table *verts;       /* nshard shards: label set -> least basis */
    /* This level's frontier: the next buffers of workers 0..nparts-1 (the
    ** threads of the level before), taken in that order; basis i of the
    ** frontier is in part h when off[h] <= i < off[h + 1]. */
    int nparts;
    size_t off[MAX_THREADS + 1];
    const word *part[MAX_THREADS];     /* the parts' words */
    size_t nfront;
    pool *pl;
    eqi_guard *G;       /* the call's limits, polled by thread 0 only */
    atomic_int stop;    /* set once G says stop: every thread leaves */
    /* The first basis of the frontier not yet taken: every thread writes
    ** it, so on a cache line of its own. */
    _Alignas(64) atomic_size_t next;
} search;

/* File the bases and vertices of the level's buffers that fall in thread
** id's shards. */
static void file_level(search *s, int id, int n)
{
    int nw = s->P->nw, isnew;
    worker *w = &s->w[id];
    size_t nbw = (size_t)nw + 1, vxw = 2 * (size_t)nw + 1;

    w->next.n = 0;
    for (int u = 0; u < n && !w->failed; u++) {
        /* Read once: worker u writes its own struct (next) meanwhile. */
        const word *nbv = s->w[u].nb[id].w, *vxv = s->w[u].vx[id].w;
        size_t nbn = s->w[u].nb[id].n, vxn = s->w[u].vx[id].n;
        for (size_t q = 0; q < nbn && !w->failed; q += nbw) {
            const word *o = nbv + q;
            int sh = shard_of(o[nw], s->nshard);
            word *nx;
            if (table_add(&s->bases[sh], o, o[nw], &isnew) == NULL)
                w->failed = 1;
            else if (isnew && (nx = buf_push(&w->next, (size_t)nw)) == NULL)
                w->failed = 1;
            else if (isnew)
                memcpy(nx, o, (size_t)nw * sizeof *nx);
        }
        for (size_t q = 0; q < vxn && !w->failed; q += vxw) {
            const word *o = vxv + q;
            int sh = shard_of(o[2 * nw], s->nshard);
            word *e = table_add(&s->verts[sh], o, o[2 * nw], &isnew);
            if (e == NULL)
                w->failed = 1;
            else if (isnew || key_cmp(o + nw, e + nw, nw) < 0)
                memcpy(e + nw, o + nw, (size_t)nw * sizeof *e);
        }
    }
}

/* The job of thread id of n in one level: visit a share of the frontier,
** wait for the others, then file what falls in its shards. */
static void level_job(void *arg, int id, int n)
{
    search *s = arg;
    worker *w = &s->w[id];
    int nw = s->P->nw, h = 0;

    w->nshard = s->nshard;
    w->nown = n;
    for (int u = 0; u < n; u++)
        w->nb[u].n = w->vx[u].n = 0;
    for (;;) {
        size_t i = atomic_fetch_add(&s->next, CHUNK), e = i + CHUNK;
        if (i >= s->nfront)
            break;
        if (e > s->nfront)
            e = s->nfront;
        if (id == 0 && eqi_guard_poll(s->G))
            atomic_store(&s->stop, 1);
        if (atomic_load(&s->stop))
            break;
        for (; i < e && !w->failed; i++) {
            while (i >= s->off[h + 1])      /* i only grows: so does h */
                h++;
            if (visit(s->P, w, s->part[h] + (i - s->off[h]) * (size_t)nw) != 0)
                w->failed = 1;
        }
    }
    if (n > 1)
        gate_wait(&s->pl->mid);
    file_level(s, id, n);
}

/* ---- the vertices, sorted by label set ------------------------------- */

/* The sorting of the vertices: each shard's entries (label set, basis:
** wd = 2 nw words) go to their run of `all`, at off[h], and are sorted
** there by the thread that owns the shard; run[h] is where its sorted
** entries end up (in `all` or in `tmp`). */
typedef struct gather {
    const table *verts;
    int nshard, nw, failed;
    size_t off[MAX_THREADS + 1];
    word *all, *tmp, *run[MAX_THREADS];
} gather;

/* Bottom-up merge sort of the n entries of wd words at a by their first
** nw words, with b as scratch; returns a or b, whichever holds the result. */
static word *sort_run(word *a, word *b, size_t n, int nw)
{
    size_t wd = 2 * (size_t)nw;
    for (size_t width = 1; width < n; width *= 2) {
        word *t = a;
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n, i = lo, j = mid;
            for (size_t o = lo; o < hi; o++) {
                size_t from = (i < mid && (j >= hi || key_cmp(a + i * wd, a + j * wd, nw) <= 0))
                              ? i++ : j++;
                memcpy(b + o * wd, a + from * wd, wd * sizeof *b);
            }
        }
        a = b;
        b = t;
    }
    return a;
}

/* Thread id of n: copy out and sort the runs of its shards. */
static void gather_job(void *arg, int id, int n)
{
    gather *ga = arg;
    size_t wd = 2 * (size_t)ga->nw;
    for (int h = id; h < ga->nshard; h += n) {
        const table *t = &ga->verts[h];
        word *o = ga->all + ga->off[h] * wd;
        for (size_t i = 0; i < t->nslot; i++) {
            const word *e = t->slot + i * wd;
            if (!key_zero(e, ga->nw)) {
                memcpy(o, e, wd * sizeof *e);
                o += wd;
            }
        }
        ga->run[h] = sort_run(ga->all + ga->off[h] * wd, ga->tmp + ga->off[h] * wd,
                              ga->off[h + 1] - ga->off[h], ga->nw);
    }
}

/* Gather the vertices from the shards into P, sorted by label set: each
** shard's run sorted on its own thread (pl, or the caller alone when pl
** is NULL), then the runs merged.  P takes the shard tables over for its
** lookups.  Returns 0 or -1 for lack of memory. */
static int collect(poly *P, search *s, pool *pl)
{
    int nw = P->nw, ns = s->nshard;
    size_t n, wd = 2 * (size_t)nw, head[MAX_THREADS] = { 0 };
    gather ga;

    memset(&ga, 0, sizeof ga);
    ga.verts = s->verts;
    ga.nshard = ns;
    ga.nw = nw;
    for (int h = 0; h < ns; h++)
        ga.off[h + 1] = ga.off[h] + s->verts[h].count;
    n = ga.off[ns];
    ga.all = malloc((n ? n : 1) * wd * sizeof *ga.all);
    ga.tmp = malloc((n ? n : 1) * wd * sizeof *ga.tmp);
    P->vkey = malloc((n ? n : 1) * (size_t)nw * sizeof *P->vkey);
    P->vbasis = malloc((n ? n : 1) * (size_t)nw * sizeof *P->vbasis);
    if (!ga.all || !ga.tmp || !P->vkey || !P->vbasis) {
        free(ga.all);
        free(ga.tmp);
        return -1;
    }
    if (pl != NULL && n >= PAR_MIN_LEVEL)
        pool_run(pl, gather_job, &ga);
    else
        gather_job(&ga, 0, 1);
    /* Merge the sorted runs: the least head each time (ns is small). */
    for (size_t i = 0; i < n; i++) {
        int best = -1;
        const word *e = NULL;
        for (int h = 0; h < ns; h++) {
            const word *c;
            if (head[h] >= ga.off[h + 1] - ga.off[h])
                continue;
            c = ga.run[h] + head[h] * wd;
            if (best < 0 || key_cmp(c, e, nw) < 0) {
                best = h;
                e = c;
            }
        }
        head[best]++;
        memcpy(P->vkey + i * (size_t)nw, e, (size_t)nw * sizeof *e);
        memcpy(P->vbasis + i * (size_t)nw, e + nw, (size_t)nw * sizeof *e);
    }
    P->nverts = n;
    P->verts = s->verts;
    P->nshard = ns;
    s->verts = NULL;
    free(ga.all);
    free(ga.tmp);
    return 0;
}

/* The vertex of P with label set k: its entry (label set, then least
** basis), or NULL. */
static const word *vertex_find(const poly *P, const word *k)
{
    uint64_t h = hash_key(k, P->nw);
    word *empty;
    return table_find(&P->verts[shard_of(h, P->nshard)], k, h, &empty);
}

/* The frontier of the next level: the next buffers of the n workers that
** ran this one, read in place.  Returns the number of bases met so far. */
static size_t next_frontier(search *s, int n, size_t *nvert, int *failed)
{
    size_t total = 0;
    *nvert = 0;
    for (int h = 0; h < s->nshard; h++) {
        *failed |= s->w[h].failed;
        total += s->bases[h].count;
        *nvert += s->verts[h].count;
    }
    s->nparts = n;      /* off[0] stays 0 */
    for (int h = 0; h < n; h++) {
        s->off[h + 1] = s->off[h] + s->w[h].next.n / (size_t)s->P->nw;
        s->part[h] = s->w[h].next.w;
    }
    s->nfront = s->off[n];
    return total;
}

/* The threads' workers and base tables, set up once for both polytopes
** (the same d + k) so that their memory, touched once, serves both
** searches.  Returns 0 or -1 for lack of memory (then search_free). */
static int search_init(search *s, int threads, int d, int k, int nw)
{
    memset(s, 0, sizeof *s);
    s->nshard = threads;
    s->w = calloc((size_t)threads, sizeof *s->w);
    s->bases = calloc((size_t)threads, sizeof *s->bases);
    if (!s->w || !s->bases)
        return -1;
    for (int h = 0; h < threads; h++)
        if (worker_init(&s->w[h], d, k, nw) != 0 || table_init(&s->bases[h], nw, 0) != 0)
            return -1;
    return 0;
}

static void drop_verts(search *s)
{
    for (int h = 0; s->verts != NULL && h < s->nshard; h++)
        table_free(&s->verts[h]);
    free(s->verts);
    s->verts = NULL;
}

static void search_free(search *s)
{
    for (int h = 0; h < s->nshard; h++) {
        if (s->w)
            worker_free(&s->w[h]);
        if (s->bases)
            table_free(&s->bases[h]);
    }
    free(s->w);
    free(s->bases);
    drop_verts(s);
    s->w = NULL;
    s->bases = NULL;
    s->nshard = 0;
}

/* Ready s for the search of P: empty tables and buffers, fresh vertex
** tables, and the origin (every slack basic) as the first frontier.
** Returns 0 or -1 for lack of memory. */
static int search_start(search *s, poly *P, eqi_guard *G)
{
    int nw = P->nw, isnew, failed = 0;
    size_t nvert;
    word *o;

    s->P = P;
    s->G = G;
    atomic_init(&s->stop, 0);
    if ((s->verts = calloc((size_t)s->nshard, sizeof *s->verts)) == NULL)
        return -1;
    for (int h = 0; h < s->nshard; h++) {
        table *t = &s->bases[h];
        memset(t->slot, 0, t->nslot * (size_t)t->width * sizeof *t->slot);
        t->count = 0;
        s->w[h].next.n = 0;
        s->w[h].degenerate = s->w[h].failed = 0;
        if (table_init(&s->verts[h], nw, nw) != 0)
            return -1;
    }
    if ((o = buf_push(&s->w[0].next, (size_t)nw)) == NULL)
        return -1;
    memset(o, 0, (size_t)nw * sizeof *o);
    for (int r = 0; r < P->k; r++)
        BIT_SET(o, P->d + r);
    if (table_add(&s->bases[shard_of(hash_key(o, nw), s->nshard)], o,
                  hash_key(o, nw), &isnew) == NULL)
        return -1;
    next_frontier(s, 1, &nvert, &failed);
    return 0;
}

/*
** Enumerate every vertex of P by breadth-first search over its feasible
** bases, level by level, with the workers of s, on the threads of *pl
** when a level is large enough.  *pl is started here on first need (when
** s has more than one shard) and left running for the caller to reuse and
** free.  Returns EQ_OK or an error status with the message in err.
*/
static eq_status enumerate(poly *P, search *s, pool **pl, eqi_guard *G,
                           long long before, char *err)
{
    int threads = s->nshard, failed = 0;
    size_t total = 0, nvert = 0;
    eq_status st = EQ_OK;

    if (search_start(s, P, G) != 0)
        goto nomem;
    while (s->nfront > 0) {
        int n = 1;
        atomic_store(&s->next, 0);
        if (threads > 1 && s->nfront >= PAR_MIN_LEVEL && *pl == NULL)
            *pl = pool_new(threads);
        if (*pl != NULL && s->nfront >= PAR_MIN_LEVEL) {
            s->pl = *pl;
            n = (*pl)->n;
            pool_run(*pl, level_job, s);
        } else {
            level_job(s, 0, 1);
        }
        total = next_frontier(s, n, &nvert, &failed);
        if (failed)
            goto nomem;
        if (atomic_load(&s->stop) ||
            eqi_guard_vertices(G, before + (long long)nvert)) {
            /* Stopped: keep the vertices found so far, for the pairs. */
            st = eqi_error(err, EQ_ERR_STOPPED, "enum: %s, with %lld vertices found",
                           G->why, before + (long long)nvert);
            break;
        }
        if (total > EQ_ENUM_MAX_BASES) {
            st = eqi_error(err, EQ_ERR_LIMIT,
                           "enum: more than %u feasible bases in one polytope "
                           "(EQ_ENUM_MAX_BASES); the game is too large to enumerate "
                           "(try -m lemke, or --max-vertices or --time-limit to keep "
                           "the equilibria found so far)", EQ_ENUM_MAX_BASES);
            goto done;
        }
    }
    for (int h = 0; h < threads; h++)
        P->degenerate |= s->w[h].degenerate;
    if (collect(P, s, *pl) != 0)
        goto nomem;
    goto done;          /* st: EQ_OK, or EQ_ERR_STOPPED with P's vertices so far */
nomem:
    st = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
done:
    drop_verts(s);      /* unless collect gave them to P */
    return st;
}

static void poly_free(poly *P)
{
    free(P->lab);
    free(P->vkey);
    free(P->vbasis);
    for (int h = 0; P->verts != NULL && h < P->nshard; h++)
        table_free(&P->verts[h]);
    free(P->verts);
}

static int poly_init(poly *P, int d, int k, int nw, const double *M, double tol)
{
    memset(P, 0, sizeof *P);
    P->d = d;
    P->k = k;
    P->nw = nw;
    P->M = M;
    P->tol = tol;
    P->lab = malloc((size_t)(d + k) * sizeof *P->lab);
    return P->lab ? 0 : -1;
}

/* ---- exact recomputation -------------------------------------------- */

/* The exact vertex of { z >= 0, Mq z <= 1 } with basis b, normalised to a
** probability vector in out (d values).  Checks exactly that the basic
** values are nonnegative and that every label in want holds.  Returns 0,
** -1 if the basis does not give such a point, -2 when memory ran out. */
static int exact_vertex(const poly *P, mpq_t *Mq, const word *b,
                        const word *want, mpq_t *out)
{
    int d = P->d, k = P->k, t = 0, nn = 0, ok = 0;
    int *bz = malloc((size_t)(d + k) * sizeof *bz);
    int *ns = malloc((size_t)(d + k) * sizeof *ns);
    mpq_t *A = NULL, *rhs = NULL, *z = NULL, sum, acc, tmp;

    mpq_inits(sum, acc, tmp, NULL);
    if (bz == NULL || ns == NULL) {
        ok = -2;
        goto done;
    }
    for (int i = 0; i < d; i++)
        if (BIT_GET(b, i))
            bz[t++] = i;
    for (int r = 0; r < k; r++)
        if (!BIT_GET(b, d + r))
            ns[nn++] = r;
    A = eqi_mpq_alloc((size_t)t * (size_t)t);
    rhs = eqi_mpq_alloc((size_t)t);
    z = eqi_mpq_alloc((size_t)t);
    if (A == NULL || rhs == NULL || z == NULL) {
        ok = -2;
        goto done;
    }
    if (nn != t) {
        ok = -1;
        goto done;
    }
    for (int a = 0; a < t; a++) {
        for (int c = 0; c < t; c++)
            mpq_set(A[a * t + c], Mq[ns[a] * d + bz[c]]);
        mpq_set_ui(rhs[a], 1, 1);
    }
    if (t > 0 && eqi_exact_solve(t, A, rhs, z) != 0) {
        ok = -1;
        goto done;
    }
    for (int i = 0; i < d; i++)
        mpq_set_ui(out[i], 0, 1);
    mpq_set_ui(sum, 0, 1);
    for (int a = 0; a < t; a++) {
        if (mpq_sgn(z[a]) < 0)
            ok = -1;
        mpq_set(out[bz[a]], z[a]);
        mpq_add(sum, sum, z[a]);
    }
    /* Labels: x_i = 0 for var labels, row r tight for row labels; and
    ** every row feasible. */
    for (int i = 0; i < d && ok == 0; i++)
        if (BIT_GET(want, P->lab[i]) && mpq_sgn(out[i]) != 0)
            ok = -1;
    for (int r = 0; r < k && ok == 0; r++) {
        int c;
        mpq_set_ui(acc, 0, 1);
        for (int i = 0; i < d; i++)
            if (mpq_sgn(out[i]) != 0) {
                mpq_mul(tmp, Mq[r * d + i], out[i]);
                mpq_add(acc, acc, tmp);
            }
        mpq_set_ui(tmp, 1, 1);
        c = mpq_cmp(acc, tmp);
        if (c > 0 || (BIT_GET(want, P->lab[d + r]) && c != 0))
            ok = -1;
    }
    if (ok == 0 && mpq_sgn(sum) > 0)
        for (int i = 0; i < d; i++)
            mpq_div(out[i], out[i], sum);
    else
        ok = -1;
done:
    eqi_mpq_free(A, (size_t)t * (size_t)t);
    eqi_mpq_free(rhs, (size_t)t);
    eqi_mpq_free(z, (size_t)t);
    mpq_clears(sum, acc, tmp, NULL);
    free(bz);
    free(ns);
    return ok;
}

/* Map player p's exact payoffs affinely into [1, 2]: (u - lo)/(hi - lo) + 1,
** or all 1 when constant.  M is written transposed when trans (B^T for P).
** Fills the doubles Md and the rationals Mq (k x d). */
static void scaled_matrix(const eq_game *g, int p, int trans, double *Md,
                          mpq_t *Mq)
{
    int m = g->nact[0], n = g->nact[1];
    size_t N = (size_t)m * (size_t)n;
    mpq_t lo, hi, u, span;
    mpq_inits(lo, hi, u, span, NULL);
    for (size_t i = 0; i < N; i++) {
        eqi_game_exact_payoff(g, p, i, u);
        if (i == 0 || mpq_cmp(u, lo) < 0) mpq_set(lo, u);
        if (i == 0 || mpq_cmp(u, hi) > 0) mpq_set(hi, u);
    }
    mpq_sub(span, hi, lo);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            size_t src = (size_t)i * (size_t)n + (size_t)j;
            size_t dst = trans ? (size_t)j * (size_t)m + (size_t)i : src;
            eqi_game_exact_payoff(g, p, src, u);
            if (mpq_sgn(span) == 0) {
                mpq_set_ui(Mq[dst], 1, 1);
            } else {
                mpq_sub(u, u, lo);
                mpq_div(Mq[dst], u, span);
                mpq_set_ui(u, 1, 1);
                mpq_add(Mq[dst], Mq[dst], u);
            }
            Md[dst] = mpq_get_d(Mq[dst]);
        }
    mpq_clears(lo, hi, u, span, NULL);
}

/* ---- the method ----------------------------------------------------- */

static int popcount(const word *l, int nw)
{
    int c = 0;
    for (int i = 0; i < nw; i++)
        c += __builtin_popcountll(l[i]);
    return c;
}

/* Whether label set l contains every label in [lo, hi). */
static int has_all(const word *l, int lo, int hi)
{
    for (int i = lo; i < hi; i++)
        if (!BIT_GET(l, i))
            return 0;
    return 1;
}

/*
** The pairs, in parallel.  The vertices of P are cut into chunks of
** consecutive positions; chunk c goes to thread c % n, which finds the
** vertices of Q complementary to each of its vertices (in the order of the
** serial loop) and verifies each pair exactly, keeping the exact points
** in the chunk's own list, or stops the chunk at its first failure.  Then
** the caller adds the chunks' pairs to the result in chunk order: the
** order, the max_equilibria prefix and the first failure are those of one
** thread working alone.
*/
typedef struct pchunk {
    size_t lo, hi;      /* positions of P's vertices */
    mpq_t **xy;         /* verified pairs: m + n rationals each, x then y */
    size_t count, cap;
    eq_status st;       /* EQ_OK, or the failure that stopped the chunk */
    char msg[EQI_ERRMAX];
} pchunk;

typedef struct pairing {
    const eq_game *g;
    const poly *P, *Q;
    mpq_t *Pq, *Qq;
    const size_t *degq; /* Q's vertices with more than n labels */
    size_t ndegq;
    word all[16];       /* the labels 0..m+n-1 */
    pchunk *ch;
    size_t nch;
} pairing;

/* Verify the pair (vertex xi of P; label set ykey and basis ybasis of a
** vertex of Q) exactly and keep it in c.  Returns EQ_OK or a failure,
** with its message in c->msg. */
static eq_status check_pair(const pairing *pp, pchunk *c, size_t xi,
                            const word *ykey, const word *ybasis)
{
    const poly *P = pp->P;
    int m = pp->g->nact[0], n = pp->g->nact[1], nw = P->nw, bad, vx, vy;
    mpq_t *xy = eqi_mpq_alloc((size_t)(m + n)), reg, p1, p2;

    if (xy == NULL)
        return eqi_error(c->msg, EQ_ERR_NOMEM, "out of memory");
    vx = exact_vertex(P, pp->Pq, P->vbasis + xi * (size_t)nw,
                      P->vkey + xi * (size_t)nw, xy);
    vy = vx != 0 ? 0 : exact_vertex(pp->Q, pp->Qq, ybasis, ykey, xy + m);
    if (vx != 0 || vy != 0) {
        eqi_mpq_free(xy, (size_t)(m + n));
        if (vx == -2 || vy == -2)
            return eqi_error(c->msg, EQ_ERR_NOMEM, "out of memory");
        return eqi_error(c->msg, EQ_ERR_NUMERIC,
                         "enum: a vertex failed exact verification; the game "
                         "is numerically too difficult for the double-precision search");
    }
    mpq_inits(reg, p1, p2, NULL);
    eqi_exact_regret2(pp->g, xy, xy + m, reg, p1, p2);
    bad = mpq_sgn(reg) != 0;
    mpq_clears(reg, p1, p2, NULL);
    if (bad) {
        eqi_mpq_free(xy, (size_t)(m + n));
        return eqi_error(c->msg, EQ_ERR_INTERNAL,
                         "enum: complementary pair has nonzero exact regret");
    }
    if (c->count == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 4;
        mpq_t **v = realloc(c->xy, cap * sizeof *v);
        if (v == NULL) {
            eqi_mpq_free(xy, (size_t)(m + n));
            return eqi_error(c->msg, EQ_ERR_NOMEM, "out of memory");
        }
        c->xy = v;
        c->cap = cap;
    }
    c->xy[c->count++] = xy;
    return EQ_OK;
}

/* Chunk c: every pair of its vertices of P, in order, until a failure.
** A vertex with exactly d labels (nondegenerate) can only pair with the
** vertex whose label set is its complement, found by hashing.  A vertex
** with more labels may pair with several, so the few such vertices are
** compared with every vertex of the other polytope. */
static void pair_chunk(const pairing *pp, pchunk *c)
{
    const poly *P = pp->P, *Q = pp->Q;
    int m = P->d, L = P->d + P->k, nw = P->nw;
    word want[16];

    for (size_t xi = c->lo; xi < c->hi && c->st == EQ_OK; xi++) {
        const word *lx = P->vkey + xi * (size_t)nw;
        int xdeg = popcount(lx, nw) > m;
        if (has_all(lx, 0, m))
            continue;                   /* the origin: x = 0 */
        if (!xdeg) {
            const word *e;
            for (int q = 0; q < nw; q++)
                want[q] = pp->all[q] & ~lx[q];
            if ((e = vertex_find(Q, want)) != NULL &&
                (c->st = check_pair(pp, c, xi, e, e + nw)) != EQ_OK)
                return;
        }
        for (size_t q = 0; q < Q->nverts; q++) {
            size_t yi = xdeg ? q : (q < pp->ndegq ? pp->degq[q] : Q->nverts);
            const word *ly;
            int cover = 1;
            if (yi >= Q->nverts)
                break;
            ly = Q->vkey + yi * (size_t)nw;
            for (int u = 0; u < nw && cover; u++)
                cover = (lx[u] | ly[u]) == pp->all[u];
            if (!cover || has_all(ly, m, L))
                continue;
            if ((c->st = check_pair(pp, c, xi, ly, Q->vbasis + yi * (size_t)nw)) != EQ_OK)
                return;
        }
    }
}

static void pair_job(void *arg, int id, int n)
{
    pairing *pp = arg;
    for (size_t c = (size_t)id; c < pp->nch; c += (size_t)n)
        pair_chunk(pp, &pp->ch[c]);
}

/* Add the exact pair xy (x: m rationals, then y) to r.  Returns EQ_OK or
** EQ_ERR_NOMEM. */
static eq_status record_pair(const eq_game *g, const eq_solve_opts *o,
                             eq_result *r, mpq_t *xy)
{
    int m = g->nact[0], n = g->nact[1], k;
    double *probs;
    if (o->exact)
        return eqi_result_add_exact(r, g, xy, xy + m) < 0 ? EQ_ERR_NOMEM : EQ_OK;
    if ((probs = malloc((size_t)(m + n) * sizeof *probs)) == NULL)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    for (int i = 0; i < m + n; i++)
        probs[i] = mpq_get_d(xy[i]);
    k = eqi_result_add(r, g, probs);
    free(probs);
    return k < 0 ? EQ_ERR_NOMEM : EQ_OK;
}

/* Pair P's vertices with Q's on the threads of pl (or alone when NULL) and
** add the equilibria to r in order; *full is set when max_equilibria
** cut the list short.  Returns EQ_OK or a failure. */
static eq_status pair_all(const eq_game *g, const eq_solve_opts *o, eq_result *r,
                          pairing *pp, pool *pl, int *full)
{
    int m = g->nact[0], n = g->nact[1], L = m + n;
    size_t per, nch;
    eq_status s = EQ_OK;

    memset(pp->all, 0, sizeof pp->all);
    for (int i = 0; i < L; i++)
        BIT_SET(pp->all, i);
    if (pl != NULL && pp->P->nverts < PAR_MIN_LEVEL)
        pl = NULL;
    nch = (size_t)(pl ? 16 * pl->n : 1);
    per = (pp->P->nverts + nch - 1) / nch;
    if ((pp->ch = calloc(nch, sizeof *pp->ch)) == NULL)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    pp->nch = nch;
    for (size_t c = 0; c < nch; c++) {
        pp->ch[c].lo = c * per < pp->P->nverts ? c * per : pp->P->nverts;
        pp->ch[c].hi = (c + 1) * per < pp->P->nverts ? (c + 1) * per : pp->P->nverts;
    }
    if (pl != NULL)
        pool_run(pl, pair_job, pp);
    else
        pair_job(pp, 0, 1);
    for (size_t c = 0; c < nch && s == EQ_OK && !*full; c++) {
        pchunk *ch = &pp->ch[c];
        for (size_t i = 0; i < ch->count && s == EQ_OK; i++) {
            if (o->max_equilibria > 0 && r->count >= o->max_equilibria) {
                *full = 1;
                break;
            }
            s = record_pair(g, o, r, ch->xy[i]);
        }
        if (s == EQ_OK && !*full && ch->st != EQ_OK) {
            if (o->max_equilibria > 0 && r->count >= o->max_equilibria)
                *full = 1;
            else
                s = eqi_error(r->errmsg, ch->st, "%s", ch->msg);
        }
    }
    for (size_t c = 0; c < nch; c++) {
        for (size_t i = 0; i < pp->ch[c].count; i++)
            eqi_mpq_free(pp->ch[c].xy[i], (size_t)L);
        free(pp->ch[c].xy);
    }
    free(pp->ch);
    return s;
}

/* The number of threads to search with: o->threads, or when that is 0 the
** processors this thread may run on (its affinity mask, so that taskset
** and container limits count), within 1..MAX_THREADS. */
static int thread_count(const eq_solve_opts *o)
{
    long n = o->threads;
    if (n <= 0) {
#ifdef __linux__
        cpu_set_t set;
        n = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set)
                                                        : sysconf(_SC_NPROCESSORS_ONLN);
#else
        n = sysconf(_SC_NPROCESSORS_ONLN);
#endif
    }
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

/* The labels of the two polytopes' variables: P's x_i carry i and its
** slacks m + j; Q's y_j carry m + j and its slacks i. */
static void set_labels(poly *P, poly *Q, int m, int n)
{
    for (int i = 0; i < m; i++) P->lab[i] = i;
    for (int j = 0; j < n; j++) P->lab[m + j] = m + j;
    for (int j = 0; j < n; j++) Q->lab[j] = m + j;
    for (int i = 0; i < m; i++) Q->lab[n + i] = i;
}

eq_status eqi_solve_enum(const eq_game *g, const eq_solve_opts *o,
                         eq_result *r)
{
    int m = g->nact[0], n = g->nact[1], L = m + n, nw = (L + 63) / 64;
    int threads = thread_count(o);
    size_t N = (size_t)m * (size_t)n;
    double *Bt = NULL, *Ad = NULL;
    mpq_t *Btq = NULL, *Aq = NULL;
    poly P, Q;
    pairing pp;
    search se;
    eq_status s = EQ_OK;
    int full = 0, stopped = 0;
    size_t *degq = NULL, ndegq = 0;
    pool *pl = NULL;

    memset(&P, 0, sizeof P);
    memset(&Q, 0, sizeof Q);
    memset(&se, 0, sizeof se);
    if (L > 1024)
        return eqi_error(r->errmsg, EQ_ERR_LIMIT,
                         "enum: %d x %d is too large to enumerate (at most 1024 "
                         "actions in all; try -m lemke)", m, n);
    Bt = malloc(N * sizeof *Bt);
    Ad = malloc(N * sizeof *Ad);
    Btq = eqi_mpq_alloc(N);
    Aq = eqi_mpq_alloc(N);
    if (!Bt || !Ad || !Btq || !Aq ||
        poly_init(&P, m, n, nw, Bt, o->tol) != 0 ||
        poly_init(&Q, n, m, nw, Ad, o->tol) != 0) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    scaled_matrix(g, 1, 1, Bt, Btq);   /* P: rows are player 2's actions */
    scaled_matrix(g, 0, 0, Ad, Aq);    /* Q: rows are player 1's actions */
    set_labels(&P, &Q, m, n);

    if (search_init(&se, threads, m, n, nw) != 0) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    s = enumerate(&P, &se, &pl, r->guard, 0, r->errmsg);
    if (s == EQ_OK)
        s = enumerate(&Q, &se, &pl, r->guard, (long long)P.nverts, r->errmsg);
    search_free(&se);   /* before the pairs: the searches' memory back */
    if (s == EQ_ERR_STOPPED)
        stopped = 1;    /* pair what was found; Q may have none */
    else if (s != EQ_OK)
        goto done;
    if (Q.nverts == 0)
        goto done;

    degq = malloc((Q.nverts + 1) * sizeof *degq);
    if (degq == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t q = 0; q < Q.nverts; q++)
        if (popcount(Q.vkey + q * (size_t)nw, nw) > n)
            degq[ndegq++] = q;
    memset(&pp, 0, sizeof pp);
    pp.g = g;
    pp.P = &P;
    pp.Q = &Q;
    pp.Pq = Btq;
    pp.Qq = Aq;
    pp.degq = degq;
    pp.ndegq = ndegq;
    if ((s = pair_all(g, o, r, &pp, pl, &full)) != EQ_OK)
        goto done;
    if (stopped)
        s = EQ_ERR_STOPPED;     /* the message of enumerate() stays */
    else if (full)
        r->sol = EQ_SOL_PARTIAL;
    else if (!P.degenerate && !Q.degenerate && r->count % 2 == 0)
        /* A nondegenerate game has an odd number of equilibria (Lemke and
        ** Howson 1964); an even count means the search lost a vertex. */
        s = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                      "enum: found %d equilibria in a nondegenerate game, "
                      "which must have an odd number; the game is numerically "
                      "too difficult", r->count);
done:
    search_free(&se);
    pool_free(pl);
    free(degq);
    poly_free(&P);
    poly_free(&Q);
    free(Bt);
    free(Ad);
    eqi_mpq_free(Btq, N);
    eqi_mpq_free(Aq, N);
    return s;
}
