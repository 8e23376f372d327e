/*
** test_outcomes.c -- outcome classes and named nodes in the model language
** (class, given; solver/model/outcomes.c) and their probabilities and
** payoffs at a solved point (eq_point_class_prob, eq_point_given_*).
** Every expected value is derived by hand in the comments.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "equilib.h"

/*
** Entry deterrence with a chance move after entry.  The entrant stays out
** (0, 2) or enters; a weak incumbent (probability p) meets it in the
** subgame "response", a strong one (1 - p) fights at once: war_strong,
** (-1, 1).  The weak incumbent fights (-c, -c) or shares (1, 1).
**
** At c = 2 (default): the weak incumbent shares (1 > -2).  Entering is
** worth p * 1 + (1 - p) * (-1) = 2p - 1 to the entrant; at p = 0.3 that
** is -0.4 < 0, so it stays out: P(peace) = 1, P(war) = 0, payoffs (0, 2).
** At p = 0.8: 2p - 1 = 0.6 > 0, it enters: P(war) = 1 - p = 0.2,
** P(peace) = 0.8; the entrant's payoff 0.6, the incumbent's
** 0.8 * 1 + 0.2 * 1 = 1.
** From the named node "entered" (the chance node), whatever the entrant
** does: P(war | entered) = 1 - p, and the entrant's payoff 2p - 1.
*/
static const char model[] =
    "game \"Classes\"\n"
    "players Entrant Incumbent\n"
    "param p = 0.3 in [0, 1]\n"
    "param c = 2 in [0, 10]\n"
    "class war \"a price war\" = war_*\n"
    "class peace \"no price war\" = peace_*\n"
    "given entered \"once the entrant is in\" = nature\n"
    "node entry: Entrant chooses\n"
    "  out -> peace_out\n"
    "  in  -> nature\n"
    "node nature: chance\n"
    "  weak   (p)     -> response\n"
    "  strong (1 - p) -> war_strong\n"
    "node response: Incumbent chooses\n"
    "  fight -> war_fight\n"
    "  share -> peace_shared\n"
    "node peace_out: (0, 2)\n"
    "node war_strong: (-1, 1)\n"
    "node war_fight: (-c, -c)\n"
    "node peace_shared: (1, 1)\n";

static eq_model *parse_text(const char *text, eq_diag *d)
{
    eq_model *m = NULL;
    eq_status s = eq_model_parse(&m, text, strlen(text), "t.game", d);
    return s == EQ_OK ? m : NULL;
}

static eq_point *solve_at(eq_model *m, eq_analysis **ap, double p)
{
    eq_point *pt = NULL;
    char set[64];
    cr_assert_eq(eq_analysis_new(ap, m), EQ_OK);
    snprintf(set, sizeof set, "p=%.17g", p);
    cr_assert_eq(eq_analysis_set(*ap, set), EQ_OK, "%s", eq_analysis_errmsg(*ap));
    cr_assert_eq(eq_point_new(&pt, m), EQ_OK);
    cr_assert_eq(eq_point_solve(pt, *ap, NULL), EQ_OK, "%s", eq_point_errmsg(pt));
    return pt;
}

Test(outcomes, declared_classes_and_givens)
{
    eq_diag d;
    eq_model *m = parse_text(model, &d);
    cr_assert_not_null(m, "%s", d.message);
    cr_assert_eq(eq_model_classes(m), 2);
    cr_assert_str_eq(eq_model_class_name(m, 0), "war");
    cr_assert_str_eq(eq_model_class_description(m, 1), "no price war");
    cr_assert_eq(eq_model_class_index(m, "peace"), 1);
    cr_assert_eq(eq_model_class_index(m, "direct_war"), -1);
    cr_assert_eq(eq_model_givens(m), 1);
    cr_assert_str_eq(eq_model_given_name(m, 0), "entered");
    cr_assert_str_eq(eq_model_given_node(m, 0), "nature");
    eq_model_free(m);
}

