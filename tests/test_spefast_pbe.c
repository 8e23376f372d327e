/* test_spefast_pbe.c -- the sensitivity engine's fast path (spefast.c)
** with pbe as spe's subgame method: on every point of a sweep grid it
** gives eq_tree_solve's result to the last bit (profile, reach, payoffs,
** regret, beliefs, supporting sets, certificates, selection text), and
** the kept equilibrium is the one derived by hand (derivations: the
** comments below, tests/test_pbe_stage.c, tests/test_security_resolve.c
** and models/TYPES.md, "Resolve as a private type"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"
#include "spefast.h"

#define EPS 1e-9

/* Whether doubles x and y are the same bits (NaN included). */
static int same(double x, double y)
{
    return memcmp(&x, &y, sizeof x) == 0;
}

/*
** Expect the fast result q and eq_tree_solve's r on t to be the same:
** everything the public accessors give, compared as exact doubles.
*/
static void expect_same(const eq_tree *t, const eq_tree_result *q, const eq_tree_result *r,
                        const char *where)
{
    int n = eq_tree_players(t);
    cr_assert_eq(eq_tree_result_count(q), eq_tree_result_count(r), "%s", where);
    cr_expect_eq(eq_tree_result_solution(q), eq_tree_result_solution(r), "%s", where);
    cr_expect_str_eq(eq_tree_result_selection(q), eq_tree_result_selection(r), "%s", where);
    for (int k = 0; k < eq_tree_result_count(r); k++) {
        for (int h = 0; h < eq_tree_infosets(t); h++) {
            const double *a = eq_tree_result_behaviour(q, k, h);
            const double *b = eq_tree_result_behaviour(r, k, h);
            int nv = eq_tree_result_belief_vertices(r, k, h);
            for (int i = 0; i < eq_tree_infoset_actions(t, h); i++)
                cr_assert(same(a[i], b[i]), "%s: set %d action %d: %.17g vs %.17g", where, h,
                          i, a[i], b[i]);
            cr_assert_eq(eq_tree_result_reached(q, k, h), eq_tree_result_reached(r, k, h),
                         "%s: set %d", where, h);
            cr_assert(same(eq_tree_result_infoset_reach(q, k, h),
                           eq_tree_result_infoset_reach(r, k, h)), "%s: set %d", where, h);
            cr_assert_eq(eq_tree_result_belief_vertices(q, k, h), nv, "%s: set %d", where, h);
            for (int j = 0; j < nv; j++)
                for (int i = 0; i < eq_tree_infoset_members(t, h); i++)
                    cr_assert(same(eq_tree_result_belief_vertex(q, k, h, j)[i],
                                   eq_tree_result_belief_vertex(r, k, h, j)[i]),
                              "%s: set %d vertex %d", where, h, j);
        }
        for (int v = 0; v < eq_tree_nodes(t); v++) {
            cr_assert(same(eq_tree_result_reach(q, k, v), eq_tree_result_reach(r, k, v)),
                      "%s: node %d", where, v);
            cr_assert(same(eq_tree_result_belief(q, k, v), eq_tree_result_belief(r, k, v)),
                      "%s: belief at node %d: %.17g vs %.17g", where, v,
                      eq_tree_result_belief(q, k, v), eq_tree_result_belief(r, k, v));
        }
        for (int p = 0; p < n; p++)
            cr_assert(same(eq_tree_result_payoff(q, k, p), eq_tree_result_payoff(r, k, p)),
                      "%s: payoff %d", where, p);
        cr_assert(same(eq_tree_result_regret(q, k), eq_tree_result_regret(r, k)), "%s", where);
        cr_assert(same(eq_tree_result_seq_regret(q, k), eq_tree_result_seq_regret(r, k)),
                  "%s", where);
        cr_assert(same(eq_tree_result_bayes_gap(q, k), eq_tree_result_bayes_gap(r, k)),
                  "%s", where);
    }
}

