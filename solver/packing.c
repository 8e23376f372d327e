/*
** packing.c -- the packing LP  max 1'q  s.t.  M q <= 1, q >= 0  of a
** matrix game, by the primal simplex method on a dense tableau with exact
** steepest-edge pricing.  See packing.h for the method and its checks.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

#include "internal.h"
#include "packing.h"
#include "blas.h"


#define PIVOT_TOL 1e-9      /* a smaller pivot is roundoff of 0 */
#define FEAS_TOL 1e-10      /* Harris: how far a basic value may go below 0 */
#define DEGEN_STEP 1e-12    /* a step below this counts as degenerate */
#define DEGEN_RUN 50        /* degenerate pivots in a row before Bland's rule */

struct eqi_pack {
    int r, c;
    double *M;          /* r x c data, row-major */
    double *T;          /* r x c tableau: row i for the variable basic in
                           row i, column j for the variable non-basic there */
    double *b;          /* r basic values */
    double *d;          /* c reduced costs (of the maximisation) */
    double *w;          /* c steepest-edge weights 1 + |tableau column|^2 */
    double *prow;       /* c: the pivot row, scaled */
    int *head;          /* r: variable basic in row i: j < c is q_j, c + i'
                           the slack of row i' */
    int *nonb;          /* c: variable non-basic in column j */
    int wk;             /* warm start: wk columns, wk rows; 0 for none */
    int *wcols, *wrows;
    /* Results. */
    double *q, *p, obj;
    int iters, installs;
    unsigned char *cbasic, *rtight;
};

void eqi_pack_free(eqi_pack *pk)
{
    if (pk == NULL)
        return;
    free(pk->M);
    free(pk->T);
    free(pk->b);
    free(pk->d);
    free(pk->w);
    free(pk->prow);
    free(pk->head);
    free(pk->nonb);
    free(pk->wcols);
    free(pk->wrows);
    free(pk->q);
    free(pk->p);
    free(pk->cbasic);
    free(pk->rtight);
    free(pk);
}

eq_status eqi_pack_new(eqi_pack **out, int r, int c, const double *a,
                       size_t rs, size_t cs)
{
    eqi_pack *pk;
    size_t rc = (size_t)r * (size_t)c, R = (size_t)r, C = (size_t)c;

    if (out == NULL)
        return EQ_ERR_ARG;
    *out = NULL;
    if (r < 1 || c < 1 || a == NULL)
        return EQ_ERR_ARG;
    if ((pk = calloc(1, sizeof *pk)) == NULL)
        return EQ_ERR_NOMEM;
    pk->r = r;
    pk->c = c;
    pk->M = malloc(rc * sizeof *pk->M);
    pk->T = malloc(rc * sizeof *pk->T);
    pk->b = malloc(R * sizeof *pk->b);
    pk->d = malloc(C * sizeof *pk->d);
    pk->w = malloc(C * sizeof *pk->w);
    pk->prow = malloc(C * sizeof *pk->prow);
    pk->head = malloc(R * sizeof *pk->head);
    pk->nonb = malloc(C * sizeof *pk->nonb);
    pk->q = calloc(C, sizeof *pk->q);
    pk->p = calloc(R, sizeof *pk->p);
    pk->cbasic = calloc(C, 1);
    pk->rtight = calloc(R, 1);
    if (!pk->M || !pk->T || !pk->b || !pk->d || !pk->w || !pk->prow ||
        !pk->head || !pk->nonb || !pk->q || !pk->p || !pk->cbasic || !pk->rtight) {
        eqi_pack_free(pk);
        return EQ_ERR_NOMEM;
    }
    for (size_t i = 0; i < R; i++)
        for (size_t j = 0; j < C; j++)
            pk->M[i * C + j] = a[i * rs + j * cs];
    *out = pk;
    return EQ_OK;
}

