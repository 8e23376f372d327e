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
** THREADS AND THE HOST'S OWN GLPK AND OPENBLAS
**
** The library is a guest in its host's process:
**
** GLPK.  GLPK keeps its state (terminal output switch and hook, error
** hook, memory cap, problems) per thread.  A solve never touches the
** calling thread's GLPK state: in a thread that has none, it creates its
** own and frees it before returning; in a thread where the host already
** uses GLPK (or from inside a GLPK callback), it runs its GLPK part in a
** short-lived helper thread of its own.  The host's hooks, memory cap and
** problems survive every solve, and a GLPK error inside a solve comes back
** as a status code (EQ_ERR_LP, or EQ_ERR_NOMEM when GLPK ran out of
** memory) without touching them.
**
** OpenBLAS.  The library calls OpenBLAS on the calling thread only: its
** matrix-vector products and linear solves are written on OpenBLAS's
** level-1 kernels in pieces below the sizes OpenBLAS would split across
** threads, whatever OpenBLAS's thread count, so a solve uses one BLAS
** thread and callers parallelise by running solves in their own threads.
** These kernels also avoid OpenBLAS's 128 MiB work buffer, whose mapping
** OpenBLAS retries for ever under an address-space limit (ulimit -v); qre,
** whose refinement needs LAPACK (and so the buffer), checks first that the
** buffer can be mapped and fails with EQ_ERR_NOMEM if not.
** The library never changes OpenBLAS's settings by itself.  Note that
** OpenBLAS (pthreads build, Debian's default) starts its own pool of
** threads when it is loaded, in every program linked with it, before any
** call: set OPENBLAS_NUM_THREADS=1 in the environment before the program
** starts to have none, or install the serial build (Debian:
** libopenblas0-serial, chosen with update-alternatives); see
** eq_blas_set_threads for the count used by the host's own BLAS calls.
**
** Memory.  A solve frees all it allocates, and leaves glibc's heap
** settings alone (they are process-wide).  For mid-size LPs glibc then
** returns the freed memory to the system after each solve and the next
** one faults it in again; a host making many such solves may keep it with
** mallopt(M_TRIM_THRESHOLD) and mallopt(M_MMAP_THRESHOLD).
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
    EQ_ERR_INTERNAL = 9,  /* an internal invariant failed: please report */
    EQ_ERR_STOPPED = 10   /* a callback asked the call to stop, or a limit
                             of eq_limits was reached */
} eq_status;

/* A short English name for a status code ("out of memory").  Never fails;
** unknown codes give "unknown status". */
EQ_API const char *eq_status_string(eq_status s);

/* Free memory that the library allocated and handed to the caller as
** plain memory (eq_game_write_nfg's text).  NULL is a no-op. */
EQ_API void eq_free(void *p);

/*
** The allocator.  Every block of memory the library allocates or frees goes
** through one function, as Lua's lua_Alloc: fn(ud, p, old, size) with
** size > 0 allocates (p NULL) or resizes (p not NULL) and returns the block
** or NULL when there is no memory (p then stays valid); size 0 frees p and
** returns NULL.  old is not tracked (always 0).  A NULL fn restores the C
** library's malloc family, the default.
**
** Set it before any other call and never while a handle, result or string
** of the library is alive: memory is freed by the function that was
** installed when it is freed.  It is process-wide and not thread-safe to
** change.  Uses: a memory budget for one solve, and tests that fail the
** k-th allocation (every call then returns EQ_ERR_NOMEM and frees what it
** had taken).  Not covered: the memory GMP (exact arithmetic), GLPK and
** OpenBLAS allocate for themselves.  GLPK's failures are caught and
** reported as EQ_ERR_NOMEM or EQ_ERR_LP; GMP's, by GMP's design, end the
** process (GMP documents that its allocation functions cannot fail).
*/
typedef void *(*eq_alloc_fn)(void *ud, void *p, size_t old, size_t size);
EQ_API void eq_set_allocator(eq_alloc_fn fn, void *ud);

/*
** OpenBLAS's thread count: the number of threads OpenBLAS may use for a
** BLAS or LAPACK call, for the whole process (OpenBLAS 0.3.21 has no
** per-thread setting).  Solves do not depend on it (see "Threads and the
** host's own GLPK and OpenBLAS" above: they use one BLAS thread); it
** governs the host's own BLAS calls, and is here so that a host -- a
** Python or R session, say -- can set it without calling OpenBLAS
** directly.  eq_blas_set_threads(n) is openblas_set_num_threads(n): call
** it before starting threads that use BLAS, not while a BLAS call runs
** (OpenBLAS does not synchronise the change).
** eq_blas_threads never fails.  eq_blas_set_threads fails with
** EQ_ERR_ARG for n < 1.
*/
EQ_API int eq_blas_threads(void);
EQ_API eq_status eq_blas_set_threads(int n);

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
/* Extensive-form games (trees)                                         */
/* ------------------------------------------------------------------ */

/*
** An extensive-form game: a rooted tree of decision nodes (a player moves
** at an information set), chance nodes (moves drawn with given
** probabilities) and terminal nodes (a payoff per player).  Nodes are
** numbered from 0 (the root) in the order they are created; information
** sets from 0 in the order they are added.  An information set belongs to
** one player and names that player's actions there; every node in it has
** one child per action.  Life cycle:
**
**   eq_tree_new -> eq_tree_add_infoset / eq_tree_make_decision /
**   eq_tree_make_chance / eq_tree_make_terminal ... -> eq_tree_finish
**   -> eq_tree_solve / eq_tree_reduced_form / eq_tree_write_efg
**   -> eq_tree_free
**
** eq_tree_finish checks the tree (every leaf terminal, probabilities in
** [0, 1] summing to 1, information sets consistent, perfect recall) and
** finds its subgames once.  A tree is read-only after it; a change made
** through eq_tree_set_payoff or eq_tree_set_chance_probs keeps it
** finished, since neither alters the structure.
*/
typedef struct eq_tree eq_tree;

