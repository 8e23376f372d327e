/*
** efg.c -- Gambit's extensive-form file format (.efg): a reader and a
** writer.
**
**   EFG 2 R "title" { "Player 1" "Player 2" }
**   "optional comment"
**   then the nodes in preorder (a node, then the subtree of each child in
**   turn), each one of
**   p "name" PLAYER INFOSET ["infoset name" { "a" "b" }] OUTCOME [OUTC]
**   c "name" EVENT ["event name" { "a" 1/2 "b" 0.5 }] OUTCOME [OUTC]
**   t "name" OUTCOME [OUTC]
**   where OUTC is "outcome name" { payoff, payoff ... }.
**
** Information sets are numbered per player, chance events apart from
** them, outcomes apart from both; 0 is the null outcome.  The bracketed
** description is required where a number first appears and optional
** afterwards, when it must repeat the first one exactly.  An outcome at a
** decision or chance node adds its payoffs to every terminal node below;
** equilib's trees carry payoffs only at terminal nodes, so the reader adds
** them up on the way down (in double arithmetic, each payoff first rounded
** to the nearest double).  Event names and outcome names have no place in
** an eq_tree and are dropped.
**
** The writer gives every terminal node an outcome of its own and every
** chance node an event of its own, with exact payoffs and probabilities:
** a double is a dyadic rational, written as an integer or p/q.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _XOPEN_SOURCE 700   /* mkstemp, fsync, fchmod, XSI strerror_r */

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tree.h"

/* Parsing a run of digits is quadratic in its length (one multiply by 10
** per digit), so number tokens are capped to keep hostile input cheap. */
#define NUMBER_MAX 4096
/* A decimal exponent beyond this makes a double 0 or infinite anyway, and
** "1e-99999" would cost 40 kB of rational per 8 bytes of input. */
#define EXPONENT_MAX 1000
/* Longest token text or name quoted in a message. */
#define QUOTE_MAX 32
/* The most nodes a tree read from a file may have. */
#define NODES_MAX 10000000
/* Bytes of the shortest node entry, t""0: every node still to be read
** needs at least this much of the input that is left. */
#define ENTRY_MIN 4

/* A name for "%.*s%s" in a message: at most QUOTE_MAX bytes, then "...". */
#define CLIP(s) QUOTE_MAX, (s), strlen(s) > QUOTE_MAX ? "..." : ""

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

