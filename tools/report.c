/*
** report.c -- `equilib report [FILE.game...]`: the security options side
** by side.
**
** For each model and each choice of its `timing` parameter (when it has
** one), the report solves the model at its defaults for its subgame-perfect
** equilibria and gives: the equilibrium path in words, the probability of
** renewed war (the probability of reaching a terminal node whose name
** starts with "war", the convention of the shipped models) and, where the
** model has a node named "postwar", the same probability from there on
** under the equilibrium's strategies (the option once in force, even when
** play never gets there), each player's expected payoff, how many
** subgame-perfect equilibria there are and how far their war probabilities
** differ, and for every interval parameter the values at which the outcome
** -- the set of nodes the equilibrium reaches, that is the moves taken,
** not merely a probability that moves with the parameter -- changes,
** found on a grid of the parameter's domain and refined by bisection to
** 1e-6 of the domain's width, the other parameters held at their defaults.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _XOPEN_SOURCE 700
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "out_json.h"
#include "out_table.h"
#include "paths.h"

#define GRID 64            /* grid points per parameter before bisection */
#define MAX_SPES 1000      /* SPEs counted at most (said when reached) */

/* One solved instance: what the report prints about it. */
typedef struct outcome {
    char *path;            /* the equilibrium path in words; NULL unless asked */
    double war;            /* probability of renewed war */
    double war_in_force;   /* the same from the node named "postwar" on,
                              under the equilibrium's strategies; NAN if
                              the model has no such node */
    double pay[EQ_MAX_PLAYERS];
    int count;             /* subgame-perfect equilibria (when counted); 0:
                              not counted, since correlated stages have a
                              continuum of equilibria */
    int count_capped;      /* the count stopped at MAX_SPES */
    double war_lo, war_hi; /* their range of war probabilities */
    double force_lo, force_hi; /* and of the war probability in force */
    char *rule;            /* the concept in words; NULL unless asked */
    const char *kind;      /* "subgame-perfect", "sequential" or "pbe" */
    unsigned long long sig;  /* which nodes the equilibrium reaches */
    int ok;
} outcome;

/* What solve_at computes beyond the numbers. */
enum { WANT_WORDS = 1, WANT_COUNT = 2 };

/* The concept, as the model declares it unless the command line says
** otherwise. */
typedef struct concept {
    int sub;               /* subgame method, -1: the model's */
    int coarse;            /* with sub correlated: coarse stages */
} concept;

typedef struct threshold {
    int param;
    double at;
    char *below, *above;   /* the paths on either side */
    double war_below, war_above;
} threshold;

typedef struct thresholds {
    threshold *v;
    int n, cap;
} thresholds;

static void outcome_free(outcome *o)
{
    free(o->path);
    free(o->rule);
    o->path = o->rule = NULL;
}

static void thresholds_free(thresholds *th)
{
    for (int i = 0; i < th->n; i++) {
        free(th->v[i].below);
        free(th->v[i].above);
    }
    free(th->v);
    memset(th, 0, sizeof *th);
}

/* The tree options for m under c. */
static void concept_opts(const eq_model *m, const concept *c, eq_tree_opts *o)
{
    eq_tree_opts_init(o);
    eq_model_equilibrium(m, o);        /* the model's declared concept */
    if (c->sub >= 0)
        o->subgame_method = (eq_method)c->sub;
    o->coarse = c->coarse;
}

static int starts_with(const char *s, const char *p)
{
    return s != NULL && strncmp(s, p, strlen(p)) == 0;
}

