/*
** args.c -- the options of the command-line program, from one table, and
** everything made from that table: the parser, the usage lines, --help
** and the manual page.
**
** An option is written --name=VALUE or --name VALUE (or -x VALUE, -xVALUE
** for those with a short name); "--" ends the options; "-" alone is an
** operand, standard input.  An option given to a command that does not
** take it is an error, never ignored.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum optid {
    O_METHOD, O_SUB, O_PARAM, O_FORMAT, O_OUTPUT, O_INFMT, O_EXACT, O_ALL, O_MAX,
    O_LABEL, O_SELECT, O_OBJECTIVE, O_MINIMIZE, O_MAXIMIZE, O_UNIQUE, O_COARSE,
    O_QRE, O_PERFECT, O_REFINE, O_TO, O_VARY, O_JOBS, O_SAMPLES, O_SEED, O_PRIOR, O_CLAIM,
    O_CONTEXT, O_SHARD, O_TIME_LIMIT, O_MAX_PIVOTS, O_MAX_VERTICES, O_HELP,
    O_PLOT, O_PLOT_CLASS      /* sweep's figures */
};

#define SENSE (CMD_SWEEP | CMD_BREAKPOINTS | CMD_ROBUST)
#define ALL (CMD_SOLVE | CMD_CHECK | CMD_CONVERT | CMD_REPORT | SENSE | CMD_MERGE)

typedef struct opt_def {
    const char *name;      /* long name, without "--" */
    char shrt;             /* short name, 0 if none */
    const char *arg;       /* the value's name; NULL for a flag */
    unsigned cmds;         /* the commands that take it */
    enum optid id;
    int repeat;            /* may be given several times */
    const char *help;
} opt_def;

