/*
** solve.c -- the one entry point of the strategic-form methods: options,
** the checks every method shares, and the hand-over to the method's row
** of the table (methods.c).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <string.h>

#include "internal.h"

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
    eq_solve_opts def, o2;
    eq_limits inner;
    eqi_guard guard;
    const eqi_method *M;
    eq_result *r;
    eq_status s;
    unsigned long gmp = eqi_gmp_mark();

    if (out == NULL)
        return EQ_ERR_ARG;
    if (opts == NULL) {
        eq_solve_opts_init(&def);
        opts = &def;
    }
    *out = r = eqi_result_new(g, opts->method);
    if (r == NULL)
        return EQ_ERR_NOMEM;
    if ((s = eq_method_check_game(opts->method, g, r->errmsg, EQI_ERRMAX)) != EQ_OK)
        return s;
    M = eqi_method_get(opts->method);
    if (!(opts->tol > 0.0 && opts->tol < 1e-2))
        return eqi_error(r->errmsg, EQ_ERR_ARG,
                         "tolerance must lie in (0, 0.01)");
    if (opts->max_equilibria < 0)
        return eqi_error(r->errmsg, EQ_ERR_ARG,
                         "max_equilibria must be 0 or positive");
    if (opts->exact && !(M->caps & EQ_CAP_EXACT)) {
        char list[160];
        eqi_method_list(EQ_CAP_STRATEGIC | EQ_CAP_EXACT, list, sizeof list);
        return eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED,
                         "method '%s' has no exact arithmetic: solve without exact, "
                         "or use %s", M->name, list);
    }
    if ((s = eqi_limits_check(opts->limits, r->errmsg)) != EQ_OK)
        return s;
    /* The method finds the guard through r->guard, or through its
    ** options' limits as the tree methods do (eqi_guard_of). */
    r->guard = eqi_guard_start(&guard, opts->limits);
    o2 = *opts;
    eqi_guard_nest(r->guard, opts->limits, &inner);
    o2.limits = &inner;
    s = M->solve(g, &o2, r);
    if (s == EQ_OK && r->guard->stopped)    /* a method that stopped quietly */
        s = eqi_guard_fail(r->guard, r->errmsg, M->name);
    r->guard = NULL;
    if (eqi_gmp_failed(gmp))    /* GMP ran on its reserve (gmpmem.c) */
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    if (s == EQ_ERR_STOPPED)
        r->sol = EQ_SOL_STOPPED;
    else if (s == EQ_OK && r->count == 0)
        r->sol = EQ_SOL_NONE;
    return s;
}
