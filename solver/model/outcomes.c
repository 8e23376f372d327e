/*
** outcomes.c -- what a model says about its outcomes: outcome classes
** (named sets of terminal nodes), named nodes from which outcomes are
** measured, and claims for robustness studies.
**
**   class NAME ["description"] = PATTERN {, PATTERN}
**   given NAME ["description"] = NODE
**   given NAME ["description"] = PATTERN {, PATTERN}
**   claim NAME ["description"] = "CLAIM"
**
** A pattern is a terminal node's name in which '*' stands for any run of
** characters (written like a name, or quoted).  The words class, given
** and claim are keywords only at the start of such a line.  Checked once
** the whole model is read: every pattern matches a terminal node, no
** terminal is in two classes, and once any class is declared every
** terminal is in one (so a payoff tuple written in place, which has no
** name, is an error); a named node exists and is not a structural switch;
** a given's patterns (matched against every node's name and label) each
** match some node and no structural switch; a claim compiles
** (sensitivity/claims.c).  A given is a set of nodes when it has a '*' or
** more than one pattern; one plain name is the one node of that name.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "../sensitivity/sens.h"

enum { DECL_NONE, DECL_CLASS, DECL_GIVEN, DECL_CLAIM };

/* Token k places ahead (the end of file is sticky). */
static const eqi_tok *ahead(const parser *p, int k)
{
    int i = p->cur.i + k;
    return &p->lx.tok[i < p->lx.ntok ? i : p->lx.ntok - 1];
}

static void next(parser *p)
{
    if (tok(p)->kind != EQI_TK_EOF)
        p->cur.i++;
}

static eq_status expected_here(parser *p, const char *what)
{
    char b[64];
    return eqi_parse_fail(p, &tok(p)->at, "expected %s, found %s", what,
                          eqi_tok_describe(&p->lx, tok(p), b, sizeof b));
}

int eqi_at_outcome_decl(const parser *p)
{
    const eqi_tok *t = tok(p);
    const char *w;
    int kind;
    if (t->kind != EQI_TK_IDENT)
        return DECL_NONE;
    w = text(p, t);
    kind = !strcmp(w, "class") ? DECL_CLASS : !strcmp(w, "given") ? DECL_GIVEN
         : !strcmp(w, "claim") ? DECL_CLAIM : DECL_NONE;
    if (kind == DECL_NONE || ahead(p, 1)->kind != EQI_TK_IDENT)
        return DECL_NONE;
    if (ahead(p, 2)->kind == EQI_TK_ASSIGN ||
        (ahead(p, 2)->kind == EQI_TK_STRING && ahead(p, 3)->kind == EQI_TK_ASSIGN))
        return kind;
    return DECL_NONE;
}

/* The end of the token t in the source. */
static size_t tok_end(const eqi_tok *t)
{
    return t->at.off + (t->kind == EQI_TK_IDENT ? t->tlen : 1);
}

/* One pattern: a string, or a run of adjacent names and '*'. */
static eq_status parse_pattern(parser *p, char **text_out, eqi_loc *at)
{
    const eqi_tok *t = tok(p);
    size_t start, end;
    *at = t->at;
    if (t->kind == EQI_TK_STRING) {
        if ((*text_out = eqi_strdup(text(p, t))) == NULL)
            return nomem(p);
        next(p);
        return EQ_OK;
    }
    if (t->kind != EQI_TK_IDENT && t->kind != EQI_TK_STAR)
        return expected_here(p, "a terminal node's name or a pattern with '*'");
    start = t->at.off;
    end = tok_end(t);
    next(p);
    while ((tok(p)->kind == EQI_TK_IDENT || tok(p)->kind == EQI_TK_STAR) &&
           tok(p)->at.off == end) {
        end = tok_end(tok(p));
        next(p);
    }
    if ((*text_out = malloc(end - start + 1)) == NULL)
        return nomem(p);
    memcpy(*text_out, p->m->src + start, end - start);
    (*text_out)[end - start] = '\0';
    return EQ_OK;
}

static eq_status end_of_line(parser *p, const char *after)
{
    char what[96];
    if (tok(p)->kind == EQI_TK_NL || tok(p)->kind == EQI_TK_EOF)
        return EQ_OK;
    snprintf(what, sizeof what, "the end of the line after %s", after);
    return expected_here(p, what);
}

