/*
** claims.c -- the claim language of robustness studies: comparisons, and
** and/or/not, over outcome-class probabilities and expected payoffs of
** the study's models, each in a context (a model, named choices, a named
** node).  Compiled once into postfix code, evaluated for every sample.
**
**   claim = or ;                       (must be a truth value)
**   or    = and { "or" and } ;
**   and   = not { "and" not } ;
**   not   = "not" not | cmp ;
**   cmp   = sum [ ( "<" | "<=" | ">" | ">=" | "==" | "!=" ) sum ] ;
**   sum   = prod { ( "+" | "-" ) prod } ;
**   prod  = unary { ( "*" | "/" ) unary } ;
**   unary = "-" unary | atom ;
**   atom  = NUMBER | NAME | "(" or ")"
**         | ( "P" | "E" ) "(" NAME [ "|" cond { "," cond } ] ")"
**         | "M" "(" NAME "@" PATTERN [ "|" cond { "," cond } ] ")" ;
**   cond  = NAME [ "=" ( NAME | [ "-" ] NUMBER ) ] ;
**
** P(C | ...) is the probability of outcome class C, E(X | ...) the
** expected payoff of player X, under the selected equilibrium of the
** context the conditions name (see eq_robust_claim in equilib.h).
** M(A @ PATTERN | ...) is the probability that play takes action A at
** least once at a node whose label matches PATTERN ('*' any run of
** characters, as in class patterns); see eqi_point_move_prob.  A bare
** NAME outside P, E and M is a parameter's value in the sample.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "robust.h"
#include "../lexer.h"

enum {
    T_EOF, T_NUM, T_NAME, T_LP, T_RP, T_BAR, T_COMMA, T_ASSIGN,
    T_LT, T_LE, T_GT, T_GE, T_EQ, T_NE, T_PLUS, T_MINUS, T_STAR, T_SLASH,
    T_AND, T_OR, T_NOT, T_AT
};
enum { TY_NUM, TY_BOOL };

typedef struct cc {
    eq_robust *r;
    const char *s;
    size_t pos;         /* start of the current token */
    size_t end;         /* just after it */
    int tok;
    double num;
    char name[128];
    rclaim *out;
    int cap;
    char *err;
    size_t *errpos;
    int depth;
} cc;

/* ---- tokens ---------------------------------------------------------- */

static int name_byte(int c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

static void next(cc *c)
{
    const char *s = c->s;
    size_t i = c->end;
    while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
        i++;
    c->pos = i;
    if (s[i] == '\0') {
        c->tok = T_EOF;
        c->end = i;
        return;
    }
    if (isdigit((unsigned char)s[i]) || (s[i] == '.' && isdigit((unsigned char)s[i + 1]))) {
        size_t j = i;
        while (isdigit((unsigned char)s[j]) || s[j] == '.')
            j++;
        if ((s[j] == 'e' || s[j] == 'E') &&
            (isdigit((unsigned char)s[j + 1]) ||
             ((s[j + 1] == '-' || s[j + 1] == '+') && isdigit((unsigned char)s[j + 2])))) {
            j += 2;
            while (isdigit((unsigned char)s[j]))
                j++;
        }
        c->tok = eqi_decimal_to_double(s + i, j - i, &c->num) == 0 ? T_NUM : -1;
        c->end = j;
        return;
    }
    if (name_byte((unsigned char)s[i])) {
        size_t j = i;
        while (name_byte((unsigned char)s[j]))
            j++;
        snprintf(c->name, sizeof c->name, "%.*s", (int)(j - i), s + i);
        c->end = j;
        c->tok = !strcmp(c->name, "and") ? T_AND : !strcmp(c->name, "or") ? T_OR
               : !strcmp(c->name, "not") ? T_NOT : T_NAME;
        return;
    }
    c->end = i + 1;
    switch (s[i]) {
    case '(': c->tok = T_LP; return;
    case ')': c->tok = T_RP; return;
    case '|': c->tok = T_BAR; return;
    case '@': c->tok = T_AT; return;
    case ',': c->tok = T_COMMA; return;
    case '+': c->tok = T_PLUS; return;
    case '-': c->tok = T_MINUS; return;
    case '*': c->tok = T_STAR; return;
    case '/': c->tok = T_SLASH; return;
    case '<':
        c->tok = s[i + 1] == '=' ? (c->end++, T_LE) : T_LT;
        return;
    case '>':
        c->tok = s[i + 1] == '=' ? (c->end++, T_GE) : T_GT;
        return;
    case '=':
        c->tok = s[i + 1] == '=' ? (c->end++, T_EQ) : T_ASSIGN;
        return;
    case '!':
        if (s[i + 1] == '=') {
            c->end++;
            c->tok = T_NE;
            return;
        }
        break;
    default:
        break;
    }
    c->tok = -1;
}

static eq_status fail_at(cc *c, size_t pos, const char *fmt, ...) EQI_PRINTF(3, 4);
static eq_status fail_at(cc *c, size_t pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, EQI_ERRMAX, fmt, ap);
    va_end(ap);
    *c->errpos = pos;
    return EQ_ERR_ARG;
}

