/*
** equilib.h -- the one public header of equilib, and its reference manual.
**
** equilib computes equilibria of games: pure, zero-sum, Lemke-Howson and
** extreme-point enumeration for strategic-form (normal-form) games.
**
** Copyright (C) 2026 the equilib developers.
** SPDX-License-Identifier: GPL-3.0-or-later
**
** CONVENTIONS
**
** Objects.  Every object is an opaque handle with a constructor and a
** destructor.  Passing NULL to a destructor is a harmless no-op.
**
**   eq_game    a strategic-form game: n players, named actions, and one
**              dense payoff array per player.
**   eq_result  the outcome of one solve: a list of equilibria, each with its
**              certificate (max regret), and the last error message.
**
** Life cycle of a solve:
**   eq_game_new / eq_game_read_nfg  ->  eq_game_set_payoff ...
**   eq_solve_opts_init -> edit the options -> eq_solve -> read eq_result
**   -> eq_result_free -> eq_game_free
**
** Status codes (eq_status) say whether a call worked.  They are separate
** from the solution status (eq_solution): "the game has no pure
** equilibrium" is an answer (EQ_SOL_NONE), not an error.
**
** Errors.  A call that fails returns a non-zero eq_status and leaves a
** message on the handle it was given (eq_game_errmsg, eq_result_errmsg).
** Reading a message never changes it.  Readers of files fill an eq_diag
** with "file:line:col: message".
**
** Ownership.  Each function says who owns what it returns.  "Borrowed"
** pointers stay valid until the object is freed or changed.
**
** Failure classes.  Each function says whether it never fails, fails only
** for lack of memory, or may fail for the reasons listed.
**
** The library never prints, never calls exit() or abort(), and keeps no
** mutable global state: distinct handles may be used from distinct threads
** at the same time.  GLPK is reached through one internal module that
** silences its terminal output and contains its error hook.
**
** Payoff layout.  Player p's payoffs are one contiguous array of doubles
** in row-major order over the action profile (a_0, a_1, ..., a_{n-1}):
** the index of profile (i_0, ..., i_{n-1}) is
**     ((i_0 * k_1 + i_1) * k_2 + i_2) ... * k_{n-1} + i_{n-1}
** where k_q is the number of actions of player q.  For two players this is
** the usual m x n matrix A[i*n + j], so BLAS can use it without copying.
** Note that Gambit's .nfg files list profiles with player 1 varying
** fastest; the reader and writer convert.
*/
#ifndef EQUILIB_H
#define EQUILIB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(EQ_BUILDING_LIBRARY) && defined(__GNUC__)
#define EQ_API __attribute__((visibility("default")))
#else
#define EQ_API
#endif

#define EQ_VERSION_MAJOR 0
#define EQ_VERSION_MINOR 1
#define EQ_VERSION_PATCH 0
#define EQ_VERSION_STRING "0.1.0"

/* The library's version, as "MAJOR.MINOR.PATCH".  Never fails. */
EQ_API const char *eq_version(void);

/*
** Status codes.  Stable and append-only.
*/
typedef enum eq_status {
    EQ_OK = 0,            /* the call worked */
    EQ_ERR_NOMEM = 1,     /* out of memory */
    EQ_ERR_ARG = 2,       /* an argument is invalid (NULL, out of range) */
    EQ_ERR_PARSE = 3,     /* a file or text could not be read; see eq_diag */
    EQ_ERR_IO = 4,        /* a file could not be opened, read or written */
    EQ_ERR_UNSUPPORTED = 5, /* the method does not apply to this game */
    EQ_ERR_NUMERIC = 6,   /* a numerical failure (overflow, singular system) */
    EQ_ERR_LIMIT = 7,     /* a size or iteration limit was reached */
    EQ_ERR_LP = 8,        /* the LP solver (GLPK) failed */
    EQ_ERR_INTERNAL = 9   /* an internal invariant failed: please report */
} eq_status;

/* A short English name for a status code ("out of memory").  Never fails;
** unknown codes give "unknown status". */
EQ_API const char *eq_status_string(eq_status s);

/* Free memory that the library allocated and handed to the caller as
** plain memory (eq_game_write_nfg's text).  NULL is a no-op. */
EQ_API void eq_free(void *p);

/* ------------------------------------------------------------------ */
/* Diagnostics of readers                                               */
/* ------------------------------------------------------------------ */

/*
** Where and why a file could not be read.  message holds the whole
** diagnostic, "file:line:col: what is wrong"; line and col are 1-based
** (0 when the error is not tied to a place, such as a file that cannot be
** opened); source_line holds the offending line of input, without its
** newline, for a caret display.
*/
typedef struct eq_diag {
    int line;
    int col;
    char message[512];
    char source_line[256];
} eq_diag;

/* ------------------------------------------------------------------ */
/* Strategic-form games                                                 */
/* ------------------------------------------------------------------ */

