/*
** test_seqform.c -- the sequence form of two-player trees (seqform.h) and
** the two methods on it: zerosum (the LP of Koller, Megiddo and von
** Stengel) and lemke (Lemke's algorithm on the sequence-form LCP).
**
** Every expected value is derived by hand in the comment above its test;
** random trees are checked by their certificate and, when zero-sum, by
** the value of their reduced strategic form.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"
#include "seqform.h"

#define EPS 1e-9

/* ---- building trees ------------------------------------------------- */

static eq_tree *new_tree(int n)
{
    eq_tree *t = NULL;
    cr_assert_eq(eq_tree_new(&t, n), EQ_OK);
    return t;
}

static int iset(eq_tree *t, int p, int k)
{
    int id = -1;
    cr_assert_eq(eq_tree_add_infoset(t, p, k, NULL, NULL, &id), EQ_OK, "%s",
                 eq_tree_errmsg(t));
    return id;
}

/* Make node v a decision node in set h; returns its first child. */
static int decide(eq_tree *t, int v, int h)
{
    cr_assert_eq(eq_tree_make_decision(t, v, h), EQ_OK, "%s", eq_tree_errmsg(t));
    return eq_tree_child(t, v, 0);
}

static int chance(eq_tree *t, int v, int k, const double *probs)
{
    cr_assert_eq(eq_tree_make_chance(t, v, k, NULL, probs), EQ_OK, "%s",
                 eq_tree_errmsg(t));
    return eq_tree_child(t, v, 0);
}

static void term2(eq_tree *t, int v, double a, double b)
{
    double u[2] = { a, b };
    cr_assert_eq(eq_tree_make_terminal(t, v, u), EQ_OK, "%s", eq_tree_errmsg(t));
}

static void finish(eq_tree *t)
{
    cr_assert_eq(eq_tree_finish(t), EQ_OK, "%s", eq_tree_errmsg(t));
}

/* Solve with method m; the call must succeed with one equilibrium whose
** certificate is below 1e-9. */
static eq_tree_result *solve(const eq_tree *t, eq_method m)
{
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_status s;
    eq_tree_opts_init(&o);
    o.method = m;
    s = eq_tree_solve(t, &o, &r);
    cr_assert_not_null(r);
    cr_assert_eq(s, EQ_OK, "%s: status %d: %s", eq_method_name(m), (int)s,
                 eq_tree_result_errmsg(r));
    cr_assert_eq(eq_tree_result_count(r), 1);
    cr_assert_eq(eq_tree_result_solution(r), EQ_SOL_FOUND);
    cr_assert_eq(eq_tree_result_method(r), m);
    cr_expect(eq_tree_result_regret(r, 0) < EPS, "%s: regret %g",
              eq_method_name(m), eq_tree_result_regret(r, 0));
    return r;
}

static void expect_status(const eq_tree *t, eq_method m, int exact,
                          eq_status want, const char *needle)
{
    eq_tree_opts o;
    eq_tree_result *r = NULL;
    eq_status s;
    eq_tree_opts_init(&o);
    o.method = m;
    o.exact = exact;
    s = eq_tree_solve(t, &o, &r);
    cr_assert_not_null(r);
    cr_expect_eq(s, want, "%s: status %d, expected %d (%s)", eq_method_name(m),
                 (int)s, (int)want, eq_tree_result_errmsg(r));
    cr_expect(strstr(eq_tree_result_errmsg(r), needle) != NULL,
              "message '%s' lacks '%s'", eq_tree_result_errmsg(r), needle);
    eq_tree_result_free(r);
}

static void expect_beh(const eq_tree_result *r, int h, int k, const double *want)
{
    const double *b = eq_tree_result_behaviour(r, 0, h);
    cr_assert_not_null(b);
    for (int a = 0; a < k; a++)
        cr_expect(fabs(b[a] - want[a]) < 1e-9, "set %d action %d: %.12g, want %.12g",
                  h, a, b[a], want[a]);
}

/* ---- the sequence form, by hand -------------------------------------- */