static eq_status unexpected(cc *c, const char *what)
{
    if (c->tok == T_EOF)
        return fail_at(c, c->pos, "expected %s, found the end of the claim", what);
    return fail_at(c, c->pos, "expected %s, found '%.*s'", what,
                   (int)(c->end - c->pos > 32 ? 32 : c->end - c->pos), c->s + c->pos);
}

static eq_status emit(cc *c, int op, int a, int b, int cl, int g, double k)
{
    rclaim *o = c->out;
    if (o->ncode == c->cap) {
        int cap = c->cap ? 2 * c->cap : 32;
        rins *p = realloc(o->code, (size_t)cap * sizeof *p);
        if (p == NULL)
            return fail_at(c, c->pos, "out of memory");
        o->code = p;
        c->cap = cap;
    }
    o->code[o->ncode].op = op;
    o->code[o->ncode].a = a;
    o->code[o->ncode].b = b;
    o->code[o->ncode].c = cl;
    o->code[o->ncode].g = g;
    o->code[o->ncode].k = k;
    o->ncode++;
    return EQ_OK;
}

/* ---- contexts -------------------------------------------------------- */

/* "a, b, c" of up to 12 names from get(i). */
static void list_of(char *buf, size_t len, int n, const char *(*get)(const void *, int),
                    const void *obj)
{
    size_t k = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && i < 12 && k < len; i++)
        k += (size_t)snprintf(buf + k, len - k, "%s%s", i ? ", " : "", get(obj, i));
    if (n > 12 && k < len)
        snprintf(buf + k, len - k, ", ...");
    if (n == 0)
        snprintf(buf, len, "none");
}

static const char *class_name(const void *m, int i) { return eq_model_class_name(m, i); }
static const char *player_name(const void *m, int i) { return eq_model_player_name(m, i); }
static const char *alias_name(const void *r, int i)
{
    return ((const eq_robust *)r)->model[i].alias;
}

/* One condition as read. */
typedef struct citem {
    char name[128];
    int has_value;
    int value_is_num;
    double num;
    char value[128];
    size_t at;
} citem;

/* Whether model m has parameter name set to the condition's value; the
** value (a choice's index or a number) into *v.  Returns 1, or 0 with a
** message in why. */
static int cond_value(const eq_model *m, const citem *it, int *param, double *v,
                      char *why, size_t wlen)
{
    int k = eq_model_param_index(m, it->name);
    if (k < 0) {
        snprintf(why, wlen, "has no parameter '%.64s'", it->name);
        return 0;
    }
    *param = k;
    if (eq_model_param_is_enum(m, k)) {
        for (int i = 0; i < eq_model_param_choices(m, k); i++)
            if (!it->value_is_num && strcmp(eq_model_param_choice(m, k, i), it->value) == 0) {
                *v = i;
                return 1;
            }
        snprintf(why, wlen, "has no choice '%.64s' of '%.64s'", it->value, it->name);
        return 0;
    }
    if (!it->value_is_num || !(it->num >= eq_model_param_lo(m, k) &&
                               it->num <= eq_model_param_hi(m, k))) {
        snprintf(why, wlen, "needs a number in the domain of '%.64s'", it->name);
        return 0;
    }
    *v = it->num;
    return 1;
}

