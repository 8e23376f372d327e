/* test_efg.c -- the Gambit .efg reader and writer. */
#define _XOPEN_SOURCE 700   /* mkdtemp */

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "support.h"

#include "tree.h"

#define FIX EQ_FIXTURES "/efg/"

static eq_tree *read_ok(const char *path)
{
    eq_tree *t = NULL;
    eq_diag d;
    eq_status s = eq_tree_read_efg(&t, path, &d);
    cr_assert_eq(s, EQ_OK, "%s: status %d: %s", path, s, d.message);
    cr_assert_not_null(t);
    cr_assert_str_empty(d.message);
    return t;
}

static eq_tree *parse_ok(const char *text)
{
    eq_tree *t = NULL;
    eq_diag d;
    eq_status s = eq_tree_parse_efg(&t, text, strlen(text), "mem", &d);
    cr_assert_eq(s, EQ_OK, "status %d: %s\n%s", s, d.message, text);
    cr_assert_not_null(t);
    return t;
}

static const char *nz(const char *s) { return s ? s : ""; }

/* Everything about two trees is the same, node by node and set by set;
** payoffs and probabilities to the bit.  An absent label equals "". */
static void same_tree(const eq_tree *t, const eq_tree *u)
{
    int n = eq_tree_players(t);
    cr_assert_eq(n, eq_tree_players(u));
    cr_expect_str_eq(eq_tree_title(t), eq_tree_title(u));
    for (int p = 0; p < n; p++)
        cr_expect_str_eq(eq_tree_player_name(t, p), eq_tree_player_name(u, p));
    cr_assert_eq(eq_tree_nodes(t), eq_tree_nodes(u));
    cr_assert_eq(eq_tree_infosets(t), eq_tree_infosets(u));
    for (int v = 0; v < eq_tree_nodes(t); v++) {
        int k = eq_tree_node_children(t, v);
        cr_assert_eq(eq_tree_node_kind(t, v), eq_tree_node_kind(u, v), "node %d", v);
        cr_expect_eq(eq_tree_node_player(t, v), eq_tree_node_player(u, v));
        cr_expect_eq(eq_tree_node_infoset(t, v), eq_tree_node_infoset(u, v));
        cr_expect_eq(eq_tree_node_parent(t, v), eq_tree_node_parent(u, v));
        cr_expect_eq(eq_tree_node_move(t, v), eq_tree_node_move(u, v));
        cr_assert_eq(k, eq_tree_node_children(u, v), "node %d", v);
        cr_expect_str_eq(nz(eq_tree_node_label(t, v)), nz(eq_tree_node_label(u, v)),
                         "node %d", v);
        for (int a = 0; a < k; a++) {
            cr_expect_eq(eq_tree_child(t, v, a), eq_tree_child(u, v, a));
            cr_expect_str_eq(eq_tree_node_action_name(t, v, a),
                             eq_tree_node_action_name(u, v, a));
            cr_expect(eq_tree_chance_prob(t, v, a) == eq_tree_chance_prob(u, v, a),
                      "node %d move %d: %.17g vs %.17g", v, a,
                      eq_tree_chance_prob(t, v, a), eq_tree_chance_prob(u, v, a));
        }
        for (int p = 0; p < n; p++)
            cr_expect(eq_tree_payoff(t, v, p) == eq_tree_payoff(u, v, p),
                      "node %d player %d: %.17g vs %.17g", v, p,
                      eq_tree_payoff(t, v, p), eq_tree_payoff(u, v, p));
    }
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        cr_expect_eq(eq_tree_infoset_player(t, h), eq_tree_infoset_player(u, h));
        cr_expect_str_eq(nz(eq_tree_infoset_label(t, h)), nz(eq_tree_infoset_label(u, h)));
        cr_assert_eq(eq_tree_infoset_actions(t, h), eq_tree_infoset_actions(u, h));
        for (int a = 0; a < eq_tree_infoset_actions(t, h); a++)
            cr_expect_str_eq(eq_tree_infoset_action_name(t, h, a),
                             eq_tree_infoset_action_name(u, h, a));
        cr_assert_eq(eq_tree_infoset_members(t, h), eq_tree_infoset_members(u, h));
        for (int k = 0; k < eq_tree_infoset_members(t, h); k++)
            cr_expect_eq(eq_tree_infoset_member(t, h, k), eq_tree_infoset_member(u, h, k));
    }
    cr_assert_eq(eq_tree_subgames(t), eq_tree_subgames(u));
    for (int k = 0; k < eq_tree_subgames(t); k++)
        cr_expect_eq(eq_tree_subgame_root(t, k), eq_tree_subgame_root(u, k));
}

/* Write t, parse the text back and compare; the text is returned. */
static char *round_trip(const eq_tree *t)
{
    char *text = NULL;
    eq_tree *u = NULL;
    eq_diag d;
    cr_assert_eq(eq_tree_write_efg(t, &text), EQ_OK);
    cr_assert_not_null(text);
    cr_expect_eq(text[strlen(text) - 1], '\n');
    cr_assert_eq(eq_tree_parse_efg(&u, text, strlen(text), "rt", &d), EQ_OK,
                 "%s\n%s", d.message, text);
    same_tree(t, u);
    eq_tree_free(u);
    return text;
}

static void expect_pay(const eq_tree *t, int v, double a, double b)
{
    cr_expect_eq(eq_tree_node_kind(t, v), EQ_NODE_TERMINAL, "node %d", v);
    cr_expect_float_eq(eq_tree_payoff(t, v, 0), a, 1e-12, "node %d: %.17g", v,
                       eq_tree_payoff(t, v, 0));
    cr_expect_float_eq(eq_tree_payoff(t, v, 1), b, 1e-12, "node %d: %.17g", v,
                       eq_tree_payoff(t, v, 1));
}

/* 1. Entry deterrence: 0 entrant, 1 Out, 2 incumbent, 3 Fight, 4 Share. */
Test(efg, entry_deterrence)
{
    eq_tree *t = read_ok(FIX "entry.efg");
    cr_expect_str_eq(eq_tree_title(t), "Entry deterrence");
    cr_expect_eq(eq_tree_players(t), 2);
    cr_expect_str_eq(eq_tree_player_name(t, 0), "Entrant");
    cr_expect_str_eq(eq_tree_player_name(t, 1), "Incumbent");
    cr_assert_eq(eq_tree_nodes(t), 5);
    cr_assert_eq(eq_tree_infosets(t), 2);
    cr_expect_eq(eq_tree_node_kind(t, 0), EQ_NODE_DECISION);
    cr_expect_eq(eq_tree_node_player(t, 0), 0);
    cr_expect_str_eq(eq_tree_node_label(t, 0), "start");
    cr_expect_str_eq(eq_tree_infoset_label(t, 0), "Entrant's choice");
    cr_expect_str_eq(eq_tree_infoset_action_name(t, 0, 0), "Out");
    cr_expect_str_eq(eq_tree_infoset_action_name(t, 0, 1), "In");
    cr_expect_eq(eq_tree_child(t, 0, 1), 2);
    cr_expect_str_eq(eq_tree_node_label(t, 1), "out");
    expect_pay(t, 1, 0, 2);
    cr_expect_eq(eq_tree_node_player(t, 2), 1);
    cr_expect_eq(eq_tree_node_parent(t, 2), 0);
    cr_expect_eq(eq_tree_node_move(t, 2), 1);
    cr_expect_str_eq(eq_tree_node_label(t, 2), "entered");
    cr_expect_str_eq(eq_tree_node_action_name(t, 2, 1), "Accommodate");
    cr_expect_str_eq(eq_tree_node_label(t, 3), "fight");
    expect_pay(t, 3, -1, -1);
    expect_pay(t, 4, 1, 1);
    /* Read trees come back finished: two subgames, at 0 and 2. */
    cr_assert_eq(eq_tree_subgames(t), 2);
    cr_expect_eq(eq_tree_subgame_root(t, 1), 2);
    eq_tree_free(t);
}

