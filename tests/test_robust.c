/*
** test_robust.c -- robustness studies (eq_robust): shares of claims and
** regimes on boxes where the answer is known, Sobol indices of functions
** whose indices are known, the priors' quantile functions, and the
** reproducibility of the samples across threads and index ranges.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/logging.h>

#include "equilib.h"

/*
** The box: x, y, z uniform on [0, 1].  A moves first: low pays A x + y
** and B z; high pays A 1 and B 0.  So A plays low exactly when x + y > 1
** (a tie, to the solver's tolerance, on the line itself), E(A) =
** max(x + y, 1) and E(B) = z when A plays low, 0 otherwise.
*/
static const char *box =
    "game \"box\"\n"
    "players A B\n"
    "param x = 0.5 in [0, 1]\n"
    "param y = 0.5 in [0, 1]\n"
    "param z = 0.5 in [0, 1]\n"
    "node start: A chooses\n"
    "  low  -> (x + y, z)\n"
    "  high -> (1, 0)\n";

typedef struct study {
    eq_model *m;
    eq_analysis *a;
    eq_robust *r;
} study;

static study make(const char *text, long long n)
{
    study s;
    eq_diag d;
    memset(&s, 0, sizeof s);
    cr_assert_eq(eq_model_parse(&s.m, text, strlen(text), "box.game", &d), EQ_OK, "%s",
                 d.message);
    cr_assert_eq(eq_analysis_new(&s.a, s.m), EQ_OK);
    cr_assert_eq(eq_robust_new(&s.r), EQ_OK);
    cr_assert_eq(eq_robust_add_model(s.r, s.a, "box"), EQ_OK, "%s", eq_robust_errmsg(s.r));
    cr_assert_eq(eq_robust_set_samples(s.r, n), EQ_OK);
    return s;
}

static void done(study *s)
{
    eq_robust_free(s->r);
    eq_analysis_free(s->a);
    eq_model_free(s->m);
}

static int item(const eq_robust *r, int kind, const char *name)
{
    for (int i = 0; i < eq_robust_items(r); i++)
        if (eq_robust_item_kind(r, i) == kind && strcmp(eq_robust_item_name(r, i), name) == 0)
            return i;
    cr_assert_fail("no item '%s'", name);
    return -1;
}

static int dim(const eq_robust *r, const char *name)
{
    for (int j = 0; j < eq_robust_dims(r); j++)
        if (strcmp(eq_robust_dim_name(r, j), name) == 0)
            return j;
    cr_assert_fail("no dimension '%s'", name);
    return -1;
}

/* The share lies in its interval, and the interval holds the true value. */
static void expect_share(const eq_robust *r, int i, double truth)
{
    double s = eq_robust_item_share(r, i), lo = eq_robust_item_lo(r, i),
           hi = eq_robust_item_hi(r, i);
    cr_log_info("%s: share %.4f [%.4f, %.4f], truth %.4f", eq_robust_item_name(r, i), s, lo,
                hi, truth);
    cr_expect(lo <= s && s <= hi);
    cr_expect(lo <= truth && truth <= hi, "%s: %.4f not in [%.4f, %.4f]",
              eq_robust_item_name(r, i), truth, lo, hi);
}

