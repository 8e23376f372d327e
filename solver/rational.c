/*
** rational.c -- exact rational arithmetic on GMP: parsing numbers written
** in files, printing fractions, and solving small linear systems exactly.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"
#include "lexer.h"

/* Parse an optionally signed run of digits with an optional fraction and
** exponent ("-12.5e-3") into q.  *end receives the first unread char. */
static int parse_decimal(const char *s, const char **end, mpq_t q)
{
    const char *p = s;
    int neg = 0, ndig = 0;
    long exp10 = 0;
    mpz_t num, pow;

    if (*p == '+' || *p == '-')
        neg = (*p++ == '-');
    mpz_init_set_ui(num, 0);
    while (isdigit((unsigned char)*p)) {
        mpz_mul_ui(num, num, 10);
        mpz_add_ui(num, num, (unsigned long)(*p++ - '0'));
        ndig++;
    }
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) {
            mpz_mul_ui(num, num, 10);
            mpz_add_ui(num, num, (unsigned long)(*p++ - '0'));
            exp10--;
            ndig++;
        }
    }
    if (ndig == 0) {
        mpz_clear(num);
        return -1;
    }
    if (*p == 'e' || *p == 'E') {
        const char *q0 = p + 1;
        int eneg = 0;
        long e = 0;
        if (*q0 == '+' || *q0 == '-')
            eneg = (*q0++ == '-');
        if (!isdigit((unsigned char)*q0)) {
            mpz_clear(num);
            return -1;
        }
        while (isdigit((unsigned char)*q0)) {
            if (e < 100000)          /* cap: 10^100000 is already absurd */
                e = e * 10 + (*q0 - '0');
            q0++;
        }
        if (e >= 100000) {
            mpz_clear(num);
            return -1;
        }
        exp10 += eneg ? -e : e;
        p = q0;
    }
    mpz_init(pow);
    mpz_ui_pow_ui(pow, 10, (unsigned long)(exp10 < 0 ? -exp10 : exp10));
    if (exp10 >= 0) {
        mpz_mul(num, num, pow);
        mpq_set_z(q, num);
    } else {
        mpq_set_num(q, num);
        mpq_set_den(q, pow);
        mpq_canonicalize(q);
    }
    if (neg)
        mpq_neg(q, q);
    mpz_clear(pow);
    mpz_clear(num);
    *end = p;
    return 0;
}

int eqi_small_int(const char *s, double *out)
{
    int neg = 0, nd = 0;
    double v = 0.0;
    if (*s == '-' || *s == '+')
        neg = (*s++ == '-');
    /* Up to 15 digits: every such integer is exact as a double. */
    for (; *s >= '0' && *s <= '9'; s++) {
        if (++nd > 15)
            return 0;
        v = v * 10.0 + (double)(*s - '0');
    }
    if (nd == 0 || *s != '\0')
        return 0;
    *out = neg ? -v : v;
    return 1;
}

int eqi_parse_rational(const char *text, mpq_t q)
{
    const char *end;
    if (parse_decimal(text, &end, q) != 0)
        return -1;
    if (*end == '/') {
        mpq_t d;
        const char *e2;
        /* Gambit writes rationals as integer/integer. */
        if (!isdigit((unsigned char)end[1]))
            return -1;
        mpq_init(d);
        if (parse_decimal(end + 1, &e2, d) != 0 || *e2 != '\0') {
            mpq_clear(d);
            return -1;
        }
        if (mpq_sgn(d) == 0) {
            mpq_clear(d);
            return -2;
        }
        mpq_div(q, q, d);
        mpq_clear(d);
        return 0;
    }
    return *end == '\0' ? 0 : -1;
}

char *eqi_rational_str(const mpq_t q)
{
    /* mpq_get_str prints "p/q" or "p" in lowest terms. */
    size_t n = mpz_sizeinbase(mpq_numref(q), 10) +
               mpz_sizeinbase(mpq_denref(q), 10) + 3;
    char *s = malloc(n);
    if (s == NULL)
        return NULL;
    return mpq_get_str(s, 10, q);
}

mpq_t *eqi_mpq_alloc(size_t k)
{
    mpq_t *v = malloc((k ? k : 1) * sizeof *v);
    if (v == NULL)
        return NULL;
    for (size_t i = 0; i < k; i++)
        mpq_init(v[i]);
    return v;
}

void eqi_mpq_free(mpq_t *v, size_t k)
{
    if (v == NULL)
        return;
    for (size_t i = 0; i < k; i++)
        mpq_clear(v[i]);
    free(v);
}

