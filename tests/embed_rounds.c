/*
** embed_rounds.c -- rounds of solves for the embedding tests (see
** embed_rounds.h), and the values they must give, derived by hand.
**
** THE GAMES, BY HAND.
**   Zero-sum Z:      left  right       No pure saddle (row minima -1, -2,
**            top       3    -1         column maxima 3, 1).  Row's p on top
**            bottom   -2     1         equalises the columns: 3p - 2(1-p)
**   = -p + (1-p), p = 3/7, value 5p - 2 = 1/7; column's q on left: 3q -
**   (1-q) = -2q + (1-q), q = 2/7.  That is Z's only equilibrium, so it is
**   also where qre's logit path ends.
**   Chicken C: (C,C) = (6,6), (C,D) = (2,7), (D,C) = (7,2), (D,D) = (0,0).
**   With a = pi(CC), b = pi(CD), c = pi(DC), d = pi(DD), the incentive
**   rows: told C, player 1 keeps C: 6a + 2b >= 7a, so a <= 2b; told D:
**   7c >= 6c + 2d, so c >= 2d; likewise a <= 2c, b >= 2d for player 2.
**   Welfare 12a + 9b + 9c: d = 0 costs nothing, then welfare = 9 + 3a with
**   a <= 2b, a <= 2c, a + b + c = 1, so a <= 1 - a: a = 1/2, b = c = 1/4,
**   welfare 10.5.
**   Battle of the sexes B: (O,O) = (2,1), (F,F) = (1,2), 0 elsewhere.  Its
**   equilibria: the two pure ones and the mixed one paying 2/3 each; the
**   best for player 1 is (O,O), paying 2.
**   The model M (MODEL below): A takes `out` (payoffs (out, -out)) or
**   enters Z as the row player.  Z's value is 1/7 under every subgame
**   method used here (zerosum; mip, as Z has one equilibrium; correlated,
**   since in a two-player zero-sum game every correlated equilibrium pays
**   the value), so A's payoff in the subgame-perfect equilibrium is
**   max(out, 1/7).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embed_rounds.h"
#include "equilib.h"

static const char MODEL[] =
    "game \"Entry into a zero-sum contest\"\n"
    "players A B\n"
    "param out = 0.5 in [-5, 5] \"A's payoff from staying out\"\n"
    "node root: A chooses\n"
    "  out -> (out, -out)\n"
    "  in  -> contest\n"
    "stage contest: A x B\n"
    "          left    right\n"
    "  top     -> tl   -> tr\n"
    "  bottom  -> bl   -> br\n"
    "node tl: (3, -3)\n"
    "node tr: (-1, 1)\n"
    "node bl: (-2, 2)\n"
    "node br: (1, -1)\n";

/* The values of `out` visited, none at the tie 1/7. */
static const double OUTS[ER_NOUTS] = { -2.0, -0.5, 0.0, 0.125, 0.25, 1.0, 3.5 };

static const eq_method SUBS[3] = { EQ_METHOD_ZEROSUM, EQ_METHOD_MIP,
                                   EQ_METHOD_CORRELATED };

/* The shared, read-only inputs. */
static eq_game *Z, *C, *B;
static eq_model *M;

static eq_game *bimatrix(const double *a, const double *b)
{
    const int k[2] = { 2, 2 };
    eq_game *g = NULL;
    if (eq_game_new(&g, 2, k) != EQ_OK)
        return NULL;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            const int prof[2] = { i, j };
            eq_game_set_payoff(g, 0, prof, a[2 * i + j]);
            eq_game_set_payoff(g, 1, prof, b[2 * i + j]);
        }
    return g;
}

