/*
** sparseq.c -- sparse linear systems in exact rationals (GMP): Gaussian
** elimination on a row-wise sparse matrix with Markowitz-style pivoting,
** for the exact certificate of the correlated optimum (correlated.c),
** whose basis matrices are sparse (an incentive row of player p touches
** only the profiles where p is told the row's action).
** SPDX-License-Identifier: GPL-3.0-or-later
**
** THE ELIMINATION.  At each step the pivot is chosen among the active
** rows and columns by their counts of non-zero entries: the shortest row
** when no column is shorter, with, in it, the column of fewest entries;
** else the shortest column with, in it, the shortest row.  That is the
** cheap form of Markowitz's rule (minimise (r - 1)(c - 1) over the
** candidates of the shortest lines) and keeps the fill-in small; any
** non-zero pivot is exact, so no threshold on its size is needed.  The
** pivot row is then subtracted from every other active row holding the
** pivot column, found through per-column lists of rows (which may hold
** rows that lost the entry since: they are skipped when read).  The
** pivot rows, frozen from their step on, form a triangular system in the
** pivot order, solved backwards.
**
** THE TRANSPOSE.  The multipliers of every step are kept, so B^T y = c is
** solved on the same elimination: with E_s the row operations of step s
** and U = E_k ... E_1 B the frozen pivot rows, B^T y = c reads U^T w = c
** (triangular in the pivot order, solved forwards row by row) with
** y = E_1^T ... E_k^T w, each E_s^T changing only w at the pivot row.
**
** The guard is polled at every step (the cancellation callback, the time
** limit): a large system stops within one step of elimination.
*/
#include <stdlib.h>
#include <string.h>

#include "exact.h"

/* One sparse row: len entries (column, value), unordered. */
struct sprow {
    int *col;
    mpq_t *val;
    int len, cap;
};

/* Rows of the column lists: a growing array of row numbers. */
struct ilist {
    int *v;
    int len, cap;
};

struct spq {
    int k;
    struct sprow *row;
    struct ilist *cl;               /* per column: rows that held it */
    int *ccnt;                      /* per column: its entries in active rows */
    char *rdone, *cdone;
    int *pos;                       /* scatter of one row: column -> index, -1 */
    mpq_t *rhs;
    int keep;                       /* keep the multipliers (the transpose) */
    int *mq, mlen, mcap;            /* multipliers: rows eliminated, */
    mpq_t *mf;                      /* their factors, */
    int *mstart;                    /* step s's from mstart[s] */
    mpq_t f, t;
};

static int ilist_push(struct ilist *l, int v)
{
    if (l->len == l->cap) {
        int cap = l->cap ? 2 * l->cap : 4;
        int *nv = realloc(l->v, (size_t)cap * sizeof *nv);
        if (nv == NULL)
            return -1;
        l->v = nv;
        l->cap = cap;
    }
    l->v[l->len++] = v;
    return 0;
}

/* Room for one more entry in row r; 0, or -1 for lack of memory. */
static int row_grow(struct sprow *r)
{
    int cap;
    int *nc;
    mpq_t *nv;
    if (r->len < r->cap)
        return 0;
    cap = r->cap ? 2 * r->cap : 4;
    if ((nc = realloc(r->col, (size_t)cap * sizeof *nc)) == NULL)
        return -1;
    r->col = nc;
    if ((nv = realloc(r->val, (size_t)cap * sizeof *nv)) == NULL)
        return -1;
    r->val = nv;
    for (int i = r->cap; i < cap; i++)
        mpq_init(r->val[i]);
    r->cap = cap;
    return 0;
}

static void spq_free(struct spq *S)
{
    for (int i = 0; S->row != NULL && i < S->k; i++) {
        for (int j = 0; j < S->row[i].cap; j++)
            mpq_clear(S->row[i].val[j]);
        free(S->row[i].val);
        free(S->row[i].col);
    }
    for (int i = 0; S->cl != NULL && i < S->k; i++)
        free(S->cl[i].v);
    free(S->row);
    free(S->cl);
    free(S->ccnt);
    free(S->rdone);
    free(S->cdone);
    free(S->pos);
    free(S->mq);
    eqi_mpq_free(S->mf, (size_t)S->mcap);
    free(S->mstart);
    mpq_clears(S->f, S->t, NULL);
}

/* The index of column c in row r, or -1. */
static int row_find(const struct sprow *r, int c)
{
    for (int i = 0; i < r->len; i++)
        if (r->col[i] == c)
            return i;
    return -1;
}

