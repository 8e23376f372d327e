/*
** path.h -- following a solution curve H(x, lambda) = 0 from lambda = 0
** by predictor-corrector continuation, for the logit QRE of strategic
** games (qre.c) and the agent QRE of trees (sequential.c).  Never
** installed.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_PATH_H
#define EQUILIB_PATH_H

#include <cblas.h>

#include "blas.h"
#include "internal.h"

/* LAPACK: the minimum-norm least-squares solution of A X = B by the SVD,
** singular values below rcond * s_max counted as zero; lwork = -1 asks for
** the optimal workspace size in work[0]. */
extern void dgelss_(const blasint *m, const blasint *n, const blasint *nrhs,
                    double *a, const blasint *lda, double *b,
                    const blasint *ldb, double *s, const double *rcond,
                    blasint *rank, double *work, const blasint *lwork,
                    blasint *info);

/*
** A system of N equations in N + 1 unknowns y = (x, lambda), lambda last.
** eval puts H(y) into h (N doubles) and the Jacobian into rows 0 .. N-1
** of A, column-major with leading dimension N + 1 (every entry of those
** rows written, zeros included; row N belongs to the follower).  It
** returns 0, or -1 when y is not a point of its domain (not finite).
*/
typedef struct eqi_path_sys {
    int N;
    int (*eval)(void *ctx, const double *y, double *h, double *A);
    void *ctx;
} eqi_path_sys;

/* How far to follow, and what to report. */
typedef struct eqi_path_opts {
    const char *who;       /* prefix of messages ("qre") */
    double lam_end;        /* stop once lambda >= lam_end */
    double lam_salvage;    /* a breakdown beyond this ends the path with
                              broke = 1 instead of failing */
    double lam_unit;       /* lambda / lam_unit is lambda in the game's
                              units, for messages */
    double *A;             /* (N+1)^2 doubles of workspace, or NULL */
    /* called with every accepted point; may be NULL */
    void (*point)(void *ud, const double *y);
    void *ud;
    eqi_guard *guard;      /* polled every step (EQ_ERR_STOPPED); may be NULL */
    int rel_dist;          /* 1: follow the path in the scaled metric
                              (path.c): coordinate i measured relative to
                              max(1, |y_i|) at each step's start, for arc
                              length, tangents and corrections; 0: in
                              absolute units (sequential.c) */
} eqi_path_opts;

typedef struct eqi_path_stats {
    int steps, rejected, crossings;
    int broke;             /* stopped by a breakdown beyond lam_salvage */
} eqi_path_stats;

/*
** Follow the branch of H = 0 through y (N + 1 doubles, a solution at
** lambda = 0, where the block dH/dx must be invertible) in the direction
** of growing lambda, until lambda reaches o->lam_end; y receives the last
** point.  Fails with EQ_ERR_NUMERIC (singular start, step size underflow,
** the path turning back below lambda = 0), EQ_ERR_LIMIT (100000 steps),
** EQ_ERR_STOPPED (o->guard said stop) or EQ_ERR_NOMEM, the message going to err.
*/
eq_status eqi_path_follow(const eqi_path_sys *sys, const eqi_path_opts *o,
                          double *y, eqi_path_stats *st, char *err);

/* The largest absolute entry of v (k doubles); HUGE_VAL if one is NaN. */
double eqi_norm_inf(const double *v, int k);

/* sig[i] = exp(y[i]) for the N log-probabilities of a logit path's
** point y, whose entry N is lambda.  Returns -1 if a y[i] or lambda is not
** finite, or a y[i] exceeds 700 (exp would overflow); else 0. */
int eqi_path_exp(const double *y, int N, double *sig);

/* ---- refinement of a path's end on its supports ---------------------
** A profile vector of N entries falls into ng groups (a player's or an
** information set's actions), group g being entries off[g] .. off[g+1]-1
** (off: ng + 1 ints, off[ng] = N). */

/* Clip x's rounding negatives (down to -1e-9) to 0 and renormalise each
** group to sum 1.  Returns 0, or -1 if an entry is clearly negative (or
** NaN) or a group sums to 0. */
int eqi_path_clip(double *x, int ng, const int *off);

/* One candidate support: refine (Newton's method on the support's
** equilibrium conditions, the caller's) from the path's point on supp; 0
** with *score its certificate (smaller is better), or -1 if it failed.
** keep: make the candidate just scored the best. */
typedef struct eqi_refiner {
    int (*refine)(void *ctx, const unsigned char *supp, double *score);
    void (*keep)(void *ctx);
    void *ctx;
} eqi_refiner;

/*
** The supports a path's point s indicates, one for each threshold tau of
** 1e-2, 1e-4, ..., 1e-10: the actions with at least tau times their
** group's largest probability.  Each new one (supp, N bytes; prev, N bytes
** of scratch) is refined by R->refine and kept by R->keep when its score
** is below *best, which is updated.  Returns 1 if a candidate was kept,
** else 0.
*/
int eqi_path_refine_supports(const double *s, int ng, const int *off,
                             unsigned char *supp, unsigned char *prev,
                             const eqi_refiner *R, double *best);

#endif /* EQUILIB_PATH_H */
