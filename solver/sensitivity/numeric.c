/*
** numeric.c -- the numerical tools of the sensitivity modules: a
** counter-based random number generator and reproducible permutations
** (Latin-hypercube sampling), the inverse distribution functions of the
** priors, the Wilson score interval, Brent's root finder, the simplest
** fraction in an interval, and decimal rounding within an error bound.
**
** Reproducibility.  Every random number is a pure function of (seed,
** sample index, dimension): no generator state is carried from one
** sample to the next, so a sample's value does not depend on which
** thread computed it, on how many threads there are, or on which range
** of sample indices a run (or a shard of a run) covers.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sens.h"
#include "../lexer.h"

/* ------------------------------------------------------------------ */
/* Counter-based random numbers                                         */
/* ------------------------------------------------------------------ */

/* The finaliser of splitmix64 (Steele, Lea and Flood 2014): a bijection
** of 64-bit words with good avalanche, used here as a keyed hash. */
uint64_t eqi_mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* A 64-bit word for (seed, index, dim): the finaliser applied in turn to
** each input, so that no two triples share an intermediate state unless
** the finaliser collides. */
uint64_t eqi_random_word(uint64_t seed, uint64_t index, uint64_t dim)
{
    uint64_t z = eqi_mix64(seed ^ 0x5851f42d4c957f2dull);
    z = eqi_mix64(z ^ index);
    return eqi_mix64(z ^ (dim * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull));
}

double eqi_uniform(uint64_t seed, uint64_t index, uint64_t dim)
{
    /* The top 53 bits, centred in their cell: never 0, never 1. */
    return ((double)(eqi_random_word(seed, index, dim) >> 11) + 0.5) * 0x1.0p-53;
}

/*
** A pseudo-random permutation of [0, n), evaluated one element at a time:
** a four-round Feistel network on the smallest even number of bits whose
** range holds n, keyed by (seed, dim), with cycle walking (apply it again
** until the value falls below n; Black and Rogaway 2002).  A Feistel
** network is a bijection whatever its round function, and cycle walking
** restricts a bijection of [0, 2^2h) to one of [0, n).  The range is at
** most 4n, so a walk takes fewer than four steps on average.
*/
uint64_t eqi_permute(uint64_t seed, uint64_t dim, uint64_t n, uint64_t i)
{
    int bits = 2;
    uint64_t key = eqi_random_word(seed, ~(uint64_t)0, dim), mask, x = i;
    if (n <= 1)
        return 0;
    while (bits < 64 && ((uint64_t)1 << bits) < n)
        bits += 2;
    mask = ((uint64_t)1 << (bits / 2)) - 1;
    do {
        uint64_t l = x >> (bits / 2), r = x & mask;
        for (uint64_t round = 0; round < 4; round++) {
            uint64_t f = eqi_mix64(key ^ (round << 56) ^ r) & mask;
            uint64_t t = l ^ f;
            l = r;
            r = t;
        }
        x = (l << (bits / 2)) | r;
    } while (x >= n);
    return x;
}

/* ------------------------------------------------------------------ */
/* The beta distribution                                                */
/* ------------------------------------------------------------------ */

