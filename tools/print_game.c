/*
** print_game.c -- results on strategic-form games, in every format: text
** for people, JSON (out_json.c), and one table -- CSV, Markdown or LaTeX
** (out_table.c) -- with a row per equilibrium, player and action.  Also
** the logit path of qre (--qre FILE).
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "out_json.h"
#include "out_table.h"

/* What the objective of mip or correlated was, in words. */
static void describe_objective(const eq_game *g, const eq_solve_opts *o, sbuf *b)
{
    const char *dir = o->maximize ? "maximum" : "minimum";
    if (o->objective == EQ_OBJ_PLAYER)
        sb_printf(b, "%s payoff of %s", dir, eq_game_player_name(g, o->obj_player));
    else if (o->objective == EQ_OBJ_ACTION)
        sb_printf(b, "%s probability that %s plays %s", dir,
                  eq_game_player_name(g, o->obj_player),
                  eq_game_action_name(g, o->obj_player, o->obj_action));
    else
        sb_printf(b, "%s welfare (sum of payoffs)", dir);
}

/* The action of player p in the profile with flat index i. */
static int profile_action(const eq_game *g, size_t i, int p)
{
    size_t stride = 1;
    for (int q = eq_game_players(g) - 1; q > p; q--)
        stride *= (size_t)eq_game_actions(g, q);
    return (int)((i / stride) % (size_t)eq_game_actions(g, p));
}

/* The profile with flat index i, as "a, b, c" by action names. */
static void profile_words(const eq_game *g, size_t i, sbuf *b)
{
    for (int p = 0; p < eq_game_players(g); p++)
        sb_printf(b, "%s%s", p ? ", " : "", eq_game_action_name(g, p, profile_action(g, i, p)));
}

/* The certificate's name: max regret, or for a correlated equilibrium the
** largest violation of its constraints. */
static const char *cert_kind(const eq_result *r)
{
    return eq_method_caps(eq_result_method(r)) & EQ_CAP_DISTRIBUTION ? "correlated_violation"
                                                             : "max_regret";
}

/* ---- text ----------------------------------------------------------- */

static void text_equilibrium(FILE *f, const eq_game *g, const eq_result *r, int k, int w)
{
    int exact = eq_result_is_exact(r);
    fprintf(f, "\nequilibrium %d\n", k + 1);
    for (int p = 0; p < eq_game_players(g); p++) {
        const double *s = eq_result_strategy(r, k, p);
        int first = 1;
        fprintf(f, "  %-*s  ", w, eq_game_player_name(g, p));
        for (int a = 0; a < eq_game_actions(g, p); a++) {
            if (exact ? strcmp(eq_result_strategy_exact(r, k, p, a), "0") == 0
                      : fabs(s[a]) < 5e-16)
                continue;
            fprintf(f, "%s%s ", first ? "" : ", ", eq_game_action_name(g, p, a));
            if (exact)
                fputs(eq_result_strategy_exact(r, k, p, a), f);
            else
                num_human(f, s[a]);
            first = 0;
        }
        fputs("   payoff ", f);
        if (exact)
            fputs(eq_result_payoff_exact(r, k, p), f);
        else
            num_human(f, eq_result_payoff(r, k, p));
        fputc('\n', f);
    }
    if (eq_method_caps(eq_result_method(r)) & EQ_CAP_DISTRIBUTION) {
        fputs("  certificate: largest violation of the correlated-equilibrium "
              "constraints ", f);
        if (exact && eq_result_regret_exact(r, k) != NULL)
            fprintf(f, "%s exactly (optimum certified in exact arithmetic); ",
                    eq_result_regret_exact(r, k));
        fprintf(f, "%.3g\n", eq_result_regret(r, k));
        return;
    }
    fputs("  certificate: max regret ", f);
    if (exact && eq_result_regret_exact(r, k) != NULL)
        fprintf(f, "%s exactly; ", eq_result_regret_exact(r, k));
    fprintf(f, "%.3g in double precision\n", eq_result_regret(r, k));
}