/* 2. Chance with decimals, a rational and an exponent; payoffs apart by
** commas or spaces; an outcome used again by number. */
Test(efg, chance)
{
    eq_tree *t = read_ok(FIX "chance.efg");
    cr_assert_eq(eq_tree_nodes(t), 8);
    cr_expect_eq(eq_tree_node_kind(t, 0), EQ_NODE_CHANCE);
    cr_expect_eq(eq_tree_node_player(t, 0), -1);
    cr_expect_str_eq(eq_tree_node_label(t, 0), "nature");
    cr_assert_eq(eq_tree_node_children(t, 0), 3);
    cr_expect_eq(eq_tree_chance_prob(t, 0, 0), 0.25);
    cr_expect_eq(eq_tree_chance_prob(t, 0, 1), 0.5);
    cr_expect_eq(eq_tree_chance_prob(t, 0, 2), 0.25);
    cr_expect_str_eq(eq_tree_node_action_name(t, 0, 2), "Fog");
    /* Nodes: 1 rain (children 4, 5), 2 sun (6, 7), 3 fog. */
    cr_expect_str_eq(eq_tree_node_label(t, 1), "wet");
    cr_expect_eq(eq_tree_child(t, 1, 0), 4);
    cr_expect_eq(eq_tree_child(t, 2, 1), 7);
    expect_pay(t, 4, 2, 0);
    expect_pay(t, 5, -3, 1);
    expect_pay(t, 6, -0.5, 0.125);
    expect_pay(t, 7, 1.5, -7);
    expect_pay(t, 3, 2, 0);             /* outcome 1 again */
    cr_expect_str_eq(eq_tree_node_label(t, 3), "grey");
    cr_expect_str_eq(eq_tree_infoset_label(t, 1), "Ann sees sun");
    cr_expect_eq(eq_tree_infoset_player(t, 1), 0);
    /* Perfect information after chance: every inner node is a subgame. */
    cr_expect_eq(eq_tree_subgames(t), 3);
    eq_tree_free(t);
}

/* 3. Matching pennies as a tree: one information set of player 2 spans
** both of its nodes, the second one named only by number. */
Test(efg, imperfect_information)
{
    eq_tree *t = read_ok(FIX "imperfect.efg");
    cr_assert_eq(eq_tree_nodes(t), 7);
    cr_assert_eq(eq_tree_infosets(t), 2);
    cr_expect_eq(eq_tree_node_infoset(t, 1), 1);
    cr_expect_eq(eq_tree_node_infoset(t, 2), 1);
    cr_expect_eq(eq_tree_infoset_members(t, 1), 2);
    cr_expect_str_eq(eq_tree_infoset_label(t, 1), "Mismatcher");
    cr_expect_str_eq(eq_tree_node_label(t, 2), "after tails");
    cr_expect_str_eq(eq_tree_node_action_name(t, 2, 1), "Tails");
    /* 3 (H,H) 4 (H,T) under node 1; 5 (T,H) 6 (T,T) under node 2. */
    expect_pay(t, 3, 1, -1);
    expect_pay(t, 4, -1, 1);
    expect_pay(t, 5, -1, 1);
    expect_pay(t, 6, 1, -1);
    cr_expect_eq(eq_tree_subgames(t), 1);
    eq_tree_free(t);
}

/* 4. Outcomes at inner nodes add to every payoff below them:
**   root (-1, 1/2);  after L a bonus (10, 0);  at R a chance node with a
**   toss fee (0, -4).
**   L,l: (-1+10+1, 1/2+0+1) = (10, 3/2)     L,r: (9, 1/2)
**   R,x: (-1+0+5, 1/2-4+5) = (4, 3/2)       R,y: (-1, -7/2) */
Test(efg, outcomes_at_inner_nodes)
{
    eq_tree *t = read_ok(FIX "stages.efg");
    char *text;
    cr_assert_eq(eq_tree_nodes(t), 7);
    expect_pay(t, 3, 10, 1.5);
    expect_pay(t, 4, 9, 0.5);
    cr_expect_eq(eq_tree_node_kind(t, 2), EQ_NODE_CHANCE);
    expect_pay(t, 5, 4, 1.5);
    expect_pay(t, 6, -1, -3.5);
    /* Inner nodes carry no payoff of their own. */
    cr_expect_eq(eq_tree_payoff(t, 0, 0), 0.0);
    /* Written back, the sums sit at the terminal nodes. */
    text = round_trip(t);
    cr_expect_not_null(strstr(text, "{ 10, 1.5 }"), "%s", text);
    cr_expect_not_null(strstr(text, "{ -1, -3.5 }"), "%s", text);
    cr_expect_null(strstr(text, "fee"), "%s", text);
    eq_free(text);
    eq_tree_free(t);
}

/* Numbers come to the nearest double, as C's own literals do. */
Test(efg, nearest_doubles)
{
    eq_tree *t = parse_ok(
        "EFG 2 D \"n\" { \"A\" \"B\" \"C\" }\n"
        "c \"\" 1 \"\" { \"a\" 0.1 \"b\" 0.2 \"c\" 7/10 } 0\n"
        "t \"\" 1 \"\" { 1/3, -2/3, 1e-3 }\n"
        "t \"\" 2 \"\" { 0.3 -4.75E2 +6 }\n"
        "t \"\" 3 \"\" { 123456789012345678901234567890 5e-324 -0 }\n");
    cr_expect_eq(eq_tree_chance_prob(t, 0, 0), 0.1);
    cr_expect_eq(eq_tree_chance_prob(t, 0, 1), 0.2);
    cr_expect_eq(eq_tree_chance_prob(t, 0, 2), 0.7);
    cr_expect_eq(eq_tree_payoff(t, 1, 0), 1.0 / 3.0);
    cr_expect_eq(eq_tree_payoff(t, 1, 1), -2.0 / 3.0);
    cr_expect_eq(eq_tree_payoff(t, 1, 2), 1e-3);
    cr_expect_eq(eq_tree_payoff(t, 2, 0), 0.3);
    cr_expect_eq(eq_tree_payoff(t, 2, 1), -475.0);
    cr_expect_eq(eq_tree_payoff(t, 2, 2), 6.0);
    cr_expect_eq(eq_tree_payoff(t, 3, 0), 123456789012345678901234567890.0);
    cr_expect_eq(eq_tree_payoff(t, 3, 1), 5e-324);
    cr_expect_eq(eq_tree_payoff(t, 3, 2), 0.0);
    free(round_trip(t));
    eq_tree_free(t);
}