/* PATTERN {, PATTERN}: appended to m->pat, *npat counting them (a class's
** or a set given's, whose pat0 is m->npat on entry). */
static eq_status parse_patterns(parser *p, int *npat)
{
    eq_model *m = p->m;
    eq_status s;
    for (;;) {
        mpat *pt;
        if (eqi_grow(&m->pat, &m->cappat, (size_t)m->npat + 1, sizeof *m->pat))
            return nomem(p);
        pt = &m->pat[m->npat];
        memset(pt, 0, sizeof *pt);
        if ((s = parse_pattern(p, &pt->text, &pt->at)) != EQ_OK)
            return s;
        m->npat++;
        (*npat)++;
        if (tok(p)->kind != EQI_TK_COMMA)
            return EQ_OK;
        next(p);
    }
}

/*
** The patterns of a given naming a set of nodes, into m->pat, and its
** nodename: the patterns joined by ", " (for eq_model_given_node).
*/
static eq_status parse_given_set(parser *p, mgiven *g)
{
    eq_model *m = p->m;
    size_t len = 1;
    eq_status s;
    g->set = 1;
    g->pat0 = m->npat;
    if ((s = parse_patterns(p, &g->npat)) != EQ_OK)
        return s;
    for (int i = 0; i < g->npat; i++)
        len += strlen(m->pat[g->pat0 + i].text) + 2;
    if ((g->nodename = malloc(len)) == NULL)
        return nomem(p);
    g->nodename[0] = '\0';
    for (int i = 0; i < g->npat; i++) {
        if (i > 0)
            strcat(g->nodename, ", ");
        strcat(g->nodename, m->pat[g->pat0 + i].text);
    }
    return end_of_line(p, "the given's patterns");
}

eq_status eqi_parse_outcome_decl(parser *p)
{
    eq_model *m = p->m;
    int kind = eqi_at_outcome_decl(p);
    const eqi_tok *nt;
    char *name = NULL, *desc = NULL;
    eqi_loc at;
    eq_status s;

    next(p);
    nt = tok(p);
    at = nt->at;
    /* Names are unique within each kind. */
    for (int i = 0; kind == DECL_CLASS && i < m->ncls; i++)
        if (strcmp(m->cls[i].name, text(p, nt)) == 0)
            return eqi_parse_fail(p, &at, "duplicate class '%.64s' (first declared at line "
                                  "%d)", text(p, nt), m->cls[i].at.line);
    for (int i = 0; kind == DECL_GIVEN && i < m->ngiven; i++)
        if (strcmp(m->given[i].name, text(p, nt)) == 0)
            return eqi_parse_fail(p, &at, "duplicate named node '%.64s' (first declared at "
                                  "line %d)", text(p, nt), m->given[i].at.line);
    for (int i = 0; kind == DECL_CLAIM && i < m->nclaim; i++)
        if (strcmp(m->claim[i].name, text(p, nt)) == 0)
            return eqi_parse_fail(p, &at, "duplicate claim '%.64s' (first declared at line "
                                  "%d)", text(p, nt), m->claim[i].at.line);
    if ((name = eqi_strdup(text(p, nt))) == NULL)
        return nomem(p);
    next(p);
    if (tok(p)->kind == EQI_TK_STRING) {
        desc = eqi_strdup(text(p, tok(p)));
        next(p);
    } else {
        desc = eqi_strdup("");
    }
    if (desc == NULL) {
        free(name);
        return nomem(p);
    }
    next(p);        /* '=' */
    if (kind == DECL_CLASS) {
        mclass *c;
        if (eqi_grow(&m->cls, &m->capcls, (size_t)m->ncls + 1, sizeof *m->cls)) {
            free(name);
            free(desc);
            return nomem(p);
        }
        c = &m->cls[m->ncls++];
        memset(c, 0, sizeof *c);
        c->name = name;
        c->desc = desc;
        c->at = at;
        c->pat0 = m->npat;
        if ((s = parse_patterns(p, &c->npat)) != EQ_OK)
            return s;
        return end_of_line(p, "the class's patterns");
    }
    if (kind == DECL_GIVEN) {
        mgiven *g;
        if (eqi_grow(&m->given, &m->capgiven, (size_t)m->ngiven + 1, sizeof *m->given)) {
            free(name);
            free(desc);
            return nomem(p);
        }
        g = &m->given[m->ngiven++];
        memset(g, 0, sizeof *g);
        g->name = name;
        g->desc = desc;
        g->at = at;
        g->node = -1;
        g->nodeat = tok(p)->at;
        if ((tok(p)->kind == EQI_TK_IDENT ||
             (tok(p)->kind == EQI_TK_STRING && strchr(text(p, tok(p)), '*') == NULL)) &&
            (ahead(p, 1)->kind == EQI_TK_NL || ahead(p, 1)->kind == EQI_TK_EOF)) {
            /* One node by its name: the original form. */
            if ((g->nodename = eqi_strdup(text(p, tok(p)))) == NULL)
                return nomem(p);
            next(p);
            return EQ_OK;
        }
        if (tok(p)->kind != EQI_TK_IDENT && tok(p)->kind != EQI_TK_STRING &&
            tok(p)->kind != EQI_TK_STAR)
            return expected_here(p, "the name of a node or a pattern with '*'");
        return parse_given_set(p, g);
    }
    {
        mclaim *c;
        if (eqi_grow(&m->claim, &m->capclaim, (size_t)m->nclaim + 1, sizeof *m->claim)) {
            free(name);
            free(desc);
            return nomem(p);
        }
        c = &m->claim[m->nclaim++];
        memset(c, 0, sizeof *c);
        c->name = name;
        c->desc = desc;
        if (tok(p)->kind != EQI_TK_STRING)
            return expected_here(p, "the claim in double quotes");
        c->at = tok(p)->at;
        if ((c->text = eqi_strdup(text(p, tok(p)))) == NULL)
            return nomem(p);
        next(p);
        return end_of_line(p, "the claim");
    }
}

