/*
** family.c -- indexed families, "for" blocks and "types" lines of the
** .game language, expanded on the token array between lexing and parsing.
**
** The parser never sees a template: this pass copies each one once per
** index value, so that
**
**     node offer[x in 0..2]: A chooses
**       high -> reply[x, 1]
**
** reaches the parser as three nodes named "offer[0]" .. "offer[2]" (one
** IDENT token each), whose copied tokens carry their instance in
** eqi_loc.ctx.  Inside a copy:
**   - an index name stands for its value (a NUMBER token);
**   - NAME[e1, e2, ...], where NAME is a family (declared anywhere in the
**     file), becomes the single name "NAME[v1,v2,...]": each ei is an
**     integer expression over numbers and the indices in scope, with
**     + - * / and parentheses;
**   - "{e}" inside a string is replaced by the value of e (same rules).
**
** A template runs from its declaration to the line before the next
** declaration (a line starting with a reserved declaration word, "for",
** "types", "start", "equilibrium", "class", "given", "claim" or '}').
** Range bounds are integer expressions over numbers and enclosing
** indices: parameters are not known before the model is parsed, so a
** number of periods T is a constant written in the file.
**
** "types NAME ~ DIST(args) on N points" lines, and the chance nodes that
** draw from them, are expanded by family_types.c, through family.h.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _DEFAULT_SOURCE             /* madvise, MADV_HUGEPAGE */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "family.h"

/* Kept out of line: the rare paths of emit, which runs for every token. */
#if defined(__GNUC__)
#define FX_NOINLINE __attribute__((noinline))
#else
#define FX_NOINLINE
#endif

/* The most members one family, or one "for" block, may have. */
#define FAMILY_MAX 1000000

/* A parse error at `at`, in the family's context (the template and the
** indices being expanded) unless the place has its own. */
static eq_status vfail(xp *x, const eqi_loc *at, const char *fmt, va_list ap)
{
    eqi_loc l = *at;
    if (x->ctx != NULL && l.ctx == NULL)
        l.ctx = x->ctx;
    return eqi_diag_vat(x->src, EQ_ERR_PARSE, &l, fmt, ap);
}

static eq_status fail(xp *x, const eqi_loc *at, const char *fmt, ...) EQI_PRINTF(3, 4);
static eq_status fail(xp *x, const eqi_loc *at, const char *fmt, ...)
{
    va_list ap;
    eq_status s;
    va_start(ap, fmt);
    s = vfail(x, at, fmt, ap);
    va_end(ap);
    return s;
}

static eq_status xnomem(xp *x) { return eqi_diag_nomem(x->src); }


/* ------------------------------------------------------------------ */
/* Output                                                               */
/* ------------------------------------------------------------------ */

static int is_arith(eqi_tk k)
{
    return k == EQI_TK_PLUS || k == EQI_TK_MINUS || k == EQI_TK_STAR || k == EQI_TK_SLASH;
}

/* eqi_fold_exact with its common case inline: integers below 2^53 (x + z
** of a template), whose sum, difference or product below 2^53 is exact in
** doubles -- the same test as eqi_fold_exact's first, without a call and
** floor() for each of the ~2 million sums of a million-node template. */
static inline int fold_ok(int op, double a, double b, double r)
{
    if (op != EQI_OP_DIV && fabs(a) < 0x1p53 && fabs(b) < 0x1p53 && fabs(r) < 0x1p53 &&
        a == (double)(long long)a && b == (double)(long long)b)
        return 1;
    return eqi_fold_exact(op, a, b, r);
}

/* Before a ',' or ')': when the tokens since the '(' or ',' of a
** parenthesised list are only numbers and + - * / (NUM op NUM ...), as
** after the indices of "(x + z, y - z)" became numbers, replace them by
** their value, computed as the evaluator would (products, then sums, left
** to right, in doubles), so the value is the same -- only when each step
** is exact in the numbers' shortest decimals (eqi_fold_exact: 1 / 3 stays
** a division, which breakpoints verify as 1/3).  A division by zero or
** a value that is not finite is left for the evaluator to report.  Fewer
** tokens and expression nodes: a third less memory for such a tree. */
static FX_NOINLINE void fold_tail(xp *x)
{
    int e = x->nout, b = e, k;
    double total = 0, prod;
    eqi_tk pend = EQI_TK_PLUS;
    int first = 1;

    /* The run NUM (op NUM)* that ends the output, read backwards in one
    ** pass; it must be the whole run of numbers and operators there (a
    ** token of either before it -- "- 5 + 3", "2 3 + 4" -- folds nothing). */
    if (x->out[e - 1].kind != EQI_TK_NUMBER)
        return;
    b = e - 1;
    while (b >= 2 && is_arith(x->out[b - 1].kind) && x->out[b - 2].kind == EQI_TK_NUMBER)
        b -= 2;
    if (e - b < 3 || b == 0 || x->out[b - 1].kind == EQI_TK_NUMBER || is_arith(x->out[b - 1].kind))
        return;
    k = b - 1;
    if (x->out[k].kind == EQI_TK_COMMA) {
        int depth = 0;
        for (k--; k >= 0; k--) {
            eqi_tk t = x->out[k].kind;
            if (t == EQI_TK_NL || t == EQI_TK_COLON)
                return;
            if (t == EQI_TK_RPAREN || t == EQI_TK_RBRACK || t == EQI_TK_RBRACE)
                depth++;
            else if (t == EQI_TK_LPAREN || t == EQI_TK_LBRACK || t == EQI_TK_LBRACE) {
                if (depth == 0)
                    break;
                depth--;
            }
        }
        if (k < 0)
            return;
    }
    if (x->out[k].kind != EQI_TK_LPAREN)
        return;
    prod = x->out[b].num;
    for (k = b + 1; k < e; k += 2) {
        eqi_tk op = x->out[k].kind;
        double v = x->out[k + 1].num;
        if (op == EQI_TK_STAR || op == EQI_TK_SLASH) {
            double w = op == EQI_TK_STAR ? prod * v : prod / v;
            if ((op == EQI_TK_SLASH && v == 0) ||
                !fold_ok(op == EQI_TK_STAR ? EQI_OP_MUL : EQI_OP_DIV, prod, v, w))
                return;
            prod = w;
        } else {
            double w = first ? prod : pend == EQI_TK_PLUS ? total + prod : total - prod;
            if (!first && !fold_ok(pend == EQI_TK_PLUS ? EQI_OP_ADD : EQI_OP_SUB,
                                   total, prod, w))
                return;
            total = w;
            first = 0;
            pend = op;
            prod = v;
        }
    }
    if (!first && !fold_ok(pend == EQI_TK_PLUS ? EQI_OP_ADD : EQI_OP_SUB, total, prod,
                           pend == EQI_TK_PLUS ? total + prod : total - prod))
        return;
    total = first ? prod : pend == EQI_TK_PLUS ? total + prod : total - prod;
    if (!isfinite(total))
        return;
    /* NUM or "- NUM" (a unary minus gives the same double) in place. */
    x->nout = b;
    if (signbit(total)) {
        x->out[x->nout + 1] = x->out[b];
        x->out[x->nout].kind = EQI_TK_MINUS;
        x->out[x->nout].tlen = 0;
        x->out[x->nout++].text = 0;     /* punctuation has no text */
    }
    x->out[x->nout].kind = EQI_TK_NUMBER;
    x->out[x->nout].tlen = 0;
    x->out[x->nout++].num = fabs(total);
}