/* Descriptions repeated word for word are accepted; numbers are per
** player (player 2's set 1 is not player 1's), chance events apart;
** a chance event used again by number; three players. */
Test(efg, numbering_and_repeats)
{
    eq_tree *t = parse_ok(
        "EFG 2 R \"r\" { \"A\" \"B\" \"C\" } \"a comment\"\n"
        "c \"\" 7 \"coin\" { \"h\" 1/2 \"t\" 1/2 } 0\n"
        "p \"\" 1 1 \"I\" { \"a\" \"b\" } 0\n"
        "p \"\" 2 1 \"J\" { \"x\" \"y\" \"z\" } 0\n"
        "t \"\" 4 \"o\" { 1 2 3 }\n"
        "t \"\" 4 \"o\" { 1, 2, 3 }\n"
        "c \"\" 7 0\n"
        "t \"\" 0\n"
        "t \"\" 4\n"
        "t \"\" 0\n"
        "p \"\" 1 1 \"I\" { \"a\" \"b\" } 0\n"
        "t \"\" 99 \"p\" { -1 -2 -3 }\n"
        "p \"\" 3 1 \"K\" { \"only\" } 0\n"
        "t \"\" 99\n");
    /* 0 chance (children 1, 2); 1 player 1 (3, 4); 3 player 2 (5, 6, 7);
    ** 7 chance again (8, 9); 4 terminal; 2 player 1 (10, 11); 11 player 3
    ** (12). */
    cr_assert_eq(eq_tree_nodes(t), 13);
    cr_assert_eq(eq_tree_infosets(t), 3);
    cr_expect_eq(eq_tree_infoset_members(t, 0), 2);
    cr_expect_eq(eq_tree_infoset_player(t, 1), 1);
    cr_expect_eq(eq_tree_infoset_actions(t, 1), 3);
    cr_expect_eq(eq_tree_infoset_player(t, 2), 2);
    cr_expect_eq(eq_tree_infoset_member(t, 0, 1), 2);
    cr_expect_eq(eq_tree_node_kind(t, 7), EQ_NODE_CHANCE);
    cr_expect_eq(eq_tree_chance_prob(t, 7, 1), 0.5);
    cr_expect_str_eq(eq_tree_node_action_name(t, 7, 1), "t");
    cr_expect_eq(eq_tree_node_kind(t, 4), EQ_NODE_TERMINAL);
    cr_expect_eq(eq_tree_payoff(t, 5, 2), 3.0);
    cr_expect_eq(eq_tree_payoff(t, 6, 1), 2.0);
    cr_expect_eq(eq_tree_payoff(t, 8, 0), 0.0);
    cr_expect_eq(eq_tree_payoff(t, 9, 1), 2.0);
    cr_expect_eq(eq_tree_payoff(t, 10, 2), -3.0);
    cr_expect_eq(eq_tree_payoff(t, 12, 0), -1.0);
    free(round_trip(t));
    eq_tree_free(t);
}

/* 5. read -> write -> read gives the same tree. */
Test(efg, round_trip_files)
{
    static const char *files[] = {
        FIX "entry.efg", FIX "chance.efg", FIX "imperfect.efg",
        FIX "stages.efg", EQ_MODELS "/entry_deterrence.efg",
        EQ_MODELS "/poker.efg",
    };
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        eq_tree *t = read_ok(files[f]);
        char *text = round_trip(t), *again = NULL;
        eq_tree *u = parse_ok(text);
        /* Writing is a fixed point from the first write on. */
        cr_assert_eq(eq_tree_write_efg(u, &again), EQ_OK);
        cr_expect_str_eq(text, again, "%s", files[f]);
        eq_free(again);
        eq_free(text);
        eq_tree_free(u);
        eq_tree_free(t);
    }
}

Test(efg, writer_text)
{
    eq_tree *t = read_ok(FIX "entry.efg");
    char *text = NULL;
    cr_assert_eq(eq_tree_write_efg(t, &text), EQ_OK);
    cr_expect_str_eq(text,
        "EFG 2 R \"Entry deterrence\" { \"Entrant\" \"Incumbent\" }\n"
        "\"\"\n"
        "\n"
        "p \"start\" 1 1 \"Entrant's choice\" { \"Out\" \"In\" } 0\n"
        "t \"out\" 1 \"\" { 0, 2 }\n"
        "p \"entered\" 2 1 \"Incumbent's choice\" { \"Fight\" \"Accommodate\" } 0\n"
        "t \"fight\" 2 \"\" { -1, -1 }\n"
        "t \"share\" 3 \"\" { 1, 1 }\n");
    eq_free(text);
    eq_tree_free(t);
    /* Chance: probabilities as written; sets numbered per player. */
    t = read_ok(EQ_MODELS "/poker.efg");
    cr_assert_eq(eq_tree_write_efg(t, &text), EQ_OK);
    cr_expect_not_null(strstr(text, "\nc \"Deal\" 1 \"\" { \"High\" 0.5 \"Low\" 0.5 } 0\n"),
                       "%s", text);
    cr_expect_not_null(strstr(text, "\np \"Player 1 holds Low\" 1 2 \"Low card\" "
                                    "{ \"Raise\" \"Check\" } 0\n"), "%s", text);
    cr_expect_not_null(strstr(text, "\np \"Player 2 faces a raise (Low)\" 2 1 "
                                    "\"Raised\" { \"Call\" \"Fold\" } 0\n"), "%s", text);
    cr_expect_not_null(strstr(text, "\nt \"Low, check\" 6 \"\" { -1, 1 }\n"), "%s", text);
    eq_free(text);
    eq_tree_free(t);
}

/* A tree from the builder with awkward names and values: quotes,
** backslashes, newlines and braces in names, no labels, 0.1, -1/3, 1e300,
** the smallest subnormal, and chance probabilities 0.1 and 0.9. */
Test(efg, round_trip_awkward)
{
    static const char *const acts[] = { "\"q\"", "back\\slash", "{ , }" };
    static const char *const cn[] = { "", "line\nbreak" };
    double pr[2] = { 0.1, 0.9 };
    double p1[2] = { 0.1, -1.0 / 3.0 }, p2[2] = { 1e300, 5e-324 },
           p3[2] = { -0.0, 2.385 }, p4[2] = { 7, -7 };
    eq_tree *t = NULL, *u;
    char *text, *found;
    int h;
    cr_assert_eq(eq_tree_new(&t, 2), EQ_OK);
    cr_assert_eq(eq_tree_set_title(t, "say \"hi\"\\ there\nline 2"), EQ_OK);
    cr_assert_eq(eq_tree_set_player_name(t, 0, ""), EQ_OK);
    h = -1;
    cr_assert_eq(eq_tree_add_infoset(t, 0, 3, acts, "set \"one\"", &h), EQ_OK);
    cr_assert_eq(eq_tree_make_chance(t, 0, 2, cn, pr), EQ_OK);
    cr_assert_eq(eq_tree_set_node_label(t, 0, "root\\"), EQ_OK);
    cr_assert_eq(eq_tree_make_decision(t, 1, h), EQ_OK);    /* 3, 4, 5 */
    cr_assert_eq(eq_tree_make_terminal(t, 2, p4), EQ_OK);
    cr_assert_eq(eq_tree_make_terminal(t, 3, p1), EQ_OK);
    cr_assert_eq(eq_tree_make_terminal(t, 4, p2), EQ_OK);
    cr_assert_eq(eq_tree_make_terminal(t, 5, p3), EQ_OK);
    cr_assert_eq(eq_tree_finish(t), EQ_OK, "%s", eq_tree_errmsg(t));
    text = round_trip(t);
    cr_expect_not_null(strstr(text, "\"say \\\"hi\\\"\\\\ there\nline 2\""), "%s", text);
    /* Each number as written by hand: 0.1 (not its binary fraction) and
    ** -1/3 (not -0.3333333333333333). */
    cr_expect_not_null(strstr(text, "{ 0.1, -1/3 }"), "%s", text);
    cr_expect_not_null(strstr(text, "{ 7, -7 }"), "%s", text);
    cr_expect_not_null(strstr(text, "{ 0, "), "%s", text);    /* -0 is 0 */
    u = parse_ok(text);
    cr_expect_eq(eq_tree_payoff(u, 3, 0), 0.1);
    cr_expect_eq(eq_tree_payoff(u, 3, 1), -1.0 / 3.0);
    cr_expect_eq(eq_tree_payoff(u, 4, 0), 1e300);
    cr_expect_eq(eq_tree_payoff(u, 4, 1), 5e-324);
    cr_expect_eq(eq_tree_chance_prob(u, 0, 1), 0.9);
    cr_expect_str_eq(eq_tree_node_action_name(u, 0, 1), "line\nbreak");
    cr_expect_str_eq(eq_tree_infoset_action_name(u, 0, 1), "back\\slash");
    cr_expect_str_eq(eq_tree_infoset_label(u, 0), "set \"one\"");
    cr_expect_str_eq(eq_tree_player_name(u, 0), "");
    found = strstr(text, "\"root\\\\\"");
    cr_expect_not_null(found, "%s", text);
    eq_tree_free(u);
    eq_free(text);
    eq_tree_free(t);
}