/* The same model with the class, given and claim lines placed after
** the action lines of a decision node and the moves of a chance node:
** README says they may appear anywhere among the model's lines, so they
** must end the node's block, not be read as actions named "class".  The
** classes and the given node are the same as above, and at the default
** p = 0.3 the entrant stays out: P(peace) = 1 (derived above). */
static const char model_late[] =
    "game \"Classes\"\n"
    "players Entrant Incumbent\n"
    "param p = 0.3 in [0, 1]\n"
    "param c = 2 in [0, 10]\n"
    "node entry: Entrant chooses\n"
    "  out -> peace_out\n"
    "  in  -> nature\n"
    "class war \"a price war\" = war_*\n"
    "node nature: chance\n"
    "  weak   (p)     -> response\n"
    "  strong (1 - p) -> war_strong\n"
    "given entered = nature\n"
    "node response: Incumbent chooses\n"
    "  fight -> war_fight\n"
    "  share -> peace_shared\n"
    "claim stays_out = \"P(peace) > 0.5\"\n"
    "class peace = peace_*\n"
    "node peace_out: (0, 2)\n"
    "node war_strong: (-1, 1)\n"
    "node war_fight: (-c, -c)\n"
    "node peace_shared: (1, 1)\n";

Test(outcomes, declarations_after_action_lines)
{
    eq_diag d;
    eq_analysis *a = NULL;
    eq_model *m = parse_text(model_late, &d);
    cr_assert_not_null(m, "%s", d.message);
    cr_assert_eq(eq_model_classes(m), 2);
    cr_assert_eq(eq_model_givens(m), 1);
    cr_assert_str_eq(eq_model_given_node(m, 0), "nature");
    cr_assert_eq(eq_model_claims(m), 1);
    cr_assert_str_eq(eq_model_claim_name(m, 0), "stays_out");
    eq_point *pt = solve_at(m, &a, 0.3);
    cr_expect_float_eq(eq_point_class_prob(pt, eq_model_class_index(m, "peace")), 1.0, 1e-12);
    eq_point_free(pt);
    eq_analysis_free(a);
    eq_model_free(m);
}

static void check_point(double p, double war, double peace, double pay0, double pay1)
{
    eq_diag d;
    eq_analysis *a = NULL;
    eq_model *m = parse_text(model, &d);
    cr_assert_not_null(m, "%s", d.message);
    eq_point *pt = solve_at(m, &a, p);
    int w = eq_model_class_index(m, "war"), pc = eq_model_class_index(m, "peace");
    cr_expect_float_eq(eq_point_class_prob(pt, w), war, 1e-12, "p=%g", p);
    cr_expect_float_eq(eq_point_class_prob(pt, pc), peace, 1e-12, "p=%g", p);
    cr_expect_float_eq(eq_point_payoff(pt, 0), pay0, 1e-12, "p=%g", p);
    cr_expect_float_eq(eq_point_payoff(pt, 1), pay1, 1e-12, "p=%g", p);
    /* from the named node on, reached or not */
    cr_expect_float_eq(eq_point_given_class_prob(pt, 0, w), 1 - p, 1e-12, "p=%g", p);
    cr_expect_float_eq(eq_point_given_payoff(pt, 0, 0), 2 * p - 1, 1e-12, "p=%g", p);
    eq_point_free(pt);
    eq_analysis_free(a);
    eq_model_free(m);
}

Test(outcomes, stays_out_when_entry_is_risky)
{
    check_point(0.3, 0.0, 1.0, 0.0, 2.0);
}

Test(outcomes, enters_when_the_incumbent_is_likely_weak)
{
    check_point(0.8, 0.2, 0.8, 0.6, 1.0);
}

