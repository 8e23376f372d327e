/*
** game.c -- the strategic-form game: construction, names and payoffs.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"

static char *number_name(int i)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%d", i + 1);
    return eqi_strdup(buf);
}

eq_status eq_game_new(eq_game **out, int nplayers, const int *nactions)
{
    eq_game *g;
    size_t nprof = 1;

    if (out == NULL)
        return EQ_ERR_ARG;
    *out = NULL;
    if (nactions == NULL || nplayers < 1 || nplayers > EQ_MAX_PLAYERS)
        return EQ_ERR_ARG;
    for (int p = 0; p < nplayers; p++) {
        if (nactions[p] < 1 || !eqi_mul_size(nprof, (size_t)nactions[p], &nprof)
            || nprof > EQ_MAX_PROFILES)
            return EQ_ERR_ARG;
    }
    g = calloc(1, sizeof *g);
    if (g == NULL)
        return EQ_ERR_NOMEM;
    g->n = nplayers;
    g->nprof = nprof;
    g->nact = calloc((size_t)nplayers, sizeof *g->nact);
    g->stride = calloc((size_t)nplayers, sizeof *g->stride);
    g->pname = calloc((size_t)nplayers, sizeof *g->pname);
    g->aname = calloc((size_t)nplayers, sizeof *g->aname);
    g->pay = calloc((size_t)nplayers, sizeof *g->pay);
    g->title = eqi_strdup("");
    if (!g->nact || !g->stride || !g->pname || !g->aname || !g->pay || !g->title)
        goto nomem;
    {
        size_t s = 1;
        for (int p = nplayers - 1; p >= 0; p--) {
            g->nact[p] = nactions[p];
            g->stride[p] = s;
            s *= (size_t)nactions[p];
        }
    }
    for (int p = 0; p < nplayers; p++) {
        g->pname[p] = number_name(p);
        g->aname[p] = calloc((size_t)nactions[p], sizeof **g->aname);
        g->pay[p] = calloc(nprof, sizeof **g->pay);
        if (!g->pname[p] || !g->aname[p] || !g->pay[p])
            goto nomem;
        for (int a = 0; a < nactions[p]; a++)
            if ((g->aname[p][a] = number_name(a)) == NULL)
                goto nomem;
    }
    *out = g;
    return EQ_OK;
nomem:
    eq_game_free(g);
    return EQ_ERR_NOMEM;
}

/* Exact payoffs, allocated only when some payoff was given as text.
** q[p][i] is authoritative while pay[p][i] still equals at[p][i], the
** double it was rounded to; otherwise the double itself is the exact
** value.  So writing a double never leaves a stale rational behind. */
struct eqi_exact_pay {
    mpq_t **q;
    double **at;
};

static void free_exact(eq_game *g)
{
    struct eqi_exact_pay *x = g->xp;
    if (x == NULL)
        return;
    for (int p = 0; p < g->n; p++) {
        if (x->q != NULL && x->q[p] != NULL)
            eqi_mpq_free(x->q[p], g->nprof);
        if (x->at != NULL)
            free(x->at[p]);
    }
    free(x->q);
    free(x->at);
    free(x);
    g->xp = NULL;
}

void eq_game_free(eq_game *g)
{
    if (g == NULL)
        return;
    free_exact(g);
    for (int p = 0; p < g->n; p++) {
        if (g->pname)
            free(g->pname[p]);
        if (g->aname && g->aname[p]) {
            for (int a = 0; a < g->nact[p]; a++)
                free(g->aname[p][a]);
            free(g->aname[p]);
        }
        if (g->pay)
            free(g->pay[p]);
    }
    free(g->pname);
    free(g->aname);
    free(g->pay);
    free(g->nact);
    free(g->stride);
    free(g->title);
    free(g);
}

/* Allocate the exact arrays of g, each payoff's rational set to its
** double.  Returns 0 or -1 for lack of memory. */
static int alloc_exact(eq_game *g)
{
    struct eqi_exact_pay *x;
    if (g->xp != NULL)
        return 0;
    if ((x = g->xp = calloc(1, sizeof *x)) == NULL)
        return -1;
    x->q = calloc((size_t)g->n, sizeof *x->q);
    x->at = calloc((size_t)g->n, sizeof *x->at);
    if (x->q == NULL || x->at == NULL)
        goto fail;
    for (int p = 0; p < g->n; p++) {
        x->q[p] = eqi_mpq_alloc(g->nprof);
        x->at[p] = malloc(g->nprof * sizeof **x->at);
        if (x->q[p] == NULL || x->at[p] == NULL)
            goto fail;
        for (size_t i = 0; i < g->nprof; i++) {
            mpq_set_d(x->q[p][i], g->pay[p][i]);
            x->at[p][i] = g->pay[p][i];
        }
    }
    return 0;
fail:
    free_exact(g);
    return -1;
}