/* A fast path for t under o, prepared (again when *f does not fit t),
** and a result for it in *q. */
static void prepare(eqi_spefast **f, eq_tree_result **q, const eq_tree *t,
                    const eq_tree_opts *o)
{
    cr_assert(eqi_spefast_applies(t, o), "the fast path must take this tree");
    if (*f != NULL && eqi_spefast_matches(*f, t, o))
        return;
    eqi_spefast_free(*f);
    eq_tree_result_free(*q);
    cr_assert_eq(eqi_spefast_new(t, o, f), EQ_OK);
    *q = eqi_tree_result_new(t, EQ_METHOD_SPE);
    cr_assert_not_null(*q);
}

/* Solve t under o both ways into *q (the fast path, reused) and a new
** result of eq_tree_solve (returned), and expect them the same. */
static eq_tree_result *both(eqi_spefast **f, eq_tree_result **q, const eq_tree *t,
                            const eq_tree_opts *o, const char *where)
{
    eq_tree_result *r = NULL;
    prepare(f, q, t, o);
    cr_assert_eq(eqi_spefast_solve(*f, t, *q), EQ_OK, "%s: %s", where,
                 eq_tree_result_errmsg(*q));
    cr_assert_eq(eq_tree_solve(t, o, &r), EQ_OK, "%s: %s", where,
                 r ? eq_tree_result_errmsg(r) : "");
    expect_same(t, *q, r, where);
    return r;
}

/* ---- a guarantee above a test stage ------------------------------------ */

static const char *const SETS[] = { "offer", "strong", "weak", "after test" };
static const char *const OUT_TEST[] = { "none", "test", "test", "abandon" };
static const char *const IN_QUIET[] = { "guarantee", "quiet", "quiet", "honour" };

/*
** The two trees of tests/test_pbe_stage.c, one solve each (derivations
** there): guarantee_threat.efg, where pure stages keep (guarantee; Q, Q,
** H) and pbe stages drop it for (none; T, T, A), payoffs (1/2, -1), the
** test set's belief 1/4 by Bayes' rule in the stage; guarantee_belief.efg,
** where both keep (guarantee; Q, Q, H), payoffs (0, 0), the supporting set
** P(strong) in [0, 1/2].
*/
Test(spefast_pbe, test_pbe_stage_trees)
{
    const char *files[] = { "guarantee_threat.efg", "guarantee_belief.efg" };
    for (int i = 0; i < 2; i++) {
        char path[512];
        eq_tree *t;
        eqi_spefast *f = NULL;
        eq_tree_result *q = NULL, *r;
        eq_tree_opts o;
        double lo, hi;
        snprintf(path, sizeof path, "%s/bayes/%s", EQ_FIXTURES, files[i]);
        t = t_read_efg(path);
        eq_tree_opts_init(&o);
        o.subgame_method = EQ_METHOD_PBE;
        r = both(&f, &q, t, &o, files[i]);
        cr_assert_eq(eq_tree_result_count(q), 1);
        if (i == 0) {
            int h = t_infoset(t, "after test");
            int v = t_node(t, "strong, test");
            cr_expect_eq(t_find_eq(q, t, 4, SETS, OUT_TEST), 0);
            cr_expect(fabs(eq_tree_result_payoff(q, 0, 0) - 0.5) < EPS);
            cr_expect(fabs(eq_tree_result_payoff(q, 0, 1) + 1.0) < EPS);
            cr_expect_eq(eq_tree_result_reached(q, 0, h), 0);
            cr_expect(fabs(eq_tree_result_belief(q, 0, v) - 0.25) < EPS);
        } else {
            cr_expect_eq(t_find_eq(q, t, 4, SETS, IN_QUIET), 0);
            cr_expect(fabs(eq_tree_result_payoff(q, 0, 0)) < EPS);
            cr_expect(fabs(eq_tree_result_payoff(q, 0, 1)) < EPS);
            t_belief_range(q, 0, t, "after test", "strong, test", &lo, &hi);
            cr_expect(fabs(lo) < EPS && fabs(hi - 0.5) < EPS, "[%g, %g]", lo, hi);
        }
        t_certified(q);
        eq_tree_result_free(r);
        eq_tree_result_free(q);
        eqi_spefast_free(f);
        eq_tree_free(t);
    }
}

