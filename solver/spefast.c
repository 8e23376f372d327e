/*
** spefast.c -- subgame-perfect equilibrium by backward induction, solved
** again and again on trees of one shape (a model instantiated in place
** over a sweep's grid) without allocating.
**
** It computes what spe.c computes, in the same order of floating-point
** operations, so the results are the same to the last bit; what it saves
** is the work that depends on the shape alone and was redone by every
** solve: finding each subgame's remainder, copying it into a small tree,
** building the remainder's reduced strategies and naming them, and every
** allocation.  That work is done once, by eqi_spefast_new, and kept; a
** solve then rewrites the small trees' payoffs and probabilities from the
** tree and the nested subgames' values, and for each subgame, deepest
** first:
**   - at a perfect-information remainder (a single decision or chance
**     node whose children are terminals or nested subgames), the moves of
**     maximal value to the mover, to the tie tolerance (spe.c: backward);
**   - at a stage (imperfect information), every pure equilibrium of the
**     remainder's reduced strategic form, its payoffs summed as
**     reduced.c sums them and compared as pure.c compares them, each
**     turned into behaviour strategies by Kuhn's rule as tsolve.c does;
** then keeps one by the selection rule (spe.c: select_one).  The profile
** put together is evaluated as eqi_tree_result_add evaluates it.
**
** With pbe as the subgame method a stage goes instead to pbe's stage
** function (eqi_part_pbe, through methods.c's table as in spe.c), given
** the kept small tree with this solve's numbers -- the tree spe.c builds
** for it, so the same enumeration runs; and the profile is added with
** eqi_tree_result_add and given pbe's beliefs by eqi_pbe_assess, the calls
** spe.c makes.  So the result is eq_tree_solve's to the last bit there
** too, beliefs, supporting sets and certificates included.  What is saved
** is the remainders' extraction and the perfect-information part; each
** pbe stage and the beliefs allocate at every solve (the enumeration's
** workspace, its LPs on GLPK, the assessment), and an allocation failure
** there returns EQ_ERR_NOMEM.
**
** It applies to spe without all, without a log callback, not coarse,
** without refine or perfect (eq_tree_solve refuses them), with pure or pbe
** as the subgame method (pbe: without limits, as the sensitivity engine
** solves), or another stage method when no stage needs it;
** eqi_spefast_applies says so, and the caller uses eq_tree_solve
** otherwise.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beliefs.h"
#include "spefast.h"
#include "tree.h"

/* One subgame's remainder. */
typedef struct fsub {
    int root;
    int pi;                  /* perfect information: the root alone */
    eq_tree *st;             /* the remainder as a small tree */
    int *tnode;              /* st node -> t node, or -1 - j at the leaf
                                standing for nested subgame nest[j] */
    int *riset;              /* st set -> t set */
    int *soff;               /* offsets of st's sets' actions */
    int nriset, nrem;
    int *nest;               /* nested subgames, as indices */
    int nnest;
    unsigned char *mark;     /* nrem: actions named select_action */
    eqi_plans pl;
    int nact[EQ_MAX_PLAYERS];
    size_t stride[EQ_MAX_PLAYERS], nprof;
    double *tab;             /* n x nprof payoffs of the reduced form */
    double *best;            /* n x nprof: best replies (pure.c) */
    int *stk;                /* st->nnode */
    double *wt, *rch;        /* st->nnode */
    double *den;             /* nriset */
    int ncand, capcand;
    double *cbeh, *cpay;     /* candidates: capcand x nrem, capcand x n */
    double *cmark;           /* capcand: their select_action counts */
    eqi_cands cd;            /* pbe stages: the stage function's list */
    /* The kept equilibrium. */
    int count;               /* kept equilibria: 0 or 1 */
    int pick;
    double pay[EQ_MAX_PLAYERS];
    double marked;
} fsub;

struct eqi_spefast {
    int n, nnode, niset, nsub, tot;
    int *shape;              /* per node: kind, player, infoset, child0,
                                nchild, prob0, pay0 */
    int *ishape;             /* per set: player, nact, nmem */
    eq_tree_opts o;
    eq_method method;        /* the subgame method, resolved */
    int pbe;                 /* pbe: stages by eqi_part_pbe, then beliefs */
    char *action;
    fsub *sub;
    int *subidx;             /* per node: the subgame it roots, or -1 */
    int *off;                /* t's sets' offsets */
    double *beh;             /* tot */
    /* The certificate's scratch (evaluate in tsolve.c). */
    int *first, *seq;
    double *rho, *val;
};

#define SHAPE_W 7

/* ---- building ---------------------------------------------------------- */

