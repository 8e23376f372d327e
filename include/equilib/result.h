/*
** equilib/result.h -- solving a strategic-form game: eq_solve_opts,
** eq_solve and its result (equilibria, certificates, exact values, LP
** duals and ranges).
**
** Part of the public header equilib.h: write #include <equilib.h>, which
** includes every part.  This part also compiles alone (it includes the
** common part of equilib.h and the parts it needs itself).
**
** Copyright (C) 2026 the equilib developers.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_PART_RESULT_H
#define EQUILIB_PART_RESULT_H

#ifndef EQUILIB_H
#define EQUILIB_COMMON_ONLY
#include "../equilib.h"
#undef EQUILIB_COMMON_ONLY
#endif
#include "method.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Solving strategic-form games (continued from equilib/method.h)     */
/* ------------------------------------------------------------------ */

/*
** Options of eq_solve.  Fill with eq_solve_opts_init(), then edit.
*/
typedef struct eq_solve_opts {
    eq_method method;    /* default EQ_METHOD_ENUM */
    int exact;           /* nonzero: compute or verify equilibria in
                            rational arithmetic (GMP) and keep them as
                            fractions: the methods with EQ_CAP_EXACT
                            (enum, lemke, zerosum, mip, correlated; pure
                            for two players); refused by the others.
                            Default 0. */
    int lemke_label;     /* lemke: the starting label, 0 .. m+n-1 (labels
                            0..m-1 are player 1's actions, m..m+n-1 player
                            2's); -1 (default) starts from every label and
                            reports each distinct equilibrium once. */
    int max_equilibria;  /* stop after this many; 0 (default) = no limit */
    double tol;          /* tolerance of floating-point tests; default
                            1e-9, relative to the payoffs' range */
    eq_log_fn log;       /* may be NULL (default) */
    void *log_ud;        /* passed to log */
    /* mip and correlated: the objective, maximised (maximize = 1, the
    ** default) or minimised (0). */
    eq_objective objective; /* default EQ_OBJ_WELFARE */
    int maximize;
    int obj_player;      /* EQ_OBJ_PLAYER, EQ_OBJ_ACTION: 0-based player */
    int obj_action;      /* EQ_OBJ_ACTION: 0-based action of obj_player */
    int unique;          /* mip: also prove the equilibrium unique, or
                            return a second one (eq_result_unique) */
    int coarse;          /* correlated: coarse correlated equilibria
                            (deviations decided before the signal) */
    /* qre: called at every point of the logit path with lambda and the
    ** profile (all players' probabilities in order); may be NULL. */
    void (*qre_path)(void *ud, double lambda, const double *profile);
    void *qre_ud;
    int sensitivity;     /* zerosum, correlated: also compute the LP's
                            duals and payoff ranges (eq_result_lp_*);
                            default 0, since ranging can cost more than
                            the solve itself */
    int threads;         /* enum: threads to search with; 0 (default)
                            means one per processor the calling thread
                            may run on (its CPU affinity); at most 64
                            are used (more count as 64).  Only large
                            searches start threads (a search level of
                            fewer than 256 bases runs on the caller's
                            thread), and the result is the same set in
                            the same order on any number of threads.  Set
                            1 when the caller already runs solves in
                            parallel.  Other methods ignore it.  Taken
                            from the reserved tail: the struct's size
                            and layout are unchanged. */
    const eq_limits *limits; /* time, pivot and vertex limits and a
                            cancellation callback (see "Stopping and
                            bounding long calls"); NULL (default) for
                            none.  Borrowed.  Taken from the reserved
                            tail, as threads. */
    int reserved[5];     /* for future fields; zeroed by _init */
} eq_solve_opts;

/* Fill o with the defaults listed above.  Never fails (NULL is a no-op). */
EQ_API void eq_solve_opts_init(eq_solve_opts *o);

/* Solution status, separate from the call's status. */
typedef enum eq_solution {
    EQ_SOL_FOUND = 0,   /* one or more equilibria */
    EQ_SOL_NONE = 1,    /* the method found none (e.g. no pure equilibrium) */
    EQ_SOL_PARTIAL = 2, /* max_equilibria reached: there may be more */
    EQ_SOL_STOPPED = 3  /* stopped by eq_limits (a limit or the cancel
                           callback; the call returned EQ_ERR_STOPPED):
                           the equilibria found so far, there may be
                           more */
} eq_solution;