/* Bytes that make up a bare word (a number, EFG, R, p): printable ASCII
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

/* Take a copy of the current token's text into *slot. */
static eq_status keep_text(parser *p, char **slot)
{
    if ((*slot = eqi_strdup(p->text)) == NULL)
        return nomem(p);
    return EQ_OK;
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

/* The double nearest to q, ties to even.  mpq_get_d truncates towards
** zero, so "0.1" would otherwise come out one ulp below the 0.1 of C. */
static double nearest(const mpq_t q)
{
    double d = mpq_get_d(q), e;
    uint64_t bits;
    mpq_t a, b;
    int c;

    if (!isfinite(d) || fabs(d) == DBL_MAX)
        return d;
    mpq_init(a);
    mpq_init(b);
    mpq_set_d(a, d);
    if (mpq_equal(a, q)) {          /* exact: integers, dyadic fractions */
        mpq_clear(a);
        mpq_clear(b);
        return d;
    }
    e = nextafter(d, mpq_sgn(q) < 0 ? -HUGE_VAL : HUGE_VAL);
    mpq_set_d(b, e);
    mpq_sub(a, q, a);               /* q - d and e - q, both by size */
    mpq_abs(a, a);
    mpq_sub(b, b, q);
    mpq_abs(b, b);
    c = mpq_cmp(a, b);
    mpq_clear(a);
    mpq_clear(b);
    if (c != 0)
        return c < 0 ? d : e;
    memcpy(&bits, &d, sizeof bits);
    return (bits & 1) == 0 ? d : e;
}

/* The current token (a word) as a number: decimal or rational, non-zero
** denominator, finite as a double.  *out: the nearest double; *sign: the
** sign of the exact value (so that "-1e-999", which rounds to -0, still
** counts as negative). */
static eq_status read_number(parser *p, double *out, int *sign)
{
    char b[QUOTE_MAX + 8];
    mpq_t q;
    int rc;

    *out = 0.0;
    *sign = 0;
    if (p->tlen > NUMBER_MAX)
        return fail_at(p, EQ_ERR_PARSE, &p->at, "%s is too long for a number",
                       describe(p, b, sizeof b));
    if (huge_exponent(p->text))
        return fail_at(p, EQ_ERR_PARSE, &p->at, "%s is out of range",
                       describe(p, b, sizeof b));
    mpq_init(q);
    rc = eqi_parse_rational(p->text, q);
    if (rc == 0) {
        *out = nearest(q);
        *sign = mpq_sgn(q);
    }
    mpq_clear(q);
    if (rc == -2)
        return fail_at(p, EQ_ERR_PARSE, &p->at, "zero denominator in %s",
                       describe(p, b, sizeof b));
    if (rc != 0)
        return fail_at(p, EQ_ERR_PARSE, &p->at, "%s is not a number",
                       describe(p, b, sizeof b));
    if (!isfinite(*out))
        return fail_at(p, EQ_ERR_PARSE, &p->at, "%s is out of range",
                       describe(p, b, sizeof b));
    return EQ_OK;
}

/* The current token as a number of the file's own numbering (a player,
** information set, event or outcome): *v in lo..INT_MAX.  what names it
** in messages. */
static eq_status read_index(parser *p, const char *what, size_t lo, int *v)
{
    char b[QUOTE_MAX + 8];
    size_t k;

    if (p->kind != T_WORD) {
        char w[64];
        snprintf(w, sizeof w, "%s %s number",
                 strchr("aeiou", what[0]) != NULL ? "an" : "a", what);
        return unexpected(p, w);
    }
    if (!parse_count(p->text, &k) || k < lo)
        return fail_at(p, EQ_ERR_PARSE, &p->at,
                       "%s number %s is not %s integer", what,
                       describe(p, b, sizeof b),
                       lo > 0 ? "a positive" : "a non-negative");
    if (k > (size_t)INT_MAX)
        return fail_at(p, EQ_ERR_PARSE, &p->at, "%s number %s is too large",
                       what, describe(p, b, sizeof b));
    *v = (int)k;
    return EQ_OK;
}

/* ------------------------------------------------------------------ */
/* What the body refers to by number                                    */
/* ------------------------------------------------------------------ */

/* Keys of the map: the kind of thing in the high word, its number in the
** low.  No key is 0, which marks an empty slot. */
#define KEY_OUTCOME 1u
#define KEY_EVENT 2u
#define KEY_PLAYER 3u       /* + player index, 0-based */

static uint64_t make_key(unsigned kind, int num)
{
    return (uint64_t)kind << 32 | (uint32_t)num;
}

/* An open-addressing hash map from keys to indices; numbers in a file are
** arbitrary, so they cannot index an array. */
typedef struct map {
    uint64_t *key;
    int *val;
    size_t cap, n;      /* cap: 0 or a power of two */
} map;

static size_t map_hash(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdu;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53u;
    k ^= k >> 33;
    return (size_t)k;
}

/* The index stored under k, or -1. */
static int map_get(const map *m, uint64_t k)
{
    if (m->cap == 0)
        return -1;
    for (size_t i = map_hash(k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->key[i] == k)
            return m->val[i];
        if (m->key[i] == 0)
            return -1;
    }
}

static void map_insert(map *m, uint64_t k, int v)
{
    size_t i = map_hash(k) & (m->cap - 1);
    while (m->key[i] != 0)
        i = (i + 1) & (m->cap - 1);
    m->key[i] = k;
    m->val[i] = v;
    m->n++;
}

/* Store v under k, which is not in m yet.  -1 for lack of memory. */
static int map_put(map *m, uint64_t k, int v)
{
    if (2 * (m->n + 1) > m->cap) {
        map g = { NULL, NULL, m->cap ? 2 * m->cap : 64, 0 };
        if (g.cap > SIZE_MAX / 2 / sizeof *g.key)
            return -1;
        g.key = calloc(g.cap, sizeof *g.key);
        g.val = malloc(g.cap * sizeof *g.val);
        if (g.key == NULL || g.val == NULL) {
            free(g.key);
            free(g.val);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->key[i] != 0)
                map_insert(&g, m->key[i], m->val[i]);
        free(m->key);
        free(m->val);
        *m = g;
    }
    map_insert(m, k, v);
    return 0;
}

/* Grow the array whose pointer is at arrp, of elements of size sz, to hold
** at least need; -1 for lack of memory, the array unchanged.  The pointer
** is copied with memcpy rather than written through a void **, which
** would break the aliasing rules for a double * or char ** (POSIX gives
** all object pointers one representation). */
static int grow(void *arrp, size_t *cap, size_t need, size_t sz)
{
    void *a, *t;
    size_t c = *cap ? *cap : 16;
    if (need <= *cap)
        return 0;
    while (c < need) {
        if (c > SIZE_MAX / 2 / sz)
            return -1;
        c *= 2;
    }
    memcpy(&a, arrp, sizeof a);
    if ((t = realloc(a, c * sz)) == NULL)
        return -1;
    memcpy(arrp, &t, sizeof t);
    *cap = c;
    return 0;
}

/* A player's information set: the tree's set, where it was defined, and
** for perfect recall the player's own last move (information set and
** action, -1 for none) at its first node. */
typedef struct iset_rec {
    int id, line;
    int lastset, lastact;
} iset_rec;

/* A chance event: nact moves, their names and probabilities at base in
** the pools, and its name. */
typedef struct event_rec {
    int nact, line;
    size_t base;
    char *label;
} event_rec;

/* An outcome: its name, and n payoffs at base in the pool. */
typedef struct outcome_rec {
    int line;
    size_t base;
    char *name;
} outcome_rec;

/* A node whose children are being read: the next child's node number, how
** many remain, how many were read, and for a decision node its player,
** whose last own move is tracked for perfect recall, with the value it
** replaced. */
typedef struct frame {
    int next, left, taken;
    int player;
    int saveset, saveact;
} frame;

typedef struct efg {
    parser p;
    eq_tree *t;
    int n;
    /* Once the input left is too short to hold an entry for every node
    ** still to be read, the parse must fail: it goes on only to find the
    ** place, without creating nodes that would never be used. */
    int dry;
    size_t created;     /* nodes created (counted when dry) */
    size_t pending;     /* nodes created but not yet read */
    map m;
    iset_rec *iset;
    size_t niset, capiset;
    event_rec *ev;
    size_t nev, capev;
    char **evname;      /* pools of the events' move names and */
    double *evprob;     /* probabilities */
    size_t nevpool, capevname, capevprob;
    outcome_rec *oc;
    size_t noc, capoc;
    double *ocpay;
    size_t nocpay, capocpay;
    frame *fr;
    size_t nfr, capfr;
    double *acc;        /* n payoffs per frame: outcomes above its children */
    size_t capacc;
    int lastset[EQ_MAX_PLAYERS], lastact[EQ_MAX_PLAYERS];
    double cur[EQ_MAX_PLAYERS];     /* outcomes on the path to this node */
    double pay[EQ_MAX_PLAYERS];     /* an outcome's payoffs being read */
    pos ppos[EQ_MAX_PLAYERS];
    /* The names in the current node's list, with their places and (at a
    ** chance node) probabilities. */
    char **nm;
    pos *where;
    double *prob;
    size_t nnm, capnm, capwhere, capprob;
} efg;

static void scratch_clear(efg *e)
{
    for (size_t i = 0; i < e->nnm; i++)
        free(e->nm[i]);
    e->nnm = 0;
}

static void efg_free(efg *e)
{
    scratch_clear(e);
    free(e->nm);
    free(e->where);
    free(e->prob);
    free(e->m.key);
    free(e->m.val);
    free(e->iset);
    for (size_t i = 0; i < e->nev; i++)
        free(e->ev[i].label);
    free(e->ev);
    for (size_t i = 0; i < e->nevpool; i++)
        free(e->evname[i]);
    free(e->evname);
    free(e->evprob);
    for (size_t i = 0; i < e->noc; i++)
        free(e->oc[i].name);
    free(e->oc);
    free(e->ocpay);
    free(e->fr);
    free(e->acc);
    free(e->p.text);
}

/* A failing call of the tree builder: lack of memory, or a complaint the
** reader's own checks should have caught first. */
static eq_status builder(efg *e, eq_status s, const pos *at)
{
    if (s == EQ_ERR_NOMEM)
        return nomem(&e->p);
    return fail_at(&e->p, EQ_ERR_PARSE, at, "%s", eq_tree_errmsg(e->t));
}

/* Append the current token (a string) to the name list, at its place. */
static eq_status push_name(efg *e)
{
    size_t k = e->nnm + 1;
    if (grow(&e->nm, &e->capnm, k, sizeof *e->nm) ||
        grow(&e->where, &e->capwhere, k, sizeof *e->where) ||
        grow(&e->prob, &e->capprob, k, sizeof *e->prob))
        return nomem(&e->p);
    if (keep_text(&e->p, &e->nm[e->nnm]) != EQ_OK)
        return EQ_ERR_NOMEM;
    e->where[e->nnm] = e->p.at;
    e->prob[e->nnm] = 0.0;
    e->nnm++;
    return EQ_OK;
}

/* Names sorted by text, ties by position, to find duplicates in n log n
** rather than n^2. */
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

/* Report the first repeated name of the list, in input order. */
static eq_status check_duplicates(efg *e, int num, int player)
{
    size_t k = e->nnm, first = SIZE_MAX;
    named *v;

    if (k < 2)
        return EQ_OK;
    if ((v = malloc(k * sizeof *v)) == NULL)
        return nomem(&e->p);
    for (size_t i = 0; i < k; i++) {
        v[i].s = e->nm[i];
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
    return fail_at(&e->p, EQ_ERR_PARSE, &e->where[first],
                   "duplicate action name \"%.*s%s\" in information set %d "
                   "of player %d", CLIP(e->nm[first]), num, player + 1);
}

/* The list of action names (chance: with probabilities) after a
** description's name; the current token is that name.  Leaves the token
** after the closing '}' current; *brace is where the '{' stands. */
static eq_status read_list(efg *e, int chance, pos *brace)
{
    parser *p = &e->p;
    eq_status s;

    scratch_clear(e);
    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind != T_LBRACE)
        return unexpected(p, chance ? "'{' before the moves"
                                    : "'{' before the actions");
    *brace = p->at;
    for (;;) {
        if ((s = next(p)) != EQ_OK)
            return s;
        if (p->kind == T_RBRACE)
            break;
        if (p->kind != T_STRING)
            return unexpected(p, chance ? "a move name or '}'"
                                        : "an action name or '}'");
        if ((s = push_name(e)) != EQ_OK)
            return s;
        if (!chance)
            continue;
        if ((s = next(p)) != EQ_OK)
            return s;
        if (p->kind != T_WORD)
            return unexpected(p, "the move's probability");
        {
            char b[QUOTE_MAX + 8];
            double x;
            int sign;
            if ((s = read_number(p, &x, &sign)) != EQ_OK)
                return s;
            if (sign < 0)
                return fail_at(p, EQ_ERR_PARSE, &p->at,
                               "probability %s is negative",
                               describe(p, b, sizeof b));
            if (x > 1.0)
                return fail_at(p, EQ_ERR_PARSE, &p->at,
                               "probability %s exceeds 1",
                               describe(p, b, sizeof b));
            e->prob[e->nnm - 1] = x;
        }
    }
    return next(p);
}

static int same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* A personal node's "PLAYER INFOSET [description]"; the current token is
** the player number.  *id: the tree's information set; *mover: the player,
** 0-based; *at: where the information set number stands. */
static eq_status read_infoset(efg *e, int *id, int *mover, pos *at)
{
    parser *p = &e->p;
    char b[QUOTE_MAX + 8];
    pos lab_at, brace;
    char *label = NULL;
    eq_status s;
    size_t k;
    int player, num, r, described;

    if (p->kind != T_WORD)
        return unexpected(p, "a player number");
    if (!parse_count(p->text, &k) || k < 1 || k > (size_t)e->n)
        return fail_at(p, EQ_ERR_PARSE, &p->at, "player %s out of range 1..%d",
                       describe(p, b, sizeof b), e->n);
    player = (int)k - 1;
    if ((s = next(p)) != EQ_OK)
        return s;
    if ((s = read_index(p, "information set", 1, &num)) != EQ_OK)
        return s;
    *at = p->at;
    if ((s = next(p)) != EQ_OK)
        return s;
    described = p->kind == T_STRING;
    if (described) {
        lab_at = p->at;
        if ((s = keep_text(p, &label)) != EQ_OK)
            return s;
        if ((s = read_list(e, 0, &brace)) != EQ_OK)
            goto done;
    }
    r = map_get(&e->m, make_key(KEY_PLAYER + (unsigned)player, num));
    if (r < 0) {
        iset_rec *I;
        if (!described) {
            s = fail_at(p, EQ_ERR_PARSE, at, "information set %d of player "
                        "%d is used before it is defined", num, player + 1);
            goto done;
        }
        if (e->nnm == 0) {
            s = fail_at(p, EQ_ERR_PARSE, &brace, "information set %d of "
                        "player %d has no actions", num, player + 1);
            goto done;
        }
        if ((s = check_duplicates(e, num, player)) != EQ_OK)
            goto done;
        if (e->nnm > NODES_MAX) {
            s = fail_at(p, EQ_ERR_PARSE, &brace, "tree too large (more than "
                        "%d nodes)", NODES_MAX);
            goto done;
        }
        if (grow(&e->iset, &e->capiset, e->niset + 1, sizeof *e->iset)) {
            s = nomem(p);
            goto done;
        }
        I = &e->iset[e->niset];
        /* Named "1", "2" ... by the builder, whose duplicate test is
        ** quadratic; check_duplicates did that test, and the names are
        ** handed over directly. */
        s = eq_tree_add_infoset(e->t, player, (int)e->nnm, NULL,
                                label[0] ? label : NULL, &I->id);
        if (s != EQ_OK) {
            s = builder(e, s, &brace);
            goto done;
        }
        if (map_put(&e->m, make_key(KEY_PLAYER + (unsigned)player, num),
                    (int)e->niset)) {
            s = nomem(p);
            goto done;
        }
        e->niset++;
        for (size_t a = 0; a < e->nnm; a++) {
            char **slot = &e->t->iset[I->id].aname[a];
            free(*slot);
            *slot = e->nm[a];
            e->nm[a] = NULL;
        }
        I->line = at->line;
        I->lastset = e->lastset[player];
        I->lastact = e->lastact[player];
        r = (int)e->niset - 1;
    } else if (described) {
        const iset_rec *I = &e->iset[r];
        const eqi_infoset *h = &e->t->iset[I->id];
        if (!same_text(h->label, label)) {
            s = fail_at(p, EQ_ERR_PARSE, &lab_at, "information set %d of "
                        "player %d was defined at line %d with name "
                        "\"%.*s%s\", found \"%.*s%s\"", num, player + 1,
                        I->line, CLIP(h->label ? h->label : ""), CLIP(label));
            goto done;
        }
        if ((size_t)h->nact != e->nnm) {
            s = fail_at(p, EQ_ERR_PARSE, &brace, "information set %d of "
                        "player %d was defined at line %d with %d action%s, "
                        "found %zu", num, player + 1, I->line, h->nact,
                        h->nact == 1 ? "" : "s", e->nnm);
            goto done;
        }
        for (size_t a = 0; a < e->nnm; a++)
            if (strcmp(h->aname[a], e->nm[a]) != 0) {
                s = fail_at(p, EQ_ERR_PARSE, &e->where[a], "information set "
                            "%d of player %d was defined at line %d with "
                            "action %zu named \"%.*s%s\", found \"%.*s%s\"",
                            num, player + 1, I->line, a + 1,
                            CLIP(h->aname[a]), CLIP(e->nm[a]));
                goto done;
            }
    }
    *id = e->iset[r].id;
    *mover = player;
    /* Perfect recall: the player's own last move must be the same at every
    ** node of the set (Kuhn 1953); the tree would find the same later. */
    if (e->iset[r].lastset != e->lastset[player] ||
        e->iset[r].lastact != e->lastact[player]) {
        s = fail_at(p, EQ_ERR_PARSE, at, "information set %d of player %d "
                    "breaks perfect recall: this node and the one at line %d "
                    "differ in what %.*s%s did before", num, player + 1,
                    e->iset[r].line, CLIP(e->t->pname[player]));
        goto done;
    }
    s = EQ_OK;
done:
    free(label);
    scratch_clear(e);
    return s;
}

/* A chance node's "EVENT [description]"; the current token is the event
** number.  *ev: the event's record. */
static eq_status read_event(efg *e, int *ev)
{
    parser *p = &e->p;
    pos at, lab_at, brace;
    char *label = NULL;
    eq_status s;
    int num, r, described;

    if ((s = read_index(p, "chance event", 1, &num)) != EQ_OK)
        return s;
    at = p->at;
    if ((s = next(p)) != EQ_OK)
        return s;
    described = p->kind == T_STRING;
    if (described) {
        lab_at = p->at;
        if ((s = keep_text(p, &label)) != EQ_OK)
            return s;
        if ((s = read_list(e, 1, &brace)) != EQ_OK)
            goto done;
    }
    r = map_get(&e->m, make_key(KEY_EVENT, num));
    if (r < 0) {
        event_rec *E;
        double sum = 0.0;
        if (!described) {
            s = fail_at(p, EQ_ERR_PARSE, &at, "chance event %d is used "
                        "before it is defined", num);
            goto done;
        }
        if (e->nnm == 0) {
            s = fail_at(p, EQ_ERR_PARSE, &brace, "chance event %d has no "
                        "moves", num);
            goto done;
        }
        /* The tree's own test (eq_tree_finish), in the same order. */
        for (size_t a = 0; a < e->nnm; a++)
            sum += e->prob[a];
        if (!(fabs(sum - 1.0) <= 1e-9)) {
            s = fail_at(p, EQ_ERR_PARSE, &brace, "probabilities of chance "
                        "event %d sum to %.12g, not 1", num, sum);
            goto done;
        }
        if (e->nnm > NODES_MAX) {
            s = fail_at(p, EQ_ERR_PARSE, &brace, "tree too large (more than "
                        "%d nodes)", NODES_MAX);
            goto done;
        }
        if (grow(&e->ev, &e->capev, e->nev + 1, sizeof *e->ev) ||
            grow(&e->evname, &e->capevname, e->nevpool + e->nnm,
                 sizeof *e->evname) ||
            grow(&e->evprob, &e->capevprob, e->nevpool + e->nnm,
                 sizeof *e->evprob) ||
            map_put(&e->m, make_key(KEY_EVENT, num), (int)e->nev)) {
            s = nomem(p);
            goto done;
        }
        E = &e->ev[e->nev++];
        E->nact = (int)e->nnm;
        E->line = at.line;
        E->base = e->nevpool;
        E->label = label;
        label = NULL;
        for (size_t a = 0; a < e->nnm; a++) {
            e->evname[e->nevpool] = e->nm[a];
            e->evprob[e->nevpool++] = e->prob[a];
            e->nm[a] = NULL;
        }
        r = (int)e->nev - 1;
    } else if (described) {
        const event_rec *E = &e->ev[r];
        if (!same_text(E->label, label)) {
            s = fail_at(p, EQ_ERR_PARSE, &lab_at, "chance event %d was "
                        "defined at line %d with name \"%.*s%s\", found "
                        "\"%.*s%s\"", num, E->line, CLIP(E->label),
                        CLIP(label));
            goto done;
        }
        if ((size_t)E->nact != e->nnm) {
            s = fail_at(p, EQ_ERR_PARSE, &brace, "chance event %d was "
                        "defined at line %d with %d move%s, found %zu", num,
                        E->line, E->nact, E->nact == 1 ? "" : "s", e->nnm);
            goto done;
        }
        for (size_t a = 0; a < e->nnm; a++) {
            const char *nm = e->evname[E->base + a];
            if (strcmp(nm, e->nm[a]) != 0) {
                s = fail_at(p, EQ_ERR_PARSE, &e->where[a], "chance event %d "
                            "was defined at line %d with move %zu named "
                            "\"%.*s%s\", found \"%.*s%s\"", num, E->line,
                            a + 1, CLIP(nm), CLIP(e->nm[a]));
                goto done;
            }
            if (e->evprob[E->base + a] != e->prob[a]) {
                s = fail_at(p, EQ_ERR_PARSE, &e->where[a], "chance event %d "
                            "was defined at line %d with probability %g for "
                            "move %zu, found %g", num, E->line,
                            e->evprob[E->base + a], a + 1, e->prob[a]);
                goto done;
            }
        }
    }
    *ev = r;
    s = EQ_OK;
done:
    free(label);
    scratch_clear(e);
    return s;
}

/* "OUTCOME [name { payoffs }]"; the current token is the outcome number.
** The outcome's payoffs are added to e->cur.  Leaves the token after the
** entry current. */
static eq_status read_outcome(efg *e)
{
    parser *p = &e->p;
    pos at, name_at;
    char *name = NULL;
    eq_status s;
    int num, r;
    size_t cnt = 0;
    const double *pay;

    if ((s = read_index(p, "outcome", 0, &num)) != EQ_OK)
        return s;
    at = p->at;
    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind == T_STRING) {
        if (num == 0)
            return fail_at(p, EQ_ERR_PARSE, &p->at, "the null outcome 0 "
                           "cannot have a name or payoffs");
        name_at = p->at;
        if ((s = keep_text(p, &name)) != EQ_OK)
            return s;
        if ((s = next(p)) != EQ_OK)
            goto done;
        if (p->kind != T_LBRACE) {
            s = unexpected(p, "'{' before the payoffs");
            goto done;
        }
        if ((s = next(p)) != EQ_OK)
            goto done;
        /* Payoffs apart by spaces or by commas, as in .nfg outcomes. */
        for (;;) {
            int sign;
            if (p->kind == T_RBRACE)
                break;
            if (cnt > 0 && p->kind == T_COMMA) {
                if ((s = next(p)) != EQ_OK)
                    goto done;
                if (p->kind != T_WORD) {
                    s = unexpected(p, "a payoff after ','");
                    goto done;
                }
            }
            if (p->kind != T_WORD) {
                s = unexpected(p, "a payoff or '}'");
                goto done;
            }
            if (cnt == (size_t)e->n) {
                s = fail_at(p, EQ_ERR_PARSE, &p->at, "outcome %d: expected "
                            "%d payoffs, found more", num, e->n);
                goto done;
            }
            if ((s = read_number(p, &e->pay[cnt], &sign)) != EQ_OK)
                goto done;
            e->ppos[cnt++] = p->at;
            if ((s = next(p)) != EQ_OK)
                goto done;
        }
        if (cnt < (size_t)e->n) {
            s = fail_at(p, EQ_ERR_PARSE, &p->at, "outcome %d: expected %d "
                        "payoffs, found %zu", num, e->n, cnt);
            goto done;
        }
        if ((s = next(p)) != EQ_OK)
            goto done;
        r = map_get(&e->m, make_key(KEY_OUTCOME, num));
        if (r < 0) {
            outcome_rec *O;
            if (grow(&e->oc, &e->capoc, e->noc + 1, sizeof *e->oc) ||
                grow(&e->ocpay, &e->capocpay, e->nocpay + (size_t)e->n,
                     sizeof *e->ocpay) ||
                map_put(&e->m, make_key(KEY_OUTCOME, num), (int)e->noc)) {
                s = nomem(p);
                goto done;
            }
            O = &e->oc[e->noc++];
            O->line = at.line;
            O->base = e->nocpay;
            O->name = name;
            name = NULL;
            memcpy(e->ocpay + e->nocpay, e->pay, (size_t)e->n * sizeof *e->pay);
            e->nocpay += (size_t)e->n;
            r = (int)e->noc - 1;
        } else {
            const outcome_rec *O = &e->oc[r];
            if (strcmp(O->name, name) != 0) {
                s = fail_at(p, EQ_ERR_PARSE, &name_at, "outcome %d was "
                            "defined at line %d with name \"%.*s%s\", found "
                            "\"%.*s%s\"", num, O->line, CLIP(O->name),
                            CLIP(name));
                goto done;
            }
            for (int q = 0; q < e->n; q++)
                if (e->ocpay[O->base + (size_t)q] != e->pay[q]) {
                    s = fail_at(p, EQ_ERR_PARSE, &e->ppos[q], "outcome %d "
                                "was defined at line %d with payoff %g for "
                                "player %d, found %g", num, O->line,
                                e->ocpay[O->base + (size_t)q], q + 1,
                                e->pay[q]);
                    goto done;
                }
        }
    } else if (num > 0) {
        r = map_get(&e->m, make_key(KEY_OUTCOME, num));
        if (r < 0)
            return fail_at(p, EQ_ERR_PARSE, &at, "outcome %d is used before "
                           "it is defined", num);
    } else {
        return EQ_OK;   /* the null outcome */
    }
    pay = e->ocpay + e->oc[r].base;
    for (int q = 0; q < e->n; q++)
        e->cur[q] += pay[q];
    s = EQ_OK;
done:
    free(name);
    return s;
}

