/*
** sweep.c -- SPE solves per second through eq_model_sweep, against a
** user's own C loop measured in the same run.
**
**   eqsweep MODEL.game POINTS REPS [THREADS...]
**
** The grid: block_value over [0, 30] in POINTS values crossed with timing
** (both choices) when the model has them, else the first interval
** parameter over its domain.  For each of REPS repetitions:
**   loop       the reference: eq_model_instantiate into one tree, updated
**              in place, then eq_tree_solve and eq_tree_result_free, for
**              every grid point, in a plain loop on one thread (what a user
**              writes today; payoffs read from the result);
**   sweep -jN  eq_model_sweep with N threads (the calling one included),
**              the callback reading every row's payoffs;
**   N procs    the machine's ceiling for the largest N: N processes
**              (fork) each running the whole sweep on one thread at the
**              same time, solves per second counted over all of them
**              until the last ends.  Two cores that share a cache,
**              memory bandwidth or a boost clock scale less than 2x even
**              for independent processes; -jN is also given against this.
** Prints, per mode, the median over the repetitions of solves per second
** (wall clock), the ratio to the loop, the speed-up of each thread count
** over one, and solves per CPU-second of the process (all threads: on a
** busy machine, the wall-clock speed-up is capped by the cores free, the
** CPU figure shows what the threads cost); and the load average before
** and after (figures are only as good as the machine is quiet).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "equilib.h"
#include "median.h"
#include "loadavg.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU seconds of the whole process (every thread). */
static double cpu(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 +
           (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}


static double sink;

static int row(void *ud, const eq_point *pt)
{
    (void)ud;
    sink += eq_point_payoff(pt, 0);
    return 0;
}

/* N processes at once, each sweeping the whole grid on one thread:
** their total solves per second, until the last ends; 0 on failure. */
static double procs(eq_analysis *a, long long n, int np)
{
    double t0;
    int ok = 1;
    fflush(stdout);
    eq_analysis_set_threads(a, 1);
    t0 = now();
    for (int i = 0; i < np; i++) {
        pid_t p = fork();
        if (p == 0)
            _exit(eq_model_sweep(a, row, NULL) == EQ_OK ? 0 : 1);
        if (p < 0)
            ok = 0;
    }
    for (int st; wait(&st) > 0;)
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            ok = 0;
    return ok ? (double)np * (double)n / (now() - t0) : 0.0;
}

/* The user's loop: solves per second. */
static double user_loop(const eq_model *m, const eq_analysis *a, long long n)
{
    int np = eq_model_params(m);
    double *v = malloc((size_t)np * sizeof *v), t0;
    eq_tree *t = NULL;
    eq_tree_opts o;
    eq_diag d;
    eq_tree_opts_init(&o);
    eq_model_equilibrium(m, &o);
    t0 = now();
    for (long long i = 0; i < n; i++) {
        eq_tree_result *r = NULL;
        /* The same grid point as the sweep's row i. */
        memcpy(v, eq_analysis_values(a), (size_t)np * sizeof *v);
        for (int j = eq_analysis_axes(a) - 1, idx = (int)i; j >= 0; j--) {
            int k = eq_analysis_axis_points(a, j);
            v[eq_analysis_axis_param(a, j)] = eq_analysis_axis_value(a, j, idx % k);
            idx /= k;
        }
        if (eq_model_instantiate(m, v, &t, &d) != EQ_OK || eq_tree_solve(t, &o, &r) != EQ_OK) {
            fprintf(stderr, "eqsweep: %s\n", r ? eq_tree_result_errmsg(r) : d.message);
            exit(1);
        }
        sink += eq_tree_result_payoff(r, 0, 0);
        eq_tree_result_free(r);
    }
    t0 = now() - t0;
    eq_tree_free(t);
    free(v);
    return (double)n / t0;
}

int main(int argc, char **argv)
{
    eq_model *m = NULL;
    eq_analysis *a = NULL;
    eq_diag d;
    long long n;
    int reps, nth = argc > 4 ? argc - 4 : 2, th[16] = { 1, 2 };
    double loopv[64], sw[16][64], cp[16][64], pr[16][64], pv[64], lmed, pmed, s1 = 0.0;
    int one = -1;
    char spec[128];

    if (argc < 4 || (n = atoll(argv[2])) < 2 || (reps = atoi(argv[3])) < 1 || reps > 64) {
        fprintf(stderr, "usage: eqsweep MODEL.game POINTS REPS [THREADS...]\n");
        return 2;
    }
    for (int i = 4; i < argc && i - 4 < 16; i++)
        th[i - 4] = atoi(argv[i]);
    if (nth > 16)
        nth = 16;
    if (eq_model_read(&m, argv[1], &d) != EQ_OK) {
        fprintf(stderr, "%s\n", d.message);
        return 2;
    }
    if (eq_analysis_new(&a, m) != EQ_OK)
        return 1;
    if (eq_model_param_index(m, "block_value") >= 0 && eq_model_param_index(m, "timing") >= 0) {
        snprintf(spec, sizeof spec, "block_value=0:30:%lld", n / 2);
        if (eq_analysis_vary(a, "timing") != EQ_OK || eq_analysis_vary(a, spec) != EQ_OK) {
            fprintf(stderr, "eqsweep: %s\n", eq_analysis_errmsg(a));
            return 1;
        }
    } else {
        int k = 0;
        while (k < eq_model_params(m) && eq_model_param_is_enum(m, k))
            k++;
        snprintf(spec, sizeof spec, "%s=%.17g:%.17g:%lld", eq_model_param_name(m, k),
                 eq_model_param_lo(m, k), eq_model_param_hi(m, k), n);
        if (eq_analysis_vary(a, spec) != EQ_OK) {
            fprintf(stderr, "eqsweep: %s\n", eq_analysis_errmsg(a));
            return 1;
        }
    }
    n = eq_analysis_points(a);
    bench_load("before");
    printf("model %s, %lld grid points, median of %d repetitions\n", argv[1], n, reps);
    for (int r = 0; r < reps; r++) {
        loopv[r] = user_loop(m, a, n);
        for (int j = 0; j < nth; j++) {
            double t0, c0;
            eq_analysis_set_threads(a, th[j]);
            t0 = now();
            c0 = cpu();
            if (eq_model_sweep(a, row, NULL) != EQ_OK) {
                fprintf(stderr, "eqsweep: %s\n", eq_analysis_errmsg(a));
                return 1;
            }
            sw[j][r] = (double)n / (now() - t0);
            cp[j][r] = (double)n / (cpu() - c0);
        }
        pv[r] = procs(a, n, th[nth - 1]);
    }
    /* The ratios to -j 1 within each repetition, whose runs are adjacent
    ** in time (robust to a drift of the machine's speed between
    ** repetitions), taken before median() sorts the columns. */
    for (int j = 0; j < nth; j++)
        if (th[j] == 1)
            one = j;
    for (int j = 0; j < nth && one >= 0; j++)
        for (int r = 0; r < reps; r++)
            pr[j][r] = sw[j][r] / sw[one][r];
    lmed = median(loopv, reps);
    printf("%-12s %12.0f solves/s  (reference)\n", "user loop", lmed);
    for (int j = 0; j < nth; j++) {
        double med = median(sw[j], reps);
        if (th[j] == 1)
            s1 = med;
        printf("sweep -j %-3d %12.0f solves/s  %.2fx the loop", th[j], med, med / lmed);
        if (s1 > 0.0 && th[j] > 1)
            printf(", %.2fx -j 1 (%.0f per thread; paired median %.2fx)", med / s1,
                   med / th[j], median(pr[j], reps));
        printf("; %.0f per CPU-second\n", median(cp[j], reps));
    }
    pmed = median(pv, reps);
    printf("%d procs      %12.0f solves/s  %.2fx -j 1 (the machine's ceiling); -j %d reaches %.0f%% of it\n",
           th[nth - 1], pmed, s1 > 0.0 ? pmed / s1 : 0.0, th[nth - 1],
           100.0 * median(sw[nth - 1], reps) / pmed);
    bench_load("after");
    eq_analysis_free(a);
    eq_model_free(m);
    return sink == 12345.678 ? 3 : 0;
}
