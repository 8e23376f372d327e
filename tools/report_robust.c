/*
** report_robust.c -- two sections of `equilib report` (report.c has the
** rest and the command):
**
** The timing contrast (models with a named choice `timing` and an
** interval parameter `delay`): for each combination of the other choices,
** every timing at GRID delays evenly over delay's domain (P(war) = 1 -
** P(peace) and the classes), and the breakpoints in delay under each
** timing with the classes on either side.
**
** The ranking and the claims (models that declare `claim` lines): one
** study of the library's robust engine (eq_robust_*) with the model's
** combinations of choices as reported contexts, every interval parameter
** uniform over its domain; the first varying choice (`option`) ranked
** within each combination of the others by its mean P(war), and each
** claim's share, 95% interval and most telling parameters.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _XOPEN_SOURCE 700
#include <ctype.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* ---- the timing contrast over the delay -------------------------------- */

/* Points of the delay grid, from the domain's low end to its high end. */
#define GRID 11

/* The model's `timing` (a named choice) and `delay` (an interval
** parameter), the two the contrast needs; 0 when it lacks either. */
static int contrast_params(const rmodel *rm, int *kt, int *kd)
{
    *kt = eq_model_param_index(rm->m, "timing");
    *kd = eq_model_param_index(rm->m, "delay");
    return *kt >= 0 && *kd >= 0 && eq_model_param_is_enum(rm->m, *kt) &&
           !eq_model_param_is_enum(rm->m, *kd);
}

/* P(war) = 1 - P(peace) when the model declares a class `peace`, else
** NaN. */
static double war_prob(const rmodel *rm, const eq_point *pt)
{
    int p = eq_model_class_index(rm->m, "peace");
    if (p < 0 || eq_point_status(pt) != EQ_OK || (eq_point_flags(pt) & EQ_FLAG_NONE))
        return NAN;
    return 1 - eq_point_class_prob(pt, p);
}

/* The classes of pt with a positive probability: "war_resumes 1". */
static void class_words(const rmodel *rm, const eq_point *pt, sbuf *b)
{
    char x[32];
    sb_clear(b);
    if (eq_point_status(pt) != EQ_OK || (eq_point_flags(pt) & EQ_FLAG_NONE)) {
        sb_printf(b, "%s", rep_point_path(pt));
        return;
    }
    for (int k = 0; k < eq_model_classes(rm->m); k++)
        if (eq_point_class_prob(pt, k) > 1e-12)
            sb_printf(b, "%s%s %s", b->len ? ", " : "", eq_model_class_name(rm->m, k),
                      rep_num4(eq_point_class_prob(pt, k), x));
    if (b->len == 0)
        sb_printf(b, "-");
}

/* The current combination's choices other than parameter skip. */
static void combo_words_but(const rmodel *rm, int skip, sbuf *b)
{
    sb_clear(b);
    for (int j = 0; j < rm->nchoice; j++) {
        int k = rm->choice[j];
        if (k != skip)
            sb_printf(b, "%s%s=%s", b->len ? ", " : "", eq_model_param_name(rm->m, k),
                      eq_model_param_choice(rm->m, k, (int)rm->vals[k]));
    }
    if (b->len == 0)
        sb_printf(b, "(no other choice)");
}

static const char *const contrast_head[] = {
    "model", "choices", "timing", "delay", "P(war) and classes (breakpoints: in delay, what changes)"
};

/* A row of the contrast's Markdown table (model, choices, timing, delay,
** outcome) or LaTeX table (timing, delay, outcome). */
static void contrast_row(report *r, table *t, const rmodel *rm, const char *words,
                         const char *timing, const char *delay, const char *text)
{
    if (r->kind == FMT_MD) {
        tab_str(t, eq_model_title(rm->m));
        tab_str(t, words);
    }
    tab_str(t, timing);
    tab_str(t, delay);
    tab_str(t, text);
    tab_end_row(t);
}

