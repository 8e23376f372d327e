/*
** runtime.c -- run a command several times and print the medians of its
** wall-clock time and of its CPU time (user + system, of the command and
** its threads), in milliseconds, its output discarded.
**
**   eqrun REPS CMD [ARG...]
**
** Prints "wall_ms cpu_ms" and exits 0, or 1 if some run did not exit 0
** (the times are printed all the same).  On a machine shared with other
** jobs the CPU time is the steadier figure: it leaves out the time the
** command waits for a processor, though not the cache misses the others
** cause.  A parallel command's CPU time is the sum over its threads, so
** only the wall-clock time shows a speed-up.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "median.h"

int main(int argc, char **argv)
{
    int reps = argc > 2 ? atoi(argv[1]) : 0, failed = 0;
    double *wall, *cpu;

    if (reps < 1) {
        fprintf(stderr, "usage: eqrun REPS CMD [ARG...]\n");
        return 2;
    }
    wall = malloc((size_t)reps * sizeof *wall);
    cpu = malloc((size_t)reps * sizeof *cpu);
    if (wall == NULL || cpu == NULL)
        return 2;
    for (int i = 0; i < reps; i++) {
        struct timespec a, b;
        struct rusage ru;
        int status = 0;
        pid_t pid;
        clock_gettime(CLOCK_MONOTONIC, &a);
        if ((pid = fork()) < 0) {
            perror("eqrun: fork");
            return 2;
        }
        if (pid == 0) {
            int fd = open("/dev/null", O_WRONLY);
            if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
                _exit(126);
            execvp(argv[2], argv + 2);
            _exit(127);
        }
        if (wait4(pid, &status, 0, &ru) < 0) {
            perror("eqrun: wait4");
            return 2;
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
        wall[i] = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
        cpu[i] = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                 (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    }
    printf("%.2f %.2f\n", median(wall, reps), median(cpu, reps));
    free(wall);
    free(cpu);
    return failed;
}
