/*
** nfg.c -- Gambit's strategic-form file format (.nfg): a reader of both
** the payoff-list and the outcome variant, and a writer of the payoff-list
** variant with action names.
**
**   NFG 1 R "title" { "Player 1" "Player 2" }
**   { 3 2 }                            action counts, or
**   { { "a" "b" "c" } { "x" "y" } }    action names
**   "optional comment"
**   then either a flat list of payoffs, or
**   { { "name" 1, 2 } ... } followed by one outcome index per profile.
**
** Profiles are listed with player 1's action varying fastest; equilib
** stores them row-major with the last player's varying fastest (see
** "Payoff layout" in equilib.h), so both directions convert.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"
#include "textio.h"

/* Token limits shared with the .efg reader (textio.h). */
#define NUMBER_MAX EQI_GB_NUMBER_MAX
#define QUOTE_MAX EQI_GB_QUOTE_MAX

/* What the prologue says. */
typedef struct header {
    int n;                          /* players */
    char *title;
    char *pname[EQ_MAX_PLAYERS];
    int nact[EQ_MAX_PLAYERS];
    char **aname[EQ_MAX_PLAYERS];   /* NULL in the action-count form */
    size_t nprof;
    eqi_loc end;                    /* the '}' closing the action lists */
} header;

/* The outcome list of the outcome variant: nout outcomes of n payoffs
** each, kept as text so that eq_game_set_payoff_text keeps exact values;
** ntext strings are owned. */
typedef struct outcomes {
    char **text;
    size_t ntext, cap;
    size_t nout;
} outcomes;

/* ------------------------------------------------------------------ */
/* Numbers                                                              */
/* ------------------------------------------------------------------ */

/* Check that the current token (a word) is a number a payoff can hold:
** decimal or rational, non-zero denominator, finite as a double. */
static eq_status check_number(eqi_gb *p)
{
    char b[QUOTE_MAX + 8];
    mpq_t q;
    int rc;
    double d;

    if (eqi_small_int(p->text, &d))
        return EQ_OK;
    if (p->tlen > NUMBER_MAX)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "%s is too long for a number",
                           eqi_gb_describe(p, b, sizeof b));
    if (eqi_gb_huge_exponent(p->text))
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "%s is out of range",
                           eqi_gb_describe(p, b, sizeof b));
    mpq_init(q);
    rc = eqi_parse_rational(p->text, q);
    d = rc == 0 ? mpq_get_d(q) : 0.0;
    mpq_clear(q);
    if (rc == -2)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "zero denominator in %s",
                           eqi_gb_describe(p, b, sizeof b));
    if (rc != 0)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "%s is not a number",
                           eqi_gb_describe(p, b, sizeof b));
    if (!isfinite(d))
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "%s is out of range",
                           eqi_gb_describe(p, b, sizeof b));
    return EQ_OK;
}

/* Store the current token as player q's payoff at prof, or only check it
** when g is NULL (a dry run). */
static eq_status store_payoff(eqi_gb *p, eq_game *g, int q, const int *prof)
{
    eq_status s;
    if (p->tlen > NUMBER_MAX || eqi_gb_huge_exponent(p->text) || g == NULL)
        return check_number(p);
    s = eq_game_set_payoff_text(g, q, prof, p->text);
    if (s == EQ_OK)
        return EQ_OK;
    if (s == EQ_ERR_NOMEM)
        return eqi_gb_nomem(p);
    if ((s = check_number(p)) != EQ_OK)
        return s;
    return eqi_gb_fail(p, EQ_ERR_INTERNAL, &p->at, "cannot store payoff: %s",
                       eq_game_errmsg(g));
}

/* The next profile with player 1's action varying fastest. */
static void bump(int *prof, const header *h)
{
    for (int q = 0; q < h->n; q++) {
        if (++prof[q] < h->nact[q])
            return;
        prof[q] = 0;
    }
}

/* ------------------------------------------------------------------ */
/* The prologue                                                         */
/* ------------------------------------------------------------------ */

