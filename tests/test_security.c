/*
** test_security.c -- the claims of Feaver (Foreign Policy, July 2023) about
** Ukraine's post-war security options, tested on the equilibria the solver
** computes for the three models in models/:
**
**   nato_membership.game     membership with an Article 5 guarantee
**   israel_option.game       arming Ukraine without a guarantee
**   hybrid_assurances.game   assurances without membership
**
** Every number comes from solving a model (eq_model_instantiate, then
** eq_tree_solve by SPE with the default subgame method and selection) and
** reading the equilibrium's behaviour strategies; nothing is copied from
** the report.  Each claim (a) to (g) is checked at the baseline, and for
** each the solver also measures where it fails: a parameter is scanned
** over a grid of its domain, every change of the claim's truth value is
** bisected to 1e-6, and the point found is compared with the threshold
** derived by hand from the payoff formulas (the derivations are in the
** comments and in models/README.md, "The security options for Ukraine").
** Run the binary with --verbose to see the measured thresholds.
**
** Measures (conventions of the three model files):
**   reach     probability the node `postwar` is reached: the option in force;
**   war       probability of reaching a terminal whose name starts with "war";
**   war_post  the same, starting from `postwar` (conditional on the option
**             being in force; SPE behaviour is defined there even when the
**             path does not reach it);
**   deep, prev, aid  probability of the actions deep_strike,
**             preventive_escalation and aid, from `postwar`;
**   build     Ukraine's probability of build_defence at the stage free_riding;
**   spend     the West's aid: the option's up-front bill (member_aid,
**             edge_cost or support_cost) plus P(aid | postwar) * aid_cost.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/logging.h>

#include "equilib.h"

#define TOL 1e-9      /* probabilities compared to this */
#define BISECT 1e-6   /* width of the final bracket of a threshold */
#define NEAR 1e-5     /* a measured threshold against the derived one */
#define GRID 100      /* grid intervals of a scan */

enum { MEM = 0, ISR = 1, HYB = 2, NMOD = 3 };
enum { M_MEM = 1, M_ISR = 2, M_HYB = 4, M_ALL = 7 };

static const char *const model_file[NMOD] = {
    EQ_FIXTURES "/game/old_nato.game",
    EQ_FIXTURES "/game/old_israel.game",
    EQ_FIXTURES "/game/old_hybrid.game",
};
/* The option's up-front aid bill. */
static const char *const model_bill[NMOD] = { "member_aid", "edge_cost", "support_cost" };

/* ---- the three models and their parameter values -------------------- */

typedef struct world {
    eq_model *m[NMOD];
    double *v[NMOD];
} world;

static world *world_new(void)
{
    world *w = calloc(1, sizeof *w);
    cr_assert_not_null(w);
    for (int k = 0; k < NMOD; k++) {
        eq_diag d;
        eq_status s = eq_model_read(&w->m[k], model_file[k], &d);
        cr_assert_eq(s, EQ_OK, "%s: %s", model_file[k], d.message);
        w->v[k] = calloc((size_t)eq_model_params(w->m[k]) + 1, sizeof(double));
        cr_assert_not_null(w->v[k]);
        cr_assert_eq(eq_model_defaults(w->m[k], w->v[k]), EQ_OK);
    }
    return w;
}

static void world_free(world *w)
{
    for (int k = 0; k < NMOD; k++) {
        eq_model_free(w->m[k]);
        free(w->v[k]);
    }
    free(w);
}

static int has(const world *w, int k, const char *name)
{
    return eq_model_param_index(w->m[k], name) >= 0;
}

static double get(const world *w, int k, const char *name)
{
    int i = eq_model_param_index(w->m[k], name);
    cr_assert_geq(i, 0, "%s has no parameter %s", model_file[k], name);
    return w->v[k][i];
}

/* Set a parameter in the models of mask that have it; how many did. */
static int set(world *w, unsigned mask, const char *name, double x)
{
    int n = 0;
    for (int k = 0; k < NMOD; k++)
        if ((mask & (1u << k)) && has(w, k, name)) {
            w->v[k][eq_model_param_index(w->m[k], name)] = x;
            n++;
        }
    cr_assert_gt(n, 0, "no model in mask %u has parameter %s", mask, name);
    return n;
}

/* Set an enumerated parameter from text, "NAME=CHOICE". */
static void set_choice(const eq_model *m, double *v, const char *assign)
{
    eq_diag d;
    cr_assert_eq(eq_model_set_param(m, v, assign, &d), EQ_OK, "%s: %s", assign, d.message);
}

/* ---- solving and measuring ------------------------------------------- */

static eq_tree_result *solve_at(const eq_model *m, const double *v, eq_tree **t, int all)
{
    eq_diag d;
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_status s = eq_model_instantiate(m, v, t, &d);
    cr_assert_eq(s, EQ_OK, "instantiate: %s", d.message);
    eq_tree_opts_init(&o);   /* spe; pure for three players; welfare */
    o.all = all;
    s = eq_tree_solve(*t, &o, &r);
    cr_assert_eq(s, EQ_OK, "solve: %s", eq_tree_result_errmsg(r));
    cr_assert_geq(eq_tree_result_count(r), 1, "%s", eq_tree_result_selection(r));
    /* The certificate: no player gains by deviating, up to the solver's
    ** tie tolerance (tol times the payoffs' range), which matters only
    ** within that distance of an indifference, as in a bisection. */
    {
        double lo = 0, hi = 0, tie;
        for (int u = 0; u < eq_tree_nodes(*t); u++)
            if (eq_tree_node_kind(*t, u) == EQ_NODE_TERMINAL)
                for (int p = 0; p < eq_tree_players(*t); p++) {
                    lo = fmin(lo, eq_tree_payoff(*t, u, p));
                    hi = fmax(hi, eq_tree_payoff(*t, u, p));
                }
        tie = o.tol * fmax(1.0, hi - lo);
        for (int k = 0; k < eq_tree_result_count(r); k++)
            cr_assert_leq(eq_tree_result_regret(r, k), 2 * tie + 1e-12,
                          "equilibrium %d: regret %g", k, eq_tree_result_regret(r, k));
    }
    return r;
}

