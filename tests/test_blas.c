/*
** test_blas.c -- solver/blas.c: matrix-vector products and square solves
** on the calling thread, the buffer check, and the thread-count knob.
** Expected values are worked out by hand in the comments; products use
** small integers, so every sum is exact in double precision.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "blas.h"
#include "equilib.h"

/* A = [1 2 3; 4 5 6] (row-major, lda 3).  A x for x = (1, 0, -1):
** (1 - 3, 4 - 6) = (-2, -2).  A^T y for y = (2, -1): (2 - 4, 4 - 5,
** 6 - 6) = (-2, -1, 0). */
Test(blas, dgemv_small)
{
    static const double a[6] = { 1, 2, 3, 4, 5, 6 };
    static const double x[3] = { 1, 0, -1 }, y[2] = { 2, -1 };
    double out[3] = { 9, 9, 9 };
    eqi_dgemv(0, 2, 3, a, 3, x, out);
    cr_assert(out[0] == -2 && out[1] == -2 && out[2] == 9, "%g %g %g", out[0], out[1], out[2]);
    eqi_dgemv(1, 2, 3, a, 3, y, out);
    cr_assert(out[0] == -2 && out[1] == -1 && out[2] == 0, "%g %g %g", out[0], out[1], out[2]);
}

/* A submatrix through lda: the left 2 x 2 block of the matrix above
** (lda 3) times (1, 1) is (3, 9). */
Test(blas, dgemv_leading_dimension)
{
    static const double a[6] = { 1, 2, 3, 4, 5, 6 };
    static const double x[2] = { 1, 1 };
    double out[2];
    eqi_dgemv(0, 2, 2, a, 3, x, out);
    cr_assert(out[0] == 3 && out[1] == 9);
}

/* Rows longer than EQI_BLAS_PIECE go in pieces.  Row i of a 2 x n matrix
** holds (i + 1) * (k mod 7) at column k, and x_k = 1: the sum of k mod 7
** over k < n = 3 * 8192 + 5 = 24581 is 3511 full cycles of 21 plus
** 0 + 1 + 2 + 3 = 6 (24581 = 7 * 3511 + 4): 73737.  A^T (1, 1) is 3 (k
** mod 7) at column k. */
Test(blas, dgemv_long_rows_in_pieces)
{
    size_t n = 3 * EQI_BLAS_PIECE + 5;
    double *a = malloc(2 * n * sizeof *a), *x = malloc(n * sizeof *x), out[2];
    double *t = malloc(n * sizeof *t), one[2] = { 1, 1 };
    cr_assert(a && x && t);
    for (size_t k = 0; k < n; k++) {
        a[k] = (double)(k % 7);
        a[n + k] = 2.0 * (double)(k % 7);
        x[k] = 1.0;
    }
    eqi_dgemv(0, 2, n, a, n, x, out);
    cr_assert(out[0] == 73737 && out[1] == 2 * 73737, "%.17g %.17g", out[0], out[1]);
    eqi_dgemv(1, 2, n, a, n, one, t);
    for (size_t k = 0; k < n; k++)
        cr_assert(t[k] == 3.0 * (double)(k % 7), "column %zu: %g", k, t[k]);
    free(a);
    free(x);
    free(t);
}

/* A x = b with A = [0 2 1; 1 1 1; 2 1 0] (a zero in the first pivot
** position, so rows must be swapped) and b = (5, 4, 4): x = (1, 2, 1)
** (rows: 0 + 4 + 1, 1 + 2 + 1, 2 + 2 + 0).  Column-major storage.  The
** determinant is 0(0 - 1) - 2(0 - 2) + 1(1 - 2) = 3: the product of U's
** diagonal, negated once per swap. */
Test(blas, dgesv_pivots)
{
    /* columns of A */
    double a[9] = { 0, 1, 2, 2, 1, 1, 1, 1, 0 };
    double b[3] = { 5, 4, 4 };
    blasint n = 3, one = 1, ipiv[3], info = -9;
    double det = 1;
    eqi_dgesv(&n, &one, a, &n, ipiv, b, &n, &info);
    cr_assert_eq(info, 0);
    cr_assert(fabs(b[0] - 1) < 1e-14 && fabs(b[1] - 2) < 1e-14 && fabs(b[2] - 1) < 1e-14,
              "%g %g %g", b[0], b[1], b[2]);
    cr_assert_eq(ipiv[0], 3, "the largest of |0|, |1|, |2| is row 3");
    for (int j = 0; j < 3; j++) {
        det *= a[j * 4];
        if (ipiv[j] != j + 1)
            det = -det;
    }
    cr_assert(fabs(det - 3) < 1e-13, "det %g", det);
}

