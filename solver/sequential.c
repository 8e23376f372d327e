/*
** sequential.c -- a sequential equilibrium of a game tree with perfect
** recall, with its beliefs, as the limit of the agent logit quantal
** response equilibrium.
**
** THE AGENT QRE (McKelvey and Palfrey, "Quantal response equilibria for
** extensive form games", Experimental Economics 1, 1998).  Every
** information set h is an agent of its player p.  Given a behaviour
** profile sigma in which every action has positive probability, every
** node v has positive reach rho(v), and the agent's belief is Bayes' rule,
** mu(v) = rho(v) / sum_{w in h} rho(w).  Its expected payoff from action a
** is
**     U_h(a) = sum_{v in h} mu(v) Q(v, a),
** Q(v, a) being p's expected payoff from the child of v along a when
** everyone (p included, at later sets) follows sigma.  An agent QRE at
** lambda >= 0 is a sigma with sigma_h(a) proportional to exp(lambda
** U_h(a)) at every set.  As lambda -> infinity the agent QREs on the
** branch that starts at the centroid (lambda = 0) converge to a
** sequential equilibrium, and their beliefs -- Bayes' rule of completely
** mixed profiles converging to it -- to consistent beliefs (McKelvey and
** Palfrey 1998, Theorem 5).
**
** THE PATH SYSTEM.  Unknowns: the log-probabilities l_ha of all N actions
** and lambda.  For each set h, action 0 as reference,
**     H_h0 = sum_a exp(l_ha) - 1                        = 0,
**     H_ha = l_ha - l_h0 - lambda (U_h(a) - U_h(0))    = 0,  a >= 1.
** Reaches are kept as logarithms, log rho(v) = the sum of l and of the log
** chance probabilities on the path, and beliefs are computed from them as
** a softmax over the set's members, so sets reached with probabilities far
** below the smallest double still get their beliefs.  The Jacobian:
** with 1[gb < v] for "action b of set g lies on the path to v",
**     d log rho(v) / d l_gb = 1[gb < v],
**     d mu(v) / d l_gb      = mu(v) (1[gb < v] - sum_w mu(w) 1[gb < w]),
**     d Q(v, a) / d l_gb    = sum over the nodes w of set g below child
**                             (v, a) of P(w | child) sigma_gb
**                             Val_p(child(w, b)),
** where P(w | c) is the probability of going from c to w and Val_p(x)
** p's expected payoff from node x.  So
**     d U_h(a) / d l_gb = sum_v mu(v) [ 1[gb < v] (Q(v, a) - U_h(a))
**                                       + d Q(v, a) / d l_gb ].
** U_h does not depend on h's own probabilities (by perfect recall no path
** meets h twice).  Computing every derivative costs a walk of the subtree
** below each decision node: O(nodes x depth) per evaluation.  The path is
** followed by path.c, as the logit QRE of strategic games is (qre.c), with
** payoffs shifted per player to minimum 0 and divided by the largest
** player's range, to lambda * range = 1e6 for the player of smallest
** range.
**
** REFINEMENT.  At the path's end the probabilities of actions that are not
** best replies are below exp(-1e6 gap), but mixed actions are still
** O(1/lambda) from their limit.  For a few thresholds tau the support is
** read off the path (actions with probability at least tau times the
** set's largest), the other actions set to 0, and Newton's method solves
**     U_h(a) - v_h = 0  for a in the support of h,   sum over the support
**     of sigma_h = 1,  for every set h,
** in the probabilities themselves, each step the minimum-norm
** least-squares solution (LAPACK's dgelss), as qre.c does.  The sets the
** restricted profile reaches keep Bayes' rule.  At the others the beliefs
** are Bayes' rule of the profile's probabilities on the support and of the
** path's log-probabilities ("trembles") for the actions off it -- the
** limit's tremble structure, so beliefs at later sets follow from earlier
** ones -- keeping only the nodes of the leading order: a node whose
** trembles' log-weight falls along the path faster than its set's
** leader's (the slopes d l / d lambda measured between lambda_end / 8 and
** lambda_end) has belief 0 in the limit, however large it still is at the
** end.  Where the limit mixes at such a set, exact indifference depends on
** the trembles' O(1/lambda) rounding, so the trembles on the way to its
** leading nodes become unknowns of the Newton system too; an action off
** the support that the path's belief makes at least as good as the
** support is such a tie tipped over, and joins the equations, held at
** probability 0.  A candidate whose beliefs off the path move more than
** 1e-3 from the path's is rejected.  The candidate with the smallest
** certificate (beliefs.c: the largest gain from deviating at any set
** given its belief, and Bayes' rule on the path) is reported, the path's
** end itself among them.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beliefs.h"
#include "path.h"

#define SEQ_MAX_ACTIONS 2000     /* sum over the sets of their actions */
#define SEQ_MAX_NODES 200000     /* nodes of the tree */
#define SEQ_LAMBDA_END 1e6       /* lambda * normalised range at the end */
#define SEQ_LAMBDA_CAP 1e10      /* never follow further than this */
#define SEQ_LAMBDA_SALVAGE 1e3   /* a breakdown beyond this still refines */
#define SEQ_REFINE_MAX 50        /* Newton iterations of the refinement */
#define SEQ_BELIEF_MOVE 1e-3     /* largest move of a belief off the path in
                                    the refinement */
#define SEQ_TREMBLE_STEP 0.5     /* largest change of a tremble's logarithm
                                    in one Newton step */
#define SEQ_ORDER_GAP 0.5        /* a node whose trembles' log-weight falls
                                    faster than its set's leader's by this
                                    much over the path's end is of a lower
                                    order (lambda times the slope gap) */

