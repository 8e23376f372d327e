/* test_nfg.c -- the Gambit .nfg reader and writer. */
#define _XOPEN_SOURCE 700   /* mkdtemp */

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "exact.h"
#include "support.h"

#define FIX EQ_FIXTURES "/nfg/"

static eq_game *read_ok(const char *path)
{
    eq_game *g = NULL;
    eq_diag d;
    eq_status s = eq_game_read_nfg(&g, path, &d);
    cr_assert_eq(s, EQ_OK, "%s: status %d: %s", path, s, d.message);
    cr_assert_not_null(g);
    cr_assert_str_empty(d.message);
    return g;
}

static eq_game *parse_ok(const char *text)
{
    eq_game *g = NULL;
    eq_diag d;
    eq_status s = eq_game_parse_nfg(&g, text, strlen(text), "mem", &d);
    cr_assert_eq(s, EQ_OK, "status %d: %s", s, d.message);
    cr_assert_not_null(g);
    return g;
}

/* Payoff of player p at a profile given as actions. */
static double pay2(const eq_game *g, int p, int a, int b)
{
    int prof[2] = { a, b };
    return eq_game_payoff(g, p, prof);
}

/* Whether payoff (p, flat index i) is exactly the rational text want. */
static int exact_is(const eq_game *g, int p, size_t i, const char *want)
{
    mpq_t a, b;
    int eq;
    mpq_init(a);
    mpq_init(b);
    eqi_game_exact_payoff(g, p, i, a);
    cr_assert_eq(mpq_set_str(b, want, 10), 0);
    mpq_canonicalize(b);
    eq = mpq_equal(a, b);
    mpq_clear(a);
    mpq_clear(b);
    return eq;
}

/* Everything about two games is the same: title, names, counts, and each
** payoff's exact value and double. */
static void same_game(const eq_game *g, const eq_game *h, int with_title)
{
    mpq_t a, b;
    cr_assert_eq(eq_game_players(g), eq_game_players(h));
    cr_assert_eq(eq_game_profiles(g), eq_game_profiles(h));
    if (with_title)
        cr_expect_str_eq(eq_game_title(g), eq_game_title(h));
    for (int p = 0; p < eq_game_players(g); p++) {
        cr_expect_str_eq(eq_game_player_name(g, p), eq_game_player_name(h, p));
        cr_assert_eq(eq_game_actions(g, p), eq_game_actions(h, p));
        for (int a_ = 0; a_ < eq_game_actions(g, p); a_++)
            cr_expect_str_eq(eq_game_action_name(g, p, a_),
                             eq_game_action_name(h, p, a_));
    }
    mpq_init(a);
    mpq_init(b);
    for (int p = 0; p < eq_game_players(g); p++) {
        const double *x = eq_game_payoffs(g, p), *y = eq_game_payoffs(h, p);
        for (size_t i = 0; i < eq_game_profiles(g); i++) {
            /* A payoff known only as a double is written as the number it
            ** stands for (eqi_double_text) and read back as that. */
            char *txt = eqi_game_payoff_text(g, p, i, a);
            cr_assert_not_null(txt);
            cr_assert_eq(eqi_parse_rational(txt, a), 0, "%s", txt);
            free(txt);
            eqi_game_exact_payoff(h, p, i, b);
            cr_expect(mpq_equal(a, b), "player %d, profile %zu: exact", p, i);
            mpq_set_d(a, x[i]);
            mpq_set_d(b, y[i]);
            cr_expect(mpq_equal(a, b), "player %d, profile %zu: double", p, i);
        }
    }
    mpq_clear(a);
    mpq_clear(b);
}

/* The hand-made 2x3 game: A = [[3,0,5],[1,0,3]], B = [[2,6,1],[7,0,2]]. */
static const double A23[2][3] = { { 3, 0, 5 }, { 1, 0, 3 } };
static const double B23[2][3] = { { 2, 6, 1 }, { 7, 0, 2 } };

static void check_2x3(const eq_game *g)
{
    cr_assert_eq(eq_game_players(g), 2);
    cr_assert_eq(eq_game_actions(g, 0), 2);
    cr_assert_eq(eq_game_actions(g, 1), 3);
    cr_assert_eq(eq_game_profiles(g), 6);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) {
            cr_expect_float_eq(pay2(g, 0, i, j), A23[i][j], 1e-12,
                               "A[%d][%d]", i, j);
            cr_expect_float_eq(pay2(g, 1, i, j), B23[i][j], 1e-12,
                               "B[%d][%d]", i, j);
            /* Row-major: the flat index is i * 3 + j. */
            cr_expect_float_eq(eq_game_payoffs(g, 0)[i * 3 + j], A23[i][j],
                               1e-12);
        }
}

