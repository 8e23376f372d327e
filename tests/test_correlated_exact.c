/*
** test_correlated_exact.c -- the correlated method with exact arithmetic:
** GLPK's optimal basis certified in rationals on the game's own payoffs
** (primal and dual feasibility checked exactly), and the optimum reported
** as fractions; refined by GLPK's rational simplex when the floating-point
** basis is not exactly optimal, refused when even that fails.
**
** Every expected value is derived by hand in the comment above its test.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "equilib.h"

/* Chicken in Gambit's payoff-list format; the first player's action
** varies fastest: (C,C) (D,C) (C,D) (D,D). */
#define CHICKEN_NFG(cc, dc, cd)                                             \
    "NFG 1 R \"chicken\" { \"1\" \"2\" } { { \"C\" \"D\" } { \"C\" \"D\" } }\n" \
    cc " " cc " " dc " " cd " " cd " " dc " 0 0\n"

static eq_game *parse(const char *text)
{
    eq_game *g = NULL;
    eq_diag d;
    cr_assert_eq(eq_game_parse_nfg(&g, text, strlen(text), "t.nfg", &d), EQ_OK,
                 "%s", d.message);
    return g;
}

/* What the log says, kept for the test. */
static char logged[512];
static void keep_log(void *ud, int level, const char *msg)
{
    (void)ud;
    (void)level;
    snprintf(logged, sizeof logged, "%s", msg);
}

static eq_status solve_x(const eq_game *g, int maximize, int coarse, eq_result **r)
{
    eq_solve_opts o;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_CORRELATED;
    o.objective = EQ_OBJ_WELFARE;
    o.maximize = maximize;
    o.coarse = coarse;
    o.exact = 1;
    o.log = keep_log;
    logged[0] = '\0';
    return eq_solve(g, &o, r);
}

static eq_result *certified(const eq_game *g, int maximize, int coarse)
{
    eq_result *r = NULL;
    eq_status s = solve_x(g, maximize, coarse, &r);
    cr_assert_eq(s, EQ_OK, "status %d: %s", (int)s, eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), 1);
    cr_assert(eq_result_is_exact(r));
    cr_assert_str_eq(eq_result_regret_exact(r, 0), "0");
    cr_assert(strstr(logged, "certified in exact arithmetic") != NULL, "%s", logged);
    return r;
}

static void expect_dist(const eq_result *r, const char *const *want, size_t n)
{
    for (size_t s = 0; s < n; s++)
        cr_assert_str_eq(eq_result_distribution_exact(r, 0, s), want[s], "profile %zu", s);
    cr_assert_null(eq_result_distribution_exact(r, 0, n));
    cr_assert_null(eq_result_distribution_exact(r, 1, 0));
}

/*
** Chicken (6,6) (2,7) (7,2) (0,0), pi = (a, b, c, d) on (C,C), (C,D),
** (D,C), (D,D).  The CE rows: a <= 2b, c >= 2d, a <= 2c, b >= 2d.
** Maximum welfare 12a + 9b + 9c: d = 0 (it only costs), then 9 + 3a with
** 2a <= 2(b + c) = 2(1 - a): a <= 1/2, so pi = (1/2, 1/4, 1/4, 0),
** welfare 21/2, each player 6/2 + 2/4 + 7/4 = 21/4, marginals 3/4, 1/4.
** Minimum welfare: welfare = 9 + 3a - 9d with b + c = 1 - a - d >= 4d,
** so d <= (1 - a)/5 and welfare >= 9 + 3a - 9(1 - a)/5, least at a = 0:
** pi = (0, 2/5, 2/5, 1/5), welfare 36/5, each player (2*2 + 7*2)/5 = 18/5.
** In a 2 x 2 game each CCE row is one CE row (the other has a zero
** coefficient everywhere), so the CCE optimum is the same.
*/
Test(correlated_exact, chicken_max_min_cce)
{
    static const char *const best[4] = { "1/2", "1/4", "1/4", "0" };
    static const char *const worst[4] = { "0", "2/5", "2/5", "1/5" };
    eq_game *g = parse(CHICKEN_NFG("6", "7", "2"));
    for (int coarse = 0; coarse <= 1; coarse++) {
        eq_result *r = certified(g, 1, coarse);
        expect_dist(r, best, 4);
        cr_assert_str_eq(eq_result_value_exact(r), "21/2");
        cr_assert_eq(eq_result_value(r), 10.5);
        for (int p = 0; p < 2; p++) {
            cr_assert_str_eq(eq_result_payoff_exact(r, 0, p), "21/4");
            cr_assert_str_eq(eq_result_strategy_exact(r, 0, p, 0), "3/4");
            cr_assert_str_eq(eq_result_strategy_exact(r, 0, p, 1), "1/4");
        }
        eq_result_free(r);
    }
    {
        eq_result *r = certified(g, 0, 0);
        expect_dist(r, worst, 4);
        cr_assert_str_eq(eq_result_value_exact(r), "36/5");
        cr_assert_str_eq(eq_result_payoff_exact(r, 0, 0), "18/5");
        eq_result_free(r);
    }
    eq_game_free(g);
}

