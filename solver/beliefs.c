/*
** beliefs.c -- assessments of game trees: beliefs at information sets,
** the gain from deviating at a set given a belief, and the beliefs and
** certificates stored in tree results.
**
** An assessment (Kreps and Wilson, "Sequential equilibria", Econometrica
** 50, 1982) is a behaviour profile b with a belief mu_h at every
** information set h: a distribution over h's nodes.  It is sequentially
** rational when at every set h the mover's continuation strategy is a best
** reply, given mu_h and the others' behaviour, among all the mover's
** continuations from h; and its beliefs follow Bayes' rule where b
** reaches h:  mu_h(v) = reach(v) / sum_{w in h} reach(w).  A weak perfect
** Bayesian equilibrium asks no more; a sequential equilibrium also asks
** the beliefs off the path to be limits of Bayes beliefs of completely
** mixed profiles converging to b (consistency), which the methods that
** produce them guarantee by construction (sequential.c, seqform.c).
**
** The certificate of an assessment, computed here afresh from the tree's
** payoffs and independent of how the assessment was found, is the pair
**   seq_regret = max over sets h with a belief of
**                ( best continuation value at h - value of b's own
**                  continuation at h ),  both given mu_h;
**   bayes_gap  = max over reached sets h and nodes v of
**                | mu_h(v) - reach(v) / reach(h) |.
** The best continuation value is a backward induction over the mover's
** own sets below h (the "region" of h, beliefs.h): by perfect recall
** those sets hang below h's actions like a small sequence form, and the
** choice at one of them interacts with no other set at the same level.
** Cost: the sum over sets of their regions, O(nodes x depth) in all.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "beliefs.h"

/* ------------------------------------------------------------------ */
/* Regions and gains                                                    */
/* ------------------------------------------------------------------ */

int eqi_gain_init(eqi_gain *g, const eq_tree *t)
{
    size_t nn = (size_t)t->nnode, ni = (size_t)t->niset;
    memset(g, 0, sizeof *g);
    g->t = t;
    g->value = malloc(nn * (size_t)t->n * sizeof *g->value);
    g->reach = malloc(nn * sizeof *g->reach);
    g->w = malloc(nn * sizeof *g->w);
    g->seq = malloc(nn * sizeof *g->seq);
    g->stack = malloc(nn * sizeof *g->stack);
    g->mark = malloc((ni + 1) * sizeof *g->mark);
    g->first = malloc((ni + 1) * sizeof *g->first);
    if (!g->value || !g->reach || !g->w || !g->seq || !g->stack || !g->mark ||
        !g->first) {
        eqi_gain_free(g);
        return -1;
    }
    for (size_t h = 0; h < ni; h++) {
        const eqi_infoset *I = &t->iset[h];
        g->mark[h] = -1;
        g->first[h] = I->members[0];
        for (int k = 1; k < I->nmem; k++)
            if (I->members[k] < g->first[h])
                g->first[h] = I->members[k];
    }
    return 0;
}

void eqi_gain_free(eqi_gain *g)
{
    free(g->value);
    free(g->reach);
    free(g->w);
    free(g->seq);
    free(g->stack);
    free(g->mark);
    free(g->first);
    free(g->sv);
    memset(g, 0, sizeof *g);
}

/* The probability of move a at the non-terminal node u. */
static double move_prob(const eq_tree *t, const double *const *beh, int u, int a)
{
    const eqi_node *x = &t->node[u];
    return x->kind == EQ_NODE_CHANCE ? t->probs[x->prob0 + a] : beh[x->infoset][a];
}

void eqi_gain_profile(eqi_gain *g, const double *const *beh)
{
    const eq_tree *t = g->t;
    int n = t->n;
    g->reach[0] = 1.0;
    for (int v = 1; v < t->nnode; v++) {
        int u = t->node[v].parent;
        g->reach[v] = g->reach[u] * move_prob(t, beh, u, t->node[v].move);
    }
    /* Children are numbered after their parents: backwards is bottom-up. */
    for (int v = t->nnode - 1; v >= 0; v--) {
        const eqi_node *x = &t->node[v];
        double *val = g->value + (size_t)v * (size_t)n;
        if (x->kind == EQ_NODE_TERMINAL) {
            memcpy(val, t->pays + x->pay0, (size_t)n * sizeof *val);
            continue;
        }
        for (int p = 0; p < n; p++)
            val[p] = 0.0;
        for (int a = 0; a < x->nchild; a++) {
            double pr = move_prob(t, beh, v, a);
            const double *cv = g->value + (size_t)(x->child0 + a) * (size_t)n;
            if (pr != 0.0)
                for (int p = 0; p < n; p++)
                    val[p] += pr * cv[p];
        }
    }
}

