/* test_model.c -- the .game model language: parsing, checking,
** instantiation, in-place updates and writing trees back as models. */
#define _XOPEN_SOURCE 700

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "equilib.h"
#include "support.h"

#define FIX EQ_FIXTURES "/game/"

static eq_model *parse_ok(const char *text)
{
    eq_model *m = NULL;
    eq_diag d;
    eq_status s = eq_model_parse(&m, text, strlen(text), "ok.game", &d);
    cr_assert_eq(s, EQ_OK, "status %d: %s\n%s", s, d.message, text);
    cr_assert_not_null(m);
    return m;
}

static eq_model *read_ok(const char *path)
{
    eq_model *m = NULL;
    eq_diag d;
    eq_status s = eq_model_read(&m, path, &d);
    cr_assert_eq(s, EQ_OK, "%s: status %d: %s", path, s, d.message);
    cr_assert_not_null(m);
    return m;
}

/* The model's defaults, with some parameters then set from text. */
static double *values_of(const eq_model *m, const char *const *set, int nset)
{
    double *v = calloc((size_t)eq_model_params(m) + 1, sizeof *v);
    eq_diag d;
    cr_assert_not_null(v);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    for (int i = 0; i < nset; i++)
        cr_assert_eq(eq_model_set_param(m, v, set[i], &d), EQ_OK, "%s: %s", set[i],
                     d.message);
    return v;
}

/* Instantiate at the defaults (and assignments). */
static eq_tree *tree_of(const eq_model *m, const char *const *set, int nset)
{
    double *v = values_of(m, set, nset);
    eq_tree *t = NULL;
    eq_diag d;
    eq_status s = eq_model_instantiate(m, v, &t, &d);
    cr_assert_eq(s, EQ_OK, "status %d: %s", s, d.message);
    cr_assert_not_null(t);
    free(v);
    return t;
}

/* The child of v reached by the action named a. */
static int child_named(const eq_tree *t, int v, const char *a)
{
    for (int k = 0; k < eq_tree_node_children(t, v); k++)
        if (strcmp(eq_tree_node_action_name(t, v, k), a) == 0)
            return eq_tree_child(t, v, k);
    cr_assert_fail("node %d has no action '%s'", v, a);
    return -1;
}

/* The node reached from the root along a path "a/b/c". */
static int at_path(const eq_tree *t, const char *path)
{
    char buf[256], *save = NULL;
    int v = 0;
    snprintf(buf, sizeof buf, "%s", path);
    for (char *a = strtok_r(buf, "/", &save); a != NULL; a = strtok_r(NULL, "/", &save))
        v = child_named(t, v, a);
    return v;
}

static void expect_payoffs(const eq_tree *t, int v, const double *want)
{
    cr_assert_eq(eq_tree_node_kind(t, v), EQ_NODE_TERMINAL, "node %d", v);
    for (int p = 0; p < eq_tree_players(t); p++)
        cr_expect_float_eq(eq_tree_payoff(t, v, p), want[p], 1e-12, "node %d player %d: %g",
                           v, p, eq_tree_payoff(t, v, p));
}

static int same_str(const char *a, const char *b)
{
    if (a == NULL || a[0] == '\0')
        return b == NULL || b[0] == '\0';
    return b != NULL && strcmp(a, b) == 0;
}

/* Two trees are the same node by node and set by set (numbering
** included): kinds, players, labels, action names, probabilities and
** payoffs (to the bit), information sets and subgames. */
static void same_tree(const eq_tree *a, const eq_tree *b)
{
    cr_assert_eq(eq_tree_players(a), eq_tree_players(b));
    cr_expect_str_eq(eq_tree_title(a), eq_tree_title(b));
    for (int p = 0; p < eq_tree_players(a); p++)
        cr_expect_str_eq(eq_tree_player_name(a, p), eq_tree_player_name(b, p));
    cr_assert_eq(eq_tree_nodes(a), eq_tree_nodes(b));
    cr_assert_eq(eq_tree_infosets(a), eq_tree_infosets(b));
    for (int v = 0; v < eq_tree_nodes(a); v++) {
        cr_assert_eq(eq_tree_node_kind(a, v), eq_tree_node_kind(b, v), "node %d", v);
        cr_expect_eq(eq_tree_node_player(a, v), eq_tree_node_player(b, v), "node %d", v);
        cr_expect_eq(eq_tree_node_infoset(a, v), eq_tree_node_infoset(b, v), "node %d", v);
        cr_expect_eq(eq_tree_node_parent(a, v), eq_tree_node_parent(b, v), "node %d", v);
        cr_expect(same_str(eq_tree_node_label(a, v), eq_tree_node_label(b, v)),
                  "node %d: '%s' / '%s'", v, eq_tree_node_label(a, v),
                  eq_tree_node_label(b, v));
        cr_assert_eq(eq_tree_node_children(a, v), eq_tree_node_children(b, v));
        for (int k = 0; k < eq_tree_node_children(a, v); k++) {
            cr_expect_eq(eq_tree_child(a, v, k), eq_tree_child(b, v, k));
            cr_expect_str_eq(eq_tree_node_action_name(a, v, k),
                             eq_tree_node_action_name(b, v, k));
            if (eq_tree_node_kind(a, v) == EQ_NODE_CHANCE)
                cr_expect(eq_tree_chance_prob(a, v, k) == eq_tree_chance_prob(b, v, k),
                          "node %d move %d", v, k);
        }
        if (eq_tree_node_kind(a, v) == EQ_NODE_TERMINAL)
            for (int p = 0; p < eq_tree_players(a); p++)
                cr_expect(eq_tree_payoff(a, v, p) == eq_tree_payoff(b, v, p),
                          "node %d player %d: %.17g / %.17g", v, p, eq_tree_payoff(a, v, p),
                          eq_tree_payoff(b, v, p));
    }
    for (int h = 0; h < eq_tree_infosets(a); h++) {
        cr_expect_eq(eq_tree_infoset_player(a, h), eq_tree_infoset_player(b, h));
        cr_expect(same_str(eq_tree_infoset_label(a, h), eq_tree_infoset_label(b, h)),
                  "set %d: '%s' / '%s'", h, eq_tree_infoset_label(a, h),
                  eq_tree_infoset_label(b, h));
        cr_assert_eq(eq_tree_infoset_members(a, h), eq_tree_infoset_members(b, h));
        for (int k = 0; k < eq_tree_infoset_members(a, h); k++)
            cr_expect_eq(eq_tree_infoset_member(a, h, k), eq_tree_infoset_member(b, h, k));
    }
    cr_assert_eq(eq_tree_subgames(a), eq_tree_subgames(b));
    for (int k = 0; k < eq_tree_subgames(a); k++)
        cr_expect_eq(eq_tree_subgame_root(a, k), eq_tree_subgame_root(b, k));
}

/* Write t as a model, read it back, instantiate it (it has no
** parameters) and return the new tree. */
static eq_tree *round_trip(const eq_tree *t)
{
    char *text = NULL;
    eq_model *m;
    eq_tree *u;
    cr_assert_eq(eq_tree_write_game(t, &text), EQ_OK);
    cr_assert_not_null(text);
    m = parse_ok(text);
    cr_expect_eq(eq_model_params(m), 0, "%s", text);
    u = tree_of(m, NULL, 0);
    eq_model_free(m);
    eq_free(text);
    return u;
}

/* ------------------------------------------------------------------ */
/* Bad inputs: every one reports "name:line:col:" and a phrase.         */
/* ------------------------------------------------------------------ */

struct bad {
    const char *text;
    const char *where;      /* "bad.game:LINE:COL:", derived by hand */
    const char *phrase;
};

/* A tree of depth 21 in which every node's two actions lead to the same
** node: 2^22 - 1 tree nodes from 22 model nodes. */
static char *doubling_model(void)
{
    size_t cap = 4096, k = 0;
    char *s = malloc(cap);
    k += (size_t)snprintf(s + k, cap - k, "players A\n");
    for (int i = 0; i < 25; i++)
        k += (size_t)snprintf(s + k, cap - k, "node n%d: A chooses\n  a -> n%d\n  b -> n%d\n",
                              i, i + 1, i + 1);
    snprintf(s + k, cap - k, "node n25: (1)\n");
    return s;
}

static char *deep_model(int depth)
{
    size_t cap = (size_t)depth * 2 + 64, k = 0;
    char *s = malloc(cap);
    k += (size_t)snprintf(s + k, cap - k, "players A\nnode r: (");
    for (int i = 0; i < depth; i++)
        s[k++] = '(';
    s[k++] = '1';
    for (int i = 0; i < depth; i++)
        s[k++] = ')';
    snprintf(s + k, cap - k, ")\n");
    return s;
}

