/*
** equilib/sensitivity.h -- points, sweeps, breakpoints and robustness studies
** of a model.
**
** Part of the public header equilib.h: write #include <equilib.h>, which
** includes every part.  This part also compiles alone (it includes the
** common part of equilib.h and the parts it needs itself).
**
** Copyright (C) 2026 the equilib developers.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_PART_SENSITIVITY_H
#define EQUILIB_PART_SENSITIVITY_H

#ifndef EQUILIB_H
#define EQUILIB_COMMON_ONLY
#include "../equilib.h"
#undef EQUILIB_COMMON_ONLY
#endif
#include "model.h"
#include "tree_solve.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Sensitivity: points, sweeps, breakpoints, robustness                 */
/* ------------------------------------------------------------------ */

/*
** How a model's equilibrium depends on its parameters.  Four objects:
**
**   eq_analysis  the settings of a study of one model: the base values of
**                its parameters, the equilibrium concept (tree options),
**                the axes of a sweep, the number of threads, and what to
**                measure beyond the basics;
**   eq_point     one solved instance of the model: its parameter values,
**                the selected equilibrium's path, outcome-class
**                probabilities and payoffs (overall, and from each named
**                node of the model on), the number of subgame-perfect
**                equilibria when asked, the certificate, and flags;
**   eq_breaks    the breakpoints of one parameter: every value at which
**                the outcome changes, located to 1e-12 and verified in
**                exact arithmetic where the payoffs allow;
**   eq_robust    a robustness study: Latin-hypercube samples over priors,
**                shares of the parameter space where each regime, outcome
**                class and claim holds, and which parameters matter most.
**
** Life cycles:
**
**   eq_analysis_new -> eq_analysis_set / _vary / _set_threads ...
**     -> eq_model_sweep (rows to a callback, in grid order)
**     -> eq_model_breakpoints (one parameter) -> read -> eq_breaks_free
**     -> eq_analysis_free
**   eq_point_new -> eq_point_solve (again and again) -> eq_point_free
**   eq_robust_new -> eq_robust_add_model / _prior / _claim ...
**     -> eq_robust_run -> read the items -> eq_robust_free
**
** The model is borrowed by every object made from it and must outlive
** them.  An eq_analysis may be read by several threads at once (by
** eq_model_breakpoints and eq_point_solve); eq_model_sweep, which leaves
** its message on the analysis, runs one at a time per analysis.
**
** The outcome.  "The selected equilibrium" is equilibrium 0 of
** eq_tree_solve under the analysis' tree options (by default the concept
** the model declares with `equilibrium`, else spe with the default
** subgame method and selection by welfare).  Its outcome is:
**   - its behaviour profile, compared by support: the set of actions with
**     positive probability (above 1e-9) at every information set, on the
**     path and off it;
**   - its path: the nodes reached with positive probability, written in
**     words by eq_point_path;
**   - the probability of each outcome class (declared in the model with
**     `class`) and each player's expected payoff, overall and from each
**     named node (`given`) on;
**   - with EQ_MEASURE_COUNT, the number of subgame-perfect equilibria
**     (eq_tree_solve with all set, up to 1000).
*/
typedef struct eq_analysis eq_analysis;
typedef struct eq_point eq_point;
typedef struct eq_breaks eq_breaks;
typedef struct eq_robust eq_robust;

/* What to measure beyond the basics (eq_analysis_set_measures). */
#define EQ_MEASURE_COUNT  1u  /* count the subgame-perfect equilibria: a
                                 second solve with all, so about twice
                                 the time */
#define EQ_MEASURE_CLAMPS 2u  /* look for min/max clamps at their bound
                                 (EQ_FLAG_CLAMP): the model's expressions
                                 are evaluated once more */

/* Flags of a point (eq_point_flags): never silent, each comes with a note
** in words (eq_point_note). */
#define EQ_FLAG_TIE       1u  /* a player is indifferent, to the solver's
                                 tolerance, between an action the selected
                                 equilibrium plays and one it does not,
                                 somewhere in the tree (on or off the
                                 path): the choice was made by the
                                 selection rule or the order of actions */
#define EQ_FLAG_CLAMP     2u  /* a min or max with a constant argument is
                                 at that bound (the other argument lies
                                 beyond it): the outcome does not move
                                 with what is clamped; the note gives the
                                 expression's file:line:col */
#define EQ_FLAG_NONE      4u  /* the method found no equilibrium */
#define EQ_FLAG_PARTIAL   8u  /* counting stopped at its limit: there may
                                 be more equilibria than eq_point_spe_count */