/* Room for one more output token.  A large model's output is the biggest
** buffer of the whole read (a million-node family model expands to ~8
** million tokens, 256 MB), and its first touch was half the read's page
** faults.  On Linux with glibc's allocator (the library's default), a
** block that large is a mapping of its own, moved by mremap as it grows:
** the whole mapping is marked for transparent huge pages, which, where
** the system grants them on request (transparent_hugepage "madvise" or
** "always"), take its faults from one per 4 KB to one per 2 MB.  Only a
** hint: refused, it changes nothing.  (Marking only the 2 MB-aligned
** inside would split the mapping, and realloc would then copy the block
** instead of moving it.)  -DEQI_NO_HUGEPAGE leaves it out. */
static FX_NOINLINE int grow_out(xp *x)
{
    if ((size_t)x->nout >= EQI_EXPAND_MAX_TOKENS ||
        eqi_grow(&x->out, &x->capout, (size_t)x->nout + 1, sizeof *x->out) != 0)
        return -1;
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE) && \
    !defined(EQI_NO_HUGEPAGE)
    /* Above glibc's largest mmap threshold (32 MB), so a mapping. */
    if (x->capout * sizeof *x->out >= ((size_t)64 << 20) && eqi_alloc_is_libc()) {
        const uintptr_t page = 4096;
        uintptr_t a = (uintptr_t)x->out & ~(page - 1);
        uintptr_t e = ((uintptr_t)x->out + x->capout * sizeof *x->out + page - 1) & ~(page - 1);
        (void)madvise((void *)a, (size_t)(e - a), MADV_HUGEPAGE);
    }
#endif
    return 0;
}

/* emit runs for every output token: the folding and the growing stay out
** of line, so the common case saves no registers. */
static inline eqi_tok *emit(xp *x, const eqi_tok *t)
{
    eqi_tok *o;
    if ((t->kind == EQI_TK_COMMA || t->kind == EQI_TK_RPAREN) && x->nout >= 4)
        fold_tail(x);
    if (((size_t)x->nout >= x->capout || (size_t)x->nout >= EQI_EXPAND_MAX_TOKENS) &&
        grow_out(x) != 0)
        return NULL;
    o = &x->out[x->nout++];
    *o = *t;
    if (x->ctx != NULL)
        o->at.ctx = x->ctx;
    return o;
}

static eq_status emit_kind(xp *x, eqi_tk kind, const eqi_loc *at)
{
    eqi_tok t;
    memset(&t, 0, sizeof t);
    t.kind = kind;
    t.at = *at;
    return emit(x, &t) == NULL ? xnomem(x) : EQ_OK;
}

static eq_status emit_num(xp *x, double v, const eqi_loc *at);

/* A negative number: a sign is an operator, (-v). */
static FX_NOINLINE eq_status emit_neg_num(xp *x, double v, const eqi_loc *at)
{
    eq_status s;
    if ((s = emit_kind(x, EQI_TK_LPAREN, at)) != EQ_OK ||
        (s = emit_kind(x, EQI_TK_MINUS, at)) != EQ_OK ||
        (s = emit_num(x, -v, at)) != EQ_OK)
        return s;
    return emit_kind(x, EQI_TK_RPAREN, at);
}

/* Inline: every index of a template copy becomes one.  Every field of
** the token is set (the value fills the union; the record has no
** padding). */
static inline eq_status emit_num(xp *x, double v, const eqi_loc *at)
{
    eqi_tok t;
    if (v < 0)
        return emit_neg_num(x, v, at);
    t.kind = EQI_TK_NUMBER;
    t.tlen = 0;
    t.at = *at;
    t.num = v;
    return emit(x, &t) == NULL ? xnomem(x) : EQ_OK;
}

/* A token of kind IDENT or STRING with text s (n bytes) put in the pool. */
static eq_status emit_text(xp *x, eqi_tk kind, const char *s, size_t n, const eqi_loc *at,
                           eqi_tok **out)
{
    eqi_lexer *lx = x->lx;
    eqi_tok t;
    size_t off;
    if (n >= EQI_TOKEN_MAX)
        return fail(x, at, "name or string too long (at most %d bytes)", EQI_TOKEN_MAX - 1);
    if (n > SIZE_MAX / 2 || eqi_grow(&lx->pool, &lx->cappool, lx->npool + n + 1, 1) != 0)
        return xnomem(x);
    off = lx->npool;
    memcpy(lx->pool + off, s, n);
    lx->pool[off + n] = '\0';
    lx->npool += n + 1;
    memset(&t, 0, sizeof t);
    t.kind = kind;
    t.at = *at;
    t.text = off;
    t.tlen = (uint32_t)n;
    if ((*out = emit(x, &t)) == NULL)
        return xnomem(x);
    return EQ_OK;
}

/* Write v in decimal at buf (at least 24 bytes); returns the length.
** (snprintf dominated the expansion's profile.) */
static size_t fmt_long(char *buf, long v)
{
    char tmp[24];
    size_t n = 0, k = 0;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u > 0);
    if (v < 0)
        buf[k++] = '-';
    while (n > 0)
        buf[k++] = tmp[--n];
    buf[k] = '\0';
    return k;
}