/* The breakpoints in delay at values v (one timing): "a (what changes);
** b (...)" into b, and as JSON objects into arr (may be NULL). */
static void contrast_breaks(report *r, rmodel *rm, const double *v, sbuf *b, cJSON *arr)
{
    eq_breaks *bk = NULL;
    sb_clear(b);
    if (eq_analysis_set_values(rm->a, v) != EQ_OK ||
        eq_model_breakpoints(rm->a, "delay", &bk) != EQ_OK) {
        const char *err = bk ? eq_breaks_errmsg(bk) : eq_analysis_errmsg(rm->a);
        sb_printf(b, "cannot be scanned: %s", err);
        cli_error("%s: the timing contrast: %s", rm->file, err);
        r->rc = rep_maxi(r->rc, EXIT_NOTFOUND);
        eq_breaks_free(bk);
        return;
    }
    for (int i = 0; i < eq_breaks_count(bk); i++) {
        sbuf cb = { 0 };
        const eq_point *lo = eq_breaks_segment(bk, i), *hi = eq_breaks_segment(bk, i + 1);
        sbuf ca = { 0 };
        sb_printf(b, "%s%s (", i ? "; " : "", eq_breaks_text(bk, i));
        class_words(rm, lo, &ca);
        class_words(rm, hi, &cb);
        if (strcmp(sb_str(&ca), sb_str(&cb)) == 0)     /* only the path changes */
            sb_printf(b, "path only; classes %s)", sb_str(&cb));
        else
            sb_printf(b, "%s%s%s)", sb_str(&ca), rep_arrow(r->kind), sb_str(&cb));
        if (arr != NULL) {
            cJSON *o = jpush(arr, cJSON_CreateObject());
            jadd(o, "value", jnum(eq_breaks_value(bk, i)));
            jadd(o, "text", jstr(eq_breaks_text(bk, i)));
            jadd(o, "war_before", jnum(war_prob(rm, lo)));
            jadd(o, "war_after", jnum(war_prob(rm, hi)));
            jadd(o, "classes_before", rep_classes_json(rm, lo, -1));
            jadd(o, "classes_after", rep_classes_json(rm, hi, -1));
        }
        sb_free(&ca);
        sb_free(&cb);
    }
    if (eq_breaks_count(bk) == 0)
        sb_printf(b, "none");
    eq_breaks_free(bk);
}

/* One cell of the contrast: rm solved at cv (pt) under timing tn at delay
** d, written as the format wants (first: the first timing of its row). */
static void contrast_cell(report *r, const rmodel *rm, eq_point *pt, const double *cv,
                          const char *words, const char *tn, int first, double d, table *t,
                          cJSON *tj)
{
    sbuf b = { 0 };
    char x[32], y[32];
    double war;
    int ok;
    if (eq_point_solve(pt, rm->a, cv) != EQ_OK)
        r->rc = rep_maxi(r->rc, EXIT_NOTFOUND);
    ok = eq_point_status(pt) == EQ_OK && !(eq_point_flags(pt) & EQ_FLAG_NONE);
    war = war_prob(rm, pt);
    class_words(rm, pt, &b);
    if (r->kind == FMT_TEXT && isnan(war)) {
        fprintf(r->f, "%s %s %s", first ? "" : ";", tn, sb_str(&b));
    } else if (r->kind == FMT_TEXT) {
        fprintf(r->f, "%s %s P(war) %s (%s)", first ? "" : ";", tn, rep_num4(war, x), sb_str(&b));
    } else if (tj != NULL) {
        cJSON *o = jadd(tj, tn, cJSON_CreateObject());
        jadd(o, "war", jnum(war));
        jadd(o, "classes", ok ? rep_classes_json(rm, pt, -1) : jnull());
        jadd(o, "path", jstr(ok ? eq_point_path(pt) : rep_point_path(pt)));
    } else {
        sbuf c2 = { 0 };
        if (!isnan(war))
            sb_printf(&c2, "P(war) %s: ", rep_num4(war, x));
        sb_printf(&c2, "%s", sb_str(&b));
        contrast_row(r, t, rm, words, tn, rep_num4(d, y), sb_str(&c2));
        sb_free(&c2);
    }
    sb_free(&b);
}

