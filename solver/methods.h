/*
** methods.h -- the method table (methods.c) and the entry points of every
** method.  Internal; never installed.
**
** A method is one row of the table: its name, a one-line summary, the
** kinds of game it takes and what it offers (the EQ_CAP_* bits of
** equilib.h), and the functions that solve each kind.  eq_solve,
** eq_tree_solve, spe (for each subgame's stage), the model language and
** the public queries (eq_method_caps, eq_method_check_game, ...) read the
** table; no other part of the library lists the methods.
**
** Adding a method NAME touches these files and no others:
**   include/equilib.h   an EQ_METHOD_ value, appended, with a comment;
**   solver/NAME.c       its solve functions;
**   solver/methods.h    their prototypes, below;
**   solver/methods.c    its row of the table;
**   tests/test_NAME.c   its tests;
** and README.md's table of methods.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_METHODS_H
#define EQUILIB_METHODS_H

#include <stddef.h>

#include "equilib.h"

struct eqi_cands;   /* tree.h: the profiles spe collects for one stage */

/* A strategic-form game: fills r, leaves a message on r->errmsg. */
typedef eq_status (*eqi_solve_fn)(const eq_game *g, const eq_solve_opts *o,
                                  eq_result *r);
/* A whole finished tree: fills r (behaviour profiles). */
typedef eq_status (*eqi_tree_fn)(const eq_tree *t, const eq_tree_opts *o,
                                 eq_tree_result *r);
/* A stage of spe: the small tree st of one subgame's part (nested
** subgames' roots paying their values), solved with method m for every
** equilibrium (up to o->max_equilibria); appends them to out and sets
** out->partial when it stopped early.  Message to err (EQI_ERRMAX). */
typedef eq_status (*eqi_part_fn)(const eq_tree *st, const eq_tree_opts *o,
                                 eq_method m, struct eqi_cands *out, char *err);
/* A condition beyond the capabilities (zerosum: constant sum): EQ_OK, or
** EQ_ERR_UNSUPPORTED with a sentence in why (len bytes). */
typedef eq_status (*eqi_game_check_fn)(const eq_game *g, char *why, size_t len);
typedef eq_status (*eqi_tree_check_fn)(const eq_tree *t, char *why, size_t len);

typedef struct eqi_method {
    const char *name;        /* as on the command line */
    const char *summary;     /* one line: what it computes, for what */
    const char *kind;        /* its equilibria in a sentence: "pure",
                                "extreme", ... (NULL: "") */
    unsigned caps;           /* EQ_CAP_* */
    eqi_solve_fn solve;      /* EQ_CAP_STRATEGIC */
    eqi_tree_fn tree;        /* EQ_CAP_TREE_*: a whole tree */
    eqi_part_fn part;        /* EQ_CAP_STAGE: a stage inside spe */
    eqi_game_check_fn check_game;   /* NULL: the capabilities say it all */
    eqi_tree_check_fn check_tree;
} eqi_method;

/* Method m's row, or NULL when m is not a method. */
const eqi_method *eqi_method_get(eq_method m);

/* The names of the methods that have every bit of caps, in table order,
** as "a, b or c" into buf (len bytes). */
void eqi_method_list(unsigned caps, char *buf, size_t len);

/* ---- strategic-form methods (one file each) ------------------------- */

eq_status eqi_solve_pure(const eq_game *g, const eq_solve_opts *o,
                         eq_result *r);
eq_status eqi_solve_zerosum(const eq_game *g, const eq_solve_opts *o,
                            eq_result *r);
eq_status eqi_solve_lemke(const eq_game *g, const eq_solve_opts *o,
                          eq_result *r);
eq_status eqi_solve_enum(const eq_game *g, const eq_solve_opts *o,
                         eq_result *r);
eq_status eqi_solve_mip(const eq_game *g, const eq_solve_opts *o,
                        eq_result *r);
eq_status eqi_solve_correlated(const eq_game *g, const eq_solve_opts *o,
                               eq_result *r);
/* The same with the objective coefficient of every profile (g->nprof, in
** the game's units, maximised or minimised as o says) given by cobj
** instead of o's objective; cobj NULL is eqi_solve_correlated.  The
** result's value is then sum pi(s) cobj(s).  ws: a workspace to reuse
** (internal.h, eqi_ce_ws), or NULL for memory of this call's own;
** eqi_solve_correlated takes the one on its call's guard.  Nothing of the
** result borrows from ws. */
eq_status eqi_solve_correlated_with(const eq_game *g, const eq_solve_opts *o,
                                    const double *cobj, eqi_ce_ws *ws,
                                    eq_result *r);
eq_status eqi_solve_qre(const eq_game *g, const eq_solve_opts *o,
                        eq_result *r);

/* ---- methods on trees ----------------------------------------------- */

/* spe.c: subgame-perfect equilibria, subgame by subgame. */
eq_status eqi_tree_solve_spe(const eq_tree *t, const eq_tree_opts *o,
                             eq_tree_result *r);
/* seqzero.c, seqlemke.c: two-player trees on their sequence form. */
eq_status eqi_tree_solve_seq_zerosum(const eq_tree *t, const eq_tree_opts *o,
                                     eq_tree_result *r);
eq_status eqi_tree_solve_seq_lemke(const eq_tree *t, const eq_tree_opts *o,
                                   eq_tree_result *r);
/* sequential.c: a sequential equilibrium by the agent QRE path. */
eq_status eqi_tree_solve_sequential(const eq_tree *t, const eq_tree_opts *o,
                                    eq_tree_result *r);
/* pbe.c: every pure weak perfect Bayesian equilibrium; the same for a
** stage of spe (the same enumeration on the stage's small tree); and the
** beliefs of spe's equilibrium k of t when its stages are pbe's: at each
** set off the path, Bayes' rule given the root of the set's stage where
** the stage reaches the set, else one supporting belief (the LP's) with
** the supporting set, then the assessment certificate.  o: o->tol for the
** ties.  EQ_OK, EQ_ERR_NOMEM or EQ_ERR_LIMIT (a set of more than
** PBE_MAX_SET_NODES nodes off its stage's path), message in r->errmsg. */
eq_status eqi_tree_solve_pbe(const eq_tree *t, const eq_tree_opts *o, eq_tree_result *r);
eq_status eqi_part_pbe(const eq_tree *st, const eq_tree_opts *o, eq_method m,
                       struct eqi_cands *out, char *err);
eq_status eqi_pbe_assess(const eq_tree *t, const eq_tree_opts *o, eq_tree_result *r,
                         int k);
/* Whether u1 + u2 is the same at every leaf of a two-player tree (to the
** tolerance of eq_game_is_constant_sum): the sequence-form zerosum's
** condition. */
int eqi_tree_is_constant_sum(const eq_tree *t);
/* treduced.c: a strategic method (o->method) on the tree's reduced
** strategic form, its equilibria as behaviour strategies; and the same
** for a stage of spe. */
eq_status eqi_tree_solve_via_reduced(const eq_tree *t, const eq_tree_opts *o,
                                     eq_tree_result *r);
eq_status eqi_part_via_reduced(const eq_tree *st, const eq_tree_opts *o,
                               eq_method m, struct eqi_cands *out, char *err);
/* tcorrelated.c: the tree, or a stage, as one correlated equilibrium of
** its reduced strategic form. */
eq_status eqi_tree_solve_correlated(const eq_tree *t, const eq_tree_opts *o,
                                    eq_tree_result *r);
eq_status eqi_part_correlated(const eq_tree *st, const eq_tree_opts *o,
                              eq_method m, struct eqi_cands *out, char *err);

#endif /* EQUILIB_METHODS_H */
