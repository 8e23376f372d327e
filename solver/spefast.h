/*
** spefast.h -- subgame-perfect equilibria solved again and again on trees
** of one shape, without allocating but in pbe stages (spefast.c).
** Internal; never installed.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_SPEFAST_H
#define EQUILIB_SPEFAST_H

#include "tree.h"

typedef struct eqi_spefast eqi_spefast;

/* Whether the fast path solves t under o as eq_tree_solve would: spe
** without all, without a log, not coarse, without refine or perfect, with
** pure or pbe as the subgame method (pbe: o->limits NULL), or another stage
** method when there is no stage at all, and a valid selection rule. */
int eqi_spefast_applies(const eq_tree *t, const eq_tree_opts *o);
/* Prepare the fast path for trees of t's shape under o (o is copied).
** Fails only for lack of memory (or a shape it cannot take: then
** EQ_ERR_NOMEM too, and the caller falls back to eq_tree_solve). */
eq_status eqi_spefast_new(const eq_tree *t, const eq_tree_opts *o, eqi_spefast **out);
/* Whether f was prepared for t's shape and options like o. */
int eqi_spefast_matches(const eqi_spefast *f, const eq_tree *t, const eq_tree_opts *o);
/* Solve t (of f's shape) into r, a result made by eqi_tree_result_new for
** a tree of that shape: r's equilibria are replaced.  The same result, to
** the last bit, as eq_tree_solve (with pbe stages its beliefs, supporting
** sets and certificates too).  Allocates only on r's first use, except
** with pbe as the subgame method: then each solve allocates (the stages'
** enumeration and the beliefs, as eq_tree_solve does).
** Returns EQ_OK (also when there is no equilibrium: r->count is 0) or
** EQ_ERR_NOMEM. */
eq_status eqi_spefast_solve(eqi_spefast *f, const eq_tree *t, eq_tree_result *r);
void eqi_spefast_free(eqi_spefast *f);

#endif /* EQUILIB_SPEFAST_H */
