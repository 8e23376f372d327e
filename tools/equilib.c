/*
** equilib.c -- the command-line program.
**
**   equilib solve FILE.nfg [-m METHOD] [--exact] [--format text|json|csv]
**                          [--label K] [--max N]
**
** Results go to standard output, diagnostics to standard error.  Exit
** status: 0 success, 1 the method failed or found nothing, 2 bad usage or
** bad input.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "equilib.h"
#include "report.h"

#define EXIT_NOTFOUND 1
#define EXIT_USAGE 2

static const char *progname = "equilib";

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s solve FILE [-m METHOD] [-p NAME=VALUE]... [--exact]\n"
            "                [--format text|json|csv] [--label K] [--max N]\n"
            "                [--all] [--sub METHOD] [--select welfare|first|player:NAME|min:ACTION]\n"
            "                [--objective welfare|player:NAME|action:PLAYER:ACTION] [--minimize]\n"
            "                [--unique] [--coarse] [--qre]\n"
            "       %s check FILE [-p NAME=VALUE]...\n"
            "       %s convert FILE --to game|efg|nfg [-p NAME=VALUE]...\n"
            "       %s report [FILE.game...] [--format text|md|tex|csv|json]\n"
            "       %s --help | --version\n"
            "FILE is a .nfg or .efg file (Gambit) or a .game model.\n"
            "METHOD is pure, zerosum, lemke, enum (the default for .nfg), mip, correlated,\n"
            "qre or spe (the default for trees).\n",
            progname, progname, progname, progname, progname);
}

static int bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", progname);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    usage(stderr);
    return EXIT_USAGE;
}

/* Print a diagnostic with the offending line and a caret under the
** column. */
static void print_diag(const eq_diag *d)
{
    fprintf(stderr, "%s\n", d->message);
    if (d->line > 0 && d->source_line[0] != '\0') {
        fprintf(stderr, "  %s\n  ", d->source_line);
        for (int i = 1; i < d->col && d->source_line[i - 1] != '\0'; i++)
            fputc(d->source_line[i - 1] == '\t' ? '\t' : ' ', stderr);
        fputs("^\n", stderr);
    }
}

/* A double for people: up to 10 significant digits, no "-0". */
static void put_num(FILE *f, double v)
{
    if (fabs(v) < 5e-16)
        v = 0.0;
    fprintf(f, "%.10g", v);
}

/* JSON string with escapes. */
static void put_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* CSV field, quoted when it needs to be (RFC 4180). */
static void put_csv_str(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\n\r") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void print_text(const eq_game *g, const eq_result *r, const char *file)
{
    int n = eq_game_players(g), exact = eq_result_is_exact(r);
    int count = eq_result_count(r);
    size_t w = 0;
    const char *title = eq_game_title(g);

    for (int p = 0; p < n; p++)
        if (strlen(eq_game_player_name(g, p)) > w)
            w = strlen(eq_game_player_name(g, p));
    printf("game: %s\n", title[0] ? title : file);
    printf("file: %s\n", file);
    printf("method: %s%s: %d equilibri%s%s\n",
           eq_method_name(eq_result_method(r)), exact ? ", exact arithmetic" : "",
           count, count == 1 ? "um" : "a",
           eq_result_solution(r) == EQ_SOL_PARTIAL ? " (stopped at --max; there may be more)" : "");
    if (eq_result_method(r) == EQ_METHOD_ZEROSUM && count > 0) {
        printf("value to %s: ", eq_game_player_name(g, 0));
        if (exact)
            fputs(eq_result_payoff_exact(r, 0, 0), stdout);
        else
            put_num(stdout, eq_result_value(r));
        putchar('\n');
    }
    for (int k = 0; k < count; k++) {
        printf("\nequilibrium %d\n", k + 1);
        for (int p = 0; p < n; p++) {
            const double *s = eq_result_strategy(r, k, p);
            int first = 1;
            printf("  %-*s  ", (int)w, eq_game_player_name(g, p));
            for (int a = 0; a < eq_game_actions(g, p); a++) {
                if (!exact && fabs(s[a]) < 5e-16)
                    continue;
                if (exact && strcmp(eq_result_strategy_exact(r, k, p, a), "0") == 0)
                    continue;
                printf("%s%s ", first ? "" : ", ", eq_game_action_name(g, p, a));
                if (exact)
                    fputs(eq_result_strategy_exact(r, k, p, a), stdout);
                else
                    put_num(stdout, s[a]);
                first = 0;
            }
            printf("   payoff ");
            if (exact)
                fputs(eq_result_payoff_exact(r, k, p), stdout);
            else
                put_num(stdout, eq_result_payoff(r, k, p));
            putchar('\n');
        }
        if (eq_result_method(r) == EQ_METHOD_CORRELATED) {
            printf("  certificate: largest violation of the %s constraints %.3g\n",
                   "correlated-equilibrium", eq_result_regret(r, k));
            continue;
        }
        printf("  certificate: max regret ");
        if (exact && eq_result_regret_exact(r, k) != NULL)
            printf("%s exactly; ", eq_result_regret_exact(r, k));
        printf("%.3g in double precision\n", eq_result_regret(r, k));
    }
}

static void print_extras_json(const eq_game *g, const eq_result *r, const eq_solve_opts *o);

static void print_json(const eq_game *g, const eq_result *r, const char *file,
                       const eq_solve_opts *o)
{
    int n = eq_game_players(g), exact = eq_result_is_exact(r);
    printf("{\n  \"file\": ");
    put_json_str(stdout, file);
    printf(",\n  \"title\": ");
    put_json_str(stdout, eq_game_title(g));
    printf(",\n  \"method\": \"%s\",\n  \"exact\": %s,\n  \"complete\": %s,\n",
           eq_method_name(eq_result_method(r)), exact ? "true" : "false",
           eq_result_solution(r) == EQ_SOL_PARTIAL ? "false" : "true");
    if (eq_result_method(r) == EQ_METHOD_ZEROSUM && eq_result_count(r) > 0) {
        printf("  \"value\": ");
        put_num(stdout, eq_result_value(r));
        printf(",\n");
    }
    print_extras_json(g, r, o);
    printf("  \"players\": [");
    for (int p = 0; p < n; p++) {
        printf("%s\n    {\"name\": ", p ? "," : "");
        put_json_str(stdout, eq_game_player_name(g, p));
        printf(", \"actions\": [");
        for (int a = 0; a < eq_game_actions(g, p); a++) {
            if (a)
                printf(", ");
            put_json_str(stdout, eq_game_action_name(g, p, a));
        }
        printf("]}");
    }
    printf("\n  ],\n  \"equilibria\": [");
    for (int k = 0; k < eq_result_count(r); k++) {
        printf("%s\n    {\"strategies\": [", k ? "," : "");
        for (int p = 0; p < n; p++) {
            const double *s = eq_result_strategy(r, k, p);
            printf("%s[", p ? ", " : "");
            for (int a = 0; a < eq_game_actions(g, p); a++) {
                if (a)
                    printf(", ");
                put_num(stdout, s[a]);
            }
            printf("]");
        }
        printf("],\n     \"payoffs\": [");
        for (int p = 0; p < n; p++) {
            if (p)
                printf(", ");
            put_num(stdout, eq_result_payoff(r, k, p));
        }
        printf("],\n     \"max_regret\": %.17g", eq_result_regret(r, k));
        if (exact) {
            printf(",\n     \"strategies_exact\": [");
            for (int p = 0; p < n; p++) {
                printf("%s[", p ? ", " : "");
                for (int a = 0; a < eq_game_actions(g, p); a++)
                    printf("%s\"%s\"", a ? ", " : "",
                           eq_result_strategy_exact(r, k, p, a));
                printf("]");
            }
            printf("],\n     \"payoffs_exact\": [");
            for (int p = 0; p < n; p++)
                printf("%s\"%s\"", p ? ", " : "", eq_result_payoff_exact(r, k, p));
            printf("],\n     \"max_regret_exact\": \"%s\"",
                   eq_result_regret_exact(r, k) ? eq_result_regret_exact(r, k) : "");
        }
        printf("}");
    }
    printf("\n  ]\n}\n");
}

/* Long ("tidy") CSV: one row per equilibrium, player and action. */
static void print_csv(const eq_game *g, const eq_result *r)
{
    int n = eq_game_players(g), exact = eq_result_is_exact(r);
    printf("equilibrium,player,action,probability,payoff,max_regret%s\n",
           exact ? ",probability_exact,payoff_exact" : "");
    for (int k = 0; k < eq_result_count(r); k++)
        for (int p = 0; p < n; p++)
            for (int a = 0; a < eq_game_actions(g, p); a++) {
                printf("%d,", k + 1);
                put_csv_str(stdout, eq_game_player_name(g, p));
                putchar(',');
                put_csv_str(stdout, eq_game_action_name(g, p, a));
                putchar(',');
                put_num(stdout, eq_result_strategy(r, k, p)[a]);
                putchar(',');
                put_num(stdout, eq_result_payoff(r, k, p));
                printf(",%.3g", eq_result_regret(r, k));
                if (exact)
                    printf(",%s,%s", eq_result_strategy_exact(r, k, p, a),
                           eq_result_payoff_exact(r, k, p));
                putchar('\n');
            }
}

/* Parse a whole non-negative int; -1 if it is not one. */
static int parse_int(const char *s)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < 0 || v > INT_MAX)
        return -1;
    return (int)v;
}

