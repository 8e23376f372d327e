/*
** test_scale.c -- equilibria do not depend on the unit or origin of
** payoffs: multiplying every payoff by 10^6 or 10^-6, or adding a
** constant, changes no equilibrium (a positive affine transformation of a
** player's utility represents the same preferences; von Neumann and
** Morgenstern).  Payoffs are set from exact decimal text so that scaled
** games are exactly scaled, not rounded.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "support.h"

enum transform { SAME, TIMES_1E6, TIMES_1EM6, PLUS_CONST };

/* The game with integer payoffs base[p][i], transformed exactly. */
static eq_game *make(int m, int n, const int *A, const int *B, enum transform t)
{
    int k[2] = { m, n };
    eq_game *g = NULL;
    cr_assert_eq(eq_game_new(&g, 2, k), EQ_OK);
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < m * n; i++) {
            int v = p ? B[i] : A[i], prof[2] = { i / n, i % n };
            char buf[64];
            switch (t) {
            case SAME: snprintf(buf, sizeof buf, "%d", v); break;
            case TIMES_1E6: snprintf(buf, sizeof buf, "%de6", v); break;
            case TIMES_1EM6: snprintf(buf, sizeof buf, "%de-6", v); break;
            case PLUS_CONST: snprintf(buf, sizeof buf, "%d.125", v + 1000); break;
            }
            cr_assert_eq(eq_game_set_payoff_text(g, p, prof, buf), EQ_OK);
        }
    return g;
}

static eq_result *run(const eq_game *g, eq_method m, int exact)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_solve_opts_init(&o);
    o.method = m;
    o.exact = exact;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_OK, "%s", eq_result_errmsg(r));
    return r;
}

struct sz { int m, n; unsigned seed; };
static struct sz sizes[] = { {2, 2, 1}, {3, 3, 2}, {4, 4, 3}, {5, 3, 4}, {6, 6, 5}, {8, 8, 6} };

ParameterizedTestParameters(scale, invariance)
{
    return cr_make_param_array(struct sz, sizes, sizeof sizes / sizeof sizes[0]);
}

ParameterizedTest(struct sz *s, scale, invariance)
{
    int A[64], B[64], m = s->m, n = s->n;
    t_rng rng = { 0x5ca1e000u + s->seed };
    for (int i = 0; i < m * n; i++) {
        A[i] = t_rng_int(&rng, -50, 50);
        B[i] = t_rng_int(&rng, -50, 50);
    }
    eq_game *g0 = make(m, n, A, B, SAME);
    eq_result *e0 = run(g0, EQ_METHOD_ENUM, 1);
    eq_result *l0 = run(g0, EQ_METHOD_LEMKE, 0);
    eq_result *p0 = run(g0, EQ_METHOD_PURE, 0);
    t_eqset want = t_from_result(e0);
    for (int t = TIMES_1E6; t <= PLUS_CONST; t++) {
        eq_game *g = make(m, n, A, B, (enum transform)t);
        eq_result *e = run(g, EQ_METHOD_ENUM, 1);
        t_eqset got = t_from_result(e);
        cr_expect(t_eqset_equal(&want, &got), "enum changed under transform %d", t);
        t_eqset_free(&got);
        eq_result_free(e);

        /* lemke follows the same pivots, so finds the same equilibria. */
        eq_result *l = run(g, EQ_METHOD_LEMKE, 0);
        cr_expect_eq(eq_result_count(l), eq_result_count(l0), "lemke count, transform %d", t);
        for (int k = 0; k < eq_result_count(l) && k < eq_result_count(l0); k++)
            for (int p = 0; p < 2; p++)
                for (int a = 0; a < eq_result_actions(l, p); a++)
                    cr_expect(fabs(eq_result_strategy(l, k, p)[a] -
                                   eq_result_strategy(l0, k, p)[a]) < 1e-9);
        eq_result_free(l);

        eq_result *pr = run(g, EQ_METHOD_PURE, 0);
        cr_expect_eq(eq_result_count(pr), eq_result_count(p0));
        eq_result_free(pr);
        eq_game_free(g);
    }
    t_eqset_free(&want);
    eq_result_free(e0);
    eq_result_free(l0);
    eq_result_free(p0);
    eq_game_free(g0);
}

/* Zero-sum games keep their optimal strategies; the value scales with the
** payoffs. */
Test(scale, zerosum)
{
    int A[16], B[16];
    t_rng rng = { 42 };
    for (int i = 0; i < 16; i++) {
        A[i] = t_rng_int(&rng, -9, 9);
        B[i] = -A[i];
    }
    eq_game *g0 = make(4, 4, A, B, SAME), *g1 = make(4, 4, A, B, TIMES_1E6);
    eq_game *g2 = make(4, 4, A, B, TIMES_1EM6);
    eq_result *r0 = run(g0, EQ_METHOD_ZEROSUM, 1), *r1 = run(g1, EQ_METHOD_ZEROSUM, 1);
    eq_result *r2 = run(g2, EQ_METHOD_ZEROSUM, 1);
    for (int p = 0; p < 2; p++)
        for (int a = 0; a < 4; a++) {
            cr_expect_str_eq(eq_result_strategy_exact(r0, 0, p, a),
                             eq_result_strategy_exact(r1, 0, p, a));
            cr_expect_str_eq(eq_result_strategy_exact(r0, 0, p, a),
                             eq_result_strategy_exact(r2, 0, p, a));
        }
    cr_expect(fabs(eq_result_value(r1) - 1e6 * eq_result_value(r0)) <=
              1e-9 * (1 + fabs(eq_result_value(r1))));
    cr_expect(fabs(eq_result_value(r2) - 1e-6 * eq_result_value(r0)) <= 1e-15);
    eq_result_free(r0);
    eq_result_free(r1);
    eq_result_free(r2);
    eq_game_free(g0);
    eq_game_free(g1);
    eq_game_free(g2);
}
