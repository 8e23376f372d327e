/*
** methods.c -- the method table: one row per method, and the queries that
** read it (eq_method_name, eq_method_caps, eq_method_check_game, ...).
** See methods.h for what a row holds and for the files a new method
** touches.
**
** Which methods apply to a game follows from the capabilities alone, plus
** a row's own check for conditions they cannot say (zerosum's constant
** sum).  A refusal names the reason and the methods that do apply, found
** by asking every row the same question.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdio.h>
#include <string.h>

#include "tree.h"

/* ---- rows' own checks ------------------------------------------------ */

static eq_status zerosum_check_game(const eq_game *g, char *why, size_t len)
{
    if (eq_game_is_constant_sum(g))
        return EQ_OK;
    if (why != NULL && len > 0)
        snprintf(why, len, "zerosum: the game is not constant-sum (A + B varies); "
                 "use -m enum or -m lemke");
    return EQ_ERR_UNSUPPORTED;
}

static eq_status zerosum_check_tree(const eq_tree *t, char *why, size_t len)
{
    if (t->n != 2 || eqi_tree_is_constant_sum(t))
        return EQ_OK;     /* the player count is the table's to say */
    if (why != NULL && len > 0)
        snprintf(why, len, "zerosum: the tree is not constant-sum (the sum of the "
                 "payoffs differs between leaves); use -m lemke");
    return EQ_ERR_UNSUPPORTED;
}

/* ---- the table --------------------------------------------------------- */

#define ON_TREES (EQ_CAP_TREE_REDUCED | EQ_CAP_STAGE)

static const eqi_method table[] = {
    [EQ_METHOD_PURE] = {
        "pure", "every pure-strategy Nash equilibrium, any number of players", "pure",
        EQ_CAP_STRATEGIC | ON_TREES | EQ_CAP_NPLAYER | EQ_CAP_EXACT | EQ_CAP_ALL,
        eqi_solve_pure, eqi_tree_solve_via_reduced, eqi_part_via_reduced, NULL, NULL },
    [EQ_METHOD_ZEROSUM] = {
        "zerosum", "the value and optimal strategies of a two-player constant-sum game, "
        "by linear programming", "optimal",
        EQ_CAP_STRATEGIC | EQ_CAP_TREE_SEQFORM | EQ_CAP_STAGE | EQ_CAP_CONSTANT_SUM |
        EQ_CAP_EXACT | EQ_CAP_MIXED | EQ_CAP_VALUE | EQ_CAP_SENSITIVITY,
        eqi_solve_zerosum, eqi_tree_solve_seq_zerosum, eqi_part_via_reduced,
        zerosum_check_game, zerosum_check_tree },
    [EQ_METHOD_LEMKE] = {
        "lemke", "Nash equilibria of a two-player game by complementary pivoting "
        "(Lemke-Howson; Lemke on a tree's sequence form)", NULL,
        EQ_CAP_STRATEGIC | EQ_CAP_TREE_SEQFORM | EQ_CAP_STAGE | EQ_CAP_EXACT |
        EQ_CAP_MIXED | EQ_CAP_LABEL,
        eqi_solve_lemke, eqi_tree_solve_seq_lemke, eqi_part_via_reduced, NULL, NULL },
    [EQ_METHOD_ENUM] = {
        "enum", "every extreme Nash equilibrium of a two-player game, by vertex "
        "enumeration", "extreme",
        EQ_CAP_STRATEGIC | ON_TREES | EQ_CAP_EXACT | EQ_CAP_ALL | EQ_CAP_MIXED,
        eqi_solve_enum, eqi_tree_solve_via_reduced, eqi_part_via_reduced, NULL, NULL },
    [EQ_METHOD_SPE] = {
        "spe", "subgame-perfect equilibria of a tree by backward induction, each "
        "subgame's stage solved by a subgame method", "subgame-perfect",
        EQ_CAP_TREE_SUBGAMES | EQ_CAP_NPLAYER | EQ_CAP_ALL | EQ_CAP_MIXED,
        NULL, eqi_tree_solve_spe, NULL, NULL, NULL },
    [EQ_METHOD_MIP] = {
        "mip", "the Nash equilibrium of a two-player game that optimises an objective, "
        "by mixed-integer programming", "optimal",
        EQ_CAP_STRATEGIC | ON_TREES | EQ_CAP_EXACT | EQ_CAP_MIXED | EQ_CAP_OBJECTIVE |
        EQ_CAP_UNIQUE,
        eqi_solve_mip, eqi_tree_solve_via_reduced, eqi_part_via_reduced, NULL, NULL },
    [EQ_METHOD_CORRELATED] = {
        "correlated", "the correlated (or coarse correlated) equilibrium that optimises "
        "an objective, any number of players, by linear programming", "correlated",
        EQ_CAP_STRATEGIC | ON_TREES | EQ_CAP_NPLAYER | EQ_CAP_EXACT | EQ_CAP_MIXED |
        EQ_CAP_OBJECTIVE | EQ_CAP_DISTRIBUTION | EQ_CAP_SENSITIVITY,
        eqi_solve_correlated, eqi_tree_solve_correlated, eqi_part_correlated, NULL, NULL },
    [EQ_METHOD_QRE] = {
        "qre", "a Nash equilibrium as the limit of the logit quantal response path, "
        "any number of players", "logit-limit",
        EQ_CAP_STRATEGIC | ON_TREES | EQ_CAP_NPLAYER | EQ_CAP_MIXED | EQ_CAP_PATH,
        eqi_solve_qre, eqi_tree_solve_via_reduced, eqi_part_via_reduced, NULL, NULL },
    [EQ_METHOD_SEQUENTIAL] = {
        "sequential", "a sequential equilibrium of a tree with perfect recall, with its "
        "beliefs, as the limit of the agent logit quantal response path", "sequential",
        EQ_CAP_TREE_WHOLE | EQ_CAP_NPLAYER | EQ_CAP_MIXED,
        NULL, eqi_tree_solve_sequential, NULL, NULL, NULL },
    [EQ_METHOD_PBE] = {
        "pbe", "every pure weak perfect Bayesian equilibrium of a tree, with the beliefs "
        "that support it off the path", "pure weak perfect Bayesian",
        EQ_CAP_TREE_WHOLE | EQ_CAP_STAGE | EQ_CAP_NPLAYER | EQ_CAP_ALL,
        NULL, eqi_tree_solve_pbe, eqi_part_pbe, NULL, NULL },
};

