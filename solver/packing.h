/*
** packing.h -- the packing LP of a matrix game,
**
**     max 1'q   s.t.   M q <= 1,   q >= 0,
**
** for a dense r x c matrix M with every entry in [1, 2], by the primal
** simplex method on a dense tableau.  A zero-sum game whose payoffs are
** shifted to be positive is this LP (zerosum.c): q / 1'q is the column
** player's optimal strategy, the row prices p give the row player's as
** p / 1'p, and 1 / 1'q is the value.  The slack basis (q = 0) is feasible,
** so there is no phase 1 and no free variable; the LP is bounded because
** M > 0.
** SPDX-License-Identifier: GPL-3.0-or-later
**
** Method.  The tableau (r x c, the Tucker "condensed" form: one column
** per non-basic variable) is updated by a rank-one exchange at each
** pivot.  Pricing is by steepest edge, exactly: the squared norms of the
** tableau's columns are summed in the same pass as the update, at no
** extra memory traffic.  The ratio test is Harris's two-pass test (the
** largest pivot among the near-minimal ratios).  A long run of degenerate
** pivots switches to Bland's rule until the objective moves again, so the
** method cannot cycle.  At the end the solution is recomputed afresh from
** the final basis (LU of M restricted to the tight rows and basic columns,
** LAPACK), so no rounding accumulated over the pivots is reported, and
** checked: q, p >= 0, M q <= 1 + tol, M'p >= 1 - tol, 1'q = 1'p to tol.
** A basis that fails the check is reported as EQ_ERR_NUMERIC, for the
** caller to solve another way.
**
** Warm start.  eqi_pack_set_basis names the columns to be basic and the
** rows to be tight (as many); the solve pivots them in (largest pivot
** first among the named rows) and goes on from there if that basis is
** feasible, else starts from the slack basis.  The final basis of one
** solve (eqi_pack_col_basic, eqi_pack_row_tight) may start another of the
** same shape, such as the next point of a parameter sweep.
**
** Life cycle:  eqi_pack_new -> (eqi_pack_set_basis) -> eqi_pack_solve ->
** eqi_pack_primal, _dual, _objective, _col_basic, _row_tight,
** _iterations -> (eqi_pack_set_basis, eqi_pack_solve again) ->
** eqi_pack_free.
*/
#ifndef EQUILIB_PACKING_H
#define EQUILIB_PACKING_H

#include <stddef.h>

#include "equilib.h"

typedef struct eqi_pack eqi_pack;

/*
** An LP on the r x c matrix M whose entry (i, j) is a[i * rs + j * cs]
** (rs = c, cs = 1 reads a row-major matrix, rs = 1, cs = r its transpose),
** copied.  The entries must lie in [1, 2] (the caller maps them there).
** *out: OUT, caller owns it, free with eqi_pack_free().  Fails with
** EQ_ERR_ARG (a size below 1) or EQ_ERR_NOMEM; *out is NULL then.
*/
eq_status eqi_pack_new(eqi_pack **out, int r, int c, const double *a,
                       size_t rs, size_t cs);

/* Destroy.  NULL is a no-op. */
void eqi_pack_free(eqi_pack *pk);

/*
** Warm start: the next solve starts from the basis with the k columns
** cols[] basic and the k rows rows[] tight (their slacks non-basic).
** k = 0 clears it (the slack basis).  Fails with EQ_ERR_ARG (an index out
** of range or repeated, k outside 0..min(r, c)) or EQ_ERR_NOMEM.
*/
eq_status eqi_pack_set_basis(eqi_pack *pk, int k, const int *cols,
                             const int *rows);

/*
** Solve.  tol: the tolerance of the final check, relative (entries of M
** are of order 1); it_limit: pivots allowed, 0 for 50 (r + c).  Returns
** EQ_OK with an optimal basis, EQ_ERR_LIMIT (pivots exhausted),
** EQ_ERR_NUMERIC (the final basis failed the check, or a pivot was
** numerically void) or EQ_ERR_NOMEM.  Never prints.
*/
eq_status eqi_pack_solve(eqi_pack *pk, double tol, int it_limit);

/* After EQ_OK: q (c values) and the row prices p (r values), recomputed
** from the basis; 1'q; pivots made by the simplex method (not counting
** the pivots that installed a warm-start basis) and those that did; and
** the basis: whether column j is basic, whether row i is tight (its slack
** non-basic).  Borrowed arrays, valid until the next solve or free. */
const double *eqi_pack_primal(const eqi_pack *pk);
const double *eqi_pack_dual(const eqi_pack *pk);
double eqi_pack_objective(const eqi_pack *pk);
int eqi_pack_iterations(const eqi_pack *pk);
int eqi_pack_install_pivots(const eqi_pack *pk);
int eqi_pack_col_basic(const eqi_pack *pk, int j);
int eqi_pack_row_tight(const eqi_pack *pk, int i);

#endif /* EQUILIB_PACKING_H */
