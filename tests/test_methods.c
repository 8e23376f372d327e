/* test_methods.c -- the method table and what reads it: the public
** queries (eq_method_count, _summary, _caps, _check_game, _check_tree),
** the refusals and their sentences, and the strategic methods that reach
** a tree through its reduced strategic form (qre, mip, correlated).
**
** Expected results are derived by hand in the comments; the capabilities
** are the ones README.md and DESIGN.md state for each method. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "support.h"

/* ---- the table -------------------------------------------------------- */

Test(methods, table)
{
    /* The ten methods of README's table, numbered as eq_method says. */
    static const char *const names[] = { "pure", "zerosum", "lemke", "enum", "spe",
                                         "mip", "correlated", "qre", "sequential",
                                         "pbe" };
    cr_assert_eq(eq_method_count(), 10);
    for (int m = 0; m < eq_method_count(); m++) {
        cr_expect_str_eq(eq_method_name((eq_method)m), names[m]);
        cr_expect_eq(eq_method_from_name(names[m]), m);
        cr_expect(eq_method_summary((eq_method)m) != NULL &&
                  strlen(eq_method_summary((eq_method)m)) > 20, "method %d", m);
        cr_expect(eq_method_caps((eq_method)m) != 0, "method %d", m);
    }
    cr_expect_null(eq_method_name((eq_method)10));
    cr_expect_null(eq_method_summary((eq_method)-1));
    cr_expect_eq(eq_method_caps((eq_method)99), 0u);
    cr_expect_eq(eq_method_from_name("simplex"), -1);
}

Test(methods, capabilities)
{
    /* README: pure, correlated, qre and spe take any number of players;
    ** zerosum, lemke, enum and mip two. */
    unsigned nplayer = 0;
    for (int m = 0; m < eq_method_count(); m++)
        if (eq_method_caps((eq_method)m) & EQ_CAP_NPLAYER)
            nplayer |= 1u << m;
    cr_expect_eq(nplayer, (1u << EQ_METHOD_PURE) | (1u << EQ_METHOD_SPE) |
                          (1u << EQ_METHOD_CORRELATED) | (1u << EQ_METHOD_QRE) |
                          (1u << EQ_METHOD_SEQUENTIAL) | (1u << EQ_METHOD_PBE));
    /* spe is for trees only; every other method takes strategic games and
    ** may solve spe's stages. */
    cr_expect_eq(eq_method_caps(EQ_METHOD_SPE) & EQ_CAP_STRATEGIC, 0u);
    cr_expect(eq_method_caps(EQ_METHOD_SPE) & EQ_CAP_TREE_SUBGAMES);
    cr_expect_eq(eq_method_caps(EQ_METHOD_SPE) & EQ_CAP_STAGE, 0u);
    for (int m = 0; m < eq_method_count(); m++)
        if (m != EQ_METHOD_SPE && !(eq_method_caps((eq_method)m) & EQ_CAP_TREE_WHOLE))
            cr_expect((eq_method_caps((eq_method)m) & (EQ_CAP_STRATEGIC | EQ_CAP_STAGE)) ==
                      (EQ_CAP_STRATEGIC | EQ_CAP_STAGE), "method %d", m);
    /* Trees: zerosum and lemke on the sequence form (README), the others
    ** on the reduced strategic form. */
    cr_expect(eq_method_caps(EQ_METHOD_LEMKE) & EQ_CAP_TREE_SEQFORM);
    cr_expect(eq_method_caps(EQ_METHOD_ZEROSUM) & EQ_CAP_TREE_SEQFORM);
    cr_expect(eq_method_caps(EQ_METHOD_QRE) & EQ_CAP_TREE_REDUCED);
    cr_expect(eq_method_caps(EQ_METHOD_MIP) & EQ_CAP_TREE_REDUCED);
    cr_expect(eq_method_caps(EQ_METHOD_CORRELATED) & EQ_CAP_TREE_REDUCED);
    /* What they offer, as README says. */
    cr_expect(eq_method_caps(EQ_METHOD_ENUM) & EQ_CAP_ALL);
    cr_expect(eq_method_caps(EQ_METHOD_ENUM) & EQ_CAP_EXACT);
    cr_expect(eq_method_caps(EQ_METHOD_ZEROSUM) & EQ_CAP_CONSTANT_SUM);
    cr_expect(eq_method_caps(EQ_METHOD_ZEROSUM) & EQ_CAP_VALUE);
    cr_expect(eq_method_caps(EQ_METHOD_MIP) & EQ_CAP_UNIQUE);
    cr_expect(eq_method_caps(EQ_METHOD_MIP) & EQ_CAP_OBJECTIVE);
    cr_expect(eq_method_caps(EQ_METHOD_CORRELATED) & EQ_CAP_DISTRIBUTION);
    cr_expect(eq_method_caps(EQ_METHOD_QRE) & EQ_CAP_PATH);
    cr_expect(eq_method_caps(EQ_METHOD_LEMKE) & EQ_CAP_LABEL);
    cr_expect(eq_method_caps(EQ_METHOD_CORRELATED) & EQ_CAP_EXACT);  /* the optimum certified in rationals */
    cr_expect_eq(eq_method_caps(EQ_METHOD_QRE) & EQ_CAP_EXACT, 0u);
}

