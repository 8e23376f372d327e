/*
** parse.c -- reading a .game model: the declarations of the language, one
** function each, over the tokens of lexer.c, with expressions compiled by
** expr.c; then the checks of check.c.  The language is documented in
** models/LANGUAGE.md ("The model language").
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

int eqi_label_same(const char *a, const char *b)
{
    a = eqi_label_norm(a);
    b = eqi_label_norm(b);
    return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* ------------------------------------------------------------------ */
/* The parser                                                           */
/* ------------------------------------------------------------------ */

static const eqi_tok *peek(const parser *p, int k)
{
    int i = p->cur.i + k;
    return &p->lx.tok[i < p->lx.ntok ? i : p->lx.ntok - 1];
}

static void adv(parser *p)
{
    if (tok(p)->kind != EQI_TK_EOF)
        p->cur.i++;
}

eq_status eqi_parse_fail(parser *p, const eqi_loc *at, const char *fmt, ...)
{
    va_list ap;
    eq_status s;
    va_start(ap, fmt);
    s = eqi_diag_vat(&p->src, EQ_ERR_PARSE, at, fmt, ap);
    va_end(ap);
    return s;
}

/* "expected WHAT, found TOKEN" at the current token. */
static eq_status expected(parser *p, const char *what)
{
    char b[64];
    return eqi_parse_fail(p, &tok(p)->at, "expected %s, found %s", what,
                          eqi_tok_describe(&p->lx, tok(p), b, sizeof b));
}

static int is_name(const eqi_tok *t)
{
    return t->kind == EQI_TK_IDENT || t->kind == EQI_TK_STRING;
}

/* Whether the line at the cursor is "start NODE". */
static int at_start_decl(const parser *p)
{
    const eqi_tok *t = tok(p);
    return t->kind == EQI_TK_IDENT && strcmp(text(p, t), "start") == 0 &&
           is_name(peek(p, 1)) &&
           (peek(p, 2)->kind == EQI_TK_NL || peek(p, 2)->kind == EQI_TK_EOF);
}

/* Whether the line at the cursor is "equilibrium ...". */
static int at_concept_decl(const parser *p)
{
    const eqi_tok *t = tok(p);
    return t->kind == EQI_TK_IDENT && strcmp(text(p, t), "equilibrium") == 0 &&
           peek(p, 1)->kind == EQI_TK_IDENT;
}

/* Whether a declaration (or the end of the file) begins at the cursor:
** it ends the block of lines before it.  Past the reserved words, each
** kind starts with an identifier, so a line starting otherwise (a quoted
** action name: every action line of a large template) needs no more. */
static int at_decl(const parser *p)
{
    eqi_tk k = tok(p)->kind;
    return k == EQI_TK_GAME || k == EQI_TK_PLAYERS || k == EQI_TK_PARAM ||
           k == EQI_TK_LET || k == EQI_TK_NODE || k == EQI_TK_STAGE ||
           k == EQI_TK_INFOSET || k == EQI_TK_EOF ||
           (k == EQI_TK_IDENT && (at_start_decl(p) || at_concept_decl(p) ||
                                  eqi_at_outcome_decl(p) || eqi_at_set_line(p, p->cur.i)));
}

/* Expect token kind k (described as what) and move past it. */
static eq_status want(parser *p, eqi_tk k, const char *what)
{
    if (tok(p)->kind != k)
        return expected(p, what);
    adv(p);
    return EQ_OK;
}

/* The end of a line: a NL (and any that follow) or the end of file. */
static eq_status end_line(parser *p, const char *after)
{
    char b[64];
    if (tok(p)->kind == EQI_TK_EOF)
        return EQ_OK;
    if (tok(p)->kind != EQI_TK_NL)
        return eqi_parse_fail(p, &tok(p)->at,
                              "expected the end of the line after %s, found %s", after,
                              eqi_tok_describe(&p->lx, tok(p), b, sizeof b));
    while (tok(p)->kind == EQI_TK_NL)
        adv(p);
    return EQ_OK;
}

/* A copy of a name token's text; NULL for no memory. */
static char *dup_text(parser *p, const eqi_tok *t)
{
    return eqi_strdup(text(p, t));
}

static int find_player(const parser *p, const eqi_tok *t)
{
    return eqi_map_get(&p->players, text(p, t));
}

/* The current token as a player: index, or an error. */
static eq_status take_player(parser *p, int *pl)
{
    const eqi_tok *t = tok(p);
    if (!is_name(t))
        return expected(p, "a player's name");
    if ((*pl = find_player(p, t)) < 0)
        return eqi_parse_fail(p, &t->at, "unknown player '%.64s'", text(p, t));
    adv(p);
    return EQ_OK;
}

/* The word w (an identifier that is a keyword only here, like "in"). */
static eq_status want_word(parser *p, const char *w, const char *what)
{
    if (tok(p)->kind != EQI_TK_IDENT || strcmp(text(p, tok(p)), w) != 0)
        return expected(p, what);
    adv(p);
    return EQ_OK;
}

/* An optional number sign and a number: a parameter's default or bound. */
static eq_status take_number(parser *p, double *v)
{
    int neg = 0;
    if (tok(p)->kind == EQI_TK_MINUS || tok(p)->kind == EQI_TK_PLUS) {
        neg = tok(p)->kind == EQI_TK_MINUS;
        adv(p);
    }
    if (tok(p)->kind != EQI_TK_NUMBER)
        return expected(p, "a number");
    *v = neg ? -tok(p)->num : tok(p)->num;
    adv(p);
    return EQ_OK;
}

/* ---- names and values ----------------------------------------------- */

static int resolve(void *ud, const char *name, eqi_sym *out)
{
    const parser *p = ud;
    const eq_model *m = p->m;
    int k = eqi_map_get(&p->values, name);
    if (k < 0)
        return 0;
    memset(out, 0, sizeof *out);
    out->slot = k;
    if (k < m->nparam) {
        out->is_enum = m->param[k].is_enum;
        out->structural = out->is_enum;
        out->nchoice = m->param[k].nchoice;
        out->choice = m->param[k].choice;
    } else {
        out->structural = m->expr[m->let[k - m->nparam].expr].structural;
    }
    return 1;
}

/* Compile the expression at the cursor; its index goes to *e. */
static eq_status expression(parser *p, int *e)
{
    eq_model *m = p->m;
    eq_status s;
    if (eqi_grow(&m->expr, &p->cap_expr, (size_t)(m->nexpr + 1), sizeof *m->expr))
        return nomem(p);
    if ((s = eqi_expr_compile(&m->code, &p->cur, resolve, p, &m->expr[m->nexpr])) != EQ_OK)
        return s;
    *e = m->nexpr++;
    return EQ_OK;
}

/* Slot of key k in p's table of number payoffs (empty or holding k). */
static size_t payoff_slot(const parser *p, uint64_t k)
{
    size_t h = (size_t)((k ^ (k >> 29)) * 0x9E3779B97F4A7C15u >> 17) & (p->capk - 1);
    while (p->kval[h] >= 0 && p->kkey[h] != k)
        h = (h + 1) & (p->capk - 1);
    return h;
}

