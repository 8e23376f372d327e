/*
** exact.c -- exact rational evaluation for breakpoints: a model's
** expressions evaluated in GMP rationals, a tree's payoffs and
** probabilities instantiated so, and the conditions of breakpoints.c
** (a mover's gain, a difference of selection scores) evaluated exactly on
** them.  A breakpoint is verified when its condition is exactly zero at a
** candidate fraction.
**
** What "exact" means here.  Numbers in a model are decimals written in
** its text; a double there stands for its shortest decimal reading (0.7
** is 7/10), and so does every parameter value given as a double.  The
** operations + - * / and comparisons, min, max, abs, if-then-else, and ^
** with an integer exponent keep rationals rational; exp, log, sqrt,
** normcdf and fractional powers do not, and an expression that meets one
** on its way (only the branches evaluated count) cannot be verified.
**
** That reading is the model's only where every constant was written as a
** decimal.  Constants are also made by folding (2 ^ 0.5, 1 / 3, 0.1 + 0.2
** in the compiler, expr.c; NUM op NUM in the expansion of templates,
** family.c) and by type grids (family_types.c): those fold or emit a
** number only when eqi_fold_exact (below) shows its decimal is the exact
** result, so 2 ^ 0.5 stays a power, declined here, and 1 / 3 a division,
** read as 1/3.  Beta masses likewise: with integer shapes a cell's mass
** is a fraction (the cdf is a polynomial), emitted as the division of
** its numerator by its denominator and read as that fraction; with other
** shapes (or a fraction too long for doubles) it is computed in doubles
** and emitted through EQI_OP_INEXACT, declined here like exp, since its
** decimal is a rational the mass is not.  That declines some roots that
** are rational after all (a symmetric grid's mean): never the reverse.
** breakpoints.c never asks for a root on a plateau of its condition (0 on
** a stretch), where an exact zero proves nothing about the edge.
**
** A correlated stage's own switch (eqi_stagesw, below): the stage's LP
** basis B, optimal on one side, is followed in rationals; the fraction is
** verified when the margin that crosses is exactly 0 there and B is still
** exactly optimal (every margin >= 0), so the fraction is the edge of B's
** optimality.  The reduced form's payoffs are then the tree's rational
** payoffs and chance probabilities summed along each profile's plays --
** of the stage's part of the tree when the stage is not the whole game,
** its nested subgames' roots paying their continuation values under the
** held profile (one side's, or when the nested play moves with the
** parameter the play solved at the root, whose distributions and
** mixtures are then checked as a gain's are), computed in rationals the
** same way.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sens.h"
#include "../expr.h"

/* Largest integer exponent of ^ evaluated exactly. */
#define POW_MAX 256

static int stagesw_q(eqi_stagesw *w, const eq_tree *t, mpq_t *pays, mpq_t *probs, mpq_t out);

int eqi_expr_eval_q(const eqi_code *c, const eqi_expr *e, mpq_t *vals,
                    const unsigned char *bad, mpq_t *st, mpq_t out)
{
    int pc = e->pc0, sp = 0;
    while (pc < e->pc1) {
        const eqi_instr *I = &c->ins[pc];
        switch (I->op) {
        case EQI_OP_CONST:
            eqi_decimal_rational(c->k[I->arg], st[sp++]);
            break;
        case EQI_OP_VAL:
            if (bad != NULL && bad[I->arg])
                return EQI_EXACT_IRRATIONAL;
            mpq_set(st[sp++], vals[I->arg]);
            break;
        case EQI_OP_NEG:
            mpq_neg(st[sp - 1], st[sp - 1]);
            break;
        case EQI_OP_NOT:
            mpq_set_ui(st[sp - 1], mpq_sgn(st[sp - 1]) == 0, 1);
            break;
        case EQI_OP_BOOL:
            mpq_set_ui(st[sp - 1], mpq_sgn(st[sp - 1]) != 0, 1);
            break;
        case EQI_OP_ABS:
            mpq_abs(st[sp - 1], st[sp - 1]);
            break;
        case EQI_OP_EXP:
        case EQI_OP_LOG:
        case EQI_OP_SQRT:
        case EQI_OP_NORMCDF:
        case EQI_OP_INEXACT:
            return EQI_EXACT_IRRATIONAL;
        case EQI_OP_JZ:
            sp--;       /* not inside mpq_sgn, a macro that reads twice */
            if (mpq_sgn(st[sp]) == 0) {
                pc = I->arg;
                continue;
            }
            break;
        case EQI_OP_JMP:
            pc = I->arg;
            continue;
        case EQI_OP_POW: {
            mpz_t num, den;
            long k;
            int neg;
            sp--;
            if (mpz_cmp_ui(mpq_denref(st[sp]), 1) != 0 || !mpz_fits_slong_p(mpq_numref(st[sp])))
                return EQI_EXACT_IRRATIONAL;
            k = mpz_get_si(mpq_numref(st[sp]));
            if (k > POW_MAX || k < -POW_MAX)
                return EQI_EXACT_IRRATIONAL;
            neg = k < 0;
            if (neg && mpq_sgn(st[sp - 1]) == 0)
                return EQI_EXACT_FAIL;
            mpz_init(num);
            mpz_init(den);
            mpz_pow_ui(num, mpq_numref(st[sp - 1]), (unsigned long)(neg ? -k : k));
            mpz_pow_ui(den, mpq_denref(st[sp - 1]), (unsigned long)(neg ? -k : k));
            if (neg)
                mpz_swap(num, den);
            mpq_set_num(st[sp - 1], num);
            mpq_set_den(st[sp - 1], den);
            mpq_canonicalize(st[sp - 1]);
            mpz_clear(num);
            mpz_clear(den);
            break;
        }
        default: {
            int cmp;
            sp--;
            switch (I->op) {
            case EQI_OP_ADD: mpq_add(st[sp - 1], st[sp - 1], st[sp]); break;
            case EQI_OP_SUB: mpq_sub(st[sp - 1], st[sp - 1], st[sp]); break;
            case EQI_OP_MUL: mpq_mul(st[sp - 1], st[sp - 1], st[sp]); break;
            case EQI_OP_DIV:
                if (mpq_sgn(st[sp]) == 0)
                    return EQI_EXACT_FAIL;
                mpq_div(st[sp - 1], st[sp - 1], st[sp]);
                break;
            case EQI_OP_MIN:
                if (mpq_cmp(st[sp], st[sp - 1]) < 0)
                    mpq_set(st[sp - 1], st[sp]);
                break;
            case EQI_OP_MAX:
                if (mpq_cmp(st[sp], st[sp - 1]) > 0)
                    mpq_set(st[sp - 1], st[sp]);
                break;
            default:
                cmp = mpq_cmp(st[sp - 1], st[sp]);
                switch (I->op) {
                case EQI_OP_EQ: cmp = cmp == 0; break;
                case EQI_OP_NE: cmp = cmp != 0; break;
                case EQI_OP_LT: cmp = cmp < 0; break;
                case EQI_OP_LE: cmp = cmp <= 0; break;
                case EQI_OP_GT: cmp = cmp > 0; break;
                case EQI_OP_GE: cmp = cmp >= 0; break;
                default: return EQI_EXACT_FAIL;
                }
                mpq_set_ui(st[sp - 1], (unsigned long)cmp, 1);
                break;
            }
            break;
        }
        }
        pc++;
    }
    mpq_set(out, st[0]);
    return 0;
}

