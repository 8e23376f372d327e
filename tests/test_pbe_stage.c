/* test_pbe_stage.c -- spe with pbe as its subgame method: in every
** subgame a pure weak perfect Bayesian equilibrium of the remainder, with
** the beliefs of pbe off the path.  Every expected set, belief and
** threshold is derived by hand in the comments. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"
#include "spefast.h"

#define FIX EQ_FIXTURES "/bayes/"
#define EPS 1e-9

/* Every equilibrium of t by method m (spe: with subgame method sub). */
static eq_tree_result *solve(const eq_tree *t, eq_method m, int sub)
{
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_tree_opts_init(&o);
    o.method = m;
    o.all = 1;
    if (sub >= 0)
        o.subgame_method = (eq_method)sub;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s",
                 r ? eq_tree_result_errmsg(r) : "no result");
    return r;
}

static const char *const SETS[] = { "offer", "strong", "weak", "after test" };
static const char *const OUT_TEST[] = { "none", "test", "test", "abandon" };
static const char *const IN_QUIET[] = { "guarantee", "quiet", "quiet", "honour" };

/*
** guarantee_threat.efg.  The West offers a guarantee or not (none: Russia
** 1/2, West -1).  Under the guarantee (a subgame: the stage), chance draws
** Russia strong (1/4) or weak (3/4); each type tests or stays quiet
** (0, 0); the West, seeing the test but not the type, honours (strong:
** -1, -4; weak: -3, -3) or abandons (strong: 2, -2; weak: 1, -2).
**
** The stage's pure Nash equilibria.  West abandons: both types test
** (2 > 0, 1 > 0); the test set is reached with P(strong) = 1/4, and
** abandoning (-2) beats honouring (-4/4 - 3 * 3/4 = -13/4): (T, T, A),
** payoffs (1/4 * 2 + 3/4 * 1, -2) = (5/4, -2).  West honours: both types
** stay quiet (-1 < 0, -3 < 0), the test set is unreached and Nash asks
** nothing there: (Q, Q, H), payoffs (0, 0).  With a mixed type profile
** (one tests) the tester gains by switching.  So two.
** The stage's pure weak PBE: at the test set honouring pays -4 mu - 3 (1
** - mu) = -3 - mu <= -3 < -2 for every belief mu = P(strong), so (Q, Q,
** H) has no supporting belief: only (T, T, A).
** The root: against (Q, Q, H) the guarantee pays the West 0 > -1; against
** (T, T, A) -2 < -1, so none.
**   --sub pure: { (guarantee; Q, Q, H), (none; T, T, A) }
**   --sub pbe:  { (none; T, T, A) }: the guarantee of the first rested
**               on a threat no belief justifies.
** Beliefs of (none; T, T, A): the stage is off the path but reaches the
** test set, so Bayes' rule given the stage's root: P(strong) = 1/4.
** Whole-tree pbe: (none; T, T, A) again, and nothing else: the Russian
** sets are singletons, so each type must reply best to the West's action
** (H: quiet, A: test); (x; Q, Q, H) fails at the test set as above; and
** (guarantee; T, T, A) gives the West -2 < -1.
*/
Test(pbe_stage, threat_rejected_by_pbe_stages)
{
    eq_tree *t = t_read_efg(FIX "guarantee_threat.efg");
    eq_tree_result *pure = solve(t, EQ_METHOD_SPE, EQ_METHOD_PURE);
    eq_tree_result *st = solve(t, EQ_METHOD_SPE, EQ_METHOD_PBE);
    eq_tree_result *whole = solve(t, EQ_METHOD_PBE, -1);
    int h = t_infoset(t, "after test");
    int is = t_member(t, h, t_node(t, "strong, test"));
    int iw = t_member(t, h, t_node(t, "weak, test"));

    cr_expect_eq(eq_tree_subgames(t), 2);
    cr_expect_eq(eq_tree_result_count(pure), 2);
    cr_expect_geq(t_find_eq(pure, t, 4, SETS, OUT_TEST), 0);
    cr_expect_geq(t_find_eq(pure, t, 4, SETS, IN_QUIET), 0);

    cr_assert_eq(eq_tree_result_count(st), 1);
    cr_expect_eq(t_find_eq(st, t, 4, SETS, OUT_TEST), 0);
    cr_expect_eq(eq_tree_result_reached(st, 0, h), 0);
    cr_expect(fabs(eq_tree_result_belief(st, 0, eq_tree_infoset_member(t, h, is)) - 0.25) < EPS);
    cr_expect(fabs(eq_tree_result_belief(st, 0, eq_tree_infoset_member(t, h, iw)) - 0.75) < EPS);
    /* Reached within its stage: Bayes' rule, no supporting set. */
    cr_expect_eq(eq_tree_result_belief_vertices(st, 0, h), 0);
    cr_expect(fabs(eq_tree_result_payoff(st, 0, 0) - 0.5) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(st, 0, 1) + 1.0) < EPS);
    t_certified(st);

    cr_assert_eq(eq_tree_result_count(whole), 1);
    cr_expect_eq(t_find_eq(whole, t, 4, SETS, OUT_TEST), 0);
    eq_tree_result_free(pure);
    eq_tree_result_free(st);
    eq_tree_result_free(whole);
    eq_tree_free(t);
}

