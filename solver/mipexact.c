/*
** mipexact.c -- the exact certification of the MILP method's optimum
** (solver/mip.c), on games small enough.
**
** GLPK decides in doubles, on payoffs normalised into [0, 1].  Where the
** payoffs span many orders of magnitude two equilibria's objectives may
** differ by less than a double can show in those units: chicken with a
** crash of -1e12 and a win of 1e-12 has the welfare-best equilibria
** (swerve, straight) and (straight, swerve), welfare 1e-12, against the
** mixed one's 0, a gap of 1e-24 normalised, and the MILP took the mixed.
** A certified equilibrium is then no certified optimum.  So in exact mode,
** on games small enough, the optimum is decided in rationals: the optimum
** over all equilibria is attained at an extreme equilibrium (see the top
** of mip.c: the polytope of a pattern is a face of the best-response
** polytope, whose vertices are vertices of the whole), and the extreme
** equilibria are the completely labelled pairs of vertices of
**
**     P = { (x, v) : x >= 0, sum x = 1, (B^T x)_j <= v for every j },
**     Q = { (y, u) : y >= 0, sum y = 1, (A y)_i <= u for every i },
**
** (labels: player 1's actions i where x_i = 0 in P or (A y)_i = u in Q,
** player 2's j where (B^T x)_j = v in P or y_j = 0 in Q).  Every vertex of
** P has m of its m + n inequalities tight and linearly independent with
** sum x = 1: it is found by solving, exactly, the square system of every
** m-subset of the inequalities and keeping the feasible solutions.  The
** cost is C(m + n, m) small rational systems per side, so this runs only
** where C(m + n, m) <= MIP_ENUM_MAX.  Beyond it, a game two of whose
** payoffs of one player differ by less than MIP_TINY of its range (or with
** a normalised coefficient below it, see solve_mip) is refused in exact
** mode rather than given an optimum the doubles could not tell; any other
** is left to the MILP, whose optimum is then certified an equilibrium
** exactly but optimal only to GLPK's tolerances (MIP_AGREE).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mip.h"

/* Whether the exact enumeration runs on an m x n game. */
int eqi_mip_enum_fits(int m, int n)
{
    double b = 1.0;
    if (m + n > 60)
        return 0;
    for (int t = 1; t <= m; t++)            /* C(m + n, m), exactly */
        b = b * (double)(n + t) / (double)t;
    return b <= (double)MIP_ENUM_MAX + 0.5;
}

/* The distinct vertices of one side: cnt strategies of d rationals each
** (z, row-major) and their label sets. */
typedef struct vlist {
    int d, cnt, cap;
    mpq_t *z;
    unsigned long long *lab;
} vlist;

static void vlist_free(vlist *V)
{
    eqi_mpq_free(V->z, V->z ? (size_t)V->cap * (size_t)V->d : 0);
    free(V->lab);
    V->z = NULL;
    V->lab = NULL;
}

/* Append z (d rationals) with labels lab unless a vertex of the same
** labels is there (a vertex is the one point of its tight face, so equal
** label sets mean the same vertex).  Returns 0, or -1 on no memory. */
static int vlist_add(vlist *V, const mpq_t *z, unsigned long long lab)
{
    for (int t = 0; t < V->cnt; t++)
        if (V->lab[t] == lab)
            return 0;
    if (V->cnt == V->cap) {
        int cap = V->cap ? 2 * V->cap : 16;
        mpq_t *nz = eqi_mpq_alloc((size_t)cap * (size_t)V->d);
        unsigned long long *nl = malloc((size_t)cap * sizeof *nl);
        if (nz == NULL || nl == NULL) {
            eqi_mpq_free(nz, nz ? (size_t)cap * (size_t)V->d : 0);
            free(nl);
            return -1;
        }
        for (size_t t = 0; t < (size_t)V->cnt * (size_t)V->d; t++)
            mpq_swap(nz[t], V->z[t]);
        if (V->cnt)
            memcpy(nl, V->lab, (size_t)V->cnt * sizeof *nl);
        eqi_mpq_free(V->z, V->z ? (size_t)V->cap * (size_t)V->d : 0);
        free(V->lab);
        V->z = nz;
        V->lab = nl;
        V->cap = cap;
    }
    for (int c = 0; c < V->d; c++)
        mpq_set(V->z[(size_t)V->cnt * (size_t)V->d + (size_t)c], z[c]);
    V->lab[V->cnt++] = lab;
    return 0;
}

