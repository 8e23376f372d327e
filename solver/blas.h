/*
** blas.h -- how the library uses OpenBLAS: on the calling thread, without
** OpenBLAS's work buffer where it can, and never changing OpenBLAS's
** process-wide settings by itself.
** SPDX-License-Identifier: GPL-3.0-or-later
**
** Why.  OpenBLAS (Debian 12: 0.3.21, pthreads build) has one thread count
** for the whole process (openblas_set_num_threads; no per-thread setting
** before 0.3.27), written without synchronisation, so a library that set
** it around its solves would change its host's setting and race with the
** host's BLAS calls.  And OpenBLAS's level-2, level-3 and LAPACK routines
** take a work buffer of 128 MiB of address space (BUFFER_SIZE on x86-64)
** from a table of buffers, mapping a new one the first time a slot is
** used; when the mapping fails (ulimit -v) it retries for ever.
**
** What the library does instead:
**   - matrix-vector products (eqi_dgemv) are level-1 kernels (ddot,
**     daxpy) on pieces of at most EQI_BLAS_PIECE doubles: below the sizes
**     at which OpenBLAS splits a level-1 call across its threads, and
**     level-1 routines take no buffer;
**   - square systems (eqi_dgesv) are solved by an LU factorisation with
**     partial pivoting written on the same level-1 kernels (OpenBLAS's
**     dgesv threads every call when its count is above one, whatever the
**     size, and takes the buffer);
**   - the one LAPACK routine still called (dgelss, in qre's refinement)
**     is preceded by eqi_blas_buffer_ok(), so that a process without the
**     address space for the buffer gets EQ_ERR_NOMEM instead of a hang.
** So every BLAS call of a solve runs on the calling thread, whatever
** OpenBLAS's thread count.  The caller may still set that count for its
** own BLAS work (eq_blas_set_threads, in equilib.h).
*/
#ifndef EQUILIB_BLAS_H
#define EQUILIB_BLAS_H

#include <stddef.h>

#include <cblas.h>

/* OpenBLAS 0.3.21 runs ddot and daxpy on one thread up to 10000
** elements (MULTI_THREAD_MINIMAL, and the x86-64 ddot kernel's test). */
#define EQI_BLAS_PIECE 8192

/*
** y = A x (trans 0; x has n entries, y m) or y = A^T x (trans 1; x has m
** entries, y n), for the row-major m x n matrix A whose rows start lda
** doubles apart.  y must not overlap A or x.  Runs on the calling thread;
** never allocates; never fails.
*/
void eqi_dgemv(int trans, size_t m, size_t n, const double *a, size_t lda,
               const double *x, double *y);

/*
** LAPACK's dgesv contract, for drop-in use: solve A X = B for the n x n
** column-major A (leading dimension lda), overwritten by its LU factors
** (unit lower L below the diagonal, U on and above it) with the row
** interchanges in ipiv (1-based: row i was swapped with row ipiv[i]), and
** the n x nrhs column-major B (leading dimension ldb) overwritten by X.
** *info: 0 on success, -k if argument k is invalid, k > 0 if U(k,k) is
** exactly zero (A is singular; X is not computed).  Partial pivoting by
** the largest absolute value in the column, as LAPACK's dgetf2.  Runs on
** the calling thread; never allocates.
*/
void eqi_dgesv(const blasint *n, const blasint *nrhs, double *a,
               const blasint *lda, blasint *ipiv, double *b,
               const blasint *ldb, blasint *info);

/*
** Whether the process can map OpenBLAS's work buffer right now: a
** mapping of that size (plus a margin) is made and released at once.  Call
** before a LAPACK routine that takes the buffer, and fail with
** EQ_ERR_NOMEM when it returns 0: OpenBLAS would retry a failing mapping
** for ever.  It may say 0 when OpenBLAS already holds a free buffer that
** it would reuse (a tight limit then fails a little early), and another
** thread may take the space between the check and the call.
*/
int eqi_blas_buffer_ok(void);

#endif /* EQUILIB_BLAS_H */