/* The enumerated parameter of m having choice name, when exactly one has
** it: its index and the choice's into *param, *v.  Returns the number of
** parameters that have it. */
static int choice_owner(const eq_model *m, const char *name, int *param, double *v)
{
    int found = 0;
    for (int k = 0; k < eq_model_params(m); k++) {
        if (!eq_model_param_is_enum(m, k))
            continue;
        for (int i = 0; i < eq_model_param_choices(m, k); i++)
            if (strcmp(eq_model_param_choice(m, k, i), name) == 0) {
                if (found++ == 0) {
                    *param = k;
                    *v = i;
                }
            }
    }
    return found;
}

/* What an atom measures: E, P or M. */
enum { K_PAY, K_PROB, K_MOVE };

/* Whether model m has what a K kind atom names (a player, a class, or an
** action at a node matching pat). */
static int has_what(const eq_model *m, int kind, const char *what, const char *pat)
{
    unsigned char *match = NULL;
    int n, any;
    if (kind == K_PROB)
        return eq_model_class_index(m, what) >= 0;
    if (kind == K_PAY)
        return eq_model_player_index(m, what) >= 0;
    n = eqi_model_move_nodes(m, what, pat, &match, &any);
    free(match);
    return n > 0;
}

/* Add M(action @ pat) on model m to the claim: its index into *k. */
static eq_status add_move(cc *c, const eq_model *m, const char *alias, const char *action,
                          const char *pat, size_t what_at, size_t pat_at, int *k)
{
    rclaim *o = c->out;
    unsigned char *match = NULL;
    char *a;
    rmove *p;
    int any, n = eqi_model_move_nodes(m, action, pat, &match, &any);
    if (n < 0)
        return fail_at(c, what_at, "out of memory");
    if (n == 0) {
        free(match);
        if (!any)
            return fail_at(c, what_at, "no node of %s has an action '%s'", alias, action);
        return fail_at(c, pat_at, "no node of %s labelled like '%s' has an action '%s'",
                       alias, pat, action);
    }
    a = malloc(strlen(action) + 1);
    p = a ? realloc(o->move, ((size_t)o->nmove + 1) * sizeof *p) : NULL;
    if (p == NULL) {
        free(a);
        free(match);
        return fail_at(c, what_at, "out of memory");
    }
    memcpy(a, action, strlen(action) + 1);
    o->move = p;
    o->move[o->nmove].action = a;
    o->move[o->nmove].match = match;
    *k = o->nmove++;
    return EQ_OK;
}

