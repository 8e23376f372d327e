/*
** tsolve.c -- solving game trees: options, dispatch to the methods,
** behaviour-strategy results and their certificate.
**
** Methods on a tree:
**   spe              subgame-perfect equilibria by backward induction
**                    over the subgames (spe.c);
**   zerosum, lemke   the sequence form of a two-player tree (seqform.c);
**   pure, enum       the reduced strategic form (reduced.c), solved by
**                    eq_solve; each mixed equilibrium is turned into a
**                    behaviour profile by Kuhn's theorem (below).
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

#include "tree.h"

void eq_tree_opts_init(eq_tree_opts *o)
{
    if (o == NULL)
        return;
    memset(o, 0, sizeof *o);
    o->method = EQ_METHOD_SPE;
    o->subgame_method = (eq_method)-1;   /* enum for two players, else pure */
    o->select = EQ_SELECT_WELFARE;
    o->tol = 1e-9;
}

/* ---- results -------------------------------------------------------- */

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
    void *p;
    if (r->count < r->cap)
        return 0;
    cap = r->cap ? 2 * (size_t)r->cap : 8;
    if (cap > (size_t)1 << 28)
        return -1;
    if ((p = realloc(r->beh, cap * ((size_t)r->tot + 1) * sizeof(double))) == NULL) return -1;
    r->beh = p;
    if ((p = realloc(r->reach, cap * (size_t)r->nnode * sizeof(double))) == NULL) return -1;
    r->reach = p;
    if ((p = realloc(r->pay, cap * ((size_t)r->n + 1) * sizeof(double))) == NULL) return -1;
    r->pay = p;
    if ((p = realloc(r->regret, cap * sizeof(double))) == NULL) return -1;
    r->regret = p;
    if ((p = realloc(r->sfirst, cap * sizeof(int))) == NULL) return -1;
    r->sfirst = p;
    if ((p = realloc(r->nst, cap * sizeof(int))) == NULL) return -1;
    r->nst = p;
    r->cap = (int)cap;
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
    if (s != EQ_OK) {
        eqi_error(r->errmsg, s, "out of memory");
        return -1;
    }
    r->sfirst[k] = r->nstage;
    r->nst[k] = 0;
    r->count++;
    r->sol = EQ_SOL_FOUND;
    return (int)k;
}

int eqi_tree_result_add_stages(eq_tree_result *r, const eq_tree *t,
                               const double *beh, const eqi_stage *g, int ng)
{
    size_t k;
    eq_status s;
    if (grow(r) != 0)
        goto nomem;
    if (r->nstage + ng > r->capstage) {
        int cap = r->capstage ? r->capstage : 4;
        void *p;
        while (cap < r->nstage + ng)
            cap *= 2;
        if ((p = realloc(r->stage, (size_t)cap * sizeof *r->stage)) == NULL)
            goto nomem;
        r->stage = p;
        r->capstage = cap;
    }
    k = (size_t)r->count;
    memcpy(r->beh + k * (size_t)r->tot, beh, (size_t)r->tot * sizeof *beh);
    s = eqi_stage_evaluate(t, beh, r->off, g, ng, r->coarse,
                           r->reach + k * (size_t)r->nnode,
                           r->pay + k * (size_t)r->n, &r->regret[k]);
    if (s != EQ_OK) {
        eqi_error(r->errmsg, s, s == EQ_ERR_NOMEM ? "out of memory"
                  : "a player has too many plans at a correlated stage to "
                    "compute the certificate");
        return -1;
    }
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
    return (int)k;
nomem:
    eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    return -1;
}

