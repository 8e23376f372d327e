/*
** robust.c -- robustness studies (eq_robust): Latin-hypercube samples of
** the parameters over priors, each sample solved in every context the
** study needs, and for each regime (distinct equilibrium path), outcome
** class and claim the share of samples where it holds, with a 95%
** interval, and first-order Sobol indices of the sampled parameters.
**
** Sampling.  Sample i of N in dimension j is
**     u = (pi_j(i) + U(seed, i, j)) / N,   x = F_j^-1(u),
** where pi_j is a pseudo-random permutation of [0, N) keyed by (seed, j)
** (numeric.c: a Feistel network with cycle walking) and U a uniform
** number that is a pure function of (seed, i, j).  So each dimension's N
** values fall one in each of N equal-probability strata (McKay, Beckman
** and Conover 1979), and a sample depends only on (seed, N, i): not on
** the thread that draws it, the number of threads, or the range of
** indices a run (or a shard of one) covers.
**
** Sobol first-order indices from the sample itself ("given data":
** Plischke, Borgonovo and Smith 2013).  S_j = Var(E[Y | X_j]) / Var(Y)
** is estimated by cutting X_j into M classes of equal probability (with
** Latin-hypercube samples, M runs of consecutive strata, so the classes
** hold N/M samples each to within one) and taking the correlation ratio
** of Y over the classes, corrected for the between-class variance that
** noise alone would give (Kelley's epsilon-squared):
**     S_j = (SS_between - (M - 1) SS_within / (n - M)) / SS_total,
** clipped to [0, 1], with M = floor(sqrt(N)) between 2 and 100.  The sums
** are additive over samples, so shards of a run can be merged by adding.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "robust.h"
#include "../lexer.h"

/* Comparisons in claims and the >1/2 test of a class use no tolerance
** here; see eqi_claim_eval. */

eq_status eq_robust_new(eq_robust **out)
{
    eq_robust *r;
    if (out == NULL)
        return EQ_ERR_ARG;
    if ((*out = r = calloc(1, sizeof *r)) == NULL)
        return EQ_ERR_NOMEM;
    r->nsample = 1000;
    r->i1 = -1;
    r->seed = 1;
    r->threads = 1;
    r->claim_model = -1;
    return EQ_OK;
}

static void items_free(eq_robust *r)
{
    for (int i = 0; i < r->nitem; i++) {
        free(r->item[i].name);
        free(r->item[i].bins);
    }
    free(r->item);
    r->item = NULL;
    r->nitem = r->capitem = 0;
    free(r->bincount);
    r->bincount = NULL;
}

void eq_robust_free(eq_robust *r)
{
    if (r == NULL)
        return;
    items_free(r);
    for (int i = 0; i < r->nmodel; i++) {
        free(r->model[i].alias);
        free(r->model[i].dim);
        eq_analysis_free(r->model[i].an);
    }
    free(r->model);
    for (int j = 0; j < r->ndim; j++) {
        free(r->dim[j].name);
        free(r->dim[j].text);
    }
    free(r->dim);
    for (int c = 0; c < r->nctx; c++) {
        free(r->ctx[c].param);
        free(r->ctx[c].val);
        free(r->ctx[c].name);
    }
    free(r->ctx);
    for (int c = 0; c < r->nclaim; c++)
        eqi_claim_free(&r->claim[c]);
    free(r->claim);
    free(r);
}

const char *eq_robust_errmsg(const eq_robust *r) { return r ? r->errmsg : ""; }

/* ---- settings -------------------------------------------------------- */

int eqi_robust_context(eq_robust *r, int model, int n, const int *param, const double *val)
{
    rctx *c;
    void *p;
    char buf[1024];
    size_t k;
    const eq_model *m = r->model[model].m;
    /* The same settings in any order are the same context. */
    for (int i = 0; i < r->nctx; i++) {
        int same = r->ctx[i].model == model && r->ctx[i].n == n;
        for (int a = 0; a < n && same; a++) {
            int found = 0;
            for (int b = 0; b < n; b++)
                found |= r->ctx[i].param[b] == param[a] && r->ctx[i].val[b] == val[a];
            same = found;
        }
        if (same)
            return i;
    }
    if ((p = realloc(r->ctx, ((size_t)r->nctx + 1) * sizeof *r->ctx)) == NULL)
        return -1;
    r->ctx = p;
    c = &r->ctx[r->nctx];
    memset(c, 0, sizeof *c);
    c->model = model;
    c->n = n;
    c->param = malloc(((size_t)n + 1) * sizeof *c->param);
    c->val = malloc(((size_t)n + 1) * sizeof *c->val);
    k = (size_t)snprintf(buf, sizeof buf, "%s", r->model[model].alias);
    for (int a = 0; a < n && k < sizeof buf; a++) {
        char num[32];
        if (eq_model_param_is_enum(m, param[a]))
            snprintf(num, sizeof num, "%s", eq_model_param_choice(m, param[a], (int)val[a]));
        else
            eqi_format_double(val[a], num, sizeof num);
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s=%s", a ? ", " : ": ",
                              eq_model_param_name(m, param[a]), num);
    }
    c->name = eqi_strdup(buf);
    if (c->param == NULL || c->val == NULL || c->name == NULL) {
        free(c->param);
        free(c->val);
        free(c->name);
        return -1;
    }
    if (n > 0) {
        memcpy(c->param, param, (size_t)n * sizeof *param);
        memcpy(c->val, val, (size_t)n * sizeof *val);
    }
    return r->nctx++;
}

