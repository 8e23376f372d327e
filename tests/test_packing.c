/*
** test_packing.c -- the dense simplex of the zero-sum method (packing.c)
** and its agreement with GLPK.
**
** Expected values come from GLPK, solving the same games through the
** other formulation (the row player's maximin LP, eqi_solve_zerosum_glpk),
** from lrsnash where a game's equilibrium is unique, and from hand
** derivations stated above each test.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"
#include "internal.h"
#include "packing.h"
#include "zerosum.h"

static eq_game *zero_sum(int m, int n, const double *A)
{
    double *B = malloc((size_t)(m * n) * sizeof *B);
    eq_game *g;
    cr_assert_not_null(B);
    for (int t = 0; t < m * n; t++)
        B[t] = -A[t];
    g = t_bimatrix(m, n, A, B);
    free(B);
    return g;
}

static eq_game *random_zero_sum(t_rng *rng, int m, int n, int lo, int hi)
{
    double *A = malloc((size_t)(m * n) * sizeof *A);
    eq_game *g;
    cr_assert_not_null(A);
    for (int t = 0; t < m * n; t++)
        A[t] = t_rng_int(rng, lo, hi);
    g = zero_sum(m, n, A);
    free(A);
    return g;
}

/* Log callback: count the notes saying which simplex solved the LP. */
struct which { int dense, glpk; };
static void note(void *ud, int level, const char *msg)
{
    struct which *w = ud;
    (void)level;
    w->dense += strstr(msg, "dense simplex on") != NULL;
    w->glpk += strstr(msg, "GLPK's simplex") != NULL;
}

/* Solve g with the dense simplex (glpk 0) or GLPK alone (glpk 1), and
** check from the log that the one asked for did it. */
static eq_result *solve(const eq_game *g, int glpk, int exact, int sens)
{
    eq_solve_opts o;
    eq_result *r = eqi_result_new(g, EQ_METHOD_ZEROSUM);
    eq_status s;
    struct which w = { 0, 0 };
    cr_assert_not_null(r);
    eq_solve_opts_init(&o);
    o.log = note;
    o.log_ud = &w;
    o.method = EQ_METHOD_ZEROSUM;
    o.exact = exact;
    o.sensitivity = sens;
    s = glpk ? eqi_solve_zerosum_glpk(g, &o, r) : eqi_solve_zerosum(g, &o, r);
    cr_assert_eq(s, EQ_OK, "%s: %s", glpk ? "glpk" : "dense", eq_result_errmsg(r));
    cr_assert_eq(eq_result_count(r), 1);
    cr_assert_eq(w.dense, !glpk, "the dense simplex ran %d times", w.dense);
    cr_assert_eq(w.glpk, glpk, "GLPK ran %d times", w.glpk);
    return r;
}

