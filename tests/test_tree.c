/* test_tree.c -- the tree builder: construction, accessors, the checks of
** eq_tree_finish and the subgames it finds. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "tree.h"

/* Make an information set; fails the test on error. */
static int iset(eq_tree *t, int p, int k, const char *const *names,
                const char *label)
{
    int id = -1;
    eq_status s = eq_tree_add_infoset(t, p, k, names, label, &id);
    cr_assert_eq(s, EQ_OK, "add_infoset: %s", eq_tree_errmsg(t));
    return id;
}

static void decide(eq_tree *t, int v, int h)
{
    cr_assert_eq(eq_tree_make_decision(t, v, h), EQ_OK, "node %d: %s", v,
                 eq_tree_errmsg(t));
}

static void term(eq_tree *t, int v, double a, double b)
{
    double pay[2] = { a, b };
    cr_assert_eq(eq_tree_make_terminal(t, v, pay), EQ_OK, "node %d: %s", v,
                 eq_tree_errmsg(t));
}

/* Entry deterrence: the entrant stays Out (0, 2) or goes In; then the
** incumbent Fights (-1, -1) or Accommodates (1, 1).  Nodes: 0 entrant,
** 1 Out, 2 incumbent, 3 Fight, 4 Accommodate. */
static eq_tree *entry(void)
{
    static const char *const e_act[] = { "Out", "In" };
    static const char *const i_act[] = { "Fight", "Accommodate" };
    eq_tree *t = NULL;
    int he, hi;
    cr_assert_eq(eq_tree_new(&t, 2), EQ_OK);
    cr_assert_eq(eq_tree_set_title(t, "Entry deterrence"), EQ_OK);
    cr_assert_eq(eq_tree_set_player_name(t, 0, "Entrant"), EQ_OK);
    cr_assert_eq(eq_tree_set_player_name(t, 1, "Incumbent"), EQ_OK);
    he = iset(t, 0, 2, e_act, "entrant");
    hi = iset(t, 1, 2, i_act, NULL);
    decide(t, 0, he);
    term(t, 1, 0, 2);
    decide(t, 2, hi);
    term(t, 3, -1, -1);
    term(t, 4, 1, 1);
    cr_assert_eq(eq_tree_set_node_label(t, 2, "entered"), EQ_OK);
    return t;
}

