/*
** reduced.c -- the reduced strategic form of a game tree.
**
** A pure strategy of player p picks an action at each of p's information
** sets.  Two strategies that differ only at sets their own earlier choices
** cut off are outcome-equivalent, whatever the others do; the reduced
** strategic form keeps one strategy per class, a "plan".
**
** Under perfect recall every node of a set h of p carries the same last own
** move (h', a') of p on its path, or none: call it the parent sequence of
** h.  So p's sets form a forest, h hanging below the pair (h', a').  A plan
** picks an action at every root of the forest and, for every pair (h, a)
** it picks, at every set hanging below (h, a); nothing else.  The number of
** plans therefore obeys
**
**     N(h) = sum_a  prod_{h' below (h, a)} N(h'),    N_p = prod_{roots h} N(h)
**
** which we evaluate first, in doubles, to refuse a form that is too large
** before building anything.
**
** The payoff of a profile of plans is the expectation over chance of the
** terminal payoffs, found by walking the tree from the root: at a decision
** node the mover's plan names the action (it does, since the node lies on
** a path p's own plan follows), at a chance node every move is followed
** with its probability.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"

void eqi_plans_free(eqi_plans *pl)
{
    if (pl == NULL)
        return;
    for (int p = 0; p < EQ_MAX_PLAYERS; p++) {
        free(pl->own[p]);
        free(pl->act[p]);
    }
    free(pl->pos);
    memset(pl, 0, sizeof *pl);
}

void eqi_plans_actions(const eqi_plans *pl, int p, int s, int *act)
{
    const int *row = pl->act[p] + (size_t)s * (size_t)pl->nown[p];
    for (int i = 0; i < pl->nown[p]; i++)
        act[pl->own[p][i]] = row[i];
}

/* A row of a plan table, for sorting with qsort (which passes no
** context, so each element carries its length). */
typedef struct rowref {
    const int *row;
    int len;
} rowref;

/* Lexicographic order; -1 ("never reached") sorts before every action. */
static int cmp_rows(const void *a, const void *b)
{
    const rowref *x = a, *y = b;
    for (int i = 0; i < x->len; i++)
        if (x->row[i] != y->row[i])
            return x->row[i] < y->row[i] ? -1 : 1;
    return 0;
}

/*
** The parent sequence of every information set, as a global action index
** off[h'] + a' (-1 for none), in pseq[h].  One forward pass per player over
** the nodes -- children are always numbered after their parent, so index
** order is a topological order -- carrying the last own move of that
** player.  seq: work space of t->nnode ints.
*/
static void parent_sequences(const eq_tree *t, const int *off, int *seq,
                             int *pseq)
{
    for (int p = 0; p < t->n; p++) {
        seq[0] = -1;
        for (int v = 1; v < t->nnode; v++) {
            const eqi_node *u = &t->node[t->node[v].parent];
            if (u->kind == EQ_NODE_DECISION && u->player == p)
                seq[v] = off[u->infoset] + t->node[v].move;
            else
                seq[v] = seq[t->node[v].parent];
        }
        for (int h = 0; h < t->niset; h++)
            if (t->iset[h].player == p)
                pseq[h] = seq[t->iset[h].members[0]];
    }
}

/* The smallest node index in each information set.  A set hanging below
** (h', a') has each member below some member of h', so its smallest index
** is larger than h''s: increasing first[] visits parents before children. */
static void first_members(const eq_tree *t, int *first)
{
    for (int h = 0; h < t->niset; h++) {
        first[h] = t->iset[h].members[0];
        for (int k = 1; k < t->iset[h].nmem; k++)
            if (t->iset[h].members[k] < first[h])
                first[h] = t->iset[h].members[k];
    }
}

/* qsort context-free comparison of information sets by first[] -- carried
** in the element. */
typedef struct setref {
    int h, first;
} setref;

static int cmp_sets(const void *a, const void *b)
{
    const setref *x = a, *y = b;
    return (x->first > y->first) - (x->first < y->first);
}