static const opt_def options[] = {
    { "method", 'm', "METHOD", CMD_SOLVE, O_METHOD, 0,
      "the method (default: enum for .nfg files, spe for trees)" },
    { "sub", 0, "METHOD", CMD_SOLVE | CMD_REPORT, O_SUB, 0,
      "spe: the method for each subgame's simultaneous or imperfect-information "
      "part (default: the model's, else enum for two players, pure for more; "
      "pbe: its pure weak perfect Bayesian equilibria, with beliefs)" },
    { "coarse", 0, NULL, CMD_SOLVE | CMD_REPORT, O_COARSE, 0,
      "with correlated: coarse correlated equilibria" },
    { "param", 'p', "NAME=VALUE", CMD_SOLVE | CMD_CHECK | CMD_CONVERT | CMD_REPORT | SENSE,
      O_PARAM, 1,
      "set a model's parameter (a number in its interval, or a choice's name; report: "
      "in every model that has it, and a choice so set is not varied)" },
    { "format", 'f', "FORMAT", CMD_SOLVE | CMD_REPORT | SENSE | CMD_MERGE, O_FORMAT, 0,
      "output format: text (default), json, csv, md (Markdown) or tex (LaTeX)" },
    { "output", 'o', "FILE", ALL, O_OUTPUT, 0,
      "write to FILE (through a temporary file renamed over it once complete; "
      "never an input file) instead of standard output" },
    { "input-format", 0, "KIND", ALL & ~CMD_MERGE, O_INFMT, 0,
      "read the input as nfg, efg or game, whatever its name (default: by the "
      "extension; standard input by its first word: NFG, EFG, else game)" },
    { "exact", 0, NULL, CMD_SOLVE, O_EXACT, 0,
      "exact rational arithmetic; values printed as fractions" },
    { "all", 0, NULL, CMD_SOLVE, O_ALL, 0,
      "spe: every subgame-perfect equilibrium" },
    { "max", 0, "N", CMD_SOLVE, O_MAX, 0, "stop after N equilibria" },
    { "label", 0, "K", CMD_SOLVE, O_LABEL, 0,
      "lemke: start from label K (0..m+n-1) only" },
    { "select", 0, "RULE", CMD_SOLVE, O_SELECT, 0,
      "spe: pick by welfare (default), first, player:NAME or min:ACTION" },
    { "objective", 0, "OBJ", CMD_SOLVE, O_OBJECTIVE, 0,
      "mip, correlated: welfare (default), player:NAME or action:PLAYER:ACTION" },
    { "minimize", 0, NULL, CMD_SOLVE, O_MINIMIZE, 0, "minimise the objective" },
    { "maximize", 0, NULL, CMD_SOLVE, O_MAXIMIZE, 0, "maximise the objective (default)" },
    { "unique", 0, NULL, CMD_SOLVE, O_UNIQUE, 0,
      "mip: prove the equilibrium unique, or give a second one" },
    { "qre", 0, "FILE", CMD_SOLVE, O_QRE, 0,
      "qre: write the logit path to FILE as CSV (and into the JSON as qre_path)" },
    { "perfect", 0, NULL, CMD_SOLVE, O_PERFECT, 0,
      "lemke on a two-player tree: a quasi-perfect equilibrium, with beliefs" },
    { "refine", 0, "KIND", CMD_SOLVE, O_REFINE, 0,
      "pbe on a signalling game: keep the equilibria passing intuitive (the "
      "Intuitive Criterion) or d1" },
    { "to", 0, "KIND", CMD_CONVERT, O_TO, 0, "the format to write: game, efg or nfg" },
    { "vary", 0, "SPEC", CMD_REPORT | SENSE, O_VARY, 1,
      "sweep: an axis of the grid, NAME=LO:HI:N (N values from LO to HI), "
      "NAME=a,b,c (listed values or choices) or NAME (every choice); "
      "breakpoints: NAME or NAME=LO:HI, the parameter to scan; report: NAME or "
      "NAME=LO:HI, an interval parameter to scan for thresholds (default: all)" },
    { "jobs", 'j', "N", CMD_REPORT | SENSE, O_JOBS, 0,
      "sweep, robust, breakpoints, report: solve on N threads (rows, samples and "
      "breakpoints stay in order; the output is the same for every N)" },
    { "samples", 'n', "N", CMD_ROBUST | CMD_REPORT, O_SAMPLES, 0,
      "robust: the number of Latin-hypercube samples (default 1000); report: for "
      "the ranking and the model's claims (default 300)" },
    { "seed", 0, "S", CMD_ROBUST | CMD_REPORT, O_SEED, 0,
      "robust, report: the random seed (default 1); sample i depends only on S, N and i" },
    { "prior", 0, "NAME=LAW", CMD_ROBUST, O_PRIOR, 1,
      "robust: sample NAME from uniform(a,b), beta(p,q), beta(p,q,lo,hi) or "
      "triangular(a,c,b); with any --prior only those parameters vary, with none "
      "every interval parameter is uniform over its domain" },
    { "claim", 0, "[NAME:]TEXT", CMD_ROBUST, O_CLAIM, 1,
      "robust: a claim whose share of the samples to report, such as "
      "\"P(war_resumes | membership, timing=after) > P(war_resumes | membership, "
      "timing=before)\" (the model's own claim declarations are reported too)" },
    { "context", 0, "CONDITIONS", CMD_ROBUST, O_CONTEXT, 1,
      "robust: also report the classes and regimes of the model with these "
      "conditions, such as \"option=israel, timing=after\"" },
    { "time-limit", 0, "SECONDS", CMD_SOLVE | CMD_SWEEP | CMD_ROBUST, O_TIME_LIMIT, 0,
      "stop after SECONDS of wall-clock time: what was found is printed, marked "
      "incomplete (\"complete\": false in JSON), and the exit status is 1; "
      "SIGINT (Ctrl-C) stops the same way, a second one kills" },
    { "max-pivots", 0, "N", CMD_SOLVE, O_MAX_PIVOTS, 0,
      "lemke: stop after N pivots in all (as --time-limit)" },
    { "max-vertices", 0, "N", CMD_SOLVE, O_MAX_VERTICES, 0,
      "enum: stop after N vertices of the two polytopes (as --time-limit)" },
    { "shard", 0, "I/N", CMD_SWEEP | CMD_ROBUST, O_SHARD, 0,
      "sweep, robust: compute only shard I of N (1 <= I <= N) of the grid or "
      "samples and write a shard file (JSON) for `equilib merge`" },
    { "plot", 0, "FILE", CMD_SWEEP, O_PLOT, 0,
      "sweep: also draw a figure into FILE.svg, FILE.pdf or FILE.png (PLplot): "
      "with one interval parameter varied, a line plot of an outcome class's "
      "probability, one line per combination of the varied choices; with two, "
      "a regime map coloured by the equilibrium path, the baseline marked" },
    { "plot-class", 0, "NAME", CMD_SWEEP, O_PLOT_CLASS, 0,
      "sweep: the outcome class of the line plot (default: the first declared)" },
    { "help", 'h', NULL, ALL, O_HELP, 0, "this help" },
};
#define NOPTIONS ((int)(sizeof options / sizeof options[0]))

