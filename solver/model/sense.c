/*
** sense.c -- the model's side of sensitivity analysis: its expressions
** evaluated again for one instantiated tree, exactly (rationals, to
** verify a breakpoint) or watching the clamps (min and max at a constant
** bound).  The tree's nodes say which model node and payoff tuple made
** them (instantiate.c), so only the expressions the tree uses are
** evaluated: the lets, the payoff tuples of its terminals, and the
** probabilities of its chance nodes.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "../sensitivity/sens.h"

/* Call fn(ud, e) once for each expression t uses (lets first); stop at
** the first non-zero return and return it. */
static int each_expression(const eq_model *m, const eq_tree *t, unsigned char *seen,
                           int (*fn)(void *, int), void *ud)
{
    int rc;
    for (int k = 0; k < m->nlet; k++) {
        int e = m->let[k].expr;
        if (!seen[e] && (rc = fn(ud, e)) != 0)
            return rc;
        seen[e] = 1;
    }
    for (int v = 0; v < t->nnode; v++) {
        const eqi_node *y = &t->node[v];
        if (y->kind == EQ_NODE_TERMINAL && y->tuple >= 0) {
            for (int q = 0; q < m->n; q++) {
                int e = m->tupexpr[(size_t)y->tuple * (size_t)m->n + (size_t)q];
                if (!seen[e] && (rc = fn(ud, e)) != 0)
                    return rc;
                seen[e] = 1;
            }
        } else if (y->kind == EQ_NODE_CHANCE && y->origin >= 0) {
            const mnode *x = &m->node[y->origin];
            for (int a = 0; a < x->nact; a++) {
                int e = m->aprob[x->act0 + a];
                if (!seen[e] && (rc = fn(ud, e)) != 0)
                    return rc;
                seen[e] = 1;
            }
        }
    }
    return 0;
}

/* ---- clamps --------------------------------------------------------------- */

typedef struct watcher {
    const eq_model *m;
    double *vals;           /* parameters, then lets */
    double stk[EQI_EXPR_STACK];
    eqi_clamp cl[64];
    int ncl;
    unsigned char *told;    /* per instruction: already reported */
    eqi_note_fn note;
    void *ud;
    int failed;
} watcher;

static void watch(void *ud, int pc, double a, double b)
{
    watcher *W = ud;
    const eq_model *m = W->m;
    double bound, other;
    for (int i = 0; i < W->ncl; i++) {
        char msg[EQI_ERRMAX], x[32], y[32];
        const eqi_loc *at;
        if (W->cl[i].pc != pc || W->told[pc] ||
            !eqi_clamp_binds(&m->code, &W->cl[i], a, b, &bound, &other))
            continue;
        W->told[pc] = 1;
        at = &m->code.loc[pc];
        eqi_format_double(bound, x, sizeof x);
        eqi_format_double(other, y, sizeof y);
        snprintf(msg, sizeof msg, "%.200s:%d:%d: %s(...) is at its bound %s (its other "
                 "argument is %s): the outcome does not move with what it clamps",
                 m->nseg > 0 ? m->seg[eqi_seg_of(m->seg, m->nseg, at->off)].name : m->name,
                 at->line, eqi_loc_col(m->src, at),
                 m->code.ins[pc].op == EQI_OP_MIN ? "min" : "max", x, y);
        if (W->note(W->ud, EQ_FLAG_CLAMP, msg) != 0)
            W->failed = 1;
    }
}

static int watch_one(void *ud, int e)
{
    watcher *W = ud;
    const eq_model *m = W->m;
    eqi_eval_err err;
    double out;
    W->ncl = eqi_clamp_scan(&m->code, &m->expr[e], W->cl, 64);
    if (W->ncl == 0)
        return 0;
    /* A failing expression (a division by zero) fails instantiation too;
    ** nothing to report here. */
    eqi_expr_eval_watch(&m->code, &m->expr[e], W->vals, W->stk, &out, &err, watch, W);
    return W->failed;
}

int eqi_model_clamps(const eq_model *m, const double *values, const eq_tree *t,
                     eqi_note_fn fn, void *ud)
{
    watcher W;
    unsigned char *seen;
    int rc = 0;
    memset(&W, 0, sizeof W);
    W.m = m;
    W.note = fn;
    W.ud = ud;
    W.vals = malloc(((size_t)m->nparam + (size_t)m->nlet + 1) * sizeof *W.vals);
    W.told = calloc((size_t)m->code.nins + 1, 1);
    seen = calloc((size_t)m->nexpr + 1, 1);
    if (W.vals == NULL || W.told == NULL || seen == NULL) {
        rc = -1;
        goto done;
    }
    eqi_model_full_values(m, values, W.vals);
    /* The lets' values, in order, each watched as it is computed. */
    for (int k = 0; k < m->nlet; k++) {
        eqi_eval_err err;
        const eqi_expr *e = &m->expr[m->let[k].expr];
        W.ncl = eqi_clamp_scan(&m->code, e, W.cl, 64);
        if (eqi_expr_eval_watch(&m->code, e, W.vals, W.stk, &W.vals[m->nparam + k], &err,
                                W.ncl ? watch : NULL, &W) != 0)
            goto done;      /* instantiation reports it */
        if (W.failed) {
            rc = -1;
            goto done;
        }
        seen[m->let[k].expr] = 1;
    }
    rc = each_expression(m, t, seen, watch_one, &W) != 0 ? -1 : 0;
done:
    free(W.vals);
    free(W.told);
    free(seen);
    return rc;
}

