/*
** zerosum.h -- the zero-sum solver's internal entry points beside
** eqi_solve_zerosum (internal.h): warm starts, for a sweep whose points
** are games of the same shape, and the GLPK-only path, for tests.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_ZEROSUM_H
#define EQUILIB_ZEROSUM_H

#include "equilib.h"

/*
** An optimal basis of an m x n zero-sum game's LP, by the game's rows and
** columns: S, the row player's basic strategies, and T, the columns whose
** constraints are tight, k of each (k < 0: none; S and T have room for m
** and n).  Start with { 0, 0, -1, NULL, NULL }; free the arrays with
** eqi_zs_basis_free (which leaves it empty again).
*/
typedef struct eqi_zs_basis {
    int m, n, k;
    int *S, *T;
} eqi_zs_basis;

void eqi_zs_basis_free(eqi_zs_basis *b);

/*
** As eqi_solve_zerosum, starting the dense simplex from *basis when it
** holds a basis of a game of g's shape (an empty one, or one of another
** shape, starts from the slack basis; one that is not feasible for g is
** dropped for it), and on success leaving g's optimal basis in *basis.  A
** sweep passes the same basis from point to point: near points share
** optimal bases, and the solve then costs the k pivots that install the
** basis and few more.  Fails as eqi_solve_zerosum; *basis is then
** unchanged.
*/
eq_status eqi_solve_zerosum_warm(const eq_game *g, const eq_solve_opts *o,
                                 eq_result *r, eqi_zs_basis *basis);

/* As eqi_solve_zerosum, but with GLPK's simplex on the row player's
** maximin LP in place of the dense one (the method's fallback): the same
** result, exact mode and sensitivity, for comparison in tests. */
eq_status eqi_solve_zerosum_glpk(const eq_game *g, const eq_solve_opts *o,
                                 eq_result *r);

#endif /* EQUILIB_ZEROSUM_H */
