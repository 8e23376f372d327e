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
#define _XOPEN_SOURCE 700   /* mkstemp, fsync, fchmod, XSI strerror_r */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* Parsing a run of digits is quadratic in its length (one multiply by 10
** per digit), so number tokens are capped to keep hostile input cheap. */
#define NUMBER_MAX 4096
/* A decimal exponent beyond this makes a double 0 or infinite anyway, and
** "1e-99999" would cost 40 kB of rational per 8 bytes of input. */
#define EXPONENT_MAX 1000
/* Longest token text quoted in a message. */
#define QUOTE_MAX 32

enum { T_EOF, T_LBRACE, T_RBRACE, T_COMMA, T_STRING, T_WORD };

/* A place in the input: byte offset, offset of its line's first byte, and
** the 1-based line and column shown to the user. */
typedef struct pos {
    size_t off, lstart;
    int line, col;
} pos;

typedef struct parser {
    const char *buf;
    size_t len;
    size_t i;           /* next unread byte */
    int line;           /* line of byte i */
    size_t lstart;      /* offset of the first byte of that line */
    const char *name;   /* path or caller's name, for messages */
    eq_diag *diag;      /* may be NULL */
    /* The current token: its kind, where it starts, and its text (the
    ** unescaped contents of a string; the characters of anything else),
    ** always NUL-terminated. */
    int kind;
    pos at;
    char *text;
    size_t tlen, tcap;
} parser;