typedef struct acc {
    double postwar, war, direct, deep, prev, aid, keep, admit;
} acc;

static int is(const char *s, const char *t)
{
    return s != NULL && strcmp(s, t) == 0;
}

/* Probabilities below node v, reached with probability p, when every
** player follows equilibrium k. */
static void walk(const eq_tree *t, const eq_tree_result *r, int k, int v, double p, acc *a)
{
    const char *lab = eq_tree_node_label(t, v);
    if (is(lab, "postwar"))
        a->postwar += p;
    switch (eq_tree_node_kind(t, v)) {
    case EQ_NODE_TERMINAL:
        if (lab != NULL && strncmp(lab, "war", 3) == 0)
            a->war += p;
        if (is(lab, "war_direct"))
            a->direct += p;
        return;
    case EQ_NODE_CHANCE:
        for (int i = 0; i < eq_tree_node_children(t, v); i++)
            walk(t, r, k, eq_tree_child(t, v, i), p * eq_tree_chance_prob(t, v, i), a);
        return;
    case EQ_NODE_DECISION: {
        const double *b = eq_tree_result_behaviour(r, k, eq_tree_node_infoset(t, v));
        cr_assert_not_null(b);
        for (int i = 0; i < eq_tree_node_children(t, v); i++) {
            const char *an = eq_tree_node_action_name(t, v, i);
            double q = p * b[i];
            if (is(an, "deep_strike"))
                a->deep += q;
            else if (is(an, "preventive_escalation"))
                a->prev += q;
            else if (is(an, "aid"))
                a->aid += q;
            else if (is(an, "keep_fighting"))
                a->keep += q;
            else if (is(an, "admit"))
                a->admit += q;
            walk(t, r, k, eq_tree_child(t, v, i), q, a);
        }
        return;
    }
    default:
        cr_assert_fail("node %d is open", v);
    }
}

static int node_labelled(const eq_tree *t, const char *label)
{
    for (int v = 0; v < eq_tree_nodes(t); v++)
        if (is(eq_tree_node_label(t, v), label))
            return v;
    return -1;
}

/* The probability of `action` at the information set labelled `label`
** that belongs to player p. */
static double behaviour_at(const eq_tree *t, const eq_tree_result *r, int k,
                           const char *label, int p, const char *action)
{
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        if (!is(eq_tree_infoset_label(t, h), label) || eq_tree_infoset_player(t, h) != p)
            continue;
        for (int a = 0; a < eq_tree_infoset_actions(t, h); a++)
            if (is(eq_tree_infoset_action_name(t, h, a), action))
                return eq_tree_result_behaviour(r, k, h)[a];
    }
    cr_assert_fail("no information set %s of player %d with action %s", label, p, action);
    return NAN;
}

typedef struct meas {
    int neq;
    double reach, war, war_post, deep, prev, aid, build, keep, admit, direct, spend;
} meas;

/* Measure equilibrium k of the model at v (see the file comment). */
static meas measure_k(const eq_model *m, const double *v, int model, int all, int k)
{
    eq_tree *t = NULL;
    eq_tree_result *r = solve_at(m, v, &t, all);
    acc top = { 0 }, post = { 0 }, a5 = { 0 };
    meas x = { 0 };
    int pw, an;
    x.neq = eq_tree_result_count(r);
    cr_assert_lt(k, x.neq);
    walk(t, r, k, 0, 1.0, &top);
    pw = node_labelled(t, "postwar");
    cr_assert_geq(pw, 0, "%s: no node postwar", model_file[model]);
    walk(t, r, k, pw, 1.0, &post);
    an = node_labelled(t, "article5_now");
    if (an >= 0)
        walk(t, r, k, an, 1.0, &a5);
    x.reach = top.postwar;
    x.war = top.war;
    x.keep = top.keep;
    x.admit = top.admit;
    x.war_post = post.war;
    x.deep = post.deep;
    x.prev = post.prev;
    x.aid = post.aid;
    x.direct = a5.direct;
    x.build = behaviour_at(t, r, k, "free_riding", 1, "build_defence");
    {
        int ib = eq_model_param_index(m, model_bill[model]);
        int ic = eq_model_param_index(m, "aid_cost");
        cr_assert(ib >= 0 && ic >= 0);
        x.spend = v[ib] + x.aid * v[ic];
    }
    eq_tree_result_free(r);
    eq_tree_free(t);
    return x;
}

static meas measure(const world *w, int k)
{
    return measure_k(w->m[k], w->v[k], k, 0, 0);
}

/* Membership with timing and borders set (NULL: as in w). */
static meas member(const world *w, const char *timing, const char *borders)
{
    int n = eq_model_params(w->m[MEM]);
    double v[128];
    char buf[64];
    cr_assert_leq(n, 128);
    memcpy(v, w->v[MEM], (size_t)n * sizeof *v);
    if (timing != NULL) {
        snprintf(buf, sizeof buf, "timing=%s", timing);
        set_choice(w->m[MEM], v, buf);
    }
    if (borders != NULL) {
        snprintf(buf, sizeof buf, "borders=%s", borders);
        set_choice(w->m[MEM], v, buf);
    }
    return measure_k(w->m[MEM], v, MEM, 0, 0);
}

/* ---- the claims, as predicates on a world ----------------------------- */

typedef int (*claim_fn)(world *w);

/* (a) Admission after a cease-fire: Russia keeps fighting. */
static int claim_a(world *w)
{
    return member(w, "after", NULL).keep > 0.5;
}

/* (b) Admission before a cease-fire: if the West admits, it faces direct
** war with Russia at once (with positive probability) ... */
static int b_risk(world *w)
{
    return member(w, "before", NULL).direct > TOL;
}

/* ... and it admits exactly when that risk is within its tolerance. */
static int b_admits(world *w)
{
    return member(w, "before", NULL).admit > 0.5;
}

