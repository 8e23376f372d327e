/*
** lp.c -- linear and mixed integer programming on GLPK, behind a guard
** that checks arguments, silences GLPK and contains its error hook.  See
** lp.h for the design; this is the only file that includes glpk.h.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "lp.h"

#define LP_MAX_DIM 100000000   /* GLPK's limit on rows and on columns */
#define LP_MAX_NNZ 500000000   /* GLPK's limit on matrix entries */

struct eqi_lp {
    int m, n;                   /* rows, columns */
    eqi_lp_dir dir;
    double *obj;                /* n objective coefficients */
    double *clo, *chi;          /* n column bounds, +-HUGE_VAL if none */
    double *rlo, *rhi;          /* m row bounds */
    unsigned char *cint;        /* n flags: integer column */
    int nint;                   /* number of integer columns */
    /* The matrix as triplets, 1-based the way glp_load_matrix takes them:
    ** slot 0 is unused, entries live in 1..nnz. */
    int nnz, cap;
    int *ia, *ja;
    double *ar;
    /* Warm start: requested statuses (eqi_lp_bstat, 0 = not set), or
    ** NULL when GLPK's standard basis is to be used. */
    unsigned char *wcstat, *wrstat;
    /* Results of the last solve. */
    eqi_lp_sol status;
    double objval;
    int iters;                  /* simplex iterations of the last solve */
    double *cprim, *cdual;      /* n */
    double *rprim, *rdual;      /* m */
    unsigned char *cstat, *rstat; /* eqi_lp_bstat of columns, rows */
    int has_ranges;
    double *cost_rng;           /* 2n: column cost range lo, hi */
    double *cbnd_rng;           /* 2n: column active bound range */
    double *rbnd_rng;           /* 2m: row active bound range */
    /* Capacity: the column and row arrays hold capn and capm entries
    ** (eqi_lp_reset reuses them); the ranges, 2 capn and 2 capm. */
    int capn, capm;
    /* check_duplicates' scratch, kept for the next solve. */
    int *chk;
    size_t capchk;
    char errmsg[EQI_ERRMAX];
};

/* What eqi_lp_solve and GLPK's hooks share for one call.  It lives on the
** caller's stack: no global state. */
struct guard {
    jmp_buf jb;
    int crashed;                /* GLPK called its error hook */
    glp_prob *P;                /* the problem being solved, or NULL */
    char msg[384];              /* GLPK's error text */
    size_t len;
    int newline;                /* a line ended: separate the next one */
};

/* ------------------------------------------------------------------ */
/* Creation and data                                                    */
/* ------------------------------------------------------------------ */

void eqi_lp_parm_init(eqi_lp_parm *p)
{
    if (p == NULL)
        return;
    memset(p, 0, sizeof *p);
    p->method = EQI_LP_PRIMAL;
    p->scale = 1;
}

/* malloc of k elements of size sz, at least one so that 0 rows work. */
static void *alloc_n(size_t k, size_t sz)
{
    return malloc((k ? k : 1) * sz);
}

void eqi_lp_free(eqi_lp *lp)
{
    if (lp == NULL)
        return;
    free(lp->obj);
    free(lp->clo);
    free(lp->chi);
    free(lp->rlo);
    free(lp->rhi);
    free(lp->cint);
    free(lp->ia);
    free(lp->ja);
    free(lp->ar);
    free(lp->cprim);
    free(lp->cdual);
    free(lp->rprim);
    free(lp->rdual);
    free(lp->cstat);
    free(lp->rstat);
    free(lp->cost_rng);
    free(lp->cbnd_rng);
    free(lp->rbnd_rng);
    free(lp->wcstat);
    free(lp->wrstat);
    free(lp->chk);
    free(lp);
}

eq_status eqi_lp_new(eqi_lp **out, int nrows, int ncols, eqi_lp_dir dir)
{
    eqi_lp *lp;
    size_t m, n;
    if (out == NULL)
        return EQ_ERR_ARG;
    *out = NULL;
    if (nrows < 0 || nrows > LP_MAX_DIM || ncols < 1 || ncols > LP_MAX_DIM ||
        (dir != EQI_LP_MIN && dir != EQI_LP_MAX))
        return EQ_ERR_ARG;
    m = (size_t)nrows;
    n = (size_t)ncols;
    if ((lp = calloc(1, sizeof *lp)) == NULL)
        return EQ_ERR_NOMEM;
    lp->m = nrows;
    lp->n = ncols;
    lp->capm = nrows ? nrows : 1;
    lp->capn = ncols;
    lp->dir = dir;
    lp->obj = calloc(n, sizeof *lp->obj);
    lp->clo = alloc_n(n, sizeof *lp->clo);
    lp->chi = alloc_n(n, sizeof *lp->chi);
    lp->rlo = alloc_n(m, sizeof *lp->rlo);
    lp->rhi = alloc_n(m, sizeof *lp->rhi);
    lp->cint = calloc(n, 1);
    lp->cprim = calloc(n, sizeof *lp->cprim);
    lp->cdual = calloc(n, sizeof *lp->cdual);
    lp->rprim = calloc(m ? m : 1, sizeof *lp->rprim);
    lp->rdual = calloc(m ? m : 1, sizeof *lp->rdual);
    lp->cstat = calloc(n, 1);
    lp->rstat = calloc(m ? m : 1, 1);
    if (!lp->obj || !lp->clo || !lp->chi || !lp->rlo || !lp->rhi ||
        !lp->cint || !lp->cprim || !lp->cdual || !lp->rprim || !lp->rdual ||
        !lp->cstat || !lp->rstat) {
        eqi_lp_free(lp);
        return EQ_ERR_NOMEM;
    }
    for (size_t j = 0; j < n; j++) {
        lp->clo[j] = 0.0;
        lp->chi[j] = HUGE_VAL;
    }
    for (size_t i = 0; i < m; i++) {
        lp->rlo[i] = -HUGE_VAL;
        lp->rhi[i] = HUGE_VAL;
    }
    lp->status = EQI_LP_UNSOLVED;
    *out = lp;
    return EQ_OK;
}

/* Grow the array p to k elements, keeping its contents: evaluates to 0,
** or -1 (p unchanged) for lack of memory.  q: a void * of the caller. */
#define REGROW(p, k, q) \
    (((q) = realloc((p), (k) * sizeof *(p))) != NULL ? ((p) = (q), 0) : -1)

