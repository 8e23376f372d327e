/*
** seqlemke.c -- a two-player tree solved on its sequence form by Lemke's
** algorithm, in the form of von Stengel, van den Elzen and Talman (2002),
** on the pivoting tableau of lcp.h: one equilibrium, traced from the
** centroid; with --perfect (eq_tree_opts.perfect) a quasi-perfect one,
** with beliefs, under the symbolic perturbation of Miltersen and Sorensen
** (2010).
**
** Reference: B. von Stengel, A. van den Elzen and D. Talman, "Computing
** normal form perfect equilibria for extensive two-person games",
** Econometrica 70 (2002) 693-715.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beliefs.h"
#include "seqform.h"
#include "lcp.h"

/* ------------------------------------------------------------------ */
/* Lemke's algorithm on the sequence-form LCP                           */
/* ------------------------------------------------------------------ */

/*
** The LCP of von Stengel, van den Elzen and Talman (2002), section 4,
** which follows the linear tracing procedure from a prior (xb, yb), a
** pair of realization plans -- here the centroid, every action uniform.
** With A, B the (scaled) sequence-form payoffs, unknowns x, y >= 0, u, v
** free and z0 >= 0:
**
**     w_x = E^T u - A y - (A yb) z0  >= 0,   x ⊥ w_x
**     w_y = F^T v - B^T x - (B^T xb) z0 >= 0,  y ⊥ w_y
**     E x + e z0 = e,    F y + f z0 = f.
**
** For z0 < 1, x / (1 - z0) and y / (1 - z0) are realization plans, and
** player 1's is a best reply to y + yb z0 = (1 - z0) (y / (1 - z0)) + z0 yb
** -- a mixture of player 2's plan and the prior, itself a plan -- because
** (x, u) meets the optimality conditions of player 1's best-reply LP
** max x^T A y' s.t. E x = e, x >= 0 (dual min e^T u s.t. E^T u >= A y');
** and likewise for player 2.  At z0 = 0 each plays a best reply to the
** other: a Nash equilibrium.  Because E x = e is kept as an equation and u
** is free, no sign of the payoffs is needed, unlike the LCP of Koller,
** Megiddo and von Stengel with u >= 0 and E x >= e (which needs negative
** payoffs and admits spurious solutions with E x != e); the payoffs are
** nevertheless mapped to [1, 2] (scaled_payoffs) for the tolerances.
**
** The path starts at z0 = 1, x = y = 0.  Its basis: z0, all of u and v
** (free variables stay basic throughout and never take part in the ratio
** test), x at the non-empty sequences of a pure best reply S of player 1
** to yb (one action at every set, backward induction), y at all the
** sequences of a pure best reply T of player 2 to xb, and the slacks w_x
** off S and w_y off T.  That is one variable short of complementary: x_0
** and w_0 are both non-basic, so x_0 enters first, driving z0 down.  The
** basis matrix is block triangular with unit triangular blocks (E and F
** restricted to S and T), hence non-singular.  Each step lets enter the
** complement of the variable that left; the path ends when z0 leaves, and
** when z0 ties for leaving it is chosen, which ends the path at once.
** Since x, y and z0 stay bounded (E x + e z0 = e), and a direction that
** changed only u and v would have E^T du >= 0 with e^T du = 0 -- so
** E^T du = 0 for every realization plan's support, i.e. du = 0 -- the path
** has no ray while z0 < 1.
**
** At z0 = 1, though, x = y = 0 and any u with E^T u >= A yb will do: that
** face has other rays (u_0 growing), and a path that comes back to it may
** leave on one.  It comes back only through best replies to the prior that
** tie with S or T, which a centroid prior makes common (equal payoffs in
** two branches suffice).  So the prior's payoffs per sequence, the
** covering vector's entries A yb and B^T xb, get a small generic
** perturbation (SL_JITTER times fractional parts of irrational multiples),
** which makes S and T the unique best replies and the first step a real
** one.  It touches only the coefficients of z0, so the end at z0 = 0 is an
** exact equilibrium of the game itself; it merely picks the path (the
** linear tracing procedure of a prior whose payoffs are slightly off).
** Should a path still end on a ray, another perturbation is tried.
**
** Remaining degeneracy (ties in the ratio test; the start has x = y = 0
** basic) is broken lexicographically: the right-hand side is perturbed by
** B0 (eps, eps^2, ...), B0 the starting basis, so the starting rows are
** lexicographically positive, and ties are broken by comparing the rows of
** the current tableau's columns of B0's sign-constrained variables,
** divided by the pivot column (as in lemke.c; the columns of u and v are
** unit vectors in rows that never compete).  The tableau is dense and kept
** in full (basic columns included), in double precision.
*/
typedef struct sl_state {
    int n1, n2, k1, k2;
    int X0, Y0, WX0, WY0, U0, V0, Z;   /* first column of each block */
    int neps;          /* --perfect: the right-hand side's degree in eps;
                          its coefficient of eps^d is column Z + d, a
                          "variable" that never enters; 0 otherwise */
    eqi_lcp T;         /* full tableau: variable c is column c */
    int *lex;          /* the sign-constrained columns of the start basis */
    int nlex;
    int *cand;         /* rows still tied in the ratio test */
    double *key;
    double tol;
    /* The path's start: the prior's payoffs per sequence a = A yb and
    ** b = B^T xb (perturbed), and best replies to it. */
    double *a, *b;
    int *basis;        /* the starting basis, rows variables */
} sl_state;

