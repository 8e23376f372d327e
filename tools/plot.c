/*
** plot.c -- the figures of `equilib sweep --plot FILE.svg|.pdf|.png`,
** drawn by PLplot's cairo devices (svgcairo, pdfcairo, pngcairo).
**
** Two kinds, chosen by the sweep's axes:
**   - one interval parameter (plus any named choices): a line plot of one
**     outcome class's probability over the parameter, one line per
**     combination of the choices (colour by the first choices, dash by the
**     last), with a legend;
**   - two interval parameters (named choices fixed): a regime map.  Each
**     distinct equilibrium path is a regime with its own colour, named in
**     words in the legend.  Along every row and every column of the grid
**     where the regime changes between two neighbouring points, the
**     boundary is the breakpoint eq_model_breakpoints finds there (when
**     exactly one breakpoint there changes the path from the one regime
**     to the other; else the middle).  The regions are drawn as polygons
**     through those points (draw_quads), so the boundaries are exact on
**     every grid line and straight between them.  The baseline (the base
**     values of the two parameters) is marked with a point.
**
** The figure goes to a temporary file beside FILE, made before the sweep
** starts (so a folder that cannot be written fails at once), and is
** renamed over FILE once PLplot has written it.  PLplot keeps global state
** and may end the process on a fatal error: its exit handler removes the
** temporary file and the program exits with status 2.  The command line is
** single-threaded while it draws.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plot.h"

#ifdef EQ_HAVE_PLPLOT
#include <plplot.h>
#endif

/* Figures of more points than this are refused (a map of 2000 x 2000). */
#define PLOT_MAX_POINTS (1LL << 22)

typedef struct plot {
    const cli *c;
    const eq_model *m;
    const eq_analysis *a;
    char *path, *tmp;
    const char *device;       /* svgcairo, pdfcairo, pngcairo */
    int kind;                 /* 1: line plot, 2: regime map */
    int cls;                  /* the class of a line plot */
    int naxes;
    int jx, jy;               /* the interval axes (jy: -1 for a line plot) */
    long long npoints;
    double *y;                /* line plot: the class probability per point */
    int *regime;              /* map: the regime per point, -1: no row */
    char **paths;             /* map: regime r's path ("" for a failure) */
    int nregimes, capregimes;
    int oom;
} plot;

static void plot_free(plot *p)
{
    if (p == NULL)
        return;
    if (p->tmp)
        unlink(p->tmp);
    for (int r = 0; r < p->nregimes; r++)
        free(p->paths[r]);
    free(p->paths);
    free(p->y);
    free(p->regime);
    free(p->path);
    free(p->tmp);
    free(p);
}

#ifndef EQ_HAVE_PLPLOT

int plot_open(plot **out, const cli *c, const eq_model *m, const eq_analysis *a)
{
    (void)m, (void)a;
    *out = NULL;
    if (c->plot == NULL)
        return 0;
    cli_error("--plot %s: this equilib was built without PLplot (install libplplot-dev "
              "and plplot-driver-cairo, e.g. with tools/deps.sh, and build again)", c->plot);
    return EXIT_USAGE;
}

void plot_add(plot *p, long long index, const char *path, const double *cls)
{
    (void)p, (void)index, (void)path, (void)cls;
}

int plot_close(plot *p, int rc)
{
    plot_free(p);
    return rc;
}

#else

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Whether the values of axis j increase strictly. */
static int increasing(const eq_analysis *a, int j)
{
    for (int i = 1; i < eq_analysis_axis_points(a, j); i++)
        if (!(eq_analysis_axis_value(a, j, i) > eq_analysis_axis_value(a, j, i - 1)))
            return 0;
    return 1;
}

/* Which axes are interval parameters; sets kind, jx, jy.  Returns 0 or an
** exit status after a message. */
static int plot_axes(plot *p)
{
    const eq_analysis *a = p->a;
    int nint = 0;
    p->jx = p->jy = -1;
    for (int j = 0; j < p->naxes; j++) {
        if (eq_model_param_is_enum(p->m, eq_analysis_axis_param(a, j)))
            continue;
        if (nint == 0)
            p->jx = j;
        else if (nint == 1)
            p->jy = j;
        nint++;
    }
    if (nint == 0 || nint > 2)
        return cli_usage_error(p->c->cmdname, "--plot needs one interval parameter among "
                               "the --vary axes (a line plot) or two (a regime map), not %d",
                               nint);
    p->kind = nint;
    for (int j = 0; j < p->naxes; j++) {
        int k = eq_analysis_axis_param(a, j);
        if (!eq_model_param_is_enum(p->m, k) && eq_analysis_axis_points(a, j) < 2)
            return cli_usage_error(p->c->cmdname, "--plot: %s needs at least two values",
                                   eq_model_param_name(p->m, k));
        if (!eq_model_param_is_enum(p->m, k) && !increasing(a, j))
            return cli_usage_error(p->c->cmdname, "--plot: the values of %s must increase",
                                   eq_model_param_name(p->m, k));
        if (p->kind == 2 && eq_model_param_is_enum(p->m, k) && eq_analysis_axis_points(a, j) > 1)
            return cli_usage_error(p->c->cmdname, "--plot: a regime map varies two interval "
                                   "parameters only; fix %s with -p %s=CHOICE or draw one "
                                   "map per choice", eq_model_param_name(p->m, k),
                                   eq_model_param_name(p->m, k));
    }
    return 0;
}

/* ---- PLplot's state: one figure at a time ---------------------------- */

static const char *live_tmp;      /* the temporary file of the figure drawn */
static int pl_aborted;            /* plabort was called */

/* plexit ends the process after this: leave no temporary file behind. */
static int pl_exit(const char *msg)
{
    cli_error("PLplot failed: %s", msg);
    if (live_tmp)
        unlink(live_tmp);
    return EXIT_USAGE;
}

static void pl_abort(const char *msg)
{
    cli_error("PLplot: %s", msg);
    pl_aborted = 1;
}

