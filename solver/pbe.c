/*
** pbe.c -- every pure-strategy weak perfect Bayesian equilibrium of a game
** tree, with the beliefs that support it, and the Intuitive Criterion and
** D1 for signalling games.
**
** WEAK PERFECT BAYESIAN EQUILIBRIUM (Mas-Colell, Whinston and Green,
** "Microeconomic Theory", 1995, def. 9.C.3).  An assessment (b, mu) is one
** when b is sequentially rational given mu at every information set (the
** mover's continuation from the set is a best reply, given mu and the
** others' behaviour; beliefs.c computes the gain of the best deviation)
** and mu follows Bayes' rule at every set that b reaches.  Off the path
** the beliefs are free, and independent from set to set.
**
** ENUMERATION.  Every pure behaviour profile b is tried, the first set's
** action varying slowest.  At the sets b reaches, mu is Bayes' rule and
** the gain is computed directly.  At a set h that b does not reach, b
** passes when some belief makes its continuation optimal.  With the
** region of h (beliefs.h: the mover p's own sets below h, local sequences
** s, and the payoff coefficients C[i][s] of h's members v_i), the best
** continuation value for a belief mu is the value of the LP
**     max sum_s r_s (sum_i mu_i C[i][s])  s.t.  r a realization plan of
**     the region (r of h's actions sums to 1, r of a set's actions sums to
**     r of the sequence leading to it), r >= 0,
** whose dual is  min u_h  s.t.  u_g - sum_{g' after s} u_g' >= sum_i mu_i
** C[i][s] for each sequence s = (g, b).  With mu free too, one LP
**     min  u_h - sum_i mu_i val_i
**     s.t. u_g - sum_{g' after s} u_g' - sum_i mu_i C[i][s] >= 0  (each s)
**          sum_i mu_i = 1,  mu >= 0,  u free
** gives the smallest gain over all beliefs (val_i: p's payoff from v_i
** under b).  b passes at h when it is at most the tie tolerance (tol times
** the payoffs' range); the LP's mu is then a supporting belief, checked
** again by a direct computation of its gain.  The LP goes through lp.c.
**
** THE SUPPORTING SET.  The beliefs supporting b at h are
**     S = { mu in the simplex : (U^pi - val) . mu <= 0 for every pure
**           continuation plan pi of p in the region },
** U^pi_i being p's payoff from v_i when p follows pi below it: a polytope.
** Its vertices are found by cutting planes: start from the simplex; take
** the vertices of the current polytope (every choice of m - 1 tight
** constraints among mu_i >= 0 and the cuts, with sum mu = 1, solved and
** kept if feasible); at each vertex find the best plan (eqi_region_best);
** where it gains more than the tolerance, add its constraint and repeat.
** Each round adds a plan not yet used, so this ends; when no vertex
** gains, the polytope equals S (S lies inside it, and it is the hull of
** vertices that lie in the convex S).  For two nodes S is an interval.
**
** SIGNALLING GAMES.  Chance draws the sender's type t (probability
** pi_t > 0) at the root; the sender sees t and sends a message m (one
** singleton set per type, the same number of messages at each); the
** receiver sees m only (one set per message, one node per type) and
** responds r; play ends.  With u*(t) the sender's equilibrium payoff as
** type t, and BR(T, m) the responses that are best replies to some belief
** over the types in T after m:
**   Intuitive Criterion (Cho and Kreps, "Signaling games and stable
**   equilibria", QJE 102, 1987): for each message m no type sends, let J
**   be the types for which m is equilibrium-dominated, u*(t) > max over
**   r in BR(all, m) of u_S(t, m, r).  If J is not every type and some
**   type t' has u*(t') < min over r in BR(not J, m) of u_S(t', m, r), the
**   equilibrium fails.
**   D1 (Cho and Kreps 1987, sec. V; Banks and Sobel 1987): for each unsent
**   m, over the receiver's mixed best replies alpha to beliefs after m,
**   let D(t) = { alpha : u_S(t, m, alpha) > u*(t) } and D0(t) those with
**   equality.  Type t is eliminated when D(t) u D0(t) is contained in
**   D(t') for some other type t'.  The equilibrium fails when some type
**   is left and the equilibrium's response to m is a best reply to no
**   belief over the types left (every type eliminated: no restriction).
** The mixed best replies are the mixtures over "cells": sets A of
** responses that are all best replies to one belief (an LP each); the
** containment fails exactly when for some cell A an alpha in the simplex
** over A has u_S(t, alpha) >= u*(t) and u_S(t', alpha) <= u*(t') (an LP).
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beliefs.h"
#include "lp.h"

#define PBE_MAX_PROFILES 1000000L /* pure behaviour profiles enumerated */
#define PBE_MAX_NODES 100000      /* nodes of the tree */
#define PBE_MAX_SET_NODES 6       /* nodes of an unreached set whose
                                     supporting beliefs are enumerated */
#define PBE_MAX_CUTS 200          /* rounds of the cutting-plane loop */
#define PBE_MAX_SUBSETS 2000000L  /* systems tried in one vertex search */
#define PBE_MAX_RESPONSES 12      /* receiver's responses to a message (D1
                                     enumerates their subsets) */

/* Everything one solve needs. */
typedef struct pbe {
    const eq_tree *t;
    const eq_tree_opts *o;
    eq_tree_result *r;
    double tie;          /* payoff comparisons: tol x range */
    eqi_gain g;
    eqi_region R;
    int *choice;         /* niset: the pure profile */
    double *beh;         /* r->tot: its behaviour */
    const double **ptr;  /* niset: beh per set */
    double *mu;          /* niset x maxm: the belief at each set */
    int *reached;        /* niset */
    int maxm;
    /* cutting planes: cuts x maxm, and vertices */
    double *cut;
    int ncut, capcut;
    double *vtx;
    int nvtx, capvtx;
    int *plan;           /* region sets */
    int capplan;
    double *u;           /* maxm */
} pbe;

/* ------------------------------------------------------------------ */
/* Small dense LPs                                                      */
/* ------------------------------------------------------------------ */

