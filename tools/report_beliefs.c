/*
** report_beliefs.c -- what holds the report's equilibrium up: the beliefs
** of the equilibrium the paper table shows (the result's first, the one
** the sensitivity engine keeps) at every information set of more than one
** node, for the concepts that give an assessment (pbe, spe over pbe
** stages, sequential, lemke --perfect; print_tree.c's has_assessment).
** Each set: its mover and name, whether the equilibrium reaches it (then
** the belief is Bayes' rule) or not (then the method's belief and, for
** pbe and pbe stages, the set of beliefs that support the continuation
** there: an interval for two nodes, the vertices of its polytope for
** more), and the probability of each node, labelled by the node's label
** (with the chance moves that lead to it where two nodes of the set share
** a label).  Text (under the combination), CSV (one column, in words) and
** JSON (print_tree.c's beliefs, restricted to those sets), and a table
** after the paper table in Markdown (all models) and LaTeX (each model's
** after its own).  Singleton
** sets, and methods without assessments, add nothing.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _XOPEN_SOURCE 700     /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* The kept equilibrium's index in the point's result: the engine measures
** the first (take_outcome in solver/sensitivity/point.c). */
#define KEPT 0

/* The tree and result of pt when they carry beliefs worth showing: an
** assessment and at least one set of more than one node.  0 otherwise. */
static int shows_beliefs(const eq_point *pt, const eq_tree **t, const eq_tree_result **r)
{
    *t = eq_point_tree(pt);
    *r = eq_point_result(pt);
    if (*t == NULL || *r == NULL || eq_point_status(pt) != EQ_OK ||
        (eq_point_flags(pt) & EQ_FLAG_NONE) || !has_assessment(*r))
        return 0;
    for (int h = 0; h < eq_tree_infosets(*t); h++)
        if (eq_tree_infoset_members(*t, h) > 1)
            return 1;
    return 0;
}

/* Node i of set h for people: its label; where another node of the set
** has the same label, followed by the chance moves on its path from the
** root in brackets ("resolute West signals [revanchist, resolute]"). */
static void member_words(const eq_tree *t, int h, int i, sbuf *b)
{
    char name[256], other[256];
    int v = eq_tree_infoset_member(t, h, i), dup = 0, first = 1, n = 0, *chain;
    node_words(t, v, name, sizeof name);
    sb_printf(b, "%s", name);
    for (int j = 0; j < eq_tree_infoset_members(t, h) && !dup; j++)
        dup = j != i && strcmp(node_words(t, eq_tree_infoset_member(t, h, j), other,
                                          sizeof other), name) == 0;
    if (!dup)
        return;
    /* The path from the root: at most one entry per node of the tree. */
    if ((chain = malloc((size_t)eq_tree_nodes(t) * sizeof *chain)) == NULL) {
        cli_error("out of memory");
        sb_printf(b, " [node %d]", v);
        return;
    }
    for (int u = v; eq_tree_node_parent(t, u) >= 0; u = eq_tree_node_parent(t, u))
        chain[n++] = u;
    sb_printf(b, " [");
    while (n-- > 0) {
        int p = eq_tree_node_parent(t, chain[n]);
        if (eq_tree_node_kind(t, p) != EQ_NODE_CHANCE)
            continue;
        sb_printf(b, "%s%s", first ? "" : ", ",
                  eq_tree_node_action_name(t, p, eq_tree_node_move(t, chain[n])));
        first = 0;
    }
    sb_printf(b, "]");
    free(chain);
}

/* Where set h's belief comes from, in words. */
static const char *source_words(const eq_tree_result *r, int reached, int nv)
{
    if (reached)
        return "on the path: Bayes' rule";
    if (nv > 0)
        return "off the path";
    if (eq_tree_result_method(r) == EQ_METHOD_SPE)
        return "off the path: Bayes' rule given the root of its subgame";
    if (eq_tree_result_method(r) == EQ_METHOD_SEQUENTIAL)
        return "off the path: the limit of the logit beliefs";
    return "off the path: the limit of the perturbed game's beliefs";
}