static void fill_shape(const eq_tree *t, int *shape, int *ishape)
{
    for (int v = 0; v < t->nnode; v++) {
        const eqi_node *x = &t->node[v];
        int *s = shape + (size_t)v * SHAPE_W;
        s[0] = (int)x->kind;
        s[1] = x->player;
        s[2] = x->infoset;
        s[3] = x->child0;
        s[4] = x->nchild;
        s[5] = x->prob0;
        s[6] = x->pay0;
    }
    for (int h = 0; h < t->niset; h++) {
        ishape[3 * h] = t->iset[h].player;
        ishape[3 * h + 1] = t->iset[h].nact;
        ishape[3 * h + 2] = t->iset[h].nmem;
    }
}

/* The subgame method of o for t, as spe.c's check_opts resolves it. */
static eq_method resolved_method(const eq_tree *t, const eq_tree_opts *o)
{
    return (int)o->subgame_method == -1 ? eq_method_default_subgame(t) : o->subgame_method;
}

int eqi_spefast_applies(const eq_tree *t, const eq_tree_opts *o)
{
    eq_method sm;
    const eqi_method *M;
    /* refine and perfect: eq_tree_solve refuses them under spe. */
    if (t == NULL || o == NULL || !t->finished || o->method != EQ_METHOD_SPE || o->all ||
        o->log != NULL || o->coarse || !(o->tol > 0.0 && o->tol < 1e-2) ||
        o->refine != EQ_REFINE_NONE || o->perfect || o->max_equilibria < 0)
        return 0;
    switch (o->select) {
    case EQ_SELECT_FIRST:
    case EQ_SELECT_WELFARE:
        break;
    case EQ_SELECT_PLAYER:
        if (o->select_player < 0 || o->select_player >= t->n)
            return 0;
        break;
    case EQ_SELECT_MIN_ACTION:
        if (o->select_action == NULL)
            return 0;
        break;
    default:
        return 0;
    }
    sm = resolved_method(t, o);
    M = eqi_method_get(sm);
    if (M == NULL || !(M->caps & EQ_CAP_STAGE) || M->part == NULL)
        return 0;      /* spe.c refuses it: its message */
    if (sm == EQ_METHOD_PURE)
        return 1;
    /* pbe stages go to pbe's stage function, as in spe.c; the limits are
    ** not kept (the sensitivity engine passes none), so none may be set. */
    if (sm == EQ_METHOD_PBE)
        return o->limits == NULL;
    /* Another method: only if no stage needs it (every set a singleton). */
    for (int h = 0; h < t->niset; h++)
        if (t->iset[h].nmem != 1)
            return 0;
    return 1;
}

int eqi_spefast_matches(const eqi_spefast *f, const eq_tree *t, const eq_tree_opts *o)
{
    if (f == NULL || t == NULL || t->n != f->n || t->nnode != f->nnode ||
        t->niset != f->niset || t->nsub != f->nsub)
        return 0;
    if (o->select != f->o.select || o->select_player != f->o.select_player ||
        o->subgame_method != f->o.subgame_method || o->tol != f->o.tol ||
        (o->select_action == NULL) != (f->action == NULL) ||
        (o->select_action != NULL && strcmp(o->select_action, f->action) != 0))
        return 0;
    for (int v = 0; v < t->nnode; v++) {
        const eqi_node *x = &t->node[v];
        const int *s = f->shape + (size_t)v * SHAPE_W;
        if (s[0] != (int)x->kind || s[1] != x->player || s[2] != x->infoset ||
            s[3] != x->child0 || s[4] != x->nchild || s[5] != x->prob0 || s[6] != x->pay0)
            return 0;
    }
    for (int h = 0; h < t->niset; h++)
        if (f->ishape[3 * h] != t->iset[h].player || f->ishape[3 * h + 1] != t->iset[h].nact ||
            f->ishape[3 * h + 2] != t->iset[h].nmem)
            return 0;
    for (int k = 0; k < t->nsub; k++)
        if (f->sub[k].root != t->subroot[k])
            return 0;
    return 1;
}

static void fsub_free(fsub *S)
{
    eq_tree_free(S->st);
    free(S->tnode);
    free(S->riset);
    free(S->soff);
    free(S->nest);
    free(S->mark);
    eqi_plans_free(&S->pl);
    free(S->tab);
    free(S->best);
    free(S->stk);
    free(S->wt);
    free(S->rch);
    free(S->den);
    free(S->cbeh);
    free(S->cpay);
    free(S->cmark);
    eqi_cands_free(&S->cd);
    memset(S, 0, sizeof *S);
}

void eqi_spefast_free(eqi_spefast *f)
{
    if (f == NULL)
        return;
    if (f->sub != NULL)
        for (int k = 0; k < f->nsub; k++)
            fsub_free(&f->sub[k]);
    free(f->sub);
    free(f->shape);
    free(f->ishape);
    free(f->action);
    free(f->subidx);
    free(f->off);
    free(f->beh);
    free(f->first);
    free(f->seq);
    free(f->rho);
    free(f->val);
    free(f);
}