/* The builder's trees from the subgame tests, written and read back. */
Test(efg, round_trip_builder)
{
    static const char *const go[] = { "Stop", "Go" };
    static const char *const ab[] = { "a", "b" };
    static const char *const xy[] = { "x", "y" };
    double z[2] = { 0, 0 };
    eq_tree *t = NULL;
    int h0, hs, hg;
    cr_assert_eq(eq_tree_new(&t, 2), EQ_OK);
    cr_assert_eq(eq_tree_add_infoset(t, 0, 2, go, NULL, &h0), EQ_OK);
    cr_assert_eq(eq_tree_add_infoset(t, 0, 2, ab, "stage", &hs), EQ_OK);
    cr_assert_eq(eq_tree_add_infoset(t, 1, 2, xy, "guess", &hg), EQ_OK);
    cr_assert_eq(eq_tree_make_decision(t, 0, h0), EQ_OK);
    cr_assert_eq(eq_tree_make_terminal(t, 1, z), EQ_OK);
    cr_assert_eq(eq_tree_make_decision(t, 2, hs), EQ_OK);
    cr_assert_eq(eq_tree_make_decision(t, 3, hg), EQ_OK);
    cr_assert_eq(eq_tree_make_decision(t, 4, hg), EQ_OK);
    for (int v = 5; v < 9; v++) {
        double pay[2] = { v * 0.5, -v * 0.25 };
        cr_assert_eq(eq_tree_make_terminal(t, v, pay), EQ_OK);
    }
    cr_assert_eq(eq_tree_finish(t), EQ_OK);
    cr_expect_eq(eq_tree_subgames(t), 2);
    free(round_trip(t));
    eq_tree_free(t);
}

/* Count the entries of dir other than . and .. */
static int dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    cr_assert_not_null(d);
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

Test(efg, save_and_read_back)
{
    char dir[512], path[600], bad[700];
    eq_tree *t = read_ok(FIX "chance.efg"), *u, *c;
    t_tmpdir(dir, sizeof dir, "eq_efg");
    snprintf(path, sizeof path, "%s/game.efg", dir);
    cr_assert_eq(eq_tree_save_efg(t, path), EQ_OK);
    u = read_ok(path);
    same_tree(t, u);
    eq_tree_free(u);
    /* Overwriting replaces the file; no temporary is left behind. */
    c = read_ok(EQ_MODELS "/poker.efg");
    cr_assert_eq(eq_tree_save_efg(c, path), EQ_OK);
    u = read_ok(path);
    same_tree(c, u);
    eq_tree_free(u);
    cr_expect_eq(dir_entries(dir), 1);
    snprintf(bad, sizeof bad, "%s/no/such/dir/game.efg", dir);
    cr_expect_eq(eq_tree_save_efg(t, bad), EQ_ERR_IO);
    cr_expect_eq(eq_tree_save_efg(NULL, path), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_save_efg(t, NULL), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_save_efg(t, ""), EQ_ERR_ARG);
    cr_expect_eq(dir_entries(dir), 1);
    unlink(path);
    rmdir(dir);
    eq_tree_free(c);
    eq_tree_free(t);
}

/* 6. Every error the reader reports, with its place worked out by hand.
** HDR is a two-player prologue filling line 1. */
#define HDR "EFG 2 R \"t\" { \"A\" \"B\" }\n"
#define TXT(s) s, sizeof(s) - 1
/* Lines 2-5 of a tree whose player 1 set 1 (line 3) has actions a, b. */
#define SET1 HDR "c \"\" 1 \"\" { \"x\" 1/2 \"y\" 1/2 } 0\n" \
             "p \"\" 1 1 \"I\" { \"a\" \"b\" } 0\nt \"\" 0\nt \"\" 0\n"
/* Lines 2-3 of a tree whose outcome 1 (line 3) is "o" { 1, 2 }. */
#define OUT1 HDR "p \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 1 \"o\" { 1, 2 }\n"

typedef struct bad_case {
    const char *text;
    size_t len;
    eq_status status;
    const char *prefix;   /* "err:LINE:COL: " */
    const char *phrase;   /* a key part of the message */
    const char *source;   /* the source line, or NULL: not checked */
} bad_case;

