/*
** lemke.c -- the Lemke-Howson method for two-player strategic-form
** (bimatrix) games.
**
** Reference: B. von Stengel, "Computing equilibria for two-person games",
** Handbook of Game Theory vol. 3 (2002), ch. 45, sections 3.2-3.4 and 6;
** R. Savani and B. von Stengel, "Hard-to-solve bimatrix games",
** Econometrica 74 (2006).
**
** With payoffs A, B (m x n) made positive, the best-response polytopes are
**
**     P = { x in R^m : x >= 0, B^T x <= 1 }      (player 1's side)
**     Q = { y in R^n : A y <= 1, y >= 0 }        (player 2's side)
**
** A point carries label i (0 <= i < m) when x_i = 0 in P, or (A y)_i = 1
** in Q (row i is a best reply to y); label m+j when (B^T x)_j = 1 in P
** (column j is a best reply to x), or y_j = 0 in Q.  A pair (x, y) other
** than (0, 0) that carries every label is a Nash equilibrium, after
** scaling x and y to probability vectors.
**
** Each polytope is a dictionary in slack form, one tableau per polytope:
**
**     P:  B^T x + s = 1    n rows; x_i has label i, s_j has label m+j
**     Q:  A y + r = 1      m rows; r_i has label i, y_j has label m+j
**
** so every column of either tableau is indexed by its variable's label.
** Starting from the artificial equilibrium (0, 0) -- all slacks basic --
** the missing label k is dropped by letting its variable enter; the
** variable that leaves carries a label that is now duplicate, so its
** twin in the other tableau enters next; the path ends when the variable
** with label k leaves.  Pivots thus alternate between P and Q, which is
** why the two tableaux are kept apart: each pivot touches only one, and
** never a block of zeros.  Each is kept in condensed form (lcp.h),
** n x (m+1) for P and m x (n+1) for Q.
**
** Degenerate games have ties in the minimum-ratio test.  They are broken
** by the lexicographic rule (von Stengel, section 6): the right-hand side
** 1 is perturbed to 1 + (eps, eps^2, ...), which amounts to comparing,
** after the ratio rhs_r / a_r, the rows of the current inverse basis
** divided by a_r.  The inverse basis is the block of columns that held
** the identity at the start (the slacks' columns).  Its rows are never
** equal, so the leaving row is unique and the path cannot cycle.
**
** Payoffs are mapped affinely to [1, 2], each player separately.  A
** positive affine map changes no player's best replies, so it leaves the
** equilibria and the whole path alone, and makes every tolerance below
** independent of the scale of the payoffs.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"
#include "lcp.h"

/* Equilibria closer than this, coordinate by coordinate, are one. */
#define LH_SAME_TOL 1e-7

/*
** Tolerances of the pivoting rule, for the system scaled to payoffs in
** [1, 2], whose entries stay of order 1 to 100 along a path.
**
** LH_PIV_TOL: an entry of the entering column counts as positive only
** above this fraction of the column's largest entry; smaller ones are
** rounding noise, and pivoting on them would blow the tableau up.
**
** LH_TIE_TOL: two keys of the ratio test tie when they differ by less
** than this (relative to the larger of 1 and the key).  It must exceed
** the rounding error of a genuine tie, about 1e-13 after many pivots, or
** degenerate games stop following the lexicographic rule (1e-13 already
** fails on some); and it must stay far below the gaps between distinct
** ratios, or a near-tie is broken the wrong way, a basic variable turns
** negative and the path can wander onto a cycle of the Lemke-Howson graph
** and never end (1e-9 does that on random 200 x 200 games).  Checked
** against exact rational Lemke-Howson, pivot for pivot, on degenerate
** integer games.
*/
#define LH_PIV_TOL 1e-9
#define LH_TIE_TOL 1e-11

/*
** Each polytope's dictionary is a condensed (Tucker) tableau of lcp.h
** whose variables are the labels: row r reads
**
**     z_bas[r] + sum_c t[r][c] z_nb[c] = t[r][cols],
**
** with the basic variables left out, as their columns are unit vectors.
** The slacks (labels m.. in P, 0.. in Q) are basic in row order at the
** start: their columns form B^{-1}, whose rows break ties (lexp, lexq).
*/
typedef struct lh_state {
    const eq_game *g;
    int m, n;
    eqi_lcp p, q;
    int *lexp, *lexq;   /* the slacks of P and of Q, in row order */
    double lo[2], inv[2];   /* payoff v of player k maps to 1+(v-lo)*inv */
    int *cand;          /* rows still tied in the ratio test */
    double *key;        /* their keys */
    uint64_t hash;      /* of the current pair of bases, see basis_hash */
    long long pivots;   /* pivots of the last path */
} lh_state;