static const struct bad bad_cases[] = {
    /* 0 unknown player */
    { "players A B\nnode r: C chooses\n  x -> (1, 2)\n", "bad.game:2:9:",
      "unknown player 'C'" },
    /* 1 unknown node */
    { "players A B\nnode r: A chooses\n  x -> nowhere\n", "bad.game:3:8:",
      "unknown node 'nowhere'" },
    /* 2 duplicate action */
    { "players A B\nnode r: A chooses\n  x -> (1, 2)\n  x -> (3, 4)\n", "bad.game:4:3:",
      "duplicate action 'x'" },
    /* 3 duplicate node */
    { "players A B\nnode r: A chooses\n  x -> s\nnode s: (1, 2)\nnode s: (3, 4)\n",
      "bad.game:5:6:", "duplicate node 's'" },
    /* 4 duplicate parameter */
    { "param a = 1 in [0, 2]\nparam a = 1 in [0, 2]\nplayers A\nnode r: (a)\n",
      "bad.game:2:7:", "duplicate name 'a'" },
    /* 5 duplicate let */
    { "param a = 1 in [0, 2]\nlet b = a\nlet b = 2\nplayers A\nnode r: (b)\n",
      "bad.game:3:5:", "duplicate name 'b'" },
    /* 6 bad syntax */
    { "players A B\nnode r A chooses\n", "bad.game:2:8:", "expected ':'" },
    /* 7 default outside the domain */
    { "param a = 5 in [0, 2]\n", "bad.game:1:11:", "outside the domain [0, 2]" },
    /* 8 unknown function */
    { "players A\nnode r: (foo(1))\n", "bad.game:2:10:", "unknown function 'foo'" },
    /* 8b the list of functions names normcdf */
    { "players A\nnode r: (erf(1))\n", "bad.game:2:10:", "sqrt and normcdf)" },
    /* 9 wrong arity of a one-argument function */
    { "players A\nnode r: (log(1, 2))\n", "bad.game:2:10:", "log takes 1 argument, not 2" },
    /* 10 wrong arity of min */
    { "players A\nnode r: (min(1))\n", "bad.game:2:10:", "min takes 2 or more" },
    /* 11 a structural if on an interval parameter */
    { "param t = a in {a, b}\nparam h = 0.5 in [0, 1]\nplayers A\n"
      "node r: if t == a and h > 0.2 then (1) else (2)\n",
      "bad.game:4:23:", "only enumerated parameters" },
    /* 12 a cycle */
    { "players A\nnode r: A chooses\n  x -> s\nnode s: A chooses\n  y -> r\n",
      "bad.game:5:8:", "cycle: r -> s -> r" },
    /* 13 too many payoffs */
    { "players A B\nnode r: (1, 2, 3)\n", "bad.game:2:9:", "wrong number of payoffs" },
    /* 14 too few payoffs */
    { "players A B\nnode r: (1)\n", "bad.game:2:9:", "wrong number of payoffs" },
    /* 15 information set with other actions */
    { "players A B\nnode r: A chooses\n  x -> s\n  y -> u\nnode s: B chooses\n"
      "  l -> (1, 1)\n  r -> (0, 0)\nnode u: B chooses\n  l -> (1, 1)\n  m -> (0, 0)\n"
      "infoset h: B {s, u}\n", "bad.game:11:18:", "other actions" },
    /* 16 information set with other players */
    { "players A B\nnode r: A chooses\n  x -> s\n  y -> u\nnode s: B chooses\n"
      "  l -> (1, 1)\nnode u: A chooses\n  l -> (1, 1)\ninfoset h: B {s, u}\n",
      "bad.game:9:18:", "node 'u' belongs to A" },
    /* 17 unknown name in an expression */
    { "players A\nnode r: (zz + 1)\n", "bad.game:2:10:", "unknown name 'zz'" },
    /* 18 an enumerated parameter in arithmetic */
    { "param t = a in {a, b}\nplayers A\nnode r: (t + 1)\n", "bad.game:3:10:",
      "'t' is an enumerated parameter" },
    /* 19 an unknown choice */
    { "param t = a in {a, b}\nplayers A\nnode r: if t == c then (1) else (2)\n",
      "bad.game:3:17:", "'c' is not a choice of 't'" },
    /* 20 unterminated string */
    { "game \"abc\n", "bad.game:1:6:", "unterminated string" },
    /* 21 unreachable node */
    { "players A\nnode r: (1)\nnode s: (2)\n", "bad.game:3:6:", "cannot be reached" },
    /* 22 empty domain */
    { "param a = 1 in [2, 0]\n", "bad.game:1:7:", "domain of 'a' is empty" },
    /* 23 enumerated default not a choice */
    { "param t = c in {a, b}\n", "bad.game:1:11:", "not one of the choices" },
    /* 24 a row with too few cells */
    { "players A B\nstage s: A x B\n  l r\n  u (1, 1)\n", "bad.game:4:11:",
      "row 'u' has 1 cell, but there are 2 columns" },
    /* 25 a player twice in a stage */
    { "players A B\nstage s: A x A\n", "bad.game:2:14:", "appears twice" },
    /* 26 chained comparisons */
    { "players A\nnode r: (1 < 2 < 3)\n", "bad.game:2:16:", "do not chain" },
    /* 27 nodes before players */
    { "node r: (1)\n", "bad.game:1:1:", "declare the players" },
    /* 28 a terminal node in an information set */
    { "players A\nnode r: A chooses\n  x -> s\nnode s: (1)\ninfoset h: A {r, s}\n",
      "bad.game:5:18:", "is a terminal node" },
    /* 29 a let used before it is defined */
    { "let a = b\n", "bad.game:1:9:", "unknown name 'b'" },
    /* 30 a character that starts no token */
    { "players A\n@\n", "bad.game:2:1:", "unexpected character '@'" },
    /* 31 a row unknown to the first block of a three-player stage */
    { "players A B C\nstage s: A x B x C\n  C = c1:\n      l\n    u (1, 1, 1)\n"
      "  C = c2:\n      l\n    v (1, 1, 1)\n", "bad.game:8:5:", "unknown action 'v' of A" },
    /* 32 a payoff missing from a tuple by name */
    { "players A B\nnode r: (A: 1)\n", "bad.game:2:9:", "no payoff for 'B'" },
    /* 33 a payoff given twice by name */
    { "players A B\nnode r: (A: 1, A: 2)\n", "bad.game:2:16:", "given twice" },
    /* 34 a duplicate choice */
    { "param t = a in {a, b, a}\n", "bad.game:1:23:", "duplicate choice 'a'" },
    /* 35 an enumerated parameter compared with < */
    { "param t = a in {a, b}\nplayers A\nnode r: if t < b then (1) else (2)\n",
      "bad.game:3:12:", "only == and != compare it" },
    /* 36 a node with no actions */
    { "players A\nnode r: A chooses\nnode s: (1)\n", "bad.game:2:6:",
      "node 'r' has no actions" },
    /* 37 an unknown escape in a string */
    { "game \"a\\qb\"\n", "bad.game:1:8:", "unknown escape" },
    /* 38 a malformed number */
    { "players A\nnode r: (1.5x)\n", "bad.game:2:10:", "malformed number '1.5x'" },
    /* 39 the third block lacks a column's name of the first */
    { "players A B C\nstage s: A x B x C\n  C = c1:\n      l r\n    u (1, 1, 1) (2, 2, 2)\n"
      "  C = c2:\n      l q\n    u (1, 1, 1) (2, 2, 2)\n", "bad.game:7:9:",
      "unknown action 'q' of B" },
    /* 40 a third player's action twice */
    { "players A B C\nstage s: A x B x C\n  C = c1:\n      l\n    u (1, 1, 1)\n"
      "  C = c1:\n      l\n    u (1, 1, 1)\n", "bad.game:6:7:", "duplicate action 'c1' of C" },
    /* 41 a node in two information sets */
    { "players A B\nnode r: A chooses\n  x -> s\n  y -> u\nnode s: B chooses\n"
      "  l -> (1, 1)\nnode u: B chooses\n  l -> (1, 1)\ninfoset h: B {s, u}\n"
      "infoset g: B {s}\n", "bad.game:10:15:", "already in information set 'h'" },
    /* 42 an unknown root */
    { "players A\nnode r: (1)\nstart q\n", "bad.game:3:7:", "unknown node 'q'" },
    /* 43 a declaration keyword where a name belongs */
    { "players A\nnode r: A chooses\n  x -> (1)\nnode node: (1)\n", "bad.game:4:6:",
      "expected the node's name" },
};

/* Criterion hands parameters to a test process through shared memory,
** where pointers into the parent's data mean nothing: so the parameter
** is the index into the table. */
#define NBAD ((int)(sizeof bad_cases / sizeof bad_cases[0]))

ParameterizedTestParameters(model, bad_input)
{
    static int idx[NBAD];
    for (int i = 0; i < NBAD; i++)
        idx[i] = i;
    return cr_make_param_array(int, idx, NBAD);
}

ParameterizedTest(int *k, model, bad_input)
{
    const struct bad *c = &bad_cases[*k];
    eq_model *m = (eq_model *)1;
    eq_diag d;
    eq_status s = eq_model_parse(&m, c->text, strlen(c->text), "bad.game", &d);
    cr_assert_eq(s, EQ_ERR_PARSE, "status %d (%s) for:\n%s", s, d.message, c->text);
    cr_assert_null(m);
    cr_expect_eq(strncmp(d.message, c->where, strlen(c->where)), 0, "'%s' should start '%s'",
                 d.message, c->where);
    cr_expect_not_null(strstr(d.message, c->phrase), "'%s' should say '%s'", d.message,
                       c->phrase);
    cr_expect_gt(d.line, 0);
    cr_expect_gt(d.col, 0);
    cr_expect_gt(strlen(d.source_line), 0);
}

