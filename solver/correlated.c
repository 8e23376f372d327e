/*
** correlated.c -- correlated equilibria (Aumann 1974) and coarse
** correlated equilibria (Moulin and Vial 1978) of n-player strategic
** games: one linear programme over the joint distribution pi on action
** profiles, solved on GLPK through lp.c, with its duals and the ranges of
** its objective coefficients.
** SPDX-License-Identifier: GPL-3.0-or-later
**
** THE LP.  One column per profile s (pi(s) >= 0), one convexity row
** (sum_s pi(s) = 1), and the incentive rows:
**
**   CE   for each player p and each pair of own actions a != a':
**          sum_{s: s_p = a} pi(s) (u_p(s) - u_p(a', s_-p)) >= 0
**        ("told a, p does not gain by playing a' instead"):
**        sum_p k_p (k_p - 1) rows;
**   CCE  for each player p and each action a':
**          sum_s pi(s) (u_p(s) - u_p(a', s_-p)) >= 0
**        ("p does not gain by committing to a' before the signal"):
**        sum_p k_p rows.  Each CCE row is the sum over a of the CE rows
**        (p, a, a'), so every CE is a CCE.
**
** The objective, maximised or minimised (o->maximize): the welfare
** sum_s pi(s) sum_p u_p(s), the payoff sum_s pi(s) u_q(s) of q =
** o->obj_player, or the probability sum_{s: s_q = o->obj_action} pi(s).
**
** SCALING.  In the incentive rows each player's payoffs enter through the
** affine map u~_p = (u_p - lo_p) / (hi_p - lo_p) onto [0, 1] (lo_p, hi_p
** the player's smallest and largest payoffs).  A positive affine map of
** one player's payoffs multiplies that player's rows by a positive
** constant, so the feasible set (the CE polytope) is unchanged, and every
** coefficient lies in [-1, 1] whatever the payoffs' magnitude.  The
** objective coefficients c(s) are mapped the same way, to (c - cmax) /
** (cmax - cmin) in [-1, 0] when maximising, (c - cmin) / (cmax - cmin) in
** [0, 1] when minimising: on the set sum pi = 1 this changes the
** objective by a positive factor and a constant, so the optimal bases are
** unchanged; and the signs make GLPK's starting basis (every pi(s) = 0)
** dual feasible, so the dual simplex starts in its phase 2.  Every value
** reported (the objective, payoffs, duals, ranges, the certificate) is
** converted back to the original units.
**
** RESULT.  One equilibrium (a vertex of the polytope, optimal for the
** objective): its joint distribution (eq_result_distribution), its
** strategies = the marginals of pi, its payoffs = the expected payoffs
** under pi (not under the product of the marginals), and r->value = the
** optimal objective in original units.  Its certificate (eq_result_regret)
** is NOT the max regret of the product of the marginals (which is no
** certificate for a correlated equilibrium): it is the largest violation
** of the incentive constraints of the solved concept, in payoff units,
**     CE:  max over p, a != a' of sum_{s: s_p = a} pi(s)(u_p(a', s_-p) - u_p(s)),
**     CCE: max over p, a'      of sum_s pi(s)(u_p(a', s_-p) - u_p(s)),
** floored at 0, computed afresh from the game's payoffs and the returned
** distribution.  It is 0 for an exact (coarse) correlated equilibrium;
** the simplex method accepts a basis within its feasibility tolerance
** (o->tol, relative to each player's payoff range), so on large LPs it
** may reach about o->tol times a player's payoff range (9.6e-8 was seen
** on a random 20 x 20 x 20 game with payoffs in [0, 99]).
**
** SENSITIVITY.  Rows, in the LP's order (every CE/CCE row of player 0,
** then player 1, ..., then the convexity row), named
**     "CE: player P keeps A rather than A'"       (rows (p, a, a'), a' fastest)
**     "CCE: player P does not gain by always playing A'"
**     "probabilities sum to 1"
** with their duals.  Writing an incentive row as "gain <= t" (the gain of
** the deviation in payoff units, in the certificate's form above), its
** dual is d(optimal objective) / dt at t = 0: the rate at which the
** optimum moves when that deviation may gain t.  It is >= 0 when
** maximising, <= 0 when minimising, and 0 for a row that is not tight.
** The convexity row's dual is d(optimum) / d(right-hand side 1).
** With the welfare or player objective, one range per profile s, in
** row-major profile order: the interval over which the objective
** coefficient c(s) of pi(s) (the welfare sum_p u_p(s), or u_q(s)) may
** move, everything else fixed, with the optimal basis staying optimal
** (GLPK's objective ranging, glp_analyze_coef, through lp.c), in payoff
** units; named "welfare coefficient of (A0, A1, ...)" or "payoff
** coefficient of player Q at (A0, A1, ...)".  The incentive rows are held
** fixed: it is the range of a payoff only where that payoff enters the
** objective alone (the payoff of a player with one action, who has no
** incentive rows).  A degenerate optimal vertex may stay optimal beyond
** the range under another basis.  The probability objective gets no
** ranges.
**
** EXACT (o->exact).  GLPK solves the LP in doubles; its final basis is
** then certified in rational arithmetic on the unscaled payoffs (certify:
** the basis system solved for the distribution and the duals, primal and
** dual feasibility checked exactly), refined by glp_exact once if it
** fails, and refused with EQ_ERR_NUMERIC if it still fails.  The basis
** systems are sparse (an incentive row of player p holds only the profiles
** where p is told the row's action) and solved by sparse rational
** elimination (sparseq.c), which polls the guard: no cap on the basis's
** size but time and memory.  A certified
** result carries the distribution, value, marginals and payoffs as
** fractions (result.h, eq_result_distribution_exact).
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"
#include "internal.h"
#include "lp.h"

/* Probabilities below this are roundoff of a zero. */
#define CE_CLEAN 1e-13
/* Matrix entries gathered before they are handed to lp.c, at most: 64 KiB
** of buffers, below glibc's thresholds for trimming its heap (128 KiB);
** fewer for an LP with fewer entries.  They used to be a fixed 1 MiB,
** which, freed and allocated again on every solve, made glibc trim and
** regrow the main thread's heap each time: correlated ran 9 to 14 times
** slower on the main thread than in a worker. */
#define CE_CHUNK 4096
/* GLPK's limits, as lp.h states them. */
#define CE_MAX_ROWS 100000000u
#define CE_MAX_NNZ 500000000u

/* The LP's layout and its units. */
struct ce {
    const eq_game *g;
    int coarse;
    size_t nrows;                   /* incentive rows (convexity row after) */
    size_t nnz;                     /* matrix entries, at most */
    size_t rowbase[EQ_MAX_PLAYERS]; /* player p's first incentive row */
    double half[EQ_MAX_PLAYERS];    /* half of p's payoff range (1 if 0):
                                       u~_p = (u_p - lo_p) / (2 half_p) */
    double *c;                      /* objective coefficients, original units */
    double shift, chalf;            /* c_lp = (c - shift) / (2 chalf) */
};

/* The workspace (internal.h): the LP and the buffers of one solve, each
** with its capacity in elements. */
struct eqi_ce_ws {
    eqi_lp *lp;                     /* NULL until the first solve */
    double *c, *pi, *probs, *gain, *val;
    int *row, *col;
    size_t capc, cappi, capprobs, capgain, capval, caprow, capcol;
};