static const char *const formats[] = { "text", "json", "csv", "md", "tex" };

const char *fmt_name(fmt f)
{
    return formats[f];
}

unsigned cli_command(const char *name)
{
    for (int i = 0; i < cli_ncommands; i++)
        if (strcmp(cli_commands[i].name, name) == 0)
            return cli_commands[i].bit;
    return 0;
}

static const command *command_of(unsigned bit)
{
    for (int i = 0; i < cli_ncommands; i++)
        if (cli_commands[i].bit == bit)
            return &cli_commands[i];
    return NULL;
}

int cli_quiet;
char cli_last_error[512];

static void verror(const char *format, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    vsnprintf(cli_last_error, sizeof cli_last_error, format, aq);
    va_end(aq);
    if (cli_quiet)
        return;
    fprintf(stderr, "%s: ", cli_progname);
    vfprintf(stderr, format, ap);
    fputc('\n', stderr);
}

void cli_error(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    verror(format, ap);
    va_end(ap);
}

int cli_usage_error(const char *cmdname, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    verror(format, ap);
    va_end(ap);
    cli_usage(stderr, cmdname ? cli_command(cmdname) : 0);
    return EXIT_USAGE;
}

/* One command's usage line, wrapped at 78 columns. */
static void usage_of(FILE *f, const command *cmd, const char *lead)
{
    int col = fprintf(f, "%s%s %s %s", lead, cli_progname, cmd->name, cmd->operands);
    int indent = (int)(strlen(lead) + strlen(cli_progname) + strlen(cmd->name) + 2);
    for (int i = 0; i < NOPTIONS; i++) {
        const opt_def *o = &options[i];
        char word[96];
        if (!(o->cmds & cmd->bit) || o->id == O_HELP)
            continue;
        if (o->shrt)
            snprintf(word, sizeof word, "[-%c%s%s]%s", o->shrt, o->arg ? " " : "",
                     o->arg ? o->arg : "", o->repeat ? "..." : "");
        else
            snprintf(word, sizeof word, "[--%s%s%s]%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "", o->repeat ? "..." : "");
        if (col + 1 + (int)strlen(word) > 78)
            col = fprintf(f, "\n%*s", indent, "") - 1;
        col += fprintf(f, " %s", word);
    }
    fputc('\n', f);
}

void cli_usage(FILE *f, unsigned cmd)
{
    const char *lead = "usage: ";
    for (int i = 0; i < cli_ncommands; i++)
        if (cmd == 0 || cli_commands[i].bit == cmd) {
            usage_of(f, &cli_commands[i], lead);
            lead = "       ";
        }
    if (cmd == 0)
        fprintf(f, "       %s help [COMMAND] | --help | --version | --man\n", cli_progname);
}

/* The value names that the options take, with their choices. */
static void choices(FILE *f, unsigned cmd)
{
    if (cmd & (CMD_SOLVE | CMD_REPORT)) {
        fputs("METHOD is one of:", f);
        for (int m = 0; m < eq_method_count(); m++)
            fprintf(f, "%s %s", m ? "," : "", eq_method_name((eq_method)m));
        fputs(".\n", f);
        fputs("FORMAT is one of: text, json, csv, md, tex.\n", f);
    }
    fputs("FILE is a Gambit .nfg or .efg file or a .game model; - reads standard input.\n", f);
}

static void exit_codes(FILE *f)
{
    fputs("exit status: 0 success; 1 the method failed or found nothing;\n"
          "2 bad usage, bad input, or output that could not be written.\n", f);
}

void cli_help(FILE *f, unsigned cmd)
{
    const command *c = command_of(cmd);
    cli_usage(f, cmd);
    if (c == NULL) {
        fputs("\ncommands:\n", f);
        for (int i = 0; i < cli_ncommands; i++)
            fprintf(f, "  %-9s %s\n", cli_commands[i].name, cli_commands[i].summary);
        fprintf(f, "\n'%s help COMMAND' or '%s COMMAND --help' lists a command's options.\n",
                cli_progname, cli_progname);
        choices(f, CMD_SOLVE);
        exit_codes(f);
        return;
    }
    fprintf(f, "\n%s\n\noptions:\n", c->summary);
    for (int i = 0; i < NOPTIONS; i++) {
        const opt_def *o = &options[i];
        char head[64];
        if (!(o->cmds & cmd))
            continue;
        if (o->shrt)
            snprintf(head, sizeof head, "-%c, --%s%s%s", o->shrt, o->name,
                     o->arg ? " " : "", o->arg ? o->arg : "");
        else
            snprintf(head, sizeof head, "    --%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        fprintf(f, "  %-26s %s\n", head, o->help);
    }
    choices(f, cmd);
    exit_codes(f);
}

/* roff text: backslashes and hyphens escaped, a leading dot guarded. */
static void roff(FILE *f, const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", f);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", f);
        else if (*s == '-')
            fputs("\\-", f);
        else
            fputc(*s, f);
    }
}

