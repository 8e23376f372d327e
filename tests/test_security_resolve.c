/*
** test_security_resolve.c -- the test of Article 5 with the West's resolve
** as a private type (models/security_resolve.game): its pure weak perfect
** Bayesian equilibria, Russia's beliefs, and the regime boundaries, against
** the hand derivation of models/README.md ("Resolve as a private type"),
** summarised here.
**
** lam = (1 - discount) / (1 - discount (1 - exhaustion)) = 5/14 at the
** defaults; q0 = russia_share + rearm = 0.35.
**   Russia, tested West honours: r_H = lam (nato_share - c_R - nato_cost)
**   + (1 - lam)(held - blk); abandons: r_B = lam (q0 - c_R) + (1 - lam)
**   (held - blk); accepts: held - blk.  With belief mu that the West is
**   resolute (and the resolute type honouring, the irresolute abandoning)
**   Russia tests iff mu < mu* = (q0 - c_R - held + blk) /
**   (q0 - nato_share + nato_cost) = 0.2 / 0.6 = 1/3 (lam cancels).
**   West: honours iff its audience cost (plus tripwire_audience with the
**   troops) exceeds h* = lam (west_war_cost - west_stake) = 5/28.  The
**   resolute type (audience_member 0.3) always honours; the irresolute
**   (audience_irresolute 0.05) abandons without troops and, with them,
**   honours iff 0.05 + tripwire_audience > 5/28, tripwire_audience > 9/70
**   ("case i" at the default 0.2: the tripwire commits it too).
**   Being tested costs the resolute type A = lam west_war_cost = 3/14,
**   the irresolute B = lam west_stake + audience_irresolute = 3/35; the
**   tripwire costs t_R = tripwire_cost = 0.05 and t_I = tripwire_cost +
**   tripwire_politics = 0.1.
** Pure weak PBE (case i):
**   S1 separating (resolute stations, irresolute not; mu = 0 without,
**      1 with): iff t_R <= A and t_I >= B; any prior.
**   P1 pooling without (mu = p): iff p >= 1/3 (Russia accepts; after the
**      tripwire both types honour, so Russia accepts whatever it believes).
**   P2 pooling with the tripwire: iff t_R <= A and t_I <= B; Russia tests
**      without it, supported by an off-path belief mu in [0, 1/3].
** Case ii (tripwire_audience < 9/70): P1 also for p < 1/3 with Russia
** testing after an off-path tripwire (mu in [0, 1/3]); for p >= 1/3 P1
** comes twice (Russia accepts after a tripwire, mu in [1/3, 1], or tests,
** mu in [0, 1/3]); P2 needs p >= 1/3 too.
** Boundaries: the prior 1/3; tripwire_cost = B - tripwire_politics = 1/28;
** audience_irresolute = t_I - lam west_stake = 9/140; tripwire_audience =
** 5/28 - audience_irresolute = 9/70.
*/
#include <math.h>
#include <string.h>
#include <criterion/criterion.h>
#include "support.h"

#define GAME EQ_MODELS "/security_resolve.game"

static eq_model *load(void)
{
    eq_model *m = NULL;
    eq_diag d;
    cr_assert_eq(eq_model_read(&m, GAME, &d), EQ_OK, "%s", d.message);
    return m;
}

/* One solve: the tree and the pbe result at the defaults with the
** assignments in set[] ("NAME=VALUE"), nset of them. */
typedef struct solved { eq_model *m; eq_tree *t; eq_tree_result *r; } solved;

