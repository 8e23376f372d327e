/*
** classes.c -- outcome classes, named nodes and clamps of a model.
** PROVISIONAL: the model language does not declare classes yet (waiting
** for the split of model.c); every model has none.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdlib.h>
#include <string.h>

#include "sens.h"

int eqi_model_classes(const eq_model *m) { (void)m; return 0; }
int eqi_model_givens(const eq_model *m) { (void)m; return 0; }
int eqi_tree_node_class(const eq_tree *t, int v) { (void)t; (void)v; return -1; }

int eqi_model_given_nodes(const eq_model *m, const eq_tree *t, int **out)
{
    (void)m;
    (void)t;
    *out = calloc(1, sizeof **out);
    return *out ? 0 : -1;
}

const int *eqi_given_list(const int *block, int g) { return block + block[g]; }

int eqi_model_clamps(const eq_model *m, const double *values, eqi_note_fn fn, void *ud)
{
    (void)m;
    (void)values;
    (void)fn;
    (void)ud;
    return 0;
}

int eq_model_classes(const eq_model *m) { return m ? eqi_model_classes(m) : 0; }
const char *eq_model_class_name(const eq_model *m, int c) { (void)m; (void)c; return NULL; }
const char *eq_model_class_description(const eq_model *m, int c) { (void)m; (void)c; return NULL; }
int eq_model_class_index(const eq_model *m, const char *name) { (void)m; (void)name; return -1; }
int eq_model_givens(const eq_model *m) { return m ? eqi_model_givens(m) : 0; }
const char *eq_model_given_name(const eq_model *m, int g) { (void)m; (void)g; return NULL; }
const char *eq_model_given_description(const eq_model *m, int g) { (void)m; (void)g; return NULL; }
const char *eq_model_given_node(const eq_model *m, int g) { (void)m; (void)g; return NULL; }
int eq_model_given_index(const eq_model *m, const char *name) { (void)m; (void)name; return -1; }

int eq_model_player_index(const eq_model *m, const char *name)
{
    if (m == NULL || name == NULL)
        return -1;
    for (int p = 0; p < eq_model_players(m); p++)
        if (strcmp(eq_model_player_name(m, p), name) == 0)
            return p;
    return -1;
}

int eqi_model_cond_exact(const eq_model *m, const double *values, int k, const mpq_t q,
                         const eqi_cond *c, const int *off, mpq_t z)
{
    (void)m; (void)values; (void)k; (void)q; (void)c; (void)off; (void)z;
    return EQI_EXACT_IRRATIONAL;
}