typedef enum eq_node_kind {
    EQ_NODE_OPEN = 0,      /* not yet defined (only before eq_tree_finish) */
    EQ_NODE_DECISION = 1,
    EQ_NODE_CHANCE = 2,
    EQ_NODE_TERMINAL = 3
} eq_node_kind;

/* Create a tree for nplayers players (1..EQ_MAX_PLAYERS) holding one open
** root node.  *out: OUT, caller owns it, free with eq_tree_free().  Fails
** with EQ_ERR_ARG or EQ_ERR_NOMEM. */
EQ_API eq_status eq_tree_new(eq_tree **out, int nplayers);
/* Destroy a tree.  NULL is a no-op. */
EQ_API void eq_tree_free(eq_tree *t);
/* The last error message left on t, or "".  Borrowed. */
EQ_API const char *eq_tree_errmsg(const eq_tree *t);

EQ_API eq_status eq_tree_set_title(eq_tree *t, const char *title);
EQ_API eq_status eq_tree_set_player_name(eq_tree *t, int p, const char *name);
EQ_API const char *eq_tree_title(const eq_tree *t);
EQ_API const char *eq_tree_player_name(const eq_tree *t, int p);
EQ_API int eq_tree_players(const eq_tree *t);

/* Add an information set of player p (0-based) with nactions named
** actions (names copied; NULL names give "1", "2", ...).  label may be
** NULL.  *id: OUT, its index.  Fails with EQ_ERR_ARG (bad player, no
** action, duplicate action names) or EQ_ERR_NOMEM. */
EQ_API eq_status eq_tree_add_infoset(eq_tree *t, int p, int nactions,
                                     const char *const *actions,
                                     const char *label, int *id);

/* Turn open node `node` into a decision node in information set `infoset`,
** creating one open child per action (numbered consecutively).  Fails with
** EQ_ERR_ARG (node not open, unknown information set) or EQ_ERR_NOMEM. */
EQ_API eq_status eq_tree_make_decision(eq_tree *t, int node, int infoset);

/* Turn open node `node` into a chance node with nactions moves named
** actions[] (NULL: "1", "2", ...) drawn with probabilities probs[]
** (checked by eq_tree_finish).  Creates one open child per move. */
EQ_API eq_status eq_tree_make_chance(eq_tree *t, int node, int nactions,
                                     const char *const *actions,
                                     const double *probs);

/* Turn open node `node` into a terminal node with payoffs[p] for each
** player p (copied; each must be finite). */
EQ_API eq_status eq_tree_make_terminal(eq_tree *t, int node,
                                       const double *payoffs);

/* Give node a label (copied; NULL clears it). */
EQ_API eq_status eq_tree_set_node_label(eq_tree *t, int node,
                                        const char *label);

/* Change a terminal node's payoffs or a chance node's probabilities
** without touching the structure (used to re-instantiate a model). */
EQ_API eq_status eq_tree_set_payoffs(eq_tree *t, int node,
                                     const double *payoffs);
EQ_API eq_status eq_tree_set_chance_probs(eq_tree *t, int node,
                                          const double *probs);

/* Check the tree and find its subgames.  Fails with EQ_ERR_ARG and a
** message naming the first offending node or information set. */
EQ_API eq_status eq_tree_finish(eq_tree *t);

/* Accessors.  Out-of-range arguments give -1, 0.0 or NULL. */
EQ_API int eq_tree_nodes(const eq_tree *t);
EQ_API eq_node_kind eq_tree_node_kind(const eq_tree *t, int node);
EQ_API int eq_tree_node_player(const eq_tree *t, int node);   /* -1: chance */
EQ_API int eq_tree_node_infoset(const eq_tree *t, int node);  /* -1: none */
EQ_API int eq_tree_node_parent(const eq_tree *t, int node);   /* -1: root */
EQ_API int eq_tree_node_move(const eq_tree *t, int node);  /* action index at parent */
EQ_API int eq_tree_node_children(const eq_tree *t, int node);
EQ_API int eq_tree_child(const eq_tree *t, int node, int action);
EQ_API const char *eq_tree_node_label(const eq_tree *t, int node);
EQ_API const char *eq_tree_node_action_name(const eq_tree *t, int node, int action);
EQ_API double eq_tree_chance_prob(const eq_tree *t, int node, int action);
EQ_API double eq_tree_payoff(const eq_tree *t, int node, int p);
EQ_API int eq_tree_infosets(const eq_tree *t);
EQ_API int eq_tree_infoset_player(const eq_tree *t, int infoset);
EQ_API int eq_tree_infoset_actions(const eq_tree *t, int infoset);
EQ_API const char *eq_tree_infoset_action_name(const eq_tree *t, int infoset, int a);
EQ_API const char *eq_tree_infoset_label(const eq_tree *t, int infoset);
EQ_API int eq_tree_infoset_members(const eq_tree *t, int infoset);
EQ_API int eq_tree_infoset_member(const eq_tree *t, int infoset, int k);

/* Subgames, found by eq_tree_finish: a node roots a subgame when it is a
** decision or chance node and every information set that meets its
** subtree lies inside it.  The root is always subgame 0.  Count, and the
** root node of subgame k. */
EQ_API int eq_tree_subgames(const eq_tree *t);
EQ_API int eq_tree_subgame_root(const eq_tree *t, int k);

