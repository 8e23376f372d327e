/*
** test_limits.c -- eq_limits: a cancellation callback that says stop after
** k polls, pivot and vertex limits, and the limits of sweeps and studies.
** A stopped call returns EQ_ERR_STOPPED and keeps what it found: every
** equilibrium it keeps must be one of the full answer's (lrsnash's set of
** extreme equilibria, computed independently), with an exact certificate
** of 0.
*/
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"

/* A callback that answers "go on" k times, then "stop"; it counts every
** call. */
typedef struct counter { long long polls, stop_after; } counter;

static int stop_after(void *ud)
{
    counter *c = ud;
    return ++c->polls > c->stop_after;
}

static void exact_opts(eq_solve_opts *o, eq_method m, const eq_limits *l)
{
    eq_solve_opts_init(o);
    o->method = m;
    o->exact = 1;
    o->threads = 1;
    o->limits = l;
}

/* Every equilibrium of r is exact, with certificate 0, and one of want's. */
static void expect_subset(const eq_result *r, const t_eqset *want)
{
    t_eqset got;
    if (eq_result_count(r) == 0)
        return;
    got = t_from_result(r);
    for (int k = 0; k < got.count; k++) {
        t_eqset one = { 1, 1, &got.e[k] };
        int found = 0;
        cr_expect_str_eq(eq_result_regret_exact(r, k), "0");
        for (int w = 0; w < want->count && !found; w++) {
            t_eqset other = { 1, 1, &want->e[w] };
            found = t_eqset_equal(&one, &other);
        }
        cr_expect(found, "equilibrium %d of the stopped call is not one of lrsnash's", k);
    }
    t_eqset_free(&got);
}

/* enum stopped by its callback after k polls, for k across the whole run:
** the callback is called exactly k + 1 times (the (k+1)-th says stop),
** the status is EQ_ERR_STOPPED with EQ_SOL_STOPPED, and what was found is
** a subset of lrsnash's set.  Stops late in the run (during the second
** polytope's search) already give equilibria. */
Test(limits, enum_cancel_after_k_polls, .timeout = 600)
{
    t_rng rng = { 2024 };
    eq_game *g = t_random_bimatrix(&rng, 9, 9, 0, 99);
    t_eqset want = t_lrsnash(g);
    counter c = { 0, 1LL << 60 };
    eq_limits l;
    eq_solve_opts o;
    eq_result *r = NULL;
    long long total;
    int some = 0;

    eq_limits_init(&l);
    l.cancel = stop_after;
    l.cancel_ud = &c;
    exact_opts(&o, EQ_METHOD_ENUM, &l);
    cr_assert_eq(eq_solve(g, &o, &r), EQ_OK, "%s", eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), want.count);
    cr_assert_eq(eq_result_solution(r), EQ_SOL_FOUND);
    eq_result_free(r);
    total = c.polls;
    cr_assert_gt(total, 10, "enum polled its callback only %lld times", total);

    for (long long k = 0; k < total; k += 1 + total / 13) {
        c.polls = 0;
        c.stop_after = k;
        cr_assert_eq(eq_solve(g, &o, &r), EQ_ERR_STOPPED, "k = %lld: %s", k,
                     eq_result_errmsg(r));
        cr_expect_eq(c.polls, k + 1, "k = %lld: %lld polls", k, c.polls);
        cr_expect_eq(eq_result_solution(r), EQ_SOL_STOPPED);
        cr_expect_not_null(strstr(eq_result_errmsg(r), "cancel"), "%s", eq_result_errmsg(r));
        cr_expect_lt(eq_result_count(r), want.count + 1);
        expect_subset(r, &want);
        some |= eq_result_count(r) > 0;
        eq_result_free(r);
    }
    cr_expect(some, "no stop kept an equilibrium");
    t_eqset_free(&want);
    eq_game_free(g);
}

