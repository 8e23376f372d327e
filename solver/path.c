/*
** path.c -- predictor-corrector continuation of a solution curve
** H(x, lambda) = 0 from lambda = 0 towards large lambda: the path
** follower of the logit QRE (qre.c) and of the agent QRE (sequential.c).
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
** lambda = 0 the block dH/dx is invertible, so the tangent has a non-zero
** lambda component.
** A step of arc length h predicts y + h t (Euler predictor); Newton's
** method then corrects within the hyperplane orthogonal to t, solving
**     [ J(y_k) ] d = - [ H(y_k) ]
**     [ t^T    ]       [ 0      ]    (pseudo arc-length continuation).
** Step control (Allgower and Georg, sec. 6.1): the length of the first
** Newton correction and the Newton contraction rate both grow like h^2,
** the angle between successive tangents like h.  Each, square-rooted
** where needed, is divided by its nominal value; h is divided by the worst ratio (so grows at most 1.5
** times per step), and the step is rejected and h halved when a ratio
** exceeds 2, Newton fails, or the orientation changes (below).  Far out,
** the logit paths in (log-probabilities, lambda) are straight rays, so h
** grows geometrically and the end is reached in a few dozen steps.
** THE SCALED METRIC (o->rel_dist; qre uses it).  Arc length, tangents,
** angles and corrections are measured in the coordinates z_i = y_i / s_i
** with s_i = max(1, |y_i|) frozen at the start of each step: the Jacobian's
** column i is multiplied by s_i, a step of h moves y_i by h s_i t_i, and h
** is a relative step size.  Absolute units are the wrong measure when the
** payoffs are badly scaled, twice over.  (1) In a 3-player game with
** payoffs 1 and 1e6 one player's choice settles only at lambda ~ 1e8
** (normalised), bending the rays of the others' log-probabilities
** (magnitude ~ lambda) slightly, by first corrections that stay above
** 0.02 unless h ~ 5e3: 54,000 steps to the end.  (2) Where an action's
** log-probability, after falling like -lambda, turns and rises to settle
** at a finite value (a player who ends up mixing with probability ~ 1e-7,
** which a payoff of 1e6 balances against payoffs of 1), the path in
** (log-probability, lambda) turns sharply within a tiny fraction of
** lambda ~ 1e7: in absolute units the turn has radius ~ 1e-6, the step
** control cut h below the step floor (1e-12 |y|), and the path was
** refused (56 of 800 random 3-player games mixing 1 and 1e6).  In the
** scaled metric lambda's share of the turn is a relative change of ~1e-6,
** the turn is gentle, and those games reach the end.  When the corrector
** fails in the scaled metric's hyperplane it is retried once in the
** hyperplane orthogonal to the tangent in y's units (corrector_plane).
** Orientation: sign det [J; t^T] is constant along a smooth arc.  A change
** means a step jumped across a fold onto a part of the curve that runs the
** other way (paths can pass close to themselves after two folds), and the
** step is retried shorter.  If it persists for steps of relative length
** 1e-6 it is a bifurcation point, met only in non-generic problems (e.g.
** pure coordination, where the centroid is a QRE for every lambda and two
** branches split from it at lambda = 2): the path steps across it and goes
** on along the same branch.
** With the scaled metric the step floor and the bifurcation step below
** are relative step sizes; without it they are relative to max(1, |y|).
** Breakdown: in degenerate games the path may approach a set of
** equilibria along which J turns singular, and the steps stall.  Beyond
** lam_salvage the follower then stops and says so (broke = 1), leaving the
** caller to judge the point reached by its certificate; earlier it fails
** with EQ_ERR_NUMERIC.  100000 steps in all give EQ_ERR_LIMIT.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"

#define PATH_MAX_STEPS 100000   /* predictor-corrector steps, accepted or not */
#define PATH_SALVAGE_STEPS 1000 /* steps beyond lam_salvage that count as a
                                   breakdown */
#define PATH_BIF_H 1e-6         /* relative step size that may cross a
                                   bifurcation point */
#define PATH_H0 0.1             /* first step's arc length */
#define PATH_NEWTON_MAX 10      /* corrector iterations per step */
#define PATH_DIST_NOM 0.02      /* first Newton correction, nominal */
#define PATH_DIST_MAX 0.2       /* ... beyond which the step is rejected */
#define PATH_KAPPA_NOM 0.15     /* Newton contraction rate, nominal */
#define PATH_KAPPA_MAX 0.6      /* ... beyond which the step is rejected */
#define PATH_ANGLE_NOM 0.1      /* angle between tangents (radians), nominal */
#define PATH_GROW_MAX 1.5       /* largest growth of h in one step */
#define PATH_DECEL_MAX 2.0      /* a step that wants h cut more is rejected */

