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
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"
#include "textio.h"
#include "tree.h"

/* Token limits shared with the .nfg reader (textio.h); QUOTE_MAX also
** bounds the names quoted in messages. */
#define NUMBER_MAX EQI_GB_NUMBER_MAX
#define QUOTE_MAX EQI_GB_QUOTE_MAX
/* The most nodes a tree read from a file may have. */
#define NODES_MAX 10000000
/* Bytes of the shortest node entry, t""0: every node still to be read
** needs at least this much of the input that is left. */
#define ENTRY_MIN 4

/* A name for "%.*s%s" in a message: at most QUOTE_MAX bytes, then "...". */
#define CLIP(s) QUOTE_MAX, (s), strlen(s) > QUOTE_MAX ? "..." : ""

/* ------------------------------------------------------------------ */
/* Numbers                                                              */
/* ------------------------------------------------------------------ */

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
static eq_status read_number(eqi_gb *p, double *out, int *sign)
{
    char b[QUOTE_MAX + 8];
    mpq_t q;
    int rc;

    *out = 0.0;
    *sign = 0;
    if (p->tlen > NUMBER_MAX)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "%s is too long for a number",
                           eqi_gb_describe(p, b, sizeof b));
    if (eqi_gb_huge_exponent(p->text))
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "%s is out of range",
                           eqi_gb_describe(p, b, sizeof b));
    mpq_init(q);
    rc = eqi_parse_rational(p->text, q);
    if (rc == 0) {
        *out = nearest(q);
        *sign = mpq_sgn(q);
    }
    mpq_clear(q);
    if (rc == -2)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "zero denominator in %s",
                           eqi_gb_describe(p, b, sizeof b));
    if (rc != 0)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "%s is not a number",
                           eqi_gb_describe(p, b, sizeof b));
    if (!isfinite(*out))
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "%s is out of range",
                           eqi_gb_describe(p, b, sizeof b));
    return EQ_OK;
}

/* The current token as a number of the file's own numbering (a player,
** information set, event or outcome): *v in lo..INT_MAX.  what names it
** in messages. */
static eq_status read_index(eqi_gb *p, const char *what, size_t lo, int *v)
{
    char b[QUOTE_MAX + 8];
    size_t k;

    *v = 0;     /* defined on failure too, which the compiler cannot see */
    if (p->kind != EQI_GB_WORD) {
        char w[64];
        snprintf(w, sizeof w, "%s %s number",
                 strchr("aeiou", what[0]) != NULL ? "an" : "a", what);
        return eqi_gb_unexpected(p, w);
    }
    if (!eqi_gb_count(p->text, &k) || k < lo)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                           "%s number %s is not %s integer", what,
                           eqi_gb_describe(p, b, sizeof b),
                           lo > 0 ? "a positive" : "a non-negative");
    if (k > (size_t)INT_MAX)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "%s number %s is too large",
                           what, eqi_gb_describe(p, b, sizeof b));
    *v = (int)k;
    return EQ_OK;
}

/* ------------------------------------------------------------------ */
/* What the body refers to by number                                    */
/* ------------------------------------------------------------------ */

/* Keys of the map from numbers in the file (arbitrary, so they cannot
** index an array) to indices: the kind of thing in the high word, its
** number in the low. */
#define KEY_OUTCOME 1u
#define KEY_EVENT 2u
#define KEY_PLAYER 3u       /* + player index, 0-based */