/* Everything the subcommands take from the command line. */
typedef struct cli {
    const char *file, *format, *to;
    int method;              /* -1: the default for the kind of file */
    int sub;                 /* spe's subgame method, -1: default */
    int exact, label, max, all;
    eq_select select;
    int select_set;
    const char *select_arg;  /* player name or action name */
    const char *params[256];
    int nparams;
    const char *objective;   /* --objective text, resolved per game */
    int minimize, unique, coarse, qre_path;
} cli;

/* Parse the options of solve, check and convert; each subcommand takes
** only its own. */
static int parse_args(int argc, char **argv, cli *c, const char *cmd)
{
    memset(c, 0, sizeof *c);
    c->format = "text";
    c->method = c->sub = c->label = -1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int solve = strcmp(cmd, "solve") == 0;
        if (solve && (strcmp(a, "-m") == 0 || strcmp(a, "--method") == 0 ||
                      strcmp(a, "--sub") == 0)) {
            int m;
            if (i + 1 >= argc)
                return bad_usage("%s needs a method name", a);
            if ((m = eq_method_from_name(argv[++i])) < 0)
                return bad_usage("unknown method '%s'", argv[i]);
            if (strcmp(a, "--sub") == 0)
                c->sub = m;
            else
                c->method = m;
        } else if (solve && strcmp(a, "--exact") == 0) {
            c->exact = 1;
        } else if (solve && strcmp(a, "--all") == 0) {
            c->all = 1;
        } else if (solve && strcmp(a, "--format") == 0) {
            if (i + 1 >= argc)
                return bad_usage("%s needs a format", a);
            c->format = argv[++i];
            if (strcmp(c->format, "text") && strcmp(c->format, "json") &&
                strcmp(c->format, "csv"))
                return bad_usage("unknown format '%s' (text, json or csv)", c->format);
        } else if (solve && strcmp(a, "--label") == 0) {
            if (i + 1 >= argc || (c->label = parse_int(argv[++i])) < 0)
                return bad_usage("%s needs a label number 0, 1, ...", a);
        } else if (solve && strcmp(a, "--max") == 0) {
            if (i + 1 >= argc || (c->max = parse_int(argv[++i])) < 1)
                return bad_usage("%s needs a positive count", a);
        } else if (solve && strcmp(a, "--objective") == 0) {
            if (i + 1 >= argc)
                return bad_usage("%s needs welfare, player:NAME or action:PLAYER:ACTION", a);
            c->objective = argv[++i];
        } else if (solve && strcmp(a, "--minimize") == 0) {
            c->minimize = 1;
        } else if (solve && strcmp(a, "--maximize") == 0) {
            c->minimize = 0;
        } else if (solve && strcmp(a, "--unique") == 0) {
            c->unique = 1;
        } else if (solve && strcmp(a, "--coarse") == 0) {
            c->coarse = 1;
        } else if (solve && strcmp(a, "--qre") == 0) {
            c->qre_path = 1;
        } else if (solve && strcmp(a, "--select") == 0) {
            const char *v;
            if (i + 1 >= argc)
                return bad_usage("%s needs a rule", a);
            v = argv[++i];
            c->select_set = 1;
            if (strcmp(v, "welfare") == 0)
                c->select = EQ_SELECT_WELFARE;
            else if (strcmp(v, "first") == 0)
                c->select = EQ_SELECT_FIRST;
            else if (strncmp(v, "player:", 7) == 0 && v[7])
                c->select = EQ_SELECT_PLAYER, c->select_arg = v + 7;
            else if (strncmp(v, "min:", 4) == 0 && v[4])
                c->select = EQ_SELECT_MIN_ACTION, c->select_arg = v + 4;
            else
                return bad_usage("unknown rule '%s' (welfare, first, player:NAME, min:ACTION)", v);
        } else if (strcmp(cmd, "convert") == 0 && strcmp(a, "--to") == 0) {
            if (i + 1 >= argc)
                return bad_usage("%s needs a format", a);
            c->to = argv[++i];
            if (strcmp(c->to, "game") && strcmp(c->to, "efg") && strcmp(c->to, "nfg"))
                return bad_usage("unknown format '%s' (game, efg or nfg)", c->to);
        } else if (strcmp(a, "-p") == 0 || strcmp(a, "--param") == 0) {
            if (i + 1 >= argc || strchr(argv[i + 1], '=') == NULL)
                return bad_usage("%s needs NAME=VALUE", a);
            if (c->nparams == (int)(sizeof c->params / sizeof c->params[0]))
                return bad_usage("%s", "too many -p options");
            c->params[c->nparams++] = argv[++i];
        } else if (a[0] == '-' && a[1] != '\0') {
            return bad_usage("unknown option '%s'", a);
        } else if (c->file == NULL) {
            c->file = a;
        } else {
            return bad_usage("unexpected argument '%s'", a);
        }
    }
    if (c->file == NULL) {
        fprintf(stderr, "%s: %s needs a FILE\n", progname, cmd);
        usage(stderr);
        return EXIT_USAGE;
    }
    return 0;
}