typedef struct path_ws {
    const eqi_path_sys *sys;
    int N;
    int scaled;       /* o->rel_dist: work in the scaled metric (below) */
    double *sc;       /* N+1: column scales, max(1, |y_i|) at the step's
                         start when scaled, else 1 */
    double *A;        /* (N+1)^2, column-major */
    blasint *ipiv;    /* N+1 */
    double *rhs;      /* N+1 */
} path_ws;

double eqi_norm_inf(const double *v, int k)
{
    double m = 0.0;
    for (int i = 0; i < k; i++)
        if (fabs(v[i]) > m || v[i] != v[i])
            m = v[i] != v[i] ? HUGE_VAL : fabs(v[i]);
    return m;
}

/* H(y) into h and its Jacobian into rows 0..N-1 of ws->A, column j
** multiplied by ws->sc[j] (the Jacobian with respect to the scaled
** coordinates z_j = y_j / sc_j).  -1 if y is outside the system's domain
** or H is not finite. */
static int system_at(path_ws *ws, const double *y, double *h)
{
    size_t n1 = (size_t)ws->N + 1;
    if (ws->sys->eval(ws->sys->ctx, y, h, ws->A) != 0)
        return -1;
    if (ws->scaled)
        for (size_t j = 0; j < n1; j++)
            if (ws->sc[j] != 1.0)
                cblas_dscal(ws->N, ws->sc[j], ws->A + j * n1, 1);
    return eqi_norm_inf(h, ws->N) < HUGE_VAL ? 0 : -1;
}

/* The scales of the metric at y, ws->sc[i] = max(1, |y_i|), with the
** unit tangent t (in the old scales' coordinates) re-expressed in the new
** ones and normalised: t_i * old_i / new_i.  No operation unless scaled. */
static void rescale(path_ws *ws, const double *y, double *t)
{
    double nz;
    if (!ws->scaled)
        return;
    for (int i = 0; i <= ws->N; i++) {
        double s = fabs(y[i]) > 1.0 ? fabs(y[i]) : 1.0;
        t[i] *= ws->sc[i] / s;
        ws->sc[i] = s;
    }
    nz = cblas_dnrm2(ws->N + 1, t, 1);
    if (nz > 0.0 && isfinite(nz))
        cblas_dscal(ws->N + 1, 1.0 / nz, t, 1);
}

/* y += a * sc .* d: a step given in scaled coordinates. */
static void step_by(const path_ws *ws, double a, const double *d, double *y)
{
    for (int i = 0; i <= ws->N; i++)
        y[i] += a * ws->sc[i] * d[i];
}