Test(tree, entry_deterrence_structure)
{
    eq_tree *t = entry();
    cr_assert_eq(eq_tree_finish(t), EQ_OK, "%s", eq_tree_errmsg(t));
    cr_expect_str_empty(eq_tree_errmsg(t));
    cr_expect_eq(eq_tree_players(t), 2);
    cr_expect_str_eq(eq_tree_title(t), "Entry deterrence");
    cr_expect_str_eq(eq_tree_player_name(t, 1), "Incumbent");
    cr_assert_eq(eq_tree_nodes(t), 5);
    cr_expect_eq(eq_tree_infosets(t), 2);

    /* The root: the entrant's decision with children 1 (Out), 2 (In). */
    cr_expect_eq(eq_tree_node_kind(t, 0), EQ_NODE_DECISION);
    cr_expect_eq(eq_tree_node_player(t, 0), 0);
    cr_expect_eq(eq_tree_node_infoset(t, 0), 0);
    cr_expect_eq(eq_tree_node_parent(t, 0), -1);
    cr_expect_eq(eq_tree_node_move(t, 0), -1);
    cr_expect_eq(eq_tree_node_children(t, 0), 2);
    cr_expect_eq(eq_tree_child(t, 0, 0), 1);
    cr_expect_eq(eq_tree_child(t, 0, 1), 2);
    cr_expect_str_eq(eq_tree_node_action_name(t, 0, 1), "In");
    cr_expect_null(eq_tree_node_label(t, 0));

    /* Out: a terminal node (0, 2). */
    cr_expect_eq(eq_tree_node_kind(t, 1), EQ_NODE_TERMINAL);
    cr_expect_eq(eq_tree_node_player(t, 1), -1);
    cr_expect_eq(eq_tree_node_infoset(t, 1), -1);
    cr_expect_eq(eq_tree_node_parent(t, 1), 0);
    cr_expect_eq(eq_tree_node_move(t, 1), 0);
    cr_expect_eq(eq_tree_node_children(t, 1), 0);
    cr_expect_float_eq(eq_tree_payoff(t, 1, 0), 0.0, 1e-15);
    cr_expect_float_eq(eq_tree_payoff(t, 1, 1), 2.0, 1e-15);

    /* The incumbent's node. */
    cr_expect_eq(eq_tree_node_kind(t, 2), EQ_NODE_DECISION);
    cr_expect_eq(eq_tree_node_player(t, 2), 1);
    cr_expect_eq(eq_tree_node_infoset(t, 2), 1);
    cr_expect_eq(eq_tree_node_move(t, 2), 1);
    cr_expect_str_eq(eq_tree_node_label(t, 2), "entered");
    cr_expect_eq(eq_tree_child(t, 2, 0), 3);
    cr_expect_eq(eq_tree_child(t, 2, 1), 4);
    cr_expect_str_eq(eq_tree_node_action_name(t, 2, 0), "Fight");
    cr_expect_float_eq(eq_tree_payoff(t, 3, 0), -1.0, 1e-15);
    cr_expect_float_eq(eq_tree_payoff(t, 3, 1), -1.0, 1e-15);
    cr_expect_float_eq(eq_tree_payoff(t, 4, 0), 1.0, 1e-15);
    cr_expect_float_eq(eq_tree_payoff(t, 4, 1), 1.0, 1e-15);
    cr_expect_eq(eq_tree_node_parent(t, 4), 2);
    cr_expect_eq(eq_tree_node_move(t, 4), 1);

    /* Information sets. */
    cr_expect_eq(eq_tree_infoset_player(t, 0), 0);
    cr_expect_eq(eq_tree_infoset_player(t, 1), 1);
    cr_expect_eq(eq_tree_infoset_actions(t, 1), 2);
    cr_expect_str_eq(eq_tree_infoset_action_name(t, 1, 1), "Accommodate");
    cr_expect_str_eq(eq_tree_infoset_label(t, 0), "entrant");
    cr_expect_null(eq_tree_infoset_label(t, 1));
    cr_expect_eq(eq_tree_infoset_members(t, 1), 1);
    cr_expect_eq(eq_tree_infoset_member(t, 1, 0), 2);

    /* Out of range. */
    cr_expect_eq(eq_tree_node_kind(t, 5), EQ_NODE_OPEN);
    cr_expect_eq(eq_tree_node_player(t, -1), -1);
    cr_expect_eq(eq_tree_node_parent(t, 99), -1);
    cr_expect_eq(eq_tree_node_children(t, 7), 0);
    cr_expect_eq(eq_tree_child(t, 0, 2), -1);
    cr_expect_eq(eq_tree_child(t, 1, 0), -1);
    cr_expect_null(eq_tree_node_action_name(t, 1, 0));
    cr_expect_null(eq_tree_node_label(t, 5));
    cr_expect_eq(eq_tree_payoff(t, 0, 0), 0.0);
    cr_expect_eq(eq_tree_payoff(t, 3, 2), 0.0);
    cr_expect_eq(eq_tree_chance_prob(t, 0, 0), 0.0);
    cr_expect_eq(eq_tree_infoset_player(t, 2), -1);
    cr_expect_eq(eq_tree_infoset_actions(t, 2), 0);
    cr_expect_null(eq_tree_infoset_action_name(t, 0, 2));
    cr_expect_eq(eq_tree_infoset_member(t, 0, 1), -1);
    cr_expect_null(eq_tree_player_name(t, 2));
    cr_expect_eq(eq_tree_subgame_root(t, 2), -1);
    cr_expect_eq(eq_tree_nodes(NULL), 0);
    cr_expect_eq(eq_tree_players(NULL), 0);
    cr_expect_str_empty(eq_tree_errmsg(NULL));
    eq_tree_free(t);
}