eq_status eqi_ce_ws_new(eqi_ce_ws **out)
{
    if (out == NULL)
        return EQ_ERR_ARG;
    *out = calloc(1, sizeof **out);
    return *out != NULL ? EQ_OK : EQ_ERR_NOMEM;
}

/* At least k elements in the array p of capacity cap, growing it (its
** contents not kept) when it is smaller: evaluates to 0, or to -1 for lack
** of memory, p and cap then unchanged.  q: a void * of the caller. */
#define ROOM(p, cap, k, q)                                                  \
    ((k) <= (cap) ? 0                                                       \
     : ((q) = malloc((k) * sizeof *(p))) == NULL ? -1                       \
     : (free(p), (p) = (q), (cap) = (k), 0))

/* Free what ws holds, not ws itself. */
static void ws_clear(eqi_ce_ws *ws)
{
    eqi_lp_free(ws->lp);
    free(ws->c);
    free(ws->pi);
    free(ws->probs);
    free(ws->gain);
    free(ws->val);
    free(ws->row);
    free(ws->col);
    memset(ws, 0, sizeof *ws);
}

void eqi_ce_ws_free(eqi_ce_ws *ws)
{
    if (ws == NULL)
        return;
    ws_clear(ws);
    free(ws);
}

/* The incentive row of player p, recommended action a (CE only) and
** deviation b != a. */
static size_t row_of(const struct ce *m, int p, int a, int b)
{
    if (m->coarse)
        return m->rowbase[p] + (size_t)b;
    return m->rowbase[p] + (size_t)a * (size_t)(m->g->nact[p] - 1) +
           (size_t)(b < a ? b : b - 1);
}

/* Step the profile act[] to the next one in row-major order (the last
** player's action fastest), as flat index s + 1 is. */
static void next_profile(const eq_game *g, int *act)
{
    for (int p = g->n - 1; p >= 0; p--) {
        if (++act[p] < g->nact[p])
            return;
        act[p] = 0;
    }
}

/* Half the range of v[0..k-1], or 1 if v is constant (any positive map
** works then).  Halves: hi - lo may overflow, hi/2 - lo/2 cannot. */
static double half_range(const double *v, size_t k)
{
    double l = v[0], h = v[0], half;
    for (size_t i = 1; i < k; i++) {
        if (v[i] < l) l = v[i];
        if (v[i] > h) h = v[i];
    }
    half = 0.5 * h - 0.5 * l;
    return half > 0.0 ? half : 1.0;
}

/* Row counts and the sizes GLPK must accept.  Fails with EQ_ERR_LIMIT. */
static eq_status layout(struct ce *m, char *err)
{
    const eq_game *g = m->g;
    size_t rows = 0, per = 1, nnz;
    for (int p = 0; p < g->n; p++) {
        size_t k = (size_t)g->nact[p];
        m->rowbase[p] = rows;
        rows += m->coarse ? k : k * (k - 1);   /* k <= EQ_MAX_PROFILES */
        per += k - 1;   /* entries of one column: its deviations, convexity */
    }
    if (rows + 1 > CE_MAX_ROWS || !eqi_mul_size(per, g->nprof, &nnz) ||
        nnz > CE_MAX_NNZ)
        return eqi_error(err, EQ_ERR_LIMIT,
                         "correlated: the LP would have %zu rows and up to "
                         "%zu x %zu matrix entries, beyond GLPK's limits "
                         "(%u rows, %u entries)", rows + 1, per, g->nprof,
                         CE_MAX_ROWS, CE_MAX_NNZ);
    m->nrows = rows;
    m->nnz = nnz;
    return EQ_OK;
}

/* The objective coefficient of every profile, in original units: cobj[]
** when it is not NULL, else as o asks. */
static eq_status objective(struct ce *m, const eq_solve_opts *o, const double *cobj,
                           char *err)
{
    const eq_game *g = m->g;
    int act[EQ_MAX_PLAYERS] = { 0 };
    double cmin = HUGE_VAL, cmax = -HUGE_VAL;
    for (size_t s = 0; s < g->nprof; s++, next_profile(g, act)) {
        double c = 0.0;
        switch (cobj != NULL ? -1 : (int)o->objective) {
        case EQ_OBJ_WELFARE:
            for (int p = 0; p < g->n; p++)
                c += g->pay[p][s];
            break;
        case EQ_OBJ_PLAYER:
            c = g->pay[o->obj_player][s];
            break;
        case EQ_OBJ_ACTION:
            c = act[o->obj_player] == o->obj_action ? 1.0 : 0.0;
            break;
        default:
            c = cobj[s];
            break;
        }
        if (!isfinite(c))
            return eqi_error(err, EQ_ERR_NUMERIC,
                             "correlated: the welfare of profile %zu overflows", s);
        m->c[s] = c;
        cmin = fmin(cmin, c);
        cmax = fmax(cmax, c);
    }
    m->chalf = 0.5 * cmax - 0.5 * cmin;
    if (!(m->chalf > 0.0))
        m->chalf = 1.0;             /* constant: any positive map works */
    m->shift = o->maximize ? cmax : cmin;
    return EQ_OK;
}

/* Hand the gathered entries to the LP; returns the status. */
static eq_status flush(eqi_lp *lp, int *k, const int *row, const int *col,
                       const double *val)
{
    eq_status s = eqi_lp_add_entries(lp, *k, row, col, val);
    *k = 0;
    return s;
}

/*
** Build the LP as sparse triplets, one profile (column) at a time: for
** each player p and deviation b from p's action a at s, the entry
** u~_p(s) - u~_p(b, s_-p) in row (p, a, b) (CE) or (p, b) (CCE); then 1
** in the convexity row.  Zero coefficients are skipped by lp.c.  Into
** ws->lp, made or reset (keeping its memory) here, and ws's chunk
** buffers; on failure ws->lp may hold a partial LP (the next reset clears
** it).
*/
static eq_status build(struct ce *m, const eq_solve_opts *o, eqi_ce_ws *ws,
                       char *err)
{
    const eq_game *g = m->g;
    int act[EQ_MAX_PLAYERS] = { 0 }, k = 0;
    int chunk = m->nnz < CE_CHUNK ? (int)m->nnz : CE_CHUNK;
    size_t ck = (size_t)chunk;
    eqi_lp_dir dir = o->maximize ? EQI_LP_MAX : EQI_LP_MIN;
    int *row, *col;
    double *val;
    void *q;
    eqi_lp *lp;
    eq_status s;

    if (ROOM(ws->row, ws->caprow, ck, q) || ROOM(ws->col, ws->capcol, ck, q) ||
        ROOM(ws->val, ws->capval, ck, q))
        return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    row = ws->row;
    col = ws->col;
    val = ws->val;
    if (ws->lp == NULL)
        s = eqi_lp_new(&ws->lp, (int)m->nrows + 1, (int)g->nprof, dir);
    else
        s = eqi_lp_reset(ws->lp, (int)m->nrows + 1, (int)g->nprof, dir);
    lp = ws->lp;
    if (s == EQ_OK)
        s = eqi_lp_reserve(lp, m->nnz);
    if (s != EQ_OK)
        return eqi_error(err, s, "correlated: cannot create the LP: %s",
                         eq_status_string(s));
    for (size_t i = 0; i < m->nrows && s == EQ_OK; i++)
        s = eqi_lp_set_row_bounds(lp, (int)i, 0.0, HUGE_VAL);
    if (s == EQ_OK)
        s = eqi_lp_set_row_bounds(lp, (int)m->nrows, 1.0, 1.0);
    for (size_t j = 0; j < g->nprof && s == EQ_OK; j++)
        s = eqi_lp_set_obj(lp, (int)j,
                           (0.5 * m->c[j] - 0.5 * m->shift) / m->chalf);
    for (size_t j = 0; j < g->nprof && s == EQ_OK; j++, next_profile(g, act)) {
        for (int p = 0; p < g->n && s == EQ_OK; p++) {
            int a = act[p], kp = g->nact[p];
            size_t base = j - (size_t)a * g->stride[p];
            const double *u = g->pay[p];
            for (int b = 0; b < kp && s == EQ_OK; b++) {
                if (b == a)
                    continue;
                if (k == chunk)
                    s = flush(lp, &k, row, col, val);
                row[k] = (int)row_of(m, p, a, b);
                col[k] = (int)j;
                val[k++] = (0.5 * u[j] - 0.5 * u[base + (size_t)b * g->stride[p]]) /
                           m->half[p];
            }
        }
        if (s == EQ_OK && k == chunk)
            s = flush(lp, &k, row, col, val);
        row[k] = (int)m->nrows;
        col[k] = (int)j;
        val[k++] = 1.0;
    }
    if (s == EQ_OK)
        s = flush(lp, &k, row, col, val);
    if (s != EQ_OK)
        eqi_error(err, s, "correlated: %s", eqi_lp_errmsg(lp));
    return s;
}