/* The contrast of one model: for each combination of its other choices,
** every timing's breakpoints in delay, then every timing at each delay
** of the grid. */
static void contrast_model(report *r, rmodel *rm, int kt, int kd, table *t, cJSON *jrows)
{
    int np = eq_model_params(rm->m), nt = eq_model_param_choices(rm->m, kt);
    int varied = 0;
    double *cv = malloc(((size_t)np + 1) * sizeof *cv);
    eq_point *pt = NULL;
    sbuf words = { 0 }, b = { 0 };
    char x[32];
    if (cv == NULL || eq_point_new(&pt, rm->m) != EQ_OK) {
        cli_error("out of memory");
        r->rc = EXIT_USAGE;
        free(cv);
        return;
    }
    for (int j = 0; j < rm->nchoice; j++)
        varied |= rm->choice[j] == kt;
    if (r->kind == FMT_TEXT)
        fprintf(r->f, "%s (%s)\n", eq_model_title(rm->m), rm->file);
    for (long j = 0; j < rm->ncombo && r->rc != EXIT_USAGE; j++) {
        double *v = rep_combo_values(rm, j);
        cJSON *row = NULL, *grid = NULL, *bks = NULL;
        if (varied && v[kt] != 0)
            continue;           /* each combination of the others once */
        memcpy(cv, v, (size_t)np * sizeof *cv);
        combo_words_but(rm, kt, &words);
        if (r->kind == FMT_TEXT) {
            fprintf(r->f, "  %s\n", sb_str(&words));
        } else if (r->kind == FMT_JSON) {
            cJSON *ch = cJSON_CreateObject();
            row = jpush(jrows, cJSON_CreateObject());
            jadd(row, "file", jstr(rm->file));
            jadd(row, "title", jstr(eq_model_title(rm->m)));
            for (int i = 0; i < rm->nchoice; i++)
                if (rm->choice[i] != kt)
                    jadd(ch, eq_model_param_name(rm->m, rm->choice[i]),
                         jstr(eq_model_param_choice(rm->m, rm->choice[i],
                                                    (int)v[rm->choice[i]])));
            jadd(row, "choices", ch);
            bks = jadd(row, "breakpoints", cJSON_CreateObject());
            grid = jadd(row, "grid", cJSON_CreateArray());
        } else if (r->kind == FMT_TEX) {
            sbuf h = { 0 };
            sb_printf(&h, " (%s): the timing contrast over delay", sb_str(&words));
            rep_tex_heading(r->f, "\\medskip", eq_model_title(rm->m), sb_str(&h));
            tab_begin(t, r->f, r->kind, 3, contrast_head + 2, "llp");
            sb_free(&h);
        }
        for (int tm = 0; tm < nt; tm++) {
            const char *tn = eq_model_param_choice(rm->m, kt, tm);
            cJSON *arr = bks ? jadd(bks, tn, cJSON_CreateArray()) : NULL;
            cv[kt] = tm;
            contrast_breaks(r, rm, cv, &b, arr);
            if (r->kind == FMT_TEXT)
                fprintf(r->f, "    breakpoints in delay, timing=%s: %s\n", tn, sb_str(&b));
            else if (r->kind == FMT_MD || r->kind == FMT_TEX)
                contrast_row(r, t, rm, sb_str(&words), tn, "breakpoints", sb_str(&b));
        }
        for (int g = 0; g < GRID; g++) {
            double lo = eq_model_param_lo(rm->m, kd), hi = eq_model_param_hi(rm->m, kd);
            double d = lo + (hi - lo) * g / (GRID - 1);
            cJSON *gp = NULL, *tj = NULL;
            cv[kd] = d;
            if (r->kind == FMT_TEXT)
                fprintf(r->f, "    delay %s:", rep_num4(d, x));
            if (grid != NULL) {
                gp = jpush(grid, cJSON_CreateObject());
                jadd(gp, "delay", jnum(d));
                tj = jadd(gp, "timings", cJSON_CreateObject());
            }
            for (int tm = 0; tm < nt; tm++) {
                cv[kt] = tm;
                contrast_cell(r, rm, pt, cv, sb_str(&words), eq_model_param_choice(rm->m, kt, tm),
                              tm == 0, d, t, tj);
            }
            if (r->kind == FMT_TEXT)
                fputc('\n', r->f);
        }
        if (r->kind == FMT_TEX)
            tab_end(t);
    }
    if (eq_analysis_set_values(rm->a, rm->base) != EQ_OK)
        r->rc = EXIT_USAGE;
    if (r->kind == FMT_TEXT)
        fputc('\n', r->f);
    eq_point_free(pt);
    free(cv);
    sb_free(&words);
    sb_free(&b);
}

