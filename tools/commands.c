/*
** commands.c -- the commands solve, check and convert.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Resolve --objective against the game's names: "welfare",
** "player:NAME" or "action:PLAYER:ACTION".  Returns 0 or an exit code. */
static int resolve_objective(const cli *c, const eq_game *g, eq_solve_opts *o)
{
    const char *v = c->objective, *colon;
    o->maximize = !c->minimize;
    if (v == NULL || strcmp(v, "welfare") == 0) {
        o->objective = EQ_OBJ_WELFARE;
        return 0;
    }
    if (strncmp(v, "player:", 7) == 0) {
        for (int p = 0; p < eq_game_players(g); p++)
            if (strcmp(eq_game_player_name(g, p), v + 7) == 0) {
                o->objective = EQ_OBJ_PLAYER;
                o->obj_player = p;
                return 0;
            }
        cli_error("--objective %s: no player named '%s'", v, v + 7);
        return EXIT_USAGE;
    }
    if (strncmp(v, "action:", 7) != 0)
        return cli_usage_error(c->cmdname, "unknown objective '%s' (welfare, player:NAME, "
                               "action:PLAYER:ACTION)", v);
    if ((colon = strchr(v + 7, ':')) != NULL)
        for (int p = 0; p < eq_game_players(g); p++) {
            const char *pn = eq_game_player_name(g, p);
            size_t len = (size_t)(colon - (v + 7));
            if (strlen(pn) == len && strncmp(pn, v + 7, len) == 0) {
                int a = eq_game_find_action(g, p, colon + 1);
                if (a < 0) {
                    cli_error("--objective %s: %s has no action '%s'", v, pn, colon + 1);
                    return EXIT_USAGE;
                }
                o->objective = EQ_OBJ_ACTION;
                o->obj_player = p;
                o->obj_action = a;
                return 0;
            }
        }
    cli_error("--objective %s: expected action:PLAYER:ACTION with a player's name", v);
    return EXIT_USAGE;
}

/* The options of a strategic solve, checked against the method. */
static int game_opts(const cli *c, const eq_game *g, eq_solve_opts *o)
{
    char why[512];
    unsigned caps;
    int rc;
    eq_solve_opts_init(o);
    if (c->method >= 0)
        o->method = (eq_method)c->method;
    caps = eq_method_caps(o->method);
    if (eq_method_check_game(o->method, g, why, sizeof why) != EQ_OK) {
        cli_error("%s: %s", c->files[0], why);
        return EXIT_USAGE;
    }
    if (c->all || c->select_set || c->sub >= 0 || c->perfect || c->refine >= 0) {
        cli_error("--all, --select, --sub, --perfect and --refine apply to game trees "
                  "(.efg, .game)");
        return EXIT_USAGE;
    }
    if (c->qre_file != NULL && !(caps & EQ_CAP_PATH)) {
        cli_error("--qre goes with -m qre");
        return EXIT_USAGE;
    }
    o->exact = c->exact;
    o->lemke_label = c->label;
    o->max_equilibria = c->max;
    o->unique = c->unique;
    o->coarse = c->coarse;
    o->sensitivity = c->format == FMT_JSON;   /* JSON carries it */
    if ((rc = resolve_objective(c, g, o)) != 0)
        return rc;
    if ((caps & EQ_CAP_LABEL) && o->lemke_label >= 0 && eq_game_players(g) == 2 &&
        o->lemke_label >= eq_game_actions(g, 0) + eq_game_actions(g, 1)) {
        cli_error("--label %d: labels run from 0 to %d for this game", o->lemke_label,
                  eq_game_actions(g, 0) + eq_game_actions(g, 1) - 1);
        return EXIT_USAGE;
    }
    return 0;
}

/* A solve that failed with s: say why.  Returns the exit status: 2 when
** the method does not apply, an argument is wrong or memory ran out, 1
** otherwise. */
static int solve_failed(const cli *c, eq_status s, const char *errmsg)
{
    cli_error("%s: %s", c->files[0], errmsg && errmsg[0] ? errmsg : eq_status_string(s));
    return s == EQ_ERR_UNSUPPORTED || s == EQ_ERR_ARG || s == EQ_ERR_NOMEM ? EXIT_USAGE
                                                                         : EXIT_NOTFOUND;
}