eq_status eqi_pack_set_basis(eqi_pack *pk, int k, const int *cols,
                             const int *rows)
{
    unsigned char *seen;
    int bad = 0;

    if (pk == NULL || k < 0 || k > pk->r || k > pk->c ||
        (k > 0 && (cols == NULL || rows == NULL)))
        return EQ_ERR_ARG;
    if ((seen = calloc((size_t)pk->r + (size_t)pk->c, 1)) == NULL)
        return EQ_ERR_NOMEM;
    for (int t = 0; t < k && !bad; t++) {
        bad = cols[t] < 0 || cols[t] >= pk->c || rows[t] < 0 || rows[t] >= pk->r ||
              seen[cols[t]]++ || seen[pk->c + rows[t]]++;
    }
    free(seen);
    if (bad)
        return EQ_ERR_ARG;
    free(pk->wcols);
    free(pk->wrows);
    pk->wcols = pk->wrows = NULL;
    pk->wk = 0;
    if (k == 0)
        return EQ_OK;
    pk->wcols = malloc((size_t)k * sizeof *pk->wcols);
    pk->wrows = malloc((size_t)k * sizeof *pk->wrows);
    if (pk->wcols == NULL || pk->wrows == NULL)
        return EQ_ERR_NOMEM;
    memcpy(pk->wcols, cols, (size_t)k * sizeof *cols);
    memcpy(pk->wrows, rows, (size_t)k * sizeof *rows);
    pk->wk = k;
    return EQ_OK;
}

/* The slack basis: T = M, b = 1, d = 1, every slack basic. */
static void reset(eqi_pack *pk)
{
    size_t r = (size_t)pk->r, c = (size_t)pk->c;
    memcpy(pk->T, pk->M, r * c * sizeof *pk->T);
    for (size_t j = 0; j < c; j++) {
        pk->d[j] = 1.0;
        pk->w[j] = 1.0;
        pk->nonb[j] = (int)j;
    }
    for (size_t i = 0; i < r; i++) {
        const double *row = pk->M + i * c;
        pk->b[i] = 1.0;
        pk->head[i] = pk->c + (int)i;
        for (size_t j = 0; j < c; j++)
            pk->w[j] += row[j] * row[j];
    }
    pk->obj = 0.0;
}

/*
** Exchange the variable basic in row pr with the one non-basic in column
** pc (Tucker's pivot), and recompute the steepest-edge weights in the same
** pass.  The pivot row, divided by the pivot, is prow, except that its
** entry pc holds 1 + 1/piv while the other rows are updated: then
** "x -= f prow" leaves -f/piv in column pc, as the exchange requires, and
** the loop needs no special case.
*/
static void pivot(eqi_pack *pk, int pr, int pc)
{
    size_t r = (size_t)pk->r, c = (size_t)pk->c, jc = (size_t)pc;
    double *restrict T = pk->T, *restrict prow = pk->prow, *restrict w = pk->w,
           *restrict d = pk->d;
    const double *src = T + (size_t)pr * c;
    double ip = 1.0 / src[jc], bpr = pk->b[pr] * ip, f;
    int t;

    for (size_t j = 0; j < c; j++) {
        prow[j] = src[j] * ip;
        w[j] = 1.0;
    }
    prow[jc] = 1.0 + ip;
    for (size_t i = 0; i < r; i++) {
        double *restrict row = T + i * c, g = row[jc];
        if (i == (size_t)pr)
            continue;
        for (size_t j = 0; j < c; j++) {
            double x = row[j] - g * prow[j];
            row[j] = x;
            w[j] += x * x;
        }
        pk->b[i] -= g * bpr;
        if (pk->b[i] < 0.0 && pk->b[i] > -FEAS_TOL)
            pk->b[i] = 0.0;     /* Harris's step may leave one a hair below 0 */
    }
    f = d[jc];
    for (size_t j = 0; j < c; j++)
        d[j] -= f * prow[j];
    pk->obj += f * bpr;
    prow[jc] = ip;
    for (size_t j = 0; j < c; j++) {
        T[(size_t)pr * c + j] = prow[j];
        w[j] += prow[j] * prow[j];
    }
    pk->b[pr] = bpr;
    t = pk->head[pr];
    pk->head[pr] = pk->nonb[pc];
    pk->nonb[pc] = t;
}

/* The entering column: the largest d_j^2 / w_j among d_j > tol (steepest
** edge), or with bland the lowest-numbered variable with d_j > tol.
** -1 when none: optimal. */
static int price(const eqi_pack *pk, double tol, int bland)
{
    int pc = -1;
    double best = 0.0;
    for (int j = 0; j < pk->c; j++) {
        double dj = pk->d[j], s;
        if (!(dj > tol))
            continue;
        if (bland) {
            if (pc < 0 || pk->nonb[j] < pk->nonb[pc])
                pc = j;
            continue;
        }
        s = dj * dj / pk->w[j];
        if (s > best) {
            best = s;
            pc = j;
        }
    }
    return pc;
}

