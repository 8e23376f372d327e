/*
** lexer.c -- the tokens of the .game model language, decimal numbers read
** and written without the C locale.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "exact.h"
#include "lexer.h"

_Static_assert(sizeof(double) == sizeof(uint64_t), "IEEE 754 binary64 doubles");

/* A number longer than this is surely a mistake, and converting it costs
** time quadratic in its length. */
#define NUMBER_MAX 4096
/* Beyond this decimal exponent a double is 0 or infinite anyway. */
#define EXPONENT_MAX 10000
/* Longest token text quoted in a message. */
#define QUOTE_MAX 32

static const struct {
    const char *word;
    eqi_tk kind;
} reserved[] = {
    { "game", EQI_TK_GAME },       { "players", EQI_TK_PLAYERS },
    { "param", EQI_TK_PARAM },     { "let", EQI_TK_LET },
    { "node", EQI_TK_NODE },       { "stage", EQI_TK_STAGE },
    { "infoset", EQI_TK_INFOSET }, { "chooses", EQI_TK_CHOOSES },
    { "chance", EQI_TK_CHANCE },
    { "if", EQI_TK_IF },           { "then", EQI_TK_THEN },
    { "else", EQI_TK_ELSE },       { "and", EQI_TK_AND },
    { "or", EQI_TK_OR },           { "not", EQI_TK_NOT },
};

/* ------------------------------------------------------------------ */
/* Numbers                                                              */
/* ------------------------------------------------------------------ */

/* Round the exact value q > 0 to the nearest double, ties to even.
** mpq_get_d truncates, so the answer is d or the next double up. */
static int round_rational(const mpq_t q, double *out)
{
    double d = mpq_get_d(q), up;
    mpq_t a, b;
    int c;

    if (!isfinite(d))
        return -1;
    up = nextafter(d, INFINITY);
    mpq_init(a);
    mpq_init(b);
    mpq_set_d(a, d);
    if (isfinite(up)) {
        mpq_set_d(b, up);
    } else {
        /* Past DBL_MAX the next "double" is 2^1024. */
        mpq_set_ui(b, 1, 1);
        mpq_mul_2exp(b, b, 1024);
    }
    mpq_sub(a, q, a);        /* q - d */
    mpq_sub(b, b, q);        /* up - q */
    c = mpq_cmp(a, b);
    mpq_clear(a);
    mpq_clear(b);
    if (c < 0) {
        *out = d;
    } else if (c > 0) {
        *out = up;
    } else {
        /* A tie: the one with an even significand, whose bit pattern
        ** (IEEE 754 binary64) is even. */
        uint64_t u;
        memcpy(&u, &d, sizeof u);
        *out = (u & 1u) == 0 ? d : up;
    }
    return isfinite(*out) ? 0 : -1;
}