/*
** The certificate of pi: the largest gain of a deviation in an incentive
** row (see the top of this file), floored at 0, in payoff units.  gain
** holds m->nrows doubles of scratch.  Halves again, so a gain between
** payoffs of opposite sign near the double range does not overflow.
*/
static double certificate(const struct ce *m, const double *pi, double *gain)
{
    const eq_game *g = m->g;
    int act[EQ_MAX_PLAYERS] = { 0 };
    double worst = 0.0;
    memset(gain, 0, m->nrows * sizeof *gain);
    for (size_t s = 0; s < g->nprof; s++, next_profile(g, act)) {
        if (pi[s] == 0.0)
            continue;
        for (int p = 0; p < g->n; p++) {
            int a = act[p];
            size_t base = s - (size_t)a * g->stride[p];
            const double *u = g->pay[p];
            for (int b = 0; b < g->nact[p]; b++)
                if (b != a)
                    gain[row_of(m, p, a, b)] +=
                        pi[s] * (0.5 * u[base + (size_t)b * g->stride[p]] - 0.5 * u[s]);
        }
    }
    for (size_t i = 0; i < m->nrows; i++)
        if (gain[i] > worst)
            worst = gain[i];
    return 2.0 * worst;
}

/* ------------------------------------------------------------------ */
/* Names of rows and ranges                                             */
/* ------------------------------------------------------------------ */

/* "(A0, A1, ...)": the action names of a profile. */
static void sb_profile(eqi_sbuf *b, const eq_game *g, const int *act)
{
    eqi_sb_cat(b, "(");
    for (int p = 0; p < g->n; p++) {
        if (p > 0)
            eqi_sb_cat(b, ", ");
        eqi_sb_cat(b, g->aname[p][act[p]]);
    }
    eqi_sb_cat(b, ")");
}

/*
** Record the rows with their duals and, with ranges set, the objective
** coefficient ranges, converted to original units (see the top of the
** file).  Returns EQ_OK or EQ_ERR_NOMEM.
*/
static eq_status sensitivity(const struct ce *m, const eq_solve_opts *o,
                             const eqi_lp *lp, int ranges, eq_result *r)
{
    const eq_game *g = m->g;
    double scale = 2.0 * m->chalf;
    int act[EQ_MAX_PLAYERS] = { 0 };
    eqi_sbuf b = { NULL, 0, 0, 0 };
    eq_status s = EQ_OK;

    for (int p = 0; p < g->n && s == EQ_OK; p++) {
        int kp = g->nact[p];
        for (int a = 0; a < (m->coarse ? 1 : kp) && s == EQ_OK; a++)
            for (int d = 0; d < kp && s == EQ_OK; d++) {
                size_t i;
                double y;
                if (!m->coarse && d == a)
                    continue;
                i = row_of(m, p, a, d);
                /* The row in payoff units, as "gain <= t", is -2 half_p
                ** times the LP's row ">= 0": d(LP optimum)/dt is
                ** -y / (2 half_p), and the objective is scale times the
                ** LP's plus a constant. */
                y = -eqi_lp_row_dual(lp, (int)i) * (scale / (2.0 * m->half[p])) +
                    0.0;            /* no -0 */
                eqi_sb_clear(&b);
                if (m->coarse)
                    eqi_sb_printf(&b, "CCE: player %s does not gain by always playing %s",
                              g->pname[p], g->aname[p][d]);
                else
                    eqi_sb_printf(&b, "CE: player %s keeps %s rather than %s",
                              g->pname[p], g->aname[p][a], g->aname[p][d]);
                if (b.fail || eqi_result_add_lprow(r, b.s, y) != 0)
                    s = EQ_ERR_NOMEM;
            }
    }
    /* The objective is scale * (LP's) + shift * sum(pi). */
    if (s == EQ_OK &&
        eqi_result_add_lprow(r, "probabilities sum to 1",
                             scale * eqi_lp_row_dual(lp, (int)m->nrows) + m->shift) != 0)
        s = EQ_ERR_NOMEM;
    for (size_t j = 0; ranges && j < g->nprof && s == EQ_OK; j++, next_profile(g, act)) {
        double lo, hi;
        if (eqi_lp_cost_range(lp, (int)j, &lo, &hi) != EQ_OK) {
            s = EQ_ERR_INTERNAL;
            break;
        }
        lo = isfinite(lo) ? fmin(scale * lo + m->shift, m->c[j]) : -HUGE_VAL;
        hi = isfinite(hi) ? fmax(scale * hi + m->shift, m->c[j]) : HUGE_VAL;
        eqi_sb_clear(&b);
        if (o->objective == EQ_OBJ_WELFARE)
            eqi_sb_cat(&b, "welfare coefficient of ");
        else
            eqi_sb_printf(&b, "payoff coefficient of player %s at ",
                      g->pname[o->obj_player]);
        sb_profile(&b, g, act);
        if (b.fail || eqi_result_add_lprange(r, b.s, m->c[j], lo, hi) != 0)
            s = EQ_ERR_NOMEM;
    }
    free(b.s);
    if (s == EQ_ERR_NOMEM)
        return eqi_error(r->errmsg, s, "out of memory");
    if (s != EQ_OK)
        return eqi_error(r->errmsg, s, "correlated: objective ranges missing");
    return EQ_OK;
}

/* ------------------------------------------------------------------ */
/* The exact certificate of the optimum (o->exact)                      */
/* ------------------------------------------------------------------ */

