/*
** test_include.c -- include, set and default lines of the .game language
** (models/LANGUAGE.md, "Including a model"), on the fixtures in
** tests/fixtures/game/include/.
**
** base.game: A chooses l, paying (a, b), or r, paying (1, 0) under kind =
** plain and (0, 1) under kind = swap; defaults a = 2, b = 1, plain.  The
** equilibria below follow by hand: A plays l iff a exceeds what r pays A.
** Every error's file, line and column is read off the fixture.
*/
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "equilib.h"

#define INC EQ_FIXTURES "/game/include/"

static eq_model *read_ok(const char *path)
{
    eq_model *m = NULL;
    eq_diag d;
    eq_status s = eq_model_read(&m, path, &d);
    cr_assert_eq(s, EQ_OK, "%s: %s", path, d.message);
    return m;
}

/* Read path, which must fail to parse with a message holding each of the
** texts; the failing place's line and column. */
static void read_bad(const char *path, int line, int col, const char *a, const char *b)
{
    eq_model *m = NULL;
    eq_diag d;
    eq_status s = eq_model_read(&m, path, &d);
    cr_assert_eq(s, EQ_ERR_PARSE, "%s: status %d: %s", path, s, d.message);
    cr_assert_null(m);
    cr_expect_eq(d.line, line, "%s: line %d: %s", path, d.line, d.message);
    cr_expect_eq(d.col, col, "%s: col %d: %s", path, d.col, d.message);
    cr_expect(strstr(d.message, a) != NULL, "%s: '%s' not in: %s", path, a, d.message);
    cr_expect(b == NULL || strstr(d.message, b) != NULL, "%s: '%s' not in: %s", path, b,
              d.message);
}

/* Solve at the defaults: A's action (0 = l, 1 = r) and both payoffs. */
static int solve(const eq_model *m, double *pa, double *pb)
{
    double v[8];
    eq_tree *t = NULL;
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_diag d;
    int h, act;
    cr_assert_leq(eq_model_params(m), 8);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    eq_tree_opts_init(&o);
    o.all = 1;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK);
    cr_assert_eq(eq_tree_result_count(r), 1, "one equilibrium (no tie)");
    h = eq_tree_node_infoset(t, eq_tree_find_node(t, "root"));
    cr_assert_geq(h, 0);
    act = eq_tree_result_behaviour(r, 0, h)[0] > 0.5 ? 0 : 1;
    *pa = *pb = 0;
    for (int u = 0; u < eq_tree_nodes(t); u++)
        if (eq_tree_node_kind(t, u) == EQ_NODE_TERMINAL) {
            *pa += eq_tree_result_reach(r, 0, u) * eq_tree_payoff(t, u, 0);
            *pb += eq_tree_result_reach(r, 0, u) * eq_tree_payoff(t, u, 1);
        }
    eq_tree_result_free(r);
    eq_tree_free(t);
    return act;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

Test(include, the_base_alone)
{
    eq_model *m = read_ok(INC "base.game");
    double a, b;
    cr_expect_eq(eq_model_params(m), 3);
    cr_expect_eq(eq_model_files(m), 1);
    /* a = 2 > 1: l, (2, 1). */
    cr_expect_eq(solve(m, &a, &b), 0);
    cr_expect_float_eq(a, 2.0, 1e-12);
    cr_expect_float_eq(b, 1.0, 1e-12);
    eq_model_free(m);
}

Test(include, set_fixes_and_default_redefaults)
{
    eq_model *m = read_ok(INC "fixed.game");
    double v[4], a, b;
    eq_diag d;
    cr_expect_str_eq(eq_model_title(m), "Fixed");
    cr_expect_eq(eq_model_files(m), 2);
    cr_expect(ends_with(eq_model_file(m, 0), "fixed.game"));
    cr_expect(ends_with(eq_model_file(m, 1), "base.game"));
    /* a is fixed: the free parameters are kind and b, in order. */
    cr_assert_eq(eq_model_params(m), 2);
    cr_expect_str_eq(eq_model_param_name(m, 0), "kind");
    cr_expect_str_eq(eq_model_param_name(m, 1), "b");
    cr_expect_eq(eq_model_param_index(m, "a"), -1);
    cr_expect_float_eq(eq_model_param_default(m, 1), 4.0, 1e-12);
    /* a = 0.5 < 1: r, (1, 0). */
    cr_expect_eq(solve(m, &a, &b), 1);
    cr_expect_float_eq(a, 1.0, 1e-12);
    cr_expect_float_eq(b, 0.0, 1e-12);
    /* -p a=...: refused, naming the set line (line 4, column 1). */
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    cr_expect_eq(eq_model_set_param(m, v, "a=1", &d), EQ_ERR_ARG);
    cr_expect(strstr(d.message, "fixed.game:4:1") != NULL && strstr(d.message, "fixed"),
              "%s", d.message);
    /* b keeps its domain: 5 is in [0, 5], 6 is not. */
    cr_expect_eq(eq_model_set_param(m, v, "b=5", &d), EQ_OK, "%s", d.message);
    cr_expect_eq(eq_model_set_param(m, v, "b=6", &d), EQ_ERR_ARG);
    eq_model_free(m);
}