/* A payoff: an expression, or one number ("5", or "- 5" as a template's
** folding writes a negative value) ending at ',' or ')'.  A number is
** compiled once per value (the bits of the double, so -0 and 0 differ)
** and its expression shared by every tuple that pays it: a million-node
** tree written with families pays a few hundred distinct numbers, and an
** expression with its code takes 64 bytes.  A number is never a run-time
** error, so the place the shared expression keeps (its first use) is
** never reported. */
static eq_status payoff(parser *p, int *e)
{
    int neg = tok(p)->kind == EQI_TK_MINUS, nt = neg ? 2 : 1;
    eqi_tk after = peek(p, nt)->kind;
    double v;
    uint64_t k;
    size_t h;
    eq_status s;

    if (peek(p, neg)->kind != EQI_TK_NUMBER || (after != EQI_TK_COMMA && after != EQI_TK_RPAREN))
        return expression(p, e);
    v = neg ? -peek(p, 1)->num : peek(p, 0)->num;
    memcpy(&k, &v, sizeof k);
    if (p->capk > 0) {
        h = payoff_slot(p, k);
        if (p->kval[h] >= 0) {
            *e = p->kval[h];
            p->cur.i += nt;
            return EQ_OK;
        }
    }
    if ((s = expression(p, e)) != EQ_OK)
        return s;
    if (2 * (p->nk + 1) > p->capk) {       /* at most half full */
        size_t cap = p->capk ? 2 * p->capk : 64, oldcap = p->capk;
        uint64_t *okey = p->kkey, *nkey = malloc(cap * sizeof *nkey);
        int *oval = p->kval, *nval = malloc(cap * sizeof *nval);
        if (nkey == NULL || nval == NULL) {
            free(nkey);
            free(nval);
            return nomem(p);
        }
        for (size_t j = 0; j < cap; j++)
            nval[j] = -1;
        p->kkey = nkey;
        p->kval = nval;
        p->capk = cap;
        for (size_t j = 0; j < oldcap; j++)
            if (oval[j] >= 0) {
                size_t g = payoff_slot(p, okey[j]);
                p->kkey[g] = okey[j];
                p->kval[g] = oval[j];
            }
        free(okey);
        free(oval);
    }
    h = payoff_slot(p, k);
    p->kkey[h] = k;
    p->kval[h] = *e;
    p->nk++;
    return EQ_OK;
}

/* A name is free in the namespace of parameters and lets. */
static eq_status fresh_value(parser *p, const eqi_tok *t)
{
    int k = eqi_map_get(&p->values, text(p, t));
    if (k >= 0) {
        const eqi_loc *at = k < p->m->nparam ? &p->m->param[k].at
                                              : &p->m->let[k - p->m->nparam].at;
        return eqi_parse_fail(p, &t->at, "duplicate name '%.64s' (already declared at line %d)",
                              text(p, t), at->line);
    }
    return EQ_OK;
}

/* ---- declarations --------------------------------------------------- */

static eq_status parse_game(parser *p)
{
    const eqi_tok *t = tok(p);
    /* A title of its own replaces the title of a file the model includes. */
    if (p->game_tok >= 0 &&
        eqi_seg_of(p->m->seg, p->m->nseg, p->lx.tok[p->game_tok].at.off) ==
            eqi_seg_of(p->m->seg, p->m->nseg, t->at.off))
        return eqi_parse_fail(p, &t->at, "the title is given twice (first at line %d)",
                              p->lx.tok[p->game_tok].at.line);
    p->game_tok = p->cur.i;
    adv(p);
    if (tok(p)->kind != EQI_TK_STRING)
        return expected(p, "the game's title as a string (game \"Title\")");
    free(p->m->title);
    if ((p->m->title = dup_text(p, tok(p))) == NULL)
        return nomem(p);
    adv(p);
    return end_line(p, "the title");
}

static eq_status parse_players(parser *p)
{
    eq_model *m = p->m;
    const eqi_tok *t = tok(p);
    if (p->players_tok >= 0)
        return eqi_parse_fail(p, &t->at, "the players are declared twice (first at line %d)",
                              p->lx.tok[p->players_tok].at.line);
    p->players_tok = p->cur.i;
    adv(p);
    if (!is_name(tok(p)))
        return expected(p, "the players' names");
    if ((m->pname = calloc(EQ_MAX_PLAYERS, sizeof *m->pname)) == NULL)
        return nomem(p);
    while (is_name(tok(p))) {
        t = tok(p);
        if (find_player(p, t) >= 0)
            return eqi_parse_fail(p, &t->at, "duplicate player '%.64s'", text(p, t));
        if (m->n == EQ_MAX_PLAYERS)
            return eqi_parse_fail(p, &t->at, "too many players (at most %d)", EQ_MAX_PLAYERS);
        if ((m->pname[m->n] = dup_text(p, t)) == NULL)
            return nomem(p);
        m->n++;              /* the name is the model's, freed with it */
        if (eqi_map_put(&p->players, m->pname[m->n - 1], m->n - 1) != 0)
            return nomem(p);
        adv(p);
    }
    return end_line(p, "the players' names");
}

/* param NAME = NUMBER in [LO, HI] ["description"]
** param NAME = CHOICE in {CHOICE, ...} ["description"] */
static eq_status parse_param(parser *p)
{
    eq_model *m = p->m;
    const eqi_tok *nt, *dt;
    mparam *q;
    eq_status s;
    int slot;

    if (m->nlet > 0)
        return eqi_parse_fail(p, &tok(p)->at, "declare the parameters before the first 'let'");
    adv(p);
    nt = tok(p);
    if (nt->kind != EQI_TK_IDENT)
        return expected(p, "the parameter's name");
    if ((s = fresh_value(p, nt)) != EQ_OK)
        return s;
    /* The slots were counted by eqi_scan_sets: the array is in place. */
    if (p->nparsed >= m->nparam)
        return eqi_parse_fail(p, &nt->at, "a parameter declared where none was expected");
    slot = p->pslot[p->nparsed++];
    q = &m->param[slot];    /* owned from here, so freed on failure */
    q->at = nt->at;
    if ((q->name = dup_text(p, nt)) == NULL)
        return nomem(p);
    adv(p);
    if ((s = want(p, EQI_TK_ASSIGN, "'=' and the default value")) != EQ_OK)
        return s;
    dt = tok(p);
    if (dt->kind == EQI_TK_IDENT) {
        /* Enumerated: the choices are names. */
        int def = -1;
        size_t cap = 0;
        adv(p);
        if ((s = want_word(p, "in", "'in' and the parameter's domain")) != EQ_OK ||
            (s = want(p, EQI_TK_LBRACE, "'{' and the choices")) != EQ_OK)
            return s;
        q->is_enum = 1;
        for (;;) {
            const eqi_tok *c = tok(p);
            if (c->kind != EQI_TK_IDENT)
                return expected(p, "a choice's name");
            for (int i = 0; i < q->nchoice; i++)
                if (strcmp(q->choice[i], text(p, c)) == 0)
                    return eqi_parse_fail(p, &c->at, "duplicate choice '%.64s'", text(p, c));
            if (eqi_grow(&q->choice, &cap, (size_t)(q->nchoice + 1), sizeof *q->choice) ||
                (q->choice[q->nchoice] = dup_text(p, c)) == NULL)
                return nomem(p);
            if (strcmp(q->choice[q->nchoice], text(p, dt)) == 0)
                def = q->nchoice;
            q->nchoice++;
            adv(p);
            if (tok(p)->kind == EQI_TK_RBRACE)
                break;
            if ((s = want(p, EQI_TK_COMMA, "',' or '}'")) != EQ_OK)
                return s;
        }
        adv(p);
        if (def < 0)
            return eqi_parse_fail(p, &dt->at, "the default '%.64s' is not one of the choices",
                                  text(p, dt));
        q->def = def;
        q->lo = 0;
        q->hi = q->nchoice - 1;
    } else {
        if ((s = take_number(p, &q->def)) != EQ_OK)
            return s;
        if ((s = want_word(p, "in", "'in' and the parameter's domain")) != EQ_OK ||
            (s = want(p, EQI_TK_LBRACK, "'[' and the bounds")) != EQ_OK ||
            (s = take_number(p, &q->lo)) != EQ_OK ||
            (s = want(p, EQI_TK_COMMA, "','")) != EQ_OK ||
            (s = take_number(p, &q->hi)) != EQ_OK ||
            (s = want(p, EQI_TK_RBRACK, "']'")) != EQ_OK)
            return s;
        if (q->lo > q->hi)
            return eqi_parse_fail(p, &nt->at, "the domain of '%.64s' is empty: its lower bound "
                                  "exceeds its upper bound", q->name);
        if (q->def < q->lo || q->def > q->hi) {
            char a[32], b[32], c[32];
            eqi_format_double(q->def, a, sizeof a);
            eqi_format_double(q->lo, b, sizeof b);
            eqi_format_double(q->hi, c, sizeof c);
            return eqi_parse_fail(p, &dt->at, "the default %s lies outside the domain [%s, %s]",
                                  a, b, c);
        }
    }
    if (tok(p)->kind == EQI_TK_STRING) {
        if ((q->desc = dup_text(p, tok(p))) == NULL)
            return nomem(p);
        adv(p);
    } else if ((q->desc = eqi_strdup("")) == NULL) {
        return nomem(p);
    }
    if ((s = eqi_apply_set(p, q)) != EQ_OK)
        return s;
    if (eqi_map_put(&p->values, q->name, slot) != 0)
        return nomem(p);
    return end_line(p, "the parameter");
}

