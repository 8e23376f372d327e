/*
** spe.c -- subgame-perfect equilibria by backward induction over the
** subgames.
**
** A behaviour profile is subgame perfect when it induces a Nash
** equilibrium in every subgame (Selten 1965).  eq_tree_finish lists the
** subgame roots in preorder, so a subgame comes before the subgames nested
** in it; we handle them in reverse, the deepest first.  For subgame k with
** root s, its "remainder" is the part of the subtree of s outside the
** subgames nested in it.  Once every nested subgame j has its list of
** equilibria, each with a payoff vector u_j, an equilibrium of k is
**
**   (a choice of one equilibrium e_j of every immediate nested subgame j)
**   + (a Nash equilibrium of the remainder in which the root of each j is
**      a terminal node paying u_j(e_j)),
**
** and every subgame-perfect equilibrium arises so (one-shot replacement of
** a subgame by its equilibrium value; Kuhn's theorem makes the remainder's
** equilibria behaviour strategies).
**
** The remainder is copied into a small tree whose terminals are the real
** terminals and the nested subgames' roots.  If every information set in
** it is a singleton (perfect information) it is solved by plain backward
** induction: at a decision node every action whose value for the mover is
** maximal, to the tie tolerance, is an equilibrium choice.  (Given the
** subgame test of eq_tree_finish such a remainder is a single node: every
** decision or chance node with perfect information below roots a subgame
** of its own.)  Otherwise the small tree goes to the subgame method's
** stage function in the method table (methods.c): most methods solve its
** reduced strategic form and turn each equilibrium into behaviour
** strategies (treduced.c); correlated plays it by one correlated
** equilibrium (tcorrelated.c); pbe enumerates its pure weak perfect
** Bayesian equilibria (pbe.c), and each assembled profile then gets pbe's
** beliefs off the path (eqi_pbe_assess).
**
** With opts->all, subgame k keeps every combination: the product of the
** nested lists, times each remainder's equilibria, capped at
** max_equilibria (or SPE_MAX_ALL) with EQ_SOL_PARTIAL.  Note that the
** list is "all" in the subgame method's sense: enum lists the extreme
** equilibria of each remainder, pure its pure ones; mixtures of tied
** maximisers in a perfect-information node are equilibria too but are not
** listed.  Without opts->all, one equilibrium of each subgame is kept, by
** the rule opts->select, before the enclosing subgame is solved.
**
** When the subgame method finds no equilibrium in some subgame (pure on a
** subgame like matching pennies), the solve succeeds with zero equilibria
** (EQ_SOL_NONE) and the selection text names the subgame: "no equilibrium"
** is an answer of the method, not a failure of the call.
**
** An equilibrium of subgame k is stored compactly: the behaviour at the
** remainder's information sets, plus for each nested subgame the index of
** the equilibrium chosen there.  The whole profile is put together only
** at the root.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"

/* With opts->all and no max_equilibria: most equilibria kept per subgame. */
#define SPE_MAX_ALL 10000

/* The equilibria of one subgame (see the file comment). */
typedef struct subsol {
    int count;
    size_t cap;
    int nriset;      /* the remainder's information sets ... */
    int *riset;      /* ... as original indices, in the small tree's order */
    int nrem;        /* their actions: the length of a behaviour row */
    int nnest;       /* immediate nested subgames ... */
    int *nest;       /* ... their indices */
    double *pay;     /* count x n: payoffs at the subgame's root */
    double *marked;  /* count: probability of select_action actions, summed
                        over the subgame's sets */
    double *beh;     /* count x nrem */
    int *pick;       /* count x nnest: the nested equilibria chosen */
    eqi_stage *jt;   /* count: the remainder's joint distribution when it
                        is a correlated stage (empty otherwise) */
} subsol;

static void subsol_free(subsol *S)
{
    if (S->jt != NULL)
        for (int e = 0; e < S->count; e++)
            eqi_stage_free(&S->jt[e]);
    free(S->jt);
    free(S->riset);
    free(S->nest);
    free(S->pay);
    free(S->marked);
    free(S->beh);
    free(S->pick);
    memset(S, 0, sizeof *S);
}