static const bad_case bad_cases[] = {
    /* empty input, magic, version, number type, title */
    { TXT(""), EQ_ERR_PARSE, "err:1:1: ", "empty file", "" },
    { TXT(" \n\n"), EQ_ERR_PARSE, "err:3:1: ", "empty file", "" },
    { TXT("NFG 1 R \"t\" { \"A\" } { 1 }\n1"), EQ_ERR_PARSE, "err:1:1: ",
      "not a Gambit extensive-form file: expected 'EFG', found 'NFG'", NULL },
    { TXT("\"EFG\" 2 R"), EQ_ERR_PARSE, "err:1:1: ",
      "expected 'EFG', found a string", NULL },
    { TXT("EFG 1 R \"t\" { \"A\" }"), EQ_ERR_PARSE, "err:1:5: ",
      "unsupported version '1': only version 2 is known", "EFG 1 R \"t\" { \"A\" }" },
    { TXT("EFG { \"A\" }"), EQ_ERR_PARSE, "err:1:5: ",
      "expected a version number, found '{'", NULL },
    { TXT("EFG 2 Q \"t\""), EQ_ERR_PARSE, "err:1:7: ",
      "expected R or D, found 'Q'", NULL },
    { TXT("EFG 2\nR { \"A\" }"), EQ_ERR_PARSE, "err:2:3: ",
      "expected the title string, found '{'", "R { \"A\" }" },
    /* strings */
    { TXT("EFG 2 R \"t\" { \"A\" \"B }\n"), EQ_ERR_PARSE, "err:1:19: ",
      "unterminated string", NULL },
    { TXT(HDR "t \"abc"), EQ_ERR_PARSE, "err:2:3: ", "unterminated string",
      "t \"abc" },
    { TXT(HDR "t \"abc\\\""), EQ_ERR_PARSE, "err:2:3: ",
      "unterminated string", NULL },
    { TXT(HDR "t \"a\0b\" 0"), EQ_ERR_PARSE, "err:2:5: ",
      "NUL byte in string", "t \"a?b\" 0" },
    /* players */
    { TXT("EFG 2 R \"t\" \"A\" \"B\" }"), EQ_ERR_PARSE, "err:1:13: ",
      "expected '{' before the player names, found a string", NULL },
    { TXT("EFG 2 R \"t\" { }\nt \"\" 0"), EQ_ERR_PARSE, "err:1:15: ",
      "the game has no players", NULL },
    { TXT("EFG 2 R \"t\" { \"A\" 1 }"), EQ_ERR_PARSE, "err:1:19: ",
      "expected a player name or '}', found '1'", NULL },
    { TXT("EFG 2 R \"t\" { \"A\""), EQ_ERR_PARSE, "err:1:18: ",
      "unexpected end of file, expected a player name or '}'", NULL },
    /* node types and names */
    { TXT(HDR "x \"\" 0"), EQ_ERR_PARSE, "err:2:1: ",
      "expected a node ('c', 'p' or 't'), found 'x'", "x \"\" 0" },
    { TXT(HDR "pp \"\" 0"), EQ_ERR_PARSE, "err:2:1: ",
      "expected a node ('c', 'p' or 't'), found 'pp'", NULL },
    { TXT(HDR "{ \"\" 0"), EQ_ERR_PARSE, "err:2:1: ",
      "expected a node ('c', 'p' or 't'), found '{'", NULL },
    { TXT(HDR "t 0"), EQ_ERR_PARSE, "err:2:3: ",
      "expected the node's name string, found '0'", NULL },
    /* personal nodes: player, set number, braces, actions */
    { TXT(HDR "p \"\" 3 1 \"x\" { \"a\" } 0"), EQ_ERR_PARSE, "err:2:6: ",
      "player '3' out of range 1..2", NULL },
    { TXT(HDR "p \"\" 0 1 \"x\" { \"a\" } 0"), EQ_ERR_PARSE, "err:2:6: ",
      "player '0' out of range 1..2", NULL },
    { TXT(HDR "p \"\" -1 1 \"x\" { \"a\" } 0"), EQ_ERR_PARSE, "err:2:6: ",
      "player '-1' out of range 1..2", NULL },
    { TXT(HDR "p \"\" \"x\" { \"a\" } 0"), EQ_ERR_PARSE, "err:2:6: ",
      "expected a player number, found a string", NULL },
    { TXT(HDR "p \"\" 1 0 \"x\" { \"a\" } 0"), EQ_ERR_PARSE, "err:2:8: ",
      "information set number '0' is not a positive integer", NULL },
    { TXT(HDR "p \"\" 1 2.5 \"x\" { \"a\" } 0"), EQ_ERR_PARSE, "err:2:8: ",
      "information set number '2.5' is not a positive integer", NULL },
    { TXT(HDR "p \"\" 1 99999999999 \"x\" { \"a\" } 0"), EQ_ERR_PARSE,
      "err:2:8: ", "information set number '99999999999' is too large", NULL },
    { TXT(HDR "p \"\" 1 \"x\" { \"a\" } 0"), EQ_ERR_PARSE, "err:2:8: ",
      "expected an information set number, found a string", NULL },
    { TXT(HDR "p \"\" 1 1 \"x\" \"a\" \"b\" } 0"), EQ_ERR_PARSE, "err:2:14: ",
      "expected '{' before the actions, found a string", NULL },
    { TXT(HDR "p \"\" 1 1 \"x\" { \"a\" \"b\" 0\n"), EQ_ERR_PARSE,
      "err:2:24: ", "expected an action name or '}', found '0'", NULL },
    { TXT(HDR "p \"\" 1 1 \"\" { } 0"), EQ_ERR_PARSE, "err:2:13: ",
      "information set 1 of player 1 has no actions", NULL },
    { TXT(HDR "p \"\" 1 1 \"\" { \"a\" \"b\" \"a\" } 0"), EQ_ERR_PARSE,
      "err:2:23: ", "duplicate action name \"a\" in information set 1 of player 1",
      NULL },
    { TXT(HDR "p \"\" 2 4 0"), EQ_ERR_PARSE, "err:2:8: ",
      "information set 4 of player 2 is used before it is defined", NULL },
    /* a set used again: another count, other names, another name; and
    ** the same number for another player is another set */
    { TXT(SET1 "p \"\" 1 1 \"I\" { \"a\" \"b\" \"c\" } 0"), EQ_ERR_PARSE,
      "err:6:14: ", "information set 1 of player 1 was defined at line 3 "
      "with 2 actions, found 3", NULL },
    { TXT(SET1 "p \"\" 1 1 \"I\" { \"a\" \"z\" } 0"), EQ_ERR_PARSE,
      "err:6:20: ", "information set 1 of player 1 was defined at line 3 "
      "with action 2 named \"b\", found \"z\"", NULL },
    { TXT(SET1 "p \"\" 1 1 \"J\" { \"a\" \"b\" } 0"), EQ_ERR_PARSE,
      "err:6:10: ", "information set 1 of player 1 was defined at line 3 "
      "with name \"I\", found \"J\"", NULL },
    { TXT(SET1 "p \"\" 2 1 0"), EQ_ERR_PARSE, "err:6:8: ",
      "information set 1 of player 2 is used before it is defined", NULL },
    /* perfect recall: A's second set meets her first move's two outcomes */
    { TXT(HDR "p \"\" 1 1 \"first\" { \"L\" \"R\" } 0\n"
              "p \"\" 1 2 \"second\" { \"l\" \"r\" } 0\nt \"\" 0\nt \"\" 0\n"
              "p \"\" 1 2 \"second\" { \"l\" \"r\" } 0\nt \"\" 0\nt \"\" 0\n"),
      EQ_ERR_PARSE, "err:6:8: ", "information set 2 of player 1 breaks "
      "perfect recall: this node and the one at line 3 differ in what A did "
      "before", NULL },
    /* ... and forgetting her own set one level up */
    { TXT(HDR "p \"\" 1 1 \"\" { \"L\" \"R\" } 0\n"
              "p \"\" 1 1 0\nt \"\" 0\nt \"\" 0\nt \"\" 0\n"),
      EQ_ERR_PARSE, "err:3:8: ", "information set 1 of player 1 breaks "
      "perfect recall: this node and the one at line 2", NULL },
    /* chance nodes: numbers, probabilities */
    { TXT(HDR "c \"\" 0 \"\" { \"x\" 1 } 0"), EQ_ERR_PARSE, "err:2:6: ",
      "chance event number '0' is not a positive integer", NULL },
    { TXT(HDR "c \"\" 1 \"\" { \"x\" half \"y\" 1/2 } 0"), EQ_ERR_PARSE,
      "err:2:17: ", "'half' is not a number", NULL },
    { TXT(HDR "c \"\" 1 \"\" { \"x\" -1/2 \"y\" 3/2 } 0"), EQ_ERR_PARSE,
      "err:2:17: ", "probability '-1/2' is negative", NULL },
    { TXT(HDR "c \"\" 1 \"\" { \"x\" -1e-999 \"y\" 1 } 0"), EQ_ERR_PARSE,
      "err:2:17: ", "probability '-1e-999' is negative", NULL },
    { TXT(HDR "c \"\" 1 \"\" { \"x\" 3/2 \"y\" -1/2 } 0"), EQ_ERR_PARSE,
      "err:2:17: ", "probability '3/2' exceeds 1", NULL },
    { TXT(HDR "c \"\" 1 \"\" { \"x\" 1/2 \"y\" 1/4 } 0"), EQ_ERR_PARSE,
      "err:2:11: ", "probabilities of chance event 1 sum to 0.75, not 1", NULL },
    { TXT(HDR "c \"\" 1 \"\" { \"x\" 1/0 \"y\" 1 } 0"), EQ_ERR_PARSE,
      "err:2:17: ", "zero denominator in '1/0'", NULL },
    { TXT(HDR "c \"\" 1 \"\" { \"x\" \"y\" 1 } 0"), EQ_ERR_PARSE, "err:2:17: ",
      "expected the move's probability, found a string", NULL },
    { TXT(HDR "c \"\" 1 \"\" \"x\" 1 } 0"), EQ_ERR_PARSE, "err:2:11: ",
      "expected '{' before the moves, found a string", NULL },
    { TXT(HDR "c \"\" 1 \"\" { 1 } 0"), EQ_ERR_PARSE, "err:2:13: ",
      "expected a move name or '}', found '1'", NULL },
    { TXT(HDR "c \"\" 1 \"\" { } 0"), EQ_ERR_PARSE, "err:2:11: ",
      "chance event 1 has no moves", NULL },
    { TXT(HDR "c \"\" 2 0"), EQ_ERR_PARSE, "err:2:6: ",
      "chance event 2 is used before it is defined", NULL },
    { TXT(HDR "c \"\" 1 \"e\" { \"x\" 1 } 0\nc \"\" 1 \"e\" { \"x\" 1 \"y\" 0 } 0"),
      EQ_ERR_PARSE, "err:3:12: ",
      "chance event 1 was defined at line 2 with 1 move, found 2", NULL },
    { TXT(HDR "c \"\" 1 \"e\" { \"x\" 1/2 \"y\" 1/2 } 0\n"
              "c \"\" 1 \"e\" { \"x\" 0.5 \"y\" 0.25 } 0"),
      EQ_ERR_PARSE, "err:3:22: ", "chance event 1 was defined at line 2 with "
      "probability 0.5 for move 2, found 0.25", NULL },
    { TXT(HDR "c \"\" 1 \"e\" { \"x\" 1 } 0\nc \"\" 1 \"f\" { \"x\" 1 } 0"),
      EQ_ERR_PARSE, "err:3:8: ", "chance event 1 was defined at line 2 with "
      "name \"e\", found \"f\"", NULL },
    { TXT(HDR "c \"\" 1 \"e\" { \"x\" 1 } 0\nc \"\" 1 \"e\" { \"z\" 1 } 0"),
      EQ_ERR_PARSE, "err:3:14: ", "chance event 1 was defined at line 2 with "
      "move 1 named \"x\", found \"z\"", NULL },
    /* outcomes */
    { TXT(HDR "t \"\" 1 \"o\" { 1 2 3 }"), EQ_ERR_PARSE, "err:2:18: ",
      "outcome 1: expected 2 payoffs, found more", NULL },
    { TXT(HDR "t \"\" 1 \"o\" { 1 }"), EQ_ERR_PARSE, "err:2:16: ",
      "outcome 1: expected 2 payoffs, found 1", NULL },
    { TXT(HDR "t \"\" 1 \"o\" { 1, }"), EQ_ERR_PARSE, "err:2:17: ",
      "expected a payoff after ',', found '}'", NULL },
    { TXT(HDR "t \"\" 1 \"o\" { , 1 2 }"), EQ_ERR_PARSE, "err:2:14: ",
      "expected a payoff or '}', found ','", NULL },
    { TXT(HDR "t \"\" 1 \"o\" 1 2"), EQ_ERR_PARSE, "err:2:12: ",
      "expected '{' before the payoffs, found '1'", NULL },
    { TXT(HDR "t \"\" 1 \"o\" { 1 x }"), EQ_ERR_PARSE, "err:2:16: ",
      "'x' is not a number", NULL },
    { TXT(HDR "t \"\" 1 \"o\" { 1 1e400 }"), EQ_ERR_PARSE, "err:2:16: ",
      "'1e400' is out of range", NULL },
    { TXT(HDR "t \"\" 1 \"o\" { 1e-5000 1 }"), EQ_ERR_PARSE, "err:2:14: ",
      "'1e-5000' is out of range", NULL },
    { TXT(HDR "t \"\" 3"), EQ_ERR_PARSE, "err:2:6: ",
      "outcome 3 is used before it is defined", NULL },
    { TXT(HDR "t \"\" 0 \"o\" { 1 2 }"), EQ_ERR_PARSE, "err:2:8: ",
      "the null outcome 0 cannot have a name or payoffs", NULL },
    { TXT(HDR "t \"\" -1"), EQ_ERR_PARSE, "err:2:6: ",
      "outcome number '-1' is not a non-negative integer", NULL },
    { TXT(HDR "t \"\" \"o\" { 1 2 }"), EQ_ERR_PARSE, "err:2:6: ",
      "expected an outcome number, found a string", NULL },
    { TXT(HDR "p \"\" 1 1 \"\" { \"a\" } { 1 2 }"), EQ_ERR_PARSE, "err:2:21: ",
      "expected an outcome number, found '{'", NULL },
    { TXT(OUT1 "t \"\" 1 \"o\" { 1, 3 }"), EQ_ERR_PARSE, "err:4:17: ",
      "outcome 1 was defined at line 3 with payoff 2 for player 2, found 3",
      NULL },
    { TXT(OUT1 "t \"\" 1 \"p\" { 1, 2 }"), EQ_ERR_PARSE, "err:4:8: ",
      "outcome 1 was defined at line 3 with name \"o\", found \"p\"", NULL },
    { TXT(HDR "p \"\" 1 1 \"\" { \"a\" } 1 \"big\" { 1e308, 0 }\n"
              "t \"\" 2 \"big\" { 1e308, 0 }"), EQ_ERR_PARSE, "err:3:1: ",
      "payoff of player 1 overflows", NULL },
    /* the end: trailing garbage, and too few nodes */
    { TXT(HDR "t \"\" 0\nt \"\" 0"), EQ_ERR_PARSE, "err:3:1: ",
      "unexpected 't' after the last node", NULL },
    { TXT(HDR "t \"\" 0 }"), EQ_ERR_PARSE, "err:2:8: ",
      "unexpected '}' after the last node", NULL },
    { TXT(HDR "t \"\" 1 \"o\" { 1 2 } 3"), EQ_ERR_PARSE, "err:2:20: ",
      "unexpected '3' after the last node", NULL },
    { TXT(HDR), EQ_ERR_PARSE, "err:2:1: ",
      "unexpected end of file: 1 more node expected", "" },
    { TXT("EFG 2 R \"t\" { \"A\" \"B\" } \"comment\""), EQ_ERR_PARSE,
      "err:1:34: ", "unexpected end of file: 1 more node expected", NULL },
    { TXT(HDR "p \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 0\n"), EQ_ERR_PARSE,
      "err:4:1: ", "unexpected end of file: 1 more node expected", NULL },
    { TXT(HDR "p \"\" 1 1 \"\" { \"a\" \"b\" \"c\" \"d\" \"e\" \"f\" \"g\" "
              "\"h\" \"i\" \"j\" } 0\nt \"\" 0"), EQ_ERR_PARSE, "err:3:7: ",
      "unexpected end of file: 9 more nodes expected", NULL },
    /* ... where the input that is left is too short for the nodes still
    ** to come, the same errors are found without building them */
    { TXT(HDR "p \"\" 1 1 \"\" { \"a\" \"b\" \"c\" \"d\" \"e\" \"f\" \"g\" "
              "\"h\" \"i\" \"j\" } 0\nt \"\" 5"), EQ_ERR_PARSE, "err:3:6: ",
      "outcome 5 is used before it is defined", NULL },
    { TXT(HDR "p \"\" 1 1 \"\" { \"a\" \"b\" \"c\" \"d\" \"e\" \"f\" \"g\" "
              "\"h\" \"i\" \"j\" } 0\np \"\" 1 1 0"), EQ_ERR_PARSE, "err:3:8: ",
      "breaks perfect recall", NULL },
    /* NUL and invalid bytes where a token is expected */
    { TXT("EFG\0 2 R"), EQ_ERR_PARSE, "err:1:4: ", "unexpected NUL byte",
      "EFG? 2 R" },
    { TXT("EFG 2 R \xff"), EQ_ERR_PARSE, "err:1:9: ", "invalid byte 0xFF",
      NULL },
    { TXT(HDR "\x01"), EQ_ERR_PARSE, "err:2:1: ", "invalid byte 0x01", NULL },
    /* CRLF line ends: columns count bytes, the source line loses its CR */
    { TXT("EFG 2 R \"t\" { \"A\" }\r\nt \"\" 0 x\r\n"), EQ_ERR_PARSE,
      "err:2:8: ", "unexpected 'x' after the last node", "t \"\" 0 x" },
};