/* A row callback: called with each point in order; pt is borrowed for the
** call's duration.  Return 0 to go on, anything else to stop the run
** (which then returns EQ_ERR_STOPPED). */
typedef int (*eq_point_fn)(void *ud, const eq_point *pt);

/* ---- settings ------------------------------------------------------ */

/*
** A new analysis of model m (borrowed): base values the defaults, tree
** options the model's declared concept (eq_model_equilibrium over
** eq_tree_opts_init), one thread, no axes, no extra measures, a grid of
** 100 intervals for breakpoints.  *out: OUT, caller owns it, free with
** eq_analysis_free().  Fails with EQ_ERR_ARG (NULL) or EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_analysis_new(eq_analysis **out, const eq_model *m);
/* Destroy an analysis.  NULL is a no-op. */
EQ_API void eq_analysis_free(eq_analysis *a);
/* The last error message left on a, or "".  Borrowed; never fails. */
EQ_API const char *eq_analysis_errmsg(const eq_analysis *a);
/* The model (borrowed).  Never fails. */
EQ_API const eq_model *eq_analysis_model(const eq_analysis *a);

/* Set one base value from "NAME=VALUE", as eq_model_set_param does (a
** number, a fraction "2/3", or a choice's name).  Fails with EQ_ERR_ARG
** and a message on a (unknown parameter, malformed value, value outside
** the domain); the values are then unchanged. */
EQ_API eq_status eq_analysis_set(eq_analysis *a, const char *assignment);
/* Set every base value (eq_model_params(m) doubles, copied; each checked
** against its domain).  Fails with EQ_ERR_ARG. */
EQ_API eq_status eq_analysis_set_values(eq_analysis *a, const double *values);
/* The base values: eq_model_params(m) doubles.  Borrowed; valid until
** they are set again or a is freed. */
EQ_API const double *eq_analysis_values(const eq_analysis *a);

/* Use the tree options o (copied, with select_action's text, without
** limits: a sweep's are set by eq_analysis_set_limits) instead of
** the model's concept.  Fails with EQ_ERR_ARG (NULL) or EQ_ERR_NOMEM. */
EQ_API eq_status eq_analysis_set_tree_opts(eq_analysis *a, const eq_tree_opts *o);

/* Worker threads of a sweep: n >= 1, or 0 for one per online processor.
** Rows come in grid order whatever n is.  Fails with EQ_ERR_ARG. */
EQ_API eq_status eq_analysis_set_threads(eq_analysis *a, int n);
/* Extra measures: EQ_MEASURE_COUNT | EQ_MEASURE_CLAMPS, or 0.  Fails with
** EQ_ERR_ARG for unknown bits. */
EQ_API eq_status eq_analysis_set_measures(eq_analysis *a, unsigned measures);
/* The number of grid intervals that eq_model_breakpoints scans before it
** refines (default 100; at least 2).  A change between two grid points
** that comes back before the next one (an outcome that holds on an
** interval narrower than a grid step) can be missed: raise it to look
** closer.  Fails with EQ_ERR_ARG. */
EQ_API eq_status eq_analysis_set_grid(eq_analysis *a, int intervals);

/*
** Add an axis to the sweep's grid:
**   "NAME=LO:HI:N"  N >= 2 evenly spaced values from LO to HI inclusive
**                   (an interval parameter; LO < HI, both in the domain;
**                   value i is LO + (HI - LO) * i / (N - 1), and HI
**                   exactly at the end);
**   "NAME=a,b,c"    the listed values: choices of an enumerated
**                   parameter, or numbers in an interval parameter's
**                   domain;
**   "NAME"          every choice of an enumerated parameter.
** The grid is the product of the axes, the first axis varying slowest
** (row-major, like nested loops in the order the axes were added); grid
** point i sets each axis' parameter and leaves the others at their base
** values.  A parameter may be on one axis only.  Fails with EQ_ERR_ARG and
** a message (unknown parameter, malformed spec, N < 2, a value outside
** the domain, an unknown choice, a parameter on two axes, a grid of more
** than 2^53 points) or EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_analysis_vary(eq_analysis *a, const char *spec);
/* Remove every axis.  Never fails. */
EQ_API void eq_analysis_clear_axes(eq_analysis *a);
/* Axes: their number; axis j's parameter, its number of values, its value
** i (a choice's index for an enumerated parameter).  -1 or NaN out of
** range. */
EQ_API int eq_analysis_axes(const eq_analysis *a);
EQ_API int eq_analysis_axis_param(const eq_analysis *a, int j);
EQ_API int eq_analysis_axis_points(const eq_analysis *a, int j);
EQ_API double eq_analysis_axis_value(const eq_analysis *a, int j, int i);
/* The number of grid points (1 with no axis).  Never fails. */
EQ_API long long eq_analysis_points(const eq_analysis *a);
/* Restrict a sweep to the grid points [i0, i1) (a shard of the grid);
** i1 = -1 means to the end.  Rows keep their grid index.  Fails with
** EQ_ERR_ARG unless 0 <= i0 <= i1 <= eq_analysis_points(a). */
EQ_API eq_status eq_analysis_set_range(eq_analysis *a, long long i0, long long i1);

