/* support.h -- helpers shared by the test suites. */
#ifndef EQ_TEST_SUPPORT_H
#define EQ_TEST_SUPPORT_H
#include "equilib.h"
/* A bimatrix game from row-major m x n payoff arrays. Aborts the test on failure. */
eq_game *t_bimatrix(int m, int n, const double *A, const double *B);
#endif
