/*
** expr.c -- expressions of the .game model language: a recursive-descent
** compiler that emits postfix code as it parses, and its evaluator.
**
** The compiler emits code in one pass.  A bare name is not emitted at
** once: it stays "deferred" until its use is known, because in
** `timing == before` the name `before` is a choice of the enumerated
** parameter `timing`, not a value.  Constant operands are folded
** when the result is exact in their decimals (eqi_fold_exact).
** Conditionals (if-then-else, and, or) jump, so the branch not taken is
** not evaluated: `if x > 0 then 1 / x else 0` never divides by zero.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"

enum {
    EV_OK = 0,
    EV_DIV0,        /* x / 0 */
    EV_LOG,         /* log(x), x <= 0 */
    EV_SQRT,        /* sqrt(x), x < 0 */
    EV_POW,         /* x ^ y not a finite real number */
    EV_EXP,         /* exp(x) overflows */
    EV_OVERFLOW     /* + - * / overflow */
};

typedef struct comp {
    eqi_code *c;
    eqi_cursor *cur;
    eqi_resolve_fn resolve;
    void *ud;
    eqi_expr *e;
    int depth;          /* nesting, against EQI_EXPR_DEPTH */
    int sp, maxsp;      /* evaluation stack height as emitted */
    int barrier;        /* no folding across a jump target */
} comp;

/* A value being compiled: already emitted, or a bare name waiting. */
typedef struct val {
    int deferred;
    int tok;            /* the name's token when deferred */
} val;

static const eqi_tok *tok(const comp *cp) { return &cp->cur->lx->tok[cp->cur->i]; }
static const eqi_tok *tok_at(const comp *cp, int i) { return &cp->cur->lx->tok[i]; }

/* Move to the next token; EOF is sticky. */
static void adv(comp *cp)
{
    if (tok(cp)->kind != EQI_TK_EOF)
        cp->cur->i++;
}

static eq_status err_at(const comp *cp, const eqi_loc *at, const char *what)
{
    return eqi_diag_at(cp->cur->src, EQ_ERR_PARSE, at, "%s", what);
}

/* "expected WHAT, found TOKEN" at the current token. */
static eq_status expected(const comp *cp, const char *what)
{
    char b[64];
    const eqi_tok *t = tok(cp);
    return eqi_diag_at(cp->cur->src, EQ_ERR_PARSE, &t->at, "expected %s, found %s",
                       what, eqi_tok_describe(cp->cur->lx, t, b, sizeof b));
}

static const char *name_of(const comp *cp, int i)
{
    return eqi_tok_text(cp->cur->lx, tok_at(cp, i));
}

/* ---- emitting ------------------------------------------------------ */

static int stack_effect(int op)
{
    switch (op) {
    case EQI_OP_CONST: case EQI_OP_VAL:
        return 1;
    case EQI_OP_NEG: case EQI_OP_NOT: case EQI_OP_BOOL: case EQI_OP_ABS:
    case EQI_OP_EXP: case EQI_OP_LOG: case EQI_OP_SQRT: case EQI_OP_NORMCDF:
    case EQI_OP_INEXACT: case EQI_OP_JMP:
        return 0;
    default:
        return -1;      /* binary operators, JZ */
    }
}

static eq_status emit(comp *cp, int op, int arg, const eqi_loc *at)
{
    eqi_code *c = cp->c;
    if ((size_t)c->nins == c->capins) {
        /* ins and loc grow in step. */
        size_t n = eqi_grow_cap(c->capins, c->capins + 1);
        if (n == 0 || eqi_resize(&c->ins, n, sizeof *c->ins) != 0 ||
            eqi_resize(&c->loc, n, sizeof *c->loc) != 0)
            return eqi_diag_nomem(cp->cur->src);
        c->capins = n;
    }
    c->ins[c->nins].op = op;
    c->ins[c->nins].arg = arg;
    c->loc[c->nins] = *at;
    c->nins++;
    cp->sp += stack_effect(op);
    if (cp->sp > cp->maxsp)
        cp->maxsp = cp->sp;
    return EQ_OK;
}