static void header_free(header *h)
{
    free(h->title);
    for (int q = 0; q < h->n; q++) {
        free(h->pname[q]);
        if (h->aname[q] != NULL) {
            for (int a = 0; a < h->nact[q]; a++)
                free(h->aname[q][a]);
            free(h->aname[q]);
        }
    }
}

/* Add a player's action count k to the running number of profiles,
** failing at the current token once the game would be too large. */
static eq_status grow_profiles(eqi_gb *p, header *h, size_t k)
{
    size_t n;
    if (k > (size_t)INT_MAX || !eqi_mul_size(h->nprof, k, &n) ||
        n > EQ_MAX_PROFILES)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                           "game too large (more than %d profiles)",
                           EQ_MAX_PROFILES);
    return EQ_OK;
}

/* Action names sorted by text, ties by position, to find duplicates in
** n log n rather than n^2. */
typedef struct named {
    const char *s;
    size_t i;
} named;

static int named_cmp(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    if (c != 0)
        return c;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Report the first repeated action name of player q, in input order.
** where[i] is the position of name i. */
static eq_status check_duplicates(eqi_gb *p, const header *h, int q,
                                  const eqi_loc *where)
{
    size_t k = (size_t)h->nact[q], first = SIZE_MAX;
    named *v;

    if (k < 2)
        return EQ_OK;
    if ((v = malloc(k * sizeof *v)) == NULL)
        return eqi_gb_nomem(p);
    for (size_t i = 0; i < k; i++) {
        v[i].s = h->aname[q][i];
        v[i].i = i;
    }
    qsort(v, k, sizeof *v, named_cmp);
    /* Within a run of equal names the second one is the first repeat. */
    for (size_t i = 1; i < k; i++)
        if (strcmp(v[i].s, v[i - 1].s) == 0 &&
            (i < 2 || strcmp(v[i - 1].s, v[i - 2].s) != 0) &&
            v[i].i < first)
            first = v[i].i;
    free(v);
    if (first == SIZE_MAX)
        return EQ_OK;
    return eqi_gb_fail(p, EQ_ERR_PARSE, &where[first],
                       "duplicate action name \"%.*s%s\" of player %d",
                       QUOTE_MAX, h->aname[q][first],
                       strlen(h->aname[q][first]) > QUOTE_MAX ? "..." : "",
                       q + 1);
}

/* Player q's action names; the current token is the '{' opening them.
** Leaves the closing '}' as the current token. */
static eq_status read_names(eqi_gb *p, header *h, int q)
{
    size_t cap = 0, k = 0;
    eqi_loc *where = NULL;
    eq_status s = EQ_OK;

    for (;;) {
        if ((s = eqi_gb_next(p)) != EQ_OK)
            goto done;
        if (p->kind == EQI_GB_RBRACE)
            break;
        if (p->kind != EQI_GB_STRING) {
            s = eqi_gb_unexpected(p, "an action name or '}'");
            goto done;
        }
        if ((s = grow_profiles(p, h, k + 1)) != EQ_OK)
            goto done;
        if (k == cap) {
            /* The names and their places grow in step. */
            size_t nc = eqi_grow_cap(cap, cap + 1);
            if (nc == 0 || eqi_resize(&h->aname[q], nc, sizeof *h->aname[q]) != 0 ||
                eqi_resize(&where, nc, sizeof *where) != 0) {
                s = eqi_gb_nomem(p);
                goto done;
            }
            cap = nc;
        }
        if ((s = eqi_gb_keep(p, &h->aname[q][k])) != EQ_OK)
            goto done;
        where[k] = p->at;
        h->nact[q] = (int)++k;
    }
    if (k == 0) {
        s = eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "player %d has no actions",
                        q + 1);
        goto done;
    }
    if ((s = check_duplicates(p, h, q, where)) != EQ_OK)
        goto done;
    h->nprof *= k;
done:
    free(where);
    return s;
}

