/*
** tree.c -- the extensive-form game: building a tree node by node,
** checking it, and finding its subgames.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"

static char *number_name(int i)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%d", i + 1);
    return eqi_strdup(buf);
}

/* Append one open node; returns its index or -1. */
static int new_node(eq_tree *t, int parent, int move)
{
    eqi_node *v;
    if (eqi_grow(&t->node, &t->capnode, (size_t)(t->nnode + 1), sizeof *t->node))
        return -1;
    v = &t->node[t->nnode];
    memset(v, 0, sizeof *v);
    v->kind = EQ_NODE_OPEN;
    v->player = v->infoset = -1;
    v->parent = parent;
    v->move = move;
    v->child0 = -1;
    v->prob0 = v->aname0 = v->pay0 = -1;
    v->depth = parent < 0 ? 0 : t->node[parent].depth + 1;
    return t->nnode++;
}

eq_status eq_tree_new(eq_tree **out, int nplayers)
{
    eq_tree *t;
    if (out == NULL)
        return EQ_ERR_ARG;
    *out = NULL;
    if (nplayers < 1 || nplayers > EQ_MAX_PLAYERS)
        return EQ_ERR_ARG;
    if ((t = calloc(1, sizeof *t)) == NULL)
        return EQ_ERR_NOMEM;
    t->n = nplayers;
    t->title = eqi_strdup("");
    t->pname = calloc((size_t)nplayers, sizeof *t->pname);
    if (t->title == NULL || t->pname == NULL)
        goto nomem;
    for (int p = 0; p < nplayers; p++)
        if ((t->pname[p] = number_name(p)) == NULL)
            goto nomem;
    if (new_node(t, -1, -1) != 0)
        goto nomem;
    *out = t;
    return EQ_OK;
nomem:
    eq_tree_free(t);
    return EQ_ERR_NOMEM;
}

void eq_tree_free(eq_tree *t)
{
    if (t == NULL)
        return;
    for (int v = 0; v < t->nnode; v++)
        free(t->node[v].label);
    for (int h = 0; h < t->niset; h++) {
        for (int a = 0; a < t->iset[h].nact; a++)
            free(t->iset[h].aname[a]);
        free(t->iset[h].aname);
        free(t->iset[h].label);
        free(t->iset[h].members);
    }
    for (int i = 0; i < t->nprobs; i++)
        free(t->cnames[i]);
    if (t->pname != NULL)
        for (int p = 0; p < t->n; p++)
            free(t->pname[p]);
    free(t->pname);
    free(t->title);
    free(t->node);
    free(t->iset);
    free(t->probs);
    free(t->cnames);
    free(t->pays);
    free(t->subroot);
    free(t);
}

const char *eq_tree_errmsg(const eq_tree *t) { return t ? t->errmsg : ""; }

static eq_status replace(eq_tree *t, char **slot, const char *s)
{
    char *d = s ? eqi_strdup(s) : NULL;
    if (s != NULL && d == NULL)
        return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
    free(*slot);
    *slot = d;
    return EQ_OK;
}

eq_status eq_tree_set_title(eq_tree *t, const char *title)
{
    if (t == NULL || title == NULL)
        return EQ_ERR_ARG;
    return replace(t, &t->title, title);
}

eq_status eq_tree_set_player_name(eq_tree *t, int p, const char *name)
{
    if (t == NULL)
        return EQ_ERR_ARG;
    if (p < 0 || p >= t->n || name == NULL)
        return eqi_error(t->errmsg, EQ_ERR_ARG, "no player %d", p);
    return replace(t, &t->pname[p], name);
}

const char *eq_tree_title(const eq_tree *t) { return t ? t->title : NULL; }
int eq_tree_players(const eq_tree *t) { return t ? t->n : 0; }

const char *eq_tree_player_name(const eq_tree *t, int p)
{
    return (t && p >= 0 && p < t->n) ? t->pname[p] : NULL;
}

