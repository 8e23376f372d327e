/*
** seqform.c -- the sequence form of a two-player tree with perfect recall
** (seqform.h): its construction, realization plans and behaviour, best
** responses and the certificate, and what its two methods share (scaled
** payoffs, checks, turning plans into a result).  The methods: the
** zero-sum LP of Koller, Megiddo and von Stengel (1996) on GLPK
** (seqzero.c), and Lemke's algorithm on the sequence-form LCP in the form
** of von Stengel, van den Elzen and Talman (2002) (seqlemke.c).  Both
** return one equilibrium as a behaviour profile.
**
** References: D. Koller, N. Megiddo and B. von Stengel, "Efficient
** computation of equilibria for extensive two-person games", Games and
** Economic Behavior 14 (1996) 247-259; B. von Stengel, "Efficient
** computation of behavior strategies", GEB 14 (1996) 220-246; B. von
** Stengel, A. van den Elzen and D. Talman, "Computing normal form perfect
** equilibria for extensive two-person games", Econometrica 70 (2002)
** 693-715.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"
#include "seqform.h"

/* Dense matrices above this many entries are refused (EQ_ERR_LIMIT): the
** methods here are meant for trees of up to a few thousand sequences. */
#define SF_MAX_DENSE 50000000u

/* A realization-plan entry below this is rounding noise around 0. */
#define SF_ZERO 1e-12

/* ------------------------------------------------------------------ */
/* The sequence form                                                    */
/* ------------------------------------------------------------------ */

void eqi_seqform_free(eqi_seqform *sf)
{
    if (sf == NULL)
        return;
    free(sf->first);
    free(sf->parent);
    free(sf->row);
    free(sf->boff);
    for (int p = 0; p < 2; p++) {
        free(sf->order[p]);
        free(sf->seq_iset[p]);
    }
    free(sf->A);
    free(sf->B);
    free(sf->P);
    free(sf->E);
    free(sf->F);
    free(sf);
}

int eqi_seqform_behaviour_size(const eq_tree *t)
{
    int tot = 0;
    for (int h = 0; h < t->niset; h++)
        tot += t->iset[h].nact;
    return tot;
}

void *eqi_seqform_zalloc(size_t k, size_t sz)
{
    return calloc(k ? k : 1, sz);
}

int eqi_seqform_dense_ok(int a, int b)
{
    return (size_t)a * (size_t)b <= SF_MAX_DENSE;
}

/*
** Walk the tree from the root carrying, for each node, both players' last
** sequences and the product of the chance probabilities on the way.  A
** decision node of set h records parent(h); a leaf adds its chance weight
** times the payoffs into A, B and P at its pair of sequences.
*/
static eq_status walk(const eq_tree *t, eqi_seqform *sf, char *err)
{
    int nn = t->nnode, sp = 0, *stack, *cur;
    double *pi;
    size_t n1 = (size_t)sf->n[1];
    eq_status s = EQ_OK;

    stack = malloc((size_t)nn * sizeof *stack);
    cur = malloc(2 * (size_t)nn * sizeof *cur);
    pi = malloc((size_t)nn * sizeof *pi);
    if (stack == NULL || cur == NULL || pi == NULL) {
        s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int h = 0; h < t->niset; h++)
        sf->parent[h] = -1;
    cur[0] = cur[1] = 0;
    pi[0] = 1.0;
    stack[sp++] = 0;
    while (sp > 0) {
        int v = stack[--sp];
        const eqi_node *x = &t->node[v];
        if (x->kind == EQ_NODE_TERMINAL) {
            size_t i = (size_t)cur[2 * v] * n1 + (size_t)cur[2 * v + 1];
            sf->A[i] += pi[v] * t->pays[x->pay0];
            sf->B[i] += pi[v] * t->pays[x->pay0 + 1];
            sf->P[i] += pi[v];
            continue;
        }
        if (x->kind == EQ_NODE_DECISION) {
            int h = x->infoset, p = x->player;
            if (sf->parent[h] < 0) {
                sf->parent[h] = cur[2 * v + p];
            } else if (sf->parent[h] != cur[2 * v + p]) {
                /* eq_tree_finish rules this out; a tree changed since
                ** then could still show it. */
                s = eqi_error(err, EQ_ERR_ARG,
                              "information set %d breaks perfect recall", h);
                goto done;
            }
        }
        for (int a = 0; a < x->nchild; a++) {
            int c = x->child0 + a;
            cur[2 * c] = cur[2 * v];
            cur[2 * c + 1] = cur[2 * v + 1];
            pi[c] = pi[v];
            if (x->kind == EQ_NODE_DECISION)
                cur[2 * c + x->player] = sf->first[x->infoset] + a;
            else if (x->kind == EQ_NODE_CHANCE)
                pi[c] *= t->probs[x->prob0 + a];
            stack[sp++] = c;
        }
    }
done:
    free(stack);
    free(cur);
    free(pi);
    return s;
}