/* lemke: one pivot in all gives nothing and says which limit; a limit just
** short of the whole run keeps the equilibria of the labels done. */
Test(limits, lemke_max_pivots)
{
    t_rng rng = { 77 };
    eq_game *g = t_random_bimatrix(&rng, 8, 8, 0, 99);
    t_eqset want = t_lrsnash(g);
    eq_limits l;
    eq_solve_opts o;
    eq_result *r = NULL;

    eq_limits_init(&l);
    l.max_pivots = 1;
    exact_opts(&o, EQ_METHOD_LEMKE, &l);
    cr_assert_eq(eq_solve(g, &o, &r), EQ_ERR_STOPPED, "%s", eq_result_errmsg(r));
    cr_expect_eq(eq_result_count(r), 0);
    cr_expect_eq(eq_result_solution(r), EQ_SOL_STOPPED);
    cr_expect_not_null(strstr(eq_result_errmsg(r), "max_pivots"), "%s", eq_result_errmsg(r));
    eq_result_free(r);

    /* 8 + 8 labels of at least 2 pivots each: 20 pivots cannot finish them
    ** all, and the labels done before the stop are kept. */
    l.max_pivots = 20;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_ERR_STOPPED, "%s", eq_result_errmsg(r));
    expect_subset(r, &want);
    eq_result_free(r);
    t_eqset_free(&want);
    eq_game_free(g);
}

/* enum: a vertex limit stops the search; the same limit far above the
** polytopes' vertex count changes nothing. */
Test(limits, enum_max_vertices)
{
    t_rng rng = { 5 };
    eq_game *g = t_random_bimatrix(&rng, 7, 7, 0, 99);
    t_eqset want = t_lrsnash(g), got;
    eq_limits l;
    eq_solve_opts o;
    eq_result *r = NULL;

    eq_limits_init(&l);
    l.max_vertices = 3;
    exact_opts(&o, EQ_METHOD_ENUM, &l);
    cr_assert_eq(eq_solve(g, &o, &r), EQ_ERR_STOPPED, "%s", eq_result_errmsg(r));
    cr_expect_not_null(strstr(eq_result_errmsg(r), "max_vertices"), "%s", eq_result_errmsg(r));
    expect_subset(r, &want);
    eq_result_free(r);

    l.max_vertices = 1000000;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_OK, "%s", eq_result_errmsg(r));
    got = t_from_result(r);
    cr_expect(t_eqset_equal(&want, &got));
    t_eqset_free(&got);
    eq_result_free(r);
    t_eqset_free(&want);
    eq_game_free(g);
}

/* A time limit already spent stops at the first poll; a bad limit is
** refused before anything runs. */
Test(limits, time_limit_and_bad_limits)
{
    t_rng rng = { 9 };
    eq_game *g = t_random_bimatrix(&rng, 5, 5, 0, 99);
    eq_limits l;
    eq_solve_opts o;
    eq_result *r = NULL;

    eq_limits_init(&l);
    l.time_limit = 1e-9;
    exact_opts(&o, EQ_METHOD_LEMKE, &l);
    cr_assert_eq(eq_solve(g, &o, &r), EQ_ERR_STOPPED, "%s", eq_result_errmsg(r));
    cr_expect_not_null(strstr(eq_result_errmsg(r), "time limit"), "%s", eq_result_errmsg(r));
    eq_result_free(r);

    l.time_limit = -1.0;
    cr_expect_eq(eq_solve(g, &o, &r), EQ_ERR_ARG);
    eq_result_free(r);
    l.time_limit = NAN;
    cr_expect_eq(eq_solve(g, &o, &r), EQ_ERR_ARG);
    eq_result_free(r);
    eq_limits_init(&l);
    l.max_pivots = -2;
    cr_expect_eq(eq_solve(g, &o, &r), EQ_ERR_ARG);
    eq_result_free(r);
    eq_game_free(g);
}