/* A new context "outer, inner" (or "inner"), owned by the lexer. */
static eq_status push_ctx(xp *x, const char *inner, const char **old)
{
    eqi_lexer *lx = x->lx;
    size_t n = strlen(inner) + (x->ctx != NULL ? strlen(x->ctx) + 2 : 0) + 1;
    char *c;
    if (eqi_grow(&lx->ctx, &lx->capctx, (size_t)lx->nctx + 1, sizeof *lx->ctx) != 0 ||
        (c = malloc(n)) == NULL)
        return xnomem(x);
    if (x->ctx != NULL)
        snprintf(c, n, "%s, %s", x->ctx, inner);
    else
        memcpy(c, inner, n);
    lx->ctx[lx->nctx++] = c;
    *old = x->ctx;
    x->ctx = c;
    return EQ_OK;
}

/* ------------------------------------------------------------------ */
/* Index expressions                                                    */
/* ------------------------------------------------------------------ */

static eq_status ix_sum(xp *x, int *i, int end, double *v, int depth);

static eq_status ix_atom(xp *x, int *i, int end, double *v, int depth)
{
    const eqi_tok *t;
    eq_status s;
    if (*i >= end)
        return fail(x, &x->in[end < x->nin ? end : x->nin - 1].at,
                    "expected an index expression");
    t = &x->in[*i];
    if (depth > 100)
        return fail(x, &t->at, "index expression nested too deeply");
    switch (t->kind) {
    case EQI_TK_NUMBER:
        *v = t->num;
        (*i)++;
        return EQ_OK;
    case EQI_TK_IDENT: {
        const bind *b = find_bind(x, ttext(x, t));
        if (b == NULL)
            return fail(x, &t->at, "unknown index '%s' (an index expression uses numbers and "
                                   "the indices in scope)", ttext(x, t));
        *v = (double)b->v;
        (*i)++;
        return EQ_OK;
    }
    case EQI_TK_LPAREN:
        (*i)++;
        if ((s = ix_sum(x, i, end, v, depth + 1)) != EQ_OK)
            return s;
        if (*i >= end || x->in[*i].kind != EQI_TK_RPAREN)
            return fail(x, &x->in[*i < x->nin ? *i : x->nin - 1].at, "expected ')'");
        (*i)++;
        return EQ_OK;
    case EQI_TK_MINUS:
    case EQI_TK_PLUS:
        (*i)++;
        if ((s = ix_atom(x, i, end, v, depth + 1)) != EQ_OK)
            return s;
        if (t->kind == EQI_TK_MINUS)
            *v = -*v;
        return EQ_OK;
    default: {
        char buf[64];
        return fail(x, &t->at, "expected an index expression, found %s",
                    eqi_tok_describe(x->lx, t, buf, sizeof buf));
    }
    }
}

static eq_status ix_prod(xp *x, int *i, int end, double *v, int depth)
{
    eq_status s;
    if ((s = ix_atom(x, i, end, v, depth)) != EQ_OK)
        return s;
    while (*i < end && (x->in[*i].kind == EQI_TK_STAR || x->in[*i].kind == EQI_TK_SLASH)) {
        const eqi_tok *op = &x->in[(*i)++];
        double w;
        if ((s = ix_atom(x, i, end, &w, depth)) != EQ_OK)
            return s;
        if (op->kind == EQI_TK_STAR) {
            *v *= w;
        } else {
            if (w == 0)
                return fail(x, &op->at, "division by zero in an index expression");
            *v /= w;
        }
    }
    return EQ_OK;
}

static eq_status ix_sum(xp *x, int *i, int end, double *v, int depth)
{
    eq_status s;
    if ((s = ix_prod(x, i, end, v, depth)) != EQ_OK)
        return s;
    while (*i < end && (x->in[*i].kind == EQI_TK_PLUS || x->in[*i].kind == EQI_TK_MINUS)) {
        int plus = x->in[(*i)++].kind == EQI_TK_PLUS;
        double w;
        if ((s = ix_prod(x, i, end, &w, depth)) != EQ_OK)
            return s;
        *v = plus ? *v + w : *v - w;
    }
    return EQ_OK;
}

/* An integer index expression starting at *i (before end). */
static eq_status ix_int(xp *x, int *i, int end, long *out)
{
    const eqi_loc *at = &x->in[*i < x->nin ? *i : x->nin - 1].at;
    double v;
    eq_status s;
    if ((s = ix_sum(x, i, end, &v, 0)) != EQ_OK)
        return s;
    if (!(fabs(v) <= 1e9) || v != floor(v)) {
        char buf[32];
        eqi_format_double(v, buf, sizeof buf);
        return fail(x, at, "index expression is %s, not an integer of at most 1e9", buf);
    }
    *out = (long)v;
    return EQ_OK;
}

/* ------------------------------------------------------------------ */
/* Lines                                                                */
/* ------------------------------------------------------------------ */


static int is_for(const xp *x, int i)
{
    return is_word(x, i, "for") && i + 2 < x->nin && x->in[i + 1].kind == EQI_TK_IDENT &&
           is_word(x, i + 2, "in");
}

static int is_types(const xp *x, int i)
{
    return is_word(x, i, "types") && i + 2 < x->nin && x->in[i + 1].kind == EQI_TK_IDENT &&
           x->in[i + 2].kind == EQI_TK_TILDE;
}

/* Whether a declaration (not a line of a node or stage) starts at i. */
static int is_decl_start(const xp *x, int i)
{
    if (i >= x->nin)
        return 1;
    switch (x->in[i].kind) {
    case EQI_TK_EOF: case EQI_TK_GAME: case EQI_TK_PLAYERS: case EQI_TK_PARAM:
    case EQI_TK_LET: case EQI_TK_NODE: case EQI_TK_STAGE: case EQI_TK_INFOSET:
    case EQI_TK_RBRACE:
        return 1;
    default:
        break;
    }
    if (is_for(x, i) || is_types(x, i))
        return 1;
    if (is_word(x, i, "start"))
        return i + 2 < x->nin && (x->in[i + 1].kind == EQI_TK_IDENT ||
                                  x->in[i + 1].kind == EQI_TK_STRING) &&
               x->in[i + 2].kind == EQI_TK_NL;
    if (is_word(x, i, "equilibrium"))
        return i + 1 < x->nin && x->in[i + 1].kind == EQI_TK_IDENT;
    if (is_word(x, i, "set") || is_word(x, i, "default"))     /* include.c */
        return i + 2 < x->nin && x->in[i + 1].kind == EQI_TK_IDENT &&
               x->in[i + 2].kind == EQI_TK_ASSIGN;
    if (is_word(x, i, "class") || is_word(x, i, "given") || is_word(x, i, "claim"))
        return i + 2 < x->nin && x->in[i + 1].kind == EQI_TK_IDENT &&
               (x->in[i + 2].kind == EQI_TK_ASSIGN || x->in[i + 2].kind == EQI_TK_STRING);
    return 0;
}