int er_setup(char *err, size_t len)
{
    static const double z[4] = { 3, -1, -2, 1 }, mz[4] = { -3, 1, 2, -1 };
    static const double c1[4] = { 6, 2, 7, 0 }, c2[4] = { 6, 7, 2, 0 };
    static const double b1[4] = { 2, 0, 0, 1 }, b2[4] = { 1, 0, 0, 2 };
    eq_diag d;
    Z = bimatrix(z, mz);
    C = bimatrix(c1, c2);
    B = bimatrix(b1, b2);
    if (Z == NULL || C == NULL || B == NULL) {
        snprintf(err, len, "cannot build the games");
        return 0;
    }
    if (eq_model_parse(&M, MODEL, sizeof MODEL - 1, "embed.game", &d) != EQ_OK) {
        snprintf(err, len, "%.200s", d.message);
        return 0;
    }
    return 1;
}

void er_teardown(void)
{
    eq_game_free(Z);
    eq_game_free(C);
    eq_game_free(B);
    eq_model_free(M);
    Z = C = B = NULL;
    M = NULL;
}

/* ------------------------------------------------------------------ */
/* One round                                                            */
/* ------------------------------------------------------------------ */

/* Solve g by method m (mip: for player 0's payoff); copy out the value,
** each player's probability of their first action and, when dist is not
** NULL, the joint distribution. */
static int solve(const eq_game *g, eq_method m, double *value, double *p0,
                 double *p1, double *dist, char *err, size_t len)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_solve_opts_init(&o);
    o.method = m;
    if (m == EQ_METHOD_MIP) {
        o.objective = EQ_OBJ_PLAYER;
        o.obj_player = 0;
    }
    if (eq_solve(g, &o, &r) != EQ_OK || eq_result_count(r) != 1) {
        snprintf(err, len, "%s: %.200s", eq_method_name(m),
                 r ? eq_result_errmsg(r) : "no result");
        eq_result_free(r);
        return 0;
    }
    *value = eq_result_value(r);
    *p0 = eq_result_strategy(r, 0, 0)[0];
    *p1 = eq_result_strategy(r, 0, 1)[0];
    if (dist != NULL)
        memcpy(dist, eq_result_distribution(r, 0), 4 * sizeof *dist);
    eq_result_free(r);
    return 1;
}

/* The model at every value of OUTS, by spe with each subgame method. */
static int model_round(er_answers *a, char *err, size_t len)
{
    double v[1];
    eq_tree *t = NULL;
    eq_diag d;
    if (eq_model_params(M) != 1 || eq_model_defaults(M, v) != EQ_OK) {
        snprintf(err, len, "model: not the model of embed_rounds.c");
        return 0;
    }
    for (int i = 0; i < ER_NOUTS; i++) {
        v[0] = OUTS[i];
        if (eq_model_instantiate(M, v, &t, &d) != EQ_OK) {
            snprintf(err, len, "instantiate: %.200s", d.message);
            return 0;
        }
        for (int s = 0; s < 3; s++) {
            eq_tree_opts o;
            eq_tree_result *r = NULL;
            eq_tree_opts_init(&o);
            o.subgame_method = SUBS[s];
            if (eq_tree_solve(t, &o, &r) != EQ_OK || eq_tree_result_count(r) < 1) {
                snprintf(err, len, "spe, subgames %s, out = %g: %.200s",
                         eq_method_name(SUBS[s]), OUTS[i],
                         r ? eq_tree_result_errmsg(r) : "no result");
                eq_tree_result_free(r);
                eq_tree_free(t);
                return 0;
            }
            a->m_pay[i][s] = eq_tree_result_payoff(r, 0, 0);
            eq_tree_result_free(r);
        }
    }
    eq_tree_free(t);
    return 1;
}

/* Chicken solved three times on one eq_options handle, which reuses its
** correlated memory (in a host's thread, across the helper threads that
** run each GLPK part): each time the distribution eq_solve gave, dist. */
static int on_handle(const double *dist, char *err, size_t len)
{
    eq_options *o = NULL;
    int ok = eq_options_new(&o) == EQ_OK &&
             eq_options_set(o, "method", "correlated") == EQ_OK;
    for (int k = 0; k < 3 && ok; k++) {
        eq_result *r = NULL;
        ok = eq_solve_with(C, o, &r) == EQ_OK && eq_result_count(r) == 1 &&
             memcmp(eq_result_distribution(r, 0), dist, 4 * sizeof *dist) == 0;
        if (!ok)
            snprintf(err, len, "correlated on a handle, solve %d: %.200s", k,
                     o ? eq_options_errmsg(o) : "no handle");
        eq_result_free(r);
    }
    eq_options_free(o);
    return ok;
}