Test(include, set_a_choice)
{
    eq_model *m = read_ok(INC "fixed_choice.game");
    double v[4], a, b;
    eq_diag d;
    cr_assert_eq(eq_model_params(m), 2);
    cr_expect_eq(eq_model_param_index(m, "kind"), -1);
    /* The title is the included file's. */
    cr_expect_str_eq(eq_model_title(m), "Base");
    /* a = 2 > 0 (r pays A 0 under swap): l, (2, 1). */
    cr_expect_eq(solve(m, &a, &b), 0);
    cr_expect_float_eq(a, 2.0, 1e-12);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    cr_expect_eq(eq_model_set_param(m, v, "kind=plain", &d), EQ_ERR_ARG);
    cr_expect(strstr(d.message, "fixed_choice.game:2:1") != NULL, "%s", d.message);
    eq_model_free(m);
}

Test(include, nested_relative_paths)
{
    eq_model *m = read_ok(INC "nested.game");
    double a, b;
    cr_expect_eq(eq_model_files(m), 3);
    cr_expect(ends_with(eq_model_file(m, 1), "sub/inner.game"));
    cr_expect(ends_with(eq_model_file(m, 2), "sub/../base.game"));
    /* kind = swap (inner), a = 0.2 (outer): l pays 0.2 > 0: l, (0.2, 1).
    ** Either set alone would give r. */
    cr_assert_eq(eq_model_params(m), 1);
    cr_expect_str_eq(eq_model_param_name(m, 0), "b");
    cr_expect_eq(solve(m, &a, &b), 0);
    cr_expect_float_eq(a, 0.2, 1e-12);
    cr_expect_float_eq(b, 1.0, 1e-12);
    eq_model_free(m);
}

Test(include, from_text_relative_to_the_name)
{
    static const char text[] = "include \"base.game\"\nset a = 0.5\n";
    eq_model *m = NULL;
    eq_diag d;
    double a, b;
    cr_assert_eq(eq_model_parse(&m, text, strlen(text), INC "virtual.game", &d), EQ_OK, "%s",
                 d.message);
    cr_expect_eq(solve(m, &a, &b), 1);
    eq_model_free(m);
}

Test(include, errors_name_the_right_file)
{
    read_bad(INC "missing.game", 2, 9, "missing.game:2:9: include: cannot open", NULL);
    read_bad(INC "cycle_a.game", 2, 9, "cycle_b.game:2:9: include:", "a cycle of includes");
    read_bad(INC "cycle_a.game", 2, 9, "(included from ", "cycle_a.game:1)");
    read_bad(INC "set_unknown.game", 2, 5, "set_unknown.game:2:5: unknown parameter 'zeta'",
             NULL);
    read_bad(INC "set_domain.game", 2, 9, "set_domain.game:2:9: 7 lies outside the domain "
             "[0, 3] of 'a'", NULL);
    read_bad(INC "set_choice.game", 2, 16, "set_choice.game:2:16: 'round' is not a choice "
             "of 'kind'", NULL);
    read_bad(INC "set_twice.game", 3, 9, "set_twice.game:3:9: 'a' is set twice (first at "
             "line 2)", NULL);
    /* Inside the included file: its own place, then where it was included. */
    read_bad(INC "bad_outer.game", 4, 12, "bad_inner.game:4:12: unknown name 'nosuch'",
             "(included from " INC "bad_outer.game:2)");
}

Test(include, depth_limit)
{
    char dir[] = "/tmp/eq_include_XXXXXX", path[600];
    const int n = 18;       /* d0 .. d17: d16's include would be the 17th level */
    FILE *f;
    cr_assert_not_null(mkdtemp(dir));
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/d%d.game", dir, i);
        cr_assert_not_null(f = fopen(path, "w"));
        if (i + 1 < n)
            fprintf(f, "include \"d%d.game\"\n", i + 1);
        else
            fprintf(f, "include \"%s\"\n", INC "base.game");
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/d0.game", dir);
    read_bad(path, 1, 9, "d16.game:1:9: include: include lines nested more than 16 deep",
             "(included from ");
    /* Sixteen levels are allowed: d2 includes d3, ..., d17 includes
    ** base.game, the 16th included file. */
    snprintf(path, sizeof path, "%s/d2.game", dir);
    {
        eq_model *m = read_ok(path);
        cr_expect_eq(eq_model_files(m), 17);
        eq_model_free(m);
    }
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/d%d.game", dir, i);
        unlink(path);
    }
    rmdir(dir);
}

/* A claim of the included file over a fixed parameter compares what the
** including model no longer varies: dropped.  One written in the
** including file itself is an error. */
Test(include, claims_over_a_fixed_parameter)
{
    eq_model *m = read_ok(INC "claims_base.game");
    cr_expect_eq(eq_model_claims(m), 3);
    eq_model_free(m);
    m = read_ok(INC "claims.game");
    cr_assert_eq(eq_model_claims(m), 1);
    cr_expect_str_eq(eq_model_claim_name(m, 0), "x_rare");
    eq_model_free(m);
    read_bad(INC "claims_own.game", 5, 26, "claims_own.game:5:26: claim 'mine'", "'bonus'");
}

/* An error found when instantiating names the included file and its
** line too (divz_inner.game line 6: 1 / (a - 1) at a = 1). */
Test(include, instantiation_errors_name_the_included_file)
{
    eq_model *m = read_ok(INC "divz.game");
    eq_tree *t = NULL;
    eq_diag d;
    double v[2];
    cr_assert_eq(eq_model_params(m), 0);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    cr_expect_eq(eq_model_instantiate(m, v, &t, &d), EQ_ERR_ARG);
    cr_expect(strstr(d.message, "divz_inner.game:6:14: division by zero") != NULL &&
              strstr(d.message, "(included from " INC "divz.game:2)") != NULL, "%s", d.message);
    cr_expect_eq(d.line, 6);
    eq_tree_free(t);
    eq_model_free(m);
}