/* The path of equilibrium k from the root, following every move taken with
** probability one and stopping at the first mixed move. */
static void path_words(const eq_tree *t, const eq_tree_result *r, int k, sbuf *b)
{
    int v = 0;
    while (eq_tree_node_kind(t, v) == EQ_NODE_DECISION ||
           eq_tree_node_kind(t, v) == EQ_NODE_CHANCE) {
        int next = -1, taken = 0;
        double pv = eq_tree_result_reach(r, k, v);
        sb_printf(b, "%s%s ", b->len ? "; " : "",
                  eq_tree_node_kind(t, v) == EQ_NODE_CHANCE
                      ? "chance" : eq_tree_player_name(t, eq_tree_node_player(t, v)));
        for (int a = 0; a < eq_tree_node_children(t, v); a++) {
            int c = eq_tree_child(t, v, a);
            double p = pv > 0 ? eq_tree_result_reach(r, k, c) / pv : 0.0;
            if (p < 1e-9)
                continue;
            sb_printf(b, "%s%s", taken++ ? " or " : "", eq_tree_node_action_name(t, v, a));
            if (p < 1 - 1e-9)
                sb_printf(b, " (%.3g)", p);
            next = c;
        }
        if (taken != 1)
            return;          /* mixed: the path branches here */
        v = next;
    }
    if (eq_tree_node_kind(t, v) == EQ_NODE_TERMINAL)
        sb_printf(b, "; outcome %s",
                  eq_tree_node_label(t, v) ? eq_tree_node_label(t, v) : "(unnamed)");
}

/* Probability of ending in a war terminal from node v on, under
** equilibrium k's behaviour strategies, whether or not play reaches v. */
static double war_from(const eq_tree *t, const eq_tree_result *r, int k, int v)
{
    double w = 0.0;
    const double *b;
    switch (eq_tree_node_kind(t, v)) {
    case EQ_NODE_TERMINAL:
        return starts_with(eq_tree_node_label(t, v), "war") ? 1.0 : 0.0;
    case EQ_NODE_CHANCE:
        for (int a = 0; a < eq_tree_node_children(t, v); a++)
            w += eq_tree_chance_prob(t, v, a) * war_from(t, r, k, eq_tree_child(t, v, a));
        return w;
    case EQ_NODE_DECISION:
        b = eq_tree_result_behaviour(r, k, eq_tree_node_infoset(t, v));
        for (int a = 0; a < eq_tree_node_children(t, v); a++)
            if (b[a] > 0)
                w += b[a] * war_from(t, r, k, eq_tree_child(t, v, a));
        return w;
    default:
        return 0.0;
    }
}

static double war_in_force(const eq_tree *t, const eq_tree_result *r, int k)
{
    for (int v = 0; v < eq_tree_nodes(t); v++)
        if (eq_tree_node_label(t, v) && strcmp(eq_tree_node_label(t, v), "postwar") == 0)
            return war_from(t, r, k, v);
    return NAN;
}

static double war_probability(const eq_tree *t, const eq_tree_result *r, int k)
{
    double w = 0.0;
    for (int v = 0; v < eq_tree_nodes(t); v++)
        if (eq_tree_node_kind(t, v) == EQ_NODE_TERMINAL &&
            starts_with(eq_tree_node_label(t, v), "war"))
            w += eq_tree_result_reach(r, k, v);
    return w;
}

/* A malloc'd copy of b's text (NULL when out of memory, noted by sbuf). */
static char *sb_take(sbuf *b)
{
    char *s = malloc(b->len + 1);
    if (s != NULL)
        memcpy(s, sb_str(b), b->len + 1);
    sb_free(b);
    return s;
}

/* With WANT_COUNT: every SPE, to count them and range their war
** probabilities. */
static void count_spes(const eq_model *m, const concept *c, const eq_tree *tree, outcome *o)
{
    eq_tree_opts opts;
    eq_tree_result *r = NULL;
    concept_opts(m, c, &opts);
    opts.all = 1;
    opts.max_equilibria = MAX_SPES;
    if (eq_tree_solve(tree, &opts, &r) == EQ_OK && eq_tree_result_count(r) > 0) {
        o->count = eq_tree_result_count(r);
        o->count_capped = eq_tree_result_solution(r) == EQ_SOL_PARTIAL;
        for (int k = 0; k < o->count; k++) {
            double w = war_probability(tree, r, k), f = war_in_force(tree, r, k);
            o->war_lo = fmin(o->war_lo, w);
            o->war_hi = fmax(o->war_hi, w);
            o->force_lo = fmin(o->force_lo, f);
            o->force_hi = fmax(o->force_hi, f);
        }
    }
    eq_tree_result_free(r);
}

