/*
** breakpoints.c -- eq_model_breakpoints: every value of one parameter at
** which the selected equilibrium's outcome changes, located to machine
** precision and, where the payoffs allow, verified in exact arithmetic.
**
** 1. Scan: the outcome's signature (eqi_point_signature: the support of
**    the behaviour profile at every information set, the chance moves
**    with positive probability, the SPE count when asked, or failure) on
**    a grid of the interval.
** 2. Bracket: each grid interval whose ends differ is bisected on the
**    signature to 1e-9 of the range, which gives the profiles just left
**    and right of the change (sigma_a, sigma_b); what lies beyond the
**    change in the interval is scanned again, so that several changes in
**    one interval are each found.
** 3. Locate: the solver decides ties to a tolerance, so the bisection's
**    point is off by up to that tolerance over the slope.  The change is
**    located instead as the root of a continuous condition, by Brent's
**    method (numeric.c) on a bracket widened from the bisection's until
**    the condition changes sign:
**      - the mover's gain from the action played on the other side, at a
**        set whose support differs, the rest of the profile held as on
**        one side (eqi_prof_gain): the mover is indifferent at the root;
**      - the difference of the selection scores of sigma_a and sigma_b at
**        the root of the subgame holding the set (a tie of the selection
**        rule: EQ_BREAK_SELECTION);
**      - for an equilibrium that exists on one side only (a change of the
**        SPE count), the gain of each deviation from it.
**      - for a correlated stage's own switch: the smallest margin of its
**        LP's optimal basis on one side (a basic probability, dual or
**        reduced cost, in rationals) among those that turn negative
**        across the change (exact.c, eqi_stagesw), the far end widened as
**        above.  The LP is that of the stage's part of the tree: the whole
**        tree, or for a stage below a decision or above nested subgames
**        the nodes below its root, each nested subgame cut to a terminal
**        paying its continuation value under that side's profile (a
**        function of the parameter, recomputed at each point).  Where
**        that profile plays a nested subgame by a mixture, or by a
**        correlated stage of several recommendations whose numbers move
**        with the parameter, holding it would miss how the value moves:
**        the play is then solved again at each point (cond.resolve), and
**        the root, unless verified at a fraction, is flagged
**        EQ_BREAK_BISECTION as other re-solved conditions are.  A
**        change outside the stages that a stage's moving value causes (a
**        decision above it) is a gain, with the stages re-solved at each
**        point (cond.resolve);
**    Of the roots found, the one nearest the bisection's point is kept.
**    A change of chance support alone (a probability reaching 0) is
**    bisected on the instantiated probabilities to adjacent doubles:
**    instantiation has no tolerance.  A change no condition brackets is
**    bisected on the signature to adjacent doubles (EQ_BREAK_BISECTION).
** 4. Exact: the simplest fraction within 1e-10 of the root is tried in
**    rational arithmetic (exact.c); if the condition is exactly 0 there,
**    the breakpoint is that fraction (EQ_BREAK_EXACT).
** 5. Report: the value is the shortest decimal within 1e-13 of the root
**    (or the double nearest the fraction), with the outcome at the value
**    itself, what changes in words, and flags.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sens.h"
#include "../lexer.h"

#define BISECT_REL 1e-9     /* bisection bracket, relative to the range */
#define ROUND_REL 1e-13     /* decimal rounding within this of the root */
#define FRACTION_REL 1e-10  /* fractions tried within this of the root */
#define FRACTION_MAXDEN 1000000000ul
#define WIDEN_MAX 7         /* a condition's bracket widened by 10^1..10^7 */
#define TREE_CACHE (2 * (WIDEN_MAX + 1))  /* trees at the widened ends */

typedef struct bk {
    double value, err;
    unsigned flags;
    char text[40];
    char *frac;
    char *what;
    eq_point *at;
} bk;

typedef struct seg {
    double lo, hi;
    eq_point *pt;
} seg;

struct eq_breaks {
    const eq_model *m;
    int param, is_enum;
    double lo, hi;
    eq_point *base;
    bk *b;
    int nb, capb;
    seg *s;
    int ns;
    char errmsg[EQI_ERRMAX];
};

/* The state of one scan. */
typedef struct scan {
    eq_analysis an;         /* the caller's settings, measures adjusted */
    eq_breaks *B;
    int k;                  /* the parameter */
    double lo, hi;
    double *v;              /* values scratch */
    eq_point *probe;        /* solves at one value */
    eq_tree *te;            /* a tree for evaluating conditions */
    eq_tree *ct[TREE_CACHE];/* trees at the ends of the widened brackets, */
    double cx[TREE_CACHE];  /* ... instantiated at these values of k (every
                               candidate condition of a change tries the
                               same ends); */
    int nct;                /* ... the first nct hold the current change's */
    eqi_prof prof;
    double *sa, *sb;        /* the profiles at the bracket's ends */
    double *s2;             /* a profile of an all-equilibria list */
    int tot;
    int *off;               /* tot offsets of the sets' actions */
    eqi_stage *ga, *gb;     /* correlated stages of sa and sb */
    int nga, ngb;
    eqi_stage *gx;          /* ... of the solution at a condition's x */
    int ngx;
    int stage_dep;          /* a stage's numbers depend on the parameter */
    bk *b;                  /* the changes this scan located */
    int nb, capb;
    int worker;             /* a thread's copy: off is borrowed */
    eq_status fail;         /* out of memory, say */
} scan;

/* ---- the outcome at a value ------------------------------------------ */

/* Solve at x into the probe; returns the signature. */
static uint64_t sig_at(scan *S, double x)
{
    S->v[S->k] = x;
    eq_point_solve(S->probe, &S->an, S->v);
    if (S->probe->status == EQ_ERR_NOMEM)
        S->fail = EQ_ERR_NOMEM;
    return eqi_point_signature(S->probe);
}

static void stages_free(eqi_stage **g, int *ng)
{
    for (int i = 0; i < *ng; i++)
        eqi_stage_free(&(*g)[i]);
    free(*g);
    *g = NULL;
    *ng = 0;
}

/* The correlated stages of the probe's selected equilibrium (result r)
** into *g, *ng (replacing what they held); 0, or -1 for lack of memory
** (S->fail). */
static int take_stages(scan *S, const eq_tree_result *r, eqi_stage **g, int *ng)
{
    int n0;
    stages_free(g, ng);
    n0 = r != NULL && r->count > 0 && r->stage != NULL && r->nst != NULL ? r->nst[0] : 0;
    if (n0 > 0) {
        if ((*g = calloc((size_t)n0, sizeof **g)) == NULL) {
            S->fail = EQ_ERR_NOMEM;
            return -1;
        }
        for (int i = 0; i < n0; i++) {
            if (eqi_stage_copy(&(*g)[i], &r->stage[r->sfirst[0] + i]) != 0) {
                stages_free(g, ng);
                S->fail = EQ_ERR_NOMEM;
                return -1;
            }
            (*ng)++;
        }
    }
    return 0;
}