/* let NAME = EXPR */
static eq_status parse_let(parser *p)
{
    eq_model *m = p->m;
    const eqi_tok *nt;
    mlet *l;
    eq_status s;
    int e = -1, hidden;

    adv(p);
    nt = tok(p);
    if (nt->kind != EQI_TK_IDENT)
        return expected(p, "the name being defined");
    /* A name starting with '#' comes from the expansion of a normal grid
    ** (family_types.c), never from a file: an argument to check at
    ** instantiation, which no expression can name. */
    hidden = text(p, nt)[0] == '#';
    if (!hidden && (s = fresh_value(p, nt)) != EQ_OK)
        return s;
    adv(p);
    if ((s = want(p, EQI_TK_ASSIGN, "'='")) != EQ_OK || (s = expression(p, &e)) != EQ_OK)
        return s;
    if (eqi_grow(&m->let, &p->cap_let, (size_t)(m->nlet + 1), sizeof *m->let))
        return nomem(p);
    l = &m->let[m->nlet];
    l->expr = e;
    l->at = nt->at;
    l->guard = hidden && strncmp(text(p, nt), "#mu ", 4) == 0;
    if ((l->name = dup_text(p, nt)) == NULL)
        return nomem(p);
    m->nlet++;
    if (!hidden && eqi_map_put(&p->values, l->name, m->nparam + m->nlet - 1) != 0)
        return nomem(p);
    return end_line(p, "the definition");
}

/* Append a target; returns its index or -1 (no memory). */
static int new_target(parser *p, int node, int tuple, int tk, const eqi_loc *at)
{
    eq_model *m = p->m;
    if (eqi_grow(&m->tgt, &p->cap_tgt, (size_t)(m->ntgt + 1), sizeof *m->tgt))
        return -1;
    m->tgt[m->ntgt].node = node;
    m->tgt[m->ntgt].tuple = tuple;
    m->tgt[m->ntgt].tok = tk;
    m->tgt[m->ntgt].at = *at;
    return m->ntgt++;
}

/* A payoff tuple: (e1, ..., en) in player order, or (P: e, ...) by name,
** naming every player once.  Its index goes to *tu. */
static eq_status parse_tuple(parser *p, int *tu)
{
    eq_model *m = p->m;
    eqi_loc open = tok(p)->at;
    int n = m->n, *ex;
    int named = is_name(peek(p, 1)) && peek(p, 2)->kind == EQI_TK_COLON;
    eq_status s;

    adv(p);
    if (m->ntuple >= INT_MAX / EQ_MAX_PLAYERS - 1 ||
        eqi_grow(&m->tupexpr, &p->cap_tupexpr, (size_t)((m->ntuple + 1) * n), sizeof *m->tupexpr))
        return nomem(p);
    ex = m->tupexpr + (size_t)m->ntuple * (size_t)n;
    for (int q = 0; q < n; q++)
        ex[q] = -1;
    for (int k = 0;; k++) {
        int q = k, e = -1;
        if (named) {
            const eqi_tok *pt = tok(p);
            if (!is_name(pt))
                return expected(p, "a player's name and ':' (PLAYER: payoff)");
            if ((q = find_player(p, pt)) < 0)
                return eqi_parse_fail(p, &pt->at, "unknown player '%.64s'", text(p, pt));
            if (ex[q] >= 0)
                return eqi_parse_fail(p, &pt->at,
                                      "the payoff of '%.64s' is given twice", text(p, pt));
            adv(p);
            if ((s = want(p, EQI_TK_COLON, "':'")) != EQ_OK)
                return s;
        } else if (k >= n) {
            return eqi_parse_fail(p, &open, "wrong number of payoffs: the tuple has more than %d, "
                                  "but there %s %d player%s", n, n == 1 ? "is" : "are", n,
                                  n == 1 ? "" : "s");
        }
        if ((s = payoff(p, &e)) != EQ_OK)
            return s;
        ex[q] = e;
        if (tok(p)->kind == EQI_TK_RPAREN)
            break;
        if (tok(p)->kind != EQI_TK_COMMA)
            return expected(p, "',' or ')' in a payoff tuple");
        adv(p);
    }
    adv(p);
    for (int q = 0; q < n; q++)
        if (ex[q] < 0) {
            if (named)
                return eqi_parse_fail(p, &open, "no payoff for '%.64s' (a tuple by name must give "
                                      "every player's payoff)", m->pname[q]);
            return eqi_parse_fail(p, &open, "wrong number of payoffs: the tuple has %d, but there "
                                  "are %d players", q, n);
        }
    *tu = m->ntuple++;
    return EQ_OK;
}

/* A target: a node's name or a payoff tuple.  Its index goes to *ti. */
static eq_status parse_target(parser *p, int *ti)
{
    const eqi_tok *t = tok(p);
    eq_status s;
    int tu = -1;
    if (t->kind == EQI_TK_LPAREN) {
        if ((s = parse_tuple(p, &tu)) != EQ_OK)
            return s;
        *ti = new_target(p, -1, tu, -1, &t->at);
    } else if (is_name(t)) {
        *ti = new_target(p, -1, -1, p->cur.i, &t->at);
        adv(p);
    } else {
        return expected(p, "a node's name or a payoff tuple");
    }
    return *ti < 0 ? nomem(p) : EQ_OK;
}

/* Append an action name; returns its index or -1. */
static int new_action(parser *p, const eqi_tok *t)
{
    eq_model *m = p->m;
    if (eqi_grow(&m->aname, &p->cap_aname, (size_t)(m->naction + 1), sizeof *m->aname) ||
        eqi_grow(&m->aprob, &p->cap_aprob, (size_t)(m->naction + 1), sizeof *m->aprob) ||
        eqi_grow(&m->aat, &p->cap_aat, (size_t)(m->naction + 1), sizeof *m->aat))
        return -1;
    if ((m->aname[m->naction] = eqi_pool_str(&m->strs, text(p, t))) == NULL)
        return -1;
    m->aprob[m->naction] = -1;
    m->aat[m->naction] = t->at;
    return m->naction++;
}