/*
** Resolve P, E or M(what | items): the model, its settings and
** the named node.  kind: what names a player (K_PAY), a class (K_PROB) or
** an action at the nodes pattern matches (K_MOVE).
*/
static eq_status resolve(cc *c, int kind, const char *what, size_t what_at, const char *pat,
                         size_t pat_at, const citem *items, int nitems, int *ctx, int *cls,
                         int *given)
{
    static const char kname[] = "EPM";
    eq_robust *r = c->r;
    int model = -1, np = 0, params[64];
    double vals[64];
    char why[256], list[512];

    /* The model: named by an alias, or the only one, or the only one that
    ** fits every condition and the class or player; a model file's claims
    ** speak of their own model. */
    if (r->claim_model >= 0)
        model = r->claim_model;
    for (int i = 0; i < nitems; i++)
        for (int j = 0; j < r->nmodel; j++)
            if (!items[i].has_value && strcmp(items[i].name, r->model[j].alias) == 0) {
                if (model >= 0 && model != j)
                    return fail_at(c, items[i].at, "two models named in one context");
                model = j;
            }
    if (model < 0) {
        int fits = 0;
        for (int j = 0; j < r->nmodel; j++) {
            const eq_model *m = r->model[j].m;
            int ok = has_what(m, kind, what, pat);
            for (int i = 0; i < nitems && ok; i++) {
                int p;
                double v;
                ok = items[i].has_value
                         ? cond_value(m, &items[i], &p, &v, why, sizeof why)
                         : (eq_model_given_index(m, items[i].name) >= 0 ||
                            choice_owner(m, items[i].name, &p, &v) == 1);
            }
            if (ok && fits++ == 0)
                model = j;
        }
        if (r->nmodel == 1)
            model = 0;
        else if (fits != 1) {
            list_of(list, sizeof list, r->nmodel, alias_name, r);
            return fail_at(c, what_at, fits == 0 ? "no model fits %c(%s | ...): name one of %s"
                                                 : "several models fit %c(%s | ...): name one "
                                                   "of %s",
                           kname[kind], what, list);
        }
    }
    {
        const eq_model *m = r->model[model].m;
        const char *alias = r->model[model].alias;
        if (kind == K_MOVE) {
            eq_status s = add_move(c, m, alias, what, pat, what_at, pat_at, cls);
            if (s != EQ_OK)
                return s;
        } else if (kind == K_PROB) {
            if ((*cls = eq_model_class_index(m, what)) < 0) {
                list_of(list, sizeof list, eq_model_classes(m), class_name, m);
                return fail_at(c, what_at, "unknown class '%s' (the classes of %s: %s)",
                               what, alias, list);
            }
        } else if ((*cls = eq_model_player_index(m, what)) < 0) {
            list_of(list, sizeof list, eq_model_players(m), player_name, m);
            return fail_at(c, what_at, "unknown player '%s' (the players of %s: %s)",
                           what, alias, list);
        }
        *given = -1;
        for (int i = 0; i < nitems; i++) {
            const citem *it = &items[i];
            int p = -1, n;
            double v = 0.0;
            if (!it->has_value && strcmp(it->name, alias) == 0)
                continue;
            if (it->has_value) {
                if (!cond_value(m, it, &p, &v, why, sizeof why))
                    return fail_at(c, it->at, "%s %s", alias, why);
            } else if (eq_model_given_index(m, it->name) >= 0) {
                if (*given >= 0)
                    return fail_at(c, it->at, "two named nodes in one context");
                *given = eq_model_given_index(m, it->name);
                continue;
            } else if ((n = choice_owner(m, it->name, &p, &v)) != 1) {
                return fail_at(c, it->at, n == 0 ? "'%s' is not a model, a named node or a "
                                                   "choice of %s"
                                                 : "'%s' is a choice of several parameters "
                                                   "of %s: write NAME=%s",
                               it->name, alias, it->name);
            }
            for (int j = 0; j < np; j++)
                if (params[j] == p)
                    return fail_at(c, it->at, "parameter '%s' is set twice",
                                   eq_model_param_name(m, p));
            if (np == 64)
                return fail_at(c, it->at, "too many parameter conditions (at most 64)");
            params[np] = p;
            vals[np++] = v;
        }
        if ((*ctx = eqi_robust_context(r, model, np, params, vals)) < 0)
            return fail_at(c, what_at, "out of memory");
    }
    return EQ_OK;
}

/* ---- parsing --------------------------------------------------------- */

static eq_status parse_or(cc *c, int *ty);

static eq_status want_num(cc *c, int ty, size_t at)
{
    return ty == TY_NUM ? EQ_OK
                        : fail_at(c, at, "a truth value where a number is needed");
}

static eq_status want_bool(cc *c, int ty, size_t at)
{
    return ty == TY_BOOL ? EQ_OK
                         : fail_at(c, at, "a number where a comparison or and/or/not is "
                                   "needed");
}

/* PATTERN after '@': a run of name bytes and '*', into pat. */
static eq_status parse_pattern(cc *c, char *pat, size_t len, size_t *at)
{
    const char *s = c->s;
    size_t i = c->end, j;
    while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
        i++;
    for (j = i; name_byte((unsigned char)s[j]) || s[j] == '*'; j++)
        ;
    if (j == i) {
        c->end = i;
        next(c);
        return unexpected(c, "a node label or a pattern with '*'");
    }
    if (j - i >= len)
        return fail_at(c, i, "pattern too long (at most %zu characters)", len - 1);
    memcpy(pat, s + i, j - i);
    pat[j - i] = '\0';
    *at = i;
    c->end = j;
    next(c);
    return EQ_OK;
}

