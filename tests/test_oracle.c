/*
** test_oracle.c -- enum --exact and lemke against lrsnash (lrslib), which
** enumerates every extreme equilibrium of a two-player game in exact
** arithmetic, independently of this code.
*/
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "support.h"

/* enum --exact must give exactly lrsnash's set of extreme equilibria, and
** every lemke result (from every label) must belong to it. */
static void check_against_lrsnash(const eq_game *g)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    t_eqset want = t_lrsnash(g), got;
    int m = eq_game_actions(g, 0), n = eq_game_actions(g, 1);

    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_ENUM;
    o.exact = 1;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_OK, "enum: %s", eq_result_errmsg(r));
    got = t_from_result(r);
    cr_expect(t_eqset_equal(&want, &got),
              "%dx%d: enum found %d extreme equilibria, lrsnash %d", m, n,
              got.count, want.count);
    for (int k = 0; k < eq_result_count(r); k++)
        cr_expect_str_eq(eq_result_regret_exact(r, k), "0");
    eq_result_free(r);
    t_eqset_free(&got);

    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_LEMKE;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_OK, "lemke: %s", eq_result_errmsg(r));
    cr_expect_gt(eq_result_count(r), 0);
    for (int k = 0; k < eq_result_count(r); k++) {
        double xy[64];
        for (int i = 0; i < m; i++) xy[i] = eq_result_strategy(r, k, 0)[i];
        for (int j = 0; j < n; j++) xy[m + j] = eq_result_strategy(r, k, 1)[j];
        cr_expect(t_eqset_contains(&want, xy, 1e-9),
                  "%dx%d: lemke equilibrium %d is not one of lrsnash's", m, n, k);
    }
    eq_result_free(r);
    t_eqset_free(&want);
}

struct size { int m, n; unsigned seed; };

/* 36 seeded random games, 2x2 to 12x12, square and rectangular, with
** integer payoffs in [0, 99]. */
static struct size sizes[] = {
    {2, 2, 1}, {2, 2, 2}, {2, 3, 3}, {3, 2, 4}, {3, 3, 5}, {3, 3, 6},
    {3, 4, 7}, {4, 3, 8}, {4, 4, 9}, {4, 4, 10}, {2, 6, 11}, {6, 2, 12},
    {5, 5, 13}, {5, 5, 14}, {5, 7, 15}, {7, 5, 16}, {6, 6, 17}, {6, 6, 18},
    {7, 7, 19}, {7, 7, 20}, {8, 8, 21}, {8, 8, 22}, {3, 9, 23}, {9, 3, 24},
    {9, 9, 25}, {9, 9, 26}, {10, 10, 27}, {10, 10, 28}, {10, 10, 29},
    {11, 11, 30}, {11, 11, 31}, {12, 12, 32}, {12, 12, 33}, {12, 12, 34},
    {4, 12, 35}, {12, 5, 36},
};

ParameterizedTestParameters(oracle, random_games)
{
    return cr_make_param_array(struct size, sizes, sizeof sizes / sizeof sizes[0]);
}

ParameterizedTest(struct size *s, oracle, random_games, .timeout = 600)
{
    t_rng rng = { 0x5eed0000u + s->seed };
    eq_game *g = t_random_bimatrix(&rng, s->m, s->n, 0, 99);
    check_against_lrsnash(g);
    eq_game_free(g);
}

/* Degenerate games: payoffs drawn from {0, 1, 2} tie often, so best
** responses are not unique and the polytopes have vertices with more
** labels than their dimension. */
static struct size small[] = {
    {3, 3, 101}, {3, 3, 102}, {4, 4, 103}, {4, 4, 104}, {5, 5, 105},
    {5, 5, 106}, {6, 6, 107}, {3, 5, 108}, {6, 4, 109}, {7, 7, 110},
};

ParameterizedTestParameters(oracle, degenerate_random)
{
    return cr_make_param_array(struct size, small, sizeof small / sizeof small[0]);
}

ParameterizedTest(struct size *s, oracle, degenerate_random, .timeout = 600)
{
    t_rng rng = { 0xde9e0000u + s->seed };
    eq_game *g = t_random_bimatrix(&rng, s->m, s->n, 0, 2);
    check_against_lrsnash(g);
    eq_game_free(g);
}

/* Hand-made degenerate games. */
Test(oracle, all_payoffs_equal)
{
    double A[] = { 1, 1, 1, 1, 1, 1 }, B[] = { 1, 1, 1, 1, 1, 1 };
    eq_game *g = t_bimatrix(2, 3, A, B);
    check_against_lrsnash(g);   /* every pure profile is an extreme equilibrium */
    eq_game_free(g);
}

Test(oracle, von_stengel_degenerate)
{
    /* von Stengel (2002), Handbook of Game Theory 3, fig. 2.6 */
    double A[] = { 3, 3, 2, 5, 0, 6 }, B[] = { 3, 2, 2, 6, 3, 1 };
    eq_game *g = t_bimatrix(3, 2, A, B);
    check_against_lrsnash(g);
    eq_game_free(g);
}

Test(oracle, duplicate_rows)
{
    double A[] = { 4, 0, 4, 0, 1, 3 }, B[] = { 1, 2, 1, 2, 3, 0 };
    eq_game *g = t_bimatrix(3, 2, A, B);
    check_against_lrsnash(g);
    eq_game_free(g);
}

Test(oracle, weakly_dominated)
{
    double A[] = { 1, 1, 0, 1 }, B[] = { 1, 0, 1, 1 };
    eq_game *g = t_bimatrix(2, 2, A, B);
    check_against_lrsnash(g);
    eq_game_free(g);
}

Test(oracle, one_by_n)
{
    double A[] = { 2, 2, 1 }, B[] = { 3, 3, 1 };
    eq_game *g = t_bimatrix(1, 3, A, B);
    check_against_lrsnash(g);
    eq_game_free(g);
}

Test(oracle, rational_payoffs)
{
    /* Non-integer payoffs set from text keep their exact values. */
    int k[2] = { 2, 2 };
    const char *A[] = { "1/3", "0", "0", "2/7" }, *B[] = { "2/7", "0", "0", "1/3" };
    eq_game *g = NULL;
    cr_assert_eq(eq_game_new(&g, 2, k), EQ_OK);
    for (int i = 0; i < 4; i++) {
        int prof[2] = { i / 2, i % 2 };
        cr_assert_eq(eq_game_set_payoff_text(g, 0, prof, A[i]), EQ_OK);
        cr_assert_eq(eq_game_set_payoff_text(g, 1, prof, B[i]), EQ_OK);
    }
    /* By hand: the mixed equilibrium makes each player indifferent:
    ** y1 * 1/3 = (1 - y1) * 2/7 -> y1 = 6/13; x1 * 2/7 = (1 - x1) / 3 -> x1 = 7/13. */
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_solve_opts_init(&o);
    o.exact = 1;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_OK);
    cr_assert_eq(eq_result_count(r), 3);
    int mixed = 0;
    for (int e = 0; e < 3; e++)
        if (strcmp(eq_result_strategy_exact(r, e, 0, 0), "7/13") == 0 &&
            strcmp(eq_result_strategy_exact(r, e, 1, 0), "6/13") == 0)
            mixed++;
    cr_expect_eq(mixed, 1);
    eq_result_free(r);
    eq_game_free(g);
}