/* Lines that only some methods' results carry. */
static void text_extras(FILE *f, const eq_game *g, const eq_result *r, const eq_solve_opts *o)
{
    unsigned caps = eq_method_caps(eq_result_method(r));
    sbuf b = { 0 };
    if ((caps & EQ_CAP_OBJECTIVE) && eq_result_count(r) > 0) {
        describe_objective(g, o, &b);
        fprintf(f, "objective: %s = ", sb_str(&b));
        if (eq_result_value_exact(r) != NULL)
            fputs(eq_result_value_exact(r), f);
        else
            num_human(f, eq_result_value(r));
        fputc('\n', f);
    }
    if ((caps & EQ_CAP_UNIQUE) && o->unique)
        fprintf(f, "unique: %s\n", eq_result_unique(r) == 1 ? "yes, proved"
                                   : "no: equilibrium 2 is a second one");
    for (int k = 0; k < eq_result_count(r); k++) {
        const double *d = eq_result_distribution(r, k);
        if (d == NULL)
            continue;
        fprintf(f, "distribution over outcomes (equilibrium %d):\n", k + 1);
        for (size_t i = 0; i < eq_game_profiles(g); i++)
            if (eq_result_distribution_exact(r, k, i) != NULL
                    ? strcmp(eq_result_distribution_exact(r, k, i), "0") != 0
                    : d[i] > 1e-12) {
                sb_clear(&b);
                profile_words(g, i, &b);
                fprintf(f, "  (%s)  ", sb_str(&b));
                if (eq_result_distribution_exact(r, k, i) != NULL)
                    fputs(eq_result_distribution_exact(r, k, i), f);
                else
                    num_human(f, d[i]);
                fputc('\n', f);
            }
    }
    sb_free(&b);
}

static void print_text(FILE *f, const cli *c, const eq_game *g, const eq_result *r,
                       const eq_solve_opts *o)
{
    int n = eq_game_players(g), exact = eq_result_is_exact(r);
    int count = eq_result_count(r), w = 0;
    const char *title = eq_game_title(g);

    for (int p = 0; p < n; p++)
        if ((int)strlen(eq_game_player_name(g, p)) > w)
            w = (int)strlen(eq_game_player_name(g, p));
    fprintf(f, "game: %s\nfile: %s\n", title[0] ? title : c->files[0], c->files[0]);
    fprintf(f, "method: %s%s: %d equilibri%s%s\n", eq_method_name(eq_result_method(r)),
            exact ? ", exact arithmetic" : "", count, count == 1 ? "um" : "a",
            eq_result_solution(r) == EQ_SOL_PARTIAL ? " (stopped at --max; there may be more)"
                                                    : "");
    if ((eq_method_caps(eq_result_method(r)) & EQ_CAP_VALUE) && count > 0) {
        fprintf(f, "value to %s: ", eq_game_player_name(g, 0));
        if (exact)
            fputs(eq_result_payoff_exact(r, 0, 0), f);
        else
            num_human(f, eq_result_value(r));
        fputc('\n', f);
    }
    for (int k = 0; k < count; k++)
        text_equilibrium(f, g, r, k, w);
    text_extras(f, g, r, o);
}

/* ---- JSON ------------------------------------------------------------ */

static cJSON *json_method(const cli *c, const eq_result *r, const eq_solve_opts *o,
                          const eq_game *g)
{
    cJSON *m = cJSON_CreateObject();
    unsigned caps = eq_method_caps(eq_result_method(r));
    sbuf b = { 0 };
    jadd(m, "name", jstr(eq_method_name(eq_result_method(r))));
    jadd(m, "exact", jbool(o->exact));
    jadd(m, "max_equilibria", o->max_equilibria ? jint(o->max_equilibria) : jnull());
    jadd(m, "label", (caps & EQ_CAP_LABEL) && o->lemke_label >= 0 ? jint(o->lemke_label) : jnull());
    if (caps & EQ_CAP_OBJECTIVE)
        describe_objective(g, o, &b);
    jadd(m, "objective", caps & EQ_CAP_OBJECTIVE ? jstr(sb_str(&b)) : jnull());
    jadd(m, "unique", jbool(o->unique));
    jadd(m, "coarse", jbool(o->coarse));
    jadd(m, "qre_file", jstr(c->qre_file));
    sb_free(&b);
    return m;
}