/* The probe's selected profile into buf (tot doubles) and its correlated
** stages into *g, *ng (replacing what they held); 0, or -1 when the probe
** has none (failure or no equilibrium, or no memory: S->fail). */
static int take_profile(scan *S, double *buf, eqi_stage **g, int *ng)
{
    const eq_tree_result *r = S->probe->res;
    stages_free(g, ng);
    if (S->probe->status != EQ_OK || S->probe->tree == NULL || r == NULL || r->count == 0)
        return -1;
    if (S->tot != r->tot)
        return -1;
    memcpy(buf, r->beh, (size_t)r->tot * sizeof *buf);
    return take_stages(S, r, g, ng);
}

/* Whether the numbers below any stage root of S->ga or S->gb (payoffs and
** chance probabilities, on which the stage's correlated equilibrium
** depends) differ between a and b: then the stage's distribution moves
** with the parameter and cannot be held fixed in a condition. */
static int stages_depend(scan *S, double a, double b)
{
    eq_tree *ta = NULL;
    eq_diag d;
    int dep = 0;
    if (S->nga == 0 && S->ngb == 0)
        return 0;
    S->v[S->k] = a;
    if (eq_model_instantiate(S->B->m, S->v, &ta, &d) != EQ_OK)
        return 1;
    S->v[S->k] = b;
    if (eq_model_instantiate(S->B->m, S->v, &S->te, &d) != EQ_OK ||
        S->te->nnode != ta->nnode) {
        eq_tree_free(ta);
        return 1;
    }
    for (int side = 0; side < 2 && !dep; side++) {
        const eqi_stage *g = side ? S->gb : S->ga;
        int ng = side ? S->ngb : S->nga;
        for (int i = 0; i < ng && !dep; i++)
            for (int u = g[i].root; u < ta->nnode && !dep; u++) {
                const eqi_node *x = &ta->node[u], *y = &S->te->node[u];
                int below = 0;
                for (int w = u; w >= 0; w = ta->node[w].parent)
                    if (w == g[i].root)
                        below = 1;
                if (!below || x->kind != y->kind)
                    continue;
                if (x->kind == EQ_NODE_TERMINAL)
                    for (int p = 0; p < ta->n; p++)
                        dep |= ta->pays[x->pay0 + p] != S->te->pays[y->pay0 + p];
                else if (x->kind == EQ_NODE_CHANCE)
                    for (int c = 0; c < x->nchild; c++)
                        dep |= ta->probs[x->prob0 + c] != S->te->probs[y->prob0 + c];
            }
    }
    eq_tree_free(ta);
    return dep;
}

/* A copy of the probe's measures as a new point.  NULL for lack of
** memory. */
static eq_point *keep_probe(scan *S)
{
    eq_point *pt = NULL;
    if (eq_point_new(&pt, S->B->m) != EQ_OK)
        return NULL;
    if (eqi_point_copy(pt, S->probe) != 0) {
        eq_point_free(pt);
        return NULL;
    }
    return pt;
}

/* ---- conditions ------------------------------------------------------ */

/* A condition to find the root of, on this scan. */
typedef struct cond {
    eqi_cond c;
    int deviate;            /* a deviation from an equilibrium of the
                               all-equilibria list (a change of count) */
    int resolve;            /* the stages' distributions move with the
                               parameter: take them from a solve at x */
    scan *S;
} cond;

/* The condition's value at x; clears *ok when the model cannot be
** instantiated there. */
static double cond_eval(void *ud, double x, int *ok)
{
    cond *c = ud;
    scan *S = c->S;
    eq_diag d;
    if (c->resolve) {
        /* The stages as solved at x (each a subgame, solved whatever the
        ** path), the rest of the profile held. */
        sig_at(S, x);
        if (S->probe->status != EQ_OK || S->probe->tree == NULL ||
            take_stages(S, S->probe->res, &S->gx, &S->ngx) != 0 ||
            eqi_prof_fit(&S->prof, S->probe->tree) != 0) {
            *ok = 0;
            return 0.0;
        }
        if (c->c.type == EQI_COND_STAGE) {
            /* The nested subgames' play as solved at x. */
            if (S->probe->res->count == 0 || S->probe->res->tot != S->tot) {
                *ok = 0;
                return 0.0;
            }
            eqi_stagesw_hold(c->c.sw, S->probe->res->beh, S->gx, S->ngx);
            return eqi_stagesw_eval(c->c.sw, S->probe->tree, ok);
        }
        c->c.g = S->gx;
        c->c.ng = S->ngx;
        return eqi_cond_eval(&c->c, S->probe->tree, &S->prof, S->off);
    }
    S->v[S->k] = x;
    if (c->c.type == EQI_COND_STAGE) {
        if (eq_model_instantiate(S->B->m, S->v, &S->te, &d) != EQ_OK) {
            *ok = 0;
            return 0.0;
        }
        return eqi_stagesw_eval(c->c.sw, S->te, ok);
    }
    if (eq_model_instantiate(S->B->m, S->v, &S->te, &d) != EQ_OK ||
        eqi_prof_fit(&S->prof, S->te) != 0) {
        *ok = 0;
        return 0.0;
    }
    return eqi_cond_eval(&c->c, S->te, &S->prof, S->off);
}

/* The model instantiated at x (the other parameters as in S->v), from the
** cache of the widened brackets' ends when there: a change with many
** candidate conditions (a change of the equilibrium count tries every
** deviation of every equilibrium) evaluates each at the same ends, and
** instantiating the tree dominated the search.  NULL when the model
** cannot be instantiated at x. */
static const eq_tree *tree_at(scan *S, double x)
{
    eq_diag d;
    int i;
    for (i = 0; i < S->nct; i++)
        if (S->cx[i] == x)
            return S->ct[i];
    i = S->nct < TREE_CACHE ? S->nct : TREE_CACHE - 1;  /* full: the last turns over */
    S->v[S->k] = x;
    if (eq_model_instantiate(S->B->m, S->v, &S->ct[i], &d) != EQ_OK) {
        if (i < S->nct)
            S->nct--;           /* the turned-over slot no longer holds x's */
        return NULL;
    }
    S->cx[i] = x;
    if (i == S->nct)
        S->nct++;
    return S->ct[i];
}

/* cond_eval at a bracket's end: from tree_at's cache unless the stages
** must be solved again at x. */
static double cond_end(cond *c, double x, int *ok)
{
    scan *S = c->S;
    const eq_tree *t;
    if (c->resolve)
        return cond_eval(c, x, ok);
    if (c->c.type == EQI_COND_STAGE) {
        if ((t = tree_at(S, x)) == NULL) {
            *ok = 0;
            return 0.0;
        }
        return eqi_stagesw_eval(c->c.sw, t, ok);
    }
    if ((t = tree_at(S, x)) == NULL || eqi_prof_fit(&S->prof, t) != 0) {
        *ok = 0;
        return 0.0;
    }
    return eqi_cond_eval(&c->c, t, &S->prof, S->off);
}