/*
** The same game with payoffs written as decimals a tenth as large: the
** LP is the same up to the positive factor 1/10, so pi is the same and
** the value is 21/20, read from the decimals as written (0.6 is 3/5, not
** the binary double nearest it).
*/
Test(correlated_exact, decimals_read_as_written)
{
    static const char *const best[4] = { "1/2", "1/4", "1/4", "0" };
    eq_game *g = parse(CHICKEN_NFG("0.6", "0.7", "0.2"));
    eq_result *r = certified(g, 1, 0);
    expect_dist(r, best, 4);
    cr_assert_str_eq(eq_result_value_exact(r), "21/20");
    cr_assert_str_eq(eq_result_payoff_exact(r, 0, 1), "21/40");
    eq_result_free(r);
    eq_game_free(g);
}

/*
** Aumann's (1974) three-player game (tests/test_correlated.c derives it):
** the welfare optimum 6 is reached by every pi = q on (T,L,M), 1 - q on
** (B,R,M) with q in [1/3, 2/3]: a whole edge of optima, so several optimal
** bases (dual degeneracy).  A basis's vertex is an end: q = 1/3 or 2/3,
** the other profiles 0, each player 2.
*/
Test(correlated_exact, aumann_edge_of_optima)
{
    static const char *nfg =
        "NFG 1 R \"aumann\" { \"1\" \"2\" \"3\" }\n"
        "{ { \"T\" \"B\" } { \"L\" \"R\" } { \"A\" \"M\" \"C\" } }\n"
        /* A: (T,L) (B,L) (T,R) (B,R) */
        "0 0 3  1 0 0  0 0 0  0 0 0\n"
        /* M */
        "2 2 2  0 0 0  0 0 0  2 2 2\n"
        /* C */
        "0 0 0  0 1 0  0 0 0  0 0 3\n";
    eq_game *g = parse(nfg);
    eq_result *r = certified(g, 1, 0);
    /* Row-major profile order, the last player fastest: (T,L,M) is 1,
    ** (B,R,M) is 3*3 + 1 = 10. */
    const char *q = eq_result_distribution_exact(r, 0, 1);
    const char *q1 = eq_result_distribution_exact(r, 0, 10);
    cr_assert_str_eq(eq_result_value_exact(r), "6");
    cr_assert((strcmp(q, "1/3") == 0 && strcmp(q1, "2/3") == 0) ||
              (strcmp(q, "2/3") == 0 && strcmp(q1, "1/3") == 0), "q = %s, %s", q, q1);
    for (size_t s = 0; s < 12; s++)
        if (s != 1 && s != 10)
            cr_assert_str_eq(eq_result_distribution_exact(r, 0, s), "0");
    for (int p = 0; p < 3; p++)
        cr_assert_str_eq(eq_result_payoff_exact(r, 0, p), "2");
    eq_result_free(r);
    eq_game_free(g);
}

