/*
** pbe_sweep.c -- the sensitivity engine's fast path (solver/spefast.c)
** on spe with pbe stages, against eq_tree_solve measured in the same run.
**
**   eqpbesweep MODEL.game PARAM POINTS REPS [NAME=VALUE...]
**
** The model at its defaults (NAME=VALUE overrides; a named choice by its
** index), solved as spe with pbe as the subgame method whatever it
** declares, over PARAM's domain in POINTS values.  For each of REPS
** repetitions (after one untimed, in an order that rotates), every grid
** point is instantiated in place into one tree and solved three ways:
**   general   eq_tree_solve, the result freed (the reference: what the
**             sweeps did with pbe stages before the fast path took them);
**   fast      eqi_spefast_solve, prepared once, into one reused result;
**   point     eq_point_solve, the sweep's own route (the fast path plus
**             the point's measures: outcome classes, ties, the count).
** The fast and general payoffs must be the same doubles at every point
** (else exit 1).  Prints the median over the repetitions of microseconds
** per solve, the ratios to general, and the load average before and after
** (on a shared machine the figures are only indicative).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "equilib.h"
#include "median.h"
#include "../../solver/spefast.h"
#include "loadavg.h"

#define MAX_REPS 64

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}


static void die(const char *what, const char *msg)
{
    fprintf(stderr, "eqpbesweep: %s: %s\n", what, msg);
    exit(1);
}

/* The value of grid point i of n over [lo, hi]. */
static double grid(double lo, double hi, long i, long n)
{
    return lo + (hi - lo) * (double)i / (double)(n - 1);
}

/* eq_tree_solve on t: player 1's payoff (0 without an equilibrium). */
static double solve_general(const eq_tree *t, const eq_tree_opts *o)
{
    eq_tree_result *r = NULL;
    double u;
    if (eq_tree_solve(t, o, &r) != EQ_OK)
        die("eq_tree_solve", r ? eq_tree_result_errmsg(r) : "out of memory");
    u = eq_tree_result_count(r) > 0 ? eq_tree_result_payoff(r, 0, 0) : 0.0;
    eq_tree_result_free(r);
    return u;
}

/* The fast path on t, prepared into *f and *fr when they do not fit t:
** player 1's payoff (0 without an equilibrium). */
static double solve_fast(const eq_tree *t, const eq_tree_opts *o, eqi_spefast **f,
                         eq_tree_result **fr)
{
    if (!eqi_spefast_applies(t, o))
        die("fast path", "does not apply");
    if (*f == NULL || !eqi_spefast_matches(*f, t, o)) {
        eqi_spefast_free(*f);
        eq_tree_result_free(*fr);
        *fr = NULL;
        if (eqi_spefast_new(t, o, f) != EQ_OK ||
            (*fr = eqi_tree_result_new(t, EQ_METHOD_SPE)) == NULL)
            die("fast path", "out of memory");
    }
    if (eqi_spefast_solve(*f, t, *fr) != EQ_OK)
        die("eqi_spefast_solve", eq_tree_result_errmsg(*fr));
    return eq_tree_result_count(*fr) > 0 ? eq_tree_result_payoff(*fr, 0, 0) : 0.0;
}