/* Forget tree_at's trees (their storage is kept for the next): the
** bracket moved. */
static void trees_forget(scan *S)
{
    S->nct = 0;
}

/* The edge of c's exact zero set between z (where c is exactly 0) and n
** (where it is not), bisected to adjacent doubles: into *root, the last
** point where c is 0.  *plateau: set when c is 0 at points other than z,
** a stretch where c is flat at 0 (max(x, 2) against min(x, 3)), whose
** edge no exact zero certifies.  Returns 0, or -1. */
static int cond_edge(cond *c, double z, double n, double *root, int *plateau)
{
    double z0 = z;
    for (int i = 0; i < 200; i++) {
        int ok = 1;
        double m = z + (n - z) / 2, fm;
        if (m == z || m == n)
            break;
        fm = cond_eval(c, m, &ok);
        if (!ok)
            return -1;
        if (fm == 0.0)
            z = m;
        else
            n = m;
    }
    *root = z;
    *plateau = z != z0;
    return 0;
}

/* Find c's root near [a, b]: widen the bracket until c changes sign, then
** Brent.  A bracket with one end exactly 0 and the other not is the edge
** of a zero set: the change of an SPE count where an equilibrium exists
** only on a stretch where its deviation gains exactly 0, a gain that
** touches 0 without changing sign (cond_edge).  Returns 0 with *root, and
** *plateau set when c is 0 on a stretch there (so that an exact zero at a
** fraction near the root proves nothing about the edge), or -1.  (A
** plateau inside a bracket that changes sign is caught by place_value.)
** A stage's margin is a rational function, not flat at 0: an end where it
** is exactly 0 is widened past instead. */
static int cond_root(cond *c, double a, double b, double *root, int *plateau)
{
    scan *S = c->S;
    double w = b - a, lo, hi, flo, fhi;
    *plateau = 0;
    for (int widen = 0; widen <= WIDEN_MAX; widen++) {
        int ok = 1;
        double pad = widen == 0 ? 0.0 : w * pow(10.0, widen);
        lo = a - pad < S->lo ? S->lo : a - pad;
        hi = b + pad > S->hi ? S->hi : b + pad;
        flo = cond_end(c, lo, &ok);
        fhi = cond_end(c, hi, &ok);
        if (!ok)
            return -1;
        if ((flo < 0.0 && fhi > 0.0) || (flo > 0.0 && fhi < 0.0))
            return eqi_brent(cond_eval, c, lo, hi, flo, fhi, root);
        /* A stage's margin exactly 0 at an end (the bisection's point on
        ** the switch itself, a double where the margin's arithmetic
        ** comes out 0): no stretch of zeros, a root; widen past it. */
        if ((flo == 0.0) != (fhi == 0.0) && c->c.type == EQI_COND_STAGE &&
            !(lo == S->lo && hi == S->hi))
            continue;
        if ((flo == 0.0) != (fhi == 0.0)) {
            /* 0 at an end of the interval scanned: the change is there. */
            if ((flo == 0.0 && lo == S->lo) || (fhi == 0.0 && hi == S->hi)) {
                *root = flo == 0.0 ? lo : hi;
                return 0;
            }
            return flo == 0.0 ? cond_edge(c, lo, hi, root, plateau)
                              : cond_edge(c, hi, lo, root, plateau);
        }
        if (lo == S->lo && hi == S->hi)
            return -1;
    }
    return -1;
}

/* ---- words ------------------------------------------------------------ */

/* Append to *what (a growing string; NULL on failure). */
static void say(char **what, const char *fmt, ...) EQI_PRINTF(2, 3);
static void say(char **what, const char *fmt, ...)
{
    char buf[512];
    size_t a, k;
    char *p;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    a = *what ? strlen(*what) : 0;
    k = strlen(buf);
    if ((p = realloc(*what, a + k + 3)) == NULL)
        return;
    if (a > 0) {
        memcpy(p + a, "; ", 2);
        a += 2;
    }
    memcpy(p + a, buf, k + 1);
    *what = p;
}

/* The actions with positive probability at set h of beh, "a/b". */
static void support_words(const eq_tree *t, const int *off, const double *beh, int h,
                          char *buf, size_t len)
{
    size_t k = 0;
    buf[0] = '\0';
    for (int a = 0; a < t->iset[h].nact && k < len; a++)
        if (beh[off[h] + a] > 1e-9)
            k += (size_t)snprintf(buf + k, len - k, "%s%s", k ? "/" : "",
                                  t->iset[h].aname[a]);
    if (k == 0)
        snprintf(buf, len, "(none)");
}

static const char *set_name(const eq_tree *t, int h, char *buf, size_t len)
{
    int v = t->iset[h].members[0];
    if (t->node[v].label != NULL && t->node[v].label[0] != '\0')
        return t->node[v].label;
    if (t->iset[h].label != NULL && t->iset[h].label[0] != '\0')
        return t->iset[h].label;
    snprintf(buf, len, "node %d", v);
    return buf;
}

/* ---- locating one change --------------------------------------------- */

/* Whether set h's supports differ between two profiles. */
static int differs(const eq_tree *t, const int *off, const double *x, const double *y, int h)
{
    for (int a = 0; a < t->iset[h].nact; a++)
        if ((x[off[h] + a] > 1e-9) != (y[off[h] + a] > 1e-9))
            return 1;
    return 0;
}

static int add_break(scan *S, const bk *b)
{
    if (S->nb == S->capb) {
        int cap = S->capb ? 2 * S->capb : 8;
        bk *p = realloc(S->b, (size_t)cap * sizeof *p);
        if (p == NULL)
            return -1;
        S->b = p;
        S->capb = cap;
    }
    S->b[S->nb++] = *b;
    return 0;
}

static void bks_free(bk *b, int n)
{
    for (int i = 0; i < n; i++) {
        free(b[i].what);
        free(b[i].frac);
        eq_point_free(b[i].at);
    }
    free(b);
}

/* Bisect [a, b] on the signature down to adjacent doubles, or to
** 1e-3 eps of the range near zero (where doubles never run out). */
static void bisect_to(scan *S, double *a, uint64_t sa, double *b, int maxit)
{
    double floor_w = 1e-3 * DBL_EPSILON * (S->hi - S->lo);
    for (int it = 0; it < maxit; it++) {
        double m = 0.5 * (*a + *b);
        if (!(m > *a && m < *b) || *b - *a <= floor_w)
            break;
        if (sig_at(S, m) == sa)
            *a = m;
        else
            *b = m;
    }
}