/*
** guarantee_belief.efg: the same, but honouring against a weak Russia pays
** the West 0.  At the test set with mu = P(strong), honour pays -4 mu,
** abandon -2: honour iff mu <= 1/2.
** Stage Nash: West abandons: both test; the set is reached with mu = 1/4
** and honour (-1) beats abandon (-2): not an equilibrium.  West honours:
** both quiet (as before): (Q, Q, H), unreached test set.  So one, and a
** weak PBE with the supporting beliefs mu in [0, 1/2].
** Root: guarantee (0 > -1).  Both --sub pure and --sub pbe: { (guarantee;
** Q, Q, H) }; its belief at the test set is one supporting belief, the
** supporting set the interval P(strong) in [0, 1/2].
** Whole-tree pbe finds one more: (none; T, T, A).  The stage is off the
** path, so weak PBE leaves the test set's belief free, and mu in [1/2, 1]
** makes abandoning optimal; the Russian types reply best to A.  It is not
** subgame perfect: in the stage the test set is reached with mu = 1/4,
** where honouring is better.  So spe + pbe gives a proper subset of pbe.
*/
Test(pbe_stage, supporting_interval_off_the_path)
{
    eq_tree *t = t_read_efg(FIX "guarantee_belief.efg");
    eq_tree_result *pure = solve(t, EQ_METHOD_SPE, EQ_METHOD_PURE);
    eq_tree_result *st = solve(t, EQ_METHOD_SPE, EQ_METHOD_PBE);
    eq_tree_result *whole = solve(t, EQ_METHOD_PBE, -1);
    int h = t_infoset(t, "after test"), v = t_node(t, "strong, test"), kw;
    double lo, hi, b;

    cr_expect_eq(eq_tree_result_count(pure), 1);
    cr_expect_eq(t_find_eq(pure, t, 4, SETS, IN_QUIET), 0);
    cr_assert_eq(eq_tree_result_count(st), 1);
    cr_expect_eq(t_find_eq(st, t, 4, SETS, IN_QUIET), 0);
    cr_expect_eq(eq_tree_result_reached(st, 0, h), 0);
    t_belief_range(st, 0, t, "after test", "strong, test", &lo, &hi);
    cr_expect(fabs(lo) < EPS && fabs(hi - 0.5) < EPS, "[%g, %g]", lo, hi);
    b = eq_tree_result_belief(st, 0, v);
    cr_expect(b >= -EPS && b <= 0.5 + EPS, "%g", b);
    cr_expect(fabs(b + eq_tree_result_belief(st, 0, t_node(t, "weak, test")) - 1.0) < EPS);
    t_certified(st);

    cr_assert_eq(eq_tree_result_count(whole), 2);
    cr_expect_geq(t_find_eq(whole, t, 4, SETS, IN_QUIET), 0);
    kw = t_find_eq(whole, t, 4, SETS, OUT_TEST);
    cr_assert_geq(kw, 0);
    t_belief_range(whole, kw, t, "after test", "strong, test", &lo, &hi);
    cr_expect(fabs(lo - 0.5) < EPS && fabs(hi - 1.0) < EPS, "[%g, %g]", lo, hi);
    eq_tree_result_free(pure);
    eq_tree_result_free(st);
    eq_tree_result_free(whole);
    eq_tree_free(t);
}