/*
** Random games of many shapes (wide, tall, square, one row or column) and
** payoff ranges, some with many ties (payoffs in -2..2): the dense simplex
** and GLPK agree on the value to 1e-9 of the range, both certificates are
** within 1e-9 of the range, and where the equilibrium is unique (payoffs
** drawn from a wide range) they agree on the strategies too.
*/
Test(packing, agrees_with_glpk)
{
    static const int shapes[][4] = {
        /* m, n, lo, hi */
        { 1, 7, -50, 50 }, { 7, 1, -50, 50 }, { 2, 2, -9, 9 }, { 3, 5, -99, 99 },
        { 5, 3, -99, 99 }, { 10, 10, -2, 2 }, { 12, 30, -99, 99 }, { 30, 12, -99, 99 },
        { 25, 25, -1, 1 }, { 40, 40, -999, 999 }, { 60, 20, 0, 5 }, { 80, 80, -99, 99 },
    };
    t_rng rng = { 0x9ac4 };
    for (size_t t = 0; t < sizeof shapes / sizeof shapes[0]; t++) {
        int m = shapes[t][0], n = shapes[t][1], lo = shapes[t][2], hi = shapes[t][3];
        double range = hi - lo;
        eq_game *g = random_zero_sum(&rng, m, n, lo, hi);
        eq_result *d = solve(g, 0, 0, 0), *q = solve(g, 1, 0, 0);
        cr_expect(fabs(eq_result_value(d) - eq_result_value(q)) <= 1e-9 * range,
                  "%dx%d: dense value %.17g, GLPK %.17g", m, n, eq_result_value(d),
                  eq_result_value(q));
        cr_expect_leq(eq_result_regret(d, 0), 1e-9 * range, "%dx%d: dense regret %g",
                      m, n, eq_result_regret(d, 0));
        cr_expect_leq(eq_result_regret(q, 0), 1e-9 * range, "%dx%d: GLPK regret %g",
                      m, n, eq_result_regret(q, 0));
        if (range >= 198)
            for (int p = 0; p < 2; p++)
                for (int a = 0; a < (p ? n : m); a++)
                    cr_expect(fabs(eq_result_strategy(d, 0, p)[a] -
                                   eq_result_strategy(q, 0, p)[a]) <= 1e-9,
                              "%dx%d: player %d action %d: %.17g against %.17g", m, n,
                              p + 1, a, eq_result_strategy(d, 0, p)[a],
                              eq_result_strategy(q, 0, p)[a]);
        eq_result_free(d);
        eq_result_free(q);
        eq_game_free(g);
    }
}

/* Exact mode from the dense simplex's basis, on games with many ties:
** the exact certificate is 0 and the exact value is GLPK's. */
Test(packing, exact_from_dense_basis)
{
    t_rng rng = { 0xe8ac7 };
    for (int t = 0; t < 12; t++) {
        int m = t_rng_int(&rng, 1, 12), n = t_rng_int(&rng, 1, 12);
        eq_game *g = random_zero_sum(&rng, m, n, -3, 3);
        eq_result *d = solve(g, 0, 1, 0), *q = solve(g, 1, 1, 0);
        cr_expect_str_eq(eq_result_regret_exact(d, 0), "0", "game %d", t);
        cr_expect_str_eq(eq_result_payoff_exact(d, 0, 0), eq_result_payoff_exact(q, 0, 0),
                         "game %d (%dx%d)", t, m, n);
        eq_result_free(d);
        eq_result_free(q);
        eq_game_free(g);
    }
}

/* The sensitivity of the dense basis: on a game whose optimal basis is
** unique (random continuous payoffs) the rows, duals and payoff ranges
** are GLPK's. */
Test(packing, sensitivity_as_glpk)
{
    t_rng rng = { 0x5e75 };
    double A[9 * 7];
    eq_game *g;
    eq_result *d, *q;
    for (int t = 0; t < 9 * 7; t++)
        A[t] = (double)t_rng_int(&rng, -1000000, 1000000) / 1000.0;
    g = zero_sum(9, 7, A);
    d = solve(g, 0, 0, 1);
    q = solve(g, 1, 0, 1);
    cr_assert_eq(eq_result_lp_rows(d), eq_result_lp_rows(q));
    cr_assert_eq(eq_result_lp_ranges(d), 9 * 7);
    cr_assert_eq(eq_result_lp_ranges(q), 9 * 7);
    for (int i = 0; i < eq_result_lp_rows(d); i++) {
        cr_expect_str_eq(eq_result_lp_row_name(d, i), eq_result_lp_row_name(q, i));
        cr_expect(fabs(eq_result_lp_dual(d, i) - eq_result_lp_dual(q, i)) <= 1e-9,
                  "row %d: %.17g against %.17g", i, eq_result_lp_dual(d, i),
                  eq_result_lp_dual(q, i));
    }
    for (int i = 0; i < 9 * 7; i++) {
        double a[2] = { eq_result_lp_range_lo(d, i), eq_result_lp_range_hi(d, i) };
        double b[2] = { eq_result_lp_range_lo(q, i), eq_result_lp_range_hi(q, i) };
        for (int e = 0; e < 2; e++)
            cr_expect(isinf(a[e]) ? a[e] == b[e] : fabs(a[e] - b[e]) <= 1e-6 * (1 + fabs(b[e])),
                      "range %d end %d: %.17g against %.17g", i, e, a[e], b[e]);
    }
    eq_result_free(d);
    eq_result_free(q);
    eq_game_free(g);
}