/*
** Player 1 (set I1, actions L, R) moves first; player 2 (set J, actions
** l, r) moves without seeing it.  After (L, r) player 1 moves again (set
** I2, actions a, b); after (R, l) chance draws 1/4 : 3/4.
**
**   (L, l)         ( 3,     1    )
**   (L, r, a)      ( 0,     2    )
**   (L, r, b)      ( 1,     0    )
**   (R, l, c1)     ( 4,    -1    )   probability 1/4
**   (R, l, c2)     ( 0,     2.5  )   probability 3/4
**   (R, r)         ( 2.385, 3    )
**
** Player 1's sequences: 0 empty, 1 L, 2 R, 3 La, 4 Lb (I1 is set 0, I2
** set 2); player 2's: 0 empty, 1 l, 2 r (J is set 1).
**
**   E = [  1  0  0  0  0 ]    e = (1, 0, 0)     F = [  1  0  0 ]   f = (1, 0)
**       [ -1  1  1  0  0 ]   (I1: L + R = empty)    [ -1  1  1 ]
**       [  0 -1  0  1  1 ]   (I2: a + b = L)
**
** A (rows 0..4, columns 0..2): A[L][l] = 3, A[La][r] = 0, A[Lb][r] = 1,
** A[R][l] = 1/4 * 4 + 3/4 * 0 = 1, A[R][r] = 2.385, all else 0.
** B: B[L][l] = 1, B[La][r] = 2, B[Lb][r] = 0, B[R][l] = -1/4 + 3/4 * 2.5
** = 1.625, B[R][r] = 3.  P holds the chance weights: 1 at each of the
** five pairs (L,l), (La,r), (Lb,r), (R,l), (R,r).
*/
static eq_tree *hand_tree(void)
{
    eq_tree *t = new_tree(2);
    int I1 = iset(t, 0, 2), J = iset(t, 1, 2), I2 = iset(t, 0, 2);
    int L = decide(t, 0, I1), R = L + 1, Ll, Rl, Lra, c;
    Ll = decide(t, L, J);
    Rl = decide(t, R, J);
    term2(t, Ll, 3, 1);
    Lra = decide(t, Ll + 1, I2);
    term2(t, Lra, 0, 2);
    term2(t, Lra + 1, 1, 0);
    c = chance(t, Rl, 2, (double[]){ 0.25, 0.75 });
    term2(t, c, 4, -1);
    term2(t, c + 1, 0, 2.5);
    term2(t, Rl + 1, 2.385, 3);
    finish(t);
    return t;
}

Test(seqform, hand_derived)
{
    static const double E[3][5] = {
        { 1, 0, 0, 0, 0 }, { -1, 1, 1, 0, 0 }, { 0, -1, 0, 1, 1 } };
    static const double F[2][3] = { { 1, 0, 0 }, { -1, 1, 1 } };
    static const double A[5][3] = {
        { 0, 0, 0 }, { 0, 3, 0 }, { 0, 1, 2.385 }, { 0, 0, 0 }, { 0, 0, 1 } };
    static const double B[5][3] = {
        { 0, 0, 0 }, { 0, 1, 0 }, { 0, 1.625, 3 }, { 0, 0, 2 }, { 0, 0, 0 } };
    static const double P[5][3] = {
        { 0, 0, 0 }, { 0, 1, 0 }, { 0, 1, 1 }, { 0, 0, 1 }, { 0, 0, 1 } };
    eq_tree *t = hand_tree();
    eqi_seqform *sf = NULL;
    char err[EQI_ERRMAX] = "";

    cr_assert_eq(eqi_seqform_new(t, &sf, err), EQ_OK, "%s", err);
    cr_assert_eq(sf->n[0], 5);
    cr_assert_eq(sf->n[1], 3);
    cr_assert_eq(sf->k[0], 3);
    cr_assert_eq(sf->k[1], 2);
    cr_expect_eq(sf->first[0], 1);
    cr_expect_eq(sf->first[1], 1);
    cr_expect_eq(sf->first[2], 3);
    cr_expect_eq(sf->parent[0], 0);
    cr_expect_eq(sf->parent[1], 0);
    cr_expect_eq(sf->parent[2], 1);
    cr_expect_eq(sf->row[0], 1);
    cr_expect_eq(sf->row[1], 1);
    cr_expect_eq(sf->row[2], 2);
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 5; c++)
            cr_expect_eq(sf->E[r * 5 + c], E[r][c], "E[%d][%d] = %g", r, c,
                         sf->E[r * 5 + c]);
    for (int r = 0; r < 2; r++)
        for (int c = 0; c < 3; c++)
            cr_expect_eq(sf->F[r * 3 + c], F[r][c], "F[%d][%d] = %g", r, c,
                         sf->F[r * 3 + c]);
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 3; j++) {
            cr_expect(fabs(sf->A[i * 3 + j] - A[i][j]) < 1e-15, "A[%d][%d] = %g",
                      i, j, sf->A[i * 3 + j]);
            cr_expect(fabs(sf->B[i * 3 + j] - B[i][j]) < 1e-15, "B[%d][%d] = %g",
                      i, j, sf->B[i * 3 + j]);
            cr_expect(fabs(sf->P[i * 3 + j] - P[i][j]) < 1e-15, "P[%d][%d] = %g",
                      i, j, sf->P[i * 3 + j]);
        }
    eqi_seqform_free(sf);
    eq_tree_free(t);
}

