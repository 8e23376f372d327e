/*
** family.h -- the expansion pass of families, "for" blocks and "types"
** grids, shared by family.c (families, blocks, the pass) and
** family_types.c ("types" grids and the chance nodes that draw from
** them).  Private to those two files.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_FAMILY_H
#define EQUILIB_FAMILY_H

#include <string.h>

#include "model.h"

/* Nesting of families and blocks. */
#define DEPTH_MAX 16
/* Dimensions of one family. */
#define DIM_MAX 8

enum { DIST_UNIFORM, DIST_TRIANGULAR, DIST_BETA, DIST_NORMAL };

typedef struct fam {
    size_t name;            /* offset of its name in the pool */
    int ndim;               /* -1 until its declaration is met */
} fam;

typedef struct typ {
    size_t name;
    int dist, n;
    int arg0[4], arg1[4];   /* input token ranges of the arguments */
    int narg;
    int lo;                 /* the argument that is lo (hi follows last) */
    double p, q;            /* beta's shapes */
} typ;

typedef struct bind {
    size_t name;            /* pool offset */
    long v;
} bind;

typedef struct xp {
    eqi_lexer *lx;
    const eqi_src *src;
    eqi_tok *in;
    int nin;
    eqi_tok *out;
    int nout;
    size_t capout;
    fam *fam;
    int nfam;
    size_t capfam;
    typ *typ;
    int ntyp;
    size_t captyp;
    bind env[DEPTH_MAX * DIM_MAX + 1];
    int nenv;
    const char *ctx;
    int *ref;               /* output tokens that name a member */
    eqi_loc *refat;
    size_t capref, caprefat;
    int nref;
    int *decl;              /* output tokens that declare a member */
    size_t capdecl;
    int ndecl;
    int hasfor;
    eqi_sbuf sb;            /* copy_string's text, reused */
    int *nlnext;            /* NULL, or for each input token the first NL
                               at or after it (nin: none) -- a template's
                               lines are looked for once per copy */
} xp;

static inline const char *tx(const xp *x, size_t off) { return x->lx->pool + off; }
static inline const char *ttext(const xp *x, const eqi_tok *t) { return eqi_tok_text(x->lx, t); }

static inline int is_word(const xp *x, int i, const char *w)
{
    return i < x->nin && x->in[i].kind == EQI_TK_IDENT && strcmp(ttext(x, &x->in[i]), w) == 0;
}


/* Whether the pool text at off is name: the first bytes decide most
** comparisons, and index names are short (they run for every identifier
** a template copies: a loop here, rather than a call of strcmp). */
static inline int same_name(const xp *x, size_t off, const char *name)
{
    const char *s = tx(x, off);
    while (*s == *name) {
        if (*s == '\0')
            return 1;
        s++;
        name++;
    }
    return 0;
}

static inline int find_fam(const xp *x, const char *name)
{
    for (int f = 0; f < x->nfam; f++)
        if (same_name(x, x->fam[f].name, name))
            return f;
    return -1;
}

static inline int find_typ(const xp *x, const char *name)
{
    for (int f = 0; f < x->ntyp; f++)
        if (same_name(x, x->typ[f].name, name))
            return f;
    return -1;
}

static inline const bind *find_bind(const xp *x, const char *name)
{
    for (int k = x->nenv - 1; k >= 0; k--)
        if (same_name(x, x->env[k].name, name))
            return &x->env[k];
    return NULL;
}

static inline int line_end(const xp *x, int i, int end)
{
    if (x->nlnext != NULL && i >= 0 && i < end && i < x->nin) {
        int n = x->nlnext[i];
        return n < end ? n : end;
    }
    while (i < end && x->in[i].kind != EQI_TK_NL)
        i++;
    return i;
}

/* family.c: reporting, output and copying, for family_types.c. */
eq_status eqi_fx_fail(xp *x, const eqi_loc *at, const char *fmt, ...) EQI_PRINTF(3, 4);
eq_status eqi_fx_nomem(xp *x);
eq_status eqi_fx_emit_kind(xp *x, eqi_tk kind, const eqi_loc *at);
eq_status eqi_fx_emit_num(xp *x, double v, const eqi_loc *at);
eq_status eqi_fx_emit_text(xp *x, eqi_tk kind, const char *s, size_t n, const eqi_loc *at,
                           eqi_tok **out);
eq_status eqi_fx_copy_range(xp *x, int a, int b);
eq_status eqi_fx_ix_sum(xp *x, int *i, int end, double *v, int depth);

/* family_types.c: "types NAME ~ DIST(args) on N points" at *i, and
** "chance NAME -> TARGET" at *i (NAME a types grid). */
eq_status eqi_fx_expand_types(xp *x, int *i, int end);
eq_status eqi_fx_expand_chance(xp *x, int *i, int end);

#endif /* EQUILIB_FAMILY_H */