/* The source line comes with the message, for a caret under the column. */
Test(model, diag_quotes_the_line)
{
    const char *text = "players A B\nnode r: A chooses\n  x -> nowhere\n";
    eq_model *m;
    eq_diag d;
    cr_assert_eq(eq_model_parse(&m, text, strlen(text), "bad.game", &d), EQ_ERR_PARSE);
    cr_expect_str_eq(d.message, "bad.game:3:8: unknown node 'nowhere'");
    cr_expect_str_eq(d.source_line, "  x -> nowhere");
    cr_expect_eq(d.line, 3);
    cr_expect_eq(d.col, 8);
}

/* Duplicate actions among many (the parser hashes beyond 16): k actions
** a0 .. a{k-1} at one node, and a repeat of a{dup} as action k + 1
** (dup < 0: none).  The repeat is on line k + 3, column 3. */
static char *many_actions(int k, int dup)
{
    size_t cap = (size_t)k * 32 + 128, n = 0;
    char *s = malloc(cap);
    n += (size_t)snprintf(s + n, cap - n, "players A B\nnode r: A chooses\n");
    for (int a = 0; a < k; a++)
        n += (size_t)snprintf(s + n, cap - n, "  a%d -> (%d, 0)\n", a, a);
    if (dup >= 0)
        snprintf(s + n, cap - n, "  a%d -> (0, 1)\n", dup);
    return s;
}

Test(model, duplicate_among_many_actions)
{
    static const int ks[] = { 15, 16, 17, 40, 600 };
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        int k = ks[i];
        char *ok = many_actions(k, -1), *bad = many_actions(k, k / 2), want[96];
        eq_model *m = NULL;
        eq_diag d;
        cr_expect_eq(eq_model_parse(&m, ok, strlen(ok), "ok.game", &d), EQ_OK, "%d: %s", k,
                     d.message);
        eq_model_free(m);
        m = NULL;
        cr_expect_eq(eq_model_parse(&m, bad, strlen(bad), "bad.game", &d), EQ_ERR_PARSE);
        snprintf(want, sizeof want, "bad.game:%d:3: duplicate action 'a%d' at node 'r'", k + 3,
                 k / 2);
        cr_expect_str_eq(d.message, want);
        cr_expect_null(m);
        free(ok);
        free(bad);
    }
}

/* A tree too large to build (25 doubling levels: 2^26 - 1 nodes, above
** MODEL_MAX_TREE = 2^24), and nesting too deep to parse, are errors. */
Test(model, limits)
{
    char *s = doubling_model();
    eq_model *m;
    eq_diag d;
    cr_assert_eq(eq_model_parse(&m, s, strlen(s), "bad.game", &d), EQ_ERR_PARSE);
    cr_expect_not_null(strstr(d.message, "bad.game:2:6: the game tree would have more than "
                                           "16777216 nodes (the limit MODEL_MAX_TREE)"),
                       "%s", d.message);
    free(s);
    /* 200 levels parse; 250 do not.  The tuple's '(' is column 9, the
    ** expression's k-th level opens at column 9 + k. */
    s = deep_model(199);
    cr_expect_eq(eq_model_parse(&m, s, strlen(s), "deep.game", &d), EQ_OK, "%s", d.message);
    eq_model_free(m);
    free(s);
    s = deep_model(250);
    cr_assert_eq(eq_model_parse(&m, s, strlen(s), "bad.game", &d), EQ_ERR_PARSE);
    cr_expect_not_null(strstr(d.message, "bad.game:2:210: expression nested too deeply"),
                       "%s", d.message);
    free(s);
}

/* Hostile bytes never crash the parser: every prefix of a good model,
** and the model with each byte replaced in turn by a few others. */
Test(model, mutations)
{
    FILE *f = fopen(FIX "nato.game", "rb");
    char buf[8192], *mut;
    size_t n;
    static const char subst[] = { '\0', '(', ')', '\n', '"', '-', '{', 'x', '#', ':' };
    cr_assert_not_null(f);
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    for (size_t k = 0; k <= n; k += 3) {
        eq_model *m = NULL;
        eq_diag d;
        if (eq_model_parse(&m, buf, k, "prefix", &d) == EQ_OK)
            eq_model_free(m);
    }
    mut = malloc(n);
    for (size_t k = 0; k < n; k += 2)
        for (size_t j = 0; j < sizeof subst; j++) {
            eq_model *m = NULL;
            eq_tree *t = NULL;
            eq_diag d;
            memcpy(mut, buf, n);
            mut[k] = subst[j];
            if (eq_model_parse(&m, mut, n, "mutant", &d) == EQ_OK) {
                double v[16];
                if (eq_model_params(m) <= 16 && eq_model_defaults(m, v) == EQ_OK &&
                    eq_model_instantiate(m, v, &t, &d) == EQ_OK)
                    eq_tree_free(t);
                eq_model_free(m);
            } else {
                cr_expect_gt(strlen(d.message), 0);
            }
        }
    free(mut);
}

/* ------------------------------------------------------------------ */
/* Good inputs                                                          */
/* ------------------------------------------------------------------ */

/* Entry deterrence: an entrant stays out (0, 2) or enters, and the
** incumbent fights (-c, -c) or accommodates (1, 1). */
Test(model, entry_deterrence)
{
    eq_model *m = read_ok(FIX "entry.game");
    eq_tree *t;
    int in, fight;

    cr_expect_str_eq(eq_model_title(m), "Entry deterrence");
    cr_assert_eq(eq_model_players(m), 2);
    cr_expect_str_eq(eq_model_player_name(m, 0), "Entrant");
    cr_expect_str_eq(eq_model_player_name(m, 1), "Incumbent");
    cr_assert_eq(eq_model_params(m), 1);
    cr_expect_str_eq(eq_model_param_name(m, 0), "fight_cost");
    cr_expect_str_eq(eq_model_param_description(m, 0), "what a price war costs each firm");
    cr_expect_not(eq_model_param_is_enum(m, 0));
    cr_expect_float_eq(eq_model_param_lo(m, 0), 0.0, 1e-15);
    cr_expect_float_eq(eq_model_param_hi(m, 0), 10.0, 1e-15);
    cr_expect_float_eq(eq_model_param_default(m, 0), 1.0, 1e-15);
    cr_expect_eq(eq_model_param_index(m, "fight_cost"), 0);
    cr_expect_eq(eq_model_param_index(m, "nope"), -1);

    t = tree_of(m, (const char *[]){ "fight_cost=2.385" }, 1);
    cr_expect_str_eq(eq_tree_title(t), "Entry deterrence");
    cr_assert_eq(eq_tree_nodes(t), 5);
    cr_expect_eq(eq_tree_node_kind(t, 0), EQ_NODE_DECISION);
    cr_expect_eq(eq_tree_node_player(t, 0), 0);
    cr_expect_str_eq(eq_tree_node_label(t, 0), "entry");
    expect_payoffs(t, at_path(t, "out"), (double[]){ 0, 2 });
    in = at_path(t, "in");
    cr_expect_eq(eq_tree_node_kind(t, in), EQ_NODE_DECISION);
    cr_expect_eq(eq_tree_node_player(t, in), 1);
    cr_expect_str_eq(eq_tree_node_label(t, in), "response");
    fight = at_path(t, "in/fight");
    expect_payoffs(t, fight, (double[]){ -2.385, -2.385 });
    /* By name, in another order: Incumbent 1, Entrant 1. */
    expect_payoffs(t, at_path(t, "in/accommodate"), (double[]){ 1, 1 });
    cr_expect_eq(eq_tree_infosets(t), 2);
    cr_assert_eq(eq_tree_subgames(t), 2);
    cr_expect_eq(eq_tree_subgame_root(t, 0), 0);
    cr_expect_eq(eq_tree_subgame_root(t, 1), in);
    eq_tree_free(t);
    eq_model_free(m);
}

/* A chance node whose probabilities are expressions of a parameter. */
Test(model, chance_probabilities)
{
    eq_model *m = parse_ok(
        "players Nature_s_victim\n"
        "param p = 0.2385 in [0, 0.5] \"chance of a storm\"\n"
        "node weather: chance\n"
        "  storm  (p)             -> (-10)\n"
        "  wind   (p / 2)         -> (-1)\n"
        "  calm   (1 - 1.5 * p)   -> (3)\n");
    eq_tree *t = tree_of(m, NULL, 0);
    cr_assert_eq(eq_tree_node_kind(t, 0), EQ_NODE_CHANCE);
    cr_assert_eq(eq_tree_node_children(t, 0), 3);
    cr_expect_str_eq(eq_tree_node_action_name(t, 0, 1), "wind");
    cr_expect_float_eq(eq_tree_chance_prob(t, 0, 0), 0.2385, 1e-15);
    cr_expect_float_eq(eq_tree_chance_prob(t, 0, 1), 0.11925, 1e-15);
    cr_expect_float_eq(eq_tree_chance_prob(t, 0, 2), 1 - 1.5 * 0.2385, 1e-15);
    expect_payoffs(t, eq_tree_child(t, 0, 2), (double[]){ 3 });
    eq_tree_free(t);
    eq_model_free(m);
}

