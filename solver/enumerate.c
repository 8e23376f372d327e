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
** Each polytope { z >= 0, M z <= 1 } is explored by depth-first search
** over its feasible bases, which form a connected graph even when the
** polytope is degenerate.  A basis is evaluated afresh from the small
** system of its tight rows, so no rounding accumulates along the search.
** Ties in the ratio test (degeneracy) are followed to every leaving row,
** and vertices are told apart by their label sets.  The search runs in
** double precision; every equilibrium it finds is then recomputed from
** its basis and checked in exact rational arithmetic (GMP): coordinates,
** feasibility, complementarity and a zero exact regret.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"

#define MAX_VERTICES 20000000u   /* per polytope: beyond this, give up */

/* ---- fixed-width bit sets and a hash set of them ------------------- */

typedef uint64_t word;

typedef struct keyset {
    int nw;            /* words per key */
    size_t count, cap; /* keys stored */
    word *keys;        /* count x nw */
    uint32_t *slot;    /* open addressing: key index + 1, 0 = empty */
    size_t nslot;      /* power of two */
} keyset;

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

static void keyset_free(keyset *s)
{
    free(s->keys);
    free(s->slot);
}

/* Find key; returns its index or -1, and in *where the slot it occupies
** or would occupy. */
static long keyset_find(const keyset *s, const word *k, size_t *where)
{
    size_t mask = s->nslot - 1, i = (size_t)hash_key(k, s->nw) & mask;
    for (;;) {
        uint32_t v = s->slot[i];
        if (v == 0) {
            *where = i;
            return -1;
        }
        if (memcmp(s->keys + (size_t)(v - 1) * (size_t)s->nw, k,
                   (size_t)s->nw * sizeof(word)) == 0) {
            *where = i;
            return (long)(v - 1);
        }
        i = (i + 1) & mask;
    }
}

static int keyset_rehash(keyset *s, size_t nslot)
{
    uint32_t *slot = calloc(nslot, sizeof *slot);
    if (slot == NULL)
        return -1;
    free(s->slot);
    s->slot = slot;
    s->nslot = nslot;
    for (size_t k = 0; k < s->count; k++) {
        size_t w;
        keyset_find(s, s->keys + k * (size_t)s->nw, &w);
        s->slot[w] = (uint32_t)(k + 1);
    }
    return 0;
}

static int keyset_init(keyset *s, int nw)
{
    memset(s, 0, sizeof *s);
    s->nw = nw;
    return keyset_rehash(s, 1024);
}

/* Insert k unless present.  Returns its index, with *isnew set; -1 when
** out of memory or past MAX_VERTICES. */
static long keyset_add(keyset *s, const word *k, int *isnew)
{
    size_t w;
    long idx = keyset_find(s, k, &w);
    *isnew = 0;
    if (idx >= 0)
        return idx;
    if (s->count >= MAX_VERTICES)
        return -1;
    if (s->count == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 256;
        word *nk = realloc(s->keys, cap * (size_t)s->nw * sizeof *nk);
        if (nk == NULL)
            return -1;
        s->keys = nk;
        s->cap = cap;
    }
    memcpy(s->keys + s->count * (size_t)s->nw, k, (size_t)s->nw * sizeof(word));
    s->slot[w] = (uint32_t)(s->count + 1);
    s->count++;
    *isnew = 1;
    if (2 * s->count > s->nslot &&
        keyset_rehash(s, 2 * s->nslot) != 0)
        return -1;
    return (long)(s->count - 1);
}

#define BIT_SET(k, i) ((k)[(i) >> 6] |= (word)1 << ((i) & 63))
#define BIT_CLR(k, i) ((k)[(i) >> 6] &= ~((word)1 << ((i) & 63)))
#define BIT_GET(k, i) (((k)[(i) >> 6] >> ((i) & 63)) & 1u)

/* ---- one polytope { z >= 0, M z <= 1 } ------------------------------ */

/* Variables are numbered 0..d-1 for z and d..d+k-1 for the slacks s of
** M z + s = 1.  Variable v carries game label lab[v]. */
typedef struct poly {
    int d, k, nw;
    const double *M;   /* k x d, row-major, entries in [1, 2] */
    int lab[2 * 64 * 8]; /* room for up to 1024 variables */
    double tol;
    /* A vertex: its label set (nw words) and one basis (nw words) */
    keyset verts;      /* label sets */
    word *vbasis;      /* one basis per vertex */
    size_t vcap;
    int degenerate;    /* some vertex has more labels than d */
    /* scratch for evaluating a basis */
    int *bz, *ns, *bs;
    double *lu, *zb, *val, *dir, *col;
    int *perm;
} poly;

