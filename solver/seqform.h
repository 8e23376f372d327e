/*
** seqform.h -- the sequence form of a two-player tree with perfect recall,
** shared by the sequence-form solvers (seqform.c) and their tests.  Never
** installed.
**
** References: D. Koller, N. Megiddo and B. von Stengel, "Efficient
** computation of equilibria for extensive two-person games", Games and
** Economic Behavior 14 (1996) 247-259; B. von Stengel, "Efficient
** computation of behavior strategies", GEB 14 (1996) 220-246.
**
** A sequence of player p is the empty sequence or a pair (h, a) of one of
** p's information sets h and an action a at h: with perfect recall the
** choices p makes on the way to a node are determined by p's last one.
** Player p's sequences are numbered 0 (the empty one), then, for p's
** information sets in index order, one per action in action order.
**
** A realization plan x of player 1 gives each sequence the probability
** that player 1's own choices follow it.  The plans are the x >= 0 with
**
**     E x = e:   x_0 = 1,  and for each of p's sets h (row 1 + its rank):
**                -x_parent(h) + sum_a x_(h,a) = 0,
**
** parent(h) being p's last own sequence before h; e = (1, 0, ..., 0).  F,
** f are player 2's.  The expected payoffs of plans x, y are x^T A y and
** x^T B y, where A (B) sums over the leaves reached by each pair of
** sequences the leaf's chance probability times player 1's (2's) payoff.
** P sums the chance probabilities alone, so x^T P y = 1 for plans: a
** positive affine map u -> c u + d of a player's leaf payoffs turns A into
** c A + d P and the payoff of every pair of plans into c x^T A y + d.
*/
#ifndef EQUILIB_SEQFORM_H
#define EQUILIB_SEQFORM_H

#include "internal.h"

typedef struct eqi_seqform {
    int n[2];          /* sequences of player p, the empty one being 0 */
    int k[2];          /* rows of E (p = 0) and F (p = 1): 1 + p's sets */
    int niset;         /* information sets of the tree */
    int *first;        /* niset: h's sequence of action 0; its action a is
                          first[h] + a, in its player's numbering */
    int *parent;       /* niset: parent(h), the player's sequence leading
                          to h (0 if none) */
    int *row;          /* niset: h's row of E or F, 1 .. k[p] - 1 */
    int *order[2];     /* player p's k[p] - 1 sets, a set after the one of
                          its parent sequence (by length of that sequence) */
    int *seq_iset[2];  /* n[p]: the set of each sequence, -1 for 0 */
    int *boff;         /* niset: offset of h's actions in a behaviour
                          profile (sets in index order) */
    int tot;           /* length of a behaviour profile */
    double *A, *B, *P; /* n[0] x n[1], row-major */
    double *E, *F;     /* k[0] x n[0] and k[1] x n[1], row-major */
} eqi_seqform;

/*
** The sequence form of t, a finished tree of two players (perfect recall
** is checked by eq_tree_finish).  *out: OUT, free with eqi_seqform_free().
** Fails with EQ_ERR_ARG (t not finished), EQ_ERR_UNSUPPORTED (not two
** players), EQ_ERR_LIMIT (a dense matrix over 50 million entries) or
** EQ_ERR_NOMEM; the message goes to err (EQI_ERRMAX bytes, may be NULL).
*/
eq_status eqi_seqform_new(const eq_tree *t, eqi_seqform **out, char *err);

/* Destroy a sequence form.  NULL is a no-op. */
void eqi_seqform_free(eqi_seqform *sf);

/* The number of behaviour probabilities of t: the sum over its information
** sets of their actions (the length of an eq_tree_result profile). */
int eqi_seqform_behaviour_size(const eq_tree *t);

/*
** Player p's realization plan (n[p] doubles) of the behaviour profile beh
** (all of t's information sets in index order, each set's actions in
** order; other players' entries are ignored).
*/
void eqi_seqform_realize(const eqi_seqform *sf, const eq_tree *t, int p,
                         const double *beh, double *plan);

