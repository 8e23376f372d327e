/*
** print_tree.c -- results on game trees, in every format: text for
** people, JSON (out_json.c), and one table -- CSV, Markdown or LaTeX
** (out_table.c) -- with a row per equilibrium, information set and
** action.  Every format marks the information sets that the equilibrium
** does not reach: their behaviour is off the path (for spe, what a player
** would do there; for methods on the reduced strategic form, arbitrary).
** Results that carry assessments (sequential, pbe, lemke --perfect) show
** the belief at every node of every set, reached or not, in every format,
** and for pbe the beliefs that support the equilibrium off the path; JSON
** carries beliefs for every tree result (null where a method gives none).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "out_json.h"
#include "out_table.h"

#define REACHED 1e-12      /* a probability above this counts as reached */

const char *node_words(const eq_tree *t, int v, char *buf, size_t len)
{
    const char *l = eq_tree_node_label(t, v);
    if (l != NULL && l[0] != '\0')
        snprintf(buf, len, "%s", l);
    else if (v == 0)
        snprintf(buf, len, "root");
    else
        snprintf(buf, len, "node %d", v);
    return buf;
}

/* Whether equilibrium k reaches information set h: whether it reaches
** any of its nodes, from the result's reach probabilities. */
int infoset_reached(const eq_tree *t, const eq_tree_result *r, int k, int h)
{
    for (int i = 0; i < eq_tree_infoset_members(t, h); i++)
        if (eq_tree_result_reach(r, k, eq_tree_infoset_member(t, h, i)) > REACHED)
            return 1;
    return 0;
}

/* The name of information set h for people: its label, else where it is. */
void infoset_words(const eq_tree *t, int h, sbuf *b)
{
    const char *l = eq_tree_infoset_label(t, h);
    char name[64];
    if (l != NULL && l[0])
        sb_printf(b, "%s", l);
    else if (eq_tree_node_label(t, eq_tree_infoset_member(t, h, 0)) != NULL)
        sb_printf(b, "%s", eq_tree_node_label(t, eq_tree_infoset_member(t, h, 0)));
    else
        sb_printf(b, "%s", node_words(t, eq_tree_infoset_member(t, h, 0), name, sizeof name));
}

/* Whether information set h lies in one of equilibrium k's correlated
** stages. */
static int in_stage(const eq_tree_result *r, int k, int h)
{
    for (int j = 0; j < eq_tree_result_stages(r, k); j++) {
        const int *sets;
        int m = eq_tree_result_stage_infosets(r, k, j, &sets);
        for (int i = 0; i < m; i++)
            if (sets[i] == h)
                return 1;
    }
    return 0;
}

/* Recommendation q of stage j in words: "A dare, B swerve"; a player's
** set is named too when the player has several in the stage. */
static void recommendation_words(const eq_tree *t, const eq_tree_result *r, int k,
                                 int j, int q, sbuf *b)
{
    const int *sets, *act;
    int m = eq_tree_result_stage_infosets(r, k, j, &sets), first = 1;
    eq_tree_result_stage_prob(r, k, j, q, &act);
    for (int i = 0; i < m; i++) {
        int h = sets[i], p = eq_tree_infoset_player(t, h), own = 0;
        if (act[i] < 0)
            continue;
        for (int i2 = 0; i2 < m; i2++)
            own += eq_tree_infoset_player(t, sets[i2]) == p;
        sb_printf(b, "%s%s", first ? "" : ", ", eq_tree_player_name(t, p));
        if (own > 1) {
            sb_printf(b, " at ");
            infoset_words(t, h, b);
        }
        sb_printf(b, " %s", eq_tree_infoset_action_name(t, h, act[i]));
        first = 0;
    }
}

/* The probability of move a at node v given that v is reached. */
static double move_prob(const eq_tree *t, const eq_tree_result *r, int k, int v, int a)
{
    double pv = eq_tree_result_reach(r, k, v);
    return pv > 0 ? eq_tree_result_reach(r, k, eq_tree_child(t, v, a)) / pv : 0.0;
}

