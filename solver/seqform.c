/*
** seqform.c -- two-player trees with perfect recall solved on their
** sequence form (seqform.h): the zero-sum LP of Koller, Megiddo and von
** Stengel (1996) on GLPK, and Lemke's algorithm on the sequence-form LCP
** in the form of von Stengel, van den Elzen and Talman (2002).  Both
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
#include "lp.h"

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

/* calloc of k elements of size sz, at least one, so that 0 is no failure. */
static void *zalloc(size_t k, size_t sz)
{
    return calloc(k ? k : 1, sz);
}

/* Whether an a x b dense matrix stays under SF_MAX_DENSE entries. */
static int dense_ok(int a, int b)
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
    int *len = zalloc((size_t)ni, sizeof *len);
    int *start = zalloc((size_t)ni + 2, sizeof *start);
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
    sf->first = zalloc((size_t)ni, sizeof *sf->first);
    sf->parent = zalloc((size_t)ni, sizeof *sf->parent);
    sf->row = zalloc((size_t)ni, sizeof *sf->row);
    sf->boff = zalloc((size_t)ni, sizeof *sf->boff);
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
    if (!dense_ok(sf->n[0], sf->n[1]) || !dense_ok(sf->k[0], sf->n[0]) ||
        !dense_ok(sf->k[1], sf->n[1])) {
        int n0 = sf->n[0], n1 = sf->n[1];
        eqi_seqform_free(sf);
        return eqi_error(err, EQ_ERR_LIMIT,
                         "sequence form: %d x %d sequences are too many for "
                         "the dense sequence form", n0, n1);
    }
    for (int p = 0; p < 2; p++) {
        sf->order[p] = zalloc((size_t)sf->k[p], sizeof *sf->order[p]);
        sf->seq_iset[p] = zalloc((size_t)sf->n[p], sizeof *sf->seq_iset[p]);
        if (!sf->order[p] || !sf->seq_iset[p])
            goto nomem;
        sf->seq_iset[p][0] = -1;
    }
    for (int h = 0; h < ni; h++)
        for (int a = 0; a < t->iset[h].nact; a++)
            sf->seq_iset[t->iset[h].player][sf->first[h] + a] = h;
    sf->A = zalloc((size_t)sf->n[0] * (size_t)sf->n[1], sizeof *sf->A);
    sf->B = zalloc((size_t)sf->n[0] * (size_t)sf->n[1], sizeof *sf->B);
    sf->P = zalloc((size_t)sf->n[0] * (size_t)sf->n[1], sizeof *sf->P);
    sf->E = zalloc((size_t)sf->k[0] * (size_t)sf->n[0], sizeof *sf->E);
    sf->F = zalloc((size_t)sf->k[1] * (size_t)sf->n[1], sizeof *sf->F);
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

/*
** Player p's sequence-form payoffs under the map u -> 1 + (u - lo) / (hi -
** lo) of the leaf payoffs to [1, 2] (a constant player maps to 1): c M +
** d P (seqform.h).  A positive affine map changes no best reply, so the
** equilibria stay; it makes the tolerances independent of the payoffs'
** scale.  Halves, because hi - lo may overflow where hi/2 - lo/2 cannot.
** Returns a new n[0] x n[1] matrix, or NULL for lack of memory.
*/
static double *scaled_payoffs(const eqi_seqform *sf, const eq_tree *t, int p)
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

