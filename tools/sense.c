/*
** sense.c -- `equilib sweep` and `equilib breakpoints`: a model's
** equilibrium over a grid of parameter values, and the values of one
** parameter at which it changes.  Both are thin layers over the library's
** sensitivity engine (eq_analysis, eq_model_sweep, eq_model_breakpoints
** in include/equilib.h); this file only prints.
**
** Every format carries the same facts.  A sweep's row: the values of the
** varied parameters, the equilibrium path in words, each declared outcome
** class's probability, each player's expected payoff, the number of
** subgame-perfect equilibria, the certificate (largest gain from a
** deviation) and the flags in words (the LaTeX table, made to fit a page,
** keeps the values, path, classes and SPE count; the payoffs, certificate
** and flags are in the other formats).  Rows stream in grid order, whatever
** the number of threads, so the output is the same for every -j.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "out_json.h"
#include "out_table.h"
#include "shard.h"
#include "plot.h"

/* What a sweep's callback needs. */
typedef struct sweep_out {
    const cli *c;
    const eq_model *m;
    const eq_analysis *a;
    FILE *f;
    table t;
    jw w;
    long long done, total;
    int progress;             /* standard error is a terminal */
    plot *plot;               /* --plot: the figure's rows, or NULL */
    int shard;                /* --shard: rows become records */
    cJSON *recs;              /* MPI: records go here rather than to w */
    double *v, *cls, *pay;    /* a row's numbers (axes, classes, players) */
    const char **notes;
    int capnotes;
} sweep_out;

/* Read the model and set up the analysis: -p values, threads, measures.
** Returns 0 or an exit status after a message. */
static int setup(const cli *c, eq_model **m, eq_analysis **a)
{
    int rc;
    *a = NULL;
    if ((rc = load_model(c->files[0], c->input_format, m)) != 0)
        return rc;
    if (eq_analysis_new(a, *m) != EQ_OK) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    for (int i = 0; i < c->nparams; i++)
        if (eq_analysis_set(*a, c->params[i]) != EQ_OK) {
            cli_error("%s: -p %s: %s", c->files[0], c->params[i], eq_analysis_errmsg(*a));
            return EXIT_USAGE;
        }
    if (c->jobs > 1 && eq_analysis_set_threads(*a, c->jobs) != EQ_OK) {
        cli_error("-j %d: %s", c->jobs, eq_analysis_errmsg(*a));
        return EXIT_USAGE;
    }
    if (eq_analysis_set_measures(*a, EQ_MEASURE_COUNT | EQ_MEASURE_CLAMPS) != EQ_OK) {
        cli_error("%s", eq_analysis_errmsg(*a));
        return EXIT_USAGE;
    }
    return 0;
}

/* The text of parameter k's value v: a choice's name or a number. */
static const char *value_text(const eq_model *m, int k, double v, char *buf)
{
    if (eq_model_param_is_enum(m, k))
        return eq_model_param_choice(m, k, (int)v);
    return num_repr(v, buf);
}

/* The notes of a point, joined with "; ". */
static void notes_text(const eq_point *pt, sbuf *b)
{
    sb_clear(b);
    for (int i = 0; i < eq_point_notes(pt); i++)
        sb_printf(b, "%s%s", i ? "; " : "", eq_point_note(pt, i));
}

/* The notes of a row, joined with "; ". */
static void row_notes_text(const srow *r, sbuf *b)
{
    sb_clear(b);
    for (int i = 0; i < r->nnotes; i++)
        sb_printf(b, "%s%s", i ? "; " : "", r->notes[i]);
}

/* ---- sweep ----------------------------------------------------------- */

/* The headings of a sweep's table: the axes, then the fixed columns. */
static int sweep_header(const eq_model *m, const eq_analysis *a, int tex, const char ***hp,
                        char **specp, sbuf *names)
{
    int naxes = eq_analysis_axes(a), nc = eq_model_classes(m);
    int np = tex ? 0 : eq_model_players(m);
    int n = naxes + 1 + nc + np + (tex ? 1 : 3), col = 0;
    const char **h = calloc((size_t)n, sizeof *h);
    char *spec = calloc((size_t)n + 1, 1);
    size_t *off = calloc((size_t)n, sizeof *off);
    if (h == NULL || spec == NULL || off == NULL) {
        free(h), free(spec), free(off);
        return -1;
    }
    sb_clear(names);
    /* the names go into one buffer; pointers are taken once it is whole */
    for (int j = 0; j < naxes; j++) {
        off[col] = names->len;
        sb_printf(names, "%s", eq_model_param_name(m, eq_analysis_axis_param(a, j)));
        sb_printf(names, "%c", '\0');
        spec[col++] = eq_model_param_is_enum(m, eq_analysis_axis_param(a, j)) ? 'l' : 'r';
    }
    off[col] = names->len, sb_printf(names, "path%c", '\0'), spec[col++] = 'p';
    for (int k = 0; k < nc; k++) {
        off[col] = names->len;
        sb_printf(names, "P(%s)%c", eq_model_class_name(m, k), '\0');
        spec[col++] = 'R';
    }
    for (int p = 0; p < np; p++) {
        off[col] = names->len;
        sb_printf(names, "E(%s)%c", eq_model_player_name(m, p), '\0');
        spec[col++] = 'R';
    }
    off[col] = names->len, sb_printf(names, "SPEs%c", '\0'), spec[col++] = 'r';
    if (!tex) {
        off[col] = names->len, sb_printf(names, "regret%c", '\0'), spec[col++] = 'r';
        off[col] = names->len, sb_printf(names, "flags%c", '\0'), spec[col++] = 'p';
    }
    if (names->oom) {
        free(h), free(spec), free(off);
        return -1;
    }
    for (int i = 0; i < n; i++)
        h[i] = names->s + off[i];
    free(off);
    *hp = h;
    *specp = spec;
    return n;
}