typedef struct eq_result eq_result;

/*
** Solve g with the method in opts (NULL: defaults).
** *out: OUT.  On success, and also on most failures, *out is a result the
** caller owns and frees with eq_result_free(); on failure it holds only
** the error message (eq_result_errmsg).  *out is NULL only when even that
** could not be allocated.
** Fails with EQ_ERR_ARG (NULL game, an unknown method), EQ_ERR_UNSUPPORTED
** (a method that does not apply: the sentence of eq_method_check_game; or
** exact arithmetic asked of a method without EQ_CAP_EXACT), EQ_ERR_NUMERIC,
** EQ_ERR_LIMIT (enum on a game too large to enumerate), EQ_ERR_LP or
** EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_solve(const eq_game *g, const eq_solve_opts *opts,
                          eq_result **out);

/* Destroy a result.  NULL is a no-op. */
EQ_API void eq_result_free(eq_result *r);

/* The last error message, "" if none.  Borrowed; valid until r is freed. */
EQ_API const char *eq_result_errmsg(const eq_result *r);

/* The method that produced r, and the solution status.  Never fail. */
EQ_API eq_method eq_result_method(const eq_result *r);
EQ_API eq_solution eq_result_solution(const eq_result *r);

/* Number of equilibria in r (0 if r is NULL).  Never fails. */
EQ_API int eq_result_count(const eq_result *r);

/* Number of players, and of actions of player p, of the solved game. */
EQ_API int eq_result_players(const eq_result *r);
EQ_API int eq_result_actions(const eq_result *r, int p);

/* Equilibrium k's mixed strategy of player p: eq_result_actions(r, p)
** probabilities.  Borrowed; valid until r is freed.  NULL if out of
** range. */
EQ_API const double *eq_result_strategy(const eq_result *r, int k, int p);

/* Equilibrium k's expected payoff to player p (0.0 if out of range). */
EQ_API double eq_result_payoff(const eq_result *r, int k, int p);

/* Equilibrium k's certificate: max regret computed afresh from the game's
** payoffs in double precision, independently of the method (see
** eq_game_regret).  -1.0 if out of range. */
EQ_API double eq_result_regret(const eq_result *r, int k);

/* Whether r holds exact rational values (opts.exact was set). */
EQ_API int eq_result_is_exact(const eq_result *r);

/*
** Exact values, as text "p/q" in lowest terms (or "p" when q is 1), when
** eq_result_is_exact(r): probability of action a of player p, payoff of
** player p, and the exact certificate (max regret in rational arithmetic,
** "0" for an exact equilibrium; two-player games only, NULL otherwise).
** Borrowed; valid until r is freed.  NULL if not exact or out of range.
*/
EQ_API const char *eq_result_strategy_exact(const eq_result *r, int k, int p,
                                            int a);
EQ_API const char *eq_result_payoff_exact(const eq_result *r, int k, int p);
EQ_API const char *eq_result_regret_exact(const eq_result *r, int k);

/* correlated: the result's single equilibrium carries the distribution
** below; its strategies are that distribution's marginals, its payoffs are
** expected under the distribution, eq_result_regret gives the largest
** violation of the correlated (or coarse correlated) equilibrium
** constraints, in payoff units (0 for an exact correlated equilibrium),
** and eq_result_value the optimal objective (with opts.exact: certified
** in rational arithmetic, see eq_result_distribution_exact below).  mip:
** eq_result_value is the optimal objective in the game's units.  mip,
** with opts.exact: on games with
** C(m + n, m) <= 5000 (up to 7 x 7, 4 x 12, 2 x 70) the optimum is decided
** in rational arithmetic over every extreme equilibrium, so it is exact
** even where the doubles cannot tell two equilibria's objectives apart;
** on larger games the equilibrium is certified exactly but its optimality
** only to GLPK's tolerances, and a game two of whose payoffs of one player
** differ by less than 1e-9 of that player's range is refused
** (EQ_ERR_NUMERIC) rather than given an optimum the doubles could not
** tell.
**
** correlated, memory: eq_solve allocates the LP and the solve's buffers
** afresh and frees them before returning; eq_solve_with on an eq_options
** handle reuses them from call to call (see "Memory reused across calls"
** in equilib/options.h), with the same results, bit for bit.  GLPK's own
** memory is allocated and freed inside every solve either way.
**
** correlated: equilibrium k's joint distribution over action profiles,
** eq_game_profiles() probabilities in the game's row-major profile order
** (see "Payoff layout").  The strategies of equilibrium k are then its
** marginals.  Borrowed; NULL for other methods or out of range. */
EQ_API const double *eq_result_distribution(const eq_result *r, int k);

