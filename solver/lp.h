/*
** lp.h -- the library's one door to GLPK: a small linear (and mixed
** integer) programming interface.  No other file includes glpk.h.
** SPDX-License-Identifier: GPL-3.0-or-later
**
** An eqi_lp is plain data owned by us: sizes, bounds, objective, the
** constraint matrix as triplets, and after a solve its results.  GLPK is
** touched only inside eqi_lp_solve(), which builds a GLPK problem, solves
** it, copies the results out and deletes it again, all under a guard:
**
**   - every argument is checked here first, because GLPK calls abort() on
**     a bad one;
**   - GLPK's terminal output is switched off (glp_term_out) and a terminal
**     hook swallows what it still prints on an error;
**   - GLPK's error hook (glp_error_hook) longjmps back into lp.c, so an
**     internal GLPK error (an assertion, no memory) becomes EQ_ERR_LP (or
**     EQ_ERR_NOMEM when GLPK's allocation failed) with GLPK's message
**     instead of an abort().
**
** A good guest.  GLPK keeps all its state -- terminal switch and hook,
** error hook, memory cap and accounting, problem objects -- in one
** environment per thread (thread-local storage in Debian's build), and has
** no call that reads a hook or the cap back, so they cannot be saved and
** restored.  Instead eqi_lp_solve() never touches an environment it did
** not create:
**   - in a thread with no GLPK environment (the usual case) it creates
**     one, installs its hooks there, and frees it before returning
**     (glp_free_env), leaving nothing behind;
**   - in a thread that already has one (the host uses GLPK itself, or
**     calls us from inside a GLPK callback), it runs the whole GLPK part
**     in a short-lived helper thread, which gets an environment of its
**     own, and waits for it.  The host's hooks, memory cap, output switch
**     and problems are untouched, even after an error inside GLPK.
** Because no GLPK object outlives a call, distinct eqi_lp objects may be
** solved in distinct threads at once.
**
** Life cycle:
**   eqi_lp_new -> eqi_lp_set_obj / _set_col_bounds / _set_row_bounds /
**   _set_col_integer -> eqi_lp_add_entries / eqi_lp_add_block ->
**   (eqi_lp_set_col_bstat ... for a warm start) ->
**   eqi_lp_parm_init -> eqi_lp_solve -> eqi_lp_status, eqi_lp_col_value,
**   eqi_lp_row_dual ... -> (change data, solve again) -> eqi_lp_free
**
** Indices are 0-based: rows 0..nrows-1, columns 0..ncols-1.  An infinite
** bound is -HUGE_VAL or +HUGE_VAL.  Every function that returns eq_status
** leaves a message on the LP (eqi_lp_errmsg) when it fails.
*/
#ifndef EQUILIB_LP_H
#define EQUILIB_LP_H

#include "internal.h"

typedef struct eqi_lp eqi_lp;

/* Objective direction. */
typedef enum eqi_lp_dir {
    EQI_LP_MIN = 0,
    EQI_LP_MAX = 1
} eqi_lp_dir;

/* Solution status: what the solver concluded, separate from whether the
** call worked.  "Infeasible" is an answer, not an error. */
typedef enum eqi_lp_sol {
    EQI_LP_UNSOLVED = 0,    /* not solved since the data last changed */
    EQI_LP_OPTIMAL = 1,     /* an optimal solution was found */
    EQI_LP_FEASIBLE = 2,    /* MIP only: an integer solution, optimality not
                               proven (gap or time limit reached) */
    EQI_LP_INFEASIBLE = 3,  /* no feasible point exists */
    EQI_LP_UNBOUNDED = 4,   /* feasible, objective unbounded */
    EQI_LP_INF_OR_UNB = 5,  /* MIP only: the relaxation is unbounded, so the
                               MIP is unbounded or infeasible */
    EQI_LP_FAILED = 6       /* the solve failed (see the return code) */
} eqi_lp_sol;

