/*
** family_types.c -- "types" grids of the .game language: the lines
**
**     types NAME ~ DIST(args) on N points
**
** and the chance nodes "chance NAME -> TARGET" that draw from them, part
** of the expansion pass of family.c (see there).
**
** A grid declares lets NAME[0] .. NAME[N-1], the midpoints of N equal
** cells of the support [lo, hi], and the chance node draws one of them:
** move k with the distribution's mass on cell k, to TARGET with NAME
** standing for k.  DIST is
**   uniform(lo, hi)              mass 1/N;
**   triangular(lo, mode, hi)     F(b) - F(a), an expression of the model;
**   beta(p, q, lo, hi)           I_b'(p, q) - I_a'(p, q), computed here:
**                                a fraction for integer shapes, else
**                                a double the verifier declines (below);
**   normal(mu, sigma, lo, hi)    the normal truncated to [lo, hi]:
**                                (Phi(b') - Phi(a')) / (Phi(hi') - Phi(lo')),
**                                x' = (x - mu) / sigma, an expression of the
**                                model through normcdf.
** The arguments are expressions of the model (parameters allowed), except
** beta's shapes p and q: numbers written in the file (index expressions),
** since the cell masses are computed here, where parameters have no values
** yet.  The checks of an argument (sigma > 0, lo < hi, ...) are made here
** when it is a number written in the file; normal's, when an argument
** holds a parameter, at instantiation too (eqi_normal_check).
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <float.h>
#include <math.h>
#include <stdio.h>

#include "family.h"
#include "../sensitivity/sens.h"   /* eqi_beta_cdf, GMP */

/* The most points of a "types" grid. */
#define TYPES_MAX 10000

static const char *const dist_name[] = { "uniform", "triangular", "beta", "normal" };
static const int dist_nargs[] = { 2, 3, 4, 4 };

/* Emit the tokens [a, b) of expression argument r of types declaration ty,
** in parentheses. */
static eq_status emit_arg(xp *x, const typ *ty, int r)
{
    eq_status s;
    const eqi_loc *at = &x->in[ty->arg0[r]].at;
    if ((s = eqi_fx_emit_kind(x, EQI_TK_LPAREN, at)) != EQ_OK ||
        (s = eqi_fx_copy_range(x, ty->arg0[r], ty->arg1[r])) != EQ_OK)
        return s;
    return eqi_fx_emit_kind(x, EQI_TK_RPAREN, at);
}

/* The ratio a / b: a number when its double is exactly a decimal (1 / 4
** is 0.25), else the division "(a / b)", which evaluates to the same
** double and which breakpoints verify as the fraction it is (1/3, read
** from 0.3333333333333333, would not be). */
static eq_status emit_ratio(xp *x, double a, double b, const eqi_loc *at)
{
    eq_status s;
    if (eqi_fold_exact(EQI_OP_DIV, a, b, a / b))
        return eqi_fx_emit_num(x, a / b, at);
    if ((s = eqi_fx_emit_kind(x, EQI_TK_LPAREN, at)) != EQ_OK ||
        (s = eqi_fx_emit_num(x, a, at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_SLASH, at)) != EQ_OK ||
        (s = eqi_fx_emit_num(x, b, at)) != EQ_OK)
        return s;
    return eqi_fx_emit_kind(x, EQI_TK_RPAREN, at);
}

/* (lo + (j / n) * (hi - lo)): the point j/n of the support, j may be a
** half-integer. */
static eq_status emit_point(xp *x, const typ *ty, double j, const eqi_loc *at)
{
    int hi = ty->narg - 1;
    eq_status s;
    if ((s = eqi_fx_emit_kind(x, EQI_TK_LPAREN, at)) != EQ_OK ||
        (s = emit_arg(x, ty, ty->lo)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_PLUS, at)) != EQ_OK ||
        (s = emit_ratio(x, 2 * j, 2.0 * ty->n, at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_STAR, at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_LPAREN, at)) != EQ_OK ||
        (s = emit_arg(x, ty, hi)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_MINUS, at)) != EQ_OK ||
        (s = emit_arg(x, ty, ty->lo)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_RPAREN, at)) != EQ_OK)
        return s;
    return eqi_fx_emit_kind(x, EQI_TK_RPAREN, at);
}

