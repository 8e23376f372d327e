/*
** rational.c -- exact rational arithmetic on GMP: parsing numbers written
** in files, printing fractions, and solving small linear systems exactly.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"

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