static eq_status emit_const(comp *cp, double v, const eqi_loc *at)
{
    eqi_code *c = cp->c;
    if (eqi_grow(&c->k, &c->capk, (size_t)c->nk + 1, sizeof *c->k) != 0)
        return eqi_diag_nomem(cp->cur->src);
    c->k[c->nk] = v;
    return emit(cp, EQI_OP_CONST, c->nk++, at);
}

/* The arithmetic of one operator, shared by folding and evaluation.
** Returns EV_OK and *r, or an error code. */
static int apply2(int op, double a, double b, double *r)
{
    double x;
    switch (op) {
    case EQI_OP_ADD: x = a + b; break;
    case EQI_OP_SUB: x = a - b; break;
    case EQI_OP_MUL: x = a * b; break;
    case EQI_OP_DIV:
        if (b == 0.0)
            return EV_DIV0;
        x = a / b;
        break;
    case EQI_OP_POW:
        x = pow(a, b);
        if (!isfinite(x))
            return EV_POW;
        break;
    case EQI_OP_EQ: x = a == b; break;
    case EQI_OP_NE: x = a != b; break;
    case EQI_OP_LT: x = a < b; break;
    case EQI_OP_LE: x = a <= b; break;
    case EQI_OP_GT: x = a > b; break;
    case EQI_OP_GE: x = a >= b; break;
    case EQI_OP_MIN: x = a < b ? a : b; break;
    case EQI_OP_MAX: x = a > b ? a : b; break;
    default: return EV_OVERFLOW;
    }
    if (!isfinite(x))
        return EV_OVERFLOW;
    *r = x;
    return EV_OK;
}

/* Whether instruction i is a constant that may be folded away. */
static int foldable(const comp *cp, int i)
{
    return i >= cp->barrier && i < cp->c->nins && cp->c->ins[i].op == EQI_OP_CONST;
}

/* Drop the last instruction, a constant (and its pool entry when last). */
static void drop_const(comp *cp)
{
    eqi_code *c = cp->c;
    c->nins--;
    if (c->ins[c->nins].arg == c->nk - 1)
        c->nk--;
    cp->sp--;
}

static eq_status emit_binary(comp *cp, int op, const eqi_loc *at)
{
    eqi_code *c = cp->c;
    if (foldable(cp, c->nins - 1) && foldable(cp, c->nins - 2)) {
        double a = c->k[c->ins[c->nins - 2].arg], b = c->k[c->ins[c->nins - 1].arg], r;
        /* Only when exact: the verifier of breakpoints reads a constant
        ** as its shortest decimal, and 2 ^ 0.5 folded would read as a
        ** rational. */
        if (apply2(op, a, b, &r) == EV_OK && eqi_fold_exact(op, a, b, r)) {
            eqi_loc first = c->loc[c->nins - 2];
            drop_const(cp);
            drop_const(cp);
            return emit_const(cp, r, &first);
        }
    }
    return emit(cp, op, 0, at);
}

static eq_status emit_neg(comp *cp, const eqi_loc *at)
{
    eqi_code *c = cp->c;
    if (foldable(cp, c->nins - 1)) {
        int k = c->ins[c->nins - 1].arg;
        /* The constant may be shared by no one else: it was just pushed. */
        if (k == c->nk - 1) {
            c->k[k] = -c->k[k];
            c->loc[c->nins - 1] = *at;
            return EQ_OK;
        }
    }
    return emit(cp, EQI_OP_NEG, 0, at);
}

/* Emit a deferred name: a number's slot.  An unknown name, or an
** enumerated parameter used as a number, is an error here. */
static eq_status force(comp *cp, val *v)
{
    eqi_sym s;
    const eqi_tok *t;
    char msg[EQI_ERRMAX];
    if (!v->deferred)
        return EQ_OK;
    t = tok_at(cp, v->tok);
    memset(&s, 0, sizeof s);
    if (!cp->resolve(cp->ud, name_of(cp, v->tok), &s)) {
        snprintf(msg, sizeof msg, "unknown name '%.64s' (parameters and lets must be "
                 "declared before they are used)", name_of(cp, v->tok));
        return err_at(cp, &t->at, msg);
    }
    if (s.is_enum) {
        snprintf(msg, sizeof msg, "'%.64s' is an enumerated parameter: compare it with "
                 "one of its choices, as in %.64s == %.64s", name_of(cp, v->tok),
                 name_of(cp, v->tok), s.nchoice > 0 ? s.choice[0] : "...");
        return err_at(cp, &t->at, msg);
    }
    if (!s.structural && cp->e->structural) {
        cp->e->structural = 0;
        cp->e->nonstruct_tok = v->tok;
    }
    v->deferred = 0;
    return emit(cp, EQI_OP_VAL, s.slot, &t->at);
}