/* Make room for k children of the node at `at` and push the frame that
** will read them, with the payoffs in e->cur passed down. */
static eq_status push_frame(efg *e, size_t k, int player, const pos *at)
{
    frame *f;
    if (e->created + k > NODES_MAX)
        return fail_at(&e->p, EQ_ERR_PARSE, at, "tree too large (more than "
                       "%d nodes)", NODES_MAX);
    if (grow(&e->fr, &e->capfr, e->nfr + 1, sizeof *e->fr) ||
        grow(&e->acc, &e->capacc, (e->nfr + 1) * (size_t)e->n, sizeof *e->acc))
        return nomem(&e->p);
    f = &e->fr[e->nfr];
    memcpy(e->acc + e->nfr * (size_t)e->n, e->cur,
           (size_t)e->n * sizeof *e->cur);
    e->nfr++;
    f->next = 0;
    f->left = (int)k;
    f->taken = 0;
    f->player = player;
    f->saveset = f->saveact = -1;
    e->created += k;
    e->pending += k;
    return EQ_OK;
}

/* Whether the rest of the input, from the current token on, is too short
** to hold an entry for every node still to be read. */
static int too_short(const efg *e, size_t more)
{
    size_t left = e->p.len - e->p.at.off;
    return left / ENTRY_MIN < e->pending + more;
}