/* Build player p's plans into pl (own[p], act[p], count[p]), given the
** sets in parents-first order (order, all players' sets) and their parent
** sequences.  seqset/seqact decode a global action index.  Returns 0 or
** -1 for lack of memory. */
static int build_plans(const eq_tree *t, int p, const setref *order,
                       const int *pseq, const int *seqset, const int *seqact,
                       eqi_plans *pl)
{
    int L = pl->nown[p];
    size_t c = 1;
    int *rows = malloc((size_t)(L ? L : 1) * sizeof *rows);
    rowref *refs = NULL;
    int *sorted = NULL;

    if (rows == NULL)
        return -1;
    for (int i = 0; i < L; i++)
        rows[i] = -1;
    /* Expand, set by set, each plan that reaches the set into one copy per
    ** action. */
    for (int k = 0; k < t->niset; k++) {
        int h = order[k].h, nact, ph, i = pl->pos[h];
        size_t c2 = 0;
        int *next;
        if (t->iset[h].player != p)
            continue;
        nact = t->iset[h].nact;
        ph = pseq[h] < 0 ? -1 : seqset[pseq[h]];
        for (size_t s = 0; s < c; s++) {
            int reached = ph < 0 || rows[s * (size_t)L + (size_t)pl->pos[ph]] ==
                                        seqact[pseq[h]];
            c2 += reached ? (size_t)nact : 1;
        }
        next = malloc(c2 * (size_t)L * sizeof *next);
        if (next == NULL) {
            free(rows);
            return -1;
        }
        c2 = 0;
        for (size_t s = 0; s < c; s++) {
            const int *row = rows + s * (size_t)L;
            int reached = ph < 0 || row[pl->pos[ph]] == seqact[pseq[h]];
            for (int a = 0; a < (reached ? nact : 1); a++) {
                int *dst = next + c2++ * (size_t)L;
                memcpy(dst, row, (size_t)L * sizeof *dst);
                if (reached)
                    dst[i] = a;
            }
        }
        free(rows);
        rows = next;
        c = c2;
    }
    /* Canonical order: lexicographic over the sets in index order. */
    refs = malloc(c * sizeof *refs);
    sorted = malloc(c * (size_t)(L ? L : 1) * sizeof *sorted);
    if (refs == NULL || sorted == NULL) {
        free(refs);
        free(sorted);
        free(rows);
        return -1;
    }
    for (size_t s = 0; s < c; s++) {
        refs[s].row = rows + s * (size_t)L;
        refs[s].len = L;
    }
    qsort(refs, c, sizeof *refs, cmp_rows);
    for (size_t s = 0; s < c; s++)
        memcpy(sorted + s * (size_t)L, refs[s].row, (size_t)L * sizeof *sorted);
    free(refs);
    free(rows);
    pl->act[p] = sorted;
    pl->count[p] = (int)c;
    return 0;
}

/* Name plan s of player p: its actions over p's sets in index order joined
** by '/', '-' for a set it never reaches.  A player without sets has one
** plan, named "-". */
static char *plan_name(const eq_tree *t, const eqi_plans *pl, int p, int s)
{
    const int *row = pl->act[p] + (size_t)s * (size_t)pl->nown[p];
    size_t len = 2;
    char *name, *w;
    for (int i = 0; i < pl->nown[p]; i++) {
        int h = pl->own[p][i];
        len += 1 + (row[i] < 0 ? 1 : strlen(t->iset[h].aname[row[i]]));
    }
    if ((name = malloc(len)) == NULL)
        return NULL;
    w = name;
    *w = '\0';
    for (int i = 0; i < pl->nown[p]; i++) {
        int h = pl->own[p][i];
        const char *a = row[i] < 0 ? "-" : t->iset[h].aname[row[i]];
        size_t k = strlen(a);
        if (i > 0)
            *w++ = '/';
        memcpy(w, a, k);
        w += k;
        *w = '\0';
    }
    if (pl->nown[p] == 0)
        strcpy(name, "-");
    return name;
}

