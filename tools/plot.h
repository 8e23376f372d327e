/*
** plot.h -- the figures of `equilib sweep --plot FILE` (plot.c).
**
** A sweep with --plot keeps what a figure needs of each row (plot_add)
** while it prints its table, then draws and writes the figure
** (plot_close).  One interval parameter among the axes gives a line plot
** of an outcome class's probability, one line per combination of the
** other (named-choice) axes; two give a regime map.  Built without PLplot,
** plot_open fails with a message.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_PLOT_H
#define EQUILIB_PLOT_H

#include "cli.h"

typedef struct plot plot;

/* Check c->plot against the sweep a of model m (the axes suit a figure,
** the class exists, the file is no input and a temporary file can be
** made beside it), before any point is solved.  *out: NULL when c has no
** --plot.  Returns 0 or an exit status after a message. */
int plot_open(plot **out, const cli *c, const eq_model *m, const eq_analysis *a);
/* Keep a sweep's row: its grid index, its path ("" when the solve
** failed) and its class probabilities.  Never fails; NULL p: nothing. */
void plot_add(plot *p, long long index, const char *path, const double *cls);
/* Draw the figure and write it atomically (when rc is 0; else only remove
** the temporary file), and free p.  Returns rc, or EXIT_USAGE after a
** message.  NULL p: returns rc. */
int plot_close(plot *p, int rc);

#endif