/* ---- beliefs ----------------------------------------------------------- */

/* Whether r carries assessments: a belief at every information set,
** reached or not, with its certificate (sequential, pbe, lemke with
** --perfect).  Text and tables show beliefs for these; JSON for all. */
int has_assessment(const eq_tree_result *r)
{
    return eq_tree_result_count(r) > 0 && eq_tree_result_seq_regret(r, 0) >= 0.0;
}

/* The range of node i's belief over the supporting polytope of an
** unreached set h (pbe): the least and largest coordinate i over its
** vertices.  Returns 0 if h has no supporting set in r. */
int belief_range(const eq_tree_result *r, int k, int h, int i, double *lo, double *hi)
{
    int nv = eq_tree_result_belief_vertices(r, k, h);
    *lo = 1.0;
    *hi = 0.0;
    for (int j = 0; j < nv; j++) {
        const double *x = eq_tree_result_belief_vertex(r, k, h, j);
        if (x == NULL)
            return 0;
        *lo = fmin(*lo, x[i]);
        *hi = fmax(*hi, x[i]);
    }
    return nv > 0;
}

void belief_vertices_words(const eq_tree *t, const eq_tree_result *r, int k, int h, int prec,
                           sbuf *b)
{
    int nv = eq_tree_result_belief_vertices(r, k, h), m = eq_tree_infoset_members(t, h);
    char x[32];
    sb_printf(b, "the polytope with vertices");
    for (int j = 0; j < nv; j++) {
        const double *v = eq_tree_result_belief_vertex(r, k, h, j);
        sb_printf(b, j ? ", (" : " (");
        for (int i = 0; v != NULL && i < m; i++)
            sb_printf(b, "%s%s", i ? ", " : "", num_human_buf(v[i], prec, x));
        sb_printf(b, ")");
    }
}

/* ---- text ----------------------------------------------------------- */

static void text_behaviour(FILE *f, const eq_tree *t, const eq_tree_result *r, int k)
{
    sbuf b = { 0 };
    fputs("  behaviour strategies:\n", f);
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        const double *p = eq_tree_result_behaviour(r, k, h);
        int first = 1;
        sb_clear(&b);
        infoset_words(t, h, &b);
        fprintf(f, "    %s at %s: ", eq_tree_player_name(t, eq_tree_infoset_player(t, h)),
                sb_str(&b));
        for (int a = 0; a < eq_tree_infoset_actions(t, h); a++) {
            if (fabs(p[a]) < 5e-16)
                continue;
            fprintf(f, "%s%s ", first ? "" : ", ", eq_tree_infoset_action_name(t, h, a));
            num_human(f, p[a]);
            first = 0;
        }
        if (in_stage(r, k, h))
            fputs("  (marginal of a correlated stage)", f);
        if (!infoset_reached(t, r, k, h))
            fputs("  (unreached)", f);
        fputc('\n', f);
    }
    sb_free(&b);
}

/* Beliefs at every information set: one line per node, the probability
** of being there when the set is reached; at an unreached set of a pbe,
** the range each node's belief takes over the supporting beliefs, and
** with more than two nodes the supporting polytope's vertices. */
static void text_beliefs(FILE *f, const eq_tree *t, const eq_tree_result *r, int k)
{
    char name[256];
    sbuf b = { 0 };
    fputs("  beliefs (probability of each node, given its information set is reached):\n", f);
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        int m = eq_tree_infoset_members(t, h), nv = eq_tree_result_belief_vertices(r, k, h);
        sb_clear(&b);
        infoset_words(t, h, &b);
        fprintf(f, "    %s at %s%s\n", eq_tree_player_name(t, eq_tree_infoset_player(t, h)),
                sb_str(&b), infoset_reached(t, r, k, h) ? ":" : "  (unreached):");
        for (int i = 0; i < m; i++) {
            int v = eq_tree_infoset_member(t, h, i);
            double mu = eq_tree_result_belief(r, k, v), lo, hi;
            fprintf(f, "      %s ", node_words(t, v, name, sizeof name));
            if (mu < 0.0)
                fputs("none", f);
            else
                num_human(f, mu);
            if (belief_range(r, k, h, i, &lo, &hi)) {
                fputs("  (supported from ", f);
                num_human(f, lo);
                fputs(" to ", f);
                num_human(f, hi);
                fputc(')', f);
            }
            fputc('\n', f);
        }
        if (nv > 0 && m > 2) {
            sb_clear(&b);
            belief_vertices_words(t, r, k, h, 10, &b);
            fprintf(f, "      supporting beliefs (nodes in the order above): %s\n", sb_str(&b));
        }
    }
    sb_free(&b);
}

