/*
** test_correlated_stages.c -- spe with the subgame method correlated: the
** stages without perfect information are played by correlated (or coarse
** correlated) equilibria, and the result carries their joint
** distributions.  Every expected value is derived by hand in the comment
** above its test.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"
#include "tree.h"

static int near(double a, double b, double tol)
{
    return fabs(a - b) <= tol;
}

/* The node labelled label, or -1. */
static int node_named(const eq_tree *t, const char *label)
{
    for (int v = 0; v < eq_tree_nodes(t); v++)
        if (eq_tree_node_label(t, v) && strcmp(eq_tree_node_label(t, v), label) == 0)
            return v;
    return -1;
}

/* The information set of player p whose action 0 is named a0, or -1. */
static int set_of(const eq_tree *t, int p, const char *a0)
{
    for (int h = 0; h < eq_tree_infosets(t); h++)
        if (eq_tree_infoset_player(t, h) == p &&
            strcmp(eq_tree_infoset_action_name(t, h, 0), a0) == 0)
            return h;
    return -1;
}

/* The terminal reached from stage node s by the actions a (row) and b
** (column): the row player moves at s, the column player below. */
static int cell(const eq_tree *t, int s, int a, int b)
{
    return eq_tree_child(t, eq_tree_child(t, s, a), b);
}

static eq_tree_result *solve(const eq_tree *t, eq_method sub, int coarse)
{
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_tree_opts_init(&o);
    o.subgame_method = sub;
    o.coarse = coarse;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s", eq_tree_result_errmsg(r));
    cr_assert_eq(eq_tree_result_count(r), 1);
    return r;
}

/*
** Chicken after an entry choice.  A stays out for `out` (B gets 0), or
** enters the stage (dare/swerve each):
**              dare     swerve
**    dare     (0, 0)    (7, 2)
**    swerve   (2, 7)    (6, 6)
** Nash equilibria of the stage: (7, 2), (2, 7) and the mixed one with
** P(dare) = 1/3 each, paying 14/3 each; the welfare-best is the mixed one
** (28/3 > 9), worth 14/3 < 5 to A, so the Nash SPE stays out.
** The welfare-optimal correlated equilibrium (Aumann 1974) puts 1/4 on
** (dare, swerve), 1/4 on (swerve, dare), 1/2 on (swerve, swerve): told
** dare, A knows B swerves (7 > 6); told swerve, B dares or swerves with
** 1/3, 2/3, so swerve pays (2 + 12)/3 = 14/3 = dare's (0 + 14)/3 (the
** tight constraint).  Welfare 10.5, 5.25 each, and it is the unique
** optimum.  5.25 > 5, so with the mediator A enters; with out = 5.5 A
** stays out.
*/
static const char *chicken =
    "game \"Chicken after entry\"\n"
    "players A B\n"
    "param out = 5 in [0, 10]\n"
    "node root: A chooses\n"
    "  out -> (out, 0)\n"
    "  in  -> chicken\n"
    "stage chicken: A x B\n"
    "            dare     swerve\n"
    "  dare     (0, 0)    (7, 2)\n"
    "  swerve   (2, 7)    (6, 6)\n";