typedef struct seq_ws {
    const eq_tree *t;
    int n, N, ni, nn, D;
    int nomem;           /* a certificate ran out of memory */
    int *off;            /* ni + 1: each set's first action */
    double *pay;         /* normalised payoffs, parallel to t->pays */
    double *sig;         /* N: probabilities */
    double *lr;          /* nn: log reach (path) */
    double *rho;         /* nn: reach (refinement) */
    double *val;         /* nn x n: expected payoffs from each node */
    double *wt;          /* nn: belief of each decision node in its set */
    double *U;           /* N: U_h(a) */
    double *DU;          /* N x N: dU_(h,a) / d(parameter (g,b)) */
    double *P;           /* nn: scratch, P(w | c) */
    int *stack;          /* nn */
    unsigned char *fixed;/* ni: refinement keeps this set's belief */
    double *mufix;       /* nn: the beliefs of the path's end */
    double *lpath;       /* N: the log-probabilities of the path's end */
    double *ltr;         /* N: the trembles (log-weights) of the actions
                            outside the candidate's support */
    const unsigned char *supp; /* N: the candidate's support, or NULL */
    double *slope;       /* N: d l / d lambda of each action near the end */
    double *sl;          /* nn: scratch, the slopes summed to each node */
    double lam2;         /* lambda at the path's end (normalised) */
    double *A;           /* max((N+1)^2, D^2), column-major */
    double *F, *sv, *lsw;
    blasint nlsw;
    int logmode;         /* derivatives in log-probabilities */
    eqi_guard *guard;    /* the call's limits, polled by the path */
} seq_ws;

/* ---- evaluation ----------------------------------------------------- */

/* Expected payoffs of every player from every node under ws->sig. */
static void eval_values(seq_ws *ws)
{
    const eq_tree *t = ws->t;
    int n = ws->n;
    for (int v = ws->nn - 1; v >= 0; v--) {
        const eqi_node *x = &t->node[v];
        double *val = ws->val + (size_t)v * (size_t)n;
        if (x->kind == EQ_NODE_TERMINAL) {
            memcpy(val, ws->pay + x->pay0, (size_t)n * sizeof *val);
            continue;
        }
        for (int p = 0; p < n; p++)
            val[p] = 0.0;
        for (int a = 0; a < x->nchild; a++) {
            double pr = x->kind == EQ_NODE_CHANCE ? t->probs[x->prob0 + a]
                                                  : ws->sig[ws->off[x->infoset] + a];
            const double *cv = ws->val + (size_t)(x->child0 + a) * (size_t)n;
            if (pr != 0.0)
                for (int p = 0; p < n; p++)
                    val[p] += pr * cv[p];
        }
    }
}

/* Path beliefs: log reach from the log-probabilities l, then a softmax
** over each set's members into ws->wt. */
static void beliefs_log(seq_ws *ws, const double *l)
{
    const eq_tree *t = ws->t;
    ws->lr[0] = 0.0;
    for (int v = 1; v < ws->nn; v++) {
        int u = t->node[v].parent, b = t->node[v].move;
        const eqi_node *x = &t->node[u];
        double step = x->kind == EQ_NODE_CHANCE ? log(t->probs[x->prob0 + b])
                                                : l[ws->off[x->infoset] + b];
        ws->lr[v] = ws->lr[u] + step;
    }
    for (int h = 0; h < ws->ni; h++) {
        const eqi_infoset *iset = &t->iset[h];
        double mx = -HUGE_VAL, sum = 0.0;
        for (int i = 0; i < iset->nmem; i++)
            if (ws->lr[iset->members[i]] > mx)
                mx = ws->lr[iset->members[i]];
        for (int i = 0; i < iset->nmem; i++) {
            int v = iset->members[i];
            /* A set chance never reaches: a uniform belief. */
            ws->wt[v] = mx == -HUGE_VAL ? 1.0 : exp(ws->lr[v] - mx);
            sum += ws->wt[v];
        }
        for (int i = 0; i < iset->nmem; i++)
            ws->wt[iset->members[i]] /= sum;
    }
}

/*
** Refinement beliefs: reach from ws->sig; Bayes' rule at the sets that are
** not fixed.  At a fixed set (one the candidate does not reach): with a
** support, Bayes' rule of the candidate's probabilities on the support and
** the trembles ws->ltr off it (in logarithms, a softmax over the set), so
** beliefs below a set off the path follow from the beliefs at it as Bayes'
** rule says; without one, the path's beliefs.
*/
static void beliefs_lin(seq_ws *ws)
{
    const eq_tree *t = ws->t;
    ws->rho[0] = 1.0;
    ws->lr[0] = 0.0;
    ws->sl[0] = 0.0;
    for (int v = 1; v < ws->nn; v++) {
        int u = t->node[v].parent, b = t->node[v].move;
        const eqi_node *x = &t->node[u];
        double pr, lp;
        if (x->kind == EQ_NODE_CHANCE) {
            pr = t->probs[x->prob0 + b];
            lp = pr > 0.0 ? log(pr) : -HUGE_VAL;
        } else {
            int j = ws->off[x->infoset] + b;
            pr = ws->sig[j];
            lp = ws->supp != NULL && !ws->supp[j] ? ws->ltr[j]
                 : pr > 0.0 ? log(pr) : -HUGE_VAL;
        }
        ws->rho[v] = ws->rho[u] * pr;
        ws->lr[v] = ws->lr[u] + lp;
        ws->sl[v] = ws->sl[u];
        if (x->kind == EQ_NODE_DECISION && ws->supp != NULL &&
            !ws->supp[ws->off[x->infoset] + b])
            ws->sl[v] += ws->slope[ws->off[x->infoset] + b];
    }
    for (int h = 0; h < ws->ni; h++) {
        const eqi_infoset *iset = &t->iset[h];
        double sum = 0.0, mx = -HUGE_VAL;
        for (int i = 0; i < iset->nmem; i++) {
            sum += ws->rho[iset->members[i]];
            mx = fmax(mx, ws->lr[iset->members[i]]);
        }
        if (!ws->fixed[h] && sum > 0.0) {
            for (int i = 0; i < iset->nmem; i++)
                ws->wt[iset->members[i]] = ws->rho[iset->members[i]] / sum;
        } else if (ws->supp == NULL || mx == -HUGE_VAL) {
            for (int i = 0; i < iset->nmem; i++)
                ws->wt[iset->members[i]] = ws->mufix[iset->members[i]];
        } else {
            /* The leading order: the nodes whose trembles vanish slowest
            ** (largest summed slope); the others' weight goes to 0 in the
            ** limit, however large it still is at the path's end. */
            double smax = -HUGE_VAL;
            for (int i = 0; i < iset->nmem; i++)
                if (ws->lr[iset->members[i]] > -HUGE_VAL)
                    smax = fmax(smax, ws->sl[iset->members[i]]);
            mx = -HUGE_VAL;
            for (int i = 0; i < iset->nmem; i++) {
                int v = iset->members[i];
                if (ws->sl[v] >= smax - SEQ_ORDER_GAP / ws->lam2)
                    mx = fmax(mx, ws->lr[v]);
            }
            sum = 0.0;
            for (int i = 0; i < iset->nmem; i++) {
                int v = iset->members[i];
                ws->wt[v] = ws->sl[v] >= smax - SEQ_ORDER_GAP / ws->lam2
                            ? exp(ws->lr[v] - mx) : 0.0;
                sum += ws->wt[v];
            }
            for (int i = 0; i < iset->nmem; i++)
                ws->wt[iset->members[i]] /= sum;
        }
    }
}