/* Status of a variable (column, or a row's activity) in the final basis
** of a simplex solve. */
typedef enum eqi_lp_bstat {
    EQI_LP_BS_NONE = 0,     /* no basis (not solved, MIP, or failure) */
    EQI_LP_BS_BASIC = 1,    /* basic */
    EQI_LP_BS_LOWER = 2,    /* non-basic at its lower bound */
    EQI_LP_BS_UPPER = 3,    /* non-basic at its upper bound */
    EQI_LP_BS_FREE = 4,     /* non-basic free variable, value 0 */
    EQI_LP_BS_FIXED = 5     /* non-basic fixed variable */
} eqi_lp_bstat;

/* Simplex method. */
typedef enum eqi_lp_method {
    EQI_LP_PRIMAL = 0,      /* primal simplex */
    EQI_LP_DUAL = 1         /* dual simplex (primal if the dual one fails) */
} eqi_lp_method;

/*
** Options of eqi_lp_solve.  Fill with eqi_lp_parm_init(), then edit.
*/
typedef struct eqi_lp_parm {
    eqi_lp_method method;   /* default EQI_LP_PRIMAL */
    int presolve;           /* nonzero: GLPK's LP presolver; default 0.
                               A MIP always uses the MIP presolver. */
    int scale;              /* nonzero (default): scale the problem
                               (glp_scale_prob, GLP_SF_AUTO) first */
    int exact;              /* nonzero: after the floating-point simplex,
                               re-solve from its basis with glp_exact
                               (rational simplex, slow); default 0 */
    int ranging;            /* nonzero: after an optimal LP solve, compute
                               the sensitivity ranges (eqi_lp_cost_range,
                               eqi_lp_bound_range); default 0 */
    double tol;             /* simplex feasibility and optimality
                               tolerance (GLPK's tol_bnd and tol_dj,
                               relative to the data), in [0, 0.01);
                               0 (default): GLPK's 1e-7 */
    int it_limit;           /* simplex iteration limit, 0 (default) none */
    int tm_limit;           /* time limit in milliseconds, 0 (default) none */
    double mip_gap;         /* MIP: relative gap at which to stop, >= 0;
                               default 0 (prove optimality) */
    int mem_limit;          /* cap on GLPK's memory in megabytes, 0
                               (default) none.  Exceeding it is a GLPK
                               error: EQ_ERR_LP, contained like any other */
    eqi_guard *guard;       /* the call's limits (guard.c), or NULL
                               (default): polled before the solve, and its
                               time left becomes GLPK's time limit, a
                               stop then being EQ_ERR_STOPPED.  GLPK is
                               never interrupted through a callback: it
                               may run in a helper thread (see
                               eqi_lp_solve) */
    int mip_no_presolve;    /* MIP: nonzero solves the relaxation by the
                               simplex method and runs branch and cut
                               without GLPK's MIP presolver; default 0 */
    int reserved[7];        /* zeroed by _init */
} eqi_lp_parm;

/* Fill p with the defaults above.  NULL is a no-op. */
void eqi_lp_parm_init(eqi_lp_parm *p);

/*
** Create an LP with nrows rows and ncols columns, all continuous.  Every
** column starts with bounds [0, +inf) and objective coefficient 0; every
** row starts free (no constraint) and the matrix empty.
** *out: OUT, caller owns it, free with eqi_lp_free().
** Fails with EQ_ERR_ARG (out NULL, nrows < 0, ncols < 1, either above
** 100000000, or dir not EQI_LP_MIN/MAX) or EQ_ERR_NOMEM; *out is NULL then.
*/
eq_status eqi_lp_new(eqi_lp **out, int nrows, int ncols, eqi_lp_dir dir);

/*
** Make lp what eqi_lp_new(&lp, nrows, ncols, dir) would make -- no matrix
** entries, default bounds, objective 0, no warm start, unsolved -- keeping
** the memory it holds: its arrays grow only for more rows or columns than
** it ever had, and the matrix keeps its capacity (eqi_lp_reserve), so
** refilling an LP of the same size or smaller allocates nothing.  For a
** caller that solves many LPs in turn (correlated.c's workspace).  Only
** our own data is kept: no GLPK object outlives eqi_lp_solve either way.
** Fails with EQ_ERR_ARG (as eqi_lp_new; lp NULL) or EQ_ERR_NOMEM; lp is
** unchanged then.
*/
eq_status eqi_lp_reset(eqi_lp *lp, int nrows, int ncols, eqi_lp_dir dir);