static int claim_b(world *w)
{
    meas x = member(w, "before", NULL);
    double tau = get(w, MEM, "risk_tolerance");
    int admits = x.admit > 0.5;
    /* At tau = risk the West is indifferent: either choice is right. */
    if (fabs(tau - x.direct) < 1e-7)
        return x.direct > TOL;
    return x.direct > TOL && admits == (tau > x.direct);
}

/* (c) Ukraine's own defence effort is lower under membership than under
** the Israel option. */
static int claim_c(world *w)
{
    return member(w, NULL, NULL).build < measure(w, ISR).build - TOL;
}

/* (d) Membership restrains Ukraine: deep strikes and Russian preventive
** escalation are both less likely than under the Israel option. */
static int claim_d(world *w)
{
    meas m = member(w, NULL, NULL), i = measure(w, ISR);
    return m.deep < i.deep - TOL && m.prev < i.prev - TOL;
}

static int israel_deep(world *w)
{
    return measure(w, ISR).deep > TOL;
}

static int israel_prev(world *w)
{
    return measure(w, ISR).prev > TOL;
}

/* (e) The Israel option costs the West more in aid than membership. */
static int claim_e(world *w)
{
    return measure(w, ISR).spend > member(w, NULL, NULL).spend + TOL;
}

/* (f) The hybrid is the easiest option to reach: the only one more likely
** to come about than each of the others (membership under either timing) ... */
static int f_easiest(world *w)
{
    double h = measure(w, HYB).reach;
    return h > measure(w, ISR).reach + TOL && h > member(w, "after", NULL).reach + TOL &&
           h > member(w, "before", NULL).reach + TOL;
}

/* ... but it is not more stabilising than either alternative: once in
** force, war is at least as likely as under the Israel option and under
** membership. */
static int f_not_more_stable(world *w)
{
    double h = measure(w, HYB).war_post;
    return h >= measure(w, ISR).war_post - TOL && h >= member(w, NULL, NULL).war_post - TOL;
}

static int claim_f(world *w)
{
    return f_easiest(w) && f_not_more_stable(w);
}

/* (g) Membership guaranteeing the lines of control gives the lowest
** probability of renewed war, once in force, of all the options
** (membership guaranteeing the legal borders, Israel, hybrid). */
static int claim_g(world *w)
{
    double loc = member(w, NULL, "lines_of_control").war_post;
    double legal = member(w, NULL, "legal").war_post;
    return loc < legal - TOL && loc < measure(w, ISR).war_post - TOL &&
           loc < measure(w, HYB).war_post - TOL;
}

/* ---- scans: where a claim's truth value changes ----------------------- */

typedef struct scanres {
    int n;
    double at[16];    /* the thresholds, increasing */
    int below[16];    /* the claim's value just below each */
    int first;        /* its value at lo */
} scanres;

/* Scan parameter `name` (in the models of mask) over [lo, hi]: a grid of
** GRID intervals, then bisection of every interval where the claim
** changes, to BISECT.  The world is restored afterwards.  A claim that
** changes twice within one grid interval is missed: the intervals are a
** hundredth of the domain, and every expected threshold is checked. */
static scanres scan(world *w, unsigned mask, const char *name, double lo, double hi,
                    claim_fn f)
{
    double saved[NMOD];
    scanres s = { 0 };
    double xp = lo;
    int bp;
    for (int k = 0; k < NMOD; k++)
        saved[k] = has(w, k, name) ? get(w, k, name) : NAN;
    set(w, mask, name, lo);
    bp = s.first = f(w);
    for (int i = 1; i <= GRID; i++) {
        /* Interior points off the round numbers, where ties sit. */
        double x = i == GRID ? hi : lo + (hi - lo) * (i - 0.381966) / GRID;
        int b;
        set(w, mask, name, x);
        b = f(w);
        if (b != bp) {
            double a = xp, c = x;
            while (c - a > BISECT) {
                double mid = 0.5 * (a + c);
                set(w, mask, name, mid);
                if (f(w) == bp)
                    a = mid;
                else
                    c = mid;
            }
            cr_assert_lt(s.n, 16);
            s.below[s.n] = bp;
            s.at[s.n++] = 0.5 * (a + c);
        }
        xp = x;
        bp = b;
    }
    for (int k = 0; k < NMOD; k++)
        if (!isnan(saved[k]))
            w->v[k][eq_model_param_index(w->m[k], name)] = saved[k];
    return s;
}

static void report(const char *claim, const char *name, const scanres *s)
{
    if (s->n == 0) {
        cr_log_info("claim %s, %s: no change over the domain (%s throughout)", claim, name,
                    s->first ? "holds" : "fails");
        return;
    }
    for (int i = 0; i < s->n; i++)
        cr_log_info("claim %s, %s: %s below %.6f, %s above", claim, name,
                    s->below[i] ? "holds" : "fails", s->at[i],
                    s->below[i] ? "fails" : "holds");
}

/* Exactly one threshold, near `expect`, with the claim holding on side
** `holds_above`. */
static void expect_one(const char *claim, const char *name, const scanres *s, double expect,
                       int holds_above)
{
    report(claim, name, s);
    cr_assert_eq(s->n, 1, "claim %s over %s: %d thresholds, expected one near %.6f", claim,
                 name, s->n, expect);
    cr_expect(fabs(s->at[0] - expect) < NEAR, "claim %s over %s: threshold %.7f, derived %.7f",
              claim, name, s->at[0], expect);
    cr_expect_eq(s->below[0], !holds_above, "claim %s over %s: wrong side", claim, name);
}

static void expect_none(const char *claim, const char *name, const scanres *s, int holds)
{
    report(claim, name, s);
    cr_assert_eq(s->n, 0, "claim %s over %s: %d thresholds, expected none (first at %.6f)",
                 claim, name, s->n, s->n ? s->at[0] : 0.0);
    cr_expect_eq(s->first, holds);
}

/* ---- the models themselves ------------------------------------------- */

