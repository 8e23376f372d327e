/*
** api.c -- the embedding interface: options by name (one table of the
** options of eq_solve_opts, eq_tree_opts and eq_analysis, so bindings
** never mirror a struct), solving a model in one call, and lookup of a
** tree's nodes, information sets, players and actions by name.
**
** The table is the only list of option names in the library.  Each row
** parses its value once when it is set (so a typo fails at once, with a
** message naming the choices), and applies it when the options are turned
** into a struct for a given game, tree or model (so player and action
** names are resolved against that game's names).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"
#include "methods.h"
#include "sensitivity/sens.h"

/* ---- the table --------------------------------------------------------- */

/* What a row's apply function fills, and the names it resolves against:
** so (strategic options, g its game), to (tree options, names of t or of
** m), a (analysis).  Each may be NULL: a row only touches what it owns,
** and with no names to resolve against it checks the syntax alone. */
typedef struct ctx {
    eq_solve_opts *so;
    eq_tree_opts *to;
    eq_analysis *a;
    eq_limits *lim;
    const eq_game *g;
    const eq_tree *t;
    const eq_model *m;
} ctx;

typedef eq_status (*apply_fn)(const char *name, const char *v, ctx *c, char *err);

typedef struct opt_row {
    const char *name;
    unsigned scope;      /* EQ_OPTION_* */
    apply_fn apply;
    const char *help;
} opt_row;

static eq_status bad(char *err, const char *name, const char *v, const char *expect)
{
    return eqi_error(err, EQ_ERR_ARG, "option %s: '%s' is not %s", name, v, expect);
}

static int parse_bool(const char *v, int *out)
{
    static const char *const yes[] = { "1", "true", "yes", "on" };
    static const char *const no[] = { "0", "false", "no", "off" };
    for (int i = 0; i < 4; i++) {
        if (strcmp(v, yes[i]) == 0)
            return *out = 1, 0;
        if (strcmp(v, no[i]) == 0)
            return *out = 0, 0;
    }
    return -1;
}

/* An integer in [lo, hi], the whole text. */
static int parse_int(const char *v, long lo, long hi, int *out)
{
    char *end;
    long x;
    errno = 0;
    x = strtol(v, &end, 10);
    if (end == v || *end != '\0' || errno != 0 || x < lo || x > hi)
        return -1;
    *out = (int)x;
    return 0;
}

/* The index of the player named name of whichever game c has, or -1;
** -2 when c has no names to look in. */
static int player_of(const ctx *c, const char *name, size_t len)
{
    char buf[256];
    if (len >= sizeof buf)
        return -1;
    memcpy(buf, name, len);
    buf[len] = '\0';
    if (c->g != NULL) {
        for (int p = 0; p < eq_game_players(c->g); p++)
            if (strcmp(eq_game_player_name(c->g, p), buf) == 0)
                return p;
        return -1;
    }
    if (c->t != NULL)
        return eq_tree_find_player(c->t, buf);
    if (c->m != NULL)
        return eq_model_player_index(c->m, buf);
    return -2;
}

/* A player named in an option that is being applied to a struct, with no
** game to look the name up in. */
static eq_status no_names(char *err, const char *name)
{
    return eqi_error(err, EQ_ERR_ARG, "option %s: a player's name needs the game to "
                     "resolve it against", name);
}

static eq_status ap_method(const char *name, const char *v, ctx *c, char *err)
{
    int m = eq_method_from_name(v);
    if (m < 0) {
        char list[256];
        eqi_method_list(0, list, sizeof list);
        return eqi_error(err, EQ_ERR_ARG, "option %s: unknown method '%s' (%s)", name, v,
                         list);
    }
    if (c->so != NULL)
        c->so->method = (eq_method)m;
    if (c->to != NULL)
        c->to->method = (eq_method)m;
    return EQ_OK;
}