/* One node entry, for node v; the current token is its first. */
static eq_status read_node(efg *e, int v)
{
    parser *p = &e->p;
    char b[QUOTE_MAX + 8];
    pos at = p->at, iat;
    eq_status s;
    char type;

    if (p->kind == T_EOF)
        return fail_at(p, EQ_ERR_PARSE, &p->at, "unexpected end of file: "
                       "%zu more node%s expected", e->pending + 1,
                       e->pending == 0 ? "" : "s");
    if (p->kind != T_WORD || p->tlen != 1 ||
        (p->text[0] != 'c' && p->text[0] != 'p' && p->text[0] != 't'))
        return fail_at(p, EQ_ERR_PARSE, &p->at, "expected a node ('c', 'p' "
                       "or 't'), found %s", describe(p, b, sizeof b));
    type = p->text[0];
    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind != T_STRING)
        return unexpected(p, "the node's name string");
    if (!e->dry && p->tlen > 0 &&
        (s = eq_tree_set_node_label(e->t, v, p->text)) != EQ_OK)
        return builder(e, s, &at);
    if ((s = next(p)) != EQ_OK)
        return s;

    if (type == 't') {
        if ((s = read_outcome(e)) != EQ_OK)
            return s;
        for (int q = 0; q < e->n; q++)
            if (!isfinite(e->cur[q]))
                return fail_at(p, EQ_ERR_PARSE, &at, "payoff of player %d "
                               "overflows: the outcomes on the path to this "
                               "node add up to infinity", q + 1);
        if (!e->dry && (s = eq_tree_make_terminal(e->t, v, e->cur)) != EQ_OK)
            return builder(e, s, &at);
        return EQ_OK;
    }
    if (type == 'p') {
        int id = 0, player = 0, k;
        frame *f;
        if ((s = read_infoset(e, &id, &player, &iat)) != EQ_OK)
            return s;
        if ((s = read_outcome(e)) != EQ_OK)
            return s;
        k = e->t->iset[id].nact;
        if ((s = push_frame(e, (size_t)k, player, &at)) != EQ_OK)
            return s;
        if (!e->dry && too_short(e, 0))
            e->dry = 1;
        f = &e->fr[e->nfr - 1];
        if (!e->dry) {
            if ((s = eq_tree_make_decision(e->t, v, id)) != EQ_OK)
                return builder(e, s, &at);
            f->next = e->t->node[v].child0;
        }
        f->saveset = e->lastset[player];
        f->saveact = e->lastact[player];
        e->lastset[player] = id;
        return EQ_OK;
    }
    {
        int r = 0;
        const event_rec *E;
        if ((s = read_event(e, &r)) != EQ_OK)
            return s;
        if ((s = read_outcome(e)) != EQ_OK)
            return s;
        E = &e->ev[r];
        if ((s = push_frame(e, (size_t)E->nact, -1, &at)) != EQ_OK)
            return s;
        if (!e->dry && too_short(e, 0))
            e->dry = 1;
        if (!e->dry) {
            s = eq_tree_make_chance(e->t, v, E->nact,
                                    (const char *const *)(e->evname + E->base),
                                    e->evprob + E->base);
            if (s != EQ_OK)
                return builder(e, s, &at);
            e->fr[e->nfr - 1].next = e->t->node[v].child0;
        }
        return EQ_OK;
    }
}