/* The complement of column c (x_i <-> w_x i, y_j <-> w_y j). */
static int sl_complement(const sl_state *s, int c)
{
    if (c < s->Y0) return s->WX0 + (c - s->X0);
    if (c < s->WX0) return s->WY0 + (c - s->Y0);
    if (c < s->WY0) return s->X0 + (c - s->WX0);
    return s->Y0 + (c - s->WY0);
}

/* The leaving row when column col enters: the lexicographic minimum
** ratio over the rows of sign-constrained basic variables (u and v are
** free), z0 leaving whenever it ties -- the basis is then complementary,
** a solution, whatever the perturbation would have chosen.  -1 if there
** is none (a ray). */
static int sl_ratio(sl_state *s, int col)
{
    eqi_lcp_rule R;
    R.piv_tol = s->tol;
    R.tie_tol = s->tol;
    R.clamp_rhs = 1;
    R.free_lo = s->U0;
    R.free_hi = s->Z;
    R.prefer = s->Z;
    R.lex = s->lex;
    R.nlex = s->nlex;
    R.nfirst = s->neps;   /* eps terms first, before z0 may leave */
    R.cand = s->cand;
    R.key = s->key;
    return eqi_lcp_ratio(&s->T, col, &R);
}

/* The raw system [M | rhs] of the LCP (see above), with A, B scaled and
** a = A yb, b = B^T xb. */
static void sl_fill(sl_state *s, const eqi_seqform *sf, const double *A,
                    const double *B)
{
    int n1 = s->n1, n2 = s->n2;
    size_t w = s->T.w, rhs = w - 1;

    for (int i = 0; i < n1; i++) {          /* w_x - E^T u + A y + a z0 = 0 */
        double *row = s->T.t + (size_t)i * w;
        row[s->WX0 + i] = 1.0;
        for (int h = 0; h < s->k1; h++)
            row[s->U0 + h] = -sf->E[(size_t)h * (size_t)n1 + (size_t)i];
        for (int j = 0; j < n2; j++)
            row[s->Y0 + j] = A[(size_t)i * (size_t)n2 + (size_t)j];
        row[s->Z] = s->a[i];
    }
    for (int j = 0; j < n2; j++) {          /* w_y - F^T v + B^T x + b z0 = 0 */
        double *row = s->T.t + (size_t)(n1 + j) * w;
        row[s->WY0 + j] = 1.0;
        for (int g = 0; g < s->k2; g++)
            row[s->V0 + g] = -sf->F[(size_t)g * (size_t)n2 + (size_t)j];
        for (int i = 0; i < n1; i++)
            row[s->X0 + i] = B[(size_t)i * (size_t)n2 + (size_t)j];
        row[s->Z] = s->b[j];
    }
    for (int h = 0; h < s->k1; h++) {       /* E x + e z0 = e */
        double *row = s->T.t + (size_t)(n1 + n2 + h) * w;
        for (int i = 0; i < n1; i++)
            row[s->X0 + i] = sf->E[(size_t)h * (size_t)n1 + (size_t)i];
        row[s->Z] = row[rhs] = h == 0 ? 1.0 : 0.0;
    }
    for (int g = 0; g < s->k2; g++) {       /* F y + f z0 = f */
        double *row = s->T.t + (size_t)(n1 + n2 + s->k1 + g) * w;
        for (int j = 0; j < n2; j++)
            row[s->Y0 + j] = sf->F[(size_t)g * (size_t)n2 + (size_t)j];
        row[s->Z] = row[rhs] = g == 0 ? 1.0 : 0.0;
    }
}

