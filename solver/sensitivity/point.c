/*
** point.c -- one solved instance of a model (eq_point): instantiate, solve
** for the selected equilibrium, and measure its outcome: path in words,
** outcome-class probabilities and payoffs (overall and from the model's
** named nodes on), the SPE count, the certificate, and flags (ties,
** clamps).  A point keeps a few trees (one per structure met) and its
** scratch between solves, so that solving it again allocates nothing for
** them; the rows of a sweep are copies of the measures alone.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sens.h"
#include "../lexer.h"
#include "../spefast.h"

/* Most equilibria counted by EQ_MEASURE_COUNT. */
#define COUNT_MAX 1000

/* ---- notes ----------------------------------------------------------- */

static void notes_clear(eqi_notes *nt)
{
    nt->len = 0;
    nt->n = 0;
}

static void notes_free(eqi_notes *nt)
{
    free(nt->text);
    free(nt->at);
    memset(nt, 0, sizeof *nt);
}

/* Append a note.  Returns 0 or -1 for lack of memory. */
static int notes_add(eqi_notes *nt, const char *s)
{
    size_t k = strlen(s) + 1;
    if (nt->len + k > nt->cap) {
        size_t cap = nt->cap ? nt->cap : 256;
        char *p;
        while (cap < nt->len + k)
            cap *= 2;
        if ((p = realloc(nt->text, cap)) == NULL)
            return -1;
        nt->text = p;
        nt->cap = cap;
    }
    if (nt->n == nt->capn) {
        int cap = nt->capn ? 2 * nt->capn : 8;
        int *p = realloc(nt->at, (size_t)cap * sizeof *p);
        if (p == NULL)
            return -1;
        nt->at = p;
        nt->capn = cap;
    }
    memcpy(nt->text + nt->len, s, k);
    nt->at[nt->n++] = (int)nt->len;
    nt->len += k;
    return 0;
}

/* ---- the path in words ----------------------------------------------- */

/* Make room for k more bytes of path text.  Returns 0 or -1. */
static int path_room(eq_point *pt, size_t k)
{
    if (pt->pathlen + k + 1 > pt->pathcap) {
        size_t cap = pt->pathcap ? pt->pathcap : 256;
        char *p;
        while (cap < pt->pathlen + k + 1)
            cap *= 2;
        if ((p = realloc(pt->path, cap)) == NULL)
            return -1;
        pt->path = p;
        pt->pathcap = cap;
    }
    return 0;
}

static int path_put(eq_point *pt, const char *s)
{
    size_t k = strlen(s);
    if (path_room(pt, k) != 0)
        return -1;
    memcpy(pt->path + pt->pathlen, s, k + 1);
    pt->pathlen += k;
    return 0;
}

/* A node's name: its label, else its information set's label, else its
** number. */
static const char *node_name(const eq_tree *t, int v, char *buf, size_t len)
{
    const eqi_node *x = &t->node[v];
    if (x->label != NULL && x->label[0] != '\0')
        return x->label;
    if (x->kind == EQ_NODE_DECISION && t->iset[x->infoset].label != NULL &&
        t->iset[x->infoset].label[0] != '\0')
        return t->iset[x->infoset].label;
    snprintf(buf, len, "node %d", v);
    return buf;
}

/* One decision node reached, as "LABEL: PLAYER A/B". */
static int path_decision(eq_point *pt, const eq_tree *t, const eq_tree_result *r, int v,
                         int *first)
{
    const eqi_node *x = &t->node[v];
    char buf[32];
    int taken = 0;
    if ((!*first && path_put(pt, "; ") != 0) ||
        path_put(pt, node_name(t, v, buf, sizeof buf)) != 0 ||
        path_put(pt, ": ") != 0 || path_put(pt, t->pname[x->player]) != 0 ||
        path_put(pt, " ") != 0)
        return -1;
    *first = 0;
    for (int a = 0; a < x->nchild; a++) {
        if (!(r->beh[r->off[x->infoset] + a] > 1e-9))
            continue;
        if ((taken++ && path_put(pt, "/") != 0) ||
            path_put(pt, t->iset[x->infoset].aname[a]) != 0)
            return -1;
    }
    return 0;
}