int er_round(er_answers *a, char *err, size_t len)
{
    double p0, p1;
    memset(a, 0, sizeof *a);
    return solve(Z, EQ_METHOD_ZEROSUM, &a->z_value, &a->z_p, &a->z_q, NULL, err, len) &&
           solve(C, EQ_METHOD_CORRELATED, &a->c_value, &p0, &p1, a->c_dist, err, len) &&
           on_handle(a->c_dist, err, len) &&
           solve(B, EQ_METHOD_MIP, &a->b_value, &a->b_p, &p1, NULL, err, len) &&
           solve(Z, EQ_METHOD_QRE, &p0, &a->q_p, &a->q_q, NULL, err, len) &&
           model_round(a, err, len);
}

int er_by_hand(const er_answers *a, char *err, size_t len)
{
    static const double cd[4] = { 0.5, 0.25, 0.25, 0.0 };
#define NEAR(x, y, what)                                                      \
    if (!(fabs((x) - (y)) <= 1e-9)) {                                         \
        snprintf(err, len, "%s: %.17g, by hand %.17g", what, (double)(x),     \
                 (double)(y));                                                \
        return 0;                                                             \
    }
    NEAR(a->z_value, 1.0 / 7, "Z's value");
    NEAR(a->z_p, 3.0 / 7, "Z: row's top");
    NEAR(a->z_q, 2.0 / 7, "Z: column's left");
    NEAR(a->q_p, 3.0 / 7, "qre on Z: row's top");
    NEAR(a->q_q, 2.0 / 7, "qre on Z: column's left");
    NEAR(a->c_value, 10.5, "chicken's welfare");
    for (int k = 0; k < 4; k++)
        NEAR(a->c_dist[k], cd[k], "chicken's distribution");
    NEAR(a->b_value, 2.0, "battle: player 1's best");
    NEAR(a->b_p, 1.0, "battle: opera");
    for (int i = 0; i < ER_NOUTS; i++)
        for (int s = 0; s < 3; s++)
            NEAR(a->m_pay[i][s], fmax(OUTS[i], 1.0 / 7), "model: A's payoff");
#undef NEAR
    return 1;
}

/* ------------------------------------------------------------------ */
/* A host that uses GLPK itself                                         */
/* ------------------------------------------------------------------ */

static int host_term(void *info, const char *s)
{
    er_host *h = info;
    size_t k = strlen(s);
    if (h->len + k < sizeof h->out) {
        memcpy(h->out + h->len, s, k + 1);
        h->len += k;
    }
    return 1;                       /* printed: GLPK prints nothing itself */
}

static void host_error(void *info)
{
    er_host *h = info;
    h->errors++;
    longjmp(h->jb, 1);
}

/* The host's own LP: max x + y s.t. x + 2y <= 4, 3x + y <= 6, x, y >= 0;
** optimum at x = 8/5, y = 6/5, value 14/5. */
static glp_prob *host_lp(void)
{
    glp_prob *P = glp_create_prob();
    int ia[5] = { 0, 1, 1, 2, 2 }, ja[5] = { 0, 1, 2, 1, 2 };
    double ar[5] = { 0, 1, 2, 3, 1 };
    glp_set_obj_dir(P, GLP_MAX);
    glp_add_rows(P, 2);
    glp_add_cols(P, 2);
    glp_set_row_bnds(P, 1, GLP_UP, 0, 4);
    glp_set_row_bnds(P, 2, GLP_UP, 0, 6);
    for (int j = 1; j <= 2; j++) {
        glp_set_col_bnds(P, j, GLP_LO, 0, 0);
        glp_set_obj_coef(P, j, 1);
    }
    glp_load_matrix(P, 4, ia, ja, ar);
    return P;
}