typedef struct eq_game eq_game;

/* Limits that keep a game's arrays addressable. */
#define EQ_MAX_PLAYERS 32
#define EQ_MAX_PROFILES 50000000   /* product of the action counts */

/*
** Create a game with nplayers players, player p having nactions[p]
** actions.  Players are named "1", "2", ...; actions "1", "2", ... per
** player; every payoff is 0.
** *out: OUT, the new game; caller owns it, free with eq_game_free().
** Fails with EQ_ERR_ARG (nplayers outside 1..EQ_MAX_PLAYERS, an action
** count below 1, or more than EQ_MAX_PROFILES profiles) or EQ_ERR_NOMEM;
** *out is then NULL.
*/
EQ_API eq_status eq_game_new(eq_game **out, int nplayers, const int *nactions);

/* Destroy a game.  NULL is a no-op.  Every borrowed pointer into the game
** becomes invalid. */
EQ_API void eq_game_free(eq_game *g);

/* A deep copy of g.  *out: OUT, caller owns it.  Fails only for lack of
** memory (EQ_ERR_NOMEM) or a NULL argument (EQ_ERR_ARG). */
EQ_API eq_status eq_game_copy(const eq_game *g, eq_game **out);

/* Number of players; number of actions of player p (0 if p is out of
** range); number of action profiles.  Never fail. */
EQ_API int eq_game_players(const eq_game *g);
EQ_API int eq_game_actions(const eq_game *g, int p);
EQ_API size_t eq_game_profiles(const eq_game *g);

/* Names.  Borrowed; valid until the name is set again or g is freed.
** Out-of-range indices give NULL. */
EQ_API const char *eq_game_title(const eq_game *g);
EQ_API const char *eq_game_player_name(const eq_game *g, int p);
EQ_API const char *eq_game_action_name(const eq_game *g, int p, int a);

/* Set names.  The string is copied.  Fail with EQ_ERR_ARG (index out of
** range, NULL name) or EQ_ERR_NOMEM. */
EQ_API eq_status eq_game_set_title(eq_game *g, const char *title);
EQ_API eq_status eq_game_set_player_name(eq_game *g, int p, const char *name);
EQ_API eq_status eq_game_set_action_name(eq_game *g, int p, int a,
                                         const char *name);

/* The index of the action named name of player p, or -1.  Never fails. */
EQ_API int eq_game_find_action(const eq_game *g, int p, const char *name);

/*
** Player p's payoff array, row-major over profiles (see "Payoff layout").
** Borrowed; valid until g is freed.  The caller may write into it through
** eq_game_payoffs_mut(); the exact (rational) value of an entry written
** that way is the exact value of the double.  NULL if p is out of range.
*/
EQ_API const double *eq_game_payoffs(const eq_game *g, int p);
EQ_API double *eq_game_payoffs_mut(eq_game *g, int p);

/* The payoff of player p at a pure profile (profile[q] is player q's
** action).  Returns 0.0 for out-of-range arguments.  Never fails. */
EQ_API double eq_game_payoff(const eq_game *g, int p, const int *profile);

/* Set player p's payoff at a profile to a double.  Fails with EQ_ERR_ARG
** for an index out of range or a value that is not finite. */
EQ_API eq_status eq_game_set_payoff(eq_game *g, int p, const int *profile,
                                    double value);

/*
** Set player p's payoff at a profile from exact decimal or rational text:
** "3", "-2.5", "1/3", "1e-3".  The double copy is the nearest double; exact
** methods (enum --exact) use the rational value.  Fails with EQ_ERR_ARG
** (index out of range, text that is not a number, a zero denominator) or
** EQ_ERR_NOMEM; the message is left on g.
*/
EQ_API eq_status eq_game_set_payoff_text(eq_game *g, int p,
                                         const int *profile, const char *text);

/* The last error message left on g, or "" if none.  Borrowed; valid until
** the next failing call on g.  Never fails. */
EQ_API const char *eq_game_errmsg(const eq_game *g);

/*
** Whether the game is constant-sum (two players, A + B the same constant
** everywhere, to a relative tolerance of 1e-12).  Never fails.
*/
EQ_API int eq_game_is_constant_sum(const eq_game *g);

/* ------------------------------------------------------------------ */
/* Gambit .nfg files                                                    */
/* ------------------------------------------------------------------ */

/*
** Read a Gambit strategic-form file (.nfg, "NFG 1 R" or "NFG 1 D"), in
** either the payoff-list or the outcome-based variant.  Payoffs may be
** integers, decimals or rationals ("1/3"); their exact values are kept.
** *out: OUT, caller owns the game, free with eq_game_free().
** diag: OUT, may be NULL; filled on failure with "path:line:col: message".
** Fails with EQ_ERR_IO (cannot open or read), EQ_ERR_PARSE (malformed
** input), EQ_ERR_ARG or EQ_ERR_NOMEM; *out is then NULL.
*/
EQ_API eq_status eq_game_read_nfg(eq_game **out, const char *path,
                                  eq_diag *diag);