/*
** The packing LP directly.  M = [[1, 2], [2, 1]]: by symmetry q = (1/3,
** 1/3) (both rows tight: q1 + 2 q2 = 1 = 2 q1 + q2), p = (1/3, 1/3), and
** 1'q = 2/3, so the game M has value 3/2 with both players mixing evenly.
*/
Test(packing, two_by_two_by_hand)
{
    const double M[] = { 1, 2, 2, 1 };
    eqi_pack *pk = NULL;
    cr_assert_eq(eqi_pack_new(&pk, 2, 2, M, 2, 1), EQ_OK);
    cr_assert_eq(eqi_pack_solve(pk, 1e-9, 0), EQ_OK);
    cr_expect(fabs(eqi_pack_objective(pk) - 2.0 / 3.0) <= 1e-15);
    for (int k = 0; k < 2; k++) {
        cr_expect(fabs(eqi_pack_primal(pk)[k] - 1.0 / 3.0) <= 1e-15);
        cr_expect(fabs(eqi_pack_dual(pk)[k] - 1.0 / 3.0) <= 1e-15);
        cr_expect(eqi_pack_col_basic(pk, k));
        cr_expect(eqi_pack_row_tight(pk, k));
    }
    cr_expect_eq(eqi_pack_iterations(pk), 2);
    eqi_pack_free(pk);
}

/* Bad arguments are refused, not crashed on. */
Test(packing, bad_arguments)
{
    const double M[] = { 1, 2, 2, 1 };
    const int cols[] = { 0, 0 }, rows[] = { 0, 1 }, far[] = { 5 };
    eqi_pack *pk = NULL;
    cr_expect_eq(eqi_pack_new(&pk, 0, 2, M, 2, 1), EQ_ERR_ARG);
    cr_expect_null(pk);
    cr_expect_eq(eqi_pack_new(NULL, 2, 2, M, 2, 1), EQ_ERR_ARG);
    cr_assert_eq(eqi_pack_new(&pk, 2, 2, M, 2, 1), EQ_OK);
    cr_expect_eq(eqi_pack_set_basis(pk, 2, cols, rows), EQ_ERR_ARG);  /* repeated */
    cr_expect_eq(eqi_pack_set_basis(pk, 1, far, rows), EQ_ERR_ARG);   /* out of range */
    cr_expect_eq(eqi_pack_set_basis(pk, 3, cols, rows), EQ_ERR_ARG);  /* k too large */
    cr_expect_eq(eqi_pack_solve(pk, 0.0, 0), EQ_ERR_ARG);
    cr_expect_eq(eqi_pack_solve(pk, 1e-9, -1), EQ_ERR_ARG);
    eqi_pack_free(pk);
    eqi_pack_free(NULL);
}

/* A random positive matrix with entries in [1, 2], row-major r x c. */
static double *random_matrix(t_rng *rng, int r, int c)
{
    double *M = malloc((size_t)(r * c) * sizeof *M);
    cr_assert_not_null(M);
    for (int t = 0; t < r * c; t++)
        M[t] = 1.0 + (double)t_rng_int(rng, 0, 1000000) / 1e6;
    return M;
}

/* The basis of a solved LP, as its basic columns and tight rows. */
static int basis_of(const eqi_pack *pk, int r, int c, int *cols, int *rows)
{
    int k = 0, kt = 0;
    for (int j = 0; j < c; j++)
        if (eqi_pack_col_basic(pk, j))
            cols[k++] = j;
    for (int i = 0; i < r; i++)
        if (eqi_pack_row_tight(pk, i))
            rows[kt++] = i;
    cr_assert_eq(k, kt);
    return k;
}

