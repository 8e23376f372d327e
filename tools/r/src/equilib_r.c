/*
** equilib_r.c -- .Call glue between R and libequilib (include/equilib.h).
**
** A model is an external pointer with a finaliser.  Parameters travel as
** a character vector of "NAME=VALUE" texts, options as two character
** vectors (names, values) that go to eq_options_set, so nothing here
** knows the layout of the library's options structs.  Every handle is
** freed before an R error is raised: Rf_error does not return.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdlib.h>
#include <string.h>

#include <R.h>
#include <Rinternals.h>
#include <R_ext/Rdynload.h>

#include <equilib.h>

#define MSGMAX 1024

/* A model, with the analysis and point of its last eq_solve, kept while
** the options stay the same (key: their names and values), so a loop of
** solves reuses the point's tree and workspace. */
typedef struct rmodel {
    eq_model *m;
    eq_analysis *a;
    eq_point *pt;
    char *key;
} rmodel;

static void solver_drop(rmodel *rm)
{
    eq_point_free(rm->pt);
    eq_analysis_free(rm->a);
    free(rm->key);
    rm->pt = NULL, rm->a = NULL, rm->key = NULL;
}

static void model_finalize(SEXP p)
{
    rmodel *rm = R_ExternalPtrAddr(p);
    if (rm != NULL) {
        solver_drop(rm);
        eq_model_free(rm->m);
        free(rm);
        R_ClearExternalPtr(p);
    }
}

static rmodel *rmodel_of(SEXP p)
{
    rmodel *rm;
    if (TYPEOF(p) != EXTPTRSXP || (rm = R_ExternalPtrAddr(p)) == NULL)
        Rf_error("equilib: not a model (or a model whose session ended)");
    return rm;
}

static eq_model *model_of(SEXP p)
{
    return rmodel_of(p)->m;
}

SEXP r_model_read(SEXP path)
{
    eq_model *m = NULL;
    rmodel *rm;
    eq_diag d;
    eq_status s;
    SEXP p;
    if (!Rf_isString(path) || Rf_length(path) != 1)
        Rf_error("equilib: the path must be one string");
    s = eq_model_read(&m, Rf_translateCharUTF8(STRING_ELT(path, 0)), &d);
    if (s != EQ_OK)
        Rf_error("%s", d.message[0] ? d.message : eq_status_string(s));
    if ((rm = calloc(1, sizeof *rm)) == NULL) {
        eq_model_free(m);
        Rf_error("equilib: out of memory");
    }
    rm->m = m;
    p = PROTECT(R_MakeExternalPtr(rm, Rf_install("eq_model"), R_NilValue));
    R_RegisterCFinalizerEx(p, model_finalize, TRUE);
    UNPROTECT(1);
    return p;
}

static SEXP mkstr(const char *s)
{
    return Rf_mkCharCE(s != NULL ? s : "", CE_UTF8);
}

static SEXP strings(int n, const char *(*get)(const eq_model *, int), const eq_model *m)
{
    SEXP v = PROTECT(Rf_allocVector(STRSXP, n));
    for (int i = 0; i < n; i++)
        SET_STRING_ELT(v, i, mkstr(get(m, i)));
    UNPROTECT(1);
    return v;
}

