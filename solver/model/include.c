/*
** include.c -- "include", "set" and "default" lines of the .game
** language (models/LANGUAGE.md, "Including a model").
**
**     include "security.game"
**     set option = membership
**     default delay = 3
**
** An include line is replaced, on the token array between lexing and the
** expansion of families, by the tokens of the file it names (a path
** relative to the directory of the file holding the line).  The included
** text is appended to the model's source after a newline, so every token
** keeps its own file's line and column and a byte offset into the one
** source; the table of files (eqi_seg) names the file of a place in a
** diagnostic, with the chain of "included from" notes.
**
** After the expansion, the set and default lines are read before any
** declaration is parsed: a parameter named by a set line is fixed.  It
** keeps its slot in the value array, but the slots of the fixed
** parameters come after the others, so a caller's array of
** eq_model_params(m) values holds the free parameters only.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _XOPEN_SOURCE 700   /* realpath */

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model.h"

static int is_word(const parser *p, int i, const char *w)
{
    const eqi_tok *t = &p->lx.tok[i];
    return t->kind == EQI_TK_IDENT && strcmp(text(p, t), w) == 0;
}

static int line_start(const parser *p, int i)
{
    return i == 0 || p->lx.tok[i - 1].kind == EQI_TK_NL;
}

/* ---- include ------------------------------------------------------------ */

/* The directory of path with a trailing '/', or "" (the working
** directory) when it has none. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash != NULL ? (size_t)(slash - path) + 1 : 0;
    char *d = malloc(n + 1);
    if (d != NULL) {
        memcpy(d, path, n);
        d[n] = '\0';
    }
    return d;
}

static int new_seg(parser *p, size_t base, size_t len, const char *name, int parent, int line)
{
    eq_model *m = p->m;
    eqi_seg *g;
    if (eqi_grow(&m->seg, &p->capseg, (size_t)m->nseg + 1, sizeof *m->seg) != 0)
        return -1;
    g = &m->seg[m->nseg];
    memset(g, 0, sizeof *g);
    g->base = base;
    g->len = len;
    g->parent = parent;
    g->line = line;
    if ((g->name = eqi_strdup(name)) == NULL)
        return -1;
    m->nseg++;
    p->src.seg = m->seg;
    p->src.nseg = m->nseg;
    return 0;
}

/* The file named by the include line's string at token i: its path, read
** and checked against the chain of files including it. */
static eq_status include_path(parser *p, int i, int from, char **path)
{
    eq_model *m = p->m;
    const eqi_tok *t = &p->lx.tok[i];
    const char *rel = text(p, t);
    char *dir, real[PATH_MAX], other[PATH_MAX];
    struct stat st;
    int depth = 0;
    size_t n;

    *path = NULL;
    if (rel[0] == '\0')
        return eqi_parse_fail(p, &t->at, "include: the file name is empty");
    if ((dir = dir_of(m->seg[from].name)) == NULL)
        return nomem(p);
    n = (rel[0] == '/' ? 0 : strlen(dir)) + strlen(rel) + 1;
    if ((*path = malloc(n)) == NULL) {
        free(dir);
        return nomem(p);
    }
    snprintf(*path, n, "%s%s", rel[0] == '/' ? "" : dir, rel);
    free(dir);
    if (stat(*path, &st) != 0)
        return eqi_parse_fail(p, &t->at, "include: cannot open '%.200s'", *path);
    if (!S_ISREG(st.st_mode))
        return eqi_parse_fail(p, &t->at, "include: '%.200s' is not a regular file", *path);
    if ((unsigned long long)st.st_size > EQI_INCLUDE_BYTES)
        return eqi_parse_fail(p, &t->at, "include: '%.200s' is larger than %d MB "
                              "(EQI_INCLUDE_BYTES)", *path, EQI_INCLUDE_BYTES >> 20);
    for (int k = from; k >= 0; k = m->seg[k].parent)
        depth++;
    if (depth > EQI_INCLUDE_DEPTH)
        return eqi_parse_fail(p, &t->at, "include: include lines nested more than %d deep "
                              "(EQI_INCLUDE_DEPTH)", EQI_INCLUDE_DEPTH);
    /* realpath into buffers of ours: its own would come from the C
    ** library's malloc, not the library's allocator (alloc.h). */
    if (realpath(*path, real) == NULL)
        return eqi_parse_fail(p, &t->at, "include: cannot open '%.200s'", *path);
    for (int k = from; k >= 0; k = m->seg[k].parent)
        if (realpath(m->seg[k].name, other) != NULL && strcmp(other, real) == 0)
            return eqi_parse_fail(p, &t->at, "include: '%.200s' is already being read "
                                  "(a cycle of includes)", *path);
    return EQ_OK;
}