static int has_ext(const char *file, const char *ext)
{
    size_t n = strlen(file), k = strlen(ext);
    return n > k && strcmp(file + n - k, ext) == 0;
}

/* Load a .nfg game, or a tree from .efg or .game (instantiated at the
** defaults and the -p values).  Exactly one of *g, *t is set on success;
** *m too for a .game.  Returns 0 or an exit code after a message. */
static int load(const cli *c, eq_game **g, eq_tree **t, eq_model **m)
{
    eq_diag d;
    eq_status s;
    *g = NULL;
    *t = NULL;
    *m = NULL;
    memset(&d, 0, sizeof d);
    if (has_ext(c->file, ".nfg")) {
        if (c->nparams > 0) {
            fprintf(stderr, "%s: -p applies to .game models, not to %s\n", progname, c->file);
            return EXIT_USAGE;
        }
        s = eq_game_read_nfg(g, c->file, &d);
    } else if (has_ext(c->file, ".efg")) {
        if (c->nparams > 0) {
            fprintf(stderr, "%s: -p applies to .game models, not to %s\n", progname, c->file);
            return EXIT_USAGE;
        }
        s = eq_tree_read_efg(t, c->file, &d);
    } else if (has_ext(c->file, ".game")) {
        double *vals = NULL;
        s = eq_model_read(m, c->file, &d);
        if (s == EQ_OK) {
            vals = malloc(((size_t)eq_model_params(*m) + 1) * sizeof *vals);
            if (vals == NULL)
                s = EQ_ERR_NOMEM;
            else
                s = eq_model_defaults(*m, vals);
            for (int i = 0; i < c->nparams && s == EQ_OK; i++)
                if ((s = eq_model_set_param(*m, vals, c->params[i], &d)) != EQ_OK)
                    fprintf(stderr, "%s: -p %s: %s\n", progname, c->params[i],
                            d.message);
            if (s == EQ_OK)
                s = eq_model_instantiate(*m, vals, t, &d);
            else if (s != EQ_ERR_NOMEM) {
                free(vals);
                eq_model_free(*m);
                *m = NULL;
                return EXIT_USAGE;
            }
            free(vals);
        }
    } else {
        fprintf(stderr, "%s: %s: unknown kind of file (expected .nfg, .efg or .game)\n",
                progname, c->file);
        return EXIT_USAGE;
    }
    if (s != EQ_OK) {
        if (s == EQ_ERR_NOMEM)
            fprintf(stderr, "%s: out of memory\n", progname);
        else
            print_diag(&d);
        eq_game_free(*g);
        eq_tree_free(*t);
        eq_model_free(*m);
        *g = NULL;
        *t = NULL;
        *m = NULL;
        return EXIT_USAGE;
    }
    return 0;
}

/* Resolve --objective against the game's names: "welfare",
** "player:NAME" or "action:PLAYER:ACTION".  Returns 0 or an exit code. */
static int resolve_objective(const cli *c, const eq_game *g, eq_solve_opts *o)
{
    const char *v = c->objective;
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
        fprintf(stderr, "%s: --objective %s: no player named '%s'\n", progname, v, v + 7);
        return EXIT_USAGE;
    }
    if (strncmp(v, "action:", 7) == 0) {
        const char *colon = strchr(v + 7, ':');
        if (colon != NULL)
            for (int p = 0; p < eq_game_players(g); p++) {
                const char *pn = eq_game_player_name(g, p);
                size_t len = (size_t)(colon - (v + 7));
                if (strlen(pn) == len && strncmp(pn, v + 7, len) == 0) {
                    int a = eq_game_find_action(g, p, colon + 1);
                    if (a < 0) {
                        fprintf(stderr, "%s: --objective %s: %s has no action '%s'\n",
                                progname, v, pn, colon + 1);
                        return EXIT_USAGE;
                    }
                    o->objective = EQ_OBJ_ACTION;
                    o->obj_player = p;
                    o->obj_action = a;
                    return 0;
                }
            }
        fprintf(stderr, "%s: --objective %s: expected action:PLAYER:ACTION with a player's name\n",
                progname, v);
        return EXIT_USAGE;
    }
    return bad_usage("unknown objective '%s' (welfare, player:NAME, action:PLAYER:ACTION)", v);
}

/* --qre: the logit path as CSV, one row per point. */
typedef struct qre_out {
    const eq_game *g;
    int rows;
} qre_out;

