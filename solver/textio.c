/*
** textio.c -- diagnostics that quote the source, whole-file reading,
** atomic saving, a growing string, and Gambit's tokens (see textio.h).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _XOPEN_SOURCE 700   /* mkstemp, fsync, fchmod, XSI strerror_r */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "textio.h"

/* ------------------------------------------------------------------ */
/* Diagnostics                                                          */
/* ------------------------------------------------------------------ */

void eqi_diag_clear(eq_diag *d)
{
    if (d != NULL)
        memset(d, 0, sizeof *d);
}

size_t eqi_loc_lstart(const char *text, const eqi_loc *at)
{
    size_t j = at->off;
    while (j > 0 && text[j - 1] != '\n')
        j--;
    return j;
}

int eqi_loc_col(const char *text, const eqi_loc *at)
{
    size_t c = at->off - eqi_loc_lstart(text, at) + 1;
    return c > (size_t)INT_MAX ? INT_MAX : (int)c;
}

int eqi_seg_of(const eqi_seg *seg, int nseg, size_t off)
{
    int k = 0;
    for (int i = 1; i < nseg; i++)
        if (seg[i].base <= off)
            k = i;
    return k;
}

void eqi_seg_note(const eqi_seg *seg, int k, char *buf, size_t size)
{
    size_t n = strlen(buf);
    const char *sep = " (included from ";
    int any = 0;
    for (; k >= 0 && seg[k].parent >= 0 && n < size; k = seg[k].parent) {
        int c = snprintf(buf + n, size - n, "%s%s:%d", sep, seg[seg[k].parent].name,
                         seg[k].line);
        if (c < 0)
            return;
        n += (size_t)c;
        sep = ", from ";
        any = 1;
    }
    if (any && n + 1 < size)
        snprintf(buf + n, size - n, ")");
}

eq_status eqi_diag_vat(const eqi_src *src, eq_status s, const eqi_loc *at,
                       const char *fmt, va_list ap)
{
    char what[EQI_ERRMAX];
    eq_diag *d = src->diag;
    const char *name = src->name;
    size_t k = 0, j;
    int f = 0, col;

    if (d == NULL)
        return s;
    vsnprintf(what, sizeof what, fmt, ap);
    if (src->nseg > 0) {
        f = eqi_seg_of(src->seg, src->nseg, at->off);
        name = src->seg[f].name;
    }
    col = eqi_loc_col(src->text, at);
    if (at->ctx != NULL)
        eqi_error(d->message, s, "%s:%d:%d: in %s: %s", name, at->line,
                  col, at->ctx, what);
    else
        eqi_error(d->message, s, "%s:%d:%d: %s", name, at->line, col,
                  what);
    if (src->nseg > 0)
        eqi_seg_note(src->seg, f, d->message, sizeof d->message);
    d->line = at->line;
    d->col = col;
    /* The line holding the error, for a caret display: a NUL would end the
    ** C string early, so it shows as '?'. */
    for (j = eqi_loc_lstart(src->text, at); j < src->len && src->text[j] != '\n' &&
                         k + 1 < sizeof d->source_line; j++)
        d->source_line[k++] = src->text[j] == '\0' ? '?' : src->text[j];
    if (k > 0 && d->source_line[k - 1] == '\r' &&
        (j >= src->len || src->text[j] == '\n'))
        k--;                /* CRLF line ending */
    d->source_line[k] = '\0';
    return s;
}

eq_status eqi_diag_at(const eqi_src *src, eq_status s, const eqi_loc *at,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    s = eqi_diag_vat(src, s, at, fmt, ap);
    va_end(ap);
    return s;
}

eq_status eqi_diag_plain(eq_diag *d, eq_status s, const char *fmt, ...)
{
    va_list ap;
    if (d == NULL)
        return s;
    va_start(ap, fmt);
    eqi_verror(d->message, s, fmt, ap);
    va_end(ap);
    d->line = d->col = 0;
    d->source_line[0] = '\0';
    return s;
}

eq_status eqi_diag_nomem(const eqi_src *src)
{
    return eqi_diag_plain(src->diag, EQ_ERR_NOMEM, "%s: out of memory",
                          src->name);
}

