/*
** median.h -- the median the C benchmarks print (sorts v in place).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQ_BENCH_MEDIAN_H
#define EQ_BENCH_MEDIAN_H

#include <stdlib.h>

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of v[0..n-1], n >= 1; the mean of the middle two for even n. */
static inline double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

#endif
