/*
** test_numerics.c -- games that strain floating point: payoffs of 1e-12
** and 1e12 in one matrix, all payoffs equal, duplicate rows and columns.
** Every equilibrium a method reports in exact arithmetic has an exact
** certificate of 0, or the method refuses with a reason (a status and a
** message); enum's set, when it answers, is lrsnash's (lrslib, exact
** arithmetic, independent of this code).  Hand-derived counts and values
** are checked where the game is small enough.
*/
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"

/* The methods with exact arithmetic on a two-player game (zerosum only on
** constant-sum games). */
static const eq_method exact_methods[] = {
    EQ_METHOD_ENUM, EQ_METHOD_LEMKE, EQ_METHOD_PURE, EQ_METHOD_MIP, EQ_METHOD_ZEROSUM
};

/* Solve g by method m in exact arithmetic.  Returns the result (caller
** frees), or NULL when the method refused, after checking that the refusal
** came with a reason. */
static eq_result *solve_exact(const eq_game *g, eq_method m, const char *name)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_status s;

    eq_solve_opts_init(&o);
    o.method = m;
    o.exact = 1;
    o.threads = 1;
    s = eq_solve(g, &o, &r);
    if (s != EQ_OK) {
        cr_expect(s == EQ_ERR_NUMERIC || s == EQ_ERR_UNSUPPORTED || s == EQ_ERR_LIMIT ||
                  s == EQ_ERR_LP, "%s, %s: status %d", name, eq_method_name(m), s);
        cr_expect(r != NULL && eq_result_errmsg(r)[0] != '\0',
                  "%s, %s: refused without a reason", name, eq_method_name(m));
        eq_result_free(r);
        return NULL;
    }
    for (int k = 0; k < eq_result_count(r); k++)
        cr_expect_str_eq(eq_result_regret_exact(r, k), "0", "%s, %s: equilibrium %d",
                         name, eq_method_name(m), k);
    return r;
}

/* Every exact method on g: certificates 0 or a reasoned refusal; enum's
** set, when it answers, is lrsnash's, and every other method's
** equilibria belong to it when they are extreme (lemke, pure, zerosum's
** basic solutions).  Returns enum's count, or -1 if enum refused. */
static int check_game(const eq_game *g, const char *name)
{
    t_eqset want = t_lrsnash(g), got;
    int count = -1;
    for (size_t i = 0; i < sizeof exact_methods / sizeof exact_methods[0]; i++) {
        eq_method m = exact_methods[i];
        eq_result *r;
        if (m == EQ_METHOD_ZEROSUM &&
            eq_method_check_game(m, g, NULL, 0) != EQ_OK)
            continue;
        if ((r = solve_exact(g, m, name)) == NULL)
            continue;
        if (eq_result_count(r) == 0) {
            cr_expect(m == EQ_METHOD_PURE, "%s, %s: no equilibrium", name,
                      eq_method_name(m));
            eq_result_free(r);
            continue;
        }
        got = t_from_result(r);
        if (m == EQ_METHOD_ENUM) {
            count = got.count;
            cr_expect(t_eqset_equal(&want, &got), "%s: enum found %d extreme equilibria, "
                      "lrsnash %d", name, got.count, want.count);
        } else if (m == EQ_METHOD_LEMKE || m == EQ_METHOD_PURE) {
            for (int k = 0; k < got.count; k++) {
                t_eqset one = { 1, 1, &got.e[k] };
                int found = 0;
                for (int w = 0; w < want.count && !found; w++) {
                    t_eqset other = { 1, 1, &want.e[w] };
                    found = t_eqset_equal(&one, &other);
                }
                cr_expect(found, "%s, %s: equilibrium %d is not one of lrsnash's", name,
                          eq_method_name(m), k);
            }
        }
        t_eqset_free(&got);
        eq_result_free(r);
    }
    t_eqset_free(&want);
    return count;
}

/* Coordination with payoffs 1e12 and 1e-12: A = [[1e12, 0], [0, e]],
** B = [[e, 0], [0, 1e12]] with e = 1e-12 (as a double).  By hand: two pure
** equilibria, (T, L) and (B, R), and one mixed, where player 2 plays L
** with probability e / (1e12 + e) (player 1 indifferent: 1e12 y = e(1-y))
** and player 1 plays T with probability 1e12 / (1e12 + e) (player 2
** indifferent: e x = 1e12 (1 - x)): three in all. */
Test(numerics, tiny_and_huge_coordination, .timeout = 300)
{
    const double e = 1e-12;
    const double A[] = { 1e12, 0, 0, e }, B[] = { e, 0, 0, 1e12 };
    eq_game *g = t_bimatrix(2, 2, A, B);
    int n = check_game(g, "tiny/huge 2x2");
    cr_expect(n == 3 || n == -1, "enum found %d equilibria, by hand 3", n);
    eq_game_free(g);
}

