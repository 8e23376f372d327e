/*
** test_family.c -- indexed families, "for" blocks, parameter arrays and
** "types" grids of the .game language (solver/model/family.c), checked
** against results derived by hand: Fearon's take-it-or-leave-it offer
** with a private cost of war, a finite centipede, the masses of a
** triangular distribution's cells, of a truncated normal's cells (and a
** challenge game whose equilibrium turns on them), and the diagnostics of
** templates.
*/
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "equilib.h"
#include "support.h"

#define FIX EQ_FIXTURES "/game/"

static eq_model *read_ok(const char *path)
{
    eq_model *m = NULL;
    eq_diag d;
    eq_status s = eq_model_read(&m, path, &d);
    cr_assert_eq(s, EQ_OK, "%s: status %d: %s", path, s, d.message);
    return m;
}

static eq_model *parse_ok(const char *text)
{
    eq_model *m = NULL;
    eq_diag d;
    eq_status s = eq_model_parse(&m, text, strlen(text), "ok.game", &d);
    cr_assert_eq(s, EQ_OK, "status %d: %s\n%s", s, d.message, text);
    return m;
}

static eq_tree *tree_at(const eq_model *m, const char *const *set, int nset)
{
    double v[64];
    eq_tree *t = NULL;
    eq_diag d;
    cr_assert(eq_model_params(m) <= 64);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    for (int k = 0; k < nset; k++)
        cr_assert_eq(eq_model_set_param(m, v, set[k], &d), EQ_OK, "%s", d.message);
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    return t;
}

static eq_tree_result *spe(const eq_tree *t)
{
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_tree_opts_init(&o);
    o.method = EQ_METHOD_SPE;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s", eq_tree_result_errmsg(r));
    cr_assert_geq(eq_tree_result_count(r), 1);
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9);
    return r;
}

/*
** Fearon (1995): A demands x of a pie of 1; B, whose cost of war c_B is
** uniform on [0, cbar] and private, accepts iff c_B >= x - p.  A maximises
** (x - p + c_A)(1 - (x - p)/cbar), so x* = p + (cbar - c_A)/2 and
** P(war) = (cbar - c_A)/(2 cbar).  The model puts x on hundredths and c_B
** on 20 midpoints (k + 1/2) cbar / 20, so the solved demand lies within
** one demand step plus one cost cell of x*, and P(war) within one cell's
** mass (1/20) of the closed form.  For the defaults (p = 0.5, c_A = 0.1,
** cbar = 0.5) the grid game's optimum, by enumerating the 101 demands by
** hand (a short exact computation), is the demand 0.71 with 8 of the 20
** types fighting: A's payoff 0.586 and P(war) = 0.4.
*/
typedef struct fearon_case {
    double p, c_A, cbar;
    int exact_demand;       /* the grid game's unique optimum, or -1 */
} fearon_case;

static void fearon(const fearon_case *c)
{
    eq_model *m = read_ok(FIX "fearon_offer.game");
    char a[3][64];
    const char *set[3] = { a[0], a[1], a[2] };
    eq_tree *t;
    eq_tree_result *r;
    int demand = -1;
    double pwar = 0, xstar = c->p + (c->cbar - c->c_A) / 2;
    double pstar = (c->cbar - c->c_A) / (2 * c->cbar);

    snprintf(a[0], sizeof a[0], "p=%.17g", c->p);
    snprintf(a[1], sizeof a[1], "c_A=%.17g", c->c_A);
    snprintf(a[2], sizeof a[2], "cbar=%.17g", c->cbar);
    t = tree_at(m, set, 3);
    cr_assert_eq(eq_tree_nodes(t), 1 + 101 * (1 + 20 * 3));
    r = spe(t);
    {
        int h = t_infoset(t, "A's demand");
        const double *b = eq_tree_result_behaviour(r, 0, h);
        for (int x = 0; x <= 100; x++)
            if (b[x] > 0.5)
                demand = x;
    }
    cr_assert(demand >= 0, "A demands nothing in pure strategies");
    for (int k = 0; k < 20; k++) {
        char lab[32];
        snprintf(lab, sizeof lab, "reply[%d,%d]", demand, k);
        pwar += eq_tree_result_reach(r, 0, t_node(t, lab)) *
                t_behaviour(r, 0, t, lab, "fight");
    }
    cr_expect(fabs(demand / 100.0 - xstar) <= 0.01 + c->cbar / 20 + 1e-12,
              "demand %d/100, closed form %g", demand, xstar);
    cr_expect(fabs(pwar - pstar) <= 1.0 / 20 + 1e-12, "P(war) %g, closed form %g", pwar, pstar);
    if (c->exact_demand >= 0)
        cr_expect_eq(demand, c->exact_demand);
    eq_tree_result_free(r);
    eq_tree_free(t);
    eq_model_free(m);
}

Test(family, fearon_defaults)
{
    eq_model *m = read_ok(FIX "fearon_offer.game");
    eq_tree *t = tree_at(m, NULL, 0);
    eq_tree_result *r = spe(t);
    double pwar = 0;
    cr_expect_float_eq(t_behaviour(r, 0, t, "A's demand", "demand 71"), 1.0, 1e-12);
    for (int k = 0; k < 20; k++) {
        char lab[32];
        snprintf(lab, sizeof lab, "reply[71,%d]", k);
        pwar += eq_tree_result_reach(r, 0, t_node(t, lab)) *
                t_behaviour(r, 0, t, lab, "fight");
    }
    cr_expect_float_eq(pwar, 8.0 / 20, 1e-12);                     /* closed form 0.4 */
    cr_expect_float_eq(eq_tree_result_payoff(r, 0, 0), 0.586, 1e-12); /* 293/500 */
    eq_tree_result_free(r);
    eq_tree_free(t);
    eq_model_free(m);
}