/* Whether PLplot has device dev (its driver package is installed). */
static int have_device(const char *dev)
{
    const char *menu[128], *names[128];
    const char **mp = menu, **np = names;
    int n = 128;
    plgDevs(&mp, &np, &n);
    for (int i = 0; i < n; i++)
        if (np[i] && strcmp(np[i], dev) == 0)
            return 1;
    return 0;
}

/* ---- collecting the rows ------------------------------------------- */

int plot_open(plot **out, const cli *c, const eq_model *m, const eq_analysis *a)
{
    plot *p;
    const char *ext;
    size_t n;
    int fd, rc;
    mode_t mask;
    *out = NULL;
    if (c->plot == NULL)
        return 0;
    if ((p = calloc(1, sizeof *p)) == NULL) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    p->c = c, p->m = m, p->a = a;
    p->naxes = eq_analysis_axes(a);
    p->npoints = eq_analysis_points(a);
    if ((rc = plot_axes(p)) != 0) {
        plot_free(p);
        return rc;
    }
    if (p->kind == 1) {
        if (eq_model_classes(m) == 0) {
            plot_free(p);
            return cli_usage_error(c->cmdname, "--plot: %s declares no outcome class to plot",
                                   c->files[0]);
        }
        p->cls = c->plot_class ? eq_model_class_index(m, c->plot_class) : 0;
        if (p->cls < 0) {
            sbuf s = { 0 };
            for (int k = 0; k < eq_model_classes(m); k++)
                sb_printf(&s, "%s%s", k ? ", " : "", eq_model_class_name(m, k));
            rc = cli_usage_error(c->cmdname, "--plot-class %s: no such class in %s (%s)",
                                 c->plot_class, c->files[0], sb_str(&s));
            sb_free(&s);
            plot_free(p);
            return rc;
        }
    } else if (c->plot_class) {
        plot_free(p);
        return cli_usage_error(c->cmdname, "--plot-class applies to a line plot (one "
                               "interval parameter varied), not to a regime map");
    }
    if (c->shard_n > 0) {
        plot_free(p);
        return cli_usage_error(c->cmdname, "--plot draws the whole grid; not with --shard "
                               "(plot a sweep run whole)");
    }
    if (p->npoints > PLOT_MAX_POINTS) {
        long long npts = p->npoints;
        plot_free(p);
        return cli_usage_error(c->cmdname, "--plot: %lld points are too many for a figure "
                               "(at most %lld)", npts, PLOT_MAX_POINTS);
    }
    for (int i = 0; i < c->nfiles; i++)
        if (strcmp(c->files[i], "-") != 0 && same_file(c->plot, c->files[i])) {
            cli_error("--plot %s: that is an input file; refusing to overwrite it", c->plot);
            plot_free(p);
            return EXIT_USAGE;
        }
    if (c->output && strcmp(c->output, "-") != 0 && same_file(c->plot, c->output)) {
        cli_error("--plot %s: the same file as -o", c->plot);
        plot_free(p);
        return EXIT_USAGE;
    }
    ext = strrchr(c->plot, '.');
    p->device = strcmp(ext, ".svg") == 0 ? "svgcairo"
              : strcmp(ext, ".pdf") == 0 ? "pdfcairo" : "pngcairo";
    plsabort(pl_abort);
    plsexit(pl_exit);
    if (!have_device(p->device)) {
        cli_error("--plot %s: PLplot has no %s device (install plplot-driver-cairo, e.g. "
                  "with tools/deps.sh)", c->plot, p->device);
        plot_free(p);
        return EXIT_USAGE;
    }
    if (p->kind == 1)
        p->y = malloc((size_t)p->npoints * sizeof *p->y);
    else
        p->regime = malloc((size_t)p->npoints * sizeof *p->regime);
    n = strlen(c->plot);
    p->path = malloc(n + 1);
    p->tmp = malloc(n + 16);
    if ((p->kind == 1 ? (void *)p->y : (void *)p->regime) == NULL || !p->path || !p->tmp) {
        cli_error("out of memory");
        plot_free(p);
        return EXIT_USAGE;
    }
    for (long long i = 0; i < p->npoints; i++)
        if (p->kind == 1)
            p->y[i] = NAN;
        else
            p->regime[i] = -1;
    memcpy(p->path, c->plot, n + 1);
    snprintf(p->tmp, n + 16, "%s.tmp.XXXXXX", c->plot);
    if ((fd = mkstemp(p->tmp)) < 0) {
        cli_error("--plot %s: cannot create a file beside it: %s", c->plot, strerror(errno));
        free(p->tmp);
        p->tmp = NULL;
        plot_free(p);
        return EXIT_USAGE;
    }
    mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    close(fd);
    *out = p;
    return 0;
}

/* The regime of a path: its index, added when new. */
static int regime_of(plot *p, const char *path)
{
    char *s;
    for (int r = 0; r < p->nregimes; r++)
        if (strcmp(p->paths[r], path) == 0)
            return r;
    if (p->nregimes == p->capregimes) {
        int cap = p->capregimes ? 2 * p->capregimes : 8;
        char **np = realloc(p->paths, (size_t)cap * sizeof *np);
        if (np == NULL)
            return -1;
        p->paths = np;
        p->capregimes = cap;
    }
    if ((s = malloc(strlen(path) + 1)) == NULL)
        return -1;
    strcpy(s, path);
    p->paths[p->nregimes] = s;
    return p->nregimes++;
}

void plot_add(plot *p, long long index, const char *path, const double *cls)
{
    if (p == NULL || index < 0 || index >= p->npoints)
        return;
    if (p->kind == 1) {
        p->y[index] = *path ? cls[p->cls] : NAN;
    } else {
        int r = regime_of(p, path);
        if (r < 0)
            p->oom = 1;
        p->regime[index] = r;
    }
}

/* ---- drawing ------------------------------------------------------- */