Test(correlated_stages, chicken_after_entry)
{
    eq_tree *t = t_model_tree(chicken, NULL, 0);
    eq_tree_result *r = solve(t, EQ_METHOD_CORRELATED, 0);
    int s = node_named(t, "chicken"), ha = set_of(t, 0, "dare"), hb = set_of(t, 1, "dare");
    const int *sets, *act;
    double total = 0.0;

    cr_assert(s >= 0 && ha >= 0 && hb >= 0);
    cr_expect(near(eq_tree_result_payoff(r, 0, 0), 5.25, 1e-9));
    cr_expect(near(eq_tree_result_payoff(r, 0, 1), 5.25, 1e-9));
    cr_expect(near(eq_tree_result_reach(r, 0, s), 1.0, 1e-12), "A enters");
    cr_expect(near(eq_tree_result_reach(r, 0, cell(t, s, 0, 0)), 0.0, 1e-9));
    cr_expect(near(eq_tree_result_reach(r, 0, cell(t, s, 0, 1)), 0.25, 1e-9));
    cr_expect(near(eq_tree_result_reach(r, 0, cell(t, s, 1, 0)), 0.25, 1e-9));
    cr_expect(near(eq_tree_result_reach(r, 0, cell(t, s, 1, 1)), 0.5, 1e-9));
    /* The marginals: dare 1/4 each, which as a product would give
    ** (dare, dare) 1/16: the reach above shows they are not used so. */
    cr_expect(near(eq_tree_result_behaviour(r, 0, ha)[0], 0.25, 1e-9));
    cr_expect(near(eq_tree_result_behaviour(r, 0, hb)[0], 0.25, 1e-9));
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9, "%g", eq_tree_result_regret(r, 0));

    cr_assert_eq(eq_tree_result_stages(r, 0), 1);
    cr_expect_eq(eq_tree_result_stage_root(r, 0, 0), s);
    cr_assert_eq(eq_tree_result_stage_infosets(r, 0, 0, &sets), 2);
    cr_assert_eq(eq_tree_result_stage_support(r, 0, 0), 3);
    for (int q = 0; q < 3; q++) {
        double p = eq_tree_result_stage_prob(r, 0, 0, q, &act);
        int a = -1, b = -1;
        for (int i = 0; i < 2; i++) {
            if (sets[i] == ha) a = act[i];
            if (sets[i] == hb) b = act[i];
        }
        cr_assert(a >= 0 && b >= 0);
        cr_expect(!(a == 0 && b == 0), "never (dare, dare)");
        cr_expect(near(p, a == 1 && b == 1 ? 0.5 : 0.25, 1e-9), "q %d: %g", q, p);
        total += p;
    }
    cr_expect(near(total, 1.0, 1e-12));
    /* Out of range. */
    cr_expect_eq(eq_tree_result_stages(r, 1), 0);
    cr_expect_eq(eq_tree_result_stage_root(r, 0, 1), -1);
    cr_expect_eq(eq_tree_result_stage_support(r, 0, 7), 0);
    cr_expect_eq(eq_tree_result_stage_prob(r, 0, 0, 3, &act), 0.0);
    cr_expect_null(act);
    eq_tree_result_free(r);

    /* Without the mediator A stays out. */
    r = solve(t, EQ_METHOD_ENUM, 0);
    cr_expect(near(eq_tree_result_payoff(r, 0, 0), 5.0, 1e-9));
    cr_expect_eq(eq_tree_result_stages(r, 0), 0);
    eq_tree_result_free(r);
    eq_tree_free(t);

    /* With out = 5.5 the mediator is not enough. */
    t = t_model_tree(chicken, "out", 5.5);
    r = solve(t, EQ_METHOD_CORRELATED, 0);
    cr_expect(near(eq_tree_result_payoff(r, 0, 0), 5.5, 1e-9));
    cr_expect(near(eq_tree_result_reach(r, 0, node_named(t, "chicken")), 0.0, 1e-12));
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/*
** The certificate, on distributions written by hand (eqi_stage_evaluate).
** All weight on (swerve, swerve), A entering: each player, told swerve,
** gains 7 - 6 = 1 by daring; so the certificate is 1, coarse or not (in a
** 2 x 2 stage "always dare" is the same deviation).  The optimum above
** passes with 0.
*/
Test(correlated_stages, certificate_by_hand)
{
    eq_tree *t = t_model_tree(chicken, NULL, 0);
    int s = node_named(t, "chicken"), ha = set_of(t, 0, "dare"), hb = set_of(t, 1, "dare");
    int hr = set_of(t, 0, "out"), off[8], sets[2] = { ha, hb };
    int ss[2] = { 1, 1 }, opt[6] = { 0, 1, 1, 0, 1, 1 };
    double beh[16], reach[32], pay[2], regret = -1, popt[3] = { 0.25, 0.25, 0.5 };
    double one = 1.0;
    eqi_stage g = { s, 2, sets, 1, &one, ss };

    cr_assert(eq_tree_infosets(t) == 3 && eq_tree_nodes(t) <= 32);
    off[0] = 0;
    for (int h = 0; h < 3; h++)
        off[h + 1] = off[h] + eq_tree_infoset_actions(t, h);
    for (int i = 0; i < off[3]; i++)
        beh[i] = 0.5;
    beh[off[hr]] = 0.0;   /* A enters */
    beh[off[hr] + 1] = 1.0;
    for (int coarse = 0; coarse < 2; coarse++) {
        cr_assert_eq(eqi_stage_evaluate(t, beh, off, &g, 1, coarse, reach, pay, &regret), EQ_OK);
        cr_expect(near(regret, 1.0, 1e-12), "coarse %d: %g", coarse, regret);
        cr_expect(near(pay[0], 6.0, 1e-12) && near(pay[1], 6.0, 1e-12));
        cr_expect(near(reach[cell(t, s, 1, 1)], 1.0, 1e-12));
    }
    g.len = 3;
    g.prob = popt;
    g.act = opt;
    cr_assert_eq(eqi_stage_evaluate(t, beh, off, &g, 1, 0, reach, pay, &regret), EQ_OK);
    cr_expect(regret < 1e-12, "%g", regret);
    cr_expect(near(pay[0], 5.25, 1e-12));
    /* Staying out against this stage: A gains 5.25 - 5 by entering. */
    beh[off[hr]] = 1.0;
    beh[off[hr] + 1] = 0.0;
    cr_assert_eq(eqi_stage_evaluate(t, beh, off, &g, 1, 0, reach, pay, &regret), EQ_OK);
    cr_expect(near(regret, 0.25, 1e-12), "%g", regret);
    cr_expect(near(pay[0], 5.0, 1e-12));
    cr_expect(near(reach[s], 0.0, 1e-12));
    eq_tree_free(t);
}