/*
** Solve  min (or max) c . x  s.t.  rlo <= A x <= rhi,  x_j >= 0 (or free
** where freecol[j]), with A dense nrow x ncol row-major, through lp.c.
** *feasible: OUT, 1 if an optimum was found, 0 if infeasible.  x: OUT,
** may be NULL.  *obj: OUT, may be NULL.  Errors go to err.
*/
static eq_status dense_lp(int nrow, int ncol, const double *A, const double *rlo,
                          const double *rhi, const double *c, const char *freecol,
                          int maximize, int *feasible, double *x, double *obj,
                          char *err)
{
    eqi_lp *lp = NULL;
    eqi_lp_parm parm;
    eq_status s;

    *feasible = 0;
    s = eqi_lp_new(&lp, nrow, ncol, maximize ? EQI_LP_MAX : EQI_LP_MIN);
    if (s != EQ_OK)
        return eqi_error(err, s, "pbe: cannot create an LP: %s", eq_status_string(s));
    for (int j = 0; j < ncol && s == EQ_OK; j++) {
        if (c != NULL)
            s = eqi_lp_set_obj(lp, j, c[j]);
        if (s == EQ_OK && freecol != NULL && freecol[j])
            s = eqi_lp_set_col_bounds(lp, j, -HUGE_VAL, HUGE_VAL);
    }
    for (int i = 0; i < nrow && s == EQ_OK; i++)
        s = eqi_lp_set_row_bounds(lp, i, rlo[i], rhi[i]);
    if (s == EQ_OK)
        s = eqi_lp_add_block(lp, 0, 0, nrow, ncol, A, (size_t)ncol, 1);
    if (s == EQ_OK) {
        eqi_lp_parm_init(&parm);
        s = eqi_lp_solve(lp, &parm);
        if (s == EQ_OK && eqi_lp_status(lp) != EQI_LP_OPTIMAL &&
            eqi_lp_status(lp) != EQI_LP_INFEASIBLE) {
            /* Retry without scaling, from the primal side. */
            parm.scale = 0;
            s = eqi_lp_solve(lp, &parm);
        }
    }
    if (s != EQ_OK) {
        eqi_error(err, s, "pbe: LP: %s", eqi_lp_errmsg(lp));
        eqi_lp_free(lp);
        return s;
    }
    if (eqi_lp_status(lp) == EQI_LP_OPTIMAL) {
        *feasible = 1;
        if (x != NULL)
            for (int j = 0; j < ncol; j++)
                x[j] = eqi_lp_col_value(lp, j);
        if (obj != NULL)
            *obj = eqi_lp_obj_value(lp);
    } else if (eqi_lp_status(lp) != EQI_LP_INFEASIBLE) {
        s = eqi_error(err, EQ_ERR_LP, "pbe: an LP ended %s",
                      eqi_lp_sol_name(eqi_lp_status(lp)));
    }
    eqi_lp_free(lp);
    return s;
}