static eq_status deeper(comp *cp)
{
    if (++cp->depth > EQI_EXPR_DEPTH) {
        char msg[96];
        snprintf(msg, sizeof msg, "expression nested too deeply (more than %d levels)",
                 EQI_EXPR_DEPTH);
        return err_at(cp, &tok(cp)->at, msg);
    }
    return EQ_OK;
}

/* ---- parsing ------------------------------------------------------- */

static eq_status parse_expr(comp *cp, val *v);
static eq_status parse_unary(comp *cp, val *v);

static const struct {
    const char *name;
    int op;
    int unary;
} functions[] = {
    { "min", EQI_OP_MIN, 0 }, { "max", EQI_OP_MAX, 0 }, { "abs", EQI_OP_ABS, 1 },
    { "exp", EQI_OP_EXP, 1 }, { "log", EQI_OP_LOG, 1 }, { "sqrt", EQI_OP_SQRT, 1 },
    { "normcdf", EQI_OP_NORMCDF, 1 },
    { "#inexact", EQI_OP_INEXACT, 1 },     /* internal: see expr.h */
};

/* Messages of parse_call, kept out of its frame: it recurses. */
static eq_status call_error(const comp *cp, const eqi_loc *at, int f, int nargs, int what)
{
    const eqi_src *src = cp->cur->src;
    switch (what) {
    case 0:
        return eqi_diag_at(src, EQ_ERR_PARSE, at, "unknown function '%.48s' (the "
                           "functions are min, max, abs, exp, log, sqrt and normcdf)",
                           eqi_tok_text(cp->cur->lx, tok(cp)));
    case 1: {
        char m[64];
        snprintf(m, sizeof m, "',' or ')' in the arguments of %s", functions[f].name);
        return expected(cp, m);
    }
    default:
        return eqi_diag_at(src, EQ_ERR_PARSE, at, "wrong number of arguments: %s takes "
                           "%s, not %d", functions[f].name,
                           functions[f].unary ? "1 argument" : "2 or more arguments",
                           nargs);
    }
}

static eq_status parse_call(comp *cp, val *v)
{
    eqi_loc at = tok(cp)->at;
    const char *fname = eqi_tok_text(cp->cur->lx, tok(cp));
    int f = -1, nargs = 0;
    eq_status s;

    for (size_t k = 0; k < sizeof functions / sizeof functions[0]; k++)
        if (strcmp(functions[k].name, fname) == 0)
            f = (int)k;
    if (f < 0)
        return call_error(cp, &at, f, 0, 0);
    adv(cp);
    adv(cp);    /* the '(' */
    if (tok(cp)->kind != EQI_TK_RPAREN) {
        for (;;) {
            val a;
            if ((s = parse_expr(cp, &a)) != EQ_OK || (s = force(cp, &a)) != EQ_OK)
                return s;
            nargs++;
            if (!functions[f].unary && nargs >= 2 &&
                (s = emit_binary(cp, functions[f].op, &at)) != EQ_OK)
                return s;
            if (tok(cp)->kind != EQI_TK_COMMA)
                break;
            adv(cp);
        }
    }
    if (tok(cp)->kind != EQI_TK_RPAREN)
        return call_error(cp, &at, f, nargs, 1);
    adv(cp);
    if (functions[f].unary ? nargs != 1 : nargs < 2)
        return call_error(cp, &at, f, nargs, 2);
    if (functions[f].unary && (s = emit(cp, functions[f].op, 0, &at)) != EQ_OK)
        return s;
    v->deferred = 0;
    return EQ_OK;
}

