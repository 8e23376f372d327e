/*
** test_subgame_methods.c -- the methods for optimal and n-player mixed
** equilibria serve as spe's subgame method (correlated stages have their
** own suite, test_correlated_stages.c).
*/
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"

static int near(double a, double b)
{
    return fabs(a - b) <= 1e-9;
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
    eq_tree *t = t_model_tree(jordan, NULL, 0);
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
    eq_tree *t = t_model_tree(bos, NULL, 0);
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

/*
** Two-player methods on a two-player stage of a three-player tree.  C
** first keeps (0, 0, 1) or lets A and B play battle of the sexes, in
** which C earns 5 whatever happens, so C always lets them.  The reduced
** form of the stage has C as a third player with a single plan; the
** two-player methods solve the game of A and B.  Battle of the sexes has
** three equilibria: (opera, opera) paying (2, 1), (football, football)
** paying (1, 2), and the mixed one where A plays opera with 2/3 (making B
** indifferent: 1 p = 2 (1 - p)) and B with 1/3 (making A indifferent:
** 2 q = 1 - q), paying 2/3 each.
*/
static const char *bos3 =
    "players A B C\n"
    "node first: C chooses\n"
    "  keep -> (0, 0, 1)\n"
    "  date -> bos\n"
    "stage bos: A x B\n"
    "             opera        football\n"
    "  opera      (2, 1, 5)    (0, 0, 5)\n"
    "  football   (0, 0, 5)    (1, 2, 5)\n";

Test(subgame_methods, two_player_methods_beside_a_third_player)
{
    eq_tree *t = t_model_tree(bos3, NULL, 0);
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    int mixed = 0, ha = -1, hb = -1;
    for (int h = 0; h < eq_tree_infosets(t); h++) {
        if (eq_tree_infoset_player(t, h) == 0) ha = h;
        if (eq_tree_infoset_player(t, h) == 1) hb = h;
    }
    cr_assert(ha >= 0 && hb >= 0);

    eq_tree_opts_init(&o);
    o.subgame_method = EQ_METHOD_ENUM;
    o.all = 1;
    cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s", eq_tree_result_errmsg(r));
    cr_assert_eq(eq_tree_result_count(r), 3);
    for (int k = 0; k < 3; k++) {
        double a = eq_tree_result_behaviour(r, k, ha)[0], b = eq_tree_result_behaviour(r, k, hb)[0];
        double ua = eq_tree_result_payoff(r, k, 0), ub = eq_tree_result_payoff(r, k, 1);
        cr_expect(eq_tree_result_regret(r, k) < 1e-9);
        cr_expect(near(eq_tree_result_payoff(r, k, 2), 5.0), "C lets them play");
        if (fabs(a - 2.0 / 3.0) < 1e-9) {
            mixed++;
            cr_expect(near(b, 1.0 / 3.0) && near(ua, 2.0 / 3.0) && near(ub, 2.0 / 3.0));
        } else {
            cr_expect((near(a, 1) && near(b, 1) && near(ua, 2) && near(ub, 1)) ||
                      (near(a, 0) && near(b, 0) && near(ua, 1) && near(ub, 2)),
                      "k %d: %g %g", k, a, b);
        }
    }
    cr_expect_eq(mixed, 1);
    eq_tree_result_free(r);

    /* mip, welfare: a coordination (welfare 3 + 5); lemke: one of the three. */
    for (int m = 0; m < 2; m++) {
        eq_tree_opts_init(&o);
        o.subgame_method = m == 0 ? EQ_METHOD_MIP : EQ_METHOD_LEMKE;
        r = NULL;
        cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s", eq_tree_result_errmsg(r));
        cr_assert_geq(eq_tree_result_count(r), 1);
        cr_expect(eq_tree_result_regret(r, 0) < 1e-9);
        if (m == 0)
            cr_expect(near(eq_tree_result_payoff(r, 0, 0) + eq_tree_result_payoff(r, 0, 1), 3.0));
        eq_tree_result_free(r);
    }
    eq_tree_free(t);

    /* Three players with a choice: the two-player methods refuse. */
    t = t_model_tree(jordan, NULL, 0);
    eq_tree_opts_init(&o);
    o.subgame_method = EQ_METHOD_ENUM;
    r = NULL;
    cr_expect_eq(eq_tree_solve(t, &o, &r), EQ_ERR_UNSUPPORTED);
    cr_expect(strstr(eq_tree_result_errmsg(r), "three or more players have a choice") != NULL,
              "%s", eq_tree_result_errmsg(r));
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/*
** Membership at the baseline: the escalation stage (Russia x Ukraine, the
** West without a move) is a security dilemma with two pure equilibria
** (models/README.md, "Which equilibrium"), so, being a nondegenerate 2 x 2
** game with two pure equilibria, it has exactly one more, mixed.  pure
** finds 2 subgame-perfect equilibria; enum, now able to take this stage
** of a three-player tree, finds 3.
*/
Test(subgame_methods, membership_mixed_security_dilemma)
{
    eq_model *m = NULL;
    eq_tree *t = NULL;
    eq_diag d;
    double v[64];
    cr_assert_eq(eq_model_read(&m, EQ_FIXTURES "/game/old_nato.game", &d), EQ_OK, "%s", d.message);
    cr_assert(eq_model_params(m) <= 64);
    cr_assert_eq(eq_model_defaults(m, v), EQ_OK);
    cr_assert_eq(eq_model_instantiate(m, v, &t, &d), EQ_OK, "%s", d.message);
    for (int i = 0; i < 2; i++) {
        eq_tree_opts o;
        eq_tree_result *r = NULL;
        eq_tree_opts_init(&o);
        o.subgame_method = i == 0 ? EQ_METHOD_PURE : EQ_METHOD_ENUM;
        o.all = 1;
        cr_assert_eq(eq_tree_solve(t, &o, &r), EQ_OK, "%s", eq_tree_result_errmsg(r));
        cr_expect_eq(eq_tree_result_count(r), i == 0 ? 2 : 3);
        for (int k = 0; k < eq_tree_result_count(r); k++)
            cr_expect(eq_tree_result_regret(r, k) < 1e-9);
        eq_tree_result_free(r);
    }
    eq_tree_free(t);
    eq_model_free(m);
}
