/*
** instantiate.c -- a model into a game tree at given parameter values:
** built breadth first (see model.h), or rewritten in place when the
** structural choices are those of the tree given.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* Scratch kept on the C stack during instantiation, so that re-evaluating
** a model of modest size into an existing tree allocates nothing. */
#define STACK_DOUBLES 512
#define STACK_INTS 4096

/* A tree node the model makes, as a reference: a slot (>= 0), or the
** inline payoff tuple -1 - ref. */
typedef struct walker {
    const eq_model *m;
    const double *vals;
    double *stk;            /* EQI_EXPR_STACK doubles */
    double *buf;            /* m->maxbuf doubles */
    eq_tree *t;
    int build;              /* 1: make the tree; 0: update it in place */
    int mismatch;           /* update: the tree has another structure */
    int *map;               /* tree node -> reference */
    size_t capmap;
    int *isetmap;           /* build: explicit set -> tree set, or -1 */
    eqi_src src;
} walker;

void eqi_model_ref_shape(const eq_model *m, int ref, shape *sh)
{
    const mslot *sl;
    const mnode *x;
    memset(sh, 0, sizeof *sh);
    sh->player = -1;
    sh->kind = EQ_NODE_TERMINAL;
    if (ref < 0)
        return;
    sl = &m->slot[ref];
    x = &m->node[sl->node];
    switch (x->kind) {
    case MN_TERMINAL:
        sh->label = x->label;
        return;
    case MN_CHANCE:
        sh->kind = EQ_NODE_CHANCE;
        sh->nchild = x->nact;
        sh->label = x->label;
        sh->names = m->aname + x->act0;
        return;
    case MN_DECISION:
        sh->kind = EQ_NODE_DECISION;
        sh->player = x->player;
        sh->nchild = x->nact;
        sh->label = x->label;
        sh->names = m->aname + x->act0;
        return;
    default:    /* a stage */
        sh->kind = EQ_NODE_DECISION;
        if (sl->r < 0) {
            sh->player = x->sp[0];
            sh->nchild = x->nact;
            sh->label = x->label;
            sh->names = m->aname + x->act0;
        } else if (sl->c < 0) {
            sh->player = x->sp[1];
            sh->nchild = x->nc;
            sh->names = m->aname + x->col0;
        } else {
            sh->player = x->sp[2];
            sh->nchild = x->nd;
            sh->names = m->aname + x->third0;
        }
        return;
    }
}

/* Whether tree node v has the shape of ref: kind, children, player; and
** with full, also its label and action names (the check made where a
** structural switch chose the node). */
static int fits(const walker *w, int v, int ref, int full)
{
    const eqi_node *y = &w->t->node[v];
    shape sh;
    if (ref < 0) {
        if (y->kind != EQ_NODE_TERMINAL || y->nchild != 0)
            return 0;
    } else {
        const mslot *sl = &w->m->slot[ref];
        if (y->kind != sl->kind || y->nchild != sl->nchild ||
            (sl->kind == EQ_NODE_DECISION && y->player != sl->player) ||
            (y->nchild > 0 && y->child0 <= v))
            return 0;
    }
    if (!full)
        return 1;
    eqi_model_ref_shape(w->m, ref, &sh);
    if (w->m->label_clash && sh.kind != EQ_NODE_TERMINAL)
        return 0;
    if (!eqi_label_same(y->label, sh.label))
        return 0;
    for (int a = 0; a < sh.nchild; a++)
        if (strcmp(eqi_tree_action_name(w->t, v, a), sh.names[a]) != 0)
            return 0;
    return 1;
}

static eq_status eval(walker *w, int e, double *out)
{
    const eq_model *m = w->m;
    const eqi_expr *x = &m->expr[e];
    eqi_eval_err er;
    int rc;
    /* One number (most payoffs of a large tree): its value, as the
    ** evaluator would push and return it, without the call. */
    if (x->pc1 == x->pc0 + 1 && m->code.ins[x->pc0].op == EQI_OP_CONST) {
        *out = m->code.k[m->code.ins[x->pc0].arg];
        return EQ_OK;
    }
    rc = eqi_expr_eval(&m->code, x, w->vals, w->stk, out, &er);
    if (rc != 0) {
        char msg[256];
        eqi_eval_message(&m->code, rc, &er, msg, sizeof msg);
        return eqi_diag_at(&w->src, EQ_ERR_ARG, &m->code.loc[er.pc], "%s", msg);
    }
    return EQ_OK;
}