/* The outcome's signature: the set of nodes reached with positive
** probability (FNV-1a over their numbers).  A chance probability that
** moves with a parameter changes the war probability continuously but not
** this set; a change of strategy does. */
static unsigned long long signature(const eq_tree *t, const eq_tree_result *r)
{
    unsigned long long sig = 1469598103934665603ull;
    for (int v = 0; v < eq_tree_nodes(t); v++)
        if (eq_tree_result_reach(r, 0, v) > 1e-9) {
            sig ^= (unsigned long long)v + 1;
            sig *= 1099511628211ull;
        }
    return sig;
}

/* The subgame method spe used: the one asked for, else the default. */
static const char *subgame_name(const eq_tree_opts *o, const eq_tree *t)
{
    return eq_method_name((int)o->subgame_method >= 0 ? o->subgame_method
                                                       : eq_method_default_subgame(t));
}

/* Solve m at values (the tree is reused); want: WANT_* bits.  Returns 0,
** or -1 with the reason in err. */
static int solve_at(const eq_model *m, const concept *c, const double *values,
                    eq_tree **tree, unsigned want, outcome *o, sbuf *err)
{
    eq_diag d;
    eq_tree_opts opts;
    eq_tree_result *r = NULL;
    int stages;
    memset(o, 0, sizeof *o);
    if (eq_model_instantiate(m, values, tree, &d) != EQ_OK) {
        sb_printf(err, "%s", d.message);
        return -1;
    }
    concept_opts(m, c, &opts);
    if (eq_tree_solve(*tree, &opts, &r) != EQ_OK || eq_tree_result_count(r) < 1) {
        if (r != NULL && eq_tree_result_errmsg(r)[0] == '\0')
            sb_printf(err, "no subgame-perfect equilibrium with the subgames solved by %s "
                      "(try --sub with another method)",
                      subgame_name(&opts, *tree));
        else
            sb_printf(err, "%s", r ? eq_tree_result_errmsg(r) : "out of memory");
        eq_tree_result_free(r);
        return -1;
    }
    o->war = war_probability(*tree, r, 0);
    o->war_in_force = war_in_force(*tree, r, 0);
    o->sig = signature(*tree, r);
    for (int p = 0; p < eq_tree_players(*tree); p++)
        o->pay[p] = eq_tree_result_payoff(r, 0, p);
    o->kind = opts.method == EQ_METHOD_SPE ? "subgame-perfect" : eq_method_name(opts.method);
    if (want & WANT_WORDS) {
        sbuf b = { 0 };
        path_words(*tree, r, 0, &b);
        o->path = sb_take(&b);
        /* The concept in full: spe, the subgame method it used and the
        ** selection rule. */
        if (opts.method == EQ_METHOD_SPE)
            sb_printf(&b, "subgame-perfect, subgames solved by %s; %s",
                      subgame_name(&opts, *tree), eq_tree_result_selection(r));
        else    /* a model declaring sequential or pbe */
            sb_printf(&b, "%s; %s", eq_method_name(opts.method),
                      eq_tree_result_selection(r));
        o->rule = sb_take(&b);
    }
    stages = eq_tree_result_stages(r, 0);
    eq_tree_result_free(r);
    o->count = stages > 0 ? 0 : 1;
    o->war_lo = o->war_hi = o->war;
    o->force_lo = o->force_hi = o->war_in_force;
    if (stages == 0 && (want & WANT_COUNT))
        count_spes(m, c, *tree, o);
    o->ok = 1;
    return 0;
}

/* Same outcome: the same nodes reached (so the same moves taken). */
static int same_outcome(const outcome *a, const outcome *b)
{
    return a->ok == b->ok && a->sig == b->sig;
}