/* The shortest decimal of v when it has at most 15 significant digits
** and |v| < 10^15: v = n / 10^k, n an integer, 0 <= k <= 15.  Such a
** decimal is the only one of at most 15 digits that rounds to v (two of
** them are further apart than a double's rounding interval is wide), so
** it is the shortest decimal eqi_decimal_rational reads.  1, or 0 when v
** has none (1/3, 2^0.5, 0.1 + 0.2). */
static int short_decimal(double v, double *n, int *k)
{
    double p = 1.0;
    for (int i = 0; i <= 15; i++, p *= 10.0) {
        double t = v * p;
        if (!(fabs(t) < 1e15))
            return 0;
        if (t == floor(t) && t / p == v) {
            *n = t;
            *k = i;
            return 1;
        }
    }
    return 0;
}

/* *out = a * b, or 0 when that overflows 64 bits. */
static int mul64(long long a, long long b, long long *out)
{
    if (a != 0 && (b > LLONG_MAX / (a < 0 ? -a : a) || b < -(LLONG_MAX / (a < 0 ? -a : a))))
        return 0;
    *out = a * b;
    return 1;
}

/* *out = n * 10^k, or 0 when that overflows. */
static int scale10(long long n, int k, long long *out)
{
    while (k-- > 0)
        if (!mul64(n, 10, &n))
            return 0;
    *out = n;
    return 1;
}

int eqi_fold_exact(int op, double a, double b, double r)
{
    double da, db, dr;
    long long na, nb, nr, x, y;
    int ka, kb, kr, k;
    switch (op) {
    case EQI_OP_EQ: case EQI_OP_NE: case EQI_OP_LT: case EQI_OP_LE:
    case EQI_OP_GT: case EQI_OP_GE: case EQI_OP_MIN: case EQI_OP_MAX:
        /* 0, 1 or an operand: shortest decimals order as their doubles. */
        return 1;
    default:
        break;
    }
    if (!isfinite(a) || !isfinite(b) || !isfinite(r))
        return 0;
    /* Integers below 2^53 (x + z of a template, the common case): a sum,
    ** difference or product below 2^53 is exact in doubles. */
    if ((op == EQI_OP_ADD || op == EQI_OP_SUB || op == EQI_OP_MUL) && a == floor(a) &&
        b == floor(b) && fabs(a) < 0x1p53 && fabs(b) < 0x1p53 && fabs(r) < 0x1p53)
        return 1;
    /* Else numbers of at most 15 digits, a / 10^ka op b / 10^kb = r /
    ** 10^kr checked in 64-bit integers; declining to fold (on overflow, a
    ** power, a longer number) is always safe. */
    if (!short_decimal(a, &da, &ka) || !short_decimal(b, &db, &kb) ||
        !short_decimal(r, &dr, &kr))
        return 0;
    na = (long long)da;
    nb = (long long)db;
    nr = (long long)dr;
    switch (op) {
    case EQI_OP_ADD:
    case EQI_OP_SUB:
        k = ka > kb ? ka : kb;
        k = k > kr ? k : kr;
        if (!scale10(na, k - ka, &na) || !scale10(nb, k - kb, &nb) || !scale10(nr, k - kr, &nr))
            return 0;
        if (op == EQI_OP_SUB) {
            if (nb == LLONG_MIN)
                return 0;
            nb = -nb;
        }
        if ((nb > 0 && na > LLONG_MAX - nb) || (nb < 0 && na < LLONG_MIN - nb))
            return 0;
        return na + nb == nr;
    case EQI_OP_MUL:
        /* na nb / 10^(ka + kb) = nr / 10^kr */
        if (!mul64(na, nb, &x))
            return 0;
        k = ka + kb > kr ? ka + kb : kr;
        return scale10(x, k - ka - kb, &x) && scale10(nr, k - kr, &y) && x == y;
    case EQI_OP_DIV:
        /* na 10^(kb + kr) = nr nb 10^ka */
        return nb != 0 && scale10(na, kb + kr, &x) && mul64(nr, nb, &y) &&
               scale10(y, ka, &y) && x == y;
    default:
        return 0;       /* a power: not folded unless of integers (above) */
    }
}