/*
** Realization plans and back, and the sequence-form certificate, on the
** same tree.  Behaviour: I1 (0.3, 0.7), J (0.4, 0.6), I2 (0.2, 0.8) gives
** x = (1, 0.3, 0.7, 0.06, 0.24), y = (1, 0.4, 0.6).
** Payoffs x^T A y: 0.3*0.4*3 + 0.7*(0.4*1 + 0.6*2.385) + 0.24*0.6*1
** = 0.36 + 1.2817 + 0.144 = 1.7857.
** Player 1's best reply to y: A y = (0, 1.2, 1.831, 0, 0.6); at I2 the
** best is b (0.6), so L is worth 1.2 + 0.6 = 1.8 < R 1.831: value 1.831,
** regret 1.831 - 1.7857 = 0.0453.  Player 2: B^T x = (0, 0.3 + 0.7*1.625,
** 0.7*3 + 0.06*2) = (0, 1.4375, 2.22), payoff 0.4*1.4375 + 0.6*2.22 =
** 1.907, best 2.22, regret 0.313.  So the certificate is 0.313.
*/
Test(seqform, plans_and_regret)
{
    eq_tree *t = hand_tree();
    eqi_seqform *sf = NULL;
    double beh[6] = { 0.3, 0.7, 0.4, 0.6, 0.2, 0.8 }, back[6], x[5], y[3], pay[2];
    static const double wx[5] = { 1, 0.3, 0.7, 0.06, 0.24 }, wy[3] = { 1, 0.4, 0.6 };

    cr_assert_eq(eqi_seqform_new(t, &sf, NULL), EQ_OK);
    cr_assert_eq(sf->tot, 6);
    cr_assert_eq(eqi_seqform_behaviour_size(t), 6);
    eqi_seqform_realize(sf, t, 0, beh, x);
    eqi_seqform_realize(sf, t, 1, beh, y);
    for (int i = 0; i < 5; i++)
        cr_expect(fabs(x[i] - wx[i]) < 1e-15, "x[%d] = %g", i, x[i]);
    for (int j = 0; j < 3; j++)
        cr_expect(fabs(y[j] - wy[j]) < 1e-15, "y[%d] = %g", j, y[j]);
    eqi_seqform_behaviour(sf, t, 0, x, back);
    eqi_seqform_behaviour(sf, t, 1, y, back);
    for (int i = 0; i < 6; i++)
        cr_expect(fabs(back[i] - beh[i]) < 1e-15, "beh[%d] = %g", i, back[i]);
    cr_expect(fabs(eqi_seqform_regret(sf, t, x, y, pay) - 0.313) < 1e-12);
    cr_expect(fabs(pay[0] - 1.7857) < 1e-12, "%g", pay[0]);
    cr_expect(fabs(pay[1] - 1.907) < 1e-12, "%g", pay[1]);
    /* A set that player 1's own plan never reaches gets the uniform
    ** behaviour: I2 after R with certainty. */
    x[1] = 0.0; x[2] = 1.0; x[3] = x[4] = 0.0;
    eqi_seqform_behaviour(sf, t, 0, x, back);
    cr_expect_eq(back[4], 0.5);
    cr_expect_eq(back[5], 0.5);
    eqi_seqform_free(sf);
    eq_tree_free(t);
}

/* ---- games solved by hand -------------------------------------------- */