static void qre_row(void *ud, double lambda, const double *profile)
{
    qre_out *q = ud;
    int k = 0;
    if (q->rows++ == 0) {
        printf("lambda");
        for (int p = 0; p < eq_game_players(q->g); p++)
            for (int a = 0; a < eq_game_actions(q->g, p); a++) {
                putchar(',');
                char name[512];
                snprintf(name, sizeof name, "%s:%s", eq_game_player_name(q->g, p),
                         eq_game_action_name(q->g, p, a));
                put_csv_str(stdout, name);
            }
        putchar('\n');
    }
    printf("%.10g", lambda);
    for (int p = 0; p < eq_game_players(q->g); p++)
        for (int a = 0; a < eq_game_actions(q->g, p); a++)
            printf(",%.10g", profile[k++]);
    putchar('\n');
}

/* What the objective of mip or correlated was, in words. */
static void describe_objective(const eq_game *g, const eq_solve_opts *o, char *buf, size_t len)
{
    const char *dir = o->maximize ? "maximum" : "minimum";
    if (o->objective == EQ_OBJ_PLAYER)
        snprintf(buf, len, "%s payoff of %s", dir, eq_game_player_name(g, o->obj_player));
    else if (o->objective == EQ_OBJ_ACTION)
        snprintf(buf, len, "%s probability that %s plays %s", dir,
                 eq_game_player_name(g, o->obj_player),
                 eq_game_action_name(g, o->obj_player, o->obj_action));
    else
        snprintf(buf, len, "%s welfare (sum of payoffs)", dir);
}

/* The profile with flat index i, as "a, b, c" by action names. */
static void profile_words(const eq_game *g, size_t i, char *buf, size_t len)
{
    size_t stride = eq_game_profiles(g), used = 0;
    buf[0] = '\0';
    for (int p = 0; p < eq_game_players(g); p++) {
        int a;
        stride /= (size_t)eq_game_actions(g, p);
        a = (int)((i / stride) % (size_t)eq_game_actions(g, p));
        used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s",
                                 p ? ", " : "", eq_game_action_name(g, p, a));
        if (used >= len)
            break;
    }
}

/* Method-specific lines of the text output. */
static void print_extras_text(const eq_game *g, const eq_result *r, const eq_solve_opts *o)
{
    char buf[512];
    eq_method m = eq_result_method(r);
    if ((m == EQ_METHOD_MIP || m == EQ_METHOD_CORRELATED) && eq_result_count(r) > 0) {
        describe_objective(g, o, buf, sizeof buf);
        printf("objective: %s = ", buf);
        put_num(stdout, eq_result_value(r));
        putchar('\n');
    }
    if (m == EQ_METHOD_MIP && o->unique)
        printf("unique: %s\n", eq_result_unique(r) == 1 ? "yes, proved"
                               : "no: equilibrium 2 is a second one");
    if (m == EQ_METHOD_CORRELATED)
        for (int k = 0; k < eq_result_count(r); k++) {
            const double *d = eq_result_distribution(r, k);
            if (d == NULL)
                continue;
            printf("distribution over outcomes (equilibrium %d):\n", k + 1);
            for (size_t i = 0; i < eq_game_profiles(g); i++)
                if (d[i] > 1e-12) {
                    profile_words(g, i, buf, sizeof buf);
                    printf("  (%s)  ", buf);
                    put_num(stdout, d[i]);
                    putchar('\n');
                }
        }
}

/* LP sensitivity and distributions in JSON, as extra members. */
static void print_extras_json(const eq_game *g, const eq_result *r, const eq_solve_opts *o)
{
    char buf[512];
    eq_method m = eq_result_method(r);
    if ((m == EQ_METHOD_MIP || m == EQ_METHOD_CORRELATED) && eq_result_count(r) > 0) {
        describe_objective(g, o, buf, sizeof buf);
        printf("  \"objective\": ");
        put_json_str(stdout, buf);
        printf(",\n  \"objective_value\": ");
        put_num(stdout, eq_result_value(r));
        printf(",\n");
    }
    if (m == EQ_METHOD_MIP && o->unique)
        printf("  \"unique\": %s,\n", eq_result_unique(r) == 1 ? "true" : "false");
    if (m == EQ_METHOD_CORRELATED && eq_result_count(r) > 0 && eq_result_distribution(r, 0)) {
        const double *d = eq_result_distribution(r, 0);
        int first = 1;
        printf("  \"distribution\": [");
        for (size_t i = 0; i < eq_game_profiles(g); i++)
            if (d[i] > 1e-12) {
                profile_words(g, i, buf, sizeof buf);
                printf("%s\n    {\"profile\": ", first ? "" : ",");
                put_json_str(stdout, buf);
                printf(", \"probability\": ");
                put_num(stdout, d[i]);
                printf("}");
                first = 0;
            }
        printf("\n  ],\n");
    }
    if (eq_result_lp_rows(r) > 0) {
        printf("  \"lp_duals\": [");
        for (int i = 0; i < eq_result_lp_rows(r); i++) {
            printf("%s\n    {\"row\": ", i ? "," : "");
            put_json_str(stdout, eq_result_lp_row_name(r, i));
            printf(", \"dual\": %.17g}", eq_result_lp_dual(r, i));
        }
        printf("\n  ],\n");
    }
    if (eq_result_lp_ranges(r) > 0) {
        printf("  \"payoff_ranges\": [");
        for (int i = 0; i < eq_result_lp_ranges(r); i++) {
            printf("%s\n    {\"entry\": ", i ? "," : "");
            put_json_str(stdout, eq_result_lp_range_name(r, i));
            printf(", \"value\": %.17g, \"lo\": %.17g, \"hi\": %.17g}",
                   eq_result_lp_range_value(r, i), eq_result_lp_range_lo(r, i),
                   eq_result_lp_range_hi(r, i));
        }
        printf("\n  ],\n");
    }
}

static int finish_output(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: cannot write output: %s\n", progname, strerror(errno));
        return EXIT_USAGE;
    }
    return rc;
}