/* Whether action names [a0, a0 + k) include name. */
static int has_action(const eq_model *m, int a0, int k, const char *name)
{
    for (int a = a0; a < a0 + k; a++)
        if (strcmp(m->aname[a], name) == 0)
            return a - a0;
    return -1;
}

/* The slot of name in the table of node aslot_node's actions: where it
** is, or the empty slot where it would go. */
static size_t action_slot(const parser *p, const char *name)
{
    size_t i = (size_t)eqi_hash_str(name) & (p->asize - 1);
    while (p->aslot[i] >= 0 && strcmp(p->m->aname[p->aslot[i]], name) != 0)
        i = (i + 1) & (p->asize - 1);
    return i;
}

/* Whether node v's actions so far include name: a scan while they are
** few, then a hash table kept at most a quarter full (a node of a
** thousand actions was a million comparisons).  Returns 1, 0, or -1 for
** lack of memory. */
static int seen_action(parser *p, int v, const char *name)
{
    const eq_model *m = p->m;
    const mnode *x = &m->node[v];
    if (x->nact < 16)
        return has_action(m, x->act0, x->nact, name) >= 0;
    if (p->aslot_node != v || 4 * ((size_t)x->nact + 1) > p->asize) {
        size_t size = 64;
        while (size < 8 * ((size_t)x->nact + 1))
            size *= 2;
        if (eqi_grow(&p->aslot, &p->capaslot, size, sizeof *p->aslot) != 0)
            return -1;
        p->asize = size;
        p->aslot_node = v;
        for (size_t i = 0; i < size; i++)
            p->aslot[i] = -1;
        for (int a = x->act0; a < x->act0 + x->nact; a++)
            p->aslot[action_slot(p, m->aname[a])] = a;
    }
    return p->aslot[action_slot(p, name)] >= 0;
}

/* Start a node or stage: name, optional label, ':'.  Returns it in *v. */
static eq_status node_head(parser *p, int kind, int *v)
{
    eq_model *m = p->m;
    const eqi_tok *kw = tok(p), *nt;
    mnode *x;
    int prev;
    if (p->players_tok < 0)
        return eqi_parse_fail(p, &kw->at,
                              "declare the players (players A B ...) before the first %s",
                              kind == MN_STAGE ? "stage" : "node");
    adv(p);
    nt = tok(p);
    if (!is_name(nt))
        return expected(p, kind == MN_STAGE ? "the stage's name" : "the node's name");
    if ((prev = eqi_map_get(&p->nodes, text(p, nt))) >= 0)
        return eqi_parse_fail(p, &nt->at, "duplicate node '%.64s' (first declared at line %d)",
                              text(p, nt), m->node[prev].at.line);
    if (eqi_grow(&m->node, &p->cap_node, (size_t)(m->nnode + 1), sizeof *m->node))
        return nomem(p);
    x = &m->node[m->nnode];
    memset(x, 0, sizeof *x);
    m->nnode++;
    x->kind = kind;
    x->at = nt->at;
    x->player = x->iset = x->cond = -1;
    x->slot0 = -1;
    if ((x->name = dup_text(p, nt)) == NULL ||
        eqi_map_put(&p->nodes, x->name, m->nnode - 1) != 0)
        return nomem(p);
    adv(p);
    if (tok(p)->kind == EQI_TK_STRING) {
        const char *l = text(p, tok(p));
        if (l[0] != '\0' && (x->label = eqi_strdup(l)) == NULL)
            return nomem(p);
        adv(p);
    } else if ((x->label = eqi_strdup(x->name)) == NULL) {
        return nomem(p);
    }
    *v = m->nnode - 1;
    return want(p, EQI_TK_COLON, "':'");
}

/* The action lines of a decision node (ACTION -> TARGET) or the moves of
** a chance node (MOVE (PROB) -> TARGET). */
static eq_status parse_actions(parser *p, int v, int chance)
{
    eq_model *m = p->m;
    eq_status s;
    m->node[v].act0 = m->naction;
    m->node[v].tgt0 = m->ntgt;
    while (is_name(tok(p)) && !at_decl(p)) {
        const eqi_tok *at = tok(p);
        mnode *x = &m->node[v];
        int a, ti, e = -1, dup = chance ? 0 : seen_action(p, v, text(p, at));
        if (dup < 0)
            return nomem(p);
        if (dup)
            return eqi_parse_fail(p, &at->at, "duplicate action '%.64s' at node '%.64s'",
                                  text(p, at), x->name);
        if ((a = new_action(p, at)) < 0)
            return nomem(p);
        if (p->aslot_node == v)
            p->aslot[action_slot(p, m->aname[a])] = a;
        adv(p);
        if (chance) {
            if ((s = want(p, EQI_TK_LPAREN, "'(' and the move's probability")) != EQ_OK ||
                (s = expression(p, &e)) != EQ_OK ||
                (s = want(p, EQI_TK_RPAREN, "')' after the probability")) != EQ_OK)
                return s;
            m->aprob[a] = e;
        }
        if ((s = want(p, EQI_TK_ARROW, chance ? "'->' and where the move leads"
                                              : "'->' and where the action leads")) != EQ_OK ||
            (s = parse_target(p, &ti)) != EQ_OK)
            return s;
        /* Targets and actions are appended in step: target k of the node
        ** is tgt0 + k, so nothing else may append targets meanwhile
        ** (a tuple's expressions do not). */
        m->node[v].nact++;
        m->node[v].ntgt++;
        if ((s = end_line(p, chance ? "the move" : "the action")) != EQ_OK)
            return s;
    }
    if (m->node[v].nact == 0) {
        if (at_decl(p))
            return eqi_parse_fail(p, &m->node[v].at, "node '%.64s' has no %s", m->node[v].name,
                                  chance ? "moves" : "actions");
        return expected(p, chance ? "a move (MOVE (PROBABILITY) -> TARGET)"
                                  : "an action (ACTION -> TARGET)");
    }
    if (!at_decl(p))
        return expected(p, chance ? "another move or a declaration"
                                  : "another action or a declaration");
    return EQ_OK;
}

