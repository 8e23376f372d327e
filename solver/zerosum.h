/*
** zerosum.h -- the zero-sum solver's second way, for tests: the row
** player's maximin LP solved by GLPK alone, as the method did before its
** dense simplex (packing.c), so the two can be compared.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_ZEROSUM_H
#define EQUILIB_ZEROSUM_H

#include "equilib.h"

/* As eqi_solve_zerosum (internal.h), but with GLPK's simplex in place of
** the dense one: the same result, exact mode and sensitivity. */
eq_status eqi_solve_zerosum_glpk(const eq_game *g, const eq_solve_opts *o,
                                 eq_result *r);

#endif /* EQUILIB_ZEROSUM_H */
