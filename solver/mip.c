/*
** mip.c -- optimal Nash equilibria of two-player games by mixed-integer
** linear programming (Sandholm, Gilpin and Conitzer, "Mixed-integer
** programming methods for finding Nash equilibria", AAAI 2005,
** formulation 1), on GLPK's branch and cut through lp.c.
**
** The method has four steps:
**
**   1. Map each player's payoffs affinely into [0, 1].  A positive affine
**      map of one player's payoffs changes no equilibrium, and it makes
**      the big-M constants below at most 1 and the MILP equally well
**      scaled whatever the payoffs' magnitude.
**   2. Solve the MILP (below) for an optimal equilibrium.  Its binaries
**      give a "pattern": for each action, whether it may be played (and
**      is then a best response) or may not (and may then be worse).
**   3. Polish: with the pattern fixed, what is left is a pair of small LPs
**      (one per player's strategy, see side_lp), solved again by the
**      simplex method at the caller's tolerance.  This removes the MILP's
**      integrality and feasibility tolerances (1e-5 and 1e-7 in GLPK) from
**      the answer, and its optimal bases give, in exact mode, a square
**      system solved in rationals and certified by the exact regret.
**   3b. In exact mode on small games, decide the optimum in rationals by
**      enumerating the extreme equilibria exactly (see eqi_mip_exact_optimum):
**      GLPK's doubles cannot see a gap of 1e-24 of the payoffs' range.
**      A larger game whose payoffs the doubles cannot resolve is refused.
**   4. On request, decide whether the equilibrium is unique (see
**      find_second).
**
** What the caller gets: equilibrium 0 is the optimal one and r->value its
** objective value in the game's own units (the welfare, the player's
** expected payoff, or the probability); in exact mode the exact value
** rounded to double.  With o->unique, r->unique is 1 when no other
** equilibrium exists, else 0 and equilibrium 1 is another one (not kept
** when o->max_equilibria is 1: the solution is then EQ_SOL_PARTIAL).
** GLPK decides in floating point, so "unique" is proved to its
** tolerances; the equilibria themselves are certified as usual.
**
** Why the optimum over all equilibria is attained at an extreme
** equilibrium, and why fixing the pattern loses nothing: for a fixed
** pattern the feasible (x, y) form a product X x Y of polytopes, every
** point of which is an equilibrium (every action allowed to be played is
** a best response to the other side).  On it player 1's payoff
** u1 = (A y)_i for any allowed i is a linear function of y alone, and
** u2 = (B^T x)_j one of x alone.  So each objective -- welfare u1 + u2, a
** player's payoff, a probability -- is a sum f(x) + g(y) of linear
** functions, optimised at a pair of vertices: an extreme equilibrium.
** (Welfare x^T (A + B) y is bilinear on the simplex, but on an equilibrium
** it equals u1 + u2, which is what makes it linear here; that is the SGC
** trick.)  Every equilibrium lies in the polytope of its own support
** pattern, so the MILP's optimum is the optimum over all equilibria.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lp.h"
#include "mip.h"

/* Branch and cut's time limit (GLPK's MIP solver has no iteration
** limit): a safeguard against games far too large for the method. */
#define MIP_TM_LIMIT 600000          /* milliseconds */
/* Simplex iteration limit of each small polishing LP. */
#define MIP_IT_LIMIT 1000000
/* Probabilities at or below this are roundoff of a zero. */
#define MIP_CLEAN 1e-13
/* The MILP's optimum and the polished one, in normalised units (payoffs in
** [0, 1], probabilities): they differ by GLPK's tolerances at most. */
#define MIP_AGREE 1e-6
/* Uniqueness MILP: an objective at or below this is the tolerance's
** noise, not a second equilibrium (see find_second). */
#define MIP_NOISE 1e-6

/* The problem shared by every step. */

/* Column and row layout of the MILP, for k = m + n actions a (player 1's
** first, then player 2's), p_a the probability of a:
**
**   columns  p_a (k) | r_a regret (k) | b_a binary (k) | u1 u2 | z
**   rows     0: sum_i x_i = 1     1: sum_j y_j = 1
**            2 + a:          r_a + (payoff of a) - u_(player of a) = 0
**            2 + k + a:      r_a - U_a b_a <= 0
**            2 + 2k + a:     p_a + b_a <= 1
**            2 + 3k:         the uniqueness cut (free otherwise)
**
** where the payoff of player 1's action i is (A' y)_i, of player 2's
** action j is (B'^T x)_j, A' and B' the normalised payoffs.  This is SGC's
** formulation 1 with their u_s substituted: u* >= u_s is r_s >= 0.  A
** binary b_a = 0 makes a a best response (r_a <= 0) allowed in the support;
** b_a = 1 keeps it out of the support (p_a <= 0) and lets it be worse.
** U_a bounds a's regret: for player 1's action i, u1 - (A' y)_i =
** sum_j y_j (max_l A'_lj - A'_ij) at most, so U_i = max_j (max_l A'_lj -
** A'_ij) <= 1 is tighter than the range of the payoffs SGC use. */
#define COL_P(a) (a)
#define COL_R(k, a) ((k) + (a))
#define COL_B(k, a) (2 * (k) + (a))
#define COL_U(k, p) (3 * (k) + (p))
#define COL_Z(k) (3 * (k) + 2)
#define NCOLS(k) (3 * (k) + 3)
#define ROW_DEF(k, a) (2 + (a))
#define ROW_BIGM(k, a) (2 + (k) + (a))
#define ROW_SUPP(k, a) (2 + 2 * (k) + (a))
#define ROW_CUT(k) (2 + 3 * (k))
#define NROWS(k) (3 * (k) + 3)

/* A linear objective over the MILP's columns p_a (k), u1, u2 and z: k + 3
** coefficients, in normalised units. */

static void log_msg(const mip *M, int level, const char *fmt, ...)
    EQI_PRINTF(3, 4);