/*
** Subgame k's remainder as a small tree, breadth first from its root, the
** nested subgames' roots made terminals -- the tree spe.c builds, node for
** node, so that the same sums come out in the same order.
*/
static int build_remainder(eqi_spefast *f, const eq_tree *t, int k, int *map)
{
    fsub *S = &f->sub[k];
    int *q = malloc((size_t)t->nnode * sizeof *q), *qs = malloc((size_t)t->nnode * sizeof *qs);
    double zero[EQ_MAX_PLAYERS] = { 0 };
    int head = 0, tail = 0, rc = -1;
    eq_tree *st = NULL;

    S->tnode = malloc((size_t)t->nnode * sizeof *S->tnode);
    S->riset = malloc(((size_t)t->niset + 1) * sizeof *S->riset);
    S->nest = malloc((size_t)t->nnode * sizeof *S->nest);
    if (!q || !qs || !S->tnode || !S->riset || !S->nest || eq_tree_new(&st, t->n) != EQ_OK)
        goto done;
    S->root = t->subroot[k];
    q[tail] = S->root;
    qs[tail++] = 0;
    while (head < tail) {
        int v = q[head], sv = qs[head++];
        const eqi_node *x = &t->node[v];
        eq_status s;
        int added;
        if (v != S->root && f->subidx[v] >= 0) {
            S->tnode[sv] = -1 - S->nnest;
            S->nest[S->nnest++] = f->subidx[v];
            if (eq_tree_make_terminal(st, sv, zero) != EQ_OK)
                goto done;
            continue;
        }
        S->tnode[sv] = v;
        s = eqi_tree_copy_node(st, sv, t, v, map, &added);
        if (added)
            S->riset[S->nriset++] = x->infoset;
        if (s != EQ_OK)
            goto done;
        for (int a = 0; a < x->nchild; a++) {
            q[tail] = x->child0 + a;
            qs[tail++] = eq_tree_child(st, sv, a);
        }
    }
    if (eq_tree_finish(st) != EQ_OK)
        goto done;
    S->st = st;
    st = NULL;
    rc = 0;
done:
    for (int i = 0; i < S->nriset; i++)
        map[S->riset[i]] = -1;
    eq_tree_free(st);
    free(q);
    free(qs);
    return rc;
}

static int build_sub(eqi_spefast *f, const eq_tree *t, int k, int *map)
{
    fsub *S = &f->sub[k];
    const eq_tree *st;
    int n = t->n, nst;
    if (build_remainder(f, t, k, map) != 0)
        return -1;
    st = S->st;
    nst = st->nnode;
    S->soff = malloc(((size_t)st->niset + 1) * sizeof *S->soff);
    if (S->soff == NULL)
        return -1;
    S->soff[0] = 0;
    for (int h = 0; h < st->niset; h++)
        S->soff[h + 1] = S->soff[h] + st->iset[h].nact;
    S->nrem = S->soff[st->niset];
    S->pi = 1;
    for (int h = 0; h < st->niset; h++)
        S->pi &= st->iset[h].nmem == 1;
    if (S->pi) {
        /* A perfect-information remainder is its root alone. */
        for (int v = 1; v < nst; v++)
            if (st->node[v].kind != EQ_NODE_TERMINAL)
                return -1;
    } else if (f->pbe) {
        /* pbe's stage function takes the small tree itself. */
        S->cd.stot = S->nrem;
        S->cd.n = n;
    } else {
        eq_game *g = NULL;
        if (eqi_tree_reduced(st, &g, &S->pl, NULL) != EQ_OK)
            return -1;
        S->nprof = g->nprof;
        for (int p = 0; p < n; p++) {
            S->nact[p] = g->nact[p];
            S->stride[p] = g->stride[p];
        }
        eq_game_free(g);
        S->tab = malloc((size_t)n * S->nprof * sizeof *S->tab);
        S->best = malloc((size_t)n * S->nprof * sizeof *S->best);
        if (S->tab == NULL || S->best == NULL)
            return -1;
    }
    S->stk = malloc((size_t)nst * sizeof *S->stk);
    S->wt = malloc((size_t)nst * sizeof *S->wt);
    S->rch = malloc((size_t)nst * sizeof *S->rch);
    S->den = malloc(((size_t)st->niset + 1) * sizeof *S->den);
    S->mark = calloc((size_t)S->nrem + 1, 1);
    S->capcand = 4;
    S->cbeh = malloc((size_t)S->capcand * ((size_t)S->nrem + 1) * sizeof *S->cbeh);
    S->cpay = malloc((size_t)S->capcand * (size_t)n * sizeof *S->cpay);
    S->cmark = malloc((size_t)S->capcand * sizeof *S->cmark);
    if (!S->stk || !S->wt || !S->rch || !S->den || !S->mark || !S->cbeh || !S->cpay ||
        !S->cmark)
        return -1;
    if (f->o.select_action != NULL)
        for (int i = 0, pos = 0; i < S->nriset; i++) {
            const eqi_infoset *I = &t->iset[S->riset[i]];
            for (int a = 0; a < I->nact; a++, pos++)
                S->mark[pos] = strcmp(I->aname[a], f->o.select_action) == 0;
        }
    return 0;
}