/* Entry deterrence has two subgames: the whole game and the incumbent's. */
Test(tree, entry_deterrence_subgames)
{
    eq_tree *t = entry();
    cr_expect_eq(eq_tree_subgames(t), 0, "no subgames before finish");
    cr_assert_eq(eq_tree_finish(t), EQ_OK, "%s", eq_tree_errmsg(t));
    cr_assert_eq(eq_tree_subgames(t), 2);
    cr_expect_eq(eq_tree_subgame_root(t, 0), 0);
    cr_expect_eq(eq_tree_subgame_root(t, 1), 2);
    /* New payoffs keep the tree finished. */
    {
        double pay[2] = { -2.385, 0.5 };
        cr_assert_eq(eq_tree_set_payoffs(t, 3, pay), EQ_OK);
        cr_expect_eq(eq_tree_payoff(t, 3, 0), -2.385);
        cr_expect_eq(eq_tree_subgames(t), 2);
        cr_expect_eq(eq_tree_set_payoffs(t, 2, pay), EQ_ERR_ARG);
        pay[1] = INFINITY;
        cr_expect_eq(eq_tree_set_payoffs(t, 3, pay), EQ_ERR_ARG);
    }
    eq_tree_free(t);
}

/* Matching pennies as a tree: player 2's one information set holds both
** of its nodes, so neither roots a subgame; only the root does. */
Test(tree, shared_infoset_no_subgame)
{
    static const char *const coin[] = { "Heads", "Tails" };
    eq_tree *t = NULL;
    int h1, h2;
    cr_assert_eq(eq_tree_new(&t, 2), EQ_OK);
    h1 = iset(t, 0, 2, coin, "Matcher");
    h2 = iset(t, 1, 2, coin, "Mismatcher");
    decide(t, 0, h1);
    decide(t, 1, h2);
    decide(t, 2, h2);
    term(t, 3, 1, -1);
    term(t, 4, -1, 1);
    term(t, 5, -1, 1);
    term(t, 6, 1, -1);
    cr_assert_eq(eq_tree_finish(t), EQ_OK, "%s", eq_tree_errmsg(t));
    cr_expect_eq(eq_tree_infoset_members(t, h2), 2);
    cr_expect_eq(eq_tree_infoset_member(t, h2, 0), 1);
    cr_expect_eq(eq_tree_infoset_member(t, h2, 1), 2);
    cr_assert_eq(eq_tree_subgames(t), 1);
    cr_expect_eq(eq_tree_subgame_root(t, 0), 0);
    eq_tree_free(t);
}

/* A first move, then a simultaneous stage, then a last move:
**
**   0  P1 {Stop, Go}:      1 Stop (0, 0);  2 Go
**   2  P1 "stage" {a, b}:  3, 4
**   3, 4  P2 "guess" {x, y} (one set, P2 does not see a or b):
**          3 -> 5 (a,x), 6 (a,y);   4 -> 7 (b,x), 8 (b,y)
**   5  P1 "again" {u, v}:  9, 10
**
** By hand: 0 is a subgame; 2 is (both members of "guess" lie below it);
** 3 and 4 are not (each subtree holds only one member of "guess"); 5 is
** (a singleton set over terminals).  So 3 subgames: 0, 2, 5. */
Test(tree, simultaneous_stage_subgames)
{
    static const char *const go[] = { "Stop", "Go" };
    static const char *const ab[] = { "a", "b" };
    static const char *const xy[] = { "x", "y" };
    static const char *const uv[] = { "u", "v" };
    eq_tree *t = NULL;
    int h0, hs, hg, ha;
    cr_assert_eq(eq_tree_new(&t, 2), EQ_OK);
    h0 = iset(t, 0, 2, go, "first");
    hs = iset(t, 0, 2, ab, "stage");
    hg = iset(t, 1, 2, xy, "guess");
    ha = iset(t, 0, 2, uv, "again");
    decide(t, 0, h0);
    term(t, 1, 0, 0);
    decide(t, 2, hs);
    decide(t, 3, hg);
    decide(t, 4, hg);
    decide(t, 5, ha);
    term(t, 6, 2, 1);
    term(t, 7, 0, 3);
    term(t, 8, 1, 1);
    term(t, 9, 4, 0);
    term(t, 10, 3, 2);
    cr_assert_eq(eq_tree_nodes(t), 11);
    cr_assert_eq(eq_tree_finish(t), EQ_OK, "%s", eq_tree_errmsg(t));
    cr_assert_eq(eq_tree_subgames(t), 3);
    cr_expect_eq(eq_tree_subgame_root(t, 0), 0);
    cr_expect_eq(eq_tree_subgame_root(t, 1), 2);
    cr_expect_eq(eq_tree_subgame_root(t, 2), 5);
    eq_tree_free(t);
}