void eqi_region_free(eqi_region *R)
{
    free(R->g);
    free(R->gpar);
    free(R->gfirst);
    free(R->C);
    free(R->val);
    memset(R, 0, sizeof *R);
}

/* Make room in R for ng sets and ns sequences of m members.  0 or -1. */
static int region_room(eqi_region *R, int ng, int ns, int m)
{
    void *p;
    if (ng > R->capg) {
        int cap = R->capg ? R->capg : 8;
        while (cap < ng)
            cap *= 2;
        if ((p = realloc(R->g, (size_t)cap * sizeof *R->g)) == NULL) return -1;
        R->g = p;
        if ((p = realloc(R->gpar, (size_t)cap * sizeof *R->gpar)) == NULL) return -1;
        R->gpar = p;
        if ((p = realloc(R->gfirst, (size_t)cap * sizeof *R->gfirst)) == NULL) return -1;
        R->gfirst = p;
        R->capg = cap;
    }
    if ((size_t)ns * (size_t)m > (size_t)R->caps || m > R->capm) {
        size_t need = (size_t)ns * (size_t)m, cap = R->caps ? (size_t)R->caps : 16;
        while (cap < need)
            cap *= 2;
        if (cap > (size_t)1 << 30)
            return -1;
        if ((p = realloc(R->C, cap * sizeof *R->C)) == NULL) return -1;
        R->C = p;
        R->caps = (int)cap;
        if (m > R->capm) {
            if ((p = realloc(R->val, (size_t)m * sizeof *R->val)) == NULL) return -1;
            R->val = p;
            R->capm = m;
        }
    }
    return 0;
}

int eqi_gain_region(eqi_gain *g, const double *const *beh, int h, eqi_region *R)
{
    const eq_tree *t = g->t;
    const eqi_infoset *I = &t->iset[h];
    int p = I->player, m = I->nmem, sp, rc = -1;

    R->h = h;
    R->p = p;
    R->m = m;
    R->ng = 1;
    R->ns = I->nact;
    if (region_room(R, 1, I->nact, m) != 0)
        return -1;
    R->g[0] = h;
    R->gpar[0] = -1;
    R->gfirst[0] = 0;
    g->mark[h] = 0;

    /* Pass 1: p's sets in the region, numbered in the order met, which
    ** puts a set after the set of the sequence leading to it. */
    for (int i = 0; i < m; i++) {
        const eqi_node *x = &t->node[I->members[i]];
        sp = 0;
        for (int a = 0; a < x->nchild; a++) {
            g->seq[x->child0 + a] = a;
            g->stack[sp++] = x->child0 + a;
        }
        while (sp > 0) {
            int v = g->stack[--sp], s = g->seq[v];
            const eqi_node *y = &t->node[v];
            if (y->kind == EQ_NODE_TERMINAL)
                continue;
            if (y->kind == EQ_NODE_DECISION && y->player == p) {
                int gg = y->infoset;
                if (g->mark[gg] < 0) {
                    if (region_room(R, R->ng + 1, R->ns + t->iset[gg].nact, m) != 0)
                        goto done;
                    g->mark[gg] = R->ng;
                    R->g[R->ng] = gg;
                    R->gpar[R->ng] = s;
                    R->gfirst[R->ng] = R->ns;
                    R->ns += t->iset[gg].nact;
                    R->ng++;
                }
                for (int b = 0; b < y->nchild; b++) {
                    g->seq[y->child0 + b] = R->gfirst[g->mark[gg]] + b;
                    g->stack[sp++] = y->child0 + b;
                }
            } else {
                for (int b = 0; b < y->nchild; b++) {
                    g->seq[y->child0 + b] = s;
                    g->stack[sp++] = y->child0 + b;
                }
            }
        }
    }
    if (region_room(R, R->ng, R->ns, m) != 0)
        goto done;

    /* Pass 2: C[i][s], with the weights P_-p(z | v_i). */
    memset(R->C, 0, (size_t)m * (size_t)R->ns * sizeof *R->C);
    for (int i = 0; i < m; i++) {
        int v0 = I->members[i];
        const eqi_node *x = &t->node[v0];
        double *row = R->C + (size_t)i * (size_t)R->ns;
        R->val[i] = g->value[(size_t)v0 * (size_t)t->n + (size_t)p];
        sp = 0;
        for (int a = 0; a < x->nchild; a++) {
            g->seq[x->child0 + a] = a;
            g->w[x->child0 + a] = 1.0;
            g->stack[sp++] = x->child0 + a;
        }
        while (sp > 0) {
            int v = g->stack[--sp], s = g->seq[v];
            const eqi_node *y = &t->node[v];
            if (y->kind == EQ_NODE_TERMINAL) {
                row[s] += g->w[v] * t->pays[y->pay0 + p];
                continue;
            }
            for (int b = 0; b < y->nchild; b++) {
                int c = y->child0 + b;
                if (y->kind == EQ_NODE_DECISION && y->player == p) {
                    g->seq[c] = R->gfirst[g->mark[y->infoset]] + b;
                    g->w[c] = g->w[v];
                } else {
                    double pr = move_prob(t, beh, v, b);
                    if (pr == 0.0)
                        continue;     /* adds nothing below */
                    g->seq[c] = s;
                    g->w[c] = g->w[v] * pr;
                }
                g->stack[sp++] = c;
            }
        }
    }
    /* eqi_region_best's scratch, here where a failure can be reported. */
    if (R->ns > g->capsv) {
        double *sv = realloc(g->sv, (size_t)R->ns * sizeof *sv);
        if (sv == NULL)
            goto done;
        g->sv = sv;
        g->capsv = R->ns;
    }
    rc = 0;
done:
    for (int j = 0; j < R->ng; j++)
        g->mark[R->g[j]] = -1;
    return rc;
}