/* What the prologue says. */
typedef struct header {
    int n;                          /* players */
    char *title;
    char *pname[EQ_MAX_PLAYERS];
    int nact[EQ_MAX_PLAYERS];
    char **aname[EQ_MAX_PLAYERS];   /* NULL in the action-count form */
    size_t nprof;
    pos end;                        /* the '}' closing the action lists */
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
/* Diagnostics                                                          */
/* ------------------------------------------------------------------ */

/* Fill the diagnostic with "name:line:col: what" and the offending line,
** and return s.  Only the first error of a parse is reported, since the
** parser stops at it. */
static eq_status fail_at(parser *p, eq_status s, const pos *at,
                         const char *fmt, ...) EQI_PRINTF(4, 5);

static eq_status fail_at(parser *p, eq_status s, const pos *at,
                         const char *fmt, ...)
{
    char what[EQI_ERRMAX];
    va_list ap;
    eq_diag *d = p->diag;
    size_t k = 0, j;

    if (d == NULL)
        return s;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    eqi_error(d->message, s, "%s:%d:%d: %s", p->name, at->line, at->col,
              what);
    d->line = at->line;
    d->col = at->col;
    /* The line holding the error, for a caret display: a NUL would end
    ** the C string early, so it shows as '?'. */
    for (j = at->lstart; j < p->len && p->buf[j] != '\n' &&
                         k + 1 < sizeof d->source_line; j++)
        d->source_line[k++] = p->buf[j] == '\0' ? '?' : p->buf[j];
    if (k > 0 && d->source_line[k - 1] == '\r' &&
        (j >= p->len || p->buf[j] == '\n'))
        k--;                /* CRLF line ending */
    d->source_line[k] = '\0';
    return s;
}

/* Lack of memory is not tied to a place in the input. */
static eq_status nomem(parser *p)
{
    if (p->diag != NULL) {
        eqi_error(p->diag->message, EQ_ERR_NOMEM, "%s: out of memory",
                  p->name);
        p->diag->line = p->diag->col = 0;
        p->diag->source_line[0] = '\0';
    }
    return EQ_ERR_NOMEM;
}

/* A short description of the current token for messages: 'abc', '{',
** a string, end of file.  Long words are cut and end in "...". */
static const char *describe(const parser *p, char *buf, size_t size)
{
    switch (p->kind) {
    case T_EOF:
        return "end of file";
    case T_STRING:
        return "a string";
    default:
        snprintf(buf, size, "'%.*s%s'",
                 (int)(p->tlen > QUOTE_MAX ? QUOTE_MAX : p->tlen), p->text,
                 p->tlen > QUOTE_MAX ? "..." : "");
        return buf;
    }
}

/* "expected WHAT, found TOKEN" at the current token. */
static eq_status unexpected(parser *p, const char *what)
{
    char b[QUOTE_MAX + 8];
    if (p->kind == T_EOF)
        return fail_at(p, EQ_ERR_PARSE, &p->at,
                       "unexpected end of file, expected %s", what);
    return fail_at(p, EQ_ERR_PARSE, &p->at, "expected %s, found %s", what,
                   describe(p, b, sizeof b));
}

/* ------------------------------------------------------------------ */
/* Tokens                                                               */
/* ------------------------------------------------------------------ */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

/* Bytes that make up a bare word (a number, NFG, R): printable ASCII
** except the punctuation of the format. */
static int is_word(unsigned char c)
{
    return c > 0x20 && c < 0x7f && c != '{' && c != '}' && c != '"' &&
           c != ',';
}

static void advance(parser *p)
{
    if (p->buf[p->i] == '\n') {
        if (p->line < INT_MAX)
            p->line++;
        p->lstart = p->i + 1;
    }
    p->i++;
}

static void here(const parser *p, pos *at)
{
    size_t c = p->i - p->lstart + 1;
    at->off = p->i;
    at->lstart = p->lstart;
    at->line = p->line;
    at->col = c > (size_t)INT_MAX ? INT_MAX : (int)c;
}

/* Append c to the token text, keeping room for the terminating NUL. */
static eq_status put(parser *p, char c)
{
    if (p->tlen + 2 > p->tcap) {
        size_t cap = p->tcap ? 2 * p->tcap : 64;
        char *t;
        if (cap < p->tcap)  /* size_t overflow */
            return nomem(p);
        t = realloc(p->text, cap);
        if (t == NULL)
            return nomem(p);
        p->text = t;
        p->tcap = cap;
    }
    p->text[p->tlen++] = c;
    p->text[p->tlen] = '\0';
    return EQ_OK;
}

/* Read the next token into p->kind, p->at and p->text.  Reports an
** unterminated string, a NUL inside a string and a byte that cannot start
** a token. */
static eq_status next(parser *p)
{
    unsigned char c;
    eq_status s;

    while (p->i < p->len && is_space((unsigned char)p->buf[p->i]))
        advance(p);
    here(p, &p->at);
    p->tlen = 0;
    if ((s = put(p, '\0')) != EQ_OK)    /* make sure text exists */
        return s;
    p->tlen = 0;
    if (p->i >= p->len) {
        p->kind = T_EOF;
        return EQ_OK;
    }
    c = (unsigned char)p->buf[p->i];
    if (c == '{' || c == '}' || c == ',') {
        p->kind = c == '{' ? T_LBRACE : c == '}' ? T_RBRACE : T_COMMA;
        advance(p);
        return put(p, (char)c);
    }
    if (c == '"') {
        /* Every byte up to the closing quote is significant; a backslash
        ** takes the next byte literally (\" and \\). */
        p->kind = T_STRING;
        advance(p);
        for (;;) {
            pos nul;
            if (p->i >= p->len)
                return fail_at(p, EQ_ERR_PARSE, &p->at,
                               "unterminated string");
            c = (unsigned char)p->buf[p->i];
            if (c == '"') {
                advance(p);
                return EQ_OK;
            }
            if (c == '\\') {
                advance(p);
                if (p->i >= p->len)
                    return fail_at(p, EQ_ERR_PARSE, &p->at,
                                   "unterminated string");
                c = (unsigned char)p->buf[p->i];
            }
            if (c == '\0') {
                here(p, &nul);
                return fail_at(p, EQ_ERR_PARSE, &nul, "NUL byte in string");
            }
            if ((s = put(p, (char)c)) != EQ_OK)
                return s;
            advance(p);
        }
    }
    if (is_word(c)) {
        p->kind = T_WORD;
        while (p->i < p->len && is_word((unsigned char)p->buf[p->i])) {
            if ((s = put(p, p->buf[p->i])) != EQ_OK)
                return s;
            advance(p);
        }
        return EQ_OK;
    }
    if (c == '\0')
        return fail_at(p, EQ_ERR_PARSE, &p->at, "unexpected NUL byte");
    return fail_at(p, EQ_ERR_PARSE, &p->at, "invalid byte 0x%02X", c);
}

/* Go back to a place seen before, and read the token there. */
static eq_status rewind_to(parser *p, const pos *at)
{
    p->i = at->off;
    p->lstart = at->lstart;
    p->line = at->line;
    return next(p);
}

/* ------------------------------------------------------------------ */
/* Numbers                                                              */
/* ------------------------------------------------------------------ */

/* Whether text is a run of decimal digits; its value, saturated at
** SIZE_MAX, goes to *v. */
static int parse_count(const char *text, size_t *v)
{
    size_t x = 0;
    if (*text == '\0')
        return 0;
    for (; *text; text++) {
        unsigned d;
        if (*text < '0' || *text > '9')
            return 0;
        d = (unsigned)(*text - '0');
        x = x > (SIZE_MAX - d) / 10 ? SIZE_MAX : x * 10 + d;
    }
    *v = x;
    return 1;
}

/* Whether some exponent in text ("1e-5000") exceeds EXPONENT_MAX. */
static int huge_exponent(const char *text)
{
    for (; *text; text++) {
        const char *t;
        long e = 0;
        if (*text != 'e' && *text != 'E')
            continue;
        t = text + 1;
        if (*t == '+' || *t == '-')
            t++;
        for (; *t >= '0' && *t <= '9'; t++)
            if (e <= EXPONENT_MAX)
                e = e * 10 + (*t - '0');
        if (e > EXPONENT_MAX)
            return 1;
    }
    return 0;
}

/* Check that the current token (a word) is a number a payoff can hold:
** decimal or rational, non-zero denominator, finite as a double. */
static eq_status check_number(parser *p)
{
    char b[QUOTE_MAX + 8];
    mpq_t q;
    int rc;
    double d;

    if (eqi_small_int(p->text, &d))
        return EQ_OK;
    if (p->tlen > NUMBER_MAX)
        return fail_at(p, EQ_ERR_PARSE, &p->at, "%s is too long for a number",
                       describe(p, b, sizeof b));
    if (huge_exponent(p->text))
        return fail_at(p, EQ_ERR_PARSE, &p->at, "%s is out of range",
                       describe(p, b, sizeof b));
    mpq_init(q);
    rc = eqi_parse_rational(p->text, q);
    d = rc == 0 ? mpq_get_d(q) : 0.0;
    mpq_clear(q);
    if (rc == -2)
        return fail_at(p, EQ_ERR_PARSE, &p->at, "zero denominator in %s",
                       describe(p, b, sizeof b));
    if (rc != 0)
        return fail_at(p, EQ_ERR_PARSE, &p->at, "%s is not a number",
                       describe(p, b, sizeof b));
    if (!isfinite(d))
        return fail_at(p, EQ_ERR_PARSE, &p->at, "%s is out of range",
                       describe(p, b, sizeof b));
    return EQ_OK;
}

/* Store the current token as player q's payoff at prof, or only check it
** when g is NULL (a dry run). */
static eq_status store_payoff(parser *p, eq_game *g, int q, const int *prof)
{
    eq_status s;
    if (p->tlen > NUMBER_MAX || huge_exponent(p->text) || g == NULL)
        return check_number(p);
    s = eq_game_set_payoff_text(g, q, prof, p->text);
    if (s == EQ_OK)
        return EQ_OK;
    if (s == EQ_ERR_NOMEM)
        return nomem(p);
    if ((s = check_number(p)) != EQ_OK)
        return s;
    return fail_at(p, EQ_ERR_INTERNAL, &p->at, "cannot store payoff: %s",
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

/* Take a copy of the current token's text into *slot. */
static eq_status keep_text(parser *p, char **slot)
{
    if ((*slot = eqi_strdup(p->text)) == NULL)
        return nomem(p);
    return EQ_OK;
}

/* Add a player's action count k to the running number of profiles,
** failing at the current token once the game would be too large. */
static eq_status grow_profiles(parser *p, header *h, size_t k)
{
    size_t n;
    if (k > (size_t)INT_MAX || !eqi_mul_size(h->nprof, k, &n) ||
        n > EQ_MAX_PROFILES)
        return fail_at(p, EQ_ERR_PARSE, &p->at,
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
static eq_status check_duplicates(parser *p, const header *h, int q,
                                  const pos *where)
{
    size_t k = (size_t)h->nact[q], first = SIZE_MAX;
    named *v;

    if (k < 2)
        return EQ_OK;
    if ((v = malloc(k * sizeof *v)) == NULL)
        return nomem(p);
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
    return fail_at(p, EQ_ERR_PARSE, &where[first],
                   "duplicate action name \"%.*s%s\" of player %d",
                   QUOTE_MAX, h->aname[q][first],
                   strlen(h->aname[q][first]) > QUOTE_MAX ? "..." : "",
                   q + 1);
}

/* Player q's action names; the current token is the '{' opening them.
** Leaves the closing '}' as the current token. */
static eq_status read_names(parser *p, header *h, int q)
{
    size_t cap = 0, k = 0;
    pos *where = NULL;
    eq_status s = EQ_OK;

    for (;;) {
        if ((s = next(p)) != EQ_OK)
            goto done;
        if (p->kind == T_RBRACE)
            break;
        if (p->kind != T_STRING) {
            s = unexpected(p, "an action name or '}'");
            goto done;
        }
        if ((s = grow_profiles(p, h, k + 1)) != EQ_OK)
            goto done;
        if (k == cap) {
            size_t nc = cap ? 2 * cap : 8;
            char **v = realloc(h->aname[q], nc * sizeof *v);
            pos *w;
            if (v == NULL) {
                s = nomem(p);
                goto done;
            }
            h->aname[q] = v;
            if ((w = realloc(where, nc * sizeof *w)) == NULL) {
                s = nomem(p);
                goto done;
            }
            where = w;
            cap = nc;
        }
        if ((s = keep_text(p, &h->aname[q][k])) != EQ_OK)
            goto done;
        where[k] = p->at;
        h->nact[q] = (int)++k;
    }
    if (k == 0) {
        s = fail_at(p, EQ_ERR_PARSE, &p->at, "player %d has no actions",
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
static eq_status read_count(parser *p, header *h, int q)
{
    char b[QUOTE_MAX + 8];
    size_t k;
    eq_status s;

    if (!parse_count(p->text, &k)) {
        if (p->text[0] == '-' && parse_count(p->text + 1, &k))
            return fail_at(p, EQ_ERR_PARSE, &p->at,
                           "action count must be positive, found %s",
                           describe(p, b, sizeof b));
        return fail_at(p, EQ_ERR_PARSE, &p->at,
                       "action count %s is not an integer",
                       describe(p, b, sizeof b));
    }
    if (k == 0)
        return fail_at(p, EQ_ERR_PARSE, &p->at,
                       "action count must be positive, found %s",
                       describe(p, b, sizeof b));
    if ((s = grow_profiles(p, h, k)) != EQ_OK)
        return s;
    h->nact[q] = (int)k;
    h->nprof *= k;
    return EQ_OK;
}

/* Everything up to and including the optional comment.  Leaves the first
** token of the body as the current token. */
static eq_status read_header(parser *p, header *h)
{
    char b[QUOTE_MAX + 8], what[64];
    eq_status s;
    int names;

    h->nprof = 1;
    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind == T_EOF)
        return fail_at(p, EQ_ERR_PARSE, &p->at, "empty file");
    if (p->kind != T_WORD || strcmp(p->text, "NFG") != 0)
        return fail_at(p, EQ_ERR_PARSE, &p->at,
                       "not a Gambit strategic-form file: expected 'NFG', "
                       "found %s", describe(p, b, sizeof b));
    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind != T_WORD)
        return unexpected(p, "a version number");
    if (strcmp(p->text, "1") != 0)
        return fail_at(p, EQ_ERR_PARSE, &p->at,
                       "unsupported version %s: only version 1 is known",
                       describe(p, b, sizeof b));
    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind != T_WORD ||
        (strcmp(p->text, "R") != 0 && strcmp(p->text, "D") != 0))
        return unexpected(p, "R or D");
    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind != T_STRING)
        return unexpected(p, "the title string");
    if ((s = keep_text(p, &h->title)) != EQ_OK)
        return s;

    /* { "Player 1" "Player 2" ... } */
    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind != T_LBRACE)
        return unexpected(p, "'{' before the player names");
    for (;;) {
        if ((s = next(p)) != EQ_OK)
            return s;
        if (p->kind == T_RBRACE)
            break;
        if (p->kind != T_STRING)
            return unexpected(p, "a player name or '}'");
        if (h->n == EQ_MAX_PLAYERS)
            return fail_at(p, EQ_ERR_PARSE, &p->at,
                           "too many players (at most %d)", EQ_MAX_PLAYERS);
        if ((s = keep_text(p, &h->pname[h->n])) != EQ_OK)
            return s;
        h->n++;
    }
    if (h->n == 0)
        return fail_at(p, EQ_ERR_PARSE, &p->at, "the game has no players");

    /* { 3 2 } or { { "a" "b" "c" } { "x" "y" } } */
    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind != T_LBRACE)
        return unexpected(p, "'{' before the action counts or names");
    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind != T_LBRACE && p->kind != T_WORD)
        return unexpected(p, "an action count or '{'");
    names = p->kind == T_LBRACE;
    for (int q = 0; q < h->n; q++) {
        if (q > 0 && (s = next(p)) != EQ_OK)
            return s;
        if (p->kind == T_RBRACE)
            return fail_at(p, EQ_ERR_PARSE, &p->at,
                           "expected %d action %s, found %d", h->n,
                           names ? "lists" : "counts", q);
        if (names) {
            if (p->kind != T_LBRACE) {
                snprintf(what, sizeof what, "'{' before the actions of "
                         "player %d", q + 1);
                return unexpected(p, what);
            }
            s = read_names(p, h, q);
        } else {
            if (p->kind != T_WORD)
                return unexpected(p, "an action count");
            s = read_count(p, h, q);
        }
        if (s != EQ_OK)
            return s;
    }
    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind != T_RBRACE) {
        snprintf(what, sizeof what, "'}' after %d action %s", h->n,
                 names ? "lists" : "counts");
        return unexpected(p, what);
    }
    h->end = p->at;

    /* The optional comment. */
    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind == T_STRING && (s = next(p)) != EQ_OK)
        return s;
    return EQ_OK;
}