/*
** Player p's behaviour from the realization plan plan (n[p] doubles),
** written into p's entries of beh (the layout above): at a set h,
** beh(h, a) = x_(h,a) / sum_b x_(h,b), which is x_(h,a) / x_parent(h) for
** a plan, after negative rounding noise is set to 0.  Where that sum is
** below 1e-12 -- p's own earlier choices never reach h -- the behaviour is
** uniform; it changes no payoff, since h is then never reached.
*/
void eqi_seqform_behaviour(const eqi_seqform *sf, const eq_tree *t, int p,
                           const double *plan, double *beh);

/*
** Player p's best-response value max c^T r over p's realization plans r,
** by backward induction over p's sets (c has n[p] entries, the payoffs of
** p's sequences against the opponent's plan: A y for p = 0, B^T x for
** p = 1).  choice: OUT, may be NULL, else one action per information set
** of the tree; p's entries receive a maximising action at every set of p
** (reached or not), the lowest index on ties.  work: n[p] doubles.
*/
double eqi_seqform_best_value(const eqi_seqform *sf, const eq_tree *t, int p,
                              const double *c, int *choice, double *work);

/*
** The certificate of plans x, y in the sequence form: the larger of the
** two players' gains from a best response, max_r r^T A y - x^T A y and
** max_s x^T B s - x^T B y.  pay: OUT, may be NULL, else 2 doubles, x^T A y
** and x^T B y.  Returns the regret, or a negative value for lack of
** memory.
*/
double eqi_seqform_regret(const eqi_seqform *sf, const eq_tree *t,
                          const double *x, const double *y, double *pay);

/* ---- shared by the sequence-form methods (seqzero.c, seqlemke.c) ---- */

/* calloc of k elements of size sz, at least one, so that 0 is no failure. */
void *eqi_seqform_zalloc(size_t k, size_t sz);
/* Whether an a x b dense matrix stays under the limit of dense matrices
** (50 million entries). */
int eqi_seqform_dense_ok(int a, int b);

/*
** Player p's sequence-form payoffs under the map u -> 1 + (u - lo) / (hi -
** lo) of the leaf payoffs to [1, 2] (a constant player maps to 1): c M +
** d P (see above).  A positive affine map changes no best reply, so the
** equilibria stay; it makes the tolerances independent of the payoffs'
** scale.  Returns a new n[0] x n[1] matrix, or NULL for lack of memory.
*/
double *eqi_seqform_scaled(const eqi_seqform *sf, const eq_tree *t, int p);

/* Check the behaviour profile beh (eqi_seqform_behaviour's layout) by its
** regret in the sequence form, independently of how it was found, and
** append it to r.  who names the method in messages. */
eq_status eqi_seqform_add_behaviour(const eqi_seqform *sf, const eq_tree *t,
                                    const double *beh, eq_tree_result *r, const char *who);

/* The regret above which a profile is no equilibrium: far above rounding
** error for payoffs of t's range, far below any real gain. */
double eqi_seqform_regret_bound(const eq_tree *t);

/* Turn the plans x, y into a behaviour profile, check it by its regret in
** the sequence form (independently of how it was found), and append it to
** r.  who names the method in messages. */
eq_status eqi_seqform_add_plans(const eqi_seqform *sf, const eq_tree *t,
                                const double *x, const double *y,
                                eq_tree_result *r, const char *who);

/* The checks both methods make: a finished two-player tree, no exact
** arithmetic.  Returns EQ_OK or an error on r. */
eq_status eqi_seqform_check(const eq_tree *t, const eq_tree_opts *o,
                            eq_tree_result *r, const char *who);

/* o's tolerance (1e-9 when o is NULL or out of range); o's log, if any,
** receives msg as progress. */
double eqi_seqform_tol(const eq_tree_opts *o);
void eqi_seqform_say(const eq_tree_opts *o, const char *msg);

#endif /* EQUILIB_SEQFORM_H */
