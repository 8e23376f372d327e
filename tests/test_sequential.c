/*
** test_sequential.c -- sequential equilibria as the limit of the agent QRE
** (-m sequential) and quasi-perfect ones by Lemke's algorithm on the
** perturbed sequence form (-m lemke --perfect), their certificates, their
** agreement with the pure weak PBE, and spe on trees without proper
** subgames.  Expected
** values are derived by hand in the comments. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"

#define FIX EQ_FIXTURES "/bayes/"
#define EPS 1e-9

static eq_tree_result *solve(const eq_tree *t, eq_method m, int perfect)
{
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_tree_opts_init(&o);
    o.method = m;
    o.perfect = perfect;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s: %s", eq_method_name(m),
                 r ? eq_tree_result_errmsg(r) : "no result");
    return r;
}

/* Equilibrium k of r is sequentially rational given its beliefs and
** follows Bayes' rule on its path, to 1e-8. */
static void certified(const eq_tree_result *r, int k)
{
    double sr = eq_tree_result_seq_regret(r, k), bg = eq_tree_result_bayes_gap(r, k);
    cr_expect(sr >= 0.0 && sr <= 1e-8, "equilibrium %d: sequential regret %g", k, sr);
    cr_expect(bg >= 0.0 && bg <= 1e-8, "equilibrium %d: Bayes gap %g", k, bg);
    cr_expect(eq_tree_result_regret(r, k) <= 1e-8, "equilibrium %d: max regret %g", k,
              eq_tree_result_regret(r, k));
}