static int subsol_push(subsol *S, int n, const double *pay, double marked,
                       const double *beh, const int *pick, const eqi_stage *jt)
{
    if ((size_t)S->count == S->cap) {
        size_t cap = eqi_grow_cap(S->cap, S->cap + 1);
        if (cap == 0 || eqi_resize(&S->pay, cap * (size_t)n, sizeof *S->pay) ||
            eqi_resize(&S->marked, cap, sizeof *S->marked) ||
            eqi_resize(&S->beh, cap * ((size_t)S->nrem + 1), sizeof *S->beh) ||
            eqi_resize(&S->pick, cap * ((size_t)S->nnest + 1), sizeof *S->pick) ||
            eqi_resize(&S->jt, cap, sizeof *S->jt))
            return -1;
        S->cap = cap;
    }
    if (jt != NULL && jt->len > 0) {
        if (eqi_stage_copy(&S->jt[S->count], jt) != 0)
            return -1;
    } else {
        memset(&S->jt[S->count], 0, sizeof *S->jt);
    }
    memcpy(S->pay + (size_t)S->count * (size_t)n, pay, (size_t)n * sizeof *pay);
    S->marked[S->count] = marked;
    memcpy(S->beh + (size_t)S->count * (size_t)S->nrem, beh, (size_t)S->nrem * sizeof *beh);
    memcpy(S->pick + (size_t)S->count * (size_t)S->nnest, pick,
           (size_t)S->nnest * sizeof *pick);
    S->count++;
    return 0;
}

/* The state of one solve. */
typedef struct spe {
    const eq_tree *t;
    const eq_tree_opts *o;
    eq_tree_result *r;
    eq_method method;    /* for the remainders without perfect information */
    const eqi_method *M; /* its row of the table */
    int *off;            /* niset + 1: offsets of each set's actions */
    int *subidx;         /* per node: the subgame it roots, or -1 */
    int *map;            /* per set: its index in the current small tree, or -1 */
    subsol *sols;        /* per subgame */
    int cap;             /* most equilibria kept per subgame */
    int partial;         /* a cap was reached */
    int strategic;       /* some remainder went to the subgame method */
    double tie;          /* absolute tolerance of payoff comparisons */
    char none[200];      /* which subgame had no equilibrium */
} spe;

/* A node's name for messages. */
static void node_desc(const eq_tree *t, int v, char *buf, size_t len)
{
    if (t->node[v].label != NULL && t->node[v].label[0] != '\0')
        snprintf(buf, len, "node %d ('%s')", v, t->node[v].label);
    else
        snprintf(buf, len, "node %d", v);
}

