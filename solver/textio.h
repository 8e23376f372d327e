/*
** textio.h -- what the readers and writers of text formats share: places
** in a source text and the diagnostics that quote them, reading a whole
** file, saving a file atomically, and the strings and tokens of
** Gambit's .nfg and .efg formats.  Internal; never installed.
**
** Users: nfg.c and efg.c (Gambit), lexer.c and model/ (.game).
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_TEXTIO_H
#define EQUILIB_TEXTIO_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* ------------------------------------------------------------------ */
/* Places and diagnostics                                               */
/* ------------------------------------------------------------------ */

/* A place in a source text: its byte offset and its 1-based line as
** shown to the user; the column and the line's first byte (to quote the
** line in a diagnostic) are found from the text when needed.  16 bytes:
** every token, target and instruction of a model carries one, so a
** source text holds less than EQI_SRC_MAX bytes. */
typedef struct eqi_loc {
    const char *ctx;    /* NULL, or the instance of a template this place
                           was copied into ("offer[37]"): diagnostics then
                           read "file:line:col: in offer[37]: ..." */
    uint32_t off;
    int line;
} eqi_loc;

/* The largest source text a place can point into: 4 GiB - 1 bytes. */
#define EQI_SRC_MAX ((size_t)UINT32_MAX)

/* The offset of the first byte of at's line in text, and at's 1-based
** column in bytes. */
size_t eqi_loc_lstart(const char *text, const eqi_loc *at);
int eqi_loc_col(const char *text, const eqi_loc *at);

/* One file of a source text made of several (a model and the files it
** includes, one after the other, each after a newline): its bytes
** [base, base + len) of the text, its name, and the file and line that
** included it (parent -1: the first file). */
typedef struct eqi_seg {
    size_t base, len;
    char *name;
    int parent, line;
} eqi_seg;

/* A source text, its name for messages (a path or the caller's name),
** and where diagnostics go.  With nseg > 0, a place is named by the file
** of seg holding it, with "(included from FILE:LINE)" notes. */
typedef struct eqi_src {
    const char *name;
    const char *text;
    size_t len;
    eq_diag *diag;      /* may be NULL */
    const eqi_seg *seg;
    int nseg;
} eqi_src;

/* The file of seg (nseg of them) holding byte off: the last one starting
** at or before it. */
int eqi_seg_of(const eqi_seg *seg, int nseg, size_t off);

/* Append " (included from FILE:LINE, from ...)" for file k of seg to the
** message buf (size bytes); nothing for the first file. */
void eqi_seg_note(const eqi_seg *seg, int k, char *buf, size_t size);

/* Zero *d.  No operation is performed if d is NULL. */
void eqi_diag_clear(eq_diag *d);

/* Fill src->diag with "name:line:col: message", the line and column, and
** the source line holding at (a NUL in it shows as '?', a CRLF ending is
** dropped), and return s.  A NULL diag only returns s.  Only the first
** error of a parse is reported, since the parsers stop at it. */
eq_status eqi_diag_at(const eqi_src *src, eq_status s, const eqi_loc *at,
                      const char *fmt, ...) EQI_PRINTF(4, 5);
eq_status eqi_diag_vat(const eqi_src *src, eq_status s, const eqi_loc *at,
                       const char *fmt, va_list ap);

/* "name: out of memory", with no place; returns EQ_ERR_NOMEM. */
eq_status eqi_diag_nomem(const eqi_src *src);

/* A message tied to no place (line and column 0, no source line); returns
** s.  A NULL d only returns s. */
eq_status eqi_diag_plain(eq_diag *d, eq_status s, const char *fmt, ...)
    EQI_PRINTF(3, 4);

/* ------------------------------------------------------------------ */
/* Files                                                                */
/* ------------------------------------------------------------------ */

/* Read the whole file at path into *buf (*len bytes, not NUL-terminated;
** caller frees *buf).  Returns EQ_OK; EQ_ERR_IO with "path: cannot open:
** strerror" or "path: cannot read: strerror"; or EQ_ERR_NOMEM with "path:
** out of memory".  On failure *buf is NULL and the diagnostic (if any)
** has no place. */
eq_status eqi_read_file(const char *path, char **buf, size_t *len,
                        eq_diag *diag);