/* The tree of models/security_resolve.game at its defaults, with
** russia_resolve set to choice (0 known, 1 private). */
static eq_tree *resolve_tree(int choice)
{
    eq_model *m = NULL;
    eq_tree *t = NULL;
    eq_diag d;
    double v[64];
    cr_assert_eq(eq_model_read(&m, EQ_MODELS "/security_resolve.game", &d), EQ_OK, "%s",
                 d.message);
    cr_assert(eq_model_params(m) <= 64);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    v[eq_model_param_index(m, "russia_resolve")] = choice;
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    eq_model_free(m);
    return t;
}

/* Whether equilibria ka of a and kb of b have the same behaviour and the
** same beliefs at every decision node (and the same supporting sets). */
static int same_assessment(const eq_tree *t, const eq_tree_result *a, int ka,
                           const eq_tree_result *b, int kb)
{
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        const double *x = eq_tree_result_behaviour(a, ka, h);
        const double *y = eq_tree_result_behaviour(b, kb, h);
        int nv = eq_tree_result_belief_vertices(a, ka, h);
        for (int i = 0; i < eq_tree_infoset_actions(t, h); i++)
            if (fabs(x[i] - y[i]) > EPS)
                return 0;
        for (int i = 0; i < eq_tree_infoset_members(t, h); i++) {
            int v = eq_tree_infoset_member(t, h, i);
            if (fabs(eq_tree_result_belief(a, ka, v) - eq_tree_result_belief(b, kb, v)) > 1e-7)
                return 0;
        }
        /* A stage that reaches the set fixes its belief by Bayes' rule,
        ** and spe + pbe gives no supporting set there; pbe gives one at
        ** every unreached set: the same where both give one, and only a
        ** singleton's (its one belief) where spe + pbe gives none. */
        if (nv == 0 && eq_tree_result_belief_vertices(b, kb, h) != 0) {
            if (eq_tree_infoset_members(t, h) != 1 ||
                eq_tree_result_belief_vertices(b, kb, h) != 1)
                return 0;
            continue;
        }
        if (nv != eq_tree_result_belief_vertices(b, kb, h))
            return 0;
        for (int j = 0; j < nv; j++)
            for (int i = 0; i < eq_tree_infoset_members(t, h); i++)
                if (fabs(eq_tree_result_belief_vertex(a, ka, h, j)[i] -
                         eq_tree_result_belief_vertex(b, kb, h, j)[i]) > 1e-7)
                    return 0;
    }
    return 1;
}

/*
** models/security_resolve.game.  One-sided (russia_resolve = known): the
** proper subgames are the root and the four tested West nodes, singletons
** (the West knows its type and its signal) with two terminal children.
** A weak PBE must be a best reply at a singleton set whatever the belief
** (it is 1), which is backward induction there; the remainder (chance, the
** signals, Russia's two-node sets) is then the same problem for pbe and
** for spe's root stage with those nodes replaced by their values.  So the
** two sets are equal, beliefs and supporting sets included (the Russian
** sets are in the root's stage, whose root is the tree's root).
** Two-sided (private): the tested West sets pair the two Russian types, so
** the root is the only subgame and spe + pbe is pbe on the whole tree.
** (The sets themselves, S1 and P1 one-sided, are derived in
** models/README.md and checked by test_security_resolve.c.)
*/
Test(pbe_stage, security_resolve_same_sets_as_pbe)
{
    for (int choice = 0; choice <= 1; choice++) {
        eq_tree *t = resolve_tree(choice);
        eq_tree_result *st = solve(t, EQ_METHOD_SPE, EQ_METHOD_PBE);
        eq_tree_result *whole = solve(t, EQ_METHOD_PBE, -1);
        int n = eq_tree_result_count(whole);
        cr_expect_eq(eq_tree_subgames(t), choice == 0 ? 5 : 1);
        cr_expect_gt(n, 0);
        cr_assert_eq(eq_tree_result_count(st), n, "russia_resolve %d", choice);
        for (int k = 0; k < n; k++) {
            int found = 0;
            for (int j = 0; j < n && !found; j++)
                found = same_assessment(t, st, k, whole, j);
            cr_expect(found, "russia_resolve %d: spe+pbe equilibrium %d not among pbe's",
                      choice, k);
        }
        t_certified(st);
        eq_tree_result_free(st);
        eq_tree_result_free(whole);
        eq_tree_free(t);
    }
}