/*
** Turn the plans x, y into a behaviour profile, check it by its regret in
** the sequence form (independently of how it was found), and append it to
** r.  who names the method in messages.
*/
static eq_status add_plans(const eqi_seqform *sf, const eq_tree *t,
                           const double *x, const double *y,
                           eq_tree_result *r, const char *who)
{
    double *beh = zalloc((size_t)sf->tot, sizeof *beh);
    double *px = malloc((size_t)sf->n[0] * sizeof *px);
    double *py = malloc((size_t)sf->n[1] * sizeof *py);
    double reg = 0.0;
    eq_status s = EQ_OK;

    if (beh == NULL || px == NULL || py == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    eqi_seqform_behaviour(sf, t, 0, x, beh);
    eqi_seqform_behaviour(sf, t, 1, y, beh);
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
    free(beh);
    free(px);
    free(py);
    return s;
}

/* Checks common to both methods.  Returns EQ_OK or an error on r. */
static eq_status check_args(const eq_tree *t, const eq_tree_opts *o,
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

static double opts_tol(const eq_tree_opts *o)
{
    return (o != NULL && o->tol > 0.0 && o->tol < 0.01) ? o->tol : 1e-9;
}

static void say(const eq_tree_opts *o, const char *msg)
{
    if (o != NULL && o->log != NULL)
        o->log(o->log_ud, 0, msg);
}

/* ------------------------------------------------------------------ */
/* Zero-sum: the LP of Koller, Megiddo and von Stengel                  */
/* ------------------------------------------------------------------ */

int eqi_tree_is_constant_sum(const eq_tree *t)
{
    double lo = 0.0, hi = 0.0, scale = 0.0;
    int any = 0;
    for (int v = 0; v < t->nnode; v++) {
        const double *u;
        double s;
        if (t->node[v].kind != EQ_NODE_TERMINAL)
            continue;
        u = t->pays + t->node[v].pay0;
        s = u[0] + u[1];
        scale = fmax(scale, fabs(u[0]) + fabs(u[1]));
        if (!any || s < lo) lo = s;
        if (!any || s > hi) hi = s;
        any = 1;
    }
    return hi - lo <= 1e-12 * fmax(scale, 1.0);
}

/*
** Player 1's maximin LP over realization plans.  Player 2, facing x,
** minimises x^T A y over y >= 0 with F y = f, whose LP dual is
** max f^T q s.t. F^T q <= A^T x, q free.  So player 1 solves
**
**     max  f^T q  (= q_0)
**     s.t. F^T q - A^T x <= 0     rows 0 .. n2-1, one per sequence of 2
**          E x = e                rows n2 .. n2+k1-1
**          x >= 0, q free         columns x_0 .. x_{n1-1}, q_0 .. q_{k2-1}
**
** with A the scaled payoffs (scaled_payoffs).  Its optimum is the value of
** the game and x an optimal plan of player 1; its dual, min e^T p s.t.
** E^T p - A y >= 0, F y = f, y >= 0, is player 2's minimax problem, so the
** prices of rows 0 .. n2-1 (non-negative for "<=" rows of a maximisation)
** are an optimal plan y of player 2.
*/
static eq_status build_zerosum_lp(const eqi_seqform *sf, const double *A,
                                  eqi_lp **out, char *err)
{
    int n1 = sf->n[0], n2 = sf->n[1], k1 = sf->k[0], k2 = sf->k[1];
    size_t nz = 0, cap;
    int *ri = NULL, *ci = NULL;
    double *va = NULL;
    eqi_lp *lp = NULL;
    eq_status s;

    cap = (size_t)n1 * (size_t)n2 + 2 * (size_t)n1 + 2 * (size_t)n2;
    ri = malloc(cap * sizeof *ri);
    ci = malloc(cap * sizeof *ci);
    va = malloc(cap * sizeof *va);
    if (ri == NULL || ci == NULL || va == NULL) {
        s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int j = 0; j < n2; j++)
        for (int i = 0; i < n1; i++) {
            double a = A[(size_t)i * (size_t)n2 + (size_t)j];
            if (a != 0.0) {
                ri[nz] = j; ci[nz] = i; va[nz++] = -a;   /* -A^T x */
            }
        }
    for (int g = 0; g < k2; g++)
        for (int j = 0; j < n2; j++) {
            double f = sf->F[(size_t)g * (size_t)n2 + (size_t)j];
            if (f != 0.0) {
                ri[nz] = j; ci[nz] = n1 + g; va[nz++] = f;  /* F^T q */
            }
        }
    for (int h = 0; h < k1; h++)
        for (int i = 0; i < n1; i++) {
            double e = sf->E[(size_t)h * (size_t)n1 + (size_t)i];
            if (e != 0.0) {
                ri[nz] = n2 + h; ci[nz] = i; va[nz++] = e;  /* E x */
            }
        }
    if ((s = eqi_lp_new(&lp, n2 + k1, n1 + k2, EQI_LP_MAX)) != EQ_OK) {
        s = eqi_error(err, s, "zerosum: cannot create the LP: %s",
                      eq_status_string(s));
        goto done;
    }
    for (int j = 0; j < n2 && s == EQ_OK; j++)
        s = eqi_lp_set_row_bounds(lp, j, -HUGE_VAL, 0.0);
    for (int h = 0; h < k1 && s == EQ_OK; h++)
        s = eqi_lp_set_row_bounds(lp, n2 + h, h == 0 ? 1.0 : 0.0,
                                  h == 0 ? 1.0 : 0.0);
    for (int g = 0; g < k2 && s == EQ_OK; g++)
        s = eqi_lp_set_col_bounds(lp, n1 + g, -HUGE_VAL, HUGE_VAL);
    if (s == EQ_OK)
        s = eqi_lp_set_obj(lp, n1, 1.0);              /* f^T q = q_0 */
    if (s == EQ_OK)
        s = eqi_lp_add_entries(lp, (int)nz, ri, ci, va);
    if (s != EQ_OK) {
        eqi_error(err, s, "zerosum: %s", eqi_lp_errmsg(lp));
        eqi_lp_free(lp);
        lp = NULL;
    }
done:
    free(ri);
    free(ci);
    free(va);
    *out = lp;
    return s;
}

eq_status eqi_tree_solve_seq_zerosum(const eq_tree *t, const eq_tree_opts *o,
                                     eq_tree_result *r)
{
    static const char who[] = "zerosum";
    eqi_seqform *sf = NULL;
    eqi_lp *lp = NULL;
    eqi_lp_parm parm;
    double *A = NULL, *x = NULL, *y = NULL;
    eq_status s;

    if (t == NULL || r == NULL)
        return EQ_ERR_ARG;
    if ((s = check_args(t, o, r, who)) != EQ_OK)
        return s;
    if (!eqi_tree_is_constant_sum(t))
        return eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED,
                         "zerosum: the tree is not constant-sum (the sum of "
                         "the payoffs differs between leaves); use -m lemke");
    if ((s = eqi_seqform_new(t, &sf, r->errmsg)) != EQ_OK)
        return s;
    if ((A = scaled_payoffs(sf, t, 0)) == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((s = build_zerosum_lp(sf, A, &lp, r->errmsg)) != EQ_OK)
        goto done;
    /* The payoffs span [1, 2] times the chance weights and E, F hold
    ** +-1, so GLPK's tolerance may be ours as it is. */
    eqi_lp_parm_init(&parm);
    parm.tol = opts_tol(o);
    if ((s = eqi_lp_solve(lp, &parm)) != EQ_OK) {
        eqi_error(r->errmsg, s, "zerosum: %s", eqi_lp_errmsg(lp));
        goto done;
    }
    if (eqi_lp_status(lp) != EQI_LP_OPTIMAL) {
        /* Feasible (any plan x with q small) and bounded (q_0 is at most
        ** the largest payoff): only numerical trouble ends elsewhere. */
        s = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                      "zerosum: the sequence-form LP ended %s instead of optimal",
                      eqi_lp_sol_name(eqi_lp_status(lp)));
        goto done;
    }
    x = malloc((size_t)sf->n[0] * sizeof *x);
    y = malloc((size_t)sf->n[1] * sizeof *y);
    if (x == NULL || y == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int i = 0; i < sf->n[0]; i++)
        x[i] = eqi_lp_col_value(lp, i);
    for (int j = 0; j < sf->n[1]; j++)
        y[j] = eqi_lp_row_dual(lp, j);
    s = add_plans(sf, t, x, y, r, who);
    if (s == EQ_OK) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "zerosum: sequence-form LP with %d + %d sequences, %d "
                 "simplex iterations", sf->n[0], sf->n[1],
                 eqi_lp_iterations(lp));
        say(o, msg);
        snprintf(r->selection, sizeof r->selection,
                 "optimal (maximin) strategies from the sequence-form LP");
    }