/*
** U and its derivatives (header comment), after eval_values and a beliefs
** function.  In log mode the derivatives are with respect to l_gb.  In
** linear mode (the refinement) they are with respect to sigma_gb for the
** actions in the support, and to the tremble ltr_gb for the others: at a
** reached set the belief term is (rho(u) P(v | child(u, b)) / R_h)
** (Q - U) for the node u of g on the path to v; at a fixed set it is
** mu(v) (Q - U) / sigma_gb for a support action and mu(v) (Q - U) for a
** tremble.  Trembles change no payoff, only beliefs.
*/
static void eval_derivs(seq_ws *ws)
{
    const eq_tree *t = ws->t;
    int N = ws->N, n = ws->n;
    memset(ws->DU, 0, (size_t)N * (size_t)N * sizeof *ws->DU);
    for (int h = 0; h < ws->ni; h++) {
        const eqi_infoset *iset = &t->iset[h];
        int p = iset->player, k = iset->nact, o = ws->off[h];
        double *U = ws->U + o, R = 0.0;
        for (int a = 0; a < k; a++)
            U[a] = 0.0;
        for (int i = 0; i < iset->nmem; i++) {
            const eqi_node *x = &t->node[iset->members[i]];
            for (int a = 0; a < k; a++)
                U[a] += ws->wt[iset->members[i]] *
                        ws->val[(size_t)(x->child0 + a) * (size_t)n + (size_t)p];
            R += ws->logmode ? 0.0 : ws->rho[iset->members[i]];
        }
        for (int i = 0; i < iset->nmem; i++) {
            int v = iset->members[i];
            const eqi_node *x = &t->node[v];
            double mv = ws->wt[v];
            /* Belief term: the ancestors' actions. */
            int reached = !ws->fixed[h] && R > 0.0;
            if (ws->logmode || reached || ws->supp != NULL) {
                double suffix = 1.0;
                for (int y = v; t->node[y].parent >= 0;) {
                    int u = t->node[y].parent, b = t->node[y].move;
                    const eqi_node *z = &t->node[u];
                    if (z->kind == EQ_NODE_DECISION) {
                        int j = ws->off[z->infoset] + b;
                        double c = ws->logmode ? mv
                                   : reached ? ws->rho[u] * suffix / R
                                   : !ws->supp[j] ? mv
                                   : ws->sig[j] > 0.0 ? mv / ws->sig[j] : 0.0;
                        if (c != 0.0)
                            for (int a = 0; a < k; a++) {
                                double q = ws->val[(size_t)(x->child0 + a) * (size_t)n +
                                                   (size_t)p];
                                ws->DU[(size_t)(o + a) * (size_t)N + (size_t)j] +=
                                    c * (q - U[a]);
                            }
                        suffix *= ws->sig[j];
                    } else {
                        suffix *= t->probs[z->prob0 + b];
                    }
                    y = u;
                }
            }
            if (mv == 0.0)
                continue;
            /* Continuation term: the sets below each child. */
            for (int a = 0; a < k; a++) {
                double *row = ws->DU + (size_t)(o + a) * (size_t)N;
                int sp = 0, c = x->child0 + a;
                ws->P[c] = 1.0;
                ws->stack[sp++] = c;
                while (sp > 0) {
                    int w = ws->stack[--sp];
                    const eqi_node *y = &t->node[w];
                    double pw = ws->P[w];
                    if (y->kind == EQ_NODE_TERMINAL)
                        continue;
                    for (int b = 0; b < y->nchild; b++) {
                        int cc = y->child0 + b;
                        double pr;
                        if (y->kind == EQ_NODE_DECISION) {
                            int j = ws->off[y->infoset] + b;
                            double vb = ws->val[(size_t)cc * (size_t)n + (size_t)p];
                            pr = ws->sig[j];
                            if (ws->logmode || ws->supp == NULL || ws->supp[j])
                                row[j] += mv * pw * (ws->logmode ? pr : 1.0) * vb;
                        } else {
                            pr = t->probs[y->prob0 + b];
                        }
                        if (pr * pw != 0.0) {
                            ws->P[cc] = pw * pr;
                            ws->stack[sp++] = cc;
                        }
                    }
                }
            }
        }
    }
}

/* The path system's eval (path.h): ctx is the workspace. */
static int path_system(void *ctx, const double *y, double *hv, double *A)
{
    seq_ws *ws = ctx;
    int N = ws->N;
    size_t ld = (size_t)N + 1;
    double lam = y[N];
    if (eqi_path_exp(y, N, ws->sig) != 0)
        return -1;
    ws->logmode = 1;
    beliefs_log(ws, y);
    eval_values(ws);
    eval_derivs(ws);
    memset(A, 0, ld * ld * sizeof *A);
    for (int h = 0; h < ws->ni; h++) {
        int o = ws->off[h], k = ws->t->iset[h].nact;
        double s = 0.0;
        for (int a = 0; a < k; a++) {
            s += ws->sig[o + a];
            A[(size_t)o + (size_t)(o + a) * ld] = ws->sig[o + a];
        }
        hv[o] = s - 1.0;
        for (int a = 1; a < k; a++) {
            size_t row = (size_t)(o + a);
            const double *d1 = ws->DU + row * (size_t)N, *d0 = ws->DU + (size_t)o * (size_t)N;
            hv[row] = y[o + a] - y[o] - lam * (ws->U[o + a] - ws->U[o]);
            for (int j = 0; j < N; j++)
                A[row + (size_t)j * ld] = -lam * (d1[j] - d0[j]);
            A[row + row * ld] += 1.0;
            A[row + (size_t)o * ld] -= 1.0;
            A[row + (size_t)N * ld] = -(ws->U[o + a] - ws->U[o]);
        }
    }
    return 0;
}