/* Colours: cmap0 index 0 the background, 1 black, 2 grey, then the
** palette (Tableau's 20, paired light and dark, dark first). */
#define COL_BLACK 1
#define COL_GREY 2
#define COL_FIRST 3
static const unsigned char palette[][3] = {
    { 31, 119, 180 }, { 255, 127, 14 }, { 44, 160, 44 }, { 214, 39, 40 },
    { 148, 103, 189 }, { 140, 86, 75 }, { 227, 119, 194 }, { 127, 127, 127 },
    { 188, 189, 34 }, { 23, 190, 207 }, { 174, 199, 232 }, { 255, 187, 120 },
    { 152, 223, 138 }, { 255, 152, 150 }, { 197, 176, 213 }, { 196, 156, 148 },
    { 247, 182, 210 }, { 199, 199, 199 }, { 219, 219, 141 }, { 158, 218, 229 },
};
#define NPALETTE ((int)(sizeof palette / sizeof palette[0]))

/* Regime colours: lighter, so the text of the legend and the baseline
** read on them; distinct from the line colours only by lightness. */
static void set_colours(int nregimes)
{
    int n = COL_FIRST + NPALETTE;
    (void)nregimes;
    plscmap0n(n);
    plscol0(0, 255, 255, 255);
    plscol0(COL_BLACK, 0, 0, 0);
    plscol0(COL_GREY, 150, 150, 150);
    for (int i = 0; i < NPALETTE; i++)
        plscol0(COL_FIRST + i, palette[i][0], palette[i][1], palette[i][2]);
}

/* Text for PLplot: its escape character '#' doubled. */
static const char *escaped(const char *s, sbuf *b)
{
    sb_clear(b);
    for (; *s; s++)
        if (*s == '#')
            sb_printf(b, "##");
        else
            sb_printf(b, "%c", *s);
    return sb_str(b);
}

/* Wrap text at "; " (or spaces) into lines of at most width characters
** (counting UTF-8 sequences as one); the lines go into out, joined by
** '\n'.  Returns the number of lines. */
static int wrap(const char *text, int width, sbuf *out)
{
    int lines = 1, col = 0;
    const char *s = text;
    sb_clear(out);
    while (*s) {
        /* the next word: up to and including the next space */
        const char *e = s;
        int wl = 0;
        while (*e && *e != ' ') {
            if (((unsigned char)*e & 0xC0) != 0x80)
                wl++;
            e++;
        }
        if (*e == ' ')
            e++, wl++;
        if (col > 0 && col + wl > width) {
            /* drop the space that ended the line */
            if (out->len && out->s[out->len - 1] == ' ')
                out->s[--out->len] = '\0';
            sb_printf(out, "\n");
            lines++;
            col = 0;
        }
        sb_printf(out, "%.*s", (int)(e - s), s);
        col += wl;
        s = e;
    }
    return lines;
}

/* The -p assignments, for the subtitle: "option=membership, timing=after". */
static void fixed_text(const cli *c, sbuf *s)
{
    sb_clear(s);
    for (int i = 0; i < c->nparams; i++)
        sb_printf(s, "%s%s", i ? ", " : "", c->params[i]);
}

/* A legend entry: a swatch (box or line sample), and text lines. */
typedef struct entry {
    int colour, style;        /* style 0: a filled box; -1: none; else a line style */
    double width;             /* of a line sample */
    const char *text;         /* lines joined by '\n' */
    int lines;
} entry;

#define PAGE_W 1100
#define PLOT_H 700            /* the plot's part of the page, in pixels */
#define LINE_H 23             /* a legend line */
#define WRAP 80              /* characters per legend line: 90 ran past the
                             ** page's right edge at this font size */

/* Draw the legend's entries in the bottom part of the page, of height
** legh pixels. */
static void draw_legend(const entry *e, int n, int legh, int pageh)
{
    double y;
    sbuf t = { 0 };
    plvpor(0.0, 1.0, 0.0, (double)legh / pageh);
    plwind(0.0, PAGE_W, 0.0, legh);
    plschr(0.0, 0.8);
    y = legh - LINE_H;
    for (int i = 0; i < n; i++) {
        const char *s = e[i].text;
        double yc = y + 0.35 * LINE_H;
        plcol0(e[i].colour);
        if (e[i].style < 0) {
            /* text only */
        } else if (e[i].style == 0) {
            PLFLT bx[4] = { 70, 100, 100, 70 }, by[4] = { yc - 6, yc - 6, yc + 6, yc + 6 };
            plfill(4, bx, by);
            plcol0(COL_BLACK);
            plwidth(0.5);
            PLFLT ox[5] = { 70, 100, 100, 70, 70 };
            PLFLT oy[5] = { yc - 6, yc - 6, yc + 6, yc + 6, yc - 6 };
            plline(5, ox, oy);
        } else {
            PLFLT lx[2] = { 55, 105 }, ly[2] = { yc, yc };
            pllsty(e[i].style);
            plwidth(e[i].width);
            plline(2, lx, ly);
            pllsty(1);
        }
        plwidth(1.0);
        plcol0(COL_BLACK);
        while (*s) {
            const char *nl = strchr(s, '\n');
            size_t len = nl ? (size_t)(nl - s) : strlen(s);
            char *line = malloc(len + 1);
            if (line) {
                memcpy(line, s, len);
                line[len] = '\0';
                plptex(115, y + 0.35 * LINE_H, 1.0, 0.0, 0.0, escaped(line, &t));
                free(line);
            }
            y -= LINE_H;
            s += len + (nl ? 1 : 0);
        }
        y -= 0.3 * LINE_H;
    }
    sb_free(&t);
}

/* Start a figure of the given height on PLplot's device. */
static int begin(plot *p, int pageh)
{
    live_tmp = p->tmp;
    pl_aborted = 0;
    plsdev(p->device);
    plsfnam(p->tmp);
    plspage(0.0, 0.0, PAGE_W, pageh, 0, 0);
    set_colours(p->nregimes);
    plinit();
    if (pl_aborted)
        return -1;
    pladv(0);
    return 0;
}