static eq_status ap_sub(const char *name, const char *v, ctx *c, char *err)
{
    int m = strcmp(v, "default") == 0 ? -1 : eq_method_from_name(v);
    if (m < 0 && strcmp(v, "default") != 0) {
        char list[256];
        eqi_method_list(EQ_CAP_STAGE, list, sizeof list);
        return eqi_error(err, EQ_ERR_ARG, "option %s: '%s' is not a subgame method (%s, "
                         "or default)", name, v, list);
    }
    if (m >= 0 && !(eq_method_caps((eq_method)m) & EQ_CAP_STAGE)) {
        char list[256];
        eqi_method_list(EQ_CAP_STAGE, list, sizeof list);
        return eqi_error(err, EQ_ERR_ARG, "option %s: method '%s' cannot solve a subgame "
                         "(%s, or default)", name, v, list);
    }
    if (c->to != NULL)
        c->to->subgame_method = (eq_method)m;
    return EQ_OK;
}

/* The flags: one function, the field chosen by the option's name. */
static eq_status ap_flag(const char *name, const char *v, ctx *c, char *err)
{
    int b;
    if (parse_bool(v, &b) != 0)
        return bad(err, name, v, "a truth value (true, false, 1, 0, yes, no, on, off)");
    if (strcmp(name, "exact") == 0) {
        if (c->so) c->so->exact = b;
        if (c->to) c->to->exact = b;
    } else if (strcmp(name, "all") == 0) {
        if (c->to) c->to->all = b;
    } else if (strcmp(name, "perfect") == 0) {
        if (c->to) c->to->perfect = b;
    } else if (strcmp(name, "unique") == 0) {
        if (c->so) c->so->unique = b;
    } else if (strcmp(name, "coarse") == 0) {
        if (c->so) c->so->coarse = b;
        if (c->to) c->to->coarse = b;
    } else if (strcmp(name, "sensitivity") == 0) {
        if (c->so) c->so->sensitivity = b;
    } else if (strcmp(name, "minimize") == 0) {
        if (c->so) c->so->maximize = !b;
    } else if (strcmp(name, "maximize") == 0) {
        if (c->so) c->so->maximize = b;
    } else if (c->a != NULL) {   /* count, clamps: measures */
        unsigned bit = strcmp(name, "count") == 0 ? EQ_MEASURE_COUNT : EQ_MEASURE_CLAMPS;
        unsigned now = c->a->measures;
        eq_analysis_set_measures(c->a, b ? (now | bit) : (now & ~bit));
    }
    return EQ_OK;
}

/* The counts: max, label, threads, jobs, grid. */
static eq_status ap_count(const char *name, const char *v, ctx *c, char *err)
{
    int x;
    if (strcmp(name, "max") == 0) {
        if (parse_int(v, 0, 1000000000L, &x) != 0)
            return bad(err, name, v, "a count >= 0 (0: no limit)");
        if (c->so) c->so->max_equilibria = x;
        if (c->to) c->to->max_equilibria = x;
    } else if (strcmp(name, "label") == 0) {
        if (parse_int(v, -1, 1000000000L, &x) != 0)
            return bad(err, name, v, "a label >= 0, or -1 for every label");
        if (c->so) c->so->lemke_label = x;
    } else if (strcmp(name, "threads") == 0) {
        if (parse_int(v, 0, 4096, &x) != 0)
            return bad(err, name, v, "a thread count, 0 to 4096 (0: one per processor)");
        if (c->so) c->so->threads = x;
    } else if (strcmp(name, "jobs") == 0) {
        if (parse_int(v, 0, 4096, &x) != 0)
            return bad(err, name, v, "a thread count, 0 to 4096 (0: one per processor)");
        if (c->a) eq_analysis_set_threads(c->a, x);
    } else {   /* grid */
        if (parse_int(v, 2, 100000000L, &x) != 0)
            return bad(err, name, v, "a number of grid intervals >= 2");
        if (c->a) eq_analysis_set_grid(c->a, x);
    }
    return EQ_OK;
}

static eq_status ap_tol(const char *name, const char *v, ctx *c, char *err)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end != '\0' || !isfinite(x) || x <= 0.0 || x >= 1.0)
        return bad(err, name, v, "a tolerance between 0 and 1");
    if (c->so) c->so->tol = x;
    if (c->to) c->to->tol = x;
    return EQ_OK;
}