/* The path at x in words, for a threshold's sides. */
static char *path_at(const eq_model *m, const concept *cn, double *v, int k, double x,
                     eq_tree **tree, double *war)
{
    outcome o;
    sbuf err = { 0 };
    char *s;
    v[k] = x;
    if (solve_at(m, cn, v, tree, WANT_WORDS, &o, &err) != 0) {
        sb_free(&err);
        *war = NAN;
        return strdup("(no equilibrium)");
    }
    *war = o.war;
    s = o.path;
    o.path = NULL;
    outcome_free(&o);
    return s;
}

/* Record a threshold between a and b of parameter k. */
static int add_threshold(thresholds *th, const eq_model *m, const concept *cn, double *v,
                         int k, double a, double b, eq_tree **tree)
{
    threshold *x;
    if (th->n == th->cap) {
        int cap = th->cap ? 2 * th->cap : 16;
        threshold *p = realloc(th->v, (size_t)cap * sizeof *p);
        if (p == NULL)
            return -1;
        th->v = p;
        th->cap = cap;
    }
    x = &th->v[th->n++];
    x->param = k;
    x->at = 0.5 * (a + b);
    x->below = path_at(m, cn, v, k, a, tree, &x->war_below);
    x->above = path_at(m, cn, v, k, b, tree, &x->war_above);
    return x->below && x->above ? 0 : -1;
}

/* Outcome at v with v[k] = x; not ok when there is no equilibrium. */
static void outcome_at(const eq_model *m, const concept *cn, double *v, int k, double x,
                       eq_tree **tree, outcome *o)
{
    sbuf err = { 0 };
    v[k] = x;
    if (solve_at(m, cn, v, tree, 0, o, &err) != 0)
        o->ok = 0;
    sb_free(&err);
}

/* Every value of parameter k in its domain where the outcome changes:
** appended to th.  Returns 0, or -1 when out of memory. */
static int find_thresholds(const eq_model *m, const concept *cn, const double *base, int k,
                           eq_tree **tree, thresholds *th)
{
    double lo = eq_model_param_lo(m, k), hi = eq_model_param_hi(m, k), xprev = lo;
    double *v = malloc(((size_t)eq_model_params(m) + 1) * sizeof *v);
    outcome prev, cur;
    int rc = 0;
    if (v == NULL)
        return -1;
    if (!(hi > lo)) {
        free(v);
        return 0;
    }
    memcpy(v, base, (size_t)eq_model_params(m) * sizeof *v);
    outcome_at(m, cn, v, k, lo, tree, &prev);
    for (int i = 1; i <= GRID && rc == 0; i++) {
        double x = lo + (hi - lo) * i / GRID;
        outcome_at(m, cn, v, k, x, tree, &cur);
        if (!same_outcome(&prev, &cur)) {
            /* Bisect [xprev, x] keeping the outcomes at both ends. */
            double a = xprev, b = x;
            outcome oa = prev, mid;
            while (b - a > 1e-6 * (hi - lo)) {
                double c = 0.5 * (a + b);
                outcome_at(m, cn, v, k, c, tree, &mid);
                if (same_outcome(&mid, &oa))
                    a = c;
                else
                    b = c;
            }
            /* A change at the very edge of the domain (a probability that
            ** is zero only at its bound) is no threshold inside it. */
            if (0.5 * (a + b) - lo >= 1e-4 * (hi - lo) && hi - 0.5 * (a + b) >= 1e-4 * (hi - lo))
                rc = add_threshold(th, m, cn, v, k, a, b, tree);
        }
        prev = cur;
        xprev = x;
    }
    free(v);
    return rc;
}

/* ---- output ---------------------------------------------------------- */

/* One row of the report: a model at one timing. */
typedef struct row {
    const char *file;
    const eq_model *m;
    const double *values;
    const char *timing;    /* NULL: the model has no timing parameter */
    const outcome *o;
    const thresholds *th;
} row;

static void payoff_words(const row *w, sbuf *b)
{
    for (int p = 0; p < eq_model_players(w->m); p++)
        sb_printf(b, "%s%s %.4g", p ? ", " : "", eq_model_player_name(w->m, p), w->o->pay[p]);
}

