/*
** tresult.c -- what solving a tree returns: behaviour profiles, each with
** its reach probabilities, payoffs and certificate computed afresh from
** the tree, and the lists of profiles spe collects for a stage.
**
** The certificate of a behaviour profile b is its max regret
**     max_p ( BR_p(b_-p) - U_p(b) ),
** the largest gain any player gets by changing their whole behaviour
** strategy.  BR_p is computed by backward induction over p's information
** sets in the sequence form: see evaluate().
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beliefs.h"

eq_tree_result *eqi_tree_result_new(const eq_tree *t, eq_method m)
{
    eq_tree_result *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->method = m;
    r->sol = EQ_SOL_NONE;
    if (t != NULL) {
        r->n = t->n;
        r->niset = t->niset;
        r->nnode = t->nnode;
    }
    r->off = malloc(((size_t)r->niset + 1) * sizeof *r->off);
    if (r->off == NULL) {
        free(r);
        return NULL;
    }
    r->off[0] = 0;
    for (int h = 0; h < r->niset; h++)
        r->off[h + 1] = r->off[h] + t->iset[h].nact;
    r->tot = r->off[r->niset];
    return r;
}

void eq_tree_result_free(eq_tree_result *r)
{
    if (r == NULL)
        return;
    free(r->off);
    free(r->beh);
    free(r->reach);
    free(r->pay);
    free(r->regret);
    for (int i = 0; i < r->nstage; i++)
        eqi_stage_free(&r->stage[i]);
    free(r->stage);
    free(r->sfirst);
    free(r->nst);
    eqi_result_beliefs_free(r);
    free(r);
}

/* The probability of move a at the non-terminal node u: the chance
** probability, or the behaviour probability at u's information set. */
static double move_prob(const eq_tree *t, const double *const *beh, int u, int a)
{
    const eqi_node *x = &t->node[u];
    if (x->kind == EQ_NODE_CHANCE)
        return t->probs[x->prob0 + a];
    return beh[x->infoset][a];
}

