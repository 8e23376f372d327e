/*
** equilib/options.h -- options by name (for bindings and programs that take
** options as text), a model solved in one call, and lookup by name.
**
** Part of the public header equilib.h: write #include <equilib.h>, which
** includes every part.  This part also compiles alone (it includes the
** common part of equilib.h and the parts it needs itself).
**
** Copyright (C) 2026 the equilib developers.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_PART_OPTIONS_H
#define EQUILIB_PART_OPTIONS_H

#ifndef EQUILIB_H
#define EQUILIB_COMMON_ONLY
#include "../equilib.h"
#undef EQUILIB_COMMON_ONLY
#endif
#include "result.h"
#include "sensitivity.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Embedding: options by name, a model in one call, lookup by name      */
/* ------------------------------------------------------------------ */

/*
** For bindings (Python, R) and for programs that take options as text.
** Nothing here needs the layout of eq_solve_opts or eq_tree_opts: an
** eq_options handle holds options as NAME = VALUE texts, and the
** functions below turn them into the structs for a given game, tree or
** model, resolving player and action names against it.
**
** The options, by name (eq_option_name), with their scope (the bits of
** eq_option_scope: what they apply to):
**   method       GAME|TREE  a method name (eq_method_name)
**   sub          TREE       spe's subgame method, or "default"
**   select       TREE       welfare, first, player:NAME or min:ACTION
**   all          TREE       a truth value: every subgame-perfect eq.
**   refine       TREE       pbe: none, intuitive or d1
**   perfect      TREE       a truth value: lemke's quasi-perfect equilibrium
**   exact        GAME|TREE  a truth value
**   max          GAME|TREE  a count >= 0 (0: no limit)
**   tol          GAME|TREE  a tolerance in (0, 1)
**   coarse       GAME|TREE  a truth value
**   label        GAME       lemke's starting label, or -1
**   objective    GAME       welfare, player:NAME or action:PLAYER:ACTION
**   minimize     GAME       a truth value (and maximize, its opposite:
**                           setting one unsets the other)
**   maximize     GAME
**   unique       GAME       a truth value
**   sensitivity  GAME       a truth value
**   threads      GAME       enum's threads, 0 to 4096 (0: per processor)
**   jobs         ANALYSIS   a sweep's worker threads (eq_analysis_set_threads)
**   count        ANALYSIS   a truth value: EQ_MEASURE_COUNT
**   clamps       ANALYSIS   a truth value: EQ_MEASURE_CLAMPS
**   grid         ANALYSIS   breakpoints' grid intervals, >= 2
**   time_limit   GAME|TREE|ANALYSIS  seconds >= 0 (0: none), eq_limits'
**                           time_limit; for a model it bounds a sweep
**                           between its points (eq_analysis_set_limits),
**                           not the one solve of eq_model_solve
**   max_pivots   GAME|TREE  a count >= 0 (0: none), eq_limits' max_pivots
**   max_vertices GAME|TREE  a count >= 0 (0: none), eq_limits' max_vertices
** Truth values are true/false, 1/0, yes/no or on/off.  An option left
** unset keeps its default: that of eq_solve_opts_init or
** eq_tree_opts_init, or, for a model, the concept the model declares.
**
** Limits.  time_limit, max_pivots and max_vertices are the fields of
** eq_limits (see "Stopping and bounding long calls", equilib/method.h):
** a limit on a method that does not poll it (max_vertices on lemke) is
** accepted and has no effect, as in eq_limits; an option outside its
** scope (max_pivots on a model) is an error, as for every option.  The
** cancellation callback is a function, not a text, so it has no name in
** the table: set it with eq_options_set_cancel.  When a limit or the
** callback is set, the structs that eq_options_solve_opts and
** eq_options_tree_opts fill point their limits at an eq_limits inside o.
*/
#define EQ_OPTION_GAME     1u  /* strategic-form games: eq_solve_opts */
#define EQ_OPTION_TREE     2u  /* trees and models: eq_tree_opts */
#define EQ_OPTION_ANALYSIS 4u  /* models: the settings of an eq_analysis */

typedef struct eq_options eq_options;

/* The table of options: their number; option i's name, a one-line help
** text, and its scope (EQ_OPTION_* bits); the index of the option named
** name, or -1.  NULL or 0 out of range.  Never fail. */
EQ_API int eq_option_count(void);
EQ_API const char *eq_option_name(int i);
EQ_API const char *eq_option_help(int i);
EQ_API unsigned eq_option_scope(int i);
EQ_API int eq_option_index(const char *name);

/* A new handle with no option set (it also keeps the memory correlated
** solves reuse: see eq_solve_with).  *out: OUT, caller owns it, free with
** eq_options_free().  Fails with EQ_ERR_ARG (NULL) or EQ_ERR_NOMEM. */
EQ_API eq_status eq_options_new(eq_options **out);
/* Destroy a handle.  NULL is a no-op. */
EQ_API void eq_options_free(eq_options *o);
/* The message of the last failing call that took o, or "".  Borrowed;
** valid until the next call on o.  Never fails. */
EQ_API const char *eq_options_errmsg(const eq_options *o);

/*
** Set option name to value (copied), or unset it (value NULL).  The
** value's form is checked at once; names of players and actions in it are
** checked when the options are applied to a game.  Fails with EQ_ERR_ARG
** and a message on o: "unknown option 'x' (method, sub, ...)", "option
** select: 'best' is not welfare, first, player:NAME or min:ACTION",
** "option method: unknown method 'x' (pure, zerosum, ...)"; or with
** EQ_ERR_NOMEM.  o is then unchanged.
*/
EQ_API eq_status eq_options_set(eq_options *o, const char *name, const char *value);
/* The value of option name as set, or NULL when unset or unknown.
** Borrowed; valid until the option is set again or o is freed. */
EQ_API const char *eq_options_get(const eq_options *o, const char *name);