/* Solve, print, and return the exit status. */
static int solve_game(const cli *c, const loaded *L)
{
    eq_solve_opts o;
    eq_limits lim;
    eq_result *r = NULL;
    eq_status s;
    qre_path q;
    sink out;
    int rc;

    memset(&q, 0, sizeof q);
    if ((rc = game_opts(c, L->g, &o)) != 0)
        return rc;
    cli_limits(c, &lim);
    o.limits = &lim;
    if (c->qre_file != NULL) {
        for (int p = 0; p < eq_game_players(L->g); p++)
            q.nprof += eq_game_actions(L->g, p);
        o.qre_path = qre_path_add;
        o.qre_ud = &q;
    }
    s = eq_solve(L->g, &o, &r);
    if (s == EQ_ERR_STOPPED && r != NULL) {
        /* Stopped: what was found, marked incomplete, and status 1. */
        cli_error("%s: %s: output incomplete", c->files[0],
                  cli_stop_reason(eq_result_errmsg(r)));
        if ((rc = sink_open(&out, c)) == 0) {
            print_game_result(out.f, c, L, r, &o, NULL);
            rc = sink_close(&out, EXIT_NOTFOUND);
        }
    } else if (s != EQ_OK) {
        rc = solve_failed(c, s, r ? eq_result_errmsg(r) : NULL);
    } else if (c->qre_file != NULL && (rc = qre_path_save(&q, L->g, c)) != 0) {
        /* the message is out */
    } else if ((rc = sink_open(&out, c)) == 0) {
        print_game_result(out.f, c, L, r, &o, c->qre_file ? &q : NULL);
        rc = eq_result_count(r) > 0 ? 0 : EXIT_NOTFOUND;
        if (rc != 0)
            cli_error("%s: method %s found no equilibrium", c->files[0],
                      eq_method_name(o.method));
        rc = sink_close(&out, rc);
    }
    qre_path_free(&q);
    eq_result_free(r);
    return rc;
}

/* --select against the tree's names. */
static int tree_select(const cli *c, const eq_tree *t, eq_tree_opts *o)
{
    if (!c->select_set)
        return 0;
    o->select = c->select;
    if (c->select == EQ_SELECT_PLAYER) {
        o->select_player = -1;
        for (int p = 0; p < eq_tree_players(t); p++)
            if (strcmp(eq_tree_player_name(t, p), c->select_arg) == 0)
                o->select_player = p;
        if (o->select_player < 0) {
            cli_error("--select player:%s: no such player", c->select_arg);
            return EXIT_USAGE;
        }
    } else if (c->select == EQ_SELECT_MIN_ACTION) {
        o->select_action = c->select_arg;
    }
    return 0;
}

/* The options of a tree solve: the model's declared concept first, then
** the command line. */
static int tree_opts(const cli *c, const loaded *L, eq_tree_opts *o)
{
    char why[512];
    eq_tree_opts_init(o);
    if (L->m != NULL)
        eq_model_equilibrium(L->m, o);
    if (c->method >= 0)
        o->method = (eq_method)c->method;
    if (c->sub >= 0)
        o->subgame_method = (eq_method)c->sub;
    if (c->sub >= 0 && o->method != EQ_METHOD_SPE) {
        cli_error("--sub %s: a subgame method applies to -m spe, not to -m %s",
                  eq_method_name((eq_method)c->sub), eq_method_name(o->method));
        return EXIT_USAGE;
    }
    if (eq_method_check_tree(o->method, L->t, why, sizeof why) != EQ_OK) {
        cli_error("%s: %s", c->files[0], why);
        return EXIT_USAGE;
    }
    o->all = c->all;
    o->exact = c->exact;
    o->max_equilibria = c->max;
    o->coarse = c->coarse;
    o->perfect = c->perfect;
    if (c->refine >= 0)
        o->refine = (eq_refine)c->refine;
    if (c->objective != NULL || c->minimize || c->unique || c->qre_file) {
        cli_error("--objective, --minimize, --unique and --qre apply to strategic games "
                  "(.nfg); in a tree, --select chooses among equilibria");
        return EXIT_USAGE;
    }
    if (c->label >= 0) {
        cli_error("--label applies to .nfg games");
        return EXIT_USAGE;
    }
    return tree_select(c, L->t, o);
}

