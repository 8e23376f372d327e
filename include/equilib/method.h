/*
** equilib/method.h -- the methods and their capabilities, the message
** callback, and the limits (eq_limits) that bound and stop long calls.
**
** Part of the public header equilib.h: write #include <equilib.h>, which
** includes every part.  This part also compiles alone (it includes the
** common part of equilib.h and the parts it needs itself).
**
** Copyright (C) 2026 the equilib developers.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_PART_METHOD_H
#define EQUILIB_PART_METHOD_H

#ifndef EQUILIB_H
#define EQUILIB_COMMON_ONLY
#include "../equilib.h"
#undef EQUILIB_COMMON_ONLY
#endif
#include "tree.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Solving                                                              */
/* ------------------------------------------------------------------ */

/* Methods, as named on the command line (-m) and by eq_method_name(). */
typedef enum eq_method {
    EQ_METHOD_PURE = 0,    /* every pure Nash equilibrium, any n */
    EQ_METHOD_ZEROSUM = 1, /* two-player constant-sum, LP on GLPK */
    EQ_METHOD_LEMKE = 2,   /* Lemke-Howson, two players */
    EQ_METHOD_ENUM = 3,    /* every extreme equilibrium, two players */
    EQ_METHOD_SPE = 4,     /* trees: subgame-perfect, by backward induction */
    EQ_METHOD_MIP = 5,     /* optimal Nash equilibrium, two players, MILP */
    EQ_METHOD_CORRELATED = 6, /* correlated equilibria, any n, LP */
    EQ_METHOD_QRE = 7,     /* logit QRE path to a Nash equilibrium, any n */
    EQ_METHOD_SEQUENTIAL = 8, /* trees: a sequential equilibrium with its
                                 beliefs, as the limit of the agent logit
                                 QRE path, any n */
    EQ_METHOD_PBE = 9      /* trees: every pure weak perfect Bayesian
                              equilibrium, with its supporting beliefs;
                              also spe's subgame method (a weak PBE in
                              every subgame, see tree_solve.h) */
} eq_method;

/* What mip and correlated optimise. */
typedef enum eq_objective {
    EQ_OBJ_WELFARE = 0,    /* the sum of the players' expected payoffs */
    EQ_OBJ_PLAYER = 1,     /* the expected payoff of obj_player */
    EQ_OBJ_ACTION = 2      /* the probability that obj_player plays
                              action obj_action */
} eq_objective;

/* "pure", "zerosum", "lemke", "enum", "spe", "mip", "correlated", "qre",
** "sequential", "pbe"; NULL for an unknown value. */
EQ_API const char *eq_method_name(eq_method m);
/* The method named name; returns -1 for an unknown name.  Never fails. */
EQ_API int eq_method_from_name(const char *name);

/*
** The method table.  Every method is one row of a table inside the
** library, which eq_solve, eq_tree_solve and spe's subgames read; the
** functions below let a caller read it too, so that a program lists,
** describes and checks methods without knowing them one by one.  Methods
** are numbered 0 .. eq_method_count() - 1 (the values of eq_method); a new
** method appends a value, so the numbers stay stable.
**
** What a method solves, its limits and what it offers are bits of
** eq_method_caps():
*/
typedef enum eq_cap {
    /* Kinds of game. */
    EQ_CAP_STRATEGIC = 1 << 0,    /* strategic-form games (eq_solve) */
    EQ_CAP_TREE_REDUCED = 1 << 1, /* trees (eq_tree_solve), through their
                                     reduced strategic form; equilibria
                                     come back as behaviour strategies */
    EQ_CAP_TREE_SEQFORM = 1 << 2, /* two-player trees, on their sequence
                                     form */
    EQ_CAP_TREE_SUBGAMES = 1 << 3,/* trees, subgame by subgame (spe) */
    EQ_CAP_STAGE = 1 << 4,        /* may be spe's subgame method, solving
                                     each subgame's part that lacks perfect
                                     information (eq_tree_opts) */
    /* Limits. */
    EQ_CAP_NPLAYER = 1 << 5,      /* any number of players; without it,
                                     two players (in a tree: at most two
                                     players with a choice) */
    EQ_CAP_CONSTANT_SUM = 1 << 6, /* constant-sum games only */
    /* What it offers. */
    EQ_CAP_EXACT = 1 << 7,        /* rational arithmetic on request
                                     (opts.exact; pure: two players) */
    EQ_CAP_ALL = 1 << 8,          /* lists every equilibrium of its kind
                                     (pure: every pure one; enum: every
                                     extreme one; spe with opts.all: every
                                     combination of its subgames') */
    EQ_CAP_MIXED = 1 << 9,        /* finds mixed (randomised) equilibria */
    EQ_CAP_OBJECTIVE = 1 << 10,   /* optimises an objective
                                     (opts.objective; on a tree, the
                                     selection rule of eq_tree_opts) */
    EQ_CAP_VALUE = 1 << 11,       /* reports the value (eq_result_value) */
    EQ_CAP_DISTRIBUTION = 1 << 12,/* reports a joint distribution
                                     (correlated; opts.coarse) */
    EQ_CAP_UNIQUE = 1 << 13,      /* proves uniqueness on request
                                     (opts.unique) */
    EQ_CAP_PATH = 1 << 14,        /* reports its path (opts.qre_path) */
    EQ_CAP_LABEL = 1 << 15,       /* starts from a chosen label
                                     (opts.lemke_label) */
    EQ_CAP_SENSITIVITY = 1 << 16, /* LP duals and ranges
                                     (opts.sensitivity) */
    EQ_CAP_TREE_WHOLE = 1 << 17   /* trees, as a whole, with beliefs at
                                     every information set (sequential,
                                     pbe) */
} eq_cap;