/* The prologue up to and including the optional comment, into a new
** tree *t.  Leaves the first token of the body current. */
static eq_status read_header(efg *e)
{
    parser *p = &e->p;
    char b[QUOTE_MAX + 8];
    char *title = NULL, *pname[EQ_MAX_PLAYERS];
    int n = 0;
    eq_status s;

    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind == T_EOF)
        return fail_at(p, EQ_ERR_PARSE, &p->at, "empty file");
    if (p->kind != T_WORD || strcmp(p->text, "EFG") != 0)
        return fail_at(p, EQ_ERR_PARSE, &p->at,
                       "not a Gambit extensive-form file: expected 'EFG', "
                       "found %s", describe(p, b, sizeof b));
    if ((s = next(p)) != EQ_OK)
        return s;
    if (p->kind != T_WORD)
        return unexpected(p, "a version number");
    if (strcmp(p->text, "2") != 0)
        return fail_at(p, EQ_ERR_PARSE, &p->at,
                       "unsupported version %s: only version 2 is known",
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
    if ((s = keep_text(p, &title)) != EQ_OK)
        return s;

    /* { "Player 1" "Player 2" ... } */
    if ((s = next(p)) != EQ_OK)
        goto done;
    if (p->kind != T_LBRACE) {
        s = unexpected(p, "'{' before the player names");
        goto done;
    }
    for (;;) {
        if ((s = next(p)) != EQ_OK)
            goto done;
        if (p->kind == T_RBRACE)
            break;
        if (p->kind != T_STRING) {
            s = unexpected(p, "a player name or '}'");
            goto done;
        }
        if (n == EQ_MAX_PLAYERS) {
            s = fail_at(p, EQ_ERR_PARSE, &p->at,
                        "too many players (at most %d)", EQ_MAX_PLAYERS);
            goto done;
        }
        if ((s = keep_text(p, &pname[n])) != EQ_OK)
            goto done;
        n++;
    }
    if (n == 0) {
        s = fail_at(p, EQ_ERR_PARSE, &p->at, "the game has no players");
        goto done;
    }
    /* The optional comment, which an eq_tree does not keep. */
    if ((s = next(p)) != EQ_OK)
        goto done;
    if (p->kind == T_STRING && (s = next(p)) != EQ_OK)
        goto done;

    if ((s = eq_tree_new(&e->t, n)) != EQ_OK) {
        s = nomem(p);
        goto done;
    }
    e->n = n;
    if (eq_tree_set_title(e->t, title) != EQ_OK) {
        s = nomem(p);
        goto done;
    }
    for (int q = 0; q < n; q++)
        if (eq_tree_set_player_name(e->t, q, pname[q]) != EQ_OK) {
            s = nomem(p);
            goto done;
        }
done:
    free(title);
    for (int q = 0; q < n; q++)
        free(pname[q]);
    return s;
}