/* The exact data of one certificate: the game's payoffs as rationals, the
** objective, and GLPK's final basis split into its basic columns B (the
** profiles) and its tight rows T (non-basic auxiliaries). */
struct cex {
    const struct ce *m;
    mpq_t *u;                       /* n x nprof payoffs, player-major */
    mpq_t *c;                       /* nprof objective coefficients */
    int *bc, *tr;                   /* B and T, k each */
    int k;
    mpq_t *x, *y;                   /* x_B (k), y_T (k) */
    mpq_t *pi;                      /* the distribution (nprof) */
    int kmax;                       /* room of bc, tr, x and y */
    int refined;                    /* certified after glp_exact */
    eqi_guard *G;                   /* polled by the basis solves, or NULL */
    mpq_t t, v;                     /* scratch */
};

/* Player, recommended action (CE) and deviation of incentive row i. */
static void row_parts(const struct ce *m, size_t i, int *p, int *a, int *b)
{
    const eq_game *g = m->g;
    int q = 0;
    size_t loc;
    while (q + 1 < g->n && m->rowbase[q + 1] <= i)
        q++;
    loc = i - m->rowbase[q];
    *p = q;
    if (m->coarse) {
        *a = -1;
        *b = (int)loc;
    } else {
        int kq = g->nact[q], bb = (int)(loc % (size_t)(kq - 1));
        *a = (int)(loc / (size_t)(kq - 1));
        *b = bb < *a ? bb : bb + 1;
    }
}

/* Row i in words, as sensitivity() names it, into buf. */
static void row_words(const struct ce *m, size_t i, char *buf, size_t len)
{
    const eq_game *g = m->g;
    int p, a, b;
    if (i == m->nrows) {
        snprintf(buf, len, "probabilities sum to 1");
        return;
    }
    row_parts(m, i, &p, &a, &b);
    if (m->coarse)
        snprintf(buf, len, "CCE: player %s does not gain by always playing %s",
                 g->pname[p], g->aname[p][b]);
    else
        snprintf(buf, len, "CE: player %s keeps %s rather than %s", g->pname[p],
                 g->aname[p][a], g->aname[p][b]);
}

/* Into X->t, the coefficient of row i (the convexity row: 1) at column
** s, unscaled: u_p(s) - u_p(b, s_-p) where the row reads s. */
static void coef_q(struct cex *X, size_t i, size_t s)
{
    const struct ce *m = X->m;
    const eq_game *g = m->g;
    int p, a, b, as;
    if (i == m->nrows) {
        mpq_set_ui(X->t, 1, 1);
        return;
    }
    row_parts(m, i, &p, &a, &b);
    as = (int)((s / g->stride[p]) % (size_t)g->nact[p]);
    if ((!m->coarse && as != a) || as == b) {
        mpq_set_ui(X->t, 0, 1);
        return;
    }
    mpq_sub(X->t, X->u[(size_t)p * g->nprof + s],
            X->u[(size_t)p * g->nprof + s + ((size_t)b - (size_t)as) * g->stride[p]]);
}

/* Row i's activity at the basic solution, sum over basic profiles of
** coefficient times x_B, into X->v (zero coefficients skipped). */
static void row_activity(struct cex *X, size_t i)
{
    mpq_set_ui(X->v, 0, 1);
    for (int j = 0; j < X->k; j++) {
        coef_q(X, i, (size_t)X->bc[j]);
        if (mpq_sgn(X->t) == 0)
            continue;
        mpq_mul(X->t, X->t, X->x[j]);
        mpq_add(X->v, X->v, X->t);
    }
}

/* The objective in rationals: o's, or cobj's doubles read exactly. */
static void objective_q(struct cex *X, const eq_solve_opts *o, const double *cobj)
{
    const eq_game *g = X->m->g;
    for (size_t s = 0; s < g->nprof; s++) {
        if (cobj != NULL) {
            mpq_set_d(X->c[s], cobj[s]);
        } else if (o->objective == EQ_OBJ_WELFARE) {
            mpq_set_ui(X->c[s], 0, 1);
            for (int p = 0; p < g->n; p++)
                mpq_add(X->c[s], X->c[s], X->u[(size_t)p * g->nprof + s]);
        } else if (o->objective == EQ_OBJ_PLAYER) {
            mpq_set(X->c[s], X->u[(size_t)o->obj_player * g->nprof + s]);
        } else {
            int a = (int)((s / g->stride[o->obj_player]) % (size_t)g->nact[o->obj_player]);
            mpq_set_ui(X->c[s], a == o->obj_action, 1);
        }
    }
}

/* Solve the basis system for X->x and its transpose for X->y: B's
** columns restricted to T's rows, right-hand side the rows' bounds; the
** transpose's, the basic columns' costs.  The matrix is sparse (row
** (p, a, a') of a CE holds only the profiles where p is told a), so it is
** gathered row-wise without its zeros and both systems are solved on one
** sparse elimination (sparseq.c), which polls X->G.  0, 1 singular, 2
** stopped, -1 memory. */
static int basis_solve(struct cex *X)
{
    size_t k = (size_t)X->k, nnz = 0, cap = 4 * k + 1;
    int *rowptr = malloc((k + 1) * sizeof *rowptr), *col = malloc(cap * sizeof *col);
    mpq_t *val = eqi_mpq_alloc(cap), *rhs = eqi_mpq_alloc(k), *cb = eqi_mpq_alloc(k);
    int rc = -1;
    if (rowptr == NULL || col == NULL || val == NULL || rhs == NULL || cb == NULL)
        goto done;
    for (size_t r = 0; r < k; r++) {
        rowptr[r] = (int)nnz;
        for (size_t j = 0; j < k; j++) {
            coef_q(X, (size_t)X->tr[r], (size_t)X->bc[j]);
            if (mpq_sgn(X->t) == 0)
                continue;
            if (nnz == cap) {
                size_t nc = 2 * cap;
                int *c2 = realloc(col, nc * sizeof *c2);
                mpq_t *v2;
                if (c2 == NULL)
                    goto done;
                col = c2;
                if ((v2 = realloc(val, nc * sizeof *v2)) == NULL)
                    goto done;
                val = v2;
                for (size_t e = cap; e < nc; e++)
                    mpq_init(val[e]);
                cap = nc;
            }
            col[nnz] = (int)j;
            mpq_set(val[nnz++], X->t);
        }
        mpq_set_ui(rhs[r], (size_t)X->tr[r] == X->m->nrows, 1);
        mpq_set(cb[r], X->c[X->bc[r]]);
    }
    rowptr[k] = (int)nnz;
    rc = eqi_sparse_solve((int)k, rowptr, col, val, rhs, X->x, cb, X->y, X->G);
done:
    free(rowptr);
    free(col);
    eqi_mpq_free(val, cap);
    eqi_mpq_free(rhs, k);
    eqi_mpq_free(cb, k);
    return rc;
}

/* Whether a sign is wrong for the direction: a tight incentive row's dual
** must be <= 0 when maximising (>= 0 minimising), and so must a
** non-basic column's reduced cost. */
static int wrong_sign(const eq_solve_opts *o, int sgn)
{
    return o->maximize ? sgn > 0 : sgn < 0;
}

