/*
** sens.h -- internals shared by the sensitivity modules (analysis, points,
** sweeps, breakpoints, robustness, claims).  Never installed; internal
** names use the eqi_ prefix.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_SENS_H
#define EQUILIB_SENS_H

#include <stdint.h>

#include "../exact.h"
#include "../expr.h"
#include "../tree.h"

/* ------------------------------------------------------------------ */
/* numeric.c                                                            */
/* ------------------------------------------------------------------ */

/* The splitmix64 finaliser, and a 64-bit random word that is a pure
** function of (seed, index, dim). */
uint64_t eqi_mix64(uint64_t z);
uint64_t eqi_random_word(uint64_t seed, uint64_t index, uint64_t dim);
/* A uniform double in (0, 1) from (seed, index, dim). */
double eqi_uniform(uint64_t seed, uint64_t index, uint64_t dim);
/* Element i of a pseudo-random permutation of [0, n) keyed by (seed,
** dim); the same permutation whatever the order of the calls. */
uint64_t eqi_permute(uint64_t seed, uint64_t dim, uint64_t n, uint64_t i);
/* The regularised incomplete beta function I_x(a, b) and its inverse in
** x (a, b > 0). */
double eqi_beta_cdf(double a, double b, double x);
double eqi_beta_inv(double a, double b, double u);
/* The 95% Wilson score interval of k successes in n trials. */
void eqi_wilson(long long k, long long n, double *lo, double *hi);

/* A function for root finding; clear *ok on failure. */
typedef double (*eqi_fn)(void *ud, double x, int *ok);
/* Brent's method on [a, b] with f(a) = fa, f(b) = fb of opposite signs
** (or one zero).  Returns 0 and *root, or -1. */
int eqi_brent(eqi_fn f, void *ud, double a, double b, double fa, double fb,
              double *root);
/* The simplest fraction in [lo, hi] with denominator at most maxden, into
** out (initialised).  Returns 0, or -1 if there is none so small. */
int eqi_simplest_fraction(const mpq_t lo, const mpq_t hi, unsigned long maxden,
                          mpq_t out);
/* The shortest decimal reading of v, exactly, into q (initialised). */
void eqi_decimal_rational(double v, mpq_t q);
/* The double nearest q. */
double eqi_rational_nearest(const mpq_t q);
/* The double of the shortest decimal within err of x, and in [lo, hi]. */
double eqi_round_within(double x, double err);
double eqi_round_between(double lo, double hi);

/* ------------------------------------------------------------------ */
/* analysis.c                                                           */
/* ------------------------------------------------------------------ */

/* One axis of a sweep's grid: parameter `param` takes vals[0 .. n). */
typedef struct eqi_axis {
    int param;
    int n;
    double *vals;
} eqi_axis;

struct eq_analysis {
    const eq_model *m;
    int np;                 /* parameters */
    double *base;           /* np base values */
    eq_tree_opts opts;      /* select_action points into action */
    char *action;           /* owned copy of opts.select_action */
    unsigned measures;
    int threads;
    int grid;               /* breakpoints: grid intervals */
    eqi_axis *axis;
    int naxis;
    long long i0, i1;       /* range; i1 = -1: to the end */
    eq_limits limits;       /* a sweep's limits (eq_analysis_set_limits) */
    char errmsg[EQI_ERRMAX];
};

/* The parameter named at the start of spec ("NAME" or "NAME=..."); *rest
** points after the '=' (NULL without one).  -1 with a message in err. */
int eqi_spec_param(const eq_model *m, const char *spec, const char **rest, char *err);
/* The values of grid point idx into v (np doubles): the base values with
** each axis' parameter set. */
void eqi_analysis_point(const eq_analysis *a, long long idx, double *v);
/* The number of threads to use (resolving 0). */
int eqi_analysis_threads(const eq_analysis *a);

/* ------------------------------------------------------------------ */
/* ordered.c: a parallel map whose results come in index order          */
/* ------------------------------------------------------------------ */