/* Replace tokens [i, i + 2) (include "FILE") by the tokens of FILE. */
static eq_status splice(parser *p, int i)
{
    eq_model *m = p->m;
    eqi_lexer in;
    eqi_src sub;
    char *path = NULL, *buf = NULL, *grown;
    size_t len = 0, base, pbase;
    int from = eqi_seg_of(m->seg, m->nseg, p->lx.tok[i].at.off), line = p->lx.tok[i].at.line;
    int nin;
    eq_status s;

    if ((s = include_path(p, i + 1, from, &path)) != EQ_OK ||
        (s = eqi_read_file(path, &buf, &len, p->src.diag)) != EQ_OK) {
        free(path);
        return s;
    }
    /* The source: what it was, a newline, the file. */
    base = m->srclen + 1;
    if (len > EQI_SRC_MAX - 1 || base > EQI_SRC_MAX - 1 - len) {
        free(path);
        free(buf);
        return eqi_parse_fail(p, &p->lx.tok[i].at, "include: the model and the files it "
                              "includes exceed %zu bytes", (size_t)EQI_SRC_MAX - 1);
    }
    if ((grown = realloc(m->src, base + len + 1)) == NULL) {
        free(path);
        free(buf);
        return nomem(p);
    }
    m->src = grown;
    m->src[m->srclen] = '\n';
    memcpy(m->src + base, buf, len);
    m->src[base + len] = '\0';
    m->srclen = base + len;
    free(buf);
    p->src.text = m->src;
    p->src.len = m->srclen;
    if (new_seg(p, base, len, path, from, line) != 0) {
        free(path);
        return nomem(p);
    }
    memset(&in, 0, sizeof in);
    sub = p->src;
    sub.name = path;
    sub.text = m->src + base;
    sub.len = len;
    sub.seg = NULL;
    sub.nseg = 0;
    if ((s = eqi_lex(&in, &sub)) != EQ_OK) {
        if (s != EQ_ERR_NOMEM && p->src.diag != NULL)
            eqi_seg_note(m->seg, m->nseg - 1, p->src.diag->message,
                         sizeof p->src.diag->message);
        eqi_lex_free(&in);
        free(path);
        return s;
    }
    free(path);
    /* Its texts join the pool; its places move by base; its EOF goes. */
    nin = in.ntok - 1;
    pbase = p->lx.npool;
    if (eqi_grow(&p->lx.pool, &p->lx.cappool, pbase + in.npool + 1, 1) != 0 ||
        eqi_grow(&p->lx.tok, &p->lx.cap, (size_t)p->lx.ntok + (size_t)nin, sizeof *p->lx.tok)) {
        eqi_lex_free(&in);
        return nomem(p);
    }
    if (in.npool > 0)
        memcpy(p->lx.pool + pbase, in.pool, in.npool);
    p->lx.npool += in.npool;
    for (int k = 0; k < nin; k++) {
        eqi_tok *t = &in.tok[k];
        if (t->kind != EQI_TK_NUMBER)
            t->text += pbase;
        t->at.off += (uint32_t)base;
    }
    memmove(&p->lx.tok[i + nin], &p->lx.tok[i + 2],
            (size_t)(p->lx.ntok - i - 2) * sizeof *p->lx.tok);
    if (nin > 0)
        memcpy(&p->lx.tok[i], in.tok, (size_t)nin * sizeof *in.tok);
    p->lx.ntok += nin - 2;
    eqi_lex_free(&in);
    return EQ_OK;
}