static uint64_t make_key(unsigned kind, int num)
{
    return (uint64_t)kind << 32 | (uint32_t)num;
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
    eqi_gb p;
    eq_tree *t;
    int n;
    /* Once the input left is too short to hold an entry for every node
    ** still to be read, the parse must fail: it goes on only to find the
    ** place, without creating nodes that would never be used. */
    int dry;
    size_t created;     /* nodes created (counted when dry) */
    size_t pending;     /* nodes created but not yet read */
    eqi_map m;
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
    eqi_loc ppos[EQ_MAX_PLAYERS];
    /* The names in the current node's list, with their places and (at a
    ** chance node) probabilities. */
    char **nm;
    eqi_loc *where;
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
    eqi_map_free(&e->m);
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
static eq_status builder(efg *e, eq_status s, const eqi_loc *at)
{
    if (s == EQ_ERR_NOMEM)
        return eqi_gb_nomem(&e->p);
    return eqi_gb_fail(&e->p, EQ_ERR_PARSE, at, "%s", eq_tree_errmsg(e->t));
}

/* Append the current token (a string) to the name list, at its place. */
static eq_status push_name(efg *e)
{
    size_t k = e->nnm + 1;
    if (eqi_grow(&e->nm, &e->capnm, k, sizeof *e->nm) ||
        eqi_grow(&e->where, &e->capwhere, k, sizeof *e->where) ||
        eqi_grow(&e->prob, &e->capprob, k, sizeof *e->prob))
        return eqi_gb_nomem(&e->p);
    if (eqi_gb_keep(&e->p, &e->nm[e->nnm]) != EQ_OK)
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
        return eqi_gb_nomem(&e->p);
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
    return eqi_gb_fail(&e->p, EQ_ERR_PARSE, &e->where[first],
                       "duplicate action name \"%.*s%s\" in information set %d "
                       "of player %d", CLIP(e->nm[first]), num, player + 1);
}

/* The list of action names (chance: with probabilities) after a
** description's name; the current token is that name.  Leaves the token
** after the closing '}' current; *brace is where the '{' stands. */
static eq_status read_list(efg *e, int chance, eqi_loc *brace)
{
    eqi_gb *p = &e->p;
    eq_status s;

    scratch_clear(e);
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    if (p->kind != EQI_GB_LBRACE)
        return eqi_gb_unexpected(p, chance ? "'{' before the moves"
                                    : "'{' before the actions");
    *brace = p->at;
    for (;;) {
        if ((s = eqi_gb_next(p)) != EQ_OK)
            return s;
        if (p->kind == EQI_GB_RBRACE)
            break;
        if (p->kind != EQI_GB_STRING)
            return eqi_gb_unexpected(p, chance ? "a move name or '}'"
                                        : "an action name or '}'");
        if ((s = push_name(e)) != EQ_OK)
            return s;
        if (!chance)
            continue;
        if ((s = eqi_gb_next(p)) != EQ_OK)
            return s;
        if (p->kind != EQI_GB_WORD)
            return eqi_gb_unexpected(p, "the move's probability");
        {
            char b[QUOTE_MAX + 8];
            double x;
            int sign;
            if ((s = read_number(p, &x, &sign)) != EQ_OK)
                return s;
            if (sign < 0)
                return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                                   "probability %s is negative",
                                   eqi_gb_describe(p, b, sizeof b));
            if (x > 1.0)
                return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                                   "probability %s exceeds 1",
                                   eqi_gb_describe(p, b, sizeof b));
            e->prob[e->nnm - 1] = x;
        }
    }
    return eqi_gb_next(p);
}

static int same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Define information set num of player (0-based), labelled label, with
** the actions just read (e->nm, handed over to the tree); at is the set's
** number, brace its action list.  The set becomes e->iset[e->niset - 1]. */
static eq_status define_infoset(efg *e, int player, int num, const char *label,
                                const eqi_loc *at, const eqi_loc *brace)
{
    eqi_gb *p = &e->p;
    iset_rec *I;
    eq_status s;
    if (e->nnm == 0)
        return eqi_gb_fail(p, EQ_ERR_PARSE, brace, "information set %d of "
                           "player %d has no actions", num, player + 1);
    if ((s = check_duplicates(e, num, player)) != EQ_OK)
        return s;
    if (e->nnm > NODES_MAX)
        return eqi_gb_fail(p, EQ_ERR_PARSE, brace, "tree too large (more than "
                           "%d nodes)", NODES_MAX);
    if (eqi_grow(&e->iset, &e->capiset, e->niset + 1, sizeof *e->iset))
        return eqi_gb_nomem(p);
    I = &e->iset[e->niset];
    /* Named "1", "2" ... by the builder, then renamed with copies of
    ** the names read (check_duplicates tested them already). */
    s = eq_tree_add_infoset(e->t, player, (int)e->nnm, NULL,
                            label[0] ? label : NULL, &I->id);
    if (s != EQ_OK)
        return builder(e, s, brace);
    if (eqi_map_put_key(&e->m, make_key(KEY_PLAYER + (unsigned)player, num),
                (int)e->niset))
        return eqi_gb_nomem(p);
    e->niset++;
    for (size_t a = 0; a < e->nnm; a++) {
        char *c = eqi_tree_str(e->t, e->nm[a]);
        if (c == NULL)
            return eqi_gb_nomem(p);
        e->t->iset[I->id].aname[a] = c;
    }
    I->line = at->line;
    I->lastset = e->lastset[player];
    I->lastact = e->lastact[player];
    return EQ_OK;
}