static solved solve(const char *const *set, int nset)
{
    solved s = { load(), NULL, NULL };
    double v[64];
    eq_tree_opts o;
    eq_diag d;
    cr_assert(eq_model_params(s.m) <= 64);
    cr_assert_eq(eq_model_defaults(s.m, v), EQ_OK);
    for (int i = 0; i < nset; i++) {
        char name[64];
        const char *eqs = strchr(set[i], '=');
        int k;
        double num, den = 1.0;
        cr_assert(eqs != NULL && (size_t)(eqs - set[i]) < sizeof name);
        memcpy(name, set[i], (size_t)(eqs - set[i]));
        name[eqs - set[i]] = '\0';
        k = eq_model_param_index(s.m, name);
        cr_assert(k >= 0, "%s", name);
        num = strtod(eqs + 1, NULL);
        if (strchr(eqs, '/'))
            den = strtod(strchr(eqs, '/') + 1, NULL);
        v[k] = num / den;
    }
    cr_assert_eq(eq_model_instantiate(s.m, v, &s.t, &d), EQ_OK, "%s", d.message);
    eq_tree_opts_init(&o);
    o.method = EQ_METHOD_PBE;
    cr_assert_eq(eq_tree_solve(s.t, &o, &s.r), EQ_OK);
    return s;
}

static void done(solved *s)
{
    eq_tree_result_free(s->r);
    eq_tree_free(s->t);
    eq_model_free(s->m);
}

static int infoset(const eq_tree *t, const char *label)
{
    for (int h = 0; h < eq_tree_infosets(t); h++)
        if (strcmp(eq_tree_infoset_label(t, h), label) == 0)
            return h;
    cr_assert_fail("no information set '%s'", label);
    return -1;
}

/* Equilibrium k as a signature: the resolute and irresolute West's signal
** ('t' tripwire, 'n' none), then Russia's response without and with the
** tripwire ('a' accept, 't' test): "tn ta" is S1, "nn a?" P1, "tt ?a" P2. */
static void sig(const solved *s, int k, char out[6])
{
    static const char *const lab[4] = { "resolute West signals",
        "irresolute West signals", "Russia, no tripwire", "Russia, tripwire" };
    static const char first[4] = { 'n', 'n', 'a', 'a' }, second[4] = { 't', 't', 't', 't' };
    static const int pos[4] = { 0, 1, 3, 4 };
    memcpy(out, "?? ??", 6);
    for (int i = 0; i < 4; i++) {
        double p0 = eq_tree_result_behaviour(s->r, k, infoset(s->t, lab[i]))[0];
        out[pos[i]] = p0 > 0.5 ? first[i] : second[i];
    }
}

/* The index of the equilibrium with signature want, or -1. */
static int find(const solved *s, const char *want)
{
    for (int k = 0; k < eq_tree_result_count(s->r); k++) {
        char g[6];
        sig(s, k, g);
        if (strcmp(g, want) == 0)
            return k;
    }
    return -1;
}

/* Russia's belief that the West is resolute at its set `label` (the
** first member is the resolute type's node), and the ends of the
** supporting interval when the set is unreached (lo = hi = the belief
** when reached). */
static void belief(const solved *s, int k, const char *label, double *mu,
                   double *lo, double *hi)
{
    int h = infoset(s->t, label);
    int v0 = eq_tree_infoset_member(s->t, h, 0);
    const char *l0 = eq_tree_node_label(s->t, v0);
    cr_assert(strstr(l0, "resolute West") && !strstr(l0, "irresolute"), "%s", l0);
    *mu = eq_tree_result_belief(s->r, k, v0);
    *lo = *hi = *mu;
    for (int j = 0; j < eq_tree_result_belief_vertices(s->r, k, h); j++) {
        double x = eq_tree_result_belief_vertex(s->r, k, h, j)[0];
        if (j == 0 || x < *lo) *lo = x;
        if (j == 0 || x > *hi) *hi = x;
    }
}

#define NEAR(a, b) (fabs((a) - (b)) <= 1e-9)

