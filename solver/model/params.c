/*
** params.c -- what a parsed model tells its caller: title, players,
** parameters and their domains, setting a parameter from "NAME=VALUE"
** text, and the declared equilibrium concept.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* The parameters a caller sees are the free ones: slots [0, nvis).  The
** fixed ones (set lines, include.c) follow them and keep their values. */
#define PARAM_OK(m, k) ((m) != NULL && (k) >= 0 && (k) < (m)->nvis)

const char *eq_model_title(const eq_model *m) { return m ? m->title : NULL; }
int eq_model_players(const eq_model *m) { return m ? m->n : 0; }
int eq_model_files(const eq_model *m) { return m ? m->nseg : 0; }

const char *eq_model_file(const eq_model *m, int i)
{
    return (m && i >= 0 && i < m->nseg) ? m->seg[i].name : NULL;
}

const char *eq_model_player_name(const eq_model *m, int p)
{
    return (m && p >= 0 && p < m->n) ? m->pname[p] : NULL;
}

int eq_model_params(const eq_model *m) { return m ? m->nvis : 0; }

void eqi_model_full_values(const eq_model *m, const double *values, double *full)
{
    if (m->nvis > 0)
        memcpy(full, values, (size_t)m->nvis * sizeof *full);
    for (int k = m->nvis; k < m->nparam; k++)
        full[k] = m->param[k].def;
}

const char *eq_model_param_name(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].name : NULL;
}

const char *eq_model_param_description(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].desc : NULL;
}

int eq_model_param_is_enum(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].is_enum : 0;
}

double eq_model_param_lo(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].lo : NAN;
}

double eq_model_param_hi(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].hi : NAN;
}

int eq_model_param_choices(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].nchoice : 0;
}

const char *eq_model_param_choice(const eq_model *m, int k, int c)
{
    if (!PARAM_OK(m, k) || c < 0 || c >= m->param[k].nchoice)
        return NULL;
    return m->param[k].choice[c];
}

const char *eq_model_param_fixed(const eq_model *m, const char *name)
{
    if (m == NULL || name == NULL)
        return NULL;
    for (int k = m->nvis; k < m->nparam; k++)
        if (strcmp(m->param[k].name, name) == 0)
            return m->param[k].fixed_at;
    return NULL;
}

double eq_model_param_default(const eq_model *m, int k)
{
    return PARAM_OK(m, k) ? m->param[k].def : NAN;
}

int eq_model_param_index(const eq_model *m, const char *name)
{
    if (m == NULL || name == NULL)
        return -1;
    for (int k = 0; k < m->nvis; k++)
        if (strcmp(m->param[k].name, name) == 0)
            return k;
    return -1;
}

eq_status eq_model_defaults(const eq_model *m, double *values)
{
    if (m == NULL || (values == NULL && m->nvis > 0))
        return EQ_ERR_ARG;
    for (int k = 0; k < m->nvis; k++)
        values[k] = m->param[k].def;
    return EQ_OK;
}

/* Read a value given on the command line: an optionally signed decimal,
** or a fraction of two ("2/3").  Returns 0 or -1. */
static int parse_value(const char *s, double *v)
{
    const char *slash = strchr(s, '/');
    int neg = 0;
    double num, den;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    if (slash != NULL) {
        const char *d = slash + 1;
        if (eqi_decimal_to_double(s, (size_t)(slash - s), &num) != 0 ||
            eqi_decimal_to_double(d, strlen(d), &den) != 0 || den == 0.0)
            return -1;
        num /= den;
    } else if (eqi_decimal_to_double(s, strlen(s), &num) != 0) {
        return -1;
    }
    if (!isfinite(num))
        return -1;
    *v = neg ? -num : num;
    return 0;
}

/* "a, b, c" of the names in list (n of them), cut to fit. */
static void list_names(char *buf, size_t size, char *const *list, int n)
{
    size_t k = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && k + 40 < size; i++)
        k += (size_t)snprintf(buf + k, size - k, "%s%.32s", i ? ", " : "", list[i]);
    if (k + 40 >= size && n > 0)
        snprintf(buf + k, size - k, ", ...");
}

