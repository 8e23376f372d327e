/*
** threads.c -- the embedding tests of test_embed.c as a plain program,
** without Criterion, whose runner cannot start under ThreadSanitizer
** (BoxFort's arena cannot be mapped in TSan's address space layout).
** tools/test.sh builds it with -DEQ_TSAN=ON and runs it; ctest runs it in
** every build.  Exits 0 when everything holds; prints what failed
** otherwise.
**
**   threads [THREADS [ROUNDS]]      default 4 threads, 10 rounds each
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdio.h>
#include <stdlib.h>

#include "embed_rounds.h"

static int failed;

static void check(int ok, const char *what, const char *err)
{
    printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", what, ok ? "" : ": ", ok ? "" : err);
    failed |= !ok;
}

int main(int argc, char **argv)
{
    int nthreads = argc > 1 ? atoi(argv[1]) : 4, rounds = argc > 2 ? atoi(argv[2]) : 10;
    char err[256] = "";
    er_answers a;
    er_host h;
    glp_prob *P;

    if (nthreads < 1 || rounds < 1) {
        fprintf(stderr, "usage: threads [THREADS [ROUNDS]]\n");
        return 2;
    }
    if (!er_setup(err, sizeof err)) {
        check(0, "setup", err);
        return 1;
    }
    /* One thread, as a GLPK host: answers by hand, host state intact. */
    P = er_host_setup(&h, 3);
    check(er_round(&a, err, sizeof err) && er_by_hand(&a, err, sizeof err),
          "one thread, as a GLPK host: the answers derived by hand", err);
    check(er_host_intact(&h, P, 3, err, sizeof err), "the host's GLPK state survives", err);
    check(er_threads(nthreads, rounds, 0, err, sizeof err),
          "threads solve at once, each as one thread does", err);
    check(er_threads(nthreads, rounds, 1, err, sizeof err),
          "threads, half of them GLPK hosts, solve at once", err);
    er_teardown();
    return failed;
}