eq_status eqi_lp_reset(eqi_lp *lp, int nrows, int ncols, eqi_lp_dir dir)
{
    size_t m, n;
    void *q;
    if (lp == NULL || nrows < 0 || nrows > LP_MAX_DIM || ncols < 1 ||
        ncols > LP_MAX_DIM || (dir != EQI_LP_MIN && dir != EQI_LP_MAX))
        return EQ_ERR_ARG;
    m = (size_t)nrows;
    n = (size_t)ncols;
    /* Grow first: a failure leaves the LP as it was (an array already
    ** grown keeps its contents; the capacity counts only when all are). */
    if (ncols > lp->capn) {
        if (REGROW(lp->obj, n, q) || REGROW(lp->clo, n, q) ||
            REGROW(lp->chi, n, q) || REGROW(lp->cint, n, q) ||
            REGROW(lp->cprim, n, q) ||
            REGROW(lp->cdual, n, q) || REGROW(lp->cstat, n, q))
            return eqi_error(lp->errmsg, EQ_ERR_NOMEM, "lp: out of memory");
        free(lp->cost_rng);         /* reallocated at the next ranging */
        free(lp->cbnd_rng);
        lp->cost_rng = lp->cbnd_rng = NULL;
        lp->capn = ncols;
    }
    if (nrows > lp->capm) {
        if (REGROW(lp->rlo, m, q) || REGROW(lp->rhi, m, q) ||
            REGROW(lp->rprim, m, q) ||
            REGROW(lp->rdual, m, q) || REGROW(lp->rstat, m, q))
            return eqi_error(lp->errmsg, EQ_ERR_NOMEM, "lp: out of memory");
        free(lp->rbnd_rng);
        lp->rbnd_rng = NULL;
        lp->capm = nrows;
    }
    free(lp->wcstat);               /* no warm start, as eqi_lp_new */
    free(lp->wrstat);
    lp->wcstat = lp->wrstat = NULL;
    lp->m = nrows;
    lp->n = ncols;
    lp->dir = dir;
    lp->nnz = 0;
    lp->nint = 0;
    memset(lp->obj, 0, n * sizeof *lp->obj);
    memset(lp->cint, 0, n);
    memset(lp->cprim, 0, n * sizeof *lp->cprim);
    memset(lp->cdual, 0, n * sizeof *lp->cdual);
    memset(lp->cstat, 0, n);
    for (size_t j = 0; j < n; j++) {
        lp->clo[j] = 0.0;
        lp->chi[j] = HUGE_VAL;
    }
    memset(lp->rprim, 0, m * sizeof *lp->rprim);
    memset(lp->rdual, 0, m * sizeof *lp->rdual);
    memset(lp->rstat, 0, m);
    for (size_t i = 0; i < m; i++) {
        lp->rlo[i] = -HUGE_VAL;
        lp->rhi[i] = HUGE_VAL;
    }
    lp->status = EQI_LP_UNSOLVED;
    lp->has_ranges = 0;
    lp->objval = 0.0;
    lp->iters = 0;
    lp->errmsg[0] = '\0';
    return EQ_OK;
}

int eqi_lp_rows(const eqi_lp *lp) { return lp ? lp->m : 0; }
int eqi_lp_cols(const eqi_lp *lp) { return lp ? lp->n : 0; }
const char *eqi_lp_errmsg(const eqi_lp *lp) { return lp ? lp->errmsg : ""; }

/* Data changed: the old solution no longer describes the LP. */
static void invalidate(eqi_lp *lp)
{
    lp->status = EQI_LP_UNSOLVED;
    lp->has_ranges = 0;
}

/* Whether [lo, hi] is a usable pair of bounds. */
static int bounds_ok(double lo, double hi)
{
    return !isnan(lo) && !isnan(hi) && lo < HUGE_VAL && hi > -HUGE_VAL &&
           lo <= hi;
}

eq_status eqi_lp_set_obj(eqi_lp *lp, int j, double c)
{
    if (lp == NULL)
        return EQ_ERR_ARG;
    if (j < 0 || j >= lp->n)
        return eqi_error(lp->errmsg, EQ_ERR_ARG, "lp: column %d out of range", j);
    if (!isfinite(c))
        return eqi_error(lp->errmsg, EQ_ERR_ARG,
                         "lp: objective coefficient of column %d is not finite", j);
    lp->obj[j] = c;
    invalidate(lp);
    return EQ_OK;
}

eq_status eqi_lp_set_col_bounds(eqi_lp *lp, int j, double lo, double hi)
{
    if (lp == NULL)
        return EQ_ERR_ARG;
    if (j < 0 || j >= lp->n)
        return eqi_error(lp->errmsg, EQ_ERR_ARG, "lp: column %d out of range", j);
    if (!bounds_ok(lo, hi))
        return eqi_error(lp->errmsg, EQ_ERR_ARG,
                         "lp: column %d: invalid bounds [%g, %g]", j, lo, hi);
    lp->clo[j] = lo;
    lp->chi[j] = hi;
    invalidate(lp);
    return EQ_OK;
}

eq_status eqi_lp_set_row_bounds(eqi_lp *lp, int i, double lo, double hi)
{
    if (lp == NULL)
        return EQ_ERR_ARG;
    if (i < 0 || i >= lp->m)
        return eqi_error(lp->errmsg, EQ_ERR_ARG, "lp: row %d out of range", i);
    if (!bounds_ok(lo, hi))
        return eqi_error(lp->errmsg, EQ_ERR_ARG,
                         "lp: row %d: invalid bounds [%g, %g]", i, lo, hi);
    lp->rlo[i] = lo;
    lp->rhi[i] = hi;
    invalidate(lp);
    return EQ_OK;
}

eq_status eqi_lp_set_col_integer(eqi_lp *lp, int j, int integer)
{
    unsigned char v = integer ? 1 : 0;
    if (lp == NULL)
        return EQ_ERR_ARG;
    if (j < 0 || j >= lp->n)
        return eqi_error(lp->errmsg, EQ_ERR_ARG, "lp: column %d out of range", j);
    lp->nint += (int)v - (int)lp->cint[j];
    lp->cint[j] = v;
    invalidate(lp);
    return EQ_OK;
}

