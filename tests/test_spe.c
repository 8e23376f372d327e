/*
** test_spe.c -- subgame-perfect equilibria, the reduced strategic form,
** Kuhn's theorem and the tree certificate, on games solved by hand in the
** comments.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"
#include "tree.h"

#define EPS 1e-9

/* ---- building trees ------------------------------------------------- */

static eq_tree *new_tree(int n)
{
    eq_tree *t = NULL;
    cr_assert_eq(eq_tree_new(&t, n), EQ_OK);
    return t;
}

static int iset(eq_tree *t, int p, int k, const char *const *names)
{
    int id = -1;
    cr_assert_eq(eq_tree_add_infoset(t, p, k, names, NULL, &id), EQ_OK, "%s",
                 eq_tree_errmsg(t));
    return id;
}

/* Make node v a decision node in set h; returns its first child. */
static int decide(eq_tree *t, int v, int h)
{
    cr_assert_eq(eq_tree_make_decision(t, v, h), EQ_OK, "%s", eq_tree_errmsg(t));
    return eq_tree_child(t, v, 0);
}

static int chance(eq_tree *t, int v, int k, const double *probs)
{
    cr_assert_eq(eq_tree_make_chance(t, v, k, NULL, probs), EQ_OK, "%s",
                 eq_tree_errmsg(t));
    return eq_tree_child(t, v, 0);
}

static void term(eq_tree *t, int v, const double *u)
{
    cr_assert_eq(eq_tree_make_terminal(t, v, u), EQ_OK, "%s", eq_tree_errmsg(t));
}

static void term2(eq_tree *t, int v, double a, double b)
{
    term(t, v, (double[]){ a, b });
}

static void finish(eq_tree *t)
{
    cr_assert_eq(eq_tree_finish(t), EQ_OK, "%s", eq_tree_errmsg(t));
}

static eq_tree_result *solve_opts(const eq_tree *t, const eq_tree_opts *o)
{
    eq_tree_result *r = NULL;
    cr_assert_eq(eq_tree_solve(t, o, &r), EQ_OK, "%s", eq_tree_result_errmsg(r));
    for (int k = 0; k < eq_tree_result_count(r); k++)
        cr_expect(eq_tree_result_regret(r, k) < 1e-9, "equilibrium %d has regret %g", k,
                  eq_tree_result_regret(r, k));
    return r;
}

static eq_tree_result *solve(const eq_tree *t, eq_method m, int all)
{
    eq_tree_opts o;
    eq_tree_opts_init(&o);
    o.method = m;
    o.all = all;
    return solve_opts(t, &o);
}

static double beh(const eq_tree_result *r, int k, int h, int a)
{
    const double *b = eq_tree_result_behaviour(r, k, h);
    cr_assert_not_null(b);
    return b[a];
}

/* ---- entry deterrence ----------------------------------------------- */

/*
** The entrant (1) stays Out, (0, 2), or comes In; then the incumbent (2)
** Fights, (-1, -1), or Accommodates, (1, 1).  Backward induction: after In
** the incumbent prefers 1 to -1, so Accommodate; the entrant then prefers
** 1 to 0: the unique SPE is In/Accommodate with payoffs (1, 1).  In the
** 2x2 reduced form, (Out, Fight) is also a Nash equilibrium -- Fight is a
** best reply when it is never called on -- but the threat is not credible.
*/
static eq_tree *entry_game(void)
{
    eq_tree *t = new_tree(2);
    int e = iset(t, 0, 2, (const char *[]){ "Out", "In" });
    int i = iset(t, 1, 2, (const char *[]){ "Fight", "Accommodate" });
    int c = decide(t, 0, e);
    int d;
    term2(t, c, 0, 2);
    d = decide(t, c + 1, i);
    term2(t, d, -1, -1);
    term2(t, d + 1, 1, 1);
    cr_assert_eq(e, 0);
    cr_assert_eq(i, 1);
    finish(t);
    return t;
}

Test(spe, entry_deterrence)
{
    eq_tree *t = entry_game();
    eq_tree_result *r = solve(t, EQ_METHOD_SPE, 1);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect_eq(eq_tree_result_solution(r), EQ_SOL_FOUND);
    cr_expect(fabs(beh(r, 0, 0, 1) - 1.0) < EPS);   /* In */
    cr_expect(fabs(beh(r, 0, 1, 1) - 1.0) < EPS);   /* Accommodate */
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 1.0) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) - 1.0) < EPS);
    cr_expect(fabs(eq_tree_result_reach(r, 0, 1)) < EPS);        /* Out leaf */
    cr_expect(fabs(eq_tree_result_reach(r, 0, 4) - 1.0) < EPS);  /* (1, 1) leaf */
    cr_expect_str_eq(eq_tree_result_selection(r), "the only subgame-perfect equilibrium");
    eq_tree_result_free(r);

    /* Without --all: the same one, and a sentence naming the rule. */
    r = solve(t, EQ_METHOD_SPE, 0);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(beh(r, 0, 1, 1) - 1.0) < EPS);
    cr_expect_str_eq(eq_tree_result_selection(r),
                     "one subgame-perfect equilibrium, chosen in each subgame by "
                     "highest total payoff (welfare)");
    eq_tree_result_free(r);

    /* Every Nash equilibrium of the reduced form: (Out, Fight) is one. */
    r = solve(t, EQ_METHOD_ENUM, 0);
    {
        int out_fight = 0, in_acc = 0;
        for (int k = 0; k < eq_tree_result_count(r); k++) {
            if (beh(r, k, 0, 0) > 1 - EPS && beh(r, k, 1, 0) > 1 - EPS)
                out_fight = 1;
            if (beh(r, k, 0, 1) > 1 - EPS && beh(r, k, 1, 1) > 1 - EPS)
                in_acc = 1;
        }
        cr_expect(out_fight, "enum should find Out/Fight");
        cr_expect(in_acc, "enum should find In/Accommodate");
    }
    eq_tree_result_free(r);
    r = solve(t, EQ_METHOD_PURE, 0);
    cr_expect_eq(eq_tree_result_count(r), 2);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

