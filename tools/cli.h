/*
** cli.h -- what the files of the command-line program share: exit codes,
** the parsed command line, the output sink, number formatting, growing
** strings, the loader of input files and the method capabilities.
**
** The program's files, one job each:
**   main.c        the command table, help, the manual page, main()
**   args.c        the option table and its parser
**   sink.c        where output goes (standard output or -o FILE, written
**                 atomically) and write-error checks
**   load.c        reading .nfg, .efg and .game files, or standard input
**   fmt.c         numbers (round-trip and for people) and growing strings
**   out_json.c    the JSON emitter (cJSON), streaming
**   out_table.c   the table writer: CSV, Markdown and LaTeX
**   print_game.c  results on strategic-form games
**   print_tree.c  results on game trees
**   commands.c    solve, check and convert
**   report.c      report
**   sense.c       sweep, breakpoints and robust
**   plot.c        sweep's figures (--plot), through PLplot
**   shard.c       --shard I/N and merge: shard files and their records
**   mpi.c         equilib-mpi (-DEQ_MPI=ON): sweep and robust across ranks
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_CLI_H
#define EQUILIB_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "equilib.h"

/* Exit statuses, listed in --help. */
#define EXIT_FOUND 0      /* success */
#define EXIT_NOTFOUND 1   /* the method failed or found nothing */
#define EXIT_USAGE 2      /* bad usage, bad input, or output not written */

extern const char *const cli_progname;

/* ---- the command line ------------------------------------------------ */

/* Commands, as bits so that an option can name the commands taking it. */
enum {
    CMD_SOLVE = 1u,
    CMD_CHECK = 2u,
    CMD_CONVERT = 4u,
    CMD_REPORT = 8u,
    CMD_SWEEP = 16u,
    CMD_BREAKPOINTS = 32u,
    CMD_ROBUST = 64u,
    CMD_MERGE = 128u
};

/* The command table (main.c): name, bit, what it runs, its operands and
** a one-line summary. */
struct cli;
typedef struct command {
    const char *name;
    unsigned bit;
    int (*run)(struct cli *c);
    const char *operands;     /* "FILE", "[FILE...]" */
    int min_files, max_files; /* operand counts; max -1: any */
    const char *summary;
} command;
extern const command cli_commands[];
extern const int cli_ncommands;

/* Output formats. */
typedef enum fmt { FMT_TEXT, FMT_JSON, FMT_CSV, FMT_MD, FMT_TEX } fmt;

/* Input formats: chosen by --input-format, else by the file's extension,
** else (standard input) by sniffing the first word. */
typedef enum infmt { IN_GUESS, IN_NFG, IN_EFG, IN_GAME } infmt;

/* Everything the commands take from the command line. */
typedef struct cli {
    unsigned cmd;             /* CMD_* */
    const char *cmdname;
    const char **files;       /* operands; borrowed from argv */
    int nfiles;
    fmt format;
    int format_set;
    const char *to;           /* convert --to */
    const char *output;       /* -o FILE; NULL or "-": standard output */
    infmt input_format;
    int method;               /* -1: the default for the kind of file */
    int sub;                  /* spe's subgame method, -1: default */
    int exact, label, max, all, coarse, unique, minimize;
    int perfect;              /* --perfect (lemke on trees) */
    int refine;               /* --refine: an eq_refine, -1: the model's */
    int select_set;
    eq_select select;
    const char *select_arg;   /* player name or action name */
    const char **params;      /* -p NAME=VALUE, in order */
    int nparams;
    const char *objective;    /* --objective text, resolved per game */
    const char *qre_file;     /* --qre FILE */
    const char **vary;        /* --vary SPEC, in order */
    int nvary;
    int jobs;                 /* -j N; 0: one thread */
    long long samples;        /* robust --samples N; 0: the default */
    unsigned long long seed;  /* robust --seed S */
    int seed_set;
    const char **priors, **claims, **contexts;  /* robust, in order */
    int npriors, nclaims, ncontexts;
    const char *plot;         /* sweep --plot FILE.svg|.pdf|.png */
    const char *plot_class;   /* sweep --plot-class NAME */
    double time_limit;        /* --time-limit SECONDS; 0: none */
    long long max_pivots;     /* --max-pivots N; 0: none */
    long long max_vertices;   /* --max-vertices N; 0: none */
    int shard_i, shard_n;     /* --shard I/N; 0/0: the whole run */
    const struct replay *replay;  /* merge: the rows come from shards */
    int help;
} cli;

