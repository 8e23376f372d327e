/*
** qre_mixed.c -- qre on random 3-player games mixing payoffs 1 and 1e6:
** how many it answers, how many it refuses, the path's steps, and the
** median time of eq_solve per game, against -m pure on the same games
** (the reference, measured in the same run).
**
**   eqqremix FAMILY FIRST LAST [REPS]
**
** FAMILY "numerics": 2x3x2 games of tests/test_numerics.c's generator
** (qre_on_strained_games): integers in [-100, 100], times 1e6 at odd
** profiles, splitmix64 seeded with 1000 + seed.  FAMILY "fuzz": the shape
** of tests/fuzz/fuzz_solve.c with both scale bits set (1..4 x 1..4 x 2,
** signed bytes, odd profiles times 1e6), from splitmix64 seeded with
** 77000 + seed.  Seeds FIRST..LAST.  Each solve is timed REPS times
** (default 3) and the median kept; the summary line gives the medians over
** the games.  Refused seeds are listed with their messages.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "equilib.h"
#include "median.h"

static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static eq_game *make(int fuzz, unsigned seed)
{
    int k[3] = { 2, 3, 2 };
    uint64_t s = (fuzz ? 77000u : 1000u) + seed;
    eq_game *g = NULL;
    if (fuzz) {
        int shape = (int)(next(&s) & 15);
        k[0] = (shape & 3) + 1;
        k[1] = ((shape >> 2) & 3) + 1;
    }
    if (eq_game_new(&g, 3, k) != EQ_OK)
        return NULL;
    for (int p = 0; p < 3; p++)
        for (size_t i = 0; i < eq_game_profiles(g); i++) {
            double v = fuzz ? (double)(int8_t)(next(&s) & 255)
                            : (double)(-100 + (int)(next(&s) % 201u));
            eq_game_payoffs_mut(g, p)[i] = v * ((i & 1) ? 1e6 : 1.0);
        }
    return g;
}

/* qre's closing note holds "N steps". */
static void on_log(void *ud, int level, const char *msg)
{
    const char *at = strstr(msg, "qre: ");
    (void)level;
    if (at != NULL && strstr(msg, " steps (") != NULL)
        *(int *)ud = atoi(at + 5);
}

/* Median ms of REPS solves of g by method m; *st, *steps: the last one's. */
static double timed(const eq_game *g, eq_method m, int reps, eq_status *st,
                    int *steps, char *msg, size_t len)
{
    double ms[64];
    for (int i = 0; i < reps; i++) {
        eq_solve_opts o;
        eq_result *r = NULL;
        struct timespec a, b;
        eq_solve_opts_init(&o);
        o.method = m;
        o.log = on_log;
        o.log_ud = steps;
        clock_gettime(CLOCK_MONOTONIC, &a);
        *st = eq_solve(g, &o, &r);
        clock_gettime(CLOCK_MONOTONIC, &b);
        ms[i] = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
        snprintf(msg, len, "%s", *st == EQ_OK ? "" : eq_result_errmsg(r));
        eq_result_free(r);
    }
    return median(ms, reps);
}

int main(int argc, char **argv)
{
    int fuzz, first, last, reps, n, answered = 0, refused = 0;
    long steps = 0;
    double *tq, *tp;
    char msg[512];
    if (argc < 4 || (strcmp(argv[1], "numerics") != 0 && strcmp(argv[1], "fuzz") != 0)) {
        fprintf(stderr, "usage: eqqremix numerics|fuzz FIRST LAST [REPS]\n");
        return 2;
    }
    fuzz = strcmp(argv[1], "fuzz") == 0;
    first = atoi(argv[2]);
    last = atoi(argv[3]);
    reps = argc > 4 ? atoi(argv[4]) : 3;
    if (first < 0 || last < first || reps < 1 || reps > 64) {
        fprintf(stderr, "usage: eqqremix numerics|fuzz FIRST LAST [REPS]\n");
        return 2;
    }
    n = last - first + 1;
    tq = malloc((size_t)n * sizeof *tq);
    tp = malloc((size_t)n * sizeof *tp);
    if (tq == NULL || tp == NULL)
        return 1;
    for (int s = first; s <= last; s++) {
        eq_game *g = make(fuzz, (unsigned)s);
        eq_status st;
        int k = 0, dummy = 0;
        if (g == NULL)
            return 1;
        tq[s - first] = timed(g, EQ_METHOD_QRE, reps, &st, &k, msg, sizeof msg);
        steps += k;
        if (st == EQ_OK) {
            answered++;
        } else {
            refused++;
            printf("seed %d refused: %s\n", s, msg);
        }
        tp[s - first] = timed(g, EQ_METHOD_PURE, reps, &st, &dummy, msg, sizeof msg);
        eq_game_free(g);
    }
    {
        double mq = median(tq, n), mp = median(tp, n);
        printf("%s %d..%d: answered %d, refused %d; path steps %ld in all; "
               "median solve %.4f ms (qre), %.4f ms (pure, reference); ratio %.0f\n",
               argv[1], first, last, answered, refused, steps, mq, mp,
               mp > 0.0 ? mq / mp : 0.0);
    }
    free(tq);
    free(tp);
    return 0;
}