static void row_text(FILE *f, const row *w)
{
    const outcome *o = w->o;
    sbuf b = { 0 };
    payoff_words(w, &b);
    fprintf(f, "%s\n  model: %s\n  timing: %s\n  equilibrium: %s\n", eq_model_title(w->m),
            w->file, w->timing ? w->timing : "-", o->rule);
    fprintf(f, "  path: %s\n  probability of renewed war: %.4g\n", o->path, o->war);
    if (!isnan(o->war_in_force))
        fprintf(f, "  probability of renewed war once the option is in force: %.4g\n",
                o->war_in_force);
    fprintf(f, "  payoffs: %s\n", sb_str(&b));
    if (o->count > 1) {
        fprintf(f, "  note: %d%s %s equilibria; their war probabilities "
                   "range over [%.4g, %.4g]", o->count,
                o->count_capped ? " (the count's limit; there may be more)" : "",
                o->kind, o->war_lo, o->war_hi);
        if (!isnan(o->war_in_force))
            fprintf(f, ", and once in force over [%.4g, %.4g]", o->force_lo, o->force_hi);
        fputc('\n', f);
    } else if (o->count == 1) {
        fprintf(f, "  %s equilibria: 1\n", o->kind);
    } else {
        fputs("  subgame-perfect equilibria: not counted (a correlated stage has a "
              "continuum of equilibria; the one shown is optimal for the selection rule)\n", f);
    }
    fprintf(f, "  thresholds (other parameters at their defaults):%s\n",
            w->th->n ? "" : " none: the outcome is the same over every domain");
    for (int i = 0; i < w->th->n; i++) {
        const threshold *x = &w->th->v[i];
        char wb[32] = "none", wa[32] = "none";    /* NaN: no equilibrium */
        if (!isnan(x->war_below))
            snprintf(wb, sizeof wb, "%.4g", x->war_below);
        if (!isnan(x->war_above))
            snprintf(wa, sizeof wa, "%.4g", x->war_above);
        fprintf(f, "    %s = %.6g: below, %s (war %s); above, %s (war %s)\n",
                eq_model_param_name(w->m, x->param), x->at, x->below, wb, x->above, wa);
    }
    fputc('\n', f);
    sb_free(&b);
}

static const char *const csv_head[] = {
    "file", "title", "timing", "equilibrium", "path", "war_probability", "war_in_force",
    "equilibria", "war_lo", "war_hi", "payoffs", "thresholds"
};
static const char *const paper_head[] = {
    "model", "timing", "equilibrium path", "P(war)", "P(war) in force", "SPEs", "payoffs"
};

static void table_begin(table *t, FILE *f, fmt kind)
{
    if (kind == FMT_CSV)
        tab_begin(t, f, kind, 12, csv_head, "llllprrrrrpp");
    else
        tab_begin(t, f, kind, 7, paper_head, "pLpRRRp");
}

static void row_table(table *t, const row *w)
{
    const outcome *o = w->o;
    sbuf pay = { 0 }, thr = { 0 };
    payoff_words(w, &pay);
    if (t->kind == FMT_CSV) {
        tab_str(t, w->file);
        tab_str(t, eq_model_title(w->m));
        tab_str(t, w->timing);
        tab_str(t, o->rule);
    } else {
        tab_str(t, eq_model_title(w->m));
        tab_str(t, w->timing);
    }
    tab_str(t, o->path);
    tab_num(t, o->war);
    tab_num(t, o->war_in_force);     /* NAN: missing */
    if (o->count > 0)
        tab_int(t, o->count);
    else
        tab_empty(t);
    if (t->kind == FMT_CSV) {
        tab_num(t, o->count > 0 ? o->war_lo : NAN);
        tab_num(t, o->count > 0 ? o->war_hi : NAN);
    }
    tab_str(t, sb_str(&pay));
    if (t->kind == FMT_CSV) {
        /* A summary in words, as in the text (the JSON has the numbers). */
        for (int i = 0; i < w->th->n; i++)
            sb_printf(&thr, "%s%s=%.6g", i ? "; " : "",
                      eq_model_param_name(w->m, w->th->v[i].param), w->th->v[i].at);
        tab_str(t, sb_str(&thr));
    }
    tab_end_row(t);
    sb_free(&pay);
    sb_free(&thr);
}

