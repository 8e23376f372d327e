/*
** tstage.c -- profiles of a tree in which some stages are played by
** correlated equilibria: their reach probabilities, payoffs and
** certificate.
**
** A stage is the part of a subgame outside the subgames nested in it
** (spe.c).  At a correlated stage a mediator draws a recommendation q, one
** pure plan per player for the stage's information sets, with probability
** mu(q), and tells each player their own plan; everywhere else play
** follows the behaviour strategies.
**
** REACH.  Subgames in preorder, so a subgame's root has its final reach
** probability before its part is walked: every recommendation q of a
** stage rooted at s sends reach(s) mu(q) down the moves q names (and the
** chance moves), adding into the nodes of the part; a part without a
** stage is walked with the behaviour probabilities.
**
** CERTIFICATE.  For each player i and each subgame k, bottom-up:
**   U_i(k)  i's expected payoff at k's root when everyone follows;
**   W_i(k)  i's payoff at k's root when i disobeys as well as possible
**           in k (including inside the subgames nested in k) and everyone
**           else follows.
** At the nested subgames' roots the part's walk is stopped and paid U
** (following) or W (disobeying).  In a part without a stage i takes the
** best move at each node of theirs (exact for the perfect-information
** parts spe leaves, whose decision sets are single nodes).  At a stage,
** i hears their own recommendation r_i and then picks the best pure plan
** d for all of their sets of the stage against the conditional
** distribution of the others' recommendations:
**     W_i(k) = sum over r_i of max_d sum_{q : q_i = r_i} mu(q) V_i(d, q_-i)
** (with coarse, i picks d before hearing anything: one max over the sum of
** every q).  V_i walks the part: i's nodes follow d, the others' follow q,
** chance moves are averaged.  Every plan of i is tried, not only the
** reduced ones, so the max is over a superset and W_i(k) >= U_i(k) holds
** by taking d = r_i.  The certificate is max over k and i of
** W_i(k) - U_i(k): 0 when no player gains by disobeying in any subgame.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"

/* Most plans of one player at one stage tried by the certificate. */
#define STAGE_MAX_PLANS (1L << 20)

void eqi_stage_free(eqi_stage *g)
{
    if (g == NULL)
        return;
    free(g->set);
    free(g->prob);
    free(g->act);
    memset(g, 0, sizeof *g);
}

int eqi_stage_copy(eqi_stage *out, const eqi_stage *g)
{
    size_t na = (size_t)g->len * (size_t)g->nset;
    memset(out, 0, sizeof *out);
    out->set = malloc(((size_t)g->nset + 1) * sizeof *out->set);
    out->prob = malloc(((size_t)g->len + 1) * sizeof *out->prob);
    out->act = malloc((na + 1) * sizeof *out->act);
    if (out->set == NULL || out->prob == NULL || out->act == NULL) {
        eqi_stage_free(out);
        return -1;
    }
    out->root = g->root;
    out->nset = g->nset;
    out->len = g->len;
    memcpy(out->set, g->set, (size_t)g->nset * sizeof *g->set);
    memcpy(out->prob, g->prob, (size_t)g->len * sizeof *g->prob);
    memcpy(out->act, g->act, na * sizeof *g->act);
    return 0;
}

/* One evaluation's state. */
typedef struct ev {
    const eq_tree *t;
    const double *beh;
    const int *off;
    const eqi_stage *g;
    int *subidx;       /* per node: the subgame it roots, or -1 */
    int *spos;         /* per set: its position in its stage, or -1 */
    double *U, *W;     /* per subgame, for the player being checked */
    int player;        /* i */
    const int *dev;    /* i's plan at the stage (by position), or NULL */
} ev;

/* The action the profile takes at decision node v of a stage's part under
** recommendation q; -1 if q leaves the set open (never on q's path). */
static int rec_action(const ev *e, const eqi_stage *g, int q, int v)
{
    int pos = e->spos[e->t->node[v].infoset];
    return g->act[(size_t)q * (size_t)g->nset + (size_t)pos];
}