/* The axis labels, the title and the subtitle (sub, then the -p
** assignments) around the plot's viewport. */
static void titles(plot *p, const char *xlab, const char *ylab, const char *sub)
{
    sbuf a = { 0 }, b = { 0 };
    plcol0(COL_BLACK);
    plschr(0.0, 1.0);
    plmtex("b", 3.0, 0.5, 0.5, escaped(xlab, &a));
    plmtex("l", 4.2, 0.5, 0.5, escaped(ylab, &a));
    plschr(0.0, 1.2);
    plmtex("t", 2.4, 0.5, 0.5, escaped(eq_model_title(p->m), &a));
    sb_printf(&b, "%s", sub);
    if (p->c->nparams > 0) {
        sbuf f = { 0 };
        fixed_text(p->c, &f);
        sb_printf(&b, "%s%s", b.len ? "   " : "", sb_str(&f));
        sb_free(&f);
    }
    if (b.len) {
        plschr(0.0, 0.8);
        plmtex("t", 1.0, 0.5, 0.5, escaped(sb_str(&b), &a));
    }
    plschr(0.0, 1.0);
    sb_free(&a), sb_free(&b);
}

/* The grid index of the point with coordinate ix on axis jx, iy on jy and
** the rest given in idx (one per axis). */
static long long grid_index(const eq_analysis *a, const int *idx)
{
    long long i = 0;
    for (int j = 0; j < eq_analysis_axes(a); j++)
        i = i * eq_analysis_axis_points(a, j) + idx[j];
    return i;
}

static eq_breaks *breaks_along(plot *p, int jx, const int *idx, double *vals,
                               eq_analysis **bp);

/* The jumps of a line: the values of the plotted parameter in the grid's
** range where the class probability of the series at idx jumps
** (breakpoints of eq_model_breakpoints whose two segments, the outcomes
** at their middles, have different probabilities), with the
** probabilities of the segments left and right of them.  Returns their
** number; 0 with NULL arrays on any failure (the line then joins the grid
** points). */
static int series_jumps(plot *p, int *idx, double **xp, double **lp, double **rp)
{
    int n = 0, save = idx[p->jx], nb;
    double *vals = malloc((size_t)eq_model_params(p->m) * sizeof *vals);
    eq_analysis *b = NULL;
    eq_breaks *br = NULL;
    *xp = *lp = *rp = NULL;
    if (vals == NULL)
        return 0;
    idx[p->jx] = 0;
    br = breaks_along(p, p->jx, idx, vals, &b);
    idx[p->jx] = save;
    if (br == NULL || (nb = eq_breaks_count(br)) == 0)
        goto done;
    *xp = malloc((size_t)nb * sizeof **xp);
    *lp = malloc((size_t)nb * sizeof **lp);
    *rp = malloc((size_t)nb * sizeof **rp);
    if (!*xp || !*lp || !*rp)
        goto done;
    for (int k = 0; k < nb; k++) {
        const eq_point *l = eq_breaks_segment(br, k), *r = eq_breaks_segment(br, k + 1);
        double pl, pr;
        if (eq_point_status(l) != EQ_OK || eq_point_status(r) != EQ_OK)
            continue;
        pl = eq_point_class_prob(l, p->cls);
        pr = eq_point_class_prob(r, p->cls);
        if (!(fabs(pl - pr) > 1e-12))
            continue;
        (*xp)[n] = eq_breaks_value(br, k), (*lp)[n] = pl, (*rp)[n] = pr;
        n++;
    }
done:
    if (n == 0) {
        free(*xp), free(*lp), free(*rp);
        *xp = *lp = *rp = NULL;
    }
    eq_breaks_free(br);
    eq_analysis_free(b);
    free(vals);
    return n;
}

/* ---- line plot ------------------------------------------------------ */

/* The axes' indices of series s (the choice axes; the x axis is left). */
static void series_index(const plot *p, int s, int *idx)
{
    int rest = s;
    for (int j = p->naxes - 1; j >= 0; j--)
        if (j != p->jx) {
            int nj = eq_analysis_axis_points(p->a, j);
            idx[j] = rest % nj;
            rest /= nj;
        }
}

/* The legend's entries of the nseries series (names, colours, dashes and
** widths), plus a note when lines may coincide.  Returns the number of
** legend lines. */
static int series_entries(const plot *p, int nseries, int nlast, int *idx, entry *ents,
                          sbuf *texts)
{
    const eq_analysis *a = p->a;
    const eq_model *m = p->m;
    int lines = 0;
    char buf[32];
    for (int s = 0; s < nseries; s++) {
        int first = 1;
        series_index(p, s, idx);
        sb_clear(&texts[s]);
        for (int j = 0; j < p->naxes; j++)
            if (j != p->jx) {
                int k = eq_analysis_axis_param(a, j);
                double v = eq_analysis_axis_value(a, j, idx[j]);
                sb_printf(&texts[s], "%s%s=%s", first ? "" : ", ", eq_model_param_name(m, k),
                          eq_model_param_is_enum(m, k) ? eq_model_param_choice(m, k, (int)v)
                                                        : num_repr(v, buf));
                first = 0;
            }
        if (nseries == 1)
            sb_printf(&texts[s], "P(%s)", eq_model_class_name(m, p->cls));
        ents[s].colour = COL_FIRST + (s / nlast) % 10;
        ents[s].style = 1 + (s % nlast) % 8;
        ents[s].text = sb_str(&texts[s]);
        ents[s].lines = 1;
        /* later series are drawn over earlier ones: thinner, so that a
        ** line under another that coincides with it still shows */
        ents[s].width = 2.0 + 1.2 * (nseries - 1 - s);
        if (ents[s].width > 8.0)
            ents[s].width = 8.0;
        lines++;
    }
    if (nseries > 1) {
        /* a note in the legend: what coinciding lines look like */
        ents[nseries].colour = COL_BLACK;
        ents[nseries].style = -1;
        ents[nseries].text = "(where lines coincide, the one listed first is the widest, beneath)";
        ents[nseries].lines = 1;
        lines++;
    }
    return lines;
}