static cJSON *json_range(int ok, double lo, double hi)
{
    cJSON *a;
    if (!ok || isnan(lo))
        return jnull();
    a = cJSON_CreateArray();
    jpush(a, jnum(lo));
    jpush(a, jnum(hi));
    return a;
}

static cJSON *row_json(const row *w)
{
    const outcome *o = w->o;
    cJSON *x = cJSON_CreateObject(), *pay, *th;
    jadd(x, "file", jstr(w->file));
    jadd(x, "title", jstr(eq_model_title(w->m)));
    jadd(x, "timing", jstr(w->timing));
    jadd(x, "parameters", jparams(w->m, w->values));
    jadd(x, "equilibrium", jstr(o->rule));
    jadd(x, "path", jstr(o->path));
    jadd(x, "war_probability", jnum(o->war));
    jadd(x, "war_in_force", jnum(o->war_in_force));   /* NAN: null */
    jadd(x, "equilibria", o->count > 0 ? jint(o->count) : jnull());
    jadd(x, "equilibria_complete", jbool(!o->count_capped));
    jadd(x, "war_range", json_range(o->count > 0, o->war_lo, o->war_hi));
    jadd(x, "war_in_force_range", json_range(o->count > 0, o->force_lo, o->force_hi));
    pay = jadd(x, "payoffs", cJSON_CreateObject());
    for (int p = 0; p < eq_model_players(w->m); p++)
        jadd(pay, eq_model_player_name(w->m, p), jnum(o->pay[p]));
    th = jadd(x, "thresholds", cJSON_CreateArray());
    for (int i = 0; i < w->th->n; i++) {
        const threshold *t = &w->th->v[i];
        cJSON *y = jpush(th, cJSON_CreateObject());
        jadd(y, "parameter", jstr(eq_model_param_name(w->m, t->param)));
        jadd(y, "at", jnum(t->at));
        jadd(y, "below", jstr(t->below));
        jadd(y, "above", jstr(t->above));
        jadd(y, "war_below", jnum(t->war_below));
        jadd(y, "war_above", jnum(t->war_above));
    }
    return x;
}

/* ---- the command ------------------------------------------------------- */

/* Where the report's rows go, in c->format. */
typedef struct report_out {
    fmt kind;
    FILE *f;
    table t;
    jw w;
} report_out;

static void out_begin(report_out *ro, const cli *c, FILE *f, const concept *cn)
{
    ro->kind = c->format;
    ro->f = f;
    if (ro->kind == FMT_JSON) {
        cJSON *files = cJSON_CreateArray(), *method = cJSON_CreateObject();
        for (int i = 0; i < c->nfiles; i++)
            jpush(files, jstr(c->files[i]));
        jadd(method, "name", jstr(eq_method_name(EQ_METHOD_SPE)));
        jadd(method, "subgame_method", cn->sub >= 0 ? jstr(eq_method_name((eq_method)cn->sub))
                                                    : jnull());
        jadd(method, "coarse", jbool(cn->coarse));
        jw_open(&ro->w, f);
        jw_head(&ro->w, "report");
        jw_put(&ro->w, "files", files);
        jw_put(&ro->w, "method", method);
        jw_array_open(&ro->w, "rows");
    } else if (ro->kind != FMT_TEXT) {
        table_begin(&ro->t, f, ro->kind);
    }
}

static void out_row(report_out *ro, const row *w)
{
    if (ro->kind == FMT_JSON)
        jw_item(&ro->w, row_json(w));
    else if (ro->kind == FMT_TEXT)
        row_text(ro->f, w);
    else
        row_table(&ro->t, w);
}