/* One row as a JSON object. */
static cJSON *sweep_json_row(const sweep_out *o, const srow *r)
{
    const eq_model *m = o->m;
    cJSON *row = cJSON_CreateObject(), *vals, *cls, *pay, *fl;
    char buf[32];
    jadd(row, "index", jint((long)r->index));
    vals = jadd(row, "values", cJSON_CreateObject());
    for (int j = 0; j < eq_analysis_axes(o->a); j++) {
        int k = eq_analysis_axis_param(o->a, j);
        double v = r->v[j];
        jadd(vals, eq_model_param_name(m, k),
             eq_model_param_is_enum(m, k) ? jstr(value_text(m, k, v, buf)) : jnum(v));
    }
    jadd(row, "path", jstr(r->path));
    cls = jadd(row, "classes", cJSON_CreateObject());
    for (int k = 0; k < eq_model_classes(m); k++)
        jadd(cls, eq_model_class_name(m, k), jnum(r->cls[k]));
    pay = jadd(row, "payoffs", cJSON_CreateObject());
    for (int p = 0; p < eq_model_players(m); p++)
        jadd(pay, eq_model_player_name(m, p), jnum(r->pay[p]));
    jadd(row, "spe_count", r->spe >= 0 ? jint(r->spe) : jnull());
    jadd(row, "regret", jnum(r->regret));
    fl = jadd(row, "flags", cJSON_CreateArray());
    for (int i = 0; i < r->nnotes; i++)
        jpush(fl, jstr(r->notes[i]));
    return row;
}

/* One row as text, for people. */
static void sweep_text_row(const sweep_out *o, const srow *r, const char *notes)
{
    const eq_model *m = o->m;
    char buf[32];
    FILE *f = o->f;
    for (int j = 0; j < eq_analysis_axes(o->a); j++) {
        int k = eq_analysis_axis_param(o->a, j);
        fprintf(f, "%s%s=%s", j ? " " : "", eq_model_param_name(m, k),
                value_text(m, k, r->v[j], buf));
    }
    fprintf(f, "\n  path: %s\n ", r->path);
    for (int k = 0; k < eq_model_classes(m); k++) {
        fprintf(f, " P(%s) ", eq_model_class_name(m, k));
        num_human(f, r->cls[k]);
    }
    for (int p = 0; p < eq_model_players(m); p++) {
        fprintf(f, "  E(%s) ", eq_model_player_name(m, p));
        num_human(f, r->pay[p]);
    }
    if (r->spe >= 0)
        fprintf(f, "  SPEs %d", r->spe);
    fputs("  regret ", f);
    num_human(f, r->regret);
    fputc('\n', f);
    if (*notes)
        fprintf(f, "  flags: %s\n", notes);
}

/* One row, in grid order. */
static int sweep_emit(sweep_out *o, const srow *r)
{
    const eq_model *m = o->m;
    sbuf notes = { 0 };
    char buf[32];
    row_notes_text(r, &notes);
    if (o->recs != NULL) {
        cJSON *rec = srow_record(r, eq_analysis_axes(o->a), eq_model_classes(m),
                                 eq_model_players(m));
        if (rec == NULL || !cJSON_AddItemToArray(o->recs, rec)) {
            cJSON_Delete(rec);
            sb_free(&notes);
            return 1;
        }
        sb_free(&notes);
        return 0;
    } else if (o->shard) {
        jw_item(&o->w, srow_record(r, eq_analysis_axes(o->a), eq_model_classes(m),
                                   eq_model_players(m)));
    } else if (o->c->format == FMT_JSON) {
        jw_item(&o->w, sweep_json_row(o, r));
    } else if (o->c->format == FMT_TEXT) {
        sweep_text_row(o, r, sb_str(&notes));
    } else {
        for (int j = 0; j < eq_analysis_axes(o->a); j++) {
            int k = eq_analysis_axis_param(o->a, j);
            if (eq_model_param_is_enum(m, k))
                tab_str(&o->t, value_text(m, k, r->v[j], buf));
            else
                tab_num(&o->t, r->v[j]);
        }
        tab_str(&o->t, r->path);
        for (int k = 0; k < eq_model_classes(m); k++)
            tab_num(&o->t, r->cls[k]);
        for (int p = 0; o->c->format != FMT_TEX && p < eq_model_players(m); p++)
            tab_num(&o->t, r->pay[p]);
        if (r->spe >= 0)
            tab_int(&o->t, r->spe);
        else
            tab_empty(&o->t);
        if (o->c->format != FMT_TEX) {
            tab_num(&o->t, r->regret);
            tab_str(&o->t, sb_str(&notes));
        }
        tab_end_row(&o->t);
    }
    sb_free(&notes);
    plot_add(o->plot, r->index, r->path, r->cls);
    o->done++;
    if (o->progress)
        fprintf(stderr, "\rsweep: %lld/%lld points", o->done, o->total);
    return ferror(o->f) ? 1 : 0;
}

/* Room for n notes in o; -1 when out of memory. */
static int notes_room(sweep_out *o, int n)
{
    if (n > o->capnotes) {
        const char **p = realloc(o->notes, (size_t)n * sizeof *p);
        if (p == NULL)
            return -1;
        o->notes = p;
        o->capnotes = n;
    }
    return 0;
}

/* The sweep's callback: a point as a row. */
static int sweep_row(void *ud, const eq_point *pt)
{
    sweep_out *o = ud;
    srow r;
    int nn = eq_point_notes(pt);
    if (notes_room(o, nn) != 0)
        return 1;
    r.index = eq_point_index(pt);
    for (int j = 0; j < eq_analysis_axes(o->a); j++)
        o->v[j] = eq_point_value(pt, eq_analysis_axis_param(o->a, j));
    for (int k = 0; k < eq_model_classes(o->m); k++)
        o->cls[k] = eq_point_class_prob(pt, k);
    for (int p = 0; p < eq_model_players(o->m); p++)
        o->pay[p] = eq_point_payoff(pt, p);
    for (int i = 0; i < nn; i++)
        o->notes[i] = eq_point_note(pt, i);
    r.v = o->v, r.cls = o->cls, r.pay = o->pay, r.notes = o->notes;
    r.path = eq_point_path(pt);
    r.spe = eq_point_spe_count(pt);
    r.regret = eq_point_regret(pt);
    r.nnotes = nn;
    return sweep_emit(o, &r);
}