Test(security, models_are_well_formed)
{
    world *w = world_new();
    for (int k = 0; k < NMOD; k++) {
        const eq_model *m = w->m[k];
        eq_tree *t = NULL;
        eq_tree_result *r;
        cr_expect_eq(eq_model_players(m), 3);
        cr_expect_str_eq(eq_model_player_name(m, 0), "Russia");
        cr_expect_str_eq(eq_model_player_name(m, 1), "Ukraine");
        cr_expect_str_eq(eq_model_player_name(m, 2), "West");
        /* Every parameter: a description, a default inside its domain. */
        for (int i = 0; i < eq_model_params(m); i++) {
            const char *d = eq_model_param_description(m, i);
            cr_expect(d != NULL && strlen(d) > 20, "%s: %s has no description", model_file[k],
                      eq_model_param_name(m, i));
            if (!eq_model_param_is_enum(m, i))
                cr_expect(eq_model_param_default(m, i) >= eq_model_param_lo(m, i) &&
                              eq_model_param_default(m, i) <= eq_model_param_hi(m, i),
                          "%s", eq_model_param_name(m, i));
        }
        r = solve_at(m, w->v[k], &t, 0);
        /* The three stages, named as such, and the shared node names. */
        {
            const char *stage[3] = { "escalation", "restraint", "free_riding" };
            for (int j = 0; j < 3; j++) {
                int found = 0;
                for (int h = 0; h < eq_tree_infosets(t); h++)
                    found += is(eq_tree_infoset_label(t, h), stage[j]);
                cr_expect_eq(found, 2, "%s: stage %s", model_file[k], stage[j]);
            }
        }
        cr_expect_geq(node_labelled(t, "postwar"), 0);
        cr_expect_geq(node_labelled(t, "war_preventive"), 0);
        cr_expect_leq(eq_tree_nodes(t), 60, "keep the models small");
        eq_tree_result_free(r);
        eq_tree_free(t);
    }
    /* Shared parameters: the same default in every model that has one. */
    for (int i = 0; i < eq_model_params(w->m[ISR]); i++) {
        const char *name = eq_model_param_name(w->m[ISR], i);
        const char *own[] = { "capability", "leverage", "reliability", NULL };
        int skip = 0;
        for (int j = 0; own[j]; j++)
            skip |= is(name, own[j]);
        for (int k = 0; k < NMOD && !skip; k++)
            if (k != ISR && has(w, k, name))
                cr_expect_eq(get(w, k, name), get(w, ISR, name), "%s differs in %s", name,
                             model_file[k]);
    }
    /* Both timings and both borders instantiate and solve. */
    {
        const char *tm[2] = { "before", "after" }, *bd[2] = { "lines_of_control", "legal" };
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                (void)member(w, tm[i], bd[j]);
    }
    world_free(w);
}

/* The command line solves every model under both timings. */
Test(security, command_line)
{
    const char *run[] = {
        EQ_CLI " check " EQ_FIXTURES "/game/old_nato.game > /dev/null",
        EQ_CLI " solve " EQ_FIXTURES "/game/old_nato.game > /dev/null",
        EQ_CLI " solve " EQ_FIXTURES "/game/old_nato.game -p timing=before > /dev/null",
        EQ_CLI " solve " EQ_FIXTURES "/game/old_nato.game -p timing=before -p borders=legal"
               " --all > /dev/null",
        EQ_CLI " solve " EQ_FIXTURES "/game/old_israel.game > /dev/null",
        EQ_CLI " solve " EQ_FIXTURES "/game/old_hybrid.game --format json > /dev/null",
    };
    for (size_t i = 0; i < sizeof run / sizeof *run; i++)
        cr_expect_eq(system(run[i]), 0, "%s", run[i]);
}

/* ---- the baseline equilibria, against the payoff formulas ------------- */

Test(security, baseline)
{
    world *w = world_new();
    meas ma = member(w, "after", NULL), mb = member(w, "before", NULL);
    meas i = measure(w, ISR), h = measure(w, HYB);
    double crisis = get(w, ISR, "crisis"), rev = get(w, ISR, "revanchism");
    double own = get(w, ISR, "own_deterrence");

    /* Membership, after: Russia fights on, the war goes on. */
    cr_expect_float_eq(ma.keep, 1.0, TOL);
    cr_expect_float_eq(ma.war, 1.0, TOL);
    cr_expect_float_eq(ma.reach, 0.0, TOL);
    /* Once in force: restraint in a crisis, free-riding, no test. */
    cr_expect_float_eq(ma.war_post, 0.0, TOL);
    cr_expect_float_eq(ma.build, 0.0, TOL);
    /* Membership, before: the West stays out. */
    cr_expect_float_eq(mb.admit, 0.0, TOL);
    cr_expect_float_eq(mb.war, 1.0, TOL);
    cr_expect_float_eq(mb.direct, get(w, MEM, "honour"), TOL);

    /* Israel: the West declines; Ukraine alone is tested with probability
    ** revanchism.  Were it in force: deep strikes and preventive escalation
    ** in every crisis, then Ukraine builds and the West does not aid. */
    cr_expect_float_eq(i.reach, 0.0, TOL);
    cr_expect_float_eq(i.war, rev, TOL);
    cr_expect_float_eq(i.deep, crisis, TOL);
    cr_expect_float_eq(i.prev, crisis, TOL);
    cr_expect_float_eq(i.build, 1.0, TOL);
    {
        double le = 1 - get(w, ISR, "reliability") * get(w, ISR, "edge_deterrence");
        double pbn = rev * fmax(1 - get(w, ISR, "ceiling"), le * (1 - own));
        cr_expect_float_eq(i.war_post, crisis + (1 - crisis) * pbn, TOL);
    }
    /* Hybrid: assurances given; a crisis ends in war, the long run as the
    ** formulas say. */
    cr_expect_float_eq(h.reach, 1.0, TOL);
    {
        double la = 1 - get(w, HYB, "reliability") * get(w, HYB, "assure_honour");
        double pbn = rev * la * (1 - own);
        cr_expect_float_eq(h.war, crisis + (1 - crisis) * pbn, TOL);
        cr_expect_float_eq(h.war_post, h.war, TOL);
    }
    cr_log_info("baseline: membership after: P(keep fighting) %.4f, P(war) %.4f, "
                "reach %.4f, P(war | in force) %.4f", ma.keep, ma.war, ma.reach, ma.war_post);
    cr_log_info("baseline: membership before: P(admit) %.4f, P(direct war | admit) %.4f, "
                "P(war) %.4f", mb.admit, mb.direct, mb.war);
    cr_log_info("baseline: israel: reach %.4f P(war) %.4f | in force: P(war) %.4f deep %.4f "
                "prev %.4f build %.4f aid %.4f spend %.4f", i.reach, i.war, i.war_post, i.deep,
                i.prev, i.build, i.aid, i.spend);
    cr_log_info("baseline: hybrid: reach %.4f P(war) %.4f | in force: P(war) %.4f deep %.4f "
                "prev %.4f build %.4f aid %.4f spend %.4f", h.reach, h.war, h.war_post, h.deep,
                h.prev, h.build, h.aid, h.spend);
    {
        meas lg = member(w, NULL, "legal");
        cr_log_info("baseline: membership in force: lines of control P(war) %.4f deep %.4f "
                    "prev %.4f build %.4f aid %.4f spend %.4f; legal P(war) %.4f deep %.4f "
                    "prev %.4f build %.4f", ma.war_post, ma.deep, ma.prev, ma.build, ma.aid,
                    ma.spend, lg.war_post, lg.deep, lg.prev, lg.build);
    }
    world_free(w);
}