done:
    free(A);
    free(x);
    free(y);
    eqi_lp_free(lp);
    eqi_seqform_free(sf);
    return s;
}

/* ------------------------------------------------------------------ */
/* Lemke's algorithm on the sequence-form LCP                           */
/* ------------------------------------------------------------------ */

/*
** The LCP of von Stengel, van den Elzen and Talman (2002), section 4,
** which follows the linear tracing procedure from a prior (xb, yb), a
** pair of realization plans -- here the centroid, every action uniform.
** With A, B the (scaled) sequence-form payoffs, unknowns x, y >= 0, u, v
** free and z0 >= 0:
**
**     w_x = E^T u - A y - (A yb) z0  >= 0,   x ⊥ w_x
**     w_y = F^T v - B^T x - (B^T xb) z0 >= 0,  y ⊥ w_y
**     E x + e z0 = e,    F y + f z0 = f.
**
** For z0 < 1, x / (1 - z0) and y / (1 - z0) are realization plans, and
** player 1's is a best reply to y + yb z0 = (1 - z0) (y / (1 - z0)) + z0 yb
** -- a mixture of player 2's plan and the prior, itself a plan -- because
** (x, u) meets the optimality conditions of player 1's best-reply LP
** max x^T A y' s.t. E x = e, x >= 0 (dual min e^T u s.t. E^T u >= A y');
** and likewise for player 2.  At z0 = 0 each plays a best reply to the
** other: a Nash equilibrium.  Because E x = e is kept as an equation and u
** is free, no sign of the payoffs is needed, unlike the LCP of Koller,
** Megiddo and von Stengel with u >= 0 and E x >= e (which needs negative
** payoffs and admits spurious solutions with E x != e); the payoffs are
** nevertheless mapped to [1, 2] (scaled_payoffs) for the tolerances.
**
** The path starts at z0 = 1, x = y = 0.  Its basis: z0, all of u and v
** (free variables stay basic throughout and never take part in the ratio
** test), x at the non-empty sequences of a pure best reply S of player 1
** to yb (one action at every set, backward induction), y at all the
** sequences of a pure best reply T of player 2 to xb, and the slacks w_x
** off S and w_y off T.  That is one variable short of complementary: x_0
** and w_0 are both non-basic, so x_0 enters first, driving z0 down.  The
** basis matrix is block triangular with unit triangular blocks (E and F
** restricted to S and T), hence non-singular.  Each step lets enter the
** complement of the variable that left; the path ends when z0 leaves, and
** when z0 ties for leaving it is chosen, which ends the path at once.
** Since x, y and z0 stay bounded (E x + e z0 = e), and a direction that
** changed only u and v would have E^T du >= 0 with e^T du = 0 -- so
** E^T du = 0 for every realization plan's support, i.e. du = 0 -- the path
** has no ray while z0 < 1.
**
** At z0 = 1, though, x = y = 0 and any u with E^T u >= A yb will do: that
** face has other rays (u_0 growing), and a path that comes back to it may
** leave on one.  It comes back only through best replies to the prior that
** tie with S or T, which a centroid prior makes common (equal payoffs in
** two branches suffice).  So the prior's payoffs per sequence, the
** covering vector's entries A yb and B^T xb, get a small generic
** perturbation (SL_JITTER times fractional parts of irrational multiples),
** which makes S and T the unique best replies and the first step a real
** one.  It touches only the coefficients of z0, so the end at z0 = 0 is an
** exact equilibrium of the game itself; it merely picks the path (the
** linear tracing procedure of a prior whose payoffs are slightly off).
** Should a path still end on a ray, another perturbation is tried.
**
** Remaining degeneracy (ties in the ratio test; the start has x = y = 0
** basic) is broken lexicographically: the right-hand side is perturbed by
** B0 (eps, eps^2, ...), B0 the starting basis, so the starting rows are
** lexicographically positive, and ties are broken by comparing the rows of
** the current tableau's columns of B0's sign-constrained variables,
** divided by the pivot column (as in lemke.c; the columns of u and v are
** unit vectors in rows that never compete).  The tableau is dense and kept
** in full (basic columns included), in double precision.
*/
typedef struct sl_state {
    int n1, n2, k1, k2;
    int X0, Y0, WX0, WY0, U0, V0, Z;   /* first column of each block */
    int rows, cols;    /* cols variables; the rhs is column cols */
    size_t w;          /* cols + 1 */
    double *t;         /* rows x w, row-major */
    int *bas;          /* rows: the basic column of each row */
    int *where;        /* cols: row of a basic column, -1 if non-basic */
    int *lex;          /* the sign-constrained columns of the start basis */
    int nlex;
    int *cand;         /* rows still tied in the ratio test */
    double *key;
    double tol;
    long pivots;
} sl_state;