/* Solve the (N+1)-square system in ws->A (rows 0..N-1 from system_at)
** with last row t and right-hand side rhs (overwritten by the solution).
** *sign: OUT, may be NULL: the sign of the matrix's determinant, from its
** LU factors (the product of U's diagonal, negated once per row swap).
** Returns -1 if the matrix is singular. */
static int augmented_solve(path_ws *ws, const double *t, double *rhs, int *sign)
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
static int tangent(path_ws *ws, const double *y, const double *tprev, double *t,
                   double *h, int *orient)
{
    int N = ws->N;
    double nz;
    if (system_at(ws, y, h) != 0)
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

/* The normal of the fallback corrector's hyperplane, into c: the tangent
** in y's own units, sc .* t, which is sc^2 .* t in the scaled coordinates
** (normalised).  Corrections orthogonal to it barely move lambda and the
** other large coordinates.  In the scaled metric's own hyperplane, a
** correction of a log-probability that settles slowly (like -log lambda,
** in degenerate games) drags lambda along, and far out the products of
** lambda with the payoff gaps can then make Newton's iteration diverge
** (3-player games with payoffs 0..2: a path of 88 steps took 1037 and
** broke down). */
static void corrector_plane(const path_ws *ws, const double *t, double *c)
{
    double nz;
    for (int i = 0; i <= ws->N; i++)
        c[i] = ws->sc[i] * ws->sc[i] * t[i];
    nz = cblas_dnrm2(ws->N + 1, c, 1);
    if (nz > 0.0 && isfinite(nz))
        cblas_dscal(ws->N + 1, 1.0 / nz, c, 1);
}

/* Newton's corrector from y (modified in place) in the hyperplane
** orthogonal to t.  *dist: the first correction's length; *kappa: the
** contraction rate of the first two.  Returns 0 when converged. */
static int corrector(path_ws *ws, double *y, const double *t, double *hvec,
                     double *dist, double *kappa)
{
    int N = ws->N;
    double dprev = 0.0;
    *dist = 0.0;
    *kappa = 0.0;
    for (int it = 0; it < PATH_NEWTON_MAX; it++) {
        double dn, dn2, ynorm, *d = ws->rhs;
        if (system_at(ws, y, hvec) != 0)
            return -1;
        /* Rounding of lambda * payoffs bounds the attainable residual. */
        if (eqi_norm_inf(hvec, N) <= 1e-13 * (1.0 + fabs(y[N])))
            return 0;
        for (int i = 0; i < N; i++)
            d[i] = -hvec[i];
        d[N] = 0.0;
        if (augmented_solve(ws, t, d, NULL) != 0)
            return -1;
        /* dn in the scaled metric, dn2 in y's units */
        dn = cblas_dnrm2(N + 1, d, 1);
        dn2 = 0.0;
        for (int i = 0; i <= N; i++)
            dn2 += (d[i] * ws->sc[i]) * (d[i] * ws->sc[i]);
        dn2 = sqrt(dn2);
        if (it == 0) {
            *dist = dn;
            if (dn > PATH_DIST_MAX)
                return -1;
        } else {
            /* The small term keeps rounding noise from posing as slow
            ** contraction once the corrections are tiny. */
            double ratio = dn / (dprev + 1e-9);
            if (it == 1)
                *kappa = ratio;
            if (ratio > PATH_KAPPA_MAX)
                return -1;
        }
        step_by(ws, 1.0, d, y);
        dprev = dn;
        ynorm = eqi_norm_inf(y, N + 1);
        if (dn2 <= 1e-11 * (ynorm > 1.0 ? ynorm : 1.0))
            return 0;
    }
    return -1;
}

/* The deceleration factor of a step from tangent t to tn, with the
** corrector's first correction dist and contraction rate kappa: each
** measure grows about linearly in h (the first correction and the
** contraction rate like h^2, hence the square roots). */
static double decel_factor(int N, const double *t, const double *tn, double dist,
                           double kappa)
{
    double c = cblas_ddot(N + 1, t, 1, tn, 1);
    double alpha = acos(c > 1.0 ? 1.0 : (c < -1.0 ? -1.0 : c));
    double f = 1.0 / PATH_GROW_MAX;
    if (sqrt(kappa / PATH_KAPPA_NOM) > f)
        f = sqrt(kappa / PATH_KAPPA_NOM);
    if (sqrt(dist / PATH_DIST_NOM) > f)
        f = sqrt(dist / PATH_DIST_NOM);
    if (alpha / PATH_ANGLE_NOM > f)
        f = alpha / PATH_ANGLE_NOM;
    return f;
}

eq_status eqi_path_follow(const eqi_path_sys *sys, const eqi_path_opts *o,
                          double *y, eqi_path_stats *st, char *err)
{
    path_ws ws;
    int N = sys->N, orient = 0, far_steps = 0;
    size_t n1 = (size_t)N + 1;
    double h = PATH_H0, unit = o->lam_unit > 0.0 ? o->lam_unit : 1.0;
    double *own = NULL, *yp, *t, *tn, *hv, *c, *buf;
    eq_status s = EQ_OK;

    memset(st, 0, sizeof *st);
    memset(&ws, 0, sizeof ws);
    ws.sys = sys;
    ws.N = N;
    ws.A = o->A;
    if (ws.A == NULL)
        ws.A = own = malloc(n1 * n1 * sizeof *own);
    ws.ipiv = malloc(n1 * sizeof *ws.ipiv);
    ws.rhs = malloc(n1 * sizeof *ws.rhs);
    buf = malloc(5 * n1 * sizeof *buf);
    ws.sc = malloc(n1 * sizeof *ws.sc);
    ws.scaled = o->rel_dist;
    if (ws.A == NULL || ws.ipiv == NULL || ws.rhs == NULL || buf == NULL ||
        ws.sc == NULL) {
        s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    yp = buf;
    t = buf + n1;
    tn = buf + 2 * n1;
    hv = buf + 3 * n1;
    c = buf + 4 * n1;

    for (size_t i = 0; i < n1; i++)
        ws.sc[i] = 1.0;
    memset(tn, 0, n1 * sizeof *tn);
    tn[N] = 1.0; /* e_lambda orients the first tangent */
    rescale(&ws, y, tn);
    if (tangent(&ws, y, tn, t, hv, &orient) != 0) {
        s = eqi_error(err, EQ_ERR_NUMERIC,
                      "%s: singular Jacobian at the start of the path", o->who);
        goto done;
    }
    while (y[N] < o->lam_end) {
        double dist = 0.0, kappa = 0.0, f = 0.0, ynorm = eqi_norm_inf(y, N + 1);
        /* Step sizes are relative to the coordinates' sizes when scaled. */
        double yref = ws.scaled || ynorm < 1.0 ? 1.0 : ynorm;
        int ok, sign = 0, flip;
        if (eqi_guard_poll(o->guard)) {
            s = eqi_guard_fail(o->guard, err, o->who);
            goto done;
        }
        if (++st->steps > PATH_MAX_STEPS) {
            s = eqi_error(err, EQ_ERR_LIMIT,
                          "%s: %d steps without reaching the end of the path "
                          "(lambda %g)", o->who, PATH_MAX_STEPS, y[N] / unit);
            goto done;
        }
        memcpy(yp, y, n1 * sizeof *yp);
        step_by(&ws, h, t, yp);
        ok = corrector(&ws, yp, t, hv, &dist, &kappa) == 0;
        if (!ok && ws.scaled) {
            /* Once more from the same prediction, correcting orthogonally
            ** to the tangent in y's own units (corrector_plane). */
            corrector_plane(&ws, t, c);
            memcpy(yp, y, n1 * sizeof *yp);
            step_by(&ws, h, t, yp);
            ok = corrector(&ws, yp, c, hv, &dist, &kappa) == 0;
        }
        ok = ok && tangent(&ws, yp, t, tn, hv, &sign) == 0;
        flip = ok && sign != orient;
        if (ok) {
            f = decel_factor(N, t, tn, dist, kappa);
            ok = f <= PATH_DECEL_MAX;
        }
        if (ok && flip) {
            /* The orientation changed.  With a sizeable step that means a
            ** jump across a fold: retry shorter.  When the steps have
            ** shrunk to nothing it is a bifurcation point, which every
            ** short step past it crosses: step across it and go on along
            ** the same branch. */
            if (h <= PATH_BIF_H * yref) {
                orient = sign;
                st->crossings++;
            } else {
                ok = 0;
            }
        }
        if (y[N] >= o->lam_salvage && ++far_steps > PATH_SALVAGE_STEPS) {
            st->broke = 1;
            break;
        }
        if (!ok) {
            st->rejected++;
            h *= 0.5;
            if (h < 1e-12 * yref) {
                /* Far out the path of a degenerate game can approach a set
                ** of equilibria along which the Jacobian turns singular.
                ** The point reached is then nearly an equilibrium: the
                ** caller judges it by its certificate. */
                if (y[N] >= o->lam_salvage) {
                    st->broke = 1;
                    break;
                }
                s = eqi_error(err, EQ_ERR_NUMERIC,
                              "%s: the path could not be followed beyond lambda %g "
                              "(step size underflow)", o->who, y[N] / unit);
                goto done;
            }
            continue;
        }
        memcpy(y, yp, n1 * sizeof *y);
        memcpy(t, tn, n1 * sizeof *t);
        rescale(&ws, y, t);
        if (y[N] < -1.0) {
            s = eqi_error(err, EQ_ERR_NUMERIC,
                          "%s: the path turned back below lambda = 0", o->who);
            goto done;
        }
        if (o->point != NULL)
            o->point(o->ud, y);
        h /= f;
    }
done:
    free(own);
    free(ws.ipiv);
    free(ws.rhs);
    free(ws.sc);
    free(buf);
    return s;
}

int eqi_path_exp(const double *y, int N, double *sig)
{
    for (int i = 0; i < N; i++) {
        if (!isfinite(y[i]) || y[i] > 700.0)
            return -1;
        sig[i] = exp(y[i]);
    }
    return isfinite(y[N]) ? 0 : -1;
}

int eqi_path_clip(double *x, int ng, const int *off)
{
    for (int g = 0; g < ng; g++) {
        double sum = 0.0;
        for (int j = off[g]; j < off[g + 1]; j++) {
            if (!(x[j] >= -1e-9))
                return -1;
            if (x[j] < 0.0)
                x[j] = 0.0;
            sum += x[j];
        }
        if (!(sum > 0.0))
            return -1;
        for (int j = off[g]; j < off[g + 1]; j++)
            x[j] /= sum;
    }
    return 0;
}

int eqi_path_refine_supports(const double *s, int ng, const int *off,
                             unsigned char *supp, unsigned char *prev,
                             const eqi_refiner *R, double *best)
{
    static const double taus[] = { 1e-2, 1e-4, 1e-6, 1e-8, 1e-10 };
    int N = off[ng], kept = 0;
    memset(prev, 2, (size_t)N);
    for (size_t k = 0; k < sizeof taus / sizeof taus[0]; k++) {
        double score;
        for (int g = 0; g < ng; g++) {
            double mx = 0.0;
            for (int j = off[g]; j < off[g + 1]; j++)
                mx = fmax(mx, s[j]);
            for (int j = off[g]; j < off[g + 1]; j++)
                supp[j] = s[j] >= taus[k] * mx;
        }
        if (memcmp(supp, prev, (size_t)N) == 0)
            continue;
        memcpy(prev, supp, (size_t)N);
        if (R->refine(R->ctx, supp, &score) != 0)
            continue;
        if (score < *best) {
            *best = score;
            R->keep(R->ctx);
            kept = 1;
        }
    }
    return kept;
}