ParameterizedTestParameters(family, fearon_grid)
{
    static fearon_case cases[] = {
        { 0.5, 0.1, 0.5, 71 },  /* x* = 0.7, P(war) = 0.4 */
        { 0.4, 0.05, 0.4, -1 }, /* x* = 0.575, P(war) = 0.4375; 0.57 and 0.59 tie */
        { 0.3, 0.0, 0.6, 61 },  /* x* = 0.6, P(war) = 0.5 */
    };
    return cr_make_param_array(fearon_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(fearon_case *c, family, fearon_grid)
{
    fearon(c);
}

/*
** A centipede of six moves written with a for block (Rosenthal 1981):
** whoever takes at move t gets t + 1 and the other t - 1; passing at the
** last move ends at (6, 6).  By backward induction every mover takes (t + 1
** beats the t left after the next mover takes), so A takes at once: (2, 0).
** The block also uses a let array, a parameter array folded from an index
** expression and one given as a list, and labels with "{...}".
*/
static const char centipede[] =
    "players A B\n"
    "param cost[t in 1..3] = 0.1 * t in [0, 1] \"cost in round {t}\"\n"
    "param w[t in 1..3] = [0.5, -0.25, 2] in [-1, 3]\n"
    "let gain[t in 1..3] = 2 * t + 0 * cost[t]\n"
    "for r in 1..3 {\n"
    "node a[r] \"move {2*r - 1}\": A chooses\n"
    "  take -> (gain[r], 2*r - 2)\n"
    "  pass -> b[r]\n"
    "node b[r] \"move {2*r}\": B chooses\n"
    "  take -> (2*r - 1, 2*r + 1 + 0 * w[r])\n"
    "  pass -> a[r + 1]\n"
    "}\n"
    "node a[4]: (6, 6)\n";

Test(family, centipede_for_block)
{
    eq_model *m = parse_ok(centipede);
    eq_tree *t;
    eq_tree_result *r;

    cr_assert_eq(eq_model_params(m), 6);
    cr_expect_str_eq(eq_model_param_name(m, 0), "cost[1]");
    cr_expect_float_eq(eq_model_param_default(m, 2), 0.3, 1e-15);
    cr_expect_str_eq(eq_model_param_description(m, 1), "cost in round 2");
    cr_expect_float_eq(eq_model_param_default(m, 4), -0.25, 1e-15);
    t = tree_at(m, (const char *[]){ "cost[2]=0.7" }, 1);
    cr_assert_eq(eq_tree_nodes(t), 13);
    r = spe(t);
    for (int mv = 1; mv <= 6; mv++) {
        char lab[16];
        snprintf(lab, sizeof lab, "move %d", mv);
        cr_expect_float_eq(t_behaviour(r, 0, t, lab, "take"), 1.0, 1e-12, "%s", lab);
    }
    cr_expect_float_eq(eq_tree_result_payoff(r, 0, 0), 2.0, 1e-12);
    cr_expect_float_eq(eq_tree_result_payoff(r, 0, 1), 0.0, 1e-12);
    eq_tree_result_free(r);
    eq_tree_free(t);
    eq_model_free(m);
}

/*
** triangular(0, 0.5, 1) on 4 cells: F(x) = 2x^2 below the mode and
** 1 - 2(1 - x)^2 above, so F(1/4) = 1/8, F(1/2) = 1/2, F(3/4) = 7/8 and the
** cells weigh 1/8, 3/8, 3/8, 1/8; the points are the midpoints 1/8, 3/8,
** 5/8, 7/8.  uniform(0, hi) on 4 points: 1/4 each at (k + 1/2) hi / 4.
*/
Test(family, types_grid)
{
    static const char text[] =
        "players A\n"
        "param hi = 2 in [1, 4]\n"
        "types c ~ triangular(0, hi / 4, hi / 2) on 4 points\n"
        "types u ~ uniform(0, hi) on 4 points\n"
        "node draw: chance c -> next[c]\n"
        "node next[k in 0..3]: chance u -> pay[k, u]\n"
        "node pay[k in 0..3, j in 0..3]: (c[k] + 10 * u[j])\n";
    static const double w[4] = { 0.125, 0.375, 0.375, 0.125 };
    eq_model *m = parse_ok(text);
    eq_tree *t = tree_at(m, NULL, 0);   /* hi = 2: c on [0, 1], mode 0.5 */

    cr_assert_eq(eq_tree_node_kind(t, 0), EQ_NODE_CHANCE);
    cr_assert_eq(eq_tree_node_children(t, 0), 4);
    for (int k = 0; k < 4; k++) {
        int v = eq_tree_child(t, 0, k);
        cr_expect_float_eq(eq_tree_chance_prob(t, 0, k), w[k], 1e-12, "cell %d", k);
        for (int j = 0; j < 4; j++) {
            int u = eq_tree_child(t, v, j);
            cr_expect_float_eq(eq_tree_chance_prob(t, v, j), 0.25, 1e-12);
            cr_expect_float_eq(eq_tree_payoff(t, u, 0),
                               (k + 0.5) / 4 + 10 * (j + 0.5) * 2 / 4, 1e-12);
        }
    }
    eq_tree_free(t);
    eq_model_free(m);
}

/*
** beta(p, q, lo, hi) on n points: the same cells as uniform and triangular
** (n equal cells of [lo, hi], points at their midpoints), cell k weighing
** F((k+1)/n) - F(k/n) for F the Beta(p, q) cdf on [0, 1].  CDFs by hand:
** Beta(1, 1): x (the uniform masses 1/n); Beta(2, 1): x^2 (density 2x);
** Beta(2, 2): 3x^2 - 2x^3 (density 6x(1-x)); Beta(1, 2): 1 - (1-x)^2
** (density 2(1-x)).  Checked on [2, 7] with 5 cells and on [0, hi] with
** hi a parameter (2), 4 cells.
*/
static double cdf_1_1(double x) { return x; }
static double cdf_2_1(double x) { return x * x; }
static double cdf_2_2(double x) { return 3 * x * x - 2 * x * x * x; }
static double cdf_1_2(double x) { return 1 - (1 - x) * (1 - x); }

Test(family, types_beta_cells)
{
    static const struct {
        const char *pq;
        double (*cdf)(double);
    } cases[] = {
        { "1, 1", cdf_1_1 }, { "2, 1", cdf_2_1 }, { "2, 2", cdf_2_2 }, { "1, 2", cdf_1_2 },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (int sup = 0; sup < 2; sup++) {
            char text[512];
            int n = sup == 0 ? 5 : 4;
            double lo = sup == 0 ? 2 : 0, hi = sup == 0 ? 7 : 2;
            eq_model *m;
            eq_tree *t;
            snprintf(text, sizeof text,
                     "players A\n"
                     "param hi = 2 in [1, 4]\n"
                     "types c ~ beta(%s, %s) on %d points\n"
                     "node draw: chance c -> (c[c])\n",
                     cases[c].pq, sup == 0 ? "2, 7" : "0, hi", n);
            m = parse_ok(text);
            t = tree_at(m, NULL, 0);
            cr_assert_eq(eq_tree_node_children(t, 0), n, "%s", text);
            for (int k = 0; k < n; k++) {
                double w = cases[c].cdf((k + 1.0) / n) - cases[c].cdf((double)k / n);
                int v = eq_tree_child(t, 0, k);
                cr_expect(fabs(eq_tree_chance_prob(t, 0, k) - w) < 1e-12,
                          "beta(%s) cell %d: %.17g, want %.17g", cases[c].pq, k,
                          eq_tree_chance_prob(t, 0, k), w);
                /* The payoff is c[c], the point of the cell drawn: its midpoint. */
                cr_expect(fabs(eq_tree_payoff(t, v, 0) - (lo + (k + 0.5) * (hi - lo) / n)) <
                              1e-12, "beta(%s) point %d", cases[c].pq, k);
            }
            eq_tree_free(t);
            eq_model_free(m);
        }
    }
}

/* Symmetry: I_{1/2}(p, p) = 1/2, so beta(p, p) on 2 points weighs 1/2 and
** 1/2, for a U-shaped (0.7), a moderate (3) and a peaked (20) density. */
Test(family, types_beta_symmetric_half)
{
    static const char *const ps[] = { "0.7", "3", "20" };
    for (int i = 0; i < 3; i++) {
        char text[256];
        eq_model *m;
        eq_tree *t;
        snprintf(text, sizeof text,
                 "players A\ntypes c ~ beta(%s, %s, 0, 1) on 2 points\n"
                 "node draw: chance c -> (c)\n", ps[i], ps[i]);
        m = parse_ok(text);
        t = tree_at(m, NULL, 0);
        for (int k = 0; k < 2; k++)
            cr_expect(fabs(eq_tree_chance_prob(t, 0, k) - 0.5) < 1e-12, "p = %s: %.17g", ps[i],
                      eq_tree_chance_prob(t, 0, k));
        eq_tree_free(t);
        eq_model_free(m);
    }
}

/*
** Integer shapes: the cdf is a polynomial, so a cell's mass is a fraction,
** and the masses are those fractions correctly rounded, to the bit (the
** exact verifier of breakpoints reads the fractions themselves:
** test_sensitivity.c, beta_grid_exact).  By hand, with the cdfs above:
** beta(1, 2) on 3 points: I(1/3) = 1 - 4/9 = 5/9, I(2/3) = 1 - 1/9 = 8/9,
** masses 5/9, 3/9, 1/9; beta(2, 2) on 3 points: I(1/3) = 3/9 - 2/27 =
** 7/27, I(2/3) = 12/9 - 16/27 = 20/27, masses 7/27, 13/27, 7/27.  And
** beta(2, 5) on 10 points: I_x(2, 5) = 1 - (1-x)^6 - 6x(1-x)^5 (the
** binomial tail sum_{j>=2} C(6, j) x^j (1-x)^(6-j)), so 10^6 I(k/10) =
** 10^6 - (10-k)^6 - 6k(10-k)^5, an integer computed here; one point
** weighs 1 whatever the shapes.
*/
static long long cdf6_2_5(long long k)
{
    long long r = 10 - k, r5 = r * r * r * r * r;
    return 1000000 - r5 * r - 6 * k * r5;
}

Test(family, types_beta_integer_exact)
{
    static const struct {
        const char *pq;
        int n;
        double w[3];
    } cases[] = {
        { "1, 2", 3, { 5.0 / 9.0, 3.0 / 9.0, 1.0 / 9.0 } },
        { "2, 2", 3, { 7.0 / 27.0, 13.0 / 27.0, 7.0 / 27.0 } },
        { "2.0, 0.5", 1, { 1.0 } },
        { "2, 5", 10, { 0 } },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char text[256];
        eq_model *m;
        eq_tree *t;
        snprintf(text, sizeof text, "players A\ntypes c ~ beta(%s, 0, 1) on %d points\n"
                 "node draw: chance c -> (c[c])\n", cases[c].pq, cases[c].n);
        m = parse_ok(text);
        t = tree_at(m, NULL, 0);
        cr_assert_eq(eq_tree_node_children(t, 0), cases[c].n);
        for (int k = 0; k < cases[c].n; k++) {
            double want = cases[c].n == 10
                              ? (double)(cdf6_2_5(k + 1) - cdf6_2_5(k)) / 1e6
                              : cases[c].w[k];
            cr_expect_eq(eq_tree_chance_prob(t, 0, k), want, "beta(%s) cell %d: %.17g, "
                         "want %.17g", cases[c].pq, k, eq_tree_chance_prob(t, 0, k), want);
        }
        eq_tree_free(t);
        eq_model_free(m);
    }
}

/* Other shapes: the arcsine law beta(1/2, 1/2) has cdf (2/pi) asin(sqrt x),
** so on 3 points the outer cells weigh (2/pi) asin(1/sqrt 3) and the
** middle one 1 - (4/pi) asin(1/sqrt 3), irrational: computed in doubles
** (and declined by the verifier: test_sensitivity.c, beta_grid_inexact). */
Test(family, types_beta_arcsine)
{
    eq_model *m = parse_ok("players A\ntypes c ~ beta(0.5, 0.5, 0, 1) on 3 points\n"
                           "node draw: chance c -> (c[c])\n");
    eq_tree *t = tree_at(m, NULL, 0);
    double w = asin(1.0 / sqrt(3.0)) / (2.0 * atan(1.0));    /* pi = 4 atan 1 */
    cr_assert_eq(eq_tree_node_children(t, 0), 3);
    cr_expect(fabs(eq_tree_chance_prob(t, 0, 0) - w) < 1e-12);
    cr_expect(fabs(eq_tree_chance_prob(t, 0, 1) - (1 - 2 * w)) < 1e-12);
    cr_expect(fabs(eq_tree_chance_prob(t, 0, 2) - w) < 1e-12);
    eq_tree_free(t);
    eq_model_free(m);
}

/*
** normal(mu, sigma, lo, hi) on n points: the same cells (n equal cells of
** [lo, hi], points at their midpoints), cell [a, b] weighing
** (Phi(b') - Phi(a')) / (Phi(hi') - Phi(lo')), x' = (x - mu) / sigma.
** Values computed independently with Python's math.erf / math.erfc
** (Phi(z) = (1 + erf(z / sqrt 2)) / 2; Q(z) = 1 - Phi(z) = erfc(z / sqrt 2) / 2):
**  - normal(0, 1, -1, 1) on 2 points: 1/2 and 1/2 by symmetry.
**  - normal(0, 1, -1, 1) on 4 points: cells [-1, -1/2], [-1/2, 0], [0, 1/2],
**    [1/2, 1]; Phi(1) = 0.8413447460685429, Phi(1/2) = 0.6914624612740131,
**    Phi(1) - Phi(-1) = 0.6826894921370859, so the outer cells weigh
**    (Phi(1) - Phi(1/2)) / 0.68268949 = 0.2195467874059984 and the inner
**    (Phi(1/2) - 1/2) / 0.68268949 = 0.2804532125940016.
**  - normal(mu, s, 0, 3) on 3 points with the parameters mu = 1, s = 0.5:
**    z = -2, 0, 2, 4 at the cell bounds, Phi(4) - Phi(-2) =
**    0.9772181968099877; masses 0.4883759528933723 (twice, by symmetry
**    about mu) and (Phi(4) - Phi(2)) / 0.97721820 = 0.023248094213255337.
**  - normal(0, 1, 8, 9) on 2 points, far in the upper tail: Q(8) =
**    6.220960574271819e-16, Q(8.5) = 9.479534822203355e-18, Q(9) =
**    1.1285884059538422e-19; masses (Q(8) - Q(8.5)) / (Q(8) - Q(9)) =
**    0.984940628616829 and 0.015059371383170941.  Differences of Phi near 1
**    would have no correct digit here (Phi(8) rounds to 1 - 6.7e-16).
*/
Test(family, types_normal_cells)
{
    static const struct {
        const char *args;
        int n;
        double lo, hi;
        double w[4];
    } cases[] = {
        { "0, 1, -1, 1", 2, -1, 1, { 0.5, 0.5 } },
        { "0, 1, -1, 1", 4, -1, 1,
          { 0.2195467874059984, 0.2804532125940016, 0.2804532125940016, 0.2195467874059984 } },
        { "mu, s, 0, hi + 1", 3, 0, 3,
          { 0.4883759528933723, 0.4883759528933723, 0.023248094213255337 } },
        { "0, 1, 8, 9", 2, 8, 9, { 0.984940628616829, 0.015059371383170941 } },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char text[512];
        eq_model *m;
        eq_tree *t;
        int n = cases[c].n;
        snprintf(text, sizeof text,
                 "players A\n"
                 "param mu = 1 in [-2, 2]\n"
                 "param s = 0.5 in [0.1, 4]\n"
                 "param hi = 2 in [1, 4]\n"
                 "types c ~ normal(%s) on %d points\n"
                 "node draw: chance c -> (c[c])\n", cases[c].args, n);
        m = parse_ok(text);
        t = tree_at(m, NULL, 0);
        cr_assert_eq(eq_tree_node_children(t, 0), n, "%s", text);
        for (int k = 0; k < n; k++) {
            double got = eq_tree_chance_prob(t, 0, k), want = cases[c].w[k];
            double lo = cases[c].lo, hi = cases[c].hi;
            cr_expect(fabs(got - want) <= 1e-13 * want, "normal(%s) cell %d: %.17g, want %.17g",
                      cases[c].args, k, got, want);
            cr_expect(fabs(eq_tree_payoff(t, eq_tree_child(t, 0, k), 0) -
                           (lo + (k + 0.5) * (hi - lo) / n)) < 1e-12,
                      "normal(%s) point %d", cases[c].args, k);
        }
        eq_tree_free(t);
        eq_model_free(m);
    }
}

/*
** normal's sigma held by a parameter is checked when the grid gets values
** (instantiation), not only when written as a number: s = -0.5 and s = 0
** fail at s's place (line 4, column 22) with the value, and s = 0.5 gives
** the masses derived above for normal(1, 0.5, 0, 3) on 3 points
** (0.4883759528933723 twice, 0.023248094213255337).  Before the check,
** s = 0 failed as a division by zero and s = -0.5 gave the masses of
** |s| (the formula's (x - mu) / sigma changes sign in both Phi terms).
*/
Test(family, types_normal_sigma_param)
{
    static const char *const text =
        "players A\n"
        "param mu = 1 in [-2, 2]\n"
        "param s = 0.5 in [-1, 1]\n"
        "types c ~ normal(mu, s, 0, 3) on 3 points\n"
        "node draw: chance c -> (c[c])\n";
    static const struct {
        const char *set, *msg;
    } bad[] = {
        { "s=-0.5", "normal's sigma must be positive, not -0.5 (s = -0.5)" },
        { "s=0", "normal's sigma must be positive, not 0 (s = 0)" },
    };
    static const double w[3] = { 0.4883759528933723, 0.4883759528933723,
                                 0.023248094213255337 };
    eq_model *m = parse_ok(text);
    double v[2];
    eq_tree *t = NULL;
    eq_diag d;
    for (int i = 0; i < 2; i++) {
        cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
        cr_assert_eq(eq_model_set_param(m, v, bad[i].set, &d), EQ_OK, "%s", d.message);
        cr_expect_eq(eq_model_instantiate(m, v, &t, &d), EQ_ERR_ARG, "%s", bad[i].set);
        cr_expect_null(t);
        cr_expect(strstr(d.message, bad[i].msg) != NULL, "message '%s' lacks '%s'",
                  d.message, bad[i].msg);
        cr_expect_eq(d.line, 4, "%s", d.message);
        cr_expect_eq(d.col, 22, "%s", d.message);
    }
    {
        static const char *const ok[] = { "s=0.5" };
        t = tree_at(m, ok, 1);
    }
    for (int k = 0; k < 3; k++)
        cr_expect(fabs(eq_tree_chance_prob(t, 0, k) - w[k]) <= 1e-13 * w[k],
                  "cell %d: %.17g, want %.17g", k, eq_tree_chance_prob(t, 0, k), w[k]);
    eq_tree_free(t);
    eq_model_free(m);
}

/*
** A challenge whose answer turns on the normal masses.  A challenges or
** stays (0, 0); after a challenge B, whose cost of resisting c ~
** normal(mu, 1, -2, 2) on 4 points (-1.5, -0.5, 0.5, 1.5) is private,
** resists, (-1, 1/2 - c), or yields, (1, 0).  B resists iff c < 1/2: the
** two lower types resist, the two upper yield.  A challenges iff the
** yielding mass P = (Phi(2 - mu) - Phi(-mu)) / (Phi(2 - mu) - Phi(-2 - mu))
** exceeds 1/2, for a payoff 2P - 1.  By Python's math.erf: mu = 0.2 gives
** P = 0.5718256145528138 (challenge, A's payoff 0.14365122910562755);
** mu = -0.2 gives P = 0.42817438544718617 (stay, payoff 0).  The uniform
** on the same grid would give P = 1/2 exactly: the outcome is the normal's.
*/
Test(family, types_normal_challenge)
{
    static const char text[] =
        "players A B\n"
        "param mu = 0.2 in [-1, 1]\n"
        "types c ~ normal(mu, 1, -2, 2) on 4 points\n"
        "node root: A chooses\n"
        "  challenge -> draw\n"
        "  stay -> (0, 0)\n"
        "node draw: chance c -> reply[c]\n"
        "node reply[k in 0..3]: B chooses\n"
        "  resist -> (-1, 0.5 - c[k])\n"
        "  yield -> (1, 0)\n";
    static const struct {
        const char *set;
        double payoff, challenge;
    } cases[] = {
        { "mu=0.2", 0.14365122910562755, 1.0 },
        { "mu=-0.2", 0.0, 0.0 },
    };
    eq_model *m = parse_ok(text);
    for (int c = 0; c < 2; c++) {
        eq_tree *t = tree_at(m, &cases[c].set, 1);
        eq_tree_result *r = spe(t);
        cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - cases[c].payoff) < 1e-12,
                  "%s: A's payoff %.17g", cases[c].set, eq_tree_result_payoff(r, 0, 0));
        cr_expect_float_eq(t_behaviour(r, 0, t, "root", "challenge"), cases[c].challenge,
                           1e-12, "%s", cases[c].set);
        for (int k = 0; k < 4; k++) {
            char lab[32];
            snprintf(lab, sizeof lab, "reply[%d]", k);
            cr_expect_float_eq(t_behaviour(r, 0, t, lab, "resist"), k < 2 ? 1.0 : 0.0, 1e-12,
                               "%s: %s", cases[c].set, lab);
        }
        eq_tree_result_free(r);
        eq_tree_free(t);
    }
    eq_model_free(m);
}