/* See eq_point_path.  Decision nodes in depth-first preorder (children in
** action order), so that the moves of a stage stay together; then the
** terminals reached, in the same order. */
static int write_path(eq_point *pt, const eq_tree *t, const eq_tree_result *r)
{
    const double *reach = r->reach;
    int nterm = 0, first = 1, k = 0, *stk = pt->stack;
    char buf[32];
    pt->pathlen = 0;
    if (path_room(pt, 0) != 0)
        return -1;
    pt->path[0] = '\0';
    for (int pass = 0; pass < 2; pass++) {
        int sp = 0;
        stk[sp++] = 0;
        while (sp > 0) {
            int v = stk[--sp];
            const eqi_node *x = &t->node[v];
            if (!(reach[v] > 1e-12))
                continue;
            if (x->kind == EQ_NODE_TERMINAL) {
                if (pass == 0) {
                    nterm++;
                    continue;
                }
                if (k++ == 0) {
                    if ((!first && path_put(pt, "; ") != 0) ||
                        path_put(pt, nterm > 1 ? "outcomes " : "outcome ") != 0)
                        return -1;
                } else if (path_put(pt, ", ") != 0) {
                    return -1;
                }
                if (path_put(pt, node_name(t, v, buf, sizeof buf)) != 0)
                    return -1;
                continue;
            }
            if (pass == 0 && x->kind == EQ_NODE_DECISION &&
                path_decision(pt, t, r, v, &first) != 0)
                return -1;
            for (int a = x->nchild - 1; a >= 0; a--)
                stk[sp++] = x->child0 + a;
        }
    }
    return 0;
}

/* ---- life cycle ------------------------------------------------------ */

eq_status eq_point_new(eq_point **out, const eq_model *m)
{
    eq_point *pt;
    size_t np, n, nc, ng;
    if (out == NULL)
        return EQ_ERR_ARG;
    *out = NULL;
    if (m == NULL)
        return EQ_ERR_ARG;
    if ((pt = calloc(1, sizeof *pt)) == NULL)
        return EQ_ERR_NOMEM;
    pt->m = m;
    pt->np = eq_model_params(m);
    pt->n = eq_model_players(m);
    pt->nc = eqi_model_classes(m);
    pt->ng = eqi_model_givens(m);
    np = (size_t)pt->np;
    n = (size_t)pt->n;
    nc = (size_t)pt->nc;
    ng = (size_t)pt->ng;
    pt->values = malloc((np + 1) * sizeof(double));
    pt->cls = malloc((nc + 1) * sizeof(double));
    pt->pay = malloc((n + 1) * sizeof(double));
    pt->greach = malloc((ng + 1) * sizeof(double));
    pt->gcls = malloc((ng * nc + 1) * sizeof(double));
    pt->gpay = malloc((ng * n + 1) * sizeof(double));
    if (!pt->values || !pt->cls || !pt->pay || !pt->greach || !pt->gcls || !pt->gpay) {
        eq_point_free(pt);
        return EQ_ERR_NOMEM;
    }
    pt->index = -1;
    eqi_point_fail(pt, EQ_ERR_ARG, "not solved yet");
    for (size_t k = 0; k < np; k++)
        pt->values[k] = NAN;
    *out = pt;
    return EQ_OK;
}

void eq_point_free(eq_point *pt)
{
    if (pt == NULL)
        return;
    for (int i = 0; i < EQI_POINT_TREES; i++) {
        eq_tree_free(pt->cache[i].t);
        eqi_spefast_free(pt->cache[i].fast);
        eq_tree_result_free(pt->cache[i].res);
        free(pt->cache[i].key);
        free(pt->cache[i].given);
    }
    if (pt->own_res)
        eq_tree_result_free(pt->res);
    eqi_prof_free(&pt->prof);
    eqi_ce_ws_free(pt->cews);
    notes_free(&pt->notes);
    free(pt->sub);
    free(pt->values);
    free(pt->cls);
    free(pt->pay);
    free(pt->greach);
    free(pt->gcls);
    free(pt->gpay);
    free(pt->reach);
    free(pt->stack);
    free(pt->path);
    free(pt);
}

void eqi_point_fail(eq_point *pt, eq_status s, const char *msg)
{
    pt->status = s;
    snprintf(pt->errmsg, sizeof pt->errmsg, "%s", msg);
    pt->pathlen = 0;
    if (pt->path != NULL)
        pt->path[0] = '\0';
    for (int c = 0; c < pt->nc; c++)
        pt->cls[c] = NAN;
    for (int p = 0; p < pt->n; p++)
        pt->pay[p] = NAN;
    for (int g = 0; g < pt->ng; g++) {
        pt->greach[g] = NAN;
        for (int c = 0; c < pt->nc; c++)
            pt->gcls[(size_t)g * (size_t)pt->nc + (size_t)c] = NAN;
        for (int p = 0; p < pt->n; p++)
            pt->gpay[(size_t)g * (size_t)pt->n + (size_t)p] = NAN;
    }
    pt->nnode = 0;
    pt->count = -1;
    pt->regret = NAN;
    pt->flags = 0;
    notes_clear(&pt->notes);
    pt->tree = NULL;
}