/* A 4 x 4 game of payoffs drawn from {1e-12, 1, 2, 1e12} and their
** negatives, seeded: enum against lrsnash, certificates of every method. */
Test(numerics, tiny_and_huge_random, .timeout = 600)
{
    static const double vals[] = { 1e-12, 1.0, 2.0, 1e12, -1e-12, -1.0, -1e12 };
    for (unsigned seed = 1; seed <= 6; seed++) {
        t_rng rng = { seed };
        double A[16], B[16];
        char name[32];
        eq_game *g;
        for (int i = 0; i < 16; i++) {
            A[i] = vals[t_rng_int(&rng, 0, 6)];
            B[i] = vals[t_rng_int(&rng, 0, 6)];
        }
        snprintf(name, sizeof name, "tiny/huge 4x4 seed %u", seed);
        g = t_bimatrix(4, 4, A, B);
        check_game(g, name);
        eq_game_free(g);
    }
}

/* Every payoff 5 in a 3 x 4 game: every profile is an equilibrium, and the
** extreme ones are the 12 pure profiles (by hand; lrsnash agrees). */
Test(numerics, all_equal, .timeout = 300)
{
    double A[12], B[12];
    eq_game *g;
    eq_result *r;
    for (int i = 0; i < 12; i++)
        A[i] = B[i] = 5.0;
    g = t_bimatrix(3, 4, A, B);
    cr_expect_eq(check_game(g, "all equal 3x4"), 12);
    r = solve_exact(g, EQ_METHOD_PURE, "all equal 3x4");
    cr_assert_not_null(r);
    cr_expect_eq(eq_result_count(r), 12);
    eq_result_free(r);
    /* Constant-sum: zerosum's value is 5 to player 1. */
    r = solve_exact(g, EQ_METHOD_ZEROSUM, "all equal 3x4");
    cr_assert_not_null(r);
    cr_expect_str_eq(eq_result_payoff_exact(r, 0, 0), "5");
    eq_result_free(r);
    eq_game_free(g);
}

/* Matching pennies with player 1's first row doubled and player 2's first
** column doubled: A = [[1, 1, -1], [1, 1, -1], [-1, -1, 1]], B = -A.  By
** hand: player 1 puts 1/2 on heads (rows 0 and 1 together) and player 2
** 1/2 on heads (columns 0 and 1 together); the extreme equilibria put
** each heads half on one copy: 2 x 2 = 4 of them, value 0. */
Test(numerics, duplicate_rows_and_columns, .timeout = 300)
{
    const double A[] = { 1, 1, -1, 1, 1, -1, -1, -1, 1 };
    double B[9];
    eq_game *g;
    eq_result *r;
    for (int i = 0; i < 9; i++)
        B[i] = -A[i];
    g = t_bimatrix(3, 3, A, B);
    cr_expect_eq(check_game(g, "duplicated pennies"), 4);
    r = solve_exact(g, EQ_METHOD_ZEROSUM, "duplicated pennies");
    cr_assert_not_null(r);
    cr_expect_str_eq(eq_result_payoff_exact(r, 0, 0), "0");
    cr_expect_str_eq(eq_result_strategy_exact(r, 0, 0, 2), "1/2");
    eq_result_free(r);
    eq_game_free(g);
}

/* A random 6 x 6 game with its rows and columns duplicated (12 x 12, each
** action twice): enum against lrsnash. */
Test(numerics, duplicated_random, .timeout = 600)
{
    t_rng rng = { 42 };
    double A[144], B[144];
    double a[36], b[36];
    eq_game *g;
    for (int i = 0; i < 36; i++) {
        a[i] = t_rng_int(&rng, 0, 20);
        b[i] = t_rng_int(&rng, 0, 20);
    }
    for (int i = 0; i < 12; i++)
        for (int j = 0; j < 12; j++) {
            A[i * 12 + j] = a[(i / 2) * 6 + j / 2];
            B[i * 12 + j] = b[(i / 2) * 6 + j / 2];
        }
    g = t_bimatrix(12, 12, A, B);
    check_game(g, "duplicated 6x6");
    eq_game_free(g);
}