/* order[p]: p's sets sorted by the length of their parent sequence (a
** counting sort), so that a set comes after the set of its parent
** sequence, whose sequence is one shorter. */
static eq_status sort_sets(const eq_tree *t, eqi_seqform *sf, char *err)
{
    int ni = t->niset;
    int *len = eqi_seqform_zalloc((size_t)ni, sizeof *len);
    int *start = eqi_seqform_zalloc((size_t)ni + 2, sizeof *start);
    if (len == NULL || start == NULL) {
        free(len);
        free(start);
        return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    }
    for (int h = 0; h < ni; h++) {
        /* Own moves before h: follow parent sequences up to the root.
        ** Each step reaches a set nearer the root, so this ends. */
        int p = t->iset[h].player, q = sf->parent[h], l = 0;
        while (q > 0) {
            l++;
            q = sf->parent[sf->seq_iset[p][q]];
        }
        len[h] = l;        /* < ni: the sets on the way are distinct */
    }
    for (int p = 0; p < 2; p++) {
        memset(start, 0, ((size_t)ni + 2) * sizeof *start);
        for (int h = 0; h < ni; h++)
            if (t->iset[h].player == p)
                start[len[h] + 1]++;
        for (int l = 0; l < ni; l++)
            start[l + 1] += start[l];
        for (int h = 0; h < ni; h++)
            if (t->iset[h].player == p)
                sf->order[p][start[len[h]]++] = h;
    }
    free(len);
    free(start);
    return EQ_OK;
}