/* ---- points -------------------------------------------------------- */

/* A new, unsolved point of model m (borrowed).  *out: OUT, caller owns it,
** free with eq_point_free().  Fails with EQ_ERR_ARG or EQ_ERR_NOMEM. */
EQ_API eq_status eq_point_new(eq_point **out, const eq_model *m);
/* Destroy a point.  NULL is a no-op. */
EQ_API void eq_point_free(eq_point *pt);

/*
** Solve the model at values (eq_model_params(m) doubles; NULL: a's base
** values) under a's tree options and measures, and measure the outcome
** (see "The outcome" above).  a must be an analysis of pt's model.  The
** point keeps its tree and workspace between calls: solving again with
** the same structural choices allocates nothing new for the tree.
** Returns the point's status: EQ_OK, or a failure of instantiation
** (EQ_ERR_ARG: a probability outside [0, 1], a value outside its domain,
** ...) or of the solve, with the message on pt (eq_point_errmsg).  "No
** equilibrium" is not a failure: EQ_FLAG_NONE.
*/
EQ_API eq_status eq_point_solve(eq_point *pt, const eq_analysis *a,
                                const double *values);

/* Accessors of a solved point, or of a row a sweep passes to its callback.
** Never fail; out-of-range arguments give NaN, -1 or NULL. */
/* The status of the solve, and its message ("" when EQ_OK). */
EQ_API eq_status eq_point_status(const eq_point *pt);
EQ_API const char *eq_point_errmsg(const eq_point *pt);
/* The grid index (sweep) or sample index (robust); -1 for eq_point_solve. */
EQ_API long long eq_point_index(const eq_point *pt);
/* The value of parameter k (a choice's index for an enumerated one). */
EQ_API double eq_point_value(const eq_point *pt, int k);
/*
** The path in words: for every decision node the selected equilibrium
** reaches, in the tree's breadth-first order, "LABEL: PLAYER ACTION"
** (actions played with positive probability joined by "/", LABEL the
** node's label or else its information set's), then "outcome T" or
** "outcomes T1, T2, ..." for the terminals reached, all joined by "; ".
** Two points have the same path exactly when they reach the same nodes
** of trees of the same shape.  Borrowed; valid until pt changes.  "" if
** the solve failed.
*/
EQ_API const char *eq_point_path(const eq_point *pt);
/* The number of tree nodes, and the probability the selected equilibrium
** reaches node v. */
EQ_API int eq_point_nodes(const eq_point *pt);
EQ_API double eq_point_reach(const eq_point *pt, int v);
/* Probability of outcome class c (eq_model_class_name), and the expected
** payoff of player p. */
EQ_API double eq_point_class_prob(const eq_point *pt, int c);
EQ_API double eq_point_payoff(const eq_point *pt, int p);
/*
** The same from the model's named node g (eq_model_given_name) on: the
** probability that the selected equilibrium reaches it, and the class
** probabilities and payoffs conditional on reaching it.  Definition: with
** V the tree nodes the given names (one per copy of the model's node) and
** rho(v) their reach probabilities, the outcome from v is computed under
** the selected equilibrium's behaviour strategies from v on; the
** conditional outcome is their average weighted by rho(v) / sum rho when
** sum rho > 0 (Bayes' rule), and with equal weights over V when no copy
** is reached: the strategies off the path are part of a subgame-perfect
** equilibrium, so "what happens once the option is in force" is defined
** even where play never gets there.  NaN when no tree node is made from
** the given's node under the point's structural choices, or when the
** result has correlated stages and the node is off the path.
** A given naming a set of nodes (patterns): V is the tree nodes made from
** the set's nodes that have no ancestor so made (the first reached on
** each path, so the events of reaching them are disjoint); the reach is
** sum rho(v) and the measures are the rho-weighted average, conditional
** on reaching the set.  When sum rho = 0 the set is never reached and the
** class probabilities and payoffs are NaN: no fall-back to the behaviour
** off the path.
*/
EQ_API double eq_point_given_reach(const eq_point *pt, int g);
EQ_API double eq_point_given_class_prob(const eq_point *pt, int g, int c);
EQ_API double eq_point_given_payoff(const eq_point *pt, int g, int p);
/* The number of subgame-perfect equilibria (EQ_MEASURE_COUNT), or -1 when
** not counted, or for correlated stages (a continuum). */
EQ_API int eq_point_spe_count(const eq_point *pt);
/* The certificate of the selected equilibrium (eq_tree_result_regret). */
EQ_API double eq_point_regret(const eq_point *pt);
/* EQ_FLAG_* bits, and the notes that explain them: their number, and note
** i in words ("Russia at ceasefire_first is indifferent between
** keep_fighting and cease_fire", "file:12:9: max(...) is at its bound 1").
** Borrowed. */
EQ_API unsigned eq_point_flags(const eq_point *pt);
EQ_API int eq_point_notes(const eq_point *pt);
EQ_API const char *eq_point_note(const eq_point *pt, int i);
/* The instantiated tree and its solution: borrowed, valid until pt is
** solved again or freed.  NULL for the rows of a sweep (their trees
** belong to the worker threads) or before a successful solve. */
EQ_API const eq_tree *eq_point_tree(const eq_point *pt);
EQ_API const eq_tree_result *eq_point_result(const eq_point *pt);