/* Information set num of player, e->iset[r], is described again: its
** label (read at lab_at) and its actions (e->nm, the list at brace) must
** be those of its definition. */
static eq_status same_infoset(efg *e, int r, int player, int num, const char *label,
                              const eqi_loc *lab_at, const eqi_loc *brace)
{
    eqi_gb *p = &e->p;
    const iset_rec *I = &e->iset[r];
    const eqi_infoset *h = &e->t->iset[I->id];
    if (!same_text(h->label, label))
        return eqi_gb_fail(p, EQ_ERR_PARSE, lab_at, "information set %d of "
                           "player %d was defined at line %d with name "
                           "\"%.*s%s\", found \"%.*s%s\"", num, player + 1,
                           I->line, CLIP(h->label ? h->label : ""), CLIP(label));
    if ((size_t)h->nact != e->nnm)
        return eqi_gb_fail(p, EQ_ERR_PARSE, brace, "information set %d of "
                           "player %d was defined at line %d with %d action%s, "
                           "found %zu", num, player + 1, I->line, h->nact,
                           h->nact == 1 ? "" : "s", e->nnm);
    for (size_t a = 0; a < e->nnm; a++)
        if (strcmp(h->aname[a], e->nm[a]) != 0)
            return eqi_gb_fail(p, EQ_ERR_PARSE, &e->where[a], "information set "
                               "%d of player %d was defined at line %d with "
                               "action %zu named \"%.*s%s\", found \"%.*s%s\"",
                               num, player + 1, I->line, a + 1,
                               CLIP(h->aname[a]), CLIP(e->nm[a]));
    return EQ_OK;
}