eq_status eqi_seqform_new(const eq_tree *t, eqi_seqform **out, char *err)
{
    eqi_seqform *sf;
    int ni;
    eq_status s;

    if (out == NULL || t == NULL)
        return eqi_error(err, EQ_ERR_ARG, "sequence form: NULL argument");
    *out = NULL;
    if (!t->finished)
        return eqi_error(err, EQ_ERR_ARG,
                         "sequence form: the tree is not finished "
                         "(call eq_tree_finish)");
    if (t->n != 2)
        return eqi_error(err, EQ_ERR_UNSUPPORTED,
                         "sequence form: the tree has %d player%s; the "
                         "sequence-form methods need exactly two",
                         t->n, t->n == 1 ? "" : "s");
    if ((sf = calloc(1, sizeof *sf)) == NULL)
        return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    ni = sf->niset = t->niset;
    sf->first = eqi_seqform_zalloc((size_t)ni, sizeof *sf->first);
    sf->parent = eqi_seqform_zalloc((size_t)ni, sizeof *sf->parent);
    sf->row = eqi_seqform_zalloc((size_t)ni, sizeof *sf->row);
    sf->boff = eqi_seqform_zalloc((size_t)ni, sizeof *sf->boff);
    if (!sf->first || !sf->parent || !sf->row || !sf->boff)
        goto nomem;
    sf->n[0] = sf->n[1] = 1;
    sf->k[0] = sf->k[1] = 1;
    for (int h = 0; h < ni; h++) {
        int p = t->iset[h].player;
        sf->first[h] = sf->n[p];
        sf->n[p] += t->iset[h].nact;
        sf->row[h] = sf->k[p]++;
        sf->boff[h] = sf->tot;
        sf->tot += t->iset[h].nact;
    }
    if (!eqi_seqform_dense_ok(sf->n[0], sf->n[1]) || !eqi_seqform_dense_ok(sf->k[0], sf->n[0]) ||
        !eqi_seqform_dense_ok(sf->k[1], sf->n[1])) {
        int n0 = sf->n[0], n1 = sf->n[1];
        eqi_seqform_free(sf);
        return eqi_error(err, EQ_ERR_LIMIT,
                         "sequence form: %d x %d sequences are too many for "
                         "the dense sequence form (at most %u entries in one "
                         "matrix, SF_MAX_DENSE)", n0, n1, SF_MAX_DENSE);
    }
    for (int p = 0; p < 2; p++) {
        sf->order[p] = eqi_seqform_zalloc((size_t)sf->k[p], sizeof *sf->order[p]);
        sf->seq_iset[p] = eqi_seqform_zalloc((size_t)sf->n[p], sizeof *sf->seq_iset[p]);
        if (!sf->order[p] || !sf->seq_iset[p])
            goto nomem;
        sf->seq_iset[p][0] = -1;
    }
    for (int h = 0; h < ni; h++)
        for (int a = 0; a < t->iset[h].nact; a++)
            sf->seq_iset[t->iset[h].player][sf->first[h] + a] = h;
    sf->A = eqi_seqform_zalloc((size_t)sf->n[0] * (size_t)sf->n[1], sizeof *sf->A);
    sf->B = eqi_seqform_zalloc((size_t)sf->n[0] * (size_t)sf->n[1], sizeof *sf->B);
    sf->P = eqi_seqform_zalloc((size_t)sf->n[0] * (size_t)sf->n[1], sizeof *sf->P);
    sf->E = eqi_seqform_zalloc((size_t)sf->k[0] * (size_t)sf->n[0], sizeof *sf->E);
    sf->F = eqi_seqform_zalloc((size_t)sf->k[1] * (size_t)sf->n[1], sizeof *sf->F);
    if (!sf->A || !sf->B || !sf->P || !sf->E || !sf->F)
        goto nomem;
    if ((s = walk(t, sf, err)) != EQ_OK || (s = sort_sets(t, sf, err)) != EQ_OK) {
        eqi_seqform_free(sf);
        return s;
    }
    /* E x = e: x_0 = 1; for each set h, -x_parent(h) + sum_a x_(h,a) = 0. */
    sf->E[0] = 1.0;
    sf->F[0] = 1.0;
    for (int h = 0; h < ni; h++) {
        int p = t->iset[h].player;
        double *M = p == 0 ? sf->E : sf->F;
        size_t w = (size_t)sf->n[p], r = (size_t)sf->row[h];
        M[r * w + (size_t)sf->parent[h]] = -1.0;
        for (int a = 0; a < t->iset[h].nact; a++)
            M[r * w + (size_t)(sf->first[h] + a)] = 1.0;
    }
    *out = sf;
    return EQ_OK;
nomem:
    eqi_seqform_free(sf);
    return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
}

void eqi_seqform_realize(const eqi_seqform *sf, const eq_tree *t, int p,
                         const double *beh, double *plan)
{
    plan[0] = 1.0;
    for (int i = 0; i < sf->k[p] - 1; i++) {
        int h = sf->order[p][i];
        for (int a = 0; a < t->iset[h].nact; a++)
            plan[sf->first[h] + a] = plan[sf->parent[h]] * beh[sf->boff[h] + a];
    }
}