/* An action count; the current token is a word. */
static eq_status read_count(eqi_gb *p, header *h, int q)
{
    char b[QUOTE_MAX + 8];
    size_t k;
    eq_status s;

    if (!eqi_gb_count(p->text, &k)) {
        if (p->text[0] == '-' && eqi_gb_count(p->text + 1, &k))
            return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                               "action count must be positive, found %s",
                               eqi_gb_describe(p, b, sizeof b));
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                           "action count %s is not an integer",
                           eqi_gb_describe(p, b, sizeof b));
    }
    if (k == 0)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                           "action count must be positive, found %s",
                           eqi_gb_describe(p, b, sizeof b));
    if ((s = grow_profiles(p, h, k)) != EQ_OK)
        return s;
    h->nact[q] = (int)k;
    h->nprof *= k;
    return EQ_OK;
}

/* Everything up to and including the optional comment.  Leaves the first
** token of the body as the current token. */
static eq_status read_header(eqi_gb *p, header *h)
{
    char what[64];
    eq_status s;
    int names;

    h->nprof = 1;
    if ((s = eqi_gb_prologue(p, "NFG", "1", "strategic-form", &h->title,
                             h->pname, &h->n)) != EQ_OK)
        return s;

    /* { 3 2 } or { { "a" "b" "c" } { "x" "y" } } */
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    if (p->kind != EQI_GB_LBRACE)
        return eqi_gb_unexpected(p, "'{' before the action counts or names");
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    if (p->kind != EQI_GB_LBRACE && p->kind != EQI_GB_WORD)
        return eqi_gb_unexpected(p, "an action count or '{'");
    names = p->kind == EQI_GB_LBRACE;
    for (int q = 0; q < h->n; q++) {
        if (q > 0 && (s = eqi_gb_next(p)) != EQ_OK)
            return s;
        if (p->kind == EQI_GB_RBRACE)
            return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                               "expected %d action %s, found %d", h->n,
                               names ? "lists" : "counts", q);
        if (names) {
            if (p->kind != EQI_GB_LBRACE) {
                snprintf(what, sizeof what, "'{' before the actions of "
                         "player %d", q + 1);
                return eqi_gb_unexpected(p, what);
            }
            s = read_names(p, h, q);
        } else {
            if (p->kind != EQI_GB_WORD)
                return eqi_gb_unexpected(p, "an action count");
            s = read_count(p, h, q);
        }
        if (s != EQ_OK)
            return s;
    }
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    if (p->kind != EQI_GB_RBRACE) {
        snprintf(what, sizeof what, "'}' after %d action %s", h->n,
                 names ? "lists" : "counts");
        return eqi_gb_unexpected(p, what);
    }
    h->end = p->at;

    /* The optional comment. */
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    if (p->kind == EQI_GB_STRING && (s = eqi_gb_next(p)) != EQ_OK)
        return s;
    return EQ_OK;
}

/* ------------------------------------------------------------------ */
/* The body                                                             */
/* ------------------------------------------------------------------ */

/* The payoff-list body: n payoffs per profile, player 1 fastest.  With g
** NULL nothing is stored (a dry run). */
static eq_status read_payoffs(eqi_gb *p, eq_game *g, const header *h)
{
    int prof[EQ_MAX_PLAYERS] = { 0 };
    size_t total = h->nprof * (size_t)h->n, k = 0;
    char b[QUOTE_MAX + 8];
    eq_status s;

    for (size_t x = 0; x < h->nprof; x++) {
        for (int q = 0; q < h->n; q++, k++) {
            if (p->kind == EQI_GB_EOF)
                return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                                   "expected %zu payoffs, found %zu", total, k);
            if (p->kind != EQI_GB_WORD)
                return eqi_gb_unexpected(p, "a payoff");
            if ((s = store_payoff(p, g, q, prof)) != EQ_OK)
                return s;
            if ((s = eqi_gb_next(p)) != EQ_OK)
                return s;
        }
        bump(prof, h);
    }
    if (p->kind != EQI_GB_EOF)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                           "unexpected %s after the last payoff",
                           eqi_gb_describe(p, b, sizeof b));
    return EQ_OK;
}