static int is_decl_kw(eqi_tk k)
{
    return k == EQI_TK_NODE || k == EQI_TK_STAGE || k == EQI_TK_LET || k == EQI_TK_PARAM ||
           k == EQI_TK_INFOSET;
}

/* Whether a family declaration "KEYWORD NAME [ IDENT in" starts at i. */
static int is_family_decl(const xp *x, int i)
{
    eqi_tk k;
    if (i + 4 >= x->nin)
        return 0;
    k = x->in[i].kind;
    return (k == EQI_TK_NODE || k == EQI_TK_STAGE || k == EQI_TK_LET || k == EQI_TK_PARAM ||
            k == EQI_TK_INFOSET) &&
           x->in[i + 1].kind == EQI_TK_IDENT && x->in[i + 2].kind == EQI_TK_LBRACK &&
           x->in[i + 3].kind == EQI_TK_IDENT && is_word(x, i + 4, "in");
}

static eq_status copy_range(xp *x, int a, int b);
static eq_status expand_lines(xp *x, int a, int b);

/* The '}' closing the block whose '{' is at j, or end. */
static int block_close(const xp *x, int j, int end)
{
    int depth = 0;
    for (; j < end; j++) {
        if (x->in[j].kind == EQI_TK_LBRACE)
            depth++;
        else if (x->in[j].kind == EQI_TK_RBRACE && --depth == 0)
            return j;
    }
    return end;
}

/* Whether the "for" line at i opens a block of lines of the node above (its
** actions, moves or rows) rather than of declarations: its first line does
** not start a declaration. */
static int is_inner_for(const xp *x, int i, int end)
{
    int j = line_end(x, i, end);
    return j > i && x->in[j - 1].kind == EQI_TK_LBRACE && j + 1 < end &&
           !is_decl_start(x, j + 1);
}

/* The end of the template that starts at line i: the start of the next
** declaration line, or end.  A "for" block of the template's own lines
** stays inside it. */
static int template_end(const xp *x, int i, int end)
{
    i = line_end(x, i, end);
    while (i < end) {
        i++;                            /* past the NL */
        if (i < end && is_for(x, i) && is_inner_for(x, i, end)) {
            int j = line_end(x, i, end) - 1;
            i = block_close(x, j, end);
            if (i >= end)
                return end;
            i = line_end(x, i, end);
            continue;
        }
        if (i >= end || is_decl_start(x, i))
            return i;
        i = line_end(x, i, end);
    }
    return end;
}

/* A template's tokens [a, b): its first line copied, the lines after it
** expanded (they may hold "for" blocks of actions). */
static eq_status copy_template(xp *x, int a, int b)
{
    int e = line_end(x, a, b);
    eq_status s;
    if (e < b)
        e++;
    if ((s = copy_range(x, a, e)) != EQ_OK)
        return s;
    return e < b ? expand_lines(x, e, b) : EQ_OK;
}

/* ------------------------------------------------------------------ */
/* Copying                                                              */
/* ------------------------------------------------------------------ */


/* NAME[e1, ...] at i (NAME a family): one name token; *i moves past ']'. */
static eq_status fuse_ref(xp *x, int *i, int end, int declare)
{
    const eqi_tok *nt = &x->in[*i];
    eqi_sbuf sb = { 0 };
    eqi_tok *o;
    eq_status s = EQ_OK;
    int first = 1;

    eqi_sb_cat(&sb, ttext(x, nt));
    eqi_sb_put(&sb, "[", 1);
    *i += 2;
    for (;;) {
        long v;
        char num[32];
        if ((s = ix_int(x, i, end, &v)) != EQ_OK)
            goto done;
        if (!first)
            eqi_sb_put(&sb, ",", 1);
        eqi_sb_put(&sb, num, fmt_long(num, v));
        first = 0;
        if (*i < end && x->in[*i].kind == EQI_TK_COMMA) {
            (*i)++;
            continue;
        }
        if (*i < end && x->in[*i].kind == EQI_TK_RBRACK) {
            (*i)++;
            break;
        }
        s = fail(x, &x->in[*i < x->nin ? *i : x->nin - 1].at,
                 "expected ',' or ']' in the index of '%s'", ttext(x, nt));
        goto done;
    }
    eqi_sb_put(&sb, "]", 1);
    if (sb.fail) {
        s = xnomem(x);
        goto done;
    }
    {
        int f = find_fam(x, ttext(x, nt)), nd = 1;
        for (size_t c = 0; c < sb.n; c++)
            nd += sb.s[c] == ',';
        if (x->fam[f].ndim >= 0 && x->fam[f].ndim != nd) {
            s = fail(x, &nt->at, "family '%s' has %d ind%s, not %d", ttext(x, nt),
                     x->fam[f].ndim, x->fam[f].ndim == 1 ? "ex" : "ices", nd);
            goto done;
        }
    }
    if ((s = emit_text(x, EQI_TK_IDENT, sb.s, sb.n, &nt->at, &o)) != EQ_OK)
        goto done;
    if (declare) {
        if (eqi_grow(&x->decl, &x->capdecl, (size_t)x->ndecl + 1, sizeof *x->decl) != 0)
            s = xnomem(x);
        else
            x->decl[x->ndecl++] = x->nout - 1;
    } else {
        if (eqi_grow(&x->ref, &x->capref, (size_t)x->nref + 1, sizeof *x->ref) != 0)
            s = xnomem(x);
        else
            x->ref[x->nref++] = x->nout - 1;
    }
done:
    free(sb.s);
    return s;
}

/* Word number v (from 0) of the comma-separated list w[0..n), blanks
** around each word dropped, appended to sb; -1 when there is no such word. */
static int put_word(eqi_sbuf *sb, const char *w, size_t n, long v)
{
    long k = 0;
    size_t i = 0;
    for (;;) {
        size_t j = i;
        while (j < n && w[j] != ',')
            j++;
        if (k == v) {
            size_t a, b;
            for (a = i; a < j && (w[a] == ' ' || w[a] == '\t'); a++)
                ;
            for (b = j; b > a && (w[b - 1] == ' ' || w[b - 1] == '\t'); b--)
                ;
            eqi_sb_put(sb, w + a, b - a);
            return 0;
        }
        if (j >= n)
            return -1;
        i = j + 1;
        k++;
    }
}

