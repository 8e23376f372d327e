/*
** lcp.c -- the dense complementary-pivoting tableau of lcp.h: allocation,
** the pivot and the lexicographic minimum-ratio test.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>

#include "alloc.h"
#include "lcp.h"

int eqi_lcp_alloc(eqi_lcp *T, int rows, int cols, int nvar, int condensed)
{
    T->rows = rows;
    T->cols = cols;
    T->w = (size_t)cols + 1;
    T->condensed = condensed;
    T->pivots = 0;
    T->t = calloc((size_t)rows * T->w + 1, sizeof *T->t);
    T->bas = malloc(((size_t)rows + 1) * sizeof *T->bas);
    T->nb = condensed ? malloc(((size_t)cols + 1) * sizeof *T->nb) : NULL;
    T->where = malloc(((size_t)nvar + 1) * sizeof *T->where);
    if (T->t == NULL || T->bas == NULL || (condensed && T->nb == NULL) || T->where == NULL)
        return -1;
    for (int r = 0; r < rows; r++)
        T->bas[r] = -1;
    for (int v = 0; v < nvar; v++)
        T->where[v] = -1;
    return 0;
}

void eqi_lcp_free(eqi_lcp *T)
{
    free(T->t);
    free(T->bas);
    free(T->nb);
    free(T->where);
    T->t = NULL;
    T->bas = T->nb = T->where = NULL;
}

double eqi_lcp_entry(const eqi_lcp *T, int r, int v)
{
    int pos;
    if (!T->condensed)
        return T->t[(size_t)r * T->w + (size_t)v];
    pos = T->where[v];
    if (pos >= 0)
        return T->t[(size_t)r * T->w + (size_t)pos];
    return r == -1 - pos ? 1.0 : 0.0;
}

/*
** Exchange the basic variable of row pr with the entering one of column
** pc.  With a = t[pr][pc], solving row pr for the entering variable and
** substituting it in every other row i gives
**
**     pivot row:  t[pr][c] / a;
**     row i:      t[i][c] - t[i][pc] t[pr][c] / a;
**
** and column pc becomes e_pr (full form) or, holding the variable that
** left (condensed form), 1/a in row pr and -t[i][pc]/a elsewhere.  Rows
** with t[i][pc] = 0 do not change and are skipped.  Each row is
** contiguous, so the update streams through memory once.
**
** This loop is nearly all of the running time of both Lemke methods.
** The library is compiled for the baseline instruction set, so where the
** compiler and C library can dispatch at load time (GCC or Clang, glibc,
** x86-64) a second copy is built for AVX2, which works on four doubles at
** a time instead of two.  Only "avx2" is named, not "fma": ISO C mode does
** not contract a - f * b, so both copies round alike and give identical
** results.  The load-time choice (an ifunc resolver) runs before
** ThreadSanitizer is set up and crashes it, so the second copy is left out
** there (EQ_NO_TARGET_CLONES, or a ThreadSanitizer build).
*/
#if defined(__x86_64__) && defined(__GLIBC__) && defined(__has_attribute) && \
    !defined(EQ_NO_TARGET_CLONES) && !defined(__SANITIZE_THREAD__)
#if __has_attribute(target_clones)
__attribute__((target_clones("avx2", "default")))
#endif
#endif
static void eliminate(double *t, size_t w, int rows, int pr, size_t cs, int condensed)
{
    double *prow = t + (size_t)pr * w;
    double inv = 1.0 / prow[cs];

    for (size_t c = 0; c < w; c++)
        prow[c] *= inv;
    prow[cs] = condensed ? inv : 1.0;
    for (int r = 0; r < rows; r++) {
        double *row = t + (size_t)r * w;
        double f = row[cs];
        if (r == pr || f == 0.0)
            continue;
        for (size_t c = 0; c < w; c++)
            row[c] -= f * prow[c];
        row[cs] = condensed ? -f * inv : 0.0;
    }
}

void eqi_lcp_pivot(eqi_lcp *T, int pr, int pc)
{
    int out = T->bas[pr];
    eliminate(T->t, T->w, T->rows, pr, (size_t)pc, T->condensed);
    if (T->condensed) {
        int in = T->nb[pc];
        T->bas[pr] = in;
        T->nb[pc] = out;
        T->where[in] = -1 - pr;
        T->where[out] = pc;
    } else {
        if (out >= 0)
            T->where[out] = -1;
        T->bas[pr] = pc;
        T->where[pc] = pr;
    }
    T->pivots++;
}

/* Keep the candidates whose key is within tol of the smallest (relative
** for keys above 1, absolute near 0); returns how many remain. */
static int keep_minimal(int *cand, double *key, int k, double tol)
{
    double best = key[0];
    int kept = 0;
    for (int c = 1; c < k; c++)
        if (key[c] < best)
            best = key[c];
    tol *= fmax(1.0, fabs(best));
    for (int c = 0; c < k; c++)
        if (key[c] <= best + tol) {
            cand[kept] = cand[c];
            key[kept++] = key[c];
        }
    return kept;
}

/* Whether row r's basic variable takes part in the ratio test. */
static int bounded(const eqi_lcp *T, const eqi_lcp_rule *R, int r)
{
    int v = T->bas[r];
    return !(v >= R->free_lo && v < R->free_hi);
}

int eqi_lcp_ratio(const eqi_lcp *T, int col, eqi_lcp_rule *R)
{
    size_t w = T->w, rhs = w - 1, cs = (size_t)col;
    double colmax = 0.0;
    int k = 0, best;

    for (int r = 0; r < T->rows; r++)
        if (bounded(T, R, r))
            colmax = fmax(colmax, T->t[(size_t)r * w + cs]);
    if (!(colmax > 0.0))
        return -1;
    for (int r = 0; r < T->rows; r++) {
        const double *row = T->t + (size_t)r * w;
        if (bounded(T, R, r) && row[cs] > R->piv_tol * colmax) {
            double b = (R->clamp_rhs && !(row[rhs] > 0.0)) ? 0.0 : row[rhs];
            R->key[k] = b / row[cs];
            R->cand[k++] = r;
        }
    }
    k = keep_minimal(R->cand, R->key, k, R->tie_tol);
    for (int j = 0; j < R->nfirst && j < R->nlex && k > 1; j++) {
        for (int c = 0; c < k; c++)
            R->key[c] = eqi_lcp_entry(T, R->cand[c], R->lex[j]) /
                        T->t[(size_t)R->cand[c] * w + cs];
        k = keep_minimal(R->cand, R->key, k, R->tie_tol);
    }
    if (R->prefer >= 0)
        for (int c = 0; c < k; c++)
            if (T->bas[R->cand[c]] == R->prefer)
                return R->cand[c];
    /* Ties: compare the rows of B0's columns, the coefficients of eps,
    ** eps^2, ... of the perturbed right-hand side. */
    for (int j = R->nfirst; j < R->nlex && k > 1; j++) {
        for (int c = 0; c < k; c++)
            R->key[c] = eqi_lcp_entry(T, R->cand[c], R->lex[j]) /
                        T->t[(size_t)R->cand[c] * w + cs];
        k = keep_minimal(R->cand, R->key, k, R->tie_tol);
    }
    best = R->cand[0];
    for (int c = 1; c < k; c++)
        if (T->t[(size_t)R->cand[c] * w + cs] > T->t[(size_t)best * w + cs])
            best = R->cand[c];
    return best;
}