/*
** With no prior, x, y and z are uniform on [0, 1].  The claims:
**   E(A) > 1                 holds iff x + y > 1: area 1/2;
**   E(A) > 1 and E(B) > 0.5  iff x + y > 1 and z > 1/2: 1/4;
**   x * y > 0.25             iff y > 1/(4x): the area
**                            int_{1/4}^1 (1 - 1/(4x)) dx = 3/4 - ln(4)/4.
** The regime "A low" holds on x + y > 1 too.
*/
Test(robust, known_fractions_of_a_box)
{
    study s = make(box, 2000);
    cr_assert_eq(eq_robust_claim(s.r, "half", "E(A) > 1"), EQ_OK, "%s", eq_robust_errmsg(s.r));
    cr_assert_eq(eq_robust_claim(s.r, "quarter", "E(A | box) > 1 and E(B) > 0.5"), EQ_OK,
                 "%s", eq_robust_errmsg(s.r));
    cr_assert_eq(eq_robust_claim(s.r, "hyperbola", "x * y > 0.25"), EQ_OK, "%s",
                 eq_robust_errmsg(s.r));
    /* Never and always: Wilson's interval is [0, 1 - (1 + z^2/n)^-1] and
    ** [(1 + z^2/n)^-1, 1], its ends at 0 and 1 exactly. */
    cr_assert_eq(eq_robust_claim(s.r, "never", "x > 2"), EQ_OK, "%s", eq_robust_errmsg(s.r));
    cr_assert_eq(eq_robust_claim(s.r, "always", "x < 2"), EQ_OK, "%s", eq_robust_errmsg(s.r));
    cr_assert_eq(eq_robust_set_threads(s.r, 2), EQ_OK);
    cr_assert_eq(eq_robust_run(s.r, NULL, NULL), EQ_OK, "%s", eq_robust_errmsg(s.r));
    {
        const double zz = 1.959963984540054 * 1.959963984540054, edge = 1 / (1 + zz / 2000);
        int nv = item(s.r, EQ_ITEM_CLAIM, "never"), al = item(s.r, EQ_ITEM_CLAIM, "always");
        cr_expect_eq(eq_robust_item_lo(s.r, nv), 0.0);
        cr_expect_float_eq(eq_robust_item_hi(s.r, nv), 1 - edge, 1e-12);
        cr_expect_eq(eq_robust_item_hi(s.r, al), 1.0);
        cr_expect_float_eq(eq_robust_item_lo(s.r, al), edge, 1e-12);
    }
    cr_expect_eq(eq_robust_samples(s.r), 2000);
    cr_expect_eq(eq_robust_failures(s.r), 0);
    cr_expect_eq(eq_robust_dims(s.r), 3);
    expect_share(s.r, item(s.r, EQ_ITEM_CLAIM, "half"), 0.5);
    expect_share(s.r, item(s.r, EQ_ITEM_CLAIM, "quarter"), 0.25);
    expect_share(s.r, item(s.r, EQ_ITEM_CLAIM, "hyperbola"), 0.75 - log(4.0) / 4.0);
    expect_share(s.r, item(s.r, EQ_ITEM_REGIME, "start: A low; outcome node 1"), 0.5);
    cr_expect_str_eq(eq_robust_item_context(s.r, item(s.r, EQ_ITEM_REGIME,
                                                      "start: A low; outcome node 1")), "box");
    done(&s);
}

/*
** First-order Sobol indices, S_j = Var(E[Y | x_j]) / Var(Y), of
**   Y = 1[x + y > 1]: Var Y = 1/4; E[Y | x] = x, variance 1/12, so S_x =
**       S_y = 1/3, and S_z = 0 (z plays no part);
**   Y = 1[x > 1/2]: E[Y | x] = Y, so S_x = 1 and S_y = S_z = 0.
** Estimated from 4000 samples: to 0.04.
*/
Test(robust, sobol_indices)
{
    study s = make(box, 4000);
    int i, j;
    cr_assert_eq(eq_robust_claim(s.r, "sum", "E(A) > 1"), EQ_OK);
    cr_assert_eq(eq_robust_claim(s.r, "step", "x > 0.5"), EQ_OK);
    cr_assert_eq(eq_robust_set_seed(s.r, 20240611), EQ_OK);
    cr_assert_eq(eq_robust_run(s.r, NULL, NULL), EQ_OK, "%s", eq_robust_errmsg(s.r));
    i = item(s.r, EQ_ITEM_CLAIM, "sum");
    j = item(s.r, EQ_ITEM_CLAIM, "step");
    cr_log_info("sum: %.4f %.4f %.4f; step: %.4f %.4f %.4f",
                eq_robust_item_importance(s.r, i, 0), eq_robust_item_importance(s.r, i, 1),
                eq_robust_item_importance(s.r, i, 2), eq_robust_item_importance(s.r, j, 0),
                eq_robust_item_importance(s.r, j, 1), eq_robust_item_importance(s.r, j, 2));
    cr_expect(fabs(eq_robust_item_importance(s.r, i, dim(s.r, "x")) - 1.0 / 3.0) < 0.04);
    cr_expect(fabs(eq_robust_item_importance(s.r, i, dim(s.r, "y")) - 1.0 / 3.0) < 0.04);
    cr_expect(eq_robust_item_importance(s.r, i, dim(s.r, "z")) < 0.04);
    cr_expect(fabs(eq_robust_item_importance(s.r, j, dim(s.r, "x")) - 1.0) < 0.04);
    cr_expect(eq_robust_item_importance(s.r, j, dim(s.r, "y")) < 0.04);
    cr_expect(eq_robust_item_importance(s.r, j, dim(s.r, "z")) < 0.04);
    done(&s);
}