void cli_man(FILE *f)
{
    fprintf(f, ".\\\" Generated by 'equilib --man' from its option table; do not edit.\n"
               ".TH EQUILIB 1 \"\" \"equilib %s\" \"User Commands\"\n"
               ".SH NAME\nequilib \\- equilibria of games: solve, check, convert, report, sweep, breakpoints, robust\n"
               ".SH SYNOPSIS\n", eq_version());
    for (int i = 0; i < cli_ncommands; i++) {
        fputs(".B equilib\n", f);
        roff(f, cli_commands[i].name);
        fputs(" ", f);
        roff(f, cli_commands[i].operands);
        fputs(" [options]\n.br\n", f);
    }
    fputs(".SH DESCRIPTION\nResults go to standard output (or \\fB\\-o\\fR FILE), "
          "diagnostics to standard error.\n", f);
    for (int i = 0; i < cli_ncommands; i++) {
        fprintf(f, ".TP\n.B %s\n", cli_commands[i].name);
        roff(f, cli_commands[i].summary);
        fputc('\n', f);
    }
    fputs(".SH OPTIONS\n", f);
    for (int i = 0; i < NOPTIONS; i++) {
        const opt_def *o = &options[i];
        fputs(".TP\n.B ", f);
        if (o->shrt)
            fprintf(f, "\\-%c, ", o->shrt);
        fputs("\\-\\-", f);
        roff(f, o->name);
        if (o->arg) {
            fputs(" ", f);
            roff(f, o->arg);
        }
        fputc('\n', f);
        roff(f, o->help);
        fputs(" (", f);
        for (int k = 0, n = 0; k < cli_ncommands; k++)
            if (o->cmds & cli_commands[k].bit)
                fprintf(f, "%s%s", n++ ? ", " : "", cli_commands[k].name);
        fputs(")\n", f);
    }
    fputs(".SH VALUES\n", f);
    fputs("METHOD is one of:", f);
    for (int m = 0; m < eq_method_count(); m++)
        fprintf(f, "%s %s", m ? "," : "", eq_method_name((eq_method)m));
    fputs(".\n.br\nFORMAT is one of: text, json, csv, md, tex.\n.br\n"
          "FILE is a Gambit .nfg or .efg file or a .game model; \\- reads standard input.\n"
          ".SH EXIT STATUS\n0 success; 1 the method failed or found nothing; "
          "2 bad usage, bad input, or output that could not be written.\n"
          ".SH SEE ALSO\nREADME.md and models/README.md in the source.\n", f);
}

