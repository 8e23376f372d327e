/*
** containers.c -- the library's small containers, one of each: growing
** arrays (eqi_grow, eqi_resize), a growing string (eqi_sbuf) and a hash
** map from names or 64-bit keys to indices (eqi_map).  See internal.h.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- growing arrays ------------------------------------------------- */

size_t eqi_grow_cap(size_t cap, size_t need)
{
    size_t c = cap ? cap : 8;
    if (need > (size_t)INT_MAX)
        return 0;
    while (c < need)
        c = c > (size_t)INT_MAX / 2 ? (size_t)INT_MAX : 2 * c;
    return c;
}

int eqi_resize(void *arrp, size_t n, size_t sz)
{
    void *a, *t;
    if (sz != 0 && n > SIZE_MAX / sz)
        return -1;
    /* The pointer is copied with memcpy rather than written through a
    ** void **, which would break the aliasing rules for a double * or
    ** char ** (POSIX gives all object pointers one representation). */
    memcpy(&a, arrp, sizeof a);
    if ((t = realloc(a, (n ? n : 1) * sz)) == NULL)
        return -1;
    memcpy(arrp, &t, sizeof t);
    return 0;
}

int eqi_grow_more(void *arrp, size_t *cap, size_t need, size_t sz)
{
    size_t c;
    if (need <= *cap)
        return 0;
    if ((c = eqi_grow_cap(*cap, need)) == 0 || eqi_resize(arrp, c, sz) != 0)
        return -1;
    *cap = c;
    return 0;
}

/* ---- a growing string ------------------------------------------------ */

void eqi_sb_put(eqi_sbuf *b, const char *s, size_t k)
{
    if (b->fail)
        return;
    if (k >= b->cap - b->n) {       /* room for k bytes and the NUL */
        size_t nc = b->cap ? b->cap : 256;
        char *t;
        while (nc - b->n <= k) {
            if (nc > SIZE_MAX / 2) {
                b->fail = 1;
                return;
            }
            nc *= 2;
        }
        if ((t = realloc(b->s, nc)) == NULL) {
            b->fail = 1;
            return;
        }
        b->s = t;
        b->cap = nc;
    }
    memcpy(b->s + b->n, s, k);
    b->n += k;
    b->s[b->n] = '\0';
}

void eqi_sb_cat(eqi_sbuf *b, const char *s) { eqi_sb_put(b, s, strlen(s)); }

void eqi_sb_printf(eqi_sbuf *b, const char *fmt, ...)
{
    char small[256], *big;
    va_list ap;
    int k;
    va_start(ap, fmt);
    k = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (k < 0) {
        b->fail = 1;
        return;
    }
    if ((size_t)k < sizeof small) {
        eqi_sb_put(b, small, (size_t)k);
        return;
    }
    if ((big = malloc((size_t)k + 1)) == NULL) {
        b->fail = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)k + 1, fmt, ap);
    va_end(ap);
    eqi_sb_put(b, big, (size_t)k);
    free(big);
}

void eqi_sb_clear(eqi_sbuf *b)
{
    b->n = 0;
    if (b->s != NULL)
        b->s[0] = '\0';
}

/* ---- a hash map -------------------------------------------------------- */

/* FNV-1a over the bytes of s. */
static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The finaliser of MurmurHash3: every bit of k moves the slot. */
static size_t mix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdu;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53u;
    k ^= k >> 33;
    return (size_t)k;
}

/* The slot holding key (h, s), or the empty slot where it would go.  s is
** NULL for an integer key h. */
static size_t find(const eqi_map *m, uint64_t h, const char *s)
{
    size_t mask = m->cap - 1;
    for (size_t i = mix(h) & mask;; i = (i + 1) & mask) {
        if (m->val[i] < 0)
            return i;
        if (m->key[i] == h && (s == NULL || strcmp(m->name[i], s) == 0))
            return i;
    }
}

/* The first empty slot on h's probe sequence. */
static size_t empty_slot(const eqi_map *m, uint64_t h)
{
    size_t mask = m->cap - 1, i = mix(h) & mask;
    while (m->val[i] >= 0)
        i = (i + 1) & mask;
    return i;
}

static int get(const eqi_map *m, uint64_t h, const char *s)
{
    return m->cap == 0 ? -1 : m->val[find(m, h, s)];
}

/* Store v under (h, s), which is absent, growing at half full. */
static int put(eqi_map *m, uint64_t h, const char *s, int v)
{
    size_t i;
    if (v < 0)
        return -1;
    if (2 * (m->count + 1) > m->cap) {
        eqi_map big = { NULL, NULL, NULL, m->cap ? 2 * m->cap : 16, 0 };
        if (big.cap > SIZE_MAX / 2 / sizeof *big.key)
            return -1;
        big.key = malloc(big.cap * sizeof *big.key);
        big.name = malloc(big.cap * sizeof *big.name);
        big.val = malloc(big.cap * sizeof *big.val);
        if (big.key == NULL || big.name == NULL || big.val == NULL) {
            eqi_map_free(&big);
            return -1;
        }
        for (size_t j = 0; j < big.cap; j++)
            big.val[j] = -1;
        for (size_t j = 0; j < m->cap; j++)
            if (m->val[j] >= 0) {
                size_t k = empty_slot(&big, m->key[j]);
                big.key[k] = m->key[j];
                big.name[k] = m->name[j];
                big.val[k] = m->val[j];
                big.count++;
            }
        eqi_map_free(m);
        *m = big;
    }
    i = find(m, h, s);
    m->key[i] = h;
    m->name[i] = s;
    m->val[i] = v;
    m->count++;
    return 0;
}

int eqi_map_get(const eqi_map *m, const char *name) { return get(m, hash_str(name), name); }
int eqi_map_put(eqi_map *m, const char *name, int v) { return put(m, hash_str(name), name, v); }
int eqi_map_get_key(const eqi_map *m, uint64_t key) { return get(m, key, NULL); }
int eqi_map_put_key(eqi_map *m, uint64_t key, int v) { return put(m, key, NULL, v); }

void eqi_map_free(eqi_map *m)
{
    free(m->key);
    free(m->name);
    free(m->val);
    memset(m, 0, sizeof *m);
}

uint64_t eqi_hash_str(const char *s) { return hash_str(s); }

int eqi_first_duplicate(const char *const *s, int n)
{
    eqi_map seen = {0};
    int r = -1;
    if (n <= 16) {
        for (int a = 1; a < n; a++)
            for (int b = 0; b < a; b++)
                if (strcmp(s[a], s[b]) == 0)
                    return a;
        return -1;
    }
    if (n <= 512) {
        /* Open addressing in a table on the stack, at most half full. */
        short slot[1024];
        size_t cap = 64;
        while (cap < 2 * (size_t)n)
            cap *= 2;
        memset(slot, 0xff, cap * sizeof *slot);
        for (int a = 0; a < n; a++) {
            size_t i = mix(hash_str(s[a])) & (cap - 1);
            for (; slot[i] >= 0; i = (i + 1) & (cap - 1))
                if (strcmp(s[slot[i]], s[a]) == 0)
                    return a;
            slot[i] = (short)a;
        }
        return -1;
    }
    for (int a = 0; a < n && r == -1; a++) {
        if (eqi_map_get(&seen, s[a]) >= 0)
            r = a;
        else if (eqi_map_put(&seen, s[a], a) != 0)
            r = -2;
    }
    eqi_map_free(&seen);
    return r;
}