static int solve_game(const cli *c, eq_game *g)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_status s;
    int rc;
    qre_out qpath = { g, 0 };

    eq_solve_opts_init(&o);
    if (c->method >= 0)
        o.method = (eq_method)c->method;
    o.exact = c->exact;
    o.lemke_label = c->label;
    o.max_equilibria = c->max;
    o.unique = c->unique;
    o.coarse = c->coarse;
    o.sensitivity = strcmp(c->format, "json") == 0;   /* JSON carries it */
    if ((rc = resolve_objective(c, g, &o)) != 0)
        return rc;
    if (c->qre_path) {
        if (o.method != EQ_METHOD_QRE) {
            fprintf(stderr, "%s: --qre goes with -m qre\n", progname);
            return EXIT_USAGE;
        }
        o.qre_path = qre_row;
        o.qre_ud = &qpath;
    }
    if (c->all || c->select_set || c->sub >= 0) {
        fprintf(stderr, "%s: --all, --select and --sub apply to game trees (.efg, .game)\n",
                progname);
        return EXIT_USAGE;
    }
    if (o.method == EQ_METHOD_LEMKE && o.lemke_label >= 0 && eq_game_players(g) == 2 &&
        o.lemke_label >= eq_game_actions(g, 0) + eq_game_actions(g, 1)) {
        fprintf(stderr, "%s: --label %d: labels run from 0 to %d for this game\n",
                progname, o.lemke_label,
                eq_game_actions(g, 0) + eq_game_actions(g, 1) - 1);
        return EXIT_USAGE;
    }
    s = eq_solve(g, &o, &r);
    if (qpath.rows > 0)
        putchar('\n');       /* the path, then the equilibrium */
    if (s != EQ_OK) {
        fprintf(stderr, "%s: %s: %s\n", progname, c->file,
                r && eq_result_errmsg(r)[0] ? eq_result_errmsg(r) : eq_status_string(s));
        rc = (s == EQ_ERR_UNSUPPORTED || s == EQ_ERR_ARG || s == EQ_ERR_NOMEM) ? EXIT_USAGE
                                                                         : EXIT_NOTFOUND;
    } else {
        if (strcmp(c->format, "json") == 0)
            print_json(g, r, c->file, &o);
        else if (strcmp(c->format, "csv") == 0)
            print_csv(g, r);
        else {
            print_text(g, r, c->file);
            print_extras_text(g, r, &o);
        }
        rc = eq_result_count(r) > 0 ? 0 : EXIT_NOTFOUND;
        if (rc != 0)
            fprintf(stderr, "%s: %s: method %s found no equilibrium\n", progname,
                    c->file, eq_method_name(o.method));
    }
    eq_result_free(r);
    return finish_output(rc);
}

/* The name of node v for people: its label, or the actions leading to it. */
static void node_words(const eq_tree *t, int v, char *buf, size_t len)
{
    const char *l = eq_tree_node_label(t, v);
    if (l != NULL && l[0] != '\0')
        snprintf(buf, len, "%s", l);
    else if (v == 0)
        snprintf(buf, len, "root");
    else
        snprintf(buf, len, "node %d", v);
}

/* Whether information set h lies in one of equilibrium k's correlated
** stages. */
static int in_stage(const eq_tree_result *r, int k, int h)
{
    for (int j = 0; j < eq_tree_result_stages(r, k); j++) {
        const int *sets;
        int m = eq_tree_result_stage_infosets(r, k, j, &sets);
        for (int i = 0; i < m; i++)
            if (sets[i] == h)
                return 1;
    }
    return 0;
}

/* Recommendation q of stage j in words: "A dare, B swerve"; a player's
** set is named too when the player has several in the stage. */
static void recommendation_words(const eq_tree *t, const eq_tree_result *r, int k,
                                 int j, int q, char *buf, size_t len)
{
    const int *sets, *act;
    int m = eq_tree_result_stage_infosets(r, k, j, &sets);
    size_t used = 0;
    buf[0] = '\0';
    eq_tree_result_stage_prob(r, k, j, q, &act);
    for (int i = 0; i < m && used < len; i++) {
        int h = sets[i], p = eq_tree_infoset_player(t, h), own = 0;
        char where[128] = "";
        if (act[i] < 0)
            continue;
        for (int i2 = 0; i2 < m; i2++)
            own += eq_tree_infoset_player(t, sets[i2]) == p;
        if (own > 1) {
            const char *l = eq_tree_infoset_label(t, h);
            char name[96];
            if (l != NULL && l[0])
                snprintf(name, sizeof name, "%s", l);
            else
                node_words(t, eq_tree_infoset_member(t, h, 0), name, sizeof name);
            snprintf(where, sizeof where, " at %s", name);
        }
        used += (size_t)snprintf(buf + used, len - used, "%s%s%s %s", used ? ", " : "",
                                 eq_tree_player_name(t, p), where,
                                 eq_tree_infoset_action_name(t, h, act[i]));
    }
}