/* The timing contrast of every model that has `timing` and `delay`. */
void rep_contrast(report *r, jw *w)
{
    table t;
    cJSON *jrows = NULL;
    int any = 0;
    for (int i = 0; i < r->n; i++) {
        int kt, kd;
        any |= contrast_params(&r->rm[i], &kt, &kd);
    }
    if (r->kind == FMT_JSON) {
        jrows = cJSON_CreateArray();
    } else if (!any) {
        return;
    } else if (r->kind == FMT_TEXT) {
        fprintf(r->f, "Timing contrast: every timing at each of %d delays over its domain, and "
                "the breakpoints in delay, the other parameters at the baseline; P(war) = "
                "1 - P(peace)\n\n", GRID);
    } else if (r->kind == FMT_MD) {
        fputs("\n**Timing contrast over delay** (every timing at each delay, the other "
              "parameters at the baseline; P(war) = 1 - P(peace))\n\n", r->f);
        tab_begin(&t, r->f, r->kind, 5, contrast_head, "ppllp");
    }
    for (int i = 0; i < r->n && r->rc != EXIT_USAGE; i++) {
        int kt, kd;
        if (contrast_params(&r->rm[i], &kt, &kd))
            contrast_model(r, &r->rm[i], kt, kd, &t, jrows);
    }
    if (r->kind == FMT_JSON) {
        cJSON *o = cJSON_CreateObject();
        jadd(o, "parameter", jstr("delay"));
        jadd(o, "war", jstr("1 - P(peace)"));
        jadd(o, "rows", jrows);
        jw_put(w, "contrast", o);
    } else if (r->kind == FMT_MD) {
        tab_end(&t);
    }
}

/* ---- the ranking and the claims ---------------------------------------- */

/* Samples of the report's robustness study unless --samples says. */
#define REPORT_SAMPLES 300

/* One model's robustness study: contexts 1.. are its combinations of
** choices (context 0 its own), the first choice ranked within each
** combination of the others by P(peace). */
typedef struct rstudy {
    const rmodel *rm;
    eq_robust *r;
    int ncls, peace;       /* classes; the index of `peace`, -1: no ranking */
    int nopt, ngroup;      /* choices of the ranked parameter; groups */
    long long n;           /* samples summed */
    long long *first;      /* [group * nopt + option]: strictly the least war */
} rstudy;

static int rstudy_sample(void *ud, long long index, int nx, const double *x, int ny,
                         const double *y)
{
    rstudy *s = ud;
    (void)index, (void)nx, (void)x;
    s->n++;
    if (s->peace < 0 || ny < (1 + s->nopt * s->ngroup) * s->ncls)
        return 0;
    for (int g = 0; g < s->ngroup; g++) {
        int best = 0, count = 0;
        for (int a = 1; a < s->nopt; a++)
            if (y[(1 + a * s->ngroup + g) * s->ncls + s->peace] >
                y[(1 + best * s->ngroup + g) * s->ncls + s->peace])
                best = a;
        for (int a = 0; a < s->nopt; a++)
            count += y[(1 + a * s->ngroup + g) * s->ncls + s->peace] >=
                     y[(1 + best * s->ngroup + g) * s->ncls + s->peace] - 1e-9;
        if (count == 1)         /* strictly: a tie counts for none */
            s->first[g * s->nopt + best]++;
    }
    return 0;
}