/*
** The reduced strategic form of a finished tree: one strategy per player
** for each class of plans that differ only at information sets the plan
** itself makes unreachable.  A strategy's name lists the actions it takes,
** "a/b/-" style: one entry per information set of the player in index
** order, "-" where the plan never reaches it.  Chance is averaged out.
** *out: OUT, caller owns it.  Fails with EQ_ERR_ARG (tree not finished),
** EQ_ERR_LIMIT (more than EQ_MAX_PROFILES profiles) or EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_tree_reduced_form(const eq_tree *t, eq_game **out);

/* Gambit extensive-form files (.efg, "EFG 2 R" or "EFG 2 D"): read from a
** path or from memory, write to text (free with eq_free()) or to a path
** atomically.  Read trees come back finished.  Errors as for .nfg. */
EQ_API eq_status eq_tree_read_efg(eq_tree **out, const char *path, eq_diag *diag);
EQ_API eq_status eq_tree_parse_efg(eq_tree **out, const char *text, size_t len,
                                   const char *name, eq_diag *diag);
EQ_API eq_status eq_tree_write_efg(const eq_tree *t, char **text);
EQ_API eq_status eq_tree_save_efg(const eq_tree *t, const char *path);

/* ------------------------------------------------------------------ */
/* Models (.game files)                                                 */
/* ------------------------------------------------------------------ */

/*
** A parsed model: players, parameters with domains, definitions and a game
** tree whose payoffs and probabilities are expressions over the
** parameters, and whose structure may switch on enumerated parameters.
** The language is documented in models/README.md ("The model language").
** Parse once, instantiate many times:
**
**   eq_model_read -> eq_model_defaults -> eq_model_set_param ...
**   -> eq_model_instantiate (again and again) -> eq_model_free
**
** Parameter values travel as an array of doubles, one per parameter in
** declaration order; an enumerated parameter holds the index of its choice
** (0, 1, ...).  A parameter fixed by a `set` line (models/README.md,
** "Including a model") is not among them: it keeps its value, and
** eq_model_set_param refuses it, naming the set line.  A model is immutable once parsed: several threads may
** instantiate it at once.
*/
typedef struct eq_model eq_model;

/* Read and check a model.  *out: OUT, caller owns it, free with
** eq_model_free().  diag: OUT, may be NULL; on failure holds
** "file:line:col: message" and the offending line.  Fails with EQ_ERR_IO,
** EQ_ERR_PARSE or EQ_ERR_NOMEM. */
EQ_API eq_status eq_model_read(eq_model **out, const char *path, eq_diag *diag);
EQ_API eq_status eq_model_parse(eq_model **out, const char *text, size_t len,
                                const char *name, eq_diag *diag);
/* An `include "FILE"` line names FILE relative to the directory of the
** file holding it (for eq_model_parse: of name, or the working directory
** when name has no '/').  The files the model was read from: the first is
** its own (i = 0), then one per include line, in the order read. */
EQ_API int eq_model_files(const eq_model *m);
EQ_API const char *eq_model_file(const eq_model *m, int i);
/* Destroy a model.  NULL is a no-op. */
EQ_API void eq_model_free(eq_model *m);

EQ_API const char *eq_model_title(const eq_model *m);
EQ_API int eq_model_players(const eq_model *m);
EQ_API const char *eq_model_player_name(const eq_model *m, int p);

/* Parameters: count; name, one-line description; whether enumerated;
** for an interval, its bounds; for an enumeration, its choices; default
** value.  Out-of-range arguments give NULL, 0 or NaN. */
EQ_API int eq_model_params(const eq_model *m);
EQ_API const char *eq_model_param_name(const eq_model *m, int k);
EQ_API const char *eq_model_param_description(const eq_model *m, int k);
EQ_API int eq_model_param_is_enum(const eq_model *m, int k);
EQ_API double eq_model_param_lo(const eq_model *m, int k);
EQ_API double eq_model_param_hi(const eq_model *m, int k);
EQ_API int eq_model_param_choices(const eq_model *m, int k);
EQ_API const char *eq_model_param_choice(const eq_model *m, int k, int c);
EQ_API double eq_model_param_default(const eq_model *m, int k);
/* The index of the parameter named name, or -1. */
EQ_API int eq_model_param_index(const eq_model *m, const char *name);
/* A parameter fixed by a `set` line is not among the parameters: for its
** name, "file:line:col" of that line (borrowed); NULL for any other name. */
EQ_API const char *eq_model_param_fixed(const eq_model *m, const char *name);

/* Fill values (eq_model_params(m) doubles) with the defaults. */
EQ_API eq_status eq_model_defaults(const eq_model *m, double *values);

/*
** Set one parameter from text "NAME=VALUE" (as given to -p on the command
** line): a number for an interval parameter, a choice's name for an
** enumerated one.  diag: OUT, may be NULL.  Fails with EQ_ERR_ARG and a
** message for an unknown parameter, a malformed value or a value outside
** the domain; values is then unchanged.
*/
EQ_API eq_status eq_model_set_param(const eq_model *m, double *values,
                                    const char *assignment, eq_diag *diag);