/* Errors: the message, and the line and column of the template. */
typedef struct bad_case {
    const char *text;
    const char *message;    /* a part of the message */
    int line, col;
} bad_case;

static const bad_case bad_cases[] = {
        { "players A B\nnode n[x in 0..2]: A chooses\n  a -> (x, 0, 1)\n",
          "bad.game:3:8: in n[0]: wrong number of payoffs", 3, 8 },
        { "players A B\nnode r: A chooses\n  a -> n[0]\n"
          "node n[x in 0..3]: B chooses\n  up -> n[x + 1]\n  down -> (x, -x)\n",
          "in n[3]: index out of range: 'n[4]'", 5, 9 },
        { "players A B\nnode r: A chooses\n  a -> n[y]\nnode n[x in 0..3]: (x, 0)\n",
          "unknown index 'y'", 3, 10 },
        { "players A B\nnode n[x in 3..1]: (x, 0)\n", "empty range 3..1", 2, 8 },
        { "players A B\nnode n[x in 0..1000000]: (x, 0)\n",
          "the limit FAMILY_MAX is 1000000", 2, 8 },
        { "players A B\nfor t in 1..2 {\nnode n[t]: (t, 0)\n", "never closed", 2, 15 },
        { "players A B\nnode n[x in 0..1]: (x / 0, zz)\n", "in n[0]: unknown", 2, 0 },
        { "players A\ntypes c ~ lognormal(0, 1) on 3 points\nnode n: chance c -> (c[0])\n",
          "unknown distribution (known: uniform(lo, hi), triangular(lo, mode, hi), "
          "beta(p, q, lo, hi), normal(mu, sigma, lo, hi))", 2, 11 },
        { "players A\ntypes c ~ normal(0, 0, -1, 1) on 3 points\nnode n: chance c -> (c)\n",
          "normal's sigma must be positive, not 0", 2, 21 },
        { "players A\ntypes c ~ normal(0, -1, -1, 1) on 3 points\nnode n: chance c -> (c)\n",
          "normal's sigma must be positive, not -1", 2, 21 },
        { "players A\ntypes c ~ normal(0, 1, 1, 1) on 3 points\nnode n: chance c -> (c)\n",
          "normal's support needs lo < hi", 2, 24 },
        { "players A\ntypes c ~ normal(0, 1, 2, -1) on 3 points\nnode n: chance c -> (c)\n",
          "normal's support needs lo < hi", 2, 24 },
        { "players A\ntypes c ~ normal(0, 1, 0) on 3 points\nnode n: chance c -> (c)\n",
          "normal takes 4 arguments", 2, 11 },
        { "players A\ntypes c ~ normal(0, 1, -1, 0, 1) on 3 points\nnode n: chance c -> (c)\n",
          "malformed arguments of the distribution", 2, 0 },
        { "players A\ntypes c ~ normal(0, 1, 40, 41) on 3 points\nnode n: chance c -> (c)\n",
          "normal(0, 1) has too little mass on [40, 41]", 2, 24 },
        { "players A\ntypes c ~ uniform(0, 1) on 0 points\nnode n: chance c -> (c[0])\n",
          "number of points", 2, 28 },
        { "players A\ntypes c ~ beta(0, 1, 0, 1) on 3 points\nnode n: chance c -> (c)\n",
          "beta's shape p must be positive", 2, 16 },
        { "players A\ntypes c ~ beta(1, -2, 0, 1) on 3 points\nnode n: chance c -> (c)\n",
          "beta's shape q must be positive", 2, 19 },
        { "players A\ntypes c ~ beta(1, 2, 1, 1) on 3 points\nnode n: chance c -> (c)\n",
          "needs lo < hi", 2, 22 },
        { "players A\ntypes c ~ beta(2, 1, 5, 3) on 3 points\nnode n: chance c -> (c)\n",
          "needs lo < hi", 2, 22 },
        { "players A\nparam a = 1 in [0, 2]\ntypes c ~ beta(a, 2, 0, 1) on 3 points\n"
          "node n: chance c -> (c)\n", "must be a number written in the file", 3, 16 },
        { "players A\ntypes c ~ beta(1, 2, 0) on 3 points\nnode n: chance c -> (c)\n",
          "beta takes 4 arguments", 2, 11 },
        { "players A B\nnode n[x in 0..1]: (x, 0)\nnode r: A chooses\n  a -> n[1 / 2]\n",
          "not an integer", 4, 10 },
        { "players A\nparam w[t in 1..3] = [1, 2] in [0, 3]\nnode n: (w[1])\n",
          "no value for this member", 2, 22 },
        { "players A\nnode n[x in 0..1, x in 0..1]: (x)\n", "index 'x' named twice", 2, 19 },
        { "players A\nnode n[x in 0..1]: (1)\nnode m: A chooses\n a -> n[0, 1]\n",
          "family 'n' has 1 index, not 2", 4, 7 },
        /* Declarations after a '}' on the same line, which the first pass
        ** does not register (found by fuzz_game: both read outside the
        ** family and types tables before). */
        { "players A B\nfor t in 1..2 {\n}param cost[t in 1..3] = 0.1 * t in [0, 1]\n"
          "node a: A chooses\n  x -> (0, 0)\n",
          "a declaration of the family 'cost' must begin a line", 3, 2 },
        { "players A B\nfor t in 1..2 {\n}types v ~ uniform(0, 1) on 2 points\n"
          "node a: A chooses\n  x -> (0, 0)\n",
          "a types declaration ('v') must begin a line", 3, 2 },
};