/*
** Bring the starting basis (columns basis[0 .. rows-1]) into canonical
** form by Gauss-Jordan elimination with partial pivoting: each column
** takes the free row where its entry is largest.  Returns 0, or -1 if the
** basis is numerically singular.
*/
static int sl_canonical(sl_state *s, const int *basis)
{
    eqi_lcp *T = &s->T;
    for (int q = 0; q < T->rows; q++) {
        int c = basis[q], best = -1;
        double big = 0.0;
        for (int r = 0; r < T->rows; r++) {
            double v = fabs(T->t[(size_t)r * T->w + (size_t)c]);
            if (T->bas[r] < 0 && v > big) {
                big = v;
                best = r;
            }
        }
        if (best < 0 || big < 1e-9)
            return -1;
        eqi_lcp_pivot(T, best, c);
    }
    return 0;
}

/* Size of the perturbation of the prior's payoffs (payoffs span [1, 2]). */
#define SL_JITTER 1e-3

/* A deterministic number in [0, 1) for sequence i of player p: the
** fractional part of a combination of irrational numbers, so that sums of
** different sequences' values do not tie.  Another attempt, others. */
static double jitter(int p, int i, int attempt)
{
    double v = (double)(i + 1) * 0.6180339887498949 +
               (double)p * 0.7320508075688772 +
               (double)attempt * 0.4142135623730950;
    return v - floor(v);
}

static void sl_free(sl_state *s)
{
    eqi_lcp_free(&s->T);
    free(s->lex);
    free(s->cand);
    free(s->key);
    free(s->a);
    free(s->b);
    free(s->basis);
}

/* Lay the tableau out for sf and allocate everything.  Errors to err. */
static eq_status sl_init(sl_state *s, const eqi_seqform *sf, double tol, int neps,
                         char *err)
{
    int n1 = sf->n[0], n2 = sf->n[1], k1 = sf->k[0], k2 = sf->k[1], rows, cols;

    memset(s, 0, sizeof *s);
    s->n1 = n1; s->n2 = n2; s->k1 = k1; s->k2 = k2;
    s->X0 = 0;
    s->Y0 = n1;
    s->WX0 = n1 + n2;
    s->WY0 = 2 * n1 + n2;
    s->U0 = 2 * (n1 + n2);
    s->V0 = s->U0 + k1;
    s->Z = s->V0 + k2;
    s->neps = neps;
    s->tol = tol;
    rows = n1 + n2 + k1 + k2;
    cols = s->Z + 1 + neps;
    if (!eqi_seqform_dense_ok(rows, cols + 1))
        return eqi_error(err, EQ_ERR_LIMIT,
                         "lemke: the sequence-form tableau (%d x %d) is too "
                         "large", rows, cols + 1);
    s->lex = malloc(((size_t)rows + (size_t)neps) * sizeof *s->lex);
    s->cand = malloc((size_t)rows * sizeof *s->cand);
    s->key = malloc((size_t)rows * sizeof *s->key);
    s->basis = malloc((size_t)rows * sizeof *s->basis);
    s->a = calloc((size_t)n1, sizeof *s->a);
    s->b = calloc((size_t)n2, sizeof *s->b);
    if (eqi_lcp_alloc(&s->T, rows, cols, cols, 0) != 0 || !s->lex || !s->cand ||
        !s->key || !s->basis || !s->a || !s->b)
        return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    return EQ_OK;
}

/* The prior, the centroid, uniform at every set: a = A yb and b = B^T xb
** are what each player earns per sequence against it, perturbed to break
** every tie among best replies (see above).  Returns 0 or -1. */
static int sl_prior(sl_state *s, const eqi_seqform *sf, const eq_tree *t,
                    const double *A, const double *B, int attempt)
{
    int n1 = s->n1, n2 = s->n2;
    double *beh = eqi_seqform_zalloc((size_t)sf->tot, sizeof *beh);
    double *xb = malloc((size_t)n1 * sizeof *xb);
    double *yb = malloc((size_t)n2 * sizeof *yb);
    if (beh == NULL || xb == NULL || yb == NULL) {
        free(beh);
        free(xb);
        free(yb);
        return -1;
    }
    for (int h = 0; h < t->niset; h++)
        for (int k = 0; k < t->iset[h].nact; k++)
            beh[sf->boff[h] + k] = 1.0 / (double)t->iset[h].nact;
    eqi_seqform_realize(sf, t, 0, beh, xb);
    eqi_seqform_realize(sf, t, 1, beh, yb);
    for (int i = 0; i < n1; i++)
        for (int j = 0; j < n2; j++) {
            size_t ij = (size_t)i * (size_t)n2 + (size_t)j;
            s->a[i] += A[ij] * yb[j];
            s->b[j] += B[ij] * xb[i];
        }
    for (int i = 0; i < n1; i++)
        s->a[i] += SL_JITTER * jitter(0, i, attempt);
    for (int j = 0; j < n2; j++)
        s->b[j] += SL_JITTER * jitter(1, j, attempt);
    free(beh);
    free(xb);
    free(yb);
    return 0;
}