/* The value of the integer expression text[0..len) over the indices in
** scope: *v, or a parse error (nothing reported). */
static eq_status eval_text(xp *x, const char *text, size_t len, long *v)
{
    eqi_src sub = *x->src;
    eqi_lexer lx2;
    xp y;
    int i = 0;
    eq_status st;
    char name[64];

    /* The common case, "{x}" with x an index: no lexing. */
    if (len > 0 && len < sizeof name) {
        const bind *bd;
        memcpy(name, text, len);
        name[len] = '\0';
        if (eqi_is_plain_name(name) && (bd = find_bind(x, name)) != NULL) {
            *v = bd->v;
            return EQ_OK;
        }
    }
    memset(&lx2, 0, sizeof lx2);
    sub.text = text;
    sub.len = len;
    sub.diag = NULL;
    st = eqi_lex(&lx2, &sub);
    if (st != EQ_OK || lx2.ntok < 2) {
        eqi_lex_free(&lx2);
        return st == EQ_ERR_NOMEM ? st : EQ_ERR_PARSE;
    }
    /* Evaluate with the names of lx2 against this environment. */
    y = *x;
    y.lx = &lx2;
    y.in = lx2.tok;
    y.nlnext = NULL;
    y.nin = lx2.ntok;
    y.nenv = 0;
    for (int e = 0; e < x->nenv; e++) {
        size_t off;
        const char *nm = tx(x, x->env[e].name);
        size_t n = strlen(nm);
        if (eqi_grow(&lx2.pool, &lx2.cappool, lx2.npool + n + 1, 1) != 0) {
            eqi_lex_free(&lx2);
            return EQ_ERR_NOMEM;
        }
        off = lx2.npool;
        memcpy(lx2.pool + off, nm, n + 1);
        lx2.npool += n + 1;
        y.env[y.nenv].name = off;
        y.env[y.nenv++].v = x->env[e].v;
    }
    y.src = &sub;
    st = ix_int(&y, &i, lx2.ntok - 2 + 1, v);
    if (st == EQ_OK && lx2.tok[i].kind != EQI_TK_NL)
        st = EQ_ERR_PARSE;
    eqi_lex_free(&lx2);
    return st;
}

/* The common string of a template, "c{z}": short, each "{...}" an index
** name as it is.  Its copy is made in buf (FAST_STRING bytes) and 1
** returned; 0 for anything else (copy_string's general way, which gives
** the same text: eval_text's first case is this one). */
#define FAST_STRING 160
static int fast_string(const xp *x, const char *s, size_t len, char *buf, size_t *n)
{
    size_t k = 0, m = 0;
    if (len >= FAST_STRING / 2)
        return 0;
    while (k < len) {
        const char *close;
        const bind *bd = NULL;
        size_t nl;
        if (s[k] != '{') {
            buf[m++] = s[k++];
            continue;
        }
        if ((close = memchr(s + k, '}', len - k)) == NULL)
            return 0;
        nl = (size_t)(close - (s + k + 1));
        for (int e = x->nenv - 1; e >= 0; e--) {
            const char *nm = tx(x, x->env[e].name);
            if (nl > 0 && nm[0] == s[k + 1] && strncmp(nm, s + k + 1, nl) == 0 && nm[nl] == '\0') {
                bd = &x->env[e];
                break;
            }
        }
        if (bd == NULL || m + 24 >= FAST_STRING)
            return 0;
        m += fmt_long(buf + m, bd->v);
        k = (size_t)(close - s) + 1;
    }
    *n = m;
    return 1;
}

/* A string with "{e}" replaced by the value of e, and "{e: w0, w1, ...}"
** by word number e (from 0) of the list. */
static eq_status copy_string(xp *x, const eqi_tok *t)
{
    const char *s = ttext(x, t);
    eqi_sbuf *sb = &x->sb;
    eqi_tok *o;
    eq_status st = EQ_OK;
    char fast[FAST_STRING];
    size_t nfast;

    if (memchr(s, '{', t->tlen) == NULL || x->nenv == 0)
        return emit(x, t) == NULL ? xnomem(x) : EQ_OK;
    if (fast_string(x, s, t->tlen, fast, &nfast))
        return emit_text(x, EQI_TK_STRING, fast, nfast, &t->at, &o);
    sb->n = 0;
    sb->fail = 0;
    for (size_t k = 0; k < t->tlen;) {
        const char *close, *colon;
        size_t len;
        long v;
        if (s[k] != '{' || (close = memchr(s + k, '}', t->tlen - k)) == NULL) {
            /* The text up to the next '{' as is. */
            const char *open = memchr(s + k + 1, '{', t->tlen - k - 1);
            size_t run = open != NULL ? (size_t)(open - (s + k)) : t->tlen - k;
            eqi_sb_put(sb, s + k, run);
            k += run;
            continue;
        }
        len = (size_t)(close - (s + k + 1));
        colon = memchr(s + k + 1, ':', len);
        st = eval_text(x, s + k + 1, colon != NULL ? (size_t)(colon - (s + k + 1)) : len, &v);
        if (st == EQ_ERR_NOMEM) {
            st = xnomem(x);
            break;
        }
        if (st != EQ_OK) {
            st = fail(x, &t->at, "malformed '{...}' in a string inside a template "
                                 "(expected an integer expression over the indices)");
            break;
        }
        if (colon == NULL) {
            char num[32];
            eqi_sb_put(sb, num, fmt_long(num, v));
        } else if (put_word(sb, colon + 1, (size_t)(close - colon - 1), v) != 0) {
            st = fail(x, &t->at, "'{...: ...}' in a string inside a template: the list "
                                 "has no word number %ld (words count from 0)", v);
            break;
        }
        k = (size_t)(close - s) + 1;
    }
    if (st == EQ_OK && sb->fail)
        st = xnomem(x);
    if (st == EQ_OK)
        st = emit_text(x, EQI_TK_STRING, sb->s != NULL ? sb->s : "", sb->n, &t->at, &o);
    return st;
}