/* Criterion hands parameters through shared memory, where pointers mean
** nothing: the parameter is an index into the table. */
#define NBAD ((int)(sizeof bad_cases / sizeof bad_cases[0]))

ParameterizedTestParameters(family, errors)
{
    static int idx[NBAD];
    for (int i = 0; i < NBAD; i++)
        idx[i] = i;
    return cr_make_param_array(int, idx, NBAD);
}

ParameterizedTest(int *k, family, errors)
{
    const bad_case *c = &bad_cases[*k];
    eq_model *m = NULL;
    eq_diag d;
    cr_assert_eq(eq_model_parse(&m, c->text, strlen(c->text), "bad.game", &d), EQ_ERR_PARSE,
                 "%s", c->text);
    cr_expect_null(m);
    cr_expect(strstr(d.message, c->message) != NULL, "message '%s' lacks '%s'", d.message,
              c->message);
    cr_expect_eq(d.line, c->line, "%s", d.message);
    if (c->col > 0)
        cr_expect_eq(d.col, c->col, "%s", d.message);
}

/* A model with no template comes out of the pass unchanged: the same tree
** as before, same labels. */
Test(family, plain_models_unchanged)
{
    eq_model *m = read_ok(FIX "entry.game");
    eq_tree *t = tree_at(m, NULL, 0);
    cr_expect_eq(eq_tree_nodes(t), 5);
    cr_expect_str_eq(eq_tree_node_label(t, 0), "entry");
    eq_tree_free(t);
    eq_model_free(m);
}