/* ---- measuring ------------------------------------------------------- */

/* The cached tree for the structural choices in values: an entry with the
** same enumerated values, else the least recently used one. */
static eqi_tcache *pick_tree(eq_point *pt, const double *values)
{
    eqi_tcache *best = NULL;
    int ne = 0;
    for (int k = 0; k < pt->np; k++)
        ne += eq_model_param_is_enum(pt->m, k);
    pt->clock++;
    for (int i = 0; i < EQI_POINT_TREES; i++) {
        eqi_tcache *c = &pt->cache[i];
        int same = c->t != NULL;
        for (int k = 0, j = 0; same && k < pt->np; k++)
            if (eq_model_param_is_enum(pt->m, k))
                same = c->key[j++] == values[k];
        if (same) {
            c->use = pt->clock;
            return c;
        }
        if (best == NULL || (best->t != NULL && (c->t == NULL || c->use < best->use)))
            best = c;
    }
    if (best->key == NULL && (best->key = malloc(((size_t)ne + 1) * sizeof *best->key)) == NULL)
        return NULL;
    /* Instantiating into the evicted tree rebuilds it for the new shape. */
    for (int k = 0, j = 0; k < pt->np; k++)
        if (eq_model_param_is_enum(pt->m, k))
            best->key[j++] = values[k];
    best->use = pt->clock;
    free(best->given);
    best->given = NULL;
    eqi_spefast_free(best->fast);
    best->fast = NULL;
    eq_tree_result_free(best->res);
    best->res = NULL;
    return best;
}

/* Flag the ties of the selected profile: a mover indifferent, to tie,
** between an action it plays and one it does not. */
static int find_ties(eq_point *pt, const eq_tree *t, const eq_tree_result *r,
                     double tie)
{
    const double *beh = r->beh;
    char buf[512], nb[32];
    if (eqi_prof_fit(&pt->prof, t) != 0)
        return -1;
    eqi_prof_eval(&pt->prof, t, beh, r->off);
    for (int h = 0; h < t->niset; h++) {
        const eqi_infoset *I = &t->iset[h];
        for (int b = 0; b < I->nact; b++) {
            double g;
            if (beh[r->off[h] + b] > 1e-9)
                continue;
            /* pbe stages: the belief they report off the path. */
            g = r->bel != NULL && r->bel[I->members[0]] == r->bel[I->members[0]]
                    ? eqi_prof_gain_belief(&pt->prof, t, h, b, r->bel)
                    : eqi_prof_gain(&pt->prof, t, beh, r->off, h, b);
            if (g < -tie)
                continue;
            {
                size_t k;
                int shown = 0;
                k = (size_t)snprintf(buf, sizeof buf, "%s at %s is indifferent between ",
                                     t->pname[I->player],
                                     node_name(t, I->members[0], nb, sizeof nb));
                for (int a = 0; a < I->nact && k < sizeof buf; a++)
                    if (beh[r->off[h] + a] > 1e-9)
                        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s",
                                              shown++ ? "/" : "", I->aname[a]);
                if (k < sizeof buf)
                    snprintf(buf + k, sizeof buf - k, " (played) and %s (gain %.3g): the "
                             "selection rule decided", I->aname[b], g);
            }
            pt->flags |= EQ_FLAG_TIE;
            if (notes_add(&pt->notes, buf) != 0)
                return -1;
        }
    }
    return 0;
}

