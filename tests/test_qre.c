/*
** test_qre.c -- the logit QRE path (EQ_METHOD_QRE): the path of matching
** pennies, three-player games whose unique equilibria are derived by hand,
** random bimatrix games against lrsnash, random n-player games by their
** certificates, and invariance under rescaled and shifted payoffs.
*/
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>
#include <gmp.h>

#include "support.h"

/* What the qre_path callback saw. */
typedef struct path_log {
    int points;
    int tot;               /* probabilities per point */
    double center_dev;     /* largest |p - 1/2| over every point */
    double first_lambda, last_lambda;
    int lambda_negative;
} path_log;

static void on_path(void *ud, double lambda, const double *profile)
{
    path_log *pl = ud;
    if (pl->points == 0)
        pl->first_lambda = lambda;
    pl->last_lambda = lambda;
    pl->points++;
    if (lambda < 0.0)
        pl->lambda_negative = 1;
    for (int i = 0; i < pl->tot; i++)
        if (fabs(profile[i] - 0.5) > pl->center_dev)
            pl->center_dev = fabs(profile[i] - 0.5);
}

static int total_actions(const eq_game *g)
{
    int tot = 0;
    for (int p = 0; p < eq_game_players(g); p++)
        tot += eq_game_actions(g, p);
    return tot;
}

/* Solve g by the QRE path, recording the path into pl when non-NULL. */
static eq_result *qre(const eq_game *g, path_log *pl)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_status s;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_QRE;
    if (pl != NULL) {
        memset(pl, 0, sizeof *pl);
        pl->tot = total_actions(g);
        o.qre_path = on_path;
        o.qre_ud = pl;
    }
    s = eq_solve(g, &o, &r);
    cr_assert_eq(s, EQ_OK, "qre failed: %s", eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), 1);
    cr_assert_eq(eq_result_method(r), EQ_METHOD_QRE);
    return r;
}

/* All players' probabilities of equilibrium 0, in order, into out. */
static void flat(const eq_result *r, double *out)
{
    for (int p = 0, k = 0; p < eq_result_players(r); p++)
        for (int a = 0; a < eq_result_actions(r, p); a++)
            out[k++] = eq_result_strategy(r, 0, p)[a];
}

Test(qre, matching_pennies_stays_at_the_centroid)
{
    const double A[] = { 1, -1, -1, 1 }, B[] = { -1, 1, 1, -1 };
    eq_game *g = t_bimatrix(2, 2, A, B);
    path_log pl;
    eq_result *r = qre(g, &pl);
    double xy[4];

    /* By symmetry sigma = centroid solves the logit equations for every
    ** lambda, and it is the principal branch. */
    cr_expect_geq(pl.points, 10, "only %d path points", pl.points);
    cr_expect_float_eq(pl.first_lambda, 0.0, 1e-300);
    cr_expect_leq(pl.center_dev, 1e-9, "path left the centroid by %g", pl.center_dev);
    cr_expect(!pl.lambda_negative);
    /* Payoff range 2: normalised lambda 1e6 is 5e5 in original units. */
    cr_expect_geq(pl.last_lambda, 4.9e5, "path ended at lambda %g", pl.last_lambda);
    flat(r, xy);
    for (int i = 0; i < 4; i++)
        cr_expect_float_eq(xy[i], 0.5, 1e-12);
    cr_expect_leq(eq_result_regret(r, 0), 1e-10);
    eq_result_free(r);
    eq_game_free(g);
}

/*
** A three-player cyclic game on actions H (0) and T (1): player 1's payoff
** depends on its own action and player 2's, player 2's on player 3's, and
** player 3's on player 1's:
**     u1 = alpha1 [a1 = a2 = H] + beta1 [a1 = a2 = T]      (1 matches 2)
**     u2 = alpha2 [a2 = a3 = H] + beta2 [a2 = a3 = T]      (2 matches 3)
**     u3 = alpha3 [a3 = H, a1 = T] + beta3 [a3 = T, a1 = H] (3 mismatches 1)
** all alphas and betas > 0, plus for each player a term extra_p that
** depends only on the OTHER two players' actions (it moves payoffs but no
** payoff difference between a player's own actions, so no best reply; it
** makes the tensors genuinely three-dimensional).
**
** Indifference: player 1 is indifferent iff alpha1 s2(H) = beta1 s2(T),
** i.e. s2(H) = q2 := beta1 / (alpha1 + beta1), and plays H strictly iff
** s2(H) > q2; likewise player 2 iff s3(H) = q3 := beta2 / (alpha2 +
** beta2); player 3 iff alpha3 s1(T) = beta3 s1(H), i.e. s1(H) = q1 :=
** alpha3 / (alpha3 + beta3), playing T strictly iff s1(H) > q1.
**
** Uniqueness.  Each q lies strictly inside (0, 1).  Suppose player 1 plays
** a pure strategy in an equilibrium.  Then s1(H) in {0, 1} differs from
** q1, so player 3 has a strict best reply, the mismatch: s3(H) = 1 -
** s1(H).  Then s3(H) in {0, 1} differs from q3, so player 2 strictly
** matches: s2(H) = s3(H).  Then s2(H) differs from q2 and player 1 strictly
** matches: s1(H) = s2(H) = 1 - s1(H), a contradiction.  So player 1 mixes,
** which forces s2(H) = q2, strictly inside (0, 1); so player 2 mixes,
** which forces s3(H) = q3; so player 3 mixes, which forces s1(H) = q1.
** The unique equilibrium is s1(H) = q1, s2(H) = q2, s3(H) = q3.
**
** Jordan's (1993) game is alpha = beta = 1: every player mixes (1/2, 1/2).
*/
static eq_game *cyclic3(const double alpha[3], const double beta[3], int extras)
{
    int k[3] = { 2, 2, 2 }, a[3];
    eq_game *g = NULL;
    cr_assert_eq(eq_game_new(&g, 3, k), EQ_OK);
    for (a[0] = 0; a[0] < 2; a[0]++)
        for (a[1] = 0; a[1] < 2; a[1]++)
            for (a[2] = 0; a[2] < 2; a[2]++) {
                double u1 = (a[0] == a[1]) * (a[0] == 0 ? alpha[0] : beta[0]);
                double u2 = (a[1] == a[2]) * (a[1] == 0 ? alpha[1] : beta[1]);
                double u3 = (a[2] == 0 && a[0] == 1) * alpha[2] +
                            (a[2] == 1 && a[0] == 0) * beta[2];
                if (extras) {
                    u1 += 2.385 * (a[1] == 1 && a[2] == 0) - 0.75 * a[2];
                    u2 += 1.5 * a[0] * a[2] + 0.25 * a[0];
                    u3 += -1.125 * (a[0] != a[1]) + 0.5 * a[1];
                }
                cr_assert_eq(eq_game_set_payoff(g, 0, a, u1), EQ_OK);
                cr_assert_eq(eq_game_set_payoff(g, 1, a, u2), EQ_OK);
                cr_assert_eq(eq_game_set_payoff(g, 2, a, u3), EQ_OK);
            }
    return g;
}