/* Whether the study may still be set up. */
static eq_status settable(eq_robust *r)
{
    if (r->prepared)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "the study has run: make a new one to "
                         "change it");
    return EQ_OK;
}

eq_status eq_robust_add_model(eq_robust *r, const eq_analysis *a, const char *alias)
{
    return eqi_robust_add(r, a, alias, 1);
}

eq_status eqi_robust_add(eq_robust *r, const eq_analysis *a, const char *alias,
                         int with_claims)
{
    rmodel *M;
    void *p;
    eq_status s;
    if (r == NULL || a == NULL)
        return r ? eqi_error(r->errmsg, EQ_ERR_ARG, "eq_robust_add_model: NULL argument")
                 : EQ_ERR_ARG;
    if ((s = settable(r)) != EQ_OK)
        return s;
    if (alias == NULL || alias[0] == '\0')
        alias = eq_model_title(a->m) && eq_model_title(a->m)[0] ? eq_model_title(a->m)
                                                                 : "model";
    for (const char *c = alias; *c; c++)
        if (!(((*c | 32) >= 'a' && (*c | 32) <= 'z') || (*c >= '0' && *c <= '9') ||
              *c == '_' || (unsigned char)*c >= 0x80))
            return eqi_error(r->errmsg, EQ_ERR_ARG, "a model's alias is a name (letters, "
                             "digits, '_'), not '%.64s'", alias);
    for (int i = 0; i < r->nmodel; i++)
        if (strcmp(r->model[i].alias, alias) == 0)
            return eqi_error(r->errmsg, EQ_ERR_ARG, "two models named '%.64s'", alias);
    if ((p = realloc(r->model, ((size_t)r->nmodel + 1) * sizeof *r->model)) == NULL)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    r->model = p;
    M = &r->model[r->nmodel];
    memset(M, 0, sizeof *M);
    M->m = a->m;
    if ((M->alias = eqi_strdup(alias)) == NULL || eq_analysis_new(&M->an, a->m) != EQ_OK ||
        eq_analysis_set_values(M->an, a->base) != EQ_OK ||
        eq_analysis_set_tree_opts(M->an, &a->opts) != EQ_OK) {
        free(M->alias);
        eq_analysis_free(M->an);
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    M->an->measures = 0;
    r->nmodel++;
    /* The model's own context, reported. */
    if (eqi_robust_context(r, r->nmodel - 1, 0, NULL, NULL) < 0)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    r->nbasectx = r->nctx;
    /* The claims its file declares, named as there (after the alias when
    ** another claim has the name). */
    for (int i = 0; with_claims && i < eq_model_claims(a->m); i++) {
        char name[256];
        const char *cn = eq_model_claim_name(a->m, i);
        int taken = 0;
        for (int k = 0; k < r->nclaim; k++)
            taken |= strcmp(r->claim[k].name, cn) == 0;
        snprintf(name, sizeof name, "%s%s%s", taken ? M->alias : "", taken ? "." : "", cn);
        r->claim_model = r->nmodel - 1;
        s = eq_robust_claim(r, name, eq_model_claim_text(a->m, i));
        r->claim_model = -1;
        if (s != EQ_OK)
            return s;
    }
    return EQ_OK;
}

/* A number in a prior's arguments: a decimal with an optional sign. */
static int prior_number(const char **p, double *v)
{
    const char *s = *p;
    size_t n = 0;
    int neg = 0;
    while (*s == ' ')
        s++;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    while ((s[n] >= '0' && s[n] <= '9') || s[n] == '.' || s[n] == 'e' || s[n] == 'E' ||
           ((s[n] == '-' || s[n] == '+') && n > 0 && (s[n - 1] == 'e' || s[n - 1] == 'E')))
        n++;
    if (n == 0 || eqi_decimal_to_double(s, n, v) != 0)
        return -1;
    if (neg)
        *v = -*v;
    s += n;
    while (*s == ' ')
        s++;
    *p = s;
    return 0;
}

eq_status eq_robust_prior(eq_robust *r, const char *spec)
{
    const char *eq, *p;
    char name[128];
    double arg[4];
    int nargs = 0, kind;
    size_t n;
    rdim d;
    void *q;
    eq_status s;
    if (r == NULL || spec == NULL)
        return r ? eqi_error(r->errmsg, EQ_ERR_ARG, "eq_robust_prior: NULL argument")
                 : EQ_ERR_ARG;
    if ((s = settable(r)) != EQ_OK)
        return s;
    if ((eq = strchr(spec, '=')) == NULL || (size_t)(eq - spec) >= sizeof name)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "expected NAME=uniform(a,b), "
                         "NAME=beta(a,b[,lo,hi]) or NAME=triangular(a,c,b), not '%.64s'",
                         spec);
    n = (size_t)(eq - spec);
    while (n > 0 && spec[n - 1] == ' ')
        n--;
    snprintf(name, sizeof name, "%.*s", (int)n, spec);
    p = eq + 1;
    while (*p == ' ')
        p++;
    if (strncmp(p, "uniform(", 8) == 0)
        kind = PRIOR_UNIFORM, p += 8;
    else if (strncmp(p, "beta(", 5) == 0)
        kind = PRIOR_BETA, p += 5;
    else if (strncmp(p, "triangular(", 11) == 0)
        kind = PRIOR_TRIANGULAR, p += 11;
    else
        return eqi_error(r->errmsg, EQ_ERR_ARG, "unknown prior '%.64s' (uniform(a,b), "
                         "beta(a,b), beta(a,b,lo,hi) or triangular(a,c,b))", p);
    for (;;) {
        if (nargs == 4 || prior_number(&p, &arg[nargs]) != 0)
            return eqi_error(r->errmsg, EQ_ERR_ARG, "malformed arguments in '%.64s'", spec);
        nargs++;
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p == ')' && p[1] == '\0')
            break;
        return eqi_error(r->errmsg, EQ_ERR_ARG, "malformed arguments in '%.64s'", spec);
    }
    memset(&d, 0, sizeof d);
    d.kind = kind;
    if (kind == PRIOR_UNIFORM) {
        if (nargs != 2 || !(arg[0] < arg[1]))
            return eqi_error(r->errmsg, EQ_ERR_ARG, "uniform(a,b) needs a < b ('%.64s')", spec);
        d.a = d.lo = arg[0];
        d.b = d.hi = arg[1];
    } else if (kind == PRIOR_TRIANGULAR) {
        if (nargs != 3 || !(arg[0] < arg[2]) || arg[1] < arg[0] || arg[1] > arg[2])
            return eqi_error(r->errmsg, EQ_ERR_ARG, "triangular(a,c,b) needs a <= c <= b "
                             "and a < b ('%.64s')", spec);
        d.a = d.lo = arg[0];
        d.c = arg[1];
        d.b = d.hi = arg[2];
    } else {
        if ((nargs != 2 && nargs != 4) || !(arg[0] > 0.0) || !(arg[1] > 0.0))
            return eqi_error(r->errmsg, EQ_ERR_ARG, "beta(a,b) needs a > 0 and b > 0, and "
                             "beta(a,b,lo,hi) lo < hi ('%.64s')", spec);
        d.a = arg[0];
        d.b = arg[1];
        if (nargs == 4) {
            if (!(arg[2] < arg[3]))
                return eqi_error(r->errmsg, EQ_ERR_ARG, "beta(a,b,lo,hi) needs lo < hi "
                                 "('%.64s')", spec);
            d.lo = arg[2];
            d.hi = arg[3];
        } else {
            d.lo = d.hi = NAN;      /* the domain, found when the study runs */
        }
    }
    for (int j = 0; j < r->ndim; j++)
        if (strcmp(r->dim[j].name, name) == 0)
            return eqi_error(r->errmsg, EQ_ERR_ARG, "two priors for '%.64s'", name);
    if ((d.name = eqi_strdup(name)) == NULL || (d.text = eqi_strdup(eq + 1)) == NULL) {
        free(d.name);
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    if ((q = realloc(r->dim, ((size_t)r->ndim + 1) * sizeof *r->dim)) == NULL) {
        free(d.name);
        free(d.text);
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    r->dim = q;
    r->dim[r->ndim++] = d;
    r->explicit_priors = 1;
    return EQ_OK;
}

eq_status eq_robust_claim(eq_robust *r, const char *name, const char *text)
{
    rclaim c;
    void *p;
    size_t pos = 0;
    char err[EQI_ERRMAX];
    eq_status s;
    if (r == NULL || name == NULL || text == NULL)
        return r ? eqi_error(r->errmsg, EQ_ERR_ARG, "eq_robust_claim: NULL argument")
                 : EQ_ERR_ARG;
    if ((s = settable(r)) != EQ_OK)
        return s;
    if (r->nmodel == 0)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "add the models before the claims");
    memset(&c, 0, sizeof c);
    if ((s = eqi_claim_compile(r, text, &c, err, &pos)) != EQ_OK)
        return eqi_error(r->errmsg, s, "claim '%.64s', column %zu: %s", name, pos + 1, err);
    if ((c.name = eqi_strdup(name)) == NULL || (c.text = eqi_strdup(text)) == NULL ||
        (p = realloc(r->claim, ((size_t)r->nclaim + 1) * sizeof *r->claim)) == NULL) {
        eqi_claim_free(&c);
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    r->claim = p;
    r->claim[r->nclaim++] = c;
    return EQ_OK;
}

eq_status eq_robust_context(eq_robust *r, const char *spec)
{
    /* A context is compiled as the context of P(class | spec) for any
    ** class: reuse the claim compiler on "E(player | spec) == 0". */
    rclaim c;
    char text[1200], err[EQI_ERRMAX];
    size_t pos = 0;
    eq_status s;
    int ctx;
    if (r == NULL || spec == NULL)
        return r ? eqi_error(r->errmsg, EQ_ERR_ARG, "eq_robust_context: NULL argument")
                 : EQ_ERR_ARG;
    if ((s = settable(r)) != EQ_OK)
        return s;
    if (r->nmodel == 0)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "add the models before the contexts");
    if (strlen(spec) > 1000)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "context too long (%zu characters; "
                         "at most 1000)", strlen(spec));
    memset(&c, 0, sizeof c);
    snprintf(text, sizeof text, "E(%s | %s) == 0", eq_model_player_name(r->model[0].m, 0),
             spec);
    /* The player must be the context's model's: try each model's first. */
    s = eqi_claim_compile(r, text, &c, err, &pos);
    for (int j = 1; s != EQ_OK && j < r->nmodel; j++) {
        snprintf(text, sizeof text, "E(%s | %s) == 0",
                 eq_model_player_name(r->model[j].m, 0), spec);
        s = eqi_claim_compile(r, text, &c, err, &pos);
    }
    if (s != EQ_OK)
        return eqi_error(r->errmsg, s, "context '%.64s': %s", spec, err);
    ctx = c.code[0].a;
    eqi_claim_free(&c);
    /* Report it: move it among the reported contexts. */
    if (ctx >= r->nbasectx) {
        rctx t = r->ctx[ctx];
        memmove(&r->ctx[r->nbasectx + 1], &r->ctx[r->nbasectx],
                (size_t)(ctx - r->nbasectx) * sizeof *r->ctx);
        r->ctx[r->nbasectx] = t;
        /* Claims' context indices shift with it. */
        for (int i = 0; i < r->nclaim; i++)
            for (int k = 0; k < r->claim[i].ncode; k++) {
                rins *I = &r->claim[i].code[k];
                if (I->op != CL_PROB && I->op != CL_PAY && I->op != CL_MOVE)
                    continue;
                if (I->a == ctx)
                    I->a = r->nbasectx;
                else if (I->a >= r->nbasectx && I->a < ctx)
                    I->a++;
            }
        r->nbasectx++;
    }
    return EQ_OK;
}

