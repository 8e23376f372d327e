/*
** equilib/game.h -- strategic-form games, Gambit .nfg files, and the
** certificate (max regret) of a mixed profile.
**
** Part of the public header equilib.h: write #include <equilib.h>, which
** includes every part.  This part also compiles alone (it includes the
** common part of equilib.h and the parts it needs itself).
**
** Copyright (C) 2026 the equilib developers.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_PART_GAME_H
#define EQUILIB_PART_GAME_H

#ifndef EQUILIB_H
#define EQUILIB_COMMON_ONLY
#include "../equilib.h"
#undef EQUILIB_COMMON_ONLY
#endif

#ifdef __cplusplus
extern "C" {
#endif

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
** equilibrium has max regret 0 (to rounding).  Computed with OpenBLAS on
** the calling thread: a matrix-vector product for two players, a tensor
** contraction for more.
** *regret: OUT.  payoffs: OUT, may be NULL, else eq_game_players(g)
** doubles receiving each player's expected payoff.
** Fails with EQ_ERR_ARG (NULL, a strategy that is not a probability vector
** to 1e-9) or EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_game_regret(const eq_game *g, const double *const *profile,
                                double *regret, double *payoffs);

#ifdef __cplusplus
}
#endif

#endif /* EQUILIB_PART_GAME_H */