/* ---- refinement ----------------------------------------------------- */

/* Normalise start, restricted to supp, into out; -1 if a set's support
** carries no probability. */
static int refine_start(seq_ws *ws, const unsigned char *supp, const double *start,
                        double *out)
{
    const eq_tree *t = ws->t;
    for (int h = 0; h < ws->ni; h++) {
        int o = ws->off[h];
        double sum = 0.0;
        for (int a = 0; a < t->iset[h].nact; a++) {
            out[o + a] = supp[o + a] ? start[o + a] : 0.0;
            sum += out[o + a];
        }
        if (!(sum > 0.0))
            return -1;
        for (int a = 0; a < t->iset[h].nact; a++)
            out[o + a] /= sum;
    }
    return 0;
}

/* Number the Newton system's unknowns: vix[j] the column of action j's
** probability (support) or tremble (-1 if neither), vp[h] v_h's column,
** ext[j] 1 for an action off the support held indifferent; counts the
** rows and columns into *rows, *cols. */
static void refine_layout(seq_ws *ws, const unsigned char *supp, int *vix, int *vp,
                          int *ext, int *rows, int *cols)
{
    const eq_tree *t = ws->t;
    for (int h = 0; h < ws->ni; h++) {
        int o = ws->off[h], k = t->iset[h].nact, ns = 0;
        double best = -HUGE_VAL;
        for (int a = 0; a < k; a++)
            if (supp[o + a] && ws->U[o + a] > best)
                best = ws->U[o + a];
        for (int a = 0; a < k; a++) {
            ext[o + a] = ws->fixed[h] && !supp[o + a] && ws->U[o + a] >= best - 1e-12;
            vix[o + a] = supp[o + a] ? (*cols)++ : -1;
            ns += supp[o + a] || ext[o + a];
        }
        vp[h] = (*cols)++;
        *rows += ns + 1;
        if (ws->fixed[h] && ns >= 2) {
            /* The trembles on the way to the leading nodes are unknowns. */
            for (int i = 0; i < t->iset[h].nmem; i++) {
                int w = t->iset[h].members[i];
                if (!(ws->wt[w] > 0.0))
                    continue;
                for (int y = w; t->node[y].parent >= 0;) {
                    int u = t->node[y].parent;
                    if (t->node[u].kind == EQ_NODE_DECISION) {
                        int j = ws->off[t->node[u].infoset] + t->node[y].move;
                        if (!supp[j] && vix[j] < 0)
                            vix[j] = -2;      /* numbered below */
                    }
                    y = u;
                }
            }
        }
    }
    for (int j = 0; j < ws->N; j++)
        if (vix[j] == -2)
            vix[j] = (*cols)++;
}

/* Fill the Newton system's Jacobian ws->A (rows x cols, column-major) and
** right-hand side ws->F (minus the residuals) at profile out and values v;
** on the first iteration (first != 0) v is set to the expected values. */
static void refine_system(seq_ws *ws, const unsigned char *supp, const int *ext,
                          const int *vix, const int *vp, const double *out, double *v,
                          int rows, int cols, int first)
{
    const eq_tree *t = ws->t;
    int e = 0, N = ws->N;
    double *J = ws->A, *F = ws->F;
    memset(J, 0, (size_t)rows * (size_t)cols * sizeof *J);
    for (int h = 0; h < ws->ni; h++) {
        int o = ws->off[h], k = t->iset[h].nact;
        double s = 0.0;
        if (first) {
            v[h] = 0.0;
            for (int a = 0; a < k; a++)
                v[h] += out[o + a] * ws->U[o + a];
        }
        for (int a = 0; a < k; a++) {
            const double *d = ws->DU + (size_t)(o + a) * (size_t)N;
            if (!supp[o + a] && !ext[o + a])
                continue;
            /* Row e: U_h(a) - v_h = 0. */
            F[e] = -(ws->U[o + a] - v[h]);
            J[(size_t)e + (size_t)vp[h] * (size_t)rows] = -1.0;
            for (int j = 0; j < N; j++)
                if (vix[j] >= 0)
                    J[(size_t)e + (size_t)vix[j] * (size_t)rows] += d[j];
            s += out[o + a];    /* 0 for a held action */
            e++;
        }
        /* Row e: the support's probabilities sum to 1. */
        F[e] = -(s - 1.0);
        for (int a = 0; a < k; a++)
            if (supp[o + a])
                J[(size_t)e + (size_t)vix[o + a] * (size_t)rows] = 1.0;
        e++;
    }
}

/* Apply the Newton step in ws->F to out, the trembles ws->ltr and v, the
** trembles' part damped to SEQ_TREMBLE_STEP. */
static void refine_apply(seq_ws *ws, const unsigned char *supp, const int *vix,
                         const int *vp, double *out, double *v)
{
    const double *F = ws->F;
    double tstep = 0.0, damp = 1.0;
    for (int j = 0; j < ws->N; j++)
        if (vix[j] >= 0 && !supp[j])
            tstep = fmax(tstep, fabs(F[vix[j]]));
    if (tstep > SEQ_TREMBLE_STEP)
        damp = SEQ_TREMBLE_STEP / tstep;
    for (int j = 0; j < ws->N; j++)
        if (vix[j] >= 0) {
            if (supp[j])
                out[j] += damp * F[vix[j]];
            else
                ws->ltr[j] += damp * F[vix[j]];
        }
    for (int h = 0; h < ws->ni; h++)
        v[h] += damp * F[vp[h]];
}