/* Outcome-class probabilities and payoffs from every node on, under the
** selected profile: sub[v] holds nc class probabilities then n payoffs.
** Computed bottom-up like continuation values. */
static int from_nodes(eq_point *pt, const eq_tree *t, const eq_tree_result *r)
{
    int w = pt->nc + pt->n;
    if (t->nnode > pt->capsub) {
        double *p = realloc(pt->sub, (size_t)t->nnode * (size_t)(w + 1) * sizeof *p);
        if (p == NULL)
            return -1;
        pt->sub = p;
        pt->capsub = t->nnode;
    }
    for (int v = t->nnode - 1; v >= 0; v--) {
        const eqi_node *x = &t->node[v];
        double *o = pt->sub + (size_t)v * (size_t)w;
        if (x->kind == EQ_NODE_TERMINAL) {
            int c = eqi_tree_node_class(t, v);
            for (int j = 0; j < pt->nc; j++)
                o[j] = j == c;
            memcpy(o + pt->nc, t->pays + x->pay0, (size_t)pt->n * sizeof *o);
            continue;
        }
        for (int j = 0; j < w; j++)
            o[j] = 0.0;
        for (int a = 0; a < x->nchild; a++) {
            double pr = x->kind == EQ_NODE_CHANCE ? t->probs[x->prob0 + a]
                                                  : r->beh[r->off[x->infoset] + a];
            const double *c = pt->sub + (size_t)(x->child0 + a) * (size_t)w;
            if (pr == 0.0)
                continue;
            for (int j = 0; j < w; j++)
                o[j] += pr * c[j];
        }
    }
    return 0;
}

/* Whether node v is one of list's copies (count first). */
static int in_list(const int *list, int v)
{
    for (int i = 1; i <= list[0]; i++)
        if (list[i] == v)
            return 1;
    return 0;
}

/* The measures from the model's named nodes on (see eq_point_given_*). */
static int givens(eq_point *pt, eqi_tcache *tc, const eq_tree *t, const eq_tree_result *r,
                  int stages)
{
    int w = pt->nc + pt->n;
    if (pt->ng == 0)
        return 0;
    if (tc->given == NULL && eqi_model_given_nodes(pt->m, t, &tc->given) != 0)
        return -1;
    for (int g = 0; g < pt->ng; g++) {
        const int *list = eqi_given_list(tc->given, g);
        int nv = list[0];
        double rho = 0.0, *gc = pt->gcls + (size_t)g * (size_t)pt->nc,
               *gp = pt->gpay + (size_t)g * (size_t)pt->n;
        for (int i = 1; i <= nv; i++)
            rho += r->reach[list[i]];
        pt->greach[g] = rho;
        for (int j = 0; j < pt->nc; j++)
            gc[j] = nv > 0 ? 0.0 : NAN;
        for (int p = 0; p < pt->n; p++)
            gp[p] = nv > 0 ? 0.0 : NAN;
        if (nv == 0)
            continue;
        if ((stages || eqi_model_given_is_set(pt->m, g)) && !(rho > 0.0)) {
            /* Off the path, correlated stages have no behaviour to follow;
            ** and a set of nodes is measured conditional on reaching it,
            ** undefined when play never does. */
            for (int j = 0; j < pt->nc; j++)
                gc[j] = NAN;
            for (int p = 0; p < pt->n; p++)
                gp[p] = NAN;
            continue;
        }
        if (stages) {
            /* On the path of correlated stages: Bayes' rule on the reach
            ** probabilities of their joint distributions, summed over the
            ** terminals below the given's copies. */
            for (int z = 0; z < t->nnode; z++) {
                int u = z, c;
                if (t->node[z].kind != EQ_NODE_TERMINAL || r->reach[z] == 0.0)
                    continue;
                while (u >= 0 && !in_list(list, u))
                    u = t->node[u].parent;
                if (u < 0)
                    continue;
                if ((c = eqi_tree_node_class(t, z)) >= 0)
                    gc[c] += r->reach[z] / rho;
                for (int p = 0; p < pt->n; p++)
                    gp[p] += r->reach[z] / rho * t->pays[t->node[z].pay0 + p];
            }
            continue;
        }
        for (int i = 1; i <= nv; i++) {
            int v = list[i];
            double wt = rho > 0.0 ? r->reach[v] / rho : 1.0 / (double)nv;
            const double *o = pt->sub + (size_t)v * (size_t)w;
            if (wt == 0.0)
                continue;
            for (int j = 0; j < pt->nc; j++)
                gc[j] += wt * o[j];
            for (int p = 0; p < pt->n; p++)
                gp[p] += wt * o[pt->nc + p];
        }
    }
    return 0;
}

