/*
** test_embed.c -- the library embedded in a host program: a host that uses
** GLPK itself keeps its own GLPK state through our solves, a host without
** GLPK is left without any, and several threads solve LP-based methods and
** models at once with the answers a single thread gets, which are also
** derived by hand below.  tools/test.sh runs this suite under
** ThreadSanitizer too.
**
** THE GAMES, BY HAND.
**   Zero-sum Z:      left  right       No pure saddle (row minima -1, -2,
**            top       3    -1         column maxima 3, 1).  Row's p on top
**            bottom   -2     1         equalises the columns: 3p - 2(1-p)
**   = -p + (1-p), p = 3/7, value 5p - 2 = 1/7; column's q on left: 3q -
**   (1-q) = -2q + (1-q), q = 2/7.
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
**   The model M (MODEL below): A takes `out` (payoff (out, -out)) or enters
**   Z as the row player.  Z's value is 1/7 under every subgame method used
**   here (zerosum; mip, Z's only equilibrium; correlated, since in a
**   two-player zero-sum game every correlated equilibrium pays the value),
**   so A's payoff in the subgame-perfect equilibrium is max(out, 1/7).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <glpk.h>

#include "lp.h"
#include "support.h"

#define NTHREADS 4
#define ROUNDS 40

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
static const double OUTS[] = { -2.0, -0.5, 0.0, 0.125, 0.25, 1.0, 3.5 };
#define NOUTS (sizeof OUTS / sizeof OUTS[0])

/* The shared, read-only inputs. */
static eq_game *Z, *C, *B;
static eq_model *M;

static void make_inputs(void)
{
    static const double z[4] = { 3, -1, -2, 1 }, mz[4] = { -3, 1, 2, -1 };
    static const double c1[4] = { 6, 2, 7, 0 }, c2[4] = { 6, 7, 2, 0 };
    static const double b1[4] = { 2, 0, 0, 1 }, b2[4] = { 1, 0, 0, 2 };
    eq_diag d;
    Z = t_bimatrix(2, 2, z, mz);
    C = t_bimatrix(2, 2, c1, c2);
    B = t_bimatrix(2, 2, b1, b2);
    cr_assert_eq(eq_model_parse(&M, MODEL, sizeof MODEL - 1, "embed.game", &d), EQ_OK,
                 "%s", d.message);
}

static void free_inputs(void)
{
    eq_game_free(Z);
    eq_game_free(C);
    eq_game_free(B);
    eq_model_free(M);
}

/* ------------------------------------------------------------------ */
/* One round of solves: no Criterion asserts here, threads call it      */
/* ------------------------------------------------------------------ */

/* What one round computes; compared bit for bit between threads. */
struct answers {
    double z_value, z_p, z_q;
    double c_value, c_dist[4];
    double b_value, b_p;
    double m_pay[NOUTS][3];        /* A's payoff by subgame method */
};

static const eq_method SUBS[3] = { EQ_METHOD_ZEROSUM, EQ_METHOD_MIP,
                                   EQ_METHOD_CORRELATED };

/* Solve g by method m (mip: for player 0's payoff); copy out the value,
** each player's probability of their first action and, when dist is not
** NULL, the joint distribution. */
static int solve(const eq_game *g, eq_method m, double *value, double *p0,
                 double *p1, double *dist, char *err, size_t errlen)
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
        snprintf(err, errlen, "%s: %s", eq_method_name(m), r ? eq_result_errmsg(r) : "no result");
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

