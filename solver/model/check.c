/*
** check.c -- the checks made once a model is parsed: every name resolves,
** the graph of nodes is finite, reached from the root and small enough,
** and the kinds of tree node the model can make are numbered (slots).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static const char *kind_name(int kind)
{
    switch (kind) {
    case MN_DECISION: return "a decision node";
    case MN_CHANCE: return "a chance node";
    case MN_SWITCH: return "a structural if";
    case MN_TERMINAL: return "a terminal node";
    default: return "a stage";
    }
}

/* Names of targets and infoset members become node indices. */
static eq_status resolve_names(parser *p)
{
    eq_model *m = p->m;
    for (int i = 0; i < m->ntgt; i++) {
        mtarget *g = &m->tgt[i];
        if (g->tok < 0)
            continue;
        if ((g->node = eqi_map_get(&p->nodes, text(p, &p->lx.tok[g->tok]))) < 0)
            return eqi_parse_fail(p, &g->at, "unknown node '%.64s'",
                                  text(p, &p->lx.tok[g->tok]));
        g->tok = -1;
    }
    m->root = 0;
    if (p->start_tok >= 0) {
        const eqi_tok *t = &p->lx.tok[p->start_tok];
        if ((m->root = eqi_map_get(&p->nodes, text(p, t))) < 0)
            return eqi_parse_fail(p, &t->at, "unknown node '%.64s'", text(p, t));
    }
    for (int h = 0; h < m->niset; h++) {
        miset *I = &m->iset[h];
        int first = -1;
        for (int k = I->mem0; k < I->mem0 + I->nmem; k++) {
            const eqi_tok *t = &p->lx.tok[m->memtok[k]];
            int v = eqi_map_get(&p->nodes, text(p, t));
            mnode *x;
            if (v < 0)
                return eqi_parse_fail(p, &t->at, "unknown node '%.64s'", text(p, t));
            x = &m->node[v];
            if (x->kind != MN_DECISION)
                return eqi_parse_fail(p, &t->at, "node '%.64s' is %s: only decision nodes can "
                                      "share an information set", x->name, kind_name(x->kind));
            if (x->player != I->player)
                return eqi_parse_fail(p, &t->at, "node '%.64s' belongs to %s, but information set "
                                      "'%.64s' to %s", x->name, m->pname[x->player], I->name,
                                      m->pname[I->player]);
            if (x->iset >= 0)
                return eqi_parse_fail(p, &t->at,
                                      "node '%.64s' is already in information set '%.64s'",
                                      x->name, m->iset[x->iset].name);
            if (first >= 0) {
                const mnode *f = &m->node[first];
                int same = f->nact == x->nact;
                for (int a = 0; same && a < x->nact; a++)
                    same = strcmp(m->aname[f->act0 + a], m->aname[x->act0 + a]) == 0;
                if (!same)
                    return eqi_parse_fail(p, &t->at, "node '%.64s' has other actions than node "
                                          "'%.64s': the nodes of an information set must have the "
                                          "same actions, in the same order", x->name, f->name);
            } else {
                first = v;
            }
            x->iset = h;
            m->memnode[k] = v;
        }
    }
    return EQ_OK;
}

/* Size of the tree below target ti, saturating above MODEL_MAX_TREE. */
static size_t target_size(const eq_model *m, const size_t *size, int ti)
{
    return m->tgt[ti].node >= 0 ? size[m->tgt[ti].node] : 1;
}

static size_t sat(size_t a, size_t b)
{
    return a + b > MODEL_MAX_TREE ? MODEL_MAX_TREE + 1 : a + b;
}

static size_t node_size(const eq_model *m, const size_t *size, int u)
{
    const mnode *x = &m->node[u];
    size_t s = 1;
    switch (x->kind) {
    case MN_SWITCH: {
        size_t a = target_size(m, size, x->tgt0), b = target_size(m, size, x->tgt0 + 1);
        return a > b ? a : b;
    }
    case MN_TERMINAL:
        return 1;
    case MN_STAGE:
        for (int r = 0; r < x->nact; r++) {
            s = sat(s, 1);
            for (int c = 0; c < x->nc; c++) {
                if (x->np == 3)
                    s = sat(s, 1);
                for (int d = 0; d < x->nd; d++)
                    s = sat(s, target_size(m, size, x->tgt0 + (r * x->nc + c) * x->nd + d));
            }
        }
        return s;
    default:
        for (int a = 0; a < x->ntgt; a++)
            s = sat(s, target_size(m, size, x->tgt0 + a));
        return s;
    }
}