/* A two-player stage: the row player moves, then the column player in
** one information set covering both rows. */
Test(model, stage_two_players)
{
    eq_model *m = parse_ok(
        "players Russia Ukraine\n"
        "param war_cost = 3 in [0, 20]\n"
        "stage postwar: Russia x Ukraine\n"
        "               arm_self          free_ride\n"
        "  escalate     (-war_cost, -4)   (2, -8)\n"
        "  restrain     (0, 1)            -> talks\n"
        "node talks: (Ukraine: 0.5, Russia: 0.25)\n");
    eq_tree *t = tree_of(m, NULL, 0);
    int esc = at_path(t, "escalate"), res = at_path(t, "restrain"), h;
    cr_assert_eq(eq_tree_nodes(t), 7);
    cr_expect_eq(eq_tree_node_player(t, 0), 0);
    cr_expect_str_eq(eq_tree_node_label(t, 0), "postwar");
    cr_expect_eq(eq_tree_node_player(t, esc), 1);
    h = eq_tree_node_infoset(t, esc);
    cr_expect_eq(eq_tree_node_infoset(t, res), h);
    cr_assert_eq(eq_tree_infoset_members(t, h), 2);
    cr_expect_eq(eq_tree_infoset_player(t, h), 1);
    cr_expect_str_eq(eq_tree_infoset_action_name(t, h, 0), "arm_self");
    cr_expect_str_eq(eq_tree_infoset_action_name(t, h, 1), "free_ride");
    cr_expect_str_eq(eq_tree_infoset_label(t, h), "postwar");
    expect_payoffs(t, at_path(t, "escalate/arm_self"), (double[]){ -3, -4 });
    expect_payoffs(t, at_path(t, "escalate/free_ride"), (double[]){ 2, -8 });
    expect_payoffs(t, at_path(t, "restrain/arm_self"), (double[]){ 0, 1 });
    expect_payoffs(t, at_path(t, "restrain/free_ride"), (double[]){ 0.25, 0.5 });
    cr_expect_str_eq(eq_tree_node_label(t, at_path(t, "restrain/free_ride")), "talks");
    cr_expect_eq(eq_tree_subgames(t), 1);
    eq_tree_free(t);
    eq_model_free(m);
}

/* A three-player stage: one matrix per action of the third player, whose
** rows and columns may come in another order. */
Test(model, stage_three_players)
{
    eq_model *m = read_ok(FIX "nato.game");
    eq_tree *t = tree_of(m, NULL, 0);   /* timing = after */
    int crisis = at_path(t, "cease_fire/admit/restrain/free_ride");
    int hu, hw;
    cr_assert_eq(eq_tree_node_player(t, crisis), 0);
    cr_expect_str_eq(eq_tree_node_label(t, crisis), "crisis");
    hu = eq_tree_node_infoset(t, child_named(t, crisis, "press"));
    cr_expect_eq(eq_tree_node_infoset(t, child_named(t, crisis, "wait")), hu);
    cr_expect_eq(eq_tree_infoset_members(t, hu), 2);
    cr_expect_eq(eq_tree_infoset_player(t, hu), 1);
    hw = eq_tree_node_infoset(t, at_path(t, "cease_fire/admit/restrain/free_ride/press/hold"));
    cr_expect_eq(eq_tree_infoset_members(t, hw), 4);
    cr_expect_eq(eq_tree_infoset_player(t, hw), 2);
    cr_expect_str_eq(eq_tree_infoset_action_name(t, hw, 0), "support");
    cr_expect_str_eq(eq_tree_infoset_action_name(t, hw, 1), "abstain");
    expect_payoffs(t, at_path(t, "cease_fire/admit/restrain/free_ride/press/hold/support"),
                   (double[]){ -1, 0, -1 });
    expect_payoffs(t, at_path(t, "cease_fire/admit/restrain/free_ride/press/hold/abstain"),
                   (double[]){ 2, -2, 0 });
    expect_payoffs(t, at_path(t, "cease_fire/admit/restrain/free_ride/wait/yield/abstain"),
                   (double[]){ 0, 0, 1 });
    expect_payoffs(t, at_path(t, "cease_fire/admit/restrain/free_ride/wait/yield/support"),
                   (double[]){ 0, -1, 0 });
    /* A let: -honour * war_cost. */
    expect_payoffs(t, at_path(t, "cease_fire/admit/escalate/arm_self"),
                   (double[]){ -0.7 * 3, -4, -2 });
    eq_tree_free(t);
    eq_model_free(m);
}

/* The structural switch: admission before a cease-fire starts with a
** chance node, after one with Russia's choice. */
Test(model, structural_switch)
{
    eq_model *m = read_ok(FIX "nato.game");
    eq_tree *after = tree_of(m, NULL, 0);
    eq_tree *before = tree_of(m, (const char *[]){ "timing=before", "honour=0.25" }, 2);
    int k = eq_model_param_index(m, "timing");
    cr_assert_eq(k, 0);
    cr_expect(eq_model_param_is_enum(m, k));
    cr_assert_eq(eq_model_param_choices(m, k), 2);
    cr_expect_str_eq(eq_model_param_choice(m, k, 0), "before");
    cr_expect_str_eq(eq_model_param_choice(m, k, 1), "after");
    cr_expect_null(eq_model_param_choice(m, k, 2));
    cr_expect_float_eq(eq_model_param_default(m, k), 1.0, 1e-15);

    cr_expect_eq(eq_tree_node_kind(after, 0), EQ_NODE_DECISION);
    cr_expect_str_eq(eq_tree_node_label(after, 0), "talks");
    cr_expect_eq(eq_tree_nodes(after), 25);
    cr_expect_eq(eq_tree_subgames(after), 4);

    cr_expect_eq(eq_tree_node_kind(before, 0), EQ_NODE_CHANCE);
    cr_expect_str_eq(eq_tree_node_label(before, 0), "admit_now");
    cr_expect_float_eq(eq_tree_chance_prob(before, 0, 0), 0.25, 1e-15);
    cr_expect_float_eq(eq_tree_chance_prob(before, 0, 1), 0.75, 1e-15);
    cr_expect_eq(eq_tree_nodes(before), 23);
    expect_payoffs(before, at_path(before, "honoured/escalate/arm_self"),
                   (double[]){ -0.25 * 3, -4, -2 });
    eq_tree_free(after);
    eq_tree_free(before);
    eq_model_free(m);
}

/* Lets, every operator and function, with values worked out by hand at
** a = 2.385 (b = 4.77, c = 3.77). */
Test(model, operators_and_functions)
{
    eq_model *m = parse_ok(
        "param a = 2.385 in [-10, 10]\n"
        "param mode = soft in {soft, hard}\n"
        "let b = a * 2\n"
        "let c = b - 1          # a let of a let\n"
        "players P\n"
        "node r: P chooses\n"
        "  e1  -> (max(2, 3) ^ 2 - abs(-1.5) * 2)\n"
        "  e2  -> (min(4, 2, 3) + exp(0) + log(1) + sqrt(16))\n"
        "  e3  -> (if a > 1 and not (a >= 3) or a == 0 then 10 else -10)\n"
        "  e4  -> ((a < 2) + (a <= 2.385) + (a != 1) + -a / 2)\n"
        "  e5  -> (2 ^ -1 + -2 ^ 2 + 2 ^ 3 ^ 2 / 64)\n"
        "  e6  -> (c)\n"
        "  e7  -> (if mode == soft then 1 else 2)\n"
        "  e8  -> (if mode != soft then 1 else 2)\n"
        "  e9  -> (if a > 100 then 1 / 0 else log(exp(2.5)))\n"
        "  e10 -> (10 - 4 - 3 + 12 / 4 / 3 * 2 - (1 > 2) - (2 > 1) + (1 >= 1))\n"
        "  e11 -> (if 0 or 0 then 1 else if 0 and 1 then 2 else 3)\n"
        "  e12 -> (max(a, b, c) - min(a, b, c) + +1)\n");
    eq_tree *t = tree_of(m, NULL, 0);
    static const double want[] = {
        6.0, 7.0, 10.0, 0.0 + 1 + 1 - 2.385 / 2, 0.5 - 4 + 512.0 / 64, 3.77, 1, 2, 2.5,
        10 - 4 - 3 + 2.0 - 0 - 1 + 1, 3, 4.77 - 2.385 + 1,
    };
    for (int k = 0; k < (int)(sizeof want / sizeof want[0]); k++)
        cr_expect_float_eq(eq_tree_payoff(t, eq_tree_child(t, 0, k), 0), want[k], 1e-12,
                           "e%d = %.17g", k + 1, eq_tree_payoff(t, eq_tree_child(t, 0, k), 0));
    eq_tree_free(t);
    /* The branch not taken is never evaluated; the one taken is. */
    t = tree_of(m, (const char *[]){ "mode=hard", "a=-1e-3" }, 2);
    cr_expect_float_eq(eq_tree_payoff(t, eq_tree_child(t, 0, 6), 0), 2, 1e-12);
    cr_expect_float_eq(eq_tree_payoff(t, eq_tree_child(t, 0, 2), 0), -10, 1e-12);
    eq_tree_free(t);
    eq_model_free(m);
}

