/* test_api.c -- the embedding interface (solver/api.c): options by name,
** a model solved in one call, lookup by name.  Values checked are derived
** by hand from the games' payoffs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "equilib.h"
#include "support.h"

#define MODELS EQ_MODELS "/"
/* The first-version security models, kept as fixtures. */
#define OLD EQ_FIXTURES "/game/"

static eq_game *read_nfg(const char *name)
{
    char path[512];
    eq_game *g = NULL;
    eq_diag d;
    snprintf(path, sizeof path, MODELS "%s", name);
    cr_assert_eq(eq_game_read_nfg(&g, path, &d), EQ_OK, "%s", d.message);
    return g;
}

static eq_model *read_model(const char *name)
{
    char path[512];
    eq_model *m = NULL;
    eq_diag d;
    snprintf(path, sizeof path, OLD "%s", name);
    cr_assert_eq(eq_model_read(&m, path, &d), EQ_OK, "%s", d.message);
    return m;
}

Test(options, table_lists_every_name_once)
{
    int n = eq_option_count();
    cr_assert_gt(n, 10);
    for (int i = 0; i < n; i++) {
        cr_assert_not_null(eq_option_name(i));
        cr_assert_eq(eq_option_index(eq_option_name(i)), i);
        cr_assert_neq(eq_option_scope(i), 0u);
        cr_assert_gt(strlen(eq_option_help(i)), 10);
    }
    cr_assert_null(eq_option_name(n));
    cr_assert_eq(eq_option_index("no_such"), -1);
    cr_assert_eq(eq_option_scope(eq_option_index("select")), EQ_OPTION_TREE);
    cr_assert_eq(eq_option_scope(eq_option_index("objective")), EQ_OPTION_GAME);
}

Test(options, bad_names_and_values_are_refused_with_a_message)
{
    eq_options *o;
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set(o, "methd", "enum"), EQ_ERR_ARG);
    cr_assert(strstr(eq_options_errmsg(o), "unknown option 'methd' (method, ") != NULL,
              "%s", eq_options_errmsg(o));
    cr_assert_eq(eq_options_set(o, "method", "lemkee"), EQ_ERR_ARG);
    cr_assert(strstr(eq_options_errmsg(o), "unknown method 'lemkee'") != NULL);
    cr_assert(strstr(eq_options_errmsg(o), "lemke") != NULL);
    cr_assert_eq(eq_options_set(o, "select", "best"), EQ_ERR_ARG);
    cr_assert_str_eq(eq_options_errmsg(o), "option select: 'best' is not welfare, first, "
                     "player:NAME or min:ACTION");
    cr_assert_eq(eq_options_set(o, "exact", "maybe"), EQ_ERR_ARG);
    cr_assert_eq(eq_options_set(o, "max", "-1"), EQ_ERR_ARG);
    cr_assert_eq(eq_options_set(o, "tol", "0"), EQ_ERR_ARG);
    cr_assert_eq(eq_options_set(o, "sub", "spe"), EQ_ERR_ARG);
    cr_assert(strstr(eq_options_errmsg(o), "cannot solve a subgame") != NULL);
    /* Nothing stuck. */
    for (int i = 0; i < eq_option_count(); i++)
        cr_assert_null(eq_options_get(o, eq_option_name(i)));
    cr_assert_eq(eq_options_set(o, "method", "mip"), EQ_OK);
    cr_assert_str_eq(eq_options_get(o, "method"), "mip");
    cr_assert_str_eq(eq_options_errmsg(o), "");
    cr_assert_eq(eq_options_set(o, "method", NULL), EQ_OK);
    cr_assert_null(eq_options_get(o, "method"));
    eq_options_free(o);
}

/* Matching pennies: the one equilibrium is (1/2, 1/2) for both, by the
** indifference conditions p - (1 - p) = -(p) + (1 - p). */
Test(options, matching_pennies_by_name)
{
    eq_game *g = read_nfg("matching_pennies.nfg");
    eq_options *o;
    eq_result *r = NULL;
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set(o, "method", "lemke"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "exact", "true"), EQ_OK);
    cr_assert_eq(eq_solve_with(g, o, &r), EQ_OK, "%s", eq_options_errmsg(o));
    cr_assert_eq(eq_result_method(r), EQ_METHOD_LEMKE);
    cr_assert_eq(eq_result_count(r), 1);
    for (int p = 0; p < 2; p++)
        for (int a = 0; a < 2; a++)
            cr_assert_str_eq(eq_result_strategy_exact(r, 0, p, a), "1/2");
    eq_result_free(r);
    /* A tree option on a strategic game is an error, not ignored. */
    cr_assert_eq(eq_options_set(o, "select", "first"), EQ_OK);
    cr_assert_eq(eq_solve_with(g, o, &r), EQ_ERR_ARG);
    cr_assert_null(r);
    cr_assert_str_eq(eq_options_errmsg(o),
                     "option select does not apply to a strategic-form game");
    eq_options_free(o);
    eq_game_free(g);
}