/*
** Selten's horse (fixture): player 3 believes m that 1 went down; L gives
** 2m, R gives 1 - m.  With q = P(L): 2 prefers c iff 4q <= 1, and then 1
** prefers C iff 3q <= 1.  Going down (D) reaches 3 with m = 1, hence L,
** hence d by 2 and C by 1: a contradiction, so every sequential
** equilibrium has C and c, and q <= 1/4 with 3 optimal: q in (0, 1/4] needs
** m = 1/3, q = 0 needs m <= 1/3.
** Which one the agent QRE selects: near the limit 1 trembles to D with
** weight exp(-lambda (1 - 3q)) and 2 to d with exp(-lambda (1 - 4q)),
** so m = 1 / (1 + exp(-lambda q)) unless q -> 0; 3's logit response keeps
** m near 1/3 with q = log 2 / lambda -> 0.  The limit: (C, c, R), with
** m = 1/3 (3 indifferent), to O(log(lambda) / lambda).
** The pure Nash equilibrium (D, c, L), which spe's welfare rule picks
** (payoffs 3 + 3 + 2 against 1 + 1 + 1), has 2 choosing c off the path
** where d is better against L: no sequential equilibrium has it.
*/
Test(sequential, selten_horse)
{
    eq_tree *t = t_read_efg(FIX "horse.efg");
    eq_tree_result *r = solve(t, EQ_METHOD_SEQUENTIAL, 0);
    int h3 = t_infoset(t, "3");
    double m;

    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(t_behaviour(r, 0, t, "1", "C") - 1.0) < EPS);
    cr_expect(fabs(t_behaviour(r, 0, t, "2", "c") - 1.0) < EPS);
    cr_expect(t_behaviour(r, 0, t, "3", "L") <= 0.25 + EPS);
    cr_expect_eq(eq_tree_result_reached(r, 0, h3), 0);
    m = eq_tree_result_belief(r, 0, t_node(t, "after D"));
    cr_expect(fabs(m - 1.0 / 3.0) < 1e-4, "belief %g", m);
    cr_expect(fabs(m + eq_tree_result_belief(r, 0, t_node(t, "after Cd")) - 1.0) < EPS);
    certified(r, 0);
    eq_tree_result_free(r);

    /* spe: no proper subgame; the welfare rule picks (D, c, L), and says
    ** why it cannot do better. */
    r = solve(t, EQ_METHOD_SPE, 0);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(t_behaviour(r, 0, t, "1", "D") - 1.0) < EPS);
    cr_expect(fabs(t_behaviour(r, 0, t, "2", "c") - 1.0) < EPS);
    cr_expect(strstr(eq_tree_result_selection(r), "no proper subgame") != NULL, "%s",
              eq_tree_result_selection(r));
    cr_expect(strstr(eq_tree_result_selection(r), "-m sequential") != NULL);
    cr_expect(eq_tree_result_seq_regret(r, 0) == -1.0);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/*
** A simple card game (fixture, after Myerson 1991): red wins.  With m =
** P(red | raise), meeting gives 2 the payoff -2m + 2(1 - m) and passing
** -1, equal at m = 3/4; m = (1/2) / (1/2 + r/2) for a black raise
** probability r gives r = 1/3.  Black is indifferent when -1 (fold) =
** -2s + (1 - s) for a meeting probability s: s = 2/3.  Red always raises
** (it gets 2s + (1 - s) = 5/3 > 1).  No pure PBE: if black folds, a raise
** shows red and 2 passes, so black would raise; if black raises, m = 1/2
** and 2 meets (0 > -1), so black would fold.
*/
Test(sequential, card_game_mixed_with_belief)
{
    eq_tree *t = t_read_efg(FIX "poker.efg");
    int perfect[] = { 0, 1 };
    eq_method ms[] = { EQ_METHOD_SEQUENTIAL, EQ_METHOD_LEMKE };
    for (int i = 0; i < 2; i++) {
        eq_tree_result *r = solve(t, ms[i], perfect[i]);
        cr_assert_eq(eq_tree_result_count(r), 1);
        cr_expect(fabs(t_behaviour(r, 0, t, "red", "raise") - 1.0) < EPS);
        cr_expect(fabs(t_behaviour(r, 0, t, "black", "raise") - 1.0 / 3.0) < EPS);
        cr_expect(fabs(t_behaviour(r, 0, t, "after raise", "meet") - 2.0 / 3.0) < EPS);
        cr_expect(fabs(eq_tree_result_belief(r, 0, t_node(t, "red, raise")) - 0.75) < EPS);
        cr_expect_eq(eq_tree_result_reached(r, 0, t_infoset(t, "after raise")), 1);
        cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 1.0 / 3.0) < EPS);
        certified(r, 0);
        eq_tree_result_free(r);
    }
    {
        eq_tree_result *r = solve(t, EQ_METHOD_PBE, 0);
        cr_expect_eq(eq_tree_result_count(r), 0);
        cr_expect_eq(eq_tree_result_solution(r), EQ_SOL_NONE);
        cr_expect(strstr(eq_tree_result_selection(r), "no pure weak perfect Bayesian") != NULL,
                  "%s", eq_tree_result_selection(r));
        eq_tree_result_free(r);
    }
    eq_tree_free(t);
}