/* The checks on X's solved basis: that x_B and y_T solve the basis
** systems (the tight rows' activities and the basic columns' reduced
** costs exactly 0, so the proof does not rest on the solver), primal
** feasibility (x_B >= 0, every row within its bounds) and dual
** feasibility (signs of the tight rows' duals and the non-basic columns'
** reduced costs).  0 when all hold, else 1 with the reason in why. */
static int basis_checks(struct cex *X, const eq_solve_opts *o, char *why, size_t len)
{
    const struct ce *m = X->m;
    const eq_game *g = m->g;
    for (int j = 0; j < X->k; j++)
        if (mpq_sgn(X->x[j]) < 0) {
            snprintf(why, len, "profile %d would have probability %.3g < 0 "
                     "(not primal feasible)", X->bc[j], mpq_get_d(X->x[j]));
            return 1;
        }
    for (size_t s = 0; s < g->nprof; s++)
        mpq_set_ui(X->pi[s], 0, 1);
    for (int j = 0; j < X->k; j++)
        mpq_set(X->pi[X->bc[j]], X->x[j]);
    for (size_t i = 0, t = 0; i <= m->nrows; i++) {
        int tight = t < (size_t)X->k && (size_t)X->tr[t] == i;
        t += (size_t)tight;
        row_activity(X, i);
        if (tight && i < m->nrows && mpq_sgn(X->v) != 0) {
            snprintf(why, len, "the basis system's solution is wrong (a tight "
                     "row's activity is %.3g)", mpq_get_d(X->v));
            return 1;
        }
        if (i < m->nrows ? mpq_sgn(X->v) < 0 : mpq_cmp_ui(X->v, 1, 1) != 0) {
            char w[120];
            row_words(m, i, w, sizeof w);
            snprintf(why, len, "the row \"%s\" is violated, its activity %.3g "
                     "(not primal feasible)", w, mpq_get_d(X->v));
            return 1;
        }
    }
    for (int t = 0; t < X->k; t++)
        if ((size_t)X->tr[t] < m->nrows && wrong_sign(o, mpq_sgn(X->y[t]))) {
            char w[120];
            row_words(m, (size_t)X->tr[t], w, sizeof w);
            snprintf(why, len, "the dual of the row \"%s\" has the wrong sign "
                     "(not dual feasible)", w);
            return 1;
        }
    for (size_t s = 0, j = 0; s < g->nprof; s++) {
        int basic = j < (size_t)X->k && (size_t)X->bc[j] == s;
        j += (size_t)basic;
        mpq_set(X->v, X->c[s]);
        for (int t = 0; t < X->k; t++) {
            coef_q(X, (size_t)X->tr[t], s);
            if (mpq_sgn(X->t) == 0)
                continue;
            mpq_mul(X->t, X->t, X->y[t]);
            mpq_sub(X->v, X->v, X->t);
        }
        if (basic && mpq_sgn(X->v) != 0) {
            snprintf(why, len, "the basis system's solution is wrong (a basic "
                     "profile's reduced cost is %.3g)", mpq_get_d(X->v));
            return 1;
        }
        if (wrong_sign(o, mpq_sgn(X->v))) {
            snprintf(why, len, "profile %zu has a reduced cost of the wrong sign, "
                     "%.3g (not dual feasible)", s, mpq_get_d(X->v));
            return 1;
        }
    }
    return 0;
}

/* Split lp's final basis into X->bc and X->tr; 0, or 1 (why) when it is
** not a basis this certificate reads. */
static int basis_split(struct cex *X, const eqi_lp *lp, char *why, size_t len)
{
    const struct ce *m = X->m;
    int nb = 0, nt = 0;
    for (size_t s = 0; s < m->g->nprof; s++) {
        eqi_lp_bstat st = eqi_lp_col_bstat(lp, (int)s);
        if (st == EQI_LP_BS_BASIC) {
            if (nb == X->kmax) {
                snprintf(why, len, "GLPK's basis is not square");
                return 1;
            }
            X->bc[nb++] = (int)s;
        } else if (st != EQI_LP_BS_LOWER) {
            snprintf(why, len, "GLPK returned no basis");
            return 1;
        }
    }
    for (size_t i = 0; i <= m->nrows; i++) {
        eqi_lp_bstat st = eqi_lp_row_bstat(lp, (int)i);
        if (st == EQI_LP_BS_NONE) {
            snprintf(why, len, "GLPK returned no basis");
            return 1;
        }
        if (st != EQI_LP_BS_BASIC) {
            if (nt == nb) {
                snprintf(why, len, "GLPK's basis is not square");
                return 1;
            }
            X->tr[nt++] = (int)i;
        }
    }
    if (nt != nb) {
        snprintf(why, len, "GLPK's basis is not square");
        return 1;
    }
    X->k = nb;
    return 0;
}

static void cex_free(struct cex *X)
{
    size_t np = X->m->g->nprof;
    eqi_mpq_free(X->u, (size_t)X->m->g->n * np);
    eqi_mpq_free(X->c, np);
    eqi_mpq_free(X->pi, np);
    eqi_mpq_free(X->x, (size_t)X->kmax);
    eqi_mpq_free(X->y, (size_t)X->kmax);
    free(X->bc);
    free(X->tr);
    mpq_clears(X->t, X->v, NULL);
}

/* Make X for m's game; 0, or -1 for lack of memory (X then freed). */
static int cex_init(struct cex *X, const struct ce *m, const eq_solve_opts *o,
                    const double *cobj)
{
    const eq_game *g = m->g;
    size_t np = g->nprof, nr = m->nrows + 1;
    memset(X, 0, sizeof *X);
    X->m = m;
    mpq_inits(X->t, X->v, NULL);
    X->u = eqi_mpq_alloc((size_t)g->n * np);
    X->c = eqi_mpq_alloc(np);
    X->pi = eqi_mpq_alloc(np);
    /* A basis has as many basic columns as tight rows: at most the
    ** smaller count (below INT_MAX: layout() holds GLPK's limits). */
    X->kmax = (int)(np < nr ? np : nr);
    X->x = eqi_mpq_alloc((size_t)X->kmax);
    X->y = eqi_mpq_alloc((size_t)X->kmax);
    X->bc = malloc((size_t)X->kmax * sizeof *X->bc);
    X->tr = malloc((size_t)X->kmax * sizeof *X->tr);
    if (!X->u || !X->c || !X->pi || !X->x || !X->y || !X->bc || !X->tr) {
        cex_free(X);
        return -1;
    }
    for (int p = 0; p < g->n; p++)
        for (size_t s = 0; s < np; s++)
            eqi_game_exact_payoff(g, p, s, X->u[(size_t)p * np + s]);
    objective_q(X, o, cobj);
    return 0;
}

/*
** Certify lp's final basis as the exact optimum of the LP on the game's
** rational payoffs: solve B's system for x_B and y_T in rationals, then
** check primal and dual feasibility exactly.  Returns 0 (certified: the
** distribution in X->pi), 1 (not: the reason in why), 2 (stopped by
** X->G: the cancellation callback or the time limit), or -1 (memory).
*/
static int certify(struct cex *X, const eq_solve_opts *o, const eqi_lp *lp,
                   char *why, size_t len)
{
    int rc;
    if (basis_split(X, lp, why, len) != 0)
        return 1;
    rc = basis_solve(X);
    if (rc < 0 || rc == 2)
        return rc;
    if (rc > 0) {
        snprintf(why, len, "GLPK's basis is singular in exact arithmetic");
        return 1;
    }
    return basis_checks(X, o, why, len);
}

/* ------------------------------------------------------------------ */
/* The method                                                           */
/* ------------------------------------------------------------------ */