/*
** A coarse correlated equilibrium that is not a correlated one.  Row
** (T, B) and Col (L, R, D); Col's payoffs
**            L     R     D
**    T       1     0    0.5
**    B       0     1   -0.5
** Row earns 3 when Col plays D and 0 otherwise, whatever Row does, so Row
** has no incentive constraint.  In a CE Col never plays D: told D with
** P(T) = t, D pays t - 1/2 < t, L's payoff.  So the CE welfare optimum is
** 1 (all weight on (T, L) and (B, R)), worth 0 to Row.  In a CCE Col's
** constraints are E[u] >= P(T) (always L), P(B) (always R) and
** E[u(D)]; welfare = E[u_Col] + 3 P(D) <= 1 - P(D) + P(D)/2 + 3 P(D) =
** 1 + 2.5 P(D), and P(D) <= 2/3 (test_correlated.c,
** cce_plays_dominated_action), so welfare <= 8/3, reached only by 2/3
** on (T, D) and 1/3 on (B, R): Row 2, Col 2/3 (= always L's P(T), tight).
** Row first takes an outside option worth 1 or enters: it enters under
** the CCE (2 > 1), stays out under the CE (0 < 1).
** That CCE violates the CE constraint "told D, play L" by
** P(T, D) (1 - 1/2) = 1/3: the certificate with coarse = 0 says 1/3.
*/
static const char *cce =
    "players Row Col\n"
    "node first: Row chooses\n"
    "  outside -> (1, 0)\n"
    "  enter -> bet\n"
    "stage bet: Row x Col\n"
    "        L         R         D\n"
    "  T    (0, 1)    (0, 0)    (3, 0.5)\n"
    "  B    (0, 0)    (0, 1)    (3, -0.5)\n";

