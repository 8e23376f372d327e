/*
** gen_n.c -- a seeded generator of random n-player games for benchmarks.
**
**   eqgen_n SEED OUT.nfg K1 K2 ... Kn
**
** Player p has Kp actions; every payoff of every player is an integer drawn
** uniformly from [0, 99].  The same arguments always give the same game
** (splitmix64 generator, seeded as in gen.c).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "equilib.h"

static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static int usage(void)
{
    fprintf(stderr, "usage: eqgen_n SEED OUT.nfg K1 K2 ... Kn  (1 <= n <= %d)\n",
            EQ_MAX_PLAYERS);
    return 2;
}

int main(int argc, char **argv)
{
    int n = argc - 3, k[EQ_MAX_PLAYERS];
    uint64_t seed;
    eq_game *g = NULL;
    char title[128];
    eq_status s;

    if (n < 1 || n > EQ_MAX_PLAYERS)
        return usage();
    seed = strtoull(argv[1], NULL, 10);
    for (int p = 0; p < n; p++) {
        k[p] = atoi(argv[3 + p]);
        if (k[p] < 1 || k[p] > 1000)
            return usage();
    }
    if ((s = eq_game_new(&g, n, k)) != EQ_OK) {
        fprintf(stderr, "eqgen_n: %s\n", eq_status_string(s));
        return 1;
    }
    seed = seed * 0x2545f4914f6cdd1du + 0x1234567u;
    for (int p = 0; p < n; p++) {
        double *u = eq_game_payoffs_mut(g, p);
        for (size_t i = 0; i < eq_game_profiles(g); i++)
            u[i] = (double)(next(&seed) % 100u);
    }
    snprintf(title, sizeof title, "uniform %d-player seed %s", n, argv[1]);
    eq_game_set_title(g, title);
    if (eq_game_save_nfg(g, argv[2]) != EQ_OK) {
        fprintf(stderr, "eqgen_n: cannot write %s\n", argv[2]);
        eq_game_free(g);
        return 1;
    }
    eq_game_free(g);
    return 0;
}