/* The hunt for the condition whose root is the change in [a, b]: the
** candidate being tried and the root nearest the bracket's middle. */
typedef struct hunt {
    scan *S;
    double a, b, mid, range;
    cond c;                 /* the condition being tried */
    cond best;              /* the condition of the nearest root */
    double root, bestd;     /* that root, and its distance from mid */
    int plateau;            /* best is 0 on a stretch there (cond_root) */
    int found;
    eqi_stagesw *sw;        /* a correlated stage's own switch, or NULL */
    int sw_tried;
} hunt;

/* Find H->c's root near the bracket; keep it if nearer the middle than
** the best so far and than limit. */
static void hunt_try(hunt *H, double limit)
{
    double r;
    int plateau;
    if (cond_root(&H->c, H->a, H->b, &r, &plateau) == 0 && fabs(r - H->mid) < H->bestd &&
        fabs(r - H->mid) < limit) {
        H->bestd = fabs(r - H->mid);
        H->root = r;
        H->best = H->c;
        H->plateau = plateau;
        H->found = 1;
    }
}

/* Whether a subgame of t is rooted strictly below node r. */
static int nests(const eq_tree *t, int r)
{
    for (int k = 0; k < t->nsub; k++)
        for (int u = t->node[t->subroot[k]].parent; u >= 0; u = t->node[u].parent)
            if (u == r)
                return 1;
    return 0;
}

/* A correlated stage's own switch: the optimal basis of the LP of the
** stage holding set h, on one side of the change, stops being optimal
** (eqi_stagesw) somewhere across it.  The stage's LP is that of its part
** of the tree, the subgames nested in it paying their continuation values
** under that side's profile.  The solver decides to a tolerance, so the
** switch may lie a little beyond the bracket: the far end is widened as
** cond_root widens.  When the nested subgames' play moves with the
** parameter (eqi_stagesw_moves), the condition takes it from a solve at
** each point.  Tried once per change; where eqi_stagesw declines nothing
** is found here and the change is bisected.  -1 for lack of memory. */
static int hunt_stage(hunt *H, int h)
{
    scan *S = H->S;
    double w = H->b - H->a;
    if (H->sw_tried)
        return 0;
    H->sw_tried = 1;
    for (int side = 0; side < 2; side++)
        for (int widen = 0; widen <= WIDEN_MAX; widen++) {
            double pad = widen == 0 ? 0.0 : w * pow(10.0, widen);
            double x0 = side ? H->b : H->a;
            double x1 = side ? fmax(H->a - pad, S->lo) : fmin(H->b + pad, S->hi);
            const eqi_stage *g = side ? S->gb : S->ga;
            int ng = side ? S->ngb : S->nga, i = eqi_stage_of_set(g, ng, h);
            const double *sx = NULL;
            const eq_tree *t0;
            eq_diag d;
            int rc;
            if (i < 0)
                break;          /* h is not a stage's on this side */
            if ((t0 = tree_at(S, x0)) == NULL)
                return 0;
            /* The play solved at x1, should the nested subgames' move
            ** (S->s2 is free: hunt_count does not run with stages). */
            if (nests(t0, g[i].root)) {
                sig_at(S, x1);
                if (take_profile(S, S->s2, &S->gx, &S->ngx) == 0)
                    sx = S->s2;
                else if (S->fail != EQ_OK)
                    return -1;
            }
            /* x1's tree in S->te: tree_at's cache may turn x0's over. */
            S->v[S->k] = x1;
            if (eq_model_instantiate(S->B->m, S->v, &S->te, &d) != EQ_OK)
                break;
            rc = eqi_stagesw_new(&H->sw, t0, S->te, &S->an.opts, g, ng, h,
                                 side ? S->sb : S->sa, S->off, sx, S->gx, S->ngx);
            if (rc < 0)
                return -1;
            if (rc == 0) {
                memset(&H->c.c, 0, sizeof H->c.c);
                H->c.c.type = EQI_COND_STAGE;
                H->c.c.s = g[i].root;
                H->c.c.sw = H->sw;
                H->c.resolve = eqi_stagesw_moves(H->sw);
                H->c.deviate = 0;
                hunt_try(H, HUGE_VAL);
                return 0;
            }
            if (x1 == (side ? S->lo : S->hi))
                break;
        }
    return 0;
}

/* Set h's supports differ between S->sa and S->sb: describe the change in
** rec->what and try its conditions (the gains of the actions entering and
** leaving; a selection tie at the subgame holding h).  -1 for lack of
** memory. */
static int hunt_set(hunt *H, bk *rec, const eq_tree *t, int h)
{
    scan *S = H->S;
    const int *off = S->off;
    char nb[32], wa[128], wb[128];
    support_words(t, off, S->sa, h, wa, sizeof wa);
    support_words(t, off, S->sb, h, wb, sizeof wb);
    say(&rec->what, "%s at %s: %s -> %s", t->pname[t->iset[h].player],
        set_name(t, h, nb, sizeof nb), wa, wb);
    /* With correlated stages, a condition holds each side's joint
    ** distributions fixed: not when they move with the parameter, nor at
    ** a set of a stage (its change is the stage's own, an LP's). */
    if ((S->nga > 0 || S->ngb > 0) &&
        (eqi_stage_of_set(S->ga, S->nga, h) >= 0 || eqi_stage_of_set(S->gb, S->ngb, h) >= 0))
        return hunt_stage(H, h);
    H->c.resolve = S->stage_dep;
    /* Gains: the action that enters, under sigma_a; the action that
    ** leaves, under sigma_b. */
    for (int side = 0; side < 2; side++)
        for (int x = 0; x < t->iset[h].nact; x++) {
            const double *from = side ? S->sb : S->sa, *to = side ? S->sa : S->sb;
            if (!(to[off[h] + x] > 1e-9) || from[off[h] + x] > 1e-9)
                continue;
            H->c.c.type = EQI_COND_GAIN;
            H->c.c.h = h;
            H->c.c.b = x;
            H->c.c.sigma = from;
            H->c.c.g = side ? S->gb : S->ga;
            H->c.c.ng = side ? S->ngb : S->nga;
            hunt_try(H, HUGE_VAL);
        }
    /* A selection tie at the subgame holding h. */
    if (!S->an.opts.all && S->an.opts.select != EQ_SELECT_FIRST &&
        S->an.opts.select != EQ_SELECT_MIN_ACTION && !S->stage_dep) {
        /* At the innermost subgame around h's first member. */
        if (eqi_prof_fit(&S->prof, t) != 0)
            return -1;
        H->c.c.type = EQI_COND_SCORE;
        H->c.c.s = S->prof.sub[t->iset[h].members[0]];
        H->c.c.player = S->an.opts.select == EQ_SELECT_PLAYER
                            ? S->an.opts.select_player : -1;
        H->c.c.sigma = S->sa;
        H->c.c.sigma2 = S->sb;
        H->c.c.g = S->ga;
        H->c.c.ng = S->nga;
        H->c.c.g2 = S->gb;
        H->c.c.ng2 = S->ngb;
        hunt_try(H, HUGE_VAL);
    }
    return 0;
}