eq_status eqi_include_all(parser *p)
{
    int depth = 0;
    if (new_seg(p, 0, p->m->srclen, p->m->name, -1, 0) != 0)
        return nomem(p);
    for (int i = 0; i < p->lx.ntok; i++) {
        const eqi_tok *t = &p->lx.tok[i];
        eq_status s;
        if (t->kind == EQI_TK_LBRACE)
            depth++;
        else if (t->kind == EQI_TK_RBRACE && depth > 0)
            depth--;
        if (!line_start(p, i) || !is_word(p, i, "include") ||
            p->lx.tok[i + 1].kind != EQI_TK_STRING)
            continue;
        if (p->lx.tok[i + 2].kind != EQI_TK_NL && p->lx.tok[i + 2].kind != EQI_TK_EOF)
            return eqi_parse_fail(p, &p->lx.tok[i + 2].at,
                                  "expected the end of the line after the included file");
        if (depth > 0)
            return eqi_parse_fail(p, &t->at, "include inside a block: include files at "
                                  "the top level only");
        if ((s = splice(p, i)) != EQ_OK)
            return s;
        i--;                /* the file's first token is read next */
    }
    return EQ_OK;
}

/* ---- set and default ---------------------------------------------------- */

int eqi_at_set_line(const parser *p, int i)
{
    return line_start(p, i) && (is_word(p, i, "set") || is_word(p, i, "default")) &&
           p->lx.tok[i + 1].kind == EQI_TK_IDENT && p->lx.tok[i + 2].kind == EQI_TK_ASSIGN;
}

/* One pass over the tokens (a million-node model expands to millions of
** them): the kind decides first, and the places of the parameter
** declarations are kept in p->pslot, then replaced by their slots. */
eq_status eqi_scan_sets(parser *p)
{
    eq_model *m = p->m;
    int nparam = 0, vis = 0, fix;
    size_t cappslot = 0;

    for (int i = 0; i < p->lx.ntok; i++) {
        const eqi_tok *t = &p->lx.tok[i];
        mset *e;
        int j = i + 3;
        if (t->kind != EQI_TK_PARAM && t->kind != EQI_TK_IDENT)
            continue;
        if (t->kind == EQI_TK_PARAM) {
            if (!line_start(p, i))
                continue;
            if (eqi_grow(&p->pslot, &cappslot, (size_t)nparam + 2, sizeof *p->pslot) != 0)
                return nomem(p);
            p->pslot[nparam++] = i;
            continue;
        }
        if (!eqi_at_set_line(p, i))
            continue;
        for (int k = 0; k < p->nset; k++)
            if (strcmp(text(p, &p->lx.tok[p->set[k].name]), text(p, &t[1])) == 0)
                return eqi_parse_fail(p, &t[1].at, "'%.64s' is set twice (first at "
                                      "line %d)", text(p, &t[1]),
                                      p->lx.tok[p->set[k].name].at.line);
        if (p->lx.tok[j].kind == EQI_TK_MINUS)
            j++;
        if (p->lx.tok[j].kind != EQI_TK_NUMBER &&
            !(p->lx.tok[j].kind == EQI_TK_IDENT && j == i + 3))
            return eqi_parse_fail(p, &p->lx.tok[j].at, "expected a number or a choice's "
                                  "name after '%s %.64s ='", text(p, t), text(p, &t[1]));
        if (p->lx.tok[j + 1].kind != EQI_TK_NL && p->lx.tok[j + 1].kind != EQI_TK_EOF)
            return eqi_parse_fail(p, &p->lx.tok[j + 1].at, "expected the end of the line "
                                  "after the value");
        if (eqi_grow(&p->set, &p->capset, (size_t)p->nset + 1, sizeof *p->set) != 0)
            return nomem(p);
        e = &p->set[p->nset++];
        e->name = i + 1;
        e->value = j;
        e->neg = j == i + 4;
        e->fixed = is_word(p, i, "set");
        e->used = 0;
    }
    /* The slot of each parameter declaration, in order: free ones first. */
    if (p->pslot == NULL && (p->pslot = malloc(sizeof *p->pslot)) == NULL)
        return nomem(p);
    fix = 0;
    for (int n = 0; n < nparam;) {
        int f = 0, i = p->pslot[n];
        if (p->lx.tok[i + 1].kind == EQI_TK_IDENT)
            for (int k = 0; k < p->nset; k++)
                if (p->set[k].fixed && strcmp(text(p, &p->lx.tok[p->set[k].name]),
                                              text(p, &p->lx.tok[i + 1])) == 0)
                    f = 1;
        p->pslot[n++] = f ? -1 - fix++ : vis++;
    }
    for (int n = 0; n < nparam; n++)
        if (p->pslot[n] < 0)
            p->pslot[n] = vis + (-1 - p->pslot[n]);
    if ((m->param = calloc((size_t)nparam + 1, sizeof *m->param)) == NULL)
        return nomem(p);
    p->cap_param = (size_t)nparam + 1;
    m->nparam = nparam;
    m->nvis = vis;
    return EQ_OK;
}

