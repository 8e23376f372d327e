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
** play never gets there), each player's
** expected payoff, how many subgame-perfect equilibria there are and how
** far their war probabilities differ, and for every interval parameter the
** values at which the outcome -- the path or the war probability --
** changes -- the set of nodes the equilibrium reaches, that is the moves
** taken, not merely a probability that moves with the parameter -- found
** on a grid of the parameter's domain and refined by bisection to 1e-6 of
** the domain's width, the other parameters held at their defaults.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _XOPEN_SOURCE 700
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "equilib.h"
#include "paths.h"
#include "report.h"

#define GRID 64            /* grid points per parameter before bisection */
#define MAXTHR 16          /* thresholds kept per parameter */

/* One solved instance: what the report prints about it. */
typedef struct outcome {
    char path[1024];       /* the equilibrium path in words */
    double war;            /* probability of renewed war */
    double war_in_force;   /* the same from the node named "postwar" on,
                              under the equilibrium's strategies; NAN if
                              the model has no such node */
    double pay[EQ_MAX_PLAYERS];
    int count;             /* subgame-perfect equilibria (with --all); 0:
                              not counted, since correlated stages have a
                              continuum of equilibria */
    double war_lo, war_hi; /* their range of war probabilities */
    double force_lo, force_hi; /* and of the war probability in force */
    char rule[256];
    unsigned long long sig;  /* which nodes the equilibrium reaches */
    int ok;
} outcome;

/* The concept, as the model declares it unless the command line says
** otherwise. */
typedef struct concept {
    int sub;               /* subgame method, -1: the model's */
    int coarse;            /* with sub correlated: coarse stages */
} concept;

/* The tree options for m under c. */
static void concept_opts(const eq_model *m, const concept *c, eq_tree_opts *o)
{
    eq_tree_opts_init(o);
    eq_model_equilibrium(m, o);        /* the model's declared concept */
    if (c->sub >= 0)
        o->subgame_method = (eq_method)c->sub;
    o->coarse = c->coarse;
}

typedef struct threshold {
    int param;
    double at;
    char below[1024], above[1024];
    double war_below, war_above;
} threshold;

static int starts_with(const char *s, const char *p)
{
    return s != NULL && strncmp(s, p, strlen(p)) == 0;
}

/* The path of equilibrium k from the root, following every move taken with
** probability one and stopping at the first mixed move. */
static void path_words(const eq_tree *t, const eq_tree_result *r, int k, char *buf,
                       size_t len)
{
    int v = 0;
    size_t used = 0;
    buf[0] = '\0';
    while (eq_tree_node_kind(t, v) == EQ_NODE_DECISION ||
           eq_tree_node_kind(t, v) == EQ_NODE_CHANCE) {
        int next = -1, n = eq_tree_node_children(t, v), taken = 0;
        const char *who = eq_tree_node_kind(t, v) == EQ_NODE_CHANCE
                              ? "chance" : eq_tree_player_name(t, eq_tree_node_player(t, v));
        double pv = eq_tree_result_reach(r, k, v);
        used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s ",
                                 used ? "; " : "", who);
        for (int a = 0; a < n; a++) {
            int c = eq_tree_child(t, v, a);
            double p = pv > 0 ? eq_tree_result_reach(r, k, c) / pv : 0.0;
            if (p < 1e-9)
                continue;
            if (taken++)
                used += (size_t)snprintf(buf + used, used < len ? len - used : 0, " or ");
            used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s",
                                     eq_tree_node_action_name(t, v, a));
            if (p < 1 - 1e-9)
                used += (size_t)snprintf(buf + used, used < len ? len - used : 0, " (%.3g)", p);
            next = c;
        }
        if (taken != 1 || used >= len)
            return;          /* mixed: the path branches here */
        v = next;
    }
    if (eq_tree_node_kind(t, v) == EQ_NODE_TERMINAL && used < len)
        snprintf(buf + used, len - used, "; outcome %s",
                 eq_tree_node_label(t, v) ? eq_tree_node_label(t, v) : "(unnamed)");
}

