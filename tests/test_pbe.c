/* test_pbe.c -- pure weak perfect Bayesian equilibria with their
** supporting beliefs, the Intuitive Criterion and D1, each against an
** answer derived by hand in the comments. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"

#define FIX EQ_FIXTURES "/bayes/"
#define EPS 1e-9

static eq_tree_result *solve(const eq_tree *t, eq_method m, eq_refine refine)
{
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_tree_opts_init(&o);
    o.method = m;
    o.refine = refine;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s",
                 r ? eq_tree_result_errmsg(r) : "no result");
    return r;
}

/*
** Beer-quiche (Cho and Kreps 1987).  Weak with probability 1/10.  The
** receiver after a breakfast with belief m = P(weak) gets m from a duel
** and 1 - m from none: duel iff m >= 1/2.
**   Pooling on beer: after beer m = 1/10, no duel; weak gets 2, strong 3.
**     Quiche must bring a duel, else the weak type (3 > 2) deviates; with
**     a duel, weak gets 1 < 2 and strong 0 < 3.  Supported by m in
**     [1/2, 1] after quiche.
**   Pooling on quiche: after quiche no duel; weak gets 3, strong 2.  Beer
**     must bring a duel (else strong gets 3 > 2): m in [1/2, 1] after beer.
**   Separating (weak quiche, strong beer): weak is dueled (1) and would
**     take beer undueled (2); the reverse: weak beer is dueled (0) against
**     quiche undueled (3).  Neither is an equilibrium, and with beliefs 0
**     or 1 or 1/10 on the path no receiver set is indifferent.
** So exactly the two pooling equilibria, in pure strategies.
*/
Test(pbe, beer_quiche_two_pooling_equilibria)
{
    eq_tree *t = t_read_efg(FIX "beer_quiche.efg");
    eq_tree_result *r = solve(t, EQ_METHOD_PBE, EQ_REFINE_NONE);
    static const char *const sets[] = { "weak", "strong", "after beer", "after quiche" };
    static const char *const beer[] = { "beer", "beer", "not", "duel" };
    static const char *const quiche[] = { "quiche", "quiche", "duel", "not" };
    int kb, kq, hb = t_infoset(t, "after beer"), hq = t_infoset(t, "after quiche");
    double lo, hi;

    cr_assert_eq(eq_tree_result_count(r), 2);
    kb = t_find_eq(r, t, 4, sets, beer);
    kq = t_find_eq(r, t, 4, sets, quiche);
    cr_assert(kb >= 0 && kq >= 0);
    t_certified(r);

    /* On beer: after beer the prior, 1/10 weak; after quiche m in [1/2, 1]. */
    cr_expect_eq(eq_tree_result_reached(r, kb, hb), 1);
    cr_expect_eq(eq_tree_result_reached(r, kb, hq), 0);
    cr_expect(fabs(eq_tree_result_belief(r, kb, t_node(t, "weak, beer")) - 0.1) < EPS);
    cr_expect(fabs(eq_tree_result_belief(r, kb, t_node(t, "strong, beer")) - 0.9) < EPS);
    cr_expect_eq(eq_tree_result_belief_vertices(r, kb, hb), 0);
    cr_expect_eq(eq_tree_result_belief_vertices(r, kb, hq), 2);
    t_belief_range(r, kb, t, "after quiche", "weak, quiche", &lo, &hi);
    cr_expect(fabs(lo - 0.5) < EPS && fabs(hi - 1.0) < EPS, "[%g, %g]", lo, hi);
    /* The point belief reported off the path is one of the supporting set. */
    {
        double m = eq_tree_result_belief(r, kb, t_node(t, "weak, quiche"));
        cr_expect(m >= 0.5 - EPS && m <= 1.0 + EPS, "%g", m);
        cr_expect(fabs(m + eq_tree_result_belief(r, kb, t_node(t, "strong, quiche")) - 1.0)
                  < EPS);
    }
    /* On quiche: m in [1/2, 1] after beer. */
    cr_expect_eq(eq_tree_result_reached(r, kq, hb), 0);
    t_belief_range(r, kq, t, "after beer", "weak, beer", &lo, &hi);
    cr_expect(fabs(lo - 0.5) < EPS && fabs(hi - 1.0) < EPS, "[%g, %g]", lo, hi);
    cr_expect(fabs(eq_tree_result_belief(r, kq, t_node(t, "weak, quiche")) - 0.1) < EPS);
    cr_expect(strstr(eq_tree_result_selection(r), "all 2 pure weak perfect Bayesian") != NULL,
              "%s", eq_tree_result_selection(r));
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/*
** The Intuitive Criterion on beer-quiche.  Pooling on quiche: u*(weak) =
** 3, u*(strong) = 2.  Beer gives the weak type at most 2 < 3, so it is
** equilibrium-dominated for weak only: J = {weak}.  A belief on strong
** alone after beer brings no duel, and strong then gets 3 > 2: the
** equilibrium fails.  Pooling on beer: quiche gives strong at most 2 < 3
** (J = {strong}); with weak alone the receiver duels, giving weak 1 < 2
** and strong 0 < 3: it passes.  D1 (stronger) keeps the same one: after
** quiche, P(duel) = a gives weak 3 - 2a >= 2 iff a <= 1/2 and strong
** 2 - 2a > 3 never, so strong is eliminated and a duel answers weak.
*/
Test(pbe, intuitive_criterion_removes_pooling_on_quiche)
{
    eq_tree *t = t_read_efg(FIX "beer_quiche.efg");
    static const char *const sets[] = { "weak", "strong", "after beer", "after quiche" };
    static const char *const beer[] = { "beer", "beer", "not", "duel" };
    eq_refine rs[] = { EQ_REFINE_INTUITIVE, EQ_REFINE_D1 };
    for (int i = 0; i < 2; i++) {
        eq_tree_result *r = solve(t, EQ_METHOD_PBE, rs[i]);
        cr_assert_eq(eq_tree_result_count(r), 1, "refinement %d", (int)rs[i]);
        cr_expect_eq(t_find_eq(r, t, 4, sets, beer), 0);
        cr_expect(strstr(eq_tree_result_selection(r), "1 of 2") != NULL, "%s",
                  eq_tree_result_selection(r));
        t_certified(r);
        eq_tree_result_free(r);
    }
    eq_tree_free(t);
}

/*
** Spence's job market with two types (fixture: ability 1 w.p. 2/3, 2 w.p.
** 1/3; education e in {0, 1.2, 1.8} costing e or e/2; wage 1 or 2; the
** employer pays 2 iff P(high) >= 1/2).
**   Separating, low at 0 (wage 1, payoff 1), high at E (wage 2, payoff
**   2 - E/2): low must not mimic, 2 - E <= 1, so E >= 1; high must not
**   pool down, 2 - E/2 >= 1, so E <= 2.  Both 1.2 and 1.8 separate.
**   - E = 1.2: off the path 1.8 gives low at most 0.2 < 1 and high at
**     most 1.1 < 1.4, so either wage works: wage 1 with P(high) in
**     [0, 1/2], wage 2 with [1/2, 1].  Two equilibria.
**   - E = 1.8: at 1.2 a wage of 2 would give high 1.4 > 1.1, so the wage
**     is 1, P(high) in [0, 1/2].  One equilibrium.
**   Pooling at 0: P(high) = 1/3 < 1/2, wage 1, payoffs 1.  High would take
**   1.2 for a wage of 2 (1.4 > 1) or 1.8 (1.1 > 1), so both pay 1, each
**   with P(high) in [0, 1/2].  One equilibrium.  Pooling elsewhere leaves
**   low below 1, and low never moves off 0 (it earns at most 0.8 there).
** So four pure PBE.
*/
Test(pbe, spence_separating_and_pooling_with_belief_ranges)
{
    eq_tree *t = t_read_efg(FIX "spence.efg");
    eq_tree_result *r = solve(t, EQ_METHOD_PBE, EQ_REFINE_NONE);
    static const char *const sets[] = { "low", "high", "after e0", "after e12", "after e18" };
    static const char *const pool[] = { "e0", "e0", "w1", "w1", "w1" };
    static const char *const sepa1[] = { "e0", "e12", "w1", "w2", "w1" };
    static const char *const sepa2[] = { "e0", "e12", "w1", "w2", "w2" };
    static const char *const sepb[] = { "e0", "e18", "w1", "w1", "w2" };
    int kp, ka1, ka2, kb;
    double lo, hi;

    cr_assert_eq(eq_tree_result_count(r), 4);
    kp = t_find_eq(r, t, 5, sets, pool);
    ka1 = t_find_eq(r, t, 5, sets, sepa1);
    ka2 = t_find_eq(r, t, 5, sets, sepa2);
    kb = t_find_eq(r, t, 5, sets, sepb);
    cr_assert(kp >= 0 && ka1 >= 0 && ka2 >= 0 && kb >= 0);
    t_certified(r);

    /* Pooling: P(high | e0) = 1/3 by Bayes; [0, 1/2] off the path. */
    cr_expect(fabs(eq_tree_result_belief(r, kp, t_node(t, "high, e0")) - 1.0 / 3.0) < EPS);
    t_belief_range(r, kp, t, "after e12", "high, e12", &lo, &hi);
    cr_expect(fabs(lo) < EPS && fabs(hi - 0.5) < EPS, "[%g, %g]", lo, hi);
    t_belief_range(r, kp, t, "after e18", "high, e18", &lo, &hi);
    cr_expect(fabs(lo) < EPS && fabs(hi - 0.5) < EPS, "[%g, %g]", lo, hi);
    /* Least-cost separation: beliefs 0 and 1 on the path. */
    cr_expect(fabs(eq_tree_result_belief(r, ka1, t_node(t, "high, e12")) - 1.0) < EPS);
    cr_expect(fabs(eq_tree_result_belief(r, ka1, t_node(t, "high, e0"))) < EPS);
    t_belief_range(r, ka1, t, "after e18", "high, e18", &lo, &hi);
    cr_expect(fabs(lo) < EPS && fabs(hi - 0.5) < EPS, "[%g, %g]", lo, hi);
    t_belief_range(r, ka2, t, "after e18", "high, e18", &lo, &hi);
    cr_expect(fabs(lo - 0.5) < EPS && fabs(hi - 1.0) < EPS, "[%g, %g]", lo, hi);
    /* Costly separation at 1.8: wage 1 at 1.2 with P(high) in [0, 1/2]. */
    t_belief_range(r, kb, t, "after e12", "high, e12", &lo, &hi);
    cr_expect(fabs(lo) < EPS && fabs(hi - 0.5) < EPS, "[%g, %g]", lo, hi);
    /* Payoffs of the worker: 1 pooling; 2/3 + (1/3)(2 - 0.6) least-cost;
    ** 2/3 + (1/3)(2 - 0.9) costly. */
    cr_expect(fabs(eq_tree_result_payoff(r, kp, 0) - 1.0) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(r, ka1, 0) - (2.0 / 3.0 + 1.4 / 3.0)) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(r, kb, 0) - (2.0 / 3.0 + 1.1 / 3.0)) < EPS);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/*
** D1 on the job market.  With a = P(wage 2) after an unsent level:
**   Pooling (u* = 1, 1), level 1.2: low gets a - 0.2 >= 1 never, so
**   D u D0(low) is empty and low is eliminated; high gets 0.4 + a > 1 for
**   a > 0.6, so high stays.  On high alone the employer pays 2, not the
**   prescribed 1: pooling fails.
**   Separation at 1.8 (u* = 1, 1.1), level 1.2: low as before; high gets
**   0.4 + a > 1.1 for a > 0.7: the same, it fails.
**   Separation at 1.2 (u* = 1, 1.4), level 1.8: low gets a - 0.8 >= 1
**   never, high 0.1 + a >= 1.4 never: both are eliminated, no
**   restriction: both versions pass.
** D1 keeps the least-cost separating outcome (Riley 1979) alone.  The
** Intuitive Criterion agrees here: in both failing equilibria 1.2 is
** equilibrium-dominated for low (at most 0.8 < 1) and not for high (1.4),
** and high paid 2 gets 1.4 > u*(high).
*/
Test(pbe, d1_selects_least_cost_separation)
{
    eq_tree *t = t_read_efg(FIX "spence.efg");
    static const char *const sets[] = { "low", "high", "after e0", "after e12" };
    static const char *const riley[] = { "e0", "e12", "w1", "w2" };
    eq_refine rs[] = { EQ_REFINE_D1, EQ_REFINE_INTUITIVE };
    for (int i = 0; i < 2; i++) {
        eq_tree_result *r = solve(t, EQ_METHOD_PBE, rs[i]);
        cr_assert_eq(eq_tree_result_count(r), 2, "refinement %d", (int)rs[i]);
        for (int k = 0; k < 2; k++) {
            int all = 1;
            for (int j = 0; j < 4; j++)
                all = all && fabs(t_behaviour(r, k, t, sets[j], riley[j]) - 1.0) < EPS;
            cr_expect(all, "equilibrium %d is not the least-cost separation", k);
        }
        cr_expect(strstr(eq_tree_result_selection(r), "2 of 4") != NULL, "%s",
                  eq_tree_result_selection(r));
        eq_tree_result_free(r);
    }
    eq_tree_free(t);
}

