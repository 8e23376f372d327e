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
#include <gmp.h>
#include "support.h"

#define FIX EQ_FIXTURES "/"
#define WALK_MAX 200000L   /* more allocations than any operation here */

static long fail_at = -1;  /* index of the allocation to fail, -1: none */
static int sticky;         /* 1: fail every allocation from fail_at on */
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
    if (fail_at >= 0 && (calls++ == fail_at || (sticky && calls > fail_at))) {
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

/* Walk the failure point over op, every stride-th allocation (1: every
** one).  Returns the number of allocations of a complete run. */
static long walk_stride(const char *what, op_fn op, void *ctx, long stride)
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
    for (k = 0; k < WALK_MAX; k += stride) {
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

static long walk(const char *what, op_fn op, void *ctx)
{
    return walk_stride(what, op, ctx, 1);
}

/* GMP's allocations go through the failing allocator too (eq_gmp_contain):
** every walk of this suite fails them as well as the library's own.  On
** before any GMP number exists, off after the last is freed. */
static void contain_on(void) { cr_assert_eq(eq_gmp_contain(EQ_GMP_RESERVE), EQ_OK); }
static void contain_off(void) { cr_assert_eq(eq_gmp_contain(0), EQ_OK); }

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

Test(oom, read_nfg, .init = contain_on, .fini = contain_off)
{
    walk_file(FIX "nfg/payoff_2x3.nfg", op_nfg);
    walk_file(FIX "nfg/outcome_2x3.nfg", op_nfg);
    walk_file(FIX "nfg/rational.nfg", op_nfg);
    walk_file(FIX "nfg/three_2x3x2.nfg", op_nfg);
}

Test(oom, read_efg, .init = contain_on, .fini = contain_off)
{
    walk_file(FIX "efg/chance.efg", op_efg);
    walk_file(FIX "efg/imperfect.efg", op_efg);
    walk_file(EQ_MODELS "/poker.efg", op_efg);
}

Test(oom, read_and_build_models, .init = contain_on, .fini = contain_off)
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

Test(oom, strategic_methods, .timeout = 600, .init = contain_on,
     .fini = contain_off)
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

Test(oom, tree_methods, .timeout = 600, .init = contain_on,
     .fini = contain_off)
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
static void walk_fallback_stride(const char *what, op_fn op, void *ctx, long stride)
{
    int want = -1, got = 0;
    long k, base;
    eq_status s;
    eq_set_allocator(failing_alloc, NULL);
    base = live;
    fail_at = -1;
    s = op(ctx, &want);
    cr_assert_eq(s, EQ_OK, "%s: %s without a failure", what, eq_status_string(s));
    for (k = 0; k < WALK_MAX; k += stride) {
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

static void walk_fallback(const char *what, op_fn op, void *ctx)
{
    walk_fallback_stride(what, op, ctx, 1);
}

Test(oom, options_by_name_and_model_solve, .timeout = 600, .init = contain_on,
     .fini = contain_off)
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

/*
** The sensitivity engine's fast path with pbe stages (solver/spefast.c),
** whose every solve allocates (the stages' enumeration and the beliefs):
** one point of tests/fixtures/game/guarantee_stage.game solved at
** honour_weak = -3, -1.5 and 0 in turn, the later solves reusing the fast
** path and its result.  By hand (tests/test_spefast_pbe.c): no guarantee
** below -2 (the West gets -1), the guarantee from -2 on (it gets 0); the
** count encodes the three regimes, 1 for none and 2 for the guarantee.
*/
static eq_status op_pbe_points(void *ctx, int *count)
{
    static const double w[3] = { -3.0, -1.5, 0.0 };
    eq_analysis *a = NULL;
    eq_point *pt = NULL;
    double v[8];
    int iw = eq_model_param_index(ctx, "honour_weak");
    eq_status s;
    *count = 0;
    if ((s = eq_analysis_new(&a, ctx)) != EQ_OK)
        return s;
    if ((s = eq_point_new(&pt, ctx)) == EQ_OK)
        s = eq_model_defaults(ctx, v);
    for (int i = 0; i < 3 && s == EQ_OK; i++) {
        v[iw] = w[i];
        if ((s = eq_point_solve(pt, a, v)) == EQ_OK)
            *count = 10 * *count + (eq_point_payoff(pt, 1) < -0.5 ? 1 : 2);
    }
    eq_point_free(pt);
    eq_analysis_free(a);
    return s;
}

Test(oom, fast_path_with_pbe_stages, .timeout = 600, .init = contain_on,
     .fini = contain_off)
{
    eq_model *m = NULL;
    eq_diag d;
    int got = 0;
    cr_assert_eq(eq_model_read(&m, FIX "game/guarantee_stage.game", &d), EQ_OK, "%s",
                 d.message);
    cr_assert_eq(op_pbe_points(m, &got), EQ_OK);
    cr_assert_eq(got, 122);
    walk_fallback("eq_point_solve over pbe stages on guarantee_stage.game", op_pbe_points, m);
    eq_model_free(m);
}

/* ---- GMP's allocations, contained (eq_gmp_contain) ------------------- */

/*
** With containment on, GMP allocates through the failing allocator too, so
** the walks below fail GMP's allocations as well as the library's: each
** failing run returns EQ_ERR_NOMEM (GMP's block came from the reserve),
** leaks nothing, and the next clean run gives the equilibria derived by
** hand (test_classic.c derives them):
**   battle of the sexes (models/battle_of_sexes.nfg): (1,0;1,0), (0,1;0,1)
**     and the mixed ((2/3,1/3), (1/3,2/3)); its welfare-maximal correlated
**     equilibrium has welfare 3 (no profile gives more than 2 + 1, and the
**     pure equilibria reach it), certified exactly (regret 0);
**   rock, paper, scissors (models/rock_paper_scissors.nfg): the unique
**     equilibrium (1/3,1/3,1/3) for both (against any other mixture one
**     pure reply wins on average); zero-sum with value 0 by symmetry; so
**     lemke, from every label, finds that one;
**   tests/fixtures/nfg/rational.nfg: payoffs read exactly (test_nfg.c).
*/
typedef struct {
    const char *path;
    eq_method m;
    int neq;                    /* equilibria a complete run finds */
    const char *x0, *y0;        /* one of them: first strategies' weights */
    const char *value;          /* player 1's exact payoff, or NULL */
} xcase;

static eq_game *xgame;

static eq_status op_exact(void *ctx, int *count)
{
    const xcase *c = ctx;
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_status s;
    eq_solve_opts_init(&o);
    o.method = c->m;
    o.exact = 1;
    s = eq_solve(xgame, &o, &r);
    *count = 0;
    if (s == EQ_OK) {
        int seen = 0;
        cr_assert_eq(eq_result_count(r), c->neq, "%s", c->path);
        cr_assert(eq_result_is_exact(r));
        for (int k = 0; k < eq_result_count(r); k++) {
            cr_assert_str_eq(eq_result_regret_exact(r, k), "0", "%s", c->path);
            seen += strcmp(eq_result_strategy_exact(r, k, 0, 0), c->x0) == 0 &&
                    strcmp(eq_result_strategy_exact(r, k, 1, 0), c->y0) == 0;
        }
        cr_assert_eq(seen, 1, "%s: %s, %s", c->path, c->x0, c->y0);
        if (c->value != NULL)
            cr_assert_str_eq(eq_result_payoff_exact(r, 0, 0), c->value, "%s", c->path);
        *count = eq_result_count(r);
    }
    eq_result_free(r);
    return s;
}

static const xcase xcases[] = {
    { EQ_MODELS "/battle_of_sexes.nfg", EQ_METHOD_ENUM, 3, "2/3", "1/3", NULL },
    { EQ_MODELS "/rock_paper_scissors.nfg", EQ_METHOD_ENUM, 1, "1/3", "1/3", NULL },
    { EQ_MODELS "/rock_paper_scissors.nfg", EQ_METHOD_LEMKE, 1, "1/3", "1/3", NULL },
    { EQ_MODELS "/rock_paper_scissors.nfg", EQ_METHOD_ZEROSUM, 1, "1/3", "1/3", "0" },
};

/* The allocations of one complete run of op (the allocator counts). */
static long count_run(op_fn op, void *ctx)
{
    int n;
    eq_set_allocator(failing_alloc, NULL);
    fail_at = 1L << 40;         /* counts, never reached */
    calls = 0;
    cr_assert_eq(op(ctx, &n), EQ_OK);
    fail_at = -1;
    eq_set_allocator(NULL, NULL);
    return calls;
}

/* Walk every allocation, the library's and GMP's, of each exact method
** above; then once more with every allocation failing from k on (memory
** that stays short, as under a real limit: GMP runs on the reserve until
** the call's check). */
static void walk_exact(int sticky_mode)
{
    for (size_t i = 0; i < sizeof xcases / sizeof *xcases; i++) {
        xcase c = xcases[i];
        eq_diag d;
        char what[300];
        long plain, gmp;
        cr_assert_eq(eq_gmp_contain(EQ_GMP_RESERVE), EQ_OK);
        cr_assert_eq(eq_game_read_nfg(&xgame, c.path, &d), EQ_OK, "%s", d.message);
        /* GMP's allocations do reach the allocator now. */
        gmp = count_run(op_exact, &c);
        cr_assert_eq(eq_gmp_contain(0), EQ_OK);
        plain = count_run(op_exact, &c);
        cr_assert_gt(gmp, plain, "%s: %ld allocations with GMP's, %ld without",
                     c.path, gmp, plain);
        cr_assert_eq(eq_gmp_contain(EQ_GMP_RESERVE), EQ_OK);
        snprintf(what, sizeof what, "%s -m %s --exact%s", c.path, eq_method_name(c.m),
                 sticky_mode ? " (failing from k on)" : "");
        sticky = sticky_mode;
        cr_log_info("%s: %ld allocations (%ld without GMP's), walk %ld", what, gmp,
                    plain, walk(what, op_exact, &c));
        sticky = 0;
        eq_game_free(xgame);
        xgame = NULL;
        cr_assert_eq(eq_gmp_contain(0), EQ_OK);
    }
}

Test(oom_gmp, exact_methods, .timeout = 600)
{
    walk_exact(0);
}

Test(oom_gmp, exact_methods_memory_stays_short, .timeout = 600)
{
    walk_exact(1);
}

/* Correlated, exact: the optimum and its certificate. */
static eq_status op_correlated(void *ctx, int *count)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_status s;
    (void)ctx;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_CORRELATED;
    o.exact = 1;
    s = eq_solve(xgame, &o, &r);
    *count = 0;
    if (s == EQ_OK) {
        cr_assert_str_eq(eq_result_value_exact(r), "3");
        cr_assert_str_eq(eq_result_regret_exact(r, 0), "0");
        *count = eq_result_count(r);
    }
    eq_result_free(r);
    return s;
}

Test(oom_gmp, correlated_exact_certificate, .timeout = 600)
{
    eq_diag d;
    cr_assert_eq(eq_gmp_contain(EQ_GMP_RESERVE), EQ_OK);
    cr_assert_eq(eq_game_read_nfg(&xgame, EQ_MODELS "/battle_of_sexes.nfg", &d), EQ_OK);
    walk("battle_of_sexes.nfg -m correlated --exact", op_correlated, NULL);
    eq_game_free(xgame);
    xgame = NULL;
    cr_assert_eq(eq_gmp_contain(0), EQ_OK);
}

/* Reading exact rationals: GMP parses them. */
Test(oom_gmp, read_rational_nfg)
{
    cr_assert_eq(eq_gmp_contain(EQ_GMP_RESERVE), EQ_OK);
    walk_file(FIX "nfg/rational.nfg", op_nfg);
    sticky = 1;
    walk_file(FIX "nfg/rational.nfg", op_nfg);
    sticky = 0;
    cr_assert_eq(eq_gmp_contain(0), EQ_OK);
}

/* The host's functions, counted, to see that they are set back. */
static long host_calls;
static void *host_alloc(size_t n) { host_calls++; return malloc(n); }
static void *host_realloc(void *p, size_t o, size_t n) { (void)o; host_calls++; return realloc(p, n); }
static void host_free(void *p, size_t n) { (void)n; free(p); }

Test(oom_gmp, previous_functions_restored)
{
    void *(*a)(size_t), *(*r)(void *, size_t, size_t);
    void (*f)(void *, size_t);
    mpz_t z;
    mp_set_memory_functions(host_alloc, host_realloc, host_free);
    cr_assert_eq(eq_gmp_contained(), 0);
    cr_assert_eq(eq_gmp_contain(1000), EQ_ERR_ARG);      /* below 64 KiB */
    cr_assert_eq(eq_gmp_contain(EQ_GMP_RESERVE), EQ_OK);
    cr_assert_eq(eq_gmp_contained(), 1);
    cr_assert_eq(eq_gmp_contain(EQ_GMP_RESERVE), EQ_ERR_ARG);  /* already on */
    mp_get_memory_functions(&a, &r, &f);
    cr_assert(a != host_alloc && r != host_realloc && f != host_free);
    host_calls = 0;
    mpz_init_set_ui(z, 1);
    mpz_mul_2exp(z, z, 100000);
    mpz_clear(z);
    cr_assert_eq(host_calls, 0);        /* the library's functions served it */
    cr_assert_eq(eq_gmp_contain(0), EQ_OK);
    cr_assert_eq(eq_gmp_contained(), 0);
    mp_get_memory_functions(&a, &r, &f);
    cr_assert(a == host_alloc && r == host_realloc && f == host_free);
    mpz_init_set_ui(z, 1);
    mpz_mul_2exp(z, z, 100000);
    mpz_clear(z);
    cr_assert_gt(host_calls, 0);
    cr_assert_eq(eq_gmp_contain(0), EQ_OK);             /* off twice: no-op */
    mp_set_memory_functions(NULL, NULL, NULL);
}

/* ---- exact breakpoints and the writer ---------------------------------- */

/*
** Chicken after an entry choice (tests/fixtures/game/chicken_entry.game;
** test_sensitivity.c derives it): A stays
** out for `out` or plays chicken (dd 0,0; ds 7,2; sd 2,7; ss 6,6), whose
** welfare-best Nash equilibrium mixes (each dares with probability 1/3),
** worth 7 (2/3) = 14/3 to A: the one breakpoint of out is 14/3, found
** exactly, in rationals.
*/

static eq_status op_breakpoints(void *ctx, int *count)
{
    eq_analysis *a = NULL;
    eq_breaks *b = NULL;
    eq_status s;
    *count = 0;
    if ((s = eq_analysis_new(&a, ctx)) != EQ_OK)
        return s;
    s = eq_model_breakpoints(a, "out", &b);
    if (s == EQ_OK) {
        const char *f;
        cr_assert_eq(eq_breaks_count(b), 1);
        f = eq_breaks_fraction(b, 0);
        cr_assert(eq_breaks_value(b, 0) > 14.0 / 3.0 - 1e-9 &&
                  eq_breaks_value(b, 0) < 14.0 / 3.0 + 1e-9);
        /* A run whose allocation failed may lose the exact fraction (the
        ** breakpoint then located without it, flagged so); a clean run,
        ** never. */
        if (fail_at < 0 || f != NULL)
            cr_assert(f != NULL && strcmp(f, "14/3") == 0, "fraction %s", f ? f : "-");
        *count = eq_breaks_count(b);
    }
    eq_breaks_free(b);
    eq_analysis_free(a);
    return s;
}

Test(oom_gmp, exact_breakpoint, .timeout = 600, .init = contain_on, .fini = contain_off)
{
    eq_model *m = NULL;
    eq_diag d;
    cr_assert_eq(eq_model_read(&m, EQ_FIXTURES "/game/chicken_entry.game", &d),
                 EQ_OK, "%s", d.message);
    /* One run makes about 75,000 allocations (the stage solved at many
    ** points), so every one in turn would take hours: every 37th, spread
    ** over the whole run, GMP's among them.  As eq_model_solve's, a
    ** point's fast path may give way to the general one when memory
    ** fails, with the same answer (walk_fallback). */
    walk_fallback_stride("breakpoints of out in chicken after entry", op_breakpoints, m, 37);
    eq_model_free(m);
}

/* The writer prints exact payoffs from rationals (test_nfg.c reads them:
** 1/3, 1/4, -1/4, 1/3, 100, 7, -1/3, 15). */
static eq_status op_write(void *ctx, int *count)
{
    char *text = NULL;
    eq_status s = eq_game_write_nfg(ctx, &text);
    *count = 0;
    if (s == EQ_OK) {
        cr_assert_not_null(strstr(text, "1/3 1/4"), "%s", text);
        *count = (int)strlen(text);
    }
    eq_free(text);
    return s;
}

Test(oom_gmp, write_rational_nfg, .init = contain_on, .fini = contain_off)
{
    eq_game *g = NULL;
    eq_diag d;
    cr_assert_eq(eq_game_read_nfg(&g, FIX "nfg/rational.nfg", &d), EQ_OK, "%s", d.message);
    walk("eq_game_write_nfg on rational.nfg", op_write, g);
    eq_game_free(g);
}
