/*
** exact.h -- exact rational arithmetic (GMP): the only header that
** includes <gmp.h>, so only the modules that compute in rationals see it.
** Internal; never installed.
**
** Users: game.c (exact payoffs), rational.c (parsing, printing, linear
** systems, the exact certificate), sparseq.c (sparse systems, for the
** correlated certificate), result.c (exact results), the readers
** that keep exact values (nfg.c, efg.c, lexer.c) and the methods with
** exact arithmetic (pure, zerosum, lemke, enumerate, mip); and
** family_types.c, for the exact masses of beta grids.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_EXACT_H
#define EQUILIB_EXACT_H

#include <gmp.h>

#include "internal.h"

/* The exact payoff of player p at flat index i into out (initialised). */
void eqi_game_exact_payoff(const eq_game *g, int p, size_t i, mpq_t out);
/* The payoff of player p at flat index i as text for a file: its exact
** rational where one is known, else eqi_double_text of the double.  tmp
** is scratch (initialised).  Caller frees; NULL on no memory. */
char *eqi_game_payoff_text(const eq_game *g, int p, size_t i, mpq_t tmp);
/* Whether any payoff of g carries a rational that is not its double. */
int eqi_game_has_exact(const eq_game *g);

/* Parse a decimal or rational number ("-3", "2.5", "1/3", "1e-3") into q.
** Returns 0 on success, -1 on malformed text, -2 on a zero denominator. */
int eqi_parse_rational(const char *text, mpq_t q);

/* Render q as "p/q" or "p"; caller frees with free(). NULL on failure. */
char *eqi_rational_str(const mpq_t q);

/* The number a double most likely stands for, as text that reads back to
** the same double: its shortest decimal when that has at most 15
** significant digits (0.99, 1e-3), else the fraction with the smallest
** denominator, up to 10^6, among those that round to x (1/3), else the
** shortest decimal (17 digits).  The writers of .nfg and .efg files use it
** for values known only as doubles, so converting a game and solving it
** with --exact solves the game that was written, not the binary fraction
** of its double.  Caller frees with free(); NULL if x is not finite or
** memory ran out. */
char *eqi_double_text(double x);

/* Append an exact equilibrium of a two-player game: x (m) and y (n)
** rationals; payoffs and the exact certificate are computed in rational
** arithmetic from g's exact payoffs.  Returns index or -1. */
int eqi_result_add_exact(eq_result *r, const eq_game *g, mpq_t *x, mpq_t *y);

/* Exact linear algebra (rational.c).
** Solve the k x k system M z = rhs in rationals, M row-major.  Returns 0
** on success, -1 if M is singular. z must hold k initialised mpq_t. */
int eqi_exact_solve(int k, mpq_t *M, mpq_t *rhs, mpq_t *z);
/* Solve the sparse k x k system M z = rhs in rationals (sparseq.c): M
** row-wise, row i's entries colidx[e], val[e] for rowptr[i] <= e <
** rowptr[i + 1] (no repeated column in a row).  When c is not NULL, also
** M^T y = c on the same elimination (c indexed by M's columns, y by its
** rows).  val, rhs and c are consumed (their values undefined after); z
** and y hold k initialised rationals.  G is polled at every elimination
** step (NULL: never stopped).  Returns 0, 1 when M is singular, 2 when G
** stopped it, -1 for lack of memory. */
int eqi_sparse_solve(int k, const int *rowptr, const int *colidx, mpq_t *val,
                     mpq_t *rhs, mpq_t *z, mpq_t *c, mpq_t *y, eqi_guard *G);

/* Two-player exact helpers: the m x n matrices A and B of g's exact
** payoffs, as newly initialised mpq arrays (free with eqi_mpq_free). */
mpq_t *eqi_mpq_alloc(size_t k);
void eqi_mpq_free(mpq_t *v, size_t k);

/* Exact best-response check of (x, y) in a bimatrix game: fills the exact
** max regret into reg (initialised).  Returns 0, or -1 on no memory. */
int eqi_exact_regret2(const eq_game *g, mpq_t *x, mpq_t *y, mpq_t reg,
                      mpq_t pay1, mpq_t pay2);

/*
** A basis of the correlated LP (correlated.c) of a game, followed as the
** game's payoffs move with a parameter (a correlated stage's own switch,
** sensitivity/exact.c): bc, its k basic columns (profiles, ascending);
** tr, its k tight rows (incentive rows in the LP's order, then the
** convexity row).
*/
typedef struct eqi_ce_basis {
    int k;
    int *bc, *tr;
} eqi_ce_basis;

/* GLPK's optimal basis of g's correlated LP for o (and cobj, as
** eqi_solve_correlated_with) into *B (free with eqi_ce_basis_free).
** Fails as the solve does; EQ_ERR_NUMERIC when GLPK gives no basis. */
eq_status eqi_ce_basis_solve(const eq_game *g, const eq_solve_opts *o, const double *cobj,
                             eqi_ce_basis *B, char *err);
void eqi_ce_basis_free(eqi_ce_basis *B);
/* The number of margins of B on g for o (0 if o does not apply). */
size_t eqi_ce_margins_len(const eq_game *g, const eq_solve_opts *o, const eqi_ce_basis *B);
/*
** The margins of basis B on g, in rationals on the unscaled LP: g's
** payoffs read exactly (its exact payoffs where known, else its doubles),
** or uq (n x nprof, player-major) when not NULL.  Every margin is >= 0
** exactly when B is optimal on that game: the basic probabilities x_B,
** the tight incentive rows' duals and the reduced costs of the non-basic
** profiles (signed for the direction), and the incentive rows' activities;
** entries with no condition (basic columns, the convexity row) are 1.
** mg holds eqi_ce_margins_len initialised rationals.  Returns 0, 1 when
** B is singular on this game (or larger than its LP allows), -1 for lack
** of memory.
*/
int eqi_ce_margins(const eq_game *g, const eq_solve_opts *o, const double *cobj,
                   mpq_t *uq, const eqi_ce_basis *B, mpq_t *mg);

#endif /* EQUILIB_EXACT_H */