/* Solve t for the point, into *r: by the allocation-free SPE solver
** prepared once per shape in tc where it applies, else by eq_tree_solve
** (the result then owned by pt).  On failure pt holds the error. */
static eq_status solve_tree(eq_point *pt, eqi_tcache *tc, const eq_tree *t,
                            const eq_tree_opts *opts, eq_tree_result **r)
{
    eq_status s;
    if (eqi_spefast_applies(t, opts)) {
        /* Prepared once per shape; then solved without allocating. */
        if (tc->fast == NULL || !eqi_spefast_matches(tc->fast, t, opts)) {
            eqi_spefast_free(tc->fast);
            eq_tree_result_free(tc->res);
            tc->fast = NULL;
            tc->res = NULL;
            if (eqi_spefast_new(t, opts, &tc->fast) == EQ_OK &&
                (tc->res = eqi_tree_result_new(t, EQ_METHOD_SPE)) == NULL) {
                eqi_spefast_free(tc->fast);
                tc->fast = NULL;
            }
        }
        if (tc->fast != NULL) {
            if ((s = eqi_spefast_solve(tc->fast, t, tc->res)) != EQ_OK) {
                eqi_point_fail(pt, s, tc->res->errmsg);
                return s;
            }
            *r = tc->res;
        }
    }
    if (*r == NULL) {
        /* Correlated stages reuse pt's workspace (no memory for one: each
        ** LP uses its own). */
        if (opts->method == EQ_METHOD_CORRELATED ||
            (opts->method == EQ_METHOD_SPE && opts->subgame_method == EQ_METHOD_CORRELATED)) {
            if (pt->cews == NULL && eqi_ce_ws_new(&pt->cews) != EQ_OK)
                pt->cews = NULL;
            s = eqi_tree_solve_ws(t, opts, pt->cews, r);
        } else {
            s = eq_tree_solve(t, opts, r);
        }
        if (s != EQ_OK) {
            eqi_point_fail(pt, s, *r ? (*r)->errmsg : "out of memory");
            eq_tree_result_free(*r);
            return s;
        }
        pt->own_res = 1;
    }
    return EQ_OK;
}

/* Grow pt's per-node buffers (reach, stack) to nnode; -1 for lack of
** memory. */
static int node_room(eq_point *pt, int nnode)
{
    if (nnode > pt->capnode) {
        double *p = realloc(pt->reach, (size_t)nnode * sizeof *p);
        if (p == NULL)
            return -1;
        pt->reach = p;
        pt->capnode = nnode;
    }
    if (nnode > pt->capstack) {
        int *q = realloc(pt->stack, (size_t)nnode * sizeof *q);
        if (q == NULL)
            return -1;
        pt->stack = q;
        pt->capstack = nnode;
    }
    return 0;
}

/* The selected equilibrium's reach, payoffs, regret and outcome-class
** probabilities into pt. */
static void take_outcome(eq_point *pt, const eq_tree *t, const eq_tree_result *r)
{
    memcpy(pt->reach, r->reach, (size_t)t->nnode * sizeof *pt->reach);
    for (int p = 0; p < pt->n; p++)
        pt->pay[p] = r->pay[p];
    pt->regret = r->regret[0];
    for (int c = 0; c < pt->nc; c++)
        pt->cls[c] = 0.0;
    for (int v = 0; v < t->nnode; v++) {
        int c = t->node[v].kind == EQ_NODE_TERMINAL ? eqi_tree_node_class(t, v) : -1;
        if (c >= 0)
            pt->cls[c] += r->reach[v];
    }
}

/* Count the subgame-perfect equilibria of t (up to COUNT_MAX) into
** pt->count, flagging and noting a partial count.  On failure pt holds
** the error. */
static eq_status count_spe(eq_point *pt, const eq_tree *t, const eq_tree_opts *opts)
{
    eq_tree_opts o = *opts;
    eq_tree_result *ra = NULL;
    eq_status s;
    o.all = 1;
    o.max_equilibria = COUNT_MAX;
    s = eqi_tree_count(t, &o, &ra);
    if (s != EQ_OK) {
        eqi_point_fail(pt, s, ra ? ra->errmsg : "out of memory");
        eq_tree_result_free(ra);
        return s;
    }
    pt->count = ra->count;
    if (ra->sol == EQ_SOL_PARTIAL) {
        pt->flags |= EQ_FLAG_PARTIAL;
        if (notes_add(&pt->notes, "counting stopped at its limit: there may be more "
                      "subgame-perfect equilibria") != 0) {
            eq_tree_result_free(ra);
            eqi_point_fail(pt, EQ_ERR_NOMEM, "out of memory");
            return EQ_ERR_NOMEM;
        }
    }
    eq_tree_result_free(ra);
    return EQ_OK;
}

