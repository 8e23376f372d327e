/*
** solve.c -- the one entry point of every method: options, dispatch and
** method names.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <string.h>

#include "internal.h"

static const char *const method_names[] = { "pure", "zerosum", "lemke", "enum", "spe",
                                              "mip", "correlated", "qre" };
#define NMETHODS (int)(sizeof method_names / sizeof method_names[0])

const char *eq_method_name(eq_method m)
{
    return ((int)m >= 0 && (int)m < NMETHODS) ? method_names[m] : NULL;
}

int eq_method_from_name(const char *name)
{
    if (name == NULL)
        return -1;
    for (int i = 0; i < NMETHODS; i++)
        if (strcmp(name, method_names[i]) == 0)
            return i;
    return -1;
}

void eq_solve_opts_init(eq_solve_opts *o)
{
    if (o == NULL)
        return;
    memset(o, 0, sizeof *o);
    o->method = EQ_METHOD_ENUM;
    o->lemke_label = -1;
    o->tol = 1e-9;
    o->objective = EQ_OBJ_WELFARE;
    o->maximize = 1;
}

eq_status eq_solve(const eq_game *g, const eq_solve_opts *opts,
                   eq_result **out)
{
    eq_solve_opts def;
    eq_result *r;
    eq_status s;

    if (out == NULL)
        return EQ_ERR_ARG;
    if (opts == NULL) {
        eq_solve_opts_init(&def);
        opts = &def;
    }
    *out = r = eqi_result_new(g, opts->method);
    if (r == NULL)
        return EQ_ERR_NOMEM;
    if (g == NULL)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "game is NULL");
    if (!(opts->tol > 0.0 && opts->tol < 1e-2))
        return eqi_error(r->errmsg, EQ_ERR_ARG,
                         "tolerance must lie in (0, 0.01)");
    if (opts->max_equilibria < 0)
        return eqi_error(r->errmsg, EQ_ERR_ARG,
                         "max_equilibria must be 0 or positive");
    if (opts->method == EQ_METHOD_SPE)
        return eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED,
                         "method 'spe' needs a game tree (.efg or .game), "
                         "not a strategic-form game");
    if (opts->method != EQ_METHOD_PURE && opts->method != EQ_METHOD_CORRELATED &&
        opts->method != EQ_METHOD_QRE && g->n != 2)
        return eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED,
                         "method '%s' needs a two-player game; this one has %d players",
                         eq_method_name(opts->method) ? eq_method_name(opts->method) : "?",
                         g->n);
    switch (opts->method) {
    case EQ_METHOD_PURE: s = eqi_solve_pure(g, opts, r); break;
    case EQ_METHOD_ZEROSUM: s = eqi_solve_zerosum(g, opts, r); break;
    case EQ_METHOD_LEMKE: s = eqi_solve_lemke(g, opts, r); break;
    case EQ_METHOD_ENUM: s = eqi_solve_enum(g, opts, r); break;
    case EQ_METHOD_MIP: s = eqi_solve_mip(g, opts, r); break;
    case EQ_METHOD_CORRELATED: s = eqi_solve_correlated(g, opts, r); break;
    case EQ_METHOD_QRE: s = eqi_solve_qre(g, opts, r); break;
    default:
        return eqi_error(r->errmsg, EQ_ERR_ARG, "unknown method %d", (int)opts->method);
    }
    if (s == EQ_OK && r->count == 0)
        r->sol = EQ_SOL_NONE;
    return s;
}