/*
** Warm starts.  From its own optimal basis an LP needs no simplex pivot
** (only the k that install the basis) and finds the same optimum.  After
** a small change of the data (as between two points of a sweep) the old
** basis is still optimal or nearly, and the warm solve pivots less than a
** cold one, to the same optimum.  An infeasible basis falls back on the
** slack basis and still ends optimal.
*/
Test(packing, warm_start)
{
    enum { R = 30, C = 40 };
    t_rng rng = { 0xa7a5 };
    double *M = random_matrix(&rng, R, C), obj;
    int cols[R], rows[R], k, cold;
    eqi_pack *pk = NULL;

    cr_assert_eq(eqi_pack_new(&pk, R, C, M, C, 1), EQ_OK);
    cr_assert_eq(eqi_pack_solve(pk, 1e-9, 0), EQ_OK);
    obj = eqi_pack_objective(pk);
    cold = eqi_pack_iterations(pk);
    k = basis_of(pk, R, C, cols, rows);
    cr_assert_eq(eqi_pack_set_basis(pk, k, cols, rows), EQ_OK);
    cr_assert_eq(eqi_pack_solve(pk, 1e-9, 0), EQ_OK);
    cr_expect_eq(eqi_pack_iterations(pk), 0);
    cr_expect_eq(eqi_pack_install_pivots(pk), k);
    cr_expect(fabs(eqi_pack_objective(pk) - obj) <= 1e-12);
    eqi_pack_free(pk);

    /* Move every entry by up to 1e-4 of its range. */
    for (int t = 0; t < R * C; t++)
        M[t] += 1e-4 * ((double)t_rng_int(&rng, -1000, 1000) / 1000.0);
    cr_assert_eq(eqi_pack_new(&pk, R, C, M, C, 1), EQ_OK);
    cr_assert_eq(eqi_pack_solve(pk, 1e-9, 0), EQ_OK);
    obj = eqi_pack_objective(pk);
    cr_assert_eq(eqi_pack_set_basis(pk, k, cols, rows), EQ_OK);
    cr_assert_eq(eqi_pack_solve(pk, 1e-9, 0), EQ_OK);
    cr_expect_lt(eqi_pack_iterations(pk), cold / 2, "warm %d pivots, cold %d",
                 eqi_pack_iterations(pk), cold);
    cr_expect(fabs(eqi_pack_objective(pk) - obj) <= 1e-12);

    /* Columns 0..4 against rows 0..4: almost surely not optimal, and
    ** likely not even feasible (another row's constraint broken).  Either
    ** way the solve must end at the optimum. */
    for (int t = 0; t < 5; t++)
        cols[t] = rows[t] = t;
    cr_assert_eq(eqi_pack_set_basis(pk, 5, cols, rows), EQ_OK);
    cr_assert_eq(eqi_pack_solve(pk, 1e-9, 0), EQ_OK);
    cr_expect(fabs(eqi_pack_objective(pk) - obj) <= 1e-12);
    cr_assert_eq(eqi_pack_set_basis(pk, 0, NULL, NULL), EQ_OK);
    eqi_pack_free(pk);
    free(M);
}

/* An iteration limit too small to finish is reported as such. */
Test(packing, iteration_limit)
{
    t_rng rng = { 0x11 };
    double *M = random_matrix(&rng, 20, 20);
    eqi_pack *pk = NULL;
    cr_assert_eq(eqi_pack_new(&pk, 20, 20, M, 20, 1), EQ_OK);
    cr_expect_eq(eqi_pack_solve(pk, 1e-9, 1), EQ_ERR_LIMIT);
    cr_expect_eq(eqi_pack_solve(pk, 1e-9, 0), EQ_OK);
    eqi_pack_free(pk);
    free(M);
}

