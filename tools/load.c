/*
** load.c -- reading the input files: Gambit .nfg and .efg, and .game
** models, from a path or from standard input ("-").
**
** The format is --input-format when given, else the file's extension;
** standard input, having none, is sniffed: after blank space and comment
** lines ("#" to the end of the line, as in .game files), a text beginning
** "NFG" is a .nfg, "EFG" a .efg, anything else a .game model.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void print_diag(const eq_diag *d)
{
    snprintf(cli_last_error, sizeof cli_last_error, "%s", d->message);
    if (cli_quiet)
        return;
    fprintf(stderr, "%s\n", d->message);
    if (d->line > 0 && d->source_line[0] != '\0') {
        fprintf(stderr, "  %s\n  ", d->source_line);
        for (int i = 1; i < d->col && d->source_line[i - 1] != '\0'; i++)
            fputc(d->source_line[i - 1] == '\t' ? '\t' : ' ', stderr);
        fputs("^\n", stderr);
    }
}

static int has_ext(const char *file, const char *ext)
{
    size_t n = strlen(file), k = strlen(ext);
    return n > k && strcmp(file + n - k, ext) == 0;
}

/* All of standard input, NUL-terminated; NULL (after a message) when it
** cannot be read. */
static char *read_stdin(size_t *len)
{
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap), *p;
    if (buf == NULL) {
        cli_error("out of memory");
        return NULL;
    }
    while ((got = fread(buf + n, 1, cap - n - 1, stdin)) > 0) {
        n += got;
        if (n + 1 == cap) {
            if ((p = realloc(buf, cap * 2)) == NULL) {
                free(buf);
                cli_error("out of memory");
                return NULL;
            }
            buf = p;
            cap *= 2;
        }
    }
    if (ferror(stdin)) {
        free(buf);
        cli_error("cannot read standard input");
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* The format of text read from standard input (see the file comment). */
static infmt sniff(const char *s)
{
    for (;;) {
        while (isspace((unsigned char)*s))
            s++;
        if (*s != '#')
            break;
        while (*s && *s != '\n')
            s++;
    }
    if (strncmp(s, "NFG", 3) == 0)
        return IN_NFG;
    if (strncmp(s, "EFG", 3) == 0)
        return IN_EFG;
    return IN_GAME;
}

/* The kind of file; IN_GUESS when it cannot be told (after a message). */
static infmt kind_of(const char *file, infmt forced)
{
    if (forced != IN_GUESS)
        return forced;
    if (has_ext(file, ".nfg"))
        return IN_NFG;
    if (has_ext(file, ".efg"))
        return IN_EFG;
    if (has_ext(file, ".game"))
        return IN_GAME;
    cli_error("%s: unknown kind of file (expected .nfg, .efg or .game, "
              "or say which with --input-format)", file);
    return IN_GUESS;
}

/* Read file (or standard input) as kind into one of *g, *t, *m. */
static eq_status read_kind(const char *file, infmt *kind, eq_game **g, eq_tree **t,
                           eq_model **m, eq_diag *d, int *rc)
{
    eq_status s;
    char *text;
    size_t len = 0;
    *rc = 0;
    if (strcmp(file, "-") != 0) {
        if ((*kind = kind_of(file, *kind)) == IN_GUESS) {
            *rc = EXIT_USAGE;
            return EQ_ERR_ARG;
        }
        return *kind == IN_NFG ? eq_game_read_nfg(g, file, d)
             : *kind == IN_EFG ? eq_tree_read_efg(t, file, d)
                               : eq_model_read(m, file, d);
    }
    if ((text = read_stdin(&len)) == NULL) {
        *rc = EXIT_USAGE;
        return EQ_ERR_IO;
    }
    if (*kind == IN_GUESS)
        *kind = sniff(text);
    s = *kind == IN_NFG ? eq_game_parse_nfg(g, text, len, "<stdin>", d)
      : *kind == IN_EFG ? eq_tree_parse_efg(t, text, len, "<stdin>", d)
                        : eq_model_parse(m, text, len, "<stdin>", d);
    free(text);
    return s;
}

/* A reader failed with s: say why.  Returns EXIT_USAGE.  (The reader
** returns nothing to free on failure.) */
static int read_failed(eq_status s, const eq_diag *d)
{
    if (s == EQ_ERR_NOMEM)
        cli_error("out of memory");
    else
        print_diag(d);
    return EXIT_USAGE;
}

/* Instantiate L->m at its defaults and the -p values. */
static int instantiate(const cli *c, loaded *L, eq_diag *d)
{
    eq_status s;
    L->values = malloc(((size_t)eq_model_params(L->m) + 1) * sizeof *L->values);
    if (L->values == NULL) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    if (eq_model_defaults(L->m, L->values) != EQ_OK) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    for (int i = 0; i < c->nparams; i++)
        if (eq_model_set_param(L->m, L->values, c->params[i], d) != EQ_OK) {
            cli_error("-p %s: %s", c->params[i], d->message);
            return EXIT_USAGE;
        }
    s = eq_model_instantiate(L->m, L->values, &L->t, d);
    if (s == EQ_ERR_NOMEM) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    if (s != EQ_OK) {
        print_diag(d);
        return EXIT_USAGE;
    }
    return 0;
}

int load_input(const cli *c, const char *file, loaded *L)
{
    eq_diag d;
    eq_status s;
    infmt kind = c->input_format;
    int rc;
    memset(L, 0, sizeof *L);
    memset(&d, 0, sizeof d);
    s = read_kind(file, &kind, &L->g, &L->t, &L->m, &d, &rc);
    if (rc != 0)
        return rc;
    if (s != EQ_OK)
        return read_failed(s, &d);
    if (kind != IN_GAME && c->nparams > 0) {
        cli_error("-p applies to .game models, not to %s", file);
        loaded_free(L);
        return EXIT_USAGE;
    }
    if (kind == IN_GAME && (rc = instantiate(c, L, &d)) != 0) {
        loaded_free(L);
        return rc;
    }
    return 0;
}

int load_model(const char *file, infmt kind, eq_model **m)
{
    eq_game *g = NULL;
    eq_tree *t = NULL;
    eq_diag d;
    eq_status s;
    int rc;
    memset(&d, 0, sizeof d);
    *m = NULL;
    if (kind == IN_GUESS && strcmp(file, "-") != 0 && !has_ext(file, ".nfg") &&
        !has_ext(file, ".efg"))
        kind = IN_GAME;            /* report reads models whatever their names */
    s = read_kind(file, &kind, &g, &t, m, &d, &rc);
    if (rc != 0)
        return rc;
    if (s == EQ_OK && kind != IN_GAME) {
        cli_error("%s: report needs a .game model with parameters, not a %s file",
                  file, kind == IN_NFG ? ".nfg" : ".efg");
        eq_game_free(g);
        eq_tree_free(t);
        return EXIT_USAGE;
    }
    return s == EQ_OK ? 0 : read_failed(s, &d);
}

void loaded_free(loaded *L)
{
    eq_game_free(L->g);
    eq_tree_free(L->t);
    eq_model_free(L->m);
    free(L->values);
    memset(L, 0, sizeof *L);
}
