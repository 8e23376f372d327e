/*
** report.c -- `equilib report [FILE.game...]`: the models side by side, in
** two tables made for a paper.  A thin layer over the library's
** sensitivity engine (eq_analysis, eq_point_solve, eq_model_breakpoints in
** include/equilib.h); this file only chooses what to solve and prints.
**
** With no FILE, the shipped models/ .game files but those that include another
** .game model (the per-option files over security.game, whose rows
** security.game has).
**
** The paper table: one row per model and combination of its named choices
** (every enumerated parameter, `option` x `timing` for security.game, the
** first varying slowest; one fixed by -p is not varied), solved at the
** other parameters' defaults and -p values for the selected equilibrium of
** the model's declared concept: its path in words, the probability of each
** outcome class the models declare (`class`), each player's expected
** payoff overall and once in force (see in_force_given: conditional on
** reaching the given's node or set of nodes, with that reach and the
** classes once in force; "not reached" where a set is never reached), the
** number of subgame-perfect equilibria, and the flags (ties, clamps) in
** words; where the concept gives beliefs, the beliefs that hold the
** equilibrium up (report_beliefs.c).
**
** (report_robust.c) The timing contrast (models with a named choice `timing` and an
** interval parameter `delay`): for each combination of the other choices,
** every timing at GRID delays evenly over delay's domain (P(war) = 1 -
** P(peace) and the classes), and the breakpoints in delay under each
** timing with the classes on either side.
**
** (report_robust.c) The ranking and the claims (models that declare `claim` lines): one
** study of the library's robust engine (eq_robust_*) with the model's
** combinations of choices as reported contexts: --samples (default
** REPORT_SAMPLES) Latin-hypercube samples, every interval parameter
** uniform over its domain.  The first varying choice (`option`) is ranked
** within each combination of the others by its mean P(war), with the share
** of samples in which it alone has the least war; each claim gets its
** share, 95% interval and the parameters with the largest first-order
** Sobol index.
**
** The thresholds table: for each interval parameter scanned (--vary NAME,
** else all of them) and each combination of choices, the parameter's
** baseline value and every breakpoint eq_model_breakpoints finds in its
** domain, the others held at the baseline: its value (the shortest
** decimal that reads back to it, and the exact fraction when the library
** verified one), the distance from the baseline in percent of the
** baseline, what changes there (the path before and after, the classes
** whose probability changes, the SPE count before, at and after it, "+"
** when the count stopped at its limit of 1000), and the flags.  A parameter
** with no breakpoint gets one row that says so.
**
** Formats: text, Markdown, LaTeX (one table per model for each, under a
** bold heading, as paragraphs, so that a long report breaks across pages)
** and JSON (one object per table) carry every section;
** CSV, one table per file, carries the paper table.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _XOPEN_SOURCE 700
#include <ctype.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "report.h"

/* Rows of a LaTeX thresholds table before it goes on in another. */
#define TEX_ROWS 6

/* Whether "NAME=VALUE" or "NAME=LO:HI" (or a bare NAME) names name. */
int rep_names(const char *spec, const char *name)
{
    size_t n = strcspn(spec, "=");
    return strlen(name) == n && strncmp(spec, name, n) == 0;
}

/* The parameter of m that spec names, or -1. */
static int param_of(const eq_model *m, const char *spec)
{
    for (int k = 0; k < eq_model_params(m); k++)
        if (rep_names(spec, eq_model_param_name(m, k)))
            return k;
    return -1;
}

/* The arrow between before and after: LaTeX's fonts have no ">". */
const char *rep_arrow(fmt kind)
{
    return kind == FMT_TEX ? " to " : (kind == FMT_TEXT || kind == FMT_JSON ? " -> " : " → ");
}

/* Append s with every "->" written as the format's arrow. */
static void put_arrows(sbuf *b, const char *s, fmt kind)
{
    const char *p;
    while ((p = strstr(s, " -> ")) != NULL) {
        sb_printf(b, "%.*s%s", (int)(p - s), s, rep_arrow(kind));
        s = p + 4;
    }
    sb_printf(b, "%s", s);
}

/* Set rm's scratch values to combination i of its choices (the first
** choice parameter varying slowest) and return them. */
double *rep_combo_values(rmodel *rm, long i)
{
    memcpy(rm->vals, rm->base, (size_t)eq_model_params(rm->m) * sizeof *rm->vals);
    for (int j = rm->nchoice - 1; j >= 0; j--) {
        int k = rm->choice[j], n = eq_model_param_choices(rm->m, k);
        rm->vals[k] = (double)(i % n);
        i /= n;
    }
    return rm->vals;
}

/* "option=membership, timing=after" for the current scratch values; "-"
** when the model has no choice to vary. */
static void combo_words(const rmodel *rm, sbuf *b)
{
    sb_clear(b);
    for (int j = 0; j < rm->nchoice; j++) {
        int k = rm->choice[j];
        sb_printf(b, "%s%s=%s", j ? ", " : "", eq_model_param_name(rm->m, k),
                  eq_model_param_choice(rm->m, k, (int)rm->vals[k]));
    }
    if (rm->nchoice == 0)
        sb_printf(b, "(no named choice)");
}

static cJSON *combo_json(const rmodel *rm)
{
    cJSON *o = cJSON_CreateObject();
    for (int j = 0; j < rm->nchoice; j++) {
        int k = rm->choice[j];
        jadd(o, eq_model_param_name(rm->m, k),
             jstr(eq_model_param_choice(rm->m, k, (int)rm->vals[k])));
    }
    return o;
}

/* The choices' values only, for LaTeX's narrow columns: "membership,
** before". */
static void combo_values_words(const rmodel *rm, sbuf *b)
{
    sb_clear(b);
    for (int j = 0; j < rm->nchoice; j++) {
        int k = rm->choice[j];
        sb_printf(b, "%s%s", j ? ", " : "", eq_model_param_choice(rm->m, k, (int)rm->vals[k]));
    }
    if (rm->nchoice == 0)
        sb_printf(b, "-");
}

/* A LaTeX heading line above a model's table: before (raw LaTeX), then
** the title and more, escaped, in bold. */
void rep_tex_heading(FILE *f, const char *before, const char *title, const char *more)
{
    fprintf(f, "%s\\par\\noindent{\\raggedright\\textbf{", before);
    for (int pass = 0; pass < 2; pass++)
        for (const char *p = pass ? more : title; *p; p++) {
            if (strchr("&%$#_{}", *p))
                fprintf(f, "\\%c", *p);
            else if (*p == '~')
                fputs("\\textasciitilde{}", f);
            else if (*p == '^')
                fputs("\\textasciicircum{}", f);
            else if (*p == '\\')
                fputs("\\textbackslash{}", f);
            else
                fputc(*p, f);
        }
    fputs("}\\par}\\smallskip\\noindent\n", f);
}

/* Class name i of the report in model rm: its index there, or -1. */
static int class_in(const report *r, const rmodel *rm, int i)
{
    return eq_model_class_index(rm->m, r->cls[i]);
}

