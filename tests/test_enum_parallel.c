/*
** test_enum_parallel.c -- enum on several threads gives exactly what it
** gives on one: the same equilibria, as exact fractions, in the same
** order; and that set is lrsnash's (lrslib), computed independently.
** The games are large enough (from 10 x 10) that the search's levels
** exceed the size at which it starts threads.
*/
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "support.h"

static eq_result *solve_enum(const eq_game *g, int threads, int exact)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_ENUM;
    o.exact = exact;
    o.threads = threads;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_OK, "enum on %d threads: %s", threads,
                 eq_result_errmsg(r));
    return r;
}

/* Whether a and b hold the same exact equilibria in the same order. */
static void expect_identical(const eq_result *a, const eq_result *b, int threads)
{
    int np = eq_result_players(a);
    cr_assert_eq(eq_result_count(a), eq_result_count(b),
                 "%d threads: %d equilibria, one thread %d", threads,
                 eq_result_count(b), eq_result_count(a));
    for (int k = 0; k < eq_result_count(a); k++)
        for (int p = 0; p < np; p++)
            for (int i = 0; i < eq_result_actions(a, p); i++)
                cr_assert_str_eq(eq_result_strategy_exact(a, k, p, i),
                                 eq_result_strategy_exact(b, k, p, i),
                                 "%d threads: equilibrium %d, player %d, action %d",
                                 threads, k, p, i);
}

struct game { int m, n, lo, hi; unsigned seed; };

/* Uniform payoffs 0..99 (nondegenerate in practice) and payoffs 0..3
** (degenerate: ties in best responses), square and rectangular. */
static struct game games[] = {
    {10, 10, 0, 99, 1}, {12, 12, 0, 99, 2}, {13, 13, 0, 99, 3},
    {8, 16, 0, 99, 4}, {16, 7, 0, 99, 5}, {11, 11, 0, 3, 6},
    {12, 9, 0, 3, 7}, {10, 10, 0, 1, 8},
};

ParameterizedTestParameters(enum_parallel, same_as_serial_and_lrsnash)
{
    return cr_make_param_array(struct game, games, sizeof games / sizeof games[0]);
}

ParameterizedTest(struct game *s, enum_parallel, same_as_serial_and_lrsnash,
                  .timeout = 600)
{
    t_rng rng = { 0x7a7a0000u + s->seed };
    eq_game *g = t_random_bimatrix(&rng, s->m, s->n, s->lo, s->hi);
    eq_result *one = solve_enum(g, 1, 1);
    t_eqset want = t_lrsnash(g), got = t_from_result(one);
    static const int counts[] = { 2, 3, 7 };

    cr_expect(t_eqset_equal(&want, &got), "%dx%d: one thread found %d, lrsnash %d",
              s->m, s->n, got.count, want.count);
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        eq_result *many = solve_enum(g, counts[c], 1);
        expect_identical(one, many, counts[c]);
        eq_result_free(many);
    }
    t_eqset_free(&want);
    t_eqset_free(&got);
    eq_result_free(one);
    eq_game_free(g);
}

/* Without --exact the doubles are the exact fractions rounded, so they too
** match bit for bit; and the default (0: one thread per processor) is
** one of the thread counts. */
Test(enum_parallel, doubles_and_default_threads)
{
    t_rng rng = { 0x7a7a1234u };
    eq_game *g = t_random_bimatrix(&rng, 12, 12, 0, 99);
    eq_result *one = solve_enum(g, 1, 0), *dflt = solve_enum(g, 0, 0),
              *two = solve_enum(g, 2, 0);

    cr_assert_gt(eq_result_count(one), 0);
    cr_assert_eq(eq_result_count(dflt), eq_result_count(one));
    cr_assert_eq(eq_result_count(two), eq_result_count(one));
    for (int k = 0; k < eq_result_count(one); k++)
        for (int p = 0; p < 2; p++) {
            size_t bytes = (size_t)eq_game_actions(g, p) * sizeof(double);
            cr_expect_eq(memcmp(eq_result_strategy(one, k, p),
                                eq_result_strategy(dflt, k, p), bytes), 0);
            cr_expect_eq(memcmp(eq_result_strategy(one, k, p),
                                eq_result_strategy(two, k, p), bytes), 0);
        }
    eq_result_free(one);
    eq_result_free(dflt);
    eq_result_free(two);
    eq_game_free(g);
}

/* max_equilibria stops at the same prefix of the list on any thread
** count. */
Test(enum_parallel, max_equilibria_prefix)
{
    t_rng rng = { 0x7a7a4321u };
    eq_game *g = t_random_bimatrix(&rng, 12, 12, 0, 99);
    eq_result *all = solve_enum(g, 1, 1), *part = NULL;
    eq_solve_opts o;

    cr_assert_gt(eq_result_count(all), 2);
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_ENUM;
    o.exact = 1;
    o.threads = 2;
    o.max_equilibria = 2;
    cr_assert_eq(eq_solve(g, &o, &part), EQ_OK);
    cr_expect_eq(eq_result_solution(part), EQ_SOL_PARTIAL);
    cr_assert_eq(eq_result_count(part), 2);
    for (int k = 0; k < 2; k++)
        for (int p = 0; p < 2; p++)
            for (int i = 0; i < eq_game_actions(g, p); i++)
                cr_expect_str_eq(eq_result_strategy_exact(part, k, p, i),
                                 eq_result_strategy_exact(all, k, p, i));
    eq_result_free(all);
    eq_result_free(part);
    eq_game_free(g);
}