/* The limits: time_limit, max_pivots, max_vertices (eq_limits). */
static eq_status ap_limit(const char *name, const char *v, ctx *c, char *err)
{
    char *end;
    errno = 0;
    if (strcmp(name, "time_limit") == 0) {
        double x = strtod(v, &end);
        if (end == v || *end != '\0' || !isfinite(x) || x < 0.0)
            return bad(err, name, v, "a number of seconds >= 0 (0: no limit)");
        if (c->lim) c->lim->time_limit = x;
    } else {
        long long x = strtoll(v, &end, 10);
        if (end == v || *end != '\0' || errno != 0 || x < 0)
            return bad(err, name, v, "a count >= 0 (0: no limit)");
        if (c->lim && strcmp(name, "max_pivots") == 0) c->lim->max_pivots = x;
        else if (c->lim) c->lim->max_vertices = x;
    }
    return EQ_OK;
}

static eq_status ap_objective(const char *name, const char *v, ctx *c, char *err)
{
    if (strcmp(v, "welfare") == 0) {
        if (c->so) c->so->objective = EQ_OBJ_WELFARE;
        return EQ_OK;
    }
    if (strncmp(v, "player:", 7) == 0 && v[7] != '\0') {
        int p = player_of(c, v + 7, strlen(v + 7));
        if (p == -1)
            return eqi_error(err, EQ_ERR_ARG, "option %s: no player named '%s'", name,
                             v + 7);
        if (p == -2 && c->so != NULL)
            return no_names(err, name);
        if (c->so) c->so->objective = EQ_OBJ_PLAYER, c->so->obj_player = p;
        return EQ_OK;
    }
    if (strncmp(v, "action:", 7) == 0) {
        const char *pn = v + 7, *colon = strchr(pn, ':');
        if (colon != NULL && colon > pn && colon[1] != '\0') {
            int p = player_of(c, pn, (size_t)(colon - pn)), a = 0;
            if (p == -1)
                return eqi_error(err, EQ_ERR_ARG, "option %s: no player named '%.*s'",
                                 name, (int)(colon - pn), pn);
            if (p == -2 && c->so != NULL)
                return no_names(err, name);
            if (p >= 0 && c->g != NULL && (a = eq_game_find_action(c->g, p, colon + 1)) < 0)
                return eqi_error(err, EQ_ERR_ARG, "option %s: %s has no action '%s'",
                                 name, eq_game_player_name(c->g, p), colon + 1);
            if (c->so) c->so->objective = EQ_OBJ_ACTION, c->so->obj_player = p,
                       c->so->obj_action = a;
            return EQ_OK;
        }
    }
    return bad(err, name, v, "welfare, player:NAME or action:PLAYER:ACTION");
}

static eq_status ap_select(const char *name, const char *v, ctx *c, char *err)
{
    if (strcmp(v, "welfare") == 0 || strcmp(v, "first") == 0) {
        if (c->to)
            c->to->select = v[0] == 'w' ? EQ_SELECT_WELFARE : EQ_SELECT_FIRST;
        return EQ_OK;
    }
    if (strncmp(v, "player:", 7) == 0 && v[7] != '\0') {
        int p = player_of(c, v + 7, strlen(v + 7));
        if (p == -1)
            return eqi_error(err, EQ_ERR_ARG, "option %s: no player named '%s'", name,
                             v + 7);
        if (p == -2 && c->to != NULL)
            return no_names(err, name);
        if (c->to) c->to->select = EQ_SELECT_PLAYER, c->to->select_player = p;
        return EQ_OK;
    }
    if (strncmp(v, "min:", 4) == 0 && v[4] != '\0') {
        /* Borrowed from the text the options keep. */
        if (c->to) c->to->select = EQ_SELECT_MIN_ACTION, c->to->select_action = v + 4;
        return EQ_OK;
    }
    return bad(err, name, v, "welfare, first, player:NAME or min:ACTION");
}