/* LU factorisation with partial pivoting of the t x t matrix a (in
** place); returns -1 if it is numerically singular. */
static int lu_factor(double *a, int t, int *perm)
{
    for (int c = 0; c < t; c++) {
        int p = c;
        double best = fabs(a[c * t + c]);
        for (int r = c + 1; r < t; r++)
            if (fabs(a[r * t + c]) > best) {
                best = fabs(a[r * t + c]);
                p = r;
            }
        if (best < 1e-13)
            return -1;
        perm[c] = p;
        if (p != c)
            for (int j = 0; j < t; j++) {
                double tmp = a[c * t + j];
                a[c * t + j] = a[p * t + j];
                a[p * t + j] = tmp;
            }
        for (int r = c + 1; r < t; r++) {
            double f = (a[r * t + c] /= a[c * t + c]);
            if (f != 0.0)
                for (int j = c + 1; j < t; j++)
                    a[r * t + j] -= f * a[c * t + j];
        }
    }
    return 0;
}

/* Solve (LU) x = b in place. */
static void lu_solve(const double *a, int t, const int *perm, double *b)
{
    /* Rows were swapped whole, multipliers included, so the swaps are
    ** applied to b first and the substitution follows (as LAPACK's
    ** dgetrs does). */
    for (int c = 0; c < t; c++)
        if (perm[c] != c) {
            double tmp = b[c];
            b[c] = b[perm[c]];
            b[perm[c]] = tmp;
        }
    for (int c = 0; c < t; c++)
        for (int r = c + 1; r < t; r++)
            b[r] -= a[r * t + c] * b[c];
    for (int r = t - 1; r >= 0; r--) {
        double s = b[r];
        for (int j = r + 1; j < t; j++)
            s -= a[r * t + j] * b[j];
        b[r] = s / a[r * t + r];
    }
}

/* Evaluate basis b: record its vertex and write the feasible neighbour
** bases into nb (room for d*k bases), their count into *nnb.
** Returns 0, 1 if the basis is numerically unusable (skipped), -1 on
** failure (no memory, too many vertices). */
static int visit(poly *P, const word *b, word *nb, size_t *nnb, word *lab)
{
    int d = P->d, k = P->k, nw = P->nw, t = 0, nbs = 0, nn = 0;
    const double *M = P->M;
    double tol = P->tol;
    int isnew;
    long vi;

    for (int i = 0; i < d; i++)
        if (BIT_GET(b, i))
            P->bz[t++] = i;
    for (int r = 0; r < k; r++) {
        if (BIT_GET(b, d + r))
            P->bs[nbs++] = r;
        else
            P->ns[nn++] = r;
    }
    if (nn != t)
        return 1;
    /* Mt = M[Ns, Bz]; z_B = Mt^-1 1; s_r = 1 - M[r, Bz] z_B. */
    for (int a = 0; a < t; a++)
        for (int c = 0; c < t; c++)
            P->lu[a * t + c] = M[P->ns[a] * d + P->bz[c]];
    if (t > 0 && lu_factor(P->lu, t, P->perm) != 0)
        return 1;
    for (int a = 0; a < t; a++)
        P->zb[a] = 1.0;
    if (t > 0)
        lu_solve(P->lu, t, P->perm, P->zb);
    /* val[] holds the values of the basic variables: first z_B, then s_Bs. */
    for (int a = 0; a < t; a++)
        P->val[a] = P->zb[a];
    for (int q = 0; q < nbs; q++) {
        double s = 1.0;
        const double *row = M + P->bs[q] * d;
        for (int a = 0; a < t; a++)
            s -= row[P->bz[a]] * P->zb[a];
        P->val[t + q] = s;
    }
    /* Label set: nonbasic variables and basic ones at zero. */
    memset(lab, 0, (size_t)nw * sizeof *lab);
    for (int v = 0; v < d + k; v++)
        if (!BIT_GET(b, v))
            BIT_SET(lab, P->lab[v]);
    for (int a = 0; a < t + nbs; a++) {
        if (P->val[a] < -tol)
            return 1;          /* not feasible: should not be reached */
        if (P->val[a] <= tol) {
            int v = a < t ? P->bz[a] : d + P->bs[a - t];
            BIT_SET(lab, P->lab[v]);
            P->degenerate = 1;
        }
    }
    vi = keyset_add(&P->verts, lab, &isnew);
    if (vi < 0)
        return -1;
    if (isnew) {
        if ((size_t)vi >= P->vcap) {
            size_t cap = P->vcap ? 2 * P->vcap : 256;
            word *nbv = realloc(P->vbasis, cap * (size_t)nw * sizeof *nbv);
            if (nbv == NULL)
                return -1;
            P->vbasis = nbv;
            P->vcap = cap;
        }
        memcpy(P->vbasis + (size_t)vi * (size_t)nw, b, (size_t)nw * sizeof *b);
    }
    /* Neighbours: each nonbasic variable enters; the basic variables that
    ** reach zero first leave (all of them when several tie). */
    *nnb = 0;
    for (int v = 0; v < d + k; v++) {
        double theta = HUGE_VAL;
        if (BIT_GET(b, v))
            continue;
        /* Direction of the basic variables as v rises by one. */
        if (v < d) {
            for (int a = 0; a < t; a++)
                P->col[a] = M[P->ns[a] * d + v];
        } else {
            for (int a = 0; a < t; a++)
                P->col[a] = (P->ns[a] == v - d) ? 1.0 : 0.0;
        }
        if (t > 0)
            lu_solve(P->lu, t, P->perm, P->col);
        for (int a = 0; a < t; a++)
            P->dir[a] = -P->col[a];
        for (int q = 0; q < nbs; q++) {
            const double *row = M + P->bs[q] * d;
            double s = v < d ? -row[v] : 0.0;
            for (int a = 0; a < t; a++)
                s -= row[P->bz[a]] * P->dir[a];
            P->dir[t + q] = s;
        }
        for (int a = 0; a < t + nbs; a++)
            if (P->dir[a] < -tol) {
                double r = (P->val[a] > 0 ? P->val[a] : 0.0) / -P->dir[a];
                if (r < theta)
                    theta = r;
            }
        if (theta == HUGE_VAL)
            continue;          /* unbounded edge: impossible for M > 0 */
        for (int a = 0; a < t + nbs; a++) {
            double r;
            word *o;
            if (!(P->dir[a] < -tol))
                continue;
            r = (P->val[a] > 0 ? P->val[a] : 0.0) / -P->dir[a];
            if (r > theta + tol * (1.0 + theta))
                continue;
            if (r > theta)
                P->degenerate = 1;
            o = nb + *nnb * (size_t)nw;
            memcpy(o, b, (size_t)nw * sizeof *o);
            BIT_SET(o, v);
            BIT_CLR(o, a < t ? P->bz[a] : d + P->bs[a - t]);
            (*nnb)++;
        }
    }
    return 0;
}