/*
** tests/fixtures/game/guarantee_stage.game over its parameter honour_weak
** = w (the West's payoff from honouring against a weak Russia), from -4 to
** 1 by 1/4.  By hand (the stage's cases as in tests/test_pbe_stage.c):
** when both types test, the test set is reached with P(strong) = 1/4 and
** honouring pays -1 + 3w/4 against -2 for abandoning, so (T, T, A) is an
** equilibrium of the stage iff w <= -4/3 (pure and pbe alike).  (Q, Q, H)
** leaves the set unreached: a pure Nash equilibrium of the stage for
** every w; a weak PBE iff some belief mu = P(strong) makes honouring
** (-4 mu + w (1 - mu)) at least -2, i.e. iff w >= -2, the supporting set
** mu in [0, (w + 2) / (w + 4)].  The profiles where one type tests are no
** equilibrium (the other type, or the tester, gains).  Welfare (the
** model's rule) prefers (Q, Q, H) (0 + 0) to (T, T, A) (5/4 - 2) in the
** stage; at the root the West offers the guarantee against (Q, Q, H) (0 >
** -1) and none against (T, T, A) (-2 < -1).  So:
**   pure stages: (guarantee; Q, Q, H), payoffs (0, 0), for every w;
**   pbe stages:  the same for w >= -2, with the supporting set above;
**                (none; T, T, A), payoffs (1/2, -1), for w < -2, the test
**                set's belief 1/4 (Bayes' rule given the stage's root).
** With the selection by Russia's payoff the stage keeps (T, T, A) (5/4 >
** 0) wherever it exists: none for w <= -4/3, the guarantee above, for
** pure and pbe stages alike (w = -1.5 and -1.25 lie on either side).
*/
Test(spefast_pbe, guarantee_stage_sweep)
{
    eq_model *m = NULL;
    eq_tree *t = NULL;
    eq_diag d;
    double v[8];
    int iw, none_seen = 0, guarantee_seen = 0;
    cr_assert_eq(eq_model_read(&m, EQ_FIXTURES "/game/guarantee_stage.game", &d), EQ_OK,
                 "%s", d.message);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    iw = eq_model_param_index(m, "honour_weak");
    cr_assert_geq(iw, 0);
    for (int rule = 0; rule < 2; rule++)
        for (int sub = 0; sub < 2; sub++) {
            eqi_spefast *f = NULL;
            eq_tree_result *q = NULL;
            eq_tree_opts o;
            eq_tree_opts_init(&o);
            eq_model_equilibrium(m, &o);
            cr_assert_eq(o.subgame_method, EQ_METHOD_PBE);
            if (sub == 1)
                o.subgame_method = EQ_METHOD_PURE;
            if (rule == 1) {
                o.select = EQ_SELECT_PLAYER;
                o.select_player = 0;    /* Russia */
            }
            for (int i = 0; i <= 20; i++) {
                double w = -4.0 + 0.25 * i;
                int want_none = rule == 0 ? (sub == 0 && w < -2.0) : w <= -4.0 / 3.0;
                char where[96];
                eq_tree_result *r;
                v[iw] = w;
                cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
                snprintf(where, sizeof where, "%s stages, rule %d, honour_weak %g",
                         sub == 0 ? "pbe" : "pure", rule, w);
                r = both(&f, &q, t, &o, where);
                cr_assert_eq(eq_tree_result_count(q), 1, "%s", where);
                if (want_none) {
                    none_seen++;
                    cr_expect_eq(t_find_eq(q, t, 4, SETS, OUT_TEST), 0, "%s", where);
                    cr_expect(fabs(eq_tree_result_payoff(q, 0, 0) - 0.5) < EPS, "%s", where);
                    cr_expect(fabs(eq_tree_result_payoff(q, 0, 1) + 1.0) < EPS, "%s", where);
                    if (sub == 0)
                        cr_expect(fabs(eq_tree_result_belief(q, 0, t_node(t, "strong_test")) -
                                       0.25) < EPS, "%s", where);
                } else {
                    guarantee_seen++;
                    cr_expect_eq(t_find_eq(q, t, 4, SETS, IN_QUIET), 0, "%s", where);
                    cr_expect(fabs(eq_tree_result_payoff(q, 0, 0)) < EPS, "%s", where);
                    cr_expect(fabs(eq_tree_result_payoff(q, 0, 1)) < EPS, "%s", where);
                    if (sub == 0) {
                        double lo, hi;
                        t_belief_range(q, 0, t, "after test", "strong_test", &lo, &hi);
                        cr_expect(fabs(lo) < EPS && fabs(hi - (w + 2) / (w + 4)) < EPS,
                                  "%s: [%g, %g]", where, lo, hi);
                    }
                }
                if (sub == 0)
                    t_certified(q);     /* pbe's assessment certificates */
                eq_tree_result_free(r);
            }
            eq_tree_result_free(q);
            eqi_spefast_free(f);
        }
    /* Both regimes were met under each rule and both kinds of stage but
    ** one (pure stages under welfare keep the guarantee throughout). */
    cr_expect_eq(none_seen, 8 + 11 + 11);
    cr_expect_eq(guarantee_seen, 4 * 21 - none_seen);
    eq_tree_free(t);
    eq_model_free(m);
}

