/*
** main.c -- the command-line program: the command table and main().
**
**   equilib solve FILE [options]     equilibria of a game
**   equilib check FILE [options]     read a file and describe it
**   equilib convert FILE --to KIND   write a game in another format
**   equilib report [FILE...]         the security options side by side
**   equilib sweep FILE --vary ...    a model over a grid of parameters
**   equilib breakpoints FILE --vary NAME   where the equilibrium changes
**   equilib robust FILE... --samples N     shares of the parameter space
**   equilib merge SHARD...           join the shards of a sweep or robust
**   equilib help [COMMAND]           help; also COMMAND --help
**
** Results go to standard output (or -o FILE), diagnostics to standard
** error.  Exit status: 0 success, 1 the method failed or found nothing, 2
** bad usage, bad input, or output that could not be written.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _DEFAULT_SOURCE         /* readlink */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cli.h"

const char *const cli_progname = "equilib";

const command cli_commands[] = {
    { "solve", CMD_SOLVE, cmd_solve, "FILE", 1, 1,
      "Solve a game (.nfg, .efg or .game) for its equilibria, each with its "
      "certificate." },
    { "check", CMD_CHECK, cmd_check, "FILE", 1, 1,
      "Read a file, instantiate a model at its defaults and the -p values, "
      "and describe it." },
    { "convert", CMD_CONVERT, cmd_convert, "FILE", 1, 1,
      "Write a game as a .game model (keeping the equilibrium line a .game "
      "declares), a Gambit .efg, or its reduced strategic form as .nfg." },
    { "report", CMD_REPORT, cmd_report, "[FILE...]", 0, -1,
      "Models side by side for a paper: for each combination of their named "
      "choices (option, timing, borders, ...), the path, the probability of each "
      "declared outcome class, payoffs once in force, the SPE count and, where the "
      "concept gives beliefs (pbe, spe over pbe stages, sequential), the beliefs "
      "that hold the equilibrium up at each information set of more than one "
      "node (Bayes' rule on the path; off it the supporting interval); then "
      "the timing contrast over the delay (models with timing and delay); then "
      "the ranking of the options and the share of the parameter space where "
      "each declared claim holds (--samples, default 300); then "
      "each scanned parameter's thresholds, exact where verified, with what "
      "changes there (default FILEs: the shipped models/*.game but those that "
      "include another *.game model: $EQUILIB_MODELS, else the installed ones, "
      "else the source tree's)." },
    { "sweep", CMD_SWEEP, cmd_sweep, "FILE", 1, 1,
      "Solve a model over a grid of parameter values (--vary, one or more "
      "axes): one row per point, in grid order, with the equilibrium path, "
      "each outcome class's probability, each player's payoff, the number of "
      "subgame-perfect equilibria, the certificate and flags." },
    { "breakpoints", CMD_BREAKPOINTS, cmd_breakpoints, "FILE", 1, 1,
      "Every value of one parameter (--vary NAME[=LO:HI]) at which the "
      "model's equilibrium changes, located to machine precision, as the "
      "shortest decimal and, where verified in exact arithmetic, a fraction; "
      "and the outcome on each stretch between them." },
    { "robust", CMD_ROBUST, cmd_robust, "FILE...", 1, -1,
      "How much of the plausible parameter space supports each regime, outcome "
      "class and claim: Latin-hypercube samples over priors, shares with 95% "
      "intervals, and the parameters that matter most (first-order Sobol "
      "indices)." },
    { "merge", CMD_MERGE, cmd_merge, "SHARD...", 1, -1,
      "Join the shard files of a sweep or robust run made with --shard I/N: "
      "checks that they come from one run (the same model bytes, by FNV-1a-64, "
      "and the same options) and that every shard is there once, and prints "
      "what the single run would have printed, in any --format." },
};
const int cli_ncommands = (int)(sizeof cli_commands / sizeof cli_commands[0]);

/* Print help, version or the manual page to standard output, checking that
** it was written. */
static int print_info(unsigned cmd, int what)
{
    cli none;
    sink s;
    memset(&none, 0, sizeof none);
    if (sink_open(&s, &none) != 0)
        return EXIT_USAGE;
    if (what == 'v')
        fprintf(s.f, "%s %s\n", cli_progname, eq_version());
    else if (what == 'm')
        cli_man(s.f);
    else
        cli_help(s.f, cmd);
    return sink_close(&s, 0);
}

/* equilib help [COMMAND] */
static int help(int argc, char **argv)
{
    unsigned cmd = 0;
    if (argc > 1)
        return cli_usage_error(NULL, "help takes one COMMAND at most");
    if (argc == 1 && (cmd = cli_command(argv[0])) == 0)
        return cli_usage_error(NULL, "unknown command '%s'", argv[0]);
    return print_info(cmd, 'h');
}