/* ------------------------------------------------------------------ */
/* The body                                                             */
/* ------------------------------------------------------------------ */

/* The payoff-list body: n payoffs per profile, player 1 fastest.  With g
** NULL nothing is stored (a dry run). */
static eq_status read_payoffs(parser *p, eq_game *g, const header *h)
{
    int prof[EQ_MAX_PLAYERS] = { 0 };
    size_t total = h->nprof * (size_t)h->n, k = 0;
    char b[QUOTE_MAX + 8];
    eq_status s;

    for (size_t x = 0; x < h->nprof; x++) {
        for (int q = 0; q < h->n; q++, k++) {
            if (p->kind == T_EOF)
                return fail_at(p, EQ_ERR_PARSE, &p->at,
                               "expected %zu payoffs, found %zu", total, k);
            if (p->kind != T_WORD)
                return unexpected(p, "a payoff");
            if ((s = store_payoff(p, g, q, prof)) != EQ_OK)
                return s;
            if ((s = next(p)) != EQ_OK)
                return s;
        }
        bump(prof, h);
    }
    if (p->kind != T_EOF)
        return fail_at(p, EQ_ERR_PARSE, &p->at,
                       "unexpected %s after the last payoff",
                       describe(p, b, sizeof b));
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
static eq_status read_outcomes(parser *p, const header *h, outcomes *o)
{
    size_t n = (size_t)h->n;
    eq_status s;

    if ((s = next(p)) != EQ_OK)
        return s;
    while (p->kind == T_LBRACE) {
        size_t cnt = 0;
        if ((s = next(p)) != EQ_OK)
            return s;
        if (p->kind != T_STRING)
            return unexpected(p, "the outcome's name string");
        if ((s = next(p)) != EQ_OK)
            return s;
        for (;;) {
            if (p->kind == T_RBRACE)
                break;
            if (cnt > 0 && p->kind == T_COMMA) {
                if ((s = next(p)) != EQ_OK)
                    return s;
                if (p->kind != T_WORD)
                    return unexpected(p, "a payoff after ','");
            }
            if (p->kind != T_WORD)
                return unexpected(p, "a payoff or '}'");
            if (cnt == n)
                return fail_at(p, EQ_ERR_PARSE, &p->at,
                               "outcome %zu: expected %d payoffs, found more",
                               o->nout + 1, h->n);
            if ((s = check_number(p)) != EQ_OK)
                return s;
            if (o->ntext == o->cap) {
                size_t nc = o->cap ? 2 * o->cap : 8 * n;
                char **v;
                if (nc < o->cap || nc > SIZE_MAX / sizeof *v)
                    return nomem(p);
                if ((v = realloc(o->text, nc * sizeof *v)) == NULL)
                    return nomem(p);
                o->text = v;
                o->cap = nc;
            }
            if ((s = keep_text(p, &o->text[o->ntext])) != EQ_OK)
                return s;
            o->ntext++;
            cnt++;
            if ((s = next(p)) != EQ_OK)
                return s;
        }
        if (cnt < n)
            return fail_at(p, EQ_ERR_PARSE, &p->at,
                           "outcome %zu: expected %d payoffs, found %zu",
                           o->nout + 1, h->n, cnt);
        o->nout++;
        if ((s = next(p)) != EQ_OK)
            return s;
    }
    if (p->kind != T_RBRACE)
        return unexpected(p, "'{' or '}' in the outcome list");
    return next(p);
}

/* One outcome index per profile, player 1 fastest; 0 is the null outcome
** (all payoffs zero, as a new game already has).  g NULL: a dry run. */
static eq_status read_indices(parser *p, eq_game *g, const header *h,
                              const outcomes *o)
{
    int prof[EQ_MAX_PLAYERS] = { 0 };
    char b[QUOTE_MAX + 8];
    eq_status s;

    for (size_t x = 0; x < h->nprof; x++) {
        size_t k;
        if (p->kind == T_EOF)
            return fail_at(p, EQ_ERR_PARSE, &p->at,
                           "expected %zu outcome indices, found %zu",
                           h->nprof, x);
        if (p->kind != T_WORD)
            return unexpected(p, "an outcome index");
        if (!parse_count(p->text, &k)) {
            if (p->text[0] == '-' && parse_count(p->text + 1, &k))
                k = SIZE_MAX;   /* out of range below */
            else
                return fail_at(p, EQ_ERR_PARSE, &p->at,
                               "%s is not an outcome index",
                               describe(p, b, sizeof b));
        }
        if (k > o->nout)
            return fail_at(p, EQ_ERR_PARSE, &p->at,
                           "outcome index %s out of range 0..%zu",
                           describe(p, b, sizeof b), o->nout);
        for (int q = 0; g != NULL && k > 0 && q < h->n; q++) {
            const char *t = o->text[(k - 1) * (size_t)h->n + (size_t)q];
            s = eq_game_set_payoff_text(g, q, prof, t);
            if (s == EQ_ERR_NOMEM)
                return nomem(p);
            if (s != EQ_OK)
                return fail_at(p, EQ_ERR_INTERNAL, &p->at,
                               "cannot store payoff: %s", eq_game_errmsg(g));
        }
        if ((s = next(p)) != EQ_OK)
            return s;
        bump(prof, h);
    }
    if (p->kind != T_EOF)
        return fail_at(p, EQ_ERR_PARSE, &p->at,
                       "unexpected %s after the last outcome index",
                       describe(p, b, sizeof b));
    return EQ_OK;
}

/* The body into g (NULL: only check it). */
static eq_status read_body(parser *p, eq_game *g, const header *h,
                           const outcomes *o, int outcome_form)
{
    return outcome_form ? read_indices(p, g, h, o) : read_payoffs(p, g, h);
}

/* A new game with the prologue's names. */
static eq_status make_game(parser *p, const header *h, eq_game **out)
{
    eq_game *g;
    eq_status s = eq_game_new(&g, h->n, h->nact);

    *out = NULL;
    if (s == EQ_ERR_NOMEM)
        return nomem(p);
    if (s != EQ_OK)
        return fail_at(p, EQ_ERR_PARSE, &h->end, "game too large");
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
    return nomem(p);
}

static void diag_clear(eq_diag *diag)
{
    if (diag != NULL)
        memset(diag, 0, sizeof *diag);
}

eq_status eq_game_parse_nfg(eq_game **out, const char *text, size_t len,
                            const char *name, eq_diag *diag)
{
    parser p;
    header h;
    outcomes o;
    eq_game *g = NULL;
    eq_status s;
    pos body;
    size_t tokens, room;
    int outcome_form;

    diag_clear(diag);
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
    p.buf = text != NULL ? text : "";
    p.len = len;
    p.line = 1;
    p.name = name != NULL ? name : "<input>";
    p.diag = diag;

    if ((s = read_header(&p, &h)) != EQ_OK)
        goto done;
    outcome_form = p.kind == T_LBRACE;
    if (outcome_form && (s = read_outcomes(&p, &h, &o)) != EQ_OK)
        goto done;

    /* Every payoff or index is a token of one byte or more, and tokens
    ** are apart: input shorter than 2t - 1 bytes cannot be complete.  Then
    ** find the error without allocating a game that may be huge. */
    body = p.at;
    tokens = outcome_form ? h.nprof : h.nprof * (size_t)h.n;
    room = p.len - body.off;
    if (room < 2 * tokens - 1) {
        s = read_body(&p, NULL, &h, &o, outcome_form);
        if (s != EQ_OK)
            goto done;
        if ((s = rewind_to(&p, &body)) != EQ_OK)    /* cannot happen */
            goto done;
    }
    if ((s = make_game(&p, &h, &g)) != EQ_OK)
        goto done;
    s = read_body(&p, g, &h, &o, outcome_form);
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

/* "path: what: strerror(err)" with no place in the file. */
static eq_status io_error(eq_diag *diag, const char *path, const char *what,
                          int err)
{
    char msg[128];
    if (diag == NULL)
        return EQ_ERR_IO;
    if (strerror_r(err, msg, sizeof msg) != 0)
        snprintf(msg, sizeof msg, "error %d", err);
    diag->line = diag->col = 0;
    diag->source_line[0] = '\0';
    return eqi_error(diag->message, EQ_ERR_IO, "%s: %s: %s", path, what, msg);
}

eq_status eq_game_read_nfg(eq_game **out, const char *path, eq_diag *diag)
{
    FILE *f;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    eq_status s;

    diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (out == NULL || path == NULL) {
        if (diag != NULL)
            eqi_error(diag->message, EQ_ERR_ARG,
                      "eq_game_read_nfg: NULL argument");
        return EQ_ERR_ARG;
    }
    if ((f = fopen(path, "rb")) == NULL)
        return io_error(diag, path, "cannot open", errno);
    for (;;) {
        size_t got;
        if (len == cap) {
            size_t nc = cap ? 2 * cap : 65536;
            char *t;
            if (nc < cap || (t = realloc(buf, nc)) == NULL) {
                free(buf);
                fclose(f);
                if (diag != NULL)
                    eqi_error(diag->message, EQ_ERR_NOMEM,
                              "%s: out of memory", path);
                return EQ_ERR_NOMEM;
            }
            buf = t;
            cap = nc;
        }
        errno = 0;
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0 || len < cap) {
            if (ferror(f)) {
                int err = errno ? errno : EIO;
                free(buf);
                fclose(f);
                return io_error(diag, path, "cannot read", err);
            }
            if (feof(f))
                break;
        }
    }
    fclose(f);
    s = eq_game_parse_nfg(out, buf, len, path, diag);
    free(buf);
    return s;
}

/* ------------------------------------------------------------------ */
/* The writer                                                           */
/* ------------------------------------------------------------------ */

/* A growing string; fail is set once an allocation failed. */
typedef struct sbuf {
    char *s;
    size_t n, cap;
    int fail;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t k)
{
    if (b->fail)
        return;
    if (k >= b->cap - b->n) {
        size_t nc = b->cap ? b->cap : 256;
        char *t;
        while (nc - b->n <= k) {
            if (nc > SIZE_MAX / 2) {
                b->fail = 1;
                return;
            }
            nc *= 2;
        }
        if ((t = realloc(b->s, nc)) == NULL) {
            b->fail = 1;
            return;
        }
        b->s = t;
        b->cap = nc;
    }
    memcpy(b->s + b->n, s, k);
    b->n += k;
    b->s[b->n] = '\0';
}

static void sb_cat(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

/* s as a double-quoted string, with " and \ escaped by a backslash. */
static void sb_quoted(sbuf *b, const char *s)
{
    sb_put(b, "\"", 1);
    for (;;) {
        size_t k = strcspn(s, "\"\\");
        sb_put(b, s, k);
        s += k;
        if (*s == '\0')
            break;
        sb_put(b, "\\", 1);
        sb_put(b, s++, 1);
    }
    sb_put(b, "\"", 1);
}

eq_status eq_game_write_nfg(const eq_game *g, char **text)
{
    sbuf b = { NULL, 0, 0, 0 };
    int prof[EQ_MAX_PLAYERS] = { 0 };
    size_t idx = 0;
    mpq_t q;

    if (text == NULL)
        return EQ_ERR_ARG;
    *text = NULL;
    if (g == NULL)
        return EQ_ERR_ARG;

    sb_cat(&b, "NFG 1 R ");
    sb_quoted(&b, g->title);
    sb_cat(&b, " {");
    for (int p = 0; p < g->n; p++) {
        sb_cat(&b, " ");
        sb_quoted(&b, g->pname[p]);
    }
    sb_cat(&b, " } {");
    for (int p = 0; p < g->n; p++) {
        sb_cat(&b, " {");
        for (int a = 0; a < g->nact[p]; a++) {
            sb_cat(&b, " ");
            sb_quoted(&b, g->aname[p][a]);
        }
        sb_cat(&b, " }");
    }
    sb_cat(&b, " }\n\n");

    /* Profiles with player 1 fastest; idx follows them in equilib's
    ** row-major layout.  One line per round of player 1's actions. */
    mpq_init(q);
    for (size_t x = 0; x < g->nprof && !b.fail; x++) {
        for (int p = 0; p < g->n; p++) {
            char *num;
            eqi_game_exact_payoff(g, p, idx, q);
            if ((num = eqi_rational_str(q)) == NULL) {
                b.fail = 1;
                break;
            }
            if (x > 0 || p > 0)
                sb_cat(&b, prof[0] == 0 && p == 0 ? "\n" : " ");
            sb_cat(&b, num);
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
    sb_cat(&b, "\n");
    if (b.fail) {
        free(b.s);
        return EQ_ERR_NOMEM;
    }
    *text = b.s;
    return EQ_OK;
}

/* Write all of k bytes to fd, retrying after signals and short writes. */
static int write_all(int fd, const char *s, size_t k)
{
    while (k > 0) {
        ssize_t w = write(fd, s, k);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        s += w;
        k -= (size_t)w;
    }
    return 0;
}

eq_status eq_game_save_nfg(const eq_game *g, const char *path)
{
    static const char suffix[] = ".tmpXXXXXX";
    char *text = NULL, *tmp;
    struct stat st;
    mode_t mode = 0644;
    eq_status s;
    int fd;

    if (g == NULL || path == NULL || path[0] == '\0')
        return EQ_ERR_ARG;
    if ((s = eq_game_write_nfg(g, &text)) != EQ_OK)
        return s;
    if ((tmp = malloc(strlen(path) + sizeof suffix)) == NULL) {
        free(text);
        return EQ_ERR_NOMEM;
    }
    strcpy(tmp, path);
    strcat(tmp, suffix);
    /* The temporary beside path, so rename() stays on one file system and
    ** replaces path atomically; an existing file keeps its mode. */
    if ((fd = mkstemp(tmp)) < 0) {
        free(tmp);
        free(text);
        return EQ_ERR_IO;
    }
    if (stat(path, &st) == 0)
        mode = st.st_mode & 07777;
    if (write_all(fd, text, strlen(text)) != 0 || fchmod(fd, mode) != 0 ||
        fsync(fd) != 0) {
        close(fd);
        s = EQ_ERR_IO;
    } else if (close(fd) != 0 || rename(tmp, path) != 0) {
        s = EQ_ERR_IO;
    }
    if (s != EQ_OK)
        unlink(tmp);
    free(tmp);
    free(text);
    return s;
}