/* Wilson's 95% score interval for k of n. */
static void wilson(long long k, long long n, double *lo, double *hi)
{
    double z = 1.959963984540054, p = n > 0 ? (double)k / (double)n : NAN, nn = (double)n;
    double c = (p + z * z / (2 * nn)) / (1 + z * z / nn);
    double h = z * sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / (1 + z * z / nn);
    *lo = n <= 0 ? NAN : k == 0 ? 0 : fmax(0, c - h);
    *hi = n <= 0 ? NAN : k == n ? 1 : fmin(1, c + h);
}

/* The three sampled parameters with the largest first-order Sobol index
** of item i: "audience_member 0.38; west_war_cost 0.14". */
static void matters_most(eq_robust *r, int i, sbuf *b, cJSON *o)
{
    int nd = eq_robust_dims(r), used[3] = { -1, -1, -1 };
    sb_clear(b);
    for (int u = 0; u < 3; u++) {
        int best = -1;
        for (int j = 0; j < nd; j++) {
            double v = eq_robust_item_importance(r, i, j);
            if (isnan(v) || v <= 0.01 || j == used[0] || j == used[1])
                continue;
            if (best < 0 || v > eq_robust_item_importance(r, i, best))
                best = j;
        }
        if (best < 0)
            break;
        used[u] = best;
        sb_printf(b, "%s%s %.2f", u ? "; " : "", eq_robust_dim_name(r, best),
                  eq_robust_item_importance(r, i, best));
        if (o != NULL)
            jadd(o, eq_robust_dim_name(r, best), jnum(eq_robust_item_importance(r, i, best)));
    }
    if (b->len == 0)
        sb_printf(b, "-");
}

/* Set up and run the study of rm.  Returns 0, or -1 with the message
** printed. */
static int rstudy_run(report *r, rstudy *s)
{
    const rmodel *rm = s->rm;
    const cli *c = r->c;
    sbuf spec = { 0 };
    long long ns = c->samples > 0 ? c->samples : REPORT_SAMPLES;
    int rc = 0;
    s->ncls = eq_model_classes(rm->m);
    s->peace = rm->nchoice > 0 ? eq_model_class_index(rm->m, "peace") : -1;
    s->nopt = rm->nchoice > 0 ? eq_model_param_choices(rm->m, rm->choice[0]) : 1;
    s->ngroup = (int)(rm->ncombo / s->nopt);
    s->first = calloc((size_t)rm->ncombo + 1, sizeof *s->first);
    if (s->first == NULL || eq_robust_new(&s->r) != EQ_OK ||
        eq_robust_add_model(s->r, rm->a, "model") != EQ_OK) {
        cli_error("%s: %s", rm->file, s->r ? eq_robust_errmsg(s->r) : "out of memory");
        return -1;
    }
    for (long j = 0; j < rm->ncombo && s->peace >= 0 && rc == 0; j++) {
        long q = j;
        sb_clear(&spec);
        for (int i = rm->nchoice - 1; i >= 0; i--) {
            int k = rm->choice[i], n = eq_model_param_choices(rm->m, k);
            sbuf one = { 0 };
            sb_printf(&one, "%s=%s%s%s", eq_model_param_name(rm->m, k),
                      eq_model_param_choice(rm->m, k, (int)(q % n)), spec.len ? ", " : "",
                      sb_str(&spec));
            sb_clear(&spec);
            sb_printf(&spec, "%s", sb_str(&one));
            sb_free(&one);
            q /= n;
        }
        if (eq_robust_context(s->r, sb_str(&spec)) != EQ_OK)
            rc = -1;
    }
    sb_free(&spec);
    if (rc == 0 && ((eq_robust_set_samples(s->r, ns) != EQ_OK) ||
                    (c->seed_set && eq_robust_set_seed(s->r, c->seed) != EQ_OK) ||
                    (c->jobs > 1 && eq_robust_set_threads(s->r, c->jobs) != EQ_OK) ||
                    eq_robust_run(s->r, rstudy_sample, s) != EQ_OK))
        rc = -1;
    if (rc != 0) {
        cli_error("%s: the claims: %s", rm->file, eq_robust_errmsg(s->r));
        return -1;
    }
    /* The contexts' classes come first, in the order added. */
    for (long j = 0; j <= rm->ncombo && s->peace >= 0; j++) {
        int it = (int)j * s->ncls + s->peace;
        if (eq_robust_item_kind(s->r, it) != EQ_ITEM_CLASS ||
            strcmp(eq_robust_item_name(s->r, it), "peace") != 0)
            s->peace = -1;
    }
    if (s->peace >= 0 &&
        eq_robust_item_kind(s->r, (int)(rm->ncombo + 1) * s->ncls) == EQ_ITEM_CLASS)
        s->peace = -1;      /* not the layout counted on: no ranking */
    return 0;
}