/* ---- models/security_resolve.game under spe with pbe stages ------------ */

/* Whether equilibrium k of r plays action a with probability 1 at the set
** labelled set. */
static int plays(const eq_tree_result *r, int k, const eq_tree *t, const char *set,
                 const char *a)
{
    return fabs(t_behaviour(r, k, t, set, a) - 1.0) < EPS;
}

/* Whether equilibrium ka of a has the behaviour of equilibrium kb of b. */
static int same_profile(const eq_tree *t, const eq_tree_result *a, int ka,
                        const eq_tree_result *b, int kb)
{
    for (int h = 0; h < eq_tree_infosets(t); h++)
        for (int i = 0; i < eq_tree_infoset_actions(t, h); i++)
            if (fabs(eq_tree_result_behaviour(a, ka, h)[i] -
                     eq_tree_result_behaviour(b, kb, h)[i]) > EPS)
                return 0;
    return 1;
}

/*
** models/security_resolve.game with -m spe --sub pbe (the model declares
** pbe on the whole tree), its prior p_resolute = p from 0.05 to 0.95 by
** 0.05, the other parameters at their defaults, for both russia_resolve.
** Known (one-sided): by hand (tests/test_security_resolve.c's summary of
** models/TYPES.md, "Resolve as a private type"; case i, t_R = 0.05 <= A
** = 3/14, t_I = 0.1 > B = 3/35), the pure weak PBEs are S1 (the resolute
** West stations the tripwire, the irresolute not; Russia accepts after
** the tripwire, tests without it) for every p and P1 (neither stations,
** Russia accepts) iff p >= 1/3; spe + pbe has the same set
** (tests/test_pbe_stage.c).  So below 1/3 S1 alone; above, welfare keeps
** P1: against S1 it saves the resolute type its troops (t_R = 0.05) and
** spares the irresolute type's test, where Russia's loss lam (q0 - c_R -
** held + blk) = 1/14 is less than the West's gain B = 3/35 and Ukraine's
** lam (q0 + ukraine_cost - held) = 1/8 (lam = 5/14).  P1 pays Russia
** held - blk = 0.1, Ukraine 1 - held = 0.8, the West -member_cost = -0.02.
** S1 pays the West p (-0.02 - 0.05) + (1 - p)(-0.02 - lam 0.1 - 0.05).
** Private (two-sided): the root is the only subgame, so its stage is the
** whole tree and the kept equilibrium is one of whole-tree pbe's.
*/
Test(spefast_pbe, security_resolve_prior_sweep)
{
    eq_model *m = NULL;
    eq_diag d;
    double v[64];
    int ip, ir, s1_seen = 0, p1_seen = 0;
    const double lam = 5.0 / 14.0;
    cr_assert_eq(eq_model_read(&m, EQ_MODELS "/security_resolve.game", &d), EQ_OK, "%s",
                 d.message);
    cr_assert(eq_model_params(m) <= 64);
    ip = eq_model_param_index(m, "p_resolute");
    ir = eq_model_param_index(m, "russia_resolve");
    cr_assert(ip >= 0 && ir >= 0);
    for (int choice = 0; choice <= 1; choice++) {
        eqi_spefast *f = NULL;
        eq_tree_result *q = NULL;
        eq_tree *t = NULL;
        eq_tree_opts o;
        eq_tree_opts_init(&o);
        eq_model_equilibrium(m, &o);
        o.method = EQ_METHOD_SPE;
        o.subgame_method = EQ_METHOD_PBE;
        cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
        v[ir] = choice;
        for (int i = 1; i <= 19; i++) {
            double p = 0.05 * i;
            char where[96];
            eq_tree_result *r;
            v[ip] = p;
            cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
            snprintf(where, sizeof where, "russia_resolve %d, p_resolute %g", choice, p);
            cr_expect_eq(eq_tree_subgames(t), choice == 0 ? 5 : 1, "%s", where);
            r = both(&f, &q, t, &o, where);
            cr_assert_eq(eq_tree_result_count(q), 1, "%s", where);
            t_certified(q);
            if (choice == 0 && p < 1.0 / 3.0) {
                s1_seen++;
                cr_expect(plays(q, 0, t, "resolute West signals", "tripwire") &&
                          plays(q, 0, t, "irresolute West signals", "no_tripwire") &&
                          plays(q, 0, t, "Russia, no tripwire", "test") &&
                          plays(q, 0, t, "Russia, tripwire", "accept"), "%s: not S1", where);
                cr_expect(fabs(eq_tree_result_payoff(q, 0, 2) -
                               (p * -0.07 + (1 - p) * (-0.07 - lam * 0.1))) < EPS, "%s",
                          where);
            } else if (choice == 0) {
                p1_seen++;
                cr_expect(plays(q, 0, t, "resolute West signals", "no_tripwire") &&
                          plays(q, 0, t, "irresolute West signals", "no_tripwire") &&
                          plays(q, 0, t, "Russia, no tripwire", "accept"), "%s: not P1",
                          where);
                cr_expect(fabs(eq_tree_result_payoff(q, 0, 0) - 0.1) < EPS, "%s", where);
                cr_expect(fabs(eq_tree_result_payoff(q, 0, 1) - 0.8) < EPS, "%s", where);
                cr_expect(fabs(eq_tree_result_payoff(q, 0, 2) + 0.02) < EPS, "%s", where);
            } else {
                eq_tree_opts w;
                eq_tree_result *whole = NULL;
                int found = 0;
                eq_tree_opts_init(&w);
                w.method = EQ_METHOD_PBE;
                w.all = 1;
                cr_assert_eq(eq_tree_solve(t, &w, &whole), EQ_OK);
                for (int k = 0; k < eq_tree_result_count(whole) && !found; k++)
                    found = same_profile(t, q, 0, whole, k);
                cr_expect(found, "%s: not one of pbe's equilibria", where);
                eq_tree_result_free(whole);
            }
            eq_tree_result_free(r);
        }
        eq_tree_result_free(q);
        eqi_spefast_free(f);
        eq_tree_free(t);
    }
    cr_expect_eq(s1_seen, 6);   /* p = 0.05 .. 0.30 */
    cr_expect_eq(p1_seen, 13);
    eq_model_free(m);
}