static eq_status ap_refine(const char *name, const char *v, ctx *c, char *err)
{
    eq_refine r;
    if (strcmp(v, "none") == 0)
        r = EQ_REFINE_NONE;
    else if (strcmp(v, "intuitive") == 0)
        r = EQ_REFINE_INTUITIVE;
    else if (strcmp(v, "d1") == 0)
        r = EQ_REFINE_D1;
    else
        return bad(err, name, v, "none, intuitive or d1");
    if (c->to)
        c->to->refine = r;
    return EQ_OK;
}

#define G EQ_OPTION_GAME
#define T EQ_OPTION_TREE
#define A EQ_OPTION_ANALYSIS

static const opt_row rows[] = {
    { "method", G | T, ap_method,
      "the method: enum (default) for a strategic game, spe for a tree or the model's "
      "declared concept; any name of eq_method_name" },
    { "sub", T, ap_sub,
      "spe: the method for each subgame's simultaneous or imperfect-information part, "
      "or default (enum for two players, pure for more)" },
    { "select", T, ap_select,
      "spe: pick one equilibrium by welfare (default), first, player:NAME or min:ACTION" },
    { "all", T, ap_flag, "spe: every subgame-perfect equilibrium (default false)" },
    { "refine", T, ap_refine, "pbe: none (default), intuitive or d1" },
    { "perfect", T, ap_flag, "lemke on a two-player tree: a quasi-perfect equilibrium, "
      "with beliefs (default false)" },
    { "exact", G | T, ap_flag, "exact rational arithmetic (default false)" },
    { "max", G | T, ap_count, "stop after this many equilibria (default 0: no limit)" },
    { "tol", G | T, ap_tol, "tolerance of floating-point tests (default 1e-9)" },
    { "coarse", G | T, ap_flag, "correlated: coarse correlated equilibria (default false)" },
    { "label", G, ap_count, "lemke: the starting label (default -1: every label)" },
    { "objective", G, ap_objective,
      "mip, correlated: welfare (default), player:NAME or action:PLAYER:ACTION" },
    { "minimize", G, ap_flag, "mip, correlated: minimise the objective (default false)" },
    { "maximize", G, ap_flag, "mip, correlated: maximise the objective (default true)" },
    { "unique", G, ap_flag, "mip: prove the equilibrium unique, or give a second one" },
    { "sensitivity", G, ap_flag, "zerosum, correlated: LP duals and ranges (default false)" },
    { "threads", G, ap_count, "enum: threads to search with (default 0: one per processor)" },
    { "jobs", A, ap_count, "sweeps: worker threads (default 1; 0: one per processor)" },
    { "count", A, ap_flag, "models: count the subgame-perfect equilibria (default false)" },
    { "clamps", A, ap_flag, "models: flag min/max clamps at their bound (default false)" },
    { "grid", A, ap_count, "breakpoints: grid intervals scanned before refining (default "
      "100)" },
    { "time_limit", G | T | A, ap_limit, "stop after this many seconds of wall-clock time "
      "(default 0: no limit); for a model, between the points of a sweep" },
    { "max_pivots", G | T, ap_limit, "lemke, sequence-form lemke: stop after this many "
      "pivots in all (default 0: no limit)" },
    { "max_vertices", G | T, ap_limit, "enum: stop after this many vertices of the "
      "polytopes (default 0: no limit)" },
};

#undef G
#undef T
#undef A

#define NROWS ((int)(sizeof rows / sizeof rows[0]))

int eq_option_count(void) { return NROWS; }

const char *eq_option_name(int i)
{
    return i >= 0 && i < NROWS ? rows[i].name : NULL;
}

const char *eq_option_help(int i)
{
    return i >= 0 && i < NROWS ? rows[i].help : NULL;
}

unsigned eq_option_scope(int i)
{
    return i >= 0 && i < NROWS ? rows[i].scope : 0u;
}

int eq_option_index(const char *name)
{
    if (name == NULL)
        return -1;
    for (int i = 0; i < NROWS; i++)
        if (strcmp(rows[i].name, name) == 0)
            return i;
    return -1;
}

/* ---- the handle -------------------------------------------------------- */