/*
** correlated with opts.exact: the optimum certified in exact arithmetic.
** The LP is solved in doubles by GLPK; its final basis is then solved
** again in rationals on the game's exact payoffs (each read as written,
** 0.7 as 7/10, not scaled), and the basis is checked exactly for primal
** feasibility (every probability >= 0, every incentive row >= 0, the
** probabilities sum to 1) and dual feasibility (the tight incentive rows'
** duals and the other profiles' reduced costs of the right sign for the
** direction).  Both holding proves the distribution an exact optimum of
** the LP, so a correlated equilibrium with the optimal objective.  If
** GLPK's basis fails the check it is refined with GLPK's rational simplex
** (glp_exact) and checked again; if that fails too, eq_solve fails with
** EQ_ERR_NUMERIC and the reason: an uncertified distribution is never
** reported as exact.  The basis systems are solved by sparse rational
** elimination, with no cap on the basis's size but time and memory
** (tools/bench/bench_correlated.sh exact times bases of 441 to 2025
** profiles against the double solve); its steps poll
** the limits' cancel callback and time limit, and a stop there returns
** EQ_ERR_STOPPED with no equilibrium.
** When certified, eq_result_is_exact(r) is 1; the strategies (the
** marginals), payoffs (expected under the distribution) and certificate
** ("0": the largest violation of the constraints, in rationals) have
** exact text as for other methods, and the doubles are those fractions
** rounded.  Here, "p/q" text (borrowed, valid until r is freed):
**   eq_result_distribution_exact: the probability of profile s (in
**     eq_result_distribution's order) in equilibrium k (only 0);
**   eq_result_value_exact: the optimal objective.
** NULL when not certified, for other methods, or out of range.
*/
EQ_API const char *eq_result_distribution_exact(const eq_result *r, int k, size_t s);
EQ_API const char *eq_result_value_exact(const eq_result *r);

/* mip with opts.unique: 1 if the equilibrium is proved unique, 0 if a
** second one was found (it is equilibrium 1); -1 when not asked. */
EQ_API int eq_result_unique(const eq_result *r);

/*
** LP sensitivity (zerosum and correlated, when opts.sensitivity is set):
** the LP's rows, each with a name and its dual value (shadow price), and
** payoff ranges: intervals [lo, hi] over which one payoff may move, all
** else fixed, with the optimal basis staying optimal.
**   zerosum: one row per column j of the game ("column j: x's payoff >=
**   v", dual = the column player's probability of j) and "probabilities
**   of x sum to 1" (dual = the value); a range for every payoff of player
**   1, from a rank-one update of the optimal basis.
**   correlated: one row per incentive constraint (dual >= 0 when
**   maximising, <= 0 when minimising: the rate at which the optimum moves
**   if that deviation may gain t) and "probabilities sum to 1" (dual = the
**   optimum); for the welfare and player objectives, a range for each
**   profile's objective coefficient, the incentive rows held fixed.
** Counts are 0 otherwise.  Names borrowed; valid until r is freed.
*/
EQ_API int eq_result_lp_rows(const eq_result *r);
EQ_API const char *eq_result_lp_row_name(const eq_result *r, int i);
EQ_API double eq_result_lp_dual(const eq_result *r, int i);
EQ_API int eq_result_lp_ranges(const eq_result *r);
EQ_API const char *eq_result_lp_range_name(const eq_result *r, int i);
EQ_API double eq_result_lp_range_value(const eq_result *r, int i);
EQ_API double eq_result_lp_range_lo(const eq_result *r, int i);
EQ_API double eq_result_lp_range_hi(const eq_result *r, int i);

/* zerosum: the value of the game to player 1 (equal to equilibrium 0's
** payoff of player 1).  0.0 for other methods.  Never fails. */
EQ_API double eq_result_value(const eq_result *r);

#ifdef __cplusplus
}
#endif

#endif /* EQUILIB_PART_RESULT_H */