void eqi_seqform_behaviour(const eqi_seqform *sf, const eq_tree *t, int p,
                           const double *plan, double *beh)
{
    for (int h = 0; h < t->niset; h++) {
        int k = t->iset[h].nact;
        const double *x;
        double *b = beh + sf->boff[h], sum = 0.0;
        if (t->iset[h].player != p)
            continue;
        x = plan + sf->first[h];    /* p's numbering: only for p's sets */
        for (int a = 0; a < k; a++)
            sum += x[a] > 0.0 ? x[a] : 0.0;
        for (int a = 0; a < k; a++)
            b[a] = sum > SF_ZERO ? (x[a] > 0.0 ? x[a] / sum : 0.0)
                                 : 1.0 / (double)k;
    }
}

double eqi_seqform_best_value(const eqi_seqform *sf, const eq_tree *t, int p,
                              const double *c, int *choice, double *work)
{
    memcpy(work, c, (size_t)sf->n[p] * sizeof *work);
    /* Deepest sets first: a sequence's value is complete once the sets
    ** that follow it are done. */
    for (int i = sf->k[p] - 2; i >= 0; i--) {
        int h = sf->order[p][i], best = 0;
        const double *v = work + sf->first[h];
        for (int a = 1; a < t->iset[h].nact; a++)
            if (v[a] > v[best])
                best = a;
        if (choice != NULL)
            choice[h] = best;
        work[sf->parent[h]] += v[best];
    }
    return work[0];
}

double eqi_seqform_regret(const eqi_seqform *sf, const eq_tree *t,
                          const double *x, const double *y, double *pay)
{
    int n0 = sf->n[0], n1 = sf->n[1];
    double *c0 = malloc((size_t)n0 * sizeof *c0);
    double *c1 = malloc((size_t)n1 * sizeof *c1);
    double *work = malloc((size_t)(n0 > n1 ? n0 : n1) * sizeof *work);
    double u0 = 0.0, u1 = 0.0, g0, g1;

    if (c0 == NULL || c1 == NULL || work == NULL) {
        free(c0);
        free(c1);
        free(work);
        return -1.0;
    }
    /* c0 = A y: player 1's payoff per own sequence; c1 = B^T x. */
    for (int i = 0; i < n0; i++) {
        const double *a = sf->A + (size_t)i * (size_t)n1;
        double s = 0.0;
        for (int j = 0; j < n1; j++)
            s += a[j] * y[j];
        c0[i] = s;
        u0 += x[i] * s;
    }
    for (int j = 0; j < n1; j++)
        c1[j] = 0.0;
    for (int i = 0; i < n0; i++) {
        const double *b = sf->B + (size_t)i * (size_t)n1;
        if (x[i] != 0.0)
            for (int j = 0; j < n1; j++)
                c1[j] += x[i] * b[j];
    }
    for (int j = 0; j < n1; j++)
        u1 += c1[j] * y[j];
    g0 = eqi_seqform_best_value(sf, t, 0, c0, NULL, work) - u0;
    g1 = eqi_seqform_best_value(sf, t, 1, c1, NULL, work) - u1;
    if (pay != NULL) {
        pay[0] = u0;
        pay[1] = u1;
    }
    free(c0);
    free(c1);
    free(work);
    return fmax(0.0, fmax(g0, g1));
}


/* ------------------------------------------------------------------ */
/* Shared by both methods                                               */
/* ------------------------------------------------------------------ */

/* Smallest and largest payoff of player p over the leaves. */
static void leaf_range(const eq_tree *t, int p, double *lo, double *hi)
{
    int any = 0;
    *lo = *hi = 0.0;
    for (int v = 0; v < t->nnode; v++) {
        double u;
        if (t->node[v].kind != EQ_NODE_TERMINAL)
            continue;
        u = t->pays[t->node[v].pay0 + p];
        if (!any || u < *lo) *lo = u;
        if (!any || u > *hi) *hi = u;
        any = 1;
    }
}