/* normcdf, the standard normal cdf, against the table and Python's
** math.erfc (0.5 * erfc(-x / sqrt 2)): Phi(0) = 1/2, Phi(1) =
** 0.8413447460685429, Phi(-2.5) = 0.006209665325776139, Phi(1.5) =
** 0.9331927987311419 (a = 1.5), and Phi(-30) = 4.906713927148764e-198,
** a far tail kept to 1e-12 relative accuracy (1 + erf would give 0; the
** tail's own conditioning, |d log Phi / dx| = 30 there, turns the rounding
** of x / sqrt 2 into a few 1e-14). */
Test(model, normcdf)
{
    eq_model *m = parse_ok(
        "param a = 1.5 in [-10, 10]\n"
        "players P\n"
        "node r: P chooses\n"
        "  e1 -> (normcdf(0))\n"
        "  e2 -> (normcdf(1))\n"
        "  e3 -> (normcdf(-2.5))\n"
        "  e4 -> (normcdf(a))\n"
        "  e5 -> (normcdf(-20 * a) * 1e198)\n"
        "  e6 -> (normcdf(a) + normcdf(-a))\n");
    eq_tree *t = tree_of(m, NULL, 0);
    static const double want[] = {
        0.5, 0.8413447460685429, 0.006209665325776139, 0.9331927987311419,
        4.906713927148764, 1.0,
    };
    eq_model *bad = NULL;
    eq_diag d;
    static const char text[] = "players A\nnode r: (normcdf(1, 2))\n";
    for (int k = 0; k < 6; k++)
        cr_expect(fabs(eq_tree_payoff(t, eq_tree_child(t, 0, k), 0) - want[k]) <=
                      (k == 4 ? 1e-12 : 1e-14) * want[k], "e%d = %.17g", k + 1,
                  eq_tree_payoff(t, eq_tree_child(t, 0, k), 0));
    eq_tree_free(t);
    eq_model_free(m);
    cr_assert_eq(eq_model_parse(&bad, text, strlen(text), "bad.game", &d), EQ_ERR_PARSE);
    cr_expect(strstr(d.message, "normcdf takes 1 argument, not 2") != NULL, "%s", d.message);
    cr_expect_eq(d.line, 2);
    cr_expect_eq(d.col, 10);
}

/* Payoffs by player name, in any order, and names given as strings. */
Test(model, payoffs_by_name)
{
    eq_model *m = parse_ok(
        "game \"Names\"\n"
        "players \"Player 1\" Two Three\n"
        "node r: \"Player 1\" chooses\n"
        "  \"go left\" -> (Three: 3, \"Player 1\": 1, Two: 2)\n"
        "  right     -> (4, 5, 6)\n");
    eq_tree *t = tree_of(m, NULL, 0);
    cr_expect_str_eq(eq_tree_player_name(t, 0), "Player 1");
    cr_expect_str_eq(eq_tree_node_action_name(t, 0, 0), "go left");
    expect_payoffs(t, eq_tree_child(t, 0, 0), (double[]){ 1, 2, 3 });
    expect_payoffs(t, eq_tree_child(t, 0, 1), (double[]){ 4, 5, 6 });
    eq_tree_free(t);
    eq_model_free(m);
}

/* Information sets declared with `infoset`, a root given by `start`, a
** named terminal reached twice, and labels of one's own (the beer-quiche
** signalling game). */
Test(model, infosets_and_start)
{
    eq_model *m = parse_ok(
        "players Sender Receiver\n"
        "node calm \"\": (2, 0)\n"
        "start deal\n"
        "node deal: chance\n"
        "  strong (1/3) -> s_strong\n"
        "  weak   (2/3) -> s_weak\n"
        "node s_strong \"Sender is strong\": Sender chooses\n"
        "  beer   -> r_beer\n"
        "  quiche -> r_quiche\n"
        "node s_weak: Sender chooses\n"
        "  beer   -> r_beer2\n"
        "  quiche -> r_quiche2\n"
        "node r_beer: Receiver chooses\n"
        "  duel -> (1, -1)\n"
        "  walk -> (3, 0)\n"
        "node r_beer2: Receiver chooses\n"
        "  duel -> (0, 1)\n"
        "  walk -> calm\n"
        "node r_quiche: Receiver chooses\n"
        "  duel -> (0, -1)\n"
        "  walk -> calm\n"
        "node r_quiche2: Receiver chooses\n"
        "  duel -> (1, 1)\n"
        "  walk -> (3, 0)\n"
        "infoset after_beer \"saw beer\": Receiver {r_beer, r_beer2}\n"
        "infoset after_quiche: Receiver {r_quiche, r_quiche2}\n");
    eq_tree *t = tree_of(m, NULL, 0);
    int sb = at_path(t, "strong/beer"), wb = at_path(t, "weak/beer");
    int sq = at_path(t, "strong/quiche"), wq = at_path(t, "weak/quiche");
    int h = eq_tree_node_infoset(t, sb);

    cr_assert_eq(eq_tree_node_kind(t, 0), EQ_NODE_CHANCE);
    cr_expect_float_eq(eq_tree_chance_prob(t, 0, 0), 1.0 / 3, 1e-15);
    cr_expect_float_eq(eq_tree_chance_prob(t, 0, 1), 2.0 / 3, 1e-15);
    cr_expect_str_eq(eq_tree_node_label(t, at_path(t, "strong")), "Sender is strong");
    cr_expect_str_eq(eq_tree_infoset_label(t, eq_tree_node_infoset(t, at_path(t, "strong"))),
                     "Sender is strong");
    cr_expect_eq(eq_tree_node_infoset(t, wb), h);
    cr_expect_eq(eq_tree_infoset_members(t, h), 2);
    cr_expect_str_eq(eq_tree_infoset_label(t, h), "saw beer");
    cr_expect_eq(eq_tree_node_infoset(t, sq), eq_tree_node_infoset(t, wq));
    cr_expect_neq(eq_tree_node_infoset(t, sq), h);
    cr_expect_str_eq(eq_tree_infoset_label(t, eq_tree_node_infoset(t, sq)), "after_quiche");
    cr_expect_eq(eq_tree_infosets(t), 4);
    /* calm, reached twice, is copied; its label "" means none. */
    expect_payoffs(t, at_path(t, "weak/beer/walk"), (double[]){ 2, 0 });
    expect_payoffs(t, at_path(t, "strong/quiche/walk"), (double[]){ 2, 0 });
    cr_expect_null(eq_tree_node_label(t, at_path(t, "weak/beer/walk")));
    cr_expect_eq(eq_tree_subgames(t), 1);
    eq_tree_free(t);
    eq_model_free(m);
}

/* Perfect recall is checked when the tree is built. */
Test(model, perfect_recall)
{
    eq_model *m = parse_ok(
        "players A B\n"
        "node r: A chooses\n"
        "  x -> s\n"
        "  y -> u\n"
        "node s: A chooses\n"
        "  l -> (1, 1)\n"
        "  m -> (0, 0)\n"
        "node u: A chooses\n"
        "  l -> (2, 2)\n"
        "  m -> (3, 3)\n"
        "infoset forgetful: A {s, u}\n");
    double v[1];
    eq_tree *t = NULL;
    eq_diag d;
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_ERR_ARG);
    cr_expect_null(t);
    cr_expect_not_null(strstr(d.message, "ok.game:11:9: information set 'forgetful' breaks "
                                         "perfect recall"), "%s", d.message);
    eq_model_free(m);
}

/* ------------------------------------------------------------------ */
/* Parameters                                                           */
/* ------------------------------------------------------------------ */

Test(model, set_param)
{
    eq_model *m = read_ok(FIX "nato.game");
    double v[3], keep[3];
    eq_diag d;
    int t = eq_model_param_index(m, "timing"), h = eq_model_param_index(m, "honour"),
        w = eq_model_param_index(m, "war_cost");

    cr_assert_eq(eq_model_params(m), 3);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    cr_expect_float_eq(v[t], 1, 1e-15);
    cr_expect_float_eq(v[h], 0.7, 1e-15);
    cr_expect_float_eq(v[w], 3, 1e-15);
    /* Good: a choice's name, a decimal, a fraction, spaces around. */
    cr_expect_eq(eq_model_set_param(m, v, "timing=before", &d), EQ_OK, "%s", d.message);
    cr_expect_float_eq(v[t], 0, 1e-15);
    cr_expect_eq(eq_model_set_param(m, v, "honour=0.2385", &d), EQ_OK, "%s", d.message);
    cr_expect_float_eq(v[h], 0.2385, 1e-15);
    cr_expect_eq(eq_model_set_param(m, v, "honour=2/3", &d), EQ_OK, "%s", d.message);
    cr_expect_float_eq(v[h], 2.0 / 3, 1e-15);
    cr_expect_eq(eq_model_set_param(m, v, " war_cost = 1.5e1", &d), EQ_OK, "%s", d.message);
    cr_expect_float_eq(v[w], 15, 1e-15);
    cr_expect_eq(eq_model_set_param(m, v, "war_cost=-0", &d), EQ_OK, "%s", d.message);
    /* Bad: each leaves values as they were. */
    memcpy(keep, v, sizeof v);
    cr_expect_eq(eq_model_set_param(m, v, "nope=1", &d), EQ_ERR_ARG);
    cr_expect_not_null(strstr(d.message, "unknown parameter 'nope'"), "%s", d.message);
    cr_expect_not_null(strstr(d.message, "timing, honour, war_cost"), "%s", d.message);
    cr_expect_eq(eq_model_set_param(m, v, "honour=abc", &d), EQ_ERR_ARG);
    cr_expect_not_null(strstr(d.message, "malformed value 'abc'"), "%s", d.message);
    cr_expect_eq(eq_model_set_param(m, v, "honour=1/0", &d), EQ_ERR_ARG);
    cr_expect_not_null(strstr(d.message, "malformed value"), "%s", d.message);
    cr_expect_eq(eq_model_set_param(m, v, "war_cost=20.5", &d), EQ_ERR_ARG);
    cr_expect_not_null(strstr(d.message, "20.5 lies outside the domain [0, 20] of 'war_cost'"),
                       "%s", d.message);
    cr_expect_eq(eq_model_set_param(m, v, "timing=during", &d), EQ_ERR_ARG);
    cr_expect_not_null(strstr(d.message, "'during' is not a choice of 'timing' (its choices "
                                         "are before, after)"), "%s", d.message);
    cr_expect_eq(eq_model_set_param(m, v, "timing", &d), EQ_ERR_ARG);
    cr_expect_not_null(strstr(d.message, "expected NAME=VALUE"), "%s", d.message);
    cr_expect_eq(eq_model_set_param(m, v, "honour=", &d), EQ_ERR_ARG);
    cr_expect_eq(memcmp(keep, v, sizeof v), 0);
    cr_expect_eq(eq_model_set_param(NULL, v, "a=1", &d), EQ_ERR_ARG);
    cr_expect_null(eq_model_param_name(m, 3));
    cr_expect(isnan(eq_model_param_lo(m, -1)));
    cr_expect_eq(eq_model_param_choices(m, h), 0);
    eq_model_free(m);
}