Test(spe, entry_reduced_form)
{
    eq_tree *t = entry_game();
    eq_game *g = NULL;
    cr_assert_eq(eq_tree_reduced_form(t, &g), EQ_OK);
    cr_assert_eq(eq_game_actions(g, 0), 2);
    cr_assert_eq(eq_game_actions(g, 1), 2);
    cr_expect_str_eq(eq_game_action_name(g, 0, 0), "Out");
    cr_expect_str_eq(eq_game_action_name(g, 0, 1), "In");
    cr_expect_str_eq(eq_game_action_name(g, 1, 0), "Fight");
    cr_expect_str_eq(eq_game_action_name(g, 1, 1), "Accommodate");
    /* Rows Out, In; columns Fight, Accommodate. */
    cr_expect(eq_game_payoffs(g, 0)[0] == 0 && eq_game_payoffs(g, 1)[1] == 2);
    cr_expect(eq_game_payoffs(g, 0)[2] == -1 && eq_game_payoffs(g, 1)[2] == -1);
    cr_expect(eq_game_payoffs(g, 0)[3] == 1 && eq_game_payoffs(g, 1)[3] == 1);
    eq_game_free(g);
    eq_tree_free(t);
}

/* ---- centipede ------------------------------------------------------ */

/*
** Four moves, players alternating 1, 2, 1, 2; each may Take or Pass, and
** the pot doubles at every pass: taking at move k gives the mover the
** larger share.  Take at 1: (4, 1); at 2: (2, 8); at 3: (16, 4); at 4:
** (8, 32); passing at 4: (64, 16).  Backward: 2 takes at 4 (32 > 16); 1
** takes at 3 (16 > 8); 2 takes at 2 (8 > 4); 1 takes at 1 (4 > 2).
*/
Test(spe, centipede_takes_at_once)
{
    static const double take[4][2] = { { 4, 1 }, { 2, 8 }, { 16, 4 }, { 8, 32 } };
    eq_tree *t = new_tree(2);
    int v = 0, h[4];
    eq_tree_result *r;
    for (int k = 0; k < 4; k++) {
        int c;
        h[k] = iset(t, k % 2, 2, (const char *[]){ "Take", "Pass" });
        c = decide(t, v, h[k]);
        term(t, c, take[k]);
        v = c + 1;
    }
    term2(t, v, 64, 16);
    finish(t);
    cr_expect_eq(eq_tree_subgames(t), 4);
    r = solve(t, EQ_METHOD_SPE, 1);
    cr_assert_eq(eq_tree_result_count(r), 1);
    for (int k = 0; k < 4; k++)
        cr_expect(fabs(beh(r, 0, h[k], 0) - 1.0) < EPS, "take at move %d", k + 1);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 4) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) - 1) < EPS);
    cr_expect(fabs(eq_tree_result_reach(r, 0, 2)) < EPS); /* the second move */
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* ---- chance --------------------------------------------------------- */

/*
** Player 1 chooses R, (1.9, 0.5), or L; after L chance draws: with 0.35
** player 2 chooses x, (4, 2), or y, (0, 1); with 0.65 the game ends at
** (1, 3).  Player 2 takes x (2 > 1), so L is worth
**   player 1: 0.35 * 4 + 0.65 * 1 = 2.05 > 1.9,
**   player 2: 0.35 * 2 + 0.65 * 3 = 2.65,
** and the SPE is L, x with payoffs (2.05, 2.65).
*/
static eq_tree *chance_game(void)
{
    eq_tree *t = new_tree(2);
    int h1 = iset(t, 0, 2, (const char *[]){ "L", "R" });
    int h2 = iset(t, 1, 2, (const char *[]){ "x", "y" });
    int c = decide(t, 0, h1), d, e;
    term2(t, c + 1, 1.9, 0.5);
    d = chance(t, c, 2, (double[]){ 0.35, 0.65 });
    e = decide(t, d, h2);
    term2(t, d + 1, 1, 3);
    term2(t, e, 4, 2);
    term2(t, e + 1, 0, 1);
    finish(t);
    return t;
}