struct eq_options {
    char *text[sizeof rows / sizeof rows[0]];   /* the values set, or NULL */
    eq_cancel_fn cancel;    /* eq_options_set_cancel's, or NULL */
    void *cancel_ud;
    eq_limits limits;       /* filled when the options are applied; the
                               structs they fill borrow it */
    eqi_ce_ws *cews;        /* the correlated LP's memory, reused by
                               eq_solve_with and eq_tree_solve_with; made
                               at the first correlated solve, else NULL */
    char errmsg[EQI_ERRMAX];
};

eq_status eq_options_new(eq_options **out)
{
    if (out == NULL)
        return EQ_ERR_ARG;
    *out = calloc(1, sizeof **out);
    return *out != NULL ? EQ_OK : EQ_ERR_NOMEM;
}

void eq_options_free(eq_options *o)
{
    if (o == NULL)
        return;
    for (int i = 0; i < NROWS; i++)
        free(o->text[i]);
    eqi_ce_ws_free(o->cews);
    free(o);
}

const char *eq_options_errmsg(const eq_options *o)
{
    return o != NULL ? o->errmsg : "";
}

static void unset(eq_options *o, int i)
{
    free(o->text[i]);
    o->text[i] = NULL;
}

eq_status eq_options_set(eq_options *o, const char *name, const char *value)
{
    int i;
    char *copy;
    ctx none = { 0 };
    eq_status s;
    if (o == NULL)
        return EQ_ERR_ARG;
    o->errmsg[0] = '\0';
    if (name == NULL)
        return eqi_error(o->errmsg, EQ_ERR_ARG, "no option name");
    if ((i = eq_option_index(name)) < 0) {
        size_t used = (size_t)snprintf(o->errmsg, sizeof o->errmsg,
                                       "unknown option '%s' (", name);
        for (int k = 0; k < NROWS && used < sizeof o->errmsg; k++)
            used += (size_t)snprintf(o->errmsg + used, sizeof o->errmsg - used, "%s%s",
                                     k ? ", " : "", rows[k].name);
        if (used < sizeof o->errmsg)
            snprintf(o->errmsg + used, sizeof o->errmsg - used, ")");
        return EQ_ERR_ARG;
    }
    if (value == NULL) {
        unset(o, i);
        return EQ_OK;
    }
    if ((s = rows[i].apply(name, value, &none, o->errmsg)) != EQ_OK)
        return s;
    if ((copy = eqi_strdup(value)) == NULL)
        return eqi_error(o->errmsg, EQ_ERR_NOMEM, "out of memory");
    unset(o, i);
    o->text[i] = copy;
    /* minimize and maximize are one field: the later one holds. */
    if (strcmp(name, "minimize") == 0)
        unset(o, eq_option_index("maximize"));
    else if (strcmp(name, "maximize") == 0)
        unset(o, eq_option_index("minimize"));
    return EQ_OK;
}

const char *eq_options_get(const eq_options *o, const char *name)
{
    int i = eq_option_index(name);
    return o != NULL && i >= 0 ? o->text[i] : NULL;
}

eq_status eq_options_set_cancel(eq_options *o, eq_cancel_fn fn, void *ud)
{
    if (o == NULL)
        return EQ_ERR_ARG;
    o->errmsg[0] = '\0';
    o->cancel = fn;
    o->cancel_ud = fn != NULL ? ud : NULL;
    return EQ_OK;
}

/* Start o's limits afresh for applying the options into c: the callback,
** and no limit until a row sets one. */
static void limits_start(eq_options *o, ctx *c)
{
    eq_limits_init(&o->limits);
    o->limits.cancel = o->cancel;
    o->limits.cancel_ud = o->cancel_ud;
    c->lim = &o->limits;
}

/* Whether o bounds a call at all: a callback or a limit option set. */
static int limits_used(const eq_options *o)
{
    return o->cancel != NULL || o->text[eq_option_index("time_limit")] != NULL
           || o->text[eq_option_index("max_pivots")] != NULL
           || o->text[eq_option_index("max_vertices")] != NULL;
}