static const char *const rank_head[] = {
    "model", "choices", "rank", "option", "P(war)", "95% interval", "strictly least war",
    "95% interval"
};
static const char *const claim_head[] = {
    "model", "claim", "holds in", "95% interval", "matters most (Sobol)", "meaning"
};

/* "[0.1, 0.2]" */
static const char *interval_words(double lo, double hi, char *buf, size_t len)
{
    char a[32], b[32];
    snprintf(buf, len, "[%s, %s]", rep_num4(lo, a), rep_num4(hi, b));
    return buf;
}

/* The description the model gives claim name, or "". */
static const char *claim_meaning(const eq_model *m, const char *name)
{
    for (int i = 0; i < eq_model_claims(m); i++)
        if (strcmp(eq_model_claim_name(m, i), name) == 0)
            return eq_model_claim_description(m, i) ? eq_model_claim_description(m, i) : "";
    return "";
}

/* The ranking of the first choice within each group of the others. */
static void ranking_out(report *r, rstudy *s, table *t, cJSON *jo)
{
    rmodel *rm = (rmodel *)s->rm;
    int k0 = rm->choice[0];
    int *ord = malloc((size_t)s->nopt * sizeof *ord);
    double *war = malloc((size_t)s->nopt * sizeof *war);
    cJSON *jr = jo ? jadd(jo, "ranking", cJSON_CreateArray()) : NULL;
    sbuf words = { 0 };
    char x[32], y[32], iv[80], iv2[80];
    if (ord == NULL || war == NULL) {
        free(ord);
        free(war);
        return;
    }
    if (r->kind == FMT_TEXT)
        fprintf(r->f, "  ranking of %s by P(war) = 1 - P(peace), the mean over the samples "
                "[95%% interval]; \"first\": the share of the samples in which it has "
                "strictly the least war [95%% interval]\n", eq_model_param_name(rm->m, k0));
    for (int g = 0; g < s->ngroup; g++) {
        cJSON *jg = NULL, *jopts = NULL, *ch = NULL;
        rep_combo_values(rm, g);
        combo_words_but(rm, k0, &words);
        for (int a = 0; a < s->nopt; a++) {
            int it = (1 + a * s->ngroup + g) * s->ncls + s->peace;
            war[a] = 1 - eq_robust_item_share(s->r, it);
            ord[a] = a;
        }
        for (int a = 1; a < s->nopt; a++)      /* insertion sort by P(war) */
            for (int b = a; b > 0 && war[ord[b]] < war[ord[b - 1]]; b--) {
                int tmp = ord[b];
                ord[b] = ord[b - 1];
                ord[b - 1] = tmp;
            }
        if (r->kind == FMT_TEXT)
            fprintf(r->f, "    %s\n", sb_str(&words));
        if (jr != NULL) {
            jg = jpush(jr, cJSON_CreateObject());
            ch = jadd(jg, "choices", cJSON_CreateObject());
            for (int i = 1; i < rm->nchoice; i++)
                jadd(ch, eq_model_param_name(rm->m, rm->choice[i]),
                     jstr(eq_model_param_choice(rm->m, rm->choice[i],
                                                (int)rm->vals[rm->choice[i]])));
            jopts = jadd(jg, "options", cJSON_CreateArray());
        }
        for (int q = 0; q < s->nopt; q++) {
            int a = ord[q], it = (1 + a * s->ngroup + g) * s->ncls + s->peace;
            long long k = s->first[g * s->nopt + a];
            double wlo = 1 - eq_robust_item_hi(s->r, it), whi = 1 - eq_robust_item_lo(s->r, it);
            double flo, fhi, fs = s->n > 0 ? (double)k / (double)s->n : NAN;
            const char *on = eq_model_param_choice(rm->m, k0, a);
            wilson(k, s->n, &flo, &fhi);
            interval_words(wlo, whi, iv, sizeof iv);
            interval_words(flo, fhi, iv2, sizeof iv2);
            if (r->kind == FMT_TEXT) {
                fprintf(r->f, "      %d. %s: P(war) %s %s; first in %s %s\n", q + 1, on,
                        rep_num4(war[a], x), iv, rep_num4(fs, y), iv2);
            } else if (jopts != NULL) {
                cJSON *o = jpush(jopts, cJSON_CreateObject());
                jadd(o, "rank", jint(q + 1));
                jadd(o, "option", jstr(on));
                jadd(o, "war", jnum(war[a]));
                jadd(o, "war_lo", jnum(wlo));
                jadd(o, "war_hi", jnum(whi));
                jadd(o, "first", jnum(fs));
                jadd(o, "first_lo", jnum(flo));
                jadd(o, "first_hi", jnum(fhi));
            } else if (t != NULL) {
                if (r->kind == FMT_MD)
                    tab_str(t, eq_model_title(rm->m));
                tab_str(t, sb_str(&words));
                tab_int(t, q + 1);
                tab_str(t, on);
                tab_num(t, war[a]);
                tab_str(t, iv);
                tab_num(t, fs);
                tab_str(t, iv2);
                tab_end_row(t);
            }
        }
    }
    sb_free(&words);
    free(ord);
    free(war);
}