/* Make room for k more entries, for exactly that many when exact is set,
** else doubling.  Returns 0, or -1 (message on lp). */
static int grow_entries(eqi_lp *lp, size_t k, int exact)
{
    size_t need = (size_t)lp->nnz + k, cap;
    void *p;
    if (need > LP_MAX_NNZ) {
        eqi_error(lp->errmsg, EQ_ERR_ARG, "lp: more than %d matrix entries",
                  LP_MAX_NNZ);
        return -1;
    }
    if (need <= (size_t)lp->cap)
        return 0;
    cap = exact ? need : lp->cap ? 2 * (size_t)lp->cap : 64;
    while (cap < need)
        cap *= 2;
    if (cap > LP_MAX_NNZ)
        cap = LP_MAX_NNZ;
    /* One spare slot: GLPK's arrays start at index 1. */
    if ((p = realloc(lp->ia, (cap + 1) * sizeof *lp->ia)) == NULL) goto nomem;
    lp->ia = p;
    if ((p = realloc(lp->ja, (cap + 1) * sizeof *lp->ja)) == NULL) goto nomem;
    lp->ja = p;
    if ((p = realloc(lp->ar, (cap + 1) * sizeof *lp->ar)) == NULL) goto nomem;
    lp->ar = p;
    lp->cap = (int)cap;
    return 0;
nomem:
    eqi_error(lp->errmsg, EQ_ERR_NOMEM, "lp: out of memory");
    return -1;
}

static int reserve(eqi_lp *lp, size_t k)
{
    return grow_entries(lp, k, 0);
}

static int reserve_exact(eqi_lp *lp, size_t k)
{
    return grow_entries(lp, k, 1);
}

eq_status eqi_lp_reserve(eqi_lp *lp, size_t nnz)
{
    if (lp == NULL)
        return EQ_ERR_ARG;
    if (nnz <= (size_t)lp->nnz)
        return EQ_OK;
    if (reserve_exact(lp, nnz - (size_t)lp->nnz) != 0)
        return nnz > LP_MAX_NNZ ? EQ_ERR_ARG : EQ_ERR_NOMEM;
    return EQ_OK;
}

eq_status eqi_lp_add_entries(eqi_lp *lp, int k, const int *row,
                             const int *col, const double *val)
{
    int t, w;
    if (lp == NULL)
        return EQ_ERR_ARG;
    if (k < 0 || (k > 0 && (row == NULL || col == NULL || val == NULL)))
        return eqi_error(lp->errmsg, EQ_ERR_ARG, "lp: invalid entry arrays");
    /* Check everything before appending anything. */
    for (t = 0; t < k; t++) {
        if (row[t] < 0 || row[t] >= lp->m || col[t] < 0 || col[t] >= lp->n)
            return eqi_error(lp->errmsg, EQ_ERR_ARG,
                             "lp: entry %d at (%d, %d) out of range", t, row[t],
                             col[t]);
        if (!isfinite(val[t]))
            return eqi_error(lp->errmsg, EQ_ERR_ARG,
                             "lp: entry %d at (%d, %d) is not finite", t,
                             row[t], col[t]);
    }
    if (reserve(lp, (size_t)k) != 0)
        return (size_t)lp->nnz + (size_t)k > LP_MAX_NNZ ? EQ_ERR_ARG
                                                        : EQ_ERR_NOMEM;
    for (t = 0, w = lp->nnz; t < k; t++) {
        if (val[t] == 0.0)
            continue;
        w++;
        lp->ia[w] = row[t] + 1;
        lp->ja[w] = col[t] + 1;
        lp->ar[w] = val[t];
    }
    lp->nnz = w;
    invalidate(lp);
    return EQ_OK;
}

eq_status eqi_lp_add_block(eqi_lp *lp, int row0, int col0, int nr, int nc,
                           const double *a, size_t rs, size_t cs)
{
    size_t cnt = 0;
    int w;
    if (lp == NULL)
        return EQ_ERR_ARG;
    if (nr < 0 || nc < 0 || row0 < 0 || col0 < 0 || row0 > lp->m - nr ||
        col0 > lp->n - nc)
        return eqi_error(lp->errmsg, EQ_ERR_ARG,
                         "lp: block %dx%d at (%d, %d) out of range", nr, nc,
                         row0, col0);
    if (nr == 0 || nc == 0)
        return EQ_OK;
    if (a == NULL)
        return eqi_error(lp->errmsg, EQ_ERR_ARG, "lp: block data is NULL");
    for (int r = 0; r < nr; r++)
        for (int c = 0; c < nc; c++) {
            double v = a[(size_t)r * rs + (size_t)c * cs];
            if (!isfinite(v))
                return eqi_error(lp->errmsg, EQ_ERR_ARG,
                                 "lp: block entry (%d, %d) is not finite", r, c);
            cnt += v != 0.0;
        }
    if (reserve(lp, cnt) != 0)
        return (size_t)lp->nnz + cnt > LP_MAX_NNZ ? EQ_ERR_ARG : EQ_ERR_NOMEM;
    w = lp->nnz;
    for (int r = 0; r < nr; r++)
        for (int c = 0; c < nc; c++) {
            double v = a[(size_t)r * rs + (size_t)c * cs];
            if (v == 0.0)
                continue;
            w++;
            lp->ia[w] = row0 + r + 1;
            lp->ja[w] = col0 + c + 1;
            lp->ar[w] = v;
        }
    lp->nnz = w;
    invalidate(lp);
    return EQ_OK;
}

void eqi_lp_clear_matrix(eqi_lp *lp)
{
    if (lp == NULL)
        return;
    lp->nnz = 0;
    invalidate(lp);
}

static eq_status set_bstat(eqi_lp *lp, int is_row, int k, eqi_lp_bstat st)
{
    if (lp == NULL)
        return EQ_ERR_ARG;
    if (k < 0 || k >= (is_row ? lp->m : lp->n))
        return eqi_error(lp->errmsg, EQ_ERR_ARG, "lp: %s %d out of range",
                         is_row ? "row" : "column", k);
    if (st < EQI_LP_BS_BASIC || st > EQI_LP_BS_FIXED)
        return eqi_error(lp->errmsg, EQ_ERR_ARG, "lp: invalid basis status %d",
                         (int)st);
    if (lp->wcstat == NULL) {
        lp->wcstat = calloc((size_t)lp->n, 1);
        lp->wrstat = calloc(lp->m ? (size_t)lp->m : 1, 1);
        if (lp->wcstat == NULL || lp->wrstat == NULL) {
            free(lp->wcstat);
            free(lp->wrstat);
            lp->wcstat = lp->wrstat = NULL;
            return eqi_error(lp->errmsg, EQ_ERR_NOMEM, "lp: out of memory");
        }
    }
    (is_row ? lp->wrstat : lp->wcstat)[k] = (unsigned char)st;
    return EQ_OK;
}

eq_status eqi_lp_set_col_bstat(eqi_lp *lp, int j, eqi_lp_bstat st)
{
    return set_bstat(lp, 0, j, st);
}

eq_status eqi_lp_set_row_bstat(eqi_lp *lp, int i, eqi_lp_bstat st)
{
    return set_bstat(lp, 1, i, st);
}

/* ------------------------------------------------------------------ */
/* Checks made before GLPK sees the data                                */
/* ------------------------------------------------------------------ */