/* "file:line:col" of a place, for a message that has no source. */
static char *place(const parser *p, const eqi_loc *at)
{
    const eq_model *m = p->m;
    int f = eqi_seg_of(m->seg, m->nseg, at->off);
    size_t n = strlen(m->seg[f].name) + 48;
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, "%s:%d:%d", m->seg[f].name, at->line, eqi_loc_col(m->src, at));
    return s;
}

eq_status eqi_apply_set(parser *p, mparam *q)
{
    mset *e = NULL;
    const eqi_tok *v;
    double x;

    for (int k = 0; k < p->nset; k++)
        if (strcmp(text(p, &p->lx.tok[p->set[k].name]), q->name) == 0)
            e = &p->set[k];
    if (e == NULL)
        return EQ_OK;
    e->used = 1;
    v = &p->lx.tok[e->value];
    if (q->is_enum) {
        int c = -1;
        if (v->kind != EQI_TK_IDENT)
            return eqi_parse_fail(p, &v->at, "'%.64s' is a named choice: give one of its "
                                  "choices, not a number", q->name);
        for (int i = 0; i < q->nchoice; i++)
            if (strcmp(q->choice[i], text(p, v)) == 0)
                c = i;
        if (c < 0)
            return eqi_parse_fail(p, &v->at, "'%.64s' is not a choice of '%.64s'",
                                  text(p, v), q->name);
        x = c;
    } else {
        if (v->kind != EQI_TK_NUMBER)
            return eqi_parse_fail(p, &v->at, "'%.64s' is a number: give a number, not "
                                  "'%.64s'", q->name, text(p, v));
        x = e->neg ? -v->num : v->num;
        if (x < q->lo || x > q->hi) {
            char a[32], b[32], c[32];
            eqi_format_double(x, a, sizeof a);
            eqi_format_double(q->lo, b, sizeof b);
            eqi_format_double(q->hi, c, sizeof c);
            return eqi_parse_fail(p, &v->at, "%s lies outside the domain [%s, %s] of "
                                  "'%.64s'", a, b, c, q->name);
        }
    }
    q->def = x;
    if (e->fixed && (q->fixed_at = place(p, &p->lx.tok[e->name - 1].at)) == NULL)
        return nomem(p);
    return EQ_OK;
}

eq_status eqi_check_sets(parser *p)
{
    for (int k = 0; k < p->nset; k++)
        if (!p->set[k].used) {
            const eqi_tok *t = &p->lx.tok[p->set[k].name];
            return eqi_parse_fail(p, &t->at, "unknown parameter '%.64s': the model "
                                  "declares no parameter of that name", text(p, t));
        }
    return EQ_OK;
}

/* Whether word w occurs in text t as a whole word. */
static int has_word(const char *t, const char *w)
{
    size_t n = strlen(w);
    for (const char *q = strstr(t, w); q != NULL && n > 0; q = strstr(q + 1, w)) {
        int before = q > t && (isalnum((unsigned char)q[-1]) || q[-1] == '_');
        int after = isalnum((unsigned char)q[n]) || q[n] == '_';
        if (!before && !after)
            return 1;
    }
    return 0;
}

/* Whether claim i of m comes from an included file and its text names a
** fixed parameter or one of its choices (as a whole word: "P(peace |
** membership, before)" names option's choice membership). */
int eqi_claim_names_fixed(const eq_model *m, int i)
{
    const char *t = m->claim[i].text;
    if (m->nseg < 2 || eqi_seg_of(m->seg, m->nseg, m->claim[i].at.off) == 0)
        return 0;
    for (int k = m->nvis; k < m->nparam; k++) {
        if (has_word(t, m->param[k].name))
            return 1;
        for (int c = 0; c < m->param[k].nchoice; c++)
            if (has_word(t, m->param[k].choice[c]))
                return 1;
    }
    return 0;
}