/* The cancellation callback of eq_limits (fn NULL: none), polled as
** "Stopping and bounding long calls" says, with ud, in every call that
** applies o.  Cannot be set by eq_options_set: a callback is not a text.
** Fails with EQ_ERR_ARG (o NULL). */
EQ_API eq_status eq_options_set_cancel(eq_options *o, eq_cancel_fn fn, void *ud);

/*
** Turn o into the options of eq_solve for the game g (names resolved
** against g; with g NULL an option that names a player fails), or of
** eq_tree_solve for the tree t or the trees of model m (the defaults are
** then the model's concept, eq_model_equilibrium; either may be NULL,
** names then resolved against whichever is given).  *out is
** filled from eq_solve_opts_init or eq_tree_opts_init, then with every
** option set.  A select_action it sets is borrowed from o: valid until
** "select" is set again or o is freed; its limits, when a limit or the
** callback is set, point into o: valid until o is applied again or
** freed.  Fails with EQ_ERR_ARG and a message on o: an option that does
** not apply ("option select does not apply to a strategic-form game"),
** an unknown player or action.
*/
EQ_API eq_status eq_options_solve_opts(eq_options *o, const eq_game *g,
                                       eq_solve_opts *out);
EQ_API eq_status eq_options_tree_opts(eq_options *o, const eq_model *m,
                                      const eq_tree *t, eq_tree_opts *out);

/*
** eq_solve and eq_tree_solve with options by name (o NULL: the defaults).
** *out as for eq_solve.  On any failure the message is also on o, so a
** binding reads it in one place; when the options themselves fail to
** apply, *out is NULL.  Errors as eq_options_solve_opts, then as eq_solve
** or eq_tree_solve.
**
** Memory reused across calls.  A correlated solve (method correlated, or
** spe with sub correlated) keeps its working memory in o and reuses it at
** the next one: the LP's own arrays (bounds, objective, the matrix,
** solution, ranges) and the buffers of the solve (objective, joint
** distribution, marginals, the certificate's scratch, the matrix entries
** as they are gathered), each grown only when a larger game comes, freed
** with o.  A solve whose LP has no more rows, columns or entries (and its
** game no more profiles and actions) than an earlier one's on the same
** handle then allocates none of these: only its result (on a 5 x 5 x 5
** game, 31 blocks of the library's allocator per solve fall to 7).  What is
** not reused is GLPK's: each solve still creates its GLPK problem and
** environment and frees them before returning (see "Threads and the
** host's own GLPK and OpenBLAS" in equilib.h: the library never leaves a
** GLPK environment behind in the caller's thread, nor touches the
** host's), and GLPK's allocations do not go through eq_set_allocator.
** Results never borrow from the handle's memory.  A failed solve leaves
** the memory fit for the next.  Other methods keep nothing in o.
**
** Threads.  As every handle (see equilib.h), o may be used from any
** thread but not from two at once: with this memory in it, not even for
** two eq_solve_with calls that only read its options.  Give each thread
** a handle of its own (a sweep does this itself: each of its threads
** reuses memory of its own).
*/
EQ_API eq_status eq_solve_with(const eq_game *g, eq_options *o, eq_result **out);
EQ_API eq_status eq_tree_solve_with(const eq_tree *t, eq_options *o,
                                    eq_tree_result **out);

/* Use the TREE and ANALYSIS options of o in the analysis a: its tree
** options become the model's concept with o's TREE options over it
** (eq_analysis_set_tree_opts), and jobs, count, clamps and grid set its
** threads, measures and grid.  An option of scope GAME only is an error.
** Fails with EQ_ERR_ARG (message on o) or EQ_ERR_NOMEM. */
EQ_API eq_status eq_analysis_use_options(eq_analysis *a, eq_options *o);

/*
** Solve model m at values (eq_model_params(m) doubles, as eq_model_defaults
** fills them; NULL: the defaults) under the concept it declares, with o's
** TREE and ANALYSIS options over it (o may be NULL), in one call: the
** analysis, instantiation, solve and measures of eq_point_solve.
** *out: OUT, a point the caller owns and frees with eq_point_free(); read
** it with the eq_point_* accessors (path, class probabilities, payoffs,
** from each named node on, certificate, flags; eq_point_tree and
** eq_point_result give the tree and the whole result).  On failure *out
** still holds the message (eq_point_errmsg; also on o) unless it is NULL
** (out of memory).  Returns the point's status (see eq_point_solve), or
** EQ_ERR_ARG for options that do not apply.  For many solves of one
** model, keep an eq_analysis and an eq_point and call eq_point_solve:
** this call builds both each time.
*/
EQ_API eq_status eq_model_solve(const eq_model *m, const double *values, eq_options *o,
                                eq_point **out);

/*
** Lookup by name.  The first node whose label is label, the first
** information set whose label is label, the player named name, the
** action named name at information set h; -1 if none (or a NULL or
** out-of-range argument).  Labels of a tree instantiated from a model are
** the model's node names.  Never fail.
*/
EQ_API int eq_tree_find_node(const eq_tree *t, const char *label);
EQ_API int eq_tree_find_infoset(const eq_tree *t, const char *label);
EQ_API int eq_tree_find_player(const eq_tree *t, const char *name);
EQ_API int eq_tree_find_action(const eq_tree *t, int h, const char *name);
EQ_API int eq_game_find_player(const eq_game *g, const char *name);

#ifdef __cplusplus
}
#endif

#endif /* EQUILIB_PART_OPTIONS_H */