/*
** Instantiate the model at values: evaluate every expression and build
** the tree.  If *tree is non-NULL it must come from an earlier call on the
** same model; when the structure is unchanged (the same choices of the
** structural parameters) it is updated in place without allocating,
** otherwise it is freed and replaced.  *tree: IN/OUT, caller owns it,
** finished.  diag: OUT, may be NULL: a probability outside [0, 1] or not
** summing to 1, a payoff that is not finite, a division by zero or a value
** outside its domain is reported at the expression's file:line:col.
** Fails with EQ_ERR_ARG (such an error) or EQ_ERR_NOMEM; on failure
** *tree is freed and set to NULL.  Re-instantiating in place allocates
** nothing for trees of up to 4096 nodes.
*/
EQ_API eq_status eq_model_instantiate(const eq_model *m, const double *values,
                                      eq_tree **tree, eq_diag *diag);

/*
** The equilibrium concept the model declares ("equilibrium spe subgames
** pure select welfare", "equilibrium sequential", "equilibrium pbe refine
** intuitive"): sets o's method (EQ_METHOD_SPE, EQ_METHOD_SEQUENTIAL or
** EQ_METHOD_PBE) and, for spe, its subgame method and selection rule, for
** pbe its refinement, leaving the other fields alone.  A rule's
** action name is borrowed from m (valid until m is freed).  Returns 1 if
** the model declares a concept, 0 if not (o unchanged).  Never fails.
*/
struct eq_tree_opts;   /* see "Solving trees" below */
EQ_API int eq_model_equilibrium(const eq_model *m, struct eq_tree_opts *o);

/*
** Outcome classes, declared in the model with `class NAME "description" =
** PATTERN, ...` (models/README.md): named sets of terminal nodes ("war
** resumes", "peace").  Every tree the model instantiates carries them
** (eq_tree_classes), in the same order.  Count; class c's name and
** description ("" when none); the index of the class named name, or -1.
** Out-of-range arguments give NULL.  Never fail.
*/
EQ_API int eq_model_classes(const eq_model *m);
EQ_API const char *eq_model_class_name(const eq_model *m, int c);
EQ_API const char *eq_model_class_description(const eq_model *m, int c);
EQ_API int eq_model_class_index(const eq_model *m, const char *name);

/*
** Named nodes, declared with `given NAME "description" = NODE`: a node of
** the model from which outcomes are also measured, conditional on
** reaching it ("once the option is in force"; see eq_point_given_reach).
** Count; given g's name, description and node (the model node's name);
** the index of the given named name, or -1.  Never fail.
*/
EQ_API int eq_model_givens(const eq_model *m);
EQ_API const char *eq_model_given_name(const eq_model *m, int g);
EQ_API const char *eq_model_given_description(const eq_model *m, int g);
EQ_API const char *eq_model_given_node(const eq_model *m, int g);
EQ_API int eq_model_given_index(const eq_model *m, const char *name);

/*
** Claims, declared with `claim NAME "description" = "TEXT"`: named truth
** values over the model's outcome classes and payoffs, in the claim
** language of robustness studies (see eq_robust_claim).  Checked when the
** model is read; eq_robust_add_model adds them to a study.  Count; claim
** i's name, description ("" when none) and text.  Never fail.
*/
EQ_API int eq_model_claims(const eq_model *m);
EQ_API const char *eq_model_claim_name(const eq_model *m, int i);
EQ_API const char *eq_model_claim_description(const eq_model *m, int i);
EQ_API const char *eq_model_claim_text(const eq_model *m, int i);

/* The index of the player named name, or -1.  Never fails. */
EQ_API int eq_model_player_index(const eq_model *m, const char *name);

/* Write a tree as a .game model (no parameters; payoffs as numbers), so
** any .efg converts to .game.  *text: OUT, free with eq_free(). */
EQ_API eq_status eq_tree_write_game(const eq_tree *t, char **text);

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
                              equilibrium, with its supporting beliefs */
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
**                interrupted by the callback); sweeps and studies poll
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