/* 1. The payoff-list variant, player 1 varying fastest in the file. */
Test(nfg, payoff_list)
{
    eq_game *g = read_ok(FIX "payoff_2x3.nfg");
    check_2x3(g);
    cr_expect_str_eq(eq_game_title(g), "Hand-made 2x3");
    cr_expect_str_eq(eq_game_player_name(g, 0), "Row");
    cr_expect_str_eq(eq_game_player_name(g, 1), "Column");
    cr_expect_str_eq(eq_game_action_name(g, 0, 1), "Bottom");
    cr_expect_str_eq(eq_game_action_name(g, 1, 2), "Right");
    /* Spot checks derived from the file's order (T,L) (B,L) (T,C) ...:
    ** the 9th and 10th numbers, "5 1", belong to (Top, Right). */
    cr_expect_float_eq(pay2(g, 0, 0, 2), 5.0, 1e-12);
    cr_expect_float_eq(pay2(g, 1, 0, 2), 1.0, 1e-12);
    /* The 3rd and 4th, "1 7", to (Bottom, Left). */
    cr_expect_float_eq(pay2(g, 0, 1, 0), 1.0, 1e-12);
    cr_expect_float_eq(pay2(g, 1, 1, 0), 7.0, 1e-12);
    eq_game_free(g);
}

/* 2. The outcome variant of the same game: shuffled outcome numbers,
** commas or none, a repeated outcome and the null outcome. */
Test(nfg, outcome_variant)
{
    eq_game *g = read_ok(FIX "payoff_2x3.nfg");
    eq_game *h = read_ok(FIX "outcome_2x3.nfg");
    check_2x3(h);
    same_game(g, h, 1);
    eq_game_free(g);
    eq_game_free(h);
}

/* 3. Action counts instead of names: actions are then named 1, 2, ... */
Test(nfg, counts_form)
{
    eq_game *g = read_ok(FIX "payoff_2x3.nfg");
    eq_game *h = read_ok(FIX "counts_2x3.nfg");
    check_2x3(h);
    cr_expect_str_eq(eq_game_action_name(h, 0, 0), "1");
    cr_expect_str_eq(eq_game_action_name(h, 1, 2), "3");
    cr_expect_str_eq(eq_game_player_name(h, 1), "Column");
    for (int p = 0; p < 2; p++)
        for (size_t i = 0; i < 6; i++)
            cr_expect_float_eq(eq_game_payoffs(g, p)[i],
                               eq_game_payoffs(h, p)[i], 1e-12);
    eq_game_free(g);
    eq_game_free(h);
}

/* 4. Rationals, decimals and exponents keep their exact values. */
Test(nfg, exact_payoffs)
{
    eq_game *g = read_ok(FIX "rational.nfg");
    char *text = NULL;
    /* Profiles (0,0) (1,0) (0,1) (1,1) are flat indices 0, 2, 1, 3. */
    cr_expect(exact_is(g, 0, 0, "1/3"));
    cr_expect(exact_is(g, 1, 0, "1/4"));
    cr_expect(exact_is(g, 0, 2, "-1/4"));
    cr_expect(exact_is(g, 1, 2, "1/3"));
    cr_expect(exact_is(g, 0, 1, "100"));
    cr_expect(exact_is(g, 1, 1, "7"));
    cr_expect(exact_is(g, 0, 3, "-1/3"));
    cr_expect(exact_is(g, 1, 3, "15"));
    cr_expect_float_eq(pay2(g, 0, 0, 0), 1.0 / 3.0, 1e-15);
    cr_expect_float_eq(pay2(g, 0, 1, 0), -0.25, 1e-15);
    cr_expect(eqi_game_has_exact(g));
    cr_assert_eq(eq_game_write_nfg(g, &text), EQ_OK);
    cr_expect_not_null(strstr(text, "1/3"), "%s", text);
    cr_expect_not_null(strstr(text, "-1/4"), "%s", text);
    cr_expect_not_null(strstr(text, " 15\n"), "%s", text);
    eq_free(text);
    eq_game_free(g);
}

/* 5. Three players, 2x3x2, every payoff checked against its formula. */
Test(nfg, three_players)
{
    eq_game *g = read_ok(FIX "three_2x3x2.nfg");
    cr_assert_eq(eq_game_players(g), 3);
    cr_assert_eq(eq_game_actions(g, 0), 2);
    cr_assert_eq(eq_game_actions(g, 1), 3);
    cr_assert_eq(eq_game_actions(g, 2), 2);
    cr_expect_str_eq(eq_game_player_name(g, 2), "Cy");
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++)
            for (int k = 0; k < 2; k++) {
                int prof[3] = { i, j, k };
                cr_expect_float_eq(eq_game_payoff(g, 0, prof),
                                   100.0 * i + 10 * j + k, 1e-12);
                cr_expect_float_eq(eq_game_payoff(g, 1, prof),
                                   7.0 * i - 3 * j + 2 * k, 1e-12);
                cr_expect_float_eq(eq_game_payoff(g, 2, prof),
                                   (double)(i * j * k + 11 * k - 5), 1e-12);
            }
    /* By hand: the last line's second triple "121 3 8" is (1, 2, 1). */
    {
        int prof[3] = { 1, 2, 1 };
        cr_expect_float_eq(eq_game_payoff(g, 0, prof), 121.0, 1e-12);
        cr_expect_float_eq(eq_game_payoff(g, 1, prof), 3.0, 1e-12);
        cr_expect_float_eq(eq_game_payoff(g, 2, prof), 8.0, 1e-12);
    }
    eq_game_free(g);
}