int main(int argc, char **argv)
{
    eq_model *m = NULL;
    eq_analysis *a = NULL;
    eq_point *pt = NULL;
    eq_tree *t = NULL;
    eq_tree_result *fr = NULL;
    eqi_spefast *f = NULL;
    eq_tree_opts o;
    eq_diag d;
    double *v, lo, hi, tg[MAX_REPS], tf[MAX_REPS], tp[MAX_REPS], sink = 0.0, mg, mf, mp;
    long n;
    int reps, k, np;

    if (argc < 5 || (n = atol(argv[3])) < 2 || (reps = atoi(argv[4])) < 1 ||
        reps > MAX_REPS) {
        fprintf(stderr, "usage: eqpbesweep MODEL.game PARAM POINTS(>=2) REPS(1..%d) "
                "[NAME=VALUE...]\n", MAX_REPS);
        return 2;
    }
    if (eq_model_read(&m, argv[1], &d) != EQ_OK)
        die(argv[1], d.message);
    np = eq_model_params(m);
    if ((k = eq_model_param_index(m, argv[2])) < 0 || eq_model_param_is_enum(m, k))
        die(argv[2], "not an interval parameter of the model");
    if ((v = malloc(((size_t)np + 1) * sizeof *v)) == NULL)
        die("memory", "out of memory");
    eq_model_defaults(m, v);
    for (int i = 5; i < argc; i++) {
        char name[128];
        const char *eq = strchr(argv[i], '=');
        int j;
        if (eq == NULL || (size_t)(eq - argv[i]) >= sizeof name)
            die(argv[i], "expected NAME=VALUE");
        memcpy(name, argv[i], (size_t)(eq - argv[i]));
        name[eq - argv[i]] = '\0';
        if ((j = eq_model_param_index(m, name)) < 0)
            die(name, "no such parameter");
        v[j] = atof(eq + 1);
    }
    lo = eq_model_param_lo(m, k);
    hi = eq_model_param_hi(m, k);
    eq_tree_opts_init(&o);
    eq_model_equilibrium(m, &o);
    o.method = EQ_METHOD_SPE;
    o.subgame_method = EQ_METHOD_PBE;
    o.all = 0;
    if (eq_analysis_new(&a, m) != EQ_OK || eq_point_new(&pt, m) != EQ_OK)
        die("analysis", "out of memory");
    /* The analysis solves as o does, from the same base values. */
    if (eq_analysis_set_tree_opts(a, &o) != EQ_OK || eq_analysis_set_values(a, v) != EQ_OK)
        die("analysis", eq_analysis_errmsg(a));
    printf("model %s, %s over [%g, %g] in %ld points, spe with pbe stages, median of %d "
           "repetitions\n", argv[1], argv[2], lo, hi, n, reps);
    bench_load("before");
    /* Repetition -1 warms up (not timed); the modes' order rotates from one
    ** repetition to the next, so that none always runs first. */
    for (int rep = -1; rep < reps; rep++)
        for (int step = 0; step < 3; step++) {
            int mode = (step + (rep < 0 ? 0 : rep)) % 3;
            double t0 = now(), dt;
            for (long i = 0; i < n; i++) {
                v[k] = grid(lo, hi, i, n);
                if (mode == 2) {            /* point */
                    if (eq_point_solve(pt, a, v) != EQ_OK)
                        die("eq_point_solve", eq_point_errmsg(pt));
                    sink += eq_point_payoff(pt, 0);
                    continue;
                }
                if (eq_model_instantiate(m, v, &t, &d) != EQ_OK)
                    die("instantiate", d.message);
                if (mode == 0)              /* general */
                    sink += solve_general(t, &o);
                else                        /* fast */
                    sink += solve_fast(t, &o, &f, &fr);
            }
            dt = (now() - t0) / (double)n;
            if (rep >= 0)
                (mode == 0 ? tg : mode == 1 ? tf : tp)[rep] = dt;
        }
    bench_load("after");
    /* The same answers (outside the timing). */
    for (long i = 0; i < n; i++) {
        eq_tree_result *r = NULL;
        v[k] = grid(lo, hi, i, n);
        if (eq_model_instantiate(m, v, &t, &d) != EQ_OK || eq_tree_solve(t, &o, &r) != EQ_OK ||
            eqi_spefast_solve(f, t, fr) != EQ_OK)
            die("check", "a solve failed");
        if (eq_tree_result_count(r) != eq_tree_result_count(fr))
            die("check", "the fast path's count differs");
        for (int p = 0; p < eq_model_players(m) && eq_tree_result_count(r) > 0; p++)
            if (eq_tree_result_payoff(r, 0, p) != eq_tree_result_payoff(fr, 0, p))
                die("check", "the fast path's payoffs differ");
        eq_tree_result_free(r);
    }
    mg = median(tg, reps);
    mf = median(tf, reps);
    mp = median(tp, reps);
    printf("%-8s %12s %10s\n", "mode", "us/solve", "vs general");
    printf("%-8s %12.2f %10.2f\n", "general", 1e6 * mg, 1.0);
    printf("%-8s %12.2f %10.2f\n", "fast", 1e6 * mf, mg / mf);
    printf("%-8s %12.2f %10.2f\n", "point", 1e6 * mp, mg / mp);
    printf("(checksum %g; speed-up = general time / mode time)\n", sink);
    eqi_spefast_free(f);
    eq_tree_result_free(fr);
    eq_tree_free(t);
    eq_point_free(pt);
    eq_analysis_free(a);
    eq_model_free(m);
    free(v);
    return 0;
}