/* ---- a profile on a tree, exactly ------------------------------------- */

/* Probabilities of profiles and joint distributions within this of a
** fraction of denominator at most PROB_MAXDEN are read as that fraction
** (1/3 computed as 0.333...), others as their doubles' exact values. */
#define PROB_TOL 1e-12
#define PROB_MAXDEN 1000000ul

static void prob_q(double b, mpq_t out)
{
    mpq_t lo, hi;
    if (b == 0.0 || b == 1.0) {
        mpq_set_d(out, b);
        return;
    }
    mpq_inits(lo, hi, NULL);
    mpq_set_d(lo, b - PROB_TOL);
    mpq_set_d(hi, b + PROB_TOL);
    if (eqi_simplest_fraction(lo, hi, PROB_MAXDEN, out) != 0)
        mpq_set_d(out, b);
    mpq_clears(lo, hi, NULL);
}

/* Player p's value at node u of stage g's region under recommendation r,
** in rationals (stage_val of profile.c): into out. */
static void stage_val_q(const eq_tree *t, mpq_t *pays, mpq_t *probs, const int *sub,
                        mpq_t *val, const eqi_stage *g, int r, int u, int p, mpq_t out)
{
    const eqi_node *x = &t->node[u];
    if (u != g->root && sub[u] == u) {
        mpq_set(out, val[(size_t)u * (size_t)t->n + (size_t)p]);
        return;
    }
    if (x->kind == EQ_NODE_TERMINAL) {
        mpq_set(out, pays[x->pay0 + p]);
        return;
    }
    if (x->kind == EQ_NODE_CHANCE) {
        mpq_t c;
        mpq_init(c);
        mpq_set_ui(out, 0, 1);
        for (int a = 0; a < x->nchild; a++) {
            if (mpq_sgn(probs[x->prob0 + a]) == 0)
                continue;
            stage_val_q(t, pays, probs, sub, val, g, r, x->child0 + a, p, c);
            mpq_mul(c, c, probs[x->prob0 + a]);
            mpq_add(out, out, c);
        }
        mpq_clear(c);
        return;
    }
    for (int j = 0; j < g->nset; j++)
        if (g->set[j] == x->infoset) {
            int a = g->act[(size_t)r * (size_t)g->nset + (size_t)j];
            if (a < 0)
                mpq_set_ui(out, 0, 1);
            else
                stage_val_q(t, pays, probs, sub, val, g, r, x->child0 + a, p, out);
            return;
        }
    mpq_set(out, val[(size_t)u * (size_t)t->n + (size_t)p]);
}

/* The joint distributions of g[0 .. ng) read as fractions must sum to 1
** exactly; 0 if they do, -1 if not. */
static int stages_exact(const eqi_stage *g, int ng)
{
    int ok = 0;
    mpq_t s, q;
    mpq_inits(s, q, NULL);
    for (int i = 0; i < ng && ok == 0; i++) {
        mpq_set_ui(s, 0, 1);
        for (int r = 0; r < g[i].len; r++) {
            prob_q(g[i].prob[r], q);
            mpq_add(s, s, q);
        }
        if (mpq_cmp_ui(s, 1, 1) != 0)
            ok = -1;
    }
    mpq_clears(s, q, NULL);
    return ok;
}

/*
** The condition c of profile.c in rationals, on the tree t whose terminal
** payoffs are pays[pay0 + p] and chance probabilities probs[prob0 + a]
** (rationals in t's layout).  Profiles' probabilities are taken as the
** exact values of their doubles.  *out: the condition's value.  val (nnode
** x n), cr (nnode) and sub (nnode, innermost subgame roots) are scratch.
*/
static void prof_eval_q(const eq_tree *t, mpq_t *pays, mpq_t *probs, const double *beh,
                        const int *off, const int *sub, const eqi_stage *g, int ng,
                        mpq_t *val, mpq_t *cr, mpq_t tmp)
{
    int n = t->n;
    for (int v = t->nnode - 1; v >= 0; v--) {
        const eqi_node *x = &t->node[v];
        mpq_t *o = val + (size_t)v * (size_t)n;
        if (x->kind == EQ_NODE_TERMINAL) {
            for (int p = 0; p < n; p++)
                mpq_set(o[p], pays[x->pay0 + p]);
            continue;
        }
        for (int p = 0; p < n; p++)
            mpq_set_ui(o[p], 0, 1);
        for (int a = 0; a < x->nchild; a++) {
            const mpq_t *cv = (const mpq_t *)(val + (size_t)(x->child0 + a) * (size_t)n);
            double b = x->kind == EQ_NODE_CHANCE ? 1.0 : beh[off[x->infoset] + a];
            if (b == 0.0 || (x->kind == EQ_NODE_CHANCE && mpq_sgn(probs[x->prob0 + a]) == 0))
                continue;
            for (int p = 0; p < n; p++) {
                if (x->kind == EQ_NODE_CHANCE) {
                    mpq_mul(tmp, probs[x->prob0 + a], cv[p]);
                } else {
                    prob_q(b, tmp);
                    mpq_mul(tmp, tmp, cv[p]);
                }
                mpq_add(o[p], o[p], tmp);
            }
        }
        /* A stage's root: its joint distribution instead. */
        for (int i = 0; i < ng; i++) {
            mpq_t sv, q;
            if (g[i].root != v)
                continue;
            mpq_inits(sv, q, NULL);
            for (int p = 0; p < n; p++) {
                mpq_set_ui(o[p], 0, 1);
                for (int r = 0; r < g[i].len; r++) {
                    stage_val_q(t, pays, probs, sub, val, &g[i], r, v, p, sv);
                    prob_q(g[i].prob[r], q);
                    mpq_mul(sv, sv, q);
                    mpq_add(o[p], o[p], sv);
                }
            }
            mpq_clears(sv, q, NULL);
        }
    }
    for (int v = 0; v < t->nnode; v++) {
        int u = t->node[v].parent, a = t->node[v].move;
        if (sub[v] == v) {
            mpq_set_ui(cr[v], 1, 1);
            continue;
        }
        if (t->node[u].kind == EQ_NODE_CHANCE) {
            mpq_mul(cr[v], cr[u], probs[t->node[u].prob0 + a]);
        } else {
            prob_q(beh[off[t->node[u].infoset] + a], tmp);
            mpq_mul(cr[v], cr[u], tmp);
        }
    }
}