/* GLPK aborts on a matrix position given twice.  Bucket the entries by
** column (a counting sort) and stamp each row seen in the current column.
** O(nnz + m + n) time and memory. */
static eq_status check_duplicates(eqi_lp *lp)
{
    size_t m = (size_t)lp->m, n = (size_t)lp->n, nnz = (size_t)lp->nnz;
    size_t need = (n + 2) + (n + 1) + nnz + (m ? m : 1);
    int *start, *rows, *stamp, *fill;

    if (nnz < 2)
        return EQ_OK;
    /* One scratch block, kept on the LP for its next solve. */
    if (need > lp->capchk) {
        int *p = realloc(lp->chk, need * sizeof *p);
        if (p == NULL)
            return eqi_error(lp->errmsg, EQ_ERR_NOMEM, "lp: out of memory");
        lp->chk = p;
        lp->capchk = need;
    }
    start = lp->chk;
    fill = start + (n + 2);
    rows = fill + (n + 1);
    stamp = rows + nnz;
    memset(start, 0, (n + 2) * sizeof *start);
    memset(stamp, 0, (m ? m : 1) * sizeof *stamp);
    for (size_t t = 1; t <= nnz; t++)
        start[lp->ja[t] + 1]++;
    for (size_t j = 1; j <= n + 1; j++)
        start[j] += start[j - 1];
    memcpy(fill, start, (n + 1) * sizeof *fill);
    for (size_t t = 1; t <= nnz; t++)
        rows[fill[lp->ja[t]]++] = lp->ia[t];
    for (size_t j = 1; j <= n; j++)
        for (int t = start[j]; t < start[j + 1]; t++) {
            int i = rows[t];
            if (stamp[i - 1] == (int)j)
                return eqi_error(lp->errmsg, EQ_ERR_ARG,
                                 "lp: matrix entry (%d, %d) given twice", i - 1,
                                 (int)j - 1);
            stamp[i - 1] = (int)j;
        }
    return EQ_OK;
}

static eq_status check_parm(eqi_lp *lp, const eqi_lp_parm *p)
{
    if (p->method != EQI_LP_PRIMAL && p->method != EQI_LP_DUAL)
        return eqi_error(lp->errmsg, EQ_ERR_ARG, "lp: unknown simplex method %d",
                         (int)p->method);
    if (p->it_limit < 0 || p->tm_limit < 0 || p->mem_limit < 0)
        return eqi_error(lp->errmsg, EQ_ERR_ARG, "lp: negative limit");
    if (!(p->tol >= 0.0 && p->tol < 1e-2))
        return eqi_error(lp->errmsg, EQ_ERR_ARG, "lp: invalid tolerance %g",
                         p->tol);
    if (!(p->mip_gap >= 0.0 && p->mip_gap < HUGE_VAL))
        return eqi_error(lp->errmsg, EQ_ERR_ARG, "lp: invalid MIP gap %g",
                         p->mip_gap);
    return EQ_OK;
}

/* Integer columns need integral (or infinite) bounds: glp_intopt refuses
** others. */
static eq_status check_integer_bounds(eqi_lp *lp)
{
    for (int j = 0; j < lp->n; j++) {
        if (!lp->cint[j])
            continue;
        if ((isfinite(lp->clo[j]) && lp->clo[j] != floor(lp->clo[j])) ||
            (isfinite(lp->chi[j]) && lp->chi[j] != floor(lp->chi[j])))
            return eqi_error(lp->errmsg, EQ_ERR_ARG,
                             "lp: integer column %d has non-integer bounds", j);
    }
    return EQ_OK;
}

/* ------------------------------------------------------------------ */
/* The guarded part: everything that calls GLPK                         */
/* ------------------------------------------------------------------ */

/* GLPK prints only when an error forces terminal output back on (every
** other message is off).  Keep that text for our message, its lines
** joined by "; ", and print nothing. */
static void put_char(struct guard *gd, char c)
{
    if (gd->len + 1 < sizeof gd->msg) {
        gd->msg[gd->len++] = c;
        gd->msg[gd->len] = '\0';
    }
}

static int term_hook(void *info, const char *s)
{
    struct guard *gd = info;
    for (; *s != '\0'; s++) {
        if (*s == '\n') {
            gd->newline = gd->len > 0;
            continue;
        }
        if (gd->newline) {
            put_char(gd, ';');
            put_char(gd, ' ');
            gd->newline = 0;
        }
        put_char(gd, *s);
    }
    return 1;
}

/* Called by glp_error() in place of abort(): go back to guarded_solve().
** GLPK's state is broken from here on; the caller frees it. */
static void error_hook(void *info)
{
    struct guard *gd = info;
    gd->crashed = 1;
    longjmp(gd->jb, 1);
}

static int glp_bounds(double lo, double hi, double *l, double *u)
{
    *l = isfinite(lo) ? lo : 0.0;
    *u = isfinite(hi) ? hi : 0.0;
    if (!isfinite(lo) && !isfinite(hi))
        return GLP_FR;
    if (!isfinite(hi))
        return GLP_LO;
    if (!isfinite(lo))
        return GLP_UP;
    return lo == hi ? GLP_FX : GLP_DB;
}

/* Our basis status to GLPK's; GLPK adjusts a non-basic one to the
** variable's type. */
static int glp_bstat(unsigned char st, int dflt)
{
    switch (st) {
    case EQI_LP_BS_BASIC: return GLP_BS;
    case EQI_LP_BS_LOWER: return GLP_NL;
    case EQI_LP_BS_UPPER: return GLP_NU;
    case EQI_LP_BS_FREE: return GLP_NF;
    case EQI_LP_BS_FIXED: return GLP_NS;
    }
    return dflt;
}

static unsigned char map_bstat(int st)
{
    switch (st) {
    case GLP_BS: return EQI_LP_BS_BASIC;
    case GLP_NL: return EQI_LP_BS_LOWER;
    case GLP_NU: return EQI_LP_BS_UPPER;
    case GLP_NF: return EQI_LP_BS_FREE;
    case GLP_NS: return EQI_LP_BS_FIXED;
    }
    return EQI_LP_BS_NONE;
}

/* GLPK's -DBL_MAX / +DBL_MAX "no limit" to ours. */
static double unlimited(double v)
{
    return v <= -DBL_MAX ? -HUGE_VAL : v >= DBL_MAX ? HUGE_VAL : v;
}