/* ---- samples ----------------------------------------------------------- */

typedef struct trace {
    double *x;          /* n x 3 */
    double *y;          /* n claims' values */
    long long n, first;
    int in_order;
} trace;

static int keep_sample(void *ud, long long index, int nx, const double *x, int ny,
                       const double *y)
{
    trace *t = ud;
    cr_assert_eq(nx, 3);
    cr_assert(ny >= 1);
    if (t->n > 0 && index != t->first + t->n)
        t->in_order = 0;
    if (t->n == 0)
        t->first = index;
    memcpy(t->x + 3 * t->n, x, 3 * sizeof *x);
    t->y[t->n] = y[0];
    t->n++;
    return 0;
}

static trace run_trace(int threads, long long i0, long long i1)
{
    study s = make(box, 500);
    trace t;
    memset(&t, 0, sizeof t);
    t.x = calloc(3 * 500, sizeof *t.x);
    t.y = calloc(500, sizeof *t.y);
    t.in_order = 1;
    cr_assert_eq(eq_robust_claim(s.r, "c", "E(A) > 1"), EQ_OK);
    cr_assert_eq(eq_robust_set_seed(s.r, 7), EQ_OK);
    cr_assert_eq(eq_robust_set_threads(s.r, threads), EQ_OK);
    cr_assert_eq(eq_robust_set_range(s.r, i0, i1), EQ_OK);
    cr_assert_eq(eq_robust_run(s.r, keep_sample, &t), EQ_OK, "%s", eq_robust_errmsg(s.r));
    done(&s);
    return t;
}

/* The same seed gives the same samples, and the same outcomes, for 1 and
** 3 threads and for any split of the index range. */
Test(robust, reproducible)
{
    trace a = run_trace(1, 0, 500), b = run_trace(3, 0, 500);
    trace c = run_trace(2, 0, 123), d = run_trace(1, 123, 500);
    cr_assert_eq(a.n, 500);
    cr_expect(a.in_order && b.in_order && c.in_order && d.in_order);
    cr_expect(memcmp(a.x, b.x, 3 * 500 * sizeof *a.x) == 0);
    cr_expect(memcmp(a.y, b.y, 500 * sizeof *a.y) == 0);
    cr_assert_eq(c.n + d.n, 500);
    cr_expect_eq(d.first, 123);
    cr_expect(memcmp(a.x, c.x, 3 * 123 * sizeof *a.x) == 0);
    cr_expect(memcmp(a.x + 3 * 123, d.x, 3 * 377 * sizeof *a.x) == 0);
    cr_expect(memcmp(a.y + 123, d.y, 377 * sizeof *a.y) == 0);
    free(a.x); free(a.y); free(b.x); free(b.y);
    free(c.x); free(c.y); free(d.x); free(d.y);
}

/* Latin hypercube: each dimension's N values fall one in each of the N
** strata [k/N, (k+1)/N). */
Test(robust, one_sample_per_stratum)
{
    study s = make(box, 997);
    char *seen = calloc(3 * 997, 1);
    double x[3];
    for (long long i = 0; i < 997; i++) {
        cr_assert_eq(eq_robust_sample(s.r, i, x), EQ_OK, "%s", eq_robust_errmsg(s.r));
        for (int j = 0; j < 3; j++) {
            int k = (int)floor(x[j] * 997.0);
            cr_assert(k >= 0 && k < 997);
            cr_expect_eq(seen[j * 997 + k], 0, "dimension %d, stratum %d twice", j, k);
            seen[j * 997 + k] = 1;
        }
    }
    free(seen);
    done(&s);
}