/* Set h's beliefs in three parts: where they come from (source_words),
** the probability of each node ("P(resolute West, tripwire) = 1,
** P(irresolute West, tripwire) = 0"), and off the path of pbe (or of a pbe
** stage) the beliefs that support the continuation: "any P(resolute West,
** tripwire) from 0 to 1" for two nodes, the vertices of the polytope for
** more; empty elsewhere. */
static const char *set_parts(const eq_tree *t, const eq_tree_result *r, int h, sbuf *belief,
                             sbuf *support)
{
    int m = eq_tree_infoset_members(t, h), nv = eq_tree_result_belief_vertices(r, KEPT, h);
    char x[32];
    double lo, hi;
    sb_clear(belief);
    sb_clear(support);
    for (int i = 0; i < m; i++) {
        double mu = eq_tree_result_belief(r, KEPT, eq_tree_infoset_member(t, h, i));
        sb_printf(belief, "%sP(", i ? ", " : "");
        member_words(t, h, i, belief);
        sb_printf(belief, ") = %s", mu < 0.0 ? "none" : rep_num4(mu, x));
    }
    if (nv > 0 && m == 2 && belief_range(r, KEPT, h, 0, &lo, &hi)) {
        sb_printf(support, "any P(");
        member_words(t, h, 0, support);
        sb_printf(support, ") from %s", rep_num4(lo, x));
        sb_printf(support, " to %s", rep_num4(hi, x));
    } else if (nv > 0) {
        belief_vertices_words(t, r, KEPT, h, 4, support);
        sb_printf(support, " (nodes in the order above)");
    }
    return source_words(r, infoset_reached(t, r, KEPT, h), nv);
}

/* Set h's beliefs on one line, into b: "Russia at Russia, tripwire (off
** the path): P(resolute West, tripwire) = 1, P(irresolute West, tripwire)
** = 0; supported by any P(resolute West, tripwire) from 0 to 1". */
static void set_words(const eq_tree *t, const eq_tree_result *r, int h, sbuf *b)
{
    sbuf belief = { 0 }, support = { 0 };
    const char *where = set_parts(t, r, h, &belief, &support);
    sb_printf(b, "%s at ", eq_tree_player_name(t, eq_tree_infoset_player(t, h)));
    infoset_words(t, h, b);
    sb_printf(b, " (%s): %s", where, sb_str(&belief));
    if (support.len)
        sb_printf(b, "; supported by %s", sb_str(&support));
    sb_free(&belief);
    sb_free(&support);
}

/* Which equilibrium's beliefs: the one shown; where there are several,
** the first the method lists (pbe lists them all, in its enumeration's
** order), or the one the selection rule kept (spe). */
static void heading_words(const eq_point *pt, const eq_tree_result *r, sbuf *b)
{
    int n = eq_point_spe_count(pt), listed = eq_tree_result_count(r);
    sb_printf(b, "beliefs at each information set of more than one node (the probability "
                 "of each node given the set is reached)");
    if (listed > 1)
        sb_printf(b, ", of the equilibrium shown: the first of the %d listed", listed);
    else if (n > 1)
        sb_printf(b, ", of the equilibrium shown: %s", eq_tree_result_selection(r));
}

void rep_beliefs_text(FILE *f, const eq_point *pt)
{
    const eq_tree *t;
    const eq_tree_result *r;
    sbuf b = { 0 };
    if (!shows_beliefs(pt, &t, &r))
        return;
    heading_words(pt, r, &b);
    fprintf(f, "    %s:\n", sb_str(&b));
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        if (eq_tree_infoset_members(t, h) < 2)
            continue;
        sb_clear(&b);
        set_words(t, r, h, &b);
        fprintf(f, "      %s\n", sb_str(&b));
    }
    sb_free(&b);
}

