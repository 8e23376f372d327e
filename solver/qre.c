/*
** qre.c -- the principal branch of the logit quantal response equilibrium
** (QRE) correspondence of an n-player strategic-form game, followed from
** the centroid at lambda = 0 towards lambda -> infinity, and the Nash
** equilibrium at its end, polished by Newton's method on its support.
**
** THE CORRESPONDENCE (McKelvey and Palfrey, "Quantal response equilibria
** for normal form games", GEB 10, 1995).  Player p's logit response to a
** profile sigma is sigma_p(a) = exp(lambda u_p(a)) / sum_b exp(lambda
** u_p(b)), where u_p(a) is p's expected payoff from pure action a against
** the others' mixed strategies.  At lambda = 0 the only solution is the
** centroid; as lambda -> infinity the solutions approach Nash equilibria.
** For generic games the solutions starting at the centroid form one smooth
** curve, the principal branch, whose end is a unique Nash equilibrium, the
** "logit solution" (Turocy, "A dynamic homotopy interpretation of the
** logistic quantal response equilibrium correspondence", GEB 51, 2005).
**
** THE PATH SYSTEM.  The unknowns are the log-probabilities l_pa =
** log sigma_p(a) of all N = sum_p k_p actions and lambda: y = (l, lambda),
** N + 1 numbers.  For each player p, with action 0 as reference,
**     H_p0(y) = sum_a exp(l_pa) - 1                          = 0,
**     H_pa(y) = l_pa - l_p0 - lambda (u_p(a) - u_p(0))      = 0, a >= 1,
** N equations.  Working in log-probabilities keeps the equations well
** scaled when probabilities vanish like exp(-lambda * gap): an inferior
** action's l_pa simply decreases linearly in lambda.  The Jacobian (N rows,
** N + 1 columns) is dense:
**     dH_p0 / dl_pa = sigma_p(a),
**     dH_pa / dl_pa = 1,  dH_pa / dl_p0 = -1,
**     dH_pa / dl_qb = -lambda (M_pq[a][b] - M_pq[0][b]) sigma_q(b), q != p,
**     dH_pa / dlambda = -(u_p(a) - u_p(0)),
** where M_pq[a][b] = d u_p(a) / d sigma_q(b) is p's expected payoff from
** a when q plays b and everyone else mixes: the payoff tensor of p
** contracted with sigma_r along every axis r other than p and q (a chain
** of dgemv calls on OpenBLAS, as in regret.c).  u_p = M_pq sigma_q for any
** q != p.
**
** FOLLOWING THE PATH: the predictor-corrector continuation of path.c
** (Allgower and Georg, "Introduction to Numerical Continuation Methods",
** 1990), with its step control, fold and bifurcation handling.  In
** degenerate games the path may approach a set of equilibria along which
** J turns singular, and the steps stall.  Beyond lambda = 1e3
** (normalised) the point reached is then refined (below) and accepted if
** its max regret is at most opts.tol times the payoff range; otherwise,
** and for any breakdown earlier on, the solve fails with EQ_ERR_NUMERIC.
** 100000 steps in one leg of the path (below: at most three legs, to
** lambda * range 1e6, then x100, x100 again up to 1e10) give EQ_ERR_LIMIT.
**
** SCALE.  The logit response is unchanged by adding a constant to one
** player's payoffs, so each player's payoffs are shifted to minimum 0; all
** are then divided by one common factor, the largest player's payoff
** range, so every normalised payoff lies in [0, 1].  (A common factor,
** not one per player, keeps the path the logit QRE of the game itself:
** lambda in original units is lambda / scale, which is what qre_path
** receives.)  The path stops when lambda * range_p >= 1e6 for every player
** whose payoffs are not constant (range_p in normalised units), or at
** lambda = 1e10, whichever comes first.  A player's range can overstate
** how far the path must go: with payoffs of 1 and 1e6 in one matrix his
** expected payoffs may differ by a millionth of his range.  So when the
** refined end (below) is not an equilibrium to the tolerance, the path is
** followed on from there, 100 times further each time, up to 1e10.  A
** player whose range is below 1e-4 of the largest (a player's choice that
** settles only past lambda = 1e10) gets a note: his regret is certified
** only relative to the whole game's range, like everyone's.  The path is
** followed in path.c's scaled metric (rel_dist), each coordinate measured
** relative to its size, max(1, |y_i|).  The log-probabilities of inferior
** actions grow like -lambda, and absolute units held the steps of such
** games to a few thousandths of lambda (54,328 steps for one 3-player game
** with payoffs 1 and 1e6; 173 with corrections measured relatively, 101
** in the scaled metric).  And where a player ends up mixing with a tiny
** probability that payoffs of 1e6 balance against payoffs of 1, that
** action's log-probability turns from falling like -lambda to settling,
** a turn far out (lambda ~ 1e7) too sharp for absolute units: 30 of 400
** random 2x3x2 games mixing 1 and 1e6 (tests/test_numerics.c's
** generator) were refused so, none since (tests/test_qre.c).
**
** REFINEMENT.  At the end of the path the probabilities of actions that
** are not best replies are below exp(-1e6 gap), but the mixed ones are
** still O(1/lambda) from their limit.  The support is read off the
** path point (actions with probability at least tau times the player's
** largest, for a few thresholds tau), and the Nash conditions on it,
**     u_p(a) - v_p = 0  for a in supp_p,   sum_{a in supp_p} sigma_p(a) = 1,
** (sum_p |supp_p| + n equations and unknowns, sigma off the support fixed
** at 0) are solved by Newton's method with the Jacobian
** d u_p(a) / d sigma_q(b) = M_pq[a][b], d / d v_p = -1.  For two players
** the system is linear and one step solves it.  Each step is the
** minimum-norm least-squares solution (LAPACK's dgelss, by the SVD): the
** plain Newton step when the equilibrium is regular, and still convergent
** when a degenerate game's equilibria on that support form a set.  Players
** with constant payoffs keep their (centroid) strategy.  A refined point
** replaces the path point only if its max regret (eq_game_regret, on the
** original payoffs) is smaller.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"

#define QRE_MAX_ACTIONS 2000   /* sum of action counts: dense (N+1)^2 */
#define QRE_LAMBDA_END 1e6     /* lambda * normalised payoff range at the end */
#define QRE_LAMBDA_CAP 1e10    /* never follow further than this */
#define QRE_LAMBDA_EXTEND 100.0 /* how much further when the end is not
                                   yet an equilibrium */