/* list(title, players, classes, params = list(name, description, enum,
** lo, hi, default, choices)) */
SEXP r_model_info(SEXP mp)
{
    const eq_model *m = model_of(mp);
    int np = eq_model_params(m);
    static const char *names[] = { "title", "players", "classes", "params", "" };
    static const char *pnames[] = { "name", "description", "enum", "lo", "hi", "default",
                                    "choices", "" };
    SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
    SEXP ps = PROTECT(Rf_mkNamed(VECSXP, pnames));
    SEXP nm = PROTECT(Rf_allocVector(STRSXP, np)), de = PROTECT(Rf_allocVector(STRSXP, np));
    SEXP en = PROTECT(Rf_allocVector(LGLSXP, np)), lo = PROTECT(Rf_allocVector(REALSXP, np));
    SEXP hi = PROTECT(Rf_allocVector(REALSXP, np)), df = PROTECT(Rf_allocVector(STRSXP, np));
    SEXP ch = PROTECT(Rf_allocVector(VECSXP, np));
    char buf[64];
    SET_VECTOR_ELT(out, 0, Rf_ScalarString(mkstr(eq_model_title(m))));
    SET_VECTOR_ELT(out, 1, strings(eq_model_players(m), eq_model_player_name, m));
    SET_VECTOR_ELT(out, 2, strings(eq_model_classes(m), eq_model_class_name, m));
    for (int k = 0; k < np; k++) {
        int e = eq_model_param_is_enum(m, k);
        SET_STRING_ELT(nm, k, mkstr(eq_model_param_name(m, k)));
        SET_STRING_ELT(de, k, mkstr(eq_model_param_description(m, k)));
        LOGICAL(en)[k] = e;
        REAL(lo)[k] = e ? NA_REAL : eq_model_param_lo(m, k);
        REAL(hi)[k] = e ? NA_REAL : eq_model_param_hi(m, k);
        if (e) {
            int nc = eq_model_param_choices(m, k);
            SEXP c = PROTECT(Rf_allocVector(STRSXP, nc));
            for (int i = 0; i < nc; i++)
                SET_STRING_ELT(c, i, mkstr(eq_model_param_choice(m, k, i)));
            SET_VECTOR_ELT(ch, k, c);
            UNPROTECT(1);
            SET_STRING_ELT(df, k, mkstr(eq_model_param_choice(
                m, k, (int)eq_model_param_default(m, k))));
        } else {
            snprintf(buf, sizeof buf, "%.17g", eq_model_param_default(m, k));
            SET_STRING_ELT(df, k, mkstr(buf));
        }
    }
    SET_VECTOR_ELT(ps, 0, nm);
    SET_VECTOR_ELT(ps, 1, de);
    SET_VECTOR_ELT(ps, 2, en);
    SET_VECTOR_ELT(ps, 3, lo);
    SET_VECTOR_ELT(ps, 4, hi);
    SET_VECTOR_ELT(ps, 5, df);
    SET_VECTOR_ELT(ps, 6, ch);
    SET_VECTOR_ELT(out, 3, ps);
    UNPROTECT(9);
    return out;
}

/* An analysis of m with params ("NAME=VALUE" texts) and options (names,
** values) set; NULL with the message in msg. */
static eq_analysis *analysis(const eq_model *m, SEXP params, SEXP onames, SEXP ovals,
                             char *msg)
{
    eq_analysis *a = NULL;
    eq_options *o = NULL;
    if (eq_analysis_new(&a, m) != EQ_OK || eq_options_new(&o) != EQ_OK) {
        snprintf(msg, MSGMAX, "equilib: out of memory");
        goto fail;
    }
    for (int i = 0; i < Rf_length(params); i++)
        if (eq_analysis_set(a, Rf_translateCharUTF8(STRING_ELT(params, i))) != EQ_OK) {
            snprintf(msg, MSGMAX, "%s", eq_analysis_errmsg(a));
            goto fail;
        }
    for (int i = 0; i < Rf_length(onames); i++)
        if (eq_options_set(o, Rf_translateCharUTF8(STRING_ELT(onames, i)),
                           Rf_translateCharUTF8(STRING_ELT(ovals, i))) != EQ_OK) {
            snprintf(msg, MSGMAX, "%s", eq_options_errmsg(o));
            goto fail;
        }
    if (eq_analysis_use_options(a, o) != EQ_OK) {
        snprintf(msg, MSGMAX, "%s", eq_options_errmsg(o));
        goto fail;
    }
    eq_options_free(o);
    return a;
fail:
    eq_options_free(o);
    eq_analysis_free(a);
    return NULL;
}

static void check_args(SEXP params, SEXP onames, SEXP ovals)
{
    if (!Rf_isString(params) || !Rf_isString(onames) || !Rf_isString(ovals) ||
        Rf_length(onames) != Rf_length(ovals))
        Rf_error("equilib: internal: malformed parameters or options");
}

/* ---- rows -------------------------------------------------------------- */

/* The rows of a sweep (or one solve), column by column, in C memory until
** they are turned into R vectors. */
typedef struct rows {
    const eq_model *m;
    int nax, nc, n;        /* axis parameters, classes, players */
    int ax[64];
    size_t len, cap;
    double *val;           /* len x nax */
    char **path, **flags;  /* len */
    double *cls, *pay;     /* len x nc, len x n */
    int *spe;
    double *regret;
    int nomem;
} rows;