/*
** Chicken with player 1's C written twice (C and C2, the same payoffs for
** both players): the rows "told C, not C2" and "told C2, not C" are 0 >= 0
** everywhere, so their slacks are basic at 0 (primal degeneracy), and the
** optimum may split (C, .) between C and C2 in many ways.  The optimum of
** the merged game stays: welfare 21/2, player 2's marginals 3/4, 1/4 and
** player 1's D 1/4 (the split rows, summed, are chicken's; any merged
** optimum splits in proportion).
*/
Test(correlated_exact, duplicate_action_degenerate)
{
    static const char *nfg =
        "NFG 1 R \"dup\" { \"1\" \"2\" } { { \"C\" \"C2\" \"D\" } { \"C\" \"D\" } }\n"
        "6 6  6 6  7 2  2 7  2 7  0 0\n";
    eq_game *g = parse(nfg);
    eq_result *r = certified(g, 1, 0);
    cr_assert_str_eq(eq_result_value_exact(r), "21/2");
    cr_assert_str_eq(eq_result_strategy_exact(r, 0, 0, 2), "1/4");
    cr_assert_str_eq(eq_result_strategy_exact(r, 0, 1, 0), "3/4");
    cr_assert_str_eq(eq_result_strategy_exact(r, 0, 1, 1), "1/4");
    eq_result_free(r);
    eq_game_free(g);
}

/*
** GLPK's basis not exactly optimal.  One player, payoffs 0, 10^9 and
** 10^9 + 1/100.  Scaled onto [0, 1] the two best differ by 10^-11, far
** inside GLPK's optimality tolerance (1e-7), and its dual simplex stops
** at 10^9 (GLPK 5.0): that basis fails the exact check (the reduced cost
** of the better action is positive), GLPK's rational simplex refines it,
** and the certified optimum is the better action, 100000000001/100.
*/
Test(correlated_exact, refined_by_rational_simplex)
{
    static const char *nfg = "NFG 1 R \"t\" { \"1\" } { 3 }\n0 1000000000 1000000000.01\n";
    eq_game *g = parse(nfg);
    eq_result *r = certified(g, 1, 0);
    static const char *const want[3] = { "0", "0", "1" };
    expect_dist(r, want, 3);
    cr_assert_str_eq(eq_result_value_exact(r), "100000000001/100");
    cr_assert(strstr(logged, "glp_exact") != NULL, "%s", logged);
    eq_result_free(r);
    eq_game_free(g);
}

/*
** GLPK's basis primal feasible but not optimal: the dual check.  Chicken
** with a bystander (one action, no incentive rows) paid w = -3.000000001
** at (C,C) and 0 elsewhere.  The welfare is (12 + w) a + 9 (b + c) =
** (9 - 10^-9) a + 9 (b + c) <= 9, with equality only at a = d = 0: the
** optimum is 9, at the pure equilibria (C,D) and (D,C) and the edge
** between them.  Chicken's optimum (1/2, 1/4, 1/4, 0) is a CE worth
** 10.5 + w/2 = 9 - 5 * 10^-10, within GLPK's tolerance of 9, and GLPK 5.0
** stops there: its basis is primal feasible, but the reduced cost of
** (C,D) or (D,C) is positive, so it is refined, and the certified optimum
** has a = d = 0 and value 9.
*/
Test(correlated_exact, dual_check_refines)
{
    static const char *nfg =
        "NFG 1 R \"b\" { \"1\" \"2\" \"3\" } { { \"C\" \"D\" } { \"C\" \"D\" } { \"S\" } }\n"
        "6 6 -3.000000001  7 2 0  2 7 0  0 0 0\n";
    eq_game *g = parse(nfg);
    eq_result *r = certified(g, 1, 0);
    cr_assert_str_eq(eq_result_value_exact(r), "9");
    cr_assert_str_eq(eq_result_distribution_exact(r, 0, 0), "0");
    cr_assert_str_eq(eq_result_distribution_exact(r, 0, 3), "0");
    cr_assert(strstr(logged, "glp_exact") != NULL, "%s", logged);
    eq_result_free(r);
    eq_game_free(g);
}

