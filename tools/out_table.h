/*
** out_table.h -- the one table writer of the command-line program: CSV,
** Markdown and LaTeX from the same rows, one row at a time, so a long
** table streams.
**
**   table t;  tab_begin(&t, f, FMT_CSV, ncols, header, spec);
**   tab_str(&t, "x"); tab_num(&t, 0.5); ... tab_end_row(&t);  ...
**   tab_end(&t);
**
** CSV (RFC 4180): one header line, then one line per row, every line of
** the same number of fields, ended by LF; a field is quoted when it holds
** a comma, a double quote, CR or LF, with its double quotes doubled.
** Numbers are the shortest decimal that reads back to the same double;
** a value that is not finite, or missing, is an empty field.
** Markdown: a pipe table; "|" and "\" in cells are escaped with "\", line
** breaks become spaces; numbers to 4 significant digits, "–" when missing.
** LaTeX: a tabular of p{} columns whose widths sum to \linewidth, in
** small type with 4pt between columns (inside a group), with
** booktabs rules (\toprule, \midrule, \bottomrule) and nothing else: it
** compiles in a document whose preamble loads booktabs alone.  Text is
** escaped (& % $ # _ { } ~ ^ \), minus signs are $-$, numbers to 4
** significant digits, "--" when missing.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_OUT_TABLE_H
#define EQUILIB_OUT_TABLE_H

#include <stdio.h>

#include "cli.h"

typedef struct table {
    FILE *f;
    fmt kind;                 /* FMT_CSV, FMT_MD or FMT_TEX */
    int ncols, col;
    const char *spec;         /* per column: 'p' long text, 'l' short
                                 text, 'r' number, 'L' and 'R' the same
                                 under a long heading; borrowed; NULL:
                                 all 'l' */
} table;

/* Start a table of ncols columns with these headings; spec gives each
** column's kind (NULL: all 'l'; borrowed until tab_end). */
void tab_begin(table *t, FILE *f, fmt kind, int ncols, const char *const *header,
               const char *spec);
void tab_str(table *t, const char *s);      /* NULL: missing */
void tab_num(table *t, double v);           /* not finite: missing */
void tab_int(table *t, long v);
void tab_empty(table *t);
void tab_end_row(table *t);
void tab_end(table *t);

#endif