static void text_stages(FILE *f, const eq_tree *t, const eq_tree_result *r, int k)
{
    char name[256];
    sbuf b = { 0 };
    for (int j = 0; j < eq_tree_result_stages(r, k); j++) {
        node_words(t, eq_tree_result_stage_root(r, k, j), name, sizeof name);
        fprintf(f, "  correlated stage at %s: recommendations drawn jointly\n", name);
        for (int q = 0; q < eq_tree_result_stage_support(r, k, j); q++) {
            sb_clear(&b);
            recommendation_words(t, r, k, j, q, &b);
            fputs("    ", f);
            num_human(f, eq_tree_result_stage_prob(r, k, j, q, NULL));
            fprintf(f, "  %s\n", sb_str(&b));
        }
    }
    sb_free(&b);
}

/* One node of the path: its name, then who moves and the moves taken. */
static void text_path_node(FILE *f, const eq_tree *t, const eq_tree_result *r, int k,
                           int v, int depth)
{
    char name[256];
    eq_node_kind kind = eq_tree_node_kind(t, v);
    fprintf(f, "    %*s%s", 2 * depth, "", node_words(t, v, name, sizeof name));
    if (kind == EQ_NODE_TERMINAL) {
        fputs(" (outcome, probability ", f);
        num_human(f, eq_tree_result_reach(r, k, v));
        fputs("): payoffs", f);
        for (int p = 0; p < eq_tree_players(t); p++) {
            fprintf(f, " %s ", eq_tree_player_name(t, p));
            num_human(f, eq_tree_payoff(t, v, p));
        }
        fputc('\n', f);
        return;
    }
    fprintf(f, " -- %s:", kind == EQ_NODE_CHANCE ? "chance"
                          : eq_tree_player_name(t, eq_tree_node_player(t, v)));
    for (int a = 0; a < eq_tree_node_children(t, v); a++) {
        double pr = move_prob(t, r, k, v, a);
        if (pr <= REACHED)
            continue;
        fprintf(f, " %s", eq_tree_node_action_name(t, v, a));
        if (pr < 1 - REACHED) {
            fputs(" (", f);
            num_human(f, pr);
            fputc(')', f);
        }
    }
    fputc('\n', f);
}

/* The path: every node reached, depth first from the root.  The stack
** holds each node at most once, so the tree's size bounds it. */
static void text_path(FILE *f, const eq_tree *t, const eq_tree_result *r, int k)
{
    int n = eq_tree_nodes(t), sp = 0;
    int *stack = malloc(2 * (size_t)n * sizeof *stack);
    fputs("  equilibrium path:\n", f);
    if (stack == NULL) {
        cli_error("out of memory");
        fputs("    (out of memory)\n", f);
        return;
    }
    stack[sp++] = 0;
    stack[sp++] = 0;
    while (sp > 0) {
        int depth = stack[--sp], v = stack[--sp];
        text_path_node(f, t, r, k, v, depth);
        for (int a = eq_tree_node_children(t, v) - 1; a >= 0; a--) {
            int ch = eq_tree_child(t, v, a);
            if (eq_tree_result_reach(r, k, ch) > REACHED) {
                stack[sp++] = ch;
                stack[sp++] = depth + 1;
            }
        }
    }
    free(stack);
}