/* The triangular cdf at point j/n: (if P <= a then 0 else if P >= b then 1
** else if P < m then (P-a)^2/((b-a)*(m-a)) else 1-(b-P)^2/((b-a)*(b-m))). */
static eq_status emit_tri_cdf(xp *x, const typ *ty, double j, const eqi_loc *at)
{
    eq_status s = EQ_OK;
#define E(k) if (s == EQ_OK) s = eqi_fx_emit_kind(x, k, at)
#define P() if (s == EQ_OK) s = emit_point(x, ty, j, at)
#define A(r) if (s == EQ_OK) s = emit_arg(x, ty, r)
#define N(v) if (s == EQ_OK) s = eqi_fx_emit_num(x, v, at)
    if (j <= 0)
        return eqi_fx_emit_num(x, 0, at);
    if (j >= ty->n)
        return eqi_fx_emit_num(x, 1, at);
    E(EQI_TK_LPAREN); E(EQI_TK_IF); P(); E(EQI_TK_LE); A(0); E(EQI_TK_THEN); N(0);
    E(EQI_TK_ELSE); E(EQI_TK_IF); P(); E(EQI_TK_GE); A(2); E(EQI_TK_THEN); N(1);
    E(EQI_TK_ELSE); E(EQI_TK_IF); P(); E(EQI_TK_LT); A(1); E(EQI_TK_THEN);
    E(EQI_TK_LPAREN); P(); E(EQI_TK_MINUS); A(0); E(EQI_TK_RPAREN); E(EQI_TK_CARET); N(2);
    E(EQI_TK_SLASH); E(EQI_TK_LPAREN); E(EQI_TK_LPAREN); A(2); E(EQI_TK_MINUS); A(0);
    E(EQI_TK_RPAREN); E(EQI_TK_STAR); E(EQI_TK_LPAREN); A(1); E(EQI_TK_MINUS); A(0);
    E(EQI_TK_RPAREN); E(EQI_TK_RPAREN);
    E(EQI_TK_ELSE); N(1); E(EQI_TK_MINUS);
    E(EQI_TK_LPAREN); A(2); E(EQI_TK_MINUS); P(); E(EQI_TK_RPAREN); E(EQI_TK_CARET); N(2);
    E(EQI_TK_SLASH); E(EQI_TK_LPAREN); E(EQI_TK_LPAREN); A(2); E(EQI_TK_MINUS); A(0);
    E(EQI_TK_RPAREN); E(EQI_TK_STAR); E(EQI_TK_LPAREN); A(2); E(EQI_TK_MINUS); A(1);
    E(EQI_TK_RPAREN); E(EQI_TK_RPAREN); E(EQI_TK_RPAREN);
#undef E
#undef P
#undef A
#undef N
    return s;
}

/* normcdf((u - v) / sigma): u is argument ru when ru >= 0, else the point
** ju/n; v likewise. */
static eq_status emit_phi(xp *x, const typ *ty, double ju, int ru, double jv, int rv,
                          const eqi_loc *at)
{
    eqi_tok *o;
    eq_status s;
    if ((s = eqi_fx_emit_text(x, EQI_TK_IDENT, "normcdf", 7, at, &o)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_LPAREN, at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_LPAREN, at)) != EQ_OK ||
        (s = ru >= 0 ? emit_arg(x, ty, ru) : emit_point(x, ty, ju, at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_MINUS, at)) != EQ_OK ||
        (s = rv >= 0 ? emit_arg(x, ty, rv) : emit_point(x, ty, jv, at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_RPAREN, at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_SLASH, at)) != EQ_OK ||
        (s = emit_arg(x, ty, 1)) != EQ_OK)
        return s;
    return eqi_fx_emit_kind(x, EQI_TK_RPAREN, at);
}