Test(correlated_stages, coarse_stage)
{
    eq_tree *t = t_model_tree(cce, NULL, 0);
    eq_tree_result *r = solve(t, EQ_METHOD_CORRELATED, 1);
    int s = node_named(t, "bet"), hr = set_of(t, 0, "outside");
    const double *beh;
    double reach[64], pay[2], regret;

    cr_assert(s >= 0 && hr >= 0 && eq_tree_nodes(t) <= 64);
    cr_expect(near(eq_tree_result_payoff(r, 0, 0), 2.0, 1e-9));
    cr_expect(near(eq_tree_result_payoff(r, 0, 1), 2.0 / 3.0, 1e-9));
    cr_expect(near(eq_tree_result_reach(r, 0, cell(t, s, 0, 2)), 2.0 / 3.0, 1e-9));
    cr_expect(near(eq_tree_result_reach(r, 0, cell(t, s, 1, 1)), 1.0 / 3.0, 1e-9));
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9, "%g", eq_tree_result_regret(r, 0));
    cr_expect_eq(eq_tree_result_stage_support(r, 0, 0), 2);
    cr_expect(strstr(eq_tree_result_selection(r), "coarse correlated") != NULL, "%s",
              eq_tree_result_selection(r));
    /* The same profile judged as a correlated equilibrium. */
    beh = eq_tree_result_behaviour(r, 0, 0);
    cr_assert_eq(eqi_stage_evaluate(t, beh, r->off, &r->stage[r->sfirst[0]], 1, 0,
                                    reach, pay, &regret), EQ_OK);
    cr_expect(near(regret, 1.0 / 3.0, 1e-9), "%g", regret);
    cr_expect(near(pay[0], 2.0, 1e-9));
    eq_tree_result_free(r);

    r = solve(t, EQ_METHOD_CORRELATED, 0);
    cr_expect(near(eq_tree_result_payoff(r, 0, 0), 1.0, 1e-9), "Row stays out");
    cr_expect(near(eq_tree_result_behaviour(r, 0, hr)[0], 1.0, 1e-12));
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/*
** A three-player stage after Aumann (1974, example 2.3), as in
** test_correlated.c (three_player_aumann): welfare 6 only at (T, L, M)
** and (B, R, M), 2 to each player, and a CE puts q on the first, 1 - q on
** the second, q in [1/3, 2/3]; no Nash equilibrium reaches it (player 3
** would leave M for A or C).  Player 1 first takes 1.9 or enters: with
** the mediator it enters (2 > 1.9).
*/
static const char *aumann =
    "players P1 P2 P3\n"
    "node entry: P1 chooses\n"
    "  out -> (1.9, 0, 0)\n"
    "  play -> stage3\n"
    "stage stage3: P1 x P2 x P3\n"
    "  P3 = A:\n"
    "         L          R\n"
    "    T   (0, 0, 3)  (0, 0, 0)\n"
    "    B   (1, 0, 0)  (0, 0, 0)\n"
    "  P3 = M:\n"
    "         L          R\n"
    "    T   (2, 2, 2)  (0, 0, 0)\n"
    "    B   (0, 0, 0)  (2, 2, 2)\n"
    "  P3 = C:\n"
    "         L          R\n"
    "    T   (0, 0, 0)  (0, 0, 0)\n"
    "    B   (0, 1, 0)  (0, 0, 3)\n";

