/*
** equilib/tree.h -- extensive-form games (trees): building them, reading
** them, their subgames and reduced strategic form, Gambit .efg files.
**
** Part of the public header equilib.h: write #include <equilib.h>, which
** includes every part.  This part also compiles alone (it includes the
** common part of equilib.h and the parts it needs itself).
**
** Copyright (C) 2026 the equilib developers.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_PART_TREE_H
#define EQUILIB_PART_TREE_H

#ifndef EQUILIB_H
#define EQUILIB_COMMON_ONLY
#include "../equilib.h"
#undef EQUILIB_COMMON_ONLY
#endif
#include "game.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Extensive-form games (trees)                                         */
/* ------------------------------------------------------------------ */

/*
** An extensive-form game: a rooted tree of decision nodes (a player moves
** at an information set), chance nodes (moves drawn with given
** probabilities) and terminal nodes (a payoff per player).  Nodes are
** numbered from 0 (the root) in the order they are created; information
** sets from 0 in the order they are added.  An information set belongs to
** one player and names that player's actions there; every node in it has
** one child per action.  Life cycle:
**
**   eq_tree_new -> eq_tree_add_infoset / eq_tree_make_decision /
**   eq_tree_make_chance / eq_tree_make_terminal ... -> eq_tree_finish
**   -> eq_tree_solve / eq_tree_reduced_form / eq_tree_write_efg
**   -> eq_tree_free
**
** eq_tree_finish checks the tree (every leaf terminal, probabilities in
** [0, 1] summing to 1, information sets consistent, perfect recall) and
** finds its subgames once.  A tree is read-only after it; a change made
** through eq_tree_set_payoff or eq_tree_set_chance_probs keeps it
** finished, since neither alters the structure.
*/
typedef struct eq_tree eq_tree;

typedef enum eq_node_kind {
    EQ_NODE_OPEN = 0,      /* not yet defined (only before eq_tree_finish) */
    EQ_NODE_DECISION = 1,
    EQ_NODE_CHANCE = 2,
    EQ_NODE_TERMINAL = 3
} eq_node_kind;

/* Create a tree for nplayers players (1..EQ_MAX_PLAYERS) holding one open
** root node.  *out: OUT, caller owns it, free with eq_tree_free().  Fails
** with EQ_ERR_ARG or EQ_ERR_NOMEM. */
EQ_API eq_status eq_tree_new(eq_tree **out, int nplayers);
/* Destroy a tree.  NULL is a no-op. */
EQ_API void eq_tree_free(eq_tree *t);
/* The last error message left on t, or "".  Borrowed. */
EQ_API const char *eq_tree_errmsg(const eq_tree *t);

EQ_API eq_status eq_tree_set_title(eq_tree *t, const char *title);
EQ_API eq_status eq_tree_set_player_name(eq_tree *t, int p, const char *name);
EQ_API const char *eq_tree_title(const eq_tree *t);
EQ_API const char *eq_tree_player_name(const eq_tree *t, int p);
EQ_API int eq_tree_players(const eq_tree *t);

/* Add an information set of player p (0-based) with nactions named
** actions (names copied; NULL names give "1", "2", ...).  label may be
** NULL.  *id: OUT, its index.  Fails with EQ_ERR_ARG (bad player, no
** action, duplicate action names) or EQ_ERR_NOMEM. */
EQ_API eq_status eq_tree_add_infoset(eq_tree *t, int p, int nactions,
                                     const char *const *actions,
                                     const char *label, int *id);

/* Turn open node `node` into a decision node in information set `infoset`,
** creating one open child per action (numbered consecutively).  Fails with
** EQ_ERR_ARG (node not open, unknown information set) or EQ_ERR_NOMEM. */
EQ_API eq_status eq_tree_make_decision(eq_tree *t, int node, int infoset);

/* Turn open node `node` into a chance node with nactions moves named
** actions[] (NULL: "1", "2", ...) drawn with probabilities probs[]
** (checked by eq_tree_finish).  Creates one open child per move. */
EQ_API eq_status eq_tree_make_chance(eq_tree *t, int node, int nactions,
                                     const char *const *actions,
                                     const double *probs);