static void print_text(FILE *f, const cli *c, const eq_tree *t, const eq_tree_result *r)
{
    int count = eq_tree_result_count(r);
    const char *title = eq_tree_title(t);
    fprintf(f, "game: %s\nfile: %s\n", title[0] ? title : c->files[0], c->files[0]);
    fprintf(f, "method: %s: %d equilibri%s\n", eq_method_name(eq_tree_result_method(r)),
            count, count == 1 ? "um" : "a");
    if (eq_tree_result_selection(r)[0])
        fprintf(f, "selection: %s\n", eq_tree_result_selection(r));
    for (int k = 0; k < count; k++) {
        fprintf(f, "\nequilibrium %d\n", k + 1);
        text_behaviour(f, t, r, k);
        if (has_assessment(r))
            text_beliefs(f, t, r, k);
        text_stages(f, t, r, k);
        text_path(f, t, r, k);
        fputs("  payoffs:", f);
        for (int p = 0; p < eq_tree_players(t); p++) {
            fprintf(f, " %s ", eq_tree_player_name(t, p));
            num_human(f, eq_tree_result_payoff(r, k, p));
        }
        if (eq_tree_result_stages(r, k) > 0)
            fprintf(f, "\n  certificate: largest gain from disobeying in any subgame %.3g "
                       "in double precision\n", eq_tree_result_regret(r, k));
        else
            fprintf(f, "\n  certificate: max regret %.3g in double precision\n",
                    eq_tree_result_regret(r, k));
        if (eq_tree_result_seq_regret(r, k) >= 0.0)
            fprintf(f, "  assessment: largest gain at any information set given its "
                       "belief %.3g, largest gap to Bayes' rule on the path %.3g\n",
                    eq_tree_result_seq_regret(r, k), eq_tree_result_bayes_gap(r, k));
    }
}

/* ---- JSON ------------------------------------------------------------ */

static cJSON *json_payoffs_at(const eq_tree *t, int v)
{
    cJSON *a = cJSON_CreateArray();
    for (int p = 0; p < eq_tree_players(t); p++)
        jpush(a, jnum(eq_tree_payoff(t, v, p)));
    return a;
}

static cJSON *json_behaviour(const eq_tree *t, const eq_tree_result *r, int k)
{
    cJSON *beh = cJSON_CreateArray();
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        cJSON *b = jpush(beh, cJSON_CreateObject());
        jadd(b, "infoset", jint(h));
        jadd(b, "player", jstr(eq_tree_player_name(t, eq_tree_infoset_player(t, h))));
        jadd(b, "label", jstr(eq_tree_infoset_label(t, h)));
        jadd(b, "reached", jbool(infoset_reached(t, r, k, h)));
        jadd(b, "marginal", jbool(in_stage(r, k, h)));
        jadd(b, "probabilities",
             jnums(eq_tree_result_behaviour(r, k, h), eq_tree_infoset_actions(t, h)));
        jadd(b, "probabilities_exact", jnull());
    }
    return beh;
}

/* The nodes reached, in tree order, each with the moves taken from it. */
static cJSON *json_path(const eq_tree *t, const eq_tree_result *r, int k)
{
    cJSON *path = cJSON_CreateArray();
    char name[256];
    for (int v = 0; v < eq_tree_nodes(t); v++) {
        eq_node_kind kind = eq_tree_node_kind(t, v);
        cJSON *x, *moves;
        if (eq_tree_result_reach(r, k, v) <= REACHED)
            continue;
        x = jpush(path, cJSON_CreateObject());
        jadd(x, "node", jint(v));
        jadd(x, "name", jstr(node_words(t, v, name, sizeof name)));
        jadd(x, "mover", kind == EQ_NODE_TERMINAL ? jnull()
                         : jstr(kind == EQ_NODE_CHANCE ? "chance"
                                : eq_tree_player_name(t, eq_tree_node_player(t, v))));
        jadd(x, "probability", jnum(eq_tree_result_reach(r, k, v)));
        moves = jadd(x, "moves", cJSON_CreateArray());
        for (int a = 0; kind != EQ_NODE_TERMINAL && a < eq_tree_node_children(t, v); a++) {
            double pr = move_prob(t, r, k, v, a);
            cJSON *m;
            if (pr <= REACHED)
                continue;
            m = jpush(moves, cJSON_CreateObject());
            jadd(m, "action", jstr(eq_tree_node_action_name(t, v, a)));
            jadd(m, "probability", jnum(pr));
        }
    }
    return path;
}