/* A model text with one line replaced, and the message its parse gives. */
static void expect_error(const char *from, const char *to, const char *want)
{
    eq_diag d;
    char text[sizeof model + 256];
    const char *at = strstr(model, from);
    cr_assert_not_null(at, "%s", from);
    size_t head = (size_t)(at - model);
    snprintf(text, sizeof text, "%.*s%s%s", (int)head, model, to, at + strlen(from));
    eq_model *m = parse_text(text, &d);
    cr_expect_null(m, "accepted: %s", to);
    eq_model_free(m);
    cr_expect(strstr(d.message, want) != NULL, "message '%s' lacks '%s'", d.message, want);
    cr_expect(strncmp(d.message, "t.game:", 7) == 0, "no file:line:col in '%s'", d.message);
}

Test(outcomes, errors)
{
    /* peace_shared also matches *_shared: in two classes */
    expect_error("class peace \"no price war\" = peace_*\n",
                 "class peace \"no price war\" = peace_*\nclass split = *_shared\n",
                 "peace_shared");
    /* war_strong no longer in any class */
    expect_error("class war \"a price war\" = war_*\n", "class war \"a price war\" = war_f*\n",
                 "war_strong");
    expect_error("= nature\n", "= nowhere\n", "nowhere");
}

/*
** A given naming a set of nodes (`given NAME = PATTERN {, PATTERN}`):
** measures conditional on play reaching the set, from its first-reached
** nodes.  The tree, derived by hand:
**
**   root (chance): left 1/3 -> m_left, right 1/2 -> m_right,
**                  other 1/6 -> win_o (5, 5)
**   m_left (A): up -> win_l (2, 0), down -> lose_l (0, 1): A goes up.
**   m_right "mid_right" (B): stay -> n_top, quit -> lose_r (0, 0)
**   n_top (chance): go 1/2 -> n_low, stop 1/2 -> lose_k (1, 1)
**   n_low (A): fair -> win_h (6, 3), off -> z_off
**   z_off (B): a -> lose_z (-1, -1), b -> win_z (-2 - q, -2): B picks a, so
**   at n_low A plays fair (6 > -1); n_top is worth (3.5, 2) and B stays
**   (2 > 0).  z_off is never reached.
**
** Reach: m_left 1/3, m_right 1/2, n_top 1/2, n_low 1/4, z_off 0.
**   s = m_* (m_left, m_right): reach 5/6; P(win | s) = (1/3 * 1 + 1/2 *
**   1/2) / (5/6) = 7/10; A's payoff (1/3 * 2 + 1/2 * 3.5) / (5/6) = 29/10;
**   B's (1/3 * 0 + 1/2 * 2) / (5/6) = 6/5.
**   nest = n_* (n_top, and n_low below it, which does not count): reach
**   1/2, P(win | nest) = 1/2, payoffs (3.5, 2).  (Counting n_low too
**   would give reach 3/4 and P(win) = 2/3.)
**   lab = mid_* (by label: m_right): reach 1/2, P(win) 1/2, (3.5, 2).
**   never = z_*: reach 0, every measure undefined (NaN).
**   zone = z_off, one node by name (the original form): measured from
**   there on although play never gets there: P(win) = 0, (-1, -1).
*/
static const char sets[] =
    "players A B\n"
    "param q = 1 in [0, 2]\n"
    "class win = win_*\n"
    "class lose = lose_*\n"
    "given s \"either branch\" = m_*\n"
    "given nest = n_*\n"
    "given lab = \"mid_*\"\n"
    "given never \"off the path\" = z_*\n"
    "given zone = z_off\n"
    "claim c_s = \"P(win | s) > 0.69 and P(win | s) < 0.71 and E(A | s) > 2.89 and "
    "E(A | s) < 2.91\"\n"
    "claim c_nest = \"M(fair @ n_* | nest) == 0.5 and P(win | nest) == 0.5\"\n"
    "node root: chance\n"
    "  left  (1/3) -> m_left\n"
    "  right (1/2) -> m_right\n"
    "  other (1/6) -> win_o\n"
    "node m_left: A chooses\n"
    "  up   -> win_l\n"
    "  down -> lose_l\n"
    "node m_right \"mid_right\": B chooses\n"
    "  stay -> n_top\n"
    "  quit -> lose_r\n"
    "node n_top: chance\n"
    "  go   (1/2) -> n_low\n"
    "  stop (1/2) -> lose_k\n"
    "node n_low: A chooses\n"
    "  fair -> win_h\n"
    "  off  -> z_off\n"
    "node z_off: B chooses\n"
    "  a -> lose_z\n"
    "  b -> win_z\n"
    "node win_o: (5, 5)\n"
    "node win_l: (2, 0)\n"
    "node lose_l: (0, 1)\n"
    "node lose_r: (0, 0)\n"
    "node lose_k: (1, 1)\n"
    "node win_h: (6, 3)\n"
    "node lose_z: (-1, -1)\n"
    "node win_z: (-2 - q, -2)\n";