/*
** The sweep's own route: eq_point_solve on guarantee_stage.game (spe with
** pbe stages, as the model declares) over the grid of honour_weak above;
** the point's result, which its measures read, is eq_tree_solve's, and
** the regimes are the hand-derived ones (none below -2, the guarantee
** from -2 on).
*/
Test(spefast_pbe, point_solve_matches_eq_tree_solve)
{
    eq_model *m = NULL;
    eq_analysis *a = NULL;
    eq_point *pt = NULL;
    eq_tree *t = NULL;
    eq_tree_opts o;
    eq_diag d;
    double v[8];
    int iw;
    cr_assert_eq(eq_model_read(&m, EQ_FIXTURES "/game/guarantee_stage.game", &d), EQ_OK,
                 "%s", d.message);
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    cr_assert_eq(eq_point_new(&pt, m), EQ_OK);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    eq_tree_opts_init(&o);
    eq_model_equilibrium(m, &o);
    iw = eq_model_param_index(m, "honour_weak");
    for (int i = 0; i <= 20; i++) {
        double w = -4.0 + 0.25 * i;
        char where[64];
        eq_tree_result *r = NULL;
        const eq_tree_result *q;
        v[iw] = w;
        snprintf(where, sizeof where, "honour_weak %g", w);
        cr_assert_eq(eq_point_solve(pt, a, v), EQ_OK, "%s", where);
        cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
        cr_assert(eqi_spefast_applies(t, &o), "%s", where);
        cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK);
        q = eq_point_result(pt);
        cr_assert_not_null(q);
        expect_same(t, q, r, where);
        cr_assert_eq(eq_tree_result_count(q), 1, "%s", where);
        cr_expect_eq(t_find_eq(q, t, 4, SETS, w < -2.0 ? OUT_TEST : IN_QUIET), 0, "%s",
                     where);
        cr_expect(!(eq_point_flags(pt) & EQ_FLAG_NONE), "%s", where);
        eq_tree_result_free(r);
    }
    eq_tree_free(t);
    eq_point_free(pt);
    eq_analysis_free(a);
    eq_model_free(m);
}