/* The pivot (*pr, *pc) by the counts; 1 when some active line is empty
** (the matrix is singular). */
static int choose(const struct spq *S, int *pr, int *pc)
{
    int br = -1, bc = -1;
    for (int i = 0; i < S->k; i++) {
        if (!S->rdone[i] && (br < 0 || S->row[i].len < S->row[br].len))
            br = i;
        if (!S->cdone[i] && (bc < 0 || S->ccnt[i] < S->ccnt[bc]))
            bc = i;
    }
    if (S->row[br].len == 0 || S->ccnt[bc] == 0)
        return 1;
    if (S->row[br].len <= S->ccnt[bc]) {
        const struct sprow *r = &S->row[br];
        int j = 0;
        for (int i = 1; i < r->len; i++)
            if (S->ccnt[r->col[i]] < S->ccnt[r->col[j]])
                j = i;
        *pr = br;
        *pc = r->col[j];
        return 0;
    }
    *pc = bc;
    *pr = -1;
    for (int i = 0; i < S->cl[bc].len; i++) {
        int q = S->cl[bc].v[i];
        if (!S->rdone[q] && (*pr < 0 || S->row[q].len < S->row[*pr].len) &&
            row_find(&S->row[q], bc) >= 0)
            *pr = q;
    }
    return *pr < 0;
}

/* Keep S->f as the multiplier of row q at this step; 0, or -1. */
static int keep_factor(struct spq *S, int q)
{
    if (S->mlen == S->mcap) {
        int cap = S->mcap ? 2 * S->mcap : 64;
        int *nq = realloc(S->mq, (size_t)cap * sizeof *nq);
        mpq_t *nf;
        if (nq == NULL)
            return -1;
        S->mq = nq;
        if ((nf = realloc(S->mf, (size_t)cap * sizeof *nf)) == NULL)
            return -1;
        S->mf = nf;
        for (int i = S->mcap; i < cap; i++)
            mpq_init(S->mf[i]);
        S->mcap = cap;
    }
    S->mq[S->mlen] = q;
    mpq_set(S->mf[S->mlen++], S->f);
    return 0;
}

/* Row q -= (a_qc / a_rc) row r, column c dropping out of q; 0, or -1
** for lack of memory. */
static int eliminate(struct spq *S, int r, int c, int q)
{
    struct sprow *R = &S->row[r], *Q = &S->row[q];
    int at = row_find(Q, c), n;
    if (at < 0)
        return 0;                               /* a stale list entry */
    mpq_div(S->f, Q->val[at], R->val[row_find(R, c)]);
    if (S->keep && keep_factor(S, q) != 0)
        return -1;
    mpq_mul(S->t, S->f, S->rhs[r]);
    mpq_sub(S->rhs[q], S->rhs[q], S->t);
    mpq_set_ui(Q->val[at], 0, 1);
    for (int i = 0; i < Q->len; i++)
        S->pos[Q->col[i]] = i;
    for (int i = 0; i < R->len; i++) {
        int j = R->col[i];
        if (j == c)
            continue;
        mpq_mul(S->t, S->f, R->val[i]);
        if (S->pos[j] >= 0) {
            mpq_sub(Q->val[S->pos[j]], Q->val[S->pos[j]], S->t);
            continue;
        }
        if (row_grow(Q) != 0 || ilist_push(&S->cl[j], q) != 0) {
            for (int e = 0; e < Q->len; e++)
                S->pos[Q->col[e]] = -1;
            return -1;
        }
        S->pos[j] = Q->len;
        Q->col[Q->len] = j;
        mpq_neg(Q->val[Q->len++], S->t);
        S->ccnt[j]++;
    }
    /* Drop the zeros (column c's among them), keeping the rest. */
    n = 0;
    for (int i = 0; i < Q->len; i++) {
        S->pos[Q->col[i]] = -1;
        if (mpq_sgn(Q->val[i]) == 0) {
            S->ccnt[Q->col[i]]--;
            continue;
        }
        if (i != n) {
            Q->col[n] = Q->col[i];
            mpq_swap(Q->val[n], Q->val[i]);
        }
        n++;
    }
    Q->len = n;
    return 0;
}

/* Back substitution along the pivot order (ord: rows, oc: columns). */
static void back_solve(struct spq *S, const int *orow, const int *ocol, mpq_t *z)
{
    for (int s = S->k - 1; s >= 0; s--) {
        const struct sprow *R = &S->row[orow[s]];
        int at = -1;
        mpq_set(S->f, S->rhs[orow[s]]);
        for (int i = 0; i < R->len; i++) {
            if (R->col[i] == ocol[s]) {
                at = i;
                continue;
            }
            mpq_mul(S->t, R->val[i], z[R->col[i]]);
            mpq_sub(S->f, S->f, S->t);
        }
        mpq_div(z[ocol[s]], S->f, R->val[at]);
    }
}