/* ---- sweeps -------------------------------------------------------- */

/*
** Solve the model at every point of a's grid (its axes, restricted to its
** range), on a's threads, and call fn with each point in grid order,
** whatever the number of threads: workers solve ahead (at most a few
** rows per thread), and the calling thread passes rows to fn as soon as
** the next one in order is done, so rows stream.  fn is always called
** from the calling thread.  Each worker updates its own trees in place
** and reuses its workspace: after the first points, a sweep allocates
** nothing per point (as long as the structural choices keep to a few
** trees per worker; with pbe as spe's subgame method each point still
** allocates for its stages' enumeration and beliefs, as eq_tree_solve
** does, though the subgames are found once per tree).  A point that fails (a probability outside [0, 1]
** at some values, say) is passed with its status and message; the sweep
** goes on.  Returns EQ_OK; EQ_ERR_STOPPED when fn asked to stop;
** EQ_ERR_ARG (NULL, no callback); EQ_ERR_NOMEM or EQ_ERR_INTERNAL (a
** thread could not start), with the message on a.
*/
EQ_API eq_status eq_model_sweep(eq_analysis *a, eq_point_fn fn, void *ud);

/* The limits of a's sweeps (copied; NULL: none): see "Stopping and
** bounding long calls".  A sweep polls them on the calling thread before
** it passes each row on, and when they say stop it returns EQ_ERR_STOPPED
** ("sweep: time limit of 2 s reached after 1234 rows"), the rows passed
** so far being all there is.  Only time_limit and cancel apply; the
** points' own solves are not interrupted.  Fails with EQ_ERR_ARG (NULL a,
** a negative or non-finite limit). */
EQ_API eq_status eq_analysis_set_limits(eq_analysis *a, const eq_limits *l);

/* ---- breakpoints --------------------------------------------------- */

/* Flags of a breakpoint (eq_breaks_flags). */
#define EQ_BREAK_PROFILE   1u   /* the behaviour profile's support changes
                                   at some information set (on or off
                                   the path) */
#define EQ_BREAK_COUNT     2u   /* the number of SPEs changes (with
                                   EQ_MEASURE_COUNT) */
#define EQ_BREAK_CHANCE    4u   /* a chance move's probability reaches 0 */
#define EQ_BREAK_EXACT     8u   /* verified in exact rational arithmetic:
                                   eq_breaks_fraction gives the value */
#define EQ_BREAK_BISECTION 16u  /* no indifference condition brackets the
                                   change: located by bisection of the
                                   solver's outcome, to eq_breaks_error.
                                   A correlated stage's own switch is not
                                   flagged so: located as the root of its
                                   LP basis's optimality condition (a
                                   basic probability, dual or reduced
                                   cost crossing 0), and EQ_BREAK_EXACT
                                   when verified at a fraction -- also
                                   for a stage below a decision or over
                                   nested subgames, whose continuation
                                   values enter its LP.  When a nested
                                   subgame's play (a mixture, a
                                   correlated stage whose payoffs move)
                                   is solved again at each point, such a
                                   root not verified at a fraction is
                                   flagged so too */
#define EQ_BREAK_SELECTION 32u  /* a tie of the selection rule: two
                                   equilibria both exist on either side
                                   and their scores cross, so which one
                                   holds depends on the rule */