int eqi_decimal_to_double(const char *text, size_t len, double *out)
{
    /* Powers of ten that doubles hold exactly. */
    static const double p10[] = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };
    unsigned long long m = 0;
    int sig = 0, ndig = 0;
    long e10 = 0, ex = 0;
    size_t i = 0;
    char *buf;
    mpq_t q;
    mpz_t num, pw;
    int rc;

    if (len > NUMBER_MAX)
        return -1;
    /* Digits before and after the point: keep the first 19 significant
    ** ones in m and count the rest into the exponent. */
    for (int frac = 0; i < len; i++) {
        char c = text[i];
        if (c == '.' && !frac) {
            frac = 1;
            continue;
        }
        if (c < '0' || c > '9')
            break;
        ndig++;
        if (m == 0 && c == '0') {
            if (frac)
                e10--;
            continue;
        }
        if (sig < 19) {
            m = m * 10 + (unsigned)(c - '0');
            sig++;
            if (frac)
                e10--;
        } else {
            sig++;
            if (!frac)
                e10++;
        }
    }
    if (ndig == 0)
        return -1;
    if (i < len) {
        int neg = 0, nexp = 0;
        if (text[i] != 'e' && text[i] != 'E')
            return -1;
        i++;
        if (i < len && (text[i] == '+' || text[i] == '-'))
            neg = text[i++] == '-';
        for (; i < len && text[i] >= '0' && text[i] <= '9'; i++, nexp++)
            if (ex <= EXPONENT_MAX)
                ex = ex * 10 + (text[i] - '0');
        if (nexp == 0 || i < len || ex > EXPONENT_MAX)
            return -1;
        if (neg)
            ex = -ex;
    }
    if (m == 0) {
        *out = 0.0;
        return 0;
    }
    /* Clinger's fast path: an exact integer below 2^53 times or divided
    ** by an exact power of ten is one correctly rounded operation. */
    if (sig <= 15 && e10 + ex >= -22 && e10 + ex <= 22) {
        long e = e10 + ex;
        *out = e >= 0 ? (double)m * p10[e] : (double)m / p10[-e];
        return 0;
    }
    /* Otherwise in exact rational arithmetic. */
    if ((buf = malloc(len + 1)) == NULL)
        return -1;
    mpz_init(num);
    for (size_t k = 0, n = 0; k < len; k++) {
        if (text[k] == 'e' || text[k] == 'E')
            break;
        if (text[k] != '.')
            buf[n++] = text[k], buf[n] = '\0';
    }
    rc = mpz_set_str(num, buf, 10);
    free(buf);
    if (rc != 0) {
        mpz_clear(num);
        return -1;
    }
    {
        /* The exponent of the whole digit string: the fraction's length
        ** counts down. */
        long fracdig = 0, e;
        const char *dot = memchr(text, '.', len);
        if (dot != NULL)
            for (const char *p = dot + 1; p < text + len && *p >= '0' && *p <= '9'; p++)
                fracdig++;
        e = ex - fracdig;
        mpq_init(q);
        mpz_init(pw);
        mpz_ui_pow_ui(pw, 10, (unsigned long)(e < 0 ? -e : e));
        if (e >= 0) {
            mpz_mul(num, num, pw);
            mpq_set_z(q, num);
        } else {
            mpq_set_num(q, num);
            mpq_set_den(q, pw);
            mpq_canonicalize(q);
        }
        rc = round_rational(q, out);
        mpq_clear(q);
        mpz_clear(pw);
    }
    mpz_clear(num);
    return rc;
}

/* Copy printf's number text, turning whatever the locale's decimal point
** looks like (the run of bytes that are neither digits nor exponent
** marks) into '.'. */
static void clean_number(const char *tmp, char *clean, size_t size, size_t *len)
{
    size_t k = 0;
    int dot = 0;
    for (const char *s = tmp; *s && k + 2 < size; s++) {
        char c = *s;
        if ((c >= '0' && c <= '9') || c == 'e' || c == 'E' || c == '+' || c == '-') {
            clean[k++] = c;
            dot = 0;
        } else if (!dot) {
            clean[k++] = '.';
            dot = 1;
        }
    }
    clean[k] = '\0';
    *len = k;
}

void eqi_format_double(double v, char *buf, size_t size)
{
    char tmp[64], clean[64];
    double a = fabs(v), back;

    if (size == 0)
        return;
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", isnan(v) ? "nan" : v < 0 ? "-inf" : "inf");
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        size_t k;
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, a);
        if (prec < 17) {
            clean_number(tmp, clean, sizeof clean, &k);
            if (eqi_decimal_to_double(clean, k, &back) != 0 || back != a)
                continue;
        }
        /* The shortest digits that read back; written without an exponent
        ** when that is no longer (20, not 2e+01; 0.001, not 1e-03). */
        {
            int e = atoi(strchr(tmp, 'e') + 1);
            int p = prec;
            if (e >= 0 && e < 17 && p < e + 1)
                p = e + 1;
            snprintf(tmp, sizeof tmp, "%.*g", p, a);
        }
        clean_number(tmp, clean, sizeof clean, &k);
        snprintf(buf, size, "%s%s", signbit(v) ? "-" : "", clean);
        return;
    }
}

/* ------------------------------------------------------------------ */
/* Tokens                                                               */
/* ------------------------------------------------------------------ */