static eq_status parse_node(parser *p)
{
    eq_model *m = p->m;
    eq_status s;
    int v, ti, e = -1;

    if ((s = node_head(p, MN_DECISION, &v)) != EQ_OK)
        return s;
    switch (tok(p)->kind) {
    case EQI_TK_CHANCE:
        m->node[v].kind = MN_CHANCE;
        adv(p);
        if ((s = end_line(p, "'chance'")) != EQ_OK)
            return s;
        return parse_actions(p, v, 1);
    case EQI_TK_IF: {
        eqi_expr *x;
        m->node[v].kind = MN_SWITCH;
        adv(p);
        if ((s = expression(p, &e)) != EQ_OK)
            return s;
        x = &m->expr[e];
        if (!x->structural)
            return eqi_parse_fail(p, &p->lx.tok[x->nonstruct_tok].at,
                                  "the condition of a structural 'if' may use only "
                                  "enumerated parameters, and '%.40s' is not one (for a "
                                  "condition on numbers, use an if-expression in the "
                                  "payoffs)", text(p, &p->lx.tok[x->nonstruct_tok]));
        m->node[v].cond = e;
        if ((s = want(p, EQI_TK_THEN, "'then'")) != EQ_OK ||
            (s = parse_target(p, &ti)) != EQ_OK)
            return s;
        m->node[v].tgt0 = ti;   /* then ti, else ti + 1: nothing in between */
        if ((s = want(p, EQI_TK_ELSE, "'else'")) != EQ_OK ||
            (s = parse_target(p, &ti)) != EQ_OK)
            return s;
        m->node[v].ntgt = 2;
        return end_line(p, "the structural if");
    }
    case EQI_TK_LPAREN:
        m->node[v].kind = MN_TERMINAL;
        if ((s = parse_target(p, &ti)) != EQ_OK)
            return s;
        m->node[v].tgt0 = ti;
        m->node[v].ntgt = 1;
        return end_line(p, "the payoffs");
    default:
        if (is_name(tok(p)) && peek(p, 1)->kind == EQI_TK_CHOOSES) {
            int pl;
            if ((s = take_player(p, &pl)) != EQ_OK)
                return s;
            m->node[v].player = pl;
            adv(p);
            if ((s = end_line(p, "'chooses'")) != EQ_OK)
                return s;
            return parse_actions(p, v, 0);
        }
        return expected(p, "'PLAYER chooses', 'chance', 'if' or a payoff tuple");
    }
}

/* A line of action names (a stage's header): their indices go from *a0. */
static eq_status name_line(parser *p, int *a0, int *k, const char *who)
{
    eq_model *m = p->m;
    *a0 = p->m->naction;
    *k = 0;
    if (!is_name(tok(p)))
        return expected(p, "a line naming the column player's actions");
    while (is_name(tok(p))) {
        if (has_action(m, *a0, *k, text(p, tok(p))) >= 0)
            return eqi_parse_fail(p, &tok(p)->at, "duplicate action '%.64s' of %s",
                                  text(p, tok(p)), who);
        if (new_action(p, tok(p)) < 0)
            return nomem(p);
        (*k)++;
        adv(p);
    }
    return end_line(p, "the column player's actions");
}

/* One cell: a payoff tuple, or '->' NODE, or NODE. */
static eq_status parse_cell(parser *p, int *ti)
{
    if (tok(p)->kind == EQI_TK_ARROW) {
        adv(p);
        if (!is_name(tok(p)))
            return expected(p, "a node's name after '->'");
    } else if (tok(p)->kind != EQI_TK_LPAREN && !is_name(tok(p))) {
        return expected(p, "a cell (a payoff tuple, '-> NODE' or a node's name)");
    }
    return parse_target(p, ti);
}

/* Record one cell (row r, column c, third action d, target ti) in tmp. */
static eq_status put_cell(parser *p, int *ntmp, int r, int c, int d, int ti)
{
    if (eqi_grow(&p->tmp, &p->captmp, (size_t)(4 * (*ntmp + 1)), sizeof *p->tmp))
        return nomem(p);
    p->tmp[4 * *ntmp] = r;
    p->tmp[4 * *ntmp + 1] = c;
    p->tmp[4 * *ntmp + 2] = d;
    p->tmp[4 * *ntmp + 3] = ti;
    (*ntmp)++;
    return EQ_OK;
}

/* The rows of one matrix, each an action and one cell per column.  In
** the first block they define the row player's actions (*rows0, *nrows);
** later blocks must list the same rows, in any order.  cmap maps this
** block's columns to the first block's. */
static eq_status parse_rows(parser *p, int v, int block, int d, const int *cmap,
                            int *rows0, int *nrows, int *ntmp)
{
    eq_model *m = p->m;
    const eqi_loc bat = tok(p)->at;
    int seen = 0, r0 = m->naction, np = m->node[v].np, nc = m->node[v].nc;
    const char *rowp = m->pname[m->node[v].sp[0]];
    eq_status s;

    while (is_name(tok(p)) && !at_decl(p) &&
           !(np == 3 && peek(p, 1)->kind == EQI_TK_ASSIGN)) {
        const eqi_tok *rt = tok(p);
        int r;
        if (has_action(m, r0, seen, text(p, rt)) >= 0)
            return eqi_parse_fail(p, &rt->at, "duplicate action '%.64s' of %s", text(p, rt), rowp);
        if (block == 0) {
            r = seen;
        } else if ((r = has_action(m, *rows0, *nrows, text(p, rt))) < 0) {
            return eqi_parse_fail(p, &rt->at, "unknown action '%.64s' of %s (the first block has "
                                  "no such row)", text(p, rt), rowp);
        }
        if (new_action(p, rt) < 0)
            return nomem(p);
        seen++;
        adv(p);
        for (int c = 0; c < nc; c++) {
            int ti;
            if (tok(p)->kind == EQI_TK_NL || tok(p)->kind == EQI_TK_EOF)
                return eqi_parse_fail(p, &tok(p)->at, "row '%.64s' has %d cell%s, but there are %d "
                                      "columns", text(p, rt), c, c == 1 ? "" : "s", nc);
            if ((s = parse_cell(p, &ti)) != EQ_OK ||
                (s = put_cell(p, ntmp, r, cmap[c], d, ti)) != EQ_OK)
                return s;
        }
        if (tok(p)->kind != EQI_TK_NL && tok(p)->kind != EQI_TK_EOF)
            return eqi_parse_fail(p, &tok(p)->at, "row '%.64s' has more cells than the %d column%s",
                                  text(p, rt), nc, nc == 1 ? "" : "s");
        if ((s = end_line(p, "the row")) != EQ_OK)
            return s;
    }
    if (seen == 0)
        return expected(p, "a row (ACTION and one cell per column)");
    if (block == 0) {
        *rows0 = r0;
        *nrows = seen;
    } else if (seen != *nrows) {
        return eqi_parse_fail(p, &bat, "this block has %d row%s, the first has %d", seen,
                              seen == 1 ? "" : "s", *nrows);
    }
    return EQ_OK;
}

/* What parse_stage gathers across the blocks of one stage. */
typedef struct {
    int v;           /* the stage's node */
    int first_tgt;   /* its first target in m->tgt */
    int ntmp;        /* cells read so far (four ints each in p->tmp) */
    int rows0;       /* first row action, or -1 */
    int nrows;       /* rows per block */
    int col0;        /* first column action of the first block, or -1 */
    int ncol;        /* columns per block */
    int *cmap;       /* this block's column -> the first block's */
    size_t capmap;
    int *third;      /* token of each of the third player's actions */
    int nthird;
    size_t capthird;
} stage_acc;

/* Reads ROW x COLUMN [x THIRD] and the end of the line into node v. */
static eq_status stage_players(parser *p, int v)
{
    eq_model *m = p->m;
    eq_status s;

    for (int k = 0; k < 3; k++) {
        int pl;
        if (k > 0) {
            if (k == 2 && tok(p)->kind != EQI_TK_IDENT)
                break;
            if (tok(p)->kind != EQI_TK_IDENT || strcmp(text(p, tok(p)), "x") != 0)
                return expected(p, "'x' between the stage's players");
            adv(p);
        }
        if ((s = take_player(p, &pl)) != EQ_OK)
            return s;
        for (int j = 0; j < k; j++)
            if (m->node[v].sp[j] == pl)
                return eqi_parse_fail(p, &p->lx.tok[p->cur.i - 1].at,
                                      "player '%.64s' appears twice "
                                      "in the stage", m->pname[pl]);
        m->node[v].sp[k] = pl;
        m->node[v].np = k + 1;
    }
    if ((s = end_line(p, "the stage's players")) != EQ_OK)
        return s;
    m->node[v].player = m->node[v].sp[0];
    return EQ_OK;
}