/*
** The priors' quantile functions, on the same uniform draws u (the same
** seed and index): uniform(0, 1) gives u itself, so with Q the quantile
** function of another prior its value is Q(u):
**   beta(1, 1)          Q(u) = u;
**   beta(2, 1)          F(x) = x^2, Q(u) = sqrt(u);
**   beta(1, 2)          F(x) = 1 - (1 - x)^2, Q(u) = 1 - sqrt(1 - u);
**   triangular(0, 1, 1) F(x) = x^2: sqrt(u);
**   triangular(0, 0, 1) F(x) = 1 - (1 - x)^2: 1 - sqrt(1 - u);
**   beta(2, 2, 0.2, 0.6) at u = 1/2: the middle, 0.4 (symmetry);
**   uniform(0.25, 0.75) 0.25 + u / 2.
*/
Test(robust, priors)
{
    study s[7];
    const char *prior[7] = { "x=uniform(0,1)", "x=beta(1,1)", "x=beta(2,1)", "x=beta(1,2)",
                             "x=triangular(0,1,1)", "x=triangular(0,0,1)",
                             "x=uniform(0.25,0.75)" };
    for (int k = 0; k < 7; k++) {
        s[k] = make(box, 50);
        cr_assert_eq(eq_robust_prior(s[k].r, prior[k]), EQ_OK, "%s", eq_robust_errmsg(s[k].r));
    }
    for (long long i = 0; i < 50; i++) {
        double v[7];
        for (int k = 0; k < 7; k++) {
            cr_assert_eq(eq_robust_sample(s[k].r, i, &v[k]), EQ_OK);
            cr_assert_eq(eq_robust_dims(s[k].r), 1);
        }
        cr_expect(fabs(v[1] - v[0]) < 1e-12);
        cr_expect(fabs(v[2] - sqrt(v[0])) < 1e-10, "%.17g %.17g", v[2], sqrt(v[0]));
        cr_expect(fabs(v[3] - (1 - sqrt(1 - v[0]))) < 1e-10);
        cr_expect(fabs(v[4] - sqrt(v[0])) < 1e-12);
        cr_expect(fabs(v[5] - (1 - sqrt(1 - v[0]))) < 1e-12);
        cr_expect(fabs(v[6] - (0.25 + v[0] / 2)) < 1e-12);
    }
    for (int k = 0; k < 7; k++)
        done(&s[k]);
    {
        /* Symmetric beta: the sample whose stratum is the middle one. */
        study t = make(box, 3);
        double x, lo = 1, hi = 0;
        cr_assert_eq(eq_robust_prior(t.r, "y=beta(2,2,0.2,0.6)"), EQ_OK);
        for (long long i = 0; i < 3; i++) {
            cr_assert_eq(eq_robust_sample(t.r, i, &x), EQ_OK);
            cr_expect(x > 0.2 && x < 0.6);
            lo = fmin(lo, x);
            hi = fmax(hi, x);
        }
        cr_expect(lo < 0.4 && hi > 0.4);
        done(&t);
    }
}

/* ---- errors ------------------------------------------------------------ */

static void expect_error(eq_status got, const eq_robust *r, const char *part)
{
    cr_expect_eq(got, EQ_ERR_ARG, "no error where '%s' was expected", part);
    cr_expect(strstr(eq_robust_errmsg(r), part) != NULL, "message '%s' lacks '%s'",
              eq_robust_errmsg(r), part);
}