/* LP sensitivity: rows with duals, payoff ranges with null for an open
** end (GLPK's infinite bound). */
static cJSON *json_lp(const eq_result *r)
{
    cJSON *lp, *rows, *ranges;
    if (eq_result_lp_rows(r) == 0 && eq_result_lp_ranges(r) == 0)
        return jnull();
    lp = cJSON_CreateObject();
    rows = jadd(lp, "rows", cJSON_CreateArray());
    ranges = jadd(lp, "ranges", cJSON_CreateArray());
    for (int i = 0; i < eq_result_lp_rows(r); i++) {
        cJSON *row = jpush(rows, cJSON_CreateObject());
        jadd(row, "name", jstr(eq_result_lp_row_name(r, i)));
        jadd(row, "dual", jnum(eq_result_lp_dual(r, i)));
    }
    for (int i = 0; i < eq_result_lp_ranges(r); i++) {
        cJSON *x = jpush(ranges, cJSON_CreateObject());
        jadd(x, "entry", jstr(eq_result_lp_range_name(r, i)));
        jadd(x, "value", jnum(eq_result_lp_range_value(r, i)));
        jadd(x, "lo", jnum(eq_result_lp_range_lo(r, i)));
        jadd(x, "hi", jnum(eq_result_lp_range_hi(r, i)));
    }
    return lp;
}

static cJSON *json_objective(const eq_game *g, const eq_result *r, const eq_solve_opts *o)
{
    cJSON *x;
    sbuf b = { 0 };
    if (!(eq_method_caps(eq_result_method(r)) & EQ_CAP_OBJECTIVE) || eq_result_count(r) == 0)
        return jnull();
    x = cJSON_CreateObject();
    describe_objective(g, o, &b);
    jadd(x, "description", jstr(sb_str(&b)));
    jadd(x, "maximize", jbool(o->maximize));
    jadd(x, "value", jnum(eq_result_value(r)));
    if (eq_result_value_exact(r) != NULL)
        jadd(x, "value_exact", jstr(eq_result_value_exact(r)));
    sb_free(&b);
    return x;
}

/* The correlated distribution's support, or null. */
static cJSON *json_outcomes(const eq_game *g, const eq_result *r, int k)
{
    const double *d = eq_result_distribution(r, k);
    cJSON *a;
    if (d == NULL)
        return jnull();
    a = cJSON_CreateArray();
    for (size_t i = 0; i < eq_game_profiles(g); i++)
        if (d[i] > 1e-12) {
            cJSON *o = jpush(a, cJSON_CreateObject());
            cJSON *prof = jadd(o, "profile", cJSON_CreateArray());
            for (int p = 0; p < eq_game_players(g); p++)
                jpush(prof, jstr(eq_game_action_name(g, p, profile_action(g, i, p))));
            jadd(o, "probability", jnum(d[i]));
            if (eq_result_distribution_exact(r, k, i) != NULL)
                jadd(o, "probability_exact", jstr(eq_result_distribution_exact(r, k, i)));
        }
    return a;
}

static cJSON *json_equilibrium(const eq_game *g, const eq_result *r, int k)
{
    cJSON *e = cJSON_CreateObject(), *beh, *pay, *payx = NULL, *cert;
    int n = eq_game_players(g), exact = eq_result_is_exact(r);
    beh = jadd(e, "behaviour", cJSON_CreateArray());
    for (int p = 0; p < n; p++) {
        cJSON *b = jpush(beh, cJSON_CreateObject()), *px;
        jadd(b, "infoset", jint(p));
        jadd(b, "player", jstr(eq_game_player_name(g, p)));
        jadd(b, "label", jnull());
        jadd(b, "reached", jbool(1));
        jadd(b, "probabilities", jnums(eq_result_strategy(r, k, p), eq_game_actions(g, p)));
        px = jadd(b, "probabilities_exact", exact ? cJSON_CreateArray() : jnull());
        for (int a = 0; exact && a < eq_game_actions(g, p); a++)
            jpush(px, jstr(eq_result_strategy_exact(r, k, p, a)));
    }
    pay = jadd(e, "payoffs", cJSON_CreateArray());
    if (exact)
        payx = cJSON_CreateArray();
    for (int p = 0; p < n; p++) {
        jpush(pay, jnum(eq_result_payoff(r, k, p)));
        if (exact)
            jpush(payx, jstr(eq_result_payoff_exact(r, k, p)));
    }
    jadd(e, "payoffs_exact", exact ? payx : jnull());
    jadd(e, "beliefs", jnull());
    jadd(e, "path", jnull());
    jadd(e, "outcomes", json_outcomes(g, r, k));
    cert = jadd(e, "certificate", cJSON_CreateObject());
    jadd(cert, "kind", jstr(cert_kind(r)));
    jadd(cert, "value", jnum(eq_result_regret(r, k)));
    jadd(cert, "exact", jstr(exact ? eq_result_regret_exact(r, k) : NULL));
    jadd(cert, "sequential_regret", jnull());
    jadd(cert, "bayes_gap", jnull());
    jadd(e, "correlated_stages", cJSON_CreateArray());
    return e;
}