static void expect_profile(const eq_result *r, const double *want, int tot,
                           double eps)
{
    double got[64];
    flat(r, got);
    for (int i = 0; i < tot; i++)
        cr_expect(fabs(got[i] - want[i]) <= eps, "probability %d: %.15g, want %.15g",
                  i, got[i], want[i]);
}

Test(qre, jordan_three_player_matching_pennies)
{
    const double one[3] = { 1, 1, 1 };
    const double want[6] = { 0.5, 0.5, 0.5, 0.5, 0.5, 0.5 };
    eq_game *g = cyclic3(one, one, 0);
    path_log pl;
    eq_result *r = qre(g, &pl);
    /* The centroid solves the logit equations at every lambda here too. */
    cr_expect_leq(pl.center_dev, 1e-9, "path left the centroid by %g", pl.center_dev);
    cr_expect_leq(eq_result_regret(r, 0), 1e-10, "regret %g", eq_result_regret(r, 0));
    expect_profile(r, want, 6, 1e-9);
    eq_result_free(r);
    eq_game_free(g);
}

Test(qre, asymmetric_three_player_unique_mixed)
{
    /* q2 = 1/(3+1), q3 = 3/(2+3), q1 = 1/(1+4). */
    const double alpha[3] = { 3, 2, 1 }, beta[3] = { 1, 3, 4 };
    const double want[6] = { 0.2, 0.8, 0.25, 0.75, 0.6, 0.4 };
    for (int extras = 0; extras <= 1; extras++) {
        eq_game *g = cyclic3(alpha, beta, extras);
        path_log pl;
        eq_result *r = qre(g, &pl);
        cr_expect_gt(pl.center_dev, 1e-3, "the path should leave the centroid");
        cr_expect_leq(eq_result_regret(r, 0), 1e-10, "regret %g", eq_result_regret(r, 0));
        expect_profile(r, want, 6, 1e-9);
        eq_result_free(r);
        eq_game_free(g);
    }
}

Test(qre, random_bimatrix_limits_are_lrsnash_equilibria)
{
    static const int sizes[10][2] = { { 2, 2 }, { 2, 3 }, { 3, 2 }, { 3, 3 }, { 3, 4 },
                                      { 4, 4 }, { 4, 5 }, { 5, 5 }, { 5, 6 }, { 6, 6 } };
    t_rng rng = { 20260517u };
    for (int k = 0; k < 10; k++) {
        int m = sizes[k][0], n = sizes[k][1];
        eq_game *g = t_random_bimatrix(&rng, m, n, 0, 99);
        eq_result *r = qre(g, NULL);
        t_eqset lrs = t_lrsnash(g);
        double xy[12];
        flat(r, xy);
        cr_expect(t_eqset_contains(&lrs, xy, 1e-8),
                  "game %d (%dx%d): the QRE limit is not one of lrsnash's %d "
                  "equilibria", k, m, n, lrs.count);
        cr_expect_leq(eq_result_regret(r, 0), 1e-10, "game %d: regret %g", k,
                      eq_result_regret(r, 0));
        t_eqset_free(&lrs);
        eq_result_free(r);
        eq_game_free(g);
    }
}

static eq_game *random_game(t_rng *rng, int n, const int *k)
{
    eq_game *g = NULL;
    cr_assert_eq(eq_game_new(&g, n, k), EQ_OK);
    for (int p = 0; p < n; p++)
        for (size_t i = 0; i < eq_game_profiles(g); i++)
            eq_game_payoffs_mut(g, p)[i] = t_rng_int(rng, 0, 99);
    return g;
}

Test(qre, random_three_player_3x3x3)
{
    const int k[3] = { 3, 3, 3 };
    t_rng rng = { 333u };
    eq_game *g = random_game(&rng, 3, k);
    path_log pl;
    eq_result *r = qre(g, &pl);
    cr_expect_leq(eq_result_regret(r, 0), 1e-9, "regret %g", eq_result_regret(r, 0));
    cr_expect(!pl.lambda_negative);
    eq_result_free(r);
    eq_game_free(g);
}