/* Enumerate every vertex of P by depth-first search over feasible bases.
** Returns EQ_OK or an error status with the message in err. */
static eq_status enumerate(poly *P, char *err)
{
    int nw = P->nw, d = P->d, k = P->k;
    keyset bases;
    word *stack = NULL, *nb = NULL, lab[16], *b;
    size_t sp = 0, scap = 1024, nnb;
    eq_status s = EQ_OK;
    int isnew;

    if (keyset_init(&bases, nw) != 0 || keyset_init(&P->verts, nw) != 0)
        goto nomem;
    stack = malloc(scap * (size_t)nw * sizeof *stack);
    nb = malloc(((size_t)d + 1) * ((size_t)k + 1) * (size_t)nw * sizeof *nb);
    if (stack == NULL || nb == NULL)
        goto nomem;
    /* Start at the origin: every slack basic. */
    memset(stack, 0, (size_t)nw * sizeof *stack);
    for (int r = 0; r < k; r++)
        BIT_SET(stack, d + r);
    if (keyset_add(&bases, stack, &isnew) < 0)
        goto nomem;
    sp = 1;
    while (sp > 0) {
        int rc;
        sp--;
        b = stack + sp * (size_t)nw;
        rc = visit(P, b, nb, &nnb, lab);
        if (rc < 0)
            goto limit;
        if (rc > 0)
            continue;
        for (size_t q = 0; q < nnb; q++) {
            const word *o = nb + q * (size_t)nw;
            if (keyset_add(&bases, o, &isnew) < 0)
                goto limit;
            if (!isnew)
                continue;
            if (sp == scap) {
                word *ns = realloc(stack, 2 * scap * (size_t)nw * sizeof *ns);
                if (ns == NULL)
                    goto nomem;
                stack = ns;
                scap *= 2;
            }
            memcpy(stack + sp * (size_t)nw, o, (size_t)nw * sizeof *o);
            sp++;
        }
    }
    goto done;
limit:
    if (bases.count >= MAX_VERTICES || P->verts.count >= MAX_VERTICES)
        s = eqi_error(err, EQ_ERR_LIMIT,
                      "enum: more than %u vertices; the game is too large to enumerate (try -m lemke)",
                      MAX_VERTICES);
    else
        s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    goto done;
nomem:
    s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
done:
    keyset_free(&bases);
    free(stack);
    free(nb);
    return s;
}

