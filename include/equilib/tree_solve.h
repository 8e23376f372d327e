/*
** equilib/tree_solve.h -- solving trees (spe and the other tree methods),
** their results, outcome classes, and beliefs (sequential and perfect
** Bayesian equilibria).
**
** Part of the public header equilib.h: write #include <equilib.h>, which
** includes every part.  This part also compiles alone (it includes the
** common part of equilib.h and the parts it needs itself).
**
** Copyright (C) 2026 the equilib developers.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_PART_TREE_SOLVE_H
#define EQUILIB_PART_TREE_SOLVE_H

#ifndef EQUILIB_H
#define EQUILIB_COMMON_ONLY
#include "../equilib.h"
#undef EQUILIB_COMMON_ONLY
#endif
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Solving trees                                                        */
/* ------------------------------------------------------------------ */

/* How spe picks one equilibrium of a subgame that has several. */
typedef enum eq_select {
    EQ_SELECT_FIRST = 0,      /* the first one the subgame method returns */
    EQ_SELECT_WELFARE = 1,    /* the largest sum of payoffs */
    EQ_SELECT_PLAYER = 2,     /* the largest payoff of select_player */
    EQ_SELECT_MIN_ACTION = 3  /* the lowest probability of the actions
                                 named select_action, summed over the
                                 subgame's information sets */
} eq_select;

/* pbe: a refinement for signalling games (see "Beliefs" below). */
typedef enum eq_refine {
    EQ_REFINE_NONE = 0,       /* every pure weak perfect Bayesian eq. */
    EQ_REFINE_INTUITIVE = 1,  /* those passing the Intuitive Criterion
                                 (Cho and Kreps 1987) */
    EQ_REFINE_D1 = 2          /* those passing the D1 criterion (Cho and
                                 Kreps 1987; Banks and Sobel 1987) */
} eq_refine;

/*
** Options of eq_tree_solve.  Fill with eq_tree_opts_init(), then edit.
*/
typedef struct eq_tree_opts {
    eq_method method;          /* EQ_METHOD_SPE (default); EQ_METHOD_ZEROSUM
                                  and EQ_METHOD_LEMKE work on the sequence
                                  form of a two-player tree; EQ_METHOD_PURE,
                                  EQ_METHOD_ENUM, EQ_METHOD_MIP and
                                  EQ_METHOD_QRE on its reduced strategic
                                  form, their equilibria turned into
                                  behaviour strategies (Kuhn's theorem);
                                  EQ_METHOD_CORRELATED plays the whole
                                  tree as one correlated stage (see
                                  "Correlated stages").  mip and
                                  correlated optimise the selection rule
                                  below: welfare (also for
                                  EQ_SELECT_FIRST and with all),
                                  select_player's payoff, or (correlated
                                  only) the fewest actions named
                                  select_action.  eq_method_check_tree
                                  says which methods apply */
    eq_method subgame_method;  /* spe: the method for each subgame's
                                  simultaneous or imperfect-information
                                  part; default EQ_METHOD_ENUM for two
                                  players, EQ_METHOD_PURE otherwise
                                  (set to -1 to choose so).  The
                                  two-player methods (zerosum, lemke,
                                  enum, mip) take any part in which at
                                  most two players have a move, in a tree
                                  of any number of players.
                                  EQ_METHOD_CORRELATED plays each such
                                  part by a correlated equilibrium: see
                                  "Correlated stages" below */
    int all;                   /* spe: list every subgame-perfect
                                  equilibrium (every combination of the
                                  subgames' equilibria); default 0 */
    eq_select select;          /* spe without all: the rule; default
                                  EQ_SELECT_WELFARE */
    int select_player;         /* for EQ_SELECT_PLAYER */
    const char *select_action; /* for EQ_SELECT_MIN_ACTION; borrowed */
    int exact;                 /* strategic methods on the reduced form:
                                  verify in rationals as in eq_solve_opts
                                  (results are still reported as
                                  doubles), refused with
                                  EQ_ERR_UNSUPPORTED by a method without
                                  EQ_CAP_EXACT; spe ignores it; the
                                  sequence-form methods refuse it */
    int max_equilibria;        /* 0 = no limit */
    double tol;                /* default 1e-9 */
    eq_log_fn log;
    void *log_ud;
    int coarse;                /* spe with subgame method correlated: coarse
                                  correlated stages (a player may only
                                  deviate before hearing the
                                  recommendation); default 0 */
    eq_refine refine;          /* pbe: keep only the equilibria that pass
                                  this refinement; default
                                  EQ_REFINE_NONE.  The refinements need a
                                  signalling game (see "Beliefs"); other
                                  methods refuse it */
    int perfect;               /* EQ_METHOD_LEMKE: a quasi-perfect
                                  equilibrium with beliefs at every set,
                                  by a symbolic perturbation of the
                                  sequence form (see "Beliefs"); default
                                  0; other methods refuse it
                                  (EQ_ERR_UNSUPPORTED).  Taken from the
                                  reserved tail: the struct's size and
                                  layout are unchanged */
    const eq_limits *limits;   /* as in eq_solve_opts: one set of limits
                                  for the whole call (every subgame or
                                  reduced-form solve in it); NULL
                                  (default) for none.  Borrowed.  Taken
                                  from the reserved tail (on 64-bit
                                  systems after 4 bytes of padding): the
                                  size and the other fields' offsets are
                                  unchanged */
    int reserved[2];
} eq_tree_opts;

