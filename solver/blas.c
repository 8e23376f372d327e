/*
** blas.c -- the library's use of OpenBLAS: matrix-vector products and
** square solves on the calling thread without OpenBLAS's work buffer, a
** check that the buffer can be had before LAPACK, and the caller's knob
** for OpenBLAS's thread count.  See blas.h for why.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _DEFAULT_SOURCE             /* MAP_ANONYMOUS, MAP_NORESERVE */
#include <float.h>
#include <math.h>
#include <stddef.h>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#endif

#include "blas.h"
#include "equilib.h"

/* Below this length a plain loop beats the call into OpenBLAS (its
** argument checks and kernel dispatch cost about as much as 16 fused
** multiply-adds; measured with callgrind on qre's 31-unknown systems). */
#define SHORT 32

/* ddot over any length, as a sum of pieces that OpenBLAS runs on the
** calling thread.  For n <= EQI_BLAS_PIECE this is one ddot. */
static double dot(size_t n, const double *x, const double *y)
{
    double s = 0.0;
    if (n < SHORT) {
        for (size_t k = 0; k < n; k++)
            s += x[k] * y[k];
        return s;
    }
    for (size_t k = 0; k < n; k += EQI_BLAS_PIECE) {
        size_t len = n - k < EQI_BLAS_PIECE ? n - k : EQI_BLAS_PIECE;
        s += cblas_ddot((blasint)len, x + k, 1, y + k, 1);
    }
    return s;
}

/* y += alpha x, in pieces likewise. */
static void axpy(size_t n, double alpha, const double *x, double *y)
{
    if (n < SHORT) {
        for (size_t k = 0; k < n; k++)
            y[k] += alpha * x[k];
        return;
    }
    for (size_t k = 0; k < n; k += EQI_BLAS_PIECE) {
        size_t len = n - k < EQI_BLAS_PIECE ? n - k : EQI_BLAS_PIECE;
        cblas_daxpy((blasint)len, alpha, x + k, 1, y + k, 1);
    }
}

void eqi_dgemv(int trans, size_t m, size_t n, const double *a, size_t lda,
               const double *x, double *y)
{
    if (!trans) {
        /* (A x)_i: row i of A against x. */
        for (size_t i = 0; i < m; i++)
            y[i] = dot(n, a + i * lda, x);
        return;
    }
    /* A^T x = sum_i x_i (row i of A): rows stream through memory once. */
    for (size_t j = 0; j < n; j++)
        y[j] = 0.0;
    for (size_t i = 0; i < m; i++)
        if (x[i] != 0.0)
            axpy(n, x[i], a + i * lda, y);
}

/*
** LU with partial pivoting, right-looking and unblocked (LAPACK's dgetf2),
** then the two triangular solves (dgetrs).  Column-major: entry (i, j) is
** a[i + j lda], so a column is contiguous and every update is a daxpy of
** a column segment.  Sizes in the library stay far below the point where
** a blocked factorisation would pay (qre's systems have at most 2001
** unknowns, typically tens).
*/
void eqi_dgesv(const blasint *np, const blasint *nrhsp, double *a,
               const blasint *ldap, blasint *ipiv, double *b,
               const blasint *ldbp, blasint *info)
{
    blasint n = *np, nrhs = *nrhsp, lda = *ldap, ldb = *ldbp;
    size_t la, lb;

    *info = 0;
    if (n < 0)
        *info = -1;
    else if (nrhs < 0)
        *info = -2;
    else if (lda < (n > 1 ? n : 1))
        *info = -4;
    else if (ldb < (n > 1 ? n : 1))
        *info = -7;
    if (*info != 0 || n == 0)
        return;
    la = (size_t)lda;
    lb = (size_t)ldb;

    for (blasint k = 0; k < n; k++) {
        double *col = a + (size_t)k * la;           /* column k */
        size_t rest = (size_t)(n - k - 1);
        blasint p = k + (blasint)cblas_idamax(n - k, col + k, 1);
        double piv;
        ipiv[k] = p + 1;
        if (col[p] == 0.0) {
            if (*info == 0)
                *info = k + 1;      /* singular; go on like dgetf2 */
            continue;
        }
        if (p != k)
            cblas_dswap(n, a + k, lda, a + p, lda);     /* rows k, p */
        piv = col[k];
        /* Multipliers l_ik = a_ik / a_kk, i > k. */
        if (fabs(piv) >= DBL_MIN)
            cblas_dscal((blasint)rest, 1.0 / piv, col + k + 1, 1);
        else
            for (size_t i = 0; i < rest; i++)
                col[(size_t)k + 1 + i] /= piv;
        /* Trailing block: a_ij -= l_ik a_kj, column by column. */
        for (blasint j = k + 1; j < n; j++) {
            double akj = a[(size_t)k + (size_t)j * la];
            if (akj != 0.0)
                axpy(rest, -akj, col + k + 1, a + (size_t)k + 1 + (size_t)j * la);
        }
    }
    if (*info != 0)
        return;

    for (blasint c = 0; c < nrhs; c++) {
        double *x = b + (size_t)c * lb;
        /* P b, in the order the swaps were made. */
        for (blasint k = 0; k < n; k++)
            if (ipiv[k] - 1 != k) {
                double t = x[k];
                x[k] = x[ipiv[k] - 1];
                x[ipiv[k] - 1] = t;
            }
        /* L z = P b, unit diagonal: forward, by columns of L. */
        for (blasint k = 0; k + 1 < n; k++)
            if (x[k] != 0.0)
                axpy((size_t)(n - k - 1), -x[k], a + (size_t)k + 1 + (size_t)k * la,
                     x + k + 1);
        /* U x = z: backward, by columns of U. */
        for (blasint k = n - 1; k >= 0; k--) {
            x[k] /= a[(size_t)k + (size_t)k * la];
            if (k > 0 && x[k] != 0.0)
                axpy((size_t)k, -x[k], a + (size_t)k * la, x);
        }
    }
}

/* OpenBLAS's BUFFER_SIZE (common_<arch>.h of 0.3.21), plus a margin for
** its bookkeeping and page rounding. */
#if defined(__powerpc64__)
#define EQI_BLAS_BUFFER ((size_t)256 << 20)
#else
#define EQI_BLAS_BUFFER ((size_t)128 << 20)
#endif
#define EQI_BLAS_MARGIN ((size_t)1 << 20)

int eqi_blas_buffer_ok(void)
{
#if defined(MAP_ANONYMOUS) && defined(MAP_NORESERVE)
    /* PROT_NONE and MAP_NORESERVE: address space only, which is what
    ** RLIMIT_AS (ulimit -v) counts; no memory is touched. */
    size_t len = EQI_BLAS_BUFFER + EQI_BLAS_MARGIN;
    void *p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    if (p == MAP_FAILED)
        return 0;
    munmap(p, len);
#endif
    return 1;
}

/* ------------------------------------------------------------------ */
/* The caller's knob (equilib.h)                                        */
/* ------------------------------------------------------------------ */

int eq_blas_threads(void)
{
    return openblas_get_num_threads();
}

eq_status eq_blas_set_threads(int n)
{
    if (n < 1)
        return EQ_ERR_ARG;
    openblas_set_num_threads(n);
    return EQ_OK;
}