static int sl_free_col(const sl_state *s, int c)
{
    return c >= s->U0 && c < s->Z;     /* u or v */
}

/* The complement of column c (x_i <-> w_x i, y_j <-> w_y j). */
static int sl_complement(const sl_state *s, int c)
{
    if (c < s->Y0) return s->WX0 + (c - s->X0);
    if (c < s->WX0) return s->WY0 + (c - s->Y0);
    if (c < s->WY0) return s->X0 + (c - s->WX0);
    return s->Y0 + (c - s->WY0);
}

/* Gauss-Jordan pivot on (pr, pc): the column of pc becomes e_pr. */
static void sl_pivot(sl_state *s, int pr, int pc)
{
    size_t w = s->w, cs = (size_t)pc;
    double *prow = s->t + (size_t)pr * w;
    double inv = 1.0 / prow[cs];
    int old = s->bas[pr];

    for (size_t c = 0; c < w; c++)
        prow[c] *= inv;
    prow[cs] = 1.0;
    for (int r = 0; r < s->rows; r++) {
        double *row = s->t + (size_t)r * w;
        double f = row[cs];
        if (r == pr || f == 0.0)
            continue;
        for (size_t c = 0; c < w; c++)
            row[c] -= f * prow[c];
        row[cs] = 0.0;
    }
    if (old >= 0)
        s->where[old] = -1;
    s->bas[pr] = pc;
    s->where[pc] = pr;
    s->pivots++;
}

