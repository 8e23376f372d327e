/*
** analysis.c -- the settings of a sensitivity study (eq_analysis): base
** values, tree options, threads, measures, and the axes of a sweep's grid.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sens.h"
#include "../lexer.h"

/* The largest grid: indices stay exact in a double, so a row's index
** can travel through any binding. */
#define GRID_MAX 9007199254740992LL   /* 2^53 */

eq_status eq_analysis_new(eq_analysis **out, const eq_model *m)
{
    eq_analysis *a;
    if (out == NULL)
        return EQ_ERR_ARG;
    *out = NULL;
    if (m == NULL)
        return EQ_ERR_ARG;
    if ((a = calloc(1, sizeof *a)) == NULL)
        return EQ_ERR_NOMEM;
    a->m = m;
    a->np = eq_model_params(m);
    a->base = malloc(((size_t)a->np + 1) * sizeof *a->base);
    if (a->base == NULL) {
        free(a);
        return EQ_ERR_NOMEM;
    }
    eq_model_defaults(m, a->base);
    eq_tree_opts_init(&a->opts);
    if (eq_model_equilibrium(m, &a->opts) && a->opts.select_action != NULL &&
        (a->action = eqi_strdup(a->opts.select_action)) == NULL) {
        eq_analysis_free(a);
        return EQ_ERR_NOMEM;
    }
    a->opts.select_action = a->action;
    a->threads = 1;
    a->grid = 100;
    a->i1 = -1;
    *out = a;
    return EQ_OK;
}

void eq_analysis_free(eq_analysis *a)
{
    if (a == NULL)
        return;
    eq_analysis_clear_axes(a);
    free(a->axis);
    free(a->base);
    free(a->action);
    free(a);
}

const char *eq_analysis_errmsg(const eq_analysis *a) { return a ? a->errmsg : ""; }
const eq_model *eq_analysis_model(const eq_analysis *a) { return a ? a->m : NULL; }

eq_status eq_analysis_set(eq_analysis *a, const char *assignment)
{
    eq_diag d;
    eq_status s;
    if (a == NULL || assignment == NULL)
        return a ? eqi_error(a->errmsg, EQ_ERR_ARG, "eq_analysis_set: NULL argument")
                 : EQ_ERR_ARG;
    if ((s = eq_model_set_param(a->m, a->base, assignment, &d)) != EQ_OK)
        return eqi_error(a->errmsg, s, "%s", d.message);
    a->errmsg[0] = '\0';
    return EQ_OK;
}

eq_status eq_analysis_set_values(eq_analysis *a, const double *values)
{
    if (a == NULL || (values == NULL && a->np > 0))
        return a ? eqi_error(a->errmsg, EQ_ERR_ARG, "eq_analysis_set_values: NULL argument")
                 : EQ_ERR_ARG;
    for (int k = 0; k < a->np; k++) {
        double v = values[k];
        int ok = eq_model_param_is_enum(a->m, k)
                     ? v >= 0 && v < eq_model_param_choices(a->m, k) && v == floor(v)
                     : v >= eq_model_param_lo(a->m, k) && v <= eq_model_param_hi(a->m, k);
        if (!ok) {
            char b[32];
            eqi_format_double(v, b, sizeof b);
            return eqi_error(a->errmsg, EQ_ERR_ARG, "value %s of parameter '%.64s' lies "
                             "outside its domain", b, eq_model_param_name(a->m, k));
        }
    }
    memcpy(a->base, values, (size_t)a->np * sizeof *values);
    return EQ_OK;
}

const double *eq_analysis_values(const eq_analysis *a) { return a ? a->base : NULL; }