/* The defaults (p = 0.745 > 1/3, t_R < A, t_I > B): S1 and P1. */
Test(security_resolve, defaults_separating_and_pooling_without)
{
    solved s = solve(NULL, 0);
    double mu, lo, hi;
    int k;
    cr_expect_eq(eq_tree_result_count(s.r), 2);
    k = find(&s, "tn ta");
    cr_assert(k >= 0, "no separating equilibrium");
    belief(&s, k, "Russia, no tripwire", &mu, &lo, &hi);
    cr_expect(eq_tree_result_reached(s.r, k, infoset(s.t, "Russia, no tripwire")) == 1);
    cr_expect(NEAR(mu, 0.0), "Bayes: no tripwire reveals the irresolute type, %g", mu);
    belief(&s, k, "Russia, tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(mu, 1.0), "Bayes: a tripwire reveals the resolute type, %g", mu);
    k = find(&s, "nn aa");
    cr_assert(k >= 0, "no pooling equilibrium without the tripwire");
    belief(&s, k, "Russia, no tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(mu, 0.745), "Bayes: the prior, %g", mu);
    /* Off the path: after a tripwire both types honour, so any belief
    ** supports Russia's accepting. */
    cr_expect_eq(eq_tree_result_reached(s.r, k, infoset(s.t, "Russia, tripwire")), 0);
    belief(&s, k, "Russia, tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(lo, 0.0) && NEAR(hi, 1.0), "supported on [%g, %g]", lo, hi);
    done(&s);
}

/* p = 0.2 < 1/3: S1 only; with tripwire_cost 0.02 (t_I = 0.07 < B =
** 3/35) P2 only, Russia's off-path belief without troops in [0, 1/3]. */
Test(security_resolve, low_prior)
{
    static const char *const a[] = { "p_resolute=0.2" };
    static const char *const b[] = { "p_resolute=0.2", "tripwire_cost=0.02" };
    solved s = solve(a, 1);
    double mu, lo, hi;
    int k;
    cr_expect_eq(eq_tree_result_count(s.r), 1);
    cr_expect(find(&s, "tn ta") >= 0);
    done(&s);
    s = solve(b, 2);
    cr_expect_eq(eq_tree_result_count(s.r), 1);
    k = find(&s, "tt ta");
    cr_assert(k >= 0, "no pooling equilibrium on the tripwire");
    belief(&s, k, "Russia, tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(mu, 0.2), "Bayes: the prior, %g", mu);
    cr_expect_eq(eq_tree_result_reached(s.r, k, infoset(s.t, "Russia, no tripwire")), 0);
    belief(&s, k, "Russia, no tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(lo, 0.0) && NEAR(hi, 1.0 / 3.0), "supported on [%g, %g]", lo, hi);
    cr_expect(mu >= lo - 1e-12 && mu <= hi + 1e-12);
    done(&s);
}

/* Case ii (tripwire_audience 0.1 < 9/70: the irresolute type abandons even
** with troops).  p = 0.2: S1 and P1 with Russia testing both ways (an
** off-path tripwire believed resolute with mu in [0, 1/3]).  p = 0.5,
** tripwire_cost 0.02: P1 twice (accept after a tripwire on [1/3, 1], test
** on [0, 1/3]) and P2 (off-path belief without troops in [0, 1/3]). */
Test(security_resolve, tripwire_without_commitment)
{
    static const char *const a[] = { "p_resolute=0.2", "tripwire_audience=0.1" };
    static const char *const b[] = { "p_resolute=0.5", "tripwire_audience=0.1",
                                     "tripwire_cost=0.02" };
    solved s = solve(a, 2);
    double mu, lo, hi;
    int k;
    cr_expect_eq(eq_tree_result_count(s.r), 2);
    cr_expect(find(&s, "tn ta") >= 0);
    k = find(&s, "nn tt");
    cr_assert(k >= 0, "no pooling equilibrium without the tripwire");
    belief(&s, k, "Russia, no tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(mu, 0.2));
    belief(&s, k, "Russia, tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(lo, 0.0) && NEAR(hi, 1.0 / 3.0), "supported on [%g, %g]", lo, hi);
    done(&s);
    s = solve(b, 3);
    cr_expect_eq(eq_tree_result_count(s.r), 3);
    k = find(&s, "nn aa");
    cr_assert(k >= 0);
    belief(&s, k, "Russia, tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(lo, 1.0 / 3.0) && NEAR(hi, 1.0), "supported on [%g, %g]", lo, hi);
    k = find(&s, "nn at");
    cr_assert(k >= 0);
    belief(&s, k, "Russia, tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(lo, 0.0) && NEAR(hi, 1.0 / 3.0), "supported on [%g, %g]", lo, hi);
    k = find(&s, "tt ta");
    cr_assert(k >= 0);
    belief(&s, k, "Russia, tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(mu, 0.5));
    belief(&s, k, "Russia, no tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(lo, 0.0) && NEAR(hi, 1.0 / 3.0), "supported on [%g, %g]", lo, hi);
    done(&s);
}

/* The breakpoints of param over its range with the assignments fixed[]
** (pbe, the count measured): exactly want[], verified as the fractions. */
static void expect_breaks(const char *const *fixed, int nfixed, const char *param,
                          const double *want, const char *const *frac, int nwant)
{
    eq_model *m = load();
    eq_analysis *a = NULL;
    eq_breaks *b = NULL;
    eq_tree_opts o;
    eq_status st;
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    eq_tree_opts_init(&o);
    o.method = EQ_METHOD_PBE;
    cr_assert_eq(eq_analysis_set_tree_opts(a, &o), EQ_OK);
    cr_assert_eq(eq_analysis_set_measures(a, EQ_MEASURE_COUNT), EQ_OK);
    for (int i = 0; i < nfixed; i++)
        cr_assert_eq(eq_analysis_set(a, fixed[i]), EQ_OK, "%s", eq_analysis_errmsg(a));
    st = eq_model_breakpoints(a, param, &b);
    cr_assert_eq(st, EQ_OK, "%s", b ? eq_breaks_errmsg(b) : "no memory");
    for (int i = 0; i < eq_breaks_count(b); i++)
        cr_log_info("%s: %s (%s) flags %u: %s", param, eq_breaks_text(b, i),
                    eq_breaks_fraction(b, i) ? eq_breaks_fraction(b, i) : "-",
                    eq_breaks_flags(b, i), eq_breaks_what(b, i));
    cr_assert_eq(eq_breaks_count(b), nwant, "%s: %d breakpoints, first %g", param,
                 eq_breaks_count(b), eq_breaks_count(b) > 0 ? eq_breaks_value(b, 0) : NAN);
    for (int i = 0; i < nwant; i++) {
        cr_expect(fabs(eq_breaks_value(b, i) - want[i]) <= 1e-9,
                  "%s: breakpoint %d at %.17g, want %.17g", param, i,
                  eq_breaks_value(b, i), want[i]);
        cr_expect(eq_breaks_flags(b, i) & EQ_BREAK_EXACT, "breakpoint %d", i);
        cr_expect_str_eq(eq_breaks_fraction(b, i) ? eq_breaks_fraction(b, i) : "",
                         frac[i], "breakpoint %d", i);
    }
    eq_breaks_free(b);
    eq_analysis_free(a);
    eq_model_free(m);
}

/* The prior: P1 appears at mu* = 1/3 (chance's own breakpoints at 0 and 1
** are left out of the scanned range). */
Test(security_resolve, breakpoint_in_the_prior)
{
    static const double w[] = { 1.0 / 3.0 };
    static const char *const f[] = { "1/3" };
    expect_breaks(NULL, 0, "p_resolute=0.01:0.99", w, f, 1);
}

/* The tripwire's cost, p = 0.2: P2 below 1/28 (the irresolute type's cost
** of troops, 1/28 + 0.05, equals B = 3/35), S1 above; 3/14 (t_R = A) lies
** beyond the domain [0, 0.2]. */
Test(security_resolve, breakpoint_in_the_tripwire_cost)
{
    static const char *const fx[] = { "p_resolute=0.2" };
    static const double w[] = { 1.0 / 28.0 };
    static const char *const f[] = { "1/28" };
    expect_breaks(fx, 1, "tripwire_cost", w, f, 1);
}

/* The irresolute type's audience cost, p = 0.2: S1 below 9/140 (B = t_I),
** P2 above. */
Test(security_resolve, breakpoint_in_the_audience_cost)
{
    static const char *const fx[] = { "p_resolute=0.2" };
    static const double w[] = { 9.0 / 140.0 };
    static const char *const f[] = { "9/140" };
    expect_breaks(fx, 1, "audience_irresolute", w, f, 1);
}

/* What the troops add to the cost of abandoning, at the defaults: below
** 9/70 the tripwire no longer commits the irresolute type (case ii), and
** P1 comes twice (three equilibria instead of two). */
Test(security_resolve, breakpoint_in_the_tripwire_audience)
{
    static const double w[] = { 9.0 / 70.0 };
    static const char *const f[] = { "9/70" };
    expect_breaks(NULL, 0, "tripwire_audience", w, f, 1);
}

/* The payoff of player pl at the terminal labelled lab. */
static double pay(const eq_tree *t, const char *lab, int pl)
{
    for (int v = 0; v < eq_tree_nodes(t); v++)
        if (eq_tree_node_kind(t, v) == EQ_NODE_TERMINAL && eq_tree_node_label(t, v)
            && strcmp(eq_tree_node_label(t, v), lab) == 0)
            return eq_tree_payoff(t, v, pl);
    cr_assert_fail("no terminal '%s'", lab);
    return 0.0;
}

/* The semi-separating equilibrium at the defaults, which the pbe concept
** (pure profiles) does not list: the resolute West stations troops with
** probability rho = 1 - mu*(1 - p)/(p (1 - mu*)) = 1 - (1/3)(0.255) /
** (0.745 (2/3)) = 1 - 0.255/1.49 = 247/298 at p = 0.745, the irresolute
** never; Russia tests without troops with probability tau = t_R / A =
** 0.05 / (3/14) = 7/30 and accepts troops.  Checked here on the
** instantiated tree's payoffs: Russia's belief without troops is 1/3 by
** Bayes' rule and leaves it indifferent; the resolute type is indifferent
** between its signals, the irresolute strictly prefers none; every honour
** decision is a best reply.  Outcome: p (1 - rho) = mu* (1 - p) / (1 -
** mu*) = (1 - p)/2 = 0.1275, so P(direct_war) = p (1 - rho) tau = 0.1275
** (7/30) = 119/4000, P(war_resumes) = (1 - p) tau = 0.255 (7/30) =
** 119/2000 (at p = 1/2 they were 7/120 and 7/60). */
Test(security_resolve, semi_separating_at_the_defaults)
{
    solved s = solve(NULL, 0);
    const eq_tree *t = s.t;
    const int R = 0, W = 2;
    double p = 0.745, rho = 247.0 / 298.0, tau = 7.0 / 30.0;
    double mu = p * (1 - rho) / (p * (1 - rho) + (1 - p));
    double test, accept, none, troops;
    cr_assert(NEAR(eq_model_param_default(s.m, eq_model_param_index(s.m, "p_resolute")), p),
              "p_resolute's default is not the prior derived for here");
    cr_assert_str_eq(eq_tree_player_name(t, R), "Russia");
    cr_assert_str_eq(eq_tree_player_name(t, W), "West");
    cr_expect(NEAR(mu, 1.0 / 3.0), "%g", mu);
    test = mu * pay(t, "direct_war_res_none", R) + (1 - mu) * pay(t, "war_resumes_irr_none", R);
    accept = pay(t, "peace_res_none", R);
    cr_expect(NEAR(test, accept), "Russia not indifferent: test %.12g, accept %.12g", test, accept);
    cr_expect(pay(t, "peace_res_trip", R) > pay(t, "direct_war_res_trip", R),
              "Russia accepts troops believed resolute");
    none = (1 - tau) * pay(t, "peace_res_none", W) + tau * pay(t, "direct_war_res_none", W);
    troops = pay(t, "peace_res_trip", W);
    cr_expect(NEAR(none, troops), "resolute not indifferent: %.12g, %.12g", none, troops);
    none = (1 - tau) * pay(t, "peace_irr_none", W) + tau * pay(t, "war_resumes_irr_none", W);
    troops = pay(t, "peace_irr_trip", W);
    cr_expect(none > troops + 1e-9, "irresolute: none %.12g, troops %.12g", none, troops);
    cr_expect(pay(t, "direct_war_res_none", W) > pay(t, "war_resumes_res_none", W));
    cr_expect(pay(t, "direct_war_res_trip", W) > pay(t, "war_resumes_res_trip", W));
    cr_expect(pay(t, "war_resumes_irr_none", W) > pay(t, "direct_war_irr_none", W));
    cr_expect(NEAR(p * (1 - rho) * tau, 119.0 / 4000.0) && NEAR((1 - p) * tau, 119.0 / 2000.0));
    /* Mixed, so not among the pure profiles listed. */
    cr_expect_eq(eq_tree_result_count(s.r), 2);
    done(&s);
}

/* ---- two-sided: russia_resolve = private ------------------------------
** Russia ordinary (as above, mu* = 1/3) or revanchist (prior p_v =
** p_revanchist), whose wars are worth `revenge` = v more a year: it tests
** a split West iff mu < mu*_v = (q0 - c_R - held + blk + v) /
** (q0 - nato_share + nato_cost) = 0.5235 / 0.6 = 349/400, and tests a West that
** honours for sure iff v > held - blk + c_R + nato_cost - nato_share =
** 2/5 (anchor 4's margin).
** The West sees neither type, so without troops it is tested with
** probability pi(mu) = 1 (mu < 1/3), p_v (1/3 <= mu < 349/400), 0 (above).
**   S1 as before (mu = 0 without troops: pi = 1): t_R <= A, t_I >= B.
**   P1 (no troops, mu = p): iff t_R >= pi(p) A and t_I >= pi(p) B: for
**      1/3 <= p < 349/400 iff p_v <= t_R / A = 7/30 (t_I / B = 7/6 > 1);
**      for p >= 349/400 always.
**   P2 needs t_I <= B: not at the defaults.
** So at the defaults (p = 0.745, p_v = 1/2) S1 alone; P1 joins above
** p = 349/400, below p_v = 7/30 and below v = 0.6 p - 0.2 = 247/1000 (where
** mu*_v = (0.2 + v)/0.6 = 0.745 = p; 1/10 at p = 1/2);
** above v = 2/5 the revanchist type tests even troops, and P1 holds again
** (pi = p_v either way, and troops then cost t_R on top). */
static void sig2(const solved *s, int k, char out[9])
{
    static const char *const lab[6] = {
        "resolute West signals, Russia unseen", "irresolute West signals, Russia unseen",
        "ordinary Russia, no tripwire", "ordinary Russia, tripwire",
        "revanchist Russia, no tripwire", "revanchist Russia, tripwire" };
    static const char first[6] = { 'n', 'n', 'a', 'a', 'a', 'a' };
    static const char second[6] = { 't', 't', 't', 't', 't', 't' };
    static const int pos[6] = { 0, 1, 3, 4, 6, 7 };
    memcpy(out, "?? ?? ??", 9);
    for (int i = 0; i < 6; i++) {
        double p0 = eq_tree_result_behaviour(s->r, k, infoset(s->t, lab[i]))[0];
        out[pos[i]] = p0 > 0.5 ? first[i] : second[i];
    }
}

static int find2(const solved *s, const char *want)
{
    for (int k = 0; k < eq_tree_result_count(s->r); k++) {
        char g[9];
        sig2(s, k, g);
        if (strcmp(g, want) == 0)
            return k;
    }
    return -1;
}

Test(security_resolve, two_sided_equilibria)
{
    static const char *const a[] = { "russia_resolve=1" };
    static const char *const b[] = { "russia_resolve=1", "p_resolute=0.9" };
    static const char *const c[] = { "russia_resolve=1", "p_revanchist=0.2" };
    static const char *const d[] = { "russia_resolve=1", "revenge=0.5" };
    solved s = solve(a, 1);
    double mu, lo, hi;
    int k;
    cr_expect_eq(eq_tree_result_count(s.r), 1);
    k = find2(&s, "tn ta ta");
    cr_assert(k >= 0, "no separating equilibrium");
    belief(&s, k, "ordinary Russia, no tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(mu, 0.0), "%g", mu);
    belief(&s, k, "revanchist Russia, tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(mu, 1.0), "%g", mu);
    done(&s);
    /* p = 0.9 >= 349/400: neither Russian type tests on the prior. */
    s = solve(b, 2);
    cr_expect_eq(eq_tree_result_count(s.r), 2);
    cr_expect(find2(&s, "tn ta ta") >= 0);
    k = find2(&s, "nn aa aa");
    cr_assert(k >= 0, "no pooling equilibrium without troops");
    belief(&s, k, "revanchist Russia, no tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(mu, 0.9), "%g", mu);
    belief(&s, k, "ordinary Russia, tripwire", &mu, &lo, &hi);
    cr_expect(NEAR(lo, 0.0) && NEAR(hi, 1.0), "supported on [%g, %g]", lo, hi);
    done(&s);
    /* p_v = 0.2 <= 7/30: the revanchist tests on the prior 0.745 < 349/400, the
    ** ordinary type does not, and the expected test is worth no troops. */
    s = solve(c, 2);
    cr_expect_eq(eq_tree_result_count(s.r), 2);
    cr_expect(find2(&s, "tn ta ta") >= 0);
    cr_expect(find2(&s, "nn aa ta") >= 0);
    done(&s);
    /* revenge 0.5 > 2/5: the revanchist tests an honouring West too. */
    s = solve(d, 2);
    cr_expect_eq(eq_tree_result_count(s.r), 2);
    cr_expect(find2(&s, "tn ta tt") >= 0);
    cr_expect(find2(&s, "nn aa tt") >= 0);
    done(&s);
}

Test(security_resolve, two_sided_breakpoints)
{
    static const char *const fx[] = { "russia_resolve=private" };
    static const double w1[] = { 349.0 / 400.0 }, w2[] = { 7.0 / 30.0 };
    static const double w3[] = { 247.0 / 1000.0, 2.0 / 5.0 };
    static const char *const f1[] = { "349/400" }, *const f2[] = { "7/30" };
    static const char *const f3[] = { "247/1000", "2/5" };
    expect_breaks(fx, 1, "p_resolute=0.01:0.99", w1, f1, 1);
    expect_breaks(fx, 1, "p_revanchist=0.01:0.99", w2, f2, 1);
    expect_breaks(fx, 1, "revenge", w3, f3, 2);
}

/* security_resolve.game is security.game's long run under membership with
** the West's (and Russia's) type, "with its parameter names and defaults
** where they mean the same thing" (its header): every parameter the two
** models both declare has one default and one domain, so that a number
** changed in one file and not the other shows here. */
Test(security_resolve, shared_parameters_agree_with_security_game)
{
    eq_model *r = load(), *s = NULL;
    eq_diag d;
    int shared = 0;
    cr_assert_eq(eq_model_read(&s, EQ_MODELS "/security.game", &d), EQ_OK, "%s", d.message);
    for (int k = 0; k < eq_model_params(r); k++) {
        const char *name = eq_model_param_name(r, k);
        int j = eq_model_param_index(s, name);
        if (j < 0)
            continue;
        shared++;
        cr_expect_eq(eq_model_param_is_enum(r, k), eq_model_param_is_enum(s, j), "%s", name);
        cr_expect_eq(eq_model_param_default(r, k), eq_model_param_default(s, j),
                     "%s: default %g here, %g in security.game", name,
                     eq_model_param_default(r, k), eq_model_param_default(s, j));
        if (eq_model_param_is_enum(r, k))
            continue;
        cr_expect_eq(eq_model_param_lo(r, k), eq_model_param_lo(s, j), "%s: domain", name);
        cr_expect_eq(eq_model_param_hi(r, k), eq_model_param_hi(s, j), "%s: domain", name);
    }
    /* At least the 16 of the long run: discount, exhaustion, russia_share,
    ** held, russia_cost, ukraine_cost, rearm, block_member, nato_share,
    ** nato_cost, west_stake, west_war_cost, audience_member, member_cost,
    ** tripwire_audience, tripwire_cost; the West's type, p_resolute and
    ** audience_irresolute; and Russia's, p_revanchist and revenge. */
    cr_expect_geq(shared, 20, "%d parameters shared", shared);
    cr_expect_geq(eq_model_param_index(s, "p_revanchist"), 0);
    cr_expect_geq(eq_model_param_index(s, "revenge"), 0);
    eq_model_free(s);
    eq_model_free(r);
}