/* Probability of ending in a war terminal from node v on, under
** equilibrium k's behaviour strategies, whether or not play reaches v. */
static double war_from(const eq_tree *t, const eq_tree_result *r, int k, int v)
{
    double w = 0.0;
    switch (eq_tree_node_kind(t, v)) {
    case EQ_NODE_TERMINAL:
        return starts_with(eq_tree_node_label(t, v), "war") ? 1.0 : 0.0;
    case EQ_NODE_CHANCE:
        for (int a = 0; a < eq_tree_node_children(t, v); a++)
            w += eq_tree_chance_prob(t, v, a) * war_from(t, r, k, eq_tree_child(t, v, a));
        return w;
    case EQ_NODE_DECISION: {
        const double *b = eq_tree_result_behaviour(r, k, eq_tree_node_infoset(t, v));
        for (int a = 0; a < eq_tree_node_children(t, v); a++)
            if (b[a] > 0)
                w += b[a] * war_from(t, r, k, eq_tree_child(t, v, a));
        return w;
    }
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

/* Solve m at values; with all, also count the SPEs.  tree is reused. */
static int solve_at(const eq_model *m, const concept *c, const double *values,
                    eq_tree **tree, int all, outcome *o, char *err, size_t errlen)
{
    eq_diag d;
    eq_tree_opts opts;
    eq_tree_result *r = NULL;
    int stages;
    memset(o, 0, sizeof *o);
    if (eq_model_instantiate(m, values, tree, &d) != EQ_OK) {
        snprintf(err, errlen, "%s", d.message);
        return -1;
    }
    concept_opts(m, c, &opts);
    if (eq_tree_solve(*tree, &opts, &r) != EQ_OK || eq_tree_result_count(r) < 1) {
        snprintf(err, errlen, "%s", r ? eq_tree_result_errmsg(r) : "out of memory");
        eq_tree_result_free(r);
        return -1;
    }
    path_words(*tree, r, 0, o->path, sizeof o->path);
    o->war = war_probability(*tree, r, 0);
    o->war_in_force = war_in_force(*tree, r, 0);
    /* The outcome's signature: the set of nodes reached with positive
    ** probability (FNV-1a over their numbers).  A chance probability that
    ** moves with a parameter changes the war probability continuously
    ** but not this set; a change of strategy does. */
    o->sig = 1469598103934665603ull;
    for (int v = 0; v < eq_tree_nodes(*tree); v++)
        if (eq_tree_result_reach(r, 0, v) > 1e-9) {
            o->sig ^= (unsigned long long)v + 1;
            o->sig *= 1099511628211ull;
        }
    for (int p = 0; p < eq_tree_players(*tree); p++)
        o->pay[p] = eq_tree_result_payoff(r, 0, p);
    /* The concept in full: spe, the subgame method it used (the default:
    ** enum for two players, pure for more) and the selection rule. */
    snprintf(o->rule, sizeof o->rule, "subgame-perfect, subgames solved by %s; %s",
             eq_method_name(opts.subgame_method >= 0 ? opts.subgame_method
                            : eq_tree_players(*tree) == 2 ? EQ_METHOD_ENUM : EQ_METHOD_PURE),
             eq_tree_result_selection(r));
    stages = eq_tree_result_stages(r, 0);
    eq_tree_result_free(r);
    r = NULL;
    o->count = 1;
    o->war_lo = o->war_hi = o->war;
    o->force_lo = o->force_hi = o->war_in_force;
    if (stages > 0)
        o->count = 0;
    else if (all) {
        concept_opts(m, c, &opts);
        opts.all = 1;
        opts.max_equilibria = 1000;
        if (eq_tree_solve(*tree, &opts, &r) == EQ_OK && eq_tree_result_count(r) > 0) {
            o->count = eq_tree_result_count(r);
            for (int k = 0; k < o->count; k++) {
                double w = war_probability(*tree, r, k), f = war_in_force(*tree, r, k);
                if (w < o->war_lo) o->war_lo = w;
                if (w > o->war_hi) o->war_hi = w;
                if (f < o->force_lo) o->force_lo = f;
                if (f > o->force_hi) o->force_hi = f;
            }
        }
        eq_tree_result_free(r);
    }
    o->ok = 1;
    return 0;
}

/* Same outcome: the same nodes reached (so the same moves taken). */
static int same_outcome(const outcome *a, const outcome *b)
{
    return a->ok == b->ok && a->sig == b->sig;
}

/* The values of parameter k in [lo, hi] where the outcome changes. */
static int thresholds(const eq_model *m, const concept *cn, const double *base, int k,
                      eq_tree **tree,
                      threshold *out, int max)
{
    double lo = eq_model_param_lo(m, k), hi = eq_model_param_hi(m, k);
    double *v = malloc(((size_t)eq_model_params(m) + 1) * sizeof *v);
    outcome prev, cur;
    double xprev = lo;
    int found = 0;
    char err[512];
    if (v == NULL || !(hi > lo)) {
        free(v);
        return 0;
    }
    memcpy(v, base, (size_t)eq_model_params(m) * sizeof *v);
    v[k] = lo;
    if (solve_at(m, cn, v, tree, 0, &prev, err, sizeof err) != 0)
        prev.ok = 0;
    for (int i = 1; i <= GRID && found < max; i++) {
        double x = lo + (hi - lo) * i / GRID;
        v[k] = x;
        if (solve_at(m, cn, v, tree, 0, &cur, err, sizeof err) != 0)
            cur.ok = 0;
        if (!same_outcome(&prev, &cur)) {
            /* Bisect [xprev, x] keeping the outcomes at both ends. */
            double a = xprev, b = x;
            outcome oa = prev, ob = cur, mid;
            while (b - a > 1e-6 * (hi - lo)) {
                double c = 0.5 * (a + b);
                v[k] = c;
                if (solve_at(m, cn, v, tree, 0, &mid, err, sizeof err) != 0)
                    mid.ok = 0;
                if (same_outcome(&mid, &oa)) {
                    a = c;
                    oa = mid;
                } else {
                    b = c;
                    ob = mid;
                }
            }
            /* A change at the very edge of the domain (a probability
            ** that is zero only at its bound) is no threshold inside it. */
            if (0.5 * (a + b) - lo < 1e-4 * (hi - lo) || hi - 0.5 * (a + b) < 1e-4 * (hi - lo)) {
                prev = cur;
                xprev = x;
                continue;
            }
            out[found].param = k;
            out[found].at = 0.5 * (a + b);
            snprintf(out[found].below, sizeof out[found].below, "%s", oa.ok ? oa.path : "(no equilibrium)");
            snprintf(out[found].above, sizeof out[found].above, "%s", ob.ok ? ob.path : "(no equilibrium)");
            out[found].war_below = oa.war;
            out[found].war_above = ob.war;
            found++;
        }
        prev = cur;
        xprev = x;
    }
    free(v);
    return found;
}

/* Output helpers for the formats. */
typedef enum fmt { F_TEXT, F_MD, F_TEX, F_CSV, F_JSON } fmt;

static void tex_escape(const char *s)
{
    for (; *s; s++) {
        if (strchr("_&%$#{}", *s))
            printf("\\%c", *s);
        else if (*s == '~')
            printf("\\textasciitilde{}");
        else if (*s == '^')
            printf("\\textasciicircum{}");
        else if (*s == '\\')
            printf("\\textbackslash{}");
        else
            putchar(*s);
    }
}

static void json_str(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            printf("\\u%04x", (unsigned char)*s);
        else
            putchar(*s);
    }
    putchar('"');
}

static void csv_str(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static int report_usage(void)
{
    fprintf(stderr, "usage: equilib report [FILE.game...] [--format text|md|tex|csv|json]\n"
                    "                      [--sub METHOD] [--coarse]\n"
                    "With no FILE, the shipped models/*.game ($EQUILIB_MODELS, else\n"
                    "PREFIX/share/equilib/models beside the program, else the source tree's).\n"
                    "--sub overrides the models' subgame method (e.g. correlated: what a\n"
                    "mediator's joint recommendations achieve at each stage).\n");
    return 2;
}

int cmd_report(int argc, char **argv)
{
    const char *files[64];
    int nfiles = 0, rc = 0, first_json = 1;
    fmt f = F_TEXT;
    glob_t gl;
    int globbed = 0;
    concept cn = { -1, 0 };

    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0) {
            const char *v = i + 1 < argc ? argv[++i] : "";
            if (!strcmp(v, "text")) f = F_TEXT;
            else if (!strcmp(v, "md") || !strcmp(v, "markdown")) f = F_MD;
            else if (!strcmp(v, "tex") || !strcmp(v, "latex")) f = F_TEX;
            else if (!strcmp(v, "csv")) f = F_CSV;
            else if (!strcmp(v, "json")) f = F_JSON;
            else {
                fprintf(stderr, "equilib: unknown format '%s' (text, md, tex, csv or json)\n", v);
                return report_usage();
            }
        } else if (strcmp(argv[i], "--sub") == 0) {
            const char *v = i + 1 < argc ? argv[++i] : NULL;
            if (v == NULL) {
                fprintf(stderr, "equilib: --sub needs a method\n");
                return report_usage();
            }
            cn.sub = eq_method_from_name(v);
            if (cn.sub < 0 || cn.sub == EQ_METHOD_SPE) {
                fprintf(stderr, "equilib: unknown subgame method '%s'\n", v);
                return report_usage();
            }
        } else if (strcmp(argv[i], "--coarse") == 0) {
            cn.coarse = 1;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "equilib: unknown option '%s'\n", argv[i]);
            return report_usage();
        } else if (nfiles < 64) {
            files[nfiles++] = argv[i];
        }
    }
    if (nfiles == 0) {
        char pat[8192];
        if (eqt_models_glob(pat, sizeof pat, "*.game") == NULL ||
            glob(pat, 0, NULL, &gl) != 0 || gl.gl_pathc == 0) {
            fprintf(stderr, "equilib: report: no FILE given and no shipped models "
                            "found (looked in %s)\n", pat);
            return report_usage();
        }
        globbed = 1;
        for (size_t i = 0; i < gl.gl_pathc && nfiles < 64; i++)
            files[nfiles++] = gl.gl_pathv[i];
    }
    if (f == F_CSV)
        printf("model,timing,path,war_probability,war_in_force,equilibria,war_lo,war_hi,payoffs,thresholds\n");
    if (f == F_JSON)
        printf("[");
    if (f == F_MD)
        printf("| model | timing | equilibrium path | P(renewed war) | P(war) once in force | SPEs | payoffs |\n"
               "|---|---|---|---|---|---|---|\n");
    if (f == F_TEX)
        printf("\\begin{tabular}{llp{6cm}rrrl}\n\\toprule\nModel & Timing & Equilibrium path & "
               "$P(\\text{war})$ & In force & SPEs & Payoffs \\\\\n\\midrule\n");

    for (int fi = 0; fi < nfiles; fi++) {
        eq_model *m = NULL;
        eq_diag d;
        double *vals;
        int np, kt;
        if (eq_model_read(&m, files[fi], &d) != EQ_OK) {
            fprintf(stderr, "%s\n", d.message);
            rc = 2;
            continue;
        }
        np = eq_model_params(m);
        vals = malloc(((size_t)np + 1) * sizeof *vals);
        if (vals == NULL || eq_model_defaults(m, vals) != EQ_OK) {
            free(vals);
            eq_model_free(m);
            return 1;
        }
        kt = eq_model_param_index(m, "timing");
        if (kt >= 0 && !eq_model_param_is_enum(m, kt))
            kt = -1;
        for (int ch = 0; ch < (kt >= 0 ? eq_model_param_choices(m, kt) : 1); ch++) {
            eq_tree *t = NULL;
            outcome o;
            char err[512], pays[512];
            threshold thr[MAXTHR * 8];
            int nthr = 0;
            const char *timing = kt >= 0 ? eq_model_param_choice(m, kt, ch) : "-";
            if (kt >= 0)
                vals[kt] = ch;
            if (solve_at(m, &cn, vals, &t, 1, &o, err, sizeof err) != 0) {
                fprintf(stderr, "equilib: %s (timing %s): %s\n", files[fi], timing, err);
                eq_tree_free(t);
                rc = 1;
                continue;
            }
            {
                size_t u = 0;
                pays[0] = '\0';
                for (int p = 0; p < eq_model_players(m); p++)
                    u += (size_t)snprintf(pays + u, u < sizeof pays ? sizeof pays - u : 0,
                                          "%s%s %.4g", p ? ", " : "",
                                          eq_model_player_name(m, p), o.pay[p]);
            }
            for (int k = 0; k < np && nthr < MAXTHR * 7; k++)
                if (!eq_model_param_is_enum(m, k))
                    nthr += thresholds(m, &cn, vals, k, &t, thr + nthr, MAXTHR);
            if (kt >= 0)
                vals[kt] = eq_model_param_default(m, kt);
            switch (f) {
            case F_TEXT:
                printf("%s\n  model: %s\n  timing: %s\n  equilibrium: %s\n",
                       eq_model_title(m), files[fi], timing, o.rule);
                printf("  path: %s\n  probability of renewed war: %.4g\n", o.path, o.war);
                if (!isnan(o.war_in_force))
                    printf("  probability of renewed war once the option is in force: %.4g\n",
                           o.war_in_force);
                printf("  payoffs: %s\n", pays);
                if (o.count > 1) {
                    printf("  note: %d subgame-perfect equilibria; their war probabilities "
                           "range over [%.4g, %.4g]", o.count, o.war_lo, o.war_hi);
                    if (!isnan(o.war_in_force))
                        printf(", and once in force over [%.4g, %.4g]", o.force_lo, o.force_hi);
                    printf("\n");
                }
                else if (o.count == 1)
                    printf("  subgame-perfect equilibria: 1\n");
                else
                    printf("  subgame-perfect equilibria: not counted (a correlated stage has a "
                           "continuum of equilibria; the one shown is optimal for the "
                           "selection rule)\n");
                printf("  thresholds (other parameters at their defaults):%s\n",
                       nthr ? "" : " none: the outcome is the same over every domain");
                for (int i = 0; i < nthr; i++)
                    printf("    %s = %.6g: below, %s (war %.4g); above, %s (war %.4g)\n",
                           eq_model_param_name(m, thr[i].param), thr[i].at, thr[i].below,
                           thr[i].war_below, thr[i].above, thr[i].war_above);
                putchar('\n');
                break;
            case F_MD:
                printf("| %s | %s | %s | %.4g | ", eq_model_title(m), timing, o.path, o.war);
                if (isnan(o.war_in_force))
                    printf("– ");
                else
                    printf("%.4g ", o.war_in_force);
                if (o.count > 0)
                    printf("| %d | %s |\n", o.count, pays);
                else
                    printf("| – | %s |\n", pays);
                break;
            case F_TEX:
                tex_escape(eq_model_title(m));
                printf(" & ");
                tex_escape(timing);
                printf(" & ");
                tex_escape(o.path);
                printf(" & %.4g & ", o.war);
                if (isnan(o.war_in_force))
                    printf("--");
                else
                    printf("%.4g", o.war_in_force);
                if (o.count > 0)
                    printf(" & %d & ", o.count);
                else
                    printf(" & -- & ");
                tex_escape(pays);
                printf(" \\\\\n");
                break;
            case F_CSV:
                csv_str(files[fi]);
                printf(",%s,", timing);
                csv_str(o.path);
                printf(",%.10g,", o.war);
                if (!isnan(o.war_in_force))
                    printf("%.10g", o.war_in_force);
                if (o.count > 0)
                    printf(",%d,%.10g,%.10g,", o.count, o.war_lo, o.war_hi);
                else
                    printf(",,,,");
                csv_str(pays);
                putchar(',');
                {
                    char tb[4096];
                    size_t u = 0;
                    tb[0] = '\0';
                    for (int i = 0; i < nthr; i++)
                        u += (size_t)snprintf(tb + u, u < sizeof tb ? sizeof tb - u : 0,
                                              "%s%s=%.6g", i ? "; " : "",
                                              eq_model_param_name(m, thr[i].param), thr[i].at);
                    csv_str(tb);
                }
                putchar('\n');
                break;
            case F_JSON:
                printf("%s\n  {\"model\": ", first_json ? "" : ",");
                first_json = 0;
                json_str(files[fi]);
                printf(", \"title\": ");
                json_str(eq_model_title(m));
                printf(", \"timing\": ");
                json_str(timing);
                printf(", \"equilibrium\": ");
                json_str(o.rule);
                printf(",\n   \"path\": ");
                json_str(o.path);
                printf(", \"war_probability\": %.10g, \"war_in_force\": ", o.war);
                if (isnan(o.war_in_force))
                    printf("null");
                else
                    printf("%.10g", o.war_in_force);
                if (o.count > 0)
                    printf(", \"equilibria\": %d, "
                           "\"war_range\": [%.10g, %.10g],\n   \"payoffs\": {",
                           o.count, o.war_lo, o.war_hi);
                else
                    printf(", \"equilibria\": null, \"war_range\": null,\n   \"payoffs\": {");
                for (int p = 0; p < eq_model_players(m); p++) {
                    printf("%s", p ? ", " : "");
                    json_str(eq_model_player_name(m, p));
                    printf(": %.10g", o.pay[p]);
                }
                printf("},\n   \"thresholds\": [");
                for (int i = 0; i < nthr; i++) {
                    printf("%s{\"parameter\": ", i ? ", " : "");
                    json_str(eq_model_param_name(m, thr[i].param));
                    printf(", \"at\": %.10g, \"war_below\": %.10g, \"war_above\": %.10g}",
                           thr[i].at, thr[i].war_below, thr[i].war_above);
                }
                printf("]}");
                break;
            }
            eq_tree_free(t);
        }
        free(vals);
        eq_model_free(m);
    }
    if (f == F_JSON)
        printf("\n]\n");
    if (f == F_TEX)
        printf("\\bottomrule\n\\end{tabular}\n");
    if (globbed)
        globfree(&gl);
    return rc;
}