/* ---- refusals ----------------------------------------------------------- */

static void expect_why(eq_status got, eq_status want, const char *why,
                       const char *const *phrases)
{
    cr_expect_eq(got, want, "status %d, not %d: %s", got, want, why);
    for (; *phrases != NULL; phrases++)
        cr_expect(strstr(why, *phrases) != NULL, "'%s' lacks '%s'", why, *phrases);
    cr_expect(strstr(why, "unknown method") == NULL, "%s", why);
}

Test(methods, refusals_on_games)
{
    /* Chicken: two players, not constant-sum (A + B is 12, 9, 9, 0). */
    const double A[] = { 6, 2, 7, 0 }, B[] = { 6, 7, 2, 0 };
    eq_game *g = t_bimatrix(2, 2, A, B), *g3;
    int n3[3] = { 2, 2, 2 };
    char why[512];

    cr_expect_eq(eq_method_check_game(EQ_METHOD_ENUM, g, why, sizeof why), EQ_OK);
    cr_expect_str_eq(why, "");
    expect_why(eq_method_check_game(EQ_METHOD_SPE, g, why, sizeof why),
               EQ_ERR_UNSUPPORTED, why, (const char *[]){
                   "method 'spe' needs a game tree",
                   ": use pure, lemke, enum, mip, correlated or qre", NULL });
    expect_why(eq_method_check_game(EQ_METHOD_ZEROSUM, g, why, sizeof why),
               EQ_ERR_UNSUPPORTED, why, (const char *[]){ "not constant-sum", "enum", NULL });
    cr_assert_eq(eq_game_new(&g3, 3, n3), EQ_OK);
    expect_why(eq_method_check_game(EQ_METHOD_LEMKE, g3, why, sizeof why),
               EQ_ERR_UNSUPPORTED, why, (const char *[]){
                   "method 'lemke' needs a two-player game; this one has 3 players",
                   ": use pure, correlated or qre", NULL });
    cr_expect_eq(eq_method_check_game(EQ_METHOD_QRE, g3, why, sizeof why), EQ_OK);
    /* Not a method, a NULL game, a short buffer, no buffer. */
    expect_why(eq_method_check_game((eq_method)42, g, why, sizeof why), EQ_ERR_ARG, why,
               (const char *[]){ "method number 42", NULL });
    cr_expect_eq(eq_method_check_game(EQ_METHOD_PURE, NULL, why, sizeof why), EQ_ERR_ARG);
    cr_expect_eq(eq_method_check_game(EQ_METHOD_SPE, g, why, 8), EQ_ERR_UNSUPPORTED);
    cr_expect_eq(strlen(why), 7u);
    cr_expect_eq(eq_method_check_game(EQ_METHOD_SPE, g, NULL, 0), EQ_ERR_UNSUPPORTED);

    /* eq_solve says the same, and refuses exact arithmetic it lacks. */
    {
        eq_solve_opts o;
        eq_result *r = NULL;
        eq_solve_opts_init(&o);
        o.method = EQ_METHOD_LEMKE;
        cr_expect_eq(eq_solve(g3, &o, &r), EQ_ERR_UNSUPPORTED);
        cr_expect(strstr(eq_result_errmsg(r), "use pure, correlated or qre") != NULL);
        eq_result_free(r);
        o.method = EQ_METHOD_QRE;
        o.exact = 1;
        cr_expect_eq(eq_solve(g, &o, &r), EQ_ERR_UNSUPPORTED);
        cr_expect(strstr(eq_result_errmsg(r), "no exact arithmetic") != NULL, "%s",
                  eq_result_errmsg(r));
        eq_result_free(r);
        o.method = (eq_method)10;
        o.exact = 0;
        cr_expect_eq(eq_solve(g, &o, &r), EQ_ERR_ARG);
        cr_expect(strstr(eq_result_errmsg(r), "unknown method") == NULL);
        eq_result_free(r);
    }
    eq_game_free(g);
    eq_game_free(g3);
}