eq_status eq_tree_add_infoset(eq_tree *t, int p, int nactions,
                              const char *const *actions, const char *label,
                              int *id)
{
    eqi_infoset *h;
    if (t == NULL)
        return EQ_ERR_ARG;
    if (p < 0 || p >= t->n)
        return eqi_error(t->errmsg, EQ_ERR_ARG, "no player %d", p);
    if (nactions < 1)
        return eqi_error(t->errmsg, EQ_ERR_ARG,
                         "an information set needs at least one action");
    if (actions != NULL)
        for (int a = 0; a < nactions; a++) {
            if (actions[a] == NULL)
                return eqi_error(t->errmsg, EQ_ERR_ARG, "action %d has no name", a);
            for (int b = 0; b < a; b++)
                if (strcmp(actions[a], actions[b]) == 0)
                    return eqi_error(t->errmsg, EQ_ERR_ARG,
                                     "duplicate action '%s'", actions[a]);
        }
    if (eqi_grow(&t->iset, &t->capiset, (size_t)(t->niset + 1), sizeof *t->iset))
        return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
    h = &t->iset[t->niset];
    memset(h, 0, sizeof *h);
    h->player = p;
    h->nact = nactions;
    h->aname = calloc((size_t)nactions, sizeof *h->aname);
    if (h->aname == NULL)
        return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
    for (int a = 0; a < nactions; a++) {
        h->aname[a] = actions ? eqi_strdup(actions[a]) : number_name(a);
        if (h->aname[a] == NULL)
            goto nomem;
    }
    if (label != NULL && (h->label = eqi_strdup(label)) == NULL)
        goto nomem;
    if (id != NULL)
        *id = t->niset;
    t->niset++;
    t->finished = 0;
    return EQ_OK;
nomem:
    for (int a = 0; a < nactions; a++)
        free(h->aname[a]);
    free(h->aname);
    return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
}

static eq_status check_open(eq_tree *t, int node)
{
    if (node < 0 || node >= t->nnode)
        return eqi_error(t->errmsg, EQ_ERR_ARG, "no node %d", node);
    if (t->node[node].kind != EQ_NODE_OPEN)
        return eqi_error(t->errmsg, EQ_ERR_ARG, "node %d is already defined", node);
    return EQ_OK;
}

/* Create nchild open children of node. */
static eq_status add_children(eq_tree *t, int node, int nchild)
{
    int first = t->nnode;
    if (eqi_grow(&t->node, &t->capnode, (size_t)(t->nnode + nchild), sizeof *t->node))
        return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
    for (int a = 0; a < nchild; a++)
        new_node(t, node, a);
    t->node[node].child0 = first;
    t->node[node].nchild = nchild;
    return EQ_OK;
}

eq_status eq_tree_make_decision(eq_tree *t, int node, int infoset)
{
    eq_status s;
    eqi_infoset *h;
    if (t == NULL)
        return EQ_ERR_ARG;
    if ((s = check_open(t, node)) != EQ_OK)
        return s;
    if (infoset < 0 || infoset >= t->niset)
        return eqi_error(t->errmsg, EQ_ERR_ARG, "no information set %d", infoset);
    h = &t->iset[infoset];
    if (eqi_grow(&h->members, &h->capmem, (size_t)(h->nmem + 1), sizeof *h->members))
        return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
    if ((s = add_children(t, node, h->nact)) != EQ_OK)
        return s;
    h->members[h->nmem++] = node;
    t->node[node].kind = EQ_NODE_DECISION;
    t->node[node].player = h->player;
    t->node[node].infoset = infoset;
    t->finished = 0;
    return EQ_OK;
}