/* Follow node u through structural switches to the reference it makes;
** *via is set when a switch was passed. */
static eq_status follow_node(walker *w, int u, int *ref, int *via)
{
    const eq_model *m = w->m;
    eq_status s;
    for (;;) {
        const mnode *x = &m->node[u];
        const mtarget *g;
        double c;
        if (x->kind != MN_SWITCH) {
            *ref = x->slot0;
            return EQ_OK;
        }
        if ((s = eval(w, x->cond, &c)) != EQ_OK)
            return s;
        *via = 1;
        g = &m->tgt[x->tgt0 + (c != 0.0 ? 0 : 1)];
        if (g->node < 0) {
            *ref = -1 - g->tuple;
            return EQ_OK;
        }
        u = g->node;
    }
}

static eq_status follow(walker *w, int ti, int *ref, int *via)
{
    const mtarget *g = &w->m->tgt[ti];
    *via = 0;
    if (g->node < 0) {
        *ref = -1 - g->tuple;
        return EQ_OK;
    }
    return follow_node(w, g->node, ref, via);
}

static eq_status eval_tuple(walker *w, int tu)
{
    const eq_model *m = w->m;
    eq_status s;
    for (int q = 0; q < m->n; q++) {
        int e = m->tupexpr[(size_t)tu * (size_t)m->n + (size_t)q];
        if ((s = eval(w, e, &w->buf[q])) != EQ_OK)
            return s;
        if (!isfinite(w->buf[q]))   /* evaluation keeps values finite */
            return eqi_diag_at(&w->src, EQ_ERR_ARG, &m->expr[e].at,
                               "the payoff of %s is not finite", m->pname[q]);
    }
    return EQ_OK;
}

static eq_status tree_fail(walker *w, eq_status s)
{
    if (s == EQ_ERR_NOMEM)
        return eqi_diag_plain(w->src.diag, s, "%s: out of memory", w->m->name);
    return eqi_diag_plain(w->src.diag, s, "%s: %s", w->m->name, eq_tree_errmsg(w->t));
}

/* A new information set of the tree for the actions names[0..k). */
static eq_status new_set(walker *w, int player, int k, char *const *names,
                         const char *label, int *h)
{
    eq_status s = eq_tree_add_infoset(w->t, player, k, (const char *const *)names,
                                      label, h);
    return s == EQ_OK ? EQ_OK : tree_fail(w, s);
}

/* The information set tree node v joins (build). */
static eq_status decision_set(walker *w, int v, int ref, int *h)
{
    const eq_model *m = w->m;
    const eq_tree *t = w->t;
    const mslot *sl = &m->slot[ref];
    const mnode *x = &m->node[sl->node];
    shape sh;
    eqi_model_ref_shape(m, ref, &sh);
    if (x->kind == MN_DECISION) {
        if (x->iset < 0)
            return new_set(w, x->player, x->nact, sh.names, x->label, h);
        if (w->isetmap[x->iset] < 0) {
            eq_status s = new_set(w, x->player, x->nact, sh.names, m->iset[x->iset].label,
                                  &w->isetmap[x->iset]);
            if (s != EQ_OK)
                return s;
        }
        *h = w->isetmap[x->iset];
        return EQ_OK;
    }
    /* A stage: the row player's set is the node's own; the column
    ** player's nodes after every row share one set, and so do the third
    ** player's nodes after every row and column.  Breadth-first order
    ** makes the first of them come first. */
    if (sl->r < 0)
        return new_set(w, sh.player, sh.nchild, sh.names, x->label, h);
    if (sl->c < 0) {
        if (sl->r == 0)
            return new_set(w, sh.player, sh.nchild, sh.names, x->label, h);
        *h = t->node[t->node[t->node[v].parent].child0].infoset;
        return EQ_OK;
    }
    if (sl->r == 0 && sl->c == 0)
        return new_set(w, sh.player, sh.nchild, sh.names, x->label, h);
    {
        int row = t->node[t->node[v].parent].parent;
        *h = t->node[t->node[t->node[row].child0].child0].infoset;
    }
    return EQ_OK;
}

