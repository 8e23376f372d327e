/* support.h -- helpers shared by the test suites. */
#ifndef EQ_TEST_SUPPORT_H
#define EQ_TEST_SUPPORT_H
#include <stdint.h>
#include "equilib.h"

/* A bimatrix game from row-major m x n payoff arrays. Fails the test on error. */
eq_game *t_bimatrix(int m, int n, const double *A, const double *B);

/* A deterministic generator (splitmix64), so every run sees the same games. */
typedef struct t_rng { uint64_t s; } t_rng;
uint64_t t_rng_next(t_rng *r);
/* Uniform integer in [lo, hi]. */
int t_rng_int(t_rng *r, int lo, int hi);

/* A random m x n game with integer payoffs in [lo, hi]. */
eq_game *t_random_bimatrix(t_rng *r, int m, int n, int lo, int hi);

/* An equilibrium as exact text: x then y, each probability in lowest terms. */
typedef struct t_eq { int m, n; char **p; } t_eq;
typedef struct t_eqset { int count, cap; t_eq *e; } t_eqset;

/* Run lrsnash (the exact-arithmetic oracle of lrslib) on the two-player game g
** and return its extreme equilibria. Fails the test if lrsnash cannot run. */
t_eqset t_lrsnash(const eq_game *g);
/* The equilibria of an exact result, as text. */
t_eqset t_from_result(const eq_result *r);
/* Whether the two sets hold the same equilibria (order free). */
int t_eqset_equal(const t_eqset *a, const t_eqset *b);
/* Whether the double profile (x then y) is within tol of a member of s. */
int t_eqset_contains(const t_eqset *s, const double *xy, double tol);
void t_eqset_free(t_eqset *s);

/* The tree of the .game text at its defaults, with parameter name (when
** not NULL) set to value.  Fails the test on any error. */
eq_tree *t_model_tree(const char *text, const char *name, double value);

/* Trees and their results, by label.  Each fails the test when the file
** cannot be read or the label is missing. */
eq_tree *t_read_efg(const char *path);
int t_infoset(const eq_tree *t, const char *label);
int t_node(const eq_tree *t, const char *label);
/* Equilibrium k's probability of action at the set labelled set. */
double t_behaviour(const eq_tree_result *r, int k, const eq_tree *t,
                   const char *set, const char *action);
/* The equilibrium of r that plays each action acts[i] at the set labelled
** sets[i] (n pairs) with probability 1 (to 1e-9); -1 if none. */
int t_find_eq(const eq_tree_result *r, const eq_tree *t, int n,
              const char *const *sets, const char *const *acts);
/* Expect every equilibrium of r to have its assessment certificate
** (sequential regret, Bayes gap, regret) 0 to 1e-12. */
void t_certified(const eq_tree_result *r);
/* Position of node v among set h's members. */
int t_member(const eq_tree *t, int h, int v);
/* The smallest and largest belief in node (labelled) over the vertices of
** equilibrium k's supporting set at the set labelled set. */
void t_belief_range(const eq_tree_result *r, int k, const eq_tree *t,
                    const char *set, const char *node, double *lo, double *hi);

/* Make a fresh temporary folder under $TMPDIR (or the system's), named
** PREFIX_XXXXXX, into dir (len bytes).  Fails the test if it cannot. */
void t_tmpdir(char *dir, size_t len, const char *prefix);
#endif