#define EQ_BREAK_POINT     64u  /* the outcome at the value itself differs
                                   from both sides (a tie at the point,
                                   decided by the selection rule) */
#define EQ_BREAK_BOUND    128u  /* at an end of the interval scanned */

/*
** The breakpoints of one parameter, the others at a's base values.
** param: "NAME" (an interval parameter over its whole domain, or every
** choice of an enumerated one) or "NAME=LO:HI" (a part of the domain).
**
** Interval parameters.  The outcome (above: support of the behaviour
** profile at every information set, chance moves with positive
** probability, and the SPE count with EQ_MEASURE_COUNT) is computed on a
** grid of a's grid intervals; each interval whose ends differ is
** bisected on the solver's outcome to 1e-6 of the range, and the change
** is then located as the root of a continuous condition, by Brent's
** method to machine precision: the difference of the continuation values
** of the two actions at the information set whose choice changes (the
** mover's values, the rest of the profile held as on one side, at a set
** of several nodes weighted by their probability given the subgame is
** reached), or the difference of two equilibria's selection scores, or
** the probability of a chance move.  Several changes in one grid
** interval are each found.  The value reported is the double of the
** shortest decimal within 1e-13 (relative) of the root, so 8.2 reads
** 8.2.  Where the condition is a rational function of the parameter
** (its expressions use + - * / and integer powers only, on the path of
** evaluation), the simplest fraction near the root (continued fractions)
** is checked in exact rational arithmetic (GMP); if the condition is
** exactly zero there, the breakpoint is EQ_BREAK_EXACT and its fraction
** is given.  The model's decimal constants and the other parameters'
** values are taken as the decimals they are written as (0.7 is 7/10);
** constant arithmetic is folded only where that is exact (1 / 3 is 1/3,
** 2 ^ 0.5 is declined), a type grid's points and uniform masses are exact
** fractions, and its beta masses (computed in doubles) are read as the
** decimals of their doubles.  A change at the edge of a stretch where the
** condition is exactly 0 (an SPE count that changes where max(x, 2) meets
** min(x, 3)) is located by bisecting that stretch's edge to adjacent
** doubles and never flagged exact.
**
** Enumerated parameters: the outcome at each choice (segments), and no
** breakpoint values.
**
** *out: OUT, the caller owns it and frees it with eq_breaks_free(); on
** failure it carries the message (eq_breaks_errmsg) unless it is NULL
** (out of memory).  Fails with EQ_ERR_ARG (unknown parameter, malformed
** spec, LO >= HI, an interval outside the domain), with the baseline's
** failure (the model cannot be solved at the base values), or with
** EQ_ERR_NOMEM.  A point of the scan that cannot be solved is an outcome
** of its own ("fails"), so a region where instantiation fails is
** bounded by breakpoints too.
*/
EQ_API eq_status eq_model_breakpoints(const eq_analysis *a, const char *param,
                                      eq_breaks **out);
/* Destroy breakpoints.  NULL is a no-op. */
EQ_API void eq_breaks_free(eq_breaks *b);
/* The message of a failure, or "".  Borrowed. */
EQ_API const char *eq_breaks_errmsg(const eq_breaks *b);
/* The parameter scanned, and the interval (for an enumerated parameter, 0
** and the last choice's index). */
EQ_API int eq_breaks_param(const eq_breaks *b);
EQ_API double eq_breaks_lo(const eq_breaks *b);
EQ_API double eq_breaks_hi(const eq_breaks *b);
/* The outcome at the base values, with its flags (ties, clamps: the
** breakpoint scan measures clamps whatever a's measures).  Borrowed. */
EQ_API const eq_point *eq_breaks_baseline(const eq_breaks *b);
/* Breakpoints, in increasing order: their number; breakpoint i's value;
** the same as the shortest decimal text that reads back to it ("8.2");
** the exact fraction ("41/5", or "6") when EQ_BREAK_EXACT, else NULL; a
** bound on the distance to the true change (0 when exact); EQ_BREAK_*
** flags; what changes, in words ("Russia at ceasefire_first:
** keep_fighting -> cease_fire; SPEs 2 -> 1"); and the outcome at the
** value itself.  Texts and points borrowed; valid until b is freed. */
EQ_API int eq_breaks_count(const eq_breaks *b);
EQ_API double eq_breaks_value(const eq_breaks *b, int i);
EQ_API const char *eq_breaks_text(const eq_breaks *b, int i);
EQ_API const char *eq_breaks_fraction(const eq_breaks *b, int i);
EQ_API double eq_breaks_error(const eq_breaks *b, int i);
EQ_API unsigned eq_breaks_flags(const eq_breaks *b, int i);
EQ_API const char *eq_breaks_what(const eq_breaks *b, int i);
EQ_API const eq_point *eq_breaks_at(const eq_breaks *b, int i);
/* Segments: the stretches between breakpoints (eq_breaks_count + 1 of
** them), or one per choice of an enumerated parameter.  Segment s runs
** from _segment_lo to _segment_hi (a choice's index, twice, for an
** enumerated parameter); its outcome is the point at its middle (or at
** the choice).  Borrowed. */
EQ_API int eq_breaks_segments(const eq_breaks *b);
EQ_API double eq_breaks_segment_lo(const eq_breaks *b, int s);
EQ_API double eq_breaks_segment_hi(const eq_breaks *b, int s);
EQ_API const eq_point *eq_breaks_segment(const eq_breaks *b, int s);

