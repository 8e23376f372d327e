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

#define EXIT_NOTFOUND 1
#define EXIT_USAGE 2

static const char *progname = "equilib";

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s solve FILE.nfg [-m pure|zerosum|lemke|enum] [--exact]\n"
            "                [--format text|json|csv] [--label K] [--max N]\n"
            "       %s --help | --version\n",
            progname, progname);
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
        printf("  certificate: max regret ");
        if (exact && eq_result_regret_exact(r, k) != NULL)
            printf("%s exactly; ", eq_result_regret_exact(r, k));
        printf("%.3g in double precision\n", eq_result_regret(r, k));
    }
}

static void print_json(const eq_game *g, const eq_result *r, const char *file)
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

static int cmd_solve(int argc, char **argv)
{
    const char *file = NULL, *format = "text";
    eq_solve_opts o;
    eq_game *g = NULL;
    eq_result *r = NULL;
    eq_diag diag;
    eq_status s;
    int rc;

    eq_solve_opts_init(&o);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-m") == 0 || strcmp(a, "--method") == 0) {
            int m;
            if (i + 1 >= argc)
                return bad_usage("%s needs a method name", a);
            if ((m = eq_method_from_name(argv[++i])) < 0)
                return bad_usage("unknown method '%s'", argv[i]);
            o.method = (eq_method)m;
        } else if (strcmp(a, "--exact") == 0) {
            o.exact = 1;
        } else if (strcmp(a, "--format") == 0) {
            if (i + 1 >= argc)
                return bad_usage("%s needs a format", a);
            format = argv[++i];
            if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv"))
                return bad_usage("unknown format '%s' (text, json or csv)", format);
        } else if (strcmp(a, "--label") == 0) {
            if (i + 1 >= argc || (o.lemke_label = parse_int(argv[++i])) < 0)
                return bad_usage("%s needs a label number 0, 1, ...", a);
        } else if (strcmp(a, "--max") == 0) {
            if (i + 1 >= argc || (o.max_equilibria = parse_int(argv[++i])) < 1)
                return bad_usage("%s needs a positive count", a);
        } else if (a[0] == '-' && a[1] != '\0') {
            return bad_usage("unknown option '%s'", a);
        } else if (file == NULL) {
            file = a;
        } else {
            return bad_usage("unexpected argument '%s'", a);
        }
    }
    if (file == NULL)
        return bad_usage("%s", "solve needs a FILE");
    {
        size_t len = strlen(file);
        if (len < 4 || strcmp(file + len - 4, ".nfg") != 0) {
            fprintf(stderr, "%s: %s: only Gambit .nfg files can be solved so far\n",
                    progname, file);
            return EXIT_USAGE;
        }
    }
    s = eq_game_read_nfg(&g, file, &diag);
    if (s != EQ_OK) {
        if (s == EQ_ERR_NOMEM)
            fprintf(stderr, "%s: out of memory\n", progname);
        else
            print_diag(&diag);
        return EXIT_USAGE;
    }
    if (o.method == EQ_METHOD_LEMKE && o.lemke_label >= 0 && eq_game_players(g) == 2 &&
        o.lemke_label >= eq_game_actions(g, 0) + eq_game_actions(g, 1)) {
        fprintf(stderr, "%s: --label %d: labels run from 0 to %d for this game\n",
                progname, o.lemke_label,
                eq_game_actions(g, 0) + eq_game_actions(g, 1) - 1);
        eq_game_free(g);
        return EXIT_USAGE;
    }
    s = eq_solve(g, &o, &r);
    if (s != EQ_OK) {
        fprintf(stderr, "%s: %s: %s\n", progname, file,
                r && eq_result_errmsg(r)[0] ? eq_result_errmsg(r) : eq_status_string(s));
        rc = (s == EQ_ERR_UNSUPPORTED || s == EQ_ERR_ARG) ? EXIT_USAGE : EXIT_NOTFOUND;
    } else {
        if (strcmp(format, "json") == 0)
            print_json(g, r, file);
        else if (strcmp(format, "csv") == 0)
            print_csv(g, r);
        else
            print_text(g, r, file);
        rc = eq_result_count(r) > 0 ? 0 : EXIT_NOTFOUND;
        if (rc != 0)
            fprintf(stderr, "%s: %s: method %s found no equilibrium\n", progname,
                    file, eq_method_name(o.method));
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: cannot write output: %s\n", progname, strerror(errno));
        rc = EXIT_USAGE;
    }
    eq_result_free(r);
    eq_game_free(g);
    return rc;
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
    return bad_usage("unknown command '%s'", argv[1]);
}