/*
** Refused.  One player, payoffs 1 and 1.00000000000000001 (as written;
** both doubles are 1).  GLPK sees two equal actions and keeps the first;
** on the payoffs as written the row "told 1, not 2" is then violated by
** 10^-17, and the rational simplex on the LP's doubles cannot see the
** difference either: the optimum is not certified, and nothing is
** reported.  Written the other way round, GLPK's choice is the better
** action and is certified, value 100000000000000001/10^17.
*/
Test(correlated_exact, uncertified_refused)
{
    eq_game *g = parse("NFG 1 R \"t\" { \"1\" } { 2 }\n1 1.00000000000000001\n");
    eq_result *r = NULL;
    cr_assert_eq(solve_x(g, 1, 0, &r), EQ_ERR_NUMERIC);
    cr_assert(strstr(eq_result_errmsg(r), "not certified") != NULL, "%s",
              eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), 0);
    cr_assert_null(eq_result_value_exact(r));
    eq_result_free(r);
    eq_game_free(g);
    g = parse("NFG 1 R \"t\" { \"1\" } { 2 }\n1.00000000000000001 1\n");
    r = certified(g, 1, 0);
    cr_assert_str_eq(eq_result_value_exact(r), "100000000000000001/100000000000000000");
    eq_result_free(r);
    eq_game_free(g);
}

/* Without exact arithmetic nothing exact is reported. */
Test(correlated_exact, not_asked)
{
    eq_game *g = parse(CHICKEN_NFG("6", "7", "2"));
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_CORRELATED;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_OK);
    cr_assert(!eq_result_is_exact(r));
    cr_assert_null(eq_result_value_exact(r));
    cr_assert_null(eq_result_distribution_exact(r, 0, 0));
    eq_result_free(r);
    eq_game_free(g);
}

/* ------------------------------------------------------------------ */
/* Bases of more than 400 profiles (issue 10)                          */
/* ------------------------------------------------------------------ */

/* The cyclic game on n actions (n odd): action a beats the (n - 1) / 2
** actions after it, cyclically (1 to the winner, -1 to the loser, 0 on a
** tie), rock-paper-scissors for n = 3. */
static int cyclic(int n, int a, int b)
{
    int d = ((b - a) % n + n) % n;
    return d == 0 ? 0 : d <= (n - 1) / 2 ? 1 : -1;
}

/* Chicken's payoff to the player choosing a against b (0 = C, 1 = D):
** (6,6) (2,7) (7,2) (0,0), as CHICKEN_NFG("6", "7", "2"). */
static int chicken(int a, int b)
{
    static const int u[2][2] = { { 6, 2 }, { 7, 0 } };
    return u[a][b];
}

/* A two-player game of n actions each, in Gambit's payoff-list format,
** its payoffs pay(a, b, &u1, &u2) with the first player's action a. */
static eq_game *gen2(int n, void (*pay)(int, int, int *, int *))
{
    size_t cap = (size_t)n * (size_t)n * 24 + (size_t)n * 16 + 128, len = 0;
    char *t = malloc(cap);
    eq_game *g;
    cr_assert_not_null(t);
    len += (size_t)snprintf(t + len, cap - len, "NFG 1 R \"g\" { \"1\" \"2\" } {");
    for (int p = 0; p < 2; p++) {
        len += (size_t)snprintf(t + len, cap - len, " {");
        for (int a = 0; a < n; a++)
            len += (size_t)snprintf(t + len, cap - len, " \"a%d\"", a);
        len += (size_t)snprintf(t + len, cap - len, " }");
    }
    len += (size_t)snprintf(t + len, cap - len, " }\n");
    for (int b = 0; b < n; b++)
        for (int a = 0; a < n; a++) {
            int u1, u2;
            pay(a, b, &u1, &u2);
            len += (size_t)snprintf(t + len, cap - len, "%d %d ", u1, u2);
        }
    cr_assert_lt(len, cap);
    g = parse(t);
    free(t);
    return g;
}

static void cyclic25(int a, int b, int *u1, int *u2)
{
    *u1 = cyclic(25, a, b);
    *u2 = -*u1;
}