eq_status eq_analysis_set_tree_opts(eq_analysis *a, const eq_tree_opts *o)
{
    char *act = NULL;
    if (a == NULL || o == NULL)
        return a ? eqi_error(a->errmsg, EQ_ERR_ARG, "eq_analysis_set_tree_opts: NULL "
                             "argument") : EQ_ERR_ARG;
    if (o->select_action != NULL && (act = eqi_strdup(o->select_action)) == NULL)
        return eqi_error(a->errmsg, EQ_ERR_NOMEM, "out of memory");
    free(a->action);
    a->action = act;
    a->opts = *o;
    a->opts.select_action = act;
    a->opts.limits = NULL;      /* a sweep's are eq_analysis_set_limits' */
    return EQ_OK;
}

eq_status eq_analysis_set_threads(eq_analysis *a, int n)
{
    if (a == NULL || n < 0 || n > 1024)
        return a ? eqi_error(a->errmsg, EQ_ERR_ARG, "threads must be 0 (one per "
                             "processor) to 1024, not %d", n) : EQ_ERR_ARG;
    a->threads = n;
    return EQ_OK;
}

int eqi_analysis_threads(const eq_analysis *a)
{
    long n;
    if (a->threads > 0)
        return a->threads;
    n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 1024 ? 1024 : (int)n;
}

eq_status eq_analysis_set_measures(eq_analysis *a, unsigned measures)
{
    if (a == NULL || (measures & ~(EQ_MEASURE_COUNT | EQ_MEASURE_CLAMPS)) != 0)
        return a ? eqi_error(a->errmsg, EQ_ERR_ARG, "unknown measures 0x%x",
                             measures & ~(EQ_MEASURE_COUNT | EQ_MEASURE_CLAMPS))
                 : EQ_ERR_ARG;
    a->measures = measures;
    return EQ_OK;
}

eq_status eq_analysis_set_grid(eq_analysis *a, int intervals)
{
    if (a == NULL || intervals < 2 || intervals > 1000000)
        return a ? eqi_error(a->errmsg, EQ_ERR_ARG, "the breakpoint grid needs 2 to "
                             "1000000 intervals, not %d", intervals) : EQ_ERR_ARG;
    a->grid = intervals;
    return EQ_OK;
}

/* ---- axes ------------------------------------------------------------ */

void eq_analysis_clear_axes(eq_analysis *a)
{
    if (a == NULL)
        return;
    for (int j = 0; j < a->naxis; j++)
        free(a->axis[j].vals);
    a->naxis = 0;
    a->i0 = 0;
    a->i1 = -1;
}

/* A number for parameter k from text, checked against its domain through
** eq_model_set_param (one parser, one set of messages). */
static eq_status axis_number(eq_analysis *a, int k, const char *text, size_t len,
                             double *v)
{
    char buf[256];
    eq_diag d;
    double *tmp;
    eq_status s;
    if (len == 0 || len + strlen(eq_model_param_name(a->m, k)) + 2 > sizeof buf)
        return eqi_error(a->errmsg, EQ_ERR_ARG, "missing or malformed value for '%.64s'",
                         eq_model_param_name(a->m, k));
    snprintf(buf, sizeof buf, "%s=%.*s", eq_model_param_name(a->m, k), (int)len, text);
    if ((tmp = malloc(((size_t)a->np + 1) * sizeof *tmp)) == NULL)
        return eqi_error(a->errmsg, EQ_ERR_NOMEM, "out of memory");
    memcpy(tmp, a->base, (size_t)a->np * sizeof *tmp);
    s = eq_model_set_param(a->m, tmp, buf, &d);
    *v = tmp[k];
    free(tmp);
    return s == EQ_OK ? EQ_OK : eqi_error(a->errmsg, s, "%s", d.message);
}