static void score_q(const eq_tree *t, mpq_t *val, int s, int player, mpq_t out)
{
    mpq_t *o = val + (size_t)s * (size_t)t->n;
    if (player >= 0) {
        mpq_set(out, o[player]);
        return;
    }
    mpq_set_ui(out, 0, 1);
    for (int p = 0; p < t->n; p++)
        mpq_add(out, out, o[p]);
}

/* The gain of the mover at set h from action b, exactly, from val and cr
** (prof_eval_q): into out; num, den scratch. */
static void gain_q(const eq_tree *t, mpq_t *val, mpq_t *cr, int h, int b, mpq_t out,
                   mpq_t num, mpq_t den, mpq_t tmp)
{
    const eqi_infoset *I = &t->iset[h];
    size_t n = (size_t)t->n;
    int i = I->player;
    mpq_set_ui(num, 0, 1);
    mpq_set_ui(den, 0, 1);
    /* sum_v w(v) [val_i(child_b(v)) - val_i(v)], w = creach / sum; the
    ** sign and zero do not need the division, but the value does. */
    for (int k = 0; k < I->nmem; k++)
        mpq_add(den, den, cr[I->members[k]]);
    for (int k = 0; k < I->nmem; k++) {
        int v = I->members[k];
        mpq_sub(tmp, val[(size_t)(t->node[v].child0 + b) * n + (size_t)i],
                val[(size_t)v * n + (size_t)i]);
        if (mpq_sgn(den) != 0)
            mpq_mul(tmp, tmp, cr[v]);
        mpq_add(num, num, tmp);
    }
    if (mpq_sgn(den) == 0)
        mpq_set_ui(den, (unsigned long)I->nmem, 1);
    mpq_div(out, num, den);
}

/* Whether every set below root (outside c's stages) where c->sigma mixes
** leaves its mover exactly indifferent among its support: 1 or 0. */
static int mix_holds(const eqi_cond *c, const eq_tree *t, const int *off, int root,
                     mpq_t *val, mpq_t *cr, mpq_t g, mpq_t num, mpq_t den, mpq_t tmp)
{
    for (int h = 0; h < t->niset; h++) {
        const eqi_infoset *I = &t->iset[h];
        int v = I->members[0], nsup = 0, in = 0;
        for (int u = v; u >= 0; u = t->node[u].parent)
            if (u == root)
                in = 1;
        if (!in || eqi_stage_of_set(c->g, c->ng, h) >= 0)
            continue;
        for (int a = 0; a < I->nact; a++)
            nsup += c->sigma[off[h] + a] > 0.0;
        if (nsup < 2)
            continue;
        for (int a = 0; a < I->nact; a++) {
            if (!(c->sigma[off[h] + a] > 0.0))
                continue;
            gain_q(t, val, cr, h, a, g, num, den, tmp);
            if (mpq_sgn(g) != 0)
                return 0;
        }
    }
    return 1;
}

int eqi_cond_eval_q(const eqi_cond *c, const eq_tree *t, mpq_t *pays, mpq_t *probs,
                    const int *off, const int *sub, mpq_t out)
{
    size_t nn = (size_t)t->nnode, n = (size_t)t->n;
    mpq_t *val = eqi_mpq_alloc(nn * n + 1), *cr = eqi_mpq_alloc(nn + 1);
    mpq_t tmp, num, den, eqv;
    int rc = 0;
    if (c->type == EQI_COND_STAGE) {
        eqi_mpq_free(val, val ? nn * n + 1 : 0);
        eqi_mpq_free(cr, cr ? nn + 1 : 0);
        return stagesw_q(c->sw, t, pays, probs, out);
    }
    if (val == NULL || cr == NULL) {
        eqi_mpq_free(val, val ? nn * n + 1 : 0);
        eqi_mpq_free(cr, cr ? nn + 1 : 0);
        return EQI_EXACT_FAIL;
    }
    mpq_inits(tmp, num, den, eqv, NULL);
    if (stages_exact(c->g, c->ng) != 0 || stages_exact(c->g2, c->ng2) != 0) {
        rc = EQI_EXACT_FAIL;
        goto done;
    }
    prof_eval_q(t, pays, probs, c->sigma, off, sub, c->g, c->ng, val, cr, tmp);
    if (c->type == EQI_COND_GAIN) {
        gain_q(t, val, cr, c->h, c->b, out, num, den, tmp);
        if (c->verify_mix && mpq_sgn(out) == 0 &&
            !mix_holds(c, t, off, sub[t->iset[c->h].members[0]], val, cr, eqv, num, den, tmp))
            mpq_set_ui(out, 1, 1);      /* not an equilibrium there */
    } else {
        score_q(t, val, c->s, c->player, eqv);
        if (c->verify_mix &&
            !mix_holds(c, t, off, c->s, val, cr, out, num, den, tmp)) {
            mpq_set_ui(out, 1, 1);
            goto done;
        }
        prof_eval_q(t, pays, probs, c->sigma2, off, sub, c->g2, c->ng2, val, cr, tmp);
        score_q(t, val, c->s, c->player, tmp);
        mpq_sub(out, eqv, tmp);
    }
done:
    mpq_clears(tmp, num, den, eqv, NULL);
    eqi_mpq_free(val, nn * n + 1);
    eqi_mpq_free(cr, nn + 1);
    return rc;
}