/*
** A "for" block inside a family's template gives each member its actions;
** a "for" block of declarations after it ends the template.  Tree by
** hand: root (3 actions) -> mid[x] (2 actions each) -> (x, y); then the
** block declares end[t], reached from nowhere but the start node's last
** action.
*/
Test(family, for_inside_template)
{
    static const char text[] =
        "players A B\n"
        "node root: A chooses\n"
        "for x in 0..2 {\n"
        "  \"a{x}\" -> mid[x]\n"
        "}\n"
        "  last -> end[1]\n"
        "node mid[x in 0..2] \"mid {x}\": B chooses\n"
        "for y in 0..1 {\n"
        "  \"b{y}\" -> (x, 10 * y)\n"
        "}\n"
        "for t in 1..1 {\n"
        "node end[t]: (t, t)\n"
        "}\n";
    eq_model *m = parse_ok(text);
    eq_tree *t = tree_at(m, NULL, 0);
    cr_assert_eq(eq_tree_nodes(t), 1 + 4 + 6);
    cr_assert_eq(eq_tree_node_children(t, 0), 4);
    for (int x = 0; x < 3; x++) {
        int v = eq_tree_child(t, 0, x);
        char lab[16];
        snprintf(lab, sizeof lab, "mid %d", x);
        cr_expect_str_eq(eq_tree_node_label(t, v), lab);
        cr_assert_eq(eq_tree_node_children(t, v), 2);
        cr_expect_str_eq(eq_tree_node_action_name(t, v, 1), "b1");
        cr_expect_float_eq(eq_tree_payoff(t, eq_tree_child(t, v, 1), 0), x, 1e-15);
        cr_expect_float_eq(eq_tree_payoff(t, eq_tree_child(t, v, 1), 1), 10, 1e-15);
    }
    cr_expect_float_eq(eq_tree_payoff(t, eq_tree_child(t, 0, 3), 0), 1, 1e-15);
    eq_tree_free(t);
    eq_model_free(m);
}

