#!/bin/sh
# check_headers.sh -- every public header compiles alone, as C11 and as
# C++, warning-free, and the parts together declare what equilib.h does.
#
# usage: check_headers.sh INCLUDE_DIR [CC [CXX]]
#
# Each of include/equilib.h and include/equilib/*.h is the only #include of
# a translation unit compiled with -Wall -Wextra -Wpedantic -Werror as C11
# (CC, default cc) and, when CXX (default c++) exists, as C++.  Then the
# declarations of the umbrella and of all parts included one by one (in
# reverse order, so each part must pull in what it needs) must be the same
# set: a declaration left in no part, or in two, fails.
set -eu
inc=${1:?usage: check_headers.sh INCLUDE_DIR [CC [CXX]]}
cc=${2:-cc}
cxx=${3:-c++}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
hdrs="equilib.h"
for f in "$inc"/equilib/*.h; do
    hdrs="$hdrs equilib/$(basename "$f")"
done
[ "$hdrs" != "equilib.h" ] || { echo "no parts under $inc/equilib"; exit 1; }
have_cxx=0
command -v "$cxx" >/dev/null 2>&1 && have_cxx=1
for h in $hdrs; do
    printf '#include <%s>\nint main(void) { return 0; }\n' "$h" > "$tmp/t.c"
    if ! "$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only \
            -I"$inc" "$tmp/t.c"; then
        echo "FAIL: <$h> does not compile alone as C11"; fail=1
    fi
    if [ $have_cxx = 1 ] && ! "$cxx" -x c++ -Wall -Wextra -Wpedantic -Werror \
            -fsyntax-only -I"$inc" "$tmp/t.c"; then
        echo "FAIL: <$h> does not compile alone as C++"; fail=1
    fi
done
# The same declarations, whichever way they are reached.
printf '#include <equilib.h>\n' > "$tmp/all.c"
: > "$tmp/parts.c"
for h in $(echo $hdrs | tr ' ' '\n' | sort -r); do
    printf '#include <%s>\n' "$h" >> "$tmp/parts.c"
done
"$cc" -std=c11 -E -P -I"$inc" "$tmp/all.c" | sort > "$tmp/all.txt"
"$cc" -std=c11 -E -P -I"$inc" "$tmp/parts.c" | sort > "$tmp/parts.txt"
if ! cmp -s "$tmp/all.txt" "$tmp/parts.txt"; then
    echo "FAIL: <equilib.h> and its parts declare different things:"
    diff "$tmp/all.txt" "$tmp/parts.txt" | head -20
    fail=1
fi
# C linkage for C++ embedders: every header wraps its declarations.
for h in $hdrs; do
    if ! grep -q '^extern "C" {$' "$inc/$h"; then
        echo "FAIL: $h has no extern \"C\" block"; fail=1
    fi
done
# No part is over 1,500 lines (issue 9's rule for every file).
for h in $hdrs; do
    n=$(wc -l < "$inc/$h")
    if [ "$n" -gt 1500 ]; then echo "FAIL: $h has $n lines"; fail=1; fi
done
[ $fail = 0 ] && echo "ok: $(echo $hdrs | wc -w) headers compile alone"
exit $fail