/* Turn open node `node` into a terminal node with payoffs[p] for each
** player p (copied; each must be finite). */
EQ_API eq_status eq_tree_make_terminal(eq_tree *t, int node,
                                       const double *payoffs);

/* Give node a label (copied; NULL clears it). */
EQ_API eq_status eq_tree_set_node_label(eq_tree *t, int node,
                                        const char *label);

/* Change a terminal node's payoffs or a chance node's probabilities
** without touching the structure (used to re-instantiate a model). */
EQ_API eq_status eq_tree_set_payoffs(eq_tree *t, int node,
                                     const double *payoffs);
EQ_API eq_status eq_tree_set_chance_probs(eq_tree *t, int node,
                                          const double *probs);

/* Check the tree and find its subgames.  Fails with EQ_ERR_ARG and a
** message naming the first offending node or information set. */
EQ_API eq_status eq_tree_finish(eq_tree *t);

/* Accessors.  Out-of-range arguments give -1, 0.0 or NULL. */
EQ_API int eq_tree_nodes(const eq_tree *t);
EQ_API eq_node_kind eq_tree_node_kind(const eq_tree *t, int node);
EQ_API int eq_tree_node_player(const eq_tree *t, int node);   /* -1: chance */
EQ_API int eq_tree_node_infoset(const eq_tree *t, int node);  /* -1: none */
EQ_API int eq_tree_node_parent(const eq_tree *t, int node);   /* -1: root */
EQ_API int eq_tree_node_move(const eq_tree *t, int node);  /* action index at parent */
EQ_API int eq_tree_node_children(const eq_tree *t, int node);
EQ_API int eq_tree_child(const eq_tree *t, int node, int action);
EQ_API const char *eq_tree_node_label(const eq_tree *t, int node);
EQ_API const char *eq_tree_node_action_name(const eq_tree *t, int node, int action);
EQ_API double eq_tree_chance_prob(const eq_tree *t, int node, int action);
EQ_API double eq_tree_payoff(const eq_tree *t, int node, int p);
EQ_API int eq_tree_infosets(const eq_tree *t);
EQ_API int eq_tree_infoset_player(const eq_tree *t, int infoset);
EQ_API int eq_tree_infoset_actions(const eq_tree *t, int infoset);
EQ_API const char *eq_tree_infoset_action_name(const eq_tree *t, int infoset, int a);
EQ_API const char *eq_tree_infoset_label(const eq_tree *t, int infoset);
EQ_API int eq_tree_infoset_members(const eq_tree *t, int infoset);
EQ_API int eq_tree_infoset_member(const eq_tree *t, int infoset, int k);

/* Subgames, found by eq_tree_finish: a node roots a subgame when it is a
** decision or chance node and every information set that meets its
** subtree lies inside it.  The root is always subgame 0.  Count, and the
** root node of subgame k. */
EQ_API int eq_tree_subgames(const eq_tree *t);
EQ_API int eq_tree_subgame_root(const eq_tree *t, int k);

/*
** The reduced strategic form of a finished tree: one strategy per player
** for each class of plans that differ only at information sets the plan
** itself makes unreachable.  A strategy's name lists the actions it takes,
** "a/b/-" style: one entry per information set of the player in index
** order, "-" where the plan never reaches it.  Chance is averaged out.
** *out: OUT, caller owns it.  Fails with EQ_ERR_ARG (tree not finished),
** EQ_ERR_LIMIT (more than EQ_MAX_PROFILES profiles) or EQ_ERR_NOMEM.
*/
EQ_API eq_status eq_tree_reduced_form(const eq_tree *t, eq_game **out);

/* Gambit extensive-form files (.efg, "EFG 2 R" or "EFG 2 D"): read from a
** path or from memory, write to text (free with eq_free()) or to a path
** atomically.  Read trees come back finished.  Errors as for .nfg. */
EQ_API eq_status eq_tree_read_efg(eq_tree **out, const char *path, eq_diag *diag);
EQ_API eq_status eq_tree_parse_efg(eq_tree **out, const char *text, size_t len,
                                   const char *name, eq_diag *diag);
EQ_API eq_status eq_tree_write_efg(const eq_tree *t, char **text);
EQ_API eq_status eq_tree_save_efg(const eq_tree *t, const char *path);

#ifdef __cplusplus
}
#endif

#endif /* EQUILIB_PART_TREE_H */