static void log_msg(const mip *M, int level, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    if (M->o->log == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    M->o->log(M->o->log_ud, level, buf);
}

/* ---- step 1: normalised payoffs ------------------------------------ */

/* Map player p's payoffs to (u - lo) / (hi - lo), all 0 for a constant
** player.  In exact mode the map is made in rationals and the doubles are
** its rounding, so the LPs and the exact systems describe the same
** polytopes; otherwise in doubles, by halves so that hi - lo cannot
** overflow.  Returns the half range (0.5 hi - 0.5 lo) for the welfare
** weights, or -1 for lack of memory. */
static double normalise_payoffs(mip *M, int p, int exact)
{
    size_t N = (size_t)M->m * (size_t)M->n;
    const double *a = M->g->pay[p];
    double *P = M->P[p], lo = a[0], hi = a[0], half;

    for (size_t k = 1; k < N; k++) {
        if (a[k] < lo) lo = a[k];
        if (a[k] > hi) hi = a[k];
    }
    half = 0.5 * hi - 0.5 * lo;
    if (exact) {
        mpq_t *Q = M->Q[p], qlo, qhi, u;
        mpq_inits(qlo, qhi, u, NULL);
        for (size_t k = 0; k < N; k++) {
            eqi_game_exact_payoff(M->g, p, k, u);
            if (k == 0 || mpq_cmp(u, qlo) < 0) mpq_set(qlo, u);
            if (k == 0 || mpq_cmp(u, qhi) > 0) mpq_set(qhi, u);
        }
        mpq_sub(qhi, qhi, qlo);                 /* the range */
        for (size_t k = 0; k < N; k++) {
            if (mpq_sgn(qhi) == 0) {
                mpq_set_ui(Q[k], 0, 1);
            } else {
                eqi_game_exact_payoff(M->g, p, k, u);
                mpq_sub(u, u, qlo);
                mpq_div(Q[k], u, qhi);
            }
            P[k] = mpq_get_d(Q[k]);
        }
        mpq_clears(qlo, qhi, u, NULL);
    } else {
        for (size_t k = 0; k < N; k++) {
            double v = half > 0.0 ? (0.5 * a[k] - 0.5 * lo) / half : 0.0;
            P[k] = v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
        }
    }
    return half > 0.0 ? half : 0.0;
}

/* The big-M constants U_a (see the layout above). */
static void big_m(mip *M)
{
    int m = M->m, n = M->n;
    const double *A = M->P[0], *B = M->P[1];
    for (int i = 0; i < m; i++) {
        double u = 0.0;
        for (int j = 0; j < n; j++) {
            double best = A[j];
            for (int l = 1; l < m; l++)
                if (A[(size_t)l * (size_t)n + (size_t)j] > best)
                    best = A[(size_t)l * (size_t)n + (size_t)j];
            if (best - A[(size_t)i * (size_t)n + (size_t)j] > u)
                u = best - A[(size_t)i * (size_t)n + (size_t)j];
        }
        M->U[i] = u;
    }
    for (int j = 0; j < n; j++) {
        double u = 0.0;
        for (int i = 0; i < m; i++) {
            const double *row = B + (size_t)i * (size_t)n;
            double best = row[0];
            for (int l = 1; l < n; l++)
                if (row[l] > best)
                    best = row[l];
            if (best - row[j] > u)
                u = best - row[j];
        }
        M->U[m + j] = u;
    }
}

/* ---- step 2: the MILP ---------------------------------------------- */

/*
** Build the MILP with objective c (k + 3 coefficients, see above) in
** direction dir.  cut, when not NULL, flags k actions T (an equilibrium's
** support): the cut row then reads sum_{a in T} b_a - z >= 0 and z is a
** binary, so z = 1 forces some action of T out of the support; otherwise
** z is fixed at 0 and the cut row is empty.
*/
static eq_status build_mip(const mip *M, const double *c, eqi_lp_dir dir,
                           const char *cut, eqi_lp **out)
{
    int m = M->m, n = M->n, k = m + n, t = 0;
    static const double one = 1.0, minus_one = -1.0;
    int *ri = NULL, *ci = NULL;
    double *v = NULL;
    eqi_lp *lp = NULL;
    eq_status s;

    *out = NULL;
    /* Five entries per action, and one more in the cut for actions of T. */
    ri = malloc((size_t)(6 * k + 1) * sizeof *ri);
    ci = malloc((size_t)(6 * k + 1) * sizeof *ci);
    v = malloc((size_t)(6 * k + 1) * sizeof *v);
    if (ri == NULL || ci == NULL || v == NULL) {
        s = eqi_error(M->err, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((s = eqi_lp_new(&lp, NROWS(k), NCOLS(k), dir)) != EQ_OK) {
        eqi_error(M->err, s, "mip: cannot create the MILP: %s",
                  eq_status_string(s));
        goto done;
    }
    /* Bounds and objective. */
    for (int a = 0; a < k && s == EQ_OK; a++) {
        s = eqi_lp_set_col_bounds(lp, COL_P(a), 0.0, 1.0);
        if (s == EQ_OK) s = eqi_lp_set_col_bounds(lp, COL_R(k, a), 0.0, M->U[a]);
        if (s == EQ_OK) s = eqi_lp_set_col_bounds(lp, COL_B(k, a), 0.0, 1.0);
        if (s == EQ_OK) s = eqi_lp_set_col_integer(lp, COL_B(k, a), 1);
        if (s == EQ_OK) s = eqi_lp_set_obj(lp, COL_P(a), c[a]);
        if (s == EQ_OK) s = eqi_lp_set_row_bounds(lp, ROW_DEF(k, a), 0.0, 0.0);
        if (s == EQ_OK) s = eqi_lp_set_row_bounds(lp, ROW_BIGM(k, a), -HUGE_VAL, 0.0);
        if (s == EQ_OK) s = eqi_lp_set_row_bounds(lp, ROW_SUPP(k, a), -HUGE_VAL, 1.0);
        /* r_a in its definition row; r_a - U_a b_a <= 0; p_a + b_a <= 1. */
        ri[t] = ROW_DEF(k, a);  ci[t] = COL_R(k, a); v[t++] = 1.0;
        ri[t] = ROW_BIGM(k, a); ci[t] = COL_R(k, a); v[t++] = 1.0;
        ri[t] = ROW_BIGM(k, a); ci[t] = COL_B(k, a); v[t++] = -M->U[a];
        ri[t] = ROW_SUPP(k, a); ci[t] = COL_P(a);    v[t++] = 1.0;
        ri[t] = ROW_SUPP(k, a); ci[t] = COL_B(k, a); v[t++] = 1.0;
        if (cut != NULL && cut[a]) {
            ri[t] = ROW_CUT(k); ci[t] = COL_B(k, a); v[t++] = 1.0;
        }
    }
    for (int p = 0; p < 2 && s == EQ_OK; p++) {
        s = eqi_lp_set_col_bounds(lp, COL_U(k, p), 0.0, 1.0);
        if (s == EQ_OK) s = eqi_lp_set_obj(lp, COL_U(k, p), c[k + p]);
        if (s == EQ_OK) s = eqi_lp_set_row_bounds(lp, p, 1.0, 1.0);
    }
    if (s == EQ_OK) s = eqi_lp_set_col_integer(lp, COL_Z(k), 1);
    if (s == EQ_OK) s = eqi_lp_set_col_bounds(lp, COL_Z(k), 0.0, cut ? 1.0 : 0.0);
    if (s == EQ_OK) s = eqi_lp_set_obj(lp, COL_Z(k), c[k + 2]);
    if (cut != NULL) {
        ri[t] = ROW_CUT(k); ci[t] = COL_Z(k); v[t++] = -1.0;
        if (s == EQ_OK) s = eqi_lp_set_row_bounds(lp, ROW_CUT(k), 0.0, HUGE_VAL);
    }
    if (s == EQ_OK) s = eqi_lp_add_entries(lp, t, ri, ci, v);
    /* sum x = 1, sum y = 1. */
    if (s == EQ_OK) s = eqi_lp_add_block(lp, 0, COL_P(0), 1, m, &one, 0, 0);
    if (s == EQ_OK) s = eqi_lp_add_block(lp, 1, COL_P(m), 1, n, &one, 0, 0);
    /* (A' y)_i in row ROW_DEF(i): entry (i, j) is A'[i n + j]. */
    if (s == EQ_OK)
        s = eqi_lp_add_block(lp, ROW_DEF(k, 0), COL_P(m), m, n, M->P[0],
                             (size_t)n, 1);
    /* (B'^T x)_j in row ROW_DEF(m + j): entry (j, i) is B'[i n + j]. */
    if (s == EQ_OK)
        s = eqi_lp_add_block(lp, ROW_DEF(k, m), COL_P(0), n, m, M->P[1], 1,
                             (size_t)n);
    if (s == EQ_OK)
        s = eqi_lp_add_block(lp, ROW_DEF(k, 0), COL_U(k, 0), m, 1, &minus_one, 0, 0);
    if (s == EQ_OK)
        s = eqi_lp_add_block(lp, ROW_DEF(k, m), COL_U(k, 1), n, 1, &minus_one, 0, 0);
    if (s != EQ_OK) {
        if (s != EQ_ERR_NOMEM || lp != NULL)
            eqi_error(M->err, s, "mip: %s", eqi_lp_errmsg(lp));
        eqi_lp_free(lp);
        lp = NULL;
    }
done:
    free(ri);
    free(ci);
    free(v);
    *out = lp;
    return s;
}

/* Solve a MILP by branch and cut (with GLPK's MIP presolver) and check
** that it ended optimal.  what names it in messages. */
static eq_status solve_mip(const mip *M, eqi_lp *lp, const char *what)
{
    eqi_lp_parm parm;
    double viol;
    eq_status s;

    eqi_lp_parm_init(&parm);
    parm.scale = 0;             /* the data already lie in [0, 1] */
    parm.tm_limit = MIP_TM_LIMIT;
    parm.guard = M->guard;
    /* GLPK's MIP presolver misjudges normalised payoffs below its
    ** tolerances: on a 3 x 3 game of payoffs 1e-12 to 5e-12 and one 1e12
    ** it proved welfare 0 optimal where the pure profile of the 1e12 gives
    ** the maximum, 2 (normalised).  Such games go without it. */
    parm.mip_no_presolve = M->tiny;
    s = eqi_lp_solve(lp, &parm);
    if (s == EQ_OK && eqi_lp_status(lp) == EQI_LP_OPTIMAL &&
        (s = eqi_lp_max_violation(lp, &viol)) == EQ_OK && !(viol <= MIP_AGREE) &&
        !parm.mip_no_presolve) {
        /* GLPK's MIP presolver can return a point that is no solution at
        ** all when the normalised payoffs span many orders of magnitude
        ** (1e-24 next to 1: the 2 x 2 game of payoffs 1e12 and 1e-12 got
        ** x = 0, violating sum x = 1 by 1, reported optimal).  Solve again
        ** without it. */
        log_msg(M, 1, "mip: %s: branch and cut's point violates a constraint "
                "by %g; solving again without the MIP presolver", what, viol);
        parm.mip_no_presolve = 1;
        s = eqi_lp_solve(lp, &parm);
    }
    if (s == EQ_ERR_STOPPED)
        return eqi_error(M->err, s, "mip: %s: %s", what, eqi_lp_errmsg(lp));
    if (s == EQ_ERR_LIMIT)
        return eqi_error(M->err, s, "mip: %s: branch and cut stopped at its "
                         "time limit of %d s before proving optimality",
                         what, MIP_TM_LIMIT / 1000);
    if (s != EQ_OK)
        return eqi_error(M->err, s, "mip: %s: %s", what, eqi_lp_errmsg(lp));
    if (eqi_lp_status(lp) != EQI_LP_OPTIMAL)
        /* Every finite game has an equilibrium, and the objective is
        ** bounded (every column is): only numerical trouble ends here. */
        return eqi_error(M->err, EQ_ERR_NUMERIC,
                         "mip: %s ended %s, which is impossible for a finite "
                         "game (every one has an equilibrium): numerical trouble",
                         what, eqi_lp_sol_name(eqi_lp_status(lp)));
    if ((s = eqi_lp_max_violation(lp, &viol)) != EQ_OK)
        return eqi_error(M->err, s, "out of memory");
    if (!(viol <= MIP_AGREE))
        return eqi_error(M->err, EQ_ERR_NUMERIC,
                         "mip: %s: branch and cut's optimum violates a "
                         "constraint by %g: numerical trouble", what, viol);
    return EQ_OK;
}

/* ---- step 3: polishing a pattern ----------------------------------- */

/* Offset of player q's actions among the k = m + n. */

/*
** Side q of a pattern pat (k flags, 1 = allowed in the support and a best
** response, i.e. b_a = 0): player q's strategy z (d = player q's action
** count) with the other player's payoff value v, over the polytope
**
**     sum_c P[r][c] z_c - v <= 0   for each action r of the other player,
**                           = 0   when pat allows r;
**     sum_c z_c = 1,   z >= 0,   z_c = 0 when pat does not allow c;   v free
**
** where P is the other player's normalised payoff (B'^T for q = 0, whose
** value is u2; A' for q = 1, whose value is u1).  The objective takes
** from c (k + 3 coefficients) player q's probabilities and the other
** player's value.  With a fixed pattern the MILP is exactly the product of
** its two sides.
*/
static eq_status side_lp(const mip *M, int q, const char *pat, const double *c,
                         eqi_lp_dir dir, eqi_lp **out)
{
    int d = nact(M, q), k = nact(M, 1 - q), oq = off(M, q), oo = off(M, 1 - q);
    static const double one = 1.0, minus_one = -1.0;
    eqi_lp *lp = NULL;
    eq_status s;

    *out = NULL;
    if ((s = eqi_lp_new(&lp, k + 1, d + 1, dir)) != EQ_OK)
        return eqi_error(M->err, s, "mip: cannot create an LP: %s",
                         eq_status_string(s));
    for (int j = 0; j < d && s == EQ_OK; j++) {
        s = eqi_lp_set_col_bounds(lp, j, 0.0, pat[oq + j] ? HUGE_VAL : 0.0);
        if (s == EQ_OK)
            s = eqi_lp_set_obj(lp, j, c[oq + j]);
    }
    if (s == EQ_OK) s = eqi_lp_set_col_bounds(lp, d, -HUGE_VAL, HUGE_VAL);
    if (s == EQ_OK) s = eqi_lp_set_obj(lp, d, c[M->m + M->n + (1 - q)]);
    for (int r = 0; r < k && s == EQ_OK; r++)
        s = eqi_lp_set_row_bounds(lp, r, pat[oo + r] ? 0.0 : -HUGE_VAL, 0.0);
    if (s == EQ_OK) s = eqi_lp_set_row_bounds(lp, k, 1.0, 1.0);
    if (s == EQ_OK) {
        if (q == 1)     /* row i, column j: A'[i n + j] */
            s = eqi_lp_add_block(lp, 0, 0, k, d, M->P[0], (size_t)M->n, 1);
        else            /* row j, column i: B'[i n + j] */
            s = eqi_lp_add_block(lp, 0, 0, k, d, M->P[1], 1, (size_t)M->n);
    }
    if (s == EQ_OK) s = eqi_lp_add_block(lp, 0, d, k, 1, &minus_one, 0, 0);
    if (s == EQ_OK) s = eqi_lp_add_block(lp, k, 0, 1, d, &one, 0, 0);
    if (s != EQ_OK) {
        eqi_error(M->err, s, "mip: %s", eqi_lp_errmsg(lp));
        eqi_lp_free(lp);
        return s;
    }
    *out = lp;
    return EQ_OK;
}

/* Solve a side LP by the simplex method at the caller's tolerance (the
** data lie in [0, 1], so it needs no scaling), in rational arithmetic too
** when exact is set.  Returns EQ_OK with *feasible telling whether it
** ended optimal (1) or infeasible (0). */
static eq_status solve_side(const mip *M, eqi_lp *lp, int exact, int *feasible)
{
    eqi_lp_parm parm;
    eq_status s;

    eqi_lp_parm_init(&parm);
    parm.scale = 0;
    parm.tol = M->o->tol;
    parm.it_limit = MIP_IT_LIMIT;
    parm.exact = exact;
    parm.guard = M->guard;
    s = eqi_lp_solve(lp, &parm);
    if (s != EQ_OK)
        return eqi_error(M->err, s, "mip: polishing LP: %s", eqi_lp_errmsg(lp));
    *feasible = eqi_lp_status(lp) == EQI_LP_OPTIMAL;
    if (!*feasible && eqi_lp_status(lp) != EQI_LP_INFEASIBLE)
        /* v is pinned by an allowed row, or the side is infeasible. */
        return eqi_error(M->err, EQ_ERR_NUMERIC,
                         "mip: a polishing LP ended %s",
                         eqi_lp_sol_name(eqi_lp_status(lp)));
    return EQ_OK;
}

/* Player q's strategy from a solved side LP into z (d doubles): roundoff
** below zero (within the simplex tolerance) clamped, then rescaled to sum
** to 1. */
static void side_strategy(const mip *M, int q, const eqi_lp *lp, double *z)
{
    int d = nact(M, q);
    double sum = 0.0;
    for (int j = 0; j < d; j++) {
        z[j] = eqi_lp_col_value(lp, j);
        if (!(z[j] > MIP_CLEAN))
            z[j] = 0.0;
        sum += z[j];
    }
    for (int j = 0; j < d && sum > 0.0; j++)
        z[j] /= sum;
}

/*
** The exact vertex of side q from the optimal basis of its LP.  The basis
** holds as many basic columns (z's and v) as non-basic rows; a non-basic
** row is at its bound (0 for the payoff rows, 1 for sum z = 1) and a
** non-basic column at 0 (its lower bound, or v free), so the basic columns
** solve a square system, in rationals on the exact normalised payoffs.
** The point is then checked exactly against every constraint of the side.
** Returns 0 with z (d initialised rationals) filled, 1 if the basis does
** not give an exactly feasible point, -1 for lack of memory.
*/
static int exact_side(const mip *M, int q, const eqi_lp *lp, const char *pat,
                      mpq_t *z)
{
    int d = nact(M, q), k = nact(M, 1 - q), oq = off(M, q), oo = off(M, 1 - q);
    int nb = 0, nn = 0, ret = 1;
    int *bc = malloc((size_t)(d + 1) * sizeof *bc);
    int *nr = malloc((size_t)(k + 1) * sizeof *nr);
    mpq_t *Q = M->Q[1 - q];
    mpq_t *S = NULL, *rhs = NULL, *sol = NULL, v, acc, t;
    size_t K = 0;

    mpq_inits(v, acc, t, NULL);
    if (bc == NULL || nr == NULL) {
        ret = -1;
        goto done;
    }
    for (int j = 0; j <= d; j++)
        if (eqi_lp_col_bstat(lp, j) == EQI_LP_BS_BASIC)
            bc[nb++] = j;
    for (int r = 0; r <= k; r++) {
        eqi_lp_bstat st = eqi_lp_row_bstat(lp, r);
        if (st != EQI_LP_BS_BASIC && st != EQI_LP_BS_NONE)
            nr[nn++] = r;
    }
    if (nb == 0 || nb != nn)
        goto done;
    K = (size_t)nb;
    S = eqi_mpq_alloc(K * K);
    rhs = eqi_mpq_alloc(K);
    sol = eqi_mpq_alloc(K);
    if (S == NULL || rhs == NULL || sol == NULL) {
        ret = -1;
        goto done;
    }
    for (size_t a = 0; a < K; a++) {
        int r = nr[a];
        for (size_t b = 0; b < K; b++) {
            int c = bc[b];
            if (r < k && c < d)
                mpq_set(S[a * K + b], Q[side_index(M, q, r, c)]);
            else if (r < k)
                mpq_set_si(S[a * K + b], -1, 1);        /* v */
            else
                mpq_set_ui(S[a * K + b], c < d ? 1 : 0, 1);
        }
        mpq_set_ui(rhs[a], r < k ? 0 : 1, 1);
    }
    if (eqi_exact_solve((int)K, S, rhs, sol) != 0)
        goto done;
    for (int j = 0; j < d; j++)
        mpq_set_ui(z[j], 0, 1);
    mpq_set_ui(v, 0, 1);
    for (size_t b = 0; b < K; b++)
        mpq_set(bc[b] < d ? z[bc[b]] : v, sol[b]);
    /* z >= 0, outside the pattern 0, summing to 1. */
    mpq_set_ui(acc, 0, 1);
    for (int j = 0; j < d; j++) {
        if (mpq_sgn(z[j]) < 0 || (!pat[oq + j] && mpq_sgn(z[j]) != 0))
            goto done;
        mpq_add(acc, acc, z[j]);
    }
    if (mpq_cmp_ui(acc, 1, 1) != 0)
        goto done;
    /* Every row: payoff <= v, = v for allowed actions of the other. */
    for (int r = 0; r < k; r++) {
        int cmp;
        mpq_set_ui(acc, 0, 1);
        for (int j = 0; j < d; j++)
            if (mpq_sgn(z[j]) != 0) {
                mpq_mul(t, Q[side_index(M, q, r, j)], z[j]);
                mpq_add(acc, acc, t);
            }
        cmp = mpq_cmp(acc, v);
        if (cmp > 0 || (pat[oo + r] && cmp != 0))
            goto done;
    }
    ret = 0;
done:
    eqi_mpq_free(S, S ? K * K : 0);
    eqi_mpq_free(rhs, rhs ? K : 0);
    eqi_mpq_free(sol, sol ? K : 0);
    mpq_clears(v, acc, t, NULL);
    free(bc);
    free(nr);
    return ret;
}

/* Exact side q of a solved side LP: from its floating-point basis, or if
** that basis is not exactly feasible (a near tie), from the basis of GLPK's
** rational simplex started from it.  Returns EQ_OK with z filled. */
static eq_status exact_side_of(const mip *M, int q, eqi_lp *lp,
                               const char *pat, mpq_t *z)
{
    int rc = exact_side(M, q, lp, pat, z), feasible;
    eq_status s;

    if (rc == 1) {
        int d = nact(M, q), k = nact(M, 1 - q);
        /* Warm start from the floating-point basis. */
        for (int j = 0; j <= d; j++)
            if ((s = eqi_lp_set_col_bstat(lp, j, eqi_lp_col_bstat(lp, j))) != EQ_OK)
                return eqi_error(M->err, s, "mip: %s", eqi_lp_errmsg(lp));
        for (int r = 0; r <= k; r++)
            if ((s = eqi_lp_set_row_bstat(lp, r, eqi_lp_row_bstat(lp, r))) != EQ_OK)
                return eqi_error(M->err, s, "mip: %s", eqi_lp_errmsg(lp));
        if ((s = solve_side(M, lp, 1, &feasible)) != EQ_OK)
            return s;
        rc = feasible ? exact_side(M, q, lp, pat, z) : 1;
    }
    if (rc < 0)
        return eqi_error(M->err, EQ_ERR_NOMEM, "out of memory");
    if (rc > 0)
        return eqi_error(M->err, EQ_ERR_NUMERIC,
                         "mip: exact verification failed: the optimal basis "
                         "does not give an exact equilibrium");
    return EQ_OK;
}

/*
** Polish pattern pat with objective c (direction dir): solve both sides,
** writing the strategies into probs (k doubles), and with exact set also
** the exact strategies into x (m) and y (n).  *obj receives the optimum in
** normalised units.  Returns EQ_OK with *feasible 0 if the pattern admits
** no equilibrium after all (the MILP's point was one only to tolerance).
*/
static eq_status polish(const mip *M, const char *pat, const double *c,
                        eqi_lp_dir dir, double *probs, mpq_t *x, mpq_t *y,
                        double *obj, int *feasible)
{
    eq_status s = EQ_OK;
    *obj = 0.0;
    *feasible = 1;
    for (int q = 0; q < 2 && s == EQ_OK && *feasible; q++) {
        eqi_lp *lp = NULL;
        if ((s = side_lp(M, q, pat, c, dir, &lp)) != EQ_OK)
            break;
        s = solve_side(M, lp, 0, feasible);
        if (s == EQ_OK && *feasible) {
            side_strategy(M, q, lp, probs + off(M, q));
            *obj += eqi_lp_obj_value(lp);
            if (x != NULL)
                s = exact_side_of(M, q, lp, pat, q ? y : x);
        }
        eqi_lp_free(lp);
    }
    return s;
}

/*
** Polish the pattern of a solved MILP (its binaries b_a = 0: allowed),
** as polish().  A pattern may allow, as a best response, an unplayed
** action whose regret is below GLPK's tolerances but not 0 (1e-24 in
** normalised units: the 2 x 2 game of payoffs 1e12 and 1e-12); it is then
** no equilibrium's pattern, exactly or even to the polishing tolerance.
** The pattern of the MILP point's support, whose polytope still holds
** that point, is tried next.  pat and supp are k bytes of scratch.
*/
static eq_status polish_milp(const mip *M, const eqi_lp *milp, const double *c,
                             eqi_lp_dir dir, double *probs, mpq_t *x, mpq_t *y,
                             char *pat, char *supp, double *obj, int *feasible)
{
    int k = M->m + M->n;
    eq_status s;
    for (int a = 0; a < k; a++) {
        pat[a] = eqi_lp_col_value(milp, COL_B(k, a)) < 0.5;
        supp[a] = pat[a] && eqi_lp_col_value(milp, COL_P(a)) > MIP_CLEAN;
    }
    s = polish(M, pat, c, dir, probs, x, y, obj, feasible);
    if ((s == EQ_ERR_NUMERIC || (s == EQ_OK && !*feasible)) &&
        memcmp(pat, supp, (size_t)k) != 0) {
        log_msg(M, 1, "mip: the MILP's pattern admits no exact equilibrium; "
                "polishing its support's pattern");
        M->err[0] = '\0';
        s = polish(M, supp, c, dir, probs, x, y, obj, feasible);
    }
    return s;
}

/* ---- objectives ---------------------------------------------------- */

/* The MILP objective of the options, in normalised units (k + 3
** coefficients, see build_mip). */
static void objective(const mip *M, double *c)
{
    const eq_solve_opts *o = M->o;
    int k = M->m + M->n;
    memset(c, 0, (size_t)(k + 3) * sizeof *c);
    switch (o->objective) {
    case EQ_OBJ_WELFARE:
        /* u1 + u2 in the game's units is 2 h1 u1' + 2 h2 u2' plus a
        ** constant, h the half ranges; divided by 2 max(h1, h2). */
        c[k] = M->w[0];
        c[k + 1] = M->w[1];
        break;
    case EQ_OBJ_PLAYER:
        c[k + o->obj_player] = 1.0;
        break;
    case EQ_OBJ_ACTION:
        c[off(M, o->obj_player) + o->obj_action] = 1.0;
        break;
    }
}

/* The objective's value at an equilibrium, in the game's units, from its
** strategies (probs) and payoffs (pay). */
static double objective_value(const mip *M, const double *probs,
                              const double *pay)
{
    const eq_solve_opts *o = M->o;
    switch (o->objective) {
    case EQ_OBJ_WELFARE: return pay[0] + pay[1];
    case EQ_OBJ_PLAYER: return pay[o->obj_player];
    case EQ_OBJ_ACTION: return probs[off(M, o->obj_player) + o->obj_action];
    }
    return 0.0;
}

/* The same in rationals, into val. */
void eqi_mip_objective_exact(const mip *M, mpq_t *x, mpq_t *y, mpq_t p1,
                             mpq_t p2, mpq_t val)
{
    const eq_solve_opts *o = M->o;
    switch (o->objective) {
    case EQ_OBJ_WELFARE: mpq_add(val, p1, p2); break;
    case EQ_OBJ_PLAYER: mpq_set(val, o->obj_player ? p2 : p1); break;
    case EQ_OBJ_ACTION:
        mpq_set(val, (o->obj_player ? y : x)[o->obj_action]);
        break;
    }
}

/* The magnitude of the objective's values (at least 1), against which
** two of them are compared: the largest payoff in absolute value, twice
** that for welfare, 1 for a probability. */
static double objective_scale(const mip *M)
{
    double s = 1.0;
    if (M->o->objective == EQ_OBJ_ACTION)
        return s;
    for (int p = 0; p < 2; p++) {
        size_t N = (size_t)M->m * (size_t)M->n;
        for (size_t k = 0; k < N; k++)
            if (fabs(M->g->pay[p][k]) > s)
                s = fabs(M->g->pay[p][k]);
    }
    return M->o->objective == EQ_OBJ_WELFARE ? 2.0 * s : s;
}

/* ---- results ------------------------------------------------------- */

/* Add an equilibrium: probs in floating point, or with exact x, y
** certified first (zero exact regret).  *val receives the objective in the
** game's units (exact, rounded, in exact mode) and, in exact mode, it is
** checked against ref, the floating-point value of the polished solution.
** Returns EQ_OK. */
static eq_status add_equilibrium(const mip *M, eq_result *r, const double *probs,
                                 mpq_t *x, mpq_t *y, double *val)
{
    int k;
    if (x == NULL) {
        if ((k = eqi_result_add(r, M->g, probs)) < 0)
            return EQ_ERR_NOMEM;
        *val = objective_value(M, r->prob + (size_t)k * (size_t)r->tot,
                               r->pay + (size_t)k * 2);
        return EQ_OK;
    } else {
        mpq_t reg, p1, p2, ev;
        double pay[2], ref;
        int bad;
        eq_status s = EQ_OK;

        mpq_inits(reg, p1, p2, ev, NULL);
        eqi_exact_regret2(M->g, x, y, reg, p1, p2);
        bad = mpq_sgn(reg) != 0;
        eqi_mip_objective_exact(M, x, y, p1, p2, ev);
        *val = mpq_get_d(ev);
        /* The floating-point objective of the polished strategies. */
        if (!bad) {
            const double *prof[2] = { probs, probs + M->m };
            double rg;
            eq_status rs = eq_game_regret(M->g, prof, &rg, pay);
            if (rs == EQ_ERR_NOMEM) {
                s = eqi_error(M->err, EQ_ERR_NOMEM, "out of memory");
                goto out;
            }
            if (rs != EQ_OK) {
                s = eqi_error(M->err, EQ_ERR_NUMERIC,
                              "mip: the polished strategies are not probability vectors");
                goto out;
            }
            ref = objective_value(M, probs, pay);
            if (!(fabs(ref - *val) <= 1e3 * M->o->tol * objective_scale(M)))
                s = eqi_error(M->err, EQ_ERR_NUMERIC,
                              "mip: exact verification failed: the exact objective %.17g "
                              "differs from the floating-point one %.17g", *val, ref);
        }
out:
        mpq_clears(reg, p1, p2, ev, NULL);
        if (bad)
            return eqi_error(M->err, EQ_ERR_NUMERIC,
                             "mip: exact verification failed: the polished "
                             "equilibrium has a non-zero exact regret");
        if (s != EQ_OK)
            return s;
        if (eqi_result_add_exact(r, M->g, x, y) < 0)
            return EQ_ERR_NOMEM;
        return EQ_OK;
    }
}

/* ---- step 4: uniqueness -------------------------------------------- */

/*
** Whether (x*, y*), with support T (flags in supp), is the only
** equilibrium.  Any other equilibrium (x', y') falls in one of three cases:
**
**   (a) supp(x', y') = T.  Then (x', y') lies in X(T) x Y(T), the two
**       sides of the support pattern (side_lp with pat = supp), a product
**       of polytopes every point of which is an equilibrium and which
**       holds (x*, y*).  So a second equilibrium of this kind exists iff
**       X(T) x Y(T) is more than a point, i.e. iff some probability of T
**       has a non-zero range over it: maximise and minimise each by LP (a
**       degenerate game's continuum shows here).
**   (b) supp(x', y') is not a subset of T: some action outside T has
**       positive probability.
**   (c) supp(x', y') is a proper subset of T: some action of T is out.
**
** Cases (b) and (c) are one MILP: the equilibrium MILP with the cut
** sum_{a in T} b_a >= z, z binary, maximising z + sum_{a not in T} p_a.
** (x*, y*) is feasible with value 0 (z = 0); the optimum is positive iff
** an equilibrium of kind (b) or (c) exists.  (A no-good cut on the
** binaries alone would not do: in a degenerate game an action outside T
** may be a best response, b_a = 0 with p_a = 0, which (x*, y*) satisfies.)
**
** The LPs and the MILP decide in floating point: a range above 100 o->tol
** or an optimum above MIP_NOISE counts, and the second equilibrium is then
** polished (and made exact and certified in exact mode) before it is
** reported.  Returns EQ_OK with *found set and the second equilibrium in
** probs2 (and x2, y2 in exact mode).
*/
static eq_status find_second(const mip *M, const double *probs, mpq_t *x,
                             mpq_t *y, double *probs2, mpq_t *x2, mpq_t *y2,
                             int *found)
{
    int m = M->m, n = M->n, k = m + n, exact = x != NULL, feasible;
    double range_tol = 100.0 * M->o->tol;
    char *supp = malloc((size_t)k), *pat = malloc((size_t)k);
    char *pat2 = malloc((size_t)k);
    double *c = calloc((size_t)(k + 3), sizeof *c), val;
    eqi_lp *lp = NULL;
    eq_status s = EQ_OK;

    *found = 0;
    if (supp == NULL || pat == NULL || pat2 == NULL || c == NULL) {
        s = eqi_error(M->err, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int a = 0; a < k; a++)
        supp[a] = exact ? mpq_sgn(a < m ? x[a] : y[a - m]) != 0 : probs[a] > 0.0;

    /* (a): ranges over X(T) x Y(T), warm-starting each LP from the last. */
    for (int q = 0; q < 2 && !*found; q++) {
        int d = nact(M, q), oq = off(M, q);
        if ((s = side_lp(M, q, supp, c, EQI_LP_MAX, &lp)) != EQ_OK)
            goto done;
        for (int j = 0; j < d && !*found; j++) {
            if (!supp[oq + j])
                continue;
            for (int sign = 1; sign >= -1 && !*found; sign -= 2) {
                double z;
                if ((s = eqi_lp_set_obj(lp, j, (double)sign)) != EQ_OK)
                    goto lp_fail;
                if ((s = solve_side(M, lp, 0, &feasible)) != EQ_OK)
                    goto done;
                if (!feasible) {
                    s = eqi_error(M->err, EQ_ERR_NUMERIC,
                                  "mip: uniqueness: the support's polytope is empty");
                    goto done;
                }
                z = eqi_lp_col_value(lp, j);
                if (fabs(z - probs[oq + j]) > range_tol) {
                    memcpy(probs2, probs, (size_t)k * sizeof *probs2);
                    side_strategy(M, q, lp, probs2 + oq);
                    *found = 1;
                    if (exact) {
                        for (int i = 0; i < m; i++) mpq_set(x2[i], x[i]);
                        for (int i = 0; i < n; i++) mpq_set(y2[i], y[i]);
                        if ((s = exact_side_of(M, q, lp, supp, q ? y2 : x2)) != EQ_OK)
                            goto done;
                        /* Exactly the same point after all: keep looking. */
                        *found = 0;
                        for (int i = 0; i < d && !*found; i++)
                            *found = !mpq_equal((q ? y2 : x2)[i], (q ? y : x)[i]);
                    }
                }
                for (int i = 0; i <= d; i++)
                    eqi_lp_set_col_bstat(lp, i, eqi_lp_col_bstat(lp, i));
                for (int r = 0; r <= nact(M, 1 - q); r++)
                    eqi_lp_set_row_bstat(lp, r, eqi_lp_row_bstat(lp, r));
            }
            if ((s = eqi_lp_set_obj(lp, j, 0.0)) != EQ_OK)
                goto lp_fail;
        }
        eqi_lp_free(lp);
        lp = NULL;
    }
    if (*found) {
        log_msg(M, 0, "mip: uniqueness: the support's equilibria form a continuum");
        goto done;
    }

    /* (b) and (c): the MILP with the cut. */
    for (int a = 0; a < k; a++)
        c[a] = supp[a] ? 0.0 : 1.0;
    c[k + 2] = 1.0;
    if ((s = build_mip(M, c, EQI_LP_MAX, supp, &lp)) != EQ_OK ||
        (s = solve_mip(M, lp, "the uniqueness MILP")) != EQ_OK)
        goto done;
    val = eqi_lp_obj_value(lp);
    if (val > MIP_NOISE) {
        int dropped = eqi_lp_col_value(lp, COL_Z(k)) > 0.5;
        double outside = 0.0;
        c[k + 2] = 0.0;
        if ((s = polish_milp(M, lp, c, EQI_LP_MAX, probs2, exact ? x2 : NULL,
                             exact ? y2 : NULL, pat, pat2, &outside,
                             &feasible)) != EQ_OK)
            goto done;
        /* A pattern that drops an action of T gives a different point; one
        ** that only allows actions outside T must put weight on them. */
        *found = feasible && (dropped || outside > M->o->tol);
        if (!*found)
            log_msg(M, 1, "mip: uniqueness: the MILP's second solution (value %g) "
                    "is an equilibrium only to its tolerance; ignored", val);
        else
            log_msg(M, 0, "mip: uniqueness: an equilibrium with another support");
    }
    goto done;
lp_fail:
    eqi_error(M->err, s, "mip: uniqueness: %s", eqi_lp_errmsg(lp));
done:
    eqi_lp_free(lp);
    free(supp);
    free(pat);
    free(pat2);
    free(c);
    return s;
}

/* ---- the method ---------------------------------------------------- */

static eq_status check_options(const eq_game *g, const eq_solve_opts *o,
                               eq_result *r)
{
    if (o->objective != EQ_OBJ_WELFARE && o->objective != EQ_OBJ_PLAYER &&
        o->objective != EQ_OBJ_ACTION)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "mip: unknown objective %d",
                         (int)o->objective);
    if (o->objective != EQ_OBJ_WELFARE &&
        (o->obj_player < 0 || o->obj_player > 1))
        return eqi_error(r->errmsg, EQ_ERR_ARG,
                         "mip: obj_player %d is out of range (0 or 1 in a "
                         "two-player game)", o->obj_player);
    if (o->objective == EQ_OBJ_ACTION &&
        (o->obj_action < 0 || o->obj_action >= g->nact[o->obj_player]))
        return eqi_error(r->errmsg, EQ_ERR_ARG,
                         "mip: obj_action %d is out of range (player %d has "
                         "%d actions, numbered from 0)", o->obj_action,
                         o->obj_player + 1, g->nact[o->obj_player]);
    return EQ_OK;
}

/*
** eq_solve's mip method: one optimal equilibrium (equilibrium 0), its
** objective value in r->value (in the game's units: the welfare, the
** player's payoff or the probability), and with o->unique r->unique and a
** second equilibrium as equilibrium 1 when there is one.
*/
/* The method's working arrays: the objective, the strategies found (and
** a second equilibrium's, for uniqueness), the pattern and support flags,
** and in exact mode (or a rescued double one) their rationals. */
typedef struct work {
    double *c, *probs, *probs2;
    char *pat, *supp;
    mpq_t *x, *y, *x2, *y2;
} work;

static void work_free(mip *M, work *W)
{
    size_t N = (size_t)M->m * (size_t)M->n;
    free(M->P[0]);
    free(M->P[1]);
    free(M->U);
    eqi_mpq_free(M->Q[0], M->Q[0] ? N : 0);
    eqi_mpq_free(M->Q[1], M->Q[1] ? N : 0);
    eqi_mpq_free(W->x, W->x ? (size_t)M->m : 0);
    eqi_mpq_free(W->y, W->y ? (size_t)M->n : 0);
    eqi_mpq_free(W->x2, W->x2 ? (size_t)M->m : 0);
    eqi_mpq_free(W->y2, W->y2 ? (size_t)M->n : 0);
    free(W->c);
    free(W->probs);
    free(W->probs2);
    free(W->pat);
    free(W->supp);
}

/* Allocate M's payoff arrays and W; 0, or -1 for lack of memory (what was
** allocated is freed by work_free). */
static int work_alloc(mip *M, work *W, int rationals)
{
    int m = M->m, n = M->n, k = m + n;
    size_t N = (size_t)m * (size_t)n;
    memset(W, 0, sizeof *W);
    M->P[0] = malloc(N * sizeof(double));
    M->P[1] = malloc(N * sizeof(double));
    M->U = malloc((size_t)k * sizeof *M->U);
    W->c = malloc((size_t)(k + 3) * sizeof *W->c);
    W->probs = malloc((size_t)k * sizeof *W->probs);
    W->probs2 = malloc((size_t)k * sizeof *W->probs2);
    W->pat = malloc((size_t)k);
    W->supp = malloc((size_t)k);
    if (rationals) {
        M->Q[0] = eqi_mpq_alloc(N);
        M->Q[1] = eqi_mpq_alloc(N);
        W->x = eqi_mpq_alloc((size_t)m);
        W->y = eqi_mpq_alloc((size_t)n);
        W->x2 = eqi_mpq_alloc((size_t)m);
        W->y2 = eqi_mpq_alloc((size_t)n);
    }
    if (!M->P[0] || !M->P[1] || !M->U || !W->c || !W->probs || !W->probs2 || !W->pat ||
        !W->supp || (rationals && (!M->Q[0] || !M->Q[1] || !W->x || !W->y || !W->x2 || !W->y2)))
        return -1;
    return 0;
}

/* Step 1 for M: normalised payoffs, welfare weights, big-M constants, the
** tiny flag, and the objective into c. */
static void normalise(mip *M, int rationals, double *c)
{
    int k = M->m + M->n;
    size_t N = (size_t)M->m * (size_t)M->n;
    double h[2], hmax;
    h[0] = normalise_payoffs(M, 0, rationals);
    h[1] = normalise_payoffs(M, 1, rationals);
    hmax = h[0] > h[1] ? h[0] : h[1];
    M->w[0] = hmax > 0.0 ? h[0] / hmax : 0.0;
    M->w[1] = hmax > 0.0 ? h[1] / hmax : 0.0;
    big_m(M);
    for (size_t t = 0; t < N && !M->tiny; t++)
        M->tiny = (M->P[0][t] > 0.0 && M->P[0][t] < MIP_TINY) ||
                  (M->P[1][t] > 0.0 && M->P[1][t] < MIP_TINY);
    for (int a = 0; a < k && !M->tiny; a++)
        M->tiny = M->U[a] > 0.0 && M->U[a] < MIP_TINY;
    objective(M, c);
}

/* Exact mode beyond the exact enumeration's reach: where the doubles may
** not tell two equilibria's objectives apart, refuse. */
static eq_status refuse_unresolvable(const mip *M)
{
    int fine = eqi_mip_fine_gaps(M);
    if (fine < 0)
        return eqi_error(M->err, EQ_ERR_NOMEM, "out of memory");
    if (fine || M->tiny)
        return eqi_error(M->err, EQ_ERR_NUMERIC,
                         "mip: the payoffs span too many orders of magnitude "
                         "(two of one player's differ by less than %g of its "
                         "range): exact optimum not certified (the exact check "
                         "covers games with C(m + n, m) <= %d; this one is "
                         "%d x %d)", MIP_TINY, MIP_ENUM_MAX, M->m, M->n);
    return EQ_OK;
}

/* Steps 2 and 3: the MILP's optimal pattern, polished into an equilibrium
** (its strategies in W->probs, and W->x, W->y in exact mode). */
static eq_status milp_optimum(mip *M, work *W, eqi_lp_dir dir, int exact)
{
    int k = M->m + M->n, feasible;
    double mipval, pol;
    eqi_lp *lp = NULL;
    eq_status s;
    if ((s = build_mip(M, W->c, dir, NULL, &lp)) != EQ_OK ||
        (s = solve_mip(M, lp, "the MILP")) != EQ_OK) {
        eqi_lp_free(lp);
        return s;
    }
    mipval = eqi_lp_obj_value(lp);
    log_msg(M, 0, "mip: branch and cut found the optimal pattern (%d binaries)", k);
    s = polish_milp(M, lp, W->c, dir, W->probs, exact ? W->x : NULL, exact ? W->y : NULL,
                    W->pat, W->supp, &pol, &feasible);
    if (s == EQ_OK && !feasible)
        s = eqi_error(M->err, EQ_ERR_NUMERIC,
                      "mip: the MILP's optimum is an equilibrium only to GLPK's "
                      "tolerance; the game is numerically too difficult");
    else if (s == EQ_OK && !(fabs(pol - mipval) <= MIP_AGREE))
        s = eqi_error(M->err, EQ_ERR_NUMERIC,
                      "mip: the MILP's optimum %.17g and its polished equilibrium's "
                      "%.17g disagree (normalised units)", mipval, pol);
    eqi_lp_free(lp);
    return s;
}

/* Step 4: whether another equilibrium exists (decided exactly with the
** optimum where it was enumerated: found is then given). */
static eq_status uniqueness(mip *M, work *W, eq_result *r, int exact, int enumerate,
                            int found)
{
    eq_status s;
    double val2;
    if (!enumerate &&
        (s = find_second(M, W->probs, W->x, W->y, W->probs2, W->x2, W->y2, &found)) != EQ_OK)
        return s;
    r->unique = !found;
    if (found && M->o->max_equilibria == 1) {
        r->sol = EQ_SOL_PARTIAL;    /* a second exists; not kept */
    } else if (found) {
        if ((s = add_equilibrium(M, r, W->probs2, exact ? W->x2 : NULL,
                                 exact ? W->y2 : NULL, &val2)) != EQ_OK)
            return s;
    }
    if (!found)
        log_msg(M, 0, "mip: the equilibrium is unique");
    return EQ_OK;
}

eq_status eqi_solve_mip(const eq_game *g, const eq_solve_opts *o, eq_result *r)
{
    int m = g->nact[0], n = g->nact[1], exact = o->exact != 0;
    int found = 0, enumerate, have, rescue = 0;
    mip M;
    work W;
    eqi_lp_dir dir = o->maximize ? EQI_LP_MAX : EQI_LP_MIN;
    eq_status s;

    if ((s = check_options(g, o, r)) != EQ_OK)
        return s;
    /* Double mode on a small game whose payoffs the doubles cannot
    ** resolve: the optimum is decided exactly too (see
    ** eqi_mip_exact_optimum), and reported in doubles. */
    if (!exact && eqi_mip_enum_fits(m, n) &&
        (rescue = eqi_mip_raw_fine_gaps(g, m, n)) < 0)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    memset(&M, 0, sizeof M);
    M.g = g;
    M.o = o;
    M.m = m;
    M.n = n;
    M.err = r->errmsg;
    M.guard = r->guard;
    if (work_alloc(&M, &W, exact || rescue) != 0) {
        s = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    normalise(&M, exact || rescue, W.c);
    enumerate = (exact || rescue) && eqi_mip_enum_fits(m, n);
    if (exact && !enumerate && (s = refuse_unresolvable(&M)) != EQ_OK)
        goto done;

    s = milp_optimum(&M, &W, dir, exact);
    have = s == EQ_OK && exact;
    if (s == EQ_ERR_NUMERIC && enumerate) {
        log_msg(&M, 1, "%s; the optimum is left to the exact enumeration",
                r->errmsg);
        r->errmsg[0] = '\0';
        s = EQ_OK;
    }
    if (s != EQ_OK)
        goto done;

    /* Exact mode: the optimum decided in rationals. */
    if (enumerate) {
        int changed;
        if ((s = eqi_mip_exact_optimum(&M, have, W.x, W.y, W.probs, &changed,
                                       o->unique ? W.x2 : NULL, W.y2, W.probs2,
                                       &found)) != EQ_OK)
            goto done;
        if (changed && have)
            log_msg(&M, 1, "mip: the MILP's equilibrium is not optimal in exact "
                    "arithmetic (a gap below GLPK's tolerances); the exact "
                    "enumeration's is reported");
    }
    if ((s = add_equilibrium(&M, r, W.probs, exact ? W.x : NULL, exact ? W.y : NULL,
                             &r->value)) != EQ_OK)
        goto done;
    if (o->unique)
        s = uniqueness(&M, &W, r, exact, enumerate, found);
done:
    work_free(&M, &W);
    return s;
}