static void print_tree_text(const eq_tree *t, const eq_tree_result *r, const char *file)
{
    int n = eq_tree_players(t), count = eq_tree_result_count(r);
    const char *title = eq_tree_title(t);
    char name[256];

    printf("game: %s\n", title[0] ? title : file);
    printf("file: %s\n", file);
    printf("method: %s: %d equilibri%s\n", eq_method_name(eq_tree_result_method(r)),
           count, count == 1 ? "um" : "a");
    if (eq_tree_result_selection(r)[0])
        printf("selection: %s\n", eq_tree_result_selection(r));
    for (int k = 0; k < count; k++) {
        printf("\nequilibrium %d\n", k + 1);
        printf("  behaviour strategies:\n");
        for (int h = 0; h < eq_tree_infosets(t); h++) {
            const double *b = eq_tree_result_behaviour(r, k, h);
            const char *l = eq_tree_infoset_label(t, h);
            int first = 1;
            printf("    %s", eq_tree_player_name(t, eq_tree_infoset_player(t, h)));
            if (l != NULL && l[0])
                printf(" at %s", l);
            else {
                node_words(t, eq_tree_infoset_member(t, h, 0), name, sizeof name);
                printf(" at %s", name);
            }
            printf(": ");
            for (int a = 0; a < eq_tree_infoset_actions(t, h); a++) {
                if (fabs(b[a]) < 5e-16)
                    continue;
                printf("%s%s ", first ? "" : ", ", eq_tree_infoset_action_name(t, h, a));
                put_num(stdout, b[a]);
                first = 0;
            }
            if (in_stage(r, k, h))
                printf("  (marginal of a correlated stage)");
            putchar('\n');
        }
        for (int j = 0; j < eq_tree_result_stages(r, k); j++) {
            node_words(t, eq_tree_result_stage_root(r, k, j), name, sizeof name);
            printf("  correlated stage at %s: recommendations drawn jointly\n", name);
            for (int q = 0; q < eq_tree_result_stage_support(r, k, j); q++) {
                char words[512];
                recommendation_words(t, r, k, j, q, words, sizeof words);
                printf("    ");
                put_num(stdout, eq_tree_result_stage_prob(r, k, j, q, NULL));
                printf("  %s\n", words);
            }
        }
        printf("  equilibrium path:\n");
        /* Walk from the root along moves taken with positive probability. */
        {
            int stack[4096], depth[4096], sp = 0;
            stack[sp] = 0;
            depth[sp++] = 0;
            while (sp > 0) {
                int v = stack[--sp], d = depth[sp];
                eq_node_kind kind = eq_tree_node_kind(t, v);
                node_words(t, v, name, sizeof name);
                printf("    %*s%s", 2 * d, "", name);
                if (kind == EQ_NODE_TERMINAL) {
                    printf(" (outcome, probability ");
                    put_num(stdout, eq_tree_result_reach(r, k, v));
                    printf("): payoffs");
                    for (int p = 0; p < n; p++) {
                        printf(" %s ", eq_tree_player_name(t, p));
                        put_num(stdout, eq_tree_payoff(t, v, p));
                    }
                    putchar('\n');
                    continue;
                }
                printf(" -- %s:", kind == EQ_NODE_CHANCE ? "chance"
                                  : eq_tree_player_name(t, eq_tree_node_player(t, v)));
                for (int a = eq_tree_node_children(t, v) - 1; a >= 0; a--) {
                    int ch = eq_tree_child(t, v, a);
                    if (eq_tree_result_reach(r, k, ch) > 1e-12 && sp < 4096) {
                        stack[sp] = ch;
                        depth[sp++] = d + 1;
                    }
                }
                for (int a = 0; a < eq_tree_node_children(t, v); a++) {
                    int ch = eq_tree_child(t, v, a);
                    double pr = eq_tree_result_reach(r, k, v) > 0
                                    ? eq_tree_result_reach(r, k, ch) / eq_tree_result_reach(r, k, v)
                                    : 0.0;
                    if (pr > 1e-12) {
                        printf(" %s", eq_tree_node_action_name(t, v, a));
                        if (pr < 1 - 1e-12) {
                            printf(" (");
                            put_num(stdout, pr);
                            printf(")");
                        }
                    }
                }
                putchar('\n');
            }
        }
        printf("  payoffs:");
        for (int p = 0; p < n; p++) {
            printf(" %s ", eq_tree_player_name(t, p));
            put_num(stdout, eq_tree_result_payoff(r, k, p));
        }
        if (eq_tree_result_stages(r, k) > 0)
            printf("\n  certificate: largest gain from disobeying in any subgame %.3g "
                   "in double precision\n", eq_tree_result_regret(r, k));
        else
            printf("\n  certificate: max regret %.3g in double precision\n",
                   eq_tree_result_regret(r, k));
    }
}

static void print_tree_json(const eq_tree *t, const eq_tree_result *r, const char *file)
{
    int n = eq_tree_players(t);
    printf("{\n  \"file\": ");
    put_json_str(stdout, file);
    printf(",\n  \"title\": ");
    put_json_str(stdout, eq_tree_title(t));
    printf(",\n  \"method\": \"%s\",\n  \"selection\": ", eq_method_name(eq_tree_result_method(r)));
    put_json_str(stdout, eq_tree_result_selection(r));
    printf(",\n  \"players\": [");
    for (int p = 0; p < n; p++) {
        printf("%s", p ? ", " : "");
        put_json_str(stdout, eq_tree_player_name(t, p));
    }
    printf("],\n  \"equilibria\": [");
    for (int k = 0; k < eq_tree_result_count(r); k++) {
        printf("%s\n    {\"behaviour\": [", k ? "," : "");
        for (int h = 0; h < eq_tree_infosets(t); h++) {
            const double *b = eq_tree_result_behaviour(r, k, h);
            const char *l = eq_tree_infoset_label(t, h);
            printf("%s\n      {\"player\": ", h ? "," : "");
            put_json_str(stdout, eq_tree_player_name(t, eq_tree_infoset_player(t, h)));
            printf(", \"infoset\": ");
            put_json_str(stdout, l ? l : "");
            printf(", \"actions\": {");
            for (int a = 0; a < eq_tree_infoset_actions(t, h); a++) {
                printf("%s", a ? ", " : "");
                put_json_str(stdout, eq_tree_infoset_action_name(t, h, a));
                printf(": ");
                put_num(stdout, b[a]);
            }
            printf("}}");
        }
        printf("],\n     \"outcomes\": [");
        {
            int first = 1;
            for (int v = 0; v < eq_tree_nodes(t); v++) {
                double p = eq_tree_result_reach(r, k, v);
                if (eq_tree_node_kind(t, v) != EQ_NODE_TERMINAL || p < 1e-12)
                    continue;
                printf("%s{\"node\": %d, \"label\": ", first ? "" : ", ", v);
                put_json_str(stdout, eq_tree_node_label(t, v) ? eq_tree_node_label(t, v) : "");
                printf(", \"probability\": ");
                put_num(stdout, p);
                printf("}");
                first = 0;
            }
        }
        printf("],\n     \"payoffs\": [");
        for (int p = 0; p < n; p++) {
            printf("%s", p ? ", " : "");
            put_num(stdout, eq_tree_result_payoff(r, k, p));
        }
        printf("]");
        if (eq_tree_result_stages(r, k) > 0) {
            printf(",\n     \"correlated_stages\": [");
            for (int j = 0; j < eq_tree_result_stages(r, k); j++) {
                const int *sets, *act;
                int m = eq_tree_result_stage_infosets(r, k, j, &sets), root;
                root = eq_tree_result_stage_root(r, k, j);
                printf("%s\n       {\"node\": %d, \"label\": ", j ? "," : "", root);
                put_json_str(stdout, eq_tree_node_label(t, root) ? eq_tree_node_label(t, root) : "");
                printf(", \"recommendations\": [");
                for (int q = 0; q < eq_tree_result_stage_support(r, k, j); q++) {
                    double pr = eq_tree_result_stage_prob(r, k, j, q, &act);
                    int first = 1;
                    printf("%s\n         {\"probability\": ", q ? "," : "");
                    put_num(stdout, pr);
                    printf(", \"actions\": [");
                    for (int i = 0; i < m; i++) {
                        const char *l = eq_tree_infoset_label(t, sets[i]);
                        if (act[i] < 0)
                            continue;
                        printf("%s{\"player\": ", first ? "" : ", ");
                        put_json_str(stdout, eq_tree_player_name(t, eq_tree_infoset_player(t, sets[i])));
                        printf(", \"infoset\": ");
                        put_json_str(stdout, l ? l : "");
                        printf(", \"action\": ");
                        put_json_str(stdout, eq_tree_infoset_action_name(t, sets[i], act[i]));
                        printf("}");
                        first = 0;
                    }
                    printf("]}");
                }
                printf("]}");
            }
            printf("]");
        }
        printf(",\n     \"max_regret\": %.17g}", eq_tree_result_regret(r, k));
    }
    printf("\n  ]\n}\n");
}

