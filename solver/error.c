/*
** error.c -- status strings, the one path every error message takes, and
** small allocation helpers.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *eq_version(void) { return EQ_VERSION_STRING; }

const char *eq_status_string(eq_status s)
{
    switch (s) {
    case EQ_OK: return "ok";
    case EQ_ERR_NOMEM: return "out of memory";
    case EQ_ERR_ARG: return "invalid argument";
    case EQ_ERR_PARSE: return "malformed input";
    case EQ_ERR_IO: return "input/output error";
    case EQ_ERR_UNSUPPORTED: return "method does not apply to this game";
    case EQ_ERR_NUMERIC: return "numerical failure";
    case EQ_ERR_LIMIT: return "limit reached";
    case EQ_ERR_LP: return "LP solver failure";
    case EQ_ERR_INTERNAL: return "internal error";
    }
    return "unknown status";
}

void eq_free(void *p) { free(p); }

/* Format a message into buf (EQI_ERRMAX bytes) and return s.  buf may be
** NULL, in which case only the status is returned. */
eq_status eqi_verror(char *buf, eq_status s, const char *fmt, va_list ap)
{
    if (buf != NULL)
        vsnprintf(buf, EQI_ERRMAX, fmt, ap);
    return s;
}

eq_status eqi_error(char *buf, eq_status s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    eqi_verror(buf, s, fmt, ap);
    va_end(ap);
    return s;
}

char *eqi_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

int eqi_mul_size(size_t a, size_t b, size_t *out)
{
    if (a != 0 && b > SIZE_MAX / a)
        return 0;
    *out = a * b;
    return 1;
}