/*
** Simplified one-card poker.  Chance deals High or Low (1/2 each) to
** player 1, who sees it and Raises or Checks.  Check: showdown for 1
** (High +1, Low -1).  Raise: player 2, not seeing the card, Calls
** (showdown for 2: High +2, Low -2) or Folds (+1 to player 1).  Zero-sum.
**
** With High, Raise earns 2c + (1 - c) = 1 + c >= 1 = Check against a call
** probability c, so player 1 raises High (strictly when c < 1).  Let b be
** the probability of raising (bluffing) Low.  Player 1's payoff is
**   1/2 (1 + c) + 1/2 (b (-2c + 1 - c) - (1 - b)) = c/2 + b (2 - 3c)/2.
** Player 2 minimises it over c: its slope in c is (1 - 3b)/2, so player 2
** is indifferent only at b = 1/3 (b > 1/3: always call, then bluffing
** loses, so b = 0; b < 1/3: always fold, then b = 1 pays; neither is a
** fixed point).  Player 1 is indifferent at Low only at c = 2/3.  At
** (b, c) = (1/3, 2/3) the value is 2/3 / 2 + 0 = 1/3, and the equilibrium
** is unique: High (1, 0), Low (1/3, 2/3), player 2 (2/3, 1/3).
*/
static eq_tree *poker(int *hH, int *hL, int *g)
{
    eq_tree *t = new_tree(2);
    int c, hi, lo, raise;
    *hH = iset(t, 0, 2);
    *hL = iset(t, 0, 2);
    *g = iset(t, 1, 2);
    c = chance(t, 0, 2, (double[]){ 0.5, 0.5 });
    hi = decide(t, c, *hH);           /* Raise, Check */
    lo = decide(t, c + 1, *hL);
    term2(t, hi + 1, 1, -1);
    term2(t, lo + 1, -1, 1);
    raise = decide(t, hi, *g);        /* Call, Fold */
    term2(t, raise, 2, -2);
    term2(t, raise + 1, 1, -1);
    raise = decide(t, lo, *g);
    term2(t, raise, -2, 2);
    term2(t, raise + 1, 1, -1);
    finish(t);
    return t;
}

static void check_poker(eq_method m)
{
    int hH, hL, g;
    eq_tree *t = poker(&hH, &hL, &g);
    eq_tree_result *r = solve(t, m);
    expect_beh(r, hH, 2, (double[]){ 1.0, 0.0 });
    expect_beh(r, hL, 2, (double[]){ 1.0 / 3.0, 2.0 / 3.0 });
    expect_beh(r, g, 2, (double[]){ 2.0 / 3.0, 1.0 / 3.0 });
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 1.0 / 3.0) < EPS, "%g",
              eq_tree_result_payoff(r, 0, 0));
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) + 1.0 / 3.0) < EPS);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

Test(seqform, poker_zerosum) { check_poker(EQ_METHOD_ZEROSUM); }
Test(seqform, poker_lemke) { check_poker(EQ_METHOD_LEMKE); }

/*
** The same poker with every payoff doubled and 5 added to both players:
** constant-sum (sum 10, not 0), the same strategies, value 2/3 + 5.
*/
Test(seqform, poker_constant_sum_shifted)
{
    int hH, hL, g;
    eq_tree *t = poker(&hH, &hL, &g);
    for (int v = 0; v < eq_tree_nodes(t); v++)
        if (eq_tree_node_kind(t, v) == EQ_NODE_TERMINAL) {
            double u[2] = { 2 * eq_tree_payoff(t, v, 0) + 5,
                            2 * eq_tree_payoff(t, v, 1) + 5 };
            cr_assert_eq(eq_tree_set_payoffs(t, v, u), EQ_OK);
        }
    for (int k = 0; k < 2; k++) {
        eq_tree_result *r = solve(t, k ? EQ_METHOD_LEMKE : EQ_METHOD_ZEROSUM);
        expect_beh(r, hL, 2, (double[]){ 1.0 / 3.0, 2.0 / 3.0 });
        expect_beh(r, g, 2, (double[]){ 2.0 / 3.0, 1.0 / 3.0 });
        cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - (5 + 2.0 / 3.0)) < EPS);
        eq_tree_result_free(r);
    }
    eq_tree_free(t);
}

/*
** Matching pennies as a tree: player 1 picks H or T, player 2 picks h or
** t without seeing it; player 1 wins 1 on a match, loses 1 otherwise.
** The unique equilibrium mixes 1/2 : 1/2 for both; value 0.
*/
static eq_tree *pennies(int *h1, int *h2)
{
    eq_tree *t = new_tree(2);
    int a, b;
    *h1 = iset(t, 0, 2);
    *h2 = iset(t, 1, 2);
    a = decide(t, 0, *h1);
    b = decide(t, a, *h2);
    term2(t, b, 1, -1);
    term2(t, b + 1, -1, 1);
    b = decide(t, a + 1, *h2);
    term2(t, b, -1, 1);
    term2(t, b + 1, 1, -1);
    finish(t);
    return t;
}