/*
** The starting basis: z0, x at the non-empty sequences of the pure best
** reply S to yb, y at the sequences of T, the best reply to xb, the slacks
** off S and T -- the sign-constrained ones, which break ties -- then u and
** v.  Into s->basis, s->lex and s->nlex.  Returns 0 or -1 (no memory).
*/
static int sl_start(sl_state *s, const eqi_seqform *sf, const eq_tree *t)
{
    int n1 = s->n1, n2 = s->n2, nb = 0, *basis = s->basis;
    int *choice = eqi_seqform_zalloc((size_t)t->niset, sizeof *choice);
    double *work = malloc((size_t)(n1 > n2 ? n1 : n2) * sizeof *work);
    char *inS = calloc((size_t)n1, 1), *inT = calloc((size_t)n2, 1);
    int rc = -1;

    if (choice == NULL || work == NULL || inS == NULL || inT == NULL)
        goto done;
    eqi_seqform_best_value(sf, t, 0, s->a, choice, work);
    eqi_seqform_best_value(sf, t, 1, s->b, choice, work);
    inS[0] = inT[0] = 1;
    for (int h = 0; h < t->niset; h++) {
        if (t->iset[h].player == 0)
            inS[sf->first[h] + choice[h]] = 1;
        else
            inT[sf->first[h] + choice[h]] = 1;
    }
    basis[nb++] = s->Z;
    for (int i = 1; i < n1; i++)           /* x_0 stays out: it enters */
        if (inS[i])
            basis[nb++] = s->X0 + i;
    for (int j = 0; j < n2; j++)
        if (inT[j])
            basis[nb++] = s->Y0 + j;
    for (int i = 0; i < n1; i++)
        if (!inS[i])
            basis[nb++] = s->WX0 + i;
    for (int j = 0; j < n2; j++)
        if (!inT[j])
            basis[nb++] = s->WY0 + j;
    /* The ties: first the eps terms of --perfect, which are part of the
    ** right-hand side, then the sign-constrained starting columns. */
    for (int d = 0; d < s->neps; d++)
        s->lex[d] = s->Z + 1 + d;
    s->nlex = s->neps + nb;
    memcpy(s->lex + s->neps, basis, (size_t)nb * sizeof *basis);
    for (int h = 0; h < s->k1; h++)
        basis[nb++] = s->U0 + h;
    for (int g = 0; g < s->k2; g++)
        basis[nb++] = s->V0 + g;
    rc = nb == s->T.rows ? 0 : -2;
done:
    free(choice);
    free(work);
    free(inS);
    free(inT);
    return rc;
}

/* Follow the path from the canonical start until z0 leaves. */
static eq_status sl_follow(sl_state *s, eqi_guard *G, char *err)
{
    eqi_lcp *T = &s->T;
    /* Paths are short on most trees; the cap only guarantees an end. */
    long long cap = 200LL * (long long)T->rows + 10000LL;
    T->pivots = 0;
    for (int enter = s->X0;;) {
        int row, leave;
        if (T->pivots >= cap)
            return eqi_error(err, EQ_ERR_LIMIT, "lemke: more than %lld pivots on the "
                             "sequence-form LCP; the path is too long", cap);
        if (T->where[enter] >= 0)
            return eqi_error(err, EQ_ERR_INTERNAL,
                             "lemke: the entering variable %d is basic", enter);
        row = sl_ratio(s, enter);
        if (row < 0)
            return eqi_error(err, EQ_ERR_NUMERIC, "lemke: the path ended on a ray after "
                             "%lld pivots (rounding error)", T->pivots);
        leave = T->bas[row];
        if (eqi_guard_pivot(G))
            return eqi_guard_fail(G, err, "lemke");
        eqi_lcp_pivot(T, row, enter);
        if (leave == s->Z)
            return EQ_OK;                   /* z0 = 0: an equilibrium */
        enter = sl_complement(s, leave);
    }
}

/*
** --perfect: the lower bounds x_s >= eps^(len(s) + 1) of every sequence s
** of either player, len(s) being the number of the player's own moves in
** s (0 for the empty sequence), and the solution as polynomials in eps
** (see "The symbolic perturbation" below).
*/
typedef struct sl_perturb {
    int D;             /* the largest power: 1 + the longest sequence */
    int *len[2];       /* n[p]: len(s) of each sequence of player p */
    double *xp, *yp;   /* OUT: n[0] and n[1] polynomials of D + 1
                          coefficients each, the plans x(eps), y(eps) */
} sl_perturb;