static cJSON *json_outcomes(const eq_tree *t, const eq_tree_result *r, int k)
{
    cJSON *a = cJSON_CreateArray();
    for (int v = 0; v < eq_tree_nodes(t); v++) {
        double p = eq_tree_result_reach(r, k, v);
        cJSON *o;
        if (eq_tree_node_kind(t, v) != EQ_NODE_TERMINAL || p <= REACHED)
            continue;
        o = jpush(a, cJSON_CreateObject());
        jadd(o, "node", jint(v));
        jadd(o, "label", jstr(eq_tree_node_label(t, v)));
        jadd(o, "probability", jnum(p));
        jadd(o, "payoffs", json_payoffs_at(t, v));
    }
    return a;
}

static cJSON *json_stage(const eq_tree *t, const eq_tree_result *r, int k, int j)
{
    const int *sets, *act;
    int m = eq_tree_result_stage_infosets(r, k, j, &sets);
    int root = eq_tree_result_stage_root(r, k, j);
    cJSON *s = cJSON_CreateObject(), *recs;
    jadd(s, "node", jint(root));
    jadd(s, "label", jstr(eq_tree_node_label(t, root)));
    recs = jadd(s, "recommendations", cJSON_CreateArray());
    for (int q = 0; q < eq_tree_result_stage_support(r, k, j); q++) {
        cJSON *rec = jpush(recs, cJSON_CreateObject()), *acts;
        jadd(rec, "probability", jnum(eq_tree_result_stage_prob(r, k, j, q, &act)));
        acts = jadd(rec, "actions", cJSON_CreateArray());
        for (int i = 0; i < m; i++) {
            cJSON *x;
            if (act[i] < 0)
                continue;
            x = jpush(acts, cJSON_CreateObject());
            jadd(x, "player", jstr(eq_tree_player_name(t, eq_tree_infoset_player(t, sets[i]))));
            jadd(x, "infoset", jint(sets[i]));
            jadd(x, "label", jstr(eq_tree_infoset_label(t, sets[i])));
            jadd(x, "action", jstr(eq_tree_infoset_action_name(t, sets[i], act[i])));
        }
    }
    return s;
}

/* Beliefs at every information set (see README.md, "JSON"): each node's
** belief (null where the method gives none), and at an unreached set of a
** pbe the supporting beliefs, as the vertices of their polytope. */
cJSON *json_beliefs(const eq_tree *t, const eq_tree_result *r, int k, int min_nodes)
{
    cJSON *all = cJSON_CreateArray();
    char name[256];
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        cJSON *x, *nodes, *sup;
        int m = eq_tree_infoset_members(t, h), nv = eq_tree_result_belief_vertices(r, k, h);
        if (m < min_nodes)
            continue;
        x = jpush(all, cJSON_CreateObject());
        jadd(x, "infoset", jint(h));
        jadd(x, "player", jstr(eq_tree_player_name(t, eq_tree_infoset_player(t, h))));
        jadd(x, "label", jstr(eq_tree_infoset_label(t, h)));
        jadd(x, "reached", jbool(infoset_reached(t, r, k, h)));
        nodes = jadd(x, "nodes", cJSON_CreateArray());
        for (int i = 0; i < m; i++) {
            int v = eq_tree_infoset_member(t, h, i);
            double mu = eq_tree_result_belief(r, k, v), lo, hi;
            cJSON *n = jpush(nodes, cJSON_CreateObject());
            int ranged = belief_range(r, k, h, i, &lo, &hi);
            jadd(n, "node", jint(v));
            jadd(n, "label", jstr(node_words(t, v, name, sizeof name)));
            jadd(n, "belief", mu < 0.0 ? jnull() : jnum(mu));
            jadd(n, "lo", ranged ? jnum(lo) : mu < 0.0 ? jnull() : jnum(mu));
            jadd(n, "hi", ranged ? jnum(hi) : mu < 0.0 ? jnull() : jnum(mu));
        }
        if (nv > 0) {
            sup = jadd(x, "supporting", cJSON_CreateArray());
            for (int j = 0; j < nv; j++) {
                const double *vx = eq_tree_result_belief_vertex(r, k, h, j);
                jpush(sup, vx != NULL ? jnums(vx, m) : jnull());
            }
        } else {
            jadd(x, "supporting", jnull());
        }
    }
    return all;
}

