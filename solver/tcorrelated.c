/*
** tcorrelated.c -- correlated equilibria of game trees: a tree, or a stage
** of spe, played by one correlated equilibrium of its reduced strategic
** form (Aumann 1974).  A mediator draws one reduced plan per player from a
** joint distribution and tells each player only their own plan.
**
** The distribution is the LP optimum (correlated.c) for the selection
** rule of eq_tree_opts: welfare (also for EQ_SELECT_FIRST and with all),
** select_player's payoff, or the lowest expected number of actions named
** select_action that the players' plans take.  It is kept as a stage
** (tree.h): the recommendations with positive probability, each an action
** per information set (-1 where the plan's own earlier moves never lead),
** together with the marginals (Kuhn's formula applied to the distribution;
** uniform at a set no recommendation reaches) and the expected payoffs.
**
** On a whole tree (eq_tree_solve with EQ_METHOD_CORRELATED) the stage is
** rooted at node 0 and spans every information set: the mediator speaks
** once, before play.  Its certificate is that of a correlated equilibrium
** of the tree as a whole -- the largest gain of a player who, told their
** plan, follows another (chosen before hearing it, with coarse) -- so it
** is computed on the tree seen as a single subgame: such an equilibrium
** need not be subgame perfect, and its off-path recommendations may be
** threats no one would carry out.  Inside spe (eqi_part_correlated) each
** stage is the part of one subgame, and spe maps its sets and root back to
** the whole tree.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"

/* The action at each of t's sets (-1 where unreached) of profile i of the
** reduced form g, whose strategies pl numbers. */
static void profile_actions(const eq_tree *t, const eq_game *g, const eqi_plans *pl,
                            size_t i, int *act)
{
    for (int h = 0; h < t->niset; h++)
        act[h] = -1;
    for (int p = 0; p < g->n; p++)
        eqi_plans_actions(pl, p, (int)((i / g->stride[p]) % (size_t)g->nact[p]), act);
}

/* The correlated LP's options and objective for o's selection rule; *cobj
** (malloc'd, may stay NULL) the objective per profile when it is the
** count of actions named select_action.  Returns 0 or -1 (no memory). */
static int stage_objective(const eq_tree *t, const eq_game *g, const eqi_plans *pl,
                           const eq_tree_opts *o, eq_solve_opts *so, double **cobj,
                           int *act)
{
    eq_solve_opts_init(so);
    so->method = EQ_METHOD_CORRELATED;
    so->tol = o->tol;
    so->coarse = o->coarse;
    so->log = o->log;
    so->log_ud = o->log_ud;
    so->limits = o->limits;     /* eq_tree_solve's nested limits */
    *cobj = NULL;
    if (!o->all && o->select == EQ_SELECT_PLAYER) {
        so->objective = EQ_OBJ_PLAYER;
        so->obj_player = o->select_player;
    } else if (!o->all && o->select == EQ_SELECT_MIN_ACTION) {
        /* c(profile) = how many actions named select_action it plays. */
        so->maximize = 0;
        if ((*cobj = malloc(g->nprof * sizeof **cobj)) == NULL)
            return -1;
        for (size_t i = 0; i < g->nprof; i++) {
            profile_actions(t, g, pl, i, act);
            (*cobj)[i] = 0.0;
            for (int h = 0; h < t->niset; h++)
                if (act[h] >= 0 && strcmp(t->iset[h].aname[act[h]], o->select_action) == 0)
                    (*cobj)[i] += 1.0;
        }
    }
    return 0;
}