/* The right-hand side's eps terms: with x = x' + l_x and y = y' + l_y,
** each row of the LCP in x', y' gains - (its coefficient of x) . l_x -
** (its coefficient of y) . l_y, a polynomial in eps whose coefficient of
** eps^d goes to column Z + d.  The rows are sl_fill's, which writes the
** x and y coefficients into columns X0 + i and Y0 + j. */
static void sl_fill_eps(sl_state *s, const sl_perturb *pe)
{
    eqi_lcp *T = &s->T;
    for (int r = 0; r < T->rows; r++) {
        double *row = T->t + (size_t)r * T->w;
        for (int i = 0; i < s->n1; i++)
            row[s->Z + pe->len[0][i] + 1] -= row[s->X0 + i];
        for (int j = 0; j < s->n2; j++)
            row[s->Z + pe->len[1][j] + 1] -= row[s->Y0 + j];
    }
}

/*
** Run Lemke's algorithm on sf with the scaled payoffs A, B.  On success x
** and y hold the equilibrium's plans.  pe: NULL, or the symbolic
** perturbation of --perfect, whose polynomials are then filled too.
** Errors are left on err.
*/
static eq_status sl_run(const eqi_seqform *sf, const eq_tree *t,
                        const double *A, const double *B, double tol,
                        int attempt, const sl_perturb *pe, double *x, double *y,
                        long long *npiv, eqi_guard *G, char *err)
{
    sl_state s;
    eqi_lcp *T = &s.T;
    eq_status st;
    int rc = 0;

    if ((st = sl_init(&s, sf, tol, pe != NULL ? pe->D : 0, err)) != EQ_OK)
        goto done;
    if (sl_prior(&s, sf, t, A, B, attempt) != 0 || (rc = sl_start(&s, sf, t)) == -1) {
        st = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    sl_fill(&s, sf, A, B);
    if (pe != NULL)
        sl_fill_eps(&s, pe);
    if (rc != 0 || sl_canonical(&s, s.basis) != 0) {
        st = eqi_error(err, EQ_ERR_INTERNAL, "lemke: the starting basis of the "
                       "sequence-form LCP is singular");
        goto done;
    }
    /* Its values are z0 = 1, x = y = 0 and the slacks of best replies,
    ** all >= 0 but for rounding. */
    for (int r = 0; r < T->rows; r++) {
        double *v = T->t + (size_t)r * T->w + (T->w - 1);
        if (T->bas[r] >= s.U0 && T->bas[r] < s.Z)
            continue;
        if (*v < -1e3 * tol) {
            st = eqi_error(err, EQ_ERR_INTERNAL,
                           "lemke: the starting basis is infeasible (%g)", *v);
            goto done;
        }
        if (*v < 0.0)
            *v = 0.0;
        /* --perfect: a value 0 needs a positive first eps term. */
        for (int d = 1; d <= s.neps && *v <= 1e3 * tol; d++) {
            double c = T->t[(size_t)r * T->w + (size_t)(s.Z + d)];
            if (c > 1e3 * tol)
                break;
            if (c < -1e3 * tol) {
                st = eqi_error(err, EQ_ERR_INTERNAL,
                               "lemke --perfect: the perturbed starting basis is "
                               "infeasible (eps^%d term %g)", d, c);
                goto done;
            }
        }
    }
    if ((st = sl_follow(&s, G, err)) != EQ_OK)
        goto done;
    *npiv = T->pivots;
    for (int i = 0; i < s.n1; i++) {
        int r = T->where[s.X0 + i];
        x[i] = r >= 0 ? T->t[(size_t)r * T->w + (T->w - 1)] : 0.0;
    }
    for (int j = 0; j < s.n2; j++) {
        int r = T->where[s.Y0 + j];
        y[j] = r >= 0 ? T->t[(size_t)r * T->w + (T->w - 1)] : 0.0;
    }
    if (pe != NULL) {
        /* x(eps) = x'(eps) + l_x(eps): the basic values' coefficients, plus
        ** the lower bounds. */
        for (int p = 0; p < 2; p++) {
            int np = p == 0 ? s.n1 : s.n2, c0 = p == 0 ? s.X0 : s.Y0;
            double *poly = p == 0 ? pe->xp : pe->yp;
            for (int i = 0; i < np; i++) {
                double *c = poly + (size_t)i * (size_t)(pe->D + 1);
                int r = T->where[c0 + i];
                for (int d = 0; d <= pe->D; d++)
                    c[d] = r < 0 ? 0.0
                         : d == 0 ? T->t[(size_t)r * T->w + (T->w - 1)]
                         : T->t[(size_t)r * T->w + (size_t)(s.Z + d)];
                c[pe->len[p][i] + 1] += 1.0;
            }
        }
    }
done:
    sl_free(&s);
    return st;
}

/* Paths tried, each with another perturbation of the prior's payoffs. */
#define SL_ATTEMPTS 3

/*
** THE SYMBOLIC PERTURBATION (--perfect).  Miltersen and Sorensen
** ("Computing a quasi-perfect equilibrium of a two-player game", Economic
** Theory 42, 2010) perturb the sequence form by lower bounds on the
** realization plans whose size shrinks with the sequence's length, and
** show that limits of equilibria of the perturbed game as eps -> 0 are
** quasi-perfect (van Damme 1984): every player's behaviour at every set,
** reached or not, is a best reply to the others' trembles, ignoring the
** player's own later trembles.  Such an equilibrium is sequential and
** normal-form perfect.  We hold every sequence s of either player at
** x_s >= l_s = eps^(len(s) + 1), len(s) the player's own moves in s --
** the empty sequence too, at eps, which lets the path above start as
** before: substituting x = x' + l_x, y = y' + l_y in the LCP leaves every
** matrix alone and adds a polynomial in eps to the right-hand side
** (sl_fill_eps):
**     w_x = E^T u - A y' - a z0 - A l_y,   E x' + e z0 = e - E l_x,
** and likewise for y, with x' complementary to w_x.  Since E x = (1 - z0)
** e, x / (1 - z0) is a plan held above l_x / (1 - z0), a best reply among
** such plans to y + yb z0 (a mixture of plans, completely mixed); at z0 = 0
** the pair is an equilibrium of the perturbed game.  The start is as
** before, z0 = 1 - eps, x' on the best reply S carrying the slack of each
** set's bounds, l_parent - sum_a l_(h, a) = eps^(d + 1) - k eps^(d + 2) > 0
** for small eps (d = len(parent)), so every starting value is
** lexicographically non-negative.  eps stays symbolic: the right-hand
** side is kept as one tableau column per power, compared in order in the
** ratio test before z0 may leave (eqi_lcp_rule.nfirst), so one path
** serves every small enough eps, and the plans at its end are polynomials
** x(eps), y(eps).  The limit behaviour at set h is the ratio of the
** lowest-order coefficients of x_(h, a)(eps) and x_parent(h)(eps) --
** determined at sets the limit never reaches, too -- and the belief at
** node v is the limit of chance(v) x_s1(v)(eps) y_s2(v)(eps) normalised
** over v's set, s1(v), s2(v) being the players' last sequences before v:
** Bayes' rule of the completely mixed perturbed profiles, hence
** consistent.  Every coefficient is an entry of the tableau, O(1) after
** the payoffs are mapped to [1, 2]; one below SL_COEF_ZERO counts as 0.
*/
#define SL_COEF_ZERO 1e-9

/* The lowest power at which one of the k polynomials (stride D + 1; NULL
** entries skipped) has a coefficient above SL_COEF_ZERO in absolute
** value; -1 if none. */
static int lowest_order(const double *const *poly, int k, int D)
{
    for (int d = 0; d <= D; d++)
        for (int i = 0; i < k; i++)
            if (poly[i] != NULL && fabs(poly[i][d]) > SL_COEF_ZERO)
                return d;
    return -1;
}

/* Each node's chance weight and the players' last sequences before it
** (0, the empty sequence, if none), parents before children. */
static int node_sequences(const eqi_seqform *sf, const eq_tree *t, double *chance,
                          int *s1, int *s2)
{
    int *stack = malloc((size_t)t->nnode * sizeof *stack), sp = 0;
    if (stack == NULL)
        return -1;
    chance[0] = 1.0;
    s1[0] = s2[0] = 0;
    stack[sp++] = 0;
    while (sp > 0) {
        int u = stack[--sp];
        const eqi_node *x = &t->node[u];
        for (int a = 0; a < x->nchild; a++) {
            int v = x->child0 + a;
            chance[v] = chance[u];
            s1[v] = s1[u];
            s2[v] = s2[u];
            if (x->kind == EQ_NODE_CHANCE)
                chance[v] *= t->probs[x->prob0 + a];
            else if (x->player == 0)
                s1[v] = sf->first[x->infoset] + a;
            else
                s2[v] = sf->first[x->infoset] + a;
            stack[sp++] = v;
        }
    }
    free(stack);
    return 0;
}

/* Behaviour and beliefs in the limit of the plans' polynomials (above),
** appended to r with the assessment's certificate.  The assessment is
** certified before it is appended, so a failure (EQ_ERR_NUMERIC: another
** attempt follows) leaves r as it was. */
static eq_status add_perfect(const eqi_seqform *sf, const eq_tree *t,
                             const sl_perturb *pe, eq_tree_result *r)
{
    static const char who[] = "lemke --perfect";
    int D = pe->D, W = D + 1, W2 = 2 * D + 1, nn = t->nnode, k, maxm = 1;
    double *beh = eqi_seqform_zalloc((size_t)sf->tot, sizeof *beh);
    double *chance = malloc((size_t)nn * sizeof *chance);
    double *bel = malloc((size_t)nn * sizeof *bel);
    int *s1 = malloc((size_t)nn * sizeof *s1), *s2 = malloc((size_t)nn * sizeof *s2);
    double *prod = NULL, *mu = NULL, sr = 0.0, bg = 0.0;
    const double **pp = NULL, **behp = NULL;
    eq_status s = EQ_OK;

    for (int h = 0; h < t->niset; h++)
        if (t->iset[h].nmem > maxm)
            maxm = t->iset[h].nmem;
    prod = malloc((size_t)maxm * (size_t)W2 * sizeof *prod);
    mu = malloc((size_t)maxm * sizeof *mu);
    pp = malloc(((size_t)maxm + 1) * sizeof *pp);
    behp = malloc(((size_t)t->niset + 1) * sizeof *behp);
    if (!beh || !chance || !bel || !s1 || !s2 || !prod || !mu || !pp || !behp ||
        node_sequences(sf, t, chance, s1, s2) != 0) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* Behaviour: lowest-order ratios at every set. */
    for (int h = 0; h < t->niset; h++) {
        int p = t->iset[h].player, m = t->iset[h].nact, d;
        const double *poly = p == 0 ? pe->xp : pe->yp;
        double *b = beh + sf->boff[h], sum = 0.0;
        pp[0] = poly + (size_t)sf->parent[h] * (size_t)W;
        d = lowest_order(pp, 1, D);
        for (int a = 0; a < m; a++) {
            const double *c = poly + (size_t)(sf->first[h] + a) * (size_t)W;
            b[a] = d >= 0 && c[d] > 0.0 ? c[d] : 0.0;
            sum += b[a];
        }
        if (!(sum > 0.0)) {
            s = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                          "%s: no limit behaviour at information set %d (rounding "
                          "error)", who, h);
            goto done;
        }
        for (int a = 0; a < m; a++)
            b[a] /= sum;
        behp[h] = b;
    }
    /* Beliefs: the limit of chance x y over each set. */
    for (int v = 0; v < nn; v++)
        bel[v] = -1.0;
    for (int h = 0; h < t->niset; h++) {
        const eqi_infoset *I = &t->iset[h];
        double sum = 0.0;
        int d;
        for (int i = 0; i < I->nmem; i++) {
            int v = I->members[i];
            const double *xv = pe->xp + (size_t)s1[v] * (size_t)W;
            const double *yv = pe->yp + (size_t)s2[v] * (size_t)W;
            double *q = prod + (size_t)i * (size_t)W2;
            for (int e = 0; e < W2; e++)
                q[e] = 0.0;
            for (int e = 0; e < W; e++)
                for (int f = 0; f < W; f++)
                    q[e + f] += xv[e] * yv[f];
            pp[i] = chance[v] > 0.0 ? q : NULL;
        }
        d = lowest_order(pp, I->nmem, 2 * D);
        for (int i = 0; i < I->nmem; i++) {
            const double *q = pp[i];
            mu[i] = d >= 0 && q != NULL && q[d] > 0.0 ? chance[I->members[i]] * q[d] : 0.0;
            sum += mu[i];
        }
        for (int i = 0; i < I->nmem; i++)
            bel[I->members[i]] = sum > 0.0 ? mu[i] / sum : 1.0 / (double)I->nmem;
    }
    /* The certificate first: a limit that is not sequential is rounding
    ** error, never reported. */
    if ((s = eq_tree_assessment_regret(t, behp, bel, &sr, &bg)) != EQ_OK) {
        s = eqi_error(r->errmsg, s == EQ_ERR_NOMEM ? s : EQ_ERR_NUMERIC,
                      "%s: %s", who, s == EQ_ERR_NOMEM ? "out of memory"
                      : "the limit is not an assessment (rounding error)");
        goto done;
    }
    if (!(sr <= eqi_seqform_regret_bound(t) && bg <= 1e-6)) {
        s = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                      "%s: the limit found is not a sequential equilibrium to rounding "
                      "(gain %g at some information set, Bayes gap %g): rounding error",
                      who, sr, bg);
        goto done;
    }
    if ((s = eqi_seqform_add_behaviour(sf, t, beh, r, who)) != EQ_OK)
        goto done;
    k = r->count - 1;
    for (int h = 0; h < t->niset; h++) {
        const eqi_infoset *I = &t->iset[h];
        for (int i = 0; i < I->nmem; i++)
            mu[i] = bel[I->members[i]];
        if (eqi_result_set_belief(r, t, k, h, mu) != 0) {
            s = EQ_ERR_NOMEM;
            goto done;
        }
    }
    s = eqi_result_certify(r, t, k);