static eq_status parse_atom(comp *cp, val *v)
{
    const eqi_tok *t = tok(cp);
    eq_status s;
    v->deferred = 0;
    switch (t->kind) {
    case EQI_TK_NUMBER:
        adv(cp);
        return emit_const(cp, t->num, &t->at);
    case EQI_TK_IDENT:
        if (tok_at(cp, cp->cur->i + 1)->kind == EQI_TK_LPAREN)
            return parse_call(cp, v);
        v->deferred = 1;
        v->tok = cp->cur->i;
        adv(cp);
        return EQ_OK;
    case EQI_TK_LPAREN:
        adv(cp);
        if ((s = parse_expr(cp, v)) != EQ_OK)
            return s;
        if (tok(cp)->kind != EQI_TK_RPAREN)
            return expected(cp, "')'");
        adv(cp);
        return EQ_OK;
    case EQI_TK_IF:
        return err_at(cp, &t->at, "an if-expression inside an expression must be "
                      "put in parentheses");
    default:
        return expected(cp, "an expression (a number, a name, a function or '(')");
    }
}

static eq_status parse_power(comp *cp, val *v)
{
    eq_status s;
    eqi_loc at;
    val r;
    if ((s = parse_atom(cp, v)) != EQ_OK)
        return s;
    if (tok(cp)->kind != EQI_TK_CARET)
        return EQ_OK;
    at = tok(cp)->at;
    if ((s = force(cp, v)) != EQ_OK || (s = deeper(cp)) != EQ_OK)
        return s;
    adv(cp);
    /* Right-associative, and the exponent may carry a sign: 2^-1. */
    if ((s = parse_unary(cp, &r)) != EQ_OK || (s = force(cp, &r)) != EQ_OK)
        return s;
    cp->depth--;
    return emit_binary(cp, EQI_OP_POW, &at);
}

static eq_status parse_unary(comp *cp, val *v)
{
    const eqi_tok *t = tok(cp);
    eq_status s;
    if (t->kind != EQI_TK_MINUS && t->kind != EQI_TK_PLUS)
        return parse_power(cp, v);
    if ((s = deeper(cp)) != EQ_OK)
        return s;
    adv(cp);
    if ((s = parse_unary(cp, v)) != EQ_OK || (s = force(cp, v)) != EQ_OK)
        return s;
    cp->depth--;
    return t->kind == EQI_TK_MINUS ? emit_neg(cp, &t->at) : EQ_OK;
}

static eq_status parse_prod(comp *cp, val *v)
{
    eq_status s;
    if ((s = parse_unary(cp, v)) != EQ_OK)
        return s;
    while (tok(cp)->kind == EQI_TK_STAR || tok(cp)->kind == EQI_TK_SLASH) {
        const eqi_tok *op = tok(cp);
        val r;
        if ((s = force(cp, v)) != EQ_OK)
            return s;
        adv(cp);
        if ((s = parse_unary(cp, &r)) != EQ_OK || (s = force(cp, &r)) != EQ_OK ||
            (s = emit_binary(cp, op->kind == EQI_TK_STAR ? EQI_OP_MUL : EQI_OP_DIV,
                             &op->at)) != EQ_OK)
            return s;
    }
    return EQ_OK;
}

static eq_status parse_sum(comp *cp, val *v)
{
    eq_status s;
    if ((s = parse_prod(cp, v)) != EQ_OK)
        return s;
    while (tok(cp)->kind == EQI_TK_PLUS || tok(cp)->kind == EQI_TK_MINUS) {
        const eqi_tok *op = tok(cp);
        val r;
        if ((s = force(cp, v)) != EQ_OK)
            return s;
        adv(cp);
        if ((s = parse_prod(cp, &r)) != EQ_OK || (s = force(cp, &r)) != EQ_OK ||
            (s = emit_binary(cp, op->kind == EQI_TK_PLUS ? EQI_OP_ADD : EQI_OP_SUB,
                             &op->at)) != EQ_OK)
            return s;
    }
    return EQ_OK;
}