Test(seqform, matching_pennies)
{
    for (int k = 0; k < 2; k++) {
        int h1, h2;
        eq_tree *t = pennies(&h1, &h2);
        eq_tree_result *r = solve(t, k ? EQ_METHOD_LEMKE : EQ_METHOD_ZEROSUM);
        expect_beh(r, h1, 2, (double[]){ 0.5, 0.5 });
        expect_beh(r, h2, 2, (double[]){ 0.5, 0.5 });
        cr_expect(fabs(eq_tree_result_payoff(r, 0, 0)) < EPS);
        eq_tree_result_free(r);
        eq_tree_free(t);
    }
}

/*
** Entry deterrence (not zero-sum).  The entrant (player 1) stays Out
** (0, 2) or goes In; the incumbent then Fights (-1, -1) or Accommodates
** (1, 1).  The equilibria: (In, Accommodate) with payoffs (1, 1), and Out
** with Fight played with probability >= 1/2, payoffs (0, 2).  From the
** centroid prior the tracing path ends at (In, Accommodate): against the
** uniform entrant, Accommodate is the incumbent's best reply, and In is
** then the entrant's.
*/
Test(seqform, entry_deterrence_lemke)
{
    eq_tree *t = new_tree(2);
    int e = iset(t, 0, 2), inc = iset(t, 1, 2);
    int out = decide(t, 0, e), f;
    eq_tree_result *r;
    term2(t, out, 0, 2);
    f = decide(t, out + 1, inc);
    term2(t, f, -1, -1);
    term2(t, f + 1, 1, 1);
    finish(t);
    r = solve(t, EQ_METHOD_LEMKE);
    expect_beh(r, e, 2, (double[]){ 0.0, 1.0 });
    expect_beh(r, inc, 2, (double[]){ 0.0, 1.0 });
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 1.0) < EPS);
    cr_expect(fabs(eq_tree_result_payoff(r, 0, 1) - 1.0) < EPS);
    cr_expect(strstr(eq_tree_result_selection(r), "Lemke") != NULL, "%s",
              eq_tree_result_selection(r));
    eq_tree_result_free(r);
    /* Not constant-sum: zerosum refuses. */
    expect_status(t, EQ_METHOD_ZEROSUM, 0, EQ_ERR_UNSUPPORTED, "constant-sum");
    eq_tree_free(t);
}

/*
** A tree where player 2 never moves: player 1's decision problem.  After
** a chance move (0.3 : 0.7) that player 1 does not see, player 1 picks
** one of three actions; payoffs to player 1 (player 2 gets the negative):
**   action 0: (4, 0) -> 0.3*4 + 0.7*0 = 1.2
**   action 1: (1, 2) -> 0.3 + 1.4     = 1.7
**   action 2: (3, 1) -> 0.9 + 0.7     = 1.6
** so player 1 picks action 1, value 1.7.
*/
Test(seqform, one_player_moves)
{
    eq_tree *t = new_tree(2);
    int h = iset(t, 0, 3);
    int c = chance(t, 0, 2, (double[]){ 0.3, 0.7 });
    static const double pay[2][3] = { { 4, 1, 3 }, { 0, 2, 1 } };
    for (int k = 0; k < 2; k++) {
        int a = decide(t, c + k, h);
        for (int i = 0; i < 3; i++)
            term2(t, a + i, pay[k][i], -pay[k][i]);
    }
    finish(t);
    for (int k = 0; k < 2; k++) {
        eq_tree_result *r = solve(t, k ? EQ_METHOD_LEMKE : EQ_METHOD_ZEROSUM);
        expect_beh(r, h, 3, (double[]){ 0, 1, 0 });
        cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 1.7) < EPS);
        eq_tree_result_free(r);
    }
    eq_tree_free(t);
}

/*
** Degenerate: every leaf pays (2, -2).  Every profile is an equilibrium;
** both methods must still end, with certificate 0.
*/
Test(seqform, constant_payoffs)
{
    int h1, h2;
    eq_tree *t = pennies(&h1, &h2);
    for (int v = 0; v < eq_tree_nodes(t); v++)
        if (eq_tree_node_kind(t, v) == EQ_NODE_TERMINAL)
            cr_assert_eq(eq_tree_set_payoffs(t, v, (double[]){ 2, -2 }), EQ_OK);
    for (int k = 0; k < 2; k++) {
        eq_tree_result *r = solve(t, k ? EQ_METHOD_LEMKE : EQ_METHOD_ZEROSUM);
        cr_expect(fabs(eq_tree_result_payoff(r, 0, 0) - 2.0) < EPS);
        eq_tree_result_free(r);
    }
    eq_tree_free(t);
}