/* Clip out's rounding negatives and renormalise it, then check that the
** beliefs off the path stayed within SEQ_BELIEF_MOVE of the path's; -1 if
** not, or if a probability is clearly negative. */
static int refine_finish(seq_ws *ws, double *out)
{
    const eq_tree *t = ws->t;
    if (eqi_path_clip(out, ws->ni, ws->off) != 0)
        return -1;
    /* The beliefs off the path may only have been rounded. */
    memcpy(ws->sig, out, (size_t)ws->N * sizeof *out);
    beliefs_lin(ws);
    for (int h = 0; h < ws->ni; h++)
        for (int i = 0; ws->fixed[h] && i < t->iset[h].nmem; i++) {
            int w = t->iset[h].members[i];
            if (!(fabs(ws->wt[w] - ws->mufix[w]) <= SEQ_BELIEF_MOVE))
                return -1;
        }
    return 0;
}

/*
** Newton's method on the sequential-rationality conditions of the support
** supp (one flag per action) from start; the result, zero off the
** support, into out.  The sets the restricted profile does not reach get
** their beliefs from it and the trembles ws->ltr (the path's
** log-probabilities) of the actions outside the support (beliefs_lin), so
** that beliefs below a set off the path follow from those at it by Bayes'
** rule.  Where such a set mixes ("free" sets) the trembles on the way to
** its leading nodes become unknowns too, starting from the path's values
** and moving by minimum-norm steps (at most SEQ_TREMBLE_STEP each): at
** the path's end they are O(1/lambda) from the limit that makes the
** mixed actions exactly indifferent.  An action outside the support at a
** set off the path that is at least as good as the support is a tie of
** the limit that the rounding tipped over: it joins the equations, held
** indifferent at probability 0, and makes its set free.  A belief off the
** path that ends more than SEQ_BELIEF_MOVE from the path's is not such a
** rounding, and fails.  vix: 2 N + ni ints of scratch.  Returns 0, or -1
** if the system is singular, the iteration diverges or a probability
** comes out clearly negative.
*/
static int refine(seq_ws *ws, const unsigned char *supp, const double *start,
                  double *out, int *vix)
{
    int rows = 0, cols = 0, N = ws->N;
    int *vp = vix + N;           /* ni: v_h's column */
    int *ext = vp + ws->ni;      /* N: actions held indifferent */
    double *v = ws->F + ws->D;   /* one value per set */
    blasint bm, bn, bld, one = 1, info = 0, rank = 0;
    double rcond = 1e-10;

    ws->supp = supp;
    if (refine_start(ws, supp, start, out) != 0)
        return -1;
    memcpy(ws->sig, out, (size_t)N * sizeof *out);
    ws->logmode = 0;
    beliefs_lin(ws);
    eval_values(ws);
    eval_derivs(ws);
    refine_layout(ws, supp, vix, vp, ext, &rows, &cols);
    if (rows > ws->D || cols > ws->D)
        return -1;
    bm = (blasint)rows;
    bn = (blasint)cols;
    bld = bm > bn ? bm : bn;
    for (int it = 0; it < SEQ_REFINE_MAX; it++) {
        double step;
        if (it > 0) {
            memcpy(ws->sig, out, (size_t)N * sizeof *out);
            beliefs_lin(ws);
            eval_values(ws);
            eval_derivs(ws);
        }
        refine_system(ws, supp, ext, vix, vp, out, v, rows, cols, it == 0);
        dgelss_(&bm, &bn, &one, ws->A, &bm, ws->F, &bld, ws->sv, &rcond, &rank, ws->lsw,
                &ws->nlsw, &info);
        if (info != 0 || rank == 0)
            return -1;
        step = eqi_norm_inf(ws->F, cols);
        if (!(step < HUGE_VAL))
            return -1;
        refine_apply(ws, supp, vix, vp, out, v);
        if (step <= 1e-15)
            break;
    }
    return refine_finish(ws, out);
}

/* ---- set-up --------------------------------------------------------- */

static void ws_free(seq_ws *ws)
{
    free(ws->off);
    free(ws->pay);
    free(ws->sig);
    free(ws->lr);
    free(ws->rho);
    free(ws->val);
    free(ws->wt);
    free(ws->U);
    free(ws->DU);
    free(ws->P);
    free(ws->stack);
    free(ws->fixed);
    free(ws->mufix);
    free(ws->lpath);
    free(ws->ltr);
    free(ws->slope);
    free(ws->sl);
    free(ws->A);
    free(ws->F);
    free(ws->sv);
    free(ws->lsw);
}