/* A number for people, 4 significant digits. */
const char *rep_num4(double v, char *buf)
{
    return num_human_buf(v, 4, buf);
}

/* Players' payoffs "Russia 1.5, West -2" (from the given node g, or
** overall when g < 0). */
static void payoff_words(const rmodel *rm, const eq_point *pt, int g, sbuf *b)
{
    char x[32];
    sb_clear(b);
    for (int p = 0; p < eq_model_players(rm->m); p++)
        sb_printf(b, "%s%s %s", p ? ", " : "", eq_model_player_name(rm->m, p),
                  rep_num4(g >= 0 ? eq_point_given_payoff(pt, g, p) : eq_point_payoff(pt, p), x));
}

/* Whether the measures once in force are undefined at pt: a set of nodes
** the equilibrium never reaches (or a node not in this member's tree). */
static int not_reached(const rmodel *rm, const eq_point *pt)
{
    return isnan(eq_point_given_payoff(pt, rm->given, 0));
}

/* Once in force, in words: "reached 0.5: P(peace) 1; Russia 1.5, West -2"
** (the classes with positive probability), or "not reached". */
static void in_force_words(const rmodel *rm, const eq_point *pt, sbuf *b)
{
    char x[32];
    sbuf p = { 0 };
    int any = 0;
    sb_clear(b);
    if (not_reached(rm, pt)) {
        sb_printf(b, "not reached");
        return;
    }
    sb_printf(b, "reached %s:", rep_num4(eq_point_given_reach(pt, rm->given), x));
    for (int k = 0; k < eq_model_classes(rm->m); k++) {
        double v = eq_point_given_class_prob(pt, rm->given, k);
        if (v > 0.0)
            sb_printf(b, "%s P(%s) %s", any++ ? "," : "", eq_model_class_name(rm->m, k),
                      rep_num4(v, x));
    }
    payoff_words(rm, pt, rm->given, &p);
    sb_printf(b, "%s %s", any ? ";" : "", sb_str(&p));
    sb_free(&p);
}

static void notes_words(const eq_point *pt, sbuf *b)
{
    sb_clear(b);
    for (int i = 0; i < eq_point_notes(pt); i++)
        sb_printf(b, "%s%s", i ? "; " : "", eq_point_note(pt, i));
}

/* Whether the model is solved for subgame-perfect equilibria (its
** declared concept), not sequential or perfect Bayesian ones. */
static int spe_concept(const rmodel *rm)
{
    eq_tree_opts o;
    eq_tree_opts_init(&o);
    eq_model_equilibrium(rm->m, &o);
    return o.method == EQ_METHOD_SPE;
}

/* An equilibrium count in words: "-" where the point has no solution. */
static const char *count_text(const eq_point *pt, char *buf, size_t len)
{
    if (eq_point_spe_count(pt) < 0)
        return "-";
    snprintf(buf, len, "%d", eq_point_spe_count(pt));
    return buf;
}

/* The concept in words: spe, the subgame method it used, the rule. */
static void concept_words(const rmodel *rm, const eq_point *pt, sbuf *b)
{
    const eq_tree *t = eq_point_tree(pt);
    const eq_tree_result *res = eq_point_result(pt);
    eq_tree_opts o;
    eq_tree_opts_init(&o);
    eq_model_equilibrium(rm->m, &o);
    if (rm->sub >= 0)
        o.subgame_method = (eq_method)rm->sub;  /* --sub */
    sb_clear(b);
    if (t == NULL || res == NULL)
        return;
    if (o.method != EQ_METHOD_SPE) {    /* equilibrium sequential | pbe */
        sb_printf(b, "%s; %s", o.method == EQ_METHOD_PBE ? "perfect Bayesian (pbe)"
                               : eq_method_name(o.method), eq_tree_result_selection(res));
        return;
    }
    sb_printf(b, "subgame-perfect, subgames solved by %s; %s",
              eq_method_name((int)o.subgame_method >= 0 ? o.subgame_method
                                                        : eq_method_default_subgame(t)),
              eq_tree_result_selection(res));
}

/* ---- setting up ------------------------------------------------------ */

static void rmodel_free(rmodel *rm)
{
    free(rm->base);
    free(rm->vals);
    free(rm->choice);
    eq_analysis_free(rm->a);
    eq_model_free(rm->m);
}