eq_status eq_robust_set_samples(eq_robust *r, long long n)
{
    eq_status s;
    if (r == NULL)
        return EQ_ERR_ARG;
    if ((s = settable(r)) != EQ_OK)
        return s;
    if (n < 2 || n > ((long long)1 << 40))
        return eqi_error(r->errmsg, EQ_ERR_ARG, "the number of samples must be 2 to 2^40, "
                         "not %lld", n);
    r->nsample = n;
    r->i0 = 0;
    r->i1 = -1;
    return EQ_OK;
}

eq_status eq_robust_set_seed(eq_robust *r, unsigned long long seed)
{
    eq_status s;
    if (r == NULL)
        return EQ_ERR_ARG;
    if ((s = settable(r)) != EQ_OK)
        return s;
    r->seed = seed;
    return EQ_OK;
}

eq_status eq_robust_set_threads(eq_robust *r, int n)
{
    if (r == NULL || n < 0 || n > 1024)
        return r ? eqi_error(r->errmsg, EQ_ERR_ARG, "threads must be 0 (one per "
                             "processor) to 1024, not %d", n) : EQ_ERR_ARG;
    r->threads = n;
    return EQ_OK;
}

eq_status eq_robust_set_range(eq_robust *r, long long i0, long long i1)
{
    eq_status s;
    if (r == NULL)
        return EQ_ERR_ARG;
    if ((s = settable(r)) != EQ_OK)
        return s;
    if (i1 == -1)
        i1 = r->nsample;
    if (i0 < 0 || i0 > i1 || i1 > r->nsample)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "the range [%lld, %lld) does not lie in "
                         "the %lld samples", i0, i1, r->nsample);
    r->i0 = i0;
    r->i1 = i1;
    return EQ_OK;
}