eq_status eqi_spefast_new(const eq_tree *t, const eq_tree_opts *o, eqi_spefast **out)
{
    eqi_spefast *f;
    int *map = NULL;
    size_t nn = (size_t)t->nnode, ni = (size_t)t->niset;
    *out = NULL;
    if ((f = calloc(1, sizeof *f)) == NULL)
        return EQ_ERR_NOMEM;
    f->n = t->n;
    f->nnode = t->nnode;
    f->niset = t->niset;
    f->nsub = t->nsub;
    f->o = *o;
    f->method = resolved_method(t, o);
    f->pbe = f->method == EQ_METHOD_PBE;
    if (o->select_action != NULL && (f->action = eqi_strdup(o->select_action)) == NULL)
        goto nomem;
    f->o.select_action = f->action;
    f->shape = malloc((nn + 1) * SHAPE_W * sizeof *f->shape);
    f->ishape = malloc((ni + 1) * 3 * sizeof *f->ishape);
    f->subidx = malloc((nn + 1) * sizeof *f->subidx);
    f->off = malloc((ni + 1) * sizeof *f->off);
    f->sub = calloc((size_t)t->nsub + 1, sizeof *f->sub);
    map = malloc((ni + 1) * sizeof *map);
    f->first = malloc((ni + 1) * sizeof *f->first);
    f->seq = malloc((nn + 1) * sizeof *f->seq);
    f->rho = malloc((nn + 1) * sizeof *f->rho);
    if (!f->shape || !f->ishape || !f->subidx || !f->off || !f->sub || !map || !f->first ||
        !f->seq || !f->rho)
        goto nomem;
    fill_shape(t, f->shape, f->ishape);
    f->off[0] = 0;
    for (size_t h = 0; h < ni; h++) {
        const eqi_infoset *I = &t->iset[h];
        f->off[h + 1] = f->off[h] + I->nact;
        f->first[h] = I->members[0];
        for (int k = 1; k < I->nmem; k++)
            if (I->members[k] < f->first[h])
                f->first[h] = I->members[k];
        map[h] = -1;
    }
    f->tot = f->off[ni];
    if ((f->beh = malloc(((size_t)f->tot + 1) * sizeof *f->beh)) == NULL ||
        (f->val = malloc(((size_t)f->tot + 1) * sizeof *f->val)) == NULL)
        goto nomem;
    for (size_t v = 0; v < nn; v++)
        f->subidx[v] = -1;
    for (int k = 0; k < t->nsub; k++)
        f->subidx[t->subroot[k]] = k;
    for (int k = 0; k < t->nsub; k++)
        if (build_sub(f, t, k, map) != 0)
            goto nomem;
    free(map);
    *out = f;
    return EQ_OK;
nomem:
    free(map);
    eqi_spefast_free(f);
    return EQ_ERR_NOMEM;
}

/* ---- solving ----------------------------------------------------------- */

/* Room for one more candidate.  Returns 0 or -1. */
static int cand_room(fsub *S, int n)
{
    if (S->ncand < S->capcand)
        return 0;
    {
        int cap = 2 * S->capcand;
        double *b = realloc(S->cbeh, (size_t)cap * ((size_t)S->nrem + 1) * sizeof *b), *p;
        if (b == NULL)
            return -1;
        S->cbeh = b;
        if ((p = realloc(S->cpay, (size_t)cap * (size_t)n * sizeof *p)) == NULL)
            return -1;
        S->cpay = p;
        if ((p = realloc(S->cmark, (size_t)cap * sizeof *p)) == NULL)
            return -1;
        S->cmark = p;
        S->capcand = cap;
    }
    return 0;
}

/* The payoffs of the small tree under behaviour beh, as tsolve.c's
** evaluate() sums them: reach in index order, terminals in index order. */
static void st_payoffs(fsub *S, const double *beh, double *pay)
{
    const eq_tree *st = S->st;
    S->rch[0] = 1.0;
    for (int v = 1; v < st->nnode; v++) {
        int u = st->node[v].parent, a = st->node[v].move;
        const eqi_node *x = &st->node[u];
        S->rch[v] = S->rch[u] * (x->kind == EQ_NODE_CHANCE ? st->probs[x->prob0 + a]
                                                          : beh[S->soff[x->infoset] + a]);
    }
    for (int p = 0; p < st->n; p++)
        pay[p] = 0.0;
    for (int v = 0; v < st->nnode; v++)
        if (st->node[v].kind == EQ_NODE_TERMINAL)
            for (int p = 0; p < st->n; p++)
                pay[p] += S->rch[v] * st->pays[st->node[v].pay0 + p];
}