eq_status eq_game_copy(const eq_game *g, eq_game **out)
{
    eq_game *c;
    eq_status s;
    if (g == NULL || out == NULL)
        return EQ_ERR_ARG;
    if ((s = eq_game_new(&c, g->n, g->nact)) != EQ_OK)
        return s;
    if (eq_game_set_title(c, g->title) != EQ_OK)
        goto nomem;
    for (int p = 0; p < g->n; p++) {
        if (eq_game_set_player_name(c, p, g->pname[p]) != EQ_OK)
            goto nomem;
        for (int a = 0; a < g->nact[p]; a++)
            if (eq_game_set_action_name(c, p, a, g->aname[p][a]) != EQ_OK)
                goto nomem;
        memcpy(c->pay[p], g->pay[p], g->nprof * sizeof(double));
    }
    if (g->xp != NULL) {
        if (alloc_exact(c) != 0)
            goto nomem;
        for (int p = 0; p < g->n; p++)
            for (size_t i = 0; i < g->nprof; i++) {
                mpq_set(c->xp->q[p][i], g->xp->q[p][i]);
                c->xp->at[p][i] = g->xp->at[p][i];
            }
    }
    *out = c;
    return EQ_OK;
nomem:
    eq_game_free(c);
    return EQ_ERR_NOMEM;
}

int eq_game_players(const eq_game *g) { return g ? g->n : 0; }

int eq_game_actions(const eq_game *g, int p)
{
    return (g && p >= 0 && p < g->n) ? g->nact[p] : 0;
}

size_t eq_game_profiles(const eq_game *g) { return g ? g->nprof : 0; }

const char *eq_game_title(const eq_game *g) { return g ? g->title : NULL; }

const char *eq_game_player_name(const eq_game *g, int p)
{
    return (g && p >= 0 && p < g->n) ? g->pname[p] : NULL;
}

const char *eq_game_action_name(const eq_game *g, int p, int a)
{
    if (g == NULL || p < 0 || p >= g->n || a < 0 || a >= g->nact[p])
        return NULL;
    return g->aname[p][a];
}

static eq_status replace(eq_game *g, char **slot, const char *s)
{
    char *d = eqi_strdup(s);
    if (d == NULL)
        return eqi_error(g->errmsg, EQ_ERR_NOMEM, "out of memory");
    free(*slot);
    *slot = d;
    return EQ_OK;
}

eq_status eq_game_set_title(eq_game *g, const char *title)
{
    if (g == NULL)
        return EQ_ERR_ARG;
    if (title == NULL)
        return eqi_error(g->errmsg, EQ_ERR_ARG, "title is NULL");
    return replace(g, &g->title, title);
}

eq_status eq_game_set_player_name(eq_game *g, int p, const char *name)
{
    if (g == NULL)
        return EQ_ERR_ARG;
    if (p < 0 || p >= g->n || name == NULL)
        return eqi_error(g->errmsg, EQ_ERR_ARG, "no player %d", p);
    return replace(g, &g->pname[p], name);
}

eq_status eq_game_set_action_name(eq_game *g, int p, int a, const char *name)
{
    if (g == NULL)
        return EQ_ERR_ARG;
    if (p < 0 || p >= g->n || a < 0 || a >= g->nact[p] || name == NULL)
        return eqi_error(g->errmsg, EQ_ERR_ARG, "no action %d of player %d",
                         a, p);
    return replace(g, &g->aname[p][a], name);
}

int eq_game_find_action(const eq_game *g, int p, const char *name)
{
    if (g == NULL || p < 0 || p >= g->n || name == NULL)
        return -1;
    for (int a = 0; a < g->nact[p]; a++)
        if (strcmp(g->aname[p][a], name) == 0)
            return a;
    return -1;
}

const double *eq_game_payoffs(const eq_game *g, int p)
{
    return (g && p >= 0 && p < g->n) ? g->pay[p] : NULL;
}

double *eq_game_payoffs_mut(eq_game *g, int p)
{
    return (g && p >= 0 && p < g->n) ? g->pay[p] : NULL;
}

/* Flat index of a profile, or (size_t)-1 if any action is out of range. */
static size_t profile_index(const eq_game *g, const int *profile)
{
    size_t i = 0;
    for (int q = 0; q < g->n; q++) {
        if (profile[q] < 0 || profile[q] >= g->nact[q])
            return (size_t)-1;
        i += (size_t)profile[q] * g->stride[q];
    }
    return i;
}

double eq_game_payoff(const eq_game *g, int p, const int *profile)
{
    size_t i;
    if (g == NULL || profile == NULL || p < 0 || p >= g->n)
        return 0.0;
    i = profile_index(g, profile);
    return i == (size_t)-1 ? 0.0 : g->pay[p][i];
}