/* ---- preparing ------------------------------------------------------- */

/* The sampled dimensions: the priors given, or every interval parameter
** of the models (by name; one dimension per name). */
static eq_status prepare_dims(eq_robust *r)
{
    if (!r->explicit_priors) {
        for (int i = 0; i < r->nmodel; i++) {
            const eq_model *m = r->model[i].m;
            for (int k = 0; k < eq_model_params(m); k++) {
                const char *nm = eq_model_param_name(m, k);
                int seen = 0;
                rdim d;
                void *q;
                if (eq_model_param_is_enum(m, k))
                    continue;
                for (int j = 0; j < r->ndim && !seen; j++)
                    seen = strcmp(r->dim[j].name, nm) == 0;
                if (seen)
                    continue;
                memset(&d, 0, sizeof d);
                d.kind = PRIOR_UNIFORM;
                d.a = d.lo = eq_model_param_lo(m, k);
                d.b = d.hi = eq_model_param_hi(m, k);
                if (!(d.lo < d.hi))
                    continue;       /* a parameter fixed by its domain */
                d.name = eqi_strdup(nm);
                d.text = eqi_strdup("uniform over its domain");
                if (d.name == NULL || d.text == NULL ||
                    (q = realloc(r->dim, ((size_t)r->ndim + 1) * sizeof *r->dim)) == NULL) {
                    free(d.name);
                    free(d.text);
                    return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
                }
                r->dim = q;
                r->dim[r->ndim++] = d;
            }
        }
    }
    /* Every dimension must be an interval parameter of some model, with
    ** its support inside the domain of every model that has it. */
    for (int j = 0; j < r->ndim; j++) {
        rdim *d = &r->dim[j];
        int found = 0;
        for (int i = 0; i < r->nmodel; i++) {
            const eq_model *m = r->model[i].m;
            int k = eq_model_param_index(m, d->name);
            double lo, hi;
            if (k < 0)
                continue;
            if (eq_model_param_is_enum(m, k))
                return eqi_error(r->errmsg, EQ_ERR_ARG, "'%.64s' is enumerated in %s: it "
                                 "takes no prior (compare its choices in contexts)",
                                 d->name, r->model[i].alias);
            lo = eq_model_param_lo(m, k);
            hi = eq_model_param_hi(m, k);
            if (isnan(d->lo)) {
                d->lo = lo;
                d->hi = hi;
            }
            if (d->lo < lo || d->hi > hi) {
                char a[32], b[32], c[32], e[32];
                eqi_format_double(d->lo, a, sizeof a);
                eqi_format_double(d->hi, b, sizeof b);
                eqi_format_double(lo, c, sizeof c);
                eqi_format_double(hi, e, sizeof e);
                return eqi_error(r->errmsg, EQ_ERR_ARG, "the prior of '%.64s' spans [%s, %s], "
                                 "outside its domain [%s, %s] in %s", d->name, a, b, c, e,
                                 r->model[i].alias);
            }
            found = 1;
        }
        if (!found)
            return eqi_error(r->errmsg, EQ_ERR_ARG, "unknown parameter '%.64s' (in no model "
                             "of the study)", d->name);
    }
    for (int i = 0; i < r->nmodel; i++) {
        rmodel *M = &r->model[i];
        int np = eq_model_params(M->m);
        if ((M->dim = malloc(((size_t)np + 1) * sizeof *M->dim)) == NULL)
            return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        for (int k = 0; k < np; k++) {
            M->dim[k] = -1;
            for (int j = 0; j < r->ndim; j++)
                if (strcmp(r->dim[j].name, eq_model_param_name(M->m, k)) == 0)
                    M->dim[k] = j;
        }
    }
    return EQ_OK;
}