/* ---- (a) Russia keeps fighting while admission waits for a cease-fire - */

/* Russia compares fighting on (-war_cost) with a cease-fire, after which
** Ukraine joins (-block_value e^(-rate delay)) and the guarantee holds
** (0: at the baseline, once in force, no test and no crisis war).  So it
** fights on exactly when the discounted value of blocking membership
** exceeds its cost of war. */
static double block_pv(const world *w)
{
    return get(w, MEM, "block_value") * exp(-get(w, MEM, "rate") * get(w, MEM, "delay"));
}

Test(security, claim_a)
{
    world *w = world_new();
    double bv = get(w, MEM, "block_value"), wc = get(w, MEM, "war_cost");
    double rate = get(w, MEM, "rate"), delay = get(w, MEM, "delay");
    scanres s;

    cr_assert(claim_a(w), "at the baseline Russia should keep fighting");
    /* Wherever blocking is worth more than the war costs, and only there. */
    for (int i = 0; i <= 12; i++)
        for (int j = 0; j <= 8; j++) {
            double x = 30.0 * i / 12, y = 20.0 * j / 8;
            set(w, M_MEM, "block_value", x);
            set(w, M_MEM, "war_cost", y);
            if (fabs(block_pv(w) - y) < 1e-6)
                continue;
            cr_expect_eq(claim_a(w), block_pv(w) > y, "block_value %g war_cost %g", x, y);
        }
    set(w, M_MEM, "block_value", bv);
    set(w, M_MEM, "war_cost", wc);

    s = scan(w, M_MEM, "block_value", 0, 30, claim_a);
    expect_one("a", "block_value", &s, wc * exp(rate * delay), 1);
    s = scan(w, M_MEM, "war_cost", 0, 20, claim_a);
    expect_one("a", "war_cost", &s, bv * exp(-rate * delay), 0);
    s = scan(w, M_MEM, "rate", 0, 0.5, claim_a);
    expect_one("a", "rate", &s, log(bv / wc) / delay, 0);
    /* The threshold delay, log(bv / wc) / rate, lies beyond 10 years. */
    cr_assert_gt(log(bv / wc) / rate, 10.0);
    s = scan(w, M_MEM, "delay", 0, 10, claim_a);
    expect_none("a", "delay", &s, 1);
    /* Russia's choice does not depend on the guarantee's borders here. */
    s = scan(w, M_MEM, "honour", 0, 1, claim_a);
    expect_none("a", "honour", &s, 1);
    world_free(w);
}

/* ---- (b) admission during the war: direct war, and risk tolerance ----- */

/* Admitted during the war, Russia fights on when blocking is worth more
** than the war and the risk of fighting NATO (block_value > war_cost +
** h nato_cost); the members then honour Article 5 with probability h
** (honour under the lines of control): direct war.  The West's payoff is
** risk_tolerance * west_war_cost - h * west_war_cost relative to staying
** out, so it admits exactly when risk_tolerance >= h. */
Test(security, claim_b)
{
    world *w = world_new();
    double honour = get(w, MEM, "honour"), tau = get(w, MEM, "risk_tolerance");
    double wc = get(w, MEM, "war_cost"), nc = get(w, MEM, "nato_cost");
    scanres s;

    cr_assert(b_risk(w), "admission during the war should risk direct war");
    cr_assert(!b_admits(w), "at the baseline the West should stay out");
    cr_assert(claim_b(w));
    /* The risk the West faces is the chance the guarantee is honoured. */
    cr_expect_float_eq(member(w, "before", NULL).direct, honour, TOL);

    s = scan(w, M_MEM, "risk_tolerance", 0, 1, b_admits);
    expect_one("b (West admits)", "risk_tolerance", &s, honour, 1);
    s = scan(w, M_MEM, "risk_tolerance", 0, 1, claim_b);
    expect_none("b", "risk_tolerance", &s, 1);
    /* Over honour the West admits below its tolerance, and again at
    ** honour (block_value - war_cost) / nato_cost (here 1), where Russia
    ** would stop fighting once Ukraine is in. */
    s = scan(w, M_MEM, "honour", 0, 1, b_admits);
    report("b (West admits)", "honour", &s);
    cr_assert_eq(s.n, 2);
    cr_expect(fabs(s.at[0] - tau) < NEAR && s.below[0]);
    cr_expect(fabs(s.at[1] - fmin(1, (get(w, MEM, "block_value") - wc) / nc)) < NEAR &&
              !s.below[1]);
    /* b fails where Russia would stop once Ukraine is admitted. */
    s = scan(w, M_MEM, "block_value", 0, 30, claim_b);
    expect_one("b", "block_value", &s, wc + honour * nc, 1);
    s = scan(w, M_MEM, "nato_cost", 0, 30, claim_b);
    expect_one("b", "nato_cost", &s, (get(w, MEM, "block_value") - wc) / honour, 0);
    /* b fails at honour 0 (no risk at all) and from (block_value -
    ** war_cost) / nato_cost (here 1), where Russia stops once Ukraine is in. */
    s = scan(w, M_MEM, "honour", 0, 1, claim_b);
    report("b", "honour", &s);
    cr_assert_eq(s.n, 2);
    cr_expect(s.at[0] < NEAR && !s.below[0]);
    cr_expect(fabs(s.at[1] - fmin(1, (get(w, MEM, "block_value") - wc) / nc)) < NEAR &&
              s.below[1]);
    world_free(w);
}

