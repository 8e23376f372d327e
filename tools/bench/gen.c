/*
** gen.c -- a seeded generator of random games for benchmarks.
**
**   eqgen TYPE M N SEED OUT.nfg [OUT.lrs | OUT.lp]
**   eqgen uniform3 K1 K2 K3 SEED OUT.nfg
**
** TYPE is one of
**   uniform       integer payoffs drawn uniformly from [0, 99] for both;
**   covariant     B = rho A + sqrt(1 - rho^2) Z with rho = -0.5 (GAMUT's
**                 covariant game), rounded to integers in about [-99, 99];
**   coordination  B = A, uniform in [0, 99] (many pure equilibria);
**   zerosum       A uniform in [-99, 99], B = -A;
**   cyclic        M = N odd, no randomness (SEED ignored): action i beats
**                 the (N - 1) / 2 actions after it, cyclically (1 to the
**                 winner, -1 to the loser, 0 on a tie), zero-sum; its
**                 correlated LP's optimal bases hold all N^2 profiles;
**   uniform3      three players with K1, K2, K3 actions, every payoff
**                 drawn uniformly from [0, 99].
** The same arguments always give the same game (splitmix64 generator).
** OUT.lrs, when given, receives the game in lrsnash's input format; a
** name ending in .lp instead receives the row player's maximin LP in
** CPLEX LP format, for glpsol (glpk-utils): the natural formulation
**     max v  s.t.  sum_i A[i][j] x_i - v >= 0 (each column j),
**                  sum_i x_i = 1,  x >= 0,  v free,
** the one equilib gave GLPK before its dense simplex (there on payoffs
** mapped to [1, 2], a change of v that keeps the same bases).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "equilib.h"

static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static double uniform01(uint64_t *s) { return (double)(next(s) >> 11) * 0x1.0p-53; }

static int uniform_int(uint64_t *s, int lo, int hi)
{
    return lo + (int)(next(s) % (uint64_t)(hi - lo + 1));
}

/* A standard normal deviate (Box-Muller). */
static double normal(uint64_t *s)
{
    double u = uniform01(s), v = uniform01(s);
    if (u < 1e-300)
        u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(2.0 * 3.14159265358979323846 * v);
}

static int usage(void)
{
    fprintf(stderr, "usage: eqgen uniform|covariant|coordination|zerosum|cyclic M N SEED OUT.nfg [OUT.lrs|OUT.lp]\n"
                    "       eqgen uniform3 K1 K2 K3 SEED OUT.nfg\n");
    return 2;
}

/* eqgen uniform3 K1 K2 K3 SEED OUT.nfg: a three-player game, payoffs
** uniform integers in [0, 99], drawn profile by profile, player by player
** (row-major profile order, see equilib.h). */
static int uniform3(char **argv)
{
    int k[3];
    uint64_t seed = strtoull(argv[5], NULL, 10);
    eq_game *g = NULL;
    char title[160];
    for (int p = 0; p < 3; p++) {
        k[p] = atoi(argv[2 + p]);
        if (k[p] < 1 || k[p] > 200)
            return usage();
    }
    if (eq_game_new(&g, 3, k) != EQ_OK)
        return 1;
    seed = seed * 0x2545f4914f6cdd1du + 0x1234567u;
    for (size_t i = 0; i < eq_game_profiles(g); i++)
        for (int p = 0; p < 3; p++)
            eq_game_payoffs_mut(g, p)[i] = uniform_int(&seed, 0, 99);
    snprintf(title, sizeof title, "uniform3 %dx%dx%d seed %s", k[0], k[1], k[2], argv[5]);
    eq_game_set_title(g, title);
    if (eq_game_save_nfg(g, argv[6]) != EQ_OK) {
        fprintf(stderr, "eqgen: cannot write %s\n", argv[6]);
        eq_game_free(g);
        return 1;
    }
    eq_game_free(g);
    return 0;
}