/*
** Do work(i) for every index i in [i0, i1) on threads threads (the
** calling one among them) and pass each result to emit in increasing
** order of i, on the calling thread.  Each thread has a worker made by
** worker_new (which may return NULL: work then sees NULL and should say
** so in its slot); results live in slots made by slot_new (NULL: out of
** memory).  emit returning non-zero stops the run (EQ_ERR_STOPPED).
** Returns EQ_OK, EQ_ERR_STOPPED or EQ_ERR_NOMEM, with a message in err.
*/
typedef struct eqi_ordered {
    int threads;
    long long i0, i1;
    void *ctx;
    void *(*worker_new)(void *ctx);
    void (*worker_free)(void *ctx, void *w);
    void *(*slot_new)(void *ctx);
    void (*slot_free)(void *ctx, void *slot);
    void (*work)(void *ctx, void *w, void *slot, long long idx);
    int (*emit)(void *ctx, void *slot, long long idx);
} eqi_ordered;
eq_status eqi_ordered_run(const eqi_ordered *o, char *err);

/* ------------------------------------------------------------------ */
/* profile.c: a fixed behaviour profile on a tree                       */
/* ------------------------------------------------------------------ */

/*
** Scratch for evaluating a behaviour profile on a tree: continuation
** values and reach probabilities.  Sized for a tree by eqi_prof_fit;
** allocates only when the tree grows.
*/
typedef struct eqi_prof {
    int nnode, niset, n;
    double *val;       /* nnode x n: expected payoffs from node v on */
    double *creach;    /* nnode: reach probability given the innermost
                          subgame containing v is reached */
    int *sub;          /* nnode: the root of the innermost subgame
                          containing v */
    int capnode, capiset;
} eqi_prof;

void eqi_prof_free(eqi_prof *w);
/* Size w for t and compute sub[].  Returns 0 or -1 (no memory). */
int eqi_prof_fit(eqi_prof *w, const eq_tree *t);
/* Continuation values and subgame-conditional reach of the profile beh
** (flat, t's information sets in order, offsets off); the stages g[0 ..
** ng) valued by their joint distributions (ng = 0: none). */
void eqi_prof_eval(eqi_prof *w, const eq_tree *t, const double *beh, const int *off);
void eqi_prof_eval_stages(eqi_prof *w, const eq_tree *t, const double *beh, const int *off,
                          const eqi_stage *g, int ng);
/* The stage of g[0 .. ng) whose sets include h, or -1. */
int eqi_stage_of_set(const eqi_stage *g, int ng, int h);
/* The gain of player i (the mover at set h) from playing action b at h
** instead of what beh plays there, the rest held: the members of h
** weighted by creach (equal weights when none is reached).  Needs
** eqi_prof_eval first. */
double eqi_prof_gain(const eqi_prof *w, const eq_tree *t, const double *beh,
                     const int *off, int h, int b);
/* The same with the weights bel (one per node of t, NULL: equal) where
** none of h's members is reached: spe with pbe stages passes its belief
** off a stage's path, so that a threat some belief supports is judged by
** that belief. */
double eqi_prof_gain_belief(const eqi_prof *w, const eq_tree *t, int h, int b,
                            const double *bel);
/*
** A continuous condition on a profile, zero where a breakpoint lies:
**   EQI_COND_GAIN   the gain of the mover at set h from action b, under
**                   sigma (eqi_prof_gain);
**   EQI_COND_SCORE  the selection score of sigma minus that of sigma2 at
**                   node s: player's payoff there, or with player < 0 the
**                   sum of the payoffs (welfare).
** Profiles are flat over the sets' actions, at offsets off.  Where the
** profile plays stages by correlated equilibria (g[0 .. ng) for sigma,
** g2[0 .. ng2) for sigma2), the value at a stage's root is that of its
** joint distribution over recommendations, held fixed, not the product
** of the marginals in sigma.  verify_mix (exact evaluation only): also
** require every set of sigma's subtree where sigma mixes (outside the
** stages) to leave its mover exactly indifferent among the actions in
** its support, so that the mixed equilibrium itself holds at the root.
**   EQI_COND_STAGE  a correlated stage's own switch (exact.c,
**                   eqi_stagesw): the smallest of the margins of the
**                   stage LP's optimal basis on one side that turn
**                   negative on the other; s is the stage's root.
**                   breakpoints.c evaluates it through eqi_stagesw_eval,
**                   exact evaluation through sw.
*/
enum { EQI_COND_GAIN, EQI_COND_SCORE, EQI_COND_STAGE };
typedef struct eqi_stagesw eqi_stagesw;
typedef struct eqi_cond {
    int type;
    int h, b;
    int s, player;
    const double *sigma, *sigma2;
    const eqi_stage *g, *g2;
    int ng, ng2;
    int verify_mix;
    eqi_stagesw *sw;    /* EQI_COND_STAGE */
} eqi_cond;