Test(efg, errors)
{
    for (size_t c = 0; c < sizeof bad_cases / sizeof *bad_cases; c++) {
        const bad_case *b = &bad_cases[c];
        eq_tree *t = (eq_tree *)&t;    /* must be reset to NULL */
        eq_diag d;
        eq_status s = eq_tree_parse_efg(&t, b->text, b->len, "err", &d);
        cr_expect_eq(s, b->status, "case %zu: status %d, want %d (%s)", c, s,
                     b->status, d.message);
        cr_expect_null(t, "case %zu: tree not NULL", c);
        cr_expect_eq(strncmp(d.message, b->prefix, strlen(b->prefix)), 0,
                     "case %zu: message \"%s\", want prefix \"%s\"", c,
                     d.message, b->prefix);
        cr_expect_not_null(strstr(d.message, b->phrase),
                           "case %zu: message \"%s\" lacks \"%s\"", c,
                           d.message, b->phrase);
        {
            int line = 0, col = 0;
            sscanf(b->prefix, "err:%d:%d:", &line, &col);
            cr_expect_eq(d.line, line, "case %zu: line %d", c, d.line);
            cr_expect_eq(d.col, col, "case %zu: col %d", c, d.col);
        }
        if (b->source != NULL)
            cr_expect_str_eq(d.source_line, b->source, "case %zu", c);
        /* The same input without a diagnostic must fail the same way. */
        t = NULL;
        cr_expect_eq(eq_tree_parse_efg(&t, b->text, b->len, "err", NULL),
                     b->status, "case %zu without diag", c);
        cr_expect_null(t);
    }
}