static void rows_free(rows *r)
{
    for (size_t i = 0; i < r->len; i++)
        free(r->path[i]), free(r->flags[i]);
    free(r->val), free(r->path), free(r->flags), free(r->cls), free(r->pay);
    free(r->spe), free(r->regret);
}

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

/* The notes joined with "; ", or the message of a failed point. */
static char *notes_of(const eq_point *pt)
{
    size_t len = 1;
    char *s;
    if (eq_point_status(pt) != EQ_OK)
        return dupstr(eq_point_errmsg(pt));
    for (int i = 0; i < eq_point_notes(pt); i++)
        len += strlen(eq_point_note(pt, i)) + 2;
    if ((s = malloc(len)) == NULL)
        return NULL;
    s[0] = '\0';
    for (int i = 0; i < eq_point_notes(pt); i++) {
        if (i)
            strcat(s, "; ");
        strcat(s, eq_point_note(pt, i));
    }
    return s;
}

static int grow(void **p, size_t cap, size_t size)
{
    void *q = realloc(*p, (cap ? cap : 1) * size);
    if (q == NULL)
        return -1;
    *p = q;
    return 0;
}

static int take_row(void *ud, const eq_point *pt)
{
    rows *r = ud;
    size_t i = r->len;
    if (i == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        if (grow((void **)&r->val, cap * (size_t)(r->nax + 1), sizeof(double)) ||
            grow((void **)&r->path, cap, sizeof(char *)) ||
            grow((void **)&r->flags, cap, sizeof(char *)) ||
            grow((void **)&r->cls, cap * (size_t)(r->nc + 1), sizeof(double)) ||
            grow((void **)&r->pay, cap * (size_t)(r->n + 1), sizeof(double)) ||
            grow((void **)&r->spe, cap, sizeof(int)) ||
            grow((void **)&r->regret, cap, sizeof(double)))
            return r->nomem = 1;
        r->cap = cap;
    }
    for (int j = 0; j < r->nax; j++)
        r->val[i * (size_t)r->nax + (size_t)j] = eq_point_value(pt, r->ax[j]);
    r->path[i] = dupstr(eq_point_status(pt) == EQ_OK ? eq_point_path(pt) : "");
    r->flags[i] = notes_of(pt);
    if (r->path[i] == NULL || r->flags[i] == NULL) {
        free(r->path[i]), free(r->flags[i]);
        return r->nomem = 1;
    }
    for (int c = 0; c < r->nc; c++)
        r->cls[i * (size_t)r->nc + (size_t)c] = eq_point_class_prob(pt, c);
    for (int p = 0; p < r->n; p++)
        r->pay[i * (size_t)r->n + (size_t)p] = eq_point_payoff(pt, p);
    r->spe[i] = eq_point_spe_count(pt);
    r->regret[i] = eq_point_regret(pt);
    r->len++;
    return 0;
}