/* Make (build) or rewrite (update) tree node v from reference ref, and
** give its children their references. */
static eq_status visit(walker *w, int v, int ref)
{
    const eq_model *m = w->m;
    eq_tree *t = w->t;
    const mslot *sl = ref >= 0 ? &m->slot[ref] : NULL;
    const mnode *x = sl ? &m->node[sl->node] : NULL;
    eq_status s;
    int c0;

    if (!w->build && !fits(w, v, ref, 0)) {
        w->mismatch = 1;
        return EQ_OK;
    }
    /* What the node comes from (a stage's inner nodes come from no node of
    ** their own), its payoff tuple, and its outcome class. */
    t->node[v].origin = sl != NULL && (x->kind != MN_STAGE || sl->r < 0) ? sl->node : -1;
    t->node[v].tuple = x == NULL ? -1 - ref
                       : x->kind == MN_TERMINAL ? m->tgt[x->tgt0].tuple : -1;
    t->node[v].cls = x != NULL && x->kind == MN_TERMINAL ? x->cls : -1;
    if (x == NULL || x->kind == MN_TERMINAL) {
        if ((s = eval_tuple(w, x == NULL ? -1 - ref : m->tgt[x->tgt0].tuple)) != EQ_OK)
            return s;
        if (!w->build) {
            memcpy(t->pays + t->node[v].pay0, w->buf, (size_t)m->n * sizeof *w->buf);
            return EQ_OK;
        }
        if ((s = eq_tree_make_terminal(t, v, w->buf)) != EQ_OK)
            return tree_fail(w, s);
        if (x != NULL && x->label != NULL &&
            (s = eq_tree_set_node_label(t, v, x->label)) != EQ_OK)
            return tree_fail(w, s);
        return EQ_OK;
    }
    if (x->kind == MN_CHANCE) {
        double sum = 0.0;
        for (int a = 0; a < x->nact; a++) {
            double pr;
            int e = m->aprob[x->act0 + a];
            if ((s = eval(w, e, &pr)) != EQ_OK)
                return s;
            if (!(pr >= 0.0 && pr <= 1.0)) {
                char b[32];
                eqi_format_double(pr, b, sizeof b);
                return eqi_diag_at(&w->src, EQ_ERR_ARG, &m->expr[e].at, "the probability "
                                   "of move '%.64s' is %s, outside [0, 1]",
                                   m->aname[x->act0 + a], b);
            }
            w->buf[a] = pr;
            sum += pr;
        }
        if (fabs(sum - 1.0) > 1e-9) {
            char b[32];
            eqi_format_double(sum, b, sizeof b);
            return eqi_diag_at(&w->src, EQ_ERR_ARG, &x->at, "the probabilities of chance "
                               "node '%.64s' sum to %s, not 1", x->name, b);
        }
        if (!w->build) {
            memcpy(t->probs + t->node[v].prob0, w->buf, (size_t)x->nact * sizeof *w->buf);
        } else if ((s = eq_tree_make_chance(t, v, x->nact,
                                            (const char *const *)(m->aname + x->act0),
                                            w->buf)) != EQ_OK ||
                   (x->label != NULL &&
                    (s = eq_tree_set_node_label(t, v, x->label)) != EQ_OK)) {
            return tree_fail(w, s);
        }
    } else if (w->build) {
        int h;
        if ((s = decision_set(w, v, ref, &h)) != EQ_OK)
            return s;
        if ((s = eq_tree_make_decision(t, v, h)) != EQ_OK)
            return tree_fail(w, s);
        if ((x->kind == MN_DECISION || sl->r < 0) && x->label != NULL &&
            (s = eq_tree_set_node_label(t, v, x->label)) != EQ_OK)
            return tree_fail(w, s);
    }
    /* The children's references. */
    if (w->build && eqi_grow(&w->map, &w->capmap, (size_t)t->nnode, sizeof *w->map))
        return tree_fail(w, EQ_ERR_NOMEM);
    c0 = t->node[v].child0;
    for (int a = 0; a < t->node[v].nchild; a++) {
        int cref = 0, via = 0, ti = -1;
        if (x->kind != MN_STAGE)
            ti = x->tgt0 + a;
        else if (sl->r < 0)
            cref = x->slot0 + 1 + a;
        else if (sl->c < 0 && x->np == 3)
            cref = x->slot0 + 1 + x->nact + sl->r * x->nc + a;
        else if (sl->c < 0)
            ti = x->tgt0 + sl->r * x->nc + a;
        else
            ti = x->tgt0 + (sl->r * x->nc + sl->c) * x->nd + a;
        if (ti >= 0 && (s = follow(w, ti, &cref, &via)) != EQ_OK)
            return s;
        w->map[c0 + a] = cref;
        if (!w->build && via && !fits(w, c0 + a, cref, 1)) {
            w->mismatch = 1;
            return EQ_OK;
        }
    }
    return EQ_OK;
}