/* The vertices of side q (P for q = 0, Q for q = 1, above) into V, on the
** exact normalised payoffs (a positive affine map per player changes no
** equilibrium and no vertex).  Returns 0, or -1 on no memory. */
static int side_vertices(const mip *M, int q, vlist *V)
{
    int d = nact(M, q), e = nact(M, 1 - q), K = d + 1, L = d + e, rc = 0;
    const mpq_t *P = (const mpq_t *)M->Q[1 - q];
    mpq_t *S = eqi_mpq_alloc((size_t)K * (size_t)K);
    mpq_t *rhs = eqi_mpq_alloc((size_t)K), *sol = eqi_mpq_alloc((size_t)K);
    mpq_t w, t;
    unsigned long long mask, last;

    V->d = d;
    if (S == NULL || rhs == NULL || sol == NULL) {
        rc = -1;
        goto done;
    }
    mpq_inits(w, t, NULL);
    /* Every d-subset of the L inequalities (local label l < d: z_l >= 0;
    ** l >= d: the other player's action l - d), in Gosper's order. */
    mask = (1ULL << d) - 1;
    last = mask << e;
    for (;;) {
        unsigned long long lab = 0;
        int row = 1, ok = 1;
        for (int a = 0; a < K * K; a++)
            mpq_set_ui(S[a], 0, 1);
        for (int c = 0; c < d; c++)
            mpq_set_ui(S[c], 1, 1);                 /* sum z = 1 */
        mpq_set_ui(rhs[0], 1, 1);
        for (int l = 0; l < L; l++) {
            if (!(mask >> l & 1))
                continue;
            mpq_set_ui(rhs[row], 0, 1);
            if (l < d) {
                mpq_set_ui(S[row * K + l], 1, 1);
            } else {
                for (int c = 0; c < d; c++)
                    mpq_set(S[row * K + c], P[side_index(M, q, l - d, c)]);
                mpq_set_si(S[row * K + d], -1, 1);
            }
            row++;
        }
        if (eqi_exact_solve(K, S, rhs, sol) == 0) {
            for (int c = 0; c < d && ok; c++) {
                ok = mpq_sgn(sol[c]) >= 0;
                if (mpq_sgn(sol[c]) == 0)
                    lab |= 1ULL << (off(M, q) + c);
            }
            for (int r = 0; r < e && ok; r++) {
                int cmp;
                mpq_set_ui(w, 0, 1);
                for (int c = 0; c < d; c++) {
                    mpq_mul(t, P[side_index(M, q, r, c)], sol[c]);
                    mpq_add(w, w, t);
                }
                cmp = mpq_cmp(w, sol[d]);
                ok = cmp <= 0;
                if (cmp == 0)
                    lab |= 1ULL << (off(M, 1 - q) + r);
            }
            if (ok && vlist_add(V, (const mpq_t *)sol, lab) != 0) {
                rc = -1;
                break;
            }
        }
        if (mask == last)
            break;
        {
            unsigned long long lo = mask & (~mask + 1), hi = mask + lo;
            mask = hi | (((hi ^ mask) >> 2) / lo);
        }
    }
    mpq_clears(w, t, NULL);
done:
    eqi_mpq_free(S, S ? (size_t)K * (size_t)K : 0);
    eqi_mpq_free(rhs, rhs ? (size_t)K : 0);
    eqi_mpq_free(sol, sol ? (size_t)K : 0);
    return rc;
}

/* Whether two points of d rationals are equal. */
static int same_point(const mpq_t *a, const mpq_t *b, int d)
{
    for (int i = 0; i < d; i++)
        if (!mpq_equal(a[i], b[i]))
            return 0;
    return 1;
}