static int relop(eqi_tk k)
{
    switch (k) {
    case EQI_TK_EQ: return EQI_OP_EQ;
    case EQI_TK_NE: return EQI_OP_NE;
    case EQI_TK_LT: return EQI_OP_LT;
    case EQI_TK_LE: return EQI_OP_LE;
    case EQI_TK_GT: return EQI_OP_GT;
    case EQI_TK_GE: return EQI_OP_GE;
    default: return -1;
    }
}

/* A deferred name that is an enumerated parameter: its symbol. */
static int enum_name(comp *cp, const val *v, eqi_sym *s)
{
    memset(s, 0, sizeof *s);
    return v->deferred && cp->resolve(cp->ud, name_of(cp, v->tok), s) && s->is_enum;
}

/* Compare the enumerated parameter named by e with the choice named by
** the other operand c: push its slot and the choice's index. */
static eq_status enum_compare(comp *cp, const val *e, const eqi_sym *es, const val *c,
                              int op, const eqi_loc *opat)
{
    char msg[EQI_ERRMAX];
    size_t k = 0;
    eq_status s;
    int idx = -1;

    if (op != EQI_OP_EQ && op != EQI_OP_NE) {
        snprintf(msg, sizeof msg, "'%.64s' is an enumerated parameter: only == and != "
                 "compare it (with one of its choices)", name_of(cp, e->tok));
        return err_at(cp, &tok_at(cp, e->tok)->at, msg);
    }
    if (c->deferred)
        for (int i = 0; i < es->nchoice; i++)
            if (strcmp(es->choice[i], name_of(cp, c->tok)) == 0)
                idx = i;
    if (idx < 0) {
        k = (size_t)snprintf(msg, sizeof msg, "%s%.64s%s is not a choice of '%.64s' (its "
                             "choices are", c->deferred ? "'" : "",
                             c->deferred ? name_of(cp, c->tok) : "this",
                             c->deferred ? "'" : "", name_of(cp, e->tok));
        for (int i = 0; i < es->nchoice && k < sizeof msg - 80; i++)
            k += (size_t)snprintf(msg + k, sizeof msg - k, "%s %.32s", i ? "," : "",
                                  es->choice[i]);
        snprintf(msg + k, sizeof msg - k, ")");
        return err_at(cp, c->deferred ? &tok_at(cp, c->tok)->at : opat, msg);
    }
    if ((s = emit(cp, EQI_OP_VAL, es->slot, &tok_at(cp, e->tok)->at)) != EQ_OK ||
        (s = emit_const(cp, (double)idx, &tok_at(cp, c->tok)->at)) != EQ_OK)
        return s;
    return emit(cp, op, 0, opat);
}

static eq_status parse_cmp(comp *cp, val *v)
{
    eq_status s;
    const eqi_tok *op;
    eqi_sym ls, rs;
    int o;
    val r;

    if ((s = parse_sum(cp, v)) != EQ_OK)
        return s;
    op = tok(cp);
    if ((o = relop(op->kind)) < 0)
        return EQ_OK;
    /* The left operand waits: it may be an enumerated parameter. */
    if (!enum_name(cp, v, &ls) && o != EQI_OP_EQ && o != EQI_OP_NE &&
        (s = force(cp, v)) != EQ_OK)
        return s;
    adv(cp);
    if ((s = parse_sum(cp, &r)) != EQ_OK)
        return s;
    if (enum_name(cp, v, &ls)) {
        s = enum_compare(cp, v, &ls, &r, o, &op->at);
    } else if (enum_name(cp, &r, &rs)) {
        s = enum_compare(cp, &r, &rs, v, o, &op->at);
    } else {
        /* == and != are symmetric, so a deferred left operand may be
        ** pushed after the right one. */
        if ((s = force(cp, &r)) != EQ_OK || (s = force(cp, v)) != EQ_OK)
            return s;
        s = emit_binary(cp, o, &op->at);
    }
    if (s != EQ_OK)
        return s;
    v->deferred = 0;
    if (relop(tok(cp)->kind) >= 0)
        return err_at(cp, &tok(cp)->at, "comparisons do not chain: write "
                      "'a < b and b < c'");
    return EQ_OK;
}