static void diag_clear(eq_diag *diag)
{
    if (diag != NULL)
        memset(diag, 0, sizeof *diag);
}

eq_status eq_tree_parse_efg(eq_tree **out, const char *text, size_t len,
                            const char *name, eq_diag *diag)
{
    efg e;
    parser *p = &e.p;
    char b[QUOTE_MAX + 8];
    eq_status s;
    pos root;

    diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (out == NULL || (text == NULL && len > 0)) {
        if (diag != NULL)
            eqi_error(diag->message, EQ_ERR_ARG,
                      "eq_tree_parse_efg: NULL argument");
        return EQ_ERR_ARG;
    }
    memset(&e, 0, sizeof e);
    p->buf = text != NULL ? text : "";
    p->len = len;
    p->line = 1;
    p->name = name != NULL ? name : "<input>";
    p->diag = diag;
    for (int q = 0; q < EQ_MAX_PLAYERS; q++)
        e.lastset[q] = e.lastact[q] = -1;

    if ((s = read_header(&e)) != EQ_OK)
        goto done;
    root = p->at;
    /* The root: a frame of one child, node 0. */
    for (int q = 0; q < e.n; q++)
        e.cur[q] = 0.0;
    e.created = 0;
    if ((s = push_frame(&e, 1, -1, &root)) != EQ_OK)
        goto done;
    if (too_short(&e, 0))
        e.dry = 1;
    while (e.nfr > 0) {
        frame *f = &e.fr[e.nfr - 1];
        int v;
        if (f->left == 0) {
            /* The subtree is complete: the mover's last move is what it
            ** was above it. */
            if (f->player >= 0) {
                e.lastset[f->player] = f->saveset;
                e.lastact[f->player] = f->saveact;
            }
            e.nfr--;
            continue;
        }
        v = f->next++;
        f->left--;
        e.pending--;
        if (f->player >= 0)
            e.lastact[f->player] = f->taken;
        f->taken++;
        memcpy(e.cur, e.acc + (e.nfr - 1) * (size_t)e.n,
               (size_t)e.n * sizeof *e.cur);
        if ((s = read_node(&e, v)) != EQ_OK)
            goto done;
    }
    if (p->kind != T_EOF) {
        s = fail_at(p, EQ_ERR_PARSE, &p->at, "unexpected %s after the last "
                    "node", describe(p, b, sizeof b));
        goto done;
    }
    if (e.dry) {            /* a complete tree cannot have been too short */
        s = fail_at(p, EQ_ERR_INTERNAL, &root, "the reader lost count of "
                    "the nodes");
        goto done;
    }
    /* The reader has checked all that eq_tree_finish checks, at its place
    ** in the file; what remains is lack of memory. */
    if ((s = eq_tree_finish(e.t)) != EQ_OK)
        s = builder(&e, s, &root);
done:
    if (s == EQ_OK) {
        *out = e.t;
        e.t = NULL;
    }
    eq_tree_free(e.t);
    efg_free(&e);
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

eq_status eq_tree_read_efg(eq_tree **out, const char *path, eq_diag *diag)
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
                      "eq_tree_read_efg: NULL argument");
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
    s = eq_tree_parse_efg(out, buf, len, path, diag);
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