/* The model's claims: share, interval, the parameters that matter. */
static void claims_out(report *r, rstudy *s, table *t, cJSON *jo)
{
    cJSON *jc = jo ? jadd(jo, "claims", cJSON_CreateArray()) : NULL;
    sbuf mm = { 0 };
    char x[32], iv[80];
    if (r->kind == FMT_TEXT)
        fputs("  claims: the share of the samples in which each holds [95% interval]; the "
              "parameters that matter most by first-order Sobol index\n", r->f);
    for (int i = 0; i < eq_robust_items(s->r); i++) {
        const char *name;
        cJSON *o = NULL;
        if (eq_robust_item_kind(s->r, i) != EQ_ITEM_CLAIM)
            continue;
        name = eq_robust_item_name(s->r, i);
        interval_words(eq_robust_item_lo(s->r, i), eq_robust_item_hi(s->r, i), iv, sizeof iv);
        if (jc != NULL) {
            o = jpush(jc, cJSON_CreateObject());
            jadd(o, "name", jstr(name));
            jadd(o, "description", jstr(claim_meaning(s->rm->m, name)));
            jadd(o, "text", jstr(eq_robust_item_text(s->r, i)));
            jadd(o, "hits", jint((long)eq_robust_item_hits(s->r, i)));
            jadd(o, "share", jnum(eq_robust_item_share(s->r, i)));
            jadd(o, "lo", jnum(eq_robust_item_lo(s->r, i)));
            jadd(o, "hi", jnum(eq_robust_item_hi(s->r, i)));
        }
        matters_most(s->r, i, &mm, o ? jadd(o, "matters_most", cJSON_CreateObject()) : NULL);
        if (r->kind == FMT_TEXT) {
            fprintf(r->f, "    %s: %s %s  %s\n      matters most: %s\n", name,
                    rep_num4(eq_robust_item_share(s->r, i), x), iv,
                    claim_meaning(s->rm->m, name), sb_str(&mm));
        } else if (t != NULL && jc == NULL) {
            if (r->kind == FMT_MD)
                tab_str(t, eq_model_title(s->rm->m));
            tab_str(t, name);
            tab_num(t, eq_robust_item_share(s->r, i));
            tab_str(t, iv);
            tab_str(t, sb_str(&mm));
            tab_str(t, claim_meaning(s->rm->m, name));
            tab_end_row(t);
        }
    }
    sb_free(&mm);
}