static eq_status parse_not(comp *cp, val *v)
{
    const eqi_tok *t = tok(cp);
    eq_status s;
    if (t->kind != EQI_TK_NOT)
        return parse_cmp(cp, v);
    if ((s = deeper(cp)) != EQ_OK)
        return s;
    adv(cp);
    if ((s = parse_not(cp, v)) != EQ_OK || (s = force(cp, v)) != EQ_OK)
        return s;
    cp->depth--;
    return emit(cp, EQI_OP_NOT, 0, &t->at);
}

/* Patch the jump at pc to land here, and forbid folding across it. */
static void land(comp *cp, int pc)
{
    cp->c->ins[pc].arg = cp->c->nins;
    cp->barrier = cp->c->nins;
}

/* a and b: a; JZ F; b; BOOL; JMP E; F: 0; E:
** a or b:  a; JZ R; 1; JMP E; R: b; BOOL; E:  */
static eq_status parse_logic(comp *cp, val *v, int is_or)
{
    eq_status s;
    if ((s = is_or ? parse_logic(cp, v, 0) : parse_not(cp, v)) != EQ_OK)
        return s;
    while (tok(cp)->kind == (is_or ? EQI_TK_OR : EQI_TK_AND)) {
        const eqi_tok *op = tok(cp);
        int jz, jmp, sp0;
        val r;
        if ((s = force(cp, v)) != EQ_OK)
            return s;
        adv(cp);
        jz = cp->c->nins;
        if ((s = emit(cp, EQI_OP_JZ, 0, &op->at)) != EQ_OK)
            return s;
        sp0 = cp->sp;
        if (is_or) {
            if ((s = emit_const(cp, 1.0, &op->at)) != EQ_OK)
                return s;
            jmp = cp->c->nins;
            if ((s = emit(cp, EQI_OP_JMP, 0, &op->at)) != EQ_OK)
                return s;
            land(cp, jz);
            cp->sp = sp0;
            if ((s = parse_logic(cp, &r, 0)) != EQ_OK || (s = force(cp, &r)) != EQ_OK ||
                (s = emit(cp, EQI_OP_BOOL, 0, &op->at)) != EQ_OK)
                return s;
            land(cp, jmp);
        } else {
            if ((s = parse_not(cp, &r)) != EQ_OK || (s = force(cp, &r)) != EQ_OK ||
                (s = emit(cp, EQI_OP_BOOL, 0, &op->at)) != EQ_OK)
                return s;
            jmp = cp->c->nins;
            if ((s = emit(cp, EQI_OP_JMP, 0, &op->at)) != EQ_OK)
                return s;
            land(cp, jz);
            cp->sp = sp0;
            if ((s = emit_const(cp, 0.0, &op->at)) != EQ_OK)
                return s;
            land(cp, jmp);
        }
    }
    return EQ_OK;
}

static eq_status parse_expr(comp *cp, val *v)
{
    const eqi_tok *t = tok(cp);
    eq_status s;
    int jz, jmp, sp0;
    val x;

    if ((s = deeper(cp)) != EQ_OK)
        return s;
    if (t->kind != EQI_TK_IF) {
        if ((s = parse_logic(cp, v, 1)) != EQ_OK)
            return s;
        cp->depth--;
        return EQ_OK;
    }
    /* if C then A else B:  C; JZ L; A; JMP E; L: B; E: */
    adv(cp);
    if ((s = parse_expr(cp, &x)) != EQ_OK || (s = force(cp, &x)) != EQ_OK)
        return s;
    if (tok(cp)->kind != EQI_TK_THEN)
        return expected(cp, "'then'");
    adv(cp);
    jz = cp->c->nins;
    if ((s = emit(cp, EQI_OP_JZ, 0, &t->at)) != EQ_OK)
        return s;
    sp0 = cp->sp;
    if ((s = parse_expr(cp, &x)) != EQ_OK || (s = force(cp, &x)) != EQ_OK)
        return s;
    if (tok(cp)->kind != EQI_TK_ELSE)
        return expected(cp, "'else' (an if-expression needs both branches)");
    adv(cp);
    jmp = cp->c->nins;
    if ((s = emit(cp, EQI_OP_JMP, 0, &t->at)) != EQ_OK)
        return s;
    land(cp, jz);
    cp->sp = sp0;
    if ((s = parse_expr(cp, &x)) != EQ_OK || (s = force(cp, &x)) != EQ_OK)
        return s;
    land(cp, jmp);
    v->deferred = 0;
    cp->depth--;
    return EQ_OK;
}

