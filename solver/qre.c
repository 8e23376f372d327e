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
** PREDICTOR-CORRECTOR (Allgower and Georg, "Introduction to Numerical
** Continuation Methods", 1990, ch. 2 and 6).  The solution set of H = 0
** near a regular point is a curve; its unit tangent t is the null vector of
** the N x (N+1) Jacobian J.  Rather than factorising J^T by QR we solve the
** square augmented system
**     [ J       ] z = [ 0 ]
**     [ t_prev^T]     [ 1 ]
** by LU with partial pivoting (eqi_dgesv, LAPACK's dgesv on the calling
** thread: blas.h) and normalise z: z is in the null space of J, and
** z . t_prev = 1 > 0 keeps the direction of travel (through turning points
** where lambda decreases, too).  At the start t_prev = e_lambda: at
** lambda = 0 the block dH/dl is invertible, so the tangent has a non-zero
** lambda component.
** A step of arc length h predicts y + h t (Euler predictor); Newton's
** method then corrects within the hyperplane orthogonal to t, solving
**     [ J(y_k) ] d = - [ H(y_k) ]
**     [ t^T    ]       [ 0      ]    (pseudo arc-length continuation).
** Step control (Allgower and Georg, sec. 6.1): the length of the first
** Newton correction (absolute, in log-probability units) and the Newton
** contraction rate both grow like h^2, the angle between successive
** tangents like h.  Each, square-rooted where needed, is divided by its
** nominal value; h is divided by the worst ratio (so grows at most 1.5
** times per step), and the step is rejected and h halved when a ratio
** exceeds 2, Newton fails, or the orientation changes (below).  Far out the
** path in (l, lambda) is a straight ray, so h grows geometrically and
** lambda = 1e6 is reached in a few dozen steps.
** Orientation: sign det [J; t^T] is constant along a smooth arc.  A change
** means a step jumped across a fold onto a part of the curve that runs the
** other way (paths can pass close to themselves after two folds), and the
** step is retried shorter.  If it persists for steps of relative length
** 1e-6 it is a bifurcation point, met only in non-generic games (e.g. pure
** coordination, where the centroid is a QRE for every lambda and two
** branches split from it at lambda = 2): the path steps across it and goes
** on along the same branch.
** Breakdown: in degenerate games the path may approach a set of
** equilibria along which J turns singular, and the steps stall.  Beyond
** lambda = 1e3 (normalised) the point reached is then refined (below) and
** accepted if its max regret is at most opts.tol times the payoff range;
** otherwise, and for any breakdown earlier on, the solve fails with
** EQ_ERR_NUMERIC.  100000 steps in all give EQ_ERR_LIMIT.
**
** SCALE.  The logit response is unchanged by adding a constant to one
** player's payoffs, so each player's payoffs are shifted to minimum 0; all
** are then divided by one common factor, the largest player's payoff
** range, so every normalised payoff lies in [0, 1].  (A common factor,
** not one per player, keeps the path the logit QRE of the game itself:
** lambda in original units is lambda / scale, which is what qre_path
** receives.)  The path stops when lambda * range_p >= 1e6 for every player
** whose payoffs are not constant (range_p in normalised units).
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

#include "blas.h"
#include "internal.h"

/* LAPACK: the minimum-norm least-squares solution of A X = B by the SVD,
** singular values below rcond * s_max counted as zero; lwork = -1 asks for
** the optimal workspace size in work[0]. */
extern void dgelss_(const blasint *m, const blasint *n, const blasint *nrhs,
                    double *a, const blasint *lda, double *b,
                    const blasint *ldb, double *s, const double *rcond,
                    blasint *rank, double *work, const blasint *lwork,
                    blasint *info);

#define QRE_MAX_ACTIONS 2000   /* sum of action counts: dense (N+1)^2 */
#define QRE_MAX_STEPS 100000   /* predictor-corrector steps, accepted or not */
#define QRE_LAMBDA_END 1e6     /* lambda * normalised payoff range at the end */
#define QRE_LAMBDA_CAP 1e10    /* never follow further than this */
#define QRE_LAMBDA_SALVAGE 1e3 /* a breakdown beyond this still refines */
#define QRE_SALVAGE_STEPS 1000 /* steps beyond it that count as a breakdown */
#define QRE_BIF_H 1e-6         /* relative step size that may cross a
                                  bifurcation point */
#define QRE_H0 0.1             /* first step's arc length */
#define QRE_NEWTON_MAX 10      /* corrector iterations per step */
#define QRE_DIST_NOM 0.02      /* first Newton correction, nominal */
#define QRE_DIST_MAX 0.2       /* ... beyond which the step is rejected */
#define QRE_KAPPA_NOM 0.15     /* Newton contraction rate, nominal */
#define QRE_KAPPA_MAX 0.6      /* ... beyond which the step is rejected */
#define QRE_ANGLE_NOM 0.1      /* angle between tangents (radians), nominal */
#define QRE_GROW_MAX 1.5       /* largest growth of h in one step */
#define QRE_DECEL_MAX 2.0      /* a step that wants h cut more is rejected */
#define QRE_REFINE_MAX 50      /* Newton iterations of the refinement */

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
    double *M;                      /* every M_pq, p != q, k_p x k_q row-major */
    double *u;                      /* N: u_p(a) */
    double *sigma;                  /* N: probabilities */
    double *A;                      /* D * D, column-major */
    double *rhs;                    /* D */
    blasint *ipiv;                  /* D */
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

static double norm_inf(const double *v, int k)
{
    double m = 0.0;
    for (int i = 0; i < k; i++)
        if (fabs(v[i]) > m || v[i] != v[i])
            m = v[i] != v[i] ? HUGE_VAL : fabs(v[i]);
    return m;
}

/* H(y) into h (N) and its Jacobian into rows 0..N-1 of ws->A (leading
** dimension N+1, columns 0..N; row N is left for the caller).  Also leaves
** sigma = exp(l) in ws->sigma.  Returns -1 if anything is not finite. */
static int path_system(qre_ws *ws, const double *y, double *h)
{
    int N = ws->N;
    size_t ld = (size_t)N + 1;
    double lam = y[N], *A = ws->A;

    for (int i = 0; i < N; i++) {
        if (!isfinite(y[i]) || y[i] > 700.0)
            return -1;
        ws->sigma[i] = exp(y[i]);
    }
    if (!isfinite(lam))
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
    if (!(norm_inf(h, N) < HUGE_VAL))
        return -1;
    return 0;
}

/* Solve the (N+1)-square system in ws->A (rows 0..N-1 from path_system)
** with last row t and right-hand side rhs (overwritten by the solution).
** *sign: OUT, may be NULL: the sign of the matrix's determinant, from its
** LU factors (the product of U's diagonal, negated once per row swap).
** Returns -1 if the matrix is singular. */
static int augmented_solve(qre_ws *ws, const double *t, double *rhs, int *sign)
{
    blasint n = (blasint)ws->N + 1, one = 1, info = 0;
    for (int j = 0; j <= ws->N; j++)
        ws->A[(size_t)ws->N + (size_t)j * (size_t)n] = t[j];
    eqi_dgesv(&n, &one, ws->A, &n, ws->ipiv, rhs, &n, &info);
    if (info != 0)
        return -1;
    for (int j = 0; j < n; j++)
        if (!isfinite(rhs[j]))
            return -1;
    if (sign != NULL) {
        int sg = 1;
        for (blasint j = 0; j < n; j++) {
            if (ws->A[(size_t)j * ((size_t)n + 1)] < 0.0)
                sg = -sg;
            if (ws->ipiv[j] != j + 1)
                sg = -sg;
        }
        *sign = sg;
    }
    return 0;
}

/* The unit tangent at y, oriented along tprev, into t.  *orient: OUT, the
** orientation of the path at y: the sign of det [J(y); t^T].  It equals
** the sign of det [J(y); tprev^T], because expanding along the last row
** gives det [J; w^T] = c . w with the cofactor vector c = det [J; t^T] t,
** and t . tprev > 0.  Along one smooth arc the orientation never changes
** (Allgower and Georg, sec. 2.1); a change means the step jumped across a
** fold onto a part of the curve that runs the other way, or past a
** bifurcation.  Returns -1 if the Jacobian is singular or y is not a
** finite point. */
static int tangent(qre_ws *ws, const double *y, const double *tprev, double *t,
                   double *h, int *orient)
{
    int N = ws->N;
    double nz;
    if (path_system(ws, y, h) != 0)
        return -1;
    memset(t, 0, ((size_t)N + 1) * sizeof *t);
    t[N] = 1.0;
    if (augmented_solve(ws, tprev, t, orient) != 0)
        return -1;
    nz = cblas_dnrm2(N + 1, t, 1);
    if (!(nz > 0.0 && isfinite(nz)))
        return -1;
    cblas_dscal(N + 1, 1.0 / nz, t, 1);
    return 0;
}

/* Newton's corrector from y (modified in place) in the hyperplane
** orthogonal to t.  *dist: the first correction's length; *kappa: the
** contraction rate of the first two.  Returns 0 when converged. */
static int corrector(qre_ws *ws, double *y, const double *t,
                     double *hvec, double *dist, double *kappa)
{
    int N = ws->N;
    double dprev = 0.0;
    *dist = 0.0;
    *kappa = 0.0;
    for (int it = 0; it < QRE_NEWTON_MAX; it++) {
        double dn, ynorm, *d = ws->rhs;
        if (path_system(ws, y, hvec) != 0)
            return -1;
        /* Rounding of lambda * u_p bounds the attainable residual. */
        if (norm_inf(hvec, N) <= 1e-13 * (1.0 + fabs(y[N])))
            return 0;
        for (int i = 0; i < N; i++)
            d[i] = -hvec[i];
        d[N] = 0.0;
        if (augmented_solve(ws, t, d, NULL) != 0)
            return -1;
        dn = cblas_dnrm2(N + 1, d, 1);
        if (it == 0) {
            *dist = dn;
            if (dn > QRE_DIST_MAX)
                return -1;
        } else {
            /* The small term keeps rounding noise from posing as slow
            ** contraction once the corrections are tiny. */
            double ratio = dn / (dprev + 1e-9);
            if (it == 1)
                *kappa = ratio;
            if (ratio > QRE_KAPPA_MAX)
                return -1;
        }
        cblas_daxpy(N + 1, 1.0, d, 1, y, 1);
        dprev = dn;
        ynorm = norm_inf(y, N + 1);
        if (dn <= 1e-11 * (ynorm > 1.0 ? ynorm : 1.0))
            return 0;
    }
    return -1;
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
** a profile eq_game_regret accepts. */
static double regret_of(const eq_game *g, const qre_ws *ws, const double *s)
{
    const double *prof[EQ_MAX_PLAYERS];
    double reg;
    for (int p = 0; p < ws->n; p++)
        prof[p] = s + ws->off[p];
    if (eq_game_regret(g, prof, &reg, NULL) != EQ_OK)
        return HUGE_VAL;
    return reg;
}

/* Newton's method on the Nash conditions restricted to the support supp
** (one flag per action), starting from start; the result, zero off the
** support, into out.  Players whose payoffs are constant keep their
** strategy from start.  Returns 0, or -1 if the system is singular, the
** iteration diverges or a probability comes out clearly negative. */
static int refine(qre_ws *ws, const unsigned char *supp, const double *start,
                  double *out, int *vix)
{
    int m = 0, vp[EQ_MAX_PLAYERS];
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
        step = norm_inf(F, m);
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
    for (int p = 0; p < ws->n; p++) {
        int o = ws->off[p];
        double sum = 0.0;
        for (int a = 0; a < ws->nact[p]; a++) {
            if (!(out[o + a] >= -1e-9))
                return -1;
            if (out[o + a] < 0.0)
                out[o + a] = 0.0;
            sum += out[o + a];
        }
        if (!(sum > 0.0))
            return -1;
        for (int a = 0; a < ws->nact[p]; a++)
            out[o + a] /= sum;
    }
    return 0;
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
    free(ws->ipiv);
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
    ws->ipiv = malloc((size_t)ws->D * sizeof *ws->ipiv);
    ws->sv = malloc((size_t)ws->D * sizeof *ws->sv);
    if (ws->paybuf == NULL || (g->n > 2 && ws->work == NULL) || ws->M == NULL ||
        ws->u == NULL || ws->sigma == NULL || ws->A == NULL ||
        ws->rhs == NULL || ws->ipiv == NULL || ws->sv == NULL)
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

eq_status eqi_solve_qre(const eq_game *g, const eq_solve_opts *o, eq_result *r)
{
    static const double taus[] = { 1e-2, 1e-4, 1e-6, 1e-8, 1e-10 };
    qre_ws ws;
    double scale, minrange, lam_end, h = QRE_H0, reg_path, reg_best;
    double scale_lambda;
    double *y = NULL, *yp = NULL, *t = NULL, *tn = NULL, *hv = NULL;
    double *s = NULL, *cand = NULL, *best = NULL;
    unsigned char *supp = NULL, *prev = NULL;
    int *vix = NULL, N, steps = 0, rejected = 0, refined = 0, orient = 0;
    int broke = 0, far_steps = 0, crossings = 0;
    eq_status st = EQ_OK;

    if (g->n < 1 || g->nprof == 0)
        return eqi_error(r->errmsg, EQ_ERR_ARG, "qre: empty game");
    {
        int tot = 0;
        for (int p = 0; p < g->n; p++)
            tot += g->nact[p];
        if (tot > QRE_MAX_ACTIONS)
            return eqi_error(r->errmsg, EQ_ERR_LIMIT,
                             "qre: %d actions in all; at most %d", tot,
                             QRE_MAX_ACTIONS);
    }
    /* The refinement's LAPACK call (dgelss) takes OpenBLAS's work buffer,
    ** whose mapping OpenBLAS would retry for ever. */
    if (!eqi_blas_buffer_ok())
        return eqi_error(r->errmsg, EQ_ERR_NOMEM,
                         "out of memory: no room for OpenBLAS's work buffer");
    if (ws_init(&ws, g, &scale, &minrange) != 0) {
        st = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    N = ws.N;
    y = malloc(((size_t)N + 1) * sizeof *y);
    yp = malloc(((size_t)N + 1) * sizeof *yp);
    t = malloc(((size_t)N + 1) * sizeof *t);
    tn = malloc(((size_t)N + 1) * sizeof *tn);
    hv = malloc(((size_t)N + 1) * sizeof *hv);
    s = malloc((size_t)N * sizeof *s);
    cand = malloc((size_t)N * sizeof *cand);
    best = malloc((size_t)N * sizeof *best);
    supp = malloc((size_t)N);
    prev = malloc((size_t)N);
    vix = malloc((size_t)N * sizeof *vix);
    if (!y || !yp || !t || !tn || !hv || !s || !cand || !best || !supp ||
        !prev || !vix) {
        st = eqi_error(r->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }

    /* The centroid at lambda = 0. */
    for (int p = 0; p < g->n; p++)
        for (int a = 0; a < g->nact[p]; a++)
            y[ws.off[p] + a] = -log((double)g->nact[p]);
    y[N] = 0.0;
    path_probs(&ws, y, s);
    if (o->qre_path != NULL)
        o->qre_path(o->qre_ud, 0.0, s);
    if (scale == 0.0) {
        /* Every payoff constant: the centroid is an equilibrium, and the
        ** logit response to anything is the centroid. */
        note(o, "qre: payoffs are constant; the centroid is the answer");
        if (eqi_result_add(r, g, s) < 0)
            st = EQ_ERR_NOMEM;
        goto done;
    }
    scale_lambda = 1.0 / minrange;
    lam_end = QRE_LAMBDA_END * scale_lambda;
    if (lam_end > QRE_LAMBDA_CAP)
        lam_end = QRE_LAMBDA_CAP;

    memset(tn, 0, ((size_t)N + 1) * sizeof *tn);
    tn[N] = 1.0; /* e_lambda orients the first tangent */
    if (tangent(&ws, y, tn, t, hv, &orient) != 0) {
        st = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                       "qre: singular Jacobian at the centroid");
        goto done;
    }

    /* Predictor-corrector along the principal branch. */
    while (y[N] < lam_end) {
        double dist = 0.0, kappa = 0.0, f = 0.0, ynorm = norm_inf(y, N + 1);
        int ok, sign = 0, flip;
        if (++steps > QRE_MAX_STEPS) {
            st = eqi_error(r->errmsg, EQ_ERR_LIMIT,
                           "qre: %d steps without reaching the end of the "
                           "path (lambda %g)", QRE_MAX_STEPS, y[N] / scale);
            goto done;
        }
        for (int i = 0; i <= N; i++)
            yp[i] = y[i] + h * t[i];
        ok = corrector(&ws, yp, t, hv, &dist, &kappa) == 0 &&
             tangent(&ws, yp, t, tn, hv, &sign) == 0;
        flip = ok && sign != orient;
        if (ok) {
            /* Deceleration factor: each measure grows about linearly
            ** in h (the first correction and the contraction rate like
            ** h^2, hence the square roots). */
            double c = cblas_ddot(N + 1, t, 1, tn, 1);
            double alpha = acos(c > 1.0 ? 1.0 : (c < -1.0 ? -1.0 : c));
            f = 1.0 / QRE_GROW_MAX;
            if (sqrt(kappa / QRE_KAPPA_NOM) > f)
                f = sqrt(kappa / QRE_KAPPA_NOM);
            if (sqrt(dist / QRE_DIST_NOM) > f)
                f = sqrt(dist / QRE_DIST_NOM);
            if (alpha / QRE_ANGLE_NOM > f)
                f = alpha / QRE_ANGLE_NOM;
            ok = f <= QRE_DECEL_MAX;
        }
        if (ok && flip) {
            /* The orientation changed.  With a sizeable step that means a
            ** jump across a fold: retry shorter.  When the steps have
            ** shrunk to nothing it is a bifurcation point, which every
            ** short step past it crosses (a non-generic game, such as the
            ** symmetric ones where the centroid is a QRE for every lambda
            ** and another branch splits from it): step across it and go
            ** on along the same branch. */
            if (h <= QRE_BIF_H * (ynorm > 1.0 ? ynorm : 1.0)) {
                orient = sign;
                crossings++;
            } else {
                ok = 0;
            }
        }
        if (y[N] >= QRE_LAMBDA_SALVAGE * scale_lambda &&
            ++far_steps > QRE_SALVAGE_STEPS) {
            broke = 1;
            break;
        }
        if (!ok) {
            rejected++;
            h *= 0.5;
            if (h < 1e-12 * (ynorm > 1.0 ? ynorm : 1.0)) {
                /* Far out the path of a degenerate game can approach a set
                ** of equilibria along which the Jacobian turns singular.
                ** The point reached is then nearly an equilibrium: refine
                ** it, and let its certificate decide (below). */
                if (y[N] >= QRE_LAMBDA_SALVAGE * scale_lambda) {
                    broke = 1;
                    break;
                }
                st = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                               "qre: the path could not be followed beyond "
                               "lambda %g (step size underflow)", y[N] / scale);
                goto done;
            }
            continue;
        }
        memcpy(y, yp, ((size_t)N + 1) * sizeof *y);
        memcpy(t, tn, ((size_t)N + 1) * sizeof *t);
        if (y[N] < -1.0) {
            st = eqi_error(r->errmsg, EQ_ERR_NUMERIC,
                           "qre: the path turned back below lambda = 0");
            goto done;
        }
        if (o->qre_path != NULL) {
            path_probs(&ws, y, s);
            o->qre_path(o->qre_ud, y[N] / scale, s);
        }
        h /= f;
    }

    /* Refine on the supports the path point indicates. */
    path_probs(&ws, y, s);
    reg_path = reg_best = regret_of(g, &ws, s);
    memcpy(best, s, (size_t)N * sizeof *best);
    memset(prev, 2, (size_t)N);
    for (size_t k = 0; k < sizeof taus / sizeof taus[0]; k++) {
        double reg;
        for (int p = 0; p < g->n; p++) {
            int o0 = ws.off[p];
            double mx = 0.0;
            for (int a = 0; a < g->nact[p]; a++)
                if (s[o0 + a] > mx)
                    mx = s[o0 + a];
            for (int a = 0; a < g->nact[p]; a++)
                supp[o0 + a] = s[o0 + a] >= taus[k] * mx;
        }
        if (memcmp(supp, prev, (size_t)N) == 0)
            continue;
        memcpy(prev, supp, (size_t)N);
        if (refine(&ws, supp, s, cand, vix) != 0)
            continue;
        reg = regret_of(g, &ws, cand);
        if (reg < reg_best) {
            reg_best = reg;
            memcpy(best, cand, (size_t)N * sizeof *best);
            refined = 1;
        }
    }
    note(o, "qre: %d steps (%d rejected, %d bifurcation points crossed) to "
         "lambda %g; max regret %.3g at the path's end, %.3g %s", steps,
         rejected, crossings, y[N] / scale, reg_path, reg_best,
         refined ? "after Newton on the support" : "(kept)");
    if (broke) {
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
    if (eqi_result_add(r, g, best) < 0)
        st = EQ_ERR_NOMEM;

done:
    ws_free(&ws);
    free(y);
    free(yp);
    free(t);
    free(tn);
    free(hv);
    free(s);
    free(cand);
    free(best);
    free(supp);
    free(prev);
    free(vix);
    return st;
}
