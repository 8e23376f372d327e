/* support.c -- helpers shared by the test suites. */
#define _XOPEN_SOURCE 700
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <gmp.h>

#include "support.h"

eq_game *t_bimatrix(int m, int n, const double *A, const double *B)
{
    int k[2] = { m, n };
    eq_game *g = NULL;
    cr_assert_eq(eq_game_new(&g, 2, k), EQ_OK);
    for (int i = 0; i < m * n; i++) {
        eq_game_payoffs_mut(g, 0)[i] = A[i];
        eq_game_payoffs_mut(g, 1)[i] = B[i];
    }
    return g;
}

uint64_t t_rng_next(t_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

int t_rng_int(t_rng *r, int lo, int hi)
{
    return lo + (int)(t_rng_next(r) % (uint64_t)(hi - lo + 1));
}

eq_game *t_random_bimatrix(t_rng *r, int m, int n, int lo, int hi)
{
    int k[2] = { m, n };
    eq_game *g = NULL;
    cr_assert_eq(eq_game_new(&g, 2, k), EQ_OK);
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < m * n; i++)
            eq_game_payoffs_mut(g, p)[i] = t_rng_int(r, lo, hi);
    return g;
}

static void push(t_eqset *s, int m, int n, char **p)
{
    if (s->count == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 8;
        s->e = realloc(s->e, (size_t)s->cap * sizeof *s->e);
        cr_assert_not_null(s->e);
    }
    s->e[s->count].m = m;
    s->e[s->count].n = n;
    s->e[s->count].p = p;
    s->count++;
}

/* Canonical text of a rational written by lrsnash ("3/6" -> "1/2"). */
static char *canon(const char *tok)
{
    mpq_t q;
    char *s;
    mpq_init(q);
    cr_assert_eq(mpq_set_str(q, tok, 10), 0, "lrsnash printed '%s'", tok);
    mpq_canonicalize(q);
    s = mpq_get_str(NULL, 10, q);
    mpq_clear(q);
    return s;
}

t_eqset t_lrsnash(const eq_game *g)
{
    int m = eq_game_actions(g, 0), n = eq_game_actions(g, 1);
    char path[512], cmd[600], line[65536];
    const char *tmp = getenv("TMPDIR");
    t_eqset s = { 0, 0, NULL };
    int nys = 0, fd;
    FILE *f;
    mpq_t q;

    snprintf(path, sizeof path, "%s/eqlrsXXXXXX", tmp && *tmp ? tmp : P_tmpdir);
    fd = mkstemp(path);
    cr_assert(fd >= 0);
    f = fdopen(fd, "w");
    fprintf(f, "%d %d\n\n", m, n);
    mpq_init(q);
    for (int p = 0; p < 2; p++) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                /* Payoffs are written exactly: every double is a rational. */
                mpq_set_d(q, eq_game_payoffs(g, p)[i * n + j]);
                char *t = mpq_get_str(NULL, 10, q);
                fprintf(f, "%s ", t);
                free(t);
            }
            fputc('\n', f);
        }
        fputc('\n', f);
    }
    mpq_clear(q);
    fclose(f);
    snprintf(cmd, sizeof cmd, "lrsnash '%s' 2>&1", path);
    f = popen(cmd, "r");
    cr_assert_not_null(f, "cannot run lrsnash");
    /* Blocks separated by blank lines: some "2 y... v" lines (player 2's
    ** strategies) then "1 x... u" lines; every pair in a block is an
    ** extreme equilibrium. */
    char **ylist[4096];
    char **xlist[4096];
    int nx = 0;
    int saw_count = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        char *tok, *save;
        if (strncmp(line, "*Number of equilibria found", 27) == 0)
            saw_count = 1;
        if (line[0] != '1' && line[0] != '2') {
            if (line[0] == '\n' || line[0] == '*') {
                for (int a = 0; a < nx; a++)
                    for (int b = 0; b < nys; b++) {
                        char **p = calloc((size_t)(m + n), sizeof *p);
                        for (int i = 0; i < m; i++)
                            p[i] = strdup(xlist[a][i]);
                        for (int j = 0; j < n; j++)
                            p[m + j] = strdup(ylist[b][j]);
                        push(&s, m, n, p);
                    }
                if (nx > 0) {
                    for (int a = 0; a < nx; a++) {
                        for (int i = 0; i < m; i++) free(xlist[a][i]);
                        free(xlist[a]);
                    }
                    for (int b = 0; b < nys; b++) {
                        for (int j = 0; j < n; j++) free(ylist[b][j]);
                        free(ylist[b]);
                    }
                    nx = nys = 0;
                }
            }
            continue;
        }
        int who = line[0] - '0', k = who == 1 ? m : n, c = 0;
        char **v = calloc((size_t)k, sizeof *v);
        strtok_r(line, " \t\n", &save);
        while ((tok = strtok_r(NULL, " \t\n", &save)) != NULL && c < k)
            v[c++] = canon(tok);
        cr_assert_eq(c, k, "short lrsnash line");
        if (who == 1) {
            cr_assert(nx < 4096);
            xlist[nx++] = v;
        } else {
            cr_assert(nys < 4096);
            ylist[nys++] = v;
        }
    }
    cr_assert_eq(pclose(f), 0, "lrsnash failed");
    cr_assert(saw_count, "lrsnash printed no summary");
    unlink(path);
    return s;
}

