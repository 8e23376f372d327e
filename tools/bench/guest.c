/*
** guest.c -- correlated solves per second on the main thread and on a
** worker thread, the same solves of the same game, alternately.
**
**   eqguest FILE.nfg SOLVES REPS [METHOD]
**
** Each of REPS rounds times SOLVES solves (default method correlated) on
** the main thread, then SOLVES on a freshly started worker thread.
** Prints "main_per_s worker_per_s ratio": the medians over the rounds,
** and worker / main.  A solve that allocates and frees large buffers
** makes glibc trim and regrow the main thread's heap (brk) every time,
** which a worker's heap does not, so the ratio shows such churn.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "equilib.h"

struct run {
    const eq_game *g;
    eq_method m;
    long solves;
    double per_s;       /* OUT */
    int failed;         /* OUT */
};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void *run(void *arg)
{
    struct run *r = arg;
    eq_solve_opts o;
    double t0;
    eq_solve_opts_init(&o);
    o.method = r->m;
    t0 = now();
    for (long i = 0; i < r->solves; i++) {
        eq_result *res = NULL;
        if (eq_solve(r->g, &o, &res) != EQ_OK) {
            fprintf(stderr, "eqguest: %s\n", res ? eq_result_errmsg(res) : "no result");
            r->failed = 1;
        }
        eq_result_free(res);
    }
    r->per_s = (double)r->solves / (now() - t0);
    return NULL;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    eq_game *g = NULL;
    eq_diag d;
    long solves;
    int reps, m = EQ_METHOD_CORRELATED, failed = 0;
    double *mainv, *workv;

    if (argc < 4 || (solves = atol(argv[2])) < 1 || (reps = atoi(argv[3])) < 1 ||
        (argc > 4 && (m = eq_method_from_name(argv[4])) < 0)) {
        fprintf(stderr, "usage: eqguest FILE.nfg SOLVES REPS [METHOD]\n");
        return 2;
    }
    if (eq_game_read_nfg(&g, argv[1], &d) != EQ_OK) {
        fprintf(stderr, "%s\n", d.message);
        return 2;
    }
    mainv = malloc((size_t)reps * sizeof *mainv);
    workv = malloc((size_t)reps * sizeof *workv);
    if (mainv == NULL || workv == NULL)
        return 1;
    for (int i = 0; i < reps; i++) {
        struct run a = { g, (eq_method)m, solves, 0.0, 0 }, b = a;
        pthread_t th;
        run(&a);
        if (pthread_create(&th, NULL, run, &b) != 0) {
            fprintf(stderr, "eqguest: cannot start a thread\n");
            return 1;
        }
        pthread_join(th, NULL);
        mainv[i] = a.per_s;
        workv[i] = b.per_s;
        failed |= a.failed | b.failed;
    }
    {
        double mm = median(mainv, reps), mw = median(workv, reps);
        printf("%.0f %.0f %.2f\n", mm, mw, mw / mm);
    }
    free(mainv);
    free(workv);
    eq_game_free(g);
    return failed;
}