/* The frame, grid, titles and labels of the line plot. */
static void line_frame(plot *p, double xlo, double xhi, int legh, int pageh)
{
    const eq_model *m = p->m;
    sbuf lab = { 0 }, sub = { 0 };
    const char *d = eq_model_class_description(m, p->cls);
    plvpor(0.1, 0.97, (double)(legh + 85) / pageh, 1.0 - 80.0 / pageh);
    plwind(xlo, xhi, -0.02, 1.02);
    plcol0(COL_GREY);
    plwidth(0.5);
    plbox("g", 0, 0, "g", 0, 0);
    plcol0(COL_BLACK);
    plwidth(1.0);
    plbox("bcnst", 0, 0, "bcnstv", 0, 0);
    sb_printf(&lab, "P(%s)", eq_model_class_name(m, p->cls));
    sb_printf(&sub, "%s: %s", eq_model_class_name(m, p->cls), d ? d : "");
    titles(p, eq_model_param_name(m, eq_analysis_axis_param(p->a, p->jx)), sb_str(&lab),
           sb_str(&sub));
    sb_free(&sub);
    sb_free(&lab);
}

/* Draw series s (axes idx): the grid's points and the jumps between them,
** in order, broken where a point has no value.  xs and ys are scratch of
** *cap points, grown here.  Returns 0, or -1 for lack of memory. */
static int draw_series(plot *p, int s, int *idx, const entry *e, PLFLT **xsp, PLFLT **ysp,
                       int *cap)
{
    const eq_analysis *a = p->a;
    int nx = eq_analysis_axis_points(a, p->jx), n = 0, njump;
    double *jx = NULL, *jl = NULL, *jr = NULL;
    PLFLT *xs, *ys;
    series_index(p, s, idx);
    plcol0(e->colour);
    pllsty(e->style);
    plwidth(e->width);
    njump = series_jumps(p, idx, &jx, &jl, &jr);
    if (*cap < nx + 3 * njump) {
        PLFLT *nxs = realloc(*xsp, (size_t)(nx + 3 * njump) * sizeof *nxs);
        PLFLT *nys = nxs ? realloc(*ysp, (size_t)(nx + 3 * njump) * sizeof *nys) : NULL;
        if (nxs)
            *xsp = nxs;
        if (nys)
            *ysp = nys, *cap = nx + 3 * njump;
        else
            njump = 0;
    }
    xs = *xsp, ys = *ysp;
    /* a jump at a grid point goes through that point's own value (a tie
    ** there) */
    for (int i = 0, k = 0; i <= nx; i++) {
        double xi = i < nx ? eq_analysis_axis_value(a, p->jx, i) : INFINITY, v = NAN;
        if (i < nx) {
            idx[p->jx] = i;
            v = p->y[grid_index(a, idx)];
        }
        if (v == v) {
            for (; k < njump && jx[k] < xi; k++)
                if (n > 0) {
                    xs[n] = jx[k], ys[n++] = jl[k];
                    xs[n] = jx[k], ys[n++] = jr[k];
                }
            if (k < njump && jx[k] == xi) {
                xs[n] = xi, ys[n++] = jl[k];
                xs[n] = xi, ys[n++] = v;
                xs[n] = xi, ys[n++] = jr[k];
                k++;
            } else {
                xs[n] = xi, ys[n++] = v;
            }
            continue;
        }
        for (; k < njump && jx[k] <= xi; k++)
            ;
        if (n == 1)
            plpoin(1, xs, ys, 17);
        else if (n > 1)
            plline(n, xs, ys);
        n = 0;
    }
    free(jx), free(jl), free(jr);
    return 0;
}

static int draw_lines(plot *p)
{
    const eq_analysis *a = p->a;
    int nx = eq_analysis_axis_points(a, p->jx), nseries = 1, last = -1, nlast = 1, nchoice = 0;
    int *idx = calloc((size_t)p->naxes, sizeof *idx);
    PLFLT *xs = NULL, *ys = NULL;
    int cap = 0;
    entry *ents = NULL;
    sbuf *texts = NULL;
    int rc = 0, legh, pageh, lines;
    for (int j = 0; j < p->naxes; j++)
        if (j != p->jx) {
            nseries *= eq_analysis_axis_points(a, j);
            last = j;
            nchoice++;
        }
    /* with two or more choice axes the last one gives the dash */
    if (nchoice >= 2)
        nlast = eq_analysis_axis_points(a, last);
    ents = calloc((size_t)nseries + 1, sizeof *ents);
    texts = calloc((size_t)nseries, sizeof *texts);
    /* room for the grid and two points per grid step's jumps */
    xs = malloc((size_t)nx * sizeof *xs);
    ys = malloc((size_t)nx * sizeof *ys);
    cap = nx;
    if (!idx || !xs || !ys || !ents || !texts) {
        rc = -1;
        goto done;
    }
    lines = series_entries(p, nseries, nlast, idx, ents, texts);
    legh = lines * LINE_H + (int)(0.3 * LINE_H * (nseries + 1)) + 2 * LINE_H;
    pageh = PLOT_H + legh;
    if (begin(p, pageh) != 0) {
        rc = -1;
        goto done;
    }
    line_frame(p, eq_analysis_axis_value(a, p->jx, 0),
               eq_analysis_axis_value(a, p->jx, nx - 1), legh, pageh);
    for (int s = 0; s < nseries; s++)
        draw_series(p, s, idx, &ents[s], &xs, &ys, &cap);
    pllsty(1);
    plwidth(1.0);
    draw_legend(ents, nseries + (nseries > 1), legh, pageh);
done:
    for (int s = 0; texts && s < nseries; s++)
        sb_free(&texts[s]);
    free(texts), free(ents), free(idx), free(xs), free(ys);
    return rc;
}