/* The reduced form's payoffs, as reduced.c's fill_payoffs sums them. */
static void stage_table(fsub *S)
{
    const eq_tree *st = S->st;
    int n = st->n, strat[EQ_MAX_PLAYERS];
    for (size_t i = 0; i < (size_t)n * S->nprof; i++)
        S->tab[i] = 0.0;
    for (size_t i = 0; i < S->nprof; i++) {
        int sp = 0;
        for (int p = 0; p < n; p++)
            strat[p] = (int)((i / S->stride[p]) % (size_t)S->nact[p]);
        S->stk[sp] = 0;
        S->wt[sp++] = 1.0;
        while (sp > 0) {
            int v = S->stk[--sp];
            double w = S->wt[sp];
            const eqi_node *x = &st->node[v];
            if (x->kind == EQ_NODE_TERMINAL) {
                for (int p = 0; p < n; p++)
                    S->tab[(size_t)p * S->nprof + i] += w * st->pays[x->pay0 + p];
            } else if (x->kind == EQ_NODE_CHANCE) {
                for (int a = 0; a < x->nchild; a++) {
                    double q = st->probs[x->prob0 + a];
                    if (q > 0.0) {
                        S->stk[sp] = x->child0 + a;
                        S->wt[sp++] = w * q;
                    }
                }
            } else {
                int p = x->player;
                int a = S->pl.act[p][(size_t)strat[p] * (size_t)S->pl.nown[p] +
                                     (size_t)S->pl.pos[x->infoset]];
                S->stk[sp] = x->child0 + (a < 0 ? 0 : a);
                S->wt[sp++] = w;
            }
        }
    }
}

/* Every pure equilibrium of the stage, as behaviour candidates (pure.c,
** then Kuhn's rule and the duplicate test of tsolve.c). */
static int stage_candidates(fsub *S, double tol)
{
    const eq_tree *st = S->st;
    int n = st->n;
    size_t np = S->nprof;
    stage_table(S);
    for (int p = 0; p < n; p++) {
        double *b = S->best + (size_t)p * np;
        size_t others = np / (size_t)S->nact[p];
        for (size_t k = 0; k < others; k++)
            b[k] = -HUGE_VAL;
        for (size_t i = 0; i < np; i++) {
            size_t hi = i / (S->stride[p] * (size_t)S->nact[p]), lo = i % S->stride[p];
            size_t k = hi * S->stride[p] + lo;
            if (S->tab[(size_t)p * np + i] > b[k])
                b[k] = S->tab[(size_t)p * np + i];
        }
    }
    for (size_t i = 0; i < np; i++) {
        int eq = 1;
        double *beh;
        for (int p = 0; p < n && eq; p++) {
            size_t hi = i / (S->stride[p] * (size_t)S->nact[p]), lo = i % S->stride[p];
            eq = S->tab[(size_t)p * np + i] >= S->best[(size_t)p * np + hi * S->stride[p] + lo];
        }
        if (!eq)
            continue;
        if (cand_room(S, n) != 0)
            return -1;
        beh = S->cbeh + (size_t)S->ncand * (size_t)S->nrem;
        for (int j = 0; j < S->nrem; j++)
            beh[j] = 0.0;
        for (int h = 0; h < st->niset; h++)
            S->den[h] = 0.0;
        for (int p = 0; p < n; p++) {
            int s = (int)((i / S->stride[p]) % (size_t)S->nact[p]);
            const int *row = S->pl.act[p] + (size_t)s * (size_t)S->pl.nown[p];
            for (int j = 0; j < S->pl.nown[p]; j++) {
                int h = S->pl.own[p][j];
                if (row[j] >= 0) {
                    beh[S->soff[h] + row[j]] += 1.0;
                    S->den[h] += 1.0;
                }
            }
        }
        for (int h = 0; h < st->niset; h++) {
            int m = st->iset[h].nact;
            for (int a = 0; a < m; a++)
                beh[S->soff[h] + a] = S->den[h] > 1e-12 ? beh[S->soff[h] + a] / S->den[h]
                                                         : 1.0 / (double)m;
        }
        if (eqi_rows_have(S->cbeh, S->ncand, S->nrem, beh, tol))
            continue;
        st_payoffs(S, beh, S->cpay + (size_t)S->ncand * (size_t)n);
        S->ncand++;
    }
    return 0;
}