/* Build the GLPK problem from lp's data. */
static glp_prob *build(const eqi_lp *lp, struct guard *gd)
{
    glp_prob *P = glp_create_prob();
    double l, u;
    gd->P = P;
    glp_set_obj_dir(P, lp->dir == EQI_LP_MAX ? GLP_MAX : GLP_MIN);
    if (lp->m > 0)
        glp_add_rows(P, lp->m);
    glp_add_cols(P, lp->n);
    for (int i = 0; i < lp->m; i++) {
        int type = glp_bounds(lp->rlo[i], lp->rhi[i], &l, &u);
        glp_set_row_bnds(P, i + 1, type, l, u);
    }
    for (int j = 0; j < lp->n; j++) {
        int type = glp_bounds(lp->clo[j], lp->chi[j], &l, &u);
        glp_set_col_bnds(P, j + 1, type, l, u);
        glp_set_obj_coef(P, j + 1, lp->obj[j]);
        if (lp->cint[j])
            glp_set_col_kind(P, j + 1, GLP_IV);
    }
    if (lp->nnz > 0)
        glp_load_matrix(P, lp->nnz, lp->ia, lp->ja, lp->ar);
    if (lp->wcstat != NULL) {
        for (int i = 0; i < lp->m; i++)
            glp_set_row_stat(P, i + 1, glp_bstat(lp->wrstat[i], GLP_BS));
        for (int j = 0; j < lp->n; j++)
            glp_set_col_stat(P, j + 1, glp_bstat(lp->wcstat[j], GLP_NL));
    }
    return P;
}

/* Copy the basic solution of P into lp. */
static void read_basic(eqi_lp *lp, glp_prob *P)
{
    lp->objval = glp_get_obj_val(P);
    lp->iters = glp_get_it_cnt(P);
    for (int j = 0; j < lp->n; j++) {
        lp->cprim[j] = glp_get_col_prim(P, j + 1);
        lp->cdual[j] = glp_get_col_dual(P, j + 1);
        lp->cstat[j] = map_bstat(glp_get_col_stat(P, j + 1));
    }
    for (int i = 0; i < lp->m; i++) {
        lp->rprim[i] = glp_get_row_prim(P, i + 1);
        lp->rdual[i] = glp_get_row_dual(P, i + 1);
        lp->rstat[i] = map_bstat(glp_get_row_stat(P, i + 1));
    }
}

/* Sensitivity analysis of an optimal basis.  The range arrays were
** allocated before the guard was set up. */
static eq_status ranging(eqi_lp *lp, glp_prob *P)
{
    int m = lp->m;
    if (m > 0 && !glp_bf_exists(P) && glp_factorize(P) != 0)
        return eqi_error(lp->errmsg, EQ_ERR_LP,
                         "lp: ranging: the optimal basis cannot be factorized");
    for (int k = 1; k <= m + lp->n; k++) {
        int is_row = k <= m, idx = is_row ? k - 1 : k - m - 1;
        int st = is_row ? glp_get_row_stat(P, k) : glp_get_col_stat(P, k - m);
        double *brng = is_row ? lp->rbnd_rng + 2 * idx : lp->cbnd_rng + 2 * idx;
        double v1, v2;
        int var1, var2;
        if (st == GLP_BS) {
            brng[0] = brng[1] = NAN;
            if (!is_row) {
                double x1, x2;
                glp_analyze_coef(P, k, &v1, &var1, &x1, &v2, &var2, &x2);
                lp->cost_rng[2 * idx] = unlimited(v1);
                lp->cost_rng[2 * idx + 1] = unlimited(v2);
            }
            continue;
        }
        glp_analyze_bound(P, k, &v1, &var1, &v2, &var2);
        brng[0] = unlimited(v1);
        brng[1] = unlimited(v2);
        if (!is_row) {
            /* A non-basic column stays optimal while its reduced cost
            ** d = c - (dual prices) keeps its sign: >= 0 at a lower bound
            ** of a minimisation, <= 0 at an upper bound, and the reverse
            ** when maximising; d moves one for one with c. */
            double c = lp->obj[idx], d = glp_get_col_dual(P, k - m);
            double *crng = lp->cost_rng + 2 * idx;
            int up_ok = (st == GLP_NL) == (lp->dir == EQI_LP_MIN);
            if (st == GLP_NS) {
                crng[0] = -HUGE_VAL;
                crng[1] = HUGE_VAL;
            } else if (st == GLP_NF) {
                crng[0] = crng[1] = c;
            } else if (up_ok) {
                crng[0] = c - d;
                crng[1] = HUGE_VAL;
            } else {
                crng[0] = -HUGE_VAL;
                crng[1] = c - d;
            }
        }
    }
    lp->has_ranges = 1;
    return EQ_OK;
}

/* Map the status of an LP that glp_simplex solved (return code 0). */
static eqi_lp_sol lp_status_of(glp_prob *P)
{
    switch (glp_get_status(P)) {
    case GLP_OPT: return EQI_LP_OPTIMAL;
    case GLP_NOFEAS: return EQI_LP_INFEASIBLE;
    case GLP_UNBND: return EQI_LP_UNBOUNDED;
    }
    return EQI_LP_FAILED;
}

static const char *simplex_error(int ret)
{
    switch (ret) {
    case GLP_EBADB: return "invalid initial basis";
    case GLP_ESING: return "singular basis matrix";
    case GLP_ECOND: return "ill-conditioned basis matrix";
    case GLP_EBOUND: return "incorrect bounds";
    case GLP_EFAIL: return "solver failure";
    case GLP_EITLIM: return "iteration limit reached";
    case GLP_ETMLIM: return "time limit reached";
    case GLP_EOBJLL: case GLP_EOBJUL: return "objective limit reached";
    case GLP_ENOCVG: return "no convergence";
    case GLP_EINSTAB: return "numerical instability";
    }
    return "unexpected return code";
}

