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

/* The string pool: blocks growing from 256 bytes to 64 KiB, so a small
** tree costs little and a large one makes few allocations, not one for
** every label and action name. */
#define STRBLK_MIN 256
#define STRBLK_MAX 65536

char *eqi_pool_str(eqi_strblk **pool, const char *s)
{
    size_t n = strlen(s) + 1;
    eqi_strblk *b = *pool;
    char *d;
    if (b == NULL || b->cap - b->used < n) {
        size_t cap = b == NULL ? STRBLK_MIN : b->cap < STRBLK_MAX ? 2 * b->cap : STRBLK_MAX;
        eqi_strblk *nb;
        if (cap < n)
            cap = n;
        if ((nb = malloc(sizeof *nb + cap)) == NULL)
            return NULL;
        nb->next = b;
        nb->used = 0;
        nb->cap = cap;
        *pool = b = nb;
    }
    d = b->text + b->used;
    memcpy(d, s, n);
    b->used += n;
    return d;
}

void eqi_pool_free(eqi_strblk **pool)
{
    while (*pool != NULL) {
        eqi_strblk *b = *pool;
        *pool = b->next;
        free(b);
    }
}

char *eqi_tree_str(eq_tree *t, const char *s) { return eqi_pool_str(&t->strs, s); }

/* Action or move a's name: names[a], else its number from 1, in the pool. */
static char *pool_name(eq_tree *t, const char *const *names, int a)
{
    char buf[24];
    if (names != NULL)
        return eqi_tree_str(t, names[a]);
    snprintf(buf, sizeof buf, "%d", a + 1);
    return eqi_tree_str(t, buf);
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
    v->cls = v->origin = v->tuple = -1;
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
    for (int h = 0; h < t->niset; h++) {
        free(t->iset[h].aname);
        free(t->iset[h].members);
    }
    eqi_pool_free(&t->strs);
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
    for (int c = 0; c < t->ncls; c++) {
        free(t->clsname[c]);
        free(t->clsdesc[c]);
    }
    free(t->clsname);
    free(t->clsdesc);
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
    if (actions != NULL) {
        int dup;
        for (int a = 0; a < nactions; a++)
            if (actions[a] == NULL)
                return eqi_error(t->errmsg, EQ_ERR_ARG, "action %d has no name", a);
        if ((dup = eqi_first_duplicate(actions, nactions)) == -2)
            return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
        if (dup >= 0)
            return eqi_error(t->errmsg, EQ_ERR_ARG, "duplicate action '%s'", actions[dup]);
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
    for (int a = 0; a < nactions; a++)
        if ((h->aname[a] = pool_name(t, actions, a)) == NULL)
            goto nomem;
    if (label != NULL && (h->label = eqi_tree_str(t, label)) == NULL)
        goto nomem;
    if (id != NULL)
        *id = t->niset;
    t->niset++;
    t->finished = 0;
    return EQ_OK;
nomem:
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
        t->cnames[base + a] = pool_name(t, actions, a);
        t->probs[base + a] = probs[a];
        if (t->cnames[base + a] == NULL)
            return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    if ((s = add_children(t, node, nactions)) != EQ_OK)
        return s;
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
    if (label == NULL) {
        t->node[node].label = NULL;
        return EQ_OK;
    }
    if ((t->node[node].label = eqi_tree_str(t, label)) == NULL)
        return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
    return EQ_OK;
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

/* Scratch arrays of eq_tree_finish, indexed by node unless noted. */
typedef struct {
    int n;          /* nodes */
    int *pre;       /* preorder number */
    int *size;      /* nodes in the subtree */
    int *order;     /* node at each preorder number */
    int *stack;     /* depth-first stack */
    int *lo, *hi;   /* preorder span of the sets meeting the subtree */
    int *ilo, *ihi; /* preorder span of each information set's members */
    int *lastset;   /* per node and player: set of the last own move, or -1 */
    int *lastact;   /* per node and player: action of the last own move */
} finish_ws;

/* Checks that every node is defined, every chance node's probabilities
** are a distribution, and every information set has a member. */
static eq_status finish_check_defined(eq_tree *t)
{
    char buf[160];

    for (int v = 0; v < t->nnode; v++) {
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
    return EQ_OK;
}

/* Frees the scratch arrays; w itself belongs to the caller. */
static void finish_ws_free(finish_ws *w)
{
    free(w->pre);
    free(w->size);
    free(w->order);
    free(w->stack);
    free(w->lo);
    free(w->hi);
    free(w->ilo);
    free(w->ihi);
    free(w->lastset);
    free(w->lastact);
}

/* Allocates the scratch arrays; on failure the caller still frees w. */
static eq_status finish_ws_alloc(eq_tree *t, finish_ws *w)
{
    size_t n = (size_t)t->nnode;

    w->n = t->nnode;
    w->pre = malloc(n * sizeof *w->pre);
    w->size = malloc(n * sizeof *w->size);
    w->order = malloc(n * sizeof *w->order);
    w->stack = malloc(n * sizeof *w->stack);
    w->lo = malloc(n * sizeof *w->lo);
    w->hi = malloc(n * sizeof *w->hi);
    w->ilo = malloc(((size_t)t->niset + 1) * sizeof *w->ilo);
    w->ihi = malloc(((size_t)t->niset + 1) * sizeof *w->ihi);
    w->lastset = malloc(n * (size_t)t->n * sizeof *w->lastset);
    w->lastact = malloc(n * (size_t)t->n * sizeof *w->lastact);
    if (!w->pre || !w->size || !w->order || !w->stack || !w->lo || !w->hi || !w->ilo ||
        !w->ihi || !w->lastset || !w->lastact)
        return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
    return EQ_OK;
}

/* Preorder numbering, and each node's last own move per player. */
static void finish_preorder(const eq_tree *t, finish_ws *w)
{
    int sp = 0, k = 0;
    size_t np = (size_t)t->n;

    w->stack[sp++] = 0;
    for (int p = 0; p < t->n; p++)
        w->lastset[p] = w->lastact[p] = -1;
    while (sp > 0) {
        int v = w->stack[--sp];
        const eqi_node *x = &t->node[v];
        w->pre[v] = k;
        w->order[k++] = v;
        for (int a = x->nchild - 1; a >= 0; a--) {
            int c = x->child0 + a;
            memcpy(w->lastset + (size_t)c * np, w->lastset + (size_t)v * np,
                   np * sizeof *w->lastset);
            memcpy(w->lastact + (size_t)c * np, w->lastact + (size_t)v * np,
                   np * sizeof *w->lastact);
            if (x->kind == EQ_NODE_DECISION) {
                w->lastset[(size_t)c * np + (size_t)x->player] = x->infoset;
                w->lastact[(size_t)c * np + (size_t)x->player] = a;
            }
            w->stack[sp++] = c;
        }
    }
}

/* Perfect recall: the members of each set share their player's last own
** move. */
static eq_status finish_check_recall(eq_tree *t, const finish_ws *w)
{
    char buf[160];
    size_t np = (size_t)t->n;

    for (int h = 0; h < t->niset; h++) {
        const eqi_infoset *I = &t->iset[h];
        size_t p = (size_t)I->player, v0 = (size_t)I->members[0];
        for (int k = 1; k < I->nmem; k++) {
            size_t v = (size_t)I->members[k];
            if (w->lastset[v * np + p] != w->lastset[v0 * np + p] ||
                w->lastact[v * np + p] != w->lastact[v0 * np + p])
                return eqi_error(t->errmsg, EQ_ERR_ARG,
                                 "information set %d%s%s%s breaks perfect recall: %s "
                                 "and node %d differ in what %s did before",
                                 h, I->label ? " ('" : "", I->label ? I->label : "",
                                 I->label ? "')" : "",
                                 node_name(t, (int)v0, buf, sizeof buf), (int)v,
                                 t->pname[p]);
        }
    }
    return EQ_OK;
}

/* Subtree sizes, bottom-up in reverse preorder, and the preorder span of
** each information set. */
static void finish_sizes(const eq_tree *t, finish_ws *w)
{
    for (int k = w->n - 1; k >= 0; k--) {
        int v = w->order[k];
        const eqi_node *x = &t->node[v];
        w->size[v] = 1;
        for (int a = 0; a < x->nchild; a++)
            w->size[v] += w->size[x->child0 + a];
    }
    for (int h = 0; h < t->niset; h++) {
        w->ilo[h] = w->n;
        w->ihi[h] = -1;
        for (int k = 0; k < t->iset[h].nmem; k++) {
            int q = w->pre[t->iset[h].members[k]];
            if (q < w->ilo[h]) w->ilo[h] = q;
            if (q > w->ihi[h]) w->ihi[h] = q;
        }
    }
}

/* Carries up the tree the preorder span of the sets meeting each subtree. */
static void finish_spans(const eq_tree *t, finish_ws *w)
{
    for (int k = w->n - 1; k >= 0; k--) {
        int v = w->order[k];
        const eqi_node *x = &t->node[v];
        w->lo[v] = w->n;
        w->hi[v] = -1;
        if (x->kind == EQ_NODE_DECISION) {
            w->lo[v] = w->ilo[x->infoset];
            w->hi[v] = w->ihi[x->infoset];
        }
        for (int a = 0; a < x->nchild; a++) {
            int c = x->child0 + a;
            if (w->lo[c] < w->lo[v]) w->lo[v] = w->lo[c];
            if (w->hi[c] > w->hi[v]) w->hi[v] = w->hi[c];
        }
    }
}

/* Lists the subgame roots: the nodes whose subtree holds every set it
** meets. */
static eq_status finish_subroots(eq_tree *t, const finish_ws *w)
{
    t->subroot = malloc((size_t)w->n * sizeof *t->subroot);
    if (t->subroot == NULL)
        return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
    /* In preorder, so the root comes first and a subgame precedes the
    ** subgames nested in it. */
    for (int k = 0; k < w->n; k++) {
        int v = w->order[k];
        if (v != 0 && t->node[v].kind == EQ_NODE_TERMINAL)
            continue;       /* the root is a subgame even when terminal */
        if (v == 0 || (w->lo[v] >= w->pre[v] && w->hi[v] < w->pre[v] + w->size[v]))
            t->subroot[t->nsub++] = v;
    }
    return EQ_OK;
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
/* Node v of t copied to node sv of st (tree.h).  The parts of the
** subgames spe solves, and a correlated stage's own tree, are built so. */
eq_status eqi_tree_copy_node(eq_tree *st, int sv, const eq_tree *t, int v, int *map,
                             int *added)
{
    const eqi_node *x = &t->node[v];
    eq_status s;
    *added = 0;
    if (x->kind == EQ_NODE_TERMINAL)
        return eq_tree_make_terminal(st, sv, t->pays + x->pay0);
    if (x->kind == EQ_NODE_CHANCE)
        return eq_tree_make_chance(st, sv, x->nchild,
                                   (const char *const *)(t->cnames + x->aname0),
                                   t->probs + x->prob0);
    if (map[x->infoset] < 0) {
        const eqi_infoset *I = &t->iset[x->infoset];
        s = eq_tree_add_infoset(st, I->player, I->nact, (const char *const *)I->aname, NULL,
                                &map[x->infoset]);
        if (s != EQ_OK)
            return s;
        *added = 1;
    }
    return eq_tree_make_decision(st, sv, map[x->infoset]);
}

eq_status eq_tree_finish(eq_tree *t)
{
    finish_ws w = {0};
    eq_status s;

    if (t == NULL)
        return EQ_ERR_ARG;
    if ((s = finish_check_defined(t)) != EQ_OK)
        return s;
    if ((s = finish_ws_alloc(t, &w)) != EQ_OK)
        goto done;
    finish_preorder(t, &w);
    if ((s = finish_check_recall(t, &w)) != EQ_OK)
        goto done;
    finish_sizes(t, &w);
    free(t->subroot);
    t->subroot = NULL;
    t->nsub = 0;
    finish_spans(t, &w);
    if ((s = finish_subroots(t, &w)) != EQ_OK)
        goto done;
    t->finished = 1;
done:
    finish_ws_free(&w);
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