/* The count of equilibria changes and no condition was found: an
** equilibrium on one side only (the side of more) has a deviation that
** turns profitable at the change; try those of every equilibrium there. */
static void hunt_count(hunt *H, int count_a, int count_b)
{
    scan *S = H->S;
    eq_tree_opts o = S->an.opts;
    eq_tree_result *ra = NULL;
    double side = count_a > count_b ? H->a : H->b;
    if (S->nga > 0 || S->ngb > 0)
        return;     /* correlated stages: no list of equilibria */
    sig_at(S, side);
    o.all = 1;
    o.max_equilibria = 1000;
    if (S->probe->tree != NULL && eq_tree_solve(S->probe->tree, &o, &ra) == EQ_OK) {
        const eq_tree *ts = S->probe->tree;
        for (int e = 0; e < ra->count && !H->found; e++) {
            memcpy(S->s2, ra->beh + (size_t)e * (size_t)ra->tot,
                   (size_t)ra->tot * sizeof *S->s2);
            for (int h = 0; h < ts->niset; h++)
                for (int x = 0; x < ts->iset[h].nact; x++) {
                    if (S->s2[ra->off[h] + x] > 1e-9)
                        continue;
                    H->c.c.type = EQI_COND_GAIN;
                    H->c.c.h = h;
                    H->c.c.b = x;
                    H->c.c.sigma = S->s2;
                    H->c.c.g = NULL;
                    H->c.c.ng = 0;
                    H->c.resolve = 0;
                    hunt_try(H, 1e-3 * H->range);
                }
        }
    }
    eq_tree_result_free(ra);
}

/* Whether profile beh mixes at a set outside the stages g[0 .. ng). */
static int mixes(const scan *S, const double *beh, const eqi_stage *g, int ng)
{
    const eq_tree *t = S->probe->tree;
    if (beh == NULL || t == NULL)
        return 0;
    for (int h = 0; h < t->niset; h++) {
        int nsup = 0;
        for (int a = 0; a < t->iset[h].nact; a++)
            nsup += beh[S->off[h] + a] > 0.0;
        if (nsup > 1 && eqi_stage_of_set(g, ng, h) < 0)
            return 1;
    }
    return 0;
}

/* The value of the change into rec: the root found, rounded and made
** exact where possible, else bisection of [a, b] (signature sa) down to
** adjacent doubles -- exact when only chance supports change. */
static void place_value(hunt *H, bk *rec, uint64_t sa, int chance_only)
{
    scan *S = H->S;
    if (H->found) {
        double root = H->root, range = H->range;
        double err = ROUND_REL * fmax(fabs(root), 1e-9 * range);
        rec->value = eqi_round_within(root, err);
        rec->err = err;
        if (H->best.c.type == EQI_COND_SCORE)
            rec->flags |= EQ_BREAK_SELECTION;
        if (!H->plateau) {
            /* Flat at 0 on either side of the root: a plateau inside the
            ** bracket, where Brent may have landed anywhere. */
            int ok = 1;
            double d = FRACTION_REL * fmax(fabs(root), 1.0), f1 = 1.0, f2 = 1.0;
            if (root - d >= S->lo)
                f1 = cond_eval(&H->best, root - d, &ok);
            if (root + d <= S->hi)
                f2 = cond_eval(&H->best, root + d, &ok);
            H->plateau = !ok || f1 == 0.0 || f2 == 0.0;
        }
        if (H->best.resolve) {
            /* The stages as solved at the root, for the exact check. */
            int ok = 1;
            cond_eval(&H->best, root, &ok);
            if (!ok)
                H->best.c.ng = 0;
        }
        H->best.c.verify_mix = mixes(S, H->best.c.sigma, H->best.c.g, H->best.c.ng) ||
                               (H->best.c.type == EQI_COND_SCORE &&
                                mixes(S, H->best.c.sigma2, H->best.c.g2, H->best.c.ng2));
        /* Not at the edge of a plateau: an exact zero there is no root. */
        if (!H->plateau &&
            eqi_exact_root(S->B->m, S->v, S->k, root, FRACTION_REL * fmax(fabs(root), 1.0),
                           FRACTION_MAXDEN, &H->best.c, S->off, &rec->value,
                           &rec->frac) == 1) {
            rec->flags |= EQ_BREAK_EXACT;
            rec->err = 0.0;
        } else if (H->best.resolve) {
            /* Located on the solver's outcome (the stages' linear
            ** programs at each step), not verified: flagged so. */
            rec->flags |= EQ_BREAK_BISECTION;
        }
    } else {
        /* Bisect to adjacent doubles: on the instantiated chance supports
        ** when only they change (exact), else on the solver's outcome. */
        double a = H->a, b = H->b;
        bisect_to(S, &a, sa, &b, 200);
        rec->value = eqi_round_between(a, b);
        rec->err = b - a;
        if (chance_only)
            rec->flags |= EQ_BREAK_CHANCE;
        else
            rec->flags |= EQ_BREAK_BISECTION;
        if (chance_only)
            say(&rec->what, "a chance move's probability reaches 0");
    }
}

/* Complete rec at its value (text, bound and point flags, the outcome
** there) and add it to the scan's breaks; -1 for lack of memory (rec's
** allocations are then the caller's to free). */
static int record_break(scan *S, bk *rec, uint64_t sa, uint64_t sb)
{
    uint64_t sat;
    eqi_format_double(rec->value, rec->text, sizeof rec->text);
    if (rec->value - S->lo <= rec->err || S->hi - rec->value <= rec->err)
        rec->flags |= EQ_BREAK_BOUND;
    /* The outcome at the value itself. */
    sat = sig_at(S, rec->value);
    if (sat != sa && sat != sb)
        rec->flags |= EQ_BREAK_POINT;
    if ((rec->at = keep_probe(S)) == NULL)
        return -1;
    if (rec->what == NULL)
        say(&rec->what, "the outcome changes");
    if (rec->what == NULL || add_break(S, rec) != 0)
        return -1;
    return 0;
}

