/*
** model.h -- the parsed .game model, shared by the files of solver/model/:
** parse.c (declarations), check.c (checks after parsing), params.c
** (accessors and parameters), instantiate.c (building trees) and write.c
** (writing a tree as a model).  Private to them; never installed.
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
#ifndef EQUILIB_MODEL_H
#define EQUILIB_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "../expr.h"
#include "../lexer.h"
#include "../textio.h"
#include "../tree.h"

/* The largest tree a model may describe, counted over the worst choice of
** every structural switch: 2^24 nodes, so that a tree of a million nodes
** and more fits with room to spare (about 500 bytes a node to build). */
#define MODEL_MAX_TREE 16777216

enum { MN_DECISION, MN_CHANCE, MN_SWITCH, MN_TERMINAL, MN_STAGE };

typedef struct mparam {
    char *name, *desc;
    int is_enum;
    double lo, hi, def;
    char **choice;
    int nchoice;
    eqi_loc at;
    char *fixed_at;         /* fixed by a set line: "file:line:col" of it */
} mparam;

/* A "set NAME = VALUE" or "default NAME = VALUE" line (include.c): the
** tokens of its name and value. */
typedef struct mset {
    int name, value, neg, fixed, used;
} mset;

/* How deep include lines may nest. */
#define EQI_INCLUDE_DEPTH 16
/* The largest file an include line reads (a model, not a disk image). */
#define EQI_INCLUDE_BYTES (256 << 20)