/* Index arithmetic folded to numbers gives the values the evaluator
** would: x - 5 * 2 / 4 = x - 2.5 and 1 + x * 0.5, by hand; a parameter
** in the element keeps it an expression (0.5 * s + x with s = 4). */
Test(family, folded_arithmetic)
{
    static const char text[] =
        "players A B\n"
        "param s = 4 in [0, 10]\n"
        "node r: A chooses\n"
        "for x in 0..3 {\n"
        "  \"{x}\" -> (x - 5 * 2 / 4, 1 + x * 0.5 + 0 * s)\n"
        "}\n"
        "  last -> (0.5 * s + 3, 2 - 3 - 4)\n";
    eq_model *m = parse_ok(text);
    eq_tree *t = tree_at(m, NULL, 0);
    for (int x = 0; x < 4; x++) {
        int v = eq_tree_child(t, 0, x);
        cr_expect_float_eq(eq_tree_payoff(t, v, 0), x - 2.5, 1e-15);
        cr_expect_float_eq(eq_tree_payoff(t, v, 1), 1 + x * 0.5, 1e-15);
    }
    cr_expect_float_eq(eq_tree_payoff(t, eq_tree_child(t, 0, 4), 0), 5, 1e-15);
    cr_expect_float_eq(eq_tree_payoff(t, eq_tree_child(t, 0, 4), 1), -5, 1e-15);
    eq_tree_free(t);
    t = tree_at(m, (const char *[]){ "s=10" }, 1);
    cr_expect_float_eq(eq_tree_payoff(t, eq_tree_child(t, 0, 4), 0), 8, 1e-15);
    eq_tree_free(t);
    eq_model_free(m);
}