static int add_item(eq_robust *r, int kind, int ctx, int index, const char *name)
{
    ritem *it;
    if (r->nitem == r->capitem) {
        int cap = r->capitem ? 2 * r->capitem : 16;
        void *p = realloc(r->item, (size_t)cap * sizeof *r->item);
        if (p == NULL)
            return -1;
        r->item = p;
        r->capitem = cap;
    }
    it = &r->item[r->nitem];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->ctx = ctx;
    it->index = index;
    it->name = eqi_strdup(name);
    it->bins = calloc((size_t)r->ndim * (size_t)r->nbin + 1, sizeof *it->bins);
    if (it->name == NULL || it->bins == NULL) {
        free(it->name);
        free(it->bins);
        return -1;
    }
    return r->nitem++;
}

static eq_status prepare(eq_robust *r)
{
    eq_status s;
    long long nb;
    if (r->prepared)
        return EQ_OK;
    if (r->nmodel == 0)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "the study has no model");
    if ((s = prepare_dims(r)) != EQ_OK)
        return s;
    nb = (long long)floor(sqrt((double)r->nsample));
    r->nbin = (int)(nb < 2 ? 2 : nb > 100 ? 100 : nb);
    if ((r->bincount = calloc((size_t)r->ndim * (size_t)r->nbin + 1,
                              sizeof *r->bincount)) == NULL)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    /* Classes of the reported contexts, then claims; regimes come as they
    ** are met. */
    for (int c = 0; c < r->nbasectx; c++) {
        const eq_model *m = r->model[r->ctx[c].model].m;
        for (int k = 0; k < eq_model_classes(m); k++)
            if (add_item(r, ITEM_CLASS, c, k, eq_model_class_name(m, k)) < 0)
                return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    for (int k = 0; k < r->nclaim; k++)
        if (add_item(r, ITEM_CLAIM, -1, k, r->claim[k].name) < 0)
            return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    if (r->i1 < 0)
        r->i1 = r->nsample;
    r->prepared = 1;
    return EQ_OK;
}

/* The value of dimension j at u in (0, 1): its prior's inverse
** distribution function. */
static double inverse_cdf(const rdim *d, double u)
{
    switch (d->kind) {
    case PRIOR_BETA:
        return d->lo + (d->hi - d->lo) * eqi_beta_inv(d->a, d->b, u);
    case PRIOR_TRIANGULAR: {
        double w = d->b - d->a, fc = (d->c - d->a) / w;
        if (u < fc)
            return d->a + sqrt(u * w * (d->c - d->a));
        return d->b - sqrt((1.0 - u) * w * (d->b - d->c));
    }
    default:
        return d->a + (d->b - d->a) * u;
    }
}

/* Sample i's stratum and value in every dimension. */
static void draw(const eq_robust *r, long long i, double *x, int *bin)
{
    uint64_t n = (uint64_t)r->nsample;
    for (int j = 0; j < r->ndim; j++) {
        uint64_t st = eqi_permute(r->seed, (uint64_t)j, n, (uint64_t)i);
        double u = ((double)st + eqi_uniform(r->seed, (uint64_t)i, (uint64_t)j)) / (double)n;
        double v = inverse_cdf(&r->dim[j], u);
        /* Rounding must not leave the support. */
        x[j] = v < r->dim[j].lo ? r->dim[j].lo : v > r->dim[j].hi ? r->dim[j].hi : v;
        if (bin != NULL)
            bin[j] = (int)(st * (uint64_t)r->nbin / n);
    }
}

/* ---- running --------------------------------------------------------- */

/* One sample's outcome. */
typedef struct sample {
    double *x;          /* ndim */
    int *bin;           /* ndim */
    double *y;          /* classes and claims: the fixed items */
    char **path;        /* per reported context: its regime */
    size_t *pathcap;
    int failed;
    char msg[EQI_ERRMAX];
} sample;

/* A thread's points: one per context. */
typedef struct rworker {
    eq_point **pt;
    double *v;
} rworker;

typedef struct rrun {
    eq_robust *r;
    int nfixed;         /* classes and claims */
    eq_sample_fn fn;
    void *ud;
    double *yall;       /* every item's y of the sample being emitted */
    int capy;
    int nomem;
    eqi_guard *G;       /* r->limits, polled before each sample is summed */
} rrun;