/* Destroy an LP.  NULL is a no-op. */
void eqi_lp_free(eqi_lp *lp);

/* Sizes.  Never fail (0 for NULL). */
int eqi_lp_rows(const eqi_lp *lp);
int eqi_lp_cols(const eqi_lp *lp);

/* The last error message, "" if none.  Borrowed; valid until lp is
** freed.  Never fails. */
const char *eqi_lp_errmsg(const eqi_lp *lp);

/*
** Data.  Each setter fails with EQ_ERR_ARG for an index out of range, a
** NaN, a coefficient that is not finite, or a lower bound above the upper
** one (lo = -HUGE_VAL, hi = +HUGE_VAL for a free variable; lo == hi
** fixes it).  Changing data resets the solution to EQI_LP_UNSOLVED.
*/
eq_status eqi_lp_set_obj(eqi_lp *lp, int j, double c);
eq_status eqi_lp_set_col_bounds(eqi_lp *lp, int j, double lo, double hi);
eq_status eqi_lp_set_row_bounds(eqi_lp *lp, int i, double lo, double hi);

/* Mark column j integer (nonzero) or continuous (0).  An LP with an
** integer column is solved as a MIP (branch and cut, glp_intopt); its
** bounds must then be integers or infinite, checked at solve time.  A MIP
** has no duals, basis or ranges.  Fails with EQ_ERR_ARG. */
eq_status eqi_lp_set_col_integer(eqi_lp *lp, int j, int integer);

/*
** Append k matrix entries (row[t], col[t], val[t]); zeros are skipped.
** Entries accumulate over calls; a position given twice is an error
** reported by eqi_lp_solve().  Fails with EQ_ERR_ARG (NULL arrays with
** k > 0, k < 0, index out of range, value not finite, more than
** 500000000 entries) or EQ_ERR_NOMEM; nothing is appended then.
*/
eq_status eqi_lp_add_entries(eqi_lp *lp, int k, const int *row,
                             const int *col, const double *val);

/*
** Make room for nnz matrix entries in all, so that appending up to that
** many allocates nothing more (entries are otherwise stored in arrays that
** double as they fill).  Fails with EQ_ERR_ARG (more than 500000000) or
** EQ_ERR_NOMEM; the LP is unchanged then.
*/
eq_status eqi_lp_reserve(eqi_lp *lp, size_t nnz);

/*
** Append the non-zeros of a dense nr x nc block whose top-left corner is
** (row0, col0): entry (r, c) of the block is a[r * rs + c * cs].  So
** rs = nc, cs = 1 reads a row-major block, and rs = 1, cs = nr its
** transpose.  Fails as eqi_lp_add_entries does.
*/
eq_status eqi_lp_add_block(eqi_lp *lp, int row0, int col0, int nr, int nc,
                           const double *a, size_t rs, size_t cs);

/* Remove every matrix entry.  Never fails (NULL is a no-op). */
void eqi_lp_clear_matrix(eqi_lp *lp);

/*
** Warm start: the basis the simplex method starts from.  By default it is
** GLPK's standard basis (every row basic).  Once a status is set, solves
** start from the statuses given, rows not set being basic and columns not
** set non-basic; a non-basic status is adjusted to the variable's bounds
** (lower, upper, free or fixed), so EQI_LP_BS_LOWER serves for "non-basic".
** The final basis of one LP (eqi_lp_col_bstat ...) may start another of
** the same shape.  A basis that is invalid (not nrows basic variables,
** singular) falls back to the standard one; the presolver ignores it.
** Fails with EQ_ERR_ARG (index out of range, st not BASIC..FIXED) or
** EQ_ERR_NOMEM.
*/
eq_status eqi_lp_set_col_bstat(eqi_lp *lp, int j, eqi_lp_bstat st);
eq_status eqi_lp_set_row_bstat(eqi_lp *lp, int i, eqi_lp_bstat st);