/* Two right-hand sides at once, with ldb > n: I x = b leaves b. */
Test(blas, dgesv_several_rhs)
{
    double a[4] = { 2, 0, 0, 4 };               /* diag(2, 4) */
    double b[6] = { 2, 8, -1, 6, 4, -1 };       /* ldb 3: (2, 8), (6, 4) */
    blasint n = 2, nrhs = 2, lda = 2, ldb = 3, ipiv[2], info = -9;
    eqi_dgesv(&n, &nrhs, a, &lda, ipiv, b, &ldb, &info);
    cr_assert_eq(info, 0);
    cr_assert(b[0] == 1 && b[1] == 2 && b[2] == -1 && b[3] == 3 && b[4] == 1 && b[5] == -1);
}

/* A singular matrix: U(2,2) is exactly 0, info = 2, as LAPACK says; bad
** arguments give -k. */
Test(blas, dgesv_singular_and_arguments)
{
    double a[4] = { 1, 2, 2, 4 };               /* columns (1, 2), (2, 4) */
    double b[2] = { 1, 1 };
    blasint n = 2, one = 1, ipiv[2], info = 0, bad = -1, small = 1;
    eqi_dgesv(&n, &one, a, &n, ipiv, b, &n, &info);
    cr_assert_eq(info, 2);
    eqi_dgesv(&bad, &one, a, &n, ipiv, b, &n, &info);
    cr_assert_eq(info, -1);
    eqi_dgesv(&n, &bad, a, &n, ipiv, b, &n, &info);
    cr_assert_eq(info, -2);
    eqi_dgesv(&n, &one, a, &small, ipiv, b, &n, &info);
    cr_assert_eq(info, -4);
    eqi_dgesv(&n, &one, a, &n, ipiv, b, &small, &info);
    cr_assert_eq(info, -7);
}

/* Without a limit on the address space the buffer can be had. */
Test(blas, buffer_check_without_limit)
{
    cr_assert(eqi_blas_buffer_ok());
}

/* The knob is OpenBLAS's process-wide count; n < 1 is refused. */
Test(blas, thread_count_knob)
{
    cr_assert_eq(eq_blas_set_threads(1), EQ_OK);
    cr_assert_eq(eq_blas_threads(), 1);
    cr_assert_eq(eq_blas_set_threads(2), EQ_OK);
    cr_assert_eq(eq_blas_threads(), 2);
    cr_assert_eq(eq_blas_set_threads(0), EQ_ERR_ARG);
    cr_assert_eq(eq_blas_threads(), 2);
}

/* Solves do not depend on OpenBLAS's thread count: qre (whose linear
** algebra is blas.c's) on a 3-player game gives the same bits with one
** thread and with four. */
Test(blas, results_do_not_depend_on_thread_count)
{
    const int k[3] = { 3, 3, 3 };
    eq_game *g = NULL;
    eq_result *r1 = NULL, *r4 = NULL;
    eq_solve_opts o;
    cr_assert_eq(eq_game_new(&g, 3, k), EQ_OK);
    for (int p = 0; p < 3; p++)
        for (size_t i = 0; i < eq_game_profiles(g); i++)
            eq_game_payoffs_mut(g, p)[i] = (double)((i * 7 + (size_t)p * 5) % 11);
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_QRE;
    eq_blas_set_threads(1);
    cr_assert_eq(eq_solve(g, &o, &r1), EQ_OK, "%s", eq_result_errmsg(r1));
    eq_blas_set_threads(4);
    cr_assert_eq(eq_solve(g, &o, &r4), EQ_OK, "%s", eq_result_errmsg(r4));
    for (int p = 0; p < 3; p++)
        cr_assert(memcmp(eq_result_strategy(r1, 0, p), eq_result_strategy(r4, 0, p),
                         3 * sizeof(double)) == 0, "player %d", p);
    cr_assert(eq_result_regret(r1, 0) == eq_result_regret(r4, 0));
    eq_result_free(r1);
    eq_result_free(r4);
    eq_game_free(g);
}