/* Halves, because hi - lo may overflow where hi/2 - lo/2 cannot. */
double *eqi_seqform_scaled(const eqi_seqform *sf, const eq_tree *t, int p)
{
    size_t k = (size_t)sf->n[0] * (size_t)sf->n[1];
    const double *M = p == 0 ? sf->A : sf->B;
    double lo, hi, half, c, d, *S = malloc((k ? k : 1) * sizeof *S);

    if (S == NULL)
        return NULL;
    leaf_range(t, p, &lo, &hi);
    half = 0.5 * hi - 0.5 * lo;
    if (half > 0.0) {
        c = 0.5 / half;
        d = 1.0 - 0.5 * lo / half;
    } else {
        c = 0.0;
        d = 1.0;
    }
    for (size_t i = 0; i < k; i++)
        S[i] = c * M[i] + d * sf->P[i];
    return S;
}

/* The size of a regret that counts as a failure: far above rounding error
** for payoffs of the trees' range, far below any real gain. */
static double regret_bound(const eq_tree *t)
{
    double range = 0.0, mag = 0.0;
    for (int p = 0; p < 2; p++) {
        double lo, hi;
        leaf_range(t, p, &lo, &hi);
        range = fmax(range, hi - lo);
        mag = fmax(mag, fmax(fabs(lo), fabs(hi)));
    }
    return 1e-6 * range + 1e-12 * (1.0 + mag);
}

double eqi_seqform_regret_bound(const eq_tree *t)
{
    return regret_bound(t);
}

eq_status eqi_seqform_add_behaviour(const eqi_seqform *sf, const eq_tree *t,
                                    const double *beh, eq_tree_result *r, const char *who)
{
    double *px = malloc((size_t)sf->n[0] * sizeof *px);
    double *py = malloc((size_t)sf->n[1] * sizeof *py);
    double reg = 0.0;
    eq_status s = EQ_OK;

    if (px == NULL || py == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* Certify what is reported: the plans of the behaviour profile. */
    eqi_seqform_realize(sf, t, 0, beh, px);
    eqi_seqform_realize(sf, t, 1, beh, py);
    reg = eqi_seqform_regret(sf, t, px, py, NULL);
    if (reg < 0.0) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (!(reg <= regret_bound(t))) {
        s = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                      "%s: the solution found is not an equilibrium (a "
                      "player gains %g by deviating): rounding error",
                      who, reg);
        goto done;
    }
    if (eqi_tree_result_add(r, t, beh) < 0) {
        s = EQ_ERR_NOMEM;
        goto done;
    }
    r->sol = EQ_SOL_FOUND;
done:
    free(px);
    free(py);
    return s;
}

eq_status eqi_seqform_add_plans(const eqi_seqform *sf, const eq_tree *t,
                                const double *x, const double *y,
                                eq_tree_result *r, const char *who)
{
    double *beh = eqi_seqform_zalloc((size_t)sf->tot, sizeof *beh);
    eq_status s;
    if (beh == NULL)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    eqi_seqform_behaviour(sf, t, 0, x, beh);
    eqi_seqform_behaviour(sf, t, 1, y, beh);
    s = eqi_seqform_add_behaviour(sf, t, beh, r, who);
    free(beh);
    return s;
}

eq_status eqi_seqform_check(const eq_tree *t, const eq_tree_opts *o,
                            eq_tree_result *r, const char *who)
{
    if (!t->finished)
        return eqi_error(r->errmsg, EQ_ERR_ARG,
                         "%s: the tree is not finished (call eq_tree_finish)",
                         who);
    if (t->n != 2)
        return eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED,
                         "%s: the tree has %d player%s; the sequence form "
                         "needs exactly two (use -m spe)", who, t->n,
                         t->n == 1 ? "" : "s");
    if (o != NULL && o->exact)
        return eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED,
                         "%s: exact arithmetic is not available on the "
                         "sequence form; solve without it", who);
    return EQ_OK;
}

double eqi_seqform_tol(const eq_tree_opts *o)
{
    return (o != NULL && o->tol > 0.0 && o->tol < 0.01) ? o->tol : 1e-9;
}

void eqi_seqform_say(const eq_tree_opts *o, const char *msg)
{
    if (o != NULL && o->log != NULL)
        o->log(o->log_ud, 0, msg);
}