static void outcomes_free(outcomes *o)
{
    for (size_t i = 0; i < o->ntext; i++)
        free(o->text[i]);
    free(o->text);
}

/* The outcome list; the current token is its '{'.  Leaves the first
** outcome index as the current token. */
static eq_status read_outcomes(eqi_gb *p, const header *h, outcomes *o)
{
    size_t n = (size_t)h->n;
    eq_status s;

    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    while (p->kind == EQI_GB_LBRACE) {
        size_t cnt = 0;
        if ((s = eqi_gb_next(p)) != EQ_OK)
            return s;
        if (p->kind != EQI_GB_STRING)
            return eqi_gb_unexpected(p, "the outcome's name string");
        if ((s = eqi_gb_next(p)) != EQ_OK)
            return s;
        for (;;) {
            if (p->kind == EQI_GB_RBRACE)
                break;
            if (cnt > 0 && p->kind == EQI_GB_COMMA) {
                if ((s = eqi_gb_next(p)) != EQ_OK)
                    return s;
                if (p->kind != EQI_GB_WORD)
                    return eqi_gb_unexpected(p, "a payoff after ','");
            }
            if (p->kind != EQI_GB_WORD)
                return eqi_gb_unexpected(p, "a payoff or '}'");
            if (cnt == n)
                return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                                   "outcome %zu: expected %d payoffs, found more",
                                   o->nout + 1, h->n);
            if ((s = check_number(p)) != EQ_OK)
                return s;
            if (eqi_grow(&o->text, &o->cap, o->ntext + 1, sizeof *o->text) != 0)
                return eqi_gb_nomem(p);
            if ((s = eqi_gb_keep(p, &o->text[o->ntext])) != EQ_OK)
                return s;
            o->ntext++;
            cnt++;
            if ((s = eqi_gb_next(p)) != EQ_OK)
                return s;
        }
        if (cnt < n)
            return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                               "outcome %zu: expected %d payoffs, found %zu",
                               o->nout + 1, h->n, cnt);
        o->nout++;
        if ((s = eqi_gb_next(p)) != EQ_OK)
            return s;
    }
    if (p->kind != EQI_GB_RBRACE)
        return eqi_gb_unexpected(p, "'{' or '}' in the outcome list");
    return eqi_gb_next(p);
}

/* One outcome index per profile, player 1 fastest; 0 is the null outcome
** (all payoffs zero, as a new game already has).  g NULL: a dry run. */
static eq_status read_indices(eqi_gb *p, eq_game *g, const header *h,
                              const outcomes *o)
{
    int prof[EQ_MAX_PLAYERS] = { 0 };
    char b[QUOTE_MAX + 8];
    eq_status s;

    for (size_t x = 0; x < h->nprof; x++) {
        size_t k;
        if (p->kind == EQI_GB_EOF)
            return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                               "expected %zu outcome indices, found %zu",
                               h->nprof, x);
        if (p->kind != EQI_GB_WORD)
            return eqi_gb_unexpected(p, "an outcome index");
        if (!eqi_gb_count(p->text, &k)) {
            if (p->text[0] == '-' && eqi_gb_count(p->text + 1, &k))
                k = SIZE_MAX;   /* out of range below */
            else
                return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                                   "%s is not an outcome index",
                                   eqi_gb_describe(p, b, sizeof b));
        }
        if (k > o->nout)
            return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                               "outcome index %s out of range 0..%zu",
                               eqi_gb_describe(p, b, sizeof b), o->nout);
        for (int q = 0; g != NULL && k > 0 && q < h->n; q++) {
            const char *t = o->text[(k - 1) * (size_t)h->n + (size_t)q];
            s = eq_game_set_payoff_text(g, q, prof, t);
            if (s == EQ_ERR_NOMEM)
                return eqi_gb_nomem(p);
            if (s != EQ_OK)
                return eqi_gb_fail(p, EQ_ERR_INTERNAL, &p->at,
                                   "cannot store payoff: %s", eq_game_errmsg(g));
        }
        if ((s = eqi_gb_next(p)) != EQ_OK)
            return s;
        bump(prof, h);
    }
    if (p->kind != EQI_GB_EOF)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                           "unexpected %s after the last outcome index",
                           eqi_gb_describe(p, b, sizeof b));
    return EQ_OK;
}