eq_status eq_model_set_param(const eq_model *m, double *values, const char *assignment,
                             eq_diag *diag)
{
    char name[128], list[256];
    const char *eq, *val;
    size_t nlen;
    const mparam *q;
    int k;
    double v;

    eqi_diag_clear(diag);
    if (m == NULL || values == NULL || assignment == NULL)
        return eqi_diag_plain(diag, EQ_ERR_ARG, "eq_model_set_param: NULL argument");
    if ((eq = strchr(assignment, '=')) == NULL)
        return eqi_diag_plain(diag, EQ_ERR_ARG, "expected NAME=VALUE, not '%.64s'", assignment);
    nlen = (size_t)(eq - assignment);
    while (nlen > 0 && (assignment[nlen - 1] == ' ' || assignment[nlen - 1] == '\t'))
        nlen--;
    while (nlen > 0 && (*assignment == ' ' || *assignment == '\t'))
        assignment++, nlen--;
    val = eq + 1;
    while (*val == ' ' || *val == '\t')
        val++;
    k = -1;
    if (nlen < sizeof name) {
        memcpy(name, assignment, nlen);
        name[nlen] = '\0';
        k = eq_model_param_index(m, name);
    } else {
        snprintf(name, sizeof name, "%.*s", (int)(sizeof name - 1), assignment);
    }
    if (k < 0) {
        char *names[16];
        int n = m->nvis < 16 ? m->nvis : 16;
        for (int i = m->nvis; i < m->nparam; i++)
            if (strcmp(m->param[i].name, name) == 0)
                return eqi_diag_plain(diag, EQ_ERR_ARG, "'%.64s' is fixed by the set line at "
                                      "%.300s: it cannot be changed", name,
                                      m->param[i].fixed_at);
        for (int i = 0; i < n; i++)
            names[i] = m->param[i].name;
        list_names(list, sizeof list, names, n);
        if (m->nvis > n)
            strncat(list, ", ...", sizeof list - strlen(list) - 1);
        return eqi_diag_plain(diag, EQ_ERR_ARG, "unknown parameter '%.64s' (%s%s)", name,
                          m->nvis ? "the parameters are " : "the model has no parameters",
                          list);
    }
    q = &m->param[k];
    if (q->is_enum) {
        int c = -1;
        for (int i = 0; i < q->nchoice; i++)
            if (strcmp(q->choice[i], val) == 0)
                c = i;
        if (c < 0) {
            list_names(list, sizeof list, q->choice, q->nchoice);
            return eqi_diag_plain(diag, EQ_ERR_ARG, "'%.64s' is not a choice of '%.64s' (its "
                              "choices are %s)", val, q->name, list);
        }
        values[k] = c;
        return EQ_OK;
    }
    if (parse_value(val, &v) != 0)
        return eqi_diag_plain(diag, EQ_ERR_ARG, "malformed value '%.64s' for '%.64s' (expected "
                          "a number)", val, q->name);
    if (v < q->lo || v > q->hi) {
        char a[32], b[32], c[32];
        eqi_format_double(v, a, sizeof a);
        eqi_format_double(q->lo, b, sizeof b);
        eqi_format_double(q->hi, c, sizeof c);
        return eqi_diag_plain(diag, EQ_ERR_ARG, "%s lies outside the domain [%s, %s] of "
                          "'%.64s'", a, b, c, q->name);
    }
    values[k] = v;
    return EQ_OK;
}

int eq_model_equilibrium(const eq_model *m, struct eq_tree_opts *o)
{
    if (m == NULL || o == NULL || !m->has_concept)
        return 0;
    o->method = (eq_method)m->concept_method;
    if (m->concept_method != EQ_METHOD_SPE) {
        o->refine = (eq_refine)m->concept_refine;
        return 1;
    }
    o->subgame_method = (eq_method)m->concept_sub;
    o->coarse = m->concept_coarse;
    o->select = (eq_select)m->concept_select;
    if (m->concept_select == EQ_SELECT_PLAYER)
        for (int k = 0; k < m->n; k++)
            if (strcmp(m->pname[k], m->concept_arg) == 0)
                o->select_player = k;
    if (m->concept_select == EQ_SELECT_MIN_ACTION)
        o->select_action = m->concept_arg;
    return 1;
}