/* Whether name matches pattern pat, '*' matching any run of characters. */
static int glob(const char *pat, const char *s)
{
    const char *star = NULL, *resume = NULL;
    while (*s) {
        if (*pat == '*') {
            star = pat++;
            resume = s;
        } else if (*pat == *s) {
            pat++;
            s++;
        } else if (star != NULL) {
            pat = star + 1;
            s = ++resume;
        } else {
            return 0;
        }
    }
    while (*pat == '*')
        pat++;
    return *pat == '\0';
}

int eqi_model_move_nodes(const eq_model *m, const char *action, const char *pattern,
                         unsigned char **out, int *has_action)
{
    int n = 0;
    unsigned char *b;
    *has_action = 0;
    if ((b = calloc((size_t)m->nnode + 1, 1)) == NULL)
        return -1;
    for (int u = 0; u < m->nnode; u++) {
        const mnode *x = &m->node[u];
        int has = 0;
        if (x->kind != MN_DECISION && x->kind != MN_CHANCE && x->kind != MN_STAGE)
            continue;
        for (int a = 0; a < x->nact && !has; a++)
            has = strcmp(m->aname[x->act0 + a], action) == 0;
        if (x->kind == MN_STAGE) {
            /* The column and third players' actions too. */
            for (int a = 0; a < x->nc && !has; a++)
                has = strcmp(m->aname[x->col0 + a], action) == 0;
            for (int a = 0; a < x->nd && x->np == 3 && !has; a++)
                has = strcmp(m->aname[x->third0 + a], action) == 0;
        }
        if (!has)
            continue;
        *has_action = 1;
        if (x->label != NULL && glob(pattern, x->label)) {
            b[u] = 1;
            n++;
        }
    }
    *out = b;
    return n;
}

/*
** The nodes a set-given's patterns match, by name or by label: each
** pattern matches some node, and none a structural switch (which is
** replaced in the tree by one of its branches).
*/
static eq_status check_given_set(parser *p, mgiven *g)
{
    eq_model *m = p->m;
    free(g->in);
    if ((g->in = calloc((size_t)m->nnode + 1, 1)) == NULL)
        return nomem(p);
    for (int i = 0; i < g->npat; i++) {
        const mpat *pt = &m->pat[g->pat0 + i];
        int matches = 0;
        for (int u = 0; u < m->nnode; u++) {
            const mnode *x = &m->node[u];
            if (!glob(pt->text, x->name) && (x->label == NULL || !glob(pt->text, x->label)))
                continue;
            if (x->kind == MN_SWITCH)
                return eqi_parse_fail(p, &pt->at, "pattern '%.64s' of '%.64s' matches "
                                      "'%.64s', a structural switch, replaced in the tree "
                                      "by one of its branches: match the nodes it leads to",
                                      pt->text, g->name, x->name);
            g->in[u] = 1;
            matches++;
        }
        if (matches == 0)
            return eqi_parse_fail(p, &pt->at, "pattern '%.64s' of '%.64s' matches no node",
                                  pt->text, g->name);
    }
    return EQ_OK;
}

