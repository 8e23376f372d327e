/*
** mip.h -- what the MILP method (mip.c) and its exact certification of
** the optimum (mipexact.c) share: the problem as normalised, and the
** entry points of the certification.  Internal to the library.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_MIP_H
#define EQUILIB_MIP_H

#include "exact.h"

/* A normalised coefficient below this (and not 0) is beneath GLPK's
** tolerances (1e-7 and finer): the MILP is then solved without the MIP
** presolver (see solve_mip). */
#define MIP_TINY 1e-9

typedef struct mip {
    const eq_game *g;
    const eq_solve_opts *o;
    int m, n;
    double *P[2];   /* P[p]: player p's payoffs mapped into [0, 1], m x n
                       row-major like the game's */
    mpq_t *Q[2];    /* the same in rationals (exact mode), else NULL */
    double *U;      /* m + n big-M constants, one per action */
    double w[2];    /* welfare weights of the normalised payoffs */
    char *err;      /* the result's message buffer */
    eqi_guard *guard; /* the call's limits (r->guard) */
    int tiny;       /* some normalised payoff or big-M constant is not 0
                       but below MIP_TINY */
} mip;

static inline int off(const mip *M, int q) { return q ? M->m : 0; }
static inline int nact(const mip *M, int q) { return q ? M->n : M->m; }

/* Index into the m x n arrays of the payoff that side q's row r and
** column c refer to (see side_lp). */
static inline size_t side_index(const mip *M, int q, int r, int c)
{
    return q ? (size_t)r * (size_t)M->n + (size_t)c
             : (size_t)c * (size_t)M->n + (size_t)r;
}

/* The caller's objective on the exact equilibrium (x, y) whose payoffs
** are p1 and p2, into val (mip.c). */
void eqi_mip_objective_exact(const mip *M, mpq_t *x, mpq_t *y, mpq_t p1,
                             mpq_t p2, mpq_t val);

/* ---- mipexact.c ---- */

/* Candidate systems per side, C(m + n, m), beyond which the exact
** enumeration does not run (sized by its cost: a 7 x 7 game,
** C(14, 7) = 3432, takes about 0.2 s). */
#define MIP_ENUM_MAX 5000

/* Whether the exact enumeration runs on an m x n game:
** C(m + n, m) <= MIP_ENUM_MAX. */
int eqi_mip_enum_fits(int m, int n);

/* The optimum over all equilibria in rationals, from the extreme
** equilibria (see mipexact.c). */
eq_status eqi_mip_exact_optimum(const mip *M, int have, mpq_t *x, mpq_t *y,
                                double *probs, int *changed, mpq_t *x2,
                                mpq_t *y2, double *probs2, int *second);

/* Whether two distinct exact payoffs of one player lie closer than
** MIP_TINY in normalised units: 1, 0, or -1 on no memory. */
int eqi_mip_fine_gaps(const mip *M);

/* The same on the game's own payoffs in doubles, relative to each
** player's range (double mode): 1, 0, or -1 on no memory. */
int eqi_mip_raw_fine_gaps(const eq_game *g, int m, int n);

#endif