Test(spe, chance_node)
{
    eq_tree *t = chance_game();
    eq_tree_result *r = solve(t, EQ_METHOD_SPE, 1);
    int x_node = eq_tree_child(t, eq_tree_child(t, eq_tree_child(t, 0, 0), 0), 0);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(beh(r, 0, 0, 0) - 1.0) < EPS);
    cr_expect(fabs(beh(r, 0, 1, 0) - 1.0) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 2.05) < 1e-12);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) - 2.65) < 1e-12);
    cr_expect(fabs(eq_tree_result_reach(r, 0, x_node) - 0.35) < 1e-12);
    eq_tree_result_free(r);

    /* The reduced form averages chance out: (L, x) pays (2.05, 2.65). */
    {
        eq_game *g = NULL;
        cr_assert_eq(eq_tree_reduced_form(t, &g), EQ_OK);
        cr_expect(fabs(eq_game_payoff(g, 0, (int[]){ 0, 0 }) - 2.05) < 1e-12);
        cr_expect(fabs(eq_game_payoff(g, 1, (int[]){ 0, 1 }) - (0.35 + 0.65 * 3)) < 1e-12);
        eq_game_free(g);
    }
    eq_tree_free(t);
}

/* ---- a simultaneous subgame with a mixed equilibrium ---------------- */

/*
** Player 1 takes an outside option Out, (out1, out2), or plays In: a
** simultaneous game where 1 picks H or T and 2, not seeing it, picks H or
** T.  With payoffs to 1 of A = [[a, 0], [0, b]] and B = -A to 2, the
** subgame's only equilibrium makes each player indifferent:
**   2 plays H with q: a q = b (1 - q)  =>  q = b / (a + b);
**   1 plays H with p: a p = b (1 - p)  =>  p = b / (a + b);
**   value to 1: a b / (a + b).
** (Matching pennies, +-1, is the same up to a shift: p = q = 1/2, value 0.)
** Set 0 is 1's first move, set 1 1's choice in the subgame, set 2 2's.
*/
static eq_tree *pennies_game(double out1, double out2, const double *A)
{
    eq_tree *t = new_tree(2);
    int h0 = iset(t, 0, 2, (const char *[]){ "Out", "In" });
    int h1 = iset(t, 0, 2, (const char *[]){ "H", "T" });
    int h2 = iset(t, 1, 2, (const char *[]){ "h", "t" });
    int c = decide(t, 0, h0), d;
    term2(t, c, out1, out2);
    d = decide(t, c + 1, h1);
    for (int i = 0; i < 2; i++) {
        int e = decide(t, d + i, h2);
        for (int j = 0; j < 2; j++)
            term2(t, e + j, A[i * 2 + j], -A[i * 2 + j]);
    }
    finish(t);
    return t;
}

static const double pennies[4] = { 1, -1, -1, 1 };

Test(spe, mixed_subgame_decides_entry)
{
    /* Pennies is worth 0 to player 1: In beats Out at -0.5. */
    eq_tree *t = pennies_game(-0.5, 0, pennies);
    eq_tree_result *r = solve(t, EQ_METHOD_SPE, 1);
    cr_expect_eq(eq_tree_subgames(t), 2);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(beh(r, 0, 0, 1) - 1.0) < EPS);
    cr_expect(fabs(beh(r, 0, 1, 0) - 0.5) < EPS);
    cr_expect(fabs(beh(r, 0, 2, 0) - 0.5) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0)) < EPS);
    eq_tree_result_free(r);
    eq_tree_free(t);

    /* Out at 0.2 beats the value 0; the pennies part is still played
    ** half-half off the path. */
    t = pennies_game(0.2, 0, pennies);
    r = solve(t, EQ_METHOD_SPE, 0);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(beh(r, 0, 0, 0) - 1.0) < EPS);
    cr_expect(fabs(beh(r, 0, 1, 0) - 0.5) < EPS);
    cr_expect(fabs(beh(r, 0, 2, 0) - 0.5) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 0.2) < EPS);
    cr_expect(fabs(eq_tree_result_reach(r, 0, 2)) < EPS);
    eq_tree_result_free(r);
    eq_tree_free(t);

    /* a = 3, b = 1: p = q = 1/4 and the value 3/4 beats Out at 0.7. */
    t = pennies_game(0.7, -0.7, (const double[]){ 3, 0, 0, 1 });
    r = solve(t, EQ_METHOD_SPE, 0);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(beh(r, 0, 0, 1) - 1.0) < EPS);
    cr_expect(fabs(beh(r, 0, 1, 0) - 0.25) < EPS);
    cr_expect(fabs(beh(r, 0, 2, 0) - 0.25) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 0.75) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) + 0.75) < EPS);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