/*
** A correlated stage's own switch (exact.c).  The stage of g[0 .. ng)
** holding set h is played by the correlated LP of its part of the tree:
** the nodes below its root down to the terminals and to the roots of the
** subgames nested in it, which pay their continuation values under the
** held profile sigma (flat at offsets off, g's stages valued by their
** distributions) -- the tree itself when the stage is the whole game.
** The LP's basis B optimal on tree ta is followed to tree tb: its margins
** (eqi_ce_margins) that are > 0 on ta and < 0 on tb are those whose
** crossing of 0 ends B's optimality, and the condition is their smallest,
** a rational function of the payoffs and continuation values, so of the
** parameter where they are rational in it.  A nested subgame the held
** profile plays by a mixture, or by a correlated stage of several
** recommendations whose payoffs or chance probabilities differ between ta
** and tb, moves with the parameter in a way holding it misses: then
** eqi_stagesw_moves is 1, the margins at tb use the profile sigb solved
** there (with its stages gb; NULL: not handled, 1), and the caller holds
** the profile solved at each point it evaluates (eqi_stagesw_hold); the
** exact check then also requires that profile's distributions to sum to
** 1 and its mixtures below the stage to leave their movers exactly
** indifferent, as a gain's does.  The held profile and stages are
** borrowed until the next hold or w's end.
** eqi_stagesw_new: 0 with *out, 1 when the stage is not of that kind or
** no margin changes sign (bisection then), -1 for lack of memory.
** eqi_stagesw_eval: the condition on tree t, *ok cleared when it cannot
** be evaluated there.  Exactly (eqi_cond_eval_q): 0 when the condition is
** exactly 0 and B is still optimal on t (every margin >= 0): the edge of
** B's optimality, where the stage's optimum moves.
*/
int eqi_stagesw_new(eqi_stagesw **out, const eq_tree *ta, const eq_tree *tb,
                    const eq_tree_opts *o, const eqi_stage *g, int ng, int h,
                    const double *sigma, const int *off, const double *sigb,
                    const eqi_stage *gb, int ngb);
int eqi_stagesw_moves(const eqi_stagesw *w);
void eqi_stagesw_hold(eqi_stagesw *w, const double *sigma, const eqi_stage *g, int ng);
void eqi_stagesw_free(eqi_stagesw *w);
double eqi_stagesw_eval(eqi_stagesw *w, const eq_tree *t, int *ok);
/* The condition's value on t (w fitted to t).  Evaluates the profiles. */
double eqi_cond_eval(const eqi_cond *c, const eq_tree *t, eqi_prof *w, const int *off);

/* The tie tolerance spe uses on t (tol times the payoffs' range, at
** least tol). */
double eqi_tie_tolerance(const eq_tree *t, double tol);

/* ------------------------------------------------------------------ */
/* point.c                                                              */
/* ------------------------------------------------------------------ */

/* A growing list of notes (flag explanations). */
typedef struct eqi_notes {
    char *text;         /* notes separated by NULs */
    size_t len, cap;
    int *at;            /* offsets of each note */
    int n, capn;
} eqi_notes;

/* A tree cached by a point: one per structure met (the values of the
** enumerated parameters that shape it). */
#define EQI_POINT_TREES 4
typedef struct eqi_tcache {
    eq_tree *t;
    struct eqi_spefast *fast;   /* spe solved again without allocating */
    eq_tree_result *res;        /* the fast path's result, reused */
    double *key;        /* the enumerated parameters' values */
    unsigned long use;  /* last use, for eviction */
    int *given;         /* ngiven x (1 + copies): for each given, its
                           copies in this tree (count first) */
    int ngivenint;
} eqi_tcache;