/* Chance at the root: two simultaneous stages, one per move of chance, are
** three subgames with the root; chance probabilities are kept. */
Test(tree, chance_and_two_stages)
{
    static const char *const hl[] = { "H", "L" };
    static const char *const ab[] = { "a", "b" };
    static const char *const xy[] = { "x", "y" };
    double pr[2] = { 0.25, 0.75 };
    eq_tree *t = NULL;
    int a1, a2, g1, g2;
    cr_assert_eq(eq_tree_new(&t, 2), EQ_OK);
    a1 = iset(t, 0, 2, ab, NULL);
    g1 = iset(t, 1, 2, xy, NULL);
    a2 = iset(t, 0, 2, ab, NULL);
    g2 = iset(t, 1, 2, xy, NULL);
    cr_assert_eq(eq_tree_make_chance(t, 0, 2, hl, pr), EQ_OK);
    decide(t, 1, a1);               /* children 3, 4 */
    decide(t, 2, a2);               /* children 5, 6 */
    decide(t, 3, g1);
    decide(t, 4, g1);
    decide(t, 5, g2);
    decide(t, 6, g2);
    for (int v = 7; v < 15; v++)
        term(t, v, v, -v);
    cr_assert_eq(eq_tree_finish(t), EQ_OK, "%s", eq_tree_errmsg(t));
    cr_expect_eq(eq_tree_node_kind(t, 0), EQ_NODE_CHANCE);
    cr_expect_eq(eq_tree_node_player(t, 0), -1);
    cr_expect_eq(eq_tree_chance_prob(t, 0, 1), 0.75);
    cr_expect_str_eq(eq_tree_node_action_name(t, 0, 0), "H");
    cr_assert_eq(eq_tree_subgames(t), 3);
    cr_expect_eq(eq_tree_subgame_root(t, 1), 1);
    cr_expect_eq(eq_tree_subgame_root(t, 2), 2);
    /* New probabilities: checked once finished. */
    pr[0] = 0.5;
    cr_expect_eq(eq_tree_set_chance_probs(t, 0, pr), EQ_ERR_ARG);
    cr_expect_not_null(strstr(eq_tree_errmsg(t), "sum to 1"));
    pr[1] = 0.5;
    cr_expect_eq(eq_tree_set_chance_probs(t, 0, pr), EQ_OK);
    cr_expect_eq(eq_tree_chance_prob(t, 0, 1), 0.5);
    cr_expect_eq(eq_tree_subgames(t), 3);
    eq_tree_free(t);
}

/* --- eq_tree_finish's errors ---------------------------------------- */

Test(tree, finish_open_node)
{
    static const char *const lr[] = { "L", "R" };
    eq_tree *t = NULL;
    cr_assert_eq(eq_tree_new(&t, 1), EQ_OK);
    decide(t, 0, iset(t, 0, 2, lr, NULL));
    term(t, 1, 1, 0);
    cr_expect_eq(eq_tree_finish(t), EQ_ERR_ARG);
    cr_expect_str_eq(eq_tree_errmsg(t), "node 2 is not defined");
    cr_expect_eq(eq_tree_subgames(t), 0);
    cr_assert_eq(eq_tree_set_node_label(t, 2, "right"), EQ_OK);
    cr_expect_eq(eq_tree_finish(t), EQ_ERR_ARG);
    cr_expect_str_eq(eq_tree_errmsg(t), "node 2 ('right') is not defined");
    term(t, 2, 0, 0);
    cr_expect_eq(eq_tree_finish(t), EQ_OK, "%s", eq_tree_errmsg(t));
    eq_tree_free(t);
}

Test(tree, finish_chance_probabilities)
{
    double bad[2] = { 0.5, 0.4 }, neg[2] = { 1.5, -0.5 };
    eq_tree *t = NULL;
    cr_assert_eq(eq_tree_new(&t, 2), EQ_OK);
    cr_assert_eq(eq_tree_make_chance(t, 0, 2, NULL, bad), EQ_OK);
    term(t, 1, 1, 1);
    term(t, 2, 2, 2);
    cr_expect_eq(eq_tree_finish(t), EQ_ERR_ARG);
    cr_expect_str_eq(eq_tree_errmsg(t),
                     "probabilities at chance node 0 must lie in [0, 1] and "
                     "sum to 1");
    /* Summing to 1 is not enough: each must lie in [0, 1]. */
    cr_assert_eq(eq_tree_set_chance_probs(t, 0, neg), EQ_OK);
    cr_expect_eq(eq_tree_finish(t), EQ_ERR_ARG);
    cr_expect_not_null(strstr(eq_tree_errmsg(t), "chance node 0"));
    /* Unnamed moves are numbered. */
    cr_expect_str_eq(eq_tree_node_action_name(t, 0, 1), "2");
    eq_tree_free(t);
}