eq_status eqi_expr_compile(eqi_code *c, eqi_cursor *cur, eqi_resolve_fn resolve,
                           void *ud, eqi_expr *out)
{
    comp cp;
    eq_status s;
    val v;

    memset(&cp, 0, sizeof cp);
    memset(out, 0, sizeof *out);
    cp.c = c;
    cp.cur = cur;
    cp.resolve = resolve;
    cp.ud = ud;
    cp.e = out;
    cp.barrier = c->nins;
    out->pc0 = c->nins;
    out->at = cur->lx->tok[cur->i].at;
    out->structural = 1;
    if (tok(&cp)->kind == EQI_TK_NUMBER &&
        (tok_at(&cp, cur->i + 1)->kind == EQI_TK_COMMA ||
         tok_at(&cp, cur->i + 1)->kind == EQI_TK_RPAREN)) {
        /* A lone number, as in most payoff tuples of a large expanded
        ** model: the one instruction parse_expr would make, directly. */
        const eqi_tok *t = tok(&cp);
        adv(&cp);
        if ((s = emit_const(&cp, t->num, &t->at)) != EQ_OK)
            return s;
        out->pc1 = c->nins;
        return EQ_OK;
    }
    if ((s = parse_expr(&cp, &v)) != EQ_OK || (s = force(&cp, &v)) != EQ_OK)
        return s;
    if (cp.maxsp > EQI_EXPR_STACK)
        return eqi_diag_at(cur->src, EQ_ERR_PARSE, &out->at,
                           "expression too complex (it needs more than %d stack entries)",
                           EQI_EXPR_STACK);
    out->pc1 = c->nins;
    return EQ_OK;
}

void eqi_code_free(eqi_code *c)
{
    free(c->ins);
    free(c->loc);
    free(c->k);
    memset(c, 0, sizeof *c);
}

/* ---- evaluation ---------------------------------------------------- */

