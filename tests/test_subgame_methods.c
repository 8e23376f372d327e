/*
** test_subgame_methods.c -- the methods for optimal and n-player mixed
** equilibria serve as spe's subgame method (correlated stages have their
** own suite, test_correlated_stages.c).
*/
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"

static eq_tree *model_tree(const char *text)
{
    eq_model *m = NULL;
    eq_tree *t = NULL;
    eq_diag d;
    double v[8];
    cr_assert_eq(eq_model_parse(&m, text, strlen(text), "t.game", &d), EQ_OK, "%s", d.message);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    eq_model_free(m);
    return t;
}

/* Jordan's (1993) three-player game as a stage after an entry choice.
** In the stage, A wants to match B, B wants to match C, and C wants to
** mismatch A (each gets 1 when satisfied, else 0).  Unique equilibrium:
** if any player were pure, the chain of best replies A <- B <- C <- A
** would force a contradiction (C mismatches A, B matches C, A matches B,
** so A mismatches A); so all mix, and indifference of A needs
** P(B = h) = 1/2, of B needs P(C = h) = 1/2, of C needs P(A = h) = 1/2.
** Every player expects 1/2.  A first chooses between out, worth 0.4, and
** the stage, worth 1/2 in its unique equilibrium: so A enters. */
static const char *jordan =
    "game \"Entry into Jordan's game\"\n"
    "players A B C\n"
    "node entry: A chooses\n"
    "  out -> (0.4, 0, 0)\n"
    "  play -> stage3\n"
    "stage stage3: A x B x C\n"
    "  C = h:\n"
    "         h          t\n"
    "    h   (1, 1, 0)  (0, 0, 0)\n"
    "    t   (0, 1, 1)  (1, 0, 1)\n"
    "  C = t:\n"
    "         h          t\n"
    "    h   (1, 0, 1)  (0, 1, 1)\n"
    "    t   (0, 0, 0)  (1, 1, 0)\n";

Test(subgame_methods, qre_in_three_player_stage)
{
    eq_tree *t = model_tree(jordan);
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_tree_opts_init(&o);
    o.subgame_method = EQ_METHOD_QRE;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s", eq_tree_result_errmsg(r));
    cr_assert_eq(eq_tree_result_count(r), 1);
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        const double *b = eq_tree_result_behaviour(r, 0, h);
        if (eq_tree_infoset_actions(t, h) == 2 && strcmp(eq_tree_infoset_action_name(t, h, 0), "h") == 0)
            cr_expect(fabs(b[0] - 0.5) < 1e-9, "infoset %d: %g", h, b[0]);
        if (strcmp(eq_tree_infoset_action_name(t, h, 0), "out") == 0)
            cr_expect(b[1] > 1 - 1e-9, "A should enter");
    }
    for (int p = 0; p < 3; p++)
        cr_expect(fabs(eq_tree_result_payoff(r, 0, p) - 0.5) < 1e-9);
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9);
    eq_tree_result_free(r);
    /* pure finds nothing in that stage: the unique equilibrium is mixed. */
    eq_tree_opts_init(&o);
    o.subgame_method = EQ_METHOD_PURE;
    r = NULL;
    eq_status s = eq_tree_solve(t, &o, &r);
    cr_expect(s != EQ_OK || eq_tree_result_count(r) == 0);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* Battle of the sexes after an outside option worth 1.5 to Row.  The
** stage has (Opera, Opera) -> (2, 1), (Football, Football) -> (1, 2) and
** the mixed one with payoffs (2/3, 2/3).  With mip maximising welfare the
** subgame's choice is a pure coordination (welfare 3): ties between the
** two are broken by the MILP; Row's payoff is then 2 or 1.  Minimising
** welfare picks the mixed one (2/3 < 1.5), so Row takes the outside
** option. */
static const char *bos =
    "players Row Col\n"
    "node first: Row chooses\n"
    "  outside -> (1.5, 0)\n"
    "  date -> bos\n"
    "stage bos: Row x Col\n"
    "             opera     football\n"
    "  opera      (2, 1)    (0, 0)\n"
    "  football   (0, 0)    (1, 2)\n";

Test(subgame_methods, mip_in_subgame)
{
    eq_tree *t = model_tree(bos);
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_tree_opts_init(&o);
    o.subgame_method = EQ_METHOD_MIP;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s", eq_tree_result_errmsg(r));
    cr_assert_geq(eq_tree_result_count(r), 1);
    cr_expect(eq_tree_result_regret(r, 0) < 1e-9);
    /* Row enters only if the coordination gives it 2 (opera). */
    double row = eq_tree_result_payoff(r, 0, 0);
    cr_expect(fabs(row - 2.0) < 1e-9 || fabs(row - 1.5) < 1e-9, "row payoff %g", row);
    eq_tree_result_free(r);
    eq_tree_free(t);
}