/* A growing text buffer for the big inputs below. */
typedef struct tbuf {
    char *s;
    size_t n, cap;
} tbuf;

static void add(tbuf *b, const char *s)
{
    size_t k = strlen(s);
    if (b->n + k + 1 > b->cap) {
        b->cap = 2 * (b->n + k + 1);
        b->s = realloc(b->s, b->cap);
        cr_assert_not_null(b->s);
    }
    memcpy(b->s + b->n, s, k + 1);
    b->n += k;
}

/* The node cap: chance event 1 with 4000 moves, used again and again down
** the first branch, asks for 1 + 4000 k nodes after k chance nodes; the
** 2500th chance node (line 2501) would pass 10 million. */
Test(efg, too_many_nodes)
{
    tbuf b = { NULL, 0, 0 };
    char buf[64];
    eq_tree *t = NULL;
    eq_diag d;
    add(&b, HDR "c \"\" 1 \"\" {");
    for (int a = 0; a < 4000; a++) {
        snprintf(buf, sizeof buf, " \"%d\" 1/4000", a);
        add(&b, buf);
    }
    add(&b, " } 0\n");
    for (int k = 2; k <= 3000; k++)
        add(&b, "c \"\" 1 0\n");
    cr_assert_eq(eq_tree_parse_efg(&t, b.s, b.n, "big", &d), EQ_ERR_PARSE);
    cr_expect_null(t);
    cr_expect_str_eq(d.message, "big:2501:1: tree too large (more than "
                                "10000000 nodes)");
    free(b.s);
}

Test(efg, too_many_players)
{
    char text[512] = "EFG 2 R \"t\" {";
    eq_tree *t = NULL;
    eq_diag d;
    for (int p = 0; p < EQ_MAX_PLAYERS + 1; p++)
        strcat(text, " \"p\"");
    /* "EFG 2 R "t" {" is 13 bytes and each player 4 more; the 33rd name's
    ** quote is at column 13 + 32 * 4 + 2. */
    strcat(text, " }");
    cr_assert_eq(eq_tree_parse_efg(&t, text, strlen(text), "err", &d),
                 EQ_ERR_PARSE);
    cr_expect_str_eq(d.message, "err:1:143: too many players (at most 32)");
}

Test(efg, number_too_long)
{
    size_t n = 5000;
    tbuf b = { NULL, 0, 0 };
    char *digits = malloc(n + 1);
    eq_tree *t = NULL;
    eq_diag d;
    cr_assert_not_null(digits);
    memset(digits, '7', n);
    digits[n] = '\0';
    add(&b, HDR "t \"\" 1 \"o\" {\n");
    add(&b, digits);
    add(&b, " 2 }\n");
    cr_assert_eq(eq_tree_parse_efg(&t, b.s, b.n, "err", &d), EQ_ERR_PARSE);
    cr_expect_eq(strncmp(d.message, "err:3:1: ", 9), 0, "%s", d.message);
    cr_expect_not_null(strstr(d.message, "is too long for a number"), "%s",
                       d.message);
    cr_expect_lt(strlen(d.message), 120, "%s", d.message);
    cr_expect_eq(strlen(d.source_line), sizeof d.source_line - 1);
    /* 4096 digits are still a number. */
    digits[4096] = '\0';
    b.n = 0;
    add(&b, HDR "t \"\" 1 \"o\" {\n");
    add(&b, digits);
    add(&b, " 2 }\n");
    cr_expect_eq(eq_tree_parse_efg(&t, b.s, b.n, "err", &d), EQ_ERR_PARSE);
    cr_expect_not_null(strstr(d.message, "out of range"), "%s", d.message);
    free(digits);
    free(b.s);
}

/* A deep chain: player 1 and player 2 alternate down 20000 levels, each
** node with its own information set; read without recursion. */
Test(efg, deep_chain)
{
    tbuf b = { NULL, 0, 0 };
    char buf[96];
    eq_tree *t = NULL;
    int depth = 20000;
    add(&b, HDR);
    for (int k = 0; k < depth; k++) {
        snprintf(buf, sizeof buf, "p \"\" %d %d \"\" { \"stop\" \"go\" } %d \"\" { 1, -1 }\n"
                 "t \"\" 0\n", k % 2 + 1, k / 2 + 1, k + 1);
        add(&b, buf);
    }
    add(&b, "t \"\" 0\n");
    t = parse_ok(b.s);
    cr_assert_eq(eq_tree_nodes(t), 2 * depth + 1);
    /* Node 1 is the first stop, below one outcome (1, -1); the last node
    ** is below all of them. */
    cr_expect_eq(eq_tree_payoff(t, 1, 0), 1.0);
    cr_expect_eq(eq_tree_payoff(t, 2 * depth, 0), (double)depth);
    cr_expect_eq(eq_tree_payoff(t, 2 * depth, 1), -(double)depth);
    cr_expect_eq(eq_tree_subgames(t), depth);
    free(round_trip(t));
    eq_tree_free(t);
    free(b.s);
}