/* Write g, parse the text back and compare. */
static void round_trip(const eq_game *g)
{
    char *text = NULL;
    eq_game *h = NULL;
    eq_diag d;
    cr_assert_eq(eq_game_write_nfg(g, &text), EQ_OK);
    cr_assert_not_null(text);
    cr_expect_eq(text[strlen(text) - 1], '\n');
    cr_assert_eq(eq_game_parse_nfg(&h, text, strlen(text), "rt", &d), EQ_OK,
                 "%s\n%s", d.message, text);
    same_game(g, h, 1);
    eq_free(text);
    eq_game_free(h);
}

/* 6. read -> write -> parse gives the same game. */
Test(nfg, round_trip)
{
    static const char *files[] = {
        FIX "payoff_2x3.nfg", FIX "outcome_2x3.nfg", FIX "counts_2x3.nfg",
        FIX "rational.nfg", FIX "three_2x3x2.nfg",
        EQ_MODELS "/matching_pennies.nfg", EQ_MODELS "/shapley.nfg",
        EQ_MODELS "/three_player.nfg",
    };
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        eq_game *g = read_ok(files[f]);
        round_trip(g);
        eq_game_free(g);
    }
}

Test(nfg, writer_text)
{
    eq_game *g = read_ok(FIX "outcome_2x3.nfg");
    char *text = NULL;
    cr_assert_eq(eq_game_write_nfg(g, &text), EQ_OK);
    cr_expect_str_eq(text,
        "NFG 1 R \"Hand-made 2x3\" { \"Row\" \"Column\" } "
        "{ { \"Top\" \"Bottom\" } { \"Left\" \"Center\" \"Right\" } }\n"
        "\n"
        "3 2 1 7\n"
        "0 6 0 0\n"
        "5 1 3 2\n");
    eq_free(text);
    eq_game_free(g);
}

/* Names with quotes, backslashes and newlines; doubles from arithmetic;
** a payoff set from text and then overwritten by a double. */
Test(nfg, round_trip_awkward)
{
    int k[2] = { 2, 2 }, prof[2] = { 1, 0 }, prof2[2] = { 0, 1 };
    eq_game *g = NULL, *h;
    char *text = NULL;
    cr_assert_eq(eq_game_new(&g, 2, k), EQ_OK);
    cr_assert_eq(eq_game_set_title(g, "say \"hi\"\\ there\nline 2"), EQ_OK);
    cr_assert_eq(eq_game_set_player_name(g, 0, "back\\slash"), EQ_OK);
    cr_assert_eq(eq_game_set_player_name(g, 1, ""), EQ_OK);
    cr_assert_eq(eq_game_set_action_name(g, 0, 0, "\"q\""), EQ_OK);
    cr_assert_eq(eq_game_set_action_name(g, 1, 1, "{ , }"), EQ_OK);
    eq_game_payoffs_mut(g, 0)[0] = 0.1;
    eq_game_payoffs_mut(g, 1)[3] = -1.0 / 3.0;
    eq_game_payoffs_mut(g, 0)[3] = 1e300;
    cr_assert_eq(eq_game_set_payoff_text(g, 1, prof, "2/7"), EQ_OK);
    cr_assert_eq(eq_game_set_payoff_text(g, 0, prof2, "5/9"), EQ_OK);
    eq_game_payoffs_mut(g, 0)[1] = 2.385;    /* the rational is now stale */
    round_trip(g);
    cr_assert_eq(eq_game_write_nfg(g, &text), EQ_OK);
    cr_expect_not_null(strstr(text, "\"say \\\"hi\\\"\\\\ there\nline 2\""),
                       "%s", text);
    cr_expect_not_null(strstr(text, " 2/7"), "%s", text);
    cr_expect_null(strstr(text, "5/9"), "%s", text);
    h = parse_ok(text);
    cr_expect_eq(eq_game_payoffs(h, 0)[0], 0.1);
    cr_expect_eq(eq_game_payoffs(h, 0)[1], 2.385);
    eq_game_free(h);
    eq_free(text);
    eq_game_free(g);
}