/* ---- a correlated stage's own switch ------------------------------------ */

struct eqi_stagesw {
    eq_tree_opts o;         /* the analysis's options: the stage's LP */
    eqi_ce_basis B;         /* optimal on the first side */
    int *J;                 /* the margins that change sign */
    int nJ;
    int root;               /* the stage's root in the tree */
    int whole;              /* the stage is the whole tree: its LP is the
                               tree's own */
    int moves;              /* a nested subgame's play moves with the
                               parameter: the caller holds the profile
                               solved at each point (eqi_stagesw_hold) */
    const double *sigma;    /* the held profile valuing the subgames nested */
    const eqi_stage *g;     /* ... below the stage, with its stages */
    int ng;
    const int *off;
    eqi_prof prof;          /* scratch: continuation values */
    int *map, *orig;        /* scratch: sets into the part, its nodes back */
};

void eqi_stagesw_free(eqi_stagesw *w)
{
    if (w == NULL)
        return;
    eqi_ce_basis_free(&w->B);
    eqi_prof_free(&w->prof);
    free(w->map);
    free(w->orig);
    free(w->J);
    free(w);
}

/* Whether a payoff or chance probability below node r differs between ta
** and tb (of one shape). */
static int below_differs(const eq_tree *ta, const eq_tree *tb, int r)
{
    for (int u = r; u < ta->nnode; u++) {
        const eqi_node *x = &ta->node[u], *y = &tb->node[u];
        int in = 0;
        for (int v = u; v >= 0 && !in; v = ta->node[v].parent)
            in = v == r;
        if (!in)
            continue;
        if (x->kind == EQ_NODE_TERMINAL) {
            for (int p = 0; p < ta->n; p++)
                if (ta->pays[x->pay0 + p] != tb->pays[y->pay0 + p])
                    return 1;
        } else if (x->kind == EQ_NODE_CHANCE) {
            for (int c = 0; c < x->nchild; c++)
                if (ta->probs[x->prob0 + c] != tb->probs[y->prob0 + c])
                    return 1;
        }
    }
    return 0;
}

/* Whether the held profile of w plays a subgame nested below w's stage
** (fitted to ta) by a mixture, or by a correlated stage of several
** recommendations whose numbers differ between ta and tb: its
** continuation value would then follow a mixture or a distribution that
** moves with the parameter, which holding it fixed misses. */
static int nested_moves(const eqi_stagesw *w, const eq_tree *ta, const eq_tree *tb)
{
    const int *sub = w->prof.sub;
    for (int v = w->root + 1; v < ta->nnode; v++) {
        const eqi_node *x = &ta->node[v];
        int in = 0, nsup = 0, i;
        if (sub[v] == w->root || x->kind != EQ_NODE_DECISION)
            continue;
        for (int u = v; u >= 0 && !in; u = ta->node[u].parent)
            in = u == w->root;
        if (!in)
            continue;
        if ((i = eqi_stage_of_set(w->g, w->ng, x->infoset)) >= 0) {
            if (w->g[i].len > 1 && below_differs(ta, tb, w->g[i].root))
                return 1;
            continue;
        }
        for (int a = 0; a < x->nchild; a++)
            nsup += w->sigma[w->off[x->infoset] + a] > 0.0;
        if (nsup > 1)
            return 1;
    }
    return 0;
}

/*
** The part of t that w's stage plays (as spe's build_part copies it): the
** nodes below the stage's root down to the terminals and to the roots of
** the subgames nested in it, which become terminals paying their
** continuation values cv (nnode x n, the held profile's).  Into *out,
** with w->orig[small node] = t's node.  EQ_OK or a failure.
*/
static eq_status stage_part(eqi_stagesw *w, const eq_tree *t, const double *cv,
                            eq_tree **out)
{
    eq_tree *st = NULL;
    int *q = malloc(((size_t)t->nnode + 1) * sizeof *q), head = 0, tail = 0;
    int *qs = malloc(((size_t)t->nnode + 1) * sizeof *qs);
    eq_status s = EQ_ERR_NOMEM;
    *out = NULL;
    if (q == NULL || qs == NULL || (s = eq_tree_new(&st, t->n)) != EQ_OK)
        goto done;
    for (int h = 0; h < t->niset; h++)
        w->map[h] = -1;
    q[tail] = w->root;
    qs[tail++] = 0;
    while (head < tail) {
        int v = q[head], sv = qs[head++];
        const eqi_node *x = &t->node[v];
        int added;
        if (v != w->root && w->prof.sub[v] == v)
            s = eq_tree_make_terminal(st, sv, cv + (size_t)v * (size_t)t->n);
        else
            s = eqi_tree_copy_node(st, sv, t, v, w->map, &added);
        if (s != EQ_OK)
            goto done;
        if (x->kind != EQ_NODE_TERMINAL && (v == w->root || w->prof.sub[v] != v))
            for (int a = 0; a < x->nchild; a++) {
                q[tail] = x->child0 + a;
                qs[tail++] = eq_tree_child(st, sv, a);
            }
    }
    for (int i = 0; i < tail; i++)
        w->orig[qs[i]] = q[i];
    s = eq_tree_finish(st);
done:
    free(q);
    free(qs);
    if (s == EQ_OK)
        *out = st;
    else
        eq_tree_free(st);
    return s;
}