/* merge: a record as a row. */
static int sweep_record(void *ud, const cJSON *rec)
{
    sweep_out *o = ud;
    srow r;
    const cJSON *ns = cJSON_GetObjectItemCaseSensitive(rec, "notes");
    if (notes_room(o, cJSON_GetArraySize(ns)) != 0) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    if (srow_from_record(rec, &r, eq_analysis_axes(o->a), eq_model_classes(o->m),
                         eq_model_players(o->m), o->v, o->cls, o->pay, o->notes,
                         o->capnotes) != 0) {
        cli_error("merge: record %lld is malformed", o->done);
        return EXIT_USAGE;
    }
    return sweep_emit(o, &r) ? EXIT_USAGE : 0;
}

/* The head of a sweep's JSON document. */
static void sweep_json_head(sweep_out *o)
{
    const eq_model *m = o->m;
    cJSON *axes = cJSON_CreateArray(), *cls = cJSON_CreateArray();
    char buf[32];
    jw_head(&o->w, "sweep");
    jw_put(&o->w, "file", jstr(o->c->files[0]));
    jw_put(&o->w, "title", jstr(eq_model_title(m)));
    jw_put(&o->w, "parameters", jparams(m, eq_analysis_values(o->a)));
    for (int j = 0; j < eq_analysis_axes(o->a); j++) {
        int k = eq_analysis_axis_param(o->a, j);
        cJSON *ax = jpush(axes, cJSON_CreateObject());
        cJSON *vs = jadd(ax, "values", cJSON_CreateArray());
        jadd(ax, "name", jstr(eq_model_param_name(m, k)));
        for (int i = 0; i < eq_analysis_axis_points(o->a, j); i++) {
            double v = eq_analysis_axis_value(o->a, j, i);
            jpush(vs, eq_model_param_is_enum(m, k) ? jstr(value_text(m, k, v, buf)) : jnum(v));
        }
    }
    jw_put(&o->w, "axes", axes);
    for (int k = 0; k < eq_model_classes(m); k++) {
        cJSON *c = jpush(cls, cJSON_CreateObject());
        jadd(c, "name", jstr(eq_model_class_name(m, k)));
        jadd(c, "description", jstr(eq_model_class_description(m, k)));
    }
    jw_put(&o->w, "classes", cls);
    jw_put(&o->w, "points", jint((long)eq_analysis_points(o->a)));
    jw_array_open(&o->w, "rows");
}