/* Battle of the sexes (She: 2 at Opera/Opera, He: 2 at Football/Football).
** The best equilibrium for She is (Opera, Opera), payoffs (2, 1); for He
** (Football, Football), (1, 2); the welfare-worst is the mixed one, She
** playing Opera with 2/3 and He with 1/3, payoffs (2/3, 2/3). */
Test(options, objective_names_resolve_against_the_game)
{
    eq_game *g = read_nfg("battle_of_sexes.nfg");
    eq_options *o;
    eq_result *r = NULL;
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set(o, "method", "mip"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "objective", "player:He"), EQ_OK);
    cr_assert_eq(eq_solve_with(g, o, &r), EQ_OK, "%s", eq_options_errmsg(o));
    cr_assert_float_eq(eq_result_payoff(r, 0, 0), 1.0, 1e-9);
    cr_assert_float_eq(eq_result_payoff(r, 0, 1), 2.0, 1e-9);
    eq_result_free(r);

    cr_assert_eq(eq_options_set(o, "objective", "welfare"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "minimize", "yes"), EQ_OK);
    cr_assert_eq(eq_solve_with(g, o, &r), EQ_OK, "%s", eq_options_errmsg(o));
    cr_assert_float_eq(eq_result_payoff(r, 0, 0), 2.0 / 3.0, 1e-9);
    cr_assert_float_eq(eq_result_strategy(r, 0, 0)[0], 2.0 / 3.0, 1e-9);
    cr_assert_float_eq(eq_result_strategy(r, 0, 1)[0], 1.0 / 3.0, 1e-9);
    eq_result_free(r);
    cr_assert_eq(eq_options_set(o, "maximize", "1"), EQ_OK);
    cr_assert_null(eq_options_get(o, "minimize"));

    cr_assert_eq(eq_options_set(o, "objective", "action:She:Football"), EQ_OK);
    cr_assert_eq(eq_solve_with(g, o, &r), EQ_OK, "%s", eq_options_errmsg(o));
    cr_assert_float_eq(eq_result_strategy(r, 0, 0)[1], 1.0, 1e-9);
    eq_result_free(r);

    cr_assert_eq(eq_options_set(o, "objective", "player:Him"), EQ_OK);
    cr_assert_eq(eq_solve_with(g, o, &r), EQ_ERR_ARG);
    cr_assert_str_eq(eq_options_errmsg(o), "option objective: no player named 'Him'");
    cr_assert_eq(eq_options_set(o, "objective", "action:She:Ballet"), EQ_OK);
    cr_assert_eq(eq_solve_with(g, o, &r), EQ_ERR_ARG);
    cr_assert_str_eq(eq_options_errmsg(o), "option objective: She has no action 'Ballet'");
    eq_options_free(o);
    eq_game_free(g);
}

