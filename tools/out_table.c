/*
** out_table.c -- CSV, Markdown and LaTeX tables from the same rows.  The
** rules of each format are in out_table.h.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _POSIX_C_SOURCE 200809L   /* strdup */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "out_table.h"

/* CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF. */
static void csv_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* Markdown cell: "|" and "\" escaped, line breaks as spaces. */
static void md_cell(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|' || *s == '\\')
            fputc('\\', f);
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
    }
}

/* LaTeX text: the ten special characters escaped; a line may break after
** "/" and "_" (file and action names in narrow columns); "-" stays a
** hyphen. */
static void tex_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': case '%': case '$': case '#': case '{': case '}':
            fprintf(f, "\\%c", *s);
            break;
        case '_': fputs("\\_\\allowbreak\\hspace{0pt}", f); break;   /* long names */
        case '~': fputs("\\textasciitilde{}", f); break;
        case '^': fputs("\\textasciicircum{}", f); break;
        case '\\': fputs("\\textbackslash{}", f); break;
        case '<': fputs("\\textless{}", f); break;
        case '>': fputs("\\textgreater{}", f); break;
        case '|': fputs("\\textbar{}", f); break;
        case '/': fputs("/\\allowbreak{}", f); break;
        case '\n': case '\r': fputc(' ', f); break;
        default: fputc(*s, f);
        }
    }
}

/* A number in LaTeX: $-$ for the minus sign, m$\times10^{e}$ for an
** exponent, with a break allowed before the times sign (a certificate
** like 8.327e-16 is wider than a narrow number column). */
static void tex_num(FILE *f, const char *num)
{
    const char *e = strchr(num, 'e');
    if (*num == '-') {
        fputs("$-$", f);
        num++;
    }
    if (e == NULL) {
        fputs(num, f);
        return;
    }
    fprintf(f, "%.*s\\allowbreak{}$\\times10^{%d}$", (int)(e - num), num,
            atoi(e + 1));
}

/* Column i's kind: 'p', 'l' or 'r'. */
static char kind_of(const table *t, int i)
{
    return t->spec != NULL && t->spec[i] != '\0' ? t->spec[i] : 'l';
}

/* A LaTeX column's share of the line, by kind: long text 3, short text
** 1.5, number 1.25, and 2 for text or numbers under a long heading. */
static double weight(char kind)
{
    return kind == 'p' ? 3.0 : kind == 'l' ? 1.5 : kind == 'r' ? 1.25 : 2.0;
}

static int numeric(char kind)
{
    return kind == 'r' || kind == 'R';
}

static void cell_start(table *t)
{
    assert(t->col < t->ncols);
    if (t->kind == FMT_CSV)
        fputs(t->col ? "," : "", t->f);
    else if (t->kind == FMT_MD)
        fputs(t->col ? " | " : "| ", t->f);
    else {
        fputs(t->col ? " & " : "", t->f);
        /* Ragged text reads better in narrow columns; the row ends with
        ** \tabularnewline, which \raggedright leaves alone.  \hspace{0pt}
        ** lets TeX hyphenate a cell's first word, as it never does the
        ** first word of a paragraph. */
        fputs(numeric(kind_of(t, t->col)) ? "\\raggedleft\\hspace{0pt}"
                                        : "\\raggedright\\hspace{0pt}", t->f);
    }
}

static void put_text(table *t, const char *s)
{
    if (t->kind == FMT_CSV)
        csv_field(t->f, s);
    else if (t->kind == FMT_MD)
        md_cell(t->f, s);
    else
        tex_text(t->f, s);
}

void tab_begin(table *t, FILE *f, fmt kind, int ncols, const char *const *header,
               const char *spec)
{
    assert(ncols > 0);
    assert(spec == NULL || strlen(spec) >= (size_t)ncols);
    t->f = f;
    t->kind = kind;
    t->ncols = ncols;
    t->col = 0;
    t->spec = spec;
    if (kind == FMT_TEX) {
        /* Column widths in proportion to their kind, summing to the
        ** line's width once the padding between columns is taken off;
        ** small type and 4pt padding, in a group, so that eight columns
        ** fit a page. */
        double w = 0;
        for (int i = 0; i < ncols; i++)
            w += weight(kind_of(t, i));
        fputs("{\\small\\setlength{\\tabcolsep}{4pt}%\n\\begin{tabular}{@{}", f);
        for (int i = 0; i < ncols; i++)
            fprintf(f, "p{\\dimexpr%.4f\\linewidth-%s\\tabcolsep\\relax}",
                    floor(weight(kind_of(t, i)) / w * 1e4) / 1e4, /* sum <= 1 */
                    i == 0 || i == ncols - 1 ? "1" : "2");
        fputs("@{}}\n\\toprule\n", f);
    }
    for (int i = 0; i < ncols; i++) {
        /* For people, "payoff_exact" reads "payoff exact", and can break. */
        char *h = kind == FMT_CSV ? NULL : strdup(header[i]);
        for (char *p = h; p != NULL && *p; p++)
            if (*p == '_')
                *p = ' ';
        tab_str(t, h ? h : header[i]);
        free(h);
    }
    tab_end_row(t);
    if (kind == FMT_MD) {
        for (int i = 0; i < ncols; i++)
            fputs(numeric(kind_of(t, i)) ? "|---:" : "|---", f);
        fputs("|\n", f);
    } else if (kind == FMT_TEX) {
        fputs("\\midrule\n", f);
    }
}

void tab_str(table *t, const char *s)
{
    if (s == NULL) {
        tab_empty(t);
        return;
    }
    cell_start(t);
    put_text(t, s);
    t->col++;
}

void tab_num(table *t, double v)
{
    char buf[32];
    if (!isfinite(v)) {
        tab_empty(t);
        return;
    }
    cell_start(t);
    if (t->kind == FMT_CSV)
        fputs(num_repr(v, buf), t->f);
    else if (t->kind == FMT_MD)
        fputs(num_human_buf(v, 4, buf), t->f);
    else
        tex_num(t->f, num_human_buf(v, 4, buf));
    t->col++;
}

void tab_int(table *t, long v)
{
    cell_start(t);
    if (t->kind == FMT_TEX && v < 0)
        fprintf(t->f, "$-$%ld", -v);
    else
        fprintf(t->f, "%ld", v);
    t->col++;
}

void tab_empty(table *t)
{
    cell_start(t);
    if (t->kind == FMT_MD)
        fputs("–", t->f);
    else if (t->kind == FMT_TEX)
        fputs("--", t->f);
    t->col++;
}

void tab_end_row(table *t)
{
    assert(t->col == t->ncols);   /* one header, the same columns in every row */
    if (t->kind == FMT_MD)
        fputs(" |\n", t->f);
    else if (t->kind == FMT_TEX)
        fputs(" \\tabularnewline\n", t->f);
    else
        fputc('\n', t->f);
    t->col = 0;
}

void tab_end(table *t)
{
    if (t->kind == FMT_TEX)
        fputs("\\bottomrule\n\\end{tabular}}%\n", t->f);   /* no space after it */
}