Test(outcomes, given_sets_of_nodes)
{
    eq_diag d;
    eq_model *m = parse_text(sets, &d);
    eq_analysis *a = NULL;
    eq_point *pt = NULL;
    int win, s, nest, lab, never, zone;
    cr_assert_not_null(m, "%s", d.message);
    win = eq_model_class_index(m, "win");
    s = eq_model_given_index(m, "s");
    nest = eq_model_given_index(m, "nest");
    lab = eq_model_given_index(m, "lab");
    never = eq_model_given_index(m, "never");
    zone = eq_model_given_index(m, "zone");
    cr_assert(win >= 0 && s >= 0 && nest >= 0 && lab >= 0 && never >= 0 && zone >= 0);
    cr_expect_str_eq(eq_model_given_node(m, s), "m_*");
    cr_expect_str_eq(eq_model_given_node(m, zone), "z_off");
    cr_assert_eq(eq_analysis_new(&a, m), EQ_OK);
    cr_assert_eq(eq_point_new(&pt, m), EQ_OK);
    cr_assert_eq(eq_point_solve(pt, a, NULL), EQ_OK, "%s", eq_point_errmsg(pt));
    cr_expect_float_eq(eq_point_class_prob(pt, win), 0.75, 1e-12);

    cr_expect_float_eq(eq_point_given_reach(pt, s), 5.0 / 6, 1e-12);
    cr_expect_float_eq(eq_point_given_class_prob(pt, s, win), 0.7, 1e-12);
    cr_expect_float_eq(eq_point_given_payoff(pt, s, 0), 2.9, 1e-12);
    cr_expect_float_eq(eq_point_given_payoff(pt, s, 1), 1.2, 1e-12);

    cr_expect_float_eq(eq_point_given_reach(pt, nest), 0.5, 1e-12);
    cr_expect_float_eq(eq_point_given_class_prob(pt, nest, win), 0.5, 1e-12);
    cr_expect_float_eq(eq_point_given_payoff(pt, nest, 0), 3.5, 1e-12);
    cr_expect_float_eq(eq_point_given_payoff(pt, nest, 1), 2.0, 1e-12);

    cr_expect_float_eq(eq_point_given_reach(pt, lab), 0.5, 1e-12);
    cr_expect_float_eq(eq_point_given_class_prob(pt, lab, win), 0.5, 1e-12);
    cr_expect_float_eq(eq_point_given_payoff(pt, lab, 0), 3.5, 1e-12);

    cr_expect_eq(eq_point_given_reach(pt, never), 0.0);
    cr_expect(isnan(eq_point_given_class_prob(pt, never, win)));
    cr_expect(isnan(eq_point_given_payoff(pt, never, 0)));
    cr_expect(isnan(eq_point_given_payoff(pt, never, 1)));

    cr_expect_eq(eq_point_given_reach(pt, zone), 0.0);
    cr_expect_float_eq(eq_point_given_class_prob(pt, zone, win), 0.0, 1e-12);
    cr_expect_float_eq(eq_point_given_payoff(pt, zone, 0), -1.0, 1e-12);
    cr_expect_float_eq(eq_point_given_payoff(pt, zone, 1), -1.0, 1e-12);
    eq_point_free(pt);
    eq_analysis_free(a);
    eq_model_free(m);
}