/* ---- (c) free-riding: less own defence under membership --------------- */

/* Ukraine builds when rev * (layers without it) * own_deterrence *
** war_loss exceeds defence_cost.  Membership: the guarantee deters with
** g = honour * nato_deterrence - line_weakness (capped at 1), so Ukraine
** builds only when honour < (1 - defence_cost / (rev own war_loss) +
** line_weakness) / nato_deterrence.  Israel: the layer the edge leaves is
** L = 1 - reliability edge_deterrence, so Ukraine builds while
** rev L own war_loss > defence_cost (with the ceiling not binding). */
Test(security, claim_c)
{
    world *w = world_new();
    double dc = get(w, ISR, "defence_cost"), rev = get(w, ISR, "revanchism");
    double own = get(w, ISR, "own_deterrence"), wl = get(w, ISR, "war_loss");
    double L = 1 - get(w, ISR, "reliability") * get(w, ISR, "edge_deterrence");
    scanres s;

    cr_assert(claim_c(w), "Ukraine should free-ride under membership only");
    cr_expect_float_eq(member(w, NULL, NULL).build, 0.0, TOL);
    cr_expect_float_eq(measure(w, ISR).build, 1.0, TOL);
    cr_assert_gt(L * (1 - own), 1 - get(w, ISR, "ceiling"), "the ceiling binds: redo");

    s = scan(w, M_MEM, "nato_deterrence", 0, 5, claim_c);
    expect_one("c", "nato_deterrence", &s,
               (1 - dc / (rev * own * wl) + get(w, MEM, "line_weakness")) / get(w, MEM, "honour"),
               1);
    s = scan(w, M_MEM, "honour", 0, 1, claim_c);
    expect_one("c", "honour", &s,
               (1 - dc / (rev * own * wl) + get(w, MEM, "line_weakness")) /
                   get(w, MEM, "nato_deterrence"),
               1);
    /* From just above 0: at 0 building costs nothing and ties. */
    s = scan(w, M_ALL, "defence_cost", 0.01, 10, claim_c);
    expect_one("c", "defence_cost", &s, rev * L * own * wl, 0);
    s = scan(w, M_ALL, "own_deterrence", 0, 1, claim_c);
    expect_one("c", "own_deterrence", &s, dc / (rev * L * wl), 1);
    s = scan(w, M_ALL, "revanchism", 0, 1, claim_c);
    expect_one("c", "revanchism", &s, dc / (L * own * wl), 1);
    s = scan(w, M_ALL, "war_loss", 0, 30, claim_c);
    expect_one("c", "war_loss", &s, dc / (rev * L * own), 1);
    world_free(w);
}

/* ---- (d) membership restrains Ukraine --------------------------------- */

/* In a crisis, Ukraine strikes when the strikes pay (gain = (ambition +
** lost_land) capability - strike_cost > 0) and nothing worse follows:
** under membership the alliance reins Ukraine in (framework > 0), costing
** it `leverage`, so it holds fire while leverage > gain.  Under the Israel
** option the West looks away, and Russia absorbs the strikes while face <
** war_cost + dominance; it then strikes first when fear capability / 2 >
** war_cost + dominance - face.  If instead Russia would retaliate (face >
** war_cost + dominance), strikes mean war, Ukraine holds fire and mutual
** restraint is the equilibrium kept. */
Test(security, claim_d)
{
    world *w = world_new();
    double amb = get(w, ISR, "ambition") + get(w, ISR, "lost_land");
    double sc = get(w, ISR, "strike_cost"), fear = get(w, ISR, "fear");
    double wc = get(w, ISR, "war_cost"), dom = get(w, ISR, "dominance");
    double face = get(w, ISR, "face"), capi = get(w, ISR, "capability");
    scanres s;

    cr_assert(claim_d(w), "membership should restrain Ukraine");
    {
        meas m = member(w, NULL, NULL), i = measure(w, ISR);
        cr_expect_float_eq(m.deep, 0.0, TOL);
        cr_expect_float_eq(m.prev, 0.0, TOL);
        cr_expect_float_eq(i.deep, get(w, ISR, "crisis"), TOL);
        cr_expect_float_eq(i.prev, get(w, ISR, "crisis"), TOL);
    }
    s = scan(w, M_ISR, "capability", 0, 1, israel_deep);
    expect_one("d (Israel: deep strikes)", "capability", &s, sc / amb, 1);
    s = scan(w, M_ISR, "capability", 0, 1, israel_prev);
    expect_one("d (Israel: preventive escalation)", "capability", &s,
               2 * (wc + dom - face) / fear, 1);
    s = scan(w, M_ISR, "capability", 0, 1, claim_d);
    expect_one("d", "capability (Israel)", &s, 2 * (wc + dom - face) / fear, 1);
    s = scan(w, M_MEM, "leverage", 0, 20, claim_d);
    expect_one("d", "leverage (membership)", &s,
               (get(w, MEM, "ambition") + get(w, MEM, "lost_land")) *
                       get(w, MEM, "capability") - get(w, MEM, "strike_cost"),
               1);
    s = scan(w, M_ISR, "dominance", 0, 20, claim_d);
    report("d", "dominance (Israel)", &s);
    cr_assert_eq(s.n, 2);
    cr_expect(fabs(s.at[0] - (face - wc)) < NEAR, "%.7f", s.at[0]);
    cr_expect(fabs(s.at[1] - (face - wc + fear * capi / 2)) < NEAR, "%.7f", s.at[1]);
    cr_expect(!s.below[0] && s.below[1]);
    s = scan(w, M_ALL, "face", 0, 20, claim_d);
    report("d", "face", &s);
    cr_assert_eq(s.n, 2);
    cr_expect(fabs(s.at[0] - (wc + dom - fear * capi / 2)) < NEAR, "%.7f", s.at[0]);
    cr_expect(fabs(s.at[1] - (wc + dom)) < NEAR, "%.7f", s.at[1]);
    cr_expect(!s.below[0] && s.below[1]);
    world_free(w);
}