/* ------------------------------------------------------------------ */
/* Files                                                                */
/* ------------------------------------------------------------------ */

/* "path: what: strerror(err)" with no place in the file. */
static eq_status io_error(eq_diag *diag, const char *path, const char *what,
                          int err)
{
    char msg[128];
    if (diag == NULL)
        return EQ_ERR_IO;
    if (strerror_r(err, msg, sizeof msg) != 0)
        snprintf(msg, sizeof msg, "error %d", err);
    return eqi_diag_plain(diag, EQ_ERR_IO, "%s: %s: %s", path, what, msg);
}

eq_status eqi_read_file(const char *path, char **out, size_t *outlen,
                        eq_diag *diag)
{
    FILE *f;
    char *buf = NULL;
    size_t len = 0, cap = 0;

    *out = NULL;
    *outlen = 0;
    if ((f = fopen(path, "rb")) == NULL)
        return io_error(diag, path, "cannot open", errno);
    for (;;) {
        size_t got;
        if (len == cap) {
            size_t nc = cap ? 2 * cap : 65536;
            char *t;
            if (nc < cap || (t = realloc(buf, nc)) == NULL) {
                free(buf);
                fclose(f);
                return eqi_diag_plain(diag, EQ_ERR_NOMEM,
                                      "%s: out of memory", path);
            }
            buf = t;
            cap = nc;
        }
        errno = 0;
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0 || len < cap) {
            if (ferror(f)) {
                int err = errno ? errno : EIO;
                free(buf);
                fclose(f);
                return io_error(diag, path, "cannot read", err);
            }
            if (feof(f))
                break;
        }
    }
    fclose(f);
    *out = buf;
    *outlen = len;
    return EQ_OK;
}

/* Write all of k bytes to fd, retrying after signals and short writes. */
static int write_all(int fd, const char *s, size_t k)
{
    while (k > 0) {
        ssize_t w = write(fd, s, k);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        s += w;
        k -= (size_t)w;
    }
    return 0;
}

eq_status eqi_save_file(const char *path, const char *text, size_t len)
{
    static const char suffix[] = ".tmpXXXXXX";
    char *tmp;
    struct stat st;
    mode_t mode = 0644;
    eq_status s = EQ_OK;
    int fd;

    if ((tmp = malloc(strlen(path) + sizeof suffix)) == NULL)
        return EQ_ERR_NOMEM;
    strcpy(tmp, path);
    strcat(tmp, suffix);
    /* The temporary beside path, so rename() stays on one file system and
    ** replaces path atomically; an existing file keeps its mode. */
    if ((fd = mkstemp(tmp)) < 0) {
        free(tmp);
        return EQ_ERR_IO;
    }
    if (stat(path, &st) == 0)
        mode = st.st_mode & 07777;
    if (write_all(fd, text, len) != 0 || fchmod(fd, mode) != 0 ||
        fsync(fd) != 0) {
        close(fd);
        s = EQ_ERR_IO;
    } else if (close(fd) != 0 || rename(tmp, path) != 0) {
        s = EQ_ERR_IO;
    }
    if (s != EQ_OK)
        unlink(tmp);
    free(tmp);
    return s;
}

/* ------------------------------------------------------------------ */
/* A growing string                                                     */
/* ------------------------------------------------------------------ */

void eqi_sb_gambit_quoted(eqi_sbuf *b, const char *s)
{
    eqi_sb_put(b, "\"", 1);
    for (s = s ? s : "";;) {
        size_t k = strcspn(s, "\"\\");
        eqi_sb_put(b, s, k);
        s += k;
        if (*s == '\0')
            break;
        eqi_sb_put(b, "\\", 1);
        eqi_sb_put(b, s++, 1);
    }
    eqi_sb_put(b, "\"", 1);
}

/* ------------------------------------------------------------------ */
/* Gambit tokens                                                        */
/* ------------------------------------------------------------------ */

eq_status eqi_gb_fail(eqi_gb *p, eq_status s, const eqi_loc *at,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    s = eqi_diag_vat(&p->src, s, at, fmt, ap);
    va_end(ap);
    return s;
}

eq_status eqi_gb_nomem(eqi_gb *p) { return eqi_diag_nomem(&p->src); }