Test(spe, pure_subgame_method_finds_none)
{
    /* Pennies has no pure equilibrium: an answer, not an error. */
    eq_tree *t = pennies_game(-0.5, 0, pennies);
    eq_tree_opts o;
    eq_tree_result *r;
    eq_tree_opts_init(&o);
    o.subgame_method = EQ_METHOD_PURE;
    r = solve_opts(t, &o);
    cr_expect_eq(eq_tree_result_count(r), 0);
    cr_expect_eq(eq_tree_result_solution(r), EQ_SOL_NONE);
    cr_expect(strstr(eq_tree_result_selection(r), "subgame at node 2") != NULL, "%s",
              eq_tree_result_selection(r));
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* ---- several equilibria in a subgame --------------------------------- */

/*
** Player 1 takes Out, (1.5, 1.5), or In: battle of the sexes, both
** choosing Opera or Football at once; (O, O) pays (3, 1), (F, F) pays
** (1, 2), a mismatch (0, 0).  The subgame has three equilibria:
**   (O, O) with (3, 1); (F, F) with (1, 2);
**   mixed: 2 plays O with q, 3 q = 1 - q => q = 1/4; 1 plays O with p,
**   p = 2 (1 - p) => p = 2/3; payoffs (3/4, 2/3).
** So three SPEs: In after (O, O) (3 > 1.5); Out after (F, F) (1 < 1.5);
** Out after the mixed one (3/4 < 1.5).
** Selection in the subgame: welfare 4 vs 3 vs 17/12 picks (O, O), so In,
** (3, 1).  Player 2's payoff picks (F, F), so Out.  Least probability of
** "Opera" (2, 0, 2/3 + 1/4) picks (F, F); least "Football" picks (O, O).
** Sets: 0 the first move, 1 player 1's choice, 2 player 2's.
*/
static eq_tree *bos_game(void)
{
    static const double u[4][2] = { { 3, 1 }, { 0, 0 }, { 0, 0 }, { 1, 2 } };
    eq_tree *t = new_tree(2);
    int h0 = iset(t, 0, 2, (const char *[]){ "Out", "In" });
    int h1 = iset(t, 0, 2, (const char *[]){ "Opera", "Football" });
    int h2 = iset(t, 1, 2, (const char *[]){ "Opera", "Football" });
    int c = decide(t, 0, h0), d;
    term2(t, c, 1.5, 1.5);
    d = decide(t, c + 1, h1);
    for (int i = 0; i < 2; i++) {
        int e = decide(t, d + i, h2);
        for (int j = 0; j < 2; j++)
            term(t, e + j, u[i * 2 + j]);
    }
    finish(t);
    return t;
}

/* Index of the equilibrium with first move f and subgame probabilities of
** Opera p (player 1) and q (player 2), or -1. */
static int find_bos(const eq_tree_result *r, int f, double p, double q)
{
    for (int k = 0; k < eq_tree_result_count(r); k++)
        if (fabs(beh(r, k, 0, f) - 1) < EPS && fabs(beh(r, k, 1, 0) - p) < EPS &&
            fabs(beh(r, k, 2, 0) - q) < EPS)
            return k;
    return -1;
}

Test(spe, all_three_bos)
{
    eq_tree *t = bos_game();
    eq_tree_result *r = solve(t, EQ_METHOD_SPE, 1);
    int k;
    cr_assert_eq(eq_tree_result_count(r), 3);
    cr_expect_str_eq(eq_tree_result_selection(r), "all 3 subgame-perfect equilibria");
    k = find_bos(r, 1, 1, 1);
    cr_assert(k >= 0, "In after (Opera, Opera)");
    cr_expect(fabs(eq_tree_result_payoff(r, k, 0) - 3) < EPS);
    k = find_bos(r, 0, 0, 0);
    cr_assert(k >= 0, "Out after (Football, Football)");
    cr_expect(fabs(eq_tree_result_payoff(r, k, 1) - 1.5) < EPS);
    cr_expect(find_bos(r, 0, 2.0 / 3, 0.25) >= 0, "Out after the mixed one");
    eq_tree_result_free(r);

    /* A cap: two of them, and a partial status. */
    {
        eq_tree_opts o;
        eq_tree_opts_init(&o);
        o.all = 1;
        o.max_equilibria = 2;
        r = solve_opts(t, &o);
        cr_expect_eq(eq_tree_result_count(r), 2);
        cr_expect_eq(eq_tree_result_solution(r), EQ_SOL_PARTIAL);
        eq_tree_result_free(r);
    }
    eq_tree_free(t);
}

static eq_tree_result *bos_select(const eq_tree *t, eq_select rule, int player,
                                  const char *action)
{
    eq_tree_opts o;
    eq_tree_result *r;
    eq_tree_opts_init(&o);
    o.select = rule;
    o.select_player = player;
    o.select_action = action;
    r = solve_opts(t, &o);
    cr_assert_eq(eq_tree_result_count(r), 1);
    return r;
}

Test(spe, selection_rules)
{
    eq_tree *t = bos_game();
    eq_tree_result *r;

    r = bos_select(t, EQ_SELECT_WELFARE, 0, NULL);
    cr_expect_eq(find_bos(r, 1, 1, 1), 0);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 3) < EPS);
    eq_tree_result_free(r);

    r = bos_select(t, EQ_SELECT_PLAYER, 1, NULL);
    cr_expect_eq(find_bos(r, 0, 0, 0), 0);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 1.5) < EPS);
    cr_expect_str_eq(eq_tree_result_selection(r),
                     "one subgame-perfect equilibrium, chosen in each subgame by "
                     "highest payoff of player 2");
    eq_tree_result_free(r);

    r = bos_select(t, EQ_SELECT_PLAYER, 0, NULL);
    cr_expect_eq(find_bos(r, 1, 1, 1), 0);
    eq_tree_result_free(r);

    r = bos_select(t, EQ_SELECT_MIN_ACTION, 0, "Opera");
    cr_expect_eq(find_bos(r, 0, 0, 0), 0);
    cr_expect(strstr(eq_tree_result_selection(r), "'Opera'") != NULL);
    eq_tree_result_free(r);

    r = bos_select(t, EQ_SELECT_MIN_ACTION, 0, "Football");
    cr_expect_eq(find_bos(r, 1, 1, 1), 0);
    eq_tree_result_free(r);

    r = bos_select(t, EQ_SELECT_FIRST, 0, NULL);
    cr_expect(find_bos(r, 1, 1, 1) == 0 || find_bos(r, 0, 0, 0) == 0 ||
              find_bos(r, 0, 2.0 / 3, 0.25) == 0);
    eq_tree_result_free(r);

    /* Bad selections are argument errors. */
    {
        eq_tree_opts o;
        eq_tree_result *bad = NULL;
        eq_tree_opts_init(&o);
        o.select = EQ_SELECT_MIN_ACTION;
        o.select_action = "Ballet";
        cr_expect_eq(eq_tree_solve(t, &o, &bad), EQ_ERR_ARG);
        cr_expect(strstr(eq_tree_result_errmsg(bad), "Ballet") != NULL);
        eq_tree_result_free(bad);
        o.select = EQ_SELECT_PLAYER;
        o.select_player = 2;
        cr_expect_eq(eq_tree_solve(t, &o, &bad), EQ_ERR_ARG);
        eq_tree_result_free(bad);
    }
    eq_tree_free(t);
}