/* ---- regime map ----------------------------------------------------- */

/* The boundaries of the cells along axis j: n + 1 values, the ends at the
** first and last grid values, the rest midway. */
static void cell_edges(const eq_analysis *a, int j, double *e)
{
    int n = eq_analysis_axis_points(a, j);
    e[0] = eq_analysis_axis_value(a, j, 0);
    for (int i = 1; i < n; i++)
        e[i] = 0.5 * (eq_analysis_axis_value(a, j, i - 1) + eq_analysis_axis_value(a, j, i));
    e[n] = eq_analysis_axis_value(a, j, n - 1);
}

/* An analysis at a's base values with every axis but jx at its value
** idx[j], and the breakpoints of axis jx's parameter over the grid's
** range, scanned on the grid's own steps.  vals (one per model parameter)
** gets the values.  Returns NULL on any failure (the figure is then drawn
** from the grid alone). */
static eq_breaks *breaks_along(plot *p, int jx, const int *idx, double *vals,
                               eq_analysis **bp)
{
    const eq_analysis *a = p->a;
    const eq_model *m = p->m;
    int nx = eq_analysis_axis_points(a, jx), kx = eq_analysis_axis_param(a, jx);
    eq_analysis *b = NULL;
    eq_breaks *br = NULL;
    sbuf s = { 0 };
    char x0[32], x1[32];
    *bp = NULL;
    memcpy(vals, eq_analysis_values(a), (size_t)eq_model_params(m) * sizeof *vals);
    for (int j = 0; j < p->naxes; j++)
        if (j != jx)
            vals[eq_analysis_axis_param(a, j)] = eq_analysis_axis_value(a, j, idx[j]);
    if (eq_analysis_new(&b, m) != EQ_OK)
        return NULL;
    if (eq_analysis_set_values(b, vals) != EQ_OK) {
        eq_analysis_free(b);
        return NULL;
    }
    (void)eq_analysis_set_grid(b, nx - 1 < 2 ? 2 : nx - 1);
    if (p->c->jobs > 1)
        (void)eq_analysis_set_threads(b, p->c->jobs);
    sb_printf(&s, "%s=%s:%s", eq_model_param_name(m, kx),
              num_repr(eq_analysis_axis_value(a, jx, 0), x0),
              num_repr(eq_analysis_axis_value(a, jx, nx - 1), x1));
    if (s.oom || eq_model_breakpoints(b, sb_str(&s), &br) != EQ_OK) {
        eq_breaks_free(br);
        eq_analysis_free(b);
        br = NULL, b = NULL;
    }
    sb_free(&s);
    *bp = b;
    return br;
}

/* Along one line of the grid (axis jx varying, the others at idx; line:
** the regime at each of its n points): where the regime changes between
** points i and i + 1, set bx[i + 1] to the breakpoint of jx's parameter
** there, when exactly one breakpoint there changes the path, from the one
** regime to the other; bx[i + 1] keeps its value (the middle) otherwise.
** Lines without a change cost nothing. */
static void sharpen_line(plot *p, int jx, const int *line, double *bx, const int *idx)
{
    const eq_analysis *a = p->a;
    int nx = eq_analysis_axis_points(a, jx), any = 0;
    eq_analysis *b = NULL;
    eq_breaks *br = NULL;
    double *vals;
    for (int i = 0; i + 1 < nx; i++)
        any |= line[i] != line[i + 1] && line[i] >= 0 && line[i + 1] >= 0;
    if (!any || (vals = malloc((size_t)eq_model_params(p->m) * sizeof *vals)) == NULL)
        return;
    br = breaks_along(p, jx, idx, vals, &b);
    free(vals);
    if (br == NULL)
        goto done;
    for (int i = 0; i + 1 < nx; i++) {
        double lo = eq_analysis_axis_value(a, jx, i);
        double hi = eq_analysis_axis_value(a, jx, i + 1);
        int found = 0;
        double at = 0;
        if (line[i] == line[i + 1] || line[i] < 0 || line[i + 1] < 0)
            continue;
        for (int k = 0; k < eq_breaks_count(br); k++) {
            double v = eq_breaks_value(br, k);
            /* a change at a grid point itself (a tie there) counts too */
            if (!(v >= lo && v <= hi))
                continue;
            if (strcmp(eq_point_path(eq_breaks_segment(br, k)),
                       eq_point_path(eq_breaks_segment(br, k + 1))) == 0)
                continue;
            found++;
            at = v;
            if (strcmp(eq_point_path(eq_breaks_segment(br, k)), p->paths[line[i]]) != 0 ||
                strcmp(eq_point_path(eq_breaks_segment(br, k + 1)), p->paths[line[i + 1]]) != 0)
                found = 99;
        }
        if (found == 1)
            bx[i + 1] = at;
    }
done:
    eq_breaks_free(br);
    eq_analysis_free(b);
}

/* The colour of regime r. */
static int regime_colour(int r)
{
    return COL_FIRST + r % NPALETTE;
}

/* The regime's value of grid point (ix, iy) of the map, -1 outside. */
static int regime_at(plot *p, int *idx, int ix, int iy)
{
    const eq_analysis *a = p->a;
    if (ix < 0 || iy < 0 || ix >= eq_analysis_axis_points(a, p->jx) ||
        iy >= eq_analysis_axis_points(a, p->jy))
        return -1;
    idx[p->jx] = ix, idx[p->jy] = iy;
    return p->regime[grid_index(a, idx)];
}