eq_status eq_point_solve(eq_point *pt, const eq_analysis *a, const double *values)
{
    eq_diag d;
    eqi_tcache *tc;
    eq_tree *t;
    eq_tree_result *r = NULL;
    eq_status s;
    int stages;

    if (pt == NULL)
        return EQ_ERR_ARG;
    if (a == NULL || a->m != pt->m) {
        eqi_point_fail(pt, EQ_ERR_ARG, "eq_point_solve: the analysis is not of the "
                       "point's model");
        return EQ_ERR_ARG;
    }
    if (values == NULL)
        values = a->base;
    memmove(pt->values, values, (size_t)pt->np * sizeof *values);
    values = pt->values;
    eqi_point_fail(pt, EQ_OK, "");
    if ((tc = pick_tree(pt, values)) == NULL) {
        eqi_point_fail(pt, EQ_ERR_NOMEM, "out of memory");
        return EQ_ERR_NOMEM;
    }
    t = tc->t;
    if ((s = eq_model_instantiate(pt->m, values, &tc->t, &d)) != EQ_OK) {
        if (pt->tree == t && t != NULL)
            pt->tree = NULL;    /* instantiation freed it */
        free(tc->given);
        tc->given = NULL;
        eqi_point_fail(pt, s, d.message);
        return s;
    }
    t = tc->t;
    if (pt->own_res)
        eq_tree_result_free(pt->res);
    pt->res = NULL;
    pt->own_res = 0;
    if ((s = solve_tree(pt, tc, t, &a->opts, &r)) != EQ_OK)
        return s;
    pt->res = r;
    pt->tree = t;
    if (node_room(pt, t->nnode) != 0)
        goto nomem;
    pt->nnode = t->nnode;
    if (r->count == 0) {
        char msg[EQI_ERRMAX];
        snprintf(msg, sizeof msg, "%s", r->selection);
        pt->flags |= EQ_FLAG_NONE;
        if (notes_add(&pt->notes, msg) != 0)
            goto nomem;
        for (int v = 0; v < t->nnode; v++)
            pt->reach[v] = 0.0;
        return EQ_OK;
    }
    stages = r->nst[0];
    take_outcome(pt, t, r);
    if (write_path(pt, t, r) != 0 || from_nodes(pt, t, r) != 0 ||
        givens(pt, tc, t, r, stages) != 0)
        goto nomem;
    if (!stages && find_ties(pt, t, r, eqi_tie_tolerance(t, a->opts.tol)) != 0)
        goto nomem;
    if ((a->measures & EQ_MEASURE_COUNT) && !stages &&
        (s = count_spe(pt, t, &a->opts)) != EQ_OK)
        return s;
    if ((a->measures & EQ_MEASURE_CLAMPS) &&
        eqi_model_clamps(pt->m, values, t, eqi_point_note_fn, pt) != 0)
        goto nomem;
    return EQ_OK;
nomem:
    eqi_point_fail(pt, EQ_ERR_NOMEM, "out of memory");
    return EQ_ERR_NOMEM;
}

/* A clamp found by eqi_model_clamps: flag it with its note. */
int eqi_point_note_fn(void *ud, unsigned flag, const char *note)
{
    eq_point *pt = ud;
    pt->flags |= flag;
    return notes_add(&pt->notes, note);
}

int eqi_point_copy(eq_point *dst, const eq_point *src)
{
    size_t nc = (size_t)src->nc, n = (size_t)src->n, ng = (size_t)src->ng;
    dst->index = src->index;
    dst->status = src->status;
    memcpy(dst->errmsg, src->errmsg, sizeof dst->errmsg);
    memcpy(dst->values, src->values, (size_t)src->np * sizeof *dst->values);
    memcpy(dst->cls, src->cls, nc * sizeof *dst->cls);
    memcpy(dst->pay, src->pay, n * sizeof *dst->pay);
    memcpy(dst->greach, src->greach, ng * sizeof *dst->greach);
    memcpy(dst->gcls, src->gcls, ng * nc * sizeof *dst->gcls);
    memcpy(dst->gpay, src->gpay, ng * n * sizeof *dst->gpay);
    if (src->nnode > dst->capnode) {
        double *p = realloc(dst->reach, (size_t)src->nnode * sizeof *p);
        if (p == NULL)
            return -1;
        dst->reach = p;
        dst->capnode = src->nnode;
    }
    if (src->nnode > 0)
        memcpy(dst->reach, src->reach, (size_t)src->nnode * sizeof *dst->reach);
    dst->nnode = src->nnode;
    dst->count = src->count;
    dst->regret = src->regret;
    dst->flags = src->flags;
    dst->pathlen = 0;
    if (path_room(dst, src->pathlen) != 0)
        return -1;
    memcpy(dst->path, src->path ? src->path : "", src->pathlen);
    dst->path[src->pathlen] = '\0';
    dst->pathlen = src->pathlen;
    notes_clear(&dst->notes);
    for (int i = 0; i < src->notes.n; i++)
        if (notes_add(&dst->notes, src->notes.text + src->notes.at[i]) != 0)
            return -1;
    dst->tree = NULL;
    return 0;
}