/* The scaled payoff of player k at (i, j): in [1, 2], so positive. */
static double scaled(const lh_state *s, int k, int i, int j)
{
    double v = s->g->pay[k][(size_t)i * (size_t)s->n + (size_t)j];
    return 1.0 + (v - s->lo[k]) * s->inv[k];
}

/* Reset both dictionaries to the artificial equilibrium (0, 0): every
** slack basic at value 1. */
static void lh_reset(lh_state *s)
{
    int m = s->m, n = s->n;
    eqi_lcp *P = &s->p, *Q = &s->q;

    /* P: s_j + sum_i B_ij x_i = 1, x_i nonbasic in column i. */
    for (int j = 0; j < n; j++) {
        double *row = P->t + (size_t)j * P->w;
        for (int i = 0; i < m; i++)
            row[i] = scaled(s, 1, i, j);
        row[m] = 1.0;
        P->bas[j] = m + j;
        P->where[m + j] = -1 - j;
    }
    for (int i = 0; i < m; i++) {
        P->nb[i] = i;
        P->where[i] = i;
    }
    /* Q: r_i + sum_j A_ij y_j = 1, y_j nonbasic in column j. */
    for (int i = 0; i < m; i++) {
        double *row = Q->t + (size_t)i * Q->w;
        for (int j = 0; j < n; j++)
            row[j] = scaled(s, 0, i, j);
        row[n] = 1.0;
        Q->bas[i] = i;
        Q->where[i] = -1 - i;
    }
    for (int j = 0; j < n; j++) {
        Q->nb[j] = m + j;
        Q->where[m + j] = j;
    }
}

/*
** The leaving row when the variable in column col enters T: the
** lexicographic minimum of (rhs_r, B^{-1}_{r,.}) / a_r over the rows with
** a_r > 0 (lcp.h), B^{-1} being the slacks' columns.  Returns -1 if no
** entry of the column is positive: the polytope would be unbounded in
** that direction, impossible for positive payoffs but for rounding.
*/
static int lexmin_row(const lh_state *s, const eqi_lcp *T, int col)
{
    eqi_lcp_rule R;
    R.piv_tol = LH_PIV_TOL;
    R.tie_tol = LH_TIE_TOL;
    R.clamp_rhs = 0;
    R.free_lo = R.free_hi = 0;
    R.prefer = -1;
    R.lex = T == &s->p ? s->lexp : s->lexq;
    R.nlex = T->rows;
    R.nfirst = 0;
    R.cand = s->cand;
    R.key = s->key;
    return eqi_lcp_ratio(T, col, &R);
}

