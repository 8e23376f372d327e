/*
** tree.h -- the extensive-form game's internals, shared by the modules
** that build, read, convert and solve trees.  Never installed.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_TREE_H
#define EQUILIB_TREE_H

#include "internal.h"

typedef struct eqi_node {
    eq_node_kind kind;
    int player;        /* decision: 0..n-1; otherwise -1 */
    int infoset;       /* decision: information set; otherwise -1 */
    int parent;        /* -1 at the root */
    int move;          /* index of the action leading here from parent */
    int child0;        /* first child; children are consecutive */
    int nchild;
    int prob0;         /* chance: index of nchild probabilities in probs */
    int aname0;        /* chance: index of nchild names in cnames */
    int pay0;          /* terminal: index of n payoffs in pays */
    int depth;         /* root 0 */
    char *label;
    int cls;           /* terminal: its outcome class, or -1 */
    int origin;        /* the model node it was made from, or -1 */
    int tuple;         /* terminal made by a model: its payoff tuple, or -1 */
} eqi_node;

/* A block of the pool holding a tree's strings (see eqi_tree_str). */
typedef struct eqi_strblk {
    struct eqi_strblk *next;
    size_t used, cap;
    char text[];
} eqi_strblk;

typedef struct eqi_infoset {
    int player;
    int nact;
    char **aname;      /* nact names */
    char *label;
    int *members;      /* nodes, in creation order */
    int nmem;
    size_t capmem;
} eqi_infoset;

struct eq_tree {
    int n;
    char *title;
    char **pname;
    eqi_node *node;
    int nnode;
    size_t capnode;
    eqi_infoset *iset;
    int niset;
    size_t capiset;
    double *probs;     /* chance probabilities */
    int nprobs;
    size_t capprobs;
    char **cnames;     /* chance move names, parallel to probs */
    double *pays;      /* terminal payoffs, n per terminal */
    int npays;
    size_t cappays;
    int finished;
    int *subroot;      /* subgame roots, subroot[0] = 0 */
    int nsub;
    eqi_strblk *strs;  /* node labels, sets' labels and action names,
                          chance moves' names: copied into the pool */
    char **clsname;    /* outcome classes (tclasses.c): names ... */
    char **clsdesc;    /* ... and descriptions */
    int ncls;
    char errmsg[EQI_ERRMAX];
};

/* A copy of s in the string pool *pool (NULL: empty), which holds its
** strings until eqi_pool_free; NULL for lack of memory. */
char *eqi_pool_str(eqi_strblk **pool, const char *s);
void eqi_pool_free(eqi_strblk **pool);
/* A copy of s in t's string pool, freed with t (a string replaced later
** stays there until then); NULL for lack of memory. */
char *eqi_tree_str(eq_tree *t, const char *s);

/* The infoset index of node v's action names (decision) or NULL. */
const char *eqi_tree_action_name(const eq_tree *t, int v, int a);

/*
** A stage played by a correlated equilibrium (spe with subgame method
** correlated): the part of a subgame outside the subgames nested in it,
** and a joint distribution over pure plans of its information sets.
*/
typedef struct eqi_stage {
    int root;          /* the node rooting the subgame */
    int nset;          /* the stage's information sets ... */
    int *set;          /* ... their indices in the tree */
    int len;           /* recommendations with positive probability */
    double *prob;      /* len, summing to 1 */
    int *act;          /* len x nset: the action at each set, -1 where the
                          recommendation's own earlier moves never reach it */
} eqi_stage;

void eqi_stage_free(eqi_stage *g);
/* A deep copy of g into *out; 0, or -1 for lack of memory (*out is then
** empty). */
int eqi_stage_copy(eqi_stage *out, const eqi_stage *g);