/* The rows as a named list of columns, the command line's names. */
static SEXP rows_list(const rows *r)
{
    const eq_model *m = r->m;
    int ncol = r->nax + 1 + r->nc + r->n + 3, col = 0, len = (int)r->len;
    SEXP out = PROTECT(Rf_allocVector(VECSXP, ncol));
    SEXP names = PROTECT(Rf_allocVector(STRSXP, ncol));
    char buf[512];
    for (int j = 0; j < r->nax; j++, col++) {
        int k = r->ax[j];
        SEXP v;
        if (eq_model_param_is_enum(m, k)) {
            v = PROTECT(Rf_allocVector(STRSXP, len));
            for (int i = 0; i < len; i++)
                SET_STRING_ELT(v, i, mkstr(eq_model_param_choice(
                    m, k, (int)r->val[(size_t)i * (size_t)r->nax + (size_t)j])));
        } else {
            v = PROTECT(Rf_allocVector(REALSXP, len));
            for (int i = 0; i < len; i++)
                REAL(v)[i] = r->val[(size_t)i * (size_t)r->nax + (size_t)j];
        }
        SET_VECTOR_ELT(out, col, v);
        SET_STRING_ELT(names, col, mkstr(eq_model_param_name(m, k)));
        UNPROTECT(1);
    }
    SEXP path = PROTECT(Rf_allocVector(STRSXP, len));
    for (int i = 0; i < len; i++)
        SET_STRING_ELT(path, i, mkstr(r->path[i]));
    SET_VECTOR_ELT(out, col, path);
    SET_STRING_ELT(names, col++, mkstr("path"));
    UNPROTECT(1);
    for (int c = 0; c < r->nc; c++, col++) {
        SEXP v = PROTECT(Rf_allocVector(REALSXP, len));
        for (int i = 0; i < len; i++)
            REAL(v)[i] = r->cls[(size_t)i * (size_t)r->nc + (size_t)c];
        snprintf(buf, sizeof buf, "P(%s)", eq_model_class_name(m, c));
        SET_VECTOR_ELT(out, col, v);
        SET_STRING_ELT(names, col, mkstr(buf));
        UNPROTECT(1);
    }
    for (int p = 0; p < r->n; p++, col++) {
        SEXP v = PROTECT(Rf_allocVector(REALSXP, len));
        for (int i = 0; i < len; i++)
            REAL(v)[i] = r->pay[(size_t)i * (size_t)r->n + (size_t)p];
        snprintf(buf, sizeof buf, "E(%s)", eq_model_player_name(m, p));
        SET_VECTOR_ELT(out, col, v);
        SET_STRING_ELT(names, col, mkstr(buf));
        UNPROTECT(1);
    }
    SEXP spe = PROTECT(Rf_allocVector(INTSXP, len));
    SEXP reg = PROTECT(Rf_allocVector(REALSXP, len));
    SEXP fl = PROTECT(Rf_allocVector(STRSXP, len));
    for (int i = 0; i < len; i++) {
        INTEGER(spe)[i] = r->spe[i] < 0 ? NA_INTEGER : r->spe[i];
        REAL(reg)[i] = r->regret[i];
        SET_STRING_ELT(fl, i, mkstr(r->flags[i]));
    }
    SET_VECTOR_ELT(out, col, spe);
    SET_STRING_ELT(names, col++, mkstr("SPEs"));
    SET_VECTOR_ELT(out, col, reg);
    SET_STRING_ELT(names, col++, mkstr("regret"));
    SET_VECTOR_ELT(out, col, fl);
    SET_STRING_ELT(names, col++, mkstr("flags"));
    Rf_setAttrib(out, R_NamesSymbol, names);
    UNPROTECT(5);
    return out;
}

static void rows_init(rows *r, const eq_model *m)
{
    memset(r, 0, sizeof *r);
    r->m = m;
    r->nc = eq_model_classes(m);
    r->n = eq_model_players(m);
}

/* One solve: every parameter's value, then the outcome; an R error with
** the library's message when the model cannot be solved there. */
/* The options as one text, "name=value\n..." (malloc'd), to compare. */
static char *options_key(SEXP onames, SEXP ovals)
{
    size_t len = 1;
    char *k;
    for (int i = 0; i < Rf_length(onames); i++)
        len += strlen(Rf_translateCharUTF8(STRING_ELT(onames, i))) +
               strlen(Rf_translateCharUTF8(STRING_ELT(ovals, i))) + 2;
    if ((k = malloc(len)) == NULL)
        return NULL;
    k[0] = '\0';
    for (int i = 0; i < Rf_length(onames); i++) {
        strcat(k, Rf_translateCharUTF8(STRING_ELT(onames, i)));
        strcat(k, "=");
        strcat(k, Rf_translateCharUTF8(STRING_ELT(ovals, i)));
        strcat(k, "\n");
    }
    return k;
}