Test(qre, random_four_player_2x2x2x2)
{
    const int k[4] = { 2, 2, 2, 2 };
    t_rng rng = { 2222u };
    eq_game *g = random_game(&rng, 4, k);
    eq_result *r = qre(g, NULL);
    cr_expect_leq(eq_result_regret(r, 0), 1e-9, "regret %g", eq_result_regret(r, 0));
    eq_result_free(r);
    eq_game_free(g);
}

/* g with every payoff multiplied by mul and then added add_p (one per
** player). */
static eq_game *transformed(const eq_game *g, double mul, const double *add)
{
    eq_game *h = NULL;
    cr_assert_eq(eq_game_copy(g, &h), EQ_OK);
    for (int p = 0; p < eq_game_players(h); p++)
        for (size_t i = 0; i < eq_game_profiles(h); i++)
            eq_game_payoffs_mut(h, p)[i] = eq_game_payoffs(g, p)[i] * mul + add[p];
    return h;
}

static void expect_same(const eq_game *g, const eq_game *h)
{
    path_log pg, ph;
    eq_result *a = qre(g, &pg), *b = qre(h, &ph);
    double x[64], y[64];
    int tot = total_actions(g);
    flat(a, x);
    flat(b, y);
    for (int i = 0; i < tot; i++)
        cr_expect(fabs(x[i] - y[i]) <= 1e-9, "probability %d: %.15g vs %.15g", i,
                  x[i], y[i]);
    cr_expect_eq(pg.points, ph.points, "path lengths %d and %d", pg.points, ph.points);
    eq_result_free(a);
    eq_result_free(b);
}

Test(qre, invariant_under_scaling_and_shifting)
{
    const double zero[4] = { 0, 0, 0, 0 }, shift[4] = { 1000.5, -37.25, 4e3, 12 };
    const int k3[3] = { 3, 3, 3 };
    const double alpha[3] = { 3, 2, 1 }, beta[3] = { 1, 3, 4 };
    t_rng rng = { 77u };
    eq_game *games[3];
    games[0] = t_random_bimatrix(&rng, 4, 5, 0, 99);
    games[1] = random_game(&rng, 3, k3);
    games[2] = cyclic3(alpha, beta, 1);
    for (int k = 0; k < 3; k++) {
        eq_game *scaled = transformed(games[k], 1e6, zero);
        eq_game *shifted = transformed(games[k], 1.0, shift);
        expect_same(games[k], scaled);
        expect_same(games[k], shifted);
        eq_game_free(scaled);
        eq_game_free(shifted);
        eq_game_free(games[k]);
    }
}

Test(qre, lambda_is_reported_in_original_units)
{
    const double zero[2] = { 0, 0 };
    t_rng rng = { 5u };
    eq_game *g = t_random_bimatrix(&rng, 3, 3, 0, 99);
    eq_game *h = transformed(g, 1e3, zero);
    path_log pg, ph;
    eq_result *a = qre(g, &pg), *b = qre(h, &ph);
    /* Payoffs 1000 times larger: the same path at lambda 1000 times
    ** smaller. */
    cr_expect_float_eq(ph.last_lambda * 1e3, pg.last_lambda, 1e-9 * pg.last_lambda);
    eq_result_free(a);
    eq_result_free(b);
    eq_game_free(h);
    eq_game_free(g);
}

Test(qre, constant_payoffs_give_the_centroid)
{
    const int k[3] = { 2, 3, 4 };
    eq_game *g = NULL;
    eq_result *r;
    cr_assert_eq(eq_game_new(&g, 3, k), EQ_OK);
    r = qre(g, NULL);
    for (int p = 0; p < 3; p++)
        for (int a = 0; a < k[p]; a++)
            cr_expect_float_eq(eq_result_strategy(r, 0, p)[a], 1.0 / k[p], 1e-15);
    cr_expect_float_eq(eq_result_regret(r, 0), 0.0, 1e-300);
    eq_result_free(r);
    eq_game_free(g);
}

Test(qre, one_indifferent_player_and_one_player_games)
{
    /* Player 2's payoffs are constant: the path leaves it at the centroid
    ** and player 1 ends on its best reply, action 2. */
    const double A[] = { 1, 2, 3, 5, 4, 6 }, B[] = { 7, 7, 7, 7, 7, 7 };
    const double want[5] = { 0, 1, 1.0 / 3, 1.0 / 3, 1.0 / 3 };
    const int one[1] = { 4 };
    eq_game *g = t_bimatrix(2, 3, A, B), *h = NULL;
    eq_result *r = qre(g, NULL);
    expect_profile(r, want, 5, 1e-12);
    eq_result_free(r);
    eq_game_free(g);

    cr_assert_eq(eq_game_new(&h, 1, one), EQ_OK);
    for (int a = 0; a < 4; a++)
        eq_game_payoffs_mut(h, 0)[a] = (double[]){ 2.385, 9.5, -1, 9.25 }[a];
    r = qre(h, NULL);
    cr_expect_float_eq(eq_result_strategy(r, 0, 0)[1], 1.0, 1e-12);
    cr_expect_float_eq(eq_result_regret(r, 0), 0.0, 1e-12);
    eq_result_free(r);
    eq_game_free(h);
}