static void *worker_new(void *ctx)
{
    eq_robust *r = ((rrun *)ctx)->r;
    rworker *w = calloc(1, sizeof *w);
    int maxp = 1;
    if (w == NULL)
        return NULL;
    for (int i = 0; i < r->nmodel; i++)
        if (eq_model_params(r->model[i].m) > maxp)
            maxp = eq_model_params(r->model[i].m);
    w->pt = calloc((size_t)r->nctx + 1, sizeof *w->pt);
    w->v = malloc((size_t)maxp * sizeof *w->v);
    if (w->pt == NULL || w->v == NULL)
        goto fail;
    for (int c = 0; c < r->nctx; c++)
        if (eq_point_new(&w->pt[c], r->model[r->ctx[c].model].m) != EQ_OK)
            goto fail;
    return w;
fail:
    if (w->pt != NULL)
        for (int c = 0; c < r->nctx; c++)
            eq_point_free(w->pt[c]);
    free(w->pt);
    free(w->v);
    free(w);
    return NULL;
}

static void worker_free(void *ctx, void *w_)
{
    rworker *w = w_;
    eq_robust *r = ((rrun *)ctx)->r;
    if (w == NULL)
        return;
    for (int c = 0; c < r->nctx; c++)
        eq_point_free(w->pt[c]);
    free(w->pt);
    free(w->v);
    free(w);
}

static void *sample_new(void *ctx)
{
    rrun *R = ctx;
    eq_robust *r = R->r;
    sample *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->x = malloc(((size_t)r->ndim + 1) * sizeof *s->x);
    s->bin = malloc(((size_t)r->ndim + 1) * sizeof *s->bin);
    s->y = malloc(((size_t)R->nfixed + 1) * sizeof *s->y);
    s->path = calloc((size_t)r->nbasectx + 1, sizeof *s->path);
    s->pathcap = calloc((size_t)r->nbasectx + 1, sizeof *s->pathcap);
    if (!s->x || !s->bin || !s->y || !s->path || !s->pathcap) {
        free(s->x);
        free(s->bin);
        free(s->y);
        free(s->path);
        free(s->pathcap);
        free(s);
        return NULL;
    }
    return s;
}

static void sample_free(void *ctx, void *s_)
{
    sample *s = s_;
    eq_robust *r = ((rrun *)ctx)->r;
    for (int c = 0; c < r->nbasectx; c++)
        free(s->path[c]);
    free(s->path);
    free(s->pathcap);
    free(s->x);
    free(s->bin);
    free(s->y);
    free(s);
}

static void fail_sample(sample *s, const char *fmt, const char *a, const char *b)
{
    s->failed = 1;
    snprintf(s->msg, sizeof s->msg, fmt, a, b);
}

static void solve_sample(void *ctx, void *w_, void *s_, long long idx)
{
    rrun *R = ctx;
    eq_robust *r = R->r;
    rworker *w = w_;
    sample *s = s_;
    int yi = 0;
    s->failed = 0;
    draw(r, idx, s->x, s->bin);
    if (w == NULL) {
        fail_sample(s, "%s%s", "out of memory", "");
        return;
    }
    for (int c = 0; c < r->nctx; c++) {
        const rctx *C = &r->ctx[c];
        const rmodel *M = &r->model[C->model];
        int np = eq_model_params(M->m);
        eq_point *pt = w->pt[c];
        memcpy(w->v, M->an->base, (size_t)np * sizeof *w->v);
        for (int k = 0; k < np; k++)
            if (M->dim[k] >= 0)
                w->v[k] = s->x[M->dim[k]];
        for (int a = 0; a < C->n; a++)
            w->v[C->param[a]] = C->val[a];
        if (eq_point_solve(pt, M->an, w->v) != EQ_OK) {
            fail_sample(s, "%.120s: %.380s", C->name, pt->errmsg);
            return;
        }
        if (pt->flags & EQ_FLAG_NONE) {
            fail_sample(s, "%.120s: %s", C->name, "no equilibrium found");
            return;
        }
    }
    for (int c = 0; c < r->nbasectx; c++) {
        const eq_point *pt = w->pt[c];
        for (int k = 0; k < pt->nc; k++)
            s->y[yi++] = pt->cls[k];
        if (pt->pathlen + 1 > s->pathcap[c]) {
            char *p = realloc(s->path[c], pt->pathlen + 1);
            if (p == NULL) {
                fail_sample(s, "%s%s", "out of memory", "");
                return;
            }
            s->path[c] = p;
            s->pathcap[c] = pt->pathlen + 1;
        }
        memcpy(s->path[c], pt->path, pt->pathlen + 1);
    }
    for (int k = 0; k < r->nclaim; k++) {
        int v = eqi_claim_eval(r, &r->claim[k], w->pt, s->x);
        if (v < 0) {
            fail_sample(s, "claim %.120s: %s", r->claim[k].name, "a value is undefined (a "
                        "named node not made, a set of nodes never reached, or a "
                        "division by zero)");
            return;
        }
        s->y[yi++] = v;
    }
}

/* Add y of item it for a sample. */
static void accumulate(eq_robust *r, ritem *it, const sample *s, double y)
{
    it->sum += y;
    it->sum2 += y * y;
    it->hits += y > 0.5;
    for (int j = 0; j < r->ndim; j++)
        it->bins[(size_t)j * (size_t)r->nbin + (size_t)s->bin[j]] += y;
}