/*
** The model language: guarantee_stage.game declares `equilibrium spe
** subgames pbe` (the tree of guarantee_threat.efg, honour against a weak
** Russia honour_weak).  Its default solve is (none; T, T, A) as derived
** above for honour_weak = -3.  The sensitivity engine's fast path
** (spefast.c) takes pbe stages: tests/test_spefast_pbe.c checks it
** against eq_tree_solve over a grid of honour_weak.
*/
Test(pbe_stage, model_declares_pbe_stages)
{
    eq_model *m = NULL;
    eq_tree *t = NULL;
    eq_tree_result *r = NULL;
    eq_tree_opts o;
    eq_diag d;
    double v[8];
    cr_assert_eq(eq_model_read(&m, EQ_FIXTURES "/game/guarantee_stage.game", &d), EQ_OK,
                 "%s", d.message);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    eq_tree_opts_init(&o);
    eq_model_equilibrium(m, &o);
    cr_expect_eq(o.method, EQ_METHOD_SPE);
    cr_expect_eq(o.subgame_method, EQ_METHOD_PBE);
    cr_expect_eq(eqi_spefast_applies(t, &o), 1);
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(t_behaviour(r, 0, t, "offer", "none") - 1.0) < EPS);
    t_certified(r);
    eq_tree_result_free(r);
    eq_tree_free(t);
    eq_model_free(m);
}

