/*
** fmt.c -- numbers and growing strings for the command-line program.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The shortest %.Ng, N = 1..17, that strtod reads back to v: 17
** significant digits always round-trip a double, so the loop ends. */
char *num_repr(double v, char *buf)
{
    if (v == 0.0) {                 /* 0 and -0 alike: -0 is noise here */
        strcpy(buf, "0");
        return buf;
    }
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, 32, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    /* %g writes 10 as "1e+01": an integer below 2^53 reads better whole */
    if (strchr(buf, 'e') != NULL && fabs(v) < 9007199254740992.0 && v == floor(v))
        snprintf(buf, 32, "%.0f", v);
    return buf;
}

char *num_human_buf(double v, int prec, char *buf)
{
    if (fabs(v) < 5e-16)
        v = 0.0;                    /* rounding noise, and -0 */
    snprintf(buf, 32, "%.*g", prec, v);
    return buf;
}

void num_human(FILE *f, double v)
{
    char buf[32];
    fputs(num_human_buf(v, 10, buf), f);
}

/* Set when any string could not grow; sink_close then fails the command
** rather than let a shortened text pass (the program is single-threaded). */
static int sb_failed;

int sb_any_oom(void)
{
    return sb_failed;
}

void sb_printf(sbuf *b, const char *format, ...)
{
    va_list ap;
    int n;
    if (b->oom)
        return;
    va_start(ap, format);
    n = vsnprintf(NULL, 0, format, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        char *s;
        while (cap < b->len + (size_t)n + 1)
            cap *= 2;
        if ((s = realloc(b->s, cap)) == NULL) {
            b->oom = sb_failed = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, format);
    vsnprintf(b->s + b->len, b->cap - b->len, format, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *sb_str(const sbuf *b)
{
    return b->s ? b->s : "";
}

void sb_clear(sbuf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

void sb_free(sbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}