void rep_beliefs_words(const eq_point *pt, sbuf *b)
{
    const eq_tree *t;
    const eq_tree_result *r;
    int first = 1;
    sb_clear(b);
    if (!shows_beliefs(pt, &t, &r))
        return;
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        if (eq_tree_infoset_members(t, h) < 2)
            continue;
        if (!first)
            sb_printf(b, " | ");
        set_words(t, r, h, b);
        first = 0;
    }
}

cJSON *rep_beliefs_json(const eq_point *pt)
{
    const eq_tree *t;
    const eq_tree_result *r;
    if (!shows_beliefs(pt, &t, &r))
        return jnull();
    return json_beliefs(t, r, KEPT, 2);
}

/* ---- Markdown and LaTeX: a table of the beliefs ------------------------ */

/* The table is written into memory while the paper table is (the points
** are solved once), and after it, under its heading, if it has rows. */
/* Rows of a LaTeX table of beliefs before it goes on in another (a
** tabular does not break across pages; as report.c's TEX_ROWS). */
#define TEX_BELIEF_ROWS 6

static void btab_begin(rep_btab *bt)
{
    static const char *const head[] = { "model", "choices", "information set",
                                        "where", "belief", "supported by" };
    static const char *const spec = "pppppp";
    tab_begin(&bt->t, bt->mem, bt->kind, 6 - !bt->with_model, head + !bt->with_model,
              spec + !bt->with_model);
}

int rep_btab_open(rep_btab *bt, fmt kind, int with_model)
{
    memset(bt, 0, sizeof *bt);
    bt->kind = kind;
    bt->with_model = with_model != 0;
    if ((bt->mem = open_memstream(&bt->buf, &bt->len)) == NULL)
        return -1;
    btab_begin(bt);
    return 0;
}

void rep_btab_add(rep_btab *bt, const char *model, const char *combo, const eq_point *pt)
{
    const eq_tree *t;
    const eq_tree_result *r;
    sbuf set = { 0 }, belief = { 0 }, support = { 0 };
    if (bt->mem == NULL || !shows_beliefs(pt, &t, &r))
        return;
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        const char *where;
        if (eq_tree_infoset_members(t, h) < 2)
            continue;
        if (bt->kind == FMT_TEX && bt->rows > 0 && bt->rows % TEX_BELIEF_ROWS == 0) {
            tab_end(&bt->t);
            fputs("\\par\\noindent\n", bt->mem);
            btab_begin(bt);
        }
        where = set_parts(t, r, h, &belief, &support);
        sb_clear(&set);
        sb_printf(&set, "%s at ", eq_tree_player_name(t, eq_tree_infoset_player(t, h)));
        infoset_words(t, h, &set);
        if (bt->with_model)
            tab_str(&bt->t, model);
        tab_str(&bt->t, combo);
        tab_str(&bt->t, sb_str(&set));
        tab_str(&bt->t, where);
        tab_str(&bt->t, sb_str(&belief));
        tab_str(&bt->t, support.len ? sb_str(&support) : NULL);
        tab_end_row(&bt->t);
        bt->rows++;
    }
    sb_free(&set);
    sb_free(&belief);
    sb_free(&support);
}

void rep_btab_close(rep_btab *bt, FILE *f, const char *title)
{
    if (bt->mem == NULL)
        return;
    tab_end(&bt->t);
    fclose(bt->mem);
    if (bt->rows > 0 && bt->kind == FMT_TEX) {
        rep_tex_heading(f, "\\medskip", title ? title : "", ": the beliefs of the equilibrium shown at "
                        "each information set of more than one node");
        fwrite(bt->buf, 1, bt->len, f);
    } else if (bt->rows > 0) {
        fputs("\n**The beliefs that hold each equilibrium up**: of the equilibrium in the "
              "table above (the first listed where the method lists several, else the one the "
              "selection rule keeps), at each information "
              "set of more than one node\n\n", f);
        fwrite(bt->buf, 1, bt->len, f);
    }
    free(bt->buf);
    memset(bt, 0, sizeof *bt);
}