static void note(const spe *c, int level, const char *fmt, ...) EQI_PRINTF(3, 4);
static void note(const spe *c, int level, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    if (c->o->log == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->o->log(c->o->log_ud, level, msg);
}

/*
** Copy subgame k's remainder into a new small tree *out: the nodes below
** s = subroot[k] down to the terminals and to the roots of the nested
** subgames, which become terminals (payoffs set later, per combination).
** Fills S->riset/nriset/nrem and S->nest/nnest, and leaf[j], the small
** node standing for nested subgame S->nest[j].
*/
static eq_status build_part(spe *c, int k, subsol *S, eq_tree **out, int **leaf)
{
    const eq_tree *t = c->t;
    eq_tree *st = NULL;
    int *q = NULL, *qs = NULL, head = 0, tail = 0, *lf = NULL;
    double *zero = NULL;
    eq_status s;

    *out = NULL;
    *leaf = NULL;
    q = malloc((size_t)t->nnode * sizeof *q);
    qs = malloc((size_t)t->nnode * sizeof *qs);
    lf = malloc((size_t)t->nnode * sizeof *lf);
    S->riset = malloc(((size_t)t->niset + 1) * sizeof *S->riset);
    S->nest = malloc((size_t)t->nnode * sizeof *S->nest);
    zero = calloc((size_t)t->n, sizeof *zero);
    if (!q || !qs || !lf || !S->riset || !S->nest || !zero)
        goto nomem;
    if ((s = eq_tree_new(&st, t->n)) != EQ_OK)
        goto fail;
    q[tail] = t->subroot[k];
    qs[tail++] = 0;
    while (head < tail) {
        int v = q[head], sv = qs[head++], added;
        const eqi_node *x = &t->node[v];
        if (v != t->subroot[k] && c->subidx[v] >= 0) {
            lf[S->nnest] = sv;
            S->nest[S->nnest++] = c->subidx[v];
            if ((s = eq_tree_make_terminal(st, sv, zero)) != EQ_OK)
                goto fail;
            continue;
        }
        s = eqi_tree_copy_node(st, sv, t, v, c->map, &added);
        if (s != EQ_OK)
            goto fail;
        if (added) {
            S->riset[S->nriset++] = x->infoset;
            S->nrem += t->iset[x->infoset].nact;
        }
        for (int a = 0; a < x->nchild; a++) {
            q[tail] = x->child0 + a;
            qs[tail++] = eq_tree_child(st, sv, a);
        }
    }
    for (int i = 0; i < S->nriset; i++)
        c->map[S->riset[i]] = -1;
    if ((s = eq_tree_finish(st)) == EQ_ERR_NOMEM) {
        s = eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto out;
    }
    if (s != EQ_OK) {
        char buf[64];
        node_desc(t, t->subroot[k], buf, sizeof buf);
        s = eqi_error(c->r->errmsg, EQ_ERR_INTERNAL,
                      "the part of the subgame at %s is not a valid tree: %s",
                      buf, eq_tree_errmsg(st));
        goto out;
    }
    free(q);
    free(qs);
    free(zero);
    *out = st;
    *leaf = lf;
    return EQ_OK;
nomem:
    s = EQ_ERR_NOMEM;
fail:
    if (s == EQ_ERR_NOMEM)
        eqi_error(c->r->errmsg, s, "out of memory");
    else
        s = eqi_error(c->r->errmsg, EQ_ERR_INTERNAL, "copying a subgame: %s",
                      st ? eq_tree_errmsg(st) : eq_status_string(s));
out:
    if (S->riset != NULL)
        for (int i = 0; i < S->nriset; i++)
            c->map[S->riset[i]] = -1;
    eq_tree_free(st);
    free(q);
    free(qs);
    free(lf);
    free(zero);
    return s;
}

/* Advance an odometer idx[0..m) under limits lim[]; 0 when it wraps. */
static int odometer(int *idx, const int *lim, int m)
{
    for (int j = m - 1; j >= 0; j--) {
        if (++idx[j] < lim[j])
            return 1;
        idx[j] = 0;
    }
    return 0;
}

/*
** Backward induction on a perfect-information small tree below node v:
** every profile of choices in which each mover picks an action of maximal
** value (to c->tie) given the choices below, into out.  At a node, every
** combination of the children's lists is kept, since each child roots a
** subgame whose equilibrium is fixed before the node's choice is made.
** soff: offsets of the small tree's sets.
*/
static eq_status backward(spe *c, const eq_tree *st, const int *soff, int v,
                          eqi_cands *out)
{
    const eqi_node *x = &st->node[v];
    eqi_cands *ch = NULL;
    int *idx = NULL, *lim = NULL, n = st->n;
    double *beh = NULL, pay[EQ_MAX_PLAYERS];
    eq_status s = EQ_OK;

    if ((beh = calloc((size_t)out->stot + 1, sizeof *beh)) == NULL)
        return EQ_ERR_NOMEM;
    if (x->kind == EQ_NODE_TERMINAL) {
        s = eqi_cands_push(out, beh, st->pays + x->pay0, NULL) ? EQ_ERR_NOMEM : EQ_OK;
        free(beh);
        return s;
    }
    ch = calloc((size_t)x->nchild, sizeof *ch);
    idx = calloc((size_t)x->nchild, sizeof *idx);
    lim = calloc((size_t)x->nchild, sizeof *lim);
    if (ch == NULL || idx == NULL || lim == NULL) {
        s = EQ_ERR_NOMEM;
        goto done;
    }
    for (int a = 0; a < x->nchild; a++) {
        ch[a].stot = out->stot;
        ch[a].n = n;
        if ((s = backward(c, st, soff, x->child0 + a, &ch[a])) != EQ_OK)
            goto done;
        if (ch[a].count == 0)
            goto done; /* no equilibrium below */
        lim[a] = ch[a].count;
    }
    do {
        if (out->count >= c->cap) {
            c->partial = 1; /* combinations remain */
            break;
        }
        /* The children's parts lie in disjoint sets, so they add up. */
        for (int i = 0; i < out->stot; i++)
            beh[i] = 0.0;
        for (int a = 0; a < x->nchild; a++)
            for (int i = 0; i < out->stot; i++)
                beh[i] += ch[a].beh[(size_t)idx[a] * (size_t)out->stot + (size_t)i];
        if (x->kind == EQ_NODE_CHANCE) {
            /* Expected value over the chance move. */
            for (int p = 0; p < n; p++) {
                pay[p] = 0.0;
                for (int a = 0; a < x->nchild; a++)
                    pay[p] += st->probs[x->prob0 + a] *
                              ch[a].pay[(size_t)idx[a] * (size_t)n + (size_t)p];
            }
            if (eqi_cands_push(out, beh, pay, NULL)) {
                s = EQ_ERR_NOMEM;
                goto done;
            }
        } else {
            /* The mover i takes every action of maximal value to i. */
            int i = x->player, h = x->infoset;
            double best = -HUGE_VAL;
            for (int a = 0; a < x->nchild; a++) {
                double u = ch[a].pay[(size_t)idx[a] * (size_t)n + (size_t)i];
                if (u > best)
                    best = u;
            }
            for (int a = 0; a < x->nchild; a++) {
                const double *u = ch[a].pay + (size_t)idx[a] * (size_t)n;
                if (u[i] < best - c->tie)
                    continue;
                if (out->count >= c->cap) {
                    c->partial = 1;
                    break;
                }
                beh[soff[h] + a] = 1.0;
                if (eqi_cands_push(out, beh, u, NULL)) {
                    s = EQ_ERR_NOMEM;
                    goto done;
                }
                beh[soff[h] + a] = 0.0;
            }
        }
    } while (odometer(idx, lim, x->nchild));
done:
    if (ch != NULL)
        for (int a = 0; a < x->nchild; a++)
            eqi_cands_free(&ch[a]);
    free(ch);
    free(idx);
    free(lim);
    free(beh);
    return s;
}

/* The equilibria of the small tree st (its nested leaves already paying
** their values), into out: by backward induction under perfect
** information, otherwise by the subgame method's stage function. */
static eq_status solve_part(spe *c, const eq_tree *st, int k, const subsol *S,
                            eqi_cands *out)
{
    eq_tree_opts so = *c->o;
    char err[EQI_ERRMAX], where[64];
    int pi = 1, first = out->count;
    eq_status s;

    for (int h = 0; h < st->niset && pi; h++)
        pi = st->iset[h].nmem == 1;
    if (pi) {
        int *soff = malloc(((size_t)st->niset + 1) * sizeof *soff);
        if (soff == NULL)
            return eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
        soff[0] = 0;
        for (int h = 0; h < st->niset; h++)
            soff[h + 1] = soff[h] + st->iset[h].nact;
        s = backward(c, st, soff, 0, out);
        free(soff);
        if (s != EQ_OK)
            return eqi_error(c->r->errmsg, s, "out of memory");
        return EQ_OK;
    }
    c->strategic = 1;
    /* Every equilibrium is wanted: to choose among, or to list. */
    so.max_equilibria = c->o->all ? c->cap : 0;
    err[0] = '\0';
    if ((s = c->M->part(st, &so, c->method, out, err)) != EQ_OK) {
        node_desc(c->t, c->t->subroot[k], where, sizeof where);
        return eqi_error(c->r->errmsg, s, "subgame at %s: %s", where, err);
    }
    if (out->partial && c->o->all)
        c->partial = 1;
    /* A correlated stage names st's root and sets: make them the tree's. */
    for (int e = first; e < out->count; e++) {
        eqi_stage *jt = &out->jt[e];
        if (jt->set == NULL)
            continue;
        jt->root = c->t->subroot[k];
        for (int j = 0; j < jt->nset; j++)
            jt->set[j] = S->riset[jt->set[j]];
    }
    return EQ_OK;
}

/* The index of the equilibrium of S that opts->select prefers; the first
** of several equally good ones. */
static int select_one(const spe *c, const subsol *S)
{
    int best = 0, n = c->t->n;
    double bv = 0.0;
    for (int e = 0; e < S->count; e++) {
        const double *u = S->pay + (size_t)e * (size_t)n;
        double v;
        switch (c->o->select) {
        case EQ_SELECT_WELFARE:
            v = 0.0;
            for (int p = 0; p < n; p++)
                v += u[p];
            break;
        case EQ_SELECT_PLAYER:
            v = u[c->o->select_player];
            break;
        case EQ_SELECT_MIN_ACTION:
            v = -S->marked[e];
            break;
        default:
            return 0;
        }
        if (e == 0 || v > bv + c->tie) {
            best = e;
            bv = v;
        }
    }
    return best;
}

/* Solve subgame k, every nested one being solved already. */
static eq_status solve_subgame(spe *c, int k)
{
    const eq_tree *t = c->t;
    subsol *S = &c->sols[k];
    eq_tree *st = NULL;
    int *leaf = NULL, *idx = NULL, *lim = NULL, n = t->n;
    unsigned char *mark = NULL;
    eqi_cands cd;
    long combos = 0;
    eq_status s;

    memset(&cd, 0, sizeof cd);
    if ((s = build_part(c, k, S, &st, &leaf)) != EQ_OK)
        return s;
    cd.stot = S->nrem;
    cd.n = n;
    idx = calloc((size_t)S->nnest + 1, sizeof *idx);
    lim = calloc((size_t)S->nnest + 1, sizeof *lim);
    mark = calloc((size_t)S->nrem + 1, 1);
    if (idx == NULL || lim == NULL || mark == NULL) {
        s = eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* The remainder's actions named select_action. */
    if (c->o->select_action != NULL)
        for (int i = 0, pos = 0; i < S->nriset; i++) {
            const eqi_infoset *I = &t->iset[S->riset[i]];
            for (int a = 0; a < I->nact; a++, pos++)
                mark[pos] = strcmp(I->aname[a], c->o->select_action) == 0;
        }
    for (int j = 0; j < S->nnest; j++) {
        lim[j] = c->sols[S->nest[j]].count;
        if (lim[j] == 0)
            goto done; /* a nested subgame has none: neither has this one */
    }
    do {
        double base = 0.0;
        /* Give up when full, or after many combinations found nothing. */
        if (c->o->all && (S->count >= c->cap || combos++ >= 100L * c->cap)) {
            c->partial = 1;
            break;
        }
        /* The nested subgames' roots pay their chosen equilibria's values. */
        for (int j = 0; j < S->nnest; j++) {
            const subsol *N = &c->sols[S->nest[j]];
            eq_tree_set_payoffs(st, leaf[j], N->pay + (size_t)idx[j] * (size_t)n);
            base += N->marked[idx[j]];
        }
        eqi_cands_clear(&cd);
        if ((s = solve_part(c, st, k, S, &cd)) != EQ_OK)
            goto done;
        for (int e = 0; e < cd.count; e++) {
            const double *b = cd.beh + (size_t)e * (size_t)cd.stot;
            double m = base;
            for (int i = 0; i < cd.stot; i++)
                if (mark[i])
                    m += b[i];
            if (c->o->all && S->count >= c->cap) {
                c->partial = 1;
                break;
            }
            if (subsol_push(S, n, cd.pay + (size_t)e * (size_t)n, m, b, idx, &cd.jt[e])) {
                s = eqi_error(c->r->errmsg, EQ_ERR_NOMEM, "out of memory");
                goto done;
            }
        }
    } while (odometer(idx, lim, S->nnest));
    if (!c->o->all && S->count > 1) {
        int e = select_one(c, S);
        /* Keep equilibrium e alone, at index 0. */
        memmove(S->pay, S->pay + (size_t)e * (size_t)n, (size_t)n * sizeof *S->pay);
        S->marked[0] = S->marked[e];
        memmove(S->beh, S->beh + (size_t)e * (size_t)S->nrem, (size_t)S->nrem * sizeof *S->beh);
        memmove(S->pick, S->pick + (size_t)e * (size_t)S->nnest,
                (size_t)S->nnest * sizeof *S->pick);
        for (int i = 0; i < S->count; i++)
            if (i != e)
                eqi_stage_free(&S->jt[i]);
        S->jt[0] = S->jt[e];
        S->count = 1;
    }
done:
    if (s == EQ_OK && S->count == 0 && c->none[0] == '\0') {
        char buf[64];
        node_desc(t, t->subroot[k], buf, sizeof buf);
        snprintf(c->none, sizeof c->none, "method '%s' found no equilibrium in the subgame at %s",
                 eq_method_name(c->method), buf);
    }
    if (s == EQ_OK) {
        char buf[64];
        node_desc(t, t->subroot[k], buf, sizeof buf);
        note(c, 0, "subgame %d of %d (at %s): %d equilibri%s kept", t->nsub - k, t->nsub,
             buf, S->count, S->count == 1 ? "um" : "a");
    }
    eqi_cands_free(&cd);
    eq_tree_free(st);
    free(leaf);
    free(idx);
    free(lim);
    free(mark);
    return s;
}

/* Put equilibrium e of the root subgame together into the profile beh:
** each subgame's remainder, then its chosen nested equilibria.  The
** correlated stages met go to stages (shallow copies; at most t->nsub),
** their number to *nstages. */
static void assemble(const spe *c, int e, double *beh, int *stk_k, int *stk_e,
                     eqi_stage *stages, int *nstages)
{
    int sp = 0;
    *nstages = 0;
    stk_k[sp] = 0;
    stk_e[sp++] = e;
    while (sp > 0) {
        int k, i;
        const subsol *S;
        const double *row;
        sp--;
        k = stk_k[sp];
        i = stk_e[sp];
        S = &c->sols[k];
        row = S->beh + (size_t)i * (size_t)S->nrem;
        if (S->jt != NULL && S->jt[i].len > 0)
            stages[(*nstages)++] = S->jt[i];
        for (int j = 0, pos = 0; j < S->nriset; j++) {
            int h = S->riset[j], m = c->t->iset[h].nact;
            memcpy(beh + c->off[h], row + pos, (size_t)m * sizeof *beh);
            pos += m;
        }
        for (int j = 0; j < S->nnest; j++) {
            stk_k[sp] = S->nest[j];
            stk_e[sp++] = S->pick[(size_t)i * (size_t)S->nnest + (size_t)j];
        }
    }
}

/* Check the options that spe reads; choose the subgame method. */
static eq_status check_opts(spe *c)
{
    const eq_tree *t = c->t;
    const eq_tree_opts *o = c->o;
    char list[160];
    c->method = (int)o->subgame_method == -1 ? eq_method_default_subgame(t)
                                            : o->subgame_method;
    c->M = eqi_method_get(c->method);
    if (c->M == NULL || !(c->M->caps & EQ_CAP_STAGE) || c->M->part == NULL) {
        eqi_method_list(EQ_CAP_STAGE, list, sizeof list);
        return eqi_error(c->r->errmsg, EQ_ERR_ARG, "the subgame method must be %s", list);
    }
    if (o->coarse && !(c->M->caps & EQ_CAP_DISTRIBUTION)) {
        eqi_method_list(EQ_CAP_STAGE | EQ_CAP_DISTRIBUTION, list, sizeof list);
        return eqi_error(c->r->errmsg, EQ_ERR_ARG,
                         "coarse applies to the subgame method %s", list);
    }
    if (o->all)
        return EQ_OK;
    switch (o->select) {
    case EQ_SELECT_FIRST:
    case EQ_SELECT_WELFARE:
        return EQ_OK;
    case EQ_SELECT_PLAYER:
        if (o->select_player < 0 || o->select_player >= t->n)
            return eqi_error(c->r->errmsg, EQ_ERR_ARG,
                             "select_player %d is not a player (0..%d)",
                             o->select_player, t->n - 1);
        return EQ_OK;
    case EQ_SELECT_MIN_ACTION:
        if (o->select_action == NULL)
            return eqi_error(c->r->errmsg, EQ_ERR_ARG,
                             "selection by action needs an action name");
        for (int h = 0; h < t->niset; h++)
            for (int a = 0; a < t->iset[h].nact; a++)
                if (strcmp(t->iset[h].aname[a], o->select_action) == 0)
                    return EQ_OK;
        return eqi_error(c->r->errmsg, EQ_ERR_ARG, "no action is named '%s'",
                         o->select_action);
    }
    return eqi_error(c->r->errmsg, EQ_ERR_ARG, "unknown selection rule %d",
                     (int)o->select);
}

/* The sentence naming the rule, for r->selection. */
static void describe(const spe *c)
{
    const eq_tree_opts *o = c->o;
    eq_tree_result *r = c->r;
    size_t len = sizeof r->selection;
    if (c->none[0] != '\0') {
        snprintf(r->selection, len, "no subgame-perfect equilibrium found: %s", c->none);
        return;
    }
    if (o->all) {
        char how[64] = "";
        /* Only a method that lists every extreme equilibrium (enum) lists
        ** a subgame's equilibria; lemke and zerosum give one, pure only
        ** the pure ones: say so. */
        if (c->strategic && (c->M->caps & (EQ_CAP_ALL | EQ_CAP_MIXED)) !=
                                (EQ_CAP_ALL | EQ_CAP_MIXED))
            snprintf(how, sizeof how, " (subgames solved by '%s')",
                     eq_method_name(c->method));
        if (c->partial)
            snprintf(r->selection, len,
                     "the first %d subgame-perfect equilibri%s%s (limit of %d reached: "
                     "%s; there may be more)", r->count, r->count == 1 ? "um" : "a", how,
                     c->cap, c->o->max_equilibria > 0 ? "max_equilibria"
                     : "SPE_MAX_ALL, the default without max_equilibria");
        else if (r->count == 1 && how[0] == '\0')
            snprintf(r->selection, len, "the only subgame-perfect equilibrium");
        else
            snprintf(r->selection, len, "all %d subgame-perfect equilibri%s%s",
                     r->count, r->count == 1 ? "um" : "a", how);
        return;
    }
    switch (o->select) {
    case EQ_SELECT_WELFARE:
        snprintf(r->selection, len, "one subgame-perfect equilibrium, chosen in "
                 "each subgame by highest total payoff (welfare)");
        break;
    case EQ_SELECT_PLAYER:
        snprintf(r->selection, len, "one subgame-perfect equilibrium, chosen in "
                 "each subgame by highest payoff of player %s",
                 c->t->pname[o->select_player]);
        break;
    case EQ_SELECT_MIN_ACTION:
        snprintf(r->selection, len, "one subgame-perfect equilibrium, chosen in "
                 "each subgame by lowest total probability of action '%s'",
                 o->select_action);
        break;
    default:
        snprintf(r->selection, len, "one subgame-perfect equilibrium, the first "
                 "found in each subgame");
        break;
    }
    if ((c->M->caps & EQ_CAP_DISTRIBUTION) && c->strategic) {
        size_t used = strlen(r->selection);
        snprintf(r->selection + used, len - used,
                 "; stages without perfect information played by a %scorrelated "
                 "equilibrium%s", o->coarse ? "coarse " : "",
                 o->select == EQ_SELECT_FIRST ? " of highest welfare" : "");
    }
}

/*
** A tree with imperfect information and no proper subgame: subgame
** perfection then asks nothing beyond Nash equilibrium of the whole tree,
** which may rest on threats that no belief off the path would justify.
** Say so in the selection text and as a note, and name the concepts that
** check behaviour off the path (not with pbe stages, which check it).
*/
static void no_proper_subgame(const spe *c)
{
    const eq_tree *t = c->t;
    static const char msg[] =
        "the tree has no proper subgame, so these are Nash equilibria of the "
        "whole tree and behaviour off the path is unchecked; -m sequential or "
        "-m pbe also ask it to be a best reply to beliefs there";
    int imperfect = 0;
    size_t used;
    if (t->nsub != 1 || c->method == EQ_METHOD_PBE)
        return;     /* pbe stages: the beliefs off the path are checked */
    for (int h = 0; h < t->niset && !imperfect; h++)
        imperfect = t->iset[h].nmem > 1;
    if (!imperfect)
        return;
    used = strlen(c->r->selection);
    snprintf(c->r->selection + used, sizeof c->r->selection - used, "; %s", msg);
    if (c->o->log != NULL)
        c->o->log(c->o->log_ud, 1, msg);
}

/* Payoff comparisons are made to tol times the payoffs' range (at least 1). */
static double tie_tolerance(const eq_tree *t, double tol)
{
    double lo = 0.0, hi = 0.0;
    for (int i = 0; i < t->npays; i++) {
        if (i == 0 || t->pays[i] < lo) lo = t->pays[i];
        if (i == 0 || t->pays[i] > hi) hi = t->pays[i];
    }
    return tol * (hi - lo > 1.0 ? hi - lo : 1.0);
}

eq_status eqi_tree_solve_spe(const eq_tree *t, const eq_tree_opts *o, eq_tree_result *r)
{
    spe c;
    double *beh = NULL;
    int *stk_k = NULL, *stk_e = NULL, nstages = 0;
    eqi_stage *stages = NULL;
    eq_status s;

    memset(&c, 0, sizeof c);
    c.t = t;
    c.o = o;
    c.r = r;
    if ((s = check_opts(&c)) != EQ_OK)
        return s;
    c.cap = o->max_equilibria > 0 ? o->max_equilibria : SPE_MAX_ALL;
    if (!o->all)
        c.cap = SPE_MAX_ALL;
    c.tie = tie_tolerance(t, o->tol);
    r->coarse = o->coarse != 0;
    c.off = r->off;
    beh = calloc((size_t)r->tot + 1, sizeof *beh);
    if (beh == NULL)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    if (t->nsub == 0) {
        /* The root is terminal: one (empty) profile. */
        s = eqi_tree_result_add(r, t, beh) < 0 ? EQ_ERR_NOMEM : EQ_OK;
        free(beh);
        if (s == EQ_OK)
            describe(&c);
        return s;
    }
    c.subidx = malloc((size_t)t->nnode * sizeof *c.subidx);
    c.map = malloc(((size_t)t->niset + 1) * sizeof *c.map);
    c.sols = calloc((size_t)t->nsub, sizeof *c.sols);
    stk_k = malloc(((size_t)t->nsub + 1) * sizeof *stk_k);
    stk_e = malloc(((size_t)t->nsub + 1) * sizeof *stk_e);
    stages = malloc(((size_t)t->nsub + 1) * sizeof *stages);
    if (!c.subidx || !c.map || !c.sols || !stk_k || !stk_e || !stages) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int v = 0; v < t->nnode; v++)
        c.subidx[v] = -1;
    for (int k = 0; k < t->nsub; k++)
        c.subidx[t->subroot[k]] = k;
    for (int h = 0; h < t->niset; h++)
        c.map[h] = -1;

    /* Deepest first: reverse preorder puts nested subgames before their
    ** enclosing ones. */
    for (int k = t->nsub - 1; k >= 0; k--) {
        eqi_guard *G = eqi_guard_of(o->limits);
        if (eqi_guard_poll(G)) {
            s = eqi_guard_fail(G, r->errmsg, "spe");
            goto done;
        }
        if ((s = solve_subgame(&c, k)) != EQ_OK)
            goto done;
        if (c.none[0] != '\0')
            break;
    }
    if (c.none[0] == '\0' && r->count_only) {
        r->count = c.sols[0].count;
        r->sol = r->count > 0 ? EQ_SOL_FOUND : r->sol;
    } else if (c.none[0] == '\0')
        for (int e = 0; e < c.sols[0].count; e++) {
            assemble(&c, e, beh, stk_k, stk_e, stages, &nstages);
            if (nstages > 0)
                s = eqi_tree_result_add_stages(r, t, beh, stages, nstages);
            else
                s = eqi_tree_result_add(r, t, beh) < 0 ? EQ_ERR_NOMEM : EQ_OK;
            /* pbe stages: their beliefs off the path (pbe.c). */
            if (s == EQ_OK && c.method == EQ_METHOD_PBE)
                s = eqi_pbe_assess(t, o, r, r->count - 1);
            if (s != EQ_OK)
                goto done;
        }
    if (c.partial && o->all && c.none[0] == '\0')
        r->sol = EQ_SOL_PARTIAL;
    describe(&c);
    no_proper_subgame(&c);
done:
    if (c.sols != NULL)
        for (int k = 0; k < t->nsub; k++)
            subsol_free(&c.sols[k]);
    free(c.sols);
    free(c.subidx);
    free(c.map);
    free(stk_k);
    free(stk_e);
    free(stages);
    free(beh);
    return s;
}