/*
** Evaluate a profile in which the stages g[0..ng) are played by their
** joint distributions and every other information set by beh (indexed
** through off): reach probabilities (reach, nnode doubles, may be NULL),
** payoffs (n doubles, may be NULL), and the certificate: the largest gain,
** over the subgames and the players, of a deviation from what the
** profile tells a player, computed afresh from t's payoffs (tstage.c).
** coarse: a deviation at a stage is chosen before the recommendation
** (coarse correlated equilibrium) instead of after it.  Returns EQ_OK,
** EQ_ERR_LIMIT (a player has too many plans at a stage) or EQ_ERR_NOMEM.
*/
eq_status eqi_stage_evaluate(const eq_tree *t, const double *beh, const int *off,
                             const eqi_stage *g, int ng, int coarse,
                             double *reach, double *payoffs, double *regret);

/* A set of beliefs supporting a pbe's choice at an unreached set: nv
** vertices of d probabilities each (beliefs.c). */
typedef struct eqi_bset {
    int k, h, nv, d;
    double *v;         /* nv x d */
} eqi_bset;

/* The outcome of solving a tree: behaviour profiles. */
struct eq_tree_result {
    eq_method method;
    eq_solution sol;
    int n, niset, nnode;
    int tot;           /* sum over information sets of their actions */
    int *off;          /* niset + 1 offsets of each set's actions in a profile */
    int count;
    size_t cap;
    double *beh;       /* count x tot */
    double *reach;     /* count x nnode */
    double *pay;       /* count x n */
    double *regret;    /* count */
    /* spe with correlated stages: equilibrium k's stages are
    ** stage[sfirst[k] .. sfirst[k] + nst[k]). */
    eqi_stage *stage;
    int nstage;
    size_t capstage;
    int *sfirst, *nst; /* cap each */
    int coarse;        /* the stages are coarse correlated equilibria */
    /* Assessments (beliefs.c): rows for capb equilibria. */
    int *node_set;     /* nnode: each node's information set, or -1 */
    double *setreach;  /* count x niset: probability of reaching each set */
    double *bel;       /* count x nnode: the method's beliefs, NaN where it
                          gives none; NULL when it gives none at all */
    double *seqreg;    /* count: assessment certificates, -1 if not */
    double *bayes;     /*   computed; NULL until the first is */
    size_t capb;
    eqi_bset *bset;    /* pbe: supporting sets, in order of (k, h) */
    int nbset, capbset;
    int count_only;    /* spe with all (eqi_tree_count): count holds the
                          number of equilibria, and none is stored */
    char selection[512];
    char errmsg[EQI_ERRMAX];
};

/* Make node sv of st (under construction) a copy of node v of t: the
** same payoffs at a terminal, the same moves and probabilities at a
** chance node, and at a decision node a decision at map[h] for t's set h
** of v.  A set not yet mapped (map[h] < 0) is first added to st, map[h]
** set, and *added set to 1 (else 0), so that the caller can record it.
** The caller pushes v's children.  EQ_OK or eq_tree_*'s failure. */
eq_status eqi_tree_copy_node(eq_tree *st, int sv, const eq_tree *t, int v, int *map,
                             int *added);

/* As eq_tree_solve with opts->all under spe, but only counting the
** subgame-perfect equilibria: (*out)->count and (*out)->sol (partial when
** the list would have stopped at opts->max_equilibria) are as that call's,
** and no profile is stored or evaluated.  Other methods solve as usual. */
eq_status eqi_tree_count(const eq_tree *t, const eq_tree_opts *opts, eq_tree_result **out);

/* A new, empty result for t; NULL for lack of memory. */
eq_tree_result *eqi_tree_result_new(const eq_tree *t, eq_method m);
/* Append the behaviour profile beh (r->tot probabilities, information
** sets in index order): reach probabilities, payoffs and the certificate
** are computed from t.  Returns its index, or -1 (message on r). */
int eqi_tree_result_add(eq_tree_result *r, const eq_tree *t, const double *beh);
/* Append a profile with correlated stages g[0..ng) (copied): beh holds the
** other sets' behaviour and, at the stages' sets, the marginals; reach,
** payoffs and the certificate come from eqi_stage_evaluate.  Returns
** EQ_OK, EQ_ERR_LIMIT or EQ_ERR_NOMEM (message on r). */
eq_status eqi_tree_result_add_stages(eq_tree_result *r, const eq_tree *t,
                                     const double *beh, const eqi_stage *g, int ng);