double eqi_region_best(eqi_gain *g, const eqi_region *R, const double *mu,
                       int *plan)
{
    const eq_tree *t = g->t;
    double *sv = g->sv;      /* sized by eqi_gain_region */
    for (int s = 0; s < R->ns; s++)
        sv[s] = 0.0;
    for (int i = 0; i < R->m; i++) {
        const double *row = R->C + (size_t)i * (size_t)R->ns;
        if (mu[i] != 0.0)
            for (int s = 0; s < R->ns; s++)
                sv[s] += mu[i] * row[s];
    }
    /* Deepest sets first (the reverse of the order met). */
    for (int j = R->ng - 1; j >= 0; j--) {
        const double *v = sv + R->gfirst[j];
        int best = 0;
        for (int b = 1; b < t->iset[R->g[j]].nact; b++)
            if (v[b] > v[best])
                best = b;
        if (plan != NULL)
            plan[j] = best;
        if (j == 0)
            return v[best];
        sv[R->gpar[j]] += v[best];
    }
    return -HUGE_VAL;   /* not reached: ng >= 1 */
}

void eqi_region_plan_payoffs(eqi_gain *g, const eqi_region *R, const int *plan,
                             double *u)
{
    int *on = g->seq;   /* per local set: whether the plan reaches it */
    for (int j = 0; j < R->ng; j++) {
        int s = R->gpar[j];
        on[j] = 1;
        if (j > 0) {
            /* The set holding sequence s: the last set starting at or
            ** before s (sets' sequences are consecutive). */
            int q = j - 1;
            while (R->gfirst[q] > s)
                q--;
            on[j] = on[q] && s == R->gfirst[q] + plan[q];
        }
    }
    for (int i = 0; i < R->m; i++) {
        const double *row = R->C + (size_t)i * (size_t)R->ns;
        u[i] = 0.0;
        for (int j = 0; j < R->ng; j++)
            if (on[j])
                u[i] += row[R->gfirst[j] + plan[j]];
    }
}