#define QRE_LAMBDA_SALVAGE 1e3 /* a breakdown beyond this still refines */
#define QRE_REFINE_MAX 50      /* Newton iterations of the refinement */
#define QRE_ACCEPT 1e-7        /* largest max regret returned, relative */

/* Everything one solve needs, allocated once. */
typedef struct qre_ws {
    int n;                          /* players */
    const int *nact;                /* action counts (the game's) */
    size_t nprof;                   /* profiles */
    int N;                          /* sum of action counts */
    int D;                          /* order of the largest square system */
    int off[EQ_MAX_PLAYERS];        /* player p's first action in vectors */
    int active[EQ_MAX_PLAYERS];     /* whether p's payoffs are not constant */
    double *pay[EQ_MAX_PLAYERS];    /* normalised payoff tensors */
    size_t moff[EQ_MAX_PLAYERS][EQ_MAX_PLAYERS]; /* M_pq's place in M */
    const double *prof[EQ_MAX_PLAYERS]; /* current mixed strategies */
    double *paybuf;                 /* n * nprof: the tensors */
    double *work;                   /* 2 * nprof: contraction buffers */
    int nomem;                      /* a regret check ran out of memory */
    double *M;                      /* every M_pq, p != q, k_p x k_q row-major */
    double *u;                      /* N: u_p(a) */
    double *sigma;                  /* N: probabilities */
    double *A;                      /* D * D, column-major */
    double *rhs;                    /* D */
    double *sv;                     /* D: singular values (refinement) */
    double *lsw;                    /* dgelss workspace */
    blasint nlsw;                   /* its length */
} qre_ws;

/* out[l, r] = sum_k v[k] * t[l, k, r]: contract the middle axis of a
** row-major L x K x R tensor with v (see regret.c). */
static void contract(const double *t, size_t L, size_t K, size_t R,
                     const double *v, double *out)
{
    if (R == 1) {
        eqi_dgemv(0, L, K, t, K, v, out);
        return;
    }
    for (size_t l = 0; l < L; l++)
        eqi_dgemv(1, K, R, t + l * K * R, R, v, out + l * R);
}