/* ---- robustness ---------------------------------------------------- */

/*
** A robustness study: how much of the plausible parameter space supports
** each regime, outcome class and claim of one or more models.
**
** Sampling.  Latin-hypercube samples (McKay, Beckman and Conover 1979)
** over named priors.  When any prior is given (eq_robust_prior), only
** those parameters vary and the rest keep their base values (the
** analysis' values when the model was added); with none, every interval
** parameter of every model is uniform over its domain.  A parameter name
** shared by several models is one dimension, the same value in each.
** Priors:
**   uniform(a, b)          uniform on [a, b];
**   beta(p, q)             a beta(p, q) law scaled to the parameter's
**                          domain [lo, hi]: lo + (hi - lo) B, B ~ Beta(p, q);
**   beta(p, q, lo, hi)     the same scaled to [lo, hi];
**   triangular(a, c, b)    triangular on [a, b] with mode c.
** The support must lie in the parameter's domain in every model that has
** it.  Sample i is a pure function of (seed, number of samples, i): it
** does not depend on the number of threads or on the range of indices a
** run covers, so shards of a run ([i0, i1) of N, eq_robust_set_range)
** together make the same samples as one run.
**
** Contexts.  Each model is solved in its own context (its base values,
** with the sample's values) and in the contexts the claims and
** eq_robust_context name: the model with some parameters set (named
** choices such as timing=before, or numbers, which then override the
** sample).  A sample in which any context fails to solve, or has no
** equilibrium, is left out of every share and counted
** (eq_robust_failures).
**
** Items, reported in this order: the outcome classes of each reported
** context (the models' own, then those added by eq_robust_context), the
** claims, then the regimes (distinct paths of eq_point_path) of each
** reported context in the order the samples meet them.  For each: its
** value y in each sample -- 1 or 0 for a regime or a claim, the class's
** probability for a class -- and
**   share      the mean of y over the samples: the share of the
**              parameter space where a regime or claim holds, and for a
**              class its probability averaged over the priors;
**   interval   95%: Wilson's score interval (Wilson 1927) for regimes and
**              claims; for a class the normal interval of a mean (both
**              are conservative for Latin-hypercube samples, whose
**              variance is at most that of independent ones);
**   hits       the samples with y > 1/2;
**   importance the first-order Sobol index of each sampled parameter:
**              the share of the variance of y that the parameter explains
**              alone, Var(E[y | x_j]) / Var(y), estimated from the samples
**              themselves by classing x_j into M groups of equal
**              probability with the bias of the correlation ratio removed
**              (Plischke, Borgonovo and Smith 2013, "Global sensitivity
**              measures from given data"; M = floor(sqrt(N)), 2 to 100).
**              NaN when y does not vary.
**
** Claims.  A claim is a truth value over the samples' outcomes:
**
**   claim = or ;
**   or    = and { "or" and } ;
**   and   = not { "and" not } ;
**   not   = "not" not | cmp ;
**   cmp   = sum [ ( "<" | "<=" | ">" | ">=" | "==" | "!=" ) sum ] ;
**   sum   = prod { ( "+" | "-" ) prod } ;
**   prod  = unary { ( "*" | "/" ) unary } ;
**   unary = "-" unary | atom ;
**   atom  = NUMBER | PARAMETER | "(" or ")"
**         | "P" "(" CLASS [ "|" cond { "," cond } ] ")"
**         | "E" "(" PLAYER [ "|" cond { "," cond } ] ")"
**         | "M" "(" ACTION "@" PATTERN [ "|" cond { "," cond } ] ")" ;
**   cond  = MODEL | GIVEN | CHOICE | NAME "=" ( CHOICE | NUMBER ) ;
**
** P(C | ...) is the probability of outcome class C, E(X | ...) player X's
** expected payoff, under the selected equilibrium of the context the
** conditions name: MODEL, a model's alias (needed only when several
** models could fit); NAME=CHOICE or NAME=NUMBER, a parameter set; a bare
** CHOICE, a choice of the one enumerated parameter that has it; GIVEN, a
** named node of the model, from which the outcome is measured, or a named
** set of nodes, on reaching which it is conditional
** (eq_point_given_class_prob).  M(A @ PATTERN | ...) is the probability
** that play takes action A at least once at a node whose label matches
** PATTERN ('*' stands for any run of characters, as in class patterns):
** the sum, over the matching nodes v where A is not already taken at a
** matching node above v, of the reach of v's child by A -- so a move
** repeated along one path counts once, and M lies in [0, 1].  Chance
** moves count as actions.  With a GIVEN, play starts at the named node's
** copies, weighted by their reach (equally when off the path), and only
** moves from there on count; with a set of nodes, at its first-reached
** nodes weighted by their reach.  A set never reached makes the value
** undefined, and a sample in which a claim's value is undefined is left
** out (eq_robust_failures says which claim).  Compiling fails when no node of the model
** has action A under a label PATTERN matches.  A bare PARAMETER is its
** value in the sample.  Comparisons allow 1e-9 (relative to the larger side, at least
** absolute): a < b means a < b - tol, a == b means |a - b| <= tol.  For
** example, with the three option models added as membership, israel and
** hybrid:
**   P(war_resumes | membership, timing=after, in_force)
**       < P(war_resumes | israel, in_force)
**
** Life cycle: eq_robust_new -> eq_robust_add_model (each model first)
** -> eq_robust_prior / _claim / _context / _set_samples / _set_seed /
** _set_threads / _set_range -> eq_robust_run (once) -> the items ->
** eq_robust_free.
*/