const char *eqi_gb_describe(const eqi_gb *p, char *buf, size_t size)
{
    switch (p->kind) {
    case EQI_GB_EOF:
        return "end of file";
    case EQI_GB_STRING:
        return "a string";
    default:
        snprintf(buf, size, "'%.*s%s'",
                 (int)(p->tlen > EQI_GB_QUOTE_MAX ? EQI_GB_QUOTE_MAX
                                                  : p->tlen),
                 p->text, p->tlen > EQI_GB_QUOTE_MAX ? "..." : "");
        return buf;
    }
}

eq_status eqi_gb_unexpected(eqi_gb *p, const char *what)
{
    char b[EQI_GB_QUOTE_MAX + 8];
    if (p->kind == EQI_GB_EOF)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                           "unexpected end of file, expected %s", what);
    return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "expected %s, found %s",
                       what, eqi_gb_describe(p, b, sizeof b));
}

eq_status eqi_gb_keep(eqi_gb *p, char **slot)
{
    if ((*slot = eqi_strdup(p->text)) == NULL)
        return eqi_gb_nomem(p);
    return EQ_OK;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

/* Bytes that make up a bare word (a number, NFG, EFG, R, p): printable
** ASCII except the punctuation of the format. */
static int is_word(unsigned char c)
{
    return c > 0x20 && c < 0x7f && c != '{' && c != '}' && c != '"' &&
           c != ',';
}

static void advance(eqi_gb *p)
{
    if (p->src.text[p->i] == '\n') {
        if (p->line < INT_MAX)
            p->line++;
        p->lstart = p->i + 1;
    }
    p->i++;
}

static void here(const eqi_gb *p, eqi_loc *at)
{
    at->off = (uint32_t)p->i;   /* the text is shorter: eqi_gb_prologue */
    at->ctx = NULL;
    at->line = p->line;
}

/* Append c to the token text, keeping room for the terminating NUL. */
static eq_status put(eqi_gb *p, char c)
{
    if (p->tlen + 2 > p->tcap) {
        size_t cap = p->tcap ? 2 * p->tcap : 64;
        char *t;
        if (cap < p->tcap)  /* size_t overflow */
            return eqi_gb_nomem(p);
        t = realloc(p->text, cap);
        if (t == NULL)
            return eqi_gb_nomem(p);
        p->text = t;
        p->tcap = cap;
    }
    p->text[p->tlen++] = c;
    p->text[p->tlen] = '\0';
    return EQ_OK;
}

eq_status eqi_gb_next(eqi_gb *p)
{
    const char *buf = p->src.text;
    size_t len = p->src.len;
    unsigned char c;
    eq_status s;

    while (p->i < len && is_space((unsigned char)buf[p->i]))
        advance(p);
    here(p, &p->at);
    p->tlen = 0;
    if ((s = put(p, '\0')) != EQ_OK)    /* make sure text exists */
        return s;
    p->tlen = 0;
    if (p->i >= len) {
        p->kind = EQI_GB_EOF;
        return EQ_OK;
    }
    c = (unsigned char)buf[p->i];
    if (c == '{' || c == '}' || c == ',') {
        p->kind = c == '{' ? EQI_GB_LBRACE
                : c == '}' ? EQI_GB_RBRACE : EQI_GB_COMMA;
        advance(p);
        return put(p, (char)c);
    }
    if (c == '"') {
        /* Every byte up to the closing quote is significant; a backslash
        ** takes the next byte literally (\" and \\). */
        p->kind = EQI_GB_STRING;
        advance(p);
        for (;;) {
            eqi_loc nul;
            if (p->i >= len)
                return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                                   "unterminated string");
            c = (unsigned char)buf[p->i];
            if (c == '"') {
                advance(p);
                return EQ_OK;
            }
            if (c == '\\') {
                advance(p);
                if (p->i >= len)
                    return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                                       "unterminated string");
                c = (unsigned char)buf[p->i];
            }
            if (c == '\0') {
                here(p, &nul);
                return eqi_gb_fail(p, EQ_ERR_PARSE, &nul,
                                   "NUL byte in string");
            }
            if ((s = put(p, (char)c)) != EQ_OK)
                return s;
            advance(p);
        }
    }
    if (is_word(c)) {
        p->kind = EQI_GB_WORD;
        while (p->i < len && is_word((unsigned char)buf[p->i])) {
            if ((s = put(p, buf[p->i])) != EQ_OK)
                return s;
            advance(p);
        }
        return EQ_OK;
    }
    if (c == '\0')
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "unexpected NUL byte");
    return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "invalid byte 0x%02X", c);
}