/* Three players who each choose once, one after another, in the dark: the
** second and third do not see the earlier moves. */
static const char three_movers[] =
    "players A B C\n"
    "node a: A chooses\n  l -> b1\n  r -> b2\n"
    "node b1: B chooses\n  l -> c1\n  r -> c2\n"
    "node b2: B chooses\n  l -> c3\n  r -> c4\n"
    "node c1: C chooses\n  l -> (1, 0, 0)\n  r -> (0, 1, 0)\n"
    "node c2: C chooses\n  l -> (0, 0, 1)\n  r -> (1, 1, 0)\n"
    "node c3: C chooses\n  l -> (0, 1, 1)\n  r -> (1, 0, 1)\n"
    "node c4: C chooses\n  l -> (2, 0, 0)\n  r -> (0, 2, 0)\n"
    "infoset hb: B {b1, b2}\n"
    "infoset hc: C {c1, c2, c3, c4}\n";

Test(methods, refusals_on_trees)
{
    eq_tree *t = t_model_tree(three_movers, NULL, 0);
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    char why[512];

    expect_why(eq_method_check_tree(EQ_METHOD_ENUM, t, why, sizeof why),
               EQ_ERR_UNSUPPORTED, why, (const char *[]){
                   "method 'enum' needs a two-player game; in this tree 3 players have a "
                   "choice", ": use pure, spe, correlated, qre, sequential or pbe", NULL });
    expect_why(eq_method_check_tree(EQ_METHOD_LEMKE, t, why, sizeof why),
               EQ_ERR_UNSUPPORTED, why, (const char *[]){
                   "sequence form", "exactly two", ": use pure, spe, correlated, qre, sequential or pbe",
                   NULL });
    cr_expect_eq(eq_method_check_tree(EQ_METHOD_QRE, t, why, sizeof why), EQ_OK);
    cr_expect_eq(eq_method_check_tree(EQ_METHOD_CORRELATED, t, why, sizeof why), EQ_OK);
    cr_expect_eq(eq_method_check_tree(EQ_METHOD_PURE, NULL, why, sizeof why), EQ_ERR_ARG);
    eq_tree_opts_init(&o);
    o.method = EQ_METHOD_MIP;
    cr_expect_eq(eq_tree_solve(t, &o, &r), EQ_ERR_UNSUPPORTED);
    cr_expect(strstr(eq_tree_result_errmsg(r), "method 'mip' needs a two-player game") != NULL,
              "%s", eq_tree_result_errmsg(r));
    eq_tree_result_free(r);
    /* spe's subgame method comes from the table too. */
    o.method = EQ_METHOD_SPE;
    o.subgame_method = EQ_METHOD_SPE;
    cr_expect_eq(eq_tree_solve(t, &o, &r), EQ_ERR_ARG);
    cr_expect_str_eq(eq_tree_result_errmsg(r), "the subgame method must be pure, zerosum, "
                     "lemke, enum, mip, correlated, qre or pbe");
    eq_tree_result_free(r);
    cr_expect_eq(eq_method_default_subgame(t), EQ_METHOD_PURE);
    eq_tree_free(t);
}

/* ---- strategic methods on trees ---------------------------------------- */

/*
** Entry deterrence (tests/fixtures/game/entry.game at fight_cost 1):
** the entrant stays out, (0, 2), or enters; the incumbent then fights,
** (-1, -1), or accommodates, (1, 1).  Its reduced strategic form is
**               fight     accommodate
**     out      (0, 2)      (0, 2)
**     in      (-1, -1)     (1, 1)
** whose Nash equilibria are (in, accommodate) and (out, q) with q, the
** probability of fight, at least 1/2 (in pays -q + (1 - q) <= 0).
** Information sets: 0 the entrant's (out, in), 1 the incumbent's (fight,
** accommodate).
*/
static eq_tree *entry(void)
{
    static const char text[] =
        "players Entrant Incumbent\n"
        "node entry: Entrant chooses\n  out -> (0, 2)\n  in -> response\n"
        "node response: Incumbent chooses\n  fight -> (-1, -1)\n"
        "  accommodate -> (1, 1)\n";
    return t_model_tree(text, NULL, 0);
}