const char *eqi_tok_describe(const eqi_lexer *lx, const eqi_tok *t,
                             char *buf, size_t size)
{
    static const char *const punct[] = {
        [EQI_TK_LPAREN] = "(", [EQI_TK_RPAREN] = ")", [EQI_TK_LBRACK] = "[",
        [EQI_TK_RBRACK] = "]", [EQI_TK_LBRACE] = "{", [EQI_TK_RBRACE] = "}",
        [EQI_TK_COMMA] = ",", [EQI_TK_COLON] = ":", [EQI_TK_ARROW] = "->",
        [EQI_TK_ASSIGN] = "=", [EQI_TK_EQ] = "==", [EQI_TK_NE] = "!=",
        [EQI_TK_LT] = "<", [EQI_TK_LE] = "<=", [EQI_TK_GT] = ">",
        [EQI_TK_GE] = ">=", [EQI_TK_PLUS] = "+", [EQI_TK_MINUS] = "-",
        [EQI_TK_STAR] = "*", [EQI_TK_SLASH] = "/", [EQI_TK_CARET] = "^",
        [EQI_TK_DOTDOT] = "..", [EQI_TK_TILDE] = "~",
    };
    switch (t->kind) {
    case EQI_TK_EOF:
        return "end of file";
    case EQI_TK_NL:
        return "end of line";
    case EQI_TK_STRING:
        return "a string";
    case EQI_TK_NUMBER: {
        char num[32];
        eqi_format_double(t->num, num, sizeof num);
        snprintf(buf, size, "number %s", num);
        return buf;
    }
    default:
        if (t->kind < sizeof punct / sizeof punct[0] && punct[t->kind] != NULL) {
            snprintf(buf, size, "'%s'", punct[t->kind]);
            return buf;
        }
        snprintf(buf, size, "'%.*s%s'",
                 (int)(t->tlen > QUOTE_MAX ? QUOTE_MAX : t->tlen),
                 eqi_tok_text(lx, t), t->tlen > QUOTE_MAX ? "..." : "");
        return buf;
    }
}

static int is_ident_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c >= 0x80;
}

static int is_ident_char(unsigned char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

static eqi_tk reserved_kind(const char *s, size_t n)
{
    for (size_t k = 0; k < sizeof reserved / sizeof reserved[0]; k++)
        if (strlen(reserved[k].word) == n && memcmp(reserved[k].word, s, n) == 0)
            return reserved[k].kind;
    return EQI_TK_IDENT;
}

int eqi_is_plain_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || !is_ident_start((unsigned char)s[0]))
        return 0;
    for (size_t k = 1; k < n; k++)
        if (!is_ident_char((unsigned char)s[k]))
            return 0;
    return reserved_kind(s, n) == EQI_TK_IDENT;
}

typedef struct scan {
    eqi_lexer *lx;
    const eqi_src *src;
    size_t i, lstart;
    int line;
} scan;

static void here(const scan *sc, eqi_loc *at)
{
    at->line = sc->line;
    at->off = (uint32_t)sc->i;  /* the text is shorter: eqi_lex */
    at->ctx = NULL;
}

/* Append n bytes and a NUL to the pool; *off receives where they start. */
static int pool_put(eqi_lexer *lx, const char *s, size_t n, size_t *off)
{
    if (n > SIZE_MAX / 2 ||
        eqi_grow(&lx->pool, &lx->cappool, lx->npool + n + 1, 1) != 0)
        return -1;
    *off = lx->npool;
    memcpy(lx->pool + lx->npool, s, n);
    lx->pool[lx->npool + n] = '\0';
    lx->npool += n + 1;
    return 0;
}