static eq_status check_opts(const eq_game *g, const eq_solve_opts *o, char *err)
{
    if (o->objective != EQ_OBJ_WELFARE && o->objective != EQ_OBJ_PLAYER &&
        o->objective != EQ_OBJ_ACTION)
        return eqi_error(err, EQ_ERR_ARG, "correlated: unknown objective %d",
                         (int)o->objective);
    if (o->objective != EQ_OBJ_WELFARE &&
        (o->obj_player < 0 || o->obj_player >= g->n))
        return eqi_error(err, EQ_ERR_ARG,
                         "correlated: objective player %d out of range "
                         "(the game has %d players, numbered from 0)",
                         o->obj_player, g->n);
    if (o->objective == EQ_OBJ_ACTION &&
        (o->obj_action < 0 || o->obj_action >= g->nact[o->obj_player]))
        return eqi_error(err, EQ_ERR_ARG,
                         "correlated: objective action %d out of range "
                         "(player %d has %d actions, numbered from 0)",
                         o->obj_action, o->obj_player, g->nact[o->obj_player]);
    return EQ_OK;
}

/*
** Solve the LP to optimality, with ranges if asked.  The dual simplex: on
** random 3-player games with 10 and 20 actions each it is 5 to 10 times
** faster than the primal one, which GLPK's presolver and scaling do not
** speed up (the coefficients already lie in [-1, 1]).  o->tol is relative
** to the payoffs' range, which the map made 1, so it is GLPK's tolerance
** as it is; the certificate of the result is then of the order of tol
** times the payoffs' range.  Fails with lp.c's codes, or EQ_ERR_NUMERIC
** when the LP ends other than optimal.
*/
static eq_status solve_lp(eqi_lp *lp, const eq_solve_opts *o, int ranges,
                          eqi_guard *G, char *err)
{
    eqi_lp_parm parm;
    eq_status s;
    eqi_lp_parm_init(&parm);
    parm.guard = G;
    parm.method = EQI_LP_DUAL;
    parm.scale = 0;
    parm.tol = o->tol;
    parm.ranging = ranges;
    s = eqi_lp_solve(lp, &parm);
    if (s == EQ_OK && eqi_lp_status(lp) != EQI_LP_OPTIMAL) {
        /* The LP is feasible and bounded, so this is roundoff: payoffs
        ** that differ by about the tolerance make incentive rows of tiny
        ** coefficients, which the dual simplex may judge infeasible.  Try
        ** the primal simplex, then finish its basis in rational
        ** arithmetic (glp_exact), which settles such cases. */
        parm.method = EQI_LP_PRIMAL;
        s = eqi_lp_solve(lp, &parm);
        if (s == EQ_OK && eqi_lp_status(lp) != EQI_LP_OPTIMAL) {
            parm.exact = 1;
            s = eqi_lp_solve(lp, &parm);
        }
    }
    if (s != EQ_OK)
        return eqi_error(err, s, "correlated: %s", eqi_lp_errmsg(lp));
    if (eqi_lp_status(lp) != EQI_LP_OPTIMAL)
        /* Feasible (every Nash equilibrium is a CE) and bounded (pi lies
        ** in the simplex): only numerical trouble ends anywhere else. */
        return eqi_error(err, EQ_ERR_NUMERIC,
                         "correlated: the LP ended %s instead of optimal",
                         eqi_lp_sol_name(eqi_lp_status(lp)));
    return EQ_OK;
}

/* The workspace the call's guard carries (eqi_solve_ws), or NULL. */
static eqi_ce_ws *guard_ws(const eq_solve_opts *o, const eq_result *r)
{
    eqi_guard *G = r->guard != NULL ? r->guard : eqi_guard_of(o->limits);
    return G != NULL ? G->cews : NULL;
}

eq_status eqi_solve_correlated(const eq_game *g, const eq_solve_opts *o,
                               eq_result *r)
{
    return eqi_solve_correlated_with(g, o, NULL, guard_ws(o, r), r);
}

/* The certified optimum into X: lp's basis certified (certify), refined
** once by glp_exact when it is not.  EQ_ERR_NUMERIC when it cannot be
** certified; X is freed on failure. */
static eq_status exact_optimum(const struct ce *m, const eq_solve_opts *o,
                               const double *cobj, eqi_lp *lp, int ranges,
                               eqi_guard *G, struct cex *X, char *err)
{
    char why[200] = "";
    eqi_lp_parm parm;
    int rc;
    if (cex_init(X, m, o, cobj) != 0)
        return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    X->G = G;
    rc = certify(X, o, lp, why, sizeof why);
    if (rc == 1) {
        /* GLPK's rational simplex from its basis, on the LP's doubles: it
        ** settles roundoff, though the doubles are the scaled payoffs'
        ** roundings, so the check on the payoffs themselves is made again. */
        eq_status s;
        eqi_lp_parm_init(&parm);
        parm.guard = G;
        parm.method = EQI_LP_DUAL;
        parm.scale = 0;
        parm.tol = o->tol;
        parm.ranging = ranges;
        parm.exact = 1;
        if ((s = eqi_lp_solve(lp, &parm)) != EQ_OK) {
            cex_free(X);
            return eqi_error(err, s, "correlated: %s", eqi_lp_errmsg(lp));
        }
        if (eqi_lp_status(lp) == EQI_LP_OPTIMAL)
            rc = certify(X, o, lp, why, sizeof why);
        X->refined = 1;
    }
    if (rc != 0) {
        cex_free(X);
        if (rc < 0)
            return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
        if (rc == 2)
            return eqi_guard_fail(G, err, "correlated: exact certificate");
        return eqi_error(err, EQ_ERR_NUMERIC,
                         "correlated: the optimum is not certified in exact "
                         "arithmetic: %s", why);
    }
    return EQ_OK;
}

/* Equilibrium k's exact text from X's certified distribution: the
** marginals, the payoffs, the certificate (the largest gain of a
** deviation, in rationals), the distribution and the value; the doubles
** of payoffs and value made those fractions'.  0, or -1 for memory. */
static int exact_fill(struct cex *X, eq_result *r, int k)
{
    const struct ce *m = X->m;
    const eq_game *g = m->g;
    size_t np = g->nprof, tot = (size_t)r->tot, base = (size_t)k * tot;
    mpq_t *marg = eqi_mpq_alloc(tot);
    int fail = marg == NULL;
    if (fail || (r->dist_x = calloc(np, sizeof *r->dist_x)) == NULL) {
        eqi_mpq_free(marg, tot);
        return -1;
    }
    mpq_set_ui(X->v, 0, 1);
    for (size_t s = 0; s < np; s++) {
        size_t o = 0;
        for (int p = 0; p < g->n; o += (size_t)g->nact[p], p++)
            mpq_add(marg[o + (s / g->stride[p]) % (size_t)g->nact[p]],
                    marg[o + (s / g->stride[p]) % (size_t)g->nact[p]], X->pi[s]);
        mpq_mul(X->t, X->pi[s], X->c[s]);
        mpq_add(X->v, X->v, X->t);
        fail |= (r->dist_x[s] = eqi_rational_str(X->pi[s])) == NULL;
    }
    fail |= (r->value_x = eqi_rational_str(X->v)) == NULL;
    r->value = mpq_get_d(X->v);
    for (size_t i = 0; i < tot; i++)
        fail |= (r->prob_x[base + i] = eqi_rational_str(marg[i])) == NULL;
    for (int p = 0; p < g->n; p++) {
        mpq_set_ui(X->v, 0, 1);
        for (size_t s = 0; s < np; s++) {
            mpq_mul(X->t, X->pi[s], X->u[(size_t)p * np + s]);
            mpq_add(X->v, X->v, X->t);
        }
        r->pay[(size_t)k * (size_t)g->n + (size_t)p] = mpq_get_d(X->v);
        fail |= (r->pay_x[(size_t)k * (size_t)g->n + (size_t)p] = eqi_rational_str(X->v)) == NULL;
    }
    /* The certificate: max(0, max over incentive rows of -activity). */
    mpq_set_ui(marg[0], 0, 1);
    for (size_t i = 0; i < m->nrows; i++) {
        row_activity(X, i);
        mpq_neg(X->v, X->v);
        if (mpq_cmp(X->v, marg[0]) > 0)
            mpq_set(marg[0], X->v);
    }
    fail |= (r->regret_x[k] = eqi_rational_str(marg[0])) == NULL;
    r->regret[k] = mpq_get_d(marg[0]);
    eqi_mpq_free(marg, tot);
    return fail ? -1 : 0;
}

