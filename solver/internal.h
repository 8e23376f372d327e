/*
** internal.h -- definitions shared by the library's modules, never
** installed.  Internal names shared between files use the eqi_ prefix.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_INTERNAL_H
#define EQUILIB_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include "equilib.h"

#define EQI_ERRMAX 512

#if defined(__GNUC__)
#define EQI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define EQI_PRINTF(a, b)
#endif

/* A strategic-form game.  See "Payoff layout" in equilib.h. */
struct eq_game {
    int n;              /* players */
    int *nact;          /* n action counts */
    size_t nprof;       /* product of nact */
    size_t *stride;     /* stride[p]: index step of player p's action */
    char *title;
    char **pname;       /* n player names */
    char ***aname;      /* aname[p][a] */
    double **pay;       /* pay[p]: nprof doubles */
    /* Exact payoffs, allocated only when some payoff was given as text.
    ** exact[p][i] is authoritative while pay[p][i] still equals
    ** exact_at[p][i], the double it was rounded to; otherwise the double
    ** itself is the exact value.  So writing a double never leaves a stale
    ** rational behind. */
    mpq_t **exact;
    double **exact_at;
    char errmsg[EQI_ERRMAX];
};

/* One solve's outcome. */
struct eq_result {
    eq_method method;
    eq_solution sol;
    int n;
    int nact[EQ_MAX_PLAYERS];
    int tot;            /* sum of nact: length of one profile's strategies */
    int count, cap;
    double *prob;       /* count x tot */
    double *pay;        /* count x n */
    double *regret;     /* count */
    int exact;
    char **prob_x;      /* count x tot strings when exact */
    char **pay_x;       /* count x n */
    char **regret_x;    /* count */
    double value;
    double *dist;       /* correlated: ndist x nprof joint distributions */
    int ndist;
    size_t nprof;
    int unique;         /* mip --unique: 1, 0; -1 not asked */
    /* LP sensitivity: rows with duals, and payoff ranges. */
    int nlprow, nlprange, caplprow, caplprange;
    char **lprow_name;
    double *lprow_dual;
    char **lprange_name;
    double *lprange_val, *lprange_lo, *lprange_hi;
    char errmsg[EQI_ERRMAX];
};

/* Error messages: every error a module raises passes through here, so a
** single breakpoint catches them all. */
eq_status eqi_error(char *buf, eq_status s, const char *fmt, ...)
    EQI_PRINTF(3, 4);
eq_status eqi_verror(char *buf, eq_status s, const char *fmt, va_list ap);

/* Duplicate a string; NULL on failure. */
char *eqi_strdup(const char *s);

/* Overflow-checked multiplication of sizes: 0 on overflow. */
int eqi_mul_size(size_t a, size_t b, size_t *out);

/* Grow the array *arrp (elements of sz bytes, capacity *cap) to hold need
** elements, doubling from 8.  arrp points to the array pointer.  Returns
** 0, or -1 for lack of memory or an int overflow, *arrp and *cap then
** unchanged. */
int eqi_grow(void *arrp, int *cap, int need, size_t sz);

/* The exact payoff of player p at flat index i into out (initialised). */
void eqi_game_exact_payoff(const eq_game *g, int p, size_t i, mpq_t out);
/* Whether any payoff of g carries a rational that is not its double. */
int eqi_game_has_exact(const eq_game *g);

/* Parse a decimal or rational number ("-3", "2.5", "1/3", "1e-3") into q.
** Returns 0 on success, -1 on malformed text, -2 on a zero denominator. */
int eqi_parse_rational(const char *text, mpq_t q);

/* Whether text is a plain integer of at most 15 digits (exact as a
** double), the common case in files; its value goes to *out.  Lets readers
** skip GMP for it. */
int eqi_small_int(const char *text, double *out);

/* Render q as "p/q" or "p"; caller frees with free(). NULL on failure. */
char *eqi_rational_str(const mpq_t q);

/* Results. */
eq_result *eqi_result_new(const eq_game *g, eq_method m);
/* Append equilibrium: probs holds tot probabilities (players in order).
** Payoffs and the certificate are computed from g.  Returns the index or
** -1 on failure (message left on r). */
int eqi_result_add(eq_result *r, const eq_game *g, const double *probs);
/* Append an exact equilibrium of a two-player game: x (m) and y (n)
** rationals; payoffs and the exact certificate are computed in rational
** arithmetic from g's exact payoffs.  Returns index or -1. */
int eqi_result_add_exact(eq_result *r, const eq_game *g, mpq_t *x, mpq_t *y);
/* Attach a joint distribution (r->nprof doubles, copied) to equilibrium
** k.  Returns 0 or -1 for lack of memory. */
int eqi_result_set_distribution(eq_result *r, int k, const double *dist);
/* Append one LP row (name copied) with its dual, or one payoff range.
** Return 0 or -1 for lack of memory. */
int eqi_result_add_lprow(eq_result *r, const char *name, double dual);
int eqi_result_add_lprange(eq_result *r, const char *name, double value,
                           double lo, double hi);

/* Whether any of count rows of width doubles (row-major) matches v to tol
** in every entry. */
int eqi_rows_have(const double *rows, int count, int width, const double *v,
                  double tol);
/* Whether probs (tot doubles) matches an equilibrium already in r to tol. */
int eqi_result_has(const eq_result *r, const double *probs, double tol);

/* Exact linear algebra (exact.c).
** Solve the k x k system M z = rhs in rationals, M row-major.  Returns 0
** on success, -1 if M is singular. z must hold k initialised mpq_t. */
int eqi_exact_solve(int k, mpq_t *M, mpq_t *rhs, mpq_t *z);

/* Two-player exact helpers: the m x n matrices A and B of g's exact
** payoffs, as newly initialised mpq arrays (free with eqi_mpq_free). */
mpq_t *eqi_mpq_alloc(size_t k);
void eqi_mpq_free(mpq_t *v, size_t k);

/* Exact best-response check of (x, y) in a bimatrix game: fills the exact
** max regret into reg (initialised).  Returns 0, or -1 on no memory. */
int eqi_exact_regret2(const eq_game *g, mpq_t *x, mpq_t *y, mpq_t reg,
                      mpq_t pay1, mpq_t pay2);

/* The method table and every method's entry points. */
#include "methods.h"

#endif /* EQUILIB_INTERNAL_H */