/* nato_membership.game at its defaults (timing = after): Russia keeps
** fighting, and the war goes on with payoffs (-war_cost, -war_loss,
** -west_stake) = (-4, -10, -6) by the model's defaults. */
Test(model, solve_in_one_call)
{
    eq_model *m = read_model("old_nato.game");
    eq_point *pt = NULL;
    cr_assert_eq(eq_model_solve(m, NULL, NULL, &pt), EQ_OK, "%s", eq_point_errmsg(pt));
    cr_assert_float_eq(eq_point_payoff(pt, 0), -4.0, 1e-12);
    cr_assert_float_eq(eq_point_payoff(pt, 1), -10.0, 1e-12);
    cr_assert_float_eq(eq_point_payoff(pt, 2), -6.0, 1e-12);
    cr_assert_str_eq(eq_point_path(pt),
                     "ceasefire_first: Russia keep_fighting; outcome war_goes_on");
    cr_assert_eq(eq_point_spe_count(pt), -1);
    cr_assert_not_null(eq_point_tree(pt));
    cr_assert_not_null(eq_point_result(pt));

    /* Lookup by name on the instantiated tree. */
    const eq_tree *t = eq_point_tree(pt);
    int v = eq_tree_find_node(t, "ceasefire_first");
    cr_assert_geq(v, 0);
    cr_assert_str_eq(eq_tree_node_label(t, v), "ceasefire_first");
    int h = eq_tree_node_infoset(t, v);
    cr_assert_eq(eq_tree_find_player(t, "Russia"), eq_tree_node_player(t, v));
    cr_assert_eq(eq_tree_find_player(t, "West"), 2);
    cr_assert_eq(eq_tree_find_action(t, h, "cease_fire"), 1);
    cr_assert_eq(eq_tree_find_action(t, h, "keep_fighting"), 0);
    cr_assert_eq(eq_tree_find_action(t, h, "surrender"), -1);
    cr_assert_eq(eq_tree_find_node(t, "no_such_node"), -1);
    cr_assert_eq(eq_tree_find_player(t, NULL), -1);
    cr_assert_eq(eq_tree_find_action(t, -1, "cease_fire"), -1);
    cr_assert_float_eq(eq_tree_result_behaviour(eq_point_result(pt), 0, h)[0], 1.0, 1e-12);
    eq_point_free(pt);

    /* With options: counting and a timing given as values. */
    eq_options *o;
    double *x = calloc((size_t)eq_model_params(m), sizeof *x);
    eq_diag d;
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set(o, "count", "on"), EQ_OK);
    cr_assert_eq(eq_model_defaults(m, x), EQ_OK);
    cr_assert_eq(eq_model_set_param(m, x, "timing=before", &d), EQ_OK);
    cr_assert_eq(eq_model_solve(m, x, o, &pt), EQ_OK, "%s", eq_options_errmsg(o));
    cr_assert_geq(eq_point_spe_count(pt), 1);
    cr_assert_eq(eq_tree_find_node(eq_point_tree(pt), "ceasefire_first"), -1);
    cr_assert_geq(eq_tree_find_node(eq_point_tree(pt), "admission_now"), 0);
    eq_point_free(pt);

    /* A strategic-only option on a model fails with the message on both. */
    cr_assert_eq(eq_options_set(o, "objective", "welfare"), EQ_OK);
    cr_assert_eq(eq_model_solve(m, x, o, &pt), EQ_ERR_ARG);
    cr_assert_str_eq(eq_point_errmsg(pt), "option objective does not apply to a model");
    cr_assert_str_eq(eq_options_errmsg(o), "option objective does not apply to a model");
    eq_point_free(pt);
    free(x);
    eq_options_free(o);
    eq_model_free(m);
}

/* A select player:NAME resolved against the model's players gives the same
** tree options as built by hand. */
Test(model, tree_options_by_name_match_the_struct)
{
    eq_model *m = read_model("old_nato.game");
    eq_options *o;
    eq_tree_opts a, b;
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set(o, "select", "player:West"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "sub", "correlated"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "all", "false"), EQ_OK);
    cr_assert_eq(eq_options_tree_opts(o, m, NULL, &a), EQ_OK, "%s", eq_options_errmsg(o));
    eq_tree_opts_init(&b);
    cr_assert_eq(eq_model_equilibrium(m, &b), 1);
    cr_assert_eq(a.method, b.method);
    cr_assert_eq(a.select, EQ_SELECT_PLAYER);
    cr_assert_eq(a.select_player, 2);
    cr_assert_eq(a.subgame_method, EQ_METHOD_CORRELATED);
    cr_assert_eq(eq_options_set(o, "select", "min:fight_on"), EQ_OK);
    cr_assert_eq(eq_options_tree_opts(o, m, NULL, &a), EQ_OK);
    cr_assert_eq(a.select, EQ_SELECT_MIN_ACTION);
    cr_assert_str_eq(a.select_action, "fight_on");
    cr_assert_eq(eq_options_set(o, "select", "player:Belarus"), EQ_OK);
    cr_assert_eq(eq_options_tree_opts(o, m, NULL, &a), EQ_ERR_ARG);
    cr_assert_str_eq(eq_options_errmsg(o), "option select: no player named 'Belarus'");
    eq_options_free(o);
    eq_model_free(m);
}