/* M_pq into out (k_p x k_q, row-major): player p's payoff tensor contracted
** with ws->prof[r] along every axis r other than p and q.  The axes are
** contracted from the last; before axis j goes, the tensor's shape is
** (k_0, ..., k_j) followed by those of p and q that lie beyond j. */
static void pair_matrix(qre_ws *ws, int p, int q, double *out)
{
    const double *cur = ws->pay[p];
    double *bufs[2] = { ws->work, ws->work ? ws->work + ws->nprof : NULL };
    int which = 0, lo = p < q ? p : q, hi = p < q ? q : p;
    size_t kp = (size_t)ws->nact[p], kq = (size_t)ws->nact[q];

    for (int j = ws->n - 1; j >= 0; j--) {
        size_t L = 1, K = (size_t)ws->nact[j], R = 1;
        if (j == p || j == q)
            continue;
        for (int i = 0; i < j; i++)
            L *= (size_t)ws->nact[i];
        if (hi > j)
            R *= (size_t)ws->nact[hi];
        if (lo > j)
            R *= (size_t)ws->nact[lo];
        contract(cur, L, K, R, ws->prof[j], bufs[which]);
        cur = bufs[which];
        which ^= 1;
    }
    /* cur is now k_lo x k_hi. */
    if (p < q) {
        memcpy(out, cur, kp * kq * sizeof *out);
    } else {
        for (size_t a = 0; a < kp; a++)
            for (size_t b = 0; b < kq; b++)
                out[a * kq + b] = cur[b * kp + a];
    }
}

/* Every M_pq and u_p at the profile ws->prof. */
static void eval_payoffs(qre_ws *ws)
{
    if (ws->n == 1) {
        memcpy(ws->u, ws->pay[0], (size_t)ws->nact[0] * sizeof *ws->u);
        return;
    }
    for (int p = 0; p < ws->n; p++) {
        int q0 = p == 0 ? 1 : 0;
        for (int q = 0; q < ws->n; q++)
            if (q != p)
                pair_matrix(ws, p, q, ws->M + ws->moff[p][q]);
        /* u_p = M_pq0 sigma_q0 */
        eqi_dgemv(0, (size_t)ws->nact[p], (size_t)ws->nact[q0],
                  ws->M + ws->moff[p][q0], (size_t)ws->nact[q0], ws->prof[q0],
                  ws->u + ws->off[p]);
    }
}

/* Point ws->prof at the players' parts of the N-vector s. */
static void set_profile(qre_ws *ws, const double *s)
{
    for (int p = 0; p < ws->n; p++)
        ws->prof[p] = s + ws->off[p];
}

/* H(y) into h (N) and its Jacobian into rows 0..N-1 of A (leading
** dimension N+1, columns 0..N; row N is left for the path follower): the
** eval function of the path system, ctx being the workspace.  Also leaves
** sigma = exp(l) in ws->sigma.  Returns -1 if anything is not finite. */
static int path_system(void *ctx, const double *y, double *h, double *A)
{
    qre_ws *ws = ctx;
    int N = ws->N;
    size_t ld = (size_t)N + 1;
    double lam = y[N];

    if (eqi_path_exp(y, N, ws->sigma) != 0)
        return -1;
    set_profile(ws, ws->sigma);
    eval_payoffs(ws);
    memset(A, 0, ld * ld * sizeof *A);
    for (int p = 0; p < ws->n; p++) {
        int o = ws->off[p], k = ws->nact[p];
        const double *up = ws->u + o;
        double s = 0.0;
        for (int a = 0; a < k; a++) {
            s += ws->sigma[o + a];
            A[(size_t)o + (size_t)(o + a) * ld] = ws->sigma[o + a];
        }
        h[o] = s - 1.0;
        for (int a = 1; a < k; a++) {
            size_t row = (size_t)(o + a);
            h[row] = y[o + a] - y[o] - lam * (up[a] - up[0]);
            A[row + row * ld] = 1.0;
            A[row + (size_t)o * ld] = -1.0;
            A[row + (size_t)N * ld] = -(up[a] - up[0]);
            for (int q = 0; q < ws->n; q++) {
                const double *Mpq = ws->M + ws->moff[p][q];
                int kq = ws->nact[q];
                if (q == p)
                    continue;
                for (int b = 0; b < kq; b++)
                    A[row + (size_t)(ws->off[q] + b) * ld] =
                        -lam * (Mpq[a * kq + b] - Mpq[b]) * ws->sigma[ws->off[q] + b];
            }
        }
    }
    if (!(eqi_norm_inf(h, N) < HUGE_VAL))
        return -1;
    return 0;
}

