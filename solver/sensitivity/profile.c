/*
** profile.c -- a fixed behaviour profile on a tree: the expected payoff
** from every node on, the probability of reaching each node given the
** innermost subgame around it is reached, and the gain a mover would
** make by switching actions at an information set.  Used to find ties
** (an indifferent mover) and the indifference conditions that locate
** breakpoints.  Allocates only when a larger tree comes.
**
**   val(z) = u(z) at a terminal; the probability-weighted sum of the
**   children's values at a chance node, or at a decision node under the
**   profile's behaviour there.
**   creach(s) = 1 at the root s of a subgame; creach(v) = creach(parent)
**   times the probability of the move to v otherwise.
**   gain_i(h, b) = sum_{v in h} w(v) [val_i(child(v, b)) - val_i(v)],
**   with w(v) = creach(v) / sum creach over h, or equal weights when the
**   profile reaches no member of h from its subgame's root.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sens.h"

void eqi_prof_free(eqi_prof *w)
{
    free(w->val);
    free(w->creach);
    free(w->sub);
    memset(w, 0, sizeof *w);
}

int eqi_prof_fit(eqi_prof *w, const eq_tree *t)
{
    if (t->nnode > w->capnode || t->n != w->n) {
        int cap = t->nnode;
        double *val = malloc((size_t)cap * (size_t)t->n * sizeof *val);
        double *cr = malloc((size_t)cap * sizeof *cr);
        int *sub = malloc((size_t)cap * sizeof *sub);
        if (val == NULL || cr == NULL || sub == NULL) {
            free(val);
            free(cr);
            free(sub);
            return -1;
        }
        free(w->val);
        free(w->creach);
        free(w->sub);
        w->val = val;
        w->creach = cr;
        w->sub = sub;
        w->capnode = cap;
    }
    w->nnode = t->nnode;
    w->niset = t->niset;
    w->n = t->n;
    /* Subgame roots are listed in preorder; a node's innermost subgame is
    ** its own when it roots one, else its parent's. */
    for (int v = 0; v < t->nnode; v++)
        w->sub[v] = -1;
    for (int k = 0; k < t->nsub; k++)
        w->sub[t->subroot[k]] = t->subroot[k];
    for (int v = 1; v < t->nnode; v++)
        if (w->sub[v] < 0)
            w->sub[v] = w->sub[t->node[v].parent];
    if (t->nnode > 0 && w->sub[0] < 0)
        w->sub[0] = 0;
    return 0;
}

/* The probability of move a at non-terminal node u under beh. */
static double move_p(const eq_tree *t, const double *beh, const int *off, int u, int a)
{
    const eqi_node *x = &t->node[u];
    return x->kind == EQ_NODE_CHANCE ? t->probs[x->prob0 + a] : beh[off[x->infoset] + a];
}

int eqi_stage_of_set(const eqi_stage *g, int ng, int h)
{
    for (int i = 0; i < ng; i++)
        for (int j = 0; j < g[i].nset; j++)
            if (g[i].set[j] == h)
                return i;
    return -1;
}

/* Player p's value at node u of stage g's region under recommendation r:
** the stage's sets play the recommended actions, chance its
** probabilities; a nested subgame's root keeps its value in w. */
static double stage_val(const eqi_prof *w, const eq_tree *t, const eqi_stage *g, int r,
                        int u, int p)
{
    const eqi_node *x = &t->node[u];
    double v = 0.0;
    if (u != g->root && w->sub[u] == u)
        return w->val[(size_t)u * (size_t)w->n + (size_t)p];
    if (x->kind == EQ_NODE_TERMINAL)
        return t->pays[x->pay0 + p];
    if (x->kind == EQ_NODE_CHANCE) {
        for (int a = 0; a < x->nchild; a++)
            if (t->probs[x->prob0 + a] != 0.0)
                v += t->probs[x->prob0 + a] * stage_val(w, t, g, r, x->child0 + a, p);
        return v;
    }
    for (int j = 0; j < g->nset; j++)
        if (g->set[j] == x->infoset) {
            int a = g->act[(size_t)r * (size_t)g->nset + (size_t)j];
            return a < 0 ? 0.0 : stage_val(w, t, g, r, x->child0 + a, p);
        }
    return w->val[(size_t)u * (size_t)w->n + (size_t)p];
}

