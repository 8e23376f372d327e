/*
** alloc.c -- the library's one way to allocate memory: a function the host
** may replace, as Lua's lua_Alloc and SQLite's SQLITE_CONFIG_MALLOC allow.
** The default is the C library's realloc and free.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define EQI_ALLOC_IMPL
#include <stdint.h>

#include "internal.h"

static void *libc_alloc(void *ud, void *p, size_t old, size_t size)
{
    (void)ud;
    (void)old;
    if (size == 0) {
        free(p);
        return NULL;
    }
    return realloc(p, size);
}

static eq_alloc_fn alloc_fn = libc_alloc;
static void *alloc_ud;

void eq_set_allocator(eq_alloc_fn fn, void *ud)
{
    alloc_fn = fn != NULL ? fn : libc_alloc;
    alloc_ud = fn != NULL ? ud : NULL;
}

int eqi_alloc_is_libc(void)
{
    return alloc_fn == libc_alloc;
}

void *eqi_malloc(size_t size)
{
    /* malloc(0) may return NULL or a unique pointer; ask for one byte so
    ** that NULL always means "out of memory". */
    return alloc_fn(alloc_ud, NULL, 0, size ? size : 1);
}

void *eqi_calloc(size_t n, size_t size)
{
    void *p;
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    if ((p = eqi_malloc(n * size)) != NULL)
        memset(p, 0, n * size);
    return p;
}

void *eqi_realloc(void *p, size_t size)
{
    /* old is unknown here (0): the function must not rely on it. */
    return alloc_fn(alloc_ud, p, 0, size ? size : 1);
}

void eqi_free(void *p)
{
    if (p != NULL)
        alloc_fn(alloc_ud, p, 0, 0);
}