/* Probabilities of the path point y (renormalised per player, so they sum
** to 1 to rounding) into s. */
static void path_probs(const qre_ws *ws, const double *y, double *s)
{
    for (int p = 0; p < ws->n; p++) {
        int o = ws->off[p], k = ws->nact[p];
        double sum = 0.0;
        for (int a = 0; a < k; a++)
            sum += (s[o + a] = exp(y[o + a]));
        for (int a = 0; a < k; a++)
            s[o + a] /= sum;
    }
}

/* Max regret of the N-vector s in the original game; HUGE_VAL if s is not
** a profile eq_game_regret accepts, or when memory ran out (ws->nomem). */
static double regret_of(const eq_game *g, qre_ws *ws, const double *s)
{
    const double *prof[EQ_MAX_PLAYERS];
    double reg;
    eq_status st;
    for (int p = 0; p < ws->n; p++)
        prof[p] = s + ws->off[p];
    if ((st = eq_game_regret(g, prof, &reg, NULL)) != EQ_OK) {
        ws->nomem |= st == EQ_ERR_NOMEM;
        return HUGE_VAL;
    }
    return reg;
}

/* The players' groups of a profile vector, for path.c: goff[p] player
** p's first action, goff[n] = N. */
static void group_offsets(const qre_ws *ws, int *goff)
{
    for (int p = 0; p < ws->n; p++)
        goff[p] = ws->off[p];
    goff[ws->n] = ws->N;
}

/* Newton's method on the Nash conditions restricted to the support supp
** (one flag per action), starting from start; the result, zero off the
** support, into out.  Players whose payoffs are constant keep their
** strategy from start.  Returns 0, or -1 if the system is singular, the
** iteration diverges or a probability comes out clearly negative. */
static int refine(qre_ws *ws, const unsigned char *supp, const double *start,
                  double *out, int *vix)
{
    int m = 0, vp[EQ_MAX_PLAYERS], goff[EQ_MAX_PLAYERS + 1];
    double v[EQ_MAX_PLAYERS];
    blasint bm, one = 1, info = 0, rank = 0;
    double *A = ws->A, *F = ws->rhs, rcond = 1e-10;

    /* Unknowns: sigma_p(a) for a in supp_p, then v_p, player by player. */
    for (int p = 0; p < ws->n; p++) {
        int o = ws->off[p];
        double sum = 0.0;
        for (int a = 0; a < ws->nact[p]; a++) {
            vix[o + a] = -1;
            out[o + a] = start[o + a];
            if (!ws->active[p])
                continue;
            if (supp[o + a]) {
                vix[o + a] = m++;
                sum += start[o + a];
            } else {
                out[o + a] = 0.0;
            }
        }
        vp[p] = -1;
        if (!ws->active[p])
            continue;
        if (!(sum > 0.0))
            return -1;
        for (int a = 0; a < ws->nact[p]; a++)
            out[o + a] /= sum;
        vp[p] = m++;
    }
    if (m == 0)
        return 0;
    bm = (blasint)m;
    set_profile(ws, out);
    for (int it = 0; it < QRE_REFINE_MAX; it++) {
        int e = 0;
        double step;
        eval_payoffs(ws);
        memset(A, 0, (size_t)m * (size_t)m * sizeof *A);
        for (int p = 0; p < ws->n; p++) {
            int o = ws->off[p];
            double s = 0.0;
            if (!ws->active[p])
                continue;
            /* v_p starts as p's expected payoff. */
            if (it == 0)
                v[p] = cblas_ddot(ws->nact[p], ws->u + o, 1, out + o, 1);
            for (int a = 0; a < ws->nact[p]; a++) {
                if (vix[o + a] < 0)
                    continue;
                /* Row e: u_p(a) - v_p = 0. */
                F[e] = -(ws->u[o + a] - v[p]);
                A[(size_t)e + (size_t)vp[p] * (size_t)m] = -1.0;
                for (int q = 0; q < ws->n; q++) {
                    const double *Mpq = ws->M + ws->moff[p][q];
                    int kq = ws->nact[q];
                    if (q == p || !ws->active[q])
                        continue;
                    for (int b = 0; b < kq; b++)
                        if (vix[ws->off[q] + b] >= 0)
                            A[(size_t)e + (size_t)vix[ws->off[q] + b] * (size_t)m] =
                                Mpq[a * kq + b];
                }
                s += out[o + a];
                e++;
            }
            /* Row e: the probabilities on the support sum to 1. */
            F[e] = -(s - 1.0);
            for (int a = 0; a < ws->nact[p]; a++)
                if (vix[o + a] >= 0)
                    A[(size_t)e + (size_t)vix[o + a] * (size_t)m] = 1.0;
            e++;
        }
        /* Minimum-norm Newton step: the same as an LU solve when the
        ** equilibrium is regular, and still convergent when the game is
        ** degenerate and the equilibria on this support form a set. */
        dgelss_(&bm, &bm, &one, A, &bm, F, &bm, ws->sv, &rcond, &rank,
                ws->lsw, &ws->nlsw, &info);
        if (info != 0 || rank == 0)
            return -1;
        step = eqi_norm_inf(F, m);
        if (!(step < HUGE_VAL))
            return -1;
        for (int p = 0; p < ws->n; p++) {
            int o = ws->off[p];
            if (!ws->active[p])
                continue;
            for (int a = 0; a < ws->nact[p]; a++)
                if (vix[o + a] >= 0)
                    out[o + a] += F[vix[o + a]];
            v[p] += F[vp[p]];
        }
        if (step <= 1e-15)
            break;
    }
    /* A clearly negative probability means the support was wrong. */
    group_offsets(ws, goff);
    return eqi_path_clip(out, ws->n, goff);
}