/*
** Two-sided deterrence (fixture): challenger resolute (2/5) or opportunist,
** defender committed or weak (1/2 each), types private.  Status quo (0,
** 0); concession (1, -1); war costs the resolute challenger 1/2, the
** opportunist 2, the committed defender 1/2, the weak one 3.
**   At its set, whatever it believes, the committed defender defends
**   (-1/2 > -1) and the weak one concedes (-1 > -3).  So a challenge gives
**   the resolute challenger (1/2)(-1/2) + (1/2)(1) = 1/4 > 0 and the
**   opportunist (1/2)(-2) + (1/2)(1) = -1/2 < 0.  The only sequential
**   equilibrium and the only PBE: resolute challenges, opportunist not,
**   committed defends, weak concedes; the defenders' beliefs put 1 on the
**   resolute challenger, the challengers' the prior 1/2; payoffs
**   (2/5)(1/4) = 1/10 and (2/5)((1/2)(-1/2) + (1/2)(-1)) = -3/10.
**   spe has no proper subgame to work with: Nash equilibria of the whole
**   game include "no challenge" held up by the weak defender defending
**   with probability d_w >= 1/3 (then the resolute challenger's challenge
**   gives (1/2)(-1/2) + (1/2)(1 - 3 d_w / 2) <= 0), welfare 0 against
**   -1/5 for the sequential one, so its welfare rule picks such a threat.
*/
Test(sequential, deterrence_without_incredible_threats)
{
    eq_tree *t = t_read_efg(FIX "deterrence.efg");
    eq_tree_result *r = solve(t, EQ_METHOD_SPE, 0);
    eq_method ms[] = { EQ_METHOD_SEQUENTIAL, EQ_METHOD_PBE };

    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(t_behaviour(r, 0, t, "resolute", "challenge") < EPS);
    cr_expect(t_behaviour(r, 0, t, "weak", "defend") >= 1.0 / 3.0 - EPS,
              "weak defends with %g", t_behaviour(r, 0, t, "weak", "defend"));
    cr_expect_eq(eq_tree_result_reached(r, 0, t_infoset(t, "weak")), 0);
    cr_expect(strstr(eq_tree_result_selection(r), "no proper subgame") != NULL, "%s",
              eq_tree_result_selection(r));
    eq_tree_result_free(r);

    for (int i = 0; i < 2; i++) {
        r = solve(t, ms[i], ms[i] == EQ_METHOD_LEMKE);
        cr_assert_eq(eq_tree_result_count(r), 1, "%s", eq_method_name(ms[i]));
        cr_expect(fabs(t_behaviour(r, 0, t, "resolute", "challenge") - 1.0) < EPS);
        cr_expect(fabs(t_behaviour(r, 0, t, "opportunist", "not") - 1.0) < EPS);
        cr_expect(fabs(t_behaviour(r, 0, t, "committed", "defend") - 1.0) < EPS);
        cr_expect(fabs(t_behaviour(r, 0, t, "weak", "concede") - 1.0) < EPS,
                  "%s: weak defends with %g", eq_method_name(ms[i]),
                  t_behaviour(r, 0, t, "weak", "defend"));
        cr_expect(fabs(eq_tree_result_belief(r, 0, t_node(t, "resolute challenges weak")) - 1.0)
                  < EPS);
        cr_expect(fabs(eq_tree_result_belief(r, 0, t_node(t, "resolute, weak")) - 0.5) < EPS);
        cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 0.1) < EPS);
        cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) + 0.3) < EPS);
        certified(r, 0);
        eq_tree_result_free(r);
    }
    eq_tree_free(t);
}

/* The index of the equilibrium of r that has the behaviour of equilibrium
** k of s at every set (to EPS); -1 if none. */
static int same_profile(const eq_tree_result *r, const eq_tree_result *s, int k,
                        const eq_tree *t)
{
    for (int e = 0; e < eq_tree_result_count(r); e++) {
        int same = 1;
        for (int h = 0; h < eq_tree_infosets(t) && same; h++) {
            const double *a = eq_tree_result_behaviour(r, e, h);
            const double *b = eq_tree_result_behaviour(s, k, h);
            for (int i = 0; i < eq_tree_infoset_actions(t, h); i++)
                same = same && fabs(a[i] - b[i]) < 1e-7;
        }
        if (same)
            return e;
    }
    return -1;
}

/* Whether every behaviour probability of equilibrium k is 0 or 1. */
static int is_pure(const eq_tree_result *r, int k, const eq_tree *t)
{
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        const double *b = eq_tree_result_behaviour(r, k, h);
        for (int i = 0; i < eq_tree_infoset_actions(t, h); i++)
            if (fabs(b[i]) > 1e-7 && fabs(b[i] - 1.0) > 1e-7)
                return 0;
    }
    return 1;
}