static int emit_sample(void *ctx, void *s_, long long idx)
{
    rrun *R = ctx;
    eq_robust *r = R->r;
    sample *s = s_;
    int nfixed = R->nfixed;
    if (eqi_guard_poll(R->G))
        return 1;       /* the samples summed so far stay */
    if (s->failed) {
        if (r->failed++ == 0)
            snprintf(r->firstfail, sizeof r->firstfail, "sample %lld: %.480s", idx, s->msg);
        return 0;
    }
    r->done++;
    for (int j = 0; j < r->ndim; j++)
        r->bincount[(size_t)j * (size_t)r->nbin + (size_t)s->bin[j]]++;
    for (int i = 0; i < nfixed; i++)
        accumulate(r, &r->item[i], s, s->y[i]);
    /* Regimes: the item of each reported context's path, made when first
    ** met, so their order is that of the samples. */
    for (int c = 0; c < r->nbasectx; c++) {
        int found = -1;
        for (int i = nfixed; i < r->nitem && found < 0; i++)
            if (r->item[i].ctx == c && strcmp(r->item[i].name, s->path[c]) == 0)
                found = i;
        if (found < 0 && (found = add_item(r, ITEM_REGIME, c, -1, s->path[c])) < 0) {
            R->nomem = 1;
            return 1;
        }
        accumulate(r, &r->item[found], s, 1.0);
    }
    if (R->fn != NULL) {
        if (r->nitem > R->capy) {
            double *p = realloc(R->yall, (size_t)r->capitem * sizeof *p);
            if (p == NULL) {
                R->nomem = 1;
                return 1;
            }
            R->yall = p;
            R->capy = r->capitem;
        }
        for (int i = 0; i < r->nitem; i++)
            R->yall[i] = i < nfixed ? s->y[i] : 0.0;
        for (int c = 0; c < r->nbasectx; c++)
            for (int i = nfixed; i < r->nitem; i++)
                if (r->item[i].ctx == c && strcmp(r->item[i].name, s->path[c]) == 0)
                    R->yall[i] = 1.0;
        return R->fn(R->ud, idx, r->ndim, s->x, r->nitem, R->yall);
    }
    return 0;
}

eq_status eq_robust_run(eq_robust *r, eq_sample_fn fn, void *ud)
{
    rrun R;
    eqi_ordered o;
    eqi_guard guard;
    eq_status s;
    if (r == NULL)
        return EQ_ERR_ARG;
    if (r->done > 0 || r->failed > 0)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "the study has run: make a new one to run "
                         "again");
    if ((s = prepare(r)) != EQ_OK)
        return s;
    memset(&R, 0, sizeof R);
    R.r = r;
    R.nfixed = r->nitem;
    R.fn = fn;
    R.ud = ud;
    R.G = eqi_guard_start(&guard, &r->limits);
    memset(&o, 0, sizeof o);
    o.threads = r->threads;
    if (o.threads == 0) {
        eq_analysis *a = r->model[0].an;
        int keep = a->threads;
        a->threads = 0;
        o.threads = eqi_analysis_threads(a);
        a->threads = keep;
    }
    o.i0 = r->i0;
    o.i1 = r->i1;
    o.ctx = &R;
    o.worker_new = worker_new;
    o.worker_free = worker_free;
    o.slot_new = sample_new;
    o.slot_free = sample_free;
    o.work = solve_sample;
    o.emit = emit_sample;
    s = eqi_ordered_run(&o, r->errmsg);
    free(R.yall);
    if (R.nomem)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    if (s == EQ_ERR_STOPPED && R.G->stopped)
        eqi_error(r->errmsg, s, "robust: %s after %lld samples", R.G->why,
                  r->done + r->failed);
    return s;
}

eq_status eq_robust_set_limits(eq_robust *r, const eq_limits *l)
{
    if (r == NULL)
        return EQ_ERR_ARG;
    if (eqi_limits_check(l, r->errmsg) != EQ_OK)
        return EQ_ERR_ARG;
    if (l != NULL)
        r->limits = *l;
    else
        eq_limits_init(&r->limits);
    r->limits.internal = NULL;
    return EQ_OK;
}

eq_status eq_robust_replay(eq_robust *r, long long idx, const double *y,
                           const char *const *path, const char *failure)
{
    rrun R;
    sample *s;
    eq_status st = EQ_OK;
    int nfixed = 0;
    if (r == NULL)
        return EQ_ERR_ARG;
    if ((st = prepare(r)) != EQ_OK)
        return st;
    if (idx < 0 || idx >= r->nsample)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "sample %lld is not in [0, %lld)", idx,
                         r->nsample);
    if (failure == NULL && (y == NULL || path == NULL))
        return eqi_error(r->errmsg, EQ_ERR_ARG, "eq_robust_replay: NULL argument");
    while (nfixed < r->nitem && r->item[nfixed].kind != ITEM_REGIME)
        nfixed++;
    memset(&R, 0, sizeof R);
    R.r = r;
    R.nfixed = nfixed;
    if ((s = sample_new(&R)) == NULL)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    draw(r, idx, s->x, s->bin);
    if (failure != NULL) {
        s->failed = 1;
        snprintf(s->msg, sizeof s->msg, "%.480s", failure);
    } else {
        memcpy(s->y, y, (size_t)nfixed * sizeof *s->y);
        for (int c = 0; c < r->nbasectx && st == EQ_OK; c++)
            if (path[c] == NULL || (s->path[c] = eqi_strdup(path[c])) == NULL)
                st = path[c] == NULL ? eqi_error(r->errmsg, EQ_ERR_ARG, "eq_robust_replay: "
                                                 "NULL path") : EQ_ERR_NOMEM;
    }
    if (st == EQ_OK) {
        emit_sample(&R, s, idx);
        if (R.nomem)
            st = EQ_ERR_NOMEM;
    }
    sample_free(&R, s);
    if (st == EQ_ERR_NOMEM)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    return st;
}