/* A long path still gives a NUL-terminated message. */
Test(efg, long_name)
{
    char name[1200];
    eq_tree *t = NULL;
    eq_diag d;
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    cr_assert_eq(eq_tree_parse_efg(&t, "EFG 3", 5, name, &d), EQ_ERR_PARSE);
    cr_expect_eq(strlen(d.message), sizeof d.message - 1);
    cr_expect_eq(d.line, 1);
    cr_expect_eq(d.col, 5);
}

Test(efg, bad_arguments)
{
    eq_tree *t = NULL, *open = NULL;
    char *text = (char *)"x";
    eq_diag d;
    cr_expect_eq(eq_tree_parse_efg(NULL, "EFG", 3, "x", &d), EQ_ERR_ARG);
    cr_expect_not_null(strstr(d.message, "NULL argument"));
    cr_expect_eq(eq_tree_parse_efg(&t, NULL, 3, "x", &d), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_parse_efg(&t, NULL, 3, "x", NULL), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_read_efg(&t, NULL, &d), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_read_efg(NULL, FIX "entry.efg", NULL), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_write_efg(NULL, &text), EQ_ERR_ARG);
    cr_expect_null(text);
    t = read_ok(FIX "entry.efg");
    cr_expect_eq(eq_tree_write_efg(t, NULL), EQ_ERR_ARG);
    eq_tree_free(t);
    /* A tree with an open node cannot be written. */
    cr_assert_eq(eq_tree_new(&open, 2), EQ_OK);
    text = (char *)"x";
    cr_expect_eq(eq_tree_write_efg(open, &text), EQ_ERR_ARG);
    cr_expect_null(text);
    {
        char nd[512], np[600];
        t_tmpdir(nd, sizeof nd, "eq_efg_open");
        snprintf(np, sizeof np, "%s/never-written.efg", nd);
        cr_expect_eq(eq_tree_save_efg(open, np), EQ_ERR_ARG);
        cr_expect_eq(access(np, F_OK), -1);
        rmdir(nd);
    }
    eq_tree_free(open);
    /* A NULL name and empty input are allowed. */
    t = NULL;
    cr_expect_eq(eq_tree_parse_efg(&t, NULL, 0, NULL, &d), EQ_ERR_PARSE);
    cr_expect_eq(strncmp(d.message, "<input>:1:1: ", 13), 0, "%s", d.message);
}

/* 7. Files that cannot be opened or read. */
Test(efg, io_errors)
{
    eq_tree *t = (eq_tree *)&t;
    eq_diag d;
    const char *path = FIX "does-not-exist.efg";
    char want[512];
    cr_assert_eq(eq_tree_read_efg(&t, path, &d), EQ_ERR_IO);
    cr_expect_null(t);
    snprintf(want, sizeof want, "%s: cannot open: ", path);
    cr_expect_eq(strncmp(d.message, want, strlen(want)), 0, "%s", d.message);
    cr_expect_not_null(strstr(d.message, "No such file"), "%s", d.message);
    cr_expect_eq(d.line, 0);
    cr_expect_eq(d.col, 0);
    cr_expect_eq(eq_tree_read_efg(&t, path, NULL), EQ_ERR_IO);
    /* A directory opens but cannot be read. */
    cr_expect_eq(eq_tree_read_efg(&t, FIX, &d), EQ_ERR_IO);
    cr_expect_not_null(strstr(d.message, "cannot"), "%s", d.message);
    cr_expect_null(t);
}

/* 8. The models shipped in models/. */
Test(efg, model_entry_deterrence)
{
    eq_tree *t = read_ok(EQ_MODELS "/entry_deterrence.efg");
    cr_expect_str_eq(eq_tree_player_name(t, 0), "Entrant");
    cr_expect_str_eq(eq_tree_player_name(t, 1), "Incumbent");
    cr_assert_eq(eq_tree_nodes(t), 5);
    cr_expect_str_eq(eq_tree_infoset_action_name(t, 0, 0), "Out");
    cr_expect_str_eq(eq_tree_infoset_action_name(t, 0, 1), "In");
    cr_expect_str_eq(eq_tree_infoset_action_name(t, 1, 0), "Fight");
    cr_expect_str_eq(eq_tree_infoset_action_name(t, 1, 1), "Accommodate");
    expect_pay(t, 1, 0, 2);
    expect_pay(t, 3, -1, -1);
    expect_pay(t, 4, 1, 1);
    cr_expect_eq(eq_tree_subgames(t), 2);
    cr_expect_neq(strstr(eq_tree_title(t), "(-1, -1)"), NULL);
    eq_tree_free(t);
}

/* One-card poker.  Children are numbered when their parent is read, in
** preorder: 0 deal (1 High, 2 Low); 1 P1 High (3 raise, 4 check);
** 3 P2 after High-Raise (5 call, 6 fold); 2 P1 Low (7 raise, 8 check);
** 7 P2 after Low-Raise (9 call, 10 fold). */
Test(efg, model_poker)
{
    eq_tree *t = read_ok(EQ_MODELS "/poker.efg");
    double ev;
    cr_assert_eq(eq_tree_nodes(t), 11);
    cr_assert_eq(eq_tree_infosets(t), 3);
    cr_expect_eq(eq_tree_node_kind(t, 0), EQ_NODE_CHANCE);
    cr_expect_eq(eq_tree_chance_prob(t, 0, 0), 0.5);
    cr_expect_eq(eq_tree_chance_prob(t, 0, 1), 0.5);
    cr_expect_str_eq(eq_tree_infoset_label(t, 1), "Raised");
    cr_expect_eq(eq_tree_infoset_player(t, 1), 1);
    cr_expect_eq(eq_tree_infoset_members(t, 1), 2);
    cr_expect_eq(eq_tree_infoset_member(t, 1, 0), 3);
    cr_expect_eq(eq_tree_infoset_member(t, 1, 1), 7);
    cr_expect_eq(eq_tree_node_infoset(t, 1), 0);
    cr_expect_eq(eq_tree_node_infoset(t, 2), 2);
    cr_expect_str_eq(eq_tree_node_label(t, 7), "Player 2 faces a raise (Low)");
    expect_pay(t, 5, 2, -2);
    expect_pay(t, 6, 1, -1);
    expect_pay(t, 4, 1, -1);
    expect_pay(t, 9, -2, 2);
    expect_pay(t, 10, 1, -1);
    expect_pay(t, 8, -1, 1);
    /* Zero-sum everywhere. */
    for (int v = 0; v < eq_tree_nodes(t); v++)
        cr_expect_eq(eq_tree_payoff(t, v, 0), -eq_tree_payoff(t, v, 1));
    /* The equilibrium in the comment: raise High, raise Low with 1/3, call
    ** with 2/3.  Player 1's expected payoff is 1/3. */
    ev = 0.5 * (2.0 / 3 * 2 + 1.0 / 3 * 1) +
         0.5 * (1.0 / 3 * (2.0 / 3 * -2 + 1.0 / 3 * 1) + 2.0 / 3 * -1);
    cr_expect_float_eq(ev, 1.0 / 3, 1e-12);
    /* The raise is seen by player 2 in both deals: no proper subgame. */
    cr_expect_eq(eq_tree_subgames(t), 1);
    eq_tree_free(t);
}