/* A whole non-negative int, or -1. */
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

static int parse_select(cli *c, const char *v)
{
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
        return cli_usage_error(c->cmdname,
                               "unknown rule '%s' (welfare, first, player:NAME, min:ACTION)", v);
    return 0;
}

static int parse_format(cli *c, const char *v)
{
    for (int i = 0; i < (int)(sizeof formats / sizeof formats[0]); i++)
        if (strcmp(v, formats[i]) == 0) {
            c->format = (fmt)i;
            c->format_set = 1;
            return 0;
        }
    if (strcmp(v, "markdown") == 0 || strcmp(v, "latex") == 0) {
        c->format = v[0] == 'm' ? FMT_MD : FMT_TEX;
        return 0;
    }
    return cli_usage_error(c->cmdname, "unknown format '%s' (text, json, csv, md or tex)", v);
}

static int parse_method(cli *c, const opt_def *o, const char *v, int *out)
{
    int m = eq_method_from_name(v);
    if (o->id == O_SUB && (m < 0 || !(eq_method_caps((eq_method)m) & EQ_CAP_STAGE)))
        return cli_usage_error(c->cmdname, "unknown subgame method '%s'", v);
    if (m < 0)
        return cli_usage_error(c->cmdname, "unknown method '%s'", v);
    *out = m;
    return 0;
}

static int add_param(cli *c, const char *v)
{
    const char **p;
    if (strchr(v, '=') == NULL)
        return cli_usage_error(c->cmdname, "-p needs NAME=VALUE, not '%s'", v);
    if ((p = realloc(c->params, ((size_t)c->nparams + 1) * sizeof *p)) == NULL) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    c->params = p;
    c->params[c->nparams++] = v;
    return 0;
}

/* Append v to one of the repeatable options' lists. */
static int add_to(cli *c, const char ***list, int *n, const char *v)
{
    const char **p;
    if ((p = realloc(*list, ((size_t)*n + 1) * sizeof *p)) == NULL) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    *list = p;
    p[(*n)++] = v;
    (void)c;
    return 0;
}