static void out_end(report_out *ro)
{
    if (ro->kind == FMT_JSON) {
        jw_array_close(&ro->w);
        if (jw_close(&ro->w) != 0)
            cli_error("out of memory while writing JSON");
    } else if (ro->kind != FMT_TEXT) {
        tab_end(&ro->t);
    }
}

/* One model at one timing choice ch (-1: no timing parameter). */
static int report_timing(report_out *ro, const char *file, const eq_model *m, double *vals,
                         int kt, int ch, const concept *cn)
{
    eq_tree *t = NULL;
    outcome o;
    thresholds th = { 0 };
    sbuf err = { 0 };
    row w = { file, m, vals, kt >= 0 ? eq_model_param_choice(m, kt, ch) : NULL, &o, &th };
    int rc = 0;
    if (kt >= 0)
        vals[kt] = ch;
    if (solve_at(m, cn, vals, &t, WANT_WORDS | WANT_COUNT, &o, &err) != 0) {
        cli_error("%s (timing %s): %s", file, w.timing ? w.timing : "-", sb_str(&err));
        sb_free(&err);
        eq_tree_free(t);
        return EXIT_NOTFOUND;
    }
    for (int k = 0; k < eq_model_params(m) && rc == 0; k++)
        if (!eq_model_param_is_enum(m, k) && find_thresholds(m, cn, vals, k, &t, &th) != 0) {
            cli_error("out of memory");
            rc = EXIT_USAGE;
        }
    if (rc == 0)
        out_row(ro, &w);
    if (kt >= 0)
        vals[kt] = eq_model_param_default(m, kt);
    thresholds_free(&th);
    outcome_free(&o);
    eq_tree_free(t);
    return rc;
}

static int report_model(report_out *ro, const cli *c, const char *file, const concept *cn)
{
    eq_model *m;
    double *vals;
    int kt, rc = load_model(file, c->input_format, &m);
    if (rc != 0)
        return rc;
    vals = malloc(((size_t)eq_model_params(m) + 1) * sizeof *vals);
    if (vals == NULL || eq_model_defaults(m, vals) != EQ_OK) {
        cli_error("out of memory");
        free(vals);
        eq_model_free(m);
        return EXIT_USAGE;
    }
    kt = eq_model_param_index(m, "timing");
    if (kt >= 0 && !eq_model_param_is_enum(m, kt))
        kt = -1;
    for (int ch = 0; ch < (kt >= 0 ? eq_model_param_choices(m, kt) : 1); ch++) {
        int r = report_timing(ro, file, m, vals, kt, kt >= 0 ? ch : -1, cn);
        rc = r > rc ? r : rc;
    }
    free(vals);
    eq_model_free(m);
    return rc;
}

int cmd_report(cli *c)
{
    concept cn = { c->sub, c->coarse };
    glob_t gl;
    cli all = *c;
    report_out ro;
    sink out;
    int rc = 0, globbed = 0;

    if (c->nfiles == 0) {
        /* The shipped models: $EQUILIB_MODELS, else the installed folder,
        ** else the source tree's (tools/paths.h). */
        char pat[8192];
        if (eqt_models_glob(pat, sizeof pat, "*.game") == NULL ||
            glob(pat, 0, NULL, &gl) != 0 || gl.gl_pathc == 0) {
            cli_usage_error(c->cmdname, "no FILE given and no shipped models found "
                            "(looked in %s)", pat);
            return EXIT_USAGE;
        }
        globbed = 1;
        all.files = (const char **)gl.gl_pathv;
        all.nfiles = (int)gl.gl_pathc;
    }
    if ((rc = sink_open(&out, &all)) == 0) {
        out_begin(&ro, &all, out.f, &cn);
        for (int i = 0; i < all.nfiles; i++) {
            int r = report_model(&ro, &all, all.files[i], &cn);
            rc = r > rc ? r : rc;
        }
        out_end(&ro);
        rc = sink_close(&out, rc);
    }
    if (globbed)
        globfree(&gl);
    return rc;
}