/* The body into g (NULL: only check it). */
static eq_status read_body(eqi_gb *p, eq_game *g, const header *h,
                           const outcomes *o, int outcome_form)
{
    return outcome_form ? read_indices(p, g, h, o) : read_payoffs(p, g, h);
}

/* A new game with the prologue's names. */
static eq_status make_game(eqi_gb *p, const header *h, eq_game **out)
{
    eq_game *g;
    eq_status s = eq_game_new(&g, h->n, h->nact);

    *out = NULL;
    if (s == EQ_ERR_NOMEM)
        return eqi_gb_nomem(p);
    if (s != EQ_OK)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &h->end, "game too large (at most %d players "
                           "and %d profiles)", EQ_MAX_PLAYERS, EQ_MAX_PROFILES);
    if (eq_game_set_title(g, h->title) != EQ_OK)
        goto nomem;
    for (int q = 0; q < h->n; q++) {
        if (eq_game_set_player_name(g, q, h->pname[q]) != EQ_OK)
            goto nomem;
        for (int a = 0; h->aname[q] != NULL && a < h->nact[q]; a++)
            if (eq_game_set_action_name(g, q, a, h->aname[q][a]) != EQ_OK)
                goto nomem;
    }
    *out = g;
    return EQ_OK;
nomem:
    eq_game_free(g);
    return eqi_gb_nomem(p);
}

eq_status eq_game_parse_nfg(eq_game **out, const char *text, size_t len,
                            const char *name, eq_diag *diag)
{
    eqi_gb p;
    header h;
    outcomes o;
    eq_game *g = NULL;
    eq_status s;
    eqi_loc body;
    size_t tokens, room;
    int outcome_form;
    unsigned long gmp = eqi_gmp_mark();

    eqi_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (out == NULL || (text == NULL && len > 0)) {
        if (diag != NULL)
            eqi_error(diag->message, EQ_ERR_ARG,
                      "eq_game_parse_nfg: NULL argument");
        return EQ_ERR_ARG;
    }
    memset(&p, 0, sizeof p);
    memset(&h, 0, sizeof h);
    memset(&o, 0, sizeof o);
    p.src.text = text != NULL ? text : "";
    p.src.len = len;
    p.src.name = name != NULL ? name : "<input>";
    p.src.diag = diag;
    p.line = 1;

    if ((s = read_header(&p, &h)) != EQ_OK)
        goto done;
    outcome_form = p.kind == EQI_GB_LBRACE;
    if (outcome_form && (s = read_outcomes(&p, &h, &o)) != EQ_OK)
        goto done;

    /* Every payoff or index is a token of one byte or more, and tokens
    ** are apart: input shorter than 2t - 1 bytes cannot be complete.  Then
    ** find the error without allocating a game that may be huge. */
    body = p.at;
    tokens = outcome_form ? h.nprof : h.nprof * (size_t)h.n;
    room = p.src.len - body.off;
    if (room < 2 * tokens - 1) {
        s = read_body(&p, NULL, &h, &o, outcome_form);
        if (s != EQ_OK)
            goto done;
        if ((s = eqi_gb_rewind(&p, &body)) != EQ_OK)    /* cannot happen */
            goto done;
    }
    if ((s = make_game(&p, &h, &g)) != EQ_OK)
        goto done;
    s = read_body(&p, g, &h, &o, outcome_form);
    if (s == EQ_OK && eqi_gmp_failed(gmp))  /* GMP ran on its reserve */
        s = eqi_gb_nomem(&p);
done:
    if (s == EQ_OK)
        *out = g;
    else
        eq_game_free(g);
    header_free(&h);
    outcomes_free(&o);
    free(p.text);
    return s;
}