/* Ann moves L or R, then moves again at a set holding both nodes: she has
** forgotten her own first move. */
Test(tree, finish_perfect_recall)
{
    static const char *const lr[] = { "L", "R" };
    static const char *const ud[] = { "U", "D" };
    eq_tree *t = NULL;
    int first, second;
    cr_assert_eq(eq_tree_new(&t, 2), EQ_OK);
    cr_assert_eq(eq_tree_set_player_name(t, 0, "Ann"), EQ_OK);
    first = iset(t, 0, 2, lr, "A");
    second = iset(t, 0, 2, ud, "B");
    decide(t, 0, first);
    decide(t, 1, second);
    decide(t, 2, second);
    for (int v = 3; v < 7; v++)
        term(t, v, 0, 0);
    cr_expect_eq(eq_tree_finish(t), EQ_ERR_ARG);
    cr_expect_str_eq(eq_tree_errmsg(t),
                     "information set 1 ('B') breaks perfect recall: node 1 "
                     "and node 2 differ in what Ann did before");
    eq_tree_free(t);
}

/* Forgetting what another player did is allowed: that is just imperfect
** information. */
Test(tree, finish_recall_of_others)
{
    static const char *const lr[] = { "L", "R" };
    eq_tree *t = NULL;
    int a, b;
    cr_assert_eq(eq_tree_new(&t, 2), EQ_OK);
    a = iset(t, 0, 2, lr, NULL);
    b = iset(t, 1, 2, lr, NULL);
    decide(t, 0, a);
    decide(t, 1, b);
    decide(t, 2, b);
    for (int v = 3; v < 7; v++)
        term(t, v, 0, 0);
    cr_expect_eq(eq_tree_finish(t), EQ_OK, "%s", eq_tree_errmsg(t));
    eq_tree_free(t);
}

Test(tree, finish_empty_infoset)
{
    static const char *const lr[] = { "L", "R" };
    eq_tree *t = NULL;
    cr_assert_eq(eq_tree_new(&t, 2), EQ_OK);
    decide(t, 0, iset(t, 0, 2, lr, NULL));
    iset(t, 1, 3, NULL, "unused");
    term(t, 1, 0, 0);
    term(t, 2, 0, 0);
    cr_expect_eq(eq_tree_finish(t), EQ_ERR_ARG);
    cr_expect_str_eq(eq_tree_errmsg(t), "information set 1 ('unused') has no node");
    cr_expect_str_eq(eq_tree_infoset_action_name(t, 1, 2), "3");
    eq_tree_free(t);
    /* Without a label. */
    cr_assert_eq(eq_tree_new(&t, 1), EQ_OK);
    iset(t, 0, 1, NULL, NULL);
    term(t, 0, 5, 0);
    cr_expect_eq(eq_tree_finish(t), EQ_ERR_ARG);
    cr_expect_str_eq(eq_tree_errmsg(t), "information set 0 has no node");
    eq_tree_free(t);
}

/* A lone terminal root is a tree with one subgame... of no moves: the root
** is subgame 0 all the same. */
Test(tree, single_terminal)
{
    eq_tree *t = NULL;
    double pay[3] = { 1, 2, 3 };
    cr_assert_eq(eq_tree_new(&t, 3), EQ_OK);
    cr_assert_eq(eq_tree_make_terminal(t, 0, pay), EQ_OK);
    cr_assert_eq(eq_tree_finish(t), EQ_OK, "%s", eq_tree_errmsg(t));
    cr_expect_eq(eq_tree_nodes(t), 1);
    cr_expect_eq(eq_tree_payoff(t, 0, 2), 3.0);
    cr_expect_str_eq(eq_tree_player_name(t, 2), "3");
    cr_expect_str_eq(eq_tree_title(t), "");
    eq_tree_free(t);
}

/* --- the builder's argument errors ----------------------------------- */