/* The solved LP's equilibrium into r (from X's certified distribution
** when X is not NULL), with its rows and ranges if asked. */
static eq_status record(const struct ce *m, const eq_solve_opts *o, const eqi_lp *lp,
                        int ranges, eqi_ce_ws *ws, struct cex *X, eq_result *r)
{
    const eq_game *g = m->g;
    double *pi = ws->pi, *probs = ws->probs, sum = 0.0, value = 0.0;
    int act[EQ_MAX_PLAYERS] = { 0 }, off[EQ_MAX_PLAYERS], tot = 0, k;
    eq_status s;

    for (int p = 0; p < g->n; p++) {
        off[p] = tot;
        tot += g->nact[p];
    }
    memset(probs, 0, (size_t)tot * sizeof *probs);
    /* pi: roundoff below zero cleared, rescaled to sum to 1; or the
    ** certified fractions, rounded. */
    for (size_t j = 0; j < g->nprof; j++) {
        double v = X != NULL ? mpq_get_d(X->pi[j]) : eqi_lp_col_value(lp, (int)j);
        pi[j] = v > CE_CLEAN || (X != NULL && v > 0.0) ? v : 0.0;
        sum += pi[j];
    }
    if (!(sum > 0.0))
        return eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                         "correlated: the LP's solution is not a distribution");
    if (X != NULL)
        sum = 1.0;
    for (size_t j = 0; j < g->nprof; j++, next_profile(g, act)) {
        pi[j] /= sum;
        value += pi[j] * m->c[j];
        for (int p = 0; p < g->n; p++)
            probs[off[p] + act[p]] += pi[j];
    }
    r->exact = X != NULL;
    if ((k = eqi_result_add(r, g, probs)) < 0 ||
        eqi_result_set_distribution(r, k, pi) != 0)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    /* eqi_result_add judged the product of the marginals; a correlated
    ** equilibrium is judged by its own constraints, and pays what pi
    ** pays. */
    r->regret[k] = certificate(m, pi, ws->gain);
    for (int p = 0; p < g->n; p++) {
        double e = 0.0;
        for (size_t j = 0; j < g->nprof; j++)
            e += pi[j] * g->pay[p][j];
        r->pay[(size_t)k * (size_t)g->n + (size_t)p] = e;
    }
    r->value = value;
    if (X != NULL && exact_fill(X, r, k) != 0)
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    if (o->sensitivity && (s = sensitivity(m, o, lp, ranges, r)) != EQ_OK)
        return s;
    if (o->log != NULL) {
        char msg[320], basis[64] = "";
        if (X != NULL)
            snprintf(basis, sizeof basis, " (a basis of %d profiles)", X->k);
        snprintf(msg, sizeof msg,
                 "correlated: %s LP with %zu rows and %zu columns solved in %d "
                 "simplex iterations%s%s", m->coarse ? "CCE" : "CE", m->nrows + 1,
                 g->nprof, eqi_lp_iterations(lp),
                 X == NULL ? ""
                 : X->refined ? "; optimum certified in exact arithmetic after "
                                "GLPK's rational simplex (glp_exact) refined the basis"
                              : "; optimum certified in exact arithmetic", basis);
        o->log(o->log_ud, 0, msg);
    }
    return EQ_OK;
}

/* The solve, its LP and buffers in ws. */
static eq_status solve_in(const eq_game *g, const eq_solve_opts *o,
                          const double *cobj, eqi_ce_ws *ws, eq_result *r)
{
    struct ce m;
    struct cex X;
    eqi_guard *G = r->guard ? r->guard : eqi_guard_of(o->limits);
    int tot = 0, ranges;
    size_t ng;
    void *q;
    eq_status s;

    if ((s = check_opts(g, o, r->errmsg)) != EQ_OK)
        return s;
    memset(&m, 0, sizeof m);
    m.g = g;
    m.coarse = o->coarse != 0;
    if ((s = layout(&m, r->errmsg)) != EQ_OK)
        return s;
    for (int p = 0; p < g->n; p++) {
        m.half[p] = half_range(g->pay[p], g->nprof);
        tot += g->nact[p];
    }
    ng = m.nrows ? m.nrows : 1;
    if (ROOM(ws->c, ws->capc, g->nprof, q) || ROOM(ws->pi, ws->cappi, g->nprof, q) ||
        ROOM(ws->probs, ws->capprobs, (size_t)tot, q) ||
        ROOM(ws->gain, ws->capgain, ng, q))
        return eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
    m.c = ws->c;
    if ((s = objective(&m, o, cobj, r->errmsg)) != EQ_OK ||
        (s = build(&m, o, ws, r->errmsg)) != EQ_OK)
        return s;

    ranges = o->sensitivity && o->objective != EQ_OBJ_ACTION && cobj == NULL;
    if ((s = solve_lp(ws->lp, o, ranges, G, r->errmsg)) != EQ_OK)
        return s;
    if (!o->exact)
        return record(&m, o, ws->lp, ranges, ws, NULL, r);
    if ((s = exact_optimum(&m, o, cobj, ws->lp, ranges, G, &X, r->errmsg)) != EQ_OK)
        return s;
    s = record(&m, o, ws->lp, ranges, ws, &X, r);
    cex_free(&X);
    return s;
}

eq_status eqi_solve_correlated_with(const eq_game *g, const eq_solve_opts *o,
                                    const double *cobj, eqi_ce_ws *ws,
                                    eq_result *r)
{
    struct eqi_ce_ws own;
    eq_status s;
    if (ws != NULL)
        return solve_in(g, o, cobj, ws, r);
    /* No workspace: memory of this call's own, freed before it returns. */
    memset(&own, 0, sizeof own);
    s = solve_in(g, o, cobj, &own, r);
    ws_clear(&own);
    return s;
}

/* ------------------------------------------------------------------ */
/* Calls that carry a workspace                                         */
/* ------------------------------------------------------------------ */

/* A guard of a call with ws on it, which eq_solve and eq_tree_solve take
** up as that of a nested call (eqi_guard_start); the limits are still
** checked by them, on their copy in *inner.  Under an outer call's guard,
** that call's workspace stands.  *guard must outlive the call. */
static void ws_guard(eqi_guard *guard, const eq_limits *lim, eqi_ce_ws *ws,
                     eq_limits *inner)
{
    eqi_guard *G = eqi_guard_start(guard, lim);
    if (G == guard)
        G->cews = ws;
    eqi_guard_nest(G, lim, inner);
}

