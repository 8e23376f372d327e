/*
** stop.c -- stopping long commands: --time-limit, --max-pivots and
** --max-vertices as the library's eq_limits, SIGINT as its cancellation
** callback, and the line that marks an output as incomplete.
**
** The first SIGINT only sets a flag (a volatile sig_atomic_t, the one
** thing a handler may safely write) that the library polls through the
** callback; the command then prints what it has, marked incomplete, and
** exits with status 1.  The handler is installed with SA_RESETHAND, so a
** second SIGINT meets the default action and kills the process as usual.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _POSIX_C_SOURCE 200809L      /* sigaction */
#include <signal.h>
#include <string.h>

#include "cli.h"

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

int cli_interrupted(void)
{
    return interrupted != 0;
}

static int poll_interrupt(void *ud)
{
    (void)ud;
    return interrupted != 0;
}

void cli_limits(const cli *c, eq_limits *l)
{
    static int installed;
    eq_limits_init(l);
    l->cancel = poll_interrupt;
    l->time_limit = c->time_limit;
    l->max_pivots = c->max_pivots;
    l->max_vertices = c->max_vertices;
    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigint;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = (int)SA_RESETHAND;   /* a second SIGINT kills */
        sigaction(SIGINT, &sa, NULL);
        installed = 1;
    }
}

const char *cli_stop_reason(const char *msg)
{
    if (interrupted)
        return "interrupted (SIGINT)";
    return msg != NULL && msg[0] ? msg : "stopped";
}

void cli_mark_incomplete(FILE *f, fmt kind, const char *why)
{
    switch (kind) {
    case FMT_TEXT: fprintf(f, "INCOMPLETE: %s\n", why); break;
    case FMT_CSV: fprintf(f, "# INCOMPLETE: %s\n", why); break;
    case FMT_MD: fprintf(f, "\n**Incomplete:** %s\n", why); break;
    case FMT_TEX: fprintf(f, "%% INCOMPLETE: %s\n", why); break;
    case FMT_JSON: break;             /* "complete": false says it */
    }
}