/* Write "R1", "R2", ... on each regime: at its grid point nearest the
** mean of its grid points (in grid steps), preferring points whose four
** neighbours are of the same regime, so the label sits inside. */
static void label_regimes(plot *p, int *idx)
{
    const eq_analysis *a = p->a;
    int nx = eq_analysis_axis_points(a, p->jx), ny = eq_analysis_axis_points(a, p->jy);
    char text[16];
    plschr(0.0, 0.9);
    plcol0(COL_BLACK);
    for (int r = 0; r < p->nregimes; r++) {
        double sx = 0, sy = 0, best = INFINITY;
        long long n = 0;
        int bx = -1, by = -1, binner = 0;
        for (int iy = 0; iy < ny; iy++)
            for (int ix = 0; ix < nx; ix++)
                if (regime_at(p, idx, ix, iy) == r)
                    sx += ix, sy += iy, n++;
        if (n == 0)
            continue;
        sx /= (double)n, sy /= (double)n;
        for (int iy = 0; iy < ny; iy++)
            for (int ix = 0; ix < nx; ix++) {
                int inner;
                double d;
                if (regime_at(p, idx, ix, iy) != r)
                    continue;
                inner = regime_at(p, idx, ix - 1, iy) == r && regime_at(p, idx, ix + 1, iy) == r &&
                        regime_at(p, idx, ix, iy - 1) == r && regime_at(p, idx, ix, iy + 1) == r;
                d = (ix - sx) * (ix - sx) + (iy - sy) * (iy - sy);
                if ((inner && !binner) || (inner == binner && d < best))
                    best = d, bx = ix, by = iy, binner = inner;
            }
        snprintf(text, sizeof text, "R%d", r + 1);
        plptex(eq_analysis_axis_value(a, p->jx, bx), eq_analysis_axis_value(a, p->jy, by),
               1.0, 0.0, 0.5, text);
    }
    plschr(0.0, 1.0);
}

/* Fill polygon (xs, ys) of n (at most 8) vertices in regime r's colour,
** and stroke its outline in the same colour, so that no hairline seam
** shows between neighbours where a viewer smooths the edges. */
static void fill_regime(int r, int n, PLFLT *xs, PLFLT *ys)
{
    PLFLT ox[9], oy[9];
    plcol0(regime_colour(r));
    plfill(n, xs, ys);
    for (int k = 0; k < n; k++)
        ox[k] = xs[k], oy[k] = ys[k];
    ox[n] = xs[0], oy[n] = ys[0];
    plwidth(0.6);
    plline(n + 1, ox, oy);
    plwidth(1.0);
}

/*
** The regions of the map, drawn quad by quad: a quad has four grid points
** for corners.  Where two corners along an edge (a stretch of a grid
** line) are of different regimes, the boundary crosses the edge at the
** exact breakpoint there (bxr: along the rows, byc: along the columns;
** the edge's middle when none was found).  A quad of one regime is one
** rectangle (runs of them merged along a row); otherwise each corner gets
** the quarter bounded by its two edges' points and the mean of the
** crossings, so a straight boundary through a quad stays straight and
** each region is a polygon whose vertices on the grid lines are the
** breakpoints.
*/
static void draw_quads(plot *p, int *idx, const double *gx, const double *gy,
                       const double *bxr, const double *byc)
{
    int nx = eq_analysis_axis_points(p->a, p->jx), ny = eq_analysis_axis_points(p->a, p->jy);
    for (int iy = 0; iy + 1 < ny; iy++)
        for (int ix = 0; ix + 1 < nx;) {
            int c[4] = { regime_at(p, idx, ix, iy), regime_at(p, idx, ix + 1, iy),
                         regime_at(p, idx, ix + 1, iy + 1), regime_at(p, idx, ix, iy + 1) };
            /* corner k, and the crossing on the edge from corner k to k + 1 */
            double cx[4] = { gx[ix], gx[ix + 1], gx[ix + 1], gx[ix] };
            double cy[4] = { gy[iy], gy[iy], gy[iy + 1], gy[iy + 1] };
            double ex[4], ey[4], mx = 0, my = 0;
            int ncross = 0;
            if (c[0] == c[1] && c[1] == c[2] && c[2] == c[3]) {
                int end = ix + 1;
                while (end + 1 < nx && regime_at(p, idx, end + 1, iy) == c[0] &&
                       regime_at(p, idx, end + 1, iy + 1) == c[0])
                    end++;
                if (c[0] >= 0) {
                    PLFLT fx[4] = { gx[ix], gx[end], gx[end], gx[ix] };
                    PLFLT fy[4] = { gy[iy], gy[iy], gy[iy + 1], gy[iy + 1] };
                    fill_regime(c[0], 4, fx, fy);
                }
                ix = end;
                continue;
            }
            ex[0] = bxr[(size_t)iy * ((size_t)nx + 1) + (size_t)ix + 1], ey[0] = gy[iy];
            ex[1] = gx[ix + 1], ey[1] = byc[(size_t)(ix + 1) * ((size_t)ny + 1) + (size_t)iy + 1];
            ex[2] = bxr[(size_t)(iy + 1) * ((size_t)nx + 1) + (size_t)ix + 1], ey[2] = gy[iy + 1];
            ex[3] = gx[ix], ey[3] = byc[(size_t)ix * ((size_t)ny + 1) + (size_t)iy + 1];
            for (int k = 0; k < 4; k++)
                if (c[k] != c[(k + 1) % 4])
                    mx += ex[k], my += ey[k], ncross++;
            mx /= ncross, my /= ncross;
            for (int k = 0; k < 4; k++) {
                int prev = (k + 3) % 4;
                PLFLT fx[4] = { cx[k], ex[k], mx, ex[prev] };
                PLFLT fy[4] = { cy[k], ey[k], my, ey[prev] };
                if (c[k] >= 0)
                    fill_regime(c[k], 4, fx, fy);
            }
            ix++;
        }
}