/* Replace the file at path with the len bytes of text, atomically: write
** a temporary file beside path (so rename() stays on one file system),
** give it the mode of the file it replaces (0644 for a new one), fsync,
** rename over path.  The temporary is removed on failure.  Returns EQ_OK,
** EQ_ERR_NOMEM or EQ_ERR_IO. */
eq_status eqi_save_file(const char *path, const char *text, size_t len);

/* ------------------------------------------------------------------ */
/* Gambit strings                                                       */
/* ------------------------------------------------------------------ */

/* s as a Gambit string: double-quoted, " and \ escaped by a backslash;
** NULL is written as "". */
void eqi_sb_gambit_quoted(eqi_sbuf *b, const char *s);

/* ------------------------------------------------------------------ */
/* Gambit tokens (.nfg and .efg)                                        */
/* ------------------------------------------------------------------ */

/* Longest token text quoted in a message. */
#define EQI_GB_QUOTE_MAX 32
/* Parsing a run of digits is quadratic in its length (one multiply by 10
** per digit), so number tokens are capped to keep hostile input cheap. */
#define EQI_GB_NUMBER_MAX 4096
/* A decimal exponent beyond this makes a double 0 or infinite anyway, and
** "1e-99999" would cost 40 kB of rational per 8 bytes of input. */
#define EQI_GB_EXPONENT_MAX 1000

enum {
    EQI_GB_EOF, EQI_GB_LBRACE, EQI_GB_RBRACE, EQI_GB_COMMA,
    EQI_GB_STRING,      /* "text": a backslash takes the next byte as is */
    EQI_GB_WORD         /* printable ASCII but { } " ,: a number, NFG, R */
};

/* A tokenizer over src.  Set src and line = 1 on a zeroed struct; free
** text when done. */
typedef struct eqi_gb {
    eqi_src src;
    size_t i;           /* next unread byte */
    int line;           /* line of byte i */
    size_t lstart;      /* offset of the first byte of that line */
    /* The current token: its kind, where it starts, and its text (the
    ** unescaped contents of a string; the characters of anything else),
    ** always NUL-terminated. */
    int kind;
    eqi_loc at;
    char *text;
    size_t tlen, tcap;
} eqi_gb;

/* Read the next token into p->kind, p->at and p->text.  Reports an
** unterminated string, a NUL inside a string and a byte that cannot start
** a token (EQ_ERR_PARSE), or EQ_ERR_NOMEM. */
eq_status eqi_gb_next(eqi_gb *p);
/* Go back to a place seen before, and read the token there. */
eq_status eqi_gb_rewind(eqi_gb *p, const eqi_loc *at);

/* eqi_diag_at and eqi_diag_nomem on p->src. */
eq_status eqi_gb_fail(eqi_gb *p, eq_status s, const eqi_loc *at,
                      const char *fmt, ...) EQI_PRINTF(4, 5);
eq_status eqi_gb_nomem(eqi_gb *p);

/* A short description of the current token for messages: 'abc', '{',
** a string, end of file.  Long words are cut and end in "...".  buf holds
** at least EQI_GB_QUOTE_MAX + 8 bytes. */
const char *eqi_gb_describe(const eqi_gb *p, char *buf, size_t size);
/* "expected WHAT, found TOKEN" (or "unexpected end of file, expected
** WHAT") at the current token; returns EQ_ERR_PARSE. */
eq_status eqi_gb_unexpected(eqi_gb *p, const char *what);
/* Take a copy of the current token's text into *slot. */
eq_status eqi_gb_keep(eqi_gb *p, char **slot);

/* The prologue both formats open with, up to the '}' closing the player
** names, which stays the current token:
**   MAGIC VERSION R|D "title" { "Player 1" "Player 2" ... }
** form names the file type in the message for a wrong magic word
** ("strategic-form").  *title and pname[0 .. *n) are owned by the caller
** and set as far as they were read, also on failure. */
eq_status eqi_gb_prologue(eqi_gb *p, const char *magic, const char *version,
                          const char *form, char **title,
                          char *pname[EQ_MAX_PLAYERS], int *n);

/* Whether text is a run of decimal digits; its value, saturated at
** SIZE_MAX, goes to *v. */
int eqi_gb_count(const char *text, size_t *v);
/* Whether some exponent in text ("1e-5000") exceeds EQI_GB_EXPONENT_MAX. */
int eqi_gb_huge_exponent(const char *text);

#endif /* EQUILIB_TEXTIO_H */