/* Fill o with the defaults above.  NULL is a no-op. */
EQ_API void eq_tree_opts_init(eq_tree_opts *o);

typedef struct eq_tree_result eq_tree_result;

/*
** Solve a finished tree.  Each equilibrium is a behaviour strategy
** profile: a probability for every action at every information set.
** *out: OUT, as for eq_solve (the caller frees it with
** eq_tree_result_free, and on failure it carries the message).
** Fails with EQ_ERR_ARG (tree not finished, an unknown method),
** EQ_ERR_UNSUPPORTED (a method that does not apply: the sentence of
** eq_method_check_tree), EQ_ERR_LIMIT, EQ_ERR_NUMERIC, EQ_ERR_LP or
** EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_tree_solve(const eq_tree *t, const eq_tree_opts *opts,
                               eq_tree_result **out);
EQ_API void eq_tree_result_free(eq_tree_result *r);
EQ_API const char *eq_tree_result_errmsg(const eq_tree_result *r);
EQ_API eq_solution eq_tree_result_solution(const eq_tree_result *r);
EQ_API int eq_tree_result_count(const eq_tree_result *r);
/* The method that produced r. */
EQ_API eq_method eq_tree_result_method(const eq_tree_result *r);
/* How the reported equilibria were chosen, in words ("all 3
** subgame-perfect equilibria", "selected by welfare", ...).  Borrowed. */
EQ_API const char *eq_tree_result_selection(const eq_tree_result *r);
/* Equilibrium k's probabilities of the actions at information set h.
** Borrowed; NULL if out of range. */
EQ_API const double *eq_tree_result_behaviour(const eq_tree_result *r, int k, int h);
/* Probability that equilibrium k reaches node v (1 at the root). */
EQ_API double eq_tree_result_reach(const eq_tree_result *r, int k, int v);
/* Expected payoff of player p in equilibrium k. */
EQ_API double eq_tree_result_payoff(const eq_tree_result *r, int k, int p);
/* Certificate: the largest gain any player gets by changing their whole
** behaviour strategy in the tree (max regret), computed afresh. */
EQ_API double eq_tree_result_regret(const eq_tree_result *r, int k);

/*
** Correlated stages.  With subgame_method EQ_METHOD_CORRELATED, spe plays
** every subgame part that lacks perfect information (a "stage": the part
** of a subgame outside the subgames nested in it, with the nested
** subgames' roots paying their equilibrium values) by a correlated
** equilibrium of the stage's reduced strategic form (Aumann 1974): a
** mediator draws one pure plan per player from a joint distribution when
** play reaches the stage and tells each player only their own plan.
** Perfect-information parts are solved by backward induction as before.
** The distribution is the LP optimum for the selection rule: welfare
** (also for EQ_SELECT_FIRST and with all), select_player's payoff, or
** the lowest total probability of the actions named select_action.  With
** all, each stage contributes its one optimum, so "all" lists only the
** combinations the perfect-information parts allow.
**
** Such a result is not a behaviour profile.  For it:
**   eq_tree_result_behaviour at a stage's sets gives the marginals of the
**     joint distribution (conditional on reaching the set), which on their
**     own are generally not an equilibrium;
**   reach probabilities and payoffs are those of the joint distributions;
**   eq_tree_result_regret is the largest gain, over every subgame and
**     player, of a deviation from what the player is told (a best plan
**     against the others' recommendations, for each recommendation
**     received; or chosen before it, with coarse), given play that follows
**     the result elsewhere, computed afresh from the tree's payoffs.  0
**     means no player gains by disobeying in any subgame.
** For other results eq_tree_result_stages returns 0.
**
** With method EQ_METHOD_CORRELATED, eq_tree_solve plays the whole tree as
** one such stage, rooted at node 0 and spanning every information set: a
** correlated equilibrium of the tree's reduced strategic form, the
** mediator recommending each player a whole reduced plan before play.
** Its certificate is that of the tree as a whole (the largest gain of a
** player who follows another plan than the one recommended, chosen after
** hearing it, or before with coarse), not of every subgame: such an
** equilibrium need not be subgame perfect.
*/
/* Number of correlated stages of equilibrium k (0 if none or out of
** range). */
EQ_API int eq_tree_result_stages(const eq_tree_result *r, int k);
/* The node rooting stage j's subgame; -1 if out of range. */
EQ_API int eq_tree_result_stage_root(const eq_tree_result *r, int k, int j);
/* Stage j's information sets: returns their number and, when sets is not
** NULL, points *sets at their indices (borrowed; valid until r is
** freed).  0 (and NULL) if out of range. */
EQ_API int eq_tree_result_stage_infosets(const eq_tree_result *r, int k, int j,
                                         const int **sets);