static int draw_map(plot *p)
{
    const eq_analysis *a = p->a;
    const eq_model *m = p->m;
    int nx = eq_analysis_axis_points(a, p->jx), ny = eq_analysis_axis_points(a, p->jy);
    int kx = eq_analysis_axis_param(a, p->jx), ky = eq_analysis_axis_param(a, p->jy);
    int *idx = calloc((size_t)p->naxes, sizeof *idx);
    int *line = malloc(((size_t)(nx > ny ? nx : ny) + 1) * sizeof *line);
    double *ex = malloc(((size_t)nx + 1) * sizeof *ex), *ey = malloc(((size_t)ny + 1) * sizeof *ey);
    double *gx = malloc(((size_t)nx + 1) * sizeof *gx), *gy = malloc(((size_t)ny + 1) * sizeof *gy);
    /* the boundaries on each row (ny x (nx + 1)) and column (nx x (ny + 1)) */
    double *bxr = malloc((size_t)ny * ((size_t)nx + 1) * sizeof *bxr);
    double *byc = malloc((size_t)nx * ((size_t)ny + 1) * sizeof *byc);
    entry *ents = calloc((size_t)p->nregimes + 1, sizeof *ents);
    sbuf *texts = calloc((size_t)p->nregimes + 1, sizeof *texts);
    int rc = 0, lines = 0, legh, pageh, nent = 0;
    double bxv, byv;
    if (!idx || !line || !ex || !ey || !gx || !gy || !bxr || !byc || !ents || !texts) {
        rc = -1;
        goto done;
    }
    cell_edges(a, p->jx, ex);
    cell_edges(a, p->jy, ey);
    for (int ix = 0; ix < nx; ix++)
        gx[ix] = eq_analysis_axis_value(a, p->jx, ix);
    for (int iy = 0; iy < ny; iy++)
        gy[iy] = eq_analysis_axis_value(a, p->jy, iy);
    /* the exact boundaries along every row, then every column */
    for (int iy = 0; iy < ny; iy++) {
        double *bx = bxr + (size_t)iy * ((size_t)nx + 1);
        for (int ix = 0; ix < nx; ix++)
            line[ix] = regime_at(p, idx, ix, iy);
        memcpy(bx, ex, ((size_t)nx + 1) * sizeof *bx);
        idx[p->jy] = iy;
        sharpen_line(p, p->jx, line, bx, idx);
    }
    for (int ix = 0; ix < nx; ix++) {
        double *by = byc + (size_t)ix * ((size_t)ny + 1);
        for (int iy = 0; iy < ny; iy++)
            line[iy] = regime_at(p, idx, ix, iy);
        memcpy(by, ey, ((size_t)ny + 1) * sizeof *by);
        idx[p->jx] = ix;
        sharpen_line(p, p->jy, line, by, idx);
    }
    /* the legend: one entry per regime, its path in words */
    for (int r = 0; r < p->nregimes; r++) {
        sbuf raw = { 0 };
        sb_printf(&raw, "R%d: %s", r + 1, *p->paths[r] ? p->paths[r] : "(the solve failed)");
        ents[nent].lines = wrap(sb_str(&raw), WRAP, &texts[nent]);
        ents[nent].text = sb_str(&texts[nent]);
        ents[nent].colour = regime_colour(r);
        ents[nent].style = 0;
        lines += ents[nent].lines;
        nent++;
        sb_free(&raw);
    }
    legh = lines * LINE_H + (int)(0.3 * LINE_H * nent) + 2 * LINE_H;
    pageh = PLOT_H + legh;
    if (begin(p, pageh) != 0) {
        rc = -1;
        goto done;
    }
    plvpor(0.1, 0.97, (double)(legh + 85) / pageh, 1.0 - 80.0 / pageh);
    plwind(ex[0], ex[nx], ey[0], ey[ny]);
    draw_quads(p, idx, gx, gy, bxr, byc);
    plcol0(COL_BLACK);
    plwidth(1.0);
    plbox("bcnst", 0, 0, "bcnstv", 0, 0);
    titles(p, eq_model_param_name(m, kx), eq_model_param_name(m, ky), "");
    /* the baseline */
    bxv = eq_analysis_values(a)[kx];
    byv = eq_analysis_values(a)[ky];
    if (bxv >= ex[0] && bxv <= ex[nx] && byv >= ey[0] && byv <= ey[ny]) {
        PLFLT px[1] = { bxv }, py[1] = { byv };
        plcol0(0);
        plssym(0.0, 4.5);
        plpoin(1, px, py, 17);
        plcol0(COL_BLACK);
        plssym(0.0, 3.0);
        plpoin(1, px, py, 17);
        plssym(0.0, 1.0);
        plschr(0.0, 0.9);
        plptex(bxv + 0.015 * (ex[nx] - ex[0]), byv, 1.0, 0.0, 0.0, "baseline");
        plschr(0.0, 1.0);
    }
    label_regimes(p, idx);
    draw_legend(ents, nent, legh, pageh);
done:
    for (int r = 0; texts && r <= p->nregimes; r++)
        sb_free(&texts[r]);
    free(texts), free(ents), free(idx), free(line), free(ex), free(ey), free(gx), free(gy);
    free(bxr), free(byc);
    return rc;
}

int plot_close(plot *p, int rc)
{
    struct stat st;
    int failed;
    if (p == NULL)
        return rc;
    if (rc != 0 && rc != EXIT_NOTFOUND) {
        plot_free(p);
        return rc;
    }
    if (p->oom) {
        cli_error("--plot %s: out of memory", p->path);
        plot_free(p);
        return EXIT_USAGE;
    }
    failed = (p->kind == 1 ? draw_lines(p) : draw_map(p)) != 0;
    plend();
    live_tmp = NULL;
    failed |= pl_aborted;
    if (!failed && (stat(p->tmp, &st) != 0 || st.st_size == 0)) {
        cli_error("--plot %s: PLplot wrote nothing", p->path);
        failed = 1;
    }
    if (!failed && rename(p->tmp, p->path) != 0) {
        cli_error("--plot %s: %s", p->path, strerror(errno));
        failed = 1;
    }
    if (!failed) {
        free(p->tmp);
        p->tmp = NULL;
    } else {
        cli_error("--plot %s: figure not written", base_name(p->path));
    }
    plot_free(p);
    return failed ? EXIT_USAGE : rc;
}

#endif