/* Apply every option set within scope; an option set outside it is an
** error (never ignored), named with what it applies to. */
static eq_status apply_all(eq_options *o, unsigned scope, ctx *c, const char *what)
{
    for (int i = 0; i < NROWS; i++) {
        eq_status s;
        if (o->text[i] == NULL)
            continue;
        if (!(rows[i].scope & scope))
            return eqi_error(o->errmsg, EQ_ERR_ARG, "option %s does not apply to %s",
                             rows[i].name, what);
        if ((s = rows[i].apply(rows[i].name, o->text[i], c, o->errmsg)) != EQ_OK)
            return s;
    }
    return EQ_OK;
}

eq_status eq_options_solve_opts(eq_options *o, const eq_game *g, eq_solve_opts *out)
{
    ctx c = { 0 };
    if (o == NULL || out == NULL)
        return EQ_ERR_ARG;
    o->errmsg[0] = '\0';
    eq_status s;
    eq_solve_opts_init(out);
    c.so = out;
    c.g = g;
    limits_start(o, &c);
    if ((s = apply_all(o, EQ_OPTION_GAME, &c, "a strategic-form game")) != EQ_OK)
        return s;
    if (limits_used(o))
        out->limits = &o->limits;
    return EQ_OK;
}

eq_status eq_options_tree_opts(eq_options *o, const eq_model *m, const eq_tree *t,
                               eq_tree_opts *out)
{
    ctx c = { 0 };
    eq_status s;
    if (o == NULL || out == NULL)
        return EQ_ERR_ARG;
    o->errmsg[0] = '\0';
    eq_tree_opts_init(out);
    if (m != NULL)
        eq_model_equilibrium(m, out);
    c.to = out;
    c.t = t;
    c.m = t == NULL ? m : NULL;
    limits_start(o, &c);
    if ((s = apply_all(o, EQ_OPTION_TREE, &c, "a game tree")) != EQ_OK)
        return s;
    if (limits_used(o))
        out->limits = &o->limits;
    return EQ_OK;
}

eq_status eq_analysis_use_options(eq_analysis *a, eq_options *o)
{
    eq_tree_opts to;
    ctx c = { 0 };
    eq_status s;
    if (a == NULL || o == NULL)
        return EQ_ERR_ARG;
    o->errmsg[0] = '\0';
    eq_tree_opts_init(&to);
    eq_model_equilibrium(eq_analysis_model(a), &to);
    c.to = &to;
    c.a = a;
    c.m = eq_analysis_model(a);
    limits_start(o, &c);
    if ((s = apply_all(o, EQ_OPTION_TREE | EQ_OPTION_ANALYSIS, &c, "a model")) != EQ_OK)
        return s;
    /* A sweep polls time_limit and the callback between its points; the
    ** pivot and vertex limits bound one solve, which a model's points do
    ** not take (eq_analysis_set_tree_opts drops limits): an error, never
    ** ignored. */
    if (o->text[eq_option_index("max_pivots")] != NULL
        || o->text[eq_option_index("max_vertices")] != NULL)
        return eqi_error(o->errmsg, EQ_ERR_ARG, "option %s does not apply to a model "
                         "(only time_limit bounds a sweep, between its points)",
                         o->text[eq_option_index("max_pivots")] != NULL ? "max_pivots"
                                                                       : "max_vertices");
    if ((s = eq_analysis_set_tree_opts(a, &to)) != EQ_OK)
        return eqi_error(o->errmsg, s, "%s", eq_analysis_errmsg(a));
    if (limits_used(o) && (s = eq_analysis_set_limits(a, &o->limits)) != EQ_OK)
        return eqi_error(o->errmsg, s, "%s", eq_analysis_errmsg(a));
    return EQ_OK;
}

/* o's correlated workspace, made at its first use; NULL when there is no
** memory for it (the solve then uses memory of its own: no error). */
static eqi_ce_ws *handle_ws(eq_options *o)
{
    if (o->cews == NULL && eqi_ce_ws_new(&o->cews) != EQ_OK)
        o->cews = NULL;
    return o->cews;
}

