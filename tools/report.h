/*
** report.h -- what the files of `equilib report` share (report.c: set-up,
** the paper table, the thresholds and the command; report_robust.c: the
** timing contrast over the delay, the ranking of the options and the
** claims with their robustness shares).  Private to the program.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_TOOLS_REPORT_H
#define EQUILIB_TOOLS_REPORT_H

#include <stdio.h>

#include "cli.h"
#include "out_json.h"
#include "out_table.h"

/* One model of the report. */
typedef struct rmodel {
    const char *file;
    eq_model *m;
    eq_analysis *a;
    double *base;          /* the baseline: defaults and -p values */
    double *vals;          /* scratch: base with a combination's choices */
    int *choice;           /* the enumerated parameters varied */
    int nchoice;
    long ncombo;           /* combinations of their choices */
    int given;             /* the given node of "once in force", -1: none */
    int sub;               /* --sub, -1: the model's */
} rmodel;

/* The whole report: its models and the union of their classes. */
typedef struct report {
    const cli *c;
    rmodel *rm;
    int n;
    const char **cls;      /* class names, borrowed from the models */
    int ncls;
    fmt kind;
    FILE *f;
    int rc;
    long tex_rows;         /* rows of the current LaTeX thresholds table */
} report;

static inline int rep_maxi(int a, int b)
{
    return a > b ? a : b;
}

/* Whether "NAME=VALUE" or "NAME=LO:HI" (or a bare NAME) names name. */
int rep_names(const char *spec, const char *name);
/* The arrow between before and after: LaTeX's fonts have no ">". */
const char *rep_arrow(fmt kind);
/* Set rm's scratch values to combination i of its choices (the first
** choice parameter varying slowest) and return them. */
double *rep_combo_values(rmodel *rm, long i);
/* A LaTeX heading line above a model's table: before (raw LaTeX), then
** the title and more, escaped, in bold. */
void rep_tex_heading(FILE *f, const char *before, const char *title, const char *more);
/* A number for people, 4 significant digits, written into buf (as
** num_human_buf). */
const char *rep_num4(double v, char *buf);
/* The probability of each class at pt (g >= 0: from given node g on). */
cJSON *rep_classes_json(const rmodel *rm, const eq_point *pt, int g);
/* The path in words of pt's selected equilibrium. */
const char *rep_point_path(const eq_point *pt);

/* report_robust.c: the timing contrast over the delay and the ranking and
** claims sections, in r's format, into r->f or the JSON writer w. */
void rep_contrast(report *r, jw *w);
void rep_robustness(report *r, jw *w);

/* report_beliefs.c: the beliefs of pt's equilibrium at its sets of more
** than one node, where its concept gives an assessment: text lines under
** a combination, one line of words (CSV: the sets apart by " | ";
** cleared when there are none),
** and JSON (null when there are none). */
void rep_beliefs_text(FILE *f, const eq_point *pt);
void rep_beliefs_words(const eq_point *pt, sbuf *b);
cJSON *rep_beliefs_json(const eq_point *pt);
/* The same as a table (Markdown, LaTeX), one row per set: open it (with a
** model column or not; -1 for lack of memory), add each point's rows, and
** close it, which writes it to f under a heading (LaTeX: title's) when it
** has rows. */
typedef struct rep_btab {
    FILE *mem;
    char *buf;
    size_t len;
    table t;
    fmt kind;
    int with_model;
    long rows;
} rep_btab;
int rep_btab_open(rep_btab *bt, fmt kind, int with_model);
void rep_btab_add(rep_btab *bt, const char *model, const char *combo, const eq_point *pt);
void rep_btab_close(rep_btab *bt, FILE *f, const char *title);

#endif