/*
** The simplex method, with fallbacks.  Attempt 0 is what parm asks for.
** If it fails numerically, or ends without telling infeasible from
** unbounded (presolver, dual simplex), attempt 1 runs the primal simplex
** from the standard basis without presolver, and attempt 2 the exact
** (rational) simplex.
*/
static eq_status solve_simplex(eqi_lp *lp, const eqi_lp_parm *parm,
                               glp_prob *P)
{
    glp_smcp sm;
    int ret = 0, guard = 0;
    eqi_lp_sol st = EQI_LP_FAILED;

    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.meth = parm->method == EQI_LP_DUAL ? GLP_DUALP : GLP_PRIMAL;
    sm.presolve = parm->presolve ? GLP_ON : GLP_OFF;
    if (parm->it_limit > 0) {
        sm.it_lim = parm->it_limit;
    } else {
        /* GLPK's floating-point simplex can cycle on a badly scaled,
        ** degenerate LP (a 2x2 game's correlated LP with payoffs from 1
        ** to 1e8 did, for ever).  Far more pivots than a simplex ever
        ** needs here count as cycling: the next attempt takes over. */
        guard = 1;
        sm.it_lim = 1000 + 50 * (glp_get_num_rows(P) + glp_get_num_cols(P));
    }
    if (parm->tm_limit > 0)
        sm.tm_lim = parm->tm_limit;
    if (parm->tol > 0.0)
        sm.tol_bnd = sm.tol_dj = parm->tol;
    if (parm->scale)
        glp_scale_prob(P, GLP_SF_AUTO);

    for (int attempt = 0; attempt < 3; attempt++) {
        if (attempt >= 1) {
            glp_std_basis(P);
            sm.meth = GLP_PRIMAL;
            sm.presolve = GLP_OFF;
        }
        ret = attempt < 2 ? glp_simplex(P, &sm) : glp_exact(P, &sm);
        if (ret == GLP_EITLIM && guard && attempt < 2)
            continue;                   /* cycling: try the next way */
        if (ret == GLP_EITLIM || ret == GLP_ETMLIM)
            break;
        if (ret == GLP_ENOPFS) {        /* presolver: no primal feasible point */
            st = EQI_LP_INFEASIBLE;
            break;
        }
        if (ret != 0)
            continue;                   /* ENODFS: unbounded or infeasible */
        st = lp_status_of(P);
        if (st != EQI_LP_FAILED)
            break;
    }
    if (ret == GLP_EITLIM && guard) {
        lp->status = EQI_LP_FAILED;
        return eqi_error(lp->errmsg, EQ_ERR_NUMERIC, "lp: the simplex method "
                         "cycled (%d pivots without an end, in floating-point "
                         "and in exact arithmetic): the LP is too badly scaled",
                         sm.it_lim);
    }
    if (ret == GLP_EITLIM || ret == GLP_ETMLIM) {
        lp->status = EQI_LP_FAILED;
        return eqi_error(lp->errmsg, EQ_ERR_LIMIT, "lp: simplex: %s",
                         simplex_error(ret));
    }
    if (st == EQI_LP_FAILED) {
        lp->status = EQI_LP_FAILED;
        return eqi_error(lp->errmsg, EQ_ERR_LP, "lp: simplex failed: %s",
                         ret ? simplex_error(ret) : "no conclusive status");
    }
    if (st == EQI_LP_OPTIMAL && parm->exact) {
        /* Re-solve from the final basis in rational arithmetic: usually
        ** no pivot is needed, and the basis is then certified optimal. */
        ret = glp_exact(P, &sm);
        if (ret != 0) {
            lp->status = EQI_LP_FAILED;
            return eqi_error(lp->errmsg,
                             ret == GLP_EITLIM || ret == GLP_ETMLIM ?
                             EQ_ERR_LIMIT : EQ_ERR_LP,
                             "lp: exact simplex: %s", simplex_error(ret));
        }
        st = lp_status_of(P);
        if (st == EQI_LP_FAILED) {
            lp->status = EQI_LP_FAILED;
            return eqi_error(lp->errmsg, EQ_ERR_LP,
                             "lp: exact simplex ended without a conclusive status");
        }
    }
    /* The presolver leaves no solution when it proves infeasibility. */
    if (ret == 0)
        read_basic(lp, P);
    lp->status = st;
    if (st == EQI_LP_OPTIMAL && parm->ranging)
        return ranging(lp, P);
    return EQ_OK;
}

/* Branch and cut.  The MIP presolver solves the relaxation itself. */
static eq_status solve_mip(eqi_lp *lp, const eqi_lp_parm *parm, glp_prob *P)
{
    glp_iocp io;
    int ret;
    eq_status s = EQ_OK;

    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.presolve = parm->mip_no_presolve ? GLP_OFF : GLP_ON;
    io.mip_gap = parm->mip_gap;
    if (parm->tm_limit > 0)
        io.tm_lim = parm->tm_limit;
    if (parm->scale)
        glp_scale_prob(P, GLP_SF_AUTO);
    if (parm->mip_no_presolve) {
        /* Without the presolver glp_intopt needs the relaxation's optimal
        ** basis. */
        glp_smcp sm;
        glp_init_smcp(&sm);
        sm.msg_lev = GLP_MSG_OFF;
        if (parm->tm_limit > 0)
            sm.tm_lim = parm->tm_limit;
        ret = glp_simplex(P, &sm);
        if (ret == 0 && glp_get_status(P) != GLP_OPT) {
            lp->status = glp_get_status(P) == GLP_NOFEAS ? EQI_LP_INFEASIBLE
                                                         : EQI_LP_FAILED;
            if (lp->status == EQI_LP_FAILED)
                return eqi_error(lp->errmsg, EQ_ERR_LP, "lp: the MIP's "
                                 "relaxation ended without an optimum");
            return EQ_OK;
        }
        if (ret != 0) {
            lp->status = EQI_LP_FAILED;
            return eqi_error(lp->errmsg, EQ_ERR_LP, "lp: the MIP's relaxation "
                             "failed: %s", simplex_error(ret));
        }
    }
    ret = glp_intopt(P, &io);
    switch (ret) {
    case GLP_ENOPFS:
        lp->status = EQI_LP_INFEASIBLE;
        return EQ_OK;
    case GLP_ENODFS:
        lp->status = EQI_LP_INF_OR_UNB;
        return EQ_OK;
    case 0: case GLP_EMIPGAP: case GLP_ETMLIM:
        break;
    default:
        lp->status = EQI_LP_FAILED;
        return eqi_error(lp->errmsg, EQ_ERR_LP, "lp: branch and cut failed: %s",
                         simplex_error(ret));
    }
    switch (glp_mip_status(P)) {
    case GLP_OPT: lp->status = EQI_LP_OPTIMAL; break;
    case GLP_FEAS: lp->status = EQI_LP_FEASIBLE; break;
    case GLP_NOFEAS: lp->status = EQI_LP_INFEASIBLE; break;
    default: lp->status = EQI_LP_FAILED; break;
    }
    if (ret == GLP_ETMLIM)
        s = eqi_error(lp->errmsg, EQ_ERR_LIMIT, "lp: branch and cut: time limit reached");
    else if (lp->status == EQI_LP_FAILED)
        s = eqi_error(lp->errmsg, EQ_ERR_LP, "lp: branch and cut ended without a solution");
    if (lp->status == EQI_LP_OPTIMAL || lp->status == EQI_LP_FEASIBLE) {
        lp->objval = glp_mip_obj_val(P);
        for (int j = 0; j < lp->n; j++)
            lp->cprim[j] = glp_mip_col_val(P, j + 1);
        for (int i = 0; i < lp->m; i++)
            lp->rprim[i] = glp_mip_row_val(P, i + 1);
    }
    return s;
}