eq_status eq_game_read_nfg(eq_game **out, const char *path, eq_diag *diag)
{
    char *buf;
    size_t len;
    eq_status s;

    eqi_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (out == NULL || path == NULL) {
        if (diag != NULL)
            eqi_error(diag->message, EQ_ERR_ARG,
                      "eq_game_read_nfg: NULL argument");
        return EQ_ERR_ARG;
    }
    if ((s = eqi_read_file(path, &buf, &len, diag)) != EQ_OK)
        return s;
    s = eq_game_parse_nfg(out, buf, len, path, diag);
    free(buf);
    return s;
}

/* ------------------------------------------------------------------ */
/* The writer                                                           */
/* ------------------------------------------------------------------ */

static eq_status write_nfg(const eq_game *g, char **text)
{
    eqi_sbuf b = { NULL, 0, 0, 0 };
    int prof[EQ_MAX_PLAYERS] = { 0 };
    size_t idx = 0;
    mpq_t q;

    if (text == NULL)
        return EQ_ERR_ARG;
    *text = NULL;
    if (g == NULL)
        return EQ_ERR_ARG;

    eqi_sb_cat(&b, "NFG 1 R ");
    eqi_sb_gambit_quoted(&b, g->title);
    eqi_sb_cat(&b, " {");
    for (int p = 0; p < g->n; p++) {
        eqi_sb_cat(&b, " ");
        eqi_sb_gambit_quoted(&b, g->pname[p]);
    }
    eqi_sb_cat(&b, " } {");
    for (int p = 0; p < g->n; p++) {
        eqi_sb_cat(&b, " {");
        for (int a = 0; a < g->nact[p]; a++) {
            eqi_sb_cat(&b, " ");
            eqi_sb_gambit_quoted(&b, g->aname[p][a]);
        }
        eqi_sb_cat(&b, " }");
    }
    eqi_sb_cat(&b, " }\n\n");

    /* Profiles with player 1 fastest; idx follows them in equilib's
    ** row-major layout.  One line per round of player 1's actions. */
    mpq_init(q);
    for (size_t x = 0; x < g->nprof && !b.fail; x++) {
        for (int p = 0; p < g->n; p++) {
            char *num;
            if ((num = eqi_game_payoff_text(g, p, idx, q)) == NULL) {
                b.fail = 1;
                break;
            }
            if (x > 0 || p > 0)
                eqi_sb_cat(&b, prof[0] == 0 && p == 0 ? "\n" : " ");
            eqi_sb_cat(&b, num);
            free(num);
        }
        for (int p = 0; p < g->n; p++) {
            if (++prof[p] < g->nact[p]) {
                idx += g->stride[p];
                break;
            }
            prof[p] = 0;
            idx -= (size_t)(g->nact[p] - 1) * g->stride[p];
        }
    }
    mpq_clear(q);
    eqi_sb_cat(&b, "\n");
    if (b.fail) {
        free(b.s);
        return EQ_ERR_NOMEM;
    }
    *text = b.s;
    return EQ_OK;
}

eq_status eq_game_save_nfg(const eq_game *g, const char *path)
{
    char *text = NULL;
    eq_status s;

    if (g == NULL || path == NULL || path[0] == '\0')
        return EQ_ERR_ARG;
    if ((s = eq_game_write_nfg(g, &text)) != EQ_OK)
        return s;
    s = eqi_save_file(path, text, strlen(text));
    free(text);
    return s;
}

/* The text, with GMP's failures (gmpmem.c) reported as lack of memory:
** exact payoffs are written from rationals. */
eq_status eq_game_write_nfg(const eq_game *g, char **text)
{
    unsigned long gmp = eqi_gmp_mark();
    eq_status s = write_nfg(g, text);
    if (s == EQ_OK && eqi_gmp_failed(gmp)) {
        free(*text);
        *text = NULL;
        s = EQ_ERR_NOMEM;
    }
    return s;
}
