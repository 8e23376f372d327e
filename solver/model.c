/*
** model.c -- the .game model language: parsing and checking a model once,
** instantiating it into a game tree many times, and writing any tree back
** as a .game file.  The language is documented in models/README.md ("The
** model language"); lexer.c cuts the text into tokens and expr.c compiles
** the expressions.
**
** A parsed model is a directed acyclic graph of named nodes whose targets
** are other nodes or inline payoff tuples; a node reached along several
** paths is copied into each.  Instantiation builds the tree breadth first:
** tree node v is processed in index order, and its children are appended,
** so the tree's numbering is a function of the model and the structural
** choices alone.  That lets a later instantiation walk an existing tree in
** the same order and only rewrite its payoffs and probabilities.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "lexer.h"
#include "textio.h"
#include "tree.h"

/* The largest tree a model may describe, counted over the worst choice of
** every structural switch. */
#define MODEL_MAX_TREE 1000000
/* Scratch kept on the C stack during instantiation, so that re-evaluating
** a model of modest size into an existing tree allocates nothing. */
#define STACK_DOUBLES 512
#define STACK_INTS 4096

enum { MN_DECISION, MN_CHANCE, MN_SWITCH, MN_TERMINAL, MN_STAGE };

typedef struct mparam {
    char *name, *desc;
    int is_enum;
    double lo, hi, def;
    char **choice;
    int nchoice;
    eqi_loc at;
} mparam;

typedef struct mlet {
    char *name;
    int expr;
    eqi_loc at;
} mlet;

/* Where an edge leads: node >= 0, or the inline payoff tuple `tuple`.
** While parsing, a named node is kept as its token (tok >= 0). */
typedef struct mtarget {
    int node, tuple, tok;
    eqi_loc at;
} mtarget;

typedef struct mnode {
    char *name;
    char *label;            /* NULL: the tree node gets no label */
    eqi_loc at;             /* the name in the declaration */
    int kind;
    int player;             /* decision; stage: the row player */
    int act0, nact;         /* decision, chance: actions; stage: rows */
    int iset;               /* decision: explicit information set or -1 */
    int cond;               /* switch: the condition */
    int tgt0, ntgt;         /* targets: one per action; switch: then,
                               else; terminal: its tuple; stage: cells,
                               ((r * nc) + c) * nd + d */
    int np, sp[3];          /* stage: 2 or 3 players */
    int nc, nd, col0, third0; /* stage: columns, third player's actions */
    int slot0;              /* first tree-node slot */
} mnode;

/* A kind of tree node the model can make: a node, or one level inside a
** stage (r >= 0: the column player's node after row r; c >= 0 too: the
** third player's node after (r, c)). */
typedef struct mslot {
    int node, r, c;
    eq_node_kind kind;      /* what it makes: kind, player, children */
    int player, nchild;
} mslot;

typedef struct miset {
    char *name, *label;
    int player;
    int mem0, nmem;         /* members: memtok, then memnode */
    eqi_loc at;
} miset;

struct eq_model {
    char *name;             /* for messages */
    char *src;              /* the text, to quote lines at instantiation */
    size_t srclen;
    char *title;
    int n;
    char **pname;
    mparam *param;
    int nparam;
    mlet *let;
    int nlet;
    mnode *node;
    int nnode;
    char **aname;           /* action and move names */
    int *aprob;             /* chance: expression of each move */
    eqi_loc *aat;
    int naction;
    mtarget *tgt;
    int ntgt;
    int *tupexpr;           /* ntuple x n expressions, player order */
    eqi_loc *tupat;
    int ntuple;
    miset *iset;
    int niset;
    int *memtok, *memnode;
    int nmem;
    mslot *slot;
    int nslot;
    eqi_code code;
    eqi_expr *expr;
    int nexpr;
    int root;
    int maxbuf;             /* doubles for one node's payoffs or moves */
    int label_clash;        /* two inner nodes share a label (or have
                               none): a label then does not tell which node
                               a switch chose, so an update that passes a
                               switch rebuilds instead */
    /* The declared equilibrium concept ("equilibrium spe ..."), if any. */
    int has_concept;
    int concept_sub;        /* eq_method of the subgames, -1: default */
    int concept_coarse;     /* subgames correlated coarse */
    int concept_select;     /* eq_select */
    char *concept_arg;      /* player name or action name for the rule */
};

/* What tree node a reference makes (see "Instantiation"). */
typedef struct shape {
    eq_node_kind kind;
    int player, nchild;
    const char *label;
    char *const *names;
} shape;

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

/* Grow *a (elements of sz bytes, capacity *cap) to hold need. */
static int grow(void *a, int *cap, int need, size_t sz)
{
    void **pa = a;
    int c;
    void *p;
    if (need <= *cap)
        return 0;
    c = *cap ? *cap : 8;
    while (c < need) {
        if (c > INT_MAX / 2)
            return -1;
        c *= 2;
    }
    if ((p = realloc(*pa, (size_t)c * sz)) == NULL)
        return -1;
    *pa = p;
    *cap = c;
    return 0;
}

/* A string map from names to ints: open addressing, borrowed keys. */
typedef struct smap {
    const char **key;
    int *val;
    size_t cap, count;
} smap;

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static int smap_get(const smap *m, const char *k)
{
    if (m->cap == 0)
        return -1;
    for (size_t i = hash(k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->key[i] == NULL)
            return -1;
        if (strcmp(m->key[i], k) == 0)
            return m->val[i];
    }
}

/* Insert k (which must be absent).  Returns 0, or -1 for no memory. */
static int smap_put(smap *m, const char *k, int v)
{
    size_t i;
    if (2 * (m->count + 1) > m->cap) {
        smap big;
        big.cap = m->cap ? 2 * m->cap : 16;
        big.count = 0;
        big.key = calloc(big.cap, sizeof *big.key);
        big.val = malloc(big.cap * sizeof *big.val);
        if (big.key == NULL || big.val == NULL) {
            free(big.key);
            free(big.val);
            return -1;
        }
        for (size_t j = 0; j < m->cap; j++)
            if (m->key[j] != NULL)
                smap_put(&big, m->key[j], m->val[j]);
        free(m->key);
        free(m->val);
        *m = big;
    }
    for (i = hash(k) & (m->cap - 1); m->key[i] != NULL; i = (i + 1) & (m->cap - 1))
        ;
    m->key[i] = k;
    m->val[i] = v;
    m->count++;
    return 0;
}

static void smap_free(smap *m)
{
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof *m);
}

/* The label a node or set gets: "" means none. */
static const char *norm_label(const char *s)
{
    return (s == NULL || s[0] == '\0') ? NULL : s;
}

