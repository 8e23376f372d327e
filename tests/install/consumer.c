/*
** consumer.c -- a program that uses the installed library, built three
** ways by tests/install.sh: through the CMake package, through pkg-config
** against the shared library, and through pkg-config fully static.
**
** It solves the zero-sum game
**              left  right
**     top        3    -1
**     bottom    -2     1
** No pure saddle point (row minima -1, -2; column maxima 3, 1), so both
** mix.  Row plays top with p making the column player indifferent:
** 3p - 2(1 - p) = -p + (1 - p), so 7p = 3, p = 3/7, and the value is
** 5p - 2 = 1/7.  Column plays left with q: 3q - (1 - q) = -2q + (1 - q),
** q = 2/7.  Exits 0 when the library agrees, 1 otherwise.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>

#include <equilib.h>

int main(void)
{
    static const double A[2][2] = { { 3, -1 }, { -2, 1 } };
    const int acts[2] = { 2, 2 };
    eq_game *g = NULL;
    eq_result *r = NULL;
    eq_solve_opts o;
    int ok;

    if (eq_game_new(&g, 2, acts) != EQ_OK)
        return 1;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            const int prof[2] = { i, j };
            eq_game_set_payoff(g, 0, prof, A[i][j]);
            eq_game_set_payoff(g, 1, prof, -A[i][j]);
        }
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_ZEROSUM;
    if (eq_solve(g, &o, &r) != EQ_OK || eq_result_count(r) != 1) {
        fprintf(stderr, "consumer: %s\n", r ? eq_result_errmsg(r) : "no result");
        return 1;
    }
    ok = fabs(eq_result_value(r) - 1.0 / 7) < 1e-9 &&
         fabs(eq_result_strategy(r, 0, 0)[0] - 3.0 / 7) < 1e-9 &&
         fabs(eq_result_strategy(r, 0, 1)[0] - 2.0 / 7) < 1e-9;
    printf("equilib %s: value %.6f, row top %.6f, column left %.6f: %s\n",
           eq_version(), eq_result_value(r), eq_result_strategy(r, 0, 0)[0],
           eq_result_strategy(r, 0, 1)[0], ok ? "ok" : "WRONG");
    eq_result_free(r);
    eq_game_free(g);
    return ok ? 0 : 1;
}