int eq_robust_contexts(const eq_robust *r) { return r && r->prepared ? r->nbasectx : 0; }

const char *eq_robust_context_name(const eq_robust *r, int c)
{
    return r && r->prepared && c >= 0 && c < r->nbasectx ? r->ctx[c].name : NULL;
}

/* ---- results --------------------------------------------------------- */

eq_status eq_robust_sample(eq_robust *r, long long i, double *x)
{
    eq_status s;
    if (r == NULL || x == NULL)
        return r ? eqi_error(r->errmsg, EQ_ERR_ARG, "eq_robust_sample: NULL argument")
                 : EQ_ERR_ARG;
    if (i < 0 || i >= r->nsample)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "sample %lld is not in [0, %lld)", i,
                         r->nsample);
    if ((s = prepare(r)) != EQ_OK)
        return s;
    draw(r, i, x, NULL);
    return EQ_OK;
}

int eq_robust_dims(const eq_robust *r) { return r && r->prepared ? r->ndim : 0; }

const char *eq_robust_dim_name(const eq_robust *r, int j)
{
    return r && r->prepared && j >= 0 && j < r->ndim ? r->dim[j].name : NULL;
}

const char *eq_robust_dim_prior(const eq_robust *r, int j)
{
    return r && r->prepared && j >= 0 && j < r->ndim ? r->dim[j].text : NULL;
}

long long eq_robust_samples(const eq_robust *r) { return r ? r->done : 0; }
long long eq_robust_failures(const eq_robust *r) { return r ? r->failed : 0; }
const char *eq_robust_failure(const eq_robust *r) { return r ? r->firstfail : ""; }

int eq_robust_items(const eq_robust *r) { return r ? r->nitem : 0; }

#define ITEM(r, i) ((r) != NULL && (i) >= 0 && (i) < (r)->nitem)

int eq_robust_item_kind(const eq_robust *r, int i) { return ITEM(r, i) ? r->item[i].kind : -1; }
const char *eq_robust_item_name(const eq_robust *r, int i)
{
    return ITEM(r, i) ? r->item[i].name : NULL;
}

const char *eq_robust_item_context(const eq_robust *r, int i)
{
    if (!ITEM(r, i))
        return NULL;
    return r->item[i].ctx >= 0 ? r->ctx[r->item[i].ctx].name : "";
}

const char *eq_robust_item_text(const eq_robust *r, int i)
{
    if (!ITEM(r, i))
        return NULL;
    if (r->item[i].kind == ITEM_CLAIM)
        return r->claim[r->item[i].index].text;
    if (r->item[i].kind == ITEM_CLASS)
        return eq_model_class_description(r->model[r->ctx[r->item[i].ctx].model].m,
                                          r->item[i].index);
    return r->item[i].name;
}

long long eq_robust_item_hits(const eq_robust *r, int i)
{
    return ITEM(r, i) ? r->item[i].hits : -1;
}

double eq_robust_item_share(const eq_robust *r, int i)
{
    if (!ITEM(r, i) || r->done == 0)
        return NAN;
    return r->item[i].sum / (double)r->done;
}

/* The 95% interval of the share: Wilson's for a truth value (regimes,
** claims); for a class's mean probability, the normal interval of a
** mean with the samples' standard deviation, clipped to [0, 1]. */
static void interval(const eq_robust *r, int i, double *lo, double *hi)
{
    const ritem *it = &r->item[i];
    double n = (double)r->done, m, var, half;
    if (it->kind != ITEM_CLASS) {
        eqi_wilson((long long)llround(it->sum), r->done, lo, hi);
        return;
    }
    m = it->sum / n;
    var = n > 1 ? (it->sum2 - n * m * m) / (n - 1.0) : 0.0;
    half = 1.959963984540054 * sqrt(var > 0.0 ? var : 0.0) / sqrt(n);
    *lo = m - half < 0.0 ? 0.0 : m - half;
    *hi = m + half > 1.0 ? 1.0 : m + half;
}

double eq_robust_item_lo(const eq_robust *r, int i)
{
    double lo, hi;
    if (!ITEM(r, i) || r->done == 0)
        return NAN;
    interval(r, i, &lo, &hi);
    return lo;
}

double eq_robust_item_hi(const eq_robust *r, int i)
{
    double lo, hi;
    if (!ITEM(r, i) || r->done == 0)
        return NAN;
    interval(r, i, &lo, &hi);
    return hi;
}

double eq_robust_item_importance(const eq_robust *r, int i, int j)
{
    const ritem *it;
    double n, sst, ssb = 0.0, ssw, m = (double)0, s;
    int M;
    if (!ITEM(r, i) || j < 0 || j >= r->ndim || r->done < 2)
        return NAN;
    it = &r->item[i];
    n = (double)r->done;
    M = r->nbin;
    sst = it->sum2 - it->sum * it->sum / n;
    if (!(sst > 1e-12 * n))
        return NAN;         /* Y does not vary: nothing to explain */
    for (int b = 0; b < M; b++) {
        long long c = r->bincount[(size_t)j * (size_t)M + (size_t)b];
        double sb = it->bins[(size_t)j * (size_t)M + (size_t)b];
        if (c > 0) {
            ssb += sb * sb / (double)c;
            m++;
        }
    }
    ssb -= it->sum * it->sum / n;
    ssw = sst - ssb;
    if (n - m < 1.0)
        return NAN;
    s = (ssb - (m - 1.0) * ssw / (n - m)) / sst;
    return s < 0.0 ? 0.0 : s > 1.0 ? 1.0 : s;
}
