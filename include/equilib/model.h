/*
** equilib/model.h -- models (.game files): parameters, outcome classes,
** named nodes, claims, and their instantiation as trees.
**
** Part of the public header equilib.h: write #include <equilib.h>, which
** includes every part.  This part also compiles alone (it includes the
** common part of equilib.h and the parts it needs itself).
**
** Copyright (C) 2026 the equilib developers.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_PART_MODEL_H
#define EQUILIB_PART_MODEL_H

#ifndef EQUILIB_H
#define EQUILIB_COMMON_ONLY
#include "../equilib.h"
#undef EQUILIB_COMMON_ONLY
#endif
#include "tree.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Models (.game files)                                                 */
/* ------------------------------------------------------------------ */

/*
** A parsed model: players, parameters with domains, definitions and a game
** tree whose payoffs and probabilities are expressions over the
** parameters, and whose structure may switch on enumerated parameters.
** The language is documented in models/LANGUAGE.md ("The model language").
** Parse once, instantiate many times:
**
**   eq_model_read -> eq_model_defaults -> eq_model_set_param ...
**   -> eq_model_instantiate (again and again) -> eq_model_free
**
** Parameter values travel as an array of doubles, one per parameter in
** declaration order; an enumerated parameter holds the index of its choice
** (0, 1, ...).  A parameter fixed by a `set` line (models/README.md,
** "Including a model") is not among them: it keeps its value, and
** eq_model_set_param refuses it, naming the set line.  A model is immutable once parsed: several threads may
** instantiate it at once.
*/
typedef struct eq_model eq_model;

/* Read and check a model.  *out: OUT, caller owns it, free with
** eq_model_free().  diag: OUT, may be NULL; on failure holds
** "file:line:col: message" and the offending line.  Fails with EQ_ERR_IO,
** EQ_ERR_PARSE or EQ_ERR_NOMEM. */
EQ_API eq_status eq_model_read(eq_model **out, const char *path, eq_diag *diag);
EQ_API eq_status eq_model_parse(eq_model **out, const char *text, size_t len,
                                const char *name, eq_diag *diag);
/* An `include "FILE"` line names FILE relative to the directory of the
** file holding it (for eq_model_parse: of name, or the working directory
** when name has no '/').  The files the model was read from: the first is
** its own (i = 0), then one per include line, in the order read. */
EQ_API int eq_model_files(const eq_model *m);
EQ_API const char *eq_model_file(const eq_model *m, int i);
/* Destroy a model.  NULL is a no-op. */
EQ_API void eq_model_free(eq_model *m);

EQ_API const char *eq_model_title(const eq_model *m);
EQ_API int eq_model_players(const eq_model *m);
EQ_API const char *eq_model_player_name(const eq_model *m, int p);

/* Parameters: count; name, one-line description; whether enumerated;
** for an interval, its bounds; for an enumeration, its choices; default
** value.  Out-of-range arguments give NULL, 0 or NaN. */
EQ_API int eq_model_params(const eq_model *m);
EQ_API const char *eq_model_param_name(const eq_model *m, int k);
EQ_API const char *eq_model_param_description(const eq_model *m, int k);
EQ_API int eq_model_param_is_enum(const eq_model *m, int k);
EQ_API double eq_model_param_lo(const eq_model *m, int k);
EQ_API double eq_model_param_hi(const eq_model *m, int k);
EQ_API int eq_model_param_choices(const eq_model *m, int k);
EQ_API const char *eq_model_param_choice(const eq_model *m, int k, int c);
EQ_API double eq_model_param_default(const eq_model *m, int k);
/* The index of the parameter named name, or -1. */
EQ_API int eq_model_param_index(const eq_model *m, const char *name);
/* A parameter fixed by a `set` line is not among the parameters: for its
** name, "file:line:col" of that line (borrowed); NULL for any other name. */
EQ_API const char *eq_model_param_fixed(const eq_model *m, const char *name);

/* Fill values (eq_model_params(m) doubles) with the defaults. */
EQ_API eq_status eq_model_defaults(const eq_model *m, double *values);

/*
** Set one parameter from text "NAME=VALUE" (as given to -p on the command
** line): a number for an interval parameter, a choice's name for an
** enumerated one.  diag: OUT, may be NULL.  Fails with EQ_ERR_ARG and a
** message for an unknown parameter, a malformed value or a value outside
** the domain; values is then unchanged.
*/
EQ_API eq_status eq_model_set_param(const eq_model *m, double *values,
                                    const char *assignment, eq_diag *diag);

