/* support.c -- helpers shared by the test suites. */
#include <criterion/criterion.h>
#include "support.h"

eq_game *t_bimatrix(int m, int n, const double *A, const double *B)
{
    int k[2] = { m, n };
    eq_game *g = NULL;
    cr_assert_eq(eq_game_new(&g, 2, k), EQ_OK);
    for (int i = 0; i < m * n; i++) {
        eq_game_payoffs_mut(g, 0)[i] = A[i];
        eq_game_payoffs_mut(g, 1)[i] = B[i];
    }
    return g;
}