static int solve_tree(const cli *c, const loaded *L)
{
    eq_tree_opts o;
    eq_limits lim;
    eq_tree_result *r = NULL;
    eq_status s;
    sink out;
    int rc;

    if ((rc = tree_opts(c, L, &o)) != 0)
        return rc;
    cli_limits(c, &lim);
    o.limits = &lim;
    s = eq_tree_solve(L->t, &o, &r);
    if (s == EQ_ERR_STOPPED && r != NULL) {
        cli_error("%s: %s: output incomplete", c->files[0],
                  cli_stop_reason(eq_tree_result_errmsg(r)));
        if ((rc = sink_open(&out, c)) == 0) {
            print_tree_result(out.f, c, L, r, &o);
            rc = sink_close(&out, EXIT_NOTFOUND);
        }
    } else if (s != EQ_OK) {
        rc = solve_failed(c, s, r ? eq_tree_result_errmsg(r) : NULL);
    } else if ((rc = sink_open(&out, c)) == 0) {
        print_tree_result(out.f, c, L, r, &o);
        rc = eq_tree_result_count(r) > 0 ? 0 : EXIT_NOTFOUND;
        if (rc != 0)
            cli_error("%s: no equilibrium found", c->files[0]);
        rc = sink_close(&out, rc);
    }
    eq_tree_result_free(r);
    return rc;
}

int cmd_solve(cli *c)
{
    loaded L;
    int rc = load_input(c, c->files[0], &L);
    if (rc != 0)
        return rc;
    rc = L.g ? solve_game(c, &L) : solve_tree(c, &L);
    loaded_free(&L);
    return rc;
}

/* check: a model's concept and parameters. */
static void check_model(FILE *f, const eq_model *m, const eq_tree *t)
{
    eq_tree_opts eo;
    eq_tree_opts_init(&eo);
    if (eq_model_equilibrium(m, &eo) && eo.method != EQ_METHOD_SPE) {
        fprintf(f, "equilibrium: %s%s\n", eq_method_name(eo.method),
                eo.refine == EQ_REFINE_INTUITIVE ? ", refined by the Intuitive Criterion"
                : eo.refine == EQ_REFINE_D1 ? ", refined by D1" : "");
    } else if (eo.method == EQ_METHOD_SPE && eq_model_equilibrium(m, &eo)) {
        fprintf(f, "equilibrium: spe, subgames by %s%s, selection ",
                (int)eo.subgame_method >= 0 ? eq_method_name(eo.subgame_method) : "default",
                eo.coarse ? " (coarse)" : "");
        if (eo.select == EQ_SELECT_PLAYER)
            fprintf(f, "player %s\n", eq_tree_player_name(t, eo.select_player));
        else if (eo.select == EQ_SELECT_MIN_ACTION)
            fprintf(f, "min %s\n", eo.select_action);
        else
            fprintf(f, "%s\n", eo.select == EQ_SELECT_WELFARE ? "welfare" : "first");
    }
    fprintf(f, "parameters:%s\n", eq_model_params(m) ? "" : " none");
    for (int k = 0; k < eq_model_params(m); k++) {
        fprintf(f, "  %s = ", eq_model_param_name(m, k));
        if (eq_model_param_is_enum(m, k)) {
            fprintf(f, "%s in {",
                    eq_model_param_choice(m, k, (int)eq_model_param_default(m, k)));
            for (int ch = 0; ch < eq_model_param_choices(m, k); ch++)
                fprintf(f, "%s%s", ch ? ", " : "", eq_model_param_choice(m, k, ch));
            fputc('}', f);
        } else {
            num_human(f, eq_model_param_default(m, k));
            fputs(" in [", f);
            num_human(f, eq_model_param_lo(m, k));
            fputs(", ", f);
            num_human(f, eq_model_param_hi(m, k));
            fputc(']', f);
        }
        fprintf(f, "  \"%s\"\n", eq_model_param_description(m, k));
    }
}

