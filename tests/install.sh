#!/usr/bin/env bash
# The installed package, as its consumers see it.  Installs the build into
# a fresh prefix under $TMPDIR, then checks:
#   - equilib.h and its parts under include/equilib/ are installed and
#     each compiles alone (tests/check_headers.sh);
#   - the exported CMake files name no absolute path, and the shared
#     library's target forces no dependency on its consumers;
#   - the models are installed, and the installed `equilib report` finds
#     them when run from another folder;
#   - three consumers build and give the hand-derived answer of
#     tests/install/consumer.c: through find_package(equilib) (shared and
#     static targets), through pkg-config against the shared library, and
#     through pkg-config in a fully static link (cc -static); and the
#     pkg-config consumer compiled as C++;
#   - find_package(equilib QUIET) with GLPK's, OpenBLAS's and GMP's
#     development files hidden (CMAKE_IGNORE_PREFIX_PATH hides /usr from
#     find_path and find_library, an empty PKG_CONFIG_LIBDIR hides the .pc
#     files) still finds the shared library, and the static component is
#     merely reported missing.
# Usage: install.sh BUILD_DIR SOURCE_DIR C_COMPILER LIBDIR
set -u
build=$1 src=$2 cc=$3 libdir=$4
fail=0
work=$(mktemp -d -t equilib-install.XXXXXX) || exit 1
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
log=$work/log

ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; sed 's/^/  | /' "$log" | tail -20; fail=1; }
run() { "$@" >"$log" 2>&1; }

if run cmake --install "$build" --prefix "$prefix"; then ok "install"; else bad "install"; exit 1; fi
cmdir=$prefix/$libdir/cmake/equilib

# No absolute path in the exported targets: the libraries are imported
# targets recreated by the package, the math library is "m".
if grep -nE '"/(usr|lib|opt)|;/(usr|lib|opt)' "$cmdir"/equilib*Targets*.cmake >"$log"; then
  bad "exported CMake targets name absolute paths"
else
  ok "exported CMake targets name no absolute path"
fi
if grep -A3 'add_library(equilib::equilib SHARED' "$cmdir/equilibTargets.cmake" |
   grep -q INTERFACE_LINK_LIBRARIES; then
  echo "equilib::equilib has link dependencies" >"$log"; bad "shared target forces nothing"
else
  ok "shared target forces no dependency"
fi

# The public header and all its parts, each compiling alone from the
# installed include/ (C11 and C++).
if run "$src/tests/check_headers.sh" "$prefix/include" "$cc" &&
   [ "$(ls "$src"/include/equilib/*.h | wc -l)" = "$(ls "$prefix"/include/equilib/*.h | wc -l)" ]; then
  ok "headers installed ($(ls "$prefix"/include/equilib/*.h | wc -l) parts), each compiles alone"
else
  bad "headers installed, each compiles alone"
fi

# The models, found by the installed program from anywhere.
n=$(ls "$prefix"/share/equilib/models/*.game 2>/dev/null | wc -l)
if [ "$n" -ge 3 ] && [ -f "$prefix/share/equilib/models/README.md" ]; then
  ok "models installed ($n .game files)"
else
  ls -R "$prefix/share" >"$log" 2>&1; bad "models installed"
fi
mkdir -p "$work/elsewhere"
# --vary delay: the thresholds of one parameter (the full scan of every
# parameter of security.game takes more than ten minutes).
if (cd "$work/elsewhere" && env -u EQUILIB_MODELS "$prefix/bin/equilib" report --vary delay) \
     >"$log" 2>&1 &&
   grep -q "share/equilib/models/security.game" "$log" &&
   ! grep -q "share/equilib/models/nato_membership.game" "$log" &&
   grep -q "^Thresholds: " "$log" && grep -q "^  delay (baseline " "$log" &&
   grep -q "^Timing contrast: " "$log" && grep -q "^    breakpoints in delay, timing=after: " "$log" &&
   grep -q "^Ranking and claims: " "$log" && grep -q "^    keep_shooting: [0-9.]* \[" "$log"; then
  ok "installed report finds the models"
else
  bad "installed report finds the models"
fi

# 1. CMake: find_package(equilib COMPONENTS static), both targets.
if run cmake -S "$src/tests/install" -B "$work/cm" -DCMAKE_C_COMPILER="$cc" \
       -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release &&
   run cmake --build "$work/cm"; then
  ok "CMake consumer builds"
  for t in consumer_shared consumer_static; do
    if run "$work/cm/$t" && grep -q ': ok$' "$log"; then ok "CMake $t: $(cat "$log")"
    else bad "CMake $t runs"; fi
  done
else
  bad "CMake consumer builds"
fi

# 2. pkg-config, shared.
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
# shellcheck disable=SC2046
if run "$cc" -o "$work/pc_shared" "$src/tests/install/consumer.c" \
       $(pkg-config --cflags --libs equilib) -lm -Wl,-rpath,"$prefix/$libdir" &&
   run "$work/pc_shared" && grep -q ': ok$' "$log"; then
  ok "pkg-config shared: $(cat "$log")"
else
  bad "pkg-config shared"
fi

# 2b. The same consumer compiled as C++ and linked against the shared
# library (embedders use C++: every part of equilib.h has C linkage).
if command -v c++ >/dev/null; then
  # shellcheck disable=SC2046
  if run c++ -x c++ -o "$work/pc_cxx" "$src/tests/install/consumer.c" -x none \
         $(pkg-config --cflags --libs equilib) -Wl,-rpath,"$prefix/$libdir" &&
     run "$work/pc_cxx" && grep -q ': ok$' "$log"; then
    ok "pkg-config shared, C++: $(cat "$log")"
  else
    bad "pkg-config shared, C++"
  fi
fi

# 3. pkg-config, fully static: every library from Libs.private.
# shellcheck disable=SC2046
if run "$cc" -static -o "$work/pc_static" "$src/tests/install/consumer.c" \
       $(pkg-config --static --cflags --libs equilib) &&
   run "$work/pc_static" && grep -q ': ok$' "$log"; then
  if readelf -l "$work/pc_static" | grep -q INTERP; then
    echo "pc_static has a program interpreter" >"$log"; bad "pkg-config static is static"
  else
    ok "pkg-config static: $(cat "$log")"
  fi
else
  bad "pkg-config static (flags: $(pkg-config --static --libs equilib))"
fi

# 4. QUIET, with the dependencies' development files out of sight.
mkdir -p "$work/nopc"
if PKG_CONFIG_LIBDIR=$work/nopc PKG_CONFIG_PATH= \
     run cmake -S "$src/tests/install/quiet" -B "$work/q" -DCMAKE_C_COMPILER="$cc" \
       -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_IGNORE_PREFIX_PATH="/usr;/usr/local" &&
   grep -q "equilib_FOUND=1 static_FOUND=FALSE" "$log" &&
   grep -q "with static required: equilib_FOUND=0" "$log" &&
   run cmake --build "$work/q" && run "$work/q/consumer_shared" && grep -q ': ok$' "$log"; then
  ok "find_package(equilib QUIET) without the dependencies' development files"
else
  bad "find_package(equilib QUIET) without the dependencies' development files"
fi

exit $fail