/* Add w times the payoffs reached from node u under the plans act into
** acc (n rationals).  0, or -1 at a set the plans leave open. */
static int walk_q(const eq_tree *t, mpq_t *pays, mpq_t *probs, const int *act, int u,
                  const mpq_t w, mpq_t *acc, mpq_t tmp)
{
    const eqi_node *x = &t->node[u];
    if (x->kind == EQ_NODE_TERMINAL) {
        for (int p = 0; p < t->n; p++) {
            mpq_mul(tmp, w, pays[x->pay0 + p]);
            mpq_add(acc[p], acc[p], tmp);
        }
        return 0;
    }
    if (x->kind == EQ_NODE_CHANCE) {
        mpq_t w2;
        int rc = 0;
        mpq_init(w2);
        for (int c = 0; c < x->nchild && rc == 0; c++) {
            mpq_mul(w2, w, probs[x->prob0 + c]);
            if (mpq_sgn(w2) != 0)
                rc = walk_q(t, pays, probs, act, x->child0 + c, w2, acc, tmp);
        }
        mpq_clear(w2);
        return rc;
    }
    if (x->kind != EQ_NODE_DECISION || act[x->infoset] < 0)
        return -1;
    return walk_q(t, pays, probs, act, x->child0 + act[x->infoset], w, acc, tmp);
}

/* The payoffs of the reduced form g (plans pl) of t in rationals, from
** t's rational payoffs and probabilities, into uq (n x nprof).  0 or -1. */
static int reduced_q(const eq_tree *t, const eq_game *g, const eqi_plans *pl, mpq_t *pays,
                     mpq_t *probs, mpq_t *uq)
{
    int *act = malloc(((size_t)t->niset + 1) * sizeof *act), n = eq_game_players(g), rc = 0;
    size_t np = eq_game_profiles(g);
    mpq_t *acc = eqi_mpq_alloc((size_t)n), one, tmp;
    if (act == NULL || acc == NULL) {
        free(act);
        eqi_mpq_free(acc, acc ? (size_t)n : 0);
        return -1;
    }
    mpq_inits(one, tmp, NULL);
    mpq_set_ui(one, 1, 1);
    for (size_t s = 0; s < np && rc == 0; s++) {
        size_t rest = s;
        for (int h = 0; h < t->niset; h++)
            act[h] = -1;
        for (int p = n - 1; p >= 0; p--) {
            int k = eq_game_actions(g, p);
            eqi_plans_actions(pl, p, (int)(rest % (size_t)k), act);
            rest /= (size_t)k;
        }
        for (int p = 0; p < n; p++)
            mpq_set_ui(acc[p], 0, 1);
        rc = walk_q(t, pays, probs, act, 0, one, acc, tmp);
        for (int p = 0; p < n; p++)
            mpq_set(uq[(size_t)p * np + s], acc[p]);
    }
    mpq_clears(one, tmp, NULL);
    eqi_mpq_free(acc, (size_t)n);
    free(act);
    return rc;
}