double eqi_bayes(const eq_tree *t, const double *reach, int h, double *mu)
{
    const eqi_infoset *I = &t->iset[h];
    double sum = 0.0;
    for (int i = 0; i < I->nmem; i++)
        sum += reach[I->members[i]];
    for (int i = 0; i < I->nmem; i++)
        mu[i] = sum > 0.0 ? reach[I->members[i]] / sum : 1.0 / (double)I->nmem;
    return sum;
}

/* Whether bel gives a belief at set h (its first member's entry). */
static int has_belief(const eq_tree *t, const double *bel, int h)
{
    double b;
    if (bel == NULL)
        return 0;
    b = bel[t->iset[h].members[0]];
    return b == b && b >= 0.0;
}

eq_status eqi_assessment_check(const eq_tree *t, const double *const *beh,
                               const double *bel, double *seqreg, double *bayes)
{
    eqi_gain g;
    eqi_region R;
    double *mu = NULL, *mb = NULL, worst = 0.0, gap = 0.0;
    int maxm = 1;
    eq_status s = EQ_OK;

    memset(&R, 0, sizeof R);
    for (int h = 0; h < t->niset; h++)
        if (t->iset[h].nmem > maxm)
            maxm = t->iset[h].nmem;
    if (eqi_gain_init(&g, t) != 0)
        return EQ_ERR_NOMEM;
    mu = malloc((size_t)maxm * sizeof *mu);
    mb = malloc((size_t)maxm * sizeof *mb);
    if (mu == NULL || mb == NULL) {
        s = EQ_ERR_NOMEM;
        goto done;
    }
    eqi_gain_profile(&g, beh);
    for (int h = 0; h < t->niset; h++) {
        const eqi_infoset *I = &t->iset[h];
        int given = has_belief(t, bel, h);
        double rh = eqi_bayes(t, g.reach, h, mb), best, cur = 0.0;
        if (rh > EQI_REACH_EPS) {
            for (int i = 0; i < I->nmem; i++) {
                mu[i] = given ? bel[I->members[i]] : mb[i];
                gap = fmax(gap, fabs(mu[i] - mb[i]));
            }
        } else if (given) {
            for (int i = 0; i < I->nmem; i++)
                mu[i] = bel[I->members[i]];
        } else {
            continue;
        }
        if (eqi_gain_region(&g, beh, h, &R) != 0) {
            s = EQ_ERR_NOMEM;
            goto done;
        }
        best = eqi_region_best(&g, &R, mu, NULL);
        if (best == -HUGE_VAL) {
            s = EQ_ERR_NOMEM;
            goto done;
        }
        for (int i = 0; i < I->nmem; i++)
            cur += mu[i] * R.val[i];
        worst = fmax(worst, best - cur);
    }
    *seqreg = worst;
    *bayes = gap;
done:
    eqi_region_free(&R);
    eqi_gain_free(&g);
    free(mu);
    free(mb);
    return s;
}

eq_status eq_tree_assessment_regret(const eq_tree *t, const double *const *beh,
                                    const double *belief, double *seq_regret,
                                    double *bayes_gap)
{
    double sr, bg;
    eq_status s;
    if (t == NULL || beh == NULL || !t->finished)
        return EQ_ERR_ARG;
    for (int h = 0; h < t->niset; h++) {
        double sum = 0.0;
        if (beh[h] == NULL)
            return EQ_ERR_ARG;
        for (int a = 0; a < t->iset[h].nact; a++) {
            if (!(beh[h][a] >= -1e-9))
                return EQ_ERR_ARG;
            sum += beh[h][a];
        }
        if (!(fabs(sum - 1.0) <= 1e-9))
            return EQ_ERR_ARG;
        if (belief != NULL && has_belief(t, belief, h)) {
            const eqi_infoset *I = &t->iset[h];
            sum = 0.0;
            for (int i = 0; i < I->nmem; i++) {
                double b = belief[I->members[i]];
                if (!(b >= -1e-9))
                    return EQ_ERR_ARG;
                sum += b;
            }
            if (!(fabs(sum - 1.0) <= 1e-9))
                return EQ_ERR_ARG;
        }
    }
    if ((s = eqi_assessment_check(t, beh, belief, &sr, &bg)) != EQ_OK)
        return s;
    if (seq_regret != NULL)
        *seq_regret = sr;
    if (bayes_gap != NULL)
        *bayes_gap = bg;
    return EQ_OK;
}

