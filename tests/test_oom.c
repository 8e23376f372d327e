/*
** test_oom.c -- every call fails cleanly when memory runs out.
**
** An allocator (eq_set_allocator) that fails the k-th allocation is walked
** over k = 0, 1, 2, ... for each operation, until the operation completes
** without reaching the failure.  Each failing run must return
** EQ_ERR_NOMEM, free every block it took (the allocator counts the live
** blocks: back to where it started once the caller has freed what it
** owns), and leave the handles it was given usable: the same game or tree
** solves again, without failure, to the same number of equilibria.  This
** file includes only the public header, so its own allocations are the C
** library's and never fail.  Built with -DOOM_DEBUG, the failing
** allocator prints the backtrace of the allocation it fails.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef OOM_DEBUG
#include <execinfo.h>
#endif
#include <criterion/criterion.h>
#include "support.h"

#define FIX EQ_FIXTURES "/"
#define WALK_MAX 200000L   /* more allocations than any operation here */

static long fail_at = -1;  /* index of the allocation to fail, -1: none */
static long calls;         /* allocations since the run began */
static long live;          /* blocks allocated and not yet freed */

static void *failing_alloc(void *ud, void *p, size_t old, size_t size)
{
    void *q;
    (void)ud;
    (void)old;
    if (size == 0) {
        if (p != NULL)
            live--;
        free(p);
        return NULL;
    }
    if (fail_at >= 0 && calls++ == fail_at) {
#ifdef OOM_DEBUG
        void *bt[32];
        backtrace_symbols_fd(bt, backtrace(bt, 32), 2);
#endif
        return NULL;
    }
    q = realloc(p, size);
    if (q != NULL && p == NULL)
        live++;
    return q;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    cr_assert_not_null(buf);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* One operation: run it with the current failure point; return its status
** and free everything it made.  count: OUT, a number to compare between
** runs (equilibria found), or 0. */
typedef eq_status (*op_fn)(void *ctx, int *count);

/* Walk the failure point over op.  Returns the number of allocations of a
** complete run. */
static long walk(const char *what, op_fn op, void *ctx)
{
    int want = -1, got = 0;
    long k, base;
    eq_status s;

    eq_set_allocator(failing_alloc, NULL);
    base = live;
    fail_at = -1;
    calls = 0;
    s = op(ctx, &want);
    cr_assert_eq(s, EQ_OK, "%s: %s without a failure", what, eq_status_string(s));
    cr_assert_eq(live, base, "%s: %ld blocks leaked by a complete run", what, live - base);
    for (k = 0; k < WALK_MAX; k++) {
        fail_at = k;
        calls = 0;
        s = op(ctx, &got);
        if (calls <= k) {            /* the run never reached allocation k */
            cr_assert_eq(s, EQ_OK, "%s: %s", what, eq_status_string(s));
            cr_assert_eq(got, want);
            break;
        }
        cr_assert_eq(s, EQ_ERR_NOMEM, "%s: allocation %ld failed, status %s",
                     what, k, eq_status_string(s));
        cr_assert_eq(live, base, "%s: allocation %ld failed, %ld blocks leaked",
                     what, k, live - base);
        /* The caller's handles still work. */
        fail_at = -1;
        s = op(ctx, &got);
        cr_assert_eq(s, EQ_OK, "%s: after allocation %ld failed, a clean run: %s",
                     what, k, eq_status_string(s));
        cr_assert_eq(got, want);
    }
    cr_assert_lt(k, WALK_MAX);
    eq_set_allocator(NULL, NULL);
    return k;
}

/* ---- reading ------------------------------------------------------ */

typedef struct { const char *text; size_t len; const char *name; } src;

static eq_status op_nfg(void *ctx, int *count)
{
    src *c = ctx;
    eq_game *g = NULL;
    eq_diag d;
    eq_status s = eq_game_parse_nfg(&g, c->text, c->len, c->name, &d);
    *count = g != NULL ? (int)eq_game_profiles(g) : 0;
    eq_game_free(g);
    return s;
}

static eq_status op_efg(void *ctx, int *count)
{
    src *c = ctx;
    eq_tree *t = NULL;
    eq_diag d;
    eq_status s = eq_tree_parse_efg(&t, c->text, c->len, c->name, &d);
    *count = t != NULL ? eq_tree_nodes(t) : 0;
    eq_tree_free(t);
    return s;
}

/* Parse a model and build its tree at the defaults. */
static eq_status op_model(void *ctx, int *count)
{
    src *c = ctx;
    eq_model *m = NULL;
    eq_tree *t = NULL;
    eq_diag d;
    double *v = NULL;
    eq_status s = eq_model_parse(&m, c->text, c->len, c->name, &d);
    *count = 0;
    if (s != EQ_OK)
        return s;
    v = calloc((size_t)eq_model_params(m) + 1, sizeof *v);
    cr_assert_not_null(v);
    if ((s = eq_model_defaults(m, v)) == EQ_OK &&
        (s = eq_model_instantiate(m, v, &t, &d)) == EQ_OK)
        *count = eq_tree_nodes(t);
    eq_tree_free(t);
    free(v);
    eq_model_free(m);
    return s;
}

static void walk_file(const char *path, op_fn op)
{
    src c;
    size_t len;
    char *text = slurp(path, &len);
    c.text = text;
    c.len = len;
    c.name = path;
    walk(path, op, &c);
    free(text);
}

Test(oom, read_nfg)
{
    walk_file(FIX "nfg/payoff_2x3.nfg", op_nfg);
    walk_file(FIX "nfg/outcome_2x3.nfg", op_nfg);
    walk_file(FIX "nfg/rational.nfg", op_nfg);
    walk_file(FIX "nfg/three_2x3x2.nfg", op_nfg);
}

Test(oom, read_efg)
{
    walk_file(FIX "efg/chance.efg", op_efg);
    walk_file(FIX "efg/imperfect.efg", op_efg);
    walk_file(EQ_MODELS "/poker.efg", op_efg);
}

Test(oom, read_and_build_models)
{
    walk_file(FIX "game/entry.game", op_model);
    walk_file(FIX "game/readme.game", op_model);
    walk_file(EQ_FIXTURES "/game/old_nato.game", op_model);
    walk_file(FIX "game/family_small.game", op_model);
    walk_file(FIX "game/include/nested.game", op_model);    /* two include lines */
}

/* ---- methods on a strategic game ------------------------------------ */

typedef struct { const eq_game *g; eq_method m; int exact; } gsolve;

static eq_status op_solve(void *ctx, int *count)
{
    gsolve *c = ctx;
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_status s;
    eq_solve_opts_init(&o);
    o.method = c->m;
    o.exact = c->exact;
    s = eq_solve(c->g, &o, &r);
    *count = r != NULL ? eq_result_count(r) : 0;
    eq_result_free(r);
    return s;
}

static void walk_methods(const char *path)
{
    eq_game *g = NULL;
    eq_diag d;
    cr_assert_eq(eq_game_read_nfg(&g, path, &d), EQ_OK, "%s", d.message);
    for (int m = 0; m < eq_method_count(); m++) {
        for (int exact = 0; exact < 2; exact++) {
            gsolve c = { g, (eq_method)m, exact };
            char what[256];
            if (eq_method_check_game((eq_method)m, g, NULL, 0) != EQ_OK)
                continue;
            if (exact && !(eq_method_caps((eq_method)m) & EQ_CAP_EXACT))
                continue;
            snprintf(what, sizeof what, "%s -m %s%s", path,
                     eq_method_name((eq_method)m), exact ? " --exact" : "");
            walk(what, op_solve, &c);
        }
    }
    eq_game_free(g);
}

Test(oom, strategic_methods, .timeout = 600)
{
    walk_methods(FIX "nfg/payoff_2x3.nfg");
    walk_methods(EQ_MODELS "/matching_pennies.nfg");
    walk_methods(FIX "nfg/three_2x3x2.nfg");
}

/* ---- methods on a tree -------------------------------------------------- */

/* sub: spe's subgame method, or -1 for the default. */
typedef struct { const eq_tree *t; eq_method m; int perfect; int sub; } tsolve;

static eq_status op_tree(void *ctx, int *count)
{
    tsolve *c = ctx;
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_status s;
    eq_tree_opts_init(&o);
    o.method = c->m;
    o.perfect = c->perfect;
    o.all = c->sub >= 0;
    if (c->sub >= 0)
        o.subgame_method = (eq_method)c->sub;
    s = eq_tree_solve(c->t, &o, &r);
    *count = r != NULL ? eq_tree_result_count(r) : 0;
    eq_tree_result_free(r);
    return s;
}

static void walk_tree(const char *path)
{
    eq_tree *t = NULL;
    eq_diag d;
    cr_assert_eq(eq_tree_read_efg(&t, path, &d), EQ_OK, "%s", d.message);
    for (int m = 0; m < eq_method_count(); m++) {
        tsolve c = { t, (eq_method)m, 0, -1 };
        char what[256];
        if (eq_method_check_tree((eq_method)m, t, NULL, 0) != EQ_OK)
            continue;
        snprintf(what, sizeof what, "%s -m %s", path, eq_method_name((eq_method)m));
        walk(what, op_tree, &c);
        if (m == EQ_METHOD_LEMKE) {    /* and its quasi-perfect variant */
            c.perfect = 1;
            snprintf(what, sizeof what, "%s -m lemke --perfect", path);
            walk(what, op_tree, &c);
        }
        if (m == EQ_METHOD_SPE) {      /* over pbe stages, every equilibrium */
            c.sub = EQ_METHOD_PBE;
            snprintf(what, sizeof what, "%s -m spe --sub pbe --all", path);
            walk(what, op_tree, &c);
        }
    }
    eq_tree_free(t);
}

Test(oom, tree_methods, .timeout = 600)
{
    walk_tree(FIX "efg/entry.efg");
    walk_tree(FIX "efg/imperfect.efg");
    walk_tree(FIX "bayes/beer_quiche.efg");
    walk_tree(FIX "bayes/guarantee_belief.efg");
}

/* ---- the embedding interface (solver/api.c) ------------------------- */

static eq_status op_options_game(void *ctx, int *count)
{
    eq_options *o = NULL;
    eq_result *r = NULL;
    eq_status s;
    *count = 0;
    if ((s = eq_options_new(&o)) != EQ_OK)
        return s;
    if ((s = eq_options_set(o, "method", "mip")) == EQ_OK &&
        (s = eq_options_set(o, "objective", "welfare")) == EQ_OK)
        s = eq_solve_with(ctx, o, &r);
    *count = r != NULL ? eq_result_count(r) : 0;
    eq_result_free(r);
    eq_options_free(o);
    return s;
}

static eq_status op_model_solve(void *ctx, int *count)
{
    eq_options *o = NULL;
    eq_point *pt = NULL;
    eq_status s;
    *count = 0;
    if ((s = eq_options_new(&o)) != EQ_OK)
        return s;
    if ((s = eq_options_set(o, "count", "true")) == EQ_OK &&
        (s = eq_options_set(o, "select", "player:West")) == EQ_OK)
        s = eq_model_solve(ctx, NULL, o, &pt);
    *count = pt != NULL && s == EQ_OK ? eq_point_spe_count(pt) : 0;
    eq_point_free(pt);
    eq_options_free(o);
    return s;
}

/* As walk, for an operation that may fall back, with the same answer, when
** an allocation fails (a point's fast SPE path gives way to eq_tree_solve):
** each failing run either returns EQ_ERR_NOMEM or the complete run's
** answer, and never leaks. */
static void walk_fallback(const char *what, op_fn op, void *ctx)
{
    int want = -1, got = 0;
    long k, base;
    eq_status s;
    eq_set_allocator(failing_alloc, NULL);
    base = live;
    fail_at = -1;
    s = op(ctx, &want);
    cr_assert_eq(s, EQ_OK, "%s: %s without a failure", what, eq_status_string(s));
    for (k = 0; k < WALK_MAX; k++) {
        fail_at = k;
        calls = 0;
        s = op(ctx, &got);
        cr_assert_eq(live, base, "%s: allocation %ld failed, %ld blocks leaked",
                     what, k, live - base);
        if (calls <= k)
            break;
        cr_assert(s == EQ_ERR_NOMEM || (s == EQ_OK && got == want),
                  "%s: allocation %ld failed, status %s", what, k, eq_status_string(s));
    }
    cr_assert_eq(s, EQ_OK);
    cr_assert_eq(got, want);
    cr_assert_lt(k, WALK_MAX);
    eq_set_allocator(NULL, NULL);
}

Test(oom, options_by_name_and_model_solve, .timeout = 600)
{
    eq_game *g = NULL;
    eq_model *m = NULL;
    eq_diag d;
    cr_assert_eq(eq_game_read_nfg(&g, EQ_MODELS "/battle_of_sexes.nfg", &d), EQ_OK, "%s",
                 d.message);
    walk("options: mip on battle_of_sexes.nfg", op_options_game, g);
    eq_game_free(g);
    cr_assert_eq(eq_model_read(&m, EQ_FIXTURES "/game/old_nato.game", &d), EQ_OK, "%s",
                 d.message);
    walk_fallback("eq_model_solve on nato_membership.game", op_model_solve, m);
    eq_model_free(m);
}