/* Keep the candidates whose key is within tol of the smallest (relative
** for large keys); returns how many remain. */
static int keep_minimal(int *cand, double *key, int k, double tol)
{
    double best = key[0];
    int kept = 0;
    for (int c = 1; c < k; c++)
        if (key[c] < best)
            best = key[c];
    tol *= fmax(1.0, fabs(best));
    for (int c = 0; c < k; c++)
        if (key[c] <= best + tol) {
            cand[kept] = cand[c];
            key[kept++] = key[c];
        }
    return kept;
}

/* The leaving row when column col enters: the lexicographic minimum
** ratio over the rows of sign-constrained basic variables with a positive
** entry.  -1 if there is none (a ray). */
static int sl_ratio(sl_state *s, int col)
{
    size_t w = s->w, rhs = w - 1, cs = (size_t)col;
    double colmax = 0.0;
    int k = 0, best;

    for (int r = 0; r < s->rows; r++)
        if (!sl_free_col(s, s->bas[r]))
            colmax = fmax(colmax, s->t[(size_t)r * w + cs]);
    if (!(colmax > 0.0))
        return -1;
    for (int r = 0; r < s->rows; r++) {
        const double *row = s->t + (size_t)r * w;
        if (!sl_free_col(s, s->bas[r]) && row[cs] > s->tol * colmax) {
            s->key[k] = (row[rhs] > 0.0 ? row[rhs] : 0.0) / row[cs];
            s->cand[k++] = r;
        }
    }
    k = keep_minimal(s->cand, s->key, k, s->tol);
    /* If z0 can leave, it does: the basis is then complementary, a
    ** solution, whatever the perturbation would have chosen. */
    for (int c = 0; c < k; c++)
        if (s->bas[s->cand[c]] == s->Z)
            return s->cand[c];
    for (int j = 0; j < s->nlex && k > 1; j++) {
        size_t lc = (size_t)s->lex[j];
        for (int c = 0; c < k; c++) {
            const double *row = s->t + (size_t)s->cand[c] * w;
            s->key[c] = row[lc] / row[cs];
        }
        k = keep_minimal(s->cand, s->key, k, s->tol);
    }
    /* One row remains in exact arithmetic; of several left by rounding,
    ** the largest pivot is the stablest. */
    best = s->cand[0];
    for (int c = 1; c < k; c++)
        if (s->t[(size_t)s->cand[c] * w + cs] > s->t[(size_t)best * w + cs])
            best = s->cand[c];
    return best;
}