/* Number of recommendations with positive probability at stage j. */
EQ_API int eq_tree_result_stage_support(const eq_tree_result *r, int k, int j);
/* Recommendation q of stage j: returns its probability and, when actions
** is not NULL, points *actions at one action index per set of the stage
** (in the order of eq_tree_result_stage_infosets), -1 at a set the
** recommended plan's own earlier moves never reach.  Borrowed.  0.0 (and
** NULL) if out of range. */
EQ_API double eq_tree_result_stage_prob(const eq_tree_result *r, int k, int j, int q,
                                        const int **actions);

/*
** Outcome classes of a tree: named sets of its terminal nodes ("war
** resumes", "peace"), each terminal in at most one.  A tree instantiated
** from a model carries the model's classes (eq_model_classes), in the
** same order; any tree can be given classes with eq_tree_add_class and
** eq_tree_set_node_class.  Readers and writers of .efg files do not carry
** them.
*/
/* Add a class (name and description copied; description may be NULL).
** *id: OUT, may be NULL, its index.  Fails with EQ_ERR_ARG (no name, a
** duplicate name) or EQ_ERR_NOMEM. */
EQ_API eq_status eq_tree_add_class(eq_tree *t, const char *name, const char *description,
                                   int *id);
/* Put terminal node `node` in class cls (-1: in none).  Fails with
** EQ_ERR_ARG (not a terminal node, no such class). */
EQ_API eq_status eq_tree_set_node_class(eq_tree *t, int node, int cls);
/* Count; class c's name and description (NULL out of range); the index of
** the class named name (-1); node's class (-1: none).  Never fail. */
EQ_API int eq_tree_classes(const eq_tree *t);
EQ_API const char *eq_tree_class_name(const eq_tree *t, int c);
EQ_API const char *eq_tree_class_description(const eq_tree *t, int c);
EQ_API int eq_tree_class_index(const eq_tree *t, const char *name);
EQ_API int eq_tree_node_class(const eq_tree *t, int node);

/* The probability that equilibrium k of r (a result of solving t) ends in
** class c: the sum of the reach probabilities of c's terminals.  NaN when
** r is not t's or an index is out of range.  Never fails. */
EQ_API double eq_tree_result_class_prob(const eq_tree_result *r, const eq_tree *t, int k,
                                        int c);
/*
** The outcome of equilibrium k of r (a result of solving t) from the nodes
** labelled `label` on (NULL: from the root), conditional on reaching
** them: *reach, the probability that k reaches them; class_prob[c] for
** each class of t, and payoff[p] for each player (each may be NULL).
** Definition: with V the nodes so labelled that have no ancestor so
** labelled, and rho(v) their reach probabilities, the outcome from v is
** computed under k's behaviour strategies from v on, and the outcome from
** V is their average weighted by rho(v) / sum rho when sum rho > 0 (Bayes'
** rule), or with equal weights when k reaches none of them: a
** subgame-perfect profile says what happens there even off its path.
** With correlated stages (eq_tree_result_stages > 0) the outcome is
** measured from the joint distributions when sum rho > 0, and is not
** defined off the path.  Fails with EQ_ERR_ARG (no node labelled so, r
** not t's, k out of range), EQ_ERR_UNSUPPORTED (correlated stages off the
** path) or EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_tree_result_outcome(const eq_tree_result *r, const eq_tree *t, int k,
                                        const char *label, double *reach,
                                        double *class_prob, double *payoff);

/* The certificate of any behaviour profile: beh[h] points to the
** probabilities at information set h.  *regret: OUT; payoffs: OUT, may be
** NULL, else one per player.  Fails with EQ_ERR_ARG or EQ_ERR_NOMEM. */
EQ_API eq_status eq_tree_regret(const eq_tree *t, const double *const *beh,
                                double *regret, double *payoffs);