/*
** The optimum over all equilibria in rationals (only where eqi_mip_enum_fits):
** the best extreme equilibrium by the caller's objective and direction.
** If have is set, (x, y) is the MILP's certified equilibrium, replaced
** only by a strictly better one; else (x, y) is set to the best.  The
** replacement's strategies go to probs as well.  *changed tells whether
** (x, y) changed.  With x2 not NULL, uniqueness is decided exactly as
** well: *second is set when an extreme equilibrium other than (x, y)
** exists (a game with one extreme equilibrium has one equilibrium), and
** it goes to x2, y2 and probs2.  Returns EQ_OK or an error in M->err.
*/
eq_status eqi_mip_exact_optimum(const mip *M, int have, mpq_t *x, mpq_t *y,
                               double *probs, int *changed, mpq_t *x2,
                               mpq_t *y2, double *probs2, int *second)
{
    int m = M->m, n = M->n, best = -1, bi = 0, bj = 0;
    unsigned long long full = (m + n >= 64) ? ~0ULL : (1ULL << (m + n)) - 1;
    vlist V[2];
    mpq_t reg, p1, p2, val, bval;
    eq_status s = EQ_OK;

    *changed = 0;
    memset(V, 0, sizeof V);
    if (side_vertices(M, 0, &V[0]) != 0 || side_vertices(M, 1, &V[1]) != 0) {
        vlist_free(&V[0]);
        vlist_free(&V[1]);
        return eqi_error(M->err, EQ_ERR_NOMEM, "out of memory");
    }
    mpq_inits(reg, p1, p2, val, bval, NULL);
    if (have) {
        eqi_exact_regret2(M->g, x, y, reg, p1, p2);
        eqi_mip_objective_exact(M, x, y, p1, p2, bval);
        best = 0;
    }
    for (int i = 0; i < V[0].cnt; i++) {
        mpq_t *xi = V[0].z + (size_t)i * (size_t)m;
        for (int j = 0; j < V[1].cnt; j++) {
            mpq_t *yj = V[1].z + (size_t)j * (size_t)n;
            int cmp;
            if ((V[0].lab[i] | V[1].lab[j]) != full)
                continue;
            eqi_exact_regret2(M->g, xi, yj, reg, p1, p2);
            if (mpq_sgn(reg) != 0) {
                s = eqi_error(M->err, EQ_ERR_INTERNAL, "mip: a completely "
                              "labelled vertex pair has a non-zero exact regret");
                goto done;
            }
            eqi_mip_objective_exact(M, xi, yj, p1, p2, val);
            cmp = mpq_cmp(val, bval);
            if (best < 0 || (M->o->maximize ? cmp > 0 : cmp < 0)) {
                mpq_set(bval, val);
                best = 1;
                bi = i;
                bj = j;
                *changed = 1;
            }
        }
    }
    if (best < 0) {
        s = eqi_error(M->err, EQ_ERR_INTERNAL,
                      "mip: the exact enumeration found no equilibrium");
        goto done;
    }
    if (*changed) {
        for (int i = 0; i < m; i++) {
            mpq_set(x[i], V[0].z[(size_t)bi * (size_t)m + (size_t)i]);
            probs[i] = mpq_get_d(x[i]);
        }
        for (int j = 0; j < n; j++) {
            mpq_set(y[j], V[1].z[(size_t)bj * (size_t)n + (size_t)j]);
            probs[m + j] = mpq_get_d(y[j]);
        }
    }
    if (x2 != NULL) {
        *second = 0;
        for (int i = 0; i < V[0].cnt && !*second; i++) {
            mpq_t *xi = V[0].z + (size_t)i * (size_t)m;
            for (int j = 0; j < V[1].cnt && !*second; j++) {
                mpq_t *yj = V[1].z + (size_t)j * (size_t)n;
                if ((V[0].lab[i] | V[1].lab[j]) != full ||
                    (same_point((const mpq_t *)xi, (const mpq_t *)x, m) &&
                     same_point((const mpq_t *)yj, (const mpq_t *)y, n)))
                    continue;
                *second = 1;
                for (int a = 0; a < m; a++) {
                    mpq_set(x2[a], xi[a]);
                    probs2[a] = mpq_get_d(xi[a]);
                }
                for (int b = 0; b < n; b++) {
                    mpq_set(y2[b], yj[b]);
                    probs2[m + b] = mpq_get_d(yj[b]);
                }
            }
        }
    }
done:
    mpq_clears(reg, p1, p2, val, bval, NULL);
    vlist_free(&V[0]);
    vlist_free(&V[1]);
    return s;
}

/* A payoff value of one player and where it is, for eqi_mip_fine_gaps. */
typedef struct pval {
    double v;
    size_t k;
} pval;

static int dbl_cmp(const void *a, const void *b)
{
    double u = *(const double *)a, w = *(const double *)b;
    return u < w ? -1 : u > w;
}

static int pval_cmp(const void *a, const void *b)
{
    double u = ((const pval *)a)->v, w = ((const pval *)b)->v;
    return u < w ? -1 : u > w;
}

/* Whether two distinct exact payoffs of one player lie closer than
** MIP_TINY in normalised units (so that the doubles GLPK decides on
** cannot tell them apart reliably): sorted by their doubles, some
** adjacent pair is closer than MIP_TINY and differs exactly.  Returns
** 1 or 0, or -1 on no memory. */
int eqi_mip_fine_gaps(const mip *M)
{
    size_t N = (size_t)M->m * (size_t)M->n;
    pval *v = malloc(N * sizeof *v);
    int found = 0;
    if (v == NULL)
        return -1;
    for (int p = 0; p < 2 && !found; p++) {
        for (size_t k = 0; k < N; k++) {
            v[k].v = M->P[p][k];
            v[k].k = k;
        }
        qsort(v, N, sizeof *v, pval_cmp);
        for (size_t k = 1; k < N && !found; k++)
            found = v[k].v - v[k - 1].v < MIP_TINY &&
                    !mpq_equal(M->Q[p][v[k].k], M->Q[p][v[k - 1].k]);
    }
    free(v);
    return found;
}

/* The same on the game's own payoffs in doubles (double mode, where no
** rationals are made): two distinct payoffs of one player closer than
** MIP_TINY of its range.  Returns 1 or 0, or -1 on no memory. */
int eqi_mip_raw_fine_gaps(const eq_game *g, int m, int n)
{
    size_t N = (size_t)m * (size_t)n;
    double *v = malloc(N * sizeof *v);
    int found = 0;
    if (v == NULL)
        return -1;
    for (int p = 0; p < 2 && !found; p++) {
        double half;
        memcpy(v, g->pay[p], N * sizeof *v);
        qsort(v, N, sizeof *v, dbl_cmp);
        half = 0.5 * v[N - 1] - 0.5 * v[0];
        for (size_t k = 1; k < N && !found; k++)
            found = v[k] != v[k - 1] &&
                    0.5 * v[k] - 0.5 * v[k - 1] < MIP_TINY * half;
    }
    free(v);
    return found;
}