/*
** The tree whose reduced form is w's stage LP on t: t itself for a whole
** stage, else the stage's part (stage_part, into *part) with the nested
** subgames' continuation values under the held profile -- in rationals
** from pays and probs when pays is not NULL: then *sp, *sq (st's payoffs
** and probabilities, *nsp and *nsq of them) are set too.  Into *lt.
** 0, 1 (not applicable), -1 (memory).
*/
static int stage_tree(eqi_stagesw *w, const eq_tree *t, mpq_t *pays, mpq_t *probs,
                      const eq_tree **lt, eq_tree **part, mpq_t **sp, size_t *nsp,
                      mpq_t **sq, size_t *nsq)
{
    size_t nn = (size_t)t->nnode, n = (size_t)t->n;
    mpq_t *val = NULL, *cr = NULL, tmp;
    const eq_tree *st;
    eq_status s;
    *lt = t;
    *part = NULL;
    *sp = *sq = NULL;
    *nsp = *nsq = 0;
    if (w->whole)
        return 0;
    if (eqi_prof_fit(&w->prof, t) != 0)
        return -1;
    if (pays == NULL) {
        eqi_prof_eval_stages(&w->prof, t, w->sigma, w->off, w->g, w->ng);
    } else {
        int holds = 1;
        if ((val = eqi_mpq_alloc(nn * n + 1)) == NULL || (cr = eqi_mpq_alloc(nn + 1)) == NULL) {
            eqi_mpq_free(val, val ? nn * n + 1 : 0);
            return -1;
        }
        mpq_init(tmp);
        prof_eval_q(t, pays, probs, w->sigma, w->off, w->prof.sub, w->g, w->ng, val, cr, tmp);
        if (w->moves) {
            /* The nested play as solved here, read as fractions: its
            ** distributions must sum to 1 and its mixtures leave their
            ** movers exactly indifferent (as for a gain's). */
            eqi_cond c;
            mpq_t g2, num, den;
            memset(&c, 0, sizeof c);
            c.sigma = w->sigma;
            c.g = w->g;
            c.ng = w->ng;
            mpq_inits(g2, num, den, NULL);
            holds = stages_exact(w->g, w->ng) == 0 &&
                    mix_holds(&c, t, w->off, w->root, val, cr, g2, num, den, tmp);
            mpq_clears(g2, num, den, NULL);
        }
        mpq_clear(tmp);
        if (!holds) {
            eqi_mpq_free(val, nn * n + 1);
            eqi_mpq_free(cr, nn + 1);
            return 1;
        }
        for (size_t i = 0; i < nn * n; i++)
            w->prof.val[i] = mpq_get_d(val[i]);
    }
    if ((s = stage_part(w, t, w->prof.val, part)) != EQ_OK) {
        eqi_mpq_free(val, val ? nn * n + 1 : 0);
        eqi_mpq_free(cr, cr ? nn + 1 : 0);
        return s == EQ_ERR_NOMEM ? -1 : 1;
    }
    *lt = st = *part;
    if (pays != NULL) {
        *nsp = (size_t)st->npays + 1;
        *nsq = (size_t)st->nprobs + 1;
        if ((*sp = eqi_mpq_alloc(*nsp)) != NULL && (*sq = eqi_mpq_alloc(*nsq)) != NULL)
            for (int u = 0; u < st->nnode; u++) {
                const eqi_node *x = &st->node[u], *y = &t->node[w->orig[u]];
                if (x->kind == EQ_NODE_TERMINAL)
                    for (size_t p = 0; p < n; p++)
                        mpq_set((*sp)[(size_t)x->pay0 + p],
                                y->kind == EQ_NODE_TERMINAL
                                    ? pays[(size_t)y->pay0 + p]
                                    : val[(size_t)w->orig[u] * n + p]);
                else if (x->kind == EQ_NODE_CHANCE)
                    for (int c = 0; c < x->nchild; c++)
                        mpq_set((*sq)[x->prob0 + c], probs[y->prob0 + c]);
            }
    }
    eqi_mpq_free(val, val ? nn * n + 1 : 0);
    eqi_mpq_free(cr, cr ? nn + 1 : 0);
    if (pays != NULL && (*sp == NULL || *sq == NULL))
        return -1;
    return 0;
}

/* The margins of w's basis on the stage LP of t: its payoffs read from
** pays and probs in rationals when pays is not NULL, else t's doubles read
** exactly.  Into *mg (*nmg rationals, eqi_mpq_free).  0, 1 (singular or
** not applicable), -1 (memory). */
static int margins_at(eqi_stagesw *w, const eq_tree *t, mpq_t *pays, mpq_t *probs,
                      mpq_t **mg, size_t *nmg)
{
    eq_game *g = NULL;
    eqi_plans pl;
    eq_solve_opts so;
    double *cobj = NULL;
    char err[EQI_ERRMAX];
    const eq_tree *lt;
    eq_tree *part = NULL;
    mpq_t *uq = NULL, *sp = NULL, *sq = NULL;
    size_t nu = 0, nsp = 0, nsq = 0;
    int rc;
    *mg = NULL;
    *nmg = 0;
    memset(&pl, 0, sizeof pl);
    if ((rc = stage_tree(w, t, pays, probs, &lt, &part, &sp, &nsp, &sq, &nsq)) != 0)
        goto done;
    if (part != NULL && pays != NULL) {
        pays = sp;
        probs = sq;
    }
    rc = 1;
    if (eqi_stage_lp(lt, &w->o, &g, &pl, &so, &cobj, err) != EQ_OK)
        goto done;
    if ((*nmg = eqi_ce_margins_len(g, &so, &w->B)) == 0)
        goto done;
    rc = -1;
    if ((*mg = eqi_mpq_alloc(*nmg)) == NULL)
        goto done;
    if (pays != NULL) {
        nu = (size_t)eq_game_players(g) * eq_game_profiles(g);
        if ((uq = eqi_mpq_alloc(nu)) == NULL)
            goto done;
        if (reduced_q(lt, g, &pl, pays, probs, uq) != 0) {
            rc = 1;
            goto done;
        }
    }
    rc = eqi_ce_margins(g, &so, cobj, uq, &w->B, *mg);
done:
    if (rc != 0) {
        eqi_mpq_free(*mg, *mg ? *nmg : 0);
        *mg = NULL;
    }
    eqi_mpq_free(uq, uq ? nu : 0);
    eqi_mpq_free(sp, sp ? nsp : 0);
    eqi_mpq_free(sq, sq ? nsq : 0);
    free(cobj);
    eqi_plans_free(&pl);
    eq_game_free(g);
    eq_tree_free(part);
    return rc;
}

void eqi_stagesw_hold(eqi_stagesw *w, const double *sigma, const eqi_stage *g, int ng)
{
    w->sigma = sigma;
    w->g = g;
    w->ng = ng;
}

int eqi_stagesw_moves(const eqi_stagesw *w)
{
    return w->moves;
}