/* Methods that cannot take pbe stages, and pbe's refinements inside spe:
** errors with a sentence, no crash. */
Test(pbe_stage, bad_usage)
{
    eq_tree *t = t_read_efg(FIX "guarantee_threat.efg");
    eq_tree_result *r = NULL;
    eq_tree_opts o;
    eq_tree_opts_init(&o);
    o.method = EQ_METHOD_SPE;
    o.subgame_method = EQ_METHOD_SEQUENTIAL;
    cr_expect_neq(eq_tree_solve(t, &o, &r), EQ_OK);
    cr_expect(r == NULL || strstr(eq_tree_result_errmsg(r), "pbe") != NULL);
    eq_tree_result_free(r);
    r = NULL;
    o.subgame_method = EQ_METHOD_PBE;
    o.coarse = 1;
    cr_expect_neq(eq_tree_solve(t, &o, &r), EQ_OK);
    cr_expect(r == NULL || strstr(eq_tree_result_errmsg(r), "correlated") != NULL);
    eq_tree_result_free(r);
    r = NULL;
    o.coarse = 0;
    o.refine = EQ_REFINE_INTUITIVE;
    cr_expect_eq(eq_tree_solve(t, &o, &r), EQ_ERR_UNSUPPORTED);
    cr_expect(r == NULL || strstr(eq_tree_result_errmsg(r), "apply to pbe, not to spe") != NULL);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/*
** Russia's type in models/security.game (models/README.md, "Russia's
** resolve as a private type").  security.game draws Russia's type before
** each long-run test and lets the West's honour nodes follow it; in the
** game it stands for, the West does not see that type.  Its payoffs do
** not depend on it, so at each of its sets the best reply is the same
** whatever the belief, and the SPE of the tree with perfect information
** is the pure weak PBE of the game with the sets, the belief given by
** Bayes' rule where a test is on the path and free off it.  Pinned on one
** stage, tests/fixtures/game/russia_type_stage.game (perfect information,
** solved as security.game is: spe over pure stages) and
** russia_type_stage_infoset.game (the same tree, the West's decision one
** set per West type over both Russia types: pbe, and spe over pbe
** stages).  By hand, with lam = 0.1 / 0.28 = 5/14 and Russia's long-run
** values times 14:
**   peace 14 (held - block_member) = 1.4; direct war 14 r_direct = 5
**   (0.05 - 0.05 - 0.3) + 9 (0.1) = -0.6; resumed war against Ukraine
**   alone 14 r_resumes = 5 (0.35 - 0.05) + 0.9 = 2.4; a revanchist adds
**   14 lam revenge = 5 v = 1.5 to both.
** The West honours iff its audience cost exceeds lam (west_war_cost -
** west_stake) = 5/28 (anchor 3): the resolute type (0.3) honours, the
** irresolute one (0.05) abandons, whatever Russia's type.  So a test is
** worth (p (-0.6) + (1 - p) 2.4) / 14 (+ 1.5 / 14 to a revanchist),
** p = p_resolute; Russia tests iff that exceeds 1.4 / 14:
**   ordinary iff p < 1/3 (anchor 14), revanchist iff p < 2.5 / 3 = 5/6.
**   (a) defaults, p = 0.745: the ordinary accepts, the revanchist tests.
**       P(peace) = 1 - p_v = 1/2, P(direct_war) = p_v p = 0.3725,
**       P(war_resumes) = p_v (1 - p) = 0.1275; Russia (1.4 + 1.665) / 28
**       = 0.109464...; the West -0.02 + p_v (p (-3/14) + (1 - p) (-0.5/14
**       - 0.05)) = -0.11075.  Only the revanchist reaches the West's sets:
**       P(revanchist | test) = p_v p / (p_v p + 0) = 1 at both.
**   (b) p = 0.3, p_v = 0.2: both types test, P(direct_war) = 0.3,
**       P(war_resumes) = 0.7; Russia (0.3 (-0.6) + 0.7 (2.4) + 0.2 (1.5))
**       / 14 = 1.8/14 = 9/70; the West -0.02 - 0.3 (3/14) - 0.7 (0.5/14 +
**       0.05) = -0.055 - 1.25/14; the posterior is the prior, 0.2.
**   (c) p = 0.9: the revanchist's test is worth (-0.54 + 0.24 + 1.5) / 14
**       = 1.2/14 < 1.4/14: no type tests, P(peace) = 1, Russia 0.1, the
**       West -0.02; the West's sets are off the path, and every belief
**       supports its (type-independent) choice: pbe's supporting set is
**       the whole [0, 1].
*/
static eq_tree *stage_tree(const char *file, const char *a1, const char *a2)
{
    eq_model *m = NULL;
    eq_tree *t = NULL;
    eq_diag d;
    double v[32];
    char path[512];
    snprintf(path, sizeof path, EQ_FIXTURES "/game/%s", file);
    cr_assert_eq(eq_model_read(&m, path, &d), EQ_OK, "%s", d.message);
    cr_assert(eq_model_params(m) <= 32);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    if (a1)
        cr_assert_eq(eq_model_set_param(m, v, a1, &d), EQ_OK, "%s", d.message);
    if (a2)
        cr_assert_eq(eq_model_set_param(m, v, a2, &d), EQ_OK, "%s", d.message);
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    eq_model_free(m);
    return t;
}

static double class_p(const eq_tree *t, const eq_tree_result *r, const char *name)
{
    int c = eq_tree_class_index(t, name);
    cr_assert_geq(c, 0, "no class %s", name);
    return eq_tree_result_class_prob(r, t, 0, c);
}

typedef struct rt_case {
    const char *a1, *a2;
    int ord_tests, rev_tests;
    double peace, direct, resumes, russia, west, post;   /* post < 0: off the path */
} rt_case;

/* One equilibrium, and the hand-derived outcome, path and payoffs. */
static void rt_expect(const eq_tree *t, const eq_tree_result *r, const rt_case *c,
                      const char *res_set, const char *irr_set, const char *what)
{
    cr_assert_eq(eq_tree_result_count(r), 1, "%s %s", what, c->a1 ? c->a1 : "defaults");
    cr_expect(fabs(t_behaviour(r, 0, t, "accept", "test") - c->ord_tests) < EPS, "%s", what);
    cr_expect(fabs(t_behaviour(r, 0, t, "accept_rev", "test") - c->rev_tests) < EPS, "%s",
              what);
    cr_expect(fabs(t_behaviour(r, 0, t, res_set, "honour") - 1) < EPS, "%s", what);
    cr_expect(fabs(t_behaviour(r, 0, t, irr_set, "abandon") - 1) < EPS, "%s", what);
    cr_expect(fabs(class_p(t, r, "peace") - c->peace) < EPS, "%s: P(peace) %.12g", what,
              class_p(t, r, "peace"));
    cr_expect(fabs(class_p(t, r, "direct_war") - c->direct) < EPS, "%s", what);
    cr_expect(fabs(class_p(t, r, "war_resumes") - c->resumes) < EPS, "%s", what);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - c->russia) < EPS, "%s: Russia %.12g vs %.12g",
              what, eq_tree_result_payoff(r, 0, 0), c->russia);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) - c->west) < EPS, "%s: West %.12g vs %.12g",
              what, eq_tree_result_payoff(r, 0, 1), c->west);
}