/* The moves of maximal value at a perfect-information root (spe.c:
** backward, with one equilibrium kept in each nested subgame). */
static int pi_candidates(eqi_spefast *f, fsub *S, double tie)
{
    const eq_tree *st = S->st;
    const eqi_node *x = &st->node[0];
    int n = st->n;
    if (x->kind == EQ_NODE_CHANCE) {
        double *pay = S->cpay;
        for (int p = 0; p < n; p++) {
            pay[p] = 0.0;
            for (int a = 0; a < x->nchild; a++)
                pay[p] += st->probs[x->prob0 + a] *
                          st->pays[st->node[x->child0 + a].pay0 + p];
        }
        S->ncand = 1;
        return 0;
    }
    {
        int i = x->player;
        double best = -HUGE_VAL;
        (void)f;
        for (int a = 0; a < x->nchild; a++) {
            double u = st->pays[st->node[x->child0 + a].pay0 + i];
            if (u > best)
                best = u;
        }
        for (int a = 0; a < x->nchild; a++) {
            const double *u = st->pays + st->node[x->child0 + a].pay0;
            double *beh;
            if (u[i] < best - tie)
                continue;
            if (cand_room(S, n) != 0)
                return -1;
            beh = S->cbeh + (size_t)S->ncand * (size_t)S->nrem;
            for (int j = 0; j < S->nrem; j++)
                beh[j] = 0.0;
            beh[a] = 1.0;
            memcpy(S->cpay + (size_t)S->ncand * (size_t)n, u, (size_t)n * sizeof *u);
            S->ncand++;
        }
    }
    return 0;
}

/* A node's name for messages (spe.c: node_desc). */
static void node_desc(const eq_tree *t, int v, char *buf, size_t len)
{
    if (t->node[v].label != NULL && t->node[v].label[0] != '\0')
        snprintf(buf, len, "node %d ('%s')", v, t->node[v].label);
    else
        snprintf(buf, len, "node %d", v);
}

/*
** Every pure weak PBE of a stage: the small tree, its numbers loaded, goes
** to pbe's stage function (methods.c's row, as spe.c: solve_part calls
** it), every equilibrium wanted; the list is copied to S's candidates.
** The small tree is spe.c's node for node (build_remainder) with the same
** numbers, so the same enumeration runs.  Allocates: the enumeration's
** result and workspace and its LPs, freed before it returns.  EQ_OK, or
** the stage function's failure with spe.c's message on r.
*/
static eq_status pbe_candidates(eqi_spefast *f, fsub *S, const eq_tree *t,
                                eq_tree_result *r)
{
    const eqi_method *M = eqi_method_get(f->method);
    eq_tree_opts so = f->o;
    char err[EQI_ERRMAX], where[64];
    eq_status s;
    int n = t->n;
    so.max_equilibria = 0;
    err[0] = '\0';
    eqi_cands_clear(&S->cd);
    if ((s = M->part(S->st, &so, f->method, &S->cd, err)) != EQ_OK) {
        node_desc(t, S->root, where, sizeof where);
        return eqi_error(r->errmsg, s, "subgame at %s: %s", where, err);
    }
    for (int e = 0; e < S->cd.count; e++) {
        if (cand_room(S, n) != 0)
            return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        memcpy(S->cbeh + (size_t)S->ncand * (size_t)S->nrem,
               S->cd.beh + (size_t)e * (size_t)S->cd.stot, (size_t)S->nrem * sizeof *S->cbeh);
        memcpy(S->cpay + (size_t)S->ncand * (size_t)n, S->cd.pay + (size_t)e * (size_t)n,
               (size_t)n * sizeof *S->cpay);
        S->ncand++;
    }
    return EQ_OK;
}

/* spe.c: select_one. */
static int select_cand(const eqi_spefast *f, const fsub *S, double tie)
{
    int best = 0, n = f->n;
    double bv = 0.0;
    for (int e = 0; e < S->ncand; e++) {
        const double *u = S->cpay + (size_t)e * (size_t)n;
        double v;
        switch (f->o.select) {
        case EQ_SELECT_WELFARE:
            v = 0.0;
            for (int p = 0; p < n; p++)
                v += u[p];
            break;
        case EQ_SELECT_PLAYER:
            v = u[f->o.select_player];
            break;
        case EQ_SELECT_MIN_ACTION:
            v = -S->cmark[e];
            break;
        default:
            return 0;
        }
        if (e == 0 || v > bv + tie) {
            best = e;
            bv = v;
        }
    }
    return best;
}