eq_status eqi_check_outcomes(parser *p)
{
    eq_model *m = p->m;
    for (int u = 0; u < m->nnode; u++)
        m->node[u].cls = -1;
    for (int c = 0; c < m->ncls; c++)
        for (int i = 0; i < m->cls[c].npat; i++) {
            const mpat *pt = &m->pat[m->cls[c].pat0 + i];
            int matches = 0;
            for (int u = 0; u < m->nnode; u++) {
                mnode *x = &m->node[u];
                if (x->kind != MN_TERMINAL || !glob(pt->text, x->name))
                    continue;
                matches++;
                if (x->cls >= 0 && x->cls != c)
                    return eqi_parse_fail(p, &pt->at, "terminal node '%.64s' would be in two "
                                          "classes, '%.64s' and '%.64s'", x->name,
                                          m->cls[x->cls].name, m->cls[c].name);
                x->cls = c;
            }
            if (matches == 0)
                return eqi_parse_fail(p, &pt->at, "pattern '%.64s' of class '%.64s' matches "
                                      "no terminal node", pt->text, m->cls[c].name);
        }
    if (m->ncls > 0) {
        /* Every terminal the tree can reach is in a class.  Every node is
        ** reachable (check.c), so every terminal node and every payoff
        ** tuple written in place is. */
        for (int u = 0; u < m->nnode; u++) {
            const mnode *x = &m->node[u];
            if (x->kind == MN_TERMINAL && x->cls < 0)
                return eqi_parse_fail(p, &x->at, "terminal node '%.64s' is in no outcome "
                                      "class (with classes declared, every terminal must "
                                      "be in one)", x->name);
            if (x->kind == MN_TERMINAL)
                continue;
            for (int i = 0; i < x->ntgt; i++) {
                const mtarget *g = &m->tgt[x->tgt0 + i];
                if (g->node < 0)
                    return eqi_parse_fail(p, &g->at, "this payoff tuple is a terminal in no "
                                          "outcome class: make it a node (node NAME: "
                                          "(...)) and put it in a class");
            }
        }
    }
    for (int i = 0; i < m->ngiven; i++) {
        mgiven *g = &m->given[i];
        if (g->set) {
            eq_status s = check_given_set(p, g);
            if (s != EQ_OK)
                return s;
            continue;
        }
        g->node = eqi_map_get(&p->nodes, g->nodename);
        if (g->node < 0)
            return eqi_parse_fail(p, &g->nodeat, "unknown node '%.64s'", g->nodename);
        if (m->node[g->node].kind == MN_SWITCH)
            return eqi_parse_fail(p, &g->nodeat, "'%.64s' is a structural switch, replaced "
                                  "in the tree by one of its branches: name a node it "
                                  "leads to", g->nodename);
    }
    for (int i = 0; i < m->nclaim; i++) {
        char err[EQI_ERRMAX];
        size_t pos = 0;
        eq_status s = eqi_claim_check_model(m, m->claim[i].text, err, &pos);
        if (s == EQ_ERR_NOMEM)
            return nomem(p);
        if (s != EQ_OK && eqi_claim_names_fixed(m, i)) {
            /* A claim of an included file that conditions on a parameter
            ** the including file fixed compares what is no longer varied:
            ** it is not this model's claim (models/README.md, "Including a
            ** model"). */
            free(m->claim[i].name);
            free(m->claim[i].desc);
            free(m->claim[i].text);
            memmove(&m->claim[i], &m->claim[i + 1],
                    (size_t)(m->nclaim - i - 1) * sizeof *m->claim);
            m->nclaim--;
            i--;
            continue;
        }
        if (s != EQ_OK) {
            /* Point into the string: past the opening quote. */
            eqi_loc at = m->claim[i].at;
            at.off += (uint32_t)(1 + pos);
            return eqi_parse_fail(p, &at, "claim '%.64s': %s", m->claim[i].name, err);
        }
    }
    return EQ_OK;
}

void eqi_outcomes_free(eq_model *m)
{
    for (int c = 0; c < m->ncls; c++) {
        free(m->cls[c].name);
        free(m->cls[c].desc);
    }
    free(m->cls);
    for (int i = 0; i < m->npat; i++)
        free(m->pat[i].text);
    free(m->pat);
    for (int i = 0; i < m->ngiven; i++) {
        free(m->given[i].name);
        free(m->given[i].desc);
        free(m->given[i].nodename);
        free(m->given[i].in);
    }
    free(m->given);
    for (int i = 0; i < m->nclaim; i++) {
        free(m->claim[i].name);
        free(m->claim[i].desc);
        free(m->claim[i].text);
    }
    free(m->claim);
}