/* ------------------------------------------------------------------ */
/* Errors at instantiation                                              */
/* ------------------------------------------------------------------ */

struct inst_bad {
    const char *text;
    const char *assign;     /* "NAME=VALUE" or NULL */
    double raw;             /* else: parameter 0 set to this directly */
    const char *where;
    const char *phrase;
};

#define RAW_NONE 12345.0

static const struct inst_bad inst_cases[] = {
    /* A probability outside [0, 1], at the probability's expression. */
    { "param p = 0.5 in [0, 2]\nplayers A\nnode r: chance\n  h (p) -> (1)\n"
      "  t (1 - p) -> (0)\n", "p=1.5", RAW_NONE, "bad.game:4:6:",
      "the probability of move 'h' is 1.5, outside [0, 1]" },
    /* Probabilities that do not sum to 1, at the chance node. */
    { "param p = 0.5 in [0, 1]\nplayers A\nnode r: chance\n  h (p) -> (1)\n"
      "  t (0.2) -> (0)\n", NULL, RAW_NONE, "bad.game:3:6:",
      "the probabilities of chance node 'r' sum to 0.7, not 1" },
    /* Division by zero, at the '/'. */
    { "param d = 1 in [0, 2]\nplayers A\nnode r: (1 / d)\n", "d=0", RAW_NONE,
      "bad.game:3:12:", "division by zero" },
    /* The log of a negative number, at 'log'. */
    { "param d = 1 in [0, 2]\nplayers A\nnode r: (log(d - 1.5))\n", NULL, RAW_NONE,
      "bad.game:3:10:", "log of a negative number (-0.5)" },
    /* The log of zero. */
    { "param d = 1 in [0, 2]\nplayers A\nnode r: (log(d - 1))\n", NULL, RAW_NONE,
      "bad.game:3:10:", "log of a zero number" },
    /* The square root of a negative number, at 'sqrt'. */
    { "param d = 1 in [0, 2]\nplayers A\nnode r: (2 * sqrt(d - 2))\n", NULL, RAW_NONE,
      "bad.game:3:14:", "square root of a negative number (-1)" },
    /* Overflow, at the operator. */
    { "param d = 1 in [0, 2]\nplayers A\nnode r: (1e308 * d * 10)\n", NULL, RAW_NONE,
      "bad.game:3:20:", "1e+308 * 10 overflows" },
    /* exp overflows. */
    { "param d = 1 in [0, 2]\nplayers A\nnode r: (exp(1000 * d))\n", NULL, RAW_NONE,
      "bad.game:3:10:", "exp(1000) overflows" },
    /* A negative number to a fractional power. */
    { "param d = 1 in [0, 2]\nplayers A\nnode r: ((d - 2) ^ 0.5)\n", NULL, RAW_NONE,
      "bad.game:3:18:", "-1 ^ 0.5 is not a real number" },
    /* An error inside a let, at the let's operator. */
    { "param d = 1 in [0, 2]\nlet q = 3 / (d - 1)\nplayers A\nnode r: (q)\n", NULL,
      RAW_NONE, "bad.game:2:11:", "division by zero" },
    /* A value outside its domain, at the parameter. */
    { "param d = 1 in [0, 2]\nplayers A\nnode r: (d)\n", NULL, 2.5, "bad.game:1:7:",
      "parameter 'd' = 2.5 lies outside its domain [0, 2]" },
    /* Not a number at all. */
    { "param d = 1 in [0, 2]\nplayers A\nnode r: (d)\n", NULL, NAN, "bad.game:1:7:",
      "lies outside its domain" },
    /* An enumerated parameter's value that is no choice's index. */
    { "param t = a in {a, b}\nplayers A\nnode r: if t == a then (1) else (2)\n", NULL, 2,
      "bad.game:1:7:", "parameter 't' has no choice number 2" },
};

#define NINST ((int)(sizeof inst_cases / sizeof inst_cases[0]))

ParameterizedTestParameters(model, instantiation_error)
{
    static int idx[NINST];
    for (int i = 0; i < NINST; i++)
        idx[i] = i;
    return cr_make_param_array(int, idx, NINST);
}

ParameterizedTest(int *k, model, instantiation_error)
{
    const struct inst_bad *c = &inst_cases[*k];
    eq_model *m;
    eq_diag d;
    eq_tree *t = NULL;
    double v[4];
    cr_assert_eq(eq_model_parse(&m, c->text, strlen(c->text), "bad.game", &d), EQ_OK, "%s",
                 d.message);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    if (c->assign != NULL)
        cr_assert_eq(eq_model_set_param(m, v, c->assign, &d), EQ_OK, "%s", d.message);
    if (c->raw != RAW_NONE)
        v[0] = c->raw;
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_ERR_ARG, "%s", c->text);
    cr_expect_null(t);
    cr_expect_eq(strncmp(d.message, c->where, strlen(c->where)), 0, "'%s' should start '%s'",
                 d.message, c->where);
    cr_expect_not_null(strstr(d.message, c->phrase), "'%s' should say '%s'", d.message,
                       c->phrase);
    cr_expect_gt(strlen(d.source_line), 0);
    eq_model_free(m);
}

/* ------------------------------------------------------------------ */
/* Instantiating again                                                  */
/* ------------------------------------------------------------------ */

/* The same structural choices update the same tree in place; another
** choice replaces it; an error frees it. */
Test(model, instantiate_in_place)
{
    eq_model *m = read_ok(FIX "nato.game");
    double *v = values_of(m, NULL, 0);
    eq_tree *t = NULL, *first, *fresh;
    eq_diag d;
    int h = eq_model_param_index(m, "honour"), w = eq_model_param_index(m, "war_cost");
    int tm = eq_model_param_index(m, "timing"), leaf, nodes;

    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    first = t;
    nodes = eq_tree_nodes(t);
    leaf = at_path(t, "cease_fire/admit/escalate/arm_self");
    expect_payoffs(t, leaf, (double[]){ -0.7 * 3, -4, -2 });

    v[h] = 0.25;
    v[w] = 8;
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    cr_expect_eq(t, first, "the tree should be updated in place");
    cr_expect_eq(eq_tree_nodes(t), nodes);
    expect_payoffs(t, leaf, (double[]){ -0.25 * 8, -4, -2 });
    expect_payoffs(t, at_path(t, "keep_fighting"), (double[]){ 1 - 8, -5, -1 });
    cr_expect_eq(eq_tree_subgames(t), 4);
    /* The updated tree is the tree built afresh at those values. */
    fresh = NULL;
    cr_assert_eq(eq_model_instantiate(m, v, &fresh, &d), EQ_OK);
    same_tree(t, fresh);
    eq_tree_free(fresh);

    /* Another choice of the structural parameter: a new tree. */
    v[tm] = 0;
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    cr_expect_neq(t, first, "the tree should be replaced");
    cr_expect_eq(eq_tree_node_kind(t, 0), EQ_NODE_CHANCE);
    cr_expect_float_eq(eq_tree_chance_prob(t, 0, 0), 0.25, 1e-15);
    fresh = NULL;
    cr_assert_eq(eq_model_instantiate(m, v, &fresh, &d), EQ_OK);
    same_tree(t, fresh);
    eq_tree_free(fresh);

    /* And back. */
    first = t;
    v[tm] = 1;
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    cr_expect_neq(t, first);
    cr_expect_eq(eq_tree_node_kind(t, 0), EQ_NODE_DECISION);

    /* A failure frees the tree rather than leave it half rewritten. */
    v[w] = 99;
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_ERR_ARG);
    cr_expect_null(t);
    cr_expect_not_null(strstr(d.message, "war_cost"), "%s", d.message);
    free(v);
    eq_model_free(m);
}

/* A tree from another model, or one with another structure, is rebuilt. */
Test(model, instantiate_foreign_tree)
{
    eq_model *a = read_ok(FIX "entry.game"), *b = read_ok(FIX "nato.game");
    eq_tree *t = tree_of(a, NULL, 0), *ref = tree_of(b, NULL, 0);
    double *v = values_of(b, NULL, 0);
    eq_diag d;
    cr_assert_eq(eq_model_instantiate(b, v, &t, &d), EQ_OK, "%s", d.message);
    same_tree(t, ref);
    eq_tree_free(t);
    eq_tree_free(ref);
    free(v);
    eq_model_free(a);
    eq_model_free(b);
}