/*
** sequential and lemke --perfect against pbe: a sequential (or
** quasi-perfect) equilibrium is a weak PBE, so a pure one must be among pbe's list, with the same beliefs
** where it goes, and off the path beliefs inside pbe's supporting set (for
** two-node sets, the interval between its vertices).  The agent-QRE limit
** satisfies its certificate to 1e-8 on every tree here; on the trees of
** perfect information it is the backward-induction solution.
*/
Test(sequential, agrees_with_pbe)
{
    static const char *const files[] = { "beer_quiche.efg", "spence.efg", "horse.efg",
                                         "deterrence.efg", "three_types.efg",
                                         "perfect.efg" };
    int pure_seen = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[512];
        eq_tree *t;
        eq_tree_result *pbe;
        snprintf(path, sizeof path, "%s%s", FIX, files[f]);
        t = t_read_efg(path);
        pbe = solve(t, EQ_METHOD_PBE, 0);
        for (int m = 0; m < 2; m++) {
            eq_tree_result *r;
            int e;
            if (m == 1 && eq_tree_players(t) != 2)
                continue;
            r = m == 0 ? solve(t, EQ_METHOD_SEQUENTIAL, 0) : solve(t, EQ_METHOD_LEMKE, 1);
            cr_assert_eq(eq_tree_result_count(r), 1);
            certified(r, 0);
            if (!is_pure(r, 0, t)) {
                eq_tree_result_free(r);
                continue;
            }
            pure_seen++;
            e = same_profile(pbe, r, 0, t);
            cr_expect(e >= 0, "%s: the %s equilibrium is not among pbe's", files[f],
                      m ? "perfect" : "sequential");
            for (int h = 0; e >= 0 && h < eq_tree_infosets(t); h++) {
                int nm = eq_tree_infoset_members(t, h);
                cr_expect_eq(eq_tree_result_reached(r, 0, h), eq_tree_result_reached(pbe, e, h));
                if (eq_tree_result_reached(pbe, e, h)) {
                    for (int i = 0; i < nm; i++) {
                        int v = eq_tree_infoset_member(t, h, i);
                        cr_expect(fabs(eq_tree_result_belief(r, 0, v) -
                                       eq_tree_result_belief(pbe, e, v)) < 1e-7);
                    }
                } else if (nm == 2) {
                    double lo = 2.0, hi = -1.0;
                    double b = eq_tree_result_belief(r, 0, eq_tree_infoset_member(t, h, 0));
                    for (int j = 0; j < eq_tree_result_belief_vertices(pbe, e, h); j++) {
                        const double *x = eq_tree_result_belief_vertex(pbe, e, h, j);
                        lo = fmin(lo, x[0]);
                        hi = fmax(hi, x[0]);
                    }
                    cr_expect(b >= lo - 1e-7 && b <= hi + 1e-7,
                              "%s set %d: belief %g outside [%g, %g]", files[f], h, b, lo, hi);
                }
            }
            eq_tree_result_free(r);
        }
        eq_tree_result_free(pbe);
        eq_tree_free(t);
    }
    /* six trees with a pure sequential equilibrium, and four of them (two
    ** players) with a pure quasi-perfect one */
    cr_expect(pure_seen >= 10, "only %d pure equilibria compared", pure_seen);
}

/* Perfect information: the agent QRE limit is backward induction.  Entry
** deterrence: the incumbent accommodates (1 > -1), so the entrant enters
** (1 > 0).  Matching pennies as a tree: (1/2, 1/2) each, the second mover
** believing 1/2 at each node. */
Test(sequential, backward_induction_and_mixing)
{
    eq_tree *t = t_read_efg(EQ_FIXTURES "/efg/entry.efg");
    eq_tree_result *r = solve(t, EQ_METHOD_SEQUENTIAL, 0);
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_expect(fabs(t_behaviour(r, 0, t, "Entrant's choice", "In") - 1.0) < EPS);
    cr_expect(fabs(t_behaviour(r, 0, t, "Incumbent's choice", "Accommodate") - 1.0) < EPS);
    certified(r, 0);
    eq_tree_result_free(r);
    eq_tree_free(t);

    t = t_read_efg(EQ_FIXTURES "/efg/imperfect.efg");
    r = solve(t, EQ_METHOD_SEQUENTIAL, 0);
    cr_expect(fabs(eq_tree_result_behaviour(r, 0, 0)[0] - 0.5) < EPS);
    cr_expect(fabs(eq_tree_result_behaviour(r, 0, 1)[0] - 0.5) < EPS);
    cr_expect(fabs(eq_tree_result_belief(r, 0, t_node(t, "after heads")) - 0.5) < EPS);
    certified(r, 0);
    eq_tree_result_free(r);
    eq_tree_free(t);
}