/*
** A tree on which the centroid prior ties best replies for both players
** (found by a random search): without the perturbation of the prior's
** payoffs (seqform.c), Lemke's path came back to the face z0 = 1 after
** three degenerate pivots and left it on a ray.  Players are 1 and 2,
** chance is c; payoffs (player 1, player 2).
**
**   c (1/4): 2 in set J1 (3 actions)
**              1: 1 in set I1 (2 actions): (2, 2), (1, -1)
**              2: (-2, 1)
**              3: c (1/4, 1/4, 1/2): (-2, -1), (-2, 0), (0, -2)
**   c (1/4): 1 in set I1
**              1: 2 in set J2 (3 actions): (-2, 1), (1, 1), (-1, 1)
**              2: 2 in set J1: (0, 0), (0, -1), (-1, -2)
**   c (1/2): c (0.3, 0.7): (-1, -1);  1 in set I2 (3 actions):
**                                      (1, -1), (2, -2), (-2, 0)
*/
Test(seqform, tie_regression)
{
    eq_tree *t = new_tree(2);
    int J1 = iset(t, 1, 3), I1 = iset(t, 0, 2), J2 = iset(t, 1, 3), I2 = iset(t, 0, 3);
    int c = chance(t, 0, 3, (double[]){ 0.25, 0.25, 0.5 }), v, w;
    eq_tree_result *r;

    v = decide(t, c, J1);
    w = decide(t, v, I1);
    term2(t, w, 2, 2);
    term2(t, w + 1, 1, -1);
    term2(t, v + 1, -2, 1);
    w = chance(t, v + 2, 3, (double[]){ 0.25, 0.25, 0.5 });
    term2(t, w, -2, -1);
    term2(t, w + 1, -2, 0);
    term2(t, w + 2, 0, -2);
    v = decide(t, c + 1, I1);
    w = decide(t, v, J2);
    term2(t, w, -2, 1);
    term2(t, w + 1, 1, 1);
    term2(t, w + 2, -1, 1);
    w = decide(t, v + 1, J1);
    term2(t, w, 0, 0);
    term2(t, w + 1, 0, -1);
    term2(t, w + 2, -1, -2);
    v = chance(t, c + 2, 2, (double[]){ 0.3, 0.7 });
    term2(t, v, -1, -1);
    w = decide(t, v + 1, I2);
    term2(t, w, 1, -1);
    term2(t, w + 1, 2, -2);
    term2(t, w + 2, -2, 0);
    finish(t);
    r = solve(t, EQ_METHOD_LEMKE);
    eq_tree_result_free(r);
    eq_tree_free(t);
}

/* ---- errors ---------------------------------------------------------- */

Test(seqform, errors)
{
    eq_tree *t = new_tree(3);
    int h = iset(t, 0, 2), a = decide(t, 0, h);
    double u[3] = { 1, 2, 3 };
    eqi_seqform *sf = NULL;
    char err[EQI_ERRMAX] = "";

    cr_assert_eq(eq_tree_make_terminal(t, a, u), EQ_OK);
    cr_assert_eq(eq_tree_make_terminal(t, a + 1, u), EQ_OK);
    finish(t);
    expect_status(t, EQ_METHOD_LEMKE, 0, EQ_ERR_UNSUPPORTED, "exactly two");
    expect_status(t, EQ_METHOD_ZEROSUM, 0, EQ_ERR_UNSUPPORTED, "exactly two");
    cr_expect_eq(eqi_seqform_new(t, &sf, err), EQ_ERR_UNSUPPORTED);
    cr_expect_null(sf);
    cr_expect(strstr(err, "exactly two") != NULL, "%s", err);
    eq_tree_free(t);

    /* Exact arithmetic is not offered on the sequence form. */
    {
        int h1, h2;
        t = pennies(&h1, &h2);
        expect_status(t, EQ_METHOD_LEMKE, 1, EQ_ERR_UNSUPPORTED, "exact");
        expect_status(t, EQ_METHOD_ZEROSUM, 1, EQ_ERR_UNSUPPORTED, "exact");
        eq_tree_free(t);
    }
    /* An unfinished tree. */
    t = new_tree(2);
    cr_expect_eq(eqi_seqform_new(t, &sf, err), EQ_ERR_ARG);
    cr_expect_eq(eqi_seqform_new(NULL, &sf, err), EQ_ERR_ARG);
    eq_tree_free(t);
}