/* Print the sweep of a into f; returns an exit status. */
static int sweep_print(const cli *c, const eq_model *m, eq_analysis *a, FILE *f, plot *pl)
{
    sweep_out o;
    sbuf names = { 0 };
    const char **h = NULL;
    char *spec = NULL;
    eq_status st = EQ_OK;
    int n = 0, rrc = 0;
    memset(&o, 0, sizeof o);
    o.c = c, o.m = m, o.a = a, o.f = f, o.plot = pl;
    o.total = eq_analysis_points(a);
    o.progress = isatty(STDERR_FILENO);
    o.shard = c->shard_n > 0;
    o.v = calloc((size_t)eq_analysis_axes(a) + 1, sizeof *o.v);
    o.cls = calloc((size_t)eq_model_classes(m) + 1, sizeof *o.cls);
    o.pay = calloc((size_t)eq_model_players(m) + 1, sizeof *o.pay);
    if (o.v == NULL || o.cls == NULL || o.pay == NULL) {
        free(o.v), free(o.cls), free(o.pay);
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    if (o.shard) {
        long long i0, i1;
        int rc;
        shard_range(o.total, c->shard_i, c->shard_n, &i0, &i1);
        jw_open(&o.w, f);
        if (eq_analysis_set_range(a, i0, i1) != EQ_OK ||
            (rc = shard_head(&o.w, c, "sweep", o.total, i0, i1)) != 0) {
            free(o.v), free(o.cls), free(o.pay);
            return EXIT_USAGE;
        }
        o.total = i1 - i0;
        st = eq_model_sweep(a, sweep_row, &o);
        if (o.progress)
            fputs("\r\033[K", stderr);
        jw_array_close(&o.w);
        jw_put(&o.w, "complete", jbool(st == EQ_OK));
        if (jw_close(&o.w) != 0)
            st = EQ_ERR_NOMEM;
    } else if (c->format == FMT_JSON) {
        jw_open(&o.w, f);
        sweep_json_head(&o);
    } else if (c->format == FMT_TEXT) {
        fprintf(f, "model: %s\nfile: %s\ngrid: %lld points\n\n", eq_model_title(m),
                c->files[0], o.total);
    } else {
        if ((n = sweep_header(m, a, c->format == FMT_TEX, &h, &spec, &names)) < 0) {
            cli_error("out of memory");
            return EXIT_USAGE;
        }
        tab_begin(&o.t, f, c->format, n, h, spec);
    }
    if (o.shard) {
        /* written above */
    } else if (c->replay != NULL) {
        int rc = replay_each(c->replay, o.total, sweep_record, &o);
        st = rc == 0 ? EQ_OK : EQ_ERR_STOPPED;
        if (rc != 0)
            rrc = rc;
    } else {
        st = eq_model_sweep(a, sweep_row, &o);
    }
    if (o.progress && !o.shard)
        fputs("\r\033[K", stderr);
    if (o.shard) {
        /* closed above */
    } else if (c->format == FMT_JSON) {
        jw_array_close(&o.w);
        jw_put(&o.w, "complete", jbool(st == EQ_OK));
        if (jw_close(&o.w) != 0)
            st = EQ_ERR_NOMEM;
    } else if (c->format != FMT_TEXT) {
        tab_end(&o.t);
    }
    free(h), free(spec), sb_free(&names);
    free(o.v), free(o.cls), free(o.pay), free(o.notes);
    if (rrc != 0)
        return rrc;
    if (st != EQ_OK && !ferror(f)) {
        cli_error("%s: sweep: %s", c->files[0], eq_analysis_errmsg(a));
        return st == EQ_ERR_ARG || st == EQ_ERR_NOMEM ? EXIT_USAGE : EXIT_NOTFOUND;
    }
    return 0;
}

int cmd_sweep(cli *c)
{
    eq_model *m = NULL;
    eq_analysis *a = NULL;
    plot *pl = NULL;
    sink out;
    int rc;
    if (cli_mpi_size > 1 && c->replay == NULL)
        return mpi_run(c);
    if (c->nvary == 0)
        return cli_usage_error(c->cmdname, "sweep needs at least one --vary NAME=LO:HI:N, "
                               "NAME=a,b,c or NAME");
    if ((rc = setup(c, &m, &a)) == 0) {
        for (int i = 0; i < c->nvary && rc == 0; i++)
            if (eq_analysis_vary(a, c->vary[i]) != EQ_OK) {
                cli_error("%s: --vary %s: %s", c->files[0], c->vary[i], eq_analysis_errmsg(a));
                rc = EXIT_USAGE;
            }
    }
    if (rc == 0 && c->shard_n > 0)
        rc = shard_check(c);
    if (rc == 0)
        rc = plot_open(&pl, c, m, a);
    if (rc == 0 && (rc = sink_open(&out, c)) == 0)
        rc = sink_close(&out, sweep_print(c, m, a, out.f, pl));
    rc = plot_close(pl, rc);
    eq_analysis_free(a);
    eq_model_free(m);
    return rc;
}

/* ---- breakpoints ----------------------------------------------------- */

/* The flags of breakpoint i in words, joined with ", ". */
static void break_flags(const eq_breaks *b, int i, sbuf *s)
{
    static const struct { unsigned bit; const char *word; } words[] = {
        { EQ_BREAK_PROFILE, "profile" }, { EQ_BREAK_COUNT, "SPE count" },
        { EQ_BREAK_CHANCE, "chance" }, { EQ_BREAK_EXACT, "exact" },
        { EQ_BREAK_BISECTION, "bisection" }, { EQ_BREAK_SELECTION, "selection tie" },
        { EQ_BREAK_POINT, "tie at the point" }, { EQ_BREAK_BOUND, "at the bound" },
    };
    unsigned fl = eq_breaks_flags(b, i);
    int first = 1;
    sb_clear(s);
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (fl & words[k].bit) {
            sb_printf(s, "%s%s", first ? "" : ", ", words[k].word);
            first = 0;
        }
}

/* A segment's bounds in words: "[lo, hi]" or a choice's name. */
static void segment_text(const eq_model *m, const eq_breaks *b, int s, sbuf *t)
{
    int k = eq_breaks_param(b);
    char x[32], y[32];
    sb_clear(t);
    if (eq_model_param_is_enum(m, k))
        sb_printf(t, "%s", eq_model_param_choice(m, k, (int)eq_breaks_segment_lo(b, s)));
    else
        sb_printf(t, "[%s, %s]", num_repr(eq_breaks_segment_lo(b, s), x),
                  num_repr(eq_breaks_segment_hi(b, s), y));
}

/* The outcome of a point as a JSON object: path, classes, payoffs. */
static cJSON *point_json(const eq_model *m, const eq_point *pt)
{
    cJSON *o = cJSON_CreateObject(), *cls, *pay;
    jadd(o, "path", jstr(eq_point_path(pt)));
    cls = jadd(o, "classes", cJSON_CreateObject());
    for (int k = 0; k < eq_model_classes(m); k++)
        jadd(cls, eq_model_class_name(m, k), jnum(eq_point_class_prob(pt, k)));
    pay = jadd(o, "payoffs", cJSON_CreateObject());
    for (int p = 0; p < eq_model_players(m); p++)
        jadd(pay, eq_model_player_name(m, p), jnum(eq_point_payoff(pt, p)));
    jadd(o, "spe_count", eq_point_spe_count(pt) >= 0 ? jint(eq_point_spe_count(pt)) : jnull());
    return o;
}

static int breaks_json(const cli *c, const eq_model *m, const eq_breaks *b, FILE *f)
{
    jw w;
    sbuf s = { 0 };
    cJSON *bl;
    jw_open(&w, f);
    jw_head(&w, "breakpoints");
    jw_put(&w, "file", jstr(c->files[0]));
    jw_put(&w, "title", jstr(eq_model_title(m)));
    jw_put(&w, "parameter", jstr(eq_model_param_name(m, eq_breaks_param(b))));
    jw_put(&w, "lo", jnum(eq_breaks_lo(b)));
    jw_put(&w, "hi", jnum(eq_breaks_hi(b)));
    bl = point_json(m, eq_breaks_baseline(b));
    notes_text(eq_breaks_baseline(b), &s);
    jadd(bl, "flags", jstr(sb_str(&s)));
    jw_put(&w, "baseline", bl);
    jw_array_open(&w, "breakpoints");
    for (int i = 0; i < eq_breaks_count(b); i++) {
        cJSON *o = cJSON_CreateObject();
        jadd(o, "value", jnum(eq_breaks_value(b, i)));
        jadd(o, "text", jstr(eq_breaks_text(b, i)));
        jadd(o, "fraction", jstr(eq_breaks_fraction(b, i)));
        jadd(o, "error", jnum(eq_breaks_error(b, i)));
        break_flags(b, i, &s);
        jadd(o, "flags", jstr(sb_str(&s)));
        jadd(o, "what", jstr(eq_breaks_what(b, i)));
        jw_item(&w, o);
    }
    jw_array_close(&w);
    jw_array_open(&w, "segments");
    for (int i = 0; i < eq_breaks_segments(b); i++) {
        cJSON *o = point_json(m, eq_breaks_segment(b, i));
        segment_text(m, b, i, &s);
        jadd(o, "range", jstr(sb_str(&s)));
        jw_item(&w, o);
    }
    jw_array_close(&w);
    sb_free(&s);
    return jw_close(&w) == 0 ? 0 : EXIT_USAGE;
}

static void breaks_text(const cli *c, const eq_model *m, const eq_breaks *b, FILE *f)
{
    sbuf s = { 0 };
    const eq_point *base = eq_breaks_baseline(b);
    fprintf(f, "model: %s\nfile: %s\nparameter: %s\n", eq_model_title(m), c->files[0],
            eq_model_param_name(m, eq_breaks_param(b)));
    fprintf(f, "baseline path: %s\n", eq_point_path(base));
    notes_text(base, &s);
    if (s.len)
        fprintf(f, "baseline flags: %s\n", sb_str(&s));
    fprintf(f, "\n%d breakpoint%s\n", eq_breaks_count(b), eq_breaks_count(b) == 1 ? "" : "s");
    for (int i = 0; i < eq_breaks_count(b); i++) {
        fprintf(f, "  %s", eq_breaks_text(b, i));
        if (eq_breaks_fraction(b, i))
            fprintf(f, " = %s", eq_breaks_fraction(b, i));
        break_flags(b, i, &s);
        fprintf(f, "  (%s): %s\n", sb_str(&s), eq_breaks_what(b, i));
    }
    fputs("\nsegments\n", f);
    for (int i = 0; i < eq_breaks_segments(b); i++) {
        const eq_point *pt = eq_breaks_segment(b, i);
        segment_text(m, b, i, &s);
        fprintf(f, "  %s: %s\n   ", sb_str(&s), eq_point_path(pt));
        for (int k = 0; k < eq_model_classes(m); k++) {
            fprintf(f, " P(%s) ", eq_model_class_name(m, k));
            num_human(f, eq_point_class_prob(pt, k));
        }
        fputc('\n', f);
    }
    sb_free(&s);
}

static void breaks_table(const cli *c, const eq_model *m, const eq_breaks *b, FILE *f)
{
    static const char *const head[] = { "parameter", "value", "fraction", "flags", "what changes" };
    table t;
    sbuf s = { 0 };
    const char *name = eq_model_param_name(m, eq_breaks_param(b));
    tab_begin(&t, f, c->format, 5, head, "lrlLp");
    for (int i = 0; i < eq_breaks_count(b); i++) {
        tab_str(&t, name);
        tab_num(&t, eq_breaks_value(b, i));
        tab_str(&t, eq_breaks_fraction(b, i));
        break_flags(b, i, &s);
        tab_str(&t, sb_str(&s));
        tab_str(&t, eq_breaks_what(b, i));
        tab_end_row(&t);
    }
    tab_end(&t);
    sb_free(&s);
}

int cmd_breakpoints(cli *c)
{
    eq_model *m = NULL;
    eq_analysis *a = NULL;
    eq_breaks *b = NULL;
    sink out;
    int rc;
    if (c->nvary != 1)
        return cli_usage_error(c->cmdname, "breakpoints needs one --vary NAME or NAME=LO:HI");
    if ((rc = setup(c, &m, &a)) == 0 && eq_model_breakpoints(a, c->vary[0], &b) != EQ_OK) {
        cli_error("%s: --vary %s: %s", c->files[0], c->vary[0],
                  b ? eq_breaks_errmsg(b) : "out of memory");
        rc = EXIT_USAGE;
    }
    if (rc == 0 && (rc = sink_open(&out, c)) == 0) {
        if (c->format == FMT_JSON)
            rc = breaks_json(c, m, b, out.f);
        else if (c->format == FMT_TEXT)
            breaks_text(c, m, b, out.f);
        else
            breaks_table(c, m, b, out.f);
        rc = sink_close(&out, rc);
    }
    eq_breaks_free(b);
    eq_analysis_free(a);
    eq_model_free(m);
    return rc;
}

/* ---- robust ---------------------------------------------------------- */

static const char *const item_kinds[] = { "regime", "class", "claim" };
static const char *const item_plural[] = { "regimes", "classes", "claims" };

/* A model's alias for claims: the file's base name without its extension,
** with every character other than a letter, digit or '_' made '_'. */
static void alias_of(const char *file, char *buf, size_t len)
{
    const char *base = strrchr(file, '/');
    size_t n = 0;
    base = base ? base + 1 : file;
    for (; *base && *base != '.' && n + 1 < len; base++, n++) {
        char ch = *base;
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                 (ch >= '0' && ch <= '9') || ch == '_';
        buf[n] = ok ? ch : '_';
    }
    buf[n] = '\0';
}

/* The k parameters that matter most for item i, in words:
** "delay 0.41; veto 0.2". */
static void importance_text(const eq_robust *r, int i, int k, sbuf *s)
{
    int nd = eq_robust_dims(r), used = 0;
    char *taken = calloc((size_t)nd + 1, 1);
    sb_clear(s);
    for (int round = 0; taken != NULL && round < k; round++) {
        int best = -1;
        for (int j = 0; j < nd; j++) {
            double v = eq_robust_item_importance(r, i, j);
            if (!taken[j] && v == v && v > 0.005 &&
                (best < 0 || v > eq_robust_item_importance(r, i, best)))
                best = j;
        }
        if (best < 0)
            break;
        taken[best] = 1;
        sb_printf(s, "%s%s %.2f", used++ ? "; " : "", eq_robust_dim_name(r, best),
                  eq_robust_item_importance(r, i, best));
    }
    free(taken);
}

/* Set up the study: the models, the priors, claims and contexts. */
static int robust_config(const cli *c, eq_robust *r, eq_analysis **as);
static int robust_setup(const cli *c, eq_robust *r, eq_model **ms, eq_analysis **as)
{
    int rc;
    for (int f = 0; f < c->nfiles; f++) {
        cli one = *c;
        one.files = c->files + f;
        if ((rc = setup(&one, &ms[f], &as[f])) != 0)
            return rc;
    }
    return robust_config(c, r, as);
}

/* The study of the analyses as (loaded): priors, claims, contexts. */
static int robust_config(const cli *c, eq_robust *r, eq_analysis **as)
{
    char alias[64];
    for (int f = 0; f < c->nfiles; f++) {
        alias_of(c->files[f], alias, sizeof alias);
        if (eq_robust_add_model(r, as[f], alias) != EQ_OK) {
            cli_error("%s: %s", c->files[f], eq_robust_errmsg(r));
            return EXIT_USAGE;
        }
    }
    for (int i = 0; i < c->npriors; i++)
        if (eq_robust_prior(r, c->priors[i]) != EQ_OK) {
            cli_error("--prior %s: %s", c->priors[i], eq_robust_errmsg(r));
            return EXIT_USAGE;
        }
    for (int i = 0; i < c->nclaims; i++) {
        const char *t = c->claims[i], *colon = strchr(t, ':');
        char name[64];
        size_t n = colon ? (size_t)(colon - t) : 0;
        if (colon == NULL || n == 0 || n >= sizeof name || strspn(t, "abcdefghijklmnopqrstuvwxyz"
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != n) {
            snprintf(name, sizeof name, "claim%d", i + 1);
        } else {
            memcpy(name, t, n);
            name[n] = '\0';
            t = colon + 1;
        }
        if (eq_robust_claim(r, name, t) != EQ_OK) {
            cli_error("--claim %s: %s", c->claims[i], eq_robust_errmsg(r));
            return EXIT_USAGE;
        }
    }
    for (int i = 0; i < c->ncontexts; i++)
        if (eq_robust_context(r, c->contexts[i]) != EQ_OK) {
            cli_error("--context %s: %s", c->contexts[i], eq_robust_errmsg(r));
            return EXIT_USAGE;
        }
    if ((c->samples > 0 && eq_robust_set_samples(r, c->samples) != EQ_OK) ||
        (c->seed_set && eq_robust_set_seed(r, c->seed) != EQ_OK) ||
        (c->jobs > 1 && eq_robust_set_threads(r, c->jobs) != EQ_OK)) {
        cli_error("%s", eq_robust_errmsg(r));
        return EXIT_USAGE;
    }
    return 0;
}

static int robust_json(const cli *c, const eq_robust *r, FILE *f)
{
    jw w;
    cJSON *dims = cJSON_CreateArray(), *files = cJSON_CreateArray();
    jw_open(&w, f);
    jw_head(&w, "robust");
    for (int i = 0; i < c->nfiles; i++)
        jpush(files, jstr(c->files[i]));
    jw_put(&w, "files", files);
    jw_put(&w, "samples", jint((long)eq_robust_samples(r)));
    jw_put(&w, "failures", jint((long)eq_robust_failures(r)));
    jw_put(&w, "first_failure", jstr(eq_robust_failure(r)));
    for (int j = 0; j < eq_robust_dims(r); j++) {
        cJSON *d = jpush(dims, cJSON_CreateObject());
        jadd(d, "name", jstr(eq_robust_dim_name(r, j)));
        jadd(d, "prior", jstr(eq_robust_dim_prior(r, j)));
    }
    jw_put(&w, "parameters", dims);
    jw_array_open(&w, "items");
    for (int i = 0; i < eq_robust_items(r); i++) {
        cJSON *o = cJSON_CreateObject(), *imp;
        jadd(o, "kind", jstr(item_kinds[eq_robust_item_kind(r, i)]));
        jadd(o, "name", jstr(eq_robust_item_name(r, i)));
        jadd(o, "context", jstr(eq_robust_item_context(r, i)));
        jadd(o, "text", jstr(eq_robust_item_text(r, i)));
        jadd(o, "hits", jint((long)eq_robust_item_hits(r, i)));
        jadd(o, "share", jnum(eq_robust_item_share(r, i)));
        jadd(o, "lo", jnum(eq_robust_item_lo(r, i)));
        jadd(o, "hi", jnum(eq_robust_item_hi(r, i)));
        imp = jadd(o, "importance", cJSON_CreateObject());
        for (int j = 0; j < eq_robust_dims(r); j++)
            jadd(imp, eq_robust_dim_name(r, j), jnum(eq_robust_item_importance(r, i, j)));
        jw_item(&w, o);
    }
    jw_array_close(&w);
    return jw_close(&w) == 0 ? 0 : EXIT_USAGE;
}

static void robust_table(const cli *c, const eq_robust *r, FILE *f)
{
    static const char *const head[] = { "kind", "context", "name", "share", "95% low",
                                        "95% high", "hits", "matters most" };
    table t;
    sbuf s = { 0 };
    tab_begin(&t, f, c->format, 8, head, "llpRRRrp");
    for (int i = 0; i < eq_robust_items(r); i++) {
        tab_str(&t, item_kinds[eq_robust_item_kind(r, i)]);
        tab_str(&t, eq_robust_item_context(r, i));
        tab_str(&t, eq_robust_item_name(r, i));
        tab_num(&t, eq_robust_item_share(r, i));
        tab_num(&t, eq_robust_item_lo(r, i));
        tab_num(&t, eq_robust_item_hi(r, i));
        tab_int(&t, (long)eq_robust_item_hits(r, i));
        importance_text(r, i, 3, &s);
        tab_str(&t, sb_str(&s));
        tab_end_row(&t);
    }
    tab_end(&t);
    sb_free(&s);
}

static void robust_text(const eq_robust *r, FILE *f)
{
    sbuf s = { 0 };
    int kind = -1;
    fprintf(f, "samples: %lld (Latin hypercube), left out: %lld\n", eq_robust_samples(r),
            eq_robust_failures(r));
    if (eq_robust_failures(r) > 0)
        fprintf(f, "first left out: %s\n", eq_robust_failure(r));
    fprintf(f, "sampled parameters: %d\n", eq_robust_dims(r));
    for (int i = 0; i < eq_robust_items(r); i++) {
        const char *ctx = eq_robust_item_context(r, i);
        if (eq_robust_item_kind(r, i) != kind) {
            kind = eq_robust_item_kind(r, i);
            fprintf(f, "\n%s: share of the samples, 95%% interval\n", item_plural[kind]);
        }
        fprintf(f, "  %s%s%s", ctx, *ctx ? ": " : "", eq_robust_item_name(r, i));
        fputs("\n    ", f);
        num_human(f, eq_robust_item_share(r, i));
        fputs(" [", f);
        num_human(f, eq_robust_item_lo(r, i));
        fputs(", ", f);
        num_human(f, eq_robust_item_hi(r, i));
        fputc(']', f);
        importance_text(r, i, 3, &s);
        if (s.len)
            fprintf(f, "  matters most: %s", sb_str(&s));
        fputc('\n', f);
    }
    sb_free(&s);
}

/* --shard: each sample of the range as a record, failed ones too. */
typedef struct rshard {
    eq_robust *r;
    jw *w;
    cJSON *arr;               /* MPI: records go here rather than to w */
    long long next;           /* the next index expected */
    int nfixed;               /* -1 until the first sample */
    int firstfail;            /* the first failure has been written */
} rshard;

/* A record to the shard file or the array; non-zero when out of memory. */
static int rshard_put(rshard *S, cJSON *o)
{
    if (S->arr == NULL) {
        jw_item(S->w, o);
        return 0;
    }
    if (o == NULL || !cJSON_AddItemToArray(S->arr, o)) {
        cJSON_Delete(o);
        return 1;
    }
    return 0;
}

/* Samples next .. idx - 1 were left out: records saying so. */
static int rshard_gaps(rshard *S, long long idx)
{
    for (; S->next < idx; S->next++) {
        cJSON *o = cJSON_CreateObject();
        const char *msg = "left out";
        if (!S->firstfail) {
            /* "sample N: what" -> "what" */
            const char *f = eq_robust_failure(S->r), *colon = strstr(f, ": ");
            msg = colon ? colon + 2 : f;
            S->firstfail = 1;
        }
        jadd(o, "i", jint((long)S->next));
        jadd(o, "failed", jstr(msg));
        if (rshard_put(S, o) != 0)
            return 1;
    }
    return 0;
}

static int rshard_sample(void *ud, long long idx, int nx, const double *x, int ny,
                         const double *y)
{
    rshard *S = ud;
    cJSON *o, *ys, *ps;
    int nctx = eq_robust_contexts(S->r);
    (void)nx, (void)x;
    if (rshard_gaps(S, idx) != 0)
        return 1;
    if (S->nfixed < 0)
        for (S->nfixed = 0; S->nfixed < ny &&
             eq_robust_item_kind(S->r, S->nfixed) != EQ_ITEM_REGIME; S->nfixed++)
            ;
    o = cJSON_CreateObject();
    jadd(o, "i", jint((long)idx));
    ys = jadd(o, "y", cJSON_CreateArray());
    for (int i = 0; i < S->nfixed; i++)
        jpush(ys, jnumx(y[i]));
    ps = jadd(o, "paths", cJSON_CreateArray());
    for (int c = 0; c < nctx; c++) {
        const char *name = eq_robust_context_name(S->r, c), *path = "";
        for (int i = S->nfixed; i < ny; i++)
            if (y[i] > 0.5 && strcmp(eq_robust_item_context(S->r, i), name) == 0)
                path = eq_robust_item_name(S->r, i);
        jpush(ps, jstr(path));
    }
    S->next = idx + 1;
    return rshard_put(S, o);
}

/* Run the shard c->shard_i / c->shard_n of the study into f. */
static int robust_shard(const cli *c, eq_robust *r, FILE *f)
{
    jw w;
    rshard S;
    long long n = c->samples > 0 ? c->samples : 1000, i0, i1;
    eq_status st;
    int rc;
    shard_range(n, c->shard_i, c->shard_n, &i0, &i1);
    if (eq_robust_set_range(r, i0, i1) != EQ_OK) {
        cli_error("robust: %s", eq_robust_errmsg(r));
        return EXIT_USAGE;
    }
    jw_open(&w, f);
    if ((rc = shard_head(&w, c, "robust", n, i0, i1)) != 0)
        return rc;
    memset(&S, 0, sizeof S);
    S.r = r, S.w = &w, S.next = i0, S.nfixed = -1;
    st = eq_robust_run(r, rshard_sample, &S);
    if (st == EQ_OK)
        (void)rshard_gaps(&S, i1);
    jw_array_close(&w);
    jw_put(&w, "complete", jbool(st == EQ_OK));
    if (jw_close(&w) != 0)
        return EXIT_USAGE;
    if (st != EQ_OK) {
        cli_error("robust: %s", eq_robust_errmsg(r));
        return EXIT_USAGE;
    }
    return 0;
}

/* merge: the records summed up as a run would. */
typedef struct rmerge {
    eq_robust *r;
    int nfixed, nctx;
    double *y;
    const char **paths;
} rmerge;

static int rmerge_sample(void *ud, const cJSON *rec)
{
    rmerge *M = ud;
    const cJSON *fail = cJSON_GetObjectItemCaseSensitive(rec, "failed");
    const cJSON *ys = cJSON_GetObjectItemCaseSensitive(rec, "y");
    const cJSON *ps = cJSON_GetObjectItemCaseSensitive(rec, "paths"), *e;
    long long idx = (long long)cJSON_GetObjectItemCaseSensitive(rec, "i")->valuedouble;
    int k = 0;
    eq_status st;
    if (cJSON_IsString(fail)) {
        st = eq_robust_replay(M->r, idx, NULL, NULL, fail->valuestring);
    } else {
        if (cJSON_GetArraySize(ys) != M->nfixed || cJSON_GetArraySize(ps) != M->nctx) {
            cli_error("merge: sample %lld: its record does not fit the study", idx);
            return EXIT_USAGE;
        }
        cJSON_ArrayForEach(e, ys)
            M->y[k++] = numx(e);
        k = 0;
        cJSON_ArrayForEach(e, ps) {
            if (!cJSON_IsString(e)) {
                cli_error("merge: sample %lld: its record does not fit the study", idx);
                return EXIT_USAGE;
            }
            M->paths[k++] = e->valuestring;
        }
        st = eq_robust_replay(M->r, idx, M->y, M->paths, NULL);
    }
    if (st != EQ_OK) {
        cli_error("merge: sample %lld: %s", idx, eq_robust_errmsg(M->r));
        return EXIT_USAGE;
    }
    return 0;
}

/* Sum up the records of c->replay into r. */
static int robust_merge(const cli *c, eq_robust *r, eq_model **ms)
{
    rmerge M;
    double *x;
    int nx = c->npriors + 1, rc;
    for (int f = 0; f < c->nfiles; f++)
        nx += eq_model_params(ms[f]);
    memset(&M, 0, sizeof M);
    M.r = r;
    if ((x = calloc((size_t)nx, sizeof *x)) == NULL) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    /* drawing sample 0 makes the study ready: its items and contexts */
    if (eq_robust_sample(r, 0, x) != EQ_OK) {
        free(x);
        cli_error("robust: %s", eq_robust_errmsg(r));
        return EXIT_USAGE;
    }
    free(x);
    M.nfixed = eq_robust_items(r);
    M.nctx = eq_robust_contexts(r);
    M.y = calloc((size_t)M.nfixed + 1, sizeof *M.y);
    M.paths = calloc((size_t)M.nctx + 1, sizeof *M.paths);
    if (M.y == NULL || M.paths == NULL) {
        cli_error("out of memory");
        rc = EXIT_USAGE;
    } else {
        rc = replay_each(c->replay, c->samples > 0 ? c->samples : 1000, rmerge_sample, &M);
    }
    free(M.y);
    free(M.paths);
    return rc;
}

int cmd_robust(cli *c)
{
    eq_robust *r = NULL;
    eq_model **ms;
    eq_analysis **as;
    sink out;
    int rc = 0;
    if (cli_mpi_size > 1 && c->replay == NULL)
        return mpi_run(c);
    ms = calloc((size_t)c->nfiles, sizeof *ms);
    as = calloc((size_t)c->nfiles, sizeof *as);
    if (ms == NULL || as == NULL || eq_robust_new(&r) != EQ_OK) {
        cli_error("out of memory");
        rc = EXIT_USAGE;
    }
    if (rc == 0)
        rc = robust_setup(c, r, ms, as);
    if (rc == 0 && c->shard_n > 0) {
        if ((rc = shard_check(c)) == 0 && (rc = sink_open(&out, c)) == 0)
            rc = sink_close(&out, robust_shard(c, r, out.f));
        goto done;
    }
    if (rc == 0 && c->replay != NULL)
        rc = robust_merge(c, r, ms);
    else if (rc == 0 && eq_robust_run(r, NULL, NULL) != EQ_OK) {
        cli_error("robust: %s", eq_robust_errmsg(r));
        rc = EXIT_USAGE;
    }
    if (rc == 0 && (rc = sink_open(&out, c)) == 0) {
        if (c->format == FMT_JSON)
            rc = robust_json(c, r, out.f);
        else if (c->format == FMT_TEXT)
            robust_text(r, out.f);
        else
            robust_table(c, r, out.f);
        rc = sink_close(&out, rc);
    }
done:
    eq_robust_free(r);
    for (int i = 0; as != NULL && i < c->nfiles; i++)
        eq_analysis_free(as[i]);
    for (int i = 0; ms != NULL && i < c->nfiles; i++)
        eq_model_free(ms[i]);
    free(as);
    free(ms);
    return rc;
}

/* ---- work in pieces, for MPI ------------------------------------------ */

struct sense_job {
    const cli *c;
    int nfiles;
    eq_model **ms;
    eq_analysis **as;
};

void sense_job_free(sense_job *j)
{
    if (j == NULL)
        return;
    for (int i = 0; j->as != NULL && i < j->nfiles; i++)
        eq_analysis_free(j->as[i]);
    for (int i = 0; j->ms != NULL && i < j->nfiles; i++)
        eq_model_free(j->ms[i]);
    free(j->as);
    free(j->ms);
    free(j);
}

int sense_job_new(const cli *c, sense_job **out)
{
    sense_job *j = calloc(1, sizeof *j);
    int rc = 0;
    *out = NULL;
    if (j == NULL || (j->ms = calloc((size_t)c->nfiles, sizeof *j->ms)) == NULL ||
        (j->as = calloc((size_t)c->nfiles, sizeof *j->as)) == NULL) {
        sense_job_free(j);
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    j->c = c;
    for (int f = 0; f < c->nfiles && rc == 0; f++) {
        cli one = *c;
        one.files = c->files + f;
        j->nfiles = f + 1;
        rc = setup(&one, &j->ms[f], &j->as[f]);
    }
    for (int i = 0; rc == 0 && c->cmd == CMD_SWEEP && i < c->nvary; i++)
        if (eq_analysis_vary(j->as[0], c->vary[i]) != EQ_OK) {
            cli_error("%s: --vary %s: %s", c->files[0], c->vary[i], eq_analysis_errmsg(j->as[0]));
            rc = EXIT_USAGE;
        }
    if (rc == 0 && c->cmd == CMD_SWEEP && c->nvary == 0)
        rc = cli_usage_error(c->cmdname, "sweep needs at least one --vary NAME=LO:HI:N, "
                             "NAME=a,b,c or NAME");
    if (rc != 0) {
        sense_job_free(j);
        return rc;
    }
    *out = j;
    return 0;
}

long long sense_job_total(const sense_job *j)
{
    if (j->c->cmd == CMD_SWEEP)
        return eq_analysis_points(j->as[0]);
    return j->c->samples > 0 ? j->c->samples : 1000;
}

int sense_job_run(sense_job *j, long long i0, long long i1, cJSON *recs)
{
    const cli *c = j->c;
    if (c->cmd == CMD_SWEEP) {
        sweep_out o;
        eq_status st;
        memset(&o, 0, sizeof o);
        o.c = c, o.m = j->ms[0], o.a = j->as[0], o.f = stdout, o.recs = recs;
        o.v = calloc((size_t)eq_analysis_axes(o.a) + 1, sizeof *o.v);
        o.cls = calloc((size_t)eq_model_classes(o.m) + 1, sizeof *o.cls);
        o.pay = calloc((size_t)eq_model_players(o.m) + 1, sizeof *o.pay);
        if (o.v == NULL || o.cls == NULL || o.pay == NULL)
            st = EQ_ERR_NOMEM;
        else if ((st = eq_analysis_set_range(j->as[0], i0, i1)) == EQ_OK)
            st = eq_model_sweep(j->as[0], sweep_row, &o);
        free(o.v), free(o.cls), free(o.pay), free(o.notes);
        if (st != EQ_OK) {
            cli_error("%s: sweep: %s", c->files[0], st == EQ_ERR_STOPPED || st == EQ_ERR_NOMEM
                      ? "out of memory" : eq_analysis_errmsg(o.a));
            return EXIT_USAGE;
        }
        return 0;
    } else {
        eq_robust *r = NULL;
        rshard S;
        int rc = 0;
        if (eq_robust_new(&r) != EQ_OK) {
            cli_error("out of memory");
            return EXIT_USAGE;
        }
        if ((rc = robust_config(c, r, j->as)) == 0 && eq_robust_set_range(r, i0, i1) != EQ_OK) {
            cli_error("robust: %s", eq_robust_errmsg(r));
            rc = EXIT_USAGE;
        }
        if (rc == 0) {
            memset(&S, 0, sizeof S);
            S.r = r, S.arr = recs, S.next = i0, S.nfixed = -1;
            if (eq_robust_run(r, rshard_sample, &S) != EQ_OK || rshard_gaps(&S, i1) != 0) {
                cli_error("robust: %s", *eq_robust_errmsg(r) ? eq_robust_errmsg(r)
                          : "out of memory");
                rc = EXIT_USAGE;
            }
        }
        eq_robust_free(r);
        return rc;
    }
}
