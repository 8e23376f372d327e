/*
** exact.c -- exact rational evaluation of a model's conditions.
** PROVISIONAL: needs the model's internals (waiting for the split of
** model.c); no breakpoint is verified yet.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include "sens.h"

int eqi_exact_root(const eq_model *m, const double *values, int k, double root,
                   double width, unsigned long maxden, const eqi_cond *c,
                   const int *off, double *value, char **frac)
{
    (void)m; (void)values; (void)k; (void)root; (void)width; (void)maxden;
    (void)c; (void)off; (void)value; (void)frac;
    return -1;
}