Test(errors, priors_and_samples)
{
    study s = make(box, 100);
    expect_error(eq_robust_set_samples(s.r, 1), s.r, "2 to 2^40, not 1");
    expect_error(eq_robust_prior(s.r, "x=normal(0,1)"), s.r, "unknown prior");
    expect_error(eq_robust_prior(s.r, "x=uniform(1,0)"), s.r, "a < b");
    expect_error(eq_robust_prior(s.r, "x=uniform(0,1"), s.r, "malformed");
    expect_error(eq_robust_prior(s.r, "x=beta(0,1)"), s.r, "a > 0");
    expect_error(eq_robust_prior(s.r, "x=triangular(0,2,1)"), s.r, "a <= c <= b");
    expect_error(eq_robust_set_range(s.r, 50, 200), s.r, "does not lie in");
    cr_assert_eq(eq_robust_prior(s.r, "x=uniform(0,2)"), EQ_OK);
    expect_error(eq_robust_prior(s.r, "x=uniform(0,1)"), s.r, "two priors");
    expect_error(eq_robust_run(s.r, NULL, NULL), s.r, "outside its domain [0, 1]");
    done(&s);
    s = make(box, 100);
    cr_assert_eq(eq_robust_prior(s.r, "w=uniform(0,1)"), EQ_OK);
    expect_error(eq_robust_run(s.r, NULL, NULL), s.r, "unknown parameter 'w'");
    done(&s);
}

Test(errors, claims)
{
    study s = make(box, 100);
    eq_analysis *a2 = NULL;
    expect_error(eq_robust_claim(s.r, "c", "E(C) > 1"), s.r, "unknown player 'C'");
    expect_error(eq_robust_claim(s.r, "c", "E(A) + 1"), s.r, "must be a comparison");
    expect_error(eq_robust_claim(s.r, "c", "E(A) > 1 and 2"), s.r, "a number where");
    expect_error(eq_robust_claim(s.r, "c", "E(A) > > 1"), s.r, "column 8");
    expect_error(eq_robust_claim(s.r, "c", "E(A) = 1"), s.r, "compare with '=='");
    expect_error(eq_robust_claim(s.r, "c", "E(A | other) > 1"), s.r, "'other' is not");
    expect_error(eq_robust_claim(s.r, "c", "E(A | x=2) > 1"), s.r, "domain of 'x'");
    expect_error(eq_robust_claim(s.r, "c", "w > 1"), s.r, "unknown name 'w'");
    expect_error(eq_robust_claim(s.r, "c", "P(war) > 0"), s.r, "unknown class 'war'");
    expect_error(eq_robust_claim(s.r, "c", "1 < 2 < 3"), s.r, "do not chain");
    /* With two models, a context must say which. */
    cr_assert_eq(eq_analysis_new(&a2, s.m), EQ_OK);
    cr_assert_eq(eq_robust_add_model(s.r, a2, "copy"), EQ_OK);
    expect_error(eq_robust_add_model(s.r, a2, "copy"), s.r, "two models named");
    expect_error(eq_robust_add_model(s.r, a2, "a b"), s.r, "alias is a name");
    expect_error(eq_robust_claim(s.r, "c", "E(A) > 1"), s.r, "several models fit");
    cr_expect_eq(eq_robust_claim(s.r, "c", "E(A | copy, x=0.25) > E(A | box)"), EQ_OK, "%s",
                 eq_robust_errmsg(s.r));
    eq_analysis_free(a2);
    done(&s);
}

/*
** eq_robust_replay: the samples of two shards ([0, 32) and [32, 64) of
** 64), recorded through the callback and summed up in index order into a
** fresh study, give the single run's items to the bit: the same names in
** the same order, hits, shares, intervals and importance.  On the box, A
** plays low when x + y > 1, so there are two regimes and the claim's share
** is near 1/2.
*/
typedef struct rec {
    int n;                  /* fixed items */
    double y[8][64];        /* per fixed item, per sample */
    char path[64][256];
    int seen[64];
} rec;

typedef struct shardrec {
    rec R;
    study s;                /* the shard's study, for its items' kinds and names */
} shardrec;