/* ------------------------------------------------------------------ */
/* Beliefs stored in results                                            */
/* ------------------------------------------------------------------ */

/* Grow the rows of r's assessment arrays to r->cap, filling new rows of
** bel with NaN and of seqreg, bayes with -1.  0 or -1. */
static int rows_room(eq_tree_result *r)
{
    size_t cap = r->cap, old = r->capb;
    size_t ni = (size_t)r->niset + 1, nn = (size_t)r->nnode;
    void *p;
    if (r->capb >= r->cap)
        return 0;
    if ((p = realloc(r->setreach, cap * ni * sizeof(double))) == NULL)
        return -1;
    r->setreach = p;
    if (r->bel != NULL) {
        if ((p = realloc(r->bel, cap * nn * sizeof(double))) == NULL)
            return -1;
        r->bel = p;
        for (size_t i = old * nn; i < cap * nn; i++)
            r->bel[i] = NAN;
    }
    if (r->seqreg != NULL) {
        if ((p = realloc(r->seqreg, cap * sizeof(double))) == NULL)
            return -1;
        r->seqreg = p;
        if ((p = realloc(r->bayes, cap * sizeof(double))) == NULL)
            return -1;
        r->bayes = p;
        for (size_t i = old; i < cap; i++)
            r->seqreg[i] = r->bayes[i] = -1.0;
    }
    r->capb = r->cap;
    return 0;
}

int eqi_result_beliefs_add(eq_tree_result *r, const eq_tree *t, int k)
{
    const double *reach = r->reach + (size_t)k * (size_t)r->nnode;
    double *sr;
    if (r->node_set == NULL) {
        r->node_set = malloc(((size_t)r->nnode + 1) * sizeof *r->node_set);
        if (r->node_set == NULL)
            return -1;
        for (int v = 0; v < r->nnode; v++)
            r->node_set[v] = t->node[v].kind == EQ_NODE_DECISION ? t->node[v].infoset : -1;
    }
    if (rows_room(r) != 0)
        return -1;
    sr = r->setreach + (size_t)k * (size_t)r->niset;
    for (int h = 0; h < r->niset; h++) {
        const eqi_infoset *I = &t->iset[h];
        sr[h] = 0.0;
        for (int i = 0; i < I->nmem; i++)
            sr[h] += reach[I->members[i]];
    }
    return 0;
}

void eqi_result_beliefs_free(eq_tree_result *r)
{
    free(r->node_set);
    free(r->setreach);
    free(r->bel);
    free(r->seqreg);
    free(r->bayes);
    for (int i = 0; i < r->nbset; i++)
        free(r->bset[i].v);
    free(r->bset);
}

int eqi_result_set_belief(eq_tree_result *r, const eq_tree *t, int k, int h,
                          const double *mu)
{
    const eqi_infoset *I = &t->iset[h];
    if (r->bel == NULL) {
        size_t nn = (size_t)r->nnode, cap = r->capb;
        r->bel = malloc((cap ? cap : 1) * nn * sizeof *r->bel);
        if (r->bel == NULL) {
            eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
            return -1;
        }
        for (size_t i = 0; i < cap * nn; i++)
            r->bel[i] = NAN;
    }
    for (int i = 0; i < I->nmem; i++)
        r->bel[(size_t)k * (size_t)r->nnode + (size_t)I->members[i]] = mu[i];
    return 0;
}

int eqi_result_add_belief_set(eq_tree_result *r, int k, int h, int nv,
                              int nmem, const double *vtx)
{
    eqi_bset *b;
    if (r->nbset == r->capbset) {
        int cap = r->capbset ? 2 * r->capbset : 8;
        void *p = realloc(r->bset, (size_t)cap * sizeof *r->bset);
        if (p == NULL)
            goto nomem;
        r->bset = p;
        r->capbset = cap;
    }
    b = &r->bset[r->nbset];
    b->k = k;
    b->h = h;
    b->nv = nv;
    b->d = nmem;
    b->v = malloc(((size_t)nv * (size_t)nmem + 1) * sizeof *b->v);
    if (b->v == NULL)
        goto nomem;
    memcpy(b->v, vtx, (size_t)nv * (size_t)nmem * sizeof *b->v);
    r->nbset++;
    return 0;
nomem:
    eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    return -1;
}