/* The claims of that model, over q (which moves nothing): c_s and c_nest
** hold at every sample.  A claim on the set never reached is undefined,
** and leaves every sample out (said so), rather than counting as holding
** or failing. */
static eq_robust *run_claims(eq_model *m, eq_analysis **a, const char *extra)
{
    eq_robust *r = NULL;
    cr_assert_eq(eq_analysis_new(a, m), EQ_OK);
    cr_assert_eq(eq_robust_new(&r), EQ_OK);
    cr_assert_eq(eq_robust_add_model(r, *a, "sets"), EQ_OK, "%s", eq_robust_errmsg(r));
    cr_assert_eq(eq_robust_set_samples(r, 8), EQ_OK);
    if (extra != NULL)
        cr_assert_eq(eq_robust_claim(r, "c_never", extra), EQ_OK, "%s", eq_robust_errmsg(r));
    cr_assert_eq(eq_robust_run(r, NULL, NULL), EQ_OK, "%s", eq_robust_errmsg(r));
    return r;
}

Test(outcomes, claims_given_a_set)
{
    eq_diag d;
    eq_model *m = parse_text(sets, &d);
    eq_analysis *a = NULL;
    eq_robust *r;
    double hold[2] = { -1, -1 };
    static const char *const names[2] = { "c_s", "c_nest" };
    cr_assert_not_null(m, "%s", d.message);
    r = run_claims(m, &a, NULL);
    cr_expect_eq(eq_robust_failures(r), 0, "%s", eq_robust_failure(r));
    for (int i = 0; i < eq_robust_items(r); i++)
        for (int k = 0; k < 2; k++)
            if (eq_robust_item_kind(r, i) == EQ_ITEM_CLAIM &&
                strcmp(eq_robust_item_name(r, i), names[k]) == 0)
                hold[k] = eq_robust_item_share(r, i);
    cr_expect_eq(hold[0], 1.0, "c_s %g", hold[0]);
    cr_expect_eq(hold[1], 1.0, "c_nest %g", hold[1]);
    eq_robust_free(r);
    eq_analysis_free(a);

    r = run_claims(m, &a, "P(win | never) >= 0");
    cr_expect_eq(eq_robust_failures(r), 8);
    cr_expect(strstr(eq_robust_failure(r), "c_never") != NULL &&
              strstr(eq_robust_failure(r), "never reached") != NULL, "%s",
              eq_robust_failure(r));
    eq_robust_free(r);
    eq_analysis_free(a);
    eq_model_free(m);
}

/* Errors in a set-given, at the pattern's line and column. */
Test(outcomes, given_set_errors)
{
    static const struct { const char *from, *to, *want; } cases[] = {
        { "given nest = n_*\n", "given nest = n_*, q_*\n",
          "t.game:6:19: pattern 'q_*' of 'nest' matches no node" },
        { "given nest = n_*\n", "given nest = *\n",
          "t.game:6:14: pattern '*' of 'nest' matches 'sw', a structural switch" },
        { "given nest = n_*\n", "given nest = n_*,\n", "t.game:6:18: expected" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[sizeof sets + 256];
        const char *at = strstr(sets, cases[i].from);
        eq_diag d;
        eq_model *m;
        cr_assert_not_null(at);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - sets), sets, cases[i].to,
                 at + strlen(cases[i].from));
        if (strstr(cases[i].want, "switch") != NULL) {
            /* a structural switch in front of the tree */
            char *root = strstr(text, "node root: chance");
            char tail[sizeof sets + 256];
            cr_assert_not_null(root);
            snprintf(tail, sizeof tail, "%s", root);
            snprintf(root, sizeof text - (size_t)(root - text),
                     "param t = u in {u, v}\nnode sw: if t == u then root else win_o\n%s",
                     tail);
        }
        m = parse_text(text, &d);
        cr_expect_null(m, "accepted: %s", cases[i].to);
        eq_model_free(m);
        cr_expect(strstr(d.message, cases[i].want) != NULL, "message '%s' lacks '%s'",
                  d.message, cases[i].want);
    }
}