/* Copy tokens [a, b): indices become numbers, references to members one
** name, strings interpolated, "chance TYPES -> TARGET" expanded. */
static eq_status copy_range(xp *x, int a, int b)
{
    eq_status s;
    for (int i = a; i < b;) {
        const eqi_tok *t = &x->in[i];
        if (t->kind == EQI_TK_IDENT) {
            const char *nm = ttext(x, t);
            const bind *bd;
            if (i + 1 < b && x->in[i + 1].kind == EQI_TK_LBRACK && find_fam(x, nm) >= 0) {
                if ((s = fuse_ref(x, &i, b, i > 0 && is_decl_kw(x->in[i - 1].kind))) != EQ_OK)
                    return s;
                continue;
            }
            if ((bd = find_bind(x, nm)) != NULL) {
                if ((s = emit_num(x, (double)bd->v, &t->at)) != EQ_OK)
                    return s;
                i++;
                continue;
            }
        } else if (t->kind == EQI_TK_STRING) {
            if ((s = copy_string(x, t)) != EQ_OK)
                return s;
            i++;
            continue;
        } else if (t->kind == EQI_TK_CHANCE && i + 2 < b &&
                   x->in[i + 1].kind == EQI_TK_IDENT &&
                   find_typ(x, ttext(x, &x->in[i + 1])) >= 0 &&
                   x->in[i + 2].kind == EQI_TK_ARROW) {
            if ((s = eqi_fx_expand_chance(x, &i, b)) != EQ_OK)
                return s;
            continue;
        }
        if (emit(x, t) == NULL)
            return xnomem(x);
        i++;
    }
    return EQ_OK;
}

/* The entry points of family_types.c into this file's static helpers
** (static here: emit and copy_range run for every token a template
** copies). */
eq_status eqi_fx_fail(xp *x, const eqi_loc *at, const char *fmt, ...)
{
    va_list ap;
    eq_status s;
    va_start(ap, fmt);
    s = vfail(x, at, fmt, ap);
    va_end(ap);
    return s;
}

eq_status eqi_fx_nomem(xp *x) { return xnomem(x); }
eq_status eqi_fx_emit_kind(xp *x, eqi_tk kind, const eqi_loc *at) { return emit_kind(x, kind, at); }
eq_status eqi_fx_emit_num(xp *x, double v, const eqi_loc *at) { return emit_num(x, v, at); }
eq_status eqi_fx_copy_range(xp *x, int a, int b) { return copy_range(x, a, b); }

eq_status eqi_fx_emit_text(xp *x, eqi_tk kind, const char *s, size_t n, const eqi_loc *at,
                           eqi_tok **out)
{
    return emit_text(x, kind, s, n, at, out);
}

eq_status eqi_fx_ix_sum(xp *x, int *i, int end, double *v, int depth)
{
    return ix_sum(x, i, end, v, depth);
}

/* ------------------------------------------------------------------ */
/* Declarations                                                         */
/* ------------------------------------------------------------------ */

/* "v in E1..E2" at *i: the name and the range; *i moves past it. */
static eq_status range(xp *x, int *i, int end, size_t *name, long *lo, long *hi)
{
    const eqi_tok *vt = &x->in[*i];
    eq_status s;
    if (vt->kind != EQI_TK_IDENT)
        return fail(x, &vt->at, "expected an index name");
    *name = vt->text;
    *i += 2;                            /* name, "in" */
    if ((s = ix_int(x, i, end, lo)) != EQ_OK)
        return s;
    if (*i >= end || x->in[*i].kind != EQI_TK_DOTDOT)
        return fail(x, &x->in[*i < x->nin ? *i : x->nin - 1].at,
                    "expected '..' in the range of '%s'", ttext(x, vt));
    (*i)++;
    if ((s = ix_int(x, i, end, hi)) != EQ_OK)
        return s;
    if (*hi < *lo)
        return fail(x, &vt->at, "empty range %ld..%ld for '%s'", *lo, *hi, ttext(x, vt));
    if (*hi - *lo + 1 > FAMILY_MAX)
        return fail(x, &vt->at,
                    "range %ld..%ld for '%s' is too large (%ld members; the limit "
                    "FAMILY_MAX is %d)", *lo, *hi, ttext(x, vt), *hi - *lo + 1, FAMILY_MAX);
    return EQ_OK;
}

/* for v in E1..E2 { NL body } */
static eq_status expand_for(xp *x, int *i, int end)
{
    const eqi_tok *ft = &x->in[*i];
    size_t name;
    long lo, hi;
    int j = *i + 1, body, close, depth = 0, inner = is_inner_for(x, *i, end);
    eq_status s;

    if ((s = range(x, &j, end, &name, &lo, &hi)) != EQ_OK)
        return s;
    if (j >= end || x->in[j].kind != EQI_TK_LBRACE || j + 1 >= end ||
        x->in[j + 1].kind != EQI_TK_NL)
        return fail(x, &x->in[j < x->nin ? j : x->nin - 1].at,
                    "expected '{' ending the line of 'for'");
    body = j + 2;
    for (close = j; close < end; close++) {
        if (x->in[close].kind == EQI_TK_LBRACE)
            depth++;
        else if (x->in[close].kind == EQI_TK_RBRACE && --depth == 0)
            break;
    }
    if (close >= end)
        return fail(x, &x->in[j].at, "'{' of 'for' is never closed");
    if (x->nenv >= (int)(sizeof x->env / sizeof x->env[0]) - DIM_MAX)
        return fail(x, &ft->at, "templates nested too deeply (at most %d)", DEPTH_MAX);
    for (long v = lo; v <= hi; v++) {
        char c[96];
        const char *old = x->ctx;
        /* A block of declarations names its copy ("t=3") in messages; a
        ** block of a node's lines keeps the node's context, which is
        ** cheaper (one context a member, not one a line). */
        if (!inner) {
            snprintf(c, sizeof c, "%s=%ld", tx(x, name), v);
            if ((s = push_ctx(x, c, &old)) != EQ_OK)
                return s;
        }
        x->env[x->nenv].name = name;
        x->env[x->nenv++].v = v;
        s = expand_lines(x, body, close);
        x->nenv--;
        x->ctx = old;
        if (s != EQ_OK)
            return s;
    }
    *i = close + 1;
    if (*i < end && x->in[*i].kind == EQI_TK_NL)
        (*i)++;
    return EQ_OK;
}

