#!/usr/bin/env bash
# Every allocation of the library goes through eq_set_allocator's function:
# no object of libequilib.a but alloc.c.o may call the C library's malloc
# family directly (solver/alloc.h redirects them; a module that misses the
# header would bypass the allocator, and the out-of-memory tests with it).
set -euo pipefail
lib=$1
[ -f "$lib" ] || { echo "usage: $0 libequilib.a" >&2; exit 2; }
bad=$(nm -A --undefined-only "$lib" |
      awk '{ s = $NF } s ~ /^(malloc|calloc|realloc|reallocarray|free|strdup|strndup|aligned_alloc|posix_memalign|memalign|valloc)$/' |
      grep -v 'alloc\.c\.o:' || true)
if [ -n "$bad" ]; then
  echo "objects calling the C library's allocator directly (include alloc.h):" >&2
  echo "$bad" >&2
  exit 1
fi
n=$(nm -A --undefined-only "$lib" | grep -c 'eqi_malloc\|eqi_calloc\|eqi_realloc\|eqi_free' || true)
echo "ok: $n references to the library's allocator, none to libc's outside alloc.c"