/* PLAYER = ACTION: introduces the matrix of one of the third player's
** actions; sets *d to its index, or *more to 0 when no block follows. */
static eq_status stage_block_header(parser *p, stage_acc *a, int block, int *d, int *more)
{
    eq_model *m = p->m;
    const mnode *x = &m->node[a->v];
    const eqi_tok *dt;
    eq_status s;

    if (block > 0 && !(is_name(tok(p)) && peek(p, 1)->kind == EQI_TK_ASSIGN)) {
        *more = 0;
        return EQ_OK;
    }
    if (!is_name(tok(p)) || find_player(p, tok(p)) != x->sp[2])
        return expected(p, "a block header naming the third player's action "
                        "(PLAYER = ACTION:)");
    adv(p);
    if ((s = want(p, EQI_TK_ASSIGN, "'='")) != EQ_OK)
        return s;
    dt = tok(p);
    if (!is_name(dt))
        return expected(p, "the third player's action");
    for (int i = 0; i < a->nthird; i++)
        if (strcmp(text(p, &p->lx.tok[a->third[i]]), text(p, dt)) == 0)
            return eqi_parse_fail(p, &dt->at, "duplicate action '%.64s' of %s", text(p, dt),
                                  m->pname[x->sp[2]]);
    if (eqi_grow(&a->third, &a->capthird, (size_t)(a->nthird + 1), sizeof *a->third))
        return nomem(p);
    *d = a->nthird;
    a->third[a->nthird++] = p->cur.i;
    adv(p);
    if ((s = want(p, EQI_TK_COLON, "':'")) != EQ_OK)
        return s;
    return end_line(p, "the block header");
}

/* Reads a block's column names and maps them onto the first block's,
** which may list the same columns in another order. */
static eq_status stage_columns(parser *p, stage_acc *a, int block)
{
    eq_model *m = p->m;
    int c0, nc;
    eq_status s;

    if ((s = name_line(p, &c0, &nc, m->pname[m->node[a->v].sp[1]])) != EQ_OK)
        return s;
    if (eqi_grow(&a->cmap, &a->capmap, (size_t)nc, sizeof *a->cmap))
        return nomem(p);
    if (block == 0) {
        a->col0 = c0;
        a->ncol = nc;
        for (int c = 0; c < nc; c++)
            a->cmap[c] = c;
    } else {
        if (nc != a->ncol)
            return eqi_parse_fail(p, &m->aat[c0], "this block has %d column%s, the first has %d",
                                  nc, nc == 1 ? "" : "s", a->ncol);
        for (int c = 0; c < nc; c++)
            if ((a->cmap[c] = has_action(m, a->col0, a->ncol, m->aname[c0 + c])) < 0)
                return eqi_parse_fail(p, &m->aat[c0 + c],
                                      "unknown action '%.64s' of %s (the first "
                                      "block has no such column)", m->aname[c0 + c],
                                      m->pname[m->node[a->v].sp[1]]);
    }
    m->node[a->v].col0 = a->col0;
    m->node[a->v].nc = a->ncol;
    return EQ_OK;
}

/* Reads the stage's blocks: one matrix, or one per third-player action. */
static eq_status stage_blocks(parser *p, stage_acc *a)
{
    eq_model *m = p->m;
    eq_status s;

    for (int block = 0;; block++) {
        int d = 0, more = 1;
        if (m->node[a->v].np == 3) {
            if ((s = stage_block_header(p, a, block, &d, &more)) != EQ_OK)
                return s;
            if (!more)
                break;
        }
        if ((s = stage_columns(p, a, block)) != EQ_OK)
            return s;
        if ((s = parse_rows(p, a->v, block, d, a->cmap, &a->rows0, &a->nrows, &a->ntmp)) != EQ_OK)
            return s;
        if (m->node[a->v].np == 2)
            break;
    }
    if (!at_decl(p))
        return expected(p, "another row or a declaration");
    return EQ_OK;
}

/* Records the stage's row and third-player actions on its node. */
static eq_status stage_actions(parser *p, const stage_acc *a)
{
    eq_model *m = p->m;
    mnode *x = &m->node[a->v];

    x->act0 = a->rows0;
    x->nact = a->nrows;
    x->nd = 1;
    if (x->np == 3) {
        x->third0 = m->naction;
        x->nd = a->nthird;
        for (int i = 0; i < a->nthird; i++)
            if (new_action(p, &p->lx.tok[a->third[i]]) < 0)
                return nomem(p);
    }
    return EQ_OK;
}

/* Puts the stage's targets, read in file order, in cell order
** (row, column, third action). */
static eq_status stage_order_cells(parser *p, const stage_acc *a)
{
    eq_model *m = p->m;
    mnode *x = &m->node[a->v];
    int total = x->nact * x->nc * x->nd;
    mtarget *cells;

    if (total != a->ntmp || total != m->ntgt - a->first_tgt)
        return eqi_parse_fail(p, &x->at, "stage '%.64s' is incomplete", x->name);
    if ((cells = malloc((size_t)total * sizeof *cells)) == NULL)
        return nomem(p);
    for (int i = 0; i < total; i++) {
        int r = p->tmp[4 * i], c = p->tmp[4 * i + 1], d = p->tmp[4 * i + 2];
        cells[(r * x->nc + c) * x->nd + d] = m->tgt[p->tmp[4 * i + 3]];
    }
    memcpy(m->tgt + a->first_tgt, cells, (size_t)total * sizeof *cells);
    free(cells);
    x->tgt0 = a->first_tgt;
    x->ntgt = total;
    return EQ_OK;
}

/* stage NAME: ROW x COLUMN [x THIRD], then the matrices; see the README. */
static eq_status parse_stage(parser *p)
{
    stage_acc a = {0};
    eq_status s;

    a.rows0 = -1;
    a.col0 = -1;
    if ((s = node_head(p, MN_STAGE, &a.v)) != EQ_OK)
        return s;
    if ((s = stage_players(p, a.v)) != EQ_OK)
        return s;
    a.first_tgt = p->m->ntgt;
    if ((s = stage_blocks(p, &a)) == EQ_OK && (s = stage_actions(p, &a)) == EQ_OK)
        s = stage_order_cells(p, &a);
    free(a.cmap);
    free(a.third);
    return s;
}