eq_status eq_solve_with(const eq_game *g, eq_options *o, eq_result **out)
{
    eq_solve_opts so;
    eq_status s;
    if (out == NULL)
        return EQ_ERR_ARG;
    *out = NULL;
    if (o != NULL && (s = eq_options_solve_opts(o, g, &so)) != EQ_OK)
        return s;
    if (o == NULL)
        s = eq_solve(g, NULL, out);
    else if (so.method == EQ_METHOD_CORRELATED)
        s = eqi_solve_ws(g, &so, handle_ws(o), out);
    else
        s = eq_solve(g, &so, out);
    if (s != EQ_OK && o != NULL)
        eqi_error(o->errmsg, s, "%s", *out != NULL ? eq_result_errmsg(*out)
                                                   : "out of memory");
    return s;
}

eq_status eq_tree_solve_with(const eq_tree *t, eq_options *o, eq_tree_result **out)
{
    eq_tree_opts to;
    eq_status s;
    if (out == NULL)
        return EQ_ERR_ARG;
    *out = NULL;
    if (o != NULL && (s = eq_options_tree_opts(o, NULL, t, &to)) != EQ_OK)
        return s;
    if (o == NULL)
        s = eq_tree_solve(t, NULL, out);
    else if (to.method == EQ_METHOD_CORRELATED ||
             (to.method == EQ_METHOD_SPE && to.subgame_method == EQ_METHOD_CORRELATED))
        s = eqi_tree_solve_ws(t, &to, handle_ws(o), out);
    else
        s = eq_tree_solve(t, &to, out);
    if (s != EQ_OK && o != NULL)
        eqi_error(o->errmsg, s, "%s", *out != NULL ? eq_tree_result_errmsg(*out)
                                                   : "out of memory");
    return s;
}

/* ---- a model in one call ------------------------------------------------- */

eq_status eq_model_solve(const eq_model *m, const double *values, eq_options *o,
                         eq_point **out)
{
    eq_analysis *a = NULL;
    eq_status s;
    if (out == NULL)
        return EQ_ERR_ARG;
    *out = NULL;
    if (m == NULL)
        return EQ_ERR_ARG;
    if ((s = eq_point_new(out, m)) != EQ_OK)
        return s;
    if ((s = eq_analysis_new(&a, m)) != EQ_OK) {
        eqi_point_fail(*out, s, "out of memory");
        return s;
    }
    if (o != NULL && (s = eq_analysis_use_options(a, o)) != EQ_OK) {
        eqi_point_fail(*out, s, o->errmsg);
        eq_analysis_free(a);
        return s;
    }
    s = eq_point_solve(*out, a, values);
    if (s != EQ_OK && o != NULL)
        eqi_error(o->errmsg, s, "%s", eq_point_errmsg(*out));
    eq_analysis_free(a);
    return s;
}

/* ---- lookup by name ---------------------------------------------------- */

int eq_tree_find_node(const eq_tree *t, const char *label)
{
    if (t == NULL || label == NULL)
        return -1;
    for (int v = 0; v < t->nnode; v++)
        if (t->node[v].label != NULL && strcmp(t->node[v].label, label) == 0)
            return v;
    return -1;
}

int eq_tree_find_infoset(const eq_tree *t, const char *label)
{
    if (t == NULL || label == NULL)
        return -1;
    for (int h = 0; h < t->niset; h++)
        if (t->iset[h].label != NULL && strcmp(t->iset[h].label, label) == 0)
            return h;
    return -1;
}

int eq_tree_find_player(const eq_tree *t, const char *name)
{
    if (t == NULL || name == NULL)
        return -1;
    for (int p = 0; p < t->n; p++)
        if (t->pname[p] != NULL && strcmp(t->pname[p], name) == 0)
            return p;
    return -1;
}

int eq_tree_find_action(const eq_tree *t, int infoset, const char *name)
{
    if (t == NULL || name == NULL || infoset < 0 || infoset >= t->niset)
        return -1;
    for (int a = 0; a < t->iset[infoset].nact; a++)
        if (strcmp(t->iset[infoset].aname[a], name) == 0)
            return a;
    return -1;
}

int eq_game_find_player(const eq_game *g, const char *name)
{
    if (g == NULL || name == NULL)
        return -1;
    for (int p = 0; p < eq_game_players(g); p++)
        if (strcmp(eq_game_player_name(g, p), name) == 0)
            return p;
    return -1;
}