static eq_status parse_pe(cc *c, int kind)
{
    char what[128], pat[128] = "";
    size_t what_at, pat_at = 0;
    int is_prob = kind == K_PROB;
    citem items[32];
    int n = 0, ctx = -1, cls = -1, given = -1;
    eq_status s;
    next(c);        /* P or E */
    if (c->tok != T_LP)
        return unexpected(c, "'('");
    next(c);
    if (c->tok != T_NAME)
        return unexpected(c, kind == K_MOVE ? "an action" : is_prob ? "a class" : "a player");
    snprintf(what, sizeof what, "%s", c->name);
    what_at = c->pos;
    next(c);
    if (kind == K_MOVE) {
        eq_status s2;
        if (c->tok != T_AT)
            return unexpected(c, "'@' and the nodes (M(ACTION @ PATTERN | ...))");
        if ((s2 = parse_pattern(c, pat, sizeof pat, &pat_at)) != EQ_OK)
            return s2;
    }
    if (c->tok == T_BAR) {
        do {
            citem *it;
            next(c);
            if (n == 32)
                return fail_at(c, c->pos, "too many conditions (at most 32)");
            it = &items[n++];
            memset(it, 0, sizeof *it);
            if (c->tok != T_NAME)
                return unexpected(c, "a condition (a model, NAME=CHOICE, a choice or a "
                                  "named node)");
            snprintf(it->name, sizeof it->name, "%s", c->name);
            it->at = c->pos;
            next(c);
            if (c->tok == T_ASSIGN) {
                int neg = 0;
                it->has_value = 1;
                next(c);
                if (c->tok == T_MINUS) {
                    neg = 1;
                    next(c);
                }
                if (c->tok == T_NUM) {
                    it->value_is_num = 1;
                    it->num = neg ? -c->num : c->num;
                } else if (c->tok == T_NAME && !neg) {
                    snprintf(it->value, sizeof it->value, "%s", c->name);
                } else {
                    return unexpected(c, "a choice or a number");
                }
                next(c);
            }
        } while (c->tok == T_COMMA);
    }
    if (c->tok != T_RP)
        return unexpected(c, "')'");
    next(c);
    if ((s = resolve(c, kind, what, what_at, pat, pat_at, items, n, &ctx, &cls, &given)) !=
        EQ_OK)
        return s;
    return emit(c, kind == K_MOVE ? CL_MOVE : is_prob ? CL_PROB : CL_PAY, ctx, 0, cls, given,
                0.0);
}

static eq_status parse_atom(cc *c, int *ty)
{
    eq_status s;
    *ty = TY_NUM;
    switch (c->tok) {
    case T_NUM: {
        double k = c->num;
        next(c);
        return emit(c, CL_NUM, 0, 0, 0, 0, k);
    }
    case T_NAME: {
        size_t at = c->pos;
        char nm[128];
        snprintf(nm, sizeof nm, "%s", c->name);
        if ((strcmp(nm, "P") == 0 || strcmp(nm, "E") == 0 || strcmp(nm, "M") == 0) &&
            c->s[c->end] == '(')
            return parse_pe(c, nm[0] == 'P' ? K_PROB : nm[0] == 'E' ? K_PAY : K_MOVE);
        next(c);
        /* A parameter: of the first model that has it. */
        for (int j = 0; j < c->r->nmodel; j++) {
            int k = eq_model_param_index(c->r->model[j].m, nm);
            if (k >= 0) {
                if (eq_model_param_is_enum(c->r->model[j].m, k))
                    return fail_at(c, at, "'%s' is enumerated: set it in a context, as in "
                                   "P(C | %s=...)", nm, nm);
                return emit(c, CL_PARAM, k, j, 0, 0, 0.0);
            }
        }
        return fail_at(c, at, "unknown name '%s' (write P(CLASS | ...), E(PLAYER | ...), "
                       "M(ACTION @ NODES | ...), a number or a parameter)", nm);
    }
    case T_LP:
        next(c);
        if (++c->depth > 100)
            return fail_at(c, c->pos, "claim nested too deeply");
        if ((s = parse_or(c, ty)) != EQ_OK)
            return s;
        c->depth--;
        if (c->tok != T_RP)
            return unexpected(c, "')'");
        next(c);
        return EQ_OK;
    default:
        return unexpected(c, "a number, P(...), E(...), M(...), a parameter or '('");
    }
}

static eq_status parse_unary(cc *c, int *ty)
{
    eq_status s;
    if (c->tok == T_MINUS) {
        size_t at = c->pos;
        next(c);
        if (++c->depth > 100)
            return fail_at(c, at, "claim nested too deeply");
        if ((s = parse_unary(c, ty)) != EQ_OK || (s = want_num(c, *ty, at)) != EQ_OK)
            return s;
        c->depth--;
        return emit(c, CL_NEG, 0, 0, 0, 0, 0.0);
    }
    return parse_atom(c, ty);
}