static eq_tree_result *solve_tree(const eq_tree *t, eq_method m, eq_select sel, int player)
{
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_tree_opts_init(&o);
    o.method = m;
    o.select = sel;
    o.select_player = player;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s", eq_tree_result_errmsg(r));
    return r;
}

/*
** qre: along the logit path the incumbent's accommodate earns 2 P(in)
** more than fight, so P(accommodate) > 1/2, and then in earns
** 2 P(accommodate) - 1 > 0 more than out, so P(in) > 1/2.  The limit is a
** Nash equilibrium with P(in) >= 1/2: (in, accommodate).
*/
Test(methods, qre_on_tree)
{
    eq_tree *t = entry();
    eq_tree_result *r = solve_tree(t, EQ_METHOD_QRE, EQ_SELECT_WELFARE, 0);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(eq_tree_result_behaviour(r, 0, 0)[1] - 1.0) < 1e-6);
    cr_expect(fabs(eq_tree_result_behaviour(r, 0, 1)[1] - 1.0) < 1e-6);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 1.0) < 1e-6);
    cr_expect(eq_tree_result_regret(r, 0) < 1e-6);
    cr_expect_eq(eq_tree_result_method(r), EQ_METHOD_QRE);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* mip: the entrant's best equilibrium is (in, accommodate), paying 1; the