Test(correlated_stages, three_player_stage)
{
    eq_tree *t = t_model_tree(aumann, NULL, 0);
    eq_tree_result *r = solve(t, EQ_METHOD_CORRELATED, 0);
    int h3 = set_of(t, 2, "A"), s = node_named(t, "stage3");
    const int *sets, *act;
    int m;

    cr_assert(h3 >= 0 && s >= 0);
    for (int p = 0; p < 3; p++)
        cr_expect(near(eq_tree_result_payoff(r, 0, p), 2.0, 1e-9), "player %d", p);
    cr_expect(near(eq_tree_result_reach(r, 0, s), 1.0, 1e-12));
    cr_expect(near(eq_tree_result_behaviour(r, 0, h3)[1], 1.0, 1e-9), "P3 plays M");
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9, "%g", eq_tree_result_regret(r, 0));
    cr_assert_eq(eq_tree_result_stage_support(r, 0, 0), 2);
    m = eq_tree_result_stage_infosets(r, 0, 0, &sets);
    for (int q = 0; q < 2; q++) {
        double p = eq_tree_result_stage_prob(r, 0, 0, q, &act);
        int row = -1, col = -1;
        cr_expect(p >= 1.0 / 3.0 - 1e-9 && p <= 2.0 / 3.0 + 1e-9, "q = %g", p);
        for (int i = 0; i < m; i++) {
            int pl = eq_tree_infoset_player(t, sets[i]);
            if (pl == 0) row = act[i];
            if (pl == 1) col = act[i];
        }
        cr_expect(row == col && row >= 0, "(T, L) or (B, R)");
    }
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/*
** Two chicken stages in a row: the outcome of the first leads to a second
** identical stage (its subgame), the payoffs adding.  The second is worth
** 5.25 each (test chicken_after_entry); adding a constant to every cell
** of the first keeps its optimal CE, so the first plays the same
** distribution and each player expects 10.5.  Every pair of outcomes is
** reached with the product of the two probabilities.
*/
static const char *twice =
    "players A B\n"
    "stage first: A x B\n"
    "            dare     swerve\n"
    "  dare     -> dd     -> ds\n"
    "  swerve   -> sd     -> ss\n"
    "stage dd: A x B\n"
    "            dare     swerve\n"
    "  dare     (0, 0)    (7, 2)\n"
    "  swerve   (2, 7)    (6, 6)\n"
    "stage ds: A x B\n"
    "            dare     swerve\n"
    "  dare     (7, 2)    (14, 4)\n"
    "  swerve   (9, 9)    (13, 8)\n"
    "stage sd: A x B\n"
    "            dare     swerve\n"
    "  dare     (2, 7)    (9, 9)\n"
    "  swerve   (4, 14)   (8, 13)\n"
    "stage ss: A x B\n"
    "            dare     swerve\n"
    "  dare     (6, 6)    (13, 8)\n"
    "  swerve   (8, 13)   (12, 12)\n";

Test(correlated_stages, nested_stages)
{
    eq_tree *t = t_model_tree(twice, NULL, 0);
    eq_tree_result *r = solve(t, EQ_METHOD_CORRELATED, 0);
    static const char *second[4] = { "dd", "ds", "sd", "ss" };
    static const double mu[4] = { 0, 0.25, 0.25, 0.5 };

    cr_expect(near(eq_tree_result_payoff(r, 0, 0), 10.5, 1e-9));
    cr_expect(near(eq_tree_result_payoff(r, 0, 1), 10.5, 1e-9));
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9, "%g", eq_tree_result_regret(r, 0));
    /* The first stage and each second stage (even those off the path,
    ** played if reached): five stages. */
    cr_expect_eq(eq_tree_result_stages(r, 0), 5);
    for (int i = 0; i < 4; i++) {
        int v = node_named(t, second[i]);
        cr_assert(v >= 0);
        cr_expect(near(eq_tree_result_reach(r, 0, v), mu[i], 1e-9), "%s", second[i]);
        for (int j = 0; j < 4; j++)
            cr_expect(near(eq_tree_result_reach(r, 0, cell(t, v, j / 2, j % 2)),
                           mu[i] * mu[j], 1e-9), "%s then %d", second[i], j);
    }
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* The options: coarse without correlated is refused; the model language
** declares correlated stages, coarse ones too. */
Test(correlated_stages, options_and_language)
{
    eq_tree *t = t_model_tree(chicken, NULL, 0);
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_model *m = NULL;
    eq_diag d;
    char text[1024];

    eq_tree_opts_init(&o);
    o.coarse = 1;
    o.subgame_method = EQ_METHOD_ENUM;
    cr_expect_eq(eq_tree_solve(t, &o, &r), EQ_ERR_ARG);
    cr_expect(strstr(eq_tree_result_errmsg(r), "coarse") != NULL, "%s",
              eq_tree_result_errmsg(r));
    eq_tree_result_free(r);
    eq_tree_free(t);

    snprintf(text, sizeof text, "%s", chicken);
    /* After the players line. */
    {
        char *p = strstr(text, "players A B\n") + strlen("players A B\n");
        char rest[1024];
        snprintf(rest, sizeof rest, "%s", p);
        snprintf(p, sizeof text - (size_t)(p - text),
                 "equilibrium spe subgames correlated coarse select player B\n%s", rest);
    }
    cr_assert_eq(eq_model_parse(&m, text, strlen(text), "t.game", &d), EQ_OK, "%s", d.message);
    eq_tree_opts_init(&o);
    cr_assert_eq(eq_model_equilibrium(m, &o), 1);
    cr_expect_eq(o.subgame_method, EQ_METHOD_CORRELATED);
    cr_expect_eq(o.coarse, 1);
    cr_expect_eq(o.select, EQ_SELECT_PLAYER);
    cr_expect_eq(o.select_player, 1);
    eq_model_free(m);

    /* A misspelt method: file:line:col. */
    {
        static const char *bad = "players A B\nequilibrium spe subgames corelated\n"
                                 "node r: A chooses\n  x -> (0, 0)\n";
        m = NULL;
        cr_expect_eq(eq_model_parse(&m, bad, strlen(bad), "t.game", &d), EQ_ERR_PARSE);
        cr_expect_eq(d.line, 2);
        cr_expect_eq(d.col, 26);
        cr_expect(strstr(d.message, "correlated") != NULL, "%s", d.message);
        eq_model_free(m);
    }
}