eq_status eqi_result_certify(eq_tree_result *r, const eq_tree *t, int k)
{
    const double **ptr;
    double sr = 0.0, bg = 0.0;
    eq_status s;
    if (r->seqreg == NULL) {
        size_t cap = r->capb ? r->capb : 1;
        r->seqreg = malloc(cap * sizeof *r->seqreg);
        r->bayes = malloc(cap * sizeof *r->bayes);
        if (r->seqreg == NULL || r->bayes == NULL) {
            free(r->seqreg);
            free(r->bayes);
            r->seqreg = r->bayes = NULL;
            return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        }
        for (size_t i = 0; i < cap; i++)
            r->seqreg[i] = r->bayes[i] = -1.0;
    }
    ptr = malloc(((size_t)r->niset + 1) * sizeof *ptr);
    if (ptr == NULL)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    for (int h = 0; h < r->niset; h++)
        ptr[h] = r->beh + (size_t)k * (size_t)r->tot + r->off[h];
    s = eqi_assessment_check(t, ptr,
                             r->bel ? r->bel + (size_t)k * (size_t)r->nnode : NULL,
                             &sr, &bg);
    free(ptr);
    if (s != EQ_OK)
        return eqi_error(r->errmsg, s, "out of memory");
    r->seqreg[k] = sr;
    r->bayes[k] = bg;
    return EQ_OK;
}

/* ---- accessors ------------------------------------------------------ */

static int in_range(const eq_tree_result *r, int k)
{
    return r != NULL && k >= 0 && k < r->count && r->setreach != NULL;
}

int eq_tree_result_reached(const eq_tree_result *r, int k, int h)
{
    if (!in_range(r, k) || h < 0 || h >= r->niset)
        return -1;
    return r->setreach[(size_t)k * (size_t)r->niset + (size_t)h] > EQI_REACH_EPS;
}

double eq_tree_result_infoset_reach(const eq_tree_result *r, int k, int h)
{
    if (!in_range(r, k) || h < 0 || h >= r->niset)
        return 0.0;
    return r->setreach[(size_t)k * (size_t)r->niset + (size_t)h];
}

double eq_tree_result_belief(const eq_tree_result *r, int k, int v)
{
    int h;
    double rh;
    if (!in_range(r, k) || v < 0 || v >= r->nnode || (h = r->node_set[v]) < 0)
        return -1.0;
    if (r->bel != NULL) {
        double b = r->bel[(size_t)k * (size_t)r->nnode + (size_t)v];
        if (b == b)
            return b;
    }
    rh = r->setreach[(size_t)k * (size_t)r->niset + (size_t)h];
    if (rh > EQI_REACH_EPS)
        return r->reach[(size_t)k * (size_t)r->nnode + (size_t)v] / rh;
    return -1.0;
}

/* The supporting set of (k, h), or NULL: a binary search, since sets are
** attached in order of (k, h). */
static const eqi_bset *find_bset(const eq_tree_result *r, int k, int h)
{
    int lo = 0, hi = r->nbset - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        const eqi_bset *b = &r->bset[mid];
        if (b->k == k && b->h == h)
            return b;
        if (b->k < k || (b->k == k && b->h < h))
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

int eq_tree_result_belief_vertices(const eq_tree_result *r, int k, int h)
{
    const eqi_bset *b;
    if (!in_range(r, k) || h < 0 || h >= r->niset)
        return 0;
    b = find_bset(r, k, h);
    return b ? b->nv : 0;
}

const double *eq_tree_result_belief_vertex(const eq_tree_result *r, int k, int h,
                                           int j)
{
    const eqi_bset *b;
    if (!in_range(r, k) || h < 0 || h >= r->niset)
        return NULL;
    b = find_bset(r, k, h);
    if (b == NULL || j < 0 || j >= b->nv)
        return NULL;
    return b->v + (size_t)j * (size_t)b->d;
}

double eq_tree_result_seq_regret(const eq_tree_result *r, int k)
{
    if (!in_range(r, k) || r->seqreg == NULL)
        return -1.0;
    return r->seqreg[k];
}

double eq_tree_result_bayes_gap(const eq_tree_result *r, int k)
{
    if (!in_range(r, k) || r->bayes == NULL)
        return -1.0;
    return r->bayes[k];
}