static void check_tree(FILE *f, const loaded *L)
{
    const eq_tree *t = L->t;
    int kinds[4] = { 0, 0, 0, 0 };
    char name[256];
    fprintf(f, "title: %s\nplayers:", eq_tree_title(t));
    for (int p = 0; p < eq_tree_players(t); p++)
        fprintf(f, " %s", eq_tree_player_name(t, p));
    fputc('\n', f);
    if (L->m != NULL)
        check_model(f, L->m, t);
    for (int v = 0; v < eq_tree_nodes(t); v++)
        kinds[eq_tree_node_kind(t, v)]++;
    fprintf(f, "nodes: %d (%d decision, %d chance, %d terminal)\n", eq_tree_nodes(t),
            kinds[EQ_NODE_DECISION], kinds[EQ_NODE_CHANCE], kinds[EQ_NODE_TERMINAL]);
    fprintf(f, "information sets: %d\n", eq_tree_infosets(t));
    fprintf(f, "subgames: %d, rooted at", eq_tree_subgames(t));
    for (int k = 0; k < eq_tree_subgames(t); k++)
        fprintf(f, "%s %s", k ? "," : "",
                node_words(t, eq_tree_subgame_root(t, k), name, sizeof name));
    fputc('\n', f);
}

/* equilib check FILE: parse, instantiate at the defaults, describe. */
int cmd_check(cli *c)
{
    loaded L;
    sink out;
    int rc = load_input(c, c->files[0], &L);
    if (rc != 0)
        return rc;
    if ((rc = sink_open(&out, c)) == 0) {
        fprintf(out.f, "file: %s: ok\n", c->files[0]);
        if (L.g != NULL) {
            fprintf(out.f, "title: %s\nplayers:", eq_game_title(L.g));
            for (int p = 0; p < eq_game_players(L.g); p++)
                fprintf(out.f, " %s (%d actions)", eq_game_player_name(L.g, p),
                        eq_game_actions(L.g, p));
            fprintf(out.f, "\nprofiles: %zu\n", eq_game_profiles(L.g));
        } else {
            check_tree(out.f, &L);
        }
        rc = sink_close(&out, 0);
    }
    loaded_free(&L);
    return rc;
}

/* The converted text of L, or NULL after a message. */
static char *convert_text(const cli *c, const loaded *L, int *rc)
{
    eq_game *red = NULL;
    char *text = NULL;
    eq_status s;
    if (strcmp(c->to, "nfg") == 0) {
        if (L->t != NULL && (s = eq_tree_reduced_form(L->t, &red)) != EQ_OK)
            cli_error("%s: %s", c->files[0],
                      eq_tree_errmsg(L->t)[0] ? eq_tree_errmsg(L->t) : eq_status_string(s));
        else
            s = eq_game_write_nfg(red ? red : L->g, &text);
    } else if (L->g != NULL) {
        cli_error("%s: a strategic-form game cannot be converted to a tree", c->files[0]);
        s = EQ_ERR_UNSUPPORTED;
    } else if (strcmp(c->to, "efg") == 0) {
        s = eq_tree_write_efg(L->t, &text);
    } else {
        s = eq_tree_write_game_concept(L->t, L->m, &text);
    }
    eq_game_free(red);
    if (s == EQ_ERR_NOMEM)
        cli_error("out of memory");
    *rc = s == EQ_OK ? 0 : (s == EQ_ERR_LIMIT ? EXIT_NOTFOUND : EXIT_USAGE);
    if (s != EQ_OK) {
        eq_free(text);
        return NULL;
    }
    return text;
}

/* equilib convert FILE --to game|efg|nfg */
int cmd_convert(cli *c)
{
    loaded L;
    sink out;
    char *text;
    int rc;
    if (c->to == NULL)
        return cli_usage_error(c->cmdname, "convert needs --to game|efg|nfg");
    if ((rc = load_input(c, c->files[0], &L)) != 0)
        return rc;
    if ((text = convert_text(c, &L, &rc)) != NULL && (rc = sink_open(&out, c)) == 0) {
        fputs(text, out.f);
        rc = sink_close(&out, 0);
    }
    eq_free(text);
    loaded_free(&L);
    return rc;
}