done:
    free(beh);
    free(chance);
    free(bel);
    free(s1);
    free(s2);
    free(prod);
    free(mu);
    free(pp);
    free(behp);
    return s;
}

/* The sequence lengths pe->len[p] and the largest power of eps, pe->D =
** 1 + the longest; the polynomials' room.  0 or -1 (no memory; the
** caller frees with perturb_free). */
static int perturb_init(sl_perturb *pe, const eqi_seqform *sf, const eq_tree *t)
{
    pe->D = 1;
    for (int p = 0; p < 2; p++) {
        pe->len[p] = eqi_seqform_zalloc((size_t)sf->n[p], sizeof *pe->len[p]);
        if (pe->len[p] == NULL)
            return -1;
        for (int i = 0; i < sf->k[p] - 1; i++) {
            int h = sf->order[p][i];
            for (int a = 0; a < t->iset[h].nact; a++) {
                int l = pe->len[p][sf->parent[h]] + 1;
                pe->len[p][sf->first[h] + a] = l;
                if (l + 1 > pe->D)
                    pe->D = l + 1;
            }
        }
    }
    pe->xp = malloc((size_t)sf->n[0] * ((size_t)pe->D + 1) * sizeof *pe->xp);
    pe->yp = malloc((size_t)sf->n[1] * ((size_t)pe->D + 1) * sizeof *pe->yp);
    return pe->xp != NULL && pe->yp != NULL ? 0 : -1;
}