/* Expected payoffs of every profile of plans, by a walk from the root per
** profile.  stack/wt: work space of t->nnode entries each. */
static void fill_payoffs(const eq_tree *t, const eqi_plans *pl, eq_game *g,
                         int *stack, double *wt)
{
    int strat[EQ_MAX_PLAYERS];
    for (size_t i = 0; i < g->nprof; i++) {
        int sp = 0;
        for (int p = 0; p < t->n; p++)
            strat[p] = (int)((i / g->stride[p]) % (size_t)g->nact[p]);
        stack[sp] = 0;
        wt[sp++] = 1.0;
        while (sp > 0) {
            int v = stack[--sp];
            double w = wt[sp];
            const eqi_node *x = &t->node[v];
            if (x->kind == EQ_NODE_TERMINAL) {
                for (int p = 0; p < t->n; p++)
                    g->pay[p][i] += w * t->pays[x->pay0 + p];
            } else if (x->kind == EQ_NODE_CHANCE) {
                for (int a = 0; a < x->nchild; a++) {
                    double q = t->probs[x->prob0 + a];
                    if (q > 0.0) {
                        stack[sp] = x->child0 + a;
                        wt[sp++] = w * q;
                    }
                }
            } else {
                int p = x->player;
                int a = pl->act[p][(size_t)strat[p] * (size_t)pl->nown[p] +
                                   (size_t)pl->pos[x->infoset]];
                /* The plan reaches every node its own moves lead to. */
                stack[sp] = x->child0 + (a < 0 ? 0 : a);
                wt[sp++] = w;
            }
        }
    }
}

/* Each player's own sets into pl->own and pl->nown, and each set's
** position among them into pl->pos; -1 for lack of memory. */
static int own_sets(const eq_tree *t, eqi_plans *pl)
{
    for (int h = 0; h < t->niset; h++) {
        int p = t->iset[h].player;
        pl->pos[h] = pl->nown[p]++;
    }
    for (int p = 0; p < t->n; p++) {
        pl->own[p] = malloc((size_t)(pl->nown[p] ? pl->nown[p] : 1) * sizeof *pl->own[p]);
        if (pl->own[p] == NULL)
            return -1;
    }
    for (int h = 0; h < t->niset; h++)
        pl->own[t->iset[h].player][pl->pos[h]] = h;
    return 0;
}

/* Count the plans below each sequence into cnt (off[ni] + 1 entries),
** children before parents (decreasing first[]); returns the number of
** strategy profiles of the reduced form, the product of the players'
** counts. */
static double count_profiles(const eq_tree *t, const setref *order, const int *off,
                             const int *pseq, double *cnt)
{
    size_t ni = (size_t)t->niset;
    double rootprod[EQ_MAX_PLAYERS], total = 1.0;
    for (int i = 0; i <= off[ni]; i++)
        cnt[i] = 1.0;
    for (int p = 0; p < t->n; p++)
        rootprod[p] = 1.0;
    for (size_t k = ni; k-- > 0;) {
        int h = order[k].h;
        double nh = 0.0;
        for (int a = 0; a < t->iset[h].nact; a++)
            nh += cnt[off[h] + a];
        if (pseq[h] < 0)
            rootprod[t->iset[h].player] *= nh;
        else
            cnt[pseq[h]] *= nh;
    }
    for (int p = 0; p < t->n; p++)
        total *= rootprod[p];
    return total;
}

/* The reduced form's title, player names and plan names from t and pl;
** -1 for lack of memory. */
static int name_game(const eq_tree *t, const eqi_plans *pl, eq_game *g)
{
    if (eq_game_set_title(g, t->title) != EQ_OK)
        return -1;
    for (int p = 0; p < t->n; p++) {
        if (eq_game_set_player_name(g, p, t->pname[p]) != EQ_OK)
            return -1;
        for (int k = 0; k < pl->count[p]; k++) {
            char *name = plan_name(t, pl, p, k);
            eq_status s2 = name ? eq_game_set_action_name(g, p, k, name) : EQ_ERR_NOMEM;
            free(name);
            if (s2 != EQ_OK)
                return -1;
        }
    }
    return 0;
}