eq_status eqi_solve_ws(const eq_game *g, const eq_solve_opts *o, eqi_ce_ws *ws,
                       eq_result **out)
{
    eq_solve_opts def, o2;
    eq_limits inner;
    eqi_guard guard;
    if (ws == NULL || out == NULL)
        return eq_solve(g, o, out);
    if (o == NULL) {
        eq_solve_opts_init(&def);
        o = &def;
    }
    ws_guard(&guard, o->limits, ws, &inner);
    o2 = *o;
    o2.limits = &inner;
    return eq_solve(g, &o2, out);
}

eq_status eqi_tree_solve_ws(const eq_tree *t, const eq_tree_opts *o, eqi_ce_ws *ws,
                            eq_tree_result **out)
{
    eq_tree_opts def, o2;
    eq_limits inner;
    eqi_guard guard;
    if (ws == NULL || out == NULL)
        return eq_tree_solve(t, o, out);
    if (o == NULL) {
        eq_tree_opts_init(&def);
        o = &def;
    }
    ws_guard(&guard, o->limits, ws, &inner);
    o2 = *o;
    o2.limits = &inner;
    return eq_tree_solve(t, &o2, out);
}

/* ------------------------------------------------------------------ */
/* A basis followed along a parameter (breakpoints, exact.c)            */
/* ------------------------------------------------------------------ */

void eqi_ce_basis_free(eqi_ce_basis *B)
{
    if (B == NULL)
        return;
    free(B->bc);
    free(B->tr);
    memset(B, 0, sizeof *B);
}

/* The layout of g's LP for o into m (objective left unset). */
static eq_status basis_layout(struct ce *m, const eq_game *g, const eq_solve_opts *o,
                              char *err)
{
    eq_status s;
    memset(m, 0, sizeof *m);
    m->g = g;
    m->coarse = o->coarse != 0;
    if ((s = check_opts(g, o, err)) != EQ_OK || (s = layout(m, err)) != EQ_OK)
        return s;
    return EQ_OK;
}

eq_status eqi_ce_basis_solve(const eq_game *g, const eq_solve_opts *o, const double *cobj,
                             eqi_ce_basis *B, char *err)
{
    struct ce m;
    struct cex X;
    eqi_ce_ws ws;
    eq_solve_opts o2 = *o;
    char why[200];
    eq_status s;
    int rc;

    memset(B, 0, sizeof *B);
    memset(&ws, 0, sizeof ws);
    o2.sensitivity = 0;
    o2.exact = 0;
    if ((s = basis_layout(&m, g, &o2, err)) != EQ_OK)
        return s;
    for (int p = 0; p < g->n; p++)
        m.half[p] = half_range(g->pay[p], g->nprof);
    if ((m.c = malloc(g->nprof * sizeof *m.c)) == NULL)
        return eqi_error(err, EQ_ERR_NOMEM, "out of memory");
    if ((s = objective(&m, &o2, cobj, err)) == EQ_OK && (s = build(&m, &o2, &ws, err)) == EQ_OK)
        s = solve_lp(ws.lp, &o2, 0, eqi_guard_of(o->limits), err);
    if (s == EQ_OK) {
        if (cex_init(&X, &m, &o2, cobj) != 0) {
            s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
        } else {
            rc = basis_split(&X, ws.lp, why, sizeof why);
            if (rc != 0) {
                s = eqi_error(err, EQ_ERR_NUMERIC, "correlated: %s", why);
            } else {
                B->k = X.k;
                B->bc = malloc(((size_t)X.k + 1) * sizeof *B->bc);
                B->tr = malloc(((size_t)X.k + 1) * sizeof *B->tr);
                if (B->bc == NULL || B->tr == NULL) {
                    eqi_ce_basis_free(B);
                    s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
                } else {
                    memcpy(B->bc, X.bc, (size_t)X.k * sizeof *B->bc);
                    memcpy(B->tr, X.tr, (size_t)X.k * sizeof *B->tr);
                }
            }
            cex_free(&X);
        }
    }
    free(m.c);
    ws_clear(&ws);
    return s;
}

size_t eqi_ce_margins_len(const eq_game *g, const eq_solve_opts *o, const eqi_ce_basis *B)
{
    struct ce m;
    char err[EQI_ERRMAX];
    if (basis_layout(&m, g, o, err) != EQ_OK)
        return 0;
    return 2 * (size_t)B->k + g->nprof + m.nrows + 1;
}

/* The margins of X's solved basis into mg (see exact.h). */
static void margins_of(struct cex *X, const eq_solve_opts *o, mpq_t *mg)
{
    const struct ce *m = X->m;
    const eq_game *g = m->g;
    size_t at = 0;
    for (int j = 0; j < X->k; j++)
        mpq_set(mg[at++], X->x[j]);
    for (int t = 0; t < X->k; t++, at++) {
        if ((size_t)X->tr[t] == m->nrows)
            mpq_set_ui(mg[at], 1, 1);           /* free: no sign */
        else if (o->maximize)
            mpq_neg(mg[at], X->y[t]);
        else
            mpq_set(mg[at], X->y[t]);
    }
    for (size_t s = 0, j = 0; s < g->nprof; s++, at++) {
        if (j < (size_t)X->k && (size_t)X->bc[j] == s) {
            mpq_set_ui(mg[at], 1, 1);           /* basic: 0 by construction */
            j++;
            continue;
        }
        mpq_set(X->v, X->c[s]);
        for (int t = 0; t < X->k; t++) {
            coef_q(X, (size_t)X->tr[t], s);
            if (mpq_sgn(X->t) == 0)
                continue;
            mpq_mul(X->t, X->t, X->y[t]);
            mpq_sub(X->v, X->v, X->t);
        }
        if (o->maximize)
            mpq_neg(mg[at], X->v);
        else
            mpq_set(mg[at], X->v);
    }
    for (size_t i = 0; i <= m->nrows; i++, at++) {
        row_activity(X, i);
        if (i == m->nrows)
            mpq_set_ui(mg[at], 1, 1);           /* sum pi = 1 by construction */
        else
            mpq_set(mg[at], X->v);
    }
}

int eqi_ce_margins(const eq_game *g, const eq_solve_opts *o, const double *cobj,
                   mpq_t *uq, const eqi_ce_basis *B, mpq_t *mg)
{
    struct ce m;
    struct cex X;
    char err[EQI_ERRMAX];
    int rc;
    if (basis_layout(&m, g, o, err) != EQ_OK)
        return 1;
    if (cex_init(&X, &m, o, cobj) != 0)
        return -1;
    if (B->k > X.kmax) {
        cex_free(&X);
        return 1;
    }
    if (uq != NULL) {
        for (size_t i = 0; i < (size_t)g->n * g->nprof; i++)
            mpq_set(X.u[i], uq[i]);
        objective_q(&X, o, cobj);
    }
    X.k = B->k;
    memcpy(X.bc, B->bc, (size_t)B->k * sizeof *X.bc);
    memcpy(X.tr, B->tr, (size_t)B->k * sizeof *X.tr);
    rc = basis_solve(&X);
    if (rc == 0)
        margins_of(&X, o, mg);
    cex_free(&X);
    return rc;
}