/* A personal node's "PLAYER INFOSET [description]"; the current token is
** the player number.  *id: the tree's information set; *mover: the player,
** 0-based; *at: where the information set number stands. */
static eq_status read_infoset(efg *e, int *id, int *mover, eqi_loc *at)
{
    eqi_gb *p = &e->p;
    char b[QUOTE_MAX + 8];
    eqi_loc lab_at, brace;
    char *label = NULL;
    eq_status s;
    size_t k;
    int player, num, r, described;

    if (p->kind != EQI_GB_WORD)
        return eqi_gb_unexpected(p, "a player number");
    if (!eqi_gb_count(p->text, &k) || k < 1 || k > (size_t)e->n)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "player %s out of range 1..%d",
                           eqi_gb_describe(p, b, sizeof b), e->n);
    player = (int)k - 1;
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    if ((s = read_index(p, "information set", 1, &num)) != EQ_OK)
        return s;
    *at = p->at;
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    described = p->kind == EQI_GB_STRING;
    if (described) {
        lab_at = p->at;
        if ((s = eqi_gb_keep(p, &label)) != EQ_OK)
            return s;
        if ((s = read_list(e, 0, &brace)) != EQ_OK)
            goto done;
    }
    r = eqi_map_get_key(&e->m, make_key(KEY_PLAYER + (unsigned)player, num));
    if (r < 0) {
        if (!described) {
            s = eqi_gb_fail(p, EQ_ERR_PARSE, at, "information set %d of player "
                            "%d is used before it is defined", num, player + 1);
            goto done;
        }
        if ((s = define_infoset(e, player, num, label, at, &brace)) != EQ_OK)
            goto done;
        r = (int)e->niset - 1;
    } else if (described) {
        if ((s = same_infoset(e, r, player, num, label, &lab_at, &brace)) != EQ_OK)
            goto done;
    }
    *id = e->iset[r].id;
    *mover = player;
    /* Perfect recall: the player's own last move must be the same at every
    ** node of the set (Kuhn 1953); the tree would find the same later. */
    if (e->iset[r].lastset != e->lastset[player] ||
        e->iset[r].lastact != e->lastact[player]) {
        s = eqi_gb_fail(p, EQ_ERR_PARSE, at, "information set %d of player %d "
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
    eqi_gb *p = &e->p;
    eqi_loc at, lab_at, brace;
    char *label = NULL;
    eq_status s;
    int num, r, described;

    if ((s = read_index(p, "chance event", 1, &num)) != EQ_OK)
        return s;
    at = p->at;
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    described = p->kind == EQI_GB_STRING;
    if (described) {
        lab_at = p->at;
        if ((s = eqi_gb_keep(p, &label)) != EQ_OK)
            return s;
        if ((s = read_list(e, 1, &brace)) != EQ_OK)
            goto done;
    }
    r = eqi_map_get_key(&e->m, make_key(KEY_EVENT, num));
    if (r < 0) {
        event_rec *E;
        double sum = 0.0;
        if (!described) {
            s = eqi_gb_fail(p, EQ_ERR_PARSE, &at, "chance event %d is used "
                            "before it is defined", num);
            goto done;
        }
        if (e->nnm == 0) {
            s = eqi_gb_fail(p, EQ_ERR_PARSE, &brace, "chance event %d has no "
                            "moves", num);
            goto done;
        }
        /* The tree's own test (eq_tree_finish), in the same order. */
        for (size_t a = 0; a < e->nnm; a++)
            sum += e->prob[a];
        if (!(fabs(sum - 1.0) <= 1e-9)) {
            s = eqi_gb_fail(p, EQ_ERR_PARSE, &brace, "probabilities of chance "
                            "event %d sum to %.12g, not 1", num, sum);
            goto done;
        }
        if (e->nnm > NODES_MAX) {
            s = eqi_gb_fail(p, EQ_ERR_PARSE, &brace, "tree too large (more than "
                            "%d nodes)", NODES_MAX);
            goto done;
        }
        if (eqi_grow(&e->ev, &e->capev, e->nev + 1, sizeof *e->ev) ||
            eqi_grow(&e->evname, &e->capevname, e->nevpool + e->nnm,
                 sizeof *e->evname) ||
            eqi_grow(&e->evprob, &e->capevprob, e->nevpool + e->nnm,
                 sizeof *e->evprob) ||
            eqi_map_put_key(&e->m, make_key(KEY_EVENT, num), (int)e->nev)) {
            s = eqi_gb_nomem(p);
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
            s = eqi_gb_fail(p, EQ_ERR_PARSE, &lab_at, "chance event %d was "
                            "defined at line %d with name \"%.*s%s\", found "
                            "\"%.*s%s\"", num, E->line, CLIP(E->label),
                            CLIP(label));
            goto done;
        }
        if ((size_t)E->nact != e->nnm) {
            s = eqi_gb_fail(p, EQ_ERR_PARSE, &brace, "chance event %d was "
                            "defined at line %d with %d move%s, found %zu", num,
                            E->line, E->nact, E->nact == 1 ? "" : "s", e->nnm);
            goto done;
        }
        for (size_t a = 0; a < e->nnm; a++) {
            const char *nm = e->evname[E->base + a];
            if (strcmp(nm, e->nm[a]) != 0) {
                s = eqi_gb_fail(p, EQ_ERR_PARSE, &e->where[a], "chance event %d "
                                "was defined at line %d with move %zu named "
                                "\"%.*s%s\", found \"%.*s%s\"", num, E->line,
                                a + 1, CLIP(nm), CLIP(e->nm[a]));
                goto done;
            }
            if (e->evprob[E->base + a] != e->prob[a]) {
                s = eqi_gb_fail(p, EQ_ERR_PARSE, &e->where[a], "chance event %d "
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
    eqi_gb *p = &e->p;
    eqi_loc at, name_at;
    char *name = NULL;
    eq_status s;
    int num, r;
    size_t cnt = 0;
    const double *pay;

    if ((s = read_index(p, "outcome", 0, &num)) != EQ_OK)
        return s;
    at = p->at;
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    if (p->kind == EQI_GB_STRING) {
        if (num == 0)
            return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "the null outcome 0 "
                               "cannot have a name or payoffs");
        name_at = p->at;
        if ((s = eqi_gb_keep(p, &name)) != EQ_OK)
            return s;
        if ((s = eqi_gb_next(p)) != EQ_OK)
            goto done;
        if (p->kind != EQI_GB_LBRACE) {
            s = eqi_gb_unexpected(p, "'{' before the payoffs");
            goto done;
        }
        if ((s = eqi_gb_next(p)) != EQ_OK)
            goto done;
        /* Payoffs apart by spaces or by commas, as in .nfg outcomes. */
        for (;;) {
            int sign;
            if (p->kind == EQI_GB_RBRACE)
                break;
            if (cnt > 0 && p->kind == EQI_GB_COMMA) {
                if ((s = eqi_gb_next(p)) != EQ_OK)
                    goto done;
                if (p->kind != EQI_GB_WORD) {
                    s = eqi_gb_unexpected(p, "a payoff after ','");
                    goto done;
                }
            }
            if (p->kind != EQI_GB_WORD) {
                s = eqi_gb_unexpected(p, "a payoff or '}'");
                goto done;
            }
            if (cnt == (size_t)e->n) {
                s = eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "outcome %d: expected "
                                "%d payoffs, found more", num, e->n);
                goto done;
            }
            if ((s = read_number(p, &e->pay[cnt], &sign)) != EQ_OK)
                goto done;
            e->ppos[cnt++] = p->at;
            if ((s = eqi_gb_next(p)) != EQ_OK)
                goto done;
        }
        if (cnt < (size_t)e->n) {
            s = eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "outcome %d: expected %d "
                            "payoffs, found %zu", num, e->n, cnt);
            goto done;
        }
        if ((s = eqi_gb_next(p)) != EQ_OK)
            goto done;
        r = eqi_map_get_key(&e->m, make_key(KEY_OUTCOME, num));
        if (r < 0) {
            outcome_rec *O;
            if (eqi_grow(&e->oc, &e->capoc, e->noc + 1, sizeof *e->oc) ||
                eqi_grow(&e->ocpay, &e->capocpay, e->nocpay + (size_t)e->n,
                     sizeof *e->ocpay) ||
                eqi_map_put_key(&e->m, make_key(KEY_OUTCOME, num), (int)e->noc)) {
                s = eqi_gb_nomem(p);
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
                s = eqi_gb_fail(p, EQ_ERR_PARSE, &name_at, "outcome %d was "
                                "defined at line %d with name \"%.*s%s\", found "
                                "\"%.*s%s\"", num, O->line, CLIP(O->name),
                                CLIP(name));
                goto done;
            }
            for (int q = 0; q < e->n; q++)
                if (e->ocpay[O->base + (size_t)q] != e->pay[q]) {
                    s = eqi_gb_fail(p, EQ_ERR_PARSE, &e->ppos[q], "outcome %d "
                                    "was defined at line %d with payoff %g for "
                                    "player %d, found %g", num, O->line,
                                    e->ocpay[O->base + (size_t)q], q + 1,
                                    e->pay[q]);
                    goto done;
                }
        }
    } else if (num > 0) {
        r = eqi_map_get_key(&e->m, make_key(KEY_OUTCOME, num));
        if (r < 0)
            return eqi_gb_fail(p, EQ_ERR_PARSE, &at, "outcome %d is used before "
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
static eq_status push_frame(efg *e, size_t k, int player, const eqi_loc *at)
{
    frame *f;
    if (e->created + k > NODES_MAX)
        return eqi_gb_fail(&e->p, EQ_ERR_PARSE, at, "tree too large (more than "
                           "%d nodes)", NODES_MAX);
    if (eqi_grow(&e->fr, &e->capfr, e->nfr + 1, sizeof *e->fr) ||
        eqi_grow(&e->acc, &e->capacc, (e->nfr + 1) * (size_t)e->n, sizeof *e->acc))
        return eqi_gb_nomem(&e->p);
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
    size_t left = e->p.src.len - e->p.at.off;
    return left / ENTRY_MIN < e->pending + more;
}

/* One node entry, for node v; the current token is its first. */
static eq_status read_node(efg *e, int v)
{
    eqi_gb *p = &e->p;
    char b[QUOTE_MAX + 8];
    eqi_loc at = p->at, iat;
    eq_status s;
    char type;

    if (p->kind == EQI_GB_EOF)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "unexpected end of file: "
                           "%zu more node%s expected", e->pending + 1,
                           e->pending == 0 ? "" : "s");
    if (p->kind != EQI_GB_WORD || p->tlen != 1 ||
        (p->text[0] != 'c' && p->text[0] != 'p' && p->text[0] != 't'))
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "expected a node ('c', 'p' "
                           "or 't'), found %s", eqi_gb_describe(p, b, sizeof b));
    type = p->text[0];
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    if (p->kind != EQI_GB_STRING)
        return eqi_gb_unexpected(p, "the node's name string");
    if (!e->dry && p->tlen > 0 &&
        (s = eq_tree_set_node_label(e->t, v, p->text)) != EQ_OK)
        return builder(e, s, &at);
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;

    if (type == 't') {
        if ((s = read_outcome(e)) != EQ_OK)
            return s;
        for (int q = 0; q < e->n; q++)
            if (!isfinite(e->cur[q]))
                return eqi_gb_fail(p, EQ_ERR_PARSE, &at, "payoff of player %d "
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
    eqi_gb *p = &e->p;
    char *title = NULL, *pname[EQ_MAX_PLAYERS];
    int n = 0;
    eq_status s;

    if ((s = eqi_gb_prologue(p, "EFG", "2", "extensive-form", &title,
                             pname, &n)) != EQ_OK)
        goto done;
    /* The optional comment, which an eq_tree does not keep. */
    if ((s = eqi_gb_next(p)) != EQ_OK)
        goto done;
    if (p->kind == EQI_GB_STRING && (s = eqi_gb_next(p)) != EQ_OK)
        goto done;

    if ((s = eq_tree_new(&e->t, n)) != EQ_OK) {
        s = eqi_gb_nomem(p);
        goto done;
    }
    e->n = n;
    if (eq_tree_set_title(e->t, title) != EQ_OK) {
        s = eqi_gb_nomem(p);
        goto done;
    }
    for (int q = 0; q < n; q++)
        if (eq_tree_set_player_name(e->t, q, pname[q]) != EQ_OK) {
            s = eqi_gb_nomem(p);
            goto done;
        }
done:
    free(title);
    for (int q = 0; q < n; q++)
        free(pname[q]);
    return s;
}

eq_status eq_tree_parse_efg(eq_tree **out, const char *text, size_t len,
                            const char *name, eq_diag *diag)
{
    efg e;
    eqi_gb *p = &e.p;
    char b[QUOTE_MAX + 8];
    eq_status s;
    eqi_loc root;
    unsigned long gmp = eqi_gmp_mark();

    eqi_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (out == NULL || (text == NULL && len > 0)) {
        if (diag != NULL)
            eqi_error(diag->message, EQ_ERR_ARG,
                      "eq_tree_parse_efg: NULL argument");
        return EQ_ERR_ARG;
    }
    memset(&e, 0, sizeof e);
    p->src.text = text != NULL ? text : "";
    p->src.len = len;
    p->src.name = name != NULL ? name : "<input>";
    p->src.diag = diag;
    p->line = 1;
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
    if (p->kind != EQI_GB_EOF) {
        s = eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "unexpected %s after the last "
                        "node", eqi_gb_describe(p, b, sizeof b));
        goto done;
    }
    if (e.dry) {            /* a complete tree cannot have been too short */
        s = eqi_gb_fail(p, EQ_ERR_INTERNAL, &root, "the reader lost count of "
                        "the nodes");
        goto done;
    }
    /* The reader has checked all that eq_tree_finish checks, at its place
    ** in the file; what remains is lack of memory. */
    if ((s = eq_tree_finish(e.t)) != EQ_OK)
        s = builder(&e, s, &root);
    else if (eqi_gmp_failed(gmp))    /* GMP ran on its reserve (gmpmem.c) */
        s = eqi_gb_nomem(p);
done:
    if (s == EQ_OK) {
        *out = e.t;
        e.t = NULL;
    }
    eq_tree_free(e.t);
    efg_free(&e);
    return s;
}

eq_status eq_tree_read_efg(eq_tree **out, const char *path, eq_diag *diag)
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
                      "eq_tree_read_efg: NULL argument");
        return EQ_ERR_ARG;
    }
    if ((s = eqi_read_file(path, &buf, &len, diag)) != EQ_OK)
        return s;
    s = eq_tree_parse_efg(out, buf, len, path, diag);
    free(buf);
    return s;
}

/* ------------------------------------------------------------------ */
/* The writer                                                           */
/* ------------------------------------------------------------------ */

static void sb_int(eqi_sbuf *b, int k)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", k);
    eqi_sb_cat(b, buf);
}