/*
** A pseudo-random 64-bit key for label l basic in tableau side (0 = P,
** 1 = Q): the splitmix64 finaliser of (l, side).  The hash of a pair of
** bases is the XOR of the keys of its basic labels (Zobrist hashing), so
** it does not depend on the order of the rows and a pivot updates it by
** two XORs.
*/
static uint64_t label_key(int l, int side)
{
    uint64_t z = ((uint64_t)l * 2u + (uint64_t)side + 1u) *
                 UINT64_C(0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static uint64_t basis_hash(const lh_state *s)
{
    uint64_t h = 0;
    for (int r = 0; r < s->p.rows; r++)
        h ^= label_key(s->p.bas[r], 0);
    for (int r = 0; r < s->q.rows; r++)
        h ^= label_key(s->q.bas[r], 1);
    return h;
}

/*
** Follow the path of missing label k from (0, 0) to its end, an
** equilibrium.  Returns EQ_OK, or an error left on r.
**
** In exact arithmetic the lexicographic rule never revisits a basis, but
** a rounding error can carry the path onto a cycle of the Lemke-Howson
** graph.  Brent's cycle detection (a saved state, moved at powers of two)
** notices a repeated pair of bases in O(1) memory, long before the cap on
** pivots when the cycle is short.
*/
static eq_status lh_path(lh_state *s, int k, long long cap, eq_result *r)
{
    eqi_lcp *T = (k < s->m) ? &s->p : &s->q;   /* x_k or y_{k-m} enters */
    int enter = k, saved_enter = -1;
    uint64_t saved = 0;
    long long power = 1, lam = 0;

    lh_reset(s);
    s->hash = basis_hash(s);
    for (s->pivots = 0;;) {
        int row, col = T->where[enter], leave;
        if (++s->pivots > cap)
            return eqi_error(r->errmsg, EQ_ERR_LIMIT,
                             "lemke: more than %lld pivots from label %d; "
                             "the path is too long", cap, k);
        if (s->hash == saved && enter == saved_enter)
            return eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                             "lemke: the path from label %d cycles after "
                             "%lld pivots (rounding error)", k, s->pivots);
        if (++lam == power) {
            saved = s->hash;
            saved_enter = enter;
            power *= 2;
            lam = 0;
        }
        if (col < 0)        /* the twin of a leaving label is nonbasic */
            return eqi_error(r->errmsg, EQ_ERR_INTERNAL,
                             "lemke: entering label %d is basic", enter);
        row = lexmin_row(s, T, col);
        if (row < 0)
            return eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                             "lemke: unbounded ray after %lld pivots from "
                             "label %d (rounding error)", s->pivots, k);
        leave = T->bas[row];
        if (eqi_guard_pivot(r->guard))
            return eqi_guard_fail(r->guard, r->errmsg, "lemke");
        s->hash ^= label_key(enter, T == &s->q) ^ label_key(leave, T == &s->q);
        eqi_lcp_pivot(T, row, col);
        if (leave == k)
            return EQ_OK;     /* label k is back: completely labelled */
        /* leave's label is now duplicate: its twin in the other
        ** polytope drops it by entering. */
        enter = leave;
        T = (T == &s->p) ? &s->q : &s->p;
    }
}

/* Scale v (k entries) to a probability vector, zeroing entries below tol
** (roundoff around 0, including tiny negatives).  Returns -1 if nothing
** positive is left. */
static int to_probs(double *v, int k, double tol)
{
    double sum = 0.0;
    for (int i = 0; i < k; i++)
        sum += (v[i] > 0.0) ? v[i] : 0.0;
    if (!(sum > 0.0) || !isfinite(sum))
        return -1;
    for (int i = 0; i < k; i++)
        v[i] = (v[i] / sum >= tol) ? v[i] / sum : 0.0;
    sum = 0.0;
    for (int i = 0; i < k; i++)
        sum += v[i];
    if (!(sum > 0.0))
        return -1;
    for (int i = 0; i < k; i++)
        v[i] /= sum;
    return 0;
}

/* The equilibrium at the end of a path: x from the basic x_i of P, y from
** the basic y_j of Q, each normalised. */
static int lh_read(const lh_state *s, double *probs, double tol)
{
    int m = s->m, n = s->n;
    const eqi_lcp *P = &s->p, *Q = &s->q;

    memset(probs, 0, (size_t)(m + n) * sizeof *probs);
    for (int row = 0; row < n; row++)
        if (P->bas[row] < m)
            probs[P->bas[row]] = P->t[(size_t)row * P->w + P->w - 1];
    for (int row = 0; row < m; row++)
        if (Q->bas[row] >= m)
            probs[Q->bas[row]] = Q->t[(size_t)row * Q->w + Q->w - 1];
    if (to_probs(probs, m, tol) != 0 || to_probs(probs + m, n, tol) != 0)
        return -1;
    return 0;
}