/* As eq_game_read_nfg, from len bytes of text in memory; name is used in
** diagnostics in place of the file's path. */
EQ_API eq_status eq_game_parse_nfg(eq_game **out, const char *text,
                                   size_t len, const char *name,
                                   eq_diag *diag);

/*
** Write g in Gambit's payoff-list .nfg format, with action names, exact
** rational payoffs where they are known, and a trailing newline.
** *text: OUT, a NUL-terminated string; caller owns it, free with eq_free().
** Fails with EQ_ERR_ARG or EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_game_write_nfg(const eq_game *g, char **text);

/* Write g to path as eq_game_write_nfg does.  The file is written to a
** temporary name beside path and renamed, so a failure never leaves a
** half-written file.  Fails with EQ_ERR_IO, EQ_ERR_ARG or EQ_ERR_NOMEM. */
EQ_API eq_status eq_game_save_nfg(const eq_game *g, const char *path);

/* ------------------------------------------------------------------ */
/* Certificates                                                         */
/* ------------------------------------------------------------------ */

/*
** The certificate of a mixed profile: the largest gain any player can get
** by a unilateral deviation (max regret).  profile[p] points to player p's
** mixed strategy, eq_game_actions(g, p) probabilities.  A Nash
** equilibrium has max regret 0 (to rounding).  Computed with OpenBLAS:
** dgemv for two players, a tensor contraction for more.
** *regret: OUT.  payoffs: OUT, may be NULL, else eq_game_players(g)
** doubles receiving each player's expected payoff.
** Fails with EQ_ERR_ARG (NULL, a strategy that is not a probability vector
** to 1e-9) or EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_game_regret(const eq_game *g, const double *const *profile,
                                double *regret, double *payoffs);

/* ------------------------------------------------------------------ */
/* Solving                                                              */
/* ------------------------------------------------------------------ */

/* Methods, as named on the command line (-m) and by eq_method_name(). */
typedef enum eq_method {
    EQ_METHOD_PURE = 0,    /* every pure Nash equilibrium, any n */
    EQ_METHOD_ZEROSUM = 1, /* two-player constant-sum, LP on GLPK */
    EQ_METHOD_LEMKE = 2,   /* Lemke-Howson, two players */
    EQ_METHOD_ENUM = 3     /* every extreme equilibrium, two players */
} eq_method;

/* "pure", "zerosum", "lemke", "enum"; NULL for an unknown value. */
EQ_API const char *eq_method_name(eq_method m);
/* The method named name; returns -1 for an unknown name. */
EQ_API int eq_method_from_name(const char *name);

/* A message callback: the library's only way to say anything.  level is
** 0 for progress, 1 for notes.  msg is borrowed for the call's duration. */
typedef void (*eq_log_fn)(void *ud, int level, const char *msg);

/*
** Options of eq_solve.  Fill with eq_solve_opts_init(), then edit.
*/
typedef struct eq_solve_opts {
    eq_method method;    /* default EQ_METHOD_ENUM */
    int exact;           /* nonzero: compute or verify equilibria in
                            rational arithmetic (GMP) and keep them as
                            fractions (enum, lemke, zerosum, pure).
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
    int reserved[8];     /* for future fields; zeroed by _init */
} eq_solve_opts;

/* Fill o with the defaults listed above.  Never fails (NULL is a no-op). */
EQ_API void eq_solve_opts_init(eq_solve_opts *o);

/* Solution status, separate from the call's status. */
typedef enum eq_solution {
    EQ_SOL_FOUND = 0,   /* one or more equilibria */
    EQ_SOL_NONE = 1,    /* the method found none (e.g. no pure equilibrium) */
    EQ_SOL_PARTIAL = 2  /* max_equilibria reached: there may be more */
} eq_solution;

typedef struct eq_result eq_result;

/*
** Solve g with the method in opts (NULL: defaults).
** *out: OUT.  On success, and also on most failures, *out is a result the
** caller owns and frees with eq_result_free(); on failure it holds only
** the error message (eq_result_errmsg).  *out is NULL only when even that
** could not be allocated.
** Fails with EQ_ERR_ARG (NULL game), EQ_ERR_UNSUPPORTED (a two-player
** method on another game, zerosum on a game that is not constant-sum),
** EQ_ERR_NUMERIC, EQ_ERR_LIMIT (enum on a game too large to enumerate),
** EQ_ERR_LP or EQ_ERR_NOMEM.
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

/* zerosum: the value of the game to player 1 (equal to equilibrium 0's
** payoff of player 1).  0.0 for other methods.  Never fails. */
EQ_API double eq_result_value(const eq_result *r);

#ifdef __cplusplus
}
#endif

#endif /* EQUILIB_H */