static cJSON *json_qre_path(const eq_game *g, const qre_path *q)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < q->n; i++) {
        const double *pt = q->pts + i * (size_t)(1 + q->nprof);
        cJSON *x = jpush(a, cJSON_CreateObject()), *prof;
        int off = 1;
        jadd(x, "lambda", jnum(pt[0]));
        prof = jadd(x, "profile", cJSON_CreateArray());
        for (int p = 0; p < eq_game_players(g); p++) {
            jpush(prof, jnums(pt + off, eq_game_actions(g, p)));
            off += eq_game_actions(g, p);
        }
    }
    return a;
}

/* The game's description, the same shape as a tree's: players, and one
** information set per player holding its actions. */
static void json_game(jw *w, const char *file, const eq_game *g)
{
    cJSON *players = cJSON_CreateArray(), *sets = cJSON_CreateArray();
    for (int p = 0; p < eq_game_players(g); p++) {
        cJSON *acts = jinfoset(sets, p, eq_game_player_name(g, p), NULL);
        jpush(players, jstr(eq_game_player_name(g, p)));
        for (int a = 0; a < eq_game_actions(g, p); a++)
            jpush(acts, jstr(eq_game_action_name(g, p, a)));
    }
    jw_solve_head(w, file, eq_game_title(g), "strategic", players, sets);
}

static void print_json(FILE *f, const cli *c, const eq_game *g, const eq_result *r,
                       const eq_solve_opts *o, const qre_path *q)
{
    jw w;
    unsigned caps = eq_method_caps(eq_result_method(r));
    jw_open(&w, f);
    json_game(&w, c->files[0], g);
    jw_put(&w, "method", json_method(c, r, o, g));
    jw_put(&w, "parameters", jparams(NULL, NULL));
    jw_put(&w, "complete", jbool(eq_result_solution(r) != EQ_SOL_PARTIAL &&
                                 eq_result_solution(r) != EQ_SOL_STOPPED));
    if (eq_result_solution(r) == EQ_SOL_STOPPED)
        jw_put(&w, "stopped", jstr(cli_stop_reason(eq_result_errmsg(r))));
    jw_put(&w, "value", (caps & EQ_CAP_VALUE) && eq_result_count(r) > 0
                            ? jnum(eq_result_value(r)) : jnull());
    jw_put(&w, "objective", json_objective(g, r, o));
    jw_put(&w, "unique", (caps & EQ_CAP_UNIQUE) && o->unique ? jbool(eq_result_unique(r) == 1)
                                                         : jnull());
    jw_put(&w, "lp", json_lp(r));
    if (q != NULL)
        jw_put(&w, "qre_path", json_qre_path(g, q));
    jw_array_open(&w, "equilibria");
    for (int k = 0; k < eq_result_count(r); k++)
        jw_item(&w, json_equilibrium(g, r, k));
    jw_array_close(&w);
    if (jw_close(&w) != 0)
        cli_error("out of memory while writing JSON");
}

/* ---- tables ------------------------------------------------------------ */

