/*
** guest.c -- correlated solves per second on the main thread and on a
** worker thread, the same solves of the same game, alternately, each
** without and with a reused handle.
**
**   eqguest FILE.nfg SOLVES REPS [METHOD [MODE]]
**
** Each of REPS rounds times SOLVES solves (default method correlated) on
** the main thread, then SOLVES on a freshly started worker thread, in
** each MODE: "fresh" solves with eq_solve (every solve its own memory),
** "handle" with eq_solve_with on one eq_options handle made for the run
** (its correlated workspace reused from the second solve on).  MODE
** "both" (default) does the two in turn within each round.  Prints the
** medians over the rounds: for fresh or handle, "main_per_s worker_per_s
** ratio" (ratio = worker / main); for both, "main worker ratio main_h
** worker_h ratio_h handle_gain_main handle_gain_worker" (_h: with the
** handle; gain = with the handle / fresh, on the same kind of thread).  A
** solve that allocates and frees large buffers makes glibc trim and
** regrow the main thread's heap (brk) every time, which a worker's heap
** does not, so the ratio shows such churn.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "equilib.h"
#include "median.h"

struct run {
    const eq_game *g;
    eq_method m;
    int handle;         /* eq_solve_with on one handle, else eq_solve */
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
    eq_options *h = NULL;
    double t0;
    eq_solve_opts_init(&o);
    o.method = r->m;
    t0 = now();
    if (r->handle && (eq_options_new(&h) != EQ_OK ||
                      eq_options_set(h, "method", eq_method_name(r->m)) != EQ_OK)) {
        fprintf(stderr, "eqguest: cannot make the handle\n");
        r->failed = 1;
        eq_options_free(h);
        return NULL;
    }
    for (long i = 0; i < r->solves; i++) {
        eq_result *res = NULL;
        eq_status s = h != NULL ? eq_solve_with(r->g, h, &res) : eq_solve(r->g, &o, &res);
        if (s != EQ_OK) {
            fprintf(stderr, "eqguest: %s\n", res ? eq_result_errmsg(res)
                                                 : h ? eq_options_errmsg(h) : "no result");
            r->failed = 1;
        }
        eq_result_free(res);
    }
    eq_options_free(h);     /* its workspace too: timed with the run */
    r->per_s = (double)r->solves / (now() - t0);
    return NULL;
}

/* One round of mode handle (0 or 1): SOLVES on the main thread, then on
** a fresh worker.  Returns 0, or -1 when the thread cannot start. */
static int round_of(const eq_game *g, eq_method m, int handle, long solves,
                    double *mainv, double *workv, int *failed)
{
    struct run a = { g, m, handle, solves, 0.0, 0 }, b = a;
    pthread_t th;
    run(&a);
    if (pthread_create(&th, NULL, run, &b) != 0)
        return -1;
    pthread_join(th, NULL);
    *mainv = a.per_s;
    *workv = b.per_s;
    *failed |= a.failed | b.failed;
    return 0;
}

int main(int argc, char **argv)
{
    eq_game *g = NULL;
    eq_diag d;
    long solves;
    int reps, m = EQ_METHOD_CORRELATED, failed = 0, lo = 0, hi = 1;
    double *v[4];

    if (argc > 5) {
        if (strcmp(argv[5], "fresh") == 0)
            hi = 0;
        else if (strcmp(argv[5], "handle") == 0)
            lo = 1;
        else if (strcmp(argv[5], "both") != 0)
            argc = 0;           /* the usage line */
    }
    if (argc < 4 || (solves = atol(argv[2])) < 1 || (reps = atoi(argv[3])) < 1 ||
        (argc > 4 && (m = eq_method_from_name(argv[4])) < 0)) {
        fprintf(stderr, "usage: eqguest FILE.nfg SOLVES REPS [METHOD [fresh|handle|both]]\n");
        return 2;
    }
    if (eq_game_read_nfg(&g, argv[1], &d) != EQ_OK) {
        fprintf(stderr, "%s\n", d.message);
        return 2;
    }
    for (int k = 0; k < 4; k++)
        if ((v[k] = malloc((size_t)reps * sizeof *v[k])) == NULL)
            return 1;
    for (int i = 0; i < reps; i++)
        for (int h = lo; h <= hi; h++)
            if (round_of(g, (eq_method)m, h, solves, &v[2 * h][i], &v[2 * h + 1][i],
                         &failed) != 0) {
                fprintf(stderr, "eqguest: cannot start a thread\n");
                return 1;
            }
    {
        double med[4];
        for (int k = 2 * lo; k < 2 * hi + 2; k++)
            med[k] = median(v[k], reps);
        if (lo == hi)
            printf("%.0f %.0f %.2f\n", med[2 * lo], med[2 * lo + 1],
                   med[2 * lo + 1] / med[2 * lo]);
        else
            printf("%.0f %.0f %.2f %.0f %.0f %.2f %.2f %.2f\n", med[0], med[1],
                   med[1] / med[0], med[2], med[3], med[3] / med[2], med[2] / med[0],
                   med[3] / med[1]);
    }
    for (int k = 0; k < 4; k++)
        free(v[k]);
    eq_game_free(g);
    return failed;
}