/* Error paths: a tree without perfect recall never gets finished (and an
** unfinished tree is refused), --perfect only goes with lemke on two
** players, the action limit is named, and eq_tree_assessment_regret checks
** its arguments. */
Test(sequential, errors)
{
    eq_tree *t = NULL;
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    int h0, h1, v;
    const double pay[1] = { 1.0 };

    /* Player 1 forgets her first move: both second-move nodes in one set. */
    cr_assert_eq(eq_tree_new(&t, 1), EQ_OK);
    cr_assert_eq(eq_tree_add_infoset(t, 0, 2, NULL, "first", &h0), EQ_OK);
    cr_assert_eq(eq_tree_add_infoset(t, 0, 2, NULL, "second", &h1), EQ_OK);
    cr_assert_eq(eq_tree_make_decision(t, 0, h0), EQ_OK);
    for (int a = 0; a < 2; a++) {
        v = eq_tree_child(t, 0, a);
        cr_assert_eq(eq_tree_make_decision(t, v, h1), EQ_OK);
        cr_assert_eq(eq_tree_make_terminal(t, eq_tree_child(t, v, 0), pay), EQ_OK);
        cr_assert_eq(eq_tree_make_terminal(t, eq_tree_child(t, v, 1), pay), EQ_OK);
    }
    cr_expect_eq(eq_tree_finish(t), EQ_ERR_ARG);
    cr_expect(strstr(eq_tree_errmsg(t), "breaks perfect recall") != NULL, "%s",
              eq_tree_errmsg(t));
    eq_tree_opts_init(&o);
    o.method = EQ_METHOD_SEQUENTIAL;
    cr_expect_eq(eq_tree_solve(t, &o, &r), EQ_ERR_ARG);
    cr_expect(strstr(eq_tree_result_errmsg(r), "not finished") != NULL, "%s",
              eq_tree_result_errmsg(r));
    eq_tree_result_free(r);
    eq_tree_free(t);

    t = t_read_efg(FIX "horse.efg");
    cr_expect_eq(eq_tree_assessment_regret(t, NULL, NULL, NULL, NULL), EQ_ERR_ARG);
    {
        /* A belief that does not sum to 1 is refused. */
        static const double b0[2] = { 1, 0 }, b1[2] = { 1, 0 }, b2[2] = { 0, 1 };
        const double *beh[3] = { b0, b1, b2 };
        double *bel = malloc((size_t)eq_tree_nodes(t) * sizeof *bel), sr;
        cr_assert_not_null(bel);
        for (int i = 0; i < eq_tree_nodes(t); i++)
            bel[i] = 0.7;
        cr_expect_eq(eq_tree_assessment_regret(t, beh, bel, &sr, NULL), EQ_ERR_ARG);
        cr_expect_eq(eq_tree_assessment_regret(t, beh, NULL, &sr, NULL), EQ_OK);
        cr_expect(sr < EPS);     /* (C, c, R): 3's set unreached, no belief */
        free(bel);
    }
    eq_tree_free(t);

    /* 1001 binary sets in a chain: 2002 actions, over the limit. */
    cr_assert_eq(eq_tree_new(&t, 1), EQ_OK);
    v = 0;
    for (int i = 0; i < 1001; i++) {
        int h;
        cr_assert_eq(eq_tree_add_infoset(t, 0, 2, NULL, NULL, &h), EQ_OK);
        cr_assert_eq(eq_tree_make_decision(t, v, h), EQ_OK);
        cr_assert_eq(eq_tree_make_terminal(t, eq_tree_child(t, v, 1), pay), EQ_OK);
        v = eq_tree_child(t, v, 0);
    }
    cr_assert_eq(eq_tree_make_terminal(t, v, pay), EQ_OK);
    cr_assert_eq(eq_tree_finish(t), EQ_OK);
    eq_tree_opts_init(&o);
    o.method = EQ_METHOD_SEQUENTIAL;
    cr_expect_eq(eq_tree_solve(t, &o, &r), EQ_ERR_LIMIT);
    cr_expect(strstr(eq_tree_result_errmsg(r), "SEQ_MAX_ACTIONS") != NULL, "%s",
              eq_tree_result_errmsg(r));
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/*
** A random tree with perfect recall: levels of chance moves or of one
** player's moves; at a player's level the nodes that share the player's
** last own move are split at random into information sets of one to three
** nodes, each with two or three actions; integer payoffs in 0..9 at the
** leaves.
*/
static eq_tree *random_tree(t_rng *g, int np, int depth)
{
    enum { CAP = 2048 };
    static int cur[CAP], next[CAP], ls[CAP][3], la[CAP][3], nls[CAP][3], nla[CAP][3];
    eq_tree *t = NULL;
    int nc = 1;
    cr_assert_eq(eq_tree_new(&t, np), EQ_OK);
    cur[0] = 0;
    for (int p = 0; p < 3; p++)
        ls[0][p] = la[0][p] = -1;
    for (int L = 0; L < depth; L++) {
        int nn = 0, p = t_rng_int(g, 0, np - 1);
        static char used[CAP];
        if (L > 0 && t_rng_int(g, 0, 4) == 0) {
            for (int i = 0; i < nc; i++) {
                double pr[2];
                pr[0] = t_rng_int(g, 1, 9) / 10.0;
                pr[1] = 1.0 - pr[0];
                cr_assert_eq(eq_tree_make_chance(t, cur[i], 2, NULL, pr), EQ_OK);
                for (int a = 0; a < 2 && nn < CAP; a++, nn++) {
                    next[nn] = eq_tree_child(t, cur[i], a);
                    memcpy(nls[nn], ls[i], sizeof ls[i]);
                    memcpy(nla[nn], la[i], sizeof la[i]);
                }
            }
        } else {
            memset(used, 0, (size_t)nc);
            for (int i = 0; i < nc; i++) {
                int grp[3], ng = 0, k = t_rng_int(g, 2, 3), h;
                if (used[i])
                    continue;
                for (int j = i; j < nc && ng < 3; j++)
                    if (!used[j] && ls[j][p] == ls[i][p] && la[j][p] == la[i][p] &&
                        (j == i || t_rng_int(g, 0, 1)))
                        grp[ng++] = j;
                cr_assert_eq(eq_tree_add_infoset(t, p, k, NULL, NULL, &h), EQ_OK);
                for (int q = 0; q < ng; q++) {
                    int j = grp[q];
                    used[j] = 1;
                    cr_assert_eq(eq_tree_make_decision(t, cur[j], h), EQ_OK);
                    for (int a = 0; a < k && nn < CAP; a++, nn++) {
                        next[nn] = eq_tree_child(t, cur[j], a);
                        memcpy(nls[nn], ls[j], sizeof ls[j]);
                        memcpy(nla[nn], la[j], sizeof la[j]);
                        nls[nn][p] = h;
                        nla[nn][p] = a;
                    }
                }
            }
        }
        memcpy(cur, next, (size_t)nn * sizeof *cur);
        memcpy(ls, nls, (size_t)nn * sizeof *ls);
        memcpy(la, nla, (size_t)nn * sizeof *la);
        nc = nn;
    }
    for (int v = 0; v < eq_tree_nodes(t); v++)
        if (eq_tree_node_kind(t, v) == EQ_NODE_OPEN) {
            double u[3];
            for (int p = 0; p < np; p++)
                u[p] = t_rng_int(g, 0, 9);
            cr_assert_eq(eq_tree_make_terminal(t, v, u), EQ_OK);
        }
    cr_assert_eq(eq_tree_finish(t), EQ_OK, "%s", eq_tree_errmsg(t));
    return t;
}

/* Generated trees of two and three players with chance and information
** sets of up to three nodes: the agent-QRE limit, and for two players
** the quasi-perfect equilibrium, satisfy their certificates to 1e-8 --
** sequential rationality at every set, reached or not, given the beliefs,
** and Bayes' rule on the path.  Such trees are full of the cases the
** refinement must get right: sets off the path where the limit mixes, and
** nodes whose beliefs vanish only in the limit. */
Test(sequential, certificate_on_generated_trees, .timeout = 600)
{
    t_rng g = { 2024 };
    for (int i = 0; i < 40; i++) {
        int np = t_rng_int(&g, 2, 3), depth = t_rng_int(&g, 2, 5);
        eq_tree *t = random_tree(&g, np, depth);
        for (int m = 0; m < 2; m++) {
            eq_tree_result *r;
            if (m == 1 && np != 2)
                continue;
            r = solve(t, m ? EQ_METHOD_LEMKE : EQ_METHOD_SEQUENTIAL, m);
            cr_assert_eq(eq_tree_result_count(r), 1);
            cr_expect(eq_tree_result_seq_regret(r, 0) <= 1e-8 &&
                      eq_tree_result_bayes_gap(r, 0) <= 1e-8 &&
                      eq_tree_result_regret(r, 0) <= 1e-8,
                      "tree %d (%d players, %d nodes), %s: certificate %g, Bayes gap %g, "
                      "max regret %g", i, np, eq_tree_nodes(t), m ? "perfect" : "sequential",
                      eq_tree_result_seq_regret(r, 0), eq_tree_result_bayes_gap(r, 0),
                      eq_tree_result_regret(r, 0));
            eq_tree_result_free(r);
        }
        eq_tree_free(t);
    }
}

/*
** Plain Lemke against --perfect (fixture perfect.efg).  Player 1 takes Out
** (2, 2) or goes In; player 2 answers r (1, 3) or l, after which player 1
** picks a (3, 1) or b (0, 0).  By hand: at her second move 1 picks a
** (3 > 0); then 2 prefers r (3 > 1), so 1 takes Out (2 > 1).  The only
** sequential -- hence quasi-perfect -- equilibrium is (Out, r, a), every
** set a singleton, so beliefs 1.  In Nash equilibrium the second move is
** off the path and may be anything: Lemke from the centroid ends at
** (Out, r, a 1/2 b 1/2), whose behaviour there loses 3 - 3/2 = 3/2 --
** a Nash equilibrium that is not perfect.  --perfect must give a.
*/
Test(sequential, perfect_refines_plain_lemke)
{
    eq_tree *t = t_read_efg(FIX "perfect.efg");
    eq_tree_result *plain = solve(t, EQ_METHOD_LEMKE, 0), *qp = solve(t, EQ_METHOD_LEMKE, 1);
    int h2 = t_infoset(t, "1 second");
    double *bel = malloc((size_t)eq_tree_nodes(t) * sizeof *bel), sr = -1.0;
    const double *beh[3];

    cr_assert_not_null(bel);
    cr_assert_eq(eq_tree_result_count(plain), 1);
    cr_assert_eq(eq_tree_result_count(qp), 1);
    /* Plain Lemke: a Nash equilibrium (max regret 0) mixing off the path. */
    cr_expect(eq_tree_result_regret(plain, 0) < EPS);
    cr_expect_eq(eq_tree_result_reached(plain, 0, h2), 0);
    cr_expect(fabs(t_behaviour(plain, 0, t, "1 second", "a") - 0.5) < EPS,
              "plain lemke plays a with %g (the centroid's path gives 1/2)",
              t_behaviour(plain, 0, t, "1 second", "a"));
    cr_expect(eq_tree_result_seq_regret(plain, 0) < 0.0);   /* not computed */
    for (int h = 0; h < 3; h++)
        beh[h] = eq_tree_result_behaviour(plain, 0, h);
    for (int v = 0; v < eq_tree_nodes(t); v++)
        bel[v] = 1.0;                                      /* singletons */
    cr_assert_eq(eq_tree_assessment_regret(t, beh, bel, &sr, NULL), EQ_OK);
    cr_expect(fabs(sr - 1.5) < EPS, "plain lemke's gain at the second move %g, want 3/2",
              sr);
    /* --perfect: (Out, r, a), beliefs 1, certified. */
    cr_expect(fabs(t_behaviour(qp, 0, t, "1 first", "Out") - 1.0) < EPS);
    cr_expect(fabs(t_behaviour(qp, 0, t, "2", "r") - 1.0) < EPS);
    cr_expect(fabs(t_behaviour(qp, 0, t, "1 second", "a") - 1.0) < EPS);
    cr_expect(fabs(eq_tree_result_belief(qp, 0, t_node(t, "after In, l")) - 1.0) < EPS);
    certified(qp, 0);
    cr_expect(strstr(eq_tree_result_selection(qp), "quasi-perfect") != NULL, "%s",
              eq_tree_result_selection(qp));
    free(bel);
    eq_tree_result_free(plain);
    eq_tree_result_free(qp);
    eq_tree_free(t);
}

/* --perfect goes with lemke only, and lemke on two players only: Selten's
** horse has three, so the comparison with sequential there is left to the
** two-player trees above (the card game, where both give the unique
** equilibrium). */
Test(sequential, perfect_errors)
{
    eq_tree *t = t_read_efg(FIX "horse.efg");
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_tree_opts_init(&o);
    o.method = EQ_METHOD_LEMKE;
    o.perfect = 1;
    cr_expect_eq(eq_tree_solve(t, &o, &r), EQ_ERR_UNSUPPORTED);
    cr_expect(strstr(eq_tree_result_errmsg(r), "two players") != NULL, "%s",
              eq_tree_result_errmsg(r));
    eq_tree_result_free(r);
    eq_tree_free(t);
    t = t_read_efg(FIX "poker.efg");
    o.method = EQ_METHOD_SEQUENTIAL;
    cr_expect_eq(eq_tree_solve(t, &o, &r), EQ_ERR_UNSUPPORTED);
    cr_expect(strstr(eq_tree_result_errmsg(r), "perfect applies to lemke") != NULL, "%s",
              eq_tree_result_errmsg(r));
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* The string options of the bindings reach --perfect: "method" lemke and
** "perfect" true on perfect.efg give (Out, r, a), as above. */
Test(sequential, perfect_as_a_string_option)
{
    eq_tree *t = t_read_efg(FIX "perfect.efg");
    eq_options *o = NULL;
    eq_tree_result *r = NULL;
    cr_assert_eq(eq_options_new(&o), EQ_OK);
    cr_assert_eq(eq_options_set(o, "method", "lemke"), EQ_OK);
    cr_assert_eq(eq_options_set(o, "perfect", "true"), EQ_OK, "%s", eq_options_errmsg(o));
    cr_assert_eq(eq_tree_solve_with(t, o, &r), EQ_OK, "%s", r ? eq_tree_result_errmsg(r) : "");
    cr_expect(fabs(t_behaviour(r, 0, t, "1 second", "a") - 1.0) < EPS);
    certified(r, 0);
    eq_tree_result_free(r);
    eq_options_free(o);
    eq_tree_free(t);
}