uint64_t eqi_point_signature(const eq_point *pt)
{
    uint64_t h = UINT64_C(1469598103934665603);
    const eq_tree_result *r = pt->res;
    const eq_tree *t = pt->tree;
    h = (h ^ (uint64_t)(pt->status + 1)) * UINT64_C(1099511628211);
    h = (h ^ (uint64_t)(pt->count + 2)) * UINT64_C(1099511628211);
    if (pt->status != EQ_OK || t == NULL || r == NULL || r->count == 0)
        return h;
    for (int h0 = 0; h0 < t->niset; h0++)
        for (int a = 0; a < t->iset[h0].nact; a++)
            if (r->beh[r->off[h0] + a] > 1e-9)
                h = (h ^ (uint64_t)(r->off[h0] + a + 1)) * UINT64_C(1099511628211);
    for (int v = 0; v < t->nnode; v++) {
        const eqi_node *x = &t->node[v];
        if (x->kind != EQ_NODE_CHANCE)
            continue;
        for (int a = 0; a < x->nchild; a++)
            if (t->probs[x->prob0 + a] > 0.0)
                h = (h ^ ((uint64_t)(x->prob0 + a + 1) << 32)) * UINT64_C(1099511628211);
    }
    return h;
}

/* ---- moves ----------------------------------------------------------- */

/* The action of tree node v named action when v is made from a flagged
** model node, else -1. */
static int move_at(const eq_tree *t, const unsigned char *match, const char *action, int v)
{
    const eqi_node *x = &t->node[v];
    if (x->origin < 0 || !match[x->origin] ||
        (x->kind != EQ_NODE_DECISION && x->kind != EQ_NODE_CHANCE))
        return -1;
    for (int a = 0; a < x->nchild; a++) {
        const char *nm = eqi_tree_action_name(t, v, a);
        if (nm != NULL && strcmp(nm, action) == 0)
            return a;
    }
    return -1;
}

/* The probability of action a at node v under behaviour beh. */
static double edge_prob(const eq_tree *t, const eq_tree_result *r, const double *beh, int v,
                        int a)
{
    const eqi_node *x = &t->node[v];
    return x->kind == EQ_NODE_CHANCE ? t->probs[x->prob0 + a] : beh[r->off[x->infoset] + a];
}