/* Parse the parameter name of a spec: the text up to '=' (or the end),
** blanks trimmed.  Returns the parameter or -1 with a message. */
int eqi_spec_param(const eq_model *m, const char *spec, const char **rest, char *err)
{
    const char *eq = strchr(spec, '=');
    size_t n = eq ? (size_t)(eq - spec) : strlen(spec);
    char name[128];
    int k;
    while (n > 0 && (spec[n - 1] == ' ' || spec[n - 1] == '\t'))
        n--;
    while (n > 0 && (*spec == ' ' || *spec == '\t'))
        spec++, n--;
    if (n == 0 || n >= sizeof name) {
        eqi_error(err, EQ_ERR_ARG, "expected NAME or NAME=..., not '%.64s'", spec);
        return -1;
    }
    memcpy(name, spec, n);
    name[n] = '\0';
    if ((k = eq_model_param_index(m, name)) < 0) {
        const char *at = eq_model_param_fixed(m, name);
        if (at != NULL)
            eqi_error(err, EQ_ERR_ARG, "'%.64s' is fixed by the set line at %.300s: it is "
                      "not varied", name, at);
        else
            eqi_error(err, EQ_ERR_ARG, "unknown parameter '%.64s'", name);
        return -1;
    }
    *rest = eq ? eq + 1 : NULL;
    return k;
}