/* Chicken (x) the cyclic game on 13 actions: an action is a pair (c, r),
** numbered 13 c + r, of a chicken action c and a cyclic action r, and the
** payoffs are the sums of the two games'. */
static void chicken_cyclic13(int a, int b, int *u1, int *u2)
{
    int v = cyclic(13, a % 13, b % 13);
    *u1 = chicken(a / 13, b / 13) + v;
    *u2 = chicken(b / 13, a / 13) - v;
}

/* The size K of the certified basis, from the log's "a basis of K
** profiles". */
static int logged_basis(void)
{
    const char *at = strstr(logged, "a basis of ");
    cr_assert_not_null(at, "%s", logged);
    return atoi(at + strlen("a basis of "));
}

static eq_status solve_obj(const eq_game *g, eq_objective obj, int player,
                           int maximize, const eq_limits *lim, eq_result **r)
{
    eq_solve_opts o;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_CORRELATED;
    o.objective = obj;
    o.obj_player = player;
    o.maximize = maximize;
    o.exact = 1;
    o.limits = lim;
    o.log = keep_log;
    logged[0] = '\0';
    return eq_solve(g, &o, r);
}

/*
** The cyclic game on 25 actions is zero-sum and symmetric, so its value is
** 0; in a two-player zero-sum game every correlated equilibrium pays each
** player the value (Forges, "Correlated equilibrium in two-person
** zero-sum games", Econometrica 58(2), 1990).  So the largest and the
** smallest payoff of player 1 over the CE polytope are both exactly 0.
** GLPK's optimal bases here hold all 625 profiles (seen in the log; the
** certificate refused bases over 400 profiles before).
*/
Test(correlated_exact, cyclic25_value_over_625_profiles)
{
    eq_game *g = gen2(25, cyclic25);
    for (int max = 0; max <= 1; max++) {
        eq_result *r = NULL;
        eq_status s = solve_obj(g, EQ_OBJ_PLAYER, 0, max, NULL, &r);
        cr_assert_eq(s, EQ_OK, "status %d: %s", (int)s, eq_result_errmsg(r));
        cr_assert(eq_result_is_exact(r));
        cr_assert_str_eq(eq_result_value_exact(r), "0");
        cr_assert_str_eq(eq_result_regret_exact(r, 0), "0");
        cr_assert_str_eq(eq_result_payoff_exact(r, 0, 1), "0");
        cr_assert_gt(logged_basis(), 400, "%s", logged);
        eq_result_free(r);
    }
    eq_game_free(g);
}

/*
** Chicken (x) cyclic-13, 26 x 26 = 676 profiles.  The welfare of a
** distribution is E[chicken's welfare] + E[cyclic's] = E[chicken's]
** (cyclic is zero-sum).  Its marginal on the chicken part is a CE of
** chicken: the deviations that change only the chicken action, summed
** over the cyclic recommendations, are chicken's CE rows.  So the welfare
** is at most chicken's optimum, 21/2 (chicken_max_min_cce above), and the
** product of that CE with the uniform Nash equilibrium of the cyclic game
** is a CE reaching it (the gains of a deviation add up, each <= 0 in
** expectation given its own recommendation).  Maximum welfare: 21/2.
** GLPK's optimal basis holds 507 profiles (seen in the log).
*/
Test(correlated_exact, product_welfare_over_400_profiles)
{
    eq_game *g = gen2(26, chicken_cyclic13);
    eq_result *r = certified(g, 1, 0);
    cr_assert_str_eq(eq_result_value_exact(r), "21/2");
    cr_assert_gt(logged_basis(), 400, "%s", logged);
    eq_result_free(r);
    eq_game_free(g);
}