/* A switch between two nodes of the same shape: the update must notice
** the other node (its label and actions), not only the shape. */
Test(model, switch_between_same_shapes)
{
    eq_model *m = parse_ok(
        "param side = left in {left, right}\n"
        "param x = 1 in [0, 5]\n"
        "players A\n"
        "node r: if side == left then l else q\n"
        "node l: A chooses\n"
        "  a -> (x)\n"
        "  b -> (2 * x)\n"
        "node q: A chooses\n"
        "  c -> (3 * x)\n"
        "  d -> (4 * x)\n");
    double v[2] = { 0, 1.5 };
    eq_tree *t = NULL;
    eq_diag d;
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    cr_expect_str_eq(eq_tree_node_action_name(t, 0, 0), "a");
    v[0] = 1;
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    cr_expect_str_eq(eq_tree_node_label(t, 0), "q");
    cr_expect_str_eq(eq_tree_node_action_name(t, 0, 0), "c");
    expect_payoffs(t, eq_tree_child(t, 0, 1), (double[]){ 6 });
    eq_tree_free(t);
    eq_model_free(m);
}

/* The model is immutable: threads instantiate it at once, each with its
** own values and tree. */
struct job {
    const eq_model *m;
    int id, ok;
};

static void *worker(void *arg)
{
    struct job *j = arg;
    double v[3];
    eq_tree *t = NULL;
    eq_diag d;
    int w = eq_model_param_index(j->m, "war_cost");
    int leaf;
    j->ok = eq_model_defaults(j->m, v) == EQ_OK;
    for (int i = 0; i < 2000 && j->ok; i++) {
        v[w] = (double)((i + j->id) % 21);
        v[0] = (double)((i / 100 + j->id) % 2);
        if (eq_model_instantiate(j->m, v, &t, &d) != EQ_OK) {
            j->ok = 0;
            break;
        }
        leaf = eq_tree_child(t, eq_tree_child(t, 0, 0), 0);   /* a -> escalate -> arm_self */
        if (v[0] == 0)                                        /* honoured */
            leaf = eq_tree_child(t, eq_tree_child(t, eq_tree_child(t, 0, 0), 0), 0);
        else                                                  /* cease_fire/admit */
            leaf = eq_tree_child(t, eq_tree_child(t, eq_tree_child(t, eq_tree_child(t, 0, 1),
                                                                   0), 0), 0);
        if (fabs(eq_tree_payoff(t, leaf, 0) + 0.7 * v[w]) > 1e-12)
            j->ok = 0;
    }
    eq_tree_free(t);
    return NULL;
}

Test(model, threads)
{
    eq_model *m = read_ok(FIX "nato.game");
    pthread_t th[4];
    struct job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].m = m;
        jobs[i].id = i;
        jobs[i].ok = 0;
        cr_assert_eq(pthread_create(&th[i], NULL, worker, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        cr_expect(jobs[i].ok, "thread %d", i);
    }
    eq_model_free(m);
}

/* ------------------------------------------------------------------ */
/* Writing trees as models                                              */
/* ------------------------------------------------------------------ */

/* Every fixture, at every choice of its structural parameters: written,
** read back and instantiated, the tree is the same one. */
Test(model, round_trip_fixtures)
{
    static const char *const files[] = { "entry.game", "nato.game", "fifty.game" };
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[512];
        eq_model *m;
        snprintf(path, sizeof path, FIX "%s", files[f]);
        m = read_ok(path);
        for (int choice = 0; choice < 2; choice++) {
            double *v = values_of(m, NULL, 0);
            eq_tree *t = NULL, *u;
            eq_diag d;
            for (int k = 0; k < eq_model_params(m); k++)
                if (eq_model_param_is_enum(m, k))
                    v[k] = choice % eq_model_param_choices(m, k);
                else    /* an awkward value inside the domain */
                    v[k] = eq_model_param_lo(m, k) +
                           (eq_model_param_hi(m, k) - eq_model_param_lo(m, k)) / 3;
            cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s: %s", path,
                         d.message);
            u = round_trip(t);
            same_tree(t, u);
            eq_tree_free(t);
            eq_tree_free(u);
            free(v);
        }
        eq_model_free(m);
    }
}

/* A tree built by hand, numbered otherwise than breadth first, with
** awkward names: spaces, quotes, reserved words, duplicate and empty
** labels, a chance node with repeated move names.  Read back, it is the
** same tree up to numbering: compare by walking both from the root. */
static void same_shape(const eq_tree *a, int va, const eq_tree *b, int vb)
{
    int ha = eq_tree_node_infoset(a, va), hb = eq_tree_node_infoset(b, vb);
    cr_assert_eq(eq_tree_node_kind(a, va), eq_tree_node_kind(b, vb));
    cr_expect_eq(eq_tree_node_player(a, va), eq_tree_node_player(b, vb));
    cr_expect(same_str(eq_tree_node_label(a, va), eq_tree_node_label(b, vb)), "'%s' / '%s'",
              eq_tree_node_label(a, va), eq_tree_node_label(b, vb));
    if (ha >= 0) {
        cr_expect(same_str(eq_tree_infoset_label(a, ha), eq_tree_infoset_label(b, hb)),
                  "'%s' / '%s'", eq_tree_infoset_label(a, ha), eq_tree_infoset_label(b, hb));
        cr_expect_eq(eq_tree_infoset_members(a, ha), eq_tree_infoset_members(b, hb));
    }
    if (eq_tree_node_kind(a, va) == EQ_NODE_TERMINAL)
        for (int p = 0; p < eq_tree_players(a); p++)
            cr_expect(eq_tree_payoff(a, va, p) == eq_tree_payoff(b, vb, p));
    cr_assert_eq(eq_tree_node_children(a, va), eq_tree_node_children(b, vb));
    for (int k = 0; k < eq_tree_node_children(a, va); k++) {
        cr_expect_str_eq(eq_tree_node_action_name(a, va, k), eq_tree_node_action_name(b, vb, k));
        if (eq_tree_node_kind(a, va) == EQ_NODE_CHANCE)
            cr_expect(eq_tree_chance_prob(a, va, k) == eq_tree_chance_prob(b, vb, k));
        same_shape(a, eq_tree_child(a, va, k), b, eq_tree_child(b, vb, k));
    }
}

Test(model, round_trip_hand_built)
{
    eq_tree *t, *u;
    int h0, h1, h2;
    static const char *const a0[] = { "node", "say \"hi\"" };
    static const char *const a1[] = { "x", "in", "start" };
    static const char *const moves[] = { "same", "same", "" };
    const double probs[] = { 0.1, 0.2, 0.7 };

    cr_assert_eq(eq_tree_new(&t, 2), EQ_OK);
    cr_assert_eq(eq_tree_set_title(t, "A \"quoted\" title\\ with\ttab"), EQ_OK);
    cr_assert_eq(eq_tree_set_player_name(t, 0, "Player 1"), EQ_OK);
    cr_assert_eq(eq_tree_set_player_name(t, 1, "chance"), EQ_OK);
    cr_assert_eq(eq_tree_add_infoset(t, 0, 2, a0, "root set", &h0), EQ_OK);
    cr_assert_eq(eq_tree_add_infoset(t, 1, 3, a1, "n2", &h1), EQ_OK);
    cr_assert_eq(eq_tree_add_infoset(t, 0, 2, a0, NULL, &h2), EQ_OK);
    cr_assert_eq(eq_tree_make_decision(t, 0, h0), EQ_OK);          /* children 1, 2 */
    cr_assert_eq(eq_tree_set_node_label(t, 0, "dup"), EQ_OK);
    cr_assert_eq(eq_tree_make_chance(t, 1, 3, moves, probs), EQ_OK);   /* 3, 4, 5 */
    cr_assert_eq(eq_tree_set_node_label(t, 1, "dup"), EQ_OK);
    /* Define node 3 before node 2: numbering is not breadth first. */
    cr_assert_eq(eq_tree_make_decision(t, 3, h1), EQ_OK);          /* 6, 7, 8 */
    cr_assert_eq(eq_tree_set_node_label(t, 3, "n7"), EQ_OK);
    cr_assert_eq(eq_tree_make_decision(t, 2, h1), EQ_OK);          /* 9, 10, 11 */
    cr_assert_eq(eq_tree_set_node_label(t, 2, "if"), EQ_OK);
    cr_assert_eq(eq_tree_make_terminal(t, 4, (double[]){ 0.1, -1e-300 }), EQ_OK);
    cr_assert_eq(eq_tree_set_node_label(t, 4, "a leaf"), EQ_OK);
    cr_assert_eq(eq_tree_make_terminal(t, 5, (double[]){ 1.0 / 3, 1e300 }), EQ_OK);
    cr_assert_eq(eq_tree_make_decision(t, 6, h2), EQ_OK);          /* 12, 13 */
    for (int v = 7; v <= 13; v++)
        cr_assert_eq(eq_tree_make_terminal(t, v, (double[]){ v * 1.1, -v / 7.0 }), EQ_OK);
    cr_assert_eq(eq_tree_set_node_label(t, 10, ""), EQ_OK);
    cr_assert_eq(eq_tree_finish(t), EQ_OK, "%s", eq_tree_errmsg(t));

    u = round_trip(t);
    cr_expect_str_eq(eq_tree_title(u), eq_tree_title(t));
    cr_expect_str_eq(eq_tree_player_name(u, 0), "Player 1");
    cr_expect_str_eq(eq_tree_player_name(u, 1), "chance");
    cr_expect_eq(eq_tree_nodes(u), eq_tree_nodes(t));
    cr_expect_eq(eq_tree_infosets(u), eq_tree_infosets(t));
    cr_expect_eq(eq_tree_subgames(u), eq_tree_subgames(t));
    same_shape(t, 0, u, 0);
    eq_tree_free(u);
    eq_tree_free(t);
}