t_eqset t_from_result(const eq_result *r)
{
    t_eqset s = { 0, 0, NULL };
    int m = eq_result_actions(r, 0), n = eq_result_actions(r, 1);
    cr_assert(eq_result_is_exact(r));
    for (int k = 0; k < eq_result_count(r); k++) {
        char **p = calloc((size_t)(m + n), sizeof *p);
        for (int i = 0; i < m; i++)
            p[i] = strdup(eq_result_strategy_exact(r, k, 0, i));
        for (int j = 0; j < n; j++)
            p[m + j] = strdup(eq_result_strategy_exact(r, k, 1, j));
        push(&s, m, n, p);
    }
    return s;
}

static int same(const t_eq *a, const t_eq *b)
{
    if (a->m != b->m || a->n != b->n)
        return 0;
    for (int i = 0; i < a->m + a->n; i++)
        if (strcmp(a->p[i], b->p[i]) != 0)
            return 0;
    return 1;
}

int t_eqset_equal(const t_eqset *a, const t_eqset *b)
{
    if (a->count != b->count)
        return 0;
    for (int i = 0; i < a->count; i++) {
        int found = 0, twice = 0;
        for (int j = 0; j < b->count; j++)
            if (same(&a->e[i], &b->e[j]))
                found++;
        for (int j = 0; j < a->count; j++)
            if (same(&a->e[i], &a->e[j]))
                twice++;
        if (found != 1 || twice != 1)
            return 0;
    }
    return 1;
}

int t_eqset_contains(const t_eqset *s, const double *xy, double tol)
{
    for (int k = 0; k < s->count; k++) {
        int ok = 1;
        for (int i = 0; i < s->e[k].m + s->e[k].n && ok; i++) {
            mpq_t q;
            mpq_init(q);
            mpq_set_str(q, s->e[k].p[i], 10);
            ok = fabs(mpq_get_d(q) - xy[i]) <= tol;
            mpq_clear(q);
        }
        if (ok)
            return 1;
    }
    return 0;
}

void t_eqset_free(t_eqset *s)
{
    for (int k = 0; k < s->count; k++) {
        for (int i = 0; i < s->e[k].m + s->e[k].n; i++)
            free(s->e[k].p[i]);
        free(s->e[k].p);
    }
    free(s->e);
    s->e = NULL;
    s->count = s->cap = 0;
}

void t_tmpdir(char *dir, size_t len, const char *prefix)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, len, "%s/%s_XXXXXX", tmp && *tmp ? tmp : P_tmpdir, prefix);
    cr_assert_not_null(mkdtemp(dir), "cannot make a temporary folder");
}