/* One solve: every parameter's value, then the outcome; an R error with
** the library's message when the model cannot be solved there. */
SEXP r_solve(SEXP mp, SEXP params, SEXP onames, SEXP ovals)
{
    rmodel *rm = rmodel_of(mp);
    const eq_model *m = rm->m;
    char msg[MSGMAX];
    char *key;
    double *values;
    eq_diag d;
    eq_status s;
    rows r;
    SEXP out;
    check_args(params, onames, ovals);
    if ((key = options_key(onames, ovals)) == NULL)
        Rf_error("equilib: out of memory");
    if (rm->key == NULL || strcmp(rm->key, key) != 0) {
        SEXP none = PROTECT(Rf_allocVector(STRSXP, 0));
        solver_drop(rm);
        rm->a = analysis(m, none, onames, ovals, msg);
        UNPROTECT(1);
        if (rm->a == NULL) {
            free(key);
            Rf_error("%s", msg);
        }
        if (eq_point_new(&rm->pt, m) != EQ_OK) {
            solver_drop(rm);
            free(key);
            Rf_error("equilib: out of memory");
        }
        rm->key = key;
    } else {
        free(key);
    }
    values = (double *)R_alloc((size_t)eq_model_params(m) + 1, sizeof(double));
    eq_model_defaults(m, values);
    for (int i = 0; i < Rf_length(params); i++)
        if (eq_model_set_param(m, values, Rf_translateCharUTF8(STRING_ELT(params, i)), &d)
            != EQ_OK)
            Rf_error("%s", d.message);
    s = eq_point_solve(rm->pt, rm->a, values);
    if (s != EQ_OK) {
        snprintf(msg, sizeof msg, "%s", eq_point_errmsg(rm->pt));
        Rf_error("%s", msg);
    }
    rows_init(&r, m);
    r.nax = eq_model_params(m) < 64 ? eq_model_params(m) : 64;
    for (int k = 0; k < r.nax; k++)
        r.ax[k] = k;
    take_row(&r, rm->pt);
    if (r.nomem) {
        rows_free(&r);
        Rf_error("equilib: out of memory");
    }
    out = PROTECT(rows_list(&r));
    rows_free(&r);
    UNPROTECT(1);
    return out;
}

SEXP r_sweep(SEXP mp, SEXP params, SEXP vary, SEXP onames, SEXP ovals)
{
    const eq_model *m = model_of(mp);
    char msg[MSGMAX];
    eq_analysis *a;
    eq_status s;
    rows r;
    SEXP out;
    check_args(params, onames, ovals);
    if (!Rf_isString(vary) || Rf_length(vary) < 1)
        Rf_error("equilib: vary must name at least one axis");
    if ((a = analysis(m, params, onames, ovals, msg)) == NULL)
        Rf_error("%s", msg);
    for (int i = 0; i < Rf_length(vary); i++) {
        const char *spec = Rf_translateCharUTF8(STRING_ELT(vary, i));
        if (eq_analysis_vary(a, spec) != EQ_OK) {
            snprintf(msg, sizeof msg, "%s: %s", spec, eq_analysis_errmsg(a));
            eq_analysis_free(a);
            Rf_error("%s", msg);
        }
    }
    rows_init(&r, m);
    r.nax = eq_analysis_axes(a);
    if (r.nax > 64) {
        eq_analysis_free(a);
        Rf_error("equilib: at most 64 axes");
    }
    for (int j = 0; j < r.nax; j++)
        r.ax[j] = eq_analysis_axis_param(a, j);
    s = eq_model_sweep(a, take_row, &r);
    if (s != EQ_OK || r.nomem) {
        snprintf(msg, sizeof msg, "%s", r.nomem ? "equilib: out of memory"
                                                : eq_analysis_errmsg(a));
        eq_analysis_free(a);
        rows_free(&r);
        Rf_error("%s", msg);
    }
    eq_analysis_free(a);
    out = PROTECT(rows_list(&r));
    rows_free(&r);
    UNPROTECT(1);
    return out;
}