/* Pure coordination, A = B = I: the centroid solves the logit equations
** for every lambda, and at lambda = 2 the two branches towards the pure
** equilibria split from it (a pitchfork: the Jacobian of x = L(lambda
** (2y - 1)), y = L(lambda (2x - 1)) is singular where lambda / 2 = 1).
** The path crosses the bifurcation point and stays on the centroid,
** ending at the mixed equilibrium (1/2, 1/2). */
Test(qre, crosses_a_pitchfork_bifurcation)
{
    const double I[] = { 1, 0, 0, 1 };
    eq_game *g = t_bimatrix(2, 2, I, I);
    path_log pl;
    eq_result *r = qre(g, &pl);
    t_eqset lrs = t_lrsnash(g);
    double xy[4];
    flat(r, xy);
    cr_expect_leq(pl.center_dev, 1e-9, "path left the centroid by %g", pl.center_dev);
    cr_expect_geq(pl.last_lambda, 9e5);
    cr_expect(t_eqset_contains(&lrs, xy, 1e-8));
    cr_expect_leq(eq_result_regret(r, 0), 1e-10);
    t_eqset_free(&lrs);
    eq_result_free(r);
    eq_game_free(g);
}

/* Log lines, for the notes about bifurcations and breakdowns. */
typedef struct notes { int crossed, broke; } notes;

static void on_log(void *ud, int level, const char *msg)
{
    notes *n = ud;
    (void)level;
    if (strstr(msg, " 0 bifurcation points crossed") == NULL &&
        strstr(msg, "bifurcation points crossed") != NULL)
        n->crossed = 1;
    if (strstr(msg, "broke down") != NULL)
        n->broke = 1;
}

/* Random games with payoffs from {0, .., mod - 1}: ties everywhere, sets
** of equilibria, bifurcations.  These seeds were found to reach the
** safeguards: a bifurcation point crossed (binary 2x2x2x2), and paths
** whose Jacobian turns singular far out, which end by a breakdown that
** the refinement repairs (the result still carries a certificate).
** Where a path breaks down depends on the rounding of its linear solves
** and on the step control.  Since the step control measures corrections
** relative to each coordinate, the 3-player seed 73 and the 4-player seed
** 210 reach the end (kept: they must, at an equilibrium), no 4-player seed
** up to 1200 breaks down, and 3-player seed 349 does.  All of this holds
** too since the path is followed in path.c's scaled metric (4 of the
** 3-player seeds up to 1200 break down, 5 before), but only with its
** fallback corrector: without it seed 73 broke down after 1037 steps
** (66 with it; 88 before the scaled metric). */
Test(qre, degenerate_games_still_end_at_equilibria)
{
    static const struct { uint64_t seed; int mod, n, k; int crossed, broke; } cases[] = {
        { 398, 2, 4, 2, 1, 0 },
        { 76, 3, 3, 3, 0, 1 },
        { 73, 3, 3, 3, 0, 0 },
        { 349, 3, 3, 3, 0, 1 },
        { 210, 4, 4, 3, 0, 0 },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        int k[4] = { cases[c].k, cases[c].k, cases[c].k, cases[c].k };
        t_rng rng = { cases[c].seed };
        eq_game *g = NULL;
        eq_solve_opts o;
        eq_result *r = NULL;
        notes nt = { 0, 0 };
        cr_assert_eq(eq_game_new(&g, cases[c].n, k), EQ_OK);
        for (int p = 0; p < cases[c].n; p++)
            for (size_t i = 0; i < eq_game_profiles(g); i++)
                eq_game_payoffs_mut(g, p)[i] = t_rng_int(&rng, 0, cases[c].mod - 1);
        eq_solve_opts_init(&o);
        o.method = EQ_METHOD_QRE;
        o.log = on_log;
        o.log_ud = &nt;
        cr_assert_eq(eq_solve(g, &o, &r), EQ_OK, "case %zu: %s", c, eq_result_errmsg(r));
        cr_expect_leq(eq_result_regret(r, 0), 1e-9, "case %zu: regret %g", c,
                      eq_result_regret(r, 0));
        cr_expect_eq(nt.crossed, cases[c].crossed, "case %zu", c);
        cr_expect_eq(nt.broke, cases[c].broke, "case %zu", c);
        eq_result_free(r);
        eq_game_free(g);
    }
}

/* Every path point is a logit QRE at the lambda reported: sigma_p(a) =
** exp(lambda u_p(a)) / sum_b exp(lambda u_p(b)), with u_p computed here by
** brute force over the profiles, in the game's own payoff units. */
typedef struct qre_check {
    const eq_game *g;
    double worst;
    int points;
} qre_check;

static void check_point(void *ud, double lambda, const double *profile)
{
    qre_check *c = ud;
    const eq_game *g = c->g;
    int n = eq_game_players(g), off[8], a[8] = { 0 };
    double u[64] = { 0 };
    for (int p = 0, o = 0; p < n; o += eq_game_actions(g, p), p++)
        off[p] = o;
    /* u_p(a_p) += payoff * prod_{q != p} sigma_q(a_q), over all profiles. */
    for (size_t i = 0; i < eq_game_profiles(g); i++) {
        size_t rest = i;
        for (int p = n - 1; p >= 0; p--) {
            a[p] = (int)(rest % (size_t)eq_game_actions(g, p));
            rest /= (size_t)eq_game_actions(g, p);
        }
        for (int p = 0; p < n; p++) {
            double w = eq_game_payoffs(g, p)[i];
            for (int q = 0; q < n; q++)
                if (q != p)
                    w *= profile[off[q] + a[q]];
            u[off[p] + a[p]] += w;
        }
    }
    for (int p = 0; p < n; p++) {
        int k = eq_game_actions(g, p);
        double mx = -HUGE_VAL, z = 0.0;
        for (int b = 0; b < k; b++)
            if (u[off[p] + b] > mx)
                mx = u[off[p] + b];
        for (int b = 0; b < k; b++)
            z += exp(lambda * (u[off[p] + b] - mx));
        for (int b = 0; b < k; b++) {
            double want = exp(lambda * (u[off[p] + b] - mx)) / z;
            if (fabs(profile[off[p] + b] - want) > c->worst)
                c->worst = fabs(profile[off[p] + b] - want);
        }
    }
    c->points++;
}