eq_status eqi_gb_rewind(eqi_gb *p, const eqi_loc *at)
{
    p->i = at->off;
    p->lstart = eqi_loc_lstart(p->src.text, at);
    p->line = at->line;
    return eqi_gb_next(p);
}

eq_status eqi_gb_prologue(eqi_gb *p, const char *magic, const char *version,
                          const char *form, char **title,
                          char *pname[EQ_MAX_PLAYERS], int *n)
{
    char b[EQI_GB_QUOTE_MAX + 8];
    eq_status s;

    *title = NULL;
    *n = 0;
    if (p->src.len > EQI_SRC_MAX)
        return eqi_diag_plain(p->src.diag, EQ_ERR_LIMIT, "%s: the file is larger than 4 GiB",
                              p->src.name);
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    if (p->kind == EQI_GB_EOF)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at, "empty file");
    if (p->kind != EQI_GB_WORD || strcmp(p->text, magic) != 0)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                           "not a Gambit %s file: expected '%s', found %s",
                           form, magic, eqi_gb_describe(p, b, sizeof b));
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    if (p->kind != EQI_GB_WORD)
        return eqi_gb_unexpected(p, "a version number");
    if (strcmp(p->text, version) != 0)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                           "unsupported version %s: only version %s is known",
                           eqi_gb_describe(p, b, sizeof b), version);
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    if (p->kind != EQI_GB_WORD ||
        (strcmp(p->text, "R") != 0 && strcmp(p->text, "D") != 0))
        return eqi_gb_unexpected(p, "R or D");
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    if (p->kind != EQI_GB_STRING)
        return eqi_gb_unexpected(p, "the title string");
    if ((s = eqi_gb_keep(p, title)) != EQ_OK)
        return s;

    /* { "Player 1" "Player 2" ... } */
    if ((s = eqi_gb_next(p)) != EQ_OK)
        return s;
    if (p->kind != EQI_GB_LBRACE)
        return eqi_gb_unexpected(p, "'{' before the player names");
    for (;;) {
        if ((s = eqi_gb_next(p)) != EQ_OK)
            return s;
        if (p->kind == EQI_GB_RBRACE)
            break;
        if (p->kind != EQI_GB_STRING)
            return eqi_gb_unexpected(p, "a player name or '}'");
        if (*n == EQ_MAX_PLAYERS)
            return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                               "too many players (at most %d)",
                               EQ_MAX_PLAYERS);
        if ((s = eqi_gb_keep(p, &pname[*n])) != EQ_OK)
            return s;
        (*n)++;
    }
    if (*n == 0)
        return eqi_gb_fail(p, EQ_ERR_PARSE, &p->at,
                           "the game has no players");
    return EQ_OK;
}

int eqi_gb_count(const char *text, size_t *v)
{
    size_t x = 0;
    if (*text == '\0')
        return 0;
    for (; *text; text++) {
        unsigned d;
        if (*text < '0' || *text > '9')
            return 0;
        d = (unsigned)(*text - '0');
        x = x > (SIZE_MAX - d) / 10 ? SIZE_MAX : x * 10 + d;
    }
    *v = x;
    return 1;
}

int eqi_gb_huge_exponent(const char *text)
{
    for (; *text; text++) {
        const char *t;
        long e = 0;
        if (*text != 'e' && *text != 'E')
            continue;
        t = text + 1;
        if (*t == '+' || *t == '-')
            t++;
        for (; *t >= '0' && *t <= '9'; t++)
            if (e <= EQI_GB_EXPONENT_MAX)
                e = e * 10 + (*t - '0');
        if (e > EQI_GB_EXPONENT_MAX)
            return 1;
    }
    return 0;
}