/*
** Player e->player's value below node v of a part.  g, q: the stage and
** recommendation (g NULL: a part without a stage, played by e->beh).
** deviate: i disobeys (e->dev at a stage, the best move elsewhere) and the
** nested subgames pay W; otherwise everyone follows and they pay U.
*/
static double value(const ev *e, const eqi_stage *g, int q, int v, int deviate)
{
    const eq_tree *t = e->t;
    const eqi_node *x = &t->node[v];
    int i = e->player;
    double sum = 0.0;

    if (x->kind == EQ_NODE_TERMINAL)
        return t->pays[x->pay0 + i];
    if (x->kind == EQ_NODE_CHANCE) {
        for (int a = 0; a < x->nchild; a++) {
            double p = t->probs[x->prob0 + a];
            if (p > 0.0)
                sum += p * (e->subidx[x->child0 + a] >= 0
                                ? (deviate ? e->W : e->U)[e->subidx[x->child0 + a]]
                                : value(e, g, q, x->child0 + a, deviate));
        }
        return sum;
    }
    if (g != NULL) {
        int a = (deviate && x->player == i) ? e->dev[e->spos[x->infoset]]
                                            : rec_action(e, g, q, v);
        if (a >= 0) {
            int c = x->child0 + a;
            return e->subidx[c] >= 0 ? (deviate ? e->W : e->U)[e->subidx[c]]
                                     : value(e, g, q, c, deviate);
        }
        /* Not on q's path; cannot happen under perfect recall.  Fall back
        ** on the marginals, which are uniform at such a set. */
    }
    if (deviate && x->player == i) {
        double best = -HUGE_VAL;
        for (int a = 0; a < x->nchild; a++) {
            int c = x->child0 + a;
            double u = e->subidx[c] >= 0 ? e->W[e->subidx[c]] : value(e, g, q, c, 1);
            if (u > best)
                best = u;
        }
        return best;
    }
    for (int a = 0; a < x->nchild; a++) {
        double p = e->beh[e->off[x->infoset] + a];
        int c = x->child0 + a;
        if (p > 0.0)
            sum += p * (e->subidx[c] >= 0 ? (deviate ? e->W : e->U)[e->subidx[c]]
                                          : value(e, g, q, c, deviate));
    }
    return sum;
}

/* Whether recommendations q and q2 of g tell player i the same plan. */
static int same_for(const eq_tree *t, const eqi_stage *g, int i, int q, int q2)
{
    const int *a = g->act + (size_t)q * (size_t)g->nset;
    const int *b = g->act + (size_t)q2 * (size_t)g->nset;
    for (int j = 0; j < g->nset; j++)
        if (t->iset[g->set[j]].player == i && a[j] != b[j])
            return 0;
    return 1;
}

/*
** W_i at stage g (see the file comment).  dev: nset ints of scratch;
** group: len ints of scratch, each recommendation's group (the first
** recommendation telling i the same; with coarse, all one group).
** Returns EQ_OK or EQ_ERR_LIMIT.
*/
static eq_status stage_best(ev *e, const eqi_stage *g, int coarse, int *dev,
                            int *group, double *out)
{
    const eq_tree *t = e->t;
    int i = e->player;
    long plans = 1;
    double total = 0.0;

    for (int j = 0; j < g->nset; j++) {
        dev[j] = 0;
        if (t->iset[g->set[j]].player == i) {
            plans *= t->iset[g->set[j]].nact;
            if (plans > STAGE_MAX_PLANS)
                return EQ_ERR_LIMIT;
        }
    }
    for (int q = 0; q < g->len; q++)
        group[q] = -1;
    for (int q = 0; q < g->len; q++)
        if (group[q] < 0)
            for (int q2 = q; q2 < g->len; q2++)
                if (group[q2] < 0 && (coarse || same_for(t, g, i, q, q2)))
                    group[q2] = q;
    e->dev = dev;
    for (int q = 0; q < g->len; q++) {
        double best = -HUGE_VAL;
        if (group[q] != q)
            continue;
        /* Every plan of i over the stage's sets, as an odometer. */
        for (long d = 0; d < plans; d++) {
            double v = 0.0;
            for (int q2 = q; q2 < g->len; q2++)
                if (group[q2] == q)
                    v += g->prob[q2] * value(e, g, q2, g->root, 1);
            if (v > best)
                best = v;
            for (int j = g->nset - 1; j >= 0; j--) {
                if (t->iset[g->set[j]].player != i)
                    continue;
                if (++dev[j] < t->iset[g->set[j]].nact)
                    break;
                dev[j] = 0;
            }
        }
        total += best;
    }
    e->dev = NULL;
    *out = total;
    return EQ_OK;
}

