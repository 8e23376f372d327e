/*
** treduced.c -- a strategic method on a tree: the tree's reduced strategic
** form (reduced.c) is solved by eq_solve, and each mixed equilibrium is
** turned into a behaviour profile by Kuhn's theorem.  For a whole tree
** (eq_tree_solve) and for a stage inside spe.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"

/* Whether r already holds the profile beh, to tol. */
static int has_profile(const eq_tree_result *r, const double *beh, double tol)
{
    return eqi_rows_have(r->beh, r->count, r->tot, beh, tol);
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
** A two-player method (one without EQ_CAP_NPLAYER) on a reduced form of
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

/*
** Solve the reduced strategic form of t with the strategic method and
** options so, and append every equilibrium found to r as a behaviour
** profile, dropping duplicates; r->sol becomes EQ_SOL_PARTIAL when the
** method stopped early.  With a two-player method on more players,
** so->obj_player names a player of t and is mapped to the two-player
** game.  Message on r on failure.
*/
static eq_status solve_reduced(const eq_tree *t, const eq_solve_opts *so,
                               eq_tree_result *r)
{
    eq_game *g = NULL, *g2 = NULL;
    eqi_plans pl;
    eq_solve_opts o2 = *so;
    eq_result *res = NULL;
    double *beh = NULL, *den = NULL;
    static const double one = 1.0;
    const double *mixed[EQ_MAX_PLAYERS];
    int keep[2] = { 0, 1 };
    eq_status s;

    s = eqi_tree_reduced(t, &g, &pl, r->errmsg);
    if (s != EQ_OK)
        return s;
    if (g->n > 2 && !(eq_method_caps(so->method) & EQ_CAP_NPLAYER)) {
        if ((s = two_player_core(g, so->method, keep, &g2, r->errmsg)) != EQ_OK)
            goto done;
        if (so->objective != EQ_OBJ_WELFARE) {
            if (so->obj_player != keep[0] && so->obj_player != keep[1]) {
                s = eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED,
                              "method '%s' solves the game of the two players with a "
                              "choice, and %s has none", eq_method_name(so->method),
                              t->pname[so->obj_player]);
                goto done;
            }
            o2.obj_player = so->obj_player == keep[0] ? 0 : 1;
        }
    }
    s = eq_solve(g2 ? g2 : g, &o2, &res);
    if (s != EQ_OK) {
        eqi_error(r->errmsg, s, "reduced strategic form: %s",
                  res ? eq_result_errmsg(res) : eq_status_string(s));
        if (s != EQ_ERR_STOPPED || res == NULL)
            goto done;      /* stopped: the equilibria found so far, below */
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
        if (has_profile(r, beh, so->tol))
            continue;
        if (eqi_tree_result_add(r, t, beh) < 0) {
            s = EQ_ERR_NOMEM;
            goto done;
        }
    }
    if (s == EQ_ERR_STOPPED)
        r->sol = EQ_SOL_STOPPED;
    else if (eq_result_solution(res) == EQ_SOL_PARTIAL)
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

/* eq_solve's options for method m from a tree's options. */
static void strategic_opts(const eq_tree_opts *o, eq_method m, eq_solve_opts *so)
{
    eq_solve_opts_init(so);
    so->method = m;
    so->exact = o->exact;
    so->tol = o->tol;
    so->max_equilibria = o->max_equilibria;
    so->log = o->log;
    so->log_ud = o->log_ud;
    so->limits = o->limits;     /* eq_tree_solve's nested limits */
}

/* The sentence of r->selection for method M on the reduced form. */
static void describe(eq_tree_result *r, const eqi_method *M, const eq_tree *t,
                     const eq_solve_opts *so)
{
    size_t len = sizeof r->selection;
    const char *kind = M->kind ? M->kind : "";
    const char *sp = kind[0] ? " " : "";
    if (M->caps & EQ_CAP_ALL) {
        if (r->sol == EQ_SOL_PARTIAL)
            snprintf(r->selection, len, "the first %d %s%sequilibri%s of the reduced "
                     "strategic form (limit reached), as behaviour strategies",
                     r->count, kind, sp, r->count == 1 ? "um" : "a");
        else if (r->count == 0)
            snprintf(r->selection, len, "no %s%sequilibrium of the reduced strategic form",
                     kind, sp);
        else if (r->count == 1)
            snprintf(r->selection, len, "the only %s%sequilibrium of the reduced strategic "
                     "form, as behaviour strategies", kind, sp);
        else
            snprintf(r->selection, len, "all %d %s%sequilibria of the reduced strategic "
                     "form, as behaviour strategies", r->count, kind, sp);
    } else if (r->count == 0) {
        snprintf(r->selection, len, "no equilibrium of the reduced strategic form found "
                 "by '%s'", M->name);
    } else if (M->caps & EQ_CAP_OBJECTIVE) {
        char what[96];
        if (so->objective == EQ_OBJ_PLAYER)
            snprintf(what, sizeof what, "payoff of player %s", t->pname[so->obj_player]);
        else
            snprintf(what, sizeof what, "welfare");
        snprintf(r->selection, len, "an equilibrium of the reduced strategic form with "
                 "the %s %s, by '%s', as behaviour strategies",
                 so->maximize ? "highest" : "lowest", what, M->name);
    } else {
        snprintf(r->selection, len, "%d %s%sequilibri%s of the reduced strategic form, "
                 "by '%s', as behaviour strategies", r->count, kind, sp,
                 r->count == 1 ? "um" : "a", M->name);
    }
}

eq_status eqi_tree_solve_via_reduced(const eq_tree *t, const eq_tree_opts *o,
                                     eq_tree_result *r)
{
    const eqi_method *M = eqi_method_get(o->method);
    eq_solve_opts so;
    eq_status s;

    strategic_opts(o, o->method, &so);
    /* An objective comes from the selection rule, as for spe's stages. */
    if ((M->caps & EQ_CAP_OBJECTIVE) && !o->all && o->select == EQ_SELECT_PLAYER) {
        if (o->select_player < 0 || o->select_player >= t->n)
            return eqi_error(r->errmsg, EQ_ERR_ARG, "select_player %d is not a player "
                             "(0..%d)", o->select_player, t->n - 1);
        so.objective = EQ_OBJ_PLAYER;
        so.obj_player = o->select_player;
    } else if ((M->caps & EQ_CAP_OBJECTIVE) && !o->all &&
               o->select == EQ_SELECT_MIN_ACTION) {
        return eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED,
                         "method '%s' on a tree optimises welfare or a player's payoff "
                         "(the selection rules welfare and player); for the lowest "
                         "probability of an action use 'spe' or 'correlated'", M->name);
    }
    if ((s = solve_reduced(t, &so, r)) != EQ_OK)
        return s;
    describe(r, M, t, &so);
    return EQ_OK;
}

eq_status eqi_part_via_reduced(const eq_tree *st, const eq_tree_opts *o,
                               eq_method m, eqi_cands *out, char *err)
{
    eq_tree_result *tr = eqi_tree_result_new(st, m);
    eq_solve_opts so;
    eq_status s;

    if (tr == NULL)
        return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    strategic_opts(o, m, &so);
    s = solve_reduced(st, &so, tr);
    return eqi_cands_take(out, tr, s, err);
}