/*
** One player's strategy, exactly, from the final basis of its tableau.
** For x (own = 0, from P): the basic x_i form the support S, the nonbasic
** slacks s_j the set T of player 2's best replies, and |S| = |T| because
** P has n rows.  x makes player 2 indifferent on T:
**
**     sum_{i in S} B_ij x_i - v = 0   (j in T),     sum_{i in S} x_i = 1,
**
** a square system in (x_S, v), nonsingular because the basis is (it is
** the basis matrix of B^T x + s = 1 up to the positive affine map of the
** payoffs).  For y (own = 1, from Q) the roles of the players swap and A
** replaces B.  This form uses the game's own exact payoffs, not the
** scaled doubles.  out: the own player's nact rationals.
** Returns 0, -1 (no memory) or -2 (singular or inconsistent basis).
*/
static int exact_side(const lh_state *s, int own, const int *basic,
                      mpq_t *out)
{
    int m = s->m, n = s->n;
    int nown = own ? n : m, nopp = own ? m : n;
    int base_own = own ? m : 0, base_opp = own ? 0 : m;
    int *S, *T, ks = 0, kt = 0, rc = 0;
    size_t K;
    mpq_t *M = NULL, *rhs = NULL, *z = NULL;

    S = malloc((size_t)(nown + nopp) * sizeof *S);
    if (S == NULL)
        return -1;
    T = S + nown;
    for (int a = 0; a < nown; a++)
        if (basic[base_own + a])
            S[ks++] = a;
    for (int b = 0; b < nopp; b++)
        if (!basic[base_opp + b])
            T[kt++] = b;
    if (ks != kt || ks == 0) {
        free(S);
        return -2;
    }
    K = (size_t)ks + 1;
    M = eqi_mpq_alloc(K * K);
    rhs = eqi_mpq_alloc(K);
    z = eqi_mpq_alloc(K);
    if (M == NULL || rhs == NULL || z == NULL) {
        rc = -1;
        goto done;
    }
    for (int t = 0; t < kt; t++) {
        for (int c = 0; c < ks; c++) {
            /* x: payoff of player 2 at (S[c], T[t]); y: of player 1 at
            ** (T[t], S[c]). */
            size_t idx = own ? (size_t)T[t] * (size_t)n + (size_t)S[c]
                             : (size_t)S[c] * (size_t)n + (size_t)T[t];
            eqi_game_exact_payoff(s->g, own ? 0 : 1, idx,
                                  M[(size_t)t * K + (size_t)c]);
        }
        mpq_set_si(M[(size_t)t * K + (size_t)ks], -1, 1);
    }
    for (int c = 0; c < ks; c++)
        mpq_set_ui(M[(size_t)ks * K + (size_t)c], 1, 1);
    mpq_set_ui(rhs[ks], 1, 1);
    if (eqi_exact_solve((int)K, M, rhs, z) != 0) {
        rc = -2;
        goto done;
    }
    for (int a = 0; a < nown; a++)
        mpq_set_ui(out[a], 0, 1);
    for (int c = 0; c < ks; c++)
        mpq_set(out[S[c]], z[c]);
done:
    eqi_mpq_free(M, K * K);
    eqi_mpq_free(rhs, K);
    eqi_mpq_free(z, K);
    free(S);
    return rc;
}