/*
** pbe as the subgame method of a tree with perfect information
** (tests/fixtures/bayes/perfect.efg): no stage, but eq_tree_solve still
** gives the equilibrium pbe's beliefs off the path, and so must the fast
** path.  By backward induction: after l player 1 takes a (3 > 0); player
** 2 then takes r (3 > 1); player 1 takes Out (2 > 1): (Out, r, a),
** payoffs (2, 2).  Player 2's set and player 1's second are unreached
** singletons: belief 1 at their one node.
*/
Test(spefast_pbe, perfect_information_gets_beliefs)
{
    eq_tree *t = t_read_efg(EQ_FIXTURES "/bayes/perfect.efg");
    eqi_spefast *f = NULL;
    eq_tree_result *q = NULL, *r;
    eq_tree_opts o;
    eq_tree_opts_init(&o);
    o.subgame_method = EQ_METHOD_PBE;
    r = both(&f, &q, t, &o, "perfect.efg");
    cr_assert_eq(eq_tree_result_count(q), 1);
    cr_expect(fabs(t_behaviour(q, 0, t, "1 first", "Out") - 1.0) < EPS);
    cr_expect(fabs(t_behaviour(q, 0, t, "2", "r") - 1.0) < EPS);
    cr_expect(fabs(t_behaviour(q, 0, t, "1 second", "a") - 1.0) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(q, 0, 0) - 2.0) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(q, 0, 1) - 2.0) < EPS);
    cr_expect_eq(eq_tree_result_reached(q, 0, t_infoset(t, "2")), 0);
    cr_expect(fabs(eq_tree_result_belief(q, 0, t_node(t, "after In")) - 1.0) < EPS);
    cr_expect(fabs(eq_tree_result_belief(q, 0, t_node(t, "after In, l")) - 1.0) < EPS);
    t_certified(q);
    eq_tree_result_free(r);
    eq_tree_result_free(q);
    eqi_spefast_free(f);
    eq_tree_free(t);
}

/*
** A stage without a pure weak PBE (tests/fixtures/bayes/pennies_stage.efg:
** matching pennies after player 2's outside option).  In the pennies a
** pure profile has a mismatch for 2 (who then guesses the other way; the
** set is reached, its belief the one 1 plays) or a match for 1 (who then
** shows the other face), so no pure profile is a weak PBE, nor a Nash
** equilibrium.  spe then finds no equilibrium, and says where: the fast
** path must give the same answer and text.
*/
Test(spefast_pbe, stage_without_a_pure_pbe)
{
    eq_tree *t = t_read_efg(EQ_FIXTURES "/bayes/pennies_stage.efg");
    eqi_spefast *f = NULL;
    eq_tree_result *q = NULL, *r;
    eq_tree_opts o;
    eq_tree_opts_init(&o);
    o.subgame_method = EQ_METHOD_PBE;
    r = both(&f, &q, t, &o, "pennies_stage.efg");
    cr_expect_eq(eq_tree_result_count(q), 0);
    cr_expect_eq(eq_tree_result_solution(q), EQ_SOL_NONE);
    cr_expect(strstr(eq_tree_result_selection(q), "method 'pbe' found no equilibrium in the "
                     "subgame at node 2 ('pennies')") != NULL, "%s",
              eq_tree_result_selection(q));
    eq_tree_result_free(r);
    eq_tree_result_free(q);
    eqi_spefast_free(f);
    eq_tree_free(t);
}