/* The leaving row for column pc: Harris's two passes (bound the step with
** the basic values relaxed by FEAS_TOL, then take the largest pivot within
** it), or with bland the least ratio, ties to the lowest-numbered basic
** variable.  -1 if no entry exceeds PIVOT_TOL. */
static int ratio(const eqi_pack *pk, int pc, int bland)
{
    size_t c = (size_t)pk->c;
    double bound = HUGE_VAL, best = 0.0;
    int pr = -1;
    for (int i = 0; i < pk->r; i++) {
        double a = pk->T[(size_t)i * c + (size_t)pc];
        double bi = (pk->b[i] > 0.0 ? pk->b[i] : 0.0) + (bland ? 0.0 : FEAS_TOL);
        if (a > PIVOT_TOL && bi / a < bound)
            bound = bi / a;
    }
    for (int i = 0; i < pk->r; i++) {
        double a = pk->T[(size_t)i * c + (size_t)pc];
        if (!(a > PIVOT_TOL) || (pk->b[i] > 0.0 ? pk->b[i] : 0.0) / a > bound * (1.0 + 1e-12))
            continue;
        if (bland ? (pr < 0 || pk->head[i] < pk->head[pr]) : a > best) {
            best = a;
            pr = i;
        }
    }
    return pr;
}

/* Pivot the warm-start basis in: each named column against the named row,
** not yet used, with the largest pivot.  Returns 0 if the result is a
** feasible basis, -1 if not (the caller then resets). */
static int install(eqi_pack *pk)
{
    size_t c = (size_t)pk->c;
    for (int t = 0; t < pk->wk; t++) {
        int j = pk->wcols[t], pr = -1;
        double best = PIVOT_TOL;
        /* Column j still holds q_j: only pivoted columns change hands. */
        for (int s = 0; s < pk->wk; s++) {
            int i = pk->wrows[s];
            double a = fabs(pk->T[(size_t)i * c + (size_t)j]);
            if (pk->head[i] == pk->c + i && a > best) {
                best = a;
                pr = i;
            }
        }
        if (pr < 0)
            return -1;
        pivot(pk, pr, j);
        pk->installs++;
    }
    for (int i = 0; i < pk->r; i++)
        if (pk->b[i] < -FEAS_TOL)
            return -1;
    return 0;
}

/* Solve the n x n system with column-major matrix a (destroyed) for the
** right-hand side of ones, into x.  Returns 0, or -1 if a is singular. */
static int solve_ones(int n, double *a, double *x, blasint *ipiv)
{
    blasint nn = n, one = 1, info = 0;
    for (int i = 0; i < n; i++)
        x[i] = 1.0;
    /* our own LU on the calling thread: OpenBLAS's dgesv would take its
    ** work buffer, and retry a failing mapping for ever under a limit */
    eqi_dgesv(&nn, &one, a, &nn, ipiv, x, &nn, &info);
    return info == 0 ? 0 : -1;
}