Test(qre, path_points_are_logit_equilibria)
{
    const int k[3] = { 2, 3, 2 };
    t_rng rng = { 2385u };
    eq_game *g = random_game(&rng, 3, k);
    qre_check c = { g, 0.0, 0 };
    eq_solve_opts o;
    eq_result *r = NULL;
    /* Scaled so that lambda's units matter. */
    for (int p = 0; p < 3; p++)
        for (size_t i = 0; i < eq_game_profiles(g); i++)
            eq_game_payoffs_mut(g, p)[i] *= 0.37;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_QRE;
    o.qre_path = check_point;
    o.qre_ud = &c;
    cr_assert_eq(eq_solve(g, &o, &r), EQ_OK, "%s", eq_result_errmsg(r));
    cr_expect_geq(c.points, 10);
    cr_expect_leq(c.worst, 1e-10, "a path point is %g away from the logit response", c.worst);
    eq_result_free(r);
    eq_game_free(g);
}

Test(qre, too_many_actions_is_a_limit)
{
    const int k[1] = { 2001 };
    eq_game *g = NULL;
    eq_solve_opts o;
    eq_result *r = NULL;
    cr_assert_eq(eq_game_new(&g, 1, k), EQ_OK);
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_QRE;
    cr_expect_eq(eq_solve(g, &o, &r), EQ_ERR_LIMIT);
    cr_expect(strstr(eq_result_errmsg(r), "2001") != NULL, "%s", eq_result_errmsg(r));
    cr_expect_eq(eq_result_count(r), 0);
    eq_result_free(r);
    eq_game_free(g);
}

/* ---- badly scaled games (issue 14) ---------------------------------- */

/* Solve g by qre with at most max_polls polls of the cancel callback (one
** per path step): code that needs more steps stops with EQ_ERR_STOPPED and
** the test fails instead of hanging.  The path's log lines go to nt if
** non-NULL. */
static int poll_budget(void *ud)
{
    long *left = ud;
    return --*left < 0;
}

static eq_result *qre_bounded(const eq_game *g, long max_polls, path_log *pl)
{
    eq_solve_opts o;
    eq_limits lim;
    eq_result *r = NULL;
    long left = max_polls;
    eq_status s;
    eq_limits_init(&lim);
    lim.cancel = poll_budget;
    lim.cancel_ud = &left;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_QRE;
    o.limits = &lim;
    if (pl != NULL) {
        memset(pl, 0, sizeof *pl);
        pl->tot = total_actions(g);
        o.qre_path = on_path;
        o.qre_ud = pl;
    }
    s = eq_solve(g, &o, &r);
    cr_assert_eq(s, EQ_OK, "qre failed after %ld polls: %s", max_polls - left,
                 eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), 1);
    return r;
}

/* The largest payoff minus the smallest, over all players. */
static double payoff_range(const eq_game *g)
{
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (int p = 0; p < eq_game_players(g); p++)
        for (size_t i = 0; i < eq_game_profiles(g); i++) {
            lo = fmin(lo, eq_game_payoffs(g, p)[i]);
            hi = fmax(hi, eq_game_payoffs(g, p)[i]);
        }
    return hi - lo;
}

/*
** A 2x2 game with a unique equilibrium, mixed, by hand:
**     A = [2 0; 0 1] (row),   B = [0 1; 1 0] (column).
** No pure profile is stable (the column player mismatches, the row player
** matches), so both mix.  Row indifferent: 2 q = 1 - q, q = 1/3 on the
** column's first action; column indifferent: 1 - p = p, p = 1/2.  The
** logit QRE of the game times c at lambda / c is the QRE of the game at
** lambda, so every scaled copy has the same principal branch and limit
** ((1/2, 1/2), (1/3, 2/3)), in the same number of steps.  Payoffs of
** 1e-12 and 1e12 in one matrix (zeros replaced by 1e-12) move that limit
** by about 1e-24, far below 1e-9.
*/
Test(qre, scaled_copies_share_the_hand_derived_limit)
{
    const double A[] = { 2, 0, 0, 1 }, B[] = { 0, 1, 1, 0 };
    const double want[4] = { 0.5, 0.5, 1.0 / 3.0, 2.0 / 3.0 };
    const double muls[] = { 1.0, 1e6, 1e-6, 1e12, 1e-12 };
    double A2[4], B2[4];
    eq_game *g = t_bimatrix(2, 2, A, B), *tiny;
    path_log p0;
    eq_result *r0 = qre_bounded(g, 1000, &p0);
    expect_profile(r0, want, 4, 1e-9);
    for (size_t m = 1; m < sizeof muls / sizeof muls[0]; m++) {
        const double zero[2] = { 0, 0 };
        eq_game *h = transformed(g, muls[m], zero);
        path_log ph;
        eq_result *rh = qre_bounded(h, 1000, &ph);
        expect_profile(rh, want, 4, 1e-9);
        cr_expect(abs(ph.points - p0.points) <= 2, "x %g: %d path points, %d unscaled",
                  muls[m], ph.points, p0.points);
        cr_expect_float_eq(ph.last_lambda * muls[m], p0.last_lambda,
                           1e-6 * p0.last_lambda, "x %g", muls[m]);
        cr_expect_leq(eq_result_regret(rh, 0), 1e-12 * payoff_range(h));
        eq_result_free(rh);
        eq_game_free(h);
    }
    for (int i = 0; i < 4; i++) {
        A2[i] = A[i] != 0 ? A[i] * 1e12 : 1e-12;
        B2[i] = B[i] != 0 ? B[i] * 1e12 : 1e-12;
    }
    tiny = t_bimatrix(2, 2, A2, B2);
    {
        eq_result *rt = qre_bounded(tiny, 1000, NULL);
        expect_profile(rt, want, 4, 1e-9);
        eq_result_free(rt);
    }
    eq_result_free(r0);
    eq_game_free(tiny);
    eq_game_free(g);
}