/*
** Chance picks one of three battles of the sexes (as above, without the
** outside option), each its own subgame with three equilibria: 27
** subgame-perfect equilibria in all, each a combination.  Welfare picks
** (Opera, Opera) in each, for (3, 1) overall.
*/
Test(spe, product_of_subgames)
{
    static const double u[4][2] = { { 3, 1 }, { 0, 0 }, { 0, 0 }, { 1, 2 } };
    eq_tree *t = new_tree(2);
    int c = chance(t, 0, 3, (double[]){ 0.2, 0.3, 0.5 });
    eq_tree_result *r;
    eq_tree_opts o;
    for (int b = 0; b < 3; b++) {
        int h1 = iset(t, 0, 2, (const char *[]){ "Opera", "Football" });
        int h2 = iset(t, 1, 2, (const char *[]){ "Opera", "Football" });
        int d = decide(t, c + b, h1);
        for (int i = 0; i < 2; i++) {
            int e = decide(t, d + i, h2);
            for (int j = 0; j < 2; j++)
                term(t, e + j, u[i * 2 + j]);
        }
    }
    finish(t);
    cr_expect_eq(eq_tree_subgames(t), 4);
    r = solve(t, EQ_METHOD_SPE, 1);
    cr_expect_eq(eq_tree_result_count(r), 27);
    cr_expect_eq(eq_tree_result_solution(r), EQ_SOL_FOUND);
    eq_tree_result_free(r);

    eq_tree_opts_init(&o);
    o.all = 1;
    o.max_equilibria = 10;
    r = solve_opts(t, &o);
    cr_expect_eq(eq_tree_result_count(r), 10);
    cr_expect_eq(eq_tree_result_solution(r), EQ_SOL_PARTIAL);
    cr_expect(strstr(eq_tree_result_selection(r), "the first 10") != NULL);
    eq_tree_result_free(r);

    /* Counting alone (eqi_tree_count, what sensitivity's SPE count uses):
    ** the same 27 and the same cap, no profile stored. */
    o.max_equilibria = 0;
    cr_assert_eq(eqi_tree_count(t, &o, &r), EQ_OK);
    cr_expect_eq(eq_tree_result_count(r), 27);
    cr_expect_eq(eq_tree_result_solution(r), EQ_SOL_FOUND);
    cr_expect_null(r->beh);
    eq_tree_result_free(r);
    o.max_equilibria = 10;
    cr_assert_eq(eqi_tree_count(t, &o, &r), EQ_OK);
    cr_expect_eq(eq_tree_result_count(r), 10);
    cr_expect_eq(eq_tree_result_solution(r), EQ_SOL_PARTIAL);
    eq_tree_result_free(r);

    r = solve(t, EQ_METHOD_SPE, 0);
    cr_assert_eq(eq_tree_result_count(r), 1);
    for (int h = 0; h < 6; h++)
        cr_expect(fabs(beh(r, 0, h, 0) - 1) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 3) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) - 1) < EPS);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* ---- agreement with the reduced strategic form ----------------------- */

/* The distribution over terminal nodes of the reduced-form mixed profile
** k of res, computed from the strategies' names ("a/b/-": one action per
** own set in index order) independently of the library's Kuhn map. */
static void reduced_outcome(const eq_tree *t, const eq_game *g, const eq_result *res,
                            int k, double *out)
{
    int nn = eq_tree_nodes(t);
    for (int z = 0; z < nn; z++) {
        double pr = 1.0;
        out[z] = 0.0;
        if (eq_tree_node_kind(t, z) != EQ_NODE_TERMINAL)
            continue;
        for (int v = z; eq_tree_node_parent(t, v) >= 0; v = eq_tree_node_parent(t, v)) {
            int u = eq_tree_node_parent(t, v), a = eq_tree_node_move(t, v);
            if (eq_tree_node_kind(t, u) == EQ_NODE_CHANCE)
                pr *= eq_tree_chance_prob(t, u, a);
        }
        for (int p = 0; p < eq_tree_players(t); p++) {
            const double *sigma = eq_result_strategy(res, k, p);
            double mass = 0.0;
            for (int s = 0; s < eq_game_actions(g, p); s++) {
                char name[512], *tok[64];
                int ntok = 0, ok = 1;
                snprintf(name, sizeof name, "%s", eq_game_action_name(g, p, s));
                for (char *c = strtok(name, "/"); c; c = strtok(NULL, "/"))
                    tok[ntok++] = c;
                for (int v = z; eq_tree_node_parent(t, v) >= 0 && ok;
                     v = eq_tree_node_parent(t, v)) {
                    int u = eq_tree_node_parent(t, v), h = eq_tree_node_infoset(t, u);
                    int pos = 0;
                    if (eq_tree_node_kind(t, u) != EQ_NODE_DECISION ||
                        eq_tree_node_player(t, u) != p)
                        continue;
                    for (int h2 = 0; h2 < h; h2++)
                        pos += eq_tree_infoset_player(t, h2) == p;
                    cr_assert(pos < ntok);
                    ok = strcmp(tok[pos], eq_tree_infoset_action_name(
                                              t, h, eq_tree_node_move(t, v))) == 0;
                }
                if (ok)
                    mass += sigma[s];
            }
            pr *= mass;
        }
        out[z] = pr;
    }
}