/* A new, empty study: 1000 samples, seed 1, one thread.  *out: OUT,
** caller owns it, free with eq_robust_free().  Fails with EQ_ERR_ARG or
** EQ_ERR_NOMEM. */
EQ_API eq_status eq_robust_new(eq_robust **out);
/* Destroy a study.  NULL is a no-op. */
EQ_API void eq_robust_free(eq_robust *r);
/* The last error message left on r, or "".  Borrowed; never fails. */
EQ_API const char *eq_robust_errmsg(const eq_robust *r);

/* Add the model of analysis a (borrowed: it must outlive r) with a's base
** values and tree options (copied), under alias (a name: letters, digits,
** '_'; NULL: the model's title) for claims.  Fails with EQ_ERR_ARG (a
** malformed or duplicate alias, a study that has run) or EQ_ERR_NOMEM. */
EQ_API eq_status eq_robust_add_model(eq_robust *r, const eq_analysis *a,
                                     const char *alias);
/* A prior, "NAME=uniform(a,b)", "NAME=beta(p,q)", "NAME=beta(p,q,lo,hi)"
** or "NAME=triangular(a,c,b)" (see "Sampling").  Fails with EQ_ERR_ARG
** (malformed, a < b violated, two priors for one name); the name and the
** support are checked against the models when the study runs. */
EQ_API eq_status eq_robust_prior(eq_robust *r, const char *spec);
/* A claim named name (see "Claims"), compiled at once.  Fails with
** EQ_ERR_ARG and "claim 'NAME', column C: what is wrong" (syntax, unknown
** class, player, model, parameter or choice, a number where a truth
** value is needed, ...), or EQ_ERR_NOMEM. */
EQ_API eq_status eq_robust_claim(eq_robust *r, const char *name, const char *text);
/* Report one more context, written as a claim's conditions
** ("membership, timing=before"): its classes and regimes become items.
** Fails as eq_robust_claim. */
EQ_API eq_status eq_robust_context(eq_robust *r, const char *spec);
/* Samples N (2 to 2^40; default 1000), the seed (default 1), threads (0:
** one per processor; default 1), and the range [i0, i1) of sample indices
** this run covers (i1 = -1: to N; setting N resets it).  Fail with
** EQ_ERR_ARG. */
EQ_API eq_status eq_robust_set_samples(eq_robust *r, long long n);
EQ_API eq_status eq_robust_set_seed(eq_robust *r, unsigned long long seed);
EQ_API eq_status eq_robust_set_threads(eq_robust *r, int n);
EQ_API eq_status eq_robust_set_range(eq_robust *r, long long i0, long long i1);