/*
** Evaluate the behaviour profile beh on the finished tree t: the reach
** probability of every node (into reach, when not NULL), each player's
** expected payoff (into payoffs, when not NULL) and the max regret.
**
**   reach(v) = product over the moves on the path to v of their
**              probabilities (chance, or the mover's behaviour);
**   U_p      = sum over terminals z of reach(z) u_p(z).
**
** Best response of p to the others' behaviour b_-p, in sequence form.
** Let rho_-p(v) be the product of the chance and the other players'
** probabilities on the path to v (p's own moves left out), and seq_p(v)
** the last (set, action) pair of p on that path, or the empty sequence.
** A pure plan of p reaching terminal z earns rho_-p(z) u_p(z), so with
**
**   val(h, a) = sum_{z : seq_p(z) = (h, a)} rho_-p(z) u_p(z)
**             + sum_{h' hanging below (h, a)} max_a' val(h', a')
**
** the best-response value is BR_p = val(empty) computed the same way
** (terminals with no move of p, plus the best value of each root set).
** val(h, a) equals the sum over h's member nodes v of the reach-weighted
** value below child(v, a), so the max over a picks the action that
** maximises sum_{v in h} rho_-p(v) * (value below v after a); by perfect
** recall the choice at h interacts with no other set of p at the same
** depth of the forest.  A set is processed after every set hanging below
** it: a set's smallest member index is larger than its parent set's
** (each member has an ancestor in the parent set, and children are
** numbered after their parents), so decreasing smallest index will do.
** Cost O(n * nodes).
*/
static eq_status evaluate(const eq_tree *t, const double *const *beh,
                          double *reach, double *payoffs, double *regret)
{
    size_t nn = (size_t)t->nnode, ni = (size_t)t->niset;
    int *off = malloc((ni + 1) * sizeof *off);
    int *first = malloc((ni + 1) * sizeof *first);
    int *seq = malloc(nn * sizeof *seq);
    double *rho = malloc(nn * sizeof *rho);
    double *rch = reach ? reach : malloc(nn * sizeof *rch);
    double *val = NULL, cur[EQ_MAX_PLAYERS], worst = 0.0;

    if (off == NULL || first == NULL || seq == NULL || rho == NULL || rch == NULL)
        goto nomem;
    off[0] = 0;
    for (size_t h = 0; h < ni; h++) {
        const eqi_infoset *I = &t->iset[h];
        off[h + 1] = off[h] + I->nact;
        first[h] = I->members[0];
        for (int k = 1; k < I->nmem; k++)
            if (I->members[k] < first[h])
                first[h] = I->members[k];
    }
    if ((val = malloc(((size_t)off[ni] + 1) * sizeof *val)) == NULL)
        goto nomem;

    /* reach(v), in index order: parents come before children. */
    rch[0] = 1.0;
    for (size_t v = 1; v < nn; v++) {
        int u = t->node[v].parent;
        rch[v] = rch[u] * move_prob(t, beh, u, t->node[v].move);
    }
    for (int p = 0; p < t->n; p++)
        cur[p] = 0.0;
    for (size_t v = 0; v < nn; v++)
        if (t->node[v].kind == EQ_NODE_TERMINAL)
            for (int p = 0; p < t->n; p++)
                cur[p] += rch[v] * t->pays[t->node[v].pay0 + p];

    for (int p = 0; p < t->n; p++) {
        int empty = off[ni]; /* val[empty]: the empty sequence */
        rho[0] = 1.0;
        seq[0] = -1;
        for (size_t v = 1; v < nn; v++) {
            int u = t->node[v].parent, a = t->node[v].move;
            const eqi_node *x = &t->node[u];
            if (x->kind == EQ_NODE_DECISION && x->player == p) {
                rho[v] = rho[u];
                seq[v] = off[x->infoset] + a;
            } else {
                rho[v] = rho[u] * move_prob(t, beh, u, a);
                seq[v] = seq[u];
            }
        }
        for (int i = 0; i <= empty; i++)
            val[i] = 0.0;
        for (size_t v = 0; v < nn; v++)
            if (t->node[v].kind == EQ_NODE_TERMINAL)
                val[seq[v] < 0 ? empty : seq[v]] +=
                    rho[v] * t->pays[t->node[v].pay0 + p];
        for (size_t v = nn; v-- > 0;) {
            const eqi_node *x = &t->node[v];
            int h = x->infoset;
            double best;
            if (x->kind != EQ_NODE_DECISION || x->player != p || first[h] != (int)v)
                continue;
            best = val[off[h]];
            for (int a = 1; a < t->iset[h].nact; a++)
                if (val[off[h] + a] > best)
                    best = val[off[h] + a];
            /* Every member shares the parent sequence (perfect recall). */
            val[seq[v] < 0 ? empty : seq[v]] += best;
        }
        if (val[empty] - cur[p] > worst)
            worst = val[empty] - cur[p];
    }
    if (payoffs != NULL)
        for (int p = 0; p < t->n; p++)
            payoffs[p] = cur[p];
    *regret = worst;
    free(off);
    free(first);
    free(seq);
    free(rho);
    if (rch != reach)
        free(rch);
    free(val);
    return EQ_OK;
nomem:
    free(off);
    free(first);
    free(seq);
    free(rho);
    if (rch != reach)
        free(rch);
    free(val);
    return EQ_ERR_NOMEM;
}

eq_status eq_tree_regret(const eq_tree *t, const double *const *beh,
                         double *regret, double *payoffs)
{
    if (t == NULL || beh == NULL || regret == NULL || !t->finished)
        return EQ_ERR_ARG;
    for (int h = 0; h < t->niset; h++) {
        double s = 0.0;
        if (beh[h] == NULL)
            return EQ_ERR_ARG;
        for (int a = 0; a < t->iset[h].nact; a++) {
            if (!(beh[h][a] >= -1e-9))
                return EQ_ERR_ARG;
            s += beh[h][a];
        }
        if (!(fabs(s - 1.0) <= 1e-9))
            return EQ_ERR_ARG;
    }
    return evaluate(t, beh, NULL, payoffs, regret);
}

/* Make room for one more profile.  Returns 0 or -1. */
static int grow(eq_tree_result *r)
{
    size_t cap;
    if ((size_t)r->count < r->cap)
        return 0;
    if ((cap = eqi_grow_cap(r->cap, r->cap + 1)) == 0 || cap > (size_t)1 << 28 ||
        eqi_resize(&r->beh, cap * ((size_t)r->tot + 1), sizeof *r->beh) ||
        eqi_resize(&r->reach, cap * (size_t)r->nnode, sizeof *r->reach) ||
        eqi_resize(&r->pay, cap * ((size_t)r->n + 1), sizeof *r->pay) ||
        eqi_resize(&r->regret, cap, sizeof *r->regret) ||
        eqi_resize(&r->sfirst, cap, sizeof *r->sfirst) ||
        eqi_resize(&r->nst, cap, sizeof *r->nst))
        return -1;
    r->cap = cap;
    return 0;
}