typedef struct mlet {
    char *name;
    int expr;
    eqi_loc at;
    int guard;              /* 1: this let and the next three ("#mu ..",
                               "#sigma ..", "#lo ..", "#hi ..") are the
                               arguments mu, sigma, lo, hi of a "types ~
                               normal" grid holding a parameter, checked at
                               instantiation (eqi_normal_check); their names
                               start with '#', never a name in a file */
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
    int cls;                /* terminal: its outcome class, or -1 (set
                               by eqi_check_outcomes) */
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

/* Outcome classes, named nodes and claims (outcomes.c). */
typedef struct mclass {
    char *name, *desc;
    eqi_loc at;
    int pat0, npat;         /* patterns: pat[pat0 .. pat0 + npat) */
} mclass;

typedef struct mpat {
    char *text;             /* a terminal node's name, '*' any run */
    eqi_loc at;
} mpat;

typedef struct mgiven {
    char *name, *desc;
    char *nodename;         /* the node's name; a set: its patterns, ", " */
    int node;               /* resolved by eqi_check_outcomes; -1 for a set */
    eqi_loc at, nodeat;
    /* A set of nodes (`given NAME = PATTERN {, PATTERN}`, any '*' or more
    ** than one pattern): patterns pat[pat0 .. pat0 + npat), and in[u] set
    ** for each model node u they match (eqi_check_outcomes). */
    int set, pat0, npat;
    unsigned char *in;
} mgiven;

typedef struct mclaim {
    char *name, *desc, *text;
    eqi_loc at;             /* the claim's text: the string's opening quote */
} mclaim;

struct eq_model {
    char *name;             /* for messages */
    char *src;              /* the text, to quote lines at instantiation */
    size_t srclen;
    char *title;
    int n;
    char **pname;
    mparam *param;
    int nparam;             /* every parameter: the slots of the values */
    int nvis;               /* the free ones, slots [0, nvis); the fixed
                               ones (set lines) follow */
    eqi_seg *seg;           /* the files of src (include.c) */
    int nseg;
    mlet *let;
    int nlet;
    mnode *node;
    int nnode;
    char **aname;           /* action and move names, in strs */
    eqi_strblk *strs;       /* string pool of the action names */
    int *aprob;             /* chance: expression of each move */
    eqi_loc *aat;
    int naction;
    mtarget *tgt;
    int ntgt;
    int *tupexpr;           /* ntuple x n expressions, player order */
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
    int concept_method;     /* EQ_METHOD_SPE, _SEQUENTIAL or _PBE */
    int concept_refine;     /* pbe: eq_refine */
    int concept_sub;        /* eq_method of the subgames, -1: default */
    int concept_coarse;     /* subgames correlated coarse */
    int concept_select;     /* eq_select */
    char *concept_arg;      /* player name or action name for the rule */
    mclass *cls;
    int ncls;
    size_t capcls;
    mpat *pat;
    int npat;
    size_t cappat;
    mgiven *given;
    int ngiven;
    size_t capgiven;
    mclaim *claim;
    int nclaim;
    size_t capclaim;
    /* The template instances that locations point to (eqi_loc.ctx),
    ** taken over from the lexer (family.c). */
    char **ctx;
    int nctx;
};

/* The checks of normal(mu, sigma, lo, hi) at the values v (family_types.c):
** NULL when they hold, else the message ("normal's sigma must be
** positive, not -1") in buf, and in *arg the argument it is about (1:
** sigma, 2: lo). */
const char *eqi_normal_check(const double v[4], char *buf, size_t size, int *arg);

/* What tree node a reference makes (see "Instantiation"). */
typedef struct shape {
    eq_node_kind kind;
    int player, nchild;
    const char *label;
    char *const *names;
} shape;

/* ------------------------------------------------------------------ */
/* Labels                                                               */
/* ------------------------------------------------------------------ */

/* The label a node or set gets: "" means none. */
static inline const char *eqi_label_norm(const char *s)
{
    return (s == NULL || s[0] == '\0') ? NULL : s;
}

/* Whether two labels are the same, "" and NULL alike. */
int eqi_label_same(const char *a, const char *b);

/* ------------------------------------------------------------------ */
/* The parser (parse.c, check.c)                                        */
/* ------------------------------------------------------------------ */

typedef struct parser {
    eq_model *m;
    eqi_lexer lx;
    eqi_src src;
    eqi_cursor cur;
    size_t cap_param, cap_let, cap_node, cap_tgt, cap_iset, cap_expr;
    size_t cap_aname, cap_aprob, cap_aat, cap_tupexpr, cap_memtok, cap_memnode;
    eqi_map values;         /* params and lets -> index (lets: nparam + i) */
    eqi_map nodes, players, isets;
    int game_tok, players_tok, start_tok, concept_tok;
    int *aslot;             /* the actions so far of node aslot_node, when
                               it has many: a hash table of asize slots
                               (seen_action) */
    size_t capaslot, asize;
    int aslot_node;
    int *tmp;               /* stage parsing */
    size_t captmp;
    size_t capseg;          /* include.c */
    mset *set;
    int nset;
    size_t capset;
    int *pslot;             /* the slot of the i-th parameter declared */
    int nparsed;
    /* Payoffs that are one number, by the bits of their value: the
    ** expression compiled for the first (parse.c, payoff), a hash table
    ** of capk slots (a power of 2, kval -1 when empty). */
    uint64_t *kkey;
    int *kval;
    size_t capk, nk;
} parser;

static inline const eqi_tok *tok(const parser *p) { return &p->lx.tok[p->cur.i]; }
static inline const char *text(const parser *p, const eqi_tok *t)
{
    return eqi_tok_text(&p->lx, t);
}
static inline eq_status nomem(parser *p) { return eqi_diag_nomem(&p->src); }

/* A parse error at `at`: fills the diagnostic, returns EQ_ERR_PARSE. */
eq_status eqi_parse_fail(parser *p, const eqi_loc *at, const char *fmt, ...)
    EQI_PRINTF(3, 4);

/* Check a parsed model: names resolve, the graph is finite and reached
** from the root, and number its tree-node slots (check.c). */
eq_status eqi_model_check(parser *p);

/* Include, set and default lines (include.c): splice the included
** files into the tokens (before eqi_expand); read the set and default
** lines and give every parameter declaration its slot (after it);
** whether a set or default line starts at token i; apply the line naming
** parameter q, if any, once its domain is read; and fail on a line that
** named no parameter. */
eq_status eqi_include_all(parser *p);
eq_status eqi_scan_sets(parser *p);
int eqi_at_set_line(const parser *p, int i);
eq_status eqi_apply_set(parser *p, mparam *q);
eq_status eqi_check_sets(parser *p);
int eqi_claim_names_fixed(const eq_model *m, int i);

/* The values of every slot of m's parameters: the caller's free ones,
** then the fixed ones' values (full: m->nparam doubles). */
void eqi_model_full_values(const eq_model *m, const double *values, double *full);

/* Outcome classes, named nodes and claims (outcomes.c): whether the
** current line declares one ("class", "given" or "claim" NAME, then '='
** or a description and '='), its parsing, the checks once the whole
** model is read (patterns, coverage of the terminals, the named nodes,
** the claims), and freeing. */
int eqi_at_outcome_decl(const parser *p);
eq_status eqi_parse_outcome_decl(parser *p);
eq_status eqi_check_outcomes(parser *p);
void eqi_outcomes_free(eq_model *m);

/* ------------------------------------------------------------------ */
/* Instantiation (instantiate.c)                                        */
/* ------------------------------------------------------------------ */

/* What tree node reference ref makes: a slot (>= 0), or the inline payoff
** tuple -1 - ref. */
void eqi_model_ref_shape(const eq_model *m, int ref, shape *sh);

#endif /* EQUILIB_MODEL_H */