#define NMETHODS ((int)(sizeof table / sizeof table[0]))

const eqi_method *eqi_method_get(eq_method m)
{
    if ((int)m < 0 || (int)m >= NMETHODS || table[m].name == NULL)
        return NULL;
    return &table[m];
}

int eq_method_count(void) { return NMETHODS; }

const char *eq_method_name(eq_method m)
{
    const eqi_method *M = eqi_method_get(m);
    return M ? M->name : NULL;
}

const char *eq_method_summary(eq_method m)
{
    const eqi_method *M = eqi_method_get(m);
    return M ? M->summary : NULL;
}

unsigned eq_method_caps(eq_method m)
{
    const eqi_method *M = eqi_method_get(m);
    return M ? M->caps : 0u;
}

int eq_method_from_name(const char *name)
{
    if (name == NULL)
        return -1;
    for (int i = 0; i < NMETHODS; i++)
        if (table[i].name != NULL && strcmp(name, table[i].name) == 0)
            return i;
    return -1;
}

eq_method eq_method_default_subgame(const eq_tree *t)
{
    return (t != NULL && t->n == 2) ? EQ_METHOD_ENUM : EQ_METHOD_PURE;
}

/* Append "a, b or c" style: item k of n. */
static void list_item(char *buf, size_t len, size_t *used, int k, int n, const char *s)
{
    const char *sep = k == 0 ? "" : k == n - 1 ? " or " : ", ";
    if (*used < len)
        *used += (size_t)snprintf(buf + *used, len - *used, "%s%s", sep, s);
}

void eqi_method_list(unsigned caps, char *buf, size_t len)
{
    int n = 0, k = 0;
    size_t used = 0;
    if (len == 0)
        return;
    buf[0] = '\0';
    for (int i = 0; i < NMETHODS; i++)
        if (table[i].name != NULL && (table[i].caps & caps) == caps)
            n++;
    for (int i = 0; i < NMETHODS; i++)
        if (table[i].name != NULL && (table[i].caps & caps) == caps)
            list_item(buf, len, &used, k++, n, table[i].name);
}

/* ---- does a method apply? -------------------------------------------- */

/* How many players have a choice in t: a set with two actions or more. */
static int players_with_choice(const eq_tree *t)
{
    int count = 0;
    for (int p = 0; p < t->n; p++)
        for (int h = 0; h < t->niset; h++)
            if (t->iset[h].player == p && t->iset[h].nact > 1) {
                count++;
                break;
            }
    return count;
}

/* Whether row M's capabilities let it take g; the reason into why (may be
** NULL).  The row's own check comes after (full_ok). */
static eq_status game_ok(const eqi_method *M, const eq_game *g, char *why, size_t len)
{
    if (!(M->caps & EQ_CAP_STRATEGIC)) {
        if (why != NULL)
            snprintf(why, len, "method '%s' needs a game tree (.efg or .game), not a "
                     "strategic-form game", M->name);
        return EQ_ERR_UNSUPPORTED;
    }
    if (!(M->caps & EQ_CAP_NPLAYER) && g->n != 2) {
        if (why != NULL)
            snprintf(why, len, "method '%s' needs a two-player game; this one has %d "
                     "player%s", M->name, g->n, g->n == 1 ? "" : "s");
        return EQ_ERR_UNSUPPORTED;
    }
    return EQ_OK;
}