/* With no game to resolve a player's name against, the option fails
** rather than leaving an index that means nothing. */
Test(options, player_names_need_a_game)
{
    eq_options *o;
    eq_solve_opts so;
    eq_tree_opts to;
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set(o, "objective", "player:He"), EQ_OK);
    cr_assert_eq(eq_options_solve_opts(o, NULL, &so), EQ_ERR_ARG);
    cr_assert_str_eq(eq_options_errmsg(o), "option objective: a player's name needs the "
                     "game to resolve it against");
    cr_assert_eq(eq_options_set(o, "objective", "welfare"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "minimize", "true"), EQ_OK);
    cr_assert_eq(eq_options_solve_opts(o, NULL, &so), EQ_OK);
    cr_assert_eq(so.objective, EQ_OBJ_WELFARE);
    cr_assert_eq(so.maximize, 0);
    eq_options_free(o);
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set(o, "select", "player:West"), EQ_OK);
    cr_assert_eq(eq_options_tree_opts(o, NULL, NULL, &to), EQ_ERR_ARG);
    eq_options_free(o);
}

/* ---- limits by name ---------------------------------------------------- */

static int cancel_calls;
static int cancel_now(void *ud)
{
    (void)ud;
    cancel_calls++;
    return 1;
}

/* A 30 x 30 game's enum stops at max_vertices 1 (after the search's first
** level) with EQ_ERR_STOPPED, the stopped solution status and a message
** naming the limit; the full search would take minutes. */
Test(limits_by_name, enum_30x30_stops_at_max_vertices)
{
    t_rng rng = { 30 };
    eq_game *g = t_random_bimatrix(&rng, 30, 30, 0, 99);
    eq_options *o;
    eq_solve_opts so;
    eq_result *r = NULL;
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set(o, "method", "enum"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "threads", "1"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "max_vertices", "1"), EQ_OK);
    cr_assert_str_eq(eq_options_get(o, "max_vertices"), "1");
    cr_assert_eq(eq_options_solve_opts(o, g, &so), EQ_OK);
    cr_assert_not_null(so.limits);
    cr_assert_eq(so.limits->max_vertices, 1);
    cr_assert_eq(so.limits->max_pivots, 0);
    cr_assert_eq(eq_solve_with(g, o, &r), EQ_ERR_STOPPED, "%s", eq_options_errmsg(o));
    cr_assert_eq(eq_result_solution(r), EQ_SOL_STOPPED);
    cr_assert_not_null(strstr(eq_options_errmsg(o), "max_vertices"), "%s",
                       eq_options_errmsg(o));
    for (int k = 0; k < eq_result_count(r); k++)
        cr_expect_lt(eq_result_regret(r, k), 1e-9);
    eq_result_free(r);
    /* Unset, the options bound nothing. */
    cr_assert_eq(eq_options_set(o, "max_vertices", NULL), EQ_OK);
    cr_assert_eq(eq_options_solve_opts(o, g, &so), EQ_OK);
    cr_assert_null(so.limits);
    eq_options_free(o);
    eq_game_free(g);
}

/* lemke stops at max_pivots 1 and at a callback that always says stop;
** a vertex limit far above matching pennies' polytopes (4 vertices each)
** changes nothing: enum still finds (1/2, 1/2), (1/2, 1/2). */
Test(limits_by_name, pivots_callback_and_a_limit_not_reached)
{
    eq_game *g = read_nfg("matching_pennies.nfg");
    eq_options *o;
    eq_result *r = NULL;
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set(o, "method", "lemke"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "max_pivots", "1"), EQ_OK);
    cr_assert_eq(eq_solve_with(g, o, &r), EQ_ERR_STOPPED, "%s", eq_options_errmsg(o));
    cr_assert_not_null(strstr(eq_options_errmsg(o), "max_pivots"), "%s",
                       eq_options_errmsg(o));
    eq_result_free(r);
    cr_assert_eq(eq_options_set(o, "max_pivots", "0"), EQ_OK);
    cancel_calls = 0;
    cr_assert_eq(eq_options_set_cancel(o, cancel_now, NULL), EQ_OK);
    cr_assert_eq(eq_solve_with(g, o, &r), EQ_ERR_STOPPED, "%s", eq_options_errmsg(o));
    cr_assert_eq(eq_result_solution(r), EQ_SOL_STOPPED);
    cr_assert_gt(cancel_calls, 0);
    eq_result_free(r);
    cr_assert_eq(eq_options_set_cancel(o, NULL, NULL), EQ_OK);
    cr_assert_eq(eq_options_set(o, "method", "enum"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "exact", "true"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "max_vertices", "1000"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "time_limit", "3600"), EQ_OK);
    cr_assert_eq(eq_solve_with(g, o, &r), EQ_OK, "%s", eq_options_errmsg(o));
    cr_assert_eq(eq_result_count(r), 1);
    for (int p = 0; p < 2; p++)
        for (int a = 0; a < 2; a++)
            cr_assert_str_eq(eq_result_strategy_exact(r, 0, p, a), "1/2");
    eq_result_free(r);
    eq_options_free(o);
    eq_game_free(g);
}