static cJSON *json_equilibrium(const eq_tree *t, const eq_tree_result *r, int k)
{
    cJSON *e = cJSON_CreateObject(), *pay, *cert, *stages;
    jadd(e, "behaviour", json_behaviour(t, r, k));
    jadd(e, "beliefs", json_beliefs(t, r, k, 1));
    pay = jadd(e, "payoffs", cJSON_CreateArray());
    for (int p = 0; p < eq_tree_players(t); p++)
        jpush(pay, jnum(eq_tree_result_payoff(r, k, p)));
    jadd(e, "payoffs_exact", jnull());
    jadd(e, "path", json_path(t, r, k));
    jadd(e, "outcomes", json_outcomes(t, r, k));
    cert = jadd(e, "certificate", cJSON_CreateObject());
    jadd(cert, "kind", jstr(eq_tree_result_stages(r, k) > 0 ? "disobedience_gain"
                                                             : "max_regret"));
    jadd(cert, "value", jnum(eq_tree_result_regret(r, k)));
    jadd(cert, "exact", jnull());
    jadd(cert, "sequential_regret", eq_tree_result_seq_regret(r, k) >= 0.0
                                    ? jnum(eq_tree_result_seq_regret(r, k)) : jnull());
    jadd(cert, "bayes_gap", eq_tree_result_bayes_gap(r, k) >= 0.0
                            ? jnum(eq_tree_result_bayes_gap(r, k)) : jnull());
    stages = jadd(e, "correlated_stages", cJSON_CreateArray());
    for (int j = 0; j < eq_tree_result_stages(r, k); j++)
        jpush(stages, json_stage(t, r, k, j));
    return e;
}

static cJSON *json_method(const eq_tree *t, const eq_tree_result *r, const eq_tree_opts *o)
{
    cJSON *m = cJSON_CreateObject();
    int spe = (eq_method_caps(eq_tree_result_method(r)) & EQ_CAP_TREE_SUBGAMES) != 0;
    jadd(m, "name", jstr(eq_method_name(eq_tree_result_method(r))));
    jadd(m, "subgame_method",
         spe ? jstr(eq_method_name((int)o->subgame_method >= 0 ? o->subgame_method : eq_method_default_subgame(t)))
             : jnull());
    jadd(m, "selection", jstr(eq_tree_result_selection(r)));
    jadd(m, "all", jbool(o->all));
    jadd(m, "exact", jbool(o->exact));
    jadd(m, "max_equilibria", o->max_equilibria ? jint(o->max_equilibria) : jnull());
    jadd(m, "coarse", jbool(o->coarse));
    return m;
}