int eqi_stagesw_new(eqi_stagesw **out, const eq_tree *ta, const eq_tree *tb,
                    const eq_tree_opts *o, const eqi_stage *g, int ng, int h,
                    const double *sigma, const int *off, const double *sigb,
                    const eqi_stage *gb, int ngb)
{
    eqi_stagesw *w;
    eq_game *ga = NULL;
    eqi_plans pl;
    eq_solve_opts so;
    double *cobj = NULL;
    char err[EQI_ERRMAX];
    const eq_tree *lt;
    eq_tree *part = NULL;
    mpq_t *ma = NULL, *mb = NULL, *sp, *sq;
    size_t na = 0, nb = 0, nsp, nsq;
    int rc = 1, i = eqi_stage_of_set(g, ng, h);
    *out = NULL;
    memset(&pl, 0, sizeof pl);
    if (i < 0 || ta->nnode != tb->nnode)
        return 1;
    if ((w = calloc(1, sizeof *w)) == NULL)
        return -1;
    w->o = *o;
    w->root = g[i].root;
    w->whole = w->root == 0;
    for (int s = 0; s < ta->nsub; s++)
        w->whole &= ta->subroot[s] == 0;
    w->sigma = sigma;
    w->g = g;
    w->ng = ng;
    w->off = off;
    w->map = malloc(((size_t)ta->niset + 1) * sizeof *w->map);
    w->orig = malloc(((size_t)ta->nnode + 1) * sizeof *w->orig);
    if (w->map == NULL || w->orig == NULL || eqi_prof_fit(&w->prof, ta) != 0) {
        rc = -1;
        goto done;
    }
    /* A nested subgame played by a mixture, or by a distribution whose
    ** numbers move: its value away from the side is not the held one's
    ** but that of the play solved there (sigb at tb). */
    w->moves = !w->whole && nested_moves(w, ta, tb);
    if (w->moves && sigb == NULL)
        goto done;
    if ((rc = stage_tree(w, ta, NULL, NULL, &lt, &part, &sp, &nsp, &sq, &nsq)) != 0)
        goto done;
    rc = 1;
    if (eqi_stage_lp(lt, o, &ga, &pl, &so, &cobj, err) != EQ_OK)
        goto done;
    if (eqi_ce_basis_solve(ga, &so, cobj, &w->B, err) != EQ_OK)
        goto done;
    if ((rc = margins_at(w, ta, NULL, NULL, &ma, &na)) != 0)
        goto done;
    if (w->moves)
        eqi_stagesw_hold(w, sigb, gb, ngb);
    rc = margins_at(w, tb, NULL, NULL, &mb, &nb);
    eqi_stagesw_hold(w, sigma, g, ng);
    if (rc != 0)
        goto done;
    rc = -1;
    if (na != nb || (w->J = malloc((na + 1) * sizeof *w->J)) == NULL)
        goto done;
    for (size_t j = 0; j < na; j++)
        if (mpq_sgn(ma[j]) > 0 && mpq_sgn(mb[j]) < 0)
            w->J[w->nJ++] = (int)j;
    rc = w->nJ > 0 ? 0 : 1;
done:
    eqi_mpq_free(ma, ma ? na : 0);
    eqi_mpq_free(mb, mb ? nb : 0);
    free(cobj);
    eqi_plans_free(&pl);
    eq_game_free(ga);
    eq_tree_free(part);
    if (rc == 0)
        *out = w;
    else
        eqi_stagesw_free(w);
    return rc;
}

double eqi_stagesw_eval(eqi_stagesw *w, const eq_tree *t, int *ok)
{
    mpq_t *mg;
    size_t n;
    double v = HUGE_VAL;
    if (margins_at(w, t, NULL, NULL, &mg, &n) != 0) {
        *ok = 0;
        return 0.0;
    }
    for (int j = 0; j < w->nJ; j++)
        v = fmin(v, mpq_get_d(mg[w->J[j]]));
    eqi_mpq_free(mg, n);
    return v;
}

/* The condition exactly: 0 into out when the smallest changing margin is
** exactly 0 and every margin >= 0 (the basis still optimal), else 1. */
static int stagesw_q(eqi_stagesw *w, const eq_tree *t, mpq_t *pays, mpq_t *probs, mpq_t out)
{
    mpq_t *mg;
    size_t n;
    int zero = 0, neg = 0, rc = margins_at(w, t, pays, probs, &mg, &n);
    if (rc != 0)
        return EQI_EXACT_FAIL;
    for (size_t i = 0; i < n; i++)
        neg |= mpq_sgn(mg[i]) < 0;
    for (int j = 0; j < w->nJ; j++)
        zero |= mpq_sgn(mg[w->J[j]]) == 0;
    mpq_set_ui(out, zero && !neg ? 0 : 1, 1);
    eqi_mpq_free(mg, n);
    return 0;
}

/* ---- candidate fractions ---------------------------------------------- */

int eqi_exact_root(const eq_model *m, const double *values, int k, double root,
                   double width, unsigned long maxden, const eqi_cond *c,
                   const int *off, double *value, char **frac)
{
    mpq_t lo, hi, q, z;
    int rc = -1;
    *frac = NULL;
    if (!isfinite(root) || !(width > 0.0))
        return -1;
    mpq_inits(lo, hi, q, z, NULL);
    mpq_set_d(lo, root - width);
    mpq_set_d(hi, root + width);
    if (eqi_simplest_fraction(lo, hi, maxden, q) == 0) {
        int e = eqi_model_cond_exact(m, values, k, q, c, off, z);
        if (e == 0) {
            rc = mpq_sgn(z) == 0;
            if (rc == 1) {
                *value = eqi_rational_nearest(q);
                if ((*frac = eqi_rational_str(q)) == NULL)
                    rc = -1;
            }
        }
    }
    mpq_clears(lo, hi, q, z, NULL);
    return rc;
}