/* Called for every sample in increasing index order, on the calling
** thread, with the sampled values x (eq_robust_dims of them) and y, the
** value of every item known so far (ny of them: regimes are added as they
** are met).  Both borrowed for the call.  Return 0 to go on, non-zero to
** stop.  Failed samples are not passed. */
typedef int (*eq_sample_fn)(void *ud, long long index, int nx, const double *x,
                            int ny, const double *y);

/* Draw and solve the samples of the range, on the study's threads, and
** sum up the items.  fn may be NULL.  Returns EQ_OK; EQ_ERR_ARG (no
** model, an unknown parameter or a prior outside its domain, a study that
** has run); EQ_ERR_STOPPED; EQ_ERR_NOMEM.  Message on r. */
EQ_API eq_status eq_robust_run(eq_robust *r, eq_sample_fn fn, void *ud);

/* The limits of r's run (copied; NULL: none), as eq_analysis_set_limits:
** polled before each sample is summed; a stop returns EQ_ERR_STOPPED with
** the items summing the samples so far (eq_robust_samples says how many).
** Fails with EQ_ERR_ARG. */
EQ_API eq_status eq_robust_set_limits(eq_robust *r, const eq_limits *l);
/* Sum up sample idx as if a run had solved it, from its recorded outcome
** (for merging the shards of a run made elsewhere, eq_robust_set_range):
** y, the values of the fixed items (the classes and claims: the items
** before any regime, as eq_robust_run passes them), and path[c], the
** regime (eq_point_path) of reported context c; or, when failure is not
** NULL, a sample left out with that message.  Call in increasing index
** order, instead of eq_robust_run, after the same models, priors, claims,
** contexts, samples and seed: the items then equal one run's exactly.
** Fails with EQ_ERR_ARG (index out of range, NULL) or EQ_ERR_NOMEM. */
EQ_API eq_status eq_robust_replay(eq_robust *r, long long idx, const double *y,
                                  const char *const *path, const char *failure);
/* The reported contexts (after eq_robust_run, _replay or _sample): their
** number and context c's name ("alias" or "alias: timing=before"). */
EQ_API int eq_robust_contexts(const eq_robust *r);
EQ_API const char *eq_robust_context_name(const eq_robust *r, int c);

/* The values of sample i (eq_robust_dims doubles into x), without solving:
** the same as the run draws.  Fails with EQ_ERR_ARG as eq_robust_run. */
EQ_API eq_status eq_robust_sample(eq_robust *r, long long i, double *x);

/* The sampled parameters (after eq_robust_run or eq_robust_sample): their
** number, name j, and its prior as given ("uniform over its domain" by
** default).  Borrowed. */
EQ_API int eq_robust_dims(const eq_robust *r);
EQ_API const char *eq_robust_dim_name(const eq_robust *r, int j);
EQ_API const char *eq_robust_dim_prior(const eq_robust *r, int j);
/* Samples summed up, samples left out (a context failed), and the first
** failure in words ("sample 17: hybrid: ..."; "" if none). */
EQ_API long long eq_robust_samples(const eq_robust *r);
EQ_API long long eq_robust_failures(const eq_robust *r);
EQ_API const char *eq_robust_failure(const eq_robust *r);

/* Items (see "Items"): their number; item i's kind (EQ_ITEM_*); its name
** (the class's, the claim's, or the regime's path); its context ("alias"
** or "alias: timing=before"; "" for a claim); its text (a claim's text, a
** class's description, a regime's path); hits, share and its 95%
** interval; and the first-order Sobol index of sampled parameter j.
** Borrowed texts.  -1, NaN or NULL out of range. */
#define EQ_ITEM_REGIME 0
#define EQ_ITEM_CLASS  1
#define EQ_ITEM_CLAIM  2
EQ_API int eq_robust_items(const eq_robust *r);
EQ_API int eq_robust_item_kind(const eq_robust *r, int i);
EQ_API const char *eq_robust_item_name(const eq_robust *r, int i);
EQ_API const char *eq_robust_item_context(const eq_robust *r, int i);
EQ_API const char *eq_robust_item_text(const eq_robust *r, int i);
EQ_API long long eq_robust_item_hits(const eq_robust *r, int i);
EQ_API double eq_robust_item_share(const eq_robust *r, int i);
EQ_API double eq_robust_item_lo(const eq_robust *r, int i);
EQ_API double eq_robust_item_hi(const eq_robust *r, int i);
EQ_API double eq_robust_item_importance(const eq_robust *r, int i, int j);

#ifdef __cplusplus
}
#endif

#endif /* EQUILIB_PART_SENSITIVITY_H */