/* ---- (e) the Israel option costs more in aid -------------------------- */

/* Neither option draws sustained aid at the baseline (the guarantee, or
** Ukraine's own effort and the edge, leave aid too little to do), so the
** bills compare: edge_cost against member_aid. */
Test(security, claim_e)
{
    world *w = world_new();
    scanres s;
    cr_assert(claim_e(w));
    cr_expect_float_eq(member(w, NULL, NULL).aid, 0.0, TOL);
    cr_expect_float_eq(measure(w, ISR).aid, 0.0, TOL);
    s = scan(w, M_ISR, "edge_cost", 0, 20, claim_e);
    expect_one("e", "edge_cost", &s, get(w, MEM, "member_aid"), 1);
    s = scan(w, M_MEM, "member_aid", 0, 20, claim_e);
    expect_one("e", "member_aid", &s, get(w, ISR, "edge_cost"), 0);
    s = scan(w, M_ALL, "aid_cost", 0, 10, claim_e);
    expect_none("e", "aid_cost", &s, 1);
    s = scan(w, M_MEM, "honour", 0, 1, claim_e);
    expect_none("e", "honour", &s, 1);
    world_free(w);
}

/* ---- (f) the hybrid: easiest to reach, not more stabilising ----------- */

/* The West adopts an option when its value once in force beats no deal,
** -revanchism west_stake - abandon_cost.  In force, a crisis ends in war
** and the long run leaves a test with probability p (Ukraine building, no
** aid): value -bill - crisis wwar - (1 - crisis) p wwar, where wwar is the
** West's loss in a war (west_stake, plus the chance the assurers fight
** times west_war_cost - west_stake for the hybrid).  The hybrid is less
** stabilising than the Israel option while its assurances deter less than
** the edge (assure_honour < edge_deterrence), and while Russia does not
** answer strikes with war (assure_honour > (face - war_cost) / nato_cost);
** below that, strikes would mean war, Ukraine holds fire and crises end
** in mutual restraint. */
Test(security, claim_f)
{
    world *w = world_new();
    double rev = get(w, HYB, "revanchism"), ws = get(w, HYB, "west_stake");
    double ab = get(w, HYB, "abandon_cost"), cr = get(w, HYB, "crisis");
    double own = get(w, HYB, "own_deterrence"), ah = get(w, HYB, "assure_honour");
    double wwh = ah * get(w, HYB, "west_war_cost") + (1 - ah) * ws;
    double ph = rev * (1 - get(w, HYB, "reliability") * ah) * (1 - own);
    double pi = rev * fmax(1 - get(w, ISR, "ceiling"),
                           (1 - get(w, ISR, "reliability") * get(w, ISR, "edge_deterrence")) *
                               (1 - own));
    double nodeal = rev * ws + ab;
    scanres s;

    cr_assert(f_easiest(w), "the hybrid should be the easiest option to reach");
    cr_assert(f_not_more_stable(w), "the hybrid should not be more stabilising");
    cr_assert(claim_f(w));

    s = scan(w, M_HYB, "support_cost", 0, 20, claim_f);
    expect_one("f", "support_cost (hybrid)", &s, nodeal - cr * wwh - (1 - cr) * ph * wwh, 0);
    s = scan(w, M_ISR, "edge_cost", 0, 20, claim_f);
    expect_one("f", "edge_cost (Israel)", &s, nodeal - cr * ws - (1 - cr) * pi * ws, 1);
    s = scan(w, M_HYB, "assure_honour", 0, 1, claim_f);
    report("f", "assure_honour (hybrid)", &s);
    cr_assert_eq(s.n, 2);
    cr_expect(fabs(s.at[0] - (get(w, HYB, "face") - get(w, HYB, "war_cost")) /
                                 get(w, HYB, "nato_cost")) < NEAR, "%.7f", s.at[0]);
    cr_expect(fabs(s.at[1] - get(w, ISR, "edge_deterrence")) < NEAR, "%.7f", s.at[1]);
    cr_expect(!s.below[0] && s.below[1]);
    s = scan(w, M_ALL, "crisis", 0, 1, claim_f);
    expect_one("f", "crisis", &s,
               (nodeal - get(w, HYB, "support_cost") - ph * wwh) / (wwh - ph * wwh), 0);
    /* Reliability (of Western support, in the Israel and hybrid models):
    ** once it is high the conventional ceiling binds on the Israel option,
    ** Ukraine's own effort no longer pays there (Ukraine free-rides on the
    ** edge), and the Israel option becomes the less stabilising. */
    s = scan(w, M_ISR | M_HYB, "reliability", 0, 1, f_easiest);
    expect_none("f (easiest)", "reliability", &s, 1);
    s = scan(w, M_ISR | M_HYB, "reliability", 0, 1, claim_f);
    expect_one("f", "reliability", &s,
               (get(w, ISR, "ceiling") - get(w, ISR, "defence_cost") /
                                             (rev * get(w, ISR, "war_loss"))) /
                   get(w, ISR, "edge_deterrence"),
               0);
    /* Membership reached under either timing: admitted during the war,
    ** Russia stops when block_value < war_cost + honour nato_cost. */
    s = scan(w, M_MEM, "block_value", 0, 30, claim_f);
    expect_one("f", "block_value (membership)", &s,
               get(w, MEM, "war_cost") + get(w, MEM, "honour") * get(w, MEM, "nato_cost"), 1);
    world_free(w);
}

/* ---- (g) membership guaranteeing the lines of control: least war ------- */

