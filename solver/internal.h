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

#include "equilib.h"
#include "alloc.h"

#define EQI_ERRMAX 512

#if defined(__GNUC__)
#define EQI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define EQI_PRINTF(a, b)
#endif

/*
** Stopping long loops (guard.c): one guard per call, started from the
** options' eq_limits by eq_solve and eq_tree_solve and reached by the
** methods through their result (r->guard; NULL when the method is called
** by other means, and every function below takes NULL as "no limits").
** poll: 0 to go on, 1 to stop (after which it always answers 1).  pivot:
** counts one pivot against max_pivots, then polls.  vertices: n vertices
** found so far against max_vertices (no callback, no clock).  fail: the
** message "who: why" into err, returning EQ_ERR_STOPPED.  nest: limits
** for a solve nested in the guarded call, sharing its guard.  left: the
** seconds left before the time limit, or -1 for none.
*/
typedef struct eqi_ce_ws eqi_ce_ws;
typedef struct eqi_guard {
    eqi_ce_ws *cews;    /* the caller's correlated workspace, or NULL
                           (eqi_solve_ws; correlated.c) */
    eq_cancel_fn cancel;
    void *ud;
    double limit, deadline;       /* deadline 0: none */
    long long max_pivots, max_vertices, pivots;
    int stopped;
    unsigned long gmp_mark;       /* GMP's failure count at the start */
    char why[160];
} eqi_guard;

/* GMP's allocation failures under eq_gmp_contain (gmpmem.c): mark gives
** the process-wide count of failures; failed(mark), whether one happened
** since.  A call takes the mark where it begins and checks it where it
** ends (and eqi_guard_poll does, so long loops stop early); a failure
** means EQ_ERR_NOMEM, whatever the computation returned. */
unsigned long eqi_gmp_mark(void);
int eqi_gmp_failed(unsigned long mark);

double eqi_clock(void);
eq_status eqi_limits_check(const eq_limits *l, char *err);
eqi_guard *eqi_guard_start(eqi_guard *g, const eq_limits *l);
void eqi_guard_nest(eqi_guard *g, const eq_limits *outer, eq_limits *inner);
int eqi_guard_poll(eqi_guard *g);
int eqi_guard_pivot(eqi_guard *g);
int eqi_guard_vertices(eqi_guard *g, long long n);
double eqi_guard_left(const eqi_guard *g);
/* The guard of a nested call's limits (NULL: none). */
eqi_guard *eqi_guard_of(const eq_limits *l);
eq_status eqi_guard_fail(const eqi_guard *g, char *err, const char *who);

/*
** The correlated LP's workspace (correlated.c): its eqi_lp, kept with its
** capacity (eqi_lp_reset), and the solve's buffers (objective,
** distribution, marginals, certificate scratch, the matrix entries in
** chunks), each grown only when a larger game comes.  A call that carries
** one reuses it in every correlated LP it solves, so a handle's second
** solve of a game no larger than its first allocates none of these.
** GLPK's own memory is not kept: lp.c creates and frees GLPK's
** environment inside each solve (see "A good guest" in lp.h).  One
** workspace serves one call at a time: not two threads at once.
**   new: *out, EQ_OK or EQ_ERR_NOMEM.  free: NULL is a no-op.
**   eqi_solve_ws, eqi_tree_solve_ws: eq_solve and eq_tree_solve whose
**   correlated LPs use ws (NULL: each its own, as eq_solve does).  ws
**   rides on the call's guard (eqi_guard.cews), so the solves nested in a
**   tree solve -- every correlated stage of spe -- find it too; a call
**   nested in another's guard keeps the outer call's workspace.
*/
eq_status eqi_ce_ws_new(eqi_ce_ws **out);
void eqi_ce_ws_free(eqi_ce_ws *ws);
eq_status eqi_solve_ws(const eq_game *g, const eq_solve_opts *o, eqi_ce_ws *ws,
                       eq_result **out);
eq_status eqi_tree_solve_ws(const eq_tree *t, const eq_tree_opts *o, eqi_ce_ws *ws,
                            eq_tree_result **out);

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
    struct eqi_exact_pay *xp; /* exact payoffs (game.c; see
                                 eqi_game_exact_payoff in exact.h), NULL
                                 while every payoff is its double */
    char errmsg[EQI_ERRMAX];
};