/* Depth-first search from the root over every edge, both branches of
** every switch included: a cycle is an error (the tree must be finite),
** so is a node the root never reaches, and so is a tree too large. */
static eq_status check_graph(parser *p)
{
    eq_model *m = p->m;
    int n = m->nnode, sp = 0;
    unsigned char *color = calloc((size_t)n, 1);   /* 0 new, 1 open, 2 done */
    int *stk = malloc((size_t)n * sizeof *stk), *edge = malloc((size_t)n * sizeof *edge);
    size_t *size = malloc((size_t)n * sizeof *size);
    eq_status s = EQ_OK;

    if (color == NULL || stk == NULL || edge == NULL || size == NULL) {
        s = nomem(p);
        goto done;
    }
    stk[sp] = m->root;
    edge[sp++] = 0;
    color[m->root] = 1;
    while (sp > 0) {
        int u = stk[sp - 1];
        const mnode *x = &m->node[u];
        if (edge[sp - 1] < x->ntgt) {
            const mtarget *g = &m->tgt[x->tgt0 + edge[sp - 1]++];
            if (g->node < 0 || color[g->node] == 2)
                continue;
            if (color[g->node] == 1) {
                /* The open nodes from g->node up to u form the cycle. */
                char path[200];
                size_t k = 0;
                int from = sp - 1;
                while (from > 0 && stk[from] != g->node)
                    from--;
                for (int i = from; i < sp && k + 40 < sizeof path; i++)
                    k += (size_t)snprintf(path + k, sizeof path - k, "%.32s -> ",
                                          m->node[stk[i]].name);
                snprintf(path + k, sizeof path - k, "%.32s", m->node[g->node].name);
                s = eqi_parse_fail(p, &g->at, "cycle: %s; the game tree must be finite", path);
                goto done;
            }
            color[g->node] = 1;
            stk[sp] = g->node;
            edge[sp++] = 0;
            continue;
        }
        size[u] = node_size(m, size, u);
        color[u] = 2;
        sp--;
    }
    for (int u = 0; u < n; u++)
        if (color[u] == 0) {
            s = eqi_parse_fail(p, &m->node[u].at, "node '%.64s' cannot be reached from the root "
                               "'%.64s'", m->node[u].name, m->node[m->root].name);
            goto done;
        }
    if (size[m->root] > MODEL_MAX_TREE)
        s = eqi_parse_fail(p, &m->node[m->root].at, "the game tree would have more than %d nodes "
                           "(the limit MODEL_MAX_TREE)", MODEL_MAX_TREE);
done:
    free(color);
    free(stk);
    free(edge);
    free(size);
    return s;
}

/* Number the kinds of tree node: one per node, plus one per row (and per
** row and column with three players) inside each stage. */
static eq_status make_slots(parser *p)
{
    eq_model *m = p->m;
    size_t total = 0;
    int k = 0;
    for (int u = 0; u < m->nnode; u++) {
        const mnode *x = &m->node[u];
        if (x->kind == MN_SWITCH)
            continue;
        total += 1;
        if (x->kind == MN_STAGE)
            total += (size_t)x->nact * (x->np == 3 ? 1 + (size_t)x->nc : 1);
        if (x->kind == MN_CHANCE && x->nact > m->maxbuf)
            m->maxbuf = x->nact;
    }
    if (m->n > m->maxbuf)
        m->maxbuf = m->n;
    if (total > (size_t)INT_MAX / 2 || (m->slot = malloc((total + 1) * sizeof *m->slot)) == NULL)
        return nomem(p);
    for (int u = 0; u < m->nnode; u++) {
        mnode *x = &m->node[u];
        if (x->kind == MN_SWITCH)
            continue;
        x->slot0 = k;
        m->slot[k].node = u;
        m->slot[k].r = m->slot[k].c = -1;
        k++;
        if (x->kind != MN_STAGE)
            continue;
        for (int r = 0; r < x->nact; r++, k++) {
            m->slot[k].node = u;
            m->slot[k].r = r;
            m->slot[k].c = -1;
        }
        if (x->np == 3)
            for (int r = 0; r < x->nact; r++)
                for (int c = 0; c < x->nc; c++, k++) {
                    m->slot[k].node = u;
                    m->slot[k].r = r;
                    m->slot[k].c = c;
                }
    }
    m->nslot = k;
    return EQ_OK;
}

/* Each slot's kind, player and number of children, for quick checks. */
static void slot_shapes(eq_model *m)
{
    for (int k = 0; k < m->nslot; k++) {
        shape sh;
        eqi_model_ref_shape(m, k, &sh);
        m->slot[k].kind = sh.kind;
        m->slot[k].player = sh.player;
        m->slot[k].nchild = sh.nchild;
    }
}

/* Whether two decision, chance or stage nodes share a label, or lack
** one: see label_clash. */
static eq_status find_label_clash(parser *p)
{
    eq_model *m = p->m;
    eqi_map seen;
    memset(&seen, 0, sizeof seen);
    for (int u = 0; u < m->nnode && !m->label_clash; u++) {
        const mnode *x = &m->node[u];
        if (x->kind == MN_SWITCH || x->kind == MN_TERMINAL)
            continue;
        if (x->label == NULL || eqi_map_get(&seen, x->label) >= 0)
            m->label_clash = 1;
        else if (eqi_map_put(&seen, x->label, u) != 0) {
            eqi_map_free(&seen);
            return nomem(p);
        }
    }
    eqi_map_free(&seen);
    return EQ_OK;
}

eq_status eqi_model_check(parser *p)
{
    eq_model *m = p->m;
    eqi_loc first = { NULL, 0, 1 };
    eq_status s;
    if (m->n == 0)
        return eqi_parse_fail(p, &first, "the model declares no players (players A B ...)");
    if (m->nnode == 0)
        return eqi_parse_fail(p, &first, "the model declares no nodes");
    if ((s = resolve_names(p)) != EQ_OK || (s = check_graph(p)) != EQ_OK ||
        (s = find_label_clash(p)) != EQ_OK || (s = make_slots(p)) != EQ_OK)
        return s;
    slot_shapes(m);
    return EQ_OK;
}