/*
** Locate the change between a (signature sa) and b (sb), already
** bracketed to BISECT_REL, and record it.  S->probe holds no particular
** state on entry.
*/
static int locate(scan *S, double a, uint64_t sa, double b, uint64_t sb)
{
    const eq_tree *t;
    bk rec;
    hunt H;
    int have_a, have_b, nsets = 0, chance_only;
    int count_a, count_b;

    memset(&rec, 0, sizeof rec);
    memset(&H, 0, sizeof H);
    trees_forget(S);
    /* The profiles on either side. */
    sig_at(S, a);
    have_a = take_profile(S, S->sa, &S->ga, &S->nga) == 0;
    count_a = S->probe->count;
    sig_at(S, b);
    have_b = take_profile(S, S->sb, &S->gb, &S->ngb) == 0;
    count_b = S->probe->count;
    S->stage_dep = stages_depend(S, a, b);
    if (S->fail != EQ_OK)
        goto nomem;
    t = S->probe->tree;
    H.S = S;
    H.a = a;
    H.b = b;
    H.mid = 0.5 * (a + b);
    H.range = S->hi - S->lo;
    H.root = NAN;
    H.bestd = HUGE_VAL;
    H.c.S = S;
    chance_only = have_a && have_b && count_a == count_b;
    if (have_a && have_b) {
        for (int h = 0; h < t->niset; h++) {
            if (!differs(t, S->off, S->sa, S->sb, h))
                continue;
            chance_only = 0;
            nsets++;
            if (hunt_set(&H, &rec, t, h) != 0)
                goto nomem;
            /* A hunt may solve the probe elsewhere (hunt_stage's widened
            ** end); where the model cannot be built there, the probe's
            ** tree is gone: take b's again, whose structure is t's. */
            if (S->probe->tree != t) {
                sig_at(S, b);
                if (S->fail != EQ_OK)
                    goto nomem;
                if ((t = S->probe->tree) == NULL)
                    break;
            }
        }
    } else {
        say(&rec.what, "%s -> %s", have_a ? "solved" : "fails", have_b ? "solved" : "fails");
        chance_only = 0;
    }
    if (count_a != count_b) {
        say(&rec.what, "equilibria %d -> %d", count_a, count_b);
        rec.flags |= EQ_BREAK_COUNT;
        if (!H.found && have_a && have_b)
            hunt_count(&H, count_a, count_b);
    }
    if (H.found && fabs(H.root - H.mid) > 1e-3 * H.range)
        H.found = 0;      /* a root of another change */
    rec.flags |= nsets > 0 ? EQ_BREAK_PROFILE : 0;
    place_value(&H, &rec, sa, chance_only);
    eqi_stagesw_free(H.sw);
    H.sw = NULL;
    if (record_break(S, &rec, sa, sb) != 0)
        goto nomem;
    return 0;
nomem:
    eqi_stagesw_free(H.sw);
    free(rec.what);
    free(rec.frac);
    eq_point_free(rec.at);
    S->fail = EQ_ERR_NOMEM;
    return -1;
}

/* Every change between a (sa) and b (sb): bisect to the first, locate it,
** and look again beyond it. */
static int changes(scan *S, double a, uint64_t sa, double b, uint64_t sb)
{
    double w = BISECT_REL * (S->hi - S->lo);
    for (int guard = 0; guard < 1000 && sa != sb; guard++) {
        double lo = a, hi = b;
        uint64_t shi = sb;
        while (hi - lo > w) {
            double m = 0.5 * (lo + hi);
            uint64_t sm;
            if (!(m > lo && m < hi))
                break;
            sm = sig_at(S, m);
            if (sm == sa) {
                lo = m;
            } else {
                hi = m;
                shi = sm;
            }
        }
        if (locate(S, lo, sa, hi, shi) != 0)
            return -1;
        if (shi == sb)
            return 0;
        /* Another change lies between hi and b. */
        a = hi;
        sa = shi;
    }
    return 0;
}

/* Merge breakpoints closer than their error bounds (a tie at a point
** shows as a change on each side of it). */
static void merge(eq_breaks *B)
{
    int w = 0;
    for (int i = 0; i < B->nb; i++) {
        if (w > 0) {
            bk *p = &B->b[w - 1], *q = &B->b[i];
            double tol = fmax(fmax(p->err, q->err), 4 * DBL_EPSILON * fabs(q->value));
            if (fabs(q->value - p->value) <= tol) {
                char *what = NULL;
                say(&what, "%s", p->what);
                say(&what, "%s", q->what);
                if (what != NULL) {
                    free(p->what);
                    p->what = what;
                }
                p->flags |= q->flags | EQ_BREAK_POINT;
                if (q->flags & EQ_BREAK_EXACT && !(p->flags & EQ_BREAK_EXACT)) {
                    free(p->frac);
                    p->frac = q->frac;
                    q->frac = NULL;
                    p->value = q->value;
                    memcpy(p->text, q->text, sizeof p->text);
                }
                free(q->what);
                free(q->frac);
                eq_point_free(q->at);
                continue;
            }
        }
        B->b[w++] = B->b[i];
    }
    B->nb = w;
}

/* ---- the whole scan -------------------------------------------------- */

/* A scan's buffers and list; the struct itself is the caller's. */
static void scan_release(scan *S)
{
    eq_point_free(S->probe);
    eq_tree_free(S->te);
    for (int i = 0; i < TREE_CACHE; i++)
        eq_tree_free(S->ct[i]);
    eqi_prof_free(&S->prof);
    free(S->v);
    free(S->sa);
    free(S->sb);
    free(S->s2);
    if (!S->worker)
        free(S->off);
    stages_free(&S->ga, &S->nga);
    stages_free(&S->gb, &S->ngb);
    stages_free(&S->gx, &S->ngx);
    bks_free(S->b, S->nb);
}

/*
** The grid is scanned on the analysis' threads (ordered.c), in two passes:
** the signature at each grid point, then the changes inside each interval
** whose ends differ.  Each interval is worked on alone by one thread's
** copy of the scan, and its changes reach the list in interval order, so
** the result is the same for every number of threads.
*/
typedef struct par {
    scan *S;                /* the prototype (settings, offsets) */
    int G;
    uint64_t *sig;          /* G + 1 signatures */
    int *iv, niv;           /* the intervals whose ends differ */
    eq_status fail;
} par;

/* A pass-two slot: the changes of one interval. */
typedef struct pslot {
    uint64_t sig;
    bk *b;
    int nb;
    eq_status fail;
} pslot;

static double grid_x(const scan *S, int G, int j)
{
    return j == G ? S->hi : S->lo + (S->hi - S->lo) * (double)j / (double)G;
}

static void *par_worker_new(void *ctx)
{
    const scan *P = ((par *)ctx)->S;
    const eq_analysis *a = &P->an;
    size_t tot = (size_t)P->tot + 1;
    scan *W = calloc(1, sizeof *W);
    if (W == NULL)
        return NULL;
    W->an = P->an;
    W->B = P->B;
    W->k = P->k;
    W->lo = P->lo;
    W->hi = P->hi;
    W->tot = P->tot;
    W->off = P->off;
    W->worker = 1;
    W->v = malloc(((size_t)a->np + 1) * sizeof *W->v);
    W->sa = malloc(tot * sizeof *W->sa);
    W->sb = malloc(tot * sizeof *W->sb);
    W->s2 = malloc(tot * sizeof *W->s2);
    if (W->v == NULL || W->sa == NULL || W->sb == NULL || W->s2 == NULL ||
        eq_point_new(&W->probe, P->B->m) != EQ_OK) {
        scan_release(W);
        free(W);
        return NULL;
    }
    memcpy(W->v, a->base, (size_t)a->np * sizeof *W->v);
    return W;
}