/* Apply option o with value v (NULL for a flag). */
static int apply(cli *c, const opt_def *o, const char *v)
{
    switch (o->id) {
    case O_METHOD: return parse_method(c, o, v, &c->method);
    case O_SUB: return parse_method(c, o, v, &c->sub);
    case O_PARAM: return add_param(c, v);
    case O_FORMAT: return parse_format(c, v);
    case O_OUTPUT: c->output = v; return 0;
    case O_INFMT:
        if (strcmp(v, "nfg") == 0) c->input_format = IN_NFG;
        else if (strcmp(v, "efg") == 0) c->input_format = IN_EFG;
        else if (strcmp(v, "game") == 0) c->input_format = IN_GAME;
        else return cli_usage_error(c->cmdname, "unknown input format '%s' (nfg, efg or game)", v);
        return 0;
    case O_EXACT: c->exact = 1; return 0;
    case O_ALL: c->all = 1; return 0;
    case O_MAX:
        if ((c->max = parse_int(v)) < 1)
            return cli_usage_error(c->cmdname, "--max needs a positive count, not '%s'", v);
        return 0;
    case O_LABEL:
        if ((c->label = parse_int(v)) < 0)
            return cli_usage_error(c->cmdname, "--label needs a label number 0, 1, ..., not '%s'", v);
        return 0;
    case O_SELECT: return parse_select(c, v);
    case O_OBJECTIVE: c->objective = v; return 0;
    case O_MINIMIZE: c->minimize = 1; return 0;
    case O_MAXIMIZE: c->minimize = 0; return 0;
    case O_UNIQUE: c->unique = 1; return 0;
    case O_COARSE: c->coarse = 1; return 0;
    case O_QRE: c->qre_file = v; return 0;
    case O_PERFECT: c->perfect = 1; return 0;
    case O_REFINE:
        if (strcmp(v, "intuitive") == 0) c->refine = EQ_REFINE_INTUITIVE;
        else if (strcmp(v, "d1") == 0) c->refine = EQ_REFINE_D1;
        else return cli_usage_error(c->cmdname, "unknown refinement '%s' (intuitive or d1)", v);
        return 0;
    case O_TO:
        if (strcmp(v, "game") && strcmp(v, "efg") && strcmp(v, "nfg"))
            return cli_usage_error(c->cmdname, "unknown format '%s' (game, efg or nfg)", v);
        c->to = v;
        return 0;
    case O_VARY: return add_to(c, &c->vary, &c->nvary, v);
    case O_PRIOR: return add_to(c, &c->priors, &c->npriors, v);
    case O_CLAIM: return add_to(c, &c->claims, &c->nclaims, v);
    case O_CONTEXT: return add_to(c, &c->contexts, &c->ncontexts, v);
    case O_SAMPLES: {
        char *end;
        errno = 0;
        c->samples = strtoll(v, &end, 10);
        if (errno != 0 || end == v || *end != '\0' || c->samples < 2)
            return cli_usage_error(c->cmdname, "--samples needs a count of at least 2, not '%s'", v);
        return 0;
    }
    case O_SEED: {
        char *end;
        errno = 0;
        c->seed = strtoull(v, &end, 10);
        if (errno != 0 || end == v || *end != '\0' || v[0] == '-')
            return cli_usage_error(c->cmdname, "--seed needs a non-negative integer, not '%s'", v);
        c->seed_set = 1;
        return 0;
    }
    case O_SHARD: {
        char *end;
        long i, n;
        errno = 0;
        i = strtol(v, &end, 10);
        if (errno != 0 || end == v || *end != '/' || i < 1)
            return cli_usage_error(c->cmdname, "--shard needs I/N with 1 <= I <= N, not '%s'", v);
        n = strtol(end + 1, &end, 10);
        if (errno != 0 || *end != '\0' || n < i || n > 1000000)
            return cli_usage_error(c->cmdname, "--shard needs I/N with 1 <= I <= N, not '%s'", v);
        c->shard_i = (int)i, c->shard_n = (int)n;
        return 0;
    }
    case O_JOBS:
        if ((c->jobs = parse_int(v)) < 1)
            return cli_usage_error(c->cmdname, "-j needs a positive thread count, not '%s'", v);
        return 0;
    case O_PLOT: {
        const char *dot = strrchr(v, '.');
        if (dot == NULL || strchr(dot, '/') != NULL ||
            (strcmp(dot, ".svg") && strcmp(dot, ".pdf") && strcmp(dot, ".png")))
            return cli_usage_error(c->cmdname, "--plot %s: the file must end in .svg, .pdf "
                                   "or .png", v);
        c->plot = v;
        return 0;
    }
    case O_PLOT_CLASS: c->plot_class = v; return 0;
    case O_TIME_LIMIT: {
        char *end;
        errno = 0;
        c->time_limit = strtod(v, &end);
        if (errno != 0 || end == v || *end != '\0' || !(c->time_limit > 0.0) ||
            c->time_limit > 1e9)
            return cli_usage_error(c->cmdname, "--time-limit needs a number of seconds "
                                   "> 0, not '%s'", v);
        return 0;
    }
    case O_MAX_PIVOTS:
    case O_MAX_VERTICES: {
        char *end;
        long long n;
        errno = 0;
        n = strtoll(v, &end, 10);
        if (errno != 0 || end == v || *end != '\0' || n < 1)
            return cli_usage_error(c->cmdname, "--%s needs a positive count, not '%s'",
                                   o->name, v);
        if (o->id == O_MAX_PIVOTS)
            c->max_pivots = n;
        else
            c->max_vertices = n;
        return 0;
    }
    case O_HELP: c->help = 1; return 0;
    }
    return 0;
}