/*
** Selten's horse (fixture): player 3, believing m that player 1 went down,
** gets 2m from L and 1 - m from R.  D by player 1 reaches 3 with m = 1,
** so L; then 2 would go down (4 > 1) and 1 across (4 > 3): no PBE has D.
** With 1 across and 2 across, 3's set is off the path; L would make 2 go
** down, so R, which needs m <= 1/3.  One pure PBE: (C, c, R), m in
** [0, 1/3].  The Nash equilibrium (D, c, L) is not one: 2's c is not a
** best reply to L.
*/
Test(pbe, selten_horse)
{
    eq_tree *t = t_read_efg(FIX "horse.efg");
    eq_tree_result *r = solve(t, EQ_METHOD_PBE, EQ_REFINE_NONE);
    double lo, hi;
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(t_behaviour(r, 0, t, "1", "C") - 1.0) < EPS);
    cr_expect(fabs(t_behaviour(r, 0, t, "2", "c") - 1.0) < EPS);
    cr_expect(fabs(t_behaviour(r, 0, t, "3", "R") - 1.0) < EPS);
    t_belief_range(r, 0, t, "3", "after D", &lo, &hi);
    cr_expect(fabs(lo) < EPS && fabs(hi - 1.0 / 3.0) < EPS, "[%g, %g]", lo, hi);
    t_certified(r);
    cr_expect(strstr(eq_tree_result_selection(r), "only") != NULL, "%s",
              eq_tree_result_selection(r));
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* The refinements need a signalling game; other trees are refused with the
** reason, and the options are refused by other methods. */
Test(pbe, refinement_errors)
{
    eq_tree *t = t_read_efg(FIX "horse.efg");
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_tree_opts_init(&o);
    o.method = EQ_METHOD_PBE;
    o.refine = EQ_REFINE_INTUITIVE;
    cr_expect_eq(eq_tree_solve(t, &o, &r), EQ_ERR_UNSUPPORTED);
    cr_expect(strstr(eq_tree_result_errmsg(r), "needs a signalling game") != NULL, "%s",
              eq_tree_result_errmsg(r));
    cr_expect(strstr(eq_tree_result_errmsg(r), "root is not a chance move") != NULL, "%s",
              eq_tree_result_errmsg(r));
    eq_tree_result_free(r);
    o.method = EQ_METHOD_SPE;
    cr_expect_eq(eq_tree_solve(t, &o, &r), EQ_ERR_UNSUPPORTED);
    cr_expect(strstr(eq_tree_result_errmsg(r), "apply to pbe") != NULL, "%s",
              eq_tree_result_errmsg(r));
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* A tree of 21 binary sets has 2^21 > 1,000,000 pure profiles: refused,
** naming the limit, never truncated. */
Test(pbe, profile_limit)
{
    eq_tree *t = NULL;
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    int v = 0;
    const double zero[1] = { 0.0 };
    cr_assert_eq(eq_tree_new(&t, 1), EQ_OK);
    for (int i = 0; i < 21; i++) {
        int h;
        cr_assert_eq(eq_tree_add_infoset(t, 0, 2, NULL, NULL, &h), EQ_OK);
        cr_assert_eq(eq_tree_make_decision(t, v, h), EQ_OK);
        cr_assert_eq(eq_tree_make_terminal(t, eq_tree_child(t, v, 1), zero), EQ_OK);
        v = eq_tree_child(t, v, 0);
    }
    cr_assert_eq(eq_tree_make_terminal(t, v, zero), EQ_OK);
    cr_assert_eq(eq_tree_finish(t), EQ_OK);
    eq_tree_opts_init(&o);
    o.method = EQ_METHOD_PBE;
    cr_expect_eq(eq_tree_solve(t, &o, &r), EQ_ERR_LIMIT);
    cr_expect(strstr(eq_tree_result_errmsg(r), "PBE_MAX_PROFILES") != NULL, "%s",
              eq_tree_result_errmsg(r));
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* On a strategic-form game the tree methods say they need a tree. */
Test(pbe, strategic_form_refused)
{
    double A[4] = { 1, 0, 0, 1 };
    eq_game *g = t_bimatrix(2, 2, A, A);
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_solve_opts_init(&o);
    o.method = EQ_METHOD_PBE;
    cr_expect_eq(eq_solve(g, &o, &r), EQ_ERR_UNSUPPORTED);
    cr_expect(strstr(eq_result_errmsg(r), "needs a game tree") != NULL, "%s",
              eq_result_errmsg(r));
    eq_result_free(r);
    eq_game_free(g);
}

/* Whether the vertices of equilibrium k's supporting set at the set
** labelled set are exactly want[0..n) (order free), each given in the
** order of the nodes labelled node[0..2]. */
static int same_vertices(const eq_tree_result *r, int k, const eq_tree *t,
                         const char *set, const char *const *node,
                         const double (*want)[3], int n)
{
    int h = t_infoset(t, set), pos[3];
    if (eq_tree_result_belief_vertices(r, k, h) != n)
        return 0;
    for (int i = 0; i < 3; i++)
        pos[i] = t_member(t, h, t_node(t, node[i]));
    for (int w = 0; w < n; w++) {
        int hit = 0;
        for (int j = 0; j < n && !hit; j++) {
            const double *x = eq_tree_result_belief_vertex(r, k, h, j);
            hit = fabs(x[pos[0]] - want[w][0]) < EPS && fabs(x[pos[1]] - want[w][1]) < EPS &&
                  fabs(x[pos[2]] - want[w][2]) < EPS;
        }
        if (!hit)
            return 0;
    }
    return 1;
}

/*
** A receiver set of three nodes off the path (fixture three_types.efg:
** types 1/2, 1/4, 1/4; the receiver earns 1 for naming the type; the
** sender earns 2 for m whatever the answer, and for n 3 if answered r1,
** else 0).
**   If the answer to n is r1, every type sends n (3 > 2), so n is on the
**   path with the prior, whose best reply is r1: an equilibrium for each
**   answer r1, r2, r3 to the unsent m (every answer gives 2).
**   If the answer to n is r2 or r3, no type sends n (0 < 2): all send m,
**   answered r1 (the prior), two more equilibria.  Types splitting would
**   make n's answer r1 (then all prefer n) or r2, r3 (then its senders
**   prefer m).  Five in all.
** The beliefs supporting answer rj are those where j is most likely, the
** polygon with vertices e_j, (e_j + e_i)/2 for the two other i, and the
** centre (1/3, 1/3, 1/3).
*/
Test(pbe, supporting_polygon_of_three_nodes)
{
    eq_tree *t = t_read_efg(FIX "three_types.efg");
    eq_tree_result *r = solve(t, EQ_METHOD_PBE, EQ_REFINE_NONE);
    static const char *const sets[] = { "type 1", "type 2", "type 3", "after n" };
    static const char *const m_r2[] = { "m", "m", "m", "r2" };
    static const char *const nn[] = { "t1, n", "t2, n", "t3, n" };
    static const char *const mm[] = { "t1, m", "t2, m", "t3, m" };
    static const double r2[4][3] = { { 0, 1, 0 }, { 0.5, 0.5, 0 }, { 0, 0.5, 0.5 },
                                     { 1.0 / 3, 1.0 / 3, 1.0 / 3 } };
    static const double r1[4][3] = { { 1, 0, 0 }, { 0.5, 0.5, 0 }, { 0.5, 0, 0.5 },
                                     { 1.0 / 3, 1.0 / 3, 1.0 / 3 } };
    static const char *const sets2[] = { "type 1", "after m" };
    static const char *const n_r1[] = { "n", "r1" };
    int k;

    cr_assert_eq(eq_tree_result_count(r), 5);
    t_certified(r);
    k = t_find_eq(r, t, 4, sets, m_r2);
    cr_assert(k >= 0);
    cr_expect(same_vertices(r, k, t, "after n", nn, r2, 4));
    k = t_find_eq(r, t, 2, sets2, n_r1);
    cr_assert(k >= 0);
    cr_expect(same_vertices(r, k, t, "after m", mm, r1, 4));
    /* The belief on the path is the prior. */
    cr_expect(fabs(eq_tree_result_belief(r, k, t_node(t, "t2, n")) - 0.25) < EPS);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/*
** Declarations in the model language: tests/fixtures/bayes/beer_quiche.game
** (beer-quiche as in the .efg, the receiver's "not" spelled "leave")
** declares "equilibrium pbe", so the model's options are pbe's and give
** the two pooling equilibria above, with weak in [1/2, 1] after the
** unreached breakfast.  "sequential" and "pbe refine intuitive" set the
** method and the refinement; anything else is an error at its file, line
** and column.
*/
Test(pbe, declared_in_the_model)
{
    eq_model *m = NULL;
    eq_diag d;
    eq_tree *t = NULL;
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    double v[2];
    double lo, hi;
    int kb;
    static const char *const sets[] = { "weak", "after_beer", "after_quiche" };
    static const char *const beer[] = { "beer", "leave", "duel" };

    cr_assert_eq(eq_model_read(&m, FIX "beer_quiche.game", &d), EQ_OK, "%d:%d: %s", d.line,
                 d.col, d.message);
    eq_tree_opts_init(&o);
    cr_assert_eq(eq_model_equilibrium(m, &o), 1);
    cr_expect_eq(o.method, EQ_METHOD_PBE);
    cr_expect_eq(o.refine, EQ_REFINE_NONE);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK);
    cr_assert_eq(eq_tree_result_count(r), 2);
    t_certified(r);
    kb = t_find_eq(r, t, 3, sets, beer);
    cr_assert(kb >= 0);
    cr_expect(fabs(eq_tree_result_belief(r, kb, t_node(t, "weak_beer")) - 0.1) < EPS);
    t_belief_range(r, kb, t, "after_quiche", "weak_quiche", &lo, &hi);
    cr_expect(fabs(lo - 0.5) < EPS && fabs(hi - 1.0) < EPS, "[%g, %g]", lo, hi);
    eq_tree_result_free(r);
    eq_tree_free(t);
    eq_model_free(m);
}

static eq_status parse_text(const char *text, eq_model **m, eq_diag *d)
{
    *m = NULL;
    return eq_model_parse(m, text, strlen(text), "decl.game", d);
}

#define DECL_HEAD "game \"g\"\nplayers A B\n"
#define DECL_TREE "node r: A chooses\n  x -> (1, 0)\n  y -> (0, 1)\n"

Test(pbe, declarations_and_their_errors)
{
    static const struct {
        const char *line;     /* the third line of the model */
        int method, refine;   /* -1: an error at line 3, column col */
        int col;
        const char *says;
    } cases[] = {
        { "equilibrium sequential", EQ_METHOD_SEQUENTIAL, EQ_REFINE_NONE, 0, NULL },
        { "equilibrium pbe", EQ_METHOD_PBE, EQ_REFINE_NONE, 0, NULL },
        { "equilibrium pbe refine intuitive", EQ_METHOD_PBE, EQ_REFINE_INTUITIVE, 0, NULL },
        { "equilibrium pbe refine d1", EQ_METHOD_PBE, EQ_REFINE_D1, 0, NULL },
        { "equilibrium spe subgames pure", EQ_METHOD_SPE, EQ_REFINE_NONE, 0, NULL },
        { "equilibrium nash", -1, 0, 13, "must be 'spe', 'sequential' or 'pbe'" },
        { "equilibrium pbe refine d2", -1, 0, 24, "unknown refinement 'd2'" },
        { "equilibrium pbe refine", -1, 0, 23, "refinement" },
        { "equilibrium sequential select welfare", -1, 0, 24,
          "'select' does not apply to sequential" },
        { "equilibrium pbe subgames enum", -1, 0, 17, "'subgames' does not apply to pbe" },
        { "equilibrium sequential refine d1", -1, 0, 24, "'refine' does not apply" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        eq_model *m;
        eq_diag d;
        eq_status s;
        snprintf(text, sizeof text, DECL_HEAD "%s\n" DECL_TREE, cases[i].line);
        s = parse_text(text, &m, &d);
        if (cases[i].method >= 0) {
            eq_tree_opts o;
            cr_assert_eq(s, EQ_OK, "%s: %s", cases[i].line, d.message);
            eq_tree_opts_init(&o);
            cr_expect_eq(eq_model_equilibrium(m, &o), 1, "%s", cases[i].line);
            cr_expect_eq((int)o.method, cases[i].method, "%s", cases[i].line);
            cr_expect_eq((int)o.refine, cases[i].refine, "%s", cases[i].line);
        } else {
            cr_expect_eq(s, EQ_ERR_PARSE, "%s", cases[i].line);
            cr_expect_eq(d.line, 3, "%s: line %d", cases[i].line, d.line);
            cr_expect_eq(d.col, cases[i].col, "%s: col %d", cases[i].line, d.col);
            cr_expect(strstr(d.message, cases[i].says) != NULL, "%s: %s", cases[i].line,
                      d.message);
        }
        eq_model_free(m);
    }
}

/* The file at path, NUL-terminated; the test fails if it cannot be read. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *s;
    long n;
    cr_assert_not_null(f, "%s", path);
    cr_assert_eq(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    cr_assert(n > 0);
    rewind(f);
    s = malloc((size_t)n + 1);
    cr_assert_not_null(s);
    cr_assert_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

/* Solve the model of text at its defaults under the concept it declares;
** *method and *refine are that concept.  Returns the tree, the result in
** *r. */
static eq_tree *solve_declared(const char *text, eq_tree_result **r, int *method, int *refine)
{
    eq_model *m = NULL;
    eq_tree *t = NULL;
    eq_tree_opts o;
    eq_diag d;
    double v[2];
    cr_assert_eq(parse_text(text, &m, &d), EQ_OK, "%d:%d: %s\n%s", d.line, d.col, d.message,
                 text);
    eq_tree_opts_init(&o);
    cr_assert_eq(eq_model_equilibrium(m, &o), 1, "%s", text);
    *method = (int)o.method;
    *refine = (int)o.refine;
    cr_assert(eq_model_params(m) <= 2);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    cr_assert_eq(eq_tree_solve(t, &o, r), EQ_OK);
    eq_model_free(m);
    return t;
}

/*
** convert --to game keeps the concept (eq_tree_write_game_concept): beer-
** quiche declared "equilibrium pbe refine intuitive", written out and read
** back, still declares pbe with the Intuitive Criterion and still has one
** equilibrium, pooling on beer (derived above: the Intuitive Criterion
** removes pooling on quiche, since only the strong type could gain from
** beer).  With "equilibrium pbe" both pooling equilibria survive the trip;
** without a model (a tree from .efg) no concept line is written.
*/
Test(pbe, concept_survives_convert_to_game)
{
    static const char *const sets[] = { "weak", "strong", "after_beer", "after_quiche" };
    static const char *const beer[] = { "beer", "beer", "leave", "duel" };
    static const char *const quiche[] = { "quiche", "quiche", "duel", "leave" };
    static const char *const lines[] = { "equilibrium pbe refine intuitive\n",
                                         "equilibrium pbe\n" };
    char *file = slurp(FIX "beer_quiche.game");
    char *at = strstr(file, "equilibrium pbe\n");
    cr_assert_not_null(at);
    for (int c = 0; c < 2; c++) {
        char *text = malloc(strlen(file) + 64), *out = NULL;
        eq_tree *t, *u;
        eq_tree_result *r, *s;
        eq_model *m = NULL;
        eq_diag d;
        int meth, ref, meth2, ref2, want = c == 0 ? 1 : 2;
        cr_assert_not_null(text);
        memcpy(text, file, (size_t)(at - file));
        strcpy(text + (at - file), lines[c]);
        strcat(text, at + strlen("equilibrium pbe\n"));

        t = solve_declared(text, &r, &meth, &ref);
        cr_expect_eq(meth, EQ_METHOD_PBE);
        cr_expect_eq(ref, c == 0 ? EQ_REFINE_INTUITIVE : EQ_REFINE_NONE);
        cr_assert_eq(eq_tree_result_count(r), want);
        cr_expect(t_find_eq(r, t, 4, sets, beer) >= 0);
        if (c == 1)
            cr_expect(t_find_eq(r, t, 4, sets, quiche) >= 0);

        cr_assert_eq(parse_text(text, &m, &d), EQ_OK);
        cr_assert_eq(eq_tree_write_game_concept(t, m, &out), EQ_OK);
        cr_expect(strstr(out, lines[c]) != NULL, "%s", out);
        u = solve_declared(out, &s, &meth2, &ref2);
        cr_expect_eq(meth2, meth, "%s", out);
        cr_expect_eq(ref2, ref, "%s", out);
        cr_assert_eq(eq_tree_result_count(s), want, "%s", out);
        cr_expect(t_find_eq(s, u, 4, sets, beer) >= 0, "%s", out);
        if (c == 1)
            cr_expect(t_find_eq(s, u, 4, sets, quiche) >= 0, "%s", out);
        eq_free(out);

        /* No model, or none given: no concept line. */
        cr_assert_eq(eq_tree_write_game_concept(t, NULL, &out), EQ_OK);
        cr_expect(strstr(out, "equilibrium") == NULL, "%s", out);
        eq_free(out);

        eq_tree_result_free(s);
        eq_tree_result_free(r);
        eq_tree_free(u);
        eq_tree_free(t);
        eq_model_free(m);
        free(text);
    }
    free(file);
}

/* Every form of the equilibrium line survives eq_tree_write_game_concept:
** the text written holds the line as the writer spells it (spe always with
** its rule), and reads back to the same options. */
Test(pbe, every_concept_line_written)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "equilibrium sequential", "equilibrium sequential\n" },
        { "equilibrium pbe refine d1", "equilibrium pbe refine d1\n" },
        { "equilibrium spe", "equilibrium spe select welfare\n" },
        { "equilibrium spe select first", "equilibrium spe select first\n" },
        { "equilibrium spe subgames pure select player B",
          "equilibrium spe subgames pure select player B\n" },
        { "equilibrium spe subgames correlated coarse select min x",
          "equilibrium spe subgames correlated coarse select min x\n" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512], *out = NULL;
        eq_model *m, *m2;
        eq_tree *t = NULL;
        eq_tree_opts a, b;
        eq_diag d;
        snprintf(text, sizeof text, DECL_HEAD "%s\n" DECL_TREE, cases[i].in);
        cr_assert_eq(parse_text(text, &m, &d), EQ_OK, "%s: %s", cases[i].in, d.message);
        cr_assert_eq(eq_model_instantiate(m, NULL, &t, &d), EQ_OK, "%s", d.message);
        cr_assert_eq(eq_tree_write_game_concept(t, m, &out), EQ_OK);
        cr_expect(strstr(out, cases[i].out) != NULL, "%s", out);
        cr_assert_eq(parse_text(out, &m2, &d), EQ_OK, "%s\n%s", d.message, out);
        eq_tree_opts_init(&a);
        eq_tree_opts_init(&b);
        cr_expect_eq(eq_model_equilibrium(m, &a), 1);
        cr_expect_eq(eq_model_equilibrium(m2, &b), 1, "%s", out);
        cr_expect_eq(a.method, b.method, "%s", out);
        cr_expect_eq(a.refine, b.refine, "%s", out);
        cr_expect_eq(a.subgame_method, b.subgame_method, "%s", out);
        cr_expect_eq(a.coarse, b.coarse, "%s", out);
        cr_expect_eq(a.select, b.select, "%s", out);
        cr_expect_eq(a.select_player, b.select_player, "%s", out);
        if (a.select_action != NULL || b.select_action != NULL)
            cr_expect(a.select_action && b.select_action &&
                      strcmp(a.select_action, b.select_action) == 0, "%s", out);
        eq_free(out);
        eq_tree_free(t);
        eq_model_free(m2);
        eq_model_free(m);
    }
}