/* Bad limit values are refused at once; a pivot or vertex limit on a model
** is outside its scope (a sweep is bounded by time only), an error. */
Test(limits_by_name, bad_values_and_scopes)
{
    eq_model *m = read_model("old_nato.game");
    eq_options *o;
    eq_point *pt = NULL;
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set(o, "time_limit", "-1"), EQ_ERR_ARG);
    cr_assert_str_eq(eq_options_errmsg(o), "option time_limit: '-1' is not a number of "
                     "seconds >= 0 (0: no limit)");
    cr_assert_eq(eq_options_set(o, "time_limit", "inf"), EQ_ERR_ARG);
    cr_assert_eq(eq_options_set(o, "time_limit", "nan"), EQ_ERR_ARG);
    cr_assert_eq(eq_options_set(o, "max_pivots", "-3"), EQ_ERR_ARG);
    cr_assert_eq(eq_options_set(o, "max_vertices", "10x"), EQ_ERR_ARG);
    cr_assert_eq(eq_options_set(o, "max_vertices", "99999999999999999999"), EQ_ERR_ARG);
    cr_assert_eq(eq_option_scope(eq_option_index("time_limit")),
                 EQ_OPTION_GAME | EQ_OPTION_TREE | EQ_OPTION_ANALYSIS);
    cr_assert_eq(eq_option_scope(eq_option_index("max_vertices")),
                 EQ_OPTION_GAME | EQ_OPTION_TREE);
    cr_assert_eq(eq_options_set_cancel(NULL, cancel_now, NULL), EQ_ERR_ARG);

    cr_assert_eq(eq_options_set(o, "max_vertices", "5"), EQ_OK);
    cr_assert_eq(eq_model_solve(m, NULL, o, &pt), EQ_ERR_ARG);
    cr_assert_not_null(strstr(eq_options_errmsg(o), "option max_vertices does not apply "
                              "to a model"), "%s", eq_options_errmsg(o));
    eq_point_free(pt);
    /* time_limit applies to a model: the one solve goes through (the
    ** limit bounds a sweep between points) with the defaults' payoffs
    ** (-4, -10, -6) of model.solve_in_one_call. */
    cr_assert_eq(eq_options_set(o, "max_vertices", NULL), EQ_OK);
    cr_assert_eq(eq_options_set(o, "time_limit", "60"), EQ_OK);
    cr_assert_eq(eq_model_solve(m, NULL, o, &pt), EQ_OK, "%s", eq_options_errmsg(o));
    cr_assert_float_eq(eq_point_payoff(pt, 1), -10.0, 1e-12);
    eq_point_free(pt);
    eq_options_free(o);
    eq_model_free(m);
}

/* A sweep under a callback that always says stop stops before its first
** row is passed on. */
static int count_rows(void *ud, const eq_point *pt)
{
    (void)pt;
    (*(int *)ud)++;
    return 0;
}

Test(limits_by_name, a_sweep_stops_on_the_callback)
{
    eq_model *m = read_model("old_nato.game");
    eq_analysis *a = NULL;
    eq_options *o;
    int rows = 0;
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    cr_assert_eq(eq_analysis_vary(a, "timing"), EQ_OK, "%s", eq_analysis_errmsg(a));
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set_cancel(o, cancel_now, NULL), EQ_OK);
    cr_assert_eq(eq_analysis_use_options(a, o), EQ_OK, "%s", eq_options_errmsg(o));
    cr_assert_eq(eq_model_sweep(a, count_rows, &rows), EQ_ERR_STOPPED,
                 "%s", eq_analysis_errmsg(a));
    cr_assert_eq(rows, 0);
    /* Without the callback the two choices of timing are both rows. */
    cr_assert_eq(eq_options_set_cancel(o, NULL, NULL), EQ_OK);
    eq_analysis_free(a);
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    cr_assert_eq(eq_analysis_vary(a, "timing"), EQ_OK);
    cr_assert_eq(eq_analysis_use_options(a, o), EQ_OK);
    cr_assert_eq(eq_model_sweep(a, count_rows, &rows), EQ_OK, "%s", eq_analysis_errmsg(a));
    cr_assert_eq(rows, 2);
    eq_analysis_free(a);
    eq_options_free(o);
    eq_model_free(m);
}
