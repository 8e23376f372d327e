/*
** write.c -- any finished tree as a .game model without parameters, so
** every .efg converts to .game; with the model it came from, also the
** equilibrium concept that model declares.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static void sb_quoted(eqi_sbuf *b, const char *s)
{
    eqi_sb_put(b, "\"", 1);
    for (; *s; s++) {
        switch (*s) {
        case '"': eqi_sb_put(b, "\\\"", 2); break;
        case '\\': eqi_sb_put(b, "\\\\", 2); break;
        case '\n': eqi_sb_put(b, "\\n", 2); break;
        case '\t': eqi_sb_put(b, "\\t", 2); break;
        case '\r': eqi_sb_put(b, "\\r", 2); break;
        default: eqi_sb_put(b, s, 1); break;
        }
    }
    eqi_sb_put(b, "\"", 1);
}

/* A name: bare when it is an identifier, else quoted. */
static void sb_name(eqi_sbuf *b, const char *s)
{
    if (eqi_is_plain_name(s))
        eqi_sb_cat(b, s);
    else
        sb_quoted(b, s);
}

static void sb_num(eqi_sbuf *b, double v)
{
    char num[40];
    eqi_format_double(v, num, sizeof num);
    eqi_sb_cat(b, num);
}

static void sb_payoffs(eqi_sbuf *b, const eq_tree *t, int v)
{
    eqi_sb_put(b, "(", 1);
    for (int q = 0; q < t->n; q++) {
        if (q > 0)
            eqi_sb_put(b, ", ", 2);
        sb_num(b, t->pays[t->node[v].pay0 + q]);
    }
    eqi_sb_put(b, ")", 1);
}