static void ws_free(qre_ws *ws)
{
    free(ws->paybuf);
    free(ws->work);
    free(ws->M);
    free(ws->u);
    free(ws->sigma);
    free(ws->A);
    free(ws->rhs);
    free(ws->sv);
    free(ws->lsw);
}

/* Normalised payoffs and buffers.  *scale: OUT, the common divisor (0 if
** every payoff of every player is constant); *minrange: OUT, the smallest
** normalised range of an active player.  Returns 0 or -1 (no memory). */
static int ws_init(qre_ws *ws, const eq_game *g, double *scale,
                   double *minrange)
{
    size_t msize = 0, total, D2;
    double lo[EQ_MAX_PLAYERS], range[EQ_MAX_PLAYERS];

    memset(ws, 0, sizeof *ws);
    ws->n = g->n;
    ws->nact = g->nact;
    ws->nprof = g->nprof;
    for (int p = 0; p < g->n; p++) {
        ws->off[p] = ws->N;
        ws->N += g->nact[p];
    }
    ws->D = ws->N + g->n + 1;
    *scale = 0.0;
    for (int p = 0; p < g->n; p++) {
        double mn = g->pay[p][0], mx = g->pay[p][0];
        for (size_t i = 1; i < g->nprof; i++) {
            if (g->pay[p][i] < mn) mn = g->pay[p][i];
            if (g->pay[p][i] > mx) mx = g->pay[p][i];
        }
        lo[p] = mn;
        range[p] = mx - mn;
        if (range[p] > *scale)
            *scale = range[p];
    }
    *minrange = 1.0;
    for (int p = 0; p < g->n; p++) {
        ws->active[p] = range[p] > 0.0;
        if (ws->active[p] && *scale > 0.0 && range[p] / *scale < *minrange)
            *minrange = range[p] / *scale;
    }
    for (int p = 0; p < g->n; p++)
        for (int q = 0; q < g->n; q++)
            if (q != p) {
                ws->moff[p][q] = msize;
                msize += (size_t)g->nact[p] * (size_t)g->nact[q];
            }
    if (!eqi_mul_size((size_t)g->n, g->nprof, &total) ||
        !eqi_mul_size((size_t)ws->D, (size_t)ws->D, &D2))
        return -1;
    ws->paybuf = malloc(total * sizeof *ws->paybuf);
    if (g->n > 2)
        ws->work = malloc(2 * g->nprof * sizeof *ws->work);
    ws->M = malloc((msize ? msize : 1) * sizeof *ws->M);
    ws->u = malloc((size_t)ws->N * sizeof *ws->u);
    ws->sigma = malloc((size_t)ws->N * sizeof *ws->sigma);
    ws->A = malloc(D2 * sizeof *ws->A);
    ws->rhs = malloc((size_t)ws->D * sizeof *ws->rhs);
    ws->sv = malloc((size_t)ws->D * sizeof *ws->sv);
    if (ws->paybuf == NULL || (g->n > 2 && ws->work == NULL) || ws->M == NULL ||
        ws->u == NULL || ws->sigma == NULL || ws->A == NULL ||
        ws->rhs == NULL || ws->sv == NULL)
        return -1;
    {
        /* dgelss's workspace for the largest refinement system. */
        blasint d = (blasint)ws->D, one = 1, rank = 0, info = 0, query = -1;
        double opt = 0.0, rcond = -1.0;
        dgelss_(&d, &d, &one, ws->A, &d, ws->rhs, &d, ws->sv, &rcond, &rank,
                &opt, &query, &info);
        ws->nlsw = (blasint)opt > 6 * d ? (blasint)opt : 6 * d;
        ws->lsw = malloc((size_t)ws->nlsw * sizeof *ws->lsw);
        if (info != 0 || ws->lsw == NULL)
            return -1;
    }
    for (int p = 0; p < g->n; p++) {
        /* Shift to minimum 0 before dividing, so a large common offset
        ** costs no precision in the differences the path depends on. */
        double *dst = ws->pay[p] = ws->paybuf + (size_t)p * g->nprof;
        for (size_t i = 0; i < g->nprof; i++)
            dst[i] = *scale > 0.0 ? (g->pay[p][i] - lo[p]) / *scale : 0.0;
    }
    return 0;
}