static int record(void *ud, long long i, int nx, const double *x, int ny, const double *y)
{
    rec *R = &((shardrec *)ud)->R;
    study *s = &((shardrec *)ud)->s;
    (void)nx, (void)x;
    cr_assert(i >= 0 && i < 64);
    R->seen[i] = 1;
    if (R->n < 0)
        for (R->n = 0; R->n < ny && eq_robust_item_kind(s->r, R->n) != EQ_ITEM_REGIME; R->n++)
            ;
    for (int k = 0; k < R->n; k++)
        R->y[k][i] = y[k];
    for (int k = R->n; k < ny; k++)
        if (y[k] > 0.5)
            snprintf(R->path[i], sizeof R->path[i], "%s", eq_robust_item_name(s->r, k));
    return 0;
}

Test(robust, replay_of_shards_equals_one_run)
{
    study one = make(box, 64), whole;
    shardrec *sh = calloc(1, sizeof *sh);
    cr_assert_not_null(sh);
    cr_assert_eq(eq_robust_claim(one.r, "low", "E(A) > 1"), EQ_OK);
    cr_assert_eq(eq_robust_run(one.r, NULL, NULL), EQ_OK);
    sh->R.n = -1;
    for (int part = 0; part < 2; part++) {
        sh->s = make(box, 64);
        cr_assert_eq(eq_robust_claim(sh->s.r, "low", "E(A) > 1"), EQ_OK);
        cr_assert_eq(eq_robust_set_range(sh->s.r, 32 * part, 32 * part + 32), EQ_OK);
        cr_assert_eq(eq_robust_run(sh->s.r, record, sh), EQ_OK);
        cr_assert_eq(eq_robust_samples(sh->s.r), 32);
        cr_assert_eq(eq_robust_contexts(sh->s.r), 1);
        cr_assert_str_eq(eq_robust_context_name(sh->s.r, 0), "box");
        done(&sh->s);
    }
    whole = make(box, 64);
    cr_assert_eq(eq_robust_claim(whole.r, "low", "E(A) > 1"), EQ_OK);
    for (int i = 0; i < 64; i++) {
        double y[8];
        const char *path = sh->R.path[i];
        cr_assert(sh->R.seen[i], "sample %d not recorded", i);
        for (int k = 0; k < sh->R.n; k++)
            y[k] = sh->R.y[k][i];
        cr_assert_eq(eq_robust_replay(whole.r, i, y, &path, NULL), EQ_OK, "%s",
                     eq_robust_errmsg(whole.r));
    }
    cr_assert_eq(eq_robust_samples(whole.r), 64);
    cr_assert_eq(eq_robust_items(whole.r), eq_robust_items(one.r));
    cr_assert_eq(eq_robust_items(one.r), 2 + 1, "one claim and two regimes");
    for (int i = 0; i < eq_robust_items(one.r); i++) {
        cr_assert_str_eq(eq_robust_item_name(whole.r, i), eq_robust_item_name(one.r, i));
        cr_assert_eq(eq_robust_item_hits(whole.r, i), eq_robust_item_hits(one.r, i));
        cr_assert_eq(eq_robust_item_share(whole.r, i), eq_robust_item_share(one.r, i));
        cr_assert_eq(eq_robust_item_lo(whole.r, i), eq_robust_item_lo(one.r, i));
        cr_assert_eq(eq_robust_item_hi(whole.r, i), eq_robust_item_hi(one.r, i));
        for (int j = 0; j < eq_robust_dims(one.r); j++) {
            double a = eq_robust_item_importance(one.r, i, j);
            double b = eq_robust_item_importance(whole.r, i, j);
            cr_assert((isnan(a) && isnan(b)) || a == b, "importance %d %d: %g, %g", i, j, a, b);
        }
    }
    /* the claim x + y < 1 on the unit square: 1/2 inside its interval */
    cr_assert(eq_robust_item_lo(whole.r, 0) <= 0.5 && 0.5 <= eq_robust_item_hi(whole.r, 0));
    /* a failure replayed is counted and reported */
    cr_assert_eq(eq_robust_replay(whole.r, 3, NULL, NULL, "box: made up"), EQ_OK);
    cr_assert_eq(eq_robust_failures(whole.r), 1);
    cr_assert_str_eq(eq_robust_failure(whole.r), "sample 3: box: made up");
    cr_assert_eq(eq_robust_replay(whole.r, 64, NULL, NULL, "x"), EQ_ERR_ARG);
    free(sh);
    done(&whole);
    done(&one);
}