/* defence_cost / (revanchism own_deterrence war_loss): how much of a test's
** chance the guarantee must leave for Ukraine's own defence to pay. */
static double dc_rel(const world *w)
{
    return get(w, MEM, "defence_cost") /
           (get(w, MEM, "revanchism") * get(w, MEM, "own_deterrence") * get(w, MEM, "war_loss"));
}

/* Under the lines of control the guarantee deters every test (honour
** nato_deterrence - line_weakness >= 1) and the alliance keeps crises
** calm, so renewed war has probability 0 once in force.  A guarantee of
** the legal borders deters fully only when legal_credibility >= 1 /
** (honour nato_deterrence); g fails there (a tie at 0).  With leverage
** below Ukraine's gain from strikes the alliance no longer restrains
** Ukraine, crises end in war (probability crisis), and the legal-border
** guarantee, whose smaller gain leaves Ukraine restrained, does better. */
Test(security, claim_g)
{
    world *w = world_new();
    double honour = get(w, MEM, "honour"), nd = get(w, MEM, "nato_deterrence");
    double gain = (get(w, MEM, "ambition") + get(w, MEM, "lost_land")) *
                      get(w, MEM, "capability") - get(w, MEM, "strike_cost");
    scanres s;

    cr_assert(claim_g(w), "the guarantee of the lines of control should be most stabilising");
    cr_expect_float_eq(member(w, NULL, "lines_of_control").war_post, 0.0, TOL);

    s = scan(w, M_MEM, "legal_credibility", 0, 1, claim_g);
    expect_one("g", "legal_credibility", &s, 1 / (honour * nd), 0);
    s = scan(w, M_MEM, "leverage", 0, 20, claim_g);
    expect_one("g", "leverage", &s, gain, 1);
    s = scan(w, M_MEM, "honour", 0, 1, claim_g);
    expect_none("g", "honour", &s, 1);
    /* Weaker lines: past honour nato_deterrence - 1 the guarantee no longer
    ** deters every test, Ukraine still free-rides on it, and renewed war,
    ** (1 - crisis) rev (1 - g), overtakes the legal-border guarantee's;
    ** once g < 1 - defence_cost / (rev own war_loss) Ukraine builds its own
    ** defence and the lines of control are ahead again. */
    {
        double cr = get(w, MEM, "crisis"), rev = get(w, MEM, "revanchism");
        double own = get(w, MEM, "own_deterrence");
        double revl = fmin(1, rev + get(w, MEM, "legal_revanchism"));
        double gl = honour * get(w, MEM, "legal_credibility") * nd;
        double legal = (1 - cr) * revl * (1 - gl) * (1 - own);
        cr_expect_float_eq(member(w, NULL, "legal").war_post, legal, TOL);
        s = scan(w, M_MEM, "line_weakness", 0, 1, claim_g);
        report("g", "line_weakness", &s);
        cr_assert_eq(s.n, 2);
        cr_expect(fabs(s.at[0] - (honour * nd - 1 + legal / ((1 - cr) * rev))) < NEAR, "%.7f",
                  s.at[0]);
        cr_expect(fabs(s.at[1] - (honour * nd - 1 + dc_rel(w))) < NEAR, "%.7f", s.at[1]);
        cr_expect(s.below[0] && !s.below[1]);
    }
    /* Only at crisis = 1 does g fail: no long run, and both guarantees keep
    ** every crisis calm (a tie at 0). */
    s = scan(w, M_ALL, "crisis", 0, 1, claim_g);
    expect_one("g", "crisis", &s, 1.0, 0);
    s = scan(w, M_ALL, "revanchism", 0, 1, claim_g);
    expect_none("g", "revanchism", &s, 1);
    world_free(w);
}

/* ---- several equilibria (part 5) -------------------------------------- */

/* The membership model's escalation stage is a security dilemma with two
** pure equilibria; with --all the solver lists both subgame-perfect
** equilibria.  They agree on the path at the baseline (Russia fights on)
** and differ once the guarantee is in force: renewed war 0 or `crisis`. */
Test(security, several_equilibria)
{
    world *w = world_new();
    meas e0 = measure_k(w->m[MEM], w->v[MEM], MEM, 1, 0);
    meas e1 = measure_k(w->m[MEM], w->v[MEM], MEM, 1, 1);
    double cr = get(w, MEM, "crisis");
    cr_assert_eq(e0.neq, 2);
    cr_expect_float_eq(e0.war, e1.war, TOL);
    cr_expect_float_eq(fmin(e0.war_post, e1.war_post), 0.0, TOL);
    cr_expect_float_eq(fmax(e0.war_post, e1.war_post), cr, TOL);
    cr_expect_float_eq(fmax(e0.prev, e1.prev), cr, TOL);
    /* The selected one is mutual restraint. */
    cr_expect_float_eq(member(w, NULL, NULL).war_post, 0.0, TOL);
    cr_log_info("membership --all: %d equilibria; P(war | in force) %.4f and %.4f", e0.neq,
                e0.war_post, e1.war_post);
    /* Israel and hybrid: unique at the baseline. */
    cr_expect_eq(measure_k(w->m[ISR], w->v[ISR], ISR, 1, 0).neq, 1);
    cr_expect_eq(measure_k(w->m[HYB], w->v[HYB], HYB, 1, 0).neq, 1);
    /* The hybrid with weak assurances: two, restraint kept by welfare. */
    set(w, M_HYB, "assure_honour", 0.3);
    {
        meas a = measure_k(w->m[HYB], w->v[HYB], HYB, 1, 0);
        meas b = measure_k(w->m[HYB], w->v[HYB], HYB, 1, 1);
        meas sel = measure(w, HYB);
        cr_expect_eq(a.neq, 2);
        cr_expect_float_eq(fabs(a.war - b.war), cr, 1e-9);
        cr_expect_float_eq(sel.war, fmin(a.war, b.war), TOL);
        cr_log_info("hybrid, assure_honour 0.3, --all: P(war) %.4f and %.4f; welfare keeps %.4f",
                    a.war, b.war, sel.war);
    }
    world_free(w);
}