/* The template of a member of a parameter array, whose default is an
** index expression ("= 0.1 * t") or the element `pos` of a list
** ("= [0.1, 0.2, 0.5]"), folded to one number since a parameter's default
** is a number. */
static eq_status copy_param(xp *x, int tail, int tend, long pos)
{
    int as = tail, e, lend = line_end(x, tail, tend);
    eq_status s;

    while (as < lend && x->in[as].kind != EQI_TK_ASSIGN)
        as++;
    if (as >= lend)
        return copy_range(x, tail, tend);
    if ((s = copy_range(x, tail, as + 1)) != EQ_OK)
        return s;
    e = as + 1;
    if (e < lend && x->in[e].kind == EQI_TK_LBRACK) {
        int k = 0, a = e + 1, j;
        for (j = a; j < lend && x->in[j].kind != EQI_TK_RBRACK; j++) {
            if (x->in[j].kind != EQI_TK_COMMA)
                continue;
            if (k == pos)
                break;
            k++;
            a = j + 1;
        }
        if (j >= lend && x->in[j < x->nin ? j : x->nin - 1].kind != EQI_TK_RBRACK)
            return fail(x, &x->in[e].at, "'[' of the list of values is never closed");
        if (k != pos || a == j)
            return fail(x, &x->in[e].at, "the list has no value for this member "
                                         "(one value per member, in order)");
        if ((s = copy_range(x, a, j)) != EQ_OK)
            return s;
        while (j < lend && x->in[j].kind != EQI_TK_RBRACK)
            j++;
        e = j + 1;
    } else {
        double v;
        int j = e;
        const eqi_loc *at = &x->in[e < x->nin ? e : x->nin - 1].at;
        while (j < lend && !is_word(x, j, "in"))
            j++;
        if ((s = ix_sum(x, &e, j, &v, 0)) != EQ_OK)
            return s;
        if (e != j)
            return fail(x, &x->in[e].at, "expected 'in' after the default");
        if (!isfinite(v))
            return fail(x, at, "the default is not a finite number");
        if (v < 0 && (s = emit_kind(x, EQI_TK_MINUS, at)) != EQ_OK)
            return s;
        if ((s = emit_num(x, fabs(v), at)) != EQ_OK)
            return s;
    }
    return copy_template(x, e, tend);
}

/* The members of a family declaration at *i, one dimension at a time. */
static eq_status family_dim(xp *x, int kw, int d, int ndim, const int *dimat, int tail,
                            int tend)
{
    size_t name;
    long lo, hi;
    int j = dimat[d];
    eq_status s;

    if ((s = range(x, &j, tail, &name, &lo, &hi)) != EQ_OK)
        return s;
    for (long v = lo; v <= hi; v++) {
        x->env[x->nenv].name = name;
        x->env[x->nenv++].v = v;
        if (d + 1 < ndim) {
            s = family_dim(x, kw, d + 1, ndim, dimat, tail, tend);
        } else {
            /* keyword, then the member's name, then the template */
            const eqi_tok *nt = &x->in[kw + 1];
            eqi_sbuf sb = { 0 };
            const char *old;
            eqi_tok *o;
            eqi_sb_cat(&sb, ttext(x, nt));
            for (int e = 0; e < ndim; e++) {
                char num[32];
                eqi_sb_put(&sb, e ? "," : "[", 1);
                eqi_sb_put(&sb, num, fmt_long(num, x->env[x->nenv - ndim + e].v));
            }
            eqi_sb_put(&sb, "]", 1);
            if (sb.fail) {
                free(sb.s);
                return xnomem(x);
            }
            s = push_ctx(x, sb.s, &old);
            if (s == EQ_OK && (emit(x, &x->in[kw]) == NULL))
                s = xnomem(x);
            if (s == EQ_OK)
                s = emit_text(x, EQI_TK_IDENT, sb.s, sb.n, &nt->at, &o);
            free(sb.s);
            if (s == EQ_OK) {
                if (eqi_grow(&x->decl, &x->capdecl, (size_t)x->ndecl + 1, sizeof *x->decl) != 0)
                    s = xnomem(x);
                else
                    x->decl[x->ndecl++] = x->nout - 1;
            }
            if (s == EQ_OK)
                s = x->in[kw].kind == EQI_TK_PARAM && ndim == 1
                        ? copy_param(x, tail, tend, v - lo)
                        : copy_template(x, tail, tend);
            x->ctx = old;
        }
        x->nenv--;
        if (s != EQ_OK)
            return s;
    }
    return EQ_OK;
}

static eq_status expand_family(xp *x, int *i, int end)
{
    int kw = *i, j = *i + 3, ndim = 0, dimat[DIM_MAX], lend = line_end(x, *i, end);
    int tend = template_end(x, *i, end), depth = 0;
    eq_status s;

    /* Find the dimensions: IDENT in ... separated by ',' at depth 0. */
    dimat[ndim++] = j;
    for (; j < lend; j++) {
        eqi_tk k = x->in[j].kind;
        if (k == EQI_TK_LPAREN || k == EQI_TK_LBRACK)
            depth++;
        else if (k == EQI_TK_RPAREN)
            depth--;
        else if (k == EQI_TK_RBRACK && depth-- == 0)
            break;
        else if (k == EQI_TK_COMMA && depth == 0) {
            if (ndim >= DIM_MAX)
                return fail(x, &x->in[j].at, "a family has at most %d indices", DIM_MAX);
            if (!(j + 2 < lend && x->in[j + 1].kind == EQI_TK_IDENT && is_word(x, j + 2, "in")))
                return fail(x, &x->in[j].at, "expected 'NAME in FROM..TO' after ','");
            dimat[ndim++] = j + 1;
        }
    }
    if (j >= lend)
        return fail(x, &x->in[*i + 2].at, "'[' of the family '%s' is never closed",
                    ttext(x, &x->in[*i + 1]));
    for (int d = 1; d < ndim; d++)
        for (int e = 0; e < d; e++)
            if (strcmp(ttext(x, &x->in[dimat[d]]), ttext(x, &x->in[dimat[e]])) == 0)
                return fail(x, &x->in[dimat[d]].at, "index '%s' named twice",
                            ttext(x, &x->in[dimat[d]]));
    if (x->nenv + ndim >= (int)(sizeof x->env / sizeof x->env[0]))
        return fail(x, &x->in[kw].at, "templates nested too deeply");
    {
        int f = find_fam(x, ttext(x, &x->in[kw + 1]));
        /* The first pass registers the declarations that begin a line;
        ** one met after a '}' on the same line was not. */
        if (f < 0)
            return fail(x, &x->in[kw].at, "a declaration of the family '%s' must begin "
                        "a line", ttext(x, &x->in[kw + 1]));
        if (x->fam[f].ndim >= 0 && x->fam[f].ndim != ndim)
            return fail(x, &x->in[kw + 1].at, "family '%s' declared with %d and %d indices",
                        ttext(x, &x->in[kw + 1]), x->fam[f].ndim, ndim);
        x->fam[f].ndim = ndim;
    }
    /* The ranges are evaluated once per outer member, in family_dim; the
    ** template after ']' is what each member copies. */
    if ((s = family_dim(x, kw, 0, ndim, dimat, j + 1, tend)) != EQ_OK)
        return s;
    *i = tend;
    return EQ_OK;
}

