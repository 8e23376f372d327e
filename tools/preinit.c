/*
** preinit.c -- under a memory limit, the equilib program runs with one
** OpenBLAS thread, chosen before OpenBLAS starts.
**
** OpenBLAS (Debian's pthreads build) starts a pool of threads from its
** constructor, as soon as it is loaded and before main, one fewer than
** the machine has cores, and each thread maps a 128 MiB work buffer.  The
** program needs none of them: the library runs its BLAS calls on the
** calling thread (solver/blas.h).  Under an address-space limit (ulimit
** -v) they are worse than useless: a worker whose buffer cannot be mapped
** retries for ever, burning a core, and the process hangs when it exits,
** as OpenBLAS's destructor waits for that worker.  Even `equilib
** --version` never returned under `ulimit -v 60000`.
**
** OpenBLAS reads OPENBLAS_NUM_THREADS in that constructor, so the variable
** must be in the environment the process starts with: setenv() from here
** would not last, as the C library sets up `environ` afresh after this
** runs.  So, when the process has a limit on its address space or data
** (RLIMIT_AS, RLIMIT_DATA) and the variable is not set, the program
** executes itself again at once with OPENBLAS_NUM_THREADS=1 added: one
** exec (a few milliseconds) only under a limit.  This runs from the
** executable's .preinit_array, before any shared library's constructor,
** so OpenBLAS never starts its pool in the first image either.  If the
** exec fails the program simply goes on.  A value the user has set is
** kept.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _DEFAULT_SOURCE
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define VAR "OPENBLAS_NUM_THREADS"
#define MAX_ENV 4096            /* larger environments are left alone */

static int limited(int resource)
{
    struct rlimit rl;
    return getrlimit(resource, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY;
}

static void one_blas_thread(int argc, char **argv, char **envp)
{
    static char setting[] = VAR "=1";
    static char self[4096];
    char *env[MAX_ENV + 2];
    ssize_t len;
    int n = 0;

    (void)argc;
    if (argv == NULL || envp == NULL ||
        (!limited(RLIMIT_AS) && !limited(RLIMIT_DATA)))
        return;
    for (; envp[n] != NULL; n++) {
        if (strncmp(envp[n], VAR "=", sizeof VAR) == 0 || n == MAX_ENV)
            return;             /* set by the user, or too many to copy */
        env[n] = envp[n];
    }
    env[n] = setting;
    env[n + 1] = NULL;
    /* The program's own path rather than /proc/self/exe itself, which
    ** under a tool such as valgrind names the tool. */
    len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len > 0) {
        self[len] = '\0';
        execve(self, argv, env);
    }
    /* Still here: the exec failed; go on as we are. */
}

#if defined(__ELF__) && defined(__GNUC__) && defined(__linux__)
__attribute__((section(".preinit_array"), used))
static void (*const preinit_one_blas_thread)(int, char **, char **) = one_blas_thread;
#endif