static void perturb_free(sl_perturb *pe)
{
    free(pe->len[0]);
    free(pe->len[1]);
    free(pe->xp);
    free(pe->yp);
}

eq_status eqi_tree_solve_seq_lemke(const eq_tree *t, const eq_tree_opts *o,
                                   eq_tree_result *r)
{
    static const char who[] = "lemke";
    eqi_seqform *sf = NULL;
    double *A = NULL, *B = NULL, *x = NULL, *y = NULL;
    long long npiv = 0;
    sl_perturb pe;
    int perfect = o != NULL && o->perfect;
    eq_status s;

    memset(&pe, 0, sizeof pe);
    if (t == NULL || r == NULL)
        return EQ_ERR_ARG;
    if ((s = eqi_seqform_check(t, o, r, who)) != EQ_OK)
        return s;
    if ((s = eqi_seqform_new(t, &sf, r->errmsg)) != EQ_OK)
        return s;
    A = eqi_seqform_scaled(sf, t, 0);
    B = eqi_seqform_scaled(sf, t, 1);
    x = malloc((size_t)sf->n[0] * sizeof *x);
    y = malloc((size_t)sf->n[1] * sizeof *y);
    if (A == NULL || B == NULL || x == NULL || y == NULL) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (perfect && perturb_init(&pe, sf, t) != 0) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* A ray or a bad end can only come from rounding or a coincidence
    ** among the perturbations; another perturbation takes another path. */
    for (int attempt = 0; attempt < SL_ATTEMPTS; attempt++) {
        s = sl_run(sf, t, A, B, eqi_seqform_tol(o), attempt, perfect ? &pe : NULL, x, y,
                   &npiv, eqi_guard_of(o->limits), r->errmsg);
        if (s == EQ_OK)
            s = perfect ? add_perfect(sf, t, &pe, r) : eqi_seqform_add_plans(sf, t, x, y, r, who);
        if (s != EQ_ERR_NUMERIC)
            break;
    }
    if (s == EQ_OK) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "lemke: sequence-form LCP with %d + %d sequences, %lld pivots",
                 sf->n[0], sf->n[1], npiv);
        eqi_seqform_say(o, msg);
        snprintf(r->selection, sizeof r->selection, perfect
                 ? "one quasi-perfect equilibrium, by Lemke's algorithm on the "
                   "sequence form with a symbolic perturbation (Miltersen and "
                   "Sorensen 2010)"
                 : "one equilibrium, by Lemke's algorithm on the sequence form "
                   "(traced from the centroid)");
    }
done:
    perturb_free(&pe);
    free(A);
    free(B);
    free(x);
    free(y);
    eqi_seqform_free(sf);
    return s;
}