static eq_status solve_body(eqi_lp *lp, const eqi_lp_parm *parm,
                            struct guard *gd)
{
    glp_prob *P = build(lp, gd);
    return lp->nint > 0 ? solve_mip(lp, parm, P) : solve_simplex(lp, parm, P);
}

/* The only function that calls setjmp.  Its locals are never changed
** after setjmp, so none is left indeterminate by the longjmp. */
static eq_status guarded_solve(eqi_lp *lp, const eqi_lp_parm *parm,
                               struct guard *gd)
{
    if (setjmp(gd->jb) != 0)
        return EQ_ERR_LP;
    return solve_body(lp, parm, gd);
}

/* Clear the results before a solve: a failure leaves zeros, not the
** previous solution. */
static void clear_results(eqi_lp *lp, int mip)
{
    size_t m = (size_t)lp->m, n = (size_t)lp->n;
    lp->objval = 0.0;
    lp->iters = 0;
    memset(lp->cprim, 0, n * sizeof *lp->cprim);
    memset(lp->rprim, 0, m * sizeof *lp->rprim);
    memset(lp->cstat, EQI_LP_BS_NONE, n);
    memset(lp->rstat, EQI_LP_BS_NONE, m);
    for (size_t j = 0; j < n; j++)
        lp->cdual[j] = mip ? NAN : 0.0;
    for (size_t i = 0; i < m; i++)
        lp->rdual[i] = mip ? NAN : 0.0;
    lp->has_ranges = 0;
}

/* GLPK's messages for a failed allocation ("%s: no memory available",
** "%s: memory allocation error"), as opposed to its own cap
** (glp_mem_limit: "memory allocation limit exceeded"), which is the LP's
** limit and stays EQ_ERR_LP. */
static int glpk_out_of_memory(const char *msg)
{
    return strstr(msg, "no memory available") != NULL ||
           strstr(msg, "memory allocation error") != NULL;
}

/*
** Solve in a GLPK environment of our own, which the calling thread has
** just created (glp_init_env() returned 0), and free it again: nothing of
** GLPK's state outlives the call.  Its terminal output is off, its hooks
** are ours and its memory cap is parm's, all of them gone with it.
*/
static eq_status solve_in_own_env(eqi_lp *lp, const eqi_lp_parm *parm)
{
    struct guard gd;
    eq_status s;

    memset(&gd, 0, sizeof gd);
    glp_term_out(GLP_OFF);
    glp_term_hook(term_hook, &gd);
    glp_error_hook(error_hook, &gd);
    if (parm->mem_limit > 0)
        glp_mem_limit(parm->mem_limit);

    s = guarded_solve(lp, parm, &gd);

    if (gd.crashed) {
        /* GLPK's manual: after its error hook has been called the
        ** environment must be freed.  That also frees gd.P. */
        glp_free_env();
        clear_results(lp, lp->nint > 0);
        lp->status = EQI_LP_FAILED;
        if (glpk_out_of_memory(gd.msg))
            return eqi_error(lp->errmsg, EQ_ERR_NOMEM, "lp: GLPK: out of memory: %s",
                             gd.msg);
        return eqi_error(lp->errmsg, EQ_ERR_LP, "lp: GLPK error: %s",
                         gd.len ? gd.msg : "(no message)");
    }
    if (gd.P != NULL)
        glp_delete_prob(gd.P);
    glp_free_env();
    return s;
}

/* Enter GLPK in the calling thread.  Returns 0 when this call created the
** thread's environment (it is then ours to use and free), 1 when the
** thread already had one, or -1 with the error on lp. */
static int enter_glpk(eqi_lp *lp, eq_status *s)
{
    int init = glp_init_env();
    if (init == 0 || init == 1)
        return init;
    *s = init == 2 ? eqi_error(lp->errmsg, EQ_ERR_NOMEM,
                               "lp: GLPK environment: out of memory")
                   : eqi_error(lp->errmsg, EQ_ERR_LP,
                               "lp: GLPK environment cannot be initialised");
    return -1;
}

/* A solve run by a helper thread: see eqi_lp_solve. */
struct helper {
    eqi_lp *lp;
    const eqi_lp_parm *parm;
    eq_status s;
};

static void *helper_main(void *arg)
{
    struct helper *h = arg;
    int init = enter_glpk(h->lp, &h->s);
    if (init == 0)
        h->s = solve_in_own_env(h->lp, h->parm);
    else if (init == 1)     /* a new thread has no environment */
        h->s = eqi_error(h->lp->errmsg, EQ_ERR_INTERNAL,
                         "lp: a new thread already had a GLPK environment");
    return NULL;
}

static eq_status solve_in_helper(eqi_lp *lp, const eqi_lp_parm *parm)
{
    struct helper h;
    pthread_t th;
    int e;
    h.lp = lp;
    h.parm = parm;
    h.s = EQ_ERR_INTERNAL;
    if ((e = pthread_create(&th, NULL, helper_main, &h)) != 0)
        return eqi_error(lp->errmsg, EQ_ERR_NOMEM,
                         "lp: cannot start a thread for GLPK (error %d)", e);
    if ((e = pthread_join(th, NULL)) != 0)
        return eqi_error(lp->errmsg, EQ_ERR_INTERNAL,
                         "lp: cannot join GLPK's thread (error %d)", e);
    return h.s;
}