/* Load the small tree's numbers: terminals and chance moves from t, the
** nested subgames' roots from their kept equilibria. */
static void load_numbers(const eqi_spefast *f, fsub *S, const eq_tree *t)
{
    eq_tree *st = S->st;
    for (int v = 0; v < st->nnode; v++) {
        const eqi_node *y = &st->node[v];
        int tv = S->tnode[v];
        if (tv < 0) {
            memcpy(st->pays + y->pay0, f->sub[S->nest[-1 - tv]].pay,
                   (size_t)st->n * sizeof *st->pays);
        } else if (y->kind == EQ_NODE_TERMINAL) {
            memcpy(st->pays + y->pay0, t->pays + t->node[tv].pay0,
                   (size_t)st->n * sizeof *st->pays);
        } else if (y->kind == EQ_NODE_CHANCE) {
            memcpy(st->probs + y->prob0, t->probs + t->node[tv].prob0,
                   (size_t)y->nchild * sizeof *st->probs);
        }
    }
}

/* The certificate and payoffs of the profile f->beh on t, with reach into
** reach: tsolve.c's evaluate(), same sums, on kept scratch. */
static void evaluate(eqi_spefast *f, const eq_tree *t, double *reach, double *payoffs,
                     double *regret)
{
    size_t nn = (size_t)t->nnode, ni = (size_t)t->niset;
    const double *beh = f->beh;
    const int *off = f->off;
    double cur[EQ_MAX_PLAYERS], worst = 0.0;
    int *seq = f->seq;
    double *rho = f->rho, *val = f->val;

    reach[0] = 1.0;
    for (size_t v = 1; v < nn; v++) {
        int u = t->node[v].parent, a = t->node[v].move;
        const eqi_node *x = &t->node[u];
        reach[v] = reach[u] * (x->kind == EQ_NODE_CHANCE ? t->probs[x->prob0 + a]
                                                         : beh[off[x->infoset] + a]);
    }
    for (int p = 0; p < t->n; p++)
        cur[p] = 0.0;
    for (size_t v = 0; v < nn; v++)
        if (t->node[v].kind == EQ_NODE_TERMINAL)
            for (int p = 0; p < t->n; p++)
                cur[p] += reach[v] * t->pays[t->node[v].pay0 + p];
    for (int p = 0; p < t->n; p++) {
        int empty = off[ni];
        rho[0] = 1.0;
        seq[0] = -1;
        for (size_t v = 1; v < nn; v++) {
            int u = t->node[v].parent, a = t->node[v].move;
            const eqi_node *x = &t->node[u];
            if (x->kind == EQ_NODE_DECISION && x->player == p) {
                rho[v] = rho[u];
                seq[v] = off[x->infoset] + a;
            } else {
                rho[v] = rho[u] * (x->kind == EQ_NODE_CHANCE ? t->probs[x->prob0 + a]
                                                             : beh[off[x->infoset] + a]);
                seq[v] = seq[u];
            }
        }
        for (int i = 0; i <= empty; i++)
            val[i] = 0.0;
        for (size_t v = 0; v < nn; v++)
            if (t->node[v].kind == EQ_NODE_TERMINAL)
                val[seq[v] < 0 ? empty : seq[v]] += rho[v] * t->pays[t->node[v].pay0 + p];
        for (size_t v = nn; v-- > 0;) {
            const eqi_node *x = &t->node[v];
            int h = x->infoset;
            double best;
            if (x->kind != EQ_NODE_DECISION || x->player != p || f->first[h] != (int)v)
                continue;
            best = val[off[h]];
            for (int a = 1; a < t->iset[h].nact; a++)
                if (val[off[h] + a] > best)
                    best = val[off[h] + a];
            val[seq[v] < 0 ? empty : seq[v]] += best;
        }
        if (val[empty] - cur[p] > worst)
            worst = val[empty] - cur[p];
    }
    for (int p = 0; p < t->n; p++)
        payoffs[p] = cur[p];
    *regret = worst;
}

/* The sentence of spe.c's describe() for the rule. */
static void describe(const eqi_spefast *f, const eq_tree *t, eq_tree_result *r)
{
    size_t len = sizeof r->selection;
    switch (f->o.select) {
    case EQ_SELECT_WELFARE:
        snprintf(r->selection, len, "one subgame-perfect equilibrium, chosen in "
                 "each subgame by highest total payoff (welfare)");
        break;
    case EQ_SELECT_PLAYER:
        snprintf(r->selection, len, "one subgame-perfect equilibrium, chosen in "
                 "each subgame by highest payoff of player %s", t->pname[f->o.select_player]);
        break;
    case EQ_SELECT_MIN_ACTION:
        snprintf(r->selection, len, "one subgame-perfect equilibrium, chosen in "
                 "each subgame by lowest total probability of action '%s'",
                 f->o.select_action);
        break;
    default:
        snprintf(r->selection, len, "one subgame-perfect equilibrium, the first "
                 "found in each subgame");
        break;
    }
}