/* ---- random trees ---------------------------------------------------- */

/*
** A random two-player tree with perfect recall.  A decision node of
** player p joins, with probability 1/2, an earlier set of p with the same
** number of actions and the same last own move of p (so imperfect
** information, and perfect recall by construction); otherwise it opens a
** new set.  Payoffs are integers in [-5, 5] (ties, hence degeneracy, are
** common) or, with ties set, 0 or 1 for player 1 and the leaf's depth mod
** 2 for player 2; zero-sum trees give player 2 the negative.
*/
typedef struct gen {
    t_rng *rng;
    eq_tree *t;
    int zerosum, maxdepth, ties;
    int nset, key[4096][4];    /* player, last set, last action, actions */
} gen;

static void grow(gen *G, int v, int depth, const int last[2][2])
{
    int r = t_rng_int(G->rng, 0, 99);
    if (depth >= G->maxdepth || (depth > 0 && r < 25)) {
        double a = G->ties ? t_rng_int(G->rng, 0, 1) : t_rng_int(G->rng, -5, 5);
        double b = G->zerosum ? -a
                 : G->ties ? depth % 2 : t_rng_int(G->rng, -5, 5);
        term2(G->t, v, a, b);
    } else if (r < 40) {
        int k = t_rng_int(G->rng, 2, 3), c;
        double pr[3];
        if (k == 2) {
            pr[0] = t_rng_int(G->rng, 1, 9) / 10.0;
            pr[1] = 1.0 - pr[0];
        } else {
            pr[0] = pr[1] = 0.25;
            pr[2] = 0.5;
        }
        c = chance(G->t, v, k, pr);
        for (int a = 0; a < k; a++)
            grow(G, c + a, depth + 1, last);
    } else {
        int p = t_rng_int(G->rng, 0, 1), k = t_rng_int(G->rng, 2, 3), h = -1, c;
        for (int s = 0; s < G->nset && h < 0; s++)
            if (G->key[s][0] == p && G->key[s][1] == last[p][0] &&
                G->key[s][2] == last[p][1] && G->key[s][3] == k &&
                t_rng_int(G->rng, 0, 1))
                h = s;
        if (h < 0) {
            cr_assert_lt(G->nset, 4096);
            h = iset(G->t, p, k);
            cr_assert_eq(h, G->nset);
            G->key[h][0] = p;
            G->key[h][1] = last[p][0];
            G->key[h][2] = last[p][1];
            G->key[h][3] = k;
            G->nset++;
        }
        c = decide(G->t, v, h);
        for (int a = 0; a < k; a++) {
            int nl[2][2] = { { last[0][0], last[0][1] }, { last[1][0], last[1][1] } };
            nl[p][0] = h;
            nl[p][1] = a;
            grow(G, c + a, depth + 1, (const int (*)[2])nl);
        }
    }
}

static eq_tree *random_tree(t_rng *rng, int zerosum, int maxdepth, int ties)
{
    static gen G;     /* large: not on the stack */
    static const int none[2][2] = { { -1, -1 }, { -1, -1 } };
    memset(&G, 0, sizeof G);
    G.rng = rng;
    G.zerosum = zerosum;
    G.maxdepth = maxdepth;
    G.ties = ties;
    G.t = new_tree(2);
    grow(&G, 0, 0, none);
    finish(G.t);
    return G.t;
}

/* Lemke on general-sum random trees: an equilibrium each time. */
Test(seqform, random_lemke)
{
    t_rng rng = { 20260501u };
    for (int it = 0; it < 60; it++) {
        eq_tree *t = random_tree(&rng, 0, 4 + it % 3, 0);
        eq_tree_result *r = solve(t, EQ_METHOD_LEMKE);
        eq_tree_result_free(r);
        eq_tree_free(t);
    }
}