/* The given node that stands for "once in force": the one named
** in_force, else the first that no claim of the model names (a node given
** for a claim, such as an off-path decision, is not "in force"); -1. */
static int in_force_given(const eq_model *m)
{
    int g = eq_model_given_index(m, "in_force");
    for (int i = 0; g < 0 && i < eq_model_givens(m); i++) {
        const char *name = eq_model_given_name(m, i);
        size_t n = strlen(name);
        int named = 0;
        for (int k = 0; k < eq_model_claims(m) && !named; k++) {
            const char *t = eq_model_claim_text(m, k), *p = t;
            while ((p = strstr(p, name)) != NULL && !named) {
                named = (p == t || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
                        !(isalnum((unsigned char)p[n]) || p[n] == '_');
                p += n;
            }
        }
        if (!named)
            g = i;
    }
    return g;
}

/* Read file into rm: the analysis with the concept of the command line,
** the measures, and the choices to vary.  Returns 0 or an exit status. */
static int rmodel_open(rmodel *rm, const cli *c, const char *file)
{
    int np, rc;
    memset(rm, 0, sizeof *rm);
    rm->file = file;
    rm->given = -1;
    rm->sub = c->sub;
    if ((rc = load_model(file, c->input_format, &rm->m)) != 0)
        return rc;
    np = eq_model_params(rm->m);
    rm->base = malloc(((size_t)np + 1) * sizeof *rm->base);
    rm->vals = malloc(((size_t)np + 1) * sizeof *rm->vals);
    rm->choice = malloc(((size_t)np + 1) * sizeof *rm->choice);
    if (rm->base == NULL || rm->vals == NULL || rm->choice == NULL ||
        eq_analysis_new(&rm->a, rm->m) != EQ_OK ||
        eq_analysis_set_measures(rm->a, EQ_MEASURE_COUNT | EQ_MEASURE_CLAMPS) != EQ_OK) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    if (c->jobs > 1 && eq_analysis_set_threads(rm->a, c->jobs) != EQ_OK) {
        cli_error("-j %d: %s", c->jobs, eq_analysis_errmsg(rm->a));
        return EXIT_USAGE;
    }
    if (c->sub >= 0 || c->coarse) {
        eq_tree_opts o;
        eq_tree_opts_init(&o);
        eq_model_equilibrium(rm->m, &o);
        if (c->sub >= 0)
            o.subgame_method = (eq_method)c->sub;
        o.coarse = c->coarse;
        if (eq_analysis_set_tree_opts(rm->a, &o) != EQ_OK) {
            cli_error("out of memory");
            return EXIT_USAGE;
        }
    }
    for (int i = 0; i < c->nparams; i++) {
        if (param_of(rm->m, c->params[i]) < 0)
            continue;               /* -p applies to the models that have it */
        if (eq_analysis_set(rm->a, c->params[i]) != EQ_OK) {
            cli_error("%s: -p %s: %s", file, c->params[i], eq_analysis_errmsg(rm->a));
            return EXIT_USAGE;
        }
    }
    memcpy(rm->base, eq_analysis_values(rm->a), (size_t)np * sizeof *rm->base);
    rm->ncombo = 1;
    for (int k = 0; k < np; k++) {
        int fixed = 0;
        if (!eq_model_param_is_enum(rm->m, k))
            continue;
        for (int i = 0; i < c->nparams; i++)
            if (rep_names(c->params[i], eq_model_param_name(rm->m, k)))
                fixed = 1;          /* -p timing=after: that choice only */
        if (!fixed) {
            rm->choice[rm->nchoice++] = k;
            rm->ncombo *= eq_model_param_choices(rm->m, k);
        }
    }
    rm->given = in_force_given(rm->m);
    return 0;
}

/* Every -p and --vary name must belong to some model. */
static int check_names(const report *r)
{
    const cli *c = r->c;
    for (int i = 0; i < c->nparams + c->nvary; i++) {
        const char *spec = i < c->nparams ? c->params[i] : c->vary[i - c->nparams];
        int found = 0, n = (int)strcspn(spec, "=");
        for (int j = 0; j < r->n; j++) {
            int k = param_of(r->rm[j].m, spec);
            if (k < 0)
                continue;
            found = 1;
            if (i >= c->nparams && eq_model_param_is_enum(r->rm[j].m, k))
                return cli_usage_error(c->cmdname, "--vary %s: a named choice, and report "
                                       "varies every named choice already (fix one with "
                                       "-p %.*s=CHOICE)", spec, n, spec);
        }
        for (int j = 0; j < r->n && !found; j++) {
            char name[128];
            const char *at;
            snprintf(name, sizeof name, "%.*s", n, spec);
            if ((at = eq_model_param_fixed(r->rm[j].m, name)) != NULL)
                return cli_usage_error(c->cmdname, "%s %s: '%s' is fixed by the set line at "
                                       "%s", i < c->nparams ? "-p" : "--vary", spec, name, at);
        }
        if (!found)
            return cli_usage_error(c->cmdname, "%s %s: no model given has a parameter named "
                                   "'%.*s'", i < c->nparams ? "-p" : "--vary", spec, n, spec);
    }
    return 0;
}

/* Whether parameter k of rm is one to scan, and the spec to scan it by. */
static const char *scan_spec(const report *r, const rmodel *rm, int k)
{
    const char *name = eq_model_param_name(rm->m, k);
    if (eq_model_param_is_enum(rm->m, k))
        return NULL;
    if (r->c->nvary == 0)
        return name;
    for (int i = 0; i < r->c->nvary; i++)
        if (rep_names(r->c->vary[i], name))
            return r->c->vary[i];
    return NULL;
}

/* ---- the paper table --------------------------------------------------- */

typedef struct paper_out {
    table t;
    jw *w;
    cJSON *rows;
    const char **head;
    char *spec;
    char **owned;
    int nowned;
} paper_out;

static void paper_text_row(report *r, rmodel *rm, const eq_point *pt, const char *combo)
{
    FILE *f = r->f;
    sbuf b = { 0 };
    char x[32];
    fprintf(f, "  %s\n", combo);
    if (eq_point_status(pt) != EQ_OK) {
        fprintf(f, "    cannot be solved: %s\n", eq_point_errmsg(pt));
        return;
    }
    concept_words(rm, pt, &b);
    fprintf(f, "    equilibrium: %s\n", sb_str(&b));
    if (eq_point_flags(pt) & EQ_FLAG_NONE) {
        fputs("    path: (no equilibrium)\n", f);
        sb_free(&b);
        return;
    }
    fprintf(f, "    path: %s\n", eq_point_path(pt));
    if (eq_model_classes(rm->m) > 0) {
        fputs("    classes:", f);
        for (int k = 0; k < eq_model_classes(rm->m); k++)
            fprintf(f, " P(%s) %s", eq_model_class_name(rm->m, k),
                    rep_num4(eq_point_class_prob(pt, k), x));
        fputc('\n', f);
    }
    payoff_words(rm, pt, -1, &b);
    fprintf(f, "    payoffs: %s\n", sb_str(&b));
    if (rm->given >= 0 && not_reached(rm, pt)) {
        fprintf(f, "    once in force (%s): not reached (probability %s), so undefined\n",
                eq_model_given_name(rm->m, rm->given),
                rep_num4(eq_point_given_reach(pt, rm->given), x));
    } else if (rm->given >= 0) {
        payoff_words(rm, pt, rm->given, &b);
        fprintf(f, "    payoffs once in force (from %s on, reached with probability %s): %s\n",
                eq_model_given_name(rm->m, rm->given),
                rep_num4(eq_point_given_reach(pt, rm->given), x), sb_str(&b));
        if (eq_model_classes(rm->m) > 0) {
            fputs("    classes once in force:", f);
            for (int k = 0; k < eq_model_classes(rm->m); k++)
                fprintf(f, " P(%s) %s", eq_model_class_name(rm->m, k),
                        rep_num4(eq_point_given_class_prob(pt, rm->given, k), x));
            fputc('\n', f);
        }
    }
    if (eq_point_spe_count(pt) >= 0)
        fprintf(f, "    %s: %d%s\n", spe_concept(rm) ? "subgame-perfect equilibria"
                                                     : "equilibria", eq_point_spe_count(pt),
                (eq_point_flags(pt) & EQ_FLAG_PARTIAL) ? " (the count's limit; there may be more)"
                                                       : "");
    else
        fputs("    subgame-perfect equilibria: not counted (a correlated stage has a continuum "
              "of equilibria; the one shown is optimal for the selection rule)\n", f);
    notes_words(pt, &b);
    if (b.len)
        fprintf(f, "    flags: %s\n", sb_str(&b));
    rep_beliefs_text(f, pt);
    sb_free(&b);
}

cJSON *rep_classes_json(const rmodel *rm, const eq_point *pt, int g)
{
    cJSON *o = cJSON_CreateObject();
    for (int k = 0; k < eq_model_classes(rm->m); k++)
        jadd(o, eq_model_class_name(rm->m, k),
             jnum(g >= 0 ? eq_point_given_class_prob(pt, g, k) : eq_point_class_prob(pt, k)));
    return o;
}

static cJSON *payoffs_json(const rmodel *rm, const eq_point *pt, int g)
{
    cJSON *o = cJSON_CreateObject();
    for (int p = 0; p < eq_model_players(rm->m); p++)
        jadd(o, eq_model_player_name(rm->m, p),
             jnum(g >= 0 ? eq_point_given_payoff(pt, g, p) : eq_point_payoff(pt, p)));
    return o;
}

static cJSON *paper_json_row(const rmodel *rm, const eq_point *pt)
{
    cJSON *o = cJSON_CreateObject();
    sbuf b = { 0 };
    int ok = eq_point_status(pt) == EQ_OK && !(eq_point_flags(pt) & EQ_FLAG_NONE);
    jadd(o, "file", jstr(rm->file));
    jadd(o, "title", jstr(eq_model_title(rm->m)));
    jadd(o, "choices", combo_json(rm));
    jadd(o, "parameters", jparams(rm->m, rm->vals));
    concept_words(rm, pt, &b);
    jadd(o, "equilibrium", jstr(b.len ? sb_str(&b) : NULL));
    jadd(o, "error", jstr(eq_point_status(pt) != EQ_OK ? eq_point_errmsg(pt) : NULL));
    jadd(o, "path", jstr(ok ? eq_point_path(pt) : NULL));
    jadd(o, "classes", ok ? rep_classes_json(rm, pt, -1) : jnull());
    jadd(o, "payoffs", ok ? payoffs_json(rm, pt, -1) : jnull());
    if (rm->given >= 0 && ok) {
        cJSON *g = jadd(o, "in_force", cJSON_CreateObject());
        jadd(g, "given", jstr(eq_model_given_name(rm->m, rm->given)));
        jadd(g, "reach", jnum(eq_point_given_reach(pt, rm->given)));
        jadd(g, "classes", rep_classes_json(rm, pt, rm->given));
        jadd(g, "payoffs", payoffs_json(rm, pt, rm->given));
    } else {
        jadd(o, "in_force", jnull());
    }
    jadd(o, "spe_count", eq_point_spe_count(pt) >= 0 ? jint(eq_point_spe_count(pt)) : jnull());
    jadd(o, "spe_count_complete", jbool(!(eq_point_flags(pt) & EQ_FLAG_PARTIAL)));
    notes_words(pt, &b);
    jadd(o, "flags", jstr(sb_str(&b)));
    jadd(o, "beliefs", rep_beliefs_json(pt));
    sb_free(&b);
    return o;
}

/* The table's columns: model, choices, [path], a P() per class, payoffs,
** [payoffs in force, their reach], equilibria (the count under the model's concept), [flags, equilibrium, beliefs; file].  LaTeX, to fit a
** page, has one table per model (rm), under its title: a column of the
** choices' values, one per class of that model headed by its name, the
** payoffs and the SPE count. */
static void paper_table_begin(report *r, paper_out *po, const rmodel *rm)
{
    fmt kind = r->kind;
    int n = 0, ncls = rm ? eq_model_classes(rm->m) : r->ncls, ncols = 7 + ncls + 4;
    char *spec = malloc((size_t)ncols + 1);
    memset(po, 0, sizeof *po);
    po->head = malloc((size_t)ncols * sizeof *po->head);
    po->owned = malloc((size_t)(ncls + 1) * sizeof *po->owned);
    if (spec == NULL || po->head == NULL || po->owned == NULL) {
        free(spec);
        r->rc = EXIT_USAGE;
        return;
    }
#define COL(h, s) (po->head[n] = (h), spec[n++] = (s))
    if (kind == FMT_CSV)
        COL("file", 'l');
    if (rm == NULL) {
        COL("model", 'p');
        COL("choices", 'p');
    } else {
        sbuf b = { 0 };
        for (int j = 0; j < rm->nchoice; j++)
            sb_printf(&b, "%s%s", j ? ", " : "", eq_model_param_name(rm->m, rm->choice[j]));
        po->owned[po->nowned++] = b.s;
        COL(b.s ? b.s : "case", 'p');
    }
    if (kind != FMT_TEX)
        COL("equilibrium path", 'p');
    for (int i = 0; i < ncls; i++) {
        sbuf b = { 0 };
        if (rm != NULL)
            sb_printf(&b, "%s", eq_model_class_name(rm->m, i));
        else
            sb_printf(&b, "P(%s)", r->cls[i]);
        po->owned[po->nowned++] = b.s;
        COL(b.s ? b.s : "P", 'R');
    }
    COL(kind == FMT_CSV ? "payoffs" : "payoffs (once in force where the model names it: "
        "its reach, the classes and payoffs conditional on it; else overall)", 'p');
    if (kind == FMT_CSV) {
        COL("payoffs_in_force", 'p');
        COL("reach_in_force", 'r');
    }
    COL("equilibria", 'r');
    if (kind == FMT_CSV) {
        COL("flags", 'p');
        COL("equilibrium", 'p');
        COL("beliefs", 'p');
    }
#undef COL
    spec[n] = '\0';
    po->spec = spec;
    tab_begin(&po->t, r->f, kind, n, po->head, spec);
}

static void paper_table_row(report *r, paper_out *po, rmodel *rm, const eq_point *pt,
                            const char *combo)
{
    table *t = &po->t;
    sbuf b = { 0 };
    int ok = eq_point_status(pt) == EQ_OK && !(eq_point_flags(pt) & EQ_FLAG_NONE);
    if (r->kind == FMT_CSV)
        tab_str(t, rm->file);
    if (r->kind != FMT_TEX) {
        tab_str(t, eq_model_title(rm->m));
        tab_str(t, combo);
        tab_str(t, ok ? eq_point_path(pt)
                      : eq_point_status(pt) != EQ_OK ? eq_point_errmsg(pt) : "(no equilibrium)");
        for (int i = 0; i < r->ncls; i++) {
            int k = class_in(r, rm, i);
            tab_num(t, ok && k >= 0 ? eq_point_class_prob(pt, k) : NAN);
        }
    } else {
        combo_values_words(rm, &b);
        tab_str(t, sb_str(&b));
        for (int k = 0; k < eq_model_classes(rm->m); k++)
            tab_num(t, ok ? eq_point_class_prob(pt, k) : NAN);
    }
    if (ok && r->kind == FMT_CSV) {
        payoff_words(rm, pt, -1, &b);
        tab_str(t, sb_str(&b));
        if (rm->given >= 0 && !not_reached(rm, pt))
            payoff_words(rm, pt, rm->given, &b);
        tab_str(t, rm->given < 0 ? NULL : not_reached(rm, pt) ? "not reached" : sb_str(&b));
        tab_num(t, rm->given >= 0 ? eq_point_given_reach(pt, rm->given) : NAN);
    } else if (ok) {
        sbuf p = { 0 };
        payoff_words(rm, pt, -1, &p);
        if (rm->given >= 0) {
            /* Once in force (conditional, with its reach); overall where
            ** it is never reached. */
            in_force_words(rm, pt, &b);
            if (not_reached(rm, pt))
                sb_printf(&b, " (overall: %s)", sb_str(&p));
        } else {
            sb_clear(&b);
            sb_printf(&b, "overall: %s", sb_str(&p));
        }
        tab_str(t, sb_str(&b));
        sb_free(&p);
    } else {
        tab_empty(t);
        if (r->kind == FMT_CSV) {
            tab_empty(t);
            tab_empty(t);
        }
    }
    if (eq_point_spe_count(pt) >= 0)
        tab_int(t, eq_point_spe_count(pt));
    else
        tab_empty(t);
    if (r->kind == FMT_CSV) {
        notes_words(pt, &b);
        tab_str(t, sb_str(&b));
        concept_words(rm, pt, &b);
        tab_str(t, sb_str(&b));
        rep_beliefs_words(pt, &b);
        tab_str(t, sb_str(&b));
    }
    tab_end_row(t);
    sb_free(&b);
}

static void paper_end(paper_out *po, fmt kind)
{
    if (kind != FMT_TEXT && kind != FMT_JSON && po->head != NULL)
        tab_end(&po->t);
    for (int i = 0; i < po->nowned; i++)
        free(po->owned[i]);
    free(po->owned);
    free(po->head);
    free(po->spec);
    memset(po, 0, sizeof *po);
}

/* Solve every model at every combination and write the paper table. */
static void paper(report *r, jw *w)
{
    paper_out po = { 0 };
    rep_btab bt = { 0 };
    sbuf combo = { 0 };
    eq_point *pt = NULL;
    cJSON *jrows = NULL;
    if (r->kind == FMT_TEXT)
        fputs("Equilibria: each model at each combination of its named choices, the other "
              "parameters at their defaults and -p values\n\n", r->f);
    else if (r->kind == FMT_JSON)
        jrows = cJSON_CreateArray();
    else if (r->kind == FMT_MD)
        fputs("**Equilibria by model and named choices** (other parameters at the baseline)\n\n",
              r->f);
    if (r->kind == FMT_MD || r->kind == FMT_CSV) {
        paper_table_begin(r, &po, NULL);
        if (r->rc)
            return;
    }
    if (r->kind == FMT_MD && rep_btab_open(&bt, r->kind, 1) != 0)
        cli_error("out of memory: the report goes on without the table of beliefs");
    for (int i = 0; i < r->n; i++) {
        rmodel *rm = &r->rm[i];
        if (eq_point_new(&pt, rm->m) != EQ_OK) {
            cli_error("out of memory");
            r->rc = EXIT_USAGE;
            break;
        }
        if (r->kind == FMT_TEXT)
            fprintf(r->f, "%s (%s)\n", eq_model_title(rm->m), rm->file);
        if (r->kind == FMT_TEX) {
            rep_tex_heading(r->f, i == 0 ? "" : "\\medskip", eq_model_title(rm->m), "");
            paper_table_begin(r, &po, rm);
            if (r->rc)
                break;
            if (rep_btab_open(&bt, r->kind, 0) != 0)
                cli_error("out of memory: the report goes on without the table of beliefs");
        }
        for (long j = 0; j < rm->ncombo; j++) {
            double *v = rep_combo_values(rm, j);
            combo_words(rm, &combo);
            if (eq_point_solve(pt, rm->a, v) != EQ_OK) {
                cli_error("%s (%s): %s", rm->file, sb_str(&combo), eq_point_errmsg(pt));
                r->rc = rep_maxi(r->rc, EXIT_NOTFOUND);
            } else if (eq_point_flags(pt) & EQ_FLAG_NONE) {
                cli_error("%s (%s): no subgame-perfect equilibrium with these subgame methods "
                          "(try --sub with another method)", rm->file, sb_str(&combo));
                r->rc = rep_maxi(r->rc, EXIT_NOTFOUND);
            }
            if (r->kind == FMT_TEXT)
                paper_text_row(r, rm, pt, sb_str(&combo));
            else if (r->kind == FMT_JSON)
                jpush(jrows, paper_json_row(rm, pt));
            else
                paper_table_row(r, &po, rm, pt, sb_str(&combo));
            rep_btab_add(&bt, eq_model_title(rm->m), sb_str(&combo), pt);
        }
        if (r->kind == FMT_TEXT)
            fputc('\n', r->f);
        if (r->kind == FMT_TEX) {
            paper_end(&po, r->kind);
            rep_btab_close(&bt, r->f, eq_model_title(rm->m));
        }
        eq_point_free(pt);
        pt = NULL;
    }
    if (r->kind == FMT_JSON) {
        cJSON *o = cJSON_CreateObject(), *cls = cJSON_CreateArray();
        for (int i = 0; i < r->ncls; i++)
            jpush(cls, jstr(r->cls[i]));
        jadd(o, "classes", cls);
        jadd(o, "rows", jrows);
        jw_put(w, "paper", o);
    }
    paper_end(&po, r->kind);
    rep_btab_close(&bt, r->f, NULL);
    sb_free(&combo);
}

/* ---- the thresholds table ---------------------------------------------- */

/* What a breakpoint changes, in the report's words. */
typedef struct change {
    sbuf path;             /* the path's steps before -> after, or "unchanged" */
    sbuf classes;          /* the classes whose probability changes */
    sbuf spes;             /* "1 -> 4", or "" */
    sbuf flags;            /* tie, clamp, exact, ... */
} change;

static void change_free(change *ch)
{
    sb_free(&ch->path);
    sb_free(&ch->classes);
    sb_free(&ch->spes);
    sb_free(&ch->flags);
}

/* Whether the "; "-separated item of length n at s is among those of
** path. */
static int has_item(const char *path, const char *s, size_t n)
{
    const char *p = path;
    while (*p) {
        size_t m = strcspn(p, ";");
        if (m == n && strncmp(p, s, n) == 0)
            return 1;
        p += m;
        while (*p == ';' || *p == ' ')
            p++;
    }
    return 0;
}

/* The items of a that b lacks, joined with "; ". */
static void path_minus(const char *a, const char *b, sbuf *out)
{
    const char *p = a;
    int first = 1;
    while (*p) {
        size_t m = strcspn(p, ";");
        if (!has_item(b, p, m)) {
            sb_printf(out, "%s%.*s", first ? "" : "; ", (int)m, p);
            first = 0;
        }
        p += m;
        while (*p == ';' || *p == ' ')
            p++;
    }
    if (first)
        sb_printf(out, "(nothing)");
}

/* "+" after an SPE count that stopped at its limit (there may be more). */
static const char *partial(const eq_point *pt)
{
    return (eq_point_flags(pt) & EQ_FLAG_PARTIAL) ? "+" : "";
}

const char *rep_point_path(const eq_point *pt)
{
    if (eq_point_status(pt) != EQ_OK)
        return "(cannot be solved)";
    return (eq_point_flags(pt) & EQ_FLAG_NONE) ? "(no equilibrium)" : eq_point_path(pt);
}

static void describe(const report *r, const rmodel *rm, const eq_breaks *bk, int i, change *ch)
{
    static const struct { unsigned bit; const char *word; } words[] = {
        { EQ_BREAK_SELECTION, "tie (selection rule)" }, { EQ_BREAK_POINT, "tie at the point" },
        { EQ_BREAK_EXACT, "exact" }, { EQ_BREAK_BISECTION, "bisection" },
        { EQ_BREAK_CHANCE, "chance" }, { EQ_BREAK_BOUND, "at the bound" },
    };
    const eq_point *lo = eq_breaks_segment(bk, i), *hi = eq_breaks_segment(bk, i + 1);
    const char *pa = rep_point_path(lo), *pb = rep_point_path(hi);
    unsigned fl = eq_breaks_flags(bk, i);
    char x[32], y[32];
    if (strcmp(pa, pb) == 0) {
        sb_printf(&ch->path, "path unchanged; off it: ");
        put_arrows(&ch->path, eq_breaks_what(bk, i), r->kind);
    } else {
        path_minus(pa, pb, &ch->path);
        sb_printf(&ch->path, "%s", rep_arrow(r->kind));
        path_minus(pb, pa, &ch->path);
    }
    for (int k = 0; k < eq_model_classes(rm->m); k++) {
        double a = eq_point_class_prob(lo, k), b = eq_point_class_prob(hi, k);
        /* A side that cannot be solved has no classes (NaN): the path
        ** already says "(cannot be solved)", so nothing to compare. */
        if (isnan(a) || isnan(b))
            continue;
        if (!(fabs(a - b) <= 1e-12))
            sb_printf(&ch->classes, "%sP(%s) %s%s%s", ch->classes.len ? "; " : "",
                      eq_model_class_name(rm->m, k), rep_num4(a, x), rep_arrow(r->kind), rep_num4(b, y));
    }
    if (eq_point_spe_count(lo) != eq_point_spe_count(hi) ||
        eq_point_spe_count(eq_breaks_at(bk, i)) != eq_point_spe_count(lo))
    {
        char c1[16], c2[16], c3[16];
        sb_printf(&ch->spes, "%s%s%s%s%s%s%s%s", count_text(lo, c1, sizeof c1), partial(lo),
                  rep_arrow(r->kind), count_text(eq_breaks_at(bk, i), c2, sizeof c2),
                  partial(eq_breaks_at(bk, i)), rep_arrow(r->kind), count_text(hi, c3, sizeof c3),
                  partial(hi));
    }
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (fl & words[k].bit)
            sb_printf(&ch->flags, "%s%s", ch->flags.len ? ", " : "", words[k].word);
    if (eq_point_flags(eq_breaks_baseline(bk)) & EQ_FLAG_CLAMP)
        sb_printf(&ch->flags, "%sclamp at the baseline", ch->flags.len ? ", " : "");
    if (eq_point_flags(eq_breaks_baseline(bk)) & EQ_FLAG_TIE)
        sb_printf(&ch->flags, "%stie at the baseline", ch->flags.len ? ", " : "");
}

/* Distance of x from the baseline value v0, in percent of v0. */
static double percent(double x, double v0)
{
    return v0 != 0 ? 100.0 * (x - v0) / fabs(v0) : NAN;
}

static const char *const thr_head[] = {
    "model", "choices", "parameter", "baseline", "breakpoint", "from baseline (%)",
    "what changes: path before → after", "classes before → after", "equilibria before → at → after",
    "flags"
};
/* LaTeX: one table per model, parameter and choices, three columns, so
** that it fits a page. */
static const char *const thr_head_tex[] = {
    "breakpoint (from the baseline)",
    "what changes: path, classes and equilibrium counts before to after", "flags"
};

/* One row of the thresholds table (bk NULL: the scan failed, err says
** why; i -1: no breakpoint). */
/* What a thresholds row prints: the model, its choices, the parameter,
** breakpoint i of bk (i -1: none; bk NULL: err says why) and its change
** in words. */
typedef struct thr_ctx {
    const rmodel *rm;
    const char *combo;
    int k;
    const eq_breaks *bk;
    int i;
    const char *err;
    const change *ch;
    const sbuf *none;
    cJSON *jrows;
} thr_ctx;

/* A thresholds row in text. */
static void thr_text(report *r, table *t, const thr_ctx *x)
{
    const rmodel *rm = x->rm;
    const eq_breaks *bk = x->bk;
    const change *chp = x->ch;
    int i = x->i;
    double v0 = rm->vals[x->k];
    char x_[32], y_[32];
    (void)t;
    if (bk == NULL)
        fprintf(r->f, "      cannot be scanned: %s\n", x->err != NULL ? x->err : "no reason given");
    else if (i < 0)
        fprintf(r->f, "      no breakpoint in [%s, %s]\n", num_repr(eq_breaks_lo(bk), x_),
                num_repr(eq_breaks_hi(bk), y_));
    else {
        double pc = percent(eq_breaks_value(bk, i), v0);
        fprintf(r->f, "      %s", eq_breaks_text(bk, i));
        if (eq_breaks_fraction(bk, i) && strcmp(eq_breaks_fraction(bk, i), eq_breaks_text(bk, i)))
            fprintf(r->f, " = %s", eq_breaks_fraction(bk, i));
        if (isnan(pc))
            fputs(" (baseline 0)", r->f);
        else
            fprintf(r->f, " (%s%s%% from the baseline)", pc > 0 ? "+" : "", rep_num4(pc, x_));
        fprintf(r->f, "%s%s%s\n", chp->flags.len ? " [" : "", sb_str(&chp->flags),
                chp->flags.len ? "]" : "");
        fprintf(r->f, "        %s%s\n",
                strncmp(sb_str(&chp->path), "path ", 5) == 0 ? "" : "path: ", sb_str(&chp->path));
        if (chp->classes.len)
            fprintf(r->f, "        classes: %s\n", sb_str(&chp->classes));
        if (chp->spes.len)
            fprintf(r->f, "        equilibria (before, at, after): %s\n", sb_str(&chp->spes));
        fprintf(r->f, "        what changes: %s\n", eq_breaks_what(bk, i));
    }
}

/* A thresholds row as a JSON object. */
static void thr_json(report *r, table *t, const thr_ctx *x)
{
    const rmodel *rm = x->rm;
    (void)r;
    const eq_breaks *bk = x->bk;
    const change *chp = x->ch;
    int i = x->i;
    double v0 = rm->vals[x->k];
    (void)t;
    cJSON *o = jpush(x->jrows, cJSON_CreateObject());
    jadd(o, "file", jstr(rm->file));
    jadd(o, "title", jstr(eq_model_title(rm->m)));
    jadd(o, "choices", combo_json(rm));
    jadd(o, "parameter", jstr(eq_model_param_name(rm->m, x->k)));
    jadd(o, "baseline", jnum(v0));
    jadd(o, "lo", bk ? jnum(eq_breaks_lo(bk)) : jnull());
    jadd(o, "hi", bk ? jnum(eq_breaks_hi(bk)) : jnull());
    jadd(o, "error", jstr(bk ? NULL : x->err));
    if (bk != NULL && i >= 0) {
        const eq_point *lo = eq_breaks_segment(bk, i), *hi = eq_breaks_segment(bk, i + 1);
        jadd(o, "value", jnum(eq_breaks_value(bk, i)));
        jadd(o, "text", jstr(eq_breaks_text(bk, i)));
        jadd(o, "fraction", jstr(eq_breaks_fraction(bk, i)));
        jadd(o, "error_bound", jnum(eq_breaks_error(bk, i)));
        jadd(o, "change_percent", jnum(percent(eq_breaks_value(bk, i), v0)));
        jadd(o, "path_before", jstr(rep_point_path(lo)));
        jadd(o, "path_after", jstr(rep_point_path(hi)));
        jadd(o, "path_change", jstr(sb_str(&chp->path)));
        jadd(o, "classes_before", rep_classes_json(rm, lo, -1));
        jadd(o, "classes_after", rep_classes_json(rm, hi, -1));
        jadd(o, "spe_before", eq_point_spe_count(lo) >= 0 ? jint(eq_point_spe_count(lo)) : jnull());
        jadd(o, "spe_at", eq_point_spe_count(eq_breaks_at(bk, i)) >= 0
                              ? jint(eq_point_spe_count(eq_breaks_at(bk, i))) : jnull());
        jadd(o, "spe_after", eq_point_spe_count(hi) >= 0 ? jint(eq_point_spe_count(hi)) : jnull());
        jadd(o, "flags", jstr(sb_str(&chp->flags)));
        jadd(o, "tie", jbool((eq_breaks_flags(bk, i) & (EQ_BREAK_SELECTION | EQ_BREAK_POINT)) != 0));
        jadd(o, "clamp", jbool((eq_point_flags(eq_breaks_baseline(bk)) & EQ_FLAG_CLAMP) != 0));
        jadd(o, "what", jstr(eq_breaks_what(bk, i)));
    } else {
        jadd(o, "value", jnull());
        jadd(o, "text", jstr(bk ? sb_str(x->none) : NULL));
    }
}

/* A thresholds row of a LaTeX table, which goes on in another table
** every TEX_ROWS rows. */
static void thr_tex(report *r, table *t, const thr_ctx *x)
{
    const rmodel *rm = x->rm;
    const eq_breaks *bk = x->bk;
    const change *chp = x->ch;
    int i = x->i;
    double v0 = rm->vals[x->k];
    char y_[32];
    sbuf a = { 0 }, bp = { 0 };
    if (bk != NULL && i >= 0) {
        double pc = percent(eq_breaks_value(bk, i), v0);
        /* The exact fraction alone when there is one: a 17-digit
        ** decimal does not fit the column. */
        sb_printf(&bp, "%s", eq_breaks_fraction(bk, i) ? eq_breaks_fraction(bk, i)
                                                       : eq_breaks_text(bk, i));
        if (!isnan(pc))
            sb_printf(&bp, " (%s%s%%)", pc > 0 ? "+" : "", rep_num4(pc, y_));
    }
    tab_str(t, bk == NULL ? x->err : i < 0 ? sb_str(x->none) : sb_str(&bp));
    sb_clear(&a);
    if (chp->path.len)
        sb_printf(&a, "%s", sb_str(&chp->path));
    if (chp->classes.len)
        sb_printf(&a, "; %s", sb_str(&chp->classes));
    if (chp->spes.len)
        sb_printf(&a, "; equilibria %s", sb_str(&chp->spes));
    tab_str(t, a.len ? sb_str(&a) : NULL);
    tab_str(t, chp->flags.len ? sb_str(&chp->flags) : NULL);
    tab_end_row(t);
    if (++r->tex_rows % TEX_ROWS == 0) {
        /* A tabular does not break across pages: go on in another. */
        tab_end(t);
        fputs("\\par\\noindent\n", r->f);
        tab_begin(t, r->f, r->kind, 3, thr_head_tex, "ppp");
    }
    sb_free(&a);
    sb_free(&bp);
}

/* A thresholds row of a Markdown or CSV table. */
static void thr_table(report *r, table *t, const thr_ctx *x)
{
    const rmodel *rm = x->rm;
    (void)r;
    const eq_breaks *bk = x->bk;
    const change *chp = x->ch;
    int i = x->i;
    double v0 = rm->vals[x->k];
    sbuf bp = { 0 };
    tab_str(t, eq_model_title(rm->m));
    tab_str(t, x->combo);
    tab_str(t, eq_model_param_name(rm->m, x->k));
    tab_num(t, v0);
    if (bk != NULL && i >= 0) {
        sb_printf(&bp, "%s", eq_breaks_text(bk, i));
        if (eq_breaks_fraction(bk, i) && strcmp(eq_breaks_fraction(bk, i), eq_breaks_text(bk, i)))
            sb_printf(&bp, " = %s", eq_breaks_fraction(bk, i));
    }
    tab_str(t, bk == NULL ? x->err : i < 0 ? sb_str(x->none) : sb_str(&bp));
    tab_num(t, bk && i >= 0 ? percent(eq_breaks_value(bk, i), v0) : NAN);
    tab_str(t, chp->path.len ? sb_str(&chp->path) : NULL);
    tab_str(t, chp->classes.len ? sb_str(&chp->classes) : NULL);
    tab_str(t, chp->spes.len ? sb_str(&chp->spes) : NULL);
    tab_str(t, chp->flags.len ? sb_str(&chp->flags) : NULL);
    tab_end_row(t);
    sb_free(&bp);
}

static void thr_row(report *r, table *t, const rmodel *rm, const char *combo, int k,
                    const eq_breaks *bk, int i, const char *err, cJSON *jrows)
{
    char x[32], y[32];
    change ch = { { 0 }, { 0 }, { 0 }, { 0 } };
    sbuf none = { 0 };
    thr_ctx c = { rm, combo, k, bk, i, err, &ch, &none, jrows };
    if (bk != NULL && i < 0)
        sb_printf(&none, "none in [%s, %s]", num_repr(eq_breaks_lo(bk), x),
                  num_repr(eq_breaks_hi(bk), y));
    if (bk != NULL && i >= 0)
        describe(r, rm, bk, i, &ch);
    if (r->kind == FMT_TEXT)
        thr_text(r, t, &c);
    else if (r->kind == FMT_JSON)
        thr_json(r, t, &c);
    else if (r->kind == FMT_TEX)
        thr_tex(r, t, &c);
    else
        thr_table(r, t, &c);
    change_free(&ch);
    sb_free(&none);
}

/* Scan every chosen parameter of every model at every combination. */
static void thresholds(report *r, jw *w)
{
    table t;
    sbuf combo = { 0 };
    cJSON *jrows = NULL;
    if (r->kind == FMT_TEXT) {
        fputs("Thresholds: each parameter alone over its domain, the others at the baseline "
              "(breakpoints located to 1e-12, exact fractions where verified)\n\n", r->f);
    } else if (r->kind == FMT_JSON) {
        jrows = cJSON_CreateArray();
    } else {
        if (r->kind == FMT_MD) {
            fputs("\n**Thresholds** (each parameter alone, the others at the baseline)\n\n", r->f);
            tab_begin(&t, r->f, r->kind, 10, thr_head, "ppprrRppRp");
        }
    }
    for (int i = 0; i < r->n; i++) {
        rmodel *rm = &r->rm[i];
        if (r->kind == FMT_TEXT)
            fprintf(r->f, "%s (%s)\n", eq_model_title(rm->m), rm->file);

        for (int k = 0; k < eq_model_params(rm->m); k++) {
            const char *spec = scan_spec(r, rm, k);
            char x[32];
            if (spec == NULL)
                continue;
            if (r->kind == FMT_TEXT)
                fprintf(r->f, "  %s (baseline %s)\n", eq_model_param_name(rm->m, k),
                        num_repr(rm->base[k], x));
            for (long j = 0; j < rm->ncombo; j++) {
                eq_breaks *bk = NULL;
                const char *err = NULL;
                double *v = rep_combo_values(rm, j);
                combo_words(rm, &combo);
                if (r->kind == FMT_TEXT)
                    fprintf(r->f, "    %s\n", sb_str(&combo));
                if (r->kind == FMT_TEX) {
                    /* A table per parameter and choices: a tabular does
                    ** not break across pages, so each must fit one. */
                    sbuf h = { 0 };
                    sb_printf(&h, " (%s): %s, baseline %s", sb_str(&combo),
                              eq_model_param_name(rm->m, k), num_repr(rm->base[k], x));
                    rep_tex_heading(r->f, "\\medskip", eq_model_title(rm->m), sb_str(&h));
                    tab_begin(&t, r->f, r->kind, 3, thr_head_tex, "ppp");
                    r->tex_rows = 0;
                    sb_free(&h);
                }
                if (eq_analysis_set_values(rm->a, v) != EQ_OK) {
                    err = eq_analysis_errmsg(rm->a);
                } else if (eq_model_breakpoints(rm->a, spec, &bk) != EQ_OK) {
                    err = bk ? eq_breaks_errmsg(bk) : "out of memory";
                    if (bk == NULL)
                        r->rc = EXIT_USAGE;
                }
                if (err != NULL) {
                    cli_error("%s (%s): --vary %s: %s", rm->file, sb_str(&combo), spec, err);
                    r->rc = rep_maxi(r->rc, EXIT_NOTFOUND);
                    thr_row(r, &t, rm, sb_str(&combo), k, NULL, -1, err, jrows);
                } else if (eq_breaks_count(bk) == 0) {
                    thr_row(r, &t, rm, sb_str(&combo), k, bk, -1, NULL, jrows);
                } else {
                    for (int b = 0; b < eq_breaks_count(bk); b++)
                        thr_row(r, &t, rm, sb_str(&combo), k, bk, b, NULL, jrows);
                }
                eq_breaks_free(bk);
                if (r->kind == FMT_TEX)
                    tab_end(&t);
            }
        }
        if (eq_analysis_set_values(rm->a, rm->base) != EQ_OK)
            r->rc = EXIT_USAGE;
        if (r->kind == FMT_TEXT)
            fputc('\n', r->f);
    }
    if (r->kind == FMT_JSON) {
        cJSON *o = cJSON_CreateObject();
        jadd(o, "rows", jrows);
        jw_put(w, "thresholds", o);
    } else if (r->kind == FMT_MD) {
        tab_end(&t);
    }
    sb_free(&combo);
}

/* ---- the command ------------------------------------------------------- */

/* Gather the union of the models' class names, in order of appearance. */
static int gather_classes(report *r)
{
    int cap = 0;
    for (int i = 0; i < r->n; i++)
        cap += eq_model_classes(r->rm[i].m);
    r->cls = malloc(((size_t)cap + 1) * sizeof *r->cls);
    if (r->cls == NULL)
        return -1;
    for (int i = 0; i < r->n; i++)
        for (int k = 0; k < eq_model_classes(r->rm[i].m); k++) {
            const char *name = eq_model_class_name(r->rm[i].m, k);
            int seen = 0;
            for (int j = 0; j < r->ncls; j++)
                seen |= strcmp(r->cls[j], name) == 0;
            if (!seen)
                r->cls[r->ncls++] = name;
        }
    return 0;
}

static void write_report(report *r, const cli *c)
{
    jw w;
    if (r->kind == FMT_JSON) {
        cJSON *files = cJSON_CreateArray(), *method = cJSON_CreateObject();
        for (int i = 0; i < c->nfiles; i++)
            jpush(files, jstr(c->files[i]));
        jadd(method, "name", jstr(eq_method_name(EQ_METHOD_SPE)));
        jadd(method, "subgame_method", c->sub >= 0 ? jstr(eq_method_name((eq_method)c->sub))
                                                   : jnull());
        jadd(method, "coarse", jbool(c->coarse));
        jw_open(&w, r->f);
        jw_head(&w, "report");
        jw_put(&w, "files", files);
        jw_put(&w, "method", method);
    }
    paper(r, &w);
    if (r->kind != FMT_CSV && r->rc != EXIT_USAGE)
        rep_contrast(r, &w);
    if (r->kind != FMT_CSV && r->rc != EXIT_USAGE)
        rep_robustness(r, &w);
    if (r->kind != FMT_CSV && r->rc != EXIT_USAGE)
        thresholds(r, &w);
    if (r->kind == FMT_JSON && jw_close(&w) != 0) {
        cli_error("out of memory while writing JSON");
        r->rc = EXIT_USAGE;
    }
}

/* Whether m includes a file named *.game: another model, whose rows the
** report prints already. */
static int includes_a_model(const eq_model *m)
{
    for (int i = 1; i < eq_model_files(m); i++) {
        const char *f = eq_model_file(m, i);
        size_t len = strlen(f);
        if (len >= 5 && strcmp(f + len - 5, ".game") == 0)
            return 1;
    }
    return 0;
}

int cmd_report(cli *c)
{
    glob_t gl;
    cli all = *c;
    report r;
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
    memset(&r, 0, sizeof r);
    r.c = &all;
    r.kind = all.format;
    r.rm = calloc((size_t)all.nfiles + 1, sizeof *r.rm);
    if (r.rm == NULL) {
        cli_error("out of memory");
        rc = EXIT_USAGE;
    }
    for (int i = 0; i < all.nfiles && rc == 0; i++) {
        rc = rmodel_open(&r.rm[r.n], &all, all.files[i]);
        r.n++;
        /* The shipped models leave out one that includes another model
        ** (the per-option files over security.game): its rows are the
        ** included model's rows again (models/README.md).  A file of
        ** shared declarations that is not a model (not *.game) does not
        ** count. */
        if (rc == 0 && globbed && includes_a_model(r.rm[r.n - 1].m))
            rmodel_free(&r.rm[--r.n]);
    }
    if (rc == 0)
        rc = check_names(&r);
    if (rc == 0 && gather_classes(&r) != 0) {
        cli_error("out of memory");
        rc = EXIT_USAGE;
    }
    if (rc == 0 && (rc = sink_open(&out, &all)) == 0) {
        r.f = out.f;
        write_report(&r, &all);
        rc = sink_close(&out, r.rc);
    }
    for (int i = 0; i < r.n; i++)
        rmodel_free(&r.rm[i]);
    free(r.rm);
    free(r.cls);
    if (globbed)
        globfree(&gl);
    return rc;
}