/*
** "{e: w0, w1, ...}" in a label picks word e (from 0) of the list; a word
** may be empty.  A family may be declared by several templates over
** disjoint ranges, one per shape of member (here t[0, 0] a terminal
** (1, 2) and t[k, k] for k = 1, 2 a terminal (3, 4)), and a later range
** may use an earlier index.  Tree by hand: root -> n[0,0], n[1,1],
** n[2,2] labelled n_N_00, n_G_12_own, n_T_24_x; each n[k, k] -> l: t[k, k]
** labelled t_N_0, tt_G_1, tt_T_2; r: (k, w[k]) with w = 0, 2, 3.
*/
Test(family, word_choice_and_split_templates)
{
    static const char text[] =
        "players A B\n"
        "let w[k in 0..2] = if k == 0 then 0 else 1 + k\n"
        "node root: A chooses\n"
        "  x -> n[0, 0]\n"
        "  y -> n[1, 1]\n"
        "  z -> n[2, 2]\n"
        "node n[k in 0..2, a in k..k] \"n_{k: N, G, T}_{a}{a * 2}{a: , _own, _x}\": B chooses\n"
        "  l -> t[k, a]\n"
        "  r -> (k, w[k])\n"
        "node t[k in 0..0, a in 0..0] \"t_{k: N}_{a}\": (1, 2)\n"
        "node t[k in 1..2, a in k..k] \"tt_{k:N,G,T}_{a}\": (3, 4)\n";
    static const char *const nlab[] = { "n_N_00", "n_G_12_own", "n_T_24_x" };
    static const char *const tlab[] = { "t_N_0", "tt_G_1", "tt_T_2" };
    static const double w[] = { 0, 2, 3 };
    eq_model *m = parse_ok(text);
    eq_tree *t = tree_at(m, NULL, 0);
    cr_assert_eq(eq_tree_nodes(t), 1 + 3 * 3);
    for (int k = 0; k < 3; k++) {
        int v = eq_tree_child(t, 0, k), l, r;
        cr_expect_str_eq(eq_tree_node_label(t, v), nlab[k]);
        l = eq_tree_child(t, v, 0);
        r = eq_tree_child(t, v, 1);
        cr_expect_str_eq(eq_tree_node_label(t, l), tlab[k]);
        cr_expect_float_eq(eq_tree_payoff(t, l, 0), k == 0 ? 1 : 3, 1e-15);
        cr_expect_float_eq(eq_tree_payoff(t, r, 0), k, 1e-15);
        cr_expect_float_eq(eq_tree_payoff(t, r, 1), w[k], 1e-15);
    }
    eq_tree_free(t);
    eq_model_free(m);
}