/* The ranking and the claims of every model that declares claims. */
void rep_robustness(report *r, jw *w)
{
    cJSON *jrows = r->kind == FMT_JSON ? cJSON_CreateArray() : NULL;
    long long ns = r->c->samples > 0 ? r->c->samples : REPORT_SAMPLES;
    unsigned long long seed = r->c->seed_set ? r->c->seed : 1;
    for (int i = 0; i < r->n && r->rc != EXIT_USAGE; i++) {
        rstudy s;
        table t;
        cJSON *jo = NULL;
        char head[512];
        memset(&s, 0, sizeof s);
        s.rm = &r->rm[i];
        if (eq_model_claims(s.rm->m) == 0)
            continue;
        if (rstudy_run(r, &s) != 0) {
            r->rc = rep_maxi(r->rc, EXIT_NOTFOUND);
        } else {
            snprintf(head, sizeof head, "%lld Latin-hypercube samples, every interval parameter "
                     "uniform over its domain, seed %llu; %lld left out%s%s", ns, seed,
                     eq_robust_failures(s.r), eq_robust_failures(s.r) ? ", the first: " : "",
                     eq_robust_failures(s.r) ? eq_robust_failure(s.r) : "");
            if (r->kind == FMT_TEXT) {
                fprintf(r->f, "Ranking and claims: %s\n\n%s (%s)\n", head,
                        eq_model_title(s.rm->m), s.rm->file);
            } else if (jrows != NULL) {
                jo = jpush(jrows, cJSON_CreateObject());
                jadd(jo, "file", jstr(s.rm->file));
                jadd(jo, "title", jstr(eq_model_title(s.rm->m)));
                jadd(jo, "samples", jint((long)eq_robust_samples(s.r)));
                jadd(jo, "failures", jint((long)eq_robust_failures(s.r)));
                jadd(jo, "seed", jnum((double)seed));
            }
            if (s.peace >= 0) {
                if (r->kind == FMT_MD) {
                    fprintf(r->f, "\n**Ranking of each %s by P(war)** (%s: %s)\n\n",
                            eq_model_param_name(s.rm->m, s.rm->choice[0]),
                            eq_model_title(s.rm->m), head);
                    tab_begin(&t, r->f, r->kind, 8, rank_head, "pprlrlrl");
                } else if (r->kind == FMT_TEX) {
                    snprintf(head, sizeof head, ": the ranking of each %s by P(war)",
                             eq_model_param_name(s.rm->m, s.rm->choice[0]));
                    rep_tex_heading(r->f, "\\medskip", eq_model_title(s.rm->m), head);
                    tab_begin(&t, r->f, r->kind, 7, rank_head + 1, "prlrlrl");
                }
                ranking_out(r, &s, &t, jo);
                if (r->kind == FMT_MD || r->kind == FMT_TEX)
                    tab_end(&t);
            }
            if (r->kind == FMT_MD) {
                fprintf(r->f, "\n**Claims** (%s: %s)\n\n", eq_model_title(s.rm->m), head);
                tab_begin(&t, r->f, r->kind, 6, claim_head, "prlppp");
            } else if (r->kind == FMT_TEX) {
                rep_tex_heading(r->f, "\\medskip", eq_model_title(s.rm->m), ": the claims");
                tab_begin(&t, r->f, r->kind, 5, claim_head + 1, "prlpp");
            }
            claims_out(r, &s, &t, jo);
            if (r->kind == FMT_MD || r->kind == FMT_TEX)
                tab_end(&t);
            if (r->kind == FMT_TEXT)
                fputc('\n', r->f);
        }
        eq_robust_free(s.r);
        free(s.first);
    }
    if (jrows != NULL) {
        cJSON *o = cJSON_CreateObject();
        jadd(o, "rows", jrows);
        jw_put(w, "robust", o);
    }
}