/* Every SPE of t (all of them) induces the outcome of some equilibrium
** that enum finds in the reduced strategic form. */
static void check_agreement(const eq_tree *t)
{
    eq_game *g = NULL;
    eq_result *res = NULL;
    eq_tree_result *r = solve(t, EQ_METHOD_SPE, 1);
    int nn = eq_tree_nodes(t);
    double *o = malloc((size_t)nn * sizeof *o);
    cr_assert_eq(eq_tree_reduced_form(t, &g), EQ_OK);
    cr_assert_eq(eq_solve(g, NULL, &res), EQ_OK, "%s", eq_result_errmsg(res));
    cr_assert(eq_tree_result_count(r) >= 1);
    for (int k = 0; k < eq_tree_result_count(r); k++) {
        int found = 0;
        for (int e = 0; e < eq_result_count(res) && !found; e++) {
            found = 1;
            reduced_outcome(t, g, res, e, o);
            for (int z = 0; z < nn && found; z++)
                if (eq_tree_node_kind(t, z) == EQ_NODE_TERMINAL)
                    found = fabs(o[z] - eq_tree_result_reach(r, k, z)) < 1e-7;
        }
        cr_expect(found, "SPE %d has no matching reduced-form equilibrium", k);
    }
    free(o);
    eq_result_free(res);
    eq_game_free(g);
    eq_tree_result_free(r);
}

/* A random perfect-information node below v (not terminal at the root). */
static void random_node(eq_tree *t, t_rng *rng, int v, int depth)
{
    int kind = depth == 0 ? 0 : t_rng_int(rng, v == 0 ? 1 : 0, 5);
    if (kind == 0) {
        term2(t, v, t_rng_int(rng, 0, 9), t_rng_int(rng, 0, 9));
    } else if (kind == 1) {
        int c = chance(t, v, 2, (double[]){ 0.4, 0.6 });
        random_node(t, rng, c, depth - 1);
        random_node(t, rng, c + 1, depth - 1);
    } else {
        int k = t_rng_int(rng, 2, 3);
        int h = iset(t, t_rng_int(rng, 0, 1), k, NULL);
        int c = decide(t, v, h);
        for (int a = 0; a < k; a++)
            random_node(t, rng, c + a, depth - 1);
    }
}

Test(spe, agrees_with_reduced_form)
{
    t_rng rng = { 20260611 };
    eq_tree *t;
    check_agreement(t = entry_game());
    eq_tree_free(t);
    check_agreement(t = chance_game());
    eq_tree_free(t);
    check_agreement(t = pennies_game(-0.5, 0, pennies));
    eq_tree_free(t);
    check_agreement(t = bos_game());
    eq_tree_free(t);
    for (int i = 0, done = 0; done < 40; i++) {
        eq_game *g = NULL;
        size_t size;
        t = new_tree(2);
        random_node(t, &rng, 0, 3);
        finish(t);
        cr_assert_eq(eq_tree_reduced_form(t, &g), EQ_OK);
        size = eq_game_profiles(g);
        eq_game_free(g);
        /* Keep enum's work small: reduced forms are very degenerate. */
        if (size <= 64) {
            check_agreement(t);
            done++;
        }
        eq_tree_free(t);
    }
}

/* ---- the reduced form of a tree with a cut-off set ------------------- */

/*
** Player 1 chooses L or R (R ends at (2, 0)); after L player 2 chooses l
** or r, and player 1, not seeing it, chooses a or b:
**   L l a (3, 1)   L l b (0, 0)   L r a (0, 0)   L r b (1, 3).
** Player 1 has four pure strategies but R/a and R/b are the same plan:
** the reduced form has three, L/a, L/b and R/-.
** If the sets are numbered the other way round (a/b first), the names
** list that set first: -/R, a/L, b/L.
*/
static eq_tree *cutoff_game(int reversed)
{
    eq_tree *t = new_tree(2);
    int hA, hB, hC, c, d;
    if (!reversed) {
        hA = iset(t, 0, 2, (const char *[]){ "L", "R" });
        hB = iset(t, 1, 2, (const char *[]){ "l", "r" });
        hC = iset(t, 0, 2, (const char *[]){ "a", "b" });
    } else {
        hC = iset(t, 0, 2, (const char *[]){ "a", "b" });
        hB = iset(t, 1, 2, (const char *[]){ "l", "r" });
        hA = iset(t, 0, 2, (const char *[]){ "L", "R" });
    }
    c = decide(t, 0, hA);
    term2(t, c + 1, 2, 0);
    d = decide(t, c, hB);
    for (int j = 0; j < 2; j++) {
        int e = decide(t, d + j, hC);
        term2(t, e, j == 0 ? 3 : 0, j == 0 ? 1 : 0);
        term2(t, e + 1, j == 0 ? 0 : 1, j == 0 ? 0 : 3);
    }
    finish(t);
    return t;
}