static void par_worker_free(void *ctx, void *w)
{
    (void)ctx;
    if (w != NULL)
        scan_release(w);
    free(w);
}

static void *pslot_new(void *ctx)
{
    (void)ctx;
    return calloc(1, sizeof(pslot));
}

static void pslot_free(void *ctx, void *slot)
{
    pslot *p = slot;
    (void)ctx;
    if (p != NULL)
        bks_free(p->b, p->nb);
    free(p);
}

/* Pass one: the signature at grid point idx. */
static void sig_work(void *ctx, void *w, void *slot, long long idx)
{
    par *P = ctx;
    scan *W = w;
    pslot *p = slot;
    if (W == NULL) {
        p->fail = EQ_ERR_NOMEM;
        return;
    }
    p->sig = sig_at(W, grid_x(W, P->G, (int)idx));
    p->fail = W->fail;
}

static int sig_emit(void *ctx, void *slot, long long idx)
{
    par *P = ctx;
    pslot *p = slot;
    P->sig[idx] = p->sig;
    if (p->fail != EQ_OK)
        P->fail = p->fail;
    p->fail = EQ_OK;
    return P->fail != EQ_OK;
}

/* Pass two: the changes inside interval iv[idx]. */
static void change_work(void *ctx, void *w, void *slot, long long idx)
{
    par *P = ctx;
    scan *W = w;
    pslot *p = slot;
    int j = P->iv[idx];
    if (W == NULL) {
        p->fail = EQ_ERR_NOMEM;
        return;
    }
    changes(W, grid_x(W, P->G, j), P->sig[j], grid_x(W, P->G, j + 1), P->sig[j + 1]);
    p->b = W->b;
    p->nb = W->nb;
    p->fail = W->fail;
    W->b = NULL;
    W->nb = W->capb = 0;
    W->fail = EQ_OK;
}

static int change_emit(void *ctx, void *slot, long long idx)
{
    par *P = ctx;
    pslot *p = slot;
    scan *S = P->S;
    (void)idx;
    if (p->fail != EQ_OK)
        P->fail = p->fail;
    for (int i = 0; i < p->nb && P->fail == EQ_OK; i++) {
        if (add_break(S, &p->b[i]) != 0) {
            P->fail = EQ_ERR_NOMEM;
            break;
        }
        memset(&p->b[i], 0, sizeof p->b[i]);  /* now S's */
    }
    bks_free(p->b, p->nb);
    p->b = NULL;
    p->nb = 0;
    p->fail = EQ_OK;
    return P->fail != EQ_OK;
}

static eq_status scan_grid(scan *S)
{
    par P;
    eqi_ordered o;
    eq_status s;
    char err[EQI_ERRMAX];
    memset(&P, 0, sizeof P);
    P.S = S;
    P.G = S->an.grid;
    P.sig = malloc(((size_t)P.G + 1) * sizeof *P.sig);
    P.iv = malloc(((size_t)P.G + 1) * sizeof *P.iv);
    if (P.sig == NULL || P.iv == NULL) {
        free(P.sig);
        free(P.iv);
        return EQ_ERR_NOMEM;
    }
    memset(&o, 0, sizeof o);
    o.threads = eqi_analysis_threads(&S->an);
    o.ctx = &P;
    o.worker_new = par_worker_new;
    o.worker_free = par_worker_free;
    o.slot_new = pslot_new;
    o.slot_free = pslot_free;
    o.i0 = 0;
    o.i1 = P.G + 1;
    o.work = sig_work;
    o.emit = sig_emit;
    s = eqi_ordered_run(&o, err);
    if (s == EQ_OK && P.fail == EQ_OK) {
        for (int j = 0; j < P.G; j++)
            if (P.sig[j] != P.sig[j + 1])
                P.iv[P.niv++] = j;
        o.i1 = P.niv;
        o.work = change_work;
        o.emit = change_emit;
        if (P.niv > 0)
            s = eqi_ordered_run(&o, err);
    }
    free(P.sig);
    free(P.iv);
    if (P.fail != EQ_OK)
        return P.fail;
    return s == EQ_ERR_STOPPED ? EQ_ERR_NOMEM : s;
}