/* s as a double-quoted string, with " and \ escaped by a backslash; NULL
** is written as "". */
static void sb_quoted(sbuf *b, const char *s)
{
    sb_put(b, "\"", 1);
    for (s = s ? s : "";;) {
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

static void sb_int(sbuf *b, int k)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", k);
    sb_cat(b, buf);
}

/* The exact value of a finite double: an integer or p/q in lowest terms. */
static void sb_exact(sbuf *b, mpq_t q, double d)
{
    char *num;
    mpq_set_d(q, d);
    if ((num = eqi_rational_str(q)) == NULL) {
        b->fail = 1;
        return;
    }
    sb_cat(b, num);
    free(num);
}

eq_status eq_tree_write_efg(const eq_tree *t, char **text)
{
    sbuf b = { NULL, 0, 0, 0 };
    int *num = NULL, *stack = NULL, count[EQ_MAX_PLAYERS] = { 0 };
    int sp = 0, events = 0, outcomes = 0;
    mpq_t q;

    if (text == NULL)
        return EQ_ERR_ARG;
    *text = NULL;
    if (t == NULL)
        return EQ_ERR_ARG;
    /* Open nodes have no entry; mpq_set_d cannot take NaN or infinity. */
    for (int v = 0; v < t->nnode; v++) {
        const eqi_node *x = &t->node[v];
        if (x->kind == EQ_NODE_OPEN)
            return EQ_ERR_ARG;
        for (int a = 0; x->kind == EQ_NODE_CHANCE && a < x->nchild; a++)
            if (!isfinite(t->probs[x->prob0 + a]))
                return EQ_ERR_ARG;
        for (int p = 0; x->kind == EQ_NODE_TERMINAL && p < t->n; p++)
            if (!isfinite(t->pays[x->pay0 + p]))
                return EQ_ERR_ARG;
    }
    num = calloc((size_t)t->niset + 1, sizeof *num);
    stack = malloc((size_t)t->nnode * sizeof *stack);
    if (num == NULL || stack == NULL) {
        free(num);
        free(stack);
        return EQ_ERR_NOMEM;
    }

    sb_cat(&b, "EFG 2 R ");
    sb_quoted(&b, t->title);
    sb_cat(&b, " {");
    for (int p = 0; p < t->n; p++) {
        sb_cat(&b, " ");
        sb_quoted(&b, t->pname[p]);
    }
    sb_cat(&b, " }\n\"\"\n\n");

    /* Preorder, children first to last.  Information sets are numbered
    ** per player as they first appear, as Gambit does; their description
    ** is repeated at every node, which the format allows. */
    mpq_init(q);
    stack[sp++] = 0;
    while (sp > 0 && !b.fail) {
        int v = stack[--sp];
        const eqi_node *x = &t->node[v];
        for (int a = x->nchild - 1; a >= 0; a--)
            stack[sp++] = x->child0 + a;
        if (x->kind == EQ_NODE_DECISION) {
            const eqi_infoset *h = &t->iset[x->infoset];
            if (num[x->infoset] == 0)
                num[x->infoset] = ++count[x->player];
            sb_cat(&b, "p ");
            sb_quoted(&b, x->label);
            sb_cat(&b, " ");
            sb_int(&b, x->player + 1);
            sb_cat(&b, " ");
            sb_int(&b, num[x->infoset]);
            sb_cat(&b, " ");
            sb_quoted(&b, h->label);
            sb_cat(&b, " {");
            for (int a = 0; a < h->nact; a++) {
                sb_cat(&b, " ");
                sb_quoted(&b, h->aname[a]);
            }
            sb_cat(&b, " } 0\n");
        } else if (x->kind == EQ_NODE_CHANCE) {
            sb_cat(&b, "c ");
            sb_quoted(&b, x->label);
            sb_cat(&b, " ");
            sb_int(&b, ++events);
            sb_cat(&b, " \"\" {");
            for (int a = 0; a < x->nchild; a++) {
                sb_cat(&b, " ");
                sb_quoted(&b, t->cnames[x->aname0 + a]);
                sb_cat(&b, " ");
                sb_exact(&b, q, t->probs[x->prob0 + a]);
            }
            sb_cat(&b, " } 0\n");
        } else {
            sb_cat(&b, "t ");
            sb_quoted(&b, x->label);
            sb_cat(&b, " ");
            sb_int(&b, ++outcomes);
            sb_cat(&b, " \"\" {");
            for (int p = 0; p < t->n; p++) {
                sb_cat(&b, p > 0 ? ", " : " ");
                sb_exact(&b, q, t->pays[x->pay0 + p]);
            }
            sb_cat(&b, " }\n");
        }
    }
    mpq_clear(q);
    free(num);
    free(stack);
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

eq_status eq_tree_save_efg(const eq_tree *t, const char *path)
{
    static const char suffix[] = ".tmpXXXXXX";
    char *text = NULL, *tmp;
    struct stat st;
    mode_t mode = 0644;
    eq_status s;
    int fd;

    if (t == NULL || path == NULL || path[0] == '\0')
        return EQ_ERR_ARG;
    if ((s = eq_tree_write_efg(t, &text)) != EQ_OK)
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
