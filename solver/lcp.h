/*
** lcp.h -- a dense tableau for complementary pivoting, shared by
** Lemke-Howson on bimatrix games (lemke.c) and Lemke's algorithm on the
** sequence form of a tree (seqlemke.c): the tableau, its pivot and the
** lexicographic minimum-ratio test.  Internal; never installed.
**
** The tableau is a dictionary of rows basic variables over cols columns
** plus a right-hand side (the last column), row-major, in one of two
** forms:
**   full       every variable has its column (cols of them); a basic
**              variable's column is a unit vector;
**   condensed  (Tucker) the basic variables' columns are left out, as they
**              are unit vectors: column c holds the nonbasic variable
**              nb[c], and the entries of the full tableau's column of a
**              nonbasic variable.  That halves the work of a pivot.
** where[v] says where variable v is: in the full form its row when basic,
** -1 otherwise; in the condensed form its column c >= 0 when nonbasic,
** -1 - r when basic in row r.
**
** Degenerate problems tie in the ratio test.  The lexicographic rule
** perturbs the right-hand side by the columns of the starting basis B0
** (eps, eps^2, ...), so among tied rows the one whose entries in the
** current tableau's columns of B0's variables, divided by the pivot
** column, are lexicographically smallest leaves.  In exact arithmetic
** the leaving row is then unique and the path cannot cycle.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_LCP_H
#define EQUILIB_LCP_H

#include <stddef.h>

typedef struct eqi_lcp {
    double *t;         /* rows x w, row-major; the rhs is column w - 1 */
    size_t w;          /* cols + 1 */
    int rows, cols;
    int condensed;     /* 1: Tucker form; 0: full tableau */
    int *bas;          /* rows: the variable basic in each row (-1: none) */
    int *nb;           /* condensed: cols: the variable of each column */
    int *where;        /* per variable: see above */
    long long pivots;  /* pivots made */
} eqi_lcp;

/* Allocate a zeroed tableau of rows x cols (+ rhs) over nvar variables,
** where[] -1 and bas[] -1 throughout.  Returns 0, or -1 for lack of
** memory (free what was allocated with eqi_lcp_free). */
int eqi_lcp_alloc(eqi_lcp *T, int rows, int cols, int nvar, int condensed);
/* Free T's arrays.  A zeroed T is a no-op. */
void eqi_lcp_free(eqi_lcp *T);

/* The full tableau's entry of variable v in row r (its column, or the
** unit vector of a basic variable in the condensed form). */
double eqi_lcp_entry(const eqi_lcp *T, int r, int v);

/* Pivot on row pr and column pc (a variable in the full form, a column
** in the condensed form): the variable of pc becomes basic in row pr. */
void eqi_lcp_pivot(eqi_lcp *T, int pr, int pc);

/* How the ratio test chooses; fill every field. */
typedef struct eqi_lcp_rule {
    double piv_tol;    /* entries of the entering column above piv_tol times
                          its largest entry count as positive; smaller ones
                          are rounding noise */
    double tie_tol;    /* keys within tie_tol of the smallest tie (relative
                          to the key above 1) */
    int clamp_rhs;     /* a negative right-hand side counts as 0 */
    int free_lo, free_hi; /* variables in [free_lo, free_hi) are free: their
                          rows never take part */
    int prefer;        /* this variable leaves whenever its row ties (a
                          basis that ends the path); -1: none */
    const int *lex;    /* the variables of the starting basis whose columns */
    int nlex;          /* break ties, in order */
    int nfirst;        /* the first nfirst of lex are compared before
                          prefer is honoured: columns that are part of
                          the right-hand side itself (the symbolic
                          perturbation of seqlemke.c's --perfect), not
                          mere tie-breakers; 0 for plain lexicographic
                          pivoting */
    int *cand;         /* scratch, rows ints */
    double *key;       /* scratch, rows doubles */
} eqi_lcp_rule;

/* The leaving row when the variable of column col enters (col as for
** eqi_lcp_pivot): the lexicographic minimum ratio over the rows with a
** positive entry.  Of rows still tied by rounding, the largest pivot, the
** stablest, wins.  -1 when no entry is positive (a ray). */
int eqi_lcp_ratio(const eqi_lcp *T, int col, eqi_lcp_rule *R);

#endif /* EQUILIB_LCP_H */