/* The row player's maximin LP of g in CPLEX LP format (see the top). */
static int write_lp(const eq_game *g, const char *path)
{
    int m = eq_game_actions(g, 0), n = eq_game_actions(g, 1);
    const double *A = eq_game_payoffs(g, 0);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    fprintf(f, "\\ maximin LP of %s\nMaximize\n obj: v\nSubject To\n", eq_game_title(g));
    for (int j = 0; j < n; j++) {
        fprintf(f, " c%d:", j + 1);
        for (int i = 0; i < m; i++)
            if (A[i * n + j] != 0.0)
                fprintf(f, " %+.17g x%d%s", A[i * n + j], i + 1, i % 8 == 7 ? "\n   " : "");
        fprintf(f, " - v >= 0\n");
    }
    fprintf(f, " sum:");
    for (int i = 0; i < m; i++)
        fprintf(f, " + x%d%s", i + 1, i % 16 == 15 ? "\n   " : "");
    fprintf(f, " = 1\nBounds\n v free\nEnd\n");
    return fclose(f) == 0 ? 0 : -1;
}

/* Whether s ends with suffix. */
static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

int main(int argc, char **argv)
{
    int k[2], m, n;
    uint64_t seed;
    eq_game *g = NULL;
    const char *type;
    char title[128];

    if (argc == 7 && strcmp(argv[1], "uniform3") == 0)
        return uniform3(argv);
    if (argc != 6 && argc != 7)
        return usage();
    type = argv[1];
    m = atoi(argv[2]);
    n = atoi(argv[3]);
    seed = strtoull(argv[4], NULL, 10);
    if (m < 1 || n < 1 || m > 2000 || n > 2000)
        return usage();
    if (strcmp(type, "cyclic") == 0 && (m != n || m % 2 == 0))
        return usage();
    k[0] = m;
    k[1] = n;
    if (eq_game_new(&g, 2, k) != EQ_OK)
        return 1;
    seed = seed * 0x2545f4914f6cdd1du + 0x1234567u;
    {
        double *A = eq_game_payoffs_mut(g, 0), *B = eq_game_payoffs_mut(g, 1);
        for (int i = 0; i < m * n; i++) {
            if (strcmp(type, "uniform") == 0) {
                A[i] = uniform_int(&seed, 0, 99);
                B[i] = uniform_int(&seed, 0, 99);
            } else if (strcmp(type, "covariant") == 0) {
                const double rho = -0.5;
                double a = normal(&seed), z = normal(&seed);
                A[i] = round(33.0 * a);
                B[i] = round(33.0 * (rho * a + sqrt(1 - rho * rho) * z));
            } else if (strcmp(type, "coordination") == 0) {
                A[i] = B[i] = uniform_int(&seed, 0, 99);
            } else if (strcmp(type, "zerosum") == 0) {
                A[i] = uniform_int(&seed, -99, 99);
                B[i] = -A[i];
            } else if (strcmp(type, "cyclic") == 0) {
                /* payoffs row-major: row action i / n, column i % n */
                int d = ((i % n - i / n) % n + n) % n;
                A[i] = d == 0 ? 0 : d <= (n - 1) / 2 ? 1 : -1;
                B[i] = -A[i];
            } else {
                eq_game_free(g);
                return usage();
            }
        }
    }
    snprintf(title, sizeof title, "%s %dx%d seed %s", type, m, n, argv[4]);
    eq_game_set_title(g, title);
    if (eq_game_save_nfg(g, argv[5]) != EQ_OK) {
        fprintf(stderr, "eqgen: cannot write %s\n", argv[5]);
        eq_game_free(g);
        return 1;
    }
    if (argc == 7 && ends_with(argv[6], ".lp")) {
        if (write_lp(g, argv[6]) != 0) {
            fprintf(stderr, "eqgen: cannot write %s\n", argv[6]);
            eq_game_free(g);
            return 1;
        }
    } else if (argc == 7) {
        FILE *f = fopen(argv[6], "w");
        if (f == NULL) {
            fprintf(stderr, "eqgen: cannot write %s\n", argv[6]);
            eq_game_free(g);
            return 1;
        }
        fprintf(f, "%d %d\n", m, n);
        for (int p = 0; p < 2; p++) {
            fputc('\n', f);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    fprintf(f, "%.0f%c", eq_game_payoffs(g, p)[i * n + j],
                            j + 1 == n ? '\n' : ' ');
        }
        fclose(f);
    }
    eq_game_free(g);
    return 0;
}
