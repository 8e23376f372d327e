/*
** alloc.h -- every allocation of the library goes through eq_set_allocator's
** function (alloc.c).  Included by internal.h after <stdlib.h>, so the
** modules keep writing malloc, calloc, realloc and free; the macros below
** send them to the installed allocator.  tests/check_alloc.sh checks that
** no object of the library but alloc.o calls the C library's allocator.
** Internal; never installed.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_ALLOC_H
#define EQUILIB_ALLOC_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

void *eqi_malloc(size_t size);
void *eqi_calloc(size_t n, size_t size);
void *eqi_realloc(void *p, size_t size);
void eqi_free(void *p);
/* Whether the C library's allocator is the one installed (the default):
** a module may then count on how it lays out large blocks. */
int eqi_alloc_is_libc(void);

#ifndef EQI_ALLOC_IMPL
#define malloc(n) eqi_malloc(n)
#define calloc(n, s) eqi_calloc(n, s)
#define realloc(p, n) eqi_realloc(p, n)
#define free(p) eqi_free(p)
#endif

#endif /* EQUILIB_ALLOC_H */