static void json_tree(jw *w, const char *file, const eq_tree *t)
{
    cJSON *players = cJSON_CreateArray(), *sets = cJSON_CreateArray();
    for (int p = 0; p < eq_tree_players(t); p++)
        jpush(players, jstr(eq_tree_player_name(t, p)));
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        cJSON *acts = jinfoset(sets, h, eq_tree_player_name(t, eq_tree_infoset_player(t, h)),
                               eq_tree_infoset_label(t, h));
        for (int a = 0; a < eq_tree_infoset_actions(t, h); a++)
            jpush(acts, jstr(eq_tree_infoset_action_name(t, h, a)));
    }
    jw_solve_head(w, file, eq_tree_title(t), "tree", players, sets);
}

static void print_json(FILE *f, const cli *c, const loaded *L, const eq_tree_result *r,
                       const eq_tree_opts *o)
{
    jw w;
    jw_open(&w, f);
    json_tree(&w, c->files[0], L->t);
    jw_put(&w, "method", json_method(L->t, r, o));
    jw_put(&w, "parameters", jparams(L->m, L->values));
    jw_put(&w, "complete", jbool(eq_tree_result_solution(r) != EQ_SOL_PARTIAL &&
                                 eq_tree_result_solution(r) != EQ_SOL_STOPPED));
    if (eq_tree_result_solution(r) == EQ_SOL_STOPPED)
        jw_put(&w, "stopped", jstr(cli_stop_reason(eq_tree_result_errmsg(r))));
    jw_put(&w, "value", jnull());
    jw_put(&w, "objective", jnull());
    jw_put(&w, "unique", jnull());
    jw_put(&w, "lp", jnull());
    jw_array_open(&w, "equilibria");
    for (int k = 0; k < eq_tree_result_count(r); k++)
        jw_item(&w, json_equilibrium(L->t, r, k));
    jw_array_close(&w);
    if (jw_close(&w) != 0)
        cli_error("out of memory while writing JSON");
}

/* ---- tables ------------------------------------------------------------ */

/* The cells that name information set h in equilibrium k. */
static void row_head(table *tb, const eq_tree *t, int k, int h)
{
    sbuf b = { 0 };
    infoset_words(t, h, &b);
    tab_int(tb, k + 1);
    tab_str(tb, eq_tree_player_name(t, eq_tree_infoset_player(t, h)));
    tab_str(tb, sb_str(&b));
    sb_free(&b);
}

/* Rows of the correlated stages: each recommendation q of a stage adds one
** row per set it reaches, with the recommended action, the
** recommendation's probability, and "STAGE#q" naming it. */
static void table_stages(table *tb, const eq_tree *t, const eq_tree_result *r, int k,
                         int extra)
{
    char name[256];
    sbuf tag = { 0 };
    for (int j = 0; j < eq_tree_result_stages(r, k); j++) {
        const int *sets, *act;
        int m = eq_tree_result_stage_infosets(r, k, j, &sets);
        node_words(t, eq_tree_result_stage_root(r, k, j), name, sizeof name);
        for (int q = 0; q < eq_tree_result_stage_support(r, k, j); q++) {
            double pr = eq_tree_result_stage_prob(r, k, j, q, &act);
            for (int i = 0; i < m; i++) {
                if (act[i] < 0)
                    continue;
                row_head(tb, t, k, sets[i]);
                tab_str(tb, eq_tree_infoset_action_name(t, sets[i], act[i]));
                tab_num(tb, pr);
                tab_str(tb, infoset_reached(t, r, k, sets[i]) ? "true" : "false");
                sb_clear(&tag);
                sb_printf(&tag, "%s#%d", name, q + 1);
                tab_str(tb, sb_str(&tag));
                for (int e = 0; e < extra; e++)
                    tab_empty(tb);
                tab_end_row(tb);
            }
        }
    }
    sb_free(&tag);
}