/* The evaluator; watch (may be NULL) sees every min and max.  Inlined
** twice, so the plain path pays nothing for the watch. */
static inline int eval(const eqi_code *c, const eqi_expr *e, const double *vals,
                       double *st, double *out, eqi_eval_err *err,
                       eqi_watch_fn watch, void *ud)
{
    const eqi_instr *ins = c->ins;
    int pc = e->pc0, end = e->pc1, sp = 0, rc;
    double a, r;

    while (pc < end) {
        const eqi_instr *I = &ins[pc];
        switch (I->op) {
        case EQI_OP_CONST:
            st[sp++] = c->k[I->arg];
            break;
        case EQI_OP_VAL:
            st[sp++] = vals[I->arg];
            break;
        case EQI_OP_NEG:
            st[sp - 1] = -st[sp - 1];
            break;
        case EQI_OP_NOT:
            st[sp - 1] = st[sp - 1] == 0.0;
            break;
        case EQI_OP_BOOL:
            st[sp - 1] = st[sp - 1] != 0.0;
            break;
        case EQI_OP_ABS:
            st[sp - 1] = fabs(st[sp - 1]);
            break;
        case EQI_OP_EXP:
            a = st[sp - 1];
            r = exp(a);
            if (!isfinite(r))
                goto fail1;
            st[sp - 1] = r;
            break;
        case EQI_OP_LOG:
            a = st[sp - 1];
            if (!(a > 0.0))
                goto fail1;
            st[sp - 1] = log(a);
            break;
        case EQI_OP_SQRT:
            a = st[sp - 1];
            if (a < 0.0)
                goto fail1;
            st[sp - 1] = sqrt(a);
            break;
        case EQI_OP_NORMCDF:
            /* Phi(x) = erfc(-x / sqrt 2) / 2: erfc keeps the relative
            ** accuracy of the left tail, where 1 + erf would cancel.
            ** Always finite, in [0, 1]. */
            st[sp - 1] = 0.5 * erfc(-st[sp - 1] / 1.41421356237309504880);
            break;
        case EQI_OP_INEXACT:
            break;
        case EQI_OP_JZ:
            if (st[--sp] == 0.0) {
                pc = I->arg;
                continue;
            }
            break;
        case EQI_OP_JMP:
            pc = I->arg;
            continue;
        /* The common binary operators inline; the others through apply2.
        ** Every value stays finite, so an infinite result is an overflow
        ** (a NaN cannot arise from finite + - *). */
        case EQI_OP_ADD:
            sp--;
            r = st[sp - 1] + st[sp];
            if (!isfinite(r))
                goto fail2;
            st[sp - 1] = r;
            break;
        case EQI_OP_SUB:
            sp--;
            r = st[sp - 1] - st[sp];
            if (!isfinite(r))
                goto fail2;
            st[sp - 1] = r;
            break;
        case EQI_OP_MUL:
            sp--;
            r = st[sp - 1] * st[sp];
            if (!isfinite(r))
                goto fail2;
            st[sp - 1] = r;
            break;
        default:
            sp--;
            if ((rc = apply2(I->op, st[sp - 1], st[sp], &r)) != EV_OK)
                goto fail2rc;
            if (watch != NULL && (I->op == EQI_OP_MIN || I->op == EQI_OP_MAX))
                watch(ud, pc, st[sp - 1], st[sp]);
            st[sp - 1] = r;
            break;
        }
        pc++;
    }
    *out = st[0];
    return EV_OK;
fail2:
    rc = EV_OVERFLOW;
fail2rc:
    err->pc = pc;
    err->a = st[sp - 1];
    err->b = st[sp];
    return rc;
fail1:
    err->pc = pc;
    err->a = a;
    err->b = 0.0;
    switch (ins[pc].op) {
    case EQI_OP_EXP: return EV_EXP;
    case EQI_OP_LOG: return EV_LOG;
    default: return EV_SQRT;
    }
}

int eqi_expr_eval(const eqi_code *c, const eqi_expr *e, const double *vals,
                  double *st, double *out, eqi_eval_err *err)
{
    return eval(c, e, vals, st, out, err, NULL, NULL);
}

int eqi_expr_eval_watch(const eqi_code *c, const eqi_expr *e, const double *vals,
                        double *st, double *out, eqi_eval_err *err, eqi_watch_fn watch,
                        void *ud)
{
    return eval(c, e, vals, st, out, err, watch, ud);
}

void eqi_eval_message(const eqi_code *c, int code, const eqi_eval_err *err,
                      char *buf, size_t size)
{
    char a[32], b[32];
    const char *op = "?";
    eqi_format_double(err->a, a, sizeof a);
    eqi_format_double(err->b, b, sizeof b);
    switch (c->ins[err->pc].op) {
    case EQI_OP_ADD: op = "+"; break;
    case EQI_OP_SUB: op = "-"; break;
    case EQI_OP_MUL: op = "*"; break;
    case EQI_OP_DIV: op = "/"; break;
    case EQI_OP_POW: op = "^"; break;
    default: break;
    }
    switch (code) {
    case EV_DIV0:
        snprintf(buf, size, "division by zero (%s / 0)", a);
        break;
    case EV_LOG:
        snprintf(buf, size, "log of %s number (%s)", err->a == 0.0 ? "a zero" : "a negative", a);
        break;
    case EV_SQRT:
        snprintf(buf, size, "square root of a negative number (%s)", a);
        break;
    case EV_EXP:
        snprintf(buf, size, "exp(%s) overflows", a);
        break;
    case EV_POW:
        if (err->a == 0.0 && err->b < 0.0)
            snprintf(buf, size, "zero to a negative power (0 ^ %s)", b);
        else if (err->a < 0.0)
            snprintf(buf, size, "%s ^ %s is not a real number", a, b);
        else
            snprintf(buf, size, "%s ^ %s overflows", a, b);
        break;
    default:
        snprintf(buf, size, "%s %s %s overflows", a, op, b);
        break;
    }
}