/* Perfect recall of the explicit information sets: every member must
** carry the same last own move of the set's player.  (A stage's sets
** have it by construction.)  Checked when a tree is built, since which
** members exist depends on the structural choices. */
static eq_status check_recall(walker *w)
{
    const eq_model *m = w->m;
    const eq_tree *t = w->t;
    for (int i = 0; i < m->niset; i++) {
        const eqi_infoset *I;
        int ls0 = -1, la0 = -1;
        if (w->isetmap[i] < 0)
            continue;
        I = &t->iset[w->isetmap[i]];
        for (int k = 0; k < I->nmem; k++) {
            int v = I->members[k], ls = -1, la = -1;
            for (int u = v; t->node[u].parent >= 0; u = t->node[u].parent) {
                const eqi_node *p = &t->node[t->node[u].parent];
                if (p->kind == EQ_NODE_DECISION && p->player == I->player) {
                    ls = p->infoset;
                    la = t->node[u].move;
                    break;
                }
            }
            if (k == 0) {
                ls0 = ls;
                la0 = la;
            } else if (ls != ls0 || la != la0) {
                const char *a = t->node[I->members[0]].label, *b = t->node[v].label;
                return eqi_diag_at(&w->src, EQ_ERR_ARG, &m->iset[i].at, "information set "
                                   "'%.64s' breaks perfect recall: %s made different "
                                   "moves before reaching '%.64s' and '%.64s'",
                                   m->iset[i].name, m->pname[I->player], a ? a : "?",
                                   b ? b : "?");
            }
        }
    }
    return EQ_OK;
}

/* Walk tree nodes in index order from the root's reference. */
static eq_status walk(walker *w)
{
    eq_status s;
    int ref = 0, via = 0;
    if ((s = follow_node(w, w->m->root, &ref, &via)) != EQ_OK)
        return s;
    if (!w->build && via && !fits(w, 0, ref, 1)) {
        w->mismatch = 1;
        return EQ_OK;
    }
    w->map[0] = ref;
    for (int v = 0; v < w->t->nnode; v++) {
        if ((s = visit(w, v, w->map[v])) != EQ_OK)
            return s;
        if (w->mismatch)
            return EQ_OK;
    }
    return EQ_OK;
}

static eq_status build(walker *w, eq_tree **out)
{
    const eq_model *m = w->m;
    eq_status s;
    eq_tree *t = NULL;

    w->build = 1;
    w->map = NULL;
    w->capmap = 0;
    w->isetmap = NULL;
    if ((s = eq_tree_new(&t, m->n)) != EQ_OK)
        return eqi_diag_plain(w->src.diag, s, "%s: out of memory", m->name);
    w->t = t;
    if ((s = eq_tree_set_title(t, m->title)) != EQ_OK)
        goto fail;
    for (int q = 0; q < m->n; q++)
        if ((s = eq_tree_set_player_name(t, q, m->pname[q])) != EQ_OK)
            goto fail;
    for (int c = 0; c < m->ncls; c++)
        if ((s = eq_tree_add_class(t, m->cls[c].name, m->cls[c].desc, NULL)) != EQ_OK)
            goto fail;
    if (eqi_grow(&w->map, &w->capmap, 1, sizeof *w->map) ||
        (m->niset > 0 && (w->isetmap = malloc((size_t)m->niset * sizeof *w->isetmap)) == NULL)) {
        s = EQ_ERR_NOMEM;
        goto fail;
    }
    for (int i = 0; i < m->niset; i++)
        w->isetmap[i] = -1;
    if ((s = walk(w)) != EQ_OK || (s = check_recall(w)) != EQ_OK)
        goto done;
    if ((s = eq_tree_finish(t)) != EQ_OK)
        goto fail;
    goto done;
fail:
    s = tree_fail(w, s);
done:
    free(w->map);
    free(w->isetmap);
    w->map = w->isetmap = NULL;
    if (s != EQ_OK) {
        eq_tree_free(t);
        return s;
    }
    *out = t;
    return EQ_OK;
}