/*
** Stopping (stop.c).  cli_limits fills l from --time-limit, --max-pivots
** and --max-vertices, with SIGINT as its cancel callback (the handler is
** installed on the first call; a second SIGINT kills).  cli_interrupted:
** whether SIGINT came.  cli_stop_reason: why a call stopped, from its
** message.  cli_mark_incomplete: the line that marks a text, CSV,
** Markdown or LaTeX output incomplete (nothing for JSON, whose
** "complete": false says it).
*/
void cli_limits(const cli *c, eq_limits *l);
int cli_interrupted(void);
const char *cli_stop_reason(const char *msg);
void cli_mark_incomplete(FILE *f, fmt kind, const char *why);

/* Parse argv (after the command's name) into c for command cmd.  Returns
** 0, or an exit status after printing a message and the usage line.  Free
** with cli_free(). */
int cli_parse(cli *c, unsigned cmd, const char *cmdname, int argc, char **argv);
void cli_free(cli *c);

/* A usage error: "equilib: MESSAGE" and the command's usage line on
** standard error.  Returns EXIT_USAGE. */
int cli_usage_error(const char *cmdname, const char *format, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* A diagnostic "equilib: MESSAGE" on standard error. */
void cli_error(const char *format, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* When cli_quiet is set, diagnostics are not printed (MPI ranks other than
** 0 send theirs to rank 0); the last one is kept in cli_last_error. */
extern int cli_quiet;
extern char cli_last_error[512];

/* Help of one command (or of the program, cmd 0) on f. */
void cli_help(FILE *f, unsigned cmd);
/* The usage lines of one command (or all, cmd 0) on f. */
void cli_usage(FILE *f, unsigned cmd);
/* The manual page, in roff, on f. */
void cli_man(FILE *f);
/* The command with this name, 0 if none. */
unsigned cli_command(const char *name);

/* Name of a format. */
const char *fmt_name(fmt f);

/* ---- output -------------------------------------------------------- */

/* Where a command writes: standard output, or FILE through a temporary
** file beside it, renamed over FILE only when everything was written. */
typedef struct sink {
    FILE *f;
    char *path;               /* -o FILE, NULL for standard output */
    char *tmp;                /* the temporary file */
} sink;

/* Mark standard output closed when it was closed at start-up (fd 1 is then
** held by /dev/null so that no file opened later takes its place). */
void sink_startup(void);
/* Open the sink for c: refuses an -o FILE that is one of c's inputs, and
** a closed standard output.  Returns 0 or an exit status. */
int sink_open(sink *s, const cli *c);
/* Finish: flush, check for write errors, rename the temporary file (when
** rc is not EXIT_USAGE) or remove it.  Returns rc, or EXIT_USAGE with a
** message when the output could not be written. */
int sink_close(sink *s, int rc);
/* Whether two paths name the same existing file, or are the same text. */
int same_file(const char *a, const char *b);

/* ---- input ---------------------------------------------------------- */

/* What a file held: exactly one of g and t; m and values for a model. */
typedef struct loaded {
    eq_game *g;
    eq_tree *t;
    eq_model *m;
    double *values;           /* the model's parameter values used */
} loaded;

/* Load c->files[0] ("-": standard input) into L, instantiating a model at
** its defaults and the -p values.  Returns 0 or an exit status after a
** message. */
int load_input(const cli *c, const char *file, loaded *L);
void loaded_free(loaded *L);
/* Read a model from a file or standard input ("-").  Returns 0 or an exit
** status after a message. */
int load_model(const char *file, infmt kind, eq_model **m);
/* Print a reader's diagnostic with the offending line and a caret. */
void print_diag(const eq_diag *d);

/* ---- numbers and strings -------------------------------------------- */

/* The shortest decimal (up to 17 significant digits) that reads back to
** v with strtod; "0" for -0.  buf holds at least 32 bytes.  Not for
** non-finite v (gives "inf", "-inf" or "nan"; callers decide). */
char *num_repr(double v, char *buf);
/* A number for people: 10 significant digits, tiny values (below 5e-16)
** and -0 as 0. */
void num_human(FILE *f, double v);
/* The same into buf (32 bytes), with prec significant digits. */
char *num_human_buf(double v, int prec, char *buf);

/* A growing NUL-terminated string.  Never truncates: on lack of memory it
** sets oom and keeps what it has. */
typedef struct sbuf {
    char *s;
    size_t len, cap;
    int oom;
} sbuf;
void sb_printf(sbuf *b, const char *format, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The text so far ("" when empty); borrowed until the next call. */
const char *sb_str(const sbuf *b);
void sb_clear(sbuf *b);
/* Whether any string ran out of memory (sink_close then fails). */
int sb_any_oom(void);
void sb_free(sbuf *b);

/* ---- commands ------------------------------------------------------- */

int cmd_solve(cli *c);
int cmd_check(cli *c);
int cmd_convert(cli *c);
int cmd_report(cli *c);
int cmd_sweep(cli *c);
int cmd_breakpoints(cli *c);
int cmd_robust(cli *c);
int cmd_merge(cli *c);

/* ---- work in pieces (sense.c), for MPI (mpi.c) ------------------------ */
/* A sweep or robust run set up once, able to compute the records (see
** shard.h) of any index range.  sense_job_new returns 0 or an exit status
** after a message. */
typedef struct sense_job sense_job;
struct cJSON;
int sense_job_new(const cli *c, sense_job **out);
long long sense_job_total(const sense_job *j);
/* The records of [i0, i1) appended to the array recs; 0 or an exit
** status after a message. */
int sense_job_run(sense_job *j, long long i0, long long i1, struct cJSON *recs);
void sense_job_free(sense_job *j);
/* With MPI (equilib-mpi, mpi.c): the number of ranks and this one's (1
** and 0 without); and the run of a sweep or robust across the ranks. */
extern int cli_mpi_size, cli_mpi_rank;
int mpi_run(cli *c);

/* ---- printers ------------------------------------------------------- */

/* The solve of a strategic game, in c->format. */
struct eq_solve_opts;
typedef struct qre_path qre_path;
void print_game_result(FILE *f, const cli *c, const loaded *L, const eq_result *r,
                       const eq_solve_opts *o, const qre_path *q);
/* The solve of a tree, in c->format. */
void print_tree_result(FILE *f, const cli *c, const loaded *L, const eq_tree_result *r,
                       const eq_tree_opts *o);
/* The name of node v for people: its label, "root", or "node N". */
const char *node_words(const eq_tree *t, int v, char *buf, size_t len);
/* Shared with report_beliefs.c (print_tree.c): whether equilibrium k
** reaches information set h; the set's name for people (its label, else
** its first node's); whether r carries assessments (a belief at every set:
** sequential, pbe, spe over pbe stages, lemke --perfect); the range of the
** belief of h's node i over the supporting set of an unreached set (0 if
** there is none); that set's vertices in words, prec significant digits
** ("the polytope with vertices (a, b, c), ..."); and the beliefs as JSON,
** at the sets of at least min_nodes nodes (README.md, "JSON"). */
int infoset_reached(const eq_tree *t, const eq_tree_result *r, int k, int h);
void infoset_words(const eq_tree *t, int h, sbuf *b);
int has_assessment(const eq_tree_result *r);
int belief_range(const eq_tree_result *r, int k, int h, int i, double *lo, double *hi);
void belief_vertices_words(const eq_tree *t, const eq_tree_result *r, int k, int h, int prec,
                           sbuf *b);
struct cJSON *json_beliefs(const eq_tree *t, const eq_tree_result *r, int k, int min_nodes);

/* The logit path of qre, kept for --qre FILE and the JSON member. */
struct qre_path {
    int nprof;                /* probabilities per point */
    size_t n, cap;            /* points */
    double *pts;              /* n * (1 + nprof): lambda, then the profile */
    int oom;
};
void qre_path_add(void *ud, double lambda, const double *profile);
void qre_path_free(qre_path *q);
/* Write the path as CSV to c->qre_file, atomically (never over an input
** file).  Returns 0 or EXIT_USAGE. */
int qre_path_save(const qre_path *q, const eq_game *g, const cli *c);

#endif
