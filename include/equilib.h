/*
** equilib.h -- the public header of equilib, and its reference manual.
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
**
** ABI stability.  Within major version 0 the library keeps, from this
** release on: the values of eq_status, eq_method, eq_cap, eq_objective,
** eq_select, eq_refine and the EQ_FLAG_, EQ_MEASURE_, EQ_BREAK_ and
** EQ_OPTION_ bits (new ones are appended); the names and meanings of the
** options by name of equilib/options.h (new ones are appended;
** eq_option_index finds them by name, so no caller needs their order);
** and every function's signature.
** The opaque handles (eq_game, eq_tree, eq_model, eq_result,
** eq_tree_result, eq_analysis, eq_point, eq_breaks, eq_robust,
** eq_options) may change inside freely.  The structs eq_solve_opts and
** eq_tree_opts keep their size and the offsets of their fields (new
** fields come from their reserved tails), but a binding that sticks to
** eq_options never depends on that; eq_diag keeps its layout.
**
** Parts.  This header holds what every part shares (version, status codes,
** allocator, BLAS threads, eq_diag) and includes the parts, one per topic
** under equilib/: game.h (strategic-form games), tree.h (trees), model.h
** (models), method.h (methods, capabilities, limits), result.h (eq_solve
** and its result), tree_solve.h (solving trees, beliefs), sensitivity.h
** (points, sweeps, breakpoints, robustness) and options.h (options by
** name, a model in one call, lookup by name).  Include <equilib.h>; each
** part also compiles alone.
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
** had taken).  GLPK's failures are caught and reported as EQ_ERR_NOMEM or
** EQ_ERR_LP.  GMP's (exact arithmetic) are covered only when the host asks
** for it with eq_gmp_contain below; without it GMP allocates with its own
** functions and, by GMP's design, ends the process when they fail.  Not
** covered: the memory GLPK and OpenBLAS allocate for themselves.
*/
typedef void *(*eq_alloc_fn)(void *ud, void *p, size_t old, size_t size);
EQ_API void eq_set_allocator(eq_alloc_fn fn, void *ud);

/*
** GMP's allocation failures, contained -- on request only.  GMP's memory
** functions (mp_set_memory_functions) belong to the whole process, and the
** library does not change what the host owns: it installs its own only
** when the host calls eq_gmp_contain(reserve) with reserve > 0 (the
** command-line program does, with EQ_GMP_RESERVE), and eq_gmp_contain(0)
** puts back the functions that were installed before.
**
** While on, GMP allocates through eq_set_allocator's function.  GMP cannot
** take a NULL (nor a longjmp out of its functions), so when the allocator
** fails the block comes from an emergency reserve of `reserve` bytes,
** mapped when containment is turned on (address space, which is what
** ulimit -v counts; its pages are touched only when used), and the
** failure is recorded.  The call that was running -- eq_solve,
** eq_tree_solve, the readers, eq_game_write_nfg, eq_model_parse,
** eq_model_instantiate, eq_model_breakpoints, eq_game_set_payoff_text and
** the calls built on them -- sees it at its
** next check (the long loops of the methods poll, and every such call
** checks where it ends), frees what it made and returns EQ_ERR_NOMEM,
** "out of memory".  The record is process-wide: a failure in one thread
** also makes the calls running at that time in other threads return
** EQ_ERR_NOMEM (and so reaches a parallel enumeration's caller from its
** workers).  The reserve is shared by all threads under a mutex.
**
** The limit: what GMP allocates after a failure, until the call's next
** check, must fit in the reserve; when the reserve is exhausted there is
** nothing left to do but what GMP itself does, abort the process.  For
** the games this library solves exactly, one pivot's numbers take a few
** kilobytes; EQ_GMP_RESERVE (4 MiB) leaves room for numbers of millions
** of digits.
**
** Turn it on or off only while no GMP number is alive -- no handle or
** result of the library, and none of the host's own mpz_t, mpq_t, mpf_t --
** and while no other thread uses GMP: blocks are freed by the functions
** installed when they are freed.  Fails with EQ_ERR_ARG for a reserve
** below 64 KiB or when already on (turn it off first), EQ_ERR_NOMEM when
** the reserve cannot be mapped (GMP's functions are then left as they
** were).  eq_gmp_contained tells whether it is on.
*/
#define EQ_GMP_RESERVE ((size_t)4 << 20)
EQ_API eq_status eq_gmp_contain(size_t reserve);
EQ_API int eq_gmp_contained(void);

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

#ifdef __cplusplus
}
#endif

#endif /* EQUILIB_H */

#if !defined(EQUILIB_COMMON_ONLY) && !defined(EQUILIB_ALL_H)
#define EQUILIB_ALL_H
#include "equilib/game.h"
#include "equilib/tree.h"
#include "equilib/model.h"
#include "equilib/method.h"
#include "equilib/result.h"
#include "equilib/tree_solve.h"
#include "equilib/sensitivity.h"
#include "equilib/options.h"
#endif