/* The name of information set h for CSV: its label, else its number. */
static void put_csv_infoset(const eq_tree *t, int h)
{
    const char *l = eq_tree_infoset_label(t, h);
    if (l != NULL && l[0])
        put_csv_str(stdout, l);
    else
        printf("%d", h + 1);
}

/*
** CSV of a tree result: one row per action of every information set.  When
** a result has correlated stages, a sixth column, recommendation, is
** added: empty on those rows, and each recommendation q of a stage adds
** one row per set it reaches, with the recommended action, the
** recommendation's probability, and "STAGE#q" naming it.
*/
static void print_tree_csv(const eq_tree *t, const eq_tree_result *r)
{
    int stages = 0;
    for (int k = 0; k < eq_tree_result_count(r); k++)
        stages += eq_tree_result_stages(r, k);
    printf("equilibrium,player,infoset,action,probability%s\n",
           stages ? ",recommendation" : "");
    for (int k = 0; k < eq_tree_result_count(r); k++) {
        for (int j = 0; j < eq_tree_result_stages(r, k); j++) {
            const int *sets, *act;
            int m = eq_tree_result_stage_infosets(r, k, j, &sets);
            char name[128];
            node_words(t, eq_tree_result_stage_root(r, k, j), name, sizeof name);
            for (int q = 0; q < eq_tree_result_stage_support(r, k, j); q++) {
                double pr = eq_tree_result_stage_prob(r, k, j, q, &act);
                for (int i = 0; i < m; i++) {
                    char tag[160];
                    if (act[i] < 0)
                        continue;
                    printf("%d,", k + 1);
                    put_csv_str(stdout, eq_tree_player_name(t, eq_tree_infoset_player(t, sets[i])));
                    putchar(',');
                    put_csv_infoset(t, sets[i]);
                    putchar(',');
                    put_csv_str(stdout, eq_tree_infoset_action_name(t, sets[i], act[i]));
                    putchar(',');
                    put_num(stdout, pr);
                    snprintf(tag, sizeof tag, "%s#%d", name, q + 1);
                    putchar(',');
                    put_csv_str(stdout, tag);
                    putchar('\n');
                }
            }
        }
        for (int h = 0; h < eq_tree_infosets(t); h++) {
            const double *b = eq_tree_result_behaviour(r, k, h);
            for (int a = 0; a < eq_tree_infoset_actions(t, h); a++) {
                printf("%d,", k + 1);
                put_csv_str(stdout, eq_tree_player_name(t, eq_tree_infoset_player(t, h)));
                putchar(',');
                put_csv_infoset(t, h);
                putchar(',');
                put_csv_str(stdout, eq_tree_infoset_action_name(t, h, a));
                putchar(',');
                put_num(stdout, b[a]);
                fputs(stages ? ",\n" : "\n", stdout);
            }
        }
    }
}

static int solve_tree(const cli *c, const eq_tree *t, const eq_model *m)
{
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_status s;
    int rc;

    eq_tree_opts_init(&o);
    /* The model's declared concept first; the command line overrides. */
    if (m != NULL)
        eq_model_equilibrium(m, &o);
    if (c->method >= 0)
        o.method = (eq_method)c->method;
    if (c->sub >= 0)
        o.subgame_method = (eq_method)c->sub;
    o.all = c->all;
    o.exact = c->exact;
    o.max_equilibria = c->max;
    o.coarse = c->coarse;
    if (c->objective != NULL || c->minimize || c->unique || c->qre_path) {
        fprintf(stderr, "%s: --objective, --minimize, --unique and --qre apply to "
                "strategic games (.nfg); in a tree, --select chooses among equilibria\n",
                progname);
        return EXIT_USAGE;
    }
    if (c->select_set) {
        o.select = c->select;
        if (c->select == EQ_SELECT_PLAYER) {
            o.select_player = -1;
            for (int p = 0; p < eq_tree_players(t); p++)
                if (strcmp(eq_tree_player_name(t, p), c->select_arg) == 0)
                    o.select_player = p;
            if (o.select_player < 0) {
                fprintf(stderr, "%s: --select player:%s: no such player\n", progname,
                        c->select_arg);
                return EXIT_USAGE;
            }
        } else if (c->select == EQ_SELECT_MIN_ACTION) {
            o.select_action = c->select_arg;
        }
    }
    if (c->label >= 0) {
        fprintf(stderr, "%s: --label applies to .nfg games\n", progname);
        return EXIT_USAGE;
    }
    s = eq_tree_solve(t, &o, &r);
    if (s != EQ_OK) {
        fprintf(stderr, "%s: %s: %s\n", progname, c->file,
                r && eq_tree_result_errmsg(r)[0] ? eq_tree_result_errmsg(r)
                                                 : eq_status_string(s));
        rc = (s == EQ_ERR_UNSUPPORTED || s == EQ_ERR_ARG || s == EQ_ERR_NOMEM) ? EXIT_USAGE
                                                                         : EXIT_NOTFOUND;
    } else {
        if (strcmp(c->format, "json") == 0)
            print_tree_json(t, r, c->file);
        else if (strcmp(c->format, "csv") == 0)
            print_tree_csv(t, r);
        else
            print_tree_text(t, r, c->file);
        rc = eq_tree_result_count(r) > 0 ? 0 : EXIT_NOTFOUND;
        if (rc != 0)
            fprintf(stderr, "%s: %s: no equilibrium found\n", progname, c->file);
    }
    eq_tree_result_free(r);
    return finish_output(rc);
}