/* infoset NAME ["LABEL"]: PLAYER {NODE, NODE, ...} */
static eq_status parse_infoset(parser *p)
{
    eq_model *m = p->m;
    const eqi_tok *kw = tok(p), *nt;
    miset *h;
    eq_status s;
    int prev;

    if (p->players_tok < 0)
        return eqi_parse_fail(p, &kw->at, "declare the players (players A B ...) before the first "
                              "information set");
    adv(p);
    nt = tok(p);
    if (!is_name(nt))
        return expected(p, "the information set's name");
    if ((prev = eqi_map_get(&p->isets, text(p, nt))) >= 0)
        return eqi_parse_fail(p, &nt->at, "duplicate information set '%.64s' (first declared at "
                              "line %d)", text(p, nt), m->iset[prev].at.line);
    if (eqi_grow(&m->iset, &p->cap_iset, (size_t)(m->niset + 1), sizeof *m->iset))
        return nomem(p);
    h = &m->iset[m->niset];
    memset(h, 0, sizeof *h);
    m->niset++;
    h->at = nt->at;
    h->mem0 = m->nmem;
    if ((h->name = dup_text(p, nt)) == NULL ||
        eqi_map_put(&p->isets, h->name, m->niset - 1) != 0)
        return nomem(p);
    adv(p);
    if (tok(p)->kind == EQI_TK_STRING) {
        const char *l = text(p, tok(p));
        if (l[0] != '\0' && (h->label = eqi_strdup(l)) == NULL)
            return nomem(p);
        adv(p);
    } else if ((h->label = eqi_strdup(h->name)) == NULL) {
        return nomem(p);
    }
    if ((s = want(p, EQI_TK_COLON, "':'")) != EQ_OK ||
        (s = take_player(p, &m->iset[m->niset - 1].player)) != EQ_OK ||
        (s = want(p, EQI_TK_LBRACE, "'{' and the member nodes")) != EQ_OK)
        return s;
    for (;;) {
        if (!is_name(tok(p)))
            return expected(p, "a member node's name");
        if (eqi_grow(&m->memtok, &p->cap_memtok, (size_t)(m->nmem + 1), sizeof *m->memtok) ||
            eqi_grow(&m->memnode, &p->cap_memnode, (size_t)(m->nmem + 1), sizeof *m->memnode))
            return nomem(p);
        m->memtok[m->nmem] = p->cur.i;
        m->memnode[m->nmem] = -1;
        m->nmem++;
        m->iset[m->niset - 1].nmem++;
        adv(p);
        if (tok(p)->kind == EQI_TK_RBRACE)
            break;
        if ((s = want(p, EQI_TK_COMMA, "',' or '}'")) != EQ_OK)
            return s;
    }
    adv(p);
    return end_line(p, "the information set");
}

static eq_status parse_start(parser *p)
{
    const eqi_tok *kw = tok(p);
    if (p->start_tok >= 0)
        return eqi_parse_fail(p, &kw->at, "the root is given twice (first at line %d)",
                              p->lx.tok[p->start_tok].at.line);
    adv(p);
    if (!is_name(tok(p)))
        return expected(p, "the root node's name");
    p->start_tok = p->cur.i;
    adv(p);
    return end_line(p, "the root node's name");
}

/* The rest of "equilibrium sequential" (nothing) or "equilibrium pbe
** [refine intuitive | d1]". */
static eq_status parse_concept_tail(parser *p)
{
    eq_model *m = p->m;
    const char *name = eq_method_name((eq_method)m->concept_method);
    if (m->concept_method == EQ_METHOD_PBE && tok(p)->kind == EQI_TK_IDENT &&
        strcmp(text(p, tok(p)), "refine") == 0) {
        const char *r;
        adv(p);
        if (tok(p)->kind != EQI_TK_IDENT)
            return expected(p, "a refinement (intuitive or d1)");
        r = text(p, tok(p));
        if (strcmp(r, "intuitive") != 0 && strcmp(r, "d1") != 0)
            return eqi_parse_fail(p, &tok(p)->at,
                                  "unknown refinement '%s' (intuitive or d1)", r);
        m->concept_refine = r[0] == 'i' ? EQ_REFINE_INTUITIVE : EQ_REFINE_D1;
        adv(p);
    }
    if (tok(p)->kind == EQI_TK_IDENT)
        return eqi_parse_fail(p, &tok(p)->at, "'%s' does not apply to %s%s",
                              text(p, tok(p)), name,
                              m->concept_method == EQ_METHOD_PBE
                                  ? " (only 'refine intuitive' or 'refine d1' does)"
                                  : " (it takes no options)");
    return end_line(p, "the equilibrium concept");
}

/*
** equilibrium spe [subgames METHOD] [select welfare | first | player NAME |
** min ACTION], equilibrium sequential, or equilibrium pbe [refine
** intuitive | d1]: the concept the model is meant to be solved for, used
** by `equilib solve` and `equilib report` unless the command line says
** otherwise.
*/
static eq_status parse_concept(parser *p)
{
    eq_model *m = p->m;
    const eqi_tok *kw = tok(p);
    if (p->concept_tok >= 0)
        return eqi_parse_fail(p, &kw->at,
                              "the equilibrium concept is given twice (first at line %d)",
                              p->lx.tok[p->concept_tok].at.line);
    p->concept_tok = p->cur.i;
    adv(p);
    m->concept_method = eq_method_from_name(text(p, tok(p)));
    if (tok(p)->kind != EQI_TK_IDENT ||
        !(eq_method_caps((eq_method)m->concept_method) & (EQ_CAP_TREE_SUBGAMES | EQ_CAP_TREE_WHOLE)))
        return eqi_parse_fail(p, &tok(p)->at,
                              "a model's equilibrium concept must be 'spe', 'sequential' or "
                              "'pbe', not '%s'", text(p, tok(p)));
    adv(p);
    m->has_concept = 1;
    m->concept_sub = -1;
    m->concept_select = EQ_SELECT_WELFARE;
    m->concept_refine = EQ_REFINE_NONE;
    if (m->concept_method != EQ_METHOD_SPE)
        return parse_concept_tail(p);
    while (tok(p)->kind == EQI_TK_IDENT) {
        const char *w = text(p, tok(p));
        if (strcmp(w, "subgames") == 0) {
            int meth;
            adv(p);
            if (tok(p)->kind != EQI_TK_IDENT) {
                char list[160], what[200];
                eqi_method_list(EQ_CAP_STAGE, list, sizeof list);
                snprintf(what, sizeof what, "a subgame method (%s)", list);
                return expected(p, what);
            }
            meth = eq_method_from_name(text(p, tok(p)));
            if (!(eq_method_caps((eq_method)meth) & EQ_CAP_STAGE)) {
                char list[160];
                eqi_method_list(EQ_CAP_STAGE, list, sizeof list);
                return eqi_parse_fail(p, &tok(p)->at, "%s subgame method '%s' (%s)",
                                      meth < 0 ? "unknown" : "not a", text(p, tok(p)),
                                      list);
            }
            m->concept_sub = meth;
            adv(p);
            /* "correlated coarse": coarse correlated stages. */
            if ((eq_method_caps((eq_method)meth) & EQ_CAP_DISTRIBUTION) &&
                tok(p)->kind == EQI_TK_IDENT &&
                strcmp(text(p, tok(p)), "coarse") == 0) {
                m->concept_coarse = 1;
                adv(p);
            }
        } else if (strcmp(w, "select") == 0) {
            const char *r;
            adv(p);
            if (tok(p)->kind != EQI_TK_IDENT)
                return expected(p, "a selection rule (welfare, first, player NAME or min ACTION)");
            r = text(p, tok(p));
            if (strcmp(r, "welfare") == 0 || strcmp(r, "first") == 0) {
                m->concept_select = r[0] == 'w' ? EQ_SELECT_WELFARE : EQ_SELECT_FIRST;
                adv(p);
            } else if (strcmp(r, "player") == 0 || strcmp(r, "min") == 0) {
                int player = r[0] == 'p';
                adv(p);
                if (!is_name(tok(p)))
                    return expected(p, player ? "a player's name" : "an action's name");
                if (player) {
                    int q = -1;
                    for (int k = 0; k < m->n; k++)
                        if (strcmp(m->pname[k], text(p, tok(p))) == 0)
                            q = k;
                    if (q < 0)
                        return eqi_parse_fail(p, &tok(p)->at,
                                              "unknown player '%s'%s", text(p, tok(p)),
                                              m->n ? "" : " (declare the players first)");
                }
                m->concept_select = player ? EQ_SELECT_PLAYER : EQ_SELECT_MIN_ACTION;
                free(m->concept_arg);
                if ((m->concept_arg = dup_text(p, tok(p))) == NULL)
                    return nomem(p);
                adv(p);
            } else {
                return eqi_parse_fail(p, &tok(p)->at,
                                      "unknown selection rule '%s' (welfare, first, "
                                      "player NAME or min ACTION)", r);
            }
        } else {
            return eqi_parse_fail(p, &tok(p)->at, "expected 'subgames' or 'select', found '%s'", w);
        }
    }
    return end_line(p, "the equilibrium concept");
}