/* Find the option written as arg ("--name", "--name=value", "-x",
** "-xvalue"); *inline_value is the value written in arg, if any. */
static const opt_def *find_option(const char *arg, const char **inline_value)
{
    *inline_value = NULL;
    if (arg[1] == '-') {
        const char *eq = strchr(arg + 2, '=');
        size_t n = eq ? (size_t)(eq - (arg + 2)) : strlen(arg + 2);
        for (int i = 0; i < NOPTIONS; i++)
            if (strlen(options[i].name) == n && strncmp(options[i].name, arg + 2, n) == 0) {
                *inline_value = eq ? eq + 1 : NULL;
                return &options[i];
            }
        return NULL;
    }
    for (int i = 0; i < NOPTIONS; i++)
        if (options[i].shrt == arg[1]) {
            *inline_value = arg[2] ? arg + 2 : NULL;
            return &options[i];
        }
    return NULL;
}

static int add_file(cli *c, const char *f)
{
    const char **p = realloc(c->files, ((size_t)c->nfiles + 1) * sizeof *p);
    if (p == NULL) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    c->files = p;
    c->files[c->nfiles++] = f;
    return 0;
}

/* One option at argv[*i]; advances *i past its value. */
static int one_option(cli *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *v;
    const opt_def *o = find_option(a, &v);
    if (o == NULL)
        return cli_usage_error(c->cmdname, "unknown option '%s'", a);
    if (!(o->cmds & c->cmd))
        return cli_usage_error(c->cmdname, "option '%s' does not apply to %s", a, c->cmdname);
    if (o->arg == NULL && v != NULL)
        return cli_usage_error(c->cmdname, "option '%s' takes no value", a);
    if (o->arg != NULL && v == NULL) {
        if (*i + 1 >= argc)
            return cli_usage_error(c->cmdname, "%s needs %s %s", a,
                                   o->id == O_METHOD || o->id == O_SUB ? "a method name"
                                   : "a value,", o->arg);
        v = argv[++*i];
    }
    return apply(c, o, v);
}

int cli_parse(cli *c, unsigned cmd, const char *cmdname, int argc, char **argv)
{
    const command *k = command_of(cmd);
    int rc, options_done = 0;
    memset(c, 0, sizeof *c);
    c->cmd = cmd;
    c->cmdname = cmdname;
    c->format = FMT_TEXT;
    c->method = c->sub = c->label = c->refine = -1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        rc = 0;
        if (!options_done && strcmp(a, "--") == 0)
            options_done = 1;
        else if (!options_done && a[0] == '-' && a[1] != '\0')
            rc = one_option(c, argc, argv, &i);
        else
            rc = add_file(c, a);
        if (rc != 0)
            return rc;
    }
    if (c->help)
        return 0;
    if (c->nfiles < k->min_files)
        return cli_usage_error(cmdname, "%s needs a FILE", cmdname);
    if (k->max_files >= 0 && c->nfiles > k->max_files)
        return cli_usage_error(cmdname, "unexpected argument '%s'", c->files[k->max_files]);
    return 0;
}

void cli_free(cli *c)
{
    free(c->files);
    free(c->params);
    free(c->vary);
    free(c->priors);
    free(c->claims);
    free(c->contexts);
    c->vary = c->priors = c->claims = c->contexts = NULL;
    c->files = NULL;
    c->params = NULL;
}