/* The normal(mu, sigma) mass of the cell [A, B] = [point j0, point j1]:
** (if M > mu then Phi((mu - A)/sigma) - Phi((mu - B)/sigma)
**  else Phi((B - mu)/sigma) - Phi((A - mu)/sigma)), M the cell's midpoint.
** The difference is taken in the tail the cell lies in (upper tails right
** of mu), where both terms are small: no cancellation against 1. */
static eq_status emit_norm_mass(xp *x, const typ *ty, double j0, double j1, const eqi_loc *at)
{
    eq_status s;
    if ((s = eqi_fx_emit_kind(x, EQI_TK_LPAREN, at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_IF, at)) != EQ_OK ||
        (s = emit_point(x, ty, (j0 + j1) / 2, at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_GT, at)) != EQ_OK ||
        (s = emit_arg(x, ty, 0)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_THEN, at)) != EQ_OK ||
        (s = emit_phi(x, ty, 0, 0, j0, -1, at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_MINUS, at)) != EQ_OK ||
        (s = emit_phi(x, ty, 0, 0, j1, -1, at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_ELSE, at)) != EQ_OK ||
        (s = emit_phi(x, ty, j1, -1, 0, 0, at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_MINUS, at)) != EQ_OK ||
        (s = emit_phi(x, ty, j0, -1, 0, 0, at)) != EQ_OK)
        return s;
    return eqi_fx_emit_kind(x, EQI_TK_RPAREN, at);
}

/*
** Beta masses.  With integer shapes the regularised incomplete beta is a
** polynomial, I_x(p, q) = sum_{j=p}^{m} C(m, j) x^j (1-x)^(m-j), m = p +
** q - 1, so at the cell edges x = k/n (the edges below) n^m I_{k/n} is
** the integer sum_{j=p}^{m} C(m, j) k^j (n-k)^(m-j), and a cell's mass a
** fraction.  Reduced, it is emitted as "(a / b)" (emit_ratio) when a and
** b are integers of at most 53 bits: the double is the fraction correctly
** rounded, and the verifier reads the fraction itself.  Otherwise (shapes
** not integers, whose masses are irrational in general, or a fraction
** too long for doubles) the mass is computed in doubles and emitted as
** "#inexact(w)", which evaluates to w and which the verifier declines
** (expr.h), never reading w's decimal as the mass.
*/

/* The largest p + q - 1, and of log2 of n^(p+q-1), tried exactly: beyond,
** a reduced fraction of 53-bit parts is improbable and the big integers
** cost time at every chance node that draws from the grid. */
#define BETA_EXACT_DEG 256
#define BETA_EXACT_BITS 256.0

/* n^m I_{k/n}(p, m + 1 - p) into out; t, u scratch. */
static void beta_cdf_z(mpz_t out, unsigned long p, unsigned long m, unsigned long k,
                       unsigned long n, mpz_t t, mpz_t u)
{
    mpz_set_ui(out, 0);
    for (unsigned long j = p; j <= m; j++) {
        mpz_bin_uiui(t, m, j);
        mpz_ui_pow_ui(u, k, j);
        mpz_mul(t, t, u);
        mpz_ui_pow_ui(u, n - k, m - j);
        mpz_mul(t, t, u);
        mpz_add(out, out, t);
    }
}

/* The exact mass of cell k of the beta grid ty as a / b, both integers
** below 2^53: 1, or 0 when the shapes are not integers or the fraction
** does not fit. */
static int beta_mass_exact(const typ *ty, int k, double *a, double *b)
{
    double m = ty->p + ty->q - 1.0;
    unsigned long pu, mu, ku = (unsigned long)k, nu = (unsigned long)ty->n;
    mpz_t hi, lo, t, u;
    mpq_t w;
    int ok;
    if (ty->p != floor(ty->p) || ty->q != floor(ty->q) || m > BETA_EXACT_DEG ||
        m * log2((double)ty->n) > BETA_EXACT_BITS)
        return 0;
    pu = (unsigned long)ty->p;
    mu = (unsigned long)m;
    mpz_inits(hi, lo, t, u, NULL);
    mpq_init(w);
    beta_cdf_z(hi, pu, mu, ku + 1, nu, t, u);
    beta_cdf_z(lo, pu, mu, ku, nu, t, u);
    mpz_sub(mpq_numref(w), hi, lo);
    mpz_ui_pow_ui(mpq_denref(w), nu, mu);
    mpq_canonicalize(w);
    ok = mpz_sgn(mpq_numref(w)) >= 0 && mpz_sizeinbase(mpq_numref(w), 2) <= 53 &&
         mpz_sizeinbase(mpq_denref(w), 2) <= 53;
    if (ok) {
        *a = mpz_get_d(mpq_numref(w));
        *b = mpz_get_d(mpq_denref(w));
    }
    mpq_clear(w);
    mpz_clears(hi, lo, t, u, NULL);
    return ok;
}

