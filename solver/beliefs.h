/*
** beliefs.h -- assessments of game trees: beliefs at information sets, the
** gain from deviating at a set given a belief (sequential rationality),
** and the storage of beliefs in tree results.  Shared by beliefs.c, the
** methods that produce beliefs (sequential.c, pbe.c, seqform.c) and their
** tests.  Never installed.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_BELIEFS_H
#define EQUILIB_BELIEFS_H

#include "tree.h"

/* A set counts as reached when the profile reaches it with a probability
** above this (eq_tree_result_reached). */
#define EQI_REACH_EPS 1e-12

/*
** The continuation problem of the mover p at an information set h.  Its
** "region" is every node below h's members.  Under perfect recall every
** information set of p that meets the region lies inside it and hangs
** below one action of h; so p's choices in the region form a small
** sequence form: local sequences (g, b), one per action b of each of p's
** sets g in the region (h first).
**
** With mu a belief over h's members v_1 .. v_m and the others' behaviour
** (and chance) fixed, p's expected payoff from a continuation plan is
**     sum_i mu_i sum_s r_s C[i][s],
** where r_s = 1 when the plan follows local sequence s (its own choices
** lead to s's set and choose s's action there) and
**     C[i][s] = sum over terminals z below v_i whose last move of p is s
**               of P_-p(z | v_i) u_p(z),
** P_-p being the product of chance and the other players' probabilities
** from v_i to z.  The best continuation is found by backward induction
** over the region's sets (eqi_region_best); its value minus the value of
** the profile's own continuation, sum_i mu_i val[i], is the gain from
** deviating at h.
*/
typedef struct eqi_region {
    int h, p;          /* the set and its mover */
    int m;             /* h's members */
    int ng;            /* p's sets in the region, h first ... */
    int *g;            /* ... their indices in the tree */
    int *gpar;         /* local sequence leading to each set; -1 for h */
    int *gfirst;       /* each set's first local sequence; its action b
                          is gfirst + b */
    int ns;            /* local sequences */
    double *C;         /* m x ns, row-major */
    double *val;       /* m: p's expected payoff from each member under
                          the profile */
    int capg, caps, capm;
} eqi_region;

/*
** Workspace for regions and gains on one tree: per-node values of the
** current profile and scratch arrays.  eqi_gain_init allocates for t;
** eqi_gain_profile evaluates a behaviour profile (beh[h] points at set
** h's probabilities); eqi_gain_region then builds the region of any set
** for that profile.  Returns 0, or -1 for lack of memory.
*/
typedef struct eqi_gain {
    const eq_tree *t;
    double *value;     /* nnode x n: each player's expected payoff from
                          each node under the profile */
    double *reach;     /* nnode: reach probabilities */
    double *w;         /* nnode: scratch weights */
    int *seq;          /* nnode: scratch local sequences */
    int *stack;        /* nnode */
    int *mark;         /* niset: local index of a set in the region, -1 */
    int *first;        /* niset: smallest member of each set */
    double *sv;        /* scratch of the backward induction */
    int capsv;
} eqi_gain;

int eqi_gain_init(eqi_gain *g, const eq_tree *t);
void eqi_gain_free(eqi_gain *g);
void eqi_gain_profile(eqi_gain *g, const double *const *beh);

/* Build the region of set h for the profile last given to
** eqi_gain_profile.  Returns 0 or -1 (no memory). */
int eqi_gain_region(eqi_gain *g, const double *const *beh, int h,
                    eqi_region *R);
void eqi_region_free(eqi_region *R);

/*
** The best continuation value at the region's set for the belief mu (m
** doubles): max over plans of sum_i mu_i sum_s r_s C[i][s].  plan: OUT,
** may be NULL, else R->ng actions, the best action at each set of the
** region (the lowest index on ties).  R must come from eqi_gain_region
** on g, which sized the scratch: it never allocates, never fails.
*/
double eqi_region_best(eqi_gain *g, const eqi_region *R, const double *mu,
                       int *plan);

/* The payoff vector of a pure continuation plan (R->ng actions): u[i] =
** sum_s r_s C[i][s] for each member i.  u: m doubles. */
void eqi_region_plan_payoffs(eqi_gain *g, const eqi_region *R, const int *plan,
                             double *u);

/* The Bayes belief at set h from reach probabilities (nnode doubles) into
** mu (h's members); returns the set's reach probability. */
double eqi_bayes(const eq_tree *t, const double *reach, int h, double *mu);

/*
** The certificate of an assessment: beh (behaviour at every set) and bel
** (nnode doubles, a belief at the decision nodes; a set whose first
** member's entry is NaN or negative has none).  *seqreg: the largest gain,
** over the sets that have a belief -- and over the reached sets, which
** use Bayes' rule when bel gives none -- from changing the mover's
** behaviour at and after the set; *bayes: the largest difference between
** a given belief at a reached set and Bayes' rule.  Returns EQ_OK or
** EQ_ERR_NOMEM.
*/
eq_status eqi_assessment_check(const eq_tree *t, const double *const *beh,
                               const double *bel, double *seqreg, double *bayes);

/* ---- beliefs stored in tree results --------------------------------- */

/* Called by eqi_tree_result_add once equilibrium k's reach is known:
** records the reach of every set.  Returns 0 or -1 (no memory). */
int eqi_result_beliefs_add(eq_tree_result *r, const eq_tree *t, int k);
/* Frees what the functions here allocated in r. */
void eqi_result_beliefs_free(eq_tree_result *r);
/* Set the method's belief at set h of equilibrium k (mu over h's members,
** in member order).  Returns 0 or -1 (message on r). */
int eqi_result_set_belief(eq_tree_result *r, const eq_tree *t, int k, int h,
                          const double *mu);
/* Attach to equilibrium k the set of beliefs at h that support its choice
** there: nv vertices of h's nmem members each (copied).  Sets must be
** attached in increasing order of (k, h).  Returns 0 or -1. */
int eqi_result_add_belief_set(eq_tree_result *r, int k, int h, int nv,
                              int nmem, const double *vtx);
/* Compute equilibrium k's assessment certificate (eq_tree_result_seq_regret,
** eq_tree_result_bayes_gap) from its profile and its beliefs.  Returns
** EQ_OK or EQ_ERR_NOMEM (message on r). */
eq_status eqi_result_certify(eq_tree_result *r, const eq_tree *t, int k);

#endif /* EQUILIB_BELIEFS_H */
