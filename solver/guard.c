/*
** guard.c -- eq_limits at work: the cancellation callback, the time limit
** on the monotonic clock, and the pivot and vertex counts, polled by the
** long loops of the methods (enumerate.c, lemke.c, seqlemke.c, path.c,
** lp.c's callers, sweeps and studies).
**
** One guard serves one call: eq_solve and eq_tree_solve start it from
** their options' eq_limits, and the solves nested in a tree solve (the
** reduced form, each subgame) find it through the limits' internal
** pointer, so the time limit runs from the start of the outer call and
** the pivots of every nested solve add up.  Once a guard has stopped it
** stays stopped, and every poll after that answers "stop" at once.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _POSIX_C_SOURCE 200809L   /* clock_gettime */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/* The option structs keep their size and their older fields' offsets when
** fields come from their reserved tails (the ABI promise of equilib.h):
** checked here on 64-bit systems, where the sizes are 120 and 96 bytes. */
#if defined(__LP64__)
#include <stddef.h>
_Static_assert(sizeof(eq_solve_opts) == 120 && offsetof(eq_solve_opts, limits) == 88,
               "eq_solve_opts changed its layout");
_Static_assert(sizeof(eq_tree_opts) == 96 && offsetof(eq_tree_opts, perfect) == 72 &&
               offsetof(eq_tree_opts, limits) == 80, "eq_tree_opts changed its layout");
#endif

void eq_limits_init(eq_limits *l)
{
    if (l != NULL)
        memset(l, 0, sizeof *l);
}

double eqi_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

eq_status eqi_limits_check(const eq_limits *l, char *err)
{
    if (l == NULL)
        return EQ_OK;
    if (!(l->time_limit >= 0.0) || !isfinite(l->time_limit))
        return eqi_error(err, EQ_ERR_ARG,
                         "time limit must be a finite number of seconds >= 0 (0: none)");
    if (l->max_pivots < 0)
        return eqi_error(err, EQ_ERR_ARG, "max_pivots must be 0 (none) or positive");
    if (l->max_vertices < 0)
        return eqi_error(err, EQ_ERR_ARG, "max_vertices must be 0 (none) or positive");
    return EQ_OK;
}

eqi_guard *eqi_guard_start(eqi_guard *g, const eq_limits *l)
{
    if (l != NULL && l->internal != NULL)
        return l->internal;             /* a nested call: the outer guard */
    memset(g, 0, sizeof *g);
    if (l != NULL) {
        g->cancel = l->cancel;
        g->ud = l->cancel_ud;
        g->limit = l->time_limit;
        g->max_pivots = l->max_pivots;
        g->max_vertices = l->max_vertices;
    }
    if (g->limit > 0.0)
        g->deadline = eqi_clock() + g->limit;
    g->gmp_mark = eqi_gmp_mark();
    return g;
}

void eqi_guard_nest(eqi_guard *g, const eq_limits *outer, eq_limits *inner)
{
    if (outer != NULL)
        *inner = *outer;
    else
        eq_limits_init(inner);
    inner->internal = g;
}

eqi_guard *eqi_guard_of(const eq_limits *l)
{
    return l != NULL ? l->internal : NULL;
}

static int stop(eqi_guard *g, const char *fmt, ...) EQI_PRINTF(2, 3);
static int stop(eqi_guard *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g->why, sizeof g->why, fmt, ap);
    va_end(ap);
    g->stopped = 1;
    return 1;
}

int eqi_guard_poll(eqi_guard *g)
{
    if (g == NULL)
        return 0;
    if (g->stopped)
        return 1;
    if (eqi_gmp_failed(g->gmp_mark))
        return stop(g, "out of memory");
    if (g->cancel != NULL && g->cancel(g->ud) != 0)
        return stop(g, "stopped by the cancel callback");
    if (g->deadline > 0.0 && eqi_clock() >= g->deadline)
        return stop(g, "time limit of %g s reached", g->limit);
    return 0;
}

int eqi_guard_pivot(eqi_guard *g)
{
    if (g == NULL)
        return 0;
    if (g->max_pivots > 0 && g->pivots >= g->max_pivots && !g->stopped)
        return stop(g, "pivot limit of %lld reached (max_pivots)", g->max_pivots);
    g->pivots++;
    return eqi_guard_poll(g);
}

int eqi_guard_vertices(eqi_guard *g, long long n)
{
    if (g == NULL || g->stopped)
        return g != NULL;
    if (g->max_vertices > 0 && n >= g->max_vertices)
        return stop(g, "vertex limit of %lld reached (max_vertices)", g->max_vertices);
    return 0;
}

double eqi_guard_left(const eqi_guard *g)
{
    double left;
    if (g == NULL || g->deadline <= 0.0)
        return -1.0;
    left = g->deadline - eqi_clock();
    return left > 0.0 ? left : 0.0;
}

eq_status eqi_guard_fail(const eqi_guard *g, char *err, const char *who)
{
    return eqi_error(err, EQ_ERR_STOPPED, "%s: %s", who,
                     g != NULL && g->why[0] ? g->why : "stopped");
}