/*
** The smallest gain at the region's set over all beliefs (the LP in the
** header comment).  mu: OUT, R->m doubles, the minimising belief, clipped
** and normalised.  *gain: OUT.
*/
static eq_status min_gain(pbe *c, double *mu, double *gain)
{
    const eqi_region *R = &c->R;
    int m = R->m, ng = R->ng, ns = R->ns, nrow = ns + 1, ncol = m + ng, feas;
    double *A = calloc((size_t)nrow * (size_t)ncol, sizeof *A);
    double *lo = malloc((size_t)nrow * sizeof *lo);
    double *hi = malloc((size_t)nrow * sizeof *hi);
    double *cc = calloc((size_t)ncol, sizeof *cc);
    double *x = malloc((size_t)ncol * sizeof *x);
    char *fr = calloc((size_t)ncol, 1);
    double sum = 0.0, obj = 0.0;
    eq_status s;

    if (!A || !lo || !hi || !cc || !x || !fr) {
        s = eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* Columns: mu_0 .. mu_{m-1}, then u_0 .. u_{ng-1} (free). */
    for (int j = 0; j < ng; j++) {
        fr[m + j] = 1;
        for (int b = 0; b < c->t->iset[R->g[j]].nact; b++) {
            int srow = R->gfirst[j] + b;
            double *row = A + (size_t)srow * (size_t)ncol;
            row[m + j] += 1.0;
            for (int i = 0; i < m; i++)
                row[i] -= R->C[(size_t)i * (size_t)ns + (size_t)srow];
        }
        if (j > 0)
            A[(size_t)R->gpar[j] * (size_t)ncol + (size_t)(m + j)] -= 1.0;
    }
    for (int srow = 0; srow < ns; srow++) {
        lo[srow] = 0.0;
        hi[srow] = HUGE_VAL;
    }
    for (int i = 0; i < m; i++) {
        A[(size_t)ns * (size_t)ncol + (size_t)i] = 1.0;
        cc[i] = -R->val[i];
    }
    lo[ns] = hi[ns] = 1.0;
    cc[m] = 1.0;
    s = dense_lp(nrow, ncol, A, lo, hi, cc, fr, 0, &feas, x, &obj, c->r->errmsg);
    if (s != EQ_OK)
        goto done;
    if (!feas) {
        s = eqi_error(c->r->errmsg, EQ_ERR_INTERNAL,
                      "pbe: the belief LP at set %d is infeasible", R->h);
        goto done;
    }
    for (int i = 0; i < m; i++) {
        mu[i] = x[i] > 0.0 ? x[i] : 0.0;
        sum += mu[i];
    }
    for (int i = 0; i < m; i++)
        mu[i] = sum > 0.0 ? mu[i] / sum : 1.0 / (double)m;
    *gain = obj;
done:
    free(A);
    free(lo);
    free(hi);
    free(cc);
    free(x);
    free(fr);
    return s;
}

/* ------------------------------------------------------------------ */
/* The supporting set                                                   */
/* ------------------------------------------------------------------ */

/* Solve the m x m system M z = rhs in place (row-major, partial
** pivoting).  Returns -1 if it is singular. */
static int small_solve(int m, double *M, double *rhs)
{
    for (int k = 0; k < m; k++) {
        int piv = k;
        for (int i = k + 1; i < m; i++)
            if (fabs(M[i * m + k]) > fabs(M[piv * m + k]))
                piv = i;
        if (fabs(M[piv * m + k]) < 1e-12)
            return -1;
        if (piv != k) {
            for (int j = 0; j < m; j++) {
                double x = M[k * m + j];
                M[k * m + j] = M[piv * m + j];
                M[piv * m + j] = x;
            }
            double x = rhs[k];
            rhs[k] = rhs[piv];
            rhs[piv] = x;
        }
        for (int i = k + 1; i < m; i++) {
            double f = M[i * m + k] / M[k * m + k];
            if (f == 0.0)
                continue;
            for (int j = k; j < m; j++)
                M[i * m + j] -= f * M[k * m + j];
            rhs[i] -= f * rhs[k];
        }
    }
    for (int k = m - 1; k >= 0; k--) {
        double s = rhs[k];
        for (int j = k + 1; j < m; j++)
            s -= M[k * m + j] * rhs[j];
        rhs[k] = s / M[k * m + k];
    }
    return 0;
}

/* Append vertex z (m doubles) unless already there.  0 or -1. */
static int add_vertex(pbe *c, int m, const double *z)
{
    for (int q = 0; q < c->nvtx; q++) {
        const double *w = c->vtx + (size_t)q * (size_t)m;
        double d = 0.0;
        for (int i = 0; i < m; i++)
            d = fmax(d, fabs(w[i] - z[i]));
        if (d <= 1e-9)
            return 0;
    }
    if (c->nvtx == c->capvtx) {
        int cap = c->capvtx ? 2 * c->capvtx : 16;
        double *p = realloc(c->vtx, (size_t)cap * (size_t)c->maxm * sizeof *p);
        if (p == NULL)
            return -1;
        c->vtx = p;
        c->capvtx = cap;
    }
    memcpy(c->vtx + (size_t)c->nvtx * (size_t)m, z, (size_t)m * sizeof *z);
    c->nvtx++;
    return 0;
}

/*
** The vertices of { mu in the simplex over m nodes : cut_j . mu <= 0 }
** into c->vtx (c->nvtx of them): every m - 1 tight constraints among
** mu_i >= 0 (index i < m) and the cuts (index m + j), with sum mu = 1.
*/
static eq_status polytope_vertices(pbe *c, int m)
{
    int N = m + c->ncut, k = m - 1, idx[PBE_MAX_SET_NODES];
    double M[PBE_MAX_SET_NODES * PBE_MAX_SET_NODES], z[PBE_MAX_SET_NODES];
    long tried = 0;

    c->nvtx = 0;
    if (m == 1) {
        z[0] = 1.0;
        return add_vertex(c, 1, z) == 0 ? EQ_OK
               : eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    for (int i = 0; i < k; i++)
        idx[i] = i;
    for (;;) {
        int ok = 1;
        if (++tried > PBE_MAX_SUBSETS)
            return eqi_error(c->r->errmsg, EQ_ERR_LIMIT,
                             "pbe: the supporting beliefs at set %d need more than "
                             "%ld vertex systems (PBE_MAX_SUBSETS)", c->R.h,
                             PBE_MAX_SUBSETS);
        for (int j = 0; j < m; j++)
            M[j] = 1.0;
        z[0] = 1.0;
        for (int q = 0; q < k; q++) {
            double *row = M + (size_t)(q + 1) * (size_t)m;
            if (idx[q] < m) {
                for (int j = 0; j < m; j++)
                    row[j] = j == idx[q] ? 1.0 : 0.0;
            } else {
                memcpy(row, c->cut + (size_t)(idx[q] - m) * (size_t)c->maxm,
                       (size_t)m * sizeof *row);
            }
            z[q + 1] = 0.0;
        }
        if (small_solve(m, M, z) == 0) {
            double sum = 0.0;
            for (int i = 0; i < m && ok; i++)
                ok = z[i] >= -1e-9;
            for (int j = 0; j < c->ncut && ok; j++) {
                const double *a = c->cut + (size_t)j * (size_t)c->maxm;
                double d = 0.0;
                for (int i = 0; i < m; i++)
                    d += a[i] * z[i];
                ok = d <= c->tie;
            }
            if (ok) {
                for (int i = 0; i < m; i++) {
                    if (z[i] < 0.0)
                        z[i] = 0.0;
                    sum += z[i];
                }
                for (int i = 0; i < m; i++)
                    z[i] /= sum;
                if (add_vertex(c, m, z) != 0)
                    return eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
            }
        }
        /* Next combination of k indices out of N. */
        {
            int q = k - 1;
            while (q >= 0 && idx[q] == N - k + q)
                q--;
            if (q < 0)
                break;
            idx[q]++;
            for (int j = q + 1; j < k; j++)
                idx[j] = idx[j - 1] + 1;
        }
    }
    return EQ_OK;
}

/* Make room for region plans and one more cut.  0 or -1. */
static int cut_room(pbe *c)
{
    if (c->R.ng > c->capplan) {
        int *p = realloc(c->plan, (size_t)c->R.ng * sizeof *p);
        if (p == NULL)
            return -1;
        c->plan = p;
        c->capplan = c->R.ng;
    }
    if (c->ncut == c->capcut) {
        int cap = c->capcut ? 2 * c->capcut : 8;
        double *p = realloc(c->cut, (size_t)cap * (size_t)c->maxm * sizeof *p);
        if (p == NULL)
            return -1;
        c->cut = p;
        c->capcut = cap;
    }
    return 0;
}

/*
** The vertices of the beliefs supporting the profile at the region's
** (unreached) set, by cutting planes (header comment); lp_mu, a supporting
** belief from the LP, stands in when rounding leaves the polytope empty.
** Leaves them in c->vtx.
*/
static eq_status supporting_set(pbe *c, const double *lp_mu)
{
    int m = c->R.m;
    eq_status s;
    if (m > PBE_MAX_SET_NODES)
        return eqi_error(c->r->errmsg, EQ_ERR_LIMIT,
                         "pbe: information set %d%s%s%s has %d nodes and is off the "
                         "path; its supporting beliefs are enumerated for sets of at "
                         "most %d nodes (PBE_MAX_SET_NODES)", c->R.h,
                         c->t->iset[c->R.h].label ? " ('" : "",
                         c->t->iset[c->R.h].label ? c->t->iset[c->R.h].label : "",
                         c->t->iset[c->R.h].label ? "')" : "", m, PBE_MAX_SET_NODES);
    c->ncut = 0;
    for (int round = 0;; round++) {
        int added = 0, nv;
        if (round >= PBE_MAX_CUTS)
            return eqi_error(c->r->errmsg, EQ_ERR_LIMIT,
                             "pbe: the supporting beliefs at set %d need more than "
                             "%d rounds of cuts (PBE_MAX_CUTS)", c->R.h, PBE_MAX_CUTS);
        if ((s = polytope_vertices(c, m)) != EQ_OK)
            return s;
        nv = c->nvtx;
        for (int q = 0; q < nv; q++) {
            const double *z = c->vtx + (size_t)q * (size_t)m;
            double best, cur = 0.0;
            double *a;
            int dup = 0;
            if (cut_room(c) != 0)
                return eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
            best = eqi_region_best(&c->g, &c->R, z, c->plan);
            if (best == -HUGE_VAL)
                return eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
            for (int i = 0; i < m; i++)
                cur += z[i] * c->R.val[i];
            if (best - cur <= c->tie)
                continue;
            a = c->cut + (size_t)c->ncut * (size_t)c->maxm;
            eqi_region_plan_payoffs(&c->g, &c->R, c->plan, c->u);
            for (int i = 0; i < m; i++)
                a[i] = c->u[i] - c->R.val[i];
            for (int j = 0; j < c->ncut && !dup; j++) {
                const double *b = c->cut + (size_t)j * (size_t)c->maxm;
                double d = 0.0;
                for (int i = 0; i < m; i++)
                    d = fmax(d, fabs(a[i] - b[i]));
                dup = d <= 1e-12;
            }
            if (!dup) {
                c->ncut++;
                added = 1;
            }
        }
        if (!added)
            break;
    }
    if (c->nvtx == 0 && add_vertex(c, m, lp_mu) != 0)
        return eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
    return EQ_OK;
}

/* ------------------------------------------------------------------ */
/* Signalling games and their refinements                               */
/* ------------------------------------------------------------------ */

typedef struct sig {
    int K, M;          /* types, messages */
    int S, R;          /* sender, receiver */
    int *tnode;        /* K: the sender's node of each type */
    int *hs;           /* K: the sender's set of each type */
    int *hr;           /* M: the receiver's set after each message */
    int *slot;         /* M x K: position of type t's node in hr[m] */
    double *prior;     /* K */
} sig;

static void sig_free(sig *g)
{
    free(g->tnode);
    free(g->hs);
    free(g->hr);
    free(g->slot);
    free(g->prior);
}

/* Recognise a signalling game (header comment); the reason it is not one
** goes to err with EQ_ERR_UNSUPPORTED. */
static eq_status signalling(const eq_tree *t, const char *what, sig *g, char *err)
{
    const eqi_node *root = &t->node[0];
    memset(g, 0, sizeof *g);
#define NOT_SIG(...) do { char why_[200]; snprintf(why_, sizeof why_, __VA_ARGS__); \
        sig_free(g); \
        return eqi_error(err, EQ_ERR_UNSUPPORTED, "pbe: %s needs a signalling game " \
                         "(chance draws the sender's type, the sender sends a message, " \
                         "the receiver sees only the message and responds, play ends); " \
                         "here %s", what, why_); } while (0)
    if (root->kind != EQ_NODE_CHANCE || root->nchild < 2)
        NOT_SIG("the root is not a chance move with two or more types");
    g->K = root->nchild;
    g->tnode = malloc((size_t)g->K * sizeof *g->tnode);
    g->hs = malloc((size_t)g->K * sizeof *g->hs);
    g->prior = malloc((size_t)g->K * sizeof *g->prior);
    if (!g->tnode || !g->hs || !g->prior) {
        sig_free(g);
        return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    }
    for (int k = 0; k < g->K; k++) {
        int v = root->child0 + k;
        const eqi_node *x = &t->node[v];
        g->tnode[k] = v;
        g->prior[k] = t->probs[root->prob0 + k];
        if (!(g->prior[k] > 0.0))
            NOT_SIG("type %d has probability 0", k + 1);
        if (x->kind != EQ_NODE_DECISION)
            NOT_SIG("type %d does not move", k + 1);
        if (k == 0) {
            g->S = x->player;
            g->M = x->nchild;
        } else if (x->player != g->S || x->nchild != g->M) {
            NOT_SIG("the types' moves differ in player or number of messages");
        }
        if (t->iset[x->infoset].nmem != 1)
            NOT_SIG("the sender does not see the type (type %d shares a set)", k + 1);
        g->hs[k] = x->infoset;
    }
    g->hr = malloc((size_t)g->M * sizeof *g->hr);
    g->slot = malloc((size_t)g->M * (size_t)g->K * sizeof *g->slot);
    if (!g->hr || !g->slot) {
        sig_free(g);
        return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    }
    for (int m = 0; m < g->M; m++) {
        for (int k = 0; k < g->K; k++) {
            int v = t->node[g->tnode[k]].child0 + m, pos = -1;
            const eqi_node *x = &t->node[v];
            const eqi_infoset *I;
            if (x->kind != EQ_NODE_DECISION)
                NOT_SIG("message %d of type %d is not followed by a response", m + 1, k + 1);
            if (k == 0) {
                g->R = x->player;
                g->hr[m] = x->infoset;
                if (g->R == g->S)
                    NOT_SIG("the sender also responds");
            } else if (x->infoset != g->hr[m]) {
                NOT_SIG("the receiver can tell the types apart after message %d", m + 1);
            }
            I = &t->iset[x->infoset];
            if (I->nmem != g->K)
                NOT_SIG("the receiver's set after message %d has %d nodes, not one "
                        "per type", m + 1, I->nmem);
            for (int i = 0; i < I->nmem; i++)
                if (I->members[i] == v)
                    pos = i;
            g->slot[(size_t)m * (size_t)g->K + (size_t)k] = pos;
            for (int a = 0; a < x->nchild; a++)
                if (t->node[x->child0 + a].kind != EQ_NODE_TERMINAL)
                    NOT_SIG("play goes on after the receiver's response");
        }
        for (int q = 0; q < m; q++)
            if (g->hr[q] == g->hr[m])
                NOT_SIG("the receiver cannot tell messages %d and %d apart", q + 1, m + 1);
    }
#undef NOT_SIG
    return EQ_OK;
}

/* u_p(t, m, r): payoff of player p when type k sends m and r answers. */
static double sig_pay(const eq_tree *t, const sig *g, int k, int m, int r, int p)
{
    int v = t->node[g->tnode[k]].child0 + m;
    return t->pays[t->node[t->node[v].child0 + r].pay0 + p];
}

/*
** Whether every response in the set A (mask over the nact responses to m)
** is a best reply to one belief over the types in T (mask over types).
*/
static eq_status cell_feasible(pbe *c, const sig *g, int m, const char *T,
                               const char *A, int nact, int *feasible)
{
    int K = g->K, nrow = 1, row = 1;
    double *Am, *lo, *hi;
    eq_status s;
    for (int a = 0; a < nact; a++)
        if (A[a])
            nrow += nact;
    Am = calloc((size_t)nrow * (size_t)K, sizeof *Am);
    lo = malloc((size_t)nrow * sizeof *lo);
    hi = malloc((size_t)nrow * sizeof *hi);
    if (!Am || !lo || !hi) {
        free(Am);
        free(lo);
        free(hi);
        return eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    /* Row 0: the belief sums to 1 over T (types outside T: column fixed
    ** at 0 by a zero coefficient here and the rows below ignore them). */
    for (int k = 0; k < K; k++)
        Am[k] = T[k] ? 1.0 : 0.0;
    lo[0] = hi[0] = 1.0;
    for (int a = 0; a < nact; a++) {
        if (!A[a])
            continue;
        for (int b = 0; b < nact; b++, row++) {
            for (int k = 0; k < K; k++)
                if (T[k])
                    Am[(size_t)row * (size_t)K + (size_t)k] =
                        sig_pay(c->t, g, k, m, a, g->R) - sig_pay(c->t, g, k, m, b, g->R);
            lo[row] = -c->tie;
            hi[row] = HUGE_VAL;
        }
    }
    s = dense_lp(nrow, K, Am, lo, hi, NULL, NULL, 0, feasible, NULL, NULL,
                 c->r->errmsg);
    free(Am);
    free(lo);
    free(hi);
    return s;
}

/* The sender's equilibrium payoff of each type, from the profile's node
** values, into ustar (K). */
static void eq_payoffs(pbe *c, const sig *g, double *ustar)
{
    for (int k = 0; k < g->K; k++)
        ustar[k] = c->g.value[(size_t)g->tnode[k] * (size_t)c->t->n + (size_t)g->S];
}

/* The Intuitive Criterion for the current profile.  *pass: OUT. */
static eq_status intuitive(pbe *c, const sig *g, int *pass, char *why, size_t len)
{
    int K = g->K;
    double *us = malloc((size_t)K * sizeof *us);
    char *T = malloc((size_t)K + 1), *A = NULL, *br_all = NULL, *br_r = NULL;
    eq_status s = EQ_OK;

    *pass = 1;
    if (us == NULL || T == NULL) {
        s = eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    eq_payoffs(c, g, us);
    for (int m = 0; m < g->M && *pass; m++) {
        int h = g->hr[m], nact = c->t->iset[h].nact, nJ = 0;
        if (c->reached[h])
            continue;
        free(A);
        free(br_all);
        free(br_r);
        A = calloc((size_t)nact, 1);
        br_all = calloc((size_t)nact, 1);
        br_r = calloc((size_t)nact, 1);
        if (!A || !br_all || !br_r) {
            s = eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (int k = 0; k < K; k++)
            T[k] = 1;
        for (int a = 0; a < nact; a++) {
            int f;
            A[a] = 1;
            if ((s = cell_feasible(c, g, m, T, A, nact, &f)) != EQ_OK)
                goto done;
            br_all[a] = (char)f;
            A[a] = 0;
        }
        /* J: types for which m is equilibrium-dominated; T becomes not-J. */
        for (int k = 0; k < K; k++) {
            double best = -HUGE_VAL;
            for (int a = 0; a < nact; a++)
                if (br_all[a])
                    best = fmax(best, sig_pay(c->t, g, k, m, a, g->S));
            T[k] = !(us[k] > best + c->tie);
            nJ += !T[k];
        }
        if (nJ == K)
            continue;
        for (int a = 0; a < nact; a++) {
            int f;
            A[a] = 1;
            if ((s = cell_feasible(c, g, m, T, A, nact, &f)) != EQ_OK)
                goto done;
            br_r[a] = (char)f;
            A[a] = 0;
        }
        for (int k = 0; k < K && *pass; k++) {
            double worst = HUGE_VAL;
            for (int a = 0; a < nact; a++)
                if (br_r[a])
                    worst = fmin(worst, sig_pay(c->t, g, k, m, a, g->S));
            if (us[k] < worst - c->tie) {
                *pass = 0;
                snprintf(why, len, "after '%s' type '%s' would deviate: %g against "
                         "at least %g once the types for which it is "
                         "equilibrium-dominated are ruled out",
                         eqi_tree_action_name(c->t, g->tnode[0], m),
                         eq_tree_node_action_name(c->t, 0, k), us[k], worst);
            }
        }
    }
done:
    free(us);
    free(T);
    free(A);
    free(br_all);
    free(br_r);
    return s;
}

/* Whether some alpha in the simplex over the responses in A has
** u_S(k, alpha) >= us_k and u_S(k2, alpha) <= us_k2 (with the tie
** tolerance on the side that keeps the type). */
static eq_status not_contained(pbe *c, const sig *g, int m, const char *A, int nact,
                               int k, double usk, int k2, double usk2, int *found)
{
    double *Am = calloc(3 * (size_t)nact, sizeof *Am), lo[3], hi[3];
    eq_status s;
    if (Am == NULL)
        return eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
    for (int a = 0; a < nact; a++) {
        if (!A[a])
            continue;      /* alpha_a appears nowhere but in no row: 0 at optimum */
        Am[a] = 1.0;
        Am[nact + a] = sig_pay(c->t, g, k, m, a, g->S);
        Am[2 * nact + a] = sig_pay(c->t, g, k2, m, a, g->S);
    }
    lo[0] = hi[0] = 1.0;
    lo[1] = usk - c->tie;
    hi[1] = HUGE_VAL;
    lo[2] = -HUGE_VAL;
    hi[2] = usk2 + c->tie;
    s = dense_lp(3, nact, Am, lo, hi, NULL, NULL, 0, found, NULL, NULL, c->r->errmsg);
    free(Am);
    return s;
}

/* D1 for the current profile.  *pass: OUT. */
static eq_status d1(pbe *c, const sig *g, int *pass, char *why, size_t len)
{
    int K = g->K;
    double *us = malloc((size_t)K * sizeof *us);
    char *T = malloc((size_t)K), *cells = NULL, *A = NULL, *left = malloc((size_t)K);
    eq_status s = EQ_OK;

    *pass = 1;
    if (us == NULL || T == NULL || left == NULL) {
        s = eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    eq_payoffs(c, g, us);
    for (int m = 0; m < g->M && *pass; m++) {
        int h = g->hr[m], nact = c->t->iset[h].nact, nleft = 0, f;
        long nsub;
        if (c->reached[h])
            continue;
        if (nact > PBE_MAX_RESPONSES) {
            s = eqi_error(c->r->errmsg, EQ_ERR_LIMIT,
                          "pbe: D1 enumerates the receiver's sets of best replies; "
                          "%d responses to message %d are more than %d "
                          "(PBE_MAX_RESPONSES)", nact, m + 1, PBE_MAX_RESPONSES);
            goto done;
        }
        nsub = 1L << nact;
        free(cells);
        free(A);
        cells = calloc((size_t)nsub, 1);
        A = calloc((size_t)nact, 1);
        if (cells == NULL || A == NULL) {
            s = eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (int k = 0; k < K; k++)
            T[k] = 1;
        /* The cells: sets of responses that are best replies together. */
        for (long mask = 1; mask < nsub; mask++) {
            for (int a = 0; a < nact; a++)
                A[a] = (char)((mask >> a) & 1);
            if ((s = cell_feasible(c, g, m, T, A, nact, &f)) != EQ_OK)
                goto done;
            cells[mask] = (char)f;
        }
        for (int k = 0; k < K; k++) {
            int elim = 0;
            for (int k2 = 0; k2 < K && !elim; k2++) {
                int contained = 1;
                if (k2 == k)
                    continue;
                for (long mask = 1; mask < nsub && contained; mask++) {
                    int found;
                    if (!cells[mask])
                        continue;
                    for (int a = 0; a < nact; a++)
                        A[a] = (char)((mask >> a) & 1);
                    if ((s = not_contained(c, g, m, A, nact, k, us[k], k2, us[k2],
                                           &found)) != EQ_OK)
                        goto done;
                    contained = !found;
                }
                elim = contained;
            }
            left[k] = (char)!elim;
            nleft += !elim;
        }
        if (nleft == 0)
            continue;          /* every type eliminated: no restriction */
        for (int a = 0; a < nact; a++)
            A[a] = (char)(a == c->choice[h]);
        if ((s = cell_feasible(c, g, m, left, A, nact, &f)) != EQ_OK)
            goto done;
        if (!f) {
            int n = 0;
            char names[160] = "";
            for (int k = 0; k < K; k++)
                if (left[k]) {
                    size_t used = strlen(names);
                    snprintf(names + used, sizeof names - used, "%s'%s'", n++ ? ", " : "",
                             eq_tree_node_action_name(c->t, 0, k));
                }
            *pass = 0;
            snprintf(why, len, "after '%s' D1 leaves type%s %s, and '%s' is a best "
                     "reply to no belief over %s",
                     eqi_tree_action_name(c->t, g->tnode[0], m), n > 1 ? "s" : "", names,
                     c->t->iset[h].aname[c->choice[h]], n > 1 ? "them" : "it");
        }
    }
done:
    free(us);
    free(T);
    free(cells);
    free(A);
    free(left);
    return s;
}

/* ------------------------------------------------------------------ */
/* Enumeration                                                          */
/* ------------------------------------------------------------------ */

/* Payoff comparisons are made to tol times the payoffs' range (at least 1),
** as spe does. */
static double tie_tolerance(const eq_tree *t, double tol)
{
    double lo = 0.0, hi = 0.0;
    for (int i = 0; i < t->npays; i++) {
        if (i == 0 || t->pays[i] < lo) lo = t->pays[i];
        if (i == 0 || t->pays[i] > hi) hi = t->pays[i];
    }
    return tol * (hi - lo > 1.0 ? hi - lo : 1.0);
}

/* Set c->beh to the pure profile c->choice. */
static void set_profile(pbe *c)
{
    for (int h = 0; h < c->t->niset; h++) {
        double *b = c->beh + c->r->off[h];
        for (int a = 0; a < c->t->iset[h].nact; a++)
            b[a] = a == c->choice[h] ? 1.0 : 0.0;
    }
}

/*
** Whether the current profile is a weak PBE: *ok OUT.  Fills c->mu (a
** belief at every set) and c->reached.
*/
static eq_status test_profile(pbe *c, int *ok)
{
    const eq_tree *t = c->t;
    eq_status s;
    *ok = 0;
    set_profile(c);
    eqi_gain_profile(&c->g, c->ptr);
    /* The reached sets first: they are cheap and reject most profiles. */
    for (int h = 0; h < t->niset; h++) {
        double *mu = c->mu + (size_t)h * (size_t)c->maxm, best, cur = 0.0;
        c->reached[h] = eqi_bayes(t, c->g.reach, h, mu) > EQI_REACH_EPS;
        if (!c->reached[h])
            continue;
        if (eqi_gain_region(&c->g, c->ptr, h, &c->R) != 0)
            return eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
        best = eqi_region_best(&c->g, &c->R, mu, NULL);
        for (int i = 0; i < c->R.m; i++)
            cur += mu[i] * c->R.val[i];
        if (best - cur > c->tie)
            return EQ_OK;
    }
    for (int h = 0; h < t->niset; h++) {
        double *mu = c->mu + (size_t)h * (size_t)c->maxm, gain = HUGE_VAL, best, cur = 0.0;
        if (c->reached[h])
            continue;
        if (eqi_gain_region(&c->g, c->ptr, h, &c->R) != 0)
            return eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
        if ((s = min_gain(c, mu, &gain)) != EQ_OK)
            return s;
        if (gain > c->tie)
            return EQ_OK;
        best = eqi_region_best(&c->g, &c->R, mu, NULL);
        for (int i = 0; i < c->R.m; i++)
            cur += mu[i] * c->R.val[i];
        if (best - cur > c->tie)
            return EQ_OK;      /* the LP's belief fails the direct check */
    }
    *ok = 1;
    return EQ_OK;
}

/* Append the current profile to r with its beliefs and supporting sets. */
static eq_status record(pbe *c)
{
    const eq_tree *t = c->t;
    eq_tree_result *r = c->r;
    int k = eqi_tree_result_add(r, t, c->beh);
    eq_status s;
    if (k < 0)
        return EQ_ERR_NOMEM;
    for (int h = 0; h < t->niset; h++)
        if (eqi_result_set_belief(r, t, k, h, c->mu + (size_t)h * (size_t)c->maxm) != 0)
            return EQ_ERR_NOMEM;
    for (int h = 0; h < t->niset; h++) {
        if (c->reached[h])
            continue;
        if (eqi_gain_region(&c->g, c->ptr, h, &c->R) != 0)
            return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        if ((s = supporting_set(c, c->mu + (size_t)h * (size_t)c->maxm)) != EQ_OK)
            return s;
        if (eqi_result_add_belief_set(r, k, h, c->nvtx, c->R.m, c->vtx) != 0)
            return EQ_ERR_NOMEM;
    }
    return eqi_result_certify(r, t, k);
}

static void pbe_free(pbe *c)
{
    eqi_gain_free(&c->g);
    eqi_region_free(&c->R);
    free(c->choice);
    free(c->beh);
    free(c->ptr);
    free(c->mu);
    free(c->reached);
    free(c->cut);
    free(c->vtx);
    free(c->plan);
    free(c->u);
}

/* The refinement's name and the limits on the tree's size; EQ_OK or the
** error, its message in r->errmsg. */
static eq_status check_limits(const eq_tree *t, const eq_tree_opts *o, eq_tree_result *r)
{
    long profiles = 1;
    if (o->refine != EQ_REFINE_NONE && o->refine != EQ_REFINE_INTUITIVE &&
        o->refine != EQ_REFINE_D1)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "pbe: unknown refinement %d",
                         (int)o->refine);
    if (t->nnode > PBE_MAX_NODES)
        return eqi_error(r->errmsg, EQ_ERR_LIMIT,
                         "pbe: the tree has %d nodes; pbe enumerates pure profiles of "
                         "trees of at most %d nodes (PBE_MAX_NODES); try -m sequential",
                         t->nnode, PBE_MAX_NODES);
    for (int h = 0; h < t->niset; h++) {
        profiles *= t->iset[h].nact;
        if (profiles > PBE_MAX_PROFILES)
            return eqi_error(r->errmsg, EQ_ERR_LIMIT,
                             "pbe: the tree has more than %ld pure behaviour profiles "
                             "(PBE_MAX_PROFILES), too many to enumerate; try -m "
                             "sequential", PBE_MAX_PROFILES);
    }
    return EQ_OK;
}

/* Set up c (zeroed by the caller) for t; -1 for lack of memory (what was
** allocated is left for pbe_free). */
static int pbe_init(pbe *c, const eq_tree *t, const eq_tree_opts *o, eq_tree_result *r)
{
    c->t = t;
    c->o = o;
    c->r = r;
    c->tie = tie_tolerance(t, o->tol);
    c->maxm = 1;
    for (int h = 0; h < t->niset; h++)
        if (t->iset[h].nmem > c->maxm)
            c->maxm = t->iset[h].nmem;
    c->choice = calloc((size_t)t->niset + 1, sizeof *c->choice);
    c->beh = calloc((size_t)r->tot + 1, sizeof *c->beh);
    c->ptr = malloc(((size_t)t->niset + 1) * sizeof *c->ptr);
    c->mu = malloc(((size_t)t->niset + 1) * (size_t)c->maxm * sizeof *c->mu);
    c->reached = calloc((size_t)t->niset + 1, sizeof *c->reached);
    c->u = malloc((size_t)c->maxm * sizeof *c->u);
    if (!c->choice || !c->beh || !c->ptr || !c->mu || !c->reached || !c->u ||
        eqi_gain_init(&c->g, t) != 0)
        return -1;
    for (int h = 0; h < t->niset; h++)
        c->ptr[h] = c->beh + r->off[h];
    return 0;
}

/* The current profile is a pure PBE: test it against the refinement
** rname (NULL: none), counting it in *dropped if it fails, else record it;
** *stop is set when the result is full (o->max_equilibria). */
static eq_status keep_if_refined(pbe *c, const sig *g, const char *rname, int *dropped,
                                 int *stop)
{
    const eq_tree_opts *o = c->o;
    int pass = 1;
    char why[320] = "";
    eq_status s = EQ_OK;
    if (o->refine == EQ_REFINE_INTUITIVE)
        s = intuitive(c, g, &pass, why, sizeof why);
    else if (o->refine == EQ_REFINE_D1)
        s = d1(c, g, &pass, why, sizeof why);
    if (s != EQ_OK)
        return s;
    if (!pass) {
        (*dropped)++;
        if (o->log != NULL) {
            char msg[480];
            snprintf(msg, sizeof msg, "pbe: a pure PBE fails %s: %s", rname, why);
            o->log(o->log_ud, 1, msg);
        }
        return EQ_OK;
    }
    if ((s = record(c)) != EQ_OK)
        return s;
    if (o->max_equilibria > 0 && c->r->count >= o->max_equilibria) {
        c->r->sol = EQ_SOL_PARTIAL;
        *stop = 1;
    }
    return EQ_OK;
}

/* Step c->choice to the next pure profile, the last set varying fastest;
** 0 after the last. */
static int next_profile(pbe *c)
{
    const eq_tree *t = c->t;
    for (int q = t->niset - 1; q >= 0; q--) {
        if (++c->choice[q] < t->iset[q].nact)
            return 1;
        c->choice[q] = 0;
    }
    return 0;
}

/* r->selection: what the enumeration found (found PBEs, dropped of them
** by the refinement rname, tried profiles). */
static void describe(eq_tree_result *r, const char *rname, int found, int dropped,
                     long tried)
{
    const char *pl = r->count == 1 ? "um" : "a";
    if (r->sol == EQ_SOL_PARTIAL)
        snprintf(r->selection, sizeof r->selection,
                 "the first %d pure weak perfect Bayesian equilibri%s (limit "
                 "reached; there may be more)", r->count, pl);
    else if (rname != NULL)
        snprintf(r->selection, sizeof r->selection,
                 "%d of %d pure weak perfect Bayesian equilibri%s pass%s %s "
                 "(%d fail%s)", r->count, found, found == 1 ? "um" : "a",
                 r->count == 1 ? "es" : "", rname, dropped, dropped == 1 ? "s" : "");
    else if (r->count == 0)
        snprintf(r->selection, sizeof r->selection,
                 "no pure weak perfect Bayesian equilibrium (%ld profiles tried)",
                 tried);
    else if (r->count == 1)
        snprintf(r->selection, sizeof r->selection,
                 "the only pure weak perfect Bayesian equilibrium");
    else
        snprintf(r->selection, sizeof r->selection,
                 "all %d pure weak perfect Bayesian equilibria", r->count);
}

eq_status eqi_tree_solve_pbe(const eq_tree *t, const eq_tree_opts *o, eq_tree_result *r)
{
    pbe c;
    sig g;
    long tried = 0;
    int found = 0, dropped = 0, have_sig = 0, stop = 0;
    const char *rname = o->refine == EQ_REFINE_INTUITIVE ? "the Intuitive Criterion"
                        : o->refine == EQ_REFINE_D1 ? "D1" : NULL;
    eq_status s = EQ_OK;

    memset(&c, 0, sizeof c);
    memset(&g, 0, sizeof g);
    if ((s = check_limits(t, o, r)) != EQ_OK)
        return s;
    if (rname != NULL) {
        if ((s = signalling(t, rname, &g, r->errmsg)) != EQ_OK)
            return s;
        have_sig = 1;
    }
    if (pbe_init(&c, t, o, r) != 0) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    do {
        int ok;
        if (eqi_guard_poll(eqi_guard_of(o->limits))) {
            s = eqi_guard_fail(eqi_guard_of(o->limits), r->errmsg, "pbe");
            goto done;      /* the equilibria recorded so far stay */
        }
        tried++;
        if ((s = test_profile(&c, &ok)) != EQ_OK)
            goto done;
        if (ok) {
            found++;
            if ((s = keep_if_refined(&c, &g, rname, &dropped, &stop)) != EQ_OK)
                goto done;
        }
    } while (!stop && next_profile(&c));
    describe(r, rname, found, dropped, tried);
done:
    pbe_free(&c);
    if (have_sig)
        sig_free(&g);
    return s;
}

/* ------------------------------------------------------------------ */
/* pbe as spe's subgame method                                          */
/* ------------------------------------------------------------------ */

/*
** A stage of spe (methods.h, eqi_part_fn): the small tree st is solved by
** the whole-tree enumeration above, and each pure weak PBE of it goes to
** out with its payoffs.  Its beliefs are not carried: eqi_pbe_assess
** finds them again on the assembled profile.
*/
eq_status eqi_part_pbe(const eq_tree *st, const eq_tree_opts *o, eq_method m,
                       eqi_cands *out, char *err)
{
    eq_tree_result *tr = eqi_tree_result_new(st, m);
    if (tr == NULL)
        return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    return eqi_cands_take(out, tr, eqi_tree_solve_pbe(st, o, tr), err);
}

/* The root of the smallest subgame holding node v (subroot marks the
** subgame roots). */
static int subgame_of(const eq_tree *t, const unsigned char *subroot, int v)
{
    while (!subroot[v])
        v = t->node[v].parent;
    return v;
}

/* The probability of reaching v from its ancestor s under c->beh (chance
** and behaviour along the path). */
static double reach_from(const pbe *c, int s, int v)
{
    const eq_tree *t = c->t;
    double p = 1.0;
    while (v != s) {
        int u = t->node[v].parent, a = t->node[v].move;
        const eqi_node *x = &t->node[u];
        p *= x->kind == EQ_NODE_CHANCE ? t->probs[x->prob0 + a] : c->ptr[x->infoset][a];
        v = u;
    }
    return p;
}

/* The beliefs of spe's equilibrium k when its stages are pbe's (see
** methods.h). */
static eq_status assess(pbe *c, int k, const unsigned char *subroot)
{
    const eq_tree *t = c->t;
    eq_tree_result *r = c->r;
    eq_status s;
    memcpy(c->beh, r->beh + (size_t)k * (size_t)r->tot, (size_t)r->tot * sizeof *c->beh);
    eqi_gain_profile(&c->g, c->ptr);
    for (int h = 0; h < t->niset; h++) {
        const eqi_infoset *I = &t->iset[h];
        double *mu = c->mu + (size_t)h * (size_t)c->maxm, sum = 0.0, gain = HUGE_VAL;
        int root;
        if (r->setreach[(size_t)k * (size_t)r->niset + (size_t)h] > EQI_REACH_EPS)
            continue;      /* on the path: Bayes' rule from r->reach */
        /* Bayes' rule given the stage's root, where the stage reaches h. */
        root = subgame_of(t, subroot, I->members[0]);
        for (int i = 0; i < I->nmem; i++)
            sum += mu[i] = reach_from(c, root, I->members[i]);
        if (sum > EQI_REACH_EPS) {
            for (int i = 0; i < I->nmem; i++)
                mu[i] /= sum;
            if (eqi_result_set_belief(r, t, k, h, mu) != 0)
                return EQ_ERR_NOMEM;
            continue;
        }
        /* Off the stage's path: a supporting belief and the whole set. */
        if (eqi_gain_region(&c->g, c->ptr, h, &c->R) != 0)
            return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        if ((s = min_gain(c, mu, &gain)) != EQ_OK)
            return s;
        if (eqi_result_set_belief(r, t, k, h, mu) != 0)
            return EQ_ERR_NOMEM;
        if ((s = supporting_set(c, mu)) != EQ_OK)
            return s;
        if (eqi_result_add_belief_set(r, k, h, c->nvtx, c->R.m, c->vtx) != 0)
            return EQ_ERR_NOMEM;
    }
    return eqi_result_certify(r, t, k);
}

eq_status eqi_pbe_assess(const eq_tree *t, const eq_tree_opts *o, eq_tree_result *r,
                         int k)
{
    pbe c;
    unsigned char *subroot = calloc((size_t)t->nnode + 1, 1);
    eq_status s = EQ_OK;
    memset(&c, 0, sizeof c);
    if (subroot == NULL || pbe_init(&c, t, o, r) != 0) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    } else {
        for (int j = 0; j < t->nsub; j++)
            subroot[t->subroot[j]] = 1;
        subroot[0] = 1;
        s = assess(&c, k, subroot);
    }
    pbe_free(&c);
    free(subroot);
    return s;
}