/*
** Payoffs of 1 and 1e6 in three-player games (fuzz corpus solve/qre_slow_3p
** and qre_timeout_3p): the path took 54,328 and over 100,000 steps before
** its step control measured corrections relative to each coordinate.  The
** poll budget (one poll a step) makes the old behaviour a failure, not a
** hang.
**
** qre_slow_3p, shape 1 x 3 x 2 (player 1 has one action), by hand:
**     u2(a) against player 3's s = (s0, s1):  a0: 1e6 s1,  a1: s0 - 3.2e7 s1,
**     a2: -s0 - 1e6 s1;  player 3 gets 1 from (a0, b0), else 0.
** If player 2 put weight on a0, player 3 would play b0 strictly (s1 = 0) and
** a1 (payoff 1) would beat a0 (payoff 0): so player 2 plays a1 only, player
** 3 is then indifferent, and a1 is a best reply iff s0 - 3.2e7 s1 >= 1e6 s1,
** i.e. s1 <= 1 / (1 + 3.3e7).  The equilibria: a1, with s1 in that interval.
**
** qre_timeout_3p, the same shape: u2 = s0 - 3.2e7 s1 from a0, 0 from a1
** and a2; player 3 gets 1 from (a2, b0), else 0.  Weight on a2 would make
** player 3 play b0 strictly and a0 (payoff 1) beat a2: so player 2 plays
** a0 and a1 only, player 3 is indifferent, and player 2 may mix only if
** s1 = 1 / (1 + 3.2e7) exactly, play a0 purely only if s1 is at most that,
** a1 purely only if at least.
*/
Test(qre, payoffs_of_1_and_1e6_in_three_player_games)
{
    static const double slow[3][6] = {
        { 10, 9.1e7, 0, 1e6, 1, -9e6 },
        { 0, 1e6, 1, -3.2e7, -1, -1e6 },
        { 1, 0, 0, 0, 0, 0 },
    };
    static const double timeout[3][6] = {
        { 1, 5.2e7, 1, -9e6, 0, 1e6 },
        { 1, -3.2e7, 0, 0, 0, 0 },
        { 0, 0, 0, 0, 1, 0 },
    };
    const int ks[3] = { 1, 3, 2 };
    eq_game *g = NULL, *h = NULL;
    eq_result *r;
    const double *s2, *s3;

    cr_assert_eq(eq_game_new(&g, 3, ks), EQ_OK);
    cr_assert_eq(eq_game_new(&h, 3, ks), EQ_OK);
    for (int p = 0; p < 3; p++) {
        memcpy(eq_game_payoffs_mut(g, p), slow[p], sizeof slow[p]);
        memcpy(eq_game_payoffs_mut(h, p), timeout[p], sizeof timeout[p]);
    }
    r = qre_bounded(g, 2000, NULL);
    s2 = eq_result_strategy(r, 0, 1);
    s3 = eq_result_strategy(r, 0, 2);
    cr_expect(fabs(s2[1] - 1.0) <= 1e-12, "player 2: %.17g %.17g %.17g", s2[0],
              s2[1], s2[2]);
    cr_expect_leq(s3[1], (1.0 / (1.0 + 3.3e7)) * (1.0 + 1e-9), "player 3: %.17g", s3[1]);
    cr_expect_leq(eq_result_regret(r, 0), 1e-9 * payoff_range(g), "regret %g",
                  eq_result_regret(r, 0));
    eq_result_free(r);

    r = qre_bounded(h, 2000, NULL);
    s2 = eq_result_strategy(r, 0, 1);
    s3 = eq_result_strategy(r, 0, 2);
    cr_expect_leq(s2[2], 1e-12, "player 2: %.17g %.17g %.17g", s2[0], s2[1], s2[2]);
    if (s2[0] > 1e-9 && s2[1] > 1e-9)
        cr_expect(fabs(s3[1] * (1.0 + 3.2e7) - 1.0) <= 1e-6, "player 3: %.17g", s3[1]);
    else if (s2[0] > 1e-9)
        cr_expect_leq(s3[1], (1.0 / (1.0 + 3.2e7)) * (1.0 + 1e-9), "player 3: %.17g", s3[1]);
    else
        cr_expect_geq(s3[1], (1.0 / (1.0 + 3.2e7)) * (1.0 - 1e-9), "player 3: %.17g", s3[1]);
    cr_expect_leq(eq_result_regret(r, 0), 1e-9 * payoff_range(h), "regret %g",
                  eq_result_regret(r, 0));
    eq_result_free(r);
    eq_game_free(g);
    eq_game_free(h);
}