/*
** The support of the distribution pi over g's profiles as the
** recommendations of jt (root 0, t's sets in index order), and its
** marginals into beh (t's behaviour layout; den: niset doubles of
** scratch).  Returns 0 or -1 (no memory).
*/
static int stage_from_distribution(const eq_tree *t, const eq_game *g,
                                   const eqi_plans *pl, const double *pi,
                                   eqi_stage *jt, double *beh, double *den, int *act)
{
    int *off = malloc(((size_t)t->niset + 1) * sizeof *off);
    if (off == NULL)
        return -1;
    off[0] = 0;
    for (int h = 0; h < t->niset; h++)
        off[h + 1] = off[h] + t->iset[h].nact;
    jt->root = 0;
    jt->nset = t->niset;
    for (int h = 0; h < t->niset; h++)
        jt->set[h] = h;
    jt->len = 0;
    for (size_t i = 0; i < g->nprof; i++)
        if (pi[i] > 0.0)
            jt->len++;
    jt->prob = malloc(((size_t)jt->len + 1) * sizeof *jt->prob);
    jt->act = malloc(((size_t)jt->len * (size_t)t->niset + 1) * sizeof *jt->act);
    if (jt->prob == NULL || jt->act == NULL) {
        free(off);
        return -1;
    }
    for (int i = 0; i < off[t->niset]; i++)
        beh[i] = 0.0;
    for (int h = 0; h < t->niset; h++)
        den[h] = 0.0;
    for (size_t i = 0, q = 0; i < g->nprof; i++) {
        int *row = jt->act + q * (size_t)t->niset;
        if (!(pi[i] > 0.0))
            continue;
        profile_actions(t, g, pl, i, act);
        for (int h = 0; h < t->niset; h++) {
            row[h] = act[h];
            if (act[h] >= 0) {
                beh[off[h] + act[h]] += pi[i];
                den[h] += pi[i];
            }
        }
        jt->prob[q++] = pi[i];
    }
    /* The marginals; uniform at a set no recommendation reaches. */
    for (int h = 0; h < t->niset; h++)
        for (int a = 0; a < t->iset[h].nact; a++)
            beh[off[h] + a] = den[h] > 1e-12 ? beh[off[h] + a] / den[h]
                                              : 1.0 / (double)t->iset[h].nact;
    free(off);
    return 0;
}

/*
** One correlated equilibrium of t's reduced strategic form for o's rule,
** as the stage jt (root 0, every set of t; caller frees it with
** eqi_stage_free, also after a failure), its marginals beh (t's behaviour
** layout) and expected payoffs pay (t->n).  Message to err.
*/
static eq_status correlated_stage(const eq_tree *t, const eq_tree_opts *o,
                                  eqi_stage *jt, double *beh, double *pay, char *err)
{
    eq_game *g = NULL;
    eqi_plans pl;
    eq_solve_opts so;
    eq_result *res = NULL;
    double *cobj = NULL, *den = NULL;
    int *act = NULL;
    const double *pi;
    eqi_guard *G;
    eq_status s;

    memset(jt, 0, sizeof *jt);
    memset(&pl, 0, sizeof pl);
    if ((s = eqi_tree_reduced(t, &g, &pl, err)) != EQ_OK)
        goto done;
    act = malloc(((size_t)t->niset + 1) * sizeof *act);
    den = malloc(((size_t)t->niset + 1) * sizeof *den);
    jt->set = malloc(((size_t)t->niset + 1) * sizeof *jt->set);
    if (!act || !den || !jt->set || stage_objective(t, g, &pl, o, &so, &cobj, act) != 0)
        goto nomem;
    if ((res = eqi_result_new(g, EQ_METHOD_CORRELATED)) == NULL)
        goto nomem;
    /* The workspace of the call (eqi_tree_solve_ws), reused by every
    ** stage it solves; NULL: this LP's own memory. */
    G = eqi_guard_of(o->limits);
    if ((s = eqi_solve_correlated_with(g, &so, cobj, G != NULL ? G->cews : NULL,
                                       res)) != EQ_OK) {
        eqi_error(err, s, "%s", res->errmsg);
        goto done;
    }
    if ((pi = eq_result_distribution(res, 0)) == NULL) {
        s = eqi_error(err, EQ_ERR_INTERNAL, "the correlated LP gave no distribution");
        goto done;
    }
    if (stage_from_distribution(t, g, &pl, pi, jt, beh, den, act) != 0)
        goto nomem;
    for (int p = 0; p < t->n; p++)
        pay[p] = eq_result_payoff(res, 0, p);
    s = EQ_OK;
    goto done;
nomem:
    s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
done:
    eq_result_free(res);
    eq_game_free(g);
    eqi_plans_free(&pl);
    free(cobj);
    free(den);
    free(act);
    return s;
}