/* Whether r already holds the profile beh, to tol. */
static int has_profile(const eq_tree_result *r, const double *beh, double tol)
{
    return eqi_rows_have(r->beh, r->count, r->tot, beh, tol);
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

/* ---- the reduced strategic form and Kuhn's theorem ------------------ */

/*
** Kuhn's theorem turns player p's mixed strategy sigma over reduced plans
** into an equivalent behaviour strategy (same distribution over terminal
** nodes against anything the others do, by perfect recall):
**
**   b(h, a) = sum_{s reaches h, s(h) = a} sigma(s) / sum_{s reaches h} sigma(s)
**
** where a plan "reaches" h when it specifies an action there, that is when
** its own earlier choices lead to h.  When no plan in sigma's support
** reaches h (the denominator is 0; below 1e-12 in practice), p's own
** moves exclude h, and the choice there changes neither the outcome nor
** any payoff nor anyone's best reply (no deviation of another player can
** reach h either).  We then play every action of h with equal
** probability: a neutral choice that marks the set as one the
** equilibrium leaves open.
*/
static void kuhn(const eq_tree *t, const eqi_plans *pl, const double *const *mixed,
                 const int *off, double *beh, double *den)
{
    for (int i = 0; i < off[t->niset]; i++)
        beh[i] = 0.0;
    for (int h = 0; h < t->niset; h++)
        den[h] = 0.0;
    for (int p = 0; p < t->n; p++) {
        const double *sigma = mixed[p];
        for (int s = 0; s < pl->count[p]; s++) {
            const int *row = pl->act[p] + (size_t)s * (size_t)pl->nown[p];
            if (!(sigma[s] > 0.0))
                continue;
            for (int i = 0; i < pl->nown[p]; i++) {
                int h = pl->own[p][i];
                if (row[i] >= 0) {
                    beh[off[h] + row[i]] += sigma[s];
                    den[h] += sigma[s];
                }
            }
        }
    }
    for (int h = 0; h < t->niset; h++) {
        int m = t->iset[h].nact;
        for (int a = 0; a < m; a++)
            beh[off[h] + a] = den[h] > 1e-12 ? beh[off[h] + a] / den[h]
                                              : 1.0 / (double)m;
    }
}

/*
** A two-player method (zerosum, lemke, enum, mip) on a reduced form of
** more players.  A player with a single plan -- a player with no move in
** the tree solved, such as the third player beside a two-player stage --
** cannot change anything, so the game is the two-player game of the
** others with the single plans fixed, and its equilibria are the full
** game's.  The players kept, in order, go to keep[0..1]: the ones with a
** choice, padded with the first players without one when fewer than two
** have a choice.  *out: the two-player game.  Fails with
** EQ_ERR_UNSUPPORTED when three or more players have a choice.
*/
static eq_status two_player_core(const eq_game *g, eq_method m, int *keep,
                                 eq_game **out, char *err)
{
    int nk = 0, nact[2];
    eq_status s;
    *out = NULL;
    for (int p = 0; p < g->n; p++)
        if (g->nact[p] > 1) {
            if (nk == 2)
                return eqi_error(err, EQ_ERR_UNSUPPORTED,
                                 "method '%s' needs a two-player game; here three "
                                 "or more players have a choice", eq_method_name(m));
            keep[nk++] = p;
        }
    for (int p = 0; p < g->n && nk < 2; p++)
        if (g->nact[p] == 1)
            keep[nk++] = p;
    if (keep[0] > keep[1]) {      /* keep the players' order */
        int x = keep[0];
        keep[0] = keep[1];
        keep[1] = x;
    }
    nact[0] = g->nact[keep[0]];
    nact[1] = g->nact[keep[1]];
    if ((s = eq_game_new(out, 2, nact)) != EQ_OK)
        return eqi_error(err, s, "out of memory");
    for (int i = 0; i < 2; i++) {
        double *u = eq_game_payoffs_mut(*out, i);
        const double *v = g->pay[keep[i]];
        if (eq_game_set_player_name(*out, i, eq_game_player_name(g, keep[i])) != EQ_OK) {
            eq_game_free(*out);
            *out = NULL;
            return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
        }
        /* The others' single plans are plan 0: they add nothing to the
        ** flat index. */
        for (int a = 0; a < nact[0]; a++)
            for (int b = 0; b < nact[1]; b++)
                u[a * nact[1] + b] = v[(size_t)a * g->stride[keep[0]] +
                                       (size_t)b * g->stride[keep[1]]];
    }
    return EQ_OK;
}

eq_status eqi_tree_solve_reduced(const eq_tree *t, const eq_tree_opts *o,
                                 eq_method m, eq_tree_result *r)
{
    eq_game *g = NULL, *g2 = NULL;
    eqi_plans pl;
    eq_solve_opts so;
    eq_result *res = NULL;
    double *beh = NULL, *den = NULL;
    static const double one = 1.0;
    const double *mixed[EQ_MAX_PLAYERS];
    int keep[2] = { 0, 1 };
    eq_status s;

    s = eqi_tree_reduced(t, &g, &pl, r->errmsg);
    if (s != EQ_OK)
        return s;
    if (g->n > 2 && (m == EQ_METHOD_ZEROSUM || m == EQ_METHOD_LEMKE ||
                     m == EQ_METHOD_ENUM || m == EQ_METHOD_MIP) &&
        (s = two_player_core(g, m, keep, &g2, r->errmsg)) != EQ_OK)
        goto done;
    eq_solve_opts_init(&so);
    so.method = m;
    so.exact = o->exact;
    so.tol = o->tol;
    so.max_equilibria = o->max_equilibria;
    so.log = o->log;
    so.log_ud = o->log_ud;
    s = eq_solve(g2 ? g2 : g, &so, &res);
    if (s != EQ_OK) {
        eqi_error(r->errmsg, s, "reduced strategic form: %s",
                  res ? eq_result_errmsg(res) : eq_status_string(s));
        goto done;
    }
    beh = malloc(((size_t)r->tot + 1) * sizeof *beh);
    den = malloc(((size_t)r->niset + 1) * sizeof *den);
    if (beh == NULL || den == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int k = 0; k < eq_result_count(res); k++) {
        for (int p = 0; p < g->n; p++)
            mixed[p] = g2 == NULL ? eq_result_strategy(res, k, p)
                       : p == keep[0] ? eq_result_strategy(res, k, 0)
                       : p == keep[1] ? eq_result_strategy(res, k, 1) : &one;
        kuhn(t, &pl, mixed, r->off, beh, den);
        /* Distinct mixed strategies may share one behaviour profile. */
        if (has_profile(r, beh, o->tol))
            continue;
        if (eqi_tree_result_add(r, t, beh) < 0) {
            s = EQ_ERR_NOMEM;
            goto done;
        }
    }
    if (eq_result_solution(res) == EQ_SOL_PARTIAL)
        r->sol = EQ_SOL_PARTIAL;
done:
    free(beh);
    free(den);
    eq_result_free(res);
    eq_game_free(g);
    eq_game_free(g2);
    eqi_plans_free(&pl);
    return s;
}

/* ---- dispatch ------------------------------------------------------- */

eq_status eq_tree_solve(const eq_tree *t, const eq_tree_opts *opts,
                        eq_tree_result **out)
{
    eq_tree_opts def;
    eq_tree_result *r;
    eq_status s;
    const char *name;

    if (out == NULL)
        return EQ_ERR_ARG;
    if (opts == NULL) {
        eq_tree_opts_init(&def);
        opts = &def;
    }
    *out = r = eqi_tree_result_new(t, opts->method);
    if (r == NULL)
        return EQ_ERR_NOMEM;
    if (t == NULL)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "tree is NULL");
    if (!t->finished)
        return eqi_error(r->errmsg, EQ_ERR_ARG,
                         "the tree is not finished (call eq_tree_finish first)");
    if (!(opts->tol > 0.0 && opts->tol < 1e-2))
        return eqi_error(r->errmsg, EQ_ERR_ARG, "tolerance must lie in (0, 0.01)");
    if (opts->max_equilibria < 0)
        return eqi_error(r->errmsg, EQ_ERR_ARG,
                         "max_equilibria must be 0 or positive");
    name = eq_method_name(opts->method);
    switch (opts->method) {
    case EQ_METHOD_SPE:
        s = eqi_tree_solve_spe(t, opts, r);
        break;
    case EQ_METHOD_ZEROSUM:
        s = eqi_tree_solve_seq_zerosum(t, opts, r);
        break;
    case EQ_METHOD_LEMKE:
        s = eqi_tree_solve_seq_lemke(t, opts, r);
        break;
    case EQ_METHOD_PURE:
    case EQ_METHOD_ENUM:
        s = eqi_tree_solve_reduced(t, opts, opts->method, r);
        if (s == EQ_OK) {
            const char *kind = opts->method == EQ_METHOD_PURE ? "pure" : "extreme";
            if (r->sol == EQ_SOL_PARTIAL)
                snprintf(r->selection, sizeof r->selection,
                         "the first %d %s equilibri%s of the reduced strategic form "
                         "(limit reached), as behaviour strategies",
                         r->count, kind, r->count == 1 ? "um" : "a");
            else if (r->count == 0)
                snprintf(r->selection, sizeof r->selection,
                         "no %s equilibrium of the reduced strategic form", kind);
            else if (r->count == 1)
                snprintf(r->selection, sizeof r->selection,
                         "the only %s equilibrium of the reduced strategic form, "
                         "as behaviour strategies", kind);
            else
                snprintf(r->selection, sizeof r->selection,
                         "all %d %s equilibria of the reduced strategic form, "
                         "as behaviour strategies", r->count, kind);
        }
        break;
    default:
        return eqi_error(r->errmsg, EQ_ERR_ARG, "unknown method %d", (int)opts->method);
    }
    if (s != EQ_OK)
        return s;
    if (r->count == 0 && r->sol != EQ_SOL_PARTIAL)
        r->sol = EQ_SOL_NONE;
    if (r->selection[0] == '\0')
        snprintf(r->selection, sizeof r->selection, "%d equilibri%s found by %s",
                 r->count, r->count == 1 ? "um" : "a", name ? name : "?");
    return EQ_OK;
}