/* The mass of cell k of the beta grid ty, exactly or as "#inexact(w)". */
static eq_status emit_beta_mass(xp *x, const typ *ty, int k, const eqi_loc *at)
{
    double a, b, w;
    eqi_tok *o;
    eq_status s;
    if (ty->n == 1)
        return eqi_fx_emit_num(x, 1.0, at);     /* I_1 - I_0, any shapes */
    if (beta_mass_exact(ty, k, &a, &b))
        return emit_ratio(x, a, b, at);
    /* I_b - I_a; never below 0, which rounding in a far tail could give. */
    w = eqi_beta_cdf(ty->p, ty->q, (k + 1.0) / ty->n) -
        eqi_beta_cdf(ty->p, ty->q, (double)k / ty->n);
    if ((s = eqi_fx_emit_text(x, EQI_TK_IDENT, "#inexact", 8, at, &o)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_LPAREN, at)) != EQ_OK ||
        (s = eqi_fx_emit_num(x, w > 0.0 ? w : 0.0, at)) != EQ_OK)
        return s;
    return eqi_fx_emit_kind(x, EQI_TK_RPAREN, at);
}

/* The probability of cell k of ty. */
static eq_status emit_prob(xp *x, const typ *ty, int k, const eqi_loc *at)
{
    eq_status s;
    if (ty->dist == DIST_UNIFORM)
        return emit_ratio(x, 1.0, ty->n, at);
    if (ty->dist == DIST_BETA)
        return emit_beta_mass(x, ty, k, at);
    if (ty->dist == DIST_NORMAL) {
        /* The cell's mass over the support's: the truncated normal. */
        if ((s = eqi_fx_emit_kind(x, EQI_TK_LPAREN, at)) != EQ_OK ||
            (s = emit_norm_mass(x, ty, k, k + 1, at)) != EQ_OK ||
            (s = eqi_fx_emit_kind(x, EQI_TK_SLASH, at)) != EQ_OK ||
            (s = emit_norm_mass(x, ty, 0, ty->n, at)) != EQ_OK)
            return s;
        return eqi_fx_emit_kind(x, EQI_TK_RPAREN, at);
    }
    if ((s = eqi_fx_emit_kind(x, EQI_TK_LPAREN, at)) != EQ_OK ||
        (s = emit_tri_cdf(x, ty, k + 1, at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_MINUS, at)) != EQ_OK ||
        (s = emit_tri_cdf(x, ty, k, at)) != EQ_OK)
        return s;
    return eqi_fx_emit_kind(x, EQI_TK_RPAREN, at);
}

/* "chance NAME -> TARGET" at i (NAME a types declaration): the moves.
** *i moves to the NL ending the line. */
eq_status eqi_fx_expand_chance(xp *x, int *i, int end)
{
    const eqi_tok *ct = &x->in[*i], *nt = &x->in[*i + 1];
    const typ *ty = &x->typ[find_typ(x, ttext(x, nt))];
    int t0 = *i + 3, t1 = line_end(x, t0, end);
    eq_status s;

    if ((s = eqi_fx_emit_kind(x, EQI_TK_CHANCE, &ct->at)) != EQ_OK ||
        (s = eqi_fx_emit_kind(x, EQI_TK_NL, &ct->at)) != EQ_OK)
        return s;
    if (x->nenv >= (int)(sizeof x->env / sizeof x->env[0]))
        return eqi_fx_fail(x, &nt->at, "templates nested too deeply");
    for (int k = 0; k < ty->n; k++) {
        char lab[96];
        eqi_tok *o;
        int n = snprintf(lab, sizeof lab, "%s[%d]", ttext(x, nt), k);
        if ((s = eqi_fx_emit_text(x, EQI_TK_STRING, lab, (size_t)n, &nt->at, &o)) != EQ_OK ||
            (s = eqi_fx_emit_kind(x, EQI_TK_LPAREN, &nt->at)) != EQ_OK ||
            (s = emit_prob(x, ty, k, &nt->at)) != EQ_OK ||
            (s = eqi_fx_emit_kind(x, EQI_TK_RPAREN, &nt->at)) != EQ_OK ||
            (s = eqi_fx_emit_kind(x, EQI_TK_ARROW, &x->in[*i + 2].at)) != EQ_OK)
            return s;
        x->env[x->nenv].name = nt->text;
        x->env[x->nenv++].v = k;
        s = eqi_fx_copy_range(x, t0, t1);
        x->nenv--;
        if (s != EQ_OK)
            return s;
        if (k + 1 < ty->n && (s = eqi_fx_emit_kind(x, EQI_TK_NL, &nt->at)) != EQ_OK)
            return s;
    }
    *i = t1;
    return EQ_OK;
}