/* Expand the lines [a, b). */
static eq_status expand_lines(xp *x, int a, int b)
{
    eq_status s;
    int i = a;
    while (i < b) {
        if (is_for(x, i)) {
            s = expand_for(x, &i, b);
        } else if (is_types(x, i)) {
            s = eqi_fx_expand_types(x, &i, b);
        } else if (is_family_decl(x, i)) {
            s = expand_family(x, &i, b);
        } else {
            int e = line_end(x, i, b);
            if (e < b)
                e++;                    /* with its NL */
            s = copy_range(x, i, e);
            i = e;
        }
        if (s != EQ_OK)
            return s;
    }
    return EQ_OK;
}

/* ------------------------------------------------------------------ */
/* The pass                                                             */
/* ------------------------------------------------------------------ */

/* The number of indices of the family declared at i ("KEYWORD NAME [
** a in .., b in ..]"), or -1 when not of that form. */
static int family_ndim(const xp *x, int i)
{
    int nd = 1, depth = 0;
    if (!is_family_decl(x, i))
        return -1;
    for (int j = i + 3; j < x->nin && x->in[j].kind != EQI_TK_NL; j++) {
        eqi_tk k = x->in[j].kind;
        if (k == EQI_TK_LPAREN || k == EQI_TK_LBRACK)
            depth++;
        else if (k == EQI_TK_RPAREN)
            depth--;
        else if (k == EQI_TK_RBRACK && depth-- == 0)
            return nd;
        else if (k == EQI_TK_COMMA && depth == 0)
            nd++;
    }
    return -1;
}

static eq_status prescan(xp *x)
{
    for (int i = 0; i < x->nin; i++) {
        int line_start = i == 0 || x->in[i - 1].kind == EQI_TK_NL ||
                         x->in[i - 1].kind == EQI_TK_LBRACE;
        if (!line_start)
            continue;
        if (is_for(x, i))
            x->hasfor = 1;
        if (is_family_decl(x, i) || is_types(x, i) ||
            (i + 2 < x->nin && is_decl_kw(x->in[i].kind) && x->in[i + 1].kind == EQI_TK_IDENT &&
             x->in[i + 2].kind == EQI_TK_LBRACK)) {
            const char *nm = ttext(x, &x->in[i + 1]);
            if (find_fam(x, nm) < 0) {
                if (eqi_grow(&x->fam, &x->capfam, (size_t)x->nfam + 1, sizeof *x->fam) != 0)
                    return xnomem(x);
                x->fam[x->nfam].name = x->in[i + 1].text;
                x->fam[x->nfam++].ndim = is_types(x, i) ? 1 : family_ndim(x, i);
            }
            if (is_types(x, i) && find_typ(x, nm) < 0) {
                if (eqi_grow(&x->typ, &x->captyp, (size_t)x->ntyp + 1, sizeof *x->typ) != 0)
                    return xnomem(x);
                memset(&x->typ[x->ntyp], 0, sizeof x->typ[0]);
                x->typ[x->ntyp++].name = x->in[i + 1].text;
            }
        }
    }
    return EQ_OK;
}

/* Every reference to a member names a declared member. */
static eq_status check_refs(xp *x)
{
    eqi_map m = { 0 };
    eq_status s = EQ_OK;
    for (int k = 0; k < x->ndecl; k++)
        if (eqi_map_put(&m, tx(x, x->out[x->decl[k]].text), 1) != 0 &&
            eqi_map_get(&m, tx(x, x->out[x->decl[k]].text)) < 0) {
            eqi_map_free(&m);
            return xnomem(x);
        }
    for (int k = 0; k < x->nref && s == EQ_OK; k++) {
        const eqi_tok *t = &x->out[x->ref[k]];
        const char *nm = tx(x, t->text);
        if (eqi_map_get(&m, nm) < 0) {
            eqi_loc at = t->at;
            x->ctx = NULL;
            s = fail(x, &at, "index out of range: '%s' is not a member of its family", nm);
        }
    }
    eqi_map_free(&m);
    return s;
}

eq_status eqi_expand(eqi_lexer *lx, const eqi_src *src)
{
    xp x;
    eq_status s;
    int any = 0;

    for (int i = 0; i < lx->ntok && !any; i++)
        if (lx->tok[i].kind == EQI_TK_IDENT &&
            (strcmp(eqi_tok_text(lx, &lx->tok[i]), "for") == 0 ||
             strcmp(eqi_tok_text(lx, &lx->tok[i]), "types") == 0 ||
             (i + 1 < lx->ntok && lx->tok[i + 1].kind == EQI_TK_LBRACK)))
            any = 1;
    if (!any)
        return EQ_OK;               /* nothing to expand: the usual case */
    memset(&x, 0, sizeof x);
    x.lx = lx;
    x.src = src;
    x.in = lx->tok;
    x.nin = lx->ntok;
    if ((x.nlnext = malloc((size_t)x.nin * sizeof *x.nlnext)) == NULL)
        return xnomem(&x);
    for (int k = x.nin - 1; k >= 0; k--)
        x.nlnext[k] = x.in[k].kind == EQI_TK_NL ? k : k + 1 < x.nin ? x.nlnext[k + 1] : x.nin;
    if ((s = prescan(&x)) == EQ_OK && (x.nfam > 0 || x.hasfor)) {
        /* The last token is EOF: copied after the lines. */
        s = expand_lines(&x, 0, x.nin - 1);
        if (s == EQ_OK && emit(&x, &x.in[x.nin - 1]) == NULL)
            s = xnomem(&x);
        if (s == EQ_OK)
            s = check_refs(&x);
        if (s == EQ_OK) {
            /* The slack of the doubling can be a third of the peak. */
            eqi_tok *fit = realloc(x.out, (size_t)x.nout * sizeof *x.out);
            if (fit == NULL) {
                s = xnomem(&x);
            } else {
                x.out = fit;
                x.capout = (size_t)x.nout;
                free(lx->tok);
                lx->tok = x.out;
                lx->ntok = x.nout;
                lx->cap = x.capout;
                x.out = NULL;
            }
        }
    }
    free(x.out);
    free(x.nlnext);
    free(x.sb.s);
    free(x.fam);
    free(x.typ);
    free(x.ref);
    free(x.refat);
    free(x.decl);
    return s;
}