eq_status eq_analysis_vary(eq_analysis *a, const char *spec)
{
    const char *rest;
    eqi_axis ax;
    long long total = 1;
    void *p;
    int k;

    if (a == NULL || spec == NULL)
        return a ? eqi_error(a->errmsg, EQ_ERR_ARG, "eq_analysis_vary: NULL argument")
                 : EQ_ERR_ARG;
    if ((k = eqi_spec_param(a->m, spec, &rest, a->errmsg)) < 0)
        return EQ_ERR_ARG;
    for (int j = 0; j < a->naxis; j++)
        if (a->axis[j].param == k)
            return eqi_error(a->errmsg, EQ_ERR_ARG, "parameter '%.64s' is varied twice",
                             eq_model_param_name(a->m, k));
    memset(&ax, 0, sizeof ax);
    ax.param = k;
    if (rest == NULL) {
        if (!eq_model_param_is_enum(a->m, k))
            return eqi_error(a->errmsg, EQ_ERR_ARG, "give '%.64s' a range: %s=LO:HI:N",
                             eq_model_param_name(a->m, k), eq_model_param_name(a->m, k));
        ax.n = eq_model_param_choices(a->m, k);
        if ((ax.vals = malloc((size_t)ax.n * sizeof *ax.vals)) == NULL)
            return eqi_error(a->errmsg, EQ_ERR_NOMEM, "out of memory");
        for (int i = 0; i < ax.n; i++)
            ax.vals[i] = i;
    } else if (strchr(rest, ':') != NULL) {
        /* LO:HI:N */
        const char *c1 = strchr(rest, ':'), *c2 = strchr(c1 + 1, ':');
        double lo, hi;
        char *end;
        long n;
        eq_status s;
        if (eq_model_param_is_enum(a->m, k))
            return eqi_error(a->errmsg, EQ_ERR_ARG, "'%.64s' is enumerated: list its "
                             "choices (%s=a,b) or give its name alone",
                             eq_model_param_name(a->m, k), eq_model_param_name(a->m, k));
        if (c2 == NULL)
            return eqi_error(a->errmsg, EQ_ERR_ARG, "expected %s=LO:HI:N (N values from "
                             "LO to HI), not '%.64s'", eq_model_param_name(a->m, k), spec);
        if ((s = axis_number(a, k, rest, (size_t)(c1 - rest), &lo)) != EQ_OK ||
            (s = axis_number(a, k, c1 + 1, (size_t)(c2 - c1 - 1), &hi)) != EQ_OK)
            return s;
        n = strtol(c2 + 1, &end, 10);
        if (end == c2 + 1 || *end != '\0')
            return eqi_error(a->errmsg, EQ_ERR_ARG, "malformed number of values '%.32s' "
                             "in '%.64s'", c2 + 1, spec);
        if (n < 2 || n > 100000000)
            return eqi_error(a->errmsg, EQ_ERR_ARG, "an axis needs 2 to 100000000 values, "
                             "not %ld ('%.64s')", n, spec);
        if (!(lo < hi))
            return eqi_error(a->errmsg, EQ_ERR_ARG, "LO must be below HI in '%.64s'", spec);
        ax.n = (int)n;
        if ((ax.vals = malloc((size_t)ax.n * sizeof *ax.vals)) == NULL)
            return eqi_error(a->errmsg, EQ_ERR_NOMEM, "out of memory");
        for (int i = 0; i < ax.n; i++)
            ax.vals[i] = lo + (hi - lo) * (double)i / (double)(ax.n - 1);
        ax.vals[ax.n - 1] = hi;
    } else {
        /* a,b,c: choices or numbers. */
        const char *p0 = rest;
        ax.n = 1;
        for (const char *c = rest; *c; c++)
            ax.n += *c == ',';
        if ((ax.vals = malloc((size_t)ax.n * sizeof *ax.vals)) == NULL)
            return eqi_error(a->errmsg, EQ_ERR_NOMEM, "out of memory");
        for (int i = 0; i < ax.n; i++) {
            const char *c = strchr(p0, ',');
            size_t len = c ? (size_t)(c - p0) : strlen(p0);
            eq_status s;
            while (len > 0 && (*p0 == ' ' || *p0 == '\t'))
                p0++, len--;
            while (len > 0 && (p0[len - 1] == ' ' || p0[len - 1] == '\t'))
                len--;
            if ((s = axis_number(a, k, p0, len, &ax.vals[i])) != EQ_OK) {
                free(ax.vals);
                return s;
            }
            p0 = c ? c + 1 : p0 + len;
        }
    }
    for (int j = 0; j < a->naxis; j++)
        total *= a->axis[j].n;
    if (total > GRID_MAX / ax.n) {
        free(ax.vals);
        return eqi_error(a->errmsg, EQ_ERR_ARG, "the grid would have more than 2^53 points");
    }
    if ((p = realloc(a->axis, ((size_t)a->naxis + 1) * sizeof *a->axis)) == NULL) {
        free(ax.vals);
        return eqi_error(a->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    a->axis = p;
    a->axis[a->naxis++] = ax;
    a->i0 = 0;
    a->i1 = -1;
    return EQ_OK;
}

int eq_analysis_axes(const eq_analysis *a) { return a ? a->naxis : 0; }

int eq_analysis_axis_param(const eq_analysis *a, int j)
{
    return a && j >= 0 && j < a->naxis ? a->axis[j].param : -1;
}

int eq_analysis_axis_points(const eq_analysis *a, int j)
{
    return a && j >= 0 && j < a->naxis ? a->axis[j].n : -1;
}

double eq_analysis_axis_value(const eq_analysis *a, int j, int i)
{
    if (a == NULL || j < 0 || j >= a->naxis || i < 0 || i >= a->axis[j].n)
        return NAN;
    return a->axis[j].vals[i];
}

long long eq_analysis_points(const eq_analysis *a)
{
    long long total = 1;
    if (a == NULL)
        return 0;
    for (int j = 0; j < a->naxis; j++)
        total *= a->axis[j].n;
    return total;
}

eq_status eq_analysis_set_range(eq_analysis *a, long long i0, long long i1)
{
    long long n = eq_analysis_points(a);
    if (a == NULL)
        return EQ_ERR_ARG;
    if (i1 == -1)
        i1 = n;
    if (i0 < 0 || i0 > i1 || i1 > n)
        return eqi_error(a->errmsg, EQ_ERR_ARG, "the range [%lld, %lld) does not lie in "
                         "the grid's %lld points", i0, i1, n);
    a->i0 = i0;
    a->i1 = i1;
    return EQ_OK;
}

void eqi_analysis_point(const eq_analysis *a, long long idx, double *v)
{
    memcpy(v, a->base, (size_t)a->np * sizeof *v);
    /* Row-major: the last axis varies fastest. */
    for (int j = a->naxis - 1; j >= 0; j--) {
        const eqi_axis *ax = &a->axis[j];
        v[ax->param] = ax->vals[idx % ax->n];
        idx /= ax->n;
    }
}