/* The writer refuses what a model cannot say. */
Test(model, write_game_refuses)
{
    eq_tree *t;
    char *text = (char *)1;
    cr_assert_eq(eq_tree_new(&t, 2), EQ_OK);
    cr_expect_eq(eq_tree_write_game(t, &text), EQ_ERR_ARG);   /* not finished */
    cr_expect_null(text);
    cr_assert_eq(eq_tree_make_terminal(t, 0, (double[]){ 1, 2 }), EQ_OK);
    cr_assert_eq(eq_tree_finish(t), EQ_OK);
    cr_assert_eq(eq_tree_set_player_name(t, 1, "1"), EQ_OK);   /* both "1" */
    cr_expect_eq(eq_tree_write_game(t, &text), EQ_ERR_ARG);
    cr_expect_eq(eq_tree_write_game(NULL, &text), EQ_ERR_ARG);
    cr_assert_eq(eq_tree_set_player_name(t, 1, "2"), EQ_OK);
    cr_assert_eq(eq_tree_write_game(t, &text), EQ_OK);
    cr_expect_not_null(strstr(text, "node n0 \"\": (1, 2)"), "%s", text);
    eq_free(text);
    eq_tree_free(t);
}

/* Reading a file that is not there is an I/O error without a place. */
Test(model, read_missing)
{
    eq_model *m = (eq_model *)1;
    eq_diag d;
    cr_expect_eq(eq_model_read(&m, FIX "no_such.game", &d), EQ_ERR_IO);
    cr_expect_null(m);
    cr_expect_eq(d.line, 0);
    cr_expect_not_null(strstr(d.message, "no_such.game: cannot open"), "%s", d.message);
    cr_expect_eq(eq_model_parse(NULL, "", 0, "x", &d), EQ_ERR_ARG);
    eq_model_free(NULL);
}

/* The example of models/LANGUAGE.md: a switch whose branch is a payoff
** tuple makes a one-node tree. */
Test(model, readme_example)
{
    eq_model *m = read_ok(FIX "readme.game");
    eq_tree *t = tree_of(m, (const char *[]){ "fight_cost=4" }, 1), *u;
    cr_expect_eq(eq_tree_nodes(t), 5);
    expect_payoffs(t, at_path(t, "in/fight"), (double[]){ -4, -4 });
    u = tree_of(m, (const char *[]){ "market=regulated" }, 1);
    cr_expect_eq(eq_tree_nodes(u), 1);
    expect_payoffs(u, 0, (double[]){ 0, 2 });
    eq_tree_free(u);
    u = round_trip(t);
    same_tree(t, u);
    eq_tree_free(u);
    eq_tree_free(t);
    eq_model_free(m);
}

/* Gambit files converted to models come back as the same trees. */
Test(model, round_trip_efg)
{
    static const char *const files[] = { "chance.efg", "entry.efg", "imperfect.efg",
                                         "stages.efg" };
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[512];
        eq_tree *t = NULL, *u;
        eq_diag d;
        snprintf(path, sizeof path, EQ_FIXTURES "/efg/%s", files[f]);
        cr_assert_eq(eq_tree_read_efg(&t, path, &d), EQ_OK, "%s: %s", path, d.message);
        u = round_trip(t);
        cr_expect_str_eq(eq_tree_title(u), eq_tree_title(t));
        cr_expect_eq(eq_tree_nodes(u), eq_tree_nodes(t));
        cr_expect_eq(eq_tree_infosets(u), eq_tree_infosets(t));
        cr_expect_eq(eq_tree_subgames(u), eq_tree_subgames(t));
        same_shape(t, 0, u, 0);
        eq_tree_free(u);
        eq_tree_free(t);
    }
}

/* Two nodes a switch chooses between, alike in shape, label and actions
** but not below: the label does not tell them apart, so the update
** rebuilds rather than trust it. */
Test(model, switch_between_lookalikes)
{
    eq_model *m = parse_ok(
        "param side = left in {left, right}\n"
        "players A B\n"
        "node r: if side == left then l else q\n"
        "node l \"same\": A chooses\n"
        "  a -> l2\n"
        "node q \"same\": A chooses\n"
        "  a -> q2\n"
        "node l2: B chooses\n"
        "  u -> (1, 1)\n"
        "node q2: B chooses\n"
        "  w -> (2, 2)\n");
    double v[1] = { 0 };
    eq_tree *t = NULL, *fresh = NULL;
    eq_diag d;
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    v[0] = 1;
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    cr_expect_str_eq(eq_tree_node_label(t, 1), "q2");
    cr_expect_str_eq(eq_tree_node_action_name(t, 1, 0), "w");
    cr_assert_eq(eq_model_instantiate(m, v, &fresh, &d), EQ_OK);
    same_tree(t, fresh);
    eq_tree_free(fresh);
    eq_tree_free(t);
    eq_model_free(m);
}

/* Updating in place gives the tree that building afresh gives, over
** random parameter values and every structural choice. */
Test(model, update_matches_fresh)
{
    static const char *const files[] = { "nato.game", "fifty.game", "readme.game" };
    t_rng rng = { 0x9a3e5eedu };
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[512];
        eq_model *m;
        eq_tree *t = NULL;
        double v[16];
        snprintf(path, sizeof path, FIX "%s", files[f]);
        m = read_ok(path);
        cr_assert_leq(eq_model_params(m), 16);
        for (int round = 0; round < 60; round++) {
            eq_tree *fresh = NULL, *before = t;
            eq_diag d;
            for (int k = 0; k < eq_model_params(m); k++) {
                double lo = eq_model_param_lo(m, k), hi = eq_model_param_hi(m, k);
                if (eq_model_param_is_enum(m, k))
                    v[k] = round < 30 ? (double)((round / 10) % eq_model_param_choices(m, k))
                                      : (double)t_rng_int(&rng, 0, eq_model_param_choices(m, k) - 1);
                else
                    v[k] = lo + (hi - lo) * t_rng_int(&rng, 0, 1000) / 1000.0;
            }
            cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s: %s", path, d.message);
            cr_assert_eq(eq_model_instantiate(m, v, &fresh, &d), EQ_OK);
            if (round % 10 != 0 && round < 30)
                cr_expect_eq(t, before, "%s round %d: updated in place", path, round);
            same_tree(t, fresh);
            eq_tree_free(fresh);
        }
        eq_tree_free(t);
        eq_model_free(m);
    }
}

/* The equilibrium concept a model declares, and its errors. */
Test(model, equilibrium_declaration)
{
    const char *good =
        "players A B\n"
        "equilibrium spe subgames qre select player B\n"
        "node r: A chooses\n"
        "  x -> (1, 2)\n"
        "  y -> (2, 1)\n";
    eq_model *m = NULL;
    eq_diag d;
    eq_tree_opts o;
    cr_assert_eq(eq_model_parse(&m, good, strlen(good), "c.game", &d), EQ_OK, "%s", d.message);
    eq_tree_opts_init(&o);
    cr_assert_eq(eq_model_equilibrium(m, &o), 1);
    cr_expect_eq(o.method, EQ_METHOD_SPE);
    cr_expect_eq(o.subgame_method, EQ_METHOD_QRE);
    cr_expect_eq(o.select, EQ_SELECT_PLAYER);
    cr_expect_eq(o.select_player, 1);
    eq_model_free(m);

    /* Without a declaration the options stay as they were. */
    const char *none = "players A B\nnode r: (1, 2)\n";
    cr_assert_eq(eq_model_parse(&m, none, strlen(none), "n.game", &d), EQ_OK, "%s", d.message);
    eq_tree_opts_init(&o);
    o.select = EQ_SELECT_FIRST;
    cr_expect_eq(eq_model_equilibrium(m, &o), 0);
    cr_expect_eq(o.select, EQ_SELECT_FIRST);
    eq_model_free(m);

    /* Errors at their line and column, counted by hand. */
    struct { const char *src, *prefix, *phrase; } bad[] = {
        { "players A B\nequilibrium nash\nnode r: (1, 2)\n", "b.game:2:13:", "must be 'spe'" },
        { "players A B\nequilibrium spe subgames simplex\nnode r: (1, 2)\n", "b.game:2:26:",
          "unknown subgame method 'simplex'" },
        { "players A B\nequilibrium spe select best\nnode r: (1, 2)\n", "b.game:2:24:",
          "unknown selection rule 'best'" },
        { "players A B\nequilibrium spe select player C\nnode r: (1, 2)\n", "b.game:2:31:",
          "unknown player 'C'" },
        { "players A B\nequilibrium spe\nequilibrium spe\nnode r: (1, 2)\n", "b.game:3:1:",
          "given twice" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        m = NULL;
        cr_expect_eq(eq_model_parse(&m, bad[i].src, strlen(bad[i].src), "b.game", &d),
                     EQ_ERR_PARSE, "case %zu", i);
        cr_expect(strncmp(d.message, bad[i].prefix, strlen(bad[i].prefix)) == 0,
                  "case %zu: %s", i, d.message);
        cr_expect(strstr(d.message, bad[i].phrase) != NULL, "case %zu: %s", i, d.message);
        eq_model_free(m);
    }
}