** incumbent's best are the (out, q >= 1/2), paying 2. */
Test(methods, mip_on_tree)
{
    eq_tree *t = entry();
    eq_tree_result *r = solve_tree(t, EQ_METHOD_MIP, EQ_SELECT_PLAYER, 0);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 1.0) < 1e-9);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) - 1.0) < 1e-9);
    cr_expect(fabs(eq_tree_result_behaviour(r, 0, 1)[1] - 1.0) < 1e-9);
    cr_expect(strstr(eq_tree_result_selection(r), "highest payoff of player Entrant") != NULL,
              "%s", eq_tree_result_selection(r));
    eq_tree_result_free(r);
    r = solve_tree(t, EQ_METHOD_MIP, EQ_SELECT_PLAYER, 1);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) - 2.0) < 1e-9);
    cr_expect(fabs(eq_tree_result_behaviour(r, 0, 0)[0] - 1.0) < 1e-9);
    cr_expect(eq_tree_result_behaviour(r, 0, 1)[0] >= 0.5 - 1e-9);
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/*
** correlated on the whole tree.  A distribution p over the four profiles
** (out,f), (out,a), (in,f), (in,a) is a correlated equilibrium when
**   told out, in gains nothing:  -p(out,f) + p(out,a) <= 0;
**   told in, out gains nothing:  p(in,f) - p(in,a) <= 0;
**   told fight, accommodate gains nothing: 2 p(in,f) <= 0, so p(in,f) = 0;
**   told accommodate: fight loses 2 p(in,a) >= 0, always.
** The entrant's best is p(in,a) = 1, paying (1, 1).  The incumbent's best
** puts everything on out, paying (0, 2), with p(out,f) >= p(out,a): a
** threat the incumbent would not carry out (fight after in), so the
** certificate of the tree as a whole is 0 though spe rejects it.
*/
Test(methods, correlated_on_tree)
{
    eq_tree *t = entry();
    eq_tree_result *r = solve_tree(t, EQ_METHOD_CORRELATED, EQ_SELECT_PLAYER, 0);
    const int *sets, *act;
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 1.0) < 1e-9);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) - 1.0) < 1e-9);
    cr_assert_eq(eq_tree_result_stages(r, 0), 1);
    cr_expect_eq(eq_tree_result_stage_root(r, 0, 0), 0);
    cr_assert_eq(eq_tree_result_stage_infosets(r, 0, 0, &sets), 2);
    cr_expect(sets[0] == 0 && sets[1] == 1);
    cr_assert_eq(eq_tree_result_stage_support(r, 0, 0), 1);
    cr_expect(fabs(eq_tree_result_stage_prob(r, 0, 0, 0, &act) - 1.0) < 1e-9);
    cr_expect(act[0] == 1 && act[1] == 1, "%d %d", act[0], act[1]);
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9);
    eq_tree_result_free(r);

    r = solve_tree(t, EQ_METHOD_CORRELATED, EQ_SELECT_PLAYER, 1);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 0.0) < 1e-9);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) - 2.0) < 1e-9);
    cr_expect(eq_tree_result_reach(r, 0, 2) < 1e-9);            /* 'in' never played */
    cr_expect(eq_tree_result_behaviour(r, 0, 1)[0] >= 0.5 - 1e-9);
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/*
** Chicken as a tree (A moves, then B without seeing it): dare/dare (0, 0),
** dare/swerve (7, 2), swerve/dare (2, 7), swerve/swerve (6, 6).  With
** p = (p_dd, p_ds, p_sd, p_ss), A told swerve gains 1 against swerve and
** loses 2 against dare by daring, so p_ss <= 2 p_sd; B likewise, p_ss <=
** 2 p_ds (told dare, swerving pays only when p_dd is large, and p_dd will
** be 0).  Welfare is 9 (p_ds + p_sd) + 12 p_ss = 9 + 3 p_ss - 9 p_dd,
** largest at p_dd = 0 and p_ss as large as p_ss <= 2 min(p_ds, p_sd)
** allows: p_ss = 1/2, p_ds = p_sd = 1/4 (Aumann's mediator), welfare
** 10.5, payoffs 5.25 each.
*/
Test(methods, correlated_chicken_tree)
{
    static const char text[] =
        "players A B\n"
        "stage chicken: A x B\n"
        "          dare     swerve\n"
        "  dare    (0, 0)   (7, 2)\n"
        "  swerve  (2, 7)   (6, 6)\n";
    eq_tree *t = t_model_tree(text, NULL, 0);
    eq_tree_result *r = solve_tree(t, EQ_METHOD_CORRELATED, EQ_SELECT_WELFARE, 0);
    double mass = 0.0;
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 5.25) < 1e-9);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) - 5.25) < 1e-9);
    cr_assert_eq(eq_tree_result_stage_support(r, 0, 0), 3);
    for (int q = 0; q < 3; q++) {
        const int *act;
        double pr = eq_tree_result_stage_prob(r, 0, 0, q, &act);
        cr_expect(!(act[0] == 0 && act[1] == 0), "dare/dare recommended");
        cr_expect(fabs(pr - (act[0] == 1 && act[1] == 1 ? 0.5 : 0.25)) < 1e-9);
        mass += pr;
    }
    cr_expect(fabs(mass - 1.0) < 1e-12);
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* sequential and pbe take trees only, any number of players, as a whole
** (not stage by stage inside spe); on a strategic game they are refused
** with a reason. */
Test(methods, beliefs_methods)
{
    eq_game *g = NULL;
    eq_result *r = NULL;
    eq_solve_opts o;
    char why[256];
    for (int m = EQ_METHOD_SEQUENTIAL; m <= EQ_METHOD_PBE; m++) {
        unsigned caps = eq_method_caps((eq_method)m);
        cr_expect(caps & EQ_CAP_TREE_WHOLE, "method %d", m);
        cr_expect_eq(caps & EQ_CAP_STRATEGIC, 0u, "method %d", m);
        /* pbe also solves spe's stages (its enumeration on a stage's
        ** small tree); sequential does not. */
        cr_expect_eq(caps & EQ_CAP_STAGE, m == EQ_METHOD_PBE ? (unsigned)EQ_CAP_STAGE : 0u,
                     "method %d", m);
    }
    cr_assert_eq(eq_game_new(&g, 2, (int[]){ 2, 2 }), EQ_OK);
    cr_expect_eq(eq_method_check_game(EQ_METHOD_PBE, g, why, sizeof why), EQ_ERR_UNSUPPORTED);
    cr_expect(strstr(why, "game tree") != NULL, "%s", why);
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_SEQUENTIAL;
    cr_expect_eq(eq_solve(g, &o, &r), EQ_ERR_UNSUPPORTED);
    eq_result_free(r);
    eq_game_free(g);
}