void eqi_prof_eval(eqi_prof *w, const eq_tree *t, const double *beh, const int *off)
{
    eqi_prof_eval_stages(w, t, beh, off, NULL, 0);
}

void eqi_prof_eval_stages(eqi_prof *w, const eq_tree *t, const double *beh, const int *off,
                          const eqi_stage *g, int ng)
{
    int n = t->n;
    /* Children are numbered after their parents: values bottom-up in
    ** decreasing index order, reach top-down in increasing order. */
    for (int v = t->nnode - 1; v >= 0; v--) {
        const eqi_node *x = &t->node[v];
        double *val = w->val + (size_t)v * (size_t)n;
        if (x->kind == EQ_NODE_TERMINAL) {
            memcpy(val, t->pays + x->pay0, (size_t)n * sizeof *val);
            continue;
        }
        for (int p = 0; p < n; p++)
            val[p] = 0.0;
        for (int a = 0; a < x->nchild; a++) {
            double pr = move_p(t, beh, off, v, a);
            const double *cv = w->val + (size_t)(x->child0 + a) * (size_t)n;
            if (pr == 0.0)
                continue;
            for (int p = 0; p < n; p++)
                val[p] += pr * cv[p];
        }
        /* A stage's root: its joint distribution instead. */
        for (int i = 0; i < ng; i++) {
            if (g[i].root != v)
                continue;
            for (int p = 0; p < n; p++) {
                double s = 0.0;
                for (int r = 0; r < g[i].len; r++)
                    s += g[i].prob[r] * stage_val(w, t, &g[i], r, v, p);
                val[p] = s;
            }
        }
    }
    for (int v = 0; v < t->nnode; v++) {
        if (w->sub[v] == v) {
            w->creach[v] = 1.0;
            continue;
        }
        w->creach[v] = w->creach[t->node[v].parent] *
                       move_p(t, beh, off, t->node[v].parent, t->node[v].move);
    }
}

double eqi_prof_gain(const eqi_prof *w, const eq_tree *t, const double *beh,
                     const int *off, int h, int b)
{
    (void)beh;
    (void)off;
    return eqi_prof_gain_belief(w, t, h, b, NULL);
}

double eqi_prof_gain_belief(const eqi_prof *w, const eq_tree *t, int h, int b,
                            const double *bel)
{
    const eqi_infoset *I = &t->iset[h];
    int i = I->player, n = t->n;
    double num = 0.0, den = 0.0, eq = 0.0;
    for (int k = 0; k < I->nmem; k++)
        den += w->creach[I->members[k]];
    for (int k = 0; k < I->nmem; k++) {
        int v = I->members[k];
        double wt = den > 0.0 ? w->creach[v] / den
                    : bel != NULL ? bel[v] : 1.0 / (double)I->nmem;
        const eqi_node *x = &t->node[v];
        if (wt == 0.0)
            continue;
        num += wt * w->val[(size_t)(x->child0 + b) * (size_t)n + (size_t)i];
        eq += wt * w->val[(size_t)v * (size_t)n + (size_t)i];
    }
    return num - eq;
}

/* The selection score at node s: player's payoff, or the welfare. */
static double prof_score(const eqi_prof *w, int s, int player)
{
    const double *val = w->val + (size_t)s * (size_t)w->n;
    double v = 0.0;
    if (player >= 0)
        return val[player];
    for (int p = 0; p < w->n; p++)
        v += val[p];
    return v;
}

double eqi_tie_tolerance(const eq_tree *t, double tol)
{
    double lo = 0.0, hi = 0.0;
    for (int i = 0; i < t->npays; i++) {
        if (i == 0 || t->pays[i] < lo) lo = t->pays[i];
        if (i == 0 || t->pays[i] > hi) hi = t->pays[i];
    }
    return tol * (hi - lo > 1.0 ? hi - lo : 1.0);
}

double eqi_cond_eval(const eqi_cond *c, const eq_tree *t, eqi_prof *w, const int *off)
{
    double f;
    eqi_prof_eval_stages(w, t, c->sigma, off, c->g, c->ng);
    if (c->type == EQI_COND_GAIN)
        return eqi_prof_gain(w, t, c->sigma, off, c->h, c->b);
    f = prof_score(w, c->s, c->player);
    eqi_prof_eval_stages(w, t, c->sigma2, off, c->g2, c->ng2);
    return f - prof_score(w, c->s, c->player);
}