eq_status eqi_tree_reduced(const eq_tree *t, eq_game **out, eqi_plans *plans,
                           char *err)
{
    eqi_plans local, *pl = plans ? plans : &local;
    int *off = NULL, *seq = NULL, *pseq = NULL, *first = NULL;
    int *seqset = NULL, *seqact = NULL, *stack = NULL;
    setref *order = NULL;
    double *cnt = NULL, *wt = NULL, total;
    int nact[EQ_MAX_PLAYERS];
    eq_game *g = NULL;
    eq_status s = EQ_OK;
    size_t ni, nn;

    memset(pl, 0, sizeof *pl);
    if (out != NULL)
        *out = NULL;
    if (t == NULL || out == NULL)
        return eqi_error(err, EQ_ERR_ARG, "tree or output is NULL");
    if (!t->finished)
        return eqi_error(err, EQ_ERR_ARG,
                         "the tree is not finished (call eq_tree_finish first)");
    pl->n = t->n;
    ni = (size_t)t->niset;
    nn = (size_t)t->nnode;
    off = malloc((ni + 1) * sizeof *off);
    seq = malloc(nn * sizeof *seq);
    pseq = malloc((ni + 1) * sizeof *pseq);
    first = malloc((ni + 1) * sizeof *first);
    order = malloc((ni + 1) * sizeof *order);
    pl->pos = malloc((ni + 1) * sizeof *pl->pos);
    if (!off || !seq || !pseq || !first || !order || !pl->pos)
        goto nomem;
    off[0] = 0;
    for (size_t h = 0; h < ni; h++)
        off[h + 1] = off[h] + t->iset[h].nact;
    seqset = malloc(((size_t)off[ni] + 1) * sizeof *seqset);
    seqact = malloc(((size_t)off[ni] + 1) * sizeof *seqact);
    cnt = malloc(((size_t)off[ni] + 1) * sizeof *cnt);
    if (!seqset || !seqact || !cnt)
        goto nomem;
    for (int h = 0; h < t->niset; h++)
        for (int a = 0; a < t->iset[h].nact; a++) {
            seqset[off[h] + a] = h;
            seqact[off[h] + a] = a;
        }
    parent_sequences(t, off, seq, pseq);
    first_members(t, first);
    for (int h = 0; h < t->niset; h++) {
        order[h].h = h;
        order[h].first = first[h];
    }
    qsort(order, ni, sizeof *order, cmp_sets);

    if (own_sets(t, pl) != 0)
        goto nomem;

    total = count_profiles(t, order, off, pseq, cnt);
    if (total > (double)EQ_MAX_PROFILES) {
        s = eqi_error(err, EQ_ERR_LIMIT,
                      "the reduced strategic form has %.0f strategy profiles, "
                      "more than the limit of %d",
                      total, EQ_MAX_PROFILES);
        goto done;
    }
    for (int p = 0; p < t->n; p++) {
        if (build_plans(t, p, order, pseq, seqset, seqact, pl) != 0)
            goto nomem;
        nact[p] = pl->count[p];
    }

    s = eq_game_new(&g, t->n, nact);
    if (s != EQ_OK) {
        s = eqi_error(err, s, "cannot create the reduced strategic form: %s",
                      eq_status_string(s));
        goto done;
    }
    if (name_game(t, pl, g) != 0)
        goto nomem;
    stack = malloc(nn * sizeof *stack);
    wt = malloc(nn * sizeof *wt);
    if (!stack || !wt)
        goto nomem;
    fill_payoffs(t, pl, g, stack, wt);
    *out = g;
    g = NULL;
    goto done;
nomem:
    s = eqi_error(err, EQ_ERR_NOMEM, "out of memory");
done:
    eq_game_free(g);
    free(off);
    free(seq);
    free(pseq);
    free(first);
    free(order);
    free(seqset);
    free(seqact);
    free(cnt);
    free(stack);
    free(wt);
    if (plans == NULL || s != EQ_OK)
        eqi_plans_free(pl);
    return s;
}

eq_status eq_tree_reduced_form(const eq_tree *t, eq_game **out)
{
    /* A const tree cannot take a message; the status says what failed. */
    return eqi_tree_reduced(t, out, NULL, NULL);
}