/*
** Move atoms, M(ACTION @ PATTERN | ...), on trees whose values are derived
** by hand.
**
** The storm: a chance move sends a storm with probability x; then B digs
** (pays B y) or skips (pays B 1/2), so B digs exactly when y > 1/2.  Play
** reaches `defend` with probability x and digs there with probability
** 1[y > 1/2]: M(dig @ defend) = x 1[y > 1/2].  With x = 1/4 set in the
** context, M = 1/4 exactly where y > 1/2 and 0 where y < 1/2.  The
** chance move's own branch counts as a move too: M(storm @ weather) = x.
** Over the unit square M(dig @ def*) > 1/4 holds where x > 1/4 and
** y > 1/2: a share of 3/4 * 1/2 = 3/8.
*/
#define STORM_HEAD                  \
    "game \"storm\"\n"               \
    "players A B\n"                   \
    "param x = 0.5 in [0, 1]\n"       \
    "param y = 0.5 in [0, 1]\n"
#define STORM_TREE                  \
    "node weather: chance\n"           \
    "  storm (x)     -> defend\n"     \
    "  calm (1 - x)  -> (0, 0)\n"     \
    "node defend: B chooses\n"         \
    "  dig  -> (0, y)\n"               \
    "  skip -> (0, 0.5)\n"
static const char *storm = STORM_HEAD STORM_TREE;

Test(robust, move_probabilities_derived_by_hand)
{
    study s = make(storm, 2000);
    cr_assert_eq(eq_robust_claim(s.r, "quarter", "y > 0.5 and M(dig @ defend | x=0.25) == 0.25 "
                                 "or y < 0.5 and M(dig @ defend | x=0.25) == 0"), EQ_OK, "%s",
                 eq_robust_errmsg(s.r));
    cr_assert_eq(eq_robust_claim(s.r, "chance", "M(storm @ weather) == x and "
                                 "M(calm @ weather) == 1 - x"), EQ_OK, "%s",
                 eq_robust_errmsg(s.r));
    cr_assert_eq(eq_robust_claim(s.r, "square", "M(dig @ def*) > 0.25"), EQ_OK, "%s",
                 eq_robust_errmsg(s.r));
    cr_assert_eq(eq_robust_run(s.r, NULL, NULL), EQ_OK, "%s", eq_robust_errmsg(s.r));
    cr_expect_eq(eq_robust_failures(s.r), 0);
    cr_expect_eq(eq_robust_item_share(s.r, item(s.r, EQ_ITEM_CLAIM, "quarter")), 1.0);
    cr_expect_eq(eq_robust_item_share(s.r, item(s.r, EQ_ITEM_CLAIM, "chance")), 1.0);
    expect_share(s.r, item(s.r, EQ_ITEM_CLAIM, "square"), 3.0 / 8.0);
    done(&s);
}

/*
** Two rounds with the same action: M is the probability of at least one
** such move, not the expected count.  In `coins` two fair coins are
** tossed in turn, the second only after heads: heads at least once has
** probability 1/2 (the first coin; the second is only tossed after it),
** where the expected number of heads would be 1/2 + 1/4 = 3/4.  In
** `stop`, A stops at round_1 (1 against 0 for going on), and would go on
** at round_2 (2 against 0): M(go @ round_*) = 0, but from the named node
** round_2 on (off the path, its behaviour followed) it is 1.
*/
static const char *rounds =
    "game \"rounds\"\n"
    "players A B\n"
    "param k = 0.5 in [0, 1]\n"
    "given second \"round 2\" = round_2\n"
    "node start: chance\n"
    "  toss (1)  -> coin_1\n"
    "  play (0)  -> round_1\n"
    "node coin_1: chance\n"
    "  heads (1/2) -> coin_2\n"
    "  tails (1/2) -> (0, 0)\n"
    "node coin_2: chance\n"
    "  heads (1/2) -> (0, 0)\n"
    "  tails (1/2) -> (0, 0)\n"
    "node round_1: A chooses\n"
    "  go   -> round_2\n"
    "  stop -> (1, k)\n"
    "node round_2: A chooses\n"
    "  go   -> (2, k)\n"
    "  stop -> (0, k)\n";

