/*
** loadavg.h -- the machine's load average, printed by the benchmarks
** beside their medians (tools/bench/sweep.c, tools/bench/pbe_sweep.c).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_BENCH_LOADAVG_H
#define EQUILIB_BENCH_LOADAVG_H

#include <stdio.h>

/* Print "load average WHEN: " and /proc/loadavg's line ("?" without it). */
static inline void bench_load(const char *when)
{
    char buf[128] = "?";
    FILE *f = fopen("/proc/loadavg", "r");
    if (f != NULL) {
        if (fgets(buf, sizeof buf, f) == NULL)
            snprintf(buf, sizeof buf, "?\n");
        fclose(f);
    }
    printf("load average %s: %s", when, buf);
}

#endif