/* Whether the argument r of ty is a number written in the file: no name in
** it but the indices in scope. */
static int arg_is_constant(const xp *x, const typ *ty, int r)
{
    for (int j = ty->arg0[r]; j < ty->arg1[r]; j++)
        if (x->in[j].kind == EQI_TK_IDENT && find_bind(x, ttext(x, &x->in[j])) == NULL)
            return 0;
    return 1;
}

/* The value of argument r of ty, a constant (arg_is_constant). */
static eq_status arg_value(xp *x, const typ *ty, int r, double *v)
{
    int j = ty->arg0[r];
    eq_status s;
    if ((s = eqi_fx_ix_sum(x, &j, ty->arg1[r], v, 0)) != EQ_OK)
        return s;
    if (j != ty->arg1[r])
        return eqi_fx_fail(x, &x->in[j].at, "unexpected token in the argument of %s",
                           dist_name[ty->dist]);
    return EQ_OK;
}

/* beta(p, q, lo, hi): the shapes p, q > 0, numbers written in the file,
** and lo < hi when both are numbers.  (With a parameter in lo or hi the
** masses still hold; the points then follow the parameters.) */
static eq_status beta_args(xp *x, typ *ty)
{
    static const char *const pname[2] = { "p", "q" };
    double v[2];
    eq_status s;
    for (int r = 0; r < 2; r++) {
        const eqi_loc *at = &x->in[ty->arg0[r]].at;
        if (!arg_is_constant(x, ty, r))
            return eqi_fx_fail(x, at, "beta's shape %s must be a number written in the file "
                               "(parameters have no value when a types grid is "
                               "expanded)", pname[r]);
        if ((s = arg_value(x, ty, r, &v[r])) != EQ_OK)
            return s;
        if (!(v[r] > 0.0) || !isfinite(v[r]))
            return eqi_fx_fail(x, at, "beta's shape %s must be positive and finite, not %g",
                               pname[r], v[r]);
    }
    ty->p = v[0];
    ty->q = v[1];
    if (arg_is_constant(x, ty, 2) && arg_is_constant(x, ty, 3)) {
        double lo, hi;
        if ((s = arg_value(x, ty, 2, &lo)) != EQ_OK || (s = arg_value(x, ty, 3, &hi)) != EQ_OK)
            return s;
        if (!(lo < hi))
            return eqi_fx_fail(x, &x->in[ty->arg0[2]].at, "beta's support needs lo < hi, "
                               "not lo = %g and hi = %g", lo, hi);
    }
    return EQ_OK;
}

/* The standard normal cdf, as normcdf in expressions (expr.c). */
static double phi(double z) { return 0.5 * erfc(-z / 1.41421356237309504880); }

/* normal(mu, sigma, lo, hi): sigma > 0 when it is a number written in the
** file, lo < hi when both are, and, when all four are, a support holding
** mass of at least DBL_MIN (not beyond about 37.5 sigmas out in one tail),
** since the masses divide by it.  When an argument holds a parameter, the
** same checks are made at instantiation (eqi_normal_check), on four hidden
** lets emitted by emit_normal_guard. */
const char *eqi_normal_check(const double v[4], char *buf, size_t size, int *arg)
{
    *arg = 2;
    for (int r = 0; r < 4; r++)
        if (!isfinite(v[r])) {
            *arg = r;
            snprintf(buf, size, "normal's arguments must be finite");
            return buf;
        }
    if (!(v[1] > 0.0)) {
        *arg = 1;
        snprintf(buf, size, "normal's sigma must be positive, not %g", v[1]);
        return buf;
    }
    if (!(v[2] < v[3])) {
        snprintf(buf, size, "normal's support needs lo < hi, not lo = %g and hi = %g", v[2],
                 v[3]);
        return buf;
    }
    {
        double zl = (v[2] - v[0]) / v[1], zh = (v[3] - v[0]) / v[1];
        double z = (v[2] + v[3]) / 2 > v[0] ? phi(-zl) - phi(-zh) : phi(zh) - phi(zl);
        if (!(z >= DBL_MIN)) {   /* zero or subnormal: the masses lose digits */
            snprintf(buf, size, "normal(%g, %g) has too little mass on [%g, %g] for double "
                     "precision", v[0], v[1], v[2], v[3]);
            return buf;
        }
    }
    return NULL;
}