static eq_status scan_interval(scan *S)
{
    eq_breaks *B = S->B;
    eq_status s = scan_grid(S);
    if (s != EQ_OK || S->fail != EQ_OK)
        return eqi_error(B->errmsg, EQ_ERR_NOMEM, "out of memory");
    /* The changes, in order, are now the result's. */
    B->b = S->b;
    B->nb = S->nb;
    B->capb = S->capb;
    S->b = NULL;
    S->nb = S->capb = 0;
    merge(B);
    /* Segments between the breakpoints, each measured at its middle. */
    B->ns = B->nb + 1;
    if ((B->s = calloc((size_t)B->ns, sizeof *B->s)) == NULL)
        return eqi_error(B->errmsg, EQ_ERR_NOMEM, "out of memory");
    for (int i = 0; i < B->ns; i++) {
        seg *g = &B->s[i];
        g->lo = i == 0 ? S->lo : B->b[i - 1].value;
        g->hi = i == B->nb ? S->hi : B->b[i].value;
        sig_at(S, 0.5 * (g->lo + g->hi));
        if ((g->pt = keep_probe(S)) == NULL)
            return eqi_error(B->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    return EQ_OK;
}

static eq_status scan_choices(scan *S)
{
    eq_breaks *B = S->B;
    int nc = eq_model_param_choices(B->m, S->k);
    B->ns = nc;
    if ((B->s = calloc((size_t)nc, sizeof *B->s)) == NULL)
        return eqi_error(B->errmsg, EQ_ERR_NOMEM, "out of memory");
    for (int c = 0; c < nc; c++) {
        seg *g = &B->s[c];
        g->lo = g->hi = c;
        sig_at(S, c);
        if ((g->pt = keep_probe(S)) == NULL)
            return eqi_error(B->errmsg, EQ_ERR_NOMEM, "out of memory");
    }
    return EQ_OK;
}

static eq_status breakpoints(const eq_analysis *a, const char *param, eq_breaks **out)
{
    eq_breaks *B;
    scan S;
    const char *rest;
    eq_status s = EQ_OK;
    int k;

    if (out == NULL)
        return EQ_ERR_ARG;
    *out = NULL;
    if ((B = calloc(1, sizeof *B)) == NULL)
        return EQ_ERR_NOMEM;
    *out = B;
    B->param = -1;
    if (a == NULL || param == NULL)
        return eqi_error(B->errmsg, EQ_ERR_ARG, "eq_model_breakpoints: NULL argument");
    B->m = a->m;
    if ((k = eqi_spec_param(a->m, param, &rest, B->errmsg)) < 0)
        return EQ_ERR_ARG;
    B->param = k;
    B->is_enum = eq_model_param_is_enum(a->m, k);
    memset(&S, 0, sizeof S);
    S.an = *a;
    S.B = B;
    S.k = k;
    if (B->is_enum) {
        if (rest != NULL)
            return eqi_error(B->errmsg, EQ_ERR_ARG, "'%.64s' is enumerated: give its name "
                             "alone, and each choice is solved", eq_model_param_name(a->m, k));
        B->lo = 0;
        B->hi = eq_model_param_choices(a->m, k) - 1;
    } else if (rest == NULL) {
        B->lo = eq_model_param_lo(a->m, k);
        B->hi = eq_model_param_hi(a->m, k);
    } else {
        /* LO:HI, checked through the model's own parser and domain. */
        const char *colon = strchr(rest, ':');
        char buf[320];
        double *tmp;
        eq_diag d;
        if (colon == NULL || strchr(colon + 1, ':') != NULL)
            return eqi_error(B->errmsg, EQ_ERR_ARG, "expected %s=LO:HI, not '%.64s'",
                             eq_model_param_name(a->m, k), param);
        if ((tmp = malloc(((size_t)a->np + 1) * sizeof *tmp)) == NULL)
            return eqi_error(B->errmsg, EQ_ERR_NOMEM, "out of memory");
        memcpy(tmp, a->base, (size_t)a->np * sizeof *tmp);
        snprintf(buf, sizeof buf, "%s=%.*s", eq_model_param_name(a->m, k),
                 (int)(colon - rest), rest);
        s = eq_model_set_param(a->m, tmp, buf, &d);
        B->lo = tmp[k];
        if (s == EQ_OK) {
            snprintf(buf, sizeof buf, "%s=%s", eq_model_param_name(a->m, k), colon + 1);
            s = eq_model_set_param(a->m, tmp, buf, &d);
            B->hi = tmp[k];
        }
        free(tmp);
        if (s != EQ_OK)
            return eqi_error(B->errmsg, s, "%s", d.message);
        if (!(B->lo < B->hi))
            return eqi_error(B->errmsg, EQ_ERR_ARG, "LO must be below HI in '%.64s'", param);
    }
    S.lo = B->lo;
    S.hi = B->hi;
    /* The baseline, with clamps measured. */
    S.an.measures = a->measures | EQ_MEASURE_CLAMPS;
    if (eq_point_new(&B->base, a->m) != EQ_OK || eq_point_new(&S.probe, a->m) != EQ_OK ||
        (S.v = malloc(((size_t)a->np + 1) * sizeof *S.v)) == NULL) {
        s = eqi_error(B->errmsg, EQ_ERR_NOMEM, "out of memory");
        goto done;
    }
    memcpy(S.v, a->base, (size_t)a->np * sizeof *S.v);
    if ((s = eq_point_solve(B->base, &S.an, a->base)) != EQ_OK) {
        eqi_error(B->errmsg, s, "at the base values: %s", B->base->errmsg);
        goto done;
    }
    S.an.measures = a->measures & EQ_MEASURE_COUNT;
    if (B->base->res != NULL) {
        S.tot = B->base->res->tot;
        S.sa = malloc(((size_t)S.tot + 1) * sizeof *S.sa);
        S.sb = malloc(((size_t)S.tot + 1) * sizeof *S.sb);
        S.s2 = malloc(((size_t)S.tot + 1) * sizeof *S.s2);
        S.off = malloc(((size_t)B->base->res->niset + 1) * sizeof *S.off);
        if (S.sa == NULL || S.sb == NULL || S.s2 == NULL || S.off == NULL) {
            s = eqi_error(B->errmsg, EQ_ERR_NOMEM, "out of memory");
            goto done;
        }
        memcpy(S.off, B->base->res->off, ((size_t)B->base->res->niset + 1) * sizeof *S.off);
    }
    s = B->is_enum ? scan_choices(&S) : scan_interval(&S);
done:
    scan_release(&S);
    return s;
}

/* ---- accessors ------------------------------------------------------- */

void eq_breaks_free(eq_breaks *b)
{
    if (b == NULL)
        return;
    for (int i = 0; i < b->nb; i++) {
        free(b->b[i].what);
        free(b->b[i].frac);
        eq_point_free(b->b[i].at);
    }
    free(b->b);
    for (int i = 0; i < b->ns; i++)
        eq_point_free(b->s[i].pt);
    free(b->s);
    eq_point_free(b->base);
    free(b);
}

#define BK(b, i) ((b) != NULL && (i) >= 0 && (i) < (b)->nb)
#define SG(b, s) ((b) != NULL && (s) >= 0 && (s) < (b)->ns)

const char *eq_breaks_errmsg(const eq_breaks *b) { return b ? b->errmsg : ""; }
int eq_breaks_param(const eq_breaks *b) { return b ? b->param : -1; }
double eq_breaks_lo(const eq_breaks *b) { return b ? b->lo : NAN; }
double eq_breaks_hi(const eq_breaks *b) { return b ? b->hi : NAN; }
const eq_point *eq_breaks_baseline(const eq_breaks *b) { return b ? b->base : NULL; }
int eq_breaks_count(const eq_breaks *b) { return b ? b->nb : 0; }
double eq_breaks_value(const eq_breaks *b, int i) { return BK(b, i) ? b->b[i].value : NAN; }
const char *eq_breaks_text(const eq_breaks *b, int i) { return BK(b, i) ? b->b[i].text : NULL; }
const char *eq_breaks_fraction(const eq_breaks *b, int i) { return BK(b, i) ? b->b[i].frac : NULL; }
double eq_breaks_error(const eq_breaks *b, int i) { return BK(b, i) ? b->b[i].err : NAN; }
unsigned eq_breaks_flags(const eq_breaks *b, int i) { return BK(b, i) ? b->b[i].flags : 0u; }
const char *eq_breaks_what(const eq_breaks *b, int i) { return BK(b, i) ? b->b[i].what : NULL; }
const eq_point *eq_breaks_at(const eq_breaks *b, int i) { return BK(b, i) ? b->b[i].at : NULL; }
int eq_breaks_segments(const eq_breaks *b) { return b ? b->ns : 0; }
double eq_breaks_segment_lo(const eq_breaks *b, int s) { return SG(b, s) ? b->s[s].lo : NAN; }
double eq_breaks_segment_hi(const eq_breaks *b, int s) { return SG(b, s) ? b->s[s].hi : NAN; }
const eq_point *eq_breaks_segment(const eq_breaks *b, int s) { return SG(b, s) ? b->s[s].pt : NULL; }

/* The breakpoints, with GMP's failures (gmpmem.c) reported as lack of
** memory: the exact ones are computed in rationals. */
eq_status eq_model_breakpoints(const eq_analysis *a, const char *param, eq_breaks **out)
{
    unsigned long gmp = eqi_gmp_mark();
    eq_status s = breakpoints(a, param, out);
    if (s == EQ_OK && eqi_gmp_failed(gmp))
        s = eqi_error((*out)->errmsg, EQ_ERR_NOMEM, "out of memory");
    return s;
}