eq_status eqi_part_correlated(const eq_tree *st, const eq_tree_opts *o,
                              eq_method m, eqi_cands *out, char *err)
{
    double *beh = malloc(((size_t)out->stot + 1) * sizeof *beh);
    double pay[EQ_MAX_PLAYERS];
    eqi_stage jt;
    eq_status s;

    (void)m;
    if (beh == NULL)
        return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    s = correlated_stage(st, o, &jt, beh, pay, err);
    if (s == EQ_OK && eqi_cands_push(out, beh, pay, &jt) != 0)
        s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    eqi_stage_free(&jt);
    free(beh);
    return s;
}

/* The sentence of r->selection. */
static void describe(eq_tree_result *r, const eq_tree *t, const eq_tree_opts *o)
{
    size_t len = sizeof r->selection, used;
    snprintf(r->selection, len, "one %scorrelated equilibrium of the reduced strategic "
             "form, ", o->coarse ? "coarse " : "");
    used = strlen(r->selection);
    if (!o->all && o->select == EQ_SELECT_PLAYER)
        snprintf(r->selection + used, len - used, "with the highest payoff of player %s",
                 t->pname[o->select_player]);
    else if (!o->all && o->select == EQ_SELECT_MIN_ACTION)
        snprintf(r->selection + used, len - used, "with the lowest expected number of "
                 "actions '%s'", o->select_action);
    else
        snprintf(r->selection + used, len - used, "with the highest welfare");
    used = strlen(r->selection);
    snprintf(r->selection + used, len - used, ": a mediator recommends each player a "
             "whole plan before play");
}

/* o's selection rule is one the tree can use: EQ_OK or EQ_ERR_ARG. */
static eq_status check_rule(const eq_tree *t, const eq_tree_opts *o, char *err)
{
    if (o->all)
        return EQ_OK;
    if (o->select == EQ_SELECT_PLAYER && (o->select_player < 0 || o->select_player >= t->n))
        return eqi_error(err, EQ_ERR_ARG, "select_player %d is not a player (0..%d)",
                         o->select_player, t->n - 1);
    if (o->select == EQ_SELECT_MIN_ACTION && o->select_action == NULL)
        return eqi_error(err, EQ_ERR_ARG, "selection by action needs an action name");
    return EQ_OK;
}

eq_status eqi_tree_solve_correlated(const eq_tree *t, const eq_tree_opts *o,
                                    eq_tree_result *r)
{
    double *beh = malloc(((size_t)r->tot + 1) * sizeof *beh);
    double pay[EQ_MAX_PLAYERS];
    eq_tree whole;
    eqi_stage jt;
    eq_status s;

    memset(&jt, 0, sizeof jt);
    if (beh == NULL)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    if ((s = check_rule(t, o, r->errmsg)) != EQ_OK ||
        (s = correlated_stage(t, o, &jt, beh, pay, r->errmsg)) != EQ_OK)
        goto done;
    r->coarse = o->coarse != 0;
    if (t->nsub == 0) {
        /* The root is terminal: nobody moves, nothing to recommend. */
        s = eqi_tree_result_add(r, t, beh) < 0 ? EQ_ERR_NOMEM : EQ_OK;
    } else {
        /* The certificate of the tree as one subgame (see the file
        ** comment): a shallow view, read only, whose only subgame is the
        ** root's (subroot[0] is 0). */
        whole = *t;
        whole.nsub = 1;
        s = eqi_tree_result_add_stages(r, &whole, beh, &jt, 1);
    }
    if (s == EQ_OK)
        describe(r, t, o);
done:
    eqi_stage_free(&jt);
    free(beh);
    return s;
}

eq_status eqi_stage_lp(const eq_tree *t, const eq_tree_opts *o, eq_game **g, eqi_plans *pl,
                       eq_solve_opts *so, double **cobj, char *err)
{
    int *act = NULL;
    eq_status s;
    *g = NULL;
    *cobj = NULL;
    memset(pl, 0, sizeof *pl);
    if ((s = eqi_tree_reduced(t, g, pl, err)) != EQ_OK) {
        eqi_plans_free(pl);
        return s;
    }
    act = malloc(((size_t)t->niset + 1) * sizeof *act);
    if (act == NULL || stage_objective(t, *g, pl, o, so, cobj, act) != 0) {
        free(act);
        eq_game_free(*g);
        *g = NULL;
        eqi_plans_free(pl);
        return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    }
    free(act);
    return EQ_OK;
}