/* Index the stages: e->subidx (the subgame each node roots), sstage (the
** stage of each subgame, or -1) and e->spos (each set's position in its
** stage, or -1). */
static void index_stages(ev *e, const eqi_stage *g, int ng, int *sstage)
{
    const eq_tree *t = e->t;
    for (int v = 0; v < t->nnode; v++)
        e->subidx[v] = -1;
    for (int k = 0; k < t->nsub; k++) {
        e->subidx[t->subroot[k]] = k;
        sstage[k] = -1;
    }
    for (int h = 0; h < t->niset; h++)
        e->spos[h] = -1;
    for (int j = 0; j < ng; j++) {
        sstage[e->subidx[g[j].root]] = j;
        for (int p = 0; p < g[j].nset; p++)
            e->spos[g[j].set[p]] = p;
    }
}

/* Add to rch the reach of the nodes of the part rooted at root (not those
** of the subgames below it) under recommendation q of stage st (NULL: the
** behaviour profile), the root reached with weight w0; stk and w are
** scratch of nnode + 1. */
static void part_reach(const ev *e, const eqi_stage *st, int q, int root, double w0,
                       double *rch, int *stk, double *w)
{
    const eq_tree *t = e->t;
    int sp = 0;
    stk[sp] = root;
    w[sp++] = w0;
    while (sp > 0) {
        int v = stk[--sp];
        double wv = w[sp];
        const eqi_node *x = &t->node[v];
        /* The recommended action, or -1: chance or behaviour. */
        int ra = x->kind == EQ_NODE_DECISION && st != NULL
                     ? rec_action(e, st, q, v) : -1;
        for (int a = 0; a < x->nchild; a++) {
            int c = x->child0 + a;
            double pm;
            if (x->kind == EQ_NODE_CHANCE)
                pm = t->probs[x->prob0 + a];
            else if (ra >= 0)
                pm = ra == a ? 1.0 : 0.0;
            else
                pm = e->beh[e->off[x->infoset] + a];
            if (!(pm > 0.0))
                continue;
            rch[c] += wv * pm;
            if (e->subidx[c] < 0 && t->node[c].kind != EQ_NODE_TERMINAL) {
                stk[sp] = c;
                w[sp++] = wv * pm;
            }
        }
    }
}

/* The reach of every node into rch: subgames in preorder, each part
** walked from its root under each recommendation of its stage. */
static void stage_reach(const ev *e, const eqi_stage *g, const int *sstage, double *rch,
                        int *stk, double *w)
{
    const eq_tree *t = e->t;
    for (int v = 0; v < t->nnode; v++)
        rch[v] = 0.0;
    rch[0] = 1.0;
    for (int k = 0; k < t->nsub; k++) {
        int root = t->subroot[k], j = sstage[k];
        const eqi_stage *st = j >= 0 ? &g[j] : NULL;
        int nq = st ? st->len : 1;
        if (!(rch[root] > 0.0))
            continue;
        for (int q = 0; q < nq; q++)
            part_reach(e, st, q, root, rch[root] * (st ? st->prob[q] : 1.0), rch, stk, w);
    }
}