/*
** M(action @ pattern): the probability that play takes the action at some
** flagged node at least once.  The event "the first such move is made at
** node v" (v takes it, and no flagged node above v took it on the way to
** v) are disjoint for distinct v, since a tree has one path to each node,
** so their probabilities add up: the sum over flagged v with no earlier
** move on their path of the reach of v's child by the action.  From a
** given on, the reach is taken relative to the given's nodes (as for
** eq_point_given_class_prob): Bayes' rule on the path, and off the path
** the behaviour from each of the given's nodes, weighted equally (NaN for
** a given naming a set of nodes, whose first-reached nodes are the list).
*/
double eqi_point_move_prob(const eq_point *pt, const unsigned char *match, const char *action,
                           int g)
{
    const eq_tree *t;
    const eq_tree_result *r;
    const double *beh;
    const int *list = NULL;
    double sum = 0.0, rho = 0.0;
    int nv = 0, stages;
    if (pt == NULL || match == NULL || action == NULL || (t = pt->tree) == NULL ||
        (r = pt->res) == NULL || r->count == 0 || pt->status != EQ_OK)
        return NAN;
    beh = r->beh;
    stages = r->nst[0] > 0;
    if (g >= 0) {
        const eqi_tcache *tc = NULL;
        if (g >= pt->ng)
            return NAN;
        for (int i = 0; i < EQI_POINT_TREES && tc == NULL; i++)
            if (pt->cache[i].t == t)
                tc = &pt->cache[i];
        if (tc == NULL || tc->given == NULL)
            return NAN;
        list = eqi_given_list(tc->given, g);
        nv = list[0];
        if (nv == 0)
            return NAN;
        for (int i = 1; i <= nv; i++)
            rho += r->reach[list[i]];
        if ((stages || eqi_model_given_is_set(pt->m, g)) && !(rho > 0.0))
            return NAN;     /* off the path: no behaviour to follow, or a
                               set never reached */
    }
    for (int v = 0; v < t->nnode; v++) {
        int a = move_at(t, match, action, v), top = -1, first = 1;
        double w;
        if (a < 0)
            continue;
        /* Up to the root (or the given's node): an earlier move, and the
        ** given's node above v. */
        for (int c = v, u = t->node[v].parent; ; c = u, u = t->node[u].parent) {
            if (list != NULL) {
                for (int i = 1; i <= nv && top < 0; i++)
                    if (list[i] == c)
                        top = c;
                if (top >= 0)
                    break;
            }
            if (u < 0)
                break;
            if (move_at(t, match, action, u) == t->node[c].move) {
                first = 0;
                break;
            }
        }
        if (!first || (list != NULL && top < 0))
            continue;
        if (list == NULL || stages) {
            w = r->reach[t->node[v].child0 + a];
            sum += list == NULL ? w : w / rho;
            continue;
        }
        /* From the given's node top down to v's child by the action. */
        w = rho > 0.0 ? r->reach[top] / rho : 1.0 / (double)nv;
        w *= edge_prob(t, r, beh, v, a);
        for (int c = v; c != top && w != 0.0; c = t->node[c].parent)
            w *= edge_prob(t, r, beh, t->node[c].parent, t->node[c].move);
        sum += w;
    }
    return sum;
}

/* ---- accessors ------------------------------------------------------- */

eq_status eq_point_status(const eq_point *pt) { return pt ? pt->status : EQ_ERR_ARG; }
const char *eq_point_errmsg(const eq_point *pt) { return pt ? pt->errmsg : ""; }
long long eq_point_index(const eq_point *pt) { return pt ? pt->index : -1; }

double eq_point_value(const eq_point *pt, int k)
{
    return pt && k >= 0 && k < pt->np ? pt->values[k] : NAN;
}

const char *eq_point_path(const eq_point *pt)
{
    return pt && pt->path ? pt->path : "";
}

int eq_point_nodes(const eq_point *pt) { return pt ? pt->nnode : 0; }

double eq_point_reach(const eq_point *pt, int v)
{
    return pt && v >= 0 && v < pt->nnode ? pt->reach[v] : NAN;
}

double eq_point_class_prob(const eq_point *pt, int c)
{
    return pt && c >= 0 && c < pt->nc ? pt->cls[c] : NAN;
}

double eq_point_payoff(const eq_point *pt, int p)
{
    return pt && p >= 0 && p < pt->n ? pt->pay[p] : NAN;
}

double eq_point_given_reach(const eq_point *pt, int g)
{
    return pt && g >= 0 && g < pt->ng ? pt->greach[g] : NAN;
}

double eq_point_given_class_prob(const eq_point *pt, int g, int c)
{
    if (pt == NULL || g < 0 || g >= pt->ng || c < 0 || c >= pt->nc)
        return NAN;
    return pt->gcls[(size_t)g * (size_t)pt->nc + (size_t)c];
}

double eq_point_given_payoff(const eq_point *pt, int g, int p)
{
    if (pt == NULL || g < 0 || g >= pt->ng || p < 0 || p >= pt->n)
        return NAN;
    return pt->gpay[(size_t)g * (size_t)pt->n + (size_t)p];
}

int eq_point_spe_count(const eq_point *pt) { return pt ? pt->count : -1; }
double eq_point_regret(const eq_point *pt) { return pt ? pt->regret : NAN; }
unsigned eq_point_flags(const eq_point *pt) { return pt ? pt->flags : 0u; }
int eq_point_notes(const eq_point *pt) { return pt ? pt->notes.n : 0; }

const char *eq_point_note(const eq_point *pt, int i)
{
    if (pt == NULL || i < 0 || i >= pt->notes.n)
        return NULL;
    return pt->notes.text + pt->notes.at[i];
}

const eq_tree *eq_point_tree(const eq_point *pt) { return pt ? pt->tree : NULL; }

const eq_tree_result *eq_point_result(const eq_point *pt)
{
    return pt && pt->tree ? pt->res : NULL;
}