/*
** Instantiate the model at values: evaluate every expression and build
** the tree.  If *tree is non-NULL it must come from an earlier call on the
** same model; when the structure is unchanged (the same choices of the
** structural parameters) it is updated in place without allocating,
** otherwise it is freed and replaced.  *tree: IN/OUT, caller owns it,
** finished.  diag: OUT, may be NULL: a probability outside [0, 1] or not
** summing to 1, a payoff that is not finite, a division by zero or a value
** outside its domain is reported at the expression's file:line:col.
** Fails with EQ_ERR_ARG (such an error) or EQ_ERR_NOMEM; on failure
** *tree is freed and set to NULL.  Re-instantiating in place allocates
** nothing for trees of up to 4096 nodes.
*/
EQ_API eq_status eq_model_instantiate(const eq_model *m, const double *values,
                                      eq_tree **tree, eq_diag *diag);

/*
** The equilibrium concept the model declares ("equilibrium spe subgames
** pure select welfare", "equilibrium sequential", "equilibrium pbe refine
** intuitive"): sets o's method (EQ_METHOD_SPE, EQ_METHOD_SEQUENTIAL or
** EQ_METHOD_PBE) and, for spe, its subgame method and selection rule, for
** pbe its refinement, leaving the other fields alone.  A rule's
** action name is borrowed from m (valid until m is freed).  Returns 1 if
** the model declares a concept, 0 if not (o unchanged).  Never fails.
*/
struct eq_tree_opts;   /* see "Solving trees" below */
EQ_API int eq_model_equilibrium(const eq_model *m, struct eq_tree_opts *o);

/*
** Outcome classes, declared in the model with `class NAME "description" =
** PATTERN, ...` (models/README.md): named sets of terminal nodes ("war
** resumes", "peace").  Every tree the model instantiates carries them
** (eq_tree_classes), in the same order.  Count; class c's name and
** description ("" when none); the index of the class named name, or -1.
** Out-of-range arguments give NULL.  Never fail.
*/
EQ_API int eq_model_classes(const eq_model *m);
EQ_API const char *eq_model_class_name(const eq_model *m, int c);
EQ_API const char *eq_model_class_description(const eq_model *m, int c);
EQ_API int eq_model_class_index(const eq_model *m, const char *name);

/*
** Named nodes, declared with `given NAME "description" = NODE`: a node of
** the model from which outcomes are also measured, conditional on
** reaching it ("once the option is in force"; see eq_point_given_reach);
** or with `given NAME = PATTERN {, PATTERN}` (a '*' or several patterns):
** the set of nodes whose name or label matches, measured conditional on
** reaching the set.  Count; given g's name, description and node (the
** model node's name; for a set, its patterns joined by ", "); the index
** of the given named name, or -1.  Never fail.
*/
EQ_API int eq_model_givens(const eq_model *m);
EQ_API const char *eq_model_given_name(const eq_model *m, int g);
EQ_API const char *eq_model_given_description(const eq_model *m, int g);
EQ_API const char *eq_model_given_node(const eq_model *m, int g);
EQ_API int eq_model_given_index(const eq_model *m, const char *name);

/*
** Claims, declared with `claim NAME "description" = "TEXT"`: named truth
** values over the model's outcome classes and payoffs, in the claim
** language of robustness studies (see eq_robust_claim).  Checked when the
** model is read; eq_robust_add_model adds them to a study.  Count; claim
** i's name, description ("" when none) and text.  Never fail.
*/
EQ_API int eq_model_claims(const eq_model *m);
EQ_API const char *eq_model_claim_name(const eq_model *m, int i);
EQ_API const char *eq_model_claim_description(const eq_model *m, int i);
EQ_API const char *eq_model_claim_text(const eq_model *m, int i);

/* The index of the player named name, or -1.  Never fails. */
EQ_API int eq_model_player_index(const eq_model *m, const char *name);

/* Write a tree as a .game model (no parameters; payoffs as numbers), so
** any .efg converts to .game.  *text: OUT, free with eq_free(). */
EQ_API eq_status eq_tree_write_game(const eq_tree *t, char **text);
/* As eq_tree_write_game, with the "equilibrium ..." line of the concept
** model m declares (eq_model_equilibrium) after the players, so that the
** text read back is solved as m is.  m may be NULL or declare no concept
** (a tree read from .efg has none): then no line is written and the text
** read back has the default concept, spe (select welfare).  m should be
** the model t was instantiated from: a "select player NAME" or "min
** ACTION" rule names its player or action.  Errors as eq_tree_write_game. */
EQ_API eq_status eq_tree_write_game_concept(const eq_tree *t, const eq_model *m,
                                            char **text);

#ifdef __cplusplus
}
#endif

#endif /* EQUILIB_PART_MODEL_H */
