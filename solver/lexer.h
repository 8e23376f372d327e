/*
** lexer.h -- the tokens of the .game model language.  Internal; never
** installed.  Places in the source and the diagnostics that quote it are
** in textio.h.
**
** The whole input is cut into an array of tokens at once, so the parser
** may look ahead as far as it likes.  Newlines are tokens (the language is
** written line by line), except inside brackets ( ) [ ] { }, where a
** construct may run over several lines.  '#' starts a comment that runs to
** the end of the line.  The exception: a '{' that ends a line starting
** with "for" (a block of family.c), and the '}' closing it at the top
** level, keep the newlines inside.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_LEXER_H
#define EQUILIB_LEXER_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"
#include "textio.h"     /* eqi_loc, eqi_src, eqi_diag_at */

typedef enum eqi_tk {
    EQI_TK_EOF = 0,
    EQI_TK_NL,          /* end of a line (outside brackets) */
    EQI_TK_IDENT,       /* letter or '_' then letters, digits, '_' */
    EQI_TK_NUMBER,      /* decimal: 12, 0.5, .5, 1e-3 */
    EQI_TK_STRING,      /* "text", with \" \\ \n \t \r escapes */
    EQI_TK_LPAREN, EQI_TK_RPAREN, EQI_TK_LBRACK, EQI_TK_RBRACK,
    EQI_TK_LBRACE, EQI_TK_RBRACE, EQI_TK_COMMA, EQI_TK_COLON,
    EQI_TK_ARROW,       /* -> */
    EQI_TK_ASSIGN,      /* = */
    EQI_TK_EQ, EQI_TK_NE, EQI_TK_LT, EQI_TK_LE, EQI_TK_GT, EQI_TK_GE,
    EQI_TK_PLUS, EQI_TK_MINUS, EQI_TK_STAR, EQI_TK_SLASH, EQI_TK_CARET,
    EQI_TK_DOTDOT,      /* .. in a range: 0..100 */
    EQI_TK_TILDE,       /* ~ in "types NAME ~ uniform(...)" */
    /* Reserved words. */
    EQI_TK_GAME, EQI_TK_PLAYERS, EQI_TK_PARAM, EQI_TK_LET, EQI_TK_NODE,
    EQI_TK_STAGE, EQI_TK_INFOSET, EQI_TK_CHOOSES,
    EQI_TK_CHANCE, EQI_TK_IF, EQI_TK_THEN, EQI_TK_ELSE, EQI_TK_AND,
    EQI_TK_OR, EQI_TK_NOT
    /* "x" in a stage's players, "in" before a parameter's domain and
    ** "start" opening a line "start NODE" are words only there: elsewhere
    ** they are plain identifiers. */
} eqi_tk;

typedef struct eqi_tok {
    eqi_tk kind;
    uint32_t tlen;      /* the text's length (a STRING may hold no NUL, so
                           this equals strlen); texts are shorter than
                           EQI_TOKEN_MAX */
    eqi_loc at;
    union {             /* 32 bytes a token: a million-node model written
                           with families expands to ~8 million tokens */
        size_t text;    /* IDENT, STRING, reserved words: offset of the
                           NUL-terminated text in the lexer's pool */
        double num;     /* NUMBER: its value, rounded to nearest */
    };
} eqi_tok;

/* The longest identifier or string, in bytes. */
#define EQI_TOKEN_MAX 65536

typedef struct eqi_lexer {
    eqi_tok *tok;       /* ntok tokens, the last one EQI_TK_EOF */
    int ntok;
    size_t cap;
    char *pool;         /* texts of identifiers and strings */
    size_t npool, cappool;
    char **ctx;         /* the contexts of eqi_loc.ctx made by
                           eqi_expand, each its own allocation (so a
                           pointer to one stays valid); whoever keeps
                           the locations takes them over */
    int nctx;
    size_t capctx;
} eqi_lexer;

/* Cut src into tokens.  Fails with EQ_ERR_PARSE (a byte that starts no
** token, an unterminated string, a number out of range, too many tokens)
** with the diagnostic filled in, or EQ_ERR_NOMEM.  lx must be zeroed
** before; free it with eqi_lex_free whatever the result. */
eq_status eqi_lex(eqi_lexer *lx, const eqi_src *src);
void eqi_lex_free(eqi_lexer *lx);

/* Expand the families, "for" blocks and "types" lines of the token array
** (family.c): afterwards the tokens hold none of them, only the plain
** language, with family members named "offer[37]" and the locations of
** copied tokens carrying their instance in ctx.  Fails with EQ_ERR_PARSE
** (the diagnostic filled in) or EQ_ERR_NOMEM. */
eq_status eqi_expand(eqi_lexer *lx, const eqi_src *src);

/* The largest number of tokens the expansion may make. */
#define EQI_EXPAND_MAX_TOKENS 200000000

/* The text of token t (identifier, string or reserved word; "" for a
** number or punctuation).  Inline: it runs for every name the expansion
** and the parser look at.  A number's text shares its bytes with its
** value: it has none. */
static inline const char *eqi_tok_text(const eqi_lexer *lx, const eqi_tok *t)
{
    return t->kind == EQI_TK_NUMBER ? "" : lx->pool + t->text;
}

/* A description of a token for messages: 'abc', '(', "a string",
** "end of line", "end of file".  buf holds at least 48 bytes. */
const char *eqi_tok_describe(const eqi_lexer *lx, const eqi_tok *t,
                             char *buf, size_t size);

/* Whether s is an identifier of the language that is not a reserved word
** (so a writer may print it bare rather than quoted). */
int eqi_is_plain_name(const char *s);

/* Convert decimal text (digits, an optional fraction and exponent; no
** sign) to the nearest double, independently of the C locale.  Returns 0,
** or -1 when the text is malformed or the value overflows a double. */
int eqi_decimal_to_double(const char *text, size_t len, double *out);

/* Format a finite double as the shortest decimal text (at most 17
** significant digits) that eqi_decimal_to_double reads back to the same
** value, independently of the C locale.  buf holds at least 32 bytes. */
void eqi_format_double(double v, char *buf, size_t size);

#endif /* EQUILIB_LEXER_H */