/* Gaussian elimination with exact rationals and row pivoting on the first
** non-zero entry; M and rhs are overwritten. */
int eqi_exact_solve(int k, mpq_t *M, mpq_t *rhs, mpq_t *z)
{
    mpq_t f, t;
    int ok = 0;
    mpq_init(f);
    mpq_init(t);
    for (int c = 0; c < k; c++) {
        int piv = -1;
        for (int r = c; r < k; r++)
            if (mpq_sgn(M[r * k + c]) != 0) {
                piv = r;
                break;
            }
        if (piv < 0) {
            ok = -1;
            goto done;
        }
        if (piv != c) {
            for (int j = 0; j < k; j++)
                mpq_swap(M[piv * k + j], M[c * k + j]);
            mpq_swap(rhs[piv], rhs[c]);
        }
        for (int r = c + 1; r < k; r++) {
            if (mpq_sgn(M[r * k + c]) == 0)
                continue;
            mpq_div(f, M[r * k + c], M[c * k + c]);
            for (int j = c; j < k; j++) {
                mpq_mul(t, f, M[c * k + j]);
                mpq_sub(M[r * k + j], M[r * k + j], t);
            }
            mpq_mul(t, f, rhs[c]);
            mpq_sub(rhs[r], rhs[r], t);
        }
    }
    for (int r = k - 1; r >= 0; r--) {
        mpq_set(f, rhs[r]);
        for (int j = r + 1; j < k; j++) {
            mpq_mul(t, M[r * k + j], z[j]);
            mpq_sub(f, f, t);
        }
        mpq_div(z[r], f, M[r * k + r]);
    }
done:
    mpq_clear(f);
    mpq_clear(t);
    return ok;
}

/* ------------------------------------------------------------------ */
/* A double as the number its writer most likely meant                 */
/* ------------------------------------------------------------------ */

#define SIMPLE_DEN_MAX 1000000L  /* fractions tried up to this denominator */
#define SIMPLE_TERMS   64        /* continued-fraction terms tried */

/*
** The simplest rational strictly inside (lo, hi), 0 <= lo < hi (hi = +inf
** when hi_inf), by its continued fraction: the smallest integer above lo
** if it lies below hi, else floor(lo) and the same question for the
** reciprocals of what is left.  Every rational strictly inside the
** interval of reals that round to a double rounds to that double, so no
** tie rule is needed.  Returns 0 with the fraction in out, or -1 when it
** needs a denominator above SIMPLE_DEN_MAX.  lo and hi are consumed.
*/
static int simplest_between(mpq_t lo, mpq_t hi, int hi_inf, mpq_t out)
{
    mpz_t term[SIMPLE_TERMS], a;
    int n = 0, ok = -1;

    mpz_init(a);
    while (n < SIMPLE_TERMS) {
        mpz_fdiv_q(a, mpq_numref(lo), mpq_denref(lo));
        mpz_init(term[n]);
        mpz_add_ui(term[n], a, 1);
        mpq_set_z(out, term[n]);
        if (hi_inf || mpq_cmp(out, hi) < 0) {
            n++;
            ok = 0;
            break;
        }
        mpz_set(term[n++], a);
        mpq_set_z(out, a);
        mpq_sub(lo, lo, out);
        mpq_sub(hi, hi, out);
        /* now 0 <= lo < hi <= 1: go on with (1/hi, 1/lo) */
        if (mpq_sgn(lo) == 0) {
            mpq_inv(lo, hi);
            hi_inf = 1;
        } else {
            mpq_inv(lo, lo);
            mpq_inv(hi, hi);
            mpq_swap(lo, hi);
        }
    }
    if (ok == 0) {           /* fold the terms back into one fraction */
        mpq_set_z(out, term[n - 1]);
        for (int k = n - 2; k >= 0; k--) {
            mpq_inv(out, out);
            mpq_set_z(lo, term[k]);
            mpq_add(out, out, lo);
        }
        if (mpz_cmp_ui(mpq_denref(out), (unsigned long)SIMPLE_DEN_MAX) > 0)
            ok = -1;
    }
    for (int k = 0; k < n; k++)
        mpz_clear(term[k]);
    mpz_clear(a);
    return ok;
}

char *eqi_double_text(double x)
{
    char dec[32], *s = NULL;
    int digits = 0, lead = 1;
    mpq_t lo, hi, q;

    if (!isfinite(x))
        return NULL;
    if (x == 0.0)            /* -0 is 0 in a file */
        x = 0.0;
    eqi_format_double(x, dec, sizeof dec);
    for (const char *c = dec; *c != '\0' && *c != 'e' && *c != 'E'; c++) {
        if (!isdigit((unsigned char)*c))
            continue;
        if (*c != '0')
            lead = 0;
        digits += !lead;
    }
    if (digits <= 15 || fabs(x) >= DBL_MAX)
        return eqi_strdup(dec);
    /* Sixteen or seventeen digits: the writer more likely meant a simple
    ** fraction (1/3 reads as 0.3333333333333333) when one rounds to x. */
    mpq_init(lo);
    mpq_init(hi);
    mpq_init(q);
    mpq_set_d(q, fabs(x));
    mpq_set_d(lo, nextafter(fabs(x), 0.0));
    mpq_add(lo, lo, q);
    mpq_div_2exp(lo, lo, 1);
    mpq_set_d(hi, nextafter(fabs(x), INFINITY));
    mpq_add(hi, hi, q);
    mpq_div_2exp(hi, hi, 1);
    if (simplest_between(lo, hi, 0, q) == 0) {
        if (x < 0)
            mpq_neg(q, q);
        s = eqi_rational_str(q);
    } else {
        s = eqi_strdup(dec);
    }
    mpq_clear(lo);
    mpq_clear(hi);
    mpq_clear(q);
    return s;
}