/* Log callback: the pivot counts of the dense simplex's note. */
struct pivots { int simplex, install; };
static void count_pivots(void *ud, int level, const char *msg)
{
    struct pivots *p = ud;
    const char *at = strstr(msg, "packing LP: ");
    (void)level;
    if (at != NULL)
        cr_assert_eq(sscanf(at, "packing LP: %d pivots (steepest edge), %d to install",
                            &p->simplex, &p->install), 2, "%s", msg);
}

static eq_result *solve_warm(const eq_game *g, eqi_zs_basis *b, struct pivots *p)
{
    eq_solve_opts o;
    eq_result *r = eqi_result_new(g, EQ_METHOD_ZEROSUM);
    cr_assert_not_null(r);
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_ZEROSUM;
    o.log = count_pivots;
    o.log_ud = p;
    p->simplex = p->install = -1;
    cr_assert_eq(eqi_solve_zerosum_warm(g, &o, r, b), EQ_OK, "%s", eq_result_errmsg(r));
    return r;
}

/*
** Warm starts through the zero-sum method, as a sweep would use them: a
** game, then the same game with every payoff moved by up to 0.01 (of a
** range of 200), solved from the first one's basis, gives the cold
** solve's answer with fewer pivots; a basis of another shape is ignored.
** Both orientations of the packing LP (wide and tall games).
*/
Test(packing, zerosum_warm_start)
{
    static const int shapes[][2] = { { 30, 45 }, { 45, 30 } };
    for (int t = 0; t < 2; t++) {
        int m = shapes[t][0], n = shapes[t][1];
        t_rng rng = { 0x3a3a + (unsigned)t };
        double *A = malloc((size_t)(m * n) * sizeof *A);
        eqi_zs_basis b = { 0, 0, -1, NULL, NULL };
        struct pivots cold, warm, first;
        eq_game *g, *h;
        eq_result *r0, *r1, *r2;
        cr_assert_not_null(A);
        for (int q = 0; q < m * n; q++)
            A[q] = t_rng_int(&rng, -100000, 100000) / 1000.0;
        g = zero_sum(m, n, A);
        r0 = solve_warm(g, &b, &first);
        cr_expect_eq(first.install, 0);
        cr_assert_gt(b.k, 0);
        cr_expect_eq(b.m, m);
        for (int q = 0; q < m * n; q++)
            A[q] += t_rng_int(&rng, -10, 10) / 1000.0;
        h = zero_sum(m, n, A);
        {
            eqi_zs_basis none = { 0, 0, -1, NULL, NULL };
            r1 = solve_warm(h, &none, &cold);
            eqi_zs_basis_free(&none);
        }
        r2 = solve_warm(h, &b, &warm);
        cr_expect_gt(warm.install, 0);
        cr_expect_lt(warm.simplex, cold.simplex, "%dx%d: warm %d pivots (+%d), cold %d",
                     m, n, warm.simplex, warm.install, cold.simplex);
        cr_expect(fabs(eq_result_value(r1) - eq_result_value(r2)) <= 1e-9);
        cr_expect_leq(eq_result_regret(r2, 0), 1e-9 * 200);
        for (int p = 0; p < 2; p++)
            for (int a = 0; a < (p ? n : m); a++)
                cr_expect(fabs(eq_result_strategy(r1, 0, p)[a] -
                               eq_result_strategy(r2, 0, p)[a]) <= 1e-9);
        eq_result_free(r0);
        eq_result_free(r1);
        eq_result_free(r2);
        /* A basis of another shape starts nothing. */
        {
            eq_game *other = random_zero_sum(&rng, m + 1, n, -9, 9);
            r0 = solve_warm(other, &b, &warm);
            cr_expect_eq(warm.install, 0);
            cr_expect_eq(b.m, m + 1);
            eq_result_free(r0);
            eq_game_free(other);
        }
        eqi_zs_basis_free(&b);
        eq_game_free(g);
        eq_game_free(h);
        free(A);
    }
}