Test(spe, reduced_form_drops_cut_off_sets)
{
    eq_tree *t = cutoff_game(0);
    eq_game *g = NULL;
    cr_assert_eq(eq_tree_reduced_form(t, &g), EQ_OK);
    cr_assert_eq(eq_game_actions(g, 0), 3);
    cr_assert_eq(eq_game_actions(g, 1), 2);
    cr_expect_str_eq(eq_game_action_name(g, 0, 0), "L/a");
    cr_expect_str_eq(eq_game_action_name(g, 0, 1), "L/b");
    cr_expect_str_eq(eq_game_action_name(g, 0, 2), "R/-");
    cr_expect_str_eq(eq_game_action_name(g, 1, 0), "l");
    cr_expect_eq(eq_game_payoff(g, 0, (int[]){ 0, 0 }), 3);
    cr_expect_eq(eq_game_payoff(g, 1, (int[]){ 1, 1 }), 3);
    cr_expect_eq(eq_game_payoff(g, 0, (int[]){ 2, 1 }), 2);
    cr_expect_eq(eq_game_payoff(g, 1, (int[]){ 2, 0 }), 0);
    eq_game_free(g);
    eq_tree_free(t);

    t = cutoff_game(1);
    cr_assert_eq(eq_tree_reduced_form(t, &g), EQ_OK);
    cr_assert_eq(eq_game_actions(g, 0), 3);
    cr_expect_str_eq(eq_game_action_name(g, 0, 0), "-/R");
    cr_expect_str_eq(eq_game_action_name(g, 0, 1), "a/L");
    cr_expect_str_eq(eq_game_action_name(g, 0, 2), "b/L");
    cr_expect_eq(eq_game_payoff(g, 0, (int[]){ 2, 1 }), 1);
    eq_game_free(g);
    check_agreement(t);
    eq_tree_free(t);
}