int eqi_tree_result_add(eq_tree_result *r, const eq_tree *t, const double *beh)
{
    const double **ptr;
    size_t k;
    eq_status s;
    if (grow(r) != 0) {
        eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        return -1;
    }
    ptr = malloc(((size_t)r->niset + 1) * sizeof *ptr);
    if (ptr == NULL) {
        eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        return -1;
    }
    k = (size_t)r->count;
    memcpy(r->beh + k * (size_t)r->tot, beh, (size_t)r->tot * sizeof *beh);
    for (int h = 0; h < r->niset; h++)
        ptr[h] = r->beh + k * (size_t)r->tot + r->off[h];
    s = evaluate(t, ptr, r->reach + k * (size_t)r->nnode,
                 r->pay + k * (size_t)r->n, &r->regret[k]);
    free(ptr);
    if (s != EQ_OK || eqi_result_beliefs_add(r, t, (int)k) != 0) {
        eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        return -1;
    }
    r->sfirst[k] = r->nstage;
    r->nst[k] = 0;
    r->count++;
    r->sol = EQ_SOL_FOUND;
    return (int)k;
}

eq_status eqi_tree_result_add_stages(eq_tree_result *r, const eq_tree *t,
                                     const double *beh, const eqi_stage *g, int ng)
{
    size_t k;
    eq_status s;
    if (grow(r) != 0 ||
        eqi_grow(&r->stage, &r->capstage, (size_t)(r->nstage + ng), sizeof *r->stage))
        goto nomem;
    k = (size_t)r->count;
    memcpy(r->beh + k * (size_t)r->tot, beh, (size_t)r->tot * sizeof *beh);
    s = eqi_stage_evaluate(t, beh, r->off, g, ng, r->coarse,
                           r->reach + k * (size_t)r->nnode,
                           r->pay + k * (size_t)r->n, &r->regret[k]);
    if (s != EQ_OK)
        return eqi_error(r->errmsg, s, s == EQ_ERR_NOMEM ? "out of memory"
                         : "a player has more than 1048576 plans at a correlated "
                           "stage (STAGE_MAX_PLANS), too many to compute the "
                           "certificate");
    if (eqi_result_beliefs_add(r, t, (int)k) != 0)
        goto nomem;
    r->sfirst[k] = r->nstage;
    r->nst[k] = 0;
    for (int j = 0; j < ng; j++) {
        if (eqi_stage_copy(&r->stage[r->nstage], &g[j]) != 0)
            goto nomem;   /* the stages copied so far stay owned by r */
        r->nstage++;
        r->nst[k]++;
    }
    r->count++;
    r->sol = EQ_SOL_FOUND;
    return EQ_OK;
nomem:
    return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
}

const char *eq_tree_result_errmsg(const eq_tree_result *r) { return r ? r->errmsg : ""; }
eq_solution eq_tree_result_solution(const eq_tree_result *r) { return r ? r->sol : EQ_SOL_NONE; }
eq_method eq_tree_result_method(const eq_tree_result *r) { return r ? r->method : EQ_METHOD_SPE; }
int eq_tree_result_count(const eq_tree_result *r) { return r ? r->count : 0; }
const char *eq_tree_result_selection(const eq_tree_result *r) { return r ? r->selection : ""; }

const double *eq_tree_result_behaviour(const eq_tree_result *r, int k, int h)
{
    if (r == NULL || k < 0 || k >= r->count || h < 0 || h >= r->niset)
        return NULL;
    return r->beh + (size_t)k * (size_t)r->tot + r->off[h];
}

double eq_tree_result_reach(const eq_tree_result *r, int k, int v)
{
    if (r == NULL || k < 0 || k >= r->count || v < 0 || v >= r->nnode)
        return 0.0;
    return r->reach[(size_t)k * (size_t)r->nnode + (size_t)v];
}