/* The number of methods.  Never fails. */
EQ_API int eq_method_count(void);

/* A one-line summary of method m ("every pure Nash equilibrium, any
** number of players"), or NULL for an unknown value.  Never fails. */
EQ_API const char *eq_method_summary(eq_method m);

/* The EQ_CAP_* bits of method m; 0 for an unknown value.  Never fails. */
EQ_API unsigned eq_method_caps(eq_method m);

/*
** Whether method m applies to the strategic-form game g (eq_solve), or to
** the finished tree t (eq_tree_solve).  Returns EQ_OK, or
** EQ_ERR_UNSUPPORTED with a sentence in why saying why not and which
** methods apply instead ("method 'lemke' needs a two-player game; this one
** has 3 players: use pure, correlated or qre"), or EQ_ERR_ARG (an unknown
** method, a NULL or unfinished game).  why: OUT, may be NULL, else len
** bytes, always NUL-terminated when len > 0 ("" on EQ_OK).  The checks are
** the ones eq_solve and eq_tree_solve make before solving; a method may
** still fail later for reasons that depend on the options or the size
** (EQ_ERR_LIMIT).  Never allocates.
*/
EQ_API eq_status eq_method_check_game(eq_method m, const eq_game *g,
                                      char *why, size_t len);
EQ_API eq_status eq_method_check_tree(eq_method m, const eq_tree *t,
                                      char *why, size_t len);

/* The subgame method spe uses on t when eq_tree_opts.subgame_method is
** -1: EQ_METHOD_ENUM for a two-player tree, EQ_METHOD_PURE otherwise.
** Never fails (NULL gives EQ_METHOD_PURE). */
EQ_API eq_method eq_method_default_subgame(const eq_tree *t);

/* A message callback: the library's only way to say anything.  level is
** 0 for progress, 1 for notes.  msg is borrowed for the call's duration. */
typedef void (*eq_log_fn)(void *ud, int level, const char *msg);

/*
** Stopping and bounding long calls.  enum on a 30 x 30 game, Lemke paths
** on hard games, or a sweep of a million points can run for hours; an
** eq_limits bounds such a call and lets its caller stop it.  Fill with
** eq_limits_init() (no limits, no callback), set what is wanted, and hand
** it to eq_solve_opts.limits or eq_tree_opts.limits (borrowed: it must
** outlive the calls that use the options; it is only read), or copy it
** into a sweep or a robustness study (eq_analysis_set_limits,
** eq_robust_set_limits).
**
**   cancel       polled during long loops: enum's vertex search (between
**                chunks of 8 bases), every pivot of lemke (strategic and
**                sequence form), every step of a logit path (qre,
**                sequential), between the subgames of spe and the
**                profiles pbe tries, and before each GLPK solve
**                (zerosum, mip, correlated, zerosum on trees; GLPK itself
**                is given the time left as its own limit, but cannot be
**                interrupted by the callback), and every elimination
**                step of correlated's exact certificate (opts.exact);
**                sweeps and studies poll
**                it between rows and samples (eq_analysis_set_limits,
**                eq_robust_set_limits).  Return 0 to go on, non-zero to
**                stop.  It is only ever called from the calling thread,
**                also when enum searches on several threads.  pure, the
**                dense zero-sum solver and the payoff checks are not
**                polled: they finish in time linear in the game's size
**                or near it.
**   time_limit   seconds of wall-clock time (monotonic clock) from the
**                start of the call; 0 (default) for none.  Checked where
**                cancel is polled, so a call may run past it by the time
**                one pivot, one chunk of bases, one LP or one point takes.
**   max_pivots   pivots in all of the call's Lemke paths together; 0
**                (default) for none beyond each method's own cap.
**   max_vertices vertices of both best-response polytopes together in
**                enum's search; 0 (default) for none.  Checked after each
**                level of the breadth-first search, so the count may pass
**                it by one level.  Apart from it, enum gives up with
**                EQ_ERR_LIMIT beyond 20,000,000 feasible bases in one
**                polytope, which would take gigabytes (the message names
**                the bound, EQ_ENUM_MAX_BASES).
**
** When a call stops on one of these it returns EQ_ERR_STOPPED with a
** message saying which limit was reached and where ("enum: time limit of
** 0.5 s reached, with 123456 vertices found"), and keeps what it found: the
** result's solution status is EQ_SOL_STOPPED and its equilibria (each
** with its certificate, as always) are those found before the stop -- a
** subset of the full answer, possibly empty.  enum pairs the vertices
** found so far, so a stop during the second polytope's search already
** gives equilibria.  A sweep stops between points (its rows so far were
** passed to the callback), a study between samples (its counts cover the
** samples summed so far: eq_robust_samples).
*/
typedef int (*eq_cancel_fn)(void *ud);

typedef struct eq_limits {
    eq_cancel_fn cancel;   /* may be NULL (default) */
    void *cancel_ud;       /* passed to cancel */
    double time_limit;     /* seconds, >= 0; 0 = none */
    long long max_pivots;  /* >= 0; 0 = none */
    long long max_vertices;/* >= 0; 0 = none */
    void *internal;        /* the library's own: leave NULL */
    int reserved[4];       /* zeroed by _init */
} eq_limits;

/* Fill l with no limits and no callback.  NULL is a no-op. */
EQ_API void eq_limits_init(eq_limits *l);

#ifdef __cplusplus
}
#endif

#endif /* EQUILIB_PART_METHOD_H */