/* Kuhn's map on the cut-off game: every enum equilibrium becomes a
** behaviour profile of regret 0 (solve() checks it), and the internal
** plan map agrees with the names. */
Test(spe, kuhn_map)
{
    eq_tree *t = cutoff_game(0);
    eqi_plans pl;
    eq_game *g = NULL;
    int act[3] = { -7, -7, -7 };
    eq_tree_result *r;
    cr_assert_eq(eqi_tree_reduced(t, &g, &pl, NULL), EQ_OK);
    eqi_plans_actions(&pl, 0, 2, act);
    cr_expect(act[0] == 1 && act[1] == -7 && act[2] == -1);
    eqi_plans_actions(&pl, 0, 1, act);
    cr_expect(act[0] == 0 && act[2] == 1);
    eqi_plans_free(&pl);
    eq_game_free(g);
    r = solve(t, EQ_METHOD_ENUM, 0);
    cr_expect(eq_tree_result_count(r) >= 1);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

Test(spe, reduced_form_limit)
{
    /* 26 independent binary choices of one player: 2^26 > 5e7 plans. */
    eq_tree *t = new_tree(1);
    double p[26];
    int c;
    eq_game *g = NULL;
    for (int i = 0; i < 26; i++)
        p[i] = 1.0 / 26;
    c = chance(t, 0, 26, p);
    for (int i = 0; i < 26; i++) {
        int d = decide(t, c + i, iset(t, 0, 2, NULL));
        term(t, d, (double[]){ 1 });
        term(t, d + 1, (double[]){ 0 });
    }
    finish(t);
    cr_expect_eq(eq_tree_reduced_form(t, &g), EQ_ERR_LIMIT);
    cr_expect_null(g);
    eq_tree_free(t);
}

/* ---- the certificate ------------------------------------------------- */

/*
** Entry deterrence with In played 0.3 and Fight 0.6:
**   entrant: 0.3 * (0.6 * -1 + 0.4 * 1) = -0.06; best reply Out, 0;
**   incumbent: 0.7 * 2 + 0.3 * (-0.2) = 1.34; best reply Accommodate,
**   0.7 * 2 + 0.3 * 1 = 1.7.
** Max regret max(0.06, 0.36) = 0.36.
*/
Test(spe, regret_entry)
{
    eq_tree *t = entry_game();
    double b0[] = { 0.7, 0.3 }, b1[] = { 0.6, 0.4 }, reg, pay[2];
    const double *beh_[] = { b0, b1 };
    cr_assert_eq(eq_tree_regret(t, beh_, &reg, pay), EQ_OK);
    cr_expect(fabs(reg - 0.36) < 1e-12, "regret %g", reg);
    cr_expect(fabs(pay[0] + 0.06) < 1e-12);
    cr_expect(fabs(pay[1] - 1.34) < 1e-12);
    b1[0] = 0.0;
    b1[1] = 1.0;
    b0[0] = 0.0;
    b0[1] = 1.0;
    cr_assert_eq(eq_tree_regret(t, beh_, &reg, NULL), EQ_OK);
    cr_expect(fabs(reg) < 1e-12);
    /* Not a probability vector. */
    b1[0] = 0.5;
    cr_expect_eq(eq_tree_regret(t, beh_, &reg, NULL), EQ_ERR_ARG);
    eq_tree_free(t);
}

/*
** The cut-off game with L 0.5, l 0.4, a 0.3.
**   Player 1: 0.5 * 2 + 0.5 * (0.4 * 0.3 * 3 + 0.6 * 0.7 * 1) = 1.39.
**   Best reply: at {a, b}, weighting each node by 2's probability,
**   a: 0.4 * 3 + 0.6 * 0 = 1.2, b: 0.4 * 0 + 0.6 * 1 = 0.6, so a, worth
**   1.2 after L; R is worth 2: best reply R, 2; regret 0.61.
**   Player 2: 0.5 * (0.4 * 0.3 * 1 + 0.6 * 0.7 * 3) = 0.69.  Best reply:
**   l: 0.5 * 0.3 = 0.15, r: 0.5 * 0.7 * 3 = 1.05; regret 0.36.
** Max regret 0.61.  Also with the sets numbered the other way.
*/
Test(spe, regret_imperfect_information)
{
    for (int rev = 0; rev < 2; rev++) {
        eq_tree *t = cutoff_game(rev);
        double bA[] = { 0.5, 0.5 }, bB[] = { 0.4, 0.6 }, bC[] = { 0.3, 0.7 };
        double reg, pay[2];
        const double *b[3];
        b[rev ? 2 : 0] = bA;
        b[1] = bB;
        b[rev ? 0 : 2] = bC;
        cr_assert_eq(eq_tree_regret(t, b, &reg, pay), EQ_OK);
        cr_expect(fabs(reg - 0.61) < 1e-12, "regret %g", reg);
        cr_expect(fabs(pay[0] - 1.39) < 1e-12);
        cr_expect(fabs(pay[1] - 0.69) < 1e-12);
        eq_tree_free(t);
    }
}

/* Pennies with 1 playing H 0.8 and 2 half-half: 2's best reply at its set
** weighs its two nodes by 0.8 and 0.2: h: 0.8 * -1 + 0.2 * 1 = -0.6, t:
** 0.6; 2 gets 0 now, so the regret is 0.6. */
Test(spe, regret_pennies)
{
    eq_tree *t = pennies_game(-0.5, 0, pennies);
    double b0[] = { 0, 1 }, b1[] = { 0.8, 0.2 }, b2[] = { 0.5, 0.5 }, reg;
    const double *b[] = { b0, b1, b2 };
    cr_assert_eq(eq_tree_regret(t, b, &reg, NULL), EQ_OK);
    cr_expect(fabs(reg - 0.6) < 1e-12, "regret %g", reg);
    eq_tree_free(t);
}

/* ---- more players, errors -------------------------------------------- */

/*
** Three players in turn, each choosing Stop or Go: 1 stops at (1, 0, 0);
** 2 stops at (0, 2, 0); 3 chooses Stop (0, 0, 1) or Go (2, 3, 0).  3 stops
** (1 > 0); 2 then gets 0 from Go and stops (2 > 0); 1 gets 0 from Go and
** stops.  SPE: Stop everywhere, payoffs (1, 0, 0).
*/
Test(spe, three_players)
{
    eq_tree *t = new_tree(3);
    int v = 0, h[3];
    static const double stop[3][3] = { { 1, 0, 0 }, { 0, 2, 0 }, { 0, 0, 1 } };
    eq_tree_result *r;
    for (int k = 0; k < 3; k++) {
        int c;
        h[k] = iset(t, k, 2, (const char *[]){ "Stop", "Go" });
        c = decide(t, v, h[k]);
        term(t, c, stop[k]);
        v = c + 1;
    }
    term(t, v, (double[]){ 2, 3, 0 });
    finish(t);
    r = solve(t, EQ_METHOD_SPE, 1);
    cr_assert_eq(eq_tree_result_count(r), 1);
    for (int k = 0; k < 3; k++)
        cr_expect(fabs(beh(r, 0, h[k], 0) - 1) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 1) < EPS);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

Test(spe, errors)
{
    eq_tree *t = new_tree(2);
    eq_tree_result *r = NULL;
    eq_game *g = NULL;
    cr_expect_eq(eq_tree_solve(t, NULL, &r), EQ_ERR_ARG);
    cr_expect(strstr(eq_tree_result_errmsg(r), "not finished") != NULL);
    eq_tree_result_free(r);
    cr_expect_eq(eq_tree_reduced_form(t, &g), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_solve(t, NULL, NULL), EQ_ERR_ARG);
    eq_tree_free(t);

    /* A lone terminal root: one empty profile. */
    t = new_tree(2);
    term2(t, 0, 1.25, -2);
    finish(t);
    r = solve(t, EQ_METHOD_SPE, 0);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) + 2) < EPS);
    eq_tree_result_free(r);
    eq_tree_free(t);

    /* spe is not a subgame method. */
    t = pennies_game(-0.5, 0, pennies);
    {
        eq_tree_opts o;
        eq_tree_opts_init(&o);
        o.subgame_method = EQ_METHOD_SPE;
        cr_expect_eq(eq_tree_solve(t, &o, &r), EQ_ERR_ARG);
        eq_tree_result_free(r);
    }
    eq_tree_free(t);
}