#ifdef EQ_MPI
/* mpi.c has main(): it starts MPI and calls this. */
int cli_main(int argc, char **argv);
#define main cli_main
#else
/*
** Started by an MPI launcher (Open MPI's mpirun sets OMPI_COMM_WORLD_SIZE,
** MPICH's and Slurm's PMI_SIZE, PMIx's PMIX_RANK), the program executes
** equilib-mpi, the MPI build of the same command line, from its own
** folder, so that `mpirun -np N equilib sweep ...` works as written while
** the ordinary program never links MPI.  If that fails with more than one
** rank (a build without -DEQ_MPI=ON), it stops with a message rather than
** have every rank do the whole run and print it; with one rank it goes on.
*/
static void become_mpi(char **argv)
{
    static const char name[] = "equilib-mpi";
    const char *size = getenv("OMPI_COMM_WORLD_SIZE");
    char path[4096], *slash;
    ssize_t n;
    if (size == NULL)
        size = getenv("PMI_SIZE");
    if (size == NULL && getenv("PMIX_RANK") == NULL)
        return;
    n = readlink("/proc/self/exe", path, sizeof path - sizeof name);
    if (n > 0 && (size_t)n < sizeof path - sizeof name) {
        path[n] = '\0';
        slash = strrchr(path, '/');
        memcpy(slash ? slash + 1 : path, name, sizeof name);
        execv(path, argv);
    }
    if (size == NULL || atoi(size) > 1) {
        const char *rank = getenv("OMPI_COMM_WORLD_RANK");
        if (rank == NULL)
            rank = getenv("PMI_RANK");
        if (rank == NULL)
            rank = getenv("PMIX_RANK");
        if (rank == NULL || strcmp(rank, "0") == 0)
            cli_error("started by an MPI launcher, but %s (the MPI build: cmake "
                      "-DEQ_MPI=ON) is not beside this program", name);
        exit(EXIT_USAGE);
    }
}
#endif

/*
** GMP keeps its smaller temporaries on the stack (alloca).  Under an
** address-space limit (ulimit -v) the kernel cannot grow the stack and the
** process dies of SIGSEGV inside GMP, where no allocation function is
** asked: measured with an exact correlated solve at 41700-42300 KiB, and
** once without containment at 38200 KiB.  So under such a limit the
** stack's first STACK_GROW bytes are touched before any work: the stack
** mapping then stays that large, and GMP's temporaries (64 KiB at most
** per block) fit in it.
*/
#define STACK_GROW ((size_t)1 << 20)
static void __attribute__((noinline)) touch_stack(void)
{
    volatile char buf[STACK_GROW];
    for (size_t i = 0; i < sizeof buf; i += 4096)
        buf[i] = 0;
    buf[sizeof buf - 1] = 0;
}

/* Grow the stack under an address-space limit, if the limit leaves
** room: a mapping of the same size is tried first (touching the stack
** without room would itself die of SIGSEGV).  Without a limit the stack
** grows as it needs and nothing is done (the touch costs about 4 ms of
** page faults on a loaded machine).  Returns 0, or -1 when there is no
** room. */
static int grow_stack(void)
{
    struct rlimit rl;
    void *probe;
    if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return 0;
    probe = mmap(NULL, STACK_GROW + 65536, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (probe == MAP_FAILED)
        return -1;
    munmap(probe, STACK_GROW + 65536);
    touch_stack();
    return 0;
}

int main(int argc, char **argv)
{
    unsigned cmd;
    cli c;
    int rc;

#ifndef EQ_MPI
    become_mpi(argv);
#endif
    sink_startup();
    if (argc < 2) {
        cli_usage(stderr, 0);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return print_info(0, 'h');
    if (strcmp(argv[1], "--version") == 0)
        return print_info(0, 'v');
    if (strcmp(argv[1], "--man") == 0)
        return print_info(0, 'm');
    if (strcmp(argv[1], "help") == 0)
        return help(argc - 2, argv + 2);
    if ((cmd = cli_command(argv[1])) == 0)
        return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
    /* The program owns its process, so GMP's memory functions are its to
    ** set: GMP's failures become "out of memory" (exit 2) rather than an
    ** abort.  Without room even for the reserve, there is no memory to
    ** run in. */
    if (grow_stack() != 0 || eq_gmp_contain(EQ_GMP_RESERVE) != EQ_OK) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    rc = cli_parse(&c, cmd, argv[1], argc - 2, argv + 2);
    if (rc == 0 && c.help)
        rc = print_info(cmd, 'h');
    else if (rc == 0) {
        for (int i = 0; i < cli_ncommands; i++)
            if (cli_commands[i].bit == cmd)
                rc = cli_commands[i].run(&c);
    }
    cli_free(&c);
    return rc;
}