double eq_tree_result_payoff(const eq_tree_result *r, int k, int p)
{
    if (r == NULL || k < 0 || k >= r->count || p < 0 || p >= r->n)
        return 0.0;
    return r->pay[(size_t)k * (size_t)r->n + (size_t)p];
}

double eq_tree_result_regret(const eq_tree_result *r, int k)
{
    if (r == NULL || k < 0 || k >= r->count)
        return -1.0;
    return r->regret[k];
}

/* The stage j of equilibrium k, or NULL. */
static const eqi_stage *stage_at(const eq_tree_result *r, int k, int j)
{
    if (r == NULL || k < 0 || k >= r->count || j < 0 || j >= r->nst[k])
        return NULL;
    return &r->stage[r->sfirst[k] + j];
}

int eq_tree_result_stages(const eq_tree_result *r, int k)
{
    if (r == NULL || k < 0 || k >= r->count)
        return 0;
    return r->nst[k];
}

int eq_tree_result_stage_root(const eq_tree_result *r, int k, int j)
{
    const eqi_stage *g = stage_at(r, k, j);
    return g ? g->root : -1;
}

int eq_tree_result_stage_infosets(const eq_tree_result *r, int k, int j,
                                  const int **sets)
{
    const eqi_stage *g = stage_at(r, k, j);
    if (sets != NULL)
        *sets = g ? g->set : NULL;
    return g ? g->nset : 0;
}

int eq_tree_result_stage_support(const eq_tree_result *r, int k, int j)
{
    const eqi_stage *g = stage_at(r, k, j);
    return g ? g->len : 0;
}

double eq_tree_result_stage_prob(const eq_tree_result *r, int k, int j, int q,
                                 const int **actions)
{
    const eqi_stage *g = stage_at(r, k, j);
    if (g == NULL || q < 0 || q >= g->len) {
        if (actions != NULL)
            *actions = NULL;
        return 0.0;
    }
    if (actions != NULL)
        *actions = g->act + (size_t)q * (size_t)g->nset;
    return g->prob[q];
}

/* ---- the candidates of a stage (spe) --------------------------------- */

void eqi_cands_clear(eqi_cands *L)
{
    for (int e = 0; e < L->count; e++)
        eqi_stage_free(&L->jt[e]);
    L->count = 0;
    L->partial = 0;
}

void eqi_cands_free(eqi_cands *L)
{
    if (L->jt != NULL)
        eqi_cands_clear(L);
    free(L->beh);
    free(L->pay);
    free(L->jt);
    L->beh = L->pay = NULL;
    L->jt = NULL;
    L->count = 0;
    L->cap = 0;
    L->partial = 0;
}

int eqi_cands_push(eqi_cands *L, const double *beh, const double *pay,
                   const eqi_stage *jt)
{
    if ((size_t)L->count == L->cap) {
        size_t cap = eqi_grow_cap(L->cap, L->cap + 1);
        if (cap == 0 || eqi_resize(&L->beh, cap * ((size_t)L->stot + 1), sizeof *L->beh) ||
            eqi_resize(&L->pay, cap * (size_t)L->n, sizeof *L->pay) ||
            eqi_resize(&L->jt, cap, sizeof *L->jt))
            return -1;
        L->cap = cap;
    }
    if (jt != NULL) {
        if (eqi_stage_copy(&L->jt[L->count], jt) != 0)
            return -1;
    } else {
        memset(&L->jt[L->count], 0, sizeof *L->jt);
    }
    memcpy(L->beh + (size_t)L->count * (size_t)L->stot, beh,
           (size_t)L->stot * sizeof *beh);
    memcpy(L->pay + (size_t)L->count * (size_t)L->n, pay, (size_t)L->n * sizeof *pay);
    L->count++;
    return 0;
}

eq_status eqi_cands_take(eqi_cands *L, eq_tree_result *tr, eq_status s, char *err)
{
    if (s != EQ_OK) {
        eqi_error(err, s, "%s", tr->errmsg);
    } else {
        L->partial = tr->sol == EQ_SOL_PARTIAL;
        for (int e = 0; e < tr->count && s == EQ_OK; e++)
            if (eqi_cands_push(L, tr->beh + (size_t)e * (size_t)tr->tot,
                               tr->pay + (size_t)e * (size_t)tr->n, NULL) != 0)
                s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    }
    eq_tree_result_free(tr);
    return s;
}
