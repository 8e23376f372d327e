/*
** tclasses.c -- outcome classes of a tree (named sets of terminal nodes:
** "war resumes", "peace") and the outcome of a solved tree measured by
** them: the probability of each class and each player's expected payoff,
** overall or from the nodes with a given label on.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"

eq_status eq_tree_add_class(eq_tree *t, const char *name, const char *description, int *id)
{
    char **pn, **pd, *n, *d;
    if (t == NULL || name == NULL || name[0] == '\0')
        return t ? eqi_error(t->errmsg, EQ_ERR_ARG, "a class needs a name") : EQ_ERR_ARG;
    for (int c = 0; c < t->ncls; c++)
        if (strcmp(t->clsname[c], name) == 0)
            return eqi_error(t->errmsg, EQ_ERR_ARG, "two classes named '%.64s'", name);
    n = eqi_strdup(name);
    d = eqi_strdup(description ? description : "");
    pn = realloc(t->clsname, ((size_t)t->ncls + 1) * sizeof *pn);
    if (pn != NULL)
        t->clsname = pn;
    pd = pn ? realloc(t->clsdesc, ((size_t)t->ncls + 1) * sizeof *pd) : NULL;
    if (pd != NULL)
        t->clsdesc = pd;
    if (n == NULL || d == NULL || pn == NULL || pd == NULL) {
        free(n);
        free(d);
        return eqi_error(t->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    t->clsname[t->ncls] = n;
    t->clsdesc[t->ncls] = d;
    if (id != NULL)
        *id = t->ncls;
    t->ncls++;
    return EQ_OK;
}

eq_status eq_tree_set_node_class(eq_tree *t, int node, int cls)
{
    if (t == NULL || node < 0 || node >= t->nnode)
        return t ? eqi_error(t->errmsg, EQ_ERR_ARG, "no node %d", node) : EQ_ERR_ARG;
    if (t->node[node].kind != EQ_NODE_TERMINAL)
        return eqi_error(t->errmsg, EQ_ERR_ARG, "node %d is not terminal: only terminal "
                         "nodes are in outcome classes", node);
    if (cls < -1 || cls >= t->ncls)
        return eqi_error(t->errmsg, EQ_ERR_ARG, "no class %d", cls);
    t->node[node].cls = cls;
    return EQ_OK;
}

int eq_tree_classes(const eq_tree *t) { return t ? t->ncls : 0; }

const char *eq_tree_class_name(const eq_tree *t, int c)
{
    return t && c >= 0 && c < t->ncls ? t->clsname[c] : NULL;
}

const char *eq_tree_class_description(const eq_tree *t, int c)
{
    return t && c >= 0 && c < t->ncls ? t->clsdesc[c] : NULL;
}

int eq_tree_class_index(const eq_tree *t, const char *name)
{
    if (t == NULL || name == NULL)
        return -1;
    for (int c = 0; c < t->ncls; c++)
        if (strcmp(t->clsname[c], name) == 0)
            return c;
    return -1;
}

int eq_tree_node_class(const eq_tree *t, int node)
{
    return t && node >= 0 && node < t->nnode ? t->node[node].cls : -1;
}

/* Whether r was computed on a tree shaped like t. */
static int fits(const eq_tree_result *r, const eq_tree *t)
{
    return r != NULL && t != NULL && r->nnode == t->nnode && r->niset == t->niset &&
           r->n == t->n;
}

double eq_tree_result_class_prob(const eq_tree_result *r, const eq_tree *t, int k, int c)
{
    double p = 0.0;
    if (!fits(r, t) || k < 0 || k >= r->count || c < 0 || c >= t->ncls)
        return NAN;
    for (int v = 0; v < t->nnode; v++)
        if (t->node[v].kind == EQ_NODE_TERMINAL && t->node[v].cls == c)
            p += r->reach[(size_t)k * (size_t)r->nnode + (size_t)v];
    return p;
}