/*
** Heavily tied payoffs: player 1 gets 0 or 1, player 2 a payoff that
** depends only on the depth of the leaf, so many of the players' replies
** are payoff-equivalent and the path meets degenerate vertices.
*/
Test(seqform, random_lemke_ties)
{
    t_rng rng = { 99u };
    for (int it = 0; it < 100; it++) {
        eq_tree *t = random_tree(&rng, 0, 3 + it % 4, 1);
        eq_tree_result *r = solve(t, EQ_METHOD_LEMKE);
        eq_tree_result_free(r);
        eq_tree_free(t);
    }
}

/*
** Zero-sum random trees: zerosum and lemke reach the same value, and it is
** the value of the reduced strategic form solved by eq_solve's zerosum.
** Depths 3 and 4 keep the reduced forms small (up to a few hundred
** strategies a player).
*/
Test(seqform, random_zerosum_agree)
{
    t_rng rng = { 777u };
    int compared = 0;
    for (int it = 0; it < 40; it++) {
        eq_tree *t = random_tree(&rng, 1, 3 + it % 2, it % 2);
        eq_tree_result *z = solve(t, EQ_METHOD_ZEROSUM);
        eq_tree_result *l = solve(t, EQ_METHOD_LEMKE);
        eq_game *g = NULL;
        eq_result *nr = NULL;
        eq_solve_opts o;
        double v = eq_tree_result_payoff(z, 0, 0);

        cr_expect(fabs(eq_tree_result_payoff(l, 0, 0) - v) < EPS,
                  "tree %d: lemke %.12g, zerosum %.12g", it,
                  eq_tree_result_payoff(l, 0, 0), v);
        cr_assert_eq(eq_tree_reduced_form(t, &g), EQ_OK);
        /* The strategic-form LP of a reduced form with 10^5 profiles
        ** takes minutes under the sanitizers; such trees are left to
        ** random_zerosum_deeper's comparison of the two methods. */
        if (eq_game_profiles(g) <= 20000) {
            eq_solve_opts_init(&o);
            o.method = EQ_METHOD_ZEROSUM;
            cr_assert_eq(eq_solve(g, &o, &nr), EQ_OK, "%s", eq_result_errmsg(nr));
            cr_expect(fabs(eq_result_value(nr) - v) < EPS,
                      "tree %d: reduced form %.12g, sequence form %.12g", it,
                      eq_result_value(nr), v);
            eq_result_free(nr);
            compared++;
        }
        eq_game_free(g);
        eq_tree_result_free(z);
        eq_tree_result_free(l);
        eq_tree_free(t);
    }
    cr_expect_geq(compared, 35, "only %d trees compared", compared);
}

/* Deeper zero-sum trees, whose reduced forms may be large: zerosum and
** lemke agree on the value. */
Test(seqform, random_zerosum_deeper)
{
    t_rng rng = { 31337u };
    for (int it = 0; it < 40; it++) {
        eq_tree *t = random_tree(&rng, 1, 5 + it % 2, it % 2);
        eq_tree_result *z = solve(t, EQ_METHOD_ZEROSUM);
        eq_tree_result *l = solve(t, EQ_METHOD_LEMKE);
        cr_expect(fabs(eq_tree_result_payoff(l, 0, 0) - eq_tree_result_payoff(z, 0, 0)) < EPS,
                  "tree %d: lemke %.12g, zerosum %.12g", it,
                  eq_tree_result_payoff(l, 0, 0), eq_tree_result_payoff(z, 0, 0));
        eq_tree_result_free(z);
        eq_tree_result_free(l);
        eq_tree_free(t);
    }
}

/*
** A larger tree, a few hundred sequences: both methods finish quickly
** with an equilibrium (the performance the methods are meant for).
*/
Test(seqform, larger_tree, .timeout = 120)
{
    t_rng rng = { 4242u };
    eq_tree *t = NULL;
    eqi_seqform *sf = NULL;
    /* Draw until the tree is of the size wanted. */
    for (;;) {
        t = random_tree(&rng, 1, 7, 0);
        cr_assert_eq(eqi_seqform_new(t, &sf, NULL), EQ_OK);
        if (sf->n[0] + sf->n[1] >= 200 && sf->n[0] + sf->n[1] <= 600)
            break;
        eqi_seqform_free(sf);
        eq_tree_free(t);
    }
    eqi_seqform_free(sf);
    for (int k = 0; k < 2; k++) {
        eq_tree_result *r = solve(t, k ? EQ_METHOD_LEMKE : EQ_METHOD_ZEROSUM);
        eq_tree_result_free(r);
    }
    eq_tree_free(t);
}