/* Buffers and normalised payoffs.  *scale: OUT, the common divisor (0 if
** every payoff is constant); *minrange: OUT, the smallest normalised range
** of a player whose payoffs vary.  Returns 0 or -1 (no memory). */
static int ws_init(seq_ws *ws, const eq_tree *t, double *scale, double *minrange)
{
    double lo[EQ_MAX_PLAYERS], hi[EQ_MAX_PLAYERS];
    size_t nn = (size_t)t->nnode, N, D, big;
    int any[EQ_MAX_PLAYERS] = { 0 };

    memset(ws, 0, sizeof *ws);
    ws->t = t;
    ws->n = t->n;
    ws->ni = t->niset;
    ws->nn = t->nnode;
    ws->off = malloc(((size_t)t->niset + 1) * sizeof *ws->off);
    if (ws->off == NULL)
        return -1;
    ws->off[0] = 0;
    for (int h = 0; h < t->niset; h++)
        ws->off[h + 1] = ws->off[h] + t->iset[h].nact;
    ws->N = ws->off[t->niset];
    ws->D = 2 * ws->N + ws->ni;   /* refinement: unknowns and equations */
    N = (size_t)ws->N;
    D = (size_t)ws->D;
    big = (N + 1) * (N + 1) > D * D ? (N + 1) * (N + 1) : D * D;
    *scale = 0.0;
    for (int v = 0; v < t->nnode; v++) {
        const eqi_node *x = &t->node[v];
        if (x->kind != EQ_NODE_TERMINAL)
            continue;
        for (int p = 0; p < t->n; p++) {
            double u = t->pays[x->pay0 + p];
            if (!any[p] || u < lo[p]) lo[p] = u;
            if (!any[p] || u > hi[p]) hi[p] = u;
            any[p] = 1;
        }
    }
    for (int p = 0; p < t->n; p++)
        if (any[p] && hi[p] - lo[p] > *scale)
            *scale = hi[p] - lo[p];
    *minrange = 1.0;
    for (int p = 0; p < t->n; p++)
        if (any[p] && hi[p] > lo[p] && (hi[p] - lo[p]) / *scale < *minrange)
            *minrange = (hi[p] - lo[p]) / *scale;
    ws->pay = malloc(((size_t)t->npays + 1) * sizeof *ws->pay);
    ws->sig = malloc((N + 1) * sizeof *ws->sig);
    ws->lr = malloc(nn * sizeof *ws->lr);
    ws->rho = malloc(nn * sizeof *ws->rho);
    ws->val = malloc(nn * (size_t)t->n * sizeof *ws->val);
    ws->wt = malloc(nn * sizeof *ws->wt);
    ws->U = malloc((N + 1) * sizeof *ws->U);
    ws->DU = malloc((N * N + 1) * sizeof *ws->DU);
    ws->P = malloc(nn * sizeof *ws->P);
    ws->stack = malloc(nn * sizeof *ws->stack);
    ws->fixed = calloc((size_t)t->niset + 1, 1);
    ws->mufix = malloc(nn * sizeof *ws->mufix);
    ws->lpath = malloc((N + 1) * sizeof *ws->lpath);
    ws->ltr = malloc((N + 1) * sizeof *ws->ltr);
    ws->slope = calloc(N + 1, sizeof *ws->slope);
    ws->sl = malloc(nn * sizeof *ws->sl);
    ws->lam2 = 1.0;
    ws->A = malloc(big * sizeof *ws->A);
    ws->F = malloc((D + (size_t)ws->ni + 1) * sizeof *ws->F);
    ws->sv = malloc((D + 1) * sizeof *ws->sv);
    if (!ws->pay || !ws->sig || !ws->lr || !ws->rho || !ws->val || !ws->wt || !ws->U ||
        !ws->DU || !ws->P || !ws->stack || !ws->fixed || !ws->mufix || !ws->lpath || !ws->ltr || !ws->slope || !ws->sl ||
        !ws->A ||
        !ws->F || !ws->sv)
        return -1;
    for (int v = 0; v < t->nnode; v++) {
        const eqi_node *x = &t->node[v];
        if (x->kind != EQ_NODE_TERMINAL)
            continue;
        /* Shift to minimum 0 before dividing, as qre.c does. */
        for (int p = 0; p < t->n; p++)
            ws->pay[x->pay0 + p] = *scale > 0.0
                                   ? (t->pays[x->pay0 + p] - lo[p]) / *scale : 0.0;
    }
    {
        /* dgelss's workspace for the largest refinement system. */
        blasint d = (blasint)ws->D, one = 1, rank = 0, info = 0, query = -1;
        double opt = 0.0, rcond = -1.0;
        dgelss_(&d, &d, &one, ws->A, &d, ws->F, &d, ws->sv, &rcond, &rank, &opt,
                &query, &info);
        ws->nlsw = (blasint)opt > 6 * d ? (blasint)opt : 6 * d;
        ws->lsw = malloc((size_t)ws->nlsw * sizeof *ws->lsw);
        if (info != 0 || ws->lsw == NULL)
            return -1;
    }
    return 0;
}

/* The path's points: keeps the first at or beyond lambda_end / 8, whose
** log-probabilities give each action's slope d l / d lambda near the end
** (seq_mark). */
typedef struct seq_mark {
    int N;
    double lam_mark, lam1;
    double *l1;
    int have;
} seq_mark;

static void mark_point(void *ud, const double *y)
{
    seq_mark *mk = ud;
    if (mk->have || y[mk->N] < mk->lam_mark)
        return;
    memcpy(mk->l1, y, (size_t)mk->N * sizeof *y);
    mk->lam1 = y[mk->N];
    mk->have = 1;
}