/*
** Fuzz corpus solve/qre_badly_scaled: a 4 x 4 x 2 game in which only
** player 1's payoffs vary, 1, 1e6, 37 and -1e6 in his first row and 0
** elsewhere.  The others are indifferent, and the logit response of an
** indifferent player is uniform, so player 1 faces the uniform mix of the
** eight profiles of the others: action 0 earns (1 + 1e6 + 37 - 1e6) / 8 =
** 4.75, the rest 0.  The answer is player 1 on action 0, the others
** uniform.  A gap of 4.75 in a range of 2e6 shows only at lambda * range
** ~ 1e7, past the path's usual end (1e6): this was refused with max regret
** 0.96 before the path was followed on.
*/
Test(qre, a_small_gap_in_a_large_range_is_followed_to_its_answer)
{
    const int k[3] = { 4, 4, 2 };
    const double row0[4] = { 1, 1e6, 37, -1e6 };
    const double want[10] = { 1, 0, 0, 0, 0.25, 0.25, 0.25, 0.25, 0.5, 0.5 };
    eq_game *g = NULL;
    eq_result *r;
    cr_assert_eq(eq_game_new(&g, 3, k), EQ_OK);
    memcpy(eq_game_payoffs_mut(g, 0), row0, sizeof row0);
    r = qre_bounded(g, 2000, NULL);
    expect_profile(r, want, 10, 1e-9);
    cr_expect_leq(eq_result_regret(r, 0), 1e-12);
    eq_result_free(r);
    eq_game_free(g);
}

/* A 2 x 3 x 2 game mixing payoffs 1 and 1e6, from test_numerics.c's
** generator (qre_on_strained_games): integers in [-100, 100], times 1e6
** at odd profiles (player 3's second action). */
static eq_game *mixed_magnitudes(unsigned seed)
{
    const int k[3] = { 2, 3, 2 };
    t_rng rng = { 1000u + seed };
    eq_game *g = NULL;
    cr_assert_eq(eq_game_new(&g, 3, k), EQ_OK);
    for (int p = 0; p < 3; p++)
        for (size_t i = 0; i < eq_game_profiles(g); i++)
            eq_game_payoffs_mut(g, p)[i] =
                t_rng_int(&rng, -100, 100) * ((i & 1) ? 1e6 : 1.0);
    return g;
}

/* The max regret of the 2 x 3 x 2 profile prob (7 rationals as text,
** player by player) in g, in exact rational arithmetic (the payoffs are
** integers, exact as doubles), into out; its sign is returned. */
static int exact_regret_2x3x2(const eq_game *g, const char *const prob[7], mpq_t out)
{
    static const int k[3] = { 2, 3, 2 }, off[3] = { 0, 2, 5 };
    mpq_t s[7], u[7], w, t, v;
    int sign;
    for (int i = 0; i < 7; i++) {
        mpq_inits(s[i], u[i], NULL);
        cr_assert_eq(mpq_set_str(s[i], prob[i], 10), 0, "%s", prob[i]);
        mpq_canonicalize(s[i]);
    }
    mpq_inits(w, t, v, NULL);
    /* u[off_p + a] = sum over profiles with p on a of payoff * the others'
    ** probabilities; profile (a0, a1, a2) is index (a0 * 3 + a1) * 2 + a2. */
    for (int a0 = 0; a0 < 2; a0++)
        for (int a1 = 0; a1 < 3; a1++)
            for (int a2 = 0; a2 < 2; a2++) {
                const int a[3] = { a0, a1, a2 };
                size_t i = (size_t)((a0 * 3 + a1) * 2 + a2);
                for (int p = 0; p < 3; p++) {
                    mpq_set_d(w, eq_game_payoffs(g, p)[i]);
                    for (int q = 0; q < 3; q++)
                        if (q != p)
                            mpq_mul(w, w, s[off[q] + a[q]]);
                    mpq_add(u[off[p] + a[p]], u[off[p] + a[p]], w);
                }
            }
    /* regret = max over players of (best pure payoff - expected payoff) */
    mpq_set_ui(out, 0, 1);
    for (int p = 0; p < 3; p++) {
        mpq_set_ui(v, 0, 1);
        for (int a = 0; a < k[p]; a++) {
            mpq_mul(t, s[off[p] + a], u[off[p] + a]);
            mpq_add(v, v, t);
        }
        for (int a = 0; a < k[p]; a++) {
            mpq_sub(t, u[off[p] + a], v);
            if (mpq_cmp(t, out) > 0)
                mpq_set(out, t);
        }
    }
    sign = mpq_sgn(out);
    for (int i = 0; i < 7; i++)
        mpq_clears(s[i], u[i], NULL);
    mpq_clears(w, t, v, NULL);
    return sign;
}