/*
** The continued fraction of the regularised incomplete beta function
** I_x(a, b) (Abramowitz and Stegun 26.5.8), evaluated by the modified
** Lentz method; it converges fast for x < (a + 1) / (a + b + 2).
*/
static double beta_cf(double a, double b, double x)
{
    const double tiny = 1e-300;
    double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0), f;
    if (fabs(d) < tiny)
        d = tiny;
    d = 1.0 / d;
    f = d;
    for (int m = 1; m <= 500; m++) {
        double dm = (double)m, num, delta;
        /* The even step d_{2m}, then the odd step d_{2m+1}. */
        num = dm * (b - dm) * x / ((a + 2.0 * dm - 1.0) * (a + 2.0 * dm));
        d = 1.0 + num * d;
        c = 1.0 + num / c;
        if (fabs(d) < tiny) d = tiny;
        if (fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        f *= d * c;
        num = -(a + dm) * (a + b + dm) * x / ((a + 2.0 * dm) * (a + 2.0 * dm + 1.0));
        d = 1.0 + num * d;
        c = 1.0 + num / c;
        if (fabs(d) < tiny) d = tiny;
        if (fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        delta = d * c;
        f *= delta;
        if (fabs(delta - 1.0) < 1e-16)
            break;
    }
    return f;
}

double eqi_beta_cdf(double a, double b, double x)
{
    double lnfront;
    if (x <= 0.0)
        return 0.0;
    if (x >= 1.0)
        return 1.0;
    /* x^a (1-x)^b / (a B(a, b)), in logarithms. */
    lnfront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
    if (x < (a + 1.0) / (a + b + 2.0))
        return exp(lnfront) * beta_cf(a, b, x) / a;
    /* The symmetry I_x(a, b) = 1 - I_{1-x}(b, a) keeps the fraction fast. */
    return 1.0 - exp(lnfront) * beta_cf(b, a, 1.0 - x) / b;
}

/* The inverse of I_x(a, b) in x, by bisection safeguarding Newton steps
** (the density is the derivative); to about 1e-14. */
double eqi_beta_inv(double a, double b, double u)
{
    double lo = 0.0, hi = 1.0, x = a / (a + b), lnb;
    if (u <= 0.0)
        return 0.0;
    if (u >= 1.0)
        return 1.0;
    lnb = lgamma(a + b) - lgamma(a) - lgamma(b);
    for (int it = 0; it < 200; it++) {
        double f = eqi_beta_cdf(a, b, x) - u, dens, nx;
        if (f == 0.0)
            return x;
        if (f < 0.0)
            lo = x;
        else
            hi = x;
        dens = exp(lnb + (a - 1.0) * log(x) + (b - 1.0) * log1p(-x));
        nx = dens > 0.0 && isfinite(dens) ? x - f / dens : 0.5 * (lo + hi);
        if (!(nx > lo && nx < hi))
            nx = 0.5 * (lo + hi);
        if (fabs(nx - x) <= 1e-15 * (x > 1e-3 ? x : 1e-3) || hi - lo < 1e-16)
            return nx;
        x = nx;
    }
    return x;
}

/* ------------------------------------------------------------------ */
/* Intervals                                                            */
/* ------------------------------------------------------------------ */

/* The Wilson score interval at 95% (Wilson 1927):
**   (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n),
** with z the 0.975 quantile of the standard normal. */
void eqi_wilson(long long k, long long n, double *lo, double *hi)
{
    const double z = 1.959963984540054;
    double p, dn, den, mid, half;
    if (n <= 0) {
        *lo = 0.0;
        *hi = 1.0;
        return;
    }
    dn = (double)n;
    p = (double)k / dn;
    den = 1.0 + z * z / dn;
    mid = (p + z * z / (2.0 * dn)) / den;
    half = z / den * sqrt(p * (1.0 - p) / dn + z * z / (4.0 * dn * dn));
    /* At k = 0 (k = n) the bound is exactly 0 (1); rounding leaves 1e-19. */
    *lo = k > 0 && mid - half > 0.0 ? mid - half : 0.0;
    *hi = k < n && mid + half < 1.0 ? mid + half : 1.0;
}

/* ------------------------------------------------------------------ */
/* Brent's method                                                       */
/* ------------------------------------------------------------------ */

/*
** A root of f in [a, b], where f(a) and f(b) differ in sign (Brent 1973,
** chapter 4: inverse quadratic interpolation or the secant step when it
** stays inside the bracket and shrinks it fast enough, bisection
** otherwise).  Stops when the bracket is within 2 eps |x| + 1e-300 or f
** is exactly 0.  Returns 0 with *root, or -1 when f failed (*ok cleared)
** or the signs do not differ.
*/
int eqi_brent(eqi_fn f, void *ud, double a, double b, double fa, double fb,
              double *root)
{
    double c, fc, d, e;
    if ((fa > 0.0 && fb > 0.0) || (fa < 0.0 && fb < 0.0))
        return -1;
    if (fa == 0.0) {
        *root = a;
        return 0;
    }
    c = a;
    fc = fa;
    d = e = b - a;
    for (int it = 0; it < 200; it++) {
        double tol, m, p, q, r, s;
        int ok = 1;
        if ((fb > 0.0) == (fc > 0.0) && fb != 0.0) {
            c = a;
            fc = fa;
            d = e = b - a;
        }
        if (fabs(fc) < fabs(fb)) {
            a = b; b = c; c = a;
            fa = fb; fb = fc; fc = fa;
        }
        tol = 2.0 * DBL_EPSILON * fabs(b) + 1e-300;
        m = 0.5 * (c - b);
        if (fabs(m) <= tol || fb == 0.0) {
            *root = b;
            return 0;
        }
        if (fabs(e) >= tol && fabs(fa) > fabs(fb)) {
            s = fb / fa;
            if (a == c) {
                p = 2.0 * m * s;            /* secant */
                q = 1.0 - s;
            } else {
                q = fa / fc;                /* inverse quadratic */
                r = fb / fc;
                p = s * (2.0 * m * q * (q - r) - (b - a) * (r - 1.0));
                q = (q - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if (p > 0.0)
                q = -q;
            else
                p = -p;
            if (2.0 * p < 3.0 * m * q - fabs(tol * q) && p < fabs(0.5 * e * q)) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        a = b;
        fa = fb;
        b += fabs(d) > tol ? d : (m > 0.0 ? tol : -tol);
        fb = f(ud, b, &ok);
        if (!ok)
            return -1;
    }
    *root = b;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Fractions and decimals                                               */
/* ------------------------------------------------------------------ */

/*
** The simplest fraction in the closed interval [lo, hi] (lo <= hi): the
** one with the smallest denominator, and among those the smallest
** numerator in magnitude -- the first fraction the Stern-Brocot tree
** meets in the interval.  By continued fractions: if an integer lies in
** [lo, hi], the one nearest zero; otherwise lo and hi share the integer
** part k and the answer is k + 1 / (the simplest fraction in
** [1/(hi - k), 1/(lo - k)]).  Gives up (returns -1) when the denominator
** would exceed maxden.
*/
int eqi_simplest_fraction(const mpq_t lo_, const mpq_t hi_, unsigned long maxden, mpq_t out)
{
    mpq_t lo, hi, t;
    mpz_t k, fl;
    mpz_t p0, q0, p1, q1, tmp;      /* convergents: p1/q1 the latest */
    int neg = 0, rc = -1;

    mpq_inits(lo, hi, t, NULL);
    mpz_inits(k, fl, p0, q0, p1, q1, tmp, NULL);
    mpq_set(lo, lo_);
    mpq_set(hi, hi_);
    if (mpq_sgn(lo) <= 0 && mpq_sgn(hi) >= 0) {
        mpq_set_ui(out, 0, 1);
        rc = 0;
        goto done;
    }
    if (mpq_sgn(hi) < 0) {
        /* Mirror a negative interval. */
        mpq_neg(t, lo);
        mpq_neg(lo, hi);
        mpq_set(hi, t);
        neg = 1;
    }
    /* Continued-fraction expansion with the convergents p/q: the answer
    ** is [a0; a1, ..., an] where each step is one level of the recursion
    ** above. */
    /* (p0/q0, p1/q1) = (0/1, 1/0): the convergents before the first, so
    ** that a partial quotient a gives p = a p1 + p0, q = a q1 + q0. */
    mpz_set_ui(p0, 0);
    mpz_set_ui(q0, 1);
    mpz_set_ui(p1, 1);
    mpz_set_ui(q1, 0);
    for (int depth = 0; depth < 4096; depth++) {
        /* The smallest integer >= lo. */
        mpz_cdiv_q(k, mpq_numref(lo), mpq_denref(lo));
        mpq_set_z(t, k);
        if (mpq_cmp(t, hi) <= 0) {
            /* Final partial quotient k. */
            mpz_mul(tmp, k, p1);
            mpz_add(tmp, tmp, p0);
            mpz_set(p0, tmp);
            mpz_mul(tmp, k, q1);
            mpz_add(tmp, tmp, q0);
            if (mpz_cmp_ui(tmp, maxden) > 0)
                goto done;
            mpq_set_num(out, p0);
            mpq_set_den(out, tmp);
            mpq_canonicalize(out);
            if (neg)
                mpq_neg(out, out);
            rc = 0;
            goto done;
        }
        /* lo and hi share the integer part fl = floor(lo). */
        mpz_fdiv_q(fl, mpq_numref(lo), mpq_denref(lo));
        mpz_mul(tmp, fl, p1);
        mpz_add(tmp, tmp, p0);
        mpz_set(p0, p1);
        mpz_set(p1, tmp);
        mpz_mul(tmp, fl, q1);
        mpz_add(tmp, tmp, q0);
        mpz_set(q0, q1);
        mpz_set(q1, tmp);
        if (mpz_cmp_ui(q1, maxden) > 0)
            goto done;
        /* [lo, hi] -> [1/(hi - fl), 1/(lo - fl)]. */
        mpq_set_z(t, fl);
        mpq_sub(lo, lo, t);
        mpq_sub(hi, hi, t);
        mpq_inv(t, lo);
        mpq_inv(lo, hi);
        mpq_set(hi, t);
    }
done:
    mpq_clears(lo, hi, t, NULL);
    mpz_clears(k, fl, p0, q0, p1, q1, tmp, NULL);
    return rc;
}

void eqi_decimal_rational(double v, mpq_t q)
{
    char buf[40];
    eqi_format_double(v, buf, sizeof buf);
    if (eqi_parse_rational(buf, q) != 0)
        mpq_set_d(q, v);    /* cannot happen for a finite double */
}

double eqi_rational_nearest(const mpq_t q)
{
    /* mpq_get_d truncates; the nearer of it and its neighbour away from
    ** zero is the nearest double (ties to the even one, as printf does
    ** not matter here: a tie cannot arise for the fractions we round). */
    double d = mpq_get_d(q), e;
    mpq_t a, b, t;
    if (!isfinite(d))
        return d;
    e = nextafter(d, mpq_sgn(q) < 0 ? -HUGE_VAL : HUGE_VAL);
    mpq_inits(a, b, t, NULL);
    mpq_set_d(t, d);
    mpq_sub(a, q, t);
    mpq_abs(a, a);
    mpq_set_d(t, e);
    mpq_sub(b, q, t);
    mpq_abs(b, b);
    if (mpq_cmp(b, a) < 0)
        d = e;
    mpq_clears(a, b, t, NULL);
    return d;
}

/* The double of the shortest decimal within err of x: the reading of x
** that carries no digit its error bound does not support.  Digits come
** from printf's %e, read back by eqi_decimal_to_double so that the C
** locale's decimal point plays no part. */
double eqi_round_within(double x, double err)
{
    double a = fabs(x);
    if (!isfinite(x) || !(err > 0.0) || a == 0.0)
        return x;
    if (a <= err)
        return 0.0;             /* no digit at all is supported */
    for (int prec = 1; prec <= 17; prec++) {
        char buf[64], clean[64];
        size_t k = 0;
        double y;
        snprintf(buf, sizeof buf, "%.*e", prec - 1, a);
        for (const char *c = buf; *c && k + 1 < sizeof clean; c++)
            clean[k++] = (*c >= '0' && *c <= '9') || *c == 'e' || *c == '-' || *c == '+'
                             ? *c : '.';
        clean[k] = '\0';
        if (eqi_decimal_to_double(clean, k, &y) != 0)
            continue;
        if (fabs(y - a) <= err)
            return x < 0 ? -y : y;
    }
    return x;
}

/* The double of the shortest decimal in [lo, hi] (lo <= hi), for a
** change bracketed by bisection: the decimals of each precision nearest
** to either end are tried, fewest digits first. */
double eqi_round_between(double lo, double hi)
{
    if (!(lo <= hi) || !isfinite(lo) || !isfinite(hi))
        return 0.5 * (lo + hi);
    if (lo <= 0.0 && hi >= 0.0)
        return 0.0;
    for (int prec = 1; prec <= 17; prec++) {
        double end[2] = { lo, hi };
        for (int i = 0; i < 2; i++) {
            char buf[64], clean[64];
            size_t k = 0;
            double y, a = fabs(end[i]);
            snprintf(buf, sizeof buf, "%.*e", prec - 1, a);
            for (const char *c = buf; *c && k + 1 < sizeof clean; c++)
                clean[k++] = (*c >= '0' && *c <= '9') || *c == 'e' || *c == '-' || *c == '+'
                                 ? *c : '.';
            clean[k] = '\0';
            if (eqi_decimal_to_double(clean, k, &y) != 0)
                continue;
            if (end[i] < 0)
                y = -y;
            if (y >= lo && y <= hi)
                return y;
        }
    }
    return 0.5 * (lo + hi);
}