/* One row per equilibrium, player and action. */
static void print_table(FILE *f, const cli *c, const eq_game *g, const eq_result *r)
{
    static const char *const head[] = { "equilibrium", "player", "action", "probability",
                                        "payoff", "certificate", "probability_exact",
                                        "payoff_exact" };
    int exact = eq_result_is_exact(r);
    table t;
    tab_begin(&t, f, c->format, exact ? 8 : 6, head, "rllrrrrr");
    for (int k = 0; k < eq_result_count(r); k++)
        for (int p = 0; p < eq_game_players(g); p++)
            for (int a = 0; a < eq_game_actions(g, p); a++) {
                tab_int(&t, k + 1);
                tab_str(&t, eq_game_player_name(g, p));
                tab_str(&t, eq_game_action_name(g, p, a));
                tab_num(&t, eq_result_strategy(r, k, p)[a]);
                tab_num(&t, eq_result_payoff(r, k, p));
                tab_num(&t, eq_result_regret(r, k));
                if (exact) {
                    tab_str(&t, eq_result_strategy_exact(r, k, p, a));
                    tab_str(&t, eq_result_payoff_exact(r, k, p));
                }
                tab_end_row(&t);
            }
    tab_end(&t);
}

void print_game_result(FILE *f, const cli *c, const loaded *L, const eq_result *r,
                       const eq_solve_opts *o, const qre_path *q)
{
    if (c->format == FMT_JSON)
        print_json(f, c, L->g, r, o, q);
    else if (c->format == FMT_TEXT)
        print_text(f, c, L->g, r, o);
    else
        print_table(f, c, L->g, r);
    if (eq_result_solution(r) == EQ_SOL_STOPPED)
        cli_mark_incomplete(f, c->format, cli_stop_reason(eq_result_errmsg(r)));
}

/* ---- the logit path ---------------------------------------------------- */

void qre_path_add(void *ud, double lambda, const double *profile)
{
    qre_path *q = ud;
    size_t w = (size_t)(1 + q->nprof);
    if (q->oom)
        return;
    if (q->n == q->cap) {
        size_t cap = q->cap ? 2 * q->cap : 64;
        double *p = realloc(q->pts, cap * w * sizeof *p);
        if (p == NULL) {
            q->oom = 1;
            return;
        }
        q->pts = p;
        q->cap = cap;
    }
    q->pts[q->n * w] = lambda;
    memcpy(q->pts + q->n * w + 1, profile, (size_t)q->nprof * sizeof *profile);
    q->n++;
}

void qre_path_free(qre_path *q)
{
    free(q->pts);
    q->pts = NULL;
    q->n = q->cap = 0;
}

int qre_path_save(const qre_path *q, const eq_game *g, const cli *c)
{
    cli where = *c;
    sink s;
    table t;
    const char **head;
    sbuf *names;
    int ncols = 1 + q->nprof, rc;
    where.output = c->qre_file;
    if (q->oom) {
        cli_error("--qre %s: out of memory", c->qre_file);
        return EXIT_USAGE;
    }
    head = calloc((size_t)ncols, sizeof *head);
    names = calloc((size_t)ncols, sizeof *names);
    if (head == NULL || names == NULL || (rc = sink_open(&s, &where)) != 0) {
        if (head == NULL || names == NULL)
            cli_error("out of memory");
        free(head);
        free(names);
        return EXIT_USAGE;
    }
    head[0] = "lambda";
    for (int p = 0, i = 1; p < eq_game_players(g); p++)
        for (int a = 0; a < eq_game_actions(g, p); a++, i++) {
            sb_printf(&names[i], "%s:%s", eq_game_player_name(g, p), eq_game_action_name(g, p, a));
            head[i] = sb_str(&names[i]);
        }
    tab_begin(&t, s.f, FMT_CSV, ncols, head, NULL);
    for (size_t i = 0; i < q->n; i++) {
        for (int j = 0; j < ncols; j++)
            tab_num(&t, q->pts[i * (size_t)ncols + (size_t)j]);
        tab_end_row(&t);
    }
    tab_end(&t);
    for (int i = 0; i < ncols; i++)
        sb_free(&names[i]);
    free(head);
    free(names);
    return sink_close(&s, 0);
}