/* Breakpoints: list(parameter, value, text, fraction, error, flags, what). */
SEXP r_breakpoints(SEXP mp, SEXP param, SEXP params, SEXP onames, SEXP ovals)
{
    static const struct { unsigned bit; const char *word; } words[] = {
        { EQ_BREAK_PROFILE, "profile" }, { EQ_BREAK_COUNT, "SPE count" },
        { EQ_BREAK_CHANCE, "chance" }, { EQ_BREAK_EXACT, "exact" },
        { EQ_BREAK_BISECTION, "bisection" }, { EQ_BREAK_SELECTION, "selection tie" },
        { EQ_BREAK_POINT, "tie at the point" }, { EQ_BREAK_BOUND, "at the bound" },
    };
    static const char *names[] = { "parameter", "value", "text", "fraction", "error",
                                   "flags", "what", "" };
    const eq_model *m = model_of(mp);
    char msg[MSGMAX];
    eq_analysis *a;
    eq_breaks *b = NULL;
    int n;
    check_args(params, onames, ovals);
    if (!Rf_isString(param) || Rf_length(param) != 1)
        Rf_error("equilib: the parameter must be one string");
    if ((a = analysis(m, params, onames, ovals, msg)) == NULL)
        Rf_error("%s", msg);
    if (eq_model_breakpoints(a, Rf_translateCharUTF8(STRING_ELT(param, 0)), &b) != EQ_OK) {
        snprintf(msg, sizeof msg, "%s", b != NULL ? eq_breaks_errmsg(b) : "out of memory");
        eq_breaks_free(b);
        eq_analysis_free(a);
        Rf_error("%s", msg);
    }
    eq_analysis_free(a);
    n = eq_breaks_count(b);
    SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
    SEXP pn = PROTECT(Rf_allocVector(STRSXP, n)), val = PROTECT(Rf_allocVector(REALSXP, n));
    SEXP txt = PROTECT(Rf_allocVector(STRSXP, n)), fr = PROTECT(Rf_allocVector(STRSXP, n));
    SEXP er = PROTECT(Rf_allocVector(REALSXP, n)), fl = PROTECT(Rf_allocVector(STRSXP, n));
    SEXP wh = PROTECT(Rf_allocVector(STRSXP, n));
    for (int i = 0; i < n; i++) {
        char f[160] = "";
        unsigned bits = eq_breaks_flags(b, i);
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
            if (bits & words[k].bit) {
                if (f[0])
                    strcat(f, ", ");
                strcat(f, words[k].word);
            }
        SET_STRING_ELT(pn, i, mkstr(eq_model_param_name(m, eq_breaks_param(b))));
        REAL(val)[i] = eq_breaks_value(b, i);
        SET_STRING_ELT(txt, i, mkstr(eq_breaks_text(b, i)));
        SET_STRING_ELT(fr, i, eq_breaks_fraction(b, i) ? mkstr(eq_breaks_fraction(b, i))
                                                       : NA_STRING);
        REAL(er)[i] = eq_breaks_error(b, i);
        SET_STRING_ELT(fl, i, mkstr(f));
        SET_STRING_ELT(wh, i, mkstr(eq_breaks_what(b, i)));
    }
    eq_breaks_free(b);
    SET_VECTOR_ELT(out, 0, pn);
    SET_VECTOR_ELT(out, 1, val);
    SET_VECTOR_ELT(out, 2, txt);
    SET_VECTOR_ELT(out, 3, fr);
    SET_VECTOR_ELT(out, 4, er);
    SET_VECTOR_ELT(out, 5, fl);
    SET_VECTOR_ELT(out, 6, wh);
    UNPROTECT(8);
    return out;
}