/*
** Chance before the stage: with probability 0.4 the players meet in
** chicken, else the game ends at (0, 0).  Every outcome of the stage is
** reached with 0.4 times its probability there (test
** chicken_after_entry), and each player expects 0.4 x 5.25 = 2.1.
*/
static const char *maybe =
    "players A B\n"
    "node nature: chance\n"
    "  meet (0.4) -> chicken\n"
    "  apart (0.6) -> (0, 0)\n"
    "stage chicken: A x B\n"
    "            dare     swerve\n"
    "  dare     (0, 0)    (7, 2)\n"
    "  swerve   (2, 7)    (6, 6)\n";

Test(correlated_stages, chance_before_stage)
{
    eq_tree *t = t_model_tree(maybe, NULL, 0);
    eq_tree_result *r = solve(t, EQ_METHOD_CORRELATED, 0);
    int s = node_named(t, "chicken");
    static const double mu[4] = { 0, 0.25, 0.25, 0.5 };

    cr_assert(s >= 0);
    cr_expect(near(eq_tree_result_reach(r, 0, s), 0.4, 1e-12));
    for (int j = 0; j < 4; j++)
        cr_expect(near(eq_tree_result_reach(r, 0, cell(t, s, j / 2, j % 2)), 0.4 * mu[j], 1e-9),
                  "cell %d", j);
    cr_expect(near(eq_tree_result_payoff(r, 0, 0), 2.1, 1e-9));
    cr_expect(near(eq_tree_result_payoff(r, 0, 1), 2.1, 1e-9));
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/*
** One-card poker (models/poker.efg) is zero-sum and has one stage with
** chance inside: every correlated equilibrium of a zero-sum game pays
** each player the value (a player can always guarantee it), which is 1/3
** to player 1 (test_spe.c derives it by hand).
*/
Test(correlated_stages, poker_pays_the_value)
{
    eq_tree *t = NULL;
    eq_diag d;
    eq_tree_result *r;
    cr_assert_eq(eq_tree_read_efg(&t, EQ_MODELS "/poker.efg", &d), EQ_OK, "%s", d.message);
    r = solve(t, EQ_METHOD_CORRELATED, 0);
    cr_expect(near(eq_tree_result_payoff(r, 0, 0), 1.0 / 3.0, 1e-9), "%.17g",
              eq_tree_result_payoff(r, 0, 0));
    cr_expect(near(eq_tree_result_payoff(r, 0, 1), -1.0 / 3.0, 1e-9));
    cr_expect_eq(eq_tree_result_stages(r, 0), 1);
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9, "%g", eq_tree_result_regret(r, 0));
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* ---- the security models with a mediator (models/README.md) ---- */

/* Solve the model file at its defaults, with name set to x (NULL: none)
** and timing set to choice tc (-1: default). */
static eq_tree_result *security(const char *file, const char *name, double x, int tc,
                                eq_method sub, eq_tree **t)
{
    eq_model *m = NULL;
    eq_diag d;
    double v[64];
    char path[512];
    snprintf(path, sizeof path, "%s/game/%s", EQ_FIXTURES, file);
    cr_assert_eq(eq_model_read(&m, path, &d), EQ_OK, "%s", d.message);
    cr_assert(eq_model_params(m) <= 64);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    if (name != NULL)
        v[eq_model_param_index(m, name)] = x;
    if (tc >= 0)
        v[eq_model_param_index(m, "timing")] = tc;
    *t = NULL;
    cr_assert_eq(eq_model_instantiate(m, v, t, &d), EQ_OK, "%s", d.message);
    eq_model_free(m);
    return solve(*t, sub, 0);
}

/* The probability of the terminals named war*. */
static double war(const eq_tree *t, const eq_tree_result *r)
{
    double w = 0.0;
    for (int v = 0; v < eq_tree_nodes(t); v++)
        if (eq_tree_node_kind(t, v) == EQ_NODE_TERMINAL && eq_tree_node_label(t, v) &&
            strncmp(eq_tree_node_label(t, v), "war", 3) == 0)
            w += eq_tree_result_reach(r, 0, v);
    return w;
}

/*
** A stage whose payoffs differ by about 1e-6: the Israel option at
** capability = 0.25000190734863281, next to the threshold 1/4 where
** Ukraine's strike gains change sign.  The dual simplex once judged this
** CE LP infeasible (an LP that always has a solution: every Nash
** equilibrium is a CE).  The stage here has one equilibrium in pure
** strategies, so the correlated result must match the pure method's.
*/
Test(correlated_stages, near_degenerate_stage)
{
    eq_tree *t, *t2;
    eq_tree_result *rc = security("old_israel.game", "capability", 0.25000190734863281,
                                  -1, EQ_METHOD_CORRELATED, &t);
    eq_tree_result *rp = security("old_israel.game", "capability", 0.25000190734863281,
                                  -1, EQ_METHOD_PURE, &t2);
    for (int p = 0; p < 3; p++)
        cr_expect(near(eq_tree_result_payoff(rc, 0, p), eq_tree_result_payoff(rp, 0, p), 1e-9),
                  "player %d: %g vs %g", p, eq_tree_result_payoff(rc, 0, p),
                  eq_tree_result_payoff(rp, 0, p));
    cr_expect(eq_tree_result_regret(rc, 0) < 1e-9);
    eq_tree_result_free(rc);
    eq_tree_result_free(rp);
    eq_tree_free(t);
    eq_tree_free(t2);
}

/*
** At the baseline the mediator changes nothing: each stage's
** welfare-best correlated equilibrium is the pure equilibrium the models
** pick, so payoffs and war agree with the pure method, for both timings of
** membership.
*/
Test(correlated_stages, security_baseline_unchanged)
{
    static const char *files[3] = { "old_nato.game", "old_israel.game",
                                    "old_hybrid.game" };
    for (int i = 0; i < 3; i++)
        for (int tc = (i == 0 ? 0 : -1); tc <= (i == 0 ? 1 : -1); tc++) {
            eq_tree *t, *t2;
            eq_tree_result *rc = security(files[i], NULL, 0, tc, EQ_METHOD_CORRELATED, &t);
            eq_tree_result *rp = security(files[i], NULL, 0, tc, EQ_METHOD_PURE, &t2);
            for (int p = 0; p < 3; p++)
                cr_expect(near(eq_tree_result_payoff(rc, 0, p), eq_tree_result_payoff(rp, 0, p),
                               1e-9), "%s timing %d player %d", files[i], tc, p);
            cr_expect(near(war(t, rc), war(t2, rp), 1e-9), "%s", files[i]);
            cr_expect(eq_tree_result_stages(rc, 0) == 3, "%s", files[i]);
            cr_expect(eq_tree_result_regret(rc, 0) < 1e-9);
            eq_tree_result_free(rc);
            eq_tree_result_free(rp);
            eq_tree_free(t);
            eq_tree_free(t2);
        }
}

/*
** The hybrid at aid_deterrence = 0.9: without a mediator the West
** declines (war 0.5, the calm-or-test lottery of no deal); with one it
** assures, because the free-riding stage mixes three of its cells, and war
** is less likely.
*/
Test(correlated_stages, security_hybrid_mediator)
{
    eq_tree *t, *t2;
    eq_tree_result *rc = security("old_hybrid.game", "aid_deterrence", 0.9, -1,
                                  EQ_METHOD_CORRELATED, &t);
    eq_tree_result *rp = security("old_hybrid.game", "aid_deterrence", 0.9, -1,
                                  EQ_METHOD_PURE, &t2);
    int fr = node_named(t, "free_riding"), found = 0;
    cr_expect(near(war(t2, rp), 0.5, 1e-9), "%g", war(t2, rp));
    cr_expect(near(eq_tree_result_reach(rp, 0, node_named(t2, "postwar")), 0.0, 1e-12),
              "declined");
    cr_expect(war(t, rc) < 0.45, "%g", war(t, rc));
    cr_expect(eq_tree_result_reach(rc, 0, node_named(t, "postwar")) > 1 - 1e-9, "assured");
    cr_expect(eq_tree_result_regret(rc, 0) < 1e-9, "%g", eq_tree_result_regret(rc, 0));
    for (int j = 0; j < eq_tree_result_stages(rc, 0); j++)
        if (eq_tree_result_stage_root(rc, 0, j) == fr) {
            cr_expect_eq(eq_tree_result_stage_support(rc, 0, j), 3);
            found = 1;
        }
    cr_expect(found);
    eq_tree_result_free(rc);
    eq_tree_result_free(rp);
    eq_tree_free(t);
    eq_tree_free(t2);
}

/*
** The selection rules as the stage's objective, on chicken after entry
** with out = 3 (distribution over DD, DS, SD, SS = a, b, c, d).  The CE
** constraints: told dare, A needs b >= 2a (7b >= 2a + 6b), told swerve
** 2c >= d (2c + 6d >= 7d); B likewise c >= 2a and 2b >= d.
**   min:swerve minimises b + c + 2d = 1 - a + d: a <= 1/5 since
**     1 = a + b + c + d >= 5a, so the optimum is a = 1/5, b = c = 2/5,
**     d = 0, paying 18/5 each; 3.6 > 3, so A enters.
**   player:B maximises u_B <= 7, reached only by (swerve, dare), a Nash
**     equilibrium: A would get 2 < 3 in the stage, so A stays out.
*/
Test(correlated_stages, selection_rules_as_objectives)
{
    eq_tree *t = t_model_tree(chicken, "out", 3);
    int s = node_named(t, "chicken");
    eq_tree_opts o;
    eq_tree_result *r = NULL;

    eq_tree_opts_init(&o);
    o.subgame_method = EQ_METHOD_CORRELATED;
    o.select = EQ_SELECT_MIN_ACTION;
    o.select_action = "swerve";
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s", eq_tree_result_errmsg(r));
    cr_expect(near(eq_tree_result_payoff(r, 0, 0), 3.6, 1e-9), "%g", eq_tree_result_payoff(r, 0, 0));
    cr_expect(near(eq_tree_result_payoff(r, 0, 1), 3.6, 1e-9));
    cr_expect(near(eq_tree_result_reach(r, 0, cell(t, s, 0, 0)), 0.2, 1e-9));
    cr_expect(near(eq_tree_result_reach(r, 0, cell(t, s, 1, 1)), 0.0, 1e-9));
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9);
    eq_tree_result_free(r);

    r = NULL;
    o.select = EQ_SELECT_PLAYER;
    o.select_player = 1;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s", eq_tree_result_errmsg(r));
    cr_expect(near(eq_tree_result_payoff(r, 0, 0), 3.0, 1e-9), "A stays out");
    cr_expect(eq_tree_result_stage_support(r, 0, 0) == 1);
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9);
    eq_tree_result_free(r);
    eq_tree_free(t);
}