static eq_status instantiate(const eq_model *m, const double *values, eq_tree **tree,
                               eq_diag *diag)
{
    double dstack[STACK_DOUBLES], stk[EQI_EXPR_STACK], *dheap = NULL;
    int istack[STACK_INTS], *iheap = NULL;
    size_t nd;
    walker w;
    eq_status s = EQ_OK;

    eqi_diag_clear(diag);
    if (m == NULL || tree == NULL || (values == NULL && m->nvis > 0))
        return eqi_diag_plain(diag, EQ_ERR_ARG, "eq_model_instantiate: NULL argument");
    memset(&w, 0, sizeof w);
    w.m = m;
    w.stk = stk;
    w.src.name = m->name;
    w.src.text = m->src;
    w.src.len = m->srclen;
    w.src.seg = m->seg;         /* places in included files name them */
    w.src.nseg = m->nseg;
    w.src.diag = diag;
    /* Scratch: parameter and let values, then one node's payoffs or
    ** probabilities. */
    nd = (size_t)m->nparam + (size_t)m->nlet + (size_t)m->maxbuf;
    if (nd > STACK_DOUBLES && (dheap = malloc(nd * sizeof *dheap)) == NULL)
        return eqi_diag_plain(diag, EQ_ERR_NOMEM, "%s: out of memory", m->name);
    {
        double *vals = dheap ? dheap : dstack;
        w.vals = vals;
        w.buf = vals + m->nparam + m->nlet;
        for (int k = 0; k < m->nparam; k++) {
            const mparam *q = &m->param[k];
            double v = k < m->nvis ? values[k] : q->def;
            char a[32], b[32], c[32];
            if (q->is_enum && !(v >= 0 && v < q->nchoice && v == floor(v))) {
                eqi_format_double(v, a, sizeof a);
                s = eqi_diag_at(&w.src, EQ_ERR_ARG, &q->at, "parameter '%.64s' has no "
                                "choice number %s (it has %d)", q->name, a, q->nchoice);
                goto done;
            }
            if (!q->is_enum && !(v >= q->lo && v <= q->hi)) {
                eqi_format_double(v, a, sizeof a);
                eqi_format_double(q->lo, b, sizeof b);
                eqi_format_double(q->hi, c, sizeof c);
                s = eqi_diag_at(&w.src, EQ_ERR_ARG, &q->at, "parameter '%.64s' = %s lies "
                                "outside its domain [%s, %s]", q->name, a, b, c);
                goto done;
            }
            vals[k] = v;
        }
        for (int k = 0; k < m->nlet; k++)
            if ((s = eval(&w, m->let[k].expr, &vals[m->nparam + k])) != EQ_OK)
                goto done;
        /* The arguments of normal grids that hold a parameter, now that
        ** they have values. */
        for (int k = 0; k + 3 < m->nlet; k++) {
            char msg[160];
            int arg;
            if (m->let[k].guard &&
                eqi_normal_check(&vals[m->nparam + k], msg, sizeof msg, &arg) != NULL) {
                /* sigma as written, when it is not a number: "(s = -1)" */
                const char *t = strchr(m->let[k + 1].name, ' ');
                char v[32];
                eqi_format_double(vals[m->nparam + k + 1], v, sizeof v);
                if (arg == 1 && t != NULL && t[1] != '\0' && strcmp(t + 1, v) != 0)
                    s = eqi_diag_at(&w.src, EQ_ERR_ARG, &m->let[k + 1].at, "%s (%.64s = %s)",
                                    msg, t + 1, v);
                else
                    s = eqi_diag_at(&w.src, EQ_ERR_ARG, &m->let[k + arg].at, "%s", msg);
                goto done;
            }
        }
    }
    if (*tree != NULL) {
        eq_tree *t = *tree, *fresh = NULL;
        if (t->n == m->n && t->finished && t->nnode > 0) {
            /* Try to rewrite the tree in place. */
            if ((size_t)t->nnode > STACK_INTS &&
                (iheap = malloc((size_t)t->nnode * sizeof *iheap)) == NULL) {
                s = eqi_diag_plain(diag, EQ_ERR_NOMEM, "%s: out of memory", m->name);
                goto done;
            }
            w.t = t;
            w.map = iheap ? iheap : istack;
            w.capmap = (size_t)t->nnode;
            s = walk(&w);
            w.map = NULL;
            if (s == EQ_OK && !w.mismatch)
                goto done;
        }
        /* Another structure: a new tree replaces the old (both exist for a
        ** moment, so the new one is never at the old address).  After a
        ** failure half-way, the old tree is freed rather than left partly
        ** rewritten. */
        if (s == EQ_OK) {
            w.mismatch = 0;
            s = build(&w, &fresh);
        }
        eq_tree_free(t);
        *tree = fresh;
        goto done;
    }
    s = build(&w, tree);
done:
    free(dheap);
    free(iheap);
    if (s != EQ_OK && *tree != NULL) {
        /* Whatever failed, the caller never keeps a stale tree. */
        eq_tree_free(*tree);
        *tree = NULL;
    }
    return s;
}

/* The tree, with GMP's failures (gmpmem.c) reported as lack of memory. */
eq_status eq_model_instantiate(const eq_model *m, const double *values, eq_tree **tree,
                               eq_diag *diag)
{
    unsigned long gmp = eqi_gmp_mark();
    eq_status s = instantiate(m, values, tree, diag);
    if (s == EQ_OK && eqi_gmp_failed(gmp)) {
        eq_tree_free(*tree);
        *tree = NULL;
        s = eqi_diag_plain(diag, EQ_ERR_NOMEM, "out of memory");
    }
    return s;
}