/*
** Reduced strategies (reduced.c).  Player p's own information sets form a
** forest under perfect recall: set h hangs below the (set, action) pair p
** last chose on the way to h.  A reduced strategy picks an action at every
** root of that forest and, below each chosen action, at every set hanging
** there; it leaves the sets it cuts off unspecified.  Strategies are
** numbered in lexicographic order of their actions over p's sets in index
** order ("unspecified" before any action), the order of the strategies of
** eq_tree_reduced_form.
*/
typedef struct eqi_plans {
    int n;
    int count[EQ_MAX_PLAYERS]; /* reduced strategies of each player */
    int nown[EQ_MAX_PLAYERS];  /* information sets of each player */
    int *own[EQ_MAX_PLAYERS];  /* their indices, increasing */
    int *act[EQ_MAX_PLAYERS];  /* count x nown: the action at each own set,
                                  -1 where the strategy never reaches it */
    int *pos;                  /* per set: its position among its owner's */
} eqi_plans;

/*
** The reduced strategic form of the finished tree t (see
** eq_tree_reduced_form) and, when plans is not NULL, the strategies it
** numbers (free with eqi_plans_free, also after a failure).  err: may be
** NULL, else EQI_ERRMAX bytes receiving a message on failure.  Fails with
** EQ_ERR_ARG, EQ_ERR_LIMIT or EQ_ERR_NOMEM.
*/
eq_status eqi_tree_reduced(const eq_tree *t, eq_game **out, eqi_plans *plans,
                           char *err);
void eqi_plans_free(eqi_plans *pl);
/* The correlated LP of t as one stage (tcorrelated.c): its reduced form
** *g with the plans pl (free with eq_game_free, eqi_plans_free), the LP's
** options so and objective *cobj (malloc'd, or NULL) for o's rule, as
** eqi_tree_solve_correlated solves it.  Fails as eqi_tree_reduced. */
eq_status eqi_stage_lp(const eq_tree *t, const eq_tree_opts *o, eq_game **g, eqi_plans *pl,
                       eq_solve_opts *so, double **cobj, char *err);
/* Player p's reduced strategy s as an action per information set: act[h]
** for each set h of p, -1 where s never reaches h; the entries of other
** players' sets are left alone.  act holds t->niset ints. */
void eqi_plans_actions(const eqi_plans *pl, int p, int s, int *act);

/*
** The profiles of a small tree that a stage method finds for spe (tresult.c),
** with their payoffs and, for a correlated stage, its joint distribution.
*/
typedef struct eqi_cands {
    int count, stot, n;
    size_t cap;
    double *beh;       /* count x stot; at a correlated stage the marginals */
    double *pay;       /* count x n */
    eqi_stage *jt;     /* count: the joint distributions (empty: none) */
    int partial;       /* the method stopped early: there may be more */
} eqi_cands;

/* Forget the candidates, keeping the memory. */
void eqi_cands_clear(eqi_cands *L);
void eqi_cands_free(eqi_cands *L);
/* Append a candidate (copied); jt may be NULL.  Returns 0 or -1. */
int eqi_cands_push(eqi_cands *L, const double *beh, const double *pay,
                   const eqi_stage *jt);
/* A stage solved through a whole-tree result tr (status s of the solve):
** on success append each of tr's equilibria (behaviour and payoffs) to L
** and carry its partial flag; on failure copy tr's message into err.
** Frees tr; returns s, or EQ_ERR_NOMEM when L cannot grow. */
eq_status eqi_cands_take(eqi_cands *L, eq_tree_result *tr, eq_status s, char *err);

#endif /* EQUILIB_TREE_H */
