/*
** timesolve.c -- time eq_solve alone, without starting a process or
** reading the file: the median over REPS runs, in milliseconds.
**
**   eqtime FILE.nfg METHOD REPS [MAX [LABEL [THREADS]]]
**
** MAX, LABEL and THREADS set eq_solve_opts' max_equilibria, lemke_label
** and threads (-1 keeps a default).  With EQTIME_LOG set in the
** environment, the first run's log messages (the methods' notes, such as
** zerosum's pivot count) go to standard error; with EQTIME_EXACT set,
** the solve is in exact arithmetic (eq_solve_opts.exact).
** Prints "median_ms count" where count is the number of equilibria of the
** last run (0 when the method failed: the message goes to stderr).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "equilib.h"

/* Log callback: print the message, prefixed, while *ud is nonzero. */
static void note(void *ud, int level, const char *msg)
{
    (void)level;
    if (*(int *)ud)
        fprintf(stderr, "eqtime: %s\n", msg);
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    eq_game *g = NULL;
    eq_diag d;
    eq_solve_opts o;
    double *ms;
    int reps, count = 0, m, logging = getenv("EQTIME_LOG") != NULL;

    if (argc < 4 || (m = eq_method_from_name(argv[2])) < 0 || (reps = atoi(argv[3])) < 1) {
        fprintf(stderr, "usage: eqtime FILE.nfg METHOD REPS [MAX [LABEL [THREADS]]]\n");
        return 2;
    }
    if (eq_game_read_nfg(&g, argv[1], &d) != EQ_OK) {
        fprintf(stderr, "%s\n", d.message);
        return 2;
    }
    eq_solve_opts_init(&o);
    o.method = (eq_method)m;
    if (argc > 4 && atoi(argv[4]) >= 0)
        o.max_equilibria = atoi(argv[4]);
    if (argc > 5)
        o.lemke_label = atoi(argv[5]);
    if (argc > 6 && atoi(argv[6]) >= 0)
        o.threads = atoi(argv[6]);
    o.exact = getenv("EQTIME_EXACT") != NULL;
    o.log = note;
    o.log_ud = &logging;
    ms = malloc((size_t)reps * sizeof *ms);
    if (ms == NULL)
        return 1;
    for (int i = 0; i < reps; i++) {
        struct timespec a, b;
        eq_result *r = NULL;
        eq_status s;
        clock_gettime(CLOCK_MONOTONIC, &a);
        s = eq_solve(g, &o, &r);
        clock_gettime(CLOCK_MONOTONIC, &b);
        logging = 0;
        ms[i] = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
        count = s == EQ_OK ? eq_result_count(r) : 0;
        if (s != EQ_OK)
            fprintf(stderr, "eqtime: %s\n", eq_result_errmsg(r));
        eq_result_free(r);
    }
    qsort(ms, (size_t)reps, sizeof *ms, cmp);
    printf("%.2f %d\n", reps % 2 ? ms[reps / 2] : (ms[reps / 2 - 1] + ms[reps / 2]) / 2, count);
    free(ms);
    eq_game_free(g);
    return 0;
}