/* The raw system [M | rhs] of the LCP (see above), with A, B scaled and
** a = A yb, b = B^T xb. */
static void sl_fill(sl_state *s, const eqi_seqform *sf, const double *A,
                    const double *B, const double *a, const double *b)
{
    int n1 = s->n1, n2 = s->n2;
    size_t w = s->w, rhs = w - 1;

    for (int i = 0; i < n1; i++) {          /* w_x - E^T u + A y + a z0 = 0 */
        double *row = s->t + (size_t)i * w;
        row[s->WX0 + i] = 1.0;
        for (int h = 0; h < s->k1; h++)
            row[s->U0 + h] = -sf->E[(size_t)h * (size_t)n1 + (size_t)i];
        for (int j = 0; j < n2; j++)
            row[s->Y0 + j] = A[(size_t)i * (size_t)n2 + (size_t)j];
        row[s->Z] = a[i];
    }
    for (int j = 0; j < n2; j++) {          /* w_y - F^T v + B^T x + b z0 = 0 */
        double *row = s->t + (size_t)(n1 + j) * w;
        row[s->WY0 + j] = 1.0;
        for (int g = 0; g < s->k2; g++)
            row[s->V0 + g] = -sf->F[(size_t)g * (size_t)n2 + (size_t)j];
        for (int i = 0; i < n1; i++)
            row[s->X0 + i] = B[(size_t)i * (size_t)n2 + (size_t)j];
        row[s->Z] = b[j];
    }
    for (int h = 0; h < s->k1; h++) {       /* E x + e z0 = e */
        double *row = s->t + (size_t)(n1 + n2 + h) * w;
        for (int i = 0; i < n1; i++)
            row[s->X0 + i] = sf->E[(size_t)h * (size_t)n1 + (size_t)i];
        row[s->Z] = row[rhs] = h == 0 ? 1.0 : 0.0;
    }
    for (int g = 0; g < s->k2; g++) {       /* F y + f z0 = f */
        double *row = s->t + (size_t)(n1 + n2 + s->k1 + g) * w;
        for (int j = 0; j < n2; j++)
            row[s->Y0 + j] = sf->F[(size_t)g * (size_t)n2 + (size_t)j];
        row[s->Z] = row[rhs] = g == 0 ? 1.0 : 0.0;
    }
}

/*
** Bring the starting basis (columns basis[0 .. rows-1]) into canonical
** form by Gauss-Jordan elimination with partial pivoting: each column
** takes the free row where its entry is largest.  Returns 0, or -1 if the
** basis is numerically singular.
*/
static int sl_canonical(sl_state *s, const int *basis)
{
    for (int r = 0; r < s->rows; r++)
        s->bas[r] = -1;
    for (int c = 0; c < s->cols; c++)
        s->where[c] = -1;
    for (int q = 0; q < s->rows; q++) {
        int c = basis[q], best = -1;
        double big = 0.0;
        for (int r = 0; r < s->rows; r++) {
            double v = fabs(s->t[(size_t)r * s->w + (size_t)c]);
            if (s->bas[r] < 0 && v > big) {
                big = v;
                best = r;
            }
        }
        if (best < 0 || big < 1e-9)
            return -1;
        sl_pivot(s, best, c);
    }
    return 0;
}

/* Size of the perturbation of the prior's payoffs (payoffs span [1, 2]). */
#define SL_JITTER 1e-3

/* A deterministic number in [0, 1) for sequence i of player p: the
** fractional part of a combination of irrational numbers, so that sums of
** different sequences' values do not tie.  Another attempt, others. */
static double jitter(int p, int i, int attempt)
{
    double v = (double)(i + 1) * 0.6180339887498949 +
               (double)p * 0.7320508075688772 +
               (double)attempt * 0.4142135623730950;
    return v - floor(v);
}