static eq_status parse_bin(cc *c, int *ty, int level)
{
    eq_status s;
    size_t at = c->pos;
    if ((s = level == 0 ? parse_unary(c, ty) : parse_bin(c, ty, 0)) != EQ_OK)
        return s;
    for (;;) {
        int op, t2;
        if (level == 0 && (c->tok == T_STAR || c->tok == T_SLASH))
            op = c->tok == T_STAR ? CL_MUL : CL_DIV;
        else if (level == 1 && (c->tok == T_PLUS || c->tok == T_MINUS))
            op = c->tok == T_PLUS ? CL_ADD : CL_SUB;
        else
            return EQ_OK;
        if ((s = want_num(c, *ty, at)) != EQ_OK)
            return s;
        next(c);
        at = c->pos;
        if ((s = level == 0 ? parse_unary(c, &t2) : parse_bin(c, &t2, 0)) != EQ_OK ||
            (s = want_num(c, t2, at)) != EQ_OK || (s = emit(c, op, 0, 0, 0, 0, 0.0)) != EQ_OK)
            return s;
    }
}

static eq_status parse_cmp(cc *c, int *ty)
{
    eq_status s;
    size_t at = c->pos;
    int op, t2;
    if ((s = parse_bin(c, ty, 1)) != EQ_OK)
        return s;
    switch (c->tok) {
    case T_LT: op = CL_LT; break;
    case T_LE: op = CL_LE; break;
    case T_GT: op = CL_GT; break;
    case T_GE: op = CL_GE; break;
    case T_EQ: op = CL_EQ; break;
    case T_NE: op = CL_NE; break;
    case T_ASSIGN:
        return fail_at(c, c->pos, "'=' sets a parameter inside P(...) or E(...); "
                       "compare with '=='");
    default:
        return EQ_OK;
    }
    if ((s = want_num(c, *ty, at)) != EQ_OK)
        return s;
    next(c);
    at = c->pos;
    if ((s = parse_bin(c, &t2, 1)) != EQ_OK || (s = want_num(c, t2, at)) != EQ_OK)
        return s;
    *ty = TY_BOOL;
    if (c->tok >= T_LT && c->tok <= T_NE)
        return fail_at(c, c->pos, "comparisons do not chain: write 'a < b and b < c'");
    return emit(c, op, 0, 0, 0, 0, 0.0);
}

static eq_status parse_not(cc *c, int *ty)
{
    eq_status s;
    if (c->tok == T_NOT) {
        size_t at;
        next(c);
        at = c->pos;
        if (++c->depth > 100)
            return fail_at(c, at, "claim nested too deeply");
        if ((s = parse_not(c, ty)) != EQ_OK || (s = want_bool(c, *ty, at)) != EQ_OK)
            return s;
        c->depth--;
        return emit(c, CL_NOT, 0, 0, 0, 0, 0.0);
    }
    return parse_cmp(c, ty);
}

static eq_status parse_logic(cc *c, int *ty, int is_or)
{
    eq_status s;
    size_t at = c->pos;
    if ((s = is_or ? parse_logic(c, ty, 0) : parse_not(c, ty)) != EQ_OK)
        return s;
    while (c->tok == (is_or ? T_OR : T_AND)) {
        int t2;
        if ((s = want_bool(c, *ty, at)) != EQ_OK)
            return s;
        next(c);
        at = c->pos;
        if ((s = is_or ? parse_logic(c, &t2, 0) : parse_not(c, &t2)) != EQ_OK ||
            (s = want_bool(c, t2, at)) != EQ_OK ||
            (s = emit(c, is_or ? CL_OR : CL_AND, 0, 0, 0, 0, 0.0)) != EQ_OK)
            return s;
    }
    return EQ_OK;
}

static eq_status parse_or(cc *c, int *ty)
{
    return parse_logic(c, ty, 1);
}

eq_status eqi_claim_compile(eq_robust *r, const char *text, rclaim *out, char *err,
                            size_t *errpos)
{
    cc c;
    int ty;
    eq_status s;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.s = text;
    c.out = out;
    c.err = err;
    c.errpos = errpos;
    out->code = NULL;
    out->ncode = 0;
    out->move = NULL;
    out->nmove = 0;
    next(&c);
    if ((s = parse_or(&c, &ty)) == EQ_OK && c.tok != T_EOF)
        s = unexpected(&c, "an operator or the end of the claim");
    if (s == EQ_OK && ty != TY_BOOL)
        s = fail_at(&c, 0, "a claim must be a comparison (or several joined by and/or), "
                    "not a number");
    if (s != EQ_OK) {
        free(out->code);
        out->code = NULL;
        out->ncode = 0;
        for (int i = 0; i < out->nmove; i++) {
            free(out->move[i].action);
            free(out->move[i].match);
        }
        free(out->move);
        out->move = NULL;
        out->nmove = 0;
    }
    return s;
}