/* A finite double as the number it most likely stands for (see
** eqi_double_text): 0.99 stays 0.99, not its binary fraction. */
static void sb_number(eqi_sbuf *b, double d)
{
    char *num;
    if ((num = eqi_double_text(d)) == NULL) {
        b->fail = 1;
        return;
    }
    eqi_sb_cat(b, num);
    free(num);
}

eq_status eq_tree_write_efg(const eq_tree *t, char **text)
{
    eqi_sbuf b = { NULL, 0, 0, 0 };
    int *num = NULL, *stack = NULL, count[EQ_MAX_PLAYERS] = { 0 };
    int sp = 0, events = 0, outcomes = 0;

    if (text == NULL)
        return EQ_ERR_ARG;
    *text = NULL;
    if (t == NULL)
        return EQ_ERR_ARG;
    /* Open nodes have no entry; NaN and infinity have no text in a file. */
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

    eqi_sb_cat(&b, "EFG 2 R ");
    eqi_sb_gambit_quoted(&b, t->title);
    eqi_sb_cat(&b, " {");
    for (int p = 0; p < t->n; p++) {
        eqi_sb_cat(&b, " ");
        eqi_sb_gambit_quoted(&b, t->pname[p]);
    }
    eqi_sb_cat(&b, " }\n\"\"\n\n");

    /* Preorder, children first to last.  Information sets are numbered
    ** per player as they first appear, as Gambit does; their description
    ** is repeated at every node, which the format allows. */
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
            eqi_sb_cat(&b, "p ");
            eqi_sb_gambit_quoted(&b, x->label);
            eqi_sb_cat(&b, " ");
            sb_int(&b, x->player + 1);
            eqi_sb_cat(&b, " ");
            sb_int(&b, num[x->infoset]);
            eqi_sb_cat(&b, " ");
            eqi_sb_gambit_quoted(&b, h->label);
            eqi_sb_cat(&b, " {");
            for (int a = 0; a < h->nact; a++) {
                eqi_sb_cat(&b, " ");
                eqi_sb_gambit_quoted(&b, h->aname[a]);
            }
            eqi_sb_cat(&b, " } 0\n");
        } else if (x->kind == EQ_NODE_CHANCE) {
            eqi_sb_cat(&b, "c ");
            eqi_sb_gambit_quoted(&b, x->label);
            eqi_sb_cat(&b, " ");
            sb_int(&b, ++events);
            eqi_sb_cat(&b, " \"\" {");
            for (int a = 0; a < x->nchild; a++) {
                eqi_sb_cat(&b, " ");
                eqi_sb_gambit_quoted(&b, t->cnames[x->aname0 + a]);
                eqi_sb_cat(&b, " ");
                sb_number(&b, t->probs[x->prob0 + a]);
            }
            eqi_sb_cat(&b, " } 0\n");
        } else {
            eqi_sb_cat(&b, "t ");
            eqi_sb_gambit_quoted(&b, x->label);
            eqi_sb_cat(&b, " ");
            sb_int(&b, ++outcomes);
            eqi_sb_cat(&b, " \"\" {");
            for (int p = 0; p < t->n; p++) {
                eqi_sb_cat(&b, p > 0 ? ", " : " ");
                sb_number(&b, t->pays[x->pay0 + p]);
            }
            eqi_sb_cat(&b, " }\n");
        }
    }
    free(num);
    free(stack);
    if (b.fail) {
        free(b.s);
        return EQ_ERR_NOMEM;
    }
    *text = b.s;
    return EQ_OK;
}

eq_status eq_tree_save_efg(const eq_tree *t, const char *path)
{
    char *text = NULL;
    eq_status s;

    if (t == NULL || path == NULL || path[0] == '\0')
        return EQ_ERR_ARG;
    if ((s = eq_tree_write_efg(t, &text)) != EQ_OK)
        return s;
    s = eqi_save_file(path, text, strlen(text));
    free(text);
    return s;
}