/* The same for the finished tree t. */
static eq_status tree_ok(const eqi_method *M, const eq_tree *t, char *why, size_t len)
{
    unsigned kinds = EQ_CAP_TREE_REDUCED | EQ_CAP_TREE_SEQFORM | EQ_CAP_TREE_SUBGAMES |
                     EQ_CAP_TREE_WHOLE;
    if (!(M->caps & kinds) || M->tree == NULL) {
        if (why != NULL)
            snprintf(why, len, "method '%s' does not apply to a game tree", M->name);
        return EQ_ERR_UNSUPPORTED;
    }
    if ((M->caps & EQ_CAP_TREE_SEQFORM) && t->n != 2) {
        if (why != NULL)
            snprintf(why, len, "method '%s' works on the sequence form, which needs "
                     "exactly two players; this tree has %d", M->name, t->n);
        return EQ_ERR_UNSUPPORTED;
    }
    if (!(M->caps & EQ_CAP_NPLAYER) && players_with_choice(t) > 2) {
        if (why != NULL)
            snprintf(why, len, "method '%s' needs a two-player game; in this tree %d "
                     "players have a choice", M->name, players_with_choice(t));
        return EQ_ERR_UNSUPPORTED;
    }
    return EQ_OK;
}

/* Whether row M applies to g (or, g NULL, to t): capabilities, then the
** row's own check. */
static eq_status full_ok(const eqi_method *M, const eq_game *g, const eq_tree *t,
                         char *why, size_t len)
{
    eq_status s = g != NULL ? game_ok(M, g, why, len) : tree_ok(M, t, why, len);
    if (s != EQ_OK)
        return s;
    if (g != NULL && M->check_game != NULL)
        return M->check_game(g, why, len);
    if (g == NULL && M->check_tree != NULL)
        return M->check_tree(t, why, len);
    return EQ_OK;
}

/* ": use a, b or c" after the reason in why: every method that applies. */
static void suggest(const eq_game *g, const eq_tree *t, char *why, size_t len)
{
    const char *ok[sizeof table / sizeof table[0]];
    int n = 0;
    size_t used = strlen(why);
    for (int i = 0; i < NMETHODS; i++)
        if (table[i].name != NULL && full_ok(&table[i], g, t, NULL, 0) == EQ_OK)
            ok[n++] = table[i].name;
    if (n == 0 || used + 8 >= len)
        return;
    used += (size_t)snprintf(why + used, len - used, ": use ");
    for (int k = 0; k < n; k++)
        list_item(why, len, &used, k, n, ok[k]);
}

/* Start a reply: why emptied; an unknown method or a NULL game is an
** argument error. */
static eq_status start(eq_method m, const void *game, const char *what, char *why,
                       size_t len, const eqi_method **M)
{
    if (why != NULL && len > 0)
        why[0] = '\0';
    *M = eqi_method_get(m);
    if (*M == NULL) {
        if (why != NULL && len > 0)
            snprintf(why, len, "method number %d is none of the %d methods (0 to %d)",
                     (int)m, NMETHODS, NMETHODS - 1);
        return EQ_ERR_ARG;
    }
    if (game == NULL) {
        if (why != NULL && len > 0)
            snprintf(why, len, "%s is NULL", what);
        return EQ_ERR_ARG;
    }
    return EQ_OK;
}

/* The reply for g or t: the reason, and the methods to use instead
** unless the row's own check gave its own advice. */
static eq_status reply(const eqi_method *M, const eq_game *g, const eq_tree *t,
                       char *why, size_t len)
{
    char *w = (why != NULL && len > 0) ? why : NULL;
    eq_status s = g != NULL ? game_ok(M, g, w, len) : tree_ok(M, t, w, len);
    if (s == EQ_ERR_UNSUPPORTED && w != NULL)
        suggest(g, t, w, len);
    if (s == EQ_OK)
        s = full_ok(M, g, t, w, len);
    return s;
}

eq_status eq_method_check_game(eq_method m, const eq_game *g, char *why, size_t len)
{
    const eqi_method *M;
    eq_status s = start(m, g, "game", why, len, &M);
    return s != EQ_OK ? s : reply(M, g, NULL, why, len);
}

eq_status eq_method_check_tree(eq_method m, const eq_tree *t, char *why, size_t len)
{
    const eqi_method *M;
    eq_status s = start(m, t, "tree", why, len, &M);
    if (s != EQ_OK)
        return s;
    if (!t->finished) {
        if (why != NULL && len > 0)
            snprintf(why, len, "the tree is not finished (call eq_tree_finish first)");
        return EQ_ERR_ARG;
    }
    return reply(M, NULL, t, why, len);
}