/* The lets "#mu TEXT", "#sigma TEXT", "#lo TEXT", "#hi TEXT" = (argument
** r), TEXT the argument as written: the parser keeps them out of every
** name space and marks the first (mlet.guard); instantiation checks their
** values (parse.c, instantiate.c). */
static eq_status emit_normal_guard(xp *x, const typ *ty, const eqi_loc *kw)
{
    for (int r = 0; r < 4; r++) {
        const eqi_loc *at = &x->in[ty->arg0[r]].at;
        size_t a = at->off, b = x->in[ty->arg1[r]].at.off;
        char nm[96];
        int n;
        eqi_tok *o;
        eq_status s;
        while (b > a && (x->src->text[b - 1] == ' ' || x->src->text[b - 1] == '\t'))
            b--;
        if (b < a || b - a > 60 || b > x->src->len)
            b = a;              /* text too long, or not in one piece */
        static const char *const pre[] = { "#mu", "#sigma", "#lo", "#hi" };
        n = snprintf(nm, sizeof nm, "%s %.*s", pre[r], (int)(b - a), x->src->text + a);
        if ((s = eqi_fx_emit_kind(x, EQI_TK_LET, kw)) != EQ_OK ||
            (s = eqi_fx_emit_text(x, EQI_TK_IDENT, nm, (size_t)n, at, &o)) != EQ_OK ||
            (s = eqi_fx_emit_kind(x, EQI_TK_ASSIGN, at)) != EQ_OK ||
            (s = emit_arg(x, ty, r)) != EQ_OK ||
            (s = eqi_fx_emit_kind(x, EQI_TK_NL, at)) != EQ_OK)
            return s;
    }
    return EQ_OK;
}

static eq_status normal_args(xp *x, typ *ty)
{
    double v[4];
    int known[4];
    for (int r = 0; r < 4; r++) {
        eq_status s;
        known[r] = arg_is_constant(x, ty, r);
        if (known[r] && (s = arg_value(x, ty, r, &v[r])) != EQ_OK)
            return s;
        if (known[r] && !isfinite(v[r]))
            return eqi_fx_fail(x, &x->in[ty->arg0[r]].at, "normal's arguments must be "
                               "finite");
    }
    if (known[1] && !(v[1] > 0.0))
        return eqi_fx_fail(x, &x->in[ty->arg0[1]].at, "normal's sigma must be positive, "
                           "not %g", v[1]);
    if (known[2] && known[3] && !(v[2] < v[3]))
        return eqi_fx_fail(x, &x->in[ty->arg0[2]].at, "normal's support needs lo < hi, not "
                           "lo = %g and hi = %g", v[2], v[3]);
    if (known[0] && known[1] && known[2] && known[3]) {
        double zl = (v[2] - v[0]) / v[1], zh = (v[3] - v[0]) / v[1];
        double z = (v[2] + v[3]) / 2 > v[0] ? phi(-zl) - phi(-zh) : phi(zh) - phi(zl);
        if (!(z >= DBL_MIN))      /* zero or subnormal: the masses lose digits */
            return eqi_fx_fail(x, &x->in[ty->arg0[2]].at, "normal(%g, %g) has too little "
                               "mass on [%g, %g] for double precision", v[0], v[1], v[2],
                               v[3]);
    }
    return EQ_OK;
}