Test(tree, builder_errors)
{
    static const char *const dup[] = { "a", "b", "a" };
    static const char *const withnull[] = { "a", NULL };
    static const char *const lr[] = { "L", "R" };
    eq_tree *t = NULL;
    double pay[2] = { 0, NAN }, pr[1] = { 1 };
    int id = -1, h;

    cr_expect_eq(eq_tree_new(NULL, 2), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_new(&t, 0), EQ_ERR_ARG);
    cr_expect_null(t);
    cr_expect_eq(eq_tree_new(&t, EQ_MAX_PLAYERS + 1), EQ_ERR_ARG);
    cr_assert_eq(eq_tree_new(&t, 2), EQ_OK);

    cr_expect_eq(eq_tree_add_infoset(t, 2, 2, lr, NULL, &id), EQ_ERR_ARG);
    cr_expect_str_eq(eq_tree_errmsg(t), "no player 2");
    cr_expect_eq(eq_tree_add_infoset(t, 0, 0, NULL, NULL, &id), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_add_infoset(t, 0, 3, dup, NULL, &id), EQ_ERR_ARG);
    cr_expect_str_eq(eq_tree_errmsg(t), "duplicate action 'a'");
    cr_expect_eq(eq_tree_add_infoset(t, 0, 2, withnull, NULL, &id), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_infosets(t), 0);
    cr_expect_eq(id, -1);

    h = iset(t, 0, 2, lr, NULL);
    cr_expect_eq(eq_tree_make_decision(t, 0, 1), EQ_ERR_ARG);
    cr_expect_str_eq(eq_tree_errmsg(t), "no information set 1");
    cr_expect_eq(eq_tree_make_decision(t, 1, h), EQ_ERR_ARG);
    cr_expect_str_eq(eq_tree_errmsg(t), "no node 1");
    decide(t, 0, h);
    cr_expect_eq(eq_tree_make_decision(t, 0, h), EQ_ERR_ARG);
    cr_expect_str_eq(eq_tree_errmsg(t), "node 0 is already defined");
    cr_expect_eq(eq_tree_make_terminal(t, 1, pay), EQ_ERR_ARG);
    cr_expect_str_eq(eq_tree_errmsg(t), "payoff of player 2 at node 1 is not finite");
    cr_expect_eq(eq_tree_make_terminal(t, 1, NULL), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_make_chance(t, 1, 0, NULL, pr), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_make_chance(t, 1, 1, NULL, NULL), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_set_node_label(t, 9, "x"), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_set_player_name(t, 2, "x"), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_set_title(t, NULL), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_set_chance_probs(t, 0, pr), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_node_kind(t, 1), EQ_NODE_OPEN);
    /* The failed calls left the tree as it was. */
    cr_expect_eq(eq_tree_nodes(t), 3);
    cr_expect_eq(eq_tree_make_decision(NULL, 0, 0), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_finish(NULL), EQ_ERR_ARG);
    eq_tree_free(t);
    eq_tree_free(NULL);
}

/* Duplicate names among many actions (hashed beyond 16, in a table on the
** stack up to 512 names, in a map beyond): the first repeat is named. */
Test(tree, duplicate_among_many_actions)
{
    static const int ks[] = { 17, 40, 512, 600 };
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        int k = ks[i], id = -1;
        char (*buf)[16] = calloc((size_t)k, sizeof *buf);
        const char **nm = calloc((size_t)k, sizeof *nm);
        eq_tree *t = NULL;
        cr_assert_eq(eq_tree_new(&t, 1), EQ_OK);
        for (int a = 0; a < k; a++) {
            snprintf(buf[a], sizeof buf[a], "m%d", a);
            nm[a] = buf[a];
        }
        cr_expect_eq(eq_tree_add_infoset(t, 0, k, nm, NULL, &id), EQ_OK, "%d", k);
        cr_expect_str_eq(eq_tree_infoset_action_name(t, id, k - 1), buf[k - 1]);
        nm[k - 1] = "m3";       /* repeats action 3 */
        nm[k - 2] = "m5";       /* repeats action 5: the first repeat */
        cr_expect_eq(eq_tree_add_infoset(t, 0, k, nm, NULL, &id), EQ_ERR_ARG);
        cr_expect_str_eq(eq_tree_errmsg(t), "duplicate action 'm5'");
        eq_tree_free(t);
        free(nm);
        free(buf);
    }
}