eq_status eq_tree_make_chance(eq_tree *t, int node, int nactions,
                              const char *const *actions, const double *probs)
{
    eq_status s;
    int base;
    if (t == NULL)
        return EQ_ERR_ARG;
    if ((s = check_open(t, node)) != EQ_OK)
        return s;
    if (nactions < 1 || probs == NULL)
        return eqi_error(t->errmsg, EQ_ERR_ARG, "a chance node needs moves and probabilities");
    if (eqi_grow(&t->probs, &t->capprobs, (size_t)(t->nprobs + nactions), sizeof *t->probs))
        return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
    /* cnames grows in step with probs. */
    if (eqi_resize(&t->cnames, t->capprobs, sizeof *t->cnames) != 0)
        return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
    base = t->nprobs;
    for (int a = 0; a < nactions; a++) {
        const char *nm = actions ? actions[a] : NULL;
        t->cnames[base + a] = nm ? eqi_strdup(nm) : number_name(a);
        t->probs[base + a] = probs[a];
        if (t->cnames[base + a] == NULL) {
            for (int b = 0; b < a; b++)
                free(t->cnames[base + b]);
            return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
        }
    }
    if ((s = add_children(t, node, nactions)) != EQ_OK) {
        for (int a = 0; a < nactions; a++)
            free(t->cnames[base + a]);
        return s;
    }
    t->nprobs += nactions;
    t->node[node].kind = EQ_NODE_CHANCE;
    t->node[node].prob0 = base;
    t->node[node].aname0 = base;
    t->finished = 0;
    return EQ_OK;
}

eq_status eq_tree_make_terminal(eq_tree *t, int node, const double *payoffs)
{
    eq_status s;
    if (t == NULL)
        return EQ_ERR_ARG;
    if ((s = check_open(t, node)) != EQ_OK)
        return s;
    if (payoffs == NULL)
        return eqi_error(t->errmsg, EQ_ERR_ARG, "payoffs are NULL");
    for (int p = 0; p < t->n; p++)
        if (!isfinite(payoffs[p]))
            return eqi_error(t->errmsg, EQ_ERR_ARG,
                             "payoff of player %d at node %d is not finite", p + 1, node);
    if (eqi_grow(&t->pays, &t->cappays, (size_t)(t->npays + t->n), sizeof *t->pays))
        return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
    memcpy(t->pays + t->npays, payoffs, (size_t)t->n * sizeof *payoffs);
    t->node[node].pay0 = t->npays;
    t->npays += t->n;
    t->node[node].kind = EQ_NODE_TERMINAL;
    t->finished = 0;
    return EQ_OK;
}

eq_status eq_tree_set_node_label(eq_tree *t, int node, const char *label)
{
    if (t == NULL)
        return EQ_ERR_ARG;
    if (node < 0 || node >= t->nnode)
        return eqi_error(t->errmsg, EQ_ERR_ARG, "no node %d", node);
    return replace(t, &t->node[node].label, label);
}

eq_status eq_tree_set_payoffs(eq_tree *t, int node, const double *payoffs)
{
    if (t == NULL)
        return EQ_ERR_ARG;
    if (node < 0 || node >= t->nnode || t->node[node].kind != EQ_NODE_TERMINAL ||
        payoffs == NULL)
        return eqi_error(t->errmsg, EQ_ERR_ARG, "node %d is not terminal", node);
    for (int p = 0; p < t->n; p++)
        if (!isfinite(payoffs[p]))
            return eqi_error(t->errmsg, EQ_ERR_ARG,
                             "payoff of player %d at node %d is not finite", p + 1, node);
    memcpy(t->pays + t->node[node].pay0, payoffs, (size_t)t->n * sizeof *payoffs);
    return EQ_OK;
}

/* Whether probabilities p[0..k) lie in [0, 1] and sum to 1. */
static int valid_probs(const double *p, int k)
{
    double sum = 0.0;
    for (int a = 0; a < k; a++) {
        if (!(p[a] >= 0.0 && p[a] <= 1.0))
            return 0;
        sum += p[a];
    }
    return fabs(sum - 1.0) <= 1e-9;
}