Test(pbe_stage, russia_type_unseen_changes_nothing)
{
    static const rt_case cases[3] = {
        { NULL, NULL, 0, 1, 0.5, 0.3725, 0.1275, (1.4 + 1.665) / 28, -0.11075, 1.0 },
        { "p_resolute=0.3", "p_revanchist=0.2", 1, 1, 0, 0.3, 0.7, 9.0 / 70,
          -0.055 - 1.25 / 14, 0.2 },
        { "p_resolute=0.9", NULL, 0, 0, 1, 0, 0, 0.1, -0.02, -1 },
    };
    for (int i = 0; i < 3; i++) {
        const rt_case *c = &cases[i];
        eq_tree *tp = stage_tree("russia_type_stage.game", c->a1, c->a2);
        eq_tree *ti = stage_tree("russia_type_stage_infoset.game", c->a1, c->a2);
        eq_tree_result *spe = solve(tp, EQ_METHOD_SPE, EQ_METHOD_PURE);
        eq_tree_result *pbe = solve(ti, EQ_METHOD_PBE, -1);
        eq_tree_result *st = solve(ti, EQ_METHOD_SPE, EQ_METHOD_PBE);
        const char *sets[2] = { "resolute West tested", "irresolute West tested" };
        const char *rev[2] = { "honour_rev", "honour_irr_rev" };
        /* The perfect-information tree has the West's four singletons;
        ** the other, its two sets over both Russia types. */
        cr_expect_eq(eq_tree_infosets(tp), 6);
        cr_expect_eq(eq_tree_infosets(ti), 4);
        rt_expect(tp, spe, c, "honour_rev", "honour_irr_rev", "spe, perfect information");
        cr_expect(fabs(t_behaviour(spe, 0, tp, "honour", "honour") - 1) < EPS);
        cr_expect(fabs(t_behaviour(spe, 0, tp, "honour_irr", "abandon") - 1) < EPS);
        rt_expect(ti, pbe, c, sets[0], sets[1], "pbe");
        rt_expect(ti, st, c, sets[0], sets[1], "spe over pbe stages");
        for (int s = 0; s < 2; s++) {
            int h = t_infoset(ti, sets[s]), v = t_node(ti, rev[s]);
            double lo, hi;
            if (c->post >= 0) {
                cr_expect_eq(eq_tree_result_reached(pbe, 0, h), 1);
                cr_expect(fabs(eq_tree_result_belief(pbe, 0, v) - c->post) < EPS,
                          "%s: P(revanchist | test) %.12g, by Bayes %.12g", sets[s],
                          eq_tree_result_belief(pbe, 0, v), c->post);
                cr_expect(fabs(eq_tree_result_belief(st, 0, v) - c->post) < EPS, "%s", sets[s]);
            } else {
                cr_expect_eq(eq_tree_result_reached(pbe, 0, h), 0);
                t_belief_range(pbe, 0, ti, sets[s], rev[s], &lo, &hi);
                cr_expect(fabs(lo) < EPS && fabs(hi - 1) < EPS, "%s: [%g, %g]", sets[s], lo, hi);
            }
        }
        t_certified(pbe);
        t_certified(st);
        eq_tree_result_free(spe);
        eq_tree_result_free(pbe);
        eq_tree_result_free(st);
        eq_tree_free(tp);
        eq_tree_free(ti);
    }
}