static int same_label(const char *a, const char *b)
{
    a = norm_label(a);
    b = norm_label(b);
    return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* ------------------------------------------------------------------ */
/* The parser                                                           */
/* ------------------------------------------------------------------ */

typedef struct parser {
    eq_model *m;
    eqi_lexer lx;
    eqi_src src;
    eqi_cursor cur;
    int cap_param, cap_let, cap_node, cap_tgt, cap_iset, cap_expr;
    int cap_aname, cap_aprob, cap_aat, cap_tupexpr, cap_tupat, cap_memtok, cap_memnode;
    smap values;            /* params and lets -> index (lets: nparam + i) */
    smap nodes, players, isets;
    int game_tok, players_tok, start_tok, concept_tok;
    int *tmp;               /* stage parsing */
    int captmp;
} parser;

static const eqi_tok *tok(const parser *p) { return &p->lx.tok[p->cur.i]; }
static const eqi_tok *peek(const parser *p, int k)
{
    int i = p->cur.i + k;
    return &p->lx.tok[i < p->lx.ntok ? i : p->lx.ntok - 1];
}
static const char *text(const parser *p, const eqi_tok *t) { return eqi_tok_text(&p->lx, t); }

static void adv(parser *p)
{
    if (tok(p)->kind != EQI_TK_EOF)
        p->cur.i++;
}

static eq_status fail(parser *p, const eqi_loc *at, const char *fmt, ...) EQI_PRINTF(3, 4);
static eq_status fail(parser *p, const eqi_loc *at, const char *fmt, ...)
{
    va_list ap;
    eq_status s;
    va_start(ap, fmt);
    s = eqi_diag_vat(&p->src, EQ_ERR_PARSE, at, fmt, ap);
    va_end(ap);
    return s;
}

static eq_status nomem(parser *p) { return eqi_diag_nomem(&p->src); }

/* "expected WHAT, found TOKEN" at the current token. */
static eq_status expected(parser *p, const char *what)
{
    char b[64];
    return fail(p, &tok(p)->at, "expected %s, found %s", what,
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
** it ends the block of lines before it. */
static int at_decl(const parser *p)
{
    eqi_tk k = tok(p)->kind;
    return k == EQI_TK_GAME || k == EQI_TK_PLAYERS || k == EQI_TK_PARAM ||
           k == EQI_TK_LET || k == EQI_TK_NODE || k == EQI_TK_STAGE ||
           k == EQI_TK_INFOSET || k == EQI_TK_EOF || at_start_decl(p) ||
           at_concept_decl(p);
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
        return fail(p, &tok(p)->at, "expected the end of the line after %s, found %s", after,
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
    return smap_get(&p->players, text(p, t));
}

/* The current token as a player: index, or an error. */
static eq_status take_player(parser *p, int *pl)
{
    const eqi_tok *t = tok(p);
    if (!is_name(t))
        return expected(p, "a player's name");
    if ((*pl = find_player(p, t)) < 0)
        return fail(p, &t->at, "unknown player '%.64s'", text(p, t));
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
    int k = smap_get(&p->values, name);
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
    if (grow(&m->expr, &p->cap_expr, m->nexpr + 1, sizeof *m->expr))
        return nomem(p);
    if ((s = eqi_expr_compile(&m->code, &p->cur, resolve, p, &m->expr[m->nexpr])) != EQ_OK)
        return s;
    *e = m->nexpr++;
    return EQ_OK;
}

/* A name is free in the namespace of parameters and lets. */
static eq_status fresh_value(parser *p, const eqi_tok *t)
{
    int k = smap_get(&p->values, text(p, t));
    if (k >= 0) {
        const eqi_loc *at = k < p->m->nparam ? &p->m->param[k].at
                                              : &p->m->let[k - p->m->nparam].at;
        return fail(p, &t->at, "duplicate name '%.64s' (already declared at line %d)",
                    text(p, t), at->line);
    }
    return EQ_OK;
}

/* ---- declarations --------------------------------------------------- */

static eq_status parse_game(parser *p)
{
    const eqi_tok *t = tok(p);
    if (p->game_tok >= 0)
        return fail(p, &t->at, "the title is given twice (first at line %d)",
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
        return fail(p, &t->at, "the players are declared twice (first at line %d)",
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
            return fail(p, &t->at, "duplicate player '%.64s'", text(p, t));
        if (m->n == EQ_MAX_PLAYERS)
            return fail(p, &t->at, "too many players (at most %d)", EQ_MAX_PLAYERS);
        if ((m->pname[m->n] = dup_text(p, t)) == NULL ||
            smap_put(&p->players, m->pname[m->n], m->n) != 0)
            return nomem(p);
        m->n++;
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

    if (m->nlet > 0)
        return fail(p, &tok(p)->at, "declare the parameters before the first 'let'");
    adv(p);
    nt = tok(p);
    if (nt->kind != EQI_TK_IDENT)
        return expected(p, "the parameter's name");
    if ((s = fresh_value(p, nt)) != EQ_OK)
        return s;
    if (grow(&m->param, &p->cap_param, m->nparam + 1, sizeof *m->param))
        return nomem(p);
    q = &m->param[m->nparam];
    memset(q, 0, sizeof *q);
    m->nparam++;            /* owned from here, so freed on failure */
    q->at = nt->at;
    if ((q->name = dup_text(p, nt)) == NULL)
        return nomem(p);
    adv(p);
    if ((s = want(p, EQI_TK_ASSIGN, "'=' and the default value")) != EQ_OK)
        return s;
    dt = tok(p);
    if (dt->kind == EQI_TK_IDENT) {
        /* Enumerated: the choices are names. */
        int def = -1, cap = 0;
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
                    return fail(p, &c->at, "duplicate choice '%.64s'", text(p, c));
            if (grow(&q->choice, &cap, q->nchoice + 1, sizeof *q->choice) ||
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
            return fail(p, &dt->at, "the default '%.64s' is not one of the choices",
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
            return fail(p, &nt->at, "the domain of '%.64s' is empty: its lower bound "
                        "exceeds its upper bound", q->name);
        if (q->def < q->lo || q->def > q->hi) {
            char a[32], b[32], c[32];
            eqi_format_double(q->def, a, sizeof a);
            eqi_format_double(q->lo, b, sizeof b);
            eqi_format_double(q->hi, c, sizeof c);
            return fail(p, &dt->at, "the default %s lies outside the domain [%s, %s]",
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
    if (smap_put(&p->values, q->name, m->nparam - 1) != 0)
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
    int e;

    adv(p);
    nt = tok(p);
    if (nt->kind != EQI_TK_IDENT)
        return expected(p, "the name being defined");
    if ((s = fresh_value(p, nt)) != EQ_OK)
        return s;
    adv(p);
    if ((s = want(p, EQI_TK_ASSIGN, "'='")) != EQ_OK || (s = expression(p, &e)) != EQ_OK)
        return s;
    if (grow(&m->let, &p->cap_let, m->nlet + 1, sizeof *m->let))
        return nomem(p);
    l = &m->let[m->nlet];
    l->expr = e;
    l->at = nt->at;
    if ((l->name = dup_text(p, nt)) == NULL)
        return nomem(p);
    m->nlet++;
    if (smap_put(&p->values, l->name, m->nparam + m->nlet - 1) != 0)
        return nomem(p);
    return end_line(p, "the definition");
}

/* Append a target; returns its index or -1 (no memory). */
static int new_target(parser *p, int node, int tuple, int tk, const eqi_loc *at)
{
    eq_model *m = p->m;
    if (grow(&m->tgt, &p->cap_tgt, m->ntgt + 1, sizeof *m->tgt))
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
        grow(&m->tupexpr, &p->cap_tupexpr, (m->ntuple + 1) * n, sizeof *m->tupexpr) ||
        grow(&m->tupat, &p->cap_tupat, m->ntuple + 1, sizeof *m->tupat))
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
                return fail(p, &pt->at, "unknown player '%.64s'", text(p, pt));
            if (ex[q] >= 0)
                return fail(p, &pt->at, "the payoff of '%.64s' is given twice", text(p, pt));
            adv(p);
            if ((s = want(p, EQI_TK_COLON, "':'")) != EQ_OK)
                return s;
        } else if (k >= n) {
            return fail(p, &open, "wrong number of payoffs: the tuple has more than %d, "
                        "but there %s %d player%s", n, n == 1 ? "is" : "are", n,
                        n == 1 ? "" : "s");
        }
        if ((s = expression(p, &e)) != EQ_OK)
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
                return fail(p, &open, "no payoff for '%.64s' (a tuple by name must give "
                            "every player's payoff)", m->pname[q]);
            return fail(p, &open, "wrong number of payoffs: the tuple has %d, but there "
                        "are %d players", q, n);
        }
    m->tupat[m->ntuple] = open;
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
    if (grow(&m->aname, &p->cap_aname, m->naction + 1, sizeof *m->aname) ||
        grow(&m->aprob, &p->cap_aprob, m->naction + 1, sizeof *m->aprob) ||
        grow(&m->aat, &p->cap_aat, m->naction + 1, sizeof *m->aat))
        return -1;
    if ((m->aname[m->naction] = dup_text(p, t)) == NULL)
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

/* Start a node or stage: name, optional label, ':'.  Returns it in *v. */
static eq_status node_head(parser *p, int kind, int *v)
{
    eq_model *m = p->m;
    const eqi_tok *kw = tok(p), *nt;
    mnode *x;
    int prev;
    if (p->players_tok < 0)
        return fail(p, &kw->at, "declare the players (players A B ...) before the first %s",
                    kind == MN_STAGE ? "stage" : "node");
    adv(p);
    nt = tok(p);
    if (!is_name(nt))
        return expected(p, kind == MN_STAGE ? "the stage's name" : "the node's name");
    if ((prev = smap_get(&p->nodes, text(p, nt))) >= 0)
        return fail(p, &nt->at, "duplicate node '%.64s' (first declared at line %d)",
                    text(p, nt), m->node[prev].at.line);
    if (grow(&m->node, &p->cap_node, m->nnode + 1, sizeof *m->node))
        return nomem(p);
    x = &m->node[m->nnode];
    memset(x, 0, sizeof *x);
    m->nnode++;
    x->kind = kind;
    x->at = nt->at;
    x->player = x->iset = x->cond = -1;
    x->slot0 = -1;
    if ((x->name = dup_text(p, nt)) == NULL ||
        smap_put(&p->nodes, x->name, m->nnode - 1) != 0)
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
    while (is_name(tok(p)) && !at_start_decl(p)) {
        const eqi_tok *at = tok(p);
        mnode *x = &m->node[v];
        int a, ti, e = -1;
        if (!chance && has_action(m, x->act0, x->nact, text(p, at)) >= 0)
            return fail(p, &at->at, "duplicate action '%.64s' at node '%.64s'",
                        text(p, at), x->name);
        if ((a = new_action(p, at)) < 0)
            return nomem(p);
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
            return fail(p, &m->node[v].at, "node '%.64s' has no %s", m->node[v].name,
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
    int v, ti, e;

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
            return fail(p, &x->nonstruct_at, "the condition of a structural 'if' may use "
                        "only enumerated parameters, and '%s' is not one (for a condition "
                        "on numbers, use an if-expression in the payoffs)", x->nonstruct);
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
            return fail(p, &tok(p)->at, "duplicate action '%.64s' of %s",
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
    if (grow(&p->tmp, &p->captmp, 4 * (*ntmp + 1), sizeof *p->tmp))
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

    while (is_name(tok(p)) && !at_start_decl(p) &&
           !(np == 3 && peek(p, 1)->kind == EQI_TK_ASSIGN)) {
        const eqi_tok *rt = tok(p);
        int r;
        if (has_action(m, r0, seen, text(p, rt)) >= 0)
            return fail(p, &rt->at, "duplicate action '%.64s' of %s", text(p, rt), rowp);
        if (block == 0) {
            r = seen;
        } else if ((r = has_action(m, *rows0, *nrows, text(p, rt))) < 0) {
            return fail(p, &rt->at, "unknown action '%.64s' of %s (the first block has "
                        "no such row)", text(p, rt), rowp);
        }
        if (new_action(p, rt) < 0)
            return nomem(p);
        seen++;
        adv(p);
        for (int c = 0; c < nc; c++) {
            int ti;
            if (tok(p)->kind == EQI_TK_NL || tok(p)->kind == EQI_TK_EOF)
                return fail(p, &tok(p)->at, "row '%.64s' has %d cell%s, but there are %d "
                            "columns", text(p, rt), c, c == 1 ? "" : "s", nc);
            if ((s = parse_cell(p, &ti)) != EQ_OK ||
                (s = put_cell(p, ntmp, r, cmap[c], d, ti)) != EQ_OK)
                return s;
        }
        if (tok(p)->kind != EQI_TK_NL && tok(p)->kind != EQI_TK_EOF)
            return fail(p, &tok(p)->at, "row '%.64s' has more cells than the %d column%s",
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
        return fail(p, &bat, "this block has %d row%s, the first has %d", seen,
                    seen == 1 ? "" : "s", *nrows);
    }
    return EQ_OK;
}

/* stage NAME: ROW x COLUMN [x THIRD], then the matrices; see the README. */
static eq_status parse_stage(parser *p)
{
    eq_model *m = p->m;
    eq_status s;
    int v, ntmp = 0, first_tgt, rows0 = -1, nrows = 0, ncol = 0, col0 = -1;
    int *cmap = NULL, *third = NULL, nthird = 0, capthird = 0, capmap = 0;
    mnode *x;

    if ((s = node_head(p, MN_STAGE, &v)) != EQ_OK)
        return s;
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
                return fail(p, &p->lx.tok[p->cur.i - 1].at, "player '%.64s' appears twice "
                            "in the stage", m->pname[pl]);
        m->node[v].sp[k] = pl;
        m->node[v].np = k + 1;
    }
    if ((s = end_line(p, "the stage's players")) != EQ_OK)
        return s;
    m->node[v].player = m->node[v].sp[0];
    first_tgt = m->ntgt;
    for (int block = 0;; block++) {
        int d = 0, c0, nc;
        x = &m->node[v];
        if (x->np == 3) {
            /* PLAYER = ACTION: introduces the matrix of one of the third
            ** player's actions. */
            const eqi_tok *dt;
            if (block > 0 && !(is_name(tok(p)) && peek(p, 1)->kind == EQI_TK_ASSIGN))
                break;
            if (!is_name(tok(p)) || find_player(p, tok(p)) != x->sp[2]) {
                s = expected(p, "a block header naming the third player's action "
                             "(PLAYER = ACTION:)");
                goto done;
            }
            adv(p);
            if ((s = want(p, EQI_TK_ASSIGN, "'='")) != EQ_OK)
                goto done;
            dt = tok(p);
            if (!is_name(dt)) {
                s = expected(p, "the third player's action");
                goto done;
            }
            for (int i = 0; i < nthird; i++)
                if (strcmp(text(p, &p->lx.tok[third[i]]), text(p, dt)) == 0) {
                    s = fail(p, &dt->at, "duplicate action '%.64s' of %s", text(p, dt),
                             m->pname[x->sp[2]]);
                    goto done;
                }
            if (grow(&third, &capthird, nthird + 1, sizeof *third)) {
                s = nomem(p);
                goto done;
            }
            d = nthird;
            third[nthird++] = p->cur.i;
            adv(p);
            if ((s = want(p, EQI_TK_COLON, "':'")) != EQ_OK ||
                (s = end_line(p, "the block header")) != EQ_OK)
                goto done;
        }
        if ((s = name_line(p, &c0, &nc, m->pname[m->node[v].sp[1]])) != EQ_OK)
            goto done;
        if (grow(&cmap, &capmap, nc, sizeof *cmap)) {
            s = nomem(p);
            goto done;
        }
        if (block == 0) {
            col0 = c0;
            ncol = nc;
            for (int c = 0; c < nc; c++)
                cmap[c] = c;
        } else {
            /* The same columns, perhaps in another order. */
            if (nc != ncol) {
                s = fail(p, &m->aat[c0], "this block has %d column%s, the first has %d",
                         nc, nc == 1 ? "" : "s", ncol);
                goto done;
            }
            for (int c = 0; c < nc; c++)
                if ((cmap[c] = has_action(m, col0, ncol, m->aname[c0 + c])) < 0) {
                    s = fail(p, &m->aat[c0 + c], "unknown action '%.64s' of %s (the first "
                             "block has no such column)", m->aname[c0 + c],
                             m->pname[m->node[v].sp[1]]);
                    goto done;
                }
        }
        m->node[v].col0 = col0;
        m->node[v].nc = ncol;
        if ((s = parse_rows(p, v, block, d, cmap, &rows0, &nrows, &ntmp)) != EQ_OK)
            goto done;
        if (m->node[v].np == 2)
            break;
    }
    if (!at_decl(p)) {
        s = expected(p, "another row or a declaration");
        goto done;
    }
    s = EQ_OK;
    x = &m->node[v];
    x->act0 = rows0;
    x->nact = nrows;
    x->nd = 1;
    if (x->np == 3) {
        x->third0 = m->naction;
        x->nd = nthird;
        for (int i = 0; i < nthird; i++)
            if (new_action(p, &p->lx.tok[third[i]]) < 0) {
                s = nomem(p);
                goto done;
            }
    }
    x = &m->node[v];
    /* Put the targets in cell order. */
    {
        int total = x->nact * x->nc * x->nd;
        mtarget *cells;
        if (total != ntmp || total != m->ntgt - first_tgt) {
            s = fail(p, &x->at, "stage '%.64s' is incomplete", x->name);
            goto done;
        }
        if ((cells = malloc((size_t)total * sizeof *cells)) == NULL) {
            s = nomem(p);
            goto done;
        }
        for (int i = 0; i < total; i++) {
            int r = p->tmp[4 * i], c = p->tmp[4 * i + 1], d = p->tmp[4 * i + 2];
            cells[(r * x->nc + c) * x->nd + d] = m->tgt[p->tmp[4 * i + 3]];
        }
        memcpy(m->tgt + first_tgt, cells, (size_t)total * sizeof *cells);
        free(cells);
        x->tgt0 = first_tgt;
        x->ntgt = total;
    }
done:
    free(cmap);
    free(third);
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
        return fail(p, &kw->at, "declare the players (players A B ...) before the first "
                    "information set");
    adv(p);
    nt = tok(p);
    if (!is_name(nt))
        return expected(p, "the information set's name");
    if ((prev = smap_get(&p->isets, text(p, nt))) >= 0)
        return fail(p, &nt->at, "duplicate information set '%.64s' (first declared at "
                    "line %d)", text(p, nt), m->iset[prev].at.line);
    if (grow(&m->iset, &p->cap_iset, m->niset + 1, sizeof *m->iset))
        return nomem(p);
    h = &m->iset[m->niset];
    memset(h, 0, sizeof *h);
    m->niset++;
    h->at = nt->at;
    h->mem0 = m->nmem;
    if ((h->name = dup_text(p, nt)) == NULL ||
        smap_put(&p->isets, h->name, m->niset - 1) != 0)
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
        if (grow(&m->memtok, &p->cap_memtok, m->nmem + 1, sizeof *m->memtok) ||
            grow(&m->memnode, &p->cap_memnode, m->nmem + 1, sizeof *m->memnode))
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
        return fail(p, &kw->at, "the root is given twice (first at line %d)",
                    p->lx.tok[p->start_tok].at.line);
    adv(p);
    if (!is_name(tok(p)))
        return expected(p, "the root node's name");
    p->start_tok = p->cur.i;
    adv(p);
    return end_line(p, "the root node's name");
}

/*
** equilibrium spe [subgames METHOD] [select welfare | first | player NAME |
** min ACTION]: the concept the model is meant to be solved for, used by
** `equilib solve` and `equilib report` unless the command line says
** otherwise.
*/
static eq_status parse_concept(parser *p)
{
    eq_model *m = p->m;
    const eqi_tok *kw = tok(p);
    if (p->concept_tok >= 0)
        return fail(p, &kw->at, "the equilibrium concept is given twice (first at line %d)",
                    p->lx.tok[p->concept_tok].at.line);
    p->concept_tok = p->cur.i;
    adv(p);
    if (strcmp(text(p, tok(p)), "spe") != 0)
        return fail(p, &tok(p)->at, "a model's equilibrium concept must be 'spe', not '%s'",
                    text(p, tok(p)));
    adv(p);
    m->has_concept = 1;
    m->concept_sub = -1;
    m->concept_select = EQ_SELECT_WELFARE;
    while (tok(p)->kind == EQI_TK_IDENT) {
        const char *w = text(p, tok(p));
        if (strcmp(w, "subgames") == 0) {
            int meth;
            adv(p);
            if (tok(p)->kind != EQI_TK_IDENT)
                return expected(p, "a subgame method (pure, enum, lemke, zerosum, mip, "
                                "correlated or qre)");
            meth = eq_method_from_name(text(p, tok(p)));
            if (meth != EQ_METHOD_PURE && meth != EQ_METHOD_ENUM && meth != EQ_METHOD_LEMKE &&
                meth != EQ_METHOD_ZEROSUM && meth != EQ_METHOD_MIP && meth != EQ_METHOD_QRE &&
                meth != EQ_METHOD_CORRELATED)
                return fail(p, &tok(p)->at, "unknown subgame method '%s' (pure, enum, lemke, "
                            "zerosum, mip, correlated or qre)", text(p, tok(p)));
            m->concept_sub = meth;
            adv(p);
            /* "correlated coarse": coarse correlated stages. */
            if (meth == EQ_METHOD_CORRELATED && tok(p)->kind == EQI_TK_IDENT &&
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
                        return fail(p, &tok(p)->at, "unknown player '%s'%s", text(p, tok(p)),
                                    m->n ? "" : " (declare the players first)");
                }
                m->concept_select = player ? EQ_SELECT_PLAYER : EQ_SELECT_MIN_ACTION;
                free(m->concept_arg);
                if ((m->concept_arg = dup_text(p, tok(p))) == NULL)
                    return nomem(p);
                adv(p);
            } else {
                return fail(p, &tok(p)->at, "unknown selection rule '%s' (welfare, first, "
                            "player NAME or min ACTION)", r);
            }
        } else {
            return fail(p, &tok(p)->at, "expected 'subgames' or 'select', found '%s'", w);
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
            if (at_concept_decl(p)) {
                s = parse_concept(p);
                break;
            }
            if (at_start_decl(p)) {
                s = parse_start(p);
                break;
            }
            s = expected(p, "a declaration (game, players, param, let, node, stage, "
                         "infoset, start or equilibrium)");
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
/* Checks after parsing                                                 */
/* ------------------------------------------------------------------ */

static const char *kind_name(int kind)
{
    switch (kind) {
    case MN_DECISION: return "a decision node";
    case MN_CHANCE: return "a chance node";
    case MN_SWITCH: return "a structural if";
    case MN_TERMINAL: return "a terminal node";
    default: return "a stage";
    }
}

/* Names of targets and infoset members become node indices. */
static eq_status resolve_names(parser *p)
{
    eq_model *m = p->m;
    for (int i = 0; i < m->ntgt; i++) {
        mtarget *g = &m->tgt[i];
        if (g->tok < 0)
            continue;
        if ((g->node = smap_get(&p->nodes, text(p, &p->lx.tok[g->tok]))) < 0)
            return fail(p, &g->at, "unknown node '%.64s'", text(p, &p->lx.tok[g->tok]));
        g->tok = -1;
    }
    m->root = 0;
    if (p->start_tok >= 0) {
        const eqi_tok *t = &p->lx.tok[p->start_tok];
        if ((m->root = smap_get(&p->nodes, text(p, t))) < 0)
            return fail(p, &t->at, "unknown node '%.64s'", text(p, t));
    }
    for (int h = 0; h < m->niset; h++) {
        miset *I = &m->iset[h];
        int first = -1;
        for (int k = I->mem0; k < I->mem0 + I->nmem; k++) {
            const eqi_tok *t = &p->lx.tok[m->memtok[k]];
            int v = smap_get(&p->nodes, text(p, t));
            mnode *x;
            if (v < 0)
                return fail(p, &t->at, "unknown node '%.64s'", text(p, t));
            x = &m->node[v];
            if (x->kind != MN_DECISION)
                return fail(p, &t->at, "node '%.64s' is %s: only decision nodes can "
                            "share an information set", x->name, kind_name(x->kind));
            if (x->player != I->player)
                return fail(p, &t->at, "node '%.64s' belongs to %s, but information set "
                            "'%.64s' to %s", x->name, m->pname[x->player], I->name,
                            m->pname[I->player]);
            if (x->iset >= 0)
                return fail(p, &t->at, "node '%.64s' is already in information set '%.64s'",
                            x->name, m->iset[x->iset].name);
            if (first >= 0) {
                const mnode *f = &m->node[first];
                int same = f->nact == x->nact;
                for (int a = 0; same && a < x->nact; a++)
                    same = strcmp(m->aname[f->act0 + a], m->aname[x->act0 + a]) == 0;
                if (!same)
                    return fail(p, &t->at, "node '%.64s' has other actions than node "
                                "'%.64s': the nodes of an information set must have the "
                                "same actions, in the same order", x->name, f->name);
            } else {
                first = v;
            }
            x->iset = h;
            m->memnode[k] = v;
        }
    }
    return EQ_OK;
}

/* Size of the tree below target ti, saturating above MODEL_MAX_TREE. */
static size_t target_size(const eq_model *m, const size_t *size, int ti)
{
    return m->tgt[ti].node >= 0 ? size[m->tgt[ti].node] : 1;
}

static size_t sat(size_t a, size_t b)
{
    return a + b > MODEL_MAX_TREE ? MODEL_MAX_TREE + 1 : a + b;
}

static size_t node_size(const eq_model *m, const size_t *size, int u)
{
    const mnode *x = &m->node[u];
    size_t s = 1;
    switch (x->kind) {
    case MN_SWITCH: {
        size_t a = target_size(m, size, x->tgt0), b = target_size(m, size, x->tgt0 + 1);
        return a > b ? a : b;
    }
    case MN_TERMINAL:
        return 1;
    case MN_STAGE:
        for (int r = 0; r < x->nact; r++) {
            s = sat(s, 1);
            for (int c = 0; c < x->nc; c++) {
                if (x->np == 3)
                    s = sat(s, 1);
                for (int d = 0; d < x->nd; d++)
                    s = sat(s, target_size(m, size, x->tgt0 + (r * x->nc + c) * x->nd + d));
            }
        }
        return s;
    default:
        for (int a = 0; a < x->ntgt; a++)
            s = sat(s, target_size(m, size, x->tgt0 + a));
        return s;
    }
}

/* Depth-first search from the root over every edge, both branches of
** every switch included: a cycle is an error (the tree must be finite),
** so is a node the root never reaches, and so is a tree too large. */
static eq_status check_graph(parser *p)
{
    eq_model *m = p->m;
    int n = m->nnode, sp = 0;
    unsigned char *color = calloc((size_t)n, 1);   /* 0 new, 1 open, 2 done */
    int *stk = malloc((size_t)n * sizeof *stk), *edge = malloc((size_t)n * sizeof *edge);
    size_t *size = malloc((size_t)n * sizeof *size);
    eq_status s = EQ_OK;

    if (color == NULL || stk == NULL || edge == NULL || size == NULL) {
        s = nomem(p);
        goto done;
    }
    stk[sp] = m->root;
    edge[sp++] = 0;
    color[m->root] = 1;
    while (sp > 0) {
        int u = stk[sp - 1];
        const mnode *x = &m->node[u];
        if (edge[sp - 1] < x->ntgt) {
            const mtarget *g = &m->tgt[x->tgt0 + edge[sp - 1]++];
            if (g->node < 0 || color[g->node] == 2)
                continue;
            if (color[g->node] == 1) {
                /* The open nodes from g->node up to u form the cycle. */
                char path[200];
                size_t k = 0;
                int from = sp - 1;
                while (from > 0 && stk[from] != g->node)
                    from--;
                for (int i = from; i < sp && k + 40 < sizeof path; i++)
                    k += (size_t)snprintf(path + k, sizeof path - k, "%.32s -> ",
                                          m->node[stk[i]].name);
                snprintf(path + k, sizeof path - k, "%.32s", m->node[g->node].name);
                s = fail(p, &g->at, "cycle: %s; the game tree must be finite", path);
                goto done;
            }
            color[g->node] = 1;
            stk[sp] = g->node;
            edge[sp++] = 0;
            continue;
        }
        size[u] = node_size(m, size, u);
        color[u] = 2;
        sp--;
    }
    for (int u = 0; u < n; u++)
        if (color[u] == 0) {
            s = fail(p, &m->node[u].at, "node '%.64s' cannot be reached from the root "
                     "'%.64s'", m->node[u].name, m->node[m->root].name);
            goto done;
        }
    if (size[m->root] > MODEL_MAX_TREE)
        s = fail(p, &m->node[m->root].at, "the game tree would have more than %d nodes",
                 MODEL_MAX_TREE);
done:
    free(color);
    free(stk);
    free(edge);
    free(size);
    return s;
}

/* Number the kinds of tree node: one per node, plus one per row (and per
** row and column with three players) inside each stage. */
static eq_status make_slots(parser *p)
{
    eq_model *m = p->m;
    size_t total = 0;
    int k = 0;
    for (int u = 0; u < m->nnode; u++) {
        const mnode *x = &m->node[u];
        if (x->kind == MN_SWITCH)
            continue;
        total += 1;
        if (x->kind == MN_STAGE)
            total += (size_t)x->nact * (x->np == 3 ? 1 + (size_t)x->nc : 1);
        if (x->kind == MN_CHANCE && x->nact > m->maxbuf)
            m->maxbuf = x->nact;
    }
    if (m->n > m->maxbuf)
        m->maxbuf = m->n;
    if (total > (size_t)INT_MAX / 2 || (m->slot = malloc((total + 1) * sizeof *m->slot)) == NULL)
        return nomem(p);
    for (int u = 0; u < m->nnode; u++) {
        mnode *x = &m->node[u];
        if (x->kind == MN_SWITCH)
            continue;
        x->slot0 = k;
        m->slot[k].node = u;
        m->slot[k].r = m->slot[k].c = -1;
        k++;
        if (x->kind != MN_STAGE)
            continue;
        for (int r = 0; r < x->nact; r++, k++) {
            m->slot[k].node = u;
            m->slot[k].r = r;
            m->slot[k].c = -1;
        }
        if (x->np == 3)
            for (int r = 0; r < x->nact; r++)
                for (int c = 0; c < x->nc; c++, k++) {
                    m->slot[k].node = u;
                    m->slot[k].r = r;
                    m->slot[k].c = c;
                }
    }
    m->nslot = k;
    return EQ_OK;
}

static void ref_shape(const eq_model *m, int ref, shape *sh);

/* Each slot's kind, player and number of children, for quick checks. */
static void slot_shapes(eq_model *m)
{
    for (int k = 0; k < m->nslot; k++) {
        shape sh;
        ref_shape(m, k, &sh);
        m->slot[k].kind = sh.kind;
        m->slot[k].player = sh.player;
        m->slot[k].nchild = sh.nchild;
    }
}

/* Whether two decision, chance or stage nodes share a label, or lack
** one: see label_clash. */
static eq_status find_label_clash(parser *p)
{
    eq_model *m = p->m;
    smap seen;
    memset(&seen, 0, sizeof seen);
    for (int u = 0; u < m->nnode && !m->label_clash; u++) {
        const mnode *x = &m->node[u];
        if (x->kind == MN_SWITCH || x->kind == MN_TERMINAL)
            continue;
        if (x->label == NULL || smap_get(&seen, x->label) >= 0)
            m->label_clash = 1;
        else if (smap_put(&seen, x->label, u) != 0) {
            smap_free(&seen);
            return nomem(p);
        }
    }
    smap_free(&seen);
    return EQ_OK;
}

static eq_status check_model(parser *p)
{
    eq_model *m = p->m;
    eqi_loc first = { 1, 1, 0, 0 };
    eq_status s;
    if (m->n == 0)
        return fail(p, &first, "the model declares no players (players A B ...)");
    if (m->nnode == 0)
        return fail(p, &first, "the model declares no nodes");
    if ((s = resolve_names(p)) != EQ_OK || (s = check_graph(p)) != EQ_OK ||
        (s = find_label_clash(p)) != EQ_OK || (s = make_slots(p)) != EQ_OK)
        return s;
    slot_shapes(m);
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
    }
    free(m->param);
    for (int k = 0; k < m->nlet; k++)
        free(m->let[k].name);
    free(m->let);
    for (int u = 0; u < m->nnode; u++) {
        free(m->node[u].name);
        free(m->node[u].label);
    }
    free(m->node);
    for (int a = 0; a < m->naction; a++)
        free(m->aname[a]);
    free(m->aname);
    free(m->aprob);
    free(m->aat);
    free(m->tgt);
    free(m->tupexpr);
    free(m->tupat);
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
    free(m);
}

eq_status eq_model_parse(eq_model **out, const char *text_, size_t len,
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

    if ((s = eqi_lex(&p.lx, &p.src)) == EQ_OK && (s = parse_decls(&p)) == EQ_OK)
        s = check_model(&p);
    eqi_lex_free(&p.lx);
    smap_free(&p.values);
    smap_free(&p.nodes);
    smap_free(&p.players);
    smap_free(&p.isets);
    free(p.tmp);
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

/* ------------------------------------------------------------------ */
/* Accessors and parameters                                             */
/* ------------------------------------------------------------------ */

#define PARAM_OK(m, k) ((m) != NULL && (k) >= 0 && (k) < (m)->nparam)

const char *eq_model_title(const eq_model *m) { return m ? m->title : NULL; }
int eq_model_players(const eq_model *m) { return m ? m->n : 0; }

const char *eq_model_player_name(const eq_model *m, int p)
{
    return (m && p >= 0 && p < m->n) ? m->pname[p] : NULL;
}

int eq_model_params(const eq_model *m) { return m ? m->nparam : 0; }

const char *eq_model_param_name(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].name : NULL;
}

const char *eq_model_param_description(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].desc : NULL;
}

int eq_model_param_is_enum(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].is_enum : 0;
}

double eq_model_param_lo(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].lo : NAN;
}

double eq_model_param_hi(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].hi : NAN;
}

int eq_model_param_choices(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].nchoice : 0;
}

const char *eq_model_param_choice(const eq_model *m, int k, int c)
{
    if (!PARAM_OK(m, k) || c < 0 || c >= m->param[k].nchoice)
        return NULL;
    return m->param[k].choice[c];
}

double eq_model_param_default(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].def : NAN;
}

int eq_model_param_index(const eq_model *m, const char *name)
{
    if (m == NULL || name == NULL)
        return -1;
    for (int k = 0; k < m->nparam; k++)
        if (strcmp(m->param[k].name, name) == 0)
            return k;
    return -1;
}

eq_status eq_model_defaults(const eq_model *m, double *values)
{
    if (m == NULL || (values == NULL && m->nparam > 0))
        return EQ_ERR_ARG;
    for (int k = 0; k < m->nparam; k++)
        values[k] = m->param[k].def;
    return EQ_OK;
}

/* Read a value given on the command line: an optionally signed decimal,
** or a fraction of two ("2/3").  Returns 0 or -1. */
static int parse_value(const char *s, double *v)
{
    const char *slash = strchr(s, '/');
    int neg = 0;
    double num, den;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    if (slash != NULL) {
        const char *d = slash + 1;
        if (eqi_decimal_to_double(s, (size_t)(slash - s), &num) != 0 ||
            eqi_decimal_to_double(d, strlen(d), &den) != 0 || den == 0.0)
            return -1;
        num /= den;
    } else if (eqi_decimal_to_double(s, strlen(s), &num) != 0) {
        return -1;
    }
    if (!isfinite(num))
        return -1;
    *v = neg ? -num : num;
    return 0;
}

/* "a, b, c" of the names in list (n of them), cut to fit. */
static void list_names(char *buf, size_t size, char *const *list, int n)
{
    size_t k = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && k + 40 < size; i++)
        k += (size_t)snprintf(buf + k, size - k, "%s%.32s", i ? ", " : "", list[i]);
    if (k + 40 >= size && n > 0)
        snprintf(buf + k, size - k, ", ...");
}

eq_status eq_model_set_param(const eq_model *m, double *values, const char *assignment,
                             eq_diag *diag)
{
    char name[128], list[256];
    const char *eq, *val;
    size_t nlen;
    const mparam *q;
    int k;
    double v;

    eqi_diag_clear(diag);
    if (m == NULL || values == NULL || assignment == NULL)
        return eqi_diag_plain(diag, EQ_ERR_ARG, "eq_model_set_param: NULL argument");
    if ((eq = strchr(assignment, '=')) == NULL)
        return eqi_diag_plain(diag, EQ_ERR_ARG, "expected NAME=VALUE, not '%.64s'", assignment);
    nlen = (size_t)(eq - assignment);
    while (nlen > 0 && (assignment[nlen - 1] == ' ' || assignment[nlen - 1] == '\t'))
        nlen--;
    while (nlen > 0 && (*assignment == ' ' || *assignment == '\t'))
        assignment++, nlen--;
    val = eq + 1;
    while (*val == ' ' || *val == '\t')
        val++;
    k = -1;
    if (nlen < sizeof name) {
        memcpy(name, assignment, nlen);
        name[nlen] = '\0';
        k = eq_model_param_index(m, name);
    } else {
        snprintf(name, sizeof name, "%.*s", (int)(sizeof name - 1), assignment);
    }
    if (k < 0) {
        char *names[16];
        int n = m->nparam < 16 ? m->nparam : 16;
        for (int i = 0; i < n; i++)
            names[i] = m->param[i].name;
        list_names(list, sizeof list, names, n);
        if (m->nparam > n)
            strncat(list, ", ...", sizeof list - strlen(list) - 1);
        return eqi_diag_plain(diag, EQ_ERR_ARG, "unknown parameter '%.64s' (%s%s)", name,
                          m->nparam ? "the parameters are " : "the model has no parameters",
                          list);
    }
    q = &m->param[k];
    if (q->is_enum) {
        int c = -1;
        for (int i = 0; i < q->nchoice; i++)
            if (strcmp(q->choice[i], val) == 0)
                c = i;
        if (c < 0) {
            list_names(list, sizeof list, q->choice, q->nchoice);
            return eqi_diag_plain(diag, EQ_ERR_ARG, "'%.64s' is not a choice of '%.64s' (its "
                              "choices are %s)", val, q->name, list);
        }
        values[k] = c;
        return EQ_OK;
    }
    if (parse_value(val, &v) != 0)
        return eqi_diag_plain(diag, EQ_ERR_ARG, "malformed value '%.64s' for '%.64s' (expected "
                          "a number)", val, q->name);
    if (v < q->lo || v > q->hi) {
        char a[32], b[32], c[32];
        eqi_format_double(v, a, sizeof a);
        eqi_format_double(q->lo, b, sizeof b);
        eqi_format_double(q->hi, c, sizeof c);
        return eqi_diag_plain(diag, EQ_ERR_ARG, "%s lies outside the domain [%s, %s] of "
                          "'%.64s'", a, b, c, q->name);
    }
    values[k] = v;
    return EQ_OK;
}

/* ------------------------------------------------------------------ */
/* Instantiation                                                        */
/* ------------------------------------------------------------------ */

/* A tree node the model makes, as a reference: a slot (>= 0), or the
** inline payoff tuple -1 - ref. */

typedef struct walker {
    const eq_model *m;
    const double *vals;
    double *stk;            /* EQI_EXPR_STACK doubles */
    double *buf;            /* m->maxbuf doubles */
    eq_tree *t;
    int build;              /* 1: make the tree; 0: update it in place */
    int mismatch;           /* update: the tree has another structure */
    int *map;               /* tree node -> reference */
    int capmap;
    int *isetmap;           /* build: explicit set -> tree set, or -1 */
    eqi_src src;
} walker;


static void ref_shape(const eq_model *m, int ref, shape *sh)
{
    const mslot *sl;
    const mnode *x;
    memset(sh, 0, sizeof *sh);
    sh->player = -1;
    sh->kind = EQ_NODE_TERMINAL;
    if (ref < 0)
        return;
    sl = &m->slot[ref];
    x = &m->node[sl->node];
    switch (x->kind) {
    case MN_TERMINAL:
        sh->label = x->label;
        return;
    case MN_CHANCE:
        sh->kind = EQ_NODE_CHANCE;
        sh->nchild = x->nact;
        sh->label = x->label;
        sh->names = m->aname + x->act0;
        return;
    case MN_DECISION:
        sh->kind = EQ_NODE_DECISION;
        sh->player = x->player;
        sh->nchild = x->nact;
        sh->label = x->label;
        sh->names = m->aname + x->act0;
        return;
    default:    /* a stage */
        sh->kind = EQ_NODE_DECISION;
        if (sl->r < 0) {
            sh->player = x->sp[0];
            sh->nchild = x->nact;
            sh->label = x->label;
            sh->names = m->aname + x->act0;
        } else if (sl->c < 0) {
            sh->player = x->sp[1];
            sh->nchild = x->nc;
            sh->names = m->aname + x->col0;
        } else {
            sh->player = x->sp[2];
            sh->nchild = x->nd;
            sh->names = m->aname + x->third0;
        }
        return;
    }
}

/* Whether tree node v has the shape of ref: kind, children, player; and
** with full, also its label and action names (the check made where a
** structural switch chose the node). */
static int fits(const walker *w, int v, int ref, int full)
{
    const eqi_node *y = &w->t->node[v];
    shape sh;
    if (ref < 0) {
        if (y->kind != EQ_NODE_TERMINAL || y->nchild != 0)
            return 0;
    } else {
        const mslot *sl = &w->m->slot[ref];
        if (y->kind != sl->kind || y->nchild != sl->nchild ||
            (sl->kind == EQ_NODE_DECISION && y->player != sl->player) ||
            (y->nchild > 0 && y->child0 <= v))
            return 0;
    }
    if (!full)
        return 1;
    ref_shape(w->m, ref, &sh);
    if (w->m->label_clash && sh.kind != EQ_NODE_TERMINAL)
        return 0;
    if (!same_label(y->label, sh.label))
        return 0;
    for (int a = 0; a < sh.nchild; a++)
        if (strcmp(eqi_tree_action_name(w->t, v, a), sh.names[a]) != 0)
            return 0;
    return 1;
}

static eq_status eval(walker *w, int e, double *out)
{
    const eq_model *m = w->m;
    eqi_eval_err er;
    int rc = eqi_expr_eval(&m->code, &m->expr[e], w->vals, w->stk, out, &er);
    if (rc != 0) {
        char msg[256];
        eqi_eval_message(&m->code, rc, &er, msg, sizeof msg);
        return eqi_diag_at(&w->src, EQ_ERR_ARG, &m->code.loc[er.pc], "%s", msg);
    }
    return EQ_OK;
}

/* Follow node u through structural switches to the reference it makes;
** *via is set when a switch was passed. */
static eq_status follow_node(walker *w, int u, int *ref, int *via)
{
    const eq_model *m = w->m;
    eq_status s;
    for (;;) {
        const mnode *x = &m->node[u];
        const mtarget *g;
        double c;
        if (x->kind != MN_SWITCH) {
            *ref = x->slot0;
            return EQ_OK;
        }
        if ((s = eval(w, x->cond, &c)) != EQ_OK)
            return s;
        *via = 1;
        g = &m->tgt[x->tgt0 + (c != 0.0 ? 0 : 1)];
        if (g->node < 0) {
            *ref = -1 - g->tuple;
            return EQ_OK;
        }
        u = g->node;
    }
}

static eq_status follow(walker *w, int ti, int *ref, int *via)
{
    const mtarget *g = &w->m->tgt[ti];
    *via = 0;
    if (g->node < 0) {
        *ref = -1 - g->tuple;
        return EQ_OK;
    }
    return follow_node(w, g->node, ref, via);
}

static eq_status eval_tuple(walker *w, int tu)
{
    const eq_model *m = w->m;
    eq_status s;
    for (int q = 0; q < m->n; q++) {
        if ((s = eval(w, m->tupexpr[(size_t)tu * (size_t)m->n + (size_t)q], &w->buf[q])) != EQ_OK)
            return s;
        if (!isfinite(w->buf[q]))   /* evaluation keeps values finite */
            return eqi_diag_at(&w->src, EQ_ERR_ARG, &m->tupat[tu],
                               "the payoff of %s is not finite", m->pname[q]);
    }
    return EQ_OK;
}

static eq_status tree_fail(walker *w, eq_status s)
{
    if (s == EQ_ERR_NOMEM)
        return eqi_diag_plain(w->src.diag, s, "%s: out of memory", w->m->name);
    return eqi_diag_plain(w->src.diag, s, "%s: %s", w->m->name, eq_tree_errmsg(w->t));
}

/* A new information set of the tree for the actions names[0..k). */
static eq_status new_set(walker *w, int player, int k, char *const *names,
                         const char *label, int *h)
{
    eq_status s = eq_tree_add_infoset(w->t, player, k, (const char *const *)names,
                                      label, h);
    return s == EQ_OK ? EQ_OK : tree_fail(w, s);
}

/* The information set tree node v joins (build). */
static eq_status decision_set(walker *w, int v, int ref, int *h)
{
    const eq_model *m = w->m;
    const eq_tree *t = w->t;
    const mslot *sl = &m->slot[ref];
    const mnode *x = &m->node[sl->node];
    shape sh;
    ref_shape(m, ref, &sh);
    if (x->kind == MN_DECISION) {
        if (x->iset < 0)
            return new_set(w, x->player, x->nact, sh.names, x->label, h);
        if (w->isetmap[x->iset] < 0) {
            eq_status s = new_set(w, x->player, x->nact, sh.names, m->iset[x->iset].label,
                                  &w->isetmap[x->iset]);
            if (s != EQ_OK)
                return s;
        }
        *h = w->isetmap[x->iset];
        return EQ_OK;
    }
    /* A stage: the row player's set is the node's own; the column
    ** player's nodes after every row share one set, and so do the third
    ** player's nodes after every row and column.  Breadth-first order
    ** makes the first of them come first. */
    if (sl->r < 0)
        return new_set(w, sh.player, sh.nchild, sh.names, x->label, h);
    if (sl->c < 0) {
        if (sl->r == 0)
            return new_set(w, sh.player, sh.nchild, sh.names, x->label, h);
        *h = t->node[t->node[t->node[v].parent].child0].infoset;
        return EQ_OK;
    }
    if (sl->r == 0 && sl->c == 0)
        return new_set(w, sh.player, sh.nchild, sh.names, x->label, h);
    {
        int row = t->node[t->node[v].parent].parent;
        *h = t->node[t->node[t->node[row].child0].child0].infoset;
    }
    return EQ_OK;
}

/* Make (build) or rewrite (update) tree node v from reference ref, and
** give its children their references. */
static eq_status visit(walker *w, int v, int ref)
{
    const eq_model *m = w->m;
    eq_tree *t = w->t;
    const mslot *sl = ref >= 0 ? &m->slot[ref] : NULL;
    const mnode *x = sl ? &m->node[sl->node] : NULL;
    eq_status s;
    int c0;

    if (!w->build && !fits(w, v, ref, 0)) {
        w->mismatch = 1;
        return EQ_OK;
    }
    if (x == NULL || x->kind == MN_TERMINAL) {
        if ((s = eval_tuple(w, x == NULL ? -1 - ref : m->tgt[x->tgt0].tuple)) != EQ_OK)
            return s;
        if (!w->build) {
            memcpy(t->pays + t->node[v].pay0, w->buf, (size_t)m->n * sizeof *w->buf);
            return EQ_OK;
        }
        if ((s = eq_tree_make_terminal(t, v, w->buf)) != EQ_OK)
            return tree_fail(w, s);
        if (x != NULL && x->label != NULL &&
            (s = eq_tree_set_node_label(t, v, x->label)) != EQ_OK)
            return tree_fail(w, s);
        return EQ_OK;
    }
    if (x->kind == MN_CHANCE) {
        double sum = 0.0;
        for (int a = 0; a < x->nact; a++) {
            double pr;
            int e = m->aprob[x->act0 + a];
            if ((s = eval(w, e, &pr)) != EQ_OK)
                return s;
            if (!(pr >= 0.0 && pr <= 1.0)) {
                char b[32];
                eqi_format_double(pr, b, sizeof b);
                return eqi_diag_at(&w->src, EQ_ERR_ARG, &m->expr[e].at, "the probability "
                                   "of move '%.64s' is %s, outside [0, 1]",
                                   m->aname[x->act0 + a], b);
            }
            w->buf[a] = pr;
            sum += pr;
        }
        if (fabs(sum - 1.0) > 1e-9) {
            char b[32];
            eqi_format_double(sum, b, sizeof b);
            return eqi_diag_at(&w->src, EQ_ERR_ARG, &x->at, "the probabilities of chance "
                               "node '%.64s' sum to %s, not 1", x->name, b);
        }
        if (!w->build) {
            memcpy(t->probs + t->node[v].prob0, w->buf, (size_t)x->nact * sizeof *w->buf);
        } else if ((s = eq_tree_make_chance(t, v, x->nact,
                                            (const char *const *)(m->aname + x->act0),
                                            w->buf)) != EQ_OK ||
                   (x->label != NULL &&
                    (s = eq_tree_set_node_label(t, v, x->label)) != EQ_OK)) {
            return tree_fail(w, s);
        }
    } else if (w->build) {
        int h;
        if ((s = decision_set(w, v, ref, &h)) != EQ_OK)
            return s;
        if ((s = eq_tree_make_decision(t, v, h)) != EQ_OK)
            return tree_fail(w, s);
        if ((x->kind == MN_DECISION || sl->r < 0) && x->label != NULL &&
            (s = eq_tree_set_node_label(t, v, x->label)) != EQ_OK)
            return tree_fail(w, s);
    }
    /* The children's references. */
    if (w->build && grow(&w->map, &w->capmap, t->nnode, sizeof *w->map))
        return tree_fail(w, EQ_ERR_NOMEM);
    c0 = t->node[v].child0;
    for (int a = 0; a < t->node[v].nchild; a++) {
        int cref = 0, via = 0, ti = -1;
        if (x->kind != MN_STAGE)
            ti = x->tgt0 + a;
        else if (sl->r < 0)
            cref = x->slot0 + 1 + a;
        else if (sl->c < 0 && x->np == 3)
            cref = x->slot0 + 1 + x->nact + sl->r * x->nc + a;
        else if (sl->c < 0)
            ti = x->tgt0 + sl->r * x->nc + a;
        else
            ti = x->tgt0 + (sl->r * x->nc + sl->c) * x->nd + a;
        if (ti >= 0 && (s = follow(w, ti, &cref, &via)) != EQ_OK)
            return s;
        w->map[c0 + a] = cref;
        if (!w->build && via && !fits(w, c0 + a, cref, 1)) {
            w->mismatch = 1;
            return EQ_OK;
        }
    }
    return EQ_OK;
}

/* Perfect recall of the explicit information sets: every member must
** carry the same last own move of the set's player.  (A stage's sets
** have it by construction.)  Checked when a tree is built, since which
** members exist depends on the structural choices. */
static eq_status check_recall(walker *w)
{
    const eq_model *m = w->m;
    const eq_tree *t = w->t;
    for (int i = 0; i < m->niset; i++) {
        const eqi_infoset *I;
        int ls0 = -1, la0 = -1;
        if (w->isetmap[i] < 0)
            continue;
        I = &t->iset[w->isetmap[i]];
        for (int k = 0; k < I->nmem; k++) {
            int v = I->members[k], ls = -1, la = -1;
            for (int u = v; t->node[u].parent >= 0; u = t->node[u].parent) {
                const eqi_node *p = &t->node[t->node[u].parent];
                if (p->kind == EQ_NODE_DECISION && p->player == I->player) {
                    ls = p->infoset;
                    la = t->node[u].move;
                    break;
                }
            }
            if (k == 0) {
                ls0 = ls;
                la0 = la;
            } else if (ls != ls0 || la != la0) {
                const char *a = t->node[I->members[0]].label, *b = t->node[v].label;
                return eqi_diag_at(&w->src, EQ_ERR_ARG, &m->iset[i].at, "information set "
                                   "'%.64s' breaks perfect recall: %s made different "
                                   "moves before reaching '%.64s' and '%.64s'",
                                   m->iset[i].name, m->pname[I->player], a ? a : "?",
                                   b ? b : "?");
            }
        }
    }
    return EQ_OK;
}

/* Walk tree nodes in index order from the root's reference. */
static eq_status walk(walker *w)
{
    eq_status s;
    int ref = 0, via = 0;
    if ((s = follow_node(w, w->m->root, &ref, &via)) != EQ_OK)
        return s;
    if (!w->build && via && !fits(w, 0, ref, 1)) {
        w->mismatch = 1;
        return EQ_OK;
    }
    w->map[0] = ref;
    for (int v = 0; v < w->t->nnode; v++) {
        if ((s = visit(w, v, w->map[v])) != EQ_OK)
            return s;
        if (w->mismatch)
            return EQ_OK;
    }
    return EQ_OK;
}

static eq_status build(walker *w, eq_tree **out)
{
    const eq_model *m = w->m;
    eq_status s;
    eq_tree *t = NULL;

    w->build = 1;
    w->map = NULL;
    w->capmap = 0;
    w->isetmap = NULL;
    if ((s = eq_tree_new(&t, m->n)) != EQ_OK)
        return eqi_diag_plain(w->src.diag, s, "%s: out of memory", m->name);
    w->t = t;
    if ((s = eq_tree_set_title(t, m->title)) != EQ_OK)
        goto fail;
    for (int q = 0; q < m->n; q++)
        if ((s = eq_tree_set_player_name(t, q, m->pname[q])) != EQ_OK)
            goto fail;
    if (grow(&w->map, &w->capmap, 1, sizeof *w->map) ||
        (m->niset > 0 && (w->isetmap = malloc((size_t)m->niset * sizeof *w->isetmap)) == NULL)) {
        s = EQ_ERR_NOMEM;
        goto fail;
    }
    for (int i = 0; i < m->niset; i++)
        w->isetmap[i] = -1;
    if ((s = walk(w)) != EQ_OK || (s = check_recall(w)) != EQ_OK)
        goto done;
    if ((s = eq_tree_finish(t)) != EQ_OK)
        goto fail;
    goto done;
fail:
    s = tree_fail(w, s);
done:
    free(w->map);
    free(w->isetmap);
    w->map = w->isetmap = NULL;
    if (s != EQ_OK) {
        eq_tree_free(t);
        return s;
    }
    *out = t;
    return EQ_OK;
}

eq_status eq_model_instantiate(const eq_model *m, const double *values, eq_tree **tree,
                               eq_diag *diag)
{
    double dstack[STACK_DOUBLES], stk[EQI_EXPR_STACK], *dheap = NULL;
    int istack[STACK_INTS], *iheap = NULL;
    size_t nd;
    walker w;
    eq_status s = EQ_OK;

    eqi_diag_clear(diag);
    if (m == NULL || tree == NULL || (values == NULL && m->nparam > 0))
        return eqi_diag_plain(diag, EQ_ERR_ARG, "eq_model_instantiate: NULL argument");
    memset(&w, 0, sizeof w);
    w.m = m;
    w.stk = stk;
    w.src.name = m->name;
    w.src.text = m->src;
    w.src.len = m->srclen;
    w.src.diag = diag;
    /* Scratch: parameter and let values, then one node's payoffs or
    ** probabilities. */
    nd = (size_t)m->nparam + (size_t)m->nlet + (size_t)m->maxbuf;
    if (nd > STACK_DOUBLES && (dheap = malloc(nd * sizeof *dheap)) == NULL)
        return eqi_diag_plain(diag, EQ_ERR_NOMEM, "%s: out of memory", m->name);
    {
        double *vals = dheap ? dheap : dstack;
        w.vals = vals;
        w.buf = vals + m->nparam + m->nlet;
        for (int k = 0; k < m->nparam; k++) {
            const mparam *q = &m->param[k];
            double v = values[k];
            char a[32], b[32], c[32];
            if (q->is_enum && !(v >= 0 && v < q->nchoice && v == floor(v))) {
                eqi_format_double(v, a, sizeof a);
                s = eqi_diag_at(&w.src, EQ_ERR_ARG, &q->at, "parameter '%.64s' has no "
                                "choice number %s (it has %d)", q->name, a, q->nchoice);
                goto done;
            }
            if (!q->is_enum && !(v >= q->lo && v <= q->hi)) {
                eqi_format_double(v, a, sizeof a);
                eqi_format_double(q->lo, b, sizeof b);
                eqi_format_double(q->hi, c, sizeof c);
                s = eqi_diag_at(&w.src, EQ_ERR_ARG, &q->at, "parameter '%.64s' = %s lies "
                                "outside its domain [%s, %s]", q->name, a, b, c);
                goto done;
            }
            vals[k] = v;
        }
        for (int k = 0; k < m->nlet; k++)
            if ((s = eval(&w, m->let[k].expr, &vals[m->nparam + k])) != EQ_OK)
                goto done;
    }
    if (*tree != NULL) {
        eq_tree *t = *tree, *fresh = NULL;
        if (t->n == m->n && t->finished && t->nnode > 0) {
            /* Try to rewrite the tree in place. */
            if ((size_t)t->nnode > STACK_INTS &&
                (iheap = malloc((size_t)t->nnode * sizeof *iheap)) == NULL) {
                s = eqi_diag_plain(diag, EQ_ERR_NOMEM, "%s: out of memory", m->name);
                goto done;
            }
            w.t = t;
            w.map = iheap ? iheap : istack;
            w.capmap = t->nnode;
            s = walk(&w);
            w.map = NULL;
            if (s == EQ_OK && !w.mismatch)
                goto done;
        }
        /* Another structure: a new tree replaces the old (both exist for a
        ** moment, so the new one is never at the old address).  After a
        ** failure half-way, the old tree is freed rather than left partly
        ** rewritten. */
        if (s == EQ_OK) {
            w.mismatch = 0;
            s = build(&w, &fresh);
        }
        eq_tree_free(t);
        *tree = fresh;
        goto done;
    }
    s = build(&w, tree);
done:
    free(dheap);
    free(iheap);
    if (s != EQ_OK && *tree != NULL) {
        /* Whatever failed, the caller never keeps a stale tree. */
        eq_tree_free(*tree);
        *tree = NULL;
    }
    return s;
}

/* ------------------------------------------------------------------ */
/* Writing a tree as a .game model                                      */
/* ------------------------------------------------------------------ */

static void sb_quoted(eqi_sbuf *b, const char *s)
{
    eqi_sb_put(b, "\"", 1);
    for (; *s; s++) {
        switch (*s) {
        case '"': eqi_sb_put(b, "\\\"", 2); break;
        case '\\': eqi_sb_put(b, "\\\\", 2); break;
        case '\n': eqi_sb_put(b, "\\n", 2); break;
        case '\t': eqi_sb_put(b, "\\t", 2); break;
        case '\r': eqi_sb_put(b, "\\r", 2); break;
        default: eqi_sb_put(b, s, 1); break;
        }
    }
    eqi_sb_put(b, "\"", 1);
}

/* A name: bare when it is an identifier, else quoted. */
static void sb_name(eqi_sbuf *b, const char *s)
{
    if (eqi_is_plain_name(s))
        eqi_sb_cat(b, s);
    else
        sb_quoted(b, s);
}

static void sb_num(eqi_sbuf *b, double v)
{
    char num[40];
    eqi_format_double(v, num, sizeof num);
    eqi_sb_cat(b, num);
}

static void sb_payoffs(eqi_sbuf *b, const eq_tree *t, int v)
{
    eqi_sb_put(b, "(", 1);
    for (int q = 0; q < t->n; q++) {
        if (q > 0)
            eqi_sb_put(b, ", ", 2);
        sb_num(b, t->pays[t->node[v].pay0 + q]);
    }
    eqi_sb_put(b, ")", 1);
}

/* Whether s is prefix followed by digits only: a name the writer makes. */
static int made_name(const char *s, char prefix)
{
    if (s[0] != prefix || s[1] == '\0')
        return 0;
    for (s++; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

typedef struct named {
    const char *s;
    int i;
} named;

static int cmp_named(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Give each of the k items with labels lab[] a name: its label when that
** is an identifier used by no other item and not one the writer makes
** (prefix and digits); otherwise prefix and its index.  NULL labels
** belong to items that need no name. */
static int choose_names(const char *const *lab, const int *want, int k, char prefix,
                        char **out)
{
    named *c = malloc(((size_t)k + 1) * sizeof *c);
    int nc = 0;
    if (c == NULL)
        return -1;
    for (int i = 0; i < k; i++) {
        out[i] = NULL;
        if (want[i] && lab[i] != NULL && eqi_is_plain_name(lab[i]) && !made_name(lab[i], prefix)) {
            c[nc].s = lab[i];
            c[nc++].i = i;
        }
    }
    qsort(c, (size_t)nc, sizeof *c, cmp_named);
    for (int j = 0; j < nc; j++) {
        int dup = (j > 0 && strcmp(c[j].s, c[j - 1].s) == 0) ||
                  (j + 1 < nc && strcmp(c[j].s, c[j + 1].s) == 0);
        if (!dup && (out[c[j].i] = eqi_strdup(c[j].s)) == NULL)
            goto nomem;
    }
    for (int i = 0; i < k; i++)
        if (want[i] && out[i] == NULL) {
            char buf[24];
            snprintf(buf, sizeof buf, "%c%d", prefix, i);
            if ((out[i] = eqi_strdup(buf)) == NULL)
                goto nomem;
        }
    free(c);
    return 0;
nomem:
    free(c);
    return -1;
}

/* " \"LABEL\"" when the label differs from the name it defaults to. */
static void sb_label(eqi_sbuf *b, const char *name, const char *label)
{
    label = norm_label(label);
    if (label != NULL && strcmp(label, name) == 0)
        return;
    eqi_sb_put(b, " ", 1);
    sb_quoted(b, label ? label : "");
}

eq_status eq_tree_write_game(const eq_tree *t, char **text)
{
    int n, nh, *want = NULL, *hwant = NULL;
    const char **lab = NULL, **hlab = NULL;
    char **nm = NULL, **hm = NULL;
    eqi_sbuf b;
    eq_status s = EQ_OK;

    if (text != NULL)
        *text = NULL;
    if (t == NULL || text == NULL || !t->finished)
        return EQ_ERR_ARG;
    /* Players are named in the text, so their names must differ. */
    for (int p = 0; p < t->n; p++)
        for (int q = 0; q < p; q++)
            if (strcmp(t->pname[p], t->pname[q]) == 0)
                return EQ_ERR_ARG;
    n = t->nnode;
    nh = t->niset;
    memset(&b, 0, sizeof b);
    want = calloc((size_t)n + 1, sizeof *want);
    lab = calloc((size_t)n + 1, sizeof *lab);
    nm = calloc((size_t)n + 1, sizeof *nm);
    hwant = calloc((size_t)nh + 1, sizeof *hwant);
    hlab = calloc((size_t)nh + 1, sizeof *hlab);
    hm = calloc((size_t)nh + 1, sizeof *hm);
    if (!want || !lab || !nm || !hwant || !hlab || !hm)
        goto nomem;
    /* Every inner node is declared, and so is a terminal node with a label
    ** (and the root); other terminals are written inline. */
    for (int v = 0; v < n; v++) {
        lab[v] = norm_label(t->node[v].label);
        want[v] = v == 0 || t->node[v].kind != EQ_NODE_TERMINAL || lab[v] != NULL;
    }
    /* A one-node information set labelled like its node needs no
    ** declaration; every other set is declared. */
    for (int h = 0; h < nh; h++) {
        const eqi_infoset *I = &t->iset[h];
        hlab[h] = norm_label(I->label);
        hwant[h] = I->nmem != 1 || !same_label(I->label, t->node[I->members[0]].label);
    }
    if (choose_names(lab, want, n, 'n', nm) != 0 || choose_names(hlab, hwant, nh, 'h', hm) != 0)
        goto nomem;

    eqi_sb_cat(&b, "# Written by equilib ");
    eqi_sb_cat(&b, EQ_VERSION_STRING);
    eqi_sb_cat(&b, ": a game tree as a model without parameters.\ngame ");
    sb_quoted(&b, t->title ? t->title : "");
    eqi_sb_cat(&b, "\nplayers");
    for (int p = 0; p < t->n; p++) {
        eqi_sb_put(&b, " ", 1);
        sb_name(&b, t->pname[p]);
    }
    eqi_sb_put(&b, "\n", 1);
    for (int v = 0; v < n; v++) {
        const eqi_node *x = &t->node[v];
        if (!want[v])
            continue;
        eqi_sb_cat(&b, "\nnode ");
        sb_name(&b, nm[v]);
        sb_label(&b, nm[v], x->label);
        eqi_sb_cat(&b, ": ");
        if (x->kind == EQ_NODE_TERMINAL) {
            sb_payoffs(&b, t, v);
            eqi_sb_put(&b, "\n", 1);
            continue;
        }
        if (x->kind == EQ_NODE_DECISION) {
            sb_name(&b, t->pname[x->player]);
            eqi_sb_cat(&b, " chooses\n");
        } else {
            eqi_sb_cat(&b, "chance\n");
        }
        for (int a = 0; a < x->nchild; a++) {
            int c = x->child0 + a;
            eqi_sb_cat(&b, "    ");
            sb_name(&b, eqi_tree_action_name(t, v, a));
            if (x->kind == EQ_NODE_CHANCE) {
                eqi_sb_cat(&b, " (");
                sb_num(&b, t->probs[x->prob0 + a]);
                eqi_sb_put(&b, ")", 1);
            }
            eqi_sb_cat(&b, " -> ");
            if (want[c])
                sb_name(&b, nm[c]);
            else
                sb_payoffs(&b, t, c);
            eqi_sb_put(&b, "\n", 1);
        }
    }
    for (int h = 0; h < nh; h++) {
        const eqi_infoset *I = &t->iset[h];
        if (!hwant[h])
            continue;
        eqi_sb_cat(&b, h == 0 || !hwant[h - 1] ? "\ninfoset " : "infoset ");
        sb_name(&b, hm[h]);
        sb_label(&b, hm[h], I->label);
        eqi_sb_cat(&b, ": ");
        sb_name(&b, t->pname[I->player]);
        eqi_sb_cat(&b, " {");
        for (int k = 0; k < I->nmem; k++) {
            if (k > 0)
                eqi_sb_cat(&b, ", ");
            sb_name(&b, nm[I->members[k]]);
        }
        eqi_sb_cat(&b, "}\n");
    }
    if (b.fail)
        goto nomem;
    *text = b.s;
    b.s = NULL;
    goto done;
nomem:
    s = EQ_ERR_NOMEM;
done:
    free(b.s);
    if (nm != NULL)
        for (int v = 0; v < n; v++)
            free(nm[v]);
    if (hm != NULL)
        for (int h = 0; h < nh; h++)
            free(hm[h]);
    free(want);
    free(lab);
    free(nm);
    free(hwant);
    free(hlab);
    free(hm);
    return s;
}

int eq_model_equilibrium(const eq_model *m, struct eq_tree_opts *o)
{
    if (m == NULL || o == NULL || !m->has_concept)
        return 0;
    o->method = EQ_METHOD_SPE;
    o->subgame_method = (eq_method)m->concept_sub;
    o->coarse = m->concept_coarse;
    o->select = (eq_select)m->concept_select;
    if (m->concept_select == EQ_SELECT_PLAYER)
        for (int k = 0; k < m->n; k++)
            if (strcmp(m->pname[k], m->concept_arg) == 0)
                o->select_player = k;
    if (m->concept_select == EQ_SELECT_MIN_ACTION)
        o->select_action = m->concept_arg;
    return 1;
}