struct eq_point {
    const eq_model *m;
    int np, nc, ng, n;  /* parameters, classes, givens, players */
    long long index;
    eq_status status;
    double *values;     /* np */
    double *cls;        /* nc */
    double *pay;        /* n */
    double *greach;     /* ng */
    double *gcls;       /* ng x nc */
    double *gpay;       /* ng x n */
    double *reach;      /* nnode */
    int *stack;         /* scratch of a depth-first walk */
    int nnode, capnode, capstack;
    int count;
    double regret;
    unsigned flags;
    char *path;
    size_t pathlen, pathcap;
    eqi_notes notes;
    /* The workspace (solving points only; NULL in copies). */
    eqi_tcache cache[EQI_POINT_TREES];
    unsigned long clock;
    eq_tree *tree;          /* the current tree (one of the cache) */
    eq_tree_result *res;    /* the current result: a cache entry's, or
                               own (own_res) */
    int own_res;
    eqi_prof prof;
    double *sub;            /* nnode x (nc + n): from-node outcome */
    int capsub;
    eqi_ce_ws *cews;        /* correlated stages' LP memory, reused from
                               point to point (each sweep thread solves
                               into a point of its own); made at the first
                               correlated solve */
    char errmsg[EQI_ERRMAX];
};

/* Copy the row data of src (not its workspace) into dst, a point of the
** same model.  Returns 0 or -1 (no memory; dst keeps a message). */
int eqi_point_copy(eq_point *dst, const eq_point *src);
/* Reset a point to "not solved" with status s and message msg. */
void eqi_point_fail(eq_point *pt, eq_status s, const char *msg);
/* The support signature of pt's selected profile (hash over information
** sets and chance moves with positive probability, and the count). */
uint64_t eqi_point_signature(const eq_point *pt);

/* A flag with its note, for eq_point; returns 0 or -1 (no memory). */
typedef int (*eqi_note_fn)(void *ud, unsigned flag, const char *note);
int eqi_point_note_fn(void *ud, unsigned flag, const char *note);

/* ------------------------------------------------------------------ */
/* The model's side (solver/model/outcomes.c, sense.c)                  */
/* ------------------------------------------------------------------ */

/* The model's outcome classes and named nodes ("given"). */
int eqi_model_classes(const eq_model *m);
int eqi_model_givens(const eq_model *m);
/* The outcome class of tree node v, or -1. */
int eqi_tree_node_class(const eq_tree *t, int v);
/* For each given of m, the nodes of t made from its node (for a set, the
** nodes made from its nodes that have no ancestor so made: the first
** reached): *out receives one block (free with free()) that
** eqi_given_list reads.  Returns 0 or -1 (no memory). */
int eqi_model_given_nodes(const eq_model *m, const eq_tree *t, int **out);
/* Whether given g names a set of nodes (patterns), whose measures are
** conditional on reaching it and undefined (NaN) where it is not reached,
** rather than one node, measured from there on even off the path. */
int eqi_model_given_is_set(const eq_model *m, int g);
/* Given g's copies in such a block: a count, then the nodes. */
const int *eqi_given_list(const int *block, int g);
/* The nodes of m that a move atom M(action @ pattern) speaks of: *out
** receives one flag per model node (free with free()), set where the
** node's label matches pattern ('*' any run of characters) and one of its
** actions is named action; *has_action tells whether any node has such
** an action.  Returns how many flags are set, or -1 (no memory). */
int eqi_model_move_nodes(const eq_model *m, const char *action, const char *pattern,
                         unsigned char **out, int *has_action);
/* Under pt's selected equilibrium, the probability that play takes
** action at a node made from a model node flagged in match (as
** eqi_model_move_nodes sets them) at least once; from the given g's
** nodes on when g >= 0.  NAN when undefined. */
double eqi_point_move_prob(const eq_point *pt, const unsigned char *match, const char *action,
                           int g);