/*
** Solve with GLPK: the simplex method for an LP, branch and cut for a MIP.
** parm may be NULL for the defaults.
** Returns EQ_OK when the solver reached a conclusion: the status is then
** OPTIMAL, INFEASIBLE, UNBOUNDED, or for a MIP also FEASIBLE (gap reached)
** or INF_OR_UNB.  Fails with EQ_ERR_ARG (bad parm; duplicate matrix
** entry; non-integer bound of an integer column), EQ_ERR_NOMEM (also when
** GLPK's own allocation fails, or the helper thread of a host that uses
** GLPK cannot start),
** EQ_ERR_LIMIT (iteration or time limit: status FAILED, or FEASIBLE for a
** MIP with an incumbent) or EQ_ERR_LP (GLPK failed, numerically or with
** an internal error: status FAILED).  Never prints, never aborts.
*/
eq_status eqi_lp_solve(eqi_lp *lp, const eqi_lp_parm *parm);

/* Results of the last solve.  Values are meaningful when the status is
** OPTIMAL or FEASIBLE; otherwise they hold the solver's last point (or 0).
** Out-of-range indices give 0.0 (NaN for duals of a MIP).  Never fail. */
eqi_lp_sol eqi_lp_status(const eqi_lp *lp);
const char *eqi_lp_sol_name(eqi_lp_sol s);
double eqi_lp_obj_value(const eqi_lp *lp);
int eqi_lp_iterations(const eqi_lp *lp);           /* simplex iterations */
double eqi_lp_col_value(const eqi_lp *lp, int j);   /* primal x_j */
double eqi_lp_row_value(const eqi_lp *lp, int i);   /* row activity */
double eqi_lp_row_dual(const eqi_lp *lp, int i);    /* shadow price */
double eqi_lp_col_dual(const eqi_lp *lp, int j);    /* reduced cost */
/* Borrowed arrays of all ncols (nrows) values; valid until the next solve
** or eqi_lp_free().  Never NULL for a valid lp. */
const double *eqi_lp_col_values(const eqi_lp *lp);
/* Into *viol, the largest amount by which the last solution
** (eqi_lp_col_values) violates a column bound or a row's bounds, its row
** activities recomputed from the matrix (not taken from GLPK): a check of
** what GLPK reports as optimal or feasible.  Returns EQ_OK, or
** EQ_ERR_NOMEM (and *viol HUGE_VAL). */
eq_status eqi_lp_max_violation(const eqi_lp *lp, double *viol);
const double *eqi_lp_row_duals(const eqi_lp *lp);

/* Basis status of a column or row after a simplex solve (EQI_LP_BS_NONE
** when there is none, or for an index out of range).  Never fail. */
eqi_lp_bstat eqi_lp_col_bstat(const eqi_lp *lp, int j);
eqi_lp_bstat eqi_lp_row_bstat(const eqi_lp *lp, int i);

/*
** Sensitivity ranges, available after an OPTIMAL LP solve with
** parm.ranging set (GLPK's glp_analyze_coef / glp_analyze_bound):
**   eqi_lp_cost_range: the interval [*lo, *hi] over which column j's
**     objective coefficient may vary with the basis staying optimal;
**   eqi_lp_bound_range: for a non-basic column (is_row 0) or row (is_row
**     1), the interval over which its active bound may vary with the basis
**     staying primal feasible, hence optimal.
** An unlimited end is -HUGE_VAL / +HUGE_VAL.  Fail with EQ_ERR_ARG (index
** out of range, NULL output, no ranges computed, or for
** eqi_lp_bound_range a basic variable, which has no active bound).
*/
eq_status eqi_lp_cost_range(const eqi_lp *lp, int j, double *lo, double *hi);
eq_status eqi_lp_bound_range(const eqi_lp *lp, int is_row, int k,
                             double *lo, double *hi);

#endif /* EQUILIB_LP_H */