/* With assessments, one row per node of information set h after its
** action rows: the action and probability cells empty, then the node, its
** belief, and the range of beliefs supporting the equilibrium there
** (belief_lo = belief_hi = belief but at an unreached set of a pbe). */
static void table_beliefs(table *tb, const eq_tree *t, const eq_tree_result *r, int k,
                          int h, int stages, int extra)
{
    char name[256];
    for (int i = 0; i < eq_tree_infoset_members(t, h); i++) {
        int v = eq_tree_infoset_member(t, h, i);
        double mu = eq_tree_result_belief(r, k, v), lo, hi;
        if (!belief_range(r, k, h, i, &lo, &hi))
            lo = hi = mu;
        row_head(tb, t, k, h);
        tab_empty(tb);
        tab_empty(tb);
        tab_str(tb, infoset_reached(t, r, k, h) ? "true" : "false");
        if (stages)
            tab_empty(tb);
        tab_str(tb, node_words(t, v, name, sizeof name));
        tab_num(tb, mu < 0.0 ? NAN : mu);
        if (extra == 4) {
            tab_num(tb, mu < 0.0 ? NAN : lo);
            tab_num(tb, mu < 0.0 ? NAN : hi);
        }
        tab_end_row(tb);
    }
}

/* One row per equilibrium, information set and action; with correlated
** stages, a seventh column, recommendation, empty on those rows; with
** assessments (sequential, pbe, lemke --perfect), four more columns --
** node, belief, belief_lo, belief_hi (LaTeX: node and belief) -- filled
** on one row per node of each set (table_beliefs) and empty on the
** others. */
static void print_table(FILE *f, const cli *c, const eq_tree *t, const eq_tree_result *r)
{
    static const char *const head7[] = { "equilibrium", "player", "infoset", "action",
                                         "probability", "reached", "recommendation" };
    const char *head[11];
    char spec[12];
    int stages = 0, beliefs = has_assessment(r), n = 0;
    /* LaTeX: ten columns do not fit a line, so the belief ranges are left
    ** to CSV, Markdown, text and JSON; LaTeX has node and belief. */
    int extra = !beliefs ? 0 : c->format == FMT_TEX ? 2 : 4;
    table tb;
    for (int k = 0; k < eq_tree_result_count(r); k++)
        stages += eq_tree_result_stages(r, k);
    for (int i = 0; i < (stages ? 7 : 6); i++) {
        spec[n] = "rlllrll"[i];
        head[n++] = head7[i];
    }
    if (beliefs) {
        static const char *const more[] = { "node", "belief", "belief_lo", "belief_hi" };
        for (int i = 0; i < extra; i++) {
            spec[n] = "lrrr"[i];
            head[n++] = more[i];
        }
    }
    spec[n] = '\0';
    tab_begin(&tb, f, c->format, n, head, spec);
    for (int k = 0; k < eq_tree_result_count(r); k++) {
        table_stages(&tb, t, r, k, extra);
        for (int h = 0; h < eq_tree_infosets(t); h++) {
            const double *b = eq_tree_result_behaviour(r, k, h);
            for (int a = 0; a < eq_tree_infoset_actions(t, h); a++) {
                row_head(&tb, t, k, h);
                tab_str(&tb, eq_tree_infoset_action_name(t, h, a));
                tab_num(&tb, b[a]);
                tab_str(&tb, infoset_reached(t, r, k, h) ? "true" : "false");
                if (stages)
                    tab_empty(&tb);
                for (int i = 0; i < extra; i++)
                    tab_empty(&tb);
                tab_end_row(&tb);
            }
            if (beliefs)
                table_beliefs(&tb, t, r, k, h, stages, extra);
        }
    }
    tab_end(&tb);
}

void print_tree_result(FILE *f, const cli *c, const loaded *L, const eq_tree_result *r,
                       const eq_tree_opts *o)
{
    if (c->format == FMT_JSON)
        print_json(f, c, L, r, o);
    else if (c->format == FMT_TEXT)
        print_text(f, c, L->t, r);
    else
        print_table(f, c, L->t, r);
    if (eq_tree_result_solution(r) == EQ_SOL_STOPPED)
        cli_mark_incomplete(f, c->format, cli_stop_reason(eq_tree_result_errmsg(r)));
}