/*
** The kept profile f->beh into r with pbe's beliefs, as spe.c does with
** pbe stages: eqi_tree_result_add, then eqi_pbe_assess.  r's beliefs of
** an earlier solve are dropped first, so that r holds what a new result
** would (bel NULL until a belief is set, no supporting set).  Allocates
** (the beliefs, the assessment's workspace and LPs).
*/
static eq_status pbe_finish(eqi_spefast *f, const eq_tree *t, eq_tree_result *r)
{
    eq_status s;
    free(r->bel);
    r->bel = NULL;
    for (int i = 0; i < r->nbset; i++)
        free(r->bset[i].v);
    r->nbset = 0;
    r->count = 0;
    if (eqi_tree_result_add(r, t, f->beh) < 0)
        return EQ_ERR_NOMEM;    /* the message is on r */
    if ((s = eqi_pbe_assess(t, &f->o, r, 0)) != EQ_OK)
        return s;
    describe(f, t, r);
    return EQ_OK;
}

eq_status eqi_spefast_solve(eqi_spefast *f, const eq_tree *t, eq_tree_result *r)
{
    double tie, lo = 0.0, hi = 0.0;
    int n = t->n;

    /* spe.c: tie_tolerance. */
    for (int i = 0; i < t->npays; i++) {
        if (i == 0 || t->pays[i] < lo) lo = t->pays[i];
        if (i == 0 || t->pays[i] > hi) hi = t->pays[i];
    }
    tie = f->o.tol * (hi - lo > 1.0 ? hi - lo : 1.0);
    r->count = 0;
    r->nstage = 0;
    r->sol = EQ_SOL_NONE;
    r->method = EQ_METHOD_SPE;
    r->errmsg[0] = '\0';
    /* Deepest first; spe.c stops at the first subgame without an
    ** equilibrium, so nested ones always have theirs here. */
    for (int k = t->nsub - 1; k >= 0; k--) {
        fsub *S = &f->sub[k];
        double base = 0.0;
        S->ncand = 0;
        for (int j = 0; j < S->nnest; j++)
            base += f->sub[S->nest[j]].marked;
        load_numbers(f, S, t);
        if (!S->pi && f->pbe) {
            eq_status s = pbe_candidates(f, S, t, r);
            if (s != EQ_OK)
                return s;
        } else if ((S->pi ? pi_candidates(f, S, tie) : stage_candidates(S, f->o.tol)) != 0) {
            return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        }
        if (S->ncand == 0) {
            char buf[64];
            node_desc(t, S->root, buf, sizeof buf);
            snprintf(r->selection, sizeof r->selection, "no subgame-perfect equilibrium "
                     "found: method '%s' found no equilibrium in the subgame at %s",
                     eq_method_name(f->method), buf);
            return EQ_OK;
        }
        for (int e = 0; e < S->ncand; e++) {
            const double *b = S->cbeh + (size_t)e * (size_t)S->nrem;
            double m = base;
            for (int i = 0; i < S->nrem; i++)
                if (S->mark[i])
                    m += b[i];
            S->cmark[e] = m;
        }
        S->pick = S->ncand > 1 ? select_cand(f, S, tie) : 0;
        S->count = 1;
        S->marked = S->cmark[S->pick];
        memcpy(S->pay, S->cpay + (size_t)S->pick * (size_t)n, (size_t)n * sizeof *S->pay);
    }
    /* The profile: each subgame's remainder at its sets. */
    for (int k = 0; k < t->nsub; k++) {
        const fsub *S = &f->sub[k];
        const double *row = S->cbeh + (size_t)S->pick * (size_t)S->nrem;
        for (int j = 0, pos = 0; j < S->nriset; j++) {
            int h = S->riset[j], m = t->iset[h].nact;
            memcpy(f->beh + f->off[h], row + pos, (size_t)m * sizeof *f->beh);
            pos += m;
        }
    }
    if (f->pbe)
        return pbe_finish(f, t, r);
    if (r->cap < 1) {
        r->beh = malloc(((size_t)r->tot + 1) * sizeof *r->beh);
        r->reach = malloc(((size_t)r->nnode + 1) * sizeof *r->reach);
        r->pay = malloc(((size_t)r->n + 1) * sizeof *r->pay);
        r->regret = malloc(sizeof *r->regret);
        r->sfirst = malloc(sizeof *r->sfirst);
        r->nst = malloc(sizeof *r->nst);
        if (!r->beh || !r->reach || !r->pay || !r->regret || !r->sfirst || !r->nst)
            return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        r->cap = 1;
    }
    memcpy(r->beh, f->beh, (size_t)r->tot * sizeof *r->beh);
    evaluate(f, t, r->reach, r->pay, &r->regret[0]);
    /* The sets' reach (eqi_tree_result_add does it too); allocates on
    ** r's first use only. */
    if (eqi_result_beliefs_add(r, t, 0) != 0)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    r->sfirst[0] = 0;
    r->nst[0] = 0;
    r->count = 1;
    r->sol = EQ_SOL_FOUND;
    describe(f, t, r);
    return EQ_OK;
}