static eqi_tok *push(scan *sc, eqi_tk kind, const eqi_loc *at)
{
    eqi_lexer *lx = sc->lx;
    eqi_tok *t;
    if (eqi_grow(&lx->tok, &lx->cap, (size_t)lx->ntok + 1, sizeof *lx->tok) != 0)
        return NULL;
    t = &lx->tok[lx->ntok++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->at = *at;
    return t;
}

/* A string literal starting at the quote at sc->i. */
static eq_status lex_string(scan *sc, const eqi_loc *at)
{
    const char *s = sc->src->text;
    size_t n = sc->src->len, start = sc->lx->npool, off;
    eqi_tok *t;

    sc->i++;
    for (;;) {
        char c;
        if (sc->i >= n || s[sc->i] == '\n')
            return eqi_diag_at(sc->src, EQ_ERR_PARSE, at,
                               "unterminated string (a string ends on its line)");
        c = s[sc->i];
        if (c == '"') {
            sc->i++;
            break;
        }
        if (c == '\0') {
            eqi_loc nul;
            here(sc, &nul);
            return eqi_diag_at(sc->src, EQ_ERR_PARSE, &nul, "NUL byte in a string");
        }
        if (c == '\\') {
            eqi_loc esc;
            here(sc, &esc);
            sc->i++;
            c = sc->i < n ? s[sc->i] : '\0';
            switch (c) {
            case '"': case '\\': break;
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            default:
                return eqi_diag_at(sc->src, EQ_ERR_PARSE, &esc,
                                   "unknown escape in a string (known: \\\" \\\\ \\n \\t \\r)");
            }
        }
        if (pool_put(sc->lx, &c, 1, &off) != 0)
            return eqi_diag_nomem(sc->src);
        sc->lx->npool--;        /* drop the NUL: the next byte follows */
        sc->i++;
    }
    if (pool_put(sc->lx, "", 0, &off) != 0 ||
        (t = push(sc, EQI_TK_STRING, at)) == NULL)
        return eqi_diag_nomem(sc->src);
    if (off - start >= EQI_TOKEN_MAX)
        return eqi_diag_at(sc->src, EQ_ERR_PARSE, at, "string too long (at most %d bytes)",
                           EQI_TOKEN_MAX - 1);
    t->text = start;
    t->tlen = (uint32_t)(off - start);
    return EQ_OK;
}

static eq_status lex_number(scan *sc, const eqi_loc *at)
{
    const char *s = sc->src->text;
    size_t n = sc->src->len, b = sc->i;
    eqi_tok *t;
    double v;

    while (sc->i < n && s[sc->i] >= '0' && s[sc->i] <= '9')
        sc->i++;
    if (sc->i < n && s[sc->i] == '.' && !(sc->i + 1 < n && s[sc->i + 1] == '.'))
        for (sc->i++; sc->i < n && s[sc->i] >= '0' && s[sc->i] <= '9';)
            sc->i++;
    if (sc->i < n && (s[sc->i] == 'e' || s[sc->i] == 'E')) {
        size_t k = sc->i + 1;
        if (k < n && (s[k] == '+' || s[k] == '-'))
            k++;
        if (k < n && s[k] >= '0' && s[k] <= '9') {
            for (sc->i = k; sc->i < n && s[sc->i] >= '0' && s[sc->i] <= '9';)
                sc->i++;
        }
    }
    if (sc->i < n && (is_ident_char((unsigned char)s[sc->i]) ||
                      (s[sc->i] == '.' && !(sc->i + 1 < n && s[sc->i + 1] == '.')))) {
        while (sc->i < n && (is_ident_char((unsigned char)s[sc->i]) || s[sc->i] == '.'))
            sc->i++;
        return eqi_diag_at(sc->src, EQ_ERR_PARSE, at, "malformed number '%.*s%s'",
                           (int)(sc->i - b > QUOTE_MAX ? QUOTE_MAX : sc->i - b),
                           s + b, sc->i - b > QUOTE_MAX ? "..." : "");
    }
    if (sc->i - b > NUMBER_MAX)
        return eqi_diag_at(sc->src, EQ_ERR_PARSE, at,
                           "number too long (more than %d characters)", NUMBER_MAX);
    if (eqi_decimal_to_double(s + b, sc->i - b, &v) != 0)
        return eqi_diag_at(sc->src, EQ_ERR_PARSE, at, "number '%.*s%s' is out of range",
                           (int)(sc->i - b > QUOTE_MAX ? QUOTE_MAX : sc->i - b),
                           s + b, sc->i - b > QUOTE_MAX ? "..." : "");
    if ((t = push(sc, EQI_TK_NUMBER, at)) == NULL)
        return eqi_diag_nomem(sc->src);
    t->num = v;
    return EQ_OK;
}

/* Whether the '{' at sc->i opens a block: the line starts with the word
** "for" and nothing but blanks or a comment follows the brace. */
static int is_block_open(const scan *sc, int line0)
{
    const eqi_lexer *lx = sc->lx;
    const char *s = sc->src->text;
    size_t n = sc->src->len, k = sc->i + 1;

    if (line0 >= lx->ntok || lx->tok[line0].kind != EQI_TK_IDENT ||
        strcmp(eqi_tok_text(lx, &lx->tok[line0]), "for") != 0)
        return 0;
    while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
        k++;
    return k >= n || s[k] == '\n' || s[k] == '#';
}

/* A line end: one NL token for a run of them, none at the start and none
** inside brackets; *line0 moves to the next line's first token. */
static eq_status lex_newline(scan *sc, const eqi_loc *at, int depth, int *line0)
{
    eqi_lexer *lx = sc->lx;

    if (depth == 0 && lx->ntok > 0 && lx->tok[lx->ntok - 1].kind != EQI_TK_NL &&
        push(sc, EQI_TK_NL, at) == NULL)
        return eqi_diag_nomem(sc->src);
    sc->i++;
    if (sc->line < INT_MAX)
        sc->line++;
    sc->lstart = sc->i;
    if (depth == 0)
        *line0 = lx->ntok;
    return EQ_OK;
}

/* A name or reserved word starting at sc->i. */
static eq_status lex_name(scan *sc, const eqi_loc *at)
{
    const char *s = sc->src->text;
    size_t n = sc->src->len, b = sc->i, off;
    eqi_tok *t;

    while (sc->i < n && is_ident_char((unsigned char)s[sc->i]))
        sc->i++;
    if (sc->i - b >= EQI_TOKEN_MAX)
        return eqi_diag_at(sc->src, EQ_ERR_PARSE, at, "name too long (at most %d bytes)",
                           EQI_TOKEN_MAX - 1);
    if ((t = push(sc, reserved_kind(s + b, sc->i - b), at)) == NULL ||
        pool_put(sc->lx, s + b, sc->i - b, &off) != 0)
        return eqi_diag_nomem(sc->src);
    t->text = off;
    t->tlen = (uint32_t)(sc->i - b);
    return EQ_OK;
}

/* The punctuation token at sc->i: its kind in *k and its width in *w,
** or a message for a character that starts no token. */
static eq_status punct_kind(const scan *sc, const eqi_loc *at, eqi_tk *k, size_t *w)
{
    const char *s = sc->src->text;
    size_t n = sc->src->len;
    unsigned char c = (unsigned char)s[sc->i];
    char d = sc->i + 1 < n ? s[sc->i + 1] : '\0';

    *w = 1;
    switch (c) {
    case '(': *k = EQI_TK_LPAREN; break;
    case ')': *k = EQI_TK_RPAREN; break;
    case '[': *k = EQI_TK_LBRACK; break;
    case ']': *k = EQI_TK_RBRACK; break;
    case '{': *k = EQI_TK_LBRACE; break;
    case '}': *k = EQI_TK_RBRACE; break;
    case ',': *k = EQI_TK_COMMA; break;
    case ':': *k = EQI_TK_COLON; break;
    case '+': *k = EQI_TK_PLUS; break;
    case '*': *k = EQI_TK_STAR; break;
    case '/': *k = EQI_TK_SLASH; break;
    case '^': *k = EQI_TK_CARET; break;
    case '~': *k = EQI_TK_TILDE; break;
    case '.':
        if (d != '.')
            return eqi_diag_at(sc->src, EQ_ERR_PARSE, at, "unexpected '.' (a range is written '..')");
        *k = EQI_TK_DOTDOT;
        *w = 2;
        break;
    case '-':
        *k = d == '>' ? EQI_TK_ARROW : EQI_TK_MINUS;
        *w = d == '>' ? 2 : 1;
        break;
    case '=':
        *k = d == '=' ? EQI_TK_EQ : EQI_TK_ASSIGN;
        *w = d == '=' ? 2 : 1;
        break;
    case '<':
        *k = d == '=' ? EQI_TK_LE : EQI_TK_LT;
        *w = d == '=' ? 2 : 1;
        break;
    case '>':
        *k = d == '=' ? EQI_TK_GE : EQI_TK_GT;
        *w = d == '=' ? 2 : 1;
        break;
    case '!':
        if (d != '=')
            return eqi_diag_at(sc->src, EQ_ERR_PARSE, at,
                               "unexpected '!' (write 'not' for negation, '!=' for inequality)");
        *k = EQI_TK_NE;
        *w = 2;
        break;
    default:
        if (c == '\0')
            return eqi_diag_at(sc->src, EQ_ERR_PARSE, at, "unexpected NUL byte");
        if (c < 0x20 || c == 0x7f)
            return eqi_diag_at(sc->src, EQ_ERR_PARSE, at,
                               "unexpected control byte 0x%02X", c);
        return eqi_diag_at(sc->src, EQ_ERR_PARSE, at, "unexpected character '%c'", c);
    }
    return EQ_OK;
}

/* A punctuation token; brackets other than a block's braces change
** *depth, inside which newlines are spaces. */
static eq_status lex_punct(scan *sc, const eqi_loc *at, int *depth, int line0)
{
    eqi_tk k = EQI_TK_EOF;  /* set by punct_kind; quiets -Wmaybe-uninitialized */
    size_t w = 1;
    eq_status st;

    if ((st = punct_kind(sc, at, &k, &w)) != EQ_OK)
        return st;
    if (k == EQI_TK_LBRACE && *depth == 0 && is_block_open(sc, line0)) {
        /* a block: newlines inside stay */
    } else if (k == EQI_TK_RBRACE && *depth == 0) {
        /* closes a block (or is an error the parser reports) */
    } else if (k == EQI_TK_LPAREN || k == EQI_TK_LBRACK || k == EQI_TK_LBRACE) {
        if (*depth < INT_MAX)
            (*depth)++;
    } else if (k == EQI_TK_RPAREN || k == EQI_TK_RBRACK || k == EQI_TK_RBRACE) {
        if (*depth > 0)
            (*depth)--;
    }
    if (push(sc, k, at) == NULL)
        return eqi_diag_nomem(sc->src);
    sc->i += w;
    return EQ_OK;
}

/* Reads the whole source into tokens, ending with NL and EOF. */
eq_status eqi_lex(eqi_lexer *lx, const eqi_src *src)
{
    const char *s = src->text;
    size_t n = src->len;
    int depth = 0;          /* open brackets: newlines inside are spaces */
    int line0 = 0;          /* the first token of the current line */
    scan sc;
    eq_status st;
    eqi_loc at;

    if (n > EQI_SRC_MAX)
        return eqi_diag_plain(src->diag, EQ_ERR_PARSE, "%s: the model is larger than 4 GiB",
                              src->name);
    sc.lx = lx;
    sc.src = src;
    sc.i = 0;
    sc.lstart = 0;
    sc.line = 1;
    while (sc.i < n) {
        unsigned char c = (unsigned char)s[sc.i];
        here(&sc, &at);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            sc.i++;
            continue;
        }
        if (c == '#') {
            while (sc.i < n && s[sc.i] != '\n')
                sc.i++;
            continue;
        }
        if (c == '\n')
            st = lex_newline(&sc, &at, depth, &line0);
        else if (c == '"')
            st = lex_string(&sc, &at);
        else if ((c >= '0' && c <= '9') ||
                 (c == '.' && sc.i + 1 < n && s[sc.i + 1] >= '0' && s[sc.i + 1] <= '9'))
            st = lex_number(&sc, &at);
        else if (is_ident_start(c))
            st = lex_name(&sc, &at);
        else
            st = lex_punct(&sc, &at, &depth, line0);
        if (st != EQ_OK)
            return st;
    }
    here(&sc, &at);
    if (lx->ntok > 0 && lx->tok[lx->ntok - 1].kind != EQI_TK_NL &&
        push(&sc, EQI_TK_NL, &at) == NULL)
        return eqi_diag_nomem(src);
    if (push(&sc, EQI_TK_EOF, &at) == NULL)
        return eqi_diag_nomem(src);
    return EQ_OK;
}

void eqi_lex_free(eqi_lexer *lx)
{
    free(lx->tok);
    free(lx->pool);
    for (int k = 0; k < lx->nctx; k++)
        free(lx->ctx[k]);
    free(lx->ctx);
    memset(lx, 0, sizeof *lx);
}