/*
** A sharp turn far out.  In 3-player games mixing payoffs 1 and 1e6 the
** limit often has player 3 mixing with probability ~1e-6 on his second
** action, where payoffs of 1e6 balance the others' payoffs of 1.  Along
** the path that action's log-probability first falls like -lambda, then
** turns and rises to settle (near lambda ~ 1e7, normalised): a turn of
** radius ~1e-6 in absolute units, which the step control could not take
** before path.c measured the path relative to each coordinate's size.
** These were refused ("could not be followed beyond lambda ...").  Two
** of them, test_numerics.c's generator seeds 29 and 31, have limits
** derived by hand; payoffs of player p listed by profile (a1 a2 a3),
** player 3 fastest, only the rows with player 1 on a0 matter:
**
** Seed 29, a1 = a0:      (b0,c0) (b0,c1) (b1,c0) (b1,c1) (b2,c0) (b2,c1)
**     P1:                 56     2.4e7   -29    -4.8e7   -10     6.8e7
**     P2:                -26     1e6     -77     3e7      20    -5.1e7
**     P3:                -58    -1.9e7    24    -5.3e7   -81     4.5e7
** (a1 = a1 for P1: -20 -2.4e7 62 9e6 25 -4.2e7.)  Suppose P1 plays a0 and
** P2 mixes b0 and b2, P3 mixes (s0, s1).  P2 indifferent: -26 s0 + 1e6 s1
** = 20 s0 - 5.1e7 s1, so s1 / s0 = 46 / 5.2e7: s1 = 23 / 26000023.  P3
** indifferent with P2 on (q0, 0, q2): -58 q0 - 81 q2 = -1.9e7 q0 + 4.5e7
** q2, so q0 / q2 = 45000081 / 18999942: q0 = 45000081 / 64000023.  Then
** b1 earns -77 + 3e7 s1 ~ -50.5 < -25.1 (b0, b2), and a0 earns ~ 69.2
** against a1's ~ -32.6: an equilibrium.
**
** Seed 31, a1 = a0:      (b0,c0) (b0,c1) (b1,c0) (b1,c1) (b2,c0) (b2,c1)
**     P1:                 94     9e7      49     8.4e7   -16     9.3e7
**     P2:                -35    -7e6      22    -1.5e7   -22    -4.4e7
**     P3:                -31    -8.3e7    76     3.7e7    27    -9.7e7
** (a1 for P1: -90 9.4e7 -62 -8.7e7 26 9.2e7.)  P1 on a0, P2 mixing b0 and
** b1: -35 s0 - 7e6 s1 = 22 s0 - 1.5e7 s1 gives s1 = 57 / 8000057; P3:
** -31 q0 + 76 q1 = -8.3e7 q0 + 3.7e7 q1 gives q0 = 36999924 / 119999893.
** b2 earns ~ -335 < ~ -84.9, and a0 ~ 675 against a1's ~ -293.
**
** Both are certified here in exact rationals (max regret exactly 0), and
** qre's answer must be within 1e-9 of them (player 3's small probability
** to a relative 1e-6).  The other 28 seeds up to 400 that were refused
** must now be answered: each equilibrium to 1e-7 of the payoffs' range
** (as test_numerics.c asks), and those that are pure must be among the
** pure equilibria that -m pure lists by enumeration.
*/
Test(qre, a_sharp_turn_far_out_in_games_mixing_1_and_1e6, .timeout = 120)
{
    static const char *const eq29[7] = {
        "1", "0", "45000081/64000023", "0", "18999942/64000023",
        "26000000/26000023", "23/26000023",
    };
    static const char *const eq31[7] = {
        "1", "0", "36999924/119999893", "82999969/119999893", "0",
        "8000000/8000057", "57/8000057",
    };
    static const unsigned refused[] = {
        18, 26, 29, 31, 65, 71, 76, 91, 105, 109, 132, 134, 138, 141, 173,
        189, 233, 234, 249, 264, 267, 277, 303, 308, 313, 318, 351, 358, 379, 383,
    };
    for (int c = 0; c < 2; c++) {
        const char *const *want = c == 0 ? eq29 : eq31;
        eq_game *g = mixed_magnitudes(c == 0 ? 29 : 31);
        mpq_t reg, q;
        double got[7];
        eq_result *r;
        mpq_inits(reg, q, NULL);
        cr_expect_eq(exact_regret_2x3x2(g, want, reg), 0,
                     "seed %d: the hand-derived profile is not an equilibrium",
                     c == 0 ? 29 : 31);
        r = qre_bounded(g, 20000, NULL);
        flat(r, got);
        for (int i = 0; i < 7; i++) {
            double w;
            mpq_set_str(q, want[i], 10);
            mpq_canonicalize(q);
            w = mpq_get_d(q);
            cr_expect(fabs(got[i] - w) <= 1e-9, "seed %d, probability %d: %.17g, want %.17g",
                      c == 0 ? 29 : 31, i, got[i], w);
        }
        mpq_set_str(q, want[6], 10);
        mpq_canonicalize(q);
        cr_expect(fabs(got[6] / mpq_get_d(q) - 1.0) <= 1e-6, "seed %d: player 3's %.17g",
                  c == 0 ? 29 : 31, got[6]);
        mpq_clears(reg, q, NULL);
        eq_result_free(r);
        eq_game_free(g);
    }
    for (size_t c = 0; c < sizeof refused / sizeof refused[0]; c++) {
        eq_game *g = mixed_magnitudes(refused[c]);
        eq_result *r = qre_bounded(g, 20000, NULL), *rp = NULL;
        eq_solve_opts o;
        double got[7];
        int pure = 1, found = 0;
        cr_expect_leq(eq_result_regret(r, 0), 1e-7 * payoff_range(g), "seed %u: regret %g",
                      refused[c], eq_result_regret(r, 0));
        flat(r, got);
        for (int i = 0; i < 7; i++)
            pure &= got[i] <= 1e-9 || got[i] >= 1.0 - 1e-9;
        eq_solve_opts_init(&o);
        o.method = EQ_METHOD_PURE;
        cr_assert_eq(eq_solve(g, &o, &rp), EQ_OK);
        for (int e = 0; pure && e < eq_result_count(rp); e++) {
            double pe[7];
            int same = 1;
            for (int p = 0, i = 0; p < 3; p++)
                for (int a = 0; a < eq_game_actions(g, p); a++, i++)
                    pe[i] = eq_result_strategy(rp, e, p)[a];
            for (int i = 0; i < 7; i++)
                same &= fabs(pe[i] - got[i]) <= 1e-9;
            found |= same;
        }
        cr_expect(!pure || found, "seed %u: a pure answer that -m pure does not list",
                  refused[c]);
        eq_result_free(rp);
        eq_result_free(r);
        eq_game_free(g);
    }
}