/* Recompute the equilibrium at the end of the path exactly, check it (a
** probability vector each, exact max regret 0) and store it. */
static eq_status lh_add_exact(const lh_state *s, eq_result *r, int label)
{
    int m = s->m, n = s->n, rc;
    int *basic;
    mpq_t *xy;
    mpq_t reg, p1, p2;
    eq_status st = EQ_OK;

    basic = calloc((size_t)(m + n), sizeof *basic);
    xy = eqi_mpq_alloc((size_t)(m + n));
    if (basic == NULL || xy == NULL) {
        free(basic);
        eqi_mpq_free(xy, (size_t)(m + n));
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    /* x from P's basis, then y from Q's: basic[] marks the labels whose
    ** variable is basic in the tableau at hand. */
    for (int row = 0; row < n; row++)
        basic[s->p.bas[row]] = 1;
    rc = exact_side(s, 0, basic, xy);
    if (rc == 0) {
        memset(basic, 0, (size_t)(m + n) * sizeof *basic);
        for (int row = 0; row < m; row++)
            basic[s->q.bas[row]] = 1;
        rc = exact_side(s, 1, basic, xy + m);
    }
    free(basic);
    if (rc == -1) {
        eqi_mpq_free(xy, (size_t)(m + n));
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    mpq_inits(reg, p1, p2, NULL);
    if (rc == 0)
        for (int a = 0; a < m + n && rc == 0; a++)
            if (mpq_sgn(xy[a]) < 0)
                rc = -2;
    if (rc == 0 && eqi_exact_regret2(s->g, xy, xy + m, reg, p1, p2) != 0)
        rc = -1;
    if (rc == -1)
        st = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    else if (rc == -2 || mpq_sgn(reg) != 0)
        st = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                       "lemke: exact check failed: the basis reached from "
                       "label %d is not an exact equilibrium (rounding "
                       "misled the floating-point path)", label);
    else if (eqi_result_add_exact(r, s->g, xy, xy + m) < 0)
        st = EQ_ERR_NOMEM;
    mpq_clears(reg, p1, p2, NULL);
    eqi_mpq_free(xy, (size_t)(m + n));
    return st;
}

/*
** The double-precision answer, checked: max regret at most max(tol, 1e-7)
** of the payoffs' range.  A badly scaled game (payoffs of 1 and 1e6 in one
** matrix) can end the floating-point path at the right basis with
** inaccurate values; the strategies are then recomputed from the basis in
** exact arithmetic (as --exact does) and rounded.  Returns EQ_OK with
** probs polished if need be, or EQ_ERR_NUMERIC / EQ_ERR_NOMEM.
*/
static eq_status lh_checked(const lh_state *s, const eq_solve_opts *o,
                            double *probs, eq_result *r, int label)
{
    const eq_game *g = s->g;
    const double *prof[2] = { probs, probs + s->m };
    double reg = 0.0, range = 0.0;
    eq_result *ex;
    eq_status st;

    for (int p = 0; p < 2; p++) {
        double lo = g->pay[p][0], hi = lo;
        for (size_t i = 1; i < g->nprof; i++) {
            lo = fmin(lo, g->pay[p][i]);
            hi = fmax(hi, g->pay[p][i]);
        }
        range = fmax(range, hi - lo);
    }
    st = eq_game_regret(g, prof, &reg, NULL);
    if (st == EQ_OK && reg <= fmax(o->tol, 1e-7) * range)
        return EQ_OK;
    if (st == EQ_ERR_NOMEM)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    if ((ex = eqi_result_new(g, EQ_METHOD_LEMKE)) == NULL)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    st = lh_add_exact(s, ex, label);
    if (st == EQ_OK)
        for (int p = 0, k = 0; p < 2; p++)
            for (int a = 0; a < g->nact[p]; a++)
                probs[k++] = eq_result_strategy(ex, 0, p)[a];
    else
        eqi_error(r->errmsg, st, "%s", ex->errmsg);
    eq_result_free(ex);
    return st;
}

/* lo and 1/(hi-lo) of player k's payoffs; a constant player maps to 1. */
static void payoff_range(const eq_game *g, int k, double *lo, double *inv)
{
    double a = g->pay[k][0], b = a;
    for (size_t i = 1; i < g->nprof; i++) {
        a = fmin(a, g->pay[k][i]);
        b = fmax(b, g->pay[k][i]);
    }
    *lo = a;
    *inv = (b > a) ? 1.0 / (b - a) : 0.0;
}

/* The end of the path from label k, in the result: read, skipped when
** already found, else checked (exactly with --exact) and added. */
static eq_status lh_take(lh_state *s, const eq_solve_opts *o, eq_result *r, int k,
                         double *probs)
{
    if (o->log != NULL) {
        char msg[96];
        snprintf(msg, sizeof msg, "lemke: label %d: %lld pivots", k, s->pivots);
        o->log(o->log_ud, 0, msg);
    }
    if (lh_read(s, probs, o->tol) != 0)
        return eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                         "lemke: the path from label %d ended at a "
                         "zero strategy (rounding error)", k);
    if (eqi_result_has(r, probs, LH_SAME_TOL))
        return EQ_OK;
    if (o->exact)
        return lh_add_exact(s, r, k);
    {
        eq_status cs = lh_checked(s, o, probs, r, k);
        if (cs != EQ_OK)
            return cs;
    }
    if (eqi_result_add(r, s->g, probs) < 0)
        return EQ_ERR_NOMEM;
    return EQ_OK;
}