static eq_status parse_decls(parser *p)
{
    eq_status s;
    while (tok(p)->kind == EQI_TK_NL)
        adv(p);
    while (tok(p)->kind != EQI_TK_EOF) {
        switch (tok(p)->kind) {
        case EQI_TK_GAME: s = parse_game(p); break;
        case EQI_TK_PLAYERS: s = parse_players(p); break;
        case EQI_TK_PARAM: s = parse_param(p); break;
        case EQI_TK_LET: s = parse_let(p); break;
        case EQI_TK_NODE: s = parse_node(p); break;
        case EQI_TK_STAGE: s = parse_stage(p); break;
        case EQI_TK_INFOSET: s = parse_infoset(p); break;
        default:
            if (eqi_at_set_line(p, p->cur.i)) {
                /* read by eqi_scan_sets */
                while (tok(p)->kind != EQI_TK_NL && tok(p)->kind != EQI_TK_EOF)
                    adv(p);
                s = EQ_OK;
                break;
            }
            if (at_concept_decl(p)) {
                s = parse_concept(p);
                break;
            }
            if (at_start_decl(p)) {
                s = parse_start(p);
                break;
            }
            if (eqi_at_outcome_decl(p)) {
                s = eqi_parse_outcome_decl(p);
                break;
            }
            s = expected(p, "a declaration (game, players, param, let, node, stage, "
                         "infoset, start, equilibrium, class, given or claim)");
            break;
        }
        if (s != EQ_OK)
            return s;
        while (tok(p)->kind == EQI_TK_NL)
            adv(p);
    }
    return EQ_OK;
}

/* ------------------------------------------------------------------ */
/* Reading                                                              */
/* ------------------------------------------------------------------ */

void eq_model_free(eq_model *m)
{
    if (m == NULL)
        return;
    free(m->name);
    free(m->src);
    free(m->title);
    free(m->concept_arg);
    if (m->pname != NULL)
        for (int q = 0; q < m->n; q++)
            free(m->pname[q]);
    free(m->pname);
    for (int k = 0; k < m->nparam; k++) {
        free(m->param[k].name);
        free(m->param[k].desc);
        for (int c = 0; c < m->param[k].nchoice; c++)
            free(m->param[k].choice[c]);
        free(m->param[k].choice);
        free(m->param[k].fixed_at);
    }
    free(m->param);
    for (int k = 0; k < m->nseg; k++)
        free(m->seg[k].name);
    free(m->seg);
    for (int k = 0; k < m->nlet; k++)
        free(m->let[k].name);
    free(m->let);
    for (int u = 0; u < m->nnode; u++) {
        free(m->node[u].name);
        free(m->node[u].label);
    }
    free(m->node);
    eqi_pool_free(&m->strs);
    free(m->aname);
    free(m->aprob);
    free(m->aat);
    free(m->tgt);
    free(m->tupexpr);
    for (int h = 0; h < m->niset; h++) {
        free(m->iset[h].name);
        free(m->iset[h].label);
    }
    free(m->iset);
    free(m->memtok);
    free(m->memnode);
    free(m->slot);
    eqi_code_free(&m->code);
    free(m->expr);
    eqi_outcomes_free(m);
    for (int k = 0; k < m->nctx; k++)
        free(m->ctx[k]);
    free(m->ctx);
    free(m);
}

static eq_status model_parse(eq_model **out, const char *text_, size_t len,
                         const char *name, eq_diag *diag)
{
    parser p;
    eq_model *m;
    eq_status s;

    eqi_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (out == NULL || (text_ == NULL && len > 0))
        return eqi_diag_plain(diag, EQ_ERR_ARG, "eq_model_parse: NULL argument");
    if (name == NULL)
        name = "<input>";
    if ((m = calloc(1, sizeof *m)) == NULL)
        return eqi_diag_plain(diag, EQ_ERR_NOMEM, "%s: out of memory", name);
    m->name = eqi_strdup(name);
    m->title = eqi_strdup("");
    m->src = malloc(len + 1);
    if (m->name == NULL || m->title == NULL || m->src == NULL) {
        eq_model_free(m);
        return eqi_diag_plain(diag, EQ_ERR_NOMEM, "%s: out of memory", name);
    }
    if (len > 0)
        memcpy(m->src, text_, len);
    m->src[len] = '\0';
    m->srclen = len;

    memset(&p, 0, sizeof p);
    p.m = m;
    p.src.name = m->name;
    p.src.text = m->src;
    p.src.len = len;
    p.src.diag = diag;
    p.cur.lx = &p.lx;
    p.cur.src = &p.src;
    p.game_tok = p.players_tok = p.start_tok = p.concept_tok = -1;
    p.aslot_node = -1;

    if ((s = eqi_lex(&p.lx, &p.src)) == EQ_OK && (s = eqi_include_all(&p)) == EQ_OK &&
        (s = eqi_expand(&p.lx, &p.src)) == EQ_OK && (s = eqi_scan_sets(&p)) == EQ_OK &&
        (s = parse_decls(&p)) == EQ_OK && (s = eqi_check_sets(&p)) == EQ_OK &&
        (s = eqi_model_check(&p)) == EQ_OK)
        s = eqi_check_outcomes(&p);
    /* The model keeps the locations, so it keeps their contexts. */
    m->ctx = p.lx.ctx;
    m->nctx = p.lx.nctx;
    p.lx.ctx = NULL;
    p.lx.nctx = 0;
    eqi_lex_free(&p.lx);
    eqi_map_free(&p.values);
    eqi_map_free(&p.nodes);
    eqi_map_free(&p.players);
    eqi_map_free(&p.isets);
    free(p.aslot);
    free(p.tmp);
    free(p.set);
    free(p.pslot);
    free(p.kkey);
    free(p.kval);
    if (s != EQ_OK) {
        eq_model_free(m);
        return s;
    }
    *out = m;
    return EQ_OK;
}

eq_status eq_model_read(eq_model **out, const char *path, eq_diag *diag)
{
    char *buf;
    size_t len;
    eq_status s;

    eqi_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (out == NULL || path == NULL)
        return eqi_diag_plain(diag, EQ_ERR_ARG, "eq_model_read: NULL argument");
    if ((s = eqi_read_file(path, &buf, &len, diag)) != EQ_OK)
        return s;
    s = eq_model_parse(out, buf, len, path, diag);
    free(buf);
    return s;
}

/* The parse, with GMP's failures (gmpmem.c) reported as lack of memory. */
eq_status eq_model_parse(eq_model **out, const char *text, size_t len,
                         const char *name, eq_diag *diag)
{
    unsigned long gmp = eqi_gmp_mark();
    eq_status s = model_parse(out, text, len, name, diag);
    if (s == EQ_OK && eqi_gmp_failed(gmp)) {
        eq_model_free(*out);
        *out = NULL;
        s = eqi_diag_plain(diag, EQ_ERR_NOMEM, "%s: out of memory",
                           name != NULL ? name : "<input>");
    }
    return s;
}
