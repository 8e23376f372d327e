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