eq_tree *t_model_tree(const char *text, const char *name, double value)
{
    eq_model *m = NULL;
    eq_tree *t = NULL;
    eq_diag d;
    double v[64];
    cr_assert_eq(eq_model_parse(&m, text, strlen(text), "t.game", &d), EQ_OK, "%s", d.message);
    cr_assert(eq_model_params(m) <= 64);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    if (name != NULL) {
        int k = eq_model_param_index(m, name);
        cr_assert(k >= 0, "no parameter '%s'", name);
        v[k] = value;
    }
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    eq_model_free(m);
    return t;
}

eq_tree *t_read_efg(const char *path)
{
    eq_tree *t = NULL;
    eq_diag d;
    cr_assert_eq(eq_tree_read_efg(&t, path, &d), EQ_OK, "%s: %s", path, d.message);
    return t;
}

int t_infoset(const eq_tree *t, const char *label)
{
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        const char *l = eq_tree_infoset_label(t, h);
        if (l != NULL && strcmp(l, label) == 0)
            return h;
    }
    cr_assert_fail("no information set labelled '%s'", label);
    return -1;
}

int t_node(const eq_tree *t, const char *label)
{
    for (int v = 0; v < eq_tree_nodes(t); v++) {
        const char *l = eq_tree_node_label(t, v);
        if (l != NULL && strcmp(l, label) == 0)
            return v;
    }
    cr_assert_fail("no node labelled '%s'", label);
    return -1;
}

double t_behaviour(const eq_tree_result *r, int k, const eq_tree *t,
                   const char *set, const char *action)
{
    int h = t_infoset(t, set);
    const double *b = eq_tree_result_behaviour(r, k, h);
    cr_assert_not_null(b);
    for (int a = 0; a < eq_tree_infoset_actions(t, h); a++)
        if (strcmp(eq_tree_infoset_action_name(t, h, a), action) == 0)
            return b[a];
    cr_assert_fail("set '%s' has no action '%s'", set, action);
    return -1.0;
}

int t_find_eq(const eq_tree_result *r, const eq_tree *t, int n,
              const char *const *sets, const char *const *acts)
{
    for (int k = 0; k < eq_tree_result_count(r); k++) {
        int all = 1;
        for (int i = 0; i < n && all; i++)
            all = fabs(t_behaviour(r, k, t, sets[i], acts[i]) - 1.0) < 1e-9;
        if (all)
            return k;
    }
    return -1;
}

void t_certified(const eq_tree_result *r)
{
    for (int k = 0; k < eq_tree_result_count(r); k++) {
        cr_expect(eq_tree_result_seq_regret(r, k) >= 0.0 &&
                  eq_tree_result_seq_regret(r, k) < 1e-12,
                  "equilibrium %d: sequential regret %g", k, eq_tree_result_seq_regret(r, k));
        cr_expect(eq_tree_result_bayes_gap(r, k) >= 0.0 &&
                  eq_tree_result_bayes_gap(r, k) < 1e-12,
                  "equilibrium %d: Bayes gap %g", k, eq_tree_result_bayes_gap(r, k));
        cr_expect(eq_tree_result_regret(r, k) < 1e-12);
    }
}

int t_member(const eq_tree *t, int h, int v)
{
    for (int i = 0; i < eq_tree_infoset_members(t, h); i++)
        if (eq_tree_infoset_member(t, h, i) == v)
            return i;
    cr_assert_fail("node %d is not in set %d", v, h);
    return -1;
}

void t_belief_range(const eq_tree_result *r, int k, const eq_tree *t,
                    const char *set, const char *node, double *lo, double *hi)
{
    int h = t_infoset(t, set), i = t_member(t, h, t_node(t, node));
    int nv = eq_tree_result_belief_vertices(r, k, h);
    cr_assert(nv > 0, "set '%s' of equilibrium %d has no supporting set", set, k);
    *lo = 2.0;
    *hi = -1.0;
    for (int j = 0; j < nv; j++) {
        const double *x = eq_tree_result_belief_vertex(r, k, h, j);
        cr_assert_not_null(x);
        *lo = fmin(*lo, x[i]);
        *hi = fmax(*hi, x[i]);
    }
}