/* Fill a with one round of every solve; returns 1, or 0 with err set. */
static int one_round(struct answers *a, char *err, size_t errlen)
{
    double v[1], p0, p1;
    eq_tree *t = NULL;
    eq_diag d;
    int k = eq_model_param_index(M, "out");

    memset(a, 0, sizeof *a);
    if (!solve(Z, EQ_METHOD_ZEROSUM, &a->z_value, &a->z_p, &a->z_q, NULL, err, errlen) ||
        !solve(C, EQ_METHOD_CORRELATED, &a->c_value, &p0, &p1, a->c_dist, err, errlen) ||
        !solve(B, EQ_METHOD_MIP, &a->b_value, &a->b_p, &p1, NULL, err, errlen))
        return 0;
    if (eq_model_defaults(M, v) != EQ_OK || k != 0) {
        snprintf(err, errlen, "model: no parameter out");
        return 0;
    }
    for (size_t i = 0; i < NOUTS; i++) {
        v[0] = OUTS[i];
        if (eq_model_instantiate(M, v, &t, &d) != EQ_OK) {
            snprintf(err, errlen, "instantiate: %.200s", d.message);
            return 0;
        }
        for (int s = 0; s < 3; s++) {
            eq_tree_opts o;
            eq_tree_result *r = NULL;
            eq_tree_opts_init(&o);
            o.subgame_method = SUBS[s];
            if (eq_tree_solve(t, &o, &r) != EQ_OK || eq_tree_result_count(r) < 1) {
                snprintf(err, errlen, "spe, subgames %s, out = %g: %s",
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

/* Compare with the values derived by hand at the top of the file. */
static int by_hand(const struct answers *a, char *err, size_t errlen)
{
    static const double cd[4] = { 0.5, 0.25, 0.25, 0.0 };
#define NEAR(x, y, what)                                                       \
    if (!(fabs((x) - (y)) <= 1e-9)) {                                          \
        snprintf(err, errlen, "%s: %.17g, by hand %.17g", what, (double)(x), \
                 (double)(y));                                                 \
        return 0;                                                              \
    }
    NEAR(a->z_value, 1.0 / 7, "Z's value");
    NEAR(a->z_p, 3.0 / 7, "Z: row's top");
    NEAR(a->z_q, 2.0 / 7, "Z: column's left");
    NEAR(a->c_value, 10.5, "chicken's welfare");
    for (int k = 0; k < 4; k++)
        NEAR(a->c_dist[k], cd[k], "chicken's distribution");
    NEAR(a->b_value, 2.0, "battle: player 1's best");
    NEAR(a->b_p, 1.0, "battle: opera");
    for (size_t i = 0; i < NOUTS; i++)
        for (int s = 0; s < 3; s++)
            NEAR(a->m_pay[i][s], fmax(OUTS[i], 1.0 / 7), "model: A's payoff");
#undef NEAR
    return 1;
}

/* ------------------------------------------------------------------ */
/* A host that uses GLPK itself                                         */
/* ------------------------------------------------------------------ */

/* The host's GLPK terminal hook and error hook: its own, per thread. */
struct host {
    char out[8192];
    size_t len;
    jmp_buf jb;
    int errors;
};

static int host_term(void *info, const char *s)
{
    struct host *h = info;
    size_t k = strlen(s);
    if (h->len + k < sizeof h->out) {
        memcpy(h->out + h->len, s, k + 1);
        h->len += k;
    }
    return 1;                       /* printed: GLPK prints nothing itself */
}

static void host_error(void *info)
{
    struct host *h = info;
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

/* The host sets up its GLPK state: output on, its two hooks, a memory cap
** of cap_mb megabytes, and a problem of its own. */
static glp_prob *host_setup(struct host *h, int cap_mb)
{
    memset(h, 0, sizeof *h);
    glp_term_out(GLP_ON);
    glp_term_hook(host_term, h);
    glp_error_hook(host_error, h);
    glp_mem_limit(cap_mb);
    return host_lp();
}

/* Whether the host's GLPK state is as host_setup left it: output on; its
** terminal hook receives glp_printf and glp_simplex's report; its problem
** still solves to 14/5; and its memory cap still stops an allocation
** beyond it, through its error hook.  Frees the host's environment (GLPK
** requires it after an error).  Returns 1, or 0 with err set. */
static int host_intact(struct host *h, glp_prob *P, int cap_mb, char *err, size_t errlen)
{
    int out = glp_term_out(GLP_ON);
    void *volatile big = NULL;
    if (out != GLP_ON) {
        snprintf(err, errlen, "the host's terminal output was switched off");
        return 0;
    }
    h->len = 0;
    h->out[0] = '\0';
    glp_printf("host says %d\n", 42);
    if (strstr(h->out, "host says 42") == NULL) {
        snprintf(err, errlen, "the host's terminal hook is gone: '%.120s'", h->out);
        return 0;
    }
    if (glp_simplex(P, NULL) != 0 || glp_get_status(P) != GLP_OPT ||
        fabs(glp_get_obj_val(P) - 2.8) > 1e-12 ||
        strstr(h->out, "OPTIMAL") == NULL) {
        snprintf(err, errlen, "the host's problem does not solve as before: '%.120s'", h->out);
        return 0;
    }
    if (setjmp(h->jb) == 0) {
        big = glp_alloc(1, (cap_mb + 1) << 20);
        snprintf(err, errlen, "the host's memory cap of %d MB is gone", cap_mb);
        glp_free(big);
        glp_delete_prob(P);
        glp_free_env();
        return 0;
    }
    /* Back from the host's error hook. */
    glp_free_env();
    if (h->errors != 1 || strstr(h->out, "memory allocation limit exceeded") == NULL) {
        snprintf(err, errlen, "the host's error hook saw %d errors: '%.120s'", h->errors, h->out);
        return 0;
    }
    return 1;
}

/* A host with GLPK state of its own solves with the library (zero-sum,
** correlated and mip LPs, and spe over LP stages): its terminal hook,
** error hook, memory cap, output switch and problem survive. */
Test(embed, host_glpk_state_survives, .init = make_inputs, .fini = free_inputs)
{
    struct host h;
    struct answers a;
    char err[256] = "";
    glp_prob *P = host_setup(&h, 3);
    cr_assert(one_round(&a, err, sizeof err), "%s", err);
    cr_assert(by_hand(&a, err, sizeof err), "%s", err);
    cr_assert(host_intact(&h, P, 3, err, sizeof err), "%s", err);
}

/* The same after an error inside GLPK in one of our solves (GLPK's own
** memory cap, set through lp.c's parameters, exceeded): our environment
** is freed, the host's is not. */
Test(embed, host_survives_our_glpk_error)
{
    struct host h;
    eqi_lp *lp = NULL;
    eqi_lp_parm p;
    const double one = 1.0;
    char err[256] = "";
    glp_prob *P = host_setup(&h, 3);
    cr_assert_eq(eqi_lp_new(&lp, 300, 300, EQI_LP_MAX), EQ_OK);
    cr_assert_eq(eqi_lp_add_block(lp, 0, 0, 300, 300, &one, 0, 0), EQ_OK);
    for (int k = 0; k < 300; k++) {
        cr_assert_eq(eqi_lp_set_row_bounds(lp, k, -HUGE_VAL, 1), EQ_OK);
        cr_assert_eq(eqi_lp_set_obj(lp, k, 1), EQ_OK);
    }
    eqi_lp_parm_init(&p);
    p.mem_limit = 1;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_ERR_LP);
    cr_assert(strstr(eqi_lp_errmsg(lp), "memory allocation limit exceeded") != NULL,
              "%s", eqi_lp_errmsg(lp));
    /* GLPK's message went to our hook, not the host's. */
    cr_assert_eq(h.len, 0, "the host saw '%s'", h.out);
    p.mem_limit = 0;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_OK, "%s", eqi_lp_errmsg(lp));
    cr_assert(fabs(eqi_lp_obj_value(lp) - 1.0) < 1e-9);
    eqi_lp_free(lp);
    cr_assert(host_intact(&h, P, 3, err, sizeof err), "%s", err);
}

/* A host that does not use GLPK is left without a GLPK environment:
** glp_init_env() afterwards creates one (returns 0). */
Test(embed, no_glpk_state_left, .init = make_inputs, .fini = free_inputs)
{
    struct answers a;
    char err[256] = "";
    cr_assert(one_round(&a, err, sizeof err), "%s", err);
    cr_assert_eq(glp_init_env(), 0, "a GLPK environment was left in the thread");
    glp_free_env();
}

/* ------------------------------------------------------------------ */
/* Threads                                                              */
/* ------------------------------------------------------------------ */

struct job {
    int host;                       /* set up GLPK state of its own first */
    const struct answers *want;     /* the single-threaded answers */
    int ok;
    char err[256];
};

static void *worker(void *arg)
{
    struct job *j = arg;
    struct host h;
    glp_prob *P = NULL;
    struct answers a;
    j->ok = 0;
    if (j->host)
        P = host_setup(&h, 2);
    for (int r = 0; r < ROUNDS; r++) {
        if (!one_round(&a, j->err, sizeof j->err))
            return NULL;
        if (memcmp(&a, j->want, sizeof a) != 0) {
            snprintf(j->err, sizeof j->err, "round %d differs from one thread's answers", r);
            return NULL;
        }
    }
    if (j->host && !host_intact(&h, P, 2, j->err, sizeof j->err))
        return NULL;
    j->ok = 1;
    return NULL;
}

static void run_threads(int hosts)
{
    struct answers want;
    struct job jobs[NTHREADS];
    pthread_t th[NTHREADS];
    char err[256] = "";
    cr_assert(one_round(&want, err, sizeof err), "%s", err);
    cr_assert(by_hand(&want, err, sizeof err), "%s", err);
    for (int i = 0; i < NTHREADS; i++) {
        jobs[i].host = hosts && i % 2 == 0;
        jobs[i].want = &want;
        jobs[i].err[0] = '\0';
        cr_assert_eq(pthread_create(&th[i], NULL, worker, &jobs[i]), 0);
    }
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < NTHREADS; i++)
        cr_expect(jobs[i].ok, "thread %d: %s", i, jobs[i].err);
}

/* Four threads solve zero-sum, correlated and mip LPs and instantiate a
** model and solve it by spe at once, each round bit for bit what one
** thread gets, which is what the hand derivation gives. */
Test(embed, threads_solve_at_once, .init = make_inputs, .fini = free_inputs)
{
    run_threads(0);
}

/* The same with half the threads hosts that use GLPK themselves, so their
** LP solves go through lp.c's helper threads; each host's state
** survives. */
Test(embed, threads_with_glpk_hosts, .init = make_inputs, .fini = free_inputs)
{
    run_threads(1);
}