void eqi_claim_free(rclaim *c)
{
    free(c->name);
    free(c->text);
    free(c->code);
    for (int i = 0; i < c->nmove; i++) {
        free(c->move[i].action);
        free(c->move[i].match);
    }
    free(c->move);
    memset(c, 0, sizeof *c);
}

/* ---- evaluation ------------------------------------------------------ */

int eqi_claim_eval(const eq_robust *r, const rclaim *c, eq_point *const *ctxpt,
                   const double *x)
{
    double st[256];
    int sp = 0;
    for (int i = 0; i < c->ncode; i++) {
        const rins *I = &c->code[i];
        double a, b, tol, v = 0.0;
        if (sp >= 255)
            return -1;
        switch (I->op) {
        case CL_NUM:
            st[sp++] = I->k;
            continue;
        case CL_PARAM: {
            const rmodel *M = &r->model[I->b];
            st[sp++] = M->dim[I->a] >= 0 ? x[M->dim[I->a]] : M->an->base[I->a];
            continue;
        }
        case CL_MOVE: {
            const eq_point *pt = ctxpt[I->a];
            if (pt->status != EQ_OK || (pt->flags & EQ_FLAG_NONE))
                return -1;
            v = eqi_point_move_prob(pt, c->move[I->c].match, c->move[I->c].action, I->g);
            if (isnan(v))
                return -1;
            st[sp++] = v;
            continue;
        }
        case CL_PROB:
        case CL_PAY: {
            const eq_point *pt = ctxpt[I->a];
            if (pt->status != EQ_OK || (pt->flags & EQ_FLAG_NONE))
                return -1;
            if (I->op == CL_PROB)
                v = I->g < 0 ? eq_point_class_prob(pt, I->c)
                             : eq_point_given_class_prob(pt, I->g, I->c);
            else
                v = I->g < 0 ? eq_point_payoff(pt, I->c)
                             : eq_point_given_payoff(pt, I->g, I->c);
            if (isnan(v))
                return -1;
            st[sp++] = v;
            continue;
        }
        case CL_NEG:
            st[sp - 1] = -st[sp - 1];
            continue;
        case CL_NOT:
            st[sp - 1] = st[sp - 1] == 0.0;
            continue;
        default:
            break;
        }
        b = st[--sp];
        a = st[sp - 1];
        tol = 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
        switch (I->op) {
        case CL_ADD: v = a + b; break;
        case CL_SUB: v = a - b; break;
        case CL_MUL: v = a * b; break;
        case CL_DIV: v = b != 0.0 ? a / b : NAN; break;
        case CL_LT: v = a < b - tol; break;
        case CL_LE: v = a <= b + tol; break;
        case CL_GT: v = a > b + tol; break;
        case CL_GE: v = a >= b - tol; break;
        case CL_EQ: v = fabs(a - b) <= tol; break;
        case CL_NE: v = fabs(a - b) > tol; break;
        case CL_AND: v = a != 0.0 && b != 0.0; break;
        case CL_OR: v = a != 0.0 || b != 0.0; break;
        default: return -1;
        }
        if (isnan(v))
            return -1;
        st[sp - 1] = v;
    }
    return sp == 1 ? st[0] != 0.0 : -1;
}

eq_status eqi_claim_check_model(const eq_model *m, const char *text, char *err, size_t *pos)
{
    eq_robust *r = NULL;
    eq_analysis *a = NULL;
    rclaim c;
    eq_status s;
    memset(&c, 0, sizeof c);
    if (eq_robust_new(&r) != EQ_OK || eq_analysis_new(&a, m) != EQ_OK ||
        eqi_robust_add(r, a, "model", 0) != EQ_OK) {
        eq_robust_free(r);
        eq_analysis_free(a);
        return EQ_ERR_NOMEM;
    }
    s = eqi_claim_compile(r, text, &c, err, pos);
    eqi_claim_free(&c);
    eq_robust_free(r);
    eq_analysis_free(a);
    return s;
}