/* Log a progress line through o->log, if set. */
static void note(const eq_solve_opts *o, const char *fmt, ...) EQI_PRINTF(2, 3);
static void note(const eq_solve_opts *o, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    if (o->log == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    o->log(o->log_ud, 0, buf);
}

/* The qre_path callback's data: each accepted point's probabilities. */
typedef struct qre_point {
    const qre_ws *ws;
    const eq_solve_opts *o;
    double *s;
    double scale;
} qre_point;

static void report_point(void *ud, const double *y)
{
    qre_point *pt = ud;
    path_probs(pt->ws, y, pt->s);
    pt->o->qre_path(pt->o->qre_ud, y[pt->ws->N] / pt->scale, pt->s);
}

/* The buffers of one solve, beside the workspace. */
typedef struct qre_bufs {
    double *y;           /* N + 1: the path's point (log-probabilities, lambda) */
    double *s;           /* N: the path's point as probabilities */
    double *cand;        /* N: a refined candidate */
    double *best;        /* N: the best candidate so far */
    unsigned char *supp; /* N: a candidate support */
    unsigned char *prev; /* N: the previous support tried */
    int *vix;            /* N: refine's scratch */
} qre_bufs;

/* Free the buffers of b; no operation for those already NULL. */
static void bufs_free(qre_bufs *b)
{
    free(b->y);
    free(b->s);
    free(b->cand);
    free(b->best);
    free(b->supp);
    free(b->prev);
    free(b->vix);
}

/* Allocate the buffers of b for N actions; -1 for lack of memory (what
** was allocated is left for bufs_free). */
static int bufs_init(qre_bufs *b, int N)
{
    b->y = malloc(((size_t)N + 1) * sizeof *b->y);
    b->s = malloc((size_t)N * sizeof *b->s);
    b->cand = malloc((size_t)N * sizeof *b->cand);
    b->best = malloc((size_t)N * sizeof *b->best);
    b->supp = malloc((size_t)N);
    b->prev = malloc((size_t)N);
    b->vix = malloc((size_t)N * sizeof *b->vix);
    if (!b->y || !b->s || !b->cand || !b->best || !b->supp || !b->prev || !b->vix)
        return -1;
    return 0;
}

/* The limits on the game's size and OpenBLAS's buffer; EQ_OK or the error,
** its message in r->errmsg. */
static eq_status check_limits(const eq_game *g, eq_result *r)
{
    int tot = 0;
    if (g->n < 1 || g->nprof == 0)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "qre: empty game");
    for (int p = 0; p < g->n; p++)
        tot += g->nact[p];
    if (tot > QRE_MAX_ACTIONS)
        return eqi_error(r->errmsg, EQ_ERR_LIMIT,
                         "qre: %d actions in all; at most %d", tot,
                         QRE_MAX_ACTIONS);
    /* The refinement's LAPACK call (dgelss) takes OpenBLAS's work buffer,
    ** whose mapping OpenBLAS would retry for ever. */
    if (!eqi_blas_buffer_ok())
        return eqi_error(r->errmsg, EQ_ERR_NOMEM,
                         "out of memory: no room for OpenBLAS's work buffer");
    return EQ_OK;
}