/* Each player's expected payoff under the reach rch into payoffs. */
static void expected_payoffs(const eq_tree *t, const double *rch, double *payoffs)
{
    for (int p = 0; p < t->n; p++)
        payoffs[p] = 0.0;
    for (int v = 0; v < t->nnode; v++)
        if (t->node[v].kind == EQ_NODE_TERMINAL)
            for (int p = 0; p < t->n; p++)
                payoffs[p] += rch[v] * t->pays[t->node[v].pay0 + p];
}

/* The certificate into *worst: the largest gain of any player from
** deviating at any subgame, player by player, subgames bottom-up.  dev
** and group are stage_best's scratch. */
static eq_status stage_regret(ev *e, const eqi_stage *g, const int *sstage, int coarse,
                              int *dev, int *group, double *worst)
{
    const eq_tree *t = e->t;
    eq_status s = EQ_OK;
    *worst = 0.0;
    for (int i = 0; i < t->n && s == EQ_OK; i++) {
        e->player = i;
        for (int k = t->nsub - 1; k >= 0; k--) {
            int root = t->subroot[k], j = sstage[k];
            double u = 0.0, best;
            if (j >= 0) {
                for (int q = 0; q < g[j].len; q++)
                    u += g[j].prob[q] * value(e, &g[j], q, root, 0);
                if ((s = stage_best(e, &g[j], coarse, dev, group, &best)) != EQ_OK)
                    break;
            } else {
                u = value(e, NULL, 0, root, 0);
                best = value(e, NULL, 0, root, 1);
            }
            e->U[k] = u;
            e->W[k] = best;
            if (best - u > *worst)
                *worst = best - u;
        }
    }
    return s;
}

eq_status eqi_stage_evaluate(const eq_tree *t, const double *beh, const int *off,
                             const eqi_stage *g, int ng, int coarse,
                             double *reach, double *payoffs, double *regret)
{
    ev e;
    size_t nn = (size_t)t->nnode, ns = (size_t)t->nsub;
    int *sstage = malloc((ns + 1) * sizeof *sstage);
    int *stk = malloc((nn + 1) * sizeof *stk);
    double *w = malloc((nn + 1) * sizeof *w);
    double *rch = reach ? reach : malloc((nn + 1) * sizeof *rch);
    int *dev = NULL, *group = NULL;
    double worst;
    int maxset = 1, maxlen = 1;
    eq_status s = EQ_OK;

    memset(&e, 0, sizeof e);
    e.t = t;
    e.beh = beh;
    e.off = off;
    e.subidx = malloc((nn + 1) * sizeof *e.subidx);
    e.spos = malloc(((size_t)t->niset + 1) * sizeof *e.spos);
    e.U = malloc((ns + 1) * sizeof *e.U);
    e.W = malloc((ns + 1) * sizeof *e.W);
    for (int j = 0; j < ng; j++) {
        if (g[j].nset > maxset) maxset = g[j].nset;
        if (g[j].len > maxlen) maxlen = g[j].len;
    }
    dev = malloc((size_t)maxset * sizeof *dev);
    group = malloc((size_t)maxlen * sizeof *group);
    if (!sstage || !stk || !w || !rch || !e.subidx || !e.spos || !e.U || !e.W ||
        !dev || !group) {
        s = EQ_ERR_NOMEM;
        goto done;
    }
    index_stages(&e, g, ng, sstage);
    stage_reach(&e, g, sstage, rch, stk, w);
    if (payoffs != NULL)
        expected_payoffs(t, rch, payoffs);
    s = stage_regret(&e, g, sstage, coarse, dev, group, &worst);
    *regret = worst;
done:
    free(sstage);
    free(stk);
    free(w);
    if (rch != reach)
        free(rch);
    free(dev);
    free(group);
    free(e.subidx);
    free(e.spos);
    free(e.U);
    free(e.W);
    return s;
}