/* mip on badly scaled games: the welfare-best equilibrium, by hand, in
** double and in exact arithmetic.  want1 and want2 are its payoffs (exact
** strings; in either order where two equilibria tie), welfare their sum
** in double.  GLPK's MIP presolver once proved
** a non-optimal pattern optimal on such games (welfare 0 for game a). */
static void check_mip_welfare(const double *A, const double *B, int m, int n,
                              const char *want1, const char *want2,
                              double welfare, const char *name)
{
    eq_game *g = t_bimatrix(m, n, A, B);
    for (int exact = 0; exact <= 1; exact++) {
        eq_solve_opts o;
        eq_result *r = NULL;
        eq_status s;
        eq_solve_opts_init(&o);
        o.method = EQ_METHOD_MIP;
        o.exact = exact;
        o.threads = 1;
        s = eq_solve(g, &o, &r);
        cr_assert_eq(s, EQ_OK, "%s, exact %d: status %d: %s", name, exact, s,
                     r ? eq_result_errmsg(r) : "");
        cr_assert_eq(eq_result_count(r), 1, "%s", name);
        cr_expect(eq_result_value(r) == welfare,
                  "%s, exact %d: welfare %.17g, by hand %.17g", name, exact,
                  eq_result_value(r), welfare);
        if (exact) {
            cr_expect_str_eq(eq_result_regret_exact(r, 0), "0", "%s", name);
            const char *p1 = eq_result_payoff_exact(r, 0, 0);
            const char *p2 = eq_result_payoff_exact(r, 0, 1);
            /* Where two equilibria tie, either (the payoffs swapped). */
            cr_expect((strcmp(p1, want1) == 0 && strcmp(p2, want2) == 0) ||
                      (strcmp(p1, want2) == 0 && strcmp(p2, want1) == 0),
                      "%s: payoffs %s and %s, by hand %s and %s", name, p1, p2,
                      want1, want2);
        }
        eq_result_free(r);
    }
    eq_game_free(g);
}

/* (a) The coordination game above.  By hand: (T, L) and (B, R) have
** welfare 1e12 + 1e-12 each (1e12 in double), the mixed one about 2e-12.
** (b) A prisoners' dilemma in payoffs of 1e-12 (C: 3e-12 each, D against
** C 5e-12, D: 1e-12 each) with a third action X each, (X, X) paying 1e12
** to both and every other X profile 0.  By hand: (D, D) (welfare 2e-12),
** (X, X) (2e12) and mixtures of D and X; the best is (X, X), 2e12.
** (c) A stag hunt: stag against stag 1e12, against hare 0; hare 1e-12
** whatever the other does.  By hand: (S, S) welfare 2e12, (H, H) 2e-12,
** the mixed one (S with probability 1e-24) 2e-12: the best is (S, S).
** (d) (c) with the stag's payoff 1e-12 and the hare's 1e12 against stag
** only and 0 against hare, i.e. A = [[1e-12, 1e-12], [1e12, 0]]:
** hare against stag beats stag, stag against hare beats hare, so the
** pure equilibria are (S, H) and (H, S), welfare 1e12 + 1e-12 each, and
** the mixed one gives each player 1e-12 (welfare 2e-12). */
/* The double nearest 1e-12, exactly. */
#define E_EXACT "4951760157141521/4951760157141521099596496896"
Test(numerics, mip_badly_scaled, .timeout = 300)
{
    const double e = 1e-12;
    const double A1[] = { 1e12, 0, 0, e }, B1[] = { e, 0, 0, 1e12 };
    const double A2[] = { 3 * e, 0, 0, 5 * e, e, 0, 0, 0, 1e12 };
    const double B2[] = { 3 * e, 5 * e, 0, 0, e, 0, 0, 0, 1e12 };
    const double A3[] = { 1e12, 0, e, e }, B3[] = { 1e12, e, 0, e };
    const double A4[] = { e, e, 1e12, 0 }, B4[] = { e, 1e12, e, 0 };
    check_mip_welfare(A1, B1, 2, 2, "1000000000000", E_EXACT,
                      1e12 + e, "coordination 1e12/1e-12");
    check_mip_welfare(A2, B2, 3, 3, "1000000000000", "1000000000000", 2e12,
                      "tiny dilemma with a huge X");
    check_mip_welfare(A3, B3, 2, 2, "1000000000000", "1000000000000", 2e12,
                      "stag hunt 1e12/1e-12");
    check_mip_welfare(A4, B4, 2, 2, E_EXACT, "1000000000000",
                      1e12 + e, "anti-coordination 1e12/1e-12");
}

/* ---- qre on the same games (double precision) ----------------------- */

static int qre_budget(void *ud)
{
    long *left = ud;
    return --*left < 0;
}