/* Follow the principal branch (path.c) from the point in b->y to lambda
** lam_end (normalised), reporting each point to o->qre_path if set; *ps
** gets the path's statistics. */
static eq_status follow_path(qre_ws *ws, const eq_solve_opts *o, qre_bufs *b,
                             double scale, double minrange, double lam_end,
                             eqi_path_stats *ps, char *errmsg)
{
    double scale_lambda = 1.0 / minrange;
    eqi_path_sys sys;
    eqi_path_opts po;
    qre_point pt;

    sys.N = ws->N;
    sys.eval = path_system;
    sys.ctx = ws;
    memset(&po, 0, sizeof po);
    po.who = "qre";
    po.lam_end = lam_end;
    po.lam_salvage = QRE_LAMBDA_SALVAGE * scale_lambda;
    po.lam_unit = scale;
    po.A = ws->A;
    po.guard = eqi_guard_of(o->limits);
    po.rel_dist = 1;
    pt.ws = ws;
    pt.o = o;
    pt.s = b->s;
    pt.scale = scale;
    if (o->qre_path != NULL) {
        po.point = report_point;
        po.ud = &pt;
    }
    return eqi_path_follow(&sys, &po, b->y, ps, errmsg);
}

/* What refine_supports' candidates need. */
typedef struct qre_refine_ctx {
    const eq_game *g;
    qre_ws *ws;
    qre_bufs *b;
} qre_refine_ctx;

static int refine_one(void *ctx, const unsigned char *supp, double *score)
{
    qre_refine_ctx *c = ctx;
    if (refine(c->ws, supp, c->b->s, c->b->cand, c->b->vix) != 0)
        return -1;
    *score = regret_of(c->g, c->ws, c->b->cand);
    return 0;
}

static void keep_one(void *ctx)
{
    qre_refine_ctx *c = ctx;
    memcpy(c->b->best, c->b->cand, (size_t)c->ws->N * sizeof *c->b->best);
}

/* Refine on the supports the path's point b->s indicates, keeping in
** b->best the candidate of smallest regret below *reg_best (which is
** updated); 1 if a refined candidate won, else 0. */
static int refine_supports(const eq_game *g, qre_ws *ws, qre_bufs *b, double *reg_best)
{
    qre_refine_ctx c = { g, ws, b };
    eqi_refiner R = { refine_one, keep_one, &c };
    int goff[EQ_MAX_PLAYERS + 1];
    group_offsets(ws, goff);
    return eqi_path_refine_supports(b->s, ws->n, goff, b->supp, b->prev, &R,
                                    reg_best);
}

