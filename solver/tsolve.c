/*
** tsolve.c -- solving game trees: the options and the one entry point,
** which checks the method against the tree and hands the tree to the
** method's row of the table (methods.c):
**   spe              subgame-perfect equilibria, subgame by subgame (spe.c);
**   zerosum, lemke   the sequence form of a two-player tree (seqform.c);
**   pure, enum, mip, qre
**                    the reduced strategic form, equilibria back as
**                    behaviour strategies (treduced.c);
**   correlated       one correlated equilibrium of the reduced strategic
**                    form, as a stage spanning the tree (tcorrelated.c).
** Results and their certificate are in tresult.c.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdio.h>
#include <string.h>

#include "tree.h"

void eq_tree_opts_init(eq_tree_opts *o)
{
    if (o == NULL)
        return;
    memset(o, 0, sizeof *o);
    o->method = EQ_METHOD_SPE;
    o->subgame_method = (eq_method)-1;   /* enum for two players, else pure */
    o->select = EQ_SELECT_WELFARE;
    o->tol = 1e-9;
}

/* Solve t under opts into r, a new result for t. */
static eq_status solve_into(const eq_tree *t, const eq_tree_opts *opts, eq_tree_result *r)
{
    eq_tree_opts o2;
    eq_limits inner;
    eqi_guard guard, *G;
    const eqi_method *M;
    eq_status s;

    if (opts->refine != EQ_REFINE_NONE && opts->method != EQ_METHOD_PBE)
        return eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED,
                         "the refinements (intuitive, d1) apply to pbe, not to %s",
                         eq_method_name(opts->method) ? eq_method_name(opts->method)
                                                      : "this method");
    if (opts->perfect && opts->method != EQ_METHOD_LEMKE)
        return eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED,
                         "perfect applies to lemke (a quasi-perfect equilibrium of a "
                         "two-player tree), not to %s",
                         eq_method_name(opts->method) ? eq_method_name(opts->method)
                                                      : "this method");
    if ((s = eq_method_check_tree(opts->method, t, r->errmsg, EQI_ERRMAX)) != EQ_OK)
        return s;
    if (!(opts->tol > 0.0 && opts->tol < 1e-2))
        return eqi_error(r->errmsg, EQ_ERR_ARG, "tolerance must lie in (0, 0.01)");
    if (opts->max_equilibria < 0)
        return eqi_error(r->errmsg, EQ_ERR_ARG,
                         "max_equilibria must be 0 or positive");
    if ((s = eqi_limits_check(opts->limits, r->errmsg)) != EQ_OK)
        return s;
    M = eqi_method_get(opts->method);
    /* The methods find the call's guard, and hand it to the solves they
    ** nest, through the limits' internal pointer. */
    G = eqi_guard_start(&guard, opts->limits);
    o2 = *opts;
    eqi_guard_nest(G, opts->limits, &inner);
    o2.limits = &inner;
    s = M->tree(t, &o2, r);
    if (eqi_gmp_failed(G->gmp_mark))    /* GMP ran on its reserve (gmpmem.c) */
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    if (s == EQ_OK && G->stopped)
        s = eqi_guard_fail(G, r->errmsg, M->name);
    if (s == EQ_ERR_STOPPED)
        r->sol = EQ_SOL_STOPPED;
    if (s != EQ_OK)
        return s;
    if (r->count == 0 && r->sol != EQ_SOL_PARTIAL)
        r->sol = EQ_SOL_NONE;
    if (r->selection[0] == '\0')
        snprintf(r->selection, sizeof r->selection, "%d equilibri%s found by %s",
                 r->count, r->count == 1 ? "um" : "a", M->name);
    return EQ_OK;
}

/* eq_tree_solve (count_only 0) and eqi_tree_count (1). */
static eq_status solve_new(const eq_tree *t, const eq_tree_opts *opts, int count_only,
                           eq_tree_result **out)
{
    eq_tree_opts def;
    if (out == NULL)
        return EQ_ERR_ARG;
    if (opts == NULL) {
        eq_tree_opts_init(&def);
        opts = &def;
    }
    if ((*out = eqi_tree_result_new(t, opts->method)) == NULL)
        return EQ_ERR_NOMEM;
    (*out)->count_only = count_only && opts->all && opts->method == EQ_METHOD_SPE;
    return solve_into(t, opts, *out);
}

eq_status eq_tree_solve(const eq_tree *t, const eq_tree_opts *opts, eq_tree_result **out)
{
    return solve_new(t, opts, 0, out);
}

eq_status eqi_tree_count(const eq_tree *t, const eq_tree_opts *opts, eq_tree_result **out)
{
    return solve_new(t, opts, 1, out);
}