/* Three players: players 1 and 2 play the cyclic game on 21 actions
** (their payoffs do not depend on player 3), and player 3, with 3
** actions, gets 1 when its action is player 1's modulo 3, else 0.
** Gambit's payoff list, the first player's action fastest. */
static eq_game *three_players(void)
{
    size_t cap = 21 * 21 * 3 * 16 + 1024, len = 0;
    char *t = malloc(cap);
    eq_game *g;
    cr_assert_not_null(t);
    len += (size_t)snprintf(t + len, cap - len, "NFG 1 R \"g\" { \"1\" \"2\" \"3\" } {");
    for (int p = 0; p < 3; p++) {
        len += (size_t)snprintf(t + len, cap - len, " {");
        for (int a = 0; a < (p < 2 ? 21 : 3); a++)
            len += (size_t)snprintf(t + len, cap - len, " \"a%d\"", a);
        len += (size_t)snprintf(t + len, cap - len, " }");
    }
    len += (size_t)snprintf(t + len, cap - len, " }\n");
    for (int c = 0; c < 3; c++)
        for (int b = 0; b < 21; b++)
            for (int a = 0; a < 21; a++)
                len += (size_t)snprintf(t + len, cap - len, "%d %d %d ", cyclic(21, a, b),
                                        -cyclic(21, a, b), c == a % 3);
    cr_assert_lt(len, cap);
    g = parse(t);
    free(t);
    return g;
}

/*
** three_players' CE, by hand.  Player 1's CE rows sum over player 3's
** recommendation with payoffs that do not depend on it, so they are the
** rows of the marginal on (1, 2): that marginal is a CE of the cyclic
** game, which pays player 1 exactly its value 0 (Forges 1990, as in
** cyclic25_value_over_625_profiles).  So player 1's largest and smallest
** CE payoffs are both 0.  The welfare is player 3's payoff (1 and 2 are
** zero-sum), at most 1; the uniform distribution on (1, 2) with player 3
** told player 1's action modulo 3 is a CE (3 gets 1, its most; 1 and 2
** as in the uniform equilibrium, independent of 3's signal) and reaches
** it.  Maximum welfare: 1.  GLPK's bases hold 441 to 445 profiles.
*/
Test(correlated_exact, three_players_over_400_profiles)
{
    eq_game *g = three_players();
    eq_result *r = certified(g, 1, 0);
    cr_assert_str_eq(eq_result_value_exact(r), "1");
    cr_assert_gt(logged_basis(), 400, "%s", logged);
    eq_result_free(r);
    for (int max = 0; max <= 1; max++) {
        eq_status s;
        r = NULL;
        s = solve_obj(g, EQ_OBJ_PLAYER, 0, max, NULL, &r);
        cr_assert_eq(s, EQ_OK, "status %d: %s", (int)s, eq_result_errmsg(r));
        cr_assert_str_eq(eq_result_value_exact(r), "0");
        cr_assert_str_eq(eq_result_regret_exact(r, 0), "0");
        cr_assert_gt(logged_basis(), 400, "%s", logged);
        eq_result_free(r);
    }
    eq_game_free(g);
}

/* Counts the polls of the cancellation callback; stops at poll stop_at
** (never when 0). */
struct polls {
    long n, stop_at;
};

static int count_polls(void *ud)
{
    struct polls *p = ud;
    return ++p->n == p->stop_at;
}

/*
** The certificate's elimination polls the cancellation callback at every
** step: 625 steps for cyclic25's basis, after which nothing polls.  A
** first run counts the polls N; stopped at poll N - 300, the call is
** inside the elimination and returns EQ_ERR_STOPPED with no equilibrium.
*/
Test(correlated_exact, certificate_honours_cancel)
{
    eq_game *g = gen2(25, cyclic25);
    struct polls p = { 0, 0 };
    eq_limits lim;
    eq_result *r = NULL;
    eq_status s;
    eq_limits_init(&lim);
    lim.cancel = count_polls;
    lim.cancel_ud = &p;
    cr_assert_eq(solve_obj(g, EQ_OBJ_PLAYER, 0, 1, &lim, &r), EQ_OK, "%s",
                 eq_result_errmsg(r));
    cr_assert_geq(p.n, 625, "%ld polls", p.n);
    eq_result_free(r);
    p.stop_at = p.n - 300;
    p.n = 0;
    r = NULL;
    s = solve_obj(g, EQ_OBJ_PLAYER, 0, 1, &lim, &r);
    cr_assert_eq(s, EQ_ERR_STOPPED, "status %d: %s", (int)s, eq_result_errmsg(r));
    cr_assert(strstr(eq_result_errmsg(r), "exact certificate") != NULL, "%s",
              eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), 0);
    eq_result_free(r);
    eq_game_free(g);
}