/* A double with no exact text is written as the number its writer most
** likely meant: the shortest decimal when it has at most 15 significant
** digits, else the simplest fraction (denominator up to 10^6) that rounds
** to it, else the 17-digit decimal.  Expected texts by hand. */
Test(nfg, double_text)
{
    static const struct { double x; const char *text; } cases[] = {
        { 0.1, "0.1" }, { 0.99, "0.99" }, { -2.385, "-2.385" },
        { 1e-3, "0.001" }, { 0.0, "0" }, { -0.0, "0" }, { 7.0, "7" },
        { 1.0 / 3.0, "1/3" }, { -2.0 / 3.0, "-2/3" }, { 22.0 / 7.0, "22/7" },
        { 2.0 / 997.0, "2/997" }, { 1.0 / 999983.0, "1/999983" },
        { 0.1 + 0.2, "0.30000000000000004" },     /* no simple fraction */
        { 0.123456789012345, "0.123456789012345" },   /* 15 digits */
        { 3.141592653589793, "3.141592653589793" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *s = eqi_double_text(cases[k].x);
        cr_assert_not_null(s);
        cr_expect_str_eq(s, cases[k].text, "case %zu", k);
        free(s);
    }
    cr_expect_null(eqi_double_text(INFINITY));
    cr_expect_null(eqi_double_text(NAN));
}

/* The reduced form of a tree with chance 99/100 and 1/100 (or 1/3 and
** 2/3), written as .nfg and read back, has the payoffs of the game as
** written: 99/100 * 1 + 1/100 * 3 = 51/50 (not the binary fraction of
** 1.02), and 1/3 * 1 + 2/3 * 3 = 7/3; B gets 3/100 and 2. */
Test(nfg, reduced_form_keeps_written_numbers)
{
    static const char *const probs[2][2] = { { "99/100", "1/100" }, { "1/3", "2/3" } };
    static const char *const want[2][2] = { { "51/50", "3/100" }, { "7/3", "2" } };
    for (int c = 0; c < 2; c++) {
        char efg[512], *text = NULL, *got;
        eq_tree *t = NULL;
        eq_game *g = NULL, *h;
        eq_diag d;
        mpq_t q;
        snprintf(efg, sizeof efg,
                 "EFG 2 R \"c\" { \"A\" \"B\" }\n"
                 "c \"n\" 1 \"\" { \"x\" %s \"y\" %s } 0\n"
                 "p \"\" 1 1 \"a\" { \"L\" \"R\" } 0\n"
                 "t \"\" 1 \"\" { 1, 0 }\n"
                 "t \"\" 2 \"\" { 0, 1 }\n"
                 "t \"\" 3 \"\" { 3, 3 }\n", probs[c][0], probs[c][1]);
        cr_assert_eq(eq_tree_parse_efg(&t, efg, strlen(efg), "c.efg", &d), EQ_OK,
                     "%s", d.message);
        cr_assert_eq(eq_tree_reduced_form(t, &g), EQ_OK);
        cr_assert_eq(eq_game_write_nfg(g, &text), EQ_OK);
        h = parse_ok(text);
        mpq_init(q);
        for (int p = 0; p < 2; p++) {
            eqi_game_exact_payoff(h, p, 0, q);     /* profile (L, -) */
            got = eqi_rational_str(q);
            cr_expect_str_eq(got, want[c][p], "case %d, player %d in\n%s", c, p, text);
            free(got);
        }
        mpq_clear(q);
        eq_free(text);
        /* The tree itself written as .efg keeps 0.99 or 1/3. */
        cr_assert_eq(eq_tree_write_efg(t, &text), EQ_OK);
        cr_expect_not_null(strstr(text, c == 0 ? "\"x\" 0.99 \"y\" 0.01" : "\"x\" 1/3 \"y\" 2/3"),
                           "%s", text);
        eq_free(text);
        eq_game_free(h);
        eq_game_free(g);
        eq_tree_free(t);
    }
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

Test(nfg, save_and_read_back)
{
    char dir[512], path[600], bad[700];
    eq_game *g = read_ok(FIX "rational.nfg"), *h, *c;
    t_tmpdir(dir, sizeof dir, "eq_nfg");
    snprintf(path, sizeof path, "%s/game.nfg", dir);
    cr_assert_eq(eq_game_save_nfg(g, path), EQ_OK);
    h = read_ok(path);
    same_game(g, h, 1);
    /* Overwriting replaces the file; no temporary is left behind. */
    c = read_ok(FIX "three_2x3x2.nfg");
    cr_assert_eq(eq_game_save_nfg(c, path), EQ_OK);
    eq_game_free(h);
    h = read_ok(path);
    same_game(c, h, 1);
    cr_expect_eq(dir_entries(dir), 1);
    /* A directory that does not exist. */
    snprintf(bad, sizeof bad, "%s/no/such/dir/game.nfg", dir);
    cr_expect_eq(eq_game_save_nfg(g, bad), EQ_ERR_IO);
    cr_expect_eq(eq_game_save_nfg(NULL, path), EQ_ERR_ARG);
    cr_expect_eq(eq_game_save_nfg(g, NULL), EQ_ERR_ARG);
    cr_expect_eq(dir_entries(dir), 1);
    unlink(path);
    rmdir(dir);
    eq_game_free(c);
    eq_game_free(h);
    eq_game_free(g);
}

/* 7. Every error the reader reports, with its place worked out by hand.
** HDR is a 2x2 prologue filling line 1; OUT a 2x1 one with one outcome. */
#define HDR "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n"
#define OUT "NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n{ { \"x\" 1 2 } }\n"
#define TXT(s) s, sizeof(s) - 1

typedef struct bad_case {
    const char *text;
    size_t len;
    eq_status status;
    const char *prefix;   /* "err:LINE:COL: " */
    const char *phrase;   /* a key part of the message */
    const char *source;   /* the source line, or NULL: not checked */
} bad_case;

static const bad_case bad_cases[] = {
    /* empty input */
    { TXT(""), EQ_ERR_PARSE, "err:1:1: ", "empty file", "" },
    { TXT("  \n\t"), EQ_ERR_PARSE, "err:2:2: ", "empty file", "\t" },
    /* magic, version, number type */
    { TXT("EFG 2 R \"t\" { \"A\" } { 1 }\n1"), EQ_ERR_PARSE, "err:1:1: ",
      "expected 'NFG', found 'EFG'", NULL },
    { TXT("\"NFG\" 1 R"), EQ_ERR_PARSE, "err:1:1: ", "expected 'NFG'", NULL },
    { TXT("NFG 2 R \"t\""), EQ_ERR_PARSE, "err:1:5: ",
      "unsupported version '2'", "NFG 2 R \"t\"" },
    { TXT("NFG { \"A\" }"), EQ_ERR_PARSE, "err:1:5: ",
      "expected a version number, found '{'", NULL },
    { TXT("NFG 1 Q \"t\""), EQ_ERR_PARSE, "err:1:7: ",
      "expected R or D, found 'Q'", NULL },
    { TXT("NFG 1 R { \"A\" } { 1 }"), EQ_ERR_PARSE, "err:1:9: ",
      "expected the title string, found '{'", NULL },
    /* strings */
    { TXT("NFG\n1\nR\n\"t\" { \"A\" \"B } { 2 2 }\n1 2 3 4"), EQ_ERR_PARSE,
      "err:4:11: ", "unterminated string", "\"t\" { \"A\" \"B } { 2 2 }" },
    { TXT("NFG 1 R \"t\\\""), EQ_ERR_PARSE, "err:1:9: ",
      "unterminated string", NULL },
    { TXT("NFG 1 R \"t\" { \"A\""), EQ_ERR_PARSE, "err:1:18: ",
      "unexpected end of file, expected a player name or '}'", NULL },
    /* braces */
    { TXT("NFG 1 R \"t\" \"A\" \"B\" { 2 2 }"), EQ_ERR_PARSE, "err:1:13: ",
      "expected '{' before the player names, found a string", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } 2 2 }"), EQ_ERR_PARSE, "err:1:25: ",
      "expected '{' before the action counts or names, found '2'", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 2 2\n1 2 3 4 5 6 7 8"),
      EQ_ERR_PARSE, "err:2:1: ",
      "expected '}' after 2 action counts, found '1'", "1 2 3 4 5 6 7 8" },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" { 2 2 }"), EQ_ERR_PARSE,
      "err:1:23: ", "expected a player name or '}', found '{'", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { { \"a\" } { \"b\" }\n1 2"),
      EQ_ERR_PARSE, "err:2:1: ", "expected '}' after 2 action lists", NULL },
    /* players and actions */
    { TXT("NFG 1 R \"t\" { } { }"), EQ_ERR_PARSE, "err:1:15: ",
      "the game has no players", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 2 0 }"), EQ_ERR_PARSE,
      "err:1:29: ", "action count must be positive, found '0'", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { -3 2 }"), EQ_ERR_PARSE,
      "err:1:27: ", "action count must be positive, found '-3'", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 2 2.5 }"), EQ_ERR_PARSE,
      "err:1:29: ", "action count '2.5' is not an integer", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 10000 10000 }\n"), EQ_ERR_PARSE,
      "err:1:33: ", "game too large", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 2 99999999999999999999999 }\n"),
      EQ_ERR_PARSE, "err:1:29: ", "game too large", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 2 }"), EQ_ERR_PARSE, "err:1:29: ",
      "expected 2 action counts, found 1", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 2 { \"a\" } }"), EQ_ERR_PARSE,
      "err:1:29: ", "expected an action count, found '{'", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { { } { \"z\" } }"), EQ_ERR_PARSE,
      "err:1:29: ", "player 1 has no actions", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { { \"a\" } }"), EQ_ERR_PARSE,
      "err:1:35: ", "expected 2 action lists, found 1", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { { \"x\" \"y\" \"x\" } { \"z\" } }"),
      EQ_ERR_PARSE, "err:1:37: ",
      "duplicate action name \"x\" of player 1", NULL },
    /* the first repeat in input order is "b", though "a" sorts first */
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { { \"z\" } { \"b\" \"a\" \"b\" \"a\" } }"),
      EQ_ERR_PARSE, "err:1:45: ",
      "duplicate action name \"b\" of player 2", NULL },
    /* payoffs: too few (checked without a game, then with one), trailing
    ** garbage, bad numbers */
    { TXT(HDR "1 2 3"), EQ_ERR_PARSE, "err:2:6: ",
      "expected 8 payoffs, found 3", "1 2 3" },
    { TXT(HDR "1 2 3 4 5 6 7\n\n"), EQ_ERR_PARSE, "err:4:1: ",
      "expected 8 payoffs, found 7", "" },
    { TXT("NFG 1 R \"t\" { \"A\" } { 1 }\n1 2"), EQ_ERR_PARSE, "err:2:3: ",
      "unexpected '2' after the last payoff", "1 2" },
    { TXT(HDR "1 2 3 4 5 6 7 8 }"), EQ_ERR_PARSE, "err:2:17: ",
      "unexpected '}' after the last payoff", NULL },
    { TXT(HDR "1 abc 3 4 5 6 7 8"), EQ_ERR_PARSE, "err:2:3: ",
      "'abc' is not a number", NULL },
    { TXT(HDR "1 2 3/0 4 5 6 7 8"), EQ_ERR_PARSE, "err:2:5: ",
      "zero denominator in '3/0'", NULL },
    { TXT(HDR "1 2 3 1e400 5 6 7 8"), EQ_ERR_PARSE, "err:2:7: ",
      "'1e400' is out of range", NULL },
    { TXT(HDR "1e-5000 2 3 4 5 6 7 8"), EQ_ERR_PARSE, "err:2:1: ",
      "'1e-5000' is out of range", NULL },
    { TXT(HDR "1 2 1/ 4 5 6 7 8"), EQ_ERR_PARSE, "err:2:5: ",
      "'1/' is not a number", NULL },
    { TXT(HDR "1 2 { 4"), EQ_ERR_PARSE, "err:2:5: ",
      "expected a payoff, found '{'", NULL },
    { TXT(HDR "1 2 3 4 \"5\" 6 7 8"), EQ_ERR_PARSE, "err:2:9: ",
      "expected a payoff, found a string", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 1000 1000 }\n1 x"), EQ_ERR_PARSE,
      "err:2:3: ", "'x' is not a number", NULL },
    /* outcomes */
    { TXT(OUT "1 2"), EQ_ERR_PARSE, "err:3:3: ",
      "outcome index '2' out of range 0..1", "1 2" },
    { TXT(OUT "1 -1"), EQ_ERR_PARSE, "err:3:3: ",
      "outcome index '-1' out of range 0..1", NULL },
    { TXT(OUT "1 x"), EQ_ERR_PARSE, "err:3:3: ",
      "'x' is not an outcome index", NULL },
    { TXT(OUT "1"), EQ_ERR_PARSE, "err:3:2: ",
      "expected 2 outcome indices, found 1", NULL },
    { TXT(OUT "1 1 0"), EQ_ERR_PARSE, "err:3:5: ",
      "unexpected '0' after the last outcome index", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n{ { \"x\" 1 } }\n1 1"),
      EQ_ERR_PARSE, "err:2:11: ", "outcome 1: expected 2 payoffs, found 1",
      "{ { \"x\" 1 } }" },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n"
          "{ { \"x\" 1 2 } { \"y\" 1, 2, 3 } }\n1 2"),
      EQ_ERR_PARSE, "err:2:27: ",
      "outcome 2: expected 2 payoffs, found more", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n{ { \"x\" 1, } }\n1 1"),
      EQ_ERR_PARSE, "err:2:12: ", "expected a payoff after ',', found '}'",
      NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n{ { 1 2 } }\n1 1"),
      EQ_ERR_PARSE, "err:2:5: ",
      "expected the outcome's name string, found '1'", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n{ { \"x\" 1 1/0 } }\n1 1"),
      EQ_ERR_PARSE, "err:2:11: ", "zero denominator in '1/0'", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n{ { \"x\" 1 2 } 1 1"),
      EQ_ERR_PARSE, "err:2:15: ",
      "expected '{' or '}' in the outcome list, found '1'", NULL },
    /* NUL and invalid bytes where a token is expected */
    { TXT("NFG\0 1 R"), EQ_ERR_PARSE, "err:1:4: ", "unexpected NUL byte",
      "NFG? 1 R" },
    { TXT("NFG 1 R \"a\0b\" { }"), EQ_ERR_PARSE, "err:1:11: ",
      "NUL byte in string", NULL },
    { TXT("NFG 1 R \xff"), EQ_ERR_PARSE, "err:1:9: ", "invalid byte 0xFF",
      NULL },
    { TXT(HDR "1 2\x01 3 4 5 6 7 8"), EQ_ERR_PARSE, "err:2:4: ",
      "invalid byte 0x01", NULL },
    { TXT("NFG 1 R \"t\" { \"A\" } { 1 }\n1\0"), EQ_ERR_PARSE, "err:2:2: ",
      "unexpected NUL byte", NULL },
    /* CRLF line ends: columns count bytes, the source line loses its CR */
    { TXT("NFG 1 R \"t\" { \"A\" } { 1 }\r\n1 x\r\n"), EQ_ERR_PARSE,
      "err:2:3: ", "unexpected 'x' after the last payoff", "1 x" },
};

Test(nfg, errors)
{
    for (size_t c = 0; c < sizeof bad_cases / sizeof *bad_cases; c++) {
        const bad_case *b = &bad_cases[c];
        eq_game *g = (eq_game *)&g;    /* must be reset to NULL */
        eq_diag d;
        eq_status s = eq_game_parse_nfg(&g, b->text, b->len, "err", &d);
        cr_expect_eq(s, b->status, "case %zu: status %d, want %d (%s)", c, s,
                     b->status, d.message);
        cr_expect_null(g, "case %zu: game not NULL", c);
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
        g = NULL;
        cr_expect_eq(eq_game_parse_nfg(&g, b->text, b->len, "err", NULL),
                     b->status, "case %zu without diag", c);
        cr_expect_null(g);
    }
}

Test(nfg, too_many_players)
{
    char text[512] = "NFG 1 R \"t\" {";
    eq_game *g = NULL;
    eq_diag d;
    for (int p = 0; p < EQ_MAX_PLAYERS + 1; p++)
        strcat(text, " \"p\"");
    /* "NFG 1 R "t" {" is 13 bytes and each player 4 more; the 33rd name's
    ** quote is at column 13 + 32 * 4 + 2. */
    strcat(text, " }");
    cr_assert_eq(eq_game_parse_nfg(&g, text, strlen(text), "err", &d),
                 EQ_ERR_PARSE);
    cr_expect_str_eq(d.message, "err:1:143: too many players (at most 32)");
}

Test(nfg, number_too_long)
{
    size_t n = 5000;
    char *text = malloc(sizeof HDR + n + 32);
    eq_game *g = NULL;
    eq_diag d;
    cr_assert_not_null(text);
    strcpy(text, HDR);
    memset(text + strlen(HDR), '7', n);
    strcpy(text + strlen(HDR) + n, " 2 3 4 5 6 7 8");
    cr_assert_eq(eq_game_parse_nfg(&g, text, strlen(text), "err", &d),
                 EQ_ERR_PARSE);
    cr_expect_eq(strncmp(d.message, "err:2:1: ", 9), 0, "%s", d.message);
    cr_expect_not_null(strstr(d.message, "is too long for a number"), "%s",
                       d.message);
    cr_expect_lt(strlen(d.message), 120, "%s", d.message);
    cr_expect_eq(strlen(d.source_line), sizeof d.source_line - 1);
    free(text);
}

/* A long path still gives a NUL-terminated message. */
Test(nfg, long_name)
{
    char name[1200];
    eq_game *g = NULL;
    eq_diag d;
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    cr_assert_eq(eq_game_parse_nfg(&g, "NFG 2", 5, name, &d), EQ_ERR_PARSE);
    cr_expect_eq(strlen(d.message), sizeof d.message - 1);
    cr_expect_eq(d.line, 1);
    cr_expect_eq(d.col, 5);
}

Test(nfg, bad_arguments)
{
    eq_game *g = NULL;
    char *text = (char *)"x";
    eq_diag d;
    cr_expect_eq(eq_game_parse_nfg(NULL, "NFG", 3, "x", &d), EQ_ERR_ARG);
    cr_expect_eq(eq_game_parse_nfg(&g, NULL, 3, "x", &d), EQ_ERR_ARG);
    cr_expect_eq(eq_game_read_nfg(&g, NULL, &d), EQ_ERR_ARG);
    cr_expect_eq(eq_game_read_nfg(NULL, FIX "payoff_2x3.nfg", NULL),
                 EQ_ERR_ARG);
    cr_expect_eq(eq_game_write_nfg(NULL, &text), EQ_ERR_ARG);
    cr_expect_null(text);
    /* A NULL name is allowed. */
    cr_expect_eq(eq_game_parse_nfg(&g, "", 0, NULL, &d), EQ_ERR_PARSE);
    cr_expect_eq(strncmp(d.message, "<input>:1:1: ", 13), 0, "%s", d.message);
}

/* 8. Files that cannot be opened or read. */
Test(nfg, io_errors)
{
    eq_game *g = (eq_game *)&g;
    eq_diag d;
    const char *path = FIX "does-not-exist.nfg";
    char want[512];
    cr_assert_eq(eq_game_read_nfg(&g, path, &d), EQ_ERR_IO);
    cr_expect_null(g);
    snprintf(want, sizeof want, "%s: cannot open: ", path);
    cr_expect_eq(strncmp(d.message, want, strlen(want)), 0, "%s", d.message);
    cr_expect_not_null(strstr(d.message, "No such file"), "%s", d.message);
    cr_expect_eq(d.line, 0);
    cr_expect_eq(d.col, 0);
    /* A directory opens but cannot be read. */
    cr_expect_eq(eq_game_read_nfg(&g, FIX, &d), EQ_ERR_IO);
    cr_expect_not_null(strstr(d.message, "cannot"), "%s", d.message);
    /* Errors name the path. */
    cr_assert_eq(eq_game_read_nfg(&g, FIX "payoff_2x3.nfg", &d), EQ_OK);
    eq_game_free(g);
}

/* The classic games shipped in models/. */
typedef struct model {
    const char *file;
    int n;
    int k[3];
    const char *player1, *action1;  /* player 1 and its first action */
    int prof[3];                    /* a profile, and its payoffs */
    double pay[3];
    int prof2[3];
    double pay2[3];
} model;

static const model models[] = {
    { "matching_pennies.nfg", 2, { 2, 2 }, "Matcher", "Heads",
      { 0, 0 }, { 1, -1 }, { 1, 0 }, { -1, 1 } },
    { "prisoners_dilemma.nfg", 2, { 2, 2 }, "Prisoner 1", "Cooperate",
      { 1, 0 }, { 5, 0 }, { 1, 1 }, { 1, 1 } },
    { "battle_of_sexes.nfg", 2, { 2, 2 }, "She", "Opera",
      { 0, 0 }, { 2, 1 }, { 1, 1 }, { 1, 2 } },
    { "chicken.nfg", 2, { 2, 2 }, "Driver 1", "Swerve",
      { 0, 1 }, { -1, 1 }, { 1, 1 }, { -10, -10 } },
    { "rock_paper_scissors.nfg", 2, { 3, 3 }, "Player 1", "Rock",
      { 0, 2 }, { 1, -1 }, { 2, 0 }, { -1, 1 } },
    { "shapley.nfg", 2, { 3, 3 }, "Row", "Top",
      { 0, 1 }, { 1, 0 }, { 1, 0 }, { 0, 1 } },
    { "three_player.nfg", 3, { 2, 2, 2 }, "Ann", "Cinema",
      { 1, 1, 1 }, { 1, 1, 1 }, { 0, 1, 1 }, { 0, 0, 0 } },
};

Test(nfg, models)
{
    for (size_t m = 0; m < sizeof models / sizeof *models; m++) {
        const model *x = &models[m];
        char path[512];
        eq_game *g;
        snprintf(path, sizeof path, "%s/%s", EQ_MODELS, x->file);
        g = read_ok(path);
        cr_assert_eq(eq_game_players(g), x->n, "%s", x->file);
        for (int p = 0; p < x->n; p++) {
            cr_expect_eq(eq_game_actions(g, p), x->k[p], "%s", x->file);
            cr_expect_float_eq(eq_game_payoff(g, p, x->prof), x->pay[p], 1e-12,
                               "%s: player %d", x->file, p + 1);
            cr_expect_float_eq(eq_game_payoff(g, p, x->prof2), x->pay2[p],
                               1e-12, "%s: player %d", x->file, p + 1);
        }
        cr_expect_str_eq(eq_game_player_name(g, 0), x->player1);
        cr_expect_str_eq(eq_game_action_name(g, 0, 0), x->action1);
        cr_expect_str_neq(eq_game_title(g), "", "%s", x->file);
        round_trip(g);
        eq_game_free(g);
    }
}

/* Some games the models should be: zero-sum where they are. */
Test(nfg, models_constant_sum)
{
    eq_game *g = read_ok(EQ_MODELS "/rock_paper_scissors.nfg");
    cr_expect(eq_game_is_constant_sum(g));
    eq_game_free(g);
    g = read_ok(EQ_MODELS "/prisoners_dilemma.nfg");
    cr_expect_not(eq_game_is_constant_sum(g));
    eq_game_free(g);
}