/*
** From one label, the path is followed to its end (or the cap).  From
** every label, path lengths vary wildly -- on random 200 x 200 games a
** few labels need tens of thousands of pivots while most need a few
** hundred -- so the labels are tried in rounds with a pivot budget that
** starts at (m + n) / 4 and doubles each round, and a path cut short is
** taken up again, from the start, in a later round.  The first equilibria
** thus come from the shortest paths: on random 200 x 200 games a first
** equilibrium takes a median of about 9 ms this way, against 0.3 s from
** label 0 alone.
*/
static eq_status lh_rounds(lh_state *s, const eq_solve_opts *o, eq_result *r, int first,
                           int last, long long cap, double *probs)
{
    int m = s->m, n = s->n;
    long long budget = (first == last) ? cap : (long long)(m + n) / 4 + 1;
    int remaining = last - first + 1, skipped = 0;
    char *finished = calloc((size_t)(m + n), 1);
    eq_status st = EQ_OK;
    if (finished == NULL)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    while (remaining > 0) {
        for (int k = first; k <= last && remaining > 0; k++) {
            if (finished[k])
                continue;
            if (o->max_equilibria > 0 && r->count >= o->max_equilibria) {
                r->sol = EQ_SOL_PARTIAL;   /* labels remain unexplored */
                remaining = 0;
                break;
            }
            st = lh_path(s, k, budget, r);
            if (st == EQ_ERR_LIMIT && budget < cap) {
                st = EQ_OK;                /* again, with more budget */
                continue;
            }
            finished[k] = 1;
            remaining--;
            if (st == EQ_ERR_LIMIT && first != last) {
                skipped++;                 /* gave up on this label */
                st = EQ_OK;
                continue;
            }
            if (st != EQ_OK || (st = lh_take(s, o, r, k, probs)) != EQ_OK)
                break;
        }
        if (st != EQ_OK)
            break;
        budget = (budget > cap / 2) ? cap : 2 * budget;
    }
    free(finished);
    if (st == EQ_OK && r->count == 0 && skipped > 0)
        st = eqi_error(r->errmsg, EQ_ERR_LIMIT,
                       "lemke: every path exceeded %lld pivots", cap);
    else if (st == EQ_OK)
        r->errmsg[0] = '\0';
    return st;
}

eq_status eqi_solve_lemke(const eq_game *g, const eq_solve_opts *o,
                          eq_result *r)
{
    lh_state s;
    int m = g->nact[0], n = g->nact[1];
    int first, last, ok;
    double *probs = NULL;
    long long cap;
    eq_status st = EQ_OK;

    if (o->lemke_label < -1 || o->lemke_label >= m + n)
        return eqi_error(r->errmsg, EQ_ERR_ARG,
                         "lemke: starting label %d out of range 0..%d "
                         "(or -1 for all labels)", o->lemke_label, m + n - 1);
    first = (o->lemke_label < 0) ? 0 : o->lemke_label;
    last = (o->lemke_label < 0) ? m + n - 1 : o->lemke_label;
    /* Paths are short on most games, but their length has a heavy tail on
    ** random ones (on 200 x 200 games with payoffs in 0..99 a few labels
    ** in a hundred need more than 500000 pivots) and grows exponentially
    ** on Savani-von Stengel games; the cap only guarantees an end, after
    ** some seconds at worst. */
    cap = 1000LL * (m + n) + 100000LL;

    memset(&s, 0, sizeof s);
    s.g = g;
    s.m = m;
    s.n = n;
    payoff_range(g, 0, &s.lo[0], &s.inv[0]);
    payoff_range(g, 1, &s.lo[1], &s.inv[1]);
    /* P: n rows over x (nonbasic at first), slacks s_j are labels m..;
    ** Q: m rows over y, slacks r_i are labels 0.. */
    /* rows * (cols+1) <= (m+n)^2 / 2 + m + n, far from overflowing: each
    ** of m, n is at most EQ_MAX_PROFILES. */
    ok = eqi_lcp_alloc(&s.p, n, m, m + n, 1) == 0;
    ok = (eqi_lcp_alloc(&s.q, m, n, m + n, 1) == 0) && ok;
    s.lexp = malloc((size_t)(m + n) * sizeof *s.lexp);
    s.lexq = malloc((size_t)(m + n) * sizeof *s.lexq);
    s.cand = malloc((size_t)(m + n) * sizeof *s.cand);
    s.key = malloc((size_t)(m + n) * sizeof *s.key);
    probs = malloc((size_t)(m + n) * sizeof *probs);
    if (!ok || !s.lexp || !s.lexq || !s.cand || !s.key || !probs) {
        st = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int j = 0; j < n; j++)
        s.lexp[j] = m + j;
    for (int i = 0; i < m; i++)
        s.lexq[i] = i;

    st = lh_rounds(&s, o, r, first, last, cap, probs);
done:
    eqi_lcp_free(&s.p);
    eqi_lcp_free(&s.q);
    free(s.lexp);
    free(s.lexq);
    free(s.cand);
    free(s.key);
    free(probs);
    return st;
}