/* Evaluate the expressions of m that tree t (instantiated from m at
** values) uses, and report each min or max whose constant argument is
** selected while the other lies strictly beyond it, through fn
** (EQ_FLAG_CLAMP and "file:line:col: ..."), once per place.  Returns 0,
** or -1 when memory ran out or fn failed. */
int eqi_model_clamps(const eq_model *m, const double *values, const eq_tree *t,
                     eqi_note_fn fn, void *ud);
/* Whether text compiles as a claim of model m alone (a model file's
** claim); EQ_OK, or EQ_ERR_ARG with the message in err (EQI_ERRMAX) and
** the fault's 0-based offset in *pos, or EQ_ERR_NOMEM. */
eq_status eqi_claim_check_model(const eq_model *m, const char *text, char *err,
                                size_t *pos);

/* ------------------------------------------------------------------ */
/* clamps.c: min and max with a constant argument                       */
/* ------------------------------------------------------------------ */

/* A MIN or MAX instruction and which of its arguments are constants (the
** constant pool index, or -1). */
typedef struct eqi_clamp {
    int pc;
    int left, right;
} eqi_clamp;

/* The clamps of expression e (at most max of them) into out; returns how
** many. */
int eqi_clamp_scan(const eqi_code *c, const eqi_expr *e, eqi_clamp *out, int max);
/* Whether clamp cl, evaluated with arguments a (left) and b (right),
** binds: its constant argument is selected and the other lies strictly
** beyond it.  Then *bound and *other receive the two values. */
int eqi_clamp_binds(const eqi_code *c, const eqi_clamp *cl, double a, double b,
                    double *bound, double *other);

/* ------------------------------------------------------------------ */
/* exact.c: exact rational evaluation                                   */
/* ------------------------------------------------------------------ */

/* Results of exact evaluation besides 0 (done). */
#define EQI_EXACT_IRRATIONAL 1  /* exp, log, sqrt, normcdf, a fractional power, an
                                   inexact constant (EQI_OP_INEXACT) */
#define EQI_EXACT_FAIL 2        /* a division by zero, or no memory */

/* Expression e of code c in rationals: vals holds the slots' values (a
** slot flagged in bad, which may be NULL, has none: it is irrational), st
** EQI_EXPR_STACK initialised rationals of scratch.  Returns 0 with out, or
** EQI_EXACT_IRRATIONAL or EQI_EXACT_FAIL. */
int eqi_expr_eval_q(const eqi_code *c, const eqi_expr *e, mpq_t *vals,
                    const unsigned char *bad, mpq_t *st, mpq_t out);
/* The condition c on t in rationals: pays and probs laid out as t's
** doubles, sub[v] the root of the innermost subgame around v.  Returns 0
** with out, or EQI_EXACT_FAIL (no memory). */
int eqi_cond_eval_q(const eqi_cond *c, const eq_tree *t, mpq_t *pays, mpq_t *probs,
                    const int *off, const int *sub, mpq_t out);
/* The condition c on the tree of m instantiated in rationals at values
** (each read as its shortest decimal) with parameter k set to q.  Returns
** 0 with z, or EQI_EXACT_IRRATIONAL or EQI_EXACT_FAIL (model side). */
int eqi_model_cond_exact(const eq_model *m, const double *values, int k, const mpq_t q,
                         const eqi_cond *c, const int *off, mpq_t z);

/*
** Whether the condition c has an exact rational root near root: the
** simplest fraction within width of it (denominator at most maxden),
** checked by instantiating m at values with parameter k set to that
** fraction in rational arithmetic (every other value read as its shortest
** decimal) and evaluating c exactly.  Returns 1 with *value (the nearest
** double) and *frac ("p/q", caller frees); 0 when the condition is not
** exactly zero there; -1 when the model's expressions are not rational
** on the way (exp, log, sqrt, a fractional power), a profile probability
** is not 0 or 1, or memory ran out.
*/
int eqi_exact_root(const eq_model *m, const double *values, int k, double root,
                   double width, unsigned long maxden, const eqi_cond *c,
                   const int *off, double *value, char **frac);

#endif /* EQUILIB_SENS_H */