static int cmd_solve(int argc, char **argv)
{
    cli c;
    eq_game *g;
    eq_tree *t;
    eq_model *m;
    int rc = parse_args(argc, argv, &c, "solve");
    if (rc != 0)
        return rc;
    if ((rc = load(&c, &g, &t, &m)) != 0)
        return rc;
    rc = g ? solve_game(&c, g) : solve_tree(&c, t, m);
    eq_game_free(g);
    eq_tree_free(t);
    eq_model_free(m);
    return rc;
}

/* equilib check FILE: parse, instantiate at the defaults, describe. */
static int cmd_check(int argc, char **argv)
{
    cli c;
    eq_game *g;
    eq_tree *t;
    eq_model *m;
    int rc = parse_args(argc, argv, &c, "check");
    if (rc != 0)
        return rc;
    if ((rc = load(&c, &g, &t, &m)) != 0)
        return rc;
    printf("file: %s: ok\n", c.file);
    if (g != NULL) {
        printf("title: %s\nplayers:", eq_game_title(g));
        for (int p = 0; p < eq_game_players(g); p++)
            printf(" %s (%d actions)", eq_game_player_name(g, p), eq_game_actions(g, p));
        printf("\nprofiles: %zu\n", eq_game_profiles(g));
    } else {
        int kinds[4] = { 0, 0, 0, 0 };
        printf("title: %s\nplayers:", eq_tree_title(t));
        for (int p = 0; p < eq_tree_players(t); p++)
            printf(" %s", eq_tree_player_name(t, p));
        putchar('\n');
        if (m != NULL) {
            eq_tree_opts eo;
            eq_tree_opts_init(&eo);
            if (eq_model_equilibrium(m, &eo))
                printf("equilibrium: spe, subgames by %s%s, selection %s%s%s\n",
                       eo.subgame_method >= 0 ? eq_method_name(eo.subgame_method) : "default",
                       eo.coarse ? " (coarse)" : "",
                       eo.select == EQ_SELECT_WELFARE ? "welfare"
                       : eo.select == EQ_SELECT_FIRST ? "first"
                       : eo.select == EQ_SELECT_PLAYER ? "player " : "min ",
                       eo.select == EQ_SELECT_PLAYER ? eq_tree_player_name(t, eo.select_player) : "",
                       eo.select == EQ_SELECT_MIN_ACTION ? eo.select_action : "");
            printf("parameters:%s\n", eq_model_params(m) ? "" : " none");
            for (int k = 0; k < eq_model_params(m); k++) {
                printf("  %s = ", eq_model_param_name(m, k));
                if (eq_model_param_is_enum(m, k)) {
                    printf("%s in {", eq_model_param_choice(m, k,
                                                            (int)eq_model_param_default(m, k)));
                    for (int ch = 0; ch < eq_model_param_choices(m, k); ch++)
                        printf("%s%s", ch ? ", " : "", eq_model_param_choice(m, k, ch));
                    printf("}");
                } else {
                    put_num(stdout, eq_model_param_default(m, k));
                    printf(" in [");
                    put_num(stdout, eq_model_param_lo(m, k));
                    printf(", ");
                    put_num(stdout, eq_model_param_hi(m, k));
                    printf("]");
                }
                printf("  \"%s\"\n", eq_model_param_description(m, k));
            }
        }
        for (int v = 0; v < eq_tree_nodes(t); v++)
            kinds[eq_tree_node_kind(t, v)]++;
        printf("nodes: %d (%d decision, %d chance, %d terminal)\n", eq_tree_nodes(t),
               kinds[EQ_NODE_DECISION], kinds[EQ_NODE_CHANCE], kinds[EQ_NODE_TERMINAL]);
        printf("information sets: %d\n", eq_tree_infosets(t));
        printf("subgames: %d, rooted at", eq_tree_subgames(t));
        for (int k = 0; k < eq_tree_subgames(t); k++) {
            char name[256];
            node_words(t, eq_tree_subgame_root(t, k), name, sizeof name);
            printf("%s %s", k ? "," : "", name);
        }
        putchar('\n');
    }
    eq_game_free(g);
    eq_tree_free(t);
    eq_model_free(m);
    return finish_output(0);
}

/* equilib convert FILE --to game|efg|nfg: the result on standard output. */
static int cmd_convert(int argc, char **argv)
{
    cli c;
    eq_game *g, *red = NULL;
    eq_tree *t;
    eq_model *m;
    char *text = NULL;
    eq_status s = EQ_OK;
    int rc = parse_args(argc, argv, &c, "convert");
    if (rc != 0)
        return rc;
    if (c.to == NULL)
        return bad_usage("%s", "convert needs --to game|efg|nfg");
    if ((rc = load(&c, &g, &t, &m)) != 0)
        return rc;
    if (strcmp(c.to, "nfg") == 0) {
        if (t != NULL && (s = eq_tree_reduced_form(t, &red)) != EQ_OK)
            fprintf(stderr, "%s: %s: %s\n", progname, c.file, eq_tree_errmsg(t)[0]
                    ? eq_tree_errmsg(t) : eq_status_string(s));
        else
            s = eq_game_write_nfg(red ? red : g, &text);
    } else if (g != NULL) {
        fprintf(stderr, "%s: %s: a strategic-form game cannot be converted to a tree\n",
                progname, c.file);
        s = EQ_ERR_UNSUPPORTED;
    } else if (strcmp(c.to, "efg") == 0) {
        s = eq_tree_write_efg(t, &text);
    } else {
        s = eq_tree_write_game(t, &text);
    }
    if (s == EQ_OK && text != NULL)
        fputs(text, stdout);
    else if (s == EQ_ERR_NOMEM)
        fprintf(stderr, "%s: out of memory\n", progname);
    rc = s == EQ_OK ? 0 : (s == EQ_ERR_LIMIT ? EXIT_NOTFOUND : EXIT_USAGE);
    eq_free(text);
    eq_game_free(red);
    eq_game_free(g);
    eq_tree_free(t);
    eq_model_free(m);
    return finish_output(rc);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("equilib %s\n", eq_version());
        return 0;
    }
    if (strcmp(argv[1], "solve") == 0)
        return cmd_solve(argc - 2, argv + 2);
    if (strcmp(argv[1], "check") == 0)
        return cmd_check(argc - 2, argv + 2);
    if (strcmp(argv[1], "convert") == 0)
        return cmd_convert(argc - 2, argv + 2);
    if (strcmp(argv[1], "report") == 0)
        return cmd_report(argc - 2, argv + 2);
    return bad_usage("unknown command '%s'", argv[1]);
}