/* One solve's outcome. */
struct eq_result {
    eq_method method;
    eq_solution sol;
    int n;
    int nact[EQ_MAX_PLAYERS];
    int tot;            /* sum of nact: length of one profile's strategies */
    int count;
    size_t cap;
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
    char **dist_x;      /* correlated with exact: equilibrium 0's nprof
                           probabilities as fractions, or NULL */
    char *value_x;      /* ... and the optimal objective, or NULL */
    int unique;         /* mip --unique: 1, 0; -1 not asked */
    /* LP sensitivity: rows with duals, and payoff ranges. */
    int nlprow, nlprange;
    size_t caplprow, caplprange;
    char **lprow_name;
    double *lprow_dual;
    char **lprange_name;
    double *lprange_val, *lprange_lo, *lprange_hi;
    eqi_guard *guard;   /* during eq_solve only: its limits; else NULL */
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

/*
** Containers (containers.c), one of each kind.
**
** Growing arrays.  eqi_grow makes the array whose pointer is at arrp
** (elements of sz bytes, capacity *cap elements) hold at least need
** elements, doubling the capacity from 8; arrays that grow together
** compute one capacity with eqi_grow_cap and eqi_resize each array to it.
** No array holds more than INT_MAX elements, so int indices stay valid.
** eqi_grow and eqi_resize return 0, or -1 for lack of memory or an
** overflow, the array and *cap then unchanged; eqi_grow_cap returns the
** new capacity (at least need), or 0 when need exceeds INT_MAX.
*/
int eqi_grow_more(void *arrp, size_t *cap, size_t need, size_t sz);
size_t eqi_grow_cap(size_t cap, size_t need);
/* Inline: most calls find room (a million-node build makes ~10 million),
** and only the others reach containers.c. */
static inline int eqi_grow(void *arrp, size_t *cap, size_t need, size_t sz)
{
    return need <= *cap ? 0 : eqi_grow_more(arrp, cap, need, sz);
}
int eqi_resize(void *arrp, size_t n, size_t sz);

/*
** A growing string.  Zero-initialise; s is NUL-terminated once anything
** was put.  fail is set once an allocation failed, and later puts do
** nothing; the caller checks it once at the end and frees s either way.
** eqi_sb_clear empties the string, keeping its memory.
*/
typedef struct eqi_sbuf {
    char *s;
    size_t n, cap;
    int fail;
} eqi_sbuf;

void eqi_sb_put(eqi_sbuf *b, const char *s, size_t k);
void eqi_sb_cat(eqi_sbuf *b, const char *s);
void eqi_sb_printf(eqi_sbuf *b, const char *fmt, ...) EQI_PRINTF(2, 3);
void eqi_sb_clear(eqi_sbuf *b);

/*
** A hash map from names (borrowed: they must outlive the map) or from
** 64-bit keys to non-negative ints, by open addressing; one map holds
** names or keys, not both.  Zero-initialise; free with eqi_map_free.  get
** returns the value, or -1 when absent; put stores a value under a name
** or key that is absent, returning 0, or -1 for lack of memory (or a
** negative value).
*/
typedef struct eqi_map {
    uint64_t *key;      /* the key, or the name's hash */
    const char **name;  /* the name, NULL for a key */
    int *val;           /* -1: an empty slot */
    size_t cap, count;  /* cap: 0 or a power of two */
} eqi_map;

int eqi_map_get(const eqi_map *m, const char *name);
int eqi_map_put(eqi_map *m, const char *name, int v);
int eqi_map_get_key(const eqi_map *m, uint64_t key);
int eqi_map_put_key(eqi_map *m, uint64_t key, int v);
void eqi_map_free(eqi_map *m);

/* The first name among s[0..n) equal to an earlier one: its index, -1
** when all differ, -2 for lack of memory.  Linear time on average (a
** hash map beyond a few names). */
int eqi_first_duplicate(const char *const *s, int n);
/* The maps' hash of a name (64-bit FNV-1a). */
uint64_t eqi_hash_str(const char *s);



/* Whether text is a plain integer of at most 15 digits (exact as a
** double), the common case in files; its value goes to *out.  Lets readers
** skip GMP for it. */
int eqi_small_int(const char *text, double *out);


/* Results. */
eq_result *eqi_result_new(const eq_game *g, eq_method m);
/* Append equilibrium: probs holds tot probabilities (players in order).
** Payoffs and the certificate are computed from g.  Returns the index or
** -1 on failure (message left on r). */
int eqi_result_add(eq_result *r, const eq_game *g, const double *probs);
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


/* The method table and every method's entry points. */
#include "methods.h"

#endif /* EQUILIB_INTERNAL_H */