/* qre (the logit path; double precision only) on g: an equilibrium whose
** max regret is at most 1e-7 of the payoffs' range (the promise of the
** double-precision methods, as in fuzz_solve), or a refusal with a reason.
** At most 5000 polls of the cancel callback (one per path step) are
** allowed, so a path that crawls fails the test rather than hanging it;
** stopping is not an accepted refusal.  Returns 1 if qre answered. */
static int check_qre(const eq_game *g, const char *name)
{
    eq_solve_opts o;
    eq_limits lim;
    eq_result *r = NULL;
    long left = 5000;
    double lo = 1e308, hi = -1e308, reg;
    eq_status s;
    int answered = 0;

    for (int p = 0; p < eq_game_players(g); p++)
        for (size_t i = 0; i < eq_game_profiles(g); i++) {
            double v = eq_game_payoffs(g, p)[i];
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
    eq_limits_init(&lim);
    lim.cancel = qre_budget;
    lim.cancel_ud = &left;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_QRE;
    o.limits = &lim;
    s = eq_solve(g, &o, &r);
    if (s == EQ_OK) {
        cr_expect_eq(eq_result_count(r), 1, "%s, qre", name);
        reg = eq_result_regret(r, 0);
        cr_expect(reg >= 0.0 && reg <= 1e-7 * (hi > lo ? hi - lo : 1.0),
                  "%s, qre: max regret %g, payoff range %g", name, reg, hi - lo);
        answered = 1;
    } else {
        cr_expect_eq(s, EQ_ERR_NUMERIC, "%s, qre: status %d (%s)", name, s,
                     eq_result_errmsg(r));
        cr_log_info("%s, qre refused: %s", name, eq_result_errmsg(r));
        cr_expect(eq_result_errmsg(r)[0] != '\0', "%s, qre: refused without a reason",
                  name);
    }
    eq_result_free(r);
    return answered;
}

/* The games above, and three-player ones mixing 1 and 1e6 (the kind on
** which the path once took 100,000 steps), through qre.  A refusal with a
** reason is allowed per game, but refusals are counted, so that a change
** that makes qre refuse more shows here: all 29 are answered (21 before
** the path's step control became relative to each coordinate and the path
** was followed on past an end that is not yet an equilibrium; 28 before
** path.c followed the path in a metric relative to each coordinate's
** size: 2x3x2 seed 18 stalled at lambda ~1.1e7, normalised, in a sharp
** turn, with max regret 3.3 at its end).  Over seeds 1..400 of the 2x3x2
** games, 370 were answered before that change and 400 after; test_qre.c
** (a_sharp_turn_far_out_...) checks the 30 seeds that were refused. */
Test(numerics, qre_on_strained_games, .timeout = 300)
{
    static const double vals[] = { 1e-12, 1.0, 2.0, 1e12, -1e-12, -1.0, -1e12 };
    const double e = 1e-12;
    const double A[] = { 1e12, 0, 0, e }, B[] = { e, 0, 0, 1e12 };
    const double P[] = { 1, 1, -1, 1, 1, -1, -1, -1, 1 };
    double Q[9], C[16], D[16];
    int answered = 0, total = 0;
    eq_game *g;

    g = t_bimatrix(2, 2, A, B);
    answered += check_qre(g, "tiny/huge 2x2"), total++;
    eq_game_free(g);
    for (unsigned seed = 1; seed <= 6; seed++) {
        t_rng rng = { seed };
        char name[40];
        for (int i = 0; i < 16; i++) {
            C[i] = vals[t_rng_int(&rng, 0, 6)];
            D[i] = vals[t_rng_int(&rng, 0, 6)];
        }
        snprintf(name, sizeof name, "tiny/huge 4x4 seed %u", seed);
        g = t_bimatrix(4, 4, C, D);
        answered += check_qre(g, name), total++;
        eq_game_free(g);
    }
    for (int i = 0; i < 16; i++)
        C[i] = 5.0;
    g = t_bimatrix(3, 4, C, C);
    answered += check_qre(g, "all equal 3x4"), total++;
    eq_game_free(g);
    for (int i = 0; i < 9; i++)
        Q[i] = -P[i];
    g = t_bimatrix(3, 3, P, Q);
    answered += check_qre(g, "duplicated pennies"), total++;
    eq_game_free(g);
    for (unsigned seed = 1; seed <= 20; seed++) {
        const int k[3] = { 2, 3, 2 };
        t_rng rng = { 1000u + seed };
        char name[40];
        cr_assert_eq(eq_game_new(&g, 3, k), EQ_OK);
        for (int p = 0; p < 3; p++)
            for (size_t i = 0; i < eq_game_profiles(g); i++)
                eq_game_payoffs_mut(g, p)[i] =
                    t_rng_int(&rng, -100, 100) * ((i & 1) ? 1e6 : 1.0);
        snprintf(name, sizeof name, "1 and 1e6, 2x3x2 seed %u", seed);
        answered += check_qre(g, name), total++;
        eq_game_free(g);
    }
    cr_expect_eq(total, 29);
    cr_expect_geq(answered, 29, "qre answered %d of %d", answered, total);
}