/* Log a line through o->log, if set. */
static void note(const eq_tree_opts *o, int level, const char *fmt, ...) EQI_PRINTF(3, 4);
static void note(const eq_tree_opts *o, int level, const char *fmt, ...)
{
    char buf[320];
    va_list ap;
    if (o->log == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    o->log(o->log_ud, level, buf);
}

/* The certificate of profile s (N probabilities) with beliefs bel (nn):
** the larger of the sequential regret and the Bayes gap, or HUGE_VAL for
** lack of memory. */
static double certificate(seq_ws *ws, const double *s, const double *bel,
                          const double **ptr)
{
    double sr, bg;
    eq_status st;
    for (int h = 0; h < ws->ni; h++)
        ptr[h] = s + ws->off[h];
    if ((st = eqi_assessment_check(ws->t, ptr, bel, &sr, &bg)) != EQ_OK) {
        ws->nomem |= st == EQ_ERR_NOMEM;
        return HUGE_VAL;
    }
    return fmax(sr, bg);
}

/* The beliefs of profile s into bel: Bayes' rule where s reaches a set,
** beliefs_lin's elsewhere; marks ws->fixed. */
static void candidate_beliefs(seq_ws *ws, const double *s, double *bel)
{
    const eq_tree *t = ws->t;
    memcpy(ws->sig, s, (size_t)ws->N * sizeof *s);
    for (int h = 0; h < ws->ni; h++)
        ws->fixed[h] = 1;
    beliefs_lin(ws);
    for (int h = 0; h < ws->ni; h++) {
        const eqi_infoset *iset = &t->iset[h];
        double sum = 0.0;
        for (int i = 0; i < iset->nmem; i++)
            sum += ws->rho[iset->members[i]];
        ws->fixed[h] = !(sum > EQI_REACH_EPS);
    }
    beliefs_lin(ws);
    for (int v = 0; v < ws->nn; v++)
        if (t->node[v].kind == EQ_NODE_DECISION)
            bel[v] = ws->wt[v];
}

/* The buffers of one solve, beside the workspace. */
typedef struct seq_bufs {
    double *y;           /* N + 1: the path's point (log-probabilities, lambda) */
    double *s;           /* N: the path's end as probabilities */
    double *cand;        /* N: a candidate (and the marked point's scratch) */
    double *best;        /* N: the best candidate so far */
    double *bel;         /* nn: a candidate's beliefs */
    double *bbest;       /* nn: the best candidate's beliefs */
    const double **ptr;  /* ni + 1: per-set views for the certificate */
    unsigned char *supp; /* N: a candidate support */
    unsigned char *prev; /* N: the previous support tried */
    int *vix;            /* 2 N + ni + 1: refine's scratch */
} seq_bufs;

/* Free the buffers of b; no operation for those already NULL. */
static void bufs_free(seq_bufs *b)
{
    free(b->y);
    free(b->s);
    free(b->cand);
    free(b->best);
    free(b->bel);
    free(b->bbest);
    free(b->ptr);
    free(b->supp);
    free(b->prev);
    free(b->vix);
}

/* Allocate the buffers of b for N actions on t; -1 for lack of memory
** (what was allocated is left for bufs_free). */
static int bufs_init(seq_bufs *b, const eq_tree *t, int N)
{
    b->y = malloc(((size_t)N + 1) * sizeof *b->y);
    b->s = malloc((size_t)N * sizeof *b->s);
    b->cand = malloc((size_t)N * sizeof *b->cand);
    b->best = malloc((size_t)N * sizeof *b->best);
    b->bel = malloc((size_t)t->nnode * sizeof *b->bel);
    b->bbest = malloc((size_t)t->nnode * sizeof *b->bbest);
    b->ptr = malloc(((size_t)t->niset + 1) * sizeof *b->ptr);
    b->supp = malloc((size_t)N);
    b->prev = malloc((size_t)N);
    b->vix = malloc((2 * (size_t)N + (size_t)t->niset + 1) * sizeof *b->vix);
    if (!b->y || !b->s || !b->cand || !b->best || !b->bel || !b->bbest || !b->ptr ||
        !b->supp || !b->prev || !b->vix)
        return -1;
    for (int v = 0; v < t->nnode; v++)
        b->bel[v] = b->bbest[v] = NAN;
    return 0;
}

/* The limits on the tree's size and OpenBLAS's buffer; EQ_OK or the error,
** its message in r->errmsg. */
static eq_status check_limits(const eq_tree *t, eq_tree_result *r)
{
    if (t->nnode > SEQ_MAX_NODES)
        return eqi_error(r->errmsg, EQ_ERR_LIMIT,
                         "sequential: the tree has %d nodes; the agent QRE path is "
                         "followed on trees of at most %d nodes (SEQ_MAX_NODES)",
                         t->nnode, SEQ_MAX_NODES);
    if (r->tot > SEQ_MAX_ACTIONS)
        return eqi_error(r->errmsg, EQ_ERR_LIMIT,
                         "sequential: %d actions in all information sets; the agent "
                         "QRE path takes at most %d (SEQ_MAX_ACTIONS)", r->tot,
                         SEQ_MAX_ACTIONS);
    /* dgelss takes OpenBLAS's work buffer, whose mapping OpenBLAS would
    ** retry for ever under a memory limit (blas.h). */
    if (!eqi_blas_buffer_ok())
        return eqi_error(r->errmsg, EQ_ERR_NOMEM,
                         "out of memory: no room for OpenBLAS's work buffer");
    return EQ_OK;
}

/* Follow the agent QRE path from the centroid into b->y (the centroid
** itself if scale is 0), and measure the log-probabilities' slopes near
** its end into ws->slope; *ps gets the path's statistics. */
static eq_status follow_path(seq_ws *ws, seq_bufs *b, double scale, double minrange,
                             eqi_path_stats *ps, char *errmsg)
{
    const eq_tree *t = ws->t;
    int N = ws->N;
    double *y = b->y, lam_end, scale_lambda;
    eqi_path_sys sys;
    eqi_path_opts po;
    seq_mark mk;
    eq_status st;

    /* The centroid at lambda = 0. */
    for (int h = 0; h < t->niset; h++)
        for (int a = 0; a < t->iset[h].nact; a++)
            y[ws->off[h] + a] = -log((double)t->iset[h].nact);
    y[N] = 0.0;
    if (!(scale > 0.0))
        return EQ_OK;
    scale_lambda = 1.0 / minrange;
    lam_end = SEQ_LAMBDA_END * scale_lambda;
    if (lam_end > SEQ_LAMBDA_CAP)
        lam_end = SEQ_LAMBDA_CAP;
    sys.N = N;
    sys.eval = path_system;
    sys.ctx = ws;
    memset(&po, 0, sizeof po);
    po.who = "sequential";
    po.lam_end = lam_end;
    po.lam_salvage = SEQ_LAMBDA_SALVAGE * scale_lambda;
    po.lam_unit = scale;
    po.A = ws->A;
    po.guard = ws->guard;
    mk.N = N;
    mk.lam_mark = lam_end / 8.0;
    mk.l1 = b->cand;
    mk.have = 0;
    po.point = mark_point;
    po.ud = &mk;
    if ((st = eqi_path_follow(&sys, &po, y, ps, errmsg)) != EQ_OK)
        return st;
    if (mk.have && y[N] > mk.lam1) {
        for (int i = 0; i < N; i++)
            ws->slope[i] = (y[i] - mk.l1[i]) / (y[N] - mk.lam1);
        ws->lam2 = y[N];
    }
    return EQ_OK;
}

/* The path's end: its beliefs everywhere into ws->mufix (the limit
** beliefs where the refined profiles will not reach), its
** log-probabilities into ws->lpath and its probabilities into b->s. */
static void path_end(seq_ws *ws, seq_bufs *b)
{
    const eq_tree *t = ws->t;
    const double *y = b->y;
    double *s = b->s;
    beliefs_log(ws, y);
    memcpy(ws->mufix, ws->wt, (size_t)t->nnode * sizeof *ws->mufix);
    memcpy(ws->lpath, y, (size_t)ws->N * sizeof *ws->lpath);
    ws->supp = NULL;
    for (int h = 0; h < t->niset; h++) {
        int o0 = ws->off[h];
        double sum = 0.0;
        for (int a = 0; a < t->iset[h].nact; a++)
            sum += (s[o0 + a] = exp(y[o0 + a]));
        for (int a = 0; a < t->iset[h].nact; a++)
            s[o0 + a] /= sum;
    }
}

/* What refine_supports' candidates need. */
typedef struct seq_refine_ctx {
    seq_ws *ws;
    seq_bufs *b;
} seq_refine_ctx;

static int refine_one(void *ctx, const unsigned char *supp, double *score)
{
    seq_ws *ws = ((seq_refine_ctx *)ctx)->ws;
    seq_bufs *b = ((seq_refine_ctx *)ctx)->b;
    /* The sets this support reaches keep Bayes' rule; the others get the
    ** path's trembles off the support. */
    for (int i = 0; i < ws->N; i++)
        b->cand[i] = supp[i] ? b->s[i] : 0.0;
    memcpy(ws->ltr, ws->lpath, (size_t)ws->N * sizeof *ws->ltr);
    ws->supp = supp;
    candidate_beliefs(ws, b->cand, b->bel);
    if (refine(ws, supp, b->s, b->cand, b->vix) != 0)
        return -1;
    candidate_beliefs(ws, b->cand, b->bel);
    *score = certificate(ws, b->cand, b->bel, b->ptr);
    return 0;
}

static void keep_one(void *ctx)
{
    seq_ws *ws = ((seq_refine_ctx *)ctx)->ws;
    seq_bufs *b = ((seq_refine_ctx *)ctx)->b;
    memcpy(b->best, b->cand, (size_t)ws->N * sizeof *b->best);
    memcpy(b->bbest, b->bel, (size_t)ws->t->nnode * sizeof *b->bbest);
}

/* Refine on the supports the path's end indicates, keeping in b->best and
** b->bbest the candidate of smallest certificate below *cert_best (which
** is updated); 1 if a refined candidate won, else 0. */
static int refine_supports(seq_ws *ws, seq_bufs *b, double *cert_best)
{
    seq_refine_ctx c = { ws, b };
    eqi_refiner R = { refine_one, keep_one, &c };
    return eqi_path_refine_supports(b->s, ws->ni, ws->off, b->supp, b->prev,
                                    &R, cert_best);
}

/* Report b->best with its beliefs b->bbest as r's equilibrium, certified;
** b->bel is scratch. */
static eq_status report_best(const eq_tree *t, seq_bufs *b, eq_tree_result *r)
{
    int k;
    eq_status st;
    if ((k = eqi_tree_result_add(r, t, b->best)) < 0)
        return EQ_ERR_NOMEM;
    for (int h = 0; h < t->niset; h++) {
        const eqi_infoset *iset = &t->iset[h];
        for (int i = 0; i < iset->nmem; i++)
            b->bel[i] = b->bbest[iset->members[i]];
        if (eqi_result_set_belief(r, t, k, h, b->bel) != 0)
            return EQ_ERR_NOMEM;
    }
    if ((st = eqi_result_certify(r, t, k)) != EQ_OK)
        return st;
    snprintf(r->selection, sizeof r->selection,
             "one sequential equilibrium, the limit of the agent logit quantal "
             "response equilibria (McKelvey and Palfrey 1998)");
    return EQ_OK;
}

eq_status eqi_tree_solve_sequential(const eq_tree *t, const eq_tree_opts *o,
                                    eq_tree_result *r)
{
    seq_ws ws;
    seq_bufs b;
    double scale = 0.0, minrange = 1.0, cert_path, cert_best;
    int N, refined = 0;
    eqi_path_stats ps;
    eq_status st = EQ_OK;

    memset(&ps, 0, sizeof ps);
    memset(&b, 0, sizeof b);
    if ((st = check_limits(t, r)) != EQ_OK)
        return st;
    if (t->niset == 0) {
        /* No decision at all: the empty profile is the equilibrium. */
        double none = 0.0;
        if (eqi_tree_result_add(r, t, &none) < 0)
            return EQ_ERR_NOMEM;
        snprintf(r->selection, sizeof r->selection,
                 "the only sequential equilibrium (no player moves)");
        return eqi_result_certify(r, t, 0);
    }
    if (ws_init(&ws, t, &scale, &minrange) == 0)
        ws.guard = eqi_guard_of(o->limits);
    else {
        st = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    N = ws.N;
    if (bufs_init(&b, t, N) != 0) {
        st = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((st = follow_path(&ws, &b, scale, minrange, &ps, r->errmsg)) != EQ_OK)
        goto done;
    path_end(&ws, &b);
    candidate_beliefs(&ws, b.s, b.bel);
    cert_path = cert_best = certificate(&ws, b.s, b.bel, b.ptr);
    memcpy(b.best, b.s, (size_t)N * sizeof *b.best);
    memcpy(b.bbest, b.bel, (size_t)t->nnode * sizeof *b.bbest);
    if (scale > 0.0)
        refined = refine_supports(&ws, &b, &cert_best);
    note(o, 0, "sequential: agent QRE path of %d steps (%d rejected, %d bifurcation "
         "points crossed) to lambda %g; certificate %.3g at the path's end, %.3g %s",
         ps.steps, ps.rejected, ps.crossings, scale > 0.0 ? b.y[N] / scale : 0.0,
         cert_path, cert_best, refined ? "after Newton on the support" : "(kept)");
    if (ws.nomem) {
        st = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (ps.broke) {
        double bound = o->tol * (scale > 1.0 ? scale : 1.0);
        if (!(cert_best <= bound)) {
            st = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                           "sequential: the agent QRE path could not be followed beyond "
                           "lambda %g (the tree is probably degenerate), and the point "
                           "reached has certificate %.3g", b.y[N] / scale, cert_best);
            goto done;
        }
        note(o, 1, "sequential: the path broke down at lambda %g (a degenerate tree?); "
             "the refined point is a sequential equilibrium to %.3g", b.y[N] / scale,
             cert_best);
    }
    st = report_best(t, &b, r);
done:
    ws_free(&ws);
    bufs_free(&b);
    return st;
}