/* A word number past the list's end is an error at the string. */
Test(family, word_choice_out_of_range)
{
    static const char text[] = "players A\nnode n[x in 0..2] \"n{x: a, b}\": (x)\n"
                               "node r: A chooses\n  a -> n[0]\n  b -> n[1]\n  c -> n[2]\n";
    eq_model *m = NULL;
    eq_diag d;
    cr_assert_eq(eq_model_parse(&m, text, strlen(text), "bad.game", &d), EQ_ERR_PARSE);
    cr_expect(strstr(d.message, "in n[2]") != NULL, "%s", d.message);
    cr_expect(strstr(d.message, "no word number 2") != NULL, "%s", d.message);
    cr_expect_eq(d.line, 2, "%s", d.message);
}

/*
** models/security.game is written in families.  Its trees, by hand from
** the structure in models/README.md ("One game family over a common
** fallback"): at each long-run test chance first draws Russia's type
** (ordinary or revanchist), and each type has its own accept node, so a
** test site is that chance node and two accepts.  Without a guarantee an
** accept has 2 terminals (3 nodes), a site 1 + 2 x 3 = 7, and the long
** run is lr -> 2 restraint -> (site | rein -> 2 sites) = 1 + 2 (1 + 7 + 1
** + 2 x 7) = 47 nodes; with a guarantee each accept's test leads to the
** chance node that draws the West's type and then to each type's honour
** (3 nodes): 1 + 2 x 3 = 7, so an accept is 1 + 1 + 7 = 9, a site 1 + 2
** x 9 = 19 and the long run 1 + 2 (1 + 19 + 1 + 2 x 19) = 119; fighting
** on under a guarantee before the cease-fire is the 7-node test of the
** West's type alone (Russia's type is not drawn there).  Then, per
** option (t = timing):
**   none: 1 + 2 (1 + 1 + 47) = 99 (both timings);
**   israel before: offers N (1 + 2 (1 + 1 + 47) = 99), built at a = 1, 2
**     (1 + 2 x 99 = 199): 1 + 99 + 199 + 199 = 498; after, where a window
**     is 4 nodes (window: rearm -> war_resumes_window, stand_down ->
**     window_end: resume -> war_resumes_window_*_down, wait): 1 + 99 +
**     2 x (1 + 2 (1 + 1 + (4 + 1 + 2 x 47))) = 506;
**   where a guarantee is given, the West chooses which borders it
**     covers (lines, pre-2022, legal): 1 + 3 X for a subtree X after the
**     coverage;
**   hybrid before: offers G (1 + 2 (1 + 7 + 119) = 255), with the borders
**     (1 + 3 x 255 = 766); built at a = 1, 2 (1 + 2 x 255 = 511, with the
**     borders 1 + 3 x 511 = 1534): 1 + 766 + 2 x 1534 = 3835; after: 1 +
**     (1 + 2 (1 + 1 + 4 + (1 + 3 x 119))) + 2 x (1 + 2 (1 + 1 + 4 + (1 +
**     3 x 239))) = 1 + 729 + 2 x 1449 = 3628;
**   membership: the veto is the Ally's holdout whose price the West pays
**     or refuses (1 + tripwire + (1 + R + tripwire paid)), R the refused
**     branch (sized as N), tripwire = 1 + G + T, each with the borders;
**     before: 1 + (1 + 1533 + 1 + 99 + 1533) + 2 x (1 + 3069 + 1 + 199 +
**     3069) = 1 + 3167 + 2 x 6339 = 15846; after, with the veto and
**     tripwire at the window's end (tripwire 1 + 2 x 358 = 717 at a = 0,
**     1 + 2 x 718 = 1437 at a = 1, 2): 1 + (1 + 2 (6 + 1 + 717 + 1 + 47 +
**     717)) + 2 x (1 + 2 (6 + 1 + 1437 + 1 + 95 + 1437)) = 1 + 2979 + 2 x
**     5955 = 14890.
** (Before Russia's type: 23 and 59 for the long runs, 51, 258, 266,
** 2035, 1828, 8406 and 7450 for the options.)
*/
Test(family, security_tree_sizes)
{
    static const struct { const char *option, *timing; int nodes; } want[] = {
        { "none", "before", 99 },          { "none", "after", 99 },
        { "israel", "before", 498 },       { "israel", "after", 506 },
        { "hybrid", "before", 3835 },      { "hybrid", "after", 3628 },
        { "membership", "before", 15846 }, { "membership", "after", 14890 },
    };
    eq_model *m = read_ok(EQ_MODELS "/security.game");
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char o[32], tm[32];
        snprintf(o, sizeof o, "option=%s", want[i].option);
        snprintf(tm, sizeof tm, "timing=%s", want[i].timing);
        eq_tree *t = tree_at(m, (const char *[]){ o, tm }, 2);
        cr_expect_eq(eq_tree_nodes(t), want[i].nodes, "%s %s: %d nodes", want[i].option,
                     want[i].timing, eq_tree_nodes(t));
        eq_tree_free(t);
    }
    eq_model_free(m);
}