/*
** Recompute q and p from the final basis and check them (see packing.h):
** with J the basic columns and I the tight rows, M[I, J] q_J = 1 and
** M[I, J]' p_I = 1 (arrays basic and tight).  Returns EQ_OK, EQ_ERR_NUMERIC or EQ_ERR_NOMEM.
*/
static eq_status refine(eqi_pack *pk, double tol)
{
    int r = pk->r, c = pk->c, k = 0, kt = 0;
    int *basic = malloc((size_t)c * sizeof *basic), *tight = malloc((size_t)r * sizeof *tight);
    double *P = NULL, *Pt = NULL, *x = NULL, *y = NULL, *Mq = NULL, sq = 0.0, sp = 0.0;
    blasint *ipiv = NULL;
    eq_status s = EQ_ERR_NUMERIC;

    if (basic == NULL || tight == NULL)
        goto nomem;
    memset(pk->cbasic, 0, (size_t)c);
    memset(pk->rtight, 1, (size_t)r);
    for (int i = 0; i < r; i++) {
        if (pk->head[i] < c)
            pk->cbasic[pk->head[i]] = 1;
        else
            pk->rtight[pk->head[i] - c] = 0;
    }
    for (int j = 0; j < c; j++)
        if (pk->cbasic[j])
            basic[k++] = j;
    for (int i = 0; i < r; i++)
        if (pk->rtight[i])
            tight[kt++] = i;
    if (k == 0 || k != kt)
        goto done;                      /* cannot happen: an optimal basis */
    P = malloc((size_t)k * (size_t)k * sizeof *P);
    Pt = malloc((size_t)k * (size_t)k * sizeof *Pt);
    x = malloc((size_t)k * sizeof *x);
    y = malloc((size_t)k * sizeof *y);
    Mq = malloc(((size_t)r + (size_t)c) * sizeof *Mq);
    ipiv = malloc((size_t)k * sizeof *ipiv);
    if (!P || !Pt || !x || !y || !Mq || !ipiv)
        goto nomem;
    for (int a = 0; a < k; a++)
        for (int e = 0; e < k; e++) {
            double v = pk->M[(size_t)tight[a] * (size_t)c + (size_t)basic[e]];
            P[(size_t)e * (size_t)k + (size_t)a] = v;   /* column-major M[tight, basic] */
            Pt[(size_t)a * (size_t)k + (size_t)e] = v;  /* and its transpose */
        }
    if (solve_ones(k, P, x, ipiv) != 0 || solve_ones(k, Pt, y, ipiv) != 0)
        goto done;
    memset(pk->q, 0, (size_t)c * sizeof *pk->q);
    memset(pk->p, 0, (size_t)r * sizeof *pk->p);
    for (int a = 0; a < k; a++) {
        if (x[a] < -tol || y[a] < -tol)
            goto done;
        pk->q[basic[a]] = x[a] > 0.0 ? x[a] : 0.0;
        pk->p[tight[a]] = y[a] > 0.0 ? y[a] : 0.0;
        sq += pk->q[basic[a]];
        sp += pk->p[tight[a]];
    }
    /* M q <= 1 and M'p >= 1, to tol. */
    eqi_dgemv(0, (size_t)r, (size_t)c, pk->M, (size_t)c, pk->q, Mq);
    eqi_dgemv(1, (size_t)r, (size_t)c, pk->M, (size_t)c, pk->p, Mq + r);
    for (int i = 0; i < r; i++)
        if (Mq[i] > 1.0 + tol)
            goto done;
    for (int j = 0; j < c; j++)
        if (Mq[r + j] < 1.0 - tol)
            goto done;
    if (!(sq > 0.0) || fabs(sq - sp) > tol * sq)
        goto done;
    pk->obj = sq;
    s = EQ_OK;
    goto done;
nomem:
    s = EQ_ERR_NOMEM;
done:
    free(basic);
    free(tight);
    free(P);
    free(Pt);
    free(x);
    free(y);
    free(Mq);
    free(ipiv);
    return s;
}

eq_status eqi_pack_solve(eqi_pack *pk, double tol, int it_limit)
{
    int run = 0, bland = 0;
    double tol_dj;

    if (pk == NULL || !(tol > 0.0 && tol < 1e-2) || it_limit < 0)
        return EQ_ERR_ARG;
    if (it_limit == 0)
        it_limit = 50 * (pk->r + pk->c);
    /* Reduced costs are of order 1 (the objective's); stop well inside
    ** the final check's tolerance. */
    tol_dj = 1e-2 * tol;
    pk->iters = pk->installs = 0;
    reset(pk);
    if (pk->wk > 0 && install(pk) != 0)
        reset(pk);
    for (;;) {
        int pc = price(pk, tol_dj, bland), pr;
        double step;
        if (pc < 0)
            break;
        if ((pr = ratio(pk, pc, bland)) < 0)
            return EQ_ERR_NUMERIC;      /* unbounded: impossible for M > 0 */
        if (pk->iters >= it_limit)
            return EQ_ERR_LIMIT;
        step = fmax(pk->b[pr], 0.0) / pk->T[(size_t)pr * (size_t)pk->c + (size_t)pc];
        run = step < DEGEN_STEP ? run + 1 : 0;
        bland = run > DEGEN_RUN;
        pivot(pk, pr, pc);
        pk->iters++;
    }
    return refine(pk, tol);
}

const double *eqi_pack_primal(const eqi_pack *pk) { return pk ? pk->q : NULL; }
const double *eqi_pack_dual(const eqi_pack *pk) { return pk ? pk->p : NULL; }
double eqi_pack_objective(const eqi_pack *pk) { return pk ? pk->obj : 0.0; }
int eqi_pack_iterations(const eqi_pack *pk) { return pk ? pk->iters : 0; }
int eqi_pack_install_pivots(const eqi_pack *pk) { return pk ? pk->installs : 0; }

int eqi_pack_col_basic(const eqi_pack *pk, int j)
{
    return pk && j >= 0 && j < pk->c ? pk->cbasic[j] : 0;
}

int eqi_pack_row_tight(const eqi_pack *pk, int i)
{
    return pk && i >= 0 && i < pk->r ? pk->rtight[i] : 0;
}