/*
** GLPK keeps its state (terminal output switch and hook, error hook,
** memory cap and accounting, every problem object) in one environment per
** thread, with no way to read back a hook or the cap.  So we never touch
** an environment we did not create: in a thread without one, the solve
** creates its own and frees it (solve_in_own_env); in a thread whose host
** already uses GLPK, the solve runs in a helper thread, which has an
** environment of its own, while the caller waits.  Either way the host's
** hooks, cap, output switch and objects are as they were, even after an
** error inside GLPK.
*/
eq_status eqi_lp_solve(eqi_lp *lp, const eqi_lp_parm *parm)
{
    eqi_lp_parm def;
    eq_status s;
    int init;

    if (lp == NULL)
        return EQ_ERR_ARG;
    lp->errmsg[0] = '\0';
    lp->status = EQI_LP_FAILED;
    clear_results(lp, lp->nint > 0);
    if (parm == NULL) {
        eqi_lp_parm_init(&def);
        parm = &def;
    }
    if ((s = check_parm(lp, parm)) != EQ_OK ||
        (s = check_duplicates(lp)) != EQ_OK ||
        (s = check_integer_bounds(lp)) != EQ_OK)
        return s;
    if (parm->guard != NULL) {
        double left = eqi_guard_left(parm->guard);
        if (eqi_guard_poll(parm->guard))
            return eqi_guard_fail(parm->guard, lp->errmsg, "lp");
        if (left >= 0.0) {      /* GLPK stops itself at the deadline */
            double ms = ceil(left * 1000.0);
            int tm = ms >= 2e9 ? 2000000000 : ms < 1.0 ? 1 : (int)ms;
            def = *parm;
            if (def.tm_limit == 0 || tm < def.tm_limit)
                def.tm_limit = tm;
            parm = &def;
        }
    }
    if (parm->ranging && lp->nint == 0) {
        /* Allocated here, outside the guard, so a longjmp leaks nothing. */
        size_t n2 = 2 * (size_t)lp->capn, m2 = 2 * (size_t)lp->capm;
        if (lp->cost_rng == NULL)
            lp->cost_rng = alloc_n(n2, sizeof *lp->cost_rng);
        if (lp->cbnd_rng == NULL)
            lp->cbnd_rng = alloc_n(n2, sizeof *lp->cbnd_rng);
        if (lp->rbnd_rng == NULL)
            lp->rbnd_rng = alloc_n(m2, sizeof *lp->rbnd_rng);
        if (!lp->cost_rng || !lp->cbnd_rng || !lp->rbnd_rng)
            return eqi_error(lp->errmsg, EQ_ERR_NOMEM, "lp: out of memory");
    }
    if ((init = enter_glpk(lp, &s)) < 0)
        return s;
    s = init == 0 ? solve_in_own_env(lp, parm) : solve_in_helper(lp, parm);
    /* GLPK's time limit was the call's: say so, as a stop. */
    if (s == EQ_ERR_LIMIT && parm->guard != NULL && eqi_guard_poll(parm->guard))
        s = eqi_guard_fail(parm->guard, lp->errmsg, "lp");
    return s;
}

/* ------------------------------------------------------------------ */
/* Results                                                              */
/* ------------------------------------------------------------------ */

eqi_lp_sol eqi_lp_status(const eqi_lp *lp)
{
    return lp ? lp->status : EQI_LP_UNSOLVED;
}

const char *eqi_lp_sol_name(eqi_lp_sol s)
{
    switch (s) {
    case EQI_LP_UNSOLVED: return "unsolved";
    case EQI_LP_OPTIMAL: return "optimal";
    case EQI_LP_FEASIBLE: return "feasible";
    case EQI_LP_INFEASIBLE: return "infeasible";
    case EQI_LP_UNBOUNDED: return "unbounded";
    case EQI_LP_INF_OR_UNB: return "infeasible or unbounded";
    case EQI_LP_FAILED: return "failed";
    }
    return "unknown";
}

double eqi_lp_obj_value(const eqi_lp *lp) { return lp ? lp->objval : 0.0; }
int eqi_lp_iterations(const eqi_lp *lp) { return lp ? lp->iters : 0; }

double eqi_lp_col_value(const eqi_lp *lp, int j)
{
    return (lp && j >= 0 && j < lp->n) ? lp->cprim[j] : 0.0;
}

eq_status eqi_lp_max_violation(const eqi_lp *lp, double *viol)
{
    double worst = 0.0, *act;
    *viol = HUGE_VAL;
    if (lp == NULL)
        return EQ_ERR_ARG;
    if ((act = calloc(lp->m ? (size_t)lp->m : 1, sizeof *act)) == NULL)
        return EQ_ERR_NOMEM;
    for (int t = 1; t <= lp->nnz; t++)
        act[lp->ia[t] - 1] += lp->ar[t] * lp->cprim[lp->ja[t] - 1];
    for (int j = 0; j < lp->n; j++) {
        double x = lp->cprim[j];
        if (lp->clo[j] - x > worst) worst = lp->clo[j] - x;
        if (x - lp->chi[j] > worst) worst = x - lp->chi[j];
    }
    for (int i = 0; i < lp->m; i++) {
        if (lp->rlo[i] - act[i] > worst) worst = lp->rlo[i] - act[i];
        if (act[i] - lp->rhi[i] > worst) worst = act[i] - lp->rhi[i];
    }
    free(act);
    *viol = isnan(worst) ? HUGE_VAL : worst;
    return EQ_OK;
}

double eqi_lp_row_value(const eqi_lp *lp, int i)
{
    return (lp && i >= 0 && i < lp->m) ? lp->rprim[i] : 0.0;
}

double eqi_lp_row_dual(const eqi_lp *lp, int i)
{
    return (lp && i >= 0 && i < lp->m) ? lp->rdual[i] : 0.0;
}

double eqi_lp_col_dual(const eqi_lp *lp, int j)
{
    return (lp && j >= 0 && j < lp->n) ? lp->cdual[j] : 0.0;
}

const double *eqi_lp_col_values(const eqi_lp *lp) { return lp ? lp->cprim : NULL; }
const double *eqi_lp_row_duals(const eqi_lp *lp) { return lp ? lp->rdual : NULL; }

eqi_lp_bstat eqi_lp_col_bstat(const eqi_lp *lp, int j)
{
    return (lp && j >= 0 && j < lp->n) ? (eqi_lp_bstat)lp->cstat[j]
                                       : EQI_LP_BS_NONE;
}

eqi_lp_bstat eqi_lp_row_bstat(const eqi_lp *lp, int i)
{
    return (lp && i >= 0 && i < lp->m) ? (eqi_lp_bstat)lp->rstat[i]
                                       : EQI_LP_BS_NONE;
}

eq_status eqi_lp_cost_range(const eqi_lp *lp, int j, double *lo, double *hi)
{
    if (lp == NULL || lo == NULL || hi == NULL || j < 0 || j >= lp->n ||
        !lp->has_ranges)
        return EQ_ERR_ARG;
    *lo = lp->cost_rng[2 * (size_t)j];
    *hi = lp->cost_rng[2 * (size_t)j + 1];
    return EQ_OK;
}

eq_status eqi_lp_bound_range(const eqi_lp *lp, int is_row, int k, double *lo,
                             double *hi)
{
    const double *rng;
    if (lp == NULL || lo == NULL || hi == NULL || !lp->has_ranges ||
        k < 0 || k >= (is_row ? lp->m : lp->n))
        return EQ_ERR_ARG;
    rng = (is_row ? lp->rbnd_rng : lp->cbnd_rng) + 2 * (size_t)k;
    if (isnan(rng[0]))
        return EQ_ERR_ARG;      /* basic: no active bound */
    *lo = rng[0];
    *hi = rng[1];
    return EQ_OK;
}