/* A two-player game from payoff matrices A and B (m x n, doubles),
** solved with the options: list of equilibria, each list(strategies =
** list(p1, p2), payoffs, regret). */
SEXP r_game_solve(SEXP A, SEXP B, SEXP onames, SEXP ovals)
{
    static const char *enames[] = { "strategies", "payoffs", "regret", "" };
    char msg[MSGMAX];
    eq_game *g = NULL;
    eq_options *o = NULL;
    eq_result *res = NULL;
    SEXP dim, out;
    int nact[2], mm, nn;
    if (!Rf_isString(onames) || !Rf_isString(ovals) || Rf_length(onames) != Rf_length(ovals))
        Rf_error("equilib: internal: malformed options");
    if (!Rf_isReal(A) || !Rf_isReal(B) || !Rf_isMatrix(A) || !Rf_isMatrix(B))
        Rf_error("equilib: A and B must be numeric matrices");
    dim = Rf_getAttrib(A, R_DimSymbol);
    mm = INTEGER(dim)[0], nn = INTEGER(dim)[1];
    dim = Rf_getAttrib(B, R_DimSymbol);
    if (INTEGER(dim)[0] != mm || INTEGER(dim)[1] != nn)
        Rf_error("equilib: A is %d x %d but B is %d x %d", mm, nn, INTEGER(dim)[0],
                 INTEGER(dim)[1]);
    nact[0] = mm, nact[1] = nn;
    if (eq_game_new(&g, 2, nact) != EQ_OK)
        Rf_error("equilib: cannot make a %d x %d game", mm, nn);
    for (int i = 0; i < mm; i++)
        for (int j = 0; j < nn; j++) {   /* R is column-major, the library row-major */
            eq_game_payoffs_mut(g, 0)[i * nn + j] = REAL(A)[i + j * mm];
            eq_game_payoffs_mut(g, 1)[i * nn + j] = REAL(B)[i + j * mm];
        }
    if (eq_options_new(&o) != EQ_OK) {
        eq_game_free(g);
        Rf_error("equilib: out of memory");
    }
    for (int i = 0; i < Rf_length(onames); i++)
        if (eq_options_set(o, Rf_translateCharUTF8(STRING_ELT(onames, i)),
                           Rf_translateCharUTF8(STRING_ELT(ovals, i))) != EQ_OK)
            goto fail;
    if (eq_solve_with(g, o, &res) != EQ_OK)
        goto fail;
    out = PROTECT(Rf_allocVector(VECSXP, eq_result_count(res)));
    for (int k = 0; k < eq_result_count(res); k++) {
        SEXP e = PROTECT(Rf_mkNamed(VECSXP, enames));
        SEXP st = PROTECT(Rf_allocVector(VECSXP, 2));
        SEXP pay = PROTECT(Rf_allocVector(REALSXP, 2));
        for (int p = 0; p < 2; p++) {
            SEXP s = PROTECT(Rf_allocVector(REALSXP, nact[p]));
            memcpy(REAL(s), eq_result_strategy(res, k, p), (size_t)nact[p] * sizeof(double));
            SET_VECTOR_ELT(st, p, s);
            UNPROTECT(1);
            REAL(pay)[p] = eq_result_payoff(res, k, p);
        }
        SET_VECTOR_ELT(e, 0, st);
        SET_VECTOR_ELT(e, 1, pay);
        SET_VECTOR_ELT(e, 2, Rf_ScalarReal(eq_result_regret(res, k)));
        SET_VECTOR_ELT(out, k, e);
        UNPROTECT(3);
    }
    eq_result_free(res);
    eq_options_free(o);
    eq_game_free(g);
    UNPROTECT(1);
    return out;
fail:
    snprintf(msg, sizeof msg, "%s", eq_options_errmsg(o));
    eq_result_free(res);
    eq_options_free(o);
    eq_game_free(g);
    Rf_error("%s", msg);
    return R_NilValue;
}

/* The option table: list(name, scope, help). */
SEXP r_options(void)
{
    static const char *names[] = { "name", "scope", "help", "" };
    int n = eq_option_count();
    SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
    SEXP nm = PROTECT(Rf_allocVector(STRSXP, n)), sc = PROTECT(Rf_allocVector(STRSXP, n));
    SEXP hp = PROTECT(Rf_allocVector(STRSXP, n));
    for (int i = 0; i < n; i++) {
        unsigned s = eq_option_scope(i);
        char buf[64];
        snprintf(buf, sizeof buf, "%s%s%s%s%s", s & EQ_OPTION_GAME ? "game" : "",
                 (s & EQ_OPTION_GAME) && (s & ~EQ_OPTION_GAME) ? "," : "",
                 s & EQ_OPTION_TREE ? "tree" : "",
                 (s & EQ_OPTION_TREE) && (s & EQ_OPTION_ANALYSIS) ? "," : "",
                 s & EQ_OPTION_ANALYSIS ? "analysis" : "");
        SET_STRING_ELT(nm, i, mkstr(eq_option_name(i)));
        SET_STRING_ELT(sc, i, mkstr(buf));
        SET_STRING_ELT(hp, i, mkstr(eq_option_help(i)));
    }
    SET_VECTOR_ELT(out, 0, nm);
    SET_VECTOR_ELT(out, 1, sc);
    SET_VECTOR_ELT(out, 2, hp);
    UNPROTECT(4);
    return out;
}

/* Through void (*)(void), the type that converts to any function type
** without a -Wcast-function-type warning. */
#define FN(f) ((DL_FUNC)(void (*)(void))(f))

static const R_CallMethodDef calls[] = {
    { "r_model_read", FN(r_model_read), 1 },
    { "r_model_info", FN(r_model_info), 1 },
    { "r_solve", FN(r_solve), 4 },
    { "r_sweep", FN(r_sweep), 5 },
    { "r_breakpoints", FN(r_breakpoints), 5 },
    { "r_game_solve", FN(r_game_solve), 4 },
    { "r_options", FN(r_options), 0 },
    { NULL, NULL, 0 }
};

void R_init_equilib(DllInfo *dll)
{
    R_registerRoutines(dll, NULL, calls, NULL, NULL);
    R_useDynamicSymbols(dll, FALSE);
}