/* ---- exact evaluation ------------------------------------------------------ */

/*
** The condition needs the numbers of one subtree only: below the root of
** the subgame holding the set whose mover is indifferent (EQI_COND_GAIN:
** and of the payoffs, the mover's alone), or below the node whose
** selection scores tie (EQI_COND_SCORE).  So a let that is irrational
** (block_value * exp(-rate * delay)) spoils the check only when an
** expression the condition reads uses it.
*/
int eqi_model_cond_exact(const eq_model *m, const double *values, int k, const mpq_t q,
                         const eqi_cond *c, const int *off, mpq_t z)
{
    eq_tree *t = NULL;
    eq_diag d;
    double *v = malloc(((size_t)m->nparam + 1) * sizeof *v);
    size_t nv = (size_t)m->nparam + (size_t)m->nlet + 1;
    mpq_t *vals = NULL, *stk = NULL, *pays = NULL, *probs = NULL;
    size_t npays = 0, nprobs = 0;
    unsigned char *bad = NULL, *in = NULL;
    int *sub = NULL, rc = EQI_EXACT_FAIL, root;

    if (v == NULL)
        return EQI_EXACT_FAIL;
    eqi_model_full_values(m, values, v);
    v[k] = eqi_rational_nearest(q);
    if (eq_model_instantiate(m, v, &t, &d) != EQ_OK)
        goto done;
    vals = eqi_mpq_alloc(nv);
    stk = eqi_mpq_alloc(EQI_EXPR_STACK);
    bad = calloc(nv, 1);
    npays = (size_t)t->npays + 1;
    nprobs = (size_t)t->nprobs + 1;
    pays = eqi_mpq_alloc(npays);
    probs = eqi_mpq_alloc(nprobs);
    sub = malloc(((size_t)t->nnode + 1) * sizeof *sub);
    in = calloc((size_t)t->nnode + 1, 1);
    if (!vals || !stk || !bad || !pays || !probs || !sub || !in)
        goto done;
    /* Every number as the decimal it is written as; parameter k at q. */
    for (int j = 0; j < m->nparam; j++) {
        if (j == k)
            mpq_set(vals[j], q);
        else if (m->param[j].is_enum)
            mpq_set_si(vals[j], (long)v[j], 1);
        else
            eqi_decimal_rational(v[j], vals[j]);
    }
    for (int j = 0; j < m->nlet; j++) {
        int e = m->let[j].expr, r1 = eqi_expr_eval_q(&m->code, &m->expr[e], vals, bad, stk,
                                                     vals[m->nparam + j]);
        if (r1 == EQI_EXACT_IRRATIONAL)
            bad[m->nparam + j] = 1;
        else if (r1 != 0) {
            rc = r1;
            goto done;
        }
    }
    /* The innermost subgame around each node, and the subtree needed. */
    for (int u = 0; u < t->nnode; u++)
        sub[u] = -1;
    for (int s = 0; s < t->nsub; s++)
        sub[t->subroot[s]] = t->subroot[s];
    for (int u = 1; u < t->nnode; u++)
        if (sub[u] < 0)
            sub[u] = sub[t->node[u].parent];
    if (sub[0] < 0)
        sub[0] = 0;
    root = c->type == EQI_COND_GAIN ? sub[t->iset[c->h].members[0]] : c->s;
    in[root] = 1;
    for (int u = root + 1; u < t->nnode; u++)
        in[u] = in[t->node[u].parent];
    for (int u = 0; u < t->nnode; u++) {
        const eqi_node *y = &t->node[u];
        if (!in[u])
            continue;
        if (y->kind == EQ_NODE_TERMINAL && y->tuple >= 0) {
            for (int p = 0; p < m->n; p++) {
                int e = m->tupexpr[(size_t)y->tuple * (size_t)m->n + (size_t)p];
                /* A mover's gain reads the mover's payoffs only. */
                if (c->type == EQI_COND_GAIN && !c->verify_mix && p != t->iset[c->h].player)
                    continue;
                if ((rc = eqi_expr_eval_q(&m->code, &m->expr[e], vals, bad, stk,
                                          pays[y->pay0 + p])) != 0)
                    goto done;
            }
        } else if (y->kind == EQ_NODE_CHANCE && y->origin >= 0) {
            const mnode *x = &m->node[y->origin];
            for (int a = 0; a < x->nact; a++) {
                int e = m->aprob[x->act0 + a];
                if ((rc = eqi_expr_eval_q(&m->code, &m->expr[e], vals, bad, stk,
                                          probs[y->prob0 + a])) != 0)
                    goto done;
            }
        } else if (y->kind == EQ_NODE_TERMINAL || y->kind == EQ_NODE_CHANCE) {
            rc = EQI_EXACT_FAIL;        /* a node the model did not mark */
            goto done;
        }
    }
    rc = eqi_cond_eval_q(c, t, pays, probs, off, sub, z);
done:
    eq_tree_free(t);
    free(v);
    eqi_mpq_free(vals, vals ? nv : 0);
    eqi_mpq_free(stk, stk ? EQI_EXPR_STACK : 0);
    eqi_mpq_free(pays, pays ? npays : 0);
    eqi_mpq_free(probs, probs ? nprobs : 0);
    free(bad);
    free(sub);
    free(in);
    return rc;
}