/* types NAME ~ DIST(args) on N points NL: lets NAME[k] = midpoint k. */
eq_status eqi_fx_expand_types(xp *x, int *i, int end)
{
    const eqi_tok *nt = &x->in[*i + 1];
    int j = *i + 3, lend = line_end(x, *i, end), f = find_typ(x, ttext(x, nt)), nwant;
    typ *ty;
    eq_status s;

    /* The first pass registers the declarations that begin a line; one
    ** met after a '}' on the same line was not. */
    if (f < 0)
        return eqi_fx_fail(x, &x->in[*i].at, "a types declaration ('%s') must begin a line",
                           ttext(x, nt));
    ty = &x->typ[f];
    if (ty->n > 0)
        return eqi_fx_fail(x, &nt->at, "types '%s' declared twice", ttext(x, nt));
    if (is_word(x, j, "uniform"))
        ty->dist = DIST_UNIFORM;
    else if (is_word(x, j, "triangular"))
        ty->dist = DIST_TRIANGULAR;
    else if (is_word(x, j, "beta"))
        ty->dist = DIST_BETA;
    else if (is_word(x, j, "normal"))
        ty->dist = DIST_NORMAL;
    else
        return eqi_fx_fail(x, &x->in[j].at, "unknown distribution (known: uniform(lo, hi), "
                           "triangular(lo, mode, hi), beta(p, q, lo, hi), "
                           "normal(mu, sigma, lo, hi))");
    nwant = dist_nargs[ty->dist];
    if (j + 1 >= lend || x->in[j + 1].kind != EQI_TK_LPAREN)
        return eqi_fx_fail(x, &x->in[j + 1].at, "expected '(' after the distribution");
    j += 2;
    ty->narg = 0;
    for (int depth = 0, a0 = j; j < lend; j++) {
        eqi_tk k = x->in[j].kind;
        if (k == EQI_TK_LPAREN) {
            depth++;
        } else if ((k == EQI_TK_COMMA && depth == 0) || (k == EQI_TK_RPAREN && depth == 0)) {
            if (ty->narg >= nwant || j == a0)
                return eqi_fx_fail(x, &x->in[j].at, "malformed arguments of the distribution");
            ty->arg0[ty->narg] = a0;
            ty->arg1[ty->narg++] = j;
            a0 = j + 1;
            if (k == EQI_TK_RPAREN)
                break;
        } else if (k == EQI_TK_RPAREN) {
            depth--;
        }
    }
    if (j >= lend || ty->narg != nwant)
        return eqi_fx_fail(x, &x->in[*i + 3].at, "%s takes %d arguments",
                           dist_name[ty->dist], nwant);
    ty->lo = ty->dist == DIST_BETA || ty->dist == DIST_NORMAL ? 2 : 0;
    if (ty->dist == DIST_BETA && (s = beta_args(x, ty)) != EQ_OK)
        return s;
    if (ty->dist == DIST_NORMAL && (s = normal_args(x, ty)) != EQ_OK)
        return s;
    if (ty->dist == DIST_NORMAL) {
        int all = 1;
        for (int r = 0; r < 4; r++)
            all = all && arg_is_constant(x, ty, r);
        if (!all && (s = emit_normal_guard(x, ty, &x->in[*i].at)) != EQ_OK)
            return s;
    }
    j++;
    if (!is_word(x, j, "on") || j + 2 >= lend + 1 || x->in[j + 1].kind != EQI_TK_NUMBER ||
        !is_word(x, j + 2, "points") || j + 3 != lend)
        return eqi_fx_fail(x, &x->in[j].at, "expected 'on N points' ending the line");
    {
        double n = x->in[j + 1].num;
        if (n != floor(n) || n < 1 || n > TYPES_MAX)
            return eqi_fx_fail(x, &x->in[j + 1].at, "the number of points must be an "
                               "integer in 1..%d (TYPES_MAX)", TYPES_MAX);
        ty->n = (int)n;
    }
    for (int k = 0; k < ty->n; k++) {
        char nm[96];
        eqi_tok *o;
        int n = snprintf(nm, sizeof nm, "%s[%d]", ttext(x, nt), k);
        if ((s = eqi_fx_emit_kind(x, EQI_TK_LET, &x->in[*i].at)) != EQ_OK ||
            (s = eqi_fx_emit_text(x, EQI_TK_IDENT, nm, (size_t)n, &nt->at, &o)) != EQ_OK)
            return s;
        if (eqi_grow(&x->decl, &x->capdecl, (size_t)x->ndecl + 1, sizeof *x->decl) != 0)
            return eqi_fx_nomem(x);
        x->decl[x->ndecl++] = x->nout - 1;
        if ((s = eqi_fx_emit_kind(x, EQI_TK_ASSIGN, &nt->at)) != EQ_OK ||
            (s = emit_point(x, ty, k + 0.5, &nt->at)) != EQ_OK ||
            (s = eqi_fx_emit_kind(x, EQI_TK_NL, &nt->at)) != EQ_OK)
            return s;
    }
    *i = lend < end ? lend + 1 : lend;
    return EQ_OK;
}