/* ---- accessors --------------------------------------------------------- */

int eq_model_classes(const eq_model *m) { return m ? m->ncls : 0; }

const char *eq_model_class_name(const eq_model *m, int c)
{
    return m && c >= 0 && c < m->ncls ? m->cls[c].name : NULL;
}

const char *eq_model_class_description(const eq_model *m, int c)
{
    return m && c >= 0 && c < m->ncls ? m->cls[c].desc : NULL;
}

int eq_model_class_index(const eq_model *m, const char *name)
{
    for (int c = 0; m && name && c < m->ncls; c++)
        if (strcmp(m->cls[c].name, name) == 0)
            return c;
    return -1;
}

int eq_model_givens(const eq_model *m) { return m ? m->ngiven : 0; }

const char *eq_model_given_name(const eq_model *m, int g)
{
    return m && g >= 0 && g < m->ngiven ? m->given[g].name : NULL;
}

const char *eq_model_given_description(const eq_model *m, int g)
{
    return m && g >= 0 && g < m->ngiven ? m->given[g].desc : NULL;
}

const char *eq_model_given_node(const eq_model *m, int g)
{
    return m && g >= 0 && g < m->ngiven ? m->given[g].nodename : NULL;
}

int eq_model_given_index(const eq_model *m, const char *name)
{
    for (int g = 0; m && name && g < m->ngiven; g++)
        if (strcmp(m->given[g].name, name) == 0)
            return g;
    return -1;
}

int eq_model_claims(const eq_model *m) { return m ? m->nclaim : 0; }

const char *eq_model_claim_name(const eq_model *m, int i)
{
    return m && i >= 0 && i < m->nclaim ? m->claim[i].name : NULL;
}

const char *eq_model_claim_description(const eq_model *m, int i)
{
    return m && i >= 0 && i < m->nclaim ? m->claim[i].desc : NULL;
}

const char *eq_model_claim_text(const eq_model *m, int i)
{
    return m && i >= 0 && i < m->nclaim ? m->claim[i].text : NULL;
}

int eq_model_player_index(const eq_model *m, const char *name)
{
    for (int q = 0; m && name && q < m->n; q++)
        if (strcmp(m->pname[q], name) == 0)
            return q;
    return -1;
}

/* ---- for sensitivity ---------------------------------------------------- */

int eqi_model_classes(const eq_model *m) { return m->ncls; }
int eqi_model_givens(const eq_model *m) { return m->ngiven; }
int eqi_tree_node_class(const eq_tree *t, int v) { return t->node[v].cls; }

int eqi_model_given_is_set(const eq_model *m, int g) { return m->given[g].set; }

/* Whether tree node v is made from one of given g's nodes. */
static int made_from(const mgiven *g, const eq_tree *t, int v)
{
    int o = t->node[v].origin;
    return g->set ? o >= 0 && g->in[o] : o == g->node;
}

/* Whether v counts for given g: made from its nodes, and for a set first
** reached (no ancestor made from the set's nodes). */
static int counts(const mgiven *g, const eq_tree *t, int v)
{
    if (!made_from(g, t, v))
        return 0;
    for (int u = t->node[v].parent; g->set && u >= 0; u = t->node[u].parent)
        if (made_from(g, t, u))
            return 0;
    return 1;
}

int eqi_model_given_nodes(const eq_model *m, const eq_tree *t, int **out)
{
    int ng = m->ngiven, len = ng, *b;
    for (int g = 0; g < ng; g++) {
        len++;
        for (int v = 0; v < t->nnode; v++)
            len += made_from(&m->given[g], t, v);
    }
    if ((b = malloc(((size_t)len + 1) * sizeof *b)) == NULL)
        return -1;
    for (int g = 0, at = ng; g < ng; g++) {
        b[g] = at;
        b[at] = 0;
        for (int v = 0; v < t->nnode; v++)
            if (counts(&m->given[g], t, v))
                b[at + 1 + b[at]++] = v;
        at += 1 + b[at];
    }
    *out = b;
    return 0;
}

const int *eqi_given_list(const int *block, int g) { return block + block[g]; }