/* B^T y = c on the kept elimination (THE TRANSPOSE above); c, indexed
** by column, is consumed; y is indexed by row. */
static void transpose_solve(struct spq *S, const int *orow, const int *ocol,
                            mpq_t *c, mpq_t *y)
{
    for (int s = 0; s < S->k; s++) {
        const struct sprow *R = &S->row[orow[s]];
        int at = row_find(R, ocol[s]);
        mpq_div(y[orow[s]], c[ocol[s]], R->val[at]);
        for (int i = 0; i < R->len; i++) {
            if (i == at)
                continue;
            mpq_mul(S->t, R->val[i], y[orow[s]]);
            mpq_sub(c[R->col[i]], c[R->col[i]], S->t);
        }
    }
    for (int s = S->k - 1; s >= 0; s--)
        for (int e = S->mstart[s]; e < S->mstart[s + 1]; e++) {
            mpq_mul(S->t, S->mf[e], y[S->mq[e]]);
            mpq_sub(y[orow[s]], y[orow[s]], S->t);
        }
}

/* Load the CSR input into S; 0, or -1 for lack of memory. */
static int load(struct spq *S, const int *rowptr, const int *colidx, mpq_t *val)
{
    int k = S->k;
    S->row = calloc((size_t)k, sizeof *S->row);
    S->cl = calloc((size_t)k, sizeof *S->cl);
    S->ccnt = calloc((size_t)k, sizeof *S->ccnt);
    S->rdone = calloc((size_t)k, 1);
    S->cdone = calloc((size_t)k, 1);
    S->pos = malloc((size_t)k * sizeof *S->pos);
    if (!S->row || !S->cl || !S->ccnt || !S->rdone || !S->cdone || !S->pos)
        return -1;
    for (int j = 0; j < k; j++)
        S->pos[j] = -1;
    for (int i = 0; i < k; i++)
        for (int e = rowptr[i]; e < rowptr[i + 1]; e++) {
            struct sprow *R = &S->row[i];
            if (mpq_sgn(val[e]) == 0)
                continue;
            if (row_grow(R) != 0 || ilist_push(&S->cl[colidx[e]], i) != 0)
                return -1;
            R->col[R->len] = colidx[e];
            mpq_swap(R->val[R->len++], val[e]);
            S->ccnt[colidx[e]]++;
        }
    return 0;
}

int eqi_sparse_solve(int k, const int *rowptr, const int *colidx, mpq_t *val,
                     mpq_t *rhs, mpq_t *z, mpq_t *c, mpq_t *y, eqi_guard *G)
{
    struct spq S;
    int *orow = NULL, *ocol = NULL, rc = 0;
    memset(&S, 0, sizeof S);
    S.k = k;
    S.rhs = rhs;
    mpq_inits(S.f, S.t, NULL);
    if (k <= 0) {
        spq_free(&S);
        return 0;
    }
    S.keep = c != NULL;
    orow = malloc((size_t)k * sizeof *orow);
    ocol = malloc((size_t)k * sizeof *ocol);
    if (S.keep)
        S.mstart = malloc(((size_t)k + 1) * sizeof *S.mstart);
    if (orow == NULL || ocol == NULL || (S.keep && S.mstart == NULL) ||
        load(&S, rowptr, colidx, val) != 0)
        rc = -1;
    for (int s = 0; s < k && rc == 0; s++) {
        int r, pc;
        const struct ilist *L;
        if (eqi_guard_poll(G)) {
            rc = 2;
            break;
        }
        if (choose(&S, &r, &pc) != 0) {
            rc = 1;
            break;
        }
        orow[s] = r;
        ocol[s] = pc;
        S.rdone[r] = S.cdone[pc] = 1;
        if (S.keep)
            S.mstart[s] = S.mlen;
        L = &S.cl[pc];
        for (int i = 0; i < L->len && rc == 0; i++)
            if (!S.rdone[L->v[i]])
                rc = eliminate(&S, r, pc, L->v[i]);
        for (int i = 0; i < S.row[r].len; i++)
            S.ccnt[S.row[r].col[i]]--;
    }
    if (rc == 0)
        back_solve(&S, orow, ocol, z);
    if (rc == 0 && S.keep) {
        S.mstart[k] = S.mlen;
        transpose_solve(&S, orow, ocol, c, y);
    }
    free(orow);
    free(ocol);
    spq_free(&S);
    return rc;
}