/*
** Run Lemke's algorithm on sf with the scaled payoffs A, B.  On success x
** and y hold the equilibrium's plans.  Errors are left on err.
*/
static eq_status sl_run(const eqi_seqform *sf, const eq_tree *t,
                        const double *A, const double *B, double tol,
                        int attempt, double *x, double *y, long *npiv,
                        char *err)
{
    sl_state s;
    int n1 = sf->n[0], n2 = sf->n[1], k1 = sf->k[0], k2 = sf->k[1];
    int *basis = NULL, *choice = NULL, nb = 0, enter;
    double *xb = NULL, *yb = NULL, *a = NULL, *b = NULL, *work = NULL;
    char *inS = NULL, *inT = NULL;
    long cap;
    eq_status st = EQ_OK;

    memset(&s, 0, sizeof s);
    s.n1 = n1; s.n2 = n2; s.k1 = k1; s.k2 = k2;
    s.X0 = 0;
    s.Y0 = n1;
    s.WX0 = n1 + n2;
    s.WY0 = 2 * n1 + n2;
    s.U0 = 2 * (n1 + n2);
    s.V0 = s.U0 + k1;
    s.Z = s.V0 + k2;
    s.cols = s.Z + 1;
    s.rows = n1 + n2 + k1 + k2;
    s.w = (size_t)s.cols + 1;
    s.tol = tol;
    if (!dense_ok(s.rows, s.cols + 1))
        return eqi_error(err, EQ_ERR_LIMIT,
                         "lemke: the sequence-form tableau (%d x %d) is too "
                         "large", s.rows, s.cols + 1);
    s.t = calloc((size_t)s.rows * s.w, sizeof *s.t);
    s.bas = malloc((size_t)s.rows * sizeof *s.bas);
    s.where = malloc((size_t)s.cols * sizeof *s.where);
    s.lex = malloc((size_t)s.rows * sizeof *s.lex);
    s.cand = malloc((size_t)s.rows * sizeof *s.cand);
    s.key = malloc((size_t)s.rows * sizeof *s.key);
    basis = malloc((size_t)s.rows * sizeof *basis);
    choice = zalloc((size_t)t->niset, sizeof *choice);
    xb = malloc((size_t)n1 * sizeof *xb);
    yb = malloc((size_t)n2 * sizeof *yb);
    a = calloc((size_t)n1, sizeof *a);
    b = calloc((size_t)n2, sizeof *b);
    work = malloc((size_t)(n1 > n2 ? n1 : n2) * sizeof *work);
    inS = calloc((size_t)n1, 1);
    inT = calloc((size_t)n2, 1);
    if (!s.t || !s.bas || !s.where || !s.lex || !s.cand || !s.key || !basis ||
        !choice || !xb || !yb || !a || !b || !work || !inS || !inT) {
        st = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }

    /* The prior: the centroid, uniform at every set; a = A yb and
    ** b = B^T xb are what each player earns per sequence against it. */
    {
        double *beh = zalloc((size_t)sf->tot, sizeof *beh);
        if (beh == NULL) {
            st = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (int h = 0; h < t->niset; h++)
            for (int k = 0; k < t->iset[h].nact; k++)
                beh[sf->boff[h] + k] = 1.0 / (double)t->iset[h].nact;
        eqi_seqform_realize(sf, t, 0, beh, xb);
        eqi_seqform_realize(sf, t, 1, beh, yb);
        free(beh);
    }
    for (int i = 0; i < n1; i++)
        for (int j = 0; j < n2; j++) {
            size_t ij = (size_t)i * (size_t)n2 + (size_t)j;
            a[i] += A[ij] * yb[j];
            b[j] += B[ij] * xb[i];
        }
    /* Break every tie among best replies to the prior (see above). */
    for (int i = 0; i < n1; i++)
        a[i] += SL_JITTER * jitter(0, i, attempt);
    for (int j = 0; j < n2; j++)
        b[j] += SL_JITTER * jitter(1, j, attempt);
    sl_fill(&s, sf, A, B, a, b);

    /* The starting basis: pure best replies S to yb and T to xb. */
    eqi_seqform_best_value(sf, t, 0, a, choice, work);
    eqi_seqform_best_value(sf, t, 1, b, choice, work);
    inS[0] = inT[0] = 1;
    for (int h = 0; h < t->niset; h++) {
        if (t->iset[h].player == 0)
            inS[sf->first[h] + choice[h]] = 1;
        else
            inT[sf->first[h] + choice[h]] = 1;
    }
    basis[nb++] = s.Z;
    for (int i = 1; i < n1; i++)           /* x_0 stays out: it enters */
        if (inS[i])
            basis[nb++] = s.X0 + i;
    for (int j = 0; j < n2; j++)
        if (inT[j])
            basis[nb++] = s.Y0 + j;
    for (int i = 0; i < n1; i++)
        if (!inS[i])
            basis[nb++] = s.WX0 + i;
    for (int j = 0; j < n2; j++)
        if (!inT[j])
            basis[nb++] = s.WY0 + j;
    s.nlex = nb;                           /* the sign-constrained ones */
    memcpy(s.lex, basis, (size_t)nb * sizeof *basis);
    for (int h = 0; h < k1; h++)
        basis[nb++] = s.U0 + h;
    for (int g = 0; g < k2; g++)
        basis[nb++] = s.V0 + g;
    if (nb != s.rows || sl_canonical(&s, basis) != 0) {
        st = eqi_error(err, EQ_ERR_INTERNAL,
                       "lemke: the starting basis of the sequence-form LCP "
                       "is singular");
        goto done;
    }
    /* Its values are z0 = 1, x = y = 0 and the slacks of best replies,
    ** all >= 0 but for rounding. */
    for (int r = 0; r < s.rows; r++) {
        double *v = s.t + (size_t)r * s.w + (s.w - 1);
        if (sl_free_col(&s, s.bas[r]))
            continue;
        if (*v < -1e3 * tol) {
            st = eqi_error(err, EQ_ERR_INTERNAL,
                           "lemke: the starting basis is infeasible (%g)", *v);
            goto done;
        }
        if (*v < 0.0)
            *v = 0.0;
    }

    /* Paths are short on most trees; the cap only guarantees an end. */
    cap = 200L * (long)s.rows + 10000L;
    s.pivots = 0;
    for (enter = s.X0;;) {
        int row, leave;
        if (s.pivots >= cap) {
            st = eqi_error(err, EQ_ERR_LIMIT,
                           "lemke: more than %ld pivots on the sequence-form "
                           "LCP; the path is too long", cap);
            goto done;
        }
        if (s.where[enter] >= 0) {
            st = eqi_error(err, EQ_ERR_INTERNAL,
                           "lemke: the entering variable %d is basic", enter);
            goto done;
        }
        row = sl_ratio(&s, enter);
        if (row < 0) {
            st = eqi_error(err, EQ_ERR_NUMERIC,
                           "lemke: the path ended on a ray after %ld pivots "
                           "(rounding error)", s.pivots);
            goto done;
        }
        leave = s.bas[row];
        sl_pivot(&s, row, enter);
        if (leave == s.Z)
            break;                          /* z0 = 0: an equilibrium */
        enter = sl_complement(&s, leave);
    }
    *npiv = s.pivots;
    for (int i = 0; i < n1; i++) {
        int r = s.where[s.X0 + i];
        x[i] = r >= 0 ? s.t[(size_t)r * s.w + (s.w - 1)] : 0.0;
    }
    for (int j = 0; j < n2; j++) {
        int r = s.where[s.Y0 + j];
        y[j] = r >= 0 ? s.t[(size_t)r * s.w + (s.w - 1)] : 0.0;
    }
done:
    free(s.t);
    free(s.bas);
    free(s.where);
    free(s.lex);
    free(s.cand);
    free(s.key);
    free(basis);
    free(choice);
    free(xb);
    free(yb);
    free(a);
    free(b);
    free(work);
    free(inS);
    free(inT);
    return st;
}

/* Paths tried, each with another perturbation of the prior's payoffs. */
#define SL_ATTEMPTS 3

eq_status eqi_tree_solve_seq_lemke(const eq_tree *t, const eq_tree_opts *o,
                                   eq_tree_result *r)
{
    static const char who[] = "lemke";
    eqi_seqform *sf = NULL;
    double *A = NULL, *B = NULL, *x = NULL, *y = NULL;
    long npiv = 0;
    eq_status s;

    if (t == NULL || r == NULL)
        return EQ_ERR_ARG;
    if ((s = check_args(t, o, r, who)) != EQ_OK)
        return s;
    if ((s = eqi_seqform_new(t, &sf, r->errmsg)) != EQ_OK)
        return s;
    A = scaled_payoffs(sf, t, 0);
    B = scaled_payoffs(sf, t, 1);
    x = malloc((size_t)sf->n[0] * sizeof *x);
    y = malloc((size_t)sf->n[1] * sizeof *y);
    if (A == NULL || B == NULL || x == NULL || y == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* A ray or a bad end can only come from rounding or a coincidence
    ** among the perturbations; another perturbation takes another path. */
    for (int attempt = 0; attempt < SL_ATTEMPTS; attempt++) {
        s = sl_run(sf, t, A, B, opts_tol(o), attempt, x, y, &npiv, r->errmsg);
        if (s == EQ_OK)
            s = add_plans(sf, t, x, y, r, who);
        if (s != EQ_ERR_NUMERIC)
            break;
    }
    if (s == EQ_OK) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "lemke: sequence-form LCP with %d + %d sequences, %ld pivots",
                 sf->n[0], sf->n[1], npiv);
        say(o, msg);
        snprintf(r->selection, sizeof r->selection,
                 "one equilibrium, by Lemke's algorithm on the sequence form "
                 "(traced from the centroid)");
    }
done:
    free(A);
    free(B);
    free(x);
    free(y);
    eqi_seqform_free(sf);
    return s;
}
