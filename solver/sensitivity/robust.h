/*
** robust.h -- internals of robustness studies (robust.c) and their claim
** language (claims.c).  Never installed.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_ROBUST_H
#define EQUILIB_ROBUST_H

#include "sens.h"

/* A model of the study, with its settings copied from an analysis. */
typedef struct rmodel {
    const eq_model *m;
    char *alias;
    eq_analysis *an;        /* a private copy: base values, concept */
    int *dim;               /* per parameter: its sampled dimension, or -1 */
} rmodel;

/* A sampled dimension: a parameter name and its prior. */
enum { PRIOR_UNIFORM, PRIOR_BETA, PRIOR_TRIANGULAR };
typedef struct rdim {
    char *name;
    int kind;
    double a, b, c;         /* uniform(a, b); beta(a, b) on [lo, hi];
                               triangular(a, c, b) */
    double lo, hi;
    char *text;             /* the prior as given, for reports */
} rdim;

/* A context: a model with some parameters set (named choices, or numbers
** that override the sample). */
typedef struct rctx {
    int model;
    int n;
    int *param;
    double *val;
    char *name;             /* "alias" or "alias: timing=before, ..." */
} rctx;

/* A compiled claim: postfix code over a value stack. */
enum {
    CL_NUM,                 /* push k */
    CL_PARAM,               /* push the sample's value of parameter a of
                               model b */
    CL_PROB,                /* push P(class c | context a, given g) */
    CL_PAY,                 /* push E(player c | context a, given g) */
    CL_MOVE,                /* push M(move c of the claim | context a,
                               given g) */
    CL_NEG, CL_NOT,
    CL_ADD, CL_SUB, CL_MUL, CL_DIV,
    CL_LT, CL_LE, CL_GT, CL_GE, CL_EQ, CL_NE,
    CL_AND, CL_OR
};
typedef struct rins {
    int op;
    int a, b, c, g;
    double k;
} rins;

/* A move atom's action and the model nodes its pattern picks. */
typedef struct rmove {
    char *action;
    unsigned char *match;   /* per model node (eqi_model_move_nodes) */
} rmove;

typedef struct rclaim {
    char *name, *text;
    rins *code;
    int ncode;
    rmove *move;
    int nmove;
} rclaim;

/* What a study reports: a regime, a class or a claim, in a context. */
enum { ITEM_REGIME = 0, ITEM_CLASS = 1, ITEM_CLAIM = 2 };
typedef struct ritem {
    int kind;
    int ctx;                /* regime, class: the context */
    int index;              /* class: its index; claim: its index */
    char *name;
    double sum, sum2;       /* over samples of y */
    long long hits;         /* samples with y > 1/2 */
    double *bins;           /* ndim x nbin sums of y */
} ritem;

struct eq_robust {
    rmodel *model;
    int nmodel;
    rdim *dim;
    int ndim;
    int explicit_priors;    /* some prior was given */
    rctx *ctx;
    int nctx;
    int nbasectx;           /* contexts reported (the models' own, then
                               added ones); claim contexts come after */
    rclaim *claim;
    int nclaim;
    ritem *item;
    int nitem, capitem;
    long long nsample, i0, i1, done, failed;
    uint64_t seed;
    int threads;
    int nbin;
    long long *bincount;    /* ndim x nbin */
    char firstfail[EQI_ERRMAX];
    int prepared;
    int claim_model;        /* while compiling a model file's claims: the
                               model they speak of; -1 otherwise */
    eq_limits limits;       /* eq_robust_set_limits */
    char errmsg[EQI_ERRMAX];
};

/* Add the model of a under alias; with_claims: also the claims its file
** declares. */
eq_status eqi_robust_add(eq_robust *r, const eq_analysis *a, const char *alias,
                         int with_claims);

/* Find or add the context (model, n settings); returns its index or -1
** (no memory). */
int eqi_robust_context(eq_robust *r, int model, int n, const int *param,
                       const double *val);

/* Compile a claim's text; on failure return EQ_ERR_ARG with the message
** in err (EQI_ERRMAX bytes) and the 0-based offset of the fault in
** *errpos. */
eq_status eqi_claim_compile(eq_robust *r, const char *text, rclaim *out, char *err,
                            size_t *errpos);
/* Evaluate claim c given each context's point (ctxpt[i] for context i)
** and the sample's dimension values x.  Returns 1 (holds), 0 (fails) or
** -1 (a context failed). */
int eqi_claim_eval(const eq_robust *r, const rclaim *c, eq_point *const *ctxpt,
                   const double *x);
void eqi_claim_free(rclaim *c);

#endif /* EQUILIB_ROBUST_H */