Test(robust, move_at_least_once_and_given)
{
    study s = make(rounds, 64);
    cr_assert_eq(eq_robust_claim(s.r, "once", "M(heads @ coin_*) == 0.5"), EQ_OK, "%s",
                 eq_robust_errmsg(s.r));
    cr_assert_eq(eq_robust_claim(s.r, "second", "M(heads @ coin_2) == 0.25"), EQ_OK, "%s",
                 eq_robust_errmsg(s.r));
    cr_assert_eq(eq_robust_claim(s.r, "off_path", "M(go @ round_*) == 0 and "
                                 "M(go @ round_* | second) == 1 and "
                                 "M(stop @ round_* | second) == 0"), EQ_OK, "%s",
                 eq_robust_errmsg(s.r));
    cr_assert_eq(eq_robust_run(s.r, NULL, NULL), EQ_OK, "%s", eq_robust_errmsg(s.r));
    cr_expect_eq(eq_robust_failures(s.r), 0);
    cr_expect_eq(eq_robust_item_share(s.r, item(s.r, EQ_ITEM_CLAIM, "once")), 1.0);
    cr_expect_eq(eq_robust_item_share(s.r, item(s.r, EQ_ITEM_CLAIM, "second")), 1.0);
    cr_expect_eq(eq_robust_item_share(s.r, item(s.r, EQ_ITEM_CLAIM, "off_path")), 1.0);
    done(&s);
}

Test(errors, move_atoms)
{
    study s = make(storm, 100);
    expect_error(eq_robust_claim(s.r, "c", "M(dig defend) > 0"), s.r, "column 7: expected '@'");
    expect_error(eq_robust_claim(s.r, "c", "M(dig @ ) > 0"), s.r, "column 9: expected a node "
                 "label");
    expect_error(eq_robust_claim(s.r, "c", "M(dig @ weath*) > 0"), s.r,
                 "column 9: no node of box labelled like 'weath*' has an action 'dig'");
    expect_error(eq_robust_claim(s.r, "c", "M(fly @ *) > 0"), s.r,
                 "column 3: no node of box has an action 'fly'");
    expect_error(eq_robust_claim(s.r, "c", "M(dig @ defend | x=2) > 0"), s.r, "domain of 'x'");
    expect_error(eq_robust_claim(s.r, "c", "M(dig @ defend | nowhere) > 0"), s.r,
                 "'nowhere' is not");
    expect_error(eq_robust_claim(s.r, "c", "M(dig @ defend) + 1"), s.r, "must be a comparison");
    done(&s);
}

/* A model file's claim with a bad move atom fails to read, at the file,
** line and column of the fault inside the claim's string: the string
** opens at column 13 of line 5, so its 9th character, where the pattern
** starts, is at column 22. */
Test(errors, move_atom_in_a_model_file)
{
    char text[1024];
    eq_model *m = NULL;
    eq_diag d;
    snprintf(text, sizeof text, "%sclaim bad = \"M(dig @ nowhere) > 0\"\n%s", STORM_HEAD,
             STORM_TREE);
    cr_assert_eq(eq_model_parse(&m, text, strlen(text), "storm.game", &d), EQ_ERR_PARSE);
    cr_expect(strstr(d.message, "storm.game:5:22: claim 'bad': no node of model labelled "
                     "like 'nowhere' has an action 'dig'") != NULL, "%s", d.message);
    snprintf(text, sizeof text, "%sclaim good = \"M(dig @ def* | x=0.25) <= 0.25\"\n%s",
             STORM_HEAD, STORM_TREE);
    cr_expect_eq(eq_model_parse(&m, text, strlen(text), "storm.game", &d), EQ_OK, "%s",
                 d.message);
    eq_model_free(m);
}