/* Trees: the sequence-form Lemke path stops on its pivot limit, and a
** reduced-form enum on its callback, both marked stopped. */
Test(limits, trees)
{
    eq_tree *t = t_read_efg(EQ_MODELS "/poker.efg");
    eq_limits l;
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    counter c = { 0, 0 };

    eq_limits_init(&l);
    l.max_pivots = 1;
    eq_tree_opts_init(&o);
    o.method = EQ_METHOD_LEMKE;
    o.limits = &l;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_ERR_STOPPED, "%s", eq_tree_result_errmsg(r));
    cr_expect_eq(eq_tree_result_solution(r), EQ_SOL_STOPPED);
    cr_expect_not_null(strstr(eq_tree_result_errmsg(r), "max_pivots"), "%s",
                       eq_tree_result_errmsg(r));
    eq_tree_result_free(r);

    /* Without limits the same solve finishes. */
    o.limits = NULL;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s", eq_tree_result_errmsg(r));
    eq_tree_result_free(r);

    eq_limits_init(&l);
    l.cancel = stop_after;
    l.cancel_ud = &c;
    o.method = EQ_METHOD_ENUM;
    o.limits = &l;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_ERR_STOPPED, "%s", eq_tree_result_errmsg(r));
    cr_expect_eq(eq_tree_result_solution(r), EQ_SOL_STOPPED);
    cr_expect_eq(c.polls, 1);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* Sweeps and studies stop between rows and samples: a callback that says
** stop at its (k+1)-th poll lets exactly k rows or samples through. */
static int count_row(void *ud, const eq_point *pt)
{
    (void)pt;
    ++*(long long *)ud;
    return 0;
}

static eq_model *nato(void)
{
    eq_model *m = NULL;
    eq_diag d;
    cr_assert_eq(eq_model_read(&m, EQ_FIXTURES "/game/old_nato.game", &d), EQ_OK, "%s",
                 d.message);
    return m;
}

Test(limits, sweep_and_robust)
{
    eq_model *m = nato();
    eq_analysis *a = NULL;
    eq_robust *rb = NULL;
    eq_limits l;
    counter c = { 0, 7 };
    long long rows = 0;

    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    cr_assert_eq(eq_analysis_vary(a, "delay=0:10:50"), EQ_OK, "%s", eq_analysis_errmsg(a));
    eq_limits_init(&l);
    l.cancel = stop_after;
    l.cancel_ud = &c;
    cr_assert_eq(eq_analysis_set_limits(a, &l), EQ_OK);
    cr_assert_eq(eq_model_sweep(a, count_row, &rows), EQ_ERR_STOPPED);
    cr_expect_eq(rows, 7);
    cr_expect_not_null(strstr(eq_analysis_errmsg(a), "after 7 rows"), "%s",
                       eq_analysis_errmsg(a));
    /* No limits: all 50 rows. */
    rows = 0;
    cr_assert_eq(eq_analysis_set_limits(a, NULL), EQ_OK);
    cr_assert_eq(eq_model_sweep(a, count_row, &rows), EQ_OK, "%s", eq_analysis_errmsg(a));
    cr_expect_eq(rows, 50);
    l.time_limit = -3;
    cr_expect_eq(eq_analysis_set_limits(a, &l), EQ_ERR_ARG);

    cr_assert_eq(eq_robust_new(&rb), EQ_OK);
    cr_assert_eq(eq_robust_add_model(rb, a, "nato"), EQ_OK, "%s", eq_robust_errmsg(rb));
    cr_assert_eq(eq_robust_set_samples(rb, 100), EQ_OK);
    c.polls = 0;
    c.stop_after = 12;
    eq_limits_init(&l);
    l.cancel = stop_after;
    l.cancel_ud = &c;
    cr_assert_eq(eq_robust_set_limits(rb, &l), EQ_OK);
    cr_assert_eq(eq_robust_run(rb, NULL, NULL), EQ_ERR_STOPPED, "%s", eq_robust_errmsg(rb));
    cr_expect_eq(eq_robust_samples(rb) + eq_robust_failures(rb), 12);
    eq_robust_free(rb);
    eq_analysis_free(a);
    eq_model_free(m);
}