/* Whether s is prefix followed by digits only: a name the writer makes. */
static int made_name(const char *s, char prefix)
{
    if (s[0] != prefix || s[1] == '\0')
        return 0;
    for (s++; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

typedef struct named {
    const char *s;
    int i;
} named;

static int cmp_named(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Give each of the k items with labels lab[] a name: its label when that
** is an identifier used by no other item and not one the writer makes
** (prefix and digits); otherwise prefix and its index.  NULL labels
** belong to items that need no name. */
static int choose_names(const char *const *lab, const int *want, int k, char prefix,
                        char **out)
{
    named *c = malloc(((size_t)k + 1) * sizeof *c);
    int nc = 0;
    if (c == NULL)
        return -1;
    for (int i = 0; i < k; i++) {
        out[i] = NULL;
        if (want[i] && lab[i] != NULL && eqi_is_plain_name(lab[i]) && !made_name(lab[i], prefix)) {
            c[nc].s = lab[i];
            c[nc++].i = i;
        }
    }
    qsort(c, (size_t)nc, sizeof *c, cmp_named);
    for (int j = 0; j < nc; j++) {
        int dup = (j > 0 && strcmp(c[j].s, c[j - 1].s) == 0) ||
                  (j + 1 < nc && strcmp(c[j].s, c[j + 1].s) == 0);
        if (!dup && (out[c[j].i] = eqi_strdup(c[j].s)) == NULL)
            goto nomem;
    }
    for (int i = 0; i < k; i++)
        if (want[i] && out[i] == NULL) {
            char buf[24];
            snprintf(buf, sizeof buf, "%c%d", prefix, i);
            if ((out[i] = eqi_strdup(buf)) == NULL)
                goto nomem;
        }
    free(c);
    return 0;
nomem:
    free(c);
    return -1;
}

/* " \"LABEL\"" when the label differs from the name it defaults to. */
static void sb_label(eqi_sbuf *b, const char *name, const char *label)
{
    label = eqi_label_norm(label);
    if (label != NULL && strcmp(label, name) == 0)
        return;
    eqi_sb_put(b, " ", 1);
    sb_quoted(b, label ? label : "");
}

/* Which nodes and sets the text declares (want, hwant), with their
** normalised labels (lab, hlab).  Every inner node is declared, and so is
** a terminal node with a label (and the root); other terminals are
** written inline.  A one-node information set labelled like its node
** needs no declaration; every other set is declared. */
static void pick_declared(const eq_tree *t, const char **lab, int *want,
                          const char **hlab, int *hwant)
{
    for (int v = 0; v < t->nnode; v++) {
        lab[v] = eqi_label_norm(t->node[v].label);
        want[v] = v == 0 || t->node[v].kind != EQ_NODE_TERMINAL || lab[v] != NULL;
    }
    for (int h = 0; h < t->niset; h++) {
        const eqi_infoset *I = &t->iset[h];
        hlab[h] = eqi_label_norm(I->label);
        hwant[h] = I->nmem != 1 || !eqi_label_same(I->label, t->node[I->members[0]].label);
    }
}

/* The text's opening: the comment, the game's title and its players. */
static void write_header(eqi_sbuf *b, const eq_tree *t)
{
    eqi_sb_cat(b, "# Written by equilib ");
    eqi_sb_cat(b, EQ_VERSION_STRING);
    eqi_sb_cat(b, ": a game tree as a model without parameters.\ngame ");
    sb_quoted(b, t->title ? t->title : "");
    eqi_sb_cat(b, "\nplayers");
    for (int p = 0; p < t->n; p++) {
        eqi_sb_put(b, " ", 1);
        sb_name(b, t->pname[p]);
    }
    eqi_sb_put(b, "\n", 1);
}

/* The declaration of node v, named nm[v]: its payoffs, or its mover and
** moves, each to a declared node's name or to inline payoffs. */
static void write_node(eqi_sbuf *b, const eq_tree *t, int v, const int *want,
                       char *const *nm)
{
    const eqi_node *x = &t->node[v];
    eqi_sb_cat(b, "\nnode ");
    sb_name(b, nm[v]);
    sb_label(b, nm[v], x->label);
    eqi_sb_cat(b, ": ");
    if (x->kind == EQ_NODE_TERMINAL) {
        sb_payoffs(b, t, v);
        eqi_sb_put(b, "\n", 1);
        return;
    }
    if (x->kind == EQ_NODE_DECISION) {
        sb_name(b, t->pname[x->player]);
        eqi_sb_cat(b, " chooses\n");
    } else {
        eqi_sb_cat(b, "chance\n");
    }
    for (int a = 0; a < x->nchild; a++) {
        int c = x->child0 + a;
        eqi_sb_cat(b, "    ");
        sb_name(b, eqi_tree_action_name(t, v, a));
        if (x->kind == EQ_NODE_CHANCE) {
            eqi_sb_cat(b, " (");
            sb_num(b, t->probs[x->prob0 + a]);
            eqi_sb_put(b, ")", 1);
        }
        eqi_sb_cat(b, " -> ");
        if (want[c])
            sb_name(b, nm[c]);
        else
            sb_payoffs(b, t, c);
        eqi_sb_put(b, "\n", 1);
    }
}

/* The declaration of set h, named hm[h]: its player and its members'
** names; a blank line before the first of a run of declared sets. */
static void write_infoset(eqi_sbuf *b, const eq_tree *t, int h, const int *hwant,
                          char *const *hm, char *const *nm)
{
    const eqi_infoset *I = &t->iset[h];
    eqi_sb_cat(b, h == 0 || !hwant[h - 1] ? "\ninfoset " : "infoset ");
    sb_name(b, hm[h]);
    sb_label(b, hm[h], I->label);
    eqi_sb_cat(b, ": ");
    sb_name(b, t->pname[I->player]);
    eqi_sb_cat(b, " {");
    for (int k = 0; k < I->nmem; k++) {
        if (k > 0)
            eqi_sb_cat(b, ", ");
        sb_name(b, nm[I->members[k]]);
    }
    eqi_sb_cat(b, "}\n");
}

/* The line "equilibrium ..." declaring m's concept, as parse_concept
** reads it. */
static void write_concept(eqi_sbuf *b, const eq_model *m)
{
    eqi_sb_cat(b, "equilibrium ");
    eqi_sb_cat(b, eq_method_name((eq_method)m->concept_method));
    if (m->concept_method == EQ_METHOD_PBE) {
        if (m->concept_refine == EQ_REFINE_INTUITIVE)
            eqi_sb_cat(b, " refine intuitive");
        else if (m->concept_refine == EQ_REFINE_D1)
            eqi_sb_cat(b, " refine d1");
    } else if (m->concept_method == EQ_METHOD_SPE) {
        if (m->concept_sub >= 0) {
            eqi_sb_cat(b, " subgames ");
            eqi_sb_cat(b, eq_method_name((eq_method)m->concept_sub));
            if (m->concept_coarse)
                eqi_sb_cat(b, " coarse");
        }
        eqi_sb_cat(b, " select ");
        switch (m->concept_select) {
        case EQ_SELECT_FIRST: eqi_sb_cat(b, "first"); break;
        case EQ_SELECT_PLAYER: eqi_sb_cat(b, "player "); break;
        case EQ_SELECT_MIN_ACTION: eqi_sb_cat(b, "min "); break;
        default: eqi_sb_cat(b, "welfare"); break;
        }
        if ((m->concept_select == EQ_SELECT_PLAYER ||
             m->concept_select == EQ_SELECT_MIN_ACTION) && m->concept_arg != NULL)
            sb_name(b, m->concept_arg);
    }
    eqi_sb_put(b, "\n", 1);
}

eq_status eq_tree_write_game(const eq_tree *t, char **text)
{
    return eq_tree_write_game_concept(t, NULL, text);
}

eq_status eq_tree_write_game_concept(const eq_tree *t, const eq_model *m, char **text)
{
    int n, nh, *want = NULL, *hwant = NULL;
    const char **lab = NULL, **hlab = NULL;
    char **nm = NULL, **hm = NULL;
    eqi_sbuf b;
    eq_status s = EQ_OK;

    if (text != NULL)
        *text = NULL;
    if (t == NULL || text == NULL || !t->finished)
        return EQ_ERR_ARG;
    /* Players are named in the text, so their names must differ. */
    for (int p = 0; p < t->n; p++)
        for (int q = 0; q < p; q++)
            if (strcmp(t->pname[p], t->pname[q]) == 0)
                return EQ_ERR_ARG;
    n = t->nnode;
    nh = t->niset;
    memset(&b, 0, sizeof b);
    want = calloc((size_t)n + 1, sizeof *want);
    lab = calloc((size_t)n + 1, sizeof *lab);
    nm = calloc((size_t)n + 1, sizeof *nm);
    hwant = calloc((size_t)nh + 1, sizeof *hwant);
    hlab = calloc((size_t)nh + 1, sizeof *hlab);
    hm = calloc((size_t)nh + 1, sizeof *hm);
    if (!want || !lab || !nm || !hwant || !hlab || !hm)
        goto nomem;
    pick_declared(t, lab, want, hlab, hwant);
    if (choose_names(lab, want, n, 'n', nm) != 0 || choose_names(hlab, hwant, nh, 'h', hm) != 0)
        goto nomem;

    write_header(&b, t);
    if (m != NULL && m->has_concept)
        write_concept(&b, m);
    for (int v = 0; v < n; v++)
        if (want[v])
            write_node(&b, t, v, want, nm);
    for (int h = 0; h < nh; h++)
        if (hwant[h])
            write_infoset(&b, t, h, hwant, hm, nm);
    if (b.fail)
        goto nomem;
    *text = b.s;
    b.s = NULL;
    goto done;
nomem:
    s = EQ_ERR_NOMEM;
done:
    free(b.s);
    if (nm != NULL)
        for (int v = 0; v < n; v++)
            free(nm[v]);
    if (hm != NULL)
        for (int h = 0; h < nh; h++)
            free(hm[h]);
    free(want);
    free(lab);
    free(nm);
    free(hwant);
    free(hlab);
    free(hm);
    return s;
}