eq_status eq_tree_set_chance_probs(eq_tree *t, int node, const double *probs)
{
    const eqi_node *v;
    if (t == NULL)
        return EQ_ERR_ARG;
    if (node < 0 || node >= t->nnode || t->node[node].kind != EQ_NODE_CHANCE ||
        probs == NULL)
        return eqi_error(t->errmsg, EQ_ERR_ARG, "node %d is not a chance node", node);
    v = &t->node[node];
    if (t->finished && !valid_probs(probs, v->nchild))
        return eqi_error(t->errmsg, EQ_ERR_ARG,
                         "probabilities at node %d must lie in [0, 1] and sum to 1",
                         node);
    memcpy(t->probs + v->prob0, probs, (size_t)v->nchild * sizeof *probs);
    return EQ_OK;
}

/* A node's name for messages: its label, or its number. */
static const char *node_name(const eq_tree *t, int v, char *buf, size_t len)
{
    if (t->node[v].label != NULL && t->node[v].label[0] != '\0')
        snprintf(buf, len, "node %d ('%s')", v, t->node[v].label);
    else
        snprintf(buf, len, "node %d", v);
    return buf;
}

/*
** Check the tree and find its subgames.
**
** Perfect recall: every node of an information set of player p must carry
** the same last own move of p -- the (information set, action) p last
** chose on the path from the root, or none.  Induction on the earlier
** sets then gives identical own histories (Kuhn 1953).
**
** Subgames: with the nodes numbered in depth-first preorder, subtree(v)
** is the interval [pre(v), pre(v) + size(v)).  v roots a subgame when
** every information set meeting subtree(v) lies inside that interval: so
** we carry up the tree the smallest and largest preorder number of any
** member of any information set that meets the subtree.
*/
eq_status eq_tree_finish(eq_tree *t)
{
    int n, *pre = NULL, *size = NULL, *order = NULL, *stack = NULL;
    int *lo = NULL, *hi = NULL, *ilo = NULL, *ihi = NULL;
    int *lastset = NULL, *lastact = NULL;
    char buf[160];
    eq_status s = EQ_OK;

    if (t == NULL)
        return EQ_ERR_ARG;
    n = t->nnode;
    for (int v = 0; v < n; v++) {
        const eqi_node *x = &t->node[v];
        if (x->kind == EQ_NODE_OPEN)
            return eqi_error(t->errmsg, EQ_ERR_ARG, "%s is not defined",
                             node_name(t, v, buf, sizeof buf));
        if (x->kind == EQ_NODE_CHANCE && !valid_probs(t->probs + x->prob0, x->nchild))
            return eqi_error(t->errmsg, EQ_ERR_ARG,
                             "probabilities at chance %s must lie in [0, 1] and sum to 1",
                             node_name(t, v, buf, sizeof buf));
    }
    for (int h = 0; h < t->niset; h++)
        if (t->iset[h].nmem == 0)
            return eqi_error(t->errmsg, EQ_ERR_ARG,
                             "information set %d%s%s%s has no node", h,
                             t->iset[h].label ? " ('" : "",
                             t->iset[h].label ? t->iset[h].label : "",
                             t->iset[h].label ? "')" : "");
    pre = malloc((size_t)n * sizeof *pre);
    size = malloc((size_t)n * sizeof *size);
    order = malloc((size_t)n * sizeof *order);
    stack = malloc((size_t)n * sizeof *stack);
    lo = malloc((size_t)n * sizeof *lo);
    hi = malloc((size_t)n * sizeof *hi);
    ilo = malloc(((size_t)t->niset + 1) * sizeof *ilo);
    ihi = malloc(((size_t)t->niset + 1) * sizeof *ihi);
    lastset = malloc((size_t)n * (size_t)t->n * sizeof *lastset);
    lastact = malloc((size_t)n * (size_t)t->n * sizeof *lastact);
    if (!pre || !size || !order || !stack || !lo || !hi || !ilo || !ihi ||
        !lastset || !lastact) {
        s = eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* Preorder numbering, and each node's last own move per player. */
    {
        int sp = 0, k = 0;
        stack[sp++] = 0;
        for (int p = 0; p < t->n; p++)
            lastset[p] = lastact[p] = -1;
        while (sp > 0) {
            int v = stack[--sp];
            const eqi_node *x = &t->node[v];
            pre[v] = k;
            order[k++] = v;
            for (int a = x->nchild - 1; a >= 0; a--) {
                int c = x->child0 + a;
                memcpy(lastset + (size_t)c * (size_t)t->n,
                       lastset + (size_t)v * (size_t)t->n, (size_t)t->n * sizeof *lastset);
                memcpy(lastact + (size_t)c * (size_t)t->n,
                       lastact + (size_t)v * (size_t)t->n, (size_t)t->n * sizeof *lastact);
                if (x->kind == EQ_NODE_DECISION) {
                    lastset[(size_t)c * (size_t)t->n + (size_t)x->player] = x->infoset;
                    lastact[(size_t)c * (size_t)t->n + (size_t)x->player] = a;
                }
                stack[sp++] = c;
            }
        }
    }
    /* Perfect recall. */
    for (int h = 0; h < t->niset; h++) {
        const eqi_infoset *I = &t->iset[h];
        size_t p = (size_t)I->player, v0 = (size_t)I->members[0];
        for (int k = 1; k < I->nmem; k++) {
            size_t v = (size_t)I->members[k];
            if (lastset[v * (size_t)t->n + p] != lastset[v0 * (size_t)t->n + p] ||
                lastact[v * (size_t)t->n + p] != lastact[v0 * (size_t)t->n + p]) {
                s = eqi_error(t->errmsg, EQ_ERR_ARG,
                              "information set %d%s%s%s breaks perfect recall: %s "
                              "and node %d differ in what %s did before",
                              h, I->label ? " ('" : "", I->label ? I->label : "",
                              I->label ? "')" : "",
                              node_name(t, (int)v0, buf, sizeof buf), (int)v,
                              t->pname[p]);
                goto done;
            }
        }
    }
    /* Subtree sizes, bottom-up in reverse preorder. */
    for (int k = n - 1; k >= 0; k--) {
        int v = order[k];
        const eqi_node *x = &t->node[v];
        size[v] = 1;
        for (int a = 0; a < x->nchild; a++)
            size[v] += size[x->child0 + a];
    }
    for (int h = 0; h < t->niset; h++) {
        ilo[h] = n;
        ihi[h] = -1;
        for (int k = 0; k < t->iset[h].nmem; k++) {
            int q = pre[t->iset[h].members[k]];
            if (q < ilo[h]) ilo[h] = q;
            if (q > ihi[h]) ihi[h] = q;
        }
    }
    free(t->subroot);
    t->subroot = NULL;
    t->nsub = 0;
    for (int k = n - 1; k >= 0; k--) {
        int v = order[k];
        const eqi_node *x = &t->node[v];
        lo[v] = n;
        hi[v] = -1;
        if (x->kind == EQ_NODE_DECISION) {
            lo[v] = ilo[x->infoset];
            hi[v] = ihi[x->infoset];
        }
        for (int a = 0; a < x->nchild; a++) {
            int c = x->child0 + a;
            if (lo[c] < lo[v]) lo[v] = lo[c];
            if (hi[c] > hi[v]) hi[v] = hi[c];
        }
    }
    t->subroot = malloc((size_t)n * sizeof *t->subroot);
    if (t->subroot == NULL) {
        s = eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* In preorder, so the root comes first and a subgame precedes the
    ** subgames nested in it. */
    for (int k = 0; k < n; k++) {
        int v = order[k];
        if (v != 0 && t->node[v].kind == EQ_NODE_TERMINAL)
            continue;       /* the root is a subgame even when terminal */
        if (v == 0 || (lo[v] >= pre[v] && hi[v] < pre[v] + size[v]))
            t->subroot[t->nsub++] = v;
    }
    t->finished = 1;
done:
    free(pre);
    free(size);
    free(order);
    free(stack);
    free(lo);
    free(hi);
    free(ilo);
    free(ihi);
    free(lastset);
    free(lastact);
    return s;
}

/* ---- accessors ------------------------------------------------------ */

#define NODE_OK(t, v) ((t) != NULL && (v) >= 0 && (v) < (t)->nnode)
#define ISET_OK(t, h) ((t) != NULL && (h) >= 0 && (h) < (t)->niset)

int eq_tree_nodes(const eq_tree *t) { return t ? t->nnode : 0; }

eq_node_kind eq_tree_node_kind(const eq_tree *t, int v)
{
    return NODE_OK(t, v) ? t->node[v].kind : EQ_NODE_OPEN;
}

int eq_tree_node_player(const eq_tree *t, int v) { return NODE_OK(t, v) ? t->node[v].player : -1; }
int eq_tree_node_infoset(const eq_tree *t, int v) { return NODE_OK(t, v) ? t->node[v].infoset : -1; }
int eq_tree_node_parent(const eq_tree *t, int v) { return NODE_OK(t, v) ? t->node[v].parent : -1; }
int eq_tree_node_move(const eq_tree *t, int v) { return NODE_OK(t, v) ? t->node[v].move : -1; }
int eq_tree_node_children(const eq_tree *t, int v) { return NODE_OK(t, v) ? t->node[v].nchild : 0; }

int eq_tree_child(const eq_tree *t, int v, int a)
{
    if (!NODE_OK(t, v) || a < 0 || a >= t->node[v].nchild)
        return -1;
    return t->node[v].child0 + a;
}

const char *eq_tree_node_label(const eq_tree *t, int v)
{
    return NODE_OK(t, v) ? t->node[v].label : NULL;
}

const char *eqi_tree_action_name(const eq_tree *t, int v, int a)
{
    const eqi_node *x;
    if (!NODE_OK(t, v) || a < 0 || a >= t->node[v].nchild)
        return NULL;
    x = &t->node[v];
    if (x->kind == EQ_NODE_DECISION)
        return t->iset[x->infoset].aname[a];
    if (x->kind == EQ_NODE_CHANCE)
        return t->cnames[x->aname0 + a];
    return NULL;
}

const char *eq_tree_node_action_name(const eq_tree *t, int v, int a)
{
    return eqi_tree_action_name(t, v, a);
}

double eq_tree_chance_prob(const eq_tree *t, int v, int a)
{
    if (!NODE_OK(t, v) || t->node[v].kind != EQ_NODE_CHANCE || a < 0 ||
        a >= t->node[v].nchild)
        return 0.0;
    return t->probs[t->node[v].prob0 + a];
}

double eq_tree_payoff(const eq_tree *t, int v, int p)
{
    if (!NODE_OK(t, v) || t->node[v].kind != EQ_NODE_TERMINAL || p < 0 || p >= t->n)
        return 0.0;
    return t->pays[t->node[v].pay0 + p];
}

int eq_tree_infosets(const eq_tree *t) { return t ? t->niset : 0; }
int eq_tree_infoset_player(const eq_tree *t, int h) { return ISET_OK(t, h) ? t->iset[h].player : -1; }
int eq_tree_infoset_actions(const eq_tree *t, int h) { return ISET_OK(t, h) ? t->iset[h].nact : 0; }

const char *eq_tree_infoset_action_name(const eq_tree *t, int h, int a)
{
    if (!ISET_OK(t, h) || a < 0 || a >= t->iset[h].nact)
        return NULL;
    return t->iset[h].aname[a];
}

const char *eq_tree_infoset_label(const eq_tree *t, int h)
{
    return ISET_OK(t, h) ? t->iset[h].label : NULL;
}

int eq_tree_infoset_members(const eq_tree *t, int h) { return ISET_OK(t, h) ? t->iset[h].nmem : 0; }

int eq_tree_infoset_member(const eq_tree *t, int h, int k)
{
    if (!ISET_OK(t, h) || k < 0 || k >= t->iset[h].nmem)
        return -1;
    return t->iset[h].members[k];
}

int eq_tree_subgames(const eq_tree *t) { return (t && t->finished) ? t->nsub : 0; }

int eq_tree_subgame_root(const eq_tree *t, int k)
{
    if (t == NULL || !t->finished || k < 0 || k >= t->nsub)
        return -1;
    return t->subroot[k];
}