/* ------------------------------------------------------------------ */
/* Beliefs: sequential and perfect Bayesian equilibria                  */
/* ------------------------------------------------------------------ */

/*
** An assessment is a behaviour profile with a belief at every information
** set: a probability for each of the set's nodes, the mover's conjecture
** of where play stands when the set is reached.  It is sequentially
** rational when at every set the mover's behaviour there and after is a
** best reply, given the belief and the others' behaviour, and its beliefs
** follow Bayes' rule at the sets the profile reaches.
**
** Methods.
**   EQ_METHOD_SEQUENTIAL: one sequential equilibrium (Kreps and Wilson
**     1982) of a tree with any number of players, as the limit of the
**     agent logit quantal response equilibrium (McKelvey and Palfrey 1998)
**     as lambda grows: each information set is an agent who responds by
**     the logit rule to its expected payoffs given its beliefs, which are
**     Bayes' rule everywhere because every action has positive
**     probability on the path.  The path is followed from lambda = 0 as
**     EQ_METHOD_QRE follows it, and its end is polished by Newton's
**     method on the sequential-rationality conditions of the support
**     found.  Beliefs at sets the equilibrium does not reach are the
**     limits of the QRE beliefs, hence consistent.  The tree must have
**     perfect recall (eq_tree_finish checks it); at most 2000 actions in
**     all (EQ_ERR_LIMIT).  Degenerate trees may stop the path
**     (EQ_ERR_NUMERIC).
**   EQ_METHOD_PBE: every pure-strategy weak perfect Bayesian equilibrium:
**     each pure behaviour profile is tried; beliefs at the sets it reaches
**     are Bayes' rule, and at each set it does not reach a linear program
**     decides whether some belief makes the profile's continuation there
**     optimal.  The set of such beliefs is reported by its vertices (for
**     a two-node set, the ends of an interval).  Limits, each an
**     EQ_ERR_LIMIT naming it: 1,000,000 pure behaviour profiles
**     (PBE_MAX_PROFILES), 100,000 nodes (PBE_MAX_NODES), and 6 nodes in a
**     set the profile does not reach, for the vertex enumeration
**     (PBE_MAX_SET_NODES).  With opts.refine, only the equilibria passing
**     the refinement are kept; the refinements need a signalling game:
**     chance draws the sender's type at the root, the sender sees it and
**     sends a message, the receiver sees the message (one information set
**     per message, one node per type) and responds, and play ends.
**   EQ_METHOD_LEMKE with opts.perfect: a quasi-perfect equilibrium (van
**     Damme 1984) of a two-player tree, which is sequential and
**     normal-form perfect: Lemke's algorithm on the sequence form in the
**     form of von Stengel, van den Elzen and Talman (2002), with every
**     sequence s of either player held at least eps^(|s|+1) (|s| the
**     number of the player's own moves in it) as Miltersen and Sorensen
**     (2010) do, eps kept symbolic (a lexicographic rule), so the answer
**     is the limit as eps -> 0.  Behaviour and beliefs at unreached sets
**     are the limits of the perturbed game's.
**
**   EQ_METHOD_SPE with subgame_method EQ_METHOD_PBE: in every subgame a
**     pure weak PBE of its remainder (a "stage": the nested subgames'
**     roots paying their equilibrium values), found by pbe's enumeration
**     on the stage alone; backward induction where information is
**     perfect.  So the profile is subgame perfect and no action at a set
**     off a stage's path lacks a belief that justifies it (unlike Nash
**     stages, which may keep such an empty threat).  Beliefs: Bayes' rule
**     where the equilibrium goes; at a set it does not reach but its
**     stage does (the stage is off the path), Bayes' rule given the
**     stage's root; at a set off its stage's path, one supporting belief
**     (the LP's) and, by eq_tree_result_belief_vertex, the supporting set,
**     as for pbe (no supporting set where the stage's Bayes' rule fixes
**     the belief: pbe would give one wherever the whole profile does not
**     go).  The assessment certificates below are set.  opts.refine is
**     refused (spe), and the limits of pbe apply to each stage, not to
**     the whole tree.  Every such equilibrium is a weak PBE of the whole
**     tree; the converse fails where a weak PBE leaves a subgame off the
**     path to free beliefs that the subgame's own Bayes' rule excludes.
**
** The accessors below work on every tree result.  For methods that give
** no beliefs off the path (spe with Nash stages, pure, enum, zerosum,
** lemke) beliefs exist only where the equilibrium goes.
*/