eq_status eqi_solve_qre(const eq_game *g, const eq_solve_opts *o, eq_result *r)
{
    qre_ws ws;
    qre_bufs b;
    double scale, minrange, lam_end, reg_path = 0.0, reg_best = 0.0, *y;
    int N, refined = 0;
    eqi_path_stats ps;
    eq_status st = EQ_OK;

    memset(&b, 0, sizeof b);
    memset(&ps, 0, sizeof ps);
    if ((st = check_limits(g, r)) != EQ_OK)
        return st;
    if (ws_init(&ws, g, &scale, &minrange) != 0) {
        st = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    N = ws.N;
    if (bufs_init(&b, N) != 0) {
        st = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    y = b.y;

    /* The centroid at lambda = 0. */
    for (int p = 0; p < g->n; p++)
        for (int a = 0; a < g->nact[p]; a++)
            y[ws.off[p] + a] = -log((double)g->nact[p]);
    y[N] = 0.0;
    path_probs(&ws, y, b.s);
    if (o->qre_path != NULL)
        o->qre_path(o->qre_ud, 0.0, b.s);
    if (scale == 0.0) {
        /* Every payoff constant: the centroid is an equilibrium, and the
        ** logit response to anything is the centroid. */
        note(o, "qre: payoffs are constant; the centroid is the answer");
        if (eqi_result_add(r, g, b.s) < 0)
            st = EQ_ERR_NOMEM;
        goto done;
    }
    lam_end = fmin(QRE_LAMBDA_END / minrange, QRE_LAMBDA_CAP);
    if (QRE_LAMBDA_END / minrange > QRE_LAMBDA_CAP)
        note(o, "qre: a player's payoffs span only %.3g of the largest range; "
             "the path stops at lambda %g, before his choice need settle, and "
             "his regret is certified relative to the whole game's range",
             minrange, QRE_LAMBDA_CAP / scale);
    for (;;) {
        eqi_path_stats leg;
        if ((st = follow_path(&ws, o, &b, scale, minrange, lam_end, &leg,
                              r->errmsg)) != EQ_OK)
            goto done;
        ps.steps += leg.steps;
        ps.rejected += leg.rejected;
        ps.crossings += leg.crossings;
        ps.broke = leg.broke;

        /* Refine on the supports the path point indicates. */
        path_probs(&ws, y, b.s);
        reg_path = reg_best = regret_of(g, &ws, b.s);
        memcpy(b.best, b.s, (size_t)N * sizeof *b.best);
        refined = refine_supports(g, &ws, &b, &reg_best);
        note(o, "qre: %d steps (%d rejected, %d bifurcation points crossed) to "
             "lambda %g; max regret %.3g at the path's end, %.3g %s", ps.steps,
             ps.rejected, ps.crossings, y[N] / scale, reg_path, reg_best,
             refined ? "after Newton on the support" : "(kept)");
        /* lambda times a player's payoff range says little when his
        ** expected payoffs differ by a tiny fraction of that range (payoffs
        ** of 1 and 1e6 in one matrix): the path's end may not yet show
        ** the support.  Follow on, 100 times further each time, up to the
        ** cap. */
        if (ps.broke || ws.nomem || reg_best <= fmax(o->tol, QRE_ACCEPT) * scale ||
            lam_end >= QRE_LAMBDA_CAP)
            break;
        lam_end = fmin(lam_end * QRE_LAMBDA_EXTEND, QRE_LAMBDA_CAP);
        note(o, "qre: no equilibrium to the tolerance yet; following the path "
             "on to lambda %g", lam_end / scale);
    }
    if (ps.broke && !ws.nomem) {
        /* o->tol is relative to the payoffs' range (equilib.h). */
        if (!(reg_best <= o->tol * scale)) {
            st = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                           "qre: the path could not be followed beyond lambda "
                           "%g (the game is probably degenerate), and the "
                           "point reached has max regret %.3g", y[N] / scale,
                           reg_best);
            goto done;
        }
        note(o, "qre: the path broke down at lambda %g (a degenerate game?); "
             "the refined point is an equilibrium to max regret %.3g",
             y[N] / scale, reg_best);
    }
    /* Whether or not the path broke, what is returned must be an
    ** equilibrium to the tolerance (relative to the payoffs' range, and
    ** never looser than 1e-7): a badly scaled game whose end point Newton
    ** cannot polish is refused with its regret, never returned. */
    if (!ws.nomem && !(reg_best <= fmax(o->tol, QRE_ACCEPT) * scale)) {
        st = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                       "qre: the end of the path is an equilibrium only to max "
                       "regret %.3g (%.3g of the payoffs' range); the game is "
                       "probably badly scaled or degenerate: try enum or lemke",
                       reg_best, reg_best / scale);
        goto done;
    }
    if (ws.nomem || eqi_result_add(r, g, b.best) < 0)
        st = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");

done:
    ws_free(&ws);
    bufs_free(&b);
    return st;
}