eq_status eq_tree_result_outcome(const eq_tree_result *r, const eq_tree *t, int k,
                                 const char *label, double *reach, double *class_prob,
                                 double *payoff)
{
    const double *rch, *beh;
    int w, nc, n, nv = 0, stages;
    double rho = 0.0, *sub = NULL;
    int *top = NULL;
    if (!fits(r, t) || k < 0 || k >= r->count)
        return EQ_ERR_ARG;
    nc = t->ncls;
    n = t->n;
    w = nc + n;
    rch = r->reach + (size_t)k * (size_t)r->nnode;
    beh = r->beh + (size_t)k * (size_t)r->tot;
    stages = r->nst[k] > 0;
    /* The nodes labelled so with no ancestor labelled so (the root when
    ** label is NULL). */
    if ((top = malloc((size_t)t->nnode * sizeof *top)) == NULL)
        return EQ_ERR_NOMEM;
    for (int v = 0; v < t->nnode; v++) {
        int inside = 0;
        if (label == NULL ? v != 0
                          : (t->node[v].label == NULL || strcmp(t->node[v].label, label) != 0))
            continue;
        for (int u = t->node[v].parent; u >= 0 && !inside; u = t->node[u].parent)
            inside = label != NULL && t->node[u].label != NULL &&
                     strcmp(t->node[u].label, label) == 0;
        if (!inside) {
            top[nv++] = v;
            rho += rch[v];
        }
    }
    if (reach != NULL)
        *reach = rho;
    if (nv == 0) {
        free(top);
        return EQ_ERR_ARG;      /* no node has that label */
    }
    if (stages && !(rho > 0.0)) {
        /* Off the path, correlated stages give no behaviour to follow. */
        free(top);
        return EQ_ERR_UNSUPPORTED;
    }
    if ((sub = malloc((size_t)t->nnode * (size_t)w * sizeof *sub)) == NULL) {
        free(top);
        return EQ_ERR_NOMEM;
    }
    /* From every node on: class probabilities and payoffs under the
    ** behaviour, bottom-up (children are numbered after their parents). */
    for (int v = t->nnode - 1; v >= 0; v--) {
        const eqi_node *x = &t->node[v];
        double *o = sub + (size_t)v * (size_t)w;
        if (x->kind == EQ_NODE_TERMINAL) {
            for (int c = 0; c < nc; c++)
                o[c] = c == x->cls;
            memcpy(o + nc, t->pays + x->pay0, (size_t)n * sizeof *o);
            continue;
        }
        for (int j = 0; j < w; j++)
            o[j] = 0.0;
        for (int a = 0; a < x->nchild; a++) {
            double pr = x->kind == EQ_NODE_CHANCE ? t->probs[x->prob0 + a]
                                                  : beh[r->off[x->infoset] + a];
            const double *ch = sub + (size_t)(x->child0 + a) * (size_t)w;
            if (pr != 0.0)
                for (int j = 0; j < w; j++)
                    o[j] += pr * ch[j];
        }
    }
    for (int j = 0; j < w; j++) {
        double s = 0.0;
        for (int i = 0; i < nv; i++) {
            int v = top[i];
            double wt = rho > 0.0 ? rch[v] / rho : 1.0 / (double)nv;
            if (stages) {
                /* On the path of correlated stages: Bayes' rule on the
                ** joint distributions' reach, over the terminals below. */
                wt = 0.0;
            }
            s += wt * sub[(size_t)v * (size_t)w + (size_t)j];
        }
        if (j < nc && class_prob != NULL)
            class_prob[j] = s;
        if (j >= nc && payoff != NULL)
            payoff[j - nc] = s;
    }
    if (stages) {
        for (int c = 0; c < nc && class_prob != NULL; c++)
            class_prob[c] = 0.0;
        for (int p = 0; p < n && payoff != NULL; p++)
            payoff[p] = 0.0;
        for (int z = 0; z < t->nnode; z++) {
            int u = z, in = 0;
            if (t->node[z].kind != EQ_NODE_TERMINAL || rch[z] == 0.0)
                continue;
            for (; u >= 0 && !in; u = t->node[u].parent)
                for (int i = 0; i < nv && !in; i++)
                    in = top[i] == u;
            if (!in)
                continue;
            if (class_prob != NULL && t->node[z].cls >= 0)
                class_prob[t->node[z].cls] += rch[z] / rho;
            for (int p = 0; p < n && payoff != NULL; p++)
                payoff[p] += rch[z] / rho * t->pays[t->node[z].pay0 + p];
        }
    }
    free(sub);
    free(top);
    return EQ_OK;
}