/* Whether equilibrium k reaches information set h: 1 if it does with
** probability above 1e-12, 0 if not, -1 if k or h is out of range. */
EQ_API int eq_tree_result_reached(const eq_tree_result *r, int k, int h);

/* The probability that equilibrium k reaches information set h (the sum
** of eq_tree_result_reach over its nodes); 0.0 if out of range. */
EQ_API double eq_tree_result_infoset_reach(const eq_tree_result *r, int k, int h);

/*
** Equilibrium k's belief at decision node v: the probability of v given
** that v's information set is reached.  At a reached set, Bayes' rule
** (or, for sequential, the method's belief, which agrees with it to the
** certificate eq_tree_result_bayes_gap); at a set not reached, the
** method's belief: the QRE limit (sequential), the limit of the perturbed
** game (lemke with perfect), for spe with pbe stages the stage's (above),
** or for pbe one supporting belief, the
** optimum of the set's LP (the whole supporting set is given by
** eq_tree_result_belief_vertex).  -1.0 where there is none (an unreached
** set under another method), at a node that is not a decision node, and
** out of range.  Never fails.
*/
EQ_API double eq_tree_result_belief(const eq_tree_result *r, int k, int v);

/*
** pbe (and spe with pbe stages, at a set off its stage's path): the
** beliefs at the unreached information set h that make
** equilibrium k's continuation there optimal form a convex polytope in the
** simplex over h's nodes.  eq_tree_result_belief_vertices gives the number
** of its vertices (0 for a reached set, another method, or out of range);
** eq_tree_result_belief_vertex gives vertex j, one probability per node of
** h in the order of eq_tree_infoset_member.  For a set of two nodes the
** vertices are the ends of an interval (one vertex: a single point).
** Borrowed; valid until r is freed.  NULL if out of range.
*/
EQ_API int eq_tree_result_belief_vertices(const eq_tree_result *r, int k, int h);
EQ_API const double *eq_tree_result_belief_vertex(const eq_tree_result *r, int k,
                                                  int h, int j);

/*
** The certificate of equilibrium k's assessment, computed afresh from the
** tree's payoffs (sequential, pbe, lemke with perfect):
**   eq_tree_result_seq_regret: the largest gain, over the information sets
**     that have a belief, that the mover gets by changing the behaviour at
**     the set and after it, given the belief and the others' behaviour
**     (sequential rationality; 0 to rounding for a sequential or weak
**     perfect Bayesian equilibrium);
**   eq_tree_result_bayes_gap: the largest difference, over the nodes of
**     reached sets, between the belief and Bayes' rule applied to the
**     profile (consistency on the path; 0 to rounding).
** -1.0 when not computed (other methods; see eq_tree_assessment_regret) or
** out of range.  Never fail.
*/
EQ_API double eq_tree_result_seq_regret(const eq_tree_result *r, int k);
EQ_API double eq_tree_result_bayes_gap(const eq_tree_result *r, int k);

/*
** The certificate of any assessment of the finished tree t: beh[h] points
** to the probabilities at information set h; belief, which may be NULL,
** holds eq_tree_nodes(t) doubles, a belief at each decision node (other
** entries are ignored); a set whose entries are negative has no belief.
** Sets without a belief are skipped if the profile does not reach them
** and use Bayes' rule if it does.  *seq_regret and *bayes_gap: OUT, as
** for eq_tree_result_seq_regret and eq_tree_result_bayes_gap; either may
** be NULL.  Fails with EQ_ERR_ARG (t not finished, NULL beh, a behaviour
** or a belief that is not a probability vector to 1e-9) or EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_tree_assessment_regret(const eq_tree *t,
                                           const double *const *beh,
                                           const double *belief,
                                           double *seq_regret,
                                           double *bayes_gap);

#ifdef __cplusplus
}
#endif

#endif /* EQUILIB_PART_TREE_SOLVE_H */