/*
** Options of eq_solve.  Fill with eq_solve_opts_init(), then edit.
*/
typedef struct eq_solve_opts {
    eq_method method;    /* default EQ_METHOD_ENUM */
    int exact;           /* nonzero: compute or verify equilibria in
                            rational arithmetic (GMP) and keep them as
                            fractions: the methods with EQ_CAP_EXACT
                            (enum, lemke, zerosum, mip; pure for two
                            players); refused by the others.  Default 0. */
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
** and eq_result_value the optimal objective.  mip: eq_result_value is the
** optimal objective in the game's units.
**
** correlated: equilibrium k's joint distribution over action profiles,
** eq_game_profiles() probabilities in the game's row-major profile order
** (see "Payoff layout").  The strategies of equilibrium k are then its
** marginals.  Borrowed; NULL for other methods or out of range. */
EQ_API const double *eq_result_distribution(const eq_result *r, int k);

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

/* ------------------------------------------------------------------ */
/* Solving trees                                                        */
/* ------------------------------------------------------------------ */

/* How spe picks one equilibrium of a subgame that has several. */
typedef enum eq_select {
    EQ_SELECT_FIRST = 0,      /* the first one the subgame method returns */
    EQ_SELECT_WELFARE = 1,    /* the largest sum of payoffs */
    EQ_SELECT_PLAYER = 2,     /* the largest payoff of select_player */
    EQ_SELECT_MIN_ACTION = 3  /* the lowest probability of the actions
                                 named select_action, summed over the
                                 subgame's information sets */
} eq_select;

/* pbe: a refinement for signalling games (see "Beliefs" below). */
typedef enum eq_refine {
    EQ_REFINE_NONE = 0,       /* every pure weak perfect Bayesian eq. */
    EQ_REFINE_INTUITIVE = 1,  /* those passing the Intuitive Criterion
                                 (Cho and Kreps 1987) */
    EQ_REFINE_D1 = 2          /* those passing the D1 criterion (Cho and
                                 Kreps 1987; Banks and Sobel 1987) */
} eq_refine;

/*
** Options of eq_tree_solve.  Fill with eq_tree_opts_init(), then edit.
*/
typedef struct eq_tree_opts {
    eq_method method;          /* EQ_METHOD_SPE (default); EQ_METHOD_ZEROSUM
                                  and EQ_METHOD_LEMKE work on the sequence
                                  form of a two-player tree; EQ_METHOD_PURE,
                                  EQ_METHOD_ENUM, EQ_METHOD_MIP and
                                  EQ_METHOD_QRE on its reduced strategic
                                  form, their equilibria turned into
                                  behaviour strategies (Kuhn's theorem);
                                  EQ_METHOD_CORRELATED plays the whole
                                  tree as one correlated stage (see
                                  "Correlated stages").  mip and
                                  correlated optimise the selection rule
                                  below: welfare (also for
                                  EQ_SELECT_FIRST and with all),
                                  select_player's payoff, or (correlated
                                  only) the fewest actions named
                                  select_action.  eq_method_check_tree
                                  says which methods apply */
    eq_method subgame_method;  /* spe: the method for each subgame's
                                  simultaneous or imperfect-information
                                  part; default EQ_METHOD_ENUM for two
                                  players, EQ_METHOD_PURE otherwise
                                  (set to -1 to choose so).  The
                                  two-player methods (zerosum, lemke,
                                  enum, mip) take any part in which at
                                  most two players have a move, in a tree
                                  of any number of players.
                                  EQ_METHOD_CORRELATED plays each such
                                  part by a correlated equilibrium: see
                                  "Correlated stages" below */
    int all;                   /* spe: list every subgame-perfect
                                  equilibrium (every combination of the
                                  subgames' equilibria); default 0 */
    eq_select select;          /* spe without all: the rule; default
                                  EQ_SELECT_WELFARE */
    int select_player;         /* for EQ_SELECT_PLAYER */
    const char *select_action; /* for EQ_SELECT_MIN_ACTION; borrowed */
    int exact;                 /* strategic methods on the reduced form:
                                  verify in rationals as in eq_solve_opts
                                  (results are still reported as
                                  doubles), refused with
                                  EQ_ERR_UNSUPPORTED by a method without
                                  EQ_CAP_EXACT; spe ignores it; the
                                  sequence-form methods refuse it */
    int max_equilibria;        /* 0 = no limit */
    double tol;                /* default 1e-9 */
    eq_log_fn log;
    void *log_ud;
    int coarse;                /* spe with subgame method correlated: coarse
                                  correlated stages (a player may only
                                  deviate before hearing the
                                  recommendation); default 0 */
    eq_refine refine;          /* pbe: keep only the equilibria that pass
                                  this refinement; default
                                  EQ_REFINE_NONE.  The refinements need a
                                  signalling game (see "Beliefs"); other
                                  methods refuse it */
    int perfect;               /* EQ_METHOD_LEMKE: a quasi-perfect
                                  equilibrium with beliefs at every set,
                                  by a symbolic perturbation of the
                                  sequence form (see "Beliefs"); default
                                  0; other methods refuse it
                                  (EQ_ERR_UNSUPPORTED).  Taken from the
                                  reserved tail: the struct's size and
                                  layout are unchanged */
    const eq_limits *limits;   /* as in eq_solve_opts: one set of limits
                                  for the whole call (every subgame or
                                  reduced-form solve in it); NULL
                                  (default) for none.  Borrowed.  Taken
                                  from the reserved tail (on 64-bit
                                  systems after 4 bytes of padding): the
                                  size and the other fields' offsets are
                                  unchanged */
    int reserved[2];
} eq_tree_opts;

/* Fill o with the defaults above.  NULL is a no-op. */
EQ_API void eq_tree_opts_init(eq_tree_opts *o);

typedef struct eq_tree_result eq_tree_result;

/*
** Solve a finished tree.  Each equilibrium is a behaviour strategy
** profile: a probability for every action at every information set.
** *out: OUT, as for eq_solve (the caller frees it with
** eq_tree_result_free, and on failure it carries the message).
** Fails with EQ_ERR_ARG (tree not finished, an unknown method),
** EQ_ERR_UNSUPPORTED (a method that does not apply: the sentence of
** eq_method_check_tree), EQ_ERR_LIMIT, EQ_ERR_NUMERIC, EQ_ERR_LP or
** EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_tree_solve(const eq_tree *t, const eq_tree_opts *opts,
                               eq_tree_result **out);
EQ_API void eq_tree_result_free(eq_tree_result *r);
EQ_API const char *eq_tree_result_errmsg(const eq_tree_result *r);
EQ_API eq_solution eq_tree_result_solution(const eq_tree_result *r);
EQ_API int eq_tree_result_count(const eq_tree_result *r);
/* The method that produced r. */
EQ_API eq_method eq_tree_result_method(const eq_tree_result *r);
/* How the reported equilibria were chosen, in words ("all 3
** subgame-perfect equilibria", "selected by welfare", ...).  Borrowed. */
EQ_API const char *eq_tree_result_selection(const eq_tree_result *r);
/* Equilibrium k's probabilities of the actions at information set h.
** Borrowed; NULL if out of range. */
EQ_API const double *eq_tree_result_behaviour(const eq_tree_result *r, int k, int h);
/* Probability that equilibrium k reaches node v (1 at the root). */
EQ_API double eq_tree_result_reach(const eq_tree_result *r, int k, int v);
/* Expected payoff of player p in equilibrium k. */
EQ_API double eq_tree_result_payoff(const eq_tree_result *r, int k, int p);
/* Certificate: the largest gain any player gets by changing their whole
** behaviour strategy in the tree (max regret), computed afresh. */
EQ_API double eq_tree_result_regret(const eq_tree_result *r, int k);

/*
** Correlated stages.  With subgame_method EQ_METHOD_CORRELATED, spe plays
** every subgame part that lacks perfect information (a "stage": the part
** of a subgame outside the subgames nested in it, with the nested
** subgames' roots paying their equilibrium values) by a correlated
** equilibrium of the stage's reduced strategic form (Aumann 1974): a
** mediator draws one pure plan per player from a joint distribution when
** play reaches the stage and tells each player only their own plan.
** Perfect-information parts are solved by backward induction as before.
** The distribution is the LP optimum for the selection rule: welfare
** (also for EQ_SELECT_FIRST and with all), select_player's payoff, or
** the lowest total probability of the actions named select_action.  With
** all, each stage contributes its one optimum, so "all" lists only the
** combinations the perfect-information parts allow.
**
** Such a result is not a behaviour profile.  For it:
**   eq_tree_result_behaviour at a stage's sets gives the marginals of the
**     joint distribution (conditional on reaching the set), which on their
**     own are generally not an equilibrium;
**   reach probabilities and payoffs are those of the joint distributions;
**   eq_tree_result_regret is the largest gain, over every subgame and
**     player, of a deviation from what the player is told (a best plan
**     against the others' recommendations, for each recommendation
**     received; or chosen before it, with coarse), given play that follows
**     the result elsewhere, computed afresh from the tree's payoffs.  0
**     means no player gains by disobeying in any subgame.
** For other results eq_tree_result_stages returns 0.
**
** With method EQ_METHOD_CORRELATED, eq_tree_solve plays the whole tree as
** one such stage, rooted at node 0 and spanning every information set: a
** correlated equilibrium of the tree's reduced strategic form, the
** mediator recommending each player a whole reduced plan before play.
** Its certificate is that of the tree as a whole (the largest gain of a
** player who follows another plan than the one recommended, chosen after
** hearing it, or before with coarse), not of every subgame: such an
** equilibrium need not be subgame perfect.
*/
/* Number of correlated stages of equilibrium k (0 if none or out of
** range). */
EQ_API int eq_tree_result_stages(const eq_tree_result *r, int k);
/* The node rooting stage j's subgame; -1 if out of range. */
EQ_API int eq_tree_result_stage_root(const eq_tree_result *r, int k, int j);
/* Stage j's information sets: returns their number and, when sets is not
** NULL, points *sets at their indices (borrowed; valid until r is
** freed).  0 (and NULL) if out of range. */
EQ_API int eq_tree_result_stage_infosets(const eq_tree_result *r, int k, int j,
                                         const int **sets);
/* Number of recommendations with positive probability at stage j. */
EQ_API int eq_tree_result_stage_support(const eq_tree_result *r, int k, int j);
/* Recommendation q of stage j: returns its probability and, when actions
** is not NULL, points *actions at one action index per set of the stage
** (in the order of eq_tree_result_stage_infosets), -1 at a set the
** recommended plan's own earlier moves never reach.  Borrowed.  0.0 (and
** NULL) if out of range. */
EQ_API double eq_tree_result_stage_prob(const eq_tree_result *r, int k, int j, int q,
                                        const int **actions);

/*
** Outcome classes of a tree: named sets of its terminal nodes ("war
** resumes", "peace"), each terminal in at most one.  A tree instantiated
** from a model carries the model's classes (eq_model_classes), in the
** same order; any tree can be given classes with eq_tree_add_class and
** eq_tree_set_node_class.  Readers and writers of .efg files do not carry
** them.
*/
/* Add a class (name and description copied; description may be NULL).
** *id: OUT, may be NULL, its index.  Fails with EQ_ERR_ARG (no name, a
** duplicate name) or EQ_ERR_NOMEM. */
EQ_API eq_status eq_tree_add_class(eq_tree *t, const char *name, const char *description,
                                   int *id);
/* Put terminal node `node` in class cls (-1: in none).  Fails with
** EQ_ERR_ARG (not a terminal node, no such class). */
EQ_API eq_status eq_tree_set_node_class(eq_tree *t, int node, int cls);
/* Count; class c's name and description (NULL out of range); the index of
** the class named name (-1); node's class (-1: none).  Never fail. */
EQ_API int eq_tree_classes(const eq_tree *t);
EQ_API const char *eq_tree_class_name(const eq_tree *t, int c);
EQ_API const char *eq_tree_class_description(const eq_tree *t, int c);
EQ_API int eq_tree_class_index(const eq_tree *t, const char *name);
EQ_API int eq_tree_node_class(const eq_tree *t, int node);

/* The probability that equilibrium k of r (a result of solving t) ends in
** class c: the sum of the reach probabilities of c's terminals.  NaN when
** r is not t's or an index is out of range.  Never fails. */
EQ_API double eq_tree_result_class_prob(const eq_tree_result *r, const eq_tree *t, int k,
                                        int c);
/*
** The outcome of equilibrium k of r (a result of solving t) from the nodes
** labelled `label` on (NULL: from the root), conditional on reaching
** them: *reach, the probability that k reaches them; class_prob[c] for
** each class of t, and payoff[p] for each player (each may be NULL).
** Definition: with V the nodes so labelled that have no ancestor so
** labelled, and rho(v) their reach probabilities, the outcome from v is
** computed under k's behaviour strategies from v on, and the outcome from
** V is their average weighted by rho(v) / sum rho when sum rho > 0 (Bayes'
** rule), or with equal weights when k reaches none of them: a
** subgame-perfect profile says what happens there even off its path.
** With correlated stages (eq_tree_result_stages > 0) the outcome is
** measured from the joint distributions when sum rho > 0, and is not
** defined off the path.  Fails with EQ_ERR_ARG (no node labelled so, r
** not t's, k out of range), EQ_ERR_UNSUPPORTED (correlated stages off the
** path) or EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_tree_result_outcome(const eq_tree_result *r, const eq_tree *t, int k,
                                        const char *label, double *reach,
                                        double *class_prob, double *payoff);

/* The certificate of any behaviour profile: beh[h] points to the
** probabilities at information set h.  *regret: OUT; payoffs: OUT, may be
** NULL, else one per player.  Fails with EQ_ERR_ARG or EQ_ERR_NOMEM. */
EQ_API eq_status eq_tree_regret(const eq_tree *t, const double *const *beh,
                                double *regret, double *payoffs);

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
** trees per worker).  A point that fails (a probability outside [0, 1]
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
                                   solver's outcome, to eq_breaks_error */
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
** values are taken as the decimals they are written as (0.7 is 7/10).
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
**         | "E" "(" PLAYER [ "|" cond { "," cond } ] ")" ;
**   cond  = MODEL | GIVEN | CHOICE | NAME "=" ( CHOICE | NUMBER ) ;
**
** P(C | ...) is the probability of outcome class C, E(X | ...) player X's
** expected payoff, under the selected equilibrium of the context the
** conditions name: MODEL, a model's alias (needed only when several
** models could fit); NAME=CHOICE or NAME=NUMBER, a parameter set; a bare
** CHOICE, a choice of the one enumerated parameter that has it; GIVEN, a
** named node of the model, from which the outcome is measured
** (eq_point_given_class_prob).  A bare PARAMETER is its value in the
** sample.  Comparisons allow 1e-9 (relative to the larger side, at least
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

/* ------------------------------------------------------------------ */
/* Beliefs: sequential and perfect Bayesian equilibria                  */
/* ------------------------------------------------------------------ */

/*
** An assessment is a behaviour profile with a belief at every information
** set: a probability for each of the set's nodes, the mover's conjecture
** of where play stands when the set is reached.  It is sequentially
** rational when at every set the mover's behaviour there and after is a
** best reply, given the belief and the others' behaviour, and its beliefs
** follow Bayes' rule at the sets the profile reaches.
**
** Methods.
**   EQ_METHOD_SEQUENTIAL: one sequential equilibrium (Kreps and Wilson
**     1982) of a tree with any number of players, as the limit of the
**     agent logit quantal response equilibrium (McKelvey and Palfrey 1998)
**     as lambda grows: each information set is an agent who responds by
**     the logit rule to its expected payoffs given its beliefs, which are
**     Bayes' rule everywhere because every action has positive
**     probability on the path.  The path is followed from lambda = 0 as
**     EQ_METHOD_QRE follows it, and its end is polished by Newton's
**     method on the sequential-rationality conditions of the support
**     found.  Beliefs at sets the equilibrium does not reach are the
**     limits of the QRE beliefs, hence consistent.  The tree must have
**     perfect recall (eq_tree_finish checks it); at most 2000 actions in
**     all (EQ_ERR_LIMIT).  Degenerate trees may stop the path
**     (EQ_ERR_NUMERIC).
**   EQ_METHOD_PBE: every pure-strategy weak perfect Bayesian equilibrium:
**     each pure behaviour profile is tried; beliefs at the sets it reaches
**     are Bayes' rule, and at each set it does not reach a linear program
**     decides whether some belief makes the profile's continuation there
**     optimal.  The set of such beliefs is reported by its vertices (for
**     a two-node set, the ends of an interval).  Limits, each an
**     EQ_ERR_LIMIT naming it: 1,000,000 pure behaviour profiles
**     (PBE_MAX_PROFILES), 100,000 nodes (PBE_MAX_NODES), and 6 nodes in a
**     set the profile does not reach, for the vertex enumeration
**     (PBE_MAX_SET_NODES).  With opts.refine, only the equilibria passing
**     the refinement are kept; the refinements need a signalling game:
**     chance draws the sender's type at the root, the sender sees it and
**     sends a message, the receiver sees the message (one information set
**     per message, one node per type) and responds, and play ends.
**   EQ_METHOD_LEMKE with opts.perfect: a quasi-perfect equilibrium (van
**     Damme 1984) of a two-player tree, which is sequential and
**     normal-form perfect: Lemke's algorithm on the sequence form in the
**     form of von Stengel, van den Elzen and Talman (2002), with every
**     sequence s of either player held at least eps^(|s|+1) (|s| the
**     number of the player's own moves in it) as Miltersen and Sorensen
**     (2010) do, eps kept symbolic (a lexicographic rule), so the answer
**     is the limit as eps -> 0.  Behaviour and beliefs at unreached sets
**     are the limits of the perturbed game's.
**
** The accessors below work on every tree result.  For methods that give
** no beliefs off the path (spe, pure, enum, zerosum, lemke) beliefs exist
** only where the equilibrium goes.
*/

/* Whether equilibrium k reaches information set h: 1 if it does with
** probability above 1e-12, 0 if not, -1 if k or h is out of range. */
EQ_API int eq_tree_result_reached(const eq_tree_result *r, int k, int h);

/* The probability that equilibrium k reaches information set h (the sum
** of eq_tree_result_reach over its nodes); 0.0 if out of range. */
EQ_API double eq_tree_result_infoset_reach(const eq_tree_result *r, int k, int h);

/*
** Equilibrium k's belief at decision node v: the probability of v given
** that v's information set is reached.  At a reached set, Bayes' rule
** (or, for sequential, the method's belief, which agrees with it to the
** certificate eq_tree_result_bayes_gap); at a set not reached, the
** method's belief: the QRE limit (sequential), the limit of the perturbed
** game (lemke with perfect), or for pbe one supporting belief, the
** optimum of the set's LP (the whole supporting set is given by
** eq_tree_result_belief_vertex).  -1.0 where there is none (an unreached
** set under another method), at a node that is not a decision node, and
** out of range.  Never fails.
*/
EQ_API double eq_tree_result_belief(const eq_tree_result *r, int k, int v);

/*
** pbe: the beliefs at the unreached information set h that make
** equilibrium k's continuation there optimal form a convex polytope in the
** simplex over h's nodes.  eq_tree_result_belief_vertices gives the number
** of its vertices (0 for a reached set, another method, or out of range);
** eq_tree_result_belief_vertex gives vertex j, one probability per node of
** h in the order of eq_tree_infoset_member.  For a set of two nodes the
** vertices are the ends of an interval (one vertex: a single point).
** Borrowed; valid until r is freed.  NULL if out of range.
*/
EQ_API int eq_tree_result_belief_vertices(const eq_tree_result *r, int k, int h);
EQ_API const double *eq_tree_result_belief_vertex(const eq_tree_result *r, int k,
                                                  int h, int j);

/*
** The certificate of equilibrium k's assessment, computed afresh from the
** tree's payoffs (sequential, pbe, lemke with perfect):
**   eq_tree_result_seq_regret: the largest gain, over the information sets
**     that have a belief, that the mover gets by changing the behaviour at
**     the set and after it, given the belief and the others' behaviour
**     (sequential rationality; 0 to rounding for a sequential or weak
**     perfect Bayesian equilibrium);
**   eq_tree_result_bayes_gap: the largest difference, over the nodes of
**     reached sets, between the belief and Bayes' rule applied to the
**     profile (consistency on the path; 0 to rounding).
** -1.0 when not computed (other methods; see eq_tree_assessment_regret) or
** out of range.  Never fail.
*/
EQ_API double eq_tree_result_seq_regret(const eq_tree_result *r, int k);
EQ_API double eq_tree_result_bayes_gap(const eq_tree_result *r, int k);

/*
** The certificate of any assessment of the finished tree t: beh[h] points
** to the probabilities at information set h; belief, which may be NULL,
** holds eq_tree_nodes(t) doubles, a belief at each decision node (other
** entries are ignored); a set whose entries are negative has no belief.
** Sets without a belief are skipped if the profile does not reach them
** and use Bayes' rule if it does.  *seq_regret and *bayes_gap: OUT, as
** for eq_tree_result_seq_regret and eq_tree_result_bayes_gap; either may
** be NULL.  Fails with EQ_ERR_ARG (t not finished, NULL beh, a behaviour
** or a belief that is not a probability vector to 1e-9) or EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_tree_assessment_regret(const eq_tree *t,
                                           const double *const *beh,
                                           const double *belief,
                                           double *seq_regret,
                                           double *bayes_gap);

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
** ABI stability.  Within major version 0 the library keeps, from this
** release on: the values of eq_status, eq_method, eq_cap, eq_objective,
** eq_select, eq_refine and the EQ_FLAG_, EQ_MEASURE_, EQ_BREAK_ and
** EQ_OPTION_ bits (new ones are appended); the names and meanings of the
** options below (new ones are appended; eq_option_index finds them by
** name, so no caller needs their order); and every function's signature.
** The opaque handles (eq_game, eq_tree, eq_model, eq_result,
** eq_tree_result, eq_analysis, eq_point, eq_breaks, eq_robust,
** eq_options) may change inside freely.  The structs eq_solve_opts and
** eq_tree_opts keep their size and the offsets of their fields (new
** fields come from their reserved tails), but a binding that sticks to
** eq_options never depends on that; eq_diag keeps its layout.
**
** The options, by name (eq_option_name), with their scope (the bits of
** eq_option_scope: what they apply to):
**   method       GAME|TREE  a method name (eq_method_name)
**   sub          TREE       spe's subgame method, or "default"
**   select       TREE       welfare, first, player:NAME or min:ACTION
**   all          TREE       a truth value: every subgame-perfect eq.
**   refine       TREE       pbe: none, intuitive or d1
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
** Truth values are true/false, 1/0, yes/no or on/off.  An option left
** unset keeps its default: that of eq_solve_opts_init or
** eq_tree_opts_init, or, for a model, the concept the model declares.
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

/* A new handle with no option set.  *out: OUT, caller owns it, free with
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

/*
** Turn o into the options of eq_solve for the game g (names resolved
** against g; with g NULL an option that names a player fails), or of
** eq_tree_solve for the tree t or the trees of model m (the defaults are
** then the model's concept, eq_model_equilibrium; either may be NULL,
** names then resolved against whichever is given).  *out is
** filled from eq_solve_opts_init or eq_tree_opts_init, then with every
** option set.  A select_action it sets is borrowed from o: valid until
** "select" is set again or o is freed.  Fails with EQ_ERR_ARG and a
** message on o: an option that does not apply ("option select does not
** apply to a strategic-form game"), an unknown player or action.
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

#endif /* EQUILIB_H */
