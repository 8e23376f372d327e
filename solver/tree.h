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
} eqi_node;

typedef struct eqi_infoset {
    int player;
    int nact;
    char **aname;      /* nact names */
    char *label;
    int *members;      /* nodes, in creation order */
    int nmem, capmem;
} eqi_infoset;

struct eq_tree {
    int n;
    char *title;
    char **pname;
    eqi_node *node;
    int nnode, capnode;
    eqi_infoset *iset;
    int niset, capiset;
    double *probs;     /* chance probabilities */
    int nprobs, capprobs;
    char **cnames;     /* chance move names, parallel to probs */
    double *pays;      /* terminal payoffs, n per terminal */
    int npays, cappays;
    int finished;
    int *subroot;      /* subgame roots, subroot[0] = 0 */
    int nsub;
    char errmsg[EQI_ERRMAX];
};

/* The infoset index of node v's action names (decision) or NULL. */
const char *eqi_tree_action_name(const eq_tree *t, int v, int a);

#endif /* EQUILIB_TREE_H */

/* The outcome of solving a tree: behaviour profiles. */
struct eq_tree_result {
    eq_method method;
    eq_solution sol;
    int n, niset, nnode;
    int tot;           /* sum over information sets of their actions */
    int *off;          /* niset + 1 offsets of each set's actions in a profile */
    int count, cap;
    double *beh;       /* count x tot */
    double *reach;     /* count x nnode */
    double *pay;       /* count x n */
    double *regret;    /* count */
    char selection[256];
    char errmsg[EQI_ERRMAX];
};

/* A new, empty result for t; NULL for lack of memory. */
eq_tree_result *eqi_tree_result_new(const eq_tree *t, eq_method m);
/* Append the behaviour profile beh (r->tot probabilities, information
** sets in index order): reach probabilities, payoffs and the certificate
** are computed from t.  Returns its index, or -1 (message on r). */
int eqi_tree_result_add(eq_tree_result *r, const eq_tree *t, const double *beh);

/* Methods on trees (tsolve.c dispatches). */
eq_status eqi_tree_solve_spe(const eq_tree *t, const eq_tree_opts *o, eq_tree_result *r);
eq_status eqi_tree_solve_seq_zerosum(const eq_tree *t, const eq_tree_opts *o, eq_tree_result *r);
eq_status eqi_tree_solve_seq_lemke(const eq_tree *t, const eq_tree_opts *o, eq_tree_result *r);