glp_prob *er_host_setup(er_host *h, int cap_mb)
{
    memset(h, 0, sizeof *h);
    glp_term_out(GLP_ON);
    glp_term_hook(host_term, h);
    glp_error_hook(host_error, h);
    glp_mem_limit(cap_mb);
    return host_lp();
}

int er_host_intact(er_host *h, glp_prob *P, int cap_mb, char *err, size_t len)
{
    void *volatile big = NULL;
    if (glp_term_out(GLP_ON) != GLP_ON) {
        snprintf(err, len, "the host's terminal output was switched off");
        return 0;
    }
    h->len = 0;
    h->out[0] = '\0';
    glp_printf("host says %d\n", 42);
    if (strstr(h->out, "host says 42") == NULL) {
        snprintf(err, len, "the host's terminal hook is gone: '%.120s'", h->out);
        return 0;
    }
    if (glp_simplex(P, NULL) != 0 || glp_get_status(P) != GLP_OPT ||
        fabs(glp_get_obj_val(P) - 2.8) > 1e-12 || strstr(h->out, "OPTIMAL") == NULL) {
        snprintf(err, len, "the host's problem does not solve as before: '%.120s'", h->out);
        return 0;
    }
    if (setjmp(h->jb) == 0) {
        big = glp_alloc(1, (cap_mb + 1) << 20);
        snprintf(err, len, "the host's memory cap of %d MB is gone", cap_mb);
        glp_free(big);
        glp_delete_prob(P);
        glp_free_env();
        return 0;
    }
    /* Back from the host's error hook: GLPK's environment is to be freed. */
    glp_free_env();
    if (h->errors != 1 || strstr(h->out, "memory allocation limit exceeded") == NULL) {
        snprintf(err, len, "the host's error hook saw %d errors: '%.120s'", h->errors, h->out);
        return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* Threads                                                              */
/* ------------------------------------------------------------------ */

struct job {
    int host, rounds;
    const er_answers *want;
    int ok;
    char err[256];
};

static void *worker(void *arg)
{
    struct job *j = arg;
    er_host *h = NULL;
    glp_prob *P = NULL;
    er_answers a;
    if (j->host) {
        if ((h = malloc(sizeof *h)) == NULL) {
            snprintf(j->err, sizeof j->err, "out of memory");
            return NULL;
        }
        P = er_host_setup(h, 2);
    }
    for (int r = 0; r < j->rounds; r++) {
        if (!er_round(&a, j->err, sizeof j->err))
            goto done;
        if (memcmp(&a, j->want, sizeof a) != 0) {
            snprintf(j->err, sizeof j->err, "round %d differs from one thread's answers", r);
            goto done;
        }
    }
    if (j->host && !er_host_intact(h, P, 2, j->err, sizeof j->err))
        goto done;
    j->ok = 1;
done:
    free(h);
    return NULL;
}

int er_threads(int nthreads, int rounds, int hosts, char *err, size_t len)
{
    er_answers want;
    struct job *jobs;
    pthread_t *th;
    int ok = 1, started = 0;

    if (!er_round(&want, err, len) || !er_by_hand(&want, err, len))
        return 0;
    jobs = calloc((size_t)nthreads, sizeof *jobs);
    th = calloc((size_t)nthreads, sizeof *th);
    if (jobs == NULL || th == NULL) {
        snprintf(err, len, "out of memory");
        ok = 0;
        goto done;
    }
    for (int i = 0; i < nthreads; i++) {
        jobs[i].host = hosts && i % 2 == 0;
        jobs[i].rounds = rounds;
        jobs[i].want = &want;
        if (pthread_create(&th[i], NULL, worker, &jobs[i]) != 0) {
            snprintf(err, len, "cannot start thread %d", i);
            ok = 0;
            break;
        }
        started++;
    }
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < started && ok; i++)
        if (!jobs[i].ok) {
            snprintf(err, len, "thread %d: %s", i, jobs[i].err);
            ok = 0;
        }
done:
    free(jobs);
    free(th);
    return ok;
}