eq_status eq_game_set_payoff(eq_game *g, int p, const int *profile,
                             double value)
{
    size_t i;
    if (g == NULL)
        return EQ_ERR_ARG;
    if (profile == NULL || p < 0 || p >= g->n)
        return eqi_error(g->errmsg, EQ_ERR_ARG, "no player %d", p);
    if ((i = profile_index(g, profile)) == (size_t)-1)
        return eqi_error(g->errmsg, EQ_ERR_ARG, "action out of range");
    if (!isfinite(value))
        return eqi_error(g->errmsg, EQ_ERR_ARG, "payoff is not finite");
    g->pay[p][i] = value;
    return EQ_OK;
}

eq_status eq_game_set_payoff_text(eq_game *g, int p, const int *profile,
                                  const char *text)
{
    size_t i;
    mpq_t q;
    int rc;
    double d;
    unsigned long gmp = eqi_gmp_mark();

    if (g == NULL)
        return EQ_ERR_ARG;
    if (profile == NULL || text == NULL || p < 0 || p >= g->n)
        return eqi_error(g->errmsg, EQ_ERR_ARG, "no player %d", p);
    if ((i = profile_index(g, profile)) == (size_t)-1)
        return eqi_error(g->errmsg, EQ_ERR_ARG, "action out of range");
    if (g->xp == NULL && eqi_small_int(text, &d)) {
        g->pay[p][i] = d;      /* exact already: no rational needed */
        return EQ_OK;
    }
    mpq_init(q);
    rc = eqi_parse_rational(text, q);
    if (rc != 0) {
        mpq_clear(q);
        return eqi_error(g->errmsg, EQ_ERR_ARG,
                         rc == -2 ? "zero denominator in '%s'"
                                  : "'%s' is not a number", text);
    }
    d = mpq_get_d(q);
    if (!isfinite(d)) {
        mpq_clear(q);
        return eqi_error(g->errmsg, EQ_ERR_ARG, "'%s' is out of range", text);
    }
    /* An integer-valued payoff needs no rational copy. */
    if (mpz_cmp_ui(mpq_denref(q), 1) == 0 && g->xp == NULL &&
        mpz_sizeinbase(mpq_numref(q), 2) <= 53) {
        g->pay[p][i] = d;
        mpq_clear(q);
        return EQ_OK;
    }
    if (alloc_exact(g) != 0) {
        mpq_clear(q);
        return eqi_error(g->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    mpq_set(g->xp->q[p][i], q);
    g->pay[p][i] = d;
    g->xp->at[p][i] = d;
    mpq_clear(q);
    if (eqi_gmp_failed(gmp))    /* set, on GMP's reserve (gmpmem.c) */
        return eqi_error(g->errmsg, EQ_ERR_NOMEM, "out of memory");
    return EQ_OK;
}

const char *eq_game_errmsg(const eq_game *g) { return g ? g->errmsg : ""; }

void eqi_game_exact_payoff(const eq_game *g, int p, size_t i, mpq_t out)
{
    if (g->xp != NULL && g->xp->at[p][i] == g->pay[p][i])
        mpq_set(out, g->xp->q[p][i]);
    else
        mpq_set_d(out, g->pay[p][i]);
}

char *eqi_game_payoff_text(const eq_game *g, int p, size_t i, mpq_t tmp)
{
    if (g->xp != NULL && g->xp->at[p][i] == g->pay[p][i]) {
        mpq_set(tmp, g->xp->q[p][i]);
        return eqi_rational_str(tmp);
    }
    return eqi_double_text(g->pay[p][i]);
}

int eqi_game_has_exact(const eq_game *g)
{
    if (g->xp == NULL)
        return 0;
    for (int p = 0; p < g->n; p++)
        for (size_t i = 0; i < g->nprof; i++)
            if (g->xp->at[p][i] == g->pay[p][i] &&
                mpz_cmp_ui(mpq_denref(g->xp->q[p][i]), 1) != 0)
                return 1;
    return 0;
}

int eq_game_is_constant_sum(const eq_game *g)
{
    double lo, hi, c, scale = 0.0;
    if (g == NULL || g->n != 2)
        return 0;
    for (size_t i = 0; i < g->nprof; i++) {
        double a = fabs(g->pay[0][i]) + fabs(g->pay[1][i]);
        if (a > scale)
            scale = a;
    }
    c = g->pay[0][0] + g->pay[1][0];
    lo = hi = c;
    for (size_t i = 1; i < g->nprof; i++) {
        double s = g->pay[0][i] + g->pay[1][i];
        if (s < lo) lo = s;
        if (s > hi) hi = s;
    }
    return hi - lo <= 1e-12 * (scale > 1.0 ? scale : 1.0);
}