static void poly_free(poly *P)
{
    keyset_free(&P->verts);
    free(P->vbasis);
    free(P->bz);
    free(P->ns);
    free(P->bs);
    free(P->lu);
    free(P->zb);
    free(P->val);
    free(P->dir);
    free(P->col);
    free(P->perm);
}

static int poly_init(poly *P, int d, int k, int nw, const double *M, double tol)
{
    size_t dk = (size_t)(d + k);
    memset(P, 0, sizeof *P);
    P->d = d;
    P->k = k;
    P->nw = nw;
    P->M = M;
    P->tol = tol;
    P->bz = malloc(dk * sizeof(int));
    P->ns = malloc(dk * sizeof(int));
    P->bs = malloc(dk * sizeof(int));
    P->perm = malloc(dk * sizeof(int));
    P->lu = malloc(dk * dk * sizeof(double));
    P->zb = malloc(dk * sizeof(double));
    P->val = malloc(dk * sizeof(double));
    P->dir = malloc(dk * sizeof(double));
    P->col = malloc(dk * sizeof(double));
    return (P->bz && P->ns && P->bs && P->perm && P->lu && P->zb && P->val &&
            P->dir && P->col) ? 0 : -1;
}

/* ---- exact recomputation -------------------------------------------- */

/* The exact vertex of { z >= 0, Mq z <= 1 } with basis b, normalised to a
** probability vector in out (d values).  Checks exactly that the basic
** values are nonnegative and that every label in want holds.  Returns 0,
** or -1 if the basis does not give such a point. */
static int exact_vertex(const poly *P, mpq_t *Mq, const word *b,
                        const word *want, mpq_t *out)
{
    int d = P->d, k = P->k, t = 0, nn = 0, ok = 0;
    int *bz = malloc((size_t)(d + k) * sizeof *bz);
    int *ns = malloc((size_t)(d + k) * sizeof *ns);
    mpq_t *A = NULL, *rhs = NULL, *z = NULL, sum, acc, tmp;

    mpq_inits(sum, acc, tmp, NULL);
    if (bz == NULL || ns == NULL) {
        ok = -1;
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
    if (nn != t || A == NULL || rhs == NULL || z == NULL) {
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

/* Verify the pair (vertex xi of P, vertex yi of Q) exactly and add it.
** Returns EQ_OK or an error status. */
static eq_status add_pair(const eq_game *g, const eq_solve_opts *o,
                          eq_result *r, const poly *P, mpq_t *Pq,
                          size_t xi, const poly *Q, mpq_t *Qq, size_t yi,
                          mpq_t *x, mpq_t *y, int *full)
{
    int m = g->nact[0], n = g->nact[1], nw = P->nw;
    mpq_t reg, p1, p2;
    int bad;

    if (o->max_equilibria > 0 && r->count >= o->max_equilibria) {
        *full = 1;
        return EQ_OK;
    }
    if (exact_vertex(P, Pq, P->vbasis + xi * (size_t)nw,
                     P->verts.keys + xi * (size_t)nw, x) != 0 ||
        exact_vertex(Q, Qq, Q->vbasis + yi * (size_t)nw,
                     Q->verts.keys + yi * (size_t)nw, y) != 0)
        return eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                         "enum: a vertex failed exact verification; the game "
                         "is numerically too difficult for the double-precision search");
    mpq_inits(reg, p1, p2, NULL);
    eqi_exact_regret2(g, x, y, reg, p1, p2);
    bad = mpq_sgn(reg) != 0;
    mpq_clears(reg, p1, p2, NULL);
    if (bad)
        return eqi_error(r->errmsg, EQ_ERR_INTERNAL,
                         "enum: complementary pair has nonzero exact regret");
    if (o->exact) {
        if (eqi_result_add_exact(r, g, x, y) < 0)
            return EQ_ERR_NOMEM;
    } else {
        double *probs = malloc((size_t)(m + n) * sizeof *probs);
        int k;
        if (probs == NULL)
            return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        for (int i = 0; i < m; i++)
            probs[i] = mpq_get_d(x[i]);
        for (int j = 0; j < n; j++)
            probs[m + j] = mpq_get_d(y[j]);
        k = eqi_result_add(r, g, probs);
        free(probs);
        if (k < 0)
            return EQ_ERR_NOMEM;
    }
    return EQ_OK;
}

eq_status eqi_solve_enum(const eq_game *g, const eq_solve_opts *o,
                         eq_result *r)
{
    int m = g->nact[0], n = g->nact[1], L = m + n, nw = (L + 63) / 64;
    size_t N = (size_t)m * (size_t)n;
    double *Bt = NULL, *Ad = NULL;
    mpq_t *Btq = NULL, *Aq = NULL, *x = NULL, *y = NULL;
    poly P, Q;
    word all[16], want[16];
    eq_status s = EQ_OK;
    int full = 0;
    size_t *degq = NULL, ndegq = 0;

    memset(&P, 0, sizeof P);
    memset(&Q, 0, sizeof Q);
    if (L > 1024)
        return eqi_error(r->errmsg, EQ_ERR_LIMIT,
                         "enum: %d x %d is too large to enumerate (try -m lemke)", m, n);
    Bt = malloc(N * sizeof *Bt);
    Ad = malloc(N * sizeof *Ad);
    Btq = eqi_mpq_alloc(N);
    Aq = eqi_mpq_alloc(N);
    x = eqi_mpq_alloc((size_t)m);
    y = eqi_mpq_alloc((size_t)n);
    if (!Bt || !Ad || !Btq || !Aq || !x || !y ||
        poly_init(&P, m, n, nw, Bt, o->tol) != 0 ||
        poly_init(&Q, n, m, nw, Ad, o->tol) != 0) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    scaled_matrix(g, 1, 1, Bt, Btq);   /* P: rows are player 2's actions */
    scaled_matrix(g, 0, 0, Ad, Aq);    /* Q: rows are player 1's actions */
    for (int i = 0; i < m; i++) P.lab[i] = i;
    for (int j = 0; j < n; j++) P.lab[m + j] = m + j;
    for (int j = 0; j < n; j++) Q.lab[j] = m + j;
    for (int i = 0; i < m; i++) Q.lab[n + i] = i;

    if ((s = enumerate(&P, r->errmsg)) != EQ_OK ||
        (s = enumerate(&Q, r->errmsg)) != EQ_OK)
        goto done;

    degq = malloc((Q.verts.count + 1) * sizeof *degq);
    if (degq == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t q = 0; q < Q.verts.count; q++)
        if (popcount(Q.verts.keys + q * (size_t)nw, nw) > n)
            degq[ndegq++] = q;
    memset(all, 0, sizeof all);
    for (int i = 0; i < L; i++)
        BIT_SET(all, i);
    /* A vertex with exactly d labels (nondegenerate) can only pair with
    ** the vertex whose label set is its complement, found by hashing.  A
    ** vertex with more labels may pair with several, so the few such
    ** vertices are compared with every vertex of the other polytope. */
    for (size_t xi = 0; xi < P.verts.count && !full; xi++) {
        const word *lx = P.verts.keys + xi * (size_t)nw;
        int xdeg = popcount(lx, nw) > m;
        if (has_all(lx, 0, m))
            continue;                   /* the origin: x = 0 */
        if (!xdeg) {
            size_t w;
            long yi;
            for (int q = 0; q < nw; q++)
                want[q] = all[q] & ~lx[q];
            yi = keyset_find(&Q.verts, want, &w);
            if (yi >= 0 && (s = add_pair(g, o, r, &P, Btq, xi, &Q, Aq,
                                         (size_t)yi, x, y, &full)) != EQ_OK)
                goto done;
        }
        for (size_t q = 0; q < Q.verts.count && !full; q++) {
            size_t yi = xdeg ? q : (q < ndegq ? degq[q] : Q.verts.count);
            const word *ly;
            int cover = 1;
            if (yi >= Q.verts.count)
                break;
            ly = Q.verts.keys + yi * (size_t)nw;
            for (int u = 0; u < nw && cover; u++)
                cover = (lx[u] | ly[u]) == all[u];
            if (!cover || has_all(ly, m, L))
                continue;
            if ((s = add_pair(g, o, r, &P, Btq, xi, &Q, Aq, yi, x, y,
                              &full)) != EQ_OK)
                goto done;
        }
    }
    if (full)
        r->sol = EQ_SOL_PARTIAL;
    else if (!P.degenerate && !Q.degenerate && r->count % 2 == 0)
        /* A nondegenerate game has an odd number of equilibria (Lemke and
        ** Howson 1964); an even count means the search lost a vertex. */
        s = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                      "enum: found %d equilibria in a nondegenerate game, "
                      "which must have an odd number; the game is numerically "
                      "too difficult", r->count);
done:
    free(degq);
    poly_free(&P);
    poly_free(&Q);
    free(Bt);
    free(Ad);
    eqi_mpq_free(Btq, N);
    eqi_mpq_free(Aq, N);
    eqi_mpq_free(x, (size_t)m);
    eqi_mpq_free(y, (size_t)n);
    return s;
}
